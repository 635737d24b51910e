package play

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/ui"
)

// The facilitator's console shows what teams must not see: the injects to
// come, every team's scores, the facilitator's notes. On a laptop the teams
// share it is one click from their tabs, so the facilitator can set a PIN
// at setup: the console then locks whenever another tab is shown (and with
// its Lock button), and opens again only with the PIN. Team tabs stay
// usable while it is locked.
//
// The PIN is kept, salted and hashed, in the app's preferences under the
// exercise's id, so that a resumed exercise is locked too; erasing the
// exercise removes it. It keeps curious participants out of the console;
// it is not meant to stand up to someone who can read the laptop's files.

// After maxPINFailures wrong PINs in a row, the lock refuses every try for
// pinBackoff: four digits are not to be guessed by a table in turn.
const (
	maxPINFailures = 5
	pinBackoff     = 30 * time.Second
)

// consoleLock is the lock of one exercise's console.
type consoleLock struct {
	salt, sum []byte
	locked    bool
	failures  int
	until     time.Time // no try is taken before this
}

// newConsoleLock reads a lock from its stored form ("salt:hash"); ok is
// false for none or a damaged one (the console is then not locked).
func newConsoleLock(stored string) (*consoleLock, bool) {
	s, h, found := strings.Cut(stored, ":")
	salt, err1 := hex.DecodeString(s)
	sum, err2 := hex.DecodeString(h)
	if !found || err1 != nil || err2 != nil || len(salt) == 0 || len(sum) != sha256.Size {
		return nil, false
	}
	return &consoleLock{salt: salt, sum: sum, locked: true}, true
}

// unlock tries pin. It returns false with the time left to wait when too
// many wrong PINs came before (wait > 0), or false for a wrong PIN.
func (l *consoleLock) unlock(pin string) (ok bool, wait time.Duration) {
	if now := time.Now(); now.Before(l.until) {
		return false, l.until.Sub(now)
	}
	if subtle.ConstantTimeCompare(prefs.PINSum(l.salt, strings.TrimSpace(pin)), l.sum) == 1 {
		l.locked, l.failures = false, 0
		return true, 0
	}
	l.failures++
	if l.failures >= maxPINFailures {
		l.failures = 0
		l.until = time.Now().Add(pinBackoff)
		return false, pinBackoff
	}
	return false, 0
}

// lockPanel is what the console tab shows while it is locked.
type lockPanel struct {
	root  fyne.CanvasObject
	entry *widget.Entry // the PIN: read by tryUnlock, focused when the tab shows
}

// consoleContent is the console tab's content: the console with a Lock
// button when a PIN is set and it is open, the PIN form when it is locked.
func (e *Screen) consoleContent() fyne.CanvasObject {
	loc := e.host.Loc()
	if e.lock == nil || !e.lock.locked {
		return e.console.root
	}
	p := &lockPanel{}
	p.entry = widget.NewPasswordEntry()
	p.entry.SetPlaceHolder(loc.T("console.pin_placeholder"))
	p.entry.OnSubmitted = func(string) { e.tryUnlock() }
	unlock := ui.NewIconButton(loc.T("console.unlock"), theme.VisibilityIcon(), e.tryUnlock)
	unlock.Importance = widget.HighImportance
	message := ui.Wrapped(e.lockMessage)
	message.Importance = widget.DangerImportance
	if e.lockMessage == "" {
		message.Hide()
	}
	form := container.NewVBox(
		container.NewHBox(widget.NewIcon(theme.VisibilityOffIcon()), ui.Heading(loc.T("console.locked_title"))),
		ui.Wrapped(loc.T("console.locked_text")),
		container.NewBorder(nil, nil, nil, unlock, p.entry),
		message,
	)
	// Centred at a readable width (a centred paragraph shrinks to nothing).
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(460, 0))
	p.root = container.NewCenter(container.NewStack(width, form))
	e.lockPanel = p
	return p.root
}

// addConsoleTools puts the screen's switches in the console, under the
// clock where there is room: the chime on or off, the situation wall, and
// the lock when a PIN is set.
func (e *Screen) addConsoleTools() {
	loc := e.host.Loc()
	sound := widget.NewCheck(loc.T("console.sound"), func(on bool) {
		if a := fyne.CurrentApp(); a != nil {
			a.Preferences().SetBool(prefs.SoundOff, !on)
		}
	})
	sound.Checked = soundOn()
	e.console.clockRow.Add(sound)
	e.addWallButton()
	if e.lock != nil {
		lock := ui.NewIconButton(loc.T("console.lock"), theme.VisibilityOffIcon(), e.lockConsole)
		lock.Importance = widget.LowImportance
		e.console.clockRow.Add(lock)
	}
}

// lockConsole locks the console (when a PIN is set) and redraws its tab.
func (e *Screen) lockConsole() {
	if e.lock == nil || e.lock.locked {
		return
	}
	e.lock.locked, e.lockMessage = true, ""
	e.showConsoleTab()
}

// tryUnlock checks the PIN typed in the lock panel.
func (e *Screen) tryUnlock() {
	if e.lock == nil || e.lockPanel == nil {
		return
	}
	loc := e.host.Loc()
	ok, wait := e.lock.unlock(e.lockPanel.entry.Text)
	switch {
	case ok:
		e.lockMessage = ""
	case wait > 0:
		e.lockMessage = loc.T("console.pin_wait", "time", ui.FormatSpan(loc, wait))
	default:
		e.lockMessage = loc.T("console.pin_wrong")
	}
	e.showConsoleTab()
	if !ok && e.lockPanel != nil {
		e.host.Window().Canvas().Focus(e.lockPanel.entry)
	}
}

// showConsoleTab puts the console's content, locked or not, in its tab.
func (e *Screen) showConsoleTab() {
	if e.tabs == nil || len(e.tabs.Items) == 0 || e.console == nil {
		return
	}
	e.pages.Objects[0] = e.consoleContent()
	e.showPage()
	e.pages.Refresh() // the new content joins the window's tree (rare: lock, unlock)
	e.showRoleTab()
}
