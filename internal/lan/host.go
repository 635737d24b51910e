package lan

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// HostConfig configures a host.
type HostConfig struct {
	// Listen is host:port for the team laptops. Port 0 picks a free port
	// the first time and the same one again after a restart.
	Listen string
	// Dir keeps the host's certificate, credentials and JetStream store for
	// this exercise; it is created if missing. Use the same Dir after a
	// restart (see paths.LAN).
	Dir string
	// Code is the join code of a new host; empty picks one. A restarted host
	// keeps the code it had.
	Code string
	// AutoStart starts the exercise clock once every team has joined, and
	// again when they are all back after a host restart.
	AutoStart bool
	// Tick is how often Run moves the exercise clock; 0 picks from the speed.
	Tick time.Duration
	// JoinLimit bounds failed join attempts per address; zero means
	// DefaultJoinLimit.
	JoinLimit JoinLimit
	// PairLimit bounds pairing connections (each one guess at the code) per
	// address; zero means DefaultPairLimit.
	PairLimit JoinLimit
	// Linger is how long Run waits after the end for the teams to confirm
	// they saw it; 0 means 10 seconds.
	Linger time.Duration
	// Logf, when set, receives the host's messages (joins, refusals, errors).
	Logf func(format string, args ...any)
}

// Host serves one exercise to team laptops over the network: an embedded
// NATS server with JetStream, a stream per team, and the exercise's
// commands applied through its session.
type Host struct {
	cfg     HostConfig
	run     *exercise.Running
	sess    *engine.Session
	ex      string
	sub     subjects
	teams   []string
	tokens  map[string]string // team → token
	byToken map[string]string // token → team
	hf      *hostFile
	// roleCode is the role-player code (roleplay.go).
	roleCode string
	// evalCode is the evaluator code (evaluate.go).
	evalCode string
	bundle   Bundle
	addr     string
	pairPW   []byte    // the PAKE password of the code
	pairs    *pairBook // pairing tokens admitted and answered

	ns    *server.Server
	nc    *nats.Conn          // streams and clock, in the exercise account
	js    jetstream.JetStream // on nc: the streams' management
	evJS  jetstream.JetStream // publishes events, from the events account
	conns []*nats.Conn        // every connection of the host's, nc first
	subs  []*nats.Subscription

	quiet      *quietLog   // what floods make happen, summarised
	srvLines   serverLines // the server's warnings written per interval
	teamLim    *limiter    // commands and hellos per team token
	pairMsgLim *limiter    // pairing messages per token

	mu      sync.Mutex
	present map[string]bool
	bye     map[string]bool
	seats   map[string]seatClaim // role-player seats claimed, by seatKey
	// evalSeats are the evaluator seats claimed, by seatKey.
	evalSeats map[string]seatClaim
	outcomes  map[string]Outcome // by command ref
	refusals  map[string]Outcome // logged refusals by team, decision, option and why (see refusalKey)
	changed   chan struct{}      // closed and replaced when present or bye change
	started   bool               // AutoStart has started the clock in this process
	// anonymous is the facilitator's anonymity choice while the host
	// takes participants' forms (OpenFeedback); nil while it does not.
	anonymous func() bool

	cmdMu   sync.Mutex   // one command at a time: check for a duplicate, then apply
	ignored atomic.Int64 // copies of stream messages ignored on the host's subjects

	pubs     map[string]*teamPub
	unsub    func()
	catchMu  sync.Mutex // held while the log is replayed into the queues
	lastSeq  int64      // highest engine seq handed to the queues
	closing  chan struct{}
	closeOne sync.Once
	wg       sync.WaitGroup
}

// teamPub publishes one team's events to its stream, in order.
type teamPub struct {
	h         *Host
	team, tok string
	mu        sync.Mutex
	cond      *sync.Cond
	queue     []engine.Event
	busy      bool
	published int64 // engine seq of the latest event in the stream
}

// NewHost starts serving a running exercise. Its saved log
// (Running.Events) is replayed to the streams after a restart.
func NewHost(run *exercise.Running, cfg HostConfig) (*Host, error) {
	if cfg.Dir == "" {
		return nil, errors.New("lan: HostConfig.Dir is required")
	}
	h := &Host{cfg: cfg, run: run, sess: run.Session, ex: run.ID, sub: subjects{exercise: run.ID},
		tokens: map[string]string{}, byToken: map[string]string{}, present: map[string]bool{}, bye: map[string]bool{}, seats: map[string]seatClaim{}, evalSeats: map[string]seatClaim{},
		outcomes: map[string]Outcome{}, refusals: map[string]Outcome{}, changed: make(chan struct{}), pubs: map[string]*teamPub{},
		closing: make(chan struct{}), teamLim: newLimiter(teamRate), pairMsgLim: newLimiter(pairMessageRate)}
	h.quiet = newQuietLog(h.logf)
	h.srvLines.now = time.Now
	run.Session.Read(func(s *engine.State) {
		for _, t := range s.Teams {
			h.teams = append(h.teams, t.Name)
		}
	})
	if len(h.teams) == 0 {
		return nil, errors.New("lan: the exercise has no teams")
	}
	for _, t := range h.teams {
		tok := TeamToken(t)
		h.tokens[t], h.byToken[tok] = tok, t
	}
	var err error
	if h.hf, _, err = loadOrCreateHostFile(cfg.Dir, h.ex, cfg.Code); err != nil {
		return nil, &HostError{Problem: ErrHostFiles, Where: cfg.Dir, Err: err}
	}
	h.bundle.Code = h.hf.Code
	h.pairPW, h.pairs = pairPassword(h.hf.Code), newPairBook()
	h.roleCode = RoleCode(h.hf.Facilitator)
	h.evalCode = EvalCode(h.hf.Facilitator)
	if h.cfg.PairLimit.Burst <= 0 {
		h.cfg.PairLimit = DefaultPairLimit
	}
	if h.bundle.Fingerprint, err = fingerprintPEM([]byte(h.hf.CertPEM)); err != nil {
		return nil, &HostError{Problem: ErrHostFiles, Where: cfg.Dir, Err: err}
	}
	for _, start := range []func() error{h.startServer, h.startFanOut, h.listen} {
		if err := start(); err != nil {
			h.Close()
			where := cfg.Listen
			if where == "" {
				where = "0.0.0.0:0"
			}
			return nil, &HostError{Problem: ErrHostNetwork, Where: where, Err: err}
		}
	}
	return h, nil
}

