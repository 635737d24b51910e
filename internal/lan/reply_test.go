package lan

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// repliesHost serves the replies scenario: a parent's "complaint" at 0:00
// asks for an answer (with the hotline); the reporter's call at 5m does not.
func repliesHost(t *testing.T, teams ...string) *testHost {
	t.Helper()
	src, err := os.ReadFile("../engine/testdata/replies.yaml")
	if err != nil {
		t.Fatal(err)
	}
	th := newTestHostConfig(t, true, engine.Config{ScenarioID: "replies", Source: src, Teams: teams, Lang: "en", Speed: 1, Seed: 7})
	th.h.cfg.Logf = nil
	unlimited(th)
	return th
}

// replies lists a team's replies in the state as "inject:text" (none
// while a laptop's own fold has not yet reached the exercise's start).
func replies(s *engine.State, team string) []string {
	t := s.Team(team)
	if t == nil {
		return nil
	}
	var out []string
	for _, r := range t.Replies {
		out = append(out, r.Inject.ID+":"+r.Text)
	}
	return out
}

func waitInbox(t *testing.T, c *Client, n int) {
	t.Helper()
	waitFor(t, c.Team()+"'s injects", 10*time.Second, func() bool { return len(inbox(c)) >= n })
}

// A reply from a team laptop lands once: sent again with its ref, after a
// restart of the host, and from a restarted laptop, it is a duplicate with
// the first outcome. It reaches its team's stream (the laptop's own fold
// has it) and no other team's.
func TestReplyAppliedOnce(t *testing.T) {
	th := repliesHost(t, "Alpha", "Bravo")
	alpha, bravo := th.join("Alpha"), th.join("Bravo")
	waitInbox(t, alpha, 1)
	ctx := context.Background()
	text := "We are sorry. Please call our hotline 400-123 now."
	cmd := engine.Command{Kind: engine.CmdReply, Inject: "complaint", Text: text, Ref: "script:1"}
	first, err := alpha.SendContext(ctx, cmd)
	if err != nil || first.Status != StatusAccepted || first.Duplicate || first.Seq == 0 || first.ID != "script:1" {
		t.Fatalf("the reply: %+v, %v", first, err)
	}
	again := func(c *Client, when string) {
		t.Helper()
		o, err := c.SendContext(ctx, cmd)
		if err != nil || o.Status != StatusAccepted || !o.Duplicate || o.Seq != first.Seq || o.AtMS != first.AtMS {
			t.Fatalf("%s: %+v, %v; want a duplicate of %+v", when, o, err, first)
		}
	}
	again(alpha, "sent again")

	// The host restarts: the outcome comes back from the log.
	th.h.Close()
	th.start()
	unlimited(th)
	again(alpha, "after a restart of the host")

	// The laptop restarts: a new client, the same script, the same ref.
	alpha.Close()
	alpha = th.join("Alpha")
	again(alpha, "from a restarted laptop")

	n := 0
	for _, ev := range mustEvents(t, th) {
		if ev.Kind == engine.KindReplied {
			n++
			if ev.Ref != "lan:Alpha:script:1" || ev.Team != "Alpha" || ev.Inject != "complaint" {
				t.Errorf("the reply's event: %+v", ev)
			}
		}
	}
	if n != 1 {
		t.Fatalf("the reply was applied %d times", n)
	}
	th.run.Session.Read(func(s *engine.State) {
		if got := replies(s, "Alpha"); len(got) != 1 || got[0] != "complaint:"+text {
			t.Errorf("Alpha's replies on the host: %q", got)
		}
		if r := s.Team("Alpha").Replies[0]; len(r.FactsFound) != 1 || r.FactsFound[0] != "hotline" {
			t.Errorf("the reply's facts: %v", r.FactsFound)
		}
		if got := replies(s, "Bravo"); len(got) != 0 {
			t.Errorf("Bravo's replies: %q", got)
		}
	})
	waitFor(t, "the reply in Alpha's own fold", 10*time.Second, func() bool {
		var got []string
		alpha.Read(func(s *engine.State) { got = replies(s, "Alpha") })
		return len(got) == 1
	})
	// Bravo's laptop has caught up with an event after the reply, and
	// never saw the reply.
	if err := th.run.Session.Send(engine.Command{Kind: engine.CmdInject, Team: "Bravo", Channel: "email", Text: "later"}); err != nil {
		t.Fatal(err)
	}
	waitInbox(t, bravo, 2)
	bravo.Subscribe(func(ev engine.Event) {
		if ev.Kind == engine.KindReplied {
			t.Errorf("Bravo's laptop received Alpha's reply: %+v", ev)
		}
	})()
}

