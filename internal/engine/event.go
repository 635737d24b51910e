// Package engine runs an exercise. It is event-sourced: every fact is an
// Event, appended to a Log before it takes effect, and the exercise State is
// a fold over the events. The same engine runs behind the GUI, headless in the
// command line and in tests; only the clock differs.
package engine

import (
	"encoding/json"
	"time"
)

// Kind names an event type. The names are stored in the log: never rename one.
type Kind string

const (
	KindStarted      Kind = "exercise.started"
	KindPaused       Kind = "clock.paused"
	KindResumed      Kind = "clock.resumed"
	KindSpeed        Kind = "clock.speed"
	KindPhase        Kind = "phase.entered"
	KindInject       Kind = "inject.delivered"
	KindOpened       Kind = "decision.opened"
	KindChosen       Kind = "decision.chosen"
	KindTimedOut     Kind = "decision.timedout"
	KindRejected     Kind = "command.rejected"
	KindTeamEnded    Kind = "team.ended"
	KindExerciseEnds Kind = "exercise.ended"
	KindRule         Kind = "rule.applied"
	KindTrigger      Kind = "trigger.fired"
	KindRegMissed    Kind = "deadline.missed"
	KindPromiseMiss  Kind = "promise.missed"
	KindFeed         Kind = "feed.posted"

	// The facilitator's judgement: allowed during play and after it ends.
	KindAdHoc    Kind = "facilitator.inject"
	KindNote     Kind = "note.added"
	KindOverride Kind = "score.overridden"
	KindRating   Kind = "objective.rated"

	// A team's written answer to an inject that asks for one (Team,
	// Inject, Text, Judge).
	KindReplied Kind = "inject.replied"
	// A team's post on a simulated channel (Team, Channel, Text, Judge,
	// Findings): the public reacts to it.
	KindPosted Kind = "team.posted"

	// The facilitator's control of the schedule (see schedule.go and
	// docs/architecture.md). Sending a scheduled inject now is an
	// inject.delivered event with Reason ReasonSentNow.
	KindSkipped  Kind = "inject.skipped"    // Team, Phase, Inject: it is never delivered in this phase visit
	KindDelayed  Kind = "inject.delayed"    // Team, Phase, Inject, DelayMS: it arrives that much later
	KindExtended Kind = "decision.extended" // Team, Decision, DelayMS: its deadline falls that much later
)

// ReasonSentNow is the Reason of an inject.delivered event for a scheduled
// inject the facilitator sent before its time.
const ReasonSentNow = "sent-now"

// PauseDiscussion is the Reason of a clock.paused event that starts a
// discussion pause: teams may choose while response time stands still.
const PauseDiscussion = "discussion"

// Reasons a team's or the exercise's play ends.
const (
	EndReached     = "ending"      // the team reached an ending phase
	EndTimeUp      = "time-up"     // the scenario's duration ran out
	EndFacilitator = "facilitator" // the facilitator ended the exercise early
	EndComplete    = "complete"    // every team finished
	// EndLimit: the exercise was ended after the scenario made more happen
	// than the engine allows (a *LimitError halted it).
	EndLimit = "limit"
)

