package app

import (
	"cmp"
	"math"
	"slices"

	"fyne.io/fyne/v2"

	"github.com/firebreak-drills/firebreak/internal/graph"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// The branch map's layout: plain arithmetic on a graph.Graph, tested
// without a window (maplayout_test.go). branchmap.go draws the result.
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

// mapMetrics are the branch map's measures, in Fyne units.
type mapMetrics struct {
	wrapCols  int     // a title wraps at this many columns (a Chinese character takes two)
	titleSize float32 // text size of titles
	labelSize float32 // text size of edge labels
	nodePad   float32 // inside a box, around its title
	minNodeW  float32
	gapX      float32 // between boxes in a row
	gapY      float32 // between rows, where the edges and their labels run
	margin    float32 // around the drawing
	labelPad  float32 // around a label's text (its background)
}

// measureFunc is the size of one line of text at a text size.
type measureFunc func(text string, size float32) fyne.Size

type mapNode struct {
	lines []string
	lineH float32
	row   int
	pos   fyne.Position
	size  fyne.Size
}

func (n mapNode) centreX() float32 { return n.pos.X + n.size.Width/2 }
func (n mapNode) bottom() float32  { return n.pos.Y + n.size.Height }

// mapEdge is a line drawn on the map: one graph edge, or several options
// from one phase to the same next phase.
type mapEdge struct {
	edges            []int // indexes in g.Edges
	kind             graph.EdgeKind
	fromNode, toNode int
	from, to         fyne.Position
	lines            []string      // label lines, one per graph edge
	lineH            float32       // height of a label line
	labelPos         fyne.Position // top-left of the label's background
	labelSize        fyne.Size     // including labelPad
}

type mapGeometry struct {
	size  fyne.Size
	nodes []mapNode // as g.Nodes
	edges []mapEdge // lines, in the order of their first graph edge
	rows  [][]int   // node indexes per row, left to right
}

type rect struct{ x0, y0, x1, y1 float32 }

func (a rect) overlaps(b rect) bool { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 }

func layoutMap(g *graph.Graph, m mapMetrics, measure measureFunc) mapGeometry {
	geo := mapGeometry{nodes: make([]mapNode, len(g.Nodes))}
	if len(g.Nodes) == 0 {
		geo.size = fyne.NewSize(2*m.margin, 2*m.margin)
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
			geo.nodes[i].row = endRow
			hasEnding = true
		default:
			geo.nodes[i].row = depth[i]
		}
	}
	nRows := last + 1
	if hasEnding {
		nRows = endRow + 1
	}
	if hasLost { // unreachable phases (a loaded scenario has none) go last
		for i := range g.Nodes {
			if depth[i] < 0 {
				geo.nodes[i].row = nRows
			}
		}
		nRows++
	}
	geo.rows = make([][]int, nRows)
	for i := range g.Nodes {
		r := geo.nodes[i].row
		geo.rows[r] = append(geo.rows[r], i)
	}

	// Box sizes.
	for i, n := range g.Nodes {
		nd := &geo.nodes[i]
		nd.lines = graph.Wrap(n.Title, m.wrapCols)
		w := float32(0)
		for _, l := range nd.lines {
			s := measure(l, m.titleSize)
			w = max(w, s.Width)
			nd.lineH = max(nd.lineH, s.Height)
		}
		nd.size = fyne.NewSize(max(m.minNodeW, w+2*m.nodePad), nd.lineH*float32(len(nd.lines))+2*m.nodePad)
	}

	// Row heights and y.
	rowY := make([]float32, nRows)
	y := m.margin
	for r, row := range geo.rows {
		rowY[r] = y
		h := float32(0)
		for _, i := range row {
			h = max(h, geo.nodes[i].size.Height)
		}
		y += h + m.gapY
	}
	height := y - m.gapY + m.margin

	// Neighbours, for the ordering.
	preds := make([][]int, len(g.Nodes))
	succs := make([][]int, len(g.Nodes))
	for _, e := range g.Edges {
		f, t := index[e.From], index[e.To]
		if geo.nodes[f].row < geo.nodes[t].row {
			preds[t] = append(preds[t], f)
			succs[f] = append(succs[f], t)
		}
	}
	width := float32(0)
	place := func() {
		width = 0
		rowW := make([]float32, nRows)
		for r, row := range geo.rows {
			for k, i := range row {
				if k > 0 {
					rowW[r] += m.gapX
				}
				rowW[r] += geo.nodes[i].size.Width
			}
			width = max(width, rowW[r])
		}
		for r, row := range geo.rows {
			x := m.margin + (width-rowW[r])/2
			for _, i := range row {
				nd := &geo.nodes[i]
				nd.pos = fyne.NewPos(x, rowY[r]) // boxes of a row share their top
				x += nd.size.Width + m.gapX
			}
		}
	}
	order := func(r int, by [][]int) {
		key := map[int]float32{}
		for _, i := range geo.rows[r] {
			key[i] = geo.nodes[i].centreX()
			if len(by[i]) > 0 {
				sum := float32(0)
				for _, j := range by[i] {
					sum += geo.nodes[j].centreX()
				}
				key[i] = sum / float32(len(by[i]))
			}
		}
		slices.SortStableFunc(geo.rows[r], func(a, b int) int { return cmp.Compare(key[a], key[b]) })
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
		row := geo.rows[r]
		n := len(row)
		want := make([]float32, n)
		for k, i := range row {
			c := geo.nodes[i].centreX()
			if len(by[i]) > 0 {
				sum := float32(0)
				for _, j := range by[i] {
					sum += geo.nodes[j].centreX()
				}
				c = sum / float32(len(by[i]))
			}
			want[k] = c - geo.nodes[i].size.Width/2
		}
		right := make([]float32, n)
		left := make([]float32, n)
		for k := range n {
			right[k] = want[k]
			if k > 0 {
				right[k] = max(want[k], right[k-1]+geo.nodes[row[k-1]].size.Width+m.gapX)
			}
		}
		for k := n - 1; k >= 0; k-- {
			left[k] = want[k]
			if k < n-1 {
				left[k] = min(want[k], left[k+1]-geo.nodes[row[k]].size.Width-m.gapX)
			}
		}
		for k, i := range row {
			geo.nodes[i].pos.X = (left[k] + right[k]) / 2
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
	for _, n := range geo.nodes {
		minX = min(minX, n.pos.X)
		maxX = max(maxX, n.pos.X+n.size.Width)
	}
	for i := range geo.nodes {
		geo.nodes[i].pos.X += m.margin - minX
	}
	width = maxX - minX

	// Lines: the options from one phase to the same next phase share a
	// line, with their labels stacked; each timeout and continue has its
	// own (dashed, dotted).
	lineOf := map[string]int{}
	for k, e := range g.Edges {
		key := e.Key()
		if e.Kind == graph.EdgeOption {
			key = "option " + e.From + " " + e.To
		}
		li, ok := lineOf[key]
		if !ok {
			li = len(geo.edges)
			lineOf[key] = li
			geo.edges = append(geo.edges, mapEdge{kind: e.Kind, fromNode: index[e.From], toNode: index[e.To]})
		}
		geo.edges[li].edges = append(geo.edges[li].edges, k)
		geo.edges[li].lines = append(geo.edges[li].lines, e.Label)
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
	for li := range geo.edges {
		ed := &geo.edges[li]
		f, t := ed.fromNode, ed.toNode
		nf, nt := &geo.nodes[f], &geo.nodes[t]
		switch {
		case nf.row < nt.row:
			outs[f] = append(outs[f], port{li, nt.centreX()})
			ins[t] = append(ins[t], port{li, nf.centreX()})
		case nf.row == nt.row: // side to side (not with rowsByDepth)
			if nt.pos.X > nf.pos.X {
				ed.from = fyne.NewPos(nf.pos.X+nf.size.Width, nf.pos.Y+nf.size.Height/2)
				ed.to = fyne.NewPos(nt.pos.X, nt.pos.Y+nt.size.Height/2)
			} else {
				ed.from = fyne.NewPos(nf.pos.X, nf.pos.Y+nf.size.Height/2)
				ed.to = fyne.NewPos(nt.pos.X+nt.size.Width, nt.pos.Y+nt.size.Height/2)
			}
		default: // a loop back up the map
			ed.from = fyne.NewPos(nf.centreX(), nf.pos.Y)
			ed.to = fyne.NewPos(nt.centreX(), nt.bottom())
		}
	}
	spread := func(ps []port, n mapNode, y float32, set func(line int, p fyne.Position)) {
		slices.SortStableFunc(ps, func(a, b port) int {
			if c := cmp.Compare(a.key, b.key); c != 0 {
				return c
			}
			return cmp.Compare(a.line, b.line)
		})
		for k, p := range ps {
			set(p.line, fyne.NewPos(n.pos.X+n.size.Width*float32(k+1)/float32(len(ps)+1), y))
		}
	}
	for i, n := range geo.nodes {
		spread(outs[i], n, n.bottom(), func(l int, p fyne.Position) { geo.edges[l].from = p })
		spread(ins[i], n, n.pos.Y, func(l int, p fyne.Position) { geo.edges[l].to = p })
	}

	// Labels: tried at several heights in each gap the line crosses, the
	// first place that covers no box and no label wins; failing that, the
	// place with the least overlap.
	var taken []rect
	for _, n := range geo.nodes {
		taken = append(taken, rect{n.pos.X - 2, n.pos.Y - 2, n.pos.X + n.size.Width + 2, n.bottom() + 2})
	}
	gapTop := func(r int) float32 { // the gap below row r
		h := float32(0)
		for _, i := range geo.rows[r] {
			h = max(h, geo.nodes[i].size.Height)
		}
		return rowY[r] + h
	}
	// Options are placed first: their labels say the most.
	labelOrder := make([]int, len(geo.edges))
	for i := range labelOrder {
		labelOrder[i] = i
	}
	rank := map[graph.EdgeKind]int{graph.EdgeOption: 0, graph.EdgeContinue: 1, graph.EdgeTimeout: 2}
	slices.SortStableFunc(labelOrder, func(a, b int) int { return cmp.Compare(rank[geo.edges[a].kind], rank[geo.edges[b].kind]) })
	for _, li := range labelOrder {
		ed := &geo.edges[li]
		w, h := float32(0), float32(0)
		for _, l := range ed.lines {
			s := measure(l, m.labelSize)
			w = max(w, s.Width)
			ed.lineH = max(ed.lineH, s.Height)
		}
		h = ed.lineH * float32(len(ed.lines))
		ed.labelSize = fyne.NewSize(w+2*m.labelPad, h+2*m.labelPad)
		var centres []fyne.Position
		rf, rt := geo.nodes[ed.fromNode].row, geo.nodes[ed.toNode].row
		if rf < rt {
			for r := rf; r < rt; r++ {
				top := gapTop(r)
				for _, f := range []float32{0.5, 0.3, 0.7, 0.15, 0.85} {
					y := top + (rowY[r+1]-top)*f
					centres = append(centres, fyne.NewPos(xAt(ed.from, ed.to, y), y))
				}
			}
		} else {
			centres = append(centres, fyne.NewPos((ed.from.X+ed.to.X)/2, (ed.from.Y+ed.to.Y)/2))
		}
		// Failing those, beside the line rather than on it.
		for _, c := range slices.Clone(centres) {
			side := ed.labelSize.Width/2 + 3
			centres = append(centres, fyne.NewPos(c.X+side, c.Y), fyne.NewPos(c.X-side, c.Y))
		}
		best, bestArea := centres[0], float32(math.MaxFloat32)
		for _, c := range centres {
			a := overlapArea(labelRect(c, ed.labelSize), taken)
			if a < bestArea {
				best, bestArea = c, a
			}
			if a == 0 {
				break
			}
		}
		ed.labelPos = fyne.NewPos(best.X-ed.labelSize.Width/2, best.Y-ed.labelSize.Height/2)
		taken = append(taken, labelRect(best, ed.labelSize))
	}

	// The drawing's size, with labels that stick out past the boxes.
	right, left := width+m.margin, float32(0)
	for _, e := range geo.edges {
		right = max(right, e.labelPos.X+e.labelSize.Width)
		left = min(left, e.labelPos.X-m.margin)
	}
	if left < 0 { // shift everything right so no label is cut off
		shift := -left
		for i := range geo.nodes {
			geo.nodes[i].pos.X += shift
		}
		for i := range geo.edges {
			geo.edges[i].from.X += shift
			geo.edges[i].to.X += shift
			geo.edges[i].labelPos.X += shift
		}
		right += shift
	}
	geo.size = fyne.NewSize(right+m.margin, height)
	return geo
}

// rowsByDepth gives each node its row: its BFS depth from the start phase,
// pushed down where needed so that every edge points down the map (the
// longest path from the start, once edges that loop back are set aside). A
// phase that two ways reach at different depths thus sits below both, and
// no edge runs along a row through other boxes. Unreachable nodes get -1.
func rowsByDepth(g *graph.Graph, index map[string]int) []int {
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
func xAt(a, b fyne.Position, y float32) float32 {
	if b.Y == a.Y {
		return (a.X + b.X) / 2
	}
	t := (y - a.Y) / (b.Y - a.Y)
	return a.X + (b.X-a.X)*t
}

func labelRect(c fyne.Position, s fyne.Size) rect {
	return rect{c.X - s.Width/2, c.Y - s.Height/2, c.X + s.Width/2, c.Y + s.Height/2}
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

// dashes splits the line from a to b into segments of on units separated by
// gaps of off units (a dashed or dotted line: canvas.Line draws only solid
// ones).
func dashes(a, b fyne.Position, on, off float32) [][2]fyne.Position {
	dx, dy := b.X-a.X, b.Y-a.Y
	length := float32(math.Hypot(float64(dx), float64(dy)))
	if length == 0 || on <= 0 {
		return nil
	}
	ux, uy := dx/length, dy/length
	var out [][2]fyne.Position
	for s := float32(0); s < length; s += on + off {
		e := min(s+on, length)
		out = append(out, [2]fyne.Position{{X: a.X + ux*s, Y: a.Y + uy*s}, {X: a.X + ux*e, Y: a.Y + uy*e}})
	}
	return out
}

// arrowHead is the two strokes of an arrowhead at b for a line from a.
func arrowHead(a, b fyne.Position, size float32) [2]fyne.Position {
	angle := math.Atan2(float64(b.Y-a.Y), float64(b.X-a.X))
	const spread = 0.45 // radians either side of the line
	p := func(d float64) fyne.Position {
		return fyne.NewPos(b.X-size*float32(math.Cos(angle+d)), b.Y-size*float32(math.Sin(angle+d)))
	}
	return [2]fyne.Position{p(spread), p(-spread)}
}
