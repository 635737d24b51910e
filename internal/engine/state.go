package engine

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/firebreak-drills/firebreak/internal/rubric"
	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/scoring"
)

// State is an exercise as it stands: a pure fold over its events.
type State struct {
	Scenario *scenario.Scenario
	Source   []byte
	// Media are the scenario's pictures by their path as written (read
	// only; see Picture).
	Media  map[string][]byte
	Lang   string
	Teams  []*Team
	Now    time.Duration // exercise time of the latest event
	Seq    int64         // sequence number of the latest event
	Paused bool
	// Discussion is a pause in which teams may still choose: response
	// time stands still with the clock.
	Discussion bool
	Speed      float64
	Ended      bool
	EndedAt    time.Duration
	Reason     string
	Refs       map[string]bool // refs of commands already handled
	Notes      []Note          // the facilitator's observer notes
	// Refused are the facilitator's commands that were refused and logged
	// (command.rejected with Command set: only commands with a Ref, such
	// as a play script's actions, are logged when refused).
	Refused []Event
	Seed    uint64 // the simulated public's seed
	NoFeed  bool   // leave the feed out (analysis); not part of the log
	adhoc   int    // ad-hoc injects so far, for their ids
	// Interventions are what role-players did, in order (roleplay.go).
	Interventions []Intervention
	roleSaid      int // role-players' messages so far, for their ids

	// Which triggers and rules read each name, so a change to it for a
	// team makes the team ask those conditions again (touch).
	readers map[string]condReaders
	// reads are the names the scenario's expressions read, and which of
	// them a team may still ask (FutureKey's, made when first asked).
	reads *worldReads
	// sharedRefs: Refs is shared with the state this one was copied from
	// (a nested fork) and must be copied before it changes.
	sharedRefs bool
	// env is the map Env fills: expressions are evaluated far more often
	// than anything else the engine does, and never two at once.
	env *envBuf
	// plan is what fillEnv puts in the map for this scenario (envPlanOf):
	// shared by clones, which play the same scenario.
	plan *envPlan
}

// envBuf is the map Env fills and whose values it holds: those of the
// team whose envGen is gen (but the clock's "minutes", set at every call).
// A team takes a new generation when it first fills the map after touch
// said one of its values changed (Team.envGen 0), so the map holds a
// team's values exactly while gen is the team's. A nested fork
// (ForkNested) shares its parent's map, and its teams keep their
// generations until they change: a copy reads the map its parent filled
// until it changes something, and the parent, played again once the copy
// is done with, fills it again when the copy left another generation in it.
type envBuf struct {
	m   scenario.Env
	gen uint64
}

// envGens numbers the generations of every team's expression values in
// the process (envBuf): a number is never given twice, so two teams, or a
// team and its copies, never share one unless their values are the same.
var envGens atomic.Uint64

// FeedItem is a post or headline in a team's simulated feed.
type FeedItem struct {
	Post *scenario.FeedPost
	At   time.Duration
	// Own is set on the team's own post (Post then holds its channel, the
	// team's name and the text).
	Own *Post
	// Reaction marks the public's reaction to the team's post before it.
	Reaction bool
	// Seat is, on a persona's post from a role-player, the seat that sent
	// it; Thread what it answers (Team.ThreadText).
	Seat, Thread string
}

// Note is an observer note attached to a moment, optionally a team and an
// inject or decision.
type Note struct {
	At       time.Duration
	Team     string
	Decision string
	Inject   string
	Text     string
}

// Claim is something a team asserted in public.
type Claim struct {
	Claim    string
	Decision string
	Option   string
	At       time.Duration
}

// Contradiction is a pair of the team's claims that cannot both be true.
type Contradiction struct{ Earlier, Later Claim }

// Commitment is a promise to update the public by a time.
type Commitment struct {
	Decision, Option string
	At, Due          time.Duration
	Kept, Missed     bool
	KeptAt           time.Duration
	promise          *scenario.Promise
}

// Override replaces a computed score with the facilitator's, with a reason.
type Override struct {
	Value    float64
	Original float64
	Reason   string
	At       time.Duration
}

// Rating is the facilitator's HSEEP rating of an objective for a team.
type Rating struct {
	Rating    string // P, S, M or U
	Suggested string // what the evidence suggested when the rating was given
	Reason    string
	At        time.Duration
}

// Ratings on the HSEEP scale.
var Ratings = []string{"P", "S", "M", "U"}

