package discovery

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"
	"golang.org/x/net/ipv4"
)

const (
	// firstResend is when the query is sent again, then after twice as
	// long each time (RFC 6762 §5.2), in case a packet was lost.
	firstResend = time.Second
	// maxNames bounds what one query on one interface remembers, so that a
	// flood of answers costs memory once, not without end.
	maxNames = 512
	// maxMessage is the largest mDNS message (RFC 6762 §17).
	maxMessage = 9000
	mdnsPort   = 5353
)

var mdnsGroup = netip.AddrPortFrom(netip.AddrFrom4([4]byte{224, 0, 0, 251}), mdnsPort)

// Browse asks the local network which Firebreak exercises are hosted, on
// every interface that can multicast, and listens for wait (DefaultWait if
// wait ≤ 0). It returns the well-formed exercises found, one per id with
// the addresses of all its answers merged, sorted by title then id. Answers
// that are not Firebreak records (another TXT format, no id, a missing or
// malformed protocol version, port 0, …) are left out; a well-formed one
// with another protocol version is kept, so that the caller can tell the
// user to run the same Firebreak version. It fails with an error wrapping
// ErrNoMulticast when no interface can multicast or querying failed on
// every one of them, and with the context's error when ctx ends first.
func Browse(ctx context.Context, wait time.Duration) ([]Exercise, error) {
	cands, err := multicastInterfaces()
	if err != nil {
		return nil, fmt.Errorf("discovery: browse: %w", err)
	}
	ifis := make([]net.Interface, len(cands))
	for i, c := range cands {
		ifis[i] = c.ifi
	}
	return browse(ctx, wait, ifis)
}

func browse(ctx context.Context, wait time.Duration, ifis []net.Interface) ([]Exercise, error) {
	if wait <= 0 {
		wait = DefaultWait
	}
	qctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	answers := make([][]answer, len(ifis))
	errs := make([]error, len(ifis))
	var wg sync.WaitGroup
	for i := range ifis {
		wg.Go(func() { answers[i], errs[i] = queryOn(qctx, &ifis[i]) })
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("discovery: browse: %w", err)
	}
	// An interface that failed does not spoil the others, nor what it
	// heard before failing.
	var all []answer
	worked := false
	for i := range ifis {
		worked = worked || errs[i] == nil
		all = append(all, answers[i]...)
	}
	if !worked && len(all) == 0 {
		return nil, fmt.Errorf("discovery: browse: %w: %w", ErrNoMulticast, errors.Join(errs...))
	}
	return merge(all), nil
}

// answer is one exercise as answered on one interface.
type answer struct {
	rec    record
	host   string
	v4, v6 []netip.AddrPort
}

