package play

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// wallShown is the text the wall draws where the room sees it: every
// label, wrapped label, rich text and canvas text of its window that is
// visible (with its containers), one a line.
func wallShown(t *testing.T, w *wall) string {
	t.Helper()
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		if text, ok := tree.TextOf(o); ok {
			out = append(out, text)
			return
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, x).Objects() {
				walk(c)
			}
		}
	}
	walk(w.win.Content())
	return strings.Join(out, "\n")
}

// wallAll is every text in the wall's tree, shown or not: what must never
// be on the wall must not be there hidden either.
func wallAll(t *testing.T, w *wall) string {
	t.Helper()
	var out []string
	for _, o := range tree.Find[fyne.CanvasObject](t, w.win.Content()) {
		if text, ok := tree.TextOf(o); ok {
			out = append(out, text)
		}
	}
	return strings.Join(out, "\n")
}

// openTestWall opens the exercise's wall as the console's button does and
// sizes its window like a projector.
func openTestWall(t *testing.T, ex *Screen, size fyne.Size) *wall {
	t.Helper()
	ex.openWall()
	if ex.wall == nil || ex.wall.win == nil {
		t.Fatal("the wall did not open")
	}
	ex.wall.win.Resize(size)
	return ex.wall
}

// The wall shows the room the exercise clock, the chosen team's headlines
// and posts, a ticker and the chosen world meters with their labels, and
// nothing that only the console shows: no scores or overrides, no
// judgements, no facilitator notes, no injects delivered or coming, no
// decisions, no other team's feed.
func TestTheWallShowsTheRoomNothingConsoleOnly(t *testing.T) {
	e, err := library.Find("beverage-recall")
	if err != nil {
		t.Fatal(err)
	}
	clock := engine.NewFakeClock()
	h := newHost(t)
	ex := showRun(h, Config{}, uitest.StartEntry(t, uitest.OpenStore(t), clock, e, 1, "Alpha", "Bravo"))
	ex.OpenConsole()
	s := ex.run.Session
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.Send(engine.Command{Kind: engine.CmdResume}))
	advance(t, ex, clock, 21*time.Minute)
	must(s.Send(engine.Command{Kind: engine.CmdNote, Team: "Alpha", Text: "Alpha's spokesperson froze at the first question"}))
	must(s.Send(engine.Command{Kind: engine.CmdNote, Text: "The room is tense"}))
	must(s.Send(engine.Command{Kind: engine.CmdOverride, Team: "Alpha", Dimension: "speed", Value: 37, Text: "They waited for legal"}))
	advance(t, ex, clock, 0)

	w := openTestWall(t, ex, fyne.NewSize(1920, 1080))
	shown, all := wallShown(t, w), wallAll(t, w)

	// What the room sees.
	var forbidden []string
	var headline, post string
	var labels []string
	s.Read(func(st *engine.State) {
		for _, v := range st.Scenario.World[:wallMetersDefault] {
			labels = append(labels, v.Label.Get("en"))
		}
		alpha := st.Team("Alpha")
		for i := len(alpha.Feed) - 1; i >= 0; i-- {
			p := alpha.Feed[i].Post
			switch {
			case p == nil:
			case p.Channel == "news" && headline == "":
				headline = p.Text.Get("en")
			case p.Channel != "news" && post == "":
				post = p.Text.Get("en")
			}
		}
		// What it must not see: every team's inbox, what is coming, the
		// decisions and their options, the notes, the scores.
		for _, t := range st.Teams {
			for _, d := range t.Inbox {
				forbidden = append(forbidden, d.Inject.Text.Get("en"))
			}
			for _, u := range st.Upcoming(t.Name) {
				forbidden = append(forbidden, u.Inject.Text.Get("en"))
			}
		}
		for _, p := range st.Scenario.Phases {
			for _, d := range p.Decisions {
				forbidden = append(forbidden, d.Prompt.Get("en"))
				for _, o := range d.Options {
					forbidden = append(forbidden, o.Text.Get("en"))
				}
			}
		}
		if len(st.Upcoming("Alpha")) == 0 || len(alpha.Inbox) == 0 {
			t.Fatalf("at 21 min Alpha has %d injects coming and %d delivered: the test shows nothing",
				len(st.Upcoming("Alpha")), len(alpha.Inbox))
		}
	})
	if headline == "" || post == "" {
		t.Fatal("at 21 min Alpha's feed has no headline or no post: the test shows nothing")
	}
	for _, want := range append([]string{
		"Bad batch: a beverage recall",
		debrief.Clock(21 * time.Minute),
		"What the public says about Alpha",
		"Headlines", ui.ClipText(headline, wallClip),
		"Latest posts", ui.ClipText(post, wallClip),
		"LATEST",
	}, labels...) {
		if !strings.Contains(shown, want) {
			t.Errorf("the wall does not show %q:\n%s", want, shown)
		}
	}
	forbidden = append(forbidden, "Alpha's spokesperson froze", "The room is tense", "They waited for legal", "37")
	for _, dim := range ui.AllDimensions() {
		forbidden = append(forbidden, ui.DimensionName(h.loc, dim))
	}
	for _, no := range forbidden {
		if no != "" && strings.Contains(all, no) {
			t.Errorf("the wall shows console-only %q:\n%s", no, all)
		}
	}
}

