package play

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/judging"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/scoring"
)

// upcomingPerTeam is how many coming injects the console lists per team:
// enough to prepare the next role-play call, few enough to read at a glance.
const upcomingPerTeam = 3

// console is the facilitator's view of the exercise: the clock and its
// controls, every team's position, world, feed mood and scores, the
// injects delivered and coming, and the facilitator's judgement (ad-hoc
// injects, notes, score overrides, objective ratings). Like a team view it
// uses only engine.Conn.
type console struct {
	conn engine.Conn
	win  fyne.Window
	loc  *i18n.Localizer
	// actions are the rows of buttons right of the clock (screen.go adds
	// a row with the Evaluate button).
	actions *fyne.Container

	cancel   func()
	redraw   ui.Coalescer
	closed   bool
	shownSeq int64
	updating bool // set while refresh moves the speed select, so it sends nothing

	root        fyne.CanvasObject
	clock       *ui.GlyphText
	duration    *canvas.Text
	paused      *ui.Banner
	pauseButton *ui.KeyButton
	// discussion makes a pause a discussion pause: teams may still choose
	// while response time stands still.
	discussion  *widget.Check
	speedSelect *widget.Select
	speedValues []float64
	window      time.Duration // the scenario's typical decision window (decisionWindow)
	endButton   *ui.KeyButton
	endConfirm  *dialog.ConfirmDialog
	teams       *fyne.Container
	upcoming    *fyne.Container
	delivered   *fyne.Container
	// deliveredShown is how many of the newest delivered messages the
	// list shows (at least inboxPage).
	deliveredShown int
	countdowns     []*ui.Countdown
	scrolls        []*container.Scroll

	histories    ui.WorldHistories
	meters       map[string]*ui.WorldMeters // by team; kept across rebuilds
	moods        map[string]*feedMood
	judge        *judging.Judgement
	injectButton *ui.KeyButton
	noteButton   *ui.KeyButton
	lastNote     *ui.WrapLabel
	// background runs the console's commands off the UI goroutine (see
	// sendAll).
	background func(func())
	// clockRow is the row under the clock (the discussion pause); the
	// exercise screen adds its own switches there (sound, lock).
	clockRow *fyne.Container

	// laptops, set when the teams play on their own laptops, says which
	// have joined and which are connected now; each team card then says.
	laptops      func() (joined []string, connected map[string]int)
	laptopLabels map[string]*widget.Label
}

// consoleSnapshot is what the console draws, copied under Read.
type consoleSnapshot struct {
	lang   string
	seq    int64
	paused bool
	// discussion: the pause lets teams choose
	discussion bool
	ended      bool
	speed      float64
	duration   time.Duration
	teams      []teamSummary
	upcoming   []injectGroup // earliest first
	inbox      []injectGroup // newest first
	vars       []*scenario.Variable
	worldAt    time.Duration // exercise time of the latest event
	notes      []engine.Note // all observer notes, oldest first
	hasFeed    bool
}

type teamSummary struct {
	name   string
	phase  string
	open   []engine.OpenDecision
	scores scoring.Scores
	ended  bool
	endAt  time.Duration
	reason string
	ending *scenario.Phase

	world     map[string]float64
	feed      []engine.FeedItem
	overrides map[string]engine.Override
	ratings   []judging.ObjectiveRating
	notes     []engine.Note
	replies   []engine.Reply
	posts     []engine.Post
	press     []engine.PressRun
	cases     []engine.CaseState
	triage    triageSnap // the feeds of its open decisions, triaged or not
}

// injectGroup is one inject at one time, with the teams it concerns: teams
// on the same path get the same injects at the same times, and the
// facilitator needs to read each only once.
type injectGroup struct {
	teams  []string
	at     time.Duration
	inject *scenario.Inject
	// For a coming inject (engine.Pending): the facilitator's delay so
	// far, whether it opens a decision (it cannot be skipped) and whether
	// it lapses (due after the phase moves on: only "send now" brings it).
	delayed time.Duration
	opens   bool
	lapses  bool
}

// groupInjects merges entries for the same inject at the same time, keeping
// the order of their first appearance.
func groupInjects(in []injectGroup) []injectGroup {
	type key struct {
		inject *scenario.Inject
		at     time.Duration
	}
	var out []injectGroup
	index := map[key]int{}
	for _, g := range in {
		k := key{g.inject, g.at}
		if i, ok := index[k]; ok {
			out[i].teams = append(out[i].teams, g.teams...)
			continue
		}
		index[k] = len(out)
		g.teams = slices.Clone(g.teams)
		out = append(out, g)
	}
	return out
}

