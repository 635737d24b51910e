package review

import (
	"testing"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// TestDebriefNamesTheVersion: the debrief's overview says which version
// was played (the cut and the difficulty chosen at setup), in the UI
// language.
func TestDebriefNamesTheVersion(t *testing.T) {
	st := uitest.OpenStore(t)
	e, err := library.Find("airline-disruption")
	if err != nil {
		t.Fatal(err)
	}
	run, err := exercise.Start(st, engine.Config{ScenarioID: e.ID, Source: e.Source, Media: e.Media, Teams: []string{"Alpha"},
		Lang: "en", Speed: 1, Cut: "short", Difficulty: "easy"}, e.Scenario.Title, "gui", engine.NewFakeClock(), exercise.EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	if err := run.Session.Send(engine.Command{Kind: engine.CmdEnd}); err != nil {
		t.Fatal(err)
	}
	if err := run.Flush(); err != nil {
		t.Fatal(err)
	}
	h := newHost(t, st)
	d := h.openDebrief(run.ID)
	texts := debriefTexts(t, tabContent(d, 0))
	if !hasText(texts, "Version: 30-minute version, easy difficulty") || !hasText(texts, "Scenario length: 00:30:00") {
		t.Errorf("the overview does not name the version played: %q", texts)
	}
	h.setLang(i18n.ZH)
	d = shown[*Debrief](t, h)
	if texts := debriefTexts(t, tabContent(d, 0)); !hasText(texts, "版本：30分钟版，简单难度") {
		t.Errorf("the Chinese overview does not name the version: %q", texts)
	}
}
