package discovery

// These tests advertise and browse for real, over multicast on this
// machine's interfaces: a query sent out of an interface is looped back to
// the responders listening on the same interface (IP_MULTICAST_LOOP), and
// they answer by unicast to the querying socket. They need one interface
// that is up, has the MULTICAST flag and an IPv4 address (eth0 on a CI
// machine or container, Wi-Fi on a laptop); they do not need Avahi, root, a
// default route or a network beyond the machine. Exercise ids are random, so other Firebreak
// hosts on the same network, or these tests running elsewhere on it, do not
// disturb them.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/mdns"
	"github.com/miekg/dns"
	"golang.org/x/net/ipv4"
)

// testWait is how long each Browse listens: the answers come from this
// machine, so the first query is answered at once and the resend after a
// second is spare.
const testWait = 1500 * time.Millisecond

func randomID(t *testing.T) string {
	t.Helper()
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return "t" + hex.EncodeToString(b)
}

// interfaceReport describes the machine's interfaces for failure messages.
func interfaceReport() string {
	ifis, err := net.Interfaces()
	if err != nil {
		return err.Error()
	}
	var b strings.Builder
	for _, ifi := range ifis {
		addrs, _ := ifi.Addrs()
		fmt.Fprintf(&b, "\n  %s [%v] %v", ifi.Name, ifi.Flags, addrs)
	}
	return b.String()
}

func advertiseT(t *testing.T, a Announcement) *Advertiser {
	t.Helper()
	adv, err := Advertise(a)
	if err != nil {
		t.Fatalf("Advertise: %v\ninterfaces:%s", err, interfaceReport())
	}
	t.Cleanup(func() { _ = adv.Close() })
	return adv
}

func browseT(t *testing.T) []Exercise {
	t.Helper()
	list, err := Browse(t.Context(), testWait)
	if err != nil {
		t.Fatalf("Browse: %v\ninterfaces:%s", err, interfaceReport())
	}
	return list
}

func find(list []Exercise, id string) (Exercise, bool) {
	i := slices.IndexFunc(list, func(e Exercise) bool { return e.ID == id })
	if i < 0 {
		return Exercise{}, false
	}
	return list[i], true
}

// advertisedAddrs is what the advertiser should be found at: each of its
// IPv4 addresses with the port.
func advertisedAddrs(adv *Advertiser, port int) []string {
	var out []string
	for _, ip := range adv.ips {
		if ip.To4() != nil {
			out = append(out, net.JoinHostPort(ip.String(), strconv.Itoa(port)))
		}
	}
	return out
}

func checkFound(t *testing.T, list []Exercise, adv *Advertiser, a Announcement) Exercise {
	t.Helper()
	ex, ok := find(list, a.ID)
	if !ok {
		t.Fatalf("exercise %s advertised on %v not found; found %+v\ninterfaces:%s", a.ID, adv.Interfaces(), list, interfaceReport())
	}
	want := Exercise{ID: a.ID, Title: a.Title, TitleZH: a.TitleZH, Teams: a.Teams, Protocol: a.Protocol, Host: hostLabel() + ".local", Addrs: ex.Addrs}
	if !slices.Equal(ex.Teams, want.Teams) || ex.Title != want.Title || ex.TitleZH != want.TitleZH ||
		ex.Protocol != want.Protocol || ex.Host != want.Host || ex.MoreTeams {
		t.Errorf("found %+v\n want %+v", ex, want)
	}
	for _, addr := range advertisedAddrs(adv, a.Port) {
		if !slices.Contains(ex.Addrs, addr) {
			t.Errorf("addresses %q lack %s", ex.Addrs, addr)
		}
	}
	v6 := false
	for i, addr := range ex.Addrs {
		ap, err := netip.ParseAddrPort(addr)
		if err != nil || int(ap.Port()) != a.Port {
			t.Errorf("address %d %q is not an address with port %d", i, addr, a.Port)
			continue
		}
		if ap.Addr().Is6() {
			v6 = true
		} else if v6 {
			t.Errorf("addresses %q: IPv4 after IPv6", ex.Addrs)
		}
	}
	if len(ex.Addrs) == 0 || strings.HasPrefix(ex.Addrs[0], "[") {
		t.Errorf("addresses %q do not start with IPv4", ex.Addrs)
	}
	return ex
}

