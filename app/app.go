// Package app starts Firebreak's desktop GUI (Fyne) and wires it: Run
// opens the window and the store, the shell (shell.go) navigates between
// the screens and hands each the small host interface its package declares
// (the *host.go files), and lanwire.go connects the LAN screens to
// internal/lan and internal/discovery. The screens live in their own
// packages (home, setup, play, join, review, branchmap, programme,
// evaluate), over the UI kit in app/ui; docs/architecture.md draws them.
//
// Slow work (disk, network) goes through the shell's background runner,
// which Run lets finish, for a few seconds at most, before it closes the
// store; results come back to the UI goroutine with fyne.Do.
package app

import (
	"fmt"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/firebreak-drills/firebreak/app/fbtheme"
	"github.com/firebreak-drills/firebreak/app/play"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/assets"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/paths"
)

// AppID is the Fyne application id (also in FyneApp.toml).
const AppID = "app.firebreak.drill"

// Run opens the app window and blocks until it is closed. The store at
// dbPath is opened in the background so the window appears at once; an
// error opening it is shown on the home screen and returned when the window
// closes.
func Run(dbPath string) error {
	// Fyne makes its cache folder with a single mkdir, which fails with
	// "Failed to create fyne cache space" on a fresh account that has no
	// cache folder yet: make the parents first.
	if dir, err := os.UserCacheDir(); err == nil {
		_ = os.MkdirAll(dir, 0o700)
	}
	a := fyneapp.NewWithID(AppID)
	a.Settings().SetTheme(fbtheme.New())
	w := a.NewWindow("Firebreak")
	w.Resize(preferredWindow)
	a.Lifecycle().SetOnStarted(func() {
		fitToScreen(w, a.Preferences())
		// The icon (512×512, decoded and sent to the window system) once
		// the window is up: it cost ~30 ms before the first frame.
		icon := fyne.NewStaticResource("icon.png", assets.Icon())
		a.SetIcon(icon) // for windows opened later
		w.SetIcon(icon)
	})

	// Work handed to the background (a command's write, the clock's last
	// save, stopping a LAN host) gets a few seconds to finish once the
	// window has closed, before the store closes under it.
	var pending sync.WaitGroup
	opened := make(chan *exercise.DB, 1)
	var storeErr error
	sh := newShell(w, savedLang(a.Preferences()), deps{
		openStore: func() (*exercise.DB, error) {
			st, err := exercise.Open(dbPath)
			storeErr = err
			opened <- st // Run closes it once the window is gone
			return st, err
		},
		loadScenarios: library.Builtins,
		clock:         engine.RealClock{},
		tickEvery:     time.Second,
		userDir:       paths.UserScenarios(),
		chime:         play.Chime,
		background:    pending.Go,
		lanDir:        func(id string) string { return paths.LAN(dbPath, id) },
		hostLog:       hostLogf,
		advertise:     advertiseExercise,
		browse:        browseExercises,
		join:          lanJoin,
	})
	w.SetOnClosed(func() {
		saveWindow(a.Preferences(), w.Canvas().Size())
		sh.close()
	})
	go func() {
		lowerPriority() // the window first (priority_linux.go)
		sh.load()
		// Starting allocates some 100 MB, of which about half stays (Fyne's
		// parsed fonts); the rest, mostly the built-in scenarios' YAML
		// trees, is garbage that the collector would leave resident until
		// the heap doubled. Once the home screen has what it loaded, hand it
		// back (a collection off the UI goroutine; docs/architecture.md,
		// "Start-up, memory and idle CPU").
		fyne.DoAndWait(func() {})
		debug.FreeOSMemory()
		// Drawing the home screen's first frames rasterises each of its
		// texts into a Go image before it becomes a texture: some 8 MB of
		// garbage by the time the window has settled, handed back once it
		// has (measured: resident 5 s after start 242–244 → 234–236 MB).
		time.AfterFunc(2*time.Second, debug.FreeOSMemory)
		// FIREBREAK_RESUME=<exercise id> opens that exercise at start, as
		// its Resume button on the home screen does; scripts/idle-cpu.sh
		// uses it to measure a running exercise without clicking.
		if id := os.Getenv("FIREBREAK_RESUME"); id != "" {
			ui.Do(func() { sh.resumeExercise(id) })
		}
		// FIREBREAK_DEBRIEF=<exercise id> opens that exercise's debrief at
		// start, as its Debrief button in the history does (screenshots).
		if id := os.Getenv("FIREBREAK_DEBRIEF"); id != "" {
			ui.Do(func() { sh.showDebrief(id) })
		}
	}()
	w.ShowAndRun()
	waitAtMost(&pending, 5*time.Second)

	// The loader always reports, so this waits at most for a slow open.
	if st := <-opened; st != nil {
		if err := st.Close(); err != nil && storeErr == nil {
			storeErr = err
		}
	}
	if storeErr != nil {
		return fmt.Errorf("exercise database: %w", storeErr)
	}
	return nil
}

// waitAtMost waits for wg, or for d, whichever comes first: work that
// hangs (a team laptop that never answers) must not keep the app from
// exiting.
func waitAtMost(wg *sync.WaitGroup, d time.Duration) {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(d):
	}
}
