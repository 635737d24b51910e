package engine

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/scoring"
)

// State is an exercise as it stands: a pure fold over its events.
type State struct {
	Scenario *scenario.Scenario
	Source   []byte
	Lang     string
	Teams    []*Team
	Now      time.Duration // exercise time of the latest event
	Seq      int64         // sequence number of the latest event
	Paused   bool
	Speed    float64
	Ended    bool
	EndedAt  time.Duration
	Reason   string
	Refs     map[string]bool // refs of commands already handled
}

// Team is one team's progress.
type Team struct {
	Name           string
	Phase          string
	PhaseEnteredAt time.Duration
	Path           []Step
	Inbox          []Delivery // in delivery order (oldest first)
	Open           []OpenDecision
	Answers        []Answer
	World          map[string]float64
	Rejected       []Event
	Ended          bool
	EndedAt        time.Duration
	EndReason      string // EndReached, EndTimeUp or EndFacilitator
	Ending         string // ending phase id when EndReason is EndReached

	// Regulatory deadlines by id, from the moment their inject arrived.
	RegDeadlines map[string]*RegDeadlineState
	// Triggered holds the triggers that have fired for this team.
	Triggered map[string]bool
	ruleTick  map[string]int  // rule id → last period applied
	chosen    map[string]bool // decision.option refs chosen so far
	spoke     bool            // a public option was chosen

	// pendingNext is a phase the team must move to now (after a choice or a
	// timeout) — derived, so a crash between the choice and the move is safe.
	pendingNext string
	delivered   map[string]bool // inject ids delivered in this phase visit
	opened      map[string]bool // decision ids opened in this phase visit
}

// RegDeadlineState is a regulatory deadline as it runs for one team.
type RegDeadlineState struct {
	Deadline  *scenario.RegDeadline
	StartedAt time.Duration
	Met       bool
	MetAt     time.Duration
	Missed    bool
}

// DueAt is when the deadline falls on the exercise clock.
func (d *RegDeadlineState) DueAt() time.Duration { return d.StartedAt + d.Deadline.Within }

// Step is a phase on a team's path.
type Step struct {
	Phase string
	At    time.Duration
}

// Delivery is an inject as a team received it.
type Delivery struct {
	Inject *scenario.Inject
	Phase  string
	At     time.Duration
}

// OpenDecision is a decision waiting for the team.
type OpenDecision struct {
	Decision *scenario.Decision
	OpenedAt time.Duration
}

// TargetAt and DeadlineAt are exercise times.
func (o OpenDecision) TargetAt() time.Duration   { return o.OpenedAt + o.Decision.Target }
func (o OpenDecision) DeadlineAt() time.Duration { return o.OpenedAt + o.Decision.Deadline }

// Answer is a decision the team met: chosen, timed out, or left open at the end.
type Answer struct {
	Decision  *scenario.Decision
	Option    *scenario.Option // nil unless chosen
	OpenedAt  time.Duration
	At        time.Duration
	TimedOut  bool
	Open      bool // still open when the team's play ended
	Abandoned bool // still open when the team moved to another phase
	// Statement is the text the team wrote, when the decision asked for one;
	// FactsFound lists the required facts the text contains.
	Statement  string
	FactsFound []string
}

// Took is the response time.
func (a Answer) Took() time.Duration { return a.At - a.OpenedAt }

// NewState returns the state before any event.
func NewState() *State { return &State{Speed: 1, Refs: map[string]bool{}} }

