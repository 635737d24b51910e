package app

import (
	"context"
	"errors"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/branchmap"
	"github.com/firebreak-drills/firebreak/app/evaluate"
	"github.com/firebreak-drills/firebreak/app/home"
	"github.com/firebreak-drills/firebreak/app/join"
	"github.com/firebreak-drills/firebreak/app/play"
	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/review"
	"github.com/firebreak-drills/firebreak/app/setup"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/lan"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// deps are what the shell needs from the outside world; tests pass a
// store in a temporary directory, a fixed scenario list and a fake clock.
type deps struct {
	openStore     func() (*exercise.DB, error)
	loadScenarios func() ([]library.Entry, error)
	clock         engine.WallClock
	// tickEvery is the exercise clock's refresh interval; zero starts no
	// ticker (tests move the clock themselves and call Session.Tick).
	tickEvery time.Duration
	// userDir is the folder of the facilitator's own scenario files ("" for
	// none); see paths.UserScenarios.
	userDir string
	// background runs slow work (disk, network) off the UI goroutine: the
	// app's runs it on a goroutine that Run waits for before it closes the
	// store; tests' run it at once (uitest.Inline).
	background func(func())
	// chime plays the sound of a decision opening on a tab not shown
	// (chime.go); nil: silent (tests).
	chime func()

	// Several laptops. lanDir is where the host of an exercise keeps its
	// certificate and code (nil: this build does not host); advertise
	// announces a hosted exercise on the local network, browse finds them,
	// join connects a team laptop, returning once the exercise (its
	// scenario) has arrived (nil: not offered).
	lanDir    func(exerciseID string) string
	hostLog   func(format string, args ...any)
	advertise func(play.Announcement) (io.Closer, error)
	browse    func(ctx context.Context, wait time.Duration) ([]join.Found, error)
	join      func(ctx context.Context, req join.Request) (join.Conn, error)
}

// screen is a page of the window (ui.Screen, where the screen packages
// find it).
type screen = ui.Screen

// shell is the app's single window: a header with the language switch,
// always visible, above the current screen.
type shell struct {
	win  fyne.Window
	loc  *i18n.Localizer
	deps deps

	// Filled by load, on the UI goroutine.
	loaded       bool
	store        *exercise.DB
	storeErr     error
	scenarios    []library.Entry
	scenariosErr error
	unfinished   []exercise.Summary
	exercises    int                 // how many exercises the database holds, for the home screen
	reminders    []exercise.Reminder // next drills near or past, for the home screen
	user         []home.UserScenario // from deps.userDir, usable or not
	userErr      error               // the folder could not be read
	opened       []library.Entry     // files opened with the file dialog this session

	body        *fyne.Container
	header      *fyne.Container
	langButtons map[i18n.Lang]*ui.KeyButton
	current     screen
	closed      bool
	// evalWindows are the evaluators' windows open (evaluatehost.go).
	evalWindows []*evaluate.Window
	// hotwash is the network host of an exercise ended, kept for the
	// team laptops' feedback while its debrief is shown (hotwash.go).
	hotwash *play.Hosting
}

func newShell(win fyne.Window, lang i18n.Lang, d deps) *shell {
	sh := &shell{win: win, loc: i18n.New(lang), deps: d, langButtons: map[i18n.Lang]*ui.KeyButton{}}
	sh.header = container.NewStack()
	sh.body = container.NewStack()
	win.SetContent(container.NewBorder(sh.header, nil, nil, nil, sh.body))
	sh.buildHeader()
	sh.Show(home.New(homeHost{sh}))
	return sh
}

// load opens the store and loads the built-in scenarios, then fills the home
// screen. Run calls it on its own goroutine so that the first frame does not
// wait for SQLite or the YAML parser; tests call it directly.
func (sh *shell) load() {
	st, storeErr := sh.deps.openStore()
	entries, scErr := sh.deps.loadScenarios()
	user, userErr := home.LoadUserScenarios(sh.deps.userDir)
	var unfinished []exercise.Summary
	var all []exercise.Summary
	var reminders []exercise.Reminder
	if st != nil {
		var err error
		if unfinished, err = st.Unfinished(); err != nil {
			storeErr = err
		} else if all, err = st.Exercises(); err != nil {
			storeErr = err
		} else if reminders, err = st.Reminders(sh.today()); err != nil {
			storeErr = err
		}
	}
	ui.Do(func() {
		sh.loaded = true
		sh.store, sh.storeErr = st, storeErr
		sh.scenarios, sh.scenariosErr = entries, scErr
		sh.user, sh.userErr = user, userErr
		sh.unfinished, sh.exercises, sh.reminders = unfinished, len(all), reminders
		if h, ok := sh.current.(*home.Screen); ok {
			sh.Show(h)
			if saved, joined := loadSavedJoin(); joined && !saved.Left && sh.deps.join != nil {
				// A team laptop restarted in the middle of an exercise
				// goes back to it by itself.
				sh.showJoin()
			}
		}
	})
}

// inBackground runs slow work (disk, network) through deps.background.
func (sh *shell) inBackground(work func()) { sh.deps.background(work) }

// reload refreshes the list of exercises that can be resumed and re-reads
// the user scenario folder (an author may have fixed a file meanwhile), in
// the background, and redraws the home screen if it is still showing.
func (sh *shell) reload() {
	if !sh.loaded {
		return // load will draw the home screen
	}
	st := sh.store
	sh.inBackground(func() {
		var list, all []exercise.Summary
		var reminders []exercise.Reminder
		var err error
		if st != nil {
			if list, err = st.Unfinished(); err == nil {
				if all, err = st.Exercises(); err == nil {
					reminders, err = st.Reminders(sh.today())
				}
			}
		}
		user, userErr := home.LoadUserScenarios(sh.deps.userDir)
		ui.Do(func() {
			sh.user, sh.userErr = user, userErr
			switch {
			case st == nil:
			case err != nil:
				sh.storeErr = err
			default:
				sh.unfinished, sh.exercises, sh.reminders = list, len(all), reminders
			}
			if h, ok := sh.current.(*home.Screen); ok {
				sh.Show(h)
			}
		})
	})
}

// Loc is the window's localizer, in the language now shown.
func (sh *shell) Loc() *i18n.Localizer { return sh.loc }

// Show replaces the current screen (or redraws it when s is current).
func (sh *shell) Show(s screen) {
	if sh.closed {
		return
	}
	if sh.current != nil && sh.current != s {
		sh.current.Stop()
	}
	sh.followHotwash(s)
	sh.evalWindowsFollow(s)
	sh.current = s
	sh.body.Objects = []fyne.CanvasObject{s.Build()}
	sh.body.Refresh()
}

// langPref is the preference that remembers the language last chosen, so
// a laptop set to 中文 opens in 中文 after a restart.
const langPref = "lang"

// savedLang is the language last chosen on this computer, or the system's
// (i18n.Default) when none was chosen yet.
func savedLang(p fyne.Preferences) i18n.Lang {
	if l, ok := i18n.Parse(p.String(langPref)); ok {
		return l
	}
	return i18n.Default()
}

// setLang switches the user interface language and rebuilds what is on
// screen. It does not change an exercise's language, which was chosen at
// setup for the participants.
func (sh *shell) setLang(l i18n.Lang) {
	if l == sh.loc.Lang() {
		return
	}
	sh.loc = i18n.New(l)
	if a := fyne.CurrentApp(); a != nil {
		a.Preferences().SetString(langPref, l.String())
	}
	sh.buildHeader()
	if sh.current != nil {
		sh.Show(sh.current)
	}
}

func (sh *shell) buildHeader() {
	title := widget.NewLabelWithStyle("Firebreak", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	subtitle := ui.Faint(sh.loc.T("app.subtitle"), fyne.TextAlignLeading)
	langs := container.NewHBox()
	for _, l := range []i18n.Lang{i18n.ZH, i18n.EN} {
		b := ui.NewButton(l.Name(), func() { sh.setLang(l) })
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
		sh.current.Stop()
	}
	sh.closeEvalWindows()
	sh.stopHotwash()
	sh.closed = true
}

// Navigation.

func (sh *shell) showHome() {
	sh.win.SetTitle("Firebreak")
	sh.Show(home.New(homeHost{sh}))
	sh.reload()
}

// showSetup opens the setup form with the scenario e chosen.
func (sh *shell) showSetup(e library.Entry) {
	sh.Show(setup.New(setupHost{screenHost{sh}}, sh.playable(), e))
}

// playable lists every scenario that can be set up: the built-ins, the
// usable files of the user folder and the files opened this session.
func (sh *shell) playable() []library.Entry {
	out := append([]library.Entry(nil), sh.scenarios...)
	seen := map[string]bool{}
	for _, e := range out {
		seen[e.File] = true
	}
	add := func(e library.Entry) {
		if !seen[e.File] {
			seen[e.File] = true
			out = append(out, e)
		}
	}
	for _, u := range sh.user {
		if u.OK() {
			add(u.Entry)
		}
	}
	for _, e := range sh.opened {
		add(e)
	}
	return out
}

// showBranchMap shows a scenario's branch map, with the teams' paths when
// there are teams; back returns to where it was opened.
func (sh *shell) showBranchMap(sc *scenario.Scenario, teams []branchmap.TeamPath, back func()) {
	sh.Show(branchmap.New(sh, sc, teams, back))
}

// showFindings shows what is wrong with a scenario file.
func (sh *shell) showFindings(u home.UserScenario, back func()) {
	sh.Show(home.NewFindings(sh, u, back))
}

// openScenarioFile asks for a scenario file with the file dialog and
// opens it (see openScenario).
func (sh *shell) openScenarioFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err == nil && r == nil {
			return // cancelled
		}
		if err != nil {
			sh.showError(err)
			return
		}
		name := r.URI().Path()
		if name == "" {
			name = r.URI().String()
		}
		// Reading and checking the file (and its pictures) is disk work:
		// not on the UI goroutine.
		sh.inBackground(func() {
			defer r.Close()
			u := home.ReadScenario(name, r)
			ui.Do(func() { sh.openScenario(u) })
		})
	}, sh.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".yaml", ".yml"}))
	if dir := sh.deps.userDir; dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.SetConfirmText(sh.loc.T("home.open"))
	d.SetDismissText(sh.loc.T("common.cancel"))
	d.Show()
	d.Resize(fyne.NewSize(900, 600))
}