// Team is one team's progress.
type Team struct {
	Name           string
	Phase          string
	PhaseEnteredAt time.Duration
	// phase is the phase Phase names, as the team entered it (phaseOf).
	phase     *scenario.Phase
	Path      []Step
	Inbox     []Delivery // in delivery order (oldest first)
	Open      []OpenDecision
	Answers   []Answer
	Replies   []Reply     // answers to injects, in the order sent
	Posts     []Post      // published on the simulated channels, in the order posted
	Press     []PressRun  // press conferences, in the order started (press.go)
	Cases     []CaseState // customer cases, in the order they arrived (cases.go)
	World     map[string]float64
	Rejected  []Event
	Ended     bool
	EndedAt   time.Duration
	EndReason string // EndReached, EndTimeUp, EndFacilitator or EndLimit
	Ending    string // ending phase id when EndReason is EndReached

	// Regulatory deadlines by id, from the moment their inject arrived.
	RegDeadlines map[string]*RegDeadlineState
	// Triggered holds the triggers that have fired for this team.
	Triggered      map[string]bool
	Feed           []FeedItem // the simulated public, oldest first
	feedTick       int
	feedCount      map[string]int
	reads          map[string]int // how often the team read each varied text (vary.go)
	Claims         []Claim
	Contradictions []Contradiction
	Commitments    []*Commitment
	Overrides      map[string]Override // by dimension
	Ratings        map[string]Rating   // by objective id
	// Evaluations are evaluators' paper guides entered, by objective id,
	// one per evaluator in the order first entered (evaluation.go).
	Evaluations map[string][]Evaluation
	// Observations are live evaluators' observations, in the order
	// written (evaluator.go).
	Observations []Observation
	// Changes are the facilitator's changes to the team's schedule, in
	// the order made: injects sent now, skipped or delayed, decision
	// deadlines extended.
	Changes []ScheduleChange
	// Triages are the team's social-listening triages, made or missing,
	// in the order made or closed (triage.go).
	Triages []TriageRun

	ruleTicks []int       // by rule index: the last period applied
	fired     []bool      // by trigger index: fired for this team
	trigDue   []condCache // by trigger index
	ruleDue   []condCache // by rule index: the answer of its while
	chosen    []string    // decision.option refs chosen so far, in order (a ref may repeat)
	spoke     bool        // a public option was chosen
	sc        *scenario.Scenario
	// firstDone is set once the team's first public word was given, or
	// missed by a decision that called for one: that moment weighs most.
	firstDone bool
	// Updates are the times of the team's public answers that were not a
	// denial or blame: the updates follow-up counts.
	Updates []time.Duration
	now     time.Duration // the exercise time of the latest event

	// pendingNext is a phase the team must move to now (after a choice or a
	// timeout) — derived, so a crash between the choice and the move is safe.
	pendingNext string
	delivered   map[string]bool          // inject ids delivered in this phase visit
	deliveredAt map[string]time.Duration // and when
	skipped     map[string]bool          // inject ids the facilitator skipped in this phase visit
	delays      map[string]time.Duration // by inject id: the facilitator's delays in this phase visit
	opened      map[string]bool          // decision ids opened in this phase visit
	injNext     int                      // the phase's injects in arrival order before this one are delivered or skipped
	triageFeeds map[string]*TriageFeed   // by decision id: the feeds of open decisions (triage.go)
	// shared are the parts a nested copy still shares with the team it
	// was copied from (fork.go): each is made the team's own before it
	// changes.
	shared shared
	// envGen is the generation of the team's values in the expression
	// environment (envBuf); 0: changed since last filled.
	envGen uint64
}

// ScheduleChange is a change the facilitator made to a team's schedule.
type ScheduleChange struct {
	// Kind is KindInject (a scheduled inject sent now), KindSkipped,
	// KindDelayed or KindExtended.
	Kind  Kind
	At    time.Duration // exercise time of the change
	Phase string        // the team's phase then
	// Inject is the scheduled inject sent now, skipped or delayed; nil
	// for KindExtended.
	Inject *scenario.Inject
	// Decision is the decision whose deadline was extended (KindExtended).
	Decision *scenario.Decision
	// Was is the inject's due time, or the decision's deadline, before the
	// change (exercise time, with earlier delays or extensions).
	Was time.Duration
	// By is how much later (KindDelayed, KindExtended): the new due time or
	// deadline is Was + By.
	By time.Duration
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
	// SentNow is set for a scheduled inject the facilitator sent before its
	// time; Due is when it would have arrived.
	SentNow bool
	Due     time.Duration
	// Seat is, on a persona's message from a role-player, the seat that
	// sent it; Thread what it answers (Team.ThreadText).
	Seat, Thread string
	// Delayed is how much the facilitator delayed a scheduled inject (0:
	// not delayed).
	Delayed time.Duration
}

// OpenDecision is a decision waiting for the team.
type OpenDecision struct {
	Decision *scenario.Decision
	OpenedAt time.Duration
	Order    []string // option ids as the team sees them; nil: file order
	// Extended is how much the facilitator extended the deadline (0: not).
	Extended time.Duration
}

// Options are the decision's options in the order the team sees them.
func (o OpenDecision) Options() []*scenario.Option { return shown(o.Decision, o.Order) }

func shown(d *scenario.Decision, order []string) []*scenario.Option {
	if len(order) != len(d.Options) {
		return d.Options
	}
	out := make([]*scenario.Option, 0, len(order))
	for _, id := range order {
		o := d.Option(id)
		if o == nil || slices.Contains(out, o) {
			return d.Options
		}
		out = append(out, o)
	}
	return out
}

// TargetAt and DeadlineAt are exercise times. DeadlineAt, when the
// decision times out, includes the facilitator's extensions; TargetAt does
// not change.
func (o OpenDecision) TargetAt() time.Duration { return o.OpenedAt + o.Decision.Target }
func (o OpenDecision) DeadlineAt() time.Duration {
	return o.OpenedAt + o.Decision.Deadline + o.Extended
}

// Answer is a decision the team met: chosen, timed out, or left open at the end.
type Answer struct {
	Decision *scenario.Decision
	Option   *scenario.Option // nil unless chosen
	Order    []string         // option ids as the team saw them; nil: file order
	OpenedAt time.Duration
	At       time.Duration
	// Extended is how much the facilitator extended the deadline. The
	// speed score still measures the response against the decision's own
	// target and deadline.
	Extended  time.Duration
	TimedOut  bool
	Open      bool // still open when the team's play ended (time up): missed
	Abandoned bool // still open when the team moved to another phase
	// EndedEarly is a decision still open when the facilitator ended the
	// exercise: neither answered nor missed, and not scored.
	EndedEarly bool
	// FirstWord marks the team's first public answer.
	FirstWord bool
	// Clash names what in the written statement contradicts the chosen
	// option's stance (a rubric check id: denial, blame or apology), or "".
	Clash string
	// FalseClaims are the claims of the chosen option that the story shows
	// to be false.
	FalseClaims []string
	// Statement is the text the team wrote, when the decision asked for one;
	// FactsFound lists the required facts the text contains.
	Statement  string
	FactsFound []string
	Rubric     *rubric.Result // the rubric's judgement of Statement, when there is text
	// JudgedLive is the version of the judge that scored Statement for the
	// team when it was sent (0: not recorded); Rubric is always the
	// judgement of the judge this program has (rubric.Version).
	JudgedLive int
}

