package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Golden rendering tests: each widget of the kit with a renderer or a
// layout of its own is drawn in a test window in the app's theme
// (uitest.Window: fbtheme, whose bundled fonts make text measure the same
// on every machine) and its markup compared with testdata/<name>.xml, as
// Fyne's own widget tests do. Where the look depends on state, each state
// has its golden.
//
// A golden that is missing or differs makes the test fail and Fyne writes
// what was drawn to testdata/failed/<name>.xml: read it, and if it shows
// what the widget should draw, move it into testdata/ (testdata/failed is
// not committed).
//
// The markup names a colour by the first theme colour that equals it, and
// in the app's theme (Fyne's default colours) some are the same: the
// primary colour reads "hyperlink", the input border "disabled", white
// "foregroundOnPrimary".

// goldenWindow is a test window in the app's theme, w×h and unpadded, so
// that the markup's positions are the content's own. Make the widgets after
// it: they take theme colours when they are made.
func goldenWindow(t *testing.T, w, h float32) fyne.Window {
	t.Helper()
	win := uitest.Window(t)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	return win
}

// layOut lays the window out again, as the driver does when an object's
// MinSize changed (a label given a longer text); the test driver does not.
func layOut(w fyne.Window) { resizeWindow(w, w.Canvas().Size()) }

// A wrapped paragraph breaks at spaces for the width it is given, and
// takes fewer lines (and less height: the label below moves up) when the
// window widens.
func TestGoldenWrapLabelWidth(t *testing.T) {
	w := goldenWindow(t, 220, 240)
	l := Wrapped("A reporter from the Evening Post calls the press office and wants a comment within the hour.")
	w.SetContent(container.NewVBox(l, widget.NewLabel("below")))
	resizeWindow(w, fyne.NewSize(220, 240))
	test.AssertRendersToMarkup(t, "wraplabel/narrow.xml", w.Canvas())

	resizeWindow(w, fyne.NewSize(480, 240))
	test.AssertRendersToMarkup(t, "wraplabel/wide.xml", w.Canvas())
}

// Chinese breaks between characters, but never before a full stop or a
// comma nor after an opening bracket.
func TestGoldenWrapLabelChinese(t *testing.T) {
	w := goldenWindow(t, 200, 260)
	w.SetContent(container.NewVBox(Wrapped("本市自来水公司于今晨接到多起居民投诉，称自来水有异味。请在十五分钟内决定（包括已知事实）。")))
	resizeWindow(w, fyne.NewSize(200, 260))
	test.AssertRendersToMarkup(t, "wraplabel/chinese.xml", w.Canvas())
}

// The label's styles: a heading (bold, sub-heading size), muted text (the
// placeholder colour), a danger label (the error colour), centred text,
// and styled runs on one line (the feed's mood line).
func TestGoldenWrapLabelStyles(t *testing.T) {
	w := goldenWindow(t, 360, 300)
	danger := Wrapped("Deadline passed")
	danger.Importance = widget.DangerImportance
	centred := Wrapped("centred")
	centred.Alignment = fyne.TextAlignCenter
	spans := Wrapped("")
	spans.SetSpans([]TextSpan{{Text: "Mood: ", Bold: true}, {Text: "3 negative", Color: theme.ColorNameError, Bold: true},
		{Text: " · 1 supportive", Color: theme.ColorNameSuccess}})
	w.SetContent(container.NewVBox(WrappedHeading("Phase 2: the story spreads"), Muted("09:42 · press office"),
		danger, centred, spans))
	resizeWindow(w, fyne.NewSize(360, 300))
	test.AssertRendersToMarkup(t, "wraplabel/styles.xml", w.Canvas())
}

// A selectable label draws nothing more until a word is selected; then a
// box in the selection colour lies under that word, behind the text.
func TestGoldenWrapLabelSelection(t *testing.T) {
	w := goldenWindow(t, 300, 80)
	l := Wrapped("Holding statement approved")
	l.Selectable = true
	w.SetContent(container.NewVBox(l))
	resizeWindow(w, fyne.NewSize(300, 80))
	test.AssertRendersToMarkup(t, "wraplabel/selectable.xml", w.Canvas())

	x := l.lay.lineX(0) + l.lay.measure(0, len("Holding "))
	l.sel.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(x+5, l.lay.pad+l.lay.lineH/2)})
	if got := l.SelectedText(); got != "statement" {
		t.Fatalf("double click selected %q", got)
	}
	test.AssertRendersToMarkup(t, "wraplabel/selected.xml", w.Canvas())
}

