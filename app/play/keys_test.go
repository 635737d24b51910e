package play

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
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

var ctrlEnter = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierControl}

// TestCtrlEnterLeadsFromTheStatementToTheOptions: a team writing its
// statement gets to the options, one of which sends it, with Ctrl+Enter.
func TestCtrlEnterLeadsFromTheStatementToTheOptions(t *testing.T) {
	synctest.Test(t, testCtrlEnterLeadsFromTheStatementToTheOptions) // typing a statement starts the rubric's timer
}

func testCtrlEnterLeadsFromTheStatementToTheOptions(t *testing.T) {
	clock := engine.NewFakeClock()
	h := newHost(t)
	ex := showRun(h, Config{}, uitest.StartEntry(t, uitest.OpenStore(t), clock, uitest.EngineEntry(t, "world.yaml"), 0, "Alpha"))
	test.Tap(ex.console.pauseButton)
	advance(t, ex, clock, 4*time.Minute+time.Second)
	tv := ex.team(0)
	sd := tv.statements["notify"]
	if sd == nil {
		t.Fatal("no statement entry for notify")
	}
	ex.tabs.SelectIndex(1)
	h.win.Canvas().Focus(sd.entry)
	test.Type(sd.entry, "We are sorry.")
	sd.entry.TypedShortcut(ctrlEnter)
	focused, ok := h.win.Canvas().Focused().(*ui.KeyButton)
	if !ok || focused != tv.optionButtons["notify"][0] {
		t.Fatalf("after Ctrl+Enter the focus is on %T, want the first option's button", h.win.Canvas().Focused())
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