// newConsoleWith makes a console that keeps the teams' world histories in
// histories (shared with the team views, kept across a language switch) and
// sends its commands through background (off the UI goroutine).
func newConsoleWith(conn engine.Conn, win fyne.Window, loc *i18n.Localizer, histories ui.WorldHistories, background func(func())) *console {
	c := &console{conn: conn, win: win, loc: loc, shownSeq: -1, histories: histories, background: background,
		meters: map[string]*ui.WorldMeters{}, moods: map[string]*feedMood{}}
	c.judge = judging.New(conn, win, loc, background, c.refresh)
	fg := theme.Color(theme.ColorNameForeground)
	// A character at a time: the clock changes every second, and a new
	// second then draws characters already drawn (ui.GlyphText).
	c.clock = ui.NewGlyphText("00:00:00")
	c.clock.Color = fg
	c.clock.TextSize = 44
	c.clock.TextStyle = fyne.TextStyle{Monospace: true, Bold: true}
	c.duration = canvas.NewText("/ 00:00:00", theme.Color(theme.ColorNamePlaceHolder))
	c.duration.TextSize = 22
	c.duration.TextStyle = fyne.TextStyle{Monospace: true}
	c.paused = ui.NewBanner(loc.T("console.paused"), theme.Color(theme.ColorNameError))

	c.pauseButton = ui.NewIconButton(loc.T("console.pause"), theme.MediaPauseIcon(), c.togglePause)
	c.discussion = widget.NewCheck(loc.T("console.discussion"), c.discussionChanged)
	c.pauseButton.Importance = widget.HighImportance
	c.speedSelect = widget.NewSelect(nil, c.speedChanged)
	conn.Read(func(st *engine.State) { c.window = ui.DecisionWindow(st.Scenario) })
	c.endButton = ui.NewIconButton(loc.T("console.end"), theme.MediaStopIcon(), c.askEnd)
	c.endButton.Importance = widget.DangerImportance

	c.clockRow = container.NewHBox(c.discussion)
	clockBlock := container.NewVBox(
		ui.Muted(loc.T("console.clock")),
		container.NewHBox(c.clock, container.NewCenter(c.duration)),
		c.clockRow)
	c.injectButton = ui.NewIconButton(loc.T("judge.inject_button"), theme.MailSendIcon(), func() { c.judge.OpenInject("") })
	c.noteButton = ui.NewIconButton(loc.T("judge.note_button"), theme.DocumentCreateIcon(), func() { c.judge.OpenNote("") })
	controls := container.NewHBox(c.pauseButton,
		widget.NewLabel(loc.T("console.speed")), c.speedSelect,
		widget.NewSeparator(), c.endButton)
	judging := container.NewHBox(c.injectButton, c.noteButton)
	if c.hasPress() {
		judging.Add(ui.NewIconButton(loc.T("press.console_button"), theme.MediaRecordIcon(), c.openPress))
	}
	c.lastNote = ui.Muted("")
	c.actions = container.NewVBox(container.NewCenter(controls), container.NewHBox(ui.Spacer(), judging))
	top := container.NewBorder(nil, nil, clockBlock, c.actions, container.NewCenter(c.paused.Box))

	c.teams = container.NewVBox()
	c.upcoming = container.NewVBox()
	c.delivered = container.NewVBox()
	left := container.NewVScroll(container.NewPadded(c.teams))
	upcoming, delivered := container.NewVScroll(c.upcoming), container.NewVScroll(c.delivered)
	c.scrolls = []*container.Scroll{left, upcoming, delivered}
	// Coming and delivered injects scroll separately, so a long history
	// never pushes what comes next out of sight.
	right := container.NewVSplit(
		container.NewBorder(ui.Heading(loc.T("console.coming_next")), nil, nil, nil, upcoming),
		container.NewBorder(ui.Heading(loc.T("console.injects_delivered")), nil, nil, nil, delivered))
	right.Offset = 0.5 // room for the coming injects' controls
	split := container.NewHSplit(left, right)
	split.Offset = 0.55
	c.root = container.NewBorder(container.NewVBox(container.NewPadded(top), c.lastNote, widget.NewSeparator()), nil, nil, nil, split)

	c.cancel = conn.Subscribe(func(engine.Event) { c.redraw.Request(c.refresh) })
	c.refresh()
	return c
}

