package home

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// host is a window showing one screen at a time, as the app's shell does,
// with the lists a test gives; it records where the screens lead.
type host struct {
	win     fyne.Window
	loc     *i18n.Localizer
	lists   Lists
	current ui.Screen
	calls   []string        // e.g. "showSetup(mini.yaml)"
	setup   []library.Entry // the scenarios ShowSetup was given
}

func newHost(t testing.TB, lang i18n.Lang, lists Lists) *host {
	return &host{win: uitest.Window(t), loc: i18n.New(lang), lists: lists}
}

// home shows a home screen and returns it.
func (h *host) home() *Screen {
	s := New(h)
	h.Show(s)
	return s
}

func (h *host) Loc() *i18n.Localizer { return h.loc }
func (h *host) Lists() Lists         { return h.lists }

func (h *host) Show(s ui.Screen) {
	if h.current != nil && h.current != s {
		h.current.Stop()
	}
	h.current = s
	h.win.SetContent(s.Build())
}

func (h *host) record(format string, args ...any) {
	h.calls = append(h.calls, fmt.Sprintf(format, args...))
}

// ShowHome shows a new home screen, as the shell does.
func (h *host) ShowHome() {
	h.record("showHome")
	h.home()
}

func (h *host) ShowSetup(e library.Entry) {
	h.record("showSetup(%s)", e.File)
	h.setup = append(h.setup, e)
}

func (h *host) ShowBranchMap(sc *scenario.Scenario, back func()) {
	h.record("showBranchMap(%s)", sc.ID)
}

// ShowFindings shows the findings screen, as the shell does.
func (h *host) ShowFindings(u UserScenario, back func()) {
	h.record("showFindings(%s)", u.Entry.File)
	h.Show(NewFindings(h, u, back))
}

// ShowNewScenario shows the wizard, as the shell does, with the ids of
// the lists taken.
func (h *host) ShowNewScenario(e library.Entry) {
	h.record("showNewScenario(%s)", e.File)
	taken := func(id string) bool {
		for _, s := range h.lists.Scenarios {
			if s.ID == id {
				return true
			}
		}
		for _, u := range h.lists.User {
			if u.Entry.ID == id {
				return true
			}
		}
		return false
	}
	h.Show(NewWizard(h, e, h.lists.UserDir, taken, h.ShowHome))
}

// ShowAuthoring records the file; a test that wants the view shows it.
func (h *host) ShowAuthoring(file string) { h.record("showAuthoring(%s)", filepath.Base(file)) }

// Background runs the work at once, as the shell does in tests.
func (h *host) Background(work func()) { work() }

func (h *host) OpenScenarioFile()        { h.record("openScenarioFile") }
func (h *host) ResumeExercise(id string) { h.record("resumeExercise(%s)", id) }
func (h *host) ShowHistory()             { h.record("showHistory") }
func (h *host) ShowJoin()                { h.record("showJoin") }
func (h *host) ShowProgramme()           { h.record("showProgramme") }

// wantCalls checks the calls made since the last check.
func (h *host) wantCalls(t *testing.T, want ...string) {
	t.Helper()
	if !slices.Equal(h.calls, want) {
		t.Errorf("calls = %q, want %q", h.calls, want)
	}
	h.calls = nil
}

// The buttons of the home screen lead where they say; a hosted exercise
// says that resuming serves it again.
func TestHomeButtonsLeadToTheirScreens(t *testing.T) {
	dir, _, good := uitest.UserFolder(t)
	lists := userLists(t, dir)
	lists.CanJoin = true
	lists.Exercises = 2
	lists.Unfinished = []exercise.Summary{
		{ID: "x1", Title: scenario.Text{"en": "Mini"}, Teams: []string{"Alpha"}},
		{ID: "x2", Title: scenario.Text{"en": "Mini"}, Teams: []string{"Bravo"}},
	}
	lists.Hosted = map[string]bool{"x2": true}
	hs := newHost(t, i18n.EN, lists)
	hs.home()
	loc, drawn := hs.loc, hs.win.Content()
	test.Tap(tree.FindButton(t, scenarioCard(t, hs, good), loc.T("home.branch_map")))
	test.Tap(tree.FindButton(t, scenarioCard(t, hs, "mini.yaml"), loc.T("home.setup")))
	test.Tap(tree.FindButton(t, drawn, loc.T("home.open_file")))
	test.Tap(tree.FindButton(t, card(t, hs, loc.T("home.resume_teams", "teams", "Bravo")), loc.T("home.resume_button"))) // x2
	test.Tap(tree.FindButton(t, drawn, loc.T("home.history_button")))
	test.Tap(tree.FindButton(t, drawn, loc.T("lan.join.title")))
	hs.wantCalls(t, "showBranchMap(my-drill)", "showSetup(mini.yaml)", "openScenarioFile", "resumeExercise(x2)", "showHistory", "showJoin")
	if n := strings.Count(tree.AllText(hs.win.Content()), "On team laptops: resuming serves it again"); n != 1 {
		t.Errorf("%d exercises are said to be hosted, want 1", n)
	}
}

// Until the window has loaded, both columns say so and list nothing.
func TestHomeSaysItIsLoading(t *testing.T) {
	hs := newHost(t, i18n.EN, Lists{Scenarios: []library.Entry{uitest.MiniEntry(t)}})
	hs.home()
	if drawn := hs.win.Content(); button(t, drawn, hs.loc.T("home.setup")) != nil || button(t, drawn, hs.loc.T("home.history_button")) != nil {
		t.Error("the home screen lists scenarios before it has loaded")
	}
	if n := strings.Count(tree.AllText(hs.win.Content()), "Loading"); n != 2 {
		t.Errorf("%d loading lines:\n%s", n, tree.AllText(hs.win.Content()))
	}
}

// Resizing the window with the home screen shown (every built-in
// scenario's summary, in Chinese): the cost of a frame while a person drags
// the window's edge.
func BenchmarkHomeResize(b *testing.B) {
	entries, err := library.Builtins()
	if err != nil {
		b.Fatal(err)
	}
	h := newHost(b, i18n.ZH, Lists{Loaded: true, Scenarios: entries})
	h.home()
	w := h.win
	i := 0
	for b.Loop() {
		w.Resize(fyne.NewSize(float32(800+i%400), 600))
		w.Content().Refresh()
		i++
	}
}

// A long scenario title, or a long file name, wraps on the home screen: it
// never makes the window wider than a 1024×600 netbook's (a 110-character
// title once made the window 1591 pixels wide, its right half off the
// screen for the rest of the session).
func TestLongTitlesDoNotWidenTheHomeScreen(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		dir, _, _ := uitest.UserFolder(t)
		long := strings.Repeat("a-very-long-file-name-", 8) + ".yaml"
		if err := os.WriteFile(filepath.Join(dir, long), []byte("format: firebreak/1\nid: broken\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		lists := userLists(t, dir)
		lists.Exercises = 1
		lists.Unfinished = []exercise.Summary{{ID: "x1", Teams: []string{"Alpha"}, Title: scenario.Text{
			"en": "After the typhoon: a flooded riverside warehouse, fourteen night-shift workers and the city that watched them",
			"zh": "台风过境之后：被淹的江边仓库、十四名夜班工人，以及整座城市的注视——一场关于安全、责任和信任的危机沟通演练",
		}}}
		hs := newHost(t, lang, lists)
		hs.home()
		if w := hs.win.Content().MinSize().Width; w > 1000 {
			t.Errorf("%s: the home screen needs %.0f pixels across; a 1024×600 screen has 1008", lang, w)
		}
	}
}
