package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
)

// A team laptop handles a customer case from its own view: the case
// reaches it across the network, the remedy and the reply go back as one
// command, the facilitator's store records it once, and the laptop's panel
// shows the case handled.
func TestATeamLaptopHandlesACase(t *testing.T) {
	rig := startHostedWith(t, uitest.EngineEntry(t, "cases.yaml"))
	code, _ := rig.hostFile()
	team := rig.joinTyped("Alpha", code)
	test.Tap(tree.FindButton(t, rig.fac.body, "Start the clock"))
	rig.clock.Add(70 * time.Second) // the traveller writes at 1:00
	rig.ui.Eventually(t, "the case reaches the team laptop", func() bool {
		return strings.Contains(deepText(t, team.body), "I must be in Shenzhen by nine.")
	})
	radios := tree.Find[*widget.RadioGroup](t, team.body)
	if len(radios) != 1 {
		t.Fatalf("%d remedy lists on the team laptop", len(radios))
	}
	radios[0].SetSelected("First seat out")
	var box *ui.SendEntry
	for _, e := range tree.Find[*ui.SendEntry](t, team.body) {
		if strings.HasPrefix(e.PlaceHolder, "Your personal reply to Chen Hao") {
			box = e
		}
	}
	if box == nil {
		t.Fatal("no reply box for the case on the team laptop")
	}
	box.SetText("Dear Mr Chen, we are sorry. You are on the first flight out; call 400-123 if anything changes.")
	test.Tap(tree.FindButton(t, team.body, "Send remedy and reply"))
	rig.ui.Eventually(t, "the case is stored on the facilitator's laptop", func() bool {
		c := rig.state().Team("Alpha").CaseState("traveller")
		return c != nil && c.Handled
	})
	rig.ui.Eventually(t, "the team laptop shows the case handled", func() bool {
		return strings.Contains(deepText(t, team.body), "Chen Hao: First seat out (sent at")
	})
	c := rig.state().Team("Alpha").CaseState("traveller")
	if c.Remedy.ID != "seat" || !strings.Contains(c.Text, "400-123") || c.Rubric == nil {
		t.Errorf("the stored case: %+v", c)
	}
	if b := rig.state().Team("Bravo").CaseState("traveller"); b == nil || b.Handled {
		t.Errorf("Bravo's traveller: %+v", b)
	}
}
