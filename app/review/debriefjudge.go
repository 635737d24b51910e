package review

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/judging"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
)

// debriefJudge lets the facilitator rate objectives, override scores and add
// notes after the exercise has ended, from the debrief. The judgement goes
// into the exercise's log like any other event, through a session resumed
// from the store; the debrief is rebuilt from the log afterwards.
type debriefJudge struct {
	d   *Debrief
	run *exercise.Running
	j   *judging.Judgement
}

// session resumes the exercise the first time it is needed.
func (dj *debriefJudge) session() (engine.Conn, error) {
	if dj.run == nil {
		run, err := exercise.Resume(dj.d.data.store, dj.d.data.id, engine.RealClock{}, exercise.EachEvent)
		if err != nil {
			return nil, err
		}
		dj.run = run
	}
	return dj.run.Session, nil
}

func (dj *debriefJudge) judgement() *judging.Judgement {
	conn, err := dj.session()
	if err != nil {
		dj.d.host.ShowError(err)
		return nil
	}
	if dj.j == nil {
		dj.j = judging.New(conn, dj.d.host.Window(), dj.d.host.Loc(), dj.d.host.Background(), func() {
			// The log changed: show the debrief again from it.
			dj.d.reload()
		})
	}
	return dj.j
}

// buttons returns the rate, override and note buttons for the debrief header.
func (dj *debriefJudge) buttons() fyne.CanvasObject {
	loc := dj.d.host.Loc()
	rate := ui.NewIconButton(loc.T("judge.rating_button"), theme.ListIcon(), func() {
		dj.pickTeam(func(team string) {
			if j := dj.judgement(); j != nil {
				j.OpenRating(team)
			}
		})
	})
	override := ui.NewIconButton(loc.T("judge.override_button"), theme.DocumentCreateIcon(), func() {
		dj.pickTeam(func(team string) {
			if j := dj.judgement(); j != nil {
				j.OpenOverride(team, "")
			}
		})
	})
	note := ui.NewIconButton(loc.T("judge.note_button"), theme.ContentAddIcon(), func() {
		if j := dj.judgement(); j != nil {
			j.OpenNote("")
		}
	})
	return container.NewHBox(rate, override, note)
}

// pickTeam asks which team, unless there is only one.
func (dj *debriefJudge) pickTeam(then func(team string)) {
	var teams []string
	for _, t := range dj.d.st.Teams {
		teams = append(teams, t.Name)
	}
	if len(teams) == 1 {
		then(teams[0])
		return
	}
	loc := dj.d.host.Loc()
	sel := widget.NewSelect(teams, nil)
	sel.SetSelected(teams[0])
	dialog.ShowCustomConfirm(loc.T("judge.pick_team"), loc.T("common.ok"), loc.T("common.cancel"), sel, func(ok bool) {
		if ok && sel.Selected != "" {
			then(sel.Selected)
		}
	}, dj.d.host.Window())
}
