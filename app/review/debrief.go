package review

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/branchmap"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/rubric"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Debrief is the after-action review, in tabs that fit a 1280×800
// window and scroll: an overview (scores by team as bars, endings, the
// world curves, general lessons and notes), each team in detail (scores
// with the facilitator's overrides, path, decisions with response times,
// statements with their required facts, replies to injects, deadlines,
// promises, triggers, notes), the objectives with suggested and given ratings, the timeline
// per team, a replay of the exercise at any moment, and the improvement
// plan the facilitator edits. Exports (HTML, PDF, Markdown, CSV, JSON, and
// team handouts) are in the header, on every tab.
//
// Everything is drawn from a fresh fold of the stored log, through the
// report model of the exports (debrief.Build), so the screen shows what the
// exported report says. Scenario text is in the UI language: the debrief
// is the facilitator's.
type Debrief struct {
	host Host
	data *DebriefData
	st   *engine.State // data.state
	// formsStop ends the following of the forms team laptops send
	// (followForms); nil while not following.
	formsStop chan struct{}

	report   *debrief.Report // in the UI language, remade by build
	tabs     *container.AppTabs
	selected int
	// teamTabs is the Teams tab, a tab per team; teamSelected is the team
	// it shows, kept across a rebuild (a language switch, a reload after a
	// rating).
	teamTabs     *container.AppTabs
	teamSelected int
	// The timeline, replay and plan tabs and the exports keep what the
	// facilitator chose (a team, a moment, edits) across a rebuild.
	timeline *timelineView
	replay   *replayView
	plan     *planEditor
	export   *exportBar

	// saveFile asks where to write an export and gives done the file to
	// write (NewDebrief sets the file dialog, fileDialog in exportui.go);
	// done is not called when the user cancels.
	saveFile func(name string, done func(w io.WriteCloser, where string))

	judge *debriefJudge // rating, overrides and notes after the end

	lastPaper *paperForm // the paper guide form opened last (eegpaper.go)
}

// DebriefData is what the debrief is drawn from: the stored exercise, its
// log and the facilitator's saved improvement plan, if any (LoadDebrief
// reads it).
type DebriefData struct {
	id      string
	state   *engine.State
	events  []engine.Event
	started time.Time     // wall-clock time of the first event; zero when unknown
	plan    *debrief.Plan // nil when none was saved
	// feedback is the participants' hotwash forms, in the order saved.
	feedback []debrief.FeedbackForm
	// lanForms counts the forms sent from team laptops, per team.
	lanForms map[string]int
	// carried are the corrective actions of earlier exercises of its
	// organisation not done when it took place (the training programme).
	carried []debrief.CarriedOverAction
	store   *exercise.DB
}

// LoadDebrief reads an exercise for the debrief: its log, folded, and its
// saved improvement plan. It reads the disk: run it off the UI goroutine.
func LoadDebrief(st *exercise.DB, id string) (*DebriefData, error) {
	events, started, err := st.EventsStarted(id)
	if err != nil {
		return nil, err
	}
	state, err := engine.Fold(events)
	if err == nil && state.Scenario == nil {
		err = &engine.LogError{Err: engine.ErrLogNoStart} // nothing was saved of it
	}
	if err != nil {
		return nil, fmt.Errorf("exercise %s: %w", id, err)
	}
	d := &DebriefData{id: id, state: state, events: events, started: started, store: st}
	if d.plan, err = st.Plan(id); err != nil {
		return nil, err
	}
	if d.feedback, err = st.Feedback(id); err != nil {
		return nil, err
	}
	if d.lanForms, err = st.LANFeedback(id); err != nil {
		return nil, err
	}
	if d.carried, err = st.CarriedOver(id, "en"); err != nil { // the list holds no words of a language
		return nil, err
	}
	return d, nil
}

// NewDebrief is the debrief of the exercise data was loaded from.
func NewDebrief(host Host, data *DebriefData) *Debrief {
	d := &Debrief{host: host, data: data, st: data.state}
	d.replay = newReplayView(d)
	d.plan = newPlanEditor(d)
	d.export = &exportBar{d: d}
	d.saveFile = d.fileDialog
	return d
}

