package debrief

import (
	"maps"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// Replies the teams write in playedReplies.
const (
	alphaReply = "We are so sorry your son is unwell.\nPlease stop giving him the juice and call our hotline 400-123; we will pay for the doctor."
	bravoReply = "There is nothing wrong with our juice. Your son must have eaten something else."
	bravoNews  = "We are looking into the reports and will update you by 10:00."
)

// playedReplies plays internal/engine/testdata/replies.yaml headless with
// two teams: at 3:00 Alpha answers the parent's message with an apology
// and the hotline, Bravo with a denial and no hotline; both apologise to
// the reporter at 6:00; the facilitator sends a news item at 7:00, which
// Bravo answers too. With replies false no team replies, and the rest is
// the same. It returns the state and the log.
func playedReplies(t testing.TB, replies bool) (*engine.State, []engine.Event) {
	t.Helper()
	h := playTestdata(t, "replies", "replies", "Alpha", "Bravo")
	do := func(at time.Duration, c engine.Command) {
		t.Helper()
		if c.Kind == engine.CmdReply && !replies {
			h.advance(at)
			return
		}
		h.do(at, c)
	}
	do(0, engine.Command{Kind: engine.CmdResume})
	do(3*time.Minute, engine.Command{Kind: engine.CmdReply, Team: "Alpha", Inject: "complaint", Text: alphaReply})
	do(3*time.Minute, engine.Command{Kind: engine.CmdReply, Team: "Bravo", Inject: "complaint", Text: bravoReply})
	do(6*time.Minute, engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "first", Option: "good"})
	do(6*time.Minute, engine.Command{Kind: engine.CmdChoose, Team: "Bravo", Decision: "first", Option: "good"})
	do(7*time.Minute, engine.Command{Kind: engine.CmdInject, Channel: "news", Text: "A TV channel asks what you will do next"})
	do(8*time.Minute, engine.Command{Kind: engine.CmdReply, Team: "Bravo", Inject: "adhoc-1", Text: bravoNews})
	return h.end(30 * time.Minute)
}

func repliesReport(t testing.TB, lang, team string) *Report {
	st, events := playedReplies(t, true)
	r := Build(st, events, lang, team)
	r.SetStarted(started)
	return r
}

// The replies golden files: every renderer of the report model shows each
// team's replies, with what they answer, the facts and the judge's
// verdict; a handout shows its team's only.
func TestRepliesGolden(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		r := repliesReport(t, lang, "")
		goldenExports(t, "replies", lang, r)
		golden(t, "replies.handout.Bravo."+lang+".md", []byte(Markdown(repliesReport(t, lang, "Bravo"))))
	}
}

// A reply in the report model: what it answers, when, as what, the facts
// found and missing in the report's language, and the judge's verdict.
func TestReportCarriesReplies(t *testing.T) {
	r := repliesReport(t, "zh", "")
	alpha, bravo := r.Teams[0], r.Teams[1]
	if len(alpha.Replies) != 1 || len(bravo.Replies) != 2 {
		t.Fatalf("replies: Alpha %d, Bravo %d; want 1 and 2", len(alpha.Replies), len(bravo.Replies))
	}
	a := alpha.Replies[0]
	if a.Inject != "complaint" || a.InjectAtSeconds != 0 || a.AtSeconds != 180 || a.Channel != "customer" || a.ChannelName != "客户" ||
		a.From != "一位家长" || a.About != "我儿子喝了你们的果汁后不舒服，我该怎么办？" || a.Kind != "customer-email" || a.KindName != "客户邮件" ||
		a.Text != alphaReply {
		t.Errorf("Alpha's reply: %+v", a)
	}
	if len(a.Facts) != 1 || a.Facts[0] != (FactCheck{ID: "hotline", Label: "热线号码", Found: true}) {
		t.Errorf("Alpha's facts: %+v", a.Facts)
	}
	if a.Rubric == nil || a.Judge == 0 || a.JudgedLive != a.Judge {
		t.Errorf("Alpha's reply is not judged: %+v", a)
	}
	b := bravo.Replies[0]
	if len(b.Facts) != 1 || b.Facts[0].Found || b.Rubric == nil || b.Rubric.Overall >= a.Rubric.Overall {
		t.Errorf("Bravo's denial without the hotline: %+v, rubric %+v (Alpha's %v)", b.Facts, b.Rubric, a.Rubric.Overall)
	}
	penalty := false
	for _, c := range b.Rubric.Checks {
		penalty = penalty || c.Penalty
	}
	if !penalty {
		t.Errorf("Bravo's denial costs no points: %+v", b.Rubric.Checks)
	}
	// The facilitator's news item, answered as a holding line.
	n := bravo.Replies[1]
	if n.Inject != "adhoc-1" || n.InjectAtSeconds != 420 || n.AtSeconds != 480 || n.Channel != "news" || n.From != "主持人" ||
		n.About != "A TV channel asks what you will do next" || n.Kind != "holding" || n.KindName != "初步声明" || len(n.Facts) != 0 {
		t.Errorf("Bravo's reply to the facilitator's news: %+v", n)
	}
	if h := repliesReport(t, "en", "Alpha"); len(h.Teams) != 1 || len(h.Teams[0].Replies) != 1 {
		t.Errorf("Alpha's handout: %+v", h.Teams)
	}
}

