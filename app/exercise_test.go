package app

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/play"
	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/review"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// The exercise screen's workings are tested in app/play; here, the ways
// into it and out of it through the window.

// From the setup form through the console to the debrief, on a fake clock.
func TestConsoleRunsAndEndsIntoDebrief(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	sh := testShell(t, st, clock)
	sh.showSetup(sh.scenarios[0])
	test.Tap(shownSetup(t, sh).startButton)
	currentAs[*play.Screen](t, sh)

	if !tree.HasLine(shownText(sh.body), "PAUSED") {
		t.Fatalf("a new exercise does not say it is paused:\n%s", shownText(sh.body))
	}
	test.Tap(tree.FindButton(t, sh.body, "Start the clock"))
	if tree.HasLine(shownText(sh.body), "PAUSED") {
		t.Fatal("running, the console still says PAUSED")
	}
	tree.FindButton(t, sh.body, "Pause")

	// Ending early asks first.
	test.Tap(tree.FindButton(t, sh.body, "End exercise early"))
	test.Tap(tree.FindButton(t, tree.Dialog(t, sh.win), "End exercise"))

	if teams, _ := debriefTeams(t, sh); len(teams) != 2 {
		t.Fatalf("debrief shows %d teams", len(teams))
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
	currentAs[*play.Screen](t, sh)
	shown := shownText(sh.body) // the console
	if !tree.HasLine(shown, "00:02:00") {
		t.Errorf("the resumed console's clock does not read 00:02:00:\n%s", shown)
	}
	if !tree.HasLine(shown, "PAUSED") {
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
	currentAs[*play.Screen](t, sh)
	// The trend lines are the charts of the meters on the teams' cards in
	// the console; at 7:00 they show the exercise from its start.
	liability := func(team string) []ui.Point {
		t.Helper()
		for _, c := range tree.Around(t, sh.body, team) {
			for _, m := range findAll(t, c, (&ui.WorldMeters{}).Meters) {
				if m.Label == "Legal liability" {
					return m.Points
				}
			}
		}
		t.Fatalf("no liability meter on %s's card", team)
		return nil
	}
	got := liability("Alpha")
	if len(got) < 2 || got[0].Value != 20 || got[len(got)-1].Value != 40 || got[len(got)-1].At != 6*time.Minute {
		t.Errorf("Alpha's liability line after the resume: %v, want 20 from the start, then 40 from 6:00", got)
	}
	if bravo := liability("Bravo"); len(bravo) != 1 || bravo[0].Value != 20 {
		t.Errorf("Bravo, who did not decide: %v, want a flat 20", bravo)
	}
}

// An exercise that runs to its end by itself moves to the debrief.
func TestExerciseEndingByTimeShowsDebrief(t *testing.T) {
	sh, run, clock := miniExercise(t)
	test.Tap(tree.FindButton(t, sh.body, "Start the clock"))
	clock.Add(2 * time.Hour)
	if err := run.Session.Tick(); err != nil {
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
	ex := currentAs[*play.Screen](t, sh)
	exerciseTabs(t, sh.body).SelectIndex(2)
	test.Tap(sh.langButtons[i18n.ZH])
	if currentAs[*play.Screen](t, sh) != ex {
		t.Fatal("the language switch left the exercise")
	}
	tabs := exerciseTabs(t, sh.body)
	if got := tabs.Items[0].Text; got != "主持人控制台" {
		t.Errorf("console tab = %q", got)
	}
	tree.FindButton(t, sh.body, "开始计时") // the pause button
	if tabs.SelectedIndex() != 2 {
		t.Errorf("selected tab %d after switching, want 2", tabs.SelectedIndex())
	}
	if got := findOption(t, sh.body, "道歉"); got != nil {
		t.Errorf("options before any decision opened: %q", got.Text)
	}
}

// TestTheConsoleLocksBehindItsPIN follows a facilitator on a shared
// laptop: setup refuses a bad PIN beside its field, a good one starts the
// exercise with the console open; showing a team's tab locks it; a resumed
// exercise starts locked. (How the lock opens and backs off is tested in
// app/play.)
func TestTheConsoleLocksBehindItsPIN(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	sh := testShell(t, st, clock)
	sh.showSetup(uitest.MiniEntry(t))
	s := shownSetup(t, sh)
	test.Type(s.pinEntry, "24a8")
	test.Tap(s.startButton)
	s = shownSetup(t, sh)
	if !s.pinError.Visible() || !strings.Contains(s.pinError.Text, "4 to 8 digits") {
		t.Fatalf("a bad PIN: the message beside the field is %q (shown %v)", s.pinError.Text, s.pinError.Visible())
	}
	s.pinEntry.SetText("2468")
	if s.pinError.Visible() {
		t.Error("the PIN message stays after the PIN is fixed")
	}
	test.Tap(s.startButton)
	currentAs[*play.Screen](t, sh)
	tree.FindButton(t, sh.body, "Lock console")
	if tree.HasLine(shownText(sh.body), "The console is locked") {
		t.Fatal("the console is not open after setup")
	}

	tabs := exerciseTabs(t, sh.body)
	tabs.SelectIndex(1) // a team's tab
	tabs.SelectIndex(0)
	if !tree.HasLine(shownText(sh.body), "The console is locked") {
		t.Fatalf("showing a team's tab leaves the console open:\n%s", shownText(sh.body))
	}

	// A resume, as after a restart: locked from the start, in Chinese too.
	list, err := st.Unfinished()
	if err != nil || len(list) != 1 {
		t.Fatalf("unfinished = %v, %v", list, err)
	}
	sh.showHome()
	sh.setLang(i18n.ZH)
	sh.resumeExercise(list[0].ID)
	currentAs[*play.Screen](t, sh)
	if text := shownText(sh.body); !strings.Contains(text, "控制台已锁定") {
		t.Errorf("the resumed exercise's console is not locked; it says:\n%s", text)
	}
}

// The shared laptop's auto-pause is chosen at setup and kept for the
// exercise, where the exercise screen reads it (its workings are tested in
// app/play).
func TestAutoPauseChosenAtSetupReachesTheExercise(t *testing.T) {
	for _, on := range []bool{true, false} {
		st := uitest.OpenStore(t)
		sh := testShell(t, st, engine.NewFakeClock())
		sh.showSetup(uitest.MiniEntry(t))
		s := shownSetup(t, sh)
		s.autoPauseCheck.SetChecked(on)
		test.Tap(s.startButton)
		currentAs[*play.Screen](t, sh)
		list, err := st.Unfinished()
		if err != nil || len(list) != 1 {
			t.Fatalf("unfinished = %v, %v", list, err)
		}
		if got := fyne.CurrentApp().Preferences().Bool(prefs.AutoPause(list[0].ID)); got != on {
			t.Errorf("auto-pause chosen %v at setup, kept as %v", on, got)
		}
	}
}

// What a team wrote with its choice reaches the debrief: world.yaml's
// decision "notify" asks for a press release containing the facts
// "hotline" (400-123) and "date" (May 3). (The team's side, writing the
// statement and choosing, is tested in app/play.)
func TestStatementReachesTheDebrief(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	world := uitest.EngineEntry(t, "world.yaml")
	sh := shellWith(t, st, clock, "", world)
	run, err := exercise.Start(st, engine.Config{ScenarioID: world.ID, Source: world.Source, Teams: []string{"Alpha", "Bravo"},
		Lang: "en", Speed: 1}, world.Scenario.Title, "gui", clock, exercise.EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	sh.showExercise(run, nil)
	test.Tap(tree.FindButton(t, sh.body, "Start the clock"))
	clock.Add(4*time.Minute + time.Second)
	if err := run.Session.Tick(); err != nil {
		t.Fatal(err)
	}
	text := "We are sorry. Call our hotline 400-123 for help."
	if err := run.Session.Send(engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "notify", Option: "report", Text: text}); err != nil {
		t.Fatal(err)
	}
	// Bravo answers without a statement; both teams have reached the
	// ending, so the exercise ends into the debrief.
	if err := run.Session.Send(engine.Command{Kind: engine.CmdChoose, Team: "Bravo", Decision: "notify", Option: "wait"}); err != nil {
		t.Fatal(err)
	}

	// The debrief shows each team's statement once and its facts, found or
	// not (review.TestDebriefShowsStatementsAndTheirFacts checks them
	// against the scenario's).
	_, cards := debriefTeams(t, sh)
	facts := func(lines []string) []string {
		var out []string
		for _, l := range lines {
			if strings.HasSuffix(l, " — included") || strings.HasSuffix(l, " — missing") {
				out = append(out, l)
			}
		}
		return out
	}
	count := func(lines []string, s string) (n int) {
		for _, l := range lines {
			if l == s {
				n++
			}
		}
		return n
	}
	if n := count(cards["Alpha"], text); n != 1 {
		t.Errorf("debrief shows Alpha's statement %d times, want once:\n%s", n, strings.Join(cards["Alpha"], "\n"))
	}
	if got, want := facts(cards["Alpha"]), []string{"Hotline number — included", "Date of the leak — missing"}; !slices.Equal(got, want) {
		t.Errorf("Alpha's facts in the debrief = %q, want %q", got, want)
	}
	if n := count(cards["Bravo"], "No statement was written."); n != 1 || count(cards["Bravo"], text) != 0 {
		t.Errorf("Bravo's empty statement shown %d times:\n%s", n, strings.Join(cards["Bravo"], "\n"))
	}
	if got, want := facts(cards["Bravo"]), []string{"Hotline number — missing", "Date of the leak — missing"}; !slices.Equal(got, want) {
		t.Errorf("Bravo's facts = %q, want %q", got, want)
	}
}