// Stop stops the replay's pending redraw and saves the plan's pending
// edits (on leaving the screen, or the window closing).
func (d *Debrief) Stop() {
	d.replay.stop()
	d.plan.stop()
	d.stopFollowingForms()
}

// buildReport makes the report model in the UI language.
func (d *Debrief) buildReport(lang, team string) *debrief.Report {
	r := debrief.Build(d.st, d.data.events, lang, team)
	r.ApplyFeedback(d.data.feedback)
	for _, c := range d.data.carried {
		if team == "" || c.Team == "" || c.Team == team {
			r.CarriedOver = append(r.CarriedOver, c)
		}
	}
	r.Overview.ExerciseID = d.data.id
	if !d.data.started.IsZero() {
		r.SetStarted(d.data.started)
	}
	return r
}

func (d *Debrief) lang() string { return d.host.Loc().Lang().String() }

// Build draws the debrief in the host's language, on the tab (and the
// team) shown last.
func (d *Debrief) Build() fyne.CanvasObject {
	loc, st := d.host.Loc(), d.st
	lang := d.lang()
	d.report = d.buildReport(lang, "")

	home := ui.NewIconButton(loc.T("debrief.home"), theme.HomeIcon(), d.host.ShowHome)
	branchMap := ui.NewIconButton(loc.T("debrief.branch_map"), theme.GridIcon(), func() {
		d.host.ShowBranchMap(st.Scenario, branchmap.TeamPaths(st), func() { d.host.Show(d) })
	})

	status := loc.T("debrief.status_running", "time", debrief.Clock(st.Now))
	if st.Ended {
		status = loc.T("debrief.status_ended", "time", debrief.Clock(st.EndedAt), "reason", exerciseEndText(loc, st.Reason))
	}
	title := ui.Heading(loc.T("debrief.title_for", "scenario", st.Scenario.Title.Get(lang)))
	title.Truncation = fyne.TextTruncateEllipsis
	if d.judge == nil {
		d.judge = &debriefJudge{d: d}
	}
	head := container.NewBorder(nil, nil, nil, container.NewHBox(d.judge.buttons(), branchMap, home), title)
	// The status wraps: beside the export bar, one line of it made the
	// window wider than a 1024-pixel screen in English.
	sub := container.NewBorder(nil, nil, nil, d.export.build(), container.NewPadded(ui.Muted(status)))

	d.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(loc.T("debrief.tab_overview"), theme.InfoIcon(), d.overviewTab()),
		container.NewTabItemWithIcon(loc.T("debrief.tab_teams"), theme.AccountIcon(), d.teamsTab()),
		container.NewTabItemWithIcon(loc.T("debrief.tab_objectives"), theme.ConfirmIcon(), d.objectivesTab()),
		container.NewTabItemWithIcon(loc.T("debrief.tab_timeline"), theme.ListIcon(), d.timelineTab()),
		container.NewTabItemWithIcon(loc.T("debrief.tab_replay"), theme.MediaPlayIcon(), d.replay.build()),
		container.NewTabItemWithIcon(loc.T("debrief.tab_plan"), theme.DocumentCreateIcon(), d.plan.build()),
		container.NewTabItemWithIcon(loc.T("feedback.tab"), theme.MailComposeIcon(), d.feedbackTab()),
	)
	if d.selected < len(d.tabs.Items) {
		d.tabs.SelectIndex(d.selected)
	}
	d.tabs.OnSelected = func(*container.TabItem) { d.selected = d.tabs.SelectedIndex() }
	return container.NewBorder(container.NewVBox(container.NewPadded(container.NewVBox(head, sub))), nil, nil, nil, d.tabs)
}

// reload shows the debrief again from its log, which the facilitator's
// rating, override or note has just changed, on the tab (and the team)
// that was open, with the session that judgement goes through.
func (d *Debrief) reload() {
	// The fold runs off the UI goroutine; the debrief shown stays until
	// the new one is ready.
	st, id := d.data.store, d.data.id
	inBackground(d.host, func() {
		data, err := LoadDebrief(st, id)
		ui.Do(func() {
			if err != nil {
				d.host.ShowError(err)
				return
			}
			if d.host.Current() != d {
				return // the facilitator has gone elsewhere meanwhile
			}
			nd := NewDebrief(d.host, data)
			nd.selected = d.selected
			if d.teamTabs != nil {
				nd.teamSelected = d.teamTabs.SelectedIndex()
			}
			if d.judge != nil {
				nd.judge, d.judge.d = d.judge, nd
			}
			d.host.Show(nd)
		})
	})
}

