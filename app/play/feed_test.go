package play

import (
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

func TestCountTones(t *testing.T) {
	post := func(tone string) *scenario.FeedPost { return &scenario.FeedPost{Tone: tone} }
	feed := []engine.FeedItem{
		{Post: post("hostile"), At: 0},
		{Post: post("hostile"), At: 5 * time.Minute},
		{Post: post("ridicule"), At: 10 * time.Minute},
		{Post: post("support"), At: 15 * time.Minute},
		{Post: post("neutral"), At: 20 * time.Minute},
		{Post: post("odd"), At: 20 * time.Minute}, // unknown tones count as neutral
		{Post: nil, At: 20 * time.Minute},
		{Post: post("hostile"), At: 30 * time.Minute}, // after now
	}
	for _, tc := range []struct {
		name        string
		now, window time.Duration
		want        toneCounts
	}{
		{"window covers the last 15 minutes, not its start", 20 * time.Minute, 15 * time.Minute, toneCounts{support: 1, neutral: 2, ridicule: 1}},
		{"the whole feed up to now", 20 * time.Minute, time.Hour, toneCounts{hostile: 2, ridicule: 1, support: 1, neutral: 2}},
		{"at the start", 0, 15 * time.Minute, toneCounts{hostile: 1}},
		{"nothing recent", 29 * time.Minute, 5 * time.Minute, toneCounts{}},
		{"later posts count once their time comes", 30 * time.Minute, 15 * time.Minute, toneCounts{hostile: 1, neutral: 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := countTones(feed, tc.now, tc.window)
			if got != tc.want {
				t.Errorf("countTones = %+v, want %+v", got, tc.want)
			}
			if got.total() != got.support+got.neutral+got.hostile+got.ridicule {
				t.Error("total does not add up")
			}
		})
	}
}

// In voices.yaml, once a team has claimed 'safe' the public mocks it
// ("'Safe', they said.", tone ridicule).
func TestFeedShowsPostsWithTheirTone(t *testing.T) {
	_, ex, clock := startVoices(t)
	tv := ex.team(0)
	if tones := feedTones(t, tv); len(tones) != 0 {
		t.Fatalf("the feed shows %d posts before any", len(tones))
	}
	advance(t, ex, clock, 2*time.Minute)
	chooseOption(t, tv, "first", 0) // "It is safe": claims safe
	for range 6 {
		advance(t, ex, clock, 5*time.Minute)
	}

	var feed []engine.FeedItem
	ex.run.Session.Read(func(st *engine.State) { feed = append(feed, st.Team("Alpha").Feed...) })
	mocked := -1
	for i, it := range feed {
		if it.Post.ID == "mocked" {
			mocked = i
		}
	}
	if mocked < 0 {
		t.Fatalf("the engine never mocked Alpha's 'safe' (feed %d posts)", len(feed))
	}
	tones := feedTones(t, tv)
	if got := len(tones); got != len(feed) {
		t.Fatalf("the team view lists %d posts, the feed has %d", got, len(feed))
	}
	// Newest first: the view's k-th marker is the feed's (n-1-k)-th post.
	k := len(feed) - 1 - mocked
	if got := tones[k]; got != "Mocking" {
		t.Errorf("the mocking post is marked %q", got)
	}
	for k, tone := range tones {
		if want := ui.ToneName(tv.loc, feed[len(feed)-1-k].Post.Tone); tone != want {
			t.Errorf("post %d marked %q, want %q", k, tone, want)
		}
	}
	// The feed tab says how many posts came while the team read its inbox,
	// and stops saying so once looked at.
	if !strings.Contains(tv.feedTab.Text, "new") {
		t.Errorf("feed tab = %q, want a count of new posts", tv.feedTab.Text)
	}
	tv.tabs.Select(tv.feedTab)
	if tv.feedTab.Text != "Feed" {
		t.Errorf("feed tab after looking = %q", tv.feedTab.Text)
	}

	// The console sums up the last 15 minutes.
	now := ex.run.Session.ExerciseTime()
	counts := countTones(feed, now, moodWindow)
	mood := ex.console.moods["Alpha"].text()
	if counts.ridicule > 0 && !strings.Contains(mood, "Mocking") {
		t.Errorf("console mood = %q", mood)
	}
	if !strings.HasPrefix(mood, "Public feed, last 15 min:") {
		t.Errorf("console mood = %q", mood)
	}
}

func TestFeedInChinese(t *testing.T) {
	h, ex, clock := startVoices(t)
	h.setLang(i18n.ZH)
	for range 3 {
		advance(t, ex, clock, 5*time.Minute)
	}
	tv := ex.team(1)
	tones := feedTones(t, tv)
	if len(tones) == 0 {
		t.Fatal("no posts after 15 minutes")
	}
	for _, s := range tones {
		if s != "负面" && s != "中立" && s != "支持" && s != "嘲讽" {
			t.Errorf("tone shown as %q in Chinese", s)
		}
	}
	if mood := ex.console.moods["Bravo"].text(); !strings.HasPrefix(mood, "近 15 分钟舆情：") {
		t.Errorf("mood in Chinese = %q", mood)
	}
}

// A persona's feed post that answers the team's post says so, as the
// public's reactions do; one that answers nothing does not.
func TestAPersonasAnswerToAPostSaysSo(t *testing.T) {
	uitest.Window(t)
	loc := i18n.New(i18n.EN)
	post := &scenario.FeedPost{ID: "roleplay-1", Channel: scenario.PostSocial, Tone: "neutral", From: scenario.Text{"": "Li Wei"},
		Text: scenario.Text{"": "Which shops sold batch L1?"}}
	for _, c := range []struct {
		thread string
		want   bool
	}{{"post:1", true}, {"", false}} {
		card := feedCard(nil, loc, engine.FeedItem{Post: post, Seat: "Press desk", Thread: c.thread}, "en", nil, nil)
		if got := strings.Contains(tree.AllText(card), loc.T("post.reaction")); got != c.want {
			t.Errorf("thread %q: says it replies %v, want %v:\n%s", c.thread, got, c.want, tree.AllText(card))
		}
	}
}
