package engine

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// happening ranks: at the same exercise time a team first moves to a pending
// phase, then receives injects, then sees decisions open, then loses
// decisions to their deadline, then continues, ends, or runs out of time.
const (
	rankMove = iota
	rankInject
	rankOpen
	rankRegMissed // before decision timeouts: the letter arrives before the team moves on
	rankTimeout
	rankTrigger
	rankRule
	rankContinue
	rankEnding
	rankTimeUp
)

// condCache is a condition's answer for a team, kept until something the
// condition reads changes for the team (valid false) or, for one that reads
// the clock, until time passes its answer. from is when it was asked; at,
// ok the first time from then on that it holds (ok false: none).
type condCache struct {
	valid bool
	ok    bool
	from  time.Duration
	at    time.Duration
}

// candidate is a happening considered for next: the few fields its event
// needs (event). An Event is large, and the schedule considers several
// happenings per team for every event, so the event is made once, for the
// one that is due.
type candidate struct {
	at    time.Duration
	rank  int
	kind  Kind
	team  string
	id    string   // what the event names: see event
	phase string   // KindInject: the phase
	n     int      // KindPromiseMiss: the promise; KindRule, KindFeed: the tick; KindPressUnanswered: the question
	posts []string // KindFeed
}

// event writes the candidate's event to ev, at time at.
func (c *candidate) event(ev *Event, at time.Duration) {
	*ev = Event{At: at, Kind: c.kind, Team: c.team}
	switch c.kind {
	case KindPhase:
		ev.Phase = c.id
	case KindInject:
		ev.Phase, ev.Inject = c.phase, c.id
	case KindOpened, KindTimedOut:
		ev.Decision = c.id
	case KindTeamEnded:
		ev.Reason = c.id
	case KindPromiseMiss:
		ev.Promise = c.n
	case KindRegMissed:
		ev.RegDeadline = c.id
	case KindTrigger:
		ev.Trigger = c.id
	case KindRule:
		ev.Rule, ev.Tick = c.id, c.n
	case KindFeed:
		ev.Tick, ev.Posts = c.n, c.posts
	case KindCaseMissed, KindCaseArrived:
		ev.Case = c.id
	case KindPressUnanswered:
		ev.Conference, ev.Question = c.id, c.n
	case KindPressStarted:
		ev.Conference = c.id
	default:
		panic("engine: the schedule has no event of kind " + string(c.kind))
	}
}

// Due returns the next event the scenario makes happen at or before upTo,
// if any. Teams are taken in order at equal times, so the result depends on
// the state alone: replaying a log reproduces the same schedule.
func (s *State) Due(upTo time.Duration) (Event, bool) {
	var ev Event
	ok, _, _ := s.due(upTo, &ev)
	return ev, ok
}

// due is Due, writing the event to *ev, and, when nothing is due by upTo,
// when the first happening after it is (later; false: none is scheduled).
func (s *State) due(upTo time.Duration, ev *Event) (ok bool, later time.Duration, hasLater bool) {
	if s.Scenario == nil || s.Ended {
		return false, 0, false
	}
	// The earliest of all, then whether it is due by upTo: the same as the
	// earliest of those due by upTo, and it tells what comes after.
	var best candidate
	have := false
	for _, t := range s.Teams {
		s.teamDue(t, &best, &have)
	}
	if !have || best.at > upTo {
		if !s.Active() && len(s.Teams) > 0 {
			*ev = Event{Kind: KindExerciseEnds, At: s.Now, Reason: EndComplete}
			return true, 0, false
		}
		return false, max(best.at, s.Now), have
	}
	best.event(ev, max(best.at, s.Now))
	if ev.Kind == KindOpened {
		// The order is made only for the happening that is due, not for
		// every candidate considered.
		t := s.Team(ev.Team)
		ev.Order = s.optionOrder(t, s.phaseOf(t).Decision(ev.Decision))
	}
	if ev.Kind == KindCaseArrived {
		ev.Order = s.remedyOrder(s.Team(ev.Team), s.Scenario.Case(ev.Case))
	}
	return true, 0, false
}

