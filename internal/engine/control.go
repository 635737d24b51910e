package engine

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/scoring"
)

// The facilitator's live control of the schedule: send a scheduled inject
// now, skip it, delay it, extend a decision's deadline, and the ad-hoc
// inject's sender, recipients and world effects. Each is an event, so a
// resume (a fold of the log) schedules exactly what the live run did.

// Limits on the facilitator's schedule commands.
const (
	// MinDelay and MaxDelay bound a delay of an inject or an extension of
	// a deadline. Neither may also take it past the exercise's end (nor,
	// for an inject, past the phase's automatic move): ErrTooLate.
	MinDelay = time.Second
	MaxDelay = 24 * time.Hour
	// MaxSenderLen bounds the sender (From) of an ad-hoc inject, in
	// characters.
	MaxSenderLen = 80
)

// Refusal is why the engine refused a facilitator's command: a sentinel,
// compared with errors.Is, that Send wraps with the detail ("…: inject
// \"call\" for team \"Alpha\""). Code is stable (it is stored in the log
// when a refusal is logged) and names it for translation; the message is
// English for logs and developers, not for facilitators.
type Refusal struct {
	Code string
	msg  string
}

func (r *Refusal) Error() string { return r.msg }

// The refusals of facilitator commands.
var (
	// ErrEnded: the exercise has ended, or the team named has finished.
	ErrEnded = &Refusal{"ended", "the exercise has ended or the team has finished"}
	// ErrNoSuchTeam: no team of the exercise has that name (or a command
	// that needs a team names none).
	ErrNoSuchTeam = &Refusal{"no-such-team", "there is no such team"}
	// ErrNoSuchInject: the inject is not a scheduled inject of the team's
	// current phase (unknown, of another phase, or a trigger's).
	ErrNoSuchInject = &Refusal{"no-such-inject", "the inject is not scheduled in the team's current phase"}
	// ErrAlreadyDelivered: the inject was delivered in this phase visit.
	ErrAlreadyDelivered = &Refusal{"already-delivered", "the inject was already delivered"}
	// ErrAlreadySkipped: the inject was skipped in this phase visit.
	ErrAlreadySkipped = &Refusal{"already-skipped", "the inject was skipped"}
	// ErrOpensDecision: skipping the inject is refused because its arrival
	// opens a decision that is not open yet; delay it instead.
	ErrOpensDecision = &Refusal{"opens-decision", "the inject opens a decision, so it cannot be skipped (delay it instead)"}
	// ErrBadDelay: a delay or extension outside MinDelay to MaxDelay.
	ErrBadDelay = &Refusal{"bad-delay", "a delay or extension is from 1 second to 24 hours"}
	// ErrTooLate: the delayed inject would arrive after the team's phase
	// moves on by itself or after the exercise ends; the extended deadline
	// would fall after the exercise ends.
	ErrTooLate = &Refusal{"too-late", "it would fall after the phase moves on or the exercise ends"}
	// ErrNotOpen: the decision is not open for the team.
	ErrNotOpen = &Refusal{"not-open", "the decision is not open for the team"}
	// ErrBadChannel: an ad-hoc inject's channel is not one of scenario.Channels.
	ErrBadChannel = &Refusal{"bad-channel", "the channel is not one of the channels an inject can arrive through"}
	// ErrNoText: an ad-hoc inject or a note without text, an override without a reason.
	ErrNoText = &Refusal{"no-text", "the text is empty"}
	// ErrTextTooLong: a text longer than MaxStatementLen characters.
	ErrTextTooLong = &Refusal{"text-too-long", "the text is too long"}
	// ErrBadSender: an ad-hoc inject's From is longer than MaxSenderLen
	// characters or contains a control character.
	ErrBadSender = &Refusal{"bad-sender", "the sender is too long or contains a control character"}
	// ErrBadRecipient: a recipient is not one of the scenario's roles, or
	// is named twice.
	ErrBadRecipient = &Refusal{"bad-recipient", "a recipient is not one of the scenario's roles, or is named twice"}
	// ErrBadEffect: a world effect names no world variable of the
	// scenario, or its change is not a number or is larger than the
	// variable's whole range.
	ErrBadEffect = &Refusal{"bad-effect", "a world effect names no world variable or changes it by more than its range"}
	// ErrBadDimension, ErrBadScore: a score override's dimension or value.
	ErrBadDimension = &Refusal{"bad-dimension", "not a scored dimension"}
	ErrBadScore     = &Refusal{"bad-score", "a score is from 0 to 100"}
	// ErrNoSuchObjective, ErrBadRating: a rating's objective or rating.
	ErrNoSuchObjective = &Refusal{"no-such-objective", "the scenario has no such objective"}
	ErrBadRating       = &Refusal{"bad-rating", "a rating is P, S, M or U"}
	// ErrPaused: a team's choice while the clock is paused (not a
	// discussion pause); it may come again once the clock runs.
	ErrPaused = &Refusal{"paused", "the clock is paused"}
	// ErrNoSuchDecision, ErrNoSuchOption: a choice naming a decision the
	// scenario does not have, or an option the decision does not have.
	ErrNoSuchDecision = &Refusal{"no-such-decision", "the scenario has no such decision"}
	ErrNoSuchOption   = &Refusal{"no-such-option", "the decision has no such option"}
	// ErrNoReply: the team has received no inject of that id that asks
	// for an answer.
	ErrNoReply = &Refusal{"no-reply", "the team has received no such inject, or it asks for no answer"}
	// ErrUnknownCommand: the command's kind is not one the engine knows.
	ErrUnknownCommand = &Refusal{"unknown-command", "unknown command"}
	// ErrBadSpeed: a clock speed outside MinSpeed to MaxSpeed, at the
	// start or in a change of speed.
	ErrBadSpeed = &Refusal{"bad-speed", "the clock's speed is outside what the exercise allows"}
	// ErrMediaTooLarge: the pictures a scenario carries take more than
	// scenario.MaxMediaTotal bytes together (the scenario loader refuses
	// them first; this is the engine's own guard).
	ErrMediaTooLarge = &Refusal{"media-too-large", "the scenario's pictures are too large together"}
)

