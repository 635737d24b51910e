package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
)

// A team laptop triages a decision's feed: the feed reaches the laptop
// with the decision, its class and action selects send the triage across
// the network, the facilitator's store records it once with the laptop's
// marks, the laptop's card then says it was sent and opens the options,
// and the facilitator's console says the team has triaged.
func TestATeamLaptopTriagesTheFeed(t *testing.T) {
	rig := startHostedWith(t, uitest.EngineEntry(t, "triage.yaml"))
	code, _ := rig.hostFile()
	team := rig.joinTyped("Alpha", code)
	test.Tap(tree.FindButton(t, rig.fac.body, "Start the clock"))
	rig.ui.Eventually(t, "the feed reaches the team laptop", func() bool {
		return strings.Contains(deepText(t, team.body), "Social listening: triage the feed")
	})
	var classes, actions []*widget.Select
	for _, s := range tree.Find[*widget.Select](t, team.body) {
		switch s.PlaceHolder {
		case "What is it?":
			classes = append(classes, s)
		case "What do you do?":
			actions = append(actions, s)
		}
	}
	if len(classes) != 5 || len(actions) != 5 {
		t.Fatalf("the laptop shows %d class and %d action selects, want 5 each", len(classes), len(actions))
	}
	// The laptop shows the posts in the order the host folds them.
	feed := rig.state().Team("Alpha").TriageOf("first")
	for i, p := range feed.Posts {
		classes[i].SetSelected(map[string]string{"rumour": "Rumour", "complaint": "Genuine complaint", "journalist": "Journalist", "troll": "Troll"}[p.Class])
		actions[i].SetSelected(map[string]string{"answer": "Answer now", "monitor": "Monitor", "ignore": "Ignore"}[p.Needs])
	}
	test.Tap(tree.FindButton(t, team.body, "Send triage"))
	rig.ui.Eventually(t, "the triage is stored on the facilitator's laptop", func() bool {
		return len(rig.state().Team("Alpha").Triages) == 1
	})
	if r := rig.state().Team("Alpha").Triages[0]; r.Missing || r.Score() != 100 {
		t.Errorf("the stored triage: %+v (score %v)", r, r.Score())
	}
	rig.ui.Eventually(t, "the team laptop says the triage was sent", func() bool {
		return strings.Contains(deepText(t, team.body), "Feed triaged at")
	})
	rig.ui.Eventually(t, "the console says Alpha has triaged", func() bool {
		return strings.Contains(deepText(t, rig.fac.body), "Feed triaged at")
	})
}
