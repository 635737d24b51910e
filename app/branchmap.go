package app

import (
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/graph"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// teamPath is a team's way through a scenario, for the branch map.
type teamPath struct {
	name   string
	phases []string // in the order visited
	taken  []string // graph edge keys of its choices and timeouts
}

// teamPaths reads every team's path from an exercise state.
func teamPaths(st *engine.State) []teamPath {
	var out []teamPath
	for _, t := range st.Teams {
		tp := teamPath{name: t.Name}
		for _, s := range t.Path {
			tp.phases = append(tp.phases, s.Phase)
		}
		for _, a := range t.Answers {
			switch {
			case a.Option != nil:
				tp.taken = append(tp.taken, graph.OptionKey(a.Decision.ID, a.Option.ID))
			case a.TimedOut:
				tp.taken = append(tp.taken, graph.TimeoutKey(a.Decision.ID))
			}
		}
		out = append(out, tp)
	}
	return out
}

// branchMapScreen draws a scenario's phase graph: phases in rows by their
// distance from the start, endings at the bottom coloured by tone, options
// as solid arrows, timeouts dashed, automatic continues dotted. Opened from
// the debrief it highlights the chosen team's path.
type branchMapScreen struct {
	sh       *shell
	sc       *scenario.Scenario
	teams    []teamPath
	selected int // index in teams, or -1 for no highlight
	back     func()

	// Kept for tests.
	graph      *graph.Graph
	geo        mapGeometry
	nodeLines  [][]*canvas.Text // per node, its title lines
	teamSelect *widget.Select
	backButton *keyButton
	pathLine   *wrapLabel
}

func newBranchMapScreen(sh *shell, sc *scenario.Scenario, teams []teamPath, back func()) *branchMapScreen {
	b := &branchMapScreen{sh: sh, sc: sc, teams: teams, back: back, selected: -1}
	if len(teams) > 0 {
		b.selected = 0
	}
	return b
}

func (b *branchMapScreen) stop() {}

var mapMetricsDefault = mapMetrics{wrapCols: 24, nodePad: 10, minNodeW: 140, gapX: 56, gapY: 120, margin: 24, labelPad: 2}

func (b *branchMapScreen) build() fyne.CanvasObject {
	loc := b.sh.loc
	lang := loc.Lang().String()
	b.graph = graph.Build(b.sc, graph.Options{Lang: lang})

	b.backButton = newIconButton(loc.T("common.back"), theme.NavigateBackIcon(), b.back)
	title := heading(loc.T("branchmap.title", "scenario", b.sc.Title.Get(lang)))
	right := container.NewHBox()
	b.teamSelect = nil
	b.pathLine = wrapped("")
	b.pathLine.Hide()
	if len(b.teams) > 0 {
		names := []string{loc.T("branchmap.no_team")}
		for _, t := range b.teams {
			names = append(names, t.name)
		}
		b.teamSelect = widget.NewSelect(names, nil)
		b.teamSelect.SetSelectedIndex(b.selected + 1)
		b.teamSelect.OnChanged = func(string) {
			b.selected = b.teamSelect.SelectedIndex() - 1
			b.sh.show(b)
		}
		right.Add(widget.NewLabel(loc.T("branchmap.highlight")))
		right.Add(b.teamSelect)
	}
	right.Add(b.backButton)
	if b.selected >= 0 && b.selected < len(b.teams) {
		t := b.teams[b.selected]
		b.graph.Highlight(t.phases, t.taken)
		steps := make([]string, len(t.phases))
		for i, p := range t.phases {
			steps[i] = phaseTitle(b.sc, p, lang)
		}
		b.pathLine.SetText(loc.T("branchmap.path_of", "team", t.name, "path", strings.Join(steps, "  →  ")))
		b.pathLine.Show()
	}
	head := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewCenter(right), title),
		b.legend(), b.pathLine)

	m := mapMetricsDefault
	m.titleSize = theme.Size(theme.SizeNameText)
	m.labelSize = theme.Size(theme.SizeNameCaptionText)
	b.geo = layoutMap(b.graph, m, func(text string, size float32) fyne.Size {
		return fyne.MeasureText(text, size, fyne.TextStyle{})
	})
	drawing := b.draw(m)
	return container.NewBorder(container.NewVBox(container.NewPadded(head), widget.NewSeparator()), nil, nil, nil,
		container.NewScroll(container.NewCenter(drawing)))
}

