package debrief

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// Posts the teams publish in playedPosts.
const (
	alphaPost = "We are sorry. Children fell ill after drinking batch CB-07. Please stop drinking it and return it to the shop; call our hotline 400-123."
	bravoPost = "This is a baseless rumour. Our products meet all national standards and are safe to drink."
)

// playedPosts plays internal/engine/testdata/posts.yaml headless with two
// teams: at 2:00 Alpha posts an apology with guidance on its official
// account, Bravo a denial as a press release (which sets off the
// reporter's call); at 9:00 Alpha pins a notice; at 10:00 Bravo repeats
// its denial on its account, which the public has heard before.
func playedPosts(t testing.TB) (*engine.State, []engine.Event) {
	t.Helper()
	h := playTestdata(t, "posts", "posts", "Alpha", "Bravo")
	do := h.do
	do(0, engine.Command{Kind: engine.CmdResume})
	do(2*time.Minute, engine.Command{Kind: engine.CmdPost, Team: "Alpha", Channel: "social", Text: alphaPost})
	do(2*time.Minute, engine.Command{Kind: engine.CmdPost, Team: "Bravo", Channel: "news", Text: bravoPost})
	do(9*time.Minute, engine.Command{Kind: engine.CmdPost, Team: "Alpha", Channel: "notice", Text: "Hotline 400-123 is open day and night."})
	do(10*time.Minute, engine.Command{Kind: engine.CmdPost, Team: "Bravo", Channel: "social", Text: bravoPost})
	return h.end(20 * time.Minute)
}

func postsReport(t testing.TB, lang, team string) *Report {
	st, events := playedPosts(t)
	r := Build(st, events, lang, team)
	r.SetStarted(started)
	return r
}

// The posts golden files: every renderer shows each team's posts, with the
// judge's verdict, the public's reaction and how it moved the world.
func TestPostsGolden(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		r := postsReport(t, lang, "")
		goldenExports(t, "posts", lang, r)
	}
}

// A post in the report model: where and when, as what it was judged, the
// findings the public reacted to, the reaction and the world it moved; the
// team's own posts are not counted among the public's feed.
func TestReportCarriesPosts(t *testing.T) {
	r := postsReport(t, "zh", "")
	alpha, bravo := r.Teams[0], r.Teams[1]
	if len(alpha.Posts) != 2 || len(bravo.Posts) != 2 {
		t.Fatalf("posts: Alpha %d, Bravo %d; want 2 and 2", len(alpha.Posts), len(bravo.Posts))
	}
	// Bravo's denial again: heard before, half the effect, no new replies.
	if again := bravo.Posts[1]; again.Repeat != 1 || len(again.Reaction) != 0 || len(again.Moved) != 2 || again.Moved[0].Delta != -7.5 ||
		bravo.Posts[0].Repeat != 0 || len(bravo.Posts[0].Reaction) == 0 {
		t.Errorf("Bravo's repeated denial: %+v", again)
	}
	a := alpha.Posts[0]
	if a.Channel != "social" || a.ChannelName != "官方微博帖子" || a.AtSeconds != 120 || a.KindName != "社交媒体回复" || a.Text != alphaPost ||
		!slices.Contains(a.Findings, "apology") || !slices.Contains(a.Findings, "guidance") || a.Rubric == nil || a.JudgedLive != a.Judge {
		t.Errorf("Alpha's post: %+v", a)
	}
	if len(a.Reaction) != 1 || a.Reaction[0].Tone != "support" || a.Reaction[0].From != "@家长" || !a.Reaction[0].Reaction ||
		len(a.Moved) != 1 || a.Moved[0] != (WorldMove{Variable: "sentiment", Label: "公众情绪", Delta: 8}) {
		t.Errorf("the reaction to Alpha's post: %+v, moved %+v", a.Reaction, a.Moved)
	}
	b := bravo.Posts[0]
	if b.ChannelName != "新闻稿" || !slices.Contains(b.Findings, "denial") || b.Reaction[0].Tone != "ridicule" || len(b.Moved) != 2 {
		t.Errorf("Bravo's denial: %+v", b)
	}
	for _, p := range alpha.Feed {
		if p.Text == alphaPost {
			t.Errorf("Alpha's own post is in the public's feed: %+v", p)
		}
	}
	if n := alpha.Posts[1]; n.ChannelName != "置顶公告" || n.KindName != "初步声明" {
		t.Errorf("Alpha's notice: %+v", n)
	}
	if !strings.HasSuffix(r.Method, "。小组在各渠道的发布按书面声明的方式评判，不计入得分；公众针对评判结果作出的反应会改变该小组的局势。") {
		t.Errorf("Chinese method: %q", r.Method)
	}
	if h := postsReport(t, "en", "Bravo"); len(h.Teams) != 1 || len(h.Teams[0].Posts) != 2 {
		t.Errorf("Bravo's handout: %+v", h.Teams)
	}
}

// The timeline puts a post into words with its text; the CSV gives it in
// the detail; a Chinese report's posts have no raw ids and no half-width
// punctuation between Chinese words; the PDF shows them; Markdown reads
// them from the model alone.
func TestPostsInTimelineCSVPDFAndJSON(t *testing.T) {
	for lang, want := range map[string]struct{ ev, post, pdf string }{
		"en": {"Published a post on the official account — Sentiment 0 → 8", " — post: ", "Post on the official account, published at 00:02:00 (social media reply)"},
		"zh": {"发布了官方微博帖子 — 公众情绪 0 → 8", " — 发布：", "00:02:00 发布的官方微博帖子（社交媒体回复）"},
	} {
		r := postsReport(t, lang, "")
		var got []TimelineEntry
		for _, e := range r.Timeline {
			if e.Kind == string(engine.KindPosted) {
				got = append(got, e)
			}
		}
		if len(got) != 4 || got[0].Team != "Alpha" || got[0].Text != want.ev || got[0].Post != alphaPost || got[0].AtSeconds != 120 {
			t.Fatalf("%s: the posts in the timeline: %+v", lang, got)
		}
		rows := csvRows(t, r)
		var details []string
		for _, row := range rows {
			if row[2] == string(engine.KindPosted) {
				details = append(details, row[7])
			}
		}
		if len(details) != 4 || details[0] != want.ev+want.post+alphaPost {
			t.Errorf("%s CSV details of the posts: %q", lang, details)
		}
		pdf, err := PDF(r)
		if err != nil {
			t.Fatal(err)
		}
		flat := strings.Join(strings.Fields(pdfToText(t, pdf)), "")
		if !strings.Contains(flat, strings.Join(strings.Fields(want.pdf), "")) {
			t.Errorf("%s PDF lacks %q", lang, want.pdf)
		}
		if !sameMarkdownFromJSON(t, r) {
			t.Errorf("%s: Markdown of the report read back from JSON differs", lang)
		}
	}
	md := Markdown(postsReport(t, "zh", ""))
	i := strings.Index(md, "### 在各渠道的发布")
	if i < 0 {
		t.Fatal("the Chinese Markdown has no posts section")
	}
	section := md[i:]
	section = section[:strings.Index(section[4:], "\n### ")+4]
	for _, raw := range []string{"social", "notice", "news", "ridicule", "support", "sentiment"} {
		if strings.Contains(section, raw) {
			t.Errorf("the Chinese posts section shows %q:\n%s", raw, section)
		}
	}
	if m := regexp.MustCompile(`\p{Han}[,;:?!()]|[,;:?!(]\p{Han}`).FindString(section); m != "" {
		t.Errorf("half-width punctuation %q in the Chinese posts section:\n%s", m, section)
	}
}
