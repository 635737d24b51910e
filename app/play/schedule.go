package play

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// The facilitator's live control of the schedule, in the console: each
// coming inject can be sent now, delayed or skipped, and each open decision's
// deadline extended. The engine logs each as an event (so a resume replays
// it and the debrief tells it) and refuses what it cannot do, with a reason
// ErrorText puts into words.

// scheduleSteps are the delays and extensions offered, in minutes of
// exercise time.
var scheduleSteps = []time.Duration{2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute}

// stepLabels names scheduleSteps in the UI language ("+5 min", "+5分钟").
func (c *console) stepLabels() []string {
	out := make([]string, len(scheduleSteps))
	for i, d := range scheduleSteps {
		out[i] = "+" + ui.FormatSpan(c.loc, d)
	}
	return out
}

// comingLine is a coming inject with the facilitator's controls: send it
// now, delay it, skip it (not one that opens a decision: the team would
// never get the question). An action applies to every team the line is for.
func (c *console) comingLine(g injectGroup, lang string) fyne.CanvasObject {
	loc := c.loc
	var notes []fyne.CanvasObject
	if g.delayed > 0 {
		notes = append(notes, ui.Muted(loc.T("schedule.delayed", "time", ui.FormatSpan(loc, g.delayed))))
	}
	if g.lapses {
		notes = append(notes, ui.Muted(loc.T("schedule.lapses")))
	}
	send := ui.NewIconButton(loc.T("schedule.send_now"), theme.MailSendIcon(), func() {
		c.sendEach(g.teams, engine.Command{Kind: engine.CmdSendNow, Inject: g.inject.ID})
	})
	send.Importance = widget.LowImportance
	delay := widget.NewSelect(c.stepLabels(), nil)
	delay.PlaceHolder = loc.T("schedule.delay")
	delay.OnChanged = func(string) {
		if i := delay.SelectedIndex(); i >= 0 {
			c.sendEach(g.teams, engine.Command{Kind: engine.CmdDelay, Inject: g.inject.ID, Delay: scheduleSteps[i]})
		}
	}
	skip := ui.NewIconButton(loc.T("schedule.skip"), theme.MediaSkipNextIcon(), func() { c.askSkip(g) })
	skip.Importance = widget.LowImportance
	if g.opens {
		skip.Disable()
		notes = append(notes, ui.Muted(loc.T("schedule.opens_decision")))
	}
	row := container.NewHBox(send, delay, skip)
	return injectLine(loc, g, lang, append(notes, row)...)
}

// askSkip skips a coming inject after a confirmation: it will not arrive
// in this visit of the phase.
func (c *console) askSkip(g injectGroup) {
	loc := c.loc
	msg := ui.Wrapped(loc.T("schedule.skip_confirm", "teams", ui.ListJoin(loc, g.teams),
		"channel", ui.ChannelName(loc, g.inject.Channel), "time", debrief.Clock(g.at)))
	d := dialog.NewCustomConfirm(loc.T("schedule.skip_title"), loc.T("schedule.skip"), loc.T("common.cancel"), msg, func(ok bool) {
		if ok {
			c.sendEach(g.teams, engine.Command{Kind: engine.CmdSkip, Inject: g.inject.ID})
		}
	}, c.win)
	d.Resize(fyne.NewSize(480, 0))
	ui.WithKeys(c.win, d, func() { d.Confirm() })
	d.Show()
}

// extendSelect extends an open decision's deadline for the team.
func (c *console) extendSelect(team string, od engine.OpenDecision) fyne.CanvasObject {
	s := widget.NewSelect(c.stepLabels(), nil)
	s.PlaceHolder = c.loc.T("schedule.extend")
	s.OnChanged = func(string) {
		if i := s.SelectedIndex(); i >= 0 {
			c.sendEach([]string{team}, engine.Command{Kind: engine.CmdExtend, Decision: od.Decision.ID, Delay: scheduleSteps[i]})
		}
	}
	return s
}

// sendEach sends cmd for each team, stopping at the first refusal, which
// it shows; then it redraws.
func (c *console) sendEach(teams []string, cmd engine.Command) {
	cmds := make([]engine.Command, len(teams))
	for i, t := range teams {
		cmds[i] = cmd
		cmds[i].Team = t
	}
	c.sendAll(cmds)
}
