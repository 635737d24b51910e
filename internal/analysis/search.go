package analysis

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/scoring"
)

// The search behind Explore (issue 13 point 6, "analysis without path
// explosion").
//
// A way through is a policy: for each decision the team meets, an option or
// the timeout, applied every time the decision is open. The search plays
// one team headless and, where a decision not yet in the policy is open,
// branches: the session is forked (engine.Session.Fork), not replayed.
//
// Two partial plays that stand at the same branch point with the same
// future have the same ways on from there: the engine's FutureKey (phase,
// clock, world, open decisions, fired triggers, open promises and
// deadlines, claims…), the search's own clock, the decision to branch on
// and the policy's answers that can still apply (for decisions open now
// and for decisions of phases on a cycle, which can open again). The
// search keeps one node per such key. Counting (ways, endings, ways that
// run out of time) and the phases reached are exact on these nodes alone:
// a node's counts are computed once and reused by every play reaching it.
//
// Scores are not a sum over the way: each dimension is a mean over the
// decisions, and the overall a weighted mean of rounded dimensions. So a
// play reaching a node also carries a score summary (acc): the per-
// dimension sums and weights of its answers, exactly as scoring adds them,
// and what follow-up and consistency will read. Two plays at one node with
// the same summary finish with the same scores on every way on; and when
// one's summary is at least as good on every count (same weights, same
// structure; sums at least as high, fewer contradictions, more windows
// covered, more promises kept), it finishes at least as well on every way
// on, because every score is non-decreasing in those counts. A play at a
// node is explored further only when no play explored there before (so
// earlier in the order the ways are listed) dominates it upwards (for the
// best) and none downwards (for the worst): the best and worst found are
// exactly those of playing every way, ties going to the first way listed,
// as before. Nothing is bounded or approximated; MaxStates stops a
// scenario whose summaries do not merge.

// Explore finds the best and worst scores a team can achieve, the endings
// reached, the ways that run out of time and the phases some way enters,
// for every way of answering (each decision with each option or left to
// time out), answering when timing says. source is the scenario file.
func Explore(id string, source []byte, timing Timing) (*Report, error) {
	p, err := newPlayer(id, source, timing)
	if err != nil {
		return nil, err
	}
	var sc *scenario.Scenario
	p.s.Read(func(st *engine.State) { sc = st.Scenario })
	x := &search{rep: &Report{Endings: map[string]int{}, Reachable: map[string]bool{}}, nodes: map[string]*node{},
		recurring: recurringDecisions(sc), every: sc.UpdatesEvery()}
	st, err := x.explore(p, map[string]string{})
	if err != nil {
		return x.rep, err
	}
	x.rep.Runs, x.rep.UnendingRuns = st.runs, st.unending
	for k, v := range st.endings {
		x.rep.Endings[k] = v
	}
	return x.rep, nil
}

type search struct {
	rep       *Report
	have      bool // a run was seen: Best and Worst are set
	nodes     map[string]*node
	recurring map[string]bool // decisions that may open more than once
	every     time.Duration   // the scenario's update window
}

// stats are the counts of the ways on from a node.
type stats struct {
	runs, unending int
	endings        map[string]int
}

func (s *stats) add(o stats) {
	s.runs, s.unending = satAdd(s.runs, o.runs), satAdd(s.unending, o.unending)
	if s.endings == nil {
		s.endings = map[string]int{}
	}
	for k, v := range o.endings {
		s.endings[k] = satAdd(s.endings[k], v)
	}
}

func satAdd(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}

type node struct {
	done    bool
	stats   stats
	entries []acc // score summaries of the plays explored from here
}

// covers reports whether plays explored from the node dominate a both ways:
// exploring a could find neither a better best nor a worse worst.
func (n *node) covers(a acc) bool {
	up, down := false, false
	for i := range n.entries {
		e := &n.entries[i]
		if e.sig != a.sig {
			continue
		}
		up = up || e.atLeast(&a)
		down = down || a.atLeast(e)
		if up && down {
			return true
		}
	}
	return false
}

