package debrief

import (
	"slices"
	"testing"
)

// The axes the exports draw, and the app's charts with them.
func TestChartTicks(t *testing.T) {
	if got := ScoreTicks(); !slices.Equal(got, []float64{0, 25, 50, 75, 100}) {
		t.Errorf("ScoreTicks() = %v", got)
	}
	if got := ValueTicks(0, 100); !slices.Equal(got, []float64{0, 20, 40, 60, 80, 100}) {
		t.Errorf("ValueTicks(0, 100) = %v", got)
	}
	for _, c := range []struct {
		total float64
		want  []float64
	}{
		{1, []float64{0, 1}},
		{34, []float64{0, 5, 10, 15, 20, 25, 30}},
		{100, []float64{0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100}},
		{180, []float64{0, 20, 40, 60, 80, 100, 120, 140, 160, 180}},
	} {
		if got := MinuteTicks(c.total); !slices.Equal(got, c.want) {
			t.Errorf("MinuteTicks(%g) = %v, want %v", c.total, got, c.want)
		}
	}
}
