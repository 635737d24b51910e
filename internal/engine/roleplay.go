package engine

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// A role-player speaks as the scenario's personas (the reporter, the
// regulator, the angry customer…): answers what a team sent, sends a new
// message to one team or all, opens a follow-up decision the scenario lets
// role-players open, and nudges the world within the scenario's limits
// (scenario.Roleplay). Each is an event carrying the seat that did it:
// SeatFacilitator for the tab on the facilitator's laptop, or the name of
// a role-player's laptop.

// The role-player's commands.
const (
	// CmdRoleSay: Seat, Persona, Channel (one of scenario.Channels: the
	// team's inbox; or RoleFeed: its feed), Team ("" = every team still
	// playing), Text; optional Thread (what it answers, ThreadOf).
	CmdRoleSay CommandKind = "roleplay-say"
	// CmdRoleOpen: Seat, Team, Decision (one scenario.Roleplay lists, of
	// the team's current phase, not opened yet).
	CmdRoleOpen CommandKind = "roleplay-open"
	// CmdRoleNudge: Seat, Team ("" = every team still playing), Effects
	// (variable id → change, each within the scenario's nudge limit).
	CmdRoleNudge CommandKind = "roleplay-nudge"
)

// KindRoleSaid is a persona's message from a role-player (Seat, Persona,
// Channel, Team, Text, Thread). KindRoleNudged is a role-player's nudge of
// the world (Seat, Team, Effects). A follow-up decision a role-player
// opens is a decision.opened event with Seat set and Reason ReasonRoleplay.
const (
	KindRoleSaid   Kind = "roleplay.said"
	KindRoleNudged Kind = "roleplay.nudged"
)

// ReasonRoleplay is the Reason of a decision.opened event for a decision
// a role-player opened.
const ReasonRoleplay = "roleplay"

// RoleFeed is the Channel of a persona's message that goes to the team's
// feed (as a microblog post) rather than its inbox.
const RoleFeed = "feed"

// SeatFacilitator is the seat of the role-player tab on the facilitator's
// laptop.
const SeatFacilitator = "facilitator"

// MaxSeatLen bounds a seat's name, in characters.
const MaxSeatLen = 40

// The refusals of role-players' commands.
var (
	// ErrBadSeat: no seat, or one too long or with a control character.
	ErrBadSeat = &Refusal{"bad-seat", "the seat is empty, too long or contains a control character"}
	// ErrNoSuchPersona: the scenario declares no such persona.
	ErrNoSuchPersona = &Refusal{"no-such-persona", "the scenario has no such persona"}
	// ErrBadThread: what the message answers is not something the team
	// sent, or a message to every team answers something.
	ErrBadThread = &Refusal{"bad-thread", "the message answers nothing the team sent"}
	// ErrNotRoleplay: the scenario does not let role-players open that
	// decision.
	ErrNotRoleplay = &Refusal{"not-roleplay", "the scenario does not let role-players open that decision"}
	// ErrNotInPhase: the decision is not in the team's current phase, or
	// has already opened for it.
	ErrNotInPhase = &Refusal{"not-in-phase", "the decision is not in the team's phase or has already opened"}
	// ErrNudgeLimit: a nudge of a variable the scenario does not let
	// role-players nudge, by more than its limit, or by nothing.
	ErrNudgeLimit = &Refusal{"nudge-limit", "the nudge is not allowed or goes beyond the scenario's limit"}
)

// Intervention is one thing a role-player did, for the console and the
// debrief.
type Intervention struct {
	Seq  int64
	At   time.Duration
	Seat string
	Kind Kind   // KindRoleSaid, KindRoleNudged or KindOpened
	Team string // "" for every team
	// Persona and Channel, Text, Thread: a message.
	Persona string
	Channel string
	Text    string
	Thread  string
	// Decision: a decision opened.
	Decision string
	// Effects: a nudge (variable id → change asked for, before clamping).
	Effects map[string]float64
}

// ThreadReply, ThreadPost and ThreadPress name what a persona's message
// answers: the team's n-th reply or post, or its answer to question q of
// its n-th press conference (all from 1).
func ThreadReply(n int) string    { return "reply:" + strconv.Itoa(n) }
func ThreadPost(n int) string     { return "post:" + strconv.Itoa(n) }
func ThreadPress(n, q int) string { return fmt.Sprintf("press:%d:%d", n, q) }

