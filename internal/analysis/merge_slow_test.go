//go:build exhaustive

package analysis

import (
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/library"
)

// TestMergedMatchesExhaustiveBuiltins compares the merged search with
// playing every way through, on every built-in scenario, both timings. It
// takes minutes: go test -tags ci,migrated_fynedo,exhaustive -run Exhaustive -timeout 30m ./internal/analysis
func TestMergedMatchesExhaustiveBuiltins(t *testing.T) {
	list, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		t.Run(e.ID, func(t *testing.T) {
			t.Parallel()
			for _, timing := range []Timing{Prompt, Late} {
				t0 := time.Now()
				old, err := exploreExhaustive(e.ID, e.Source, timing)
				if err != nil {
					t.Fatal(err)
				}
				t1 := time.Now()
				got, err := ExploreVersion(e.ID, e.Source, Version{}, timing)
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("timing %d: exhaustive %d ways %v; merged %d states %v", timing, old.Runs, t1.Sub(t0), got.States, time.Since(t1))
				sameReport(t, old, got)
				for _, pick := range []Pick{PickFirst, PickMostOpen, PickLongest("en"), PickLongest("zh")} {
					a, err := followPolicyOld(e.ID, e.Source, e.Scenario, pick)
					if err != nil {
						t.Fatal(err)
					}
					b, err := FollowPolicyVersion(e.ID, e.Source, Version{}, e.Scenario, pick)
					if err != nil {
						t.Fatal(err)
					}
					if timing == Prompt && !reflectEqual(a, b) {
						t.Errorf("policy run %v, before %v", b, a)
					}
				}
			}
		})
	}
}
