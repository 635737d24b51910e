package play

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Replies: an inject that asks for an answer (the scenario's reply:, any
// ad-hoc inject) shows a Reply button on its inbox card; the team writes
// its answer there and sends it, and the card lists what the team sent.
// The box (its entry and buttons) outlives the redraws of the inbox, so an
// inject arriving while the team types does not wipe the draft.

// replyDraftPrefix marks a reply's draft among Drafts' keys (the others
// are decision ids, which cannot contain a colon).
const replyDraftPrefix = "reply:"

// replyBox is the answer being written to one inject.
type replyBox struct {
	inject  string
	entry   *ui.SendEntry
	send    *ui.KeyButton
	msg     *ui.WrapLabel // why the last reply was refused, or that it is empty
	open    bool          // the entry shows (after Reply was pressed)
	sending bool
	root    *fyne.Container
}

// replyBoxFor is the box of the inject with this id, made on first use.
func (tv *TeamView) replyBoxFor(in *scenario.Inject) *replyBox {
	if b := tv.replies[in.ID]; b != nil {
		return b
	}
	if tv.replies == nil {
		tv.replies = map[string]*replyBox{}
	}
	b := &replyBox{inject: in.ID, entry: ui.NewSendEntry(), msg: ui.Wrapped(""), root: container.NewVBox()}
	b.entry.SetMinRowsVisible(4)
	b.entry.SetPlaceHolder(tv.loc.T("team.reply_placeholder", "kind", ui.StatementKindName(tv.loc, in.Reply.Kind)))
	b.entry.OnSend = func() { tv.sendReply(b) }
	b.send = ui.NewIconButton(tv.loc.T("team.reply_send"), theme.MailSendIcon(), func() { tv.sendReply(b) })
	b.send.Importance = widget.HighImportance
	b.msg.Importance = widget.DangerImportance
	b.msg.Hide()
	tv.replies[in.ID] = b
	return b
}

// replySection is what an answerable inject's card shows below its text:
// the replies sent, then the Reply button or the box.
func (tv *TeamView) replySection(in *scenario.Inject, sent []engine.Reply) []fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, r := range sent {
		objs = append(objs, ui.IconLine(theme.MailReplyIcon(), tv.loc.T("team.reply_sent", "time", debrief.Clock(r.At))), ui.Wrapped(r.Text))
	}
	if tv.ended {
		return objs
	}
	b := tv.replyBoxFor(in)
	tv.drawReplyBox(b)
	return append(objs, b.root)
}

// drawReplyBox lays out a box as it stands: closed (a Reply button), open
// (the entry, Send and Cancel), or sending.
func (tv *TeamView) drawReplyBox(b *replyBox) {
	if !b.open {
		label := tv.loc.T("team.reply")
		if b.entry.Text != "" {
			label = tv.loc.T("team.reply_continue") // a draft is waiting
		}
		b.root.Objects = []fyne.CanvasObject{container.NewHBox(ui.NewIconButton(label, theme.MailReplyIcon(), func() {
			b.open = true
			tv.drawReplyBox(b)
			tv.win.Canvas().Focus(b.entry)
		}))}
		b.root.Refresh()
		return
	}
	cancel := ui.NewButton(tv.loc.T("common.cancel"), func() {
		b.open = false
		b.msg.Hide()
		tv.drawReplyBox(b)
	})
	drawSendButton(b.send, b.sending, true, tv.loc.T("team.reply_send"), tv.loc.T("team.reply_sending"))
	if b.sending {
		cancel.Disable()
	}
	b.root.Objects = []fyne.CanvasObject{b.entry, b.msg, container.NewHBox(b.send, cancel)}
	b.root.Refresh()
}

// sendReply sends the box's text as the team's answer. It is stored off
// the UI goroutine (an fsync here, the network on a team laptop, with an
// id so that a resend is applied once); the box waits meanwhile, then
// empties and closes, or says why the reply was refused.
func (tv *TeamView) sendReply(b *replyBox) {
	if b.sending {
		return
	}
	text := strings.TrimSpace(b.entry.Text)
	if text == "" {
		b.msg.SetText(tv.loc.T("team.reply_empty"))
		b.msg.Show()
		return
	}
	cmd := engine.Command{Kind: engine.CmdReply, Team: tv.team, Inject: b.inject, Text: text, Ref: newChoiceRef()}
	b.sending = true
	b.msg.Hide()
	tv.drawReplyBox(b)
	tv.sendReplyCmd(cmd, func(err error) {
		b.sending = false
		if err != nil {
			b.msg.SetText(replyRefusedText(tv, err))
			b.msg.Show()
		} else {
			b.entry.SetText("")
			b.open = false
		}
		tv.drawReplyBox(b)
	})
}

// sendReplyCmd sends a reply as choices are sent: through background on
// this laptop, on its own goroutine over a network, telling
// pending before and after so that a team laptop sends an unsettled reply
// again after a restart. done runs on the UI goroutine.
func (tv *TeamView) sendReplyCmd(cmd engine.Command, done func(error)) {
	settle := func(err error) {
		if tv.pending != nil && (err == nil || engine.RefusalCode(err) != "" || errors.Is(err, engine.ErrRejected)) {
			tv.pending(cmd, true)
		}
		if done != nil {
			done(err)
		}
		tv.shownSeq = -1
		tv.Refresh()
	}
	switch {
	case tv.sendAsync:
		if tv.pending != nil {
			tv.pending(cmd, false)
		}
		go func() {
			err := tv.conn.Send(cmd)
			ui.Do(func() { settle(err) })
		}()
	default:
		ui.Then(tv.background, func() error { return tv.conn.Send(cmd) }, settle)
	}
}

// replyRefusedText says why a reply was not stored, in the UI's language.
func replyRefusedText(tv *TeamView, err error) string {
	if engine.RefusalCode(err) != "" {
		return tv.loc.T("team.reply_refused", "reason", debrief.RefusalWords(err, tv.loc.Lang().String()))
	}
	return ui.ErrorText(tv.loc, err)
}
