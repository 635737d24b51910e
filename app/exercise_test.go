package app

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/firebreak-drills/firebreak/app/review"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// From the setup form through the console to the debrief, on a fake clock.
func TestConsoleRunsAndEndsIntoDebrief(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	sh := testShell(t, st, clock)
	sh.showSetup(sh.scenarios[0])
	test.Tap(shownSetup(t, sh).startButton)
	ex := currentAs[*exerciseScreen](t, sh)
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

	if teams, _ := debriefTeams(t, sh); len(teams) != 2 {
		t.Fatalf("debrief shows %d teams", len(teams))
	}
	if ex.console != nil || !ex.done {
		t.Error("the exercise screen was not stopped")
	}
	if list, _ := st.Unfinished(); len(list) != 0 {
		t.Errorf("an ended exercise is still offered for resume: %v", list)
	}
	// What the debrief exports is its own test
	// (review.TestDebriefOfAnEndedExerciseExportsEveryTeam).
}

func TestHomeResumesAnUnfinishedExercise(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	run := uitest.StartMini(t, st, clock)
	_ = run.Session.Send(engine.Command{Kind: engine.CmdResume})
	clock.Add(2 * time.Minute)
	_ = run.Session.Tick()
	if err := run.SaveClock(); err != nil {
		t.Fatal(err)
	}

	sh := testShell(t, st, clock)
	h := shownHome(t, sh)
	b := h.resumeButton(run.ID)
	if b == nil {
		t.Fatalf("home offers no resume for %s", run.ID)
	}
	test.Tap(b)
	ex := currentAs[*exerciseScreen](t, sh)
	if got := ex.console.clock.Text; got != "00:02:00" {
		t.Errorf("resumed clock = %s", got)
	}
	if !ex.console.paused.Box.Visible() {
		t.Error("a resumed exercise should wait, paused, for the facilitator")
	}
}

// A resumed exercise draws its world's trend lines from the start, as
// they were before the app stopped, not from the moment it was resumed.
func TestResumeKeepsTheWorldTrendLines(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	run := uitest.StartMini(t, st, clock)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(run.Session.Send(engine.Command{Kind: engine.CmdResume}))
	clock.Add(6 * time.Minute)
	must(run.Session.Tick())
	// Alpha owns up at 6:00: liability 20 → 40.
	must(run.Session.Send(engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "first", Option: "good"}))
	clock.Add(time.Minute)
	must(run.Session.Tick())
	must(run.SaveClock())

	sh := testShell(t, st, clock)
	sh.resumeExercise(run.ID)
	ex := currentAs[*exerciseScreen](t, sh)
	got := ex.histories.Get("Alpha").Series("liability", 0, 7*time.Minute)
	if len(got) < 2 || got[0].Value != 20 || got[len(got)-1].Value != 40 || got[len(got)-1].At != 6*time.Minute {
		t.Errorf("Alpha's liability line after the resume: %v, want 20 from the start, then 40 from 6:00", got)
	}
	if bravo := ex.histories.Get("Bravo").Series("liability", 0, 7*time.Minute); len(bravo) != 1 || bravo[0].Value != 20 {
		t.Errorf("Bravo, who did not decide: %v, want a flat 20", bravo)
	}
}

// An exercise that runs to its end by itself moves to the debrief.
func TestExerciseEndingByTimeShowsDebrief(t *testing.T) {
	sh, ex, clock := miniExercise(t)
	test.Tap(ex.console.pauseButton)
	clock.Add(2 * time.Hour)
	if err := ex.run.Session.Tick(); err != nil {
		t.Fatal(err)
	}
	currentAs[*review.Debrief](t, sh)
	if text := tree.AllText(sh.body); !strings.Contains(text, "Exercise ended at") {
		t.Errorf("the debrief does not say the exercise ended:\n%.2000s", text)
	}
}

func TestLanguageSwitchRebuildsInChinese(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	sh := testShell(t, st, clock)

	h := shownHome(t, sh)
	if got := h.scenariosHeading.Text; got != "Built-in scenarios" {
		t.Fatalf("English heading = %q", got)
	}
	test.Tap(sh.langButtons[i18n.ZH])
	h = shownHome(t, sh)
	if got := h.scenariosHeading.Text; got != "内置情景" {
		t.Errorf("heading after switching = %q", got)
	}
	if got := h.setupButton("mini.yaml").Text; got != "设置演练" {
		t.Errorf("set-up button = %q", got)
	}

	// Setup keeps what was typed across a switch.
	sh.showSetup(sh.scenarios[0])
	s := shownSetup(t, sh)
	s.teamEntries[0].SetText("红队")
	test.Tap(sh.langButtons[i18n.EN])
	s = shownSetup(t, sh) // redrawn in English
	if got := s.startButton.Text; got != "Start new exercise" {
		t.Errorf("start button in English = %q", got)
	}
	if got := s.teamEntries[0].Text; got != "红队" {
		t.Errorf("team name after switching = %q", got)
	}

	// During an exercise: the console is rebuilt, the selected tab kept,
	// the clock keeps running.
	test.Tap(s.startButton)
	ex := currentAs[*exerciseScreen](t, sh)
	ex.tabs.SelectIndex(2)
	test.Tap(sh.langButtons[i18n.ZH])
	if got := ex.tabs.Items[0].Text; got != "主持人控制台" {
		t.Errorf("console tab = %q", got)
	}
	if got := ex.console.pauseButton.Text; got != "开始计时" {
		t.Errorf("pause button = %q", got)
	}
	if ex.tabs.SelectedIndex() != 2 {
		t.Errorf("selected tab %d after switching, want 2", ex.tabs.SelectedIndex())
	}
	if got := ex.teams[0].optionButtons; len(got) != 0 {
		t.Errorf("options before any decision opened: %v", got)
	}
}

// On a shared laptop each team's tab says when the team has a decision
// open and how long to its deadline; a tab whose decision opened while
// another was shown flashes until someone looks at it.
func TestTeamTabsSayADecisionIsOpen(t *testing.T) {
	_, ex, clock := miniExercise(t)
	test.Tap(ex.console.pauseButton)
	alpha, bravo := ex.tabs.Items[1], ex.tabs.Items[2]
	if alpha.Text != "Alpha" || bravo.Text != "Bravo" {
		t.Fatalf("tabs before any decision: %q, %q", alpha.Text, bravo.Text)
	}

	// 6:00: "first" is open for both, deadline at 15:00.
	clock.Add(6 * time.Minute)
	ex.tick()
	if alpha.Text != "Alpha · 1 open · 09:00" || bravo.Text != "Bravo · 1 open · 09:00" {
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
	alpha, bravo := ex.teams[0], ex.teams[1]
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
	sh, ex, _ := miniExercise(t)
	c := sh.win.Canvas()
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
	sh, ex, clock := miniExercise(t)
	c := sh.win.Canvas()
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
	tv := ex.teams[0]
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

// miniExercise shows the mini scenario's exercise for Alpha and Bravo on a
// fake clock, paused at 0 as a new exercise is.
func miniExercise(t *testing.T) (*shell, *exerciseScreen, *engine.FakeClock) {
	t.Helper()
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	sh := testShell(t, st, clock)
	sh.showExercise(uitest.StartMini(t, st, clock), nil)
	return sh, currentAs[*exerciseScreen](t, sh), clock
}
