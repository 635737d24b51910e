package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// glyphs is what a GlyphText draws, character by character.
func glyphs(t *testing.T, g *GlyphText) []*canvas.Text {
	t.Helper()
	var out []*canvas.Text
	for _, o := range test.TempWidgetRenderer(t, g).Objects() {
		out = append(out, o.(*canvas.Text))
	}
	return out
}

// A clock that ticks changes only the characters that changed: the others
// keep their texts (and so their textures), and the characters sit side by
// side in order, as wide as one text of the same string.
func TestGlyphTextRefreshesOnlyChangedCharacters(t *testing.T) {
	goldenWindow(t, 300, 80)
	g := NewGlyphText("00:10:09")
	g.TextSize, g.TextStyle = 44, fyne.TextStyle{Monospace: true, Bold: true}
	g.Refresh()
	before := glyphs(t, g)
	if len(before) != 8 {
		t.Fatalf("%d texts for 8 characters", len(before))
	}
	g.SetText("00:10:10")
	after := glyphs(t, g)
	var s string
	for i, c := range after {
		if c != before[i] {
			t.Fatalf("character %d was replaced", i)
		}
		s += c.Text
	}
	if s != "00:10:10" || g.Text != "00:10:10" {
		t.Errorf("shows %q (Text %q), want 00:10:10", s, g.Text)
	}
	whole := fyne.MeasureText("00:10:10", 44, g.TextStyle)
	if got := g.MinSize(); got.Width < whole.Width-1 || got.Width > whole.Width+1 || got.Height != whole.Height {
		t.Errorf("MinSize %v, one text of the same string measures %v", got, whole)
	}
	for i := 1; i < len(after); i++ {
		if prev := after[i-1]; after[i].Position().X != prev.Position().X+prev.Size().Width {
			t.Errorf("character %d at %v, not after %d", i, after[i].Position(), i-1)
		}
	}
}

// A text of another length is drawn anew with as many characters.
func TestGlyphTextLengthChange(t *testing.T) {
	goldenWindow(t, 300, 80)
	g := NewGlyphText("9:59")
	g.SetText("10:00")
	var s string
	for _, c := range glyphs(t, g) {
		s += c.Text
	}
	if s != "10:00" {
		t.Errorf("shows %q, want 10:00", s)
	}
}
