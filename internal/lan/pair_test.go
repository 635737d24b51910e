package lan

import (
	"bufio"
	"context"
	"crypto/elliptic"
	"crypto/tls"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/schollz/pake/v3"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

func pairCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// otherCode is a valid code that is not code.
func otherCode(code string) string {
	if code != "ABCDEF" {
		return "ABCDEF"
	}
	return "ABCDEG"
}

// pairingConn connects as a pairing user with token tok, pinning the host's
// certificate (the tests here are about what the connection may do).
func pairingConn(t testing.TB, th *testHost, tok string, opts ...nats.Option) *nats.Conn {
	t.Helper()
	opts = append([]nats.Option{nats.Secure(pinnedTLS(th.h.Bundle().Fingerprint)), nats.UserInfo(pairUser, tok),
		nats.CustomInboxPrefix(pairInbox(tok)), nats.NoReconnect()}, opts...)
	nc, err := nats.Connect("tls://"+th.h.Address(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return nc
}

// pairBody is a laptop's first pairing message for code.
func pairBody(t testing.TB, code string) (*pake.Pake, []byte) {
	t.Helper()
	p, err := pake.InitCurve(pairPassword(code), 0, pairCurve)
	if err != nil {
		t.Fatal(err)
	}
	body, err := json.Marshal(pairRequest{Protocol: Protocol, PAKE: encodePAKE(0, p.Xᵤ, p.Xᵥ)})
	if err != nil {
		t.Fatal(err)
	}
	return p, body
}

func decodeReply(t testing.TB, m *nats.Msg) pairReply {
	t.Helper()
	var r pairReply
	if err := json.Unmarshal(m.Data, &r); err != nil {
		t.Fatalf("answer %q: %v", m.Data, err)
	}
	return r
}

func TestPairAndJoinWithShortCode(t *testing.T) {
	th := newTestHost(t, true, 1, "Alpha", "Bravo")
	th.h.cfg.Logf = nil
	// Case and spaces do not matter, as for the bundle.
	b, err := Pair(pairCtx(t), th.h.Address(), "  "+strings.ToLower(th.h.Code())+" ", JoinOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if b != th.h.Bundle() {
		t.Fatalf("paired bundle %s, the host's is %s", b, th.h.Bundle())
	}

	var logs []string
	var mu sync.Mutex
	opts := JoinOptions{Logf: func(f string, a ...any) {
		mu.Lock()
		logs = append(logs, fmt.Sprintf(f, a...))
		mu.Unlock()
	}}
	alpha, err := JoinCode(th.h.Address(), th.h.Code(), "Alpha", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(alpha.Close)
	// The full bundle still works through the same call.
	bravo, err := JoinCode(th.h.Address(), th.h.Bundle().String(), "Bravo", JoinOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(bravo.Close)
	for _, c := range []*Client{alpha, bravo} {
		select {
		case <-c.Started():
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: no exercise.started", c.Team())
		}
		if c.Exercise() != th.run.ID {
			t.Errorf("%s joined exercise %s, not %s", c.Team(), c.Exercise(), th.run.ID)
		}
	}
	waitFor(t, "both teams present", 5*time.Second, func() bool { return len(th.h.Present()) == 2 })
	mu.Lock()
	defer mu.Unlock()
	if !slices.ContainsFunc(logs, func(s string) bool { return strings.Contains(s, "paired with the host") }) {
		t.Errorf("JoinCode should say it paired: %q", logs)
	}
}

// startRelay is an impostor between a laptop and the host: it speaks NATS's
// plain-text INFO, then TLS with its own certificate to the laptop and TLS to
// the host, and copies the bytes both ways. It does not know the code.
func startRelay(t *testing.T, target string) string {
	t.Helper()
	certPEM, keyPEM, err := newCertificate("impostor")
	if err != nil {
		t.Fatal(err)
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			down, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer down.Close()
				up, err := net.Dial("tcp", target)
				if err != nil {
					return
				}
				defer up.Close()
				br := bufio.NewReader(up)
				info, err := br.ReadString('\n')
				if err != nil {
					return
				}
				if _, err := io.WriteString(down, info); err != nil {
					return
				}
				tdown := tls.Server(down, &tls.Config{Certificates: []tls.Certificate{cert}})
				tup := tls.Client(&readerConn{Conn: up, r: br}, &tls.Config{InsecureSkipVerify: true})
				if tdown.Handshake() != nil || tup.Handshake() != nil {
					return
				}
				go func() {
					_, _ = io.Copy(tup, tdown)
					tup.Close()
				}()
				_, _ = io.Copy(tdown, tup)
			}()
		}
	}()
	return ln.Addr().String()
}

type readerConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *readerConn) Read(b []byte) (int, error) { return c.r.Read(b) }

func TestPairFailures(t *testing.T) {
	one := newTestHost(t, true, 1, "Alpha")
	two := newTestHost(t, true, 1, "Alpha")
	one.h.cfg.Logf, two.h.cfg.Logf = nil, nil
	if one.h.Code() == two.h.Code() {
		t.Fatal("two hosts drew the same code")
	}

	// A free port with nothing behind it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()

	// Something that is not NATS.
	web, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { web.Close() })
	go func() {
		for {
			c, err := web.Accept()
			if err != nil {
				return
			}
			_, _ = io.WriteString(c, "HTTP/1.0 400 Bad Request\r\n\r\n")
			c.Close()
		}
	}()

	// A NATS server with TLS but no Firebreak host behind it.
	certPEM, keyPEM, err := newCertificate("plain")
	if err != nil {
		t.Fatal(err)
	}
	tlsConf, err := serverTLS(certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: server.RANDOM_PORT, NoLog: true, NoSigs: true,
		TLS: true, TLSConfig: tlsConf, TLSTimeout: 5})
	if err != nil {
		t.Fatal(err)
	}
	plain.Start()
	t.Cleanup(plain.Shutdown)
	if !plain.ReadyForConnections(10 * time.Second) {
		t.Fatal("the plain NATS server did not start")
	}

	relay := startRelay(t, one.h.Address())

	cases := []struct {
		name, addr, code string
		want             error
		says             string
	}{
		{"wrong code", one.h.Address(), otherCode(one.h.Code()), ErrRefused, "not this exercise's"},
		{"another host's code", two.h.Address(), one.h.Code(), ErrRefused, "not this exercise's"},
		{"nothing listening", closed, one.h.Code(), ErrNoHost, "cannot reach"},
		{"not NATS", web.Addr().String(), one.h.Code(), ErrNoHost, "does not answer as a Firebreak host"},
		{"NATS without a host", plain.Addr().String(), one.h.Code(), ErrNoHost, "no Firebreak host answers pairing"},
		{"an impostor relaying to the host", relay, one.h.Code(), ErrFingerprint, "relays"},
		{"a malformed code", one.h.Address(), "K7P3Q", nil, "characters"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := Pair(pairCtx(t), c.addr, c.code, JoinOptions{Timeout: 5 * time.Second})
			if err == nil {
				t.Fatalf("paired: %s", b)
			}
			t.Log(err)
			if b != (Bundle{}) {
				t.Errorf("a failed pairing returned a bundle: %s", b)
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("got %v, want %v", err, c.want)
			}
			for _, other := range []error{ErrRefused, ErrNoHost, ErrFingerprint, ErrPairLimited} {
				if other != c.want && errors.Is(err, other) {
					t.Errorf("%v must not also be %v", err, other)
				}
			}
			if !strings.Contains(err.Error(), c.says) {
				t.Errorf("%q should say %q", err, c.says)
			}
		})
	}
	// The impostor relays a real exchange: the laptop saw the impostor's
	// certificate, the host authenticated its own.
	if _, err := JoinCode(relay, one.h.Code(), "Alpha", JoinOptions{Timeout: 5 * time.Second}); !errors.Is(err, ErrFingerprint) {
		t.Errorf("joining through the impostor: %v", err)
	}
}

