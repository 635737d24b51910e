package join

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"

	"github.com/firebreak-drills/firebreak/app/play"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// A role-player's laptop: joined with the role-player code (the long form
// the facilitator's join tab shows) and a seat's name, it shows the
// role-player panel (play.RolePanel) on the connection. Its commands carry
// the seat and go once per id, retried until the host answers; it is not
// remembered for a rejoin after a restart (joining again is the same two
// fields).

// submitRole checks the role-player's form: the long code (the laptop does
// not pair) and a seat's name, each problem beside its field.
func (j *Screen) submitRole(addr, bundle string, codeErr error) {
	loc := j.host.Loc()
	if codeErr != nil || bundle == "" {
		j.codeErr = loc.T("lan.join.error.role_code")
	}
	seat := strings.TrimSpace(j.team)
	switch {
	case seat == "":
		j.teamErr = loc.T("lan.join.error.no_seat")
	case seat == engine.SeatFacilitator || len([]rune(seat)) > engine.MaxSeatLen || strings.IndexFunc(seat, unicode.IsControl) >= 0:
		j.teamErr = loc.T("lan.join.error.seat", "n", engine.MaxSeatLen)
	}
	if j.addrErr != "" || j.codeErr != "" || j.teamErr != "" {
		j.host.Show(j)
		return
	}
	j.address, j.team, j.rejoin = addr, seat, nil
	j.connect(Request{Address: addr, Bundle: bundle, Team: seat, Roleplayer: true})
}

// roleScreen is a role-player laptop's screen: who it is and where, the
// connection's state, and the panel.
type roleScreen struct {
	host    Host
	conn    Conn
	address string
	panel   *play.RolePanel
	ticker  *ui.ClockTicker
	lost    *ui.Banner
	stopped bool
	bg      func(func())
}

func newRoleScreen(host Host, cfg Config, conn Conn, address string) *roleScreen {
	r := &roleScreen{host: host, conn: conn, address: address, bg: cfg.Background}
	if cfg.TickEvery > 0 {
		r.ticker = ui.StartClockTicker(cfg.TickEvery, func() { ui.Do(r.refresh) })
	}
	return r
}

func (r *roleScreen) Build() fyne.CanvasObject {
	loc := r.host.Loc()
	seat := r.conn.Team()
	if s, ok := r.conn.(interface{ Seat() string }); ok {
		seat = s.Seat()
	}
	r.panel = play.NewRolePanel(r.conn, seat, loc, r.bg)
	var title string
	r.conn.Read(func(st *engine.State) {
		if st.Scenario != nil {
			title = st.Scenario.Title.Get(loc.Lang().String())
		}
	})
	r.host.Window().SetTitle(loc.T("app.window_title", "scenario", title))
	r.lost = ui.NewBanner(loc.T("lan.team.lost"), theme.Color(theme.ColorNameError))
	leave := ui.NewIconButton(loc.T("lan.team.leave"), theme.LogoutIcon(), func() {
		dialog.ShowConfirm(loc.T("lan.team.leave"), loc.T("lan.role.leave_confirm"), func(ok bool) {
			if ok {
				r.host.ShowHome()
			}
		}, r.host.Window())
	})
	where := ui.IconLine(theme.MailComposeIcon(), loc.T("lan.role.connected", "seat", seat, "address", r.address))
	top := container.NewVBox(container.NewBorder(nil, nil, nil, leave, where), r.lost.Box)
	r.refresh()
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, r.panel.Root())
}

func (r *roleScreen) refresh() {
	if r.stopped || r.panel == nil {
		return
	}
	r.panel.Refresh()
	r.lost.SetVisible(!r.conn.Connected())
}

func (r *roleScreen) Stop() {
	if r.stopped {
		return
	}
	r.stopped = true
	if r.ticker != nil {
		r.ticker.Stop()
	}
	go r.conn.Close()
}
