package app

import (
	"github.com/firebreak-drills/firebreak/app/setup"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// setupHost is the shell as the setup form's host (setup.Host).
type setupHost struct{ screenHost }

// ShowHome goes back to the home screen.
func (h setupHost) ShowHome() { h.sh.showHome() }

// CanHost reports whether this build serves exercises to team laptops.
func (h setupHost) CanHost() bool { return h.sh.deps.lanDir != nil }

// Start starts the exercise (shell.startExercise).
func (h setupHost) Start(cfg engine.Config, title scenario.Text, opts setup.StartOptions, done func(error)) {
	h.sh.startExercise(cfg, title, opts, done)
}
