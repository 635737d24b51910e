package lan

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// The regression tests of issue 18 (point 2) and of the schema-rejection
// leak. The load figures are in abuse_test.go (build tag abuse).

// stepClock is a clock a test moves by hand, for the limiters.
type stepClock struct {
	mu sync.Mutex
	at time.Time
}

func (c *stepClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.at
}

func (c *stepClock) add(d time.Duration) {
	c.mu.Lock()
	c.at = c.at.Add(d)
	c.mu.Unlock()
}

// setClock makes a limiter read c.
func setClock(l *limiter, c *stepClock) {
	l.mu.Lock()
	l.now = c.now
	l.mu.Unlock()
}

// unlimited lifts the host's per-team rate, for tests about something else.
func unlimited(th *testHost) {
	l := th.h.teamLim
	l.mu.Lock()
	l.lim = JoinLimit{Burst: 1 << 20, Every: time.Nanosecond}
	l.mu.Unlock()
}

func request(t *testing.T, nc *nats.Conn, subject string, body any) Outcome {
	t.Helper()
	data, ok := body.([]byte)
	if !ok {
		data, _ = json.Marshal(body)
	}
	m, err := nc.Request(subject, data, 5*time.Second)
	if err != nil {
		t.Fatalf("%.80s: %v", data, err)
	}
	var o Outcome
	if err := json.Unmarshal(m.Data, &o); err != nil {
		t.Fatalf("answer %q: %v", m.Data, err)
	}
	return o
}

func hostReconnects(h *Host) uint64 {
	var n uint64
	for _, nc := range h.conns {
		n += nc.Stats().Reconnects
	}
	return n
}

