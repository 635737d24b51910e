package engine

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func startDilemma(t *testing.T, seed uint64, teams ...string) (*Session, *MemoryLog, *FakeClock) {
	t.Helper()
	src, err := os.ReadFile("testdata/dilemma.yaml")
	if err != nil {
		t.Fatal(err)
	}
	log := &MemoryLog{}
	clock := NewFakeClock()
	s, err := Start(Config{ScenarioID: "dilemma", Source: src, Teams: teams, Lang: "en", Speed: 1, Seed: seed}, log, clock)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdResume}); err != nil {
		t.Fatal(err)
	}
	return s, log, clock
}

func openOrder(s *Session, team, decision string) []string {
	var out []string
	s.Read(func(st *State) {
		for _, od := range st.Team(team).Open {
			if od.Decision.ID == decision {
				for _, o := range od.Options() {
					out = append(out, o.ID)
				}
			}
		}
	})
	return out
}

// TestOptionsAreShuffledPerTeamAndReplayed: each team sees a decision's
// options in an order drawn from the exercise's seed, recorded in the log,
// so a replay shows the same order; across seeds every position is used.
func TestOptionsAreShuffledPerTeamAndReplayed(t *testing.T) {
	firstSeen := map[string]bool{}
	differs := false
	for seed := uint64(1); seed <= 40; seed++ {
		s, log, c := startDilemma(t, seed, "Alpha", "Bravo")
		run(t, s, c, 90*time.Second)
		a, b := openOrder(s, "Alpha", "first"), openOrder(s, "Bravo", "first")
		if len(a) != 3 || len(b) != 3 {
			t.Fatalf("seed %d: first is not open with three options: %v %v", seed, a, b)
		}
		firstSeen[a[0]] = true
		differs = differs || !slices.Equal(a, b)
		var recorded []string
		for _, e := range log.Events {
			if e.Kind == KindOpened && e.Team == "Alpha" && e.Decision == "first" {
				recorded = e.Order
			}
		}
		if !slices.Equal(recorded, a) {
			t.Fatalf("seed %d: the log records %v, the team sees %v", seed, recorded, a)
		}
		replayed, err := Fold(log.Events)
		if err != nil {
			t.Fatal(err)
		}
		var again []string
		for _, o := range replayed.Team("Alpha").Open[len(replayed.Team("Alpha").Open)-1].Options() {
			again = append(again, o.ID)
		}
		if !slices.Equal(again, a) {
			t.Fatalf("seed %d: a replay shows %v, play showed %v", seed, again, a)
		}
	}
	if len(firstSeen) != 3 {
		t.Errorf("over 40 seeds only %v were shown first; every option must get the first place", firstSeen)
	}
	if !differs {
		t.Error("two teams of one exercise always saw the same order")
	}
}

// TestSkippingDoesNotPay: a side decision left open when the team moves on
// counts as missed (speed 0, timeout scores); an optional one is not scored.
func TestSkippingDoesNotPay(t *testing.T) {
	s, _, c := startDilemma(t, 7, "Skipper", "Briefer")
	run(t, s, c, 90*time.Second)
	choose(t, s, "Briefer", "brief", "brief", "")
	choose(t, s, "Skipper", "first", "hold", "")
	choose(t, s, "Briefer", "first", "hold", "")
	sk, br := team(s, "Skipper"), team(s, "Briefer")
	var missed, optional Answer
	for _, a := range sk.Answers {
		switch a.Decision.ID {
		case "brief":
			missed = a
		case "sponsor":
			optional = a
		}
	}
	if !missed.Missed() || !missed.Scored() || missed.Scores()["speed"] != 0 || !near(missed.Scores()["transparency"], 100.0*2/6) {
		t.Errorf("the staff briefing left open should count as missed with its timeout scores: %+v %v", missed, missed.Scores())
	}
	if !optional.Skipped() || optional.Scored() {
		t.Errorf("the optional sponsorship left open should not be scored: %+v", optional)
	}
	if sk.Scores().Overall >= br.Scores().Overall {
		t.Errorf("skipping the briefing scores %.1f, briefing %.1f: skipping must not pay", sk.Scores().Overall, br.Scores().Overall)
	}
}

