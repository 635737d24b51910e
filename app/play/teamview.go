package play

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/rubric"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// TeamView is what one team sees: its world (meters with a chart of the
// last minutes), its inbox and the simulated public's feed, newest first,
// and the decision waiting for it, with live rubric feedback on a
// statement being drafted. It talks to the exercise only through
// engine.Conn, so the same view can later run on a team laptop with the
// exercise across a network.
//
// UI labels are in the UI language; scenario text (injects, prompts,
// options) is in the exercise's language, chosen at setup for the
// participants.
type TeamView struct {
	conn engine.Conn
	team string
	win  fyne.Window
	loc  *i18n.Localizer

	cancel   func()
	redraw   ui.Coalescer
	closed   bool
	shownSeq int64 // state the lists were last built from; -1 forces a rebuild

	root        fyne.CanvasObject
	cases       *casesPanel // the customer cases (cases.go)
	leftScroll  *container.Scroll
	inboxScroll *container.Scroll
	paused      *ui.Banner
	outcome     *ui.WrapLabel // the ending's outcome, wrapped below the ending banner
	holdChoices bool          // the clock is paused: choices wait
	// held are choices on their way that a paused clock refused: they go
	// again when it runs (team laptops, whose choices are kept pending).
	held          map[string]engine.Command
	clock         *ui.GlyphText // a character at a time: it changes every second
	ending        *ui.Banner
	decisions     *fyne.Container
	history       *fyne.Container
	inbox         *fyne.Container
	countdowns    []*ui.Countdown
	optionButtons map[string][]*ui.KeyButton // by decision id, in the order shown
	shownOpen     map[string]bool            // the open decisions drawn last; nil before the first draw
	channelSelect *widget.Select
	channel       string            // shown channel, "" for all
	roleSelect    *widget.Select    // nil when the scenario has no roles
	role          string            // shown role, "" for everyone
	roles         []*scenario.Role  // the scenario's roles, in file order
	lastInbox     []engine.Delivery // as last read, for redrawing under another filter
	pictures      map[string][]byte // the scenario's pictures, by path (engine.State.Media)
	inboxShown    int               // how many of the newest matching messages the inbox shows
	lastLang      string

	meters   *ui.WorldMeters // nil when the scenario has no world variables
	feed     *feedList
	tabs     *container.AppTabs // inbox and feed
	feedTab  *container.TabItem
	feedSeen int // posts in the feed when the team last looked at it
	// onFeedSeen hears how many posts the team has seen when it looks at
	// the feed (the exercise screen keeps it for a rebuild and a resume).
	onFeedSeen func(n int)
	feedLen    int

	confirm         *dialog.ConfirmDialog // the choice being confirmed, if any
	confirmDecision string

	// Statement drafts of open decisions that ask for one, by decision id.
	// The entries are kept across rebuilds (an inject arriving while the
	// team types must not wipe or unfocus the draft).
	statements map[string]*statementDraft
	scenario   *scenario.Scenario
	lang       string // the exercise's language (statements are judged in it)

	// sendAsync sends choices off the UI goroutine: over a network, a
	// choice waits for the facilitator's laptop to store it, and is sent
	// again (once applied) for as long as the connection is down.
	sendAsync bool
	// background runs a local choice's Send (its fsync) off the UI
	// goroutine (the screen's runner).
	background func(func())
	sending    map[string]bool // decisions whose choice is on its way
	// pending, when set, hears of a choice on its way (done false) and of
	// its settling (done true): a team laptop keeps unsettled choices to
	// send again after a restart.
	pending func(cmd engine.Command, done bool)

	// The answers being written to injects, by inject id (reply.go); kept
	// across the inbox's redraws and, as drafts, a rebuild.
	replies     map[string]*replyBox
	lastReplies []engine.Reply // the team's replies as last read
	post        *postBox       // the composer for the channels (post.go); nil without a feed
	triage      triageState    // the social-listening feeds of open decisions (triage.go)
	ended       bool           // the team has finished: nothing more to answer
}

// statementDraft is the entry a team writes a statement in, with its
// checklist of required facts.
type statementDraft struct {
	entry  *ui.SendEntry
	checks []*widget.Icon // per required fact
	rubric *rubricView
}

// teamSnapshot is the part of the state a team view draws, copied under
// Read (the state must not be kept). Scenario objects are immutable once
// loaded, so pointers to them are safe to keep.
type teamSnapshot struct {
	found      bool
	lang       string
	seq        int64
	paused     bool
	discussion bool // a discussion pause: choices still count
	duration   time.Duration
	inbox      []engine.Delivery
	open       []engine.OpenDecision
	answers    []engine.Answer
	ended      bool
	ending     *scenario.Phase
	scenario   *scenario.Scenario
	world      map[string]float64
	worldAt    time.Duration // exercise time of the latest event
	feed       []engine.FeedItem
	replies    []engine.Reply
	pictures   map[string][]byte // the scenario's pictures (engine.State.Media: read only)
	triage     triageSnap
}

