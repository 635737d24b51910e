// Package judging is the facilitator's judgement: ad-hoc injects, observer
// notes, score overrides and HSEEP ratings of the objectives. Each is a
// dialog that checks what was typed, says beside the field what is wrong
// (nothing is sent then), and shows the engine's refusal when there is one
// (an inject after the exercise ended). The dialogs only need an
// engine.Conn, so they work during play (the console) and, on a session
// resumed after the end, afterwards (the debrief).
package judging

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/scoring"
)

// Judgement opens the dialogs on one exercise.
type Judgement struct {
	conn  engine.Conn
	win   fyne.Window
	loc   *i18n.Localizer
	after func() // runs after a command was accepted (a redraw)
	// background sends the forms' commands (an fsync each) off the UI
	// goroutine; the form waits, its button disabled, for the answer.
	background func(func())

	// The dialog last opened of each kind, which Close hides.
	inject   *injectDialog
	note     *noteDialog
	override *overrideDialog
	rating   *ratingDialog
}

// New is the judgement of the exercise behind conn, whose dialogs open over
// win in loc's language and send their commands through background (off
// the UI goroutine); after runs once a command was accepted (the caller
// redraws).
func New(conn engine.Conn, win fyne.Window, loc *i18n.Localizer, background func(func()), after func()) *Judgement {
	return &Judgement{conn: conn, win: win, loc: loc, background: background, after: after}
}

// SendInOrder sends commands in order, stopping at the first refusal,
// which it returns.
func SendInOrder(conn engine.Conn, cmds []engine.Command) error {
	for _, cmd := range cmds {
		if err := conn.Send(cmd); err != nil {
			return err
		}
	}
	return nil
}

// Close hides any dialog still open.
func (j *Judgement) Close() {
	var open []*formDialog
	if j.inject != nil {
		open = append(open, j.inject.formDialog)
	}
	if j.note != nil {
		open = append(open, j.note.formDialog)
	}
	if j.override != nil {
		open = append(open, j.override.formDialog)
	}
	if j.rating != nil {
		open = append(open, j.rating.formDialog)
	}
	for _, f := range open {
		if f != nil && f.dlg != nil {
			f.dlg.Hide()
		}
	}
}

// Plain checks, tested without a window.

var scoreText = regexp.MustCompile(`^[+-]?[0-9]+([.,][0-9]+)?$`)

// parseScore reads a score typed by the facilitator: a number from 0 to 100
// (a decimal comma and full-width digits, as a Chinese input method types
// them, are accepted). The error is a translation key.
func parseScore(s string) (float64, string) {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．' || r == '。':
			return '.'
		case r == '－':
			return '-'
		}
		return r
	}, strings.TrimSpace(s))
	if s == "" {
		return 0, "judge.err.value_empty"
	}
	if !scoreText.MatchString(s) {
		return 0, "judge.err.value_number"
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, "judge.err.value_number"
	}
	if v < 0 || v > 100 {
		return 0, "judge.err.value_range"
	}
	return v, ""
}

// checkText checks a required or optional text; the error is a translation
// key.
func checkText(s string, required bool) string {
	switch {
	case required && strings.TrimSpace(s) == "":
		return "judge.err.text_empty"
	case utf8.RuneCountInString(s) > engine.MaxStatementLen:
		return "judge.err.text_long"
	}
	return ""
}

// ScoreLine lists a team's scores; an overridden one shows the
// computed score, an arrow and the facilitator's, with an asterisk
// ("Empathy 58 → 40*").
func ScoreLine(loc *i18n.Localizer, s scoring.Scores, overrides map[string]engine.Override) (line string, overridden bool) {
	var parts []string
	for _, dim := range ui.AllDimensions() {
		o, ok := overrides[dim]
		var v string
		switch {
		case ok:
			v = fmt.Sprintf("%.0f → %.0f*", math.Round(o.Original), math.Round(o.Value))
			overridden = true
		case !s.Has[dim] && (dim == scoring.Consistency || dim == scoring.FollowUp):
			continue // no claims or promises yet: not worth a dash on the console
		default:
			v = ui.FormatScore(s, dim, s.Get(dim))
		}
		parts = append(parts, ui.DimensionName(loc, dim)+" "+v)
	}
	return strings.Join(parts, " · "), overridden
}

