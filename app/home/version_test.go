package home

import (
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// TestScenarioCardNamesItsShorterVersions: a scenario card says, beside
// the full length, the minutes of each shorter version setup offers.
func TestScenarioCardNamesItsShorterVersions(t *testing.T) {
	airline, err := library.Find("airline-disruption")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang       i18n.Lang
		want, mini string
	}{{i18n.EN, "90 min · also 30 min", "60 min"}, {i18n.ZH, "90 分钟 · 另有 30 分钟版", "60 分钟"}} {
		hs := newHost(t, c.lang, Lists{Loaded: true, Scenarios: []library.Entry{airline, uitest.MiniEntry(t)}})
		hs.home()
		if text := tree.AllText(scenarioCard(t, hs, airline.File)); !strings.Contains(text, c.want) {
			t.Errorf("%s: the airline card does not say %q:\n%s", c.lang, c.want, text)
		}
		// Mini has no cut: only its length.
		if text := tree.AllText(scenarioCard(t, hs, "mini.yaml")); !strings.Contains(text, c.mini) || strings.Contains(text, "30") {
			t.Errorf("%s: the mini card: %s", c.lang, text)
		}
	}
}
