package engine

import (
	"os"
	"strings"
	"testing"
	"time"
)

func startVoices(t *testing.T, teams ...string) *Session {
	t.Helper()
	src, err := os.ReadFile("testdata/voices.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Start(Config{ScenarioID: "voices", Source: src, Teams: teams, Lang: "en"}, &MemoryLog{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdResume}); err != nil { // choices wait while the clock is paused
		t.Fatal(err)
	}
	return s
}

func TestContradictionsCostConsistency(t *testing.T) {
	s := startVoices(t, "Alpha", "Bravo")
	at(t, s, 2*time.Minute)
	choose(t, s, "Alpha", "first", "reassure", "")
	choose(t, s, "Bravo", "first", "honest", "")
	at(t, s, 13*time.Minute)
	choose(t, s, "Alpha", "second", "admit", "") // safe, then contaminated: two voices
	choose(t, s, "Bravo", "second", "admit", "") // contaminated twice: one voice
	a, b := team(s, "Alpha"), team(s, "Bravo")
	if len(a.Contradictions) != 1 || a.Contradictions[0].Earlier.Claim != "safe" || a.Contradictions[0].Later.Option != "admit" {
		t.Fatalf("Alpha contradicted itself once: %+v", a.Contradictions)
	}
	if sa, sb := a.Scores(), b.Scores(); sa.Consistency != 75 || sb.Consistency != 100 || !sa.Has["consistency"] {
		t.Fatalf("consistency: Alpha %g (want 75), Bravo %g (want 100)", sa.Consistency, sb.Consistency)
	}
}

func TestPromisesKeptAndMissed(t *testing.T) {
	s := startVoices(t, "Alpha", "Bravo")
	at(t, s, 2*time.Minute)
	choose(t, s, "Alpha", "first", "honest", "") // promises an update by 17m
	choose(t, s, "Bravo", "first", "honest", "")
	at(t, s, 13*time.Minute)
	choose(t, s, "Alpha", "second", "admit", "") // the update, in time
	at(t, s, 18*time.Minute)                     // Bravo's promise ran out at 17m
	a, b := team(s, "Alpha"), team(s, "Bravo")
	if c := a.Commitments[0]; !c.Kept || c.KeptAt != 13*time.Minute {
		t.Fatalf("Alpha kept its promise at 13m: %+v", c)
	}
	if c := b.Commitments[0]; !c.Missed || b.World["attention"] != 30 {
		t.Fatalf("Bravo missed its promise: %+v, attention %g (want 10+20)", c, b.World["attention"])
	}
	if sa, sb := a.Scores(), b.Scores(); sa.FollowUp != 100 || sb.FollowUp != 0 {
		t.Fatalf("follow-up: Alpha %g, Bravo %g", sa.FollowUp, sb.FollowUp)
	}
}