func (d *Debrief) teamNames() []string {
	names := make([]string, len(d.st.Teams))
	for i, t := range d.st.Teams {
		names[i] = t.Name
	}
	return names
}

func (d *Debrief) teamIndex(name string) int {
	for i, t := range d.st.Teams {
		if t.Name == name {
			return i
		}
	}
	return -1
}

// dimLabel names a score dimension in the UI language.
func (d *Debrief) dimLabel(dim string) string { return ui.DimensionName(d.host.Loc(), dim) }

// Overview.

func (d *Debrief) overviewTab() fyne.CanvasObject {
	loc, r := d.host.Loc(), d.report
	lang := d.lang()
	ov := r.Overview
	var facts []string
	facts = append(facts, loc.T("debrief.kind", "kind", ov.KindName))
	if ov.Date != "" {
		facts = append(facts, loc.T("debrief.date", "date", ov.Date))
	}
	facts = append(facts, loc.T("debrief.duration", "duration", debrief.Clock(time.Duration(ov.DurationSeconds*float64(time.Second)))))
	if ov.Version != "" {
		facts = append(facts, loc.T("debrief.version", "version", ov.Version))
	}
	facts = append(facts, loc.T("debrief.team_count", "n", len(ov.Teams)))
	objs := []fyne.CanvasObject{ui.Muted(strings.Join(facts, " · "))}
	if ov.Summary != "" {
		objs = append(objs, ui.Wrapped(ov.Summary))
	}

	// Scores, the teams side by side per dimension.
	objs = append(objs, ui.Heading(loc.T("debrief.scores_chart")), ui.TeamLegend(d.teamNames()),
		ui.NewScoreChart(ui.AllDimensions(), d.dimLabel, ui.ScoreChartSeries(r), 250))
	if anyOverride(r) {
		objs = append(objs, ui.Muted(loc.T("debrief.override_mark")))
	}

	// Endings.
	objs = append(objs, ui.Heading(loc.T("debrief.endings")))
	for i, t := range r.Teams {
		l := ui.Wrapped(ui.Labelled(loc, t.Name, t.Ending.Short))
		if t.Ending.Tone != "" {
			l.Importance = ui.ToneImportance(t.Ending.Tone)
		}
		objs = append(objs, container.NewBorder(nil, nil, ui.Swatch(ui.TeamColor(i)), nil, l))
	}

	// The world over time.
	if len(r.Overview.World) > 0 {
		objs = append(objs, ui.Heading(loc.T("debrief.world_over_time")), ui.TeamLegend(d.teamNames()))
		grid := container.NewGridWithColumns(2)
		for _, v := range r.Overview.World {
			grid.Add(container.NewVBox(ui.WrappedBold(v.Label), d.curveChart(v, -1)))
		}
		objs = append(objs, grid)
	}

	// General lessons and notes.
	if len(r.Lessons) > 0 {
		objs = append(objs, ui.Heading(debrief.T(lang, "lessons")))
		for _, l := range r.Lessons {
			objs = append(objs, findingLabel(l.Kind, l.Text))
		}
	}
	if len(r.Notes) > 0 {
		objs = append(objs, ui.Heading(loc.T("debrief.general_notes")))
		for _, n := range r.Notes {
			objs = append(objs, noteLine(n))
		}
	}
	return ui.Scroller(1100, objs...)
}

func anyOverride(r *debrief.Report) bool {
	for _, t := range r.Teams {
		if len(t.Overrides) > 0 {
			return true
		}
	}
	return false
}

// curveChart is a world variable's step chart, every team on it; mark ≥ 0
// marks a moment (seconds).
func (d *Debrief) curveChart(v debrief.Variable, mark float64) fyne.CanvasObject {
	var series []ui.CurveSeries
	for i, t := range d.report.Teams {
		for _, c := range t.Curves {
			if c.Variable == v.ID {
				series = append(series, ui.CurveSeries{Color: i, Points: c.Points})
			}
		}
	}
	return ui.NewCurveChart(v.Min, v.Max, d.report.Overview.EndSeconds, series, mark, d.host.Loc().T("debrief.minutes_axis"), 190)
}

