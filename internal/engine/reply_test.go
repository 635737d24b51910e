package engine

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/rubric"
)

// startReplies starts testdata/replies.yaml (a parent's message at 0:00
// that asks for an answer with the hotline; a reporter's call that does
// not) for the teams, with the clock running.
func startReplies(t *testing.T, teams ...string) (*Session, *MemoryLog, *FakeClock) {
	t.Helper()
	src, err := os.ReadFile("testdata/replies.yaml")
	if err != nil {
		t.Fatal(err)
	}
	log, clock := &MemoryLog{}, NewFakeClock()
	s, err := Start(Config{ScenarioID: "replies", Source: src, Teams: teams, Lang: "en", Speed: 1}, log, clock)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdResume}); err != nil {
		t.Fatal(err)
	}
	return s, log, clock
}

// A team answers the injects that ask for it: the reply is logged, judged
// (facts found, the rubric), and folds back the same from the log; what
// asks for no answer, or has not arrived, is refused with its reason.
func TestTeamsReplyToInjectsThatAskForIt(t *testing.T) {
	s, log, clock := startReplies(t, "Alpha", "Bravo")
	reply := func(team, inject, text string) error {
		return s.Send(Command{Kind: CmdReply, Team: team, Inject: inject, Text: text})
	}
	for _, c := range []struct {
		name, team, inject, text string
		want                     error
	}{
		{"an inject that asks for no answer", "Alpha", "reporter", "We are looking into it.", ErrNoReply},
		{"no such inject", "Alpha", "nothing", "Hello.", ErrNoReply},
		{"no text", "Alpha", "complaint", "  ", ErrNoText},
		{"too long", "Alpha", "complaint", strings.Repeat("a", MaxStatementLen+1), ErrTextTooLong},
		{"no such team", "Zulu", "complaint", "Hello.", ErrNoSuchTeam},
	} {
		if err := reply(c.team, c.inject, c.text); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	run(t, s, clock, 5*time.Minute+time.Second) // the reporter's call has arrived too
	if err := reply("Alpha", "reporter", "No comment."); !errors.Is(err, ErrNoReply) {
		t.Errorf("a reply to the reporter's call, which asks for none: %v", err)
	}

	text := "We are so sorry your son is unwell. Please stop giving him the juice and call our hotline 400-123; we will pay for the doctor."
	if err := reply("Alpha", "complaint", text); err != nil {
		t.Fatal(err)
	}
	var got []Reply
	s.Read(func(st *State) {
		got = st.Team("Alpha").Replies
		if n := len(st.Team("Bravo").Replies); n != 0 {
			t.Errorf("Bravo has %d replies", n)
		}
		if rs := RepliesTo(st.Team("Alpha").Replies, "complaint"); len(rs) != 1 || len(RepliesTo(st.Team("Alpha").Replies, "reporter")) != 0 {
			t.Errorf("Alpha's replies to the complaint: %d", len(rs))
		}
	})
	if len(got) != 1 {
		t.Fatalf("Alpha has %d replies, want 1", len(got))
	}
	r := got[0]
	if r.Inject.ID != "complaint" || r.Text != text || r.At != 5*time.Minute+time.Second || r.JudgedLive != rubric.Version {
		t.Errorf("the reply: %+v", r)
	}
	passed := func(res *rubric.Result, id string) bool {
		for _, c := range res.Checks {
			if c.ID == id {
				return c.Passed
			}
		}
		return false
	}
	if !slices.Equal(r.FactsFound, []string{"hotline"}) || r.Rubric == nil || !passed(r.Rubric, "fact:hotline") {
		t.Errorf("the reply's facts %v, rubric %v", r.FactsFound, r.Rubric)
	}

	folded, err := Fold(log.Events)
	if err != nil {
		t.Fatal(err)
	}
	if f := folded.Team("Alpha").Replies; len(f) != 1 || f[0].Text != text || f[0].Rubric.Overall != r.Rubric.Overall {
		t.Errorf("the log folds to other replies: %+v", f)
	}
}

// Any ad-hoc inject may be answered, as its channel suggests; a team that
// has finished answers nothing more.
func TestAdHocInjectsCanBeAnswered(t *testing.T) {
	s, _, _ := startReplies(t, "Alpha")
	if err := s.Send(Command{Kind: CmdInject, Team: "Alpha", Channel: "customer", Text: "Where is my refund?"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdReply, Team: "Alpha", Inject: "adhoc-1", Text: "Your refund left today."}); err != nil {
		t.Fatalf("a reply to an ad-hoc inject: %v", err)
	}
	s.Read(func(st *State) {
		rs := st.Team("Alpha").Replies
		if len(rs) != 1 || rs[0].Inject.Reply.Kind != "customer-email" {
			t.Errorf("the reply to the ad-hoc inject: %+v", rs)
		}
	})
	if err := s.Send(Command{Kind: CmdInject, Team: "Alpha", Channel: "regulator", Text: "Send us your distribution data."}); err != nil {
		t.Fatal(err)
	}
	s.Read(func(st *State) {
		if in, ok := st.Team("Alpha").Answerable("adhoc-2"); !ok || in.Reply.Kind != "regulator-report" {
			t.Errorf("the regulator's ad-hoc letter asks for %+v", in)
		}
	})
	if err := s.Send(Command{Kind: CmdEnd}); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdReply, Team: "Alpha", Inject: "complaint", Text: "Sorry."}); !errors.Is(err, ErrEnded) {
		t.Errorf("a reply after the end: %v, want ErrEnded", err)
	}
}

// A log whose reply answers an inject the team never received does not
// fold.
func TestAReplyToNothingDoesNotFold(t *testing.T) {
	s, log, _ := startReplies(t, "Alpha")
	if err := s.Send(Command{Kind: CmdReply, Team: "Alpha", Inject: "complaint", Text: "Sorry."}); err != nil {
		t.Fatal(err)
	}
	evs := slices.Clone(log.Events)
	evs[len(evs)-1].Inject = "reporter"
	if _, err := Fold(evs); !errors.Is(err, ErrLogBadEvent) {
		t.Errorf("a reply to an inject that asks for none folds: %v", err)
	}
}