func TestPairingUserCanOnlyPair(t *testing.T) {
	t.Parallel() // waits out requests that must go unanswered, beside the others that do
	th := newTestHost(t, true, 1, "Alpha", "Bravo")
	th.h.cfg.Logf = nil
	sub := subjects{exercise: th.run.ID}
	tok, other := newPairToken(), newPairToken()
	var mu sync.Mutex
	var asyncErrs []string
	nc := pairingConn(t, th, tok, nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
		mu.Lock()
		asyncErrs = append(asyncErrs, err.Error())
		mu.Unlock()
	}), nats.PermissionErrOnSubscribe(true))

	cmd, _ := json.Marshal(wireCommand{ID: "p1", Kind: wireChoose, Team: "Alpha", Decision: "first", Option: "good"})
	hello, _ := json.Marshal(helloRequest{Protocol: Protocol, Team: "Alpha"})
	_, body := pairBody(t, th.h.Code())
	denied := []struct {
		subject string
		data    []byte
	}{
		{sub.cmd("Alpha"), cmd},
		{helloSubject("Alpha"), hello},
		{"$JS.API.INFO", nil},
		{"$JS.API.STREAM.INFO." + sub.stream("Alpha"), nil},
		{"$JS.API.CONSUMER.CREATE." + sub.stream("Alpha"), nil},
		{sub.team("Alpha") + ".inject.delivered", cmd},
		{pairSubject(other), body},
	}
	// Each request waits out its timeout: all at once.
	var wg sync.WaitGroup
	for _, d := range denied {
		wg.Go(func() {
			if _, err := nc.Request(d.subject, d.data, 500*time.Millisecond); err == nil {
				t.Errorf("a pairing connection got an answer on %s", d.subject)
			}
		})
	}
	wg.Wait()
	for _, subj := range []string{sub.team("Alpha") + ".>", sub.all() + ".>", "_INBOX.>", inboxPrefix("Alpha") + ".>",
		pairInbox(other) + ".>", pairSubjectPrefix + ">", ">"} {
		s, err := nc.SubscribeSync(subj)
		if err != nil {
			continue
		}
		if _, err := s.NextMsg(time.Second); !errors.Is(err, nats.ErrPermissionViolation) {
			t.Errorf("subscribing to %s: %v", subj, err)
		}
	}
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if _, err := js.Stream(ctx, sub.stream("Alpha")); err == nil {
		t.Error("a pairing connection read a team's stream")
	}
	_ = nc.Flush()
	waitFor(t, "the server's permission reports", 5*time.Second, func() bool {
		mu.Lock()
		defer mu.Unlock()
		joined := strings.Join(asyncErrs, "\n")
		for _, d := range denied {
			if !strings.Contains(joined, `Permissions Violation for Publish to "`+d.subject+`"`) {
				return false
			}
		}
		return true
	})
	// Its own subject still works.
	m, err := nc.Request(pairSubject(tok), body, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if r := decodeReply(t, m); r.Error != "" || len(r.PAKE) == 0 {
		t.Errorf("its own pairing request: %+v", r)
	}
	th.run.Session.Read(func(s *engine.State) {
		for _, tm := range s.Teams {
			if len(tm.Answers)+len(tm.Rejected) > 0 {
				t.Errorf("a pairing connection reached team %s", tm.Name)
			}
		}
	})
	if len(th.h.Present()) != 0 {
		t.Errorf("a pairing connection said hello: %v", th.h.Present())
	}
}

