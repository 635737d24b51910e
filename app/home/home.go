// Package home is the home screen and what it leads to about scenario
// files: the built-in scenarios, the facilitator's own scenario files and
// the exercises that can be resumed; the findings of a scenario file; the
// reading of those files (UserScenario).
package home

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Host is what the home screen needs from the window it is shown in: what
// to list, and where its buttons lead.
type Host interface {
	// Loc is the localizer of the language now shown.
	Loc() *i18n.Localizer
	// Lists is what the home screen lists, as loaded so far; it is read
	// at each drawing.
	Lists() Lists
	// ShowHome shows the home screen afresh: the way back from the
	// screens it leads to.
	ShowHome()
	// ShowSetup opens the setup form with a scenario chosen.
	ShowSetup(e library.Entry)
	// ShowBranchMap shows a scenario's branch map; back leaves it.
	ShowBranchMap(sc *scenario.Scenario, back func())
	// ShowFindings shows what is wrong with a scenario file; back leaves
	// it.
	ShowFindings(u UserScenario, back func())
	// ShowNewScenario opens the new-scenario wizard with e as the
	// template.
	ShowNewScenario(e library.Entry)
	// ShowAuthoring shows a user scenario file watched as it is edited.
	ShowAuthoring(file string)
	// OpenScenarioFile asks for a scenario file with the file dialog and
	// goes on with it.
	OpenScenarioFile()
	// ResumeExercise goes back to an unfinished exercise.
	ResumeExercise(id string)
	// ShowHistory shows every exercise on this laptop.
	ShowHistory()
	// ShowProgramme shows the training programme: the exercises by
	// organisation, compared over time.
	ShowProgramme()
	// ShowJoin opens the join screen of a team laptop (offered only when
	// Lists says this build can join).
	ShowJoin()
}

// Lists is what the home screen lists, as the window loaded it in the
// background.
type Lists struct {
	// Loaded is false until the window has read the store and the
	// scenarios; the screen shows a loading line until then.
	Loaded       bool
	Scenarios    []library.Entry // the built-in scenarios
	ScenariosErr error           // some built-in scenarios did not load
	// UserDir is the folder of the facilitator's own scenario files ("" for
	// none); User are its files, usable or not, and UserErr says why the
	// folder could not be read.
	UserDir    string
	User       []UserScenario
	UserErr    error
	Opened     []library.Entry    // files opened with the file dialog this session
	Unfinished []exercise.Summary // the exercises that can be resumed
	// Hosted are the unfinished exercises that were served to team
	// laptops, by id: resuming serves them again.
	Hosted    map[string]bool
	Exercises int // how many exercises the store holds
	// Reminders are the organisations' next drills within
	// debrief.DrillSoon days or past, soonest first.
	Reminders []exercise.Reminder
	StoreErr  error // the store could not be opened or read
	CanJoin   bool  // this build can join an exercise as a team laptop
}

// Screen lists the built-in scenarios, the facilitator's own scenario
// files (from the user folder, or opened with the file dialog) and the
// exercises that can be resumed. It draws from what the window loaded in
// the background and shows a loading line until then.
type Screen struct {
	host  Host
	lists Lists // what Build drew
}

// New is the home screen of a window.
func New(host Host) *Screen { return &Screen{host: host} }

// Stop does nothing: the home screen runs no timers.
func (h *Screen) Stop() {}

// Build draws the lists as the host has them now.
func (h *Screen) Build() fyne.CanvasObject {
	loc, host := h.host.Loc(), h.host
	h.lists = host.Lists()

	scenarios := container.NewVBox(ui.Heading(loc.T("home.scenarios")))
	side := container.NewVBox()
	if h.lists.CanJoin {
		// A team laptop starts here: one button, at the top, in reach of
		// someone told "open Firebreak and join".
		join := ui.NewIconButton(loc.T("lan.join.title"), theme.LoginIcon(), host.ShowJoin)
		join.Importance = widget.HighImportance
		side.Add(ui.Panel(ui.Bold(loc.T("lan.join.home_title")), ui.Wrapped(loc.T("lan.join.home_help")), container.NewHBox(join)))
		side.Add(widget.NewSeparator())
	}
	if h.lists.Loaded {
		// A drill near or past is the first thing the facilitator sees.
		for _, r := range h.lists.Reminders {
			side.Add(reminder(loc, r, host.ShowProgramme))
		}
	}
	side.Add(ui.Heading(loc.T("home.resume")))
	switch {
	case !h.lists.Loaded:
		scenarios.Add(ui.Muted(loc.T("home.loading")))
		side.Add(ui.Muted(loc.T("home.loading")))
	default:
		h.addScenarios(scenarios)
		h.addResumable(side)
		side.Add(widget.NewSeparator())
		h.addHistory(side)
		side.Add(widget.NewSeparator())
		h.addProgramme(side)
		// The user's own files go in the right column, where a broken
		// one is seen without scrolling past every built-in scenario.
		side.Add(widget.NewSeparator())
		h.addUserScenarios(side)
	}
	cols := container.NewGridWithColumns(2,
		container.NewVScroll(container.NewPadded(scenarios)),
		container.NewVScroll(container.NewPadded(side)))
	return cols
}

