package engine

import (
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/firebreak-drills/firebreak/internal/rubric"
	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/scoring"
)

// Customer cases (docs/scenario-format.md, "Cases"): an individual
// affected customer reaches a team After it entered the case's phase; the
// team handles it with one command, a remedy and a personal reply. The
// remedy's fit (good, partial, poor) and the reply's empathy (the rubric)
// are scored; a case whose deadline passes unanswered is missed (it costs
// speed and empathy, and goes public: its escalate effects apply), and so
// goes public a case handled with a poor remedy. A missed case may still
// be answered, late.
const (
	// KindCaseArrived: Team, Case, Order (the remedies' ids as the team
	// sees them).
	KindCaseArrived Kind = "case.arrived"
	// KindCaseHandled: Team, Case, Option (the remedy), Text (the reply),
	// Judge, Ref.
	KindCaseHandled Kind = "case.handled"
	// KindCaseMissed: Team, Case: its deadline passed unanswered.
	KindCaseMissed Kind = "case.missed"
)

// CmdHandleCase is a team's handling of a case: Team, Case, Option (the
// remedy's id), Text (the personal reply).
const CmdHandleCase CommandKind = "handle-case"

// Refusals of a case's handling.
var (
	// ErrNoSuchCase: the scenario has no case of that id.
	ErrNoSuchCase = &Refusal{"no-such-case", "the scenario has no such case"}
	// ErrCaseNotOpen: the case has not reached the team, or the team has
	// handled it already.
	ErrCaseNotOpen = &Refusal{"case-not-open", "the case is not waiting for the team"}
	// ErrNoSuchRemedy: the case offers no remedy of that id.
	ErrNoSuchRemedy = &Refusal{"no-such-remedy", "the case has no such remedy"}
)

func init() {
	Refusals = append(Refusals, ErrNoSuchCase, ErrCaseNotOpen, ErrNoSuchRemedy)
}

// CaseState is a case as it stands for one team.
type CaseState struct {
	Case      *scenario.Case
	ArrivedAt time.Duration
	// Message is the customer's message as the team reads it (the
	// alternative chosen when it varies).
	Message scenario.Text
	Order   []string // remedy ids as the team sees them
	// Missed is set when the deadline passed unanswered (MissedAt).
	Missed   bool
	MissedAt time.Duration
	// Handled is set once the team chose a remedy and replied (At).
	Handled    bool
	At         time.Duration
	Remedy     *scenario.Remedy
	Text       string
	FactsFound []string
	Rubric     *rubric.Result
	JudgedLive int
}

// DeadlineAt is when the case is missed if not handled.
func (c CaseState) DeadlineAt() time.Duration { return c.ArrivedAt + c.Case.Deadline }

// InTime reports whether the case was handled by its deadline.
func (c CaseState) InTime() bool { return c.Handled && !c.Missed && c.At <= c.DeadlineAt() }

// Remedies are the case's remedies in the order the team sees them.
func (c CaseState) Remedies() []*scenario.Remedy {
	if len(c.Order) != len(c.Case.Remedies) {
		return c.Case.Remedies
	}
	out := make([]*scenario.Remedy, 0, len(c.Order))
	for _, id := range c.Order {
		if r := c.Case.Remedy(id); r != nil {
			out = append(out, r)
		}
	}
	if len(out) != len(c.Case.Remedies) {
		return c.Case.Remedies
	}
	return out
}

// Open reports whether the case waits for the team.
func (c CaseState) Open() bool { return !c.Handled }

// Public reports whether the case went public: missed, or handled with a
// poor remedy.
func (c CaseState) Public() bool {
	return c.Missed || c.Handled && c.Remedy != nil && c.Remedy.Fit == scenario.FitPoor
}

// ReplyEmpathy is the rubric's empathy of the reply (0 without one).
func (c CaseState) ReplyEmpathy() float64 {
	if c.Rubric == nil {
		return 0
	}
	return c.Rubric.Scores[scoring.Empathy]
}

// Evidence is the case as the scoring reads it.
func (c CaseState) Evidence() scoring.Case {
	ev := scoring.Case{Handled: c.Handled, Missed: c.Missed, InTime: c.InTime(), ReplyEmpathy: c.ReplyEmpathy()}
	if c.Remedy != nil {
		ev.Fit = scenario.FitScore(c.Remedy.Fit)
	}
	return ev
}

// CaseState returns the team's state of the case with this id, or nil
// when it has not reached the team.
func (t *Team) CaseState(id string) *CaseState {
	for i := range t.Cases {
		if t.Cases[i].Case.ID == id {
			return &t.Cases[i]
		}
	}
	return nil
}

// OpenCases counts the cases waiting for the team.
func (t *Team) OpenCases() int {
	n := 0
	for _, c := range t.Cases {
		if c.Open() {
			n++
		}
	}
	return n
}

// caseEvidence is the team's cases as the scoring reads them.
func (t *Team) caseEvidence() []scoring.Case {
	if len(t.Cases) == 0 {
		return nil
	}
	out := make([]scoring.Case, len(t.Cases))
	for i, c := range t.Cases {
		out[i] = c.Evidence()
	}
	return out
}

// BestCaseScores are the team's scores had every case that reached it
// been handled in time with a good remedy and a reply of full empathy (the
// facilitator's overrides aside): the analysis's upper bound, as its
// simulated teams do not write.
func (t *Team) BestCaseScores() scoring.Scores {
	_, best := t.ScoreBounds()
	return best
}

