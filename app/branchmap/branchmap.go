// Package branchmap is the branch map screen: a scenario's phase graph
// drawn as the exports draw it (the geometry is internal/graph's), with a
// team's path through it when opened from a debrief.
package branchmap

import (
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/graph"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Host is what the branch map needs from the window it is shown in.
type Host interface {
	// Loc is the localizer of the language now shown.
	Loc() *i18n.Localizer
	// Show shows a screen (the map itself again, redrawn, when a team is
	// chosen).
	Show(ui.Screen)
}

// TeamPath is a team's way through a scenario.
type TeamPath struct {
	Name   string
	Phases []string // in the order visited
	Taken  []string // graph edge keys of its choices and timeouts
}

// TeamPaths reads every team's path from an exercise state.
func TeamPaths(st *engine.State) []TeamPath {
	var out []TeamPath
	for _, t := range st.Teams {
		tp := TeamPath{Name: t.Name}
		for _, s := range t.Path {
			tp.Phases = append(tp.Phases, s.Phase)
		}
		for _, a := range t.Answers {
			switch {
			case a.Option != nil:
				tp.Taken = append(tp.Taken, graph.OptionKey(a.Decision.ID, a.Option.ID))
			case a.TimedOut:
				tp.Taken = append(tp.Taken, graph.TimeoutKey(a.Decision.ID))
			}
		}
		out = append(out, tp)
	}
	return out
}

// Screen draws a scenario's phase graph: phases in rows by their
// distance from the start, endings at the bottom coloured by tone, options
// as solid arrows, timeouts dashed, automatic continues dotted. Opened from
// the debrief it highlights the chosen team's path.
type Screen struct {
	host     Host
	sc       *scenario.Scenario
	teams    []TeamPath
	selected int // index in teams, or -1 for no highlight
	back     func()
	inPart   bool // drawn inside another screen: no title, no back button

	// What Build drew last.
	graph      *graph.Graph
	geo        graph.Geometry
	nodeLines  [][]*canvas.Text // per node, its title lines
	nodeNotes  [][]*canvas.Text // per node, its decisions' questions (several decisions that move a team)
	teamSelect *widget.Select
	backButton *ui.KeyButton
	pathLine   *ui.WrapLabel
	detail     *ui.WrapLabel  // a label's full text, once tapped
	labelTaps  []*labelTap    // per drawn label line, in drawing order
	edgeTexts  []*canvas.Text // the label lines, as labelTaps
}

// New is the branch map of sc, with teams' paths to choose from (none:
// no highlight); back leaves it.
func New(host Host, sc *scenario.Scenario, teams []TeamPath, back func()) *Screen {
	b := &Screen{host: host, sc: sc, teams: teams, back: back, selected: -1}
	if len(teams) > 0 {
		b.selected = 0
	}
	return b
}

// InPart makes the map a part of another screen (the authoring view's
// tab): Build leaves out its title and its back button, which that
// screen has.
func (b *Screen) InPart() *Screen {
	b.inPart = true
	return b
}

// Stop does nothing: the map runs no timers.
func (b *Screen) Stop() {}

// mapMetrics are the branch map's measures in Fyne units; Build sets the
// text sizes from the theme.
var mapMetrics = graph.Metrics{WrapCols: 24, NodePad: 10, MinNodeW: 140, GapX: 56, GapY: 120, Margin: 24, LabelPad: 2}

// Build draws the map in the host's language, highlighting the chosen
// team's path.
func (b *Screen) Build() fyne.CanvasObject {
	loc := b.host.Loc()
	lang := loc.Lang().String()
	b.graph = graph.Build(b.sc, graph.Options{Lang: lang, Readable: true})

	b.backButton = ui.NewIconButton(loc.T("common.back"), theme.NavigateBackIcon(), b.back)
	title := ui.Heading(loc.T("branchmap.title", "scenario", b.sc.Title.Get(lang)))
	right := container.NewHBox()
	b.teamSelect = nil
	b.pathLine = ui.Wrapped("")
	b.pathLine.Hide()
	b.detail = ui.Wrapped(loc.T("branchmap.tap_hint"))
	if len(b.teams) > 0 {
		names := []string{loc.T("branchmap.no_team")}
		for _, t := range b.teams {
			names = append(names, t.Name)
		}
		b.teamSelect = widget.NewSelect(names, nil)
		b.teamSelect.SetSelectedIndex(b.selected + 1)
		b.teamSelect.OnChanged = func(string) {
			b.selected = b.teamSelect.SelectedIndex() - 1
			b.host.Show(b)
		}
		right.Add(widget.NewLabel(loc.T("branchmap.highlight")))
		right.Add(b.teamSelect)
	}
	if !b.inPart {
		right.Add(b.backButton)
	} else {
		title.Hide()
	}
	if b.selected >= 0 && b.selected < len(b.teams) {
		t := b.teams[b.selected]
		b.graph.Highlight(t.Phases, t.Taken)
		steps := make([]string, len(t.Phases))
		for i, p := range t.Phases {
			steps[i] = ui.PhaseTitle(b.sc, p, lang)
		}
		b.pathLine.SetText(loc.T("branchmap.path_of", "team", t.Name, "path", strings.Join(steps, "  →  ")))
		b.pathLine.Show()
	}
	head := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewCenter(right), title),
		b.legend(), b.pathLine, b.detail)

	m := mapMetrics
	m.TitleSize = theme.Size(theme.SizeNameText)
	m.LabelSize = theme.Size(theme.SizeNameCaptionText)
	b.geo = graph.Layout(b.graph, m, func(text string, size float32) (w, h float32) {
		s := fyne.MeasureText(text, size, fyne.TextStyle{})
		return s.Width, s.Height
	})
	drawing := b.draw(m)
	return container.NewBorder(container.NewVBox(container.NewPadded(head), widget.NewSeparator()), nil, nil, nil,
		container.NewScroll(container.NewCenter(drawing)))
}

