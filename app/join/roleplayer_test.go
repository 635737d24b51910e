package join

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/lan"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// sessionConn is an exercise session as a role-player's connection.
type sessionConn struct {
	*engine.Session
	seat string
}

func (c sessionConn) Team() string           { return "_rp" }
func (c sessionConn) Seat() string           { return c.seat }
func (c sessionConn) Connected() bool        { return true }
func (c sessionConn) Ended() <-chan struct{} { return nil }
func (c sessionConn) Gone() <-chan struct{}  { return nil }
func (c sessionConn) Err() error             { return nil }
func (c sessionConn) Close()                 {}
func (c sessionConn) Bundle() string         { return "" }

// Joining as a role-player: the form asks for a seat instead of a team and
// for the long role-player code (the short one is refused beside its
// field, as are no seat and the facilitator's); with both it joins as a
// role-player with the seat and shows the role-player panel.
func TestJoiningAsARolePlayer(t *testing.T) {
	sess := uitest.StartEngine(t, "roleplay", "en", nil, "Alpha", "Bravo")
	var got []Request
	h := newHost(t, i18n.EN)
	storeSaved(nil)
	h.open(Config{Join: func(_ context.Context, req Request) (Conn, error) {
		got = append(got, req)
		if !req.Roleplayer {
			return nil, errors.New("joined as a team")
		}
		return sessionConn{Session: sess, seat: req.Team}, nil
	}})
	check := tree.Find[*widget.Check](t, h.win.Content())
	if len(check) != 2 || check[0].Text != h.loc.T("lan.join.as_roleplayer") || check[1].Text != h.loc.T("lan.join.as_evaluator") {
		t.Fatalf("the join form has %d checks, want the role-player's and the evaluator's", len(check))
	}
	test.Tap(check[0])
	entry(t, h, "lan.join.address").SetText("10.0.0.2")
	long := "K7M3QX-" + strings.Repeat("ab", 32)
	for _, c := range []struct{ name, code, seat, codeKey, seatKey string }{
		{"the short code", "K7M3QX", "Press desk", "lan.join.error.role_code", ""},
		{"no seat", long, "", "", "lan.join.error.no_seat"},
		{"the facilitator's seat", long, "facilitator", "", "lan.join.error.seat"},
	} {
		entry(t, h, "lan.join.code").SetText(c.code)
		entry(t, h, "lan.join.seat").SetText(c.seat)
		test.Tap(tree.FindButton(t, h.win.Content(), h.loc.T("lan.join.join")))
		j := currentAs(t, h)
		if (c.codeKey != "") != (j.codeErr != "") || (c.seatKey != "") != (j.teamErr != "") {
			t.Errorf("%s: code %q, seat %q", c.name, j.codeErr, j.teamErr)
		}
	}
	entry(t, h, "lan.join.code").SetText(long)
	entry(t, h, "lan.join.seat").SetText("Press desk")
	test.Tap(tree.FindButton(t, h.win.Content(), h.loc.T("lan.join.join")))
	if len(got) != 1 || !got[0].Roleplayer || got[0].Team != "Press desk" || got[0].Bundle != strings.ToUpper(long[:6])+long[6:] {
		t.Fatalf("joined with %+v", got)
	}
	r, ok := h.current.(*roleScreen)
	if !ok {
		t.Fatalf("after joining the screen is %T", h.current)
	}
	if !strings.Contains(tree.AllText(h.win.Content()), h.loc.T("lan.role.connected", "seat", "Press desk", "address", "10.0.0.2:4222")) {
		t.Errorf("the screen says:\n%s", tree.AllText(h.win.Content()))
	}
	if r.panel == nil || !tree.Holds(t, h.win.Content(), r.panel.Root()) {
		t.Error("the role-player panel is not shown")
	}
}

// roleConn is a role-player's connection on an exercise session whose
// sends can be held (the facilitator's laptop away): a held send waits
// until the test lets it go, and then fails as a closed connection does.
type roleConn struct {
	sessionConn
	hold   chan struct{} // nil: sends go through
	sent   *sentLog
	bundle string
}

// sentLog is what the laptop sent, from whichever goroutine.
type sentLog struct {
	mu   sync.Mutex
	cmds []engine.Command
}

func (l *sentLog) all() []engine.Command {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.cmds)
}

func (c roleConn) Send(cmd engine.Command) error {
	c.sent.mu.Lock()
	c.sent.cmds = append(c.sent.cmds, cmd)
	c.sent.mu.Unlock()
	if c.hold != nil {
		<-c.hold
		return errors.New("nats: connection closed")
	}
	return c.sessionConn.Send(cmd)
}

func (c roleConn) Bundle() string { return c.bundle }

