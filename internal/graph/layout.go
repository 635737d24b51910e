package graph

import (
	"cmp"
	"math"
	"slices"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// The branch map's layout: plain arithmetic on a Graph, tested without a
// window (layout_test.go). The GUI draws the result (app/branchmap.go);
// this package does not depend on Fyne.
//
// Phases are placed in rows by their BFS depth from the start phase, with
// every ending on the last row so that each way through the scenario reads
// downwards. Within a row, phases are ordered by the mean position of their
// neighbours in the rows above and below (the barycentre heuristic), which
// removes most crossings in a scenario graph. Edges leave a box's bottom and
// enter the next box's top at ports spread across the box width, so parallel
// ways (an option and a timeout to the same phase) stay apart, and each
// label is placed in a gap between rows where it overlaps no box and no
// other label when it can.

// Point is a position on the drawing, y growing downwards.
type Point struct{ X, Y float32 }

// Size is a width and a height on the drawing.
type Size struct{ W, H float32 }

// Metrics are the branch map's measures, in the drawing's units (Fyne's in
// the GUI).
type Metrics struct {
	WrapCols  int     // a title wraps at this many columns (a Chinese character takes two)
	TitleSize float32 // text size of titles
	LabelSize float32 // text size of edge labels
	NodePad   float32 // inside a box, around its title
	MinNodeW  float32
	GapX      float32 // between boxes in a row
	GapY      float32 // between rows, where the edges and their labels run
	Margin    float32 // around the drawing
	LabelPad  float32 // around a label's text (its background)
}

// Measure is the size of one line of text at a text size.
type Measure func(text string, size float32) (w, h float32)

// NodeBox is a phase's box on the map.
type NodeBox struct {
	TitleLines []string // the title, wrapped
	LineH      float32  // height of a title line
	Row        int      // 0 for the start phase
	Pos        Point    // top-left
	Size       Size
	// NoteLines are the node's Decisions, one a line at the label size,
	// under the title; NoteH is the height of one.
	NoteLines []string
	NoteH     float32
}

func (n NodeBox) centreX() float32 { return n.Pos.X + n.Size.W/2 }
func (n NodeBox) bottom() float32  { return n.Pos.Y + n.Size.H }

// EdgeLine is a line drawn on the map: one graph edge, or several options
// from one phase to the same next phase.
type EdgeLine struct {
	Edges            []int // indexes in Graph.Edges
	Kind             EdgeKind
	FromNode, ToNode int      // indexes in Graph.Nodes
	From, To         Point    // where the line leaves and arrives
	LabelLines       []string // one per graph edge, as Edges
	LineH            float32  // height of a label line
	LabelPos         Point    // top-left of the label's background
	LabelSize        Size     // including Metrics.LabelPad
}

// Geometry is a laid-out graph.
type Geometry struct {
	Size  Size       // of the whole drawing, margins included
	Nodes []NodeBox  // as Graph.Nodes
	Edges []EdgeLine // in the order of their first graph edge
	Rows  [][]int    // node indexes per row, left to right
}

type rect struct{ x0, y0, x1, y1 float32 }

func (a rect) overlaps(b rect) bool { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 }

// Layout places g for drawing; measure sizes its text.
func Layout(g *Graph, m Metrics, measure Measure) Geometry {
	geo := Geometry{Nodes: make([]NodeBox, len(g.Nodes))}
	if len(g.Nodes) == 0 {
		geo.Size = Size{2 * m.Margin, 2 * m.Margin}
		return geo
	}
	index := map[string]int{}
	for i, n := range g.Nodes {
		index[n.ID] = i
	}

	// Rows.
	depth := rowsByDepth(g, index)
	last := 0
	for i, n := range g.Nodes {
		if !n.Ending() && depth[i] > last {
			last = depth[i]
		}
	}
	endRow := last + 1
	hasEnding, hasLost := false, false
	for i, n := range g.Nodes {
		switch {
		case depth[i] < 0:
			hasLost = true
		case n.Ending():
			geo.Nodes[i].Row = endRow
			hasEnding = true
		default:
			geo.Nodes[i].Row = depth[i]
		}
	}
	nRows := last + 1
	if hasEnding {
		nRows = endRow + 1
	}
	if hasLost { // unreachable phases (a loaded scenario has none) go last
		for i := range g.Nodes {
			if depth[i] < 0 {
				geo.Nodes[i].Row = nRows
			}
		}
		nRows++
	}
	geo.Rows = make([][]int, nRows)
	for i := range g.Nodes {
		r := geo.Nodes[i].Row
		geo.Rows[r] = append(geo.Rows[r], i)
	}

	// Box sizes.
	for i, n := range g.Nodes {
		nd := &geo.Nodes[i]
		nd.TitleLines = Wrap(n.Title, m.WrapCols)
		w := float32(0)
		for _, l := range nd.TitleLines {
			lw, lh := measure(l, m.TitleSize)
			w = max(w, lw)
			nd.LineH = max(nd.LineH, lh)
		}
		for _, d := range n.Decisions {
			nd.NoteLines = append(nd.NoteLines, d)
			lw, lh := measure(d, m.LabelSize)
			w = max(w, lw)
			nd.NoteH = max(nd.NoteH, lh)
		}
		nd.Size = Size{max(m.MinNodeW, w+2*m.NodePad),
			nd.LineH*float32(len(nd.TitleLines)) + nd.NoteH*float32(len(nd.NoteLines)) + 2*m.NodePad}
	}

	// Row heights and y.
	rowY := make([]float32, nRows)
	y := m.Margin
	for r, row := range geo.Rows {
		rowY[r] = y
		h := float32(0)
		for _, i := range row {
			h = max(h, geo.Nodes[i].Size.H)
		}
		y += h + m.GapY
	}
	height := y - m.GapY + m.Margin

	// Neighbours, for the ordering.
	preds := make([][]int, len(g.Nodes))
	succs := make([][]int, len(g.Nodes))
	for _, e := range g.Edges {
		f, t := index[e.From], index[e.To]
		if geo.Nodes[f].Row < geo.Nodes[t].Row {
			preds[t] = append(preds[t], f)
			succs[f] = append(succs[f], t)
		}
	}
	width := float32(0)
	place := func() {
		width = 0
		rowW := make([]float32, nRows)
		for r, row := range geo.Rows {
			for k, i := range row {
				if k > 0 {
					rowW[r] += m.GapX
				}
				rowW[r] += geo.Nodes[i].Size.W
			}
			width = max(width, rowW[r])
		}
		for r, row := range geo.Rows {
			x := m.Margin + (width-rowW[r])/2
			for _, i := range row {
				nd := &geo.Nodes[i]
				nd.Pos = Point{x, rowY[r]} // boxes of a row share their top
				x += nd.Size.W + m.GapX
			}
		}
	}
	order := func(r int, by [][]int) {
		key := map[int]float32{}
		for _, i := range geo.Rows[r] {
			key[i] = geo.Nodes[i].centreX()
			if len(by[i]) > 0 {
				sum := float32(0)
				for _, j := range by[i] {
					sum += geo.Nodes[j].centreX()
				}
				key[i] = sum / float32(len(by[i]))
			}
		}
		slices.SortStableFunc(geo.Rows[r], func(a, b int) int { return cmp.Compare(key[a], key[b]) })
	}
	place()
	for pass := 0; pass < 3; pass++ {
		if pass%2 == 0 {
			for r := 1; r < nRows; r++ {
				order(r, preds)
				place()
			}
		} else {
			for r := nRows - 2; r >= 0; r-- {
				order(r, succs)
				place()
			}
		}
	}
	// Then each box moves towards the mean centre of its neighbours
	// (parents on the way down, children on the way up), its row keeping
	// its order and gaps: the mean of the placement pushed right from the
	// left and the one pushed left from the right, both of which keep the
	// gaps, so does their mean.
	align := func(r int, by [][]int) {
		row := geo.Rows[r]
		n := len(row)
		want := make([]float32, n)
		for k, i := range row {
			c := geo.Nodes[i].centreX()
			if len(by[i]) > 0 {
				sum := float32(0)
				for _, j := range by[i] {
					sum += geo.Nodes[j].centreX()
				}
				c = sum / float32(len(by[i]))
			}
			want[k] = c - geo.Nodes[i].Size.W/2
		}
		right := make([]float32, n)
		left := make([]float32, n)
		for k := range n {
			right[k] = want[k]
			if k > 0 {
				right[k] = max(want[k], right[k-1]+geo.Nodes[row[k-1]].Size.W+m.GapX)
			}
		}
		for k := n - 1; k >= 0; k-- {
			left[k] = want[k]
			if k < n-1 {
				left[k] = min(want[k], left[k+1]-geo.Nodes[row[k]].Size.W-m.GapX)
			}
		}
		for k, i := range row {
			geo.Nodes[i].Pos.X = (left[k] + right[k]) / 2
		}
	}
	for pass := 0; pass < 4; pass++ {
		if pass%2 == 0 {
			for r := 1; r < nRows; r++ {
				align(r, preds)
			}
		} else {
			for r := nRows - 2; r >= 0; r-- {
				align(r, succs)
			}
		}
	}
	minX, maxX := float32(math.MaxFloat32), float32(-math.MaxFloat32)
	for _, n := range geo.Nodes {
		minX = min(minX, n.Pos.X)
		maxX = max(maxX, n.Pos.X+n.Size.W)
	}
	for i := range geo.Nodes {
		geo.Nodes[i].Pos.X += m.Margin - minX
	}
	width = maxX - minX

	// Lines: the options from one phase to the same next phase share a
	// line, with their labels stacked; each timeout and continue has its
	// own (dashed, dotted).
	lineOf := map[string]int{}
	for k, e := range g.Edges {
		key := e.Key()
		if e.Kind == EdgeOption {
			key = "option " + e.From + " " + e.To
		}
		li, ok := lineOf[key]
		if !ok {
			li = len(geo.Edges)
			lineOf[key] = li
			geo.Edges = append(geo.Edges, EdgeLine{Kind: e.Kind, FromNode: index[e.From], ToNode: index[e.To]})
		}
		geo.Edges[li].Edges = append(geo.Edges[li].Edges, k)
		geo.Edges[li].LabelLines = append(geo.Edges[li].LabelLines, e.Label)
	}

	// Ports: a box's downward lines leave its bottom, spread across its
	// width in the order of where they go; its incoming ones enter its top
	// in the order of where they come from.
	type port struct {
		line int
		key  float32
	}
	outs := make([][]port, len(g.Nodes))
	ins := make([][]port, len(g.Nodes))
	for li := range geo.Edges {
		ed := &geo.Edges[li]
		f, t := ed.FromNode, ed.ToNode
		nf, nt := &geo.Nodes[f], &geo.Nodes[t]
		switch {
		case nf.Row < nt.Row:
			outs[f] = append(outs[f], port{li, nt.centreX()})
			ins[t] = append(ins[t], port{li, nf.centreX()})
		case nf.Row == nt.Row: // side to side (not with rowsByDepth)
			if nt.Pos.X > nf.Pos.X {
				ed.From = Point{nf.Pos.X + nf.Size.W, nf.Pos.Y + nf.Size.H/2}
				ed.To = Point{nt.Pos.X, nt.Pos.Y + nt.Size.H/2}
			} else {
				ed.From = Point{nf.Pos.X, nf.Pos.Y + nf.Size.H/2}
				ed.To = Point{nt.Pos.X + nt.Size.W, nt.Pos.Y + nt.Size.H/2}
			}
		default: // a loop back up the map
			ed.From = Point{nf.centreX(), nf.Pos.Y}
			ed.To = Point{nt.centreX(), nt.bottom()}
		}
	}
	spread := func(ps []port, n NodeBox, y float32, set func(line int, p Point)) {
		slices.SortStableFunc(ps, func(a, b port) int {
			if c := cmp.Compare(a.key, b.key); c != 0 {
				return c
			}
			return cmp.Compare(a.line, b.line)
		})
		for k, p := range ps {
			set(p.line, Point{n.Pos.X + n.Size.W*float32(k+1)/float32(len(ps)+1), y})
		}
	}
	for i, n := range geo.Nodes {
		spread(outs[i], n, n.bottom(), func(l int, p Point) { geo.Edges[l].From = p })
		spread(ins[i], n, n.Pos.Y, func(l int, p Point) { geo.Edges[l].To = p })
	}

	// Labels: tried at several heights in each gap the line crosses, the
	// first place that covers no box and no label wins; failing that, the
	// place with the least overlap.
	var taken []rect
	for _, n := range geo.Nodes {
		taken = append(taken, rect{n.Pos.X - 2, n.Pos.Y - 2, n.Pos.X + n.Size.W + 2, n.bottom() + 2})
	}
	gapTop := func(r int) float32 { // the gap below row r
		h := float32(0)
		for _, i := range geo.Rows[r] {
			h = max(h, geo.Nodes[i].Size.H)
		}
		return rowY[r] + h
	}
	// Options are placed first: their labels say the most.
	labelOrder := make([]int, len(geo.Edges))
	for i := range labelOrder {
		labelOrder[i] = i
	}
	rank := map[EdgeKind]int{EdgeOption: 0, EdgeContinue: 1, EdgeTimeout: 2}
	slices.SortStableFunc(labelOrder, func(a, b int) int { return cmp.Compare(rank[geo.Edges[a].Kind], rank[geo.Edges[b].Kind]) })
	for _, li := range labelOrder {
		ed := &geo.Edges[li]
		w, h := float32(0), float32(0)
		for _, l := range ed.LabelLines {
			lw, lh := measure(l, m.LabelSize)
			w = max(w, lw)
			ed.LineH = max(ed.LineH, lh)
		}
		h = ed.LineH * float32(len(ed.LabelLines))
		ed.LabelSize = Size{w + 2*m.LabelPad, h + 2*m.LabelPad}
		var centres []Point
		rf, rt := geo.Nodes[ed.FromNode].Row, geo.Nodes[ed.ToNode].Row
		if rf < rt {
			for r := rf; r < rt; r++ {
				top := gapTop(r)
				for _, f := range []float32{0.5, 0.3, 0.7, 0.15, 0.85} {
					y := top + (rowY[r+1]-top)*f
					centres = append(centres, Point{xAt(ed.From, ed.To, y), y})
				}
			}
		} else {
			centres = append(centres, Point{(ed.From.X + ed.To.X) / 2, (ed.From.Y + ed.To.Y) / 2})
		}
		// Failing those, beside the line rather than on it.
		for _, c := range slices.Clone(centres) {
			side := ed.LabelSize.W/2 + 3
			centres = append(centres, Point{c.X + side, c.Y}, Point{c.X - side, c.Y})
		}
		best, bestArea := centres[0], float32(math.MaxFloat32)
		for _, c := range centres {
			a := overlapArea(labelRect(c, ed.LabelSize), taken)
			if a < bestArea {
				best, bestArea = c, a
			}
			if a == 0 {
				break
			}
		}
		ed.LabelPos = Point{best.X - ed.LabelSize.W/2, best.Y - ed.LabelSize.H/2}
		taken = append(taken, labelRect(best, ed.LabelSize))
	}

	// The drawing's size, with labels that stick out past the boxes.
	right, left := width+m.Margin, float32(0)
	for _, e := range geo.Edges {
		right = max(right, e.LabelPos.X+e.LabelSize.W)
		left = min(left, e.LabelPos.X-m.Margin)
	}
	if left < 0 { // shift everything right so no label is cut off
		shift := -left
		for i := range geo.Nodes {
			geo.Nodes[i].Pos.X += shift
		}
		for i := range geo.Edges {
			geo.Edges[i].From.X += shift
			geo.Edges[i].To.X += shift
			geo.Edges[i].LabelPos.X += shift
		}
		right += shift
	}
	geo.Size = Size{right + m.Margin, height}
	return geo
}

// rowsByDepth gives each node its row: its BFS depth from the start phase,
// pushed down where needed so that every edge points down the map (the
// longest path from the start, once edges that loop back are set aside). A
// phase that two ways reach at different depths thus sits below both, and
// no edge runs along a row through other boxes. Unreachable nodes get -1.
func rowsByDepth(g *Graph, index map[string]int) []int {
	n := len(g.Nodes)
	out := make([][]int, n)
	for _, e := range g.Edges {
		out[index[e.From]] = append(out[index[e.From]], index[e.To])
	}
	depth := make([]int, n)
	for i, nd := range g.Nodes {
		depth[i] = nd.Depth
	}
	start, ok := index[scenario.StartPhase]
	if !ok {
		return depth
	}
	// Depth-first from the start, in edge order: an edge to a node still
	// on the stack closes a loop and does not count.
	const (
		unseen = iota
		onStack
		done
	)
	state := make([]int, n)
	var order []int // reverse postorder is a topological order of the rest
	var visit func(int)
	visit = func(u int) {
		state[u] = onStack
		for _, v := range out[u] {
			if state[v] == unseen {
				visit(v)
			}
		}
		state[u] = done
		order = append(order, u)
	}
	visit(start)
	slices.Reverse(order)
	pos := make([]int, n)
	for k, u := range order {
		pos[u] = k
	}
	for _, u := range order {
		for _, v := range out[u] {
			if state[v] == done && pos[v] > pos[u] && depth[v] < depth[u]+1 {
				depth[v] = depth[u] + 1
			}
		}
	}
	return depth
}

// xAt is the x of the line from a to b at height y.
func xAt(a, b Point, y float32) float32 {
	if b.Y == a.Y {
		return (a.X + b.X) / 2
	}
	t := (y - a.Y) / (b.Y - a.Y)
	return a.X + (b.X-a.X)*t
}

func labelRect(c Point, s Size) rect {
	return rect{c.X - s.W/2, c.Y - s.H/2, c.X + s.W/2, c.Y + s.H/2}
}

// overlapArea is how much of r the others cover (counted once per other).
func overlapArea(r rect, others []rect) float32 {
	sum := float32(0)
	for _, o := range others {
		if r.overlaps(o) {
			sum += (min(r.x1, o.x1) - max(r.x0, o.x0)) * (min(r.y1, o.y1) - max(r.y0, o.y0))
		}
	}
	return sum
}

// Dashes splits the line from a to b into segments of on units separated by
// gaps of off units: a dashed or dotted line, for a canvas that draws
// only solid ones.
func Dashes(a, b Point, on, off float32) [][2]Point {
	dx, dy := b.X-a.X, b.Y-a.Y
	length := float32(math.Hypot(float64(dx), float64(dy)))
	if length == 0 || on <= 0 {
		return nil
	}
	ux, uy := dx/length, dy/length
	var out [][2]Point
	for s := float32(0); s < length; s += on + off {
		e := min(s+on, length)
		out = append(out, [2]Point{{X: a.X + ux*s, Y: a.Y + uy*s}, {X: a.X + ux*e, Y: a.Y + uy*e}})
	}
	return out
}

// ArrowHead is the two strokes of an arrowhead at b for a line from a.
func ArrowHead(a, b Point, size float32) [2]Point {
	angle := math.Atan2(float64(b.Y-a.Y), float64(b.X-a.X))
	const spread = 0.45 // radians either side of the line
	p := func(d float64) Point {
		return Point{b.X - size*float32(math.Cos(angle+d)), b.Y - size*float32(math.Sin(angle+d))}
	}
	return [2]Point{p(spread), p(-spread)}
}
