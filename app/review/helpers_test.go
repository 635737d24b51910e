package review

import (
	"io"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
)

// The debrief's tabs, in order.
const (
	tabOverview = iota
	tabTeams
	tabObjectives
	tabTimeline
	tabReplay
	tabPlan
	tabFeedback
)

// selectTab shows one of the debrief's tabs, as a click on it does.
func (d *Debrief) selectTab(i int) { d.tabs.SelectIndex(i) }

// writeDebrief writes the Markdown debrief, with the plan as it stands, in
// the UI language: what the Markdown button exports.
func (d *Debrief) writeDebrief(w io.Writer) error {
	data, err := renderExport(d.data, d.plan.reportPlan(), "md", d.lang(), "")
	if err == nil {
		_, err = w.Write(data)
	}
	return err
}

// debriefFileName is the Markdown export's suggested file name.
func debriefFileName(scenarioID string) string { return exportFileName(scenarioID, "", ".md") }

// tabContent is what the debrief's tab i draws.
func tabContent(d *Debrief, i int) fyne.CanvasObject { return d.tabs.Items[i].Content }

// teamCard is what the Teams tab draws for a team (its tab's content); the
// test fails when there is no tab for it.
func teamCard(t *testing.T, d *Debrief, team string) fyne.CanvasObject {
	t.Helper()
	for _, it := range d.teamTabs.Items {
		if it.Text == team {
			return it.Content
		}
	}
	t.Fatalf("no tab for team %q", team)
	return nil
}

// statements are the statements a team card shows, in answer order: the
// team's own words are the card's only selectable text.
func statements(t *testing.T, card fyne.CanvasObject) []*ui.WrapLabel {
	t.Helper()
	var out []*ui.WrapLabel
	for _, l := range tree.Find[*ui.WrapLabel](t, card) {
		if l.Selectable {
			out = append(out, l)
		}
	}
	return out
}

// factLines are the lines of o that say whether a statement held a required
// fact ("Hotline number — included"), in drawing order.
func factLines(t *testing.T, d *Debrief, o fyne.CanvasObject) []string {
	t.Helper()
	loc := d.host.Loc()
	var out []string
	for _, l := range tree.Find[*ui.WrapLabel](t, o) {
		if strings.HasSuffix(l.Text, " — "+loc.T("debrief.fact_found")) || strings.HasSuffix(l.Text, " — "+loc.T("debrief.fact_missing")) {
			out = append(out, l.Text)
		}
	}
	return out
}

// rubricHeads counts the statement rubric's judgements drawn in o (their
// first line, "Statement check: 70/100 — …").
func rubricHeads(t *testing.T, d *Debrief, o fyne.CanvasObject) int {
	t.Helper()
	head, _, _ := strings.Cut(d.host.Loc().T("debrief.rubric_scores", "overall", "\x00", "dims", ""), "\x00")
	n := 0
	for _, l := range tree.Find[*ui.WrapLabel](t, o) {
		if strings.HasPrefix(l.Text, head) {
			n++
		}
	}
	return n
}

// timelineEntries are the texts of the timeline's entries as drawn, one
// an entry (its time, text, response time and statement).
func timelineEntries(d *Debrief) []string {
	var out []string
	for _, row := range d.timeline.list.Objects {
		if c, ok := row.(*fyne.Container); ok { // not the "no events" line
			out = append(out, tree.AllText(c))
		}
	}
	return out
}

// replayColumn is the text of a team's column in the replay as drawn: the
// column whose first row holds the team's name as a heading.
func replayColumn(t *testing.T, v *replayView, team string) []string {
	t.Helper()
	for _, c := range tree.Find[*fyne.Container](t, v.body) {
		if len(c.Objects) == 0 {
			continue
		}
		head, ok := c.Objects[0].(*fyne.Container)
		if !ok {
			continue
		}
		for _, o := range head.Objects {
			if l, ok := o.(*widget.Label); ok && l.Text == team && l.SizeName == theme.SizeNameSubHeadingText {
				return strings.Split(tree.AllText(c), "\n")
			}
		}
	}
	t.Fatalf("the replay has no column for %q:\n%s", team, tree.AllText(v.body))
	return nil
}

// planActionForm is a corrective action's fields as the plan tab draws
// them.
type planActionForm struct {
	what, action, owner, due *widget.Entry
	dueMessage               *ui.WrapLabel
}

// planActions are the corrective actions the plan tab draws, in order.
func planActions(t *testing.T, d *Debrief) []planActionForm {
	t.Helper()
	loc := d.host.Loc()
	var out []planActionForm
	for _, f := range tree.Find[*widget.Form](t, tabContent(d, tabPlan)) {
		item := func(key string) fyne.CanvasObject {
			for _, it := range f.Items {
				if it.Text == loc.T(key) {
					return it.Widget
				}
			}
			t.Fatalf("a corrective action has no %q field", loc.T(key))
			return nil
		}
		entry := func(key string) *widget.Entry { return tree.Find[*widget.Entry](t, item(key))[0] }
		out = append(out, planActionForm{what: entry("debrief.plan_what"), action: entry("debrief.plan_action"),
			owner: entry("debrief.plan_owner"), due: entry("debrief.plan_due"),
			dueMessage: tree.Find[*ui.WrapLabel](t, item("debrief.plan_due"))[0]})
	}
	return out
}

// planItems are the text boxes of the plan tab's section headed by the
// translation of headKey (the strengths, the areas for improvement), in
// order.
func planItems(t *testing.T, d *Debrief, headKey string) []*widget.Entry {
	t.Helper()
	loc := d.host.Loc()
	page := tree.Around(t, tabContent(d, tabPlan), loc.T("debrief.plan_hint"))
	if len(page) == 0 {
		t.Fatal("the plan tab draws no plan")
	}
	heads := []string{loc.T("debrief.plan_strengths"), loc.T("debrief.plan_areas"), loc.T("debrief.plan_actions")}
	isHead := func(o fyne.CanvasObject, text string) bool { return len(tree.Around(t, o, text)) > 0 }
	var out []*widget.Entry
	in := false
	for _, o := range page[0].Objects {
		switch {
		case isHead(o, loc.T(headKey)):
			in = true
		case isHead(o, heads[0]) || isHead(o, heads[1]) || isHead(o, heads[2]):
			in = false
		case in:
			out = append(out, tree.Find[*widget.Entry](t, o)...)
		}
	}
	return out
}

// message is the text of the message dialog shown last (an export's
// outcome).
func message(t *testing.T, h *host) string {
	t.Helper()
	var texts []string
	for _, l := range tree.Find[*ui.WrapLabel](t, tree.Dialog(t, h.win)) {
		texts = append(texts, l.Text)
	}
	return strings.Join(texts, "\n")
}

// compareRow is the texts of the comparison table's row whose first cell
// reads first ("" for the heading row), cell by cell; the test fails when
// there is none.
func compareRow(t *testing.T, o fyne.CanvasObject, first string) []string {
	t.Helper()
rows:
	for _, c := range tree.Find[*fyne.Container](t, o) {
		if len(c.Objects) < 2 {
			continue
		}
		var cells []string
		for _, obj := range c.Objects {
			l, ok := obj.(*ui.WrapLabel)
			if !ok {
				continue rows
			}
			cells = append(cells, l.Text)
		}
		if cells[0] == first {
			return cells
		}
	}
	t.Fatalf("the comparison has no row %q:\n%s", first, tree.AllText(o))
	return nil
}