// findingLabel is a strength (green) or an area for improvement (red).
func findingLabel(kind, text string) fyne.CanvasObject {
	var icon fyne.Resource = theme.NewSuccessThemedResource(theme.ConfirmIcon())
	if kind == debrief.KindImprovement {
		icon = theme.NewErrorThemedResource(theme.WarningIcon())
	}
	return container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(icon)), nil, ui.Wrapped(text))
}

func noteLine(n debrief.NoteReport) fyne.CanvasObject {
	return container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(theme.DocumentIcon())), nil,
		ui.Wrapped(debrief.Clock(ui.SecondsDur(n.AtSeconds))+"  "+n.Text))
}

// Teams.

func (d *Debrief) teamsTab() fyne.CanvasObject {
	d.teamTabs = container.NewAppTabs()
	for i, t := range d.st.Teams {
		var tr *debrief.TeamReport
		for j := range d.report.Teams {
			if d.report.Teams[j].Name == t.Name {
				tr = &d.report.Teams[j]
			}
		}
		d.teamTabs.Append(container.NewTabItem(t.Name, ui.Scroller(1000, d.teamCard(t, tr, i))))
	}
	d.teamTabs.SetTabLocation(container.TabLocationLeading)
	if d.teamSelected > 0 && d.teamSelected < len(d.teamTabs.Items) {
		d.teamTabs.SelectIndex(d.teamSelected)
	}
	d.teamTabs.OnSelected = func(*container.TabItem) { d.teamSelected = d.teamTabs.SelectedIndex() }
	return d.teamTabs
}

