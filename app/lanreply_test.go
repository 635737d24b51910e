package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
)

// A team laptop answers the facilitator's ad-hoc inject from its card: the
// reply crosses the network, the facilitator's store records it once, and
// the laptop's card lists it.
func TestATeamLaptopRepliesToAnInject(t *testing.T) {
	rig := startHosted(t)
	code, _ := rig.hostFile()
	team := rig.joinTyped("Alpha", code)
	test.Tap(tree.FindButton(t, rig.fac.body, "Start the clock"))

	test.Tap(tree.FindButton(t, rig.fac.body, "Send inject…"))
	dlg := tree.Dialog(t, rig.fac.win)
	selects := tree.Find[*widget.Select](t, dlg)
	if len(selects) < 2 {
		t.Fatalf("the inject dialog shows %d lists", len(selects))
	}
	selects[0].SetSelected("Alpha")
	selects[1].SetSelected("Customer")
	tree.Find[*ui.SendEntry](t, dlg)[0].SetText("Where is my refund?")
	test.Tap(tree.FindButton(t, dlg, "Send"))
	rig.ui.Eventually(t, "the inject reaches the team laptop", func() bool {
		return strings.Contains(deepText(t, team.body), "Where is my refund?")
	})

	test.Tap(tree.FindButton(t, team.body, "Reply"))
	var box *ui.SendEntry
	for _, e := range tree.Find[*ui.SendEntry](t, team.body) {
		if strings.HasPrefix(e.PlaceHolder, "Your answer") {
			box = e
		}
	}
	if box == nil {
		t.Fatal("Reply opened no box on the team laptop")
	}
	box.SetText("Your refund left our bank today; call 400-123 if it has not arrived by Friday.")
	test.Tap(tree.FindButton(t, team.body, "Send reply"))
	rig.ui.Eventually(t, "the reply is stored on the facilitator's laptop", func() bool {
		return len(rig.state().Team("Alpha").Replies) == 1
	})
	rig.ui.Eventually(t, "the team laptop lists the reply", func() bool {
		return strings.Contains(deepText(t, team.body), "Your reply, sent at")
	})
	if r := rig.state().Team("Alpha").Replies[0]; r.Inject.ID != "adhoc-1" || !strings.Contains(r.Text, "400-123") {
		t.Errorf("the stored reply: %+v", r)
	}
}
