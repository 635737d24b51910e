package play

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// host is a window showing one screen at a time, as the app's shell does,
// that records where the exercise screen sends the user.
type host struct {
	win      fyne.Window
	loc      *i18n.Localizer
	current  ui.Screen
	errs     []error  // ShowError's, in order
	debriefs []string // ShowDebrief's exercise ids, in order
}

// newHost is a host in a test window (a test app in the app's theme), in
// English; the screen shown is stopped when the test ends, as the shell
// stops it when the window closes.
func newHost(t *testing.T) *host {
	h := &host{win: uitest.Window(t), loc: i18n.New(i18n.EN)}
	t.Cleanup(func() {
		if h.current != nil {
			h.current.Stop()
		}
	})
	return h
}

func (h *host) Window() fyne.Window { return h.win }

func (h *host) Loc() *i18n.Localizer { return h.loc }

func (h *host) Show(s ui.Screen) {
	if h.current != nil && h.current != s {
		h.current.Stop()
	}
	h.current = s
	h.win.SetContent(s.Build())
}

func (h *host) Current() ui.Screen { return h.current }

// ShowError shows the error as the shell does, in a message, and keeps it.
func (h *host) ShowError(err error) {
	h.errs = append(h.errs, err)
	ui.ShowMessage(h.win, h.loc, h.loc.T("common.error"), ui.ErrorText(h.loc, err))
}

// ShowDebrief leaves the exercise, as the shell does for the debrief.
func (h *host) ShowDebrief(id string) {
	h.debriefs = append(h.debriefs, id)
	h.Show(&elsewhere{name: "debrief " + id})
}

// setLang switches the language and redraws, as the shell's language
// buttons do.
func (h *host) setLang(l i18n.Lang) {
	h.loc = i18n.New(l)
	if h.current != nil {
		h.Show(h.current)
	}
}

// leave shows another screen (the home screen, in the app).
func (h *host) leave() { h.Show(&elsewhere{name: "home"}) }

// elsewhere is a screen other than the exercise's.
type elsewhere struct{ name string }

func (s *elsewhere) Build() fyne.CanvasObject { return widget.NewLabel(s.name) }
func (s *elsewhere) Stop()                    {}

// showRun shows the exercise run on h, as the shell's showExercise does,
// and returns its screen. Without a runner of the test's own, its
// background work runs at once.
func showRun(h *host, cfg Config, run *exercise.Running) *Screen {
	if cfg.Background == nil {
		cfg.Background = uitest.Inline
	}
	e := New(h, cfg, run, nil, ui.WorldHistories{})
	h.Show(e)
	return e
}

