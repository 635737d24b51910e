package play

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// schedConsole runs the engine's schedule scenario for Alpha and Bravo on
// one laptop, the clock at one minute, and returns its console.
func schedConsole(t *testing.T, lang i18n.Lang) (*Screen, *engine.FakeClock) {
	t.Helper()
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	e := uitest.EngineEntry(t, "sched.yaml")
	h := newHost(t)
	h.setLang(lang)
	run, err := exercise.Start(st, engine.Config{ScenarioID: e.ID, Source: e.Source, Teams: []string{"Alpha", "Bravo"},
		Lang: lang.String(), Speed: 1}, e.Scenario.Title, "gui", clock, exercise.EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	ex := showRun(h, Config{}, run)
	test.Tap(ex.console.pauseButton) // start the clock
	advance(t, ex, clock, time.Minute)
	return ex, clock
}

func pendingAt(ex *Screen, team, inject string) (time.Duration, bool) {
	var at time.Duration
	found := false
	ex.run.Session.Read(func(st *engine.State) {
		for _, p := range st.Upcoming(team) {
			if p.Inject.ID == inject {
				at, found = p.At, true
			}
		}
	})
	return at, found
}

func delivered(ex *Screen, team, inject string) bool {
	var got bool
	ex.run.Session.Read(func(st *engine.State) {
		got = slices.ContainsFunc(st.Team(team).Inbox, func(d engine.Delivery) bool { return d.Inject.ID == inject })
	})
	return got
}

// TestTheConsoleControlsTheSchedule: from the console's coming injects the
// facilitator delays an inject for both teams, sends it at once, cannot
// skip one that opens a decision, skips another after confirming, and
// extends a team's deadline; each is what the engine then does.
func TestTheConsoleControlsTheSchedule(t *testing.T) {
	ex, clock := schedConsole(t, i18n.EN)
	c, loc := ex.console, ex.host.Loc()
	both := []string{"Alpha", "Bravo"}

	// Delay the reporter's call (due at 5:00) by 5 minutes, for both.
	delaySelect(t, ex, "call", both...).SetSelectedIndex(1)
	for _, team := range []string{"Alpha", "Bravo"} {
		if at, ok := pendingAt(ex, team, "call"); !ok || at != 10*time.Minute {
			t.Fatalf("%s: the call is due at %v (pending %v), want 10:00", team, at, ok)
		}
	}
	if !strings.Contains(tree.AllText(c.upcoming), "Delayed by 5 min so far.") {
		t.Errorf("the delay is not shown:\n%s", tree.AllText(c.upcoming))
	}
	// It opens a decision: it cannot be skipped.
	if !tree.FindButton(t, comingLine(t, ex, "call", both...), loc.T("schedule.skip")).Disabled() {
		t.Error("an inject that opens a decision can be skipped")
	}

	// Skip the customer's email after the confirmation.
	test.Tap(tree.FindButton(t, comingLine(t, ex, "email", both...), loc.T("schedule.skip")))
	if !strings.Contains(dialogText(t, ex.host.Window()), loc.T("schedule.skip_title")) {
		t.Fatal("skipping asks no confirmation")
	}
	test.Tap(tree.FindButton(t, tree.Dialog(t, ex.host.Window()), loc.T("schedule.skip")))
	if _, ok := pendingAt(ex, "Alpha", "email"); ok {
		t.Error("the skipped email is still coming")
	}
	advance(t, ex, clock, 10*time.Minute)
	if delivered(ex, "Alpha", "email") || delivered(ex, "Bravo", "email") {
		t.Error("the skipped email arrived")
	}

	// Send the legal memo (due at 12:00) now, at 11:00.
	test.Tap(tree.FindButton(t, comingLine(t, ex, "memo", both...), loc.T("schedule.send_now")))
	if !delivered(ex, "Alpha", "memo") || !delivered(ex, "Bravo", "memo") {
		t.Fatal("the memo sent now did not arrive")
	}

	// The call arrived at 10:00 and opened "first": extend Alpha's deadline.
	var before time.Duration
	ex.run.Session.Read(func(st *engine.State) {
		for _, od := range st.Team("Alpha").Open {
			if od.Decision.ID == "first" {
				before = od.DeadlineAt()
			}
		}
	})
	if before == 0 {
		t.Fatal("the delayed call did not open first")
	}
	extendSelect(t, ex, "Alpha", "first").SetSelectedIndex(2) // +10 min
	ex.run.Session.Read(func(st *engine.State) {
		for _, od := range st.Team("Alpha").Open {
			if od.Decision.ID == "first" && od.DeadlineAt() != before+10*time.Minute {
				t.Errorf("Alpha's deadline is %v, want %v", od.DeadlineAt(), before+10*time.Minute)
			}
		}
		for _, od := range st.Team("Bravo").Open {
			if od.Decision.ID == "first" && od.Extended != 0 {
				t.Error("extending Alpha's deadline extended Bravo's")
			}
		}
	})
}

// TestScheduleRefusalsInChinese: a refusal of the engine is said in the
// UI's language, not as the engine's code, and names what it concerns: the
// inject by its text, the team, and the times.
func TestScheduleRefusalsInChinese(t *testing.T) {
	ex, _ := schedConsole(t, i18n.ZH)
	c := ex.console
	// The memo is due at 12:00; 2 h later is past 30:00, when Alpha's
	// phase moves on by itself.
	cmd := engine.Command{Kind: engine.CmdDelay, Team: "Alpha", Inject: "memo", Delay: 2 * time.Hour}
	c.sendEach([]string{"Alpha"}, cmd)
	top := ex.host.Window().Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the console shows no message for a refused delay")
	}
	want := "推迟后内部备忘“法务备忘”将于 02:12:00 到达，晚于小组 Alpha 在 00:30:00 的阶段转换"
	var msg strings.Builder
	for _, o := range test.LaidOutObjects(top) {
		if text, ok := tree.TextOf(o); ok {
			msg.WriteString(text + "\n")
		}
	}
	if got := msg.String(); !strings.Contains(got, want) {
		t.Errorf("the message says\n%s\nwant it to contain\n%s", got, want)
	}
	if at, _ := pendingAt(ex, "Alpha", "memo"); at != 12*time.Minute {
		t.Errorf("a refused delay moved the inject to %v", at)
	}
}
