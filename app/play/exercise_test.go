package play

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// The console of a new exercise: the clock starts and runs, each speed
// says what it leaves of a decision, and ending early asks first; then the
// screen stops and goes to the debrief. (The way there from setup, and the
// debrief, are followed in the app's tests.)
func TestConsoleRunsAndEnds(t *testing.T) {
	h, ex, clock := miniExercise(t)
	c := ex.console

	if !c.paused.Box.Visible() || c.pauseButton.Text != "Start the clock" {
		t.Fatalf("new exercise: paused shown %v, button %q", c.paused.Box.Visible(), c.pauseButton.Text)
	}
	test.Tap(c.pauseButton)
	if c.paused.Box.Visible() || c.pauseButton.Text != "Pause" {
		t.Fatalf("running: paused shown %v, button %q", c.paused.Box.Visible(), c.pauseButton.Text)
	}

	clock.Add(6 * time.Minute)
	if err := ex.run.Session.Tick(); err != nil {
		t.Fatal(err)
	}
	ex.refresh()
	if got := c.clock.Text; got != "00:06:00" {
		t.Errorf("clock = %s", got)
	}
	if got := c.duration.Text; got != "/ 01:00:00" {
		t.Errorf("duration = %s", got)
	}
	if len(c.countdowns) != 2 { // decision first, open for both teams
		t.Fatalf("%d countdowns on the console, want 2", len(c.countdowns))
	}
	if got := c.countdowns[0].TargetLabel.Text; got != "Target in 04:00" {
		t.Errorf("countdown = %q", got)
	}

	// Each speed says what it leaves of a typical decision (the mini
	// scenario's median deadline is 10 minutes), and goes to the engine.
	if !slices.Contains(c.speedSelect.Options, "60× · a decision: 10 s") {
		t.Errorf("speed options %q do not say a decision lasts 10 s at 60×", c.speedSelect.Options)
	}
	c.speedSelect.SetSelected("10× · a decision: 1 min")
	var speed float64
	ex.run.Session.Read(func(st *engine.State) { speed = st.Speed })
	if speed != 10 {
		t.Errorf("speed = %g after choosing 10×", speed)
	}

	// Ending early asks first.
	test.Tap(c.endButton)
	if c.endConfirm == nil {
		t.Fatal("end exercise did not ask for confirmation")
	}
	c.endConfirm.Confirm()

	if !slices.Equal(h.debriefs, []string{ex.run.ID}) {
		t.Fatalf("the end went to the debriefs %v, want the exercise's", h.debriefs)
	}
	if ex.console != nil || !ex.done {
		t.Error("the exercise screen was not stopped")
	}
}

