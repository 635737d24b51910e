// Package programme is the training programme screen: the exercises on
// this laptop grouped by organisation (or cohort), the same scenario and
// the same objective compared across an organisation's exercises, the
// corrective actions of their improvement plans followed from one exercise
// to the next, the next drill's date, and the programme report's exports
// (HTML, PDF, CSV). Everything is read, built and written off the UI
// goroutine; results come back through fyne.Do (ui.Do).
package programme

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// Host is what the programme screen needs from the window it is shown in.
type Host interface {
	// Window is the window; dialogs open over it.
	Window() fyne.Window
	// Loc is the localizer of the language now shown.
	Loc() *i18n.Localizer
	// Show shows a screen, or redraws it when it is the one shown.
	Show(ui.Screen)
	// Current is the screen shown now.
	Current() ui.Screen
	// Store is the database of exercises, or why there is none.
	Store() (*exercise.DB, error)
	// Background runs slow work off the UI goroutine.
	Background() func(func())
	// Today is the window's wall clock's date, YYYY-MM-DD.
	Today() string
	// ShowHome goes back to the home screen.
	ShowHome()
}

// unfiled is the list entry of the exercises filed under no organisation.
const unfiled = "\x00unfiled"

// Screen is the programme screen.
type Screen struct {
	host Host

	loaded    bool
	err       error
	exercises []exercise.Summary // newest first
	orgs      map[string]string  // exercise id → organisation
	names     []string           // organisations, sorted
	selected  string             // an organisation, or unfiled

	prog     *debrief.Programme // the selected organisation's, in progLang
	progFor  string
	progLang string
	progErr  error
	progBusy bool

	drillDraft string // the next drill entry's text, kept across a rebuild
	drillErr   string
	message    string // the last save's or export's outcome

	// saveFile asks where to save an export (the file dialog); tests
	// replace it.
	saveFile func(name string, done func(w io.WriteCloser, where string))
}

// New is the programme screen; Load reads what it shows.
func New(host Host) *Screen {
	s := &Screen{host: host}
	s.saveFile = s.fileDialog
	return s
}

// Stop does nothing: the screen runs no timers.
func (s *Screen) Stop() {}

// inBackground runs slow work through the host's background runner.
func (s *Screen) inBackground(work func()) { s.host.Background()(work) }

func (s *Screen) redraw() {
	if s.host.Current() == s {
		s.host.Show(s)
	}
}

// Load reads the exercises, their organisations and the next drills in
// the background, then the selected organisation's programme.
func (s *Screen) Load() {
	st, err := s.host.Store()
	if err != nil {
		s.loaded, s.err = true, err
		s.redraw()
		return
	}
	s.inBackground(func() {
		list, err := st.Exercises()
		var orgs map[string]string
		if err == nil {
			orgs, err = st.Organisations()
		}
		ui.Do(func() {
			s.loaded, s.err = true, err
			s.exercises, s.orgs = list, orgs
			s.names = nil
			for _, o := range orgs {
				if !slices.Contains(s.names, o) {
					s.names = append(s.names, o)
				}
			}
			slices.Sort(s.names)
			if s.selected != unfiled && !slices.Contains(s.names, s.selected) {
				s.selected = ""
				if len(s.names) > 0 {
					s.selected = s.names[0]
				} else if len(s.exercises) > 0 {
					s.selected = unfiled
				}
			}
			s.prog, s.progFor = nil, ""
			s.redraw()
			s.loadProgramme()
		})
	})
}

// Select shows the organisation org (or unfiled).
func (s *Screen) Select(org string) {
	if org == s.selected {
		return
	}
	s.selected, s.drillDraft, s.drillErr, s.message = org, "", "", ""
	s.redraw()
	s.loadProgramme()
}

// loadProgramme builds the selected organisation's programme in the UI
// language in the background (it folds every exercise's log).
func (s *Screen) loadProgramme() {
	org, lang := s.selected, s.host.Loc().Lang().String()
	if org == "" || org == unfiled || s.progBusy || (s.progFor == org && s.progLang == lang && s.prog != nil) {
		return
	}
	st, err := s.host.Store()
	if err != nil {
		s.progErr = err
		return
	}
	s.progBusy = true
	today := s.host.Today()
	s.inBackground(func() {
		p, err := st.Programme(org, lang, today)
		ui.Do(func() {
			s.progBusy = false
			s.prog, s.progFor, s.progLang, s.progErr = p, org, lang, err
			if s.selected != org || s.host.Loc().Lang().String() != lang {
				s.loadProgramme() // the choice or the language changed meanwhile
			}
			s.redraw()
		})
	})
}