// queryOn sends the query out of one interface and collects the answers
// until ctx ends. After a read error it returns what it collected with the
// error. The socket has an ephemeral port, so responders answer by
// unicast (RFC 6762 §6.7; github.com/hashicorp/mdns always does) and no
// socket on port 5353 is needed, which Avahi or Bonjour may hold.
func queryOn(ctx context.Context, ifi *net.Interface) ([]answer, error) {
	conn, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4zero})
	if err != nil {
		return nil, fmt.Errorf("query on %s: open a UDP socket: %w", ifi.Name, err)
	}
	defer conn.Close()
	p := ipv4.NewPacketConn(conn)
	if err := p.SetMulticastInterface(ifi); err != nil {
		return nil, fmt.Errorf("query on %s: send multicast through it: %w", ifi.Name, err)
	}
	// An exercise hosted on this laptop hears the query through the loopback copy.
	if err := p.SetMulticastLoopback(true); err != nil {
		return nil, fmt.Errorf("query on %s: loop multicast back: %w", ifi.Name, err)
	}
	// RFC 6762 §11: mDNS packets go out with IP TTL 255, which responders may check.
	if err := p.SetMulticastTTL(255); err != nil {
		return nil, fmt.Errorf("query on %s: set the multicast TTL: %w", ifi.Name, err)
	}
	// Closing the socket is what wakes a blocked read when ctx ends.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()

	send := func(m *dns.Msg) error {
		b, err := m.Pack()
		if err != nil {
			return err
		}
		_, err = conn.WriteToUDPAddrPort(b, mdnsGroup)
		return err
	}
	service := ServiceType + "." + Domain
	c := newCollector(ifi.Name, service)
	if err := send(question(service, dns.TypePTR)); err != nil {
		return nil, fmt.Errorf("query on %s: send: %w", ifi.Name, err)
	}
	interval := firstResend
	next := time.Now().Add(interval)
	buf := make([]byte, maxMessage)
	for ctx.Err() == nil {
		_ = conn.SetReadDeadline(next) // fails only once ctx closed the socket, and then the read fails too
		n, src, err := conn.ReadFromUDPAddrPort(buf)
		if ctx.Err() != nil {
			break
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			interval *= 2
			next = time.Now().Add(interval)
			clear(c.asked)
			// A failed resend is not fatal: the first query went out, and
			// the next round tries again.
			_ = send(question(service, dns.TypePTR))
			continue
		}
		if err != nil {
			return c.answers(), fmt.Errorf("query on %s: read answers: %w", ifi.Name, err)
		}
		// RFC 6762 §6: answers not from port 5353 are not mDNS answers.
		if src.Port() != mdnsPort {
			continue
		}
		var m dns.Msg
		if m.Unpack(buf[:n]) != nil || !m.Response || m.Opcode != dns.OpcodeQuery || m.Rcode != dns.RcodeSuccess {
			continue
		}
		c.add(&m, src.Addr().Unmap())
		for _, q := range c.followUps() {
			_ = send(q)
		}
	}
	return c.answers(), nil
}

func question(name string, types ...uint16) *dns.Msg {
	m := new(dns.Msg)
	m.Id = 0 // RFC 6762 §18.1
	m.RecursionDesired = false
	for _, t := range types {
		m.Question = append(m.Question, dns.Question{Name: name, Qtype: t, Qclass: dns.ClassINET})
	}
	return m
}

// collector gathers the records of the answers on one interface. Names are
// compared in lower case (DNS names are case-insensitive); queries use the
// names as answered, since the library's responder compares them exactly.
type collector struct {
	ifname  string
	service string
	names   map[string]bool // every name remembered, for maxNames

	instances []string        // instance names in the order their PTR came
	known     map[string]bool // lower-cased instances
	srv       map[string]*dns.SRV
	txt       map[string][]string
	addrs     map[string][]netip.Addr // host name → addresses, in answer order
	srcs      map[string][]netip.Addr // instance → where answers about it came from
	asked     map[string]bool         // instances asked about since the last resend
}

func newCollector(ifname, service string) *collector {
	return &collector{
		ifname:  ifname,
		service: strings.ToLower(service),
		names:   map[string]bool{},
		known:   map[string]bool{},
		srv:     map[string]*dns.SRV{},
		txt:     map[string][]string{},
		addrs:   map[string][]netip.Addr{},
		srcs:    map[string][]netip.Addr{},
		asked:   map[string]bool{},
	}
}

// room says whether name may be remembered.
func (c *collector) room(name string) bool {
	if c.names[name] {
		return true
	}
	if len(c.names) >= maxNames {
		return false
	}
	c.names[name] = true
	return true
}

func (c *collector) add(m *dns.Msg, src netip.Addr) {
	for _, rr := range slices.Concat(m.Answer, m.Extra) {
		h := rr.Header()
		// The top bit of the class is mDNS's cache-flush flag (RFC 6762 §10.2).
		if h.Class&^(1<<15) != dns.ClassINET {
			continue
		}
		name := strings.ToLower(h.Name)
		if !c.room(name) {
			continue
		}
		switch r := rr.(type) {
		case *dns.PTR:
			inst := strings.ToLower(r.Ptr)
			if name != c.service || !c.room(inst) {
				continue
			}
			if h.Ttl == 0 {
				// A goodbye (RFC 6762 §10.1): the exercise is going away.
				if c.known[inst] {
					delete(c.known, inst)
					c.instances = slices.DeleteFunc(c.instances, func(s string) bool { return strings.ToLower(s) == inst })
				}
				continue
			}
			if !c.known[inst] {
				c.known[inst] = true
				c.instances = append(c.instances, r.Ptr)
			}
			c.srcs[inst] = appendNew(c.srcs[inst], src)
		case *dns.SRV:
			c.srv[name] = r
			c.srcs[name] = appendNew(c.srcs[name], src)
		case *dns.TXT:
			c.txt[name] = r.Txt
		case *dns.A:
			if ip, ok := netip.AddrFromSlice(r.A); ok {
				c.addrs[name] = appendNew(c.addrs[name], ip.Unmap())
			}
		case *dns.AAAA:
			if ip, ok := netip.AddrFromSlice(r.AAAA); ok {
				c.addrs[name] = appendNew(c.addrs[name], ip)
			}
		}
	}
}

