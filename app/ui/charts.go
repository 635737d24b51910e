package ui

import (
	"fmt"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/internal/debrief"
)

// The debrief's charts, drawn with canvas rectangles, lines and text so
// they follow the window's size and theme: grouped score bars (teams side
// by side per dimension) and step charts of the world variables over
// exercise time. They show the same numbers as the exported report's
// charts and use the same team colours.

// Drawing is a widget whose objects are drawn afresh for its size by draw.
type Drawing struct {
	widget.BaseWidget
	min  fyne.Size
	draw func(size fyne.Size) []fyne.CanvasObject
}

func NewDrawing(min fyne.Size, draw func(fyne.Size) []fyne.CanvasObject) *Drawing {
	d := &Drawing{min: min, draw: draw}
	d.ExtendBaseWidget(d)
	return d
}

func (d *Drawing) CreateRenderer() fyne.WidgetRenderer { return &drawingRenderer{d: d} }

type drawingRenderer struct {
	d    *Drawing
	objs []fyne.CanvasObject
	size fyne.Size
}

func (r *drawingRenderer) Layout(size fyne.Size) {
	if size == r.size && r.objs != nil {
		return
	}
	r.size = size
	r.objs = r.d.draw(size)
}
func (r *drawingRenderer) MinSize() fyne.Size { return r.d.min }
func (r *drawingRenderer) Refresh() {
	r.objs = r.d.draw(r.size)
	canvas.Refresh(r.d)
}
func (r *drawingRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *drawingRenderer) Destroy()                     {}

// Team colours (Okabe–Ito, as in the exported report: readable by most
// colour-blind people); teams past the eighth reuse them.
var teamPalette = []color.NRGBA{
	{0x00, 0x72, 0xB2, 0xff}, {0xD5, 0x5E, 0x00, 0xff}, {0x00, 0x9E, 0x73, 0xff}, {0xCC, 0x79, 0xA7, 0xff},
	{0xE6, 0x9F, 0x00, 0xff}, {0x56, 0xB4, 0xE9, 0xff}, {0x60, 0x60, 0x60, 0xff}, {0x8C, 0x6D, 0x31, 0xff},
}

func TeamColor(i int) color.NRGBA { return teamPalette[i%len(teamPalette)] }

// Swatch is a small square of a team's colour, for legends and headings.
func Swatch(c color.Color) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	r.CornerRadius = 2
	r.SetMinSize(fyne.NewSize(12, 12))
	return container.NewCenter(r)
}

// TeamLegend is the teams' names with their colours, on one wrapping row.
func TeamLegend(teams []string) fyne.CanvasObject {
	box := container.NewHBox()
	for i, name := range teams {
		box.Add(container.NewHBox(Swatch(TeamColor(i)), widget.NewLabel(name)))
	}
	return box
}

func chartText(s string, size float32, c color.Color, align fyne.TextAlign) *canvas.Text {
	t := canvas.NewText(s, c)
	t.TextSize = size
	t.Alignment = align
	return t
}

// placeText puts t with its baseline area centred on (x, y) for an
// alignment: leading starts at x, centre centres on x, trailing ends at x.
func placeText(t *canvas.Text, x, y float32) *canvas.Text {
	s := t.MinSize()
	switch t.Alignment {
	case fyne.TextAlignCenter:
		x -= s.Width / 2
	case fyne.TextAlignTrailing:
		x -= s.Width
	}
	t.Move(fyne.NewPos(x, y-s.Height/2))
	t.Resize(s)
	return t
}

func chartLine(x1, y1, x2, y2 float32, c color.Color, w float32) *canvas.Line {
	l := canvas.NewLine(c)
	l.StrokeWidth = w
	l.Position1, l.Position2 = fyne.NewPos(x1, y1), fyne.NewPos(x2, y2)
	return l
}

// ScoreSeries is one team's scores for the bar chart.
type ScoreSeries struct {
	Team       string
	Color      int // index into teamPalette
	Values     map[string]float64
	Overridden map[string]bool
}

