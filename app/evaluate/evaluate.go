// Package evaluate is the live evaluator's view: on the facilitator's
// laptop in a window of its own, or on an evaluator's laptop joined over
// the network with the evaluator code (app/join). The evaluator chooses the
// teams to follow and sees their timeline read-only (injects received,
// decisions answered, replies and posts, as the facilitator sees them,
// never a control); for one followed team at a time it shows the
// scenario's objectives with their critical tasks to tick (the time is the
// exercise time when ticked, editable), a P/S/M/U rating per objective,
// and observations written at a time or attached to a timeline entry.
// Everything goes to the exercise as the seat's commands (engine.CmdEvalTask,
// CmdEvalRate, CmdEvalObserve), off the UI goroutine; a refusal is shown in
// the UI's words. Nothing here changes what a team sees.
package evaluate

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Host is what the view needs from where it is shown.
type Host interface {
	Loc() *i18n.Localizer
	Window() fyne.Window
}

// timelineMax is how many of the followed teams' newest timeline entries
// the view lists.
const timelineMax = 60

// Draft is what the view holds that the log does not: the teams followed,
// the team shown, the observation being written. A rebuild (a language
// switch) keeps it.
type Draft struct {
	Followed []string
	Team     string
	Text     string
	At       string
	Entry    string
	Obj      string
}

// View is one evaluator seat's view.
type View struct {
	host       Host
	conn       engine.Conn
	seat       string
	background func(func()) // runs a Send off the UI goroutine
	// pending hears of a command on its way (done false) and of its
	// settling (done true): an evaluator's laptop keeps unsettled ones
	// to send again after a restart.
	pending func(cmd engine.Command, done bool)
	newRef  func() string

	d        Draft
	teams    []string
	timeSig  string
	guideSig string

	root     fyne.CanvasObject
	clock    *widget.Label
	follow   *fyne.Container
	timeline *fyne.Container
	teamSel  *widget.Select
	guide    *fyne.Container
	obsList  *fyne.Container
	obsText  *widget.Entry
	obsAt    *widget.Entry
	obsObj   *widget.Select
	objIDs   []string // "" then the objectives, in obsObj's order
	attached *ui.WrapLabel
	detach   *widget.Button
	msg      *ui.WrapLabel
	unsub    func()
}

// New makes the view of seat on conn. background runs a Send off the UI
// goroutine.
func New(host Host, conn engine.Conn, seat string, background func(func())) *View {
	v := &View{host: host, conn: conn, seat: seat, background: background, newRef: newRef}
	conn.Read(func(st *engine.State) {
		for _, t := range st.Teams {
			v.teams = append(v.teams, t.Name)
		}
	})
	v.d.Followed = slices.Clone(v.teams)
	if len(v.teams) > 0 {
		v.d.Team = v.teams[0]
	}
	v.unsub = conn.Subscribe(func(engine.Event) { ui.Do(v.Refresh) })
	v.Build()
	return v
}

func newRef() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return "ev-" + hex.EncodeToString(b)
}

// Seat is the evaluator's name.
func (v *View) Seat() string { return v.seat }

// Root is the view's content.
func (v *View) Root() fyne.CanvasObject { return v.root }

// Stop stops following the exercise.
func (v *View) Stop() {
	if v.unsub != nil {
		v.unsub()
		v.unsub = nil
	}
}

// SetPending sets what hears of commands on their way.
func (v *View) SetPending(p func(cmd engine.Command, done bool)) { v.pending = p }

// Draft is what a rebuild keeps.
func (v *View) Draft() Draft {
	v.d.Text, v.d.At = v.obsText.Text, v.obsAt.Text
	return v.d
}

// RestoreDraft puts back what a rebuild kept.
func (v *View) RestoreDraft(d Draft) {
	v.d = d
	v.Build()
}

