package lan

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/firebreak-drills/firebreak/internal/debrief"
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
	// A restarted laptop comes back with the claim it saved (app/join
	// keeps it): a new claim could be refused while the server still
	// lists the closed connection.
	claim := rp.Claim()
	rp.Close()
	rp, err = th.joinRoleClaim("desk 2", claim)
	if err != nil {
		t.Fatalf("the laptop restarted with its claim: %v", err)
	}
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
	t.Parallel() // waits out requests that must go unanswered, beside the others that do
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
	say := wireCommand{ID: "s1", Kind: wireRoleSay, Team: RoleToken, Seat: "facilitator", Persona: "parent", Channel: "email", Text: "Hi",
		Claim: "raw-claim-1"}
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
	// A team's own post cannot name a persona, a seat or a claim (the
	// schema keeps those to the role-player's kinds), nor another team.
	for _, post := range []wireCommand{
		{ID: "p1", Kind: wirePost, Team: "Alpha", Channel: "social", Text: "We recall batch L1.", Persona: "reporter"},
		{ID: "p2", Kind: wirePost, Team: "Alpha", Channel: "social", Text: "We recall batch L1.", Seat: "desk 2", Claim: "raw-claim-1"},
		{ID: "p3", Kind: wirePost, Team: "Bravo", Channel: "social", Text: "We recall batch L1."},
		{ID: "p4", Kind: wireReply, Team: "Alpha", Inject: "complaint", Text: "Hi", Persona: "parent"},
	} {
		if o := request(t, anc, sub.cmd("Alpha"), post); o.Status != StatusRejected {
			t.Errorf("Alpha's %s %s: %+v", post.Kind, post.ID, o)
		}
	}
	// Nor may the role-player post or reply as a team, on its subject.
	for _, post := range []wireCommand{
		{ID: "p5", Kind: wirePost, Team: RoleToken, Channel: "social", Text: "We recall batch L1."},
		{ID: "p6", Kind: wirePost, Team: "Alpha", Channel: "social", Text: "We recall batch L1."},
		{ID: "p7", Kind: wireReply, Team: RoleToken, Inject: "complaint", Text: "Hi"},
		{ID: "p8", Kind: wireChoose, Team: RoleToken, Decision: "interview", Option: "yes", Seat: "desk 2", Claim: "raw-claim-1"},
	} {
		if o := request(t, rnc, sub.cmd(RoleToken), post); o.Status != StatusRejected {
			t.Errorf("the role-player's %s %s: %+v", post.Kind, post.ID, o)
		}
	}
	var said int
	for _, ev := range mustEvents(t, th) {
		if ev.Kind == engine.KindRoleSaid {
			said++
		}
		if ev.Kind == engine.KindChosen || ev.Kind == engine.KindPosted || ev.Kind == engine.KindReplied {
			t.Errorf("a team's command was applied: %+v", ev)
		}
	}
	if said != 1 {
		t.Errorf("%d persona messages applied, want 1", said)
	}
	if _, err := JoinRoleplayer(th.h.Address(), th.h.RoleBundle(), engine.SeatFacilitator, JoinOptions{}); err != ErrSeat {
		t.Errorf("joining as the facilitator's seat: %v", err)
	}
}

// joinRoleClaim joins as a role-player with a claim of its own (the one a
// laptop keeps across its restarts), returning the error.
func (th *testHost) joinRoleClaim(seat, claim string) (*Client, error) {
	th.t.Helper()
	c, err := JoinRoleplayer(th.h.Address(), th.h.RoleBundle(), seat, JoinOptions{Claim: claim, RequestTimeout: 500 * time.Millisecond,
		Logf: func(f string, a ...any) { th.t.Logf(seat+": "+f, a...) }})
	if err == nil {
		th.t.Cleanup(c.Close)
	}
	return c, err
}