func TestPairTokenAnsweredOnce(t *testing.T) {
	th := newTestHost(t, true, 1, "Alpha")
	th.h.cfg.Logf = nil
	tok := newPairToken()
	nc := pairingConn(t, th, tok)
	p, body := pairBody(t, th.h.Code())

	// An answer sent anywhere but the token's inbox is not sent, and does
	// not use the token up.
	elsewhere := nats.NewInbox()
	if err := nc.PublishRequest(pairSubject(tok), elsewhere, body); err != nil {
		t.Fatal(err)
	}
	m, err := nc.Request(pairSubject(tok), body, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	fp, err := finishPair(p, tok, th.h.Bundle().Fingerprint, th.h.Address(), m.Data)
	if err != nil || fp != th.h.Bundle().Fingerprint {
		t.Fatalf("the first exchange: %x %v", fp, err)
	}
	// The same token again (on the same connection): no second exchange.
	_, body2 := pairBody(t, th.h.Code())
	for _, b := range [][]byte{body, body2} {
		m, err := nc.Request(pairSubject(tok), b, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if r := decodeReply(t, m); r.Error == "" || len(r.PAKE) != 0 || r.MAC != "" {
			t.Errorf("a second exchange on one token: %+v", r)
		}
	}
	// A second connection with the same token is refused.
	if _, err := nats.Connect("tls://"+th.h.Address(), nats.Secure(pinnedTLS(th.h.Bundle().Fingerprint)),
		nats.UserInfo(pairUser, tok), nats.NoReconnect()); !errors.Is(err, nats.ErrAuthorization) {
		t.Errorf("a reused token: %v", err)
	}
}

func TestPairingIsRateLimited(t *testing.T) {
	th := newTestHost(t, true, 1, "Alpha")
	th.h.Close()
	th.cfg.PairLimit = JoinLimit{Burst: 2, Every: time.Hour}
	th.cfg.Logf = nil
	th.start()
	for range 2 {
		if _, err := Pair(pairCtx(t), th.h.Address(), otherCode(th.h.Code()), JoinOptions{}); !errors.Is(err, ErrRefused) {
			t.Fatalf("wrong code: %v", err)
		}
	}
	// Two guesses spent: now even the right code is turned away.
	_, err := Pair(pairCtx(t), th.h.Address(), th.h.Code(), JoinOptions{})
	if !errors.Is(err, ErrPairLimited) || errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "too many attempts") {
		t.Fatalf("a third pairing from one address: %v", err)
	}
	// Pairing has its own allowance: the bundle still joins from there.
	c, err := JoinWith(th.h.Address(), th.h.Bundle(), "Alpha", JoinOptions{})
	if err != nil {
		t.Fatalf("joining with the bundle after pairing was limited: %v", err)
	}
	c.Close()
}

// fakeClient is a connection as the authenticator sees it.
type fakeClient struct {
	opts server.ClientOpts
	addr net.Addr
	user *server.User
}

func (f *fakeClient) GetOpts() *server.ClientOpts                 { return &f.opts }
func (f *fakeClient) GetTLSConnectionState() *tls.ConnectionState { return nil }
func (f *fakeClient) RegisterUser(u *server.User)                 { f.user = u }
func (f *fakeClient) RemoteAddress() net.Addr                     { return f.addr }
func (f *fakeClient) GetNonce() []byte                            { return nil }
func (f *fakeClient) Kind() int                                   { return server.CLIENT }
func (f *fakeClient) GetID() uint64                               { return 1 }

func TestPairAuthentication(t *testing.T) {
	teamPair := &server.User{Username: "pair"}
	newAuth := func() *authenticator {
		return &authenticator{facilitator: "secret", teams: map[string]*server.User{"pair": teamPair},
			passwords: map[string]string{"pair": TeamPassword("K7P3QX", "pair")},
			lim:       newLimiter(JoinLimit{Burst: 3, Every: time.Hour}), pairLim: newLimiter(JoinLimit{Burst: 2, Every: time.Hour}),
			pairAll: newLimiter(JoinLimit{Burst: 4, Every: time.Hour}), pairs: newPairBook()}
	}
	try := func(a *authenticator, ip, user, pass string) (*server.User, bool) {
		c := &fakeClient{opts: server.ClientOpts{Username: user, Password: pass}, addr: &net.TCPAddr{IP: net.ParseIP(ip), Port: 5000}}
		ok := a.Check(c)
		return c.user, ok
	}

	t.Run("token shapes", func(t *testing.T) {
		a := newAuth()
		for _, bad := range []string{"", "short", strings.Repeat("a", 21), strings.Repeat("a", 65),
			strings.Repeat("a", 30) + ".b", strings.Repeat("a", 30) + "*", strings.Repeat("a", 30) + ">", strings.Repeat("a", 30) + " "} {
			if _, ok := try(a, "10.0.0.9", pairUser, bad); ok {
				t.Errorf("token %q admitted", bad)
			}
		}
		// Malformed tokens are failed logins: the address is locked out.
		if a.lim.allowed("10.0.0.9") {
			t.Error("malformed pairing tokens should count as failures")
		}
		if _, ok := try(a, "10.0.0.9", pairUser, newPairToken()); ok {
			t.Error("a locked-out address paired")
		}
	})
	t.Run("permissions, reuse and limits", func(t *testing.T) {
		a := newAuth()
		tok := newPairToken()
		u, ok := try(a, "10.0.0.1", pairUser, tok)
		if !ok || u == nil || u.Username != pairUser || u.ConnectionDeadline.IsZero() {
			t.Fatalf("a valid token: %v %+v", ok, u)
		}
		if got := u.Permissions.Publish; len(got.Allow) != 1 || got.Allow[0] != "fb.pair."+tok || len(got.Deny) != 0 {
			t.Errorf("publish permissions %+v", got)
		}
		if got := u.Permissions.Subscribe; len(got.Allow) != 1 || got.Allow[0] != "_INBOX._pair."+tok+".>" || len(got.Deny) != 0 {
			t.Errorf("subscribe permissions %+v", got)
		}
		if _, ok := try(a, "10.0.0.2", pairUser, tok); ok {
			t.Error("a token admitted twice")
		}
		if _, ok := try(a, "10.0.0.1", pairUser, newPairToken()); !ok {
			t.Error("the second of a burst of 2")
		}
		if _, ok := try(a, "10.0.0.1", pairUser, newPairToken()); ok {
			t.Error("a third pairing from 10.0.0.1 within the hour")
		}
		// 10.0.0.2 spent one on the reused token; the global allowance of 4
		// has 1 left (10.0.0.1 twice, 10.0.0.2 once).
		if _, ok := try(a, "10.0.0.3", pairUser, newPairToken()); !ok {
			t.Error("the fourth pairing overall")
		}
		if _, ok := try(a, "10.0.0.4", pairUser, newPairToken()); ok {
			t.Error("a fifth pairing overall, from a fresh address")
		}
	})
	t.Run("a team called pair", func(t *testing.T) {
		a := newAuth()
		if u, ok := try(a, "10.0.0.5", "pair", TeamPassword("K7P3QX", "pair")); !ok || u != teamPair {
			t.Errorf("the team pair with its password: %v %+v", ok, u)
		}
		if u, ok := try(a, "10.0.0.5", "pair", TeamPassword("ABCDEF", "pair")); !ok || u == teamPair {
			t.Errorf("a wrong password with a token's shape is a pairing connection: %v %+v", ok, u)
		}
	})
}

func TestPairBookIsBounded(t *testing.T) {
	b := newPairBook()
	for i := range maxPairTokens {
		if err := b.admit(fmt.Sprintf("token-%022d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.admit(newPairToken()); !errors.Is(err, errPairBookFull) {
		t.Fatalf("a full book: %v", err)
	}
	if !b.claim("token-0000000000000000000000") || b.claim("token-0000000000000000000000") || b.claim(newPairToken()) {
		t.Error("claim: once per admitted token")
	}
}

// G is P-256's base point: on the curve, for tests of the wrong role.
var gx, gy = elliptic.P256().Params().Gx, elliptic.P256().Params().Gy

func garbagePairMessages(t testing.TB, code string) map[string][]byte {
	_, valid := pairBody(t, code)
	var req map[string]json.RawMessage
	_ = json.Unmarshal(valid, &req)
	return map[string][]byte{
		"not JSON":           []byte("not json"),
		"empty":              nil,
		"empty object":       []byte(`{}`),
		"no PAKE":            []byte(`{"protocol":1}`),
		"null PAKE":          []byte(`{"protocol":1,"pake":null}`),
		"no coordinates":     []byte(`{"protocol":1,"pake":{"Role":0}}`),
		"one coordinate":     []byte(`{"protocol":1,"pake":{"Role":0,"Xᵤ":1}}`),
		"off the curve":      []byte(`{"protocol":1,"pake":{"Role":0,"Xᵤ":1,"Xᵥ":2}}`),
		"negative":           []byte(`{"protocol":1,"pake":{"Role":0,"Xᵤ":-1,"Xᵥ":2}}`),
		"huge coordinate":    []byte(`{"protocol":1,"pake":{"Role":0,"Xᵤ":1` + strings.Repeat("0", 300) + `,"Xᵥ":2}}`),
		"not a number":       []byte(`{"protocol":1,"pake":{"Role":0,"Xᵤ":"12","Xᵥ":2}}`),
		"wrong role":         []byte(fmt.Sprintf(`{"protocol":1,"pake":{"Role":1,"Yᵤ":%s,"Yᵥ":%s}}`, gx, gy)),
		"both points":        []byte(fmt.Sprintf(`{"protocol":1,"pake":{"Role":0,"Xᵤ":%s,"Xᵥ":%s,"Yᵤ":%s,"Yᵥ":%s}}`, gx, gy, gx, gy)),
		"other protocol":     []byte(`{"protocol":2,"pake":` + string(req["pake"]) + `}`),
		"unknown field":      []byte(`{"protocol":1,"x":1,"pake":` + string(req["pake"]) + `}`),
		"truncated":          valid[:len(valid)/2],
		"trailing data":      append(append([]byte{}, valid...), []byte(`{}`)...),
		"too big":            append(append([]byte{}, valid...), make([]byte, maxPairMessage)...),
		"a megabyte of junk": []byte(strings.Repeat("{", 1<<20)),
	}
}

func TestPairGarbageIsRefused(t *testing.T) {
	th := newTestHost(t, true, 1, "Alpha")
	th.h.cfg.Logf = nil
	for name, body := range garbagePairMessages(t, th.h.Code()) {
		t.Run(name, func(t *testing.T) {
			tok := newPairToken()
			nc := pairingConn(t, th, tok)
			m, err := nc.Request(pairSubject(tok), body, 5*time.Second)
			if len(body) > maxPairMessage {
				// Over the pairing account's limit: the server closes the
				// connection without reading it (see
				// TestLargeMessagesAreRefusedByTheServer), and the host never
				// sees it.
				if err == nil {
					t.Fatalf("an answer to %d bytes: %q", len(body), m.Data)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r := decodeReply(t, m); r.Error == "" || len(r.PAKE) != 0 || r.MAC != "" {
				t.Errorf("answer %+v", r)
			}
		})
	}
	// The host is still there and pairs.
	if b, err := Pair(pairCtx(t), th.h.Address(), th.h.Code(), JoinOptions{}); err != nil || b != th.h.Bundle() {
		t.Fatalf("pairing after the garbage: %v", err)
	}
}

// TestPakeUpdateRecovers shows why decodePAKE exists: pake's Update panics on
// a message without coordinates, and pakeUpdate turns that into an error.
func TestPakeUpdateRecovers(t *testing.T) {
	p, err := pake.InitCurve(pairPassword("K7P3QX"), 1, pairCurve)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pakeUpdate(p, []byte(`{"Role":0}`)); err == nil || !strings.Contains(err.Error(), "broke") {
		t.Errorf("a message without coordinates: %v", err)
	}
	if _, err := decodePAKE([]byte(`{"Role":0}`), 0); err == nil {
		t.Error("decodePAKE must refuse a message without coordinates")
	}
}

// TestPairReplyChecks covers the laptop's checks of the host's answer that
// the network tests cannot reach.
func TestPairReplyChecks(t *testing.T) {
	code, tok, ex := "K7P3QX", newPairToken(), "0123456789abcdef"
	var fp, other [32]byte
	fp[0], other[0] = 1, 2
	answer := func(t *testing.T, hostCode string) (*pake.Pake, pairReply) {
		p, body := pairBody(t, code)
		r, err := answerPair(pairPassword(hostCode), tok, fp, ex, body)
		if err != nil {
			t.Fatal(err)
		}
		return p, r
	}
	encode := func(r pairReply) []byte { data, _ := json.Marshal(r); return data }

	p, r := answer(t, code)
	if got, err := finishPair(p, tok, fp, "h", encode(r)); err != nil || got != fp {
		t.Fatalf("the right answer: %v", err)
	}
	cases := []struct {
		name   string
		host   string
		change func(*pairReply)
		saw    [32]byte
		want   error
	}{
		{"wrong code", "ABCDEF", nil, fp, ErrRefused},
		{"fingerprint rewritten", code, func(r *pairReply) { r.Fingerprint = fmt.Sprintf("%x", other) }, other, ErrRefused},
		{"exercise rewritten", code, func(r *pairReply) { r.Exercise = "x" }, fp, ErrRefused},
		{"MAC under another key", code, func(r *pairReply) {
			m, _ := pairMAC([]byte("another key"), tok, fp, ex)
			r.MAC = base64.RawURLEncoding.EncodeToString(m)
		}, fp, ErrRefused},
		{"MAC not base64url", code, func(r *pairReply) { r.MAC = "*" }, fp, ErrNoHost},
		{"relayed: another certificate on the connection", code, nil, other, ErrFingerprint},
		{"no point", code, func(r *pairReply) { r.PAKE = json.RawMessage(`{"Role":1}`) }, fp, ErrNoHost},
		{"the laptop's role", code, func(r *pairReply) { r.PAKE = encodePAKE(0, gx, gy) }, fp, ErrNoHost},
		{"no fingerprint", code, func(r *pairReply) { r.Fingerprint = "" }, fp, ErrNoHost},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, r := answer(t, c.host)
			if c.change != nil {
				c.change(&r)
			}
			got, err := finishPair(p, tok, c.saw, "h", encode(r))
			if !errors.Is(err, c.want) || got != ([32]byte{}) && err != nil {
				t.Errorf("got %x, %v; want %v", got, err, c.want)
			}
		})
	}
	for _, bad := range [][]byte{[]byte("null"), []byte("[]"), []byte(`{"protocol":1}`), []byte(`{"protocol":1,"error":"no"}`),
		[]byte(strings.Repeat(" ", maxPairMessage+1))} {
		p, _ := pairBody(t, code)
		if _, err := finishPair(p, tok, fp, "h", bad); err == nil {
			t.Errorf("%.40q accepted", bad)
		}
	}
}

// FuzzPairMessage feeds the host's side of pairing anything: it must answer
// with an error or a well-formed exchange, never panic.
func FuzzPairMessage(f *testing.F) {
	code := "K7P3QX"
	seeds := garbagePairMessages(f, code)
	for _, name := range slices.Sorted(maps.Keys(seeds)) {
		if len(seeds[name]) <= maxPairMessage {
			f.Add(seeds[name])
		}
	}
	_, valid := pairBody(f, code)
	f.Add(valid)
	pw := pairPassword(code)
	var fp [32]byte
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := answerPair(pw, "tok", fp, "ex", data)
		if err != nil {
			if r.PAKE != nil || r.MAC != "" {
				t.Fatalf("an error with an answer: %+v", r)
			}
			return
		}
		if _, err := decodePAKE(r.PAKE, 1); err != nil || r.MAC == "" {
			t.Fatalf("accepted %q but answered badly: %+v %v", data, r, err)
		}
	})
}

// FuzzPairReply feeds the laptop's check of the host's answer anything: a
// hostile host must get an error out of it, never a panic or a bundle
// without the right MAC.
func FuzzPairReply(f *testing.F) {
	code, tok := "K7P3QX", "tok"
	var fp [32]byte
	_, body := pairBody(f, code)
	good, err := answerPair(pairPassword(code), tok, fp, "ex", body)
	if err != nil {
		f.Fatal(err)
	}
	data, _ := json.Marshal(good)
	f.Add(data)
	for _, s := range []string{`null`, `[]`, `{"protocol":1}`, `{"protocol":1,"pake":{"Role":1}}`,
		fmt.Sprintf(`{"protocol":1,"pake":{"Role":1,"Yᵤ":%s,"Yᵥ":%s},"fingerprint":"%x","mac":"AA"}`, gx, gy, fp)} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, _ := pairBody(t, code)
		if got, err := finishPair(p, tok, fp, "h", data); err == nil && got != fp {
			t.Fatalf("accepted %q with fingerprint %x", data, got)
		}
	})
}
