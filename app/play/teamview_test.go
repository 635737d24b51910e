package play

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

func TestTeamChoosesAfterConfirming(t *testing.T) {
	win := uitest.Window(t)
	clock := engine.NewFakeClock()
	run := uitest.StartMini(t, uitest.OpenStore(t), clock)
	var conn engine.Conn = run.Session // the view gets nothing else
	tv := newTeamView(conn, "Alpha", win, i18n.New(i18n.EN))
	t.Cleanup(tv.Close)
	win.SetContent(tv.root)

	if !tv.paused.Box.Visible() {
		t.Error("a new exercise's clock is paused, but the view does not say so")
	}
	if err := conn.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	clock.Add(5 * time.Minute)
	if err := run.Session.Tick(); err != nil { // what the GUI's ticker does
		t.Fatal(err)
	}
	tv.Refresh()

	if tv.paused.Box.Visible() {
		t.Error("PAUSED still shown while the clock runs")
	}
	buttons := tv.optionButtons["first"]
	if len(buttons) != 2 {
		t.Fatalf("decision first shows %d options, want 2", len(buttons))
	}
	if len(tv.countdowns) != 1 {
		t.Fatalf("%d countdowns, want 1", len(tv.countdowns))
	}
	if got := tv.countdowns[0].TargetLabel.Text; got != "Target in 05:00" {
		t.Errorf("target countdown = %q", got)
	}
	if got := tv.countdowns[0].DeadlineLabel.Text; got != "Deadline in 10:00" {
		t.Errorf("deadline countdown = %q", got)
	}
	if n := len(inboxCards(tv)); n != 2 {
		t.Errorf("inbox shows %d injects, want 2", n)
	}

	// One click asks; nothing is decided yet.
	test.Tap(optionButton(t, tv, "first", 0)) // Apologise
	if tv.confirm == nil {
		t.Fatal("choosing did not ask for confirmation")
	}
	phase := func() string {
		var p string
		conn.Read(func(st *engine.State) { p = st.Team("Alpha").Phase })
		return p
	}
	if p := phase(); p != "start" {
		t.Fatalf("the team moved to %q before confirming", p)
	}
	tv.confirm.Confirm()

	if p := phase(); p != "calm" {
		t.Fatalf("after confirming the team is in %q, want calm", p)
	}
	if got := historyLines(t, tv); len(got) != 1 || got[0] != "Chosen: Apologise (at 00:05:00)" {
		t.Errorf("decisions shown: %q", got)
	}
	if len(tv.optionButtons["first"]) != 0 {
		t.Error("the answered decision still offers its options")
	}
	// The calm phase's inject arrived, newest first.
	if n := len(inboxCards(tv)); n != 3 {
		t.Errorf("inbox shows %d injects after the move, want 3", n)
	}

	// The channel filter.
	tv.SetChannel("news")
	if n := len(inboxCards(tv)); n != 1 {
		t.Errorf("news only: %d injects, want 1", n)
	}
	tv.SetChannel("")
	if n := len(inboxCards(tv)); n != 3 {
		t.Errorf("all channels again: %d injects, want 3", n)
	}
}

func TestTeamViewCancelDecidesNothing(t *testing.T) {
	tv, run, clock := miniTeamView(t, "Bravo")
	runClock(run, clock, 5*time.Minute)

	test.Tap(optionButton(t, tv, "first", 1))
	tv.confirm.Hide() // Cancel
	var open bool
	run.Session.Read(func(st *engine.State) { open = st.Team("Bravo").IsOpen("first") })
	if !open || tv.confirm != nil {
		t.Fatalf("cancel: decision open = %v, dialog kept = %v", open, tv.confirm != nil)
	}

	// A confirmation left open past the deadline is withdrawn.
	test.Tap(optionButton(t, tv, "first", 1))
	clock.Add(10 * time.Minute)
	_ = run.Session.Tick()
	tv.Refresh()
	if tv.confirm != nil {
		t.Error("the confirmation stays up after the decision timed out")
	}
	if got := historyLines(t, tv); len(got) != 1 || got[0] != "Time ran out for this decision." {
		t.Errorf("history after the timeout: %q", got)
	}
}

