package lan

import (
	"crypto/subtle"
	"net"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// JoinLimit bounds failed join attempts per remote address: Burst failures
// are allowed at once and one more every Every. An address that has used up
// its allowance is refused — even with the right code — until it earns one
// back, so guessing a 6-character code over the network is hopeless.
type JoinLimit struct {
	Burst int
	Every time.Duration
}

// DefaultJoinLimit allows 5 failures at once and one more every 10 seconds.
var DefaultJoinLimit = JoinLimit{Burst: 5, Every: 10 * time.Second}

// DefaultPairLimit bounds pairing connections per remote address: 40 at
// once and one more every 3 seconds. Pairing has its own allowance, not the
// failed-join one: the host cannot tell a right guess from a wrong one (only
// the laptop can), so every pairing connection is spent, and a classroom
// behind one address (a NAT, a test on loopback) needs 30 at once — five
// shared with join failures would lock it out. 40 + 20 a minute leaves room
// for typos; an attacker at one address gets about 1 200 guesses an hour,
// against 31⁶ ≈ 8.9 × 10⁸ codes.
var DefaultPairLimit = JoinLimit{Burst: 40, Every: 3 * time.Second}

// pairTotalLimit bounds pairing connections from all addresses together, so
// an attacker with many addresses gets no more guesses than 100 at once and
// one a second: under 3 × 10⁻⁵ of the codes in a full day. Pairing is a
// convenience; when it is exhausted the bundle still works.
var pairTotalLimit = JoinLimit{Burst: 100, Every: time.Second}

// limiter is a token bucket of failures per remote IP.
type limiter struct {
	mu      sync.Mutex
	lim     JoinLimit
	buckets map[string]*bucket
	now     func() time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

const maxBuckets = 10_000

func newLimiter(l JoinLimit) *limiter {
	if l.Burst <= 0 {
		l = DefaultJoinLimit
	}
	return &limiter{lim: l, buckets: map[string]*bucket{}, now: time.Now}
}

func (l *limiter) refill(key string) *bucket {
	now := l.now()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= maxBuckets {
			l.prune(now)
		}
		b = &bucket{tokens: float64(l.lim.Burst), at: now}
		l.buckets[key] = b
		return b
	}
	if l.lim.Every > 0 {
		b.tokens = min(float64(l.lim.Burst), b.tokens+float64(now.Sub(b.at))/float64(l.lim.Every))
	}
	b.at = now
	return b
}

// prune drops the buckets that are full again.
func (l *limiter) prune(now time.Time) {
	for k, b := range l.buckets {
		if l.lim.Every <= 0 || b.tokens+float64(now.Sub(b.at))/float64(l.lim.Every) >= float64(l.lim.Burst) {
			delete(l.buckets, k)
		}
	}
}

// allowed reports whether the address may try to join now.
func (l *limiter) allowed(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.refill(key).tokens >= 1
}

// take spends one of the address's allowance if it has one left.
func (l *limiter) take(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refill(key)
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// failed spends one of the address's allowed failures.
func (l *limiter) failed(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refill(key)
	b.tokens = max(0, b.tokens-1)
}

// authenticator checks the facilitator's and the teams' credentials, maps
// each user to its account with its permissions, rate-limits failures per
// remote address and from all addresses together, and admits rate-limited
// pairing connections.
type authenticator struct {
	account     *server.Account // the exercise's: teams, streams, the host's listeners
	events      *server.Account // the host's events publisher
	pairing     *server.Account // pairing connections and the host's pairing listener
	facilitator string          // password
	teams       map[string]*server.User
	// role is the role-player laptops' user, rolePassword its password
	// (roleplay.go); checked before the teams, whose passwords differ.
	role         *server.User
	rolePassword string
	// eval is the evaluator laptops' user, evalPassword its password
	// (evaluate.go).
	eval         *server.User
	evalPassword string
	passwords    map[string]string
	lim          *limiter // failed joins per address
	joinAll      *limiter // failed joins from everywhere, under key ""
	knownMu      sync.Mutex
	known        map[string]bool // addresses that have logged in since the host started
	pairLim      *limiter        // pairing connections per address
	pairAll      *limiter        // pairing connections from everywhere, under key ""
	pairs        *pairBook       // tokens admitted so far
	onRefused    func(addr, user string)
}

// The host's own in-process users, one per account, all with the
// facilitator's password.
const (
	facilitatorUser        = "facilitator"
	facilitatorEventsUser  = "facilitator-events"
	facilitatorPairingUser = "facilitator-pairing"
)

// markKnown remembers an address that logged in, up to maxBuckets of them.
func (a *authenticator) markKnown(key string) {
	a.knownMu.Lock()
	defer a.knownMu.Unlock()
	if a.known != nil && len(a.known) < maxBuckets {
		a.known[key] = true
	}
}

// newcomerLimited reports whether an address is turned away because the
// failed joins from all addresses together are used up: while they are,
// only addresses that have logged in before (laptops coming back) may try.
// Every answer to a newcomer is then the same refusal, right code or not,
// so guesses learn nothing.
func (a *authenticator) newcomerLimited(key string) bool {
	if a.joinAll == nil || a.joinAll.allowed("") {
		return false
	}
	a.knownMu.Lock()
	defer a.knownMu.Unlock()
	return !a.known[key]
}

func remoteKey(a net.Addr) string {
	if a == nil {
		return "unknown"
	}
	if host, _, err := net.SplitHostPort(a.String()); err == nil {
		return host
	}
	return a.String() // in-process pipes
}

func eq(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// Check implements server.Authentication.
func (a *authenticator) Check(c server.ClientAuthentication) bool {
	if c.Kind() != server.CLIENT {
		return false
	}
	key := remoteKey(c.RemoteAddress())
	if !a.lim.allowed(key) {
		if a.onRefused != nil {
			a.onRefused(key, "(rate limited)")
		}
		return false
	}
	opts := c.GetOpts()
	if acc := a.facilitatorAccount(opts.Username); acc != nil && eq(opts.Password, a.facilitator) {
		c.RegisterUser(&server.User{Username: opts.Username, Account: acc}) // no permissions: everything
		a.markKnown(key)
		return true
	}
	// Pairing has its own host-wide allowance (checkPair).
	pairing := opts.Username == pairUser && a.pairs != nil && validPairToken(opts.Password)
	if !pairing && a.newcomerLimited(key) {
		if a.onRefused != nil {
			a.onRefused(key, "(too many failed joins from all addresses)")
		}
		return false
	}
	if a.role != nil && opts.Username == RoleUser && eq(opts.Password, a.rolePassword) {
		c.RegisterUser(a.role)
		a.markKnown(key)
		return true
	}
	if a.eval != nil && opts.Username == EvalUser && eq(opts.Password, a.evalPassword) {
		c.RegisterUser(a.eval)
		a.markKnown(key)
		return true
	}
	if u, ok := a.teams[opts.Username]; ok && eq(opts.Password, a.passwords[opts.Username]) {
		c.RegisterUser(u)
		a.markKnown(key)
		return true
	}
	// Teams come first, so a team called "pair" still joins with its
	// password; a wrong one then counts as a pairing connection, which is one
	// guess at the code like any other.
	if pairing {
		return a.checkPair(c, key, opts.Password)
	}
	a.lim.failed(key)
	if a.joinAll != nil {
		a.joinAll.failed("")
	}
	if a.onRefused != nil {
		a.onRefused(key, opts.Username)
	}
	return false
}

// facilitatorAccount is the account of one of the host's own users, or nil.
func (a *authenticator) facilitatorAccount(user string) *server.Account {
	switch user {
	case facilitatorUser:
		return a.account
	case facilitatorEventsUser:
		return a.events
	case facilitatorPairingUser:
		return a.pairing
	}
	return nil
}

// checkPair admits a pairing connection: one allowance of its address and
// one of the global one, and a token never seen before.
func (a *authenticator) checkPair(c server.ClientAuthentication, key, tok string) bool {
	refuse := func(why string) bool {
		if a.onRefused != nil {
			a.onRefused(key, pairUser+" ("+why+")")
		}
		return false
	}
	if !a.pairLim.take(key) {
		return refuse("too many pairing attempts from this address")
	}
	if !a.pairAll.take("") {
		return refuse("too many pairing attempts from all addresses")
	}
	if err := a.pairs.admit(tok); err != nil {
		return refuse(err.Error())
	}
	acc := a.pairing
	if acc == nil {
		acc = a.account
	}
	c.RegisterUser(&server.User{Username: pairUser, Account: acc, Permissions: pairPermissions(tok),
		ConnectionDeadline: time.Now().Add(pairConnLife)})
	return true
}

// pairPermissions is all a pairing connection may do: send its one request
// and read the answer in its own inbox.
func pairPermissions(tok string) *server.Permissions {
	return &server.Permissions{
		Publish:   &server.SubjectPermission{Allow: []string{pairSubject(tok)}},
		Subscribe: &server.SubjectPermission{Allow: []string{pairInbox(tok) + ".>"}},
	}
}

// teamPermissions is what a team's user may do: send commands for its team,
// say hello, read its own stream through JetStream, and hear the clock.
func teamPermissions(sub subjects, tok string) *server.Permissions {
	stream := sub.stream(tok)
	return &server.Permissions{
		Publish: &server.SubjectPermission{Allow: []string{
			sub.cmd(tok),
			helloSubject(tok),
			"$JS.API.STREAM.INFO." + stream,
			"$JS.API.CONSUMER.CREATE." + stream,
			"$JS.API.CONSUMER.CREATE." + stream + ".>",
			"$JS.API.CONSUMER.DELETE." + stream + ".>",
			"$JS.API.CONSUMER.INFO." + stream + ".>",
			"$JS.API.CONSUMER.MSG.NEXT." + stream + ".>",
		}},
		Subscribe: &server.SubjectPermission{Allow: []string{
			sub.team(tok) + ".>",
			sub.all() + ".>",
			inboxPrefix(tok) + ".>",
		}},
	}
}
