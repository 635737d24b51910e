package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
)

// loadingScreen shows that something is being read (an exercise's log
// folded for a resume or a debrief) while a worker does it.
type loadingScreen struct {
	sh  *shell
	key string // what is loading, an i18n key
	bar *widget.ProgressBarInfinite
}

func newLoadingScreen(sh *shell, key string) *loadingScreen {
	return &loadingScreen{sh: sh, key: key}
}

func (l *loadingScreen) Build() fyne.CanvasObject {
	if l.bar != nil {
		l.bar.Stop()
	}
	l.bar = widget.NewProgressBarInfinite()
	return container.NewCenter(container.NewVBox(ui.Heading(l.sh.loc.T(l.key)), container.NewGridWrap(fyne.NewSize(320, 12), l.bar)))
}

func (l *loadingScreen) Stop() {
	if l.bar != nil {
		l.bar.Stop()
	}
}
