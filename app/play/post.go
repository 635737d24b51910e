package play

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Posts: in a scenario with a feed, a team publishes on the simulated
// channels (its official account, a press release, a pinned notice) from
// the top of its feed tab. The composer judges the draft live, as a
// statement's editor does; Send stores the post off the UI goroutine; the
// post then shows in the feed marked as the team's, with the judge's short
// verdict, and the public's reaction after it.

// postDraftKey is the composer's draft among Drafts' keys (decision ids
// cannot contain a colon).
const postDraftKey = "post:"

// postBox is the composer.
type postBox struct {
	channel string // one of scenario.PostChannels
	pick    *widget.Select
	entry   *ui.SendEntry
	send    *ui.KeyButton
	msg     *ui.WrapLabel // why the last post was refused, or that it is empty
	rubric  *rubricView   // remade when the channel (the kind judged) changes
	open    bool
	sending bool
	root    *fyne.Container // the composer, when open
	// openBtn opens the composer; it sits beside the feed's title, so a
	// short screen keeps its height for the composer and the feed.
	openBtn *ui.KeyButton
	scroll  *container.Scroll // the feed tab's, scrolled to the composer when it opens
}

// postSection makes the composer: the button that opens it (for the feed
// tab's title row) and the composer itself (above the feed); both empty
// when the scenario has no feed (no channel to post on).
func (tv *TeamView) postSection(canPost bool) (button, composer fyne.CanvasObject) {
	if !canPost {
		return container.NewHBox(), container.NewVBox()
	}
	b := &postBox{channel: scenario.PostSocial, entry: ui.NewSendEntry(), msg: ui.Wrapped(""), root: container.NewVBox()}
	b.openBtn = ui.NewIconButton(tv.loc.T("post.open"), theme.DocumentCreateIcon(), func() {
		b.open = true
		tv.drawPostBox()
		if b.scroll != nil {
			b.scroll.ScrollToTop()
		}
		tv.win.Canvas().Focus(b.entry)
	})
	b.openBtn.Importance = widget.HighImportance
	b.entry.SetMinRowsVisible(4)
	b.entry.SetPlaceHolder(tv.loc.T("post.placeholder"))
	b.entry.OnSend = func() { tv.sendPost() }
	b.entry.OnChanged = func(text string) { b.rubric.textChanged(text) }
	var names []string
	for _, ch := range scenario.PostChannels {
		names = append(names, tv.loc.T("post.channel."+ch))
	}
	b.pick = widget.NewSelect(names, func(string) {
		ch := scenario.PostChannels[max(0, b.pick.SelectedIndex())]
		if ch == b.channel && b.rubric != nil {
			return
		}
		b.channel = ch
		tv.newPostRubric()
		tv.drawPostBox()
	})
	b.send = ui.NewIconButton(tv.loc.T("post.send"), theme.MailSendIcon(), func() { tv.sendPost() })
	b.send.Importance = widget.HighImportance
	b.msg.Importance = widget.DangerImportance
	b.msg.Hide()
	tv.post = b
	b.pick.SetSelectedIndex(0) // makes the rubric and draws the box
	return b.openBtn, b.root
}

// newPostRubric gives the composer a live judge for its channel's kind,
// judging the draft as it stands.
func (tv *TeamView) newPostRubric() {
	b := tv.post
	if b.rubric != nil {
		b.rubric.stop()
	}
	b.rubric = newRubricView(tv.loc, tv.lang, nil, "open", scenario.PostKind(b.channel))
	if b.entry.Text != "" {
		b.rubric.judgeNow(b.entry.Text)
	}
}

// drawPostBox lays out the composer as it stands: closed (a button), open
// (channel, entry, live check, Send and Cancel), sending, or gone once the
// team has finished.
func (tv *TeamView) drawPostBox() {
	b := tv.post
	if b == nil {
		return
	}
	switch {
	case tv.ended:
		b.root.Objects = nil
		b.openBtn.Hide()
	case !b.open:
		label := tv.loc.T("post.open")
		if b.entry.Text != "" {
			label = tv.loc.T("post.continue") // a draft is waiting
		}
		b.openBtn.SetText(label)
		b.openBtn.Show()
		b.root.Objects = nil
	default:
		b.openBtn.Hide()
		cancel := ui.NewButton(tv.loc.T("common.cancel"), func() {
			b.open = false
			b.msg.Hide()
			tv.drawPostBox()
		})
		drawSendButton(b.send, b.sending, true, tv.loc.T("post.send"), tv.loc.T("post.sending"))
		if b.sending {
			b.pick.Disable()
			cancel.Disable()
		} else {
			b.pick.Enable()
		}
		head := container.NewBorder(nil, nil, ui.Bold(tv.loc.T("post.title")), nil, b.pick)
		b.root.Objects = []fyne.CanvasObject{ui.Panel(head, ui.Muted(tv.loc.T("post.help."+b.channel)), b.entry, b.msg,
			container.NewHBox(b.send, cancel), b.rubric.box)}
	}
	b.root.Refresh()
}

