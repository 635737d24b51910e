package cli

import (
	"slices"
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

const triagePath = "../engine/testdata/triage.yaml"

func triageScenarioCLI(t testing.TB) *scenario.Scenario {
	t.Helper()
	sc, probs, err := scenario.LoadFile(triagePath)
	if sc == nil {
		t.Fatal(probs, err)
	}
	return sc
}

const triageScript = `teams: [Alpha]
actions:
  - at: 1m
    team: Alpha
    triage: first
    marks:
      video: rumour answer 3
      mum: complaint   answer  2
      bots: troll ignore
      gossip: rumour monitor
      reporter: journalist answer 1
`

// A script's triage reads every post's mark, in the feed's file order,
// and becomes the team's CmdTriage; mistakes are said at their place.
func TestScriptReadsTriage(t *testing.T) {
	sc := triageScenarioCLI(t)
	s, err := ParseScript("s.yaml", []byte(triageScript), sc)
	if err != nil {
		t.Fatal(err)
	}
	cmd := s.Actions[0].Command()
	want := engine.PerfectTriage(sc.Decision("first").Triage)
	if cmd.Kind != engine.CmdTriage || cmd.Team != "Alpha" || cmd.Decision != "first" || !slices.Equal(cmd.Triage, want) {
		t.Errorf("command %+v, want the perfect triage %v", cmd, want)
	}
	if got := s.Actions[0].What(); got != "triage first" {
		t.Errorf("What() = %q", got)
	}
	for _, c := range []struct{ name, from, to, want string }{
		{"no such decision", "triage: first", "triage: second", `scenario triage has no decision "second"`},
		{"no marks", "    marks:\n      video: rumour answer 3\n      mum: complaint   answer  2\n      bots: troll ignore\n      gossip: rumour monitor\n      reporter: journalist answer 1\n", "", "needs 'marks'"},
		{"a post missing", "      reporter: journalist answer 1\n", "", `s.yaml:7:7: post "reporter" has no mark`},
		{"an unknown post", "reporter: journalist", "journo: journalist", `the feed has no post "journo"`},
		{"an unknown class", "bots: troll ignore", "bots: spam ignore", `post "bots": "spam" is not a class`},
		{"an unknown action", "bots: troll ignore", "bots: troll block", `post "bots": "block" is not an action`},
		{"an answer without its place", "video: rumour answer 3", "video: rumour answer", `post "video": a post to answer needs its place in the order`},
		{"a place not a number", "video: rumour answer 3", "video: rumour answer third", `post "video": the place "third" is not a whole number from 1 to 12`},
		{"a place on a post not answered", "bots: troll ignore", "bots: troll ignore 4", `post "bots": only a post to answer has a place`},
		{"one word", "bots: troll ignore", "bots: troll", `write the mark as "class action"`},
		{"not a mapping", "    marks:\n      video: rumour answer 3\n      mum: complaint   answer  2\n      bots: troll ignore\n      gossip: rumour monitor\n      reporter: journalist answer 1\n", "    marks: [video]\n", "marks must be a mapping"},
	} {
		src := strings.Replace(triageScript, c.from, c.to, 1)
		if _, err := ParseScript("s.yaml", []byte(src), sc); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// FuzzParseMark: a mark is two known words (an answer with its place from
// 1) or an error, never a panic.
func FuzzParseMark(f *testing.F) {
	f.Add("complaint answer 1")
	f.Add("complaint answer")
	f.Add("troll ignore 2")
	f.Add("rumour answer -1")
	f.Add("rumour answer 99999999999999999999")
	f.Add("  troll\tignore ")
	f.Add("rumour")
	f.Add("journalist answer now")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		class, action, rank, err := ParseMark(s)
		if err != nil {
			if class != "" || action != "" || rank != 0 {
				t.Errorf("%q: an error with %q %q %d", s, class, action, rank)
			}
			return
		}
		if !slices.Contains(scenario.TriageClasses, class) || !slices.Contains(scenario.TriageActions, action) {
			t.Errorf("%q read as %q %q", s, class, action)
		}
		if (action == scenario.ActionAnswer) != (rank >= 1 && rank <= scenario.MaxTriagePosts) || (action != scenario.ActionAnswer && rank != 0) {
			t.Errorf("%q read as %q with place %d", s, action, rank)
		}
	})
}
