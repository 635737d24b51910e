package join

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/lan"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// The join form says what is wrong beside each field and joins nothing.
func TestJoinFormRefusesBadInput(t *testing.T) {
	joins := 0
	h := newHost(t, i18n.EN)
	storeSaved(nil)
	j := h.open(Config{Join: func(context.Context, Request) (Conn, error) {
		joins++
		return nil, errors.New("must not be called")
	}})
	cases := []struct {
		name, addr, code, team    string
		addrErr, codeErr, teamErr bool
	}{
		{"all empty", "", "", "", true, true, true},
		{"port out of range", "10.0.0.2:70000", "K7M3QX", "Alpha", true, false, false},
		{"code too short", "10.0.0.2", "K7M3Q", "Alpha", false, true, false},
		{"code with a letter people misread", "10.0.0.2:4222", "K7M30X", "Alpha", false, true, false},
		{"team name too long", "10.0.0.2:4222", "K7M3QX", strings.Repeat("Alpha", engine.MaxTeamNameLen), false, false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			entry(t, h, "lan.join.address").SetText(c.addr)
			entry(t, h, "lan.join.code").SetText(c.code)
			tree.Find[*widget.SelectEntry](t, field(t, h, "lan.join.team"))[0].SetText(c.team)
			test.Tap(tree.FindButton(t, h.win.Content(), h.loc.T("lan.join.join")))
			j = currentAs(t, h)
			if (j.addrErr != "") != c.addrErr || (j.codeErr != "") != c.codeErr || (j.teamErr != "") != c.teamErr {
				t.Errorf("errors: address %q, code %q, team %q", j.addrErr, j.codeErr, j.teamErr)
			}
		})
	}
	if joins != 0 {
		t.Errorf("bad input reached the network %d times", joins)
	}
}

