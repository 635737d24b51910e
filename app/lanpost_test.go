package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
)

// A team laptop publishes on its official account: the post crosses the
// network, the facilitator's store records it once for that team only, and
// the laptop's feed shows it as the team's with the public's reaction.
func TestATeamLaptopPosts(t *testing.T) {
	rig := startHostedWith(t, uitest.EngineEntry(t, "posts.yaml"))
	code, _ := rig.hostFile()
	team := rig.joinTyped("Alpha", code)
	test.Tap(tree.FindButton(t, rig.fac.body, "Start the clock"))

	tabs := tree.Find[*container.AppTabs](t, team.body)
	if len(tabs) != 1 {
		t.Fatalf("the team laptop shows %d tab sets", len(tabs))
	}
	tabs[0].SelectIndex(1) // the feed
	test.Tap(tree.FindButton(t, team.body, "Post as your team"))
	var box *ui.SendEntry
	for _, e := range tree.Find[*ui.SendEntry](t, team.body) {
		if strings.HasPrefix(e.PlaceHolder, "What your team says in public") {
			box = e
		}
	}
	if box == nil {
		t.Fatal("Post as your team opened no composer on the team laptop")
	}
	denial := "This is a baseless rumour. Our products meet all national standards and are safe to drink."
	box.SetText(denial)
	test.Tap(tree.FindButton(t, team.body, "Publish"))
	rig.ui.Eventually(t, "the post is stored on the facilitator's laptop", func() bool {
		return len(rig.state().Team("Alpha").Posts) == 1
	})
	rig.ui.Eventually(t, "the team laptop's feed shows the post and the reaction", func() bool {
		text := deepText(t, team.body)
		return strings.Contains(text, "Alpha (your team)") && strings.Contains(text, "Rumour, they say.")
	})
	st := rig.state()
	if p := st.Team("Alpha").Posts[0]; p.Text != denial || p.Channel != "social" || st.Team("Alpha").World["sentiment"] != -15 {
		t.Errorf("the stored post: %+v, world %v", p, st.Team("Alpha").World)
	}
	if n := len(st.Team("Bravo").Posts); n != 0 || st.Team("Bravo").World["sentiment"] != 0 {
		t.Errorf("Bravo has %d posts", n)
	}
}