// Seats are accountable: while a role-player laptop holding "Press desk"
// is connected, no other laptop can join as that seat (however it spells
// its case and spaces: ErrSeatTaken) nor send a command in its name; a
// laptop gone frees its seat, and one restarted with its claim takes it
// back if nobody has meanwhile. What each seat did is logged with its
// name, and the debrief names it.
func TestRoleSeatsAreClaimedOnce(t *testing.T) {
	th := roleplayHost(t, "Alpha", "Bravo")
	press, err := th.joinRoleClaim("Press desk", "claim-press-1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := th.joinRoleClaim(" press   DESK ", "claim-other-1"); !errors.Is(err, ErrSeatTaken) {
		t.Fatalf("a second laptop as the same seat: %v, want ErrSeatTaken", err)
	}
	if _, err := th.joinRoleClaim("Facilitator", "claim-other-1"); !errors.Is(err, ErrSeat) {
		t.Errorf("a laptop as the facilitator's seat, capitalised: %v, want ErrSeat", err)
	}
	desk2, err := th.joinRoleClaim("Desk 2", "claim-desk2-1")
	if err != nil {
		t.Fatal(err)
	}
	if got := th.h.Seats(); !slices.Equal(got, []string{"Desk 2", "Press desk"}) {
		t.Errorf("seats connected: %q", got)
	}
	say := func(c *Client, ref, text string) error {
		return c.Send(engine.Command{Kind: engine.CmdRoleSay, Team: "Alpha", Persona: "reporter", Channel: "email", Text: text, Ref: ref})
	}
	if err := say(press, "press-1", "Is the batch recalled?"); err != nil {
		t.Fatal(err)
	}
	if err := say(desk2, "desk2-1", "When do you know more?"); err != nil {
		t.Fatal(err)
	}
	// A laptop with the code that writes another's seat in its command is
	// refused: its connection holds no claim to it.
	rnc, err := rawRoleConn(t, th, th.h.RoleBundle().Code)
	if err != nil {
		t.Fatal(err)
	}
	forged := wireCommand{ID: "forged-1", Kind: wireRoleSay, Team: RoleToken, Seat: "Press desk", Claim: "claim-forger-1",
		Target: "Alpha", Persona: "reporter", Channel: "email", Text: "Sent as the press desk"}
	if o := request(t, rnc, subjects{exercise: th.run.ID}.cmd(RoleToken), forged); o.Status != StatusRejected || o.Code != codeSeatTaken {
		t.Errorf("a command in another laptop's seat: %+v", o)
	}

	// The press desk's laptop goes (killed: its connection drops); a new
	// laptop may take the seat, and then the old one, restarted with its
	// claim, may not.
	press.Close()
	waitFor(t, "the server to see the press desk gone", 10*time.Second, func() bool { return !th.h.roleConnected("claim-press-1") })
	other, err := th.joinRoleClaim("Press desk", "claim-other-1")
	if err != nil {
		t.Fatalf("the seat of a laptop gone: %v", err)
	}
	if _, err := th.joinRoleClaim("Press desk", "claim-press-1"); !errors.Is(err, ErrSeatTaken) {
		t.Errorf("the first laptop back after another took its seat: %v", err)
	}
	other.Close()
	waitFor(t, "the server to see the other laptop gone", 10*time.Second, func() bool { return !th.h.roleConnected("claim-other-1") })
	back, err := th.joinRoleClaim("Press desk", "claim-press-1")
	if err != nil {
		t.Fatalf("the press desk's laptop back with its claim: %v", err)
	}
	if err := say(back, "press-2", "Any deaths?"); err != nil {
		t.Fatal(err)
	}

	bySeat := map[string][]string{}
	for _, ev := range mustEvents(t, th) {
		if ev.Kind == engine.KindRoleSaid {
			bySeat[ev.Seat] = append(bySeat[ev.Seat], ev.Text)
		}
	}
	want := map[string][]string{"Press desk": {"Is the batch recalled?", "Any deaths?"}, "Desk 2": {"When do you know more?"}}
	if !reflect.DeepEqual(bySeat, want) {
		t.Errorf("the log's seats: %q, want %q", bySeat, want)
	}
	events := mustEvents(t, th)
	th.run.Session.Read(func(s *engine.State) {
		var got []string
		for _, iv := range debrief.Build(s, events, "en", "Alpha").Teams[0].Roleplay {
			if !strings.Contains(iv.SeatName, debrief.Quote("en", iv.Seat)) {
				t.Errorf("the debrief names seat %q as %q", iv.Seat, iv.SeatName)
			}
			got = append(got, iv.Seat+": "+iv.Text)
		}
		want := []string{"Press desk: Li Wei (email): Is the batch recalled?", "Desk 2: Li Wei (email): When do you know more?",
			"Press desk: Li Wei (email): Any deaths?"}
		if !slices.Equal(got, want) {
			t.Errorf("the debrief's role-player lines: %q, want %q", got, want)
		}
	})
}

