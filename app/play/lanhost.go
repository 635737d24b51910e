package play

import (
	"context"
	"errors"
	"io"
	"maps"
	"net"
	"slices"
	"strconv"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/lan"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// DefaultLANPort is where a facilitator's laptop listens for team laptops
// when the port is free (the NATS default, easy to type); otherwise the
// system picks one and the join screen shows it.
const DefaultLANPort = 4222

// Announcement is what the facilitator's laptop tells the local network
// about its exercise (mDNS): never the join code.
type Announcement struct {
	ID    string
	Title scenario.Text
	Teams []string
	Port  int
}

// Hosting is the facilitator's side of an exercise played on several
// laptops: the exercise's network host, its clock heartbeat and its
// announcement on the local network.
type Hosting struct {
	host     *lan.Host
	addrs    []string // addresses a team laptop can type, best first
	moved    bool     // resumed on another port than the teams knew
	announce error    // why the exercise is not announced on the local network; nil when it is
	// adv is the announcement, opened and closed off the UI goroutine
	// (reannounce, Close), under advMu; advClosed: the hosting has closed.
	advMu     sync.Mutex
	adv       io.Closer
	advClosed bool
	advertise func(Announcement) (io.Closer, error)
	ann       Announcement
	cancel    context.CancelFunc
	done      chan struct{} // the heartbeat has stopped
	closeOnce sync.Once
}

// StartHosting serves a running exercise to team laptops. A new host
// listens on DefaultLANPort, or on a port the system picks when that one is
// taken; a resumed host comes back on the address, certificate and code it
// had, so the team laptops find it again.
func StartHosting(run *exercise.Running, dir string, advertise func(Announcement) (io.Closer, error), logf func(string, ...any)) (*Hosting, error) {
	resumed := lan.HostedIn(dir)
	listen := net.JoinHostPort("0.0.0.0", strconv.Itoa(DefaultLANPort))
	if resumed {
		listen = "0.0.0.0:0" // port 0: the one it had
	}
	cfg := lan.HostConfig{Listen: listen, Dir: dir, Linger: 10 * time.Second, Logf: logf}
	h, err := lan.NewHost(run, cfg)
	moved := false
	switch {
	case err != nil && !resumed:
		// The usual port is taken (another exercise on this laptop, or
		// another program): any free port does, the screen shows it.
		cfg.Listen = "0.0.0.0:0"
		h, err = lan.NewHost(run, cfg)
	case err != nil:
		// The port the teams know is taken now. Serving elsewhere beats
		// not serving: the screen says the address changed, and the
		// laptops join again at the new one (their choices are kept).
		if free, ferr := freePort(); ferr == nil {
			cfg.Listen = net.JoinHostPort("0.0.0.0", strconv.Itoa(free))
			if h2, err2 := lan.NewHost(run, cfg); err2 == nil {
				h, err, moved = h2, nil, true
			}
		}
	}
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	hs := &Hosting{host: h, cancel: cancel, done: make(chan struct{}), moved: moved}
	_, port, _ := net.SplitHostPort(h.Address())
	hs.addrs = localAddresses(port)
	go func() {
		defer close(hs.done)
		h.Heartbeat(ctx)
	}()
	hs.advertise = advertise
	p, _ := strconv.Atoi(port)
	var title scenario.Text
	run.Session.Read(func(s *engine.State) { title = s.Scenario.Title })
	hs.ann = Announcement{ID: h.Exercise(), Title: title, Teams: h.Teams(), Port: p}
	hs.announce = hs.reannounce()
	return hs, nil
}

// ErrNoAnnounceNetwork is what the announcer says (wrapped) when no
// network of this laptop can carry an announcement (multicast DNS), and
// ErrNoDiscovery when this build has no announcer.
var (
	ErrNoAnnounceNetwork = errors.New("no network of this laptop can carry an announcement")
	ErrNoDiscovery       = errors.New("discovery is not available in this build")
)

// announceErrorText says in the UI's language why the exercise is not
// announced: the two reasons it knows, or the announcer's own words.
func announceErrorText(loc *i18n.Localizer, err error) string {
	switch {
	case errors.Is(err, ErrNoAnnounceNetwork):
		return loc.T("lan.host.not_announced_no_multicast")
	case errors.Is(err, ErrNoDiscovery):
		return loc.T("lan.host.not_announced_no_discovery")
	}
	return loc.T("lan.host.not_announced", "error", ui.ErrorText(loc, err))
}

// reannounce (re)announces the exercise on the networks this laptop is on,
// unless the hosting has closed, and says why it is not announced (nil:
// it is). It opens and closes network listeners: not on the UI goroutine
// once the exercise runs.
func (hs *Hosting) reannounce() error {
	hs.advMu.Lock()
	defer hs.advMu.Unlock()
	if hs.advClosed {
		return nil
	}
	if hs.adv != nil {
		_ = hs.adv.Close()
		hs.adv = nil
	}
	if hs.advertise == nil {
		return ErrNoDiscovery
	}
	var err error
	hs.adv, err = hs.advertise(hs.ann)
	return err
}

// readdress takes up the laptop's addresses when they differ from known
// (it joined or left a network since the exercise started): it announces
// the exercise on them, off the UI goroutine, and returns them with the
// change the UI goroutine makes (apply: the addresses shown, the
// announcement's error); ok is false when nothing changed.
func (hs *Hosting) readdress(known []string) (now []string, apply func(), ok bool) {
	_, port, _ := net.SplitHostPort(hs.host.Address())
	now = localAddresses(port)
	if slices.Equal(now, known) {
		return known, nil, false
	}
	err := hs.reannounce()
	return now, func() { hs.addrs, hs.announce = now, err }, true
}

// onlyLoopback says whether this laptop offers nothing but its loopback
// address: it is on no network.
func onlyLoopback(addrs []string) bool {
	for _, a := range addrs {
		host, _, err := net.SplitHostPort(a)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			return false
		}
	}
	return true
}

