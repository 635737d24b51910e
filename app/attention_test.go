package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// startShared starts the mini scenario for Alpha and Bravo on one laptop
// through the setup form, with auto-pause as given, and runs the clock.
func startShared(t *testing.T, autoPause bool) (*shell, *exerciseScreen, *engine.FakeClock) {
	t.Helper()
	clock := engine.NewFakeClock()
	sh := testShell(t, openStore(t), clock)
	sh.showSetup(miniEntry(t))
	s := currentAs[*setupScreen](t, sh)
	s.autoPauseCheck.SetChecked(autoPause)
	test.Tap(s.startButton)
	e := currentAs[*exerciseScreen](t, sh)
	if err := e.run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	return sh, e, clock
}

// advance moves the exercise clock on by d, as the ticker would.
func advance(t *testing.T, e *exerciseScreen, clock *engine.FakeClock, d time.Duration) {
	t.Helper()
	clock.Add(d)
	if err := e.run.Session.Tick(); err != nil {
		t.Fatal(err)
	}
	e.refresh()
}

func paused(e *exerciseScreen) bool {
	var p bool
	e.run.Session.Read(func(st *engine.State) { p = st.Paused })
	return p
}

// TestTheStripListsEveryOpenDecision: with two teams on one laptop, the
// strip above the tabs lists each team's open decision with its question
// and countdown, and a click shows that team's tab; it goes once they
// have chosen.
func TestTheStripListsEveryOpenDecision(t *testing.T) {
	_, e, clock := startShared(t, false)
	if e.strip.box.Visible() {
		t.Error("the strip shows with no decision open")
	}
	advance(t, e, clock, 5*time.Minute) // the reporter's call opens "first"
	if paused(e) {
		t.Fatal("the clock paused without auto-pause")
	}
	if !e.strip.box.Visible() || len(e.strip.buttons) != 2 {
		t.Fatalf("the strip: shown %v, %d items; want 2", e.strip.box.Visible(), len(e.strip.buttons))
	}
	for i, team := range []string{"Alpha", "Bravo"} {
		text := e.strip.buttons[i].Text
		if !strings.HasPrefix(text, team+" · What now?") || !strings.HasSuffix(text, "10:00") {
			t.Errorf("strip item %d says %q", i, text)
		}
	}
	advance(t, e, clock, 2*time.Minute)
	if !strings.HasSuffix(e.strip.buttons[0].Text, "08:00") {
		t.Errorf("the countdown does not move: %q", e.strip.buttons[0].Text)
	}
	test.Tap(e.strip.buttons[1])
	if got := e.tabs.Items[e.tabs.SelectedIndex()].Text; !strings.HasPrefix(got, "Bravo") {
		t.Errorf("the strip's Bravo item shows the tab %q", got)
	}
	for _, team := range []string{"Alpha", "Bravo"} {
		if err := e.run.Session.Send(engine.Command{Kind: engine.CmdChoose, Team: team, Decision: "first", Option: "good"}); err != nil {
			t.Fatal(err)
		}
	}
	e.refresh()
	if e.strip.box.Visible() {
		t.Error("the strip stays after every decision was taken")
	}
}

// TestAutoPauseWaitsForTheTeamsTab: with auto-pause, a decision opening
// for a team whose tab is not shown pauses the clock and says for whom;
// anyone can resume from the notice, and the same opening does not pause
// again.
func TestAutoPauseWaitsForTheTeamsTab(t *testing.T) {
	_, e, clock := startShared(t, true)
	e.tabs.SelectIndex(1) // Alpha's tab is shown
	advance(t, e, clock, 5*time.Minute)
	if !paused(e) {
		t.Fatal("the clock did not pause for Bravo's decision")
	}
	if !e.notice.Visible() || !strings.Contains(e.noticeLabel.Text, "for Bravo") || strings.Contains(e.noticeLabel.Text, "Alpha") {
		t.Errorf("the notice: shown %v, %q; want it to name Bravo alone", e.notice.Visible(), e.noticeLabel.Text)
	}
	test.Tap(e.noticeResume)
	if paused(e) || e.notice.Visible() {
		t.Fatal("resuming from the notice leaves the clock paused or the notice shown")
	}
	advance(t, e, clock, time.Minute)
	if paused(e) {
		t.Error("the same opening paused the clock again")
	}
}

// Auto-pause is a shared laptop's: it is off unless chosen.
func TestNoAutoPauseUnlessChosen(t *testing.T) {
	_, e, clock := startShared(t, false)
	e.tabs.SelectIndex(1)
	advance(t, e, clock, 5*time.Minute)
	if paused(e) || e.notice.Visible() {
		t.Error("the clock paused by itself without the setup option")
	}
}
