package play

import (
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// world.yaml's decision "notify" asks for a press release containing the
// facts "hotline" (400-123) and "date" (May 3). (What the debrief shows of
// the statements is followed in the app's tests.)
func TestStatementReachesEngineAndDebrief(t *testing.T) {
	synctest.Test(t, testStatementReachesEngineAndDebrief) // typing a statement starts the rubric's timer
}

func testStatementReachesEngineAndDebrief(t *testing.T) {
	clock := engine.NewFakeClock()
	h := newHost(t)
	run := uitest.StartEntry(t, uitest.OpenStore(t), clock, uitest.EngineEntry(t, "world.yaml"), 0, "Alpha", "Bravo")
	ex := showRun(h, Config{}, run)
	test.Tap(ex.console.pauseButton) // start the clock
	clock.Add(4*time.Minute + time.Second)
	if err := run.Session.Tick(); err != nil {
		t.Fatal(err)
	}
	ex.refresh()
	tv := ex.team(0)
	sd := tv.statements["notify"]
	if sd == nil {
		t.Fatal("decision notify shows no statement entry")
	}
	if tv.statements["internal"] != nil {
		t.Error("a decision without a statement shows an entry")
	}
	if !sd.entry.MultiLine {
		t.Error("the statement entry is one line")
	}
	if len(sd.checks) != 2 {
		t.Fatalf("%d facts listed, want 2", len(sd.checks))
	}
	ticked := func() []bool {
		var out []bool
		for _, c := range sd.checks {
			out = append(out, c.Resource.Name() != theme.CheckButtonIcon().Name())
		}
		return out
	}

	text := "We are sorry. Call our hotline 400-123 for help."
	test.Type(sd.entry, text)
	if got := ticked(); !slices.Equal(got, []bool{true, false}) {
		t.Errorf("checklist after typing the hotline = %v, want [true false]", got)
	}

	// The draft survives a redraw (an inject arriving while the team types)
	// and a language switch.
	clock.Add(time.Minute)
	if err := run.Session.Tick(); err != nil {
		t.Fatal(err)
	}
	ex.refresh()
	h.setLang(i18n.ZH)
	h.setLang(i18n.EN)
	tv = ex.team(0)
	sd = tv.statements["notify"]
	if sd == nil || sd.entry.Text != text {
		t.Fatalf("the draft was lost: %v", sd)
	}

	// The options come before the statement editor, where the team sees
	// them without scrolling past it.
	card := tv.decisions.Objects[slices.IndexFunc(tv.decisions.Objects, func(o fyne.CanvasObject) bool {
		return tree.Holds(t, o, sd.entry)
	})]
	items := card.(*fyne.Container).Objects
	opt := slices.IndexFunc(items, func(o fyne.CanvasObject) bool { return tree.Holds(t, o, optionButton(t, tv, "notify", 0)) })
	editor := slices.IndexFunc(items, func(o fyne.CanvasObject) bool { return tree.Holds(t, o, sd.entry) })
	if opt < 0 || editor < 0 || opt > editor {
		t.Errorf("in the decision card the first option is item %d and the statement editor item %d: want the options first", opt, editor)
	}

	test.Tap(optionButton(t, tv, "notify", 0)) // report
	if tv.confirm == nil {
		t.Fatal("no confirmation")
	}
	if got := dialogText(t, tv.win); !strings.Contains(got, "Your statement (48 characters) is sent with this choice.") {
		t.Errorf("confirmation says %q", got)
	}
	tv.confirm.Confirm()

	run.Session.Read(func(s *engine.State) {
		a := s.Team("Alpha").Answers
		i := slices.IndexFunc(a, func(a engine.Answer) bool { return a.Decision.ID == "notify" })
		if i < 0 {
			t.Fatal("Alpha has not answered notify")
		}
		if a[i].Statement != text || !slices.Equal(a[i].FactsFound, []string{"hotline"}) {
			t.Errorf("engine got statement %q with facts %v", a[i].Statement, a[i].FactsFound)
		}
	})

	// The team sees what it sent among its decisions.
	ex.refresh()
	if sent := tree.AllText(ex.team(0).history); !strings.Contains(sent, `Statement sent: "`+text+`"`) {
		t.Errorf("Alpha's decisions do not show the statement it sent:\n%s", sent)
	}

	// Bravo answers without a statement; both teams have reached the
	// ending, so the exercise ends into the debrief.
	tb := ex.team(1)
	test.Tap(optionButton(t, tb, "notify", 1))
	if got := dialogText(t, tb.win); !strings.Contains(got, "You have not written a statement") {
		t.Errorf("confirming without a statement says %q", got)
	}
	tb.confirm.Confirm()

	if !slices.Equal(h.debriefs, []string{run.ID}) {
		t.Errorf("the exercise went to the debriefs %v, want its own", h.debriefs)
	}
}
