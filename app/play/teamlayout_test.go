package play

import (
	"testing"

	"fyne.io/fyne/v2"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// On a laptop screen the team's world meters show whole above the
// decision and the inbox; on a 1024×600 netbook they take at most two
// fifths of the page and scroll, and the decision and the inbox keep the
// rest.
func TestTheTeamViewGivesAShortScreenToTheWork(t *testing.T) {
	e, err := library.Find("beverage-recall") // nine world variables: two rows of meters
	if err != nil {
		t.Fatal(err)
	}
	h := newHost(t)
	ex := showRun(h, Config{}, uitest.StartEntry(t, uitest.OpenStore(t), engine.NewFakeClock(), e, 1, "Alpha", "Bravo"))
	ex.tabs.SelectIndex(ex.teamTab(0)) // Alpha's (the role-player tab comes first)
	tv := ex.team(0)
	head, rest := tv.root.(*fyne.Container).Objects[0], tv.root.(*fyne.Container).Objects[1]
	meters := tv.meters.Box.MinSize().Height
	for _, c := range []struct {
		size  fyne.Size
		whole bool
	}{
		{fyne.NewSize(1280, 800), true},
		{fyne.NewSize(1280, 720), true},
		// A 1024×600 netbook: the test's window has neither the app's
		// header nor the strip of open decisions, 90 px together.
		{fyne.NewSize(1024, 510), false},
	} {
		h.win.Resize(c.size)
		page := tv.root.Size().Height
		shown := head.Size().Height - (head.MinSize().Height - tv.root.(*fyne.Container).Layout.(*teamLayout).metersScroll.MinSize().Height)
		switch {
		case c.whole && shown < meters:
			t.Errorf("at %v the meters show %.0f of %.0f px", c.size, shown, meters)
		case !c.whole && (head.Size().Height > page*2/5+1 || rest.Size().Height < page*3/5-1):
			t.Errorf("at %v the head takes %.0f of %.0f px", c.size, head.Size().Height, page)
		}
		if rest.Position().Y != head.Size().Height || rest.Size().Height+head.Size().Height != page {
			t.Errorf("at %v the work area is not below the head, filling the page", c.size)
		}
	}
}
