package join

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
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
	src, err := os.ReadFile("../../internal/engine/testdata/roleplay.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sess, err := engine.Start(engine.Config{ScenarioID: "roleplay", Source: src, Teams: []string{"Alpha", "Bravo"}, Lang: "en"}, &engine.MemoryLog{}, nil)
	if err != nil {
		t.Fatal(err)
	}
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
	if len(check) != 1 || check[0].Text != h.loc.T("lan.join.as_roleplayer") {
		t.Fatalf("the join form has %d checks", len(check))
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
