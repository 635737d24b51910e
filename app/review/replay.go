package review

import (
	"cmp"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// The exercise over time: the replay (the exercise as it stood at any
// moment, from a fold of the log up to then) and the timeline (the log in
// words, per team).

// replayDelay is how long the replay waits after the slider last moved
// before it folds the log and redraws: dragging moves the slider many
// times a second, and only where it stops matters. Letting go of the
// slider redraws at once.
const replayDelay = 150 * time.Millisecond

// replayView is the replay tab: a time slider from the start to the end of
// the exercise, and what each team had received and decided by then, its
// phase, scores and world.
type replayView struct {
	d   *Debrief
	at  time.Duration // the moment shown; kept across a rebuild
	set bool          // at was chosen (else the end is shown)

	slider *widget.Slider
	clock  *widget.Label
	body   *fyne.Container
	times  []time.Duration // event times, for previous/next
	// prev and next step to the event before and after: show enables
	// them while there is one.
	prev, next *ui.KeyButton

	redraw *ui.Debouncer // the redraw once the slider rests
}

func newReplayView(d *Debrief) *replayView {
	return &replayView{d: d, times: debrief.EventTimes(d.data.events), redraw: ui.NewUIDebouncer(replayDelay)}
}

// end is the last moment of the exercise: when it ended, or how far it ran.
func (v *replayView) end() time.Duration {
	st := v.d.st
	if st.Ended {
		return st.EndedAt
	}
	return st.Now
}

func (v *replayView) build() fyne.CanvasObject {
	loc := v.d.host.Loc()
	if !v.set {
		v.at = v.end()
	}
	endSec := max(v.end().Seconds(), 1)
	v.slider = widget.NewSlider(0, endSec)
	v.slider.Step = 1
	v.slider.Value = min(v.at.Seconds(), endSec)
	v.slider.OnChanged = func(sec float64) {
		v.showClock(ui.SecondsDur(sec))
		v.schedule(ui.SecondsDur(sec))
	}
	v.slider.OnChangeEnded = func(sec float64) { v.moveTo(ui.SecondsDur(sec)) }
	v.clock = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true, Monospace: true})
	v.prev = ui.NewIconButton("", theme.MediaSkipPreviousIcon(), func() {
		v.moveTo(debrief.StepTime(v.times, v.at, -1))
	})
	v.next = ui.NewIconButton("", theme.MediaSkipNextIcon(), func() {
		v.moveTo(debrief.StepTime(v.times, v.at, 1))
	})
	start := ui.NewIconButton("", theme.MediaFastRewindIcon(), func() { v.moveTo(0) })
	end := ui.NewIconButton("", theme.MediaFastForwardIcon(), func() { v.moveTo(v.end()) })
	v.showClock(v.at)
	controls := container.NewBorder(nil, nil,
		container.NewHBox(start, v.prev),
		container.NewHBox(v.next, end, v.clock),
		v.slider)
	v.body = container.NewStack()
	v.show()
	return container.NewBorder(container.NewVBox(container.NewPadded(controls), ui.Muted(loc.T("debrief.replay_hint")), widget.NewSeparator()),
		nil, nil, nil, v.body)
}

func (v *replayView) showClock(at time.Duration) {
	if v.clock != nil {
		v.clock.SetText(v.d.host.Loc().T("debrief.replay_at", "time", debrief.Clock(at), "end", debrief.Clock(v.end())))
	}
}

// schedule redraws at at once the slider has rested for replayDelay.
func (v *replayView) schedule(at time.Duration) {
	v.redraw.Call(func() { v.moveTo(at) })
}

// moveTo shows the exercise at at, now, and puts the slider there.
func (v *replayView) moveTo(at time.Duration) {
	v.redraw.Cancel() // a pending redraw is stale
	at = min(max(at, 0), v.end())
	v.at, v.set = at, true
	if v.slider != nil && v.slider.Value != at.Seconds() {
		// Set the value without firing OnChanged (which would schedule
		// this again).
		v.slider.Value = at.Seconds()
		v.slider.Refresh()
	}
	v.showClock(at)
	v.show()
}

func (v *replayView) stop() { v.redraw.Cancel() }

// show folds the log up to v.at and draws it.
func (v *replayView) show() {
	if v.body == nil {
		return
	}
	s, err := debrief.StateAt(v.d.data.events, v.at)
	v.body.Objects = []fyne.CanvasObject{v.draw(s, err)}
	v.body.Refresh()
	if v.prev != nil {
		ui.SetEnabled(v.prev, debrief.StepTime(v.times, v.at, -1) != v.at)
		ui.SetEnabled(v.next, debrief.StepTime(v.times, v.at, 1) != v.at)
	}
}

