package play

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// startPosts shows posts.yaml (a feed with reactions to a denial, to an
// apology with guidance and to anything else) for Alpha and Bravo with the
// clock running at 1:00.
func startPosts(t *testing.T, cfg Config) (*host, *Screen) {
	t.Helper()
	clock := engine.NewFakeClock()
	h := newHost(t)
	ex := showRun(h, cfg, uitest.StartEntry(t, uitest.OpenStore(t), clock, uitest.EngineEntry(t, "posts.yaml"), 7, "Alpha", "Bravo"))
	test.Tap(ex.console.pauseButton)
	advance(t, ex, clock, time.Minute)
	return h, ex
}

// typing queues the UI work of the composer's live check (its timer's)
// to run on the test's goroutine, when pumped; at the end of the test the
// team views' live checks stop, so that no timer of theirs draws later.
func typing(t *testing.T, ex *Screen) *uitest.UIQueue {
	q := uitest.QueueUI(t)
	t.Cleanup(func() {
		for i := range 2 {
			if tv := ex.team(i); tv != nil && tv.post != nil {
				tv.post.rubric.stop()
			}
		}
	})
	return q
}

const denial = "This is a baseless rumour. Our products meet all national standards and are safe to drink."

// A team publishes from the top of its feed: the composer opens, an empty
// post is refused beside it, a written one goes on the chosen channel,
// once; the feed then shows it marked as the team's with the judge's
// verdict, and the public's ridicule after it; the composer closes empty.
func TestATeamPostsFromItsFeed(t *testing.T) {
	h, ex := startPosts(t, Config{})
	q := typing(t, ex)
	tv := ex.team(0)
	if tv.post == nil {
		t.Fatal("a scenario with a feed shows no composer")
	}
	test.Tap(tv.post.openBtn)
	test.Tap(tree.FindButton(t, tv.post.root, h.loc.T("post.send")))
	if !strings.Contains(tree.AllText(tv.post.root), h.loc.T("post.empty")) {
		t.Error("an empty post is not refused in the composer")
	}
	tv.post.pick.SetSelectedIndex(1) // a press release
	if tv.post.rubric.kind != "press-release" {
		t.Errorf("the live check judges a press release as %q", tv.post.rubric.kind)
	}
	tv.post.entry.SetText(denial)
	test.Tap(tree.FindButton(t, tv.post.root, h.loc.T("post.send")))
	q.Pump() // the post is stored; the composer hears so on the UI goroutine

	var got []engine.Post
	ex.run.Session.Read(func(st *engine.State) { got = st.Team("Alpha").Posts })
	if len(got) != 1 || got[0].Text != denial || got[0].Channel != "news" {
		t.Fatalf("Alpha's posts: %+v", got)
	}
	ex.refresh()
	feed := tree.AllText(tv.feed.box)
	for _, want := range []string{h.loc.T("post.yours", "team", "Alpha"), h.loc.T("post.channel.news") + " · 00:01:00", denial,
		h.loc.T("rubric.overall_capped", "score", "0"), "Denial", h.loc.T("post.reaction"), "Rumour, they say."} {
		if !strings.Contains(feed, want) {
			t.Errorf("the feed does not show %q:\n%s", want, feed)
		}
	}
	if i, j := strings.Index(feed, "Rumour, they say."), strings.Index(feed, denial); i < 0 || j < 0 || i > j {
		t.Error("the reaction is not above (newer than) the team's post")
	}
	if tv.post.open || tv.post.entry.Text != "" || len(tree.Find[*ui.SendEntry](t, tv.post.root)) != 0 {
		t.Error("after publishing, the composer did not close empty")
	}
	if bravo := tree.AllText(ex.team(1).feed.box); strings.Contains(bravo, denial) {
		t.Error("Bravo's feed shows Alpha's post")
	}
}

