package play

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// startReplies shows replies.yaml for Alpha and Bravo with the clock
// running: the parent's message (0:00) asks for an answer, the reporter's
// call (5:00) does not.
func startReplies(t *testing.T, cfg Config) (*host, *Screen, *engine.FakeClock) {
	t.Helper()
	clock := engine.NewFakeClock()
	h := newHost(t)
	ex := showRun(h, cfg, uitest.StartEntry(t, uitest.OpenStore(t), clock, uitest.EngineEntry(t, "replies.yaml"), 7, "Alpha", "Bravo"))
	test.Tap(ex.console.pauseButton)
	advance(t, ex, clock, 5*time.Minute+time.Second)
	return h, ex, clock
}

// cardOf is the inbox card whose message text is text.
func cardOf(t *testing.T, tv *TeamView, text string) fyne.CanvasObject {
	t.Helper()
	for _, c := range inboxCards(tv) {
		if strings.Contains(tree.AllText(c), text) {
			return c
		}
	}
	t.Fatalf("no inbox card says %q:\n%s", text, tree.AllText(tv.inbox))
	return nil
}

func hasButton(t *testing.T, o fyne.CanvasObject, label string) bool {
	for _, b := range tree.Find[*ui.KeyButton](t, o) {
		if b.Text == label {
			return true
		}
	}
	return false
}

// A team answers the parent's message from its card: Reply opens a box,
// an empty answer is refused beside it, a written one is stored once and
// listed on the card, and the box closes empty. The reporter's call, which
// asks for no answer, has no Reply button.
func TestATeamRepliesFromTheInjectsCard(t *testing.T) {
	h, ex, _ := startReplies(t, Config{})
	tv := ex.team(0)
	const parent = "My son was sick after your juice. What do I do?"
	if hasButton(t, cardOf(t, tv, "A reporter calls"), h.loc.T("team.reply")) {
		t.Error("the reporter's call, which asks for no answer, offers a Reply button")
	}
	test.Tap(tree.FindButton(t, cardOf(t, tv, parent), h.loc.T("team.reply")))
	card := cardOf(t, tv, parent)
	test.Tap(tree.FindButton(t, card, h.loc.T("team.reply_send")))
	if !strings.Contains(tree.AllText(cardOf(t, tv, parent)), h.loc.T("team.reply_empty")) {
		t.Error("an empty reply is not refused on the card")
	}
	entries := tree.Find[*ui.SendEntry](t, cardOf(t, tv, parent))
	if len(entries) != 1 {
		t.Fatalf("the open box shows %d entries", len(entries))
	}
	text := "We are sorry your son is unwell. Call our hotline 400-123 and we will help."
	entries[0].SetText(text)
	test.Tap(tree.FindButton(t, cardOf(t, tv, parent), h.loc.T("team.reply_send")))

	var got []engine.Reply
	ex.run.Session.Read(func(st *engine.State) { got = st.Team("Alpha").Replies })
	if len(got) != 1 || got[0].Text != text || got[0].Inject.ID != "complaint" {
		t.Fatalf("Alpha's replies: %+v", got)
	}
	shown := tree.AllText(cardOf(t, tv, parent))
	if !strings.Contains(shown, h.loc.T("team.reply_sent", "time", "00:05:01")) || !strings.Contains(shown, text) {
		t.Errorf("the card does not list the reply sent:\n%s", shown)
	}
	if len(tree.Find[*ui.SendEntry](t, cardOf(t, tv, parent))) != 0 || !hasButton(t, cardOf(t, tv, parent), h.loc.T("team.reply")) {
		t.Error("after sending, the box did not close back to its Reply button")
	}
	ex.run.Session.Read(func(st *engine.State) {
		if n := len(st.Team("Bravo").Replies); n != 0 {
			t.Errorf("Bravo has %d replies", n)
		}
	})
}

// A reply being written survives a language switch (the view is built
// again), and is sent off the UI goroutine, the box waiting meanwhile.
func TestAReplyDraftSurvivesARebuildAndSendsInTheBackground(t *testing.T) {
	var queued []func()
	h, ex, _ := startReplies(t, Config{Background: func(f func()) { queued = append(queued, f) }})
	ex.tabs.SelectIndex(1) // Alpha
	const parent = "My son was sick after your juice. What do I do?"
	test.Tap(tree.FindButton(t, cardOf(t, ex.team(0), parent), h.loc.T("team.reply")))
	tree.Find[*ui.SendEntry](t, cardOf(t, ex.team(0), parent))[0].SetText("我们非常抱歉。请拨打热线 400-123。")

	h.setLang(i18n.ZH) // the UI's language: the messages stay in the exercise's
	const parentZH = parent
	entries := tree.Find[*ui.SendEntry](t, cardOf(t, ex.team(0), parentZH))
	if len(entries) != 1 || entries[0].Text != "我们非常抱歉。请拨打热线 400-123。" {
		t.Fatalf("after the switch the reply box shows %d entries (%v)", len(entries), entries)
	}
	before := len(queued)
	test.Tap(tree.FindButton(t, cardOf(t, ex.team(0), parentZH), h.loc.T("team.reply_send")))
	var labels []string
	for _, b := range tree.Find[*ui.KeyButton](t, cardOf(t, ex.team(0), parentZH)) {
		labels = append(labels, b.Text)
	}
	if len(queued) != before+1 || !hasButton(t, cardOf(t, ex.team(0), parentZH), h.loc.T("team.reply_sending")) {
		t.Fatalf("the reply: %d queued, buttons %q; want it waiting", len(queued)-before, labels)
	}
	queued[len(queued)-1]()
	var n int
	ex.run.Session.Read(func(st *engine.State) { n = len(st.Team("Alpha").Replies) })
	if n != 1 || !strings.Contains(tree.AllText(cardOf(t, ex.team(0), parentZH)), "我们非常抱歉") {
		t.Errorf("after the send: %d replies, card %q", n, tree.AllText(cardOf(t, ex.team(0), parentZH)))
	}
}

// A refusal is said in the UI's language, from its code.
func TestARefusedReplyIsSaidInChinese(t *testing.T) {
	h, ex, _ := startReplies(t, Config{})
	h.setLang(i18n.ZH)
	err := ex.run.Session.Send(engine.Command{Kind: engine.CmdReply, Team: "Alpha", Inject: "reporter", Text: "无可奉告。"})
	if got := replyRefusedText(ex.team(0), err); got != "回复未发送：该小组没有收到这条消息，或这条消息无需回复。" {
		t.Errorf("the refusal says %q", got)
	}
}

// The facilitator's console card says how many replies a team sent, and
// the latest; a team that sent none shows no such line.
func TestTheConsoleShowsATeamsLatestReply(t *testing.T) {
	h, ex, _ := startReplies(t, Config{})
	for _, text := range []string{"First answer.", "Call our hotline 400-123; we are sorry."} {
		if err := ex.run.Session.Send(engine.Command{Kind: engine.CmdReply, Team: "Alpha", Inject: "complaint", Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	ex.refresh()
	want := h.loc.T("console.reply", "n", 2, "time", "00:05:01", "text", "Call our hotline 400-123; we are sorry.")
	if got := tree.AllText(consoleCard(t, ex.console, "Alpha")); !strings.Contains(got, want) {
		t.Errorf("Alpha's card does not say %q:\n%s", want, got)
	}
	if got := tree.AllText(consoleCard(t, ex.console, "Bravo")); strings.Contains(got, h.loc.T("console.reply", "n", 0, "time", "", "text", "")[:8]) {
		t.Errorf("Bravo's card mentions replies:\n%s", got)
	}
}