// Build draws the view in the host's language.
func (v *View) Build() {
	loc := v.host.Loc()
	v.timeSig, v.guideSig = "", ""
	v.clock = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true})
	v.msg = ui.Wrapped("")
	v.msg.Importance = widget.DangerImportance
	v.msg.Hide()

	v.follow = container.NewHBox()
	for _, t := range v.teams {
		c := widget.NewCheck(t, nil)
		c.Checked = slices.Contains(v.d.Followed, t)
		c.OnChanged = func(on bool) { v.setFollowed(t, on) }
		v.follow.Add(c)
	}
	v.timeline = container.NewVBox()
	left := container.NewBorder(
		container.NewVBox(ui.Bold(loc.T("evaluate.follow")), container.NewHScroll(v.follow), widget.NewSeparator(),
			ui.WrappedBold(loc.T("evaluate.timeline"))),
		nil, nil, nil, container.NewVScroll(v.timeline))

	v.teamSel = widget.NewSelect(nil, func(t string) {
		if t != "" && t != v.d.Team {
			v.d.Team, v.d.Entry = t, ""
			v.guideSig = ""
			v.setAttached()
			v.Refresh()
		}
	})
	v.guide = container.NewVBox()
	v.obsList = container.NewVBox()
	v.obsText = widget.NewMultiLineEntry()
	v.obsText.SetMinRowsVisible(2)
	v.obsText.Wrapping = fyne.TextWrapWord
	v.obsText.SetPlaceHolder(loc.T("evaluate.observation_hint"))
	v.obsText.SetText(v.d.Text)
	v.obsAt = widget.NewEntry()
	v.obsAt.SetPlaceHolder(loc.T("evaluate.now"))
	v.obsAt.SetText(v.d.At)
	v.obsObj = widget.NewSelect(nil, nil)
	v.attached = ui.Muted("")
	v.detach = widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
		v.d.Entry = ""
		v.setAttached()
	})
	add := ui.NewIconButton(loc.T("evaluate.observe"), theme.ContentAddIcon(), v.observe)
	add.Importance = widget.HighImportance
	obsForm := container.NewVBox(
		ui.Bold(loc.T("evaluate.observation")),
		v.obsText,
		container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel(loc.T("evaluate.at")), container.New(&ui.MinWidth{W: 96}, v.obsAt)), nil, v.obsObj),
		container.NewBorder(nil, nil, nil, container.NewVBox(container.NewHBox(v.detach, add)), v.attached),
	)
	// The observation being written stays in sight above the guide.
	right := container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel(loc.T("evaluate.team")), nil, v.teamSel), obsForm, v.msg,
			widget.NewSeparator()),
		nil, nil, nil,
		container.NewVScroll(container.NewVBox(ui.Muted(loc.T("evaluate.ratings_legend")), v.guide, v.obsList)))
	split := container.NewHSplit(left, right)
	split.Offset = 0.42
	top := container.NewBorder(nil, nil, nil, v.clock, ui.IconLine(theme.VisibilityIcon(), loc.T("evaluate.seat", "seat", v.seat)))
	v.root = container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil, split)
	v.setAttached()
	v.Refresh()
}

func (v *View) setFollowed(team string, on bool) {
	if on && !slices.Contains(v.d.Followed, team) {
		v.d.Followed = append(v.d.Followed, team)
	}
	if !on {
		v.d.Followed = slices.DeleteFunc(v.d.Followed, func(t string) bool { return t == team })
	}
	// Keep the exercise's order.
	v.d.Followed = slices.DeleteFunc(slices.Clone(v.teams), func(t string) bool { return !slices.Contains(v.d.Followed, t) })
	if !slices.Contains(v.d.Followed, v.d.Team) {
		v.d.Team, v.d.Entry = "", ""
		if len(v.d.Followed) > 0 {
			v.d.Team = v.d.Followed[0]
		}
		v.setAttached()
	}
	v.timeSig, v.guideSig = "", ""
	v.Refresh()
}

