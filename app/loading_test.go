package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/review"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// TestResumeAndDebriefLoadOffTheUIGoroutine: resuming an exercise and
// opening a debrief read the log in the background; the window shows a
// loading screen until the work is done, then the exercise or the debrief.
func TestResumeAndDebriefLoadOffTheUIGoroutine(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	running := playedMini(t, st, clock, true, false)
	finished := playedMini(t, st, clock, true, true)
	sh := testShell(t, st, clock)
	var queued []func()
	sh.deps.background = func(f func()) { queued = append(queued, f) }
	run := func() {
		for len(queued) > 0 {
			f := queued[0]
			queued = queued[1:]
			f()
		}
	}

	sh.resumeExercise(running)
	currentAs[*ui.LoadingScreen](t, sh)
	run()
	currentAs[*exerciseScreen](t, sh)

	sh.showDebrief(finished)
	currentAs[*ui.LoadingScreen](t, sh)
	run()
	currentAs[*review.Debrief](t, sh)

	// A failure comes back to the home screen with the error.
	sh.resumeExercise("no-such-exercise")
	run()
	shownHome(t, sh)
	if sh.win.Canvas().Overlays().Top() == nil {
		t.Error("a failed resume shows no error")
	}
}

// TestSetupStartsInTheBackground: the start button says the exercise is
// starting and takes no second press while the exercise is written in the
// background; then the exercise shows.
func TestSetupStartsInTheBackground(t *testing.T) {
	st := uitest.OpenStore(t)
	sh := testShell(t, st, engine.NewFakeClock())
	var queued []func()
	sh.deps.background = func(f func()) { queued = append(queued, f) }
	sh.showSetup(uitest.MiniEntry(t))
	s := shownSetup(t, sh)
	test.Tap(s.startButton)
	if !s.startButton.Disabled() || s.startButton.Text != "Starting…" {
		t.Errorf("while starting, the button says %q (disabled %v)", s.startButton.Text, s.startButton.Disabled())
	}
	test.Tap(s.startButton) // a second press starts nothing more
	if len(queued) != 1 {
		t.Fatalf("%d starts queued, want 1", len(queued))
	}
	queued[0]()
	currentAs[*exerciseScreen](t, sh)
	if es, _ := st.Exercises(); len(es) != 1 {
		t.Errorf("%d exercises stored, want 1", len(es))
	}
}

// TestALocalChoiceIsStoredOffTheUIGoroutine: on a shared laptop a team's
// confirmed choice is written (an fsync) in the background; its option
// buttons wait meanwhile, and the choice counts once it is stored.
func TestALocalChoiceIsStoredOffTheUIGoroutine(t *testing.T) {
	_, e, clock := startShared(t, false)
	var queued []func()
	e.sh.deps.background = func(f func()) { queued = append(queued, f) }
	e.sh.Show(e) // the team views take the background
	advance(t, e, clock, 5*time.Minute)
	tv := e.teams[0]
	test.Tap(optionButton(t, tv, "first", 0))
	tv.confirm.Confirm()
	if len(queued) != 1 {
		t.Fatalf("%d sends queued, want the choice's", len(queued))
	}
	for _, b := range tv.optionButtons["first"] {
		if !b.Disabled() {
			t.Error("an option can be chosen while the choice is being stored")
		}
	}
	var chosen int
	e.run.Session.Read(func(st *engine.State) { chosen = len(st.Team("Alpha").Answers) })
	if chosen != 0 {
		t.Fatal("the choice was stored on the UI goroutine")
	}
	queued[0]()
	e.run.Session.Read(func(st *engine.State) { chosen = len(st.Team("Alpha").Answers) })
	if chosen != 1 || len(tv.sending) != 0 {
		t.Errorf("after the send: %d answers, sending %v", chosen, tv.sending)
	}
}

// TestTheConsoleSendsOffTheUIGoroutine: the console's commands (here the
// clock and a schedule change) are stored in the background.
func TestTheConsoleSendsOffTheUIGoroutine(t *testing.T) {
	ex, _ := schedConsole(t, i18n.EN)
	var queued []func()
	ex.sh.deps.background = func(f func()) { queued = append(queued, f) }
	ex.sh.Show(ex) // the console takes the background
	c := ex.console
	test.Tap(c.pauseButton)
	if paused(ex) || len(queued) != 1 {
		t.Fatalf("the pause ran on the UI goroutine (paused %v, %d queued)", paused(ex), len(queued))
	}
	queued[0]()
	if !paused(ex) {
		t.Error("the pause did not take effect once run")
	}
	c = ex.console
	c.delaySelects["call\x00Alpha, Bravo"].SetSelectedIndex(1)
	if at, _ := pendingAt(ex, "Bravo", "call"); at != 5*time.Minute || len(queued) != 2 {
		t.Fatalf("the delay ran on the UI goroutine (due %v, %d queued)", at, len(queued))
	}
	queued[1]()
	if at, _ := pendingAt(ex, "Bravo", "call"); at != 10*time.Minute {
		t.Errorf("after the delay ran, Bravo's call is due at %v, want 10:00", at)
	}
}
