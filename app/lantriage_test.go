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
// and the facilitator's console says the team has triaged. The laptop
// orders the answers too: a post marked "answer now" joins the order at
// its end, so marking the answers in the key's order sends the key's
// order, each answer's place with it.
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
		if p.Needs != "answer" {
			actions[i].SetSelected(map[string]string{"monitor": "Monitor", "ignore": "Ignore"}[p.Needs])
		}
	}
	key := feed.Decision.Triage.AnswerOrder()
	for _, k := range key {
		for i, p := range feed.Posts {
			if p.ID == k.ID {
				actions[i].SetSelected("Answer now")
			}
		}
	}
	rig.ui.Eventually(t, "the laptop lists the answers in order", func() bool {
		return strings.Contains(deepText(t, team.body), "Answer order") && strings.Contains(deepText(t, team.body), "1. "+key[0].Author.Get("en"))
	})
	// The laptop learns that the clock runs from the host's events, which
	// may come after the feed: until then the button waits, and a tap on
	// it does nothing.
	rig.ui.Eventually(t, "the laptop lets the triage be sent", func() bool {
		return !tree.FindButton(t, team.body, "Send triage").Disabled()
	})
	test.Tap(tree.FindButton(t, team.body, "Send triage"))
	rig.ui.Eventually(t, "the triage is stored on the facilitator's laptop", func() bool {
		return len(rig.state().Team("Alpha").Triages) == 1
	})
	r := rig.state().Team("Alpha").Triages[0]
	if pr, ok := r.Priority(); r.Missing || !r.Ordered || !ok || pr != 1 || r.Score() != 100 {
		t.Errorf("the stored triage: %+v (score %v, order %v)", r, r.Score(), pr)
	}
	for i, k := range key {
		if m, _ := r.Mark(k.ID); m.Rank != i+1 {
			t.Errorf("%s stored with place %d, want %d", k.ID, m.Rank, i+1)
		}
	}
	rig.ui.Eventually(t, "the team laptop says the triage was sent", func() bool {
		return strings.Contains(deepText(t, team.body), "Feed triaged at")
	})
	rig.ui.Eventually(t, "the console says Alpha has triaged", func() bool {
		return strings.Contains(deepText(t, rig.fac.body), "Feed triaged at")
	})
}