// newTeamViewWith makes a team view that keeps the world's history in
// history (the exercise screen keeps it across a language switch).
func newTeamViewWith(conn engine.Conn, team string, win fyne.Window, loc *i18n.Localizer, history *ui.WorldHistory) *TeamView {
	tv := &TeamView{conn: conn, team: team, win: win, loc: loc, shownSeq: -1, statements: map[string]*statementDraft{}}
	tv.paused = ui.NewBanner(loc.T("console.paused_banner"), theme.Color(theme.ColorNameError))
	tv.ending = ui.NewBanner("", theme.Color(theme.ColorNamePrimary))
	// The ending's outcome is a paragraph: it wraps below the banner (an
	// unwrapped banner would widen the window to the whole paragraph).
	tv.outcome = ui.Wrapped("")
	tv.outcome.TextStyle.Bold = true
	tv.outcome.Hide()
	tv.clock = ui.NewGlyphText("")
	tv.clock.TextStyle = fyne.TextStyle{Monospace: true, Bold: true}
	tv.clock.TextSize = theme.Size(theme.SizeNameSubHeadingText)
	// Padded as a label's text is.
	in := theme.Size(theme.SizeNameInnerPadding)
	clockBox := container.NewCenter(container.New(layout.NewCustomPaddedLayout(0, 0, in, in), tv.clock))
	tv.decisions = container.NewVBox()
	tv.history = container.NewVBox()
	tv.inbox = container.NewVBox()

	top := container.NewVBox(
		container.NewBorder(nil, nil, ui.Heading(loc.T("team.title", "team", team)), clockBox),
		tv.paused.Box, tv.ending.Box, tv.outcome)
	var vars []*scenario.Variable
	lang := loc.Lang().String()
	canPost := false
	conn.Read(func(st *engine.State) {
		vars = st.Scenario.World
		tv.roles = st.Scenario.Roles
		canPost = st.Scenario.Feed != nil
		tv.lang = st.Lang
		if st.Lang != "" {
			lang = st.Lang
		}
	})
	var metersScroll *container.Scroll
	if len(vars) > 0 {
		// The world across the top: the team sees what its choices do.
		tv.meters = ui.NewWorldMeters(vars, history, 5, lang)
		metersScroll = container.NewVScroll(tv.meters.Box)
	}
	left := container.NewVScroll(container.NewPadded(container.NewVBox(tv.pressPanel(), tv.casesPanel(),
		ui.Heading(loc.T("team.open_decision")), tv.decisions,
		widget.NewSeparator(),
		ui.Heading(loc.T("team.your_decisions")), tv.history)))
	tv.leftScroll = left
	// A filter by channel: "what did the regulator say?" is a common
	// question in a busy inbox.
	channelLabels := []string{loc.T("team.all_channels")}
	for _, ch := range scenario.Channels {
		channelLabels = append(channelLabels, ui.ChannelName(loc, ch))
	}
	tv.channelSelect = widget.NewSelect(channelLabels, func(string) {
		if i := tv.channelSelect.SelectedIndex(); i > 0 {
			tv.channel = scenario.Channels[i-1]
		} else {
			tv.channel = ""
		}
		tv.drawInbox()
	})
	tv.channelSelect.SetSelectedIndex(0)
	filters := container.NewHBox(tv.channelSelect)
	if len(tv.roles) > 0 {
		// And by role: each person at the laptop follows their own part
		// (the spokesperson, legal…); an inject for the whole team shows
		// under every role.
		roleLabels := []string{loc.T("team.all_roles")}
		for _, r := range tv.roles {
			roleLabels = append(roleLabels, r.Label.Get(lang))
		}
		tv.roleSelect = widget.NewSelect(roleLabels, func(string) {
			if i := tv.roleSelect.SelectedIndex(); i > 0 {
				tv.role = tv.roles[i-1].ID
			} else {
				tv.role = ""
			}
			tv.drawInbox()
		})
		tv.roleSelect.SetSelectedIndex(0)
		filters = container.NewHBox(tv.roleSelect, tv.channelSelect)
	}
	inboxHead := container.NewBorder(nil, nil, ui.Heading(loc.T("team.inbox")), filters)
	tv.inboxScroll = container.NewVScroll(container.NewPadded(tv.inbox))
	inbox := container.NewBorder(container.NewPadded(inboxHead), nil, nil, nil, tv.inboxScroll)
	// The feed beside the inbox: what the public says, as opposed to what
	// reaches the team directly.
	tv.feed = newFeedList(loc)
	postButton, composer := tv.postSection(canPost)
	feedScroll := container.NewVScroll(container.NewPadded(container.NewVBox(composer, ui.Muted(loc.T("feed.help")), tv.feed.box)))
	if tv.post != nil {
		tv.post.scroll = feedScroll
	}
	feed := container.NewBorder(container.NewPadded(container.NewBorder(nil, nil, nil, postButton, ui.Heading(loc.T("feed.title")))),
		nil, nil, nil, feedScroll)
	tv.feedTab = container.NewTabItemWithIcon(loc.T("feed.tab"), theme.MailForwardIcon(), feed)
	tv.tabs = container.NewAppTabs(container.NewTabItemWithIcon(loc.T("team.inbox"), theme.MailComposeIcon(), inbox), tv.feedTab)
	tv.tabs.OnSelected = func(*container.TabItem) { tv.markFeed() }
	split := container.NewHSplit(left, tv.tabs)
	split.Offset = 0.45
	head := fyne.CanvasObject(container.NewPadded(top))
	if metersScroll != nil {
		head = container.NewPadded(container.NewBorder(top, nil, nil, nil, metersScroll))
	}
	tv.root = container.New(&teamLayout{meters: tv.meters, metersScroll: metersScroll}, head, split)

	tv.cancel = conn.Subscribe(func(engine.Event) { tv.redraw.Request(tv.Refresh) })
	tv.Refresh()
	// Posts already there when the view opens (a resume, a language
	// switch) are not news.
	tv.feedSeen = tv.feedLen
	tv.markFeed()
	return tv
}

