package analysis

import (
	"testing"

	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// BenchmarkExplore analyses each built-in scenario as `firebreak analyze`
// does: both timings (at the same time) and the naive policies.
func BenchmarkExplore(b *testing.B) {
	list, err := library.Builtins()
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range list {
		b.Run(e.ID, func(b *testing.B) {
			for range b.N {
				rep, late, err := ExploreBothVersion(e.ID, e.Source, Version{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := CheckGamingVersion(e.ID, e.Source, Version{}, e.Scenario, rep); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(rep.States+late.States), "states")
			}
		})
	}
}

// BenchmarkChain analyses the generated 500-phase chain (Chain) as
// `firebreak analyze` does.
func BenchmarkChain(b *testing.B) {
	src := Chain()
	sc, probs := scenario.ParseCached("chain.yaml", src)
	if sc == nil {
		b.Fatal(probs)
	}
	for range b.N {
		rep, late, err := ExploreBothVersion("chain", src, Version{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := CheckGamingVersion("chain", src, Version{}, sc, rep); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(rep.States+late.States), "states")
	}
}