// A decision that opens while the view is on screen pushes the sections
// below it down instead of being drawn over them.
func TestTeamViewRelayoutsWhenADecisionOpens(t *testing.T) {
	tv, run, clock := miniTeamView(t, "Alpha")
	before := tv.decisions.Size().Height
	runClock(run, clock, 6*time.Minute)
	tv.Refresh()
	if tv.decisions.Size().Height <= before {
		t.Errorf("the decisions section kept its height %g after a decision opened", before)
	}
	if bottom := tv.decisions.Position().Y + tv.decisions.Size().Height; tv.history.Position().Y < bottom {
		t.Errorf("the decisions taken (y %g) overlap the open decision (bottom %g)", tv.history.Position().Y, bottom)
	}
}

// TestEndingOutcomeWrapsAndKeepsTheWidth: the banner says an ending was
// reached in a few words and the outcome paragraph wraps below it, so a
// long outcome cannot widen the window (it once grew to about 4,950 px).
func TestEndingOutcomeWrapsAndKeepsTheWidth(t *testing.T) {
	tv, run, clock := miniTeamView(t, "Alpha")
	before := tv.root.MinSize().Width
	runClock(run, clock, 5*time.Minute)
	tv.Refresh()
	test.Tap(optionButton(t, tv, "first", 0)) // good → calm → good-end after 10m
	tv.confirm.Confirm()
	clock.Add(11 * time.Minute)
	_ = run.Session.Tick()
	tv.Refresh()
	if !tv.ending.Box.Visible() || tv.ending.Text.Text != "Your team has reached an ending" {
		t.Fatalf("ending banner: visible %v, %q", tv.ending.Box.Visible(), tv.ending.Text.Text)
	}
	if !tv.outcome.Visible() || tv.outcome.Text != "Trust kept" || !tv.outcome.TextStyle.Bold {
		t.Fatalf("outcome: visible %v, %q, %+v", tv.outcome.Visible(), tv.outcome.Text, tv.outcome.TextStyle)
	}
	tv.outcome.SetText(strings.Repeat("A long outcome paragraph of the kind the built-in endings have. ", 40))
	if w := tv.root.MinSize().Width; w > before+1 {
		t.Errorf("a long outcome widens the team view from %.0f to %.0f px", before, w)
	}
}

// miniTeamView shows team's view of a new mini exercise (clock paused) in a
// test window.
func miniTeamView(t *testing.T, team string) (*TeamView, *exercise.Running, *engine.FakeClock) {
	t.Helper()
	win := uitest.Window(t)
	clock := engine.NewFakeClock()
	run := uitest.StartMini(t, uitest.OpenStore(t), clock)
	tv := newTeamView(run.Session, team, win, i18n.New(i18n.EN))
	t.Cleanup(tv.Close)
	win.SetContent(tv.root)
	return tv, run, clock
}

// runClock starts the exercise clock and lets d pass.
func runClock(run *exercise.Running, clock *engine.FakeClock, d time.Duration) {
	_ = run.Session.Send(engine.Command{Kind: engine.CmdResume})
	clock.Add(d)
	_ = run.Session.Tick()
}

// A decision that opens shows its question at the top of the team's
// column, not wherever the team had scrolled to in the last one.
func TestANewDecisionScrollsToItsQuestion(t *testing.T) {
	tv, run, clock := miniTeamView(t, "Alpha")
	tv.win.Resize(fyne.NewSize(900, 400))
	runClock(run, clock, 6*time.Minute)
	tv.Refresh()
	if err := run.Session.Send(engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "first", Option: "bad"}); err != nil {
		t.Fatal(err)
	}
	tv.Refresh()
	tv.leftScroll.Offset.Y = 120 // reading the decisions taken
	tv.leftScroll.Refresh()
	clock.Add(3 * time.Minute) // storm: "second" opens 2 minutes in
	if err := run.Session.Tick(); err != nil {
		t.Fatal(err)
	}
	tv.Refresh()
	if len(tv.optionButtons["second"]) == 0 {
		t.Fatal("decision second did not open")
	}
	if y := tv.leftScroll.Offset.Y; y != 0 {
		t.Errorf("after a new decision opened the column is scrolled to %v, want its top", y)
	}
	// A redraw with nothing new keeps the team's place.
	tv.leftScroll.Offset.Y = 40
	tv.Refresh()
	if y := tv.leftScroll.Offset.Y; y == 0 {
		t.Error("a redraw without a new decision scrolled to the top")
	}
}

