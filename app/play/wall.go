package play

import (
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// The situation wall: a second window for the projector while the
// exercise is played, for the room rather than the facilitator. It shows
// the exercise clock (and whether it is paused), the headlines and the
// latest posts of one team's public feed, a news ticker, and the world
// meters of that team the facilitator chose; when the teams play on their
// own laptops, also the join code (large until every team is in, or as the
// facilitator chooses). It never shows what only the console shows: no
// scores, judgements, notes, injects (delivered or coming) or decisions.
//
// The facilitator chooses what it shows in the console (wallSettings,
// through the wall's settings dialog), never on the wall itself. It redraws
// on the exercise's events, its clock with the screen's tick (once a
// second), and its ticker every wallTickerEvery; it rebuilds its content
// only when what it shows changed, and re-sets the clock's text only when
// the text changed. Its type scales with the window, so one layout fits a
// 1024×600 projector and fills a 1920×1080 one.

const (
	// wallTickerEvery is how long the ticker shows one item: long enough
	// to read from the back of the room, and no animation in between.
	wallTickerEvery = 6 * time.Second
	wallHeadlines   = 2 // the newest news headlines shown
	wallPosts       = 4 // the newest social posts shown
	wallTickerItems = 8 // the newest items the ticker goes through
	// wallMetersDefault is how many world meters the wall shows before
	// the facilitator chooses (the scenario's first ones).
	wallMetersDefault = 4
	// wallBaseScale is the wall's type size over the app's at 1024×600.
	wallBaseScale = 1.2
	// wallClip is how much of a post the wall shows, in columns (a
	// Chinese character is two): a longer one ends in an ellipsis, so the
	// wall has room for several.
	wallClip = 150
)

// How the join code shows on the wall of an exercise played on team
// laptops.
const (
	wallJoinAuto   = "auto"   // large until every team has joined, then in a corner
	wallJoinAlways = "always" // large
	wallJoinCorner = "corner" // in a corner from the start
)

var wallJoinModes = []string{wallJoinAuto, wallJoinAlways, wallJoinCorner}

// wallSettings are the facilitator's choices for the wall. The exercise
// screen keeps them, so they outlive the wall's window and a language
// switch, and the preferences keep them for a resume.
type wallSettings struct {
	team   string   // whose feed and world; "" for the first team
	meters []string // the world variables shown, by id
	chosen bool     // meters was chosen (otherwise the first wallMetersDefault)
	join   string   // one of wallJoinModes; "" for wallJoinAuto
}

// wallSaved is how wallSettings are kept in the preferences.
type wallSaved struct {
	Team   string   `json:"team,omitempty"`
	Meters []string `json:"meters"`
	Chosen bool     `json:"chosen,omitempty"`
	Join   string   `json:"join,omitempty"`
}

// loadWallSettings reads the choices kept for the exercise id; none kept
// (or unreadable) are the defaults.
func loadWallSettings(id string) wallSettings {
	var w wallSaved
	if a := fyne.CurrentApp(); a != nil {
		_ = json.Unmarshal([]byte(a.Preferences().String(prefs.Wall(id))), &w)
	}
	if !slices.Contains(wallJoinModes, w.Join) {
		w.Join = ""
	}
	return wallSettings{team: w.Team, meters: w.Meters, chosen: w.Chosen, join: w.Join}
}

// save keeps the choices for the exercise id.
func (s *wallSettings) save(id string) {
	a := fyne.CurrentApp()
	if a == nil {
		return
	}
	if data, err := json.Marshal(wallSaved{Team: s.team, Meters: s.meters, Chosen: s.chosen, Join: s.join}); err == nil {
		a.Preferences().SetString(prefs.Wall(id), string(data))
	}
}

// shownMeters are the variables the wall shows, in the scenario's order.
func (s *wallSettings) shownMeters(vars []*scenario.Variable) []*scenario.Variable {
	var out []*scenario.Variable
	for i, v := range vars {
		if (s.chosen && slices.Contains(s.meters, v.ID)) || (!s.chosen && i < wallMetersDefault) {
			out = append(out, v)
		}
	}
	return out
}

// shownTeam is the team whose feed the wall shows: the one chosen when it
// plays, otherwise the first.
func (s *wallSettings) shownTeam(teams []string) string {
	if slices.Contains(teams, s.team) {
		return s.team
	}
	if len(teams) > 0 {
		return teams[0]
	}
	return ""
}

// wallSnapshot is what the wall draws, copied under Read.
type wallSnapshot struct {
	title      string
	lang       string // the exercise's language: the scenario's texts
	paused     bool
	discussion bool
	duration   time.Duration
	team       string
	feed       []engine.FeedItem
	vars       []*scenario.Variable // shown, in the scenario's order
	world      map[string]float64
}

// wallKey is what a rebuild of the wall depends on (the clock aside).
type wallKey struct {
	ui, lang, team     string
	feed               int
	paused, discussion bool
	world, meters      string
	join, corner       bool
	present            string
	scale              float32
}

// wall is the situation wall's content; the exercise screen puts it in
// its own window (openWall).
type wall struct {
	conn engine.Conn
	loc  *i18n.Localizer
	hs   *Hosting      // nil unless the teams play on their own laptops
	set  *wallSettings // the screen's
	win  fyne.Window   // nil until shown

	root  *fyne.Container // the content at the current scale is its only object
	scale float32         // the window's size over 1024×600, in eighths
	drawn wallKey
	built bool

	clock  *canvas.Text
	join   *joinPanel    // while the join code is large
	ticker *widget.Label // nil when the wall shows no ticker
	items  []string      // what the ticker goes through, newest first
	item   int           // the one shown

	cancel func()
	redraw ui.Coalescer
	rotate *ui.ClockTicker
	closed bool
}

// newWall makes the wall of the exercise on conn, drawn in loc's language.
func newWall(conn engine.Conn, loc *i18n.Localizer, hs *Hosting, set *wallSettings) *wall {
	w := &wall{conn: conn, loc: loc, hs: hs, set: set, scale: 1}
	w.root = container.New(&wallLayout{w: w}, canvas.NewRectangle(color.Transparent))
	w.refresh()
	w.cancel = conn.Subscribe(func(engine.Event) { w.redraw.Request(w.refresh) })
	return w
}

// startTicker turns the ticker's items every period until the wall closes.
func (w *wall) startTicker(period time.Duration) {
	w.rotate = ui.StartClockTicker(period, func() { ui.Do(w.next) })
}

func (w *wall) close() {
	if w.closed {
		return
	}
	w.closed = true
	w.cancel()
	if w.rotate != nil {
		w.rotate.Stop()
	}
}

// setLoc redraws the wall in another language.
func (w *wall) setLoc(loc *i18n.Localizer) {
	w.loc = loc
	if w.win != nil {
		w.win.SetTitle(loc.T("wall.window_title"))
	}
	w.refresh()
}

// changed redraws the wall after the facilitator changed what it shows.
func (w *wall) changed() {
	w.built = false
	w.refresh()
}

func (w *wall) snapshot() wallSnapshot {
	var s wallSnapshot
	w.conn.Read(func(st *engine.State) {
		s = wallSnapshot{title: st.Scenario.Title.Get(w.loc.Lang().String()), lang: st.Lang,
			paused: st.Paused && !st.Ended, discussion: st.Discussion, duration: st.Scenario.Duration,
			vars: w.set.shownMeters(st.Scenario.World)}
		var teams []string
		for _, t := range st.Teams {
			teams = append(teams, t.Name)
		}
		s.team = w.set.shownTeam(teams)
		if t := st.Team(s.team); t != nil {
			s.feed = slices.Clone(t.Feed)
			s.world = make(map[string]float64, len(s.vars))
			for _, v := range s.vars {
				if x, ok := t.World[v.ID]; ok {
					s.world[v.ID] = x
				} else {
					s.world[v.ID] = v.Start
				}
			}
		}
	})
	if s.lang == "" {
		s.lang = w.loc.Lang().String()
	}
	return s
}

// joinLarge says whether the join code fills the wall now; corner whether
// it shows in a corner.
func (w *wall) joinLarge() (large, corner bool) {
	if w.hs == nil {
		return false, false
	}
	switch w.set.join {
	case wallJoinAlways:
		return true, false
	case wallJoinCorner:
		return false, true
	}
	return len(w.hs.host.Present()) < len(w.hs.host.Teams()), true
}

func (w *wall) key(s wallSnapshot) wallKey {
	k := wallKey{ui: w.loc.Lang().String(), lang: s.lang, team: s.team, feed: len(s.feed), paused: s.paused,
		discussion: s.discussion, scale: w.scale}
	var ids, values []string
	for _, v := range s.vars {
		ids = append(ids, v.ID)
		values = append(values, ui.FormatMeterValue(s.world[v.ID]))
	}
	k.meters, k.world = strings.Join(ids, ","), strings.Join(values, ",")
	k.join, k.corner = w.joinLarge()
	if k.join && w.hs != nil {
		k.present = strings.Join(w.hs.host.Present(), ",")
	}
	return k
}

// refresh redraws what changed: everything when what the wall shows
// changed (an event, a choice, a language, the window's size), otherwise
// only the clock.
func (w *wall) refresh() {
	if w.closed {
		return
	}
	s := w.snapshot()
	if k := w.key(s); !w.built || k != w.drawn {
		w.built, w.drawn = true, k
		w.rebuild(s)
	}
	setCanvasText(w.clock, debrief.Clock(w.conn.ExerciseTime()))
}

// presenceChanged redraws who has joined (a team laptop joined).
func (w *wall) presenceChanged() {
	if w.join != nil {
		w.join.refresh()
	}
	w.refresh()
}

// next shows the ticker's next item (the ticker's period passed).
func (w *wall) next() {
	if w.closed || w.ticker == nil || len(w.items) < 2 {
		return
	}
	w.item = (w.item + 1) % len(w.items)
	if t := w.items[w.item]; w.ticker.Text != t {
		w.ticker.SetText(t)
	}
}

// rebuild draws the wall anew at its scale.
func (w *wall) rebuild(s wallSnapshot) {
	loc := w.loc
	sc := w.scale
	th := &wallTheme{base: fyne.CurrentApp().Settings().Theme(), scale: wallBaseScale * sc}

	// The top bar: the scenario, whose feed, the clock.
	title := ui.WrappedBold(s.title)
	title.SizeName = theme.SizeNameHeadingText
	left := []fyne.CanvasObject{title}
	large, corner := w.joinLarge()
	if !large && s.team != "" {
		left = append(left, ui.Muted(loc.T("wall.feed_of", "team", s.team)))
	}
	if corner && !large {
		addr := ""
		if len(w.hs.addrs) > 0 {
			addr = w.hs.addrs[0]
		}
		j := ui.WrappedBold(loc.T("wall.join_line", "code", formatJoinCode(w.hs.host.Code()), "address", addr))
		j.Importance = widget.HighImportance
		left = append(left, j)
	}
	w.clock = canvas.NewText(debrief.Clock(w.conn.ExerciseTime()), theme.Color(theme.ColorNameForeground))
	w.clock.TextSize = 56 * sc
	w.clock.TextStyle = fyne.TextStyle{Monospace: true, Bold: true}
	w.clock.Alignment = fyne.TextAlignTrailing
	of := canvas.NewText("/ "+debrief.Clock(s.duration), theme.Color(theme.ColorNamePlaceHolder))
	of.TextSize = 22 * sc
	of.TextStyle = fyne.TextStyle{Monospace: true}
	of.Alignment = fyne.TextAlignTrailing
	clockRow := container.NewHBox(w.clock)
	if s.paused {
		// Beside the clock: the bar keeps its height paused or not.
		text := loc.T("console.paused")
		if s.discussion {
			text = loc.T("console.discussion_paused")
		}
		clockRow.Objects = []fyne.CanvasObject{container.NewCenter(wallStrap(text, theme.Color(theme.ColorNameError), 20*sc)), w.clock}
	}
	top := container.NewBorder(nil, nil, nil, container.NewVBox(clockRow, of), container.NewVBox(left...))

	var body, foot fyne.CanvasObject
	w.join, w.ticker = nil, nil
	if large {
		// Smaller for each further address, so that all fit.
		js := max(0.8*sc, 1.4*sc-0.25*sc*float32(max(0, len(w.hs.addrs)-1)))
		w.join = newJoinPanel(loc, w.hs, js, nil)
		body = container.NewCenter(w.join.root)
	} else {
		body = w.situation(s)
		foot = w.tickerStrap(s, sc)
	}
	content := container.NewBorder(container.NewVBox(top, widget.NewSeparator()), foot, nil, nil, container.NewClip(body))
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	w.root.Objects = []fyne.CanvasObject{container.NewThemeOverride(container.NewStack(bg, container.NewPadded(content)), th)}
	w.root.Refresh()
}

// situation is the wall's body: the headlines and posts of the team's
// feed, and its world meters beside them.
func (w *wall) situation(s wallSnapshot) fyne.CanvasObject {
	loc := w.loc
	var news, posts []fyne.CanvasObject
	for i := len(s.feed) - 1; i >= 0; i-- {
		it := s.feed[i]
		if it.Post == nil {
			continue
		}
		if it.Post.Channel == "news" {
			if len(news) < wallHeadlines {
				news = append(news, wallItem(loc, it, s.lang, true))
			}
		} else if len(posts) < wallPosts {
			posts = append(posts, wallItem(loc, it, s.lang, false))
		}
	}
	if len(news) == 0 {
		news = append(news, ui.Muted(loc.T("wall.no_headlines")))
	}
	if len(posts) == 0 {
		posts = append(posts, ui.Muted(loc.T("wall.no_posts")))
	}
	// The headlines above, the posts below, each in its share of the
	// height: neither crowds the other out.
	feed := container.New(&wallRows{},
		container.New(&wallFit{}, append([]fyne.CanvasObject{ui.Heading(loc.T("wall.headlines"))}, news...)...),
		container.New(&wallFit{}, append([]fyne.CanvasObject{ui.Heading(loc.T("wall.posts"))}, posts...)...))
	if len(s.vars) == 0 {
		return feed
	}
	var meters []fyne.CanvasObject
	for _, v := range s.vars {
		meters = append(meters, wallMeter(v, s.world[v.ID], s.lang, w.scale))
	}
	return container.New(&wallColumns{left: 0.6}, feed, container.New(&wallFit{}, meters...))
}

// wallItem is one post of the feed: its source, time and tone (in words,
// colour alone does not carry across a room), then its text, a headline
// larger and bold.
func wallItem(loc *i18n.Localizer, it engine.FeedItem, lang string, headline bool) fyne.CanvasObject {
	p := it.Post
	from := p.From.Get(lang)
	if from == "" {
		from = loc.T("feed.social")
		if headline {
			from = loc.T("feed.news")
		}
	}
	spans := []ui.TextSpan{
		{Text: from + " · " + debrief.Clock(it.At) + " · ", Color: theme.ColorNamePlaceHolder},
		{Text: ui.ToneName(loc, p.Tone), Color: ui.ToneColorName(p.Tone), Bold: true},
	}
	text := ui.ClipText(p.Text.Get(lang), wallClip)
	var body fyne.CanvasObject
	if headline {
		head := ui.Wrapped("")
		head.SetSpans(spans)
		l := ui.WrappedBold(text)
		l.SizeName = theme.SizeNameSubHeadingText
		body = container.NewVBox(head, l)
	} else {
		// One label, two paragraphs: a post takes a line less.
		l := ui.Wrapped("")
		l.SetSpans(append(spans, ui.TextSpan{Text: "\n" + text}))
		body = l
	}
	strip := canvas.NewRectangle(theme.Color(ui.ToneColorName(p.Tone)))
	strip.SetMinSize(fyne.NewSize(6, 0))
	return container.NewBorder(nil, nil, strip, nil, body)
}

// wallMeter is one world variable as the room reads it: its label, its
// value large in the colour of its health, and a bar.
func wallMeter(v *scenario.Variable, value float64, lang string, sc float32) fyne.CanvasObject {
	label := v.Label.Get(lang)
	if label == "" {
		label = v.ID
	}
	col := theme.Color(wallHealthColor(ui.MeterHealth(ui.VariablePolarity(v.ID), value, v.Min, v.Max)))
	num := canvas.NewText(ui.FormatMeterValue(value), col)
	num.TextSize = 40 * sc
	num.TextStyle = fyne.TextStyle{Bold: true}
	num.Alignment = fyne.TextAlignTrailing
	name := ui.WrappedBold(label)
	name.SizeName = theme.SizeNameSubHeadingText
	bar := &wallBar{lo: v.Min, hi: v.Max, value: value, height: 12 * sc,
		track: canvas.NewRectangle(theme.Color(theme.ColorNameInputBorder)), fill: canvas.NewRectangle(col)}
	return container.NewVBox(container.NewBorder(nil, nil, nil, num, name), container.New(bar, bar.track, bar.fill))
}

func wallHealthColor(h ui.Health) fyne.ThemeColorName {
	switch h {
	case ui.HealthGood:
		return theme.ColorNameSuccess
	case ui.HealthWatch:
		return theme.ColorNameWarning
	case ui.HealthBad:
		return theme.ColorNameError
	}
	return theme.ColorNamePrimary
}

// tickerStrap is the news ticker along the bottom: a strap in the
// warning colour, then one item of the feed at a time, newest first.
func (w *wall) tickerStrap(s wallSnapshot, sc float32) fyne.CanvasObject {
	var items []string
	for i := len(s.feed) - 1; i >= 0 && len(items) < wallTickerItems; i-- {
		if p := s.feed[i].Post; p != nil {
			from := p.From.Get(s.lang)
			if from == "" {
				from = w.loc.T("feed.social")
			}
			items = append(items, w.loc.T("wall.ticker_item", "from", from, "text", p.Text.Get(s.lang)))
		}
	}
	if len(items) == 0 {
		items = []string{w.loc.T("wall.ticker_empty")}
	}
	// A new item starts the ticker again from the newest; otherwise it
	// goes on where it was.
	if !slices.Equal(items, w.items) {
		if len(w.items) == 0 || len(items) == 0 || items[0] != w.items[0] {
			w.item = 0
		}
		w.items = items
	}
	w.item = min(w.item, len(w.items)-1)
	w.ticker = widget.NewLabel(w.items[w.item])
	w.ticker.Truncation = fyne.TextTruncateEllipsis
	w.ticker.TextStyle.Bold = true
	strap := wallStrap(w.loc.T("wall.ticker"), theme.Color(theme.ColorNameError), 18*sc)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	return container.NewStack(bg, container.NewBorder(nil, nil, container.NewCenter(strap), nil, w.ticker))
}

// wallStrap is white bold text on a coloured strap.
func wallStrap(text string, bg color.Color, size float32) fyne.CanvasObject {
	r := canvas.NewRectangle(bg)
	r.CornerRadius = 4
	t := canvas.NewText(text, color.White)
	t.TextStyle = fyne.TextStyle{Bold: true}
	t.TextSize = size
	return container.NewStack(r, container.NewPadded(t))
}

// wallLayout gives the wall the whole window and rebuilds it at another
// scale when the window's size calls for one.
type wallLayout struct{ w *wall }

// wallScale is the scale for a window of size: its size over 1024×600,
// in eighths, within [0.5, 3].
func wallScale(size fyne.Size) float32 {
	f := math.Min(float64(size.Width)/1024, float64(size.Height)/600)
	return float32(math.Max(0.5, math.Min(3, math.Floor(f*8)/8)))
}

func (l *wallLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := l.w
	if s := wallScale(size); s != w.scale && !w.closed {
		w.scale = s
		w.refresh()
		objs = w.root.Objects
	}
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (l *wallLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(320, 200) }

// wallColumns puts two objects side by side, the first taking the share
// left of the width.
type wallColumns struct{ left float32 }

func (l *wallColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	gap := theme.Padding() * 4
	lw := (size.Width - gap) * l.left
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(lw, size.Height))
	objs[1].Move(fyne.NewPos(lw+gap, 0))
	objs[1].Resize(fyne.NewSize(size.Width-lw-gap, size.Height))
}

func (l *wallColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(a.Width+b.Width, max(a.Height, b.Height))
}

// wallRows puts two lists one above the other: the first gets what its
// heading and first item need, within [30 %, 60 %] of the height, and the
// second the rest.
type wallRows struct{}

func (l *wallRows) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	gap := theme.Padding() * 2
	need := float32(0)
	if c, ok := objs[0].(*fyne.Container); ok {
		for _, o := range c.Objects[:min(2, len(c.Objects))] {
			o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
			need += o.MinSize().Height + theme.Padding()
		}
	}
	avail := size.Height - gap
	th := min(max(need, avail*0.3), avail*0.6)
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(size.Width, th))
	objs[1].Move(fyne.NewPos(0, th+gap))
	objs[1].Resize(fyne.NewSize(size.Width, size.Height-th-gap))
}