// Took is the response time.
func (a Answer) Took() time.Duration { return a.At - a.OpenedAt }

// Shown are the decision's options in the order the team saw them.
func (a Answer) Shown() []*scenario.Option { return shown(a.Decision, a.Order) }

// Skipped reports whether the team left an optional decision open when it
// moved on: the author allowed it, so it is not scored.
func (a Answer) Skipped() bool { return a.Abandoned && a.Decision.Optional != nil }

// Missed reports whether the decision counts as missed: left open when the
// team moved on (not optional) or when its time ran out.
func (a Answer) Missed() bool { return (a.Abandoned && a.Decision.Optional == nil) || a.Open }

// Scored reports whether the answer gives evidence for the team's scores.
func (a Answer) Scored() bool { return !a.Skipped() && !a.EndedEarly }

// Response is the answer as the scoring package reads it.
func (a Answer) Response() scoring.Response {
	r := scoring.Response{Decision: a.Decision, Option: a.Option, TimedOut: a.TimedOut, Missed: a.Missed(),
		Took: a.Took(), FirstWord: a.FirstWord, Clash: a.Clash != ""}
	if a.Rubric != nil {
		r.Statement = map[string]float64{}
		for _, dim := range scenario.AuthoredDimensions {
			if v, ok := a.Rubric.Scores[dim]; ok {
				r.Statement[dim] = v
			}
		}
	}
	return r
}

// Scores are the answer's scores by dimension; empty when it is not scored.
func (a Answer) Scores() map[string]float64 {
	if !a.Scored() {
		return map[string]float64{}
	}
	return scoring.Decision(a.Response())
}

// NewState returns the state before any event.
func NewState() *State { return &State{Speed: 1, Refs: map[string]bool{}} }

// condReaders are the triggers and the rules whose conditions read a name
// (by index in the scenario's lists).
type condReaders struct{ triggers, rules []int }

// phaseOf is the team's current phase (nil before it has one).
func (s *State) phaseOf(t *Team) *scenario.Phase {
	if p := t.phase; p != nil && p.ID == t.Phase {
		return p
	}
	return s.Scenario.Phase(t.Phase)
}

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
func (s *State) Apply(e Event) error { return s.apply(&e) }

