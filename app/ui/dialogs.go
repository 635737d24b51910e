package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// ShowMessage shows a dialog whose text wraps (dialog.ShowInformation would
// stretch a long error across the window).
func ShowMessage(win fyne.Window, loc *i18n.Localizer, title, text string) {
	l := Wrapped(text)
	d := dialog.NewCustom(title, loc.T("common.ok"), l, win)
	d.Resize(fyne.NewSize(480, 0))
	WithKeys(win, d, nil)
	d.Show()
}
