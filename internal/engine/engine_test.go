package engine

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

func miniSource(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func startFake(t *testing.T, teams ...string) (*Session, *MemoryLog, *FakeClock) {
	t.Helper()
	log := &MemoryLog{}
	clock := NewFakeClock()
	s, err := Start(Config{ScenarioID: "mini", Source: miniSource(t), Teams: teams, Lang: "en", Speed: 1}, log, clock)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdResume}); err != nil {
		t.Fatal(err)
	}
	return s, log, clock
}

// run moves the fake wall clock and ticks, as the GUI does.
func run(t *testing.T, s *Session, c *FakeClock, d time.Duration) {
	t.Helper()
	c.Add(d)
	if err := s.Tick(); err != nil {
		t.Fatal(err)
	}
}

func team(s *Session, name string) (out Team) {
	s.Read(func(st *State) { out = *st.Team(name) })
	return out
}

func TestInjectsArriveOnTime(t *testing.T) {
	s, _, c := startFake(t, "Alpha")
	if got := len(team(s, "Alpha").Inbox); got != 1 {
		t.Fatalf("at 0m inbox has %d injects, want 1 (the 0m complaint)", got)
	}
	run(t, s, c, 4*time.Minute+59*time.Second)
	if tm := team(s, "Alpha"); len(tm.Inbox) != 1 || len(tm.Open) != 0 {
		t.Fatalf("at 4:59 inbox=%d open=%d, want 1 and 0", len(tm.Inbox), len(tm.Open))
	}
	run(t, s, c, time.Second)
	tm := team(s, "Alpha")
	if len(tm.Inbox) != 2 || tm.Inbox[1].At != 5*time.Minute {
		t.Fatalf("at 5:00 the reporter's call should have arrived at 5m; inbox %+v", tm.Inbox)
	}
	if len(tm.Open) != 1 || tm.Open[0].Decision.ID != "first" || tm.Open[0].OpenedAt != 5*time.Minute {
		t.Fatalf("decision 'first' should open with the call at 5m; open %+v", tm.Open)
	}
}

func TestDeadlineFollowsTimeoutBranch(t *testing.T) {
	s, _, c := startFake(t, "Alpha")
	run(t, s, c, 14*time.Minute+59*time.Second) // opened at 5m, deadline 10m after
	if tm := team(s, "Alpha"); tm.Phase != "start" {
		t.Fatalf("before the deadline the team should still be in start, is in %s", tm.Phase)
	}
	run(t, s, c, 2*time.Second)
	tm := team(s, "Alpha")
	if tm.Phase != "storm" || tm.PhaseEnteredAt != 15*time.Minute {
		t.Fatalf("after the deadline the team should enter storm at 15m; phase %s at %s", tm.Phase, tm.PhaseEnteredAt)
	}
	if len(tm.Answers) != 1 || !tm.Answers[0].TimedOut {
		t.Fatalf("the missed decision should be recorded as timed out: %+v", tm.Answers)
	}
	if tm.World["attention"] != 30 {
		t.Fatalf("timeout effect attention +20 from 10: got %g", tm.World["attention"])
	}
}

func TestTeamsBranchIndependently(t *testing.T) {
	s, _, c := startFake(t, "Alpha", "Bravo")
	run(t, s, c, 6*time.Minute)
	if err := s.Send(Command{Kind: CmdChoose, Team: "Alpha", Decision: "first", Option: "good"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdChoose, Team: "Bravo", Decision: "first", Option: "bad"}); err != nil {
		t.Fatal(err)
	}
	a, b := team(s, "Alpha"), team(s, "Bravo")
	if a.Phase != "calm" || b.Phase != "storm" {
		t.Fatalf("Alpha in %s (want calm), Bravo in %s (want storm)", a.Phase, b.Phase)
	}
	if b.World["attention"] != 100 {
		t.Fatalf("effects are clamped to the variable's bounds: Bravo attention %g, want 100", b.World["attention"])
	}
	run(t, s, c, 10*time.Minute) // 16m: Alpha's continue fires at 6m+10m
	if a = team(s, "Alpha"); !a.Ended || a.Ending != "good-end" || a.EndedAt != 16*time.Minute {
		t.Fatalf("Alpha should reach good-end at 16m: %+v", a)
	}
	if b = team(s, "Bravo"); !b.Ended || b.Ending != "bad-end" {
		t.Fatalf("Bravo missed 'second' (deadline 6m+2m+6m=14m) and should be at bad-end: phase %s ended %v", b.Phase, b.Ended)
	}
	var ended bool
	s.Read(func(st *State) { ended = st.Ended && st.Reason == EndComplete })
	if !ended {
		t.Fatal("the exercise should end once every team reached an ending")
	}
	run(t, s, c, time.Hour)
	if got := s.ExerciseTime(); got != 16*time.Minute {
		t.Fatalf("the clock stops when the exercise ends (16m), reads %s", got)
	}
}

