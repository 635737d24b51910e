package review

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
)

// planSaveDelay is how long the plan editor waits after the last keystroke
// before it saves: a crash loses at most this much typing.
const planSaveDelay = 700 * time.Millisecond

// planEditor is the improvement plan tab: the strengths and areas for
// improvement (drawn from the evidence's findings until the facilitator
// changes them) and the corrective actions with an owner and a due date,
// edited in place.
//
// The plan is after-action work, not an engine event: it is saved in the
// database beside the exercise (exercise.DB.SavePlan), shortly after each
// edit, with the Save button, and when the screen is left or the window
// closed.
// Until the first save the exports show the rows drawn from the evidence;
// after it, the saved plan.
type planEditor struct {
	d      *Debrief
	scroll *container.Scroll // the page, which the text boxes pass the wheel to
	model  debrief.Plan      // due dates as typed
	saved  bool              // the store has a plan for the exercise
	dirty  bool              // edits not saved yet
	when   time.Time         // last saved
	err    error             // the last save's error
	bad    []int             // actions whose due date is not a date (1-based), left out of the last save

	autosave *ui.Debouncer // saves a moment after the last edit
	edits    int           // counts edits, so a save that ends knows whether more came since

	status *ui.WrapLabel
	box    *fyne.Container
}

// planActionRow is the widgets of one corrective action.
type planActionRow struct {
	team, objective, status  *widget.Select
	what, action, owner, due *widget.Entry
	dueMessage               *ui.WrapLabel
	remove                   *ui.KeyButton
}

func newPlanEditor(d *Debrief) *planEditor {
	p := &planEditor{d: d, autosave: ui.NewUIDebouncer(planSaveDelay)}
	if d.data.plan != nil {
		p.model = clonePlan(*d.data.plan)
		p.saved, p.when = true, d.data.plan.SavedAt
	}
	return p
}

func clonePlan(p debrief.Plan) debrief.Plan {
	return debrief.Plan{Strengths: slices.Clone(p.Strengths), Improvements: slices.Clone(p.Improvements),
		Actions: slices.Clone(p.Actions), SavedAt: p.SavedAt}
}

// draft is the plan the evidence suggests (see debrief.DraftPlan).
func (p *planEditor) draft() debrief.Plan { return debrief.DraftPlan(p.d.report) }

// reportPlan is the plan for the exports, as it stands on screen (saved
// or being saved), or nil when the facilitator has neither saved nor
// edited one (the exports then draw it from the evidence).
func (p *planEditor) reportPlan() *debrief.Plan {
	if !p.saved && !p.dirty {
		return nil
	}
	plan, _ := p.toSave()
	return &plan
}

func (p *planEditor) build() fyne.CanvasObject {
	loc := p.d.host.Loc()
	if !p.saved && !p.dirty {
		p.model = p.draft() // in the language now shown
	}
	p.status = ui.Wrapped("")
	save := ui.NewIconButton(loc.T("debrief.plan_save"), theme.DocumentSaveIcon(), p.saveInBackground)
	save.Importance = widget.HighImportance
	reset := ui.NewIconButton(loc.T("debrief.plan_reset"), theme.ViewRefreshIcon(), p.askReset)
	p.box = container.NewVBox()
	p.fill()
	p.showStatus()
	top := container.NewBorder(nil, nil, nil, container.NewHBox(reset, save), p.status)
	p.scroll = container.NewVScroll(ui.Column(1100, container.NewPadded(p.box)))
	return container.NewBorder(container.NewVBox(container.NewPadded(top), widget.NewSeparator()), nil, nil, nil, p.scroll)
}

// itemSection draws a list of strengths or areas for improvement: its
// heading with an add button, then one row per item (or "none").
func (p *planEditor) itemSection(items *[]debrief.PlanItem, addKey, headKey string) []fyne.CanvasObject {
	loc := p.d.host.Loc()
	add := ui.NewIconButton(loc.T(addKey), theme.ContentAddIcon(), func() {
		*items = append(*items, debrief.PlanItem{})
		p.changed()
		p.fill()
	})
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, add, ui.Heading(loc.T(headKey)))}
	if len(*items) == 0 {
		objs = append(objs, ui.Muted(loc.T("debrief.plan_none")))
	}
	for i := range *items {
		objs = append(objs, p.itemRow(items, i))
	}
	return objs
}

