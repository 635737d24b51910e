package lan

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// evalHost serves testdata/world.yaml (objective notify with its critical
// tasks; decision internal opens at 1m for every team).
func evalHost(t *testing.T, teams ...string) *testHost {
	t.Helper()
	src, err := os.ReadFile("../engine/testdata/world.yaml")
	if err != nil {
		t.Fatal(err)
	}
	th := newTestHostConfig(t, true, engine.Config{ScenarioID: "world", Source: src, Teams: teams, Lang: "en", Speed: 1, Seed: 7})
	th.h.cfg.Logf = nil
	unlimited(th)
	return th
}

func (th *testHost) joinEval(seat, claim string) (*Client, error) {
	th.t.Helper()
	c, err := JoinEvaluator(th.h.Address(), th.h.EvalBundle(), seat, JoinOptions{Claim: claim, RequestTimeout: 500 * time.Millisecond,
		Logf: func(f string, a ...any) { th.t.Logf(seat+": "+f, a...) }})
	if err == nil {
		th.t.Cleanup(c.Close)
	}
	return c, err
}

func rawEvalConn(t testing.TB, th *testHost, code string) (*nats.Conn, error) {
	t.Helper()
	b := th.h.Bundle()
	nc, err := nats.Connect("tls://"+th.h.Address(), nats.Secure(pinnedTLS(b.Fingerprint)), nats.UserInfo(EvalUser, EvalPassword(code)),
		nats.CustomInboxPrefix(inboxPrefix(EvalToken)), nats.MaxReconnects(0))
	if err == nil {
		t.Cleanup(nc.Close)
	}
	return nc, err
}

func msOf(d time.Duration) *int64 { v := d.Milliseconds(); return &v }

// An evaluator's laptop joined with the evaluator code (neither the teams'
// nor the role-player's) sees the teams' timeline, ticks a task, rates and
// observes under its seat, each applied once however often it is sent
// (the same id again, after the host restarts, from the laptop restarted
// with its claim); its own events come back in its fold; no team's laptop
// receives any of them; the seat is claimed once.
func TestEvaluatorOverTheNetworkAppliedOnce(t *testing.T) {
	th := evalHost(t, "Alpha", "Bravo")
	if c := th.h.EvalBundle().Code; c == th.h.Bundle().Code || c == th.h.RoleBundle().Code {
		t.Fatal("the evaluator code is another seat's code")
	}
	alpha := th.join("Alpha")
	if err := th.run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	th.advance(90 * time.Second) // decision internal opens at 1m
	if err := alpha.Send(engine.Command{Kind: engine.CmdChoose, Decision: "internal", Option: "brief"}); err != nil {
		t.Fatal(err)
	}
	ev, err := th.joinEval("Lee", "claim-lee-1")
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "Alpha's choice in the evaluator's fold", 10*time.Second, func() bool {
		n := 0
		ev.Read(func(s *engine.State) {
			if a := s.Team("Alpha"); a != nil {
				n = len(a.Answers)
			}
		})
		return n == 1
	})
	if _, err := th.joinEval("  lee ", "claim-other-1"); err == nil {
		t.Error("a second laptop took Lee's seat")
	}
	ctx := context.Background()
	tick := engine.Command{Kind: engine.CmdEvalTask, Team: "Alpha", Objective: "notify", Task: "one-voice", Done: true,
		AtMS: msOf(80 * time.Second), Ref: "tick-1", Seat: "Someone else" /* the laptop's seat wins */}
	first, err := ev.SendContext(ctx, tick)
	if err != nil || first.Status != StatusAccepted || first.Duplicate {
		t.Fatalf("the tick: %+v, %v", first, err)
	}
	dup := func(c *Client, when string) {
		t.Helper()
		o, err := c.SendContext(ctx, tick)
		if err != nil || o.Status != StatusAccepted || !o.Duplicate || o.Seq != first.Seq {
			t.Fatalf("%s: %+v, %v; want a duplicate of %+v", when, o, err, first)
		}
	}
	dup(ev, "sent again")
	th.h.Close()
	th.start()
	unlimited(th)
	dup(ev, "after a restart of the host")
	ev.Close()
	if ev, err = th.joinEval("Lee", "claim-lee-1"); err != nil {
		t.Fatalf("the laptop restarted with its claim: %v", err)
	}
	dup(ev, "from a restarted laptop")
	if err := ev.Send(engine.Command{Kind: engine.CmdEvalRate, Team: "Alpha", Objective: "notify", Rating: "S"}); err != nil {
		t.Fatal(err)
	}
	entry := engine.EntryAnswer(1)
	if err := ev.Send(engine.Command{Kind: engine.CmdEvalObserve, Team: "Alpha", Objective: "notify", Text: "briefed at once", Entry: entry}); err != nil {
		t.Fatal(err)
	}
	// A refusal comes back with the engine's code.
	err = ev.Send(engine.Command{Kind: engine.CmdEvalTask, Team: "Alpha", Objective: "notify", Task: "nope", Done: true})
	if engine.RefusalCode(err) != engine.ErrNoSuchTask.Code {
		t.Errorf("a task of no objective: %v", err)
	}
	waitFor(t, "Lee's rating and observation back in the laptop's fold", 10*time.Second, func() bool {
		ok := false
		ev.Read(func(s *engine.State) {
			a := s.Team("Alpha")
			if a == nil {
				return
			}
			evs := a.Evaluations["notify"]
			ok = len(evs) == 1 && evs[0].Evaluator == "Lee" && evs[0].Rating == "S" && len(evs[0].Tasks) == 1 && len(a.Observations) == 1
		})
		return ok
	})
	ticks := 0
	for _, e := range mustEvents(t, th) {
		if engine.IsEvalKind(e.Kind) {
			if e.Seat != "Lee" {
				t.Errorf("an evaluator's event with seat %q: %+v", e.Seat, e)
			}
			if e.Kind == engine.KindEvalTask {
				ticks++
			}
		}
	}
	if ticks != 1 {
		t.Fatalf("the tick was applied %d times", ticks)
	}
	alpha.Read(func(s *engine.State) {
		if a := s.Team("Alpha"); len(a.Evaluations) != 0 || len(a.Observations) != 0 {
			t.Errorf("Alpha's laptop received an evaluator's events: %+v %+v", a.Evaluations, a.Observations)
		}
	})
	if got := th.h.EvalSeats(); !slices.Equal(got, []string{"Lee"}) {
		t.Errorf("evaluator seats: %v", got)
	}
	if len(th.h.Seats()) != 0 {
		t.Errorf("an evaluator counted as a role-player: %v", th.h.Seats())
	}
}