// followUps asks the instances whose SRV or TXT record has not come yet
// for them (a responder may answer the PTR question with the PTR alone).
func (c *collector) followUps() []*dns.Msg {
	var qs []*dns.Msg
	for _, inst := range c.instances {
		key := strings.ToLower(inst)
		if c.asked[key] || (c.srv[key] != nil && c.txt[key] != nil) {
			continue
		}
		c.asked[key] = true
		qs = append(qs, question(inst, dns.TypeSRV, dns.TypeTXT))
	}
	return qs
}

// answers turns the complete, well-formed instances into answers.
func (c *collector) answers() []answer {
	var out []answer
	for _, inst := range c.instances {
		key := strings.ToLower(inst)
		srv, raw := c.srv[key], c.txt[key]
		if srv == nil || srv.Port == 0 || raw == nil {
			continue
		}
		txt := make([]string, len(raw))
		for i, s := range raw {
			txt[i] = unescapeTXT(s)
		}
		rec, err := parseTXT(txt)
		if err != nil {
			continue
		}
		a := answer{rec: rec, host: strings.TrimSuffix(srv.Target, ".")}
		// The source of the answer comes first: it is an address of the
		// host on this network as of now, whereas the advertised ones may
		// belong to other networks or be out of date.
		for _, ip := range slices.Concat(c.srcs[key], c.addrs[strings.ToLower(srv.Target)]) {
			if ip.Is6() && ip.IsLinkLocalUnicast() {
				ip = ip.WithZone(c.ifname)
			}
			ap := netip.AddrPortFrom(ip, srv.Port)
			if ip.Is4() {
				a.v4 = appendNew(a.v4, ap)
			} else {
				a.v6 = appendNew(a.v6, ap)
			}
		}
		out = append(out, a)
	}
	return out
}

// merge joins the answers for the same exercise id (from several
// interfaces, or several hosts) and sorts the exercises by title, then id.
func merge(all []answer) []Exercise {
	byID := map[string]*answer{}
	var order []string
	for _, a := range all {
		m, ok := byID[a.rec.ID]
		if !ok {
			cp := a
			byID[a.rec.ID] = &cp
			order = append(order, a.rec.ID)
			continue
		}
		for _, ap := range a.v4 {
			m.v4 = appendNew(m.v4, ap)
		}
		for _, ap := range a.v6 {
			m.v6 = appendNew(m.v6, ap)
		}
	}
	out := make([]Exercise, 0, len(order))
	for _, id := range order {
		a := byID[id]
		ex := Exercise{
			ID:        a.rec.ID,
			Title:     a.rec.Title,
			TitleZH:   a.rec.TitleZH,
			Teams:     a.rec.Teams,
			MoreTeams: a.rec.MoreTeams,
			Host:      a.host,
			Protocol:  a.rec.Protocol,
		}
		for _, ap := range slices.Concat(a.v4, a.v6) {
			ex.Addrs = append(ex.Addrs, ap.String())
		}
		out = append(out, ex)
	}
	slices.SortFunc(out, func(a, b Exercise) int {
		return cmp.Or(cmp.Compare(sortTitle(a), sortTitle(b)), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// sortTitle is the title an exercise is listed under: English if it has one.
func sortTitle(e Exercise) string { return cmp.Or(e.Title, e.TitleZH) }

func appendNew[T comparable](list []T, v T) []T {
	if slices.Contains(list, v) {
		return list
	}
	return append(list, v)
}
