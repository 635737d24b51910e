package play

import (
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// meterValues reads what a set of meters shows, by label.
func meterValues(wm *ui.WorldMeters) map[string]string {
	out := map[string]string{}
	for _, m := range wm.Meters {
		out[m.Label] = m.ValueText()
	}
	return out
}

// world.yaml: attention 0 and trust 50 to start; while the team is silent,
// every 5 minutes attention +10 and trust -10 %.
func TestMetersShowTheWorldAndFollowIt(t *testing.T) {
	clock := engine.NewFakeClock()
	h := newHost(t)
	run := uitest.StartEntry(t, uitest.OpenStore(t), clock, uitest.EngineEntry(t, "world.yaml"), 7, "Alpha", "Bravo")
	ex := showRun(h, Config{}, run)
	tv := ex.team(0)
	if tv.meters == nil || len(tv.meters.Meters) != 2 {
		t.Fatal("the team view shows no meters for world.yaml's two variables")
	}
	want := map[string]string{"attention": "0", "trust": "50"} // no labels in world.yaml: the ids
	if got := meterValues(tv.meters); !sameStrings(got, want) {
		t.Errorf("team meters at the start = %v, want %v", got, want)
	}
	if got := meterValues(ex.console.meters["Bravo"]); !sameStrings(got, want) {
		t.Errorf("console meters at the start = %v, want %v", got, want)
	}

	advance := func(at time.Duration) {
		t.Helper()
		clock.Add(at)
		if err := run.Session.Tick(); err != nil {
			t.Fatal(err)
		}
		ex.refresh()
	}
	ex.console.pauseButton.OnTapped() // start the clock
	advance(5*time.Minute + time.Second)
	want = map[string]string{"attention": "10", "trust": "45"}
	if got := meterValues(tv.meters); !sameStrings(got, want) {
		t.Errorf("team meters after the silence rule = %v, want %v", got, want)
	}
	if got := meterValues(ex.console.meters["Alpha"]); !sameStrings(got, want) {
		t.Errorf("console meters after the silence rule = %v, want %v", got, want)
	}
	// The chart has a step at 5:00 (the rule's time).
	m := tv.meters.Meters[0]
	if len(m.Points) != 2 || m.Points[1].At != 5*time.Minute || m.Points[1].Value != 10 {
		t.Errorf("attention chart = %v, want a step to 10 at 5m", m.Points)
	}
	if m.Health() != ui.HealthGood {
		t.Errorf("attention 10 of 100 is coloured %v", m.Health())
	}

	// A language switch keeps the history (the charts do not restart).
	advance(5 * time.Minute)
	advance(0)
	h.setLang(i18n.ZH)
	tv = ex.team(0)
	if pts := tv.meters.Meters[0].Points; len(pts) != 3 {
		t.Errorf("after a language switch the chart has %d steps, want 3: %v", len(pts), pts)
	}
}

func sameStrings(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