// formDialog is a dialog whose confirm button checks the form first and
// keeps the dialog open when something is wrong.
type formDialog struct {
	dlg     *dialog.CustomDialog
	ok      *ui.KeyButton // disabled while a command is on its way
	failure *ui.WrapLabel // the engine's refusal
}

func (j *Judgement) newForm(title, confirm string, content fyne.CanvasObject, submit func() bool, width, height float32) *formDialog {
	f := &formDialog{failure: fieldMsgLabel()}
	body := container.NewBorder(nil, f.failure, nil, nil, content)
	f.dlg = dialog.NewCustomWithoutButtons(title, body, j.win)
	cancel := ui.NewIconButton(j.loc.T("common.cancel"), theme.CancelIcon(), f.dlg.Hide)
	f.ok = ui.NewIconButton(confirm, theme.ConfirmIcon(), func() {
		if submit() {
			f.dlg.Hide()
			if j.after != nil {
				j.after()
			}
		}
	})
	f.ok.Importance = widget.HighImportance
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, f.ok})
	f.dlg.Resize(fyne.NewSize(width, height))
	f.dlg.Show()
	return f
}

// send sends a command; a refusal is shown in the dialog, which stays open.
// It reports whether the dialog may close now: false as well while the
// command is on its way in the background (the dialog then closes itself
// once it is stored).
func (j *Judgement) send(f *formDialog, cmd engine.Command) bool {
	return j.sendAll(f, []engine.Command{cmd})
}

// sendAll sends commands in order, stopping at the first refusal (see send).
func (j *Judgement) sendAll(f *formDialog, cmds []engine.Command) bool {
	run := func() error { return SendInOrder(j.conn, cmds) }
	answer := func(err error) bool {
		if err != nil {
			setFieldMsg(f.failure, j.loc.T("judge.refused", "reason", ui.ErrorText(j.loc, err)))
			return false
		}
		setFieldMsg(f.failure, "")
		return true
	}
	f.ok.Disable()
	ui.Then(j.background, run, func(err error) {
		f.ok.Enable()
		if answer(err) {
			f.dlg.Hide()
			if j.after != nil {
				j.after()
			}
		}
	})
	return false
}

