package cli

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

const repliesPath = "../engine/testdata/replies.yaml"

// repliesScript answers the parent's complaint (Alpha, with the hotline)
// and an ad-hoc email (Bravo). Action 2 is refused: at 1m no ad-hoc inject
// has reached Bravo yet.
const repliesScript = `teams: [Alpha, Bravo]
actions:
  - {at: 2m, team: Alpha, reply: complaint, text: "We are sorry. Please call our hotline 400-123 now."}
  - {at: 1m, team: Bravo, reply: adhoc-1, text: "Thank you for writing."}
  - {at: 3m, team: Bravo, inject: email, text: "Can we talk?", from: "Jane Doe, Reuters"}
  - {at: 4m, team: Bravo, reply: adhoc-1, text: "Yes: call our press office."}
  - {at: 6m, team: Alpha, decide: first, choose: good}
  - {at: 6m, team: Bravo, decide: first, choose: good}
`

func repliesScenario(t testing.TB) *scenario.Scenario {
	t.Helper()
	sc, probs, err := scenario.LoadFile(repliesPath)
	if sc == nil {
		t.Fatal(probs, err)
	}
	return sc
}

func TestScriptReadsReplies(t *testing.T) {
	s, err := ParseScript("s.yaml", []byte(repliesScript), repliesScenario(t))
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]engine.Command{
		1: {Kind: engine.CmdReply, Team: "Alpha", Inject: "complaint", Text: "We are sorry. Please call our hotline 400-123 now.", Ref: "script:1"},
		2: {Kind: engine.CmdReply, Team: "Bravo", Inject: "adhoc-1", Text: "Thank you for writing.", Ref: "script:2"},
	}
	for _, a := range s.Actions {
		if w, ok := want[a.Index]; ok {
			if got := a.Command(); !reflect.DeepEqual(got, w) {
				t.Errorf("action %d: %+v, want %+v", a.Index, got, w)
			}
			if a.What() != "reply "+w.Inject {
				t.Errorf("action %d: %q", a.Index, a.What())
			}
		}
	}
}

// A reply naming an inject the scenario lacks, or one that asks for no
// answer, exits 2 with its position in the script, as an unknown decision
// does; so does one without text or team, or with a field of another verb.
func TestScriptRefusesBadReplies(t *testing.T) {
	cases := []struct{ name, action, want string }{
		{"unknown inject", "{at: 1m, team: Alpha, reply: nope, text: hi}", `s.yaml:3:34: scenario replies has no inject "nope"`},
		{"asks for no answer", "{at: 1m, team: Alpha, reply: reporter, text: hi}", `s.yaml:3:34: inject "reporter" of scenario replies asks for no answer`},
		{"not an ad-hoc id", "{at: 1m, team: Alpha, reply: adhoc-0, text: hi}", `scenario replies has no inject "adhoc-0"`},
		{"no text", "{at: 1m, team: Alpha, reply: complaint}", "action 1 needs 'text' (the reply)"},
		{"blank text", "{at: 1m, team: Alpha, reply: complaint, text: '  '}", "action 1 needs 'text' (the reply)"},
		{"no team", "{at: 1m, reply: complaint, text: hi}", `team "" is not one of the script's teams`},
		{"unknown team", "{at: 1m, team: Zulu, reply: complaint, text: hi}", `team "Zulu" is not one of the script's teams`},
		{"after", "{after: 1m, team: Alpha, reply: complaint, text: hi}", "'after' counts from when a decision opens, so it goes with 'decide'; use 'at'"},
		{"no time", "{team: Alpha, reply: complaint, text: hi}", "action 1 needs 'at'"},
		{"with choose", "{at: 1m, team: Alpha, reply: complaint, text: hi, choose: good}", `action 1 has "choose", which goes with 'decide', not with "reply"`},
		{"with decide", "{at: 1m, team: Alpha, reply: complaint, decide: first}", `action 1 has both "decide" and "reply"`},
		{"a list", "{at: 1m, team: Alpha, reply: [complaint], text: hi}", "reply (an inject id) must be a single value, not a list"},
	}
	sc := repliesScenario(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := parseAction(c.action, sc)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
		})
	}
	// Through the command: exit 2, the position in the script.
	dir := t.TempDir()
	bad := writeFile(t, "bad.play.yaml", "teams: [Alpha]\nactions:\n  - {at: 1m, team: Alpha, reply: nope, text: hi}\n")
	code, _, stderr := runCLI(t, "play", repliesPath, "--script", bad, "--db", filepath.Join(dir, "x.db"), "--out", dir)
	if code != ExitUsage || !strings.Contains(stderr, "bad.play.yaml:3:34: scenario replies has no inject \"nope\"") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// A scripted reply lands once, judged for its facts; a reply the engine