// openScenario goes on with a scenario file the user picked: to its
// findings when it cannot be used, else to the setup form with it chosen.
func (sh *shell) openScenario(u home.UserScenario) {
	if !u.OK() {
		sh.showFindings(u, sh.showHome)
		return
	}
	for i, e := range sh.opened {
		if e.File == u.Entry.File {
			sh.opened = append(sh.opened[:i:i], sh.opened[i+1:]...)
			break
		}
	}
	sh.opened = append(sh.opened, u.Entry)
	sh.showSetup(u.Entry)
}

// startExercise is setup's way to start: the exercise is created in the
// store and the console shown. With several, the exercise is served to
// team laptops on the local network as well.
func (sh *shell) startExercise(cfg engine.Config, title scenario.Text, opts setup.StartOptions, done func(error)) {
	several, pin := opts.Several, opts.PIN
	if sh.store == nil {
		done(sh.noStore())
		return
	}
	if several && sh.deps.lanDir == nil {
		done(errors.New(sh.loc.T("setup.error.cannot_host")))
		return
	}
	// Writing the exercise (an fsync) and starting the network server
	// happen off the UI goroutine; setup shows it is starting meanwhile.
	st, clock, lanDir, advertise, hostLog := sh.store, sh.deps.clock, sh.deps.lanDir, sh.deps.advertise, sh.deps.hostLog
	sh.inBackground(func() {
		run, err := exercise.Start(st, cfg, title, "gui", clock, exercise.EachEvent)
		var orgErr error
		if err == nil && opts.Organisation != "" {
			// Filed in the training programme; the exercise runs either way.
			orgErr = st.SetOrganisation(run.ID, opts.Organisation)
		}
		var hs *play.Hosting
		if err == nil && several {
			// The exercise is stored and paused when this fails (a
			// *lan.HostError, which says so in the UI language); Resume on
			// the home screen tries the network again.
			hs, err = play.StartHosting(run, lanDir(run.ID), advertise, hostLog)
		}
		ui.Do(func() {
			if err != nil {
				done(err)
				return
			}
			if sh.closed {
				if hs != nil {
					hs.Close(false)
				}
				return
			}
			if a := fyne.CurrentApp(); a != nil {
				if pin != "" {
					a.Preferences().SetString(prefs.PIN(run.ID), prefs.HashPIN(pin))
				}
				if opts.AutoPause && !several {
					a.Preferences().SetBool(prefs.AutoPause(run.ID), true)
				}
				a.Preferences().SetString(prefs.LastOrganisation, opts.Organisation)
			}
			sh.showExercise(run, hs)
			if e, ok := sh.current.(*play.Screen); ok {
				// The facilitator has just typed the PIN: the console starts
				// open and locks when a team's tab is shown. (A resumed one
				// starts locked: anyone may be at the laptop.)
				e.OpenConsole()
			}
			if orgErr != nil {
				sh.showError(orgErr)
			}
			done(nil)
		})
	})
}

