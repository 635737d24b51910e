package fbtheme

import (
	"testing"

	"fyne.io/fyne/v2"

	"github.com/firebreak-drills/firebreak/internal/graph"
)

// TestBundledFontsCoverBranchMapMarks checks the marks the branch map's
// labels add (① ②, ≤ ≥ ≠, × ÷) in both bundled faces.
func TestBundledFontsCoverBranchMapMarks(t *testing.T) {
	th := New()
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		res := th.Font(style)
		has, err := cmap(res.Content())
		if err != nil {
			t.Fatalf("%s: %v", res.Name(), err)
		}
		for _, r := range graph.Glyphs {
			if !has(r) {
				t.Errorf("%s has no glyph for %q (U+%04X), which the branch map draws", res.Name(), r, r)
			}
		}
	}
}
