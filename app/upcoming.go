package app

import (
	"sort"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// upcomingInject is an inject the facilitator can expect a team to receive.
type upcomingInject struct {
	Team   string
	At     time.Duration // exercise time it is due
	Inject *scenario.Inject
}

// upcomingInjects lists, earliest first, at most limit injects of the team's
// current phase that have not been delivered yet and will arrive if the team
// stays in the phase. A decision may move the team on before then; what a
// later phase holds is not predicted, because it depends on the choice.
//
// It mirrors the engine's schedule: an ending phase delivers only its
// at-entry injects, a phase with a continue delivers nothing after the move
// (an inject due at the same instant still arrives, injects rank first),
// and nothing arrives after the scenario's duration.
func upcomingInjects(st *engine.State, t *engine.Team, limit int) []upcomingInject {
	if st == nil || st.Scenario == nil || t == nil || t.Ended || t.Phase == "" || limit <= 0 {
		return nil
	}
	p := st.Scenario.Phase(t.Phase)
	if p == nil {
		return nil
	}
	delivered := deliveredThisVisit(t)
	horizon := st.Scenario.Duration
	if p.Continue != nil {
		horizon = min(horizon, t.PhaseEnteredAt+p.Continue.After)
	}
	var out []upcomingInject
	for _, in := range p.Injects {
		if delivered[in.ID] {
			continue
		}
		if p.Ending != nil && in.At > 0 {
			continue
		}
		at := t.PhaseEnteredAt + in.At
		if at > horizon {
			continue
		}
		out = append(out, upcomingInject{Team: t.Name, At: at, Inject: in})
	}
	// Stable: injects due at the same time keep file order, as the engine
	// delivers them.
	sort.SliceStable(out, func(i, j int) bool { return out[i].At < out[j].At })
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// deliveredThisVisit returns the ids of the injects the team has received
// since it last entered its current phase. The engine keeps that set
// private; the inbox tells the same, since deliveries are appended in order
// and each records the phase and time it arrived in.
func deliveredThisVisit(t *engine.Team) map[string]bool {
	got := map[string]bool{}
	for i := len(t.Inbox) - 1; i >= 0; i-- {
		d := t.Inbox[i]
		if d.Phase != t.Phase || d.At < t.PhaseEnteredAt {
			break
		}
		got[d.Inject.ID] = true
	}
	return got
}
