package branchmap

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/graph"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// host is a window showing one screen at a time, as the app's shell does.
type host struct {
	win     fyne.Window
	loc     *i18n.Localizer
	current ui.Screen
	shown   int // how many times Show was called
}

func newHost(t *testing.T) *host { return &host{win: uitest.Window(t), loc: i18n.New(i18n.EN)} }

func (h *host) Loc() *i18n.Localizer { return h.loc }

func (h *host) Show(s ui.Screen) {
	if h.current != nil && h.current != s {
		h.current.Stop()
	}
	h.current = s
	h.shown++
	h.win.SetContent(s.Build())
}

// setLang switches the language and redraws, as the shell's language
// buttons do.
func (h *host) setLang(l i18n.Lang) {
	h.loc = i18n.New(l)
	h.Show(h.current)
}

// shownTitle is a node's title as drawn: its lines, joined.
func shownTitle(b *Screen, i int) string {
	var parts []string
	for _, t := range b.nodeLines[i] {
		parts = append(parts, t.Text)
	}
	return strings.Join(parts, " ")
}

// sameText compares titles ignoring where lines were broken.
func sameText(a, b string) bool {
	strip := func(s string) string { return strings.Join(strings.Fields(s), "") }
	return strip(a) == strip(b)
}

func TestDrawsEveryPhaseAndWayInEachLanguage(t *testing.T) {
	bev, ok := library.Builtin("beverage-recall")
	if !ok {
		t.Fatal("no built-in beverage-recall")
	}
	h := newHost(t)
	backs := 0
	b := New(h, bev.Scenario, nil, func() { backs++ })
	h.Show(b)
	if b.teamSelect != nil {
		t.Error("a map with no teams offers a team selector")
	}
	check := func(lang string) {
		t.Helper()
		if len(b.nodeLines) != len(bev.Scenario.Phases) {
			t.Fatalf("%s: %d phases drawn, want %d", lang, len(b.nodeLines), len(bev.Scenario.Phases))
		}
		for i, p := range bev.Scenario.Phases {
			if b.graph.Nodes[i].ID != p.ID {
				t.Fatalf("node %d is %s, want %s", i, b.graph.Nodes[i].ID, p.ID)
			}
			if got, want := shownTitle(b, i), p.Title.Get(lang); !sameText(got, want) {
				t.Errorf("%s: phase %s shows %q, want %q", lang, p.ID, got, want)
			}
		}
		// Every way between phases is drawn.
		n := 0
		for _, e := range b.geo.Edges {
			n += len(e.Edges)
		}
		if n != len(b.graph.Edges) || n < 20 {
			t.Errorf("%s: %d edges drawn of %d", lang, n, len(b.graph.Edges))
		}
	}
	check("en")
	if !strings.Contains(shownTitle(b, 0), "Day 1") {
		t.Errorf("start phase shows %q", shownTitle(b, 0))
	}
	if b.backButton.Text != "Back" {
		t.Errorf("back button reads %q", b.backButton.Text)
	}

	h.setLang(i18n.ZH)
	check("zh")
	if b.backButton.Text == "Back" {
		t.Error("the back button stays in English after the switch to Chinese")
	}

	test.Tap(b.backButton)
	if backs != 1 {
		t.Errorf("back ran %d times, want 1", backs)
	}
}

// miniScenario is the engine's small test scenario.
func miniScenario(t *testing.T) (*scenario.Scenario, []byte) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "internal", "engine", "testdata", "mini.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	sc, probs := scenario.Parse("mini.yaml", src)
	if sc == nil {
		t.Fatalf("mini.yaml does not load: %v", probs)
	}
	return sc, src
}

// miniPaths plays the mini scenario: Alpha chooses "good" and moves on
// calmly; Bravo lets both its decisions time out.
func miniPaths(t *testing.T, sc *scenario.Scenario, src []byte) []TeamPath {
	t.Helper()
	db, err := exercise.Open(filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clock := engine.NewFakeClock()
	run, err := exercise.Start(db, engine.Config{ScenarioID: sc.ID, Source: src, Teams: []string{"Alpha", "Bravo"},
		Lang: "en", Speed: 1}, sc.Title, "test", clock, exercise.EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	s := run.Session
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.Send(engine.Command{Kind: engine.CmdResume}))
	clock.Add(6 * time.Minute)
	must(s.Tick())
	must(s.Send(engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "first", Option: "good"}))
	clock.Add(5 * time.Minute) // Bravo lets "first" time out
	must(s.Tick())
	clock.Add(13 * time.Minute) // Alpha's calm moves on; Bravo's "second" times out too
	must(s.Tick())
	var paths []TeamPath
	s.Read(func(st *engine.State) { paths = TeamPaths(st) })
	return paths
}

func TestTeamPathsFollowChoicesAndTimeouts(t *testing.T) {
	sc, src := miniScenario(t)
	paths := miniPaths(t, sc, src)
	if len(paths) != 2 {
		t.Fatalf("%d paths, want 2", len(paths))
	}
	want := []TeamPath{
		{Name: "Alpha", Phases: []string{"start", "calm", "good-end"}, Taken: []string{graph.OptionKey("first", "good")}},
		{Name: "Bravo", Phases: []string{"start", "storm", "bad-end"}, Taken: []string{graph.TimeoutKey("first"), graph.TimeoutKey("second")}},
	}
	for i, w := range want {
		g := paths[i]
		if g.Name != w.Name || strings.Join(g.Phases, ",") != strings.Join(w.Phases, ",") || strings.Join(g.Taken, ",") != strings.Join(w.Taken, ",") {
			t.Errorf("path %d = %+v, want %+v", i, g, w)
		}
	}
}

// The map highlights the chosen team's path: the option it chose, not
// every way between the same two phases.
func TestHighlightsTheChosenTeamsPath(t *testing.T) {
	sc, src := miniScenario(t)
	h := newHost(t)
	b := New(h, sc, miniPaths(t, sc, src), func() {})
	h.Show(b)
	if b.teamSelect == nil || len(b.teamSelect.Options) != 3 || b.teamSelect.Selected != "Alpha" {
		t.Fatalf("team selector: %+v", b.teamSelect)
	}
	onPath := func() (phases, edges []string) {
		for _, n := range b.graph.Nodes {
			if b.graph.NodeOnPath(n.ID) {
				phases = append(phases, n.ID)
			}
		}
		for i, e := range b.graph.Edges {
			if b.graph.EdgeOnPath(i) {
				edges = append(edges, e.Key())
			}
		}
		return phases, edges
	}
	p, e := onPath()
	if strings.Join(p, ",") != "start,calm,good-end" || strings.Join(e, ",") != "first.good,calm!continue" {
		t.Errorf("Alpha's path: phases %v, edges %v", p, e)
	}
	if !strings.Contains(b.pathLine.Text, "Alpha") || !b.pathLine.Visible() {
		t.Errorf("path line = %q (visible %v)", b.pathLine.Text, b.pathLine.Visible())
	}

	shown := h.shown
	b.teamSelect.SetSelected("Bravo")
	if h.shown != shown+1 || h.current != b {
		t.Fatal("choosing a team does not redraw the map")
	}
	p, e = onPath()
	if strings.Join(p, ",") != "start,storm,bad-end" || strings.Join(e, ",") != graph.TimeoutKey("first")+","+graph.TimeoutKey("second") {
		t.Errorf("Bravo's path: phases %v, edges %v", p, e)
	}

	b.teamSelect.SetSelectedIndex(0) // none
	if b.graph.Highlighted() || b.pathLine.Visible() {
		t.Error("choosing no team keeps a highlight")
	}
}
