package lan

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nuid"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// ErrRefused is returned by Join when the host turns the laptop away: a
// wrong code or team name, or too many failed attempts from its address.
var ErrRefused = errors.New("the host refused the join code or team name")

// ErrUnreachable: no Firebreak host answers at the address (nothing
// listens there, or the network does not lead to it).
var ErrUnreachable = errors.New("cannot reach a Firebreak host")

// ErrVersion: the host and this laptop speak different protocols: they run
// different versions of Firebreak.
var ErrVersion = errors.New("the host and this laptop run different versions of Firebreak")

// JoinOptions tunes a client; the zero value is fine.
type JoinOptions struct {
	// Timeout bounds connecting and the first exchange with the host;
	// 0 means 10 seconds.
	Timeout time.Duration
	// RequestTimeout is how long one attempt at a command waits for its
	// answer before it is sent again with the same id; 0 means 3 seconds.
	RequestTimeout time.Duration
	// Logf, when set, receives connection news (disconnected, reconnected).
	Logf func(format string, args ...any)
	// Claim is a role-player laptop's claim to its seat (JoinRoleplayer):
	// the one it had before a restart takes the seat back.
	Claim string
}

// Client is a team laptop's connection to a host. It keeps a local fold of
// what the team sees and implements engine.Conn for a team view: Send
// takes the team's choices and replies, Subscribe gives its events, Read its
// state.
//
// The local state is folded from the team's stream only: the joined team's
// inbox, decisions, phase, world and feed are as on the host; other teams in
// it stay at their start, and ad-hoc inject ids count only the ones the team
// received.
type Client struct {
	team, tok, ex string
	seat          string // a role-player laptop's seat (roleplay.go); "" for a team's
	sub           subjects
	opts          JoinOptions
	nc            *nats.Conn
	consume       jetstream.ConsumeContext
	helloMu       sync.Mutex

	mu       sync.Mutex
	st       *engine.State
	hostSeq  int64 // engine seq of the latest event applied
	history  []engine.Event
	subs     map[int]func(engine.Event)
	nextSub  int
	foldErr  error
	started  chan struct{}
	ended    chan struct{}
	isEnded  bool
	clock    clockState
	feedback string     // what the host last said of feedback (clockBeat.Feedback)
	dispatch sync.Mutex // keeps subscriber calls in order

	closed    chan struct{}
	closeOnce sync.Once
	byeDone   chan struct{} // closed once the host has heard the laptop saw the end
	gone      chan struct{} // closed when the connection is closed for good
	goneErr   error
}

type clockState struct {
	anchorAt   time.Duration
	anchorWall time.Time
	paused     bool
	speed      float64
	ended      bool
	returned   time.Duration // the clock never goes back for the caller
}

var _ engine.Conn = (*Client)(nil)

// Join connects a team laptop to a host at addr ("host:port") with the
// bundle the host printed (code and certificate fingerprint). It returns
// once the host has accepted the team; events then arrive in the
// background, starting from the exercise's beginning.
// Options, when given, tune the client (see JoinOptions).
func Join(addr, bundle, team string, opts ...JoinOptions) (*Client, error) {
	b, err := ParseBundle(bundle)
	if err != nil {
		return nil, err
	}
	var o JoinOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	return JoinWith(addr, b, team, o)
}

// JoinWith is Join with a parsed bundle.
func JoinWith(addr string, b Bundle, team string, opts JoinOptions) (*Client, error) {
	if err := engine.ValidateTeams([]string{team}); err != nil {
		return nil, err
	}
	return join(addr, b, team, TeamToken(team), team, TeamPassword(b.Code, team), "", opts)
}

