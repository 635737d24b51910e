package analysis

import (
	"os"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/library"
)

func TestMiniScenario(t *testing.T) {
	src, err := os.ReadFile("../engine/testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Explore("mini", src, Prompt)
	if err != nil {
		t.Fatal(err)
	}
	// first: good | bad | timeout; after bad or timeout, second: apologise | double-down | timeout.
	if rep.Runs != 7 {
		t.Fatalf("mini has 7 ways through, explored %d", rep.Runs)
	}
	if rep.Best.Overall != 100 || rep.Best.Ending != "good-end" {
		t.Fatalf("best: %v", rep.Best)
	}
	if rep.Worst.Overall != 0 || rep.Worst.Ending != "bad-end" {
		t.Fatalf("worst (silence twice): %v", rep.Worst)
	}
	if len(rep.Unending) != 0 {
		t.Fatalf("every way through mini ends: %v", rep.Unending)
	}
}

// TestBuiltinScenariosRewardGoodCommunication plays every way through each
// built-in scenario, answering promptly and answering late, and checks that
// every path ends, every phase is reachable, and the best and worst play
// differ clearly.
func TestBuiltinScenariosRewardGoodCommunication(t *testing.T) {
	list, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		t.Run(e.ID, func(t *testing.T) {
			t.Parallel()
			for _, timing := range []Timing{Prompt, Late} {
				rep, err := Explore(e.ID, e.Source, timing)
				if err != nil {
					t.Fatal(err)
				}
				if len(rep.Unending) > 0 {
					t.Errorf("timing %d: %d ways through run out of time before an ending, e.g. %v", timing, len(rep.Unending), rep.Unending[0])
				}
				if timing == Prompt {
					if un := rep.Unreached(e.Scenario); len(un) > 0 {
						t.Errorf("phases no play reaches: %v", un)
					}
					if len(rep.Endings) < 3 {
						t.Errorf("only endings %v are reachable; a scenario needs at least 3", rep.EndingNames())
					}
					if rep.Best.Overall < 75 || rep.Worst.Overall > 35 || rep.Best.Overall-rep.Worst.Overall < 40 {
						t.Errorf("best and worst play should differ clearly:\n best  %v\n worst %v", rep.Best, rep.Worst)
					}
					t.Logf("%d ways; best %.1f (%s), worst %.1f (%s)", rep.Runs, rep.Best.Overall, rep.Best.Ending, rep.Worst.Overall, rep.Worst.Ending)
				}
			}
		})
	}
}