// ScoreChartSeries takes the report's teams as chart series.
func ScoreChartSeries(r *debrief.Report) []ScoreSeries {
	var out []ScoreSeries
	for i, t := range r.Teams {
		s := ScoreSeries{Team: t.Name, Color: i, Values: t.Scores, Overridden: map[string]bool{}}
		for _, o := range t.Overrides {
			s.Overridden[o.Dimension] = true
		}
		out = append(out, s)
	}
	return out
}

// NewScoreChart draws grouped bars: one group per dimension, one bar per
// team, the value above it; a score the facilitator set is outlined and
// marked *, a dimension without evidence shows a dash.
func NewScoreChart(dims []string, dimLabel func(string) string, series []ScoreSeries, height float32) *Drawing {
	return NewDrawing(fyne.NewSize(float32(90*len(dims)), height), func(size fyne.Size) []fyne.CanvasObject {
		fg := theme.Color(theme.ColorNameForeground)
		faintC := theme.Color(theme.ColorNamePlaceHolder)
		grid := WithAlpha(theme.Color(theme.ColorNameForeground), 0x28)
		ts := theme.TextSize()
		var objs []fyne.CanvasObject
		left, top, bottom := float32(34), float32(ts+6), float32(ts*2+8)
		pw, ph := size.Width-left-4, size.Height-top-bottom
		if pw <= 0 || ph <= 0 || len(dims) == 0 {
			return nil
		}
		y := func(v float64) float32 { return top + ph - float32(v/100)*ph }
		for _, v := range debrief.ScoreTicks() {
			objs = append(objs, chartLine(left, y(v), left+pw, y(v), grid, 1))
			objs = append(objs, placeText(chartText(fmt.Sprintf("%.0f", v), ts*0.8, faintC, fyne.TextAlignTrailing), left-6, y(v)))
		}
		gw := pw / float32(len(dims))
		n := max(len(series), 1)
		bw := min(gw*0.8/float32(n), 56)
		for di, d := range dims {
			gx := left + gw*float32(di) + (gw-bw*float32(n))/2
			for si, s := range series {
				bx := gx + bw*float32(si)
				v, ok := s.Values[d]
				if !ok {
					objs = append(objs, placeText(chartText("—", ts*0.85, faintC, fyne.TextAlignCenter), bx+bw/2, y(0)-ts/2))
					continue
				}
				bar := canvas.NewRectangle(TeamColor(s.Color))
				if s.Overridden[d] {
					bar.StrokeColor = fg
					bar.StrokeWidth = 2
				}
				bar.Move(fyne.NewPos(bx+1, y(v)))
				bar.Resize(fyne.NewSize(bw-2, max(y(0)-y(v), 1)))
				objs = append(objs, bar)
				label := fmt.Sprintf("%.0f", math.Round(v))
				if s.Overridden[d] {
					label += "*"
				}
				t := chartText(label, ts*0.8, fg, fyne.TextAlignCenter)
				if s.Overridden[d] {
					t.TextStyle.Bold = true
				}
				objs = append(objs, placeText(t, bx+bw/2, y(v)-ts*0.6))
			}
			objs = append(objs, placeText(chartText(dimLabel(d), ts*0.9, fg, fyne.TextAlignCenter), left+gw*float32(di)+gw/2, top+ph+ts))
		}
		objs = append(objs, chartLine(left, y(0), left+pw, y(0), faintC, 1.5))
		return objs
	})
}

// CurveSeries is one team's value of a world variable over exercise time:
// a step function holding each value until the next point.
type CurveSeries struct {
	Color  int
	Points []debrief.Point
}

