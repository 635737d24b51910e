package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/play"
	"github.com/firebreak-drills/firebreak/app/review"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
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
	currentAs[*play.Screen](t, sh)

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
	currentAs[*play.Screen](t, sh)
	if es, _ := st.Exercises(); len(es) != 1 {
		t.Errorf("%d exercises stored, want 1", len(es))
	}
}
