package play

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// The console's press conference dialog: the facilitator (or the
// role-player at the console) starts one of the scenario's conferences for
// a team or every team, and may type a question of their own, which joins
// the queue; for a conference already running it adds the question.

// hasPress reports whether the scenario has press conferences.
func (c *console) hasPress() bool {
	has := false
	c.conn.Read(func(st *engine.State) { has = st.Scenario != nil && len(st.Scenario.PressConferences) > 0 })
	return has
}

// pressForm is the dialog's fields.
type pressForm struct {
	conf, team *widget.Select
	from       *widget.Entry
	question   *widget.Entry
	confs      []*scenario.PressConference
	teams      []string
}

// openPress opens the press conference dialog.
func (c *console) openPress() {
	loc := c.loc
	f := c.newPressForm()
	content := container.NewVBox(
		widget.NewLabel(loc.T("press.form_conference")), f.conf,
		widget.NewLabel(loc.T("press.form_team")), f.team,
		widget.NewLabel(loc.T("press.form_from")), f.from,
		widget.NewLabel(loc.T("press.form_question")), f.question,
		ui.Muted(loc.T("press.form_help")))
	d := dialog.NewCustomConfirm(loc.T("press.form_title"), loc.T("press.form_send"), loc.T("common.cancel"), content, func(ok bool) {
		if ok {
			c.send(f.command())
		}
	}, c.win)
	d.Resize(fyne.NewSize(520, 0))
	ui.WithKeys(c.win, d, func() {})
	d.Show()
}

// newPressForm makes the dialog's fields: the scenario's conferences, the
// teams (all, or one), the reporter and the question.
func (c *console) newPressForm() *pressForm {
	loc := c.loc
	f := &pressForm{from: widget.NewEntry(), question: widget.NewMultiLineEntry()}
	lang := loc.Lang().String()
	c.conn.Read(func(st *engine.State) {
		if st.Lang != "" {
			lang = st.Lang // the scenario's words in the exercise's language
		}
		f.confs = st.Scenario.PressConferences
		for _, t := range st.Teams {
			f.teams = append(f.teams, t.Name)
		}
	})
	var titles []string
	for _, pc := range f.confs {
		titles = append(titles, pc.Title.Get(lang))
	}
	f.conf = widget.NewSelect(titles, nil)
	f.conf.SetSelectedIndex(0)
	f.team = widget.NewSelect(append([]string{loc.T("press.form_all_teams")}, f.teams...), nil)
	f.team.SetSelectedIndex(0)
	f.from.SetPlaceHolder(loc.T("press.form_from_placeholder"))
	f.question.SetPlaceHolder(loc.T("press.form_question_placeholder"))
	f.question.SetMinRowsVisible(3)
	f.question.Wrapping = fyne.TextWrapWord
	return f
}

// command is the engine command the form asks for.
func (f *pressForm) command() engine.Command {
	cmd := engine.Command{Kind: engine.CmdPress, Text: strings.TrimSpace(f.question.Text), From: strings.TrimSpace(f.from.Text)}
	if i := f.conf.SelectedIndex(); i >= 0 && i < len(f.confs) {
		cmd.Conference = f.confs[i].ID
	}
	if i := f.team.SelectedIndex(); i > 0 {
		cmd.Team = f.teams[i-1]
	}
	return cmd
}