// Remote is how a team view on a team laptop sends its choices: off the UI
// goroutine, each with an id that the facilitator's laptop applies once
// however often it arrives, and again for as long as the connection is
// down.
type Remote struct {
	// Sending are the decisions whose choice is on its way, shared by the
	// views that follow one another on the laptop (a language switch makes
	// a new one): a choice on its way keeps its decision's buttons disabled
	// in the new view too.
	Sending map[string]bool
	// Pending hears of a choice on its way (done false) and of its settling
	// (done true): a team laptop keeps unsettled choices to send again
	// after a restart.
	Pending func(cmd engine.Command, done bool)
}

// NewRemoteTeamView makes the view of a team playing on its own laptop,
// the exercise across the network (conn), keeping the world's history in
// history (kept across a language switch).
func NewRemoteTeamView(conn engine.Conn, team string, win fyne.Window, loc *i18n.Localizer, history *ui.WorldHistory, r Remote) *TeamView {
	tv := newTeamViewWith(conn, team, win, loc, history)
	tv.sendAsync = true
	tv.sending = r.Sending
	tv.pending = r.Pending
	tv.shownSeq = -1 // drawn before it knew what is on its way: draw again
	return tv
}

// Root is the view's content, to put in a screen.
func (tv *TeamView) Root() fyne.CanvasObject { return tv.root }

// Channel is the channel whose injects the inbox shows ("" for all).
func (tv *TeamView) Channel() string { return tv.channel }

// Stale makes the next Refresh draw the lists again even though the state
// has not moved on (a choice on its way settled).
func (tv *TeamView) Stale() { tv.shownSeq = -1 }

// Resend sends again a choice that a previous run of the app left on its
// way, with its id (cmd.Ref): the facilitator's laptop applies it once.
func (tv *TeamView) Resend(cmd engine.Command) {
	if cmd.Kind == engine.CmdReply || cmd.Kind == engine.CmdPost || cmd.Kind == engine.CmdAnswer || cmd.Kind == engine.CmdTriage {
		tv.sendReplyCmd(cmd, nil) // the card or the feed lists it once it is stored
		return
	}
	tv.send(cmd)
}

// setFeedSeen says how many of the feed's posts the team had seen (before
// a language switch or a resume), so the unread count goes on from there.
func (tv *TeamView) setFeedSeen(n int) {
	tv.feedSeen = min(max(n, 0), tv.feedLen)
	tv.markFeed()
}

// Close stops listening to the exercise and drops an unanswered
// confirmation.
func (tv *TeamView) Close() {
	tv.closed = true
	tv.cancel()
	for _, sd := range tv.statements {
		sd.rubric.stop()
	}
	if tv.post != nil {
		tv.post.rubric.stop()
	}
	if tv.confirm != nil {
		tv.confirm.Hide()
		tv.confirm = nil
	}
}

func (tv *TeamView) snapshot() teamSnapshot {
	var s teamSnapshot
	tv.conn.Read(func(st *engine.State) {
		t := st.Team(tv.team)
		if t == nil {
			return
		}
		s = teamSnapshot{found: true, lang: st.Lang, seq: st.Seq, paused: st.Paused && !st.Ended, discussion: st.Discussion,
			duration: st.Scenario.Duration, inbox: slices.Clone(t.Inbox), open: slices.Clone(t.Open),
			answers: slices.Clone(t.Answers), ended: t.Ended || st.Ended, scenario: st.Scenario,
			world: maps.Clone(t.World), worldAt: st.Now, feed: slices.Clone(t.Feed), replies: slices.Clone(t.Replies),
			pictures: st.Media, triage: readTriage(t)}
		if t.Ending != "" {
			s.ending = st.Scenario.Phase(t.Ending)
		}
	})
	if s.lang == "" {
		s.lang = tv.loc.Lang().String()
	}
	return s
}

