package analysis

import (
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/scenario"

	"github.com/firebreak-drills/firebreak/internal/library"
)

func TestMiniScenario(t *testing.T) {
	src, err := os.ReadFile("../engine/testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := ExploreVersion("mini", src, Version{}, Prompt)
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
	if rep.UnendingRuns != 0 || len(rep.Unending) != 0 {
		t.Fatalf("every way through mini ends: %v", rep.Unending)
	}
}

// TestBuiltinDilemmas searches every way through each built-in scenario,
// in every version (the full one and each cut, at each difficulty),
// answering promptly and answering late, and checks that every path ends,
// every phase is reachable, the best and worst play differ clearly, and the
// scenario cannot be gamed: teams that pick by position, by length or by
// "most open" alone finish well below the best, most decisions are real
// dilemmas, and no two scenarios share an option set (issue 10's rules).
func TestBuiltinDilemmas(t *testing.T) {
	list, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	openGap := map[string]float64{} // best − most-open, by scenario
	t.Run("scenario", func(t *testing.T) {
		for _, e := range list {
			for _, v := range versions(e.Scenario) {
				name := e.ID
				if v != (Version{}) {
					name += "/" + scenario.NormalCut(v.Cut) + "/" + scenario.NormalDifficulty(v.Difficulty)
				}
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					sc, err := e.Scenario.Variant(v.Cut, v.Difficulty)
					if err != nil {
						t.Fatal(err)
					}
					rep := checkPlayable(t, e.ID, e.Source, v, sc)
					if rep == nil {
						return
					}
					g, err := CheckGamingVersion(e.ID, e.Source, v, sc, rep)
					if err != nil {
						t.Fatal(err)
					}
					t.Logf("%d ways; best %.1f (%s), worst %.1f (%s)", rep.Runs, g.Best.Overall, g.Best.Ending, g.Worst.Overall, g.Worst.Ending)
					t.Logf("best:        %v", g.Best)
					for _, p := range []struct {
						name string
						run  Run
						gap  float64
					}{{"first-listed", g.First, 25}, {"longest-en", g.LongestEN, 25}, {"longest-zh", g.LongestZH, 25}, {"most-open", g.MostOpen, 10}} {
						t.Logf("%-12s %.1f (best − it = %.1f, need ≥ %g) %v", p.name, p.run.Overall, g.Best.Overall-p.run.Overall, p.gap, p.run)
						if p.name != "most-open" && g.Best.Overall-p.run.Overall < p.gap {
							t.Errorf("a team that always picks the %s option finishes %.1f below the best; it must be at least %g below", p.name, g.Best.Overall-p.run.Overall, p.gap)
						}
					}
					t.Logf("no-dilemma: %d of %d decisions %v", len(g.NoDilemma), g.Decisions, g.NoDilemma)
					if 3*len(g.NoDilemma) > g.Decisions {
						t.Errorf("%d of %d decisions are no dilemma (one option best on every axis): %v; at most a third may be", len(g.NoDilemma), g.Decisions, g.NoDilemma)
					}
					if g.Best.Overall < 75 || g.Worst.Overall > 35 || g.Best.Overall-g.Worst.Overall < 40 {
						t.Errorf("best and worst play should differ clearly (best ≥ 75, worst ≤ 35, 40 apart):\n best  %v\n worst %v", g.Best, g.Worst)
					}
					for _, c := range g.Best.Choices {
						if strings.HasSuffix(c, "=missed") {
							t.Errorf("the best path leaves a decision unanswered: %s", c)
						}
					}
					if v == (Version{}) {
						mu.Lock()
						openGap[e.ID] = g.Best.Overall - g.MostOpen.Overall
						mu.Unlock()
					}
				})
			}
		}
	})
	if len(openGap) == len(list) {
		n := 0
		for _, gap := range openGap {
			if gap >= 10 {
				n++
			}
		}
		t.Logf("best − most-open: %v", openGap)
		if n < 4 {
			t.Errorf("the team that always picks the most open option is 10 points below the best in only %d scenarios (%v); it must be in at least 4 of %d", n, openGap, len(list))
		}
	}
	// No two scenarios share an option set.
	seen := map[string]string{}
	for _, e := range list {
		for _, p := range e.Scenario.Phases {
			for _, d := range p.Decisions {
				ids := make([]string, len(d.Options))
				for i, o := range d.Options {
					ids[i] = o.ID
				}
				slices.Sort(ids)
				key := strings.Join(ids, ",")
				where := e.ID + ":" + d.ID
				if other, dup := seen[key]; dup && !strings.HasPrefix(other, e.ID+":") {
					t.Errorf("%s and %s share the option set {%s}; write options specific to each story", other, where, key)
				}
				seen[key] = where
			}
		}
	}
}

// checkPlayable explores a scenario both ways and checks that every path
// ends, every phase is reachable and it has at least three endings; it
// returns the exploration answering promptly.
func checkPlayable(t *testing.T, id string, source []byte, v Version, sc *scenario.Scenario) *Report {
	t.Helper()
	var prompt *Report
	for _, timing := range []Timing{Prompt, Late} {
		rep, err := ExploreVersion(id, source, v, timing)
		if err != nil {
			t.Fatal(err)
		}
		if rep.UnendingRuns > 0 {
			t.Errorf("timing %d: %d ways through run out of time before an ending, e.g. %v", timing, rep.UnendingRuns, rep.Unending[0])
		}
		if rep.Bounded {
			t.Errorf("timing %d: the analysis bounded the scores; a built-in scenario must be analysed exactly", timing)
		}
		if timing == Prompt {
			if un := rep.Unreached(sc); len(un) > 0 {
				t.Errorf("phases no play reaches: %v", un)
			}
			if len(rep.Endings) < 3 {
				t.Errorf("only endings %v are reachable; a scenario needs at least 3", rep.EndingNames())
			}
			prompt = rep
		}
	}
	return prompt
}

// versions are every version of a scenario a facilitator can choose: the
// full version and each cut, at each difficulty (the full version at
// standard first, as Version{}).
func versions(sc *scenario.Scenario) []Version {
	cuts := []string{""}
	for _, c := range sc.Cuts() {
		cuts = append(cuts, c.ID)
	}
	var out []Version
	for _, c := range cuts {
		for _, d := range []string{"", scenario.DifficultyEasy, scenario.DifficultyHard} {
			out = append(out, Version{Cut: c, Difficulty: d})
		}
	}
	return out
}

// EndingNames lists the endings reached, sorted.
func (r *Report) EndingNames() []string {
	out := make([]string, 0, len(r.Endings))
	for k := range r.Endings {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
