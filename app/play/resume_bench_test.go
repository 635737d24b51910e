package play

import (
	"fmt"
	"testing"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// bigExercise stores a running exercise of the mini scenario for four teams
// whose log holds at least n events: ad-hoc injects to every team (each a
// message in every team's inbox) and facilitator notes, as a long, busy
// exercise has.
func bigExercise(b *testing.B, st *exercise.DB, n int) string {
	b.Helper()
	e := uitest.MiniEntry(b)
	run, err := exercise.Start(st, engine.Config{ScenarioID: e.ID, Source: e.Source,
		Teams: []string{"Alpha", "Bravo", "Charlie", "Delta"}, Lang: "en", Speed: 1},
		e.Scenario.Title, "gui", nil, exercise.OnFlush)
	if err != nil {
		b.Fatal(err)
	}
	s := run.Session
	for i := 0; ; i++ {
		var seq int64
		s.Read(func(x *engine.State) { seq = x.Seq })
		if seq >= int64(n) {
			break
		}
		cmd := engine.Command{Kind: engine.CmdNote, Text: fmt.Sprintf("Observation %d: the team asked legal before answering the reporter.", i)}
		if i%3 == 0 {
			cmd = engine.Command{Kind: engine.CmdInject, Channel: "news", From: "Evening Post",
				Text: fmt.Sprintf("Update %d: more customers report the problem; a reporter asks for a statement by 6 p.m.", i)}
		}
		if err := s.Send(cmd); err != nil {
			b.Fatal(err)
		}
	}
	if err := run.Flush(); err != nil {
		b.Fatal(err)
	}
	return run.ID
}

// Resuming a 10,000-event exercise: the worker reads and folds the log and
// rebuilds the trend lines (exercise.ResumeWithLog, ui.HistoriesFrom) while
// the window shows the loading screen; then the UI goroutine builds the
// exercise screen (as the shell's resume does, here in a test host). The sub-benchmarks time the two parts apart: only
// "ui-goroutine" holds up frames, and it must stay well under 100 ms (a
// frame gap a person notices); "worker" is how long the loading screen
// shows.
func BenchmarkResume10k(b *testing.B) { benchResume(b, 10_000) }

// The same for an exercise that has just begun (its log a few dozen
// events), the baseline: what building the exercise screen costs anyway.
func BenchmarkResumeNew(b *testing.B) { benchResume(b, 50) }

func benchResume(b *testing.B, n int) {
	st := uitest.OpenStore(b)
	id := bigExercise(b, st, n)
	resume := func() (*exercise.Running, ui.WorldHistories) {
		run, events, err := exercise.ResumeWithLog(st, id, engine.NewFakeClock(), exercise.EachEvent)
		if err != nil {
			b.Fatal(err)
		}
		if len(events) < n {
			b.Fatalf("the log holds %d events", len(events))
		}
		return run, ui.HistoriesFrom(events)
	}
	b.Run("worker", func(b *testing.B) {
		for b.Loop() {
			run, _ := resume()
			_ = run.Flush()
		}
	})
	b.Run("ui-goroutine", func(b *testing.B) {
		h := &host{win: uitest.Window(b), loc: i18n.New(i18n.EN)}
		defer h.leave()
		for b.Loop() {
			b.StopTimer()
			run, hist := resume()
			b.StartTimer()
			h.Show(ui.NewLoadingScreen(h.Loc, "loading.resume"))
			h.Show(New(h, Config{Background: uitest.Inline}, run, nil, hist))
			b.StopTimer()
			h.leave()
			_ = run.Flush()
			b.StartTimer()
		}
	})
}
