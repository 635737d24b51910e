package play

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

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
		text, left := e.strip.buttons[i].Text, e.strip.left[i].Text
		if text != team+" · What now?" || left != "10:00" {
			t.Errorf("strip item %d says %q, %q", i, text, left)
		}
	}
	advance(t, e, clock, 2*time.Minute)
	if got := e.strip.left[0].Text; got != "08:00" {
		t.Errorf("the countdown does not move: %q", got)
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
	test.Tap(tree.FindButton(t, e.notice, e.host.Loc().T("console.resume")))
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

// TestAChimeSoundsForADecisionOnAnotherTab: a decision opening for a team
// whose tab is not shown sounds the chime once; one on the tab shown does
// not; the console's switch silences it, and the choice is kept.
func TestAChimeSoundsForADecisionOnAnotherTab(t *testing.T) {
	clock := engine.NewFakeClock()
	h := newHost(t)
	rings := 0
	e := showRun(h, Config{Chime: func() { rings++ }}, uitest.StartMini(t, uitest.OpenStore(t), clock))
	if err := e.run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	e.tabs.SelectIndex(1) // Alpha's tab
	advance(t, e, clock, 5*time.Minute)
	if rings != 1 {
		t.Fatalf("Bravo's decision opening rang %d times, want once", rings)
	}
	advance(t, e, clock, time.Second)
	e.refresh()
	if rings != 1 {
		t.Errorf("the same opening rang again (%d)", rings)
	}

	// Silenced from the console: the next opening ("second", in the storm
	// the bad option leads to) makes no sound.
	e.tabs.SelectIndex(0)
	var sound *widget.Check
	for _, c := range tree.Find[*widget.Check](t, e.console.root) {
		if c.Text == h.loc.T("console.sound") {
			sound = c
		}
	}
	if sound == nil || !sound.Checked {
		t.Fatal("the console has no sound switch, or it is off by default")
	}
	test.Tap(sound)
	for _, team := range []string{"Alpha", "Bravo"} {
		if err := e.run.Session.Send(engine.Command{Kind: engine.CmdChoose, Team: team, Decision: "first", Option: "bad"}); err != nil {
			t.Fatal(err)
		}
	}
	advance(t, e, clock, 3*time.Minute)
	var open int
	e.run.Session.Read(func(st *engine.State) { open = len(st.Team("Bravo").Open) })
	if open == 0 {
		t.Fatal("no new decision opened: the test proves nothing")
	}
	if rings != 1 {
		t.Errorf("the chime rang with the sound off (%d)", rings)
	}
	if soundOn() {
		t.Error("the sound switch is not kept")
	}
}

// The chime is a short sound that fades in and out (no click at either
// end) and never clips.
func TestTheChimeIsShortAndSoft(t *testing.T) {
	s := chimeSamples()
	if d := time.Duration(len(s)) * time.Second / chimeRate; d < 200*time.Millisecond || d > time.Second {
		t.Errorf("the chime lasts %v", d)
	}
	peak := float32(0)
	for _, v := range s {
		peak = max(peak, v, -v)
	}
	if peak > 0.5 || peak < 0.1 {
		t.Errorf("peak %v, want a moderate level", peak)
	}
	if a, b := s[0], s[len(s)-1]; a > 0.01 || a < -0.01 || b > 0.01 || b < -0.01 {
		t.Errorf("the chime starts at %v and ends at %v, want silence at both ends", a, b)
	}
}

// With a background runner (as in the app), the automatic pause and the
// resume from its notice are written off the UI goroutine, the pause once
// however many ticks pass before it is; leaving the screen saves the clock
// there too.
func TestAutoPauseAndLeavingWriteOffTheUIGoroutine(t *testing.T) {
	clock := engine.NewFakeClock()
	h := newHost(t)
	db := uitest.OpenStore(t)
	run := uitest.StartMini(t, db, clock)
	fyne.CurrentApp().Preferences().SetBool(prefs.AutoPause(run.ID), true)
	var queued []func()
	e := showRun(h, Config{Background: func(f func()) { queued = append(queued, f) }}, run)
	e.OpenConsole()
	if err := e.run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	drain := func() {
		for len(queued) > 0 {
			f := queued[0]
			queued = queued[1:]
			f()
		}
	}
	e.tabs.SelectIndex(1) // Alpha's tab; Bravo's decision opens unseen
	advance(t, e, clock, 5*time.Minute)
	advance(t, e, clock, time.Second) // a tick before the pause is written
	if paused(e) || len(queued) != 1 {
		t.Fatalf("paused on the UI goroutine %v, %d writes waiting; want one waiting", paused(e), len(queued))
	}
	drain()
	if !paused(e) || !e.notice.Visible() {
		t.Fatalf("once written: paused %v, notice shown %v", paused(e), e.notice.Visible())
	}
	test.Tap(tree.FindButton(t, e.notice, e.host.Loc().T("console.resume")))
	if !paused(e) || len(queued) != 1 {
		t.Fatalf("the resume ran on the UI goroutine (paused %v, %d waiting)", paused(e), len(queued))
	}
	drain()
	if paused(e) || e.notice.Visible() {
		t.Fatalf("once written: paused %v, notice shown %v", paused(e), e.notice.Visible())
	}

	advance(t, e, clock, 42*time.Second)
	at := e.run.Session.ExerciseTime()
	e.Stop()
	saved := func() time.Duration {
		s, err := db.Exercise(run.ID)
		if err != nil {
			t.Fatal(err)
		}
		return s.Clock
	}
	if got := saved(); got == at || len(queued) != 1 {
		t.Fatalf("leaving saved the clock (%v) on the UI goroutine, or queued %d writes", got, len(queued))
	}
	drain()
	if got := saved(); got != at {
		t.Errorf("the clock saved on leaving: %v, want %v", got, at)
	}
}
