package debrief

import (
	"fmt"
	"strings"

	"github.com/signintech/gopdf"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Printable evaluation guides: for evaluators working on paper, one A4
// form per objective with an evaluation guide (and per team, when teams
// are named): the objective, its capability, each capability target with
// its critical tasks and what shows each was done, with room to tick the
// task, write the time and the observation, and the P/S/M/U rating.

// EEGForm is one printable evaluation guide: an objective's, for a team
// ("" leaves the team to be written in).
type EEGForm struct {
	Scenario   string
	Objective  string // the objective's text
	Capability string
	Team       string
	Targets    []TargetReport
}

// EEGForms are the scenario's printable evaluation guides in lang: one per
// objective that has a guide, for each team in teams (or one with the
// team left blank when teams is empty), objective by objective.
func EEGForms(sc *scenario.Scenario, lang string, teams []string) []EEGForm {
	if len(teams) == 0 {
		teams = []string{""}
	}
	var out []EEGForm
	for _, o := range sc.Objectives {
		if !o.Guided() {
			continue
		}
		for _, t := range teams {
			out = append(out, EEGForm{Scenario: sc.Title.Get(lang), Objective: o.Text.Get(lang), Capability: o.Capability.Get(lang),
				Team: t, Targets: targetReports(sc, o, lang)})
		}
	}
	return out
}

// EEGPDF renders the forms as an A4 PDF in lang, each form on a page of
// its own (or more, for a long guide), pages numbered.
func EEGPDF(forms []EEGForm, lang string) ([]byte, error) {
	fc, err := pdfFonts()
	if err != nil {
		return nil, err
	}
	p := &gopdf.GoPdf{}
	p.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	title := T(lang, "eegform.title")
	if len(forms) > 0 {
		title += " — " + forms[0].Scenario
	}
	p.SetInfo(gopdf.PdfInfo{Title: title, Author: "Firebreak", Creator: "Firebreak"})
	for _, f := range []string{fontRegular, fontBold} {
		if err := p.AddTTFFontFromFontContainer(f, fc); err != nil {
			return nil, fmt.Errorf("pdf: %w", err)
		}
	}
	w := &pdfWriter{p: p, lang: lang, widths: map[string]map[rune]float64{}}
	if len(forms) == 0 {
		w.newPage()
		w.para(T(lang, "eegform.none"), paraOpt{})
	}
	for _, f := range forms {
		w.newPage()
		w.eegForm(f, lang)
	}
	n := p.GetNumberOfPages()
	for i := 1; i <= n; i++ {
		w.check(p.SetPage(i))
		w.family, w.size = "", 0
		w.font(fontRegular, 8)
		w.color("#777777")
		num := fmt.Sprintf("%d / %d", i, n)
		w.textAt(pageW/2-w.width(num)/2, pageH-30, num)
		if len(forms) > 0 {
			if foot := w.clean(forms[0].Scenario); w.width(foot) < contentW/2-30 {
				w.textAt(marginL, pageH-30, foot)
			}
		}
	}
	return w.bytes()
}

func (w *pdfWriter) eegForm(f EEGForm, lang string) {
	L := func(k string) string { return T(lang, k) }
	w.font(fontBold, 9)
	w.color("#0b5394")
	w.textAt(marginL, w.y+8, strings.ToUpper(L("eegform.title")))
	w.y += 16
	w.para(f.Scenario, paraOpt{size: 9.5, color: "#666666"})
	w.heading(2, f.Objective)
	w.para(L("eeg.capability")+L("sep")+f.Capability, paraOpt{bold: true, size: 10})
	team := f.Team
	if team == "" {
		team = "\n"
	}
	w.table([]col{{frac: 0.16}, {frac: 0.34}, {frac: 0.16}, {frac: 0.34}}, [][]cell{
		{{text: L("eegform.evaluator"), bold: true}, {text: "\n"}, {text: L("team"), bold: true}, {text: team}},
		{{text: L("date"), bold: true}, {text: "\n"}, {text: L("eegform.location"), bold: true}, {text: "\n"}},
	})
	for _, tg := range f.Targets {
		w.need(110)
		w.para(L("eeg.target")+L("sep")+tg.Text, paraOpt{bold: true, size: 9.5})
		var rows [][]cell
		for _, task := range tg.Tasks {
			rows = append(rows, []cell{{box: true}, {text: task.Text}, {text: task.How, color: "#666666"}, {text: "\n\n"}, {text: ""}})
		}
		w.table([]col{{title: L("eegform.done"), frac: 0.07}, {title: L("eeg.task"), frac: 0.28}, {title: L("eeg.how"), frac: 0.25},
			{title: L("eegform.time"), frac: 0.1}, {title: L("eegform.observations"), frac: 0.3}}, rows)
	}
	w.need(120) // the rating and a notes box of four lines stay together
	w.para(L("eegform.rating"), paraOpt{bold: true, size: 9.5})
	w.table([]col{{frac: 0.25}, {frac: 0.25}, {frac: 0.25}, {frac: 0.25}}, [][]cell{{
		{box: true, text: L("rating.P")}, {box: true, text: L("rating.S")}, {box: true, text: L("rating.M")}, {box: true, text: L("rating.U")}}})
	w.para(L("eegform.notes"), paraOpt{bold: true, size: 9.5})
	w.table([]col{{frac: 1}}, [][]cell{{{text: "\n\n\n"}}})
}
