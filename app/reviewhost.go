package app

import (
	"github.com/firebreak-drills/firebreak/app/branchmap"
	"github.com/firebreak-drills/firebreak/app/review"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// showHistory opens the history and reads it in the background.
func (sh *shell) showHistory() {
	h := review.NewHistory(reviewHost{screenHost{sh}})
	sh.Show(h)
	h.Load()
}

// showCompare puts the exercises a and b side by side, read in the
// background; back leaves.
func (sh *shell) showCompare(a, b string, back func()) {
	c := review.NewCompare(reviewHost{screenHost{sh}}, a, b, back)
	sh.Show(c)
	c.Load()
}

// reviewHost is the shell as the review screens' host (review.Host).
type reviewHost struct{ screenHost }

// LanDir is deps.lanDir.
func (h reviewHost) LanDir() func(exerciseID string) string { return h.sh.deps.lanDir }

// ShowError shows err in the UI language.
func (h reviewHost) ShowError(err error) { h.sh.showError(err) }

// ShowHome shows the home screen.
func (h reviewHost) ShowHome() { h.sh.showHome() }

// ShowBranchMap shows sc's branch map with the teams' paths.
func (h reviewHost) ShowBranchMap(sc *scenario.Scenario, teams []branchmap.TeamPath, back func()) {
	h.sh.showBranchMap(sc, teams, back)
}

// ShowDebrief opens the debrief of the exercise id.
func (h reviewHost) ShowDebrief(id string) { h.sh.showDebrief(id) }

// ShowCompare compares the exercises a and b.
func (h reviewHost) ShowCompare(a, b string, back func()) { h.sh.showCompare(a, b, back) }

// ResumeExercise resumes the exercise id.
func (h reviewHost) ResumeExercise(id string) { h.sh.resumeExercise(id) }
