package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/home"
	"github.com/firebreak-drills/firebreak/app/play"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// The home screen's own tests are in app/home; here, the ways through it
// that the shell makes (loading, reloading, opening files, setting up).

// homeView is the home screen the shell shows, its widgets found in the
// drawn tree by their text. It is what was drawn when it was made: after
// a redraw, make another.
type homeView struct {
	t  *testing.T
	sh *shell
	// scenariosHeading is the first heading, above the built-in scenarios.
	scenariosHeading *widget.Label
	// openButton, historyButton and joinButton are nil when not drawn.
	openButton, historyButton, joinButton *ui.KeyButton
}

// shownHome is the home screen shown in sh; the test fails when another
// screen shows.
func shownHome(t *testing.T, sh *shell) homeView {
	t.Helper()
	currentAs[*home.Screen](t, sh)
	return homeView{
		t:                t,
		sh:               sh,
		scenariosHeading: firstOf(tree.Find[*widget.Label](t, sh.body), nil),
		openButton:       keyButton(t, sh.body, sh.loc.T("home.open_file")),
		historyButton:    keyButton(t, sh.body, sh.loc.T("home.history_button")),
		joinButton:       keyButton(t, sh.body, sh.loc.T("lan.join.title")),
	}
}

// firstOf is the first of objs for which match holds (nil: any), or the
// zero T.
func firstOf[T any](objs []T, match func(T) bool) T {
	for _, o := range objs {
		if match == nil || match(o) {
			return o
		}
	}
	var zero T
	return zero
}

// allOf are the objs for which match holds.
func allOf[T any](objs []T, match func(T) bool) []T {
	var out []T
	for _, o := range objs {
		if match(o) {
			out = append(out, o)
		}
	}
	return out
}

// keyButton is the button labelled label drawn in c, or nil.
func keyButton(t *testing.T, c *fyne.Container, label string) *ui.KeyButton {
	t.Helper()
	if c == nil {
		return nil
	}
	return firstOf(tree.Find[*ui.KeyButton](t, c), func(b *ui.KeyButton) bool { return b.Text == label })
}

// setupButton is the set-up button of the scenario file's card, or nil.
func (v homeView) setupButton(file string) *ui.KeyButton {
	return keyButton(v.t, v.card(file), v.sh.loc.T("home.setup"))
}

// mapButton is the branch map button of the scenario file's card, or nil.
func (v homeView) mapButton(file string) *ui.KeyButton {
	return keyButton(v.t, v.card(file), v.sh.loc.T("home.branch_map"))
}

// problemButton is the Show problems button of a broken scenario file's
// card, or nil.
func (v homeView) problemButton(file string) *ui.KeyButton {
	return keyButton(v.t, v.card(file), v.sh.loc.T("home.show_problems"))
}

// resumeButton is the Resume button of the unfinished exercise's card, or
// nil: the cards are drawn in the order of the shell's list.
func (v homeView) resumeButton(id string) *ui.KeyButton {
	label := v.sh.loc.T("home.resume_button")
	buttons := allOf(tree.Find[*ui.KeyButton](v.t, v.sh.body), func(b *ui.KeyButton) bool { return b.Text == label })
	for i, ex := range v.sh.unfinished {
		if ex.ID == id && i < len(buttons) && len(buttons) == len(v.sh.unfinished) {
			return buttons[i]
		}
	}
	return nil
}

// card is the drawn card of a scenario file the shell knows (built in,
// in the user folder or opened): headed by the scenario's title, and
// naming the file unless built in; a broken file's card is headed by its
// name. Nil when none is drawn.
func (v homeView) card(file string) *fyne.Container {
	var entries []home.UserScenario
	for _, e := range v.sh.scenarios {
		entries = append(entries, home.UserScenario{Entry: e})
	}
	entries = append(entries, v.sh.user...)
	for _, e := range v.sh.opened {
		entries = append(entries, home.UserScenario{Entry: e})
	}
	for _, u := range entries {
		if u.Entry.File != file {
			continue
		}
		heading := filepath.Base(file)
		if u.Entry.Scenario != nil {
			heading = u.Entry.Scenario.Title.Get(v.sh.loc.Lang().String())
		}
		for _, c := range tree.Around(v.t, v.sh.body, heading) {
			if u.Entry.Builtin() || strings.Contains(tree.AllText(c), filepath.Base(file)) {
				return c
			}
		}
	}
	return nil
}