// The pause banner: white bold text on its colour above the page; another
// text for a discussion pause; hidden, it takes no space.
func TestGoldenBanner(t *testing.T) {
	w := goldenWindow(t, 320, 120)
	b := NewBanner("PAUSED", theme.Color(theme.ColorNameError))
	w.SetContent(container.NewVBox(b.Box, widget.NewLabel("the page")))
	test.AssertRendersToMarkup(t, "banner/shown.xml", w.Canvas())

	b.ShowPause(true, true, "PAUSED", "PAUSED FOR DISCUSSION")
	layOut(w)
	test.AssertRendersToMarkup(t, "banner/discussion.xml", w.Canvas())

	b.ShowPause(false, false, "PAUSED", "PAUSED FOR DISCUSSION")
	layOut(w)
	test.AssertRendersToMarkup(t, "banner/hidden.xml", w.Canvas())
}

// A KeyButton looks like a button; pressed with Enter it keeps the
// keyboard focus (a widget.Button drops it), and shows it in the app's
// focus colour (fbtheme's primary at 40 %, over the button colour:
// rgba(40,69,126,255) in the golden).
func TestGoldenKeyButton(t *testing.T) {
	w := goldenWindow(t, 200, 60)
	pressed := 0
	b := NewIconButton("Send", theme.MailSendIcon(), func() { pressed++ })
	w.SetContent(container.NewCenter(b))
	test.AssertRendersToMarkup(t, "keybutton/idle.xml", w.Canvas())

	w.Canvas().Focus(b)
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if pressed != 1 || w.Canvas().Focused() != b {
		t.Fatalf("Enter: pressed %d times, focus on %v", pressed, w.Canvas().Focused())
	}
	test.AssertRendersToMarkup(t, "keybutton/focused.xml", w.Canvas())
}

// The countdown: before the target in the primary colour, past it in the
// warning colour, in the last minute before the deadline in the error
// colour; the bar fills with the share of the window used.
func TestGoldenCountdown(t *testing.T) {
	w := goldenWindow(t, 420, 70)
	c := NewCountdown(i18n.New(i18n.EN), 0, 5*time.Minute, 10*time.Minute)
	w.SetContent(c)
	for _, tc := range []struct {
		now  time.Duration
		file string
	}{
		{2 * time.Minute, "countdown/calm.xml"},                    // 20 % used
		{7 * time.Minute, "countdown/late.xml"},                    // 70 %
		{9*time.Minute + 30*time.Second, "countdown/critical.xml"}, // 95 %
		{11 * time.Minute, "countdown/overdue.xml"},                // full
	} {
		c.SetNow(tc.now)
		layOut(w)
		test.AssertRendersToMarkup(t, tc.file, w.Canvas())
	}
}

// A SendEntry is a multi-line entry that wraps at words and keeps the
// lines a person starts with Enter.
func TestGoldenSendEntry(t *testing.T) {
	w := goldenWindow(t, 240, 140)
	e := NewSendEntry()
	e.SetText("We are aware of reports about the water supply.\nAn update follows at noon.")
	w.SetContent(e)
	test.AssertRendersToMarkup(t, "sendentry/wrapped.xml", w.Canvas())
}

