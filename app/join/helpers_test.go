package join

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// host is a window showing one screen at a time, as the app's shell does.
type host struct {
	win     fyne.Window
	loc     *i18n.Localizer
	current ui.Screen
	homes   int // how many times ShowHome was called
}

// newHost is a host in a test window (a test app in the app's theme) in
// lang; the screen shown is stopped when the test ends, as the shell stops
// it when the window closes.
func newHost(t *testing.T, lang i18n.Lang) *host {
	h := &host{win: uitest.Window(t), loc: i18n.New(lang)}
	t.Cleanup(func() {
		if h.current != nil {
			h.current.Stop()
		}
	})
	return h
}

func (h *host) Window() fyne.Window { return h.win }

func (h *host) Loc() *i18n.Localizer { return h.loc }

func (h *host) Show(s ui.Screen) {
	if h.current != nil && h.current != s {
		h.current.Stop()
	}
	h.current = s
	h.win.SetContent(s.Build())
}

func (h *host) Current() ui.Screen { return h.current }

func (h *host) ShowHome() {
	h.homes++
	h.Show(home{})
}

// open shows the join screen as the shell does and returns it.
func (h *host) open(cfg Config) *Screen {
	if cfg.Background == nil {
		cfg.Background = uitest.Inline
	}
	j := New(h, cfg)
	h.Show(j)
	j.Start()
	return j
}

// currentAs is the screen shown, which the test fails unless it is the
// join screen.
func currentAs(t *testing.T, h *host) *Screen {
	t.Helper()
	j, ok := h.current.(*Screen)
	if !ok {
		t.Fatalf("current screen is %T", h.current)
	}
	return j
}

// home is the home screen.
type home struct{}

func (home) Build() fyne.CanvasObject { return widget.NewLabel("home") }
func (home) Stop()                    {}

// field is what the join form shown draws for the field labelled by the
// translation of key; the test fails when there is none.
func field(t *testing.T, h *host, key string) fyne.CanvasObject {
	t.Helper()
	for _, f := range tree.Find[*widget.Form](t, h.win.Content()) {
		for _, it := range f.Items {
			if it.Text == h.loc.T(key) {
				return it.Widget
			}
		}
	}
	t.Fatalf("the join form has no %q field", h.loc.T(key))
	return nil
}

// entry is the text box of the join form's field labelled by the
// translation of key (the address, the code).
func entry(t *testing.T, h *host, key string) *widget.Entry {
	t.Helper()
	return tree.Find[*widget.Entry](t, field(t, h, key))[0]
}

// buttons are the buttons drawn in the window whose text is label.
func buttons(t *testing.T, h *host, label string) []*ui.KeyButton {
	t.Helper()
	var out []*ui.KeyButton
	for _, b := range tree.Find[*ui.KeyButton](t, h.win.Content()) {
		if b.Text == label {
			out = append(out, b)
		}
	}
	return out
}
