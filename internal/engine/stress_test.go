package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/scenarios"
)

// Stress shapes from issue 18: scenarios that pass lint but used to cost
// CPU or memory far beyond their size. The benchmarks play them headless;
// run them with: go test -tags ci,migrated_fynedo ./internal/engine -run '^$' -bench Stress -benchtime 1x -benchmem

const stressHead = `format: firebreak/1
id: stress
title: Stress
languages: [en]
duration: %s
world:
  a: {start: 0, min: -1000000000, max: 1000000000}
`

// dayPhases are the phases of a scenario that runs a whole day.
const dayPhases = `phases:
  start:
    continue: {after: 23h59m, next: end}
  end:
    ending: {outcome: Done}
`

// rulesScenario has n rules, each applying every minute, for a day.
func rulesScenario(n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, stressHead, "24h")
	b.WriteString("rules:\n")
	for range n {
		b.WriteString("  - {every: 1m, effects: {a: 1}}\n")
	}
	b.WriteString(dayPhases)
	return []byte(b.String())
}

// clockTriggersScenario has n triggers that read the clock, firing one
// after another through a day.
func clockTriggersScenario(n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, stressHead, "24h")
	b.WriteString("triggers:\n")
	for i := range n {
		fmt.Fprintf(&b, "  t%d: {when: \"minutes >= %g\", effects: {a: 1}}\n", i, float64(i)*1400/float64(n))
	}
	b.WriteString(dayPhases)
	return []byte(b.String())
}

// injectsScenario has one phase with n injects, all at the same second.
func injectsScenario(n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, stressHead, "1h")
	b.WriteString("phases:\n  start:\n    injects:\n")
	for range n {
		b.WriteString("      - {at: 1s, channel: social, text: x}\n")
	}
	b.WriteString(`    continue: {after: 1m, next: end}
  end:
    ending: {outcome: Done}
`)
	return []byte(b.String())
}

// playThrough starts a headless exercise of src and runs it to its end.
func playThrough(tb testing.TB, src []byte, teams ...string) (*Session, error) {
	tb.Helper()
	s, err := Start(Config{ScenarioID: "stress", Source: src, Teams: teams, Lang: "en", Speed: 1, Seed: 1}, &MemoryLog{}, nil)
	if err != nil {
		return nil, err
	}
	if err := s.Send(Command{Kind: CmdResume}); err != nil {
		return s, err
	}
	return s, s.AdvanceTo(24 * time.Hour)
}

func benchPlay(b *testing.B, src []byte, wantEvents int64) {
	b.ReportAllocs()
	for b.Loop() {
		s, err := playThrough(b, src, "Alpha")
		if err != nil {
			b.Fatal(err)
		}
		var seq int64
		var ended bool
		s.Read(func(st *State) { seq, ended = st.Seq, st.Ended })
		if !ended || seq < wantEvents {
			b.Fatalf("ended=%v after %d events, want at least %d", ended, seq, wantEvents)
		}
	}
}

func BenchmarkStressRules300Every1m24h(b *testing.B) {
	benchPlay(b, rulesScenario(300), 300*1439)
}

func BenchmarkStressClockTriggers5000(b *testing.B) {
	benchPlay(b, clockTriggersScenario(5000), 5000)
}

func BenchmarkStressInjects10kAtOneSecond(b *testing.B) {
	benchPlay(b, injectsScenario(10_000), 10_000)
}

// limitTo lowers the engine's limits for one test.
func limitTo(t *testing.T, perInstant, perExercise int) {
	t.Helper()
	t.Cleanup(SetLimitsForTest(perInstant, perExercise))
}

func TestTooManyEventsAtOneInstantHalts(t *testing.T) {
	limitTo(t, 100, MaxEventsPerExercise)
	s, err := playThrough(t, injectsScenario(150), "Alpha")
	var le *LimitError
	if !errors.Is(err, ErrInstantLimit) || !errors.As(err, &le) || le.Limit != 100 || le.At != time.Second {
		t.Fatalf("150 injects at 1s under a limit of 100 per instant: %v, want a LimitError for ErrInstantLimit at 1s", err)
	}
	var delivered int
	s.Read(func(st *State) { delivered = len(st.Team("Alpha").Inbox) })
	if delivered != 100 {
		t.Errorf("%d injects delivered before the halt, want 100", delivered)
	}
	// Halted: the clock no longer moves, and says why each time.
	if err := s.AdvanceTo(2 * time.Hour); !errors.Is(err, ErrInstantLimit) {
		t.Errorf("advancing a halted exercise: %v, want ErrInstantLimit again", err)
	}
	if err := s.Send(Command{Kind: CmdChoose, Team: "Alpha", Decision: "x", Option: "y"}); !errors.Is(err, ErrInstantLimit) {
		t.Errorf("a choice in a halted exercise: %v, want ErrInstantLimit", err)
	}
	// But the facilitator can end it, and its debrief has what happened
	// and says why it stopped (not that the facilitator chose to).
	if err := s.Send(Command{Kind: CmdEnd}); err != nil {
		t.Fatalf("ending a halted exercise: %v", err)
	}
	s.Read(func(st *State) {
		alpha := st.Team("Alpha")
		if !st.Ended || st.Reason != EndLimit || alpha.EndReason != EndLimit || len(alpha.Inbox) != 100 {
			t.Errorf("after ending: ended=%v reason=%q team reason=%q inbox=%d, want ended for EndLimit with 100 injects",
				st.Ended, st.Reason, alpha.EndReason, len(alpha.Inbox))
		}
	})
}