// The world meters, two columns: each meter's value and bar in the colour
// of its health (sentiment good, attention worth watching, trust bad, an
// unknown variable neutral), a range across zero drawn from zero with a
// mark there, and a step chart of the last minutes. After the world
// changes, the colours, bars and charts follow.
func TestGoldenWorldMeters(t *testing.T) {
	w := goldenWindow(t, 480, 160)
	vars := []*scenario.Variable{
		{ID: "sentiment", Label: scenario.Text{"en": "Public sentiment"}, Min: -100, Max: 100, Start: 0},
		{ID: "media_attention", Label: scenario.Text{"en": "Media attention"}, Min: 0, Max: 100, Start: 20},
		{ID: "trust", Min: 0, Max: 100, Start: 60},
		{ID: "temperature", Label: scenario.Text{"en": "Temperature"}, Min: 0, Max: 40, Start: 20},
	}
	wm := NewWorldMeters(vars, &WorldHistory{}, 2, "en")
	w.SetContent(wm.Box)
	wm.Update(map[string]float64{"sentiment": 0, "media_attention": 20, "trust": 60, "temperature": 20}, 0, 0)
	wm.Update(map[string]float64{"sentiment": 70, "media_attention": 50, "trust": 20, "temperature": 30}, 5*time.Minute, 10*time.Minute)
	if got := []Health{wm.Meters[0].Health(), wm.Meters[1].Health(), wm.Meters[2].Health(), wm.Meters[3].Health()}; got[0] != HealthGood ||
		got[1] != HealthWatch || got[2] != HealthBad || got[3] != HealthNeutral {
		t.Fatalf("healths %v", got)
	}
	test.AssertRendersToMarkup(t, "meters/first.xml", w.Canvas())
	// The bars are RoundedFills (rasters in the markup): each in its colour,
	// the track the input border's, the bar its health's.
	for _, m := range wm.Meters {
		r := test.TempWidgetRenderer(t, m).(*meterRenderer)
		if got, want := r.track.col, theme.Color(theme.ColorNameInputBorder); got != want {
			t.Errorf("%s: the track is %v, want %v", m.Label, got, want)
		}
		if got, want := r.fill.col, theme.Color(m.Health().colorName()); got != want {
			t.Errorf("%s: the bar is %v, want %v (%v)", m.Label, got, want, m.Health())
		}
	}

	wm.Update(map[string]float64{"sentiment": -60, "media_attention": 10, "trust": 50, "temperature": 30}, 15*time.Minute, 20*time.Minute)
	test.AssertRendersToMarkup(t, "meters/changed.xml", w.Canvas())
}

// The debrief's score chart with its legend: a bar per team and
// dimension in the team's colour with its value above, a score the
// facilitator set outlined and starred, a dimension without evidence a
// dash.
func TestGoldenScoreChart(t *testing.T) {
	w := goldenWindow(t, 360, 260)
	series := []ScoreSeries{
		{Team: "Blue", Color: 0, Values: map[string]float64{"speed": 80, "empathy": 45.4}, Overridden: map[string]bool{"empathy": true}},
		{Team: "Orange", Color: 1, Values: map[string]float64{"speed": 30}},
	}
	chart := NewScoreChart([]string{"speed", "empathy"}, strings.ToUpper, series, 200)
	w.SetContent(container.NewBorder(TeamLegend([]string{"Blue", "Orange"}), nil, nil, nil, chart))
	test.AssertRendersToMarkup(t, "charts/scores.xml", w.Canvas())
}

// A world variable over exercise time: a step line per team (held to the
// team's end, as the report's curves are: Orange ended at minute 15), the
// value and minute axes, the replay's mark. The drawing is drawn afresh
// for its size when the window is resized.
func TestGoldenCurveChart(t *testing.T) {
	w := goldenWindow(t, 320, 180)
	series := []CurveSeries{
		{Color: 0, Points: []debrief.Point{{AtSeconds: 0, Value: 0}, {AtSeconds: 300, Value: 40}, {AtSeconds: 900, Value: -20}, {AtSeconds: 1200, Value: -20}}},
		{Color: 1, Points: []debrief.Point{{AtSeconds: 0, Value: 0}, {AtSeconds: 600, Value: 60}, {AtSeconds: 900, Value: 60}}},
	}
	w.SetContent(NewCurveChart(-100, 100, 1200, series, 450, "minutes", 180))
	test.AssertRendersToMarkup(t, "charts/curve.xml", w.Canvas())

	w.Resize(fyne.NewSize(480, 180))
	test.AssertRendersToMarkup(t, "charts/curve_wide.xml", w.Canvas())
}

// HSEEP rating badges: the letter, white and bold, on its rating's colour,
// padded 8×2; no rating is a dash on grey.
func TestGoldenRatingBadges(t *testing.T) {
	w := goldenWindow(t, 240, 40)
	w.SetContent(container.NewHBox(RatingBadge("P"), RatingBadge("S"), RatingBadge("M"), RatingBadge("U"), RatingBadge("")))
	test.AssertRendersToMarkup(t, "charts/badges.xml", w.Canvas())
}

// A Column centres its content at most its width wide, and gives a
// narrower window's whole width.
func TestGoldenColumn(t *testing.T) {
	w := goldenWindow(t, 600, 60)
	w.SetContent(Column(300, widget.NewButton("a form's column", nil)))
	test.AssertRendersToMarkup(t, "layout/column_wide.xml", w.Canvas())

	w.Resize(fyne.NewSize(200, 60))
	test.AssertRendersToMarkup(t, "layout/column_narrow.xml", w.Canvas())
}