// teamDue puts the team's earliest pending happening in *best when it
// comes before the one there (have: there is one; at equal times and
// ranks the one there stays, so teams are taken in order).
func (s *State) teamDue(t *Team, best *candidate, have *bool) {
	if t.Ended {
		return
	}
	// teamDue runs for every event: a happening is written to *best only
	// when it comes before the best so far (better).
	better := func(at time.Duration, rank int) bool {
		if *have && (at > best.at || (at == best.at && rank >= best.rank)) {
			return false
		}
		*have = true
		return true
	}
	if t.Phase == "" {
		if better(0, rankMove) {
			*best = candidate{at: 0, rank: rankMove, kind: KindPhase, team: t.Name, id: "start"}
		}
		return
	}
	if t.pendingNext != "" {
		if better(s.Now, rankMove) {
			*best = candidate{at: s.Now, rank: rankMove, kind: KindPhase, team: t.Name, id: t.pendingNext}
		}
		return
	}
	p := s.phaseOf(t)
	entered := t.PhaseEnteredAt
	// The phase's injects arrive in order (by time, ties in file order):
	// only the first not yet delivered (nor skipped) is a candidate.
	// t.injNext skips those done with, so a phase of many injects costs no
	// more per event. An inject the facilitator delayed may fall behind
	// later ones: then the earliest due is the candidate, and the scan
	// stops at the first inject scheduled after it (none can be earlier).
	arrival := p.Arrival()
	var next *scenario.Inject
	var nextAt time.Duration
	for i := t.injNext; i < len(arrival); i++ {
		in := arrival[i]
		if t.delivered[in.ID] || t.skipped[in.ID] {
			continue
		}
		if next != nil && entered+in.At > nextAt {
			break
		}
		if at := entered + in.At + t.delays[in.ID]; next == nil || at < nextAt {
			next, nextAt = in, at
		}
		if len(t.delays) == 0 {
			break
		}
	}
	if next != nil && (p.Ending == nil || next.At == 0) { // play stops at an ending; later injects never arrive
		if better(nextAt, rankInject) {
			*best = candidate{at: nextAt, rank: rankInject, kind: KindInject, team: t.Name, phase: p.ID, id: next.ID}
		}
	}
	for _, d := range p.Decisions {
		if t.opened[d.ID] {
			continue
		}
		var at time.Duration
		switch opener := d.OpenedBy(); {
		case d.At != nil:
			at = entered + *d.At
		case opener != nil && t.delivered[opener.ID]:
			// With its inject, whenever that arrived: on time, sent
			// early or delayed by the facilitator.
			at = t.deliveredAt[opener.ID]
		default:
			continue
		}
		if better(at, rankOpen) {
			*best = candidate{at: at, rank: rankOpen, kind: KindOpened, team: t.Name, id: d.ID}
		}
	}
	for _, od := range t.Open {
		if better(od.DeadlineAt(), rankTimeout) {
			*best = candidate{at: od.DeadlineAt(), rank: rankTimeout, kind: KindTimedOut, team: t.Name, id: od.Decision.ID}
		}
	}
	if p.Ending != nil {
		// A team that reached an ending stops playing: only the ending's
		// opening injects arrive; no rule, trigger or deadline applies.
		if better(entered, rankEnding) {
			*best = candidate{at: entered, rank: rankEnding, kind: KindTeamEnded, team: t.Name, id: EndReached}
		}
		return
	}
	for i, c := range t.Commitments {
		if !c.Kept && !c.Missed {
			if better(c.Due, rankRegMissed) {
				*best = candidate{at: c.Due, rank: rankRegMissed, kind: KindPromiseMiss, team: t.Name, n: i + 1}
			}
		}
	}
	s.pressDue(t, better, best)
	s.casesDue(t, better, best)
	for id, ds := range t.RegDeadlines {
		if !ds.Met && !ds.Missed {
			if better(ds.DueAt(), rankRegMissed) {
				*best = candidate{at: ds.DueAt(), rank: rankRegMissed, kind: KindRegMissed, team: t.Name, id: id}
			}
		}
	}
	// One environment for all conditions of this team, made when one needs
	// evaluating; only "minutes" varies.
	var env scenario.Env
	envNow := func() scenario.Env {
		if env == nil {
			env = s.Env(t, s.Now)
		}
		return env
	}
	// A condition's answer is kept until something it reads changes for the
	// team (State.touch); one that reads the clock is also asked again once
	// the time it was asked from is past its answer. So many triggers or
	// rules cost an evaluation when their inputs change, not on every event.
	// Triggers share a rank, and so do rules: the first due of each (file
	// order at equal times) is the only one to consider.
	firstTrig, firstRule := -1, -1
	var trigAt, ruleAt time.Duration
	for i, tr := range s.Scenario.Triggers {
		if t.fired[i] || tr.When == nil {
			continue
		}
		c := &t.trigDue[i]
		if !c.valid || s.Now < c.from || (c.ok && s.Now > c.at) {
			t.own(sharedTrigDue)
			c = &t.trigDue[i]
			c.at, c.ok = s.firstTrue(envNow(), tr.When, s.Now, time.Minute)
			c.from, c.valid = s.Now, true
		}
		if c.ok && (firstTrig < 0 || c.at < trigAt) {
			firstTrig, trigAt = i, c.at
		}
	}
	if firstTrig >= 0 {
		if better(trigAt, rankTrigger) {
			*best = candidate{at: trigAt, rank: rankTrigger, kind: KindTrigger, team: t.Name, id: s.Scenario.Triggers[firstTrig].ID}
		}
	}
	for i, r := range s.Scenario.Rules {
		if r.Every <= 0 {
			continue
		}
		// The first period not yet applied and not yet past.
		k := max(t.ruleTicks[i]+1, int((s.Now+r.Every-1)/r.Every))
		if time.Duration(k)*r.Every > s.Scenario.Duration {
			continue
		}
		at, ok := time.Duration(k)*r.Every, true
		if r.While != nil {
			c := &t.ruleDue[i]
			if r.While.ReadsClock() {
				if !c.valid || at < c.from || (c.ok && at > c.at) {
					t.own(sharedRuleDue)
					c = &t.ruleDue[i]
					c.at, c.ok = s.firstTrueTick(envNow(), r, k)
					c.from, c.valid = at, true
				}
				at, ok = c.at, c.ok
			} else {
				if !c.valid {
					t.own(sharedRuleDue)
					c = &t.ruleDue[i]
					_, c.ok = s.firstTrueTick(envNow(), r, k)
					c.valid = true
				}
				ok = c.ok
			}
		}
		if ok && (firstRule < 0 || at < ruleAt) {
			firstRule, ruleAt = i, at
		}
	}
	if firstRule >= 0 {
		r := s.Scenario.Rules[firstRule]
		if better(ruleAt, rankRule) {
			*best = candidate{at: ruleAt, rank: rankRule, kind: KindRule, team: t.Name, id: r.ID, n: int(ruleAt / r.Every)}
		}
	}
	if f := s.Scenario.Feed; f != nil && !s.NoFeed {
		envNow()
		k := max(t.feedTick+1, int((s.Now+f.Every-1)/f.Every))
		if at, posts, ok := s.nextFeed(env, t, k); ok {
			if better(at, rankRule) {
				*best = candidate{at: at, rank: rankRule, kind: KindFeed, team: t.Name, n: int(at / f.Every), posts: posts}
			}
		}
	}
	if p.Continue != nil {
		at := entered + p.Continue.After
		next := p.Continue.Next
		if len(p.Continue.Routes) > 0 {
			next = scenario.NextPhase(p.Continue.Routes, next, s.Env(t, at))
		}
		if better(at, rankContinue) {
			*best = candidate{at: at, rank: rankContinue, kind: KindPhase, team: t.Name, id: next}
		}
	}
	if better(s.Scenario.Duration, rankTimeUp) {
		*best = candidate{at: s.Scenario.Duration, rank: rankTimeUp, kind: KindTeamEnded, team: t.Name, id: EndTimeUp}
	}
}

