package uitest

import (
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
)

// PlayedWorld plays the engine's world scenario for Alpha and Bravo into a
// new store: Bravo reports at 6m with a statement that has the hotline but
// not the date; Alpha stays silent, misses the regulator's deadline and
// has its speed overridden; Bravo is rated P on the objective; there are
// two notes. Alpha's decision times out at 34m, which ends the exercise.
// It returns the store, the clock and the exercise's id.
func PlayedWorld(t *testing.T) (*exercise.DB, *engine.FakeClock, string) {
	t.Helper()
	st := OpenStore(t)
	clock := engine.NewFakeClock()
	e := EngineEntry(t, "world.yaml")
	run, err := exercise.Start(st, engine.Config{ScenarioID: e.ID, Source: e.Source, Media: e.Media, Teams: []string{"Alpha", "Bravo"},
		Lang: "en", Speed: 1}, e.Scenario.Title, "gui", clock, exercise.EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	s := run.Session
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.Send(engine.Command{Kind: engine.CmdResume}))
	clock.Add(6 * time.Minute)
	must(s.Tick())
	must(s.Send(engine.Command{Kind: engine.CmdChoose, Team: "Bravo", Decision: "notify", Option: "report",
		Text: "We are sorry. Call 400-123-456 any time."}))
	must(s.Send(engine.Command{Kind: engine.CmdNote, Team: "Alpha", Text: "Alpha argued about who should speak"}))
	must(s.Send(engine.Command{Kind: engine.CmdNote, Text: "Good energy in the room"}))
	must(s.Send(engine.Command{Kind: engine.CmdOverride, Team: "Alpha", Dimension: "speed", Value: 55, Text: "They were waiting for legal"}))
	must(s.Send(engine.Command{Kind: engine.CmdRate, Team: "Bravo", Objective: "notify", Rating: "P", Text: "Clear and quick"}))
	clock.Add(61 * time.Minute)
	must(s.Tick())
	var ended bool
	s.Read(func(x *engine.State) { ended = x.Ended })
	if !ended {
		t.Fatal("the exercise did not run out of time")
	}
	return st, clock, run.ID
}

// PlayedMini starts the mini scenario on st (StartMini), has Alpha answer
// its first decision at 6m with statement when it is not "", ends the
// exercise when end is set, and returns its id once its log is stored.
func PlayedMini(t *testing.T, st *exercise.DB, clock *engine.FakeClock, statement string, end bool) string {
	t.Helper()
	run := StartMini(t, st, clock)
	s := run.Session
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.Send(engine.Command{Kind: engine.CmdResume}))
	if statement != "" {
		clock.Add(6 * time.Minute)
		must(s.Tick())
		var d, o string
		s.Read(func(st *engine.State) {
			od := st.Team("Alpha").Open
			if len(od) == 0 {
				t.Fatal("no decision open for Alpha")
			}
			d, o = od[0].Decision.ID, od[0].Decision.Options[0].ID
		})
		must(s.Send(engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: d, Option: o, Text: statement}))
	}
	if end {
		must(s.Send(engine.Command{Kind: engine.CmdEnd}))
	}
	must(run.Flush())
	return run.ID
}