// apply is Apply of the event at e, which it does not change.
func (s *State) apply(e *Event) error {
	if e.Seq != s.Seq+1 {
		return logError(e.Seq, e.Kind, ErrLogGap, "it follows event %d", s.Seq)
	}
	if s.Scenario == nil && e.Kind != KindStarted {
		return logError(e.Seq, e.Kind, ErrLogNoStart, "")
	}
	if e.At < s.Now {
		return logError(e.Seq, e.Kind, ErrLogBackInTime, "at %s, after %s", e.At, s.Now)
	}
	var t *Team
	if e.Team != "" && e.Kind != KindRejected {
		if t = s.Team(e.Team); t == nil {
			return logError(e.Seq, e.Kind, ErrLogUnknownTeam, "team %q", e.Team)
		}
	}
	bad := func(format string, args ...any) error {
		return logError(e.Seq, e.Kind, ErrLogBadEvent, format, args...)
	}
	switch e.Kind {
	case KindStarted:
		if s.Scenario != nil {
			return bad("the exercise already started")
		}
		sc, err := PlayedScenario(*e)
		if err != nil {
			return logError(e.Seq, e.Kind, ErrLogScenario, "%v", err)
		}
		s.Scenario, s.Source, s.Lang, s.Seed = sc, e.Source, e.Lang, e.Seed
		s.Media = foldMedia(sc, e.Media)
		if e.Speed > 0 {
			s.Speed = e.Speed
		}
		for _, name := range e.Teams {
			tm := &Team{Name: name, World: map[string]float64{}, RegDeadlines: map[string]*RegDeadlineState{},
				Triggered: map[string]bool{},
				Overrides: map[string]Override{}, Ratings: map[string]Rating{}, feedCount: map[string]int{}, reads: map[string]int{}, sc: sc,
				ruleTicks: make([]int, len(sc.Rules)), ruleDue: make([]condCache, len(sc.Rules)),
				fired: make([]bool, len(sc.Triggers)), trigDue: make([]condCache, len(sc.Triggers))}
			for _, v := range sc.World {
				tm.World[v.ID] = v.Start
			}
			s.Teams = append(s.Teams, tm)
		}
		s.readers = map[string]condReaders{}
		for i, tr := range sc.Triggers {
			if tr.When != nil {
				for _, name := range tr.When.Reads() {
					r := s.readers[name]
					r.triggers = append(r.triggers, i)
					s.readers[name] = r
				}
			}
		}
		for i, r := range sc.Rules {
			if r.While != nil {
				for _, name := range r.While.Reads() {
					c := s.readers[name]
					c.rules = append(c.rules, i)
					s.readers[name] = c
				}
			}
		}
		s.Paused = true // the clock starts with an explicit resume
	case KindPaused:
		s.Paused, s.Discussion = true, e.Reason == PauseDiscussion
	case KindResumed:
		s.Paused, s.Discussion = false, false
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
		t.Phase, t.PhaseEnteredAt, t.pendingNext, t.phase = p.ID, e.At, "", p
		t.Path = append(t.Path, Step{Phase: p.ID, At: e.At})
		t.delivered, t.opened, t.injNext = map[string]bool{}, map[string]bool{}, 0
		t.deliveredAt, t.skipped, t.delays = map[string]time.Duration{}, nil, nil
		t.shared &^= sharedDelivered | sharedOpened | sharedDeliveredAt | sharedSkipped | sharedDelays // new maps
		s.touch(t, "phase")
		// Decisions of the phase left behind are abandoned: recorded, so the
		// debrief can say so, but not scored — the team chose to move on.
		for _, od := range t.Open {
			a := Answer{Decision: od.Decision, Order: od.Order, OpenedAt: od.OpenedAt, At: e.At, Extended: od.Extended, Abandoned: true}
			if a.Missed() {
				a.FirstWord = t.firstWord(od.Decision)
			}
			t.Answers = append(t.Answers, a)
			s.closeTriage(t, a)
		}
		t.Open = nil
	case KindInject:
		in := s.findInject(t, e.Inject)
		if in == nil {
			return bad("inject %q is not in team %q's phase %q", e.Inject, e.Team, t.Phase)
		}
		due := t.dueAt(in)
		t.own(sharedDelivered)
		t.own(sharedDeliveredAt)
		t.delivered[in.ID], t.deliveredAt[in.ID] = true, e.At
		t.passDone(s.phaseOf(t))
		d := Delivery{Inject: s.readInject(t, in, in.ID, e.At), Phase: t.Phase, At: e.At, Delayed: t.delays[in.ID]}
		if e.Reason == ReasonSentNow {
			d.SentNow, d.Due = true, due
			t.Changes = append(t.Changes, ScheduleChange{Kind: KindInject, At: e.At, Phase: t.Phase, Inject: in, Was: due})
		}
		t.Inbox = append(t.Inbox, d)
		s.startDeadlines(t, in.ID, e.At)
	case KindSkipped, KindDelayed:
		in := s.findInject(t, e.Inject)
		switch {
		case in == nil:
			return bad("inject %q is not in team %q's phase %q", e.Inject, e.Team, t.Phase)
		case t.delivered[in.ID] || t.skipped[in.ID]:
			return bad("inject %q is no longer pending for team %q", e.Inject, e.Team)
		case e.Kind == KindDelayed && e.DelayMS <= 0:
			return bad("a delay of %dms is not positive", e.DelayMS)
		}
		c := ScheduleChange{Kind: e.Kind, At: e.At, Phase: t.Phase, Inject: in, Was: t.dueAt(in)}
		if e.Kind == KindSkipped {
			t.own(sharedSkipped)
			if t.skipped == nil {
				t.skipped = map[string]bool{}
			}
			t.skipped[in.ID] = true
			t.passDone(s.phaseOf(t))
		} else {
			t.own(sharedDelays)
			if t.delays == nil {
				t.delays = map[string]time.Duration{}
			}
			c.By = e.Delay()
			t.delays[in.ID] += c.By
		}
		t.Changes = append(t.Changes, c)
	case KindExtended:
		i := -1
		if t != nil {
			i = t.openIndex(e.Decision)
		}
		switch {
		case i < 0:
			return bad("decision %q is not open for team %q", e.Decision, e.Team)
		case e.DelayMS <= 0:
			return bad("an extension of %dms is not positive", e.DelayMS)
		}
		od := &t.Open[i]
		t.Changes = append(t.Changes, ScheduleChange{Kind: KindExtended, At: e.At, Phase: t.Phase, Decision: od.Decision,
			Was: od.DeadlineAt(), By: e.Delay()})
		od.Extended += e.Delay()
	case KindOpened:
		d := s.phaseOf(t).Decision(e.Decision)
		if d == nil {
			return bad("decision %q is not in team %q's phase %q", e.Decision, e.Team, t.Phase)
		}
		if e.Seat != "" && !s.Scenario.Roleplay.MayOpen(d.ID) {
			return bad("role-players may not open decision %q", d.ID)
		}
		t.own(sharedOpened)
		t.opened[d.ID] = true
		t.Open = append(t.Open, OpenDecision{Decision: d, OpenedAt: e.At, Order: e.Order})
		s.openTriage(t, d, e.At)
		if e.Seat != "" {
			s.Interventions = append(s.Interventions, Intervention{Seq: e.Seq, At: e.At, Seat: e.Seat, Kind: KindOpened,
				Team: t.Name, Decision: d.ID})
		}
	case KindChosen, KindTimedOut:
		i := t.openIndex(e.Decision)
		if i < 0 {
			return bad("decision %q is not open for team %q", e.Decision, e.Team)
		}
		od := t.Open[i]
		a := Answer{Decision: od.Decision, Order: od.Order, OpenedAt: od.OpenedAt, At: e.At, Extended: od.Extended}
		var effects scenario.Effects
		var next string
		var routes []*scenario.Route
		if e.Kind == KindChosen {
			o := od.Decision.Option(e.Option)
			if o == nil {
				return bad("decision %q has no option %q", e.Decision, e.Option)
			}
			a.Option, effects, next, routes = o, o.Effects, o.Next, o.Routes
			if od.Decision.Statement != nil {
				a.Statement, a.JudgedLive = e.Text, e.Judge
				a.FactsFound = FactsIn(s.Scenario, od.Decision.Statement.RequiredFacts, e.Text)
				if strings.TrimSpace(e.Text) != "" {
					res := rubric.Judge(e.Text, rubric.Context{Lang: s.Lang, Facts: s.rubricFacts(od.Decision.Statement.RequiredFacts),
						Hazard: od.Decision.Statement.Hazard, Stance: string(o.Stance), Kind: od.Decision.Statement.Kind})
					a.Rubric = &res
					a.Clash = res.Clash
				}
			}
			s.touch(t, "decisions")
			if o.Public && !t.spoke {
				s.touch(t, "silent")
			}
			if o.Public && len(o.Claims) > 0 {
				s.touch(t, "claims")
			}
			if o.Public {
				a.FirstWord = t.firstWord(od.Decision)
				if !o.Evasive() {
					t.Updates = append(t.Updates, e.At)
				}
				for i, c := range t.Commitments {
					if !c.Kept && !c.Missed && e.At <= c.Due {
						t.own(sharedCommitments)
						c = t.Commitments[i]
						c.Kept, c.KeptAt = true, e.At
					}
				}
				for _, claim := range o.Claims {
					if s.Scenario.FalseClaim(claim) != nil {
						a.FalseClaims = append(a.FalseClaims, claim)
					}
					now := Claim{Claim: claim, Decision: od.Decision.ID, Option: o.ID, At: e.At}
					for _, before := range t.Claims {
						if s.Scenario.Contradicts(before.Claim, claim) && !t.contradicted(before.Claim, claim) {
							t.Contradictions = append(t.Contradictions, Contradiction{Earlier: before, Later: now})
						}
					}
					t.Claims = append(t.Claims, now)
				}
				if o.Promise != nil {
					t.Commitments = append(t.Commitments, &Commitment{Decision: od.Decision.ID, Option: o.ID, At: e.At,
						Due: e.At + o.Promise.Within, promise: o.Promise})
				}
			}
			t.spoke = t.spoke || o.Public
			ref := scenario.OptionRef{Decision: od.Decision.ID, Option: o.ID}.String()
			t.chosen = append(t.chosen, ref)
			for id, ds := range t.RegDeadlines {
				if !ds.Met && !ds.Missed && meets(ds.Deadline, ref) {
					t.own(sharedRegDeadlines)
					ds = t.RegDeadlines[id]
					ds.Met, ds.MetAt = true, e.At
				}
			}
		} else {
			a.TimedOut = true
			s.touch(t, "timeouts")
			a.FirstWord = t.firstWord(od.Decision)
			if od.Decision.OnTimeout != nil {
				effects, next, routes = od.Decision.OnTimeout.Effects, od.Decision.OnTimeout.Next, od.Decision.OnTimeout.Routes
			}
		}
		t.Open = append(t.Open[:i:i], t.Open[i+1:]...)
		t.Answers = append(t.Answers, a)
		s.closeTriage(t, a)
		s.applyEffects(t, effects)
		if len(routes) > 0 {
			// The world after the effects decides where the team goes.
			next = scenario.NextPhase(routes, next, s.Env(t, e.At))
		}
		if next != "" {
			t.pendingNext = next
		}
	case KindRejected:
		if e.Command != "" {
			s.Refused = append(s.Refused, *e) // the facilitator's, not the team's
		} else if rt := s.Team(e.Team); rt != nil {
			rt.Rejected = append(rt.Rejected, *e)
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
			a := Answer{Decision: od.Decision, Order: od.Order, OpenedAt: od.OpenedAt, At: e.At, Extended: od.Extended}
			if e.Reason == EndFacilitator || e.Reason == EndLimit {
				a.EndedEarly = true // the team was not given the time to decide
			} else {
				a.Open = true
				a.FirstWord = t.firstWord(od.Decision)
			}
			t.Answers = append(t.Answers, a)
			s.closeTriage(t, a)
		}
		t.Open = nil
	case KindExerciseEnds:
		s.Ended, s.EndedAt, s.Reason = true, e.At, e.Reason
	case KindRule:
		i := s.Scenario.RuleIndex(e.Rule)
		if i < 0 {
			return bad("the scenario has no rule %q", e.Rule)
		}
		r := s.Scenario.Rules[i]
		if e.Tick <= t.ruleTicks[i] {
			return bad("rule %q period %d was already applied", r.ID, e.Tick)
		}
		t.own(sharedRuleTicks)
		t.ruleTicks[i] = e.Tick
		s.applyEffects(t, r.Effects)
	case KindTrigger:
		i := s.Scenario.TriggerIndex(e.Trigger)
		if i < 0 || t.fired[i] {
			return bad("trigger %q is unknown or already fired for team %q", e.Trigger, e.Team)
		}
		tr := s.Scenario.Triggers[i]
		t.own(sharedTriggered)
		t.own(sharedFired)
		t.Triggered[tr.ID], t.fired[i] = true, true
		if tr.Inject != nil {
			t.Inbox = append(t.Inbox, Delivery{Inject: s.readInject(t, tr.Inject, "trigger:"+tr.ID, e.At), Phase: t.Phase, At: e.At})
		}
		s.applyEffects(t, tr.Effects)
	case KindPromiseMiss:
		if e.Promise < 1 || e.Promise > len(t.Commitments) {
			return bad("team %q has no promise %d", e.Team, e.Promise)
		}
		if c := t.Commitments[e.Promise-1]; c.Kept || c.Missed {
			return bad("promise %d of team %q is already settled", e.Promise, e.Team)
		}
		t.own(sharedCommitments)
		c := t.Commitments[e.Promise-1]
		c.Missed = true
		s.applyEffects(t, c.promise.MissEffects)
	case KindFeed:
		if s.Scenario.Feed == nil || e.Tick <= t.feedTick {
			return bad("feed period %d is not due for team %q", e.Tick, e.Team)
		}
		for _, id := range e.Posts {
			p := s.feedPost(id)
			if p == nil {
				return bad("the scenario's feed has no post %q", id)
			}
			t.own(sharedFeedCount)
			t.feedCount[id]++
			t.Feed = append(t.Feed, FeedItem{Post: s.readPost(t, p, e.At), At: e.At})
		}
		t.feedTick = e.Tick
	case KindAdHoc:
		effects := make(scenario.Effects, len(e.Effects))
		for id, d := range e.Effects {
			if s.Scenario.Variable(id) == nil || math.IsNaN(d) || math.IsInf(d, 0) {
				return bad("the effect %g on %q is not a change to a world variable", d, id)
			}
			effects[id] = scenario.Effect{Delta: d}
		}
		s.adhoc++
		in := &scenario.Inject{ID: fmt.Sprintf("adhoc-%d", s.adhoc), Channel: e.Channel, Text: scenario.Text{"": e.Text},
			From: scenario.Text{"en": "Facilitator", "zh": "主持人"}, To: e.To, Reply: adHocReply(e.Channel)}
		if e.From != "" {
			in.From = scenario.Text{"": e.From}
		}
		for _, tm := range s.Teams {
			if (e.Team == "" || tm.Name == e.Team) && !tm.Ended {
				tm.Inbox = append(tm.Inbox, Delivery{Inject: in, Phase: tm.Phase, At: e.At})
				s.applyEffects(tm, effects)
			}
		}
	case KindRoleSaid, KindRoleNudged:
		if err := s.applyRole(*e); err != nil {
			return err
		}
	case KindPosted:
		if t == nil {
			return bad("a post names no team")
		}
		if err := s.applyPost(t, *e); err != nil {
			return err
		}
	case KindPressStarted, KindPressQuestion, KindPressAnswered, KindPressUnanswered:
		if t == nil {
			return bad("a press event names no team")
		}
		if err := s.applyPress(t, *e); err != nil {
			return err
		}
	case KindCaseArrived, KindCaseHandled, KindCaseMissed:
		if t == nil {
			return bad("a case event names no team")
		}
		if err := s.applyCase(t, *e); err != nil {
			return err
		}
	case KindTriaged:
		if t == nil {
			return bad("no team %q", e.Team)
		}
		if err := s.applyTriage(t, *e); err != nil {
			return err
		}
	case KindReplied:
		if t == nil {
			return bad("a reply names no team")
		}
		if err := s.applyReply(t, *e); err != nil {
			return err
		}
	case KindNote:
		s.Notes = append(s.Notes, Note{At: e.At, Team: e.Team, Decision: e.Decision, Inject: e.Inject, Text: e.Text})
	case KindOverride:
		orig := t.computed()
		t.own(sharedOverrides)
		t.Overrides[e.Dimension] = Override{Value: e.Value, Original: orig.Get(e.Dimension), Reason: e.Text, At: e.At}
	case KindRating:
		o := s.objective(e.Objective)
		if o == nil {
			return bad("the scenario has no objective %q", e.Objective)
		}
		t.own(sharedRatings)
		t.Ratings[o.ID] = Rating{Rating: e.Rating, Suggested: t.SuggestRating(o), Reason: e.Text, At: e.At}
	case KindEvaluation:
		if !s.applyEvaluation(t, *e) {
			return bad("an evaluation names no team, objective or evaluation")
		}
	case KindEvalTask, KindEvalRated, KindEvalObserved:
		if !s.applyEval(t, *e) {
			return bad("an evaluator's event names no team, seat or objective")
		}
	case KindRegMissed:
		if ds := t.RegDeadlines[e.RegDeadline]; ds == nil || ds.Met || ds.Missed {
			return bad("deadline %q is not running for team %q", e.RegDeadline, e.Team)
		}
		t.own(sharedRegDeadlines)
		ds := t.RegDeadlines[e.RegDeadline]
		ds.Missed = true
		if m := ds.Deadline.OnMiss; m != nil {
			if m.Inject != nil {
				t.Inbox = append(t.Inbox, Delivery{Inject: s.readInject(t, m.Inject, "deadline:"+ds.Deadline.ID, e.At), Phase: t.Phase, At: e.At})
			}
			s.applyEffects(t, m.Effects)
		}
	default:
		return bad("unknown event kind")
	}
	if e.Ref != "" {
		if s.sharedRefs || s.Refs == nil {
			s.Refs, s.sharedRefs = maps.Clone(s.Refs), false
			if s.Refs == nil {
				s.Refs = map[string]bool{}
			}
		}
		s.Refs[e.Ref] = true
	}
	s.Now, s.Seq = e.At, e.Seq
	for _, tm := range s.Teams {
		if !tm.Ended {
			tm.now = e.At
		}
	}
	return nil
}

