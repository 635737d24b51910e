package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/evaluate"
	"github.com/firebreak-drills/firebreak/app/play"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// An evaluator's window on the facilitator's laptop, opened from the
// console's Evaluate button: it asks the evaluator's name (the seat their
// ticks, ratings and observations are logged under; several evaluators
// may each open one), then shows the evaluator's view (app/evaluate) on
// the running exercise. It has its own language buttons, so an evaluator
// reads it in theirs whatever the console shows. The windows close when
// the exercise's screen gives way to another (the debrief, home) and when
// the app's window closes.

// evalWindow is one evaluator's window. It serves evaluate.Host.
type evalWindow struct {
	sh      *shell
	win     fyne.Window
	loc     *i18n.Localizer
	conn    engine.Conn
	name    string // as typed
	nameErr string
	view    *evaluate.View
	ticker  *ui.ClockTicker
	closed  bool
}

func (w *evalWindow) Loc() *i18n.Localizer { return w.loc }
func (w *evalWindow) Window() fyne.Window  { return w.win }

// openEvaluator opens an evaluator's window on the exercise.
func (sh *shell) openEvaluator(conn engine.Conn) {
	a := fyne.CurrentApp()
	if a == nil {
		return
	}
	w := &evalWindow{sh: sh, win: a.NewWindow(sh.loc.T("evaluate.name_title")), loc: sh.loc, conn: conn}
	w.win.SetOnClosed(w.stop)
	sh.evalWindows = append(sh.evalWindows, w)
	w.show()
	w.win.Resize(fyne.NewSize(1024, 600))
	w.win.Show()
}

// closeEvalWindows closes the evaluators' windows.
func (sh *shell) closeEvalWindows() {
	list := sh.evalWindows
	sh.evalWindows = nil
	for _, w := range list {
		w.stop()
		w.win.Close()
	}
}

func (w *evalWindow) stop() {
	if w.closed {
		return
	}
	w.closed = true
	if w.ticker != nil {
		w.ticker.Stop()
	}
	if w.view != nil {
		w.view.Stop()
	}
}

// langBar is the window's language buttons.
func (w *evalWindow) langBar() fyne.CanvasObject {
	langs := container.NewHBox()
	for _, l := range []i18n.Lang{i18n.ZH, i18n.EN} {
		b := ui.NewButton(l.Name(), func() {
			if l != w.loc.Lang() {
				w.loc = i18n.New(l)
				w.show()
			}
		})
		if l == w.loc.Lang() {
			b.Importance = widget.HighImportance
		}
		langs.Add(b)
	}
	return langs
}

// show draws the window: the name form, or the view.
func (w *evalWindow) show() {
	if w.closed {
		return
	}
	loc := w.loc
	if w.view == nil {
		w.win.SetTitle(loc.T("evaluate.name_title"))
		entry := widget.NewEntry()
		entry.SetText(w.name)
		entry.SetPlaceHolder(loc.T("evaluate.name_placeholder"))
		entry.OnChanged = func(s string) { w.name = s }
		start := ui.NewIconButton(loc.T("evaluate.start"), theme.VisibilityIcon(), w.start)
		start.Importance = widget.HighImportance
		entry.OnSubmitted = func(string) { w.start() }
		problem := ui.Wrapped(w.nameErr)
		problem.Importance = widget.DangerImportance
		if w.nameErr == "" {
			problem.Hide()
		}
		form := container.NewVBox(ui.Heading(loc.T("evaluate.name_title")), ui.Wrapped(loc.T("evaluate.name_help")),
			widget.NewForm(widget.NewFormItem(loc.T("evaluate.name"), entry)), problem, container.NewHBox(ui.Spacer(), start))
		w.win.SetContent(container.NewBorder(container.NewBorder(nil, nil, nil, w.langBar()), nil, nil, nil,
			container.NewPadded(ui.Column(640, form))))
		w.win.Canvas().Focus(entry)
		return
	}
	var title string
	w.conn.Read(func(st *engine.State) {
		if st.Scenario != nil {
			title = st.Scenario.Title.Get(loc.Lang().String())
		}
	})
	w.win.SetTitle(loc.T("evaluate.window_title", "seat", w.view.Seat(), "scenario", title))
	w.view.RestoreDraft(w.view.Draft())
	w.win.SetContent(container.NewBorder(container.NewBorder(nil, nil, nil, w.langBar()), nil, nil, nil,
		container.NewPadded(w.view.Root())))
}

// start checks the name and shows the view.
func (w *evalWindow) start() {
	name := strings.TrimSpace(w.name)
	if engine.CheckLaptopSeat(name) != nil {
		w.nameErr = w.loc.T("evaluate.name_error", "n", engine.MaxSeatLen)
		w.show()
		return
	}
	w.nameErr = ""
	// The exercise is on this laptop: without a worker (tests), a command
	// is stored at once.
	bg := w.sh.deps.background
	if bg == nil {
		bg = func(f func()) { f() }
	}
	w.view = evaluate.New(w, w.conn, name, bg)
	if every := w.sh.deps.tickEvery; every > 0 {
		w.ticker = ui.StartClockTicker(every, func() { ui.Do(w.tick) })
	}
	w.show()
}

func (w *evalWindow) tick() {
	if !w.closed && w.view != nil {
		w.view.Refresh()
	}
}

// evalWindowsFollow closes the evaluators' windows when the exercise's
// screen gives way to another.
func (sh *shell) evalWindowsFollow(s screen) {
	if _, ok := s.(*play.Screen); !ok && len(sh.evalWindows) > 0 {
		sh.closeEvalWindows()
	}
}
