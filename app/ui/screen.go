package ui

import "fyne.io/fyne/v2"

// Screen is one page of the window. Build makes its widgets in the
// window's current language; it is called again after a language switch,
// so a screen keeps what the user entered in its own fields, not in
// widgets. Stop is called when the screen is left or the window closes.
type Screen interface {
	Build() fyne.CanvasObject
	Stop()
}
