// Package analysis explores every way a team can play a scenario: each
// decision answered with each option or left to time out. It finds the best
// and worst achievable scores and the paths that never reach an ending, so
// authors (and the test suite) know a scenario rewards good communication.
package analysis

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/scoring"
)

// Timing says when a simulated team answers.
type Timing int

const (
	// Prompt answers as soon as a decision opens.
	Prompt Timing = iota
	// Late answers one second before the deadline.
	Late
)

// MaxRuns bounds the exploration of one scenario.
const MaxRuns = 200_000

// Run is one way through the scenario.
type Run struct {
	Choices []string           `json:"choices"` // decision=option, or decision=timeout, in the order met
	Path    []string           `json:"path"`
	Ending  string             `json:"ending"` // ending phase, or "time-up"
	Overall float64            `json:"overall"`
	Scores  map[string]float64 `json:"scores"`
}

func (r Run) String() string {
	return fmt.Sprintf("%.1f %s via %s [%s]", r.Overall, r.Ending, strings.Join(r.Path, "→"), strings.Join(r.Choices, ", "))
}

// Report summarises all runs of one timing.
type Report struct {
	Runs      int
	Best      Run
	Worst     Run
	Unending  []Run // runs that ended by time-up instead of an ending
	Endings   map[string]int
	Reachable map[string]bool // phases some run entered
}

const timeout = "timeout"

