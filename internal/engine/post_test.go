package engine

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/rubric"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// startPosts starts testdata/posts.yaml (a feed with reactions to a
// denial, to an apology with guidance, and to anything else; a trigger on
// a denial) for the teams, with the clock running.
func startPosts(t *testing.T, file string, teams ...string) (*Session, *MemoryLog, *FakeClock) {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	log, clock := &MemoryLog{}, NewFakeClock()
	s, err := Start(Config{ScenarioID: "posts", Source: src, Teams: teams, Lang: "en", Speed: 1}, log, clock)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdResume}); err != nil {
		t.Fatal(err)
	}
	return s, log, clock
}

const (
	denialPost  = "This is a baseless rumour. Our products meet all national standards and are safe to drink."
	apologyPost = "We are sorry. Children fell ill after drinking batch CB-07. Please stop drinking it and return it to the shop; call our hotline 400-123."
)

func post(s *Session, team, channel, text string) error {
	return s.Send(Command{Kind: CmdPost, Team: team, Channel: channel, Text: text})
}

// A denial on the microblog draws the scenario's ridicule and moves the
// world as its reaction says; the team's own post and the reaction follow
// each other in its feed; the trigger on what was said fires; another
// team sees nothing of it; the log folds back to the same.
func TestADenialDrawsRidiculeAndTriggersOnWhatWasSaid(t *testing.T) {
	s, log, clock := startPosts(t, "testdata/posts.yaml", "Alpha", "Bravo")
	run(t, s, clock, time.Minute)
	if err := post(s, "Alpha", scenario.PostSocial, denialPost); err != nil {
		t.Fatal(err)
	}
	a := team(s, "Alpha")
	if len(a.Posts) != 1 {
		t.Fatalf("Alpha has %d posts", len(a.Posts))
	}
	p := a.Posts[0]
	if !slices.Contains(p.Findings, "denial") || !slices.Contains(p.Findings, "harmful") || p.JudgedLive != rubric.Version || p.Rubric == nil {
		t.Errorf("the denial's findings %v, judged %d", p.Findings, p.JudgedLive)
	}
	if p.Reaction == nil || !slices.Equal(p.Reaction.On, []string{"denial"}) {
		t.Fatalf("the denial drew %+v, want the reaction on denial", p.Reaction)
	}
	if a.World["sentiment"] != -15 || p.Moved["sentiment"] != -15 {
		t.Errorf("sentiment %g (moved %v), want -15", a.World["sentiment"], p.Moved)
	}
	// The trigger added 5 to attention after the reaction's 10.
	if a.World["attention"] != 25 || !a.Triggered["reporter-on-denial"] {
		t.Errorf("attention %g, triggered %v: the trigger on 'denial' in said did not fire", a.World["attention"], a.Triggered)
	}
	n := len(a.Feed)
	if n < 2 || a.Feed[n-2].Own == nil || a.Feed[n-2].Post.Text.Get("en") != denialPost || !a.Feed[n-1].Reaction || a.Feed[n-1].Post.Tone != "ridicule" {
		t.Errorf("the feed's last items: %+v", a.Feed[max(0, n-2):])
	}
	if b := team(s, "Bravo"); len(b.Posts) != 0 || b.World["sentiment"] != 0 || b.Triggered["reporter-on-denial"] {
		t.Errorf("Bravo was touched by Alpha's post: %d posts, sentiment %g", len(b.Posts), b.World["sentiment"])
	}

	folded, err := Fold(log.Events)
	if err != nil {
		t.Fatal(err)
	}
	f := folded.Team("Alpha")
	if len(f.Posts) != 1 || f.Posts[0].Text != denialPost || f.World["sentiment"] != -15 || len(f.Feed) != len(a.Feed) {
		t.Errorf("the log folds to other posts: %+v, world %v", f.Posts, f.World)
	}
}

