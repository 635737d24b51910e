package graph

import (
	"math"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fakeMeasure sizes text without a window: 7 units per column, 18 high.
func fakeMeasure(text string, size float32) (w, h float32) {
	cols := 0
	for _, r := range text {
		cols++
		if r >= 0x2e80 {
			cols++
		}
	}
	return float32(cols) * 7 * size / 14, 18 * size / 14
}

// testMetrics are the branch map's (app/branchmap.go) with fixed text sizes.
var testMetrics = Metrics{WrapCols: 24, TitleSize: 14, LabelSize: 12, NodePad: 10, MinNodeW: 140, GapX: 56, GapY: 120, Margin: 24, LabelPad: 2}

func boxOf(n NodeBox) rect {
	return rect{n.Pos.X, n.Pos.Y, n.Pos.X + n.Size.W, n.Pos.Y + n.Size.H}
}

func labelBox(e EdgeLine) rect {
	return rect{e.LabelPos.X, e.LabelPos.Y, e.LabelPos.X + e.LabelSize.W, e.LabelPos.Y + e.LabelSize.H}
}

func near(a, b float32) bool { return math.Abs(float64(a-b)) < 0.01 }

// checkLayout checks what every branch map must satisfy.
func checkLayout(t *testing.T, g *Graph, geo Geometry) {
	t.Helper()
	if len(geo.Nodes) != len(g.Nodes) {
		t.Fatalf("%d nodes laid out, want %d", len(geo.Nodes), len(g.Nodes))
	}
	// Every graph edge is drawn once, as a line of its own kind between its
	// phases, with its label.
	drawn := make([]int, len(g.Edges))
	for _, ed := range geo.Edges {
		if len(ed.Edges) != len(ed.LabelLines) || len(ed.Edges) == 0 {
			t.Fatalf("line with %d edges and %d label lines", len(ed.Edges), len(ed.LabelLines))
		}
		for k, i := range ed.Edges {
			drawn[i]++
			e := g.Edges[i]
			if e.Kind != ed.Kind || g.Nodes[ed.FromNode].ID != e.From || g.Nodes[ed.ToNode].ID != e.To || ed.LabelLines[k] != e.Label {
				t.Errorf("edge %s drawn on the wrong line", e.Key())
			}
			if len(ed.Edges) > 1 && e.Kind != EdgeOption {
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
		nd := geo.Nodes[i]
		switch {
		case n.Ending():
			if endRow >= 0 && nd.Row != endRow {
				t.Errorf("ending %s on row %d, another on row %d", n.ID, nd.Row, endRow)
			}
			endRow = nd.Row
		case nd.Row < n.Depth:
			t.Errorf("%s on row %d, above its depth %d", n.ID, nd.Row, n.Depth)
		}
		b := boxOf(nd)
		if b.x0 < 0 || b.y0 < 0 || b.x1 > geo.Size.W || b.y1 > geo.Size.H {
			t.Errorf("%s (%v) lies outside the drawing %v", n.ID, b, geo.Size)
		}
		for j := range i {
			if b.overlaps(boxOf(geo.Nodes[j])) {
				t.Errorf("%s overlaps %s", n.ID, g.Nodes[j].ID)
			}
		}
	}
	for i, n := range g.Nodes {
		if !n.Ending() && geo.Nodes[i].Row >= endRow && endRow >= 0 {
			t.Errorf("%s is not above the endings", n.ID)
		}
	}
	for _, ed := range geo.Edges {
		e := g.Edges[ed.Edges[0]]
		from, to := geo.Nodes[ed.FromNode], geo.Nodes[ed.ToNode]
		if from.Row >= to.Row {
			t.Errorf("edge %s does not point down the map (rows %d → %d)", e.Key(), from.Row, to.Row)
		} else {
			if !near(ed.From.Y, from.Pos.Y+from.Size.H) || ed.From.X <= from.Pos.X || ed.From.X >= from.Pos.X+from.Size.W {
				t.Errorf("edge %s does not leave the bottom of %s", e.Key(), e.From)
			}
			if !near(ed.To.Y, to.Pos.Y) || ed.To.X <= to.Pos.X || ed.To.X >= to.Pos.X+to.Size.W {
				t.Errorf("edge %s does not enter the top of %s", e.Key(), e.To)
			}
		}
		l := labelBox(ed)
		if l.x0 < 0 || l.x1 > geo.Size.W {
			t.Errorf("label of %s is cut off: %v in width %g", e.Key(), l, geo.Size.W)
		}
		for i := range g.Nodes {
			if l.overlaps(boxOf(geo.Nodes[i])) {
				t.Errorf("label of %s covers phase %s", e.Key(), g.Nodes[i].ID)
			}
		}
		if ed.LabelSize.W <= 0 || ed.LabelSize.H < float32(len(ed.LabelLines))*ed.LineH {
			t.Errorf("label of %s: size %v", e.Key(), ed.LabelSize)
		}
	}
}

func TestLayoutMini(t *testing.T) {
	g := Build(load(t, miniPath), Options{Lang: "en"})
	geo := Layout(g, testMetrics, fakeMeasure)
	checkLayout(t, g, geo)
	rows := make([][]string, len(geo.Rows))
	for r, row := range geo.Rows {
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
	bad, timeout := geo.Edges[1], geo.Edges[2]
	if g.Edges[bad.Edges[0]].Key() != "first.bad" || g.Edges[timeout.Edges[0]].Key() != "first!timeout" || near(bad.From.X, timeout.From.X) {
		t.Errorf("parallel edges share a port: %v %v", bad.From, timeout.From)
	}
}

func TestLayoutBeverageRecall(t *testing.T) {
	sc := load(t, filepath.Join("..", "..", "scenarios", "beverage-recall.yaml"))
	for _, lang := range []string{"en", "zh"} {
		g := Build(sc, Options{Lang: lang})
		geo := Layout(g, testMetrics, fakeMeasure)
		checkLayout(t, g, geo)
		// Labels stay clear of each other where they can: allow a few.
		clashes := 0
		for a := range geo.Edges {
			for b := range a {
				ea, eb := geo.Edges[a], geo.Edges[b]
				if labelBox(ea).overlaps(labelBox(eb)) {
					clashes++
				}
			}
		}
		if clashes > 2 {
			t.Errorf("%s: %d pairs of overlapping labels", lang, clashes)
		}
		// Deterministic.
		again := Layout(g, testMetrics, fakeMeasure)
		for i := range geo.Nodes {
			if geo.Nodes[i].Pos != again.Nodes[i].Pos {
				t.Fatalf("%s: layout differs between runs", lang)
			}
		}
	}
}

func TestDashesAndArrowHead(t *testing.T) {
	segs := Dashes(Point{0, 0}, Point{0, 20}, 6, 4)
	if len(segs) != 2 || segs[0][1] != (Point{0, 6}) || segs[1][0] != (Point{0, 10}) || segs[1][1] != (Point{0, 16}) {
		t.Errorf("dashes = %v", segs)
	}
	if got := Dashes(Point{1, 1}, Point{1, 1}, 6, 4); got != nil {
		t.Errorf("dashes of a point = %v", got)
	}
	h := ArrowHead(Point{0, 0}, Point{0, 100}, 10)
	for _, p := range h {
		if p.Y >= 100 || p.Y < 88 {
			t.Errorf("arrowhead point %v is not just above the tip", p)
		}
	}
	if !(h[0].X < 0 && h[1].X > 0 || h[0].X > 0 && h[1].X < 0) {
		t.Errorf("arrowhead strokes on one side: %v", h)
	}
}

// The layout is plain arithmetic: the package must build without Fyne, so
// that it can be tested (and used by the CLI) without a window.
func TestNoFyne(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list dependencies")
	}
	out, err := exec.Command(goBin, "list", "-deps", "-test", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "fyne.io/") {
			t.Errorf("internal/graph depends on %s", dep)
		}
	}
}
