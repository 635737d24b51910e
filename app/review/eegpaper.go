package review

import (
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// Evaluation guides on paper, from the debrief's Objectives tab: print
// the exercise's guides (one A4 form per objective and team, as
// `firebreak eeg --teams`), and enter a paper guide an evaluator filled in:
// their name, P/S/M/U rating and per critical task a tick, a time on the
// exercise clock and a note. The entry is an eeg.entered event in the
// exercise's log (a judgement like the facilitator's rating), sent through
// the session the debrief resumes; the debrief is rebuilt from the log.

// eegFileName is the printable guides' suggested file name.
func eegFileName(scenarioID, lang string) string {
	return "eeg-" + scenarioID + "-" + lang + ".pdf"
}

// printGuides asks where to save the guides as a PDF in the UI language,
// one form per guided objective and team, and writes it off the UI
// goroutine.
func (d *Debrief) printGuides() {
	b := d.export
	if b.busy {
		return
	}
	lang, sc, teams := d.lang(), d.st.Scenario, d.teamNames()
	label := d.host.Loc().T("eegpaper.print_pdf")
	d.saveFile(eegFileName(sc.ID, lang), func(w io.WriteCloser, where string) {
		b.run(label, w, where, func() ([]byte, error) {
			return debrief.EEGPDF(debrief.EEGForms(sc, lang, teams), lang)
		})
	})
}

// guided reports whether any objective of the report has a guide.
func guided(r *debrief.Report) bool {
	for _, o := range r.Objectives {
		if len(o.Targets) > 0 {
			return true
		}
	}
	return false
}

// paperForm is the dialog that enters one evaluator's paper guide for a
// team and objective.
type paperForm struct {
	dlg       dialog.Dialog
	evaluator *widget.Entry
	rating    *widget.Select
	tasks     []paperTask
	note      *widget.Entry
	failure   *widget.Label
	ok        *widget.Button
}

type paperTask struct {
	id   string
	text string
	done *widget.Check
	at   *widget.Entry
	note *widget.Entry
}

// openPaperForm shows the form for team and objective o.
func (d *Debrief) openPaperForm(o debrief.ObjectiveReport, team string) *paperForm {
	loc, lang := d.host.Loc(), d.lang()
	f := &paperForm{evaluator: widget.NewEntry(), note: widget.NewMultiLineEntry(), failure: widget.NewLabel("")}
	f.evaluator.SetPlaceHolder(loc.T("eegpaper.evaluator_hint"))
	f.failure.Importance, f.failure.Wrapping = widget.DangerImportance, fyne.TextWrapWord
	ratings := []string{loc.T("eegpaper.no_rating")}
	for _, r := range engine.Ratings {
		ratings = append(ratings, debrief.T(lang, "rating."+r))
	}
	f.rating = widget.NewSelect(ratings, nil)
	f.rating.SetSelectedIndex(0)
	f.note.SetMinRowsVisible(2)
	f.note.SetPlaceHolder(loc.T("eegpaper.note_hint"))
	rows := []fyne.CanvasObject{
		ui.Wrapped(loc.T("eegpaper.form_about", "team", team, "objective", o.Text)),
		container.NewGridWithColumns(2,
			widget.NewForm(widget.NewFormItem(loc.T("eegpaper.evaluator"), f.evaluator)),
			widget.NewForm(widget.NewFormItem(loc.T("eegpaper.rating"), f.rating))),
	}
	for _, tg := range o.Targets {
		rows = append(rows, ui.Bold(loc.T("debrief.target", "text", tg.Text)))
		for _, task := range tg.Tasks {
			pt := paperTask{id: task.ID, text: task.Text, done: widget.NewCheck(loc.T("eegpaper.done"), nil), at: widget.NewEntry(), note: widget.NewEntry()}
			pt.at.SetPlaceHolder(loc.T("eegpaper.time_hint"))
			pt.note.SetPlaceHolder(loc.T("eegpaper.observation_hint"))
			f.tasks = append(f.tasks, pt)
			head := container.NewVBox(ui.Wrapped(task.Text), ui.Muted(task.How))
			// At the top of the row, at their own height, however tall the
			// task's text makes it.
			fields := container.NewVBox(container.NewBorder(nil, nil, container.NewHBox(pt.done, container.New(&ui.MinWidth{W: 90}, pt.at)), nil, pt.note))
			rows = append(rows, widget.NewSeparator(), container.NewGridWithColumns(2, head, fields))
		}
	}
	rows = append(rows, widget.NewSeparator(), widget.NewForm(widget.NewFormItem(loc.T("eegpaper.note"), f.note)))
	scroll := container.NewVScroll(container.NewVBox(rows...))
	cancel := widget.NewButton(loc.T("common.cancel"), func() { f.dlg.Hide() })
	f.ok = widget.NewButtonWithIcon(loc.T("eegpaper.save"), theme.ConfirmIcon(), func() { d.savePaperForm(o, team, f) })
	f.ok.Importance = widget.HighImportance
	foot := container.NewBorder(nil, nil, nil, container.NewHBox(cancel, f.ok), f.failure)
	f.dlg = dialog.NewCustomWithoutButtons(loc.T("eegpaper.enter_title"), container.NewBorder(nil, foot, nil, nil, scroll), d.host.Window())
	f.dlg.Show()
	f.dlg.Resize(fyne.NewSize(980, 560))
	d.lastPaper = f
	return f
}

// command reads the form: the evaluate command, or why it cannot be
// read (a time that is not hh:mm), in the UI language.
func (f *paperForm) command(d *Debrief, o debrief.ObjectiveReport, team string) (engine.Command, string) {
	loc := d.host.Loc()
	ev := &engine.Evaluation{Evaluator: f.evaluator.Text, Note: strings.TrimSpace(f.note.Text)}
	if i := f.rating.SelectedIndex(); i > 0 {
		ev.Rating = engine.Ratings[i-1]
	}
	for _, pt := range f.tasks {
		et := engine.EvalTask{Task: pt.id, Done: pt.done.Checked, Note: strings.TrimSpace(pt.note.Text)}
		if s := strings.TrimSpace(pt.at.Text); s != "" {
			at, err := debrief.ParseClock(s)
			if err != nil {
				return engine.Command{}, loc.T("eegpaper.bad_time", "time", s, "task", pt.text)
			}
			v := at.Milliseconds()
			et.AtMS = &v
		}
		if et.Done || et.Note != "" || et.AtMS != nil {
			ev.Tasks = append(ev.Tasks, et)
		}
	}
	return engine.Command{Kind: engine.CmdEvaluate, Team: team, Objective: o.ID, Evaluation: ev}, ""
}

// savePaperForm sends the entry off the UI goroutine; a refusal stays in
// the form, in the UI language; a stored entry closes it and the debrief
// is drawn again from the log.
func (d *Debrief) savePaperForm(o debrief.ObjectiveReport, team string, f *paperForm) {
	loc := d.host.Loc()
	f.failure.SetText("")
	cmd, bad := f.command(d, o, team)
	if bad != "" {
		f.failure.SetText(bad)
		return
	}
	if d.judge == nil {
		d.judge = &debriefJudge{d: d}
	}
	conn, err := d.judge.session()
	if err != nil {
		f.failure.SetText(loc.T("judge.refused", "reason", ui.ErrorText(loc, err)))
		return
	}
	f.ok.Disable()
	ui.Then(d.host.Background(), func() error { return conn.Send(cmd) }, func(err error) {
		f.ok.Enable()
		if err != nil {
			f.failure.SetText(loc.T("judge.refused", "reason", ui.ErrorText(loc, err)))
			return
		}
		f.dlg.Hide()
		d.reload()
	})
}

// paperRows are, under a team's ratings on the Objectives tab, the
// evaluators' ratings and notes entered, and the button that enters one.
func (d *Debrief) paperRows(o debrief.ObjectiveReport, ot debrief.ObjectiveTeam) []fyne.CanvasObject {
	loc, lang := d.host.Loc(), d.lang()
	var out []fyne.CanvasObject
	for _, e := range ot.Evaluations {
		key := "eegpaper.entered"
		if e.Live {
			key = "review.live_entered"
		}
		out = append(out, ui.Wrapped(loc.T(key, "text", debrief.EvaluationText(e, lang))))
	}
	if len(o.Targets) > 0 {
		team := ot.Team
		out = append(out, container.NewHBox(ui.NewIconButton(loc.T("eegpaper.enter"), theme.DocumentCreateIcon(), func() {
			d.openPaperForm(o, team)
		})))
	}
	return out
}