func (d *Debrief) teamCard(t *engine.Team, tr *debrief.TeamReport, index int) fyne.CanvasObject {
	loc, st := d.host.Loc(), d.st
	lang := d.lang()
	L := func(k string) string { return debrief.T(lang, k) }
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, ui.Swatch(ui.TeamColor(index)), nil, ui.Heading(t.Name))}

	// Ending.
	ending := ui.WrappedBold(loc.T("debrief.ending_line", "ending", teamEndingText(loc, st, t, lang)))
	if t.EndReason == engine.EndReached {
		ending.Importance = ui.ToneImportance(st.Scenario.Phase(t.Ending).Ending.Tone)
	}
	objs = append(objs, ending)

	// Scores, with the facilitator's overrides.
	series := []ui.ScoreSeries{{Team: t.Name, Color: index, Values: tr.Scores, Overridden: map[string]bool{}}}
	for _, o := range tr.Overrides {
		series[0].Overridden[o.Dimension] = true
	}
	objs = append(objs, ui.Bold(loc.T("debrief.scores")), ui.NewScoreChart(ui.AllDimensions(), d.dimLabel, series, 200))
	if len(tr.Overrides) > 0 {
		objs = append(objs, ui.Muted(loc.T("debrief.override_mark")))
		for _, o := range tr.Overrides {
			objs = append(objs, ui.Wrapped("* "+fmt.Sprintf(L("override"), d.dimLabel(o.Dimension), debrief.Number(o.Value), debrief.Number(o.Computed), o.Reason)))
		}
	}

	// Path.
	steps := make([]string, len(t.Path))
	for i, p := range t.Path {
		steps[i] = loc.T("debrief.path_step", "phase", ui.PhaseTitle(st.Scenario, p.Phase, lang), "time", debrief.Clock(p.At))
	}
	objs = append(objs, ui.Bold(loc.T("debrief.path")), ui.Wrapped(strings.Join(steps, "  →  ")))

	// Decisions.
	objs = append(objs, ui.Bold(loc.T("debrief.decisions")))
	if len(t.Answers) == 0 {
		objs = append(objs, ui.Muted(loc.T("debrief.no_decisions")))
	}
	for _, a := range t.Answers {
		var answer string
		switch {
		case a.Option != nil:
			answer = loc.T("debrief.answer_chosen", "option", a.Option.Text.Get(lang), "took", debrief.Took(a.Took(), lang))
			// What the team saw: options are shuffled per team.
			if i := slices.Index(a.Shown(), a.Option); i >= 0 {
				answer += fmt.Sprintf(debrief.T(lang, "shown-as"), i+1, len(a.Decision.Options))
			}
		default:
			answer = debrief.Unanswered(a, lang)
		}
		ans := ui.Wrapped(answer)
		switch {
		case a.Option == nil && a.Scored():
			ans.Importance = widget.DangerImportance
		case a.Option != nil && a.Took() > a.Decision.Target:
			ans.Importance = widget.WarningImportance
		}
		card := []fyne.CanvasObject{
			ui.Muted(loc.T("debrief.opened_at", "time", debrief.Clock(a.OpenedAt)) + " · " +
				loc.T("debrief.window", "target", debrief.Took(a.Decision.Target, lang), "deadline", debrief.Took(a.Decision.Deadline, lang))),
			ui.Wrapped(a.Decision.Prompt.Get(lang)),
			ans}
		if a.Decision.Statement != nil && a.Option != nil {
			card = append(card, d.statement(a, lang)...)
		}
		objs = append(objs, ui.Panel(card...))
	}

	// Replies to injects.
	if len(t.Replies) > 0 {
		objs = append(objs, ui.Bold(loc.T("debrief.replies")), ui.Muted(loc.T("debrief.replies_unscored")))
		for _, rp := range t.Replies {
			objs = append(objs, ui.Panel(d.reply(t, rp, lang)...))
		}
	}

	objs = append(objs, d.cases(t, tr, lang)...)
	objs = append(objs, d.triage(tr, lang)...)

	// Posts on the channels, with the public's reaction.
	if len(t.Posts) > 0 {
		objs = append(objs, ui.Bold(loc.T("debrief.posts")), ui.Muted(loc.T("debrief.posts_unscored")))
		for _, p := range t.Posts {
			objs = append(objs, ui.Panel(d.post(p, lang)...))
		}
	}

	// Deadlines, promises, contradictions, triggers.
	list := func(title string, items []string, bad func(int) bool) {
		if len(items) == 0 {
			return
		}
		objs = append(objs, ui.Bold(title))
		for i, s := range items {
			l := ui.Wrapped("• " + s)
			if bad != nil && bad(i) {
				l.Importance = widget.DangerImportance
			}
			objs = append(objs, l)
		}
	}
	var dl []string
	for _, x := range tr.Deadlines {
		dl = append(dl, ui.Labelled(d.host.Loc(), x.Label, x.Text))
	}
	list(L("deadlines"), dl, func(i int) bool { return tr.Deadlines[i].Status == "missed" })
	var pr []string
	for _, x := range tr.Promises {
		pr = append(pr, x.Text)
	}
	list(L("promises"), pr, func(i int) bool { return tr.Promises[i].Status == "missed" })
	var cs []string
	for _, x := range tr.Contradictions {
		cs = append(cs, x.Text)
	}
	list(L("claims"), cs, func(int) bool { return true })
	var trg []string
	for _, x := range tr.Triggers {
		trg = append(trg, x.Text)
	}
	list(L("triggers"), trg, nil)

	// The world at the end.
	if len(tr.World) > 0 {
		var ws []string
		for _, w := range tr.World {
			ws = append(ws, w.Label+" "+debrief.Number(w.Value))
		}
		objs = append(objs, ui.Bold(L("world")), ui.Wrapped(strings.Join(ws, " · ")))
	}

	// The facilitator's notes on this team.
	if len(tr.Notes) > 0 {
		objs = append(objs, ui.Bold(loc.T("debrief.team_notes")))
		for _, n := range tr.Notes {
			objs = append(objs, noteLine(n))
		}
	}
	return container.NewPadded(container.NewVBox(objs...))
}

// statement shows the statement a team wrote with a decision and which of
// the required facts it contained.
func (d *Debrief) statement(a engine.Answer, lang string) []fyne.CanvasObject {
	loc := d.host.Loc()
	spec := a.Decision.Statement
	objs := []fyne.CanvasObject{ui.Bold(loc.T("debrief.statement", "kind", ui.StatementKindName(loc, spec.Kind)))}
	return append(objs, d.judged(a.Statement, spec.RequiredFacts, a.FactsFound, a.Rubric, lang)...)
}

