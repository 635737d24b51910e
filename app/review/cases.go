package review

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// cases shows the team's customer cases on the debrief's team card, from
// the report model (its words in the report's language) with the judge's
// evidence of each reply: the customer, what they wrote, when the team
// answered, the remedy chosen with its fit and why, the remedies offered,
// and whether the case went public.
func (d *Debrief) cases(t *engine.Team, tr *debrief.TeamReport, lang string) []fyne.CanvasObject {
	if tr == nil || len(tr.Cases) == 0 {
		return nil
	}
	objs := []fyne.CanvasObject{ui.Bold(debrief.Label(lang, "cases"))}
	for i, c := range tr.Cases {
		status := ui.Wrapped(c.StatusText)
		switch c.Status {
		case "missed":
			status.Importance = widget.DangerImportance
		case "late":
			status.Importance = widget.WarningImportance
		}
		card := []fyne.CanvasObject{
			container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(theme.AccountIcon())), nil, ui.WrappedBold(c.Heading)),
			ui.Wrapped(c.Message), status}
		if c.Remedy != "" {
			remedy := ui.Wrapped(debrief.Label(lang, "case.remedy") + debrief.T(lang, "sep") + c.RemedyLabel + debrief.Label(lang, "paren") +
				c.FitText + debrief.Label(lang, "parenend") + debrief.Label(lang, "case.because") + c.Reason)
			if c.Fit == "poor" {
				remedy.Importance = widget.DangerImportance
			}
			card = append(card, remedy)
		}
		offered := ""
		for j, r := range c.Remedies {
			if j > 0 {
				offered += debrief.T(lang, "semi")
			}
			offered += r.Label + debrief.Label(lang, "paren") + r.FitText + debrief.Label(lang, "parenend")
		}
		card = append(card, ui.Muted(debrief.Label(lang, "case.others")+debrief.T(lang, "sep")+offered))
		if i < len(t.Cases) && t.Cases[i].Handled {
			cs := t.Cases[i]
			card = append(card, d.judged(cs.Text, cs.Case.Reply.RequiredFacts, cs.FactsFound, cs.Rubric, lang)...)
		}
		if c.Public {
			l := ui.Wrapped(debrief.Label(lang, "case.public"))
			l.Importance = widget.DangerImportance
			card = append(card, l)
		}
		objs = append(objs, ui.Panel(card...))
	}
	return objs
}
