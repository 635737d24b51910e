package analysis

import (
	"testing"

	"github.com/firebreak-drills/firebreak/internal/library"
)

// BenchmarkExplore analyses each built-in scenario as `firebreak analyze`
// does: both timings and the naive policies.
func BenchmarkExplore(b *testing.B) {
	list, err := library.Builtins()
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range list {
		b.Run(e.ID, func(b *testing.B) {
			for range b.N {
				for _, timing := range []Timing{Prompt, Late} {
					rep, err := Explore(e.ID, e.Source, timing)
					if err != nil {
						b.Fatal(err)
					}
					if timing == Prompt {
						if _, err := CheckGaming(e.ID, e.Source, e.Scenario, rep); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(rep.States), "states")
				}
			}
		})
	}
}
