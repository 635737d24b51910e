package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/join"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// An evaluator's laptop over real connections: joined with the long
// evaluator code the Team laptops tab shows (neither the teams' nor the
// role-player's) and the evaluator's name, it rates Alpha's objective while
// the facilitator's app is closed, and is then killed too. Started again,
// it rejoins under the same name by itself and, once the facilitator's
// app is back, sends the rating again: it is stored once, under the
// evaluator's name; the Team laptops tab names the evaluator; no team's
// state holds anything of it.
func TestEvaluatorLaptopSurvivesRestartsOfEitherSide(t *testing.T) {
	rig := startHostedWith(t, uitest.EngineEntry(t, "world.yaml"))
	uiq, fac := rig.ui, rig.fac
	codes := rig.seatCodes()
	if len(codes) != 2 || codes[0] == codes[1] {
		t.Fatalf("the Team laptops tab shows %d seat codes, want the role-player's and the evaluator's", len(codes))
	}
	evalCode := codes[1] // after the role-player's

	ev := rig.joinSeat(1, evalCode, rig.fac.loc.T("lan.join.evaluator_placeholder"), "Lee") // Join as an evaluator
	seatLine := ev.loc.T("lan.eval.connected", "seat", "Lee", "address", "127.0.0.1:"+rig.port())
	uiq.Eventually(t, "the evaluator's laptop joins", func() bool { return strings.Contains(deepText(t, ev.body), seatLine) })
	uiq.Eventually(t, "the Team laptops tab names the evaluator", func() bool {
		return strings.Contains(deepText(t, fac.body), fac.loc.T("lan.host.eval_seats", "seats", "Lee"))
	})
	// The evaluator sees the objective's guide, with nothing to choose,
	// post or reply for a team.
	text := deepText(t, ev.body)
	if !strings.Contains(text, "Notify the regulator in time") || !strings.Contains(text, "Name one spokesperson") {
		t.Fatalf("the evaluator's laptop shows no guide:\n%s", text)
	}
	for _, b := range tree.Find[*widget.Button](t, ev.body) {
		if b.Text == "Send" || b.Text == "Post" || b.Text == "Reply" {
			t.Errorf("the evaluator's laptop offers %q", b.Text)
		}
	}

	// The facilitator's app closes; the evaluator rates Alpha's
	// objective U, which waits.
	fac.close()
	tree.Find[*widget.RadioGroup](t, ev.body)[0].SetSelected("U")
	uiq.Eventually(t, "the rating is kept on its way", func() bool { s, _ := loadSavedJoin(); return len(s.Pending) == 1 })
	saved, _ := loadSavedJoin()
	if !saved.Evaluator || saved.Roleplayer || saved.Team != "Lee" || saved.Claim == "" || saved.Pending[0].Kind != engine.CmdEvalRate ||
		saved.Pending[0].Rating != "U" || saved.Pending[0].Target != "Alpha" {
		t.Fatalf("the evaluator's laptop keeps %+v", saved)
	}
	ev.close()
	uiq.Pump()

	// The evaluator's laptop starts again first and tries to rejoin; the
	// facilitator resumes; it gets in and sends the rating.
	ev2 := teamShell(t, nil)
	uiq.Pump()
	currentAs[*join.Screen](t, ev2)
	rig.resume()
	uiq.Eventually(t, "the evaluator's laptop rejoins under its name and sends the rating", func() bool {
		s, _ := loadSavedJoin()
		return strings.Contains(deepText(t, ev2.body), seatLine) && len(s.Pending) == 0 && s.Claim == saved.Claim
	})
	st := rig.state()
	evs := st.Team("Alpha").Evaluations["notify"]
	if len(evs) != 1 || evs[0].Evaluator != "Lee" || evs[0].Rating != "U" || !evs[0].Live {
		t.Errorf("Alpha's evaluations: %+v", evs)
	}
	events, err := rig.st.Events(rig.id)
	if err != nil {
		t.Fatal(err)
	}
	rated := 0
	for _, e := range events {
		if e.Kind == engine.KindEvalRated {
			rated++
		}
	}
	if rated != 1 {
		t.Errorf("the rating is stored %d times", rated)
	}
}