// errorLabel is a message beside a field, hidden while empty.
func fieldMsgLabel() *ui.WrapLabel {
	l := ui.Wrapped("")
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

func setFieldMsg(l *ui.WrapLabel, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// msgKey shows the translation of an error key beside its field ("" clears).
func (j *Judgement) msgKey(l *ui.WrapLabel, key string) bool {
	if key == "" {
		setFieldMsg(l, "")
		return true
	}
	setFieldMsg(l, j.loc.T(key, "max", engine.MaxStatementLen))
	return false
}

// form lays out rows of label and field.
func judgeForm(rows ...fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewFormLayout(), rows...)
}

// beside puts a message to the right of a field, which keeps the width
// given (0: its own).
func msgBeside(field fyne.CanvasObject, width float32, msg *ui.WrapLabel) fyne.CanvasObject {
	if width > 0 {
		field = container.New(&fixedWidth{w: width}, field)
	}
	return container.NewBorder(nil, nil, field, nil, msg)
}

// below puts a message under a field (for multi-line entries).
func msgBelow(field fyne.CanvasObject, msg *ui.WrapLabel) fyne.CanvasObject {
	return container.NewVBox(field, msg)
}

func judgeFieldLabel(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
}

func judgeTextArea(placeholder string, rows int) *ui.SendEntry {
	e := ui.NewSendEntry()
	e.SetMinRowsVisible(rows)
	e.SetPlaceHolder(placeholder)
	return e
}

// teamChoices reads the teams' names.
func (j *Judgement) teamNames() []string {
	var out []string
	j.conn.Read(func(st *engine.State) {
		for _, t := range st.Teams {
			out = append(out, t.Name)
		}
	})
	return out
}

// (a) Ad-hoc inject.

type injectDialog struct {
	*formDialog
	teams      []string // "" first: all teams
	team       *widget.Select
	channel    *widget.Select
	text       *ui.SendEntry
	channelMsg *ui.WrapLabel
	textMsg    *ui.WrapLabel

	// Who it is from, which of the crisis cell's roles it is for, and how
	// it moves the world (all optional).
	from       *widget.SelectEntry
	roles      []*scenario.Role
	roleChecks []*widget.Check // one per role, in the scenario's order
	vars       []*scenario.Variable
	effects    []*widget.Entry // per variable: a change, or empty
	effectsMsg *ui.WrapLabel
}

// OpenInject asks for an ad-hoc inject to one team ("" preselects all).
func (j *Judgement) OpenInject(team string) {
	loc := j.loc
	d := &injectDialog{teams: append([]string{""}, j.teamNames()...), channelMsg: fieldMsgLabel(), textMsg: fieldMsgLabel()}
	teamLabels := []string{loc.T("judge.all_teams")}
	teamLabels = append(teamLabels, d.teams[1:]...)
	d.team = widget.NewSelect(teamLabels, nil)
	d.team.SetSelectedIndex(max(0, slices.Index(d.teams, team)))
	var chLabels []string
	for _, ch := range scenario.Channels {
		chLabels = append(chLabels, ui.ChannelName(loc, ch))
	}
	d.channel = widget.NewSelect(chLabels, func(string) { setFieldMsg(d.channelMsg, "") })
	d.channel.PlaceHolder = loc.T("judge.choose_channel")
	d.text = judgeTextArea(loc.T("judge.inject_placeholder"), 5)
	var senders []string
	lang := loc.Lang().String()
	j.conn.Read(func(st *engine.State) {
		if st.Lang != "" {
			lang = st.Lang
		}
		d.roles, d.vars = st.Scenario.Roles, st.Scenario.World
		// The scenario's own senders, to pick from: the reporter who
		// called, the regulator who wrote.
		for _, p := range st.Scenario.Phases {
			for _, in := range p.Injects {
				if f := in.From.Get(lang); f != "" && !slices.Contains(senders, f) {
					senders = append(senders, f)
				}
			}
		}
	})
	d.from = widget.NewSelectEntry(senders)
	d.from.SetPlaceHolder(loc.T("judge.from_placeholder"))
	rows := []fyne.CanvasObject{judgeFieldLabel(loc.T("judge.to")), d.team,
		judgeFieldLabel(loc.T("judge.channel")), msgBeside(d.channel, 260, d.channelMsg),
		judgeFieldLabel(loc.T("judge.from")), d.from}
	if len(d.roles) > 0 {
		// In three columns: a scenario's six roles in one row would be
		// wider than the dialog.
		grid := container.NewGridWithColumns(3)
		for _, r := range d.roles {
			c := widget.NewCheck(r.Label.Get(lang), nil)
			d.roleChecks = append(d.roleChecks, c)
			grid.Add(c)
		}
		rows = append(rows, judgeFieldLabel(loc.T("judge.roles")), grid)
	}
	rows = append(rows, judgeFieldLabel(loc.T("judge.inject_text")), msgBelow(d.text, d.textMsg))
	objs := []fyne.CanvasObject{ui.Muted(loc.T("judge.inject_help")), judgeForm(rows...)}
	if len(d.vars) > 0 {
		// The world effects, folded away: most injects only inform.
		d.effectsMsg = fieldMsgLabel()
		grid := container.NewGridWithColumns(4)
		for _, v := range d.vars {
			e := widget.NewEntry()
			e.SetPlaceHolder("±0")
			e.OnChanged = func(string) { setFieldMsg(d.effectsMsg, "") }
			d.effects = append(d.effects, e)
			grid.Add(widget.NewLabel(v.Label.Get(lang)))
			grid.Add(e)
		}
		acc := widget.NewAccordion(widget.NewAccordionItem(loc.T("judge.effects"),
			container.NewVBox(ui.Muted(loc.T("judge.effects_help")), grid, d.effectsMsg)))
		objs = append(objs, acc)
	}
	content := container.NewVScroll(container.NewVBox(objs...))
	content.SetMinSize(fyne.NewSize(600, 380))
	d.formDialog = j.newForm(loc.T("judge.inject_title"), loc.T("judge.inject_send"), content, func() bool { return j.submitInject(d) }, 640, 0)
	d.text.OnSend = d.ok.OnTapped // Ctrl+Enter
	j.inject = d

}

func (j *Judgement) submitInject(d *injectDialog) bool {
	i := d.channel.SelectedIndex()
	okCh := i >= 0 && i < len(scenario.Channels)
	if okCh {
		setFieldMsg(d.channelMsg, "")
	} else {
		setFieldMsg(d.channelMsg, j.loc.T("judge.err.channel"))
	}
	okText := j.msgKey(d.textMsg, checkText(d.text.Text, true))
	if !okCh || !okText {
		return false
	}
	effects := map[string]float64{}
	for k, e := range d.effects {
		t := strings.TrimSpace(strings.ReplaceAll(e.Text, "＋", "+"))
		if t == "" {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimPrefix(t, "+"), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			setFieldMsg(d.effectsMsg, j.loc.T("judge.err.effect", "value", t))
			return false
		}
		if v != 0 {
			effects[d.vars[k].ID] = v
		}
	}
	var to []string
	for k, c := range d.roleChecks {
		if c.Checked {
			to = append(to, d.roles[k].ID)
		}
	}
	team := ""
	if k := d.team.SelectedIndex(); k > 0 && k < len(d.teams) {
		team = d.teams[k]
	}
	cmd := engine.Command{Kind: engine.CmdInject, Team: team, Channel: scenario.Channels[i], Text: strings.TrimSpace(d.text.Text),
		From: strings.TrimSpace(d.from.Text), To: to}
	if len(effects) > 0 {
		cmd.Effects = effects
	}
	return j.send(d.formDialog, cmd)
}

// (b) Observer note.

type noteDialog struct {
	*formDialog
	teams     []string // "" first: the whole exercise
	team      *widget.Select
	decisions []string // "" first: none
	decision  *widget.Select
	text      *ui.SendEntry
	textMsg   *ui.WrapLabel
}

// OpenNote asks for an observer note, attached to the current exercise time
// and optionally a team ("" for none) and one of its decisions.
func (j *Judgement) OpenNote(team string) {
	loc := j.loc
	d := &noteDialog{teams: append([]string{""}, j.teamNames()...), textMsg: fieldMsgLabel()}
	teamLabels := append([]string{loc.T("judge.no_team")}, d.teams[1:]...)
	d.decision = widget.NewSelect(nil, nil)
	d.team = widget.NewSelect(teamLabels, func(string) { j.fillDecisions(d) })
	d.team.SetSelectedIndex(max(0, slices.Index(d.teams, team)))
	j.fillDecisions(d)
	d.text = judgeTextArea(loc.T("judge.note_placeholder"), 5)
	at := debrief.Clock(j.conn.ExerciseTime())
	content := container.NewVBox(
		ui.Muted(loc.T("judge.note_help", "time", at)),
		judgeForm(judgeFieldLabel(loc.T("judge.team")), d.team,
			judgeFieldLabel(loc.T("judge.decision")), d.decision,
			judgeFieldLabel(loc.T("judge.note_text")), msgBelow(d.text, d.textMsg)))
	d.formDialog = j.newForm(loc.T("judge.note_title"), loc.T("judge.note_save"), content, func() bool { return j.submitNote(d) }, 640, 0)
	d.text.OnSend = d.ok.OnTapped // Ctrl+Enter
	j.note = d

}

// fillDecisions offers the chosen team's open and answered decisions.
func (j *Judgement) fillDecisions(d *noteDialog) {
	loc := j.loc
	team := ""
	if k := d.team.SelectedIndex(); k > 0 && k < len(d.teams) {
		team = d.teams[k]
	}
	d.decisions = []string{""}
	labels := []string{loc.T("judge.no_decision")}
	j.conn.Read(func(st *engine.State) {
		t := st.Team(team)
		if t == nil {
			return
		}
		lang := st.Lang
		for _, od := range t.Open {
			d.decisions = append(d.decisions, od.Decision.ID)
			labels = append(labels, loc.T("judge.decision_open", "prompt", ui.ClipText(od.Decision.Prompt.Get(lang), 60)))
		}
		for i := len(t.Answers) - 1; i >= 0; i-- {
			a := t.Answers[i]
			if a.Abandoned || slices.Contains(d.decisions, a.Decision.ID) {
				continue
			}
			key := "judge.decision_answered"
			if a.Option == nil {
				key = "judge.decision_unanswered" // timed out, or left open at the end
			}
			d.decisions = append(d.decisions, a.Decision.ID)
			labels = append(labels, loc.T(key, "prompt", ui.ClipText(a.Decision.Prompt.Get(lang), 60), "time", debrief.Clock(a.At)))
		}
	})
	d.decision.SetOptions(labels)
	d.decision.SetSelectedIndex(0)
	if team == "" {
		d.decision.Disable()
	} else {
		d.decision.Enable()
	}
}

func (j *Judgement) submitNote(d *noteDialog) bool {
	if !j.msgKey(d.textMsg, checkText(d.text.Text, true)) {
		return false
	}
	cmd := engine.Command{Kind: engine.CmdNote, Text: strings.TrimSpace(d.text.Text)}
	if k := d.team.SelectedIndex(); k > 0 && k < len(d.teams) {
		cmd.Team = d.teams[k]
		if i := d.decision.SelectedIndex(); i > 0 && i < len(d.decisions) {
			cmd.Decision = d.decisions[i]
		}
	}
	return j.send(d.formDialog, cmd)
}

// (c) Score override.

type overrideDialog struct {
	*formDialog
	team      string
	dims      []string
	dimension *widget.Select
	current   *ui.WrapLabel
	value     *widget.Entry
	valueMsg  *ui.WrapLabel
	reason    *ui.SendEntry
	reasonMsg *ui.WrapLabel
}

// OpenOverride asks for a score to replace one of team's (dim preselected
// when given).
func (j *Judgement) OpenOverride(team, dim string) {
	loc := j.loc
	d := &overrideDialog{team: team, dims: ui.AllDimensions(), valueMsg: fieldMsgLabel(), reasonMsg: fieldMsgLabel()}
	var labels []string
	for _, dm := range d.dims {
		labels = append(labels, ui.DimensionName(loc, dm))
	}
	d.current = ui.Wrapped("")
	d.dimension = widget.NewSelect(labels, func(string) { j.showCurrent(d) })
	d.value = widget.NewEntry()
	d.value.SetPlaceHolder("0–100")
	d.value.OnChanged = func(string) { setFieldMsg(d.valueMsg, "") }
	d.reason = judgeTextArea(loc.T("judge.reason_placeholder"), 3)
	d.reason.OnChanged = func(string) { setFieldMsg(d.reasonMsg, "") }
	d.dimension.SetSelectedIndex(max(0, slices.Index(d.dims, dim)))
	valueRow := msgBeside(d.value, 120, d.valueMsg)
	content := container.NewVBox(
		ui.Muted(loc.T("judge.override_help")),
		judgeForm(judgeFieldLabel(loc.T("judge.team")), ui.Bold(team),
			judgeFieldLabel(loc.T("judge.dimension")), d.dimension,
			widget.NewLabel(""), d.current,
			judgeFieldLabel(loc.T("judge.new_score")), valueRow,
			judgeFieldLabel(loc.T("judge.reason")), msgBelow(d.reason, d.reasonMsg)))
	d.formDialog = j.newForm(loc.T("judge.override_title", "team", team), loc.T("judge.override_save"), content,
		func() bool { return j.submitOverride(d) }, 640, 0)
	d.reason.OnSend = d.ok.OnTapped // Ctrl+Enter
	j.override = d

}

// showCurrent says what the chosen dimension stands at.
func (j *Judgement) showCurrent(d *overrideDialog) {
	i := d.dimension.SelectedIndex()
	if i < 0 || i >= len(d.dims) {
		return
	}
	dim := d.dims[i]
	var text string
	j.conn.Read(func(st *engine.State) {
		t := st.Team(d.team)
		if t == nil {
			return
		}
		s := t.Scores()
		if o, ok := t.Overrides[dim]; ok {
			text = j.loc.T("judge.current_overridden", "original", fmt.Sprintf("%.0f", math.Round(o.Original)),
				"value", fmt.Sprintf("%.0f", math.Round(o.Value)), "reason", o.Reason)
			return
		}
		if !s.Has[dim] {
			text = j.loc.T("judge.current_none")
			return
		}
		text = j.loc.T("judge.current", "value", ui.FormatScore(s, dim, s.Get(dim)))
	})
	d.current.SetText(text)
}

func (j *Judgement) submitOverride(d *overrideDialog) bool {
	v, vErr := parseScore(d.value.Text)
	okV := j.msgKey(d.valueMsg, vErr)
	okR := j.msgKey(d.reasonMsg, checkText(d.reason.Text, true))
	i := d.dimension.SelectedIndex()
	if !okV || !okR || i < 0 || i >= len(d.dims) {
		return false
	}
	return j.send(d.formDialog, engine.Command{Kind: engine.CmdOverride, Team: d.team, Dimension: d.dims[i], Value: v,
		Text: strings.TrimSpace(d.reason.Text)})
}

// fixedWidth gives its content a minimum width (an entry for a number need
// not fill the row, and its message sits beside it).
type fixedWidth struct{ w float32 }

func (l *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (l *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(l.w, 0)
	for _, o := range objs {
		s = s.Max(fyne.NewSize(l.w, o.MinSize().Height))
	}
	return s
}

// (d) HSEEP ratings of the objectives.

// ObjectiveRating is one objective as the rating dialog shows it.
type ObjectiveRating struct {
	objective *scenario.Objective
	suggested string
	evidence  int // answers to the objective's decisions so far
	current   *engine.Rating
}

// Rated tells whether the facilitator has rated the objective (else it
// shows the suggestion).
func (r ObjectiveRating) Rated() bool { return r.current != nil }

type ratingDialog struct {
	*formDialog
	team    string
	rows    []ObjectiveRating
	radios  []*widget.RadioGroup
	reasons []*widget.Entry
	msgs    []*ui.WrapLabel
}

// ObjectiveRatings reads team's objectives with the suggested ratings.
func ObjectiveRatings(st *engine.State, team string) []ObjectiveRating {
	t := st.Team(team)
	if t == nil {
		return nil
	}
	var out []ObjectiveRating
	for _, o := range st.Scenario.Objectives {
		r := ObjectiveRating{objective: o, suggested: t.SuggestRating(o)}
		for _, a := range t.Answers {
			if !a.Abandoned && slices.Contains(o.Decisions, a.Decision.ID) {
				r.evidence++
			}
		}
		if cur, ok := t.Ratings[o.ID]; ok {
			r.current = &cur
		}
		out = append(out, r)
	}
	return out
}

// OpenRating asks for the team's rating of each objective, with the rating
// the evidence suggests preselected (or the one already given).
func (j *Judgement) OpenRating(team string) {
	loc := j.loc
	d := &ratingDialog{team: team}
	var lang string
	j.conn.Read(func(st *engine.State) {
		d.rows = ObjectiveRatings(st, team)
		lang = st.Lang
	})
	if lang == "" {
		lang = loc.Lang().String()
	}
	uiLang := loc.Lang().String()
	legend := widget.NewRichText()
	for _, r := range engine.Ratings {
		legend.Segments = append(legend.Segments, &widget.TextSegment{Text: r + " — " + ui.RatingName(loc, r),
			Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder}})
	}
	objs := []fyne.CanvasObject{ui.Muted(loc.T("judge.rating_help")), legend}
	if len(d.rows) == 0 {
		objs = append(objs, ui.Wrapped(loc.T("judge.no_objectives")))
	}
	for _, r := range d.rows {
		radio := widget.NewRadioGroup(engine.Ratings, nil)
		radio.Horizontal = true
		radio.Required = true
		reason := widget.NewEntry()
		reason.SetPlaceHolder(loc.T("judge.reason_optional"))
		msg := fieldMsgLabel()
		pre := r.suggested
		if r.current != nil {
			pre = r.current.Rating
			reason.SetText(r.current.Reason)
		}
		radio.SetSelected(pre)
		hint := loc.T("judge.suggested", "rating", r.suggested, "name", ui.RatingName(loc, r.suggested))
		if r.evidence == 0 {
			hint += " " + loc.T("judge.suggested_no_evidence")
		}
		if r.current != nil {
			hint += " · " + loc.T("judge.rated_at", "rating", r.current.Rating, "time", debrief.Clock(r.current.At))
		}
		title := ui.Wrapped(r.objective.Text.Get(uiLang))
		if title.Text == "" {
			title.SetText(r.objective.Text.Get(lang))
		}
		title.TextStyle.Bold = true
		d.radios = append(d.radios, radio)
		d.reasons = append(d.reasons, reason)
		d.msgs = append(d.msgs, msg)
		objs = append(objs, widget.NewSeparator(), title, ui.Muted(hint), msgBeside(radio, 0, msg), reason)
	}
	scroll := container.NewVScroll(container.NewVBox(objs...))
	scroll.SetMinSize(fyne.NewSize(0, min(520, float32(160+len(d.rows)*170))))
	d.formDialog = j.newForm(loc.T("judge.rating_title", "team", team), loc.T("judge.rating_save"), scroll,
		func() bool { return j.submitRating(d) }, 760, 0)
	if len(d.rows) == 0 {
		d.ok.Disable()
	}
	j.rating = d

}

func (j *Judgement) submitRating(d *ratingDialog) bool {
	ok := true
	for i := range d.rows {
		switch {
		case !slices.Contains(engine.Ratings, d.radios[i].Selected):
			setFieldMsg(d.msgs[i], j.loc.T("judge.err.rating"))
			ok = false
		case checkText(d.reasons[i].Text, false) != "":
			j.msgKey(d.msgs[i], checkText(d.reasons[i].Text, false))
			ok = false
		default:
			setFieldMsg(d.msgs[i], "")
		}
	}
	if !ok {
		return false
	}
	var cmds []engine.Command
	for i, r := range d.rows {
		rating, reason := d.radios[i].Selected, strings.TrimSpace(d.reasons[i].Text)
		if r.current != nil && r.current.Rating == rating && r.current.Reason == reason {
			continue // unchanged
		}
		cmds = append(cmds, engine.Command{Kind: engine.CmdRate, Team: d.team, Objective: r.objective.ID, Rating: rating, Text: reason})
	}
	if len(cmds) == 0 {
		return true
	}
	return j.sendAll(d.formDialog, cmds)
}

// RatingLine is one objective on a console card: the rating given, or the
// suggestion while there is none.
func RatingLine(loc *i18n.Localizer, r ObjectiveRating, lang string) string {
	text := ui.ClipText(r.objective.Text.Get(lang), 70)
	if r.current != nil {
		return loc.T("judge.card_rated", "rating", r.current.Rating, "objective", text)
	}
	return loc.T("judge.card_unrated", "rating", r.suggested, "objective", text)
}

// NoteLine is an observer note on a console card.
func NoteLine(n engine.Note) string {
	return debrief.Clock(n.At) + " · " + ui.ClipText(n.Text, 90)
}