// Permissions: the evaluator user cannot log in with the teams' or the
// role-player's code, may not publish on a team's or the role-player's
// subject, and the host refuses on its subject anything but an
// evaluator's command (a choice, a reply, a post, an answer, a persona's
// message, a nudge); a team cannot evaluate (its user may not publish on
// the evaluator's subject, and its own subject takes no evaluator's
// command), nor a role-player. Nothing refused is logged.
func TestEvaluatorAndOthersCannotSendForEachOther(t *testing.T) {
	t.Parallel() // waits out requests that must go unanswered, beside the others that do
	th := evalHost(t, "Alpha", "Bravo")
	sub := subjects{exercise: th.run.ID}
	for _, code := range []string{th.h.Bundle().Code, th.h.RoleBundle().Code} {
		if _, err := rawEvalConn(t, th, code); err == nil {
			t.Errorf("code %s logs in as an evaluator", code)
		}
	}
	if _, err := rawRoleConn(t, th, th.h.EvalBundle().Code); err == nil {
		t.Error("the evaluator code logs in as a role-player")
	}
	enc, err := rawEvalConn(t, th, th.h.EvalBundle().Code)
	if err != nil {
		t.Fatal(err)
	}
	rate := wireCommand{ID: "r1", Kind: wireEvalRate, Team: EvalToken, Target: "Alpha", Seat: "Lee", Claim: "raw-claim-1", Objective: "notify", Rating: "P"}
	for _, subj := range []string{sub.cmd("Alpha"), sub.cmd(RoleToken)} {
		data, _ := json.Marshal(rate)
		if _, err := enc.Request(subj, data, time.Second); err == nil {
			t.Errorf("the evaluator's command on %s was answered", subj)
		}
	}
	for _, w := range []wireCommand{
		{ID: "x1", Kind: wireChoose, Team: EvalToken, Decision: "internal", Option: "brief"},
		{ID: "x2", Kind: wireReply, Team: EvalToken, Inject: "breach-confirmed", Text: "Hi"},
		{ID: "x3", Kind: wirePost, Team: EvalToken, Channel: "social", Text: "Hi"},
		{ID: "x4", Kind: wireAnswer, Team: EvalToken, Conference: "c", Question: 1, Text: "Hi"},
		{ID: "x5", Kind: wireRoleSay, Team: EvalToken, Seat: "Lee", Claim: "raw-claim-1", Persona: "p", Channel: "email", Text: "Hi"},
		{ID: "x6", Kind: wireRoleNudge, Team: EvalToken, Seat: "Lee", Claim: "raw-claim-1", Effects: map[string]float64{"trust": 1}},
		{ID: "x7", Kind: wireChoose, Team: "Alpha", Decision: "internal", Option: "brief"},
		{ID: "x8", Kind: wireEvalRate, Team: EvalToken, Target: "Alpha", Seat: "facilitator", Claim: "raw-claim-1", Objective: "notify", Rating: "P"},
		{ID: "x9", Kind: wireEvalTask, Team: EvalToken, Target: "Alpha", Seat: "Lee", Claim: "raw-claim-1", Objective: "notify", Task: "one-voice", Decision: "internal"},
	} {
		if o := request(t, enc, sub.cmd(EvalToken), w); o.Status != StatusRejected {
			t.Errorf("the evaluator's %s %s: %+v", w.Kind, w.ID, o)
		}
	}
	if o := request(t, enc, sub.cmd(EvalToken), rate); o.Status != StatusAccepted {
		t.Errorf("an evaluator's rating: %+v", o)
	}
	// A team cannot evaluate.
	anc := rawConn(t, th, "Alpha")
	asTeam := rate
	asTeam.ID = "t1"
	data, _ := json.Marshal(asTeam)
	if _, err := anc.Request(sub.cmd(EvalToken), data, time.Second); err == nil {
		t.Error("Alpha's evaluator command on the evaluator's subject was answered")
	}
	asTeam.Team = "Alpha"
	if o := request(t, anc, sub.cmd("Alpha"), asTeam); o.Status != StatusRejected {
		t.Errorf("an evaluator's command on Alpha's own subject: %+v", o)
	}
	// Nor a role-player.
	rnc, err := rawRoleConn(t, th, th.h.RoleBundle().Code)
	if err != nil {
		t.Fatal(err)
	}
	asRole := rate
	asRole.ID, asRole.Team = "q1", RoleToken
	if o := request(t, rnc, sub.cmd(RoleToken), asRole); o.Status != StatusRejected {
		t.Errorf("an evaluator's command on the role-player's subject: %+v", o)
	}
	// The clients refuse before sending.
	ev, err := th.joinEval("Wang", "claim-wang-1")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []engine.CommandKind{engine.CmdChoose, engine.CmdReply, engine.CmdPost, engine.CmdRoleSay, engine.CmdRoleNudge} {
		if _, err := ev.SendContext(context.Background(), engine.Command{Kind: k, Team: "Alpha", Decision: "internal", Option: "brief"}); err == nil {
			t.Errorf("the evaluator's client sent %s", k)
		}
	}
	alpha := th.join("Alpha")
	if _, err := alpha.SendContext(context.Background(), engine.Command{Kind: engine.CmdEvalRate, Objective: "notify", Rating: "P"}); err == nil {
		t.Error("a team's client sent an evaluator's rating")
	}
	n := 0
	for _, e := range mustEvents(t, th) {
		switch {
		case engine.IsEvalKind(e.Kind):
			n++
			if e.Seat != "Lee" || e.Rating != "P" {
				t.Errorf("evaluator event: %+v", e)
			}
		case e.Kind == engine.KindChosen, e.Kind == engine.KindPosted, e.Kind == engine.KindReplied, e.Kind == engine.KindRoleSaid,
			e.Kind == engine.KindRoleNudged:
			t.Errorf("applied: %+v", e)
		}
	}
	if n != 1 {
		t.Errorf("%d evaluator events, want 1", n)
	}
	if _, err := JoinEvaluator(th.h.Address(), th.h.EvalBundle(), engine.SeatFacilitator, JoinOptions{}); err != ErrSeat {
		t.Errorf("joining as the facilitator's seat: %v", err)
	}
}