// A role-player's laptop is remembered as a team laptop is: killed with a
// message on its way (the facilitator's laptop did not answer), it
// restarts into the same exercise as the same seat, with the same claim
// to it, and sends the message again with its id: it is logged once,
// under the seat's name, and no longer kept.
func TestRolePlayerLaptopRejoinsAndResendsAfterARestart(t *testing.T) {
	log := &engine.MemoryLog{}
	sess := uitest.StartEngine(t, "roleplay", "en", log, "Alpha", "Bravo")
	if err := sess.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	h := newHost(t, i18n.EN)
	uiq := uitest.QueueUI(t)
	storeSaved(nil)
	t.Cleanup(func() { storeSaved(nil) })
	hold := make(chan struct{})
	sent := &sentLog{}
	var reqs []Request
	long := "K7M3QX-" + strings.Repeat("ab", 32)
	join := func(hold chan struct{}) Config {
		return Config{Join: func(_ context.Context, req Request) (Conn, error) {
			reqs = append(reqs, req)
			return roleConn{sessionConn: sessionConn{Session: sess, seat: req.Team}, hold: hold, sent: sent, bundle: req.Bundle}, nil
		}}
	}
	h.open(join(hold))
	test.Tap(tree.Find[*widget.Check](t, h.win.Content())[0])
	entry(t, h, "lan.join.address").SetText("10.0.0.2")
	entry(t, h, "lan.join.code").SetText(long)
	entry(t, h, "lan.join.seat").SetText("Press desk")
	test.Tap(tree.FindButton(t, h.win.Content(), h.loc.T("lan.join.join")))
	uiq.Eventually(t, "the laptop to join", func() bool { _, ok := h.current.(*roleScreen); return ok })
	if _, ok := h.current.(*roleScreen); !ok || len(reqs) != 1 || len(reqs[0].Claim) < 16 {
		t.Fatalf("after joining: screen %T, requests %+v", h.current, reqs)
	}
	claim := reqs[0].Claim
	saved, ok := LoadSaved()
	if !ok || !saved.Roleplayer || saved.Team != "Press desk" || saved.Claim != claim || saved.Bundle != long || saved.Address != "10.0.0.2:4222" {
		t.Fatalf("the join kept: %+v", saved)
	}

	// The parent asks Alpha; the facilitator's laptop does not answer.
	r := h.current.(*roleScreen)
	tree.Find[*widget.Entry](t, r.panel.Root())[0].SetText("Who pays the hospital?")
	test.Tap(tree.FindButton(t, r.panel.Root(), h.loc.T("roleplay.send")))
	uiq.Eventually(t, "the message is on its way", func() bool { return len(sent.all()) == 1 })
	first := sent.all()[0]
	if !tree.Shown(t, h.win.Content(), h.loc.T("roleplay.sending")) {
		t.Error("the panel does not say the message is on its way")
	}
	saved, _ = LoadSaved()
	if len(saved.Pending) != 1 || saved.Pending[0].Ref == "" || saved.Pending[0].Ref != first.Ref || saved.Pending[0].Kind != engine.CmdRoleSay ||
		saved.Pending[0].Persona != "reporter" || saved.Pending[0].Text != "Who pays the hospital?" {
		t.Fatalf("the message on its way is kept as %+v", saved.Pending)
	}

	// The app is killed: nothing more runs on this laptop. It starts
	// again, in Chinese, and goes back by itself.
	h2 := &host{win: test.NewTempWindow(t, nil), loc: i18n.New(i18n.ZH)} // the same app: its preferences
	h2.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(func() {
		if h2.current != nil {
			h2.current.Stop()
		}
	})
	h2.open(join(nil))
	uiq.Eventually(t, "the restarted laptop to join", func() bool { _, ok := h2.current.(*roleScreen); return ok })
	if len(reqs) != 2 || !reqs[1].Roleplayer || reqs[1].Team != "Press desk" || reqs[1].Claim != claim || reqs[1].Bundle != long ||
		reqs[1].Address != "10.0.0.2:4222" {
		t.Fatalf("the restarted laptop joined with %+v", reqs[1:])
	}
	if _, ok := h2.current.(*roleScreen); !ok {
		t.Fatalf("after the restart the screen is %T", h2.current)
	}
	uiq.Eventually(t, "the message is sent again and settled", func() bool {
		s, _ := LoadSaved()
		return len(sent.all()) == 2 && len(s.Pending) == 0
	})
	again := sent.all()[1]
	if again.Ref != first.Ref || again.Seat != "Press desk" || again.Team != first.Team || again.Text != first.Text ||
		again.Persona != first.Persona || again.Channel != first.Channel {
		t.Errorf("sent again as %+v, first as %+v", again, first)
	}
	var said []engine.Event
	sess.Read(func(*engine.State) { // the session's lock: the log is its
		for _, ev := range log.Events {
			if ev.Kind == engine.KindRoleSaid {
				said = append(said, ev)
			}
		}
	})
	if len(said) != 1 || said[0].Seat != "Press desk" || said[0].Ref != first.Ref || said[0].Text != "Who pays the hospital?" {
		t.Fatalf("messages logged: %+v", said)
	}
	if !strings.Contains(tree.AllText(h2.win.Content()), h2.loc.T("lan.role.connected", "seat", "Press desk", "address", "10.0.0.2:4222")) {
		t.Errorf("the restarted laptop says:\n%s", tree.AllText(h2.win.Content()))
	}
	// The first run's send, still held, fails now (its laptop is long
	// gone): on the test's UI goroutine, before the test ends.
	close(hold)
	uiq.Eventually(t, "the first run's send is over", func() bool { return !tree.Shown(t, h.win.Content(), h.loc.T("roleplay.sending")) })
	if s, _ := LoadSaved(); len(s.Pending) != 0 {
		t.Errorf("kept after the first run's send failed: %+v", s.Pending)
	}
}