func (c *console) close() {
	c.closed = true
	c.cancel()
	c.judge.Close()
	if c.endConfirm != nil {
		c.endConfirm.Hide()
	}
}

func (c *console) snapshot() consoleSnapshot {
	var s consoleSnapshot
	c.conn.Read(func(st *engine.State) {
		s = consoleSnapshot{lang: st.Lang, seq: st.Seq, paused: st.Paused && !st.Ended, discussion: st.Discussion, ended: st.Ended,
			speed: st.Speed, duration: st.Scenario.Duration, vars: st.Scenario.World, worldAt: st.Now, notes: slices.Clone(st.Notes),
			hasFeed: st.Scenario.Feed != nil}
		if s.lang == "" {
			s.lang = c.loc.Lang().String()
		}
		for _, t := range st.Teams {
			ts := teamSummary{name: t.Name, phase: ui.PhaseTitle(st.Scenario, t.Phase, s.lang), open: slices.Clone(t.Open),
				scores: t.Scores(), ended: t.Ended, endAt: t.EndedAt, reason: t.EndReason,
				world: maps.Clone(t.World), feed: slices.Clone(t.Feed), overrides: maps.Clone(t.Overrides),
				ratings: judging.ObjectiveRatings(st, t.Name), replies: slices.Clone(t.Replies), posts: slices.Clone(t.Posts),
				press: slices.Clone(t.Press), cases: slices.Clone(t.Cases), triage: readTriage(t)}
			for _, n := range st.Notes {
				if n.Team == t.Name {
					ts.notes = append(ts.notes, n)
				}
			}
			if t.Ending != "" {
				ts.ending = st.Scenario.Phase(t.Ending)
			}
			s.teams = append(s.teams, ts)
			up := st.Upcoming(t.Name)
			for _, u := range up[:min(len(up), upcomingPerTeam)] {
				s.upcoming = append(s.upcoming, injectGroup{teams: []string{t.Name}, at: u.At, inject: u.Inject,
					delayed: u.Delayed, opens: u.OpensDecision != nil, lapses: u.Lapses})
			}
			// Newest first within a team, so that messages delivered at
			// one exercise time (an ad-hoc inject while paused) list the
			// latest first, as the inboxes do.
			for _, d := range slices.Backward(t.Inbox) {
				s.inbox = append(s.inbox, injectGroup{teams: []string{t.Name}, at: d.At, inject: d.Inject})
			}
		}
	})
	// Stable sorts keep teams in their order at equal times.
	slices.SortStableFunc(s.upcoming, func(a, b injectGroup) int { return cmp.Compare(a.at, b.at) })
	slices.SortStableFunc(s.inbox, func(a, b injectGroup) int { return cmp.Compare(b.at, a.at) })
	s.upcoming, s.inbox = groupInjects(s.upcoming), groupInjects(s.inbox)
	return s
}

// refresh redraws the console; the ticker calls it once a second, so it
// redraws only what changed (a text is shaped and rasterised anew on each
// refresh).
func (c *console) refresh() {
	if c.closed {
		return
	}
	s := c.snapshot()
	now := c.conn.ExerciseTime()
	c.clock.SetText(debrief.Clock(now))
	setCanvasText(c.duration, "/ "+debrief.Clock(s.duration))
	c.paused.ShowPause(s.paused, s.discussion, c.loc.T("console.paused"), c.loc.T("console.discussion_paused"))
	if s.paused {
		if c.discussion.Checked != s.discussion {
			c.updating = true
			c.discussion.SetChecked(s.discussion)
			c.updating = false
		}
	}

	switch {
	case s.ended:
		c.pauseButton.Disable()
		c.endButton.Disable()
		c.speedSelect.Disable()
	case s.paused:
		label := c.loc.T("console.resume")
		if now == 0 {
			label = c.loc.T("console.start_clock")
		}
		ui.SetButton(c.pauseButton, label, theme.MediaPlayIcon(), widget.HighImportance)
	default:
		ui.SetButton(c.pauseButton, c.loc.T("console.pause"), theme.MediaPauseIcon(), widget.MediumImportance)
	}
	c.showSpeed(s.speed)

	if s.seq != c.shownSeq {
		c.shownSeq = s.seq
		c.rebuild(s)
	}
	for _, cd := range c.countdowns {
		cd.SetNow(now)
	}
	// The meters' charts and the feed mood move with the clock.
	for _, t := range s.teams {
		if m := c.meters[t.name]; m != nil {
			m.Update(t.world, s.worldAt, now)
		}
		if m := c.moods[t.name]; m != nil {
			m.update(t.feed, now, s.lang)
		}
	}
}