// Build draws the screen in the host's language.
func (s *Screen) Build() fyne.CanvasObject {
	loc := s.host.Loc()
	back := ui.NewIconButton(loc.T("programme.back"), theme.NavigateBackIcon(), s.host.ShowHome)
	title := ui.Heading(loc.T("programme.title"))
	title.Truncation = fyne.TextTruncateEllipsis
	head := container.NewPadded(container.NewBorder(nil, nil, nil, back, title))
	switch {
	case !s.loaded:
		return container.NewBorder(head, nil, nil, nil, container.NewPadded(ui.Muted(loc.T("home.loading"))))
	case s.err != nil:
		l := ui.Wrapped(ui.ErrorText(loc, s.err))
		l.Importance = widget.DangerImportance
		return container.NewBorder(head, nil, nil, nil, container.NewPadded(l))
	case len(s.exercises) == 0:
		return container.NewBorder(head, nil, nil, nil, container.NewPadded(ui.Wrapped(loc.T("programme.empty"))))
	}
	if s.prog == nil || s.progLang != loc.Lang().String() {
		s.loadProgramme()
	}
	return container.NewBorder(head, nil, s.sidebar(), nil, s.detail())
}

// sidebar lists the organisations and the exercises filed under none.
func (s *Screen) sidebar() fyne.CanvasObject {
	loc := s.host.Loc()
	box := container.NewVBox(ui.Bold(loc.T("programme.organisations")))
	count := map[string]int{}
	for _, e := range s.exercises {
		count[s.orgs[e.ID]]++
	}
	item := func(key, label string, n int) {
		b := ui.NewButton(loc.T("programme.org_item", "name", label, "n", n), func() { s.Select(key) })
		b.Alignment = widget.ButtonAlignLeading
		if key == s.selected {
			b.Importance = widget.HighImportance
		}
		box.Add(b)
	}
	if len(s.names) == 0 {
		box.Add(ui.Muted(loc.T("programme.no_organisations")))
	}
	for _, o := range s.names {
		item(o, o, count[o])
	}
	if count[""] > 0 {
		box.Add(widget.NewSeparator())
		item(unfiled, loc.T("programme.unfiled"), count[""])
	}
	return ui.Column(230, container.NewVScroll(container.NewPadded(box)))
}

// detail is the selected organisation's programme, or the unfiled list.
func (s *Screen) detail() fyne.CanvasObject {
	loc := s.host.Loc()
	var objs []fyne.CanvasObject
	if s.message != "" {
		objs = append(objs, ui.IconLine(theme.InfoIcon(), s.message))
	}
	if s.selected == unfiled {
		objs = append(objs, ui.Heading(loc.T("programme.unfiled")), ui.Wrapped(loc.T("programme.unfiled_help")))
		for _, e := range s.exercises {
			if s.orgs[e.ID] == "" {
				objs = append(objs, s.exerciseRow(e, nil))
			}
		}
		return ui.Scroller(900, objs...)
	}
	objs = append(objs, ui.WrappedHeading(s.selected))
	objs = append(objs, s.drillRow())
	switch {
	case s.progErr != nil && !s.progBusy:
		l := ui.Wrapped(ui.ErrorText(loc, s.progErr))
		l.Importance = widget.DangerImportance
		objs = append(objs, l)
	case s.prog == nil || s.progFor != s.selected || s.progLang != loc.Lang().String():
		objs = append(objs, ui.Muted(loc.T("home.loading")))
	default:
		objs = append(objs, s.programme()...)
	}
	return ui.Scroller(900, objs...)
}

