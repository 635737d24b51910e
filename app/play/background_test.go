package play

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// TestALocalChoiceIsStoredOffTheUIGoroutine: on a shared laptop a team's
// confirmed choice is written (an fsync) in the background; its option
// buttons wait meanwhile, and the choice counts once it is stored.
func TestALocalChoiceIsStoredOffTheUIGoroutine(t *testing.T) {
	h, e, clock := startShared(t, false)
	var queued []func()
	e.cfg.Background = func(f func()) { queued = append(queued, f) }
	h.Show(e) // the team views take the background
	advance(t, e, clock, 5*time.Minute)
	tv := e.team(0)
	test.Tap(optionButton(t, tv, "first", 0))
	tv.confirm.Confirm()
	if len(queued) != 1 {
		t.Fatalf("%d sends queued, want the choice's", len(queued))
	}
	for _, b := range tv.optionButtons["first"] {
		if !b.Disabled() {
			t.Error("an option can be chosen while the choice is being stored")
		}
	}
	var chosen int
	e.run.Session.Read(func(st *engine.State) { chosen = len(st.Team("Alpha").Answers) })
	if chosen != 0 {
		t.Fatal("the choice was stored on the UI goroutine")
	}
	queued[0]()
	e.run.Session.Read(func(st *engine.State) { chosen = len(st.Team("Alpha").Answers) })
	if chosen != 1 || len(tv.sending) != 0 {
		t.Errorf("after the send: %d answers, sending %v", chosen, tv.sending)
	}
}

// TestTheConsoleSendsOffTheUIGoroutine: the console's commands (here the
// clock and a schedule change) are stored in the background.
func TestTheConsoleSendsOffTheUIGoroutine(t *testing.T) {
	ex, _ := schedConsole(t, i18n.EN)
	var queued []func()
	ex.cfg.Background = func(f func()) { queued = append(queued, f) }
	ex.host.Show(ex) // the console takes the background
	c := ex.console
	test.Tap(c.pauseButton)
	if paused(ex) || len(queued) != 1 {
		t.Fatalf("the pause ran on the UI goroutine (paused %v, %d queued)", paused(ex), len(queued))
	}
	queued[0]()
	if !paused(ex) {
		t.Error("the pause did not take effect once run")
	}
	delaySelect(t, ex, "call", "Alpha", "Bravo").SetSelectedIndex(1)
	if at, _ := pendingAt(ex, "Bravo", "call"); at != 5*time.Minute || len(queued) != 2 {
		t.Fatalf("the delay ran on the UI goroutine (due %v, %d queued)", at, len(queued))
	}
	queued[1]()
	if at, _ := pendingAt(ex, "Bravo", "call"); at != 10*time.Minute {
		t.Errorf("after the delay ran, Bravo's call is due at %v, want 10:00", at)
	}
}
