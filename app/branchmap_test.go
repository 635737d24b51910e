package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/graph"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// shownTitle is a node's title as drawn: its lines, joined.
func shownTitle(b *branchMapScreen, i int) string {
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

func TestBranchMapOpensFromHomeWithEveryPhase(t *testing.T) {
	bev, ok := library.Builtin("beverage-recall")
	if !ok {
		t.Fatal("no built-in beverage-recall")
	}
	sh := shellWith(t, openStore(t), engine.NewFakeClock(), "", miniEntry(t), bev)
	h := currentAs[*homeScreen](t, sh)
	button := h.mapButtons[bev.File]
	if button == nil || button.Text != "Branch map" {
		t.Fatalf("no Branch map button on the beverage-recall card: %v", button)
	}
	test.Tap(button)
	b := currentAs[*branchMapScreen](t, sh)
	if b.teamSelect != nil {
		t.Error("a map opened from home offers a team selector")
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

	// The language switch redraws the titles in Chinese.
	test.Tap(sh.langButtons[i18n.ZH])
	if currentAs[*branchMapScreen](t, sh) != b {
		t.Fatal("the language switch left the branch map")
	}
	check("zh")

	test.Tap(b.backButton)
	currentAs[*homeScreen](t, sh)
}

// From the debrief, the map shows the path each team took: the option it
// chose, not every way between the same two phases.
func TestBranchMapFromDebriefHighlightsTeamPaths(t *testing.T) {
	st := openStore(t)
	clock := engine.NewFakeClock()
	sh := testShell(t, st, clock)
	run := startMini(t, st, clock)
	sh.showExercise(run, nil)
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
	d := currentAs[*debriefScreen](t, sh)

	test.Tap(d.mapButton)
	b := currentAs[*branchMapScreen](t, sh)
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
	if !strings.Contains(b.pathLine.Text, "Alpha") {
		t.Errorf("path line = %q", b.pathLine.Text)
	}

	b.teamSelect.SetSelected("Bravo")
	b = currentAs[*branchMapScreen](t, sh)
	p, e = onPath()
	if strings.Join(p, ",") != "start,storm,bad-end" || strings.Join(e, ",") != graph.TimeoutKey("first")+","+graph.TimeoutKey("second") {
		t.Errorf("Bravo's path: phases %v, edges %v", p, e)
	}

	b.teamSelect.SetSelectedIndex(0) // none
	if b.graph.Highlighted() || b.pathLine.Visible() {
		t.Error("choosing no team keeps a highlight")
	}

	test.Tap(b.backButton)
	if currentAs[*debriefScreen](t, sh) != d {
		t.Error("back does not return to the debrief")
	}
}