// firstTrue finds the first time from `from`, in steps, at which cond holds
// for the team as it stands. Only a condition that reads the clock
// ("minutes") can change without an event, so others are tried once.
func (s *State) firstTrue(env scenario.Env, cond *scenario.Expr, from, step time.Duration) (time.Duration, bool) {
	defer s.setMinutes(env, s.Now)
	if !cond.ReadsClock() {
		s.setMinutes(env, from)
		ok, _ := cond.Bool(env)
		return from, ok
	}
	for at := from; at <= s.Scenario.Duration; at += step {
		s.setMinutes(env, at)
		if ok, _ := cond.Bool(env); ok {
			return at, true
		}
		at = at.Truncate(step)
	}
	return 0, false
}

// firstTrueTick finds the first period from k on at which a rule applies.
func (s *State) firstTrueTick(env scenario.Env, r *scenario.Rule, k int) (time.Duration, bool) {
	defer s.setMinutes(env, s.Now)
	for ; time.Duration(k)*r.Every <= s.Scenario.Duration; k++ {
		at := time.Duration(k) * r.Every
		if r.While == nil {
			return at, true
		}
		s.setMinutes(env, at)
		ok, _ := r.While.Bool(env)
		if ok {
			return at, true
		}
		if !r.While.ReadsClock() {
			return 0, false // the condition cannot change before the next event
		}
	}
	return 0, false
}