// dueAt is when a scheduled inject of the team's current phase is due:
// its time in the phase, with the facilitator's delays.
func (t *Team) dueAt(in *scenario.Inject) time.Duration {
	return t.PhaseEnteredAt + in.At + t.delays[in.ID]
}

// passDone moves injNext past the phase's injects delivered or skipped.
func (t *Team) passDone(p *scenario.Phase) {
	for arrival := p.Arrival(); t.injNext < len(arrival) && (t.delivered[arrival[t.injNext].ID] || t.skipped[arrival[t.injNext].ID]); {
		t.injNext++
	}
}

func (s *State) findInject(t *Team, id string) *scenario.Inject {
	if t == nil || t.Phase == "" {
		return nil
	}
	return s.phaseOf(t).Inject(id)
}

func (s *State) applyEffects(t *Team, effects scenario.Effects) {
	s.applyScaledEffects(t, effects, 1)
}

// applyScaledEffects applies effects with every change multiplied by
// factor (a public that has heard it before: applyPost).
func (s *State) applyScaledEffects(t *Team, effects scenario.Effects, factor float64) {
	if len(effects) == 0 {
		return
	}
	// Every effect sees the world as it was before any of them applied, so
	// their order in the file does not matter: the expressions are worked
	// out first (most effects are plain numbers, and need no map).
	var computed map[string]float64
	for id, eff := range effects {
		if eff.Expr == nil {
			continue
		}
		if computed == nil {
			computed = make(map[string]float64, len(effects))
		}
		v, err := eff.Expr.Float(s.Env(t, s.Now))
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			v = 0 // a runtime error (say, division by zero) changes nothing
		}
		computed[id] = v
	}
	for _, v := range s.Scenario.World {
		if eff, ok := effects[v.ID]; ok {
			d := eff.Delta
			if eff.Expr != nil {
				d = computed[v.ID]
			}
			d *= factor
			old := t.World[v.ID]
			nv := min(v.Max, max(v.Min, old+d))
			if math.Float64bits(nv) != math.Float64bits(old) {
				t.own(sharedWorld)
				t.World[v.ID] = nv
			}
			if nv != old {
				s.touch(t, v.ID)
			}
		}
	}
}

