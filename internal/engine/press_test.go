package engine

import (
	"errors"
	"math"
	"os"
	"testing"
	"time"
)

// startPress starts testdata/press.yaml (the replies scenario with a
// briefing of three questions, 60 s each, 1 minute into the start phase,
// and an evening conference only the facilitator starts).
func startPress(t *testing.T, teams ...string) (*Session, *MemoryLog, *FakeClock) {
	t.Helper()
	src, err := os.ReadFile("testdata/press.yaml")
	if err != nil {
		t.Fatal(err)
	}
	log, clock := &MemoryLog{}, NewFakeClock()
	s, err := Start(Config{ScenarioID: "press", Source: src, Teams: teams, Lang: "en", Speed: 1}, log, clock)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdResume}); err != nil {
		t.Fatal(err)
	}
	return s, log, clock
}

// A scheduled conference starts on time; the team answers the current
// question only; the facilitator adds a question; a question whose clock
// runs out counts as unanswered; each answer is judged, against what the
// team said before (an apology, then a denial: a contradiction), and the
// whole is scored; a fold of the log gives the same conference.
func TestPressConference(t *testing.T) {
	s, log, clock := startPress(t, "Alpha", "Bravo")
	answer := func(q int, text string) error {
		return s.Send(Command{Kind: CmdAnswer, Team: "Alpha", Conference: "briefing", Question: q, Text: text})
	}
	if err := answer(1, "We are sorry."); !errors.Is(err, ErrNotAsked) {
		t.Errorf("an answer before the conference starts: %v", err)
	}
	run(t, s, clock, time.Minute)
	for _, name := range []string{"Alpha", "Bravo"} {
		r := pressOf(s, name, "")
		if r == nil || r.Conference.ID != "briefing" || r.StartedAt != time.Minute {
			t.Fatalf("%s: the briefing did not start at 1:00: %+v", name, r)
		}
		if n, q, deadline, _ := r.Current(); n != 1 || q.Text["en"] != "How many children fell ill?" || deadline != 2*time.Minute {
			t.Errorf("%s: current question %d %v due %s", name, n, q.Text, deadline)
		}
	}
	for _, c := range []struct {
		name string
		q    int
		text string
		want error
	}{
		{"a question not asked yet", 2, "Yes.", ErrNotAsked},
		{"no text", 1, " ", ErrNoText},
	} {
		if err := answer(c.q, c.text); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if err := s.Send(Command{Kind: CmdAnswer, Team: "Alpha", Conference: "evening", Question: 1, Text: "x"}); !errors.Is(err, ErrNotAsked) {
		t.Errorf("an answer to a conference not started: %v", err)
	}
	if err := answer(1, "We are sorry. Please stop drinking the juice and call 400-123."); err != nil {
		t.Fatal(err)
	}
	if err := answer(1, "Again."); !errors.Is(err, ErrNotAsked) {
		t.Errorf("the same question answered twice: %v", err)
	}
	// Paused: the answer waits, as a choice does.
	if err := s.Send(Command{Kind: CmdPause}); err != nil {
		t.Fatal(err)
	}
	if err := answer(2, "No comment."); !errors.Is(err, ErrPaused) {
		t.Errorf("an answer while paused: %v", err)
	}
	if err := s.Send(Command{Kind: CmdResume}); err != nil {
		t.Fatal(err)
	}
	run(t, s, clock, 10*time.Second)
	if err := answer(2, "No comment."); err != nil {
		t.Fatal(err)
	}
	// The facilitator adds a question to Alpha's queue; another
	// conference cannot start while this one runs.
	if err := s.Send(Command{Kind: CmdPress, Team: "Alpha", Conference: "briefing", From: "Role-player, TV 5", Text: "Will you resign?"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdPress, Team: "Alpha", Conference: "briefing"}); !errors.Is(err, ErrNoText) {
		t.Errorf("a running conference started again: %v", err)
	}
	if err := s.Send(Command{Kind: CmdPress, Team: "Alpha", Conference: "evening"}); !errors.Is(err, ErrPressBusy) {
		t.Errorf("a second conference while one runs: %v", err)
	}
	if err := s.Send(Command{Kind: CmdPress, Team: "Alpha", Conference: "nothing"}); !errors.Is(err, ErrNoSuchConference) {
		t.Errorf("no such conference: %v", err)
	}
	// Question 3's clock runs out 60 s after it was asked (at 1:10).
	run(t, s, clock, 59*time.Second)
	if n, _, _, _ := pressOf(s, "Alpha", "briefing").Current(); n != 3 {
		t.Fatalf("question 3 should still be asked at 2:09, not %d", n)
	}
	run(t, s, clock, time.Second)
	r := pressOf(s, "Alpha", "briefing")
	n, q, _, ok := r.Current()
	if !ok || n != 4 || !q.AdHoc || q.Text.Get("en") != "Will you resign?" || q.From.Get("zh") != "Role-player, TV 5" {
		t.Fatalf("question 4 should be the facilitator's: %d %+v", n, q)
	}
	if err := answer(4, "There is no problem; these reports are rumours."); err != nil {
		t.Fatal(err)
	}
	r = pressOf(s, "Alpha", "briefing")
	if r.Running() || len(r.Answers) != 4 {
		t.Fatalf("the conference should be over with 4 answers: %d", len(r.Answers))
	}
	a := r.Answers
	if a[0].Rubric == nil || len(a[0].FactsFound) != 1 || a[0].Clash != "" || a[0].NoComment() {
		t.Errorf("answer 1: %+v", a[0])
	}
	if !a[1].NoComment() || a[1].Stance != "acknowledge" {
		t.Errorf("answer 2 (no comment, after an apology): %+v", a[1])
	}
	if !a[2].Unanswered || a[2].Rubric != nil || !a[2].NoComment() || a[2].At != 2*time.Minute+10*time.Second {
		t.Errorf("answer 3 (run out): %+v", a[2])
	}
	if a[3].Clash != "denial" {
		t.Errorf("answer 4 denies after an apology: clash %q", a[3].Clash)
	}
	sc := r.Score()
	if sc.Asked != 4 || sc.Answered != 3 || sc.Unanswered != 1 || sc.NoComment != 2 || sc.Contradictions != 1 || sc.Share() != 0.75 {
		t.Errorf("score: %+v", sc)
	}
	wantMean := (a[0].Rubric.Overall + a[1].Rubric.Overall + a[3].Rubric.Overall) / 4
	if sc.Mean != math.Round(wantMean*10)/10 || math.Abs(sc.Score-max(0, sc.Mean-ContradictionPenalty)) > 1e-9 {
		t.Errorf("mean %.1f (want %.1f), score %.1f: %v %v %v", sc.Mean, wantMean, sc.Score, a[0].Rubric.Overall, a[1].Rubric.Overall, a[3].Rubric.Overall)
	}
	// Bravo said nothing: every question ran out.
	run(t, s, clock, 2*time.Minute)
	if sc := pressOf(s, "Bravo", "briefing").Score(); sc.Asked != 3 || sc.Unanswered != 3 || sc.Score != 0 || sc.NoComment != 3 {
		t.Errorf("Bravo: %+v", sc)
	}
	// Over: started again it is refused; the evening conference may start
	// for every team, with a question of the facilitator's.
	if err := s.Send(Command{Kind: CmdPress, Team: "Alpha", Conference: "briefing", Text: "More?"}); !errors.Is(err, ErrPressOver) {
		t.Errorf("a question for a conference that is over: %v", err)
	}
	if err := s.Send(Command{Kind: CmdPress, Conference: "evening", From: "TV 5", Text: "And tomorrow?", Ref: "r1"}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Alpha", "Bravo"} {
		if r := pressOf(s, name, ""); r == nil || r.Conference.ID != "evening" || len(r.Questions) != 2 {
			t.Errorf("%s: the evening conference with the facilitator's question: %+v", name, r)
		}
	}
	var live *State
	s.Read(func(st *State) { live = st.Clone() })
	folded, err := Fold(log.Events)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Alpha", "Bravo"} {
		lt, ft := live.Team(name), folded.Team(name)
		if len(lt.Press) != len(ft.Press) {
			t.Fatalf("%s: %d conferences live, %d folded", name, len(lt.Press), len(ft.Press))
		}
		for i := range lt.Press {
			if lt.Press[i].Score() != ft.Press[i].Score() || len(lt.Press[i].Questions) != len(ft.Press[i].Questions) {
				t.Errorf("%s: conference %d folds differently", name, i)
			}
		}
	}
	if !folded.Refs["r1"] {
		t.Error("the facilitator's command is not marked handled")
	}
}