func TestTooManyEventsInAnExerciseHalts(t *testing.T) {
	limitTo(t, MaxEventsPerInstant, 2000)
	log := &MemoryLog{}
	s, err := Start(Config{ScenarioID: "stress", Source: rulesScenario(10), Teams: []string{"Alpha"}, Lang: "en", Speed: 1, Seed: 1}, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdResume}); err != nil {
		t.Fatal(err)
	}
	// 10 rules a minute: the 2000th event comes at about 3h20m.
	if err := s.AdvanceTo(24 * time.Hour); !errors.Is(err, ErrExerciseLimit) {
		t.Fatalf("under a limit of 2000 events: %v, want ErrExerciseLimit", err)
	}
	s.Read(func(st *State) {
		if st.Seq != 2000 || st.Ended {
			t.Errorf("halted after %d events (ended %v), want exactly 2000 and not ended", st.Seq, st.Ended)
		}
	})
	// Resuming its log opens the exercise halted rather than refusing it,
	// so the facilitator can end it.
	r, err := Resume(log.Events, &MemoryLog{}, NewFakeClock(), 0)
	if err != nil {
		t.Fatalf("resuming a halted exercise: %v", err)
	}
	if err := r.Tick(); !errors.Is(err, ErrExerciseLimit) {
		t.Errorf("ticking a resumed halted exercise: %v, want ErrExerciseLimit", err)
	}
	if err := r.Send(Command{Kind: CmdEnd}); err != nil {
		t.Errorf("ending it: %v", err)
	}
}

// TestBuiltinScenariosFarBelowLimits plays every built-in scenario with the
// most teams, letting every decision time out (the longest paths), and
// checks that it stays a hundredfold below the limits on work.
func TestBuiltinScenariosFarBelowLimits(t *testing.T) {
	names, err := fs.Glob(scenarios.FS, "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatal("no built-in scenarios", err)
	}
	teams := make([]string, MaxTeams)
	for i := range teams {
		teams[i] = fmt.Sprintf("Team %d", i+1)
	}
	for _, n := range names {
		src, err := fs.ReadFile(scenarios.FS, n)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Start(Config{ScenarioID: strings.TrimSuffix(n, ".yaml"), Source: src, Teams: teams, Lang: "en", Speed: 1, Seed: 7}, &MemoryLog{}, nil)
		if err != nil {
			t.Fatal(n, err)
		}
		perInstant, cur := 0, 0
		last := time.Duration(-1)
		s.Subscribe(func(ev Event) {
			if ev.At != last {
				cur, last = 0, ev.At
			}
			cur++
			perInstant = max(perInstant, cur)
		})
		if err := s.Send(Command{Kind: CmdResume}); err != nil {
			t.Fatal(err)
		}
		if err := s.AdvanceTo(24 * time.Hour); err != nil {
			t.Fatal(n, err)
		}
		var total int64
		s.Read(func(st *State) { total = st.Seq })
		if perInstant*100 > MaxEventsPerInstant || total*100 > MaxEventsPerExercise {
			t.Errorf("%s with %d teams: %d events at one instant, %d in all: not far below the limits %d and %d",
				n, MaxTeams, perInstant, total, MaxEventsPerInstant, MaxEventsPerExercise)
		}
	}
}