// Anyone on the network could stop the host answering with four pairing
// connections sending 4 MB messages; a joined team with large commands.
// Now the server refuses them unread, per account, and the host's own
// connections never see them.
func TestLargeMessagesAreRefusedByTheServer(t *testing.T) {
	th := newTestHost(t, true, 1, "Alpha", "Bravo")
	th.h.cfg.Logf = nil
	if err := th.run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	th.advance(6 * time.Minute) // "first" is open
	sub := subjects{exercise: th.run.ID}
	big := make([]byte, 4<<20)
	const violation = "-ERR 'Maximum Payload Violation'"

	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 4 {
		wg.Go(func() {
			tok := newPairToken()
			rn, err := dialRaw(th, pairUser, tok)
			if err != nil {
				errs <- err.Error()
				return
			}
			defer rn.close()
			for range 3 {
				if rn.pub(pairSubject(tok), pairInbox(tok)+".x", big) != nil {
					break
				}
			}
			if got := rn.errLine(5 * time.Second); got != violation {
				errs <- fmt.Sprintf("pairing, 4 MB: %q", got)
			}
		})
	}
	// A pairing message just over its account's limit, and a team's just
	// over the exercise account's.
	for _, c := range []struct {
		user, pass, subject, reply string
		size                       int
	}{
		{"Bravo", TeamPassword(th.h.Code(), "Bravo"), sub.cmd("Bravo"), inboxPrefix("Bravo") + ".x", 4 << 20},
		{"Bravo", TeamPassword(th.h.Code(), "Bravo"), sub.cmd("Bravo"), inboxPrefix("Bravo") + ".x", maxTeamMessage + 1},
		{pairUser, "", "", "", maxPairMessage + 1},
	} {
		wg.Go(func() {
			if c.user == pairUser {
				c.pass = newPairToken()
				c.subject, c.reply = pairSubject(c.pass), pairInbox(c.pass)+".x"
			}
			rn, err := dialRaw(th, c.user, c.pass)
			if err != nil {
				errs <- err.Error()
				return
			}
			defer rn.close()
			_ = rn.pub(c.subject, c.reply, make([]byte, c.size))
			if got := rn.errLine(5 * time.Second); got != violation {
				errs <- fmt.Sprintf("%s, %d bytes: %q", c.user, c.size, got)
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	// A command of the largest size a team may send still reaches the host.
	alpha := rawConn(t, th, "Alpha")
	long := wireCommand{ID: "long", Kind: wireChoose, Team: "Alpha", Decision: "first", Option: "nope", Text: strings.Repeat("长", 10_000)}
	if o := request(t, alpha, sub.cmd("Alpha"), long); o.Status != StatusRejected || !strings.Contains(o.Reason, "no option") {
		t.Errorf("a 30 KB command: %+v", o)
	}
	// The host answers, and its connections were never dropped.
	if o := request(t, alpha, sub.cmd("Alpha"), wireCommand{ID: "honest", Kind: wireChoose, Team: "Alpha", Decision: "first", Option: "good"}); o.Status != StatusAccepted {
		t.Errorf("the honest choice after the flood: %+v", o)
	}
	if n := hostReconnects(th.h); n != 0 {
		t.Errorf("the host's connections reconnected %d times", n)
	}
}

func countKinds(t *testing.T, th *testHost) map[engine.Kind]int {
	t.Helper()
	events, err := th.st.Events(th.run.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[engine.Kind]int{}
	for _, ev := range events {
		out[ev.Kind]++
	}
	return out
}

// A joined team could grow the log without limit with junk commands (38 k
// in 30 s, +124 MiB): every one was a command.rejected event. Now what
// cannot be a choice is refused without an event, and a refused choice is
// logged once however often it comes back with a new id; a valid choice
// resent with its id still counts exactly once.
func TestJunkCommandsDoNotGrowTheLog(t *testing.T) {
	th := newTestHost(t, true, 1, "Alpha", "Bravo")
	th.h.cfg.Logf = nil
	unlimited(th)
	if err := th.run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	th.advance(6 * time.Minute)
	sub := subjects{exercise: th.run.ID}
	nc := rawConn(t, th, "Alpha")
	before := countKinds(t, th)

	for i := range 40 {
		c := wireCommand{ID: fmt.Sprintf("junk-%d", i), Kind: wireChoose, Team: "Alpha", Decision: fmt.Sprintf("nope-%d", i), Option: "good"}
		want := "the scenario has no decision"
		if i%2 == 1 {
			c.Decision, c.Option, want = "first", fmt.Sprintf("nope-%d", i), "has no option"
		}
		if o := request(t, nc, sub.cmd("Alpha"), c); o.Status != StatusRejected || !strings.Contains(o.Reason, want) || o.ID != c.ID {
			t.Fatalf("junk %d: %+v", i, o)
		}
	}
	ok := wireCommand{ID: "ok-1", Kind: wireChoose, Team: "Alpha", Decision: "first", Option: "good"}
	first := request(t, nc, sub.cmd("Alpha"), ok)
	if first.Status != StatusAccepted || first.Duplicate {
		t.Fatalf("the honest choice: %+v", first)
	}
	for range 2 {
		if o := request(t, nc, sub.cmd("Alpha"), ok); o.Status != StatusAccepted || !o.Duplicate || o.Seq != first.Seq {
			t.Fatalf("the honest choice resent: %+v", o)
		}
	}
	var reasons []string
	for i := range 40 {
		c := wireCommand{ID: fmt.Sprintf("again-%d", i), Kind: wireChoose, Team: "Alpha", Decision: "first", Option: []string{"good", "bad"}[i%2]}
		o := request(t, nc, sub.cmd("Alpha"), c)
		if o.Status != StatusRejected || !strings.Contains(o.Reason, "not open") || o.Code != engine.ErrNotOpen.Code {
			t.Fatalf("a choice for the answered decision: %+v", o)
		}
		reasons = append(reasons, o.Reason)
	}
	if reasons[0] != reasons[2] || reasons[1] != reasons[3] {
		t.Errorf("the same refusal must have the same reason: %q", reasons[:4])
	}
	after := countKinds(t, th)
	if got := after[engine.KindChosen] - before[engine.KindChosen]; got != 1 {
		t.Errorf("%d choices in the log, want 1", got)
	}
	// One refusal per option of the answered decision, not one per command.
	if got := after[engine.KindRejected] - before[engine.KindRejected]; got != 2 {
		t.Errorf("%d refusals in the log for 80 junk commands and 40 repeated refusals, want 2", got)
	}
	th.run.Session.Read(func(s *engine.State) {
		if n := len(s.Team("Alpha").Rejected); n != 2 {
			t.Errorf("Alpha has %d refusals, want 2", n)
		}
	})
}

// Commands and hellos are limited per team: the excess is dropped
// unanswered and counted, the other teams are not affected, and the team
// gets its allowance back with time.
func TestTeamCommandsAreRateLimited(t *testing.T) {
	th := newTestHost(t, true, 1, "Alpha", "Bravo")
	var lines []string
	var mu sync.Mutex
	th.h.cfg.Logf = func(f string, a ...any) {
		mu.Lock()
		lines = append(lines, fmt.Sprintf(f, a...))
		mu.Unlock()
	}
	clock := &stepClock{at: time.Now()}
	setClock(th.h.teamLim, clock)
	th.h.quiet.now = clock.now
	sub := subjects{exercise: th.run.ID}
	bravo := rawConn(t, th, "Bravo")
	answers, err := bravo.SubscribeSync(inboxPrefix("Bravo") + ".flood")
	if err != nil {
		t.Fatal(err)
	}
	const sent = 200
	body, _ := json.Marshal(wireCommand{ID: "j", Kind: wireChoose, Team: "Bravo", Decision: "nope", Option: "x"})
	for range sent {
		if err := bravo.PublishRequest(sub.cmd("Bravo"), inboxPrefix("Bravo")+".flood", body); err != nil {
			t.Fatal(err)
		}
	}
	if err := bravo.Flush(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the host to see the flood", 10*time.Second, func() bool {
		return th.h.quiet.count(noteRate)+int64(teamRate.Burst) >= sent
	})
	// Every message past the burst was dropped: the answers are the burst.
	got := 0
	for {
		if _, err := answers.NextMsg(500 * time.Millisecond); err != nil {
			break
		}
		got++
	}
	if got != teamRate.Burst || th.h.quiet.count(noteRate) != sent-int64(teamRate.Burst) {
		t.Errorf("%d answered and %d dropped of %d; want %d answered", got, th.h.quiet.count(noteRate), sent, teamRate.Burst)
	}
	// Alpha is not held back by Bravo's flood.
	alpha := rawConn(t, th, "Alpha")
	if o := request(t, alpha, sub.cmd("Alpha"), wireCommand{ID: "a1", Kind: wireChoose, Team: "Alpha", Decision: "nope", Option: "x"}); o.Status != StatusRejected {
		t.Errorf("Alpha during Bravo's flood: %+v", o)
	}
	// Bravo earns commands back.
	clock.add(time.Second)
	if o := request(t, bravo, sub.cmd("Bravo"), body); o.Status != StatusRejected {
		t.Errorf("Bravo a second later: %+v", o)
	}
	// The drops are summed up, not logged one by one.
	mu.Lock()
	defer mu.Unlock()
	n := 0
	for _, l := range lines {
		if strings.Contains(l, noteRate) {
			n++
		}
	}
	if n > 1 {
		t.Errorf("%d log lines about the rate within one interval:\n%s", n, strings.Join(lines, "\n"))
	}
}

// Junk that the host drops or refuses is never logged per message: one
// summary line per interval counts it.
func TestJunkIsNotLoggedPerMessage(t *testing.T) {
	th := newTestHost(t, true, 1, "Alpha")
	unlimited(th)
	var lines []string
	var mu sync.Mutex
	th.h.cfg.Logf = func(f string, a ...any) {
		mu.Lock()
		lines = append(lines, fmt.Sprintf(f, a...))
		mu.Unlock()
	}
	sub := subjects{exercise: th.run.ID}
	nc := rawConn(t, th, "Alpha")
	const n = 100
	for i := range n {
		// Answers asked for outside the team's inbox, malformed commands,
		// choices the scenario does not have.
		_ = nc.PublishRequest(sub.cmd("Alpha"), "elsewhere.x", []byte(`{}`))
		_ = nc.PublishRequest(sub.cmd("Alpha"), inboxPrefix("Alpha")+".x", []byte(`{"id":"a b"}`))
		body, _ := json.Marshal(wireCommand{ID: fmt.Sprint("j", i), Kind: wireChoose, Team: "Alpha", Decision: "nope", Option: "x"})
		_ = nc.PublishRequest(sub.cmd("Alpha"), inboxPrefix("Alpha")+".x", body)
	}
	tok := newPairToken()
	pc := pairingConn(t, th, tok)
	for range 5 {
		_ = pc.PublishRequest(pairSubject(tok), pairInbox(tok)+".x", []byte("junk"))
	}
	_ = nc.Flush()
	_ = pc.Flush()
	q := th.h.quiet
	waitFor(t, "the host to see the junk", 10*time.Second, func() bool {
		return q.count(noteOutsideInbox) == n && q.count(noteBadCommand) == n && q.count(noteJunkChoice) == n && q.count(notePairRefused) >= 1
	})
	mu.Lock()
	got := append([]string(nil), lines...)
	mu.Unlock()
	if len(got) > 2 {
		t.Errorf("%d log lines for %d junk messages:\n%s", len(got), 3*n+5, strings.Join(got, "\n"))
	}
	q.flush()
	mu.Lock()
	last := lines[len(lines)-1]
	mu.Unlock()
	if !strings.Contains(last, "turned away") || !strings.Contains(last, noteJunkChoice) {
		t.Errorf("the summary: %q", last)
	}
}

// Failed joins were limited per address only: an attacker with many
// addresses guessed without limit. A host-wide allowance now turns away
// newcomers once it is used up — right code or not, so a guess learns
// nothing — while laptops that have joined before still get in, and
// pairing keeps its own allowance.
func TestFailedJoinsHaveAHostWideCap(t *testing.T) {
	clock := &stepClock{at: time.Now()}
	alpha := &server.User{Username: "Alpha"}
	a := &authenticator{facilitator: "secret", teams: map[string]*server.User{"Alpha": alpha},
		passwords: map[string]string{"Alpha": TeamPassword("K7P3QX", "Alpha")},
		lim:       newLimiter(JoinLimit{Burst: 5, Every: time.Hour}), joinAll: newLimiter(JoinLimit{Burst: 3, Every: time.Minute}),
		known:   map[string]bool{},
		pairLim: newLimiter(JoinLimit{Burst: 5, Every: time.Hour}), pairAll: newLimiter(JoinLimit{Burst: 5, Every: time.Hour}), pairs: newPairBook()}
	setClock(a.joinAll, clock)
	try := func(ip, user, pass string) bool {
		c := &fakeClient{opts: server.ClientOpts{Username: user, Password: pass}, addr: &net.TCPAddr{IP: net.ParseIP(ip), Port: 5000}}
		return a.Check(c)
	}
	right, wrong := TeamPassword("K7P3QX", "Alpha"), TeamPassword("ABCDEF", "Alpha")
	if !try("10.0.0.1", "Alpha", right) {
		t.Fatal("a laptop joins")
	}
	for i := range 3 {
		if try(fmt.Sprintf("10.0.1.%d", i), "Alpha", wrong) {
			t.Fatal("a wrong code joined")
		}
	}
	// Three failures from three addresses: the host-wide allowance is used
	// up, though no address has used its own.
	if try("10.0.2.1", "Alpha", right) {
		t.Error("a newcomer joined while the host-wide allowance is used up")
	}
	if !try("10.0.0.1", "Alpha", right) {
		t.Error("a laptop that joined before must get back in")
	}
	if !try("10.0.2.2", pairUser, newPairToken()) {
		t.Error("pairing has its own allowance")
	}
	clock.add(time.Minute)
	if !try("10.0.2.1", "Alpha", right) {
		t.Error("a newcomer joins once the allowance earns one back")
	}

	// On the real host: the default allowance is there.
	th := newTestHost(t, true, 1, "Alpha")
	th.h.cfg.Logf = nil
	if th.h.ns == nil || joinTotalLimit.Burst <= 0 {
		t.Fatal("no host-wide join limit")
	}
}

// A malformed command was refused with the jsonschema library's message,
// which quotes the schema's location: a file path in the host's working
// directory. Refusals now say what is wrong in the command's terms.
func TestSchemaRefusalsNameNothingOfTheHost(t *testing.T) {
	th := newTestHost(t, true, 1, "Alpha")
	th.h.cfg.Logf = nil
	unlimited(th)
	sub := subjects{exercise: th.run.ID}
	nc := rawConn(t, th, "Alpha")
	wd, _ := os.Getwd()
	cases := map[string]string{
		`{"id":"a","kind":"choose","team":"Alpha"}`:                                       `lacks "decision", "option"`,
		`{"id":"a b","kind":"choose","team":"Alpha","decision":"d","option":"o"}`:         `"id" must be`,
		`{"id":"a","kind":"pause","team":"Alpha"}`:                                        `"kind" must be "choose", "reply", "post" or "bye"`,
		`{"id":"a","kind":"choose","team":"Alpha","decision":"d","option":"o","extra":1}`: "a field a command does not have",
		`{"id":"a","kind":"choose","team":"Alpha","decision":"d","option":"o","text":7}`:  `"text" must be`,
		`{"kind":"choose","team":"Alpha","decision":"d","option":"o"}`:                    `lacks "id"`,
		`[1,2]`:    "not a JSON object",
		`not json`: "not one JSON value",
		`{"id":"a","kind":"choose","team":"Alpha","decision":"","option":"o"}`:                          `"decision" must be`,
		`{"id":"a","kind":"reply","team":"Alpha","text":"hello"}`:                                       `lacks "inject"`,
		`{"id":"a","kind":"reply","team":"Alpha","inject":"c","decision":"d"}`:                          `"decision" does not go with this kind of command`,
		`{"id":"a","kind":"choose","team":"Alpha","decision":"d","option":"o","inject":"c"}`:            `"inject" does not go with this kind of command`,
		`{"id":"a","kind":"reply","team":"Alpha","inject":7}`:                                           `"inject" must be a string of 1 to 200 characters`,
		`{"id":"a","kind":"post","team":"Alpha","text":"x"}`:                                            `it lacks "channel"`,
		`{"id":"a","kind":"post","team":"Alpha","channel":"social","inject":"c"}`:                       `"inject" does not go with this kind of command`,
		`{"id":"a","kind":"choose","team":"Alpha","decision":"d","option":"o","text":"` + "\xff" + `"}`: "",
	}
	for body, want := range cases {
		o := request(t, nc, sub.cmd("Alpha"), []byte(body))
		if o.Status != StatusRejected || !strings.Contains(o.Reason, want) {
			t.Errorf("%s: %+v; want a refusal saying %s", body, o, want)
		}
		for _, leak := range []string{wd, "file:", "urn:", "jsonschema", "command.json", "#/", "wireCommand", "Go "} {
			if strings.Contains(o.Reason, leak) {
				t.Errorf("%s: the reason %q shows %q", body, o.Reason, leak)
			}
		}
	}
}
