package app

import (
	"github.com/firebreak-drills/firebreak/app/play"
)

// playHost is the shell as the exercise screen's host (play.Host).
type playHost struct{ screenHost }

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
