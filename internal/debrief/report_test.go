package debrief

import (
	"os"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// playedWorld plays internal/engine/testdata/world.yaml headless with two
// teams, as TestMarkdownWorldGolden does: Bravo reports promptly with a
// statement that lacks the date, Alpha stays silent and misses the
// regulatory deadline. It returns the state and the log.
func playedWorld(t testing.TB) (*engine.State, []engine.Event) {
	t.Helper()
	src, err := os.ReadFile("../engine/testdata/world.yaml")
	if err != nil {
		t.Fatal(err)
	}
	log := &engine.MemoryLog{}
	s, err := engine.Start(engine.Config{ScenarioID: "world", Source: src, Teams: []string{"Alpha", "Bravo"}, Lang: "en", Seed: 42}, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	send := func(c engine.Command) {
		t.Helper()
		if err := s.Send(c); err != nil {
			t.Fatal(err)
		}
	}
	advance := func(d time.Duration) {
		t.Helper()
		if err := s.AdvanceTo(d); err != nil {
			t.Fatal(err)
		}
	}
	send(engine.Command{Kind: engine.CmdResume})
	advance(6 * time.Minute)
	send(engine.Command{Kind: engine.CmdChoose, Team: "Bravo", Decision: "notify", Option: "report",
		Text: "We are sorry.\nCall 400-123-456 any time."})
	advance(60 * time.Minute)
	var st *engine.State
	s.Read(func(x *engine.State) { st = x })
	return st, log.Events
}