func (h *Host) logf(format string, args ...any) {
	if h.cfg.Logf != nil {
		h.cfg.Logf(format, args...)
	}
}

// serverLog passes the server's warnings and errors to Logf.
type serverLog struct{ h *Host }

func (l serverLog) Noticef(string, ...any)    {}
func (l serverLog) Debugf(string, ...any)     {}
func (l serverLog) Tracef(string, ...any)     {}
func (l serverLog) Warnf(f string, a ...any)  { l.line("nats: "+f, a...) }
func (l serverLog) Errorf(f string, a ...any) { l.line("nats: error: "+f, a...) }
func (l serverLog) Fatalf(f string, a ...any) { l.h.logf("nats: fatal: "+f, a...) }

// line writes a server message, or counts it once a flood makes too many
// (one per payload or permissions violation).
func (l serverLog) line(f string, a ...any) {
	if l.h.srvLines.allow() {
		l.h.logf(f, a...)
		return
	}
	l.h.quiet.note(noteServer)
}

func (h *Host) listenAddress() (string, int, error) {
	listen := h.cfg.Listen
	if listen == "" {
		listen = "0.0.0.0:0"
	}
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return "", 0, fmt.Errorf("listen address %q: %w", listen, err)
	}
	if port == "0" && h.hf.Address != "" {
		// Restarted with "any port": take the one the teams know.
		if ph, pp, err := net.SplitHostPort(h.hf.Address); err == nil && (ph == host || host == "" || host == "0.0.0.0") {
			port = pp
		}
	}
	p, err := strconv.Atoi(port)
	if err != nil || p < 0 || p > 65535 {
		return "", 0, fmt.Errorf("listen address %q: bad port", listen)
	}
	return host, p, nil
}

func (h *Host) startServer() error {
	host, port, err := h.listenAddress()
	if err != nil {
		return err
	}
	if port != 0 {
		// Check the address first: the server only logs a failure to listen.
		l, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port)))
		if err != nil {
			return fmt.Errorf("cannot listen on %s: %w", net.JoinHostPort(host, strconv.Itoa(port)), err)
		}
		l.Close()
	} else {
		port = server.RANDOM_PORT // the server reads 0 as its default, 4222
	}
	tlsConf, err := serverTLS([]byte(h.hf.CertPEM), []byte(h.hf.KeyPEM))
	if err != nil {
		return err
	}
	names := accountNames(h.ex)
	auth := &authenticator{facilitator: h.hf.Facilitator, teams: map[string]*server.User{}, passwords: map[string]string{},
		lim: newLimiter(h.cfg.JoinLimit), joinAll: newLimiter(joinTotalLimit), known: map[string]bool{},
		pairLim: newLimiter(h.cfg.PairLimit), pairAll: newLimiter(pairTotalLimit), pairs: h.pairs,
		onRefused: func(addr, user string) { h.quiet.note(noteLoginRefused) }}
	opts := &server.Options{}
	// Account limits can only be set in a configuration (or a JWT), so the
	// accounts are written as one.
	if err := opts.ProcessConfigString(h.accountsConfig(names)); err != nil {
		return fmt.Errorf("the network server's accounts: %w", err)
	}
	opts.ServerName = "firebreak-" + h.ex
	opts.Host, opts.Port = host, port
	opts.NoSigs, opts.NoLog = true, true
	opts.JetStream = true
	opts.StoreDir = filepath.Join(h.cfg.Dir, "jetstream")
	opts.MaxPayload = maxPayload
	opts.TLSConfig, opts.TLS, opts.TLSTimeout = tlsConf, true, 5
	opts.PingInterval, opts.MaxPingsOut = 5*time.Second, 3
	opts.CustomClientAuthentication = auth
	ns, err := server.NewServer(opts)
	if err != nil {
		return err
	}
	ns.SetLoggerV2(serverLog{h}, false, false, false)
	for _, a := range []struct {
		name string
		acc  **server.Account
	}{{names.exercise, &auth.account}, {names.events, &auth.events}, {names.pairing, &auth.pairing}} {
		if *a.acc, err = ns.LookupAccount(a.name); err != nil {
			return err
		}
	}
	acc := auth.account
	for _, t := range h.teams {
		tok := h.tokens[t]
		auth.teams[t] = &server.User{Username: t, Account: acc, Permissions: teamPermissions(h.sub, tok)}
		auth.passwords[t] = TeamPassword(h.hf.Code, t)
	}
	auth.role = &server.User{Username: RoleUser, Account: acc, Permissions: rolePermissions(h.sub)}
	auth.rolePassword = RolePassword(h.roleCode)
	auth.eval = &server.User{Username: EvalUser, Account: acc, Permissions: evalPermissions(h.sub)}
	auth.evalPassword = EvalPassword(h.evalCode)
	ns.Start()
	if !ns.ReadyForConnections(15 * time.Second) {
		ns.Shutdown()
		return fmt.Errorf("the network server did not start on %s", net.JoinHostPort(host, strconv.Itoa(port)))
	}
	h.ns = ns
	if err := acc.EnableJetStream(nil, nil); err != nil {
		ns.Shutdown()
		return fmt.Errorf("enabling JetStream: %w", err)
	}
	h.addr = ns.Addr().String()
	if h.hf.Address != h.addr {
		h.hf.Address = h.addr
		if err := h.hf.save(h.cfg.Dir); err != nil {
			ns.Shutdown()
			return err
		}
	}
	nc, err := h.connect(facilitatorUser, "firebreak-host")
	if err != nil {
		ns.Shutdown()
		return err
	}
	h.nc = nc
	if h.js, err = jetstream.New(nc); err != nil {
		return err
	}
	ev, err := h.connect(facilitatorEventsUser, "firebreak-host events")
	if err != nil {
		return err
	}
	h.evJS, err = jetstream.New(ev)
	return err
}

