package app

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/review"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// The review screens (app/review) through the shell: the ways into them and
// the window they must fit, header included. Their own tests are in
// app/review.

// playedMini plays the mini scenario (uitest.PlayedMini), Alpha answering
// its first decision with a statement when say is set, and ends it when
// end is set.
func playedMini(t *testing.T, st *exercise.DB, clock *engine.FakeClock, say, end bool) string {
	t.Helper()
	statement := ""
	if say {
		statement = "We are sorry. Call our hotline."
	}
	return uitest.PlayedMini(t, st, clock, statement, end)
}

// debriefTabs are the tabs of the debrief shown (the first tabs drawn).
func debriefTabs(t *testing.T, sh *shell) *container.AppTabs {
	t.Helper()
	currentAs[*review.Debrief](t, sh)
	tabs := tree.Find[*container.AppTabs](t, sh.body)
	if len(tabs) == 0 {
		t.Fatal("the debrief shows no tabs")
	}
	return tabs[0]
}

// debriefTeams selects the debrief's Teams tab and returns each team's
// card as the lines of text it shows, in the order of the team tabs.
func debriefTeams(t *testing.T, sh *shell) (names []string, cards map[string][]string) {
	t.Helper()
	tabs := debriefTabs(t, sh)
	i := slices.IndexFunc(tabs.Items, func(it *container.TabItem) bool { return it.Text == sh.loc.T("debrief.tab_teams") })
	if i < 0 {
		t.Fatal("the debrief has no Teams tab")
	}
	tabs.SelectIndex(i)
	teams := tree.Find[*container.AppTabs](t, tabs.Items[i].Content)
	if len(teams) == 0 {
		t.Fatal("the Teams tab shows no team tabs")
	}
	cards = map[string][]string{}
	for _, it := range teams[0].Items {
		names = append(names, it.Text)
		cards[it.Text] = strings.Split(tree.AllText(it.Content), "\n")
	}
	return names, cards
}

// TestHomeLeadsToTheHistory: the home screen counts the exercises and
// leads to the history of them all; once the history has erased them all,
// its Home button returns to a home screen that says there are none and
// offers no history.
func TestHomeLeadsToTheHistory(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	playedMini(t, st, clock, true, true)
	playedMini(t, st, clock, false, false)
	sh := testShell(t, st, clock)
	if !strings.Contains(tree.AllText(sh.body), "2 exercises on this laptop") {
		t.Errorf("the home screen does not count the exercises:\n%s", tree.AllText(sh.body))
	}
	test.Tap(tree.FindButton(t, sh.body, sh.loc.T("home.history_button")))
	currentAs[*review.History](t, sh)
	tree.FindButton(t, sh.body, sh.loc.T("history.open"))       // the finished exercise
	tree.FindButton(t, sh.body, sh.loc.T("home.resume_button")) // the unfinished one

	test.Tap(tree.FindButton(t, sh.body, sh.loc.T("history.erase_all")))
	test.Tap(tree.FindButton(t, tree.Dialog(t, sh.win), sh.loc.T("history.erase_button")))
	if es, err := st.Exercises(); err != nil || len(es) != 0 {
		t.Fatalf("after erasing all: %d exercises, %v", len(es), err)
	}
	test.Tap(tree.FindButton(t, sh.body, sh.loc.T("history.home")))
	if !strings.Contains(tree.AllText(sh.body), "No exercises on this laptop yet.") ||
		!tree.FindButton(t, sh.body, sh.loc.T("home.history_button")).Disabled() {
		t.Errorf("the home screen after erasing all:\n%s", tree.AllText(sh.body))
	}
}