// drillRow is the next drill's date, editable, with its exports beside.
func (s *Screen) drillRow() fyne.CanvasObject {
	loc := s.host.Loc()
	entry := widget.NewEntry()
	entry.SetPlaceHolder(loc.T("programme.drill_placeholder"))
	text := s.drillDraft
	if text == "" && s.prog != nil && s.progFor == s.selected {
		text = s.prog.NextDrill
	}
	entry.SetText(text)
	entry.OnChanged = func(v string) { s.drillDraft = v }
	save := ui.NewButton(loc.T("programme.drill_save"), func() { s.saveDrill(entry.Text) })
	entry.OnSubmitted = func(v string) { s.saveDrill(v) }
	when := ""
	if s.prog != nil && s.progFor == s.selected {
		when = debrief.NextDrillText(loc.Lang().String(), s.prog.NextDrill, s.prog.Today)
	}
	field := container.NewGridWrap(fyne.NewSize(150, entry.MinSize().Height), entry)
	objs := []fyne.CanvasObject{container.NewHBox(ui.Bold(loc.T("programme.next_drill")), field, save, container.NewCenter(ui.Bold(when)))}
	if s.drillErr != "" {
		l := ui.Wrapped(s.drillErr)
		l.Importance = widget.DangerImportance
		objs = append(objs, l)
	}
	exports := container.NewHBox(container.NewCenter(ui.Faint(loc.T("programme.export"), fyne.TextAlignTrailing)))
	for _, f := range exportFormats {
		b := ui.NewButton(loc.T(f.label), func() { s.export(f) })
		if s.prog == nil || s.progFor != s.selected {
			b.Disable()
		}
		exports.Add(b)
	}
	objs = append(objs, exports)
	return container.NewVBox(objs...)
}

// saveDrill stores the next drill's date as typed, in the background.
func (s *Screen) saveDrill(text string) {
	st, err := s.host.Store()
	if err != nil {
		s.drillErr = ui.ErrorText(s.host.Loc(), err)
		s.redraw()
		return
	}
	org := s.selected
	ui.Then(s.host.Background(), func() error { return st.SetNextDrill(org, text) }, func(err error) {
		loc := s.host.Loc()
		if err != nil {
			s.drillErr = loc.T("programme.drill_bad")
			if !errors.Is(err, debrief.ErrDueDate) {
				s.drillErr = ui.ErrorText(loc, err)
			}
			s.redraw()
			return
		}
		s.drillErr, s.drillDraft = "", ""
		s.message = loc.T("programme.drill_saved")
		s.prog = nil // read again, with the new date
		s.loadProgramme()
		s.redraw()
	})
}

// programme draws the selected organisation's exercises, comparisons and
// corrective actions.
func (s *Screen) programme() []fyne.CanvasObject {
	loc := s.host.Loc()
	p := s.prog
	var objs []fyne.CanvasObject

	// Exercises over time, each with what it took over.
	objs = append(objs, widget.NewSeparator(), ui.Heading(loc.T("programme.exercises")))
	for i := len(p.Exercises) - 1; i >= 0; i-- {
		e := p.Exercises[i]
		sum := s.summary(e.ID)
		if sum == nil {
			continue
		}
		objs = append(objs, s.exerciseRow(*sum, &e))
	}

	// The same scenario compared.
	dims := p.Dimensions
	dimNames := make([]string, len(dims))
	for i, d := range dims {
		dimNames[i] = ui.DimensionName(loc, d)
	}
	objs = append(objs, widget.NewSeparator(), ui.Heading(loc.T("programme.scenarios")))
	for _, sc := range p.Scenarios {
		var series []ui.ScoreSeries
		for j, d := range dims {
			ss := ui.ScoreSeries{Team: dimNames[j], Color: j, Values: map[string]float64{}}
			for _, id := range sc.Exercises {
				if v, ok := p.Exercise(id).Scores[d]; ok {
					ss.Values[id] = v
				}
			}
			series = append(series, ss)
		}
		objs = append(objs, ui.Bold(loc.T("programme.scenario_chart", "scenario", sc.Scenario)),
			ui.TeamLegend(dimNames),
			ui.NewScoreChart(sc.Exercises, p.ExerciseLabel, series, 220))
	}

	// The same objective compared.
	objs = append(objs, widget.NewSeparator(), ui.Heading(loc.T("programme.objectives")))
	if len(p.Objectives) == 0 {
		objs = append(objs, ui.Muted(loc.T("programme.no_objectives")))
	}
	for _, o := range p.Objectives {
		ss := ui.ScoreSeries{Team: loc.T("programme.share"), Values: map[string]float64{}}
		var groups []string
		for _, pt := range o.Points {
			groups = append(groups, pt.Exercise)
			ss.Values[pt.Exercise] = pt.Share
		}
		objs = append(objs, ui.WrappedBold(o.Text), ui.Muted(loc.T("programme.objective_help")),
			ui.NewScoreChart(groups, p.ExerciseLabel, []ui.ScoreSeries{ss}, 150))
		for _, pt := range o.Points {
			row := container.NewHBox(ui.Bold(p.ExerciseLabel(pt.Exercise)))
			for _, r := range pt.Ratings {
				row.Add(ui.RatingBadge(r.Rating))
				name := r.Team
				if r.Suggested {
					name = loc.T("programme.suggested", "team", r.Team)
				}
				row.Add(widget.NewLabel(name))
			}
			objs = append(objs, row)
		}
	}

	// The corrective actions.
	objs = append(objs, widget.NewSeparator(), ui.Heading(loc.T("programme.actions")))
	if len(p.Actions) == 0 {
		objs = append(objs, ui.Muted(loc.T("programme.no_actions")))
	} else {
		objs = append(objs, ui.Wrapped(loc.T("programme.action_counts", "n", len(p.Actions),
			"done", p.Counts[debrief.ActionDone], "progress", p.Counts[debrief.ActionInProgress],
			"overdue", p.Counts[debrief.ActionOverdue], "open", p.Counts[debrief.ActionOpen])))
	}
	for _, a := range p.Actions {
		objs = append(objs, s.actionCard(a))
	}
	objs = append(objs, ui.Muted(loc.T("programme.rule")))
	return objs
}

