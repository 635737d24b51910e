package cli

import (
	"reflect"
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

const casesPath = "../engine/testdata/cases.yaml"

// casesScript: the traveller writes at 1:00 (5 minutes), the family at
// 2:00 (3 minutes). Alpha gives the traveller the first seat at 1:30 and
// the family a room at 2:30; action 3 handles the traveller again and is
// refused. Bravo gives the traveller a hotel room (a poor fit) and never
// answers the family.
const casesScript = `teams: [Alpha, Bravo]
actions:
  - {at: 90s, team: Alpha, case: traveller, remedy: seat, text: "Dear Mr Chen, we are sorry. You are on the first flight out; call 400-123 if anything changes."}
  - {at: 150s, team: Alpha, case: family, remedy: room, text: "Dear Ms Wu, we are so sorry. A room and a hot dinner are ready for you tonight."}
  - {at: 160s, team: Alpha, case: traveller, remedy: cash, text: "Again."}
  - {at: 100s, team: Bravo, case: traveller, remedy: room, text: "A room has been booked."}
`

func casesScenarioCLI(t testing.TB) *scenario.Scenario {
	t.Helper()
	sc, probs, err := scenario.LoadFile(casesPath)
	if sc == nil {
		t.Fatal(probs, err)
	}
	return sc
}

func TestScriptReadsCases(t *testing.T) {
	s, err := ParseScript("s.yaml", []byte(casesScript), casesScenarioCLI(t))
	if err != nil {
		t.Fatal(err)
	}
	want := engine.Command{Kind: engine.CmdHandleCase, Team: "Bravo", Case: "traveller", Option: "room", Text: "A room has been booked.", Ref: "script:4"}
	found := false
	for _, a := range s.Actions {
		if a.Index == 4 {
			found = true
			if got := a.Command(); !reflect.DeepEqual(got, want) {
				t.Errorf("action 4: %+v, want %+v", got, want)
			}
		}
	}
	if !found {
		t.Fatal("no action 4")
	}
	for _, c := range []struct{ name, action, want string }{
		{"unknown case", "{at: 1m, team: Alpha, case: nope, remedy: seat, text: hi}", `scenario cases has no case "nope"`},
		{"unknown remedy", "{at: 1m, team: Alpha, case: traveller, remedy: limo, text: hi}", `case "traveller" has no remedy "limo" (remedies: seat, room, cash)`},
		{"no text", "{at: 1m, team: Alpha, case: traveller, remedy: seat}", "action 1 needs 'text' (the personal reply)"},
		{"no team", "{at: 1m, case: traveller, remedy: seat, text: hi}", `team "" is not one of the script's teams`},
		{"remedy with a decision", "{at: 1m, team: Alpha, decide: first, choose: good, remedy: seat}", `action 1 has "remedy", which goes with 'case', not with "decide"`},
	} {
		if err := parseAction(c.action, casesScenarioCLI(t)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// Scripted cases land once and the result lists them; a case handled
// twice is skipped with its code.
func TestPlayCases(t *testing.T) {
	r, _, _ := playScript(t, casesPath, "cases.play.yaml", casesScript)
	alpha, bravo := r.Teams[0], r.Teams[1]
	if len(alpha.Cases) != 2 || alpha.Cases[0].Status != "handled" || alpha.Cases[0].Fit != "good" || alpha.Cases[1].Status != "handled" ||
		alpha.Cases[1].Remedy != "room" || alpha.Cases[0].Public {
		t.Errorf("Alpha's cases: %+v", alpha.Cases)
	}
	if len(bravo.Cases) != 2 || bravo.Cases[0].Fit != "poor" || !bravo.Cases[0].Public || bravo.Cases[1].Status != "missed" || !bravo.Cases[1].Public {
		t.Errorf("Bravo's cases: %+v", bravo.Cases)
	}
	if alpha.Scores["empathy"] <= bravo.Scores["empathy"] || alpha.Scores["speed"] <= bravo.Scores["speed"] {
		t.Errorf("Alpha %v does not beat Bravo %v on empathy and speed", alpha.Scores, bravo.Scores)
	}
	if len(r.Skipped) != 1 || r.Skipped[0].Action != 3 || r.Skipped[0].Code != engine.ErrCaseNotOpen.Code || r.Skipped[0].Command != "handle-case" {
		t.Errorf("skipped: %+v", r.Skipped)
	}
}

// A team laptop's script handles cases through the host: the laptop
// prints the host's answer to each (a refused one with its code), and the
// host's result lists the case handled.
func TestLANJoinScriptCases(t *testing.T) {
	t.Parallel() // a real-time exercise at speed 600, beside the others
	script := writeFile(t, "s.yaml", `teams: [Alpha]
actions:
  - {at: 70s, team: Alpha, case: traveller, remedy: seat, text: "Dear Mr Chen, we are sorry. You are on the first flight out; call 400-123."}
  - {at: 80s, team: Alpha, case: family, remedy: room, text: "Too early."}
  - {at: 6m, team: Alpha, decide: first, choose: good}
`)
	lines, _, r := hostWithAlphaScript(t, casesPath, script, "case")
	if len(lines) != 2 || lines[0].Action != 1 || lines[0].Case != "traveller" || lines[0].Option != "seat" || lines[0].Status != "accepted" ||
		lines[1].Action != 2 || lines[1].Status != "rejected" || lines[1].Code != engine.ErrCaseNotOpen.Code {
		t.Errorf("alpha's cases: %+v", lines)
	}
	if got := r.Teams[0].Cases; len(got) == 0 || got[0].Case != "traveller" || got[0].Status != "handled" || got[0].Remedy != "seat" {
		t.Errorf("the host's result: cases %+v", got)
	}
}
