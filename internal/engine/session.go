package engine

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/firebreak-drills/firebreak/internal/rubric"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Limits on what a session accepts.
const (
	MaxTeams        = 12
	MaxTeamNameLen  = 40
	MinSpeed        = 0.1
	MaxSpeed        = 1000.0
	MaxStatementLen = 10_000
)

// Limits on the work a scenario can make the engine do. Lint refuses the
// loops that take no time (continue: {after: 0s} back to a phase already
// on the way); these bound what remains, so no scenario, however large or
// odd, can exhaust the machine. The built-in scenarios make at most about
// 90 events at one instant and 700 in a whole exercise, with 12 teams.
const (
	// MaxEventsPerInstant bounds the events the scenario makes happen at
	// one and the same exercise time, in one clock step or command.
	MaxEventsPerInstant = 50_000
	// MaxEventsPerExercise bounds the events in an exercise's log. Every
	// event the scenario makes keeps a bounded amount of memory (its ids,
	// its place in a team's inbox or path), so this bounds memory too.
	MaxEventsPerExercise = 500_000
)

// Variables so that tests can lower them.
var (
	maxEventsPerInstant  = MaxEventsPerInstant
	maxEventsPerExercise = MaxEventsPerExercise
)

// ErrInstantLimit and ErrExerciseLimit say that the scenario made more
// happen than the engine allows (see MaxEventsPerInstant and
// MaxEventsPerExercise); the error is a *LimitError wrapping one of them.
// The exercise stops: its clock no longer moves and only ending it is
// accepted. Tell a facilitator in words, e.g. with errors.Is.
var (
	ErrInstantLimit  = errors.New("event limit per instant reached")
	ErrExerciseLimit = errors.New("event limit per exercise reached")
)

// LimitError is the error of a scenario that reached a limit on work.
type LimitError struct {
	Err      error         // ErrInstantLimit or ErrExerciseLimit
	Scenario string        // the scenario's id
	Limit    int           // the limit reached
	At       time.Duration // exercise time when it was reached
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("scenario %q: %v (%d events) at %s", e.Scenario, e.Err, e.Limit, e.At)
}

func (e *LimitError) Unwrap() error { return e.Err }

// WallClock tells the wall-clock time; tests pass a FakeClock.
type WallClock interface{ Now() time.Time }

// RealClock is the system clock.
type RealClock struct{}

// Now implements WallClock.
func (RealClock) Now() time.Time { return time.Now() }

// FakeClock is a wall clock that moves only when told.
type FakeClock struct {
	mu sync.Mutex
	t  time.Time
}

// NewFakeClock returns a fake clock at a fixed instant.
func NewFakeClock() *FakeClock { return &FakeClock{t: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)} }