// The facilitator picks whose feed and world the wall shows, and which
// meters, in the console's dialog; the wall follows at once. Each team's
// public reacts to what that team said: voices.yaml mocks a team that
// called the product safe and praises one that warned.
func TestTheWallShowsTheTeamAndMetersChosen(t *testing.T) {
	h, ex, clock := startVoices(t)
	s := ex.run.Session
	advance(t, ex, clock, time.Minute+time.Second)
	for team, option := range map[string]string{"Alpha": "reassure", "Bravo": "honest"} {
		if err := s.Send(engine.Command{Kind: engine.CmdChoose, Team: team, Decision: "first", Option: option}); err != nil {
			t.Fatal(err)
		}
	}
	advance(t, ex, clock, 10*time.Minute)
	w := openTestWall(t, ex, fyne.NewSize(1920, 1080))
	mocked, praised := "'Safe', they said.", "Company warns customers early."
	shown := wallShown(t, w)
	if !strings.Contains(shown, mocked) || strings.Contains(wallAll(t, w), praised) {
		t.Fatalf("the wall of Alpha's feed does not show Alpha's posts only:\n%s", shown)
	}
	if !strings.Contains(shown, "attention") {
		t.Errorf("the wall shows no meter for voices.yaml's one variable:\n%s", shown)
	}

	test.Tap(tree.FindButton(t, ex.console.root, "Situation wall…"))
	dlg := tree.Dialog(t, h.win)
	selects := tree.Find[*widget.Select](t, dlg)
	if len(selects) != 1 || !slices.Equal(selects[0].Options, []string{"Alpha", "Bravo"}) {
		t.Fatalf("the wall's dialog lists no teams:\n%s", tree.AllText(dlg))
	}
	selects[0].SetSelected("Bravo")
	shown = wallShown(t, w)
	if !strings.Contains(shown, "What the public says about Bravo") || !strings.Contains(shown, praised) ||
		strings.Contains(wallAll(t, w), mocked) {
		t.Errorf("after choosing Bravo the wall shows:\n%s", shown)
	}

	checks := tree.Find[*widget.Check](t, dlg)
	if len(checks) != 1 || checks[0].Text != "attention" || !checks[0].Checked {
		t.Fatalf("the dialog's meters: %d checks", len(checks))
	}
	checks[0].SetChecked(false)
	if strings.Contains(wallAll(t, w), "attention") {
		t.Error("a meter the facilitator turned off is still on the wall")
	}
	checks[0].SetChecked(true)
	if !strings.Contains(wallShown(t, w), "attention") {
		t.Error("a meter turned on again is not on the wall")
	}
	if ex.wallSet.team != "Bravo" {
		t.Errorf("the screen keeps team %q", ex.wallSet.team)
	}

	// The choices are kept for a resume of the exercise.
	checks[0].SetChecked(false)
	if got := loadWallSettings(ex.run.ID); got.team != "Bravo" || !got.chosen || len(got.meters) != 0 {
		t.Errorf("the preferences keep %+v", got)
	}
	if got := loadWallSettings("another"); got.team != "" || got.chosen {
		t.Errorf("another exercise's wall starts with %+v", got)
	}
}

