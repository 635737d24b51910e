package play

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// startTriage shows triage.yaml for Alpha and Bravo with the clock running:
// the decision "first" opens at 0:00 with a feed of five posts.
func startTriage(t *testing.T) (*host, *Screen, *engine.FakeClock) {
	t.Helper()
	clock := engine.NewFakeClock()
	h := newHost(t)
	ex := showRun(h, Config{}, uitest.StartEntry(t, uitest.OpenStore(t), clock, uitest.EngineEntry(t, "triage.yaml"), 7, "Alpha", "Bravo"))
	test.Tap(ex.console.pauseButton)
	advance(t, ex, clock, time.Second)
	return h, ex, clock
}

// triageSelects are the class and action selects the view shows, post by
// post in the order shown.
// alphaIn1024 opens Alpha's view, in English, in win at 1024×600.
func alphaIn1024(t *testing.T, ex *Screen, win fyne.Window) *TeamView {
	t.Helper()
	tv := newTeamView(ex.run.Session, "Alpha", win, i18n.New(i18n.EN))
	t.Cleanup(tv.Close)
	win.SetContent(tv.root)
	win.Resize(fyne.NewSize(1024, 600))
	tv.Refresh()
	return tv
}

// alphaInChinese closes Alpha's view tv and opens it again in Chinese in
// win, with tv's drafts, as a language switch does.
func alphaInChinese(t *testing.T, ex *Screen, win fyne.Window, tv *TeamView) *TeamView {
	t.Helper()
	drafts := tv.Drafts()
	tv.Close()
	zh := newTeamView(ex.run.Session, "Alpha", win, i18n.New(i18n.ZH))
	t.Cleanup(zh.Close)
	win.SetContent(zh.root)
	zh.Refresh()
	zh.RestoreDrafts(drafts)
	zh.Refresh()
	return zh
}

func triageSelects(t *testing.T, tv *TeamView) []*widget.Select {
	t.Helper()
	return tree.Find[*widget.Select](t, tv.decisions)
}

// A team triages the feed before it chooses: the options wait, the send
// button waits for every post's class and action and says how many are
// left, the triage is stored once with the marks picked, the card then
// says when and shows the team's marks, the options open, and the console
// says who has triaged.
func TestATeamTriagesTheFeedBeforeChoosing(t *testing.T) {
	h, ex, _ := startTriage(t)
	tv := ex.team(0)
	loc := h.loc
	for _, b := range tv.optionButtons["first"] {
		if !b.Disabled() {
			t.Fatal("an option can be chosen before the feed is triaged")
		}
	}
	text := tree.AllText(tv.decisions)
	for _, want := range []string{loc.T("triage.title"), loc.T("triage.first"), "@blogger", "Who can I talk to?",
		loc.T("triage.left", "left", 5, "total", 5)} {
		if !strings.Contains(text, want) {
			t.Errorf("the card does not say %q:\n%s", want, text)
		}
	}
	sels := triageSelects(t, tv)
	if len(sels) != 10 {
		t.Fatalf("%d selects, want a class and an action for each of 5 posts", len(sels))
	}
	send := tree.FindButton(t, tv.decisions, loc.T("triage.send"))
	if !send.Disabled() {
		t.Error("the triage can be sent with no post marked")
	}
	var feed *engine.TriageFeed
	ex.run.Session.Read(func(st *engine.State) { feed = st.Team("Alpha").TriageOf("first") })
	// Every post right but the first shown: a troll's class for it.
	for i, p := range feed.Posts {
		class, action := p.Class, p.Needs
		if i == 0 {
			class = "troll"
			if p.Class == "troll" {
				class = "rumour"
			}
		}
		sels[2*i].SetSelected(loc.T("triage.class." + class))
		if i < len(feed.Posts)-1 {
			sels[2*i+1].SetSelected(loc.T("triage.action." + action))
		}
	}
	if !send.Disabled() || !strings.Contains(tree.AllText(tv.decisions), loc.T("triage.left", "left", 1, "total", 5)) {
		t.Error("with one action missing the triage can be sent, or the card does not say one post is left")
	}
	last := feed.Posts[len(feed.Posts)-1]
	sels[len(sels)-1].SetSelected(loc.T("triage.action." + last.Needs))
	if send.Disabled() || !strings.Contains(tree.AllText(tv.decisions), loc.T("triage.ready")) {
		t.Fatal("every post marked, the triage still cannot be sent")
	}
	test.Tap(send)

	var runs []engine.TriageRun
	ex.run.Session.Read(func(st *engine.State) { runs = st.Team("Alpha").Triages })
	if len(runs) != 1 || runs[0].Missing || len(runs[0].Marks) != 5 {
		t.Fatalf("Alpha's triages: %+v", runs)
	}
	if m, _ := runs[0].Mark(feed.Posts[0].ID); m.Class == feed.Posts[0].Class || m.Action != feed.Posts[0].Needs {
		t.Errorf("the first post's mark: %+v", m)
	}
	if m, _ := runs[0].Mark(last.ID); m.Class != last.Class || m.Action != last.Needs {
		t.Errorf("the last post's mark: %+v", m)
	}
	ex.refresh()
	text = tree.AllText(tv.decisions)
	if !strings.Contains(text, loc.T("triage.sent", "time", "00:00:01")) || strings.Contains(text, loc.T("triage.send")) {
		t.Errorf("after sending, the card says:\n%s", text)
	}
	if !strings.Contains(text, loc.T("triage.your_mark", "class", loc.T("triage.class."+last.Class), "action", loc.T("triage.action."+last.Needs))) {
		t.Errorf("the card does not show the team's marks:\n%s", text)
	}
	for _, b := range tv.optionButtons["first"] {
		if b.Disabled() {
			t.Error("an option still waits after the triage was sent")
		}
	}
	console := tree.AllText(ex.console.teams)
	if !strings.Contains(console, loc.T("triage.console_done", "time", "00:00:01")) || !strings.Contains(console, loc.T("triage.console_waiting")) {
		t.Errorf("the console does not say Alpha triaged and Bravo not yet:\n%s", console)
	}
}