// join connects as user (a team's, or the role-player seat's) with the
// subjects of token tok.
func join(addr string, b Bundle, team, tok, user, password, seat string, opts JoinOptions) (*Client, error) {
	if opts.Timeout == 0 {
		opts.Timeout = 10 * time.Second
	}
	if opts.RequestTimeout == 0 {
		opts.RequestTimeout = 3 * time.Second
	}
	name := clientName(team)
	switch tok {
	case RoleToken:
		name = roleClientName(opts.Claim)
	case EvalToken:
		name = evalClientName(opts.Claim)
	}
	c := &Client{team: team, tok: tok, seat: seat, opts: opts, st: engine.NewState(), subs: map[int]func(engine.Event){},
		started: make(chan struct{}), ended: make(chan struct{}), closed: make(chan struct{}), byeDone: make(chan struct{}), gone: make(chan struct{}), clock: clockState{speed: 1, paused: true}}
	nc, err := nats.Connect("tls://"+addr,
		nats.Secure(pinnedTLS(b.Fingerprint)),
		nats.UserInfo(user, password),
		nats.CustomInboxPrefix(inboxPrefix(c.tok)),
		nats.Name(name),
		nats.Timeout(opts.Timeout),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(200*time.Millisecond),
		nats.ReconnectJitter(100*time.Millisecond, 200*time.Millisecond),
		nats.PingInterval(3*time.Second),
		nats.MaxPingsOutstanding(2),
		nats.ReconnectBufSize(8<<20),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				c.logf("disconnected from the host: %v", err)
			}
		}),
		nats.ReconnectHandler(func(*nats.Conn) {
			c.logf("reconnected to the host")
			go c.rehello()
		}),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
			c.logf("network: %v", err)
		}),
		nats.ClosedHandler(func(nc *nats.Conn) {
			c.mu.Lock()
			if c.goneErr == nil {
				c.goneErr = nc.LastError()
			}
			if c.goneErr == nil {
				c.goneErr = nats.ErrConnectionClosed
			}
			c.mu.Unlock()
			close(c.gone)
		}),
	)
	if err != nil {
		return nil, joinError(addr, err)
	}
	c.nc = nc
	ctx, cancel := context.WithTimeout(context.Background(), opts.Timeout)
	defer cancel()
	hr, err := c.hello(ctx)
	if err != nil {
		nc.Close()
		return nil, err
	}
	c.ex, c.sub = hr.Exercise, subjects{exercise: hr.Exercise}
	if _, err := nc.Subscribe(c.sub.clock(), c.onBeat); err != nil {
		nc.Close()
		return nil, err
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, err
	}
	cons, err := js.OrderedConsumer(ctx, c.sub.stream(c.tok), jetstream.OrderedConsumerConfig{InactiveThreshold: time.Minute})
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("reading team %s's stream: %w", team, err)
	}
	if c.consume, err = cons.Consume(c.onMsg, jetstream.ConsumeErrHandler(func(_ jetstream.ConsumeContext, err error) {
		c.logf("event stream: %v", err)
	})); err != nil {
		nc.Close()
		return nil, err
	}
	return c, nil
}

// clientName is the connection name of a team laptop (see Host.Connected).
func clientName(team string) string { return "firebreak team " + team }

func joinError(addr string, err error) error {
	var tlsErr *tls.CertificateVerificationError
	switch {
	case errors.Is(err, nats.ErrAuthorization), errors.Is(err, nats.ErrAuthExpired):
		return fmt.Errorf("%w (wrong code or team name, or too many failed attempts from this laptop; wait a minute and check both)", ErrRefused)
	case errors.Is(err, ErrFingerprint), errors.As(err, &tlsErr):
		return fmt.Errorf("%s: %w: this is not the host that printed the code", addr, ErrFingerprint)
	case errors.Is(err, nats.ErrNoServers):
		return fmt.Errorf("%w at %s: %v", ErrUnreachable, addr, err)
	}
	return fmt.Errorf("joining %s: %w", addr, err)
}

func (c *Client) logf(format string, args ...any) {
	if c.opts.Logf != nil {
		c.opts.Logf(format, args...)
	}
}

func (c *Client) hello(ctx context.Context) (helloReply, error) {
	c.helloMu.Lock()
	defer c.helloMu.Unlock()
	hello := helloRequest{Protocol: Protocol, Team: c.team}
	if seatToken(c.tok) {
		hello.Seat, hello.Claim = c.seat, c.opts.Claim
	}
	req, _ := json.Marshal(hello)
	m, err := c.nc.RequestWithContext(ctx, helloSubject(c.tok), req)
	if err != nil {
		return helloReply{}, fmt.Errorf("the host did not answer: %w", err)
	}
	var hr helloReply
	if err := json.Unmarshal(m.Data, &hr); err != nil {
		return hr, fmt.Errorf("the host's answer is not understood: %w", err)
	}
	return hr, c.helloOutcome(hr)
}

