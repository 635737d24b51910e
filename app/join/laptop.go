package join

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// laptop is what a team's laptop and a role-player's laptop share while
// joined to an exercise: the connection and its banners, the watchers for
// the exercise's end and the connection's loss, the clock ticker, leaving
// and stopping. The screen that embeds it draws its own view and gives
// start the redraw that refreshes it.
type laptop struct {
	host    Host
	conn    Conn
	address string
	ticker  *ui.ClockTicker
	lost    *wrapBanner
	over    *wrapBanner
	ended   bool
	gone    bool
	stopped bool
	quit    chan struct{}
	redraw  func() // the screen's refresh
}

func newLaptop(host Host, conn Conn, address string) laptop {
	return laptop{host: host, conn: conn, address: address, quit: make(chan struct{})}
}

// start watches for the exercise's end and the connection's loss, and
// ticks the clock with cfg.TickEvery, each calling redraw on the UI
// goroutine, until stop.
func (l *laptop) start(cfg Config, redraw func()) {
	l.redraw = redraw
	go func() {
		select {
		case <-l.conn.Ended():
			ui.Do(l.onEnded)
		case <-l.quit:
		}
	}()
	go func() {
		select {
		case <-l.conn.Gone():
			ui.Do(l.onGone)
		case <-l.quit:
		}
	}()
	if cfg.TickEvery > 0 {
		l.ticker = ui.StartClockTicker(cfg.TickEvery, func() { ui.Do(redraw) })
	}
}

func (l *laptop) onEnded() {
	l.ended = true
	// The exercise is over: nothing to rejoin after a restart, unless
	// participants' forms are on their way (feedback.go).
	formsMu.Lock()
	if s, ok := LoadSaved(); ok && len(s.Forms) > 0 {
		s.Ended, s.Pending = true, nil
		storeSaved(&s)
	} else {
		storeSaved(nil)
	}
	formsMu.Unlock()
	l.redraw()
}

// onGone: the connection is closed for good, by the host (another laptop
// took the seat meanwhile, say): the laptop says why.
func (l *laptop) onGone() {
	if l.stopped || l.ended {
		return
	}
	l.gone = true
	l.redraw()
	loc := l.host.Loc()
	msg := loc.T("lan.team.gone")
	if why, ok := lanErrorText(loc, l.conn.Err()); ok {
		msg += " " + why
	}
	ui.ShowMessage(l.host.Window(), loc, loc.T("common.error"), msg)
}

// showBanners says whether the connection is up and whether the exercise
// is over.
func (l *laptop) showBanners() {
	l.lost.SetVisible(!l.ended && (l.gone || !l.conn.Connected()))
	l.over.SetVisible(l.ended)
}

// setTitle names the exercise's scenario in the window's title.
func (l *laptop) setTitle(loc *i18n.Localizer) {
	var title string
	l.conn.Read(func(st *engine.State) {
		if st.Scenario != nil {
			title = st.Scenario.Title.Get(loc.Lang().String())
		}
	})
	l.host.Window().SetTitle(loc.T("app.window_title", "scenario", title))
}

// top is the line above the view: where the laptop is (icon and words),
// the Leave button asking confirm first while the exercise runs, and the
// banners, made here with lostText.
func (l *laptop) top(loc *i18n.Localizer, icon fyne.Resource, where, lostText, confirm string) fyne.CanvasObject {
	l.lost = lostBanner(lostText)
	l.over = overBanner(loc.T("lan.team.over"))
	leave := ui.NewIconButton(loc.T("lan.team.leave"), theme.LogoutIcon(), func() {
		if l.ended {
			l.host.ShowHome()
			return
		}
		dialog.ShowConfirm(loc.T("lan.team.leave"), confirm, func(ok bool) {
			if ok {
				l.leave()
			}
		}, l.host.Window())
	})
	return container.NewVBox(container.NewBorder(nil, nil, nil, leave, ui.IconLine(icon, where)), l.lost.Box, l.over.Box)
}

// leave disconnects on purpose and goes home; the join screen still offers
// to rejoin (as the same team or seat).
func (l *laptop) leave() {
	if s, ok := LoadSaved(); ok && !l.ended {
		s.Left = true
		storeSaved(&s)
	}
	l.host.ShowHome()
}

// stop ends the watchers and the ticker; false when it had already.
// Closing the connection is the caller's, after its own clean-up.
func (l *laptop) stop() bool {
	if l.stopped {
		return false
	}
	l.stopped = true
	close(l.quit)
	if l.ticker != nil {
		l.ticker.Stop()
	}
	return true
}
