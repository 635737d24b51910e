// Package discovery finds Firebreak exercises on the local network with
// multicast DNS service discovery (mDNS / DNS-SD, RFC 6762 and 6763), so a
// team laptop can pick an exercise from a list instead of typing the host's
// address.
//
// The facilitator's laptop advertises each hosted exercise (Advertise) as an
// instance of the service type _firebreak._tcp in the domain local.: the SRV
// record carries the port of the exercise's NATS server, the A and AAAA
// records the laptop's addresses, and the TXT record what a join screen
// shows — exercise id, titles, teams and protocol version. The TXT record
// never carries the join code or anything derived from it: everyone on the
// network can read it. Team laptops query on every multicast interface
// (Browse) and get the exercises with the addresses to try, the address the
// answer came from first.
//
// Advertising uses github.com/hashicorp/mdns's responder, one per interface.
// Browsing does not use that library's client, because it keeps only the
// last IPv4 and IPv6 address of an answer (which may be the one address the
// team laptop cannot reach), hides the address an answer came from, keeps
// writing to entries it has already handed out, gives up on IPv4 when
// sending over IPv6 fails, and cannot start at all on a machine without a
// default route (it joins the multicast group on the default interface),
// as on a venue network with no Internet. Browse sends the queries and
// reads the answers itself with github.com/miekg/dns, the library's own DNS
// codec.
//
// Multicast does not cross routers and is dropped by Wi-Fi networks with
// client isolation and by some firewalls; typing the host's address always
// works, which is why both functions say so when no interface can multicast.
package discovery

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"time"
)

const (
	// ServiceType is the DNS-SD service type of a Firebreak exercise.
	ServiceType = "_firebreak._tcp"
	// Domain is the multicast DNS domain exercises are advertised in.
	Domain = "local."
	// DefaultWait is how long Browse listens for answers when given no wait.
	DefaultWait = 2 * time.Second
)

// ErrNoMulticast means no network interface of this machine can send or
// receive multicast DNS, so exercises can be neither advertised nor found;
// the wrapping error lists the interfaces and why each was left out.
var ErrNoMulticast = errors.New("no network interface can find exercises by multicast DNS; connect to the exercise's network, or type the host's address instead")

// Exercise is an exercise found on the network.
type Exercise struct {
	ID        string   // exercise id
	Title     string   // English title, possibly shortened (ends in "…"); may be empty if TitleZH is not
	TitleZH   string   // Chinese title, possibly shortened (ends in "…"); may be empty if Title is not
	Teams     []string // team names, exactly as the host spells them, in the host's order
	MoreTeams bool     // the host has teams that did not fit in the advertisement
	Host      string   // the host laptop's mDNS name, e.g. "facilitator.local"
	Addrs     []string // "ip:port" to try in order: where the answer came from first, IPv4 before IPv6
	Protocol  int      // the host's lan protocol version; compare with lan.Protocol before joining
}

// candidate is a network interface that can carry mDNS, with the addresses
// worth advertising on it.
type candidate struct {
	ifi    net.Interface
	v4, v6 []netip.Addr
}

// ifaceAddrs is an interface as the OS reports it, kept apart from the
// lookup so that the choice can be tested with made-up interfaces.
type ifaceAddrs struct {
	ifi   net.Interface
	addrs []net.Addr
	err   error
}

// multicastInterfaces returns the interfaces to advertise and query on.
func multicastInterfaces() ([]candidate, error) {
	ifis, err := net.Interfaces()
	if err != nil {
		return nil, fmt.Errorf("list network interfaces: %w", err)
	}
	list := make([]ifaceAddrs, 0, len(ifis))
	for _, ifi := range ifis {
		addrs, err := ifi.Addrs()
		list = append(list, ifaceAddrs{ifi: ifi, addrs: addrs, err: err})
	}
	return pickInterfaces(list)
}

// pickInterfaces keeps the interfaces that are up, connected, multicast
// capable, neither loopback nor point-to-point (VPN tunnels do not carry
// link-local multicast), and have an IPv4 address. Browse queries over IPv4
// only, so an interface with IPv6 alone would be advertised on but never
// queried on; leaving it out keeps both sides the same.
func pickInterfaces(list []ifaceAddrs) ([]candidate, error) {
	var out []candidate
	var skipped []string
	for _, ia := range list {
		f := ia.ifi.Flags
		reason := ""
		switch {
		case f&net.FlagLoopback != 0:
			reason = "loopback"
		case f&net.FlagUp == 0:
			reason = "down"
		case f&net.FlagRunning == 0:
			reason = "not connected"
		case f&net.FlagMulticast == 0:
			reason = "no multicast"
		case f&net.FlagPointToPoint != 0:
			reason = "point-to-point"
		case ia.err != nil:
			reason = "addresses unreadable: " + ia.err.Error()
		}
		c := candidate{ifi: ia.ifi}
		if reason == "" {
			for _, a := range ia.addrs {
				ipn, ok := a.(*net.IPNet)
				if !ok {
					continue
				}
				ip, ok := netip.AddrFromSlice(ipn.IP)
				if !ok {
					continue
				}
				ip = ip.Unmap()
				switch {
				case ip.IsLoopback(), ip.IsMulticast(), ip.IsUnspecified():
				case ip.Is4():
					// 169.254/16 stays: on a venue network without DHCP it is all there is.
					c.v4 = append(c.v4, ip)
				case ip.IsGlobalUnicast():
					// Link-local IPv6 is left out: the other laptop would need
					// to know which of its interfaces the address belongs to.
					c.v6 = append(c.v6, ip)
				}
			}
			if len(c.v4) == 0 {
				reason = "no IPv4 address"
			}
		}
		if reason != "" {
			skipped = append(skipped, ia.ifi.Name+": "+reason)
			continue
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		if len(skipped) == 0 {
			return nil, fmt.Errorf("%w (this machine has no network interfaces)", ErrNoMulticast)
		}
		return nil, fmt.Errorf("%w (checked %s)", ErrNoMulticast, strings.Join(skipped, "; "))
	}
	return out, nil
}
