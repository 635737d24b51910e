package play

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// TestInjectsSayWhoTheyAreFor: on the recall scenario, whose injects are
// addressed to roles, each card names its roles in the exercise's
// language, and the role filter shows a role's injects plus those for the
// whole team, and nothing else.
func TestInjectsSayWhoTheyAreFor(t *testing.T) {
	entries, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(entries, func(e library.Entry) bool { return e.ID == "beverage-recall" })
	if i < 0 {
		t.Fatal("no beverage-recall scenario")
	}
	e := entries[i]
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		win := uitest.Window(t)
		clock := engine.NewFakeClock()
		run, err := exercise.Start(uitest.OpenStore(t), engine.Config{ScenarioID: e.ID, Source: e.Source, Teams: []string{"Alpha"},
			Lang: lang.String(), Speed: 1}, e.Scenario.Title, "gui", clock, exercise.EachEvent)
		if err != nil {
			t.Fatal(err)
		}
		tv := newTeamView(run.Session, "Alpha", win, i18n.New(lang))
		t.Cleanup(tv.Close)
		win.SetContent(tv.root)
		if err := run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
			t.Fatal(err)
		}
		clock.Add(40 * time.Minute)
		if err := run.Session.Tick(); err != nil {
			t.Fatal(err)
		}
		tv.Refresh()
		all := len(tv.lastInbox)
		if all < 3 || tv.roleSelect == nil {
			t.Fatalf("%s: %d injects delivered, role filter %v", lang, all, tv.roleSelect != nil)
		}
		// Every card of an addressed inject names its roles.
		addressed := 0
		for _, d := range tv.lastInbox {
			if len(d.Inject.To) > 0 {
				addressed++
			}
		}
		text := tree.AllText(tv.inbox)
		// A card says it in a line of its own ("For: …"), or, as an email
		// or a memo, in its To: header (which names the crisis team when
		// the inject is for everyone).
		loc := i18n.New(lang)
		prefix := map[i18n.Lang]string{i18n.EN: "For: ", i18n.ZH: "发给："}[lang]
		toLine := loc.T("card.to") + "  "
		n := strings.Count(text, prefix)
		for _, line := range strings.Split(text, "\n") {
			if rest, ok := strings.CutPrefix(line, toLine); ok && rest != loc.T("card.to_team") {
				n++
			}
		}
		if n != addressed || addressed == 0 {
			t.Errorf("%s: %d cards say who they are for; %d injects are addressed", lang, n, addressed)
		}
		label := e.Scenario.Roles[0].Label.Get(lang.String())
		if !strings.Contains(text, label) {
			t.Errorf("%s: no card names the role %q:\n%s", lang, label, text)
		}
		narrowed := false
		for ri, r := range e.Scenario.Roles {
			tv.roleSelect.SetSelectedIndex(ri + 1)
			want := 0
			for _, d := range tv.lastInbox {
				if len(d.Inject.To) == 0 || slices.Contains(d.Inject.To, r.ID) {
					want++
				}
			}
			narrowed = narrowed || want < all
			if len(inboxCards(tv)) != want {
				t.Errorf("%s: role %s shows %d injects, want %d", lang, r.ID, len(inboxCards(tv)), want)
			}
		}
		if !narrowed {
			t.Errorf("%s: no role filter leaves anything out: the test proves nothing", lang)
		}
		if tv.roleSelect.SetSelectedIndex(0); len(inboxCards(tv)) != all {
			t.Errorf("%s: everyone shows %d injects of %d", lang, len(inboxCards(tv)), all)
		}
	}
}
