package play

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/rubric"
)

func TestRubricLines(t *testing.T) {
	r := rubric.Judge("No comment. Call our hotline 400-123.", rubric.Context{Lang: "en", Facts: []rubric.Fact{rubric.NewFact("hotline", map[string]string{"en": "Hotline"}, map[string][]string{"": {"400-123"}}, "en")}})
	passed, missing, penalties := rubricLines(r)
	ids := func(cs []rubric.Check) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	if !slices.Contains(ids(penalties), "no-comment") {
		t.Errorf("penalties %v lack no-comment", ids(penalties))
	}
	if !slices.Contains(ids(passed), "contact") {
		t.Errorf("passed %v lack contact", ids(passed))
	}
	for _, c := range append(append(passed, missing...), penalties...) {
		if strings.HasPrefix(c.ID, "fact:") {
			t.Errorf("fact check %s listed (the checklist shows facts)", c.ID)
		}
	}
	if len(passed)+len(missing)+len(penalties) == 0 || len(missing) == 0 {
		t.Errorf("passed %v, missing %v", ids(passed), ids(missing))
	}
}

// The icons the rubric panel draws beside its lines: a penalty that
// fired, a check passed, a check not yet met.
var (
	penaltyIcon = theme.NewErrorThemedResource(theme.CancelIcon())
	passIcon    = theme.NewSuccessThemedResource(theme.ConfirmIcon())
	missingIcon = theme.RadioButtonIcon()
)

// rubricShown are the texts of the rubric panel's lines drawn beside icon,
// in order.
func rubricShown(t *testing.T, rv *rubricView, icon fyne.Resource) []string {
	t.Helper()
	var out []string
	for _, line := range rv.list.Objects {
		icons := tree.Find[*widget.Icon](t, line)
		if len(icons) != 1 || icons[0].Resource == nil || icons[0].Resource.Name() != icon.Name() {
			continue
		}
		for _, l := range tree.Find[*ui.WrapLabel](t, line) {
			out = append(out, l.Text)
		}
	}
	return out
}

// The rubric judges a statement once typing has paused for judgeDelay (in
// a synctest bubble, whose clock moves only when the test sleeps).
func TestRubricFeedbackOnAStatement(t *testing.T) {
	synctest.Test(t, testRubricFeedbackOnAStatement)
}

func testRubricFeedbackOnAStatement(t *testing.T) {
	h, ex, _ := startWorld(t, "en")
	uiq := uitest.QueueUI(t) // the test's goroutine is the UI goroutine
	sd := ex.team(0).statements["notify"]
	if sd == nil || sd.rubric == nil {
		t.Fatal("decision notify shows no statement entry with feedback")
	}
	rv := sd.rubric
	if rv.result != nil || len(rv.list.Objects) != 1 {
		t.Fatal("feedback shown before anything was written")
	}
	honest := false
	test.Type(sd.entry, "No comment. Call our hotline 400-123.")
	if rv.result != nil {
		t.Fatal("judged while typing, before the pause")
	}
	uiq.Settle(judgeDelay - time.Millisecond)
	if rv.result != nil {
		t.Fatal("judged before typing had paused for judgeDelay")
	}
	uiq.Settle(time.Millisecond)
	if rv.result == nil {
		t.Fatal("not judged after the pause")
	}
	// Each failure is explained in one line under it, in the UI language.
	if got := rubricShown(t, rv, penaltyIcon); len(got) != 1 || !strings.HasPrefix(got[0], `"No comment" (-30): "No comment"`+"\nSilence is filled by others") {
		t.Errorf("penalties shown: %q", got)
	}
	if got := rubricShown(t, rv, passIcon); !slices.ContainsFunc(got, func(s string) bool {
		return strings.HasPrefix(s, "A contact channel: ") && strings.Contains(s, "400-123")
	}) {
		t.Errorf("passes shown: %q", got)
	}
	if got := rubricShown(t, rv, missingIcon); !slices.Contains(got, "Not yet: Apologises. Apologise without conditions for what happened, not for how people feel.") {
		t.Errorf("missing lines: %q", got)
	}
	if got := rv.dimBars[rubric.Transparency].value.Text; got == "" {
		t.Error("no transparency score shown")
	}
	if rv.overall.Text != fmt.Sprintf("Overall %.0f/100 (capped)", rv.result.Overall) {
		t.Errorf("overall = %q (result %g)", rv.overall.Text, rv.result.Overall)
	}
	// The honesty line.
	for _, o := range rv.box.Objects {
		honest = honest || strings.Contains(tree.AllText(o), "rule-based")
	}
	if !honest {
		t.Error("the panel does not say the judge is rule-based")
	}

	// A better statement clears the penalty.
	sd.entry.SetText("We are sorry. Call our hotline 400-123.")
	uiq.Settle(judgeDelay)
	if got := rubricShown(t, rv, penaltyIcon); len(got) != 0 {
		t.Errorf("penalties after rewriting: %q", got)
	}

	// Labels follow the UI language; the draft and its feedback survive the
	// switch.
	h.setLang(i18n.ZH)
	sd = ex.team(0).statements["notify"]
	if sd.rubric.result == nil {
		t.Fatal("the restored draft is not judged")
	}
	if got := rubricShown(t, sd.rubric, passIcon); !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "道歉：") }) {
		t.Errorf("passes in Chinese: %q", got)
	}
	// Closing the view calls off the judging still waiting.
	rv = sd.rubric
	shown := rv.result
	test.Type(sd.entry, "!")
	h.leave()
	uiq.Settle(judgeDelay)
	if rv.result != shown {
		t.Error("a text typed just before the view closed was judged after it closed")
	}
}
