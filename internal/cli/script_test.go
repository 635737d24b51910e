package cli

import (
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

func FuzzParseScript(f *testing.F) {
	sc, probs, err := scenario.LoadFile(miniPath)
	if sc == nil {
		f.Fatal(probs, err)
	}
	f.Add([]byte(miniScript))
	f.Add([]byte("teams: [A]\nactions: [{at: 1m, team: A, decide: first, choose: good}]\n"))
	f.Add([]byte("teams: &a [A]\nactions: *a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseScript("f.yaml", data, sc)
		if err == nil {
			for _, a := range s.Actions {
				if sc.Decision(a.Decision).Option(a.Option) == nil || a.At > sc.Duration {
					t.Fatalf("accepted an action the scenario cannot take: %+v", a)
				}
			}
		}
	})
}

// TestScriptTypeErrorsSayWhatWasExpected: a value of the wrong YAML type is
// reported at its line and column in the script's own words, never as Go's
// "cannot unmarshal !!seq into string" or a Go type name.
func TestScriptTypeErrorsSayWhatWasExpected(t *testing.T) {
	sc, probs, err := scenario.LoadFile(miniPath)
	if sc == nil {
		t.Fatal(probs, err)
	}
	cases := []struct{ name, script, want string }{
		{"teams not a list", "teams: Alpha\nactions: []\n", `s.yaml:1:8: teams must be a list of team names, like [Alpha, Bravo], not "Alpha"`},
		{"team name a list", "teams: [[Alpha]]\n", "s.yaml:1:9: a team name must be a single value, not a list"},
		{"at a list", "teams: [Alpha]\nactions:\n  - {at: [1m], team: Alpha, decide: first, choose: good}\n", "s.yaml:3:10: at (a time such as 12m) must be a single value, not a list"},
		{"choose a mapping", "teams: [Alpha]\nactions:\n  - {at: 1m, team: Alpha, decide: first, choose: {a: 1}}\n", "s.yaml:3:50: choose (an option id) must be a single value, not a mapping"},
		{"unknown action field", "teams: [Alpha]\nactions:\n  - {at: 1m, team: Alpha, decide: first, choose: good, bogus: 1}\n", `s.yaml:3:56: unknown field "bogus" in action 1; an action has at, after, team, decide, choose, text`},
		{"unknown top field", "teams: [Alpha]\nactoins: []\n", `s.yaml:2:1: unknown field "actoins" in the script; it has 'teams' and 'actions'`},
		{"actions a mapping", "teams: [Alpha]\nactions: {at: 1m}\n", "s.yaml:2:10: actions must be a list of actions (lines starting with '- '), not a mapping"},
		{"action a string", "teams: [Alpha]\nactions:\n  - at 1m\n", `s.yaml:3:5: action 1 must be a mapping like {at: 12m, team: Alpha, decide: …, choose: …}, not "at 1m"`},
		{"script a list", "- teams\n", "s.yaml:1:1: a script is a mapping with 'teams:' and 'actions:', not a list"},
		{"alias", "teams: &t [Alpha]\nactions: []\n", "s.yaml:1:8: YAML anchors, aliases and merge keys"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseScript("s.yaml", []byte(c.script), sc)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
			for _, internal := range []string{"unmarshal", "!!", "[]string", "struct", "cli."} {
				if strings.Contains(err.Error(), internal) {
					t.Errorf("message shows Go internals (%q): %v", internal, err)
				}
			}
		})
	}
	// Values YAML reads as numbers or null are still plain values.
	s, err := ParseScript("s.yaml", []byte("teams: [Alpha, 7]\nactions:\n  - {at: 0, team: Alpha, decide: first, choose: good, text: 12}\n  - {at: 1m, team: 7, decide: first, choose: bad, text: ~}\n"), sc)
	if err != nil || len(s.Actions) != 2 || s.Actions[0].Text != "12" || s.Actions[1].Team != "7" || s.Actions[1].Text != "" {
		t.Fatalf("plain values: %+v, %v", s, err)
	}
}

// TestActionRefIsMadeOnce: play looks actions up by Ref for every refused
// one, so a script of many actions that are refused must not format a
// string on each look-up (a 12,000-action script took 24 s, most of it
// in fmt.Sprintf).
func TestActionRefIsMadeOnce(t *testing.T) {
	sc, probs, err := scenario.LoadFile(miniPath)
	if sc == nil {
		t.Fatal(probs, err)
	}
	s, err := ParseScript("s.yaml", []byte(miniScript), sc)
	if err != nil {
		t.Fatal(err)
	}
	a := s.Actions[2]
	if a.Ref() != "script:3" {
		t.Fatalf("ref %q, want script:3", a.Ref())
	}
	if n := testing.AllocsPerRun(100, func() { _ = a.Ref() }); n != 0 {
		t.Errorf("Ref allocates %.0f times; want 0", n)
	}
}

// A syntax error in a script names its file and the line where the broken
// construct starts (the YAML library's parser counts from 0).
func TestScriptSyntaxErrorNamesItsLine(t *testing.T) {
	_, err := ParseScript("s.yaml", []byte("teams: [A]\nactions: [\n  {at: 1m\n"), nil)
	if err == nil || !strings.HasPrefix(err.Error(), "s.yaml:3:1: YAML syntax: did not find expected ',' or '}'") {
		t.Fatalf("got %v, want the error at s.yaml:3:1", err)
	}
}