// accounts are the server's accounts for an exercise: the exercise's own
// (teams, streams, the host's listening connections), the host's events
// publisher's, and pairing's.
type accounts struct{ exercise, events, pairing string }

func accountNames(ex string) accounts {
	return accounts{exercise: "FB_" + ex, events: "FB_" + ex + "_events", pairing: "FB_" + ex + "_pairing"}
}

// accountsConfig limits the messages of the exercise and pairing accounts
// (a larger one closes its sender's connection unread) and lets the events
// account, the only one with larger messages, publish into the team
// streams through a service import: JetStream's acknowledgement is the
// service's answer.
func (h *Host) accountsConfig(n accounts) string {
	events := h.sub.prefix() + ".team.>"
	return fmt.Sprintf(`accounts: {
  %q: { limits: { max_payload: %d }, exports: [ { service: %q, accounts: [%q] } ] }
  %q: { imports: [ { service: { account: %q, subject: %q } } ] }
  %q: { limits: { max_payload: %d } }
}
`, n.exercise, maxTeamMessage, events, n.events, n.events, n.exercise, events, n.pairing, maxPairMessage)
}

// connect opens one of the host's in-process connections. It reconnects
// at once and for good if the server ever drops it, and counts, without
// a line per message, what a flood makes it drop.
func (h *Host) connect(user, name string) (*nats.Conn, error) {
	nc, err := nats.Connect("", nats.InProcessServer(h.ns), nats.UserInfo(user, h.hf.Facilitator),
		nats.CustomInboxPrefix(hostInboxPrefix), nats.Name(name),
		nats.MaxReconnects(-1), nats.ReconnectWait(10*time.Millisecond), nats.ReconnectJitter(0, 0),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
			if errors.Is(err, nats.ErrSlowConsumer) {
				h.quiet.note("times a flood overran one of the host's subscriptions")
				return
			}
			h.quiet.note(noteServer)
		}),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				h.quiet.note("host connections dropped by the server")
			}
		}))
	if err != nil {
		return nil, fmt.Errorf("connecting to the embedded server: %w", err)
	}
	h.conns = append(h.conns, nc)
	return nc, nil
}

// startFanOut creates the team streams, finds what each already holds,
// replays what it misses from the exercise log and then follows the session.
func (h *Host) startFanOut() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, t := range append(slices.Clone(h.teams), rolePub, evalPub) {
		tok := h.tokens[t]
		switch t {
		case rolePub:
			tok = RoleToken
		case evalPub:
			tok = EvalToken
		}
		cfg := jetstream.StreamConfig{
			Name:        h.sub.stream(tok),
			Description: fmt.Sprintf("Firebreak exercise %s, team %s", h.ex, t),
			Subjects:    []string{h.sub.team(tok) + ".>"},
			Storage:     jetstream.FileStorage,
			Retention:   jetstream.LimitsPolicy,
			MaxMsgSize:  maxPayload,
			Duplicates:  2 * time.Minute,
			DenyDelete:  true,
			DenyPurge:   true,
		}
		s, err := h.js.CreateOrUpdateStream(ctx, cfg)
		if err != nil {
			return fmt.Errorf("stream for team %s: %w", t, err)
		}
		p := &teamPub{h: h, team: t, tok: tok}
		p.cond = sync.NewCond(&p.mu)
		if p.published, err = lastPublished(ctx, s, tok); err != nil {
			return fmt.Errorf("stream for team %s: %w", t, err)
		}
		h.pubs[t] = p
	}
	// Follow the session before reading the log, so nothing falls between;
	// events the log replay already queued are skipped by sequence number.
	h.catchMu.Lock()
	h.unsub = h.sess.Subscribe(h.onEvent)
	events, err := h.run.Events()
	if err == nil {
		for _, ev := range events {
			h.queueLocked(ev)
		}
	}
	h.catchMu.Unlock()
	if err != nil {
		return err
	}
	for _, p := range h.pubs {
		h.wg.Add(1)
		go p.loop()
	}
	return nil
}

// lastPublished finds the engine sequence number of the newest event in a
// team's stream (skipping anything not tagged for the team).
func lastPublished(ctx context.Context, s jetstream.Stream, tok string) (int64, error) {
	info, err := s.Info(ctx)
	if err != nil {
		return 0, err
	}
	for seq := info.State.LastSeq; seq > 0 && seq >= info.State.FirstSeq; seq-- {
		m, err := s.GetMsg(ctx, seq)
		if err != nil {
			if errors.Is(err, jetstream.ErrMsgNotFound) {
				continue
			}
			return 0, err
		}
		if m.Header.Get(hdrTeam) != tok {
			continue
		}
		n, err := strconv.ParseInt(m.Header.Get(hdrSeq), 10, 64)
		if err != nil {
			continue
		}
		return n, nil
	}
	return 0, nil
}

// onEvent follows the session: it records command outcomes and queues the
// event for the teams that may see it.
func (h *Host) onEvent(ev engine.Event) {
	h.catchMu.Lock()
	h.queueLocked(ev)
	h.catchMu.Unlock()
}

