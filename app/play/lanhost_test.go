package play

import (
	"errors"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/lan"
)

// fakeAnnouncer records what the facilitator's laptop announced.
type fakeAnnouncer struct {
	got    []Announcement
	closed int
}

func (f *fakeAnnouncer) advertise(a Announcement) (io.Closer, error) {
	f.got = append(f.got, a)
	return closerFunc(func() error { f.closed++; return nil }), nil
}

type closerFunc func() error

func (c closerFunc) Close() error { return c() }

// An exercise that cannot be announced (no network, say) is hosted all the
// same, says so, and closes cleanly. (That the app's announcer fails so is
// tested with it.)
func TestHostingWhenTheAnnouncementFails(t *testing.T) {
	st := uitest.OpenStore(t)
	run := uitest.StartMini(t, st, engine.NewFakeClock())
	dir := filepath.Join(t.TempDir(), "lan")
	hs, err := StartHosting(run, dir, func(Announcement) (io.Closer, error) {
		return nil, errors.New("discovery: an announcement needs an id")
	}, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	if hs.announce == nil || hs.adv != nil {
		t.Errorf("announcement error %v, closer %v", hs.announce, hs.adv)
	}
	hs.Close(false)
	hs.Close(false)
}

// A laptop that joins a network after the exercise started shows its new
// address and announces the exercise there; one on no network says so.
func TestHostingFollowsTheLaptopsAddresses(t *testing.T) {
	st := uitest.OpenStore(t)
	uitest.Window(t)
	run := uitest.StartMini(t, st, engine.NewFakeClock())
	ann := &fakeAnnouncer{}
	hs, err := StartHosting(run, filepath.Join(t.TempDir(), "lan"), ann.advertise, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	defer hs.Close(false)
	if _, _, ok := hs.readdress(hs.addrs); ok {
		t.Error("addresses changed though the network did not")
	}
	// As when the exercise started before the laptop was on the Wi-Fi.
	hs.addrs = []string{"127.0.0.1:1"}
	loc := i18n.New(i18n.EN)
	if !strings.Contains(tree.AllText(newJoinPanel(loc, hs, 1, func() {}).root), "This laptop is not on any network") {
		t.Error("a laptop with only its loopback address does not say it is on no network")
	}
	_, apply, ok := hs.readdress(hs.addrs)
	if !ok || len(ann.got) != 2 || ann.closed != 1 {
		t.Errorf("after a change of address: announced %d times, closed %d", len(ann.got), ann.closed)
	}
	if onlyLoopback(hs.addrs) != true {
		t.Error("the addresses shown changed before the UI goroutine took them up")
	}
	apply()
	if strings.Contains(tree.AllText(newJoinPanel(loc, hs, 1, func() {}).root), "not on any network") != onlyLoopback(hs.addrs) {
		t.Error("the panel's network warning does not follow the addresses")
	}
	cases := []struct {
		addrs []string
		want  bool
	}{
		{[]string{"127.0.0.1:4222"}, true},
		{[]string{"127.0.0.1:4222", "192.168.1.20:4222"}, false},
		{[]string{"10.0.0.2:4222"}, false},
	}
	for _, c := range cases {
		if got := onlyLoopback(c.addrs); got != c.want {
			t.Errorf("onlyLoopback(%v) = %v", c.addrs, got)
		}
	}
}

func TestFormatJoinCode(t *testing.T) {
	if got := formatJoinCode("K7M3QX"); got != "K7M 3QX" {
		t.Errorf("formatJoinCode = %q", got)
	}
}

// The Team laptops tab names the role-player seats connected (each seat's
// actions are logged under its name), in the UI's language; the projector
// never shows them.
func TestJoinTabNamesTheRolePlayerSeats(t *testing.T) {
	st := uitest.OpenStore(t)
	uitest.Window(t)
	run := uitest.StartMini(t, st, engine.NewFakeClock())
	hs, err := StartHosting(run, filepath.Join(t.TempDir(), "lan"), (&fakeAnnouncer{}).advertise, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	defer hs.Close(false)
	en, zh := i18n.New(i18n.EN), i18n.New(i18n.ZH)
	if text := tree.AllText(newJoinPanel(en, hs, 1, func() {}).root); !strings.Contains(text, en.T("lan.host.no_seats")) {
		t.Errorf("with no role-player laptop the tab says:\n%s", text)
	}
	_, port, _ := net.SplitHostPort(hs.host.Address())
	rp, err := lan.JoinRoleplayer(net.JoinHostPort("127.0.0.1", port), hs.host.RoleBundle(), "Press desk", lan.JoinOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer rp.Close()
	if text := tree.AllText(newJoinPanel(zh, hs, 1, func() {}).root); !strings.Contains(text, zh.T("lan.host.seats", "seats", "Press desk")) {
		t.Errorf("with the press desk connected the tab says:\n%s", text)
	}
	if text := tree.AllText(newJoinPanel(en, hs, 2, nil).root); strings.Contains(text, "Press desk") || strings.Contains(text, hs.host.RoleBundle().Code) {
		t.Errorf("the projector shows the role-player seats or code:\n%s", text)
	}
}

// Why an exercise is not announced is said in the UI's language: no
// network that carries announcements, no announcer in this build, or the
// announcer's own words under a lead in that language.
func TestWhyNotAnnouncedIsWords(t *testing.T) {
	zh := i18n.New(i18n.ZH)
	noNet := fmt.Errorf("%w (no network interface can find exercises by multicast DNS)", ErrNoAnnounceNetwork)
	for _, c := range []struct {
		err  error
		want string
	}{
		{noNet, zh.T("lan.host.not_announced_no_multicast")},
		{ErrNoDiscovery, zh.T("lan.host.not_announced_no_discovery")},
		{errors.New("discovery: an announcement needs an id"), zh.T("lan.host.not_announced", "error", "discovery: an announcement needs an id")},
	} {
		if got := announceErrorText(zh, c.err); got != c.want {
			t.Errorf("%v: %q, want %q", c.err, got, c.want)
		}
	}
	if got := announceErrorText(zh, noNet); strings.Contains(got, "multicast DNS") {
		t.Errorf("the reason keeps the announcer's English: %q", got)
	}
}