// Team returns the named team or nil.
func (s *State) Team(name string) *Team {
	for _, t := range s.Teams {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// Fold builds the state from a log.
func Fold(events []Event) (*State, error) {
	s := NewState()
	for _, e := range events {
		if err := s.Apply(e); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Apply folds one event into the state. It never consults a clock: the same
// events always give the same state.
func (s *State) Apply(e Event) error {
	if e.Seq != s.Seq+1 {
		return fmt.Errorf("event %d follows event %d: the log has a gap", e.Seq, s.Seq)
	}
	if s.Scenario == nil && e.Kind != KindStarted {
		return fmt.Errorf("event %d (%s) comes before the exercise started", e.Seq, e.Kind)
	}
	if e.At < s.Now {
		return fmt.Errorf("event %d (%s) at %s goes back in time from %s", e.Seq, e.Kind, e.At, s.Now)
	}
	var t *Team
	if e.Team != "" && e.Kind != KindRejected {
		if t = s.Team(e.Team); t == nil {
			return fmt.Errorf("event %d (%s) names team %q, which is not in the exercise", e.Seq, e.Kind, e.Team)
		}
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("event %d (%s): %s", e.Seq, e.Kind, fmt.Sprintf(format, args...))
	}
	switch e.Kind {
	case KindStarted:
		if s.Scenario != nil {
			return bad("the exercise already started")
		}
		sc, probs := scenario.ParseCached(e.ScenarioID+".yaml", e.Source)
		if sc == nil {
			return bad("the stored scenario no longer loads: %v", probs)
		}
		s.Scenario, s.Source, s.Lang = sc, e.Source, e.Lang
		if e.Speed > 0 {
			s.Speed = e.Speed
		}
		for _, name := range e.Teams {
			tm := &Team{Name: name, World: map[string]float64{}, RegDeadlines: map[string]*RegDeadlineState{},
				Triggered: map[string]bool{}, ruleTick: map[string]int{}, chosen: map[string]bool{}}
			for _, v := range sc.World {
				tm.World[v.ID] = v.Start
			}
			s.Teams = append(s.Teams, tm)
		}
		s.Paused = true // the clock starts with an explicit resume
	case KindPaused:
		s.Paused = true
	case KindResumed:
		s.Paused = false
	case KindSpeed:
		if e.Speed <= 0 {
			return bad("speed %g is not positive", e.Speed)
		}
		s.Speed = e.Speed
	case KindPhase:
		p := s.Scenario.Phase(e.Phase)
		if p == nil || t == nil {
			return bad("unknown phase %q or team", e.Phase)
		}
		t.Phase, t.PhaseEnteredAt, t.pendingNext = p.ID, e.At, ""
		t.Path = append(t.Path, Step{Phase: p.ID, At: e.At})
		t.delivered, t.opened = map[string]bool{}, map[string]bool{}
		// Decisions of the phase left behind are abandoned: recorded, so the
		// debrief can say so, but not scored — the team chose to move on.
		for _, od := range t.Open {
			t.Answers = append(t.Answers, Answer{Decision: od.Decision, OpenedAt: od.OpenedAt, At: e.At, Abandoned: true})
		}
		t.Open = nil
	case KindInject:
		in := s.findInject(t, e.Inject)
		if in == nil {
			return bad("inject %q is not in team %q's phase %q", e.Inject, e.Team, t.Phase)
		}
		t.delivered[in.ID] = true
		t.Inbox = append(t.Inbox, Delivery{Inject: in, Phase: t.Phase, At: e.At})
		s.startDeadlines(t, in.ID, e.At)
	case KindOpened:
		d := s.Scenario.Phase(t.Phase).Decision(e.Decision)
		if d == nil {
			return bad("decision %q is not in team %q's phase %q", e.Decision, e.Team, t.Phase)
		}
		t.opened[d.ID] = true
		t.Open = append(t.Open, OpenDecision{Decision: d, OpenedAt: e.At})
	case KindChosen, KindTimedOut:
		i := t.openIndex(e.Decision)
		if i < 0 {
			return bad("decision %q is not open for team %q", e.Decision, e.Team)
		}
		od := t.Open[i]
		a := Answer{Decision: od.Decision, OpenedAt: od.OpenedAt, At: e.At}
		var effects scenario.Effects
		var next string
		if e.Kind == KindChosen {
			o := od.Decision.Option(e.Option)
			if o == nil {
				return bad("decision %q has no option %q", e.Decision, e.Option)
			}
			a.Option, effects, next = o, o.Effects, o.Next
			if od.Decision.Statement != nil {
				a.Statement = e.Text
				a.FactsFound = FactsIn(s.Scenario, od.Decision.Statement.RequiredFacts, e.Text)
			}
			t.spoke = t.spoke || o.Public
			ref := scenario.OptionRef{Decision: od.Decision.ID, Option: o.ID}.String()
			t.chosen[ref] = true
			for _, ds := range t.RegDeadlines {
				if !ds.Met && !ds.Missed && meets(ds.Deadline, ref) {
					ds.Met, ds.MetAt = true, e.At
				}
			}
		} else {
			a.TimedOut = true
			if od.Decision.OnTimeout != nil {
				effects, next = od.Decision.OnTimeout.Effects, od.Decision.OnTimeout.Next
			}
		}
		t.Open = append(t.Open[:i:i], t.Open[i+1:]...)
		t.Answers = append(t.Answers, a)
		s.applyEffects(t, effects)
		if next != "" {
			t.pendingNext = next
		}
	case KindRejected:
		if rt := s.Team(e.Team); rt != nil {
			rt.Rejected = append(rt.Rejected, e)
		}
	case KindTeamEnded:
		if t.Ended {
			return bad("team %q already ended", e.Team)
		}
		t.Ended, t.EndedAt, t.EndReason = true, e.At, e.Reason
		if e.Reason == EndReached {
			t.Ending = t.Phase
		}
		for _, od := range t.Open {
			t.Answers = append(t.Answers, Answer{Decision: od.Decision, OpenedAt: od.OpenedAt, At: e.At, Open: true})
		}
		t.Open = nil
	case KindExerciseEnds:
		s.Ended, s.EndedAt, s.Reason = true, e.At, e.Reason
	case KindRule:
		r := s.rule(e.Rule)
		if r == nil {
			return bad("the scenario has no rule %q", e.Rule)
		}
		if e.Tick <= t.ruleTick[r.ID] {
			return bad("rule %q period %d was already applied", r.ID, e.Tick)
		}
		t.ruleTick[r.ID] = e.Tick
		s.applyEffects(t, r.Effects)
	case KindTrigger:
		tr := s.trigger(e.Trigger)
		if tr == nil || t.Triggered[tr.ID] {
			return bad("trigger %q is unknown or already fired for team %q", e.Trigger, e.Team)
		}
		t.Triggered[tr.ID] = true
		if tr.Inject != nil {
			t.Inbox = append(t.Inbox, Delivery{Inject: tr.Inject, Phase: t.Phase, At: e.At})
		}
		s.applyEffects(t, tr.Effects)
	case KindRegMissed:
		ds := t.RegDeadlines[e.RegDeadline]
		if ds == nil || ds.Met || ds.Missed {
			return bad("deadline %q is not running for team %q", e.RegDeadline, e.Team)
		}
		ds.Missed = true
		if m := ds.Deadline.OnMiss; m != nil {
			if m.Inject != nil {
				t.Inbox = append(t.Inbox, Delivery{Inject: m.Inject, Phase: t.Phase, At: e.At})
			}
			s.applyEffects(t, m.Effects)
		}
	default:
		return bad("unknown event kind")
	}
	if e.Ref != "" {
		s.Refs[e.Ref] = true
	}
	s.Now, s.Seq = e.At, e.Seq
	return nil
}

func (s *State) findInject(t *Team, id string) *scenario.Inject {
	if t == nil || t.Phase == "" {
		return nil
	}
	for _, in := range s.Scenario.Phase(t.Phase).Injects {
		if in.ID == id {
			return in
		}
	}
	return nil
}

func (s *State) applyEffects(t *Team, effects scenario.Effects) {
	if len(effects) == 0 {
		return
	}
	env := s.Env(t, s.Now)
	// Every effect sees the world as it was before any of them applied, so
	// their order in the file does not matter.
	deltas := make(map[string]float64, len(effects))
	for id, eff := range effects {
		d := eff.Delta
		if eff.Expr != nil {
			v, err := eff.Expr.Float(env)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				v = 0 // a runtime error (say, division by zero) changes nothing
			}
			d = v
		}
		deltas[id] = d
	}
	for _, v := range s.Scenario.World {
		if d, ok := deltas[v.ID]; ok {
			t.World[v.ID] = min(v.Max, max(v.Min, t.World[v.ID]+d))
		}
	}
}

// Env is what the scenario's expressions see for a team at exercise time at.
func (s *State) Env(t *Team, at time.Duration) scenario.Env {
	env := make(scenario.Env, len(t.World)+5)
	for k, v := range t.World {
		env[k] = v
	}
	decisions, timeouts := 0, 0
	for _, a := range t.Answers {
		switch {
		case a.Option != nil:
			decisions++
		case a.TimedOut:
			timeouts++
		}
	}
	env["minutes"] = at.Minutes()
	env["decisions"] = float64(decisions)
	env["timeouts"] = float64(timeouts)
	env["silent"] = !t.spoke
	env["phase"] = t.Phase
	return env
}

// startDeadlines starts the regulatory deadlines that run from an inject.
func (s *State) startDeadlines(t *Team, inject string, at time.Duration) {
	for _, d := range s.Scenario.Deadlines {
		if d.StartsWith != inject || t.RegDeadlines[d.ID] != nil {
			continue
		}
		ds := &RegDeadlineState{Deadline: d, StartedAt: at}
		for ref := range t.chosen {
			if meets(d, ref) { // the team acted before it was asked
				ds.Met, ds.MetAt = true, at
			}
		}
		t.RegDeadlines[d.ID] = ds
	}
}

func meets(d *scenario.RegDeadline, ref string) bool {
	for _, m := range d.MetBy {
		if m.String() == ref {
			return true
		}
	}
	return false
}

func (s *State) rule(id string) *scenario.Rule {
	for _, r := range s.Scenario.Rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

func (s *State) trigger(id string) *scenario.Trigger {
	for _, tr := range s.Scenario.Triggers {
		if tr.ID == id {
			return tr
		}
	}
	return nil
}

// FactsIn returns the facts (of those wanted) that a statement contains:
// any of a fact's match words, in any language, case-insensitively.
func FactsIn(sc *scenario.Scenario, wanted []string, text string) []string {
	lower := strings.ToLower(text)
	var out []string
	for _, id := range wanted {
		for _, f := range sc.Facts {
			if f.ID != id {
				continue
			}
		match:
			for _, words := range f.Match {
				for _, w := range words {
					if strings.Contains(lower, strings.ToLower(w)) {
						out = append(out, id)
						break match
					}
				}
			}
		}
	}
	return out
}

func (t *Team) openIndex(decision string) int {
	for i, od := range t.Open {
		if od.Decision.ID == decision {
			return i
		}
	}
	return -1
}

// IsOpen reports whether the decision is open for the team.
func (t *Team) IsOpen(decision string) bool { return t.openIndex(decision) >= 0 }

// Responses are the team's answers as the scoring package reads them.
func (t *Team) Responses() []scoring.Response {
	out := make([]scoring.Response, 0, len(t.Answers))
	for _, a := range t.Answers {
		if a.Abandoned {
			continue // moving on was the team's choice elsewhere; no evidence here
		}
		out = append(out, scoring.Response{Decision: a.Decision, Option: a.Option, TimedOut: a.TimedOut, Open: a.Open, Took: a.Took()})
	}
	return out
}

// Scores are the team's scores so far.
func (t *Team) Scores() scoring.Scores { return scoring.Team(t.Responses()) }

// Active reports whether any team is still playing.
func (s *State) Active() bool {
	for _, t := range s.Teams {
		if !t.Ended {
			return true
		}
	}
	return false
}
