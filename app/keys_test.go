package app

import (
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

var ctrlEnter = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierControl}

// TestEnterPressesTheFocusedButton: a button with the focus is pressed by
// Enter as well as Space, and a disabled one by neither.
func TestEnterPressesTheFocusedButton(t *testing.T) {
	w := uitest.Window(t)
	n := 0
	b := ui.NewButton("Go", func() { n++ })
	w.SetContent(b)
	w.Canvas().Focus(b)
	for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace} {
		w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: k})
	}
	if n != 3 {
		t.Errorf("Enter, keypad Enter and Space pressed the button %d times, want 3", n)
	}
	b.Disable()
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if n != 3 {
		t.Error("Enter pressed a disabled button")
	}
}

// TestCtrlEnterSends: in a multi-line field Enter starts a new line, and
// Ctrl+Enter sends; other shortcuts still reach the field.
func TestCtrlEnterSends(t *testing.T) {
	w := uitest.Window(t)
	sent := 0
	e := ui.NewSendEntry()
	e.OnSend = func() { sent++ }
	w.SetContent(e)
	w.Canvas().Focus(e)
	test.Type(e, "one")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Type(e, "two")
	if e.Text != "one\ntwo" || sent != 0 {
		t.Errorf("Enter in the field: text %q, sent %d; want a new line and nothing sent", e.Text, sent)
	}
	e.TypedShortcut(ctrlEnter)
	if sent != 1 || e.Text != "one\ntwo" {
		t.Errorf("Ctrl+Enter: sent %d, text %q", sent, e.Text)
	}
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	if e.SelectedText() != "one\ntwo" {
		t.Errorf("Ctrl+A no longer selects all: %q", e.SelectedText())
	}
}

// TestCtrlEnterLeadsFromTheStatementToTheOptions: a team writing its
// statement gets to the options, one of which sends it, with Ctrl+Enter.
func TestCtrlEnterLeadsFromTheStatementToTheOptions(t *testing.T) {
	synctest.Test(t, testCtrlEnterLeadsFromTheStatementToTheOptions) // typing a statement starts the rubric's timer
}

func testCtrlEnterLeadsFromTheStatementToTheOptions(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	world := uitest.EngineEntry(t, "world.yaml")
	sh := shellWith(t, st, clock, "", world)
	run, err := exercise.Start(st, engine.Config{ScenarioID: world.ID, Source: world.Source, Teams: []string{"Alpha"},
		Lang: "en", Speed: 1}, world.Scenario.Title, "gui", clock, exercise.EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	sh.showExercise(run, nil)
	ex := currentAs[*exerciseScreen](t, sh)
	test.Tap(ex.console.pauseButton)
	advanceExercise(t, ex, clock, 4*time.Minute+time.Second)
	tv := ex.teams[0]
	sd := tv.statements["notify"]
	if sd == nil {
		t.Fatal("no statement entry for notify")
	}
	ex.tabs.SelectIndex(1)
	sh.win.Canvas().Focus(sd.entry)
	test.Type(sd.entry, "We are sorry.")
	sd.entry.TypedShortcut(ctrlEnter)
	focused, ok := sh.win.Canvas().Focused().(*ui.KeyButton)
	if !ok || focused != tv.optionButtons["notify"][0] {
		t.Fatalf("after Ctrl+Enter the focus is on %T, want the first option's button", sh.win.Canvas().Focused())
	}
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if tv.confirm == nil {
		t.Fatal("Enter on the option asks no confirmation")
	}
}

// A refused choice is explained in the UI's language, not the engine's
// English.
func TestARefusedChoiceIsExplainedInChinese(t *testing.T) {
	s, err := engine.Start(engine.Config{ScenarioID: "mini", Source: uitest.MiniEntry(t).Source, Teams: []string{"Alpha"}, Lang: "zh", Speed: 1},
		&engine.MemoryLog{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	zh := i18n.New(i18n.ZH)
	err = s.Send(engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "first", Option: "good"})
	if got := choiceRefusedText(zh, err); got != zh.T("team.choice_refused") {
		t.Errorf("a decision not open: %q", got)
	}
	long := strings.Repeat("长", engine.MaxStatementLen+1)
	if err := s.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	if err := s.AdvanceTo(6 * time.Minute); err != nil {
		t.Fatal(err)
	}
	err = s.Send(engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "first", Option: "good", Text: long})
	if got := choiceRefusedText(zh, err); got != "选择未被记录：内容过长。" {
		t.Errorf("a statement too long: %q", got)
	}
}
