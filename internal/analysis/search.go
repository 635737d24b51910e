package analysis

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/scoring"
)

// The search behind ExploreVersion (issue 13 point 6, "analysis without path
// explosion").
//
// A way through is a policy: for each decision the team meets, an option or
// the timeout, applied every time the decision is open. The search plays
// one team headless and, where a decision not yet in the policy is open,
// branches: the session is forked (engine.Session.ForkNested: the search
// plays a copy to its end before it plays on the session), not replayed.
//
// Two partial plays that stand at the same branch point with the same
// future have the same ways on from there: the engine's FutureKey (phase,
// clock, the world variables some expression reads, open decisions, fired
// triggers, open promises and deadlines, claims that a later one may
// contradict…), the search's own clock, the decision to branch on
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
// as before.
//
// Summaries merge only so far: in a long chain of dilemmas, plays that
// answered differently reach the same state with summaries none of which
// dominates the others (more transparency here, more empathy there, a
// first public word earlier or later), and their number grows with the
// chain. So in a scenario of more than ExactDecisions decisions (no
// built-in scenario comes near), a state explores at most MaxSummaries of
// them, and more only for a play that looks better by its scores so far
// than all those (estimate), up to maxExtremes; a play beyond that is not
// followed further and the report says Bounded. Then a second search,
// taking the timeout and the last options first, follows the plays that
// look worse than all before instead, for the worst. The counts, the
// endings, the ways that run out of time and the phases reached stay exact
// (they do not depend on scores); the best and worst are real runs, so the
// true best is at least Best and the true worst at most Worst. The tests
// check that no built-in scenario is bounded and that the reports equal
// the old exhaustive analysis's. MaxStates stops a search with more states
// than that after merging.

// ExploreVersion finds the best and worst scores a team can achieve in a
// version of a scenario (a cut, a difficulty; Version{}: the full one at
// standard difficulty), the endings reached, the ways that run out of
// time and the phases some way enters, for every way of answering (each
// decision with each option or left to time out), answering when timing
// says. source is the scenario file.
func ExploreVersion(id string, source []byte, v Version, timing Timing) (*Report, error) {
	x, st, err := newSearch(id, source, v, timing, +1)
	if err != nil {
		return x.rep, err
	}
	x.rep.Runs, x.rep.UnendingRuns = st.runs, st.unending
	for _, e := range st.endings {
		x.rep.Endings[e.ending] = e.ways
	}
	if x.rep.Bounded {
		// The bounded search follows the plays that look best; another,
		// taking the timeout and the last options first, follows those
		// that look worst.
		y, _, err := newSearch(id, source, v, timing, -1)
		if err != nil {
			return x.rep, err
		}
		if y.have && y.rep.Worst.Overall < x.rep.Worst.Overall {
			x.rep.Worst = y.rep.Worst
		}
		x.rep.States += y.rep.States
	}
	return x.rep, nil
}

// newSearch runs a search; dir says which plays a bounded one follows
// (+1: those that look best, in the order of the file; -1: those that look
// worst, timeout first and options in reverse).
func newSearch(id string, source []byte, v Version, timing Timing, dir int) (*search, stats, error) {
	p, err := newPlayer(id, source, v, timing)
	if err != nil {
		return &search{rep: &Report{}}, stats{}, err
	}
	var sc *scenario.Scenario
	p.s.Read(func(st *engine.State) { sc = st.Scenario })
	x := &search{rep: &Report{Endings: map[string]int{}, Reachable: map[string]bool{}}, nodes: map[string]*node{},
		recurring: recurringDecisions(sc), every: sc.UpdatesEvery(), dir: dir}
	decisions := 0
	for _, ph := range sc.Phases {
		decisions += len(ph.Decisions)
	}
	x.bounded = decisions > ExactDecisions
	st, err := x.explore(p, nil)
	return x, st, err
}