func TestChoiceOutsideWindowIsRejectedAndLogged(t *testing.T) {
	s, log, c := startFake(t, "Alpha")
	err := s.Send(Command{Kind: CmdChoose, Team: "Alpha", Decision: "first", Option: "good", Ref: "r1"})
	if !errors.Is(err, ErrRejected) {
		t.Fatalf("choosing before the decision opens: got %v, want ErrRejected", err)
	}
	if last := log.Events[len(log.Events)-1]; last.Kind != KindRejected || last.Ref != "r1" || last.Code != ErrNotOpen.Code {
		t.Fatalf("the rejection should be in the log with its ref and code (%s), got %+v", ErrNotOpen.Code, last)
	}
	run(t, s, c, 6*time.Minute)
	if err := s.Send(Command{Kind: CmdChoose, Team: "Alpha", Decision: "first", Option: "nope"}); !errors.Is(err, ErrRejected) {
		t.Fatalf("unknown option: got %v, want ErrRejected", err)
	}
	if team(s, "Alpha").Phase != "start" {
		t.Fatal("a rejected choice must not move the team")
	}
}

func TestPauseStopsTheClockAndSpeedCompressesIt(t *testing.T) {
	s, _, c := startFake(t, "Alpha")
	run(t, s, c, time.Minute)
	if err := s.Send(Command{Kind: CmdPause}); err != nil {
		t.Fatal(err)
	}
	run(t, s, c, time.Hour)
	if got := s.ExerciseTime(); got != time.Minute {
		t.Fatalf("a paused clock must stand still: %s, want 1m", got)
	}
	if len(team(s, "Alpha").Inbox) != 1 {
		t.Fatal("no inject may arrive while paused")
	}
	if err := s.Send(Command{Kind: CmdSpeed, Speed: 60}); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdResume}); err != nil {
		t.Fatal(err)
	}
	run(t, s, c, 5*time.Second) // 5 wall seconds at 60× = 5 exercise minutes
	if got := s.ExerciseTime(); got != 6*time.Minute {
		t.Fatalf("after 5s at 60×: %s, want 6m", got)
	}
	if len(team(s, "Alpha").Open) != 1 {
		t.Fatal("the 5m decision should be open at 6m")
	}
	if err := s.Send(Command{Kind: CmdSpeed, Speed: 5000}); err == nil {
		t.Fatal("a speed of 5000× must be refused")
	}
}

func TestReplayGivesTheSameState(t *testing.T) {
	s, log, c := startFake(t, "Alpha", "Bravo")
	run(t, s, c, 7*time.Minute)
	_ = s.Send(Command{Kind: CmdChoose, Team: "Bravo", Decision: "first", Option: "bad"})
	run(t, s, c, 20*time.Minute)
	replayed, err := Fold(log.Events)
	if err != nil {
		t.Fatal(err)
	}
	var live *State
	s.Read(func(st *State) { live = st })
	for i := range live.Teams {
		lt, rt := live.Teams[i], replayed.Teams[i]
		if lt.Phase != rt.Phase || !reflect.DeepEqual(lt.World, rt.World) || len(lt.Inbox) != len(rt.Inbox) ||
			!reflect.DeepEqual(lt.Path, rt.Path) || len(lt.Answers) != len(rt.Answers) || !reflect.DeepEqual(lt.Scores(), rt.Scores()) {
			t.Fatalf("team %s differs after replay:\nlive   %+v\nreplay %+v", lt.Name, lt, rt)
		}
	}
}

