package app

import (
	"fyne.io/fyne/v2"

	"github.com/firebreak-drills/firebreak/app/setup"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// setupHost is the shell as the setup form's host (setup.Host).
type setupHost struct{ sh *shell }

// Loc is the window's localizer.
func (h setupHost) Loc() *i18n.Localizer { return h.sh.loc }

// Show shows s in the window.
func (h setupHost) Show(s ui.Screen) { h.sh.Show(s) }

// Current is the screen the window shows.
func (h setupHost) Current() ui.Screen { return h.sh.current }

// ShowHome goes back to the home screen.
func (h setupHost) ShowHome() { h.sh.showHome() }

// CanHost reports whether this build serves exercises to team laptops.
func (h setupHost) CanHost() bool { return h.sh.deps.lanDir != nil }

// Start starts the exercise (shell.startExercise).
func (h setupHost) Start(cfg engine.Config, title scenario.Text, opts setup.StartOptions, done func(error)) {
	h.sh.startExercise(cfg, title, opts, done)
}

// Window is the shell's window.
func (h setupHost) Window() fyne.Window { return h.sh.win }

// Background is the shell's runner of slow work.
func (h setupHost) Background() func(func()) { return h.sh.deps.background }