func (l *wallRows) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(a.Width, b.Width), a.Height+b.Height)
}

// wallFit stacks its objects from the top as a box does, and leaves out
// those that do not fit whole: the room sees the newest posts entire
// rather than the last one cut in half (there is no scrolling a wall).
type wallFit struct{}

func (l *wallFit) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y, pad := float32(0), theme.Padding()
	fits := true
	var last fyne.CanvasObject
	for _, o := range objs {
		// Wrapped text is as tall as its width makes it: lay it out at
		// the width first, then measure.
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		h := o.MinSize().Height
		if fits && y+h > size.Height {
			fits = false
		}
		if !fits {
			if o.Visible() {
				o.Hide()
			}
			continue
		}
		if !o.Visible() {
			o.Show()
		}
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + pad
		last = o
	}
	// A heading with nothing under it goes too.
	if _, ok := last.(*widget.Label); ok && !fits {
		last.Hide()
	}
}

func (l *wallFit) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	return fyne.NewSize(w, 0)
}

// wallBar is a meter's bar: the value's place in [lo, hi], grown from zero
// when the range spans it.
type wallBar struct {
	lo, hi, value float64
	height        float32
	track, fill   *canvas.Rectangle
}

func (b *wallBar) frac(v float64) float32 {
	if b.hi <= b.lo {
		return 0
	}
	return float32(min(1, max(0, (v-b.lo)/(b.hi-b.lo))))
}

func (b *wallBar) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	b.track.Resize(fyne.NewSize(size.Width, b.height))
	b.track.Move(fyne.NewPos(0, 0))
	from, to := float32(0), b.frac(b.value)
	if b.lo < 0 && b.hi > 0 {
		from = b.frac(0)
		from, to = min(from, to), max(from, to)
	}
	b.fill.Resize(fyne.NewSize(size.Width*(to-from), b.height))
	b.fill.Move(fyne.NewPos(size.Width*from, 0))
}

func (b *wallBar) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(40, b.height) }

// wallTheme is the app's theme with every size scaled: the wall's type
// grows with the window.
type wallTheme struct {
	base  fyne.Theme
	scale float32
}

func (t *wallTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.base.Color(n, v)
}
func (t *wallTheme) Font(s fyne.TextStyle) fyne.Resource     { return t.base.Font(s) }
func (t *wallTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }
func (t *wallTheme) Size(n fyne.ThemeSizeName) float32       { return t.base.Size(n) * t.scale }

// wallJoinName is a join mode in words.
func wallJoinName(loc *i18n.Localizer, mode string) string {
	return loc.T(fmt.Sprintf("wall.join_%s", mode))
}
