package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/library"
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
	// Four teams: the CI script's three plus Delta, who follows Alpha.
	data = append(data, []byte(`  - {at: 11m, team: Delta, decide: first-move, choose: verify-and-hold}
  - {at: 19m, team: Delta, decide: recall-call, choose: full-recall}
`)...)
	data = []byte(strings.Replace(string(data), "teams: [Alpha, Bravo, Charlie]", "teams: [Alpha, Bravo, Charlie, Delta]", 1))
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