// A specific apology with guidance calms; an empty-handed post gets the
// catch-all reaction; a post sets off the feed template that waits for one.
func TestAnApologyWithGuidanceCalms(t *testing.T) {
	s, _, clock := startPosts(t, "testdata/posts.yaml", "Alpha")
	if err := post(s, "Alpha", scenario.PostNews, apologyPost); err != nil {
		t.Fatal(err)
	}
	a := team(s, "Alpha")
	if p := a.Posts[0]; p.Reaction == nil || len(p.Reaction.On) != 2 || a.World["sentiment"] != 8 {
		t.Errorf("the apology drew %+v, sentiment %g", p.Reaction, a.World["sentiment"])
	}
	if err := post(s, "Alpha", scenario.PostNotice, "We are looking into reports about our juice."); err != nil {
		t.Fatal(err)
	}
	a = team(s, "Alpha")
	if p := a.Posts[1]; p.Reaction == nil || len(p.Reaction.On) != 0 || p.Moved != nil || a.Feed[len(a.Feed)-1].Post.Channel != "news" {
		t.Errorf("a plain post drew %+v, moved %v", p.Reaction, p.Moved)
	}
	run(t, s, clock, 6*time.Minute)
	quoted := false
	for _, it := range team(s, "Alpha").Feed {
		quoted = quoted || (it.Post.ID == "quoted" && it.Own == nil)
	}
	if !quoted {
		t.Error("the feed template on 'posts > 0' never appeared")
	}
}