// freePort asks the system for a free TCP port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// localAddresses lists this machine's addresses that a team laptop on the
// same network could dial, with port: IPv4 addresses of interfaces that are
// up, not loopback; loopback only when there is nothing else (a laptop
// with no network can still rehearse with a second window).
func localAddresses(port string) []string {
	var out []string
	ifaces, _ := net.Interfaces()
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := ifc.Addrs()
		for _, a := range addrs {
			n, ok := a.(*net.IPNet)
			if !ok || n.IP.To4() == nil || n.IP.IsLinkLocalUnicast() {
				continue
			}
			out = append(out, net.JoinHostPort(n.IP.String(), port))
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) == 0 {
		out = []string{net.JoinHostPort("127.0.0.1", port)}
	}
	return out
}

// Close stops serving. After the end it first waits (in the background, at
// most a quarter of a minute) until the teams have seen the ending.
func (hs *Hosting) Close(ended bool) {
	hs.closeOnce.Do(func() {
		hs.advMu.Lock()
		if hs.adv != nil {
			_ = hs.adv.Close()
			hs.adv = nil
		}
		hs.advClosed = true
		hs.advMu.Unlock()
		stop := func() {
			hs.cancel()
			<-hs.done
			hs.host.Close()
		}
		if !ended {
			stop()
			return
		}
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
			defer cancel()
			_ = hs.host.Finish(ctx)
			stop()
		}()
	})
}

// Exercise is the id of the exercise served.
func (hs *Hosting) Exercise() string { return hs.host.Exercise() }

// OpenFeedback has the team laptops offer the participant feedback form
// (the exercise has ended); anonymous is the facilitator's choice, asked
// for each form.
func (hs *Hosting) OpenFeedback(anonymous func() bool) { hs.host.OpenFeedback(anonymous) }

// formatJoinCode spaces a join code in the middle for reading aloud and
// from across a room ("K7M 3QX"); people may type it either way.
func formatJoinCode(code string) string {
	if len(code) != lan.CodeLen {
		return code
	}
	return code[:3] + " " + code[3:]
}

// joinPanel shows what team laptops need to join: the code and the
// addresses in type large enough to read across a room, how to join, and
// which teams are in. The exercise screen has one in a tab; the projector
// window has a bigger one.
type joinPanel struct {
	loc   *i18n.Localizer
	hs    *Hosting
	root  fyne.CanvasObject
	code  *canvas.Text
	count *canvas.Text
	teams *fyne.Container
	shown []string // teams present when last drawn
	scale float32
	// seats are the role-player seats connected (the tab only: never on
	// the projector), as last drawn.
	seats      *ui.WrapLabel
	shownSeats []string
	// evalSeats are the evaluators connected, likewise.
	evalSeats      *ui.WrapLabel
	shownEvalSeats []string
}