// On a shared laptop each team's tab says when the team has a decision
// open and how many minutes to its deadline; a tab whose decision opened
// while another was shown flashes until someone looks at it, for half a
// minute at most; then it stays coloured, and the title changes once a
// minute, not every second.
func TestTeamTabsSayADecisionIsOpen(t *testing.T) {
	_, ex, clock := miniExercise(t)
	test.Tap(ex.console.pauseButton)
	alpha, bravo := ex.tabs.Items[1], ex.tabs.Items[2]
	if alpha.Text != "Alpha" || bravo.Text != "Bravo" {
		t.Fatalf("tabs before any decision: %q, %q", alpha.Text, bravo.Text)
	}

	// 5:05: "first" opened at 5:00 for both, deadline at 15:00 (9:55 left,
	// rounded up).
	clock.Add(5*time.Minute + 5*time.Second)
	ex.tick()
	if alpha.Text != "Alpha · 1 open · 10 min" || bravo.Text != "Bravo · 1 open · 10 min" {
		t.Fatalf("tabs with a decision open: %q, %q", alpha.Text, bravo.Text)
	}
	// Nobody has looked: both flash, the icon changing with each tick.
	first := alpha.Icon.Name()
	clock.Add(time.Second)
	ex.tick()
	if alpha.Icon.Name() == first {
		t.Error("Alpha's tab does not flash for a decision nobody has seen")
	}
	// Alpha's tab is looked at: it stops flashing (and stays coloured);
	// Bravo's goes on.
	ex.tabs.SelectIndex(1)
	a1, b1 := alpha.Icon.Name(), bravo.Icon.Name()
	clock.Add(time.Second)
	ex.tick()
	if alpha.Icon.Name() != a1 || alpha.Icon.Name() == theme.AccountIcon().Name() {
		t.Error("Alpha's tab, looked at, still flashes or lost its colour")
	}
	if bravo.Icon.Name() == b1 {
		t.Error("Bravo's tab, not looked at, stopped flashing")
	}
	// Half a minute after the opening Bravo's tab stops flashing, still
	// coloured; its title keeps its minute (9:23 left: "10 min"), the
	// minute after it says 9.
	clock.Add(30 * time.Second)
	ex.tick()
	b2 := bravo.Icon.Name()
	clock.Add(time.Second)
	ex.tick()
	if bravo.Icon.Name() != b2 || b2 == theme.AccountIcon().Name() {
		t.Errorf("Bravo's tab after half a minute: icon %s then %s, want it steady and coloured", b2, bravo.Icon.Name())
	}
	if bravo.Text != "Bravo · 1 open · 10 min" {
		t.Errorf("Bravo's tab at 9:22 left: %q", bravo.Text)
	}
	clock.Add(23 * time.Second)
	ex.tick()
	if bravo.Text != "Bravo · 1 open · 9 min" {
		t.Errorf("Bravo's tab at 8:59 left: %q", bravo.Text)
	}

	// Past the target (10:00) the tab turns to the late colour; Alpha
	// decides and its tab goes back to plain.
	clock.Add(5 * time.Minute)
	ex.tick()
	if !strings.Contains(alpha.Icon.Name(), "warning") {
		t.Errorf("past the target Alpha's icon is %s, want the warning colour", alpha.Icon.Name())
	}
	if err := ex.run.Session.Send(engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "first", Option: "good"}); err != nil {
		t.Fatal(err)
	}
	ex.refresh()
	if alpha.Text != "Alpha" || alpha.Icon.Name() != theme.AccountIcon().Name() {
		t.Errorf("Alpha's tab after deciding: %q %s", alpha.Text, alpha.Icon.Name())
	}
}

// The clock's tick redraws the tab shown; a tab shown later catches up at
// once. The tabs hold no content, so that a title changing every second
// (a countdown) does not redraw every page (docs/architecture.md).
func TestTheTickRedrawsTheTabShown(t *testing.T) {
	_, ex, clock := miniExercise(t)
	test.Tap(ex.console.pauseButton)
	clock.Add(6 * time.Minute) // "first" opens for both teams
	ex.tick()
	alpha, bravo := ex.team(0), ex.team(1)
	ex.tabs.SelectIndex(1) // Alpha's tab
	before := bravo.clock.Text
	clock.Add(5 * time.Second)
	ex.tick()
	if got := alpha.clock.Text; !strings.HasPrefix(got, "00:06:05") {
		t.Errorf("Alpha's clock, shown, reads %q after the tick", got)
	}
	if bravo.clock.Text != before {
		t.Errorf("Bravo's clock, not shown, was redrawn: %q", bravo.clock.Text)
	}
	ex.tabs.SelectIndex(2)
	if got := bravo.clock.Text; !strings.HasPrefix(got, "00:06:05") {
		t.Errorf("Bravo's clock, once shown, reads %q", got)
	}
	if got := bravo.countdowns[0].DeadlineLabel.Text; got != "Deadline in 08:55" {
		t.Errorf("Bravo's countdown, once shown, reads %q", got)
	}
	for i, it := range ex.tabs.Items {
		if tree.Holds(t, it.Content, ex.pages.Objects[i]) {
			t.Errorf("tab %d holds its page: refreshing the tabs would redraw it", i)
		}
		if ex.pages.Objects[i].Visible() != (i == 2) {
			t.Errorf("page %d visible %v with tab 2 shown", i, ex.pages.Objects[i].Visible())
		}
	}
}