// Colours.

func withAlpha(c color.Color, a uint8) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

func toneColour(tone string) color.Color {
	switch tone {
	case "good":
		return theme.Color(theme.ColorNameSuccess)
	case "bad":
		return theme.Color(theme.ColorNameError)
	}
	return theme.Color(theme.ColorNameWarning)
}

type edgeStyle struct {
	colour  color.Color
	width   float32
	on, off float32 // dash pattern; on == 0 draws a solid line
}

// onPath reports whether any graph edge of a drawn line is on the
// highlighted path.
func (b *branchMapScreen) onPath(e mapEdge) bool {
	return slices.ContainsFunc(e.edges, b.graph.EdgeOnPath)
}

func (b *branchMapScreen) edgeStyle(e mapEdge) edgeStyle {
	fg := theme.Color(theme.ColorNameForeground)
	s := edgeStyle{colour: withAlpha(fg, 0xb0), width: 1.5}
	switch e.kind {
	case graph.EdgeTimeout:
		s.colour, s.on, s.off = withAlpha(theme.Color(theme.ColorNameError), 0x99), 7, 5
	case graph.EdgeContinue:
		s.colour, s.on, s.off = withAlpha(theme.Color(theme.ColorNamePrimary), 0xb0), 2, 4
	}
	if b.graph.Highlighted() {
		if b.onPath(e) {
			s.colour, s.width = theme.Color(theme.ColorNamePrimary), 3.5
		} else {
			s.colour = withAlpha(s.colour, 0x66)
		}
	}
	return s
}

// draw puts the laid-out graph on a canvas of fixed size: edges first, so
// the boxes cover where lines meet them, then boxes, then labels on top.
func (b *branchMapScreen) draw(m mapMetrics) fyne.CanvasObject {
	c := container.New(&fixedLayout{size: b.geo.size})
	line := func(p, q fyne.Position, s edgeStyle) {
		l := canvas.NewLine(s.colour)
		l.StrokeWidth = s.width
		l.Position1, l.Position2 = p, q
		c.Add(l)
	}
	for _, e := range b.geo.edges {
		s := b.edgeStyle(e)
		if s.on > 0 {
			for _, d := range dashes(e.from, e.to, s.on, s.off) {
				line(d[0], d[1], s)
			}
		} else {
			line(e.from, e.to, s)
		}
		head := arrowHead(e.from, e.to, 9+s.width)
		solid := s
		solid.on = 0
		line(head[0], e.to, solid)
		line(head[1], e.to, solid)
	}

	b.nodeLines = make([][]*canvas.Text, len(b.geo.nodes))
	fg := theme.Color(theme.ColorNameForeground)
	for i, n := range b.geo.nodes {
		gn := b.graph.Nodes[i]
		box := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
		box.StrokeColor, box.StrokeWidth = withAlpha(fg, 0x70), 1
		box.CornerRadius = 6
		switch {
		case gn.Ending():
			tc := toneColour(gn.Tone)
			box.FillColor = withAlpha(tc, 0x40)
			box.StrokeColor, box.StrokeWidth = tc, 2
		case gn.Start:
			box.FillColor = withAlpha(theme.Color(theme.ColorNamePrimary), 0x30)
			box.StrokeWidth = 2
		}
		if b.graph.Highlighted() {
			if b.graph.NodeOnPath(gn.ID) {
				box.StrokeColor, box.StrokeWidth = theme.Color(theme.ColorNamePrimary), 4
			}
		}
		box.Move(n.pos)
		box.Resize(n.size)
		c.Add(box)
		for k, l := range n.lines {
			t := canvas.NewText(l, fg)
			t.TextSize = m.titleSize
			t.Alignment = fyne.TextAlignCenter
			t.TextStyle.Bold = gn.Ending() || gn.Start
			t.Move(fyne.NewPos(n.pos.X+m.nodePad, n.pos.Y+m.nodePad+float32(k)*n.lineH))
			t.Resize(fyne.NewSize(n.size.Width-2*m.nodePad, n.lineH))
			c.Add(t)
			b.nodeLines[i] = append(b.nodeLines[i], t)
		}
	}

	bg := theme.Color(theme.ColorNameBackground)
	for _, e := range b.geo.edges {
		s := b.edgeStyle(e)
		r := canvas.NewRectangle(withAlpha(bg, 0xe8))
		r.CornerRadius = 3
		r.Move(e.labelPos)
		r.Resize(e.labelSize)
		c.Add(r)
		// One line per option: on a team's path only the one it chose is
		// marked.
		for k, text := range e.lines {
			t := canvas.NewText(text, withAlpha(s.colour, 0xff))
			on := b.graph.EdgeOnPath(e.edges[k])
			switch {
			case on:
				t.Color = theme.Color(theme.ColorNamePrimary)
				t.TextStyle.Bold = true
			case b.graph.Highlighted():
				t.Color = withAlpha(fg, 0x80)
			case e.kind == graph.EdgeOption:
				t.Color = fg
			}
			t.TextSize = m.labelSize
			t.Alignment = fyne.TextAlignCenter
			t.Move(fyne.NewPos(e.labelPos.X, e.labelPos.Y+m.labelPad+float32(k)*e.lineH))
			t.Resize(fyne.NewSize(e.labelSize.Width, e.lineH))
			c.Add(t)
		}
	}
	return c
}