func (v *replayView) draw(s *engine.State, err error) fyne.CanvasObject {
	loc := v.d.host.Loc()
	var objs []fyne.CanvasObject
	if err != nil {
		l := ui.Wrapped(loc.T("debrief.replay_error", "error", ui.ErrorText(loc, err)))
		l.Importance = widget.DangerImportance
		objs = append(objs, l)
	}
	if s.Scenario == nil {
		return ui.Scroller(1200, objs...)
	}
	cols := min(max(len(s.Teams), 1), 3)
	grid := container.NewGridWithColumns(cols)
	for i, t := range s.Teams {
		grid.Add(v.teamColumn(s, t, i))
	}
	objs = append(objs, grid)

	// The world curves with the moment marked.
	if len(v.d.report.Overview.World) > 0 {
		objs = append(objs, widget.NewSeparator(), ui.Bold(loc.T("debrief.world_over_time")), ui.TeamLegend(v.d.teamNames()))
		curves := container.NewGridWithColumns(min(len(v.d.report.Overview.World), 3))
		for _, w := range v.d.report.Overview.World {
			curves.Add(container.NewVBox(ui.Muted(w.Label), v.d.curveChart(w, v.at.Seconds())))
		}
		objs = append(objs, curves)
	}
	return ui.Scroller(1240, objs...)
}

// teamColumn is one team as it stood: phase, scores, world, the decisions
// waiting and taken, and what it had received, newest first.
func (v *replayView) teamColumn(s *engine.State, t *engine.Team, index int) fyne.CanvasObject {
	loc := v.d.host.Loc()
	lang := v.d.lang()
	sc := s.Scenario
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, ui.Swatch(ui.TeamColor(index)), nil, ui.Heading(t.Name))}

	switch {
	case t.Ended && t.EndedAt <= v.at:
		what := ui.EndReasonText(loc, t.EndReason)
		if t.EndReason == engine.EndReached {
			what = sc.Phase(t.Ending).Ending.Outcome.Get(lang)
		}
		l := ui.Wrapped(loc.T("debrief.replay_ended", "time", debrief.Clock(t.EndedAt), "what", what))
		if t.EndReason == engine.EndReached {
			l.Importance = ui.ToneImportance(sc.Phase(t.Ending).Ending.Tone)
		}
		objs = append(objs, l)
	case t.Phase != "":
		objs = append(objs, ui.Wrapped(loc.T("debrief.replay_phase", "phase", ui.PhaseTitle(sc, t.Phase, lang), "time", debrief.Clock(t.PhaseEnteredAt))))
	default:
		objs = append(objs, ui.Wrapped(loc.T("debrief.replay_not_started")))
	}
	objs = append(objs, ui.Muted(ui.ScoreLine(loc, t.Scores())))

	// World, two variables a row.
	world := container.NewGridWithColumns(2)
	for _, w := range sc.World {
		label := w.Label.Get(lang)
		if label == "" {
			label = w.ID
		}
		val := t.World[w.ID]
		value := widget.NewLabelWithStyle(debrief.Number(val), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		name := widget.NewLabel(label)
		name.Truncation = fyne.TextTruncateEllipsis
		world.Add(container.NewVBox(container.NewBorder(nil, nil, nil, value, name),
			newWorldBar(val, w.Min, w.Max, ui.TeamColor(index))))
	}
	if len(sc.World) > 0 {
		objs = append(objs, world)
	}

	// Waiting for an answer.
	if len(t.Open) > 0 {
		objs = append(objs, ui.WrappedBold(loc.T("debrief.replay_waiting", "n", len(t.Open))))
		for _, od := range t.Open {
			l := ui.Wrapped(od.Decision.Prompt.Get(lang))
			l.Importance = widget.WarningImportance
			objs = append(objs, container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(theme.NewWarningThemedResource(theme.HistoryIcon()))), nil, l), ui.Muted(loc.T("debrief.replay_open_for", "took", debrief.Took(v.at-od.OpenedAt, lang), "deadline", debrief.Clock(od.DeadlineAt()))))
		}
	}

	// Decided.
	if len(t.Answers) > 0 {
		decided := 0
		for _, a := range t.Answers {
			if a.Option != nil {
				decided++
			}
		}
		// A decision that timed out or was passed by is closed, not decided.
		heading := loc.T("debrief.replay_decided", "n", decided)
		if decided < len(t.Answers) {
			heading = loc.T("debrief.replay_closed", "n", len(t.Answers), "decided", decided, "other", len(t.Answers)-decided)
		}
		objs = append(objs, ui.WrappedBold(heading))
		for i := len(t.Answers) - 1; i >= 0; i-- {
			a := t.Answers[i]
			var what string
			switch {
			case a.Option != nil:
				what = loc.T("debrief.replay_chose", "time", debrief.Clock(a.At), "option", ui.Shorten(a.Option.Text.Get(lang), 90), "took", debrief.Took(a.Took(), lang))
			default:
				what = debrief.Clock(a.At) + " · " + debrief.Unanswered(a, lang)
			}
			l := ui.Wrapped(what)
			if a.Option == nil && a.Scored() {
				l.Importance = widget.DangerImportance
			}
			objs = append(objs, ui.Panel(ui.Muted(ui.Shorten(a.Decision.Prompt.Get(lang), 120)), l))
		}
	}

	// Received, newest first.
	objs = append(objs, ui.WrappedBold(loc.T("debrief.replay_received", "n", len(t.Inbox))))
	if len(t.Inbox) == 0 {
		objs = append(objs, ui.Muted(loc.T("debrief.replay_nothing")))
	}
	for i := len(t.Inbox) - 1; i >= 0; i-- {
		dl := t.Inbox[i]
		head := debrief.Clock(dl.At) + " · " + ui.ChannelName(loc, dl.Inject.Channel)
		if from := dl.Inject.From.Get(lang); from != "" {
			head += " · " + from
		}
		body := ui.Wrapped(ui.Shorten(dl.Inject.Text.Get(lang), 160))
		objs = append(objs, container.NewVBox(ui.Muted(head), body))
	}
	bg := canvas.NewRectangle(ui.WithAlpha(ui.TeamColor(index), 0x14))
	bg.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	return container.NewStack(bg, container.NewPadded(container.NewVBox(objs...)))
}

