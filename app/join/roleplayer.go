package join

import (
	"crypto/rand"
	"encoding/hex"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/firebreak-drills/firebreak/app/play"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// A role-player's laptop: joined with the role-player code (the long form
// the facilitator's join tab shows) and a seat's name, it shows the
// role-player panel (play.RolePanel) on the connection. Its commands carry
// the seat and go once per id, retried until the host answers. As a team
// laptop does, it remembers what it joined (Saved, with Roleplayer and its
// claim to the seat) and its commands on their way (Saved.Pending): a
// restarted laptop rejoins as the same seat by itself and sends them again
// with their ids, so each counts once. Another laptop holding the seat is
// said beside the seat's name (lan.ErrSeatTaken).

// submitRole checks the role-player's form: the long code (the laptop does
// not pair) and a seat's name, each problem beside its field.
func (j *Screen) submitRole(addr, bundle string, codeErr error) {
	loc := j.host.Loc()
	if codeErr != nil || bundle == "" {
		j.codeErr = loc.T("lan.join.error.role_code")
		if j.evaluator {
			j.codeErr = loc.T("lan.join.error.eval_code")
		}
	}
	seat := strings.TrimSpace(j.team)
	switch {
	case seat == "":
		j.teamErr = loc.T("lan.join.error.no_seat")
	case engine.CheckLaptopSeat(seat) != nil:
		j.teamErr = loc.T("lan.join.error.seat", "n", engine.MaxSeatLen)
	}
	if j.addrErr != "" || j.codeErr != "" || j.teamErr != "" {
		j.host.Show(j)
		return
	}
	// The laptop keeps its claim to a seat across its restarts and joins:
	// the seat it held is its own again.
	claim := ""
	if s, ok := LoadSaved(); ok && s.Roleplayer == j.roleplayer && s.Evaluator == j.evaluator {
		claim = s.Claim
	}
	if claim == "" {
		claim = newClaim()
	}
	j.address, j.team, j.rejoin = addr, seat, nil
	j.connect(Request{Address: addr, Bundle: bundle, Team: seat, Roleplayer: !j.evaluator, Evaluator: j.evaluator, Claim: claim})
}

// newClaim makes a laptop's claim to a seat: 128 random bits.
func newClaim() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// roleScreen is a role-player laptop's screen: who it is and where, the
// connection's state, and the panel.
type roleScreen struct {
	laptop
	panel *play.RolePanel
}

func newRoleScreen(host Host, cfg Config, conn Conn, address string) *roleScreen {
	r := &roleScreen{laptop: newLaptop(host, conn, address)}
	r.start(cfg, r.refresh)
	return r
}

// seat is the seat's name the laptop joined as.
func (r *roleScreen) seat() string {
	if s, ok := r.conn.(interface{ Seat() string }); ok {
		return s.Seat()
	}
	return r.conn.Team()
}

// resend sends again the commands a previous run of the app left on their
// way, with their ids: the facilitator's laptop applies each once.
func (r *roleScreen) resend(pending []PendingChoice) {
	var cmds []engine.Command
	for _, p := range pending {
		if isRoleKind(p.Kind) {
			cmds = append(cmds, p.command(r.seat()))
		}
	}
	r.panel.Resend(cmds)
}

func (r *roleScreen) Build() fyne.CanvasObject {
	loc := r.host.Loc()
	seat := r.seat()
	var draft *play.RoleDraft // what the composer held before a language switch
	if r.panel != nil {
		d := r.panel.Draft()
		draft = &d
	}
	r.panel = play.NewRolePanel(r.conn, seat, loc, overNetwork)
	r.panel.SetPending(keepPending)
	if draft != nil {
		r.panel.RestoreDraft(*draft)
	}
	r.setTitle(loc)
	top := r.top(loc, theme.MailComposeIcon(), loc.T("lan.role.connected", "seat", seat, "address", r.address),
		loc.T("lan.role.lost"), loc.T("lan.role.leave_confirm"))
	r.refresh()
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, r.panel.Root())
}

func (r *roleScreen) refresh() {
	if r.stopped || r.panel == nil {
		return
	}
	r.panel.Refresh()
	r.showBanners()
}

func (r *roleScreen) Stop() {
	if r.stop() {
		go r.conn.Close()
	}
}