func TestFacilitatorJudgement(t *testing.T) {
	s := startVoices(t, "Alpha", "Bravo")
	at(t, s, 2*time.Minute)
	choose(t, s, "Alpha", "first", "honest", "")
	send := func(c Command) {
		t.Helper()
		if err := s.Send(c); err != nil {
			t.Fatal(err)
		}
	}
	send(Command{Kind: CmdInject, Channel: "news", Text: "A TV crew is outside"})
	send(Command{Kind: CmdInject, Team: "Bravo", Channel: "phone", Text: "Your CEO calls"})
	send(Command{Kind: CmdNote, Team: "Alpha", Decision: "first", Text: "Spokesperson hesitated before answering"})
	alpha := team(s, "Alpha")
	before := alpha.Scores()
	send(Command{Kind: CmdOverride, Team: "Alpha", Dimension: "empathy", Value: 40, Text: "The spoken delivery was cold"})
	send(Command{Kind: CmdRate, Team: "Alpha", Objective: "speak", Rating: "S", Text: "Good first line; second not reached"})

	a, b := team(s, "Alpha"), team(s, "Bravo")
	last := func(tm Team) string { return tm.Inbox[len(tm.Inbox)-1].Inject.Text.Get("en") }
	if last(a) != "A TV crew is outside" || last(b) != "Your CEO calls" {
		t.Fatalf("ad-hoc injects: Alpha last %q, Bravo last %q", last(a), last(b))
	}
	o := a.Overrides["empathy"]
	if o.Value != 40 || o.Original != before.Empathy || o.Reason == "" {
		t.Fatalf("the override keeps the original and the reason: %+v (original %g)", o, before.Empathy)
	}
	if got := a.Scores(); got.Empathy != 40 || got.Overall >= before.Overall {
		t.Fatalf("the override changes empathy and the overall: %+v, before %+v", got, before)
	}
	if r := a.Ratings["speak"]; r.Rating != "S" || r.Suggested != "P" {
		t.Fatalf("rating %+v: the evidence (honest, by the target) suggests P", r)
	}
	var notes []Note
	s.Read(func(st *State) { notes = st.Notes })
	if len(notes) != 1 || notes[0].Team != "Alpha" || notes[0].Decision != "first" {
		t.Fatalf("notes: %+v", notes)
	}

	for _, bad := range []Command{
		{Kind: CmdOverride, Team: "Alpha", Dimension: "charm", Value: 10, Text: "x"},
		{Kind: CmdOverride, Team: "Alpha", Dimension: "speed", Value: 120, Text: "x"},
		{Kind: CmdOverride, Team: "Alpha", Dimension: "speed", Value: 50},
		{Kind: CmdRate, Team: "Alpha", Objective: "speak", Rating: "A"},
		{Kind: CmdRate, Team: "Alpha", Objective: "nope", Rating: "P"},
		{Kind: CmdInject, Channel: "pigeon", Text: "x"},
		{Kind: CmdNote, Team: "Zulu", Text: "x"},
	} {
		if err := s.Send(bad); err == nil {
			t.Errorf("%+v should be refused", bad)
		}
	}
	// Judgement after the end: overrides and ratings still work, injects do not.
	send(Command{Kind: CmdEnd})
	send(Command{Kind: CmdRate, Team: "Bravo", Objective: "speak", Rating: "U"})
	if err := s.Send(Command{Kind: CmdInject, Channel: "news", Text: "late"}); err == nil || !strings.Contains(err.Error(), "ended") {
		t.Fatalf("an inject after the end must be refused: %v", err)
	}
}

func TestFeedFollowsTheWorldAndReplays(t *testing.T) {
	src, _ := os.ReadFile("testdata/voices.yaml")
	run := func(seed uint64) (*MemoryLog, *Session) {
		log := &MemoryLog{}
		s, err := Start(Config{ScenarioID: "voices", Source: src, Teams: []string{"Alpha", "Bravo"}, Lang: "en", Seed: seed}, log, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Send(Command{Kind: CmdResume}); err != nil {
			t.Fatal(err)
		}
		at(t, s, 2*time.Minute)
		choose(t, s, "Alpha", "first", "reassure", "")
		choose(t, s, "Bravo", "first", "honest", "")
		at(t, s, 30*time.Minute)
		return log, s
	}
	log, s := run(7)
	tones := func(tm Team) map[string]int {
		out := map[string]int{}
		for _, f := range tm.Feed {
			out[f.Post.Tone]++
		}
		return out
	}
	a, b := team(s, "Alpha"), team(s, "Bravo")
	if tones(a)["ridicule"] == 0 || tones(a)["support"] != 0 {
		t.Fatalf("Alpha said 'safe': its feed should ridicule it, never praise it: %v", tones(a))
	}
	if tones(b)["support"] == 0 || tones(b)["ridicule"] != 0 {
		t.Fatalf("Bravo warned early: its feed should support it: %v", tones(b))
	}
	if tones(a)["hostile"] != 0 {
		t.Fatal("'still nothing from the company' cannot appear after the team spoke (at 2m, before the first period)")
	}
	replayed, err := Fold(log.Events)
	if err != nil {
		t.Fatal(err)
	}
	if got := replayed.Team("Alpha").Feed; len(got) != len(a.Feed) || got[0].Post.ID != a.Feed[0].Post.ID {
		t.Fatal("a replay shows the same feed")
	}
	_, s2 := run(7)
	if a2 := team(s2, "Alpha"); len(a2.Feed) != len(a.Feed) || a2.Feed[len(a2.Feed)-1].Post.ID != a.Feed[len(a.Feed)-1].Post.ID {
		t.Fatal("the same seed gives the same feed")
	}
}