// timelineView is the timeline tab: the logged events in words, for a team
// (with the whole exercise's) or for all, with response times, statements,
// missed deadlines and promises, triggers and the facilitator's notes. The
// clock, the simulated feed and the world rules are left out unless asked
// for: they would drown the rest.
type timelineView struct {
	d          *Debrief
	team       string // "" for every team
	everything bool

	list  *fyne.Container
	count *widget.RichText
}

// quietKinds are left out of the timeline unless everything is asked for.
var quietKinds = map[string]bool{
	string(engine.KindPaused): true, string(engine.KindResumed): true, string(engine.KindSpeed): true,
	string(engine.KindFeed): true, string(engine.KindRule): true,
}

func (d *Debrief) timelineTab() fyne.CanvasObject {
	if d.timeline == nil {
		d.timeline = &timelineView{d: d}
	}
	return d.timeline.build()
}

func (tv *timelineView) build() fyne.CanvasObject {
	loc := tv.d.host.Loc()
	allLabel := loc.T("debrief.all_teams")
	options := append([]string{allLabel}, tv.d.teamNames()...)
	picks := widget.NewRadioGroup(options, nil)
	picks.Horizontal = true
	picks.Required = true
	if tv.team == "" {
		picks.Selected = allLabel
	} else {
		picks.Selected = tv.team
	}
	picks.OnChanged = func(s string) {
		if s == allLabel {
			s = ""
		}
		tv.team = s
		tv.fill()
	}
	all := widget.NewCheck(loc.T("debrief.timeline_everything"), func(on bool) {
		tv.everything = on
		tv.fill()
	})
	all.Checked = tv.everything
	tv.count = ui.Faint("", fyne.TextAlignTrailing)
	tv.list = container.NewVBox()
	tv.fill()
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(all, tv.count), picks)
	return container.NewBorder(container.NewVBox(container.NewPadded(bar), widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(ui.Column(1100, container.NewPadded(tv.list))))
}

// fill lists the entries that pass the filters.
func (tv *timelineView) fill() {
	loc := tv.d.host.Loc()
	var rows []fyne.CanvasObject
	for _, e := range tv.d.report.Timeline {
		if tv.team != "" && e.Team != "" && e.Team != tv.team {
			continue
		}
		if !tv.everything && quietKinds[e.Kind] {
			continue
		}
		rows = append(rows, tv.row(e))
	}
	n := len(rows)
	if n == 0 {
		rows = append(rows, ui.Muted(debrief.T(tv.d.lang(), "noevents")))
	}
	tv.list.Objects = rows
	tv.list.Refresh()
	tv.count.Segments[0].(*widget.TextSegment).Text = loc.T("debrief.timeline_count", "n", n)
	tv.count.Refresh()
}

