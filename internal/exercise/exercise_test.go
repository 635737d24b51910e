package exercise

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/store"
)

func miniConfig(t testing.TB, teams ...string) engine.Config {
	src, err := os.ReadFile("../engine/testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return engine.Config{ScenarioID: "mini", Source: src, Teams: teams, Lang: "en", Speed: 1}
}

func openStore(t testing.TB, path string) *DB {
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestResumeFromStoreRestoresState runs an exercise on the real store,
// drops it without any shutdown (as a crash would), and resumes it from the
// database: state, clock position and the unfinished listing must match.
func TestResumeFromStoreRestoresState(t *testing.T) {
	db := filepath.Join(t.TempDir(), "fb.db")
	st := openStore(t, db)
	clock := engine.NewFakeClock()
	run, err := Start(st, miniConfig(t, "Alpha", "Bravo"), scenario.Text{"en": "Mini"}, "gui", clock, EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	s := run.Session
	if err := s.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	clock.Add(6 * time.Minute)
	if err := s.Send(engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "first", Option: "good"}); err != nil {
		t.Fatal(err)
	}
	clock.Add(30 * time.Second)
	if err := run.SaveClock(); err != nil {
		t.Fatal(err)
	}
	var before engine.State
	s.Read(func(x *engine.State) { before = *x })
	st.Close()

	st2 := openStore(t, db)
	defer st2.Close()
	list, err := st2.Unfinished()
	if err != nil || len(list) != 1 || list[0].ID != run.ID {
		t.Fatalf("the interrupted exercise should be offered for resume: %+v, %v", list, err)
	}
	r2, err := Resume(st2, run.ID, engine.NewFakeClock(), EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	if got := r2.Session.ExerciseTime(); got != 6*time.Minute+30*time.Second {
		t.Fatalf("clock resumes at %s, want 6m30s", got)
	}
	r2.Session.Read(func(after *engine.State) {
		if !after.Paused {
			t.Error("a resumed exercise must wait, paused, for the facilitator")
		}
		for i, bt := range before.Teams {
			at := after.Teams[i]
			if bt.Phase != at.Phase || !reflect.DeepEqual(bt.World, at.World) || len(bt.Answers) != len(at.Answers) || len(bt.Inbox) != len(at.Inbox) {
				t.Errorf("team %s differs after resume: %+v vs %+v", bt.Name, bt, at)
			}
		}
	})
	if err := r2.Session.Send(engine.Command{Kind: engine.CmdEnd}); err != nil {
		t.Fatal(err)
	}
	if list, _ := st2.Unfinished(); len(list) != 0 {
		t.Fatalf("an ended exercise must leave the resume list: %+v", list)
	}
}

// buildLog writes an exercise of about n events: twelve teams play the test
// scenario while the facilitator pauses and resumes the clock.
func buildLog(b testing.TB, db string, n int) string {
	st := openStore(b, db)
	defer st.Close()
	teams := make([]string, 12)
	for i := range teams {
		teams[i] = fmt.Sprintf("Team %d", i+1)
	}
	run, err := Start(st, miniConfig(b, teams...), scenario.Text{"en": "Mini"}, "bench", nil, OnFlush)
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
		_ = s.AdvanceTo(time.Duration(i) * 100 * time.Millisecond)
		kind := engine.CmdPause
		if i%2 == 1 {
			kind = engine.CmdResume
		}
		if err := s.Send(engine.Command{Kind: kind}); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.Send(engine.Command{Kind: engine.CmdPause}); err != nil {
		b.Fatal(err)
	}
	if err := run.Flush(); err != nil {
		b.Fatal(err)
	}
	return run.ID
}

// BenchmarkResume10k measures opening the database and rebuilding a
// 10,000-event exercise (read + fold), as the app does on resume.
func BenchmarkResume10k(b *testing.B) {
	db := filepath.Join(b.TempDir(), "fb.db")
	id := buildLog(b, db, 10_000)
	b.ResetTimer()
	for range b.N {
		st := openStore(b, db)
		if _, err := Resume(st, id, engine.NewFakeClock(), EachEvent); err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
}

// TestStartWritesTheExerciseWithItsFirstEvents: after Start the exercise
// and its opening events are in the store together; an exercise an older
// version left without events cannot be resumed and says why.
func TestStartWritesTheExerciseWithItsFirstEvents(t *testing.T) {
	st := openStore(t, filepath.Join(t.TempDir(), "fb.db"))
	defer st.Close()
	run, err := Start(st, miniConfig(t, "Alpha"), scenario.Text{"en": "Mini"}, "gui", nil, EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := st.st.Events(run.ID)
	if err != nil || len(evs) == 0 || evs[0].Kind != string(engine.KindStarted) {
		t.Fatalf("after Start the log holds %v (%v), want exercise.started first", evs, err)
	}
	if err := st.st.StartExercise(store.Exercise{ID: "orphan", ScenarioID: "mini"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := Resume(st, "orphan", nil, EachEvent); !errors.Is(err, ErrInterruptedStart) {
		t.Errorf("resuming an exercise without events: %v, want ErrInterruptedStart", err)
	}
}

// With buffered events (headless play) the exercise is marked finished only
// once its end is saved: a kill between the end and the flush must leave an
// exercise that the next run finds unfinished and resumes, not a "finished"
// one whose log never ended.
func TestOnFlushMarksFinishedAfterTheEndIsSaved(t *testing.T) {
	st := openStore(t, filepath.Join(t.TempDir(), "fb.db"))
	defer st.Close()
	run, err := Start(st, miniConfig(t, "Alpha"), scenario.Text{"en": "Mini"}, "play:x", nil, OnFlush)
	if err != nil {
		t.Fatal(err)
	}
	if err := run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	if err := run.Session.AdvanceTo(2 * time.Hour); err != nil { // past the scenario's 60 minutes
		t.Fatal(err)
	}
	var ended bool
	run.Session.Read(func(s *engine.State) { ended = s.Ended })
	if !ended {
		t.Fatal("the exercise has not ended; the test proves nothing")
	}
	if ex, err := st.Exercise(run.ID); err != nil || ex.Finished {
		t.Fatalf("before the flush the exercise is finished=%v (%v), want running: its end is not saved yet", ex.Finished, err)
	}
	if err := run.Flush(); err != nil {
		t.Fatal(err)
	}
	if ex, err := st.Exercise(run.ID); err != nil || !ex.Finished {
		t.Fatalf("after the flush the exercise is finished=%v (%v), want finished", ex.Finished, err)
	}
}