// touch tells the team's cached conditions that reading name gives a new
// value: the triggers and rules that read it are asked again.
func (s *State) touch(t *Team, name string) {
	t.envGen = 0 // the next Env fills afresh
	r, ok := s.readers[name]
	if !ok {
		return
	}
	if l := r.triggers; len(l) > 0 {
		t.own(sharedTrigDue)
		for _, i := range l {
			t.trigDue[i].valid = false
		}
	}
	if l := r.rules; len(l) > 0 {
		t.own(sharedRuleDue)
		for _, i := range l {
			t.ruleDue[i].valid = false
		}
	}
}

// answerCounts counts the team's decisions taken and timed out, as the
// expressions' "decisions" and "timeouts" read them.
func (t *Team) answerCounts() (decisions, timeouts int) {
	for _, a := range t.Answers {
		switch {
		case a.Option != nil:
			decisions++
		case a.TimedOut:
			timeouts++
		}
	}
	return decisions, timeouts
}

// Env is what the scenario's expressions see for a team at exercise time
// at: the names some expression of the scenario reads
// (scenario.ReadByExpr), no others. The map is the state's own, filled
// again by the next call: use it before asking for another. It is filled
// only when the team differs from the last call's or something it holds
// changed since (touch): the same values are not made again for every
// condition and effect.
func (s *State) Env(t *Team, at time.Duration) scenario.Env {
	if s.env == nil {
		s.env = &envBuf{m: make(scenario.Env, len(t.World)+8)} // the world and the eight names of fillEnv
	} else if t.envGen != 0 && s.env.gen == t.envGen {
		s.setMinutes(s.env.m, at)
		return s.env.m
	}
	if t.envGen == 0 {
		t.envGen = envGens.Add(1)
	}
	s.env.gen = t.envGen
	s.fillEnv(s.env.m, t, at)
	return s.env.m
}

