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
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// postsHost serves the engine's posts scenario (a feed with reactions; a
// trigger on a denial), its clock running.
func postsHost(t *testing.T, teams ...string) *testHost {
	t.Helper()
	src, err := os.ReadFile("../engine/testdata/posts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	th := newTestHostConfig(t, true, engine.Config{ScenarioID: "posts", Source: src, Teams: teams, Lang: "en", Speed: 1, Seed: 7})
	th.h.cfg.Logf = nil
	unlimited(th)
	if err := th.run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	return th
}

// posts lists a team's posts in the state as "channel:text".
func posts(s *engine.State, team string) []string {
	t := s.Team(team)
	if t == nil {
		return nil
	}
	var out []string
	for _, p := range t.Posts {
		out = append(out, p.Channel+":"+p.Text)
	}
	return out
}

// A post from a team laptop lands once: sent again with its ref, after a
// restart of the host, and from a restarted laptop, it is a duplicate with
// the first outcome. The public's reaction reaches the laptop's own fold;
// another team's laptop sees nothing of it.
func TestPostAppliedOnce(t *testing.T) {
	th := postsHost(t, "Alpha", "Bravo")
	alpha, bravo := th.join("Alpha"), th.join("Bravo")
	waitInbox(t, alpha, 1)
	waitInbox(t, bravo, 1)
	bravo.Subscribe(func(ev engine.Event) {
		if ev.Kind == engine.KindPosted {
			t.Errorf("Bravo's laptop received Alpha's post: %+v", ev)
		}
	})
	ctx := context.Background()
	text := "This is a baseless rumour. Our products meet all national standards and are safe to drink."
	cmd := engine.Command{Kind: engine.CmdPost, Channel: scenario.PostSocial, Text: text, Ref: "script:1"}
	first, err := alpha.SendContext(ctx, cmd)
	if err != nil || first.Status != StatusAccepted || first.Duplicate || first.Seq == 0 {
		t.Fatalf("the post: %+v, %v", first, err)
	}
	again := func(c *Client, when string) {
		t.Helper()
		o, err := c.SendContext(ctx, cmd)
		if err != nil || o.Status != StatusAccepted || !o.Duplicate || o.Seq != first.Seq {
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
		if ev.Kind == engine.KindPosted {
			n++
			if ev.Ref != "lan:Alpha:script:1" || ev.Team != "Alpha" || ev.Channel != scenario.PostSocial {
				t.Errorf("the post's event: %+v", ev)
			}
		}
	}
	if n != 1 {
		t.Fatalf("the post was applied %d times", n)
	}
	th.run.Session.Read(func(s *engine.State) {
		if got := posts(s, "Alpha"); len(got) != 1 || s.Team("Alpha").World["sentiment"] != -15 {
			t.Errorf("Alpha on the host: posts %q, world %v", got, s.Team("Alpha").World)
		}
		if got := posts(s, "Bravo"); len(got) != 0 || s.Team("Bravo").World["sentiment"] != 0 {
			t.Errorf("Bravo on the host: posts %q", got)
		}
	})
	// The laptop's own fold has the post, the reaction and the world it
	// moved, as the host has them.
	waitFor(t, "the post in Alpha's own fold", 10*time.Second, func() bool {
		ok := false
		alpha.Read(func(s *engine.State) {
			a := s.Team("Alpha")
			ok = a != nil && len(a.Posts) == 1 && a.World["sentiment"] == -15 && len(a.Feed) >= 2 && a.Feed[len(a.Feed)-1].Reaction
		})
		return ok
	})
	if err := th.run.Session.Send(engine.Command{Kind: engine.CmdInject, Team: "Bravo", Channel: "email", Text: "later"}); err != nil {
		t.Fatal(err)
	}
	waitInbox(t, bravo, 2)
}

// A post naming another team is refused by the host, whatever the laptop
// sends and on whichever subject; the client does not send one.
func TestPostForAnotherTeamIsRefused(t *testing.T) {
	t.Parallel() // waits out requests that must go unanswered, beside the others that do
	th := postsHost(t, "Alpha", "Bravo")
	sub := subjects{exercise: th.run.ID}
	nc := rawConn(t, th, "Alpha")
	forBravo := wireCommand{ID: "p1", Kind: wirePost, Team: "Bravo", Channel: scenario.PostSocial, Text: "We are sorry."}
	if o := request(t, nc, sub.cmd("Alpha"), forBravo); o.Status != StatusRejected || !strings.Contains(o.Reason, "cannot send for team") {
		t.Errorf("a post naming Bravo on Alpha's subject: %+v", o)
	}
	data, _ := json.Marshal(forBravo)
	if _, err := nc.Request(sub.cmd("Bravo"), data, time.Second); err == nil {
		t.Error("a post on Bravo's command subject must not be answered")
	}
	alpha := th.join("Alpha")
	if _, err := alpha.SendContext(context.Background(), engine.Command{Kind: engine.CmdPost, Team: "Bravo", Channel: scenario.PostSocial, Text: "x"}); err == nil ||
		!strings.Contains(err.Error(), "joined as team") {
		t.Errorf("the client posting for Bravo: %v", err)
	}
	if err := alpha.Send(engine.Command{Kind: engine.CmdPost, Channel: scenario.PostNotice, Text: "We are sorry."}); err != nil {
		t.Fatal(err)
	}
	th.run.Session.Read(func(s *engine.State) {
		if a, b := posts(s, "Alpha"), posts(s, "Bravo"); len(a) != 1 || len(b) != 0 {
			t.Errorf("posts: Alpha %q, Bravo %q", a, b)
		}
	})
}

// A post the engine refuses comes back with the engine's code and words;
// nothing refused reaches the log.
func TestPostRefusalsTravelBack(t *testing.T) {
	th := postsHost(t, "Alpha")
	alpha := th.join("Alpha")
	waitInbox(t, alpha, 1)
	before := countKinds(t, th)
	for i, c := range []struct {
		name   string
		cmd    engine.Command
		refuse *engine.Refusal
	}{
		{"no such channel", engine.Command{Kind: engine.CmdPost, Channel: "tv", Text: "Hello"}, engine.ErrNoChannel},
		{"no text", engine.Command{Kind: engine.CmdPost, Channel: scenario.PostSocial}, engine.ErrNoText},
		{"too long", engine.Command{Kind: engine.CmdPost, Channel: scenario.PostNews, Text: strings.Repeat("中", engine.MaxPostLen+1)}, engine.ErrTextTooLong},
	} {
		c.cmd.Ref = "refused-" + string(rune('a'+i))
		o, err := alpha.SendContext(context.Background(), c.cmd)
		if err != nil || o.Status != StatusRejected || o.Code != c.refuse.Code || o.Reason == "" {
			t.Errorf("%s: %+v, %v; want refused with %q", c.name, o, err, c.refuse.Code)
			continue
		}
		c.cmd.Ref = ""
		err = alpha.Send(c.cmd)
		if !errors.Is(err, c.refuse) {
			t.Errorf("%s: the laptop's error %v", c.name, err)
		}
		// A text too long comes back with its limit, so the team's
		// laptop can say how long a post may be.
		var rf *engine.Refused
		if c.refuse == engine.ErrTextTooLong && (!errors.As(err, &rf) || rf.Limit != engine.MaxPostLen || o.Limit != engine.MaxPostLen) {
			t.Errorf("%s: the laptop's refusal %#v (outcome %+v), want one with the limit %d", c.name, rf, o, engine.MaxPostLen)
		}
	}
	if after := countKinds(t, th); after[engine.KindPosted] != before[engine.KindPosted] || after[engine.KindRejected] != before[engine.KindRejected] {
		t.Errorf("refused posts reached the log: %v → %v", before, after)
	}
}
