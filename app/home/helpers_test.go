package home

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
)

// card is the first card drawn in the window that holds a label reading
// text (a scenario's title, a broken file's path, an exercise's teams); the
// test fails when there is none.
func card(t *testing.T, h *host, text string) *fyne.Container {
	t.Helper()
	cards := tree.Around(t, h.win.Content(), text)
	if len(cards) == 0 {
		t.Fatalf("no card holds %q in:\n%s", text, tree.AllText(h.win.Content()))
	}
	return cards[0]
}

// scenarioCard is the card of the scenario file file, found by its title
// in the language shown.
func scenarioCard(t *testing.T, h *host, file string) *fyne.Container {
	t.Helper()
	entries := append(h.lists.Scenarios, h.lists.Opened...)
	for _, u := range h.lists.User {
		entries = append(entries, u.Entry)
	}
	for _, e := range entries {
		if e.File == file && e.Scenario != nil {
			return card(t, h, e.Scenario.Title.Get(h.loc.Lang().String()))
		}
	}
	t.Fatalf("%s is no scenario the home screen lists", file)
	return nil
}

// button is the button drawn in o whose text is label, or nil.
func button(t *testing.T, o fyne.CanvasObject, label string) *ui.KeyButton {
	t.Helper()
	for _, b := range tree.Find[*ui.KeyButton](t, o) {
		if b.Text == label {
			return b
		}
	}
	return nil
}

// findingRows are the rows of the findings screen shown, one a finding.
func findingRows(t *testing.T, h *host) []*ui.WrapLabel {
	t.Helper()
	return tree.Find[*ui.WrapLabel](t, tree.Find[*container.Scroll](t, h.win.Content())[0].Content)
}
