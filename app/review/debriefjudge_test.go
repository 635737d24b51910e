package review

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
)

// TestDebriefRatesAfterTheEnd: the exercise has ended; the facilitator rates
// Alpha's objective from the debrief, the rating lands in the log and the
// rebuilt debrief shows it.
func TestDebriefRatesAfterTheEnd(t *testing.T) {
	h, d, st, id := worldDebrief(t)
	d.selectTab(tabObjectives)
	j := d.judge.judgement()
	if j == nil {
		t.Fatal("no judgement for an ended exercise")
	}
	j.OpenRating("Alpha")
	dlg := tree.Dialog(t, h.win)
	radios, reasons := tree.Find[*widget.RadioGroup](t, dlg), tree.Find[*widget.Entry](t, dlg)
	if len(radios) != 1 || len(reasons) != 1 {
		t.Fatalf("world.yaml has one objective, the dialog shows %d ratings and %d reasons", len(radios), len(reasons))
	}
	radios[0].SetSelected("M")
	reasons[0].SetText("Too slow to notify")
	test.Tap(tree.FindButton(t, dlg, h.loc.T("judge.rating_save")))
	state, err := st.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	if r := state.Team("Alpha").Ratings["notify"]; r.Rating != "M" || r.Reason != "Too slow to notify" {
		t.Fatalf("the rating is not in the log: %+v", r)
	}
	d2 := shown[*Debrief](t, h)
	if got := d2.st.Team("Alpha").Ratings["notify"].Rating; got != "M" {
		t.Fatalf("the debrief was not rebuilt from the log: rating %q", got)
	}
	if got := d2.tabs.SelectedIndex(); got != tabObjectives {
		t.Errorf("after saving the rating the debrief shows tab %d, want the Objectives tab (%d) it was on", got, tabObjectives)
	}
}
