package app

import (
	"github.com/firebreak-drills/firebreak/app/programme"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
)

// showProgramme opens the training programme and reads it in the
// background.
func (sh *shell) showProgramme() {
	p := programme.New(programmeHost{screenHost{sh}})
	sh.Show(p)
	p.Load()
}

// today is the date of the window's wall clock (YYYY-MM-DD): the day the
// programme and the home screen's reminder are computed for.
func (sh *shell) today() string {
	var c engine.WallClock = engine.RealClock{}
	if sh.deps.clock != nil {
		c = sh.deps.clock
	}
	return exercise.Today(c.Now())
}

// programmeHost is the shell as the programme screen's host
// (programme.Host).
type programmeHost struct{ screenHost }

// Today is the wall clock's date.
func (h programmeHost) Today() string { return h.sh.today() }

// ShowHome shows the home screen afresh (its reminder read again).
func (h programmeHost) ShowHome() { h.sh.showHome() }