// Refresh redraws what changed: the clock, the timeline, the guide.
func (v *View) Refresh() {
	if v.root == nil {
		return
	}
	loc := v.host.Loc()
	v.clock.SetText(loc.T("evaluate.clock", "time", debrief.Clock(v.conn.ExerciseTime())))
	v.conn.Read(func(st *engine.State) {
		if st.Scenario == nil {
			return
		}
		if sig := v.timelineSig(st); sig != v.timeSig {
			v.timeSig = sig
			v.drawTimeline(st)
		}
		if sig := v.guideSignature(st); sig != v.guideSig {
			v.guideSig = sig
			v.drawGuide(st)
		}
	})
}

func (v *View) timelineSig(st *engine.State) string {
	var b strings.Builder
	b.WriteString("following:")
	for _, name := range v.d.Followed {
		if t := st.Team(name); t != nil {
			b.WriteString(name)
			for _, n := range []int{len(t.Inbox), len(t.Answers), len(t.Replies), len(t.Posts)} {
				b.WriteByte(':')
				b.WriteString(strconv.Itoa(n))
			}
			b.WriteByte('|')
		}
	}
	return b.String()
}

func (v *View) guideSignature(st *engine.State) string {
	t := st.Team(v.d.Team)
	if t == nil {
		return "none|" + strings.Join(v.d.Followed, ",")
	}
	var b strings.Builder
	b.WriteString(v.d.Team + "|" + strings.Join(v.d.Followed, ","))
	for _, o := range st.Scenario.Objectives {
		if ev, ok := v.mine(t, o.ID); ok {
			b.WriteString("|" + o.ID + ":" + ev.Rating)
			for _, et := range ev.Tasks {
				b.WriteString("," + et.Task)
				if et.Done {
					b.WriteString("+")
				}
				if at, has := et.Time(); has {
					b.WriteString("@" + at.String())
				}
			}
		}
	}
	b.WriteString("|obs:" + strconv.Itoa(len(t.ObservationsBy(v.seat))))
	return b.String()
}

// mine is this seat's evaluation of the objective for the team.
func (v *View) mine(t *engine.Team, objective string) (engine.Evaluation, bool) {
	for _, ev := range t.Evaluations[objective] {
		if strings.EqualFold(ev.Evaluator, v.seat) {
			return ev, true
		}
	}
	return engine.Evaluation{}, false
}

// entry is one line of the timeline.
type entry struct {
	at    time.Duration
	team  string
	id    string // engine.EntryInbox…
	icon  fyne.Resource
	label string
}

// entries lists the followed teams' timeline, newest first.
func (v *View) entries(st *engine.State) []entry {
	loc := v.host.Loc()
	lang := loc.Lang().String()
	var out []entry
	for _, name := range v.d.Followed {
		t := st.Team(name)
		if t == nil {
			continue
		}
		for i, d := range t.Inbox {
			from := d.Inject.From.Get(lang)
			text := loc.T("evaluate.entry.inject", "channel", ui.ChannelName(loc, d.Inject.Channel), "from", from,
				"text", ui.ClipText(d.Inject.Text.Get(lang), 160))
			out = append(out, entry{at: d.At, team: name, id: engine.EntryInbox(i + 1), icon: ui.ChannelIcon(d.Inject.Channel), label: text})
		}
		for i, a := range t.Answers {
			if a.Open || a.Abandoned || a.EndedEarly {
				continue
			}
			prompt := ui.ClipText(a.Decision.Prompt.Get(lang), 100)
			var text string
			switch {
			case a.TimedOut || a.Option == nil:
				text = loc.T("evaluate.entry.timedout", "decision", prompt)
			default:
				text = loc.T("evaluate.entry.chosen", "decision", prompt, "option", ui.ClipText(a.Option.Text.Get(lang), 100))
				if a.Statement != "" {
					text += " " + loc.T("evaluate.entry.statement", "text", ui.ClipText(a.Statement, 200))
				}
			}
			out = append(out, entry{at: a.At, team: name, id: engine.EntryAnswer(i + 1), icon: theme.ConfirmIcon(), label: text})
		}
		for i, r := range t.Replies {
			text := loc.T("evaluate.entry.reply", "text", ui.ClipText(r.Text, 200))
			out = append(out, entry{at: r.At, team: name, id: engine.EntryReply(i + 1), icon: theme.MailReplyIcon(), label: text})
		}
		for i, p := range t.Posts {
			text := loc.T("evaluate.entry.post", "channel", ui.ChannelName(loc, p.Channel), "text", ui.ClipText(p.Text, 200))
			out = append(out, entry{at: p.At, team: name, id: engine.EntryPost(i + 1), icon: theme.MailSendIcon(), label: text})
		}
	}
	slices.SortStableFunc(out, func(a, b entry) int {
		switch {
		case a.at > b.at:
			return -1
		case a.at < b.at:
			return 1
		}
		return strings.Compare(a.team, b.team)
	})
	if len(out) > timelineMax {
		out = out[:timelineMax]
	}
	return out
}