func TestAdvertiseAndBrowse(t *testing.T) {
	a := Announcement{
		ID:       randomID(t),
		Title:    `Beverage recall \ "quoted"`,
		TitleZH:  "饮料召回危机演练",
		Teams:    []string{"Alpha", "甲队", "Team C"},
		Port:     42221,
		Protocol: 1,
	}
	adv := advertiseT(t, a)
	if len(adv.Interfaces()) == 0 {
		t.Fatal("advertised on no interface")
	}
	checkFound(t, browseT(t), adv, a)
}

func TestTwoExercisesKeptApart(t *testing.T) {
	a := Announcement{ID: randomID(t), Title: "Alpha drill", TitleZH: "甲演练", Teams: []string{"Red", "Blue"}, Port: 42222, Protocol: 1}
	b := Announcement{ID: randomID(t), Title: "Bravo drill", Teams: []string{"乙队"}, Port: 42223, Protocol: 2}
	advA, advB := advertiseT(t, a), advertiseT(t, b)
	list := browseT(t)
	checkFound(t, list, advA, a)
	checkFound(t, list, advB, b)
	ia := slices.IndexFunc(list, func(e Exercise) bool { return e.ID == a.ID })
	ib := slices.IndexFunc(list, func(e Exercise) bool { return e.ID == b.ID })
	if ia > ib {
		t.Errorf("%q listed after %q", a.Title, b.Title)
	}
}

func TestClosedAdvertiserNotFound(t *testing.T) {
	a := Announcement{ID: randomID(t), TitleZH: "关闭后", Port: 42224, Protocol: 1}
	adv := advertiseT(t, a)
	checkFound(t, browseT(t), adv, a)
	if err := adv.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := adv.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if ex, ok := find(browseT(t), a.ID); ok {
		t.Errorf("closed exercise still found: %+v", ex)
	}
}

// zeroPort answers like the zone it wraps, with port 0 in the SRV record.
type zeroPort struct{ mdns.Zone }

func (z zeroPort) Records(q dns.Question) []dns.RR {
	recs := z.Zone.Records(q)
	for i, r := range recs {
		if srv, ok := r.(*dns.SRV); ok {
			cp := *srv
			cp.Port = 0
			recs[i] = &cp
		}
	}
	return recs
}

// serveRaw answers queries with any zone, on the interfaces Advertise uses.
func serveRaw(t *testing.T, zone mdns.Zone) {
	t.Helper()
	cands, err := multicastInterfaces()
	if err != nil {
		t.Fatalf("%v\ninterfaces:%s", err, interfaceReport())
	}
	for _, c := range cands {
		s, err := mdns.NewServer(&mdns.Config{Zone: zone, Iface: &c.ifi, Logger: log.New(io.Discard, "", 0)})
		if err != nil {
			t.Fatalf("serve on %s: %v", c.ifi.Name, err)
		}
		t.Cleanup(func() { _ = s.Shutdown() })
	}
}