// ThreadText returns the text of what the thread names among the team's
// messages, and whether it names one.
func (t *Team) ThreadText(thread string) (string, bool) {
	parts := strings.Split(thread, ":")
	num := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || s != strconv.Itoa(n) {
			return 0
		}
		return n
	}
	switch {
	case len(parts) == 2 && parts[0] == "reply":
		if n := num(parts[1]); n > 0 && n <= len(t.Replies) {
			return t.Replies[n-1].Text, true
		}
	case len(parts) == 2 && parts[0] == "post":
		if n := num(parts[1]); n > 0 && n <= len(t.Posts) {
			return t.Posts[n-1].Text, true
		}
	case len(parts) == 3 && parts[0] == "press":
		n, q := num(parts[1]), num(parts[2])
		if n > 0 && n <= len(t.Press) && q > 0 && q <= len(t.Press[n-1].Answers) && !t.Press[n-1].Answers[q-1].Unanswered {
			return t.Press[n-1].Answers[q-1].Text, true
		}
	}
	return "", false
}

// CheckSeat refuses (ErrBadSeat) a seat's name no seat may have: blank,
// longer than MaxSeatLen characters, not UTF-8, or with a control
// character. The one rule for every seat, the facilitator's included.
func CheckSeat(seat string) error {
	if strings.TrimSpace(seat) == "" || utf8.RuneCountInString(seat) > MaxSeatLen || !utf8.ValidString(seat) ||
		strings.IndexFunc(seat, unicode.IsControl) >= 0 {
		return refuse(ErrBadSeat, "%q", clipText(seat, 40))
	}
	return nil
}

// CheckLaptopSeat is CheckSeat for the seat a role-player's or an
// evaluator's laptop takes, which is never the facilitator's (in any case
// or spacing): the join screen, the evaluator's window on the facilitator's
// laptop and the LAN host check a name with it alike.
func CheckLaptopSeat(seat string) error {
	if err := CheckSeat(seat); err != nil {
		return err
	}
	if strings.EqualFold(strings.Join(strings.Fields(seat), " "), SeatFacilitator) {
		return refuse(ErrBadSeat, "%q is the facilitator's seat", clipText(seat, 40))
	}
	return nil
}

// roleTeams returns the team named (refused when unknown or finished) or,
// for "", every team still playing.
func (s *State) roleTeams(name string) ([]*Team, error) {
	if s.Ended {
		return nil, refuse(ErrEnded, "the exercise ended at %s", s.EndedAt)
	}
	if name == "" {
		var out []*Team
		for _, t := range s.Teams {
			if !t.Ended {
				out = append(out, t)
			}
		}
		if len(out) == 0 {
			return nil, refuse(ErrEnded, "every team has finished")
		}
		return out, nil
	}
	t := s.Team(name)
	switch {
	case t == nil:
		return nil, refused(&Refused{Refusal: ErrNoSuchTeam, Team: name}, "%q", name)
	case t.Ended:
		return nil, refused(&Refused{Refusal: ErrEnded, Team: name}, "team %q has finished", name)
	}
	return []*Team{t}, nil
}

// roleEvent validates a role-player's command and returns its event.
func (s *State) roleEvent(cmd Command, now time.Duration) (Event, error) {
	if err := CheckSeat(cmd.Seat); err != nil {
		return Event{}, err
	}
	teams, err := s.roleTeams(cmd.Team)
	if err != nil {
		return Event{}, err
	}
	switch cmd.Kind {
	case CmdRoleSay:
		switch {
		case s.Scenario.Persona(cmd.Persona) == nil:
			return Event{}, refuse(ErrNoSuchPersona, "%q", clipText(cmd.Persona, 40))
		case cmd.Channel == RoleFeed && s.Scenario.Feed == nil:
			return Event{}, refuse(ErrBadChannel, "the scenario has no feed")
		case cmd.Channel != RoleFeed && !slices.Contains(scenario.Channels, cmd.Channel):
			return Event{}, refuse(ErrBadChannel, "%q", clipText(cmd.Channel, 40))
		case strings.TrimSpace(cmd.Text) == "":
			return Event{}, refuse(ErrNoText, "a message needs a text")
		case utf8.RuneCountInString(cmd.Text) > MaxStatementLen:
			return Event{}, tooLong(MaxStatementLen, "more than %d characters", MaxStatementLen)
		}
		if cmd.Thread != "" {
			if cmd.Team == "" {
				return Event{}, refuse(ErrBadThread, "a message to every team answers nothing")
			}
			if _, ok := teams[0].ThreadText(cmd.Thread); !ok {
				return Event{}, refuse(ErrBadThread, "%q of team %q", clipText(cmd.Thread, 40), cmd.Team)
			}
		}
		return Event{Kind: KindRoleSaid, At: now, Team: cmd.Team, Seat: cmd.Seat, Persona: cmd.Persona, Channel: cmd.Channel,
			Text: cmd.Text, Thread: cmd.Thread, Ref: cmd.Ref}, nil
	case CmdRoleOpen:
		if cmd.Team == "" {
			return Event{}, refuse(ErrNoSuchTeam, "a follow-up decision is opened for one team")
		}
		if !s.Scenario.Roleplay.MayOpen(cmd.Decision) {
			return Event{}, refuse(ErrNotRoleplay, "%q", clipText(cmd.Decision, 40))
		}
		t := teams[0]
		d := s.phaseOf(t).Decision(cmd.Decision)
		if d == nil || t.opened[d.ID] {
			return Event{}, refuse(ErrNotInPhase, "decision %q for team %q in phase %q", cmd.Decision, t.Name, t.Phase)
		}
		return Event{Kind: KindOpened, At: now, Team: t.Name, Decision: d.ID, Order: s.optionOrder(t, d), Seat: cmd.Seat,
			Reason: ReasonRoleplay, Ref: cmd.Ref}, nil
	case CmdRoleNudge:
		if len(cmd.Effects) == 0 {
			return Event{}, refuse(ErrNudgeLimit, "a nudge changes something")
		}
		for id, d := range cmd.Effects {
			lim, ok := s.Scenario.Roleplay.NudgeLimit(id)
			if !ok || d == 0 || math.IsNaN(d) || math.Abs(d) > lim {
				return Event{}, refuse(ErrNudgeLimit, "%g on %q", d, clipText(id, 40))
			}
		}
		effects := make(map[string]float64, len(cmd.Effects))
		for id, d := range cmd.Effects {
			effects[id] = d
		}
		return Event{Kind: KindRoleNudged, At: now, Team: cmd.Team, Seat: cmd.Seat, Effects: effects, Ref: cmd.Ref}, nil
	}
	return Event{}, refuse(ErrUnknownCommand, "%q", cmd.Kind)
}

