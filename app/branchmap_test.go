package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/branchmap"
	"github.com/firebreak-drills/firebreak/app/review"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// The branch map's drawing is tested in app/branchmap; here, the ways in
// and out of it.

func TestBranchMapOpensFromHomeAndGoesBack(t *testing.T) {
	bev, ok := library.Builtin("beverage-recall")
	if !ok {
		t.Fatal("no built-in beverage-recall")
	}
	sh := shellWith(t, uitest.OpenStore(t), engine.NewFakeClock(), "", uitest.MiniEntry(t), bev)
	h := shownHome(t, sh)
	button := h.mapButton(bev.File)
	if button == nil || button.Text != "Branch map" {
		t.Fatalf("no Branch map button on the beverage-recall card: %v", button)
	}
	test.Tap(button)
	b := currentAs[*branchmap.Screen](t, sh)
	if got := tree.DrawnText(sh.body); !strings.Contains(got, bev.Scenario.Phases[0].Title.Get("en")) {
		t.Errorf("the map does not show the first phase's title:\n%s", got)
	}
	if strings.Contains(tree.DrawnText(sh.body), "Highlight") {
		t.Error("a map opened from home offers a team to highlight")
	}

	// The language switch redraws the same map in Chinese.
	test.Tap(sh.langButtons[i18n.ZH])
	if currentAs[*branchmap.Screen](t, sh) != b {
		t.Fatal("the language switch left the branch map")
	}
	if got := tree.DrawnText(sh.body); !strings.Contains(got, bev.Scenario.Phases[0].Title.Get("zh")) {
		t.Errorf("after the switch the map does not show the first phase's Chinese title:\n%s", got)
	}
	test.Tap(sh.langButtons[i18n.EN])

	test.Tap(tree.FindButton(t, sh.body, "Back"))
	shownHome(t, sh)
}

// From the debrief the map offers the teams' paths, and Back returns to the
// debrief.
func TestBranchMapFromDebriefAndBack(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	sh := testShell(t, st, clock)
	run := uitest.StartMini(t, st, clock)
	sh.showExercise(run, nil)
	s := run.Session
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.Send(engine.Command{Kind: engine.CmdResume}))
	clock.Add(6 * time.Minute)
	must(s.Tick())
	must(s.Send(engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "first", Option: "good"}))
	clock.Add(18 * time.Minute) // both teams reach an ending
	must(s.Tick())
	d := currentAs[*review.Debrief](t, sh)

	test.Tap(tree.FindButton(t, sh.body, "Branch map"))
	currentAs[*branchmap.Screen](t, sh)
	if got := tree.DrawnText(sh.body); !strings.Contains(got, "Alpha") {
		t.Errorf("the map opened from the debrief does not name the team whose path it shows:\n%s", got)
	}
	test.Tap(tree.FindButton(t, sh.body, "Back"))
	if currentAs[*review.Debrief](t, sh) != d {
		t.Error("back does not return to the debrief")
	}
}
