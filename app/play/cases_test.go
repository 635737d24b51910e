package play

import (
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// startCases shows cases.yaml (internal/engine/testdata) for Alpha and
// Bravo with the clock running at 1:00: the business traveller has just
// written (5 minutes to handle); the family writes at 2:00.
func startCases(t *testing.T, cfg Config) (*host, *Screen, *engine.FakeClock) {
	t.Helper()
	clock := engine.NewFakeClock()
	h := newHost(t)
	ex := showRun(h, cfg, uitest.StartEntry(t, uitest.OpenStore(t), clock, uitest.EngineEntry(t, "cases.yaml"), 7, "Alpha", "Bravo"))
	if err := ex.run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	advance(t, ex, clock, time.Minute)
	return h, ex, clock
}

func caseOf(ex *Screen, team, id string) (out engine.CaseState, ok bool) {
	ex.run.Session.Read(func(st *engine.State) {
		if c := st.Team(team).CaseState(id); c != nil {
			out, ok = *c, true
		}
	})
	return out, ok
}

const travellerReply = "Dear Mr Chen, we are so sorry, and we understand how much tomorrow matters to you. " +
	"You are on the first flight out; if anything changes, call 400-123 and we will help you."

// The team view shows the case that reached the team: the customer and
// who they are, their message, when to reply by, the remedies; a send
// without a remedy or without a reply is refused beside the card; the
// judge reads the reply as it is written; a remedy and a reply go as one
// command, stored once; the card shrinks to a line; the console counts
// the team's cases.
func TestATeamHandlesACase(t *testing.T) {
	synctest.Test(t, testATeamHandlesACase) // typing a reply starts the rubric's timer
}

func testATeamHandlesACase(t *testing.T) {
	h, ex, clock := startCases(t, Config{})
	tv := ex.team(0)
	shown := tree.AllText(tv.leftScroll)
	for _, want := range []string{
		h.loc.T("cases.heading", "open", 1),
		h.loc.T("cases.customer", "name", "Chen Hao", "segment", "Business traveller"),
		"I must be in Shenzhen by nine.",
		h.loc.T("cases.due", "arrived", "00:01:00", "due", "00:06:00"),
		h.loc.T("rubric.title"),
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("the team view lacks %q:\n%s", want, shown)
		}
	}
	send := func() { test.Tap(tree.FindButton(t, tv.Root(), h.loc.T("cases.send"))) }
	send()
	if !strings.Contains(tree.AllText(tv.leftScroll), h.loc.T("cases.no_remedy")) {
		t.Error("a case sent without a remedy is not refused in the card")
	}
	radios := tree.Find[*widget.RadioGroup](t, tv.Root())
	if len(radios) != 1 || len(radios[0].Options) != 3 {
		t.Fatalf("radio groups %v", radios)
	}
	radios[0].SetSelected("First seat out")
	send()
	if !strings.Contains(tree.AllText(tv.leftScroll), h.loc.T("cases.empty")) {
		t.Error("a case sent without a reply is not refused in the card")
	}
	if _, handled := caseOf(ex, "Alpha", "traveller"); !handled {
		t.Fatal("the traveller has not reached Alpha")
	}
	entries := replyBoxes(t, h, tv, "Chen Hao")
	if len(entries) != 1 {
		t.Fatalf("%d reply boxes for the traveller in the team view", len(entries))
	}
	entries[0].SetText(travellerReply)
	// The judge's live feedback, as statements have it (judged at once
	// here rather than after the typing pause).
	card := tv.cases.cards["traveller"]
	card.rubric.judgeNow(travellerReply)
	if card.rubric.result == nil || card.rubric.result.Scores["empathy"] == 0 {
		t.Errorf("the live judge found no empathy in %q: %+v", travellerReply, card.rubric.result)
	}
	send()
	c, _ := caseOf(ex, "Alpha", "traveller")
	if !c.Handled || c.Remedy.ID != "seat" || c.Text != travellerReply || !c.InTime() {
		t.Fatalf("Alpha's traveller: %+v", c)
	}
	if c, _ := caseOf(ex, "Bravo", "traveller"); c.Handled {
		t.Error("Bravo's traveller was handled too")
	}
	shown = tree.AllText(tv.leftScroll)
	if want := h.loc.T("cases.handled", "name", "Chen Hao", "remedy", "First seat out", "time", "00:01:00"); !strings.Contains(shown, want) {
		t.Errorf("after sending the view lacks %q:\n%s", want, shown)
	}
	if strings.Contains(shown, h.loc.T("cases.send")) || len(replyBoxes(t, h, tv, "Chen Hao")) != 0 {
		t.Errorf("the handled case still has its card:\n%s", shown)
	}
	// The family writes at 2:00 and is past its deadline at 5:00.
	advance(t, ex, clock, 4*time.Minute)
	shown = tree.AllText(tv.leftScroll)
	if want := h.loc.T("cases.overdue", "arrived", "00:02:00", "due", "00:05:00"); !strings.Contains(shown, want) {
		t.Errorf("the family past its deadline: the view lacks %q:\n%s", want, shown)
	}
	ex.OpenConsole()
	ex.console.refresh()
	all := tree.AllText(ex.console.teams)
	for _, want := range []string{
		h.loc.T("cases.console", "handled", 1, "open", 1) + h.loc.T("cases.console_missed", "missed", 1),
		h.loc.T("cases.console", "handled", 0, "open", 2) + h.loc.T("cases.console_missed", "missed", 1), // the traveller is due at 6:00
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the console lacks %q:\n%s", want, all)
		}
	}
}

