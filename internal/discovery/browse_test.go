package discovery

import (
	"errors"
	"io"
	"net"
	"net/netip"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/miekg/dns"
)

func mustAddr(t testing.TB, s string) netip.Addr {
	t.Helper()
	a, err := netip.ParseAddr(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func ipNet(s string) *net.IPNet {
	ip, n, err := net.ParseCIDR(s)
	if err != nil {
		panic(err)
	}
	n.IP = ip // the 16-byte form net.Interface.Addrs gives for IPv4 on some systems
	return n
}

func TestPickInterfaces(t *testing.T) {
	const usable = net.FlagUp | net.FlagRunning | net.FlagMulticast | net.FlagBroadcast
	lo := ifaceAddrs{ifi: net.Interface{Name: "lo", Flags: net.FlagUp | net.FlagRunning | net.FlagLoopback}, addrs: []net.Addr{ipNet("127.0.0.1/8"), ipNet("::1/128")}}
	list := []ifaceAddrs{
		lo,
		{ifi: net.Interface{Name: "eth0", Flags: usable}, addrs: []net.Addr{ipNet("192.0.2.2/24"), ipNet("fd00::2/64"), ipNet("fe80::1/64")}},
		{ifi: net.Interface{Name: "docker0", Flags: net.FlagUp | net.FlagMulticast | net.FlagBroadcast}, addrs: []net.Addr{ipNet("172.17.0.1/16")}},
		{ifi: net.Interface{Name: "tun0", Flags: net.FlagUp | net.FlagRunning | net.FlagMulticast | net.FlagPointToPoint}, addrs: []net.Addr{ipNet("10.8.0.2/24")}},
		{ifi: net.Interface{Name: "wlan0", Flags: net.FlagMulticast | net.FlagBroadcast}, addrs: []net.Addr{ipNet("10.0.0.3/24")}},
		{ifi: net.Interface{Name: "v6only", Flags: usable}, addrs: []net.Addr{ipNet("fd00::9/64")}},
		{ifi: net.Interface{Name: "nomc", Flags: net.FlagUp | net.FlagRunning | net.FlagBroadcast}, addrs: []net.Addr{ipNet("10.1.0.1/24")}},
		{ifi: net.Interface{Name: "broken", Flags: usable}, err: errors.New("netlink said no")},
		{ifi: net.Interface{Name: "adhoc", Flags: usable}, addrs: []net.Addr{ipNet("169.254.3.4/16"), &net.IPAddr{IP: net.ParseIP("10.9.9.9")}}},
	}
	got, err := pickInterfaces(list)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range got {
		names = append(names, c.ifi.Name)
	}
	if want := []string{"eth0", "adhoc"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("picked %v, want %v", names, want)
	}
	if want := []netip.Addr{mustAddr(t, "192.0.2.2")}; !reflect.DeepEqual(got[0].v4, want) {
		t.Errorf("eth0 IPv4 %v, want %v", got[0].v4, want)
	}
	if want := []netip.Addr{mustAddr(t, "fd00::2")}; !reflect.DeepEqual(got[0].v6, want) {
		t.Errorf("eth0 IPv6 %v, want %v (no link-local)", got[0].v6, want)
	}
	if want := []netip.Addr{mustAddr(t, "169.254.3.4")}; !reflect.DeepEqual(got[1].v4, want) {
		t.Errorf("adhoc IPv4 %v, want %v", got[1].v4, want)
	}

	for _, tc := range []struct {
		name string
		list []ifaceAddrs
		want []string
	}{
		{"loopback only", []ifaceAddrs{lo}, []string{"lo: loopback", "type the host's address"}},
		{"none usable", list[2:8], []string{"docker0: not connected", "tun0: point-to-point", "wlan0: down", "v6only: no IPv4 address", "nomc: no multicast", "broken: addresses unreadable: netlink said no"}},
		{"no interfaces", nil, []string{"no network interfaces"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := pickInterfaces(tc.list)
			if !errors.Is(err, ErrNoMulticast) {
				t.Fatalf("error %v, want ErrNoMulticast", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

func txtRR(name string, raw ...string) *dns.TXT {
	esc := make([]string, len(raw))
	for i, s := range raw {
		esc[i] = escapeTXT(s)
	}
	return &dns.TXT{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: 120}, Txt: esc}
}

func rr(t *testing.T, s string) dns.RR {
	t.Helper()
	r, err := dns.NewRR(s)
	if err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return r
}

// overPacket passes a message through the wire format, as Browse gets it.
func overPacket(t *testing.T, c *collector, src string, answer ...dns.RR) {
	t.Helper()
	m := &dns.Msg{MsgHdr: dns.MsgHdr{Response: true, Authoritative: true}, Answer: answer}
	b, err := m.Pack()
	if err != nil {
		t.Fatal(err)
	}
	var back dns.Msg
	if err := back.Unpack(b); err != nil {
		t.Fatal(err)
	}
	c.add(&back, mustAddr(t, src))
}

func TestCollector(t *testing.T) {
	const svc = "_firebreak._tcp.local."
	good := func(id, title string) []string {
		return []string{"txtvers=1", "id=" + id, "proto=1", "title=" + title, "title_zh=演练" + id, "team1=甲队", `team2=Team \B`}
	}
	c := newCollector("eth9", svc)

	// A complete answer, with the library's record order.
	a := "firebreak-a." + svc
	overPacket(t, c, "192.0.2.9",
		rr(t, svc+" 120 IN PTR "+a),
		rr(t, a+" 120 IN SRV 10 1 4222 lap.local."),
		rr(t, "lap.local. 120 IN A 10.0.0.5"),
		rr(t, "lap.local. 120 IN A 192.0.2.9"),
		rr(t, "lap.local. 120 IN AAAA fe80::1"),
		rr(t, "lap.local. 120 IN AAAA fd00::5"),
		txtRR(a, good("a", "Alpha drill")...),
	)
	// The same answer from another address of the host, and a record of
	// another class that must not replace the TXT record.
	chaos := txtRR(a, "txtvers=1")
	chaos.Hdr.Class = dns.ClassCHAOS
	overPacket(t, c, "192.0.2.10", rr(t, svc+" 120 IN PTR "+a), chaos)

	// An exercise that says goodbye.
	b := "firebreak-b." + svc
	overPacket(t, c, "192.0.2.9", rr(t, svc+" 120 IN PTR "+b), rr(t, b+" 120 IN SRV 0 0 4223 lap.local."), txtRR(b, good("b", "Bravo")...))
	overPacket(t, c, "192.0.2.9", rr(t, svc+" 0 IN PTR "+b))

	// Not Firebreak records: port 0, another TXT format, no TXT at all.
	for _, bad := range []struct {
		name, port string
		txt        []string
	}{
		{"firebreak-c." + svc, "0", good("c", "Charlie")},
		{"firebreak-d." + svc, "4224", append([]string{"txtvers=2"}, good("d", "Delta")[1:]...)},
		{"firebreak-x." + svc, "4225", nil},
	} {
		recs := []dns.RR{rr(t, svc+" 120 IN PTR "+bad.name), rr(t, bad.name+" 120 IN SRV 0 0 "+bad.port+" lap.local.")}
		if bad.txt != nil {
			recs = append(recs, txtRR(bad.name, bad.txt...))
		}
		overPacket(t, c, "192.0.2.9", recs...)
	}

	// Names in other cases and the cache-flush bit (RFC 6762 §10.2).
	e := "FireBreak-E._Firebreak._TCP.local."
	srvE := rr(t, "firebreak-e._firebreak._tcp.local. 120 IN SRV 0 0 4226 LAP2.local.")
	srvE.Header().Class |= 1 << 15
	overPacket(t, c, "192.0.2.11", rr(t, svc+" 120 IN PTR "+e), srvE, rr(t, "lap2.local. 120 IN A 10.0.0.7"), txtRR(strings.ToLower(e), good("e", "Echo")...))

	// Another service's instances are not Firebreak exercises.
	overPacket(t, c, "192.0.2.12", rr(t, "_http._tcp.local. 120 IN PTR web._http._tcp.local."), rr(t, "web._http._tcp.local. 120 IN SRV 0 0 80 lap.local."), txtRR("web._http._tcp.local.", good("w", "Web")...))

	// An instance that only came with its PTR is asked for the rest, once
	// per round, by its name as answered.
	f := "Firebreak-F." + svc
	overPacket(t, c, "192.0.2.9", rr(t, svc+" 120 IN PTR "+f))
	qs := c.followUps()
	var asked []string
	for _, q := range qs {
		for _, qq := range q.Question {
			asked = append(asked, qq.Name+" "+dns.TypeToString[qq.Qtype])
		}
	}
	want := []string{"firebreak-x." + svc + " SRV", "firebreak-x." + svc + " TXT", f + " SRV", f + " TXT"}
	if !reflect.DeepEqual(asked, want) {
		t.Errorf("follow-up questions %q, want %q", asked, want)
	}
	if again := c.followUps(); len(again) != 0 {
		t.Errorf("asked again in the same round: %v", again)
	}

	got := c.answers()
	wantAnswers := []answer{
		{
			rec:  record{ID: "a", Title: "Alpha drill", TitleZH: "演练a", Teams: []string{"甲队", `Team \B`}, Protocol: 1},
			host: "lap.local",
			v4:   []netip.AddrPort{netip.MustParseAddrPort("192.0.2.9:4222"), netip.MustParseAddrPort("192.0.2.10:4222"), netip.MustParseAddrPort("10.0.0.5:4222")},
			v6:   []netip.AddrPort{netip.MustParseAddrPort("[fe80::1%eth9]:4222"), netip.MustParseAddrPort("[fd00::5]:4222")},
		},
		{
			rec:  record{ID: "e", Title: "Echo", TitleZH: "演练e", Teams: []string{"甲队", `Team \B`}, Protocol: 1},
			host: "LAP2.local",
			v4:   []netip.AddrPort{netip.MustParseAddrPort("192.0.2.11:4226"), netip.MustParseAddrPort("10.0.0.7:4226")},
		},
	}
	if !reflect.DeepEqual(got, wantAnswers) {
		t.Errorf("answers\n got %+v\nwant %+v", got, wantAnswers)
	}
}

func TestCollectorBounded(t *testing.T) {
	const svc = "_firebreak._tcp.local."
	c := newCollector("eth9", svc)
	for i := range 2 * maxNames {
		overPacket(t, c, "192.0.2.9", rr(t, svc+" 120 IN PTR firebreak-n"+strconv.Itoa(i)+"."+svc))
	}
	if len(c.names) > maxNames || len(c.instances) >= maxNames {
		t.Errorf("remembered %d names and %d instances, limit %d", len(c.names), len(c.instances), maxNames)
	}
}

func TestMerge(t *testing.T) {
	ap := netip.MustParseAddrPort
	all := []answer{
		{rec: record{ID: "a", Title: "Alpha drill", Protocol: 1}, host: "lap.local", v4: []netip.AddrPort{ap("192.0.2.9:4222")}, v6: []netip.AddrPort{ap("[fd00::5]:4222")}},
		{rec: record{ID: "z", TitleZH: "乙", Protocol: 2}, host: "other.local", v4: []netip.AddrPort{ap("192.0.2.20:5000")}},
		{rec: record{ID: "a", Title: "Alpha drill", Protocol: 1}, host: "lap.local", v4: []netip.AddrPort{ap("10.0.0.5:4222"), ap("192.0.2.9:4222")}, v6: []netip.AddrPort{ap("[fd00::6]:4222")}},
		{rec: record{ID: "0", Title: "Alpha drill", Protocol: 1}, host: "third.local", v4: []netip.AddrPort{ap("192.0.2.30:4222")}},
		{rec: record{ID: "b", Title: "Bravo", TitleZH: "丙", Protocol: 1}, host: "lap.local", v4: []netip.AddrPort{ap("192.0.2.9:4300")}},
	}
	got := merge(all)
	var order []string
	for _, e := range got {
		order = append(order, e.ID)
	}
	if want := []string{"0", "a", "b", "z"}; !reflect.DeepEqual(order, want) {
		t.Errorf("order %v, want %v (by title, English first if there is one, then id)", order, want)
	}
	if want := []string{"192.0.2.9:4222", "10.0.0.5:4222", "[fd00::5]:4222", "[fd00::6]:4222"}; !reflect.DeepEqual(got[1].Addrs, want) {
		t.Errorf("merged addresses %q, want %q", got[1].Addrs, want)
	}
	if got[3].Protocol != 2 || got[3].Host != "other.local" {
		t.Errorf("exercise z: %+v", got[3])
	}
}

func TestLibraryLogDropped(t *testing.T) {
	if w := libLogger(nil).Writer(); w != io.Discard {
		t.Errorf("without Logf the library logs to %v, want io.Discard", w)
	}
	var got []string
	l := libLogger(func(f string, a ...any) { got = append(got, f+"|"+a[0].(string)) })
	l.Printf("[ERR] mdns: %s", "boom")
	if want := []string{"%s|[ERR] mdns: boom"}; !reflect.DeepEqual(got, want) {
		t.Errorf("routed %q, want %q", got, want)
	}
}
