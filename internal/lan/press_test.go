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

// pressHost serves the press scenario: the replies scenario with a
// briefing of three questions (60 s each) 1 minute into the start phase.
// The clock runs and is at 1:00: the briefing has started.
func pressHost(t *testing.T, teams ...string) *testHost {
	t.Helper()
	src, err := os.ReadFile("../engine/testdata/press.yaml")
	if err != nil {
		t.Fatal(err)
	}
	th := newTestHostConfig(t, true, engine.Config{ScenarioID: "press", Source: src, Teams: teams, Lang: "en", Speed: 1, Seed: 7})
	th.h.cfg.Logf = nil
	unlimited(th)
	if err := th.run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	th.advance(time.Minute)
	return th
}

// answers lists a team's answers to the briefing as "n:text".
func answers(s *engine.State, team string) []string {
	t := s.Team(team)
	if t == nil {
		return nil
	}
	r := t.PressRun("briefing")
	if r == nil {
		return nil
	}
	var out []string
	for i, a := range r.Answers {
		out = append(out, string(rune('1'+i))+":"+a.Text)
	}
	return out
}

// A team laptop answers the question being asked, exactly once: sent
// again with its ref, after a restart of the host and from a restarted
// laptop it is a duplicate with the first outcome. The answer reaches the
// team's own fold and no other team's laptop.
func TestPressAnswerAppliedOnce(t *testing.T) {
	th := pressHost(t, "Alpha", "Bravo")
	alpha, bravo := th.join("Alpha"), th.join("Bravo")
	waitFor(t, "the briefing on Alpha's laptop", 10*time.Second, func() bool {
		started := false
		alpha.Read(func(s *engine.State) { started = s.Team("Alpha") != nil && s.Team("Alpha").RunningPress() != nil })
		return started
	})
	ctx := context.Background()
	text := "We are sorry. Please stop drinking the juice and call 400-123."
	cmd := engine.Command{Kind: engine.CmdAnswer, Conference: "briefing", Question: 1, Text: text, Ref: "script:1"}
	first, err := alpha.SendContext(ctx, cmd)
	if err != nil || first.Status != StatusAccepted || first.Duplicate || first.Seq == 0 {
		t.Fatalf("the answer: %+v, %v", first, err)
	}
	again := func(c *Client, when string) {
		t.Helper()
		o, err := c.SendContext(ctx, cmd)
		if err != nil || o.Status != StatusAccepted || !o.Duplicate || o.Seq != first.Seq || o.AtMS != first.AtMS {
			t.Fatalf("%s: %+v, %v; want a duplicate of %+v", when, o, err, first)
		}
	}
	again(alpha, "sent again")
	th.h.Close()
	th.start()
	unlimited(th)
	again(alpha, "after a restart of the host")
	alpha.Close()
	alpha = th.join("Alpha")
	again(alpha, "from a restarted laptop")

	n := 0
	for _, ev := range mustEvents(t, th) {
		if ev.Kind == engine.KindPressAnswered {
			n++
			if ev.Ref != "lan:Alpha:script:1" || ev.Team != "Alpha" || ev.Question != 1 || ev.Conference != "briefing" {
				t.Errorf("the answer's event: %+v", ev)
			}
		}
	}
	if n != 1 {
		t.Fatalf("the answer was applied %d times", n)
	}
	th.run.Session.Read(func(s *engine.State) {
		if got := answers(s, "Alpha"); len(got) != 1 || got[0] != "1:"+text {
			t.Errorf("Alpha's answers on the host: %q", got)
		}
		if got := answers(s, "Bravo"); len(got) != 0 {
			t.Errorf("Bravo's answers: %q", got)
		}
	})
	waitFor(t, "the answer in Alpha's own fold", 10*time.Second, func() bool {
		var got []string
		alpha.Read(func(s *engine.State) { got = answers(s, "Alpha") })
		return len(got) == 1
	})
	bravo.Subscribe(func(ev engine.Event) {
		if ev.Kind == engine.KindPressAnswered && ev.Team == "Alpha" {
			t.Errorf("Bravo's laptop received Alpha's answer: %+v", ev)
		}
	})()
}

// An answer naming another team is refused by the host; what the engine
// refuses comes back with its code and the same words as the host's
// session gives, and nothing refused reaches the log.
func TestPressAnswerRefusals(t *testing.T) {
	t.Parallel() // waits out requests that must go unanswered, beside the others that do
	th := pressHost(t, "Alpha", "Bravo")
	sub := subjects{exercise: th.run.ID}
	nc := rawConn(t, th, "Alpha")
	forBravo := wireCommand{ID: "a1", Kind: wireAnswer, Team: "Bravo", Conference: "briefing", Question: 1, Text: "Call 400-123"}
	if o := request(t, nc, sub.cmd("Alpha"), forBravo); o.Status != StatusRejected || !strings.Contains(o.Reason, "cannot send for team") {
		t.Errorf("an answer naming Bravo on Alpha's subject: %+v", o)
	}
	data, _ := json.Marshal(forBravo)
	if _, err := nc.Request(sub.cmd("Bravo"), data, time.Second); err == nil {
		t.Error("an answer on Bravo's command subject must not be answered")
	}
	noQuestion := wireCommand{ID: "a2", Kind: wireAnswer, Team: "Alpha", Conference: "briefing", Text: "x"}
	if o := request(t, nc, sub.cmd("Alpha"), noQuestion); o.Status != StatusRejected || !strings.Contains(o.Reason, "schema") {
		t.Errorf("an answer without its question: %+v", o)
	}
	alpha := th.join("Alpha")
	before := countKinds(t, th)
	for i, c := range []struct {
		name   string
		cmd    engine.Command
		refuse *engine.Refusal
	}{
		{"no such conference", engine.Command{Kind: engine.CmdAnswer, Conference: "nothing", Question: 1, Text: "x"}, engine.ErrNoSuchConference},
		{"a question not asked", engine.Command{Kind: engine.CmdAnswer, Conference: "briefing", Question: 2, Text: "x"}, engine.ErrNotAsked},
		{"a conference not started", engine.Command{Kind: engine.CmdAnswer, Conference: "evening", Question: 1, Text: "x"}, engine.ErrNotAsked},
		{"no text", engine.Command{Kind: engine.CmdAnswer, Conference: "briefing", Question: 1, Text: " "}, engine.ErrNoText},
	} {
		c.cmd.Ref = "refused-" + string(rune('a'+i))
		o, err := alpha.SendContext(context.Background(), c.cmd)
		if err != nil || o.Status != StatusRejected || o.Code != c.refuse.Code {
			t.Errorf("%s: %+v, %v; want refused with %q", c.name, o, err, c.refuse.Code)
			continue
		}
		c.cmd.Ref = ""
		err = alpha.Send(c.cmd)
		local := th.run.Session.Send(engine.Command{Kind: engine.CmdAnswer, Team: "Alpha", Conference: c.cmd.Conference, Question: c.cmd.Question, Text: c.cmd.Text})
		if !errors.Is(err, c.refuse) || !errors.Is(local, c.refuse) || err.Error() != local.Error() {
			t.Errorf("%s: the laptop's error %v, the host's session's %v", c.name, err, local)
		}
	}
	after := countKinds(t, th)
	if after[engine.KindPressAnswered] != before[engine.KindPressAnswered] || after[engine.KindRejected] != before[engine.KindRejected] {
		t.Errorf("refused answers reached the log: %v → %v", before, after)
	}
}
