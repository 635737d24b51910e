package ui

import (
	"fmt"
	"maps"
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// World meters: each scenario world variable (public sentiment, media
// attention, …) as a bar with its value and a step chart of the last
// Minutes of exercise time.
//
// The history behind the chart is kept by the view, not read from the
// exercise: engine.Conn gives the state as it stands, not the events one
// by one. Each time a view redraws (after events, and once a second) it
// Samples the world with the exercise time of the latest event and keeps
// the sample when a value changed. A change is therefore dated at the last
// event of the batch it came in — at most one tick (a second of wall time)
// late — and a view opened mid-exercise (or after a resume) starts its
// chart there.

// sparkWindow is how much exercise time a meter's chart shows.
const sparkWindow = 30 * time.Minute

// MaxHistory bounds the samples kept per team; the oldest half goes when
// it is reached (a value changing every second of a three-hour exercise at
// 1× would need 10 800).
const MaxHistory = 4000

// worldSample is the world of one team at an exercise time.
type worldSample struct {
	At     time.Duration
	Values map[string]float64
}

// WorldHistory is one team's world over exercise time: a sample each time a
// Value changed, oldest first.
type WorldHistory struct {
	Samples []worldSample
}

// add records the world at exercise time at when it differs from the last
// sample, and reports whether it did. A time before the last sample's (it
// cannot happen with one exercise) is taken as the last sample's time; a
// change at the last sample's time replaces it, so the chart has no steps
// of zero width.
func (h *WorldHistory) Add(at time.Duration, world map[string]float64) bool {
	if n := len(h.Samples); n > 0 {
		last := &h.Samples[n-1]
		if maps.Equal(last.Values, world) {
			return false
		}
		if at <= last.At {
			if n > 1 && maps.Equal(h.Samples[n-2].Values, world) {
				h.Samples = h.Samples[:n-1] // back to what it was: no step at all
				return true
			}
			last.Values = maps.Clone(world)
			return true
		}
	}
	if len(h.Samples) >= MaxHistory {
		h.Samples = append(h.Samples[:0], h.Samples[len(h.Samples)/2:]...)
	}
	h.Samples = append(h.Samples, worldSample{At: at, Values: maps.Clone(world)})
	return true
}

// Point is one step of a chart: the value from this time on.
type Point struct {
	At    time.Duration
	Value float64
}

// Series returns the steps of variable id between from and to: the value
// at from (the latest sample at or before it, or the first sample when
// there is none before), then each change after from up to to.
func (h *WorldHistory) Series(id string, from, to time.Duration) []Point {
	var out []Point
	for _, s := range h.Samples {
		v, ok := s.Values[id]
		switch {
		case !ok:
			continue
		case s.At > to:
			return out
		case s.At <= from:
			out = append(out[:0], Point{At: from, Value: v}) // the latest at or before from
		case len(out) == 0:
			out = append(out, Point{At: s.At, Value: v}) // the history starts inside the window
		case out[len(out)-1].Value != v: // else another variable changed
			out = append(out, Point{At: s.At, Value: v})
		}
	}
	return out
}

// ChartWindow is the span of exercise time a chart shows at time now: the
// last sparkWindow, or from the start while the exercise is younger.
func ChartWindow(now time.Duration) (from, to time.Duration) {
	return max(0, now-sparkWindow), max(now, 0)
}

// Polarity says whether a world variable is better high or low.
type Polarity int

const (
	NeutralPolarity Polarity = iota
	GoodHigh                 // sentiment, trust: the higher the better
	BadHigh                  // attention, regulator pressure, rumour reach: the lower the better
)

// The scenario format says nothing about which way is good, so the meters
// guess from the variable's id; a variable they do not recognise is shown
// in neutral blue rather than coloured wrongly.
var (
	goodHighWords = []string{"sentiment", "trust", "footfall", "reputation", "morale", "confidence",
		"satisfaction", "support", "goodwill", "loyalty", "sales"}
	badHighWords = []string{"attention", "regulator", "reach", "pressure", "risk", "churn", "fraud",
		"discontent", "merchants", "supervision", "anger", "outrage", "rumour", "rumor", "complaints",
		"backlash", "scrutiny", "panic"}
)

// VariablePolarity guesses a variable's polarity from the words of its id.
func VariablePolarity(id string) Polarity {
	words := strings.FieldsFunc(strings.ToLower(id), func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == ' ' })
	for _, w := range words {
		for _, g := range goodHighWords {
			if w == g {
				return GoodHigh
			}
		}
		for _, b := range badHighWords {
			if w == b {
				return BadHigh
			}
		}
	}
	return NeutralPolarity
}

