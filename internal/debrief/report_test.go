package debrief

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// playedWorld plays internal/engine/testdata/world.yaml headless with two
// teams, as TestMarkdownWorldGolden does: Bravo reports promptly with a
// statement that lacks the date, Alpha stays silent and misses the
// regulatory deadline. It returns the state and the log.
func playedWorld(t testing.TB) (*engine.State, []engine.Event) {
	t.Helper()
	src, err := os.ReadFile("../engine/testdata/world.yaml")
	if err != nil {
		t.Fatal(err)
	}
	log := &engine.MemoryLog{}
	s, err := engine.Start(engine.Config{ScenarioID: "world", Source: src, Teams: []string{"Alpha", "Bravo"}, Lang: "en", Seed: 42}, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	send := func(c engine.Command) {
		t.Helper()
		if err := s.Send(c); err != nil {
			t.Fatal(err)
		}
	}
	advance := func(d time.Duration) {
		t.Helper()
		if err := s.AdvanceTo(d); err != nil {
			t.Fatal(err)
		}
	}
	send(engine.Command{Kind: engine.CmdResume})
	advance(6 * time.Minute)
	send(engine.Command{Kind: engine.CmdChoose, Team: "Bravo", Decision: "notify", Option: "report",
		Text: "We are sorry.\nCall 400-123-456 any time."})
	advance(60 * time.Minute)
	var st *engine.State
	s.Read(func(x *engine.State) { st = x })
	return st, log.Events
}

// A choice the engine refused is told in the report's language, from the
// refusal's code in the log; a log from before codes keeps the engine's
// words.
func TestRejectedChoiceInTheReportsLanguage(t *testing.T) {
	s, log := startWorld(t, "Alpha")
	// The decision opens later: choosing now is refused, and logged.
	if err := s.Send(engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "notify", Option: "report"}); !errors.Is(err, engine.ErrNotOpen) {
		t.Fatalf("choosing before the decision opens: %v", err)
	}
	var st *engine.State
	s.Read(func(x *engine.State) { st = x })
	for _, lang := range []string{"en", "zh"} {
		rej := Build(st, log.Events, lang, "").Teams[0].Rejected
		if len(rej) != 1 || rej[0].Reason != RefusalText(engine.ErrNotOpen.Code, lang) || rej[0].Reason == engine.ErrNotOpen.Code {
			t.Errorf("%s: refused choices %+v, want the words of %q", lang, rej, engine.ErrNotOpen.Code)
		}
		d := st.Scenario.Decision("notify")
		if want := Quote(lang, Question(d.Prompt.Get(lang))) + " → "; len(rej) == 1 && !strings.HasPrefix(rej[0].Choice, want) {
			t.Errorf("%s: the refused choice is named %q, want it to start %q", lang, rej[0].Choice, want)
		}
	}
	// As an older log has it: no code.
	old := slices.Clone(log.Events)
	for i := range old {
		old[i].Code = ""
	}
	legacy, err := engine.Fold(old)
	if err != nil {
		t.Fatal(err)
	}
	if rej := Build(legacy, old, "zh", "").Teams[0].Rejected; len(rej) != 1 || !strings.Contains(rej[0].Reason, "not open") {
		t.Errorf("a refusal logged without its code: %+v, want the engine's words", rej)
	}
}

// startWorld starts internal/engine/testdata/world.yaml headless for the
// teams, in English with seed 42, and runs its clock.
func startWorld(t *testing.T, teams ...string) (*engine.Session, *engine.MemoryLog) {
	t.Helper()
	src, err := os.ReadFile("../engine/testdata/world.yaml")
	if err != nil {
		t.Fatal(err)
	}
	log := &engine.MemoryLog{}
	s, err := engine.Start(engine.Config{ScenarioID: "world", Source: src, Teams: teams, Lang: "en", Seed: 42}, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	return s, log
}