// helloOutcome is what the host's answer to the hello means for this
// laptop: nil when it takes the laptop, else a sentinel the join screen
// words (ErrSeatTaken, ErrSeat, ErrVersion, ErrRefused).
func (c *Client) helloOutcome(hr helloReply) error {
	switch {
	case hr.Code == codeSeatTaken:
		return fmt.Errorf("seat %q: %w", c.seat, ErrSeatTaken)
	case hr.Code == codeBadSeat:
		return fmt.Errorf("seat %q: %w", c.seat, ErrSeat)
	case hr.Error != "" && hr.Protocol != 0 && hr.Protocol != Protocol:
		// Every host's answer names its protocol: a refusal from one that
		// speaks another is the versions' doing, whatever its words.
		return fmt.Errorf("%w: the host speaks protocol %d, this laptop %d (%s)", ErrVersion, hr.Protocol, Protocol, hr.Error)
	case hr.Error != "":
		// The token passed the server but not the hello (an unknown team,
		// another team's name): the host turns the laptop away.
		return fmt.Errorf("%w: %s", ErrRefused, hr.Error)
	}
	if hr.Protocol != Protocol || hr.Exercise == "" || hr.Token != c.tok {
		return fmt.Errorf("%w: the host speaks protocol %d, this laptop %d", ErrVersion, hr.Protocol, Protocol)
	}
	return nil
}

// rehello tells a (possibly restarted) host that the team is back, so it
// can start the clock again.
func (c *Client) rehello() {
	for wait := 100 * time.Millisecond; ; wait = min(2*wait, 2*time.Second) {
		ctx, cancel := context.WithTimeout(context.Background(), c.opts.RequestTimeout)
		_, err := c.hello(ctx)
		cancel()
		if err == nil || c.nc.IsClosed() {
			return
		}
		if errors.Is(err, ErrSeatTaken) {
			// Another laptop took the seat while this one was away: this
			// one no longer speaks for it.
			c.logf("%v", err)
			c.mu.Lock()
			c.goneErr = err
			c.mu.Unlock()
			c.nc.Close()
			return
		}
		select {
		case <-c.closed:
			return
		case <-time.After(wait):
		}
	}
}

