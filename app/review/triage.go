package review

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
)

// triageMiss marks a team's class, action or place in the order that is
// not the key's, as the HTML export marks a miss: in the error colour and
// with a text marker, so that the difference does not rest on colour.
const triageMiss = "× "

// triage shows the team's social-listening triages on the debrief's team
// card, from the report model with the exports' words (internal/debrief
// triage.go): for each triage its heading and score, when it was made, and
// each post as the exports' table row, laid out as a small card so that a
// long feed wraps down the page instead of widening it: who wrote it with
// its reach and age, what it said, its true class, the team's class, the
// team's action with the one needed, the team's place in the order of
// answers with the key's, and why.
func (d *Debrief) triage(tr *debrief.TeamReport, lang string) []fyne.CanvasObject {
	if tr == nil || len(tr.Triage) == 0 {
		return nil
	}
	objs := []fyne.CanvasObject{ui.Bold(debrief.Label(lang, "triage"))}
	for _, r := range tr.Triage {
		summary := ui.Wrapped(r.Summary)
		if r.Missing {
			summary.Importance = widget.DangerImportance
		}
		card := []fyne.CanvasObject{
			ui.WrappedBold(r.Title(lang)),
			summary}
		if !r.Missing && !r.Unscored {
			card = append(card, ui.Muted(r.Made(lang)))
		}
		for _, p := range r.Posts {
			card = append(card, widget.NewSeparator(), triagePost(p, lang))
		}
		objs = append(objs, ui.Panel(card...))
	}
	return objs
}

// triagePost is one post of a triage: a tick or a cross (the post
// classified and handled right or not), the exports' post cell (author,
// reach, age) over the post's text, the four columns on one wrapping line
// with each miss marked, and the reason.
func triagePost(p debrief.TriagePostReport, lang string) fyne.CanvasObject {
	var icon fyne.Resource = theme.NewErrorThemedResource(theme.CancelIcon())
	if p.Right {
		icon = theme.NewSuccessThemedResource(theme.ConfirmIcon())
	}
	head := ui.WrappedBold(p.Line(lang))
	sep := debrief.T(lang, "sep")
	var spans []ui.TextSpan
	field := func(label, value string, miss bool) {
		if len(spans) > 0 {
			spans = append(spans, ui.TextSpan{Text: " · "})
		}
		spans = append(spans, ui.TextSpan{Text: debrief.Label(lang, label) + sep, Color: theme.ColorNamePlaceHolder})
		if miss {
			spans = append(spans, ui.TextSpan{Text: triageMiss + value, Color: theme.ColorNameError, Bold: true})
		} else {
			spans = append(spans, ui.TextSpan{Text: value})
		}
	}
	field("triage.col.class", p.ClassName, false)
	field("triage.col.team", p.TeamClassName, p.TeamClass != p.Class)
	field("triage.col.action", p.ActionText(lang), p.TeamAction != p.Needs)
	field("triage.col.order", p.OrderText(lang), p.Rank != p.KeyRank)
	marks := ui.Wrapped("")
	marks.SetSpans(spans)
	return container.NewVBox(
		container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(icon)), nil, head),
		ui.Wrapped(p.Text),
		marks,
		ui.Muted(debrief.Label(lang, "triage.col.reason")+sep+p.Reason))
}
