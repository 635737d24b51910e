package ui

import (
	"slices"
	"testing"
	"time"
)

const min_ = time.Minute // short for the tables

func TestWorldHistoryAdd(t *testing.T) {
	type add struct {
		at    time.Duration
		world map[string]float64
		kept  bool
	}
	w := func(a, b float64) map[string]float64 { return map[string]float64{"a": a, "b": b} }
	tests := []struct {
		name string
		adds []add
		want []time.Duration // sample times
		last map[string]float64
	}{
		{"first sample is kept", []add{{0, w(1, 2), true}}, []time.Duration{0}, w(1, 2)},
		{"unchanged world is not", []add{{0, w(1, 2), true}, {min_, w(1, 2), false}, {2 * min_, w(1, 2), false}},
			[]time.Duration{0}, w(1, 2)},
		{"a change is", []add{{0, w(1, 2), true}, {min_, w(1, 2), false}, {5 * min_, w(1, 3), true}},
			[]time.Duration{0, 5 * min_}, w(1, 3)},
		{"a change at the same time replaces", []add{{0, w(1, 2), true}, {5 * min_, w(1, 3), true}, {5 * min_, w(4, 3), true}},
			[]time.Duration{0, 5 * min_}, w(4, 3)},
		{"back to the previous value at the same time drops the step", []add{{0, w(1, 2), true}, {5 * min_, w(1, 3), true}, {5 * min_, w(1, 2), true}},
			[]time.Duration{0}, w(1, 2)},
		{"an earlier time counts as the last", []add{{0, w(1, 2), true}, {5 * min_, w(1, 3), true}, {3 * min_, w(9, 3), true}},
			[]time.Duration{0, 5 * min_}, w(9, 3)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var h WorldHistory
			for i, a := range tc.adds {
				world := a.world
				if got := h.Add(a.at, world); got != a.kept {
					t.Errorf("add %d: kept = %v, want %v", i, got, a.kept)
				}
				world["a"] = -1 // the history keeps a copy
			}
			var times []time.Duration
			for _, s := range h.Samples {
				times = append(times, s.At)
			}
			if !slices.Equal(times, tc.want) {
				t.Errorf("samples at %v, want %v", times, tc.want)
			}
			if last := h.Samples[len(h.Samples)-1].Values; last["b"] != tc.last["b"] || last["a"] != tc.last["a"] {
				t.Errorf("last sample %v, want %v", last, tc.last)
			}
		})
	}
}

func TestWorldHistoryBounded(t *testing.T) {
	var h WorldHistory
	for i := range MaxHistory + 10 {
		h.Add(time.Duration(i)*time.Second, map[string]float64{"a": float64(i)})
	}
	if n := len(h.Samples); n > MaxHistory || n < MaxHistory/2 {
		t.Errorf("%d samples kept, want between %d and %d", n, MaxHistory/2, MaxHistory)
	}
	if last := h.Samples[len(h.Samples)-1].Values["a"]; last != MaxHistory+9 {
		t.Errorf("the newest sample was dropped: last = %g", last)
	}
}

func TestWorldHistorySeries(t *testing.T) {
	var h WorldHistory
	h.Add(0, map[string]float64{"a": 10, "b": 0})
	h.Add(5*min_, map[string]float64{"a": 20, "b": 0})
	h.Add(7*min_, map[string]float64{"a": 20, "b": 1}) // only b changed
	h.Add(40*min_, map[string]float64{"a": 5, "b": 1})
	tests := []struct {
		name     string
		id       string
		from, to time.Duration
		want     []Point
	}{
		{"whole", "a", 0, 60 * min_, []Point{{0, 10}, {5 * min_, 20}, {40 * min_, 5}}},
		{"window starts between samples", "a", 6 * min_, 36 * min_, []Point{{6 * min_, 20}}},
		{"window ends before a change", "a", 0, 4 * min_, []Point{{0, 10}}},
		{"window starts at a sample", "a", 5 * min_, 60 * min_, []Point{{5 * min_, 20}, {40 * min_, 5}}},
		{"other variable", "b", 0, 60 * min_, []Point{{0, 0}, {7 * min_, 1}}},
		{"unknown variable", "c", 0, 60 * min_, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := h.Series(tc.id, tc.from, tc.to); !slices.Equal(got, tc.want) {
				t.Errorf("series = %v, want %v", got, tc.want)
			}
		})
	}
	// A history that starts inside the window (a view opened late) starts
	// its chart there, not at the window's start.
	var late WorldHistory
	late.Add(20*min_, map[string]float64{"a": 3})
	if got := late.Series("a", 0, 30*min_); !slices.Equal(got, []Point{{20 * min_, 3}}) {
		t.Errorf("late history = %v", got)
	}
}

func TestChartWindow(t *testing.T) {
	for _, tc := range []struct{ now, from, to time.Duration }{
		{0, 0, 0}, {10 * min_, 0, 10 * min_}, {45 * min_, 15 * min_, 45 * min_},
	} {
		if from, to := ChartWindow(tc.now); from != tc.from || to != tc.to {
			t.Errorf("chartWindow(%v) = %v, %v; want %v, %v", tc.now, from, to, tc.from, tc.to)
		}
	}
}

func TestVariablePolarityAndHealth(t *testing.T) {
	for id, want := range map[string]Polarity{
		"sentiment": GoodHigh, "trust": GoodHigh, "footfall": GoodHigh, "customer_trust": GoodHigh,
		"attention": BadHigh, "regulator": BadHigh, "reach": BadHigh, "churn": BadHigh, "supervision": BadHigh,
		"media-attention": BadHigh, "fraud": BadHigh, "merchants": BadHigh,
		"temperature": NeutralPolarity, "": NeutralPolarity, "trusty": NeutralPolarity,
	} {
		if got := VariablePolarity(id); got != want {
			t.Errorf("polarity of %q = %v, want %v", id, got, want)
		}
	}
	for _, tc := range []struct {
		p         Polarity
		v, lo, hi float64
		want      Health
	}{
		{GoodHigh, 80, 0, 100, HealthGood},
		{GoodHigh, 50, 0, 100, HealthWatch},
		{GoodHigh, 10, 0, 100, HealthBad},
		{GoodHigh, 0, -100, 100, HealthWatch}, // neutral sentiment in a crisis is worth watching
		{BadHigh, 10, 0, 100, HealthGood},
		{BadHigh, 90, 0, 100, HealthBad},
		{NeutralPolarity, 90, 0, 100, HealthNeutral},
		{GoodHigh, 5, 5, 5, HealthNeutral}, // an empty range
	} {
		if got := MeterHealth(tc.p, tc.v, tc.lo, tc.hi); got != tc.want {
			t.Errorf("meterHealth(%v, %g in %g..%g) = %v, want %v", tc.p, tc.v, tc.lo, tc.hi, got, tc.want)
		}
	}
}

func TestFormatMeterValue(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 45: "45", -12: "-12", 40.5: "40.5", 40.04: "40", 99.96: "100"} {
		if got := FormatMeterValue(v); got != want {
			t.Errorf("formatMeterValue(%g) = %q, want %q", v, got, want)
		}
	}
}