// setCanvasText sets a text and refreshes it only when it changed.
func setCanvasText(t *canvas.Text, text string) {
	if t.Text != text {
		t.Text = text
		t.Refresh()
	}
}

// showLaptops says on each team card whether the team's laptop is
// connected: a laptop that dropped out is the first thing to check when a
// team goes quiet.
func (c *console) showLaptops() {
	if c.laptops == nil || c.closed {
		return
	}
	joined, connected := c.laptops()
	for team, l := range c.laptopLabels {
		text, imp := c.loc.T("console.laptop_waiting"), widget.WarningImportance
		switch n := connected[team]; {
		case n > 1:
			// Two laptops as one team: a mix-up at a table, or someone
			// who should not be there.
			text, imp = c.loc.T("console.laptops_several", "n", n), widget.WarningImportance
		case n == 1:
			text, imp = c.loc.T("console.laptop_connected"), widget.SuccessImportance
		case slices.Contains(joined, team):
			text, imp = c.loc.T("console.laptop_lost"), widget.DangerImportance
		}
		l.Importance = imp
		l.SetText(text)
	}
}

func (c *console) showSpeed(speed float64) {
	labels, values := ui.SpeedOptions(speed)
	if !slices.Equal(values, c.speedValues) {
		// Each speed says what it leaves of the scenario's typical
		// decision (the window and language are the console's own).
		if c.window > 0 {
			for i, v := range values {
				labels[i] = c.loc.T("console.speed_option", "speed", labels[i], "real", ui.FormatSpan(c.loc, time.Duration(float64(c.window)/v).Round(time.Second)))
			}
		}
		c.speedValues = values
		c.speedSelect.SetOptions(labels)
	}
	if i := slices.Index(values, speed); i >= 0 && c.speedSelect.SelectedIndex() != i {
		c.updating = true
		c.speedSelect.SetSelectedIndex(i)
		c.updating = false
	}
}

func (c *console) rebuild(s consoleSnapshot) {
	loc := c.loc
	c.countdowns = nil
	c.laptopLabels = map[string]*widget.Label{}
	var cards []fyne.CanvasObject
	for _, t := range s.teams {
		cards = append(cards, c.teamCard(t, s))
	}
	c.showLaptops()
	if n := len(s.notes); n > 0 {
		last := s.notes[n-1]
		who := last.Team
		if who == "" {
			who = loc.T("judge.no_team_short")
		}
		c.lastNote.SetText(loc.T("judge.last_note", "n", n, "time", debrief.Clock(last.At),
			"team", who, "text", ui.ClipText(last.Text, 120)))
		c.lastNote.Show()
	} else {
		c.lastNote.Hide()
	}
	c.teams.Objects = cards
	c.teams.Refresh()

	var next []fyne.CanvasObject
	for _, g := range s.upcoming {
		next = append(next, c.comingLine(g, s.lang))
	}
	if len(next) == 0 {
		next = append(next, ui.Muted(loc.T("console.nothing_next_phase")))
	}
	c.upcoming.Objects = next
	c.upcoming.Refresh()

	// The newest pages only: a line per message of a long exercise would
	// hold the window up at every redraw.
	var done []fyne.CanvasObject
	shown := max(c.deliveredShown, inboxPage)
	for _, g := range s.inbox[:min(len(s.inbox), shown)] {
		done = append(done, injectLine(loc, g, s.lang))
	}
	if left := len(s.inbox) - shown; left > 0 {
		done = append(done, ui.NewButton(loc.T("common.show_older", "n", fmt.Sprint(min(left, inboxPage)), "left", fmt.Sprint(left)), func() {
			c.deliveredShown = shown + inboxPage
			c.shownSeq = -1 // redraw from the state as it is now
			c.refresh()
		}))
	}
	if len(done) == 0 {
		done = append(done, ui.Muted(loc.T("common.none")))
	}
	c.delivered.Objects = done
	c.delivered.Refresh()
	// The scrolls resize their content to its new height (a container's
	// Refresh lays out only itself).
	for _, sc := range c.scrolls {
		sc.Refresh()
	}
}