// Another laptop holding the seat is said beside the seat's name, in the
// UI's language, and the form stays as a role-player's with the seat typed
// (to change it); a rejoin that meets it does not keep trying.
func TestSeatTakenIsSaidBesideTheSeat(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		h := newHost(t, lang)
		storeSaved(&Saved{Address: "10.0.0.2:4222", Bundle: "K7M3QX-" + strings.Repeat("ab", 32), Team: "Press desk", Roleplayer: true,
			Claim: "0123456789abcdef"})
		tries := 0
		h.open(Config{Join: func(_ context.Context, req Request) (Conn, error) {
			tries++
			return nil, fmt.Errorf("seat %q: %w", req.Team, lan.ErrSeatTaken)
		}})
		j := currentAs(t, h)
		want := h.loc.T("lan.join.error.seat_taken")
		if tries != 1 || j.teamErr != want || j.joinErr != "" || !j.roleplayer || j.team != "Press desk" || j.code != "K7M3QX-"+strings.Repeat("ab", 32) {
			t.Errorf("%s: %d tries, seat %q, join %q, role-player %v, seat %q, code %q", lang, tries, j.teamErr, j.joinErr, j.roleplayer, j.team, j.code)
		}
		if !strings.Contains(tree.AllText(field(t, h, "lan.join.seat")), want) || !strings.Contains(tree.AllText(h.win.Content()), h.loc.T("lan.join.rejoin_offer_role",
			"team", "Press desk", "title", "", "address", "10.0.0.2:4222")) {
			t.Errorf("%s: the screen says:\n%s", lang, tree.AllText(h.win.Content()))
		}
		storeSaved(nil)
	}
}

// The connection's banners wrap: in either language, on a team's laptop or
// a role-player's, they fit a 1024-pixel screen with room to spare (one
// line of canvas text made the window wider than the screen).
func TestConnectionBannersWrap(t *testing.T) {
	newHost(t, i18n.EN) // the test app, in the app's theme
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		loc := i18n.New(lang)
		for _, key := range []string{"lan.team.lost", "lan.role.lost", "lan.team.over"} {
			text := loc.T(key)
			b := lostBanner(text)
			if key == "lan.team.over" {
				b = overBanner(text)
			}
			if w := b.Box.MinSize().Width; w > 300 {
				t.Errorf("%s: the banner %s is at least %.0f pixels wide", lang, key, w)
			}
			if got := tree.AllText(b.Box); got != text {
				t.Errorf("%s: the banner %s says %q", lang, key, got)
			}
		}
	}
}

// A role-player choosing an exercise found on the network keeps the seat
// typed (a team's name not in the exercise is dropped, a seat's is not).
func TestChoosingAFoundExerciseKeepsTheSeat(t *testing.T) {
	h := newHost(t, i18n.EN)
	storeSaved(nil)
	found := Found{ID: "x1", Title: scenario.Text{"en": "Mini"}, Teams: []string{"Alpha", "Bravo"}, Addrs: []string{"192.168.1.20:4222"}}
	j := h.open(Config{
		Browse: func(context.Context, time.Duration) ([]Found, error) { return []Found{found}, nil },
		Join:   func(context.Context, Request) (Conn, error) { return nil, errors.New("unused") },
	})
	test.Tap(tree.Find[*widget.Check](t, h.win.Content())[0])
	entry(t, h, "lan.join.seat").SetText("Press desk")
	test.Tap(buttons(t, h, h.loc.T("lan.join.choose"))[0])
	if j.team != "Press desk" || entry(t, h, "lan.join.seat").Text != "Press desk" || entry(t, h, "lan.join.address").Text != "192.168.1.20:4222" {
		t.Errorf("after choosing: seat %q, address %q", j.team, entry(t, h, "lan.join.address").Text)
	}
}