// refuses is skipped with its reason and code, as a refused choice or
// facilitator's action is.
func TestPlayReplies(t *testing.T) {
	r, _, stderr := playScript(t, repliesPath, "replies.play.yaml", repliesScript)
	alpha, bravo := r.Teams[0], r.Teams[1]
	if want := []ReplyResult{{Inject: "complaint", AtSeconds: 120, FactsRequired: []string{"hotline"}, FactsFound: []string{"hotline"}}}; !reflect.DeepEqual(alpha.Replies, want) {
		t.Errorf("Alpha's replies: %+v, want %+v", alpha.Replies, want)
	}
	if want := []ReplyResult{{Inject: "adhoc-1", AtSeconds: 240}}; !reflect.DeepEqual(bravo.Replies, want) {
		t.Errorf("Bravo's replies: %+v, want %+v", bravo.Replies, want)
	}
	if len(r.Skipped) != 1 {
		t.Fatalf("skipped: %+v", r.Skipped)
	}
	if sk := r.Skipped[0]; sk.Action != 2 || sk.Team != "Bravo" || sk.Command != "reply" || sk.Inject != "adhoc-1" ||
		sk.Code != engine.ErrNoReply.Code || sk.Reason != engine.ErrNoReply.Error() || sk.AtSeconds != 60 {
		t.Errorf("skipped: %+v", sk)
	}
	if !strings.Contains(stderr, "warning: script action 2 (Bravo at 00:01:00: reply adhoc-1) skipped: the team has received no such inject") {
		t.Errorf("warning: %s", stderr)
	}
	if len(alpha.Decisions) == 0 || alpha.Decisions[0].Option != "good" {
		t.Errorf("Alpha's decisions: %+v", alpha.Decisions)
	}
}

// A team laptop's script replies through the host: the laptop prints the
// host's answer to each reply (a refused one with the engine's code), and
// the host's result has the reply that landed.
func TestLANJoinScriptReplies(t *testing.T) {
	t.Parallel() // a real-time exercise at speed 600, beside the others
	script := writeFile(t, "s.yaml", `teams: [Alpha]
actions:
  - {at: 2m, team: Alpha, reply: complaint, text: "We are sorry. Please call our hotline 400-123 now."}
  - {at: 3m, team: Alpha, reply: adhoc-1, text: "Thank you."}
  - {at: 6m, team: Alpha, decide: first, choose: good}
`)
	lines, alpha, r := hostWithAlphaScript(t, repliesPath, script, "reply")
	if len(lines) != 2 || lines[0].Action != 1 || lines[0].Inject != "complaint" || lines[0].Status != "accepted" ||
		lines[1].Action != 2 || lines[1].Inject != "adhoc-1" || lines[1].Status != "rejected" || lines[1].Code != engine.ErrNoReply.Code {
		t.Errorf("alpha's replies: %+v", lines)
	}
	if !strings.Contains(alpha.stderr(), "script action 2 (reply adhoc-1) was refused: the team has received no such inject") {
		t.Errorf("alpha's warning:\n%s", alpha.stderr())
	}
	if got := r.Teams[0].Replies; len(got) != 1 || got[0].Inject != "complaint" || !reflect.DeepEqual(got[0].FactsFound, []string{"hotline"}) {
		t.Errorf("the host's result: replies %+v", got)
	}
}