func (c *console) teamCard(t teamSummary, s consoleSnapshot) fyne.CanvasObject {
	loc, lang := c.loc, s.lang
	objs := []fyne.CanvasObject{
		ui.Heading(t.name),
		ui.Wrapped(loc.T("console.phase_line", "phase", t.phase)),
	}
	if c.laptops != nil {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		c.laptopLabels[t.name] = l
		objs = append(objs, l)
	}
	// The team's world and what the public says, kept across rebuilds.
	if len(s.vars) > 0 {
		m := c.meters[t.name]
		if m == nil {
			m = ui.NewWorldMeters(s.vars, c.histories.Get(t.name), 2, lang)
			m.OnPanel() // a team card is a ui.Panel
			c.meters[t.name] = m
		}
		m.Update(t.world, s.worldAt, c.conn.ExerciseTime())
		objs = append(objs, m.Box)
	}
	if s.hasFeed || len(t.feed) > 0 {
		mood := c.moods[t.name]
		if mood == nil {
			mood = newFeedMood(loc)
			c.moods[t.name] = mood
		}
		mood.update(t.feed, c.conn.ExerciseTime(), lang)
		objs = append(objs, mood.box)
	}
	objs = append(objs, widget.NewSeparator())
	switch {
	case t.ended && t.ending != nil && t.ending.Ending != nil:
		l := ui.Bold(loc.T("console.team_ending", "ending", t.ending.Ending.Outcome.Get(lang), "time", debrief.Clock(t.endAt)))
		l.Importance = widget.SuccessImportance
		objs = append(objs, l)
	case t.ended:
		objs = append(objs, ui.Bold(loc.T("console.team_stopped", "reason", ui.EndReasonText(loc, t.reason), "time", debrief.Clock(t.endAt))))
	case len(t.open) == 0:
		objs = append(objs, ui.Muted(loc.T("console.no_open_decisions")))
	}
	for _, od := range t.open {
		cd := ui.NewCountdown(loc, od.OpenedAt, od.TargetAt(), od.DeadlineAt())
		c.countdowns = append(c.countdowns, cd)
		p := ui.Wrapped(od.Decision.Prompt.Get(lang))
		objs = append(objs, p, container.NewBorder(nil, nil, nil, c.extendSelect(t.name, od), cd))
		if line := triageStatus(loc, t.triage, od.Decision.ID); line != nil {
			objs = append(objs, line)
		}
	}
	// Scores, with the facilitator's overrides.
	line, overridden := judging.ScoreLine(loc, t.scores, t.overrides)
	objs = append(objs, widget.NewSeparator(), ui.Wrapped(line))
	if overridden {
		objs = append(objs, ui.Muted(loc.T("judge.override_footnote")))
	}
	// Objectives: the rating given, or what the evidence suggests so far.
	// One line each, in a single rich text: separate labels would each add
	// their padding, and four objectives would push the buttons off the card.
	if len(t.ratings) > 0 {
		rt := widget.NewRichText()
		rt.Truncation = fyne.TextTruncateEllipsis
		for _, r := range t.ratings {
			line := judging.RatingLine(loc, r, lang)
			style := widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder}
			if r.Rated() {
				style = widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}}
			}
			rt.Segments = append(rt.Segments, &widget.TextSegment{Text: line, Style: style})
		}
		objs = append(objs, rt)
	}
	// The team's latest reply to an inject: what it answered, and how.
	if n := len(t.replies); n > 0 {
		r := t.replies[n-1]
		line := loc.T("console.reply", "n", n, "time", debrief.Clock(r.At), "text", ui.ClipText(r.Text, 90))
		objs = append(objs, ui.IconLine(theme.MailReplyIcon(), line))
	}
	if n := len(t.press); n > 0 {
		objs = append(objs, ui.IconLine(theme.MediaRecordIcon(), pressLine(c, t.press[n-1], c.conn.ExerciseTime(), lang)))
	}
	if line := casesLine(c, t.cases); line != "" {
		objs = append(objs, ui.IconLine(theme.AccountIcon(), line))
	}
	if n := len(t.posts); n > 0 {
		p := t.posts[n-1]
		line := loc.T("console.post", "n", n, "time", debrief.Clock(p.At), "channel", loc.T("post.channel."+p.Channel), "text", ui.ClipText(p.Text, 90))
		objs = append(objs, ui.IconLine(theme.DocumentCreateIcon(), line))
	}
	// The team's latest observer notes.
	for i := max(0, len(t.notes)-2); i < len(t.notes); i++ {
		objs = append(objs, ui.IconLine(theme.DocumentCreateIcon(), judging.NoteLine(t.notes[i])))
	}
	name := t.name
	ov := ui.NewIconButton(loc.T("judge.override_button"), theme.DocumentCreateIcon(), func() { c.judge.OpenOverride(name, "") })
	rate := ui.NewIconButton(loc.T("judge.rating_button"), theme.ListIcon(), func() { c.judge.OpenRating(name) })
	note := ui.NewIconButton(loc.T("judge.note_team_button"), theme.ContentAddIcon(), func() { c.judge.OpenNote(name) })
	buttons := container.NewHBox(ov)
	if len(t.ratings) > 0 {
		buttons.Add(rate)
	}
	buttons.Add(note)
	objs = append(objs, buttons)
	return ui.Panel(objs...)
}

