package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/library"
)

// TestPlayScripts plays each built-in scenario's script (the one CI and the
// demos use) headless: every action applies, the debrief is written in both
// languages, the strongest team beats the others, and no ending is named
// twice ("Ending: Ending: …", "结局：结局：…").
func TestPlayScripts(t *testing.T) {
	list, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		t.Run(e.ID, func(t *testing.T) {
			t.Parallel()
			script := filepath.Join("..", "..", "scenarios", "testdata", e.ID+".play.yaml")
			for _, lang := range []string{"en", "zh"} {
				dir := t.TempDir()
				code, out, stderr := runCLI(t, "play", e.ID, "--script", script, "--db", filepath.Join(dir, "x.db"), "--out", dir, "--speed", "max", "--lang", lang)
				if code != ExitOK {
					t.Fatalf("%s: exit %d\n%s\n%s", lang, code, out, stderr)
				}
				if strings.Contains(stderr, "skipped") {
					t.Errorf("%s: script actions skipped:\n%s", lang, stderr)
				}
				md, err := os.ReadFile(filepath.Join(dir, "debrief.md"))
				if err != nil {
					t.Fatal(err)
				}
				for _, doubled := range []string{"Ending: Ending", "ending: Ending", "结局：结局", "结局:结局"} {
					if strings.Contains(string(md), doubled) {
						t.Errorf("%s: the debrief names an ending twice (%q)", lang, doubled)
					}
				}
				var res Result
				raw, err := os.ReadFile(filepath.Join(dir, "result.json"))
				if err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(raw, &res); err != nil {
					t.Fatal(err)
				}
				if lang == "en" {
					for i, tr := range res.Teams {
						t.Logf("%s: overall %.1f, ending %s", tr.Name, tr.Scores["overall"], tr.Ending)
						if i > 0 && tr.Scores["overall"] >= res.Teams[0].Scores["overall"] {
							t.Errorf("the script's first team is its strongest; %s scores %.1f, above %s's %.1f", tr.Name, tr.Scores["overall"], res.Teams[0].Name, res.Teams[0].Scores["overall"])
						}
					}
				}
			}
		})
	}
}

// TestScriptAfter: an action with 'after:' applies that long after its
// decision opened for the team, so one script expresses a policy for every
// decision; an action whose decision never opens is skipped with a warning.
func TestScriptAfter(t *testing.T) {
	script := writeFile(t, "after.play.yaml", `teams: [Alpha, Bravo]
actions:
  - {after: 1m, team: Alpha, decide: first, choose: good}
  - {after: 30s, team: Alpha, decide: second, choose: apologise}
  - {after: 2m, team: Bravo, decide: first, choose: bad}
  - {after: 30s, team: Bravo, decide: second, choose: apologise}
`)
	dir := t.TempDir()
	code, out, stderr := runCLI(t, "play", miniPath, "--script", script, "--db", filepath.Join(dir, "x.db"), "--out", dir, "--speed", "max")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, stderr)
	}
	var res Result
	raw, _ := os.ReadFile(filepath.Join(dir, "result.json"))
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatal(err)
	}
	// first opens at 5m: Alpha answers at 6m, Bravo at 7m; Bravo's storm
	// opens second 2m after entry (9m), answered at 9m30s.
	want := map[string][]float64{"Alpha": {6 * 60}, "Bravo": {7 * 60, 9*60 + 30}}
	for _, tr := range res.Teams {
		var got []float64
		for _, d := range tr.Decisions {
			got = append(got, d.AtSeconds)
		}
		if fmt.Sprint(got) != fmt.Sprint(want[tr.Name]) {
			t.Errorf("%s decided at %v s, want %v", tr.Name, got, want[tr.Name])
		}
	}
	if len(res.Skipped) != 1 || res.Skipped[0].Action != 2 || !strings.Contains(res.Skipped[0].Reason, "never opened") {
		t.Errorf("skipped: %+v, want action 2 (Alpha never reaches second)", res.Skipped)
	}
	if !strings.Contains(stderr, "never opened") {
		t.Errorf("no warning for the action that never applied:\n%s", stderr)
	}
	bad := writeFile(t, "both.play.yaml", "teams: [Alpha]\nactions:\n  - {at: 1m, after: 1m, team: Alpha, decide: first, choose: good}\n")
	if code, _, stderr := runCLI(t, "play", miniPath, "--script", bad, "--db", filepath.Join(dir, "y.db"), "--out", dir); code == ExitOK || !strings.Contains(stderr, "both 'at' and 'after'") {
		t.Errorf("an action with at and after: exit %d, %s", code, stderr)
	}
}

// TestPlayRefusesHostileArguments: a speed that is not a number (NaN), a
// team name with control characters and a script with a second YAML
// document are refused with a message, before anything runs.
func TestPlayRefusesHostileArguments(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, "ok.play.yaml", "teams: [Alpha]\nactions:\n  - {at: 6m, team: Alpha, decide: first, choose: good}\n")
	cases := []struct{ name, script, speed, want string }{
		{"NaN speed", good, "NaN", "--speed must be max or a number"},
		{"infinite speed", good, "+Inf", "--speed must be max or a number"},
		{"control character in a team name", writeFile(t, "ctl.play.yaml", "teams: [\"Al\\u0007pha\"]\nactions: []\n"), "max", "control character"},
		{"second document", writeFile(t, "two.play.yaml", "teams: [Alpha]\nactions: []\n---\nteams: [Bravo]\n"), "max", "second YAML document"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "play", miniPath, "--script", c.script, "--db", filepath.Join(dir, c.name+".db"), "--out", dir, "--speed", c.speed)
			if code == ExitOK || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want a refusal containing %q", code, stderr, c.want)
			}
		})
	}
}

// TestEndlessFilesAreRefused: a device such as /dev/zero, whose size Stat
// does not tell, is read only up to the limit and refused, as scenario and
// as script, instead of being read without end.
func TestEndlessFilesAreRefused(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Fatalf("this test needs /dev/zero: %v", err)
	}
	dir := t.TempDir()
	good := writeFile(t, "ok.play.yaml", "teams: [Alpha]\nactions: []\n")
	if code, out, stderr := runCLI(t, "lint", "/dev/zero"); code == ExitOK || !strings.Contains(out+stderr, "larger than") {
		t.Errorf("lint /dev/zero: exit %d, %q %q", code, out, stderr)
	}
	code, _, stderr := runCLI(t, "play", "/dev/zero", "--script", good, "--db", filepath.Join(dir, "a.db"), "--out", dir)
	if code == ExitOK || !strings.Contains(stderr, "bytes") {
		t.Errorf("play /dev/zero as scenario: exit %d, %q", code, stderr)
	}
	code, _, stderr = runCLI(t, "play", miniPath, "--script", "/dev/zero", "--db", filepath.Join(dir, "b.db"), "--out", dir)
	if code == ExitOK || !strings.Contains(stderr, "more than") {
		t.Errorf("play with /dev/zero as script: exit %d, %q", code, stderr)
	}
}
