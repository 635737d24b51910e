package review

import (
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// The history shows each exercise's organisation (the training programme)
// and files an exercise under one from its row.
func TestHistoryFilesAnExerciseUnderAnOrganisation(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	a := playedMini(t, st, clock, true, true)
	if err := st.SetOrganisation(a, "北区水务"); err != nil {
		t.Fatal(err)
	}
	w := newHost(t, st)
	w.setLang(i18n.ZH)
	w.openHistory()
	if !tree.Shown(t, w.win.Content(), "参演小组：Alpha、Bravo · 组织：北区水务") {
		t.Fatalf("the organisation is not shown:\n%s", tree.AllText(w.win.Content()))
	}
	tree.FindButton(t, w.win.Content(), "归入组织…").OnTapped()
	d := tree.Dialog(t, w.win)
	entries := tree.Find[*widget.SelectEntry](t, d)
	if len(entries) != 1 || entries[0].Text != "北区水务" {
		t.Fatalf("the dialog's entry: %v", entries)
	}
	entries[0].SetText("南区二期")
	tree.FindButton(t, d, "保存").OnTapped()
	orgs, err := st.Organisations()
	if err != nil || orgs[a] != "南区二期" {
		t.Fatalf("organisations = %v, %v", orgs, err)
	}
	if !tree.Shown(t, w.win.Content(), "参演小组：Alpha、Bravo · 组织：南区二期") {
		t.Errorf("after the change:\n%s", tree.AllText(w.win.Content()))
	}
}

// A later exercise of the organisation lists, under its plan, the earlier
// one's corrective action still open when it took place, and its report
// carries it.
func TestDebriefListsCarriedOverActions(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	a := playedMini(t, st, clock, true, true)
	if err := st.SavePlan(a, debrief.Plan{Actions: []debrief.PlanRow{
		{Team: "Alpha", What: "Slow first statement", Action: "Template for the first hour", Owner: "Comms lead", Due: "2020-01-01"}}}); err != nil {
		t.Fatal(err)
	}
	b := playedMini(t, st, clock, false, true)
	for _, id := range []string{a, b} {
		if err := st.SetOrganisation(id, "North Water"); err != nil {
			t.Fatal(err)
		}
	}
	w := newHost(t, st)
	d := w.openDebrief(b)
	d.selectTab(tabPlan)
	plan := tabContent(d, tabPlan)
	for _, want := range []string{"Carried over from earlier exercises of the organisation", "Alpha · Slow first statement", "Template for the first hour"} {
		if !tree.Shown(t, plan, want) {
			t.Errorf("%q is not shown:\n%s", want, tree.AllText(plan))
		}
	}
	if r := d.buildReport("en", ""); len(r.CarriedOver) != 1 || r.CarriedOver[0].State != debrief.ActionOverdue {
		t.Errorf("the report's carried-over actions: %+v", r.CarriedOver)
	}
	if r := d.buildReport("en", "Bravo"); len(r.CarriedOver) != 0 {
		t.Errorf("Bravo's handout carries Alpha's action: %+v", r.CarriedOver)
	}
	// The first exercise has none.
	if d := w.openDebrief(a); len(d.buildReport("en", "").CarriedOver) != 0 {
		t.Error("the first exercise has carried-over actions")
	}
}