func TestBrowseSkipsMalformed(t *testing.T) {
	good := Announcement{ID: randomID(t), Title: "Well formed", Port: 42225, Protocol: 1}
	adv := advertiseT(t, good)

	// Each bad record has a random id and a title with it, so that real
	// exercises elsewhere on the network cannot be mistaken for them.
	var marks []string
	for i, tc := range []struct {
		name string
		txt  []string // ID and TITLE stand for the record's id and title
		port bool     // serve with port 0
	}{
		{"no protocol", []string{"txtvers=1", "id=ID", "title=TITLE"}, false},
		{"protocol not a number", []string{"txtvers=1", "id=ID", "proto=v1", "title=TITLE"}, false},
		{"other format", []string{"txtvers=2", "id=ID", "proto=1", "title=TITLE"}, false},
		{"no id", []string{"txtvers=1", "proto=1", "title=TITLE"}, false},
		{"not key=value", []string{"txtvers=1", "id=ID", "proto=1", "title=TITLE", "junk"}, false},
		{"port 0", []string{"txtvers=1", "id=ID", "proto=1", "title=TITLE"}, true},
	} {
		id := randomID(t)
		marks = append(marks, id)
		r := strings.NewReplacer("ID", id, "TITLE", "Bad "+id)
		txt := make([]string, len(tc.txt))
		for j, s := range tc.txt {
			txt[j] = r.Replace(s)
		}
		svc, err := mdns.NewMDNSService(instanceName(id), ServiceType, Domain, "bad"+strconv.Itoa(i)+".local.", 42230+i, adv.ips, txt)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if tc.port {
			serveRaw(t, zeroPort{svc})
		} else {
			serveRaw(t, svc)
		}
	}
	list := browseT(t)
	checkFound(t, list, adv, good)
	for _, ex := range list {
		for _, m := range marks {
			if ex.ID == m || strings.Contains(ex.Title, m) {
				t.Errorf("malformed record listed: %+v", ex)
			}
		}
	}
}

// TestLibraryLogRouted sends a packet that is not DNS to the responders and
// expects their complaint through Logf, not on the standard logger.
func TestLibraryLogRouted(t *testing.T) {
	var mu sync.Mutex
	var lines []string
	got := make(chan struct{}, 1)
	a := Announcement{ID: randomID(t), Title: "Logs", Port: 42227, Protocol: 1, Logf: func(f string, args ...any) {
		mu.Lock()
		lines = append(lines, fmt.Sprintf(f, args...))
		mu.Unlock()
		select {
		case got <- struct{}{}:
		default:
		}
	}}
	advertiseT(t, a)
	cands, err := multicastInterfaces()
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4zero})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	p := ipv4.NewPacketConn(conn)
	if err := p.SetMulticastInterface(&cands[0].ifi); err != nil {
		t.Fatal(err)
	}
	if err := p.SetMulticastLoopback(true); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.WriteToUDPAddrPort([]byte("not DNS"), mdnsGroup); err != nil {
		t.Fatal(err)
	}
	select {
	case <-got:
	case <-time.After(10 * time.Second): // a guard against hanging, not a measurement
		t.Fatal("no log line through Logf for a packet that is not DNS")
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(strings.Join(lines, "\n"), "mdns") {
		t.Errorf("log lines %q do not come from the library", lines)
	}
}

func TestBrowseCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	list, err := Browse(ctx, testWait)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Browse with a cancelled context = %v, %v; want context.Canceled", list, err)
	}
}

func TestAdvertiseRefusesBadAnnouncement(t *testing.T) {
	ok := Announcement{ID: "abc", Title: "t", Port: 4222, Protocol: 1}
	for _, tc := range []struct {
		name string
		edit func(*Announcement)
		want string
	}{
		{"port 0", func(a *Announcement) { a.Port = 0 }, "port 0"},
		{"port too big", func(a *Announcement) { a.Port = 70000 }, "port 70000"},
		{"bad id", func(a *Announcement) { a.ID = "a b" }, "exercise id"},
		{"no protocol", func(a *Announcement) { a.Protocol = 0 }, "protocol version"},
		{"no title", func(a *Announcement) { a.Title = "" }, "no title"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := ok
			tc.edit(&a)
			adv, err := Advertise(a)
			if err == nil {
				_ = adv.Close()
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "discovery: advertise exercise") {
				t.Errorf("Advertise(%+v) error %v, want one about %q", a, err, tc.want)
			}
		})
	}
}