// A refused triage (here: the decision closed meanwhile, as a slow laptop
// would find) is said beside the send button in the UI's language, and the
// marks stay.
func TestARefusedTriageIsSaidOnTheCard(t *testing.T) {
	h, ex, _ := startTriage(t)
	tv := ex.team(0)
	var feed *engine.TriageFeed
	ex.run.Session.Read(func(st *engine.State) { feed = st.Team("Alpha").TriageOf("first") })
	// Send the same marks twice: the second is refused as already made.
	marks := engine.PerfectTriage(feed.Decision.Triage)
	if err := ex.run.Session.Send(engine.Command{Kind: engine.CmdTriage, Team: "Alpha", Decision: "first", Triage: marks}); err != nil {
		t.Fatal(err)
	}
	d := tv.triageDraft("first", feed)
	for _, p := range feed.Posts {
		d.class[p.ID], d.action[p.ID] = p.Class, p.Needs
	}
	tv.sendTriage("first", feed, d)
	want := h.loc.T("triage.refused", "reason", "the team had already triaged this feed")
	if d.refused != want {
		t.Errorf("refusal %q, want %q", d.refused, want)
	}
}

// The feed in Chinese: the titles, the classes and actions in the selects,
// a post's reach and age in Chinese words, the scenario's Chinese text.
func TestTheTriageInChinese(t *testing.T) {
	_, ex, _ := startTriage(t)
	win := uitest.Window(t)
	tv := newTeamView(ex.run.Session, "Bravo", win, i18n.New(i18n.ZH))
	t.Cleanup(tv.Close)
	win.SetContent(tv.root)
	tv.Refresh()
	text := tree.AllText(tv.decisions)
	for _, want := range []string{"舆情研判：先研判信息流", "请先完成上方的研判", "触达40万 · 30分钟前", "5条帖子中还有5条"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Chinese card does not say %q:\n%s", want, text)
		}
	}
	sels := triageSelects(t, tv)
	if len(sels) != 10 || strings.Join(sels[0].Options, "、") != "谣言、真实投诉、记者、恶意挑衅" ||
		strings.Join(sels[1].Options, "、") != "立即回应、持续关注、不予理会" {
		t.Errorf("the Chinese selects: %v, %v", sels[0].Options, sels[1].Options)
	}
}

// The feed fits a 1024×600 window: no select or button is wider than the
// team view's column.
func TestTheTriageFitsTheSmallWindow(t *testing.T) {
	_, ex, _ := startTriage(t)
	win := uitest.Window(t)
	tv := alphaIn1024(t, ex, win)
	col := tv.leftScroll.Size().Width
	for _, s := range triageSelects(t, tv) {
		if s.Size().Width > col/2+1 {
			t.Errorf("a select is %v wide in a column of %v", s.Size().Width, col)
		}
	}
	for _, b := range tree.Find[*ui.KeyButton](t, tv.decisions) {
		if b.Size().Width > col {
			t.Errorf("button %q is %v wide in a column of %v", b.Text, b.Size().Width, col)
		}
	}
}