// A long exercise's inbox shows the newest messages a page at a time: a
// card for every one of thousands would hold the window up for seconds.
func TestInboxShowsTheNewestPageAndOlderOnRequest(t *testing.T) {
	win := uitest.Window(t)
	run := uitest.StartMini(t, uitest.OpenStore(t), engine.NewFakeClock())
	total := inboxPage + 12 // more than a page
	for i := range total {
		if err := run.Session.Send(engine.Command{Kind: engine.CmdInject, Channel: "news", From: "Evening Post",
			Text: fmt.Sprintf("Update number %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	tv := newTeamView(run.Session, "Alpha", win, i18n.New(i18n.EN))
	t.Cleanup(tv.Close)
	win.SetContent(tv.root)
	tv.Refresh()
	if len(inboxCards(tv)) != inboxPage {
		t.Fatalf("the inbox shows %d cards of %d messages, want the newest %d", len(inboxCards(tv)), total, inboxPage)
	}
	if got := tree.AllText(inboxCards(tv)[0]); !strings.Contains(got, fmt.Sprintf("Update number %d", total-1)) {
		t.Errorf("the first card is not the newest message:\n%s", got)
	}
	all := len(tv.lastInbox) // ours and what the scenario sent
	if all < total {
		t.Fatalf("the team received %d messages, want at least %d", all, total)
	}
	left := all - inboxPage
	test.Tap(tree.FindButton(t, tv.inbox, fmt.Sprintf("Show %d older messages (%d not shown)", left, left)))
	if len(inboxCards(tv)) != all {
		t.Fatalf("after showing older messages the inbox shows %d of %d", len(inboxCards(tv)), all)
	}
	if got := tree.AllText(tv.inbox); !strings.Contains(got, "Update number 0\n") {
		t.Errorf("the oldest message is not shown:\n%s", got)
	}
	if strings.Contains(tree.AllText(tv.inbox), "older messages") {
		t.Error("the button stays when every message is shown")
	}

	// In Chinese the button says the same.
	tv.loc = i18n.New(i18n.ZH)
	tv.inboxShown = 0
	tv.drawInbox()
	tree.FindButton(t, tv.inbox, fmt.Sprintf("显示更早的 %d 条消息（还有 %d 条未显示）", left, left))
}

// The console's list of delivered messages is paged the same way.
func TestConsoleShowsTheNewestDeliveredPage(t *testing.T) {
	win := uitest.Window(t)
	run := uitest.StartMini(t, uitest.OpenStore(t), engine.NewFakeClock())
	for i := range inboxPage + 5 {
		if err := run.Session.Send(engine.Command{Kind: engine.CmdInject, Channel: "news", From: "Evening Post",
			Text: fmt.Sprintf("Update number %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	c := newConsole(run.Session, win, i18n.New(i18n.EN))
	t.Cleanup(c.close)
	win.SetContent(c.root)
	lines := func() int {
		n := 0
		for _, o := range c.delivered.Objects {
			if _, ok := o.(*ui.KeyButton); !ok {
				n++
			}
		}
		return n
	}
	if n := lines(); n != inboxPage {
		t.Fatalf("the console lists %d delivered messages, want the newest %d", n, inboxPage)
	}
	if strings.Contains(tree.AllText(c.delivered), "Update number 0\n") {
		t.Error("the oldest message is listed before asking for older ones")
	}
	// Ours and what the scenario delivered by itself: at least 5 more.
	var older *ui.KeyButton
	var left, left2 int
	for _, o := range c.delivered.Objects {
		if b, ok := o.(*ui.KeyButton); ok {
			older = b
			if _, err := fmt.Sscanf(b.Text, "Show %d older messages (%d not shown)", &left, &left2); err != nil || left != left2 || left < 5 {
				t.Fatalf("the button reads %q", b.Text)
			}
		}
	}
	if older == nil {
		t.Fatalf("no button for older messages in:\n%s", tree.AllText(c.delivered))
	}
	test.Tap(older)
	if n := lines(); n != inboxPage+left {
		t.Fatalf("after asking for older ones the console lists %d, want %d", n, inboxPage+left)
	}
	if !strings.Contains(tree.AllText(c.delivered), "Update number 0") {
		t.Error("the oldest message is not listed after asking for older ones")
	}
}
