package lan

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// roleplayHost serves testdata/roleplay.yaml (personas parent and
// reporter; the interview a role-player may open; attention nudged by
// at most 10).
func roleplayHost(t *testing.T, teams ...string) *testHost {
	t.Helper()
	src, err := os.ReadFile("../engine/testdata/roleplay.yaml")
	if err != nil {
		t.Fatal(err)
	}
	th := newTestHostConfig(t, true, engine.Config{ScenarioID: "roleplay", Source: src, Teams: teams, Lang: "en", Speed: 1, Seed: 7})
	th.h.cfg.Logf = nil
	unlimited(th)
	return th
}

func (th *testHost) joinRole(seat string) *Client {
	th.t.Helper()
	c, err := JoinRoleplayer(th.h.Address(), th.h.RoleBundle(), seat, JoinOptions{Logf: func(f string, a ...any) { th.t.Logf("role: "+f, a...) }})
	if err != nil {
		th.t.Fatal(err)
	}
	th.t.Cleanup(c.Close)
	return c
}

// rawRoleConn connects as the role-player user with the role-player code.
func rawRoleConn(t testing.TB, th *testHost, code string) (*nats.Conn, error) {
	t.Helper()
	b := th.h.Bundle()
	nc, err := nats.Connect("tls://"+th.h.Address(), nats.Secure(pinnedTLS(b.Fingerprint)), nats.UserInfo(RoleUser, RolePassword(code)),
		nats.CustomInboxPrefix(inboxPrefix(RoleToken)), nats.MaxReconnects(0))
	if err == nil {
		t.Cleanup(nc.Close)
	}
	return nc, err
}

// A role-player laptop joined with the role-player code sees what teams
// sent (Alpha's reply reaches its fold), answers it as the parent, opens
// the interview for Bravo and nudges: each applied once, with the seat the
// laptop named, however often it is sent (the same id, after a restart of
// the host, from a restarted laptop); the team's laptop gets the persona's
// message in its inbox.
func TestRolePlayerOverTheNetworkAppliedOnce(t *testing.T) {
	th := roleplayHost(t, "Alpha", "Bravo")
	if th.h.RoleBundle().Code == th.h.Bundle().Code {
		t.Fatal("the role-player code is the teams' code")
	}
	alpha := th.join("Alpha")
	waitInbox(t, alpha, 1)
	if err := alpha.Send(engine.Command{Kind: engine.CmdReply, Inject: "complaint", Text: "We are sorry; call 400-123."}); err != nil {
		t.Fatal(err)
	}
	rp := th.joinRole("desk 2")
	waitFor(t, "Alpha's reply in the role-player's fold", 10*time.Second, func() bool {
		n := 0
		rp.Read(func(s *engine.State) {
			if a := s.Team("Alpha"); a != nil {
				n = len(a.Replies)
			}
		})
		return n == 1
	})
	ctx := context.Background()
	say := engine.Command{Kind: engine.CmdRoleSay, Team: "Alpha", Persona: "parent", Channel: "customer", Thread: engine.ThreadReply(1),
		Text: "Who pays the hospital?", Ref: "say-1", Seat: engine.SeatFacilitator /* the laptop's seat wins */}
	first, err := rp.SendContext(ctx, say)
	if err != nil || first.Status != StatusAccepted || first.Duplicate {
		t.Fatalf("the message: %+v, %v", first, err)
	}
	dup := func(c *Client, when string) {
		t.Helper()
		o, err := c.SendContext(ctx, say)
		if err != nil || o.Status != StatusAccepted || !o.Duplicate || o.Seq != first.Seq {
			t.Fatalf("%s: %+v, %v; want a duplicate of %+v", when, o, err, first)
		}
	}
	dup(rp, "sent again")
	th.h.Close()
	th.start()
	unlimited(th)
	dup(rp, "after a restart of the host")
	rp.Close()
	rp = th.joinRole("desk 2")
	dup(rp, "from a restarted laptop")
	if err := rp.Send(engine.Command{Kind: engine.CmdRoleOpen, Team: "Bravo", Decision: "interview"}); err != nil {
		t.Fatal(err)
	}
	if err := rp.Send(engine.Command{Kind: engine.CmdRoleNudge, Team: "Alpha", Effects: map[string]float64{"attention": -5}}); err != nil {
		t.Fatal(err)
	}
	said := 0
	for _, ev := range mustEvents(t, th) {
		switch {
		case ev.Kind == engine.KindRoleSaid:
			said++
			if ev.Seat != "desk 2" || ev.Ref != "lan:_rp:say-1" || ev.Team != "Alpha" || ev.Thread != "reply:1" {
				t.Errorf("the message's event: %+v", ev)
			}
		case ev.Seat != "" && ev.Seat != "desk 2":
			t.Errorf("an event with seat %q: %+v", ev.Seat, ev)
		}
	}
	if said != 1 {
		t.Fatalf("the message was applied %d times", said)
	}
	th.run.Session.Read(func(s *engine.State) {
		if !s.Team("Bravo").IsOpen("interview") || s.Team("Alpha").World["attention"] != 5 || len(s.Interventions) != 3 {
			t.Errorf("interview open %v, Alpha's attention %v, %d interventions", s.Team("Bravo").IsOpen("interview"),
				s.Team("Alpha").World["attention"], len(s.Interventions))
		}
	})
	waitFor(t, "the parent's answer on Alpha's laptop", 10*time.Second, func() bool {
		var text, seat string
		alpha.Read(func(s *engine.State) {
			if a := s.Team("Alpha"); a != nil && len(a.Inbox) == 2 {
				text, seat = a.Inbox[1].Inject.Text.Get("en"), a.Inbox[1].Seat
			}
		})
		return text == "Who pays the hospital?" && seat == "desk 2"
	})

	// A refusal comes back with the engine's code.
	err = rp.Send(engine.Command{Kind: engine.CmdRoleNudge, Team: "Alpha", Effects: map[string]float64{"attention": 50}})
	if engine.RefusalCode(err) != engine.ErrNudgeLimit.Code {
		t.Errorf("a nudge over the limit: %v", err)
	}
	if _, err := rp.SendContext(ctx, engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "interview", Option: "yes"}); err == nil {
		t.Error("the role-player client sent a team's choice")
	}
}

