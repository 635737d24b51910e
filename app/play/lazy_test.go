package play

import (
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// TestTeamViewsAreBuiltWhenTheirTabIsFirstShown: the screen opens on the
// console without building the teams' views (a resume's first frame does
// not wait for them); a team's tab still says what is open for it, its
// view appears when the tab is chosen, and a draft written in one survives
// a language switch whether or not that view was built again since.
func TestTeamViewsAreBuiltWhenTheirTabIsFirstShown(t *testing.T) {
	h, ex, _ := startWorld(t, "en") // decisions are open for both teams
	if ex.teams[0] != nil || ex.teams[1] != nil {
		t.Fatal("the teams' views were built with the console shown")
	}
	var open int
	ex.run.Session.Read(func(st *engine.State) { open = len(st.Team("Bravo").Open) })
	want := h.loc.T("tab.team_open", "team", "Bravo", "n", open, "left", "")
	if got := ex.tabs.Items[2].Text; !strings.HasPrefix(got, strings.TrimSpace(want)) {
		t.Errorf("Bravo's tab, its view not built, says %q; want the open decision (%q…)", got, want)
	}

	ex.tabs.SelectIndex(1) // Alpha
	alpha := ex.teams[0]
	if alpha == nil || ex.teams[1] != nil {
		t.Fatalf("after choosing Alpha's tab: Alpha built %v, Bravo built %v", alpha != nil, ex.teams[1] != nil)
	}
	if !alpha.root.Visible() || !tree.Holds(t, ex.pages, alpha.root) {
		t.Error("Alpha's view is not the page shown")
	}
	alpha.statements["notify"].entry.SetText("Hotline 400-123 is open.")

	ex.tabs.SelectIndex(0)                                     // back to the console
	for _, l := range []i18n.Lang{i18n.ZH, i18n.EN, i18n.ZH} { // each switch rebuilds the screen
		h.setLang(l)
		if ex.teams[0] != nil || ex.teams[1] != nil {
			t.Fatalf("the rebuild in %s, on the console, built a team's view", l)
		}
	}
	if got := ex.team(0).statements["notify"].entry.Text; got != "Hotline 400-123 is open." {
		t.Errorf("Alpha's draft after three switches with its view not built: %q", got)
	}
	ex.tabs.SelectIndex(1)
	h.setLang(i18n.EN) // on Alpha's tab: its view is built again at once
	if ex.teams[0] == nil || ex.teams[0].statements["notify"].entry.Text != "Hotline 400-123 is open." {
		t.Error("a rebuild on Alpha's tab lost its view or its draft")
	}
}
