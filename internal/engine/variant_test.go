package engine

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// miniWithCut is the mini scenario with a cut at half the times.
func miniWithCut(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile("testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return []byte(strings.Replace(string(src), "duration: 60m\n",
		"duration: 60m\nformats:\n  cuts:\n    half:\n      title: {en: Half, zh: 半}\n      minutes: 30\n      time: 0.5\n", 1))
}

// TestVersionIsRecordedAndReplayed: the exercise's first event records
// the cut and difficulty; the fold (a resume, a team laptop, the debrief)
// plays that version; the full version at standard records nothing, as
// logs did before.
func TestVersionIsRecordedAndReplayed(t *testing.T) {
	src := miniWithCut(t)
	log := &MemoryLog{}
	s, err := Start(Config{ScenarioID: "mini", Source: src, Teams: []string{"A"}, Lang: "en", Seed: 3, Cut: "half", Difficulty: "hard"}, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	if e := log.Events[0]; e.Cut != "half" || e.Difficulty != "hard" {
		t.Fatalf("exercise.started records %q %q", e.Cut, e.Difficulty)
	}
	if err := s.AdvanceTo(3 * time.Minute); err != nil {
		t.Fatal(err)
	}
	// The reporter's call (at 5m in the file) comes at 2m30s and opens
	// "first" with a deadline of 10m × 0.5 × 0.75.
	var open []OpenDecision
	s.Read(func(st *State) { open = st.Teams[0].Open })
	if len(open) != 1 || open[0].OpenedAt != 150*time.Second || open[0].DeadlineAt() != 150*time.Second+225*time.Second {
		t.Fatalf("open decisions %+v", open)
	}
	// A team laptop gets the log as JSON (internal/lan): the version goes with it.
	data, err := json.Marshal(log.Events)
	if err != nil {
		t.Fatal(err)
	}
	var wire []Event
	if err := json.Unmarshal(data, &wire); err != nil {
		t.Fatal(err)
	}
	for i := range wire {
		// Sequence, time and kind travel beside the JSON (store rows, the wire).
		wire[i].Seq, wire[i].At, wire[i].Kind = log.Events[i].Seq, log.Events[i].At, log.Events[i].Kind
	}
	resumed, err := Resume(wire, &MemoryLog{}, nil, 3*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	resumed.Read(func(st *State) {
		if c, d := st.Scenario.Played(); c != "half" || d != "hard" || st.Scenario.Duration != 30*time.Minute {
			t.Errorf("the resume plays %s at %s for %s", c, d, st.Scenario.Duration)
		}
		if st.Scenario.StoryMinutes(10*time.Minute) != 20 {
			t.Errorf("expressions read minutes on the file's timeline")
		}
	})

	full := &MemoryLog{}
	if _, err := Start(Config{ScenarioID: "mini", Source: src, Teams: []string{"A"}, Lang: "en", Cut: "full", Difficulty: "standard"}, full, nil); err != nil {
		t.Fatal(err)
	}
	if e := full.Events[0]; e.Cut != "" || e.Difficulty != "" {
		t.Errorf("the full version at standard records %q %q", e.Cut, e.Difficulty)
	}
}

func TestStartRefusesAnUnknownVersion(t *testing.T) {
	src := miniWithCut(t)
	if _, err := Start(Config{ScenarioID: "mini", Source: src, Teams: []string{"A"}, Cut: "quarter"}, &MemoryLog{}, nil); !errors.Is(err, scenario.ErrNoSuchCut) {
		t.Errorf("unknown cut: %v", err)
	}
	if _, err := Start(Config{ScenarioID: "mini", Source: src, Teams: []string{"A"}, Difficulty: "brutal"}, &MemoryLog{}, nil); !errors.Is(err, scenario.ErrNoSuchDifficulty) {
		t.Errorf("unknown difficulty: %v", err)
	}
	// A log naming a cut its scenario does not have does not fold.
	log := &MemoryLog{}
	if _, err := Start(Config{ScenarioID: "mini", Source: src, Teams: []string{"A"}, Cut: "half"}, log, nil); err != nil {
		t.Fatal(err)
	}
	log.Events[0].Cut = "quarter"
	if _, err := Fold(log.Events); !errors.Is(err, ErrLogScenario) {
		t.Errorf("fold of a log with an unknown cut: %v", err)
	}
}