// Refusals lists every refusal, so a caller can check it has words for each.
var Refusals = []*Refusal{ErrEnded, ErrNoSuchTeam, ErrNoSuchInject, ErrAlreadyDelivered, ErrAlreadySkipped,
	ErrOpensDecision, ErrBadDelay, ErrTooLate, ErrNotOpen, ErrBadChannel, ErrNoText, ErrTextTooLong, ErrBadSender,
	ErrBadRecipient, ErrBadEffect, ErrBadDimension, ErrBadScore, ErrNoSuchObjective, ErrBadRating, ErrPaused,
	ErrNoSuchDecision, ErrNoSuchOption, ErrNoReply, ErrNoChannel, ErrUnknownCommand, ErrBadSpeed, ErrMediaTooLarge,
	ErrNoSuchConference, ErrPressBusy, ErrPressOver, ErrNotAsked,
	ErrBadSeat, ErrNoSuchPersona, ErrBadThread, ErrNotRoleplay, ErrNotInPhase, ErrNudgeLimit}

// RefusalCode returns the Code of the refusal err wraps, or "" when err is
// not a refusal (nil, or a failure such as a log that cannot be written).
func RefusalCode(err error) string {
	var r *Refusal
	if errors.As(err, &r) {
		return r.Code
	}
	return ""
}

// RefusalFor returns the refusal with the given code, or nil.
func RefusalFor(code string) *Refusal {
	for _, r := range Refusals {
		if r.Code == code {
			return r
		}
	}
	return nil
}

// Refused is one refusal of a command, with its particulars: it is its
// Refusal (errors.Is(err, ErrTooLate)), and the fields that the refusal
// concerns are set, as values the UI words in its own language
// (debrief.RefusalWords), naming the inject or decision by its text and
// the times by the exercise clock. Detail is the engine's English, for
// logs and developers.
type Refused struct {
	*Refusal
	// Team is the team the command was refused for ("" for the whole
	// exercise): ErrEnded for a finished team, ErrNoSuchTeam, and the
	// schedule's refusals.
	Team string
	// Inject is the inject a schedule command named (ErrAlreadyDelivered,
	// ErrAlreadySkipped, ErrOpensDecision, ErrTooLate of a delay).
	Inject *scenario.Inject
	// Decision is the decision it concerns: the one a skipped inject
	// would open (ErrOpensDecision), the one whose deadline would move
	// (ErrTooLate of an extension).
	Decision *scenario.Decision
	// At is when the inject arrived (ErrAlreadyDelivered), or when the
	// delayed inject or the extended deadline would fall (ErrTooLate).
	At time.Duration
	// Bound is what At would fall after (ErrTooLate): the exercise's end
	// when BoundIsEnd, else the moment the team's phase moves on by itself.
	Bound      time.Duration
	BoundIsEnd bool
	// Limit is the limit the command went past: characters
	// (ErrTextTooLong, ErrBadSender), bytes (ErrMediaTooLarge).
	Limit int
	// Size is how large it was: bytes (ErrMediaTooLarge).
	Size int
	// Detail is the engine's English detail.
	Detail string
}