func (c *Client) onBeat(m *nats.Msg) {
	var b clockBeat
	if m.Header.Get(hdrTeam) != "" || json.Unmarshal(m.Data, &b) != nil {
		return // a copy of a stream message, not the host's heartbeat
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if b.Seq < c.hostSeq {
		return // older than what we know
	}
	c.clock.anchorAt = time.Duration(b.AtMS) * time.Millisecond
	c.clock.anchorWall = time.Now()
	c.clock.paused, c.clock.ended = b.Paused, b.Ended
	c.feedback = b.Feedback
	if b.Speed > 0 {
		c.clock.speed = b.Speed
	}
}

func (c *Client) onMsg(m jetstream.Msg) {
	h := m.Headers()
	if h.Get(hdrTeam) != c.tok {
		c.logf("ignored a message that was not published for team %s", c.team)
		return
	}
	seq, err1 := strconv.ParseInt(h.Get(hdrSeq), 10, 64)
	at, err2 := strconv.ParseInt(h.Get(hdrAt), 10, 64)
	if err1 != nil || err2 != nil {
		c.logf("ignored a message without a sequence number")
		return
	}
	ev, err := engine.Decode(seq, time.Duration(at)*time.Millisecond, h.Get(hdrKind), m.Data())
	if err != nil {
		c.logf("ignored an event: %v", err)
		return
	}
	c.deliver(ev)
}

// deliver folds an event into the local state and hands it to subscribers.
func (c *Client) deliver(ev engine.Event) {
	c.dispatch.Lock()
	defer c.dispatch.Unlock()
	c.mu.Lock()
	if ev.Seq <= c.hostSeq {
		c.mu.Unlock()
		return // a replay of something we have
	}
	local := ev
	local.Seq = c.st.Seq + 1
	if err := c.st.Apply(local); err != nil && c.foldErr == nil {
		c.foldErr = err
		c.logf("local state: %v", err)
	}
	c.hostSeq = ev.Seq
	c.history = append(c.history, ev)
	c.clockFromEvent(ev)
	subs := make([]func(engine.Event), 0, len(c.subs))
	for i := 0; i < c.nextSub; i++ {
		if fn, ok := c.subs[i]; ok {
			subs = append(subs, fn)
		}
	}
	var justEnded bool
	switch ev.Kind {
	case engine.KindStarted:
		close(c.started)
	case engine.KindExerciseEnds:
		if !c.isEnded {
			c.isEnded, justEnded = true, true
		}
	}
	c.mu.Unlock()
	for _, fn := range subs {
		fn(ev)
	}
	if justEnded {
		close(c.ended)
		go c.sendBye()
	}
}

// clockFromEvent keeps the clock estimate up with the events until the
// next heartbeat.
func (c *Client) clockFromEvent(ev engine.Event) {
	now := time.Now()
	switch ev.Kind {
	case engine.KindStarted:
		c.clock.paused = true
		if ev.Speed > 0 {
			c.clock.speed = ev.Speed
		}
	case engine.KindPaused:
		c.clock.paused = true
	case engine.KindResumed:
		c.clock.paused = false
	case engine.KindSpeed:
		c.clock.speed = ev.Speed
	case engine.KindExerciseEnds:
		c.clock.ended = true
	}
	if ev.At > c.estimateLocked(now) || ev.Kind == engine.KindPaused || ev.Kind == engine.KindResumed || ev.Kind == engine.KindExerciseEnds {
		c.clock.anchorAt, c.clock.anchorWall = max(ev.At, c.clock.returned), now
	}
}

// maxCarry is how far the estimate runs on without news from the host: a
// laptop cut off from the host does not believe the exercise goes on.
const maxCarry = 250 * time.Millisecond

func (c *Client) estimateLocked(now time.Time) time.Duration {
	cl := c.clock
	if cl.paused || cl.ended || cl.anchorWall.IsZero() {
		return cl.anchorAt
	}
	return cl.anchorAt + time.Duration(float64(min(now.Sub(cl.anchorWall), maxCarry))*cl.speed)
}

// ExerciseTime is the exercise clock as this laptop knows it: the host's
// last heartbeat carried forward.
func (c *Client) ExerciseTime() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := max(c.estimateLocked(time.Now()), c.clock.returned)
	c.clock.returned = t
	return t.Truncate(time.Millisecond)
}

// Speed is the exercise clock's speed (1 = real time).
func (c *Client) Speed() float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.clock.speed
}

// WaitUntil returns once the exercise clock has reached at, or the
// exercise has ended (then it returns false).
func (c *Client) WaitUntil(ctx context.Context, at time.Duration) (bool, error) {
	for {
		now := c.ExerciseTime()
		c.mu.Lock()
		ended, speed, paused := c.isEnded, c.clock.speed, c.clock.paused
		c.mu.Unlock()
		if ended {
			return false, nil
		}
		if now >= at {
			return true, nil
		}
		wait := 20 * time.Millisecond
		if !paused && speed > 0 {
			wait = min(wait, max(time.Millisecond, time.Duration(float64(at-now)/speed)))
		}
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-c.closed:
			return false, errors.New("the connection is closed")
		case <-time.After(wait):
		}
	}
}

// Subscribe calls fn with every event received so far, then with each new
// one, in order, after it is in the local state. fn may Read but must not
// block.
func (c *Client) Subscribe(fn func(engine.Event)) (cancel func()) {
	c.dispatch.Lock()
	defer c.dispatch.Unlock()
	c.mu.Lock()
	past := append([]engine.Event(nil), c.history...)
	id := c.nextSub
	c.nextSub++
	c.subs[id] = fn
	c.mu.Unlock()
	for _, ev := range past {
		fn(ev)
	}
	return func() {
		c.mu.Lock()
		delete(c.subs, id)
		c.mu.Unlock()
	}
}

// Read runs fn with the local state (see Client). fn must not keep it.
func (c *Client) Read(fn func(*engine.State)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fn(c.st)
}

// Team is the team this laptop joined as.
func (c *Client) Team() string { return c.team }

// Exercise is the id of the exercise joined.
func (c *Client) Exercise() string { return c.ex }

// Started is closed once the exercise.started event (with the scenario)
// has arrived.
func (c *Client) Started() <-chan struct{} { return c.started }

