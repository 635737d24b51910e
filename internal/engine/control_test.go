package engine

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

const min_ = time.Minute

// startSched starts the schedule test scenario in manual time.
func startSched(t *testing.T, teams ...string) (*Session, *MemoryLog) {
	t.Helper()
	src, err := os.ReadFile("testdata/sched.yaml")
	if err != nil {
		t.Fatal(err)
	}
	log := &MemoryLog{}
	s, err := Start(Config{ScenarioID: "sched", Source: src, Teams: teams, Lang: "en", Seed: 7}, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s, log
}

func advance(t *testing.T, s *Session, at time.Duration) {
	t.Helper()
	if err := s.AdvanceTo(at); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, s *Session, c Command) {
	t.Helper()
	if err := s.Send(c); err != nil {
		t.Fatalf("%+v: %v", c, err)
	}
}

// mustRefuse checks that a command is refused with the sentinel want, and
// that nothing was logged for it, and returns the refusal.
func mustRefuse(t *testing.T, s *Session, log *MemoryLog, c Command, want *Refusal) *Refused {
	t.Helper()
	n := len(log.Events)
	err := s.Send(c)
	if !errors.Is(err, want) {
		t.Fatalf("%+v: got %v, want %v", c, err, want)
	}
	if RefusalCode(err) != want.Code {
		t.Fatalf("RefusalCode(%v) = %q, want %q", err, RefusalCode(err), want.Code)
	}
	if len(log.Events) != n {
		t.Fatalf("%+v: a refused command without a ref logged %v", c, log.Events[n:])
	}
	var r *Refused
	if !errors.As(err, &r) {
		t.Fatalf("%+v: %T is not a *Refused", c, err)
	}
	return r
}

// arrivals lists a team's inbox as "id@m:ss".
func arrivals(s *Session, name string) []string {
	var out []string
	for _, d := range team(s, name).Inbox {
		out = append(out, d.Inject.ID+"@"+clock(d.At))
	}
	return out
}

// clock writes whole minutes as a number (5), other times as Go does (1m30s).
func clock(d time.Duration) string {
	if d%time.Minute == 0 {
		return strconv.Itoa(int(d / time.Minute))
	}
	return d.String()
}

func isOpen(s *Session, name, decision string) (open bool) {
	s.Read(func(st *State) { open = st.Team(name).IsOpen(decision) })
	return open
}

func upcoming(s *Session, name string) []string {
	var out []string
	s.Read(func(st *State) {
		for _, p := range st.Upcoming(name) {
			x := p.Inject.ID + "@" + clock(p.At)
			if p.OpensDecision != nil {
				x += "+" + p.OpensDecision.ID
			}
			if p.Lapses {
				x += " lapses"
			}
			out = append(out, x)
		}
	})
	return out
}

func TestUpcomingListsThePhasesPendingInjects(t *testing.T) {
	s, _ := startSched(t, "Alpha")
	want := []string{"call@5+first", "email@8", "memo@12", "late@40 lapses"}
	if got := upcoming(s, "Alpha"); !reflect.DeepEqual(got, want) {
		t.Fatalf("upcoming at 0m: %v, want %v", got, want)
	}
	advance(t, s, 8*min_)
	if got := upcoming(s, "Alpha"); !reflect.DeepEqual(got, []string{"memo@12", "late@40 lapses"}) {
		t.Fatalf("upcoming at 8m: %v", got)
	}
	s.Read(func(st *State) {
		if st.Upcoming("nobody") != nil {
			t.Error("an unknown team has no upcoming injects")
		}
	})
}

func TestSendNowDeliversAtOnceAndOpensItsDecision(t *testing.T) {
	s, log := startSched(t, "Alpha", "Bravo")
	advance(t, s, 1*min_)
	must(t, s, Command{Kind: CmdSendNow, Team: "Alpha", Inject: "call"})
	if got := arrivals(s, "Alpha"); !reflect.DeepEqual(got, []string{"complaint@0", "call@1"}) {
		t.Fatalf("Alpha's inbox after sending the call now: %v", got)
	}
	tm := team(s, "Alpha")
	if d := tm.Inbox[1]; !d.SentNow || d.Due != 5*min_ {
		t.Fatalf("the delivery should say it was sent now, due at 5m: %+v", d)
	}
	if len(tm.Open) != 1 || tm.Open[0].Decision.ID != "first" || tm.Open[0].OpenedAt != 1*min_ || tm.Open[0].DeadlineAt() != 11*min_ {
		t.Fatalf("the decision the call opens should open with it at 1m: %+v", tm.Open)
	}
	if c := tm.Changes; len(c) != 1 || c[0].Kind != KindInject || c[0].Inject.ID != "call" || c[0].Was != 5*min_ || c[0].At != 1*min_ {
		t.Fatalf("changes: %+v", c)
	}
	ev := log.Events[len(log.Events)-2]
	if ev.Kind != KindInject || ev.Reason != ReasonSentNow || ev.Team != "Alpha" || ev.Inject != "call" {
		t.Fatalf("sending now is logged as an inject.delivered with reason %q: %+v", ReasonSentNow, ev)
	}
	// A later inject of the phase may be sent too, ahead of one still due.
	must(t, s, Command{Kind: CmdSendNow, Team: "Bravo", Inject: "memo"})
	advance(t, s, 20*min_)
	if got := arrivals(s, "Bravo"); !reflect.DeepEqual(got, []string{"complaint@0", "memo@1", "call@5", "email@8"}) {
		t.Fatalf("Bravo's inbox: %v", got)
	}
	if got := arrivals(s, "Alpha"); !reflect.DeepEqual(got, []string{"complaint@0", "call@1", "email@8", "memo@12"}) {
		t.Fatalf("Alpha's inbox: %v", got)
	}
	// A refusal carries what the UI names: the team, the inject (not its
	// id) and when it arrived.
	if r := mustRefuse(t, s, log, Command{Kind: CmdSendNow, Team: "Alpha", Inject: "call"}, ErrAlreadyDelivered); r.Team != "Alpha" || r.Inject == nil || r.Inject.ID != "call" || r.At != 1*min_ {
		t.Errorf("already delivered: team %q inject %v at %s, want Alpha's call at 1m", r.Team, r.Inject, r.At)
	}
	mustRefuse(t, s, log, Command{Kind: CmdSendNow, Team: "Alpha", Inject: "praise"}, ErrNoSuchInject) // another phase's
	mustRefuse(t, s, log, Command{Kind: CmdSendNow, Team: "Alpha", Inject: "nope"}, ErrNoSuchInject)
	if r := mustRefuse(t, s, log, Command{Kind: CmdSendNow, Team: "Zulu", Inject: "late"}, ErrNoSuchTeam); r.Team != "Zulu" {
		t.Errorf("no such team: team %q, want the name asked for, Zulu", r.Team)
	}
	// An inject that would lapse can still be sent.
	must(t, s, Command{Kind: CmdSendNow, Team: "Alpha", Inject: "late"})
	if got := arrivals(s, "Alpha"); got[len(got)-1] != "late@20" {
		t.Fatalf("the lapsing inject sent now: %v", got)
	}
}

func TestSkipNeverDelivers(t *testing.T) {
	s, log := startSched(t, "Alpha")
	advance(t, s, 1*min_)
	must(t, s, Command{Kind: CmdSkip, Team: "Alpha", Inject: "email"})
	if got := upcoming(s, "Alpha"); !reflect.DeepEqual(got, []string{"call@5+first", "memo@12", "late@40 lapses"}) {
		t.Fatalf("upcoming after skipping the email: %v", got)
	}
	mustRefuse(t, s, log, Command{Kind: CmdSkip, Team: "Alpha", Inject: "email"}, ErrAlreadySkipped)
	mustRefuse(t, s, log, Command{Kind: CmdSendNow, Team: "Alpha", Inject: "email"}, ErrAlreadySkipped)
	mustRefuse(t, s, log, Command{Kind: CmdDelay, Team: "Alpha", Inject: "email", Delay: min_}, ErrAlreadySkipped)
	// The call opens a decision: skipping it would leave the decision
	// without its question, or never open it.
	if r := mustRefuse(t, s, log, Command{Kind: CmdSkip, Team: "Alpha", Inject: "call"}, ErrOpensDecision); r.Inject == nil || r.Inject.ID != "call" || r.Decision == nil || r.Decision.ID != "first" {
		t.Errorf("opens a decision: inject %v decision %v, want the call and 'first'", r.Inject, r.Decision)
	}
	// The first inject of the phase skipped too: the rest still arrive.
	must(t, s, Command{Kind: CmdSkip, Team: "Alpha", Inject: "late"})
	advance(t, s, 29*min_)
	if got := arrivals(s, "Alpha"); !reflect.DeepEqual(got, []string{"complaint@0", "call@5", "memo@12"}) {
		t.Fatalf("inbox: %v", got)
	}
	tm := team(s, "Alpha")
	if c := tm.Changes; len(c) != 2 || c[0].Kind != KindSkipped || c[0].Inject.ID != "email" || c[0].Was != 8*min_ {
		t.Fatalf("changes: %+v", c)
	}
	// Once the decision is open, its inject has done its work: skipping
	// a later one that names it is no concern. (Here: nothing is left.)
	if got := upcoming(s, "Alpha"); len(got) != 0 {
		t.Fatalf("upcoming: %v", got)
	}
}

func TestDelayMovesOneInjectAndItsDecision(t *testing.T) {
	s, log := startSched(t, "Alpha")
	advance(t, s, 1*min_)
	must(t, s, Command{Kind: CmdDelay, Team: "Alpha", Inject: "call", Delay: 4 * min_})
	must(t, s, Command{Kind: CmdDelay, Team: "Alpha", Inject: "call", Delay: 3 * min_}) // delays add up
	if got := upcoming(s, "Alpha"); !reflect.DeepEqual(got, []string{"email@8", "call@12+first", "memo@12", "late@40 lapses"}) {
		t.Fatalf("upcoming after delaying the call by 7m: %v", got)
	}
	advance(t, s, 11*min_+59*time.Second)
	if tm := team(s, "Alpha"); len(tm.Open) != 1 || tm.Open[0].Decision.ID != "brief" {
		t.Fatalf("'first' must not open before its delayed call: %+v", tm.Open)
	}
	advance(t, s, 12*min_)
	// Equal times arrive in the phase's order: the call is first in it.
	if got := arrivals(s, "Alpha"); !reflect.DeepEqual(got, []string{"complaint@0", "email@8", "call@12", "memo@12"}) {
		t.Fatalf("inbox: %v", got)
	}
	tm := team(s, "Alpha")
	if d := tm.Inbox[2]; d.Delayed != 7*min_ || d.SentNow {
		t.Fatalf("the call's delivery should record a 7m delay: %+v", d)
	}
	var first OpenDecision
	for _, od := range tm.Open {
		if od.Decision.ID == "first" {
			first = od
		}
	}
	if first.OpenedAt != 12*min_ || first.DeadlineAt() != 22*min_ {
		t.Fatalf("'first' should open with the delayed call at 12m: %+v", tm.Open)
	}
	if c := tm.Changes; len(c) != 2 || c[1].Kind != KindDelayed || c[1].Was != 9*min_ || c[1].By != 3*min_ {
		t.Fatalf("changes: %+v", c)
	}
	for _, d := range []time.Duration{0, -time.Minute, 999 * time.Millisecond, MaxDelay + time.Second} {
		mustRefuse(t, s, log, Command{Kind: CmdDelay, Team: "Alpha", Inject: "late", Delay: d}, ErrBadDelay)
	}
	// Past the phase's automatic move at 30m it would never arrive.
	if r := mustRefuse(t, s, log, Command{Kind: CmdDelay, Team: "Alpha", Inject: "late", Delay: time.Minute}, ErrTooLate); r.Inject == nil || r.Inject.ID != "late" ||
		r.At != 41*min_ || r.Bound != 30*min_ || r.BoundIsEnd {
		t.Errorf("too late: inject %v at %s after %s (end %v), want 'late' at 41m after the phase's move at 30m", r.Inject, r.At, r.Bound, r.BoundIsEnd)
	}
	mustRefuse(t, s, log, Command{Kind: CmdDelay, Team: "Alpha", Inject: "call", Delay: time.Minute}, ErrAlreadyDelivered)
}

func TestDelayToTheHorizonStillArrives(t *testing.T) {
	s, _ := startSched(t, "Alpha")
	must(t, s, Command{Kind: CmdDelay, Team: "Alpha", Inject: "memo", Delay: 18 * min_}) // 12m → 30m, the move
	advance(t, s, 30*min_)
	got := arrivals(s, "Alpha")
	if !slices.Contains(got, "memo@30") {
		t.Fatalf("an inject due at the instant the phase moves on arrives first: %v", got)
	}
}

func TestExtendMovesTheDeadlineNotTheScore(t *testing.T) {
	s, log := startSched(t, "Alpha", "Bravo")
	advance(t, s, 6*min_)
	mustRefuse(t, s, log, Command{Kind: CmdExtend, Team: "Alpha", Decision: "nope", Delay: min_}, ErrNotOpen)
	mustRefuse(t, s, log, Command{Kind: CmdExtend, Team: "Alpha", Decision: "first", Delay: 0}, ErrBadDelay)
	if r := mustRefuse(t, s, log, Command{Kind: CmdExtend, Team: "Alpha", Decision: "first", Delay: 46 * min_}, ErrTooLate); r.Decision == nil || r.Decision.ID != "first" ||
		r.At != 61*min_ || r.Bound != 60*min_ || !r.BoundIsEnd { // 15m + 46m > 60m
		t.Errorf("too late: decision %v at %s after %s (end %v), want 'first' at 61m after the end at 60m", r.Decision, r.At, r.Bound, r.BoundIsEnd)
	}
	must(t, s, Command{Kind: CmdExtend, Team: "Alpha", Decision: "first", Delay: 5 * min_})
	var deadline time.Duration
	s.Read(func(st *State) {
		for _, od := range st.Team("Alpha").Open {
			if od.Decision.ID == "first" {
				deadline = od.DeadlineAt()
			}
		}
	})
	if deadline != 20*min_ {
		t.Fatalf("Alpha's deadline for 'first' should be 20m after a 5m extension, is %s", deadline)
	}
	advance(t, s, 16*min_)
	if !isOpen(s, "Alpha", "first") {
		t.Fatal("Alpha's decision timed out at its original deadline")
	}
	if isOpen(s, "Bravo", "first") {
		t.Fatal("Bravo's deadline was not extended, yet its decision is still open")
	}
	// Answered within the extension: accepted, but late for the score.
	must(t, s, Command{Kind: CmdChoose, Team: "Alpha", Decision: "first", Option: "good"})
	tm := team(s, "Alpha")
	var a Answer
	for _, x := range tm.Answers {
		if x.Decision.ID == "first" {
			a = x
		}
	}
	if a.Decision == nil || a.Option == nil || a.Extended != 5*min_ || a.Took() != 11*min_ {
		t.Fatalf("answer: %+v", a)
	}
	if sp := a.Scores()["speed"]; sp != 0 {
		t.Fatalf("an answer after the decision's own deadline scores 0 for speed, extension or not; got %g", sp)
	}
	if c := tm.Changes; len(c) != 1 || c[0].Kind != KindExtended || c[0].Decision.ID != "first" || c[0].Was != 15*min_ || c[0].By != 5*min_ {
		t.Fatalf("changes: %+v", c)
	}
}

func TestExtendedDecisionTimesOutAtTheNewDeadline(t *testing.T) {
	s, _ := startSched(t, "Alpha")
	advance(t, s, 6*min_)
	must(t, s, Command{Kind: CmdExtend, Team: "Alpha", Decision: "first", Delay: 2 * min_})
	must(t, s, Command{Kind: CmdExtend, Team: "Alpha", Decision: "first", Delay: 90 * time.Second})
	advance(t, s, 18*min_+29*time.Second)
	if !isOpen(s, "Alpha", "first") {
		t.Fatal("timed out before 18:30")
	}
	advance(t, s, 18*min_+30*time.Second)
	tm := team(s, "Alpha")
	a := tm.Answers[len(tm.Answers)-1]
	if !a.TimedOut || a.At != 18*min_+30*time.Second || a.Extended != 210*time.Second {
		t.Fatalf("should time out at 18:30 (15m + 3m30s): %+v", a)
	}
	if tm.World["trust"] != 40 {
		t.Fatalf("the timeout's effects apply: trust %g", tm.World["trust"])
	}
}

func TestScheduleCommandsForEveryTeam(t *testing.T) {
	s, log := startSched(t, "Alpha", "Bravo", "Charlie")
	advance(t, s, 1*min_)
	must(t, s, Command{Kind: CmdSendNow, Team: "Alpha", Inject: "email"})
	must(t, s, Command{Kind: CmdSendNow, Inject: "email"}) // only Bravo and Charlie still have it pending
	for _, name := range []string{"Alpha", "Bravo", "Charlie"} {
		if got := arrivals(s, name); !reflect.DeepEqual(got, []string{"complaint@0", "email@1"}) {
			t.Fatalf("%s: %v", name, got)
		}
	}
	mustRefuse(t, s, log, Command{Kind: CmdSendNow, Inject: "email"}, ErrAlreadyDelivered)
	must(t, s, Command{Kind: CmdDelay, Inject: "memo", Delay: 2 * min_})
	advance(t, s, 6*min_)
	must(t, s, Command{Kind: CmdExtend, Decision: "first", Delay: 5 * min_})
	s.Read(func(st *State) {
		for _, tm := range st.Teams {
			if up := st.Upcoming(tm.Name); len(up) == 0 || up[0].Inject.ID != "memo" || up[0].At != 14*min_ {
				t.Errorf("%s's memo should be due at 14m: %+v", tm.Name, up)
			}
			if len(tm.Changes) != 3 {
				t.Errorf("%s has %d changes, want 3", tm.Name, len(tm.Changes))
			}
		}
	})
}

func TestScheduleCommandsRefusedAfterTheEnd(t *testing.T) {
	s, log := startSched(t, "Alpha", "Bravo")
	advance(t, s, 5*min_)
	must(t, s, Command{Kind: CmdChoose, Team: "Alpha", Decision: "first", Option: "good"})
	advance(t, s, 16*min_) // Alpha reached its ending at 15m
	if !team(s, "Alpha").Ended {
		t.Fatal("Alpha should have ended")
	}
	for _, c := range []Command{
		{Kind: CmdSendNow, Team: "Alpha", Inject: "memo"},
		{Kind: CmdSkip, Team: "Alpha", Inject: "memo"},
		{Kind: CmdDelay, Team: "Alpha", Inject: "memo", Delay: min_},
		{Kind: CmdExtend, Team: "Alpha", Decision: "brief", Delay: min_},
		{Kind: CmdInject, Team: "Alpha", Channel: "news", Text: "hello"},
	} {
		mustRefuse(t, s, log, c, ErrEnded)
	}
	// For every team: those still playing.
	must(t, s, Command{Kind: CmdSendNow, Inject: "late"})
	if got := arrivals(s, "Bravo"); got[len(got)-1] != "late@16" {
		t.Fatalf("Bravo: %v", got)
	}
	must(t, s, Command{Kind: CmdEnd})
	for _, c := range []Command{
		{Kind: CmdSendNow, Team: "Bravo", Inject: "memo"},
		{Kind: CmdSkip, Inject: "memo"},
		{Kind: CmdDelay, Inject: "memo", Delay: min_},
		{Kind: CmdExtend, Decision: "brief", Delay: min_},
		{Kind: CmdInject, Channel: "news", Text: "hello"},
	} {
		mustRefuse(t, s, log, c, ErrEnded)
	}
}

func TestAdHocInjectWithSenderRecipientsAndEffects(t *testing.T) {
	s, log := startSched(t, "Alpha", "Bravo")
	advance(t, s, 3*min_)
	must(t, s, Command{Kind: CmdInject, Team: "Alpha", Channel: "email", Text: "Can we talk?", From: "  Jane Doe, Reuters ",
		To: []string{"spokesperson", "legal"}, Effects: map[string]float64{"attention": 30, "trust": 0}})
	tm := team(s, "Alpha")
	in := tm.Inbox[len(tm.Inbox)-1].Inject
	if in.From.Get("en") != "Jane Doe, Reuters" || in.From.Get("zh") != "Jane Doe, Reuters" || !reflect.DeepEqual(in.To, []string{"spokesperson", "legal"}) {
		t.Fatalf("inject: %+v", in)
	}
	if tm.World["attention"] != 40 || tm.World["trust"] != 50 {
		t.Fatalf("world: %v", tm.World)
	}
	if team(s, "Bravo").World["attention"] != 10 {
		t.Fatal("an inject to Alpha changed Bravo's world")
	}
	ev := log.Events[len(log.Events)-1]
	if ev.Kind != KindAdHoc || ev.From != "Jane Doe, Reuters" || !reflect.DeepEqual(ev.Effects, map[string]float64{"attention": 30}) {
		t.Fatalf("logged: %+v (a zero effect is left out)", ev)
	}
	// To all teams, clamped to the range; the world change sets off the
	// trigger at once.
	must(t, s, Command{Kind: CmdInject, Channel: "news", Text: "Viral", Effects: map[string]float64{"attention": 100}})
	for _, name := range []string{"Alpha", "Bravo"} {
		tm := team(s, name)
		if tm.World["attention"] != 100 || !tm.Triggered["uproar"] {
			t.Fatalf("%s: world %v, triggered %v", name, tm.World, tm.Triggered)
		}
		if d := tm.Inbox[len(tm.Inbox)-2]; d.Inject.From.Get("en") != "Facilitator" || d.Inject.From.Get("zh") != "主持人" {
			t.Fatalf("%s: an inject without a sender comes from the facilitator: %+v", name, d.Inject.From)
		}
	}
	for _, c := range []struct {
		cmd  Command
		want *Refusal
	}{
		{Command{Kind: CmdInject, Channel: "pigeon", Text: "x"}, ErrBadChannel},
		{Command{Kind: CmdInject, Channel: "news", Text: "  "}, ErrNoText},
		{Command{Kind: CmdInject, Channel: "news", Text: strings.Repeat("x", MaxStatementLen+1)}, ErrTextTooLong},
		{Command{Kind: CmdInject, Channel: "news", Text: "x", From: strings.Repeat("é", MaxSenderLen+1)}, ErrBadSender},
		{Command{Kind: CmdInject, Channel: "news", Text: "x", From: "a\nb"}, ErrBadSender},
		{Command{Kind: CmdInject, Channel: "news", Text: "x", To: []string{"ceo"}}, ErrBadRecipient},
		{Command{Kind: CmdInject, Channel: "news", Text: "x", To: []string{"legal", "legal"}}, ErrBadRecipient},
		{Command{Kind: CmdInject, Channel: "news", Text: "x", Effects: map[string]float64{"mood": 1}}, ErrBadEffect},
		{Command{Kind: CmdInject, Channel: "news", Text: "x", Effects: map[string]float64{"trust": math.NaN()}}, ErrBadEffect},
		{Command{Kind: CmdInject, Channel: "news", Text: "x", Effects: map[string]float64{"trust": math.Inf(-1)}}, ErrBadEffect},
		{Command{Kind: CmdInject, Channel: "news", Text: "x", Effects: map[string]float64{"trust": -100.5}}, ErrBadEffect},
		{Command{Kind: CmdInject, Team: "Zulu", Channel: "news", Text: "x"}, ErrNoSuchTeam},
		{Command{Kind: "teleport"}, ErrUnknownCommand},
	} {
		mustRefuse(t, s, log, c.cmd, c.want)
	}
	must(t, s, Command{Kind: CmdInject, Channel: "news", Text: "x", Effects: map[string]float64{"trust": -100}})
	if team(s, "Bravo").World["trust"] != 0 {
		t.Fatal("a change of the whole range is allowed and clamped")
	}
}

func TestRefusalsWithARefAreLogged(t *testing.T) {
	s, log := startSched(t, "Alpha")
	advance(t, s, time.Minute)
	n := len(log.Events)
	err := s.Send(Command{Kind: CmdSkip, Team: "Alpha", Inject: "call", Ref: "script:4"})
	if !errors.Is(err, ErrOpensDecision) {
		t.Fatal(err)
	}
	if len(log.Events) != n+1 {
		t.Fatalf("a refused command with a ref should be logged once: %v", log.Events[n:])
	}
	ev := log.Events[n]
	if ev.Kind != KindRejected || ev.Command != string(CmdSkip) || ev.Reason != ErrOpensDecision.Code || ev.Inject != "call" || ev.Ref != "script:4" {
		t.Fatalf("logged: %+v", ev)
	}
	s.Read(func(st *State) {
		if len(st.Refused) != 1 || !st.Refs["script:4"] || len(st.Team("Alpha").Rejected) != 0 {
			t.Fatalf("the refusal belongs to the facilitator, not the team: refused %v, team's %v", st.Refused, st.Team("Alpha").Rejected)
		}
	})
	if RefusalFor(ev.Reason) != ErrOpensDecision {
		t.Fatal("RefusalFor does not find the code")
	}
}

func TestEveryRefusalHasAUniqueCode(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Refusals {
		if r.Code == "" || seen[r.Code] || RefusalFor(r.Code) != r {
			t.Errorf("refusal %q", r.Code)
		}
		seen[r.Code] = true
	}
	if RefusalCode(errors.New("disk full")) != "" || RefusalCode(nil) != "" {
		t.Error("only refusals have a code")
	}
}

// controlled plays the schedule scenario with every kind of control, and
// returns the session and its log.
func controlled(t *testing.T) (*Session, *MemoryLog) {
	s, log := startSched(t, "Alpha", "Bravo")
	advance(t, s, 1*min_)
	must(t, s, Command{Kind: CmdSendNow, Team: "Alpha", Inject: "call"})
	must(t, s, Command{Kind: CmdSkip, Team: "Bravo", Inject: "email"})
	must(t, s, Command{Kind: CmdDelay, Team: "Bravo", Inject: "call", Delay: 10 * min_})
	must(t, s, Command{Kind: CmdInject, Team: "Bravo", Channel: "customer", Text: "Refund!", From: "Mrs Li", To: []string{"spokesperson"},
		Effects: map[string]float64{"attention": 15, "trust": -5}})
	advance(t, s, 4*min_)
	must(t, s, Command{Kind: CmdExtend, Team: "Alpha", Decision: "first", Delay: 4 * min_})
	return s, log
}

func TestResumeReproducesTheControlledSchedule(t *testing.T) {
	s, log := controlled(t)
	events := slices.Clone(log.Events)
	var live *State
	s.Read(func(st *State) { live = st })
	folded, err := Fold(events)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Alpha", "Bravo"} {
		a, b := live.Team(name), folded.Team(name)
		if !reflect.DeepEqual(a.Inbox, b.Inbox) || !reflect.DeepEqual(a.Open, b.Open) || !reflect.DeepEqual(a.Changes, b.Changes) ||
			!reflect.DeepEqual(a.World, b.World) || !reflect.DeepEqual(live.Upcoming(name), folded.Upcoming(name)) {
			t.Fatalf("%s: the fold differs from the live state", name)
		}
	}
	// Carried on to the end, live and resumed make the same events.
	resumed, err := Resume(events, &MemoryLog{}, nil, 4*min_)
	if err != nil {
		t.Fatal(err)
	}
	rlog := &MemoryLog{Events: slices.Clone(events)}
	resumed.log = rlog
	advance(t, s, 60*min_)
	advance(t, resumed, 60*min_)
	if len(log.Events) != len(rlog.Events) {
		t.Fatalf("live made %d events, resumed %d", len(log.Events), len(rlog.Events))
	}
	for i := range log.Events {
		a, _ := log.Events[i].Encode()
		b, _ := rlog.Events[i].Encode()
		if log.Events[i].At != rlog.Events[i].At || log.Events[i].Kind != rlog.Events[i].Kind || !bytes.Equal(a, b) {
			t.Fatalf("event %d: live %+v, resumed %+v", i+1, log.Events[i], rlog.Events[i])
		}
	}
	// And what the control did: Bravo's call came at 15m (5m + 10m), its
	// decision with it; the email never; Alpha's deadline was 15m (1m + 10m + 4m).
	var bravoCall, alphaFirst time.Duration
	for _, e := range log.Events {
		if e.Team == "Bravo" && e.Kind == KindInject && e.Inject == "call" {
			bravoCall = e.At
		}
		if e.Team == "Bravo" && e.Inject == "email" && e.Kind == KindInject {
			t.Fatal("Bravo's skipped email was delivered")
		}
		if e.Team == "Alpha" && e.Kind == KindTimedOut && e.Decision == "first" {
			alphaFirst = e.At
		}
	}
	if bravoCall != 15*min_ || alphaFirst != 15*min_ {
		t.Fatalf("Bravo's call at %s (want 15m), Alpha's timeout at %s (want 15m)", bravoCall, alphaFirst)
	}
}

