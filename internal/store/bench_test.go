package store

import (
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// benchData is a typical event payload: an inject with some prose.
var benchData = []byte(`{"inject":"press-call-3","team":"comms","text":"A reporter from the Daily Courier says she has a copy of the ransom note and will publish in 30 minutes unless you comment."}`)

// BenchmarkAppend measures one durable (fsynced) single-event append, the
// cost the engine pays before every fact takes effect.
func BenchmarkAppend(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := s.CreateExercise(Exercise{ID: "bench"}); err != nil {
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		seq := int64(i + 1)
		start := time.Now()
		if err := s.Append("bench", Record{Seq: seq, AtMS: seq * 100, Kind: "inject", Data: benchData}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	ms := func(q float64) float64 {
		return float64(lat[int(q*float64(len(lat)-1))]) / float64(time.Millisecond)
	}
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
}

// BenchmarkOpenAndReadEvents10k measures a resume: open the database and load
// a 10,000-event log (the fold itself is the engine's cost, not ours).
func BenchmarkOpenAndReadEvents10k(b *testing.B) {
	const n = 10_000
	path := filepath.Join(b.TempDir(), "bench.db")
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.CreateExercise(Exercise{ID: "bench"}); err != nil {
		b.Fatal(err)
	}
	rs := make([]Record, n)
	for i := range rs {
		seq := int64(i + 1)
		rs[i] = Record{Seq: seq, AtMS: seq * 100, Kind: "inject", Data: benchData}
	}
	if err := s.AppendBatch("bench", rs); err != nil {
		b.Fatal(err)
	}
	s.Close()
	b.ResetTimer()
	for range b.N {
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		evs, err := s.Events("bench")
		if err != nil {
			b.Fatal(err)
		}
		if len(evs) != n {
			b.Fatalf("read %d events, want %d", len(evs), n)
		}
		s.Close()
	}
}