// The debrief of the world exercise (uitest.PlayedWorld) fits the 1280×800
// window, under its header, on every tab (every tab scrolls).
func TestTheDebriefFitsTheWindow(t *testing.T) {
	st, clock, id := uitest.PlayedWorld(t)
	sh := shellWith(t, st, clock, "", uitest.EngineEntry(t, "world.yaml"))
	sh.showDebrief(id)
	tabs := debriefTabs(t, sh)
	for i := range tabs.Items {
		tabs.SelectIndex(i)
		if min := sh.win.Content().MinSize(); min.Width > 1280 || min.Height > 800 {
			t.Errorf("tab %d: the debrief needs %v", i, min)
		}
	}
}

// playedBeverage plays the built-in beverage recall for Alpha and Bravo
// at 60×: Alpha answers its first decision with a statement at 10 minutes,
// and the facilitator ends the exercise at 30.
func playedBeverage(t *testing.T) (*exercise.DB, *engine.FakeClock, string, library.Entry) {
	t.Helper()
	entries, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	var e library.Entry
	for _, x := range entries {
		if x.ID == "beverage-recall" {
			e = x
		}
	}
	if e.Scenario == nil {
		t.Fatal("no beverage-recall scenario")
	}
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	run, err := exercise.Start(st, engine.Config{ScenarioID: e.ID, Source: e.Source, Teams: []string{"Alpha", "Bravo"},
		Lang: "en", Speed: 60}, e.Scenario.Title, "gui", clock, exercise.EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	s := run.Session
	_ = s.Send(engine.Command{Kind: engine.CmdResume})
	clock.Add(10 * time.Second) // 10 minutes at 60×
	_ = s.Tick()
	var open []engine.OpenDecision
	s.Read(func(x *engine.State) { open = slices.Clone(x.Team("Alpha").Open) })
	if len(open) == 0 {
		t.Fatal("no decision open for Alpha at 10m")
	}
	d := open[0].Decision
	if err := s.Send(engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: d.ID, Option: d.Options[0].ID,
		Text: "We are sorry. Batch CB-2611-07 is being recalled."}); err != nil {
		t.Fatal(err)
	}
	clock.Add(20 * time.Second)
	_ = s.Tick()
	if err := s.Send(engine.Command{Kind: engine.CmdEnd}); err != nil {
		t.Fatal(err)
	}
	return st, clock, run.ID, e
}

// The debrief of a real scenario, whose objectives and injects are long
// sentences, still fits a 1280×800 window in both languages (a text that
// does not wrap would widen the window past the screen).
func TestDebriefOfBeverageRecallFitsTheWindow(t *testing.T) {
	st, clock, id, e := playedBeverage(t)
	sh := shellWith(t, st, clock, "", e)
	sh.showDebrief(id)
	db := currentAs[*review.Debrief](t, sh)
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		sh.setLang(lang)
		if currentAs[*review.Debrief](t, sh) != db {
			t.Fatal("switching the language left the debrief")
		}
		tabs := debriefTabs(t, sh) // drawn anew in the language
		for i := range tabs.Items {
			tabs.SelectIndex(i)
			if min := sh.win.Content().MinSize(); min.Width > 1280 || min.Height > 800 {
				t.Errorf("%s, tab %d: the debrief needs %v", lang, i, min)
			}
		}
	}
}

// The history and the comparison fit a 1024×600 netbook in both languages.
func TestHistoryAndCompareFitANetbook(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	a := playedMini(t, st, clock, true, true)
	b := playedMini(t, st, clock, false, true)
	sh := testShell(t, st, clock)
	limit := fitWindow(preferredWindow, 1024, 600, 1)
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		sh.setLang(lang)
		sh.showHistory()
		if min := sh.win.Content().MinSize(); min.Width > limit.Width || min.Height > limit.Height {
			t.Errorf("%s: the history needs %v, a 1024×600 screen gives %v", lang, min, limit)
		}
		sh.showCompare(a, b, sh.showHome)
		if min := sh.win.Content().MinSize(); min.Width > limit.Width || min.Height > limit.Height {
			t.Errorf("%s: the comparison needs %v, a 1024×600 screen gives %v", lang, min, limit)
		}
	}
}
