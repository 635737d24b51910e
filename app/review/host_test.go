package review

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/branchmap"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// host is a window showing one screen at a time on a store, as the app's
// shell does; it records where the screens lead. The comparison it opens
// is the real one; home, the branch map and a resumed exercise are a
// blank screen; ShowDebrief only records (openDebrief opens one).
type host struct {
	t          *testing.T
	win        fyne.Window
	loc        *i18n.Localizer
	current    ui.Screen
	store      *exercise.DB
	background func(func()) // nil: work runs at once (uitest.Inline)
	lanDir     func(exerciseID string) string

	homes    int         // ShowHome calls
	maps     []string    // ShowBranchMap's scenarios
	debriefs []string    // ShowDebrief's exercises
	compared [][2]string // ShowCompare's exercises
	resumed  []string    // ResumeExercise's exercises
	errs     []error     // ShowError's errors
}

// newHost is a host in English on st; the screen shown stops when the
// test ends, as the shell's does when the window closes.
func newHost(t *testing.T, st *exercise.DB) *host {
	h := &host{t: t, win: uitest.Window(t), loc: i18n.New(i18n.EN), store: st}
	t.Cleanup(func() {
		if h.current != nil {
			h.current.Stop()
		}
	})
	return h
}

func (h *host) Window() fyne.Window  { return h.win }
func (h *host) Loc() *i18n.Localizer { return h.loc }
func (h *host) Current() ui.Screen   { return h.current }

func (h *host) Show(s ui.Screen) {
	if h.current != nil && h.current != s {
		h.current.Stop()
	}
	h.current = s
	h.win.SetContent(s.Build())
}

func (h *host) Store() (*exercise.DB, error) {
	if h.store == nil {
		return nil, ui.ErrNoStore
	}
	return h.store, nil
}

func (h *host) Background() func(func()) {
	if h.background == nil {
		return uitest.Inline
	}
	return h.background
}
func (h *host) LanDir() func(exerciseID string) string { return h.lanDir }
func (h *host) ShowError(err error)                    { h.errs = append(h.errs, err) }

func (h *host) ShowHome() {
	h.homes++
	h.Show(&blank{"home"})
}

func (h *host) ShowBranchMap(sc *scenario.Scenario, _ []branchmap.TeamPath, _ func()) {
	h.maps = append(h.maps, sc.ID)
	h.Show(&blank{"branch map"})
}

func (h *host) ShowDebrief(id string) { h.debriefs = append(h.debriefs, id) }

func (h *host) ShowCompare(a, b string, back func()) {
	h.compared = append(h.compared, [2]string{a, b})
	c := NewCompare(h, a, b, back)
	h.Show(c)
	c.Load()
}

func (h *host) ResumeExercise(id string) {
	h.resumed = append(h.resumed, id)
	h.Show(&blank{"exercise"})
}

// setLang switches the language and redraws, as the shell's language
// buttons do.
func (h *host) setLang(l i18n.Lang) {
	if l == h.loc.Lang() {
		return
	}
	h.loc = i18n.New(l)
	if h.current != nil {
		h.Show(h.current)
	}
}

// openDebrief loads the debrief of the exercise id and shows it, as the
// shell does once the log is read.
func (h *host) openDebrief(id string) *Debrief {
	h.t.Helper()
	data, err := LoadDebrief(h.store, id)
	if err != nil {
		h.t.Fatal(err)
	}
	d := NewDebrief(h, data)
	h.Show(d)
	return d
}

// openHistory shows the history and reads it, as the shell does.
func (h *host) openHistory() *History {
	hs := NewHistory(h)
	h.Show(hs)
	hs.Load()
	return hs
}

// blank stands for a screen of another package.
type blank struct{ name string }

func (b *blank) Build() fyne.CanvasObject { return widget.NewLabel(b.name) }
func (b *blank) Stop()                    {}

// shown is the screen shown, as a T; the test fails when it is not one.
func shown[T ui.Screen](t *testing.T, h *host) T {
	t.Helper()
	s, ok := h.current.(T)
	if !ok {
		t.Fatalf("current screen is %T", h.current)
	}
	return s
}