// A case is sent off the UI goroutine (the button waits meanwhile); a
// draft, remedy and reply, survives a language switch; a refusal is said
// in the UI's language.
func TestACaseSendsInTheBackgroundAndRefusalsAreWords(t *testing.T) {
	synctest.Test(t, testACaseSendsInTheBackgroundAndRefusalsAreWords) // typing a reply starts the rubric's timer
}

func testACaseSendsInTheBackgroundAndRefusalsAreWords(t *testing.T) {
	var queued []func()
	h, ex, _ := startCases(t, Config{Background: func(f func()) { queued = append(queued, f) }})
	ex.tabs.SelectIndex(1) // Alpha
	tv := ex.team(0)
	tree.Find[*widget.RadioGroup](t, tv.Root())[0].SetSelected("A hotel room tonight")
	replyBoxes(t, h, tv, "Chen Hao")[0].SetText("Your room is booked.")
	before := len(queued)
	test.Tap(tree.FindButton(t, tv.Root(), h.loc.T("cases.send")))
	if len(queued) != before+1 || !hasButton(t, tv.Root(), h.loc.T("cases.sending")) {
		t.Fatalf("the case: %d queued; want it waiting with its button saying so", len(queued)-before)
	}
	if c, _ := caseOf(ex, "Alpha", "traveller"); c.Handled {
		t.Fatal("the case was stored on the UI goroutine")
	}
	for _, f := range queued[before:] {
		f()
	}
	if c, _ := caseOf(ex, "Alpha", "traveller"); !c.Handled || c.Remedy.ID != "room" {
		t.Fatalf("Alpha's traveller: %+v", c)
	}
	// Bravo's draft survives a language switch, which builds the view again.
	ex.tabs.SelectIndex(2)
	bv := ex.team(1)
	tree.Find[*widget.RadioGroup](t, bv.Root())[0].SetSelected("First seat out")
	replyBoxes(t, h, bv, "Chen Hao")[0].SetText("我们已为您改签最早的航班。")
	h.setLang(i18n.ZH)
	bv = ex.team(1)
	if got := replyBoxes(t, h, bv, "Chen Hao"); len(got) != 1 || got[0].Text != "我们已为您改签最早的航班。" {
		t.Errorf("after the switch the reply box holds %v", got)
	}
	if got := tree.Find[*widget.RadioGroup](t, bv.Root()); len(got) != 1 || got[0].Selected != "First seat out" {
		t.Errorf("after the switch the remedy picked is %v", got)
	}
	if !strings.Contains(tree.AllText(bv.leftScroll), h.loc.T("cases.heading", "open", 1)) || !strings.Contains(tree.AllText(bv.leftScroll), "客户个案") {
		t.Errorf("the panel in Chinese:\n%s", tree.AllText(bv.leftScroll))
	}
	for code, want := range map[*engine.Refusal]string{
		engine.ErrCaseNotOpen:  "个案未发出：该个案当时并不在等待小组处理。",
		engine.ErrNoSuchRemedy: "个案未发出：该个案没有这个补救方案。",
	} {
		if got := caseRefusedText(bv, errors.Join(errors.New("x"), code)); got != want {
			t.Errorf("the refusal %s in Chinese: %q, want %q", code.Code, got, want)
		}
	}
}

// replyBoxes are the team view's reply boxes to the customer of this name.
func replyBoxes(t *testing.T, h *host, tv *TeamView, name string) []*ui.SendEntry {
	t.Helper()
	var out []*ui.SendEntry
	for _, e := range tree.Find[*ui.SendEntry](t, tv.Root()) {
		if e.PlaceHolder == h.loc.T("cases.placeholder", "name", name) {
			out = append(out, e)
		}
	}
	return out
}