// The keyboard moves between tabs and, in the console, pauses the clock;
// the keys go with the screen.
func TestExerciseKeys(t *testing.T) {
	h, ex, _ := miniExercise(t)
	c := h.win.Canvas()
	// The test driver's canvas wraps the one that dispatches shortcuts.
	inner := reflect.ValueOf(c).Elem().FieldByName("WindowlessCanvas").Interface()
	press := func(s fyne.Shortcut) { inner.(fyne.Shortcutable).TypedShortcut(s) }
	paused := func() (p bool) {
		ex.run.Session.Read(func(s *engine.State) { p = s.Paused })
		return p
	}

	if !paused() {
		t.Fatal("a new exercise should start paused")
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeySpace})
	if paused() {
		t.Error("Space in the console did not start the clock")
	}
	press(nextTabKeys[0])
	if got := ex.tabs.SelectedIndex(); got != 1 {
		t.Errorf("Ctrl+Tab from the console: tab %d, want 1", got)
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeySpace})
	if paused() {
		t.Error("Space on a team's tab paused the clock")
	}
	press(prevTabKeys[1])
	press(prevTabKeys[0])
	if got := ex.tabs.SelectedIndex(); got != 2 {
		t.Errorf("Ctrl+Page Up then Ctrl+Shift+Tab from tab 1: tab %d, want 2 (round)", got)
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1})
	if top := c.Overlays().Top(); top == nil {
		t.Error("F1 shows no list of keys")
	} else {
		top.Hide()
	}

	ex.Stop()
	if c.OnTypedKey() != nil {
		t.Error("the exercise's keys stay on the window after it is gone")
	}
}

// Dialogs answer the keyboard: Escape closes a message or cancels a
// choice, Enter confirms a team's choice, and Enter does not end the
// exercise by accident; the screen's own keys come back afterwards.
func TestDialogsAnswerTheKeyboard(t *testing.T) {
	h, ex, clock := miniExercise(t)
	c := h.win.Canvas()
	key := func(n fyne.KeyName) { c.OnTypedKey()(&fyne.KeyEvent{Name: n}) }

	key(fyne.KeyF1)
	if c.Overlays().Top() == nil {
		t.Fatal("F1 shows no list of keys")
	}
	key(fyne.KeyEscape)
	if c.Overlays().Top() != nil {
		t.Error("Escape did not close the message")
	}
	key(fyne.KeySpace) // the screen's keys are back: Space starts the clock
	var paused bool
	ex.run.Session.Read(func(s *engine.State) { paused = s.Paused })
	if paused {
		t.Error("after the message closed, Space no longer reaches the console")
	}

	// A team's choice: Escape cancels, Enter confirms.
	clock.Add(6 * time.Minute)
	ex.tick()
	tv := ex.team(0)
	test.Tap(optionButton(t, tv, "first", 0))
	key(fyne.KeyEscape)
	if tv.confirm != nil {
		t.Error("Escape did not cancel the choice")
	}
	test.Tap(optionButton(t, tv, "first", 0))
	key(fyne.KeyReturn)
	var answered int
	ex.run.Session.Read(func(s *engine.State) { answered = len(s.Team("Alpha").Answers) })
	if answered != 1 {
		t.Errorf("Enter did not confirm the choice: %d answers", answered)
	}

	// Ending early: Enter does nothing, Escape cancels.
	test.Tap(ex.console.endButton)
	key(fyne.KeyReturn)
	if ex.done || ex.console.endConfirm == nil {
		t.Fatal("Enter ended the exercise from the confirmation")
	}
	key(fyne.KeyEscape)
	if ex.console.endConfirm != nil || ex.done {
		t.Error("Escape did not cancel ending the exercise")
	}
}

// A scenario that makes more happen at one moment than the engine allows
// stops the exercise on the facilitator's laptop: the clock stops, the
// facilitator is told why in words, and ending the exercise still goes to
// the debrief (whose account of why is followed in the app's tests).
func TestAnExerciseStoppedAtTheLimitCanBeEnded(t *testing.T) {
	h, ex, clock := miniExercise(t)
	test.Tap(ex.console.pauseButton)

	// At 5:00 the mini scenario delivers the reporter's call and opens a
	// decision for both teams: more than 2 events at one moment.
	t.Cleanup(engine.SetLimitsForTest(2, engine.MaxEventsPerExercise))
	clock.Add(6 * time.Minute)
	ex.tick()
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no message when the exercise stopped at the limit")
	}
	var msg strings.Builder
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*ui.WrapLabel); ok {
			msg.WriteString(l.Text + "\n")
		}
	}
	if !strings.Contains(msg.String(), "more than 2 things happen at one moment (00:05:00)") {
		t.Errorf("the message does not say why the exercise stopped:\n%s", msg.String())
	}
	top.Hide()

	test.Tap(ex.console.endButton)
	ex.console.endConfirm.Confirm()
	if !slices.Equal(h.debriefs, []string{ex.run.ID}) {
		t.Errorf("ending went to the debriefs %v, want the exercise's", h.debriefs)
	}
}