func (e *Refused) Error() string {
	if e.Detail == "" {
		return e.Refusal.msg
	}
	return e.Refusal.msg + ": " + e.Detail
}

// Unwrap makes a Refused its Refusal.
func (e *Refused) Unwrap() error { return e.Refusal }

// refuse returns the refusal r with an English detail and no particulars.
func refuse(r *Refusal, format string, args ...any) error {
	return refused(&Refused{Refusal: r}, format, args...)
}

// tooLong is ErrTextTooLong for a text over limit characters.
func tooLong(limit int, format string, args ...any) error {
	return refused(&Refused{Refusal: ErrTextTooLong, Limit: limit}, format, args...)
}

// refused returns e, its particulars set, with an English detail.
func refused(e *Refused, format string, args ...any) error {
	e.Detail = fmt.Sprintf(format, args...)
	return e
}

// Pending is a scheduled inject of a team's current phase that has been
// neither delivered nor skipped.
type Pending struct {
	Inject *scenario.Inject
	Phase  string
	// At is the exercise time it is due, with the facilitator's delays.
	At time.Duration
	// Delayed is how much the facilitator has delayed it so far.
	Delayed time.Duration
	// OpensDecision is the decision its arrival opens (not open yet), or
	// nil. Skipping such an inject is refused (ErrOpensDecision).
	OpensDecision *scenario.Decision
	// Lapses is set when it is due after the team's phase moves on by
	// itself (continue) or after the exercise ends: it will not arrive
	// unless sent now.
	Lapses bool
}

// Upcoming lists the pending scheduled injects of the team's current
// phase, in the order they will arrive (by due time; equal times in the
// order the engine delivers them). A choice may move the team to another
// phase first; what that phase holds is not predicted. Nil for an unknown
// team or one that has finished.
func (s *State) Upcoming(team string) []Pending {
	t := s.Team(team)
	if s.Scenario == nil || t == nil || t.Ended || s.Ended || t.Phase == "" {
		return nil
	}
	p := s.phaseOf(t)
	horizon := s.horizon(t)
	var out []Pending
	for _, in := range p.Arrival() {
		if t.delivered[in.ID] || t.skipped[in.ID] || (p.Ending != nil && in.At > 0) {
			continue
		}
		at := t.dueAt(in)
		out = append(out, Pending{Inject: in, Phase: p.ID, At: at, Delayed: t.delays[in.ID],
			OpensDecision: t.opens(p, in), Lapses: at > horizon})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At < out[j].At })
	return out
}

// horizon is the last exercise time at which a scheduled inject of the
// team's current phase still arrives: the phase's automatic move (an
// inject due at that instant arrives first) or the exercise's end.
func (s *State) horizon(t *Team) time.Duration {
	h := s.Scenario.Duration
	if c := s.phaseOf(t).Continue; c != nil {
		h = min(h, t.PhaseEnteredAt+c.After)
	}
	return h
}

// opens returns the decision of phase p that the inject's arrival opens,
// if it is not open yet: one opened by time (at:) does not wait for it.
func (t *Team) opens(p *scenario.Phase, in *scenario.Inject) *scenario.Decision {
	if in.Opens == "" {
		return nil
	}
	d := p.Decision(in.Opens)
	if d == nil || d.At != nil || d.OpenedBy() != in || t.opened[d.ID] {
		return nil
	}
	return d
}

// pending checks that the inject is a pending scheduled inject of the
// team's current phase and returns it.
func (s *State) pending(t *Team, id string) (*scenario.Inject, error) {
	if t.Ended {
		return nil, refused(&Refused{Refusal: ErrEnded, Team: t.Name}, "team %q has finished", t.Name)
	}
	var in *scenario.Inject
	if t.Phase != "" {
		in = s.phaseOf(t).Inject(id)
	}
	switch {
	case in == nil:
		return nil, refuse(ErrNoSuchInject, "inject %q is not scheduled in team %q's phase %q", id, t.Name, t.Phase)
	case t.delivered[id]:
		return nil, refused(&Refused{Refusal: ErrAlreadyDelivered, Team: t.Name, Inject: in, At: t.deliveredAt[id]},
			"inject %q reached team %q at %s", id, t.Name, t.deliveredAt[id])
	case t.skipped[id]:
		return nil, refused(&Refused{Refusal: ErrAlreadySkipped, Team: t.Name, Inject: in}, "inject %q for team %q", id, t.Name)
	}
	return in, nil
}

