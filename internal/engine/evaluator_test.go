package engine

import (
	"errors"
	"os"
	"reflect"
	"testing"
	"time"
)

func msp(d time.Duration) *int64 { v := d.Milliseconds(); return &v }

// A live evaluator's ticks, ratings and observations are logged under the
// seat, fold into the team's evaluations beside a paper guide's (one per
// evaluator, the latest tick of a task and the latest rating winning), are
// refused with typed errors when wrong, fold again the same from the log,
// and change nothing a team sees or scores.
func TestLiveEvaluation(t *testing.T) {
	src, err := os.ReadFile("testdata/world.yaml")
	if err != nil {
		t.Fatal(err)
	}
	log := &MemoryLog{}
	s, err := Start(Config{ScenarioID: "world", Source: src, Teams: []string{"Alpha", "Bravo"}, Lang: "en", Seed: 42}, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	must := func(c Command) {
		t.Helper()
		if err := s.Send(c); err != nil {
			t.Fatalf("%s: %v", c.Kind, err)
		}
	}
	must(Command{Kind: CmdResume})
	if err := s.AdvanceTo(6 * time.Minute); err != nil {
		t.Fatal(err)
	}
	var before *State
	s.Read(func(st *State) { before = st.Clone() })

	for _, c := range []struct {
		cmd  Command
		want *Refusal
	}{
		{Command{Kind: CmdEvalRate, Seat: " ", Team: "Alpha", Objective: "notify", Rating: "P"}, ErrBadSeat},
		{Command{Kind: CmdEvalRate, Seat: "Lee", Team: "Zulu", Objective: "notify", Rating: "P"}, ErrNoSuchTeam},
		{Command{Kind: CmdEvalRate, Seat: "Lee", Team: "Alpha", Objective: "nope", Rating: "P"}, ErrNoSuchObjective},
		{Command{Kind: CmdEvalRate, Seat: "Lee", Team: "Alpha", Objective: "notify", Rating: "X"}, ErrBadRating},
		{Command{Kind: CmdEvalTask, Seat: "Lee", Team: "Alpha", Objective: "notify", Task: "nope", Done: true}, ErrNoSuchTask},
		{Command{Kind: CmdEvalTask, Seat: "Lee", Team: "Alpha", Objective: "notify", Task: "one-voice", Done: true, AtMS: msp(7 * time.Minute)}, ErrBadTaskTime},
		{Command{Kind: CmdEvalObserve, Seat: "Lee", Team: "Alpha", Text: "  "}, ErrNoText},
		{Command{Kind: CmdEvalObserve, Seat: "Lee", Team: "Alpha", Text: "x", Entry: EntryAnswer(1)}, ErrBadEntry},
		{Command{Kind: CmdEvalObserve, Seat: "Lee", Team: "Alpha", Objective: "nope", Text: "x"}, ErrNoSuchObjective},
	} {
		if err := s.Send(c.cmd); !errors.Is(err, c.want) {
			t.Errorf("%s %+v: %v, want %v", c.cmd.Kind, c.cmd, err, c.want)
		}
	}
	seq := EntryInbox(1)
	must(Command{Kind: CmdEvalTask, Seat: "Lee", Team: "Alpha", Objective: "notify", Task: "one-voice", Done: true, AtMS: msp(2 * time.Minute)})
	must(Command{Kind: CmdEvalTask, Seat: "Lee", Team: "Alpha", Objective: "notify", Task: "one-voice", Done: true, AtMS: msp(3 * time.Minute), Text: "Dana"})
	must(Command{Kind: CmdEvalRate, Seat: "Lee", Team: "Alpha", Objective: "notify", Rating: "U"})
	must(Command{Kind: CmdEvalRate, Seat: "Lee", Team: "Alpha", Objective: "notify", Rating: "S"})
	must(Command{Kind: CmdEvalRate, Seat: "Wang", Team: "Alpha", Objective: "notify", Rating: "M"})
	must(Command{Kind: CmdEvalObserve, Seat: "Lee", Team: "Alpha", Objective: "notify", Text: "two voices at first", Entry: seq, AtMS: msp(time.Minute)})
	must(Command{Kind: CmdEvalObserve, Seat: "Wang", Team: "Bravo", Text: "calm"})

	check := func(st *State) {
		t.Helper()
		evs := st.Team("Alpha").Evaluations["notify"]
		if len(evs) != 2 || evs[0].Evaluator != "Lee" || evs[0].Rating != "S" || !evs[0].Live || evs[1].Evaluator != "Wang" || evs[1].Rating != "M" {
			t.Fatalf("Alpha's evaluations: %+v", evs)
		}
		task, ok := evs[0].Task("one-voice")
		if at, has := task.Time(); !ok || !task.Done || !has || at != 3*time.Minute || task.Note != "Dana" || len(evs[0].Tasks) != 1 {
			t.Errorf("Lee's tick: %+v", evs[0].Tasks)
		}
		obs := st.Team("Alpha").ObservationsBy("lee")
		if len(obs) != 1 || obs[0].Entry != seq || !obs[0].HasAbout || obs[0].About != time.Minute || obs[0].Objective != "notify" || obs[0].Text != "two voices at first" {
			t.Errorf("Alpha's observations: %+v", obs)
		}
		if b := st.Team("Bravo").ObservationsBy(""); len(b) != 1 || b[0].Evaluator != "Wang" || b[0].HasAbout {
			t.Errorf("Bravo's observations: %+v", b)
		}
	}
	var after *State
	s.Read(func(st *State) { check(st); after = st.Clone() })
	folded, err := Fold(log.Events)
	if err != nil {
		t.Fatal(err)
	}
	check(folded)
	// Nothing a team sees or scores moved.
	for _, name := range []string{"Alpha", "Bravo"} {
		b, a := before.Team(name), after.Team(name)
		if !reflect.DeepEqual(b.Inbox, a.Inbox) || !reflect.DeepEqual(b.World, a.World) || !reflect.DeepEqual(b.Scores(), a.Scores()) ||
			!reflect.DeepEqual(b.Open, a.Open) || b.Phase != a.Phase {
			t.Errorf("%s: an evaluator changed what the team sees", name)
		}
	}
	for _, e := range log.Events[len(log.Events)-7:] {
		if !IsEvalKind(e.Kind) || e.Seat == "" {
			t.Errorf("event %d: %s seat %q", e.Seq, e.Kind, e.Seat)
		}
	}
}
