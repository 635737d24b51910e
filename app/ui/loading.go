package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// LoadingScreen shows that something is being read (an exercise's log
// folded for a resume or a debrief) while a worker does it.
type LoadingScreen struct {
	loc func() *i18n.Localizer
	key string // what is loading, an i18n key
	bar *widget.ProgressBarInfinite
}

// NewLoadingScreen is a loading screen saying key in the language loc
// gives when it is built (the window's, which a language switch changes
// while it shows).
func NewLoadingScreen(loc func() *i18n.Localizer, key string) *LoadingScreen {
	return &LoadingScreen{loc: loc, key: key}
}

// Build draws the heading and a running progress bar, stopping the bar
// of the previous build.
func (l *LoadingScreen) Build() fyne.CanvasObject {
	if l.bar != nil {
		l.bar.Stop()
	}
	l.bar = widget.NewProgressBarInfinite()
	return container.NewCenter(container.NewVBox(Heading(l.loc().T(l.key)), container.NewGridWrap(fyne.NewSize(320, 12), l.bar)))
}

// Stop stops the progress bar.
func (l *LoadingScreen) Stop() {
	if l.bar != nil {
		l.bar.Stop()
	}
}