// nextFeed finds the first feed period from k on with something to post,
// and chooses the posts: weighted picks without replacement among the
// eligible templates, from a generator seeded by the exercise's seed, the
// team and the period, so a replay posts the same.
func (s *State) nextFeed(env scenario.Env, t *Team, k int) (time.Duration, []string, bool) {
	f := s.Scenario.Feed
	defer s.setMinutes(env, s.Now)
	readsClock := func(e *scenario.Expr) bool { return e != nil && strings.Contains(e.Src, "minutes") }
	// A template whose condition does not read the clock is eligible or not
	// for every period until the next event: judge it once.
	static := make([]int8, len(f.Posts)) // 1 eligible, -1 not, 0 reads the clock
	clockBound := readsClock(f.Volume)
	s.setMinutes(env, time.Duration(k)*f.Every)
	for i, p := range f.Posts {
		switch {
		case t.feedCount[p.ID] >= p.Max:
			static[i] = -1
		case readsClock(p.When):
			clockBound = true
		case p.When == nil:
			static[i] = 1
		default:
			if ok, _ := p.When.Bool(env); ok {
				static[i] = 1
			} else {
				static[i] = -1
			}
		}
	}
	for ; time.Duration(k)*f.Every <= s.Scenario.Duration; k++ {
		at := time.Duration(k) * f.Every
		s.setMinutes(env, at)
		n := s.Scenario.FeedVolume(1)
		if f.Volume != nil {
			v, err := f.Volume.Float(env)
			if err != nil || math.IsNaN(v) {
				v = 0
			}
			n = s.Scenario.FeedVolume(v)
		}
		var eligible []*scenario.FeedPost
		for i, p := range f.Posts {
			switch static[i] {
			case 1:
				eligible = append(eligible, p)
			case 0:
				if ok, _ := p.When.Bool(env); ok {
					eligible = append(eligible, p)
				}
			}
		}
		if n > 0 && len(eligible) > 0 {
			return at, pick(eligible, n, rand.New(rand.NewPCG(s.Seed, teamSeed(t.Name, k)))), true
		}
		if !clockBound {
			return 0, nil, false // nothing changes before the next event
		}
	}
	return 0, nil, false
}

func pick(posts []*scenario.FeedPost, n int, r *rand.Rand) []string {
	pool := append([]*scenario.FeedPost(nil), posts...)
	var out []string
	for len(out) < n && len(pool) > 0 {
		total := 0.0
		for _, p := range pool {
			total += p.Weight
		}
		x := r.Float64() * total
		i := 0
		for ; i < len(pool)-1; i++ {
			x -= pool[i].Weight
			if x < 0 {
				break
			}
		}
		out = append(out, pool[i].ID)
		pool = append(pool[:i], pool[i+1:]...)
	}
	return out
}

func teamSeed(team string, k int) uint64 {
	h := fnv.New64a()
	h.Write([]byte(team))
	return h.Sum64() ^ uint64(k)*0x9E3779B97F4A7C15
}

// optionOrder is the order in which a team sees a decision's options:
// shuffled from the exercise's seed, the team and the decision (and how
// often the team met it before), so no position cues the best answer and
// every replay shows the same order. It is recorded in decision.opened.
func (s *State) optionOrder(t *Team, d *scenario.Decision) []string {
	met := 0
	for _, a := range t.Answers {
		if a.Decision == d {
			met++
		}
	}
	h := fnv.New64a()
	h.Write([]byte(d.ID))
	r := rand.New(rand.NewPCG(s.Seed^h.Sum64(), teamSeed(t.Name, met)))
	order := make([]string, len(d.Options))
	for i, o := range d.Options {
		order[i] = o.ID
	}
	r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	return order
}
