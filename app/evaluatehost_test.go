package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// The console's Evaluate button opens an evaluator's window on the
// facilitator's laptop: it asks a name (not "facilitator", not empty),
// then records under it; a second window is a second evaluator; ending the
// exercise closes them.
func TestConsoleOpensEvaluatorWindows(t *testing.T) {
	sh, run, _ := miniExercise(t)
	windows := func() int { return len(fyne.CurrentApp().Driver().AllWindows()) }
	before := windows()
	test.Tap(tree.FindButton(t, sh.body, "Evaluate"))
	if windows() != before+1 || len(sh.evalWindows) != 1 {
		t.Fatalf("windows %d → %d, evaluator windows %d", before, windows(), len(sh.evalWindows))
	}
	w := sh.evalWindows[0]
	content := w.Window().Content()
	name := tree.Find[*widget.Entry](t, content)[0]
	name.SetText("Facilitator")
	test.Tap(tree.FindButton(t, content, "Start evaluating"))
	if strings.Contains(w.Window().Title(), "Facilitator") || !strings.Contains(deepText(t, w.Window().Content()), w.Loc().T("evaluate.name_error", "n", 40)) {
		t.Fatal("the facilitator's own seat was taken as an evaluator's name")
	}
	tree.Find[*widget.Entry](t, w.Window().Content())[0].SetText("Lee")
	test.Tap(tree.FindButton(t, w.Window().Content(), "Start evaluating"))
	if !strings.Contains(w.Window().Title(), "Lee") || !tree.Shown(t, w.Window().Content(), "Add observation") {
		t.Fatalf("the evaluator's view did not open (title %q)", w.Window().Title())
	}
	var obs *widget.Entry
	for _, e := range tree.Find[*widget.Entry](t, w.Window().Content()) {
		if e.PlaceHolder == w.Loc().T("evaluate.observation_hint") {
			obs = e
		}
	}
	obs.SetText("Alpha argues about who speaks")
	test.Tap(tree.FindButton(t, w.Window().Content(), "Add observation"))
	n := 0
	run.Session.Read(func(st *engine.State) {
		for _, o := range st.Team("Alpha").Observations {
			if o.Evaluator == "Lee" && o.Text == "Alpha argues about who speaks" {
				n++
			}
		}
	})
	if n != 1 {
		t.Errorf("the observation is stored %d times", n)
	}
	// Its own language.
	test.Tap(tree.FindButton(t, w.Window().Content(), "中文"))
	if !strings.Contains(deepText(t, w.Window().Content()), "评估员“Lee”") || !strings.Contains(deepText(t, sh.body), "Evaluate") {
		t.Error("the evaluator's window did not switch to Chinese alone")
	}

	test.Tap(tree.FindButton(t, sh.body, "Evaluate"))
	if len(sh.evalWindows) != 2 {
		t.Fatalf("%d evaluator windows", len(sh.evalWindows))
	}
	test.Tap(tree.FindButton(t, sh.body, "End exercise early"))
	test.Tap(tree.FindButton(t, tree.Dialog(t, sh.win), "End exercise"))
	if len(sh.evalWindows) != 0 || windows() != before {
		t.Errorf("after the end: %d evaluator windows, %d windows (before %d)", len(sh.evalWindows), windows(), before)
	}
}
