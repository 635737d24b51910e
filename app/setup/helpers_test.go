package setup

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
)

// field is what the form shown draws for the field labelled by the
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
	t.Fatalf("the form has no %q field", h.loc.T(key))
	return nil
}

// teamEntries are the fields of the teams' names, in order.
func teamEntries(t *testing.T, h *host) []*widget.Entry {
	t.Helper()
	return tree.Find[*widget.Entry](t, field(t, h, "home.teams"))
}

// removeButtons are the buttons beside the teams' names that remove them,
// in order (the Teams field's buttons without a label).
func removeButtons(t *testing.T, h *host) []*ui.KeyButton {
	t.Helper()
	var out []*ui.KeyButton
	for _, b := range tree.Find[*ui.KeyButton](t, field(t, h, "home.teams")) {
		if b.Text == "" {
			out = append(out, b)
		}
	}
	return out
}

// check is the tick box the form shown draws with the translation of key
// as its text, or nil.
func check(t *testing.T, h *host, key string) *widget.Check {
	t.Helper()
	for _, c := range tree.Find[*widget.Check](t, h.win.Content()) {
		if c.Text == h.loc.T(key) {
			return c
		}
	}
	return nil
}
