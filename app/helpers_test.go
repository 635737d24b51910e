package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
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
		background:    uitest.Inline,
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

// The exercise screen and the team laptop's screen are app/play's and
// app/join's: the tests of the ways through the window find what they
// show in the drawn tree.

// miniExercise shows the mini scenario's exercise for Alpha and Bravo on a
// fake clock, paused at 0 as a new exercise is, and returns what it runs.
func miniExercise(t *testing.T) (*shell, *exercise.Running, *engine.FakeClock) {
	t.Helper()
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	sh := testShell(t, st, clock)
	run := uitest.StartMini(t, st, clock)
	sh.showExercise(run, nil)
	return sh, run, clock
}

// exerciseTabs are the tabs of the exercise screen drawn in o: the first
// tabs drawn (a team view's inbox and feed tabs come after).
func exerciseTabs(t *testing.T, o fyne.CanvasObject) *container.AppTabs {
	t.Helper()
	tabs := tree.Find[*container.AppTabs](t, o)
	if len(tabs) == 0 {
		t.Fatalf("no tabs in:\n%s", tree.AllText(o))
	}
	return tabs[0]
}

// shownText is the text of the labels, rich texts and canvas texts drawn
// in o that are visible (not hidden, nor in a hidden container), one per
// line.
func shownText(o fyne.CanvasObject) string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(v.Content)
		default:
			if text, ok := tree.TextOf(o); ok {
				out = append(out, text)
			}
		}
	}
	walk(o)
	return strings.Join(out, "\n")
}

// cardText is the text of the first box drawn in o that holds a label
// reading heading (a team's card in the console, by the team's name).
func cardText(t *testing.T, o fyne.CanvasObject, heading string) string {
	t.Helper()
	cards := tree.Around(t, o, heading)
	if len(cards) == 0 {
		t.Fatalf("no card headed %q in:\n%s", heading, tree.AllText(o))
	}
	return tree.AllText(cards[0])
}

// findOption is the button that chooses the option reading text in a team
// view drawn in o (the button beside the option's text), or nil.
func findOption(t *testing.T, o fyne.CanvasObject, text string) *ui.KeyButton {
	t.Helper()
	for _, c := range tree.Around(t, o, text) {
		if bs := tree.Find[*ui.KeyButton](t, c); len(bs) > 0 {
			return bs[0]
		}
	}
	return nil
}

// optionButton is findOption for the option of a decision of a scenario
// given by its place in the file (teams see options shuffled); the test
// fails when none is drawn.
func optionButton(t *testing.T, o fyne.CanvasObject, e library.Entry, decision string, fileIndex int) *ui.KeyButton {
	t.Helper()
	d := e.Scenario.Decision(decision)
	if d == nil || fileIndex >= len(d.Options) {
		t.Fatalf("decision %s has no option %d", decision, fileIndex)
	}
	text := d.Options[fileIndex].Text.Get("en")
	b := findOption(t, o, text)
	if b == nil {
		t.Fatalf("no button for option %q of %s in:\n%s", text, decision, tree.AllText(o))
	}
	return b
}

// findAll is tree.Find for the type of like's elements: it finds widgets
// of the UI kit whose type is not exported (like: a nil slice of them,
// such as (&ui.WorldMeters{}).Meters).
func findAll[T fyne.CanvasObject](t *testing.T, o fyne.CanvasObject, like []T) []T {
	t.Helper()
	return tree.Find[T](t, o)
}

// deepText is the text of every label, rich text and canvas text drawn in
// o, looking into widgets too (a split, tabs), one per line (a label's
// text comes again from the texts that draw it).
func deepText(t *testing.T, o fyne.CanvasObject) string {
	t.Helper()
	var out []string
	for _, c := range tree.Find[fyne.CanvasObject](t, o) {
		if text, ok := tree.TextOf(c); ok {
			out = append(out, text)
		}
	}
	return strings.Join(out, "\n")
}
