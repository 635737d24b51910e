// Package play is the exercise being played: on the facilitator's laptop
// the console with a tab per team (or, when the teams play on their own
// laptops, the join code and who is in), and the team view that a team
// laptop shows too (package join). It also serves a hosted exercise to the
// team laptops (lanhost.go).
//
// The screens read the exercise only through engine.Conn and turn every
// update that comes from another goroutine (the clock ticker, engine
// subscribers, the network) into ui.Do calls.
package play

import (
	"encoding/json"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// Host is what the exercise screen needs from the window it is shown in.
type Host interface {
	// Window is the window the screen is drawn in: its title, keys and
	// dialogs.
	Window() fyne.Window
	// Loc is the localizer of the language now shown.
	Loc() *i18n.Localizer
	// Show shows a screen (the exercise screen itself again, redrawn,
	// when the laptop's addresses change).
	Show(ui.Screen)
	// Current is the screen shown now: the exercise screen redraws itself
	// (for new addresses) only while it is still shown.
	Current() ui.Screen
	// ShowError tells the user something went wrong, in the UI language.
	ShowError(err error)
	// ShowDebrief shows the debrief of the exercise id: where an exercise
	// goes when it ends.
	ShowDebrief(id string)
}

// Config is how the exercise screen runs.
type Config struct {
	// TickEvery is the exercise clock's refresh interval; zero starts no
	// ticker: the clock then moves only when Session.Tick is called.
	TickEvery time.Duration
	// Background runs slow work (the fsync of each command) off the UI
	// goroutine (the app's runner; a test's runs it at once).
	Background func(func())
	// Chime plays the sound of a decision opening on a tab not shown
	// (Chime); nil: silent.
	Chime func()
	// OpenEvaluator opens an evaluator's window on the exercise (the
	// console's Evaluate button; nil: no button).
	OpenEvaluator func(engine.Conn)
	// Hotwash, when set, takes a hosted exercise's network host once the
	// exercise has ended, instead of the screen stopping it: the team
	// laptops then send participants' feedback during the debrief (the
	// taker opens it, Hosting.OpenFeedback, and closes the host).
	Hotwash func(*Hosting)
}

// Screen runs an exercise on one laptop: the facilitator console in the
// first tab, one tab per team. It owns the clock ticker and moves to the
// debrief when the exercise ends.
type Screen struct {
	host Host
	cfg  Config
	run  *exercise.Running

	ticker    *ui.ClockTicker
	cancelEnd func()
	done      bool
	idleSeq   int64 // last event seen by a tick while paused; see tick

	tabs     *container.AppTabs // the tabs' titles; their contents are in pages (tabbadge.go)
	pages    *fyne.Container
	selected int
	seen     map[string]bool // open decisions a team's tab has shown (team, decision, opening)
	flash    bool            // the half of a flash markTabs drew last
	console  *console
	// One view per team, in the teams' order, nil until the team's tab is
	// first shown (see team): building four views made a resumed
	// exercise's first frame wait. teamNames are the tabs' teams, kept the
	// views' inbox filters and drafts while they are not built.
	teams     []*TeamView
	teamNames []string
	kept      map[string]teamKept
	// The teams' world over time, drawn by the meters: kept here so that
	// a language switch, which rebuilds the views, does not lose it.
	histories ui.WorldHistories

	// hosting is set when the teams play on their own laptops: the
	// screen then shows how to join instead of the teams' views.
	hosting       *Hosting
	joinPanel     *joinPanel
	joinShown     bool          // the join tab has been shown first once
	stopFollowing chan struct{} // ends the goroutines that follow the host and the network

	// lock keeps the console behind the facilitator's PIN (nil: no PIN
	// was set); see consolelock.go.
	lock        *consoleLock
	lockMessage string     // why the last unlock failed
	lockPanel   *lockPanel // while the console is locked

	// The role-player tab (roletab.go): its panel and its tab's index
	// (0: none, the scenario has no personas).
	role    *RolePanel
	roleIdx int

	// The strip of open decisions and the auto-pause (attention.go).
	strip       *openStrip
	autoPausing bool            // chosen at setup
	pausedFor   map[string]bool // openings the clock was paused for
	chimed      map[string]bool // openings the chime has sounded for
	autoPaused  []string        // the teams the clock paused for by itself; nil when it did not
	pausing     bool            // an automatic pause is being written (autoPause)
	notice      *fyne.Container // says so, with a Resume button
	noticeLabel *ui.WrapLabel

	// The situation wall for the projector (wall.go), nil while closed,
	// the facilitator's choices for it, and the dialog of those choices.
	wall       *wall
	wallSet    wallSettings
	wallDialog dialog.Dialog
}

// New makes the screen of a running exercise. hs is set when the exercise
// is served to team laptops (StartHosting); the screen stops serving when
// it stops. histories are the teams' world histories so far (a resumed
// exercise's, from its log; empty for a new one).
func New(host Host, cfg Config, run *exercise.Running, hs *Hosting, histories ui.WorldHistories) *Screen {
	if histories == nil {
		histories = ui.WorldHistories{}
	}
	e := &Screen{host: host, cfg: cfg, run: run, histories: histories, hosting: hs,
		pausedFor: map[string]bool{}, chimed: map[string]bool{}}
	if a := fyne.CurrentApp(); a != nil {
		if l, ok := newConsoleLock(a.Preferences().String(prefs.PIN(run.ID))); ok {
			e.lock = l
		}
		e.autoPausing = a.Preferences().Bool(prefs.AutoPause(run.ID))
	}
	e.wallSet = loadWallSettings(run.ID)
	if hs != nil {
		e.stopFollowing = make(chan struct{})
		followPresence(hs.host, e.stopFollowing, e.refreshPresence)
		followNetwork(hs, e.stopFollowing, e.refreshPresence, e.readdress)
	}
	e.cancelEnd = run.Session.Subscribe(func(ev engine.Event) {
		if ev.Kind == engine.KindExerciseEnds {
			ui.Do(e.finish)
		}
	})
	if cfg.TickEvery > 0 {
		e.ticker = ui.StartClockTicker(cfg.TickEvery, e.tick)
	}
	e.bindKeys()
	return e
}

// tick runs on the ticker's goroutine: it moves the exercise to the clock
// (injects arrive, decisions open and time out), saves the clock position
// for a resume after a crash, and asks the UI goroutine to redraw.
func (e *Screen) tick() {
	// While paused nothing moves: when no event arrived since the last tick,
	// skip the disk write and the redraw (the views redraw on events anyway).
	var paused bool
	var seq int64
	e.run.Session.Read(func(st *engine.State) { paused, seq = st.Paused || st.Ended, st.Seq })
	if paused && seq == e.idleSeq {
		return
	}
	if paused {
		e.idleSeq = seq
	} else {
		e.idleSeq = -1
	}
	err := e.run.Session.Tick()
	if err == nil {
		err = e.run.SaveClock()
	}
	ui.Do(func() {
		if e.done {
			return
		}
		if err != nil {
			// The log is the exercise; if it cannot be written, playing on
			// would lose decisions. Stop and say why.
			e.stopTicker()
			e.host.ShowError(err)
			return
		}
		e.flash = !e.flash
		e.refreshShown()
	})
}

// refreshShown is the tick's redraw: the clock, countdowns and charts of
// the tab shown, and the tabs' badges and the strip. The views of the tabs
// not shown redraw on the exercise's events as ever, and their clocks when
// their tab is shown (see build's OnSelected): redrawing them every second
// was most of the app's idle CPU (docs/architecture.md).
func (e *Screen) refreshShown() {
	if e.tabs == nil {
		e.refresh()
		return
	}
	if e.console != nil && e.tabs.SelectedIndex() == 0 {
		e.console.refresh()
	}
	if e.role != nil && e.roleIdx > 0 && e.tabs.SelectedIndex() == e.roleIdx {
		e.role.Refresh()
	}
	if tv := e.shownTeam(); tv != nil {
		tv.Refresh()
	}
	if e.wall != nil {
		e.wall.refresh()
	}
	e.markTabs()
}

// shownTeam is the team view whose tab is shown, or nil.
func (e *Screen) shownTeam() *TeamView {
	if i := e.tabs.SelectedIndex() - (len(e.tabs.Items) - len(e.teams)); i >= 0 && i < len(e.teams) {
		return e.team(i)
	}
	return nil
}

func (e *Screen) refresh() {
	if e.console != nil {
		e.console.refresh()
	}
	for _, tv := range e.teams {
		if tv != nil {
			tv.Refresh()
		}
	}
	e.markTabs()
}

// Build draws the screen in the window's language: the console, the team
// tabs (or the join tab of a hosted exercise) and the strip of open
// decisions above them. A rebuild (a language switch) keeps the tab shown,
// the teams' inbox filters and their statement drafts.
func (e *Screen) Build() fyne.CanvasObject {
	kept := map[string]teamKept{} // inbox filters and drafts, kept across a rebuild
	for i, name := range e.teamNames {
		if tv := e.teams[i]; tv != nil {
			kept[name] = teamKept{channel: tv.channel, role: tv.role, drafts: tv.Drafts()}
		} else if k, ok := e.kept[name]; ok {
			kept[name] = k
		}
	}
	e.kept = kept
	e.closeViews()
	loc := e.host.Loc()
	var title string
	var teams []string
	feeds := map[string]int{}
	e.run.Session.Read(func(st *engine.State) {
		title = st.Scenario.Title.Get(loc.Lang().String())
		for _, t := range st.Teams {
			teams = append(teams, t.Name)
			feeds[t.Name] = len(t.Feed)
		}
	})
	e.host.Window().SetTitle(loc.T("app.window_title", "scenario", title))

	e.console = newConsoleWith(e.run.Session, e.host.Window(), loc, e.histories, e.cfg.Background)
	if open := e.cfg.OpenEvaluator; open != nil {
		// A row of its own: the judging row is as wide as 1024 pixels allow.
		b := ui.NewIconButton(loc.T("evaluate.open"), theme.VisibilityIcon(), func() { open(e.run.Session) })
		e.console.actions.Add(container.NewHBox(ui.Spacer(), b))
	}
	e.addConsoleTools()
	if e.hosting != nil {
		h := e.hosting.host
		e.console.laptops = func() ([]string, map[string]int) { return h.Present(), h.Laptops() }
		e.console.shownSeq = -1
		e.console.refresh()
	}
	if e.wallDialog != nil {
		e.wallDialog.Hide() // in the language it was opened in
	}
	if e.wall != nil {
		e.wall.setLoc(loc)
	}
	e.newTabs(loc.T("console.title"), theme.SettingsIcon(), e.consoleContent())
	e.addRoleTab()
	e.teams, e.teamNames = nil, nil
	if e.hosting != nil {
		// The teams are on their own laptops: the facilitator sees how to
		// join and who is in, and follows the teams in the console.
		e.joinPanel = newJoinPanel(loc, e.hosting, 1, e.openWall)
		joinIdx := len(e.tabs.Items)
		e.addTab(loc.T("lan.host.tab"), theme.ComputerIcon(), container.NewVScroll(container.NewPadded(e.joinPanel.root)))
		if !e.joinShown {
			// The first thing a room needs is the code.
			e.joinShown, e.selected = true, joinIdx
		}
		teams = nil
	}
	seen := e.feedSeen()
	for _, name := range teams {
		if _, ok := seen[name]; !ok {
			// Kept from the start on (0 for a new exercise; what is there
			// on a resume is not news), so a team that never opens its
			// feed, or its tab, keeps its count too.
			e.saveFeedSeen(name, feeds[name])
		}
		e.teamNames = append(e.teamNames, name)
		e.teams = append(e.teams, nil)
		e.addTab(name, theme.AccountIcon(), container.NewStack()) // its view when first shown
	}
	if e.selected < len(e.tabs.Items) {
		e.tabs.SelectIndex(e.selected)
	}
	e.showPage()
	e.tabs.OnSelected = func(*container.TabItem) {
		e.selected = e.tabs.SelectedIndex()
		e.showPage()
		if !e.facilitatorTab(e.selected) {
			// Leaving the console (and the role-player tab) locks it: a
			// facilitator who shows a team its tab need not remember to.
			e.lockConsole()
		} else if e.lockPanel != nil && e.lock.locked {
			// Back on the locked console: the PIN can be typed at once.
			e.host.Window().Canvas().Focus(e.lockPanel.entry)
		}
		// The clock and countdowns of a tab not shown stood still.
		e.refreshShown()
	}
	e.strip = newOpenStrip()
	e.noticeLabel = ui.Wrapped("")
	e.noticeLabel.TextStyle.Bold = true
	resume := ui.NewIconButton(loc.T("console.resume"), theme.MediaPlayIcon(), e.resumeAfterAutoPause)
	resume.Importance = widget.HighImportance
	e.notice = container.NewBorder(nil, nil, widget.NewIcon(theme.MediaPauseIcon()), resume, e.noticeLabel)
	e.notice.Hide()
	e.markTabs()
	return container.NewBorder(container.NewVBox(e.strip.box, e.notice), nil, nil, nil, container.New(tabsLayout{}, e.tabs, e.pages))
}

// resumeAfterAutoPause runs the clock again after it paused by itself: the
// team has seen its decision, and anyone at the laptop may go on (the
// console, perhaps locked, is not needed for that).
func (e *Screen) resumeAfterAutoPause() {
	e.sendThen(engine.Command{Kind: engine.CmdResume}, func(err error) {
		if err != nil {
			e.host.ShowError(err)
		}
		e.autoPaused = nil
		e.refresh()
	})
}

// sendThen sends a command of the screen's own (an fsync) off the UI
// goroutine, and then calls done on the UI goroutine with the refusal, if
// any.
func (e *Screen) sendThen(cmd engine.Command, done func(error)) {
	ui.Then(e.cfg.Background, func() error { return e.run.Session.Send(cmd) }, func(err error) {
		if !e.done {
			done(err)
		}
	})
}

func (e *Screen) closeViews() {
	if e.console != nil {
		e.console.close()
		e.console = nil
	}
	for _, tv := range e.teams {
		if tv != nil {
			tv.Close()
		}
	}
	e.teams = nil
}

// teamKept is what a team's view keeps across a rebuild of the screen:
// its inbox filters and the statements being written.
type teamKept struct {
	channel, role string
	drafts        map[string]string
}

// team is the view of the i-th team, built (and put in its tab's page)
// the first time it is needed: its tab shown.
func (e *Screen) team(i int) *TeamView {
	if tv := e.teams[i]; tv != nil {
		return tv
	}
	name := e.teamNames[i]
	tv := newTeamViewWith(e.run.Session, name, e.host.Window(), e.host.Loc(), e.histories.Get(name))
	if n, ok := e.feedSeen()[name]; ok {
		tv.setFeedSeen(n)
	}
	tv.onFeedSeen = func(n int) { e.saveFeedSeen(name, n) }
	tv.background = e.cfg.Background
	if k, ok := e.kept[name]; ok {
		tv.SetChannel(k.channel)
		tv.setRole(k.role)
		tv.RestoreDrafts(k.drafts)
		delete(e.kept, name)
	}
	e.teams[i] = tv
	e.pages.Objects[len(e.tabs.Items)-len(e.teams)+i] = tv.root
	return tv
}

// finish shows the debrief once the exercise has ended (every team done,
// time up, or ended by the facilitator).
func (e *Screen) finish() {
	if e.done {
		return
	}
	e.host.ShowDebrief(e.run.ID)
}

func (e *Screen) stopTicker() {
	if e.ticker != nil {
		e.ticker.Stop()
		e.ticker = nil
	}
}

// Stop stops the clock ticker and the views, saves the clock, and stops
// serving a hosted exercise (once the teams have seen its end, when it has
// ended).
func (e *Screen) Stop() {
	if e.done {
		return
	}
	e.done = true
	e.unbindKeys()
	e.stopTicker()
	e.cancelEnd()
	e.closeViews()
	if e.wallDialog != nil {
		e.wallDialog.Hide()
	}
	e.closeWall()
	var ended bool
	e.run.Session.Read(func(st *engine.State) { ended = st.Ended })
	hosting := e.hosting
	if hosting != nil {
		close(e.stopFollowing)
		if ended && e.cfg.Hotwash != nil {
			e.cfg.Hotwash(hosting) // the hot wash serves on
			hosting = nil
		}
	}
	// The ticker saves every second; this keeps the last fraction too. That
	// write and stopping the LAN host (its server and announcements) are
	// disk and network work: off the UI goroutine.
	finish := func() {
		_ = e.run.SaveClock()
		if hosting != nil {
			hosting.Close(ended)
		}
	}
	e.cfg.Background(finish)
}

// OpenConsole opens the console when a PIN locks it: the facilitator has
// just typed the PIN at setup, so the console starts open and locks when a
// team's tab is shown. (A resumed exercise starts locked: anyone may be at
// the laptop.)
func (e *Screen) OpenConsole() {
	if e.lock == nil {
		return
	}
	e.lock.locked = false
	e.showConsoleTab()
}

// readdress shows the laptop's new addresses (and announces the exercise
// on them): the join panels are built anew, with the rest of the screen.
func (e *Screen) readdress() {
	if e.done {
		return
	}
	if e.host.Current() == e {
		e.host.Show(e)
	}
}

// refreshPresence redraws who has joined, in the tab and on the wall.
func (e *Screen) refreshPresence() {
	if e.done {
		return
	}
	if e.joinPanel != nil {
		e.joinPanel.refresh()
	}
	if e.wall != nil {
		e.wall.presenceChanged()
	}
	if e.console != nil {
		e.console.showLaptops()
	}
}

// feedSeen reads the teams' seen counts; empty when none is kept.
func (e *Screen) feedSeen() map[string]int {
	m := map[string]int{}
	if a := fyne.CurrentApp(); a != nil {
		_ = json.Unmarshal([]byte(a.Preferences().String(prefs.FeedSeen(e.run.ID))), &m)
	}
	return m
}

func (e *Screen) saveFeedSeen(team string, n int) {
	a := fyne.CurrentApp()
	if a == nil {
		return
	}
	m := e.feedSeen()
	m[team] = n
	if data, err := json.Marshal(m); err == nil {
		a.Preferences().SetString(prefs.FeedSeen(e.run.ID), string(data))
	}
}