func (h *Screen) addScenarios(box *fyne.Container) {
	loc, ls := h.host.Loc(), h.lists
	lang := loc.Lang().String()
	if ls.ScenariosErr != nil {
		l := ui.Wrapped(loc.T("home.error.scenarios", "error", problemsText(loc, ls.ScenariosErr)))
		l.Importance = widget.DangerImportance
		box.Add(l)
	}
	if len(ls.Scenarios) == 0 && ls.ScenariosErr == nil {
		box.Add(ui.Muted(loc.T("home.no_scenarios")))
	}
	for _, e := range ls.Scenarios {
		box.Add(h.scenarioCard(e, nil, lang))
	}
}

// scenarioCard shows a playable scenario: title, kind, duration, summary,
// and buttons for its branch map and for setting up an exercise. For a user
// file (u non-nil) with warnings, a button leads to them.
func (h *Screen) scenarioCard(e library.Entry, u *UserScenario, lang string) fyne.CanvasObject {
	loc, host := h.host.Loc(), h.host
	sc := e.Scenario
	title := ui.WrappedHeading(sc.Title.Get(lang)) // a long title must not widen the window
	objs := []fyne.CanvasObject{title}
	facts := ui.KindName(loc, sc.Kind) + " · " + ui.Minutes(loc, sc.Duration)
	for _, c := range sc.Cuts() { // its shorter versions, chosen at setup
		facts += " · " + loc.T("home.cut_minutes", "n", c.Minutes)
	}
	if !e.Builtin() {
		facts += " · " + filepath.Base(e.File)
	}
	objs = append(objs, ui.Muted(facts))
	if s := strings.TrimSpace(sc.Summary.Get(lang)); s != "" {
		objs = append(objs, ui.Wrapped(s))
	}
	// Authoring: a copy of this scenario to edit, and for a user file the
	// view that checks it as it is edited.
	authoringRow := container.NewHBox(ui.Spacer())
	if u != nil {
		file := u.Entry.File
		edit := ui.NewIconButton(loc.T("wizard.edit"), theme.DocumentIcon(), func() { host.ShowAuthoring(file) })
		edit.Importance = widget.LowImportance
		authoringRow.Add(edit)
	}
	newFrom := ui.NewIconButton(loc.T("wizard.from_template"), theme.ContentAddIcon(), func() { host.ShowNewScenario(e) })
	newFrom.Importance = widget.LowImportance
	authoringRow.Add(newFrom)
	objs = append(objs, authoringRow)
	buttons := container.NewHBox(ui.Spacer())
	if u != nil && len(u.Problems) > 0 {
		warn := ui.NewIconButton(loc.T("home.warnings", "n", len(u.Problems)), theme.WarningIcon(),
			func() { host.ShowFindings(*u, host.ShowHome) })
		warn.Importance = widget.LowImportance
		buttons.Add(warn)
	}
	branchMap := ui.NewIconButton(loc.T("home.branch_map"), theme.GridIcon(),
		func() { host.ShowBranchMap(sc, host.ShowHome) })
	setup := ui.NewIconButton(loc.T("home.setup"), theme.NavigateNextIcon(), func() { host.ShowSetup(e) })
	setup.Importance = widget.HighImportance
	buttons.Add(branchMap)
	buttons.Add(setup)
	objs = append(objs, buttons)
	return ui.Panel(objs...)
}