// Permissions: the role-player user may not publish on a team's command
// subject, and a team's user not on the role-player's; the host refuses a
// team's command on the role-player's subject and a role-player's command
// on a team's, a lying seat ("facilitator", none), and the teams' code as
// the role-player code.
func TestRolePlayerAndTeamsCannotSendForEachOther(t *testing.T) {
	th := roleplayHost(t, "Alpha", "Bravo")
	sub := subjects{exercise: th.run.ID}
	if _, err := rawRoleConn(t, th, th.h.Bundle().Code); err == nil {
		t.Error("the teams' code logs in as the role-player")
	}
	rnc, err := rawRoleConn(t, th, th.h.RoleBundle().Code)
	if err != nil {
		t.Fatal(err)
	}
	choice := wireCommand{ID: "c1", Kind: wireChoose, Team: "Alpha", Decision: "interview", Option: "yes"}
	data, _ := json.Marshal(choice)
	if _, err := rnc.Request(sub.cmd("Alpha"), data, time.Second); err == nil {
		t.Error("the role-player's choice on Alpha's command subject was answered")
	}
	choice.Team = RoleToken
	if o := request(t, rnc, sub.cmd(RoleToken), choice); o.Status != StatusRejected {
		t.Errorf("a team's choice on the role-player's subject: %+v", o)
	}
	say := wireCommand{ID: "s1", Kind: wireRoleSay, Team: RoleToken, Seat: "facilitator", Persona: "parent", Channel: "email", Text: "Hi"}
	if o := request(t, rnc, sub.cmd(RoleToken), say); o.Status != StatusRejected || o.Code != engine.ErrBadSeat.Code {
		t.Errorf("a role-player laptop claiming the facilitator's seat: %+v", o)
	}
	say.Seat, say.ID = "desk 2", "s2"
	if o := request(t, rnc, sub.cmd(RoleToken), say); o.Status != StatusAccepted {
		t.Errorf("a role-player's message: %+v", o)
	}

	anc := rawConn(t, th, "Alpha")
	asTeam := say
	asTeam.ID, asTeam.Team = "s3", "Alpha"
	data, _ = json.Marshal(asTeam)
	if _, err := anc.Request(sub.cmd(RoleToken), data, time.Second); err == nil {
		t.Error("Alpha's role-player command on the role-player's subject was answered")
	}
	if o := request(t, anc, sub.cmd("Alpha"), asTeam); o.Status != StatusRejected {
		t.Errorf("a role-player's command on Alpha's own subject: %+v", o)
	}
	var said int
	for _, ev := range mustEvents(t, th) {
		if ev.Kind == engine.KindRoleSaid {
			said++
		}
		if ev.Kind == engine.KindChosen {
			t.Errorf("a choice was applied: %+v", ev)
		}
	}
	if said != 1 {
		t.Errorf("%d persona messages applied, want 1", said)
	}
	if _, err := JoinRoleplayer(th.h.Address(), th.h.RoleBundle(), engine.SeatFacilitator, JoinOptions{}); err != ErrSeat {
		t.Errorf("joining as the facilitator's seat: %v", err)
	}
}