func (h *Host) queueLocked(ev engine.Event) {
	if ev.Seq <= h.lastSeq {
		return
	}
	h.lastSeq = ev.Seq
	if strings.HasPrefix(ev.Ref, refPrefix) {
		var o Outcome
		switch ev.Kind {
		case engine.KindChosen, engine.KindReplied, engine.KindPosted, engine.KindPressAnswered, engine.KindCaseHandled, engine.KindTriaged,
			engine.KindRoleSaid, engine.KindRoleNudged, engine.KindOpened, engine.KindEvalTask, engine.KindEvalRated, engine.KindEvalObserved:
			o = Outcome{Status: StatusAccepted, Seq: ev.Seq, AtMS: ev.At.Milliseconds()}
		case engine.KindRejected:
			// With its code, so that a laptop sending the choice again is
			// told why in its language, as the first time.
			o = Outcome{Status: StatusRejected, Reason: ev.Reason, Code: ev.Code, Seq: ev.Seq, AtMS: ev.At.Milliseconds()}
		}
		if o.Status != "" {
			h.mu.Lock()
			h.outcomes[ev.Ref] = o
			h.mu.Unlock()
		}
	}
	to := audience(ev, h.teams)
	if len(to) > 0 {
		// The role-player and evaluator seats see what any team may see.
		to = append(slices.Clone(to), rolePub, evalPub)
	} else if engine.IsEvalKind(ev.Kind) {
		// Evaluators' own events: to the evaluator seat alone.
		to = []string{evalPub}
	}
	for _, t := range to {
		p := h.pubs[t]
		p.mu.Lock()
		if ev.Seq > p.published {
			p.queue = append(p.queue, ev)
			p.cond.Signal()
		}
		p.mu.Unlock()
	}
}

// audience lists the teams that may see an event: the exercise's start, its
// clock and its end go to everyone; a team's own events to that team; the
// facilitator's notes, overrides and ratings to no team, nor the schedule
// changes a team must not learn of before they happen (an inject skipped or
// delayed: the event names the inject) or the facilitator's refused
// commands. An extended deadline goes to its team, whose countdown it moves.
func audience(ev engine.Event, teams []string) []string {
	switch ev.Kind {
	case engine.KindNote, engine.KindOverride, engine.KindRating, engine.KindEvaluation, engine.KindSkipped, engine.KindDelayed,
		engine.KindEvalTask, engine.KindEvalRated, engine.KindEvalObserved:
		return nil
	case engine.KindRejected:
		if ev.Command != "" {
			return nil
		}
	case engine.KindStarted, engine.KindPaused, engine.KindResumed, engine.KindSpeed, engine.KindExerciseEnds:
		return teams
	}
	if ev.Team == "" {
		return teams // e.g. an ad-hoc inject to all teams
	}
	if slices.Contains(teams, ev.Team) {
		return []string{ev.Team}
	}
	return nil
}

func (p *teamPub) loop() {
	defer p.h.wg.Done()
	for {
		p.mu.Lock()
		for len(p.queue) == 0 {
			p.busy = false
			p.cond.Broadcast()
			select {
			case <-p.h.closing:
				p.mu.Unlock()
				return
			default:
			}
			p.cond.Wait()
		}
		p.busy = true
		batch := p.queue
		p.queue = nil
		p.mu.Unlock()
		for _, ev := range batch {
			if ev.Seq <= p.published {
				continue
			}
			if !p.publish(ev) {
				return // closing
			}
			p.mu.Lock()
			p.published = ev.Seq
			p.mu.Unlock()
		}
	}
}

// publish puts one event in the team's stream, retrying until it is stored
// or the host closes. The message id makes a retry after a lost ack safe.
func (p *teamPub) publish(ev engine.Event) bool {
	data, err := ev.Encode()
	if err != nil {
		p.h.logf("cannot encode event %d: %v", ev.Seq, err)
		return true
	}
	msg := nats.NewMsg(p.h.sub.event(p.tok, string(ev.Kind)))
	msg.Data = data
	msg.Header.Set(hdrSeq, strconv.FormatInt(ev.Seq, 10))
	msg.Header.Set(hdrAt, strconv.FormatInt(ev.At.Milliseconds(), 10))
	msg.Header.Set(hdrKind, string(ev.Kind))
	msg.Header.Set(hdrTeam, p.tok)
	wait := 50 * time.Millisecond
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, err := p.h.evJS.PublishMsg(ctx, msg, jetstream.WithMsgID(strconv.FormatInt(ev.Seq, 10)))
		cancel()
		if err == nil {
			return true
		}
		p.h.logf("publishing event %d to team %s: %v (retrying)", ev.Seq, p.team, err)
		select {
		case <-p.h.closing:
			return false
		case <-time.After(wait):
		}
		wait = min(2*wait, 2*time.Second)
	}
}

// drained reports whether every event so far is in the streams.
func (h *Host) drained() bool {
	for _, p := range h.pubs {
		p.mu.Lock()
		idle := len(p.queue) == 0 && !p.busy
		p.mu.Unlock()
		if !idle {
			return false
		}
	}
	return true
}

const refPrefix = "lan:"

// commandRef is the log ref of a team's command: the client's id, kept
// apart per team so one team's ids can never answer for another's.
func commandRef(tok, id string) string { return refPrefix + tok + ":" + id }

