package review

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// The replies the teams write in repliesDebrief.
const (
	alphaReply = "We are so sorry your son is unwell. Please call our hotline 400-123; we will pay for the doctor."
	bravoReply = "There is nothing wrong with our juice."
	bravoNews  = "We are looking into the reports and will update you by 10:00."
)

// repliesDebrief plays internal/engine/testdata/replies.yaml for Alpha and
// Bravo and shows its debrief: at 3:00 Alpha answers the parent's message
// with an apology and the hotline, Bravo with a denial; at 7:00 the
// facilitator sends a news item, which Bravo answers at 8:00.
func repliesDebrief(t *testing.T) (*host, *Debrief) {
	t.Helper()
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	run := uitest.StartEntry(t, st, clock, uitest.EngineEntry(t, "replies.yaml"), 0, "Alpha", "Bravo")
	s := run.Session
	var now time.Duration // the clock runs at speed 1 from the resume
	at := func(d time.Duration, cmds ...engine.Command) {
		t.Helper()
		clock.Add(d - now)
		now = d
		if err := s.Tick(); err != nil {
			t.Fatal(err)
		}
		for _, c := range cmds {
			if err := s.Send(c); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	at(3*time.Minute, engine.Command{Kind: engine.CmdReply, Team: "Alpha", Inject: "complaint", Text: alphaReply},
		engine.Command{Kind: engine.CmdReply, Team: "Bravo", Inject: "complaint", Text: bravoReply})
	at(7*time.Minute, engine.Command{Kind: engine.CmdInject, Channel: "news", Text: "A TV channel asks what you will do next"})
	at(8*time.Minute, engine.Command{Kind: engine.CmdReply, Team: "Bravo", Inject: "adhoc-1", Text: bravoNews})
	if err := run.Flush(); err != nil {
		t.Fatal(err)
	}
	h := newHost(t, st)
	return h, h.openDebrief(run.ID)
}

// replyCards are the cards of a team's replies, by the line that names the
// inject each answers, in order.
func replyCards(t *testing.T, d *Debrief, card fyne.CanvasObject, injects ...string) []*fyne.Container {
	t.Helper()
	var out []*fyne.Container
	for _, in := range injects {
		c := tree.Around(t, card, in)
		if len(c) != 1 {
			t.Fatalf("%d cards for a reply to %q:\n%s", len(c), in, tree.AllText(card))
		}
		out = append(out, c[0])
	}
	return out
}

// The debrief's team card shows the team's replies: each with the inject
// it answers, the text (selectable), the required facts found or missing
// and the rubric's feedback as a statement's; and it says replies are not
// scored. In Chinese too.
func TestDebriefShowsReplies(t *testing.T) {
	h, d := repliesDebrief(t)
	loc := h.loc
	found, missing := " — "+loc.T("debrief.fact_found"), " — "+loc.T("debrief.fact_missing")

	alpha := teamCard(t, d, "Alpha")
	if len(tree.Around(t, alpha, "Replies to injects")) != 1 || len(tree.Around(t, alpha, loc.T("debrief.replies_unscored"))) != 1 {
		t.Errorf("Alpha's card has no replies section:\n%s", tree.AllText(alpha))
	}
	a := replyCards(t, d, alpha, "Customer — A parent · received at 00:00:00")[0]
	if got := statements(t, a); len(got) != 1 || got[0].Text != alphaReply {
		t.Errorf("Alpha's reply shown as %v", got)
	}
	text := tree.AllText(a)
	for _, want := range []string{"My son was sick after your juice. What do I do?", "Reply (customer email), sent at 00:03:00:",
		"Required facts included: 1 of 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("Alpha's reply card lacks %q:\n%s", want, text)
		}
	}
	if got := factLines(t, d, a); !slices.Equal(got, []string{"Hotline number" + found}) {
		t.Errorf("Alpha's reply's facts: %q", got)
	}
	if n := rubricHeads(t, d, a); n != 1 || !strings.Contains(text, "Apologises") {
		t.Errorf("Alpha's reply's rubric feedback: %d heads in\n%s", n, text)
	}

	bravo := teamCard(t, d, "Bravo")
	bs := replyCards(t, d, bravo, "Customer — A parent · received at 00:00:00", "News — Facilitator · received at 00:07:00")
	if got := statements(t, bravo); len(got) != 2 || got[0].Text != bravoReply || got[1].Text != bravoNews {
		t.Errorf("Bravo's replies shown as %v", got)
	}
	if got := factLines(t, d, bs[0]); !slices.Equal(got, []string{"Hotline number" + missing}) {
		t.Errorf("Bravo's reply's facts: %q", got)
	}
	// The denial costs points, in red, with the words found.
	var penalty *ui.WrapLabel
	for _, l := range tree.Find[*ui.WrapLabel](t, bs[0]) {
		if strings.HasPrefix(l.Text, "Denial (-") {
			penalty = l
		}
	}
	if penalty == nil || penalty.Importance != widget.DangerImportance || !strings.Contains(penalty.Text, "nothing wrong with") {
		t.Errorf("Bravo's denial: %+v in\n%s", penalty, tree.AllText(bs[0]))
	}
	// The facilitator's news item asks for a holding line and no facts.
	news := tree.AllText(bs[1])
	if !strings.Contains(news, "A TV channel asks what you will do next") || !strings.Contains(news, "Reply (holding statement), sent at 00:08:00:") ||
		len(factLines(t, d, bs[1])) != 0 || rubricHeads(t, d, bs[1]) != 1 {
		t.Errorf("Bravo's reply to the news:\n%s", news)
	}

	// The timeline says who replied to what, with the reply's words.
	d.selectTab(tabTimeline)
	var replied []string
	for _, e := range timelineEntries(d) {
		if strings.Contains(e, "Replied to the customer (A parent)") {
			replied = append(replied, e)
		}
	}
	if len(replied) != 2 || !strings.Contains(replied[0], alphaReply) || !strings.Contains(replied[1], bravoReply) {
		t.Errorf("the timeline's replies: %q", replied)
	}

	h.setLang(i18n.ZH)
	d = shown[*Debrief](t, h)
	bravo = teamCard(t, d, "Bravo")
	zh := replyCards(t, d, bravo, "客户 — 一位家长 · 00:00:00 收到", "新闻 — 主持人 · 00:07:00 收到")
	text = tree.AllText(zh[0])
	for _, want := range []string{"我儿子喝了你们的果汁后不舒服，我该怎么办？", "回复（客户邮件），00:03:00 发出：", "热线号码 — 缺失", "否认"} {
		if !strings.Contains(text, want) {
			t.Errorf("Bravo's reply in Chinese lacks %q:\n%s", want, text)
		}
	}
	if all := tree.AllText(bravo); !strings.Contains(all, "对注入的回复") || !strings.Contains(all, "回复不计入得分") {
		t.Errorf("Bravo's Chinese card has no replies section:\n%s", all)
	}
}

// A team that replied to nothing has no replies section.
func TestDebriefWithoutRepliesHasNoSection(t *testing.T) {
	_, d, _, _ := worldDebrief(t)
	for _, team := range []string{"Alpha", "Bravo"} {
		if all := tree.AllText(teamCard(t, d, team)); strings.Contains(all, "Replies to injects") {
			t.Errorf("%s's card shows a replies section:\n%s", team, all)
		}
	}
}
