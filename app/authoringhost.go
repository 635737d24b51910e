package app

import (
	"path/filepath"
	"strings"

	"github.com/firebreak-drills/firebreak/app/home"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// wizardHost is the shell as the new-scenario wizard's host
// (home.WizardHost).
type wizardHost struct{ sh *shell }

// Loc is the window's localizer.
func (h wizardHost) Loc() *i18n.Localizer { return h.sh.loc }

// Background runs work off the UI goroutine.
func (h wizardHost) Background(work func()) { h.sh.inBackground(work) }

// ShowAuthoring shows the file written.
func (h wizardHost) ShowAuthoring(file string) { h.sh.showAuthoring(file) }

// showNewScenario opens the new-scenario wizard with e as the template;
// the ids of the built-ins and of the user's files (and their file names)
// are taken.
func (sh *shell) showNewScenario(e library.Entry) {
	taken := map[string]bool{}
	for _, s := range sh.scenarios {
		taken[s.ID] = true
	}
	for _, u := range sh.user {
		if u.Entry.ID != "" {
			taken[u.Entry.ID] = true
		}
		base := filepath.Base(u.Entry.File)
		taken[strings.TrimSuffix(base, filepath.Ext(base))] = true
	}
	for _, o := range sh.opened {
		taken[o.ID] = true
	}
	sh.Show(home.NewWizard(wizardHost{sh}, e, sh.deps.userDir, func(id string) bool { return taken[id] }, sh.showHome))
}

// showAuthoring shows a user scenario file watched as it is edited; back
// goes home, which reads the user folder again.
func (sh *shell) showAuthoring(file string) {
	sh.Show(home.NewAuthoring(sh, file, sh.showHome))
}
