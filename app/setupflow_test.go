package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/play"
	"github.com/firebreak-drills/firebreak/app/setup"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// The setup form's own tests are in app/setup; here, starting an exercise
// through it in the shell.

// setupForm is the setup form the shell shows, its widgets found in the
// drawn tree. It is what was drawn when it was made: after a redraw, make
// another.
type setupForm struct {
	scenarioSelect *widget.Select  // the first select
	teamEntries    []*widget.Entry // the entries that are not the PIN's or the organisation's
	orgEntry       *widget.Entry   // the organisation or cohort
	pinEntry       *widget.Entry
	pinError       *ui.WrapLabel // the message beside the PIN
	autoPauseCheck *widget.Check
	severalCheck   *widget.Check // nil when team laptops are not offered
	startButton    *ui.KeyButton // Start, or Starting… while it starts
}

// shownSetup is the setup form shown in sh; the test fails when another
// screen shows.
func shownSetup(t *testing.T, sh *shell) setupForm {
	t.Helper()
	currentAs[*setup.Screen](t, sh)
	body, loc := sh.body, sh.loc
	check := func(label string) *widget.Check {
		return firstOf(tree.Find[*widget.Check](t, body), func(c *widget.Check) bool { return c.Text == label })
	}
	entries := tree.Find[*widget.Entry](t, body)
	f := setupForm{
		scenarioSelect: firstOf(tree.Find[*widget.Select](t, body), nil),
		teamEntries: allOf(entries, func(e *widget.Entry) bool {
			return !e.Password && e.PlaceHolder != loc.T("programme.org_placeholder")
		}),
		orgEntry:       firstOf(entries, func(e *widget.Entry) bool { return e.PlaceHolder == loc.T("programme.org_placeholder") }),
		pinEntry:       firstOf(entries, func(e *widget.Entry) bool { return e.Password }),
		autoPauseCheck: check(loc.T("setup.auto_pause")),
		severalCheck:   check(loc.T("setup.several")),
		startButton: firstOf(tree.Find[*ui.KeyButton](t, body), func(b *ui.KeyButton) bool {
			return b.Text == loc.T("home.start") || b.Text == loc.T("setup.starting")
		}),
	}
	pinBox := firstOf(tree.Find[*fyne.Container](t, body), func(c *fyne.Container) bool {
		return slices.Contains(c.Objects, fyne.CanvasObject(f.pinEntry))
	})
	if f.pinEntry == nil || pinBox == nil || f.startButton == nil {
		t.Fatalf("no PIN or start in the setup form:\n%s", tree.AllText(body))
	}
	f.pinError = firstOf(tree.Find[*ui.WrapLabel](t, pinBox), func(l *ui.WrapLabel) bool { return l.Importance == widget.DangerImportance })
	return f
}

// Fixed after a refusal, the names start the exercise, spaces trimmed: it
// is stored with them and the exercise screen shows the console and a tab
// per team.
func TestSetupStartsTheExerciseWithTheTypedNames(t *testing.T) {
	st := uitest.OpenStore(t)
	sh := testShell(t, st, engine.NewFakeClock())
	sh.showSetup(sh.scenarios[0])
	s := shownSetup(t, sh)
	s.teamEntries[1].SetText("alpha")
	test.Tap(s.startButton)
	s = shownSetup(t, sh) // refused, redrawn

	s.teamEntries[1].SetText("Bravo")
	s.teamEntries[0].SetText(" Red ")
	test.Tap(s.startButton)
	currentAs[*play.Screen](t, sh)
	list, err := st.Unfinished()
	if err != nil || len(list) != 1 {
		t.Fatalf("unfinished = %v, %v; want the new exercise", list, err)
	}
	if got := strings.Join(list[0].Teams, ","); got != "Red,Bravo" {
		t.Errorf("teams stored = %s", got)
	}
	if tabs := exerciseTabs(t, sh.body); len(tabs.Items) != 3 || tabs.Items[1].Text != "Red" || tabs.Items[2].Text != "Bravo" {
		var names []string
		for _, it := range tabs.Items {
			names = append(names, it.Text)
		}
		t.Errorf("exercise screen: tabs %q, want the console + a tab per team", names)
	}
}
