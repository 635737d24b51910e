// Package analysis explores every way a team can play a scenario: each
// decision answered with each option or left to time out. It finds the best
// and worst achievable scores and the paths that never reach an ending, so
// authors (and the test suite) know a scenario rewards good communication.
// It searches rather than replaying each way: plays that reach the same
// state merge (search.go).
package analysis

import (
	"fmt"
	"strings"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Timing says when a simulated team answers.
type Timing int

const (
	// Prompt answers as soon as a decision opens.
	Prompt Timing = iota
	// Late answers one second before the deadline.
	Late
)

// MaxStates bounds the search of one scenario: the states (a team's
// situation where a decision awaits its answer) explored, after merging.
const MaxStates = 2_000_000

// ExactDecisions is the size, in decisions, up to which the search
// follows every play's scores (all built-in scenarios, and the scenarios
// of the tests that compare it with playing every way through). In a
// larger scenario a state follows at most MaxSummaries score summaries
// (see Report.Bounded).
const (
	ExactDecisions = 100
	MaxSummaries   = 1
)

// MaxRuns is kept for callers of the earlier analysis, which stopped after
// that many ways through; the merged search counts ways without playing
// each, and is bounded by MaxStates instead.
const MaxRuns = 200_000

// MaxUnending is how many of the ways that run out of time a Report keeps
// as examples (it counts them all in UnendingRuns).
const MaxUnending = 20

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
	// Runs counts the ways through (saturating at math.MaxInt: a long
	// chain of decisions has more than an int can count).
	Runs  int
	Best  Run
	Worst Run
	// Unending are examples of runs that ended by time-up instead of an
	// ending: the first MaxUnending the search played, in the order the
	// ways are listed (options in file order, then the timeout);
	// UnendingRuns counts them all (saturating like Runs).
	Unending     []Run
	UnendingRuns int
	Endings      map[string]int  // ways through by ending (saturating like Runs)
	Reachable    map[string]bool // phases some run entered
	// States counts the situations the search explored after merging.
	States int
	// Bounded says that the search did not follow every play's scores (a
	// state had more than MaxSummaries score summaries, none dominating
	// the others): Best and Worst are real runs, but the true best may be
	// higher and the true worst lower. Runs, Endings, Unending and
	// Reachable are exact either way.
	Bounded bool
}

const timeout = "timeout"

// GCPercent is the garbage collector's setting (debug.SetGCPercent) a
// search runs at in `firebreak analyze` and in this package's tests: the
// search makes many short-lived states, and collecting less often saves
// a fifth to a quarter of its time for a few more megabytes.
const GCPercent = 400

// Version is the version of a scenario analysed: one of its cuts ("": the
// full version) at a difficulty ("": standard); see scenario.Variant.
type Version struct {
	Cut, Difficulty string
}

// ExploreBothVersion explores a version of a scenario (Version{}: the
// full one at standard difficulty) answering promptly and answering late,
// at the same time (the two searches share nothing): what `firebreak
// analyze` reports.
func ExploreBothVersion(id string, source []byte, v Version) (prompt, late *Report, err error) {
	var lateErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		late, lateErr = ExploreVersion(id, source, v, Late)
	}()
	prompt, err = ExploreVersion(id, source, v, Prompt)
	<-done
	if err == nil {
		err = lateErr
	}
	return prompt, late, err
}

// Pick chooses an option of a decision for a simulated team.
type Pick func(sc *scenario.Scenario, d *scenario.Decision) *scenario.Option

// FollowPolicyVersion plays one team, in a version of the scenario (sc is
// that version: scenario.Variant), that answers every decision as soon as
// it opens with the option pick chooses.
func FollowPolicyVersion(id string, source []byte, v Version, sc *scenario.Scenario, pick Pick) (Run, error) {
	p, err := newPlayer(id, source, v, Prompt)
	if err != nil {
		return Run{}, err
	}
	var pol policy
	for range 100_000 {
		need, err := p.play(pol)
		if err != nil || need == nil {
			return p.run(), err
		}
		pol = pol.with(need.ID, pick(sc, need).ID)
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

// CheckGamingVersion plays the naive policies through a version of a
// scenario (sc is that version: scenario.Variant). rep is its exploration
// answering promptly (for the best and worst achievable).
func CheckGamingVersion(id string, source []byte, v Version, sc *scenario.Scenario, rep *Report) (*Gaming, error) {
	g := &Gaming{Best: rep.Best, Worst: rep.Worst, NoDilemma: []string{}}
	for _, p := range []struct {
		run  *Run
		pick Pick
	}{{&g.First, PickFirst}, {&g.LongestEN, PickLongest("en")}, {&g.LongestZH, PickLongest("zh")}, {&g.MostOpen, PickMostOpen}} {
		run, err := FollowPolicyVersion(id, source, v, sc, p.pick)
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