// Explore plays every policy for one team. source is the scenario file.
func Explore(id string, source []byte, timing Timing) (*Report, error) {
	rep := &Report{Endings: map[string]int{}, Reachable: map[string]bool{}}
	var explore func(policy map[string]string, order []string) error
	explore = func(policy map[string]string, order []string) error {
		if rep.Runs >= MaxRuns {
			return fmt.Errorf("more than %d ways through the scenario; analysis stopped", MaxRuns)
		}
		run, need, err := play(id, source, policy, order, timing)
		if err != nil {
			return err
		}
		if need != nil {
			for _, o := range need.Options {
				if err := explore(with(policy, need.ID, o.ID), append(order[:len(order):len(order)], need.ID)); err != nil {
					return err
				}
			}
			return explore(with(policy, need.ID, timeout), append(order[:len(order):len(order)], need.ID))
		}
		rep.Runs++
		rep.Endings[run.Ending]++
		for _, p := range run.Path {
			rep.Reachable[p] = true
		}
		if rep.Runs == 1 || run.Overall > rep.Best.Overall {
			rep.Best = run
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

func with(m map[string]string, k, v string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for a, b := range m {
		out[a] = b
	}
	out[k] = v
	return out
}

// play runs one team under a policy. It returns the decision the policy does
// not cover yet (to branch on), or the finished run.
func play(id string, source []byte, policy map[string]string, order []string, timing Timing) (Run, *scenario.Decision, error) {
	s, err := engine.Start(engine.Config{ScenarioID: id, Source: source, Teams: []string{"T"}, Lang: "en", NoFeed: true}, &engine.MemoryLog{}, nil)
	if err != nil {
		return Run{}, nil, err
	}
	now := time.Duration(0)
	for steps := 0; steps < 100_000; steps++ {
		if err := s.AdvanceTo(now); err != nil {
			return Run{}, nil, err
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
				return Run{}, od.Decision, nil
			}
			if choice == timeout {
				continue
			}
			when := od.OpenedAt
			if timing == Late {
				when = od.DeadlineAt() - time.Second
			}
			if when <= now {
				if err := s.Send(engine.Command{Kind: engine.CmdChoose, Team: "T", Decision: od.Decision.ID, Option: choice}); err != nil {
					return Run{}, nil, fmt.Errorf("policy %v: %w", policy, err)
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
			return Run{}, nil, fmt.Errorf("team stuck at %s with nothing due", now)
		}
		now = max(next, now)
	}
	var run Run
	s.Read(func(st *engine.State) {
		t := st.Teams[0]
		for _, p := range t.Path {
			run.Path = append(run.Path, p.Phase)
		}
		run.Ending = t.Ending
		if t.EndReason != engine.EndReached {
			run.Ending = t.EndReason
		}
		sc := t.Scores()
		run.Overall = sc.Overall
		run.Scores = map[string]float64{}
		for _, dim := range scoring.Dimensions {
			if sc.Has[dim] {
				run.Scores[dim] = sc.Get(dim)
			}
		}
		for _, a := range t.Answers {
			c := timeout
			switch {
			case a.Option != nil:
				c = a.Option.ID
			case a.Skipped():
				c = "optional"
			case a.Missed():
				c = "missed"
			}
			run.Choices = append(run.Choices, a.Decision.ID+"="+c)
		}
	})
	return run, nil, nil
}

// Pick chooses an option of a decision for a simulated team.
type Pick func(sc *scenario.Scenario, d *scenario.Decision) *scenario.Option

// FollowPolicy plays one team that answers every decision as soon as it
// opens with the option pick chooses.
func FollowPolicy(id string, source []byte, sc *scenario.Scenario, pick Pick) (Run, error) {
	policy := map[string]string{}
	var order []string
	for range 10_000 {
		run, need, err := play(id, source, policy, order, Prompt)
		if err != nil || need == nil {
			return run, err
		}
		policy[need.ID] = pick(sc, need).ID
		order = append(order, need.ID)
	}
	return Run{}, fmt.Errorf("policy did not settle")
}

// The naive policies a scenario must not reward.
var (
	// PickFirst takes the option listed first in the file.
	PickFirst Pick = func(_ *scenario.Scenario, d *scenario.Decision) *scenario.Option { return d.Options[0] }
	// PickMostOpen takes the option with the highest transparency + empathy
	// (the first of equals).
	PickMostOpen Pick = func(_ *scenario.Scenario, d *scenario.Decision) *scenario.Option {
		best := d.Options[0]
		for _, o := range d.Options[1:] {
			if scenario.OpenScore(o) > scenario.OpenScore(best) {
				best = o
			}
		}
		return best
	}
)

// PickLongest takes the option with the longest text in lang (the first of
// equals).
func PickLongest(lang string) Pick {
	return func(_ *scenario.Scenario, d *scenario.Decision) *scenario.Option {
		best := d.Options[0]
		for _, o := range d.Options[1:] {
			if scenario.TextLength(o, lang) > scenario.TextLength(best, lang) {
				best = o
			}
		}
		return best
	}
}

// Gaming is how a scenario fares against teams that play by cues instead of
// thinking: each naive policy's run beside the best achievable.
type Gaming struct {
	Best      Run `json:"best"`
	Worst     Run `json:"worst"`
	First     Run `json:"first_listed"`
	LongestEN Run `json:"longest_en"`
	LongestZH Run `json:"longest_zh"`
	MostOpen  Run `json:"most_open"`
	// Decisions counts the scenario's decisions; NoDilemma those where one
	// option dominates every other (lint's no-dilemma).
	Decisions int      `json:"decisions"`
	NoDilemma []string `json:"no_dilemma"`
}

// CheckGaming plays the naive policies through a scenario. rep is its
// exploration answering promptly (for the best and worst achievable).
func CheckGaming(id string, source []byte, sc *scenario.Scenario, rep *Report) (*Gaming, error) {
	g := &Gaming{Best: rep.Best, Worst: rep.Worst, NoDilemma: []string{}}
	for _, p := range []struct {
		run  *Run
		pick Pick
	}{{&g.First, PickFirst}, {&g.LongestEN, PickLongest("en")}, {&g.LongestZH, PickLongest("zh")}, {&g.MostOpen, PickMostOpen}} {
		run, err := FollowPolicy(id, source, sc, p.pick)
		if err != nil {
			return nil, err
		}
		*p.run = run
	}
	for _, p := range sc.Phases {
		for _, d := range p.Decisions {
			g.Decisions++
			if sc.Dominant(d) != nil {
				g.NoDilemma = append(g.NoDilemma, d.ID)
			}
		}
	}
	return g, nil
}

// Unreached lists the phases no run entered, in file order.
func (r *Report) Unreached(sc *scenario.Scenario) []string {
	var out []string
	for _, p := range sc.Phases {
		if !r.Reachable[p.ID] {
			out = append(out, p.ID)
		}
	}
	return out
}

// EndingNames lists the endings reached, sorted.
func (r *Report) EndingNames() []string {
	out := make([]string, 0, len(r.Endings))
	for k := range r.Endings {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
