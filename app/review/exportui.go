package review

import (
	"errors"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
)

// Exports from the debrief screen: the after-action report as HTML, PDF,
// Markdown, CSV or JSON, for the whole exercise or as one team's handout
// (as `firebreak export --team`), with the facilitator's saved improvement
// plan. The file is chosen with the save dialog; the report is made and
// written off the UI goroutine, with a progress dialog when it takes more
// than a moment (a PDF embeds its fonts).

// exportFormat is a format the debrief exports.
type exportFormat struct {
	id, ext, label string // label is an i18n key
}

var exportFormats = []exportFormat{
	{"html", ".html", "debrief.export_html"},
	{"pdf", ".pdf", "debrief.export_pdf"},
	{"md", ".md", "debrief.export_md"},
	{"csv", ".csv", "debrief.export_csv"},
	{"json", ".json", "debrief.export_json"},
}

// exportProgressDelay is how long an export runs before its progress
// dialog shows: a quick one just reports success.
const exportProgressDelay = 250 * time.Millisecond

// exportBar is the row of export buttons and the handout's team selector.
type exportBar struct {
	d    *Debrief
	team string // "" for the whole exercise; kept across a rebuild
	busy bool

	buttons  map[string]*ui.KeyButton
	progress *dialog.CustomDialog // while an export runs past exportProgressDelay
}

func (b *exportBar) build() fyne.CanvasObject {
	loc := b.d.host.Loc()
	b.buttons = map[string]*ui.KeyButton{}
	box := container.NewHBox(container.NewCenter(ui.Faint(loc.T("debrief.export"), fyne.TextAlignTrailing)))
	for _, f := range exportFormats {
		btn := ui.NewButton(loc.T(f.label), func() { b.export(f) })
		b.buttons[f.id] = btn
		box.Add(btn)
	}
	all := loc.T("debrief.export_all_teams")
	opts := []string{all}
	for _, n := range b.d.teamNames() {
		opts = append(opts, loc.T("debrief.export_handout", "team", n))
	}
	teamSelect := widget.NewSelect(opts, nil)
	teamSelect.SetSelectedIndex(0)
	for i, n := range b.d.teamNames() {
		if n == b.team {
			teamSelect.SetSelectedIndex(i + 1)
		}
	}
	teamSelect.OnChanged = func(string) {
		i := teamSelect.SelectedIndex()
		b.team = ""
		if i > 0 && i <= len(b.d.st.Teams) {
			b.team = b.d.st.Teams[i-1].Name
		}
		b.enable()
	}
	box.Add(container.New(&ui.MinWidth{W: 190}, teamSelect))
	b.enable()
	return box
}

// enable enables the buttons: none while an export runs.
func (b *exportBar) enable() {
	for _, btn := range b.buttons {
		ui.SetEnabled(btn, !b.busy)
	}
}

// exportFileName is an export's suggested file name:
// debrief-<scenario>[-<team>].<ext>.
func exportFileName(scenarioID, team, ext string) string {
	name := "debrief-" + scenarioID
	if team != "" {
		name += "-" + strings.Map(func(r rune) rune {
			if strings.ContainsRune(`/\:*?"<>| `, r) || r < ' ' {
				return '-'
			}
			return r
		}, team)
	}
	return name + ext
}

// renderExport makes an export of the exercise in lang, for team ("" for
// every team), with the facilitator's plan when there is one.
func renderExport(data *DebriefData, plan *debrief.Plan, format, lang, team string) ([]byte, error) {
	r := debrief.BuildWithPlan(data.state, data.events, lang, team, plan)
	r.ApplyFeedback(data.feedback)
	r.Overview.ExerciseID = data.id
	if !data.started.IsZero() {
		r.SetStarted(data.started)
	}
	switch format {
	case "html":
		return debrief.HTML(r), nil
	case "pdf":
		return debrief.PDF(r)
	case "md":
		return []byte(debrief.Markdown(r)), nil
	case "csv":
		return debrief.CSV(r), nil
	case "json":
		return debrief.JSON(r)
	}
	return nil, errors.New("unknown export format " + format)
}

// export asks where to save the report in format f and writes it.
func (b *exportBar) export(f exportFormat) {
	d := b.d
	if b.busy {
		return
	}
	plan := d.plan.reportPlan() // the plan as it stands on screen
	if d.plan.dirty {
		d.plan.saveInBackground()
	}
	lang, team := d.lang(), b.team
	d.saveFile(exportFileName(d.st.Scenario.ID, team, f.ext), func(w io.WriteCloser, where string) {
		b.run(d.host.Loc().T(f.label), w, where, func() ([]byte, error) {
			return renderExport(d.data, plan, f.id, lang, team)
		})
	})
}

// run makes a file with render and writes it to w, off the UI goroutine,
// then says how it went.
func (b *exportBar) run(format string, w io.WriteCloser, where string, render func() ([]byte, error)) {
	d := b.d
	loc, win := d.host.Loc(), d.host.Window()
	b.busy = true
	b.enable()
	prog := widget.NewProgressBarInfinite()
	dlg := dialog.NewCustomWithoutButtons(loc.T("debrief.exporting", "format", format),
		container.NewVBox(ui.Wrapped(where), prog), win)
	showProgress := ui.NewUIDebouncer(exportProgressDelay)
	showProgress.Call(func() {
		b.progress = dlg
		dlg.Show()
		dlg.Resize(fyne.NewSize(460, 0))
	})
	work := func() {
		data, err := render()
		if err == nil {
			_, err = w.Write(data)
		}
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		ui.Do(func() {
			showProgress.Cancel()
			if b.progress != nil {
				b.progress.Hide()
				b.progress = nil
			}
			prog.Stop()
			b.busy = false
			b.enable()
			if err != nil {
				ui.ShowMessage(win, loc, loc.T("common.error"), loc.T("debrief.export_failed", "error", ui.ErrorText(loc, err)))
				return
			}
			ui.ShowMessage(win, loc, loc.T("debrief.export_done", "format", format), loc.T("debrief.exported", "path", where))
		})
	}
	inBackground(d.host, work)
}

// fileDialog asks where to save with Fyne's file dialog; done is not
// called when the user cancels.
func (d *Debrief) fileDialog(name string, done func(w io.WriteCloser, where string)) {
	ui.SaveFile(d.host.Window(), d.host.Loc(), name, "debrief.export_failed", done)
}