// fill draws the editor from the model (again after a row is added or
// removed).
func (p *planEditor) fill() {
	loc := p.d.host.Loc()
	objs := []fyne.CanvasObject{ui.Muted(loc.T("debrief.plan_hint"))}
	objs = append(objs, p.itemSection(&p.model.Strengths, "debrief.plan_add_strength", "debrief.plan_strengths")...)
	objs = append(objs, p.itemSection(&p.model.Improvements, "debrief.plan_add_area", "debrief.plan_areas")...)

	addAction := ui.NewIconButton(loc.T("debrief.plan_add_action"), theme.ContentAddIcon(), func() {
		p.model.Actions = append(p.model.Actions, debrief.PlanRow{})
		p.changed()
		p.fill()
	})
	objs = append(objs, container.NewBorder(nil, nil, nil, addAction, ui.Heading(loc.T("debrief.plan_actions"))))
	if len(p.model.Actions) == 0 {
		objs = append(objs, ui.Muted(loc.T("debrief.plan_none")))
	}
	group := "\x00"
	for i, a := range p.model.Actions {
		if a.Objective != group {
			group = a.Objective
			objs = append(objs, ui.WrappedHeading(p.d.report.ObjectiveTitle(group)))
		}
		objs = append(objs, p.actionRow(i))
	}
	objs = append(objs, p.carriedSection()...)
	p.box.Objects = objs
	p.box.Refresh()
}

// carriedSection lists, read-only, the corrective actions carried over
// from earlier exercises of the organisation (the training programme);
// nothing when there are none.
func (p *planEditor) carriedSection() []fyne.CanvasObject {
	carried := p.d.data.carried
	if len(carried) == 0 {
		return nil
	}
	loc := p.d.host.Loc()
	objs := []fyne.CanvasObject{widget.NewSeparator(), ui.Heading(loc.T("programme.carried_heading"))}
	for _, c := range carried {
		what := c.What
		if c.Team != "" {
			what = c.Team + " · " + what
		}
		state := loc.T("programme.state." + strings.ReplaceAll(c.State, "-", "_"))
		objs = append(objs, ui.Panel(ui.WrappedBold(what), ui.Wrapped(c.Action),
			ui.Muted(loc.T("programme.carried_facts", "owner", c.Owner, "due", c.Due, "from", c.From, "state", state))))
	}
	return objs
}

// teamChoice is a team selector: the whole exercise, then each team.
func (p *planEditor) teamChoice(team string, set func(string)) *widget.Select {
	all := p.d.host.Loc().T("debrief.all_teams")
	sel := widget.NewSelect(append([]string{all}, p.d.teamNames()...), nil)
	sel.Selected = all
	if team != "" {
		sel.Selected = team
	}
	sel.OnChanged = func(s string) {
		if s == all {
			s = ""
		}
		set(s)
	}
	return sel
}

// itemRow is a strength or an area for improvement: its team, its text
// and a button to remove it.
func (p *planEditor) itemRow(list *[]debrief.PlanItem, i int) fyne.CanvasObject {
	it := (*list)[i]
	team := p.teamChoice(it.Team, func(s string) {
		(*list)[i].Team = s
		p.changed()
	})
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(2)
	e.Text = it.Text
	e.OnChanged = func(s string) {
		(*list)[i].Text = s
		p.changed()
	}
	remove := ui.NewIconButton("", theme.DeleteIcon(), func() {
		*list = slices.Delete(*list, i, i+1)
		p.changed()
		p.fill()
	})
	return container.NewBorder(nil, nil, container.NewVBox(container.New(&ui.MinWidth{W: 150}, team)), container.NewVBox(remove), p.overPage(e))
}

