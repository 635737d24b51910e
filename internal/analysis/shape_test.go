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
	out := phaseEdges(sc)
	n := len(sc.Phases)
	in := make([][]int, n)
	for i, js := range out {
		for _, j := range js {
			in[j] = append(in[j], i)
		}
	}
	colour := make([]string, n)
	for i, p := range sc.Phases {
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

// phaseEdges lists, for each phase by index, the phases it can lead to (by
// an option, a route, a timeout or a continue), each once.
func phaseEdges(sc *scenario.Scenario) [][]int {
	idx := map[string]int{}
	for i, p := range sc.Phases {
		idx[p.ID] = i
	}
	out := make([][]int, len(sc.Phases))
	add := func(from int, next string, routes []*scenario.Route) {
		targets := []string{next}
		for _, r := range routes {
			targets = append(targets, r.Next)
		}
		for _, to := range targets {
			if j, ok := idx[to]; ok && !slices.Contains(out[from], j) {
				out[from] = append(out[from], j)
			}
		}
	}
	for i, p := range sc.Phases {
		for _, d := range p.Decisions {
			for _, o := range d.Options {
				add(i, o.Next, o.Routes)
			}
			if d.OnTimeout != nil {
				add(i, d.OnTimeout.Next, d.OnTimeout.Routes)
			}
		}
		if p.Continue != nil {
			add(i, p.Continue.Next, p.Continue.Routes)
		}
	}
	return out
}

// reachable lists the ids of the phases a team can reach from the phase
// from, itself included.
func reachable(sc *scenario.Scenario, from string) []string {
	out := phaseEdges(sc)
	seen := map[int]bool{}
	var stack []int
	for i, p := range sc.Phases {
		if p.ID == from {
			stack = append(stack, i)
		}
	}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[i] {
			continue
		}
		seen[i] = true
		stack = append(stack, out[i]...)
	}
	var ids []string
	for i := range seen {
		ids = append(ids, sc.Phases[i].ID)
	}
	slices.Sort(ids)
	return ids
}

// TestExecutiveScandalLanes: the executive scandal's board lane and founder
// lane never merge; the one move between them is the founder's lane's rung
// (handing the inquiry to the audit committee leads to the board's
// Tuesday), and nothing leads from the board's lane back to the founder's.
func TestExecutiveScandalLanes(t *testing.T) {
	e, ok := library.Builtin("executive-scandal")
	if !ok {
		t.Fatal("no built-in executive-scandal")
	}
	sc := e.Scenario
	founder := []string{"founder-review", "whistle-founder", "regulator-letter"}
	fromBoard := reachable(sc, "board-probe")
	for _, id := range founder {
		if slices.Contains(fromBoard, id) {
			t.Errorf("the board's lane leads back to the founder's %s: %v", id, fromBoard)
		}
	}
	for _, id := range []string{"whistle-board", "committee-findings", "rebuilt-trust"} {
		if !slices.Contains(fromBoard, id) {
			t.Errorf("the board's lane does not reach %s: %v", id, fromBoard)
		}
	}
	if slices.Contains(fromBoard, "founder-ousted") {
		t.Errorf("a team in the board's lane can be voted out with the founder: %v", fromBoard)
	}
	var rung []string
	for _, p := range sc.Phases {
		for _, d := range p.Decisions {
			for _, o := range d.Options {
				if slices.Contains(founder, p.ID) && !slices.Contains(founder, o.Next) && o.Next != "" && sc.Phase(o.Next).Ending == nil {
					rung = append(rung, d.ID+"."+o.ID+" -> "+o.Next)
				}
			}
		}
	}
	if want := []string{"board-showdown.hand-to-committee -> whistle-board"}; !slices.Equal(rung, want) {
		t.Errorf("moves out of the founder's lane: %v, want %v", rung, want)
	}
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
