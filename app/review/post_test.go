package review

import (
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

const bravoDenial = "This is a baseless rumour. Our products meet all national standards and are safe to drink."

// postsDebrief plays internal/engine/testdata/posts.yaml for Alpha and
// Bravo and shows its debrief: at 2:00 Bravo publishes a denial as a press
// release; Alpha posts nothing.
func postsDebrief(t *testing.T) (*host, *Debrief) {
	t.Helper()
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	run := uitest.StartEntry(t, st, clock, uitest.EngineEntry(t, "posts.yaml"), 0, "Alpha", "Bravo")
	s := run.Session
	if err := s.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	clock.Add(2 * time.Minute)
	if err := s.Tick(); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(engine.Command{Kind: engine.CmdPost, Team: "Bravo", Channel: "news", Text: bravoDenial}); err != nil {
		t.Fatal(err)
	}
	if err := run.Flush(); err != nil {
		t.Fatal(err)
	}
	h := newHost(t, st)
	return h, h.openDebrief(run.ID)
}

// The debrief's team card shows the team's posts: where and when, the text
// with the judge's feedback, the public's reaction by tone and the world
// it moved; a team that posted nothing has no such section. The timeline
// quotes the post. In Chinese too.
func TestDebriefShowsPosts(t *testing.T) {
	h, d := postsDebrief(t)
	if all := tree.AllText(teamCard(t, d, "Alpha")); strings.Contains(all, "Posts on the channels") {
		t.Errorf("Alpha, who posted nothing, has a posts section:\n%s", all)
	}
	bravo := teamCard(t, d, "Bravo")
	text := tree.AllText(bravo)
	for _, want := range []string{"Posts on the channels", h.loc.T("debrief.posts_unscored"), "Press release, published at 00:02:00:", bravoDenial,
		"Denial", "The public's reaction:", "Mocking", "@Meme: Rumour, they say.", "World: Sentiment -15; Attention +10"} {
		if !strings.Contains(text, want) {
			t.Errorf("Bravo's card lacks %q:\n%s", want, text)
		}
	}
	if got := statements(t, bravo); len(got) != 1 || got[0].Text != bravoDenial {
		t.Errorf("Bravo's post shown as %v", got)
	}
	d.selectTab(tabTimeline)
	found := false
	for _, e := range timelineEntries(d) {
		found = found || strings.Contains(e, "Published a press release") && strings.Contains(e, bravoDenial)
	}
	if !found {
		t.Errorf("the timeline does not quote the post: %q", timelineEntries(d))
	}

	h.setLang(i18n.ZH)
	d = shown[*Debrief](t, h)
	text = tree.AllText(teamCard(t, d, "Bravo"))
	for _, want := range []string{"在各渠道的发布", "新闻稿，00:02:00 发布：", "否认", "公众反应：", "嘲讽", "局势变化：公众情绪 -15；关注度 +10"} {
		if !strings.Contains(text, want) {
			t.Errorf("Bravo's Chinese card lacks %q:\n%s", want, text)
		}
	}
}