// A post is refused with its reason: no such team or channel, no text or
// too much, the clock stopped, a finished team; a scenario without a feed
// has no channel at all.
func TestPostsAreRefusedWithAReason(t *testing.T) {
	s, log, _ := startPosts(t, "testdata/posts.yaml", "Alpha")
	for _, c := range []struct {
		name, team, channel, text string
		want                      error
	}{
		{"no such team", "Zulu", scenario.PostSocial, "Hello.", ErrNoSuchTeam},
		{"no such channel", "Alpha", "tv", "Hello.", ErrNoChannel},
		{"no text", "Alpha", scenario.PostSocial, " \n ", ErrNoText},
		{"too long", "Alpha", scenario.PostSocial, strings.Repeat("a", MaxPostLen+1), ErrTextTooLong},
	} {
		if err := post(s, c.team, c.channel, c.text); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if err := s.Send(Command{Kind: CmdPause}); err != nil {
		t.Fatal(err)
	}
	if err := post(s, "Alpha", scenario.PostSocial, "Hello."); !errors.Is(err, ErrPaused) {
		t.Errorf("a post while paused: %v", err)
	}
	if err := s.Send(Command{Kind: CmdPause, Discussion: true}); err != nil {
		t.Fatal(err)
	}
	if err := post(s, "Alpha", scenario.PostSocial, "Hello."); err != nil {
		t.Errorf("a post in a discussion pause: %v", err)
	}
	if err := s.Send(Command{Kind: CmdEnd}); err != nil {
		t.Fatal(err)
	}
	if err := post(s, "Alpha", scenario.PostSocial, "Hello."); !errors.Is(err, ErrEnded) {
		t.Errorf("a post after the end: %v", err)
	}
	for _, e := range log.Events {
		if e.Kind == KindPosted && e.Text != "Hello." {
			t.Errorf("a refused post was logged: %+v", e)
		}
	}

	s2, _, _ := startReplies(t, "Alpha")
	if err := post(s2, "Alpha", scenario.PostSocial, "Hello."); !errors.Is(err, ErrNoChannel) {
		t.Errorf("a post in a scenario without a feed: %v, want ErrNoChannel", err)
	}
}

// The reaction follows what the live judge found, as logged: a replay
// whose judge found otherwise still reacts as the room saw.
func TestAReplayReactsToTheLoggedFindings(t *testing.T) {
	s, log, _ := startPosts(t, "testdata/posts.yaml", "Alpha")
	if err := post(s, "Alpha", scenario.PostSocial, "We are looking into reports about our juice."); err != nil {
		t.Fatal(err)
	}
	evs := slices.Clone(log.Events)
	evs[len(evs)-1].Findings = []string{"harmful", "denial"}
	st, err := Fold(evs)
	if err != nil {
		t.Fatal(err)
	}
	if a := st.Team("Alpha"); a.World["sentiment"] != -15 || a.Feed[len(a.Feed)-1].Post.Tone != "ridicule" {
		t.Errorf("the replay reacted to the text, not the logged findings: sentiment %g", a.World["sentiment"])
	}
	evs[len(evs)-1].Findings = []string{"lies"}
	if _, err := Fold(evs); !errors.Is(err, ErrLogBadEvent) {
		t.Errorf("a post with an unknown finding folds: %v", err)
	}
	evs[len(evs)-1].Findings, evs[len(evs)-1].Channel = nil, "tv"
	if _, err := Fold(evs); !errors.Is(err, ErrLogBadEvent) {
		t.Errorf("a post on no channel folds: %v", err)
	}
}

// A feed without reactions reacts as documented: a harmful line draws
// ridicule and costs sentiment and trust, an apology with guidance calms,
// on the variables the scenario has.
func TestDefaultReactions(t *testing.T) {
	src, err := os.ReadFile("testdata/posts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(src), "  reactions:")
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/plain.yaml", src[:i], 0o600); err != nil {
		t.Fatal(err)
	}
	s, _, _ := startPosts(t, dir+"/plain.yaml", "Alpha", "Bravo")
	if err := post(s, "Alpha", scenario.PostSocial, denialPost); err != nil {
		t.Fatal(err)
	}
	if err := post(s, "Bravo", scenario.PostSocial, apologyPost); err != nil {
		t.Fatal(err)
	}
	a, b := team(s, "Alpha"), team(s, "Bravo")
	if a.World["sentiment"] != -10 || a.Posts[0].Moved["sentiment"] != -10 || a.Feed[len(a.Feed)-1].Post.Tone != "hostile" || a.Feed[len(a.Feed)-2].Post.Tone != "ridicule" {
		t.Errorf("a denial with the default reactions: world %v, feed %+v", a.World, a.Feed)
	}
	if _, ok := a.Posts[0].Moved["trust"]; ok {
		t.Errorf("the default reaction moved trust, which the scenario does not have")
	}
	if b.World["sentiment"] != 5 || b.World["attention"] != 5 || b.Feed[len(b.Feed)-1].Post.Tone != "support" {
		t.Errorf("an apology with the default reactions: world %v", b.World)
	}
}

// The findings a post can have are the judge's checks (but choice-clash,
// which needs a chosen option) and the two summaries.
func TestPostFindingsAreTheJudgesChecks(t *testing.T) {
	want := []string{"harmful", "flawed"}
	for _, d := range rubric.Catalogue {
		if d.ID != "choice-clash" {
			want = append(want, d.ID)
		}
	}
	slices.Sort(want)
	got := slices.Sorted(slices.Values(scenario.Findings))
	if !slices.Equal(got, want) {
		t.Errorf("scenario.Findings %v, the judge's checks %v", got, want)
	}
	for _, f := range scenario.HarmfulFindings {
		for _, d := range rubric.Catalogue {
			if d.ID == f && d.Severity != rubric.Harmful {
				t.Errorf("%s is listed as harmful, the judge calls it %v", f, d.Severity)
			}
		}
	}
}

// Two built-in scenarios react to posts in their own words: a Chinese
// denial of the bad batch draws the recall's ridicule and, at the next
// feed periods, the screenshot that archives it; in the smear campaign a
// denial backed by facts calms where a bare one spreads the rumour.
func TestBuiltInScenariosReactToPosts(t *testing.T) {
	start := func(file string) (*Session, *FakeClock) {
		src, err := os.ReadFile("../../scenarios/" + file)
		if err != nil {
			t.Fatal(err)
		}
		clock := NewFakeClock()
		s, err := Start(Config{ScenarioID: file, Source: src, Teams: []string{"甲队", "乙队"}, Lang: "zh", Speed: 1, Seed: 3}, &MemoryLog{}, clock)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Send(Command{Kind: CmdResume}); err != nil {
			t.Fatal(err)
		}
		return s, clock
	}
	s, clock := start("beverage-recall.yaml")
	if err := post(s, "甲队", scenario.PostSocial, "网上关于清溪的说法纯属谣言，我们的产品符合国家标准。"); err != nil {
		t.Fatal(err)
	}
	a := team(s, "甲队")
	if r := a.Posts[0].Reaction; r == nil || !slices.Equal(r.On, []string{"denial"}) || a.Feed[len(a.Feed)-1].Post.Text.Get("zh") != "清溪说是谣言。我家冰箱里三瓶鼓成球的CB-2611-07可不同意。" {
		t.Errorf("the recall's reaction to a denial: %+v", r)
	}
	if a.Posts[0].Moved["trust"] != -6 {
		t.Errorf("the denial moved %v", a.Posts[0].Moved)
	}
	run(t, s, clock, 30*time.Minute)
	archived := false
	for _, it := range team(s, "甲队").Feed {
		archived = archived || it.Post.ID == "screenshot-denial"
	}
	for _, it := range team(s, "乙队").Feed {
		if it.Post.ID == "screenshot-denial" {
			t.Error("乙队, who posted nothing, sees the screenshot of 甲队's denial")
		}
	}
	if !archived {
		t.Error("the feed post on 'denial' in said never appeared")
	}

	s, _ = start("rumour-attack.yaml")
	backed := "网传“晨露奶瓶双酚A超标17倍”纯属谣言。该检测报告系伪造，报告编号实为一家瓷砖厂的送检编号，出具机构已于3月5日书面确认；我们已将12个批次的奶瓶送第三方检测，结果将于今晚8点公布。"
	if err := post(s, "甲队", scenario.PostNews, backed); err != nil {
		t.Fatal(err)
	}
	if err := post(s, "乙队", scenario.PostSocial, "网传消息纯属谣言，我司产品符合国家标准。"); err != nil {
		t.Fatal(err)
	}
	a, b := team(s, "甲队"), team(s, "乙队")
	if a.Posts[0].Moved["reach"] != -8 || b.Posts[0].Moved["reach"] != 8 {
		t.Errorf("rumour reach after a backed denial %v, after a bare one %v", a.Posts[0].Moved, b.Posts[0].Moved)
	}
}

// The public reacts most to what is new: posting the same apology again
// and again cannot farm calm. The same reaction moves the world half as
// much each time (8, 4, 2, 1…: never past twice the first), draws no new
// reply posts, and a different reaction in between does not reset it;
// the fold of the log agrees.
func TestARepeatedPostMovesThePublicLess(t *testing.T) {
	s, log, _ := startPosts(t, "testdata/posts.yaml", "Alpha")
	replies := func() int {
		n := 0
		for _, it := range team(s, "Alpha").Feed {
			if it.Reaction {
				n++
			}
		}
		return n
	}
	if err := post(s, "Alpha", scenario.PostNews, apologyPost); err != nil {
		t.Fatal(err)
	}
	first := replies()
	if first == 0 {
		t.Fatal("the apology drew no reply in the feed")
	}
	want := []float64{8, 12, 14, 15, 15.5, 15.75, 15.875, 15.9375}
	for i := 1; i < len(want); i++ {
		if i == 3 {
			// A denial in between: its own reaction, in full the first time.
			if err := post(s, "Alpha", scenario.PostSocial, denialPost); err != nil {
				t.Fatal(err)
			}
			for k := range want {
				want[k] -= 15
			}
		}
		if err := post(s, "Alpha", scenario.PostSocial, apologyPost+" "+strings.Repeat("Again. ", i)); err != nil {
			t.Fatal(err)
		}
	}
	a := team(s, "Alpha")
	if got := a.World["sentiment"]; got != want[len(want)-1] {
		t.Errorf("sentiment after eight apologies and a denial: %g, want %g", got, want[len(want)-1])
	}
	var repeats []int
	for _, p := range a.Posts {
		repeats = append(repeats, p.Repeat)
	}
	if !slices.Equal(repeats, []int{0, 1, 2, 0, 3, 4, 5, 6, 7}) {
		t.Errorf("Repeat per post: %v", repeats)
	}
	if a.Posts[2].Moved["sentiment"] != 2 {
		t.Errorf("the third apology moved sentiment by %v, want 2", a.Posts[2].Moved)
	}
	denialReplies := 0
	for _, rp := range a.Posts[3].Reaction.Posts {
		_ = rp
		denialReplies++
	}
	if got := replies(); got != first+denialReplies {
		t.Errorf("%d reply posts in the feed; want the apology's %d once and the denial's %d", got, first, denialReplies)
	}
	f, err := Fold(log.Events)
	if err != nil {
		t.Fatal(err)
	}
	if f.Team("Alpha").World["sentiment"] != a.World["sentiment"] || len(f.Team("Alpha").Feed) != len(a.Feed) {
		t.Error("the fold of the log does not agree with the session")
	}
}
