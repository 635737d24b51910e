package ui

import (
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// SendEntry is a multi-line entry where Ctrl+Enter (⌘+Enter on a Mac)
// sends what was written, while Enter still starts a new line: the
// statement editor and the facilitator's forms.
type SendEntry struct {
	widget.Entry
	OnSend func() // nil: Ctrl+Enter does nothing
}

func NewSendEntry() *SendEntry {
	e := &SendEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// isSendShortcut tells whether s is Ctrl+Enter (⌘+Enter on a Mac).
func isSendShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || (cs.KeyName != fyne.KeyReturn && cs.KeyName != fyne.KeyEnter) {
		return false
	}
	mod := fyne.KeyModifierControl
	if runtime.GOOS == "darwin" {
		mod = fyne.KeyModifierSuper
	}
	return cs.Modifier == mod
}

// TypedShortcut sends on Ctrl+Enter and leaves every other shortcut to the
// entry (copy, paste, undo…).
func (e *SendEntry) TypedShortcut(s fyne.Shortcut) {
	if isSendShortcut(s) {
		if e.OnSend != nil {
			e.OnSend()
		}
		return
	}
	e.Entry.TypedShortcut(s)
}