// envPlan is what the scenario's expressions read (scenario.ReadByExpr),
// worked out once per scenario instead of at every fill: the world
// variables, and which of the other names.
type envPlan struct {
	sc                                         *scenario.Scenario
	world                                      []string
	counts, silent, phase, claims, posts, said bool
	// phases are the phase ids as interface values, made once (when an
	// expression reads "phase"): boxing the string allocated at every fill.
	phases map[string]any
}

func envPlanOf(sc *scenario.Scenario) *envPlan {
	p := &envPlan{sc: sc, counts: sc.ReadByExpr("decisions") || sc.ReadByExpr("timeouts"), silent: sc.ReadByExpr("silent"),
		phase: sc.ReadByExpr("phase"), claims: sc.ReadByExpr("claims"), posts: sc.ReadByExpr("posts"), said: sc.ReadByExpr("said")}
	// A team's world holds exactly the scenario's variables: made from
	// them at the start, changed only through them (applyScaledEffects).
	for _, v := range sc.World {
		if sc.ReadByExpr(v.ID) {
			p.world = append(p.world, v.ID)
		}
	}
	if p.phase {
		p.phases = make(map[string]any, len(sc.Phases))
		for _, ph := range sc.Phases {
			p.phases[ph.ID] = ph.ID
		}
	}
	return p
}

// boxed are the interface values of the whole numbers -1024 to 1024, which
// world values, counts and story minutes nearly always are: the
// expression environment is filled again for every state a search meets,
// and storing a float64 in it allocated one each time.
var boxed = func() (b [2049]any) {
	for i := range b {
		b[i] = float64(i - 1024)
	}
	return b
}()

// box is v as an interface value, without allocating for a whole number
// in boxed's range (not -0, which boxed would turn into 0).
func box(v float64) any {
	if v >= -1024 && v <= 1024 && v == math.Trunc(v) && !(v == 0 && math.Signbit(v)) {
		return boxed[int(v)+1024]
	}
	return v
}

// fillEnv fills env with what Env holds for t at at.
func (s *State) fillEnv(env scenario.Env, t *Team, at time.Duration) {
	sc := s.Scenario
	clear(env)
	p := s.plan
	if p == nil || p.sc != sc {
		p = envPlanOf(sc)
		s.plan = p
	}
	for _, k := range p.world {
		if v, ok := t.World[k]; ok {
			env[k] = box(v)
		}
	}
	s.setMinutes(env, at)
	if p.counts {
		decisions, timeouts := t.answerCounts()
		env["decisions"] = box(float64(decisions))
		env["timeouts"] = box(float64(timeouts))
	}
	if p.silent {
		env["silent"] = !t.spoke
	}
	if p.phase {
		if v, ok := p.phases[t.Phase]; ok {
			env["phase"] = v
		} else {
			env["phase"] = t.Phase
		}
	}
	if p.claims {
		claims := make([]string, len(t.Claims))
		for i, c := range t.Claims {
			claims[i] = c.Claim
		}
		env["claims"] = claims
	}
	if p.posts {
		env["posts"] = box(float64(len(t.Posts)))
	}
	if p.said {
		said := t.said()
		if said == nil {
			said = []string{}
		}
		env["said"] = said
	}
}

// startDeadlines starts the regulatory deadlines that run from an inject.
func (s *State) startDeadlines(t *Team, inject string, at time.Duration) {
	for _, d := range s.Scenario.Deadlines {
		if d.StartsWith != inject || t.RegDeadlines[d.ID] != nil {
			continue
		}
		ds := &RegDeadlineState{Deadline: d, StartedAt: at}
		for _, ref := range t.chosen {
			if meets(d, ref) { // the team acted before it was asked
				ds.Met, ds.MetAt = true, at
			}
		}
		t.own(sharedRegDeadlines)
		t.RegDeadlines[d.ID] = ds
	}
}