// Health grades a value for its colour.
type Health int

const (
	HealthNeutral Health = iota
	HealthGood
	HealthWatch
	HealthBad
)

// MeterHealth grades value within [lo, hi] for a variable of polarity p:
// the top 45 % of the good side is good, the bottom 35 % bad, between is
// worth watching.
func MeterHealth(p Polarity, value, lo, hi float64) Health {
	if p == NeutralPolarity || hi <= lo {
		return HealthNeutral
	}
	f := (value - lo) / (hi - lo)
	if p == BadHigh {
		f = 1 - f
	}
	switch {
	case f >= 0.55:
		return HealthGood
	case f < 0.35:
		return HealthBad
	}
	return HealthWatch
}

func (h Health) colorName() fyne.ThemeColorName {
	switch h {
	case HealthGood:
		return theme.ColorNameSuccess
	case HealthWatch:
		return theme.ColorNameWarning
	case HealthBad:
		return theme.ColorNameError
	}
	return theme.ColorNamePrimary
}

// FormatMeterValue shows a world value: whole numbers as such, others with
// one decimal.
func FormatMeterValue(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	r := math.Round(v*10) / 10
	if r == math.Trunc(r) {
		return fmt.Sprintf("%.0f", r)
	}
	return fmt.Sprintf("%.1f", r)
}

// meter is one world variable: its name and value above a bar, and a step
// chart of the last minutes below.
type meter struct {
	widget.BaseWidget
	Label    string
	lo, hi   float64
	polarity Polarity

	value    float64
	Points   []Point
	from, to time.Duration
	// onPanel: the meter sits on a Panel, the colour of its chart's
	// background, and draws none (see WorldMeters.OnPanel).
	onPanel bool
}

func newMeter(label string, lo, hi float64, p Polarity) *meter {
	m := &meter{Label: label, lo: lo, hi: hi, polarity: p}
	m.ExtendBaseWidget(m)
	return m
}

// set shows a value and the chart of [from, to].
func (m *meter) set(value float64, points []Point, from, to time.Duration) {
	m.value, m.Points, m.from, m.to = value, points, from, to
	m.Refresh()
}

func (m *meter) ValueText() string { return FormatMeterValue(m.value) }

func (m *meter) Health() Health { return MeterHealth(m.polarity, m.value, m.lo, m.hi) }

// CreateRenderer implements fyne.Widget.
func (m *meter) CreateRenderer() fyne.WidgetRenderer {
	r := &meterRenderer{m: m,
		label:   widget.NewLabel(m.Label),
		value:   canvas.NewText("", theme.Color(theme.ColorNameForeground)),
		track:   NewRoundedFillColor(theme.Color(theme.ColorNameInputBorder), meterBar/2),
		fill:    NewRoundedFillColor(theme.Color(theme.ColorNamePrimary), meterBar/2),
		zero:    canvas.NewRectangle(theme.Color(theme.ColorNameForeground)),
		sparkBg: NewRoundedFill(theme.ColorNameInputBackground),
	}
	r.label.Truncation = fyne.TextTruncateEllipsis
	r.label.SizeName = theme.SizeNameCaptionText
	r.value.TextStyle = fyne.TextStyle{Bold: true}
	r.value.Alignment = fyne.TextAlignTrailing
	r.sparkBg.Radius = 3
	r.Refresh()
	return r
}

const (
	meterBar   = 6  // bar thickness
	meterSpark = 28 // chart height
	meterGap   = 3
)

type meterRenderer struct {
	m       *meter
	label   *widget.Label
	value   *canvas.Text
	track   *RoundedFill // RoundedFills: a rounded Rectangle's shader costs more
	fill    *RoundedFill
	zero    *canvas.Rectangle
	sparkBg *RoundedFill // a rounded Rectangle's shader costs more (see RoundedFill)
	lines   []*canvas.Line
	objects []fyne.CanvasObject
	size    fyne.Size
}

func (r *meterRenderer) Destroy() {}

func (r *meterRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *meterRenderer) MinSize() fyne.Size {
	ls := r.label.MinSize()
	return fyne.NewSize(max(ls.Width, 60)+r.value.MinSize().Width+theme.Padding(), ls.Height+meterGap+meterBar+2*meterGap+meterSpark)
}