// A restart of either side: a message sent while the facilitator's laptop
// is down waits on the role-player's laptop and arrives once when it is
// back; the role-player's laptop, connected across the restart, claims its
// seat again and follows the exercise on; killed with a message on its
// way and restarted with its claim, it sends that message again, which
// counts once.
func TestRolePlayerSurvivesRestartsOfEitherSide(t *testing.T) {
	th := roleplayHost(t, "Alpha")
	alpha := th.join("Alpha")
	waitInbox(t, alpha, 1)
	rp, err := th.joinRoleClaim("Press desk", "claim-press-1")
	if err != nil {
		t.Fatal(err)
	}
	th.h.Close()
	// Sent while the host is down: retried with its id.
	sent := make(chan error, 1)
	go func() {
		sent <- rp.Send(engine.Command{Kind: engine.CmdRoleSay, Team: "Alpha", Persona: "parent", Channel: "customer", Text: "Hello?", Ref: "down-1"})
	}()
	time.Sleep(300 * time.Millisecond)
	th.start()
	unlimited(th)
	select {
	case err := <-sent:
		if err != nil {
			t.Fatalf("the message sent while the host was down: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the message sent while the host was down never arrived")
	}
	waitFor(t, "the role-player's seat claimed again", 10*time.Second, func() bool { return slices.Equal(th.h.Seats(), []string{"Press desk"}) })
	if _, err := th.joinRoleClaim("Press desk", "claim-other-1"); !errors.Is(err, ErrSeatTaken) {
		t.Errorf("after the host's restart another laptop took the seat: %v", err)
	}
	// The exercise goes on and the role-player's laptop sees it.
	if err := alpha.Send(engine.Command{Kind: engine.CmdReply, Inject: "complaint", Text: "We are sorry; call 400-123."}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "Alpha's reply after the restart on the role-player's laptop", 10*time.Second, func() bool {
		n := 0
		rp.Read(func(s *engine.State) { n = len(s.Team("Alpha").Replies) })
		return n == 1
	})

	// The role-player's laptop is killed with a message on its way (the
	// host is down again, so it is not answered), then restarted with its
	// claim and the message: it arrives once, sent twice more.
	th.h.Close()
	lost := make(chan error, 1)
	go func() {
		lost <- rp.Send(engine.Command{Kind: engine.CmdRoleSay, Team: "Alpha", Persona: "parent", Channel: "customer", Thread: engine.ThreadReply(1),
			Text: "Who pays the hospital?", Ref: "lost-1"})
	}()
	time.Sleep(300 * time.Millisecond)
	rp.Close()
	if err := <-lost; err == nil {
		t.Fatal("a message from a closed laptop was answered")
	}
	th.start()
	unlimited(th)
	again, err := th.joinRoleClaim("Press desk", "claim-press-1")
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the restarted laptop's fold", 10*time.Second, func() bool {
		n := 0
		again.Read(func(s *engine.State) {
			if a := s.Team("Alpha"); a != nil {
				n = len(a.Replies)
			}
		})
		return n == 1
	})
	for i := 0; i < 2; i++ {
		if err := again.Send(engine.Command{Kind: engine.CmdRoleSay, Team: "Alpha", Persona: "parent", Channel: "customer",
			Thread: engine.ThreadReply(1), Text: "Who pays the hospital?", Ref: "lost-1"}); err != nil {
			t.Fatalf("sent again (%d): %v", i+1, err)
		}
	}
	texts := map[string]int{}
	for _, ev := range mustEvents(t, th) {
		if ev.Kind == engine.KindRoleSaid {
			texts[ev.Text]++
			if ev.Seat != "Press desk" {
				t.Errorf("a message logged with seat %q", ev.Seat)
			}
		}
	}
	if !reflect.DeepEqual(texts, map[string]int{"Hello?": 1, "Who pays the hospital?": 1}) {
		t.Errorf("messages logged: %v", texts)
	}
	waitFor(t, "both messages in Alpha's inbox", 10*time.Second, func() bool { return len(inbox(alpha)) == 3 })
}