// scheduleEvents validates a schedule command (send now, skip, delay,
// extend) at exercise time now and returns its events: one per team, for
// the team named or, with Team "", for every team still playing to which
// it applies. When it applies to none, the refusal for the first team
// still playing is returned.
func (s *State) scheduleEvents(cmd Command, now time.Duration) ([]Event, error) {
	if s.Ended {
		return nil, refuse(ErrEnded, "the exercise ended at %s", s.EndedAt)
	}
	delay := cmd.Delay.Truncate(time.Millisecond)
	if cmd.Kind == CmdDelay || cmd.Kind == CmdExtend {
		if delay < MinDelay || delay > MaxDelay {
			return nil, refuse(ErrBadDelay, "not %s", cmd.Delay)
		}
	}
	var teams []*Team
	if cmd.Team == "" {
		for _, t := range s.Teams {
			if !t.Ended {
				teams = append(teams, t)
			}
		}
	} else if t := s.Team(cmd.Team); t != nil {
		teams = []*Team{t}
	} else {
		return nil, refused(&Refused{Refusal: ErrNoSuchTeam, Team: cmd.Team}, "%q", cmd.Team)
	}
	var evs []Event
	var first error
	for _, t := range teams {
		ev, err := s.scheduleEvent(t, cmd, delay, now)
		if err != nil {
			if first == nil {
				first = err
			}
			continue
		}
		evs = append(evs, ev)
	}
	if len(evs) == 0 {
		if first == nil {
			first = refuse(ErrEnded, "every team has finished")
		}
		return nil, first
	}
	return evs, nil
}

func (s *State) scheduleEvent(t *Team, cmd Command, delay, now time.Duration) (Event, error) {
	if cmd.Kind == CmdExtend {
		if t.Ended {
			return Event{}, refused(&Refused{Refusal: ErrEnded, Team: t.Name}, "team %q has finished", t.Name)
		}
		i := t.openIndex(cmd.Decision)
		if i < 0 {
			return Event{}, refuse(ErrNotOpen, "decision %q for team %q", cmd.Decision, t.Name)
		}
		if at := t.Open[i].DeadlineAt() + delay; at > s.Scenario.Duration {
			return Event{}, refused(&Refused{Refusal: ErrTooLate, Team: t.Name, Decision: t.Open[i].Decision, At: at, Bound: s.Scenario.Duration, BoundIsEnd: true},
				"the deadline of %q for team %q would be %s, after the exercise ends at %s", cmd.Decision, t.Name, at, s.Scenario.Duration)
		}
		return Event{Kind: KindExtended, At: now, Team: t.Name, Decision: cmd.Decision, DelayMS: delay.Milliseconds(), Ref: cmd.Ref}, nil
	}
	in, err := s.pending(t, cmd.Inject)
	if err != nil {
		return Event{}, err
	}
	ev := Event{At: now, Team: t.Name, Phase: t.Phase, Inject: in.ID, Ref: cmd.Ref}
	switch cmd.Kind {
	case CmdSendNow:
		ev.Kind, ev.Reason = KindInject, ReasonSentNow
	case CmdSkip:
		if d := t.opens(s.phaseOf(t), in); d != nil {
			return Event{}, refused(&Refused{Refusal: ErrOpensDecision, Team: t.Name, Inject: in, Decision: d},
				"inject %q opens decision %q for team %q", in.ID, d.ID, t.Name)
		}
		ev.Kind = KindSkipped
	case CmdDelay:
		if at, h := t.dueAt(in)+delay, s.horizon(t); at > h {
			return Event{}, refused(&Refused{Refusal: ErrTooLate, Team: t.Name, Inject: in, At: at, Bound: h, BoundIsEnd: h == s.Scenario.Duration},
				"inject %q for team %q would be due at %s, after %s", in.ID, t.Name, at, h)
		}
		ev.Kind, ev.DelayMS = KindDelayed, delay.Milliseconds()
	}
	return ev, nil
}

