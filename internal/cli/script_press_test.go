package cli

import (
	"reflect"
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

const pressPath = "../engine/testdata/press.yaml"

// pressScript: the briefing starts at 1:00 with three questions (60 s
// each). Alpha answers question 1 at 1:30 and question 2 at 2:00; action 3
// answers question 2 again and is refused; question 3 runs out at 3:00.
// The facilitator starts the evening conference at 5:00 for Alpha with a
// question of their own; Bravo never answers.
const pressScript = `teams: [Alpha, Bravo]
actions:
  - {at: 90s, team: Alpha, answer: briefing, question: 1, text: "We are sorry. Please stop drinking the juice and call 400-123."}
  - {at: 2m, team: Alpha, answer: briefing, question: 2, text: "No comment."}
  - {at: 2m10s, team: Alpha, answer: briefing, question: 2, text: "Again."}
  - {at: 5m, team: Alpha, press: evening, text: "Will anyone resign?", from: "TV 5"}
`

func pressScenarioCLI(t testing.TB) *scenario.Scenario {
	t.Helper()
	sc, probs, err := scenario.LoadFile(pressPath)
	if sc == nil {
		t.Fatal(probs, err)
	}
	return sc
}

func TestScriptReadsPress(t *testing.T) {
	s, err := ParseScript("s.yaml", []byte(pressScript), pressScenarioCLI(t))
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]engine.Command{
		1: {Kind: engine.CmdAnswer, Team: "Alpha", Conference: "briefing", Question: 1, Text: "We are sorry. Please stop drinking the juice and call 400-123.", Ref: "script:1"},
		4: {Kind: engine.CmdPress, Team: "Alpha", Conference: "evening", From: "TV 5", Text: "Will anyone resign?", Ref: "script:4"},
	}
	for _, a := range s.Actions {
		if w, ok := want[a.Index]; ok {
			if got := a.Command(); !reflect.DeepEqual(got, w) {
				t.Errorf("action %d: %+v, want %+v", a.Index, got, w)
			}
		}
	}
	for _, c := range []struct{ name, action, want string }{
		{"unknown conference", "{at: 1m, team: Alpha, answer: nope, question: 1, text: hi}", `scenario press has no press conference "nope"`},
		{"no question", "{at: 1m, team: Alpha, answer: briefing, text: hi}", "action 1 needs 'question'"},
		{"question 0", "{at: 1m, team: Alpha, answer: briefing, question: 0, text: hi}", "action 1 needs 'question'"},
		{"no text", "{at: 1m, team: Alpha, answer: briefing, question: 1}", "action 1 needs 'text' (the answer)"},
		{"no team", "{at: 1m, answer: briefing, question: 1, text: hi}", `team "" is not one of the script's teams`},
		{"press with question", "{at: 1m, press: briefing, question: 1}", `action 1 has "question", which goes with 'answer', not with "press"`},
	} {
		if err := parseAction(c.action, pressScenarioCLI(t)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// Scripted answers land once and the conference is scored in the result;
// an answer to a question no longer asked is skipped with its code.
func TestPlayPress(t *testing.T) {
	r, _, _ := playScript(t, pressPath, "press.play.yaml", pressScript)
	alpha, bravo := r.Teams[0], r.Teams[1]
	if len(alpha.Press) != 2 || alpha.Press[0].Conference != "briefing" || alpha.Press[1].Conference != "evening" {
		t.Fatalf("Alpha's conferences: %+v", alpha.Press)
	}
	if p := alpha.Press[0]; p.StartedSeconds != 60 || p.Asked != 3 || p.Answered != 2 || p.NoComment != 2 || p.Score <= 0 {
		t.Errorf("Alpha's briefing: %+v", p)
	}
	if p := alpha.Press[1]; p.StartedSeconds != 300 || p.Asked != 2 || p.Answered != 0 {
		t.Errorf("Alpha's evening conference (one scripted question and the facilitator's, both run out): %+v", p)
	}
	if len(bravo.Press) != 1 || bravo.Press[0].Answered != 0 || bravo.Press[0].Score != 0 || bravo.Press[0].NoComment != 3 {
		t.Errorf("Bravo's conferences: %+v", bravo.Press)
	}
	if len(r.Skipped) != 1 || r.Skipped[0].Action != 3 || r.Skipped[0].Code != engine.ErrNotAsked.Code || r.Skipped[0].Command != "answer" {
		t.Errorf("skipped: %+v", r.Skipped)
	}
}

// A team laptop's script answers the press conference through the host:
// the laptop prints the host's answer to each (a refused one with its
// code), and the host's result scores the conference.
func TestLANJoinScriptAnswers(t *testing.T) {
	t.Parallel() // a real-time exercise at speed 600, beside the others
	script := writeFile(t, "s.yaml", `teams: [Alpha]
actions:
  - {at: 70s, team: Alpha, answer: briefing, question: 1, text: "We are sorry. Please stop drinking the juice and call 400-123."}
  - {at: 80s, team: Alpha, answer: briefing, question: 3, text: "Too early."}
  - {at: 6m, team: Alpha, decide: first, choose: good}
`)
	lines, _, r := hostWithAlphaScript(t, pressPath, script, "answer")
	if len(lines) != 2 || lines[0].Action != 1 || lines[0].Conference != "briefing" || lines[0].Question != 1 || lines[0].Status != "accepted" ||
		lines[1].Action != 2 || lines[1].Status != "rejected" || lines[1].Code != engine.ErrNotAsked.Code {
		t.Errorf("alpha's answers: %+v", lines)
	}
	if got := r.Teams[0].Press; len(got) != 1 || got[0].Answered != 1 || got[0].Asked != 3 {
		t.Errorf("the host's result: press %+v", got)
	}
}