func TestResumePausesAndContinues(t *testing.T) {
	s, log, c := startFake(t, "Alpha")
	run(t, s, c, 6*time.Minute)
	events := append([]Event(nil), log.Events...)
	// The process dies here; the GUI had saved the clock at 6m30s.
	log2 := &MemoryLog{Events: events}
	r, err := Resume(events, log2, c, 6*time.Minute+30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	var paused bool
	r.Read(func(st *State) { paused = st.Paused })
	if !paused || r.ExerciseTime() != 6*time.Minute+30*time.Second {
		t.Fatalf("resumed clock should stand paused at 6m30s: paused=%v at %s", paused, r.ExerciseTime())
	}
	if err := r.Send(Command{Kind: CmdResume}); err != nil {
		t.Fatal(err)
	}
	if err := r.Send(Command{Kind: CmdChoose, Team: "Alpha", Decision: "first", Option: "good"}); err != nil {
		t.Fatalf("the decision open before the crash must still be open: %v", err)
	}
	if a := team(r, "Alpha"); a.Phase != "calm" || a.Answers[0].Took() != 90*time.Second {
		t.Fatalf("after resume: phase %s, took %s (want calm, 1m30s)", a.Phase, a.Answers[0].Took())
	}
}

func TestFacilitatorEndsEarly(t *testing.T) {
	s, _, c := startFake(t, "Alpha", "Bravo")
	run(t, s, c, 6*time.Minute)
	if err := s.Send(Command{Kind: CmdEnd}); err != nil {
		t.Fatal(err)
	}
	var st State
	s.Read(func(x *State) { st = *x })
	if !st.Ended || st.Reason != EndFacilitator {
		t.Fatalf("exercise should be ended by the facilitator: %+v", st)
	}
	a := st.Team("Alpha")
	// Ending early is the facilitator's call, not the team's miss: the open
	// decision is recorded as ended early and gives no evidence.
	if a.EndReason != EndFacilitator || len(a.Answers) != 1 || !a.Answers[0].EndedEarly || a.Answers[0].Missed() || a.Answers[0].Scored() {
		t.Fatalf("Alpha's open decision should be recorded as ended early, not missed: %+v", a.Answers)
	}
	if sc := a.Scores(); sc.Has["speed"] {
		t.Fatalf("a decision cut short by the facilitator must not score speed 0: %+v", sc)
	}
	if err := s.Send(Command{Kind: CmdChoose, Team: "Alpha", Decision: "first", Option: "good"}); !errors.Is(err, ErrRejected) {
		t.Fatalf("choices after the end must be rejected, got %v", err)
	}
}

func TestTimeUpEndsTeamsStillPlaying(t *testing.T) {
	s, _, c := startFake(t, "Alpha")
	run(t, s, c, 6*time.Minute)
	_ = s.Send(Command{Kind: CmdChoose, Team: "Alpha", Decision: "first", Option: "bad"})
	run(t, s, c, 2*time.Hour)
	a := team(s, "Alpha")
	if !a.Ended {
		t.Fatal("team should have ended")
	}
	if a.Ending != "bad-end" {
		t.Fatalf("storm's timeout leads to bad-end, got %q", a.Ending)
	}
}

func TestValidateTeams(t *testing.T) {
	cases := []struct {
		names []string
		ok    bool
	}{
		{[]string{"Alpha", "Bravo"}, true},
		{[]string{"甲队", "乙队"}, true},
		{nil, false},
		{[]string{"Alpha", ""}, false},
		{[]string{"Alpha", "alpha"}, false},
		{[]string{" Alpha"}, false},
		{[]string{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M"}, false},
	}
	for _, c := range cases {
		if err := ValidateTeams(c.names); (err == nil) != c.ok {
			t.Errorf("ValidateTeams(%q) = %v, want ok=%v", c.names, err, c.ok)
		}
	}
}

func TestFoldRefusesABrokenLog(t *testing.T) {
	_, log, _ := startFake(t, "Alpha")
	broken := func(change func(evs []Event) []Event) error {
		t.Helper()
		_, err := Fold(change(append([]Event(nil), log.Events...)))
		return err
	}
	for _, c := range []struct {
		name   string
		change func([]Event) []Event
		want   error
		seq    int64
	}{
		{"a gap", func(evs []Event) []Event { evs[2].Seq = 9; return evs }, ErrLogGap, 9},
		{"an unknown team", func(evs []Event) []Event { evs[len(evs)-1].Team = "Zulu"; return evs }, ErrLogUnknownTeam, int64(len(log.Events))},
		{"no start", func(evs []Event) []Event {
			evs = evs[1:]
			for i := range evs {
				evs[i].Seq--
			}
			return evs
		}, ErrLogNoStart, 1},
		{"back in time", func(evs []Event) []Event { evs[2].At = evs[1].At - time.Second; return evs }, ErrLogBackInTime, 3},
		{"a second start", func(evs []Event) []Event { evs[1] = evs[0]; evs[1].Seq = 2; return evs }, ErrLogBadEvent, 2},
	} {
		err := broken(c.change)
		var le *LogError
		if !errors.Is(err, c.want) || !errors.As(err, &le) || le.Seq != c.seq {
			t.Errorf("%s: %v, want a LogError at event %d wrapping %q", c.name, err, c.seq, c.want)
		}
	}
	if _, err := Resume(nil, &MemoryLog{}, NewFakeClock(), 0); !errors.Is(err, ErrLogNoStart) {
		t.Errorf("resuming an empty log: %v, want ErrLogNoStart", err)
	}
	if _, err := Decode(4, 0, string(KindNote), []byte("{not json")); !errors.Is(err, ErrLogBadEvent) {
		t.Errorf("an event that does not decode: %v, want ErrLogBadEvent", err)
	}
}

// Each refused choice says why as one of the Refusals (for the team's
// language) while staying ErrRejected with the English detail the log
// keeps, as before.
func TestRefusedChoicesSayWhy(t *testing.T) {
	s, log, c := startFake(t, "Alpha")
	choose := func(team, decision, option, text string) error {
		return s.Send(Command{Kind: CmdChoose, Team: team, Decision: decision, Option: option, Text: text})
	}
	check := func(name string, err error, want *Refusal, detail string) {
		t.Helper()
		if !errors.Is(err, ErrRejected) || !errors.Is(err, want) || RefusalCode(err) != want.Code {
			t.Errorf("%s: %v (code %q); want ErrRejected and %s", name, err, RefusalCode(err), want.Code)
		}
		if err != nil && err.Error() != "rejected: "+detail {
			t.Errorf("%s: says %q, want %q", name, err.Error(), "rejected: "+detail)
		}
	}
	check("not open yet", choose("Alpha", "first", "good", ""), ErrNotOpen, `decision "first" is not open for team "Alpha"`)
	check("no such team", choose("Zulu", "first", "good", ""), ErrNoSuchTeam, `there is no team "Zulu"`)
	check("no such decision", choose("Alpha", "nope", "good", ""), ErrNoSuchDecision, `the scenario has no decision "nope"`)
	run(t, s, c, 6*time.Minute)
	check("no such option", choose("Alpha", "first", "nope", ""), ErrNoSuchOption, `decision "first" has no option "nope"`)
	check("too long", choose("Alpha", "first", "good", strings.Repeat("x", MaxStatementLen+1)), ErrTextTooLong,
		fmt.Sprintf("the statement is longer than %d characters", MaxStatementLen))
	if err := s.Send(Command{Kind: CmdPause}); err != nil {
		t.Fatal(err)
	}
	n := len(log.Events)
	check("paused", choose("Alpha", "first", "good", ""), ErrPaused, ReasonPaused)
	if len(log.Events) != n {
		t.Error("a choice refused for the pause was logged")
	}
	if err := s.Send(Command{Kind: CmdEnd}); err != nil {
		t.Fatal(err)
	}
	check("ended", choose("Alpha", "first", "good", ""), ErrEnded, "the exercise has ended")
}