func (r *meterRenderer) inset() float32 { return theme.Size(theme.SizeNameInnerPadding) }

func (r *meterRenderer) Layout(size fyne.Size) {
	r.size = size
	in := r.inset()
	vw := r.value.MinSize().Width
	lh := r.label.MinSize().Height
	r.label.Resize(fyne.NewSize(max(0, size.Width-vw-in), lh))
	r.label.Move(fyne.NewPos(0, 0))
	r.value.Resize(fyne.NewSize(vw, lh))
	r.value.Move(fyne.NewPos(size.Width-in-vw, 0))
	w := max(0, size.Width-2*in)
	y := lh + meterGap
	r.track.Resize(fyne.NewSize(w, meterBar))
	r.track.Move(fyne.NewPos(in, y))
	a, b := r.barSpan()
	r.fill.Resize(fyne.NewSize(w*(b-a), meterBar))
	r.fill.Move(fyne.NewPos(in+w*a, y))
	if z, ok := r.zeroAt(); ok {
		r.zero.Show()
		r.zero.Resize(fyne.NewSize(1, meterBar+4))
		r.zero.Move(fyne.NewPos(in+w*z, y-2))
	} else {
		r.zero.Hide()
	}
	y += meterBar + 2*meterGap
	r.sparkBg.Resize(fyne.NewSize(w, meterSpark))
	r.sparkBg.Move(fyne.NewPos(in, y))
	r.layoutSpark(in, y, w)
}

// frac places a value on [0, 1] of the variable's range.
func (r *meterRenderer) frac(v float64) float32 {
	m := r.m
	if m.hi <= m.lo {
		return 0
	}
	return float32(min(1, max(0, (v-m.lo)/(m.hi-m.lo))))
}

// zeroAt is where zero sits on a range that spans it (sentiment from -100
// to 100): the bar then grows from zero, left for negative, right for
// positive.
func (r *meterRenderer) zeroAt() (float32, bool) {
	if r.m.lo < 0 && r.m.hi > 0 {
		return r.frac(0), true
	}
	return 0, false
}

func (r *meterRenderer) barSpan() (a, b float32) {
	v := r.frac(r.m.value)
	if z, ok := r.zeroAt(); ok {
		return min(z, v), max(z, v)
	}
	return 0, v
}

// layoutSpark draws the chart as steps: a horizontal line for each value
// while it held, a vertical line where it changed.
func (r *meterRenderer) layoutSpark(x0, y0, w float32) {
	m := r.m
	pad := float32(3)
	h := float32(meterSpark) - 2*pad
	yOf := func(v float64) float32 { return y0 + pad + h*(1-r.frac(v)) }
	span := float64(m.to - m.from)
	xOf := func(t time.Duration) float32 {
		if span <= 0 {
			return x0 + w
		}
		return x0 + w*float32(min(1, max(0, float64(t-m.from)/span)))
	}
	pts := m.Points
	if len(pts) == 0 {
		pts = []Point{{At: m.from, Value: m.value}}
	}
	i := 0
	for k, p := range pts {
		end := m.to
		if k+1 < len(pts) {
			end = pts[k+1].At
		}
		startX := xOf(p.At)
		if k == 0 && span <= 0 {
			startX = x0
		}
		r.lineAt(i).Position1 = fyne.NewPos(startX, yOf(p.Value))
		r.lines[i].Position2 = fyne.NewPos(xOf(end), yOf(p.Value))
		i++
		if k+1 < len(pts) {
			r.lineAt(i).Position1 = fyne.NewPos(xOf(end), yOf(p.Value))
			r.lines[i].Position2 = fyne.NewPos(xOf(end), yOf(pts[k+1].Value))
			i++
		}
	}
	for _, l := range r.lines[i:] {
		l.Hide()
	}
}

// lineAt returns the i-th chart line, making it when needed.
func (r *meterRenderer) lineAt(i int) *canvas.Line {
	for len(r.lines) <= i {
		l := canvas.NewLine(theme.Color(r.m.Health().colorName()))
		l.StrokeWidth = 1.5
		r.lines = append(r.lines, l)
		r.objects = append(r.objects, l)
	}
	r.lines[i].Show()
	return r.lines[i]
}