func (x *search) explore(p *player, policy map[string]string) (stats, error) {
	need, err := p.play(policy)
	if err != nil {
		return stats{}, err
	}
	if need == nil {
		run := p.run()
		x.see(run)
		st := stats{runs: 1, endings: map[string]int{run.Ending: 1}}
		if run.Ending == engine.EndTimeUp {
			st.unending = 1
		}
		return st, nil
	}
	// Only the answers of decisions open now, and of those that may open
	// again, can still apply.
	kept := map[string]string{}
	var key []byte
	var a acc
	p.s.Read(func(st *engine.State) {
		t := st.Teams[0]
		key = append(key, st.FutureKey(t.Name)...)
		key = fmt.Appendf(key, "|%d|%q|", p.now, need.ID)
		for _, od := range t.Open {
			if c, ok := policy[od.Decision.ID]; ok {
				kept[od.Decision.ID] = c
				key = fmt.Appendf(key, "%q=%q,", od.Decision.ID, c)
			}
		}
		a = x.summary(t)
	})
	for _, id := range slices.Sorted(maps.Keys(policy)) {
		if x.recurring[id] {
			kept[id] = policy[id]
			key = fmt.Appendf(key, "%q~%q,", id, policy[id])
		}
	}
	k := string(key)
	n := x.nodes[k]
	if n == nil {
		n = &node{}
		x.nodes[k] = n
	} else if n.done && n.covers(a) {
		x.markPath(p)
		return n.stats, nil
	}
	if x.rep.States++; x.rep.States > MaxStates {
		return stats{}, fmt.Errorf("more than %d states to explore after merging; analysis stopped", MaxStates)
	}
	n.entries = append(n.entries, a)
	choices := make([]string, 0, len(need.Options)+1)
	for _, o := range need.Options {
		choices = append(choices, o.ID)
	}
	choices = append(choices, timeout)
	var total stats
	for i, c := range choices {
		child := p
		if i < len(choices)-1 {
			if child, err = p.fork(); err != nil {
				return stats{}, err
			}
		}
		st, err := x.explore(child, with(kept, need.ID, c))
		if err != nil {
			return stats{}, err
		}
		total.add(st)
	}
	if !n.done {
		n.stats, n.done = total, true
	}
	return total, nil
}

// see takes in a finished run.
func (x *search) see(run Run) {
	r := x.rep
	if !x.have || run.Overall > r.Best.Overall {
		r.Best = run
	}
	if !x.have || run.Overall < r.Worst.Overall {
		r.Worst = run
	}
	x.have = true
	for _, ph := range run.Path {
		r.Reachable[ph] = true
	}
	if run.Ending == engine.EndTimeUp && len(r.Unending) < MaxUnending {
		r.Unending = append(r.Unending, run)
	}
}

// markPath records the phases of a play that merged into a node explored
// before: the ways on from there were seen then.
func (x *search) markPath(p *player) {
	p.s.Read(func(st *engine.State) {
		for _, s := range st.Teams[0].Path {
			x.rep.Reachable[s.Phase] = true
		}
	})
}

// acc summarises what a play's answers so far give its final scores (see
// scoring.TeamEvidence).
type acc struct {
	sig accSig
	// sum of the weighted per-decision scores: speed, transparency,
	// empathy, added in the order scoring adds them.
	sum [3]float64
	// bad counts contradicting pairs and false claims (consistency).
	bad int
	// before counts the update windows covered before the window of the
	// latest update (follow-up).
	before int
	kept   int // promises kept
}

// accSig is what two summaries must share to be compared.
type accSig struct {
	n       [3]float64 // the weights summed, by dimension
	spoke   bool
	first   time.Duration // the first update
	last    int           // the window of the latest update (-1: none yet)
	settled int           // promises kept or missed
}

var dimIndex = map[string]int{scoring.Speed: 0, scoring.Transparency: 1, scoring.Empathy: 2}

// atLeast reports whether a finishes at least as well as b on every way on
// (their sigs being equal).
func (a *acc) atLeast(b *acc) bool {
	return a.sum[0] >= b.sum[0] && a.sum[1] >= b.sum[1] && a.sum[2] >= b.sum[2] &&
		a.bad <= b.bad && a.before >= b.before && a.kept >= b.kept
}

