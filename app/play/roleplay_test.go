package play

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// startRoleplay shows roleplay.yaml (personas: the parent, the reporter;
// the interview only a role-player opens; attention nudged by 10) for
// Alpha and Bravo with the clock running, and Alpha's reply to the
// parent sent.
func startRoleplay(t *testing.T, cfg Config) (*host, *Screen) {
	t.Helper()
	clock := engine.NewFakeClock()
	h := newHost(t)
	ex := showRun(h, cfg, uitest.StartEntry(t, uitest.OpenStore(t), clock, uitest.EngineEntry(t, "roleplay.yaml"), 7, "Alpha", "Bravo"))
	test.Tap(ex.console.pauseButton)
	advance(t, ex, clock, time.Minute)
	if err := ex.run.Session.Send(engine.Command{Kind: engine.CmdReply, Team: "Alpha", Inject: "complaint", Text: "We are sorry; call 400-123."}); err != nil {
		t.Fatal(err)
	}
	return h, ex
}

// The role-player tab comes after the console: it lists Alpha's reply;
// Answer threads the next message to it, as the parent on the customer
// channel; the message is sent off the UI goroutine as the facilitator's
// seat and lands in Alpha's inbox; the follow-up decision opens for the
// team chosen, a nudge moves the world; the log lists all three.
func TestTheRolePlayerTabAnswersOpensAndNudges(t *testing.T) {
	var queued []func()
	h, ex := startRoleplay(t, Config{Background: func(f func()) { queued = append(queued, f) }})
	for _, f := range queued { // the console's (the clock started)
		f()
	}
	queued = nil
	if ex.roleIdx != 1 || ex.tabs.Items[1].Text != h.loc.T("roleplay.tab") {
		t.Fatalf("tab 1 is %q (role tab %d), want the role-player tab", ex.tabs.Items[1].Text, ex.roleIdx)
	}
	ex.tabs.SelectIndex(1)
	p := ex.role
	if got := tree.AllText(p.queue); !strings.Contains(got, "We are sorry; call 400-123.") || !strings.Contains(got, "Alpha") {
		t.Fatalf("the queue shows:\n%s", got)
	}
	test.Tap(tree.FindButton(t, p.queue, h.loc.T("roleplay.answer")))
	if p.thread != "reply:1" || selected(p.team, p.teams) != "Alpha" || selected(p.channel, p.channels) != "customer" ||
		selected(p.persona, p.personas) != "parent" {
		t.Fatalf("Answer set thread %q, team %q, channel %q, persona %q", p.thread, selected(p.team, p.teams),
			selected(p.channel, p.channels), selected(p.persona, p.personas))
	}
	test.Tap(p.send)
	if !p.msg.Visible() || p.msg.Text != h.loc.T("roleplay.empty") || len(queued) != 0 {
		t.Fatalf("an empty message: %q shown, %d queued", p.msg.Text, len(queued))
	}
	p.entry.SetText("A hotline is not enough. Who pays the hospital?")
	test.Tap(p.send)
	if len(queued) != 1 || !p.send.Disabled() {
		t.Fatalf("%d queued, send disabled %v; want the message waiting", len(queued), p.send.Disabled())
	}
	queued[0]()
	var last engine.Delivery
	ex.run.Session.Read(func(st *engine.State) { a := st.Team("Alpha"); last = a.Inbox[len(a.Inbox)-1] })
	if last.Inject.Persona != "parent" || last.Seat != engine.SeatFacilitator || last.Thread != "reply:1" || last.Inject.Channel != "customer" {
		t.Fatalf("Alpha's last message: %+v from %+v", last, *last.Inject)
	}
	if p.entry.Text != "" || p.thread != "" || p.send.Disabled() {
		t.Errorf("after sending: entry %q, thread %q", p.entry.Text, p.thread)
	}
	// Answered: the queue marks it.
	if len(tree.Find[*widget.Icon](t, p.queue)) != 1 {
		t.Error("the answered reply is not marked in the queue")
	}

	p.team.SetSelectedIndex(2) // Bravo
	open := tree.FindButton(t, p.actions, h.loc.T("roleplay.open", "decision", "Li Wei asks for an interview. Do you give one?"))
	test.Tap(open)
	queued[len(queued)-1]()
	test.Tap(tree.FindButton(t, p.actions, "−10"))
	queued[len(queued)-1]()
	ex.run.Session.Read(func(st *engine.State) {
		if !st.Team("Bravo").IsOpen("interview") || st.Team("Bravo").World["attention"] != 0 {
			t.Errorf("Bravo: interview open %v, attention %v; want open and 0", st.Team("Bravo").IsOpen("interview"), st.Team("Bravo").World["attention"])
		}
		if len(st.Interventions) != 3 {
			t.Errorf("%d interventions, want 3", len(st.Interventions))
		}
	})
	if open := tree.FindButton(t, p.actions, h.loc.T("roleplay.open", "decision", "Li Wei asks for an interview. Do you give one?")); !open.Disabled() {
		t.Error("the interview, open for Bravo, can be opened again")
	}
	if got := tree.AllText(p.log); !strings.Contains(got, "nudged the world: Attention −10") || !strings.Contains(got, "role-player at the facilitator's laptop") {
		t.Errorf("the log shows:\n%s", got)
	}

	// A refusal is said in the UI's language (a nudge beyond the limit
	// cannot be made from the buttons: sent directly).
	h.setLang(i18n.ZH)
	p = ex.role
	p.do(engine.Command{Kind: engine.CmdRoleNudge, Team: "Bravo", Effects: map[string]float64{"attention": 50}})
	queued[len(queued)-1]()
	if p.msg.Text != "未能执行：微调超出了情景允许的范围。" {
		t.Errorf("the refusal says %q", p.msg.Text)
	}
}