func (sh *shell) resumeExercise(id string) {
	if sh.store == nil {
		sh.showError(sh.noStore())
		return
	}
	// Reading and folding the whole log, and starting the network for a
	// hosted exercise, take a while: off the UI goroutine, with a
	// loading screen meanwhile.
	sh.Show(ui.NewLoadingScreen(sh.Loc, "loading.resume"))
	st, clock, lanDir := sh.store, sh.deps.clock, sh.deps.lanDir
	advertise, hostLog := sh.deps.advertise, sh.deps.hostLog
	sh.inBackground(func() {
		run, events, err := exercise.ResumeWithLog(st, id, clock, exercise.EachEvent)
		var ended bool
		var hs *play.Hosting
		var h ui.WorldHistories
		if err == nil {
			run.Session.Read(func(st *engine.State) { ended = st.Ended })
		}
		if err == nil && !ended {
			if lanDir != nil && lan.HostedIn(lanDir(run.ID)) {
				// Played on several laptops: serve it again where the
				// teams knew it, so that they reconnect by themselves.
				hs, err = play.StartHosting(run, lanDir(run.ID), advertise, hostLog)
			}
			// The trend lines are drawn from the log, as they were before.
			h = ui.HistoriesFrom(events)
		}
		ui.Do(func() {
			switch {
			case sh.closed:
				if hs != nil {
					hs.Close(false) // the window went meanwhile
				}
				if run != nil {
					_ = run.SaveClock()
				}
			case err != nil:
				sh.showHome()
				sh.showError(err)
			case ended:
				sh.showDebrief(run.ID)
			default:
				sh.showExerciseFrom(run, hs, h)
			}
		})
	})
}