// goneConn is a role-player's connection the host has closed for good.
type goneConn struct {
	sessionConn
	gone chan struct{}
	err  error
}

func (c goneConn) Gone() <-chan struct{} { return c.gone }
func (c goneConn) Err() error            { return c.err }
func (c goneConn) Connected() bool       { return false }

// A role-player's laptop the host stops because another laptop took its
// seat says so, in the UI's language, and shows the connection lost.
func TestRoleLaptopSaysItsSeatWasTaken(t *testing.T) {
	sess := uitest.StartEngine(t, "roleplay", "zh", nil, "Alpha")
	h := newHost(t, i18n.ZH)
	uiq := uitest.QueueUI(t)
	c := goneConn{sessionConn: sessionConn{Session: sess, seat: "新闻组"}, gone: make(chan struct{}), err: fmt.Errorf("seat: %w", lan.ErrSeatTaken)}
	r := newRoleScreen(h, Config{}, c, "10.0.0.2:4222")
	h.Show(r)
	close(c.gone)
	uiq.Eventually(t, "the laptop says why it stopped", func() bool { return h.win.Canvas().Overlays().Top() != nil })
	var texts []string
	for _, o := range tree.Find[fyne.CanvasObject](t, tree.Dialog(t, h.win)) {
		if s, ok := tree.TextOf(o); ok {
			texts = append(texts, s)
		}
	}
	text := strings.Join(texts, "\n")
	if !strings.Contains(text, h.loc.T("lan.join.error.seat_taken")) {
		t.Errorf("the dialog says:\n%s", text)
	}
	if !tree.Shown(t, h.win.Content(), h.loc.T("lan.role.lost")) {
		t.Error("the connection does not show as lost")
	}
}

// A role-player whose seat was taken while its laptop was away joins under
// another seat's name (the long code still filled in) and sends what it
// had on its way under that seat.
func TestRolePlayerTakesAnotherSeatWithItsPending(t *testing.T) {
	sess := uitest.StartEngine(t, "roleplay", "en", nil, "Alpha")
	long := "K7M3QX-" + strings.Repeat("ab", 32)
	h := newHost(t, i18n.EN) // a new app: its preferences are empty
	storeSaved(&Saved{Address: "10.0.0.2:4222", Bundle: long, Team: "Press desk", Roleplayer: true, Claim: "0123456789abcdef",
		Pending: []PendingChoice{{Ref: "say-1", Kind: engine.CmdRoleSay, Persona: "reporter", Channel: "email", Target: "Alpha", Text: "Any news?"}}})
	t.Cleanup(func() { storeSaved(nil) })
	uiq := uitest.QueueUI(t)
	sent := &sentLog{}
	var reqs []Request
	h.open(Config{Join: func(_ context.Context, req Request) (Conn, error) {
		reqs = append(reqs, req)
		if req.Team == "Press desk" {
			return nil, fmt.Errorf("seat %q: %w", req.Team, lan.ErrSeatTaken)
		}
		return roleConn{sessionConn: sessionConn{Session: sess, seat: req.Team}, sent: sent, bundle: req.Bundle}, nil
	}})
	uiq.Pump()
	if j := currentAs(t, h); len(reqs) != 1 || j.teamErr != h.loc.T("lan.join.error.seat_taken") {
		t.Fatalf("the rejoin: %d tries, beside the seat %q", len(reqs), j.teamErr)
	}
	entry(t, h, "lan.join.seat").SetText("Desk 2")
	test.Tap(tree.FindButton(t, h.win.Content(), h.loc.T("lan.join.join")))
	uiq.Eventually(t, "the message goes under the new seat", func() bool { s, _ := LoadSaved(); return len(sent.all()) == 1 && len(s.Pending) == 0 })
	if len(reqs) != 2 || reqs[1].Team != "Desk 2" || reqs[1].Bundle != long || reqs[1].Claim != "0123456789abcdef" {
		t.Errorf("joined with %+v", reqs)
	}
	if got := sent.all()[0]; got.Ref != "say-1" || got.Seat != "Desk 2" || got.Team != "Alpha" || got.Text != "Any news?" {
		t.Errorf("sent %+v", got)
	}
	if s, _ := LoadSaved(); s.Team != "Desk 2" || !s.Roleplayer {
		t.Errorf("kept %+v", s)
	}
}