type search struct {
	rep       *Report
	have      bool // a run was seen: Best and Worst are set
	nodes     map[string]*node
	recurring map[string]bool // decisions that may open more than once
	every     time.Duration   // the scenario's update window
	dir       int             // see newSearch
	bounded   bool            // the scenario has more than ExactDecisions decisions
}

// stats are the counts of the ways on from a node.
type stats struct {
	runs, unending int
	endings        []endingWays // by ending, in the order first met (a scenario has a few)
}

type endingWays struct {
	ending string
	ways   int
}

func (s *stats) add(o stats) {
	s.runs, s.unending = satAdd(s.runs, o.runs), satAdd(s.unending, o.unending)
next:
	for _, e := range o.endings {
		for i := range s.endings {
			if s.endings[i].ending == e.ending {
				s.endings[i].ways = satAdd(s.endings[i].ways, e.ways)
				continue next
			}
		}
		s.endings = append(s.endings, e)
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

// maxExtremes bounds the plays a state follows, counting those followed
// because they looked better or worse than all before (extreme).
const maxExtremes = 2 * MaxSummaries

// extreme reports whether a looks better (dir +1) or worse (-1) than every
// play explored from the node, by its scores so far.
func (n *node) extreme(a acc, dir int) bool {
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range n.entries {
		e := n.entries[i].estimate()
		lo, hi = min(lo, e), max(hi, e)
	}
	if e := a.estimate(); dir > 0 {
		return e > hi
	} else {
		return e < lo
	}
}

// estimate is a rough score of the play so far: the mean of its dimension
// means, less what its contradictions and false claims cost.
func (a *acc) estimate() float64 {
	total, dims := 0.0, 0
	for i, n := range a.sig.n {
		if n > 0 {
			total += a.sum[i] / n
			dims++
		}
	}
	if dims > 0 {
		total /= float64(dims)
	}
	return total - scoring.ContradictionCost*float64(a.bad)
}

func (x *search) explore(p *player, pol policy) (stats, error) {
	need, err := p.play(pol)
	if err != nil {
		return stats{}, err
	}
	if need == nil {
		return x.finish(p), nil
	}
	// Only the answers of decisions open now, and of those that may open
	// again, can still apply.
	var kept policy
	var key []byte
	var a acc
	p.s.Read(func(st *engine.State) {
		t := st.Teams[0]
		key = append(key, st.FutureKey(t.Name)...)
		key = append(key, '|')
		key = strconv.AppendInt(key, int64(p.now), 36)
		key = engine.AppendKeyString(key, need.ID)
		for _, od := range t.Open {
			if c, ok := pol.get(od.Decision.ID); ok {
				kept = kept.with(od.Decision.ID, c)
				key = engine.AppendKeyString(key, od.Decision.ID)
				key = engine.AppendKeyString(key, c)
			}
		}
		a = p.summary(t, x.every)
		x.markFrom(p, t)
	})
	for _, an := range pol { // in the order of the decisions' ids
		if x.recurring[an.decision] {
			kept = kept.with(an.decision, an.choice)
			key = append(key, '~')
			key = engine.AppendKeyString(key, an.decision)
			key = engine.AppendKeyString(key, an.choice)
		}
	}
	k := string(key)
	n := x.nodes[k]
	if n == nil {
		n = &node{}
		x.nodes[k] = n
	} else if n.done {
		if n.covers(a) {
			x.markPath(p)
			return n.stats, nil
		}
		if x.bounded && len(n.entries) >= MaxSummaries && (len(n.entries) >= maxExtremes || !n.extreme(a, x.dir)) {
			// The bound: the ways on are counted, but this play's scores
			// are not followed.
			x.rep.Bounded = true
			x.markPath(p)
			return n.stats, nil
		}
	}
	if x.rep.States++; x.rep.States > MaxStates {
		return stats{}, fmt.Errorf("more than %d states to explore after merging; analysis stopped", MaxStates)
	}
	n.entries = append(n.entries, a)
	choices := make([]string, 0, len(need.Options)+1)
	for _, o := range append(slices.Clone(need.Options), &scenario.Option{ID: timeout}) {
		choices = append(choices, o.ID)
		if need.Triage != nil {
			// The best and the worst triage, and none: every other
			// triage scores between them.
			choices = append(choices, o.ID+triageWorst, o.ID+triageNone)
		}
	}
	if x.dir < 0 {
		slices.Reverse(choices)
	}
	var total stats
	for i, c := range choices {
		child := p
		if i < len(choices)-1 {
			if child, err = p.fork(); err != nil {
				return stats{}, err
			}
		}
		st, err := x.explore(child, kept.with(need.ID, c))
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

// finish takes in a finished play: its scores, ending and phases, and the
// whole run when it is the best or worst so far or an example to keep.
func (x *search) finish(p *player) stats {
	r := x.rep
	// The search's team writes nothing, so it never handles a customer
	// case: every case that reaches it is missed, the worst a case can
	// score. For the best, every case counts as handled in time with a
	// good remedy and a reply of full empathy (engine.Team.BestCaseScores):
	// an upper bound no team's scores can pass.
	var overall, bestOverall float64
	var ending string
	p.s.Read(func(st *engine.State) {
		t := st.Teams[0]
		// The search's team has no overrides: its scores are the evidence's.
		scores, best := t.ScoreBounds()
		overall, bestOverall = scores.Overall, best.Overall
		ending = t.Ending
		if t.EndReason != engine.EndReached {
			ending = t.EndReason
		}
		x.markFrom(p, t)
	})
	best := !x.have || bestOverall > r.Best.Overall
	worst := !x.have || overall < r.Worst.Overall
	example := ending == engine.EndTimeUp && len(r.Unending) < MaxUnending
	if best || worst || example {
		run := p.run()
		if best {
			r.Best = run
			p.s.Read(func(st *engine.State) { bestScores(&r.Best, st.Teams[0]) })
		}
		if worst {
			r.Worst = run
		}
		if example {
			r.Unending = append(r.Unending, run)
		}
	}
	x.have = true
	st := stats{runs: 1, endings: []endingWays{{ending, 1}}}
	if ending == engine.EndTimeUp {
		st.unending = 1
	}
	return st
}

// markPath records the phases the play entered since it last did.
func (x *search) markPath(p *player) {
	p.s.Read(func(st *engine.State) {
		x.markFrom(p, st.Teams[0])
	})
}

func (x *search) markFrom(p *player, t *engine.Team) {
	for ; p.marked < len(t.Path); p.marked++ {
		x.rep.Reachable[t.Path[p.marked].Phase] = true
	}
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
	claimed bool       // the team made a public claim (consistency has evidence)
	spoke   bool
	first   time.Duration // the first update
	last    int           // the window of the latest update (-1: none yet)
	settled int           // promises kept or missed
	// cases that reached the team, and those of them missed (the search
	// never handles a case: see finish).
	cases, missed int
}

var dimIndex = map[string]int{scoring.Speed: 0, scoring.Transparency: 1, scoring.Empathy: 2}

// atLeast reports whether a finishes at least as well as b on every way on
// (their sigs being equal).
func (a *acc) atLeast(b *acc) bool {
	return a.sum[0] >= b.sum[0] && a.sum[1] >= b.sum[1] && a.sum[2] >= b.sum[2] &&
		a.bad <= b.bad && a.before >= b.before && a.kept >= b.kept
}

// summary brings the play's score summary up to the team's answers and
// updates (both only grow; the summary takes in the new ones) and returns
// it.
func (p *player) summary(t *engine.Team, every time.Duration) acc {
	a := &p.acc
	for ; p.answers < len(t.Answers); p.answers++ {
		ans := &t.Answers[p.answers]
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
		p.falseClaims += len(ans.FalseClaims)
	}
	if p.updates == 0 {
		a.sig.last = -1
	}
	for ; p.triages < len(t.Triages); p.triages++ {
		for dim, v := range t.Triages[p.triages].Scores() {
			i, ok := dimIndex[dim]
			if !ok {
				panic("analysis: a triage scores a dimension the search does not know: " + dim)
			}
			a.sum[i] += v
			a.sig.n[i]++
		}
	}
	for ; p.updates < len(t.Updates); p.updates++ {
		u := t.Updates[p.updates]
		if p.updates == 0 {
			a.sig.spoke, a.sig.first = true, u
			continue
		}
		if u <= a.sig.first {
			continue
		}
		j := int((u-a.sig.first+every-1)/every) - 1
		if j != a.sig.last {
			if a.sig.last >= 0 {
				a.before++
			}
			a.sig.last = j
		}
	}
	for ; p.cases < len(t.Cases); p.cases++ {
		a.sig.cases++
	}
	missed := 0
	for _, c := range t.Cases {
		if c.Missed {
			missed++
		}
	}
	for ; a.sig.missed < missed; a.sig.missed++ {
		// A missed case scores 0 in speed and empathy (scoring.CaseScores).
		a.sig.n[0]++
		a.sig.n[2]++
	}
	a.bad = p.falseClaims + len(t.Contradictions)
	a.sig.claimed = len(t.Claims) > 0
	a.kept, a.sig.settled = 0, 0
	for _, c := range t.Commitments {
		switch {
		case c.Kept:
			a.kept++
			a.sig.settled++
		case c.Missed:
			a.sig.settled++
		}
	}
	return *a
}

// recurringDecisions are the decisions of phases on a cycle of the phase
// graph: a team may meet them more than once.
func recurringDecisions(sc *scenario.Scenario) map[string]bool {
	next := map[string][]string{}
	for _, p := range sc.Phases {
		next[p.ID] = p.Next()
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

// policy is a play's answers, decision id → choice, in the order of the
// ids: a search keeps only those that can still apply (a few), and a map
// for each of its plays cost more than all its lookups.
type policy []answer

type answer struct{ decision, choice string }

// get returns the choice for a decision, if the policy has one.
func (p policy) get(decision string) (string, bool) {
	for _, a := range p {
		if a.decision == decision {
			return a.choice, true
		}
	}
	return "", false
}

// with returns a copy of p that answers decision with choice.
func (p policy) with(decision, choice string) policy {
	i, found := slices.BinarySearchFunc(p, decision, func(a answer, d string) int { return strings.Compare(a.decision, d) })
	out := make(policy, len(p), len(p)+1)
	copy(out, p)
	if found {
		out[i].choice = choice
		return out
	}
	return slices.Insert(out, i, answer{decision, choice})
}

func (p policy) String() string {
	var b strings.Builder
	for i, a := range p {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(a.decision + ":" + a.choice)
	}
	return "[" + b.String() + "]"
}

// player plays one team headless, as a team that answers by a policy.
type player struct {
	s      *engine.Session
	now    time.Duration
	timing Timing
	steps  int
	// The score summary of the answers and updates so far (summary).
	acc              acc
	answers, updates int // how many of each the summary took in
	cases            int // the customer cases the summary took in
	triages          int // the team's triages the summary took in
	falseClaims      int
	marked           int // the phases of the path recorded as reached
	// open is play's buffer, shared by the forks of a search (which play
	// one at a time).
	open []engine.OpenDecision
}

func newPlayer(id string, source []byte, v Version, timing Timing) (*player, error) {
	// The seed only shuffles the order options are shown in, which the
	// analysis does not read.
	s, err := engine.Start(engine.Config{ScenarioID: id, Source: source, Teams: []string{"T"}, Lang: "en", NoFeed: true, Seed: 1,
		Cut: v.Cut, Difficulty: v.Difficulty}, engine.Discard, nil)
	if err != nil {
		return nil, err
	}
	return &player{s: s, timing: timing}, nil
}

func (p *player) fork() (*player, error) {
	s, err := p.s.ForkNested(engine.Discard)
	if err != nil {
		return nil, err
	}
	c := *p
	c.s = s
	return &c, nil
}

// play goes on until the team's play ends (nil) or a decision the policy
// does not cover is open (to branch on).
func (p *player) play(pol policy) (*scenario.Decision, error) {
	s := p.s
	for ; p.steps < 100_000; p.steps++ {
		now := p.now
		if err := s.AdvanceTo(now); err != nil {
			return nil, err
		}
		open := p.open[:0]
		var ended bool
		var next time.Duration
		var hasNext bool
		s.Read(func(st *engine.State) {
			t := st.Teams[0]
			ended = t.Ended
			open = append(open, t.Open...)
		})
		p.open = open
		if ended {
			return nil, nil
		}
		next, hasNext = s.NextDue()
		// Answer what the policy covers, when the timing says.
		answeredNow := false
		for _, od := range open {
			choice, known := pol.get(od.Decision.ID)
			if !known {
				return od.Decision, nil
			}
			base, mode := splitTriage(choice)
			if base == timeout && (mode == triageNone || od.Decision.Triage == nil) {
				continue
			}
			when := od.OpenedAt
			if p.timing == Late {
				when = od.DeadlineAt() - time.Second
			}
			if when <= now {
				sent, err := p.triage(od.Decision, mode)
				if err != nil {
					return nil, fmt.Errorf("policy %v: %w", pol, err)
				}
				if base == timeout {
					if sent {
						answeredNow = true
						break
					}
					continue
				}
				if err := s.Send(engine.Command{Kind: engine.CmdChoose, Team: "T", Decision: od.Decision.ID, Option: base}); err != nil {
					return nil, fmt.Errorf("policy %v: %w", pol, err)
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
	p.s.Read(func(st *engine.State) { run = runOf(st.Teams[0]) })
	return run
}

// runOf describes a team's play: its path, ending, scores and choices.
func runOf(t *engine.Team) Run {
	var run Run
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
	for _, tr := range t.Triages {
		c := "none"
		if !tr.Missing {
			c = strconv.FormatFloat(tr.Score(), 'f', -1, 64)
		}
		run.Choices = append(run.Choices, "triage:"+tr.Feed.Decision.ID+"="+c)
	}
	return run
}

// bestScores puts the team's best-case scores (BestCaseScores) in run.
func bestScores(run *Run, t *engine.Team) {
	if len(t.Cases) == 0 {
		return
	}
	sc := t.BestCaseScores()
	run.Overall = sc.Overall
	run.Scores = map[string]float64{}
	for _, dim := range scoring.Dimensions {
		if sc.Has[dim] {
			run.Scores[dim] = sc.Get(dim)
		}
	}
}

// A choice of the search for a decision with a social-listening triage is
// the option (or timeout) followed by how the team triages the feed first:
// nothing added for the perfect triage, triageWorst for the worst,
// triageNone for none at all.
const (
	triageWorst = "|worst-triage"
	triageNone  = "|no-triage"
)

// splitTriage splits a choice into the option (or timeout) and the triage.
func splitTriage(choice string) (base, mode string) {
	if i := strings.IndexByte(choice, '|'); i >= 0 {
		return choice[:i], choice[i:]
	}
	return choice, ""
}

// triage sends the team's triage of d's feed as mode says, unless d has
// none, mode is triageNone, or the team has triaged it already; it reports
// whether it sent one.
func (p *player) triage(d *scenario.Decision, mode string) (bool, error) {
	if d.Triage == nil || mode == triageNone {
		return false, nil
	}
	done := false
	p.s.Read(func(st *engine.State) { done = st.Teams[0].Triaged(d.ID) })
	if done {
		return false, nil
	}
	marks := engine.PerfectTriage(d.Triage)
	if mode == triageWorst {
		marks = engine.WorstTriage(d.Triage)
	}
	return true, p.s.Send(engine.Command{Kind: engine.CmdTriage, Team: "T", Decision: d.ID, Triage: marks})
}