// showJoin opens the join screen of a team laptop. When the laptop was in
// an exercise that has not ended (it was restarted, or the app closed), it
// rejoins at once.
func (sh *shell) showJoin() {
	host := joinHost{screenHost{sh}}
	j := join.New(host, host.config())
	sh.Show(j)
	j.Start()
}

func (sh *shell) showExercise(run *exercise.Running, hs *play.Hosting) {
	sh.showExerciseFrom(run, hs, ui.WorldHistories{})
}

// showExerciseFrom is showExercise with the teams' world histories so far
// (a resumed exercise's).
func (sh *shell) showExerciseFrom(run *exercise.Running, hs *play.Hosting, h ui.WorldHistories) {
	host := playHost{screenHost{sh}}
	sh.Show(play.New(host, host.config(), run, hs, h))
}

func (sh *shell) showDebrief(id string) {
	if sh.store == nil {
		sh.showError(sh.noStore())
		return
	}
	// The debrief folds the whole log: off the UI goroutine.
	sh.Show(ui.NewLoadingScreen(sh.Loc, "loading.debrief"))
	st := sh.store
	sh.inBackground(func() {
		data, err := review.LoadDebrief(st, id)
		ui.Do(func() {
			switch {
			case sh.closed:
			case err != nil:
				sh.showHome()
				sh.showError(err)
			default:
				sh.win.SetTitle("Firebreak")
				sh.Show(review.NewDebrief(reviewHost{screenHost{sh}}, data))
			}
		})
	})
}

func (sh *shell) noStore() error {
	if sh.storeErr != nil {
		return sh.storeErr
	}
	return ui.ErrNoStore
}

// showError tells the user something went wrong, in the UI language.
func (sh *shell) showError(err error) {
	ui.ShowMessage(sh.win, sh.loc, sh.loc.T("common.error"), ui.ErrorText(sh.loc, err))
}
