package review

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
)

// combinedRows are, on the Objectives tab under a team's ratings, the
// raters' ratings combined (debrief.CombinedRating: the facilitator's,
// live evaluators', paper guides'), the disagreement said plainly when
// ratings are two or more steps apart, each rater's notes beside their
// rating.
func (d *Debrief) combinedRows(ot debrief.ObjectiveTeam) []fyne.CanvasObject {
	c := ot.Combined
	if c == nil {
		return nil
	}
	loc, lang := d.host.Loc(), d.lang()
	out := []fyne.CanvasObject{
		widget.NewSeparator(),
		container.NewHBox(ui.RatingBadge(c.Rating), widget.NewLabel(loc.T("review.combined"))),
		ui.Muted(debrief.CombinedText(c, lang)),
	}
	if c.Disagree {
		warn := ui.Wrapped(loc.T("review.disagree", "n", c.Spread))
		warn.Importance = widget.WarningImportance
		out = append(out, container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.WarningIcon())), nil, warn))
		for _, n := range debrief.CombinedNotes(c, lang) {
			out = append(out, ui.Wrapped("• "+n))
		}
	}
	return out
}
