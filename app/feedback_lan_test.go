package app

import (
	"net"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/review"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
)

// Participants' feedback from team laptops over real connections: after
// the end the facilitator's laptop keeps serving while its debrief is
// shown; a team laptop offers the form, anonymous as the facilitator
// chose (no name field, and it says so), and sends two participants'
// forms one after the other; the facilitator's store has them under the
// team, without names; the debrief's Feedback tab counts them for the
// team's laptop and summarises them; leaving the debrief stops the host.
func TestTeamLaptopFeedbackReachesTheDebrief(t *testing.T) {
	rig := startHosted(t)
	uiq, fac := rig.ui, rig.fac
	code, _ := rig.hostFile()
	team := rig.joinTyped("Alpha", code)
	fyne.CurrentApp().Preferences().SetBool(prefs.FeedbackAnonymous(rig.id), true)

	rig.endExercise(fac)
	uiq.Eventually(t, "the facilitator's window shows the debrief", func() bool {
		_, ok := fac.current.(*review.Debrief)
		return ok
	})
	uiq.Eventually(t, "the team laptop offers the form", func() bool {
		return tree.Shown(t, team.body, "Participant feedback")
	})
	test.Tap(tree.FindButton(t, team.body, "Participant feedback"))
	anonLine := team.loc.T("feedback.lan.anonymous")
	uiq.Eventually(t, "the form says feedback is anonymous", func() bool {
		team.Show(team.current) // the form follows the heartbeat on the clock's ticks; draw it now
		return tree.Shown(t, team.body, anonLine) && !tree.Shown(t, team.body, team.loc.T("feedback.lan.closed"))
	})
	if tree.Shown(t, team.body, team.loc.T("feedback.name")) {
		t.Fatal("anonymous feedback: the form asks for a name")
	}
	for i, answer := range []string{"Clear roles", "Legal was slow"} {
		for _, e := range tree.Find[*widget.Entry](t, team.body) {
			if e.MultiLine {
				test.Type(e, answer)
				break
			}
		}
		tree.Find[*widget.RadioGroup](t, team.body)[0].SetSelected("4")
		test.Tap(tree.FindButton(t, team.body, team.loc.T("feedback.lan.send")))
		sent := team.loc.T("feedback.lan.sent", "n", i+1)
		uiq.Eventually(t, "the form is sent", func() bool { return tree.Shown(t, team.body, sent) })
	}
	forms, err := rig.st.Feedback(rig.id)
	if err != nil || len(forms) != 2 {
		t.Fatalf("the facilitator's store has %d forms (%v), want 2", len(forms), err)
	}
	for i, want := range []string{"Clear roles", "Legal was slow"} {
		f := forms[i]
		if f.Team != "Alpha" || !f.Anonymous || f.Name != "" || f.Role != "" || f.Answers["strengths"] != want || f.Ratings["realistic"] != 4 {
			t.Errorf("form %d: %+v", i+1, f)
		}
	}

	// The debrief counts them for Alpha's laptop and summarises them.
	count := fac.loc.T("feedback.lan.received_team", "team", "Alpha", "n", "2")
	summary := fac.loc.T("feedback.count", "n", "2", "anonymous", "2")
	uiq.Eventually(t, "the debrief counts the forms", func() bool {
		for _, tabs := range tree.Find[*container.AppTabs](t, fac.body) {
			for _, it := range tabs.Items {
				if it.Text == fac.loc.T("feedback.tab") && tabs.Selected() != it {
					tabs.Select(it)
				}
			}
		}
		text := deepText(t, fac.body)
		return strings.Contains(text, count) && strings.Contains(text, summary) && strings.Contains(text, "Legal was slow")
	})

	// Leaving the debrief stops serving the team laptops.
	_, address := rig.hostFile()
	fac.showHome()
	uiq.Eventually(t, "the host stops", func() bool {
		c, err := net.DialTimeout("tcp", address, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return false
		}
		return true
	})
}