// adHocEvent validates an ad-hoc inject and returns its event.
func (s *State) adHocEvent(cmd Command, now time.Duration) (Event, error) {
	if s.Ended {
		return Event{}, refuse(ErrEnded, "the exercise ended at %s", s.EndedAt)
	}
	if cmd.Team != "" {
		t := s.Team(cmd.Team)
		if t == nil {
			return Event{}, refused(&Refused{Refusal: ErrNoSuchTeam, Team: cmd.Team}, "%q", cmd.Team)
		}
		if t.Ended {
			return Event{}, refused(&Refused{Refusal: ErrEnded, Team: t.Name}, "team %q has finished", t.Name)
		}
	}
	if !slices.Contains(scenario.Channels, cmd.Channel) {
		return Event{}, refuse(ErrBadChannel, "%q is not one of %v", cmd.Channel, scenario.Channels)
	}
	if strings.TrimSpace(cmd.Text) == "" {
		return Event{}, refuse(ErrNoText, "an inject needs a text")
	}
	if utf8.RuneCountInString(cmd.Text) > MaxStatementLen {
		return Event{}, tooLong(MaxStatementLen, "more than %d characters", MaxStatementLen)
	}
	from := strings.TrimSpace(cmd.From)
	if utf8.RuneCountInString(from) > MaxSenderLen || !utf8.ValidString(from) || strings.IndexFunc(from, unicode.IsControl) >= 0 {
		return Event{}, refused(&Refused{Refusal: ErrBadSender, Limit: MaxSenderLen}, "%q", clipText(from, 40))
	}
	for i, r := range cmd.To {
		known := false
		for _, role := range s.Scenario.Roles {
			known = known || role.ID == r
		}
		if !known || slices.Contains(cmd.To[:i], r) {
			return Event{}, refuse(ErrBadRecipient, "%q", clipText(r, 40))
		}
	}
	var effects map[string]float64
	for id, d := range cmd.Effects {
		v := s.Scenario.Variable(id)
		if v == nil || math.IsNaN(d) || math.IsInf(d, 0) || math.Abs(d) > v.Max-v.Min {
			return Event{}, refuse(ErrBadEffect, "%g on %q", d, clipText(id, 40))
		}
		if d != 0 {
			if effects == nil {
				effects = map[string]float64{}
			}
			effects[id] = d
		}
	}
	return Event{Kind: KindAdHoc, At: now, Team: cmd.Team, Channel: cmd.Channel, Text: cmd.Text, Ref: cmd.Ref,
		From: from, To: slices.Clone(cmd.To), Effects: effects}, nil
}

// checkJudgement validates a note, override or rating.
func (s *State) checkJudgement(cmd Command) error {
	if cmd.Team != "" && s.Team(cmd.Team) == nil {
		return refused(&Refused{Refusal: ErrNoSuchTeam, Team: cmd.Team}, "%q", cmd.Team)
	}
	if utf8.RuneCountInString(cmd.Text) > MaxStatementLen {
		return tooLong(MaxStatementLen, "more than %d characters", MaxStatementLen)
	}
	switch cmd.Kind {
	case CmdNote:
		if strings.TrimSpace(cmd.Text) == "" {
			return refuse(ErrNoText, "a note needs a text")
		}
	case CmdOverride:
		if cmd.Team == "" {
			return refuse(ErrNoSuchTeam, "an override names a team")
		}
		if cmd.Dimension != scoring.Overall && !slices.Contains(scoring.Dimensions, cmd.Dimension) {
			return refuse(ErrBadDimension, "%q is not one of %v or overall", cmd.Dimension, scoring.Dimensions)
		}
		if cmd.Value < 0 || cmd.Value > 100 || math.IsNaN(cmd.Value) {
			return refuse(ErrBadScore, "not %g", cmd.Value)
		}
		if strings.TrimSpace(cmd.Text) == "" {
			return refuse(ErrNoText, "an override needs a reason")
		}
	case CmdRate:
		if cmd.Team == "" {
			return refuse(ErrNoSuchTeam, "a rating names a team")
		}
		if s.objective(cmd.Objective) == nil {
			return refuse(ErrNoSuchObjective, "%q", cmd.Objective)
		}
		if !slices.Contains(Ratings, cmd.Rating) {
			return refuse(ErrBadRating, "not %q", cmd.Rating)
		}
	}
	return nil
}

func clipText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