// actionRow is a corrective action as a small form: team, what it
// addresses, the action, owner and due date, the date checked as typed.
func (p *planEditor) actionRow(i int) fyne.CanvasObject {
	loc := p.d.host.Loc()
	a := p.model.Actions[i]
	r := &planActionRow{}
	r.team = p.teamChoice(a.Team, func(s string) {
		p.model.Actions[i].Team = s
		p.changed()
	})
	entry := func(text, placeholder string, multi bool, set func(string)) *widget.Entry {
		e := widget.NewEntry()
		if multi {
			e = widget.NewMultiLineEntry()
			e.Wrapping = fyne.TextWrapWord
			e.SetMinRowsVisible(2)
		}
		e.Text = text
		e.PlaceHolder = placeholder
		e.OnChanged = func(s string) {
			set(s)
			p.changed()
		}
		return e
	}
	r.what = entry(a.What, loc.T("debrief.plan_what_hint"), true, func(s string) { p.model.Actions[i].What = s })
	r.action = entry(a.Action, loc.T("debrief.plan_action_hint"), true, func(s string) { p.model.Actions[i].Action = s })
	r.owner = entry(a.Owner, loc.T("debrief.plan_owner_hint"), false, func(s string) { p.model.Actions[i].Owner = s })
	r.dueMessage = ui.Wrapped("")
	r.due = entry(a.Due, "YYYY-MM-DD", false, func(s string) {
		p.model.Actions[i].Due = s
		p.checkDue(r)
	})
	p.checkDue(r)
	r.remove = ui.NewIconButton("", theme.DeleteIcon(), func() {
		p.model.Actions = slices.Delete(p.model.Actions, i, i+1)
		p.changed()
		p.fill()
	})
	due := container.NewBorder(nil, nil, container.New(&ui.MinWidth{W: 170}, r.due), nil, r.dueMessage)
	r.objective = p.objectiveChoice(a.Objective, func(id string) {
		p.model.Actions[i].Objective = id
		p.sortActions()
		p.changed()
		p.fill() // the row moves under its objective's heading
	})
	r.status = p.statusChoice(a.Status, func(st string) {
		p.model.Actions[i].Status = st
		p.changed()
	})
	form := widget.NewForm(
		widget.NewFormItem(loc.T("debrief.plan_team"), container.NewBorder(nil, nil, container.New(&ui.MinWidth{W: 200}, r.team), r.remove)),
		widget.NewFormItem(loc.T("debrief.plan_objective"), r.objective),
		widget.NewFormItem(loc.T("debrief.plan_what"), p.overPage(r.what)),
		widget.NewFormItem(loc.T("debrief.plan_action"), p.overPage(r.action)),
		widget.NewFormItem(loc.T("debrief.plan_owner"), r.owner),
		widget.NewFormItem(loc.T("debrief.plan_due"), due),
		widget.NewFormItem(loc.T("debrief.plan_status"), container.NewHBox(container.New(&ui.MinWidth{W: 170}, r.status))),
	)
	return ui.Panel(ui.Bold(loc.T("debrief.plan_action_n", "n", i+1)), form)
}

// sortActions keeps the corrective actions grouped by objective, in the
// scenario's order, those under none last, each group in its order.
func (p *planEditor) sortActions() {
	rank := map[string]int{}
	for i, o := range p.d.report.Objectives {
		rank[o.ID] = i + 1
	}
	order := func(a debrief.PlanRow) int {
		if i, ok := rank[a.Objective]; ok {
			return i
		}
		return len(rank) + 1
	}
	slices.SortStableFunc(p.model.Actions, func(a, b debrief.PlanRow) int { return order(a) - order(b) })
}

// objectiveChoice is an objective selector: the scenario's objectives (by
// text and capability), then "under no objective".
func (p *planEditor) objectiveChoice(id string, set func(string)) *widget.Select {
	names, ids := p.objectiveNames()
	sel := widget.NewSelect(names, nil)
	if i := slices.Index(ids, id); i >= 0 {
		sel.Selected = names[i]
	} else {
		sel.Selected = names[len(names)-1]
	}
	sel.OnChanged = func(s string) {
		if i := slices.Index(names, s); i >= 0 && ids[i] != id {
			set(ids[i])
		}
	}
	return sel
}

// objectiveNames are the objective selector's choices, shortened (a
// select is as wide as its longest choice, and objectives are sentences),
// and the objective ids they stand for ("" for none, last).
func (p *planEditor) objectiveNames() (names, ids []string) {
	r := p.d.report
	n := 44
	if p.d.lang() == "zh" {
		n = 22 // a Chinese character is about twice as wide
	}
	for _, o := range r.Objectives {
		ids = append(ids, o.ID)
	}
	ids = append(ids, "")
	for i, id := range ids {
		name := ui.Shorten(r.ObjectiveTitle(id), n)
		if slices.Contains(names, name) {
			name += " (" + strconv.Itoa(i+1) + ")"
		}
		names = append(names, name)
	}
	return names, ids
}

// statusChoice is a corrective action's status selector.
func (p *planEditor) statusChoice(status string, set func(string)) *widget.Select {
	lang := p.d.lang()
	var names []string
	for _, st := range debrief.Statuses {
		names = append(names, debrief.StatusLabel(st, lang))
	}
	sel := widget.NewSelect(names, nil)
	sel.Selected = debrief.StatusLabel(status, lang)
	sel.OnChanged = func(s string) {
		if i := slices.Index(names, s); i >= 0 {
			set(debrief.Statuses[i])
		}
	}
	return sel
}

// overPage lets the mouse wheel over a text box scroll the plan.
func (p *planEditor) overPage(e *widget.Entry) fyne.CanvasObject {
	return ui.OverPage(e, func() *container.Scroll { return p.scroll })
}

