package app

import (
	"fyne.io/fyne/v2"

	"github.com/firebreak-drills/firebreak/app/programme"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// showProgramme opens the training programme and reads it in the
// background.
func (sh *shell) showProgramme() {
	p := programme.New(programmeHost{sh})
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
type programmeHost struct{ sh *shell }

// Window is the app's window.
func (h programmeHost) Window() fyne.Window { return h.sh.win }

// Loc is the window's localizer.
func (h programmeHost) Loc() *i18n.Localizer { return h.sh.loc }

// Show shows s.
func (h programmeHost) Show(s ui.Screen) { h.sh.Show(s) }

// Current is the screen shown now.
func (h programmeHost) Current() ui.Screen { return h.sh.current }

// Store is the store, or why there is none.
func (h programmeHost) Store() (*exercise.DB, error) {
	if h.sh.store == nil {
		return nil, h.sh.noStore()
	}
	return h.sh.store, nil
}

// Background is deps.background.
func (h programmeHost) Background() func(func()) { return h.sh.deps.background }

// Today is the wall clock's date.
func (h programmeHost) Today() string { return h.sh.today() }

// ShowHome shows the home screen afresh (its reminder read again).
func (h programmeHost) ShowHome() { h.sh.showHome() }
