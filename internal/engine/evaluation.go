package engine

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// An evaluator's paper evaluation guide entered afterwards: for one team
// and objective, the evaluator's name, their P/S/M/U rating, and per
// critical task whether they saw it done, when (exercise time) and what
// they noted. It is a judgement like the facilitator's rating, logged as
// eeg.entered; a second entry by the same evaluator for the same team and
// objective replaces the first (a corrected form).

// KindEvaluation is an evaluator's paper guide entered.
const KindEvaluation Kind = "eeg.entered"

// CmdEvaluate enters an evaluator's paper guide (Command.Evaluation).
const CmdEvaluate CommandKind = "evaluate"

// MaxEvaluatorLen is the longest evaluator's name, in characters.
const MaxEvaluatorLen = 80

// Refusals of an evaluation entered.
var (
	// ErrNoEvaluator: the evaluator's name is empty, too long or holds a
	// control character.
	ErrNoEvaluator = &Refusal{"no-evaluator", "an evaluation needs the evaluator's name"}
	// ErrNoSuchTask: a task that is not one of the objective's critical tasks, or named twice.
	ErrNoSuchTask = &Refusal{"no-such-task", "not one of the objective's critical tasks"}
	// ErrBadTaskTime: a task's time before the start or after the exercise (or the team) ended.
	ErrBadTaskTime = &Refusal{"bad-task-time", "a task's time is after the exercise ended"}
)

func init() {
	Refusals = append(Refusals, ErrNoEvaluator, ErrNoSuchTask, ErrBadTaskTime)
}

// Evaluation is what an evaluator wrote on a paper guide.
type Evaluation struct {
	Evaluator string     `json:"evaluator"`
	Rating    string     `json:"rating,omitempty"` // P, S, M, U or "" (not rated)
	Tasks     []EvalTask `json:"tasks,omitempty"`
	// Note is the evaluator's general observation; At (not in the JSON of
	// the event: the event's own time) is when it was entered.
	Note string        `json:"note,omitempty"`
	At   time.Duration `json:"-"`
	// Live marks an evaluation made by a live evaluator seat (eeg.task,
	// eeg.rated: evaluator.go) rather than entered from paper; a paper
	// guide entered later under the same name replaces it.
	Live bool `json:"-"`
}

// EvalTask is an evaluator's entry for one critical task.
type EvalTask struct {
	Task string `json:"task"`
	Done bool   `json:"done"`
	// AtMS is when the evaluator saw it done (exercise time, milliseconds),
	// nil when they wrote no time.
	AtMS *int64 `json:"at_ms,omitempty"`
	Note string `json:"note,omitempty"`
}

// Time is the task's time, and whether one was written.
func (e EvalTask) Time() (time.Duration, bool) {
	if e.AtMS == nil {
		return 0, false
	}
	return time.Duration(*e.AtMS) * time.Millisecond, true
}

// Task is the evaluator's entry for a task, if any.
func (e Evaluation) Task(id string) (EvalTask, bool) {
	for _, t := range e.Tasks {
		if t.Task == id {
			return t, true
		}
	}
	return EvalTask{}, false
}

// checkEvaluation validates an evaluation entered.
func (s *State) checkEvaluation(cmd Command, now time.Duration) error {
	t := s.Team(cmd.Team)
	if t == nil {
		return refused(&Refused{Refusal: ErrNoSuchTeam, Team: cmd.Team}, "%q", cmd.Team)
	}
	o := s.objective(cmd.Objective)
	if o == nil {
		return refuse(ErrNoSuchObjective, "%q", cmd.Objective)
	}
	ev := cmd.Evaluation
	if ev == nil {
		return refuse(ErrNoEvaluator, "no evaluation")
	}
	name := strings.TrimSpace(ev.Evaluator)
	if name == "" || utf8.RuneCountInString(name) > MaxEvaluatorLen || strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return refuse(ErrNoEvaluator, "%q", ev.Evaluator)
	}
	if ev.Rating != "" && !slicesContains(Ratings, ev.Rating) {
		return refuse(ErrBadRating, "not %q", ev.Rating)
	}
	if utf8.RuneCountInString(ev.Note) > MaxStatementLen {
		return tooLong(MaxStatementLen, "more than %d characters", MaxStatementLen)
	}
	end := max(now, s.Now)
	if s.Ended {
		end = s.EndedAt
	}
	seen := map[string]bool{}
	for _, et := range ev.Tasks {
		known := false
		for _, task := range o.Tasks() {
			known = known || task.ID == et.Task
		}
		if !known || seen[et.Task] {
			return refuse(ErrNoSuchTask, "%q", et.Task)
		}
		seen[et.Task] = true
		if at, ok := et.Time(); ok && (at < 0 || at > end) {
			return refuse(ErrBadTaskTime, "%v after the end at %v", at, end)
		}
		if utf8.RuneCountInString(et.Note) > MaxStatementLen {
			return tooLong(MaxStatementLen, "more than %d characters", MaxStatementLen)
		}
	}
	return nil
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// applyEvaluation keeps the evaluation on the team, replacing the same
// evaluator's earlier entry for the objective.
// It reports false for an event that names no team, objective or
// evaluation.
func (s *State) applyEvaluation(t *Team, e Event) bool {
	if t == nil || e.Evaluation == nil || s.objective(e.Objective) == nil {
		return false
	}
	ev := *e.Evaluation
	ev.Evaluator, ev.At = strings.TrimSpace(ev.Evaluator), e.At
	t.own(sharedEvaluations)
	if t.Evaluations == nil {
		t.Evaluations = map[string][]Evaluation{}
	}
	list := t.Evaluations[e.Objective]
	for i, old := range list {
		if strings.EqualFold(old.Evaluator, ev.Evaluator) {
			list[i] = ev
			return true
		}
	}
	t.Evaluations[e.Objective] = append(list, ev)
	return true
}
