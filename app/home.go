package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/store"
)

// homeScreen lists the built-in scenarios and the exercises that can be
// resumed. It draws from what the shell loaded in the background and shows
// a loading line until then.
type homeScreen struct {
	sh *shell

	// Kept for tests.
	scenariosHeading *widget.Label
	resumeHeading    *widget.Label
	setupButtons     map[string]*widget.Button // by scenario id
	resumeButtons    map[string]*widget.Button // by exercise id
}

func newHomeScreen(sh *shell) *homeScreen { return &homeScreen{sh: sh} }

func (h *homeScreen) stop() {}

func (h *homeScreen) build() fyne.CanvasObject {
	loc, sh := h.sh.loc, h.sh
	h.setupButtons = map[string]*widget.Button{}
	h.resumeButtons = map[string]*widget.Button{}
	h.scenariosHeading = heading(loc.T("home.scenarios"))
	h.resumeHeading = heading(loc.T("home.resume"))

	scenarios := container.NewVBox(h.scenariosHeading)
	resumable := container.NewVBox(h.resumeHeading)
	switch {
	case !sh.loaded:
		scenarios.Add(muted(loc.T("home.loading")))
		resumable.Add(muted(loc.T("home.loading")))
	default:
		h.addScenarios(scenarios)
		h.addResumable(resumable)
	}
	cols := container.NewGridWithColumns(2,
		container.NewVScroll(container.NewPadded(scenarios)),
		container.NewVScroll(container.NewPadded(resumable)))
	return cols
}

func (h *homeScreen) addScenarios(box *fyne.Container) {
	loc, sh := h.sh.loc, h.sh
	lang := loc.Lang().String()
	if sh.scenariosErr != nil {
		l := wrapped(loc.T("home.error.scenarios", "error", sh.scenariosErr.Error()))
		l.Importance = widget.DangerImportance
		box.Add(l)
	}
	if len(sh.scenarios) == 0 && sh.scenariosErr == nil {
		box.Add(muted(loc.T("home.no_scenarios")))
	}
	for _, e := range sh.scenarios {
		sc := e.Scenario
		title := heading(sc.Title.Get(lang))
		facts := muted(kindName(loc, sc.Kind) + " · " + minutes(loc, sc.Duration))
		summary := wrapped(strings.TrimSpace(sc.Summary.Get(lang)))
		id := e.ID
		setup := widget.NewButtonWithIcon(loc.T("home.setup"), theme.NavigateNextIcon(), func() { sh.showSetup(id) })
		setup.Importance = widget.HighImportance
		h.setupButtons[id] = setup
		box.Add(panel(title, facts, summary, container.NewHBox(spacer(), setup)))
	}
}

func (h *homeScreen) addResumable(box *fyne.Container) {
	loc, sh := h.sh.loc, h.sh
	if sh.storeErr != nil {
		l := wrapped(loc.T("home.error.store", "error", sh.storeErr.Error()))
		l.Importance = widget.DangerImportance
		box.Add(l)
		return
	}
	if len(sh.unfinished) == 0 {
		box.Add(muted(loc.T("home.no_unfinished")))
		return
	}
	for _, ex := range sh.unfinished {
		id := ex.ID
		resume := widget.NewButtonWithIcon(loc.T("home.resume_button"), theme.MediaPlayIcon(), func() { sh.resumeExercise(id) })
		h.resumeButtons[id] = resume
		box.Add(panel(
			bold(exerciseTitle(ex, loc.Lang().String())),
			wrapped(loc.T("home.resume_teams", "teams", strings.Join(ex.Teams, ", "))),
			muted(loc.T("home.resume_clock", "clock", formatClock(time.Duration(ex.ClockMS)*time.Millisecond),
				"when", ex.UpdatedAt.Local().Format("2006-01-02 15:04"))),
			container.NewHBox(spacer(), resume)))
	}
}

// exerciseTitle is a stored exercise's scenario title in lang, with the
// scenario format's fallbacks, or the scenario id.
func exerciseTitle(ex store.Exercise, lang string) string {
	if s := scenario.Text(ex.Title).Get(lang); s != "" {
		return s
	}
	return ex.ScenarioID
}