// TestOldLogFoldsAsBefore folds a log written by the engine before the
// facilitator's schedule control (testdata/oldlog.jsonl, made with the
// schedule scenario) to the state that engine folded it to, and carries
// its schedule on from the last command exactly as that engine did.
func TestOldLogFoldsAsBefore(t *testing.T) {
	f, err := os.ReadFile("testdata/oldlog.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var events []Event
	sc := bufio.NewScanner(bytes.NewReader(f))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var se storedEvent
		if err := json.Unmarshal(sc.Bytes(), &se); err != nil {
			t.Fatal(err)
		}
		e, err := Decode(se.Seq, time.Duration(se.AtMS)*time.Millisecond, se.Kind, se.Data)
		if err != nil {
			t.Fatal(err)
		}
		events = append(events, e)
	}
	st, err := Fold(events)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.MarshalIndent(summarize(st), "", " ")
	want, err := os.ReadFile("testdata/oldlog.summary.json")
	if err != nil {
		t.Fatal(err)
	}
	if string(got)+"\n" != string(want) {
		t.Fatalf("the old log folds differently now:\n%s", got)
	}
	// The last command was at 7m: from there on the schedule alone made
	// the events.
	cut := 0
	for i, e := range events {
		if e.Ref == "r3" {
			cut = i + 1
		}
	}
	log := &MemoryLog{Events: slices.Clone(events[:cut])}
	s, err := Resume(events[:cut], log, nil, 7*min_)
	if err != nil {
		t.Fatal(err)
	}
	advance(t, s, 60*min_)
	if len(log.Events) != len(events) {
		t.Fatalf("resumed at 7m the old log makes %d events, it had %d", len(log.Events), len(events))
	}
	for i := cut; i < len(events); i++ {
		a, _ := log.Events[i].Encode()
		b, _ := events[i].Encode()
		if log.Events[i].Kind != events[i].Kind || log.Events[i].At != events[i].At || !bytes.Equal(a, b) {
			t.Fatalf("event %d: now %+v, then %+v", i+1, log.Events[i], events[i])
		}
	}
}
