package engine

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Live evaluation. An evaluator seat (a window on the facilitator's laptop
// or an evaluator's laptop joined with the evaluator code) follows teams
// while they play and, per team and objective of the scenario's evaluation
// guides, ticks critical tasks with the exercise time they were done,
// writes observations tied to the timeline and rates the objective P, S, M
// or U. Each is an event carrying the seat (the evaluator's name); none of
// them changes what a team sees, its scores or its schedule: they fold into
// Team.Evaluations (the same place as a paper guide entered afterwards,
// evaluation.go, under the seat's name) and Team.Observations.

// The evaluator's commands. Seat is the evaluator's name (checkSeat).
const (
	// CmdEvalTask: Seat, Team, Objective, Task (one of the objective's
	// critical tasks), Done, AtMS (when it was done, exercise time; nil:
	// no time), Text (an optional note on the task).
	CmdEvalTask CommandKind = "eval-task"
	// CmdEvalRate: Seat, Team, Objective, Rating (P, S, M, U; "" takes
	// the rating back).
	CmdEvalRate CommandKind = "eval-rate"
	// CmdEvalObserve: Seat, Team, Objective (optional), Text, and what it
	// is about: AtMS (a moment of the exercise) and/or Entry (an entry of
	// the team's timeline, EntryInbox and the others).
	CmdEvalObserve CommandKind = "eval-observe"
)

// The evaluator's events (Seat, Team, Objective and the fields of their
// command).
const (
	KindEvalTask     Kind = "eeg.task"
	KindEvalRated    Kind = "eeg.rated"
	KindEvalObserved Kind = "eeg.observed"
)

// IsEvalKind tells whether an event is a live evaluator's.
func IsEvalKind(k Kind) bool {
	return k == KindEvalTask || k == KindEvalRated || k == KindEvalObserved
}

// IsEvalCommand tells whether a command is a live evaluator's.
func IsEvalCommand(k CommandKind) bool {
	return k == CmdEvalTask || k == CmdEvalRate || k == CmdEvalObserve
}

// ErrBadEntry: an observation attached to something that is not an entry
// of the team's timeline.
var ErrBadEntry = &Refusal{"bad-entry", "the observation is attached to nothing on the team's timeline"}

// EntryInbox, EntryAnswer, EntryReply and EntryPost name an entry of a
// team's timeline an observation is attached to: the n-th message of its
// inbox, decision answered or timed out (Team.Answers), reply or post (all
// from 1).
func EntryInbox(n int) string  { return "inbox:" + strconv.Itoa(n) }
func EntryAnswer(n int) string { return "answer:" + strconv.Itoa(n) }
func EntryReply(n int) string  { return "reply:" + strconv.Itoa(n) }
func EntryPost(n int) string   { return "post:" + strconv.Itoa(n) }

// EntryAt is the time of the timeline entry named (EntryInbox…), and
// whether the team has it.
func (t *Team) EntryAt(entry string) (time.Duration, bool) {
	kind, num, ok := strings.Cut(entry, ":")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n < 1 || num != strconv.Itoa(n) {
		return 0, false
	}
	switch {
	case kind == "inbox" && n <= len(t.Inbox):
		return t.Inbox[n-1].At, true
	case kind == "answer" && n <= len(t.Answers):
		return t.Answers[n-1].At, true
	case kind == "reply" && n <= len(t.Replies):
		return t.Replies[n-1].At, true
	case kind == "post" && n <= len(t.Posts):
		return t.Posts[n-1].At, true
	}
	return 0, false
}

func init() { Refusals = append(Refusals, ErrBadEntry) }

// Observation is an evaluator's observation of a team.
type Observation struct {
	Seq       int64         // the eeg.observed event
	Written   time.Duration // when it was written (exercise time)
	Evaluator string
	Objective string // "" for the team as a whole
	// About is the moment it is about (exercise time) when HasAbout;
	// Entry the team's timeline entry it is attached to ("": none;
	// EntryInbox…).
	About    time.Duration
	HasAbout bool
	Entry    string
	Text     string
}

// evalEvent checks an evaluator's command and returns its event.
func (s *State) evalEvent(cmd Command, now time.Duration) (Event, error) {
	if err := CheckSeat(cmd.Seat); err != nil {
		return Event{}, err
	}
	if s.Team(cmd.Team) == nil {
		return Event{}, refused(&Refused{Refusal: ErrNoSuchTeam, Team: cmd.Team}, "%q", cmd.Team)
	}
	var o = s.objective(cmd.Objective)
	if o == nil && (cmd.Kind != CmdEvalObserve || cmd.Objective != "") {
		return Event{}, refuse(ErrNoSuchObjective, "%q", cmd.Objective)
	}
	end := max(now, s.Now)
	if s.Ended {
		end = s.EndedAt
	}
	if cmd.AtMS != nil {
		if at := time.Duration(*cmd.AtMS) * time.Millisecond; at < 0 || at > end {
			return Event{}, refuse(ErrBadTaskTime, "%v not between the start and %v", at, end)
		}
	}
	if utf8.RuneCountInString(cmd.Text) > MaxStatementLen {
		return Event{}, tooLong(MaxStatementLen, "more than %d characters", MaxStatementLen)
	}
	ev := Event{At: now, Team: cmd.Team, Objective: cmd.Objective, Seat: strings.TrimSpace(cmd.Seat), Ref: cmd.Ref}
	switch cmd.Kind {
	case CmdEvalTask:
		known := false
		for _, task := range o.Tasks() {
			known = known || task.ID == cmd.Task
		}
		if !known {
			return Event{}, refuse(ErrNoSuchTask, "%q", cmd.Task)
		}
		ev.Kind, ev.Task, ev.Done, ev.AtMS, ev.Text = KindEvalTask, cmd.Task, cmd.Done, cmd.AtMS, strings.TrimSpace(cmd.Text)
	case CmdEvalRate:
		if cmd.Rating != "" && !slicesContains(Ratings, cmd.Rating) {
			return Event{}, refuse(ErrBadRating, "not %q", cmd.Rating)
		}
		ev.Kind, ev.Rating = KindEvalRated, cmd.Rating
	case CmdEvalObserve:
		text := strings.TrimSpace(cmd.Text)
		if text == "" {
			return Event{}, refuse(ErrNoText, "an observation without text")
		}
		if _, ok := s.Team(cmd.Team).EntryAt(cmd.Entry); cmd.Entry != "" && !ok {
			return Event{}, refuse(ErrBadEntry, "%q", clipText(cmd.Entry, 40))
		}
		ev.Kind, ev.Text, ev.AtMS, ev.Entry = KindEvalObserved, text, cmd.AtMS, cmd.Entry
	}
	return ev, nil
}

// applyEval folds an evaluator's event into the team's evaluation by that
// seat (made on its first event, Live) and its observations.
func (s *State) applyEval(t *Team, e Event) bool {
	if t == nil || strings.TrimSpace(e.Seat) == "" {
		return false
	}
	if e.Kind == KindEvalObserved {
		if e.Objective != "" && s.objective(e.Objective) == nil {
			return false
		}
		ob := Observation{Seq: e.Seq, Written: e.At, Evaluator: e.Seat, Objective: e.Objective, Entry: e.Entry, Text: e.Text}
		if e.AtMS != nil {
			ob.About, ob.HasAbout = time.Duration(*e.AtMS)*time.Millisecond, true
		}
		t.Observations = append(t.Observations, ob)
		return true
	}
	if s.objective(e.Objective) == nil {
		return false
	}
	t.own(sharedEvaluations)
	if t.Evaluations == nil {
		t.Evaluations = map[string][]Evaluation{}
	}
	list := t.Evaluations[e.Objective]
	i := -1
	for j, old := range list {
		if strings.EqualFold(old.Evaluator, e.Seat) {
			i = j
		}
	}
	if i < 0 {
		list = append(list, Evaluation{Evaluator: e.Seat, Live: true})
		i = len(list) - 1
	}
	ev := &list[i]
	ev.At = e.At
	switch e.Kind {
	case KindEvalRated:
		ev.Rating = e.Rating
	case KindEvalTask:
		et := EvalTask{Task: e.Task, Done: e.Done, AtMS: e.AtMS, Note: e.Text}
		found := false
		for k := range ev.Tasks {
			if ev.Tasks[k].Task == e.Task {
				ev.Tasks[k], found = et, true
			}
		}
		if !found {
			ev.Tasks = append(ev.Tasks, et)
		}
	}
	t.Evaluations[e.Objective] = list
	return true
}

// ObservationsBy returns the team's observations by an evaluator (all of
// them for ""), in the order written.
func (t *Team) ObservationsBy(evaluator string) []Observation {
	var out []Observation
	for _, o := range t.Observations {
		if evaluator == "" || strings.EqualFold(o.Evaluator, evaluator) {
			out = append(out, o)
		}
	}
	return out
}
