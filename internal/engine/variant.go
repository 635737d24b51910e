package engine

import (
	"fmt"
	"time"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// PlayedScenario is the scenario an exercise.started event plays: its
// source, loaded, in the cut and at the difficulty the event records
// (scenario.Variant). Every reader of a log (the fold, a team laptop, the
// debrief) plays the same version.
func PlayedScenario(e Event) (*scenario.Scenario, error) {
	sc, probs := scenario.ParseCached(e.ScenarioID+".yaml", e.Source)
	if sc == nil {
		return nil, probs
	}
	v, err := sc.Variant(e.Cut, e.Difficulty)
	if err != nil {
		return nil, fmt.Errorf("the version played: %w", err)
	}
	return v, nil
}

// storedVariant is what exercise.started records: nothing for the full
// version at standard difficulty, so such logs read as before.
func storedVariant(cut, difficulty string) (string, string) {
	if cut == scenario.FullCut {
		cut = ""
	}
	if difficulty == scenario.DifficultyStandard {
		difficulty = ""
	}
	return cut, difficulty
}

// setMinutes sets what expressions read as "minutes" at exercise time at:
// the scenario's own timeline (a cut's times are scaled).
func (s *State) setMinutes(env scenario.Env, at time.Duration) {
	if s.Scenario.ReadByExpr("minutes") {
		env["minutes"] = box(s.Scenario.StoryMinutes(at))
	}
}
