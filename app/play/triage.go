package play

import (
	"maps"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// A social-listening triage in the team's view (engine/triage.go): a
// decision with a feed shows it above the options, each post with a class
// and an action to pick (two selects, reachable with Tab and opened with
// Space); the options wait until the triage is sent. Sent, the card says
// when, and each post shows the team's marks.

// triageSnap is the part of a team's state the triage draws: the feeds of
// its open decisions, and the triage made of each (if any).
type triageSnap struct {
	feeds map[string]*engine.TriageFeed
	made  map[string]engine.TriageRun
}

// readTriage copies the team's triage state under Read.
func readTriage(t *engine.Team) triageSnap {
	s := triageSnap{feeds: map[string]*engine.TriageFeed{}, made: map[string]engine.TriageRun{}}
	for _, od := range t.Open {
		f := t.TriageOf(od.Decision.ID)
		if f == nil {
			continue
		}
		s.feeds[od.Decision.ID] = f
		for _, r := range slices.Backward(t.Triages) {
			if r.Feed.Decision.ID == od.Decision.ID && r.Feed.OpenedAt == f.OpenedAt && !r.Missing {
				s.made[od.Decision.ID] = r
				break
			}
		}
	}
	return s
}

// triageState is the team view's triage: the state as last read and the
// marks being chosen, by decision id (kept across redraws).
type triageState struct {
	snap   triageSnap
	drafts map[string]*triageDraft
}

// triageDraft is a triage being made: the class and action picked per post,
// whether it is on its way, and why it was refused.
type triageDraft struct {
	openedAt      time.Duration // the feed's opening it is for
	class, action map[string]string
	sending       bool
	refused       string
	// The send button and the line above it, as last drawn: a pick
	// updates them in place (a redraw would take the keyboard's focus
	// off the select just used).
	button *ui.KeyButton
	msg    *ui.WrapLabel
	posts  int
	// selects are each post's class and action selects, made once and
	// kept across redraws (as statement entries are), so that an event
	// arriving while the team picks does not take the focus away.
	selects map[string][2]*widget.Select
	// order is the team's order of the posts it answers (ids, first
	// first): a post marked answer joins at the end, one no longer
	// answered leaves; Up and Down move a post. The box lists it, a row
	// per post, redrawn in place.
	order    []string
	orderBox *fyne.Container
	rows     []orderRow
	feed     *engine.TriageFeed
	focus    *moveButton // where a keyboard move sends the focus
}

// orderRow is one row of the order of answers: the place and the post,
// and the buttons that move it.
type orderRow struct {
	label    *ui.WrapLabel
	up, down *moveButton
}

// moveButton is a ui.KeyButton whose keyboard press hands the focus on to
// the button moveAnswer chose (on the moved post's new row), where the
// kit's button would keep it.
type moveButton struct {
	ui.KeyButton
	draft *triageDraft
}

func newMoveButton(label string, icon fyne.Resource, draft *triageDraft, tapped func()) *moveButton {
	b := &moveButton{draft: draft}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey presses the button on Return or Space, then focuses the button
// the move chose.
func (b *moveButton) TypedKey(ev *fyne.KeyEvent) {
	b.draft.focus = nil // a mouse's move left its choice behind
	b.KeyButton.TypedKey(ev)
	if f := b.draft.focus; f != nil {
		b.draft.focus = nil
		if c := fyne.CurrentApp().Driver().CanvasForObject(b); c != nil {
			c.Focus(f)
		}
	}
}

// setTriage takes the triage state of a rebuild; drafts of feeds no longer
// open (or opened again) are dropped.
func (tv *TeamView) setTriage(s triageSnap) {
	tv.triage.snap = s
	for id, d := range tv.triage.drafts {
		if f := s.feeds[id]; f == nil || f.OpenedAt != d.openedAt {
			delete(tv.triage.drafts, id)
		}
	}
}

// triageWaits reports whether the decision's options wait for its triage.
func (tv *TeamView) triageWaits(d *scenario.Decision) bool {
	if tv.triage.snap.feeds[d.ID] == nil {
		return false
	}
	_, made := tv.triage.snap.made[d.ID]
	return !made
}

// triageBox is the decision's feed to triage, or the triage made; nil when
// the decision has no feed.
func (tv *TeamView) triageBox(d *scenario.Decision, lang string) fyne.CanvasObject {
	f := tv.triage.snap.feeds[d.ID]
	if f == nil {
		return nil
	}
	loc := tv.loc
	run, made := tv.triage.snap.made[d.ID]
	draft := tv.triageDraft(d.ID, f)
	title := ui.Bold(loc.T("triage.title"))
	objs := []fyne.CanvasObject{title}
	if made {
		objs = append(objs, ui.Muted(loc.T("triage.sent", "time", debrief.Clock(run.At))))
	} else {
		objs = append(objs, ui.Muted(loc.T("triage.hint")))
	}
	classNames := make([]string, len(scenario.TriageClasses))
	for i, c := range scenario.TriageClasses {
		classNames[i] = loc.T("triage.class." + c)
	}
	actionNames := make([]string, len(scenario.TriageActions))
	for i, a := range scenario.TriageActions {
		actionNames[i] = loc.T("triage.action." + a)
	}
	for _, p := range f.Posts {
		author := ui.Wrapped(p.Author.Get(lang))
		author.TextStyle.Bold = true
		meta := ui.Muted(loc.T("triage.meta", "reach", debrief.ReachText(p.Reach, loc.Lang().String()),
			"ago", ui.FormatSpan(loc, p.Ago)))
		text := ui.Wrapped(p.Text.Get(lang))
		post := []fyne.CanvasObject{author, meta, text}
		if made {
			m, _ := run.Mark(p.ID)
			post = append(post, ui.Muted(loc.T("triage.your_mark", "class", loc.T("triage.class."+m.Class),
				"action", loc.T("triage.action."+m.Action))))
			if m.Rank > 0 {
				post = append(post, ui.Muted(loc.T("triage.your_place", "n", m.Rank)))
			}
		} else {
			post = append(post, tv.triageSelects(p.ID, draft, classNames, actionNames))
		}
		objs = append(objs, ui.Panel(post...))
	}
	if !made {
		objs = append(objs, tv.triageOrder(f, draft), tv.triageSend(d.ID, f, draft))
	}
	return container.NewVBox(objs...)
}

// triageOrder is the order of the posts marked answer: a row per post with
// its place, Up and Down (buttons: Tab reaches them, Space presses them).
// The box and its rows are kept across redraws (as the selects are), so
// that an event arriving while the team orders does not take the focus
// off the button it uses.
func (tv *TeamView) triageOrder(f *engine.TriageFeed, draft *triageDraft) fyne.CanvasObject {
	draft.feed = f
	if draft.orderBox == nil {
		draft.orderBox = container.NewVBox()
		draft.rows = nil
	}
	tv.syncOrder(draft)
	return draft.orderBox
}

// syncOrder brings the order in line with the actions picked (posts no
// longer answered leave it, newly answered ones join at the end, in the
// order shown) and redraws its rows: made anew when their number changes,
// else relabelled in place (so that the focused button stays).
func (tv *TeamView) syncOrder(draft *triageDraft) {
	if draft.feed == nil || draft.orderBox == nil {
		return
	}
	order := slices.DeleteFunc(slices.Clone(draft.order), func(id string) bool { return draft.action[id] != scenario.ActionAnswer })
	for _, p := range draft.feed.Posts {
		if draft.action[p.ID] == scenario.ActionAnswer && !slices.Contains(order, p.ID) {
			order = append(order, p.ID)
		}
	}
	draft.order = order
	if len(draft.rows) != len(order) {
		draft.rows = make([]orderRow, len(order))
		objs := []fyne.CanvasObject{}
		if len(order) > 0 {
			objs = append(objs, ui.Bold(tv.loc.T("triage.order_title")), ui.Muted(tv.loc.T("triage.order_hint")))
		}
		for i := range order {
			r := orderRow{label: ui.Wrapped("")}
			r.up = newMoveButton(tv.loc.T("triage.up"), theme.MoveUpIcon(), draft, func() { tv.moveAnswer(draft, i, -1) })
			r.down = newMoveButton(tv.loc.T("triage.down"), theme.MoveDownIcon(), draft, func() { tv.moveAnswer(draft, i, 1) })
			draft.rows[i] = r
			objs = append(objs, container.NewBorder(nil, nil, nil, container.NewHBox(r.up, r.down), r.label))
		}
		draft.orderBox.Objects = objs
	}
	for i, id := range order {
		r := draft.rows[i]
		author := id
		for _, p := range draft.feed.Posts {
			if p.ID == id {
				author = p.Author.Get(tv.loc.Lang().String())
			}
		}
		r.label.SetText(tv.loc.T("triage.order_item", "n", i+1, "author", author))
		if i == 0 || draft.sending || tv.holdChoices {
			r.up.Disable()
		} else {
			r.up.Enable()
		}
		if i == len(order)-1 || draft.sending || tv.holdChoices {
			r.down.Disable()
		} else {
			r.down.Enable()
		}
	}
	draft.orderBox.Refresh()
}

// moveAnswer moves the answer at place i one place up (by −1) or down
// (+1); the keyboard's focus follows the post moved.
func (tv *TeamView) moveAnswer(draft *triageDraft, i, by int) {
	j := i + by
	if i < 0 || j < 0 || i >= len(draft.order) || j >= len(draft.order) || draft.sending {
		return
	}
	draft.order[i], draft.order[j] = draft.order[j], draft.order[i]
	draft.refused = ""
	tv.syncOrder(draft)
	// A keyboard press goes on with the same button on the post's new
	// row; at an end, where that button is disabled, with the other one.
	up, down := draft.rows[j].up, draft.rows[j].down
	draft.focus = up
	if by > 0 {
		draft.focus = down
	}
	if draft.focus.Disabled() {
		draft.focus = map[bool]*moveButton{true: down, false: up}[by < 0]
	}
}

// triageDraft is the draft of the feed's triage, made when first needed.
func (tv *TeamView) triageDraft(id string, f *engine.TriageFeed) *triageDraft {
	if tv.triage.drafts == nil {
		tv.triage.drafts = map[string]*triageDraft{}
	}
	d := tv.triage.drafts[id]
	if d == nil {
		d = &triageDraft{openedAt: f.OpenedAt, class: map[string]string{}, action: map[string]string{}}
		tv.triage.drafts[id] = d
	}
	return d
}

// triageSelects are a post's class and action, side by side.
func (tv *TeamView) triageSelects(post string, draft *triageDraft, classNames, actionNames []string) fyne.CanvasObject {
	if sel, ok := draft.selects[post]; ok {
		class, action := sel[0], sel[1]
		if draft.sending || tv.holdChoices {
			class.Disable()
			action.Disable()
		} else {
			class.Enable()
			action.Enable()
		}
		return container.NewGridWithColumns(2, class, action)
	}
	class := widget.NewSelect(classNames, nil)
	class.PlaceHolder = tv.loc.T("triage.class_placeholder")
	action := widget.NewSelect(actionNames, nil)
	action.PlaceHolder = tv.loc.T("triage.action_placeholder")
	if draft.selects == nil {
		draft.selects = map[string][2]*widget.Select{}
	}
	draft.selects[post] = [2]*widget.Select{class, action}
	if i := slices.Index(scenario.TriageClasses, draft.class[post]); i >= 0 {
		class.SetSelectedIndex(i)
	}
	if i := slices.Index(scenario.TriageActions, draft.action[post]); i >= 0 {
		action.SetSelectedIndex(i)
	}
	changed := func() {
		if i := class.SelectedIndex(); i >= 0 {
			draft.class[post] = scenario.TriageClasses[i]
		}
		if i := action.SelectedIndex(); i >= 0 {
			draft.action[post] = scenario.TriageActions[i]
		}
		draft.refused = ""
		tv.syncOrder(draft)
		tv.updateTriageSend(draft)
	}
	class.OnChanged = func(string) { changed() }
	action.OnChanged = func(string) { changed() }
	if draft.sending || tv.holdChoices {
		class.Disable()
		action.Disable()
	}
	return container.NewGridWithColumns(2, class, action)
}

// triageSend is the triage's send button, with what is left to mark or why
// it was refused.
func (tv *TeamView) triageSend(decision string, f *engine.TriageFeed, draft *triageDraft) fyne.CanvasObject {
	label := tv.loc.T("triage.send")
	if draft.sending {
		label = tv.loc.T("triage.sending")
	}
	draft.button = ui.NewIconButton(label, theme.MailSendIcon(), func() { tv.sendTriage(decision, f, draft) })
	draft.msg, draft.posts = ui.Muted(""), len(f.Posts)
	tv.updateTriageSend(draft)
	objs := []fyne.CanvasObject{draft.msg}
	if draft.refused != "" {
		r := ui.Wrapped(draft.refused)
		r.Importance = widget.DangerImportance
		objs = append(objs, r)
	}
	return container.NewBorder(nil, nil, nil, container.NewCenter(draft.button), container.NewVBox(objs...))
}

// updateTriageSend says how many posts are left to mark, and lets the
// triage be sent once none is.
func (tv *TeamView) updateTriageSend(draft *triageDraft) {
	if draft.button == nil {
		return
	}
	left := draft.posts
	for post, c := range draft.class {
		if c != "" && draft.action[post] != "" {
			left--
		}
	}
	if left > 0 || draft.sending || tv.holdChoices {
		draft.button.Disable()
	} else {
		draft.button.Enable()
	}
	msg := tv.loc.T("triage.ready")
	if left > 0 {
		msg = tv.loc.T("triage.left", "left", left, "total", draft.posts)
	}
	draft.msg.SetText(msg)
}

// sendTriage sends the team's marks, as replies are sent: stored off the
// UI goroutine, with an id so that a resend is applied once.
func (tv *TeamView) sendTriage(decision string, f *engine.TriageFeed, draft *triageDraft) {
	if draft.sending {
		return
	}
	tv.syncOrder(draft)
	marks := make([]engine.TriageMark, 0, len(f.Posts))
	for _, p := range f.Posts {
		m := engine.TriageMark{Post: p.ID, Class: draft.class[p.ID], Action: draft.action[p.ID]}
		if m.Action == scenario.ActionAnswer {
			m.Rank = slices.Index(draft.order, p.ID) + 1
		}
		marks = append(marks, m)
	}
	cmd := engine.Command{Kind: engine.CmdTriage, Team: tv.team, Decision: decision, Triage: marks, Ref: newChoiceRef()}
	draft.sending, draft.refused = true, ""
	tv.shownSeq = -1
	tv.Refresh()
	tv.sendReplyCmd(cmd, func(err error) {
		draft.sending = false
		if err != nil {
			draft.refused = triageRefusedText(tv, err)
		}
	})
}

// triageRefusedText says why a triage was not stored, in the UI's language.
func triageRefusedText(tv *TeamView, err error) string {
	if engine.RefusalCode(err) != "" {
		return tv.loc.T("triage.refused", "reason", debrief.RefusalWords(err, tv.loc.Lang().String()))
	}
	return ui.ErrorText(tv.loc, err)
}

// triageDraftPrefix keys a triage's marks among a view's drafts (Drafts):
// "triage:" and the decision id, the marks written "post=class/action"
// joined by newlines, and the order of the answers "#order=id,id,…" (a
// post id has no "#").
const triageDraftPrefix = "triage:"

const orderDraftKey = "#order"

// triageDrafts adds the marks being picked to a view's drafts.
func (tv *TeamView) triageDrafts(out map[string]string) {
	for id, d := range tv.triage.drafts {
		var lines []string
		for _, post := range slices.Sorted(maps.Keys(d.class)) {
			lines = append(lines, post+"="+d.class[post]+"/"+d.action[post])
		}
		for post, a := range d.action {
			if d.class[post] == "" {
				lines = append(lines, post+"=/"+a)
			}
		}
		if len(d.order) > 0 {
			lines = append(lines, orderDraftKey+"="+strings.Join(d.order, ","))
		}
		if len(lines) > 0 {
			out[triageDraftPrefix+id] = strings.Join(lines, "\n")
		}
	}
}

// restoreTriage puts back a triage's marks kept by triageDrafts (after a
// language switch rebuilt the view); it reports whether key was one.
func (tv *TeamView) restoreTriage(key, text string) bool {
	id, ok := strings.CutPrefix(key, triageDraftPrefix)
	if !ok {
		return false
	}
	f := tv.triage.snap.feeds[id]
	if f == nil {
		return true
	}
	d := tv.triageDraft(id, f)
	for _, line := range strings.Split(text, "\n") {
		post, mark, ok := strings.Cut(line, "=")
		if post == orderDraftKey {
			d.order = slices.DeleteFunc(strings.Split(mark, ","), func(id string) bool { return f.Decision.Triage.Post(id) == nil })
			continue
		}
		class, action, ok2 := strings.Cut(mark, "/")
		if !ok || !ok2 || f.Decision.Triage.Post(post) == nil {
			continue
		}
		if slices.Contains(scenario.TriageClasses, class) {
			d.class[post] = class
		}
		if slices.Contains(scenario.TriageActions, action) {
			d.action[post] = action
		}
	}
	for post, sel := range d.selects {
		if i := slices.Index(scenario.TriageClasses, d.class[post]); i >= 0 {
			sel[0].SetSelectedIndex(i)
		}
		if i := slices.Index(scenario.TriageActions, d.action[post]); i >= 0 {
			sel[1].SetSelectedIndex(i)
		}
	}
	tv.syncOrder(d)
	tv.shownSeq = -1
	return true
}

// triageStatus is the console's line under an open decision with a feed:
// whether the team has triaged it, and when; nil without a feed.
func triageStatus(loc *i18n.Localizer, s triageSnap, decision string) fyne.CanvasObject {
	if s.feeds[decision] == nil {
		return nil
	}
	if r, ok := s.made[decision]; ok {
		l := ui.IconLine(theme.ConfirmIcon(), loc.T("triage.console_done", "time", debrief.Clock(r.At)))
		return l
	}
	return ui.IconLine(theme.HistoryIcon(), loc.T("triage.console_waiting"))
}
