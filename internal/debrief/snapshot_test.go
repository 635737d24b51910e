package debrief

import (
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// The replay's fold: what each team had received, decided and what its
// world was at a given minute.
func TestStateAtMinute(t *testing.T) {
	st, events := playedWorld(t)
	inbox := func(s *engine.State, team string) (ids []string) {
		for _, d := range s.Team(team).Inbox {
			ids = append(ids, d.Inject.Channel)
		}
		return ids
	}

	// At 3 minutes: the memo (2m) is in, the reporter (4m) is not; nobody
	// has decided anything; the deadline clock runs.
	s, err := StateAt(events, 3*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if got := inbox(s, "Bravo"); len(got) != 1 || got[0] != "memo" {
		t.Errorf("Bravo's inbox at 3m = %v", got)
	}
	if n := len(s.Team("Bravo").Answers); n != 0 {
		t.Errorf("Bravo has %d answers at 3m", n)
	}
	if s.Now > 3*time.Minute || s.Ended {
		t.Errorf("state at 3m: now %v, ended %v", s.Now, s.Ended)
	}
	if ds := s.Team("Alpha").RegDeadlines["regulator-72h"]; ds == nil || ds.Met || ds.Missed {
		t.Errorf("Alpha's deadline at 3m: %+v", ds)
	}

	// At 7 minutes Bravo has reported (at 6m) with its statement; Alpha
	// has not.
	s, err = StateAt(events, 7*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	var chosen *engine.Answer
	for i, a := range s.Team("Bravo").Answers {
		if a.Decision.ID == "notify" {
			chosen = &s.Team("Bravo").Answers[i]
		}
	}
	if chosen == nil || chosen.Option == nil || chosen.Option.ID != "report" || chosen.Took() != 2*time.Minute {
		t.Fatalf("Bravo's notify at 7m: %+v", chosen)
	}
	if !s.Team("Alpha").IsOpen("notify") {
		t.Error("Alpha's notify is not open at 7m")
	}

	// At 25 minutes Alpha has missed the 20-minute deadline (due 22m) and
	// lost trust for it; Bravo met it.
	s, err = StateAt(events, 25*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if ds := s.Team("Alpha").RegDeadlines["regulator-72h"]; !ds.Missed {
		t.Errorf("Alpha's deadline at 25m: %+v", ds)
	}
	if ds := s.Team("Bravo").RegDeadlines["regulator-72h"]; !ds.Met {
		t.Errorf("Bravo's deadline at 25m: %+v", ds)
	}
	if a, b := s.Team("Alpha").World["trust"], s.Team("Bravo").World["trust"]; a >= b {
		t.Errorf("trust at 25m: Alpha %g, Bravo %g", a, b)
	}

	// The end folds to the whole log.
	s, err = StateAt(events, time.Hour+time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if s.Seq != st.Seq || !s.Ended {
		t.Errorf("state past the end: seq %d of %d, ended %v", s.Seq, st.Seq, s.Ended)
	}
	// Before the first event: the exercise as set up.
	s, err = StateAt(events, -time.Minute)
	if err != nil || s.Scenario == nil || len(s.Teams) != 2 {
		t.Errorf("state before the start: %v, %+v", err, s)
	}
}

func TestEventTimesAndSteps(t *testing.T) {
	_, events := playedWorld(t)
	times := EventTimes(events)
	for i := 1; i < len(times); i++ {
		if times[i] <= times[i-1] {
			t.Fatalf("times not increasing: %v", times)
		}
	}
	has := func(d time.Duration) bool {
		for _, x := range times {
			if x == d {
				return true
			}
		}
		return false
	}
	for _, d := range []time.Duration{0, 2 * time.Minute, 4 * time.Minute, 6 * time.Minute} {
		if !has(d) {
			t.Errorf("no stop at %v in %v", d, times)
		}
	}
	if got := StepTime(times, 3*time.Minute, 1); got != 4*time.Minute {
		t.Errorf("next after 3m = %v", got)
	}
	if got := StepTime(times, 4*time.Minute, -1); got != 2*time.Minute {
		t.Errorf("previous before 4m = %v", got)
	}
	if got := StepTime(times, 0, -1); got != 0 {
		t.Errorf("previous before 0 = %v", got)
	}
	last := times[len(times)-1]
	if got := StepTime(times, last, 1); got != last {
		t.Errorf("next after the last = %v", got)
	}
}