// A FixedLayout has its fixed size and leaves its objects where they were
// put; with Fill it stretches them over itself.
func TestGoldenFixedLayout(t *testing.T) {
	w := goldenWindow(t, 120, 40)
	placed := canvas.NewRectangle(theme.Color(theme.ColorNameWarning))
	placed.Move(fyne.NewPos(10, 4))
	placed.Resize(fyne.NewSize(12, 8))
	filled := canvas.NewRectangle(theme.Color(theme.ColorNameSuccess))
	w.SetContent(container.NewCenter(container.NewHBox(
		container.New(&FixedLayout{Size: fyne.NewSize(40, 16)}, placed),
		container.New(&FixedLayout{Size: fyne.NewSize(28, 16), Fill: true}, filled))))
	test.AssertRendersToMarkup(t, "layout/fixed.xml", w.Canvas())
}

// A panel: a rounded, shaded card with padding; its icon line keeps the
// icon at the left and wraps its header rather than widening the card.
func TestGoldenPanel(t *testing.T) {
	w := goldenWindow(t, 260, 200)
	w.SetContent(container.NewVBox(Panel(IconLine(theme.InfoIcon(), "The two runs used different scenarios"),
		Wrapped("Scores compare only the dimensions both have."))))
	resizeWindow(w, fyne.NewSize(260, 200))
	test.AssertRendersToMarkup(t, "panel.xml", w.Canvas())
}

// OverPage lays a wheel relay over a multi-line entry, on top of it and
// just as large, so that the mouse wheel over the entry reaches the relay.
func TestGoldenWheelRelay(t *testing.T) {
	w := goldenWindow(t, 240, 100)
	e := widget.NewMultiLineEntry()
	e.SetText("a plan's text box")
	w.SetContent(OverPage(e, func() *container.Scroll { return nil }))
	test.AssertRendersToMarkup(t, "wheelrelay.xml", w.Canvas())
}

// A clock drawn a character at a time: each character stands at its own
// advance; a new minute changes every character, a new second only the
// last, which keeps its place.
func TestGoldenGlyphText(t *testing.T) {
	w := goldenWindow(t, 160, 60)
	g := NewGlyphText("09:59")
	g.TextSize = 32
	w.SetContent(container.NewHBox(g))
	resizeWindow(w, fyne.NewSize(160, 60))
	test.AssertRendersToMarkup(t, "glyphtext/0959.xml", w.Canvas())

	g.SetText("10:00")
	test.AssertRendersToMarkup(t, "glyphtext/1000.xml", w.Canvas())
	before := slicesCloneTexts(g.chars)
	g.SetText("10:01")
	for i, c := range g.chars[:4] {
		if c != before[i].obj || c.Text != before[i].text || c.Position() != before[i].pos {
			t.Errorf("character %d changed with the second: %q at %v", i, c.Text, c.Position())
		}
	}
	if last := g.chars[4]; last.Text != "1" || last.Position() != before[4].pos {
		t.Errorf("the last character: %q at %v, want \"1\" at %v", last.Text, last.Position(), before[4].pos)
	}
}

type charState struct {
	obj  *canvas.Text
	text string
	pos  fyne.Position
}

func slicesCloneTexts(cs []*canvas.Text) []charState {
	out := make([]charState, len(cs))
	for i, c := range cs {
		out[i] = charState{c, c.Text, c.Position()}
	}
	return out
}

// A panel's fill: one raster up to 48 px high, a stretched middle with a
// raster of corners above and below it when taller; the colour and radius
// follow the theme.
func TestGoldenRoundedFill(t *testing.T) {
	w := goldenWindow(t, 240, 140)
	short, tall := NewRoundedFill(theme.ColorNameButton), NewRoundedFill(theme.ColorNameInputBackground)
	w.SetContent(container.NewVBox(container.NewGridWrap(fyne.NewSize(200, 30), short), container.NewGridWrap(fyne.NewSize(200, 90), tall)))
	resizeWindow(w, fyne.NewSize(240, 140))
	test.AssertRendersToMarkup(t, "fill/short-tall.xml", w.Canvas())
}

// The loading screen: its heading in the window's language over a
// progress bar, stopped here so that the bar stands still.
func TestGoldenLoadingScreen(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		w := goldenWindow(t, 400, 160)
		loc := i18n.New(lang)
		l := NewLoadingScreen(func() *i18n.Localizer { return loc }, "loading.resume")
		w.SetContent(l.Build())
		l.Stop()
		resizeWindow(w, fyne.NewSize(400, 160))
		test.AssertRendersToMarkup(t, "loading/"+lang.String()+".xml", w.Canvas())
	}
}
