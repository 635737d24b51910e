package play

import (
	"slices"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// TestUnreadFeedSurvivesASwitchAndAResume: the feed tab's count of new
// posts goes on from what the team had seen after a language switch and
// after the exercise is resumed, instead of dropping to none.
func TestUnreadFeedSurvivesASwitchAndAResume(t *testing.T) {
	entries, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	e := entries[slices.IndexFunc(entries, func(e library.Entry) bool { return e.ID == "beverage-recall" })]
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	h := newHost(t)
	run := uitest.StartEntry(t, st, clock, e, 0, "Alpha", "Bravo")
	ex := showRun(h, Config{}, run)
	if err := run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	advance(t, ex, clock, 20*time.Minute)
	tv := ex.team(0)
	if tv.feedLen == 0 {
		t.Fatal("no feed posts after 20 minutes: the test proves nothing")
	}
	tv.tabs.Select(tv.feedTab) // Alpha reads the feed
	tv.tabs.SelectIndex(0)     // and goes back to the inbox
	seen := tv.feedLen
	advance(t, ex, clock, 20*time.Minute)
	tv = ex.team(0)
	unread := tv.feedLen - seen
	if unread <= 0 {
		t.Fatal("no new posts in the next 20 minutes")
	}
	if n := tv.feedLen - tv.feedSeen; n != unread {
		t.Fatalf("before any switch: %d unread, want %d", n, unread)
	}
	wantEN := h.loc.T("feed.tab_new", "n", unread)
	if tv.feedTab.Text != wantEN {
		t.Errorf("the feed tab says %q, want %q", tv.feedTab.Text, wantEN)
	}
	bravoUnread := ex.team(1).feedLen // Bravo never looked
	if err := run.Session.Send(engine.Command{Kind: engine.CmdPause}); err != nil {
		t.Fatal(err)
	}

	h.setLang(i18n.ZH)
	if got, want := ex.team(0).feedTab.Text, h.loc.T("feed.tab_new", "n", unread); got != want {
		t.Errorf("after switching to Chinese the feed tab says %q, want %q", got, want)
	}

	h.leave()
	ex = resume(t, h, st, run.ID, clock)
	if got, want := ex.team(0).feedTab.Text, h.loc.T("feed.tab_new", "n", unread); got != want {
		t.Errorf("after a resume Alpha's feed tab says %q, want %q", got, want)
	}
	// A team that never looked keeps every post as new.
	if got := ex.team(1).feedLen - ex.team(1).feedSeen; got != bravoUnread {
		t.Errorf("Bravo, which never opened its feed, has %d unread after a resume, want %d", got, bravoUnread)
	}
}
