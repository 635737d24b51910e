package engine

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

// startRoleplay starts testdata/roleplay.yaml (a parent's message at 0:00
// that asks for an answer; a follow-up decision only a role-player opens;
// attention nudgeable by 10) for the teams, with the clock running.
func startRoleplay(t *testing.T, teams ...string) (*Session, *MemoryLog, *FakeClock) {
	t.Helper()
	src, err := os.ReadFile("testdata/roleplay.yaml")
	if err != nil {
		t.Fatal(err)
	}
	log, clock := &MemoryLog{}, NewFakeClock()
	s, err := Start(Config{ScenarioID: "roleplay", Source: src, Teams: teams, Lang: "en", Speed: 1}, log, clock)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdResume}); err != nil {
		t.Fatal(err)
	}
	return s, log, clock
}

// A role-player answers a team's reply in persona (threaded to it, in the
// team's inbox, answerable in turn), posts as a persona to every team's
// feed, opens the follow-up decision the scenario allows and nudges the
// world within its limit; each is logged with the seat, listed among the
// interventions, and folds back the same from the log.
func TestRolePlayerAnswersOpensAndNudges(t *testing.T) {
	s, log, clock := startRoleplay(t, "Alpha", "Bravo")
	if err := s.Send(Command{Kind: CmdReply, Team: "Alpha", Inject: "complaint", Text: "We are sorry; call 400-123."}); err != nil {
		t.Fatal(err)
	}
	run(t, s, clock, time.Minute)
	say := Command{Kind: CmdRoleSay, Seat: SeatFacilitator, Persona: "parent", Channel: "customer", Team: "Alpha",
		Thread: ThreadReply(1), Text: "A hotline is not enough. Who pays the hospital?", Ref: "rp-1"}
	if err := s.Send(say); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdRoleSay, Seat: "desk 2", Persona: "reporter", Channel: RoleFeed,
		Text: "Sources say the recall is coming."}); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdRoleOpen, Seat: "desk 2", Team: "Bravo", Decision: "interview"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdRoleNudge, Seat: SeatFacilitator, Team: "Alpha", Effects: map[string]float64{"attention": -10}}); err != nil {
		t.Fatal(err)
	}
	check := func(st *State, where string) {
		a, b := st.Team("Alpha"), st.Team("Bravo")
		last := a.Inbox[len(a.Inbox)-1]
		if last.Inject.Persona != "parent" || last.Seat != SeatFacilitator || last.Thread != "reply:1" || last.Inject.Reply == nil ||
			last.Inject.From.Get("en") != "Ms Zhang" || !strings.Contains(last.Inject.Text.Get("en"), "hospital") {
			t.Errorf("%s: Alpha's last inbox item %+v (inject %+v), want the parent's answer to reply 1 from the facilitator", where, last, *last.Inject)
		}
		if _, ok := a.Answerable(last.Inject.ID); !ok {
			t.Errorf("%s: the team cannot answer the persona's message", where)
		}
		for _, tm := range []*Team{a, b} {
			f := tm.Feed[len(tm.Feed)-1]
			if f.Post.Persona != "reporter" || f.Seat != "desk 2" || f.Post.From.Get("en") != "Li Wei (City Express)" {
				t.Errorf("%s: %s's last feed item %+v, want Li Wei's post from desk 2", where, tm.Name, *f.Post)
			}
		}
		if !b.IsOpen("interview") || a.IsOpen("interview") {
			t.Errorf("%s: interview open for Bravo %v, Alpha %v; want only Bravo", where, b.IsOpen("interview"), a.IsOpen("interview"))
		}
		if a.World["attention"] != 0 || b.World["attention"] != 10 {
			t.Errorf("%s: attention Alpha %v, Bravo %v; want 0 (10 nudged down by 10) and 10", where, a.World["attention"], b.World["attention"])
		}
		var kinds, seats []string
		for _, iv := range st.Interventions {
			kinds, seats = append(kinds, string(iv.Kind)), append(seats, iv.Seat)
		}
		if got, want := strings.Join(kinds, " "), "roleplay.said roleplay.said decision.opened roleplay.nudged"; got != want {
			t.Errorf("%s: interventions %s, want %s", where, got, want)
		}
		if got, want := strings.Join(seats, ","), "facilitator,desk 2,desk 2,facilitator"; got != want {
			t.Errorf("%s: seats %s, want %s", where, got, want)
		}
		if !st.Refs["rp-1"] {
			t.Errorf("%s: the ref of the message is not known as handled", where)
		}
	}
	s.Read(func(st *State) { check(st, "live") })
	folded, err := Fold(log.Events)
	if err != nil {
		t.Fatal(err)
	}
	check(folded, "folded")
}

