package debrief

import (
	"sort"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// StateAt is the exercise as it stood at exercise time at: the fold
// (engine.NewState + Apply) of the logged events up to and including
// that moment. The replay in the debrief shows it: what each team had
// received and decided by then, and its world. A time before the first
// event gives the state after the first (the exercise as it was set up);
// a log that stops folding gives the state before the event that fails,
// with the error.
func StateAt(events []engine.Event, at time.Duration) (*engine.State, error) {
	s := engine.NewState()
	for i, e := range events {
		if i > 0 && e.At > at {
			break
		}
		if err := s.Apply(e); err != nil {
			return s, err
		}
	}
	return s, nil
}

// EventTimes lists the distinct exercise times of the events that change
// what a team has or knows (injects, decisions, phases, triggers, missed
// deadlines and promises, the facilitator's judgements), in order: the
// stops of the replay's "previous" and "next" buttons. Clock, feed and
// rule events are left out.
func EventTimes(events []engine.Event) []time.Duration {
	var out []time.Duration
	for _, e := range events {
		switch e.Kind {
		case engine.KindPaused, engine.KindResumed, engine.KindSpeed, engine.KindFeed, engine.KindRule, engine.KindRejected:
			continue
		}
		if n := len(out); n == 0 || out[n-1] != e.At {
			out = append(out, e.At)
		}
	}
	return out
}

// StepTime returns the stop of times after (dir > 0) or before (dir < 0)
// at, or at itself when there is none.
func StepTime(times []time.Duration, at time.Duration, dir int) time.Duration {
	if dir > 0 {
		i := sort.Search(len(times), func(i int) bool { return times[i] > at })
		if i < len(times) {
			return times[i]
		}
		return at
	}
	i := sort.Search(len(times), func(i int) bool { return times[i] >= at })
	if i > 0 {
		return times[i-1]
	}
	return at
}
