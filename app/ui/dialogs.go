package ui

import (
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

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

// SaveFile asks where to save a file called name with Fyne's file dialog
// (filtered to name's extension) and hands done the writer and where it
// writes; done is not called when the user cancels. A failure to open the
// file is shown with the message failedKey ({error}: the error in words).
func SaveFile(win fyne.Window, loc *i18n.Localizer, name, failedKey string, done func(w io.WriteCloser, where string)) {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err == nil && w == nil {
			return // cancelled
		}
		if err != nil {
			ShowMessage(win, loc, loc.T("common.error"), loc.T(failedKey, "error", ErrorText(loc, err)))
			return
		}
		where := w.URI().Path()
		if where == "" {
			where = w.URI().String()
		}
		done(w, where)
	}, win)
	save.SetFileName(name)
	if i := strings.LastIndex(name, "."); i >= 0 {
		save.SetFilter(storage.NewExtensionFileFilter([]string{name[i:]}))
	}
	save.SetConfirmText(loc.T("debrief.save"))
	save.SetDismissText(loc.T("common.cancel"))
	save.Show()
	save.Resize(fyne.NewSize(900, 600)) // only after Show: before it, Fyne has no dialog to size
}
