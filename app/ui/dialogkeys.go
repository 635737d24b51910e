package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// WithKeys lets the keyboard answer a dialog while it shows: Enter (or
// Return) does what its main button does (ok, nil for a message: it just
// closes), Escape closes it without; other keys go where they went before.
// Keys typed into a field of the dialog stay the field's. The window's
// previous key handler comes back when the dialog closes.
func WithKeys(win fyne.Window, d dialog.Dialog, ok func()) {
	c := win.Canvas()
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyEscape:
			d.Hide()
		case fyne.KeyReturn, fyne.KeyEnter:
			if ok != nil {
				ok()
			} else {
				d.Hide()
			}
		default:
			if prev != nil {
				prev(k)
			}
		}
	})
	d.SetOnClosed(func() { c.SetOnTypedKey(prev) })
}
