package engine

import (
	"errors"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/scoring"
)

// startCases starts testdata/cases.yaml: a business traveller (1 minute
// into the start phase, 5 minutes to handle, escalating attention by 30)
// and a family (at 2 minutes, 3 to handle, attention +10).
func startCases(t *testing.T, teams ...string) (*Session, *MemoryLog, *FakeClock) {
	t.Helper()
	src, err := os.ReadFile("testdata/cases.yaml")
	if err != nil {
		t.Fatal(err)
	}
	log, clock := &MemoryLog{}, NewFakeClock()
	s, err := Start(Config{ScenarioID: "cases", Source: src, Teams: teams, Lang: "en", Speed: 1, Seed: 7}, log, clock)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdResume}); err != nil {
		t.Fatal(err)
	}
	return s, log, clock
}

const warmReply = "Dear Mr Chen, we are so sorry, and we understand how much tomorrow matters to you. " +
	"We have booked you on the first flight out; if anything changes, call 400-123 and we will help you."

// A case reaches each team on time with its remedies shuffled; the
// handling is refused with the right sentinel until it is valid; once
// handled it is judged (the remedy's fit, the reply's empathy and facts)
// and closed; a case left past its deadline is missed and goes public
// (its escalation applies), as does one handled with a poor remedy; both
// count in speed and empathy.
func TestCaseHandling(t *testing.T) {
	s, log, clock := startCases(t, "Alpha", "Bravo")
	handle := func(team, id, remedy, text string) error {
		return s.Send(Command{Kind: CmdHandleCase, Team: team, Case: id, Option: remedy, Text: text})
	}
	if err := handle("Alpha", "traveller", "seat", warmReply); !errors.Is(err, ErrCaseNotOpen) {
		t.Errorf("a case handled before it arrived: %v", err)
	}
	run(t, s, clock, time.Minute)
	a := team(s, "Alpha")
	if len(a.Cases) != 1 || a.Cases[0].Case.ID != "traveller" || a.Cases[0].ArrivedAt != time.Minute || !a.Cases[0].Open() {
		t.Fatalf("the traveller did not arrive at 1:00: %+v", a.Cases)
	}
	if got := a.Cases[0].Order; len(got) != 3 || !slices.Contains(got, "seat") || !slices.Contains(got, "room") || !slices.Contains(got, "cash") {
		t.Errorf("the remedies' order %v is not a permutation of the case's", got)
	}
	if a.Cases[0].DeadlineAt() != 6*time.Minute || a.Cases[0].Message.Get("en") != "I must be in Shenzhen by nine." {
		t.Errorf("deadline %s, message %v", a.Cases[0].DeadlineAt(), a.Cases[0].Message)
	}
	for _, c := range []struct {
		name                   string
		team, id, remedy, text string
		want                   error
	}{
		{"no such team", "Zulu", "traveller", "seat", warmReply, ErrNoSuchTeam},
		{"no such case", "Alpha", "ghost", "seat", warmReply, ErrNoSuchCase},
		{"no such remedy", "Alpha", "traveller", "limo", warmReply, ErrNoSuchRemedy},
		{"no reply", "Alpha", "traveller", "seat", "  ", ErrNoText},
		{"a case not yet arrived", "Alpha", "family", "room", warmReply, ErrCaseNotOpen},
	} {
		if err := handle(c.team, c.id, c.remedy, c.text); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	n := len(log.Events)
	if n == 0 || log.Events[n-1].Kind != KindCaseArrived {
		t.Errorf("a refused handling was logged: %+v", log.Events[n-1])
	}
	clock.Add(30 * time.Second)
	if err := handle("Alpha", "traveller", "seat", warmReply); err != nil {
		t.Fatal(err)
	}
	if err := handle("Alpha", "traveller", "cash", warmReply); !errors.Is(err, ErrCaseNotOpen) {
		t.Errorf("a case handled twice: %v", err)
	}
	if err := handle("Bravo", "traveller", "room", "Your room is booked."); err != nil {
		t.Fatal(err)
	}
	a, b := team(s, "Alpha"), team(s, "Bravo")
	tc := a.Cases[0]
	if !tc.Handled || !tc.InTime() || tc.Remedy.ID != "seat" || tc.Text != warmReply || tc.Rubric == nil || tc.Public() {
		t.Fatalf("Alpha's traveller: %+v", tc)
	}
	if !slices.Equal(tc.FactsFound, []string{"hotline"}) {
		t.Errorf("facts found %v, want [hotline]", tc.FactsFound)
	}
	if tc.ReplyEmpathy() <= 0 {
		t.Errorf("a reply that apologises and understands scores %v for empathy", tc.ReplyEmpathy())
	}
	if !b.Cases[0].Public() || b.World["attention"] != a.World["attention"]+30 {
		t.Errorf("a poor remedy goes public: Bravo's attention %v, Alpha's %v", b.World["attention"], a.World["attention"])
	}
	// The family arrives at 2:00 and is missed at 5:00 by both teams.
	run(t, s, clock, 4*time.Minute)
	a = team(s, "Alpha")
	fam := a.CaseState("family")
	if fam == nil || !fam.Missed || fam.MissedAt != 5*time.Minute || !fam.Public() {
		t.Fatalf("the family was not missed at 5:00: %+v", fam)
	}
	if a.OpenCases() != 1 {
		t.Errorf("open cases %d, want 1 (a missed case may still be answered)", a.OpenCases())
	}
	// Scores: the traveller in time (speed 100, empathy the mean of a good
	// fit and the reply's), the family missed (0 and 0).
	wantEmpathy := math1((100 + tc.ReplyEmpathy()) / 2 / 2)
	if sc := a.Scores(); sc.Speed != 50 || sc.Empathy != wantEmpathy {
		t.Errorf("Alpha's speed %v (want 50), empathy %v (want %v)", sc.Speed, sc.Empathy, wantEmpathy)
	}
	// Answered late: the empathy counts, the speed stays 0.
	if err := handle("Alpha", "family", "room", "Dear Ms Wu, we are sorry you waited; a room and dinner are ready for you."); err != nil {
		t.Fatal(err)
	}
	a = team(s, "Alpha")
	fam = a.CaseState("family")
	if !fam.Handled || fam.InTime() || !fam.Missed {
		t.Errorf("a late answer: %+v", fam)
	}
	if ev := fam.Evidence(); scoring.CaseScores(ev)[scoring.Speed] != 0 || scoring.CaseScores(ev)[scoring.Empathy] == 0 {
		t.Errorf("a late answer scores %v", scoring.CaseScores(ev))
	}
}

func math1(f float64) float64 { return float64(int(f*10+0.5)) / 10 }

// The log rebuilds the cases exactly (a kill and a resume lose nothing):
// the same arrivals, remedy orders, messages, handlings, judgements and
// misses; a resumed session goes on with a case still open.
func TestCasesSurviveResume(t *testing.T) {
	s, log, clock := startCases(t, "Alpha", "Bravo")
	run(t, s, clock, 90*time.Second)
	if err := s.Send(Command{Kind: CmdHandleCase, Team: "Bravo", Case: "traveller", Option: "cash", Text: warmReply, Ref: "r1"}); err != nil {
		t.Fatal(err)
	}
	run(t, s, clock, 4*time.Minute)
	events := slices.Clone(log.Events)
	folded, err := Fold(events)
	if err != nil {
		t.Fatal(err)
	}
	var live *State
	s.Read(func(st *State) { live = st })
	for i, lt := range live.Teams {
		rt := folded.Teams[i]
		if len(lt.Cases) != len(rt.Cases) || !sameScores(lt.Scores(), rt.Scores()) {
			t.Fatalf("team %s: live cases %+v, folded %+v", lt.Name, lt.Cases, rt.Cases)
		}
		for j := range lt.Cases {
			l, r := lt.Cases[j], rt.Cases[j]
			if l.Case.ID != r.Case.ID || l.ArrivedAt != r.ArrivedAt || !slices.Equal(l.Order, r.Order) || l.Message.Get("en") != r.Message.Get("en") ||
				l.Handled != r.Handled || l.Missed != r.Missed || l.Text != r.Text || (l.Remedy == nil) != (r.Remedy == nil) ||
				l.Rubric != nil && l.Rubric.Overall != r.Rubric.Overall {
				t.Errorf("team %s case %d: live %+v, folded %+v", lt.Name, j, l, r)
			}
		}
	}
	if !folded.Refs["r1"] {
		t.Error("the handling's ref is not known after a fold: a script would handle the case again")
	}
	r, err := Resume(events, &MemoryLog{Events: events}, clock, 5*time.Minute+30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Send(Command{Kind: CmdResume}); err != nil {
		t.Fatal(err)
	}
	if err := r.Send(Command{Kind: CmdHandleCase, Team: "Alpha", Case: "traveller", Option: "seat", Text: warmReply}); err != nil {
		t.Fatalf("the case open before the crash must still be open: %v", err)
	}
	var c *CaseState
	r.Read(func(st *State) { c = st.Team("Alpha").CaseState("traveller") })
	if !c.InTime() || c.At != 5*time.Minute+30*time.Second {
		t.Errorf("after resume: %+v", c)
	}
}

func sameScores(a, b scoring.Scores) bool {
	for _, d := range append(slices.Clone(scoring.Dimensions), scoring.Overall) {
		if a.Get(d) != b.Get(d) || a.Has[d] != b.Has[d] {
			return false
		}
	}
	return true
}

// A log whose case events do not fit the scenario is refused, not folded
// into a state that never was.
func TestFoldRefusesBadCaseEvents(t *testing.T) {
	s, log, clock := startCases(t, "Alpha")
	run(t, s, clock, time.Minute)
	base := slices.Clone(log.Events)
	for _, bad := range []Event{
		{Kind: KindCaseArrived, Team: "Alpha", Case: "traveller"},                 // twice
		{Kind: KindCaseHandled, Team: "Alpha", Case: "family", Option: "room"},    // not arrived
		{Kind: KindCaseHandled, Team: "Alpha", Case: "traveller", Option: "limo"}, // no such remedy
		{Kind: KindCaseMissed, Team: "Alpha", Case: "ghost"},                      // no such case
	} {
		bad.At, bad.Seq = time.Minute, int64(len(base)+1)
		if _, err := Fold(append(slices.Clone(base), bad)); !errors.Is(err, ErrLogBadEvent) {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}

// The best-case scores count every case that reached the team as handled
// in time with a good remedy and full empathy: never below the team's own.
func TestBestCaseScoresBound(t *testing.T) {
	s, _, clock := startCases(t, "Alpha")
	run(t, s, clock, 90*time.Second)
	if err := s.Send(Command{Kind: CmdHandleCase, Team: "Alpha", Case: "traveller", Option: "room", Text: "Booked."}); err != nil {
		t.Fatal(err)
	}
	run(t, s, clock, 10*time.Minute)
	a := team(s, "Alpha")
	got, best := a.Scores(), a.BestCaseScores()
	if best.Empathy != 100 && best.Empathy <= got.Empathy || best.Overall < got.Overall || best.Speed < got.Speed {
		t.Errorf("best %+v is not above the team's %+v", best, got)
	}
	if ev := (CaseState{Case: &scenario.Case{Deadline: time.Minute}}).Evidence(); len(scoring.CaseScores(ev)) != 0 {
		t.Errorf("a case still waiting gives evidence: %v", scoring.CaseScores(ev))
	}
}