// listen subscribes to what the laptops send, each team's hello and
// commands (and the role-player's) on a connection of their own and
// pairing on another, so that a
// flood on one fills only its connection. A flood beyond what a
// subscription holds is dropped there (and counted) rather than queued
// without bound.
func (h *Host) listen() error {
	for _, t := range h.teams {
		if err := h.listenFor(h.tokens[t], "firebreak-host team "+t); err != nil {
			return err
		}
	}
	if err := h.listenFor(RoleToken, "firebreak-host role-player"); err != nil {
		return err
	}
	if err := h.listenFor(EvalToken, "firebreak-host evaluator"); err != nil {
		return err
	}
	nc, err := h.connect(facilitatorPairingUser, "firebreak-host pairing")
	if err != nil {
		return err
	}
	s3, err := nc.Subscribe(pairSubjectPrefix+"*", h.onPair)
	if err != nil {
		return err
	}
	// Pairing requests are small (the account's limit) and anyone may send
	// them. The room is for pairing connections' 30 seconds of junk (checked
	// by size and rate first, so drained fast) without crowding out the real
	// requests.
	_ = s3.SetPendingLimits(16384, 64<<20)
	h.subs = append(h.subs, s3)
	return nc.Flush()
}

// listenFor subscribes, on a connection of its own, to the hellos and
// commands of one seat's token (a team's, or the role-player's).
func (h *Host) listenFor(tok, name string) error {
	nc, err := h.connect(facilitatorUser, name)
	if err != nil {
		return err
	}
	s1, err := nc.Subscribe(helloSubject(tok), h.onHello)
	if err != nil {
		return err
	}
	s2, err := nc.Subscribe(h.sub.cmd(tok), h.onCommand)
	if err != nil {
		return err
	}
	h.subs = append(h.subs, s1, s2)
	for _, s := range []*nats.Subscription{s1, s2} {
		_ = s.SetPendingLimits(4096, 64<<20)
	}
	return nc.Flush()
}

func lastToken(subject string) string {
	return subject[strings.LastIndexByte(subject, '.')+1:]
}

func respond(m *nats.Msg, v any) {
	if m.Reply == "" {
		return
	}
	data, _ := json.Marshal(v)
	_ = m.Respond(data)
}

// copied reports whether a message is a copy of a stream message (a team
// can have its own stream delivered anywhere): never a command or a hello.
func (h *Host) copied(m *nats.Msg) bool {
	if m.Header.Get(hdrTeam) == "" && m.Header.Get(hdrSeq) == "" {
		return false
	}
	h.ignored.Add(1)
	h.quiet.note(noteCopies)
	return true
}

// teamRequest takes a request on a team's subject (hello or command) and
// returns the token it was sent for, or false for one to drop unanswered: a
// copy of a stream message, or one asking for its answer outside the
// team's own inbox — answering that would have the host publish, with its
// rights, wherever a team says (another team's stream subject, say).
//
// It also keeps each team to its rate (teamRate): the excess is dropped
// before anything else is done with it, and counted.
func (h *Host) teamRequest(m *nats.Msg) (tok string, ok bool) {
	tok = lastToken(m.Subject)
	if !h.teamLim.take(tok) {
		h.quiet.note(noteRate)
		return "", false
	}
	if h.copied(m) {
		return "", false
	}
	if !strings.HasPrefix(m.Reply, inboxPrefix(tok)+".") {
		h.quiet.note(noteOutsideInbox)
		return "", false
	}
	return tok, true
}

func (h *Host) onHello(m *nats.Msg) {
	tok, ok := h.teamRequest(m)
	if !ok {
		return
	}
	team, known := h.byToken[tok]
	if seatToken(tok) {
		team, known = tok, true
	}
	req, err := decodeHello(m.Data)
	switch {
	case !known:
		respond(m, helloReply{Protocol: Protocol, Error: "unknown team"})
		return
	case err != nil:
		h.quiet.note(noteBadCommand)
		respond(m, helloReply{Protocol: Protocol, Error: err.Error()})
		return
	case req.Protocol != Protocol:
		respond(m, helloReply{Protocol: Protocol, Error: fmt.Sprintf("this host speaks protocol %d, the laptop %d: use the same Firebreak version", Protocol, req.Protocol)})
		return
	case req.Team != team:
		respond(m, helloReply{Protocol: Protocol, Error: "the hello names another team"})
		return
	}
	if seatToken(tok) {
		switch {
		case !validSeat(req.Seat) || !validClaim(req.Claim):
			h.quiet.note(noteBadCommand)
			respond(m, helloReply{Protocol: Protocol, Error: ErrSeat.Error(), Code: codeBadSeat})
		case !h.claimSeatOf(tok, req.Seat, req.Claim):
			respond(m, helloReply{Protocol: Protocol, Error: ErrSeatTaken.Error(), Code: codeSeatTaken})
		default:
			respond(m, helloReply{Protocol: Protocol, Exercise: h.ex, Team: team, Token: tok, Stream: h.sub.stream(tok), Teams: h.teams})
		}
		return
	}
	h.mu.Lock()
	first := !h.present[team]
	h.present[team] = true
	h.notifyLocked()
	h.mu.Unlock()
	if first {
		h.logf("team %s joined", team)
	}
	respond(m, helloReply{Protocol: Protocol, Exercise: h.ex, Team: team, Token: tok, Stream: h.sub.stream(tok), Teams: h.teams})
}

func (h *Host) notifyLocked() {
	close(h.changed)
	h.changed = make(chan struct{})
}

