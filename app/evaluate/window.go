package evaluate

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// Window is an evaluator's window on the facilitator's laptop, opened from
// the console's Evaluate button: it asks the evaluator's name (the seat
// their ticks, ratings and observations are logged under; several
// evaluators may each open one), then shows the evaluator's View on the
// running exercise. It has its own language buttons, so an evaluator
// reads it in theirs whatever the console shows. It serves the View as
// its Host.
type Window struct {
	win        fyne.Window
	loc        *i18n.Localizer
	conn       engine.Conn
	background func(func())
	tickEvery  time.Duration
	name       string // as typed
	nameErr    string
	view       *View
	ticker     *ui.ClockTicker
	closed     bool
}

// OpenWindow shows an evaluator's window in win, in loc's language, on
// the exercise conn: background runs the view's commands (the exercise's
// writes) off the UI goroutine, and the view's clock redraws every
// tickEvery (0: never, as in tests). Closing win stops it.
func OpenWindow(win fyne.Window, loc *i18n.Localizer, conn engine.Conn, background func(func()), tickEvery time.Duration) *Window {
	w := &Window{win: win, loc: loc, conn: conn, background: background, tickEvery: tickEvery}
	win.SetOnClosed(w.stop)
	w.show()
	win.Resize(fyne.NewSize(1024, 600))
	win.Show()
	return w
}

// Loc is the window's language (Host).
func (w *Window) Loc() *i18n.Localizer { return w.loc }

// Window is the window the view is shown in (Host).
func (w *Window) Window() fyne.Window { return w.win }

// Close stops the view and closes the window.
func (w *Window) Close() {
	w.stop()
	w.win.Close()
}

func (w *Window) stop() {
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
func (w *Window) langBar() fyne.CanvasObject {
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
func (w *Window) show() {
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

// start checks the name (a laptop's seat: engine.CheckLaptopSeat) and
// shows the view.
func (w *Window) start() {
	name := strings.TrimSpace(w.name)
	if engine.CheckLaptopSeat(name) != nil {
		w.nameErr = w.loc.T("evaluate.name_error", "n", engine.MaxSeatLen)
		w.show()
		return
	}
	w.nameErr = ""
	w.view = New(w, w.conn, name, w.background)
	if w.tickEvery > 0 {
		w.ticker = ui.StartClockTicker(w.tickEvery, func() { ui.Do(w.tick) })
	}
	w.show()
}

func (w *Window) tick() {
	if !w.closed && w.view != nil {
		w.view.Refresh()
	}
}