// resume is the shell's resume of the exercise id: the log read and folded,
// the trend lines drawn from it, the screen shown.
func resume(t *testing.T, h *host, st *exercise.DB, id string, clock engine.WallClock) *Screen {
	t.Helper()
	run, events, err := exercise.ResumeWithLog(st, id, clock, exercise.EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	e := New(h, Config{Background: uitest.Inline}, run, nil, ui.HistoriesFrom(events))
	h.Show(e)
	return e
}

// miniExercise shows the mini scenario's exercise for Alpha and Bravo on a
// fake clock, paused at 0 as a new exercise is.
func miniExercise(t *testing.T) (*host, *Screen, *engine.FakeClock) {
	t.Helper()
	clock := engine.NewFakeClock()
	h := newHost(t)
	return h, showRun(h, Config{}, uitest.StartMini(t, uitest.OpenStore(t), clock)), clock
}

// startShared starts the mini scenario for Alpha and Bravo on one laptop
// as setup does (with auto-pause as given: setup keeps the choice in the
// preferences), and runs the clock.
func startShared(t *testing.T, autoPause bool) (*host, *Screen, *engine.FakeClock) {
	t.Helper()
	clock := engine.NewFakeClock()
	h := newHost(t)
	run := uitest.StartMini(t, uitest.OpenStore(t), clock)
	if autoPause {
		fyne.CurrentApp().Preferences().SetBool(prefs.AutoPause(run.ID), true)
	}
	e := showRun(h, Config{}, run)
	e.OpenConsole()
	if err := e.run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	return h, e, clock
}

// advance moves the exercise clock on by d, as the ticker would.
func advance(t *testing.T, e *Screen, clock *engine.FakeClock, d time.Duration) {
	t.Helper()
	clock.Add(d)
	if err := e.run.Session.Tick(); err != nil {
		t.Fatal(err)
	}
	e.refresh()
}

func paused(e *Screen) bool {
	var p bool
	e.run.Session.Read(func(st *engine.State) { p = st.Paused })
	return p
}

// startVoices starts voices.yaml (a feed, claims, promises, an objective)
// for Alpha and Bravo, with the clock running.
func startVoices(t *testing.T) (*host, *Screen, *engine.FakeClock) {
	t.Helper()
	clock := engine.NewFakeClock()
	h := newHost(t)
	ex := showRun(h, Config{}, uitest.StartEntry(t, uitest.OpenStore(t), clock, uitest.EngineEntry(t, "voices.yaml"), 42, "Alpha", "Bravo"))
	test.Tap(ex.console.pauseButton)
	return h, ex, clock
}

// startWorld starts world.yaml, whose decision "notify" (at 4 min) asks for
// a press release with the facts "hotline" (400-123) and "date" (May 3).
func startWorld(t *testing.T, lang string) (*host, *Screen, *engine.FakeClock) {
	t.Helper()
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	world := uitest.EngineEntry(t, "world.yaml")
	run, err := exercise.Start(st, engine.Config{ScenarioID: world.ID, Source: world.Source, Teams: []string{"Alpha", "Bravo"},
		Lang: lang, Speed: 1, Seed: 3}, world.Scenario.Title, "gui", clock, exercise.EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	h := newHost(t)
	ex := showRun(h, Config{}, run)
	test.Tap(ex.console.pauseButton)
	advance(t, ex, clock, 4*time.Minute+time.Second)
	return h, ex, clock
}

// chooseOption takes an option for a team through its view, confirming.
func chooseOption(t *testing.T, tv *TeamView, decision string, option int) {
	t.Helper()
	test.Tap(optionButton(t, tv, decision, option))
	if tv.confirm == nil {
		t.Fatal("no confirmation")
	}
	tv.confirm.Confirm()
}

// optionButton is the button of a decision's option given by its place in
// the scenario file: teams see options shuffled, so tests find the button
// beside the option's text, in the card of the decision's question.
func optionButton(t *testing.T, tv *TeamView, decision string, fileIndex int) *ui.KeyButton {
	t.Helper()
	d := tv.scenario.Decision(decision)
	if d == nil || fileIndex >= len(d.Options) {
		t.Fatalf("decision %s has no option %d", decision, fileIndex)
	}
	for _, card := range tree.Around(t, tv.decisions, d.Prompt.Get(tv.lang)) {
		for _, row := range tree.Around(t, card, d.Options[fileIndex].Text.Get(tv.lang)) {
			if b := tree.Find[*ui.KeyButton](t, row); len(b) == 1 {
				return b[0]
			}
		}
	}
	t.Fatalf("decision %s shows no button for option %s:\n%s", decision, d.Options[fileIndex].ID, tree.AllText(tv.decisions))
	return nil
}

// historyLines are the team's decisions taken as its view lists them,
// latest first: in each card, the line under the decision's question.
func historyLines(t *testing.T, tv *TeamView) []string {
	t.Helper()
	var out []string
	for _, o := range tv.history.Objects {
		if _, ok := o.(*fyne.Container); !ok {
			continue // "None"
		}
		ls := tree.Find[*ui.WrapLabel](t, o)
		if len(ls) < 2 {
			t.Fatalf("a decision taken shows no outcome:\n%s", tree.AllText(o))
		}
		out = append(out, ls[1].Text)
	}
	return out
}

// inboxCards are the message cards the team's inbox shows, newest first
// (not the line that says there is none, nor the button for older ones).
func inboxCards(tv *TeamView) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, o := range tv.inbox.Objects {
		if _, ok := o.(*fyne.Container); ok {
			out = append(out, o)
		}
	}
	return out
}

// newTeamView is a team's view of conn on its own, with a history of its
// own; it sends at once.
func newTeamView(conn engine.Conn, team string, win fyne.Window, loc *i18n.Localizer) *TeamView {
	tv := newTeamViewWith(conn, team, win, loc, &ui.WorldHistory{})
	tv.background = uitest.Inline
	return tv
}

// newConsole is a console on conn on its own, with histories of its own;
// it sends at once.
func newConsole(conn engine.Conn, win fyne.Window, loc *i18n.Localizer) *console {
	return newConsoleWith(conn, win, loc, ui.WorldHistories{}, uitest.Inline)
}

// text is the feed mood's counts line as shown.
func (m *feedMood) text() string {
	return m.counts.Text
}

// consoleCard is what the console draws for a team: the card headed by the
// team's name; the test fails when there is not exactly one.
func consoleCard(t *testing.T, c *console, team string) *fyne.Container {
	t.Helper()
	cards := tree.Around(t, c.teams, team)
	if len(cards) != 1 {
		t.Fatalf("the console draws %d cards for %s:\n%s", len(cards), team, tree.AllText(c.teams))
	}
	return cards[0]
}

// scoreLine is the scores line of a team's console card: the line that
// begins with the first dimension's name (ScoreLine never leaves it out).
func scoreLine(t *testing.T, c *console, team string) string {
	t.Helper()
	first := ui.DimensionName(c.loc, ui.AllDimensions()[0]) + " "
	card := consoleCard(t, c, team)
	for _, l := range tree.Find[*ui.WrapLabel](t, card) {
		if strings.HasPrefix(l.Text, first) {
			return l.Text
		}
	}
	t.Fatalf("%s's card shows no scores:\n%s", team, tree.AllText(card))
	return ""
}

// ratingLines are the objective lines of a team's console card (the rich
// text under its scores), one a line.
func ratingLines(t *testing.T, c *console, team string) []string {
	t.Helper()
	var out []string
	for _, o := range consoleCard(t, c, team).Objects {
		if rt, ok := o.(*widget.RichText); ok {
			for _, s := range rt.Segments {
				out = append(out, s.Textual())
			}
		}
	}
	return out
}

// comingLine is the console's line for the coming inject id, for the teams
// given (a line names every team it is for); the test fails when there is
// none.
func comingLine(t *testing.T, ex *Screen, id string, teams ...string) *fyne.Container {
	t.Helper()
	c := ex.console
	var text string
	ex.run.Session.Read(func(st *engine.State) {
		if in := st.Scenario.Inject(id); in != nil {
			text = in.Text.Get(st.Lang)
		}
	})
	for _, l := range tree.Around(t, c.upcoming, text) {
		if text != "" && strings.Contains(tree.AllText(l), " · "+ui.ListJoin(c.loc, teams)+" · ") {
			return l
		}
	}
	t.Fatalf("the console lists no coming %s for %s:\n%s", id, ui.ListJoin(c.loc, teams), tree.AllText(c.upcoming))
	return nil
}

// delaySelect is the list that delays the coming inject id for the teams.
func delaySelect(t *testing.T, ex *Screen, id string, teams ...string) *widget.Select {
	t.Helper()
	return selectIn(t, comingLine(t, ex, id, teams...), ex.console.loc.T("schedule.delay"))
}

// extendSelect is the list that extends the deadline of the team's open
// decision id: beside its countdown, under its question on the team's
// console card.
func extendSelect(t *testing.T, ex *Screen, team, id string) *widget.Select {
	t.Helper()
	var prompt string
	ex.run.Session.Read(func(st *engine.State) {
		if d := st.Scenario.Decision(id); d != nil {
			prompt = d.Prompt.Get(st.Lang)
		}
	})
	items := consoleCard(t, ex.console, team).Objects
	for i, o := range items {
		if l, ok := o.(*ui.WrapLabel); ok && prompt != "" && l.Text == prompt && i+1 < len(items) {
			return selectIn(t, items[i+1], ex.console.loc.T("schedule.extend"))
		}
	}
	t.Fatalf("%s's card shows no open decision %s:\n%s", team, id, tree.AllText(ex.console.teams))
	return nil
}

// selectIn is the list drawn in o whose placeholder is placeholder.
func selectIn(t *testing.T, o fyne.CanvasObject, placeholder string) *widget.Select {
	t.Helper()
	for _, s := range tree.Find[*widget.Select](t, o) {
		if s.PlaceHolder == placeholder {
			return s
		}
	}
	t.Fatalf("no %q list in:\n%s", placeholder, tree.AllText(o))
	return nil
}

// dialogText is the text of the dialog the window shows: its title and
// message, one a line; the test fails when none is shown.
func dialogText(t *testing.T, win fyne.Window) string {
	t.Helper()
	var out []string
	for _, o := range tree.Find[fyne.CanvasObject](t, tree.Dialog(t, win)) {
		switch l := o.(type) {
		case *widget.Label:
			out = append(out, l.Text)
		case *ui.WrapLabel:
			out = append(out, l.Text)
		}
	}
	return strings.Join(out, "\n")
}

// feedTones are the tone markers of the posts the team's feed shows,
// newest first: in each post's card, its bold rich text (the kind and time
// beside it are a faint one).
func feedTones(t *testing.T, tv *TeamView) []string {
	t.Helper()
	var out []string
	for _, card := range tv.feed.box.Objects {
		if _, ok := card.(*fyne.Container); !ok {
			continue // the line saying there is nothing yet
		}
		var tones []string
		for _, rt := range richTexts(card) {
			if s, ok := rt.Segments[0].(*widget.TextSegment); ok && s.Style.TextStyle.Bold {
				tones = append(tones, rt.String())
			}
		}
		if len(tones) != 1 {
			t.Fatalf("a post shows %d tone markers %q:\n%s", len(tones), tones, tree.AllText(card))
		}
		out = append(out, tones[0])
	}
	return out
}

// richTexts are the rich texts drawn in o through its containers (not
// those inside other widgets, such as a label's own).
func richTexts(o fyne.CanvasObject) []*widget.RichText {
	switch v := o.(type) {
	case *widget.RichText:
		return []*widget.RichText{v}
	case *fyne.Container:
		var out []*widget.RichText
		for _, c := range v.Objects {
			out = append(out, richTexts(c)...)
		}
		return out
	}
	return nil
}