// Refresh redraws the view: the clock and countdowns every time (it runs
// once a second), the lists only when the state has moved on.
func (tv *TeamView) Refresh() {
	if tv.closed {
		return
	}
	s := tv.snapshot()
	now := tv.conn.ExerciseTime()
	if clock := debrief.Clock(now) + " / " + debrief.Clock(s.duration); tv.clock.Text != clock {
		tv.clock.SetText(clock) // only the characters that changed
	}
	tv.paused.ShowPause(s.paused, s.discussion, tv.loc.T("team.paused_banner"), tv.loc.T("team.discussion_banner"))
	if s.seq != tv.shownSeq {
		tv.shownSeq = s.seq
		tv.rebuild(s)
	}
	if len(tv.held) > 0 && (!s.paused || s.discussion) && !s.ended {
		held := tv.held
		tv.held = nil
		for _, cmd := range held {
			tv.send(cmd)
		}
	}
	for _, c := range tv.countdowns {
		c.SetNow(now)
	}
	if tv.meters != nil && s.found {
		tv.meters.Update(s.world, s.worldAt, now)
	}
	// A decision that closed (deadline, or the exercise ended) while its
	// choice was being confirmed cannot be chosen any more.
	if tv.confirm != nil && !slices.ContainsFunc(s.open, func(o engine.OpenDecision) bool { return o.Decision.ID == tv.confirmDecision }) {
		tv.confirm.Hide()
		tv.confirm = nil
	}
}

func (tv *TeamView) rebuild(s teamSnapshot) {
	loc := tv.loc
	// Ending.
	switch {
	case !s.ended:
		tv.ending.SetVisible(false)
		tv.outcome.Hide()
	case s.ending != nil && s.ending.Ending != nil:
		tv.ending.Text.Text = loc.T("team.ending_reached")
		tv.ending.SetVisible(true)
		tv.outcome.SetText(s.ending.Ending.Outcome.Get(s.lang))
		tv.outcome.Show()
	default:
		tv.ending.Text.Text = loc.T("team.ended")
		tv.ending.SetVisible(true)
		tv.outcome.Hide()
	}
	tv.ending.Text.Refresh()

	// Open decisions. Drafts of decisions no longer open are dropped.
	tv.scenario, tv.lang = s.scenario, s.lang
	// While the clock is paused a choice would be refused (unless the
	// facilitator made it a discussion pause): the buttons say so by waiting.
	tv.holdChoices = s.paused && !s.discussion && !s.ended
	tv.countdowns = nil
	tv.optionButtons = map[string][]*ui.KeyButton{}
	for id := range tv.statements {
		if !slices.ContainsFunc(s.open, func(o engine.OpenDecision) bool { return o.Decision.ID == id }) {
			tv.statements[id].rubric.stop()
			delete(tv.statements, id)
		}
	}
	tv.setTriage(s.triage)
	var cards []fyne.CanvasObject
	opened := false // a decision the view has not shown yet
	shown := map[string]bool{}
	for _, od := range s.open {
		cards = append(cards, tv.decisionCard(od, s.lang))
		shown[od.Decision.ID] = true
		opened = opened || tv.shownOpen != nil && !tv.shownOpen[od.Decision.ID]
	}
	tv.shownOpen = shown
	if len(cards) == 0 {
		msg := loc.T("team.waiting")
		if s.ended {
			msg = loc.T("team.no_more_decisions")
		}
		cards = append(cards, ui.Muted(msg))
	}
	tv.decisions.Objects = cards
	tv.decisions.Refresh()

	// Decisions taken, latest first.
	var hist []fyne.CanvasObject
	for i := len(s.answers) - 1; i >= 0; i-- {
		a := s.answers[i]
		var line string
		switch {
		case a.Option != nil:
			line = loc.T("team.chosen_at", "option", a.Option.Text.Get(s.lang), "time", debrief.Clock(a.At))
		case a.TimedOut:
			line = loc.T("team.timed_out")
		default:
			line = loc.T("team.left_open")
		}
		card := []fyne.CanvasObject{ui.Muted(a.Decision.Prompt.Get(s.lang)), ui.Wrapped(line)}
		if a.Statement != "" {
			// What the team sent, as the public read it.
			card = append(card, ui.Muted(tv.loc.T("team.statement_sent", "text", a.Statement)))
		}
		hist = append(hist, ui.Panel(card...))
	}
	if len(hist) == 0 {
		hist = append(hist, ui.Muted(loc.T("common.none")))
	}
	tv.history.Objects = hist
	tv.history.Refresh()
	// A container's Refresh lays out only itself: the scroll must resize
	// its content to the new height, or the sections below the decisions
	// stay where they were and overlap them.
	tv.leftScroll.Refresh()
	if opened {
		// A new decision: its question at the top, not wherever the
		// team had scrolled to in the last one.
		tv.leftScroll.ScrollToTop()
	}

	wasEnded := tv.ended
	tv.lastInbox, tv.lastLang, tv.lastReplies, tv.ended = s.inbox, s.lang, s.replies, s.ended
	tv.pictures = s.pictures
	tv.drawInbox()
	if tv.ended != wasEnded {
		tv.drawPostBox()
	}

	tv.feed.sc, tv.feed.pictures, tv.feed.win = tv.scenario, s.pictures, tv.win
	tv.feed.draw(s.feed, s.lang)
	tv.feedLen = len(s.feed)
	tv.markFeed()
}