// Ended is closed once the exercise has ended.
func (c *Client) Ended() <-chan struct{} { return c.ended }

// Gone is closed when the connection is closed for good: by Close, or
// because the host refused the laptop on a reconnect. Err says why.
func (c *Client) Gone() <-chan struct{} { return c.gone }

// Err is why the connection is gone, or nil.
func (c *Client) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.goneErr
}

// Send implements engine.Conn: it sends a choice or a reply for the
// client's team and returns nil when the host accepted it, an error saying
// why when the host refused it: for a choice one wrapping engine.ErrRejected
// (an *engine.ChoiceRefusal), for a reply the engine's refusal as the host's
// session returned it (errors.Is(err, engine.ErrNoReply), say). Either way
// the refusal's code is the one the host's engine gave. It retries until the
// host answers.
func (c *Client) Send(cmd engine.Command) error {
	o, err := c.SendContext(context.Background(), cmd)
	if err != nil {
		return err
	}
	if o.Status != StatusAccepted {
		if o.Code == codeSeatTaken && seatToken(c.tok) {
			return fmt.Errorf("seat %q: %w", c.seat, ErrSeatTaken)
		}
		return refusalOf(cmd.Kind, o)
	}
	return nil
}

// refusalOf is the error of a refused command, as the engine of the host
// words it, so a team's view says it in its language from the code.
func refusalOf(k engine.CommandKind, o Outcome) error {
	r := engine.RefusalFor(o.Code)
	switch {
	case r == nil:
		return fmt.Errorf("%w: %s", engine.ErrRejected, o.Reason)
	case k == engine.CmdReply || k == engine.CmdPost || k == engine.CmdAnswer || k == engine.CmdTriage || k == engine.CmdRoleSay || k == engine.CmdRoleOpen ||
		k == engine.CmdRoleNudge || k == engine.CmdHandleCase || engine.IsEvalCommand(k):
		return &engine.Refused{Refusal: r, Limit: o.Limit, Detail: o.Reason}
	}
	// Why, as a code the team's view says in its language.
	return &engine.ChoiceRefusal{Refusal: r, Reason: o.Reason}
}

// SendContext sends a choice or a reply and returns the host's outcome. The
// command's Ref, when set, is its id (so a restarted laptop sending the same
// script does not choose or reply twice); otherwise a unique id is made. On a
// lost connection or a timeout it sends the command again with the same id
// until the host answers or ctx ends: the host applies an id once and repeats
// its outcome for duplicates. The team is always the one this laptop joined
// as: the host takes no command naming another.
func (c *Client) SendContext(ctx context.Context, cmd engine.Command) (Outcome, error) {
	if c.tok == RoleToken {
		return c.sendRole(ctx, cmd)
	}
	if c.tok == EvalToken {
		id := cmd.Ref
		if id == "" {
			id = nuid.Next()
		}
		w, err := c.sendEval(cmd)
		if err != nil {
			return Outcome{}, err
		}
		w.ID = id
		body, err := json.Marshal(w)
		if err != nil {
			return Outcome{}, err
		}
		return c.request(ctx, id, body)
	}
	if cmd.Kind != engine.CmdChoose && cmd.Kind != engine.CmdReply && cmd.Kind != engine.CmdPost && cmd.Kind != engine.CmdAnswer &&
		cmd.Kind != engine.CmdHandleCase && cmd.Kind != engine.CmdTriage {
		return Outcome{}, fmt.Errorf("a team laptop can only send choices, replies, posts and answers (and handle customer cases and triage feeds), not %q", cmd.Kind)
	}
	if cmd.Team != "" && cmd.Team != c.team {
		return Outcome{}, fmt.Errorf("this laptop joined as team %q, not %q", c.team, cmd.Team)
	}
	id := cmd.Ref
	if id == "" {
		id = nuid.Next()
	}
	w := wireCommand{ID: id, Kind: wireChoose, Team: c.team, Decision: cmd.Decision, Option: cmd.Option, Text: cmd.Text}
	switch cmd.Kind {
	case engine.CmdReply:
		w = wireCommand{ID: id, Kind: wireReply, Team: c.team, Inject: cmd.Inject, Text: cmd.Text}
	case engine.CmdPost:
		w = wireCommand{ID: id, Kind: wirePost, Team: c.team, Channel: cmd.Channel, Text: cmd.Text}
	case engine.CmdAnswer:
		w = wireCommand{ID: id, Kind: wireAnswer, Team: c.team, Conference: cmd.Conference, Question: cmd.Question, Text: cmd.Text}
	case engine.CmdHandleCase:
		w = wireCommand{ID: id, Kind: wireCase, Team: c.team, Case: cmd.Case, Option: cmd.Option, Text: cmd.Text}
	case engine.CmdTriage:
		w = wireCommand{ID: id, Kind: wireTriage, Team: c.team, Decision: cmd.Decision, Triage: cmd.Triage}
	}
	body, err := json.Marshal(w)
	if err != nil {
		return Outcome{}, err
	}
	return c.request(ctx, id, body)
}

