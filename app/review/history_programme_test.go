package review

import (
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
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
