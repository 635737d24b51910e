package analysis

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// sameReport checks that the merged search found what playing every way
// through finds.
func sameReport(t *testing.T, old, got *Report) {
	t.Helper()
	if got.Bounded {
		t.Errorf("the search bounded the scores (Bounded): not comparable with playing every way")
	}
	if got.Runs != old.Runs {
		t.Errorf("ways through: %d, exhaustive %d", got.Runs, old.Runs)
	}
	if !reflect.DeepEqual(got.Endings, old.Endings) {
		t.Errorf("endings %v, exhaustive %v", got.Endings, old.Endings)
	}
	if !reflect.DeepEqual(got.Reachable, old.Reachable) {
		t.Errorf("reachable %v, exhaustive %v", got.Reachable, old.Reachable)
	}
	if !reflect.DeepEqual(got.Best, old.Best) {
		t.Errorf("best:\n %v\nexhaustive:\n %v", got.Best, old.Best)
	}
	if !reflect.DeepEqual(got.Worst, old.Worst) {
		t.Errorf("worst:\n %v\nexhaustive:\n %v", got.Worst, old.Worst)
	}
	if got.UnendingRuns != len(old.Unending) {
		t.Errorf("unending: %d, exhaustive %d", got.UnendingRuns, len(old.Unending))
	}
	n := min(len(old.Unending), MaxUnending)
	if !reflect.DeepEqual(got.Unending, old.Unending[:n]) && n > 0 {
		t.Errorf("unending examples differ:\n %v\nexhaustive:\n %v", got.Unending, old.Unending[:n])
	}
}

func TestMergedMatchesExhaustiveQuick(t *testing.T) {
	files, _ := filepath.Glob("../engine/testdata/*.yaml")
	files = append(files, "../../scenarios/beverage-recall.yaml")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		id := filepath.Base(f)
		id = id[:len(id)-len(".yaml")]
		for _, timing := range []Timing{Prompt, Late} {
			t0 := time.Now()
			old, oerr := exploreExhaustive(id, src, timing)
			t1 := time.Now()
			got, gerr := ExploreVersion(id, src, Version{}, timing)
			t2 := time.Now()
			t.Logf("%s timing %d: exhaustive %d ways %v; merged %d states %v", id, timing, old.Runs, t1.Sub(t0), got.States, t2.Sub(t1))
			if (oerr == nil) != (gerr == nil) {
				t.Fatalf("%s: errors %v, exhaustive %v", id, gerr, oerr)
			}
			if oerr != nil {
				continue
			}
			sameReport(t, old, got)
		}
	}
}

func reflectEqual(a, b any) bool { return reflect.DeepEqual(a, b) }