// What a role-player may not do is refused with a typed refusal, and
// nothing is applied.
func TestRolePlayerRefusals(t *testing.T) {
	s, log, _ := startRoleplay(t, "Alpha", "Bravo")
	before := len(log.Events)
	for _, c := range []struct {
		name string
		cmd  Command
		want error
	}{
		{"no seat", Command{Kind: CmdRoleSay, Persona: "parent", Channel: "email", Team: "Alpha", Text: "Hi"}, ErrBadSeat},
		{"seat with a newline", Command{Kind: CmdRoleSay, Seat: "a\nb", Persona: "parent", Channel: "email", Text: "Hi"}, ErrBadSeat},
		{"unknown persona", Command{Kind: CmdRoleSay, Seat: "x", Persona: "ceo", Channel: "email", Team: "Alpha", Text: "Hi"}, ErrNoSuchPersona},
		{"unknown channel", Command{Kind: CmdRoleSay, Seat: "x", Persona: "parent", Channel: "fax", Team: "Alpha", Text: "Hi"}, ErrBadChannel},
		{"no text", Command{Kind: CmdRoleSay, Seat: "x", Persona: "parent", Channel: "email", Team: "Alpha", Text: " "}, ErrNoText},
		{"thread to nothing sent", Command{Kind: CmdRoleSay, Seat: "x", Persona: "parent", Channel: "email", Team: "Alpha", Text: "Hi", Thread: ThreadReply(1)}, ErrBadThread},
		{"thread to every team", Command{Kind: CmdRoleSay, Seat: "x", Persona: "parent", Channel: "email", Text: "Hi", Thread: ThreadPost(1)}, ErrBadThread},
		{"unknown team", Command{Kind: CmdRoleSay, Seat: "x", Persona: "parent", Channel: "email", Team: "Zulu", Text: "Hi"}, ErrNoSuchTeam},
		{"decision not for role-players", Command{Kind: CmdRoleOpen, Seat: "x", Team: "Alpha", Decision: "other"}, ErrNotRoleplay},
		{"decision for no team", Command{Kind: CmdRoleOpen, Seat: "x", Decision: "interview"}, ErrNoSuchTeam},
		{"nudge over the limit", Command{Kind: CmdRoleNudge, Seat: "x", Team: "Alpha", Effects: map[string]float64{"attention": 10.5}}, ErrNudgeLimit},
		{"nudge of a variable not allowed", Command{Kind: CmdRoleNudge, Seat: "x", Team: "Alpha", Effects: map[string]float64{"sentiment": 1}}, ErrNudgeLimit},
		{"empty nudge", Command{Kind: CmdRoleNudge, Seat: "x", Team: "Alpha"}, ErrNudgeLimit},
	} {
		if err := s.Send(c.cmd); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if err := s.Send(Command{Kind: CmdRoleOpen, Seat: "x", Team: "Alpha", Decision: "interview"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdRoleOpen, Seat: "x", Team: "Alpha", Decision: "interview"}); !errors.Is(err, ErrNotInPhase) {
		t.Errorf("opening the decision again: %v, want ErrNotInPhase", err)
	}
	if got := len(log.Events) - before; got != 1 {
		t.Errorf("%d events logged, want 1 (the decision opened)", got)
	}
	if err := s.Send(Command{Kind: CmdEnd}); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdRoleSay, Seat: "x", Persona: "parent", Channel: "email", Team: "Alpha", Text: "Hi"}); !errors.Is(err, ErrEnded) {
		t.Errorf("after the end: %v, want ErrEnded", err)
	}
}

// A log whose role-player's event opens a decision the scenario does not
// let role-players open, or names no seat, does not fold.
func TestRolePlayerEventsFromALyingLog(t *testing.T) {
	s, log, _ := startRoleplay(t, "Alpha")
	_ = s
	base := log.Events
	for _, ev := range []Event{
		{Kind: KindRoleSaid, Persona: "parent", Channel: "email", Text: "Hi"},
		{Kind: KindRoleSaid, Seat: "x", Persona: "ceo", Channel: "email", Text: "Hi"},
	} {
		evs := append(append([]Event(nil), base...), ev)
		evs[len(evs)-1].Seq = int64(len(evs))
		evs[len(evs)-1].At = evs[len(evs)-2].At
		if _, err := Fold(evs); !errors.Is(err, ErrLogBadEvent) {
			t.Errorf("%+v: %v, want ErrLogBadEvent", ev, err)
		}
	}
}

// One rule names a seat: the engine's for every seat, and the laptop's,
// which is never the facilitator's, for the join screen, the evaluator's
// window and the LAN host alike.
func TestSeatNames(t *testing.T) {
	for _, c := range []struct {
		name         string
		seat, laptop bool
	}{
		{"Journalist", true, true},
		{"记者 王芳", true, true},
		{SeatFacilitator, true, false},
		{"  Facilitator ", true, false},
		{"FACILITATOR", true, false},
		{"   ", false, false},
		{strings.Repeat("x", MaxSeatLen+1), false, false},
		{"bad\x07bell", false, false},
		{"bad \xff byte", false, false},
	} {
		if got := CheckSeat(c.name) == nil; got != c.seat {
			t.Errorf("CheckSeat(%q) accepts: %v, want %v", c.name, got, c.seat)
		}
		err := CheckLaptopSeat(c.name)
		if got := err == nil; got != c.laptop {
			t.Errorf("CheckLaptopSeat(%q) accepts: %v, want %v", c.name, got, c.laptop)
		}
		if err != nil && !errors.Is(err, ErrBadSeat) {
			t.Errorf("CheckLaptopSeat(%q): %v is not ErrBadSeat", c.name, err)
		}
	}
}