// A role-player's hello must name a seat it may use and a claim of the
// right shape, and a role-player's command must carry its claim; a team's
// command may not carry one.
func TestRoleHelloAndCommandsNeedAClaim(t *testing.T) {
	th := roleplayHost(t, "Alpha")
	rnc, err := rawRoleConn(t, th, th.h.RoleBundle().Code)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []helloRequest{
		{Protocol: Protocol, Team: RoleToken, Seat: "Press desk"},
		{Protocol: Protocol, Team: RoleToken, Seat: "Press desk", Claim: "short"},
		{Protocol: Protocol, Team: RoleToken, Seat: "Press desk", Claim: "has a space in it"},
		{Protocol: Protocol, Team: RoleToken, Seat: "", Claim: "claim-raw-0001"},
		{Protocol: Protocol, Team: RoleToken, Seat: " FACILITATOR ", Claim: "claim-raw-0001"},
		{Protocol: Protocol, Team: RoleToken, Seat: strings.Repeat("x", engine.MaxSeatLen+1), Claim: "claim-raw-0001"},
	} {
		data, _ := json.Marshal(h)
		m, err := rnc.Request(helloSubject(RoleToken), data, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		var hr helloReply
		if err := json.Unmarshal(m.Data, &hr); err != nil || hr.Code != codeBadSeat || hr.Exercise != "" {
			t.Errorf("hello %+v: %s", h, m.Data)
		}
	}
	if got := th.h.Seats(); len(got) != 0 {
		t.Errorf("seats claimed by refused hellos: %q", got)
	}
	sub := subjects{exercise: th.run.ID}
	say := wireCommand{ID: "s1", Kind: wireRoleSay, Team: RoleToken, Seat: "Press desk", Persona: "parent", Channel: "email", Text: "Hi"}
	if o := request(t, rnc, sub.cmd(RoleToken), say); o.Status != StatusRejected || !strings.Contains(o.Reason, `"claim"`) {
		t.Errorf("a role-player's command without its claim: %+v", o)
	}
	anc := rawConn(t, th, "Alpha")
	post := wireCommand{ID: "p1", Kind: wirePost, Team: "Alpha", Channel: "social", Text: "Batch L1 is recalled.", Claim: "claim-raw-0001"}
	if o := request(t, anc, sub.cmd("Alpha"), post); o.Status != StatusRejected || !strings.Contains(o.Reason, `"claim"`) {
		t.Errorf("a team's post with a claim: %+v", o)
	}
}

// A role-player laptop that comes back (a reconnect says hello again) to
// find its seat held by another connected laptop stops for good, saying
// ErrSeatTaken: it no longer speaks for the seat.
func TestRoleLaptopWhoseSeatWasTakenStops(t *testing.T) {
	th := roleplayHost(t, "Alpha")
	press, err := th.joinRoleClaim("Press desk", "claim-press-1")
	if err != nil {
		t.Fatal(err)
	}
	// Another laptop holds the seat now (as after the press desk's laptop
	// was away and another joined as the seat meanwhile).
	b := th.h.Bundle()
	other, err := nats.Connect("tls://"+th.h.Address(), nats.Secure(pinnedTLS(b.Fingerprint)), nats.UserInfo(RoleUser, RolePassword(th.h.RoleBundle().Code)),
		nats.CustomInboxPrefix(inboxPrefix(RoleToken)), nats.Name(roleClientName("claim-other-1")), nats.MaxReconnects(0))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	th.h.mu.Lock()
	th.h.seats[seatKey("Press desk")] = seatClaim{claim: "claim-other-1", seat: "Press desk"}
	th.h.mu.Unlock()
	press.rehello()
	select {
	case <-press.Gone():
	case <-time.After(10 * time.Second):
		t.Fatal("the laptop whose seat was taken goes on")
	}
	if !errors.Is(press.Err(), ErrSeatTaken) {
		t.Errorf("it stopped with %v, want ErrSeatTaken", press.Err())
	}
}
