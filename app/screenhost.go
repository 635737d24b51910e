package app

import (
	"fyne.io/fyne/v2"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// screenHost is what every screen's host gives of the shell: the window,
// its localizer, the screen shown and showing another, the store and the
// runner of slow work. Each host (joinHost, playHost, setupHost,
// programmeHost, reviewHost) embeds it and adds what its screens need.
type screenHost struct{ sh *shell }

// Window is the app's window.
func (h screenHost) Window() fyne.Window { return h.sh.win }

// Loc is the window's localizer, in the language now shown.
func (h screenHost) Loc() *i18n.Localizer { return h.sh.loc }

// Show replaces the current screen (or redraws it when s is current).
func (h screenHost) Show(s ui.Screen) { h.sh.Show(s) }

// Current is the screen shown now.
func (h screenHost) Current() ui.Screen { return h.sh.current }

// Store is the store, or why there is none.
func (h screenHost) Store() (*exercise.DB, error) {
	if h.sh.store == nil {
		return nil, h.sh.noStore()
	}
	return h.sh.store, nil
}

// Background is the shell's runner of slow work (deps.background).
func (h screenHost) Background() func(func()) { return h.sh.deps.background }
