package engine

import (
	"fmt"
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

	// pendingNext is a phase the team must move to now (after a choice or a
	// timeout) — derived, so a crash between the choice and the move is safe.
	pendingNext string
	delivered   map[string]bool // inject ids delivered in this phase visit
	opened      map[string]bool // decision ids opened in this phase visit
}

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
	Decision *scenario.Decision
	Option   *scenario.Option // nil unless chosen
	OpenedAt time.Duration
	At       time.Duration
	TimedOut bool
	Open     bool
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
			tm := &Team{Name: name, World: map[string]float64{}}
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
		// Decisions of the phase left behind are abandoned, not answered.
		t.Open = nil
	case KindInject:
		in := s.findInject(t, e.Inject)
		if in == nil {
			return bad("inject %q is not in team %q's phase %q", e.Inject, e.Team, t.Phase)
		}
		t.delivered[in.ID] = true
		t.Inbox = append(t.Inbox, Delivery{Inject: in, Phase: t.Phase, At: e.At})
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
		var effects map[string]float64
		var next string
		if e.Kind == KindChosen {
			o := od.Decision.Option(e.Option)
			if o == nil {
				return bad("decision %q has no option %q", e.Decision, e.Option)
			}
			a.Option, effects, next = o, o.Effects, o.Next
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

func (s *State) applyEffects(t *Team, effects map[string]float64) {
	for _, v := range s.Scenario.World {
		if d, ok := effects[v.ID]; ok {
			t.World[v.ID] = min(v.Max, max(v.Min, t.World[v.ID]+d))
		}
	}
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