// TestManyConditionsAreNotAskedOnEveryEvent: a condition is evaluated again
// only when something it reads changes (or, reading the clock, as time
// passes), so an event costs no evaluation per trigger or rule and the time
// to play grows with the events, not with events × conditions.
func TestManyConditionsAreNotAskedOnEveryEvent(t *testing.T) {
	for name, src := range map[string][]byte{
		"rules":          rulesScenario(300),
		"clock triggers": clockTriggersScenario(2000),
	} {
		t.Run(name, func(t *testing.T) {
			s, err := Start(Config{ScenarioID: "stress", Source: src, Teams: []string{"Alpha"}, Lang: "en", Speed: 1, Seed: 1}, &MemoryLog{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.AdvanceTo(90 * time.Minute); err != nil {
				t.Fatal(err)
			}
			s.Read(func(st *State) {
				st.Due(24 * time.Hour) // fills the caches
				if allocs := testing.AllocsPerRun(20, func() { st.Due(24 * time.Hour) }); allocs > 10 {
					t.Errorf("finding the next event allocates %.0f times; want a few, whatever the number of conditions", allocs)
				}
			})
		})
	}
}

// TestConditionsFireWhenTheyHold pins down when cached conditions fire: a
// trigger on a variable a rule moves, one on the clock alone (checked at
// whole minutes), one on the clock and the team's silence, and a rule
// whose while turns false when the team speaks.
func TestConditionsFireWhenTheyHold(t *testing.T) {
	src := []byte(`format: firebreak/1
id: conds
title: Conds
languages: [en]
duration: 30m
world:
  a: {start: 0, max: 1000}
  b: {start: 0, max: 1000}
rules:
  - {id: grow, every: 1m, effects: {a: 1}}
  - {id: quiet, every: 2m, while: "silent", effects: {b: 1}}
triggers:
  three: {when: "a >= 3", effects: {b: 100}}
  half-past-four: {when: "minutes >= 4.5", effects: {b: 10}}
  quiet-two: {when: "silent and minutes >= 2", effects: {b: 10}}
phases:
  start:
    decisions:
      d:
        prompt: Say?
        at: 0s
        target: 5m
        deadline: 20m
        options:
          - {id: speak, text: Speak, next: end}
          - {id: other, text: Other, next: end}
        on_timeout: {next: end}
  end:
    ending: {outcome: Done}
`)
	s, err := Start(Config{ScenarioID: "conds", Source: src, Teams: []string{"Alpha"}, Lang: "en", Speed: 1, Seed: 1}, &MemoryLog{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	fired := map[string]time.Duration{}
	var quiet []time.Duration
	s.Subscribe(func(ev Event) {
		switch {
		case ev.Kind == KindTrigger:
			fired[ev.Trigger] = ev.At
		case ev.Kind == KindRule && ev.Rule == "quiet":
			quiet = append(quiet, ev.At)
		}
	})
	if err := s.Send(Command{Kind: CmdResume}); err != nil {
		t.Fatal(err)
	}
	if err := s.AdvanceTo(7*time.Minute + 30*time.Second); err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Duration{"three": 3 * time.Minute, "half-past-four": 5 * time.Minute, "quiet-two": 2 * time.Minute}
	if !reflect.DeepEqual(fired, want) {
		t.Errorf("triggers fired at %v, want %v", fired, want)
	}
	if err := s.Send(Command{Kind: CmdChoose, Team: "Alpha", Decision: "d", Option: "other"}); err != nil {
		t.Fatal(err)
	}
	if err := s.AdvanceTo(30 * time.Minute); err != nil {
		t.Fatal(err)
	}
	if want := []time.Duration{2 * time.Minute, 4 * time.Minute, 6 * time.Minute}; !reflect.DeepEqual(quiet, want) {
		t.Errorf("the rule while silent applied at %v, want %v (not after the team spoke at 7m30s)", quiet, want)
	}
}

// TestInjectsArriveInTimeThenFileOrder: injects of a phase arrive by time,
// equal times in file order, whatever their order in the file.
func TestInjectsArriveInTimeThenFileOrder(t *testing.T) {
	src := []byte(`format: firebreak/1
id: order
title: Order
languages: [en]
duration: 30m
phases:
  start:
    injects:
      - {id: late, at: 2m, channel: social, text: x}
      - {id: first-of-two, at: 1m, channel: social, text: x}
      - {id: second-of-two, at: 1m, channel: news, text: x}
      - {id: opening, at: 0s, channel: news, text: x}
    continue: {after: 5m, next: end}
  end:
    injects:
      - {id: end-now, at: 0s, channel: news, text: x}
      - {id: end-later, at: 1m, channel: news, text: x}
    ending: {outcome: Done}
`)
	s, err := playThrough(t, src, "Alpha")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	s.Read(func(st *State) {
		for _, d := range st.Team("Alpha").Inbox {
			got = append(got, d.Inject.ID)
		}
	})
	if want := []string{"opening", "first-of-two", "second-of-two", "late", "end-now"}; !reflect.DeepEqual(got, want) {
		t.Errorf("injects arrived as %v, want %v", got, want)
	}
}
