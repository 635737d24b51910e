package analysis

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// graphShape is a fingerprint of a scenario's phase graph with every id and
// text left out: which phase leads to which (by an option, a route, a
// timeout or a continue), which phase is the start and which are endings.
// Two graphs with different fingerprints are different shapes; the
// fingerprint is colour refinement (Weisfeiler–Leman), so two that share
// one are, for phase graphs of this size, the same shape in practice.
func graphShape(sc *scenario.Scenario) string {
	idx := map[string]int{}
	for i, p := range sc.Phases {
		idx[p.ID] = i
	}
	n := len(sc.Phases)
	out := make([][]int, n)
	in := make([][]int, n)
	add := func(from int, to string) {
		j, ok := idx[to]
		if !ok || slices.Contains(out[from], j) {
			return
		}
		out[from] = append(out[from], j)
		in[j] = append(in[j], from)
	}
	addAll := func(from int, next string, routes []*scenario.Route) {
		if next != "" {
			add(from, next)
		}
		for _, r := range routes {
			add(from, r.Next)
		}
	}
	colour := make([]string, n)
	for i, p := range sc.Phases {
		for _, d := range p.Decisions {
			for _, o := range d.Options {
				addAll(i, o.Next, o.Routes)
			}
			if d.OnTimeout != nil {
				addAll(i, d.OnTimeout.Next, d.OnTimeout.Routes)
			}
		}
		if p.Continue != nil {
			addAll(i, p.Continue.Next, p.Continue.Routes)
		}
		switch {
		case p.ID == "start":
			colour[i] = "S"
		case p.Ending != nil:
			colour[i] = "E"
		default:
			colour[i] = "P"
		}
		colour[i] += fmt.Sprint(len(p.Decisions))
	}
	for range n {
		next := make([]string, n)
		for i := range n {
			var o, c []string
			for _, j := range out[i] {
				o = append(o, colour[j])
			}
			for _, j := range in[i] {
				c = append(c, colour[j])
			}
			slices.Sort(o)
			slices.Sort(c)
			next[i] = colour[i] + "(" + strings.Join(o, ",") + "|" + strings.Join(c, ",") + ")"
		}
		// Hash the colours so they do not grow; the same colour gets the
		// same name in every scenario, so fingerprints compare across them.
		for i := range next {
			sum := sha256.Sum256([]byte(next[i]))
			next[i] = hex.EncodeToString(sum[:8])
		}
		colour = next
	}
	slices.Sort(colour)
	return strings.Join(colour, " ")
}

// TestNoTwoBuiltinsShareAGraphShape: each built-in scenario has its own phase
// graph (issue 17): no two have the same shape once ids are left out.
func TestNoTwoBuiltinsShareAGraphShape(t *testing.T) {
	list, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, e := range list {
		shape := graphShape(e.Scenario)
		if other, dup := seen[shape]; dup {
			t.Errorf("%s and %s have the same phase graph shape; give each story its own", other, e.ID)
		}
		seen[shape] = e.ID
	}
	if len(seen) < 2 {
		t.Fatalf("only %d built-in scenarios", len(seen))
	}
}

// TestGraphShapeIgnoresIDsButNotEdges: the fingerprint is the same for a
// scenario whose phases are renamed, and differs when one edge moves.
func TestGraphShapeIgnoresIDsButNotEdges(t *testing.T) {
	const base = `format: firebreak/1
id: shape
title: {en: "Shape"}
languages: [en]
duration: 30m
phases:
  start:
    decisions:
      first:
        at: 1m
        target: 1m
        deadline: 2m
        prompt: {en: "Which?"}
        options:
          - {id: a, text: {en: "A"}, next: %s}
          - {id: b, text: {en: "B"}, next: %s}
        on_timeout: {next: %s}
  %s:
    ending: {outcome: {en: "One"}}
  %s:
    continue: {after: 1m, next: %s}
  %s:
    ending: {outcome: {en: "Two"}}
`
	parse := func(src string) *scenario.Scenario {
		t.Helper()
		sc, probs := scenario.Parse("shape.yaml", []byte(src))
		if sc == nil {
			t.Fatal(probs)
		}
		return sc
	}
	one := parse(fmt.Sprintf(base, "good", "detour", "detour", "good", "detour", "bad", "bad"))
	renamed := parse(fmt.Sprintf(base, "fine", "side", "side", "fine", "side", "worse", "worse"))
	moved := parse(fmt.Sprintf(base, "good", "detour", "bad", "good", "detour", "bad", "bad"))
	if graphShape(one) != graphShape(renamed) {
		t.Errorf("renaming phases changed the shape:\n%s\n%s", graphShape(one), graphShape(renamed))
	}
	if graphShape(one) == graphShape(moved) {
		t.Errorf("sending the timeout straight to an ending did not change the shape: %s", graphShape(one))
	}
}