// findingRows are the rows of the findings screen the shell shows: its
// selectable lines.
func findingRows(t *testing.T, sh *shell) []*ui.WrapLabel {
	t.Helper()
	currentAs[*home.Findings](t, sh)
	return allOf(tree.Find[*ui.WrapLabel](t, sh.body), func(l *ui.WrapLabel) bool { return l.Selectable })
}

// readFile is what the file dialog hands over when the user picks path.
func readFile(t *testing.T, path string) home.UserScenario {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return home.ReadScenario(path, f)
}

// A broken user scenario leads to its findings and back; fixed on disk,
// it is playable once the shell reads the folder again (going home), and
// is set up and played like a built-in one.
func TestAFixedUserScenarioIsSetUpAndPlayed(t *testing.T) {
	dir, broken, good := uitest.UserFolder(t)
	sh := shellWith(t, uitest.OpenStore(t), engine.NewFakeClock(), dir, uitest.MiniEntry(t))
	h := shownHome(t, sh)
	if h.setupButton(broken) != nil {
		t.Fatal("the broken scenario can be set up")
	}
	test.Tap(h.problemButton(broken))
	if rows := findingRows(t, sh); len(rows) == 0 || !strings.HasPrefix(rows[0].Text, broken+":") {
		t.Fatalf("the findings of %s are not shown:\n%s", broken, tree.AllText(sh.body))
	}
	test.Tap(tree.FindButton(t, sh.body, "Back"))
	shownHome(t, sh)

	// Fixed on disk, it becomes playable when the home screen reads the
	// folder again.
	if err := os.Rename(good, broken); err != nil {
		t.Fatal(err)
	}
	sh.showHome()
	h = shownHome(t, sh)
	if h.setupButton(broken) == nil {
		t.Fatal("the fixed file is not offered for set-up")
	}

	// A good user scenario is set up like a built-in one.
	test.Tap(h.setupButton(broken))
	s := shownSetup(t, sh)
	// Chosen: the fixed file, whose scenario is my-drill (the exercise
	// started below plays it).
	if got := s.scenarioSelect.Selected; got != "My drill — broken.yaml" {
		t.Fatalf("scenario shown as %q", got)
	}
	if n := len(s.scenarioSelect.Options); n != 2 {
		t.Errorf("setup offers %d scenarios, want the built-in and the user's", n)
	}
	test.Tap(s.startButton)
	currentAs[*play.Screen](t, sh)
	if list, err := sh.store.Unfinished(); err != nil || len(list) != 1 || list[0].ScenarioID != "my-drill" {
		t.Errorf("the exercise started is %+v (%v), want one of my-drill", list, err)
	}
}

func TestOpenScenarioFile(t *testing.T) {
	_, broken, good := uitest.UserFolder(t)
	sh := testShell(t, uitest.OpenStore(t), engine.NewFakeClock()) // no user folder
	h := shownHome(t, sh)
	if h.openButton == nil || h.openButton.Text != "Open scenario file…" {
		t.Fatal("no open button")
	}
	test.Tap(h.openButton)
	if sh.win.Canvas().Overlays().Top() == nil {
		t.Error("Open scenario file shows no dialog")
	}
	sh.win.Canvas().Overlays().Top().Hide()

	// What the dialog hands over: a broken file goes to its findings,
	// and nothing starts.
	sh.openScenario(readFile(t, broken))
	rows := findingRows(t, sh)
	if len(rows) != 3 || !strings.HasPrefix(rows[0].Text, broken+":23:7: error:") {
		t.Errorf("findings: %d rows, first %q", len(rows), rows[0].Text)
	}
	test.Tap(tree.FindButton(t, sh.body, "Back"))
	shownHome(t, sh)

	// A good file goes to setup, chosen, and stays listed on the home
	// screen for the session.
	sh.openScenario(readFile(t, good))
	if got := shownSetup(t, sh).scenarioSelect.Selected; got != "My drill — "+filepath.Base(good) {
		t.Fatalf("setup chose %q", got)
	}
	sh.showHome()
	if shownHome(t, sh).setupButton(good) == nil {
		t.Error("the opened file is not listed on the home screen")
	}
}