// The clock runs with the screen's tick and shows a pause; the ticker
// shows one item at a time, the next only when told (every few seconds in
// the app), from the newest again when a new post comes; a language
// switch redraws the wall; leaving the exercise closes it.
func TestTheWallsClockTickerLanguageAndClose(t *testing.T) {
	h, ex, clock := startVoices(t)
	advance(t, ex, clock, 11*time.Minute) // two rounds of posts
	w := openTestWall(t, ex, fyne.NewSize(1024, 600))
	if got := w.clock.Text; got != debrief.Clock(11*time.Minute) {
		t.Errorf("the wall's clock = %s", got)
	}
	if strings.Contains(wallShown(t, w), "PAUSED") {
		t.Error("the wall says paused while the clock runs")
	}
	clock.Add(3 * time.Second)
	ex.refreshShown() // the screen's tick
	if got := w.clock.Text; got != debrief.Clock(11*time.Minute+3*time.Second) {
		t.Errorf("after a tick the wall's clock = %s", got)
	}

	if len(w.items) < 2 {
		t.Fatalf("the ticker has %d items", len(w.items))
	}
	first := w.ticker.Text
	if first != w.items[0] {
		t.Errorf("the ticker starts with %q, not the newest %q", first, w.items[0])
	}
	w.next()
	if w.ticker.Text != w.items[1] {
		t.Errorf("after one turn the ticker shows %q, want %q", w.ticker.Text, w.items[1])
	}
	w.refresh() // an event that changed nothing the wall shows
	if w.ticker.Text != w.items[1] {
		t.Error("a redraw sent the ticker back to the start")
	}
	advance(t, ex, clock, 5*time.Minute) // new posts
	if w.item != 0 || w.ticker.Text != w.items[0] {
		t.Errorf("after new posts the ticker shows item %d %q", w.item, w.ticker.Text)
	}

	test.Tap(ex.console.pauseButton)
	if !strings.Contains(wallShown(t, w), "PAUSED") {
		t.Error("the wall does not say the clock is paused")
	}

	h.setLang(i18n.ZH)
	if ex.wall != w {
		t.Fatal("a language switch closed the wall")
	}
	zh := wallShown(t, w)
	// The wall's own words in Chinese; the feed in the exercise's
	// language (English here), as the teams read it.
	for _, want := range []string{"新闻头条", "快讯", "已暂停", "公众如何议论Alpha", "Questions over batch"} {
		if !strings.Contains(zh, want) {
			t.Errorf("in Chinese the wall does not show %q:\n%s", want, zh)
		}
	}
	if w.win.Title() != "Firebreak — 态势墙" {
		t.Errorf("the wall's window is titled %q", w.win.Title())
	}

	h.leave()
	if ex.wall != nil || !w.closed {
		t.Error("leaving the exercise did not close the wall")
	}
}

// F11 on the exercise window opens the wall; on an open wall it switches
// full screen. Closing the wall's window lets the console open a new one.
func TestF11OpensTheWall(t *testing.T) {
	h, ex, _ := miniExercise(t)
	key := h.win.Canvas().OnTypedKey()
	key(&fyne.KeyEvent{Name: fyne.KeyF11})
	w := ex.wall
	if w == nil {
		t.Fatal("F11 did not open the wall")
	}
	key(&fyne.KeyEvent{Name: fyne.KeyF11})
	if !w.win.FullScreen() {
		t.Error("F11 with the wall open does not make it full screen")
	}
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.win.FullScreen() {
		t.Error("Escape on the wall does not leave full screen")
	}
	w.win.Close()
	if ex.wall != nil || !w.closed {
		t.Fatal("closing the wall's window leaves it open for the screen")
	}
	key(&fyne.KeyEvent{Name: fyne.KeyF11})
	if ex.wall == nil || ex.wall == w {
		t.Error("F11 after the wall closed does not open a new one")
	}
}

// The wall's type grows with its window: a 1024×600 projector gets the
// base sizes, a 1920×1080 one 1.75 times them; the wall rebuilds only when
// the scale changes.
func TestTheWallScalesWithItsWindow(t *testing.T) {
	for _, c := range []struct {
		size fyne.Size
		want float32
	}{
		{fyne.NewSize(1024, 600), 1},
		{fyne.NewSize(1920, 1080), 1.75},
		{fyne.NewSize(1280, 720), 1.125},
		{fyne.NewSize(300, 200), 0.5},
	} {
		if got := wallScale(c.size); got != c.want {
			t.Errorf("wallScale(%v) = %v, want %v", c.size, got, c.want)
		}
	}
	_, ex, _ := miniExercise(t)
	w := openTestWall(t, ex, fyne.NewSize(1024, 600))
	small := w.clock.TextSize
	w.win.Resize(fyne.NewSize(1920, 1080))
	if w.scale != 1.75 || w.clock.TextSize != small*1.75 {
		t.Errorf("at 1920×1080 the scale is %v and the clock %v (was %v)", w.scale, w.clock.TextSize, small)
	}
	clockObj := w.clock
	w.win.Resize(fyne.NewSize(1930, 1085))
	if w.clock != clockObj {
		t.Error("a resize within the same scale rebuilt the wall")
	}
}

