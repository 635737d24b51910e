package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// TestLoadingScreenSaysWhatLoadsInTheLanguageShown: the loading screen
// names what is loading in the window's language when it is built, so a
// language switch while it shows redraws it in the new one; the bar of
// the previous drawing stops, and Stop stops the last.
func TestLoadingScreenSaysWhatLoadsInTheLanguageShown(t *testing.T) {
	w := uitest.Window(t)
	loc := i18n.New(i18n.EN)
	l := NewLoadingScreen(func() *i18n.Localizer { return loc }, "loading.resume")
	parts := func(o fyne.CanvasObject) (*widget.Label, *widget.ProgressBarInfinite) {
		t.Helper()
		box := o.(*fyne.Container).Objects[0].(*fyne.Container)
		heading := box.Objects[0].(*widget.Label)
		bar := box.Objects[1].(*fyne.Container).Objects[0].(*widget.ProgressBarInfinite)
		return heading, bar
	}
	c := l.Build()
	w.SetContent(c)
	heading, first := parts(c)
	if heading.Text != "Opening the exercise…" || !first.Running() {
		t.Errorf("in English: %q, bar running %v", heading.Text, first.Running())
	}

	loc = i18n.New(i18n.ZH)
	c = l.Build()
	w.SetContent(container.NewStack(c))
	heading, second := parts(c)
	if heading.Text != "正在打开演练…" {
		t.Errorf("after the switch to Chinese: %q", heading.Text)
	}
	if first.Running() || !second.Running() {
		t.Errorf("after a redraw: old bar running %v, new bar running %v", first.Running(), second.Running())
	}
	l.Stop()
	if second.Running() {
		t.Error("Stop leaves the bar running")
	}
}