// Now implements WallClock.
func (c *FakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// Add moves the fake clock forward.
func (c *FakeClock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// CommandKind names what a command asks for.
type CommandKind string

const (
	CmdChoose CommandKind = "choose"
	CmdPause  CommandKind = "pause"
	CmdResume CommandKind = "resume"
	CmdSpeed  CommandKind = "speed"
	CmdEnd    CommandKind = "end"

	// The facilitator's judgement.
	CmdInject   CommandKind = "inject"   // Team ("" = all), Channel, Text; optional From, To, Effects
	CmdNote     CommandKind = "note"     // Team (optional), Decision or Inject (optional), Text
	CmdOverride CommandKind = "override" // Team, Dimension, Value, Text (the reason)
	CmdRate     CommandKind = "rate"     // Team, Objective, Rating, Text (optional reason)

	// A team's answer to an inject that asks for one (scenario's reply:,
	// or any ad-hoc inject): Team, Inject (its id), Text.
	CmdReply CommandKind = "reply"
	// A team's post on a simulated channel (scenario.PostChannels, in a
	// scenario with a feed): Team, Channel, Text.
	CmdPost CommandKind = "post"

	// The facilitator's control of the schedule. Team "" applies the
	// command to every team still playing for which it is valid.
	CmdSendNow CommandKind = "send-now" // Team, Inject: deliver a pending scheduled inject now
	CmdSkip    CommandKind = "skip"     // Team, Inject: never deliver it (refused if it opens a decision)
	CmdDelay   CommandKind = "delay"    // Team, Inject, Delay: deliver it that much later
	CmdExtend  CommandKind = "extend"   // Team, Decision, Delay: move an open decision's deadline that much later
)

// Command is what teams and the facilitator send to an exercise.
type Command struct {
	Kind     CommandKind
	Team     string
	Decision string
	Option   string
	Speed    float64
	Text     string // the written statement; or the text of an ad-hoc inject, note or reason
	Ref      string // optional: identifies the command in the log

	Channel string        // ad-hoc inject
	Inject  string        // send-now, skip, delay: a scheduled inject of the team's current phase
	Delay   time.Duration // delay, extend: how much later (MinDelay to MaxDelay; kept to the millisecond)
	// An ad-hoc inject's sender (free text; empty: the facilitator), the
	// scenario's roles it is addressed to (empty: the whole team), and its
	// world effects (variable id → delta, at most the variable's range;
	// the result is clamped to the range, as a scenario's effects are).
	From      string
	To        []string
	Effects   map[string]float64
	Dimension string  // override
	Value     float64 // override
	Objective string  // rating
	Rating    string  // rating: P, S, M or U
	// Conference and Question: a press conference's id (press, answer)
	// and the question answered (1-based).
	Conference string
	Question   int
	// Case is a customer case's id (handle-case; the remedy is Option,
	// the reply Text).
	Case string
	// Seat, Persona and Thread: a role-player's commands (roleplay.go).
	Seat    string
	Persona string
	Thread  string
	// Discussion, with CmdPause, makes it a discussion pause: teams may
	// still choose while the clock (and so their response time) stands still.
	Discussion bool
	// Evaluation is, with CmdEvaluate, an evaluator's paper guide for
	// Team and Objective (evaluation.go).
	Evaluation *Evaluation
	// Task, Done, AtMS and Entry: a live evaluator's commands
	// (evaluator.go; Seat is the evaluator).
	Task  string
	Done  bool
	AtMS  *int64
	Entry string
	// Triage is, with CmdTriage, the team's marks of Decision's
	// social-listening feed (triage.go).
	Triage []TriageMark
}

// ReasonPaused is why a choice is refused while the clock is paused (unless
// the facilitator made it a discussion pause); the team view says it in the
// team's language.
const ReasonPaused = "the clock is paused: choices wait until it runs again"

// ErrRejected wraps the reason a choice was refused (decision not open, …).
var ErrRejected = errors.New("rejected")

// Conn is how a team view or console talks to an exercise: commands in,
// events out, and a read of the current state. A network transport can
// implement it on the far side of a wire.
type Conn interface {
	Send(Command) error
	Subscribe(func(Event)) (cancel func())
	Read(func(*State))
	ExerciseTime() time.Duration
}

// Config starts a new exercise.
type Config struct {
	ScenarioID string
	Source     []byte // the scenario file
	// Media are the pictures the scenario's injects carry, by their path as
	// written (scenario.ReadMedia). They go into the exercise's first
	// event, so a resume and a team laptop show what was played.
	Media map[string][]byte
	Teams []string
	Lang  string
	Speed float64
	// Seed makes the simulated public's feed reproducible; 0 picks one.
	Seed uint64
	// NoFeed leaves the simulated public's feed out: it changes neither
	// the world nor the scores, so analysis, which plays a scenario
	// thousands of times, runs without it.
	NoFeed bool
	// Cut and Difficulty choose the version of the scenario played (one
	// of its cuts, easy/standard/hard; "" is the full version at
	// standard): see scenario.Variant.
	Cut, Difficulty string
}

// Session runs one exercise. It is safe for concurrent use.
type Session struct {
	mu   sync.Mutex
	st   *State
	log  Log
	wall WallClock // nil in manual mode: time moves only through AdvanceTo

	anchorWall time.Time     // wall time when the exercise clock was last anchored
	anchorAt   time.Duration // exercise time at the anchor
	manualAt   time.Duration

	subs    map[int]func(Event)
	nextSub int
	queue   []Event // emitted, not yet handed to subscribers
	broken  error   // set when the log and the state may disagree
	halted  error   // a *LimitError: the scenario reached a limit on work
	// next is what advance found due after the time it stopped at, for
	// NextDue, while the state stays as it left it.
	next nextDue

	dispatch sync.Mutex // keeps subscriber calls in event order
}

var _ Conn = (*Session)(nil)

// A problem with one team's name, for TeamProblems.
const (
	TeamNameEmpty     = "empty"     // nothing but spaces
	TeamNameSpaces    = "spaces"    // spaces at its start or end
	TeamNameLong      = "long"      // more than MaxTeamNameLen characters
	TeamNameControl   = "control"   // a control character, or bytes that are not text
	TeamNameDuplicate = "duplicate" // the same as an earlier team's (ignoring case); Other says which
)

// TeamProblem is what is wrong with team Index's name (0-based): Code is
// one of the TeamName constants; for a duplicate, Other is the index of
// the earlier team with that name.
type TeamProblem struct {
	Index int
	Code  string
	Other int
}

// TeamProblems checks the teams' names, each on its own: the rules setup
// shows beside each field and ValidateTeams enforces, in one place.
func TeamProblems(names []string) []TeamProblem {
	var out []TeamProblem
	seen := map[string]int{}
	for i, n := range names {
		trimmed := strings.TrimSpace(n)
		switch {
		case trimmed == "":
			out = append(out, TeamProblem{Index: i, Code: TeamNameEmpty})
			continue
		case trimmed != n:
			out = append(out, TeamProblem{Index: i, Code: TeamNameSpaces})
		case utf8.RuneCountInString(n) > MaxTeamNameLen:
			out = append(out, TeamProblem{Index: i, Code: TeamNameLong})
		case strings.IndexFunc(n, unicode.IsControl) >= 0 || !utf8.ValidString(n):
			out = append(out, TeamProblem{Index: i, Code: TeamNameControl})
		}
		key := strings.ToLower(n)
		if j, dup := seen[key]; dup {
			out = append(out, TeamProblem{Index: i, Code: TeamNameDuplicate, Other: j})
		} else {
			seen[key] = i
		}
	}
	return out
}

// ErrTeamCount is an exercise with no team or more than MaxTeams.
var ErrTeamCount = errors.New("an exercise has from 1 to " + fmt.Sprint(MaxTeams) + " teams")

// TeamsError is ValidateTeams' refusal: the problems of each name, for a
// caller to say in its language; Error is English for logs and the CLI.
type TeamsError struct {
	Names    []string
	Problems []TeamProblem
}

func (e *TeamsError) Error() string {
	p := e.Problems[0]
	n := e.Names[p.Index]
	switch p.Code {
	case TeamNameEmpty:
		return fmt.Sprintf("team %d has an empty name", p.Index+1)
	case TeamNameSpaces:
		return fmt.Sprintf("team name %q has spaces at its start or end", n)
	case TeamNameLong:
		return fmt.Sprintf("team name %q is longer than %d characters", n, MaxTeamNameLen)
	case TeamNameControl:
		return fmt.Sprintf("team name %q contains a control character or bytes that are not text", n)
	default:
		return fmt.Sprintf("teams %d and %d are both called %q", p.Other+1, p.Index+1, n)
	}
}

// ValidateTeams checks the teams of a new exercise: 1 to MaxTeams of them
// (ErrTeamCount), each name valid and different (a *TeamsError).
func ValidateTeams(names []string) error {
	if len(names) == 0 || len(names) > MaxTeams {
		return fmt.Errorf("%w, not %d", ErrTeamCount, len(names))
	}
	if ps := TeamProblems(names); len(ps) > 0 {
		return &TeamsError{Names: names, Problems: ps}
	}
	return nil
}

// Start begins a new exercise on the real or fake wall clock; wall nil means
// manual time (headless play), moved with AdvanceTo. The clock starts paused.
func Start(cfg Config, log Log, wall WallClock) (*Session, error) {
	if err := ValidateTeams(cfg.Teams); err != nil {
		return nil, err
	}
	if cfg.Speed == 0 {
		cfg.Speed = 1
	}
	if cfg.Speed < MinSpeed || cfg.Speed > MaxSpeed {
		return nil, refuse(ErrBadSpeed, "speed %g× is outside %g× to %g×", cfg.Speed, MinSpeed, MaxSpeed)
	}
	sc, probs := scenario.ParseCached(cfg.ScenarioID+".yaml", cfg.Source)
	if sc == nil {
		return nil, fmt.Errorf("scenario does not load: %w", probs) // the problems, typed, for the caller to word
	}
	if err := sc.CheckVariant(cfg.Cut, cfg.Difficulty); err != nil {
		return nil, err
	}
	cut, difficulty := storedVariant(cfg.Cut, cfg.Difficulty)
	media, err := startMedia(sc, cfg.Media)
	if err != nil {
		return nil, err
	}
	if cfg.Seed == 0 {
		cfg.Seed = rand.Uint64() | 1
	}
	s := newSession(log, wall)
	s.st.NoFeed = cfg.NoFeed
	err = s.emit(Event{Kind: KindStarted, ScenarioID: cfg.ScenarioID, Source: cfg.Source, Media: media,
		Cut: cut, Difficulty: difficulty, Teams: cfg.Teams, Lang: cfg.Lang, Speed: cfg.Speed, Seed: cfg.Seed})
	if err != nil {
		return nil, err
	}
	if err := s.advance(0); err != nil {
		return nil, err
	}
	s.flush()
	return s, nil
}

// Resume rebuilds an exercise from its log. clockAt is the last known
// position of the exercise clock (it may be ahead of the last event). A clock
// that was running when the process died is paused, so the facilitator
// restarts it.
func Resume(events []Event, log Log, wall WallClock, clockAt time.Duration) (*Session, error) {
	st, err := Fold(events)
	if err != nil {
		return nil, fmt.Errorf("resume: %w", err)
	}
	if st.Scenario == nil {
		return nil, fmt.Errorf("resume: %w", &LogError{Err: ErrLogNoStart})
	}
	s := newSession(log, wall)
	s.st = st
	at := max(clockAt, st.Now)
	s.anchorAt, s.manualAt = at, st.Now
	if wall != nil {
		s.anchorWall = wall.Now()
		// An exercise that reached a limit on work opens halted, so the
		// facilitator can see it and end it; its next Tick says why.
		if err := s.advance(at); err != nil && !errors.As(err, new(*LimitError)) {
			return nil, err
		}
		if !st.Paused && !st.Ended {
			if err := s.emit(Event{Kind: KindPaused, At: at, Reason: "resumed after interruption"}); err != nil {
				return nil, err
			}
		}
	}
	s.flush()
	return s, nil
}

func newSession(log Log, wall WallClock) *Session {
	s := &Session{st: NewState(), log: log, wall: wall, subs: map[int]func(Event){}}
	if wall != nil {
		s.anchorWall = wall.Now()
	}
	return s
}

// ExerciseTime is the exercise clock now.
func (s *Session) ExerciseTime() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nowLocked()
}

func (s *Session) nowLocked() time.Duration {
	if s.wall == nil {
		return s.manualAt
	}
	if s.st.Ended {
		return s.st.EndedAt // the clock stopped when the exercise did
	}
	if s.st.Paused {
		return s.anchorAt
	}
	// Millisecond precision is what the log stores; truncating here keeps a
	// replayed log identical to the live run.
	return (s.anchorAt + time.Duration(float64(s.wall.Now().Sub(s.anchorWall))*s.st.Speed)).Truncate(time.Millisecond)
}

// Tick brings the exercise up to the clock: injects arrive, decisions open
// and time out. The GUI calls it about once a second.
func (s *Session) Tick() error {
	s.mu.Lock()
	err := s.advance(s.nowLocked())
	s.mu.Unlock()
	s.flush()
	return err
}

// AdvanceTo moves a manual-time exercise to t (headless play).
func (s *Session) AdvanceTo(t time.Duration) error {
	s.mu.Lock()
	if s.wall != nil {
		s.mu.Unlock()
		return errors.New("AdvanceTo needs a session in manual time")
	}
	if t > s.manualAt {
		s.manualAt = t
	}
	err := s.advance(s.manualAt)
	s.mu.Unlock()
	s.flush()
	return err
}

// nextDue is when the next happening is due, as the state stood at seq
// and now.
type nextDue struct {
	valid   bool
	seq     int64
	now, at time.Duration
	ok      bool
}

// NextDue is when the scenario next makes something happen (any time
// from the exercise's time on), false when nothing more is scheduled: what
// the last AdvanceTo saw when it stopped, if nothing has happened since,
// else worked out afresh. The analysis asks it at every step.
func (s *Session) NextDue() (time.Duration, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n := s.next; n.valid && n.seq == s.st.Seq && n.now == s.st.Now {
		return n.at, n.ok
	}
	ev, ok := s.st.Due(1 << 62)
	return ev.At, ok
}

// Read runs fn with the current state. fn must not keep the state or call
// the session.
func (s *Session) Read(fn func(*State)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn(s.st)
}

// Subscribe calls fn after each event takes effect, outside the session's
// lock, in event order. fn may Read the state but must not Send: hand work
// to another goroutine (the GUI uses fyne.Do) instead.
func (s *Session) Subscribe(fn func(Event)) (cancel func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextSub
	s.nextSub++
	if s.subs == nil {
		s.subs = map[int]func(Event){}
	}
	s.subs[id] = fn
	return func() {
		s.mu.Lock()
		delete(s.subs, id)
		s.mu.Unlock()
	}
}

// Send carries out a command at the current exercise time.
func (s *Session) Send(cmd Command) error {
	s.mu.Lock()
	err := s.sendLocked(cmd)
	s.mu.Unlock()
	s.flush()
	return err
}

func (s *Session) sendLocked(cmd Command) error {
	now := s.nowLocked()
	if s.halted != nil && cmd.Kind == CmdEnd {
		// A halted exercise can still be ended, so its debrief shows
		// what happened up to the limit.
		now = s.st.Now
	} else if err := s.advance(now); err != nil {
		return err
	}
	st := s.st
	switch cmd.Kind {
	case CmdChoose:
		if reason, why := s.whyNot(cmd); reason != "" {
			if reason == ReasonPaused {
				// Not the team's doing and not for good: nothing is logged,
				// so the same command (same ref) may come again once the
				// clock runs.
				return &ChoiceRefusal{Refusal: why, Reason: reason}
			}
			if err := s.emit(Event{Kind: KindRejected, At: now, Team: cmd.Team, Decision: cmd.Decision,
				Option: cmd.Option, Ref: cmd.Ref, Reason: reason, Code: why.Code}); err != nil {
				return err
			}
			return &ChoiceRefusal{Refusal: why, Reason: reason}
		}
		ev := Event{Kind: KindChosen, At: now, Team: cmd.Team, Decision: cmd.Decision, Option: cmd.Option, Text: cmd.Text, Ref: cmd.Ref}
		if strings.TrimSpace(cmd.Text) != "" {
			ev.Judge = rubric.Version
		}
		if err := s.emit(ev); err != nil {
			return err
		}
		return s.advance(now)
	case CmdPause:
		if st.Ended || (st.Paused && st.Discussion == cmd.Discussion) {
			return nil
		}
		s.anchorAt, s.anchorWall = now, s.wallNow()
		ev := Event{Kind: KindPaused, At: now, Ref: cmd.Ref}
		if cmd.Discussion {
			ev.Reason = PauseDiscussion
		}
		return s.emit(ev)
	case CmdResume:
		if !st.Paused || st.Ended {
			return nil
		}
		s.anchorAt, s.anchorWall = now, s.wallNow()
		return s.emit(Event{Kind: KindResumed, At: now, Ref: cmd.Ref})
	case CmdSpeed:
		if cmd.Speed < MinSpeed || cmd.Speed > MaxSpeed {
			return refuse(ErrBadSpeed, "speed %g× is outside %g× to %g×", cmd.Speed, MinSpeed, MaxSpeed)
		}
		s.anchorAt, s.anchorWall = now, s.wallNow()
		return s.emit(Event{Kind: KindSpeed, At: now, Speed: cmd.Speed, Ref: cmd.Ref})
	case CmdInject:
		ev, err := st.adHocEvent(cmd, now)
		if err != nil {
			return s.refused(cmd, now, err)
		}
		if err := s.emit(ev); err != nil {
			return err
		}
		return s.advance(now) // its world effects may set things off
	case CmdRoleSay, CmdRoleOpen, CmdRoleNudge:
		ev, err := st.roleEvent(cmd, now)
		if err != nil {
			return s.refused(cmd, now, err)
		}
		if err := s.emit(ev); err != nil {
			return err
		}
		return s.advance(now) // a nudge may set things off
	case CmdSendNow, CmdSkip, CmdDelay, CmdExtend:
		evs, err := st.scheduleEvents(cmd, now)
		if err != nil {
			return s.refused(cmd, now, err)
		}
		for _, ev := range evs {
			if err := s.emit(ev); err != nil {
				return err
			}
		}
		return s.advance(now)
	case CmdTriage:
		if s.wall != nil && st.Paused && !st.Discussion {
			return refuse(ErrPaused, "a triage waits until the clock runs")
		}
		if err := st.checkTriage(cmd); err != nil {
			return err
		}
		if err := s.emit(Event{Kind: KindTriaged, At: now, Team: cmd.Team, Decision: cmd.Decision, Ref: cmd.Ref,
			Triage: cmd.Triage, Ordered: true}); err != nil {
			return err
		}
		return s.advance(now) // its effects may set off triggers
	case CmdReply:
		if err := st.checkReply(cmd); err != nil {
			return err
		}
		return s.emit(Event{Kind: KindReplied, At: now, Team: cmd.Team, Inject: cmd.Inject, Text: cmd.Text,
			Ref: cmd.Ref, Judge: rubric.Version})
	case CmdPost:
		if err := st.checkPost(cmd); err != nil {
			return err
		}
		if err := s.emit(st.postEvent(cmd, now)); err != nil {
			return err
		}
		return s.advance(now) // the reaction and conditions on posts may set things off
	case CmdPress:
		evs, err := st.pressEvents(cmd, now)
		if err != nil {
			return s.refused(cmd, now, err)
		}
		for _, ev := range evs {
			if err := s.emit(ev); err != nil {
				return err
			}
		}
		return nil
	case CmdAnswer:
		if s.wall != nil && st.Paused && !st.Discussion {
			// As a choice: thinking time while the clock stands still
			// would be free.
			return refuse(ErrPaused, "an answer waits until the clock runs")
		}
		if err := st.checkAnswer(cmd); err != nil {
			return err
		}
		return s.emit(Event{Kind: KindPressAnswered, At: now, Team: cmd.Team, Conference: cmd.Conference, Question: cmd.Question,
			Text: cmd.Text, Ref: cmd.Ref, Judge: rubric.Version})
	case CmdHandleCase:
		if s.wall != nil && st.Paused && !st.Discussion {
			return refuse(ErrPaused, "a case waits until the clock runs")
		}
		if err := st.checkCase(cmd); err != nil {
			return err
		}
		if err := s.emit(Event{Kind: KindCaseHandled, At: now, Team: cmd.Team, Case: cmd.Case, Option: cmd.Option,
			Text: cmd.Text, Ref: cmd.Ref, Judge: rubric.Version}); err != nil {
			return err
		}
		return s.advance(now) // a poor remedy's escalation may set things off
	case CmdNote, CmdOverride, CmdRate:
		if err := st.checkJudgement(cmd); err != nil {
			return err
		}
		ev := Event{At: now, Team: cmd.Team, Text: cmd.Text, Ref: cmd.Ref, Decision: cmd.Decision, Option: cmd.Option}
		switch cmd.Kind {
		case CmdNote:
			ev.Kind = KindNote
		case CmdOverride:
			ev.Kind, ev.Dimension, ev.Value = KindOverride, cmd.Dimension, cmd.Value
		case CmdRate:
			ev.Kind, ev.Objective, ev.Rating = KindRating, cmd.Objective, cmd.Rating
		}
		return s.emit(ev)
	case CmdEvaluate:
		if err := st.checkEvaluation(cmd, now); err != nil {
			return err
		}
		ev := *cmd.Evaluation
		ev.Evaluator = strings.TrimSpace(ev.Evaluator)
		return s.emit(Event{Kind: KindEvaluation, At: now, Team: cmd.Team, Objective: cmd.Objective, Ref: cmd.Ref, Evaluation: &ev})
	case CmdEvalTask, CmdEvalRate, CmdEvalObserve:
		ev, err := st.evalEvent(cmd, now)
		if err != nil {
			return err
		}
		return s.emit(ev)
	case CmdEnd:
		if st.Ended {
			return nil
		}
		reason := EndFacilitator
		if s.halted != nil {
			reason = EndLimit
		}
		for _, t := range st.Teams {
			if !t.Ended {
				if err := s.emit(Event{Kind: KindTeamEnded, At: now, Team: t.Name, Reason: reason}); err != nil {
					return err
				}
			}
		}
		s.anchorAt = now
		return s.emit(Event{Kind: KindExerciseEnds, At: now, Reason: reason, Ref: cmd.Ref})
	}
	return refuse(ErrUnknownCommand, "%q", cmd.Kind)
}

// refused returns the refusal of a facilitator's command; one with a Ref
// (a play script's action) is also logged as command.rejected, so that a
// resumed script knows it was handled and the debrief shows it.
func (s *Session) refused(cmd Command, now time.Duration, err error) error {
	code := RefusalCode(err)
	if cmd.Ref == "" || code == "" {
		return err
	}
	ev := Event{Kind: KindRejected, At: now, Team: cmd.Team, Command: string(cmd.Kind), Reason: code, Ref: cmd.Ref,
		Inject: cmd.Inject, Decision: cmd.Decision, Channel: cmd.Channel, DelayMS: cmd.Delay.Milliseconds(), Conference: cmd.Conference,
		Seat: cmd.Seat, Persona: cmd.Persona}
	if lerr := s.emit(ev); lerr != nil {
		return lerr
	}
	return err
}

func (s *Session) wallNow() time.Time {
	if s.wall == nil {
		return time.Time{}
	}
	return s.wall.Now()
}

// whyNot explains why a choice cannot be taken now, or returns "".
func (s *Session) whyNot(cmd Command) (string, *Refusal) {
	if s.st.Ended {
		return "the exercise has ended", ErrEnded
	}
	t := s.st.Team(cmd.Team)
	if t == nil {
		return fmt.Sprintf("there is no team %q", cmd.Team), ErrNoSuchTeam
	}
	if t.Ended {
		return fmt.Sprintf("team %q has finished", cmd.Team), ErrEnded
	}
	if s.wall != nil && s.st.Paused && !s.st.Discussion {
		// Thinking time while the clock stands still would be free speed.
		// (A headless run moves time itself: its clock never stands still.)
		return ReasonPaused, ErrPaused
	}
	if !t.IsOpen(cmd.Decision) {
		if d := s.st.Scenario.Decision(cmd.Decision); d == nil {
			return fmt.Sprintf("the scenario has no decision %q", cmd.Decision), ErrNoSuchDecision
		}
		return fmt.Sprintf("decision %q is not open for team %q", cmd.Decision, cmd.Team), ErrNotOpen
	}
	d := s.st.Scenario.Decision(cmd.Decision)
	if d.Option(cmd.Option) == nil {
		return fmt.Sprintf("decision %q has no option %q", cmd.Decision, cmd.Option), ErrNoSuchOption
	}
	if utf8.RuneCountInString(cmd.Text) > MaxStatementLen {
		return fmt.Sprintf("the statement is longer than %d characters", MaxStatementLen), ErrTextTooLong
	}
	return "", nil
}

// ChoiceRefusal is why a team's choice was refused. It is ErrRejected (as
// choices always were) and one of the Refusals, so a caller can test
// either with errors.Is and say it in the team's language from the
// refusal's Code; Reason is the English detail the log keeps.
type ChoiceRefusal struct {
	*Refusal
	Reason string
}

func (e *ChoiceRefusal) Error() string { return ErrRejected.Error() + ": " + e.Reason }

// Unwrap makes a ChoiceRefusal both ErrRejected and its Refusal.
func (e *ChoiceRefusal) Unwrap() []error { return []error{ErrRejected, e.Refusal} }

// advance emits every event the scenario makes happen up to exercise time t,
// within the limits on work: past one, the exercise halts with a
// *LimitError.
func (s *Session) advance(t time.Duration) error {
	if s.halted != nil {
		return s.halted
	}
	instant, count := s.st.Now, 0
	var ev Event // one event, written in place: an Event is large
	for {
		ok, later, hasLater := s.st.due(t, &ev)
		if !ok {
			s.next = nextDue{valid: true, seq: s.st.Seq, now: s.st.Now, at: later, ok: hasLater}
			return nil
		}
		if ev.At != instant {
			instant, count = ev.At, 0
		}
		count++
		switch {
		case count > maxEventsPerInstant:
			s.halted = &LimitError{Err: ErrInstantLimit, Scenario: s.st.Scenario.ID, Limit: maxEventsPerInstant, At: ev.At}
		case s.st.Seq >= int64(maxEventsPerExercise):
			s.halted = &LimitError{Err: ErrExerciseLimit, Scenario: s.st.Scenario.ID, Limit: maxEventsPerExercise, At: ev.At}
		}
		if s.halted != nil {
			return s.halted
		}
		if err := s.emitRef(&ev); err != nil {
			return err
		}
	}
}

// emit appends an event to the log and then applies it: a fact is durable
// before it has any effect.
func (s *Session) emit(ev Event) error { return s.emitRef(&ev) }

// emitRef is emit of the event at ev, which it numbers.
func (s *Session) emitRef(ev *Event) error {
	if s.broken != nil {
		return s.broken
	}
	ev.Seq = s.st.Seq + 1
	if s.log != Discard {
		if err := s.log.Append(*ev); err != nil {
			return fmt.Errorf("saving %s: %w", ev.Kind, err)
		}
	}
	if err := s.st.apply(ev); err != nil {
		s.broken = fmt.Errorf("exercise state is inconsistent with its log: %w", err)
		return s.broken
	}
	if len(s.subs) > 0 {
		// Only a subscriber reads the queue: without one, a long headless
		// step keeps no copy of its events.
		s.queue = append(s.queue, *ev)
	}
	return nil
}

// flush hands queued events to subscribers, outside the state lock so that a
// subscriber may read the state. A subscriber must not Send (see
// Subscribe): Send flushes too, and the two would wait on each other.
func (s *Session) flush() {
	s.dispatch.Lock()
	defer s.dispatch.Unlock()
	s.mu.Lock()
	if len(s.queue) == 0 {
		s.mu.Unlock()
		return // nothing to hand out (always so without subscribers)
	}
	evs := s.queue
	s.queue = nil
	subs := make([]func(Event), 0, len(s.subs))
	for i := 0; i < s.nextSub; i++ {
		if fn, ok := s.subs[i]; ok {
			subs = append(subs, fn)
		}
	}
	s.mu.Unlock()
	for _, ev := range evs {
		for _, fn := range subs {
			fn(ev)
		}
	}
}
