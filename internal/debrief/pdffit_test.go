package debrief

import (
	"math"
	"testing"
)

// A column too narrow for its heading's longest word is widened, the room
// coming from the columns with some to spare, and the table keeps its width.
func TestFitWidthsKeepsHeadingWordsWhole(t *testing.T) {
	got := fitWidths([]float64{200, 40, 30, 40}, []float64{60, 30, 45, 30})
	if got[2] != 45 {
		t.Errorf("the narrow column is %v wide, want its need 45", got[2])
	}
	sum := 0.0
	for i, w := range got {
		sum += w
		if w < []float64{60, 30, 45, 30}[i] {
			t.Errorf("column %d shrank below its need: %v", i, w)
		}
	}
	if math.Abs(sum-310) > 1e-9 {
		t.Errorf("the table is %v wide, want 310", sum)
	}
	if got[0] >= 200 || got[1] >= 40 {
		t.Errorf("the room did not come from the columns with spare: %v", got)
	}
	if same := fitWidths([]float64{50, 50}, []float64{10, 10}); same[0] != 50 || same[1] != 50 {
		t.Errorf("columns wide enough were changed: %v", same)
	}
}
