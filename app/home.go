package app

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/lan"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// homeScreen lists the built-in scenarios, the facilitator's own scenario
// files (from the user folder, or opened with the file dialog) and the
// exercises that can be resumed. It draws from what the shell loaded in the
// background and shows a loading line until then.
type homeScreen struct {
	sh *shell

	// Kept for tests.
	scenariosHeading *widget.Label
	userHeading      *widget.Label
	resumeHeading    *widget.Label
	openButton       *ui.KeyButton
	setupButtons     map[string]*ui.KeyButton // by scenario file (library.Entry.File)
	mapButtons       map[string]*ui.KeyButton // by scenario file
	problemButtons   map[string]*ui.KeyButton // by scenario file, for files with findings
	resumeButtons    map[string]*ui.KeyButton // by exercise id
	historyButton    *ui.KeyButton
	joinButton       *ui.KeyButton // nil when this build cannot join
}

func newHomeScreen(sh *shell) *homeScreen { return &homeScreen{sh: sh} }

func (h *homeScreen) Stop() {}

func (h *homeScreen) Build() fyne.CanvasObject {
	loc, sh := h.sh.loc, h.sh
	h.setupButtons = map[string]*ui.KeyButton{}
	h.mapButtons = map[string]*ui.KeyButton{}
	h.problemButtons = map[string]*ui.KeyButton{}
	h.resumeButtons = map[string]*ui.KeyButton{}
	h.scenariosHeading = ui.Heading(loc.T("home.scenarios"))
	h.userHeading = ui.Heading(loc.T("home.user_scenarios"))
	h.resumeHeading = ui.Heading(loc.T("home.resume"))
	h.openButton = ui.NewIconButton(loc.T("home.open_file"), theme.FolderOpenIcon(), sh.openScenarioFile)

	scenarios := container.NewVBox(h.scenariosHeading)
	side := container.NewVBox()
	h.joinButton = nil
	if sh.deps.join != nil {
		// A team laptop starts here: one button, at the top, in reach of
		// someone told "open Firebreak and join".
		h.joinButton = ui.NewIconButton(loc.T("lan.join.title"), theme.LoginIcon(), sh.showJoin)
		h.joinButton.Importance = widget.HighImportance
		side.Add(ui.Panel(ui.Bold(loc.T("lan.join.home_title")), ui.Wrapped(loc.T("lan.join.home_help")), container.NewHBox(h.joinButton)))
		side.Add(widget.NewSeparator())
	}
	side.Add(h.resumeHeading)
	switch {
	case !sh.loaded:
		scenarios.Add(ui.Muted(loc.T("home.loading")))
		side.Add(ui.Muted(loc.T("home.loading")))
	default:
		h.addScenarios(scenarios)
		h.addResumable(side)
		side.Add(widget.NewSeparator())
		h.addHistory(side)
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

func (h *homeScreen) addScenarios(box *fyne.Container) {
	loc, sh := h.sh.loc, h.sh
	lang := loc.Lang().String()
	if sh.scenariosErr != nil {
		l := ui.Wrapped(loc.T("home.error.scenarios", "error", problemsText(loc, sh.scenariosErr)))
		l.Importance = widget.DangerImportance
		box.Add(l)
	}
	if len(sh.scenarios) == 0 && sh.scenariosErr == nil {
		box.Add(ui.Muted(loc.T("home.no_scenarios")))
	}
	for _, e := range sh.scenarios {
		box.Add(h.scenarioCard(e, nil, lang))
	}
}

// scenarioCard shows a playable scenario: title, kind, duration, summary,
// and buttons for its branch map and for setting up an exercise. For a user
// file (u non-nil) with warnings, a button leads to them.
func (h *homeScreen) scenarioCard(e library.Entry, u *userScenario, lang string) fyne.CanvasObject {
	loc, sh := h.sh.loc, h.sh
	sc := e.Scenario
	title := ui.WrappedHeading(sc.Title.Get(lang)) // a long title must not widen the window
	objs := []fyne.CanvasObject{title}
	facts := ui.KindName(loc, sc.Kind) + " · " + ui.Minutes(loc, sc.Duration)
	if !e.Builtin() {
		facts += " · " + filepath.Base(e.File)
	}
	objs = append(objs, ui.Muted(facts))
	if s := strings.TrimSpace(sc.Summary.Get(lang)); s != "" {
		objs = append(objs, ui.Wrapped(s))
	}
	buttons := container.NewHBox(ui.Spacer())
	if u != nil && len(u.Problems) > 0 {
		warn := ui.NewIconButton(loc.T("home.warnings", "n", len(u.Problems)), theme.WarningIcon(),
			func() { sh.showFindings(*u, sh.showHome) })
		warn.Importance = widget.LowImportance
		h.problemButtons[e.File] = warn
		buttons.Add(warn)
	}
	branchMap := ui.NewIconButton(loc.T("home.branch_map"), theme.GridIcon(),
		func() { sh.showBranchMap(sc, nil, sh.showHome) })
	setup := ui.NewIconButton(loc.T("home.setup"), theme.NavigateNextIcon(), func() { sh.showSetup(e) })
	setup.Importance = widget.HighImportance
	h.mapButtons[e.File] = branchMap
	h.setupButtons[e.File] = setup
	buttons.Add(branchMap)
	buttons.Add(setup)
	objs = append(objs, buttons)
	return ui.Panel(objs...)
}

// addUserScenarios lists the scenario files of the user folder and those
// opened this session: usable ones as cards like the built-ins, broken ones
// with a button to their findings.
func (h *homeScreen) addUserScenarios(box *fyne.Container) {
	loc, sh := h.sh.loc, h.sh
	lang := loc.Lang().String()
	box.Add(h.userHeading)
	if dir := sh.deps.userDir; dir != "" {
		hint := ui.Wrapped(loc.T("home.user_folder", "dir", dir))
		hint.Selectable = true // so the path can be copied into a file manager
		box.Add(hint)
	}
	box.Add(container.NewHBox(h.openButton))
	if sh.userErr != nil {
		l := ui.Wrapped(loc.T("home.error.user_dir", "error", sh.userErr.Error()))
		l.Importance = widget.DangerImportance
		box.Add(l)
	}
	seen := map[string]bool{}
	for _, u := range sh.user {
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
		show := ui.NewIconButton(loc.T("home.show_problems"), theme.ErrorIcon(), func() { sh.showFindings(u, sh.showHome) })
		h.problemButtons[u.Entry.File] = show
		box.Add(ui.Panel(ui.Heading(filepath.Base(u.Entry.File)), ui.Muted(u.Entry.File), msg, container.NewHBox(ui.Spacer(), show)))
	}
	for _, e := range sh.opened {
		if !seen[e.File] {
			box.Add(h.scenarioCard(e, nil, lang))
		}
	}
	if len(sh.user) == 0 && len(sh.opened) == 0 && sh.userErr == nil {
		box.Add(ui.Muted(loc.T("home.no_user_scenarios")))
	}
}

func (h *homeScreen) addResumable(box *fyne.Container) {
	loc, sh := h.sh.loc, h.sh
	if sh.storeErr != nil {
		l := ui.Wrapped(loc.T("home.error.store", "error", ui.ErrorText(loc, sh.storeErr)))
		l.Importance = widget.DangerImportance
		box.Add(l)
		return
	}
	if len(sh.unfinished) == 0 {
		box.Add(ui.Muted(loc.T("home.no_unfinished")))
		return
	}
	for _, ex := range sh.unfinished {
		id := ex.ID
		resume := ui.NewIconButton(loc.T("home.resume_button"), theme.MediaPlayIcon(), func() { sh.resumeExercise(id) })
		h.resumeButtons[id] = resume
		objs := []fyne.CanvasObject{
			ui.Bold(ui.ExerciseTitle(ex, loc.Lang().String())),
			ui.Wrapped(loc.T("home.resume_teams", "teams", ui.ListJoin(loc, ex.Teams))),
			ui.Muted(loc.T("home.resume_clock", "clock", debrief.Clock(ex.Clock),
				"when", ex.UpdatedAt.Local().Format("2006-01-02 15:04"))),
		}
		if sh.deps.lanDir != nil && lan.HostedIn(sh.deps.lanDir(id)) {
			objs = append(objs, ui.IconLine(theme.ComputerIcon(), loc.T("home.resume_hosted")))
		}
		box.Add(ui.Panel(append(objs, container.NewHBox(ui.Spacer(), resume))...))
	}
}

// addHistory leads to every exercise on this laptop (historyScreen).
func (h *homeScreen) addHistory(box *fyne.Container) {
	loc, sh := h.sh.loc, h.sh
	h.historyButton = ui.NewIconButton(loc.T("home.history_button"), theme.HistoryIcon(), sh.showHistory)
	box.Add(ui.Heading(loc.T("home.history")))
	if sh.storeErr != nil {
		h.historyButton.Disable()
		return
	}
	if sh.exercises == 0 {
		box.Add(ui.Muted(loc.T("home.history_none")))
		h.historyButton.Disable()
	} else {
		box.Add(ui.Wrapped(loc.T("home.history_count", "n", sh.exercises)))
	}
	box.Add(container.NewHBox(h.historyButton))
}
