package play

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Each channel's card shows what the channel imitates, in both languages:
// a microblog post names its author with the avatar, an article its
// outlet as masthead and its headline, a breaking strap its label, a call
// its caller, an email its From, To and Subject, a memo its header.
func TestEachChannelsCardShowsItsElements(t *testing.T) {
	e := uitest.EngineEntry(t, "channels.yaml")
	sc := e.Scenario
	injects := sc.Phase("start").Injects
	byChannel := func(ch, style string) *scenario.Inject {
		for _, in := range injects {
			if in.Channel == ch && in.Style == style && (ch != "email" || in.Persona != "") {
				return in
			}
		}
		t.Fatalf("channels.yaml has no %s inject", ch)
		return nil
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		loc := i18n.New(lang)
		l := lang.String()
		w := uitest.Window(t)
		w.Resize(fyne.NewSize(600, 600))
		ci := cardInfo{loc: loc, sc: sc, pictures: e.Media, lang: l, roleLabel: func(id string) string {
			for _, r := range sc.Roles {
				if r.ID == id {
					return r.Label.Get(l)
				}
			}
			return id
		}}
		card := func(in *scenario.Inject) (fyne.CanvasObject, string) {
			c := injectCard(ci, in, 90*time.Second, pictureRow(w, loc, in, e.Media, l)...)
			w.SetContent(c)
			return c, tree.AllText(c)
		}
		has := func(what, text string, want ...string) {
			t.Helper()
			for _, s := range want {
				if !strings.Contains(text, s) {
					t.Errorf("%s %s card lacks %q:\n%s", lang, what, s, text)
				}
			}
		}
		p := func(id string) *scenario.Persona { return sc.Persona(id) }

		c, text := card(byChannel("social", ""))
		has("social", text, p("mum").Name.Get(l), p("mum").Outlet.Get(l), "00:01:30", injects[0].Text.Get(l))
		avatars := tree.Find[*ui.Avatar](t, c)
		if len(avatars) != 1 {
			t.Fatalf("%s: the microblog post has %d avatars", lang, len(avatars))
		}
		if pics := tree.Find[*ui.Picture](t, c); len(pics) != 1 {
			t.Errorf("%s: the post's picture is not on its card", lang)
		}

		_, text = card(byChannel("news", ""))
		head, body, _ := strings.Cut(byChannel("news", "").Text.Get(l), "\n")
		has("news", text, p("reporter").Outlet.Get(l), head, body, loc.T("card.byline", "name", p("reporter").Name.Get(l)))

		c, _ = card(byChannel("news", scenario.StyleBreaking))
		head, _, _ = strings.Cut(byChannel("news", scenario.StyleBreaking).Text.Get(l), "\n")
		has("breaking", tree.DrawnText(c), loc.T("card.breaking"), head, p("anchor").Outlet.Get(l))
		strapRed := false
		for _, r := range tree.Find[*canvas.Rectangle](t, c) {
			if r.FillColor == theme.Color(theme.ColorNameError) {
				strapRed = true
			}
		}
		if !strapRed {
			t.Errorf("%s: the breaking strap is not in the error colour", lang)
		}

		_, text = card(byChannel("phone", ""))
		has("phone", text, loc.T("card.call_from", "name", p("inspector").Name.Get(l)), p("inspector").Outlet.Get(l), loc.T("card.transcript"),
			loc.T("team.to", "roles", sc.Roles[1].Label.Get(l)))

		_, text = card(byChannel("email", ""))
		subject, body, _ := strings.Cut(byChannel("email", "").Text.Get(l), "\n")
		has("email", text, loc.T("card.from")+"  "+loc.T("card.name_outlet", "name", p("reporter").Name.Get(l), "outlet", p("reporter").Outlet.Get(l)),
			loc.T("card.to")+"  "+sc.Roles[0].Label.Get(l), loc.T("card.subject")+"  "+subject, body)

		_, text = card(byChannel("memo", ""))
		subject, _, _ = strings.Cut(byChannel("memo", "").Text.Get(l), "\n")
		has("memo", text, loc.T("card.memo_title"), p("ceo").Name.Get(l), loc.T("card.to")+"  "+loc.T("card.to_team"), subject)

		// A message with only from: the email names it as sent.
		_, text = card(byChannel("customer", ""))
		has("customer", text, loc.T("card.from")+"  "+injects[6].From.Get(l), loc.T("card.subject"))
	}
}

// In play, the team's inbox and feed name the personas: the cards drawn
// from the exercise carry the persona's name, and its avatar picture from
// the exercise's pictures (decoded off the UI goroutine).
func TestTheTeamSeesThePersonas(t *testing.T) {
	clock := engine.NewFakeClock()
	h := newHost(t)
	st := uitest.OpenStore(t)
	entry := uitest.EngineEntry(t, "channels.yaml")
	ex := showRun(h, Config{}, uitest.StartEntry(t, st, clock, entry, 7, "Alpha"))
	uiq := uitest.QueueUI(t)
	test.Tap(ex.console.pauseButton)
	uiq.Pump()
	advance(t, ex, clock, 3*time.Minute)
	uiq.Pump()
	tv := ex.team(0)
	card := cardOf(t, tv, "My son was sick after your juice.")
	if text := tree.AllText(card); !strings.Contains(text, "Chen Jing") || !strings.Contains(text, "@ChenJing_mum") {
		t.Errorf("the post's card does not name its persona:\n%s", text)
	}
	av := tree.Find[*ui.Avatar](t, card)
	if len(av) != 1 {
		t.Fatalf("%d avatars on the card", len(av))
	}
	for range 500 {
		if uiq.Pump(); av[0].HasPicture() {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !av[0].HasPicture() {
		t.Error("the persona's avatar picture was never drawn")
	}
	feed := tree.AllText(tv.feed.box)
	if !strings.Contains(feed, "@FoodTruth") && !strings.Contains(feed, "Tidewater Daily") {
		t.Errorf("the feed names no persona:\n%s", feed)
	}
}

func TestSplitHeadline(t *testing.T) {
	long := "Follow-up report: 'Every Lotus Lane in Yunhe shut by order.' Shots of closure notices on shuttered doors; delivery platforms have removed the brand."
	cases := []struct{ text, head, body string }{
		{"Title\nBody line", "Title", "Body line"},
		{"A short line.", "A short line.", ""},
		{long, "Follow-up report: 'Every Lotus Lane in Yunhe shut by order.'", "Shots of closure notices on shuttered doors; delivery platforms have removed the brand."},
		{"追踪报道：《荷巷小馆云河全部门店被责令停业》。画面里是一扇扇拉下的卷帘门和门上的停业通知；外卖平台已在全市下架该品牌。主持人说：“一家不肯开口的企业，现在连灶也不能开了。”",
			"追踪报道：《荷巷小馆云河全部门店被责令停业》。", "画面里是一扇扇拉下的卷帘门和门上的停业通知；外卖平台已在全市下架该品牌。主持人说：“一家不肯开口的企业，现在连灶也不能开了。”"},
		{"Sales fell 3.5 percent in the quarter while the company kept silent about the cause of the outage. More follows.",
			"Sales fell 3.5 percent in the quarter while the company kept silent about the cause of the outage.", "More follows."},
	}
	for _, c := range cases {
		if h, b := splitHeadline(c.text); h != c.head || b != c.body {
			t.Errorf("splitHeadline(%q) = %q, %q; want %q, %q", c.text, h, b, c.head, c.body)
		}
	}
}