// When the teams play on their own laptops, the join panel's projector
// button opens the wall, which shows the join code large until every team
// has joined; the facilitator can put it in a corner, where it stays.
func TestTheWallShowsTheJoinCodeWhileHosting(t *testing.T) {
	st := uitest.OpenStore(t)
	h := newHost(t)
	run := uitest.StartMini(t, st, engine.NewFakeClock())
	hs, err := StartHosting(run, filepath.Join(t.TempDir(), "lan"), (&fakeAnnouncer{}).advertise, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	ex := New(h, Config{Background: uitest.Inline}, run, hs, ui.WorldHistories{})
	h.Show(ex)
	test.Tap(tree.FindButton(t, ex.joinPanel.root, "Show on the projector"))
	if ex.wall == nil {
		t.Fatal("the projector button did not open the wall")
	}
	w := ex.wall
	w.win.Resize(fyne.NewSize(1280, 720))
	code := formatJoinCode(hs.host.Code())
	if got := canvasTexts(t, w); !slices.Contains(got, code) || strings.Contains(wallShown(t, w), "Headlines") {
		t.Errorf("before the teams join the wall shows:\n%s", wallShown(t, w))
	}

	ex.OpenConsole()
	test.Tap(tree.FindButton(t, ex.console.root, "Situation wall…"))
	dlg := tree.Dialog(t, h.win)
	var join *widget.Select
	for _, s := range tree.Find[*widget.Select](t, dlg) {
		if slices.Contains(s.Options, "In a corner") {
			join = s
		}
	}
	if join == nil {
		t.Fatalf("the dialog has no choice for the join code:\n%s", tree.AllText(dlg))
	}
	if join.Selected != "Large until every team has joined, then in a corner" {
		t.Errorf("the join code's choice starts at %q", join.Selected)
	}
	join.SetSelected("In a corner")
	shown := wallShown(t, w)
	if !strings.Contains(shown, "Headlines") || !strings.Contains(shown, fmt.Sprintf("Join code %s · %s", code, hs.addrs[0])) {
		t.Errorf("with the code in a corner the wall shows:\n%s", shown)
	}
}

// canvasTexts are the canvas texts the wall draws (the join panel's code
// is one).
func canvasTexts(t *testing.T, w *wall) []string {
	var out []string
	for _, o := range tree.Find[*canvas.Text](t, w.win.Content()) {
		out = append(out, o.Text)
	}
	return out
}

// In the app the ticker turns by itself every wallTickerEvery, and not
// before (in a synctest bubble, whose clock moves only when the test
// sleeps); closing the wall stops it.
func TestTheWallsTickerTurnsEveryFewSeconds(t *testing.T) {
	synctest.Test(t, testTheWallsTickerTurnsEveryFewSeconds)
}

func testTheWallsTickerTurnsEveryFewSeconds(t *testing.T) {
	_, ex, clock := startVoices(t)
	advance(t, ex, clock, 11*time.Minute)
	uiq := uitest.QueueUI(t) // the test's goroutine is the UI goroutine
	w := openTestWall(t, ex, fyne.NewSize(1024, 600))
	w.startTicker(wallTickerEvery)
	n := len(w.items)
	if n < 2 || w.ticker.Text != w.items[0] {
		t.Fatalf("the ticker has %d items and shows %q", n, w.ticker.Text)
	}
	uiq.Settle(wallTickerEvery - time.Millisecond)
	if w.ticker.Text != w.items[0] {
		t.Error("the ticker turned before its time")
	}
	uiq.Settle(time.Millisecond)
	if w.ticker.Text != w.items[1] {
		t.Errorf("after %v the ticker shows %q, want %q", wallTickerEvery, w.ticker.Text, w.items[1])
	}
	uiq.Settle(wallTickerEvery * time.Duration(n-1))
	if w.ticker.Text != w.items[0] {
		t.Errorf("after a round the ticker shows %q, want the newest again", w.ticker.Text)
	}
	w.win.Close()
	if ex.wall != nil || !w.closed {
		t.Fatal("the wall did not close")
	}
	shown := w.ticker.Text
	uiq.Settle(3 * wallTickerEvery)
	if w.ticker.Text != shown {
		t.Error("the ticker of a closed wall still turns")
	}
}

// On a 1024×600 projector, in both languages, everything the wall shows
// lies whole inside the window, and the room sees a headline, a post and
// the meters (what does not fit whole is left out, not cut).
func TestTheWallFitsASmallProjector(t *testing.T) {
	e, err := library.Find("beverage-recall")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		t.Run(lang.String(), func(t *testing.T) {
			st := uitest.OpenStore(t)
			clock := engine.NewFakeClock()
			run, err := exercise.Start(st, engine.Config{ScenarioID: e.ID, Source: e.Source, Teams: []string{"Alpha", "Bravo"},
				Lang: lang.String(), Speed: 1, Seed: 1}, e.Scenario.Title, "gui", clock, exercise.EachEvent)
			if err != nil {
				t.Fatal(err)
			}
			h := newHost(t)
			h.setLang(lang)
			ex := showRun(h, Config{}, run)
			if err := run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
				t.Fatal(err)
			}
			advance(t, ex, clock, 21*time.Minute)
			w := openTestWall(t, ex, fyne.NewSize(1024, 600))
			win := w.win.Canvas().Size()
			var feed []engine.FeedItem
			run.Session.Read(func(st *engine.State) { feed = st.Team("Alpha").Feed })
			var headline, post string
			for _, it := range slices.Backward(feed) {
				if it.Post != nil && it.Post.Channel == "news" && headline == "" {
					headline = ui.ClipText(it.Post.Text.Get(lang.String()), wallClip)
				}
				if it.Post != nil && it.Post.Channel != "news" && post == "" {
					post = ui.ClipText(it.Post.Text.Get(lang.String()), wallClip)
				}
			}
			shown := wallShown(t, w)
			for _, want := range []string{headline, post, e.Scenario.World[0].Label.Get(lang.String())} {
				if want == "" || !strings.Contains(shown, want) {
					t.Errorf("at 1024×600 the wall does not show %q:\n%s", want, shown)
				}
			}
			drv := fyne.CurrentApp().Driver()
			var walk func(o fyne.CanvasObject)
			walk = func(o fyne.CanvasObject) {
				if !o.Visible() {
					return
				}
				if text, ok := tree.TextOf(o); ok && text != "" {
					p, sz := drv.AbsolutePositionForObject(o), o.Size()
					if p.X < -0.5 || p.Y < -0.5 || p.X+sz.Width > win.Width+0.5 || p.Y+sz.Height > win.Height+0.5 {
						t.Errorf("%q is drawn at %v, %v: outside the %v window", text, p, sz, win)
					}
					return
				}
				switch x := o.(type) {
				case *fyne.Container:
					for _, c := range x.Objects {
						walk(c)
					}
				case fyne.Widget:
					for _, c := range test.TempWidgetRenderer(t, x).Objects() {
						walk(c)
					}
				}
			}
			walk(w.win.Content())
		})
	}
}

// The wall opens no larger than the exercise window, which was fitted to
// the screen: on a 1024×600 netbook it does not hang off the screen.
func TestTheWallOpensWithinTheScreen(t *testing.T) {
	h := newHost(t)
	ex := showRun(h, Config{}, uitest.StartMini(t, uitest.OpenStore(t), engine.NewFakeClock()))
	h.win.Resize(fyne.NewSize(1008, 552))
	ex.openWall()
	if ex.wall == nil {
		t.Fatal("the wall did not open")
	}
	if got := ex.wall.win.Canvas().Size(); got.Width > 1008 || got.Height > 552 {
		t.Errorf("the wall opened at %v, larger than the exercise window", got)
	}
	for _, c := range []struct{ main, want fyne.Size }{
		{fyne.NewSize(1920, 1080), fyne.NewSize(1280, 720)},
		{fyne.NewSize(1008, 552), fyne.NewSize(1008, 552)},
		{fyne.NewSize(1200, 900), fyne.NewSize(1200, 720)},
		{fyne.Size{}, fyne.NewSize(1280, 720)},
	} {
		if got := wallSize(c.main); got != c.want {
			t.Errorf("wallSize(%v) = %v, want %v", c.main, got, c.want)
		}
	}
}