func (c *Client) request(ctx context.Context, id string, body []byte) (Outcome, error) {
	wait := 100 * time.Millisecond
	for {
		rctx, cancel := context.WithTimeout(ctx, c.opts.RequestTimeout)
		m, err := c.nc.RequestWithContext(rctx, c.sub.cmd(c.tok), body)
		cancel()
		if err == nil {
			var o Outcome
			switch err := json.Unmarshal(m.Data, &o); {
			case err != nil || o.ID != id && o.ID != "":
				c.logf("ignored an answer that is not for command %s", id)
			case o.Status == StatusAccepted || o.Status == StatusRejected:
				return o, nil
			case o.Status == StatusRetry:
				c.logf("the host asks to send again: %s", o.Reason)
			default:
				c.logf("ignored an answer with status %q", o.Status)
			}
		} else {
			if errors.Is(err, nats.ErrConnectionClosed) {
				return Outcome{}, err
			}
			if ctx.Err() != nil {
				return Outcome{}, ctx.Err()
			}
		}
		select {
		case <-ctx.Done():
			return Outcome{}, ctx.Err()
		case <-c.closed:
			return Outcome{}, nats.ErrConnectionClosed
		case <-time.After(wait):
		}
		wait = min(2*wait, 2*time.Second)
	}
}

// sendBye tells the host this laptop has seen the end.
func (c *Client) sendBye() {
	defer close(c.byeDone)
	body, _ := json.Marshal(wireCommand{ID: "bye", Kind: wireBye, Team: c.team})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, _ = c.request(ctx, "bye", body)
}

// Close disconnects. After the end it first waits (briefly) until the host
// has heard that the laptop saw the end.
func (c *Client) Close() {
	c.closeOnce.Do(func() {
		c.mu.Lock()
		ended := c.isEnded
		c.mu.Unlock()
		if ended {
			select {
			case <-c.byeDone:
			case <-time.After(3 * time.Second):
			}
		}
		close(c.closed)
		if c.consume != nil {
			c.consume.Stop()
		}
		c.nc.Close()
	})
}

// sendRole sends a role-player's command as the laptop's seat (whatever
// seat the command names): Team is the team it is for ("" for all).
func (c *Client) sendRole(ctx context.Context, cmd engine.Command) (Outcome, error) {
	id := cmd.Ref
	if id == "" {
		id = nuid.Next()
	}
	w := wireCommand{ID: id, Team: c.team, Target: cmd.Team, Seat: c.seat, Claim: c.opts.Claim}
	switch cmd.Kind {
	case engine.CmdRoleSay:
		w.Kind, w.Persona, w.Channel, w.Thread, w.Text = wireRoleSay, cmd.Persona, cmd.Channel, cmd.Thread, cmd.Text
	case engine.CmdRoleOpen:
		w.Kind, w.Decision = wireRoleOpen, cmd.Decision
	case engine.CmdRoleNudge:
		w.Kind, w.Effects = wireRoleNudge, cmd.Effects
	default:
		return Outcome{}, fmt.Errorf("a role-player laptop can only speak as personas, open follow-up decisions and nudge, not %q", cmd.Kind)
	}
	body, err := json.Marshal(w)
	if err != nil {
		return Outcome{}, err
	}
	return c.request(ctx, id, body)
}

// Seat is the role-player seat this laptop joined as ("" for a team's).
func (c *Client) Seat() string { return c.seat }