// Colours.

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
func (b *Screen) onPath(e graph.EdgeLine) bool {
	return slices.ContainsFunc(e.Edges, b.graph.EdgeOnPath)
}

func (b *Screen) edgeStyle(e graph.EdgeLine) edgeStyle {
	fg := theme.Color(theme.ColorNameForeground)
	s := edgeStyle{colour: ui.WithAlpha(fg, 0xb0), width: 1.5}
	switch e.Kind {
	case graph.EdgeTimeout:
		s.colour, s.on, s.off = ui.WithAlpha(theme.Color(theme.ColorNameError), 0x99), 7, 5
	case graph.EdgeContinue:
		s.colour, s.on, s.off = ui.WithAlpha(theme.Color(theme.ColorNamePrimary), 0xb0), 2, 4
	}
	if b.graph.Highlighted() {
		if b.onPath(e) {
			s.colour, s.width = theme.Color(theme.ColorNamePrimary), 3.5
		} else {
			s.colour = ui.WithAlpha(s.colour, 0x66)
		}
	}
	return s
}

// draw puts the laid-out graph on a canvas of fixed size: edges first, so
// the boxes cover where lines meet them, then boxes, then labels on top.
func (b *Screen) draw(m graph.Metrics) fyne.CanvasObject {
	c := container.New(&ui.FixedLayout{Size: fyneSize(b.geo.Size)})
	line := func(p, q graph.Point, s edgeStyle) {
		l := canvas.NewLine(s.colour)
		l.StrokeWidth = s.width
		l.Position1, l.Position2 = fynePos(p), fynePos(q)
		c.Add(l)
	}
	for _, e := range b.geo.Edges {
		s := b.edgeStyle(e)
		if s.on > 0 {
			for _, d := range graph.Dashes(e.From, e.To, s.on, s.off) {
				line(d[0], d[1], s)
			}
		} else {
			line(e.From, e.To, s)
		}
		head := graph.ArrowHead(e.From, e.To, 9+s.width)
		solid := s
		solid.on = 0
		line(head[0], e.To, solid)
		line(head[1], e.To, solid)
	}

	b.nodeLines = make([][]*canvas.Text, len(b.geo.Nodes))
	b.nodeNotes = make([][]*canvas.Text, len(b.geo.Nodes))
	b.labelTaps, b.edgeTexts = nil, nil
	fg := theme.Color(theme.ColorNameForeground)
	for i, n := range b.geo.Nodes {
		gn := b.graph.Nodes[i]
		box := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
		box.StrokeColor, box.StrokeWidth = ui.WithAlpha(fg, 0x70), 1
		box.CornerRadius = 6
		switch {
		case gn.Ending():
			tc := toneColour(gn.Tone)
			box.FillColor = ui.WithAlpha(tc, 0x40)
			box.StrokeColor, box.StrokeWidth = tc, 2
		case gn.Start:
			box.FillColor = ui.WithAlpha(theme.Color(theme.ColorNamePrimary), 0x30)
			box.StrokeWidth = 2
		}
		if b.graph.Highlighted() {
			if b.graph.NodeOnPath(gn.ID) {
				box.StrokeColor, box.StrokeWidth = theme.Color(theme.ColorNamePrimary), 4
			}
		}
		box.Move(fynePos(n.Pos))
		box.Resize(fyneSize(n.Size))
		c.Add(box)
		for k, l := range n.TitleLines {
			t := canvas.NewText(l, fg)
			t.TextSize = m.TitleSize
			t.Alignment = fyne.TextAlignCenter
			t.TextStyle.Bold = gn.Ending() || gn.Start
			t.Move(fyne.NewPos(n.Pos.X+m.NodePad, n.Pos.Y+m.NodePad+float32(k)*n.LineH))
			t.Resize(fyne.NewSize(n.Size.W-2*m.NodePad, n.LineH))
			c.Add(t)
			b.nodeLines[i] = append(b.nodeLines[i], t)
		}
		// The questions of its decisions, when their edges carry marks.
		top := n.Pos.Y + m.NodePad + float32(len(n.TitleLines))*n.LineH
		for k, l := range n.NoteLines {
			t := canvas.NewText(l, ui.WithAlpha(fg, 0xc0))
			t.TextSize = m.LabelSize
			t.Move(fyne.NewPos(n.Pos.X+m.NodePad, top+float32(k)*n.NoteH))
			t.Resize(fyne.NewSize(n.Size.W-2*m.NodePad, n.NoteH))
			c.Add(t)
			b.nodeNotes[i] = append(b.nodeNotes[i], t)
		}
	}

	bg := theme.Color(theme.ColorNameBackground)
	for _, e := range b.geo.Edges {
		s := b.edgeStyle(e)
		r := canvas.NewRectangle(ui.WithAlpha(bg, 0xe8))
		r.CornerRadius = 3
		r.Move(fynePos(e.LabelPos))
		r.Resize(fyneSize(e.LabelSize))
		c.Add(r)
		// One line per option: on a team's path only the one it chose is
		// marked.
		for k, text := range e.LabelLines {
			t := canvas.NewText(text, ui.WithAlpha(s.colour, 0xff))
			on := b.graph.EdgeOnPath(e.Edges[k])
			switch {
			case on:
				t.Color = theme.Color(theme.ColorNamePrimary)
				t.TextStyle.Bold = true
			case b.graph.Highlighted():
				t.Color = ui.WithAlpha(fg, 0x80)
			case e.Kind == graph.EdgeOption:
				t.Color = fg
			}
			t.TextSize = m.LabelSize
			t.Alignment = fyne.TextAlignCenter
			t.Move(fyne.NewPos(e.LabelPos.X, e.LabelPos.Y+m.LabelPad+float32(k)*e.LineH))
			t.Resize(fyne.NewSize(e.LabelSize.W, e.LineH))
			c.Add(t)
			tap := newLabelTap(b.graph.Edges[e.Edges[k]].Full, b.showDetail)
			tap.Move(t.Position())
			tap.Resize(t.Size())
			c.Add(tap)
			b.labelTaps = append(b.labelTaps, tap)
			b.edgeTexts = append(b.edgeTexts, t)
		}
	}
	return c
}

