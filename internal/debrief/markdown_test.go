package debrief

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/rubric"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// played runs the small test scenario headless: Alpha apologises quickly;
// "Bravo|2" (a name that would break a table) denies late, then misses the
// second deadline.
func played(t *testing.T) *engine.State {
	t.Helper()
	src, err := os.ReadFile("../engine/testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := engine.Start(engine.Config{ScenarioID: "mini", Source: src, Teams: []string{"Alpha", "Bravo|2"}, Lang: "en", Seed: 42}, &engine.MemoryLog{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	step := func(at time.Duration, team, decision, option string) {
		t.Helper()
		if err := s.AdvanceTo(at); err != nil {
			t.Fatal(err)
		}
		if decision != "" {
			if err := s.Send(engine.Command{Kind: engine.CmdChoose, Team: team, Decision: decision, Option: option}); err != nil {
				t.Fatal(err)
			}
		}
	}
	step(7*time.Minute, "Alpha", "first", "good")
	step(12*time.Minute+30*time.Second, "Bravo|2", "first", "bad")
	step(40*time.Minute, "", "", "")
	var st *engine.State
	s.Read(func(x *engine.State) { st = x })
	return st
}

func TestMarkdownGolden(t *testing.T) {
	st := played(t)
	for _, lang := range []string{"en", "zh"} {
		got := Markdown(Build(st, nil, lang, ""))
		path := filepath.Join("testdata", "mini."+lang+".md")
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./internal/debrief -update to create it, then review it)", err)
		}
		if got != string(want) {
			t.Errorf("%s debrief differs from %s; if the change is intended, run with -update and review the diff\n--- got ---\n%s", lang, path, got)
		}
	}
}

func TestMarkdownEscapesTeamNames(t *testing.T) {
	got := Markdown(Build(played(t), nil, "en", ""))
	if strings.Contains(got, "| Bravo|2 |") || !strings.Contains(got, `Bravo\|2`) {
		t.Fatal("a '|' in a team name must be escaped so the score table keeps its columns")
	}
}

func TestClockAndTook(t *testing.T) {
	cases := []struct {
		d                   time.Duration
		clock, took, tookZH string
	}{
		{0, "00:00:00", "0m00s", "0秒"},
		{90 * time.Second, "00:01:30", "1m30s", "1分30秒"},
		{2 * time.Minute, "00:02:00", "2m00s", "2分钟"}, // not 2分00秒, nor 2m00s
		{104 * time.Second, "00:01:44", "1m44s", "1分44秒"},
		{45 * time.Second, "00:00:45", "0m45s", "45秒"},
		{time.Hour, "01:00:00", "60m00s", "1小时"},
		{time.Hour + 5*time.Minute, "01:05:00", "65m00s", "1小时5分钟"},
		{time.Hour + 2*time.Minute + 3*time.Second, "01:02:03", "62m03s", "1小时2分3秒"},
		{time.Hour + 3*time.Second, "01:00:03", "60m03s", "1小时3秒"},
		{1499 * time.Millisecond, "00:00:01", "0m01s", "1秒"},
		{999 * time.Millisecond, "00:00:00", "0m01s", "1秒"}, // a clock second shows once it has passed
	}
	if got := Clock(-time.Second); got != "00:00:00" {
		t.Errorf("Clock(-1s) = %s", got)
	}
	for _, c := range cases {
		if got := Clock(c.d); got != c.clock {
			t.Errorf("Clock(%s) = %s, want %s", c.d, got, c.clock)
		}
		if got := Took(c.d, "en"); got != c.took {
			t.Errorf("Took(%s) = %s, want %s", c.d, got, c.took)
		}
		if got := Took(c.d, "zh"); got != c.tookZH {
			t.Errorf("Took(%s, zh) = %s, want %s", c.d, got, c.tookZH)
		}
	}
}

// TestMarkdownWorldGolden covers statements, regulatory deadlines, triggers
// and objectives: Bravo reports promptly with a statement, Alpha stays silent.
func TestMarkdownWorldGolden(t *testing.T) {
	src, err := os.ReadFile("../engine/testdata/world.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := engine.Start(engine.Config{ScenarioID: "world", Source: src, Teams: []string{"Alpha", "Bravo"}, Lang: "en", Seed: 42}, &engine.MemoryLog{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AdvanceTo(6 * time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(engine.Command{Kind: engine.CmdChoose, Team: "Bravo", Decision: "notify", Option: "report",
		Text: "We are sorry.\nCall 400-123-456 any time."}); err != nil {
		t.Fatal(err)
	}
	if err := s.AdvanceTo(60 * time.Minute); err != nil {
		t.Fatal(err)
	}
	var st *engine.State
	s.Read(func(x *engine.State) { st = x })
	for _, lang := range []string{"en", "zh"} {
		got := Markdown(Build(st, nil, lang, ""))
		path := filepath.Join("testdata", "world."+lang+".md")
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update, then review)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s:\n%s", lang, path, got)
		}
	}
}

