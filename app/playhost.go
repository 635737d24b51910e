package app

import (
	"fyne.io/fyne/v2"

	"github.com/firebreak-drills/firebreak/app/play"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// playHost is the shell as the exercise screen's host (play.Host).
type playHost struct{ sh *shell }

// Window is the app's window.
func (h playHost) Window() fyne.Window { return h.sh.win }

// Loc is the window's localizer, in the language now shown.
func (h playHost) Loc() *i18n.Localizer { return h.sh.loc }

// Show replaces the current screen (or redraws it when s is current).
func (h playHost) Show(s ui.Screen) { h.sh.Show(s) }

// Current is the screen shown now.
func (h playHost) Current() ui.Screen { return h.sh.current }

// ShowError tells the user something went wrong.
func (h playHost) ShowError(err error) { h.sh.showError(err) }

// ShowDebrief shows an exercise's debrief.
func (h playHost) ShowDebrief(id string) { h.sh.showDebrief(id) }

// config is how the exercise screen runs, from the shell's deps.
func (h playHost) config() play.Config {
	d := h.sh.deps
	return play.Config{TickEvery: d.tickEvery, Background: d.background, Chime: d.chime, OpenEvaluator: h.sh.openEvaluator,
		Hotwash: h.sh.keepHotwash}
}