// actionCard is one corrective action in the tracker.
func (s *Screen) actionCard(a debrief.TrackedAction) fyne.CanvasObject {
	loc := s.host.Loc()
	p := s.prog
	state := widget.NewLabel(StateName(loc, a.State))
	state.TextStyle.Bold = true
	switch a.State {
	case debrief.ActionOverdue:
		state.Importance = widget.DangerImportance
	case debrief.ActionDone:
		state.Importance = widget.SuccessImportance
	case debrief.ActionInProgress:
		state.Importance = widget.HighImportance
	}
	what := a.What
	if a.Team != "" {
		what = a.Team + " · " + what
	}
	lines := []fyne.CanvasObject{
		container.NewBorder(nil, nil, nil, state, ui.WrappedBold(what)),
		ui.Wrapped(a.Action),
	}
	owner, due := a.Owner, a.Due
	if owner == "" {
		owner = "—"
	}
	if due == "" {
		due = "—"
	}
	lines = append(lines, ui.Muted(loc.T("programme.action_facts", "owner", owner, "due", due, "from", p.ExerciseLabel(a.Exercise))))
	var follow []string
	if len(a.CarriedTo) > 0 {
		var to []string
		for _, id := range a.CarriedTo {
			to = append(to, p.ExerciseLabel(id))
		}
		follow = append(follow, loc.T("programme.carried_to", "exercises", ui.ListJoin(loc, to)))
	}
	var hist []string
	for _, h := range a.History {
		hist = append(hist, loc.T("programme.history_step", "date", h.Date, "status", StateName(loc, h.Status)))
	}
	if len(hist) > 0 {
		follow = append(follow, loc.T("programme.history", "steps", strings.Join(hist, loc.T("programme.history_sep"))))
	}
	if len(follow) > 0 {
		lines = append(lines, ui.Muted(strings.Join(follow, " · ")))
	}
	return ui.Panel(lines...)
}

// StateName names a corrective action's tracker state in the UI language.
func StateName(loc *i18n.Localizer, state string) string {
	return loc.T("programme.state." + strings.ReplaceAll(state, "-", "_"))
}

// summary is the exercise with the id, or nil.
func (s *Screen) summary(id string) *exercise.Summary {
	for i := range s.exercises {
		if s.exercises[i].ID == id {
			return &s.exercises[i]
		}
	}
	return nil
}