// TestMarkdownVoicesGolden covers consistency, promises and the facilitator's
// judgement: Alpha says "safe" then "contaminated"; Bravo is honest but
// misses its promised update; the facilitator overrides, rates and notes.
func TestMarkdownVoicesGolden(t *testing.T) {
	// A fixed seed: the simulated public's posts are part of the report.
	h := playTestdata(t, "voices", "voices", "Alpha", "Bravo")
	do := h.do
	do(2*time.Minute, engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "first", Option: "reassure"})
	do(3*time.Minute, engine.Command{Kind: engine.CmdChoose, Team: "Bravo", Decision: "first", Option: "honest"})
	do(5*time.Minute, engine.Command{Kind: engine.CmdInject, Channel: "news", Text: "A TV crew is at the gate"})
	do(13*time.Minute, engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "second", Option: "admit"})
	do(14*time.Minute, engine.Command{Kind: engine.CmdNote, Team: "Alpha", Decision: "second", Text: "Spokesperson read the admission well"})
	do(40*time.Minute, engine.Command{Kind: engine.CmdOverride, Team: "Bravo", Dimension: "empathy", Value: 90, Text: "Warm tone on the phone"})
	do(40*time.Minute, engine.Command{Kind: engine.CmdRate, Team: "Alpha", Objective: "speak", Rating: "M", Text: "Reassured before knowing"})
	st, _ := h.end(60 * time.Minute)
	for _, lang := range []string{"en", "zh"} {
		golden(t, "voices."+lang+".md", []byte(Markdown(Build(st, nil, lang, ""))))
	}
}

// The log records which version of the statement judge gave a team its
// live feedback; a report made by a later judge says that its scores are
// not the ones the team saw.
func TestReportSaysWhichJudgeTheTeamSaw(t *testing.T) {
	_, events := playedWorld(t) // Bravo sends a statement
	i := slices.IndexFunc(events, func(e engine.Event) bool { return e.Kind == engine.KindChosen })
	if i < 0 || events[i].Judge != rubric.Version {
		t.Fatalf("the chosen event records judge %v, want %d", events, rubric.Version)
	}
	fold := func() *engine.State {
		st, err := engine.Fold(events)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	if md := Markdown(Build(fold(), nil, "en", "")); strings.Contains(md, "live feedback came from") {
		t.Error("the report says the team saw another judge, though it saw this one")
	}
	// Played with an older Firebreak.
	events[i].Judge = rubric.Version - 1
	st := fold()
	want := fmt.Sprintf("version %d of the statement judge; this report judges the statement with version %d", rubric.Version-1, rubric.Version)
	if md := Markdown(Build(st, nil, "en", "")); !strings.Contains(md, want) {
		t.Errorf("the English report does not say %q", want)
	}
	if md := Markdown(Build(st, nil, "zh", "")); !strings.Contains(md, fmt.Sprintf("第%d版声明评判；本报告用第%d版重新评判", rubric.Version-1, rubric.Version)) {
		t.Error("the Chinese report does not say which judge the team saw")
	}
	if r := Build(st, nil, "en", ""); r.Teams[1].Statements[0].JudgedLive != rubric.Version-1 || r.Teams[1].Statements[0].Judge != rubric.Version {
		t.Errorf("report model: %+v", r.Teams[1].Statements[0])
	}
}

// Markdown is a renderer of the report model like the others: a report
// that went through JSON and back renders the same, so nothing Markdown
// shows comes from anywhere but the model.
func TestMarkdownReadsOnlyTheReport(t *testing.T) {
	world, worldEvents := playedWorld(t)
	controlled, controlledEvents := playedControlled(t)
	long, longEvents := longExercise(t)
	plan := savedPlan()
	for name, r := range map[string]*Report{
		"mini":       Build(played(t), nil, "en", ""),
		"world":      Build(world, worldEvents, "zh", ""),
		"world+plan": BuildWithPlan(world, worldEvents, "en", "", &plan),
		"controlled": Build(controlled, controlledEvents, "en", ""),
		"long":       Build(long, longEvents, "zh", ""),
	} {
		if !sameMarkdownFromJSON(t, r) {
			t.Errorf("%s: Markdown of the report read back from JSON differs", name)
		}
	}
}

// Observer notes are listed in the order they were written, the teams'
// and the whole exercise's together, even when the clock stood still.
func TestMarkdownKeepsNotesInOrder(t *testing.T) {
	src, err := os.ReadFile("../engine/testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := engine.Start(engine.Config{ScenarioID: "mini", Source: src, Teams: []string{"Alpha", "Bravo"}, Lang: "en", Seed: 42}, &engine.MemoryLog{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AdvanceTo(3 * time.Minute); err != nil {
		t.Fatal(err)
	}
	for _, n := range []struct{ team, text string }{{"Bravo", "first"}, {"", "second"}, {"Alpha", "third"}, {"Bravo", "fourth"}} {
		if err := s.Send(engine.Command{Kind: engine.CmdNote, Team: n.team, Text: n.text}); err != nil {
			t.Fatal(err)
		}
	}
	var st *engine.State
	s.Read(func(x *engine.State) { st = x })
	got := Markdown(Build(st, nil, "en", ""))
	want := "## Observer notes\n\n- 00:03:00 · Bravo: first\n- 00:03:00 · all teams: second\n- 00:03:00 · Alpha: third\n- 00:03:00 · Bravo: fourth\n\n"
	if !strings.Contains(got, want) {
		t.Errorf("the notes are not in the order written:\n%s", got)
	}
}

// TestMarkdownHandoutGolden: a one-team handout in Markdown, as the other
// formats make one: Bravo's results only, with its strengths, areas for
// improvement and the general lessons; and Alpha's, with the saved plan's
// items for Alpha and for the whole exercise.
func TestMarkdownHandoutGolden(t *testing.T) {
	st, events := playedWorld(t)
	plan := savedPlan()
	for _, lang := range []string{"en", "zh"} {
		for name, r := range map[string]*Report{
			"Bravo":      Build(st, events, lang, "Bravo"),
			"Alpha.plan": BuildWithPlan(st, events, lang, "Alpha", &plan),
		} {
			r.SetStarted(started)
			got := Markdown(r)
			golden(t, "world.handout."+name+"."+lang+".md", []byte(got))
			other := map[string]string{"Bravo": "Alpha", "Alpha.plan": "Bravo"}[name]
			if strings.Contains(got, other) {
				t.Errorf("%s %s handout names %s", lang, name, other)
			}
		}
	}
}
