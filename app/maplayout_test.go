package app

import (
	"math"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/firebreak-drills/firebreak/internal/graph"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// fakeMeasure sizes text without a window: 7 units per column, 18 high.
func fakeMeasure(text string, size float32) fyne.Size {
	w := 0
	for _, r := range text {
		w++
		if r >= 0x2e80 {
			w++
		}
	}
	return fyne.NewSize(float32(w)*7*size/14, 18*size/14)
}

var testMetrics = func() mapMetrics {
	m := mapMetricsDefault
	m.titleSize, m.labelSize = 14, 12
	return m
}()

func loadScenario(t *testing.T, path string) *scenario.Scenario {
	t.Helper()
	sc, probs, err := scenario.LoadFile(path)
	if err != nil || sc == nil {
		t.Fatalf("%s: %v %v", path, err, probs)
	}
	return sc
}

func boxOf(n mapNode) rect {
	return rect{n.pos.X, n.pos.Y, n.pos.X + n.size.Width, n.pos.Y + n.size.Height}
}

func near(a, b float32) bool { return math.Abs(float64(a-b)) < 0.01 }

// checkLayout checks what every branch map must satisfy.
func checkLayout(t *testing.T, g *graph.Graph, geo mapGeometry) {
	t.Helper()
	if len(geo.nodes) != len(g.Nodes) {
		t.Fatalf("%d nodes laid out, want %d", len(geo.nodes), len(g.Nodes))
	}
	// Every graph edge is drawn once, as a line of its own kind between its
	// phases, with its label.
	drawn := make([]int, len(g.Edges))
	for _, ed := range geo.edges {
		if len(ed.edges) != len(ed.lines) || len(ed.edges) == 0 {
			t.Fatalf("line with %d edges and %d label lines", len(ed.edges), len(ed.lines))
		}
		for k, i := range ed.edges {
			drawn[i]++
			e := g.Edges[i]
			if e.Kind != ed.kind || g.Nodes[ed.fromNode].ID != e.From || g.Nodes[ed.toNode].ID != e.To || ed.lines[k] != e.Label {
				t.Errorf("edge %s drawn on the wrong line", e.Key())
			}
			if len(ed.edges) > 1 && e.Kind != graph.EdgeOption {
				t.Errorf("%s shares a line", e.Key())
			}
		}
	}
	for i, n := range drawn {
		if n != 1 {
			t.Errorf("edge %s drawn %d times", g.Edges[i].Key(), n)
		}
	}
	endRow := -1
	for i, n := range g.Nodes {
		nd := geo.nodes[i]
		switch {
		case n.Ending():
			if endRow >= 0 && nd.row != endRow {
				t.Errorf("ending %s on row %d, another on row %d", n.ID, nd.row, endRow)
			}
			endRow = nd.row
		case nd.row < n.Depth:
			t.Errorf("%s on row %d, above its depth %d", n.ID, nd.row, n.Depth)
		}
		b := boxOf(nd)
		if b.x0 < 0 || b.y0 < 0 || b.x1 > geo.size.Width || b.y1 > geo.size.Height {
			t.Errorf("%s (%v) lies outside the drawing %v", n.ID, b, geo.size)
		}
		for j := range i {
			if b.overlaps(boxOf(geo.nodes[j])) {
				t.Errorf("%s overlaps %s", n.ID, g.Nodes[j].ID)
			}
		}
	}
	for i, n := range g.Nodes {
		if !n.Ending() && geo.nodes[i].row >= endRow && endRow >= 0 {
			t.Errorf("%s is not above the endings", n.ID)
		}
	}
	for _, ed := range geo.edges {
		e := g.Edges[ed.edges[0]]
		from, to := geo.nodes[ed.fromNode], geo.nodes[ed.toNode]
		if from.row >= to.row {
			t.Errorf("edge %s does not point down the map (rows %d → %d)", e.Key(), from.row, to.row)
		} else {
			if !near(ed.from.Y, from.pos.Y+from.size.Height) || ed.from.X <= from.pos.X || ed.from.X >= from.pos.X+from.size.Width {
				t.Errorf("edge %s does not leave the bottom of %s", e.Key(), e.From)
			}
			if !near(ed.to.Y, to.pos.Y) || ed.to.X <= to.pos.X || ed.to.X >= to.pos.X+to.size.Width {
				t.Errorf("edge %s does not enter the top of %s", e.Key(), e.To)
			}
		}
		l := rect{ed.labelPos.X, ed.labelPos.Y, ed.labelPos.X + ed.labelSize.Width, ed.labelPos.Y + ed.labelSize.Height}
		if l.x0 < 0 || l.x1 > geo.size.Width {
			t.Errorf("label of %s is cut off: %v in width %g", e.Key(), l, geo.size.Width)
		}
		for i := range g.Nodes {
			if l.overlaps(boxOf(geo.nodes[i])) {
				t.Errorf("label of %s covers phase %s", e.Key(), g.Nodes[i].ID)
			}
		}
		if ed.labelSize.Width <= 0 || ed.labelSize.Height < float32(len(ed.lines))*ed.lineH {
			t.Errorf("label of %s: size %v", e.Key(), ed.labelSize)
		}
	}
}

func TestLayoutMini(t *testing.T) {
	g := graph.Build(miniEntry(t).Scenario, graph.Options{Lang: "en"})
	geo := layoutMap(g, testMetrics, fakeMeasure)
	checkLayout(t, g, geo)
	rows := make([][]string, len(geo.rows))
	for r, row := range geo.rows {
		for _, i := range row {
			rows[r] = append(rows[r], g.Nodes[i].ID)
		}
	}
	// calm leads to the good ending, storm to both: the good ending sits
	// under calm, on the left.
	want := [][]string{{"start"}, {"calm", "storm"}, {"good-end", "bad-end"}}
	if len(rows) != len(want) {
		t.Fatalf("rows = %v", rows)
	}
	for r := range want {
		if len(rows[r]) != len(want[r]) {
			t.Fatalf("rows = %v, want %v", rows, want)
		}
		for k := range want[r] {
			if rows[r][k] != want[r][k] {
				t.Errorf("rows = %v, want %v", rows, want)
			}
		}
	}
	// The option and the timeout from start to storm leave apart.
	bad, timeout := geo.edges[1], geo.edges[2]
	if g.Edges[bad.edges[0]].Key() != "first.bad" || g.Edges[timeout.edges[0]].Key() != "first!timeout" || near(bad.from.X, timeout.from.X) {
		t.Errorf("parallel edges share a port: %v %v", bad.from, timeout.from)
	}
}

func TestLayoutBeverageRecall(t *testing.T) {
	sc := loadScenario(t, filepath.Join("..", "scenarios", "beverage-recall.yaml"))
	for _, lang := range []string{"en", "zh"} {
		g := graph.Build(sc, graph.Options{Lang: lang})
		geo := layoutMap(g, testMetrics, fakeMeasure)
		checkLayout(t, g, geo)
		// Labels stay clear of each other where they can: allow a few.
		clashes := 0
		for a := range geo.edges {
			for b := range a {
				ea, eb := geo.edges[a], geo.edges[b]
				ra := rect{ea.labelPos.X, ea.labelPos.Y, ea.labelPos.X + ea.labelSize.Width, ea.labelPos.Y + ea.labelSize.Height}
				rb := rect{eb.labelPos.X, eb.labelPos.Y, eb.labelPos.X + eb.labelSize.Width, eb.labelPos.Y + eb.labelSize.Height}
				if ra.overlaps(rb) {
					clashes++
				}
			}
		}
		if clashes > 2 {
			t.Errorf("%s: %d pairs of overlapping labels", lang, clashes)
		}
		// Deterministic.
		again := layoutMap(g, testMetrics, fakeMeasure)
		for i := range geo.nodes {
			if geo.nodes[i].pos != again.nodes[i].pos {
				t.Fatalf("%s: layout differs between runs", lang)
			}
		}
	}
}

func TestDashesAndArrowHead(t *testing.T) {
	segs := dashes(fyne.NewPos(0, 0), fyne.NewPos(0, 20), 6, 4)
	if len(segs) != 2 || segs[0][1] != fyne.NewPos(0, 6) || segs[1][0] != fyne.NewPos(0, 10) || segs[1][1] != fyne.NewPos(0, 16) {
		t.Errorf("dashes = %v", segs)
	}
	if got := dashes(fyne.NewPos(1, 1), fyne.NewPos(1, 1), 6, 4); got != nil {
		t.Errorf("dashes of a point = %v", got)
	}
	h := arrowHead(fyne.NewPos(0, 0), fyne.NewPos(0, 100), 10)
	for _, p := range h {
		if p.Y >= 100 || p.Y < 88 {
			t.Errorf("arrowhead point %v is not just above the tip", p)
		}
	}
	if !(h[0].X < 0 && h[1].X > 0 || h[0].X > 0 && h[1].X < 0) {
		t.Errorf("arrowhead strokes on one side: %v", h)
	}
}