// The latest pinned notice stays at the top of the feed, marked pinned.
func TestAPinnedNoticeComesFirst(t *testing.T) {
	h, ex := startPosts(t, Config{})
	for _, p := range []struct{ ch, text string }{{"notice", "Hotline 400-123 is open."}, {"social", "We are checking batch CB-07."}} {
		if err := ex.run.Session.Send(engine.Command{Kind: engine.CmdPost, Team: "Alpha", Channel: p.ch, Text: p.text}); err != nil {
			t.Fatal(err)
		}
	}
	ex.refresh()
	feed := tree.AllText(ex.team(0).feed.box)
	if !strings.HasPrefix(strings.TrimSpace(feed), h.loc.T("post.yours", "team", "Alpha")) || !strings.Contains(feed, h.loc.T("post.pinned")) ||
		strings.Index(feed, "Hotline 400-123 is open.") > strings.Index(feed, "We are checking batch CB-07.") {
		t.Errorf("the notice is not pinned first:\n%s", feed)
	}
}

// A post being written survives a language switch (the view is built
// again) on its channel, and is sent off the UI goroutine, the composer
// waiting meanwhile; a refusal is said in the UI's language.
func TestAPostDraftSurvivesARebuildAndSendsInTheBackground(t *testing.T) {
	var queued []func()
	h, ex := startPosts(t, Config{Background: func(f func()) { queued = append(queued, f) }})
	for _, f := range queued { // the clock's start
		f()
	}
	uiq := typing(t, ex)
	tv := ex.team(0)
	test.Tap(tv.post.openBtn)
	tv.post.pick.SetSelectedIndex(2)
	tv.post.entry.SetText("我们非常抱歉。请停止饮用批号CB-07的产品，并拨打热线400-123。")

	h.setLang(i18n.ZH)
	tv = ex.team(0)
	if !tv.post.open || tv.post.channel != "notice" || tv.post.entry.Text != "我们非常抱歉。请停止饮用批号CB-07的产品，并拨打热线400-123。" {
		t.Fatalf("after the switch the composer is open %v on %q with %q", tv.post.open, tv.post.channel, tv.post.entry.Text)
	}
	if tv.post.pick.Selected != "置顶公告" {
		t.Errorf("the channel reads %q", tv.post.pick.Selected)
	}
	before := len(queued)
	test.Tap(tree.FindButton(t, tv.post.root, "发布"))
	if len(queued) != before+1 || !tv.post.sending || tree.FindButton(t, tv.post.root, "正在发布…") == nil {
		t.Fatalf("the post: %d queued; want it waiting", len(queued)-before)
	}
	queued[len(queued)-1]()
	uiq.Pump()
	var n int
	ex.run.Session.Read(func(st *engine.State) { n = len(st.Team("Alpha").Posts) })
	if n != 1 || tv.post.open {
		t.Errorf("after the send: %d posts, composer open %v, says %q", n, tv.post.open, tv.post.msg.Text)
	}
	ex.refresh()
	if feed := tree.AllText(tv.feed.box); !strings.Contains(feed, "Alpha（你们小组）") || !strings.Contains(feed, "做得好：") || !strings.Contains(feed, "Thank you.") {
		t.Errorf("the Chinese feed:\n%s", feed)
	}

	if err := ex.run.Session.Send(engine.Command{Kind: engine.CmdPause}); err != nil {
		t.Fatal(err)
	}
	err := ex.run.Session.Send(engine.Command{Kind: engine.CmdPost, Team: "Alpha", Channel: "social", Text: "x"})
	if got := postRefusedText(h.loc, err); got != "帖子未发布：时钟已暂停。" {
		t.Errorf("the refusal says %q", got)
	}
}

// A scenario without a feed has no channel to post on: no composer. The
// console's card says a team's latest post.
func TestNoComposerWithoutAFeedAndTheConsoleLine(t *testing.T) {
	_, ex, _ := startReplies(t, Config{})
	if ex.team(0).post != nil {
		t.Error("a scenario without a feed shows a composer")
	}
	h, ex2 := startPosts(t, Config{})
	if err := ex2.run.Session.Send(engine.Command{Kind: engine.CmdPost, Team: "Alpha", Channel: "news", Text: "We have recalled batch CB-07."}); err != nil {
		t.Fatal(err)
	}
	ex2.refresh()
	want := h.loc.T("console.post", "n", 1, "time", "00:01:00", "channel", h.loc.T("post.channel.news"), "text", "We have recalled batch CB-07.")
	if got := tree.AllText(consoleCard(t, ex2.console, "Alpha")); !strings.Contains(got, want) {
		t.Errorf("Alpha's card does not say %q:\n%s", want, got)
	}
}