// With a PIN the role-player tab is locked with the console: while locked
// it shows a note, not the panel; moving between the console and the
// role-player tab keeps the console open, a team's tab locks both.
func TestTheRolePlayerTabIsBehindTheConsoleLock(t *testing.T) {
	clock := engine.NewFakeClock()
	h := newHost(t)
	st := uitest.OpenStore(t)
	run := uitest.StartEntry(t, st, clock, uitest.EngineEntry(t, "roleplay.yaml"), 7, "Alpha", "Bravo")
	fyne.CurrentApp().Preferences().SetString(prefs.PIN(run.ID), prefs.HashPIN("2468"))
	ex := showRun(h, Config{}, run)
	ex.OpenConsole()
	ex.tabs.SelectIndex(1)
	if ex.lock.locked || !tree.Holds(t, ex.pages.Objects[1], ex.role.Root()) {
		t.Fatal("the role-player tab, next to the open console, is locked")
	}
	ex.tabs.SelectIndex(0)
	ex.tabs.SelectIndex(ex.teamTab(0))
	if !ex.lock.locked {
		t.Fatal("a team's tab leaves the console open")
	}
	ex.tabs.SelectIndex(1)
	if tree.Holds(t, ex.pages.Objects[1], ex.role.Root()) || !strings.Contains(tree.AllText(ex.pages.Objects[1]), h.loc.T("roleplay.locked_text")) {
		t.Fatalf("the locked role-player tab shows:\n%s", tree.AllText(ex.pages.Objects[1]))
	}
	test.Tap(tree.FindButton(t, ex.pages.Objects[1], h.loc.T("roleplay.locked_unlock")))
	if ex.tabs.SelectedIndex() != 0 {
		t.Fatal("the note's button does not go to the console")
	}
	test.Type(ex.lockPanel.entry, "2468")
	ex.lockPanel.entry.OnSubmitted(ex.lockPanel.entry.Text)
	if !tree.Holds(t, ex.pages.Objects[1], ex.role.Root()) {
		t.Error("unlocking the console does not open the role-player tab")
	}
}

// A language switch keeps what the composer holds: the persona, channel
// and team, what it answers and the text typed.
func TestTheRolePlayerDraftSurvivesALanguageSwitch(t *testing.T) {
	h, ex := startRoleplay(t, Config{Background: func(func()) {}})
	ex.tabs.SelectIndex(ex.roleIdx)
	test.Tap(tree.FindButton(t, ex.role.queue, h.loc.T("roleplay.answer")))
	ex.role.entry.SetText("Who pays the hospital?")
	want := RoleDraft{Persona: "parent", Channel: "customer", Team: "Alpha", Thread: "reply:1", ThreadTeam: "Alpha", Text: "Who pays the hospital?"}
	if got := ex.role.Draft(); got != want {
		t.Fatalf("the draft before the switch: %+v, want %+v", got, want)
	}
	old := ex.role
	h.setLang(i18n.ZH)
	if ex.role == old {
		t.Fatal("the switch did not make a new panel")
	}
	if got := ex.role.Draft(); got != want {
		t.Errorf("the draft after the switch: %+v, want %+v", got, want)
	}
	if zh := i18n.New(i18n.ZH); ex.role.threadLabel.Text != zh.T("roleplay.answering", "team", "Alpha", "text", "We are sorry; call 400-123.") {
		t.Errorf("the composer says %q", ex.role.threadLabel.Text)
	}
}

// Once the exercise is over the panel sends nothing more: the composer,
// the follow-ups and the nudges are disabled.
func TestTheRolePlayerPanelStopsAtTheEnd(t *testing.T) {
	_, ex := startRoleplay(t, Config{Background: func(func()) {}})
	ex.tabs.SelectIndex(ex.roleIdx)
	p := ex.role
	if p.send.Disabled() || len(buttonsIn(p.actions)) == 0 || buttonsIn(p.actions)[len(buttonsIn(p.actions))-1].Disabled() {
		t.Fatal("the panel is disabled while the exercise runs")
	}
	if err := ex.run.Session.Send(engine.Command{Kind: engine.CmdEnd}); err != nil {
		t.Fatal(err)
	}
	p.Refresh()
	if !p.send.Disabled() || !p.entry.Disabled() {
		t.Error("the composer sends after the end")
	}
	for _, b := range buttonsIn(p.actions) {
		if !b.Disabled() {
			t.Errorf("%q can be pressed after the end", b.Text)
		}
	}
}

// buttonsIn lists the buttons drawn in o.
func buttonsIn(o fyne.CanvasObject) []*ui.KeyButton {
	var out []*ui.KeyButton
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *ui.KeyButton:
			out = append(out, x)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}