// applyRole folds a persona's message or a nudge: into the team named, or
// every team still playing.
func (s *State) applyRole(e Event) error {
	bad := func(format string, args ...any) error {
		return logError(e.Seq, e.Kind, ErrLogBadEvent, format, args...)
	}
	if e.Seat == "" {
		return bad("a role-player's event names no seat")
	}
	var teams []*Team
	for _, t := range s.Teams {
		if (e.Team == "" || t.Name == e.Team) && !t.Ended {
			teams = append(teams, t)
		}
	}
	iv := Intervention{Seq: e.Seq, At: e.At, Seat: e.Seat, Kind: e.Kind, Team: e.Team}
	switch e.Kind {
	case KindRoleSaid:
		p := s.Scenario.Persona(e.Persona)
		if p == nil {
			return bad("the scenario has no persona %q", e.Persona)
		}
		if e.Channel != RoleFeed && !slices.Contains(scenario.Channels, e.Channel) {
			return bad("%q is not a channel", e.Channel)
		}
		from := scenario.Text{}
		for _, lang := range append([]string{""}, s.Scenario.Languages...) {
			from[lang] = p.SenderLine(lang)
		}
		s.roleSaid++
		for _, t := range teams {
			if e.Channel == RoleFeed {
				fp := &scenario.FeedPost{ID: fmt.Sprintf("roleplay-%d", s.roleSaid), Channel: scenario.PostSocial, Tone: "neutral",
					From: from, Text: scenario.Text{"": e.Text}, Persona: p.ID}
				t.Feed = append(t.Feed, FeedItem{Post: fp, At: e.At, Seat: e.Seat, Thread: e.Thread})
				continue
			}
			in := &scenario.Inject{ID: fmt.Sprintf("roleplay-%d", s.roleSaid), Channel: e.Channel, Text: scenario.Text{"": e.Text},
				From: from, Persona: p.ID, Reply: adHocReply(e.Channel)}
			t.Inbox = append(t.Inbox, Delivery{Inject: in, Phase: t.Phase, At: e.At, Seat: e.Seat, Thread: e.Thread})
		}
		iv.Persona, iv.Channel, iv.Text, iv.Thread = e.Persona, e.Channel, e.Text, e.Thread
	case KindRoleNudged:
		effects := make(scenario.Effects, len(e.Effects))
		for id, d := range e.Effects {
			if s.Scenario.Variable(id) == nil || math.IsNaN(d) || math.IsInf(d, 0) {
				return bad("the nudge %g on %q is not a change to a world variable", d, id)
			}
			effects[id] = scenario.Effect{Delta: d}
		}
		for _, t := range teams {
			s.applyEffects(t, effects)
		}
		iv.Effects = e.Effects
	}
	s.Interventions = append(s.Interventions, iv)
	return nil
}

// Opened tells whether the decision with this id has opened for the team
// in its current phase visit (open now, or answered or timed out since).
func (t *Team) Opened(id string) bool { return t.opened[id] }
