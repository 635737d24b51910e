package debrief

import (
	"bytes"
	"os"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

func worldScenario(t *testing.T) *scenario.Scenario {
	t.Helper()
	src, err := os.ReadFile("../engine/testdata/world.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sc, probs := scenario.Parse("world.yaml", src)
	if sc == nil || len(probs.Errors()) > 0 {
		t.Fatal(probs)
	}
	return sc
}

// The printable guides: one form per guided objective and team, with the
// objective's capability, targets and critical tasks in the language
// asked; the PDF has a page per form.
func TestPrintableEvaluationGuides(t *testing.T) {
	sc := worldScenario(t)
	forms := EEGForms(sc, "zh", []string{"Alpha", "Bravo"})
	if len(forms) != 2 || forms[0].Team != "Alpha" || forms[1].Team != "Bravo" {
		t.Fatalf("forms %+v", forms)
	}
	f := forms[0]
	if f.Objective != "按时通报监管机构" || f.Capability != "公共信息与预警" || len(f.Targets) != 1 || len(f.Targets[0].Tasks) != 4 {
		t.Errorf("form %+v", f)
	}
	if got := f.Targets[0].Tasks[3]; got.Text != "指定一名发言人" || got.How != "由评估员观察" {
		t.Errorf("the evaluator's task %+v", got)
	}
	if blank := EEGForms(sc, "en", nil); len(blank) != 1 || blank[0].Team != "" || blank[0].Objective != "Notify the regulator in time" {
		t.Errorf("a form with the team left blank: %+v", blank)
	}
	for _, lang := range []string{"en", "zh"} {
		pdf, err := EEGPDF(EEGForms(sc, lang, []string{"Alpha", "Bravo"}), lang)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Fatalf("%s: not a PDF", lang)
		}
		if n := bytes.Count(pdf, []byte("/Type /Page")) - bytes.Count(pdf, []byte("/Type /Pages")); n != 2 {
			t.Errorf("%s: %d pages, want one per form", lang, n)
		}
	}
	// A scenario without guides still prints, saying so.
	sc.Objectives[0].Capability, sc.Objectives[0].Targets = nil, nil
	if forms := EEGForms(sc, "en", nil); len(forms) != 0 {
		t.Errorf("forms for an objective without a guide: %+v", forms)
	}
	if _, err := EEGPDF(nil, "en"); err != nil {
		t.Error(err)
	}
}