// exerciseRow is one exercise: its scenario and date, its teams' mean
// overall score and what it took over (when e is given), and a button to
// file it under an organisation.
func (s *Screen) exerciseRow(sum exercise.Summary, e *debrief.ProgrammeExercise) fyne.CanvasObject {
	loc := s.host.Loc()
	lang := loc.Lang().String()
	title := sum.Title.Get(lang)
	date := sum.CreatedAt.Format("2006-01-02")
	if e != nil {
		date = e.Label
	}
	org := ui.NewButton(loc.T("programme.file_under"), func() { s.askOrganisation(sum.ID) })
	facts := loc.T("home.resume_teams", "teams", ui.ListJoin(loc, sum.Teams))
	if e != nil {
		if v, ok := e.Scores["overall"]; ok {
			facts += " · " + loc.T("programme.mean_overall", "score", debrief.Number(v))
		}
	}
	lines := []fyne.CanvasObject{
		container.NewBorder(nil, nil, nil, container.NewVBox(org), container.NewVBox(
			ui.WrappedBold(loc.T("programme.exercise_title", "date", date, "scenario", title)), ui.Muted(facts))),
	}
	if e != nil {
		if n := len(s.prog.Carried[e.ID]); n > 0 {
			var items []string
			for _, c := range s.prog.Carried[e.ID] {
				items = append(items, loc.T("programme.carried_item", "what", s.prog.Actions[c.Action].What, "status", StateName(loc, c.Status)))
			}
			lines = append(lines, ui.Wrapped(loc.T("programme.carried_in", "n", n, "items", strings.Join(items, loc.T("programme.history_sep")))))
		}
	}
	return ui.Panel(lines...)
}

// askOrganisation asks which organisation the exercise is filed under.
func (s *Screen) askOrganisation(id string) {
	ui.AskOrganisation(s.host.Window(), s.host.Loc(), s.names, s.orgs[id], func(org string) { s.setOrganisation(id, org) })
}

// setOrganisation files the exercise in the background, then reloads.
func (s *Screen) setOrganisation(id, org string) {
	st, err := s.host.Store()
	if err != nil {
		s.message = ui.ErrorText(s.host.Loc(), err)
		s.redraw()
		return
	}
	ui.Then(s.host.Background(), func() error { return st.SetOrganisation(id, org) }, func(err error) {
		loc := s.host.Loc()
		if err != nil {
			s.message = ui.OrganisationError(loc, err)
			s.redraw()
			return
		}
		if org != "" {
			s.selected = org
			s.message = loc.T("programme.org_saved", "name", org)
		} else {
			s.message = loc.T("programme.org_cleared")
		}
		s.Load()
	})
}

// exportFormat is a format of the programme report.
type exportFormat struct{ id, ext, label string }

var exportFormats = []exportFormat{
	{"html", ".html", "debrief.export_html"},
	{"pdf", ".pdf", "debrief.export_pdf"},
	{"csv", ".csv", "debrief.export_csv"},
}

// Render is the programme report in the format id (html, pdf, csv).
func Render(p *debrief.Programme, id string) ([]byte, error) {
	switch id {
	case "html":
		return debrief.ProgrammeHTML(p), nil
	case "pdf":
		return debrief.ProgrammePDF(p)
	case "csv":
		return debrief.ProgrammeCSV(p), nil
	}
	return nil, fmt.Errorf("programme: no format %q", id)
}

// FileName is the export's suggested file name.
func FileName(p *debrief.Programme, ext string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '-'
		}
		return r
	}, p.Organisation)
	return "programme-" + strings.ReplaceAll(name, " ", "-") + "-" + p.Today + ext
}

// export asks where to save the report, then renders and writes it in
// the background.
func (s *Screen) export(f exportFormat) {
	p := s.prog
	if p == nil {
		return
	}
	s.saveFile(FileName(p, f.ext), func(w io.WriteCloser, where string) {
		s.inBackground(func() {
			data, err := Render(p, f.id)
			if err == nil {
				_, err = w.Write(data)
			}
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			ui.Do(func() {
				loc := s.host.Loc()
				if err != nil {
					s.message = loc.T("debrief.export_failed", "error", ui.ErrorText(loc, err))
				} else {
					s.message = loc.T("programme.exported", "path", where)
				}
				s.redraw()
			})
		})
	})
}

// fileDialog is the save dialog.
func (s *Screen) fileDialog(name string, done func(w io.WriteCloser, where string)) {
	ui.SaveFile(s.host.Window(), s.host.Loc(), name, "debrief.export_failed", done)
}