// reply shows a team's reply to an inject: the inject it answers (whence,
// when it arrived, its text), then the reply as a statement is shown, with
// its required facts and the rubric's feedback.
func (d *Debrief) reply(t *engine.Team, rp engine.Reply, lang string) []fyne.CanvasObject {
	loc, in := d.host.Loc(), rp.Inject
	who := loc.T("channel." + in.Channel)
	if from := in.From.Get(lang); from != "" {
		who += " — " + from
	}
	var arrived time.Duration
	for _, dl := range t.Inbox {
		if dl.Inject.ID == in.ID && dl.At <= rp.At {
			arrived = dl.At
		}
	}
	objs := []fyne.CanvasObject{
		ui.Muted(loc.T("debrief.reply_inject", "inject", who, "time", debrief.Clock(arrived))),
		container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(ui.ChannelIcon(in.Channel))), nil, ui.Wrapped(in.Text.Get(lang))),
	}
	var facts []string
	kind := ""
	if in.Reply != nil {
		facts, kind = in.Reply.RequiredFacts, in.Reply.Kind
	}
	objs = append(objs, ui.WrappedBold(loc.T("debrief.reply", "kind", ui.StatementKindName(loc, kind), "time", debrief.Clock(rp.At))))
	return append(objs, d.judged(rp.Text, facts, rp.FactsFound, rp.Rubric, lang)...)
}

// post shows a team's post: where and when, the text with the rubric's
// feedback, then the public's reaction (its posts by tone) and how it
// moved the world.
func (d *Debrief) post(p engine.Post, lang string) []fyne.CanvasObject {
	loc := d.host.Loc()
	objs := []fyne.CanvasObject{ui.WrappedBold(loc.T("debrief.post", "channel", loc.T("post.channel."+p.Channel), "time", debrief.Clock(p.At)))}
	objs = append(objs, d.judged(p.Text, nil, nil, p.Rubric, lang)...)
	if p.Reaction == nil {
		return objs
	}
	objs = append(objs, ui.Muted(loc.T("debrief.post_reaction")))
	var replies []*scenario.FeedPost
	if p.Repeat == 0 { // a reaction heard before draws no new replies
		replies = p.Reaction.Posts
	}
	for _, rp := range replies {
		line := ui.Wrapped("")
		line.SetSpans([]ui.TextSpan{{Text: ui.ToneName(loc, rp.Tone) + "  ", Color: ui.ToneColorName(rp.Tone), Bold: true},
			{Text: ui.Labelled(loc, rp.From.Get(lang), rp.Text.Get(lang))}})
		objs = append(objs, line)
	}
	var moved []string
	for _, v := range d.st.Scenario.World {
		if delta, ok := p.Moved[v.ID]; ok {
			sign := "+" // an ASCII minus: the bundled font has no U+2212
			if delta < 0 {
				sign = "-"
			}
			moved = append(moved, v.Label.Get(lang)+" "+sign+debrief.Number(math.Abs(delta)))
		}
	}
	if len(moved) > 0 {
		objs = append(objs, ui.Wrapped(loc.T("debrief.post_moved", "changes", strings.Join(moved, loc.T("rubric.list_sep")))+debrief.RepeatNote(p.Repeat, loc.Lang().String())))
	}
	return objs
}

// judged shows a team's written text (a statement, a reply) with a bar
// down its left, which of the required facts it contained and the
// rubric's judgement of it.
func (d *Debrief) judged(text string, required, found []string, res *rubric.Result, lang string) []fyne.CanvasObject {
	loc, sc := d.host.Loc(), d.st.Scenario
	text = strings.TrimSpace(text)
	l := ui.Wrapped(text)
	l.Selectable = true
	if text == "" {
		l.SetText(loc.T("debrief.no_statement"))
		l.Importance = widget.DangerImportance
	}
	// A bar down the left marks the team's own words.
	bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	bar.SetMinSize(fyne.NewSize(3, 0))
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, bar, nil, l)}
	if n := len(required); n > 0 {
		objs = append(objs, ui.Muted(loc.T("debrief.facts_found", "n", len(found), "total", n)))
		for _, id := range required {
			var icon fyne.Resource = theme.NewErrorThemedResource(theme.CancelIcon())
			word := loc.T("debrief.fact_missing")
			if slices.Contains(found, id) {
				icon = theme.NewSuccessThemedResource(theme.ConfirmIcon())
				word = loc.T("debrief.fact_found")
			}
			objs = append(objs, container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(icon)), nil,
				ui.Wrapped(ui.FactLabel(sc, id, lang)+" — "+word)))
		}
	}
	if res != nil {
		objs = append(objs, d.rubricFeedback(*res, lang)...)
	}
	return objs
}