func (h *Host) onCommand(m *nats.Msg) {
	tok, ok := h.teamRequest(m)
	if !ok {
		return
	}
	team, known := h.byToken[tok]
	if seatToken(tok) {
		team, known = tok, true
	}
	if !known {
		respond(m, Outcome{Status: StatusRejected, Reason: "unknown team"})
		return
	}
	cmd, err := decodeCommand(m.Data)
	if err != nil {
		h.quiet.note(noteBadCommand)
		respond(m, Outcome{ID: cmd.ID, Status: StatusRejected, Reason: err.Error()})
		return
	}
	if cmd.Team != team {
		h.quiet.note(noteBadCommand)
		respond(m, Outcome{ID: cmd.ID, Status: StatusRejected,
			Reason: fmt.Sprintf("this laptop joined as team %q; it cannot send for team %q", team, cmd.Team)})
		return
	}
	if !kindFor(tok, cmd.Kind) {
		// A team sends no role-player's or evaluator's command, a
		// role-player laptop no team's or evaluator's, an evaluator's
		// laptop no team's or role-player's.
		h.quiet.note(noteBadCommand)
		respond(m, Outcome{ID: cmd.ID, Status: StatusRejected, Reason: fmt.Sprintf("this laptop may not send %q", cmd.Kind)})
		return
	}
	if cmd.Kind == wireFeedback {
		respond(m, h.applyFeedback(team, tok, cmd))
		return
	}
	if seatToken(tok) && cmd.Kind == wireBye {
		respond(m, Outcome{ID: cmd.ID, Status: StatusAccepted})
		return
	}
	if cmd.Kind == wireBye {
		h.mu.Lock()
		h.bye[team] = true
		h.notifyLocked()
		h.mu.Unlock()
		respond(m, Outcome{ID: cmd.ID, Status: StatusAccepted})
		return
	}
	respond(m, h.apply(team, tok, cmd))
}

// apply carries out a team's choice or reply once: a command id seen before
// gets the outcome it had, without touching the exercise again. The answer
// goes out after the session returns, when the event is in the store. The
// command is always the team's whose subject it came on (onCommand refuses
// one naming another team).
//
// What cannot be a choice (a decision the scenario does not have, an
// option the decision does not have) or a reply (no inject of that id that
// asks for an answer has reached the team) is refused without reaching the
// session, so junk never grows the exercise log. A choice the session
// refuses for good (the decision is not open, the team or the exercise has
// ended) is logged once: the same choice sent again with another id, while
// that still holds, gets the same refusal without a new event. The session
// logs no refused reply.
func (h *Host) apply(team, tok string, cmd wireCommand) Outcome {
	ref := commandRef(tok, cmd.ID)
	var key, junk, code string
	var roleCmd engine.Command
	if isRoleKind(cmd.Kind) || isEvalKind(cmd.Kind) {
		var err error
		if isEvalKind(cmd.Kind) {
			roleCmd, err = evalCommand(cmd, ref)
		} else {
			roleCmd, err = roleCommand(cmd, ref)
		}
		if err != nil {
			h.quiet.note(noteBadCommand)
			return Outcome{ID: cmd.ID, Status: StatusRejected, Reason: err.Error(), Code: engine.ErrBadSeat.Code}
		}
	} else {
		h.sess.Read(func(s *engine.State) { _, junk, code = refusalKey(s, team, cmd) })
	}
	if junk != "" { // before the queue of commands: junk never waits there
		switch cmd.Kind {
		case wireReply:
			h.quiet.note(noteJunkReply)
		case wirePost:
			h.quiet.note(noteJunkPost)
		case wireAnswer:
			h.quiet.note(noteJunkAnswer)
		case wireCase:
			h.quiet.note(noteJunkCase)
		default:
			h.quiet.note(noteJunkChoice)
		}
		return Outcome{ID: cmd.ID, Status: StatusRejected, Reason: junk, Code: code}
	}
	h.cmdMu.Lock()
	defer h.cmdMu.Unlock()
	h.mu.Lock()
	o, seen := h.outcomes[ref]
	h.mu.Unlock()
	if !seen {
		h.sess.Read(func(s *engine.State) { seen = s.Refs[ref] })
		if seen {
			o = Outcome{Status: StatusAccepted} // handled, outcome not recorded (should not happen)
		}
	}
	if seen {
		o.ID, o.Duplicate = cmd.ID, true
		return o
	}
	if roleCmd.Kind != "" && !h.claimSeatOf(tok, cmd.Seat, cmd.Claim) {
		// Another laptop holds the seat: the log names one laptop per
		// seat. (The command is not applied; its laptop may send it again
		// under a seat of its own. One applied before is answered as a
		// duplicate above, whoever holds the seat now.)
		return Outcome{ID: cmd.ID, Status: StatusRejected, Reason: ErrSeatTaken.Error(), Code: codeSeatTaken}
	}
	if roleCmd.Kind == "" {
		h.sess.Read(func(s *engine.State) { key, _, _ = refusalKey(s, team, cmd) })
	}
	if key != "" {
		h.mu.Lock()
		o, again := h.refusals[key]
		h.mu.Unlock()
		if again {
			h.quiet.note(noteRepeated)
			o.ID = cmd.ID
			return o
		}
	}
	ecmd := engine.Command{Kind: engine.CmdChoose, Team: team, Decision: cmd.Decision, Option: cmd.Option, Text: cmd.Text, Ref: ref}
	switch cmd.Kind {
	case wireReply:
		ecmd = engine.Command{Kind: engine.CmdReply, Team: team, Inject: cmd.Inject, Text: cmd.Text, Ref: ref}
	case wirePost:
		ecmd = engine.Command{Kind: engine.CmdPost, Team: team, Channel: cmd.Channel, Text: cmd.Text, Ref: ref}
	case wireAnswer:
		ecmd = engine.Command{Kind: engine.CmdAnswer, Team: team, Conference: cmd.Conference, Question: cmd.Question, Text: cmd.Text, Ref: ref}
	case wireCase:
		ecmd = engine.Command{Kind: engine.CmdHandleCase, Team: team, Case: cmd.Case, Option: cmd.Option, Text: cmd.Text, Ref: ref}
	case wireTriage:
		ecmd = engine.Command{Kind: engine.CmdTriage, Team: team, Decision: cmd.Decision, Triage: cmd.Triage, Ref: ref}
	case wireRoleSay, wireRoleOpen, wireRoleNudge, wireEvalTask, wireEvalRate, wireEvalObserve:
		ecmd = roleCmd
	}
	err := h.sess.Send(ecmd)
	h.mu.Lock()
	o, recorded := h.outcomes[ref]
	h.mu.Unlock()
	switch {
	case err == nil:
		o.Status = StatusAccepted
	case errors.Is(err, engine.ErrRejected) || engine.RefusalCode(err) != "":
		o.Status = StatusRejected
		o.Code = engine.RefusalCode(err)
		var cr *engine.ChoiceRefusal
		var rf *engine.Refused
		switch {
		case o.Reason != "":
		case errors.As(err, &cr):
			o.Reason = cr.Reason // the English detail; teams read Code
		case errors.As(err, &rf):
			// A reply's (a post's, an answer's…) refusal: the engine's
			// English detail, and the limit a text went past, which the
			// team's laptop says in its language.
			o.Reason, o.Limit = rf.Detail, rf.Limit
		default:
			o.Reason = err.Error()
		}
		if recorded && key != "" {
			h.mu.Lock()
			h.refusals[key] = Outcome{Status: StatusRejected, Reason: o.Reason, Code: o.Code, Limit: o.Limit}
			h.mu.Unlock()
		}
	case recorded:
		// The event is in the log but something after it failed: report
		// what the log says.
	default:
		// The detail (a database error, with its path) is for the
		// facilitator, not for the network.
		h.logf("team %s: command %s failed: %v", team, cmd.ID, err)
		what := "choice"
		switch cmd.Kind {
		case wireReply:
			what = "reply"
		case wirePost:
			what = "post"
		case wireAnswer:
			what = "answer"
		case wireCase:
			what = "case"
		case wireTriage:
			what = "triage"
		}
		o = Outcome{Status: StatusRetry, Reason: "the host could not store the " + what + " just now"}
	}
	o.ID = cmd.ID
	return o
}

