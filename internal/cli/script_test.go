package cli

import (
	"testing"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

func FuzzParseScript(f *testing.F) {
	sc, probs, err := scenario.LoadFile(miniPath)
	if sc == nil {
		f.Fatal(probs, err)
	}
	f.Add([]byte(miniScript))
	f.Add([]byte("teams: [A]\nactions: [{at: 1m, team: A, decide: first, choose: good}]\n"))
	f.Add([]byte("teams: &a [A]\nactions: *a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseScript("f.yaml", data, sc)
		if err == nil {
			for _, a := range s.Actions {
				if sc.Decision(a.Decision).Option(a.Option) == nil || a.At > sc.Duration {
					t.Fatalf("accepted an action the scenario cannot take: %+v", a)
				}
			}
		}
	})
}
