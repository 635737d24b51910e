package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
)

var ctrlEnter = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierControl}

// TestEnterPressesTheFocusedButton: a button with the focus is pressed by
// Enter as well as Space, and a disabled one by neither.
func TestEnterPressesTheFocusedButton(t *testing.T) {
	w := uitest.Window(t)
	n := 0
	b := NewButton("Go", func() { n++ })
	w.SetContent(b)
	w.Canvas().Focus(b)
	for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace} {
		w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: k})
	}
	if n != 3 {
		t.Errorf("Enter, keypad Enter and Space pressed the button %d times, want 3", n)
	}
	b.Disable()
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if n != 3 {
		t.Error("Enter pressed a disabled button")
	}
}

// TestCtrlEnterSends: in a multi-line field Enter starts a new line, and
// Ctrl+Enter sends; other shortcuts still reach the field.
func TestCtrlEnterSends(t *testing.T) {
	w := uitest.Window(t)
	sent := 0
	e := NewSendEntry()
	e.OnSend = func() { sent++ }
	w.SetContent(e)
	w.Canvas().Focus(e)
	test.Type(e, "one")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Type(e, "two")
	if e.Text != "one\ntwo" || sent != 0 {
		t.Errorf("Enter in the field: text %q, sent %d; want a new line and nothing sent", e.Text, sent)
	}
	e.TypedShortcut(ctrlEnter)
	if sent != 1 || e.Text != "one\ntwo" {
		t.Errorf("Ctrl+Enter: sent %d, text %q", sent, e.Text)
	}
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	if e.SelectedText() != "one\ntwo" {
		t.Errorf("Ctrl+A no longer selects all: %q", e.SelectedText())
	}
}