// Event is one fact of an exercise. Fields beyond Seq, At and Kind are set
// according to the kind; unused ones are empty.
type Event struct {
	Seq  int64         `json:"-"`
	At   time.Duration `json:"-"`
	Kind Kind          `json:"-"`

	Team     string `json:"team,omitempty"`
	Phase    string `json:"phase,omitempty"`
	Inject   string `json:"inject,omitempty"`
	Decision string `json:"decision,omitempty"`
	Option   string `json:"option,omitempty"`
	// Ref identifies the command that caused the event (for example a line of
	// a play script), so a resumed run knows which commands were handled.
	Ref    string `json:"ref,omitempty"`
	Reason string `json:"reason,omitempty"`
	// Code is, with a refused choice (KindRejected), the refusal's code
	// (Refusals): what a reader of the log says in its own language, where
	// Reason is the engine's English. Absent in logs from before it was
	// recorded.
	Code string `json:"code,omitempty"`
	// Text is the written statement sent with a choice.
	Text string `json:"text,omitempty"`
	// Judge is, with a statement, the version of the statement judge
	// (rubric.Version) that scored it when it was sent: the team's live
	// feedback. A fold judges the text again with the judge it has; absent
	// in logs from before the version was recorded.
	Judge int `json:"judge,omitempty"`

	Rule        string `json:"rule,omitempty"`
	Trigger     string `json:"trigger,omitempty"`
	RegDeadline string `json:"deadline,omitempty"`
	Tick        int    `json:"tick,omitempty"` // which period of a rule

	// Facilitator events.
	Channel   string  `json:"channel,omitempty"`   // ad-hoc inject
	Dimension string  `json:"dimension,omitempty"` // score override
	Value     float64 `json:"value,omitempty"`     // score override
	Objective string  `json:"objective,omitempty"` // rating
	Rating    string  `json:"rating,omitempty"`    // P, S, M or U
	Promise   int     `json:"promise,omitempty"`   // which promise of the team (1-based)
	// From is, in facilitator.inject, who the inject comes from (free
	// text; absent: the facilitator). To lists the scenario's roles it is
	// addressed to (absent: the whole team). Effects are changes to the
	// receiving teams' world variables (variable id → delta), clamped to
	// each variable's range like a scenario's effects. All three are
	// absent in logs from before they existed.
	From    string             `json:"from,omitempty"`
	To      []string           `json:"to,omitempty"`
	Effects map[string]float64 `json:"effects,omitempty"`
	// DelayMS is, in inject.delayed and decision.extended, how much later
	// (milliseconds, the log's precision).
	DelayMS int64 `json:"delay_ms,omitempty"`
	// Command is, in a command.rejected event for a facilitator's command
	// (logged only when the command carried a Ref, as a play script's
	// actions do), the refused command's kind; Reason is then the
	// refusal's code (Refusal.Code). Absent for a team's refused choice.
	Command string `json:"command,omitempty"`

	// Seat is, in a role-player's events (roleplay.said, roleplay.nudged,
	// decision.opened with Reason "roleplay"), who did it: "facilitator"
	// or a role-player laptop's seat. Persona is the persona who speaks
	// in roleplay.said; Thread what it answers (Team.ThreadText).
	Seat    string `json:"seat,omitempty"`
	Persona string `json:"persona,omitempty"`
	Thread  string `json:"thread,omitempty"`

	// Conference and Question are, in press events, the press
	// conference's id and the question's number (1-based) in its queue.
	Conference string `json:"conference,omitempty"`
	Question   int    `json:"question,omitempty"`

	// Case is, in case events, the customer case's id (cases.go); the
	// remedy chosen is Option, the reply Text.
	Case string `json:"case,omitempty"`

	// Evaluation is, in eeg.entered, an evaluator's paper guide for Team
	// and Objective (evaluation.go).
	Evaluation *Evaluation `json:"evaluation,omitempty"`
	// Task, Done, AtMS and Entry are, in a live evaluator's events
	// (evaluator.go; Seat is the evaluator), the critical task ticked,
	// whether done, the exercise time (milliseconds) it was done or an
	// observation is about, and the team's timeline entry an observation
	// is attached to (EntryInbox…).
	Task  string `json:"task,omitempty"`
	Done  bool   `json:"done,omitempty"`
	AtMS  *int64 `json:"at_ms,omitempty"`
	Entry string `json:"entry,omitempty"`

	// Triage is, in triage.submitted, the team's marks of a decision's
	// social-listening feed (triage.go).
	Triage []TriageMark `json:"triage,omitempty"`
	// Ordered is, in triage.submitted, true when the marks order the
	// posts marked answer (TriageMark.Rank): every triage sent since the
	// order exists. A triage logged before has neither ranks nor Ordered
	// and folds and scores as it did, without the order's term.
	Ordered bool `json:"ordered,omitempty"`

	Posts []string `json:"posts,omitempty"` // feed post template ids
	// Findings are, in team.posted, what the judge (version Judge) found
	// in the post when it was sent (scenario.Findings); the public's
	// reaction follows them on every replay.
	Findings []string `json:"findings,omitempty"`
	// Order is, in decision.opened, the decision's option ids in the order
	// the team sees them (absent in logs from before shuffling: file order).
	Order []string `json:"order,omitempty"`
	Seed  uint64   `json:"seed,omitempty"` // exercise.started: the seed of the simulated public

	// exercise.started
	ScenarioID string `json:"scenario_id,omitempty"`
	Source     []byte `json:"source,omitempty"` // the scenario file itself, so a resume replays exactly what was played
	// Cut and Difficulty are the version of the scenario played (one of
	// its cuts, a difficulty level; empty in logs from before them and
	// for the full version at standard difficulty): the fold plays
	// scenario.Variant of the source.
	Cut        string `json:"cut,omitempty"`
	Difficulty string `json:"difficulty,omitempty"`
	// Media are the pictures the scenario's injects carry, by their path
	// as written in it.
	Media map[string][]byte `json:"media,omitempty"`
	Teams []string          `json:"teams,omitempty"`
	Lang  string            `json:"lang,omitempty"`
	Speed float64           `json:"speed,omitempty"`
}

// Delay is DelayMS as a duration.
func (e Event) Delay() time.Duration { return time.Duration(e.DelayMS) * time.Millisecond }

// Encode returns the event's payload as stored in the log.
func (e Event) Encode() ([]byte, error) { return json.Marshal(e) }

// Decode rebuilds an event from its stored parts.
func Decode(seq int64, at time.Duration, kind string, data []byte) (Event, error) {
	var e Event
	if err := json.Unmarshal(data, &e); err != nil {
		return e, &LogError{Seq: seq, Kind: Kind(kind), Err: ErrLogBadEvent, Detail: err.Error()}
	}
	e.Seq, e.At, e.Kind = seq, at, Kind(kind)
	return e, nil
}

// Log is where events go before they take effect. Append must be durable
// when it returns nil.
type Log interface {
	Append(Event) error
}

// Discard is a Log that keeps nothing, for plays nobody resumes (the
// analysis's searches, which play tens of thousands of copies of a team).
// A session on it does not even copy its events out.
var Discard Log = discard{}

type discard struct{}

func (discard) Append(Event) error { return nil }

// MemoryLog keeps events in memory (tests, throwaway headless runs).
type MemoryLog struct{ Events []Event }

// Append implements Log.
func (m *MemoryLog) Append(e Event) error {
	m.Events = append(m.Events, e)
	return nil
}