// markFeed counts the feed as seen while its tab shows, and otherwise says
// on the tab how many posts came since.
func (tv *TeamView) markFeed() {
	if tv.tabs == nil {
		return
	}
	title := tv.loc.T("feed.tab")
	if tv.tabs.Selected() == tv.feedTab {
		if tv.feedSeen != tv.feedLen && tv.onFeedSeen != nil {
			tv.onFeedSeen(tv.feedLen)
		}
		tv.feedSeen = tv.feedLen
	} else if n := tv.feedLen - tv.feedSeen; n > 0 {
		title = tv.loc.T("feed.tab_new", "n", n)
	}
	if tv.feedTab.Text != title {
		tv.feedTab.Text = title
		tv.tabs.Refresh()
	}
}

// inboxPage is how many messages the inbox (and the console's delivered
// list) shows at first, and how many more each press of its "older
// messages" button adds.
const inboxPage = 30

// drawInbox lists the deliveries of the shown channel and role, newest
// first, a page at a time.
func (tv *TeamView) drawInbox() {
	if tv.inbox == nil {
		return // still being built
	}
	var items []fyne.CanvasObject
	if tv.inboxShown < inboxPage {
		tv.inboxShown = inboxPage
	}
	matching := 0
	for i := len(tv.lastInbox) - 1; i >= 0; i-- {
		d := tv.lastInbox[i]
		if (tv.channel == "" || d.Inject.Channel == tv.channel) && forRole(d.Inject, tv.role) {
			// Newest first, and only the newest pages: a card per message
			// of a long exercise would hold the window up for seconds.
			if matching++; matching <= tv.inboxShown {
				more := pictureRow(tv.win, tv.loc, d.Inject, tv.pictures, tv.lastLang)
				if d.Inject.Reply != nil {
					more = append(more, tv.replySection(d.Inject, engine.RepliesTo(tv.lastReplies, d.Inject.ID))...)
				}
				items = append(items, injectCard(cardInfo{loc: tv.loc, sc: tv.scenario, pictures: tv.pictures, lang: tv.lastLang, roleLabel: tv.roleLabel}, d.Inject, d.At, more...))
			}
		}
	}
	switch {
	case len(items) > 0:
		tv.inbox.Objects = items
		if left := matching - len(items); left > 0 {
			more := ui.NewButton(tv.loc.T("common.show_older", "n", fmt.Sprint(min(left, inboxPage)), "left", fmt.Sprint(left)), func() {
				tv.inboxShown += inboxPage
				tv.drawInbox()
			})
			tv.inbox.Objects = append(items, more)
		}
	case len(tv.lastInbox) > 0 && tv.role != "":
		tv.inbox.Objects = []fyne.CanvasObject{ui.Muted(tv.loc.T("team.filter_empty"))}
	case len(tv.lastInbox) > 0:
		tv.inbox.Objects = []fyne.CanvasObject{ui.Muted(tv.loc.T("team.channel_empty"))}
	default:
		tv.inbox.Objects = []fyne.CanvasObject{ui.Muted(tv.loc.T("team.inbox_empty"))}
	}
	tv.inbox.Refresh()
	if tv.inboxScroll != nil {
		tv.inboxScroll.Refresh()
	}
}

// forRole tells whether an inject is for role: one addressed to nobody in
// particular is for the whole team, hence for every role.
func forRole(in *scenario.Inject, role string) bool {
	return role == "" || len(in.To) == 0 || slices.Contains(in.To, role)
}

// roleLabel names a role of the scenario in the exercise's language.
func (tv *TeamView) roleLabel(id string) string {
	for _, r := range tv.roles {
		if r.ID == id {
			if s := r.Label.Get(tv.lastLang); s != "" {
				return s
			}
		}
	}
	return id
}

// setRole shows only the injects for the given role ("" for everyone);
// kept across a language switch like the channel.
func (tv *TeamView) setRole(role string) {
	if tv.roleSelect == nil {
		return
	}
	i := slices.IndexFunc(tv.roles, func(r *scenario.Role) bool { return r.ID == role })
	tv.roleSelect.SetSelectedIndex(i + 1) // -1 + 1: everyone
}