func (v *View) drawTimeline(st *engine.State) {
	loc := v.host.Loc()
	v.timeline.RemoveAll()
	list := v.entries(st)
	if len(v.d.Followed) == 0 {
		v.timeline.Add(ui.Muted(loc.T("evaluate.follow_none")))
	} else if len(list) == 0 {
		v.timeline.Add(ui.Muted(loc.T("evaluate.timeline_empty")))
	}
	for _, e := range list {
		head := ui.Bold(loc.T("evaluate.entry.head", "time", debrief.Clock(e.at), "team", e.team))
		attach := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { v.attach(e) })
		row := container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(e.icon)), container.NewVBox(attach), container.NewVBox(head, ui.Wrapped(e.label)))
		v.timeline.Add(row)
	}
	v.timeline.Refresh()
}

// attach ties the observation being written to a timeline entry (and its
// team).
func (v *View) attach(e entry) {
	if e.team != v.d.Team {
		v.d.Team = e.team
		v.guideSig = ""
	}
	v.d.Entry = e.team + "\x00" + e.id
	v.obsAt.SetText(debrief.Clock(e.at))
	v.setAttached()
	v.Refresh()
	v.host.Window().Canvas().Focus(v.obsText)
}

func (v *View) setAttached() {
	loc := v.host.Loc()
	if v.attached == nil {
		return
	}
	team, id, ok := strings.Cut(v.d.Entry, "\x00")
	if !ok || team != v.d.Team {
		v.d.Entry = ""
		v.attached.SetText(loc.T("evaluate.attached_none"))
		v.detach.Hide()
		return
	}
	text := id
	v.conn.Read(func(st *engine.State) {
		if st.Scenario == nil {
			return
		}
		for _, e := range v.entries(st) {
			if e.team == team && e.id == id {
				text = ui.ClipText(e.label, 80)
			}
		}
	})
	v.attached.SetText(loc.T("evaluate.attached", "entry", text))
	v.detach.Show()
}

