package cli

import (
	"testing"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/lan"
)

// A choice the host refused only because its clock stands still goes
// again; any other refusal is final. (The crash harness found a laptop
// giving up on a choice that reached a host restarted and still paused:
// FIREBREAK_CRASH_SEED=1796531192598650437.)
func TestOnlyAPausedClockHoldsAChoice(t *testing.T) {
	for _, c := range []struct {
		o    lan.Outcome
		held bool
	}{
		{lan.Outcome{Status: lan.StatusRejected, Code: engine.ErrPaused.Code, Reason: engine.ReasonPaused}, true},
		{lan.Outcome{Status: lan.StatusRejected, Reason: engine.ReasonPaused}, true}, // a host from before codes
		{lan.Outcome{Status: lan.StatusRejected, Code: engine.ErrNotOpen.Code, Reason: `decision "first" is not open for team "Alpha"`}, false},
		{lan.Outcome{Status: lan.StatusAccepted}, false},
	} {
		if got := heldByPause(c.o); got != c.held {
			t.Errorf("%+v: held %v, want %v", c.o, got, c.held)
		}
	}
}