// newJoinPanel lays the panel out; scale 1 for the tab, more for a
// projector.
func newJoinPanel(loc *i18n.Localizer, hs *Hosting, scale float32, projector func()) *joinPanel {
	p := &joinPanel{loc: loc, hs: hs, scale: scale}
	fg := theme.Color(theme.ColorNameForeground)
	big := func(text string, size float32) *canvas.Text {
		t := canvas.NewText(text, fg)
		t.TextSize = size * scale
		t.TextStyle = fyne.TextStyle{Bold: true, Monospace: true}
		t.Alignment = fyne.TextAlignCenter
		return t
	}
	caption := func(text string) fyne.CanvasObject {
		t := canvas.NewText(text, theme.Color(theme.ColorNamePlaceHolder))
		t.TextSize = 18 * scale
		t.Alignment = fyne.TextAlignCenter
		return t
	}
	p.code = big(formatJoinCode(hs.host.Code()), 96)
	objs := []fyne.CanvasObject{caption(loc.T("lan.host.code")), p.code, caption(loc.T("lan.host.address"))}
	if hs.moved {
		l := ui.Wrapped(loc.T("lan.host.moved"))
		l.Importance, l.Alignment = widget.WarningImportance, fyne.TextAlignCenter
		objs = append(objs, l)
	}
	for _, a := range hs.addrs {
		objs = append(objs, big(a, 44))
	}
	p.teams = container.NewHBox()
	p.count = canvas.NewText("", fg)
	p.count.TextSize = 22 * scale
	p.count.Alignment = fyne.TextAlignCenter
	objs = append(objs, widget.NewSeparator(), p.count, container.NewCenter(p.teams))
	if projector != nil {
		steps := ui.Wrapped(loc.T("lan.host.steps"))
		steps.Alignment = fyne.TextAlignCenter
		found := ui.Wrapped(loc.T("lan.host.announced"))
		switch {
		case onlyLoopback(hs.addrs):
			// The usual cause of "nobody can join" at a venue: the
			// facilitator's laptop is not on the Wi-Fi (yet).
			found.SetText(loc.T("lan.host.no_network"))
			found.Importance = widget.DangerImportance
		case hs.announce != nil:
			found.SetText(announceErrorText(loc, hs.announce))
			found.Importance = widget.WarningImportance
		}
		found.Alignment = fyne.TextAlignCenter
		show := ui.NewIconButton(loc.T("lan.host.projector"), theme.ComputerIcon(), projector)
		// The long code needs no pairing: for a laptop turned away while
		// someone floods the network with pairing attempts.
		long := widget.NewLabelWithStyle(hs.host.Bundle().String(), fyne.TextAlignCenter, fyne.TextStyle{Monospace: true})
		long.Selectable = true
		objs = append(objs, steps, found, container.NewCenter(show), widget.NewSeparator(),
			ui.Faint(loc.T("lan.host.long_code"), fyne.TextAlignCenter), long)
		// The role-player code: never shown on the projector (the wall
		// draws this panel without these lines).
		role := widget.NewLabelWithStyle(hs.host.RoleBundle().String(), fyne.TextAlignCenter, fyne.TextStyle{Monospace: true})
		role.Selectable = true
		p.seats = ui.Muted("")
		p.seats.Alignment = fyne.TextAlignCenter
		objs = append(objs, ui.Faint(loc.T("lan.host.role_code"), fyne.TextAlignCenter), role, p.seats)
		// The evaluator code, likewise never on the projector.
		eval := widget.NewLabelWithStyle(hs.host.EvalBundle().String(), fyne.TextAlignCenter, fyne.TextStyle{Monospace: true})
		eval.Selectable = true
		p.evalSeats = ui.Muted("")
		p.evalSeats.Alignment = fyne.TextAlignCenter
		objs = append(objs, ui.Faint(loc.T("lan.host.eval_code"), fyne.TextAlignCenter), eval, p.evalSeats)
	}
	p.root = container.NewVBox(objs...)
	p.refresh()
	return p
}

