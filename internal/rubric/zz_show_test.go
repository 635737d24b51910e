package rubric

import (
	"os"
	"strings"
	"testing"
)

func TestZZShow(t *testing.T) {
	ids := strings.Split(os.Getenv("ZZ"), ",")
	for _, e := range loadCorpus(t) {
		for _, id := range ids {
			if e.ID == id {
				r := Judge(e.Text, e.context())
				t.Logf("%s %.1f", e.ID, r.Overall)
				for _, c := range r.Checks {
					if len(c.Evidence) > 0 {
						t.Logf("  %s %v %q", c.ID, c.Passed, c.Evidence)
					}
				}
			}
		}
	}
}