// Refresh runs every second (the chart moves with the clock): the texts,
// which are shaped and rasterised anew on each refresh, are refreshed only
// when they changed, and the bars when their colour or size did; the
// chart's lines are cheap to redraw. (A
// theme change refreshes every object of the renderer by itself.)
func (r *meterRenderer) Refresh() {
	m := r.m
	col := theme.Color(m.Health().colorName())
	if r.label.Text != m.Label {
		r.label.SetText(m.Label)
	}
	value, size := m.ValueText(), theme.Size(theme.SizeNameText)
	valueChanged := r.value.Text != value || r.value.Color != col || r.value.TextSize != size
	r.value.Text, r.value.Color, r.value.TextSize = value, col, size
	r.track.SetColor(theme.Color(theme.ColorNameInputBorder))
	r.fill.SetColor(col)
	r.zero.FillColor = theme.Color(theme.ColorNamePlaceHolder)
	for _, l := range r.lines {
		l.StrokeColor = col
	}
	if r.objects == nil {
		r.objects = []fyne.CanvasObject{r.sparkBg, r.label, r.value, r.track, r.fill, r.zero}
		if m.onPanel {
			r.objects = r.objects[1:]
		}
		valueChanged = true
	}
	if !r.size.IsZero() {
		r.Layout(r.size)
	}
	for _, o := range r.objects {
		switch o {
		case fyne.CanvasObject(r.label), fyne.CanvasObject(r.track), fyne.CanvasObject(r.fill):
			// The label sets its own text; the bars redraw when SetColor
			// changes their colour or Layout their size (refreshing a
			// RoundedFill would raster its corners again each second).
		case fyne.CanvasObject(r.value):
			if valueChanged {
				o.Refresh()
			}
		default:
			o.Refresh()
		}
	}
}

// WorldMeters are the meters of one team's world, with its history.
type WorldMeters struct {
	vars    []*scenario.Variable
	Meters  []*meter
	history *WorldHistory
	Box     *fyne.Container
}

// NewWorldMeters makes a meter per world variable, laid out in columns,
// Labelled in lang (the UI language: the meters are read by whoever looks
// at the screen).
func NewWorldMeters(vars []*scenario.Variable, history *WorldHistory, columns int, lang string) *WorldMeters {
	wm := &WorldMeters{vars: vars, history: history}
	var objs []fyne.CanvasObject
	for _, v := range vars {
		label := v.Label.Get(lang)
		if label == "" {
			label = v.ID
		}
		m := newMeter(label, v.Min, v.Max, VariablePolarity(v.ID))
		m.value = v.Start
		wm.Meters = append(wm.Meters, m)
		objs = append(objs, m)
	}
	columns = max(1, min(columns, len(objs)))
	wm.Box = container.NewGridWithColumns(columns, objs...)
	return wm
}

// OnPanel says that the meters sit on a Panel (the console's team cards):
// their charts' background has the panel's colour, so they draw none, which
// spares a draw and its pixels in every frame. Call it before the meters
// are first drawn.
func (wm *WorldMeters) OnPanel() {
	for _, m := range wm.Meters {
		m.onPanel = true
	}
}

// Update samples the world (as of the latest event, at exercise time at)
// and redraws the meters for the exercise clock now.
func (wm *WorldMeters) Update(world map[string]float64, at, now time.Duration) {
	if world != nil {
		wm.history.Add(at, world)
	}
	from, to := ChartWindow(now)
	for i, v := range wm.vars {
		val, ok := world[v.ID]
		if !ok {
			val = v.Start
		}
		wm.Meters[i].set(val, wm.history.Series(v.ID, from, to), from, to)
	}
}

// WorldHistories keeps each team's history across rebuilds of the views
// (a language switch), shared by the console and the team's own view.
type WorldHistories map[string]*WorldHistory

// HistoriesFrom rebuilds the teams' world histories from a stored log, so
// that a resumed exercise draws its trend lines from the start: the world
// changes only with events, so sampling after each event is exact.
func HistoriesFrom(events []engine.Event) WorldHistories {
	h := WorldHistories{}
	if len(events) == 0 {
		return h
	}
	s := engine.NewState()
	for _, e := range events {
		if s.Apply(e) != nil {
			break // the session refused this log already; draw what folded
		}
		for _, t := range s.Teams {
			h.Get(t.Name).Add(e.At, t.World)
		}
	}
	return h
}

func (h WorldHistories) Get(team string) *WorldHistory {
	if h[team] == nil {
		h[team] = &WorldHistory{}
	}
	return h[team]
}
