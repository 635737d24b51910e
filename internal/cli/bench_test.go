package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/library"
	"go.yaml.in/yaml/v3"
)

// BenchmarkPlayBeverageRecall4Teams plays the built-in beverage recall with
// four teams as fast as possible, through the SQLite store, as `play` does.
func BenchmarkPlayBeverageRecall4Teams(b *testing.B) {
	e, ok := library.Builtin("beverage-recall")
	if !ok {
		b.Fatal("beverage-recall is not built in")
	}
	data, err := os.ReadFile("../../scenarios/testdata/beverage-recall.play.yaml")
	if err != nil {
		b.Fatal(err)
	}
	// Four teams: the CI script's three plus Delta, who does what Alpha does.
	data, err = withTeamLike(data, "Delta", "Alpha")
	if err != nil {
		b.Fatal(err)
	}
	script, err := ParseScript("bench.yaml", data, e.Scenario)
	if err != nil {
		b.Fatal(err)
	}
	db := filepath.Join(b.TempDir(), "bench.db")
	b.ResetTimer()
	for i := range b.N {
		res, _, err := Play(PlayOptions{Scenario: e, Script: script, ScriptID: string(rune('a' + i%26)), DB: db, Lang: "en", Warn: io.Discard})
		if err != nil || len(res.Teams) != 4 {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlay12kActions plays a 12,000-action script (every 300 ms of the
// mini scenario's hour, alternating teams; most choices are refused as not
// open): the shape of the 24-second run.
func BenchmarkPlay12kActions(b *testing.B) {
	e, err := library.Find(miniPath)
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	sb.WriteString("teams: [Alpha, Bravo]\nactions:\n")
	for i := range 12000 {
		team, opt := "Alpha", "good"
		if i%2 == 1 {
			team, opt = "Bravo", "bad"
		}
		fmt.Fprintf(&sb, "  - {at: %dms, team: %s, decide: first, choose: %s}\n", i*300, team, opt)
	}
	script, err := ParseScript("big.yaml", []byte(sb.String()), e.Scenario)
	if err != nil {
		b.Fatal(err)
	}
	db := filepath.Join(b.TempDir(), "bench.db")
	b.ResetTimer()
	for i := range b.N {
		res, _, err := Play(PlayOptions{Scenario: e, Script: script, ScriptID: fmt.Sprint(i), DB: db, Lang: "en", Warn: io.Discard})
		if err != nil || len(res.Skipped) < 11000 {
			b.Fatalf("%v; %d skipped", err, len(res.Skipped))
		}
	}
}

// withTeamLike adds team to a play script, doing what like does: each of
// like's actions is copied for team, right after it.
func withTeamLike(data []byte, team, like string) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		val := root.Content[i+1]
		switch root.Content[i].Value {
		case "teams":
			val.Content = append(val.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: team})
		case "actions":
			var out []*yaml.Node
			for _, a := range val.Content {
				out = append(out, a)
				for j := 0; j+1 < len(a.Content); j += 2 {
					if a.Content[j].Value == "team" && a.Content[j+1].Value == like {
						var c yaml.Node
						b, err := yaml.Marshal(a)
						if err != nil {
							return nil, err
						}
						if err := yaml.Unmarshal(b, &c); err != nil {
							return nil, err
						}
						cp := c.Content[0]
						for k := 0; k+1 < len(cp.Content); k += 2 {
							if cp.Content[k].Value == "team" {
								cp.Content[k+1].Value = team
							}
						}
						out = append(out, cp)
					}
				}
			}
			val.Content = out
		}
	}
	return yaml.Marshal(&doc)
}
