package engine

import (
	"math"
	"testing"
)

var (
	boxIn   = 37.0 // a variable: a constant is boxed without allocating anyway
	boxSink any
)

// box must give the expression environment the very value it was given:
// a float64 equal to it, with -0's sign kept.
func TestBoxKeepsTheValue(t *testing.T) {
	for _, v := range []float64{0, 1, -1, 42, 100, -1024, 1024, 1025, -1025, 2.5, -0.25, 1e9, math.Copysign(0, -1), math.Inf(1), math.NaN()} {
		got, ok := box(v).(float64)
		if !ok {
			t.Fatalf("box(%v) is a %T, want float64", v, box(v))
		}
		if math.Float64bits(got) != math.Float64bits(v) && !(math.IsNaN(v) && math.IsNaN(got)) {
			t.Errorf("box(%v) = %v (bits %x), want bits %x", v, got, math.Float64bits(got), math.Float64bits(v))
		}
	}
	if n := testing.AllocsPerRun(100, func() { boxSink = box(boxIn) }); n != 0 {
		t.Errorf("box(%v) allocates %v times, want 0", boxIn, n)
	}
}