// refusalKey looks at a choice or reply before the session does. junk is
// the reason to refuse one that cannot be a choice or reply at all (the
// English detail the session would give), with its refusal code. key names a choice the
// session will refuse for as long as the state says so; it is empty for
// one the session may accept, and for a reply (the session logs no refused
// reply, so there is nothing to keep from the log).
func refusalKey(s *engine.State, team string, cmd wireCommand) (key, junk, code string) {
	if s.Scenario == nil {
		return "", "", ""
	}
	if cmd.Kind == wirePost {
		switch {
		case s.Team(team) == nil:
			return "", fmt.Sprintf("%q", team), engine.ErrNoSuchTeam.Code
		case s.Scenario.Feed == nil || !slices.Contains(scenario.PostChannels, cmd.Channel):
			return "", fmt.Sprintf("%q", cmd.Channel), engine.ErrNoChannel.Code
		}
		return "", "", ""
	}
	if cmd.Kind == wireAnswer {
		// Only what can never be an answer is junk; a question no longer
		// asked is the session's refusal (it logs no refused answer).
		switch {
		case s.Team(team) == nil:
			return "", fmt.Sprintf("%q", team), engine.ErrNoSuchTeam.Code
		case s.Scenario.PressConference(cmd.Conference) == nil:
			return "", fmt.Sprintf("%q", cmd.Conference), engine.ErrNoSuchConference.Code
		}
		return "", "", ""
	}
	if cmd.Kind == wireCase {
		// Only what can never be handled is junk; a case not (or no
		// longer) waiting is the session's refusal (it logs none).
		c := s.Scenario.Case(cmd.Case)
		switch {
		case s.Team(team) == nil:
			return "", fmt.Sprintf("%q", team), engine.ErrNoSuchTeam.Code
		case c == nil:
			return "", fmt.Sprintf("%q", cmd.Case), engine.ErrNoSuchCase.Code
		case c.Remedy(cmd.Option) == nil:
			return "", fmt.Sprintf("%q", cmd.Option), engine.ErrNoSuchRemedy.Code
		}
		return "", "", ""
	}
	if cmd.Kind == wireTriage {
		// The session refuses the rest (no feed open, triaged already,
		// marks missing) and logs no refused triage.
		if s.Team(team) == nil {
			return "", fmt.Sprintf("%q", team), engine.ErrNoSuchTeam.Code
		}
		return "", "", ""
	}
	if cmd.Kind == wireReply {
		t := s.Team(team)
		switch {
		case t == nil:
			return "", fmt.Sprintf("%q", team), engine.ErrNoSuchTeam.Code
		case !answerable(t, cmd.Inject):
			// The inbox only grows: no reply to it was ever accepted.
			return "", fmt.Sprintf("inject %q to team %q", cmd.Inject, team), engine.ErrNoReply.Code
		}
		return "", "", ""
	}
	d := s.Scenario.Decision(cmd.Decision)
	switch {
	case d == nil:
		return "", fmt.Sprintf("the scenario has no decision %q", cmd.Decision), engine.ErrNoSuchDecision.Code
	case d.Option(cmd.Option) == nil:
		return "", fmt.Sprintf("decision %q has no option %q", cmd.Decision, cmd.Option), engine.ErrNoSuchOption.Code
	}
	t := s.Team(team)
	var why string
	switch {
	case t == nil:
		return "", fmt.Sprintf("there is no team %q", team), engine.ErrNoSuchTeam.Code
	case s.Ended:
		why = "exercise ended"
	case t.Ended:
		why = "team ended"
	case !t.IsOpen(cmd.Decision):
		why = "not open"
	default:
		return "", "", ""
	}
	return strings.Join([]string{team, cmd.Decision, cmd.Option, why}, "\x00"), "", ""
}

// answerable tells whether the team has received an inject of this id
// that asks for an answer (engine.Team.Answerable).
func answerable(t *engine.Team, inject string) bool {
	_, ok := t.Answerable(inject)
	return ok
}