// SetChannel shows only the given channel's injects ("" for all); the
// screens use it to keep the filter across a language switch.
func (tv *TeamView) SetChannel(channel string) {
	if i := slices.Index(scenario.Channels, channel); i >= 0 {
		tv.channelSelect.SetSelectedIndex(i + 1)
	} else {
		tv.channelSelect.SetSelectedIndex(0)
	}
}

func (tv *TeamView) decisionCard(od engine.OpenDecision, lang string) fyne.CanvasObject {
	d := od.Decision
	cd := ui.NewCountdown(tv.loc, od.OpenedAt, od.TargetAt(), od.DeadlineAt())
	tv.countdowns = append(tv.countdowns, cd)
	prompt := ui.Wrapped(d.Prompt.Get(lang))
	prompt.TextStyle.Bold = true
	objs := []fyne.CanvasObject{prompt, cd}
	if d.Statement != nil {
		// The options come first, where the team sees them without
		// scrolling past the editor; the statement goes with the choice.
		objs = append(objs, ui.Muted(tv.loc.T("team.statement_with_choice")))
	}
	if tv.sending[d.ID] {
		objs = append(objs, ui.IconLine(theme.UploadIcon(), tv.loc.T("team.sending")))
	}
	waits := tv.triageWaits(d)
	if box := tv.triageBox(d, lang); box != nil {
		objs = append(objs, box)
		if waits {
			objs = append(objs, ui.Muted(tv.loc.T("triage.first")))
		}
	}
	// Each team sees the options in its own shuffled order (recorded in
	// the log): no position cues the answer.
	for _, o := range od.Options() {
		b := ui.NewIconButton(tv.loc.T("team.choose"), theme.ConfirmIcon(), func() { tv.askConfirm(d, o, lang) })
		if tv.sending[d.ID] || tv.holdChoices || tv.held[d.ID].Decision != "" || waits {
			b.Disable()
		}
		tv.optionButtons[d.ID] = append(tv.optionButtons[d.ID], b)
		// The option text wraps beside its button: options can be a
		// sentence long, and a button label would cut them off.
		objs = append(objs, ui.Panel(container.NewBorder(nil, nil, nil, container.NewCenter(b), ui.Wrapped(o.Text.Get(lang)))))
	}
	if d.Statement != nil {
		objs = append(objs, tv.statementBox(d, lang))
	}
	return container.NewVBox(objs...)
}

// statementBox is where a team drafts the statement a decision asks for:
// a multi-line entry, and the facts it must contain as a checklist that
// ticks itself as the facts appear in the text.
func (tv *TeamView) statementBox(d *scenario.Decision, lang string) fyne.CanvasObject {
	loc := tv.loc
	sd := tv.statements[d.ID]
	if sd == nil {
		e := ui.NewSendEntry()
		e.SetMinRowsVisible(6)
		sd = &statementDraft{entry: e,
			rubric: newRubricView(loc, tv.lang, rubricFacts(tv.scenario, d.Statement.RequiredFacts, tv.lang), d.Statement.Hazard, d.Statement.Kind)}
		tv.statements[d.ID] = sd
	}
	sd.entry.SetPlaceHolder(loc.T("team.statement_placeholder"))
	objs := []fyne.CanvasObject{ui.Bold(loc.T("team.statement_title", "kind", ui.StatementKindName(loc, d.Statement.Kind))), sd.entry}
	sd.checks = nil
	if len(d.Statement.RequiredFacts) > 0 {
		objs = append(objs, ui.Muted(loc.T("team.statement_facts")))
		for _, id := range d.Statement.RequiredFacts {
			icon := widget.NewIcon(theme.CheckButtonIcon())
			sd.checks = append(sd.checks, icon)
			objs = append(objs, container.NewBorder(nil, nil, container.NewCenter(icon), nil,
				ui.Wrapped(ui.FactLabel(tv.scenario, id, lang))))
		}
	}
	objs = append(objs, sd.rubric.box)
	// Ctrl+Enter: from the statement to the options, one of which sends
	// it (Tab moves between them, Space or Enter chooses).
	sd.entry.OnSend = func() {
		for _, b := range tv.optionButtons[d.ID] {
			if !b.Disabled() {
				tv.win.Canvas().Focus(b)
				return
			}
		}
	}
	sd.entry.OnChanged = func(text string) {
		tv.tickFacts(d, sd)
		sd.rubric.textChanged(text)
	}
	tv.tickFacts(d, sd)
	return ui.Panel(objs...)
}

