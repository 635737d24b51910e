package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
)

// floodScenario delivers n injects to every team at 0:01:00.
func floodScenario(n int) string {
	var b strings.Builder
	b.WriteString(`format: firebreak/1
id: flood
title: {en: Flood, zh: 洪水}
languages: [en, zh]
duration: 10m
world:
  a: {start: 0, min: 0, max: 10}
phases:
  start:
    injects:
`)
	for range n {
		b.WriteString("      - {at: 1m, channel: social, text: {en: x, zh: 一}}\n")
	}
	b.WriteString(`      - {at: 3m, channel: phone, text: {en: A call, zh: 来电}, opens: d}
    decisions:
      d:
        prompt: {en: "What now?", zh: "怎么办？"}
        target: 5m
        deadline: 10m
        options:
          - {id: own, text: {en: Own it, zh: 承认}, stance: acknowledge, scores: {transparency: 3, empathy: 3}, effects: {a: 1}, next: end}
          - {id: deny, text: {en: Deny, zh: 否认}, stance: deny, scores: {transparency: -3, empathy: -2}, effects: {a: 5}, next: end}
    continue: {after: 9m, next: end}
  end:
    ending: {outcome: {en: Done, zh: 完}}
`)
	return b.String()
}

// A scenario that passes lint but makes more happen at one moment than the
// engine allows (12 teams × 4,200 injects at 0:01:00 > 50,000) stops the
// exercise there: play writes the outputs of what happened up to then, says
// why in words and fails; the exercise is ended for that reason, not as if
// the facilitator had ended it.
func TestPlayStopsAtTheEventLimitAndWritesTheOutputs(t *testing.T) {
	perTeam := engine.MaxEventsPerInstant/engine.MaxTeams + 50
	scen := writeFile(t, "flood.yaml", floodScenario(perTeam))
	teams := make([]string, engine.MaxTeams)
	for i := range teams {
		teams[i] = fmt.Sprintf("T%d", i+1)
	}
	script := writeFile(t, "s.yaml", "teams: ["+strings.Join(teams, ", ")+"]\nactions:\n  - {at: 4m, team: T1, decide: d, choose: own}\n")
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	code, _, stderr := runCLI(t, "play", scen, "--script", script, "--db", db, "--out", dir)
	if code != ExitFail {
		t.Fatalf("exit %d, want %d; stderr: %s", code, ExitFail, stderr)
	}
	for _, want := range []string{`scenario "flood"`, "50000 events", "one moment (00:01:00)", "firebreak lint", "debrief.md"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not say %q: %s", want, stderr)
		}
	}
	res := readResult(t, dir)
	if len(res.Teams) != engine.MaxTeams {
		t.Fatalf("%d teams in result.json, want %d", len(res.Teams), engine.MaxTeams)
	}
	for _, tr := range res.Teams {
		if tr.Ending != engine.EndLimit {
			t.Errorf("team %s ending %q, want %q", tr.Name, tr.Ending, engine.EndLimit)
		}
	}
	if len(res.Skipped) != 1 || !strings.Contains(res.Skipped[0].Reason, "stopped at 00:01:00") {
		t.Errorf("skipped %+v, want the action after the stop, saying the exercise stopped at 00:01:00", res.Skipped)
	}
	md, err := os.ReadFile(filepath.Join(dir, "debrief.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "the scenario made too much happen at once") || strings.Contains(string(md), "ended by the facilitator") {
		t.Errorf("debrief.md does not say the exercise stopped at the limit:\n%.800s", md)
	}
}

// Two plays on one database would drive one exercise twice: while one has
// the database open, another is refused, naming the file and the holder.
func TestPlayRefusesADatabaseInUse(t *testing.T) {
	script := writeFile(t, "s.yaml", miniScript)
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	holder, err := exercise.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "play", miniPath, "--script", script, "--db", db, "--out", dir)
	if code != ExitFail || !strings.Contains(stderr, db) || !strings.Contains(stderr, "already open in this process") {
		t.Fatalf("exit %d, stderr %q: want a refusal naming %s and who holds it", code, stderr, db)
	}
	if _, err := os.Stat(filepath.Join(dir, "result.json")); !os.IsNotExist(err) {
		t.Errorf("result.json written by the refused play: %v", err)
	}
	if err := holder.Close(); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "play", miniPath, "--script", script, "--db", db, "--out", dir); code != 0 {
		t.Fatalf("after the other closed it: exit %d: %s", code, stderr)
	}
}
