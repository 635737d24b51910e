// Package uitest holds the fixtures that the tests of the UI kit and of the
// screens share: a test window in the app's theme at a laptop's size.
package uitest

import (
	"bytes"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/fbtheme"
)

// Window is a test window of 1280×800 in Firebreak's theme (its bundled
// fonts, so Chinese text measures as it does on screen), with preferences
// of its own, closed when the test ends with every window the test
// opened.
//
// The tests of a package share one test app: Fyne parses a theme's fonts
// again for every new app (test.NewApp clears its font cache), and the
// two 4 MB Noto Sans SC files took more than half the CPU of a package of
// screen tests. What a test could leave behind in the app is undone when
// it ends: its windows are closed, its preferences emptied (and emptied
// again for the next Window, so each starts with none, as a new app
// would), and work its goroutines hand over late is dropped (see
// ownedDriver). The theme is the app's for all: a test that changes it
// makes an app of its own (test.NewTempApp).
func Window(t testing.TB) fyne.Window {
	t.Helper()
	a := sharedApp()
	open := map[fyne.Window]bool{}
	for _, w := range a.Driver().AllWindows() {
		open[w] = true
	}
	clearPrefs(a)
	held := a.drv.hold(goroutineID())
	fyne.SetCurrentApp(a)
	t.Cleanup(func() {
		// A copy: the driver's list changes as windows close.
		for _, w := range slices.Clone(a.Driver().AllWindows()) {
			if !open[w] {
				w.Close()
			}
		}
		clearPrefs(a)
		// The shared app stays current, held again by whichever test
		// held it before (a subtest's parent), or by none: work that the
		// test's goroutines hand over after it ended is dropped, not run
		// beside whatever runs next.
		a.drv.hold(held)
		fyne.SetCurrentApp(a)
	})
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 800))
	return w
}

var shared struct {
	once sync.Once
	app  *ownedApp
}

// sharedApp is the test app the package's windows share, made at the
// first Window.
func sharedApp() *ownedApp {
	shared.once.Do(func() {
		a := test.NewApp()
		a.Settings().SetTheme(fbtheme.New())
		shared.app = &ownedApp{App: a, drv: &ownedDriver{Driver: a.Driver()}}
	})
	return shared.app
}

// ownedApp is the shared test app, with a driver that knows which test's
// goroutine holds the UI.
type ownedApp struct {
	fyne.App
	drv *ownedDriver
}

func (a *ownedApp) Driver() fyne.Driver { return a.drv }

// ownedDriver runs the work fyne.Do hands over as Fyne's test driver
// does, at once, when the test's own goroutine hands it over. Work from
// any other goroutine (a picture decoded, the network, a timer) would
// run beside the test's, on Fyne's caches that are not safe for two
// goroutines — or, from the goroutine of a test already over, beside the
// next test. So it waits, and runs on the test's goroutine the next time
// that hands work over itself; what is left when the test ends is
// dropped. (A test that waits for such work runs it with QueueUI.)
type ownedDriver struct {
	fyne.Driver
	mu      sync.Mutex
	owner   uint64 // the goroutine of the test holding the UI; 0: none
	pending []func()
}

// hold gives the UI to the goroutine id (0: none), dropping the work
// that waits, and returns the goroutine that held it.
func (d *ownedDriver) hold(id uint64) (before uint64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	before, d.owner, d.pending = d.owner, id, nil
	return before
}

func (d *ownedDriver) DoFromGoroutine(f func(), wait bool) {
	id := goroutineID()
	d.mu.Lock()
	if id != d.owner {
		if wait {
			d.mu.Unlock()
			panic("uitest: fyne.DoAndWait from a goroutine other than the test's; use QueueUI")
		}
		d.pending = append(d.pending, f)
		d.mu.Unlock()
		return
	}
	pending := d.pending
	d.pending = nil
	d.mu.Unlock()
	for _, p := range pending {
		p()
	}
	f()
}

// goroutineID is the number the runtime gives the calling goroutine (the
// first line of its stack: "goroutine 42 [running]:").
func goroutineID() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	id, _ := strconv.ParseUint(string(b[:bytes.IndexByte(b, ' ')]), 10, 64)
	return id
}

// clearPrefs empties the app's preferences (Fyne's test app keeps them in
// memory).
func clearPrefs(a fyne.App) {
	p, ok := a.Preferences().(interface {
		WriteValues(func(map[string]any))
	})
	if !ok {
		panic("uitest: the test app's preferences cannot be emptied")
	}
	p.WriteValues(func(m map[string]any) { clear(m) })
}