// tickFacts checks off the required facts the draft already contains, by
// the same matching the engine scores with.
func (tv *TeamView) tickFacts(d *scenario.Decision, sd *statementDraft) {
	if tv.scenario == nil {
		return
	}
	found := engine.FactsIn(tv.scenario, d.Statement.RequiredFacts, sd.entry.Text)
	for i, id := range d.Statement.RequiredFacts {
		if i >= len(sd.checks) {
			break
		}
		if slices.Contains(found, id) {
			sd.checks[i].SetResource(theme.NewSuccessThemedResource(theme.CheckButtonCheckedIcon()))
		} else {
			sd.checks[i].SetResource(theme.CheckButtonIcon())
		}
	}
}

// Drafts returns the statement texts being written, by decision id, and
// the replies being written, by replyDraftPrefix and the inject's id.
func (tv *TeamView) Drafts() map[string]string {
	out := map[string]string{}
	for id, sd := range tv.statements {
		if sd.entry.Text != "" {
			out[id] = sd.entry.Text
		}
	}
	for id, b := range tv.replies {
		if b.entry.Text != "" {
			out[replyDraftPrefix+id] = b.entry.Text
		}
	}
	if tv.post != nil && tv.post.entry.Text != "" {
		out[postDraftKey+tv.post.channel] = tv.post.entry.Text
	}
	tv.triageDrafts(out)
	return out
}

// RestoreDrafts puts back statement and reply texts (after a language
// switch rebuilt the view).
func (tv *TeamView) RestoreDrafts(drafts map[string]string) {
	for id, text := range drafts {
		if tv.restoreTriage(id, text) {
			continue
		}
		if ch, ok := strings.CutPrefix(id, postDraftKey); ok {
			tv.restorePost(ch, text)
			continue
		}
		if inject, ok := strings.CutPrefix(id, replyDraftPrefix); ok {
			for _, d := range tv.lastInbox {
				if d.Inject.ID == inject && d.Inject.Reply != nil {
					b := tv.replyBoxFor(d.Inject)
					b.entry.SetText(text)
					b.open = true
					tv.drawReplyBox(b)
					break
				}
			}
			continue
		}
		if sd := tv.statements[id]; sd != nil {
			sd.entry.SetText(text)
			sd.rubric.judgeNow(text)
		}
	}
}

// askConfirm asks the team to confirm a choice: one click picks, a second
// commits, so a stray click cannot decide for the team. For a decision that
// asks for a statement, the statement goes with the choice.
func (tv *TeamView) askConfirm(d *scenario.Decision, o *scenario.Option, lang string) {
	if tv.confirm != nil {
		tv.confirm.Hide()
	}
	var text string
	detail := tv.loc.T("team.confirm_detail", "option", o.Text.Get(lang))
	if sd := tv.statements[d.ID]; d.Statement != nil && sd != nil {
		text = sd.entry.Text
		n := utf8.RuneCountInString(text)
		switch {
		case n > engine.MaxStatementLen:
			ui.ShowMessage(tv.win, tv.loc, tv.loc.T("team.confirm_title"),
				tv.loc.T("team.statement_too_long", "n", n, "max", engine.MaxStatementLen))
			return
		case strings.TrimSpace(text) == "":
			detail = tv.loc.T("team.confirm_no_statement", "option", o.Text.Get(lang))
		default:
			detail = tv.loc.T("team.confirm_statement", "option", o.Text.Get(lang), "n", n)
			// A statement that says the opposite of the choice is flagged
			// before it goes out: it costs the statement's score.
			sd.rubric.judgeNow(text)
			if clash, _ := rubric.StanceClash(string(o.Stance), sd.rubric.result.Checks); clash != "" {
				detail = tv.loc.T("team.clash_"+clash) + "\n\n" + detail
			}
		}
	}
	msg := ui.Wrapped(detail)
	var dlg *dialog.ConfirmDialog
	dlg = dialog.NewCustomConfirm(tv.loc.T("team.confirm_title"), tv.loc.T("team.choose"), tv.loc.T("common.cancel"), msg,
		func(ok bool) {
			if tv.confirm == dlg {
				tv.confirm = nil
			}
			if ok {
				tv.choose(d.ID, o.ID, text)
			}
		}, tv.win)
	tv.confirm, tv.confirmDecision = dlg, d.ID
	dlg.Resize(fyne.NewSize(520, 0))
	ui.WithKeys(tv.win, dlg, dlg.Confirm)
	dlg.Show()
}

func (tv *TeamView) choose(decision, option, text string) {
	cmd := engine.Command{Kind: engine.CmdChoose, Team: tv.team, Decision: decision, Option: option, Text: text}
	if !tv.sendAsync {
		// On this laptop: the choice is stored (an fsync) off the UI
		// goroutine; its buttons wait meanwhile.
		if tv.sending == nil {
			tv.sending = map[string]bool{}
		}
		tv.sending[decision] = true
		tv.shownSeq = -1
		tv.Refresh()
		ui.Then(tv.background, func() error { return tv.conn.Send(cmd) }, func(err error) {
			delete(tv.sending, decision)
			tv.shownSeq = -1
			tv.chosen(err)
		})
		return
	}
	// The id goes with every retry, so the facilitator's laptop applies
	// the choice once however often it arrives, even from this laptop
	// after a restart (see pending).
	cmd.Ref = newChoiceRef()
	tv.send(cmd)
}

