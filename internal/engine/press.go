package engine

import (
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/firebreak-drills/firebreak/internal/rubric"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Press conference events and commands (docs/architecture.md, "Press
// conferences"). A conference starts for a team (scheduled by the
// scenario, or the facilitator's command); its questions reach the team
// one after another: the first when it starts, each next one when the one
// before was answered or its clock ran out. The facilitator (or the
// role-player at the console) may add questions to a running conference's
// queue.
const (
	// KindPressStarted: Team, Conference; From and Text, when the
	// facilitator started it with a question of their own (added after
	// the scripted ones).
	KindPressStarted Kind = "press.started"
	// KindPressQuestion: Team, Conference, From, Text: a question added to
	// the queue of a running conference.
	KindPressQuestion Kind = "press.question"
	// KindPressAnswered: Team, Conference, Question (1-based), Text, Judge.
	KindPressAnswered Kind = "press.answered"
	// KindPressUnanswered: Team, Conference, Question: its clock ran out.
	KindPressUnanswered Kind = "press.unanswered"
)

const (
	// CmdPress is the facilitator's: Team ("" = every team still
	// playing), Conference, and optionally Text (a question) and From
	// (who asks it). It starts the conference for a team that has not
	// had it, or adds the question to it while it runs.
	CmdPress CommandKind = "press"
	// CmdAnswer is a team's answer to the current question of a running
	// conference: Team, Conference, Question (1-based), Text.
	CmdAnswer CommandKind = "answer"
)

// Refusals of press conference commands.
var (
	// ErrNoSuchConference: the scenario has no conference of that id.
	ErrNoSuchConference = &Refusal{"no-such-conference", "the scenario has no such press conference"}
	// ErrPressBusy: another conference is running for the team.
	ErrPressBusy = &Refusal{"press-busy", "another press conference is running for the team"}
	// ErrPressOver: the conference has already been held for the team.
	ErrPressOver = &Refusal{"press-over", "the press conference is over for the team"}
	// ErrNotAsked: the question is not the one the team is being asked
	// now (answered already, its clock ran out, or not asked yet).
	ErrNotAsked = &Refusal{"not-asked", "that question is not the one being asked now"}
)

// MaxReporterLen is the longest name of an ad-hoc question's reporter.
const MaxReporterLen = 80

// ContradictionPenalty is what each contradiction with the team's earlier
// words takes off a conference's score.
const ContradictionPenalty = 10

// PressRun is a press conference as it runs for one team.
type PressRun struct {
	Conference *scenario.PressConference
	StartedAt  time.Duration
	// Questions are the queue: the scripted questions, then those the
	// facilitator added, in the order added.
	Questions []PressQuestion
	// Answers are the questions dealt with, in order: Answers[i] is the
	// answer to Questions[i] (or its clock running out).
	Answers []PressAnswer
	// AskedAt is when the current question (Questions[len(Answers)])
	// reached the team.
	AskedAt time.Duration
}

// PressQuestion is a question of a conference's queue.
type PressQuestion struct {
	From  scenario.Text
	Text  scenario.Text
	Spec  *scenario.StatementSpec
	AdHoc bool // typed by the facilitator or role-player
}

// PressAnswer is the team's answer to a question, or its clock running out.
type PressAnswer struct {
	AskedAt, At time.Duration
	Text        string
	Unanswered  bool // the clock ran out
	FactsFound  []string
	Rubric      *rubric.Result // nil when unanswered
	JudgedLive  int
	// Stance is what the team had said before the answer (acknowledge,
	// hold, deny, blame or ""): the answer was judged against it, and
	// Clash names the check that contradicts it ("" when consistent).
	Stance string
	Clash  string
}

// NoComment reports whether the answer refused to answer: "no comment"
// or any refusal to comment, or the clock ran out.
func (a PressAnswer) NoComment() bool { return a.Unanswered || a.fired("no-comment") }

// Speculated reports whether the answer speculated about the cause.
func (a PressAnswer) Speculated() bool { return a.fired("speculation") }

func (a PressAnswer) fired(id string) bool {
	if a.Rubric == nil {
		return false
	}
	for _, c := range a.Rubric.Checks {
		if c.ID == id && c.Penalty && !c.Passed {
			return true
		}
	}
	return false
}

// Score is the answer's score: the judge's overall, 0 when unanswered.
func (a PressAnswer) Score() float64 {
	if a.Rubric == nil {
		return 0
	}
	return a.Rubric.Overall
}

// Running reports whether questions are still to be dealt with.
func (r *PressRun) Running() bool { return len(r.Answers) < len(r.Questions) }

// Current is the question being asked (1-based) and its deadline; ok is
// false when the conference is over.
func (r *PressRun) Current() (n int, q PressQuestion, deadline time.Duration, ok bool) {
	if !r.Running() {
		return 0, PressQuestion{}, 0, false
	}
	i := len(r.Answers)
	return i + 1, r.Questions[i], r.AskedAt + r.Conference.Clock, true
}

// PressScore is the judgement of a whole conference (so far).
type PressScore struct {
	Asked          int // questions dealt with (answered or run out)
	Answered       int
	Unanswered     int
	NoComment      int // refusals to answer, the clock running out included
	Speculation    int
	Contradictions int
	// Mean is the mean score of the questions dealt with (unanswered: 0).
	Mean float64
	// Score is Mean less ContradictionPenalty for each contradiction,
	// 0–100, one decimal.
	Score float64
}

// Share is the share of the questions dealt with that were answered (0–1).
func (p PressScore) Share() float64 {
	if p.Asked == 0 {
		return 0
	}
	return float64(p.Answered) / float64(p.Asked)
}

// Score judges the conference as a whole.
func (r *PressRun) Score() PressScore {
	var p PressScore
	sum := 0.0
	for _, a := range r.Answers {
		p.Asked++
		if a.Unanswered {
			p.Unanswered++
		} else {
			p.Answered++
		}
		if a.NoComment() {
			p.NoComment++
		}
		if a.Speculated() {
			p.Speculation++
		}
		if a.Clash != "" {
			p.Contradictions++
		}
		sum += a.Score()
	}
	if p.Asked > 0 {
		p.Mean = math.Round(sum/float64(p.Asked)*10) / 10
	}
	p.Score = math.Round(min(100, max(0, p.Mean-float64(ContradictionPenalty*p.Contradictions)))*10) / 10
	return p
}

// PressRun returns the team's run of the conference with this id, or nil.
func (t *Team) PressRun(id string) *PressRun {
	for i := range t.Press {
		if t.Press[i].Conference.ID == id {
			return &t.Press[i]
		}
	}
	return nil
}

// RunningPress returns the team's running conference, or nil.
func (t *Team) RunningPress() *PressRun {
	for i := range t.Press {
		if t.Press[i].Running() {
			return &t.Press[i]
		}
	}
	return nil
}

// stanceBefore is what the team had said in public before now: the stance
// of the latest of its public options chosen and its press answers that
// took one (an apology or acknowledgement: acknowledge; a denial: deny;
// blame: blame).
func (t *Team) stanceBefore() string {
	stance, at := "", time.Duration(-1)
	for _, a := range t.Answers {
		if a.Option != nil && a.Option.Public && a.Option.Stance != "" && a.At >= at {
			stance, at = a.Option.Stance, a.At
		}
	}
	for _, r := range t.Press {
		for _, a := range r.Answers {
			if s := answerStance(a); s != "" && a.At >= at {
				stance, at = s, a.At
			}
		}
	}
	return stance
}

func answerStance(a PressAnswer) string {
	if a.Rubric == nil {
		return ""
	}
	passed := func(id string) bool {
		for _, c := range a.Rubric.Checks {
			if c.ID == id {
				return c.Passed != c.Penalty
			}
		}
		return false
	}
	switch {
	case passed("denial"):
		return scenario.StanceDeny
	case passed("blame"):
		return scenario.StanceBlame
	case passed("apology"), passed("acknowledge"):
		return scenario.StanceAcknowledge
	}
	return ""
}

// adHocQuestion is a question the facilitator typed.
func adHocQuestion(from, text string) PressQuestion {
	if strings.TrimSpace(from) == "" {
		from = ""
	}
	return PressQuestion{From: scenario.Text{"": from}, Text: scenario.Text{"": text}, AdHoc: true,
		Spec: &scenario.StatementSpec{Kind: "holding", Hazard: "open"}}
}

// pressEvents checks the facilitator's press command and returns its
// events: for each team (one, or every team still playing for which it is
// valid) a start or an added question.
func (s *State) pressEvents(cmd Command, now time.Duration) ([]Event, error) {
	c := s.Scenario.PressConference(cmd.Conference)
	switch {
	case s.Ended:
		return nil, refuse(ErrEnded, "the exercise")
	case c == nil:
		return nil, refuse(ErrNoSuchConference, "%q", cmd.Conference)
	case utf8.RuneCountInString(cmd.Text) > MaxStatementLen:
		return nil, tooLong(MaxStatementLen, "a question is at most %d characters", MaxStatementLen)
	case utf8.RuneCountInString(cmd.From) > MaxReporterLen || strings.IndexFunc(cmd.From, unicode.IsControl) >= 0:
		return nil, refused(&Refused{Refusal: ErrBadSender, Limit: MaxReporterLen}, "%q", cmd.From)
	}
	one := func(t *Team) (Event, error) {
		switch {
		case t.Ended:
			return Event{}, refused(&Refused{Refusal: ErrEnded, Team: t.Name}, "team %q", t.Name)
		case t.PressRun(c.ID) != nil && !t.PressRun(c.ID).Running():
			return Event{}, refuse(ErrPressOver, "%q for team %q", c.ID, t.Name)
		case t.PressRun(c.ID) != nil:
			if strings.TrimSpace(cmd.Text) == "" {
				return Event{}, refuse(ErrNoText, "a question needs a text")
			}
			return Event{Kind: KindPressQuestion, At: now, Team: t.Name, Conference: c.ID, From: cmd.From, Text: cmd.Text, Ref: cmd.Ref}, nil
		case t.RunningPress() != nil:
			return Event{}, refuse(ErrPressBusy, "%q for team %q", t.RunningPress().Conference.ID, t.Name)
		}
		ev := Event{Kind: KindPressStarted, At: now, Team: t.Name, Conference: c.ID, Ref: cmd.Ref}
		if strings.TrimSpace(cmd.Text) != "" {
			ev.From, ev.Text = cmd.From, cmd.Text
		}
		return ev, nil
	}
	if cmd.Team != "" {
		t := s.Team(cmd.Team)
		if t == nil {
			return nil, refused(&Refused{Refusal: ErrNoSuchTeam, Team: cmd.Team}, "%q", cmd.Team)
		}
		ev, err := one(t)
		if err != nil {
			return nil, err
		}
		return []Event{ev}, nil
	}
	var evs []Event
	var first error
	for _, t := range s.Teams {
		ev, err := one(t)
		if err != nil {
			first = cmp(first, err)
			continue
		}
		if len(evs) > 0 {
			ev.Ref = "" // the command's ref marks it handled once
		}
		evs = append(evs, ev)
	}
	if len(evs) == 0 {
		return nil, first
	}
	return evs, nil
}

func cmp(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// checkAnswer refuses an answer the state cannot take.
func (s *State) checkAnswer(cmd Command) error {
	t, err := s.playingTeam(cmd.Team)
	if err != nil {
		return err
	}
	if s.Scenario.PressConference(cmd.Conference) == nil {
		return refuse(ErrNoSuchConference, "%q", cmd.Conference)
	}
	r := t.PressRun(cmd.Conference)
	if r == nil {
		return refuse(ErrNotAsked, "conference %q has not started for team %q", cmd.Conference, cmd.Team)
	}
	if n, _, _, ok := r.Current(); !ok || n != cmd.Question {
		return refuse(ErrNotAsked, "question %d of %q to team %q", cmd.Question, cmd.Conference, cmd.Team)
	}
	return checkText(cmd.Text, "an answer", MaxStatementLen)
}

// pressDue adds the team's due press happenings: a scheduled conference
// starting, the current question's clock running out.
func (s *State) pressDue(t *Team, better func(time.Duration, int) bool, best *candidate) {
	if r := t.RunningPress(); r != nil {
		n, _, deadline, _ := r.Current()
		if better(deadline, rankTimeout) {
			*best = candidate{at: deadline, rank: rankTimeout, kind: KindPressUnanswered, team: t.Name, id: r.Conference.ID, n: n}
		}
		return
	}
	for _, c := range s.Scenario.PressConferences {
		if c.Phase == t.Phase && t.PressRun(c.ID) == nil {
			if at := t.PhaseEnteredAt + c.After; better(at, rankInject) {
				*best = candidate{at: at, rank: rankInject, kind: KindPressStarted, team: t.Name, id: c.ID}
			}
		}
	}
}

// applyPress folds a press event into its team's state.
func (s *State) applyPress(t *Team, e Event) error {
	c := s.Scenario.PressConference(e.Conference)
	if c == nil {
		return logError(e.Seq, e.Kind, ErrLogBadEvent, "the scenario has no press conference %q", e.Conference)
	}
	r := t.PressRun(c.ID)
	switch e.Kind {
	case KindPressStarted:
		if r != nil || t.RunningPress() != nil {
			return logError(e.Seq, e.Kind, ErrLogBadEvent, "press conference %q cannot start for team %q", c.ID, t.Name)
		}
		run := PressRun{Conference: c, StartedAt: e.At, AskedAt: e.At}
		for i, q := range c.Questions {
			run.Questions = append(run.Questions, PressQuestion{From: q.From, Text: s.readQuestion(t, c.ID, i+1, q, e.At), Spec: q.Answer})
		}
		if e.Text != "" {
			run.Questions = append(run.Questions, adHocQuestion(e.From, e.Text))
		}
		t.Press = append(t.Press, run)
		return nil
	case KindPressQuestion:
		if r == nil || !r.Running() {
			return logError(e.Seq, e.Kind, ErrLogBadEvent, "press conference %q is not running for team %q", c.ID, t.Name)
		}
		r.Questions = append(r.Questions[:len(r.Questions):len(r.Questions)], adHocQuestion(e.From, e.Text))
		return nil
	}
	if r == nil {
		return logError(e.Seq, e.Kind, ErrLogBadEvent, "press conference %q has not started for team %q", c.ID, t.Name)
	}
	n, q, _, ok := r.Current()
	if !ok || n != e.Question {
		return logError(e.Seq, e.Kind, ErrLogBadEvent, "question %d of press conference %q is not being asked of team %q", e.Question, c.ID, t.Name)
	}
	a := PressAnswer{AskedAt: r.AskedAt, At: e.At}
	if e.Kind == KindPressUnanswered {
		a.Unanswered = true
	} else {
		a.Text, a.JudgedLive = e.Text, e.Judge
		a.Stance = t.stanceBefore()
		a.FactsFound = FactsIn(s.Scenario, q.Spec.RequiredFacts, e.Text)
		res := rubric.Judge(e.Text, rubric.Context{Lang: s.Lang, Facts: s.rubricFacts(q.Spec.RequiredFacts), Hazard: q.Spec.Hazard,
			Kind: q.Spec.Kind, Stance: a.Stance})
		for i, c := range res.Checks {
			if c.ID == "choice-clash" {
				// Judged against the team's earlier words, not an option.
				res.Checks = slices.Clone(res.Checks)
				res.Checks[i].Label = map[string]string{"en": "Contradicts what the team said before", "zh": "与此前的表态相矛盾"}
				if !c.Passed {
					res.Checks[i].Hint = map[string]string{"en": "The public hears both answers; say the same thing each time, or correct the earlier one openly.",
						"zh": "公众会同时听到两种说法；每次口径要一致，或公开更正此前的说法。"}
				}
			}
		}
		a.Rubric, a.Clash = &res, res.Clash
	}
	// Copy on write: a forked state shares the runs' answers.
	r.Answers = append(r.Answers[:len(r.Answers):len(r.Answers)], a)
	r.AskedAt = e.At
	return nil
}
