package app

import (
	"fyne.io/fyne/v2"

	"github.com/firebreak-drills/firebreak/app/join"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// joinHost is the shell as the join screen's host (join.Host).
type joinHost struct{ sh *shell }

// Window is the app's window.
func (h joinHost) Window() fyne.Window { return h.sh.win }

// Loc is the window's localizer, in the language now shown.
func (h joinHost) Loc() *i18n.Localizer { return h.sh.loc }

// Show replaces the current screen (or redraws it when s is current).
func (h joinHost) Show(s ui.Screen) { h.sh.Show(s) }

// Current is the screen shown now.
func (h joinHost) Current() ui.Screen { return h.sh.current }

// ShowHome shows the home screen.
func (h joinHost) ShowHome() { h.sh.showHome() }

// config is how the team laptop searches and joins, from the shell's deps.
func (h joinHost) config() join.Config {
	d := h.sh.deps
	return join.Config{TickEvery: d.tickEvery, Background: d.background, Browse: d.browse, Join: d.join}
}

// loadSavedJoin is the exercise this laptop joined last, if any: the
// window goes back to it by itself when it starts (join.LoadSaved).
func loadSavedJoin() (join.Saved, bool) { return join.LoadSaved() }
