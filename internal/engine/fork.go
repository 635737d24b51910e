package engine

import (
	"errors"
	"maps"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// What internal/analysis needs to search a scenario's ways through without
// replaying each from the start: a copy of a headless session to branch
// from (ForkNested), and a key that says when two states have the same future
// (FutureKey).

// ForkNested returns a copy of a manual-time session (headless play) that
// logs to log, for a depth-first search, in which a session is not played
// on while a copy of it (or a copy of a copy) is still in use: the copy
// shares the lists that only grow (path, inbox, answers…) with
// the session, without copying them, so forking costs the same however
// long the play so far, and shares its teams' maps and per-condition
// lists until it first changes one (Team.own): playing the copy never
// changes the session. Playing on the session while a copy is still in
// use corrupts the copy.
func (s *Session) ForkNested(log Log) (*Session, error) { return s.fork(log, true) }

func (s *Session) fork(log Log, nested bool) (*Session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.wall != nil {
		return nil, errors.New("a session in real time cannot be forked")
	}
	c := &Session{st: s.st.clone(nested), log: log}
	c.anchorAt, c.manualAt = s.anchorAt, s.manualAt
	c.broken, c.halted = s.broken, s.halted
	return c, nil
}

// Clone returns a deep copy of the state: applying events to either leaves
// the other as it was. The scenario, its parts, the source and the pictures are shared (a
// loaded scenario never changes), and so are the elements of the lists
// that only grow (a team's path, inbox, answers, claims…): a copy keeps
// them with no room to spare, so appending to it never writes into the
// original's.
func (s *State) Clone() *State { return s.clone(false) }

// clone copies the state; nested leaves the lists that only grow as they
// are (see ForkNested).
func (s *State) clone(nested bool) *State {
	c := *s
	if nested {
		c.sharedRefs = true // copied before the copy first changes it
	} else {
		c.env = nil // played beside this one: fills its own
		c.Refs, c.sharedRefs = maps.Clone(s.Refs), false
		c.Notes = slices.Clip(s.Notes)
		c.Refused = slices.Clip(s.Refused)
	}
	c.Teams = make([]*Team, len(s.Teams))
	for i, t := range s.Teams {
		c.Teams[i] = t.clone(nested)
	}
	return &c
}

func (t *Team) clone(nested bool) *Team {
	c := *t
	c.Press = slices.Clone(t.Press) // a run's answers are appended copy-on-write
	c.Cases = slices.Clip(t.Cases)  // changed copy-on-write (cases.go)
	c.Open = slices.Clone(t.Open)   // an open decision's deadline may be extended in place
	if nested {
		// The copy shares the maps and the per-trigger and per-rule lists
		// with t, and copies each before it first changes it (own): most
		// forks of a search change only a few of them before they end.
		c.shared = sharedAll
		return &c
	}
	c.Path = slices.Clip(t.Path)
	c.Inbox = slices.Clip(t.Inbox)
	c.Answers = slices.Clip(t.Answers)
	c.Replies = slices.Clip(t.Replies)
	c.Posts = slices.Clip(t.Posts)
	c.Rejected = slices.Clip(t.Rejected)
	c.Feed = slices.Clip(t.Feed)
	c.Claims = slices.Clip(t.Claims)
	c.Contradictions = slices.Clip(t.Contradictions)
	c.Changes = slices.Clip(t.Changes)
	c.Updates = slices.Clip(t.Updates)
	c.chosen = slices.Clip(t.chosen)
	c.Triages = slices.Clip(t.Triages)
	c.Observations = slices.Clip(t.Observations)
	c.shared = sharedAll
	for p := shared(1); p < sharedAll; p <<= 1 {
		c.own(p)
	}
	return &c
}

// shared names the parts of a team that a nested copy (ForkNested) shares
// with the team it was copied from until it first changes them.
type shared uint32

const (
	sharedWorld shared = 1 << iota
	sharedRegDeadlines
	sharedTriggered
	sharedFeedCount
	sharedReads
	sharedCommitments
	sharedOverrides
	sharedRatings
	sharedEvaluations
	sharedRuleTicks
	sharedFired
	sharedTrigDue
	sharedRuleDue
	sharedDelivered
	sharedDeliveredAt
	sharedSkipped
	sharedDelays
	sharedOpened
	sharedTriageFeeds
	sharedAll = 1<<iota - 1
)

// own makes the team's part p its own before the team changes it: a copy
// when the team shares it (see shared); nothing otherwise. Every change to
// one of these parts is made after own, so a nested copy never changes the
// team it was copied from (TestNestedForkLeavesItsSessionAlone).
func (t *Team) own(p shared) {
	if t.shared&p == 0 {
		return
	}
	t.shared &^= p
	switch p {
	case sharedWorld:
		t.World = maps.Clone(t.World)
	case sharedRegDeadlines:
		if t.RegDeadlines != nil {
			m := make(map[string]*RegDeadlineState, len(t.RegDeadlines))
			for id, d := range t.RegDeadlines {
				dc := *d
				m[id] = &dc
			}
			t.RegDeadlines = m
		}
	case sharedTriggered:
		t.Triggered = maps.Clone(t.Triggered)
	case sharedFeedCount:
		t.feedCount = maps.Clone(t.feedCount)
	case sharedReads:
		t.reads = maps.Clone(t.reads)
	case sharedCommitments:
		if t.Commitments != nil {
			l := make([]*Commitment, len(t.Commitments))
			for i, cm := range t.Commitments {
				cc := *cm
				l[i] = &cc
			}
			t.Commitments = l
		}
	case sharedOverrides:
		t.Overrides = maps.Clone(t.Overrides)
	case sharedRatings:
		t.Ratings = maps.Clone(t.Ratings)
	case sharedEvaluations:
		if t.Evaluations != nil {
			m := make(map[string][]Evaluation, len(t.Evaluations))
			for id, l := range t.Evaluations {
				l = slices.Clone(l)
				for i := range l {
					l[i].Tasks = slices.Clone(l[i].Tasks)
				}
				m[id] = l
			}
			t.Evaluations = m
		}
	case sharedRuleTicks:
		t.ruleTicks = slices.Clone(t.ruleTicks)
	case sharedFired:
		t.fired = slices.Clone(t.fired)
	case sharedTrigDue:
		t.trigDue = slices.Clone(t.trigDue)
	case sharedRuleDue:
		t.ruleDue = slices.Clone(t.ruleDue)
	case sharedDelivered:
		t.delivered = maps.Clone(t.delivered)
	case sharedDeliveredAt:
		t.deliveredAt = maps.Clone(t.deliveredAt)
	case sharedSkipped:
		t.skipped = maps.Clone(t.skipped)
	case sharedDelays:
		t.delays = maps.Clone(t.delays)
	case sharedOpened:
		t.opened = maps.Clone(t.opened)
	case sharedTriageFeeds:
		t.triageFeeds = maps.Clone(t.triageFeeds)
	}
}

// FutureKey describes what decides the events still to come for a team of
// an exercise without a feed (Config.NoFeed): two such states with equal
// keys make the same events happen, at the same times, under the same
// commands. It leaves out what only the record and the scores read (the
// path, the inbox, the answers, the updates, settled promises, whether
// the team made a claim…), and reads the world variables, the counts of
// decisions and timeouts, the list of claims and whether the team spoke
// only when an expression of the scenario does (which claims a later one
// may contradict always count, and whether the team's first public word
// is still to come: they weigh on the scores of what is to come). The key is for comparing within one process, not for
// storing.
func (s *State) FutureKey(team string) string {
	t := s.Team(team)
	if t == nil || s.Scenario == nil {
		return ""
	}
	sc := s.Scenario
	b := make([]byte, 0, 256)
	// A string as its length and bytes: as unambiguous as quoting it, at
	// a fraction of the cost (the key is made for every state a search
	// meets).
	str := func(v string) { b = AppendKeyString(b, v) }
	num := func(v int64) { b = strconv.AppendInt(b, v, 36); b = append(b, ',') }
	dur := func(v time.Duration) { num(int64(v)) }
	flag := func(v bool) {
		if v {
			b = append(b, '1')
		} else {
			b = append(b, '0')
		}
	}
	dur(s.Now)
	dur(t.now)
	flag(s.Ended)
	flag(s.Paused)
	flag(s.Discussion)
	flag(t.Ended)
	str(t.EndReason)
	str(t.Phase)
	dur(t.PhaseEnteredAt)
	str(t.pendingNext)
	if s.reads == nil {
		s.reads = exprReads(sc)
	}
	// A variable no expression still to be asked reads changes nothing to
	// come (the feed, which may read it, is off).
	b = append(b, 'W')
	for _, v := range sc.World {
		if s.reads.still(t, v.ID) {
			b = strconv.AppendUint(b, math.Float64bits(t.World[v.ID]), 36)
		}
		b = append(b, ',')
	}
	b = append(b, 'O')
	for _, od := range t.Open {
		str(od.Decision.ID)
		dur(od.OpenedAt)
		dur(od.Extended)
	}
	// What the team met of its phase, in the file's order (the maps hold
	// only the phase's injects and decisions: a phase change resets them).
	var injects []*scenario.Inject
	var decisions []*scenario.Decision
	if p := sc.Phase(t.Phase); p != nil {
		injects, decisions = p.Injects, p.Decisions
	}
	b = append(b, 'D')
	for _, in := range injects {
		if t.delivered[in.ID] {
			str(in.ID)
			dur(t.deliveredAt[in.ID])
		}
	}
	b = append(b, 'S')
	for _, in := range injects {
		if t.skipped[in.ID] {
			str(in.ID)
		}
	}
	b = append(b, ';')
	for _, in := range injects {
		if d, ok := t.delays[in.ID]; ok {
			str(in.ID)
			dur(d)
		}
	}
	b = append(b, 'P')
	for _, d := range decisions {
		if t.opened[d.ID] {
			str(d.ID)
		}
	}
	b = append(b, ';')
	num(int64(t.injNext))
	b = append(b, 'R')
	for _, rd := range sc.Deadlines {
		d := t.RegDeadlines[rd.ID]
		if d == nil {
			continue
		}
		str(rd.ID)
		dur(d.StartedAt)
		flag(d.Met)
		flag(d.Missed)
	}
	b = append(b, 'Q') // press conferences: which were held, where the running one is
	for _, r := range t.Press {
		str(r.Conference.ID)
		num(int64(len(r.Answers)))
		num(int64(len(r.Questions)))
		dur(r.AskedAt)
	}
	b = append(b, 'Y') // customer cases: which reached the team, which wait and until when
	for _, c := range t.Cases {
		str(c.Case.ID)
		flag(c.Open())
		flag(c.Missed)
		if c.Open() && !c.Missed {
			dur(c.DeadlineAt())
		}
	}
	b = append(b, 'G') // triage feeds of open decisions: triaged yet
	for _, od := range t.Open {
		if t.triageFeeds[od.Decision.ID] != nil {
			str(od.Decision.ID)
			flag(t.Triaged(od.Decision.ID))
		}
	}
	b = append(b, 'T')
	for _, f := range t.fired {
		flag(f)
	}
	b = append(b, 'C')
	for _, c := range t.Commitments {
		if !c.Kept && !c.Missed {
			str(c.Decision)
			str(c.Option)
			dur(c.At)
			dur(c.Due)
		}
	}
	b = append(b, 'K')
	for _, k := range t.ruleTicks {
		num(int64(k))
	}
	// Only a deadline not yet started asks what was chosen before.
	b = append(b, 'H')
	var refs []string
	pending := false
	for _, d := range sc.Deadlines {
		pending = pending || t.RegDeadlines[d.ID] == nil
	}
	for _, ref := range t.chosen {
		if !pending {
			break
		}
		for _, d := range sc.Deadlines {
			if t.RegDeadlines[d.ID] == nil && meets(d, ref) {
				refs = append(refs, ref)
				break
			}
		}
	}
	slices.Sort(refs)
	refs = slices.Compact(refs)
	for _, r := range refs {
		str(r)
	}
	b = append(b, 'F')
	flag(t.spoke && s.reads.all["silent"]) // only expressions read it
	flag(t.firstDone)
	// Claims: the list, when an expression reads it; otherwise those a
	// later claim may contradict.
	b = append(b, 'L')
	if s.reads.all["claims"] {
		for _, c := range t.Claims {
			str(c.Claim)
		}
	} else {
		var set []string
		for _, c := range t.Claims {
			if contradictable(sc, c.Claim) && !slices.Contains(set, c.Claim) {
				set = append(set, c.Claim)
			}
		}
		slices.Sort(set)
		for _, c := range set {
			str(c)
		}
	}
	b = append(b, 'X')
	pairs := make([]string, 0, len(t.Contradictions))
	for _, c := range t.Contradictions {
		x, y := c.Earlier.Claim, c.Later.Claim
		if y < x {
			x, y = y, x
		}
		pairs = append(pairs, strconv.Quote(x)+strconv.Quote(y))
	}
	slices.Sort(pairs)
	pairs = slices.Compact(pairs)
	for _, p := range pairs {
		b = append(b, p...)
	}
	if s.reads.all["decisions"] || s.reads.all["timeouts"] {
		decisions, timeouts := t.answerCounts()
		b = append(b, 'N')
		num(int64(decisions))
		num(int64(timeouts))
	}
	return string(b)
}

// contradictable reports whether some claim contradicts claim.
func contradictable(sc *scenario.Scenario, claim string) bool {
	for _, p := range sc.Contradictions {
		if p[0] == claim || p[1] == claim {
			return true
		}
	}
	return false
}

// exprReads finds the names the scenario's expressions read (triggers,
// rules, effects and routes; the feed is left out, as FutureKey is for
// exercises without one), and which of them a team may still ask, by
// where it stands.
func exprReads(sc *scenario.Scenario) *worldReads {
	w := &worldReads{all: map[string]bool{}, always: map[string]bool{}, phase: map[string]map[string]bool{}, trigger: make([]map[string]bool, len(sc.Triggers))}
	add := func(into map[string]bool, e *scenario.Expr) {
		if e != nil {
			for _, n := range e.Reads() {
				w.all[n] = true
				into[n] = true
			}
		}
	}
	effects := func(into map[string]bool, es scenario.Effects) {
		for _, e := range es {
			add(into, e.Expr)
		}
	}
	routes := func(into map[string]bool, rs []*scenario.Route) {
		for _, r := range rs {
			add(into, r.When)
		}
	}
	// What each phase's own decisions and moves read. A promise made in
	// one phase may be missed in a later one, and a triaged post that was
	// missed applies its effects after the phase that brought it: those go
	// with the rules, deadlines and cases, which apply wherever the team is.
	own := map[string]map[string]bool{}
	for _, p := range sc.Phases {
		into := map[string]bool{}
		own[p.ID] = into
		for _, d := range p.Decisions {
			for _, o := range d.Options {
				effects(into, o.Effects)
				routes(into, o.Routes)
				if o.Promise != nil {
					effects(w.always, o.Promise.MissEffects)
				}
			}
			if d.OnTimeout != nil {
				effects(into, d.OnTimeout.Effects)
				routes(into, d.OnTimeout.Routes)
			}
			if d.Triage != nil {
				for _, tp := range d.Triage.Posts {
					effects(w.always, tp.OnMiss)
				}
			}
		}
		if p.Continue != nil {
			routes(into, p.Continue.Routes)
		}
	}
	for _, r := range sc.Rules {
		add(w.always, r.While)
		effects(w.always, r.Effects)
	}
	for _, d := range sc.Deadlines {
		if d.OnMiss != nil {
			effects(w.always, d.OnMiss.Effects)
		}
	}
	for _, c := range sc.Cases {
		effects(w.always, c.Escalate)
	}
	for i, tr := range sc.Triggers {
		w.trigger[i] = map[string]bool{}
		add(w.trigger[i], tr.When)
		effects(w.trigger[i], tr.Effects)
	}
	// A phase's set holds what the phases reachable from it read.
	for _, p := range sc.Phases {
		set := map[string]bool{}
		seen := map[string]bool{p.ID: true}
		stack := []string{p.ID}
		for len(stack) > 0 {
			id := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			maps.Copy(set, own[id])
			if q := sc.Phase(id); q != nil {
				for _, n := range q.Next() {
					if !seen[n] {
						seen[n] = true
						stack = append(stack, n)
					}
				}
			}
		}
		w.phase[p.ID] = set
	}
	return w
}

// worldReads says which names a team's future may still read: those the
// rules, deadlines, promises, cases and triages read, wherever the team
// stands; those of the routes and effects of the phases it can still
// reach (from its phase, or the phase it is moving to); and those of each
// trigger that has not fired for it (a trigger fires once).
type worldReads struct {
	all     map[string]bool            // every name any expression reads
	always  map[string]bool            // rules; deadlines', promises' and triaged posts' misses; cases
	phase   map[string]map[string]bool // by phase: its own and those reachable from it
	trigger []map[string]bool          // by trigger index: its condition and effects
}

// still reports whether an expression may still read name for t.
func (w *worldReads) still(t *Team, name string) bool {
	if !w.all[name] {
		return false
	}
	if w.always[name] {
		return true
	}
	reach, ok := w.phase[t.Phase]
	if !ok { // not started yet
		return true
	}
	if reach[name] {
		return true
	}
	if t.pendingNext != "" {
		if next, ok := w.phase[t.pendingNext]; !ok || next[name] {
			return true
		}
	}
	for i, reads := range w.trigger {
		if !t.fired[i] && reads[name] {
			return true
		}
	}
	return false
}

// AppendKeyString appends v to a key as its length and its bytes, so that
// two sequences of strings make the same key only when they are equal.
func AppendKeyString(b []byte, v string) []byte {
	b = strconv.AppendInt(b, int64(len(v)), 36)
	b = append(b, ':')
	return append(b, v...)
}
