package discovery

import (
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/netip"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/mdns"
)

// maxAddrs bounds the addresses advertised so that the answer stays one
// packet (see maxTXTBytes); IPv4 ones come first.
const maxAddrs = 8

// Announcement is what the facilitator's laptop tells the network about an
// exercise it hosts. It must not carry the join code: everyone on the
// network can read it.
type Announcement struct {
	ID       string   // exercise id: 1 to 48 of A-Z a-z 0-9 _ -
	Title    string   // English title; shortened to 200 bytes if longer
	TitleZH  string   // Chinese title; shortened to 200 bytes (66 characters) if longer
	Teams    []string // team names; those that do not fit are left out and Exercise.MoreTeams is set
	Port     int      // port of the exercise's NATS server on this laptop
	Protocol int      // lan protocol version (lan.Protocol)
	// Logf, when set, receives the mDNS responder's messages (packets it
	// could not read or answer, interfaces it could not listen on).
	Logf func(format string, args ...any)
}

// Advertiser answers mDNS queries for one exercise until closed.
type Advertiser struct {
	servers []*mdns.Server
	ifaces  []string
	ips     []net.IP

	once sync.Once
	err  error
}

// Advertise starts answering queries for the exercise on every interface
// that can carry multicast and has an IPv4 address. It fails with
// ErrNoMulticast when there is none, and when no interface could listen;
// interfaces that fail while others work are reported through Logf.
func Advertise(a Announcement) (*Advertiser, error) {
	txt, err := a.txt()
	if err != nil {
		return nil, fmt.Errorf("discovery: advertise exercise %q: %w", a.ID, err)
	}
	cands, err := multicastInterfaces()
	if err != nil {
		return nil, fmt.Errorf("discovery: advertise exercise %q: %w", a.ID, err)
	}
	return advertise(a, txt, cands)
}

// txt checks the announcement and makes its TXT record, escaped for the
// library.
func (a Announcement) txt() ([]string, error) {
	if a.Port < 1 || a.Port > 65535 {
		return nil, fmt.Errorf("port %d is not 1 to 65535", a.Port)
	}
	txt, err := buildTXT(record{ID: a.ID, Title: a.Title, TitleZH: a.TitleZH, Teams: a.Teams, Protocol: a.Protocol})
	if err != nil {
		return nil, err
	}
	for i := range txt {
		txt[i] = escapeTXT(txt[i])
	}
	return txt, nil
}

func advertise(a Announcement, txt []string, cands []candidate) (*Advertiser, error) {
	ips := advertisedIPs(cands)
	host := hostLabel() + "." + Domain
	svc, err := mdns.NewMDNSService(instanceName(a.ID), ServiceType, Domain, host, a.Port, ips, txt)
	if err != nil {
		return nil, fmt.Errorf("discovery: advertise exercise %q: %w", a.ID, err)
	}
	logger := libLogger(a.Logf)
	adv := &Advertiser{ips: ips}
	var errs []error
	for _, c := range cands {
		ifi := c.ifi // the server keeps the pointer
		// One responder per interface: without Iface the library joins the
		// multicast group on the default interface only.
		s, err := mdns.NewServer(&mdns.Config{Zone: svc, Iface: &ifi, Logger: logger})
		if err != nil {
			errs = append(errs, fmt.Errorf("listen for mDNS queries on %s: %w", ifi.Name, err))
			continue
		}
		adv.servers = append(adv.servers, s)
		adv.ifaces = append(adv.ifaces, ifi.Name)
	}
	if len(adv.servers) == 0 {
		return nil, fmt.Errorf("discovery: advertise exercise %q: %w", a.ID, errors.Join(errs...))
	}
	if a.Logf != nil {
		for _, err := range errs {
			a.Logf("discovery: exercise %q is not advertised there: %v", a.ID, err)
		}
	}
	return adv, nil
}

// Interfaces names the network interfaces the exercise is advertised on.
func (a *Advertiser) Interfaces() []string {
	return slices.Clone(a.ifaces)
}

// Close stops answering queries; laptops that browse afterwards no longer
// find the exercise. Closing again does nothing.
func (a *Advertiser) Close() error {
	a.once.Do(func() {
		var errs []error
		for i, s := range a.servers {
			if err := s.Shutdown(); err != nil {
				errs = append(errs, fmt.Errorf("discovery: stop answering on %s: %w", a.ifaces[i], err))
			}
		}
		a.err = errors.Join(errs...)
	})
	return a.err
}

// instanceName is the DNS-SD instance label of an exercise.
func instanceName(id string) string { return "firebreak-" + id }

// advertisedIPs lists the interfaces' addresses, IPv4 first, without
// duplicates, at most maxAddrs. Every responder answers with all of them:
// on Linux each one hears the queries of every interface, so it cannot tell
// which interface a query came in on.
func advertisedIPs(cands []candidate) []net.IP {
	var ips []net.IP
	add := func(list func(candidate) []net.IP) {
		for _, c := range cands {
			for _, ip := range list(c) {
				if len(ips) < maxAddrs && !slices.ContainsFunc(ips, ip.Equal) {
					ips = append(ips, ip)
				}
			}
		}
	}
	add(func(c candidate) []net.IP { return toIPs(c.v4) })
	add(func(c candidate) []net.IP { return toIPs(c.v6) })
	return ips
}

// hostLabel is this laptop's name as one DNS label, which the library then
// answers A and AAAA queries for under local. — the same name the OS's own
// mDNS responder (Avahi, Bonjour) uses, with the same addresses.
func hostLabel() string {
	name, _ := os.Hostname()
	name, _, _ = strings.Cut(name, ".")
	label := strings.Map(func(r rune) rune {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == '-':
			return r
		}
		return '-'
	}, name)
	if len(label) > 63 {
		label = label[:63]
	}
	label = strings.Trim(label, "-")
	if label == "" {
		return "firebreak-host"
	}
	return label
}

// libLogger routes the library's log lines to logf, or drops them: by
// default it would write to the standard logger, that is the app's stderr.
func libLogger(logf func(format string, args ...any)) *log.Logger {
	if logf == nil {
		return log.New(io.Discard, "", 0)
	}
	return log.New(logfWriter(logf), "", 0)
}

type logfWriter func(format string, args ...any)

func (f logfWriter) Write(p []byte) (int, error) {
	f("%s", strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func toIPs(addrs []netip.Addr) []net.IP {
	ips := make([]net.IP, len(addrs))
	for i, a := range addrs {
		ips[i] = net.IP(a.AsSlice())
	}
	return ips
}