// ScoreBounds are the team's scores from its evidence (Scores without
// overrides) and its BestCaseScores, the evidence gathered once.
func (t *Team) ScoreBounds() (scores, best scoring.Scores) {
	ev := t.evidence()
	scores = scoring.TeamEvidence(ev)
	if len(ev.Cases) == 0 {
		return scores, scores
	}
	for i := range ev.Cases {
		ev.Cases[i] = scoring.Case{Handled: true, InTime: true, Fit: 100, ReplyEmpathy: 100}
	}
	return scores, scoring.TeamEvidence(ev)
}

// checkCase refuses a case's handling the state cannot take.
func (s *State) checkCase(cmd Command) error {
	t, err := s.playingTeam(cmd.Team)
	if err != nil {
		return err
	}
	c := s.Scenario.Case(cmd.Case)
	if c == nil {
		return refuse(ErrNoSuchCase, "%q", cmd.Case)
	}
	cs := t.CaseState(c.ID)
	if cs == nil || !cs.Open() {
		return refuse(ErrCaseNotOpen, "case %q for team %q", c.ID, t.Name)
	}
	if c.Remedy(cmd.Option) == nil {
		return refuse(ErrNoSuchRemedy, "%q of case %q", cmd.Option, c.ID)
	}
	return checkText(cmd.Text, "a reply", MaxStatementLen)
}

// casesDue adds the team's due case happenings: a case arriving, an open
// case's deadline passing.
func (s *State) casesDue(t *Team, better func(time.Duration, int) bool, best *candidate) {
	for _, c := range t.Cases {
		if c.Open() && !c.Missed && better(c.DeadlineAt(), rankTimeout) {
			*best = candidate{at: c.DeadlineAt(), rank: rankTimeout, kind: KindCaseMissed, team: t.Name, id: c.Case.ID}
		}
	}
	for _, c := range s.Scenario.Cases {
		if c.Phase == t.Phase && t.CaseState(c.ID) == nil {
			if at := t.PhaseEnteredAt + c.After; better(at, rankInject) {
				*best = candidate{at: at, rank: rankInject, kind: KindCaseArrived, team: t.Name, id: c.ID}
			}
		}
	}
}

// remedyOrder is the order in which a team sees a case's remedies:
// shuffled from the exercise's seed, the team and the case, so no position
// cues the good one (as optionOrder does for options). It is recorded in
// case.arrived.
func (s *State) remedyOrder(t *Team, c *scenario.Case) []string {
	h := fnv.New64a()
	h.Write([]byte("case:" + c.ID))
	r := rand.New(rand.NewPCG(s.Seed^h.Sum64(), teamSeed(t.Name, 0)))
	order := make([]string, len(c.Remedies))
	for i, rm := range c.Remedies {
		order[i] = rm.ID
	}
	r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	return order
}

// applyCase folds a case event into its team's state.
func (s *State) applyCase(t *Team, e Event) error {
	c := s.Scenario.Case(e.Case)
	if c == nil {
		return logError(e.Seq, e.Kind, ErrLogBadEvent, "the scenario has no case %q", e.Case)
	}
	cs := t.CaseState(c.ID)
	switch e.Kind {
	case KindCaseArrived:
		if cs != nil {
			return logError(e.Seq, e.Kind, ErrLogBadEvent, "case %q has already reached team %q", c.ID, t.Name)
		}
		msg := c.Message
		if len(c.MessageAlts) > 0 {
			key := "case:" + c.ID
			visit := t.reads[key]
			t.own(sharedReads)
			t.reads[key]++
			msg = scenario.Choose(c.Message, c.MessageAlts, s.altEnv(c.MessageAlts, t, e.At), s.Seed, key, visit)
		}
		// Copy on write: a forked state shares the slice.
		t.Cases = append(t.Cases[:len(t.Cases):len(t.Cases)], CaseState{Case: c, ArrivedAt: e.At, Message: msg, Order: e.Order})
		return nil
	case KindCaseMissed:
		if cs == nil || !cs.Open() || cs.Missed {
			return logError(e.Seq, e.Kind, ErrLogBadEvent, "case %q is not waiting for team %q", c.ID, t.Name)
		}
		t.Cases = slices.Clone(t.Cases)
		cs = t.CaseState(c.ID)
		cs.Missed, cs.MissedAt = true, e.At
		s.applyEffects(t, c.Escalate)
		return nil
	}
	// KindCaseHandled
	if cs == nil || !cs.Open() {
		return logError(e.Seq, e.Kind, ErrLogBadEvent, "case %q is not waiting for team %q", c.ID, t.Name)
	}
	r := c.Remedy(e.Option)
	if r == nil {
		return logError(e.Seq, e.Kind, ErrLogBadEvent, "case %q has no remedy %q", c.ID, e.Option)
	}
	t.Cases = slices.Clone(t.Cases)
	cs = t.CaseState(c.ID)
	cs.Handled, cs.At, cs.Remedy, cs.Text, cs.JudgedLive = true, e.At, r, e.Text, e.Judge
	cs.FactsFound = FactsIn(s.Scenario, c.Reply.RequiredFacts, e.Text)
	res := rubric.Judge(e.Text, rubric.Context{Lang: s.Lang, Facts: s.rubricFacts(c.Reply.RequiredFacts), Hazard: c.Reply.Hazard,
		Kind: c.Reply.Kind})
	cs.Rubric = &res
	if r.Fit == scenario.FitPoor && !cs.Missed {
		// The wrong remedy goes public as a miss does (once).
		s.applyEffects(t, c.Escalate)
	}
	return nil
}
