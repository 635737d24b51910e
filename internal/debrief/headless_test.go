package debrief

import (
	"os"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// headless is an exercise a test plays without a window: a scenario of
// internal/engine/testdata started in English with a fixed seed (the
// simulated public's posts are part of the report), commands sent at
// exercise times, and the state and the log at the end.
type headless struct {
	t   testing.TB
	s   *engine.Session
	log *engine.MemoryLog
}

// playTestdata starts internal/engine/testdata/name.yaml as scenario id
// with teams.
func playTestdata(t testing.TB, name, id string, teams ...string) *headless {
	t.Helper()
	src, err := os.ReadFile("../engine/testdata/" + name + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	h := &headless{t: t, log: &engine.MemoryLog{}}
	h.s, err = engine.Start(engine.Config{ScenarioID: id, Source: src, Teams: teams, Lang: "en", Seed: 42}, h.log, nil)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// advance moves the exercise clock to at.
func (h *headless) advance(at time.Duration) {
	h.t.Helper()
	if err := h.s.AdvanceTo(at); err != nil {
		h.t.Fatal(err)
	}
}

// do advances the exercise clock to at and sends c.
func (h *headless) do(at time.Duration, c engine.Command) {
	h.t.Helper()
	h.advance(at)
	if err := h.s.Send(c); err != nil {
		h.t.Fatal(err)
	}
}

// end advances the clock to at and returns the state and the log.
func (h *headless) end(at time.Duration) (*engine.State, []engine.Event) {
	h.t.Helper()
	h.advance(at)
	var st *engine.State
	h.s.Read(func(x *engine.State) { st = x })
	return st, h.log.Events
}
