package app

import (
	"testing"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// TestResumeAndDebriefLoadOffTheUIGoroutine: resuming an exercise and
// opening a debrief read the log in the background; the window shows a
// loading screen until the work is done, then the exercise or the debrief.
func TestResumeAndDebriefLoadOffTheUIGoroutine(t *testing.T) {
	st := openStore(t)
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
	currentAs[*loadingScreen](t, sh)
	run()
	currentAs[*exerciseScreen](t, sh)

	sh.showDebrief(finished)
	currentAs[*loadingScreen](t, sh)
	run()
	currentAs[*debriefScreen](t, sh)

	// A failure comes back to the home screen with the error.
	sh.resumeExercise("no-such-exercise")
	run()
	currentAs[*homeScreen](t, sh)
	if sh.win.Canvas().Overlays().Top() == nil {
		t.Error("a failed resume shows no error")
	}
}
