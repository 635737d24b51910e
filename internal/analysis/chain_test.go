package analysis

import (
	"math"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

func TestChainIsValid(t *testing.T) {
	sc, probs := scenario.Parse("chain.yaml", Chain())
	if sc == nil {
		t.Fatalf("the chain does not load: %v", probs)
	}
	for _, p := range probs {
		t.Logf("%v", p)
	}
	if len(sc.Phases) != scenario.MaxPhases {
		t.Fatalf("%d phases, want %d", len(sc.Phases), scenario.MaxPhases)
	}
}

// TestChainExplore analyses the largest scenario the format allows, a chain
// of 497 decisions with 4^497 ways through.
func TestChainExplore(t *testing.T) {
	src := Chain()
	sc, _ := scenario.ParseCached("chain.yaml", src)
	for _, timing := range []Timing{Prompt, Late} {
		t0 := time.Now()
		rep, err := ExploreVersion("chain", src, Version{}, timing)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("timing %d: %v, %d states, endings %v, best %.1f %v, worst %.1f", timing, time.Since(t0), rep.States, rep.Endings, rep.Best.Overall, rep.Best.Scores, rep.Worst.Overall)
		// 4^497 ways: the counts saturate; every way ends; every phase is
		// reached; all three endings are.
		if rep.Runs != math.MaxInt || rep.UnendingRuns != 0 || len(rep.Endings) != 3 {
			t.Errorf("ways %d, unending %d, endings %v", rep.Runs, rep.UnendingRuns, rep.Endings)
		}
		if un := rep.Unreached(sc); len(un) > 0 {
			t.Errorf("unreached: %v", un)
		}
		// Owning up every time is best on every dimension: speed 100
		// (41 answering a second before the deadline), transparency and
		// empathy 83.3, follow-up 100 (no claim, so no consistency): 91.7
		// (76.9). Always timing out scores 0.
		best := map[Timing]float64{Prompt: 91.7, Late: 76.9}[timing]
		if rep.Best.Overall != best || rep.Worst.Overall != 0 {
			t.Errorf("best %.1f (want %.1f), worst %.1f (want 0)", rep.Best.Overall, best, rep.Worst.Overall)
		}
		// Too many score summaries to follow them all: the search says so.
		if !rep.Bounded {
			t.Errorf("the chain's scores should be bounded")
		}
		if rep.States > 50*scenario.MaxPhases {
			t.Errorf("%d states: the search no longer merges the chain", rep.States)
		}
	}
}
