package app

import (
	"slices"
	"testing"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// testWindow is a headless window with the app's theme.
// testShell is the app's window on a temporary store, the mini scenario and
// a fake clock, with no ticker: tests move the clock and tick themselves.
func testShell(t *testing.T, st *exercise.DB, clock *engine.FakeClock) *shell {
	t.Helper()
	return shellWith(t, st, clock, "", uitest.MiniEntry(t))
}

// shellWith is testShell with the given built-in scenarios and user
// scenario folder.
func shellWith(t *testing.T, st *exercise.DB, clock *engine.FakeClock, userDir string, entries ...library.Entry) *shell {
	t.Helper()
	sh := newShell(uitest.Window(t), i18n.EN, deps{
		openStore:     func() (*exercise.DB, error) { return st, nil },
		loadScenarios: func() ([]library.Entry, error) { return entries, nil },
		clock:         clock,
		userDir:       userDir,
	})
	sh.load() // in tests fyne.Do runs at once, so this fills the home screen
	t.Cleanup(sh.close)
	return sh
}

func currentAs[T screen](t *testing.T, sh *shell) T {
	t.Helper()
	s, ok := sh.current.(T)
	if !ok {
		t.Fatalf("current screen is %T", sh.current)
	}
	return s
}

// optionButton is the button of a decision's option given by its place in
// the scenario file: teams see options shuffled, so tests find the button
// by the option's id.
func optionButton(t *testing.T, tv *teamView, decision string, fileIndex int) *ui.KeyButton {
	t.Helper()
	d := tv.scenario.Decision(decision)
	if d == nil || fileIndex >= len(d.Options) {
		t.Fatalf("decision %s has no option %d", decision, fileIndex)
	}
	i := slices.Index(tv.optionIDs[decision], d.Options[fileIndex].ID)
	if i < 0 || i >= len(tv.optionButtons[decision]) {
		t.Fatalf("decision %s shows no button for option %s (shows %v)", decision, d.Options[fileIndex].ID, tv.optionIDs[decision])
	}
	return tv.optionButtons[decision][i]
}