// showDetail puts a label's full text under the legend.
func (b *Screen) showDetail(full string) {
	b.detail.SetText(b.host.Loc().T("branchmap.detail", "text", full))
}

// labelTap lies over an edge label (canvas text takes no taps): a tap
// shows the label's full text, the option's whole wording and the whole
// condition.
type labelTap struct {
	widget.BaseWidget
	full  string
	onTap func(string)
}

func newLabelTap(full string, onTap func(string)) *labelTap {
	t := &labelTap{full: full, onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

func (t *labelTap) Tapped(*fyne.PointEvent) { t.onTap(t.full) }

func (t *labelTap) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// fynePos and fyneSize carry the layout's geometry over to Fyne.
func fynePos(p graph.Point) fyne.Position { return fyne.NewPos(p.X, p.Y) }
func fyneSize(s graph.Size) fyne.Size     { return fyne.NewSize(s.W, s.H) }

// legend explains the colours and line styles.
func (b *Screen) legend() fyne.CanvasObject {
	loc := b.host.Loc()
	fg := theme.Color(theme.ColorNameForeground)
	swatch := func(tone string) fyne.CanvasObject {
		r := canvas.NewRectangle(ui.WithAlpha(toneColour(tone), 0x40))
		r.StrokeColor, r.StrokeWidth, r.CornerRadius = toneColour(tone), 2, 4
		return container.New(&ui.FixedLayout{Size: fyne.NewSize(28, 16), Fill: true}, r)
	}
	sample := func(s edgeStyle) fyne.CanvasObject {
		c := container.New(&ui.FixedLayout{Size: fyne.NewSize(40, 16)})
		segs := [][2]graph.Point{{{X: 0, Y: 8}, {X: 40, Y: 8}}}
		if s.on > 0 {
			segs = graph.Dashes(graph.Point{X: 0, Y: 8}, graph.Point{X: 40, Y: 8}, s.on, s.off)
		}
		for _, d := range segs {
			l := canvas.NewLine(s.colour)
			l.StrokeWidth = s.width
			l.Position1, l.Position2 = fynePos(d[0]), fynePos(d[1])
			c.Add(l)
		}
		return c
	}
	item := func(icon fyne.CanvasObject, text string) fyne.CanvasObject {
		return container.NewHBox(container.NewCenter(icon), ui.Faint(text, fyne.TextAlignLeading))
	}
	row := container.NewHBox(
		item(swatch("good"), loc.T("branchmap.legend_good")),
		item(swatch("mixed"), loc.T("branchmap.legend_mixed")),
		item(swatch("bad"), loc.T("branchmap.legend_bad")),
		item(sample(edgeStyle{colour: ui.WithAlpha(fg, 0xb0), width: 1.5}), loc.T("branchmap.legend_option")),
		item(sample(edgeStyle{colour: ui.WithAlpha(theme.Color(theme.ColorNameError), 0x99), width: 1.5, on: 7, off: 5}), loc.T("branchmap.legend_timeout")),
		item(sample(edgeStyle{colour: ui.WithAlpha(theme.Color(theme.ColorNamePrimary), 0xb0), width: 1.5, on: 2, off: 4}), loc.T("branchmap.legend_continue")),
	)
	if b.graph != nil && b.graph.Highlighted() {
		row.Add(item(sample(edgeStyle{colour: theme.Color(theme.ColorNamePrimary), width: 3.5}), loc.T("branchmap.legend_path")))
	}
	return row
}