// A reply naming another team is refused by the host, whatever the laptop
// sends and on whichever subject; the client does not send one.
func TestReplyForAnotherTeamIsRefused(t *testing.T) {
	t.Parallel() // waits out requests that must go unanswered, beside the others that do
	th := repliesHost(t, "Alpha", "Bravo")
	sub := subjects{exercise: th.run.ID}
	nc := rawConn(t, th, "Alpha")
	forBravo := wireCommand{ID: "r1", Kind: wireReply, Team: "Bravo", Inject: "complaint", Text: "Call 400-123"}
	if o := request(t, nc, sub.cmd("Alpha"), forBravo); o.Status != StatusRejected || !strings.Contains(o.Reason, "cannot send for team") {
		t.Errorf("a reply naming Bravo on Alpha's subject: %+v", o)
	}
	data, _ := json.Marshal(forBravo)
	if _, err := nc.Request(sub.cmd("Bravo"), data, time.Second); err == nil {
		t.Error("a reply on Bravo's command subject must not be answered")
	}
	alpha := th.join("Alpha")
	waitInbox(t, alpha, 1)
	if _, err := alpha.SendContext(context.Background(), engine.Command{Kind: engine.CmdReply, Team: "Bravo", Inject: "complaint", Text: "x"}); err == nil ||
		!strings.Contains(err.Error(), "joined as team") {
		t.Errorf("the client sending for Bravo: %v", err)
	}
	// The laptop's own team is the one the reply is for, even unnamed.
	if err := alpha.Send(engine.Command{Kind: engine.CmdReply, Inject: "complaint", Text: "Call 400-123"}); err != nil {
		t.Fatal(err)
	}
	th.run.Session.Read(func(s *engine.State) {
		if a, b := replies(s, "Alpha"), replies(s, "Bravo"); len(a) != 1 || len(b) != 0 {
			t.Errorf("replies: Alpha %q, Bravo %q", a, b)
		}
	})
}

// A reply the engine refuses comes back with the engine's refusal code, as
// a choice's does, and the client's error is the one the host's session
// gave (errors.Is the refusal, the same words). Nothing refused reaches the
// log. A reply is as long as a statement may be.
func TestReplyRefusalsTravelBack(t *testing.T) {
	th := repliesHost(t, "Alpha")
	if err := th.run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	th.advance(6 * time.Minute) // the reporter called at 5m; it asks for no answer
	alpha := th.join("Alpha")
	waitInbox(t, alpha, 2)
	before := countKinds(t, th)
	cases := []struct {
		name   string
		cmd    engine.Command
		refuse *engine.Refusal
	}{
		{"an inject that asks for no answer", engine.Command{Kind: engine.CmdReply, Inject: "reporter", Text: "Hello"}, engine.ErrNoReply},
		{"an inject the team never received", engine.Command{Kind: engine.CmdReply, Inject: "adhoc-1", Text: "Hello"}, engine.ErrNoReply},
		{"no text", engine.Command{Kind: engine.CmdReply, Inject: "complaint"}, engine.ErrNoText},
		{"blank text", engine.Command{Kind: engine.CmdReply, Inject: "complaint", Text: " \n "}, engine.ErrNoText},
	}
	for i, c := range cases {
		c.cmd.Ref = "refused-" + string(rune('a'+i))
		o, err := alpha.SendContext(context.Background(), c.cmd)
		if err != nil || o.Status != StatusRejected || o.Code != c.refuse.Code || o.Reason == "" {
			t.Errorf("%s: %+v, %v; want refused with %q", c.name, o, err, c.refuse.Code)
			continue
		}
		c.cmd.Ref = ""
		err = alpha.Send(c.cmd)
		local := th.run.Session.Send(engine.Command{Kind: engine.CmdReply, Team: "Alpha", Inject: c.cmd.Inject, Text: c.cmd.Text})
		if !errors.Is(err, c.refuse) || !errors.Is(local, c.refuse) || err.Error() != local.Error() {
			t.Errorf("%s: the laptop's error %v, the host's session's %v", c.name, err, local)
		}
	}
	after := countKinds(t, th)
	if after[engine.KindReplied] != before[engine.KindReplied] || after[engine.KindRejected] != before[engine.KindRejected] {
		t.Errorf("refused replies reached the log: %v → %v", before, after)
	}

	// 10,000 characters of Chinese (30 KB) is a reply; one more is not.
	long := strings.Repeat("中", engine.MaxStatementLen)
	if o, err := alpha.SendContext(context.Background(), engine.Command{Kind: engine.CmdReply, Inject: "complaint", Text: long}); err != nil || o.Status != StatusAccepted {
		t.Errorf("a reply of %d characters: %+v, %v", engine.MaxStatementLen, o, err)
	}
	o, err := alpha.SendContext(context.Background(), engine.Command{Kind: engine.CmdReply, Inject: "complaint", Text: long + "中"})
	if err != nil || o.Status != StatusRejected || !strings.Contains(o.Reason, `"text" must be a string of at most 10000 characters`) {
		t.Errorf("a reply of %d characters: %+v, %v", engine.MaxStatementLen+1, o, err)
	}
	th.run.Session.Read(func(s *engine.State) {
		if n := len(s.Team("Alpha").Replies); n != 1 {
			t.Errorf("Alpha has %d replies, want 1", n)
		}
	})
	if _, err := alpha.SendContext(context.Background(), engine.Command{Kind: engine.CmdNote, Text: "x"}); err == nil ||
		!strings.Contains(err.Error(), "only send choices, replies, posts and answers") {
		t.Errorf("a note from a team laptop: %v", err)
	}
}

func mustEvents(t *testing.T, th *testHost) []engine.Event {
	t.Helper()
	events, err := th.st.Events(th.run.ID)
	if err != nil {
		t.Fatal(err)
	}
	return events
}