func TestNormalizeAddressAndCode(t *testing.T) {
	addrs := []struct{ in, want string }{
		{"192.168.1.20:4222", "192.168.1.20:4222"},
		{" 192.168.1.20 ", "192.168.1.20:4222"},
		{"facilitator.local:5000", "facilitator.local:5000"},
		{"[fd00::2]:4222", "[fd00::2]:4222"},
		{"fd00::2", "[fd00::2]:4222"},
		{"192.168.1.20:0", ""},
		{"192.168.1.20:port", ""},
		{"http://192.168.1.20", ""},
		{"", ""},
	}
	for _, a := range addrs {
		got, err := normalizeAddress(a.in)
		if a.want == "" && err == nil || a.want != "" && got != a.want {
			t.Errorf("normalizeAddress(%q) = %q, %v; want %q", a.in, got, err, a.want)
		}
	}
	codes := []struct{ in, want string }{
		{"K7M3QX", "K7M3QX"},
		{"k7m 3qx", "K7M3QX"},
		{"K7M-3QX", "K7M3QX"},
		{"K7M\u30003QX", "K7M3QX"},
		{"K7M3QXX", ""},
		{"K7M3Q1", ""},
	}
	for _, c := range codes {
		got, err := codeInput(c.in)
		if c.want == "" && err == nil || c.want != "" && got != c.want {
			t.Errorf("codeInput(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	fp := strings.Repeat("ab", 32)
	longs := []struct{ in, code, bundle string }{
		{"k7m 3qx", "K7M3QX", ""},
		{" K7M3QX-" + fp + " ", "K7M3QX", "K7M3QX-" + fp},
		{"K7M3QX-" + strings.ToUpper(fp), "K7M3QX", "K7M3QX-" + fp},
		{"K7M3QX-" + fp[:10], "", ""}, // a cut-off long code is not a code
		{"K7M3Q1-" + fp, "", ""},      // nor one whose code part is wrong
	}
	for _, c := range longs {
		code, bundle, err := codeOrBundle(c.in)
		if c.code == "" && err == nil || c.code != "" && (code != c.code || bundle != c.bundle) {
			t.Errorf("codeOrBundle(%q) = %q, %q, %v; want %q, %q", c.in, code, bundle, err, c.code, c.bundle)
		}
	}
}

// A team laptop on no network is told so in its language, not given the
// discovery package's error.
func TestJoinScreenSaysWhenOnNoNetwork(t *testing.T) {
	h := newHost(t, i18n.ZH)
	storeSaved(nil)
	h.open(Config{
		Browse: func(context.Context, time.Duration) ([]Found, error) {
			return nil, fmt.Errorf("%w (checked lo: loopback)", ErrNoNetwork)
		},
		Join: func(context.Context, Request) (Conn, error) { return nil, errors.New("unused") },
	})
	text := tree.AllText(h.win.Content())
	if !strings.Contains(text, "本电脑未连接任何网络") || strings.Contains(text, "loopback") {
		t.Errorf("join screen on no network:\n%s", text)
	}
}

// Choosing an exercise found on the network fills its address and offers
// its teams.
func TestChoosingAFoundExerciseOffersItsTeams(t *testing.T) {
	h := newHost(t, i18n.EN)
	storeSaved(nil)
	found := Found{ID: "x1", Title: scenario.Text{"en": "Mini"}, Teams: []string{"Alpha", "Bravo"}, Addrs: []string{"192.168.1.20:4222", "10.0.0.2:4222"}}
	j := h.open(Config{
		Browse: func(context.Context, time.Duration) ([]Found, error) { return []Found{found}, nil },
		Join:   func(context.Context, Request) (Conn, error) { return nil, errors.New("unused") },
	})
	choose := buttons(t, h, h.loc.T("lan.join.choose"))
	if len(choose) != 1 {
		t.Fatalf("join screen lists %d exercises, want 1", len(choose))
	}
	test.Tap(choose[0])
	if got := entry(t, h, "lan.join.address").Text; got != "192.168.1.20:4222" {
		t.Errorf("choosing the exercise filled address %q, want its first", got)
	}
	if !slices.Equal(j.teamOptions, []string{"Alpha", "Bravo"}) {
		t.Errorf("team choices %q", j.teamOptions)
	}
}

// A team laptop restarted while the facilitator's laptop is away keeps
// trying to rejoin by itself, every rejoinRetryDelay, until the user goes
// elsewhere. It runs in a synctest bubble: the tries come as the test moves
// the bubble's clock on.
func TestRejoinKeepsTryingWhileTheHostIsAway(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var tries []time.Duration
		h := newHost(t, i18n.EN)
		uiq := uitest.QueueUI(t) // the test's goroutine is the UI goroutine
		storeSaved(&Saved{Address: "192.168.1.20:4222", Bundle: "K7M3QX-" + strings.Repeat("ab", 32), Team: "Alpha"})
		t.Cleanup(func() { storeSaved(nil) })
		// As the window does when it starts on a laptop that was in an
		// exercise it did not leave.
		h.open(Config{Join: func(_ context.Context, req Request) (Conn, error) {
			if req.Team != "Alpha" || req.Bundle == "" {
				t.Errorf("rejoined with %+v", req)
			}
			tries = append(tries, time.Since(start))
			return nil, lan.ErrNoHost
		}})
		uiq.Pump()
		j := currentAs(t, h)
		if !strings.Contains(j.joinErr, "Trying again every few seconds") {
			t.Errorf("a rejoin with the host away says %q", j.joinErr)
		}
		d := rejoinRetryDelay
		uiq.Settle(d - time.Millisecond)
		if !slices.Equal(tries, []time.Duration{0}) {
			t.Fatalf("tries at %v before rejoinRetryDelay passed, want one at 0", tries)
		}
		uiq.Settle(time.Millisecond)
		uiq.Settle(d)
		if !slices.Equal(tries, []time.Duration{0, d, 2 * d}) {
			t.Fatalf("tries at %v, want 0, %v and %v", tries, d, 2*d)
		}
		// The user goes back to the home screen: no more tries.
		h.ShowHome()
		uiq.Settle(5 * d)
		if len(tries) != 3 {
			t.Errorf("tried again after the join screen closed: %v", tries)
		}
	})
}

// What goes wrong when joining is said in the UI's language: a name that
// cannot be a team's, nothing at the address, another version of
// Firebreak; none of internal/lan's or the engine's English shows.
func TestJoinProblemsAreSaidInTheUILanguage(t *testing.T) {
	zh := i18n.New(i18n.ZH)
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("%w at 10.0.0.2:4222: nats: no servers available for connection", lan.ErrUnreachable), "此地址没有响应"},
		{fmt.Errorf("%w: the host speaks protocol 3, this laptop 4", lan.ErrVersion), "版本不同"},
		{fmt.Errorf("joining 10.0.0.2:4222: %w", context.DeadlineExceeded), zh.T("lan.join.error.timeout")},
	} {
		if got := joinErrorText(zh, c.err); !strings.Contains(got, c.want) || strings.Contains(got, "nats") || strings.Contains(got, "protocol") {
			t.Errorf("%v: %q, want it to say %q", c.err, got, c.want)
		}
	}

	h := newHost(t, i18n.ZH)
	storeSaved(nil)
	j := h.open(Config{Join: func(context.Context, Request) (Conn, error) { return nil, errors.New("must not be called") }})
	entry(t, h, "lan.join.address").SetText("10.0.0.2")
	entry(t, h, "lan.join.code").SetText("K7M3QX")
	tree.Find[*widget.SelectEntry](t, field(t, h, "lan.join.team"))[0].SetText(strings.Repeat("甲", engine.MaxTeamNameLen+1))
	test.Tap(tree.FindButton(t, h.win.Content(), h.loc.T("lan.join.join")))
	j = currentAs(t, h)
	if want := zh.T("setup.error.name_long", "n", engine.MaxTeamNameLen); j.teamErr != want || !strings.Contains(tree.AllText(field(t, h, "lan.join.team")), want) {
		t.Errorf("a name too long: %q, want %q shown beside the field", j.teamErr, want)
	}
}