// rubricFeedback is the statement rubric's judgement of a statement (see
// internal/rubric), read-only: the scores, what the statement did, what it
// lacked and the penalties, with the words found.
func (d *Debrief) rubricFeedback(r rubric.Result, lang string) []fyne.CanvasObject {
	loc := d.host.Loc()
	label := func(m map[string]string, id string) string {
		if s := m[lang]; s != "" {
			return s
		}
		if s := m["en"]; s != "" {
			return s
		}
		return id
	}
	var dims []string
	for _, dim := range rubric.Dimensions {
		if v, ok := r.Scores[dim]; ok {
			dims = append(dims, fmt.Sprintf("%s %.0f", label(rubric.DimensionLabels[dim], dim), v))
		}
	}
	head := ui.WrappedBold(loc.T("debrief.rubric_scores", "overall", fmt.Sprintf("%.0f", r.Overall), "dims", strings.Join(dims, " · ")))
	objs := []fyne.CanvasObject{head}
	quote := func(ev []string) string {
		var qs []string
		for i, e := range ev {
			if i == 2 {
				break
			}
			qs = append(qs, loc.T("debrief.quote", "text", ui.Shorten(e, 40)))
		}
		return ui.ListJoin(loc, qs)
	}
	var passed, missing []string
	for _, c := range r.Checks {
		if strings.HasPrefix(c.ID, "fact:") {
			continue // the required facts are listed above
		}
		name := label(c.Label, c.ID)
		switch {
		case c.Penalty && !c.Passed:
			l := ui.Wrapped(loc.T("debrief.rubric_penalty", "check", name, "points", fmt.Sprintf("%.0f", c.Weight), "evidence", quote(c.Evidence)))
			l.Importance = widget.DangerImportance
			objs = append(objs, container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(theme.NewErrorThemedResource(theme.WarningIcon()))), nil, l))
		case c.Penalty:
		case c.Passed:
			if q := quote(c.Evidence); q != "" {
				name = loc.T("debrief.rubric_check_found", "check", name, "evidence", q)
			}
			passed = append(passed, name)
		default:
			missing = append(missing, name)
		}
	}
	sep := loc.T("debrief.list_sep")
	if len(passed) > 0 {
		objs = append(objs, container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(theme.NewSuccessThemedResource(theme.ConfirmIcon()))), nil,
			ui.Wrapped(loc.T("debrief.rubric_passed", "checks", strings.Join(passed, sep)))))
	}
	if len(missing) > 0 {
		objs = append(objs, container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(theme.NewWarningThemedResource(theme.QuestionIcon()))), nil,
			ui.Wrapped(loc.T("debrief.rubric_missing", "checks", strings.Join(missing, sep)))))
	}
	return objs
}

// Objectives.