// injectLine is one inject in the console's lists: when, for whom, through
// which channel, from whom, and the text.
func injectLine(loc *i18n.Localizer, g injectGroup, lang string, extra ...fyne.CanvasObject) fyne.CanvasObject {
	in := g.inject
	head := debrief.Clock(g.at) + " · " + ui.ListJoin(loc, g.teams) + " · " + ui.ChannelName(loc, in.Channel)
	if from := in.From.Get(lang); from != "" {
		head += " · " + from
	}
	// extra (a coming inject's notes and controls) goes above the text,
	// where it is seen without scrolling through a long message.
	objs := append([]fyne.CanvasObject{ui.IconLine(ui.ChannelIcon(in.Channel), head)}, extra...)
	objs = append(objs, ui.Wrapped(in.Text.Get(lang)))
	// What its pictures show, in words: the console stays a list.
	for _, m := range in.Media {
		objs = append(objs, ui.IconLine(theme.FileImageIcon(), loc.T("picture.line", "alt", m.Alt.Get(lang))))
	}
	return ui.Panel(objs...)
}

func (c *console) togglePause() {
	var paused bool
	c.conn.Read(func(st *engine.State) { paused = st.Paused })
	if paused {
		c.send(engine.Command{Kind: engine.CmdResume})
		return
	}
	c.send(engine.Command{Kind: engine.CmdPause, Discussion: c.discussion.Checked})
}

// discussionChanged turns a running pause into a discussion pause or back;
// while the clock runs it only says what the next pause will be.
func (c *console) discussionChanged(on bool) {
	if c.updating {
		return
	}
	var paused bool
	c.conn.Read(func(st *engine.State) { paused = st.Paused && !st.Ended })
	if paused {
		c.send(engine.Command{Kind: engine.CmdPause, Discussion: on})
	}
}

func (c *console) speedChanged(string) {
	if c.updating {
		return
	}
	if i := c.speedSelect.SelectedIndex(); i >= 0 && i < len(c.speedValues) {
		c.send(engine.Command{Kind: engine.CmdSpeed, Speed: c.speedValues[i]})
	}
}

// askEnd ends the exercise after a confirmation: ending early cannot be
// undone and takes every team to the debrief.
func (c *console) askEnd() {
	msg := ui.Wrapped(c.loc.T("console.end_confirm"))
	c.endConfirm = dialog.NewCustomConfirm(c.loc.T("console.end_confirm_title"), c.loc.T("console.end_confirm_button"),
		c.loc.T("common.cancel"), msg, func(ok bool) {
			c.endConfirm = nil
			if ok {
				c.send(engine.Command{Kind: engine.CmdEnd})
			}
		}, c.win)
	c.endConfirm.SetConfirmImportance(widget.DangerImportance)
	c.endConfirm.Resize(fyne.NewSize(520, 0))
	// Escape cancels; Enter does not end an exercise by accident.
	ui.WithKeys(c.win, c.endConfirm, func() {})
	c.endConfirm.Show()
}

func (c *console) send(cmd engine.Command) {
	c.sendAll([]engine.Command{cmd})
}

// sendAll sends commands in order, stopping at the first refusal, which
// it shows, then redraws. The sends (an fsync each) run off the UI
// goroutine.
func (c *console) sendAll(cmds []engine.Command) {
	ui.Then(c.background, func() error { return judging.SendInOrder(c.conn, cmds) }, func(err error) {
		if err != nil {
			ui.ShowMessage(c.win, c.loc, c.loc.T("common.error"), c.loc.T("console.refused", "reason", ui.ErrorText(c.loc, err)))
		}
		c.refresh()
	})
}