// The feed is usable with the keyboard: Tab reaches a post's class select,
// Space opens it, Down and Return pick a class, and Tab goes on to its
// action select.
func TestTheTriageWithTheKeyboard(t *testing.T) {
	_, ex, _ := startTriage(t)
	win := uitest.Window(t)
	tv := alphaIn1024(t, ex, win)
	sels := triageSelects(t, tv)
	c := win.Canvas()
	for range 200 {
		if c.Focused() == sels[0] {
			break
		}
		c.FocusNext()
	}
	if c.Focused() != sels[0] {
		t.Fatal("Tab never reaches the first post's class select")
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	for _, k := range []fyne.KeyName{fyne.KeyDown, fyne.KeyDown, fyne.KeyReturn} {
		if f := c.Focused(); f != nil {
			f.TypedKey(&fyne.KeyEvent{Name: k})
		}
	}
	// The menu opens on no item: Down goes to the first, Down again to the
	// second, "Genuine complaint"; the draft takes it.
	if sels[0].SelectedIndex() != 1 {
		t.Fatalf("Space, Down, Down, Return picked %d (focused %T)", sels[0].SelectedIndex(), c.Focused())
	}
	var feed *engine.TriageFeed
	ex.run.Session.Read(func(st *engine.State) { feed = st.Team("Alpha").TriageOf("first") })
	if got := tv.triage.drafts["first"].class[feed.Posts[0].ID]; got != "complaint" {
		t.Errorf("the draft has %q for the first post", got)
	}
	c.Focus(sels[0])
	c.FocusNext()
	if c.Focused() != sels[1] {
		t.Errorf("Tab from the class select goes to %T, not the post's action select", c.Focused())
	}
}

// A language switch rebuilds the view: the marks being picked go with the
// view's drafts and come back in the new view's selects.
func TestTriageMarksSurviveALanguageSwitch(t *testing.T) {
	_, ex, _ := startTriage(t)
	win := uitest.Window(t)
	tv := newTeamView(ex.run.Session, "Alpha", win, i18n.New(i18n.EN))
	win.SetContent(tv.root)
	tv.Refresh()
	sels := triageSelects(t, tv)
	sels[0].SetSelectedIndex(3) // troll
	sels[1].SetSelectedIndex(2) // ignore
	sels[3].SetSelectedIndex(0) // the second post: answer, no class yet
	zh := alphaInChinese(t, ex, win, tv)
	got := triageSelects(t, zh)
	if got[0].Selected != "恶意挑衅" || got[1].Selected != "不予理会" || got[2].SelectedIndex() >= 0 || got[3].Selected != "立即回应" {
		t.Errorf("after the switch: %q %q %q %q", got[0].Selected, got[1].Selected, got[2].Selected, got[3].Selected)
	}
}

// The posts marked "answer now" are listed in the team's order under the
// feed, first at the top: a post joins at the end when it is marked
// answer, leaves when it is not; Up and Down move it (reachable with Tab,
// pressed with Space, the focus following the post moved); the triage is
// sent with each answer's place, and the card then says it.
func TestATeamOrdersItsAnswers(t *testing.T) {
	_, ex, _ := startTriage(t)
	win := uitest.Window(t)
	tv := alphaIn1024(t, ex, win)
	loc := tv.loc
	var feed *engine.TriageFeed
	ex.run.Session.Read(func(st *engine.State) { feed = st.Team("Alpha").TriageOf("first") })
	sels := triageSelects(t, tv)
	if strings.Contains(tree.AllText(tv.decisions), loc.T("triage.order_title")) {
		t.Error("the order is shown before any post is marked answer")
	}
	// Every post right, the answers picked in the order shown.
	var answered []*scenario.TriagePost
	for i, p := range feed.Posts {
		sels[2*i].SetSelected(loc.T("triage.class." + p.Class))
		sels[2*i+1].SetSelected(loc.T("triage.action." + p.Needs))
		if p.Needs == scenario.ActionAnswer {
			answered = append(answered, p)
		}
	}
	d := tv.triage.drafts["first"]
	if len(answered) != 3 || len(d.order) != 3 {
		t.Fatalf("answered %d, order %v", len(answered), d.order)
	}
	for i, p := range answered {
		if d.order[i] != p.ID {
			t.Fatalf("order %v, want the answered posts in the order shown", d.order)
		}
		want := loc.T("triage.order_item", "n", i+1, "author", p.Author.Get("en"))
		if !strings.Contains(tree.AllText(tv.decisions), want) {
			t.Errorf("the order does not list %q", want)
		}
	}
	if !d.rows[0].up.Disabled() || d.rows[0].down.Disabled() || !d.rows[2].down.Disabled() || d.rows[2].up.Disabled() {
		t.Error("the first row can move up, or the last down")
	}
	// The keyboard: Tab reaches the last row's Up; Space moves the post up
	// to the second place, and the focus goes with it.
	c := win.Canvas()
	for range 300 {
		if c.Focused() == d.rows[2].up {
			break
		}
		c.FocusNext()
	}
	if c.Focused() != d.rows[2].up {
		t.Fatal("Tab never reaches the last answer's Up button")
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if want := []string{answered[0].ID, answered[2].ID, answered[1].ID}; !slices.Equal(d.order, want) {
		t.Fatalf("after Up on the third: %v, want %v", d.order, want)
	}
	if c.Focused() != d.rows[1].up {
		t.Errorf("the focus is on %T, not the moved post's Up", c.Focused())
	}
	// Up again: the post is first; its Up disabled, the focus on Down.
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if c.Focused() != d.rows[0].down || d.order[0] != answered[2].ID {
		t.Errorf("after a second Up: order %v, focus %T", d.order, c.Focused())
	}
	// An event's redraw keeps the rows and the focus on them.
	tv.shownSeq = -1
	tv.Refresh()
	if c.Focused() != d.rows[0].down || !tree.Holds(t, tv.decisions, d.rows[0].down) {
		t.Error("a redraw took the focus off the order, or dropped its rows")
	}
	// The old first one, no longer answered, leaves; answered again, it
	// joins at the end.
	i0 := slices.IndexFunc(feed.Posts, func(p *scenario.TriagePost) bool { return p.ID == answered[0].ID })
	sels[2*i0+1].SetSelected(loc.T("triage.action.monitor"))
	if want := []string{answered[2].ID, answered[1].ID}; !slices.Equal(d.order, want) || len(d.rows) != 2 {
		t.Fatalf("after monitoring %s: %v, want %v", answered[0].ID, d.order, want)
	}
	sels[2*i0+1].SetSelected(loc.T("triage.action.answer"))
	want := []string{answered[2].ID, answered[1].ID, answered[0].ID}
	if !slices.Equal(d.order, want) {
		t.Fatalf("answered again: %v, want %v", d.order, want)
	}
	test.Tap(tree.FindButton(t, tv.decisions, loc.T("triage.send")))
	var runs []engine.TriageRun
	ex.run.Session.Read(func(st *engine.State) { runs = st.Team("Alpha").Triages })
	if len(runs) != 1 || !runs[0].Ordered {
		t.Fatalf("Alpha's triages: %+v", runs)
	}
	for i, id := range want {
		if m, _ := runs[0].Mark(id); m.Rank != i+1 {
			t.Errorf("%s sent with place %d, want %d", id, m.Rank, i+1)
		}
	}
	tv.Refresh()
	if !strings.Contains(tree.AllText(tv.decisions), loc.T("triage.your_place", "n", 3)) {
		t.Errorf("the card does not say the team's order:\n%s", tree.AllText(tv.decisions))
	}
}

// The order survives a language switch with the marks.
func TestTriageOrderSurvivesALanguageSwitch(t *testing.T) {
	_, ex, _ := startTriage(t)
	win := uitest.Window(t)
	tv := newTeamView(ex.run.Session, "Alpha", win, i18n.New(i18n.EN))
	win.SetContent(tv.root)
	tv.Refresh()
	sels := triageSelects(t, tv)
	sels[1].SetSelectedIndex(0) // the first post: answer
	sels[3].SetSelectedIndex(0) // the second post: answer
	d := tv.triage.drafts["first"]
	test.Tap(d.rows[1].up) // the second first
	want := slices.Clone(d.order)
	zh := alphaInChinese(t, ex, win, tv)
	got := zh.triage.drafts["first"]
	if !slices.Equal(got.order, want) || len(got.rows) != 2 {
		t.Fatalf("order after the switch %v, want %v", got.order, want)
	}
	text := tree.AllText(zh.decisions)
	if !strings.Contains(text, "回应顺序") || !strings.Contains(text, "上移") {
		t.Errorf("the Chinese order:\n%s", text)
	}
}
