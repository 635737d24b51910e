package review

import (
	"slices"
	"strings"
	"testing"
	"testing/synctest"

	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// The objectives tab draws the objective's evaluation guide: its
// capability and target, and per critical task each team's result, done
// in green with its time, not done in red, an evaluator's task muted; in
// Chinese too.
func TestObjectivesShowTheCriticalTasks(t *testing.T) {
	h, d, _, _ := worldDebrief(t)
	d.selectTab(tabObjectives)
	obj := debriefTexts(t, tabContent(d, tabObjectives))
	for _, want := range []string{"Capability: Public information and warning",
		"Capability target: Report within the 72-hour deadline, with the hotline",
		"Decide to report within 5 minutes",
		"choosing \"Report and publish\" for \"Notify and say what?\", within 5m00s",
		"Bravo: done at 00:06:00 (chose \"Report and publish\" after 2m00s)",
		"Alpha: not done (missed, due 00:22:00)",
		"Bravo: for an evaluator"} {
		if !hasText(obj, want) {
			t.Errorf("the objectives tab lacks %q:\n%s", want, strings.Join(obj, "\n"))
		}
	}
	importance := map[string]widget.Importance{}
	for _, l := range tree.Find[*ui.WrapLabel](t, tabContent(d, tabObjectives)) {
		importance[l.Text] = l.Importance
	}
	if importance["Bravo: done at 00:06:00 (met, due 00:22:00)"] != widget.SuccessImportance ||
		importance["Alpha: not done (missed, due 00:22:00)"] != widget.DangerImportance ||
		importance["Alpha: for an evaluator"] != widget.LowImportance {
		t.Errorf("task colours: %v", importance)
	}
	h.setLang(i18n.ZH)
	obj = debriefTexts(t, tabContent(d, tabObjectives))
	for _, want := range []string{"能力：公共信息与预警", "能力目标：在72小时时限内通报，并写明热线", "Bravo：于 00:06:00 完成（用时2分钟选择了“通报并公开”）"} {
		if !hasText(obj, want) {
			t.Errorf("the Chinese objectives tab lacks %q:\n%s", want, strings.Join(obj, "\n"))
		}
	}
}

func TestThePlanIsGroupedByObjectiveWithAStatus(t *testing.T) {
	synctest.Test(t, testThePlanIsGroupedByObjectiveWithAStatus) // the plan saves a moment after an edit
}

// The plan tab lists the corrective actions under their objective (with
// its capability), those under none last; each has an objective and a
// status to choose, saved with the plan and shown in the exports.
func testThePlanIsGroupedByObjectiveWithAStatus(t *testing.T) {
	h, d, st, id := worldDebrief(t)
	uiq := uitest.QueueUI(t)
	d.selectTab(tabPlan)
	loc := h.loc
	texts := debriefTexts(t, tabContent(d, tabPlan))
	first, none := -1, -1
	for i, s := range texts {
		switch s {
		case "Notify the regulator in time (Public information and warning)":
			if first < 0 {
				first = i
			}
		case "Under no objective":
			if none < 0 {
				none = i
			}
		}
	}
	if first < 0 || none < first {
		t.Fatalf("objective headings at %d and %d:\n%s", first, none, strings.Join(texts, "\n"))
	}
	var statuses, objectives []*widget.Select
	for _, f := range tree.Find[*widget.Form](t, tabContent(d, tabPlan)) {
		for _, it := range f.Items {
			switch it.Text {
			case loc.T("debrief.plan_status"):
				statuses = append(statuses, tree.Find[*widget.Select](t, it.Widget)[0])
			case loc.T("debrief.plan_objective"):
				objectives = append(objectives, tree.Find[*widget.Select](t, it.Widget)[0])
			}
		}
	}
	if len(statuses) != len(d.plan.model.Actions) || len(statuses) == 0 || statuses[0].Selected != "open" {
		t.Fatalf("%d status choices for %d actions", len(statuses), len(d.plan.model.Actions))
	}
	names, _ := d.plan.objectiveNames()
	if got := objectives[0].Selected; got != names[0] || !strings.HasPrefix(got, "Notify the regulator in time (Public") || len([]rune(got)) > 44 {
		t.Errorf("the first action's objective %q", got)
	}
	statuses[0].SetSelected("in progress")
	uiq.Settle(planSaveDelay)
	saved, err := st.Plan(id)
	if err != nil || saved == nil || saved.Actions[0].Status != debrief.StatusInProgress {
		t.Fatalf("saved plan %+v, %v", saved, err)
	}
	// Moving the last action under the objective draws it there: after
	// the objective's others, before those under no objective.
	last := len(objectives) - 1
	moved := d.plan.model.Actions[last]
	objectives[last].SetSelected(names[0])
	uiq.Settle(planSaveDelay)
	saved, _ = st.Plan(id)
	var order []string
	for _, a := range saved.Actions {
		order = append(order, a.Objective)
	}
	at := slices.IndexFunc(saved.Actions, func(a debrief.PlanRow) bool { return a.What == moved.What && a.Team == moved.Team })
	firstNone := slices.Index(order, "")
	if at < 0 || saved.Actions[at].Objective != "notify" || (firstNone >= 0 && slices.Contains(order[firstNone:], "notify")) {
		t.Errorf("moved action at %d, objectives in order %q", at, order)
	}
	texts = debriefTexts(t, tabContent(d, tabPlan))
	n := 0
	for _, s := range texts {
		if s == "Notify the regulator in time (Public information and warning)" {
			n++
		}
	}
	if n != 1 { // the heading once (the choices are shortened)
		t.Errorf("the objective's heading appears %d times, want once", n)
	}
	d2 := h.openDebrief(id)
	var md strings.Builder
	if err := d2.writeDebrief(&md); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "#### Notify the regulator in time (Public information and warning)") || !strings.Contains(md.String(), "| in progress |") {
		t.Errorf("the export lacks the grouped plan:\n%s", md.String())
	}
}