func (x *search) summary(t *engine.Team) acc {
	var a acc
	for _, ans := range t.Answers {
		if !ans.Scored() {
			continue
		}
		r := ans.Response()
		for dim, v := range scoring.Decision(r) {
			i, ok := dimIndex[dim]
			if !ok {
				panic("analysis: scoring has a dimension the search does not know: " + dim)
			}
			w := 1.0
			if dim == scoring.Speed {
				w = scoring.SpeedWeight(r)
			}
			a.sum[i] += w * v
			a.sig.n[i] += w
		}
		a.bad += len(ans.FalseClaims)
	}
	a.bad += len(t.Contradictions)
	for _, c := range t.Commitments {
		switch {
		case c.Kept:
			a.kept++
			a.sig.settled++
		case c.Missed:
			a.sig.settled++
		}
	}
	a.sig.last = -1
	if len(t.Updates) > 0 {
		a.sig.spoke, a.sig.first = true, t.Updates[0]
		for _, u := range t.Updates[1:] {
			if u <= a.sig.first {
				continue
			}
			j := int((u-a.sig.first+x.every-1)/x.every) - 1
			if j != a.sig.last {
				if a.sig.last >= 0 {
					a.before++
				}
				a.sig.last = j
			}
		}
	}
	return a
}

// recurringDecisions are the decisions of phases on a cycle of the phase
// graph: a team may meet them more than once.
func recurringDecisions(sc *scenario.Scenario) map[string]bool {
	next := map[string][]string{}
	for _, p := range sc.Phases {
		add := func(id string) {
			if id != "" {
				next[p.ID] = append(next[p.ID], id)
			}
		}
		routes := func(rs []*scenario.Route) {
			for _, r := range rs {
				add(r.Next)
			}
		}
		for _, d := range p.Decisions {
			for _, o := range d.Options {
				add(o.Next)
				routes(o.Routes)
			}
			if d.OnTimeout != nil {
				add(d.OnTimeout.Next)
				routes(d.OnTimeout.Routes)
			}
		}
		if p.Continue != nil {
			add(p.Continue.Next)
			routes(p.Continue.Routes)
		}
	}
	out := map[string]bool{}
	for _, p := range sc.Phases {
		// Does p reach itself?
		seen := map[string]bool{}
		stack := slices.Clone(next[p.ID])
		for len(stack) > 0 && !seen[p.ID] {
			q := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[q] {
				continue
			}
			seen[q] = true
			stack = append(stack, next[q]...)
		}
		if seen[p.ID] {
			for _, d := range p.Decisions {
				out[d.ID] = true
			}
		}
	}
	return out
}

func with(m map[string]string, k, v string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for a, b := range m {
		out[a] = b
	}
	out[k] = v
	return out
}

// player plays one team headless, as a team that answers by a policy.
type player struct {
	s      *engine.Session
	now    time.Duration
	timing Timing
	steps  int
}

type discardLog struct{}

func (discardLog) Append(engine.Event) error { return nil }

func newPlayer(id string, source []byte, timing Timing) (*player, error) {
	// The seed only shuffles the order options are shown in, which the
	// analysis does not read.
	s, err := engine.Start(engine.Config{ScenarioID: id, Source: source, Teams: []string{"T"}, Lang: "en", NoFeed: true, Seed: 1}, discardLog{}, nil)
	if err != nil {
		return nil, err
	}
	return &player{s: s, timing: timing}, nil
}

func (p *player) fork() (*player, error) {
	s, err := p.s.Fork(discardLog{})
	if err != nil {
		return nil, err
	}
	c := *p
	c.s = s
	return &c, nil
}

// play goes on until the team's play ends (nil) or a decision the policy
// does not cover is open (to branch on).
func (p *player) play(policy map[string]string) (*scenario.Decision, error) {
	s := p.s
	for ; p.steps < 100_000; p.steps++ {
		now := p.now
		if err := s.AdvanceTo(now); err != nil {
			return nil, err
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
			return nil, nil
		}
		// Answer what the policy covers, when the timing says.
		answeredNow := false
		for _, od := range open {
			choice, known := policy[od.Decision.ID]
			if !known {
				return od.Decision, nil
			}
			if choice == timeout {
				continue
			}
			when := od.OpenedAt
			if p.timing == Late {
				when = od.DeadlineAt() - time.Second
			}
			if when <= now {
				if err := s.Send(engine.Command{Kind: engine.CmdChoose, Team: "T", Decision: od.Decision.ID, Option: choice}); err != nil {
					return nil, fmt.Errorf("policy %v: %w", policy, err)
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
			return nil, fmt.Errorf("team stuck at %s with nothing due", now)
		}
		p.now = max(next, now)
	}
	return nil, nil
}

// run is the team's play as it stands.
func (p *player) run() Run {
	var run Run
	p.s.Read(func(st *engine.State) {
		t := st.Teams[0]
		for _, ph := range t.Path {
			run.Path = append(run.Path, ph.Phase)
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
	return run
}