func (v *View) drawGuide(st *engine.State) {
	loc := v.host.Loc()
	lang := loc.Lang().String()
	v.teamSel.Options = slices.Clone(v.d.Followed)
	v.teamSel.Selected = v.d.Team
	v.teamSel.Refresh()
	v.guide.RemoveAll()
	v.obsList.RemoveAll()
	t := st.Team(v.d.Team)
	if t == nil {
		v.guide.Add(ui.Muted(loc.T("evaluate.follow_none")))
		v.guide.Refresh()
		return
	}
	// The observation form's objective: the team as a whole, or one.
	objs := []string{loc.T("evaluate.whole_team")}
	v.objIDs = []string{""}
	for _, o := range st.Scenario.Objectives {
		objs = append(objs, ui.ClipText(o.Text.Get(lang), 28))
		v.objIDs = append(v.objIDs, o.ID)
	}
	sel := max(0, slices.Index(v.objIDs, v.d.Obj))
	v.obsObj.Options = objs
	v.obsObj.OnChanged = nil
	v.obsObj.SetSelectedIndex(sel)
	v.obsObj.OnChanged = func(string) {
		if i := v.obsObj.SelectedIndex(); i >= 0 && i < len(v.objIDs) {
			v.d.Obj = v.objIDs[i]
		}
	}
	if len(st.Scenario.Objectives) == 0 {
		v.guide.Add(ui.Muted(loc.T("evaluate.no_objectives")))
	}
	for _, o := range st.Scenario.Objectives {
		v.guide.Add(v.objectiveCard(st, t, o))
	}
	v.guide.Refresh()
	obs := t.ObservationsBy(v.seat)
	if len(obs) > 0 {
		v.obsList.Add(ui.Bold(loc.T("evaluate.observations", "n", len(obs))))
	}
	for i := len(obs) - 1; i >= 0; i-- {
		v.obsList.Add(ui.Wrapped(v.observationLine(st, t, obs[i])))
	}
	v.obsList.Refresh()
}

// observationLine says an observation: when, about what, the text.
func (v *View) observationLine(st *engine.State, t *engine.Team, ob engine.Observation) string {
	loc := v.host.Loc()
	lang := loc.Lang().String()
	at := ob.Written
	if ob.HasAbout {
		at = ob.About
	} else if a, ok := t.EntryAt(ob.Entry); ok {
		at = a
	}
	about := ""
	if o := objectiveOf(st.Scenario, ob.Objective); o != nil {
		about = loc.T("evaluate.about_objective", "objective", ui.ClipText(o.Text.Get(lang), 60))
	}
	return loc.T("evaluate.observation_line", "time", debrief.Clock(at), "about", about, "text", ob.Text)
}

func objectiveOf(sc *scenario.Scenario, id string) *scenario.Objective {
	for _, o := range sc.Objectives {
		if o.ID == id {
			return o
		}
	}
	return nil
}

// objectiveCard is an objective's guide for the team: its capability, the
// rating, the critical tasks to tick with their times.
func (v *View) objectiveCard(st *engine.State, t *engine.Team, o *scenario.Objective) fyne.CanvasObject {
	loc := v.host.Loc()
	lang := loc.Lang().String()
	mine, _ := v.mine(t, o.ID)
	objs := []fyne.CanvasObject{ui.WrappedBold(o.Text.Get(lang))}
	if c := o.Capability.Get(lang); c != "" {
		objs = append(objs, ui.Muted(loc.T("evaluate.capability", "text", c)))
	}
	rate := widget.NewRadioGroup(engine.Ratings, nil)
	rate.Horizontal = true
	rate.Selected = mine.Rating
	rate.OnChanged = func(r string) {
		v.send(engine.Command{Kind: engine.CmdEvalRate, Seat: v.seat, Team: t.Name, Objective: o.ID, Rating: r})
	}
	objs = append(objs, container.NewHBox(widget.NewLabel(loc.T("evaluate.rating")), rate))
	for _, tg := range o.Targets {
		if len(tg.Tasks) == 0 {
			continue
		}
		objs = append(objs, ui.Muted(loc.T("evaluate.target", "text", tg.Text.Get(lang))))
		for _, task := range tg.Tasks {
			objs = append(objs, v.taskRow(t, o, task, mine))
		}
	}
	return ui.Panel(objs...)
}

