package play

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/firebreak-drills/firebreak/app/ui"
)

// Keyboard on the exercise screen: Ctrl+Tab and Ctrl+Page Down go to the
// next tab, Ctrl+Shift+Tab and Ctrl+Page Up to the previous one; Space
// pauses or resumes the clock while the console shows and no field has
// the keyboard; F11 opens the situation wall (wall.go), or switches an
// open one to full screen and back; F1 lists these keys.

var (
	nextTabKeys = []fyne.Shortcut{
		&desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierControl},
		&desktop.CustomShortcut{KeyName: fyne.KeyPageDown, Modifier: fyne.KeyModifierControl},
	}
	prevTabKeys = []fyne.Shortcut{
		&desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift},
		&desktop.CustomShortcut{KeyName: fyne.KeyPageUp, Modifier: fyne.KeyModifierControl},
	}
)

// bindKeys gives the exercise screen its keys on the window's canvas.
func (e *Screen) bindKeys() {
	c := e.host.Window().Canvas()
	for _, s := range nextTabKeys {
		c.AddShortcut(s, func(fyne.Shortcut) { e.stepTab(1) })
	}
	for _, s := range prevTabKeys {
		c.AddShortcut(s, func(fyne.Shortcut) { e.stepTab(-1) })
	}
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		if e.done {
			return // a dialog closing after the screen went gave this back
		}
		switch k.Name {
		case fyne.KeySpace:
			if e.console != nil && e.tabs != nil && e.tabs.SelectedIndex() == 0 && (e.lock == nil || !e.lock.locked) {
				e.console.togglePause()
			}
		case fyne.KeyF11:
			e.wallKey()
		case fyne.KeyF1:
			ui.ShowMessage(e.host.Window(), e.host.Loc(), e.host.Loc().T("keys.title"), e.host.Loc().T("keys.exercise"))
		}
	})
}

// unbindKeys takes the keys away when the screen goes.
func (e *Screen) unbindKeys() {
	c := e.host.Window().Canvas()
	for _, s := range append(append([]fyne.Shortcut(nil), nextTabKeys...), prevTabKeys...) {
		c.RemoveShortcut(s)
	}
	c.SetOnTypedKey(nil)
}

// stepTab selects the tab by steps to the right (or left), round.
func (e *Screen) stepTab(by int) {
	if e.tabs == nil || len(e.tabs.Items) == 0 {
		return
	}
	n := len(e.tabs.Items)
	e.tabs.SelectIndex(((e.tabs.SelectedIndex()+by)%n + n) % n)
}
