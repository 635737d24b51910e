package tree

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
)

// Around lists the containers drawn in o (where Find looks) that hold a
// label, a widget.Label or a ui.WrapLabel, whose text is text: cards by
// their heading, in drawing order.
func Around(t *testing.T, o fyne.CanvasObject, text string) []*fyne.Container {
	t.Helper()
	var out []*fyne.Container
	for _, c := range Find[*fyne.Container](t, o) {
		for _, obj := range c.Objects {
			l, ok := obj.(*widget.Label)
			w, wok := obj.(*ui.WrapLabel)
			if (ok && l.Text == text) || (wok && w.Text == text) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}
