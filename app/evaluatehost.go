package app

import (
	"fyne.io/fyne/v2"

	"github.com/firebreak-drills/firebreak/app/evaluate"
	"github.com/firebreak-drills/firebreak/app/play"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// An evaluator's window on the facilitator's laptop (evaluate.Window),
// opened from the console's Evaluate button. The windows close when the
// exercise's screen gives way to another (the debrief, home) and when the
// app's window closes.

// openEvaluator opens an evaluator's window on the exercise.
func (sh *shell) openEvaluator(conn engine.Conn) {
	a := fyne.CurrentApp()
	if a == nil {
		return
	}
	w := evaluate.OpenWindow(a.NewWindow(sh.loc.T("evaluate.name_title")), sh.loc, conn, sh.deps.background, sh.deps.tickEvery)
	sh.evalWindows = append(sh.evalWindows, w)
}

// closeEvalWindows closes the evaluators' windows.
func (sh *shell) closeEvalWindows() {
	list := sh.evalWindows
	sh.evalWindows = nil
	for _, w := range list {
		w.Close()
	}
}

// evalWindowsFollow closes the evaluators' windows when the exercise's
// screen gives way to another.
func (sh *shell) evalWindowsFollow(s screen) {
	if _, ok := s.(*play.Screen); !ok && len(sh.evalWindows) > 0 {
		sh.closeEvalWindows()
	}
}