func (d *Debrief) objectivesTab() fyne.CanvasObject {
	loc, r := d.host.Loc(), d.report
	lang := d.lang()
	L := func(k string) string { return debrief.T(lang, k) }
	if len(r.Objectives) == 0 {
		return ui.Scroller(1000, ui.Muted(L("noobjectives")))
	}
	objs := []fyne.CanvasObject{ui.Muted(loc.T("debrief.ratings_hint"))}
	if guided(r) {
		objs = append(objs, container.NewHBox(ui.NewIconButton(loc.T("eegpaper.print"), theme.DocumentPrintIcon(), d.printGuides)))
	}
	for _, o := range r.Objectives {
		title := ui.WrappedHeading(o.Text) // objectives are sentences
		rows := []fyne.CanvasObject{title}
		rows = append(rows, d.guideRows(o)...)
		for _, ot := range o.Teams {
			var ev []fyne.CanvasObject
			for _, e := range ot.Evidence {
				l := ui.Wrapped(loc.T("debrief.quote", "text", e.Label) + " → " + e.Text)
				if e.Status == "timed-out" || e.Status == "open" || e.Status == "abandoned" {
					l.Importance = widget.DangerImportance
				}
				ev = append(ev, l)
			}
			if len(ev) == 0 {
				ev = append(ev, ui.Muted(L("noevidence")))
			}
			suggested := container.NewHBox(ui.RatingBadge(ot.Suggested), ui.Faint(loc.T("debrief.suggested"), fyne.TextAlignLeading))
			given := container.NewHBox(ui.RatingBadge(ot.Rating), widget.NewLabel(loc.T("debrief.given")))
			if ot.Rating == "" {
				given = container.NewHBox(ui.Faint(L("rating.blank"), fyne.TextAlignLeading))
			}
			ratings := container.NewVBox(given, suggested)
			if ot.Rating != "" {
				ratings.Add(ui.Faint(L("rating."+ot.Rating), fyne.TextAlignLeading))
				if ot.RatingReason != "" {
					reason := ui.Muted(ot.RatingReason)
					ratings.Add(reason)
				}
			} else {
				ratings.Add(ui.Faint(L("rating."+ot.Suggested), fyne.TextAlignLeading))
			}
			for _, p := range d.paperRows(o, ot) {
				ratings.Add(p)
			}
			for _, c := range d.combinedRows(ot) {
				ratings.Add(c)
			}
			name := container.NewVBox(container.NewHBox(ui.Swatch(ui.TeamColor(d.teamIndex(ot.Team))), ui.Bold(ot.Team)))
			rows = append(rows, widget.NewSeparator(),
				container.NewBorder(nil, nil, container.New(&ui.MinWidth{W: 140}, name), container.New(&ui.MinWidth{W: 300}, ratings), container.NewVBox(ev...)))
		}
		objs = append(objs, ui.Panel(rows...))
	}
	objs = append(objs, ui.Muted(r.RatingRule))
	return ui.Scroller(1100, objs...)
}

// guideRows draw an objective's evaluation guide: its capability, and per
// capability target its critical tasks, each with every team's result
// (done and when, not done, or for an evaluator).
func (d *Debrief) guideRows(o debrief.ObjectiveReport) []fyne.CanvasObject {
	loc, lang := d.host.Loc(), d.lang()
	var rows []fyne.CanvasObject
	if o.Capability != "" {
		rows = append(rows, ui.Bold(loc.T("debrief.capability", "name", o.Capability)))
	}
	for _, tg := range o.Targets {
		rows = append(rows, ui.Wrapped(loc.T("debrief.target", "text", tg.Text)))
		for _, task := range tg.Tasks {
			results := container.NewVBox()
			for _, ot := range o.Teams {
				res, _ := ot.TaskOf(task.ID)
				l := ui.Wrapped(loc.T("debrief.task_result", "team", ot.Team, "result", debrief.TaskCell(res, lang)))
				switch res.Status {
				case debrief.TaskMet, debrief.TaskObserved:
					l.Importance = widget.SuccessImportance
				case debrief.TaskNotMet:
					l.Importance = widget.DangerImportance
				default:
					l.Importance = widget.LowImportance
				}
				results.Add(l)
			}
			head := container.NewVBox(ui.Wrapped(task.Text), ui.Muted(task.How))
			rows = append(rows, container.NewGridWithColumns(2, head, results))
		}
	}
	return rows
}

// Helpers kept from the first debrief.

// teamEndingText says how a team's play ended.
func teamEndingText(loc *i18n.Localizer, st *engine.State, t *engine.Team, lang string) string {
	switch {
	case !t.Ended:
		return loc.T("debrief.still_playing")
	case t.EndReason == engine.EndReached:
		p := st.Scenario.Phase(t.Ending)
		return loc.T("debrief.ended_at", "what", p.Ending.Outcome.Get(lang), "time", debrief.Clock(t.EndedAt))
	default:
		return loc.T("debrief.ended_at", "what", ui.EndReasonText(loc, t.EndReason), "time", debrief.Clock(t.EndedAt))
	}
}

// exerciseEndText says why the whole exercise ended.
func exerciseEndText(loc *i18n.Localizer, reason string) string {
	switch reason {
	case engine.EndComplete:
		return loc.T("debrief.reason_complete")
	case engine.EndFacilitator:
		return loc.T("debrief.reason_facilitator")
	case engine.EndLimit:
		return loc.T("debrief.reason_limit")
	case engine.EndTimeUp:
		return loc.T("debrief.reason_time_up")
	}
	return reason
}