// Replies are judged, not scored: the same exercise without them scores
// the same, and the method says so where there are replies.
func TestRepliesDoNotChangeScores(t *testing.T) {
	with, without := repliesReport(t, "en", ""), func() *Report {
		st, events := playedReplies(t, false)
		return Build(st, events, "en", "")
	}()
	for i := range with.Teams {
		if !maps.Equal(with.Teams[i].Scores, without.Teams[i].Scores) {
			t.Errorf("%s scores %v with replies, %v without", with.Teams[i].Name, with.Teams[i].Scores, without.Teams[i].Scores)
		}
	}
	if len(with.Strengths) != len(without.Strengths) || len(with.Improvements) != len(without.Improvements) {
		t.Errorf("the replies changed the findings: %v / %v", with.Improvements, without.Improvements)
	}
	say := "they do not change the scores"
	if !strings.Contains(with.Method, say) || strings.Contains(without.Method, say) {
		t.Errorf("method with replies %q, without %q", with.Method, without.Method)
	}
	if zh := repliesReport(t, "zh", "").Method; !strings.HasSuffix(zh, "。对注入的回复按书面声明的方式评判，仅供复盘参考，不计入得分。") {
		t.Errorf("Chinese method: %q", zh)
	}
}

// The timeline puts a reply into words, with the text written; the CSV
// gives it in the detail, and the JSON in the entry's reply.
func TestTimelineShowsReplies(t *testing.T) {
	for lang, want := range map[string]string{
		"en": "Replied to the customer (A parent) \"My son was sick after your juice.\"",
		"zh": "回复了客户（一位家长）“我儿子喝了你们的果汁后不舒服，我该怎么办？”",
	} {
		r := repliesReport(t, lang, "")
		var got []TimelineEntry
		for _, e := range r.Timeline {
			if e.Kind == string(engine.KindReplied) {
				got = append(got, e)
			}
		}
		if len(got) != 3 || got[0].Team != "Alpha" || got[0].Text != want || got[0].Reply != alphaReply || got[0].AtSeconds != 180 {
			t.Fatalf("%s: the replies in the timeline: %+v", lang, got)
		}
		rows := csvRows(t, r)
		var details []string
		for _, row := range rows {
			if row[2] == string(engine.KindReplied) {
				details = append(details, row[7])
			}
		}
		reply := map[string]string{"en": " — reply: ", "zh": " — 回复："}[lang]
		if len(details) != 3 || details[0] != want+reply+alphaReply {
			t.Errorf("%s CSV details of the replies: %q", lang, details)
		}
	}
	// A handout's timeline has its team's replies only.
	for _, e := range repliesReport(t, "en", "Alpha").Timeline {
		if e.Kind == string(engine.KindReplied) && e.Team != "Alpha" {
			t.Errorf("Alpha's handout shows %s's reply", e.Team)
		}
	}
}

// The PDF shows the replies, in both languages; Markdown reads them from
// the model alone (the JSON round trip keeps them).
func TestPDFAndJSONShowReplies(t *testing.T) {
	for lang, want := range map[string][]string{
		"en": {"Replies to injects", "A parent", "Replied at 00:03:00 (customer email)", "There is nothing wrong with our juice.",
			"Hotline number: missing", "cost points", "they do not change the scores"},
		"zh": {"对注入的回复", "一位家长", "于 00:03:00 回复（客户邮件）", "热线号码：缺少", "扣分", "不计入得分"},
	} {
		r := repliesReport(t, lang, "")
		pdf, err := PDF(r)
		if err != nil {
			t.Fatal(err)
		}
		text := pdfToText(t, pdf)
		flat := strings.Join(strings.Fields(text), "")
		for _, w := range want {
			if !strings.Contains(flat, strings.Join(strings.Fields(w), "")) {
				t.Errorf("%s PDF lacks %q", lang, w)
			}
		}
		if !sameMarkdownFromJSON(t, r) {
			t.Errorf("%s: Markdown of the report read back from JSON differs", lang)
		}
	}
}

// A Chinese report's replies are in Chinese words and punctuation
// (CHINESE-TEXT.md): no kind or channel id, no half-width colon or
// bracket after a Chinese character.
func TestChineseRepliesHaveNoRawTerms(t *testing.T) {
	r := repliesReport(t, "zh", "")
	var parts []string
	for _, tm := range r.Teams {
		var b strings.Builder
		writeReplies(&b, "zh", tm.Replies)
		parts = append(parts, b.String())
	}
	for _, e := range r.Timeline {
		if e.Kind == string(engine.KindReplied) {
			parts = append(parts, e.Text)
		}
	}
	text := strings.Join(parts, "\n")
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`customer-email|holding|\bcustomer\b|\bnews\b`), regexp.MustCompile(`\p{Han}[:;(] ?`), regexp.MustCompile(`\p{Han} \(`),
	} {
		if m := bad.FindString(text); m != "" {
			t.Errorf("the Chinese replies have %q:\n%s", m, text)
		}
	}
}