func (tv *timelineView) row(e debrief.TimelineEntry) fyne.CanvasObject {
	at := widget.NewLabelWithStyle(debrief.Clock(ui.SecondsDur(e.AtSeconds)), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	var team fyne.CanvasObject = container.New(&ui.MinWidth{W: 12})
	if i := tv.d.teamIndex(e.Team); i >= 0 {
		team = ui.Swatch(ui.TeamColor(i))
	}
	text := ui.Wrapped(e.Text)
	var icon fyne.Resource = theme.NavigateNextIcon()
	switch engine.Kind(e.Kind) {
	case engine.KindInject, engine.KindAdHoc:
		icon = theme.MailComposeIcon()
	case engine.KindChosen:
		icon = theme.NewSuccessThemedResource(theme.ConfirmIcon())
		text.TextStyle.Bold = true
	case engine.KindOpened:
		icon = theme.QuestionIcon()
	case engine.KindReplied:
		icon = theme.NewSuccessThemedResource(theme.MailReplyIcon())
	case engine.KindPosted:
		icon = theme.NewSuccessThemedResource(theme.DocumentCreateIcon())
	case engine.KindTimedOut, engine.KindRegMissed, engine.KindPromiseMiss:
		icon = theme.NewErrorThemedResource(theme.ErrorIcon())
		text.Importance = widget.DangerImportance
	case engine.KindTrigger:
		icon = theme.NewWarningThemedResource(theme.WarningIcon())
		text.Importance = widget.WarningImportance
	case engine.KindNote, engine.KindOverride, engine.KindRating:
		icon = theme.NewPrimaryThemedResource(theme.DocumentCreateIcon())
		text.Importance = widget.HighImportance
	case engine.KindTeamEnded, engine.KindExerciseEnds, engine.KindStarted:
		icon = theme.InfoIcon()
		text.TextStyle.Bold = true
	case engine.KindRejected:
		icon = theme.CancelIcon()
	case engine.KindSkipped, engine.KindDelayed, engine.KindExtended:
		// The facilitator changed the schedule.
		icon = theme.NewPrimaryThemedResource(theme.HistoryIcon())
		text.Importance = widget.HighImportance
	}
	left := container.NewHBox(at, team, container.NewCenter(widget.NewIcon(icon)))
	body := []fyne.CanvasObject{text}
	if e.Team != "" && tv.team == "" {
		text.SetText(ui.Labelled(tv.d.host.Loc(), e.Team, e.Text))
	}
	if e.ResponseSeconds != nil && engine.Kind(e.Kind) == engine.KindChosen {
		body = append(body, ui.Muted(tv.d.host.Loc().T("debrief.response", "took", debrief.Took(ui.SecondsDur(*e.ResponseSeconds), tv.d.lang()))))
	}
	// The team's own words: a statement written with a choice, a reply.
	if words := cmp.Or(e.Statement, e.Reply, e.Post); words != "" {
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		bar.SetMinSize(fyne.NewSize(3, 0))
		q := ui.Wrapped(words)
		q.Selectable = true
		body = append(body, container.NewBorder(nil, nil, bar, nil, q))
	}
	return container.NewBorder(nil, nil, container.NewVBox(left), nil, container.NewVBox(body...))
}

// newWorldBar is a thin bar showing where value stands between lo and hi.
func newWorldBar(value, lo, hi float64, c color.Color) fyne.CanvasObject {
	if hi <= lo {
		hi = lo + 1
	}
	frac := float32((min(max(value, lo), hi) - lo) / (hi - lo))
	return ui.NewDrawing(fyne.NewSize(60, 8), func(size fyne.Size) []fyne.CanvasObject {
		bg := canvas.NewRectangle(ui.WithAlpha(theme.Color(theme.ColorNameForeground), 0x22))
		bg.CornerRadius = 3
		bg.Resize(fyne.NewSize(size.Width, 6))
		bg.Move(fyne.NewPos(0, (size.Height-6)/2))
		fill := canvas.NewRectangle(c)
		fill.CornerRadius = 3
		fill.Resize(fyne.NewSize(max(size.Width*frac, 3), 6))
		fill.Move(fyne.NewPos(0, (size.Height-6)/2))
		return []fyne.CanvasObject{bg, fill}
	})
}
