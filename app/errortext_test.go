package app

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/review"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// The home screen of a laptop whose database is in use elsewhere says so in
// Chinese, naming the file.
func TestHomeSaysTheDatabaseIsInUse(t *testing.T) {
	openErr := uitest.StoreRefusals(t)["locked"]
	sh := newShell(uitest.Window(t), i18n.ZH, deps{
		background:    uitest.Inline,
		openStore:     func() (*exercise.DB, error) { return nil, openErr },
		loadScenarios: func() ([]library.Entry, error) { return []library.Entry{uitest.MiniEntry(t)}, nil },
		clock:         engine.NewFakeClock(),
	})
	sh.load()
	t.Cleanup(sh.close)
	text := tree.AllText(sh.win.Content())
	var oe *exercise.OpenError
	errors.As(openErr, &oe)
	if !strings.Contains(text, "无法打开演练数据库：“"+oe.Path+"”正被另一个 Firebreak") {
		t.Errorf("home does not say in Chinese that %s is in use:\n%s", oe.Path, text)
	}
}

// A scenario that makes more happen at one moment than the engine allows
// stops the exercise on the facilitator's laptop, and ending the exercise
// still gives the debrief, which says why it stopped. (How the console
// tells the facilitator is tested in app/play.)
func TestAnExerciseStoppedAtTheLimitCanBeEnded(t *testing.T) {
	sh, run, clock := miniExercise(t)
	test.Tap(tree.FindButton(t, sh.body, "Start the clock"))

	// At 5:00 the mini scenario delivers the reporter's call and opens a
	// decision for both teams: more than 2 events at one moment.
	t.Cleanup(engine.SetLimitsForTest(2, engine.MaxEventsPerExercise))
	clock.Add(6 * time.Minute)
	if err := run.Session.Tick(); err == nil {
		t.Fatal("the exercise did not stop at the limit")
	}

	test.Tap(tree.FindButton(t, sh.body, "End exercise early"))
	test.Tap(tree.FindButton(t, tree.Dialog(t, sh.win), "End exercise"))
	currentAs[*review.Debrief](t, sh)
	if text := tree.AllText(sh.win.Content()); !strings.Contains(text, "stopped because the scenario made too much happen at once") {
		t.Errorf("the debrief does not say why the exercise stopped:\n%.2000s", text)
	}
}
