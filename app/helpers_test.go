package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// miniEntry is the engine's small test scenario as a library entry.
func miniEntry(t testing.TB) library.Entry { return engineEntry(t, "mini.yaml") }

// engineEntry is one of the engine's test scenarios as a library entry.
func engineEntry(t testing.TB, name string) library.Entry {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "internal", "engine", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	sc, probs := scenario.Parse(name, src)
	if sc == nil {
		t.Fatalf("%s does not load: %v", name, probs)
	}
	return library.Entry{ID: sc.ID, File: name, Source: src, Scenario: sc}
}

// openStore opens a real database in the test's temporary directory.
func openStore(t testing.TB) *exercise.DB {
	t.Helper()
	st, err := exercise.Open(filepath.Join(t.TempDir(), "firebreak.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// testWindow is a headless window with the app's theme.
// testShell is the app's window on a temporary store, the mini scenario and
// a fake clock, with no ticker: tests move the clock and tick themselves.
func testShell(t *testing.T, st *exercise.DB, clock *engine.FakeClock) *shell {
	t.Helper()
	return shellWith(t, st, clock, "", miniEntry(t))
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

// startMini starts the mini scenario for teams Alpha and Bravo on the
// store, with the clock paused at 0 as a new exercise is.
func startMini(t *testing.T, st *exercise.DB, clock engine.WallClock) *exercise.Running {
	t.Helper()
	e := miniEntry(t)
	run, err := exercise.Start(st, engine.Config{ScenarioID: e.ID, Source: e.Source, Teams: []string{"Alpha", "Bravo"},
		Lang: "en", Speed: 1}, e.Scenario.Title, "gui", clock, exercise.EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	return run
}

func currentAs[T screen](t *testing.T, sh *shell) T {
	t.Helper()
	s, ok := sh.current.(T)
	if !ok {
		t.Fatalf("current screen is %T", sh.current)
	}
	return s
}

// allText collects the text of the labels and rich texts in a tree of
// containers, one per line.
func allText(o fyne.CanvasObject) string { return collectText(o, false) }

// drawnText is allText with the canvas texts too (the branch map draws its
// phases' titles as canvas texts).
func drawnText(o fyne.CanvasObject) string { return collectText(o, true) }

func collectText(o fyne.CanvasObject, canvasTexts bool) string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(v.Content)
		case *widget.Label:
			out = append(out, v.Text)
		case *ui.WrapLabel:
			out = append(out, v.Text)
		case *widget.RichText:
			out = append(out, v.String())
		case *canvas.Text:
			if canvasTexts {
				out = append(out, v.Text)
			}
		}
	}
	walk(o)
	return strings.Join(out, "\n")
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

// holds tells whether target is o or drawn inside it (containers, scrolls
// and widgets' renderers).
func holds(t *testing.T, o, target fyne.CanvasObject) bool {
	if o == target {
		return true
	}
	switch x := o.(type) {
	case *fyne.Container:
		return slices.ContainsFunc(x.Objects, func(c fyne.CanvasObject) bool { return holds(t, c, target) })
	case *container.Scroll:
		return holds(t, x.Content, target)
	case fyne.Widget:
		return slices.ContainsFunc(test.TempWidgetRenderer(t, x).Objects(), func(c fyne.CanvasObject) bool { return holds(t, c, target) })
	}
	return false
}

// findButton is the button in a tree of containers whose text is label; the
// test fails when there is none.
func findButton(t *testing.T, o fyne.CanvasObject, label string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil {
			return
		}
		switch v := o.(type) {
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(v.Content)
		case *ui.KeyButton:
			if v.Text == label {
				found = &v.Button
			}
		case *widget.Button:
			if v.Text == label {
				found = v
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no %q button in:\n%s", label, allText(o))
	}
	return found
}
