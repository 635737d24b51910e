// Package review is the work after (or between) exercises: the debrief of
// one exercise (its report in tabs, a replay, the improvement plan, the
// exports, and the facilitator's ratings, overrides and notes after the
// end), the history of every exercise on this laptop (open, resume,
// compare, erase), and the comparison of two exercises.
package review

import (
	"fyne.io/fyne/v2"

	"github.com/firebreak-drills/firebreak/app/branchmap"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Host is what the review screens need from the window they are shown in.
type Host interface {
	// Window is the window the screens are shown in; their dialogs open
	// over it.
	Window() fyne.Window
	// Loc is the localizer of the language now shown.
	Loc() *i18n.Localizer
	// Show shows a screen, or redraws it when it is the one shown.
	Show(ui.Screen)
	// Current is the screen shown now: work that ends in the background
	// redraws its screen only while that is still shown.
	Current() ui.Screen
	// Store is the database of exercises, or why there is none (it could
	// not be opened).
	Store() (*exercise.DB, error)
	// Background is the window's runner of slow work (disk) off the UI
	// goroutine: the screens read and write the store through it, and the
	// facilitator's dialogs send their commands through it.
	Background() func(func())
	// LanDir is the folder where the host of an exercise keeps its files
	// (its network identity, copies of the teams' streams), nil when this
	// build does not host: erasing an exercise removes them too.
	LanDir() func(exerciseID string) string
	// ShowError tells the user something went wrong.
	ShowError(error)

	// ShowHome shows the home screen.
	ShowHome()
	// ShowBranchMap shows a scenario's branch map with the teams' paths;
	// back returns to where it was opened.
	ShowBranchMap(sc *scenario.Scenario, teams []branchmap.TeamPath, back func())
	// ShowDebrief opens an exercise's debrief, loading it first.
	ShowDebrief(id string)
	// ShowCompare puts two exercises side by side; back leaves.
	ShowCompare(a, b string, back func())
	// ResumeExercise goes back to an unfinished exercise.
	ResumeExercise(id string)
}

// inBackground runs work through the host's background runner.
func inBackground(h Host, work func()) { h.Background()(work) }