// checkDue shows beside the due date whether it is a date, and the date
// it will be saved as when it was typed another way (2027/3/1).
func (p *planEditor) checkDue(r *planActionRow) {
	loc := p.d.host.Loc()
	norm, err := debrief.ParseDue(r.due.Text)
	switch {
	case err != nil:
		r.dueMessage.SetText(loc.T("debrief.plan_due_bad"))
		r.dueMessage.Importance = widget.DangerImportance
	case norm != "" && norm != r.due.Text:
		r.dueMessage.SetText(loc.T("debrief.plan_due_as", "date", norm))
		r.dueMessage.Importance = widget.MediumImportance
	default:
		r.dueMessage.SetText("")
		r.dueMessage.Importance = widget.MediumImportance
	}
	r.dueMessage.Refresh()
}

// changed marks the plan edited and saves it shortly.
func (p *planEditor) changed() {
	p.dirty = true
	p.edits++
	p.showStatus()
	p.autosave.Call(func() {
		if p.dirty {
			p.saveInBackground()
		}
	})
}

// toSave is the model as it is saved: due dates written YYYY-MM-DD (as
// debrief.Plan.Validate wants them); one that is not a date is left
// empty (and reported).
func (p *planEditor) toSave() (debrief.Plan, []int) {
	out := clonePlan(p.model)
	var bad []int
	for i, a := range out.Actions {
		norm, err := debrief.ParseDue(a.Due)
		if err != nil {
			bad = append(bad, i+1)
			norm = ""
		}
		out.Actions[i].Due = norm
	}
	return out, bad
}

// saveInBackground writes the plan as it stands to the store off the UI
// goroutine (an fsync), then says so; edits made meanwhile stay to save.
func (p *planEditor) saveInBackground() {
	p.autosave.Cancel()
	st := p.d.data.store
	if st == nil {
		p.err = ui.ErrNoStore
		p.showStatus()
		return
	}
	plan, bad := p.toSave()
	id, edits := p.d.data.id, p.edits
	ui.Then(p.d.host.Background(), func() error { return st.SavePlan(id, plan) }, func(err error) {
		if err != nil {
			p.err = err
			p.showStatus()
			return
		}
		plan.SavedAt = time.Now()
		p.d.data.plan = &plan
		p.saved, p.err, p.bad, p.when = true, nil, bad, plan.SavedAt
		p.dirty = p.edits != edits
		p.showStatus()
	})
}

// flush saves pending edits now (on leaving), off the UI goroutine as
// every save is. Leaving may be the app closing: the app waits for its
// background work before it closes the database (app.Run).
func (p *planEditor) flush() {
	if p.dirty {
		p.saveInBackground()
	}
}

func (p *planEditor) stop() {
	p.autosave.Cancel()
	p.flush()
}

func (p *planEditor) askReset() {
	loc := p.d.host.Loc()
	dialog.ShowConfirm(loc.T("debrief.plan_reset"), loc.T("debrief.plan_reset_ask"), func(ok bool) {
		if ok {
			p.reset()
		}
	}, p.d.host.Window())
}

// reset forgets the saved plan: the editor and the exports go back to the
// rows drawn from the evidence.
func (p *planEditor) reset() {
	p.autosave.Cancel()
	forget := func() {
		p.d.data.plan = nil
		p.saved, p.dirty, p.err, p.bad = false, false, nil, nil
		p.model = p.draft()
		p.fill()
		p.showStatus()
	}
	st := p.d.data.store
	if st == nil {
		forget()
		return
	}
	id := p.d.data.id
	ui.Then(p.d.host.Background(), func() error { return st.DeletePlan(id) }, func(err error) { // a write: off the UI goroutine
		if err != nil {
			p.err = err
			p.showStatus()
			return
		}
		forget()
	})
}

func (p *planEditor) showStatus() {
	if p.status == nil {
		return
	}
	loc := p.d.host.Loc()
	p.status.Importance = widget.MediumImportance
	switch {
	case p.err != nil:
		p.status.SetText(loc.T("debrief.plan_save_failed", "error", ui.ErrorText(loc, p.err)))
		p.status.Importance = widget.DangerImportance
	case p.dirty:
		p.status.SetText(loc.T("debrief.plan_unsaved"))
	case p.saved && len(p.bad) > 0:
		p.status.SetText(loc.T("debrief.plan_saved_at", "time", p.when.Format("15:04:05")) + " " +
			loc.T("debrief.plan_due_not_saved", "n", joinInts(p.bad, loc.T("debrief.list_sep"))))
		p.status.Importance = widget.WarningImportance
	case p.saved:
		p.status.SetText(loc.T("debrief.plan_saved_at", "time", p.when.Format("15:04:05")))
		p.status.Importance = widget.SuccessImportance
	default:
		p.status.SetText(loc.T("debrief.plan_draft"))
	}
	p.status.Refresh()
}

func joinInts(ns []int, sep string) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, sep)
}