// refresh redraws the teams' chips when who has joined changed.
func (p *joinPanel) refresh() {
	if p.seats != nil {
		// Which role-player laptops are connected, by seat: each seat's
		// actions are logged under its name (one laptop per seat).
		seats := p.hs.host.Seats()
		if p.shownSeats == nil || !slices.Equal(seats, p.shownSeats) {
			p.shownSeats = append([]string{}, seats...)
			if len(seats) == 0 {
				p.seats.SetText(p.loc.T("lan.host.no_seats"))
			} else {
				p.seats.SetText(p.loc.T("lan.host.seats", "seats", ui.ListJoin(p.loc, seats)))
			}
		}
	}
	if p.evalSeats != nil {
		seats := p.hs.host.EvalSeats()
		if p.shownEvalSeats == nil || !slices.Equal(seats, p.shownEvalSeats) {
			p.shownEvalSeats = append([]string{}, seats...)
			if len(seats) == 0 {
				p.evalSeats.SetText(p.loc.T("lan.host.no_eval_seats"))
			} else {
				p.evalSeats.SetText(p.loc.T("lan.host.eval_seats", "seats", ui.ListJoin(p.loc, seats)))
			}
		}
	}
	present := p.hs.host.Present()
	if p.shown != nil && slices.Equal(present, p.shown) {
		return
	}
	p.shown = append([]string{}, present...)
	p.count.Text = p.loc.T("lan.host.count", "n", len(present), "of", len(p.hs.host.Teams()))
	p.count.Refresh()
	var chips []fyne.CanvasObject
	for _, t := range p.hs.host.Teams() {
		icon, key := theme.MediaRecordIcon(), "lan.host.waiting"
		if slices.Contains(present, t) {
			icon, key = theme.NewSuccessThemedResource(theme.ConfirmIcon()), "lan.host.joined"
		}
		// Canvas text, not a label: it scales with the panel (a projector
		// shows the chips twice as large).
		l := canvas.NewText(p.loc.T(key, "team", t), theme.Color(theme.ColorNameForeground))
		l.TextSize, l.TextStyle = 16*p.scale, fyne.TextStyle{Bold: true}
		side := 20 * p.scale
		chips = append(chips, container.NewPadded(container.NewHBox(container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(side), widget.NewIcon(icon))), container.NewCenter(l))))
	}
	p.teams.Objects = chips
	p.teams.Refresh()
}

// followPresence redraws panels when a team joins, until stop is closed.
func followPresence(h *lan.Host, stop <-chan struct{}, redraw func()) {
	go func() {
		ch := h.PresenceChanged()
		for {
			select {
			case <-stop:
				return
			case <-ch:
				// Take the next channel before drawing, so a join that
				// comes while the panel redraws is not missed.
				ch = h.PresenceChanged()
				ui.Do(redraw)
			}
		}
	}()
}

// followNetwork looks every two seconds, until stop is closed, whether a
// team's laptop connected or dropped out (joins are heard at once by
// followPresence; a dropped laptop is noticed by the server's pings, so two
// seconds is soon enough) and whether this laptop's addresses changed (a
// facilitator who started before joining the venue's Wi-Fi, or whose
// address the router changed), and calls laptops or addrs when they did,
// on the UI goroutine. A new address is announced here, off that goroutine
// (readdress); addrs runs once the hosting has taken it up.
func followNetwork(hs *Hosting, stop <-chan struct{}, laptops, addrs func()) {
	lastAddrs := slices.Clone(hs.addrs)
	go func() {
		t := time.NewTicker(2 * time.Second)
		defer t.Stop()
		var lastLaptops map[string]int
		var lastSeats []string
		for {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			now, seats := hs.host.Laptops(), append(hs.host.Seats(), hs.host.EvalSeats()...)
			if !maps.Equal(now, lastLaptops) || !slices.Equal(seats, lastSeats) {
				lastLaptops, lastSeats = now, seats
				ui.Do(laptops)
			}
			if now, apply, ok := hs.readdress(lastAddrs); ok {
				lastAddrs = now
				ui.Do(func() {
					apply()
					addrs()
				})
			}
		}
	}()
}