// legend explains the colours and line styles.
func (b *branchMapScreen) legend() fyne.CanvasObject {
	loc := b.sh.loc
	fg := theme.Color(theme.ColorNameForeground)
	swatch := func(tone string) fyne.CanvasObject {
		r := canvas.NewRectangle(withAlpha(toneColour(tone), 0x40))
		r.StrokeColor, r.StrokeWidth, r.CornerRadius = toneColour(tone), 2, 4
		return container.New(&fixedLayout{size: fyne.NewSize(28, 16), fill: true}, r)
	}
	sample := func(s edgeStyle) fyne.CanvasObject {
		c := container.New(&fixedLayout{size: fyne.NewSize(40, 16)})
		segs := [][2]fyne.Position{{{X: 0, Y: 8}, {X: 40, Y: 8}}}
		if s.on > 0 {
			segs = dashes(fyne.NewPos(0, 8), fyne.NewPos(40, 8), s.on, s.off)
		}
		for _, d := range segs {
			l := canvas.NewLine(s.colour)
			l.StrokeWidth = s.width
			l.Position1, l.Position2 = d[0], d[1]
			c.Add(l)
		}
		return c
	}
	item := func(icon fyne.CanvasObject, text string) fyne.CanvasObject {
		return container.NewHBox(container.NewCenter(icon), faint(text, fyne.TextAlignLeading))
	}
	row := container.NewHBox(
		item(swatch("good"), loc.T("branchmap.legend_good")),
		item(swatch("mixed"), loc.T("branchmap.legend_mixed")),
		item(swatch("bad"), loc.T("branchmap.legend_bad")),
		item(sample(edgeStyle{colour: withAlpha(fg, 0xb0), width: 1.5}), loc.T("branchmap.legend_option")),
		item(sample(edgeStyle{colour: withAlpha(theme.Color(theme.ColorNameError), 0x99), width: 1.5, on: 7, off: 5}), loc.T("branchmap.legend_timeout")),
		item(sample(edgeStyle{colour: withAlpha(theme.Color(theme.ColorNamePrimary), 0xb0), width: 1.5, on: 2, off: 4}), loc.T("branchmap.legend_continue")),
	)
	if b.graph != nil && b.graph.Highlighted() {
		row.Add(item(sample(edgeStyle{colour: theme.Color(theme.ColorNamePrimary), width: 3.5}), loc.T("branchmap.legend_path")))
	}
	return row
}

// fixedLayout gives its container a fixed minimum size; the objects in it
// are placed by hand (or, with fill, stretched over it).
type fixedLayout struct {
	size fyne.Size
	fill bool
}

func (l *fixedLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if !l.fill {
		return
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *fixedLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.size }
