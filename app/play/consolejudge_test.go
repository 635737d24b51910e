package play

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// TestTheConsoleShowsAnOverride: the override button of Alpha's card opens
// the dialog for Alpha; once saved, the card shows the computed score, an
// arrow and the facilitator's, and Bravo's shows none.
func TestTheConsoleShowsAnOverride(t *testing.T) {
	h, ex, clock := startVoices(t)
	c := ex.console
	advance(t, ex, clock, 2*time.Minute)
	chooseOption(t, ex.team(0), "first", 1) // honest: empathy +2 → 83

	test.Tap(tree.FindButton(t, consoleCard(t, c, "Alpha"), h.loc.T("judge.override_button")))
	dlg := tree.Dialog(t, h.win)
	dims, values, reasons := tree.Find[*widget.Select](t, dlg), tree.Find[*widget.Entry](t, dlg), tree.Find[*ui.SendEntry](t, dlg)
	if len(dims) != 1 || len(values) != 1 || len(reasons) != 1 {
		t.Fatalf("the override dialog shows %d dimension lists, %d score fields, %d reasons", len(dims), len(values), len(reasons))
	}
	dims[0].SetSelected("Empathy")
	values[0].SetText("40")
	reasons[0].SetText("The statement's tone was cold.")
	test.Tap(tree.FindButton(t, dlg, h.loc.T("judge.override_save")))
	if got := scoreLine(t, c, "Alpha"); !strings.Contains(got, "Empathy 83 → 40*") {
		t.Errorf("Alpha's card scores: %q", got)
	}
	if got := scoreLine(t, c, "Bravo"); strings.Contains(got, "*") {
		t.Errorf("Bravo's card shows an override: %q", got)
	}
}

// TestTheConsoleShowsRatingsNotesAndInjects: what the facilitator's
// judgement stored shows on the cards, and an ad-hoc inject in the team's
// view.
func TestTheConsoleShowsRatingsNotesAndInjects(t *testing.T) {
	_, ex, clock := startVoices(t)
	c := ex.console
	advance(t, ex, clock, 6*time.Minute)
	chooseOption(t, ex.team(0), "first", 1)
	before := len(inboxCards(ex.team(0)))
	for _, cmd := range []engine.Command{
		{Kind: engine.CmdRate, Team: "Alpha", Objective: "speak", Rating: "M", Text: "Slow to agree a line."},
		{Kind: engine.CmdNote, Team: "Alpha", Decision: "first", Text: "Legal was not consulted."},
		{Kind: engine.CmdInject, Team: "Alpha", Channel: "phone", Text: "A journalist calls back."},
	} {
		if err := ex.run.Session.Send(cmd); err != nil {
			t.Fatalf("%s: %v", cmd.Kind, err)
		}
	}
	ex.refresh()
	if got := ratingLines(t, c, "Alpha"); len(got) != 1 || !strings.HasPrefix(got[0], "M · Speak early and honestly") {
		t.Errorf("Alpha's card: %q", got)
	}
	if got := ratingLines(t, c, "Bravo"); len(got) != 1 || !strings.HasPrefix(got[0], "– (suggested U) · Speak early") {
		t.Errorf("Bravo's card: %q", got)
	}
	if !strings.Contains(c.lastNote.Text, "Legal was not consulted.") {
		t.Errorf("the console's last note line says %q", c.lastNote.Text)
	}
	if n := len(inboxCards(ex.team(0))); n != before+1 {
		t.Errorf("Alpha's view lists %d injects, want %d", n, before+1)
	}
}
