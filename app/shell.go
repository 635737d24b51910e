package app

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/store"
)

// deps are what the shell needs from the outside world; tests pass a
// store in a temporary directory, a fixed scenario list and a fake clock.
type deps struct {
	openStore     func() (*store.Store, error)
	loadScenarios func() ([]library.Entry, error)
	clock         engine.WallClock
	// tickEvery is the exercise clock's refresh interval; zero starts no
	// ticker (tests move the clock themselves and call Session.Tick).
	tickEvery time.Duration
}

// screen is one page of the window. build makes its widgets in the shell's
// current language; it is called again after a language switch, so a
// screen keeps what the user entered in its own fields, not in widgets.
// stop is called when the screen is left or the window closes.
type screen interface {
	build() fyne.CanvasObject
	stop()
}

// shell is the app's single window: a header with the language switch,
// always visible, above the current screen.
type shell struct {
	win  fyne.Window
	loc  *i18n.Localizer
	deps deps

	// Filled by load, on the UI goroutine.
	loaded       bool
	store        *store.Store
	storeErr     error
	scenarios    []library.Entry
	scenariosErr error
	unfinished   []store.Exercise

	body        *fyne.Container
	header      *fyne.Container
	langButtons map[i18n.Lang]*widget.Button
	current     screen
	closed      bool
}

func newShell(win fyne.Window, lang i18n.Lang, d deps) *shell {
	sh := &shell{win: win, loc: i18n.New(lang), deps: d, langButtons: map[i18n.Lang]*widget.Button{}}
	sh.header = container.NewStack()
	sh.body = container.NewStack()
	win.SetContent(container.NewBorder(sh.header, nil, nil, nil, sh.body))
	sh.buildHeader()
	sh.show(newHomeScreen(sh))
	return sh
}

// load opens the store and loads the built-in scenarios, then fills the home
// screen. Run calls it on its own goroutine so that the first frame does not
// wait for SQLite or the YAML parser; tests call it directly.
func (sh *shell) load() {
	st, storeErr := sh.deps.openStore()
	entries, scErr := sh.deps.loadScenarios()
	var unfinished []store.Exercise
	if st != nil {
		var err error
		if unfinished, err = st.Unfinished(); err != nil {
			storeErr = err
		}
	}
	fyne.Do(func() {
		sh.loaded = true
		sh.store, sh.storeErr = st, storeErr
		sh.scenarios, sh.scenariosErr = entries, scErr
		sh.unfinished = unfinished
		if h, ok := sh.current.(*homeScreen); ok {
			sh.show(h)
		}
	})
}

// reloadUnfinished refreshes the list of exercises that can be resumed, in
// the background, and redraws the home screen if it is still showing.
func (sh *shell) reloadUnfinished() {
	st := sh.store
	if st == nil {
		return
	}
	go func() {
		list, err := st.Unfinished()
		fyne.Do(func() {
			if err != nil {
				sh.storeErr = err
			} else {
				sh.unfinished = list
			}
			if h, ok := sh.current.(*homeScreen); ok {
				sh.show(h)
			}
		})
	}()
}

// show replaces the current screen (or redraws it when s is current).
func (sh *shell) show(s screen) {
	if sh.closed {
		return
	}
	if sh.current != nil && sh.current != s {
		sh.current.stop()
	}
	sh.current = s
	sh.body.Objects = []fyne.CanvasObject{s.build()}
	sh.body.Refresh()
}

// setLang switches the user interface language and rebuilds what is on
// screen. It does not change an exercise's language, which was chosen at
// setup for the participants.
func (sh *shell) setLang(l i18n.Lang) {
	if l == sh.loc.Lang() {
		return
	}
	sh.loc = i18n.New(l)
	sh.buildHeader()
	if sh.current != nil {
		sh.show(sh.current)
	}
}

func (sh *shell) buildHeader() {
	title := widget.NewLabelWithStyle("Firebreak", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	subtitle := faint(sh.loc.T("app.subtitle"), fyne.TextAlignLeading)
	langs := container.NewHBox()
	for _, l := range []i18n.Lang{i18n.ZH, i18n.EN} {
		b := widget.NewButton(l.Name(), func() { sh.setLang(l) })
		if l == sh.loc.Lang() {
			b.Importance = widget.HighImportance
		}
		sh.langButtons[l] = b
		langs.Add(b)
	}
	bar := container.NewBorder(nil, widget.NewSeparator(), container.NewHBox(title, subtitle), langs)
	sh.header.Objects = []fyne.CanvasObject{bar}
	sh.header.Refresh()
}

// close runs when the window closes: the current screen stops its ticker
// and saves the exercise clock.
func (sh *shell) close() {
	if sh.current != nil {
		sh.current.stop()
	}
	sh.closed = true
}

// Navigation.

func (sh *shell) showHome() {
	sh.win.SetTitle("Firebreak")
	sh.show(newHomeScreen(sh))
	sh.reloadUnfinished()
}

func (sh *shell) showSetup(scenarioID string) {
	sh.show(newSetupScreen(sh, sh.scenarios, scenarioID, sh.startExercise))
}

// startExercise is setup's way to start: the exercise is created in the
// store and the console shown.
func (sh *shell) startExercise(cfg engine.Config, title scenario.Text) error {
	if sh.store == nil {
		return sh.noStore()
	}
	run, err := exercise.Start(sh.store, cfg, title, "gui", sh.deps.clock, exercise.EachEvent)
	if err != nil {
		return err
	}
	sh.showExercise(run)
	return nil
}

func (sh *shell) resumeExercise(id string) {
	if sh.store == nil {
		sh.showError(sh.noStore())
		return
	}
	run, err := exercise.Resume(sh.store, id, sh.deps.clock, exercise.EachEvent)
	if err != nil {
		sh.showError(err)
		return
	}
	var ended bool
	run.Session.Read(func(st *engine.State) { ended = st.Ended })
	if ended {
		sh.showDebrief(run.ID)
		return
	}
	sh.showExercise(run)
}

func (sh *shell) showExercise(run *exercise.Running) {
	sh.show(newExerciseScreen(sh, run))
}

func (sh *shell) showDebrief(id string) {
	if sh.store == nil {
		sh.showError(sh.noStore())
		return
	}
	st, err := exercise.Load(sh.store, id)
	if err != nil {
		sh.showError(err)
		return
	}
	sh.win.SetTitle("Firebreak")
	sh.show(newDebriefScreen(sh, st))
}

func (sh *shell) noStore() error {
	if sh.storeErr != nil {
		return sh.storeErr
	}
	return errors.New(sh.loc.T("home.error.no_store"))
}

// showError tells the user something went wrong, in the UI language.
func (sh *shell) showError(err error) {
	showMessage(sh.win, sh.loc, sh.loc.T("common.error"), err.Error())
}

// showMessage shows a dialog whose text wraps (dialog.ShowInformation would
// stretch a long error across the window).
func showMessage(win fyne.Window, loc *i18n.Localizer, title, text string) {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, loc.T("common.ok"), l, win)
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
}