// pressOf is a copy of the team's run of the conference (id "": the
// running one), or nil.
func pressOf(s *Session, name, id string) (out *PressRun) {
	s.Read(func(st *State) {
		r := st.Team(name).RunningPress()
		if id != "" {
			r = st.Team(name).PressRun(id)
		}
		if r != nil {
			c := *r
			out = &c
		}
	})
	return out
}

// A conference survives a resume: the question being asked, its clock and
// the answers so far come back from the log, and play goes on from there.
func TestPressConferenceResumes(t *testing.T) {
	s, log, clock := startPress(t, "Alpha")
	run(t, s, clock, time.Minute+10*time.Second)
	if err := s.Send(Command{Kind: CmdAnswer, Team: "Alpha", Conference: "briefing", Question: 1, Text: "We are sorry; call 400-123."}); err != nil {
		t.Fatal(err)
	}
	at := s.ExerciseTime()
	events := append([]Event(nil), log.Events...)
	log2 := &MemoryLog{Events: events}
	clock2 := NewFakeClock()
	r, err := Resume(events, log2, clock2, at)
	if err != nil {
		t.Fatal(err)
	}
	p := pressOf(r, "Alpha", "")
	if p == nil || len(p.Answers) != 1 || p.AskedAt != at {
		t.Fatalf("after the resume: %+v", p)
	}
	if err := r.Send(Command{Kind: CmdResume}); err != nil {
		t.Fatal(err)
	}
	run(t, r, clock2, time.Minute) // question 2 runs out a minute after it was asked
	if p := pressOf(r, "Alpha", "briefing"); len(p.Answers) != 2 || !p.Answers[1].Unanswered || p.Answers[1].At != at+time.Minute {
		t.Fatalf("question 2 after the resume: %+v", p.Answers)
	}
	if err := r.Send(Command{Kind: CmdAnswer, Team: "Alpha", Conference: "briefing", Question: 3, Text: "We do not know yet; results by 8 p.m."}); err != nil {
		t.Fatal(err)
	}
	if sc := pressOf(r, "Alpha", "briefing").Score(); sc.Asked != 3 || sc.Answered != 2 {
		t.Errorf("the whole after the resume: %+v", sc)
	}
}