func meets(d *scenario.RegDeadline, ref string) bool {
	for _, m := range d.MetBy {
		if m.Is(ref) {
			return true
		}
	}
	return false
}

func (s *State) feedPost(id string) *scenario.FeedPost {
	for _, p := range s.Scenario.Feed.Posts {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// rubricFacts gives the rubric the scenario's required facts.
func (s *State) rubricFacts(ids []string) []rubric.Fact {
	var out []rubric.Fact
	for _, id := range ids {
		for _, f := range s.Scenario.Facts {
			if f.ID == id {
				out = append(out, rubric.NewFact(f.ID, f.Label, f.Match, s.Lang))
			}
		}
	}
	return out
}

func (s *State) objective(id string) *scenario.Objective {
	for _, o := range s.Scenario.Objectives {
		if o.ID == id {
			return o
		}
	}
	return nil
}

// SuggestRating proposes an HSEEP rating of an objective from the team's
// answers to the objective's decisions: an answer is good when taken by the
// target with an option scored ≥ 1 on average, fair when taken with an
// option scored ≥ 0, poor otherwise, and failed when never taken.
// P: every answer good. S: none poor or failed. M: some poor or failed, but
// not all. U: all poor or failed, or the team never met the decisions.
func (t *Team) SuggestRating(o *scenario.Objective) string {
	var good, fair, bad int
	for _, a := range t.Answers {
		if !a.Scored() || !contains(o.Decisions, a.Decision.ID) {
			continue
		}
		switch {
		case a.Option == nil:
			bad++
		case meanScore(a.Option) >= 1 && a.Took() <= a.Decision.Target:
			good++
		case meanScore(a.Option) >= 0:
			fair++
		default:
			bad++
		}
	}
	switch {
	case good+fair == 0:
		return "U"
	case bad == 0 && fair == 0:
		return "P"
	case bad == 0:
		return "S"
	default:
		return "M"
	}
}

func meanScore(o *scenario.Option) float64 {
	if len(o.Scores) == 0 {
		return 0
	}
	sum := 0
	for _, v := range o.Scores {
		sum += v
	}
	return float64(sum) / float64(len(o.Scores))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// FactsIn returns the facts (of those wanted) that a statement contains:
// any of a fact's match words, in any language, case-insensitively.
func FactsIn(sc *scenario.Scenario, wanted []string, text string) []string {
	if text == "" {
		return nil // no match word is blank (the scenario loader drops those)
	}
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

// contradicted reports whether the team already has this pair of claims on
// record: repeating a claim does not cost consistency twice.
func (t *Team) contradicted(a, b string) bool {
	for _, c := range t.Contradictions {
		if (c.Earlier.Claim == a && c.Later.Claim == b) || (c.Earlier.Claim == b && c.Later.Claim == a) {
			return true
		}
	}
	return false
}

// IsOpen reports whether the decision is open for the team.
func (t *Team) IsOpen(decision string) bool { return t.openIndex(decision) >= 0 }

// Responses are the team's answers as the scoring package reads them.
func (t *Team) Responses() []scoring.Response {
	out := make([]scoring.Response, 0, len(t.Answers))
	for _, a := range t.Answers {
		if a.Scored() {
			out = append(out, a.Response())
		}
	}
	return out
}

// Scores are the team's scores so far, with the facilitator's overrides.
func (t *Team) Scores() scoring.Scores {
	sc := t.computed()
	if len(t.Overrides) == 0 {
		return sc
	}
	return scoring.Override(sc, t.overrideValues())
}

func (t *Team) overrideValues() map[string]float64 {
	out := make(map[string]float64, len(t.Overrides))
	for dim, o := range t.Overrides {
		out[dim] = o.Value
	}
	return out
}

// computed are the scores from the evidence alone.
func (t *Team) computed() scoring.Scores { return scoring.TeamEvidence(t.evidence()) }

// evidence is everything the team's scores are computed from.
func (t *Team) evidence() scoring.Evidence {
	ev := scoring.Evidence{Responses: t.Responses(), Claims: len(t.Claims), Contradictions: len(t.Contradictions), Spoke: len(t.Updates) > 0,
		Cases: t.caseEvidence(), Extra: t.triageEvidence()}
	for _, a := range t.Answers {
		ev.FalseClaims += len(a.FalseClaims)
	}
	if t.sc != nil {
		ev.Weights = t.sc.Scoring.Weights
	}
	if ev.Spoke {
		ev.Windows, ev.Covered = t.updateWindows()
	}
	for _, c := range t.Commitments {
		switch {
		case c.Kept:
			ev.Kept++
		case c.Missed:
			ev.Missed++
		}
	}
	return ev
}

// firstWord reports whether an answer to d (chosen, timed out or missed) is
// the team's first public word: the first answer to a decision with a public
// option. Silence at that moment weighs as much as speaking would have.
func (t *Team) firstWord(d *scenario.Decision) bool {
	if t.firstDone {
		return false
	}
	for _, o := range d.Options {
		if o.Public {
			t.firstDone = true
			return true
		}
	}
	return false
}

// updateWindows counts the scenario's update windows since the team's first
// public update, up to now or its end, and those with another update.
func (t *Team) updateWindows() (windows, covered int) {
	every := t.sc.UpdatesEvery()
	end := t.now
	if t.Ended {
		end = t.EndedAt
	}
	first := t.Updates[0]
	windows = int((end - first) / every)
	for k := range windows {
		from, to := first+time.Duration(k)*every, first+time.Duration(k+1)*every
		for _, u := range t.Updates {
			if u > from && u <= to {
				covered++
				break
			}
		}
	}
	return windows, covered
}

// Active reports whether any team is still playing.
func (s *State) Active() bool {
	for _, t := range s.Teams {
		if !t.Ended {
			return true
		}
	}
	return false
}
