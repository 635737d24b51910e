package analysis

import (
	"fmt"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// exploreExhaustive is the analysis as it was before issue 13 point 6: it
// replays the scenario from the start for every policy (one per way
// through). The tests compare the merged search with it.
func exploreExhaustive(id string, source []byte, timing Timing) (*Report, error) {
	rep := &Report{Endings: map[string]int{}, Reachable: map[string]bool{}}
	var explore func(policy map[string]string, order []string) error
	explore = func(policy map[string]string, order []string) error {
		if rep.Runs >= 200_000 {
			return fmt.Errorf("more than %d ways through the scenario; analysis stopped", 200_000)
		}
		run, best, need, err := playOld(id, source, policy, order, timing)
		if err != nil {
			return err
		}
		if need != nil {
			var choices []string
			for _, o := range need.Options {
				choices = append(choices, o.ID)
			}
			choices = append(choices, timeout)
			for _, c := range choices {
				ways := []string{c}
				if need.Triage != nil {
					// As the merged search: the perfect, the worst and no triage.
					ways = append(ways, c+triageWorst, c+triageNone)
				}
				for _, w := range ways {
					if err := explore(withOld(policy, need.ID, w), append(order[:len(order):len(order)], need.ID)); err != nil {
						return err
					}
				}
			}
			return nil
		}
		rep.Runs++
		rep.Endings[run.Ending]++
		for _, p := range run.Path {
			rep.Reachable[p] = true
		}
		// The best counts the customer cases that reached the team as
		// handled perfectly, as the search does (engine.Team.BestCaseScores).
		if rep.Runs == 1 || best.Overall > rep.Best.Overall {
			rep.Best = best
		}
		if rep.Runs == 1 || run.Overall < rep.Worst.Overall {
			rep.Worst = run
		}
		if run.Ending == engine.EndTimeUp {
			rep.Unending = append(rep.Unending, run)
		}
		return nil
	}
	if err := explore(map[string]string{}, nil); err != nil {
		return rep, err
	}
	return rep, nil
}

func withOld(m map[string]string, k, v string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for a, b := range m {
		out[a] = b
	}
	out[k] = v
	return out
}

// playOld runs one team under a policy. It returns the decision the policy does
// not cover yet (to branch on), or the finished run.
func playOld(id string, source []byte, policy map[string]string, order []string, timing Timing) (run, best Run, need *scenario.Decision, err error) {
	s, err := engine.Start(engine.Config{ScenarioID: id, Source: source, Teams: []string{"T"}, Lang: "en", NoFeed: true}, &engine.MemoryLog{}, nil)
	if err != nil {
		return Run{}, Run{}, nil, err
	}
	now := time.Duration(0)
	for steps := 0; steps < 100_000; steps++ {
		if err := s.AdvanceTo(now); err != nil {
			return Run{}, Run{}, nil, err
		}
		var open []engine.OpenDecision
		var ended bool
		var next time.Duration
		var hasNext bool
		s.Read(func(st *engine.State) {
			t := st.Teams[0]
			ended = t.Ended
			open = append(open, t.Open...)
			if ev, ok := st.Due(1 << 62); ok {
				next, hasNext = ev.At, true
			}
		})
		if ended {
			break
		}
		// Answer what the policy covers, when the timing says.
		answeredNow := false
		for _, od := range open {
			choice, known := policy[od.Decision.ID]
			if !known {
				return Run{}, Run{}, od.Decision, nil
			}
			base, mode := splitTriage(choice)
			if base == timeout && (mode == triageNone || od.Decision.Triage == nil) {
				continue
			}
			when := od.OpenedAt
			if timing == Late {
				when = od.DeadlineAt() - time.Second
			}
			if when <= now {
				sent := false
				if od.Decision.Triage != nil && mode != triageNone {
					var done bool
					s.Read(func(st *engine.State) { done = st.Teams[0].Triaged(od.Decision.ID) })
					if !done {
						marks := engine.PerfectTriage(od.Decision.Triage)
						if mode == triageWorst {
							marks = engine.WorstTriage(od.Decision.Triage)
						}
						if err := s.Send(engine.Command{Kind: engine.CmdTriage, Team: "T", Decision: od.Decision.ID, Triage: marks}); err != nil {
							return Run{}, Run{}, nil, err
						}
						sent = true
					}
				}
				if base == timeout {
					if sent {
						answeredNow = true
						break
					}
					continue
				}
				if err := s.Send(engine.Command{Kind: engine.CmdChoose, Team: "T", Decision: od.Decision.ID, Option: base}); err != nil {
					return Run{}, Run{}, nil, fmt.Errorf("policy %v: %w", policy, err)
				}
				answeredNow = true
				break
			}
			if !hasNext || when < next {
				next, hasNext = when, true
			}
		}
		if answeredNow {
			continue
		}
		if !hasNext {
			return Run{}, Run{}, nil, fmt.Errorf("team stuck at %s with nothing due", now)
		}
		now = max(next, now)
	}
	s.Read(func(st *engine.State) {
		run, best = runOf(st.Teams[0]), runOf(st.Teams[0])
		bestScores(&best, st.Teams[0]) // its best-case scores, as the search takes them
	})
	return run, best, nil, nil
}

// followPolicyOld plays one team that answers every decision as soon as it
// opens with the option pick chooses.
func followPolicyOld(id string, source []byte, sc *scenario.Scenario, pick Pick) (Run, error) {
	policy := map[string]string{}
	var order []string
	for range 10_000 {
		run, _, need, err := playOld(id, source, policy, order, Prompt)
		if err != nil || need == nil {
			return run, err
		}
		policy[need.ID] = pick(sc, need).ID
		order = append(order, need.ID)
	}
	return Run{}, fmt.Errorf("policy did not settle")
}
