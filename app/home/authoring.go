package home

import (
	"net/url"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/branchmap"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/authoring"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// AuthoringHost is what the authoring view needs from the window.
type AuthoringHost interface {
	// Loc is the localizer of the language now shown.
	Loc() *i18n.Localizer
	// Show shows a screen (the view itself, redrawn, when the file
	// changes).
	Show(ui.Screen)
}

// WatchEvery is how often the authoring view looks at its file.
const WatchEvery = time.Second

// Authoring is a scenario file of the user's as it is being edited in a
// text editor: its path (with a button to open its folder), when it was
// last checked, an error panel while it does not load, its findings and
// its branch map, both redrawn each time the file is saved. A watcher
// (authoring.Watch) polls the file on its own goroutine and reads and
// checks it there; the results come to the UI goroutine through fyne.Do.
// Stop ends the watcher.
type Authoring struct {
	host AuthoringHost
	file string
	back func()

	watcher *authoring.Watcher
	stopped bool

	// What the watcher found last (UI goroutine only).
	loaded   bool         // read at least once
	u        UserScenario // the file as last read
	missing  bool         // the file is not there
	lastGood *scenario.Scenario
	checked  time.Time // the last poll
	tab      int       // the tab shown

	// What Build drew.
	status *ui.WrapLabel
	panel  fyne.CanvasObject // the error panel, or nil
	tabs   *container.AppTabs
}

// NewAuthoring is the authoring view of file; back leaves it.
func NewAuthoring(host AuthoringHost, file string, back func()) *Authoring {
	return &Authoring{host: host, file: file, back: back}
}

// start begins watching the file, once.
func (a *Authoring) start() {
	if a.watcher != nil || a.stopped {
		return
	}
	file := a.file
	a.watcher = authoring.Watch(file, WatchEvery, func(s authoring.Stamp) {
		// On the watcher's goroutine: read and check the file here.
		u := loadScenarioFile(file)
		now := time.Now()
		ui.Do(func() { a.loadedFile(u, s.Missing, now) })
	}, func() {
		now := time.Now()
		ui.Do(func() { a.polled(now) })
	})
}

// loadedFile takes what the watcher read and redraws the view.
func (a *Authoring) loadedFile(u UserScenario, missing bool, at time.Time) {
	if a.stopped {
		return
	}
	a.loaded, a.u, a.missing, a.checked = true, u, missing, at
	if u.OK() {
		a.lastGood = u.Entry.Scenario
	}
	a.host.Show(a)
}

// polled notes a poll that found nothing new.
func (a *Authoring) polled(at time.Time) {
	if a.stopped {
		return
	}
	a.checked = at
	if a.status != nil {
		a.status.SetText(a.statusText())
	}
}

// Stop ends the watcher (and waits for its goroutine); what it sends
// afterwards is dropped.
func (a *Authoring) Stop() {
	a.stopped = true
	if a.watcher != nil {
		a.watcher.Stop()
	}
}

func (a *Authoring) statusText() string {
	loc := a.host.Loc()
	if !a.loaded {
		return loc.T("wizard.checking")
	}
	nErr, nWarn := len(a.u.Problems.Errors()), len(a.u.Problems.Warnings())
	if a.u.Err != nil {
		nErr++
	}
	return loc.T("wizard.last_checked", "time", a.checked.Format("15:04:05"), "errors", nErr, "warnings", nWarn)
}

// Build draws the view in the host's language and starts the watcher the
// first time.
func (a *Authoring) Build() fyne.CanvasObject {
	a.start()
	loc := a.host.Loc()
	back := ui.NewIconButton(loc.T("common.back"), theme.NavigateBackIcon(), a.back)
	openDir := ui.NewIconButton(loc.T("wizard.open_folder"), theme.FolderOpenIcon(), a.openFolder)
	copyPath := ui.NewIconButton(loc.T("wizard.copy_path"), theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(a.file)
	})
	path := ui.Muted(loc.T("wizard.path", "path", a.file))
	path.Selectable = true
	a.status = ui.Wrapped(a.statusText())
	head := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(openDir, copyPath, back),
			ui.WrappedHeading(loc.T("wizard.authoring_title", "file", filepath.Base(a.file)))),
		path,
		ui.Muted(loc.T("wizard.edit_hint")),
		a.status,
	)
	a.panel = nil
	if a.loaded && (!a.u.OK() || a.missing) {
		a.panel = a.errorPanel(loc)
	}

	var findings fyne.CanvasObject = ui.Muted(loc.T("wizard.checking"))
	n := 0
	if a.loaded {
		findings = findingsList(loc, a.u)
		n = len(a.u.Findings(loc))
	}
	var bmap fyne.CanvasObject = container.NewPadded(ui.Muted(loc.T("wizard.no_map")))
	if a.lastGood != nil {
		bmap = branchmap.New(a.host, a.lastGood, nil, a.back).InPart().Build()
	}
	a.tabs = container.NewAppTabs(
		container.NewTabItem(loc.T("wizard.tab_findings", "n", n), container.NewVScroll(container.NewPadded(findings))),
		container.NewTabItem(loc.T("wizard.tab_map"), bmap),
	)
	a.tabs.SelectIndex(a.tab)
	a.tabs.OnSelected = func(*container.TabItem) { a.tab = a.tabs.SelectedIndex() }
	if a.panel == nil {
		return container.NewBorder(container.NewPadded(head), nil, nil, nil, a.tabs)
	}
	// The error panel scrolls in its own part, so that on a small screen
	// the findings and the map keep room below it.
	split := container.NewVSplit(container.NewVScroll(container.NewPadded(a.panel)), a.tabs)
	split.SetOffset(0.3)
	return container.NewBorder(container.NewPadded(head), nil, nil, nil, split)
}

// errorPanel says why the file cannot be used now: its errors with their
// line and column, in the UI language.
func (a *Authoring) errorPanel(loc *i18n.Localizer) fyne.CanvasObject {
	title := ui.WrappedBold(loc.T("wizard.broken"))
	title.Importance = widget.DangerImportance
	objs := []fyne.CanvasObject{title}
	if a.missing {
		l := ui.Wrapped(loc.T("wizard.missing"))
		l.Importance = widget.DangerImportance
		objs = append(objs, l)
	} else {
		// Named by the file's name: its path is in the line above.
		short := a.u
		short.Entry.File = filepath.Base(a.u.Entry.File)
		short.Problems = make(scenario.Problems, len(a.u.Problems))
		for i, p := range a.u.Problems {
			p.File = filepath.Base(p.File)
			short.Problems[i] = p
		}
		for i, line := range short.Findings(loc) {
			if short.isWarning(i) {
				continue
			}
			l := ui.Wrapped(line)
			l.Importance = widget.DangerImportance
			l.Selectable = true
			objs = append(objs, l)
			if len(objs) > 3 { // the first three; the rest are in the findings
				break
			}
		}
	}
	if a.lastGood != nil {
		objs = append(objs, ui.Muted(loc.T("wizard.broken_map")))
	}
	return ui.Panel(objs...)
}

// openFolder opens the file's folder in the system's file manager.
func (a *Authoring) openFolder() {
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Dir(a.file))}
	_ = fyne.CurrentApp().OpenURL(u)
}
