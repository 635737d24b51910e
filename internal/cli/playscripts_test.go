package cli

import (
	"encoding/json"
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