// NewCurveChart draws one world variable over exercise time, a step line
// per team, on the variable's range (lo–hi) and minutes 0–end. A marker at
// exercise second mark (≥ 0) shows a moment (the replay's).
func NewCurveChart(lo, hi, endSeconds float64, series []CurveSeries, mark float64, axisLabel string, height float32) *Drawing {
	if hi <= lo {
		hi = lo + 1
	}
	return NewDrawing(fyne.NewSize(240, height), func(size fyne.Size) []fyne.CanvasObject {
		faintC := theme.Color(theme.ColorNamePlaceHolder)
		grid := WithAlpha(theme.Color(theme.ColorNameForeground), 0x28)
		ts := theme.TextSize()
		left, top, bottom := float32(40), float32(ts/2+2), float32(ts*2+10)
		pw, ph := size.Width-left-8, size.Height-top-bottom
		if pw <= 0 || ph <= 0 {
			return nil
		}
		end := endSeconds
		for _, s := range series {
			if n := len(s.Points); n > 0 {
				end = math.Max(end, s.Points[n-1].AtSeconds)
			}
		}
		endMin := math.Max(end/60, 1)
		x := func(sec float64) float32 { return left + float32(sec/60/endMin)*pw }
		y := func(v float64) float32 { return top + ph - float32((v-lo)/(hi-lo))*ph }
		var objs []fyne.CanvasObject
		for _, v := range debrief.ValueTicks(lo, hi) {
			objs = append(objs, chartLine(left, y(v), left+pw, y(v), grid, 1))
			objs = append(objs, placeText(chartText(debrief.Number(v), ts*0.8, faintC, fyne.TextAlignTrailing), left-6, y(v)))
		}
		for _, m := range debrief.MinuteTicks(endMin) {
			objs = append(objs, chartLine(x(m*60), top+ph, x(m*60), top+ph+4, faintC, 1))
			objs = append(objs, placeText(chartText(fmt.Sprintf("%.0f", m), ts*0.8, faintC, fyne.TextAlignCenter), x(m*60), top+ph+ts*0.55+4))
		}
		objs = append(objs, placeText(chartText(axisLabel, ts*0.8, faintC, fyne.TextAlignCenter), left+pw/2, top+ph+ts*1.5+6))
		objs = append(objs, chartLine(left, top+ph, left+pw, top+ph, faintC, 1.5), chartLine(left, top, left, top+ph, faintC, 1.5))
		for _, s := range series {
			c := TeamColor(s.Color)
			for i, p := range s.Points {
				if i > 0 {
					prev := s.Points[i-1]
					if p.Value != prev.Value {
						objs = append(objs, chartLine(x(p.AtSeconds), y(prev.Value), x(p.AtSeconds), y(p.Value), c, 2))
					}
				}
				if i+1 < len(s.Points) {
					next := s.Points[i+1]
					objs = append(objs, chartLine(x(p.AtSeconds), y(p.Value), x(next.AtSeconds), y(p.Value), c, 2.5))
				}
			}
		}
		if mark >= 0 {
			mc := theme.Color(theme.ColorNamePrimary)
			objs = append(objs, chartLine(x(mark), top, x(mark), top+ph, mc, 2))
		}
		return objs
	})
}

// ratingColor is the colour of an HSEEP rating's badge.
func ratingColor(r string) color.Color {
	switch r {
	case "P":
		return color.NRGBA{0x1b, 0x7f, 0x3b, 0xff}
	case "S":
		return color.NRGBA{0x0b, 0x53, 0x94, 0xff}
	case "M":
		return color.NRGBA{0x9a, 0x67, 0x00, 0xff}
	case "U":
		return color.NRGBA{0xb4, 0x23, 0x18, 0xff}
	}
	return color.NRGBA{0x70, 0x70, 0x70, 0xff}
}

// RatingBadge is a rating's letter on its colour, white and bold.
func RatingBadge(r string) fyne.CanvasObject {
	if r == "" {
		r = "–"
	}
	bg := canvas.NewRectangle(ratingColor(r))
	bg.CornerRadius = 4
	t := canvas.NewText(r, color.White)
	t.TextStyle.Bold = true
	t.Alignment = fyne.TextAlignCenter
	box := container.NewStack(bg, container.New(&fixedPad{pad: fyne.NewSize(8, 2)}, t))
	return container.NewCenter(box)
}

// fixedPad pads its one object by a fixed amount on each side.
type fixedPad struct{ pad fyne.Size }

func (l *fixedPad) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(l.pad.Width, l.pad.Height))
		o.Resize(fyne.NewSize(size.Width-2*l.pad.Width, size.Height-2*l.pad.Height))
	}
}

func (l *fixedPad) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s.Add(fyne.NewSize(2*l.pad.Width, 2*l.pad.Height))
}