// taskRow is a critical task: the tick, its time (the exercise time when
// ticked; an edited time is sent with Enter).
func (v *View) taskRow(t *engine.Team, o *scenario.Objective, task *scenario.Task, mine engine.Evaluation) fyne.CanvasObject {
	loc := v.host.Loc()
	lang := loc.Lang().String()
	et, _ := mine.Task(task.ID)
	at := widget.NewEntry()
	at.SetPlaceHolder(loc.T("evaluate.time_hint"))
	if d, ok := et.Time(); ok {
		at.SetText(debrief.Clock(d))
	}
	check := widget.NewCheck("", nil) // the task's text beside it wraps
	check.Checked = et.Done
	send := func(done bool, when string) {
		cmd := engine.Command{Kind: engine.CmdEvalTask, Seat: v.seat, Team: t.Name, Objective: o.ID, Task: task.ID, Done: done, Text: et.Note}
		if strings.TrimSpace(when) != "" {
			d, err := debrief.ParseClock(when)
			if err != nil {
				v.say(loc.T("evaluate.bad_time", "time", strings.TrimSpace(when)))
				return
			}
			ms := d.Milliseconds()
			cmd.AtMS = &ms
		}
		v.send(cmd)
	}
	check.OnChanged = func(on bool) {
		when := at.Text
		if on && strings.TrimSpace(when) == "" {
			when = debrief.Clock(v.conn.ExerciseTime())
			at.SetText(when)
		}
		send(on, when)
	}
	at.OnSubmitted = func(s string) { send(check.Checked, s) }
	how := ""
	if task.ByEvaluator() {
		how = loc.T("evaluate.by_evaluator")
	} else {
		how = loc.T("evaluate.by_engine")
	}
	return container.NewBorder(nil, nil, container.NewVBox(check), container.NewVBox(container.New(&ui.MinWidth{W: 96}, at)),
		container.NewVBox(ui.Wrapped(task.Text.Get(lang)), ui.Muted(how)))
}

// observe sends the observation being written.
func (v *View) observe() {
	loc := v.host.Loc()
	text := strings.TrimSpace(v.obsText.Text)
	if text == "" {
		v.say(loc.T("evaluate.no_text"))
		return
	}
	if v.d.Team == "" {
		v.say(loc.T("evaluate.follow_none"))
		return
	}
	cmd := engine.Command{Kind: engine.CmdEvalObserve, Seat: v.seat, Team: v.d.Team, Objective: v.d.Obj, Text: text}
	when := strings.TrimSpace(v.obsAt.Text)
	if when == "" {
		when = debrief.Clock(v.conn.ExerciseTime())
	}
	d, err := debrief.ParseClock(when)
	if err != nil {
		v.say(loc.T("evaluate.bad_time", "time", when))
		return
	}
	ms := d.Milliseconds()
	cmd.AtMS = &ms
	if team, id, ok := strings.Cut(v.d.Entry, "\x00"); ok && team == v.d.Team {
		cmd.Entry = id
	}
	v.send(cmd)
	v.obsText.SetText("")
	v.obsAt.SetText("")
	v.d.Text, v.d.At, v.d.Entry = "", "", ""
	v.setAttached()
}

func (v *View) say(s string) {
	v.msg.SetText(s)
	v.msg.Show()
}

// Resend sends again the commands a previous run left on their way.
func (v *View) Resend(cmds []engine.Command) {
	for _, c := range cmds {
		v.send(c)
	}
}

// send hands a command to the exercise off the UI goroutine; a refusal is
// said in the UI's words, and the view redrawn from the exercise either
// way.
func (v *View) send(cmd engine.Command) {
	if cmd.Ref == "" {
		cmd.Ref = v.newRef()
	}
	cmd.Seat = v.seat
	v.msg.Hide()
	if v.pending != nil {
		v.pending(cmd, false)
	}
	v.background(func() {
		err := v.conn.Send(cmd)
		settled := err == nil || engine.RefusalCode(err) != "" || errors.Is(err, engine.ErrRejected)
		ui.Do(func() {
			if settled && v.pending != nil {
				v.pending(cmd, true)
			}
			if err != nil {
				loc := v.host.Loc()
				v.say(loc.T("evaluate.refused", "reason", ui.ErrorText(loc, err)))
				v.guideSig = "" // put the ticks back as the exercise has them
			}
			v.Refresh()
		})
	})
}
