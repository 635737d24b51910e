package analysis

import (
	"testing"

	"github.com/firebreak-drills/firebreak/internal/library"
)

func TestZZNodes(t *testing.T) {
	for _, id := range []string{"rumour-attack", "data-leak"} {
		e, _ := library.Builtin(id)
		for _, tm := range []Timing{Prompt, Late} {
			x, _, _ := newSearch(e.ID, e.Source, Version{}, tm, +1)
			hist := map[int]int{}
			for _, n := range x.nodes {
				hist[len(n.entries)]++
			}
			t.Log(id, tm, "states", x.rep.States, "nodes", len(x.nodes), "entries-hist", hist)
		}
	}
}