// Address is where the host listens (host:port).
func (h *Host) Address() string { return h.addr }

// Code is the short join code.
func (h *Host) Code() string { return h.hf.Code }

// Bundle is the code with the certificate fingerprint, as teams type it.
func (h *Host) Bundle() Bundle { return h.bundle }

// Exercise is the exercise id.
func (h *Host) Exercise() string { return h.ex }

// Teams are the exercise's teams.
func (h *Host) Teams() []string { return slices.Clone(h.teams) }

// Present lists the teams that have joined since this host started.
func (h *Host) Present() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for _, t := range h.teams {
		if h.present[t] {
			out = append(out, t)
		}
	}
	return out
}

// WaitJoined waits until every team has joined.
func (h *Host) WaitJoined(ctx context.Context) error {
	for {
		h.mu.Lock()
		all := len(h.present) == len(h.teams)
		ch := h.changed
		h.mu.Unlock()
		if all {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ch:
		}
	}
}

func (h *Host) tick() time.Duration {
	if h.cfg.Tick > 0 {
		return h.cfg.Tick
	}
	var speed float64
	h.sess.Read(func(s *engine.State) { speed = s.Speed })
	if speed >= 20 {
		return 20 * time.Millisecond
	}
	return 200 * time.Millisecond
}

// saveEvery is how often Run saves the clock position: about every 30
// seconds of exercise time, between 100 ms and 1 s of wall time. A restart
// resumes from there (or from the latest event, if later).
func (h *Host) saveEvery() time.Duration {
	var speed float64
	h.sess.Read(func(s *engine.State) { speed = s.Speed })
	if speed <= 0 {
		return time.Second
	}
	return min(time.Second, max(100*time.Millisecond, time.Duration(float64(30*time.Second)/speed)))
}

// Run drives the exercise clock until the exercise ends: it starts the
// clock when every team has joined (AutoStart), ticks the session, saves the
// clock position for a restart and tells the teams the time. After the end
// it waits for every event to reach the streams and, up to Linger, for the
// teams that joined to confirm they saw it.
func (h *Host) Run(ctx context.Context) error {
	tick := time.NewTicker(h.tick())
	defer tick.Stop()
	var lastSave, lastBeat time.Time
	for {
		var paused, ended bool
		h.sess.Read(func(s *engine.State) { paused, ended = s.Paused, s.Ended })
		if h.cfg.AutoStart && !ended {
			h.mu.Lock()
			start := !h.started && len(h.present) == len(h.teams)
			if start {
				h.started = true
			}
			h.mu.Unlock()
			if start && paused {
				h.logf("every team has joined; the clock starts")
				if err := h.sess.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
					return err
				}
			}
		}
		if err := h.sess.Tick(); err != nil {
			var limit *engine.LimitError
			if !errors.As(err, &limit) {
				return err
			}
			// The scenario made more happen than the engine allows and
			// the exercise stopped. Nobody at this host can end it by
			// hand, so end it here: the teams see the end and the
			// debrief shows what happened up to then (EndLimit).
			h.logf("%v: the exercise is ended there", err)
			if err := h.sess.Send(engine.Command{Kind: engine.CmdEnd}); err != nil {
				return err
			}
			ended = true
		}
		now := time.Now()
		if now.Sub(lastBeat) >= 100*time.Millisecond {
			h.beat()
			lastBeat = now
		}
		if now.Sub(lastSave) >= h.saveEvery() {
			if err := h.run.SaveClock(); err != nil {
				h.logf("saving the clock: %v", err)
			}
			lastSave = now
		}
		if ended {
			_ = h.run.SaveClock()
			h.beat()
			return h.finish(ctx)
		}
		select {
		case <-ctx.Done():
			_ = h.run.SaveClock()
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// finish waits for the streams to hold every event and for the teams to
// confirm the end.
func (h *Host) finish(ctx context.Context) error {
	for !h.drained() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
	linger := h.cfg.Linger
	if linger == 0 {
		linger = 10 * time.Second
	}
	deadline := time.NewTimer(linger)
	defer deadline.Stop()
	for {
		h.mu.Lock()
		waiting := false
		for t := range h.present {
			if !h.bye[t] {
				waiting = true
			}
		}
		ch := h.changed
		h.mu.Unlock()
		if !waiting {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-deadline.C:
			return nil
		case <-ch:
		}
	}
}

// beat tells every team where the exercise clock stands.
func (h *Host) beat() {
	var b clockBeat
	var last time.Duration
	h.sess.Read(func(s *engine.State) {
		b = clockBeat{Paused: s.Paused, Speed: s.Speed, Ended: s.Ended, Seq: s.Seq}
		last = s.Now
	})
	// After an ending the session's clock reads where it was last anchored,
	// which can be before the end: never tell the teams less than the
	// latest event's time.
	b.AtMS = max(h.sess.ExerciseTime(), last).Milliseconds()
	if b.Ended {
		b.Feedback = h.feedbackState()
	}
	data, _ := json.Marshal(b)
	_ = h.nc.Publish(h.sub.clock(), data)
}

// Close stops the server. The exercise stays in the store; a new host on
// the same Dir carries on.
func (h *Host) Close() {
	h.closeOne.Do(func() {
		if h.unsub != nil {
			h.unsub()
		}
		close(h.closing)
		for _, p := range h.pubs {
			p.mu.Lock()
			p.cond.Broadcast()
			p.mu.Unlock()
		}
		h.wg.Wait()
		for _, s := range h.subs {
			_ = s.Unsubscribe()
		}
		for _, nc := range h.conns {
			nc.Close()
		}
		h.quiet.flush()
		if h.ns != nil {
			h.ns.Shutdown()
			h.ns.WaitForShutdown()
		}
	})
}
