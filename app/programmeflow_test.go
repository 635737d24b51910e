package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/home"
	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/programme"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// An organisation typed at setup files the exercise and is offered again;
// a next drill five days ahead of the window's clock is on the home
// screen, whose button opens the programme on that organisation; a week
// later the reminder says the drill is overdue.
func TestProgrammeFromSetupToHomeReminder(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock() // 2026-01-01
	sh := testShell(t, st, clock)
	sh.showSetup(sh.scenarios[0])
	f := shownSetup(t, sh)
	f.orgEntry.SetText("North Water")
	test.Tap(f.startButton)
	list, err := st.Unfinished()
	if err != nil || len(list) != 1 {
		t.Fatalf("unfinished = %v, %v", list, err)
	}
	orgs, err := st.Organisations()
	if err != nil || orgs[list[0].ID] != "North Water" {
		t.Fatalf("organisations = %v, %v", orgs, err)
	}
	if got := fyne.CurrentApp().Preferences().String(prefs.LastOrganisation); got != "North Water" {
		t.Errorf("remembered organisation = %q", got)
	}
	if err := st.SetNextDrill("North Water", "2026-01-06"); err != nil {
		t.Fatal(err)
	}

	sh.showHome()
	currentAs[*home.Screen](t, sh)
	if !tree.Shown(t, sh.body, "Next drill (North Water) in 5 days: 2026-01-06") {
		t.Fatalf("no reminder on the home screen:\n%s", tree.AllText(sh.body))
	}
	tree.FindButton(t, sh.body, "Open the programme").OnTapped()
	currentAs[*programme.Screen](t, sh)
	if !tree.Shown(t, sh.body, "North Water (1)") || !tree.Shown(t, sh.body, "2026-01-06 (in 5 days)") {
		t.Fatalf("the programme:\n%s", tree.AllText(sh.body))
	}

	clock.Add(7 * 24 * time.Hour)
	tree.FindButton(t, sh.body, "Back to home").OnTapped()
	if !tree.Shown(t, sh.body, "Next drill (North Water) overdue by 2 days: 2026-01-06") {
		t.Fatalf("no overdue reminder:\n%s", tree.AllText(sh.body))
	}
}