// sendPost publishes the composer's text on its channel. It is stored off
// the UI goroutine (an fsync here, the network on a team laptop, with an
// id so that a resend is applied once); the composer waits meanwhile, then
// empties and closes, or says why the post was refused.
func (tv *TeamView) sendPost() {
	b := tv.post
	if b == nil || b.sending {
		return
	}
	text := strings.TrimSpace(b.entry.Text)
	if text == "" {
		b.msg.SetText(tv.loc.T("post.empty"))
		b.msg.Show()
		return
	}
	cmd := engine.Command{Kind: engine.CmdPost, Team: tv.team, Channel: b.channel, Text: text, Ref: newChoiceRef()}
	b.sending = true
	b.msg.Hide()
	tv.drawPostBox()
	tv.sendReplyCmd(cmd, func(err error) {
		b.sending = false
		if err != nil {
			b.msg.SetText(postRefusedText(tv.loc, err))
			b.msg.Show()
		} else {
			b.entry.SetText("")
			b.open = false
		}
		tv.drawPostBox()
	})
}

// postRefusedText says why a post was not published, in the UI's language.
func postRefusedText(loc *i18n.Localizer, err error) string {
	if engine.RefusalCode(err) != "" {
		return loc.T("post.refused", "reason", debrief.RefusalWords(err, loc.Lang().String()))
	}
	return ui.ErrorText(loc, err)
}

// ownPostCard draws the team's own post in its feed: marked as the team's,
// on its channel, with the judge's short verdict under the text.
func ownPostCard(loc *i18n.Localizer, it engine.FeedItem, lang string, pinned bool) fyne.CanvasObject {
	p := it.Own
	icon := theme.AccountIcon()
	switch p.Channel {
	case scenario.PostNews:
		icon = theme.DocumentIcon()
	case scenario.PostNotice:
		icon = theme.InfoIcon()
	}
	who := widget.NewLabelWithStyle(loc.T("post.yours", "team", it.Post.From.Get(lang)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	who.Truncation = fyne.TextTruncateEllipsis
	kind := loc.T("post.channel." + p.Channel)
	if pinned {
		kind = loc.T("post.pinned")
	}
	when := ui.Faint(kind+" · "+debrief.Clock(it.At), fyne.TextAlignLeading)
	head := container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(icon)), when, who)
	text := ui.Wrapped(p.Text)
	if p.Channel == scenario.PostNews {
		text.TextStyle.Bold = true
	}
	objs := []fyne.CanvasObject{head, text}
	if v := postVerdict(loc, p); v != nil {
		objs = append(objs, v)
	}
	strip := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	strip.SetMinSize(fyne.NewSize(5, 0))
	strip.CornerRadius = 2
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
	bg.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	return container.NewStack(bg, container.NewPadded(container.NewBorder(nil, nil, strip, nil, container.NewVBox(objs...))))
}

// postVerdict is the judge's short verdict on a post: its overall score,
// the harmful or flawed lines it found (in red), then what it did well.
func postVerdict(loc *i18n.Localizer, p *engine.Post) fyne.CanvasObject {
	if p.Rubric == nil {
		return nil
	}
	uiLang := loc.Lang().String()
	key := "rubric.overall"
	if p.Rubric.Capped {
		key = "rubric.overall_capped"
	}
	spans := []ui.TextSpan{{Text: loc.T(key, "score", fmt.Sprintf("%.0f", math.Round(p.Rubric.Overall))), Bold: true}}
	passed, _, penalties := rubricLines(*p.Rubric)
	var bad, good []string
	for _, c := range penalties {
		bad = append(bad, checkLabel(c, uiLang))
	}
	for _, c := range passed {
		good = append(good, checkLabel(c, uiLang))
	}
	sep := loc.T("rubric.list_sep")
	if len(bad) > 0 {
		spans = append(spans, ui.TextSpan{Text: "  " + loc.T("post.verdict_bad", "checks", strings.Join(bad, sep)), Color: theme.ColorNameError, Bold: true})
	}
	if len(good) > 0 {
		spans = append(spans, ui.TextSpan{Text: "  " + loc.T("post.verdict_good", "checks", strings.Join(good, sep)), Color: theme.ColorNameSuccess})
	}
	l := ui.Wrapped("")
	l.SetSpans(spans)
	return l
}

// pinnedNotice is the index in feed of the team's latest pinned notice,
// or -1: the feed shows it first.
func pinnedNotice(feed []engine.FeedItem) int {
	for i := len(feed) - 1; i >= 0; i-- {
		if feed[i].Own != nil && feed[i].Own.Channel == scenario.PostNotice {
			return i
		}
	}
	return -1
}

// restorePost puts a draft back in the composer (after a language switch
// rebuilt the view), on its channel, open.
func (tv *TeamView) restorePost(channel, text string) {
	b := tv.post
	if b == nil {
		return
	}
	b.entry.SetText(text)
	if i := slices.Index(scenario.PostChannels, channel); i >= 0 {
		b.pick.SetSelectedIndex(i)
	}
	b.rubric.judgeNow(text)
	b.open = true
	tv.drawPostBox()
}
