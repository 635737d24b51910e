package app

import (
	"github.com/firebreak-drills/firebreak/app/join"
)

// joinHost is the shell as the join screen's host (join.Host).
type joinHost struct{ screenHost }

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
