package join

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/firebreak-drills/firebreak/app/evaluate"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// An evaluator's laptop: joined with the evaluator code (the long form the
// facilitator's join tab shows) and the evaluator's name, it shows the
// evaluator's view (app/evaluate) on the connection. As a role-player's
// laptop does (roleplayer.go), it remembers what it joined (Saved, with
// Evaluator and its claim) and its ticks, ratings and observations on
// their way (Saved.Pending): a restarted laptop rejoins under the same
// name by itself and sends them again with their ids, so each counts once.

// evalScreen is an evaluator laptop's screen.
type evalScreen struct {
	laptop
	view *evaluate.View
}

func newEvalScreen(host Host, cfg Config, conn Conn, address string) *evalScreen {
	r := &evalScreen{laptop: newLaptop(host, conn, address)}
	r.start(cfg, r.refresh)
	return r
}

// seat is the evaluator's name the laptop joined as.
func (r *evalScreen) seat() string {
	if s, ok := r.conn.(interface{ Seat() string }); ok {
		return s.Seat()
	}
	return r.conn.Team()
}

// resend sends again the commands a previous run of the app left on their
// way, with their ids: the facilitator's laptop applies each once.
func (r *evalScreen) resend(pending []PendingChoice) {
	var cmds []engine.Command
	for _, p := range pending {
		if engine.IsEvalCommand(p.Kind) {
			cmds = append(cmds, p.command(r.seat()))
		}
	}
	r.view.Resend(cmds)
}

func (r *evalScreen) Build() fyne.CanvasObject {
	loc := r.host.Loc()
	seat := r.seat()
	if r.view == nil {
		r.view = evaluate.New(r.host, r.conn, seat, overNetwork)
		r.view.SetPending(keepPending)
	} else {
		r.view.RestoreDraft(r.view.Draft()) // in the language shown now
	}
	r.setTitle(loc)
	top := r.top(loc, theme.VisibilityIcon(), loc.T("lan.eval.connected", "seat", seat, "address", r.address),
		loc.T("lan.eval.lost"), loc.T("lan.eval.leave_confirm"))
	r.refresh()
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, r.view.Root())
}

func (r *evalScreen) refresh() {
	if r.stopped || r.view == nil {
		return
	}
	r.view.Refresh()
	r.showBanners()
}

func (r *evalScreen) Stop() {
	if r.stop() {
		if r.view != nil {
			r.view.Stop()
		}
		go r.conn.Close()
	}
}