// addUserScenarios lists the scenario files of the user folder and those
// opened this session: usable ones as cards like the built-ins, broken ones
// with a button to their findings.
func (h *Screen) addUserScenarios(box *fyne.Container) {
	loc, host, ls := h.host.Loc(), h.host, h.lists
	lang := loc.Lang().String()
	box.Add(ui.Heading(loc.T("home.user_scenarios")))
	if dir := ls.UserDir; dir != "" {
		hint := ui.Wrapped(loc.T("home.user_folder", "dir", dir))
		hint.Selectable = true // so the path can be copied into a file manager
		box.Add(hint)
	}
	box.Add(container.NewHBox(ui.NewIconButton(loc.T("home.open_file"), theme.FolderOpenIcon(), host.OpenScenarioFile)))
	if ls.UserErr != nil {
		l := ui.Wrapped(loc.T("home.error.user_dir", "error", ui.ErrorText(loc, ls.UserErr)))
		l.Importance = widget.DangerImportance
		box.Add(l)
	}
	seen := map[string]bool{}
	for _, u := range ls.User {
		seen[u.Entry.File] = true
		if u.OK() {
			box.Add(h.scenarioCard(u.Entry, &u, lang))
			continue
		}
		n := len(u.Problems.Errors())
		if u.Err != nil {
			n++
		}
		msg := ui.Wrapped(loc.T("home.broken", "n", n))
		msg.Importance = widget.DangerImportance
		show := ui.NewIconButton(loc.T("home.show_problems"), theme.ErrorIcon(), func() { host.ShowFindings(u, host.ShowHome) })
		file := u.Entry.File
		edit := ui.NewIconButton(loc.T("wizard.edit"), theme.DocumentIcon(), func() { host.ShowAuthoring(file) })
		box.Add(ui.Panel(ui.WrappedHeading(filepath.Base(u.Entry.File)), ui.Muted(u.Entry.File), msg, container.NewHBox(ui.Spacer(), edit, show)))
	}
	for _, e := range ls.Opened {
		if !seen[e.File] {
			box.Add(h.scenarioCard(e, nil, lang))
		}
	}
	if len(ls.User) == 0 && len(ls.Opened) == 0 && ls.UserErr == nil {
		box.Add(ui.Muted(loc.T("home.no_user_scenarios")))
	}
}

func (h *Screen) addResumable(box *fyne.Container) {
	loc, host, ls := h.host.Loc(), h.host, h.lists
	if ls.StoreErr != nil {
		l := ui.Wrapped(loc.T("home.error.store", "error", ui.ErrorText(loc, ls.StoreErr)))
		l.Importance = widget.DangerImportance
		box.Add(l)
		return
	}
	if len(ls.Unfinished) == 0 {
		box.Add(ui.Muted(loc.T("home.no_unfinished")))
		return
	}
	for _, ex := range ls.Unfinished {
		id := ex.ID
		resume := ui.NewIconButton(loc.T("home.resume_button"), theme.MediaPlayIcon(), func() { host.ResumeExercise(id) })
		objs := []fyne.CanvasObject{
			ui.WrappedBold(ui.ExerciseTitle(ex, loc.Lang().String())), // a long title must not widen the window
			ui.Wrapped(loc.T("home.resume_teams", "teams", ui.ListJoin(loc, ex.Teams))),
			ui.Muted(loc.T("home.resume_clock", "clock", debrief.Clock(ex.Clock),
				"when", ex.UpdatedAt.Local().Format("2006-01-02 15:04"))),
		}
		if ls.Hosted[id] {
			objs = append(objs, ui.IconLine(theme.ComputerIcon(), loc.T("home.resume_hosted")))
		}
		box.Add(ui.Panel(append(objs, container.NewHBox(ui.Spacer(), resume))...))
	}
}

// addHistory leads to every exercise on this laptop (the history screen).
func (h *Screen) addHistory(box *fyne.Container) {
	loc, host, ls := h.host.Loc(), h.host, h.lists
	history := ui.NewIconButton(loc.T("home.history_button"), theme.HistoryIcon(), host.ShowHistory)
	box.Add(ui.Heading(loc.T("home.history")))
	if ls.StoreErr != nil {
		history.Disable()
		return
	}
	if ls.Exercises == 0 {
		box.Add(ui.Muted(loc.T("home.history_none")))
		history.Disable()
	} else if ls.Exercises == 1 {
		box.Add(ui.Wrapped(loc.T("home.history_count_one")))
	} else {
		box.Add(ui.Wrapped(loc.T("home.history_count", "n", ls.Exercises)))
	}
	box.Add(container.NewHBox(history))
}
