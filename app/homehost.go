package app

import (
	"github.com/firebreak-drills/firebreak/app/home"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/lan"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// homeHost is the shell as the home screen's host (home.Host).
type homeHost struct{ sh *shell }

// Loc is the window's localizer.
func (h homeHost) Loc() *i18n.Localizer { return h.sh.loc }

// Lists is what the shell has loaded so far.
func (h homeHost) Lists() home.Lists {
	sh := h.sh
	l := home.Lists{
		Loaded:       sh.loaded,
		Scenarios:    sh.scenarios,
		ScenariosErr: sh.scenariosErr,
		UserDir:      sh.deps.userDir,
		User:         sh.user,
		UserErr:      sh.userErr,
		Opened:       sh.opened,
		Unfinished:   sh.unfinished,
		Exercises:    sh.exercises,
		Reminders:    sh.reminders,
		StoreErr:     sh.storeErr,
		CanJoin:      sh.deps.join != nil,
	}
	if sh.loaded && sh.storeErr == nil && sh.deps.lanDir != nil {
		for _, ex := range sh.unfinished {
			if lan.HostedIn(sh.deps.lanDir(ex.ID)) {
				if l.Hosted == nil {
					l.Hosted = map[string]bool{}
				}
				l.Hosted[ex.ID] = true
			}
		}
	}
	return l
}

// ShowHome shows the home screen afresh.
func (h homeHost) ShowHome() { h.sh.showHome() }

// ShowSetup opens the setup form with e chosen.
func (h homeHost) ShowSetup(e library.Entry) { h.sh.showSetup(e) }

// ShowBranchMap shows sc's branch map, with no team's path.
func (h homeHost) ShowBranchMap(sc *scenario.Scenario, back func()) {
	h.sh.showBranchMap(sc, nil, back)
}

// ShowFindings shows what is wrong with u.
func (h homeHost) ShowFindings(u home.UserScenario, back func()) { h.sh.showFindings(u, back) }

// ShowNewScenario opens the new-scenario wizard with e as the template.
func (h homeHost) ShowNewScenario(e library.Entry) { h.sh.showNewScenario(e) }

// ShowAuthoring shows a user scenario file watched as it is edited.
func (h homeHost) ShowAuthoring(file string) { h.sh.showAuthoring(file) }

// OpenScenarioFile opens a scenario file with the file dialog.
func (h homeHost) OpenScenarioFile() { h.sh.openScenarioFile() }

// ResumeExercise resumes the exercise id.
func (h homeHost) ResumeExercise(id string) { h.sh.resumeExercise(id) }

// ShowHistory shows every exercise on this laptop.
func (h homeHost) ShowHistory() { h.sh.showHistory() }

// ShowProgramme opens the training programme.
func (h homeHost) ShowProgramme() { h.sh.showProgramme() }

// ShowJoin opens the join screen.
func (h homeHost) ShowJoin() { h.sh.showJoin() }
