package lan

import (
	"bytes"
	"context"
	"crypto/ecdh"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/schollz/pake/v3"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// Pairing lets a laptop that knows only the host's address and the
// 6-character code learn the certificate fingerprint it must pin. The code
// is far too short to be sent or hashed where an eavesdropper or a fake host
// could test guesses offline, so laptop and host run a PAKE (SPAKE2 on P-256,
// github.com/schollz/pake) keyed by the code: each side learns only whether
// the other knew the same code, one online guess per exchange. The host then
// authenticates its certificate fingerprint and the exercise id with a MAC
// under the shared key.
//
// It runs over the exercise's own NATS server: the laptop connects with TLS
// (certificate not yet known, so only recorded), as user "pair" with a
// random token as password, publishes one request on fb.pair.<token> and
// reads the answer in _INBOX._pair.<token>. The authenticator rate-limits
// these connections and lets them do nothing else; the host answers each
// token once.

const (
	pairUser          = "pair"
	pairSubjectPrefix = "fb.pair."
	// pairInboxRoot cannot overlap a team's inbox: team tokens are plain
	// names without "_" or "_" plus 24 hex digits.
	pairInboxRoot = "_INBOX._pair"
	// maxPairMessage bounds a pairing request and answer; real ones are
	// under 1 KB.
	maxPairMessage = 4 << 10
	// pairConnLife is how long the server keeps a pairing connection open.
	pairConnLife = 30 * time.Second
	// maxPairTokens bounds the tokens a host remembers. The global pairing
	// limit (pairTotalLimit) needs about 18 hours to fill it; after that the
	// host refuses pairing rather than forget a token.
	maxPairTokens = 1 << 16
	pairCurve     = "p256"
)

// ErrPairLimited is returned by Pair when the host turns the pairing
// connection away: too many pairing attempts from the laptop's address (or
// from everywhere at once).
var ErrPairLimited = errors.New("the host turns away pairing for now: too many attempts")

// ErrNoHost is returned by Pair when nothing at the address answers as a
// Firebreak host: nothing listens, it is not a NATS server with TLS, or it
// does not answer pairing requests.
var ErrNoHost = errors.New("no Firebreak host answered")

// pairError is an error with its own message that still matches a sentinel
// with errors.Is.
type pairError struct {
	msg  string
	kind error
}

func (e *pairError) Error() string { return e.msg }
func (e *pairError) Unwrap() error { return e.kind }

func pairErrorf(kind error, format string, args ...any) error {
	return &pairError{msg: fmt.Sprintf(format, args...), kind: kind}
}

func pairSubject(tok string) string { return pairSubjectPrefix + tok }
func pairInbox(tok string) string   { return pairInboxRoot + "." + tok }

// validPairToken checks a pairing token's shape: 22 to 64 characters of the
// base64url alphabet, so it is one subject token and hard to guess.
func validPairToken(s string) bool {
	if len(s) < 22 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func newPairToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// pairPassword is the PAKE password of a code: a hash, so that the scalar
// pake derives from it is spread over the whole group and never used in
// another role than pairing.
func pairPassword(code string) []byte {
	sum := sha256.Sum256([]byte("firebreak/lan/v1 pair password\x00" + code))
	return sum[:]
}

// pairRequest is a laptop's pairing message on fb.pair.<token>.
type pairRequest struct {
	Protocol int             `json:"protocol"`
	PAKE     json.RawMessage `json:"pake"`
}

// pairReply is the host's answer.
type pairReply struct {
	Protocol    int             `json:"protocol"`
	PAKE        json.RawMessage `json:"pake,omitempty"`
	Fingerprint string          `json:"fingerprint,omitempty"` // hex SHA-256 of the host's certificate
	Exercise    string          `json:"exercise,omitempty"`
	MAC         string          `json:"mac,omitempty"` // base64url HMAC-SHA256, see pairMAC
	Error       string          `json:"error,omitempty"`
}

// pakePoint is the public part of a pake message: its sender's role and
// its point, X for role 0 and Y for role 1. The field names are pake's.
type pakePoint struct {
	Role *int     `json:"Role"`
	Xu   *big.Int `json:"Xᵤ,omitempty"`
	Xv   *big.Int `json:"Xᵥ,omitempty"`
	Yu   *big.Int `json:"Yᵤ,omitempty"`
	Yv   *big.Int `json:"Yᵥ,omitempty"`
}

// encodePAKE is the message of role 0 (X) or role 1 (Y) with nothing else
// in it, for the wire and for pake's Update.
func encodePAKE(role int, u, v *big.Int) json.RawMessage {
	m := pakePoint{Role: &role}
	if role == 0 {
		m.Xu, m.Xv = u, v
	} else {
		m.Yu, m.Yv = u, v
	}
	data, err := json.Marshal(m)
	if err != nil {
		panic(err) // big.Int and int always marshal
	}
	return data
}

// decodePAKE reads a pake message from the peer in role `role` and checks
// what pake's Update does not (it panics on missing coordinates and takes
// any numbers): exactly the role's point, on P-256, nothing else. It
// returns the message re-encoded from the checked values, so Update never
// sees the peer's bytes.
func decodePAKE(raw []byte, role int) (json.RawMessage, error) {
	var m pakePoint
	if err := strictJSON(raw, &m); err != nil {
		return nil, fmt.Errorf("the PAKE message is not understood: %v", err)
	}
	if m.Role == nil || *m.Role != role {
		return nil, fmt.Errorf("the PAKE message is not from role %d", role)
	}
	u, v, other1, other2 := m.Xu, m.Xv, m.Yu, m.Yv
	if role == 1 {
		u, v, other1, other2 = m.Yu, m.Yv, m.Xu, m.Xv
	}
	if other1 != nil || other2 != nil {
		return nil, fmt.Errorf("the PAKE message of role %d carries the other role's point", role)
	}
	if err := checkP256Point(u, v); err != nil {
		return nil, fmt.Errorf("the PAKE message's point: %w", err)
	}
	return encodePAKE(role, u, v), nil
}

// strictJSON decodes exactly one JSON value with no fields v lacks.
func strictJSON(data []byte, v any) error {
	if !json.Valid(data) {
		return errors.New("not one JSON value")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// checkP256Point accepts the affine coordinates of a point on P-256 other
// than infinity; crypto/ecdh does the curve check.
func checkP256Point(x, y *big.Int) error {
	if x == nil || y == nil {
		return errors.New("a coordinate is missing")
	}
	if x.Sign() < 0 || y.Sign() < 0 || x.BitLen() > 256 || y.BitLen() > 256 {
		return errors.New("a coordinate is out of range")
	}
	buf := make([]byte, 65)
	buf[0] = 4 // uncompressed
	x.FillBytes(buf[1:33])
	y.FillBytes(buf[33:])
	if _, err := ecdh.P256().NewPublicKey(buf); err != nil {
		return errors.New("not a point on P-256")
	}
	return nil
}

// pakeUpdate runs pake's Update on a checked message and returns the
// session key. Update is third-party code fed from the network: a panic in
// it is an error here, never a crash.
func pakeUpdate(p *pake.Pake, msg []byte) (key []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			key, err = nil, fmt.Errorf("the PAKE message broke the key exchange: %v", r)
		}
	}()
	if err := p.Update(msg); err != nil {
		return nil, fmt.Errorf("the PAKE message was refused: %v", err)
	}
	return p.SessionKey()
}

// pairMAC authenticates the host's certificate fingerprint and exercise id
// under a key derived from the PAKE session key, bound to the token. Only a
// party that knew the code computes it.
func pairMAC(sessionKey []byte, tok string, fp [32]byte, exercise string) ([]byte, error) {
	k, err := hkdf.Key(sha256.New, sessionKey, nil, "firebreak/lan/v1 pair mac key", 32)
	if err != nil {
		return nil, err
	}
	m := hmac.New(sha256.New, k)
	// The token has no NUL and the fingerprint a fixed length: the fields
	// cannot be shifted into each other.
	m.Write([]byte("firebreak/lan/v1 pair confirm\x00" + tok + "\x00"))
	m.Write(fp[:])
	m.Write([]byte(exercise))
	return m.Sum(nil), nil
}

// decodePairRequest checks a laptop's pairing request (size, JSON shape,
// protocol, point) and returns its PAKE message re-encoded for Update.
func decodePairRequest(data []byte) (json.RawMessage, error) {
	if len(data) > maxPairMessage {
		return nil, fmt.Errorf("the pairing request is %d bytes; at most %d are accepted", len(data), maxPairMessage)
	}
	var req pairRequest
	if err := strictJSON(data, &req); err != nil {
		return nil, fmt.Errorf("the pairing request is not understood: %v", err)
	}
	if req.Protocol != Protocol {
		return nil, fmt.Errorf("this host speaks protocol %d, the laptop %d: use the same Firebreak version", Protocol, req.Protocol)
	}
	if len(req.PAKE) == 0 {
		return nil, errors.New("the pairing request has no PAKE message")
	}
	return decodePAKE(req.PAKE, 0)
}

// answerPair is the host's side of one exchange: it takes the laptop's
// request and returns the answer with the host's PAKE message and the MAC
// over its fingerprint and exercise id.
func answerPair(pw []byte, tok string, fp [32]byte, exercise string, data []byte) (pairReply, error) {
	msg, err := decodePairRequest(data)
	if err != nil {
		return pairReply{}, err
	}
	p, err := pake.InitCurve(pw, 1, pairCurve)
	if err != nil {
		return pairReply{}, err
	}
	key, err := pakeUpdate(p, msg)
	if err != nil {
		return pairReply{}, err
	}
	mac, err := pairMAC(key, tok, fp, exercise)
	if err != nil {
		return pairReply{}, err
	}
	return pairReply{Protocol: Protocol, PAKE: encodePAKE(1, p.Yᵤ, p.Yᵥ), Fingerprint: hex.EncodeToString(fp[:]),
		Exercise: exercise, MAC: base64.RawURLEncoding.EncodeToString(mac)}, nil
}

// pairBook remembers every pairing token the server admitted, for its
// lifetime: a token gets one connection and one answer, so a connection is
// one guess at the code.
type pairBook struct {
	mu       sync.Mutex
	answered map[string]bool // admitted token → answered
}

func newPairBook() *pairBook { return &pairBook{answered: map[string]bool{}} }

var (
	errPairTokenUsed = errors.New("the pairing token was used before")
	errPairBookFull  = errors.New("the host has paired as many laptops as it will until it restarts")
)

// admit takes a new connection's token. It refuses a token seen before and,
// once the book is full, every token: forgetting one could let it be
// answered twice.
func (b *pairBook) admit(tok string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, seen := b.answered[tok]; seen {
		return errPairTokenUsed
	}
	if len(b.answered) >= maxPairTokens {
		return errPairBookFull
	}
	b.answered[tok] = false
	return nil
}

// claim reports whether the token may be answered now: once per admitted
// token.
func (b *pairBook) claim(tok string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	answered, ok := b.answered[tok]
	if !ok || answered {
		return false
	}
	b.answered[tok] = true
	return true
}

// pairMessageRate bounds the messages the host reads per pairing token: a
// laptop sends one.
var pairMessageRate = JoinLimit{Burst: 8, Every: time.Second}

// onPair answers a pairing request, once per token.
func (h *Host) onPair(m *nats.Msg) {
	tok := lastToken(m.Subject)
	if !h.pairMsgLim.take(tok) {
		h.quiet.note(noteRate)
		return
	}
	if h.copied(m) {
		return
	}
	// Only the token's own connection can publish here, and only its inbox
	// may get the answer: a reply subject elsewhere (a team's stream, say)
	// would have the host publish there for it.
	if !validPairToken(tok) || !strings.HasPrefix(m.Reply, pairInbox(tok)+".") {
		return
	}
	if !h.pairs.claim(tok) {
		respond(m, pairReply{Protocol: Protocol, Error: "this pairing token has had its answer; pair again on a new connection"})
		return
	}
	r, err := answerPair(h.pairPW, tok, h.bundle.Fingerprint, h.ex, m.Data)
	if err != nil {
		h.quiet.note(notePairRefused)
		r = pairReply{Protocol: Protocol, Error: err.Error()}
	}
	respond(m, r)
}

// Pair asks the host at addr ("host:port") for the certificate fingerprint
// that goes with the 6-character join code, and returns the code bundle to
// join with. Laptop and host prove to each other that they know the code
// without revealing it (a PAKE); the host then authenticates its certificate
// fingerprint, which must be the certificate of this very connection.
//
// Each call is one guess at the code, counted by the host. Errors: a wrong
// code (or a host of another exercise) wraps ErrRefused; too many attempts
// wraps ErrPairLimited; nothing Firebreak-like at addr wraps ErrNoHost; a
// host that knows the code behind a certificate other than the one this
// connection saw wraps ErrFingerprint.
func Pair(ctx context.Context, addr, code string, opts JoinOptions) (Bundle, error) {
	c, err := NormalizeCode(code)
	if err != nil {
		return Bundle{}, err
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	if d, ok := ctx.Deadline(); ok {
		timeout = min(timeout, max(time.Until(d), time.Millisecond))
	}
	tok := newPairToken()
	var (
		seenMu sync.Mutex
		seen   *[32]byte
	)
	tlsConf := &tls.Config{
		MinVersion: tls.VersionTLS12,
		// The fingerprint is what pairing finds out, so there is nothing to
		// check yet: the certificate is recorded here and must be the one the
		// host authenticates below.
		InsecureSkipVerify: true, //nolint:gosec // checked against the PAKE-authenticated fingerprint
		VerifyConnection: func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return errors.New("the host sent no certificate")
			}
			fp := sha256.Sum256(cs.PeerCertificates[0].Raw)
			seenMu.Lock()
			seen = &fp
			seenMu.Unlock()
			return nil
		},
	}
	nc, err := nats.Connect("tls://"+addr,
		nats.Secure(tlsConf),
		nats.UserInfo(pairUser, tok),
		nats.CustomInboxPrefix(pairInbox(tok)),
		nats.Name("firebreak pairing"),
		nats.Timeout(timeout),
		nats.NoReconnect(), // a second handshake could show another certificate
		nats.NoCallbacksAfterClientClose(),
	)
	if err != nil {
		switch {
		case errors.Is(err, nats.ErrAuthorization):
			return Bundle{}, pairErrorf(ErrPairLimited, "the host at %s turns away pairing from this laptop for now: too many attempts from its address (wait a minute, or type the full code bundle)", addr)
		case errors.Is(err, nats.ErrNoServers):
			return Bundle{}, pairErrorf(ErrNoHost, "cannot reach a Firebreak host at %s: %v", addr, err)
		}
		return Bundle{}, pairErrorf(ErrNoHost, "%s does not answer as a Firebreak host: %v", addr, err)
	}
	defer nc.Close()

	p, err := pake.InitCurve(pairPassword(c), 0, pairCurve)
	if err != nil {
		return Bundle{}, err
	}
	body, err := json.Marshal(pairRequest{Protocol: Protocol, PAKE: encodePAKE(0, p.Xᵤ, p.Xᵥ)})
	if err != nil {
		return Bundle{}, err
	}
	rctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	msg, err := nc.RequestWithContext(rctx, pairSubject(tok), body)
	if err != nil {
		switch {
		case errors.Is(err, nats.ErrNoResponders):
			return Bundle{}, pairErrorf(ErrNoHost, "%s runs a NATS server but no Firebreak host answers pairing there", addr)
		case ctx.Err() != nil:
			return Bundle{}, fmt.Errorf("pairing with %s: %w", addr, ctx.Err())
		case errors.Is(err, context.DeadlineExceeded), errors.Is(err, nats.ErrTimeout):
			return Bundle{}, pairErrorf(ErrNoHost, "the host at %s did not answer the pairing request within %s", addr, timeout)
		}
		return Bundle{}, fmt.Errorf("pairing with %s: %w", addr, err)
	}
	// The certificate this connection saw: recorded during the handshake and
	// still the one of the live connection (reconnecting is off).
	seenMu.Lock()
	saw := seen
	seenMu.Unlock()
	st, err := nc.TLSConnectionState()
	if err != nil || saw == nil || len(st.PeerCertificates) == 0 || sha256.Sum256(st.PeerCertificates[0].Raw) != *saw {
		return Bundle{}, pairErrorf(ErrFingerprint, "pairing with %s: the connection's certificate changed during the exchange", addr)
	}
	fp, err := finishPair(p, tok, *saw, addr, msg.Data)
	if err != nil {
		return Bundle{}, err
	}
	return Bundle{Code: c, Fingerprint: fp}, nil
}

// finishPair checks the host's answer against the laptop's half of the
// exchange and the certificate the connection saw, and returns the host's
// fingerprint.
func finishPair(p *pake.Pake, tok string, saw [32]byte, addr string, data []byte) ([32]byte, error) {
	var fp, none [32]byte
	if len(data) > maxPairMessage {
		return none, pairErrorf(ErrNoHost, "the pairing answer from %s is %d bytes; a Firebreak host sends less than %d", addr, len(data), maxPairMessage)
	}
	var r pairReply
	if err := json.Unmarshal(data, &r); err != nil {
		return none, pairErrorf(ErrNoHost, "the pairing answer from %s is not understood: %v", addr, err)
	}
	switch {
	case r.Protocol != Protocol:
		return none, fmt.Errorf("%w: the host at %s speaks protocol %d, this laptop %d", ErrVersion, addr, r.Protocol, Protocol)
	case r.Error != "":
		return none, fmt.Errorf("the host at %s refused the pairing request: %s", addr, r.Error)
	}
	msg, err := decodePAKE(r.PAKE, 1)
	if err != nil {
		return none, pairErrorf(ErrNoHost, "the pairing answer from %s: %v", addr, err)
	}
	key, err := pakeUpdate(p, msg)
	if err != nil {
		return none, pairErrorf(ErrNoHost, "the pairing answer from %s: %v", addr, err)
	}
	raw, err := hex.DecodeString(r.Fingerprint)
	if err != nil || len(raw) != len(fp) {
		return none, pairErrorf(ErrNoHost, "the pairing answer from %s has no certificate fingerprint", addr)
	}
	copy(fp[:], raw)
	mac, err := base64.RawURLEncoding.DecodeString(r.MAC)
	if err != nil {
		return none, pairErrorf(ErrNoHost, "the pairing answer from %s has no valid MAC", addr)
	}
	want, err := pairMAC(key, tok, fp, r.Exercise)
	if err != nil {
		return none, err
	}
	if !hmac.Equal(mac, want) {
		// Only a party that knows the code can make the MAC: this host does
		// not know ours, whether it is another exercise's or an impostor.
		return none, pairErrorf(ErrRefused, "the join code is not this exercise's: the host at %s does not know it (check the code and the address)", addr)
	}
	if fp != saw {
		// The host knows the code, but its certificate is not the one on
		// this connection: something in between relays the exchange.
		return none, pairErrorf(ErrFingerprint, "%s: the host that knows the code has certificate %s, but this connection showed %s: "+
			"something between this laptop and the host relays the connection", addr, hex.EncodeToString(fp[:]), hex.EncodeToString(saw[:]))
	}
	return fp, nil
}

// JoinCode is Join for what a person types: either the 6-character code
// alone, which pairs with the host first (see Pair) and then joins with
// the fingerprint it found, or the full code bundle as the host prints it.
func JoinCode(addr, code, team string, opts JoinOptions) (*Client, error) {
	s := strings.TrimSpace(code)
	if strings.Contains(s, "-") {
		b, err := ParseBundle(s)
		if err != nil {
			return nil, err
		}
		return JoinWith(addr, b, team, opts)
	}
	// Check what can be checked before spending one of the laptop's guesses.
	if _, err := NormalizeCode(s); err != nil {
		return nil, err
	}
	if err := engine.ValidateTeams([]string{team}); err != nil {
		return nil, err
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	b, err := Pair(ctx, addr, s, opts)
	if err != nil {
		return nil, err
	}
	if opts.Logf != nil {
		opts.Logf("paired with the host at %s; its certificate is %s", addr, hex.EncodeToString(b.Fingerprint[:]))
	}
	return JoinWith(addr, b, team, opts)
}