// TestRoutesFalseClaimsAndStances: naming an unverified cause is a false
// claim (consistency) and, when it drains the cash, routes to a worse phase;
// a denial earns no speed; a denial typed under "hold" clashes.
func TestRoutesFalseClaimsAndStances(t *testing.T) {
	s, _, c := startDilemma(t, 7, "Namer", "Holder", "Denier", "Twofaced")
	run(t, s, c, 90*time.Second)
	choose(t, s, "Namer", "first", "name-cause", "")
	choose(t, s, "Holder", "first", "hold", "")
	choose(t, s, "Denier", "first", "deny", "")
	choose(t, s, "Twofaced", "first", "hold", "There is no problem with our product. The reports are false and fabricated.")
	run(t, s, c, time.Second)
	namer, holder, denier, two := team(s, "Namer"), team(s, "Holder"), team(s, "Denier"), team(s, "Twofaced")
	if namer.Phase != "broke" {
		t.Errorf("cash 50 − 30 = 20 < 25 should route the namer to broke, not %s", namer.Phase)
	}
	if holder.Phase != "calm" {
		t.Errorf("holding goes to calm, not %s", holder.Phase)
	}
	if sc := namer.Scores(); sc.Consistency != 75 {
		t.Errorf("one false claim: consistency %g, want 75", sc.Consistency)
	}
	if sc := denier.Scores(); sc.Speed != 0 {
		t.Errorf("a denial within the target earns speed %g, want 0", sc.Speed)
	}
	a := answerTo(two, "first")
	if a.Clash != "denial" {
		t.Errorf("a denial typed under hold should clash, got %q", a.Clash)
	}
	honest := answerTo(holder, "first").Scores()
	if got := a.Scores(); got["transparency"] >= honest["transparency"] {
		t.Errorf("the clashing statement scores transparency %g, the plain choice %g: a clash must cost", got["transparency"], honest["transparency"])
	}
}

// TestFollowUpCountsDeliveredUpdates: after the first public update, each
// 10-minute window needs another; a team that goes quiet scores lower.
func TestFollowUpCountsDeliveredUpdates(t *testing.T) {
	s, _, c := startDilemma(t, 7, "Updater", "Quiet")
	run(t, s, c, 90*time.Second)
	choose(t, s, "Updater", "first", "hold", "")
	choose(t, s, "Quiet", "first", "hold", "")
	run(t, s, c, 8*time.Minute) // calm: update opens 8m after entry (9:30)
	choose(t, s, "Updater", "update", "update", "")
	choose(t, s, "Quiet", "update", "quiet", "")
	run(t, s, c, 30*time.Minute) // both reach the ending at 31:30
	ut, qt := team(s, "Updater"), team(s, "Quiet")
	u, q := ut.Scores(), qt.Scores()
	// Windows after the first update at 1:30: (1:30, 11:30] has the 9:30
	// update; (11:30, 21:30] and (21:30, 31:30] have none.
	if !ut.Ended || u.FollowUp != 33.3 || q.FollowUp != 0 {
		t.Errorf("follow-up: updater %g (want 33.3), quiet %g (want 0: none of its windows had an update)", u.FollowUp, q.FollowUp)
	}
}

func answerTo(t Team, decision string) Answer {
	for _, a := range t.Answers {
		if a.Decision.ID == decision {
			return a
		}
	}
	return Answer{}
}

// TestPausedClockHoldsChoices: while the clock is paused a choice is refused
// (thinking time would be free speed), unless the facilitator made it a
// discussion pause, in which response time stands still and teams choose.
func TestPausedClockHoldsChoices(t *testing.T) {
	s, _, c := startDilemma(t, 7, "Alpha")
	run(t, s, c, 90*time.Second)
	if err := s.Send(Command{Kind: CmdPause}); err != nil {
		t.Fatal(err)
	}
	c.Add(10 * time.Minute)
	err := s.Send(Command{Kind: CmdChoose, Team: "Alpha", Decision: "first", Option: "hold"})
	if !errors.Is(err, ErrRejected) || !strings.Contains(err.Error(), ReasonPaused) {
		t.Fatalf("a choice while paused: %v, want refused as paused", err)
	}
	if err := s.Send(Command{Kind: CmdPause, Discussion: true}); err != nil {
		t.Fatal(err)
	}
	var discussion bool
	s.Read(func(st *State) { discussion = st.Paused && st.Discussion })
	if !discussion {
		t.Fatal("the pause did not become a discussion pause")
	}
	c.Add(10 * time.Minute)
	if err := s.Send(Command{Kind: CmdChoose, Team: "Alpha", Decision: "first", Option: "hold"}); err != nil {
		t.Fatalf("a choice in a discussion pause: %v", err)
	}
	if a := answerTo(team(s, "Alpha"), "first"); a.Took() != 30*time.Second {
		t.Errorf("response time %s, want 30s: the pause does not count", a.Took())
	}
	if err := s.Send(Command{Kind: CmdResume}); err != nil {
		t.Fatal(err)
	}
	var st State
	s.Read(func(x *State) { st = *x })
	if st.Paused || st.Discussion {
		t.Error("resuming ends the discussion pause")
	}
}