// send sends a choice off the UI goroutine, telling pending before and
// after, and the team when it was refused.
func (tv *TeamView) send(cmd engine.Command) {
	if tv.sending == nil {
		tv.sending = map[string]bool{}
	}
	tv.sending[cmd.Decision] = true
	if tv.pending != nil {
		tv.pending(cmd, false)
	}
	tv.shownSeq = -1 // redraw the card as "sending"
	tv.Refresh()
	go func() {
		err := tv.conn.Send(cmd)
		ui.Do(func() {
			delete(tv.sending, cmd.Decision)
			// Settled: stored, or refused for good. Anything else (the
			// connection closed for good) stays pending. A choice held by
			// a paused clock (say, resent to a facilitator's laptop that
			// came back paused) waits and goes again when the clock runs.
			held := heldByPause(err)
			if held && tv.pending != nil {
				if tv.held == nil {
					tv.held = map[string]engine.Command{}
				}
				tv.held[cmd.Decision] = cmd
				tv.shownSeq = -1
				tv.Refresh()
				return
			}
			settled := err == nil || errors.Is(err, engine.ErrRejected)
			if settled && tv.pending != nil {
				tv.pending(cmd, true)
			}
			if tv.closed && !settled {
				return // the laptop left; the choice is kept to send on rejoining
			}
			tv.shownSeq = -1
			tv.chosen(err) // also when the view was rebuilt meanwhile: the team must hear of a refusal
		})
	}()
}

// newChoiceRef is a unique id for a choice sent over the network.
func newChoiceRef() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return "c" + hex.EncodeToString(b[:])
}

// heldByPause tells whether a choice was refused only because the clock is
// paused (engine.ErrPaused). A facilitator's laptop from before refusals
// carried codes says so only in its words, which are matched as well.
func heldByPause(err error) bool {
	return errors.Is(err, engine.ErrPaused) ||
		errors.Is(err, engine.ErrRejected) && strings.Contains(err.Error(), engine.ReasonPaused)
}

// chosen tells the team what became of a choice.
func (tv *TeamView) chosen(err error) {
	switch {
	case heldByPause(err):
		ui.ShowMessage(tv.win, tv.loc, tv.loc.T("team.choice_refused_title"), tv.loc.T("team.choice_paused"))
	case errors.Is(err, engine.ErrRejected):
		ui.ShowMessage(tv.win, tv.loc, tv.loc.T("team.choice_refused_title"), choiceRefusedText(tv.loc, err))
	case err != nil:
		ui.ShowMessage(tv.win, tv.loc, tv.loc.T("common.error"), ui.ErrorText(tv.loc, err))
	}
	tv.Refresh()
}

// choiceRefusedText says why a choice was refused, in the UI's language
// (from the refusal's code); a refusal that came back over the network as
// text keeps its words.
func choiceRefusedText(loc *i18n.Localizer, err error) string {
	if errors.Is(err, engine.ErrNotOpen) {
		return loc.T("team.choice_refused") // the usual case: it closed meanwhile
	}
	reason := err.Error()
	if engine.RefusalCode(err) != "" {
		reason = debrief.RefusalWords(err, loc.Lang().String())
	}
	return loc.T("team.choice_refused_reason", "reason", reason)
}

// teamLayout stacks a team view's head (its title, banners and world
// meters) over the decision and the inbox. The head takes the height it
// needs when what is left below is at least workHeight; on a shorter
// screen (a 1024×600 netbook) it takes at most two fifths of the page and
// the meters scroll, so that the decision and the inbox, where the team
// works, keep most of the height.
type teamLayout struct {
	meters       *ui.WorldMeters
	metersScroll *container.Scroll
}

// headHeight is how tall the head is drawn in a page size high.
func (l *teamLayout) headHeight(head fyne.CanvasObject, high float32) float32 {
	want := head.MinSize().Height
	if l.metersScroll == nil {
		return want
	}
	want += l.meters.Box.MinSize().Height - l.metersScroll.MinSize().Height
	if high-want >= workHeight {
		return want
	}
	return max(head.MinSize().Height, min(want, high*2/5))
}

// workHeight is the height below the head that a team needs to work: an
// open decision's question and countdown beside two or three messages.
const workHeight = 300

func (l *teamLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	head, rest := objs[0], objs[1]
	h := l.headHeight(head, size.Height)
	head.Move(fyne.NewPos(0, 0))
	head.Resize(fyne.NewSize(size.Width, h))
	rest.Move(fyne.NewPos(0, h))
	rest.Resize(fyne.NewSize(size.Width, size.Height-h))
}

func (l *teamLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	head, rest := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(head.Width, rest.Width), head.Height+rest.Height)
}
