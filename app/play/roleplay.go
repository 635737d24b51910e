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
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// RolePanel is the role-player's seat: what teams sent (replies, posts,
// press answers), newest first, each with Answer; a composer that speaks
// as any of the scenario's personas on a channel to one team or all; the
// follow-up decisions and nudges the scenario lets role-players use; and
// what role-players did so far. The facilitator's laptop shows it in a tab
// behind the console lock (seat engine.SeatFacilitator); a role-player's
// laptop joined over the network shows it alone, with its seat's name.
// Commands go off the UI goroutine.
type RolePanel struct {
	conn       engine.Conn
	seat       string
	loc        *i18n.Localizer
	background func(func()) // runs a Send off the UI goroutine
	newRef     func() string
	shownSeq   int64
	// pending hears of a command on its way (done false) and of its
	// settling (done true): a role-player's laptop keeps unsettled ones to
	// send again after a restart.
	pending func(cmd engine.Command, done bool)

	root                   fyne.CanvasObject
	queue, log, actions    *fyne.Container
	persona, channel, team *widget.Select
	personas, channels     []string // ids, in the selects' order
	teams                  []string // "" (every team), then the teams
	thread                 string   // what the message answers ("" for a new one)
	threadTeam             string
	threadLabel            *ui.WrapLabel
	clearThread            *ui.KeyButton
	entry                  *widget.Entry
	send                   *ui.KeyButton
	msg                    *ui.WrapLabel
	wait                   *fyne.Container // "sending…", while a command is on its way
	activity               *widget.Activity
	sending                bool
	ended                  bool // the exercise is over: nothing more to send
}

// NewRolePanel makes the seat's panel on conn, in loc's language.
func NewRolePanel(conn engine.Conn, seat string, loc *i18n.Localizer, background func(func())) *RolePanel {
	p := &RolePanel{conn: conn, seat: seat, loc: loc, background: background, newRef: newChoiceRef, shownSeq: -1}
	lang := loc.Lang().String()
	var sc *scenario.Scenario
	conn.Read(func(st *engine.State) {
		sc = st.Scenario
		p.teams = []string{""}
		for _, t := range st.Teams {
			p.teams = append(p.teams, t.Name)
		}
	})
	var personaNames, channelNames, teamNames []string
	for _, ps := range sc.Personas {
		p.personas = append(p.personas, ps.ID)
		personaNames = append(personaNames, ps.SenderLine(lang))
	}
	if sc.Feed != nil {
		p.channels = append(p.channels, engine.RoleFeed)
	}
	p.channels = append(p.channels, scenario.Channels...)
	for _, c := range p.channels {
		channelNames = append(channelNames, p.channelName(c))
	}
	for _, t := range p.teams {
		teamNames = append(teamNames, p.teamName(t))
	}
	p.persona = widget.NewSelect(personaNames, nil)
	p.channel = widget.NewSelect(channelNames, nil)
	p.team = widget.NewSelect(teamNames, func(string) { p.drawActions() })
	if len(personaNames) > 0 {
		p.persona.SetSelectedIndex(0)
	}
	p.channel.SetSelectedIndex(0)
	p.team.SetSelectedIndex(0)
	p.threadLabel = ui.Muted("")
	p.clearThread = ui.NewIconButton(loc.T("roleplay.new_message"), theme.ContentClearIcon(), func() { p.setThread("", "") })
	p.clearThread.Importance = widget.LowImportance
	p.entry = widget.NewMultiLineEntry()
	p.entry.Wrapping = fyne.TextWrapWord
	p.entry.SetMinRowsVisible(3)
	p.entry.SetPlaceHolder(loc.T("roleplay.placeholder"))
	p.send = ui.NewIconButton(loc.T("roleplay.send"), theme.MailSendIcon(), p.sendMessage)
	p.send.Importance = widget.HighImportance
	p.msg = ui.Wrapped("")
	p.msg.Importance = widget.DangerImportance
	p.msg.Hide()
	p.activity = widget.NewActivity()
	p.wait = container.NewBorder(nil, nil, p.activity, nil, ui.Muted(loc.T("roleplay.sending")))
	p.wait.Hide()
	p.queue = container.NewVBox()
	p.log = container.NewVBox()
	p.actions = container.NewVBox()
	p.setThread("", "")

	form := container.New(layoutFormish{},
		widget.NewLabel(loc.T("roleplay.as")), p.persona,
		widget.NewLabel(loc.T("roleplay.channel")), p.channel,
		widget.NewLabel(loc.T("roleplay.to")), p.team,
	)
	composer := container.NewVBox(
		ui.Heading(loc.T("roleplay.compose")),
		container.NewBorder(nil, nil, nil, p.clearThread, p.threadLabel),
		form, p.entry,
		container.NewBorder(nil, nil, nil, p.send, container.NewVBox(p.wait, p.msg)),
		widget.NewSeparator(),
		p.actions,
		widget.NewSeparator(),
		ui.Heading(loc.T("roleplay.log")),
		p.log,
	)
	left := container.NewBorder(ui.Heading(loc.T("roleplay.queue")), nil, nil, nil, container.NewVScroll(p.queue))
	split := container.NewHSplit(left, container.NewVScroll(composer))
	split.Offset = 0.45
	p.root = container.NewPadded(split)
	p.drawActions()
	p.Refresh()
	return p
}

// Root is the panel's content.
func (p *RolePanel) Root() fyne.CanvasObject { return p.root }

func (p *RolePanel) channelName(c string) string {
	if c == engine.RoleFeed {
		return p.loc.T("roleplay.channel_feed")
	}
	return p.loc.T("channel." + c)
}

func (p *RolePanel) teamName(t string) string {
	if t == "" {
		return p.loc.T("roleplay.all_teams")
	}
	return t
}

// selected returns the id of a select's choice among ids.
func selected(s *widget.Select, ids []string) string {
	if i := s.SelectedIndex(); i >= 0 && i < len(ids) {
		return ids[i]
	}
	return ""
}

// setThread makes the next message an answer to what team sent (thread),
// or a new message ("").
func (p *RolePanel) setThread(team, thread string) {
	p.thread, p.threadTeam = thread, team
	if thread == "" {
		p.threadLabel.SetText(p.loc.T("roleplay.new_hint"))
		p.clearThread.Hide()
		return
	}
	var said string
	p.conn.Read(func(st *engine.State) {
		if t := st.Team(team); t != nil {
			said, _ = t.ThreadText(thread)
		}
	})
	p.threadLabel.SetText(p.loc.T("roleplay.answering", "team", team, "text", clip(oneLineText(said), 80)))
	p.clearThread.Show()
	for i, t := range p.teams {
		if t == team {
			p.team.SetSelectedIndex(i)
		}
	}
}

// sent is one thing a team sent, for the queue.
type sent struct {
	team, thread, what, text string
	at                       string
	channel, persona         string // the answer's natural channel and persona
	answered                 bool
	seq                      int
}

// Refresh redraws the queue and the log when the exercise has moved on.
func (p *RolePanel) Refresh() {
	var seq int64
	var items []sent
	var ivs []engine.Intervention
	var sc *scenario.Scenario
	teamsOf := map[string]*engine.Team{}
	p.conn.Read(func(st *engine.State) {
		seq, sc = st.Seq, st.Scenario
		if seq == p.shownSeq {
			return
		}
		p.ended = st.Ended
		ivs = append(ivs, st.Interventions...)
		answered := map[string]bool{}
		for _, iv := range st.Interventions {
			if iv.Thread != "" {
				answered[iv.Team+"\x00"+iv.Thread] = true
			}
		}
		lang := p.loc.Lang().String()
		for _, t := range st.Teams {
			teamsOf[t.Name] = t
			for i, r := range t.Replies {
				items = append(items, sent{team: t.Name, thread: engine.ThreadReply(i + 1), at: debrief.Clock(r.At), text: r.Text,
					what:    p.sentReply(r.Inject, lang),
					channel: r.Inject.Channel, persona: r.Inject.Persona, seq: int(r.At)})
			}
			for i, po := range t.Posts {
				items = append(items, sent{team: t.Name, thread: engine.ThreadPost(i + 1), at: debrief.Clock(po.At), text: po.Text,
					what: p.loc.T("post.channel." + po.Channel), channel: engine.RoleFeed, seq: int(po.At)})
			}
			for n, run := range t.Press {
				for q, a := range run.Answers {
					if a.Unanswered {
						continue
					}
					items = append(items, sent{team: t.Name, thread: engine.ThreadPress(n+1, q+1), at: debrief.Clock(a.At), text: a.Text,
						what:    p.loc.T("roleplay.sent_press", "question", clip(oneLineText(run.Questions[q].Text.Get(lang)), 60)),
						channel: "news", seq: int(a.At)})
				}
			}
		}
		for i := range items {
			items[i].answered = answered[items[i].team+"\x00"+items[i].thread]
		}
	})
	if seq == p.shownSeq {
		return
	}
	p.shownSeq = seq
	// Newest first: what a role-player answers is mostly what just came.
	for i := 1; i < len(items); i++ {
		for j := i; j > 0 && items[j].seq > items[j-1].seq; j-- {
			items[j], items[j-1] = items[j-1], items[j]
		}
	}
	var rows []fyne.CanvasObject
	if len(items) == 0 {
		rows = append(rows, ui.Muted(p.loc.T("roleplay.queue_empty")))
	}
	for _, it := range items {
		head := ui.WrappedBold(it.at + " · " + it.team + " · " + it.what)
		body := ui.Wrapped(clip(it.text, 400))
		answer := ui.NewIconButton(p.loc.T("roleplay.answer"), theme.MailReplyIcon(), func() {
			p.setThread(it.team, it.thread)
			p.pick(p.channel, p.channels, it.channel)
			if it.persona != "" {
				p.pick(p.persona, p.personas, it.persona)
			}
		})
		row := container.NewBorder(nil, nil, nil, answer, head)
		if it.answered {
			answer.Importance = widget.LowImportance
			row = container.NewBorder(nil, nil, widget.NewIcon(theme.ConfirmIcon()), answer, head)
		}
		rows = append(rows, ui.Panel(row, body))
	}
	p.queue.Objects = rows
	p.queue.Refresh()

	var lines []fyne.CanvasObject
	if len(ivs) == 0 {
		lines = append(lines, ui.Muted(p.loc.T("roleplay.log_empty")))
	}
	lang := p.loc.Lang().String()
	for i := len(ivs) - 1; i >= 0 && i >= len(ivs)-20; i-- {
		iv := ivs[i]
		to := p.teamName(iv.Team)
		lines = append(lines, ui.Wrapped(debrief.Clock(iv.At)+" · "+to+" · "+debrief.SeatName(iv.Seat, lang)+" · "+
			debrief.InterventionText(sc, teamsOf[iv.Team], iv, lang)))
	}
	p.log.Objects = lines
	p.log.Refresh()
	if p.ended {
		// Over: the engine would refuse anything sent now.
		p.send.Disable()
		p.entry.Disable()
	}
	p.drawActions()
}

// pick selects id among ids in s.
func (p *RolePanel) pick(s *widget.Select, ids []string, id string) {
	for i, x := range ids {
		if x == id {
			s.SetSelectedIndex(i)
		}
	}
}

// drawActions shows the follow-up decisions the scenario lets role-players
// open (for the team chosen, in its phase, not opened yet) and the nudges.
func (p *RolePanel) drawActions() {
	if p.actions == nil {
		return
	}
	team := selected(p.team, p.teams)
	lang := p.loc.Lang().String()
	var objs []fyne.CanvasObject
	p.conn.Read(func(st *engine.State) {
		rp := st.Scenario.Roleplay
		if rp == nil {
			return
		}
		if len(rp.Decisions) > 0 {
			objs = append(objs, ui.Heading(p.loc.T("roleplay.followups")))
			if team == "" {
				objs = append(objs, ui.Muted(p.loc.T("roleplay.followups_pick_team")))
			}
			for _, id := range rp.Decisions {
				d := st.Scenario.Decision(id)
				if d == nil {
					continue
				}
				b := ui.NewIconButton(p.loc.T("roleplay.open", "decision", clip(oneLineText(d.Prompt.Get(lang)), 70)), theme.ContentAddIcon(), func() {
					p.do(engine.Command{Kind: engine.CmdRoleOpen, Team: team, Decision: id})
				})
				t := st.Team(team)
				if t == nil || t.Ended || st.Scenario.Phase(t.Phase).Decision(id) == nil || t.IsOpen(id) || t.Opened(id) {
					b.Disable()
				}
				objs = append(objs, b)
			}
		}
		if len(rp.Nudge) > 0 {
			objs = append(objs, ui.Heading(p.loc.T("roleplay.nudges")))
			for _, v := range st.Scenario.World {
				lim, ok := rp.NudgeLimit(v.ID)
				if !ok {
					continue
				}
				step := func(d float64) func() {
					return func() {
						p.do(engine.Command{Kind: engine.CmdRoleNudge, Team: team, Effects: map[string]float64{v.ID: d}})
					}
				}
				down := ui.NewButton("−"+debrief.Number(lim), step(-lim))
				up := ui.NewButton("+"+debrief.Number(lim), step(lim))
				objs = append(objs, container.NewBorder(nil, nil, nil, container.NewHBox(down, up), widget.NewLabel(v.Label.Get(lang))))
			}
		}
	})
	if p.ended {
		for _, o := range objs {
			disableButtons(o)
		}
	}
	p.actions.Objects = objs
	p.actions.Refresh()
}

// sendMessage sends the composer's message as the persona chosen.
func (p *RolePanel) sendMessage() {
	text := strings.TrimSpace(p.entry.Text)
	if text == "" {
		p.say(p.loc.T("roleplay.empty"))
		return
	}
	team := selected(p.team, p.teams)
	cmd := engine.Command{Kind: engine.CmdRoleSay, Persona: selected(p.persona, p.personas), Channel: selected(p.channel, p.channels),
		Team: team, Text: text}
	if p.thread != "" && team == p.threadTeam {
		cmd.Thread = p.thread
	}
	p.do(cmd)
}

// RoleDraft is what the composer holds: who speaks, on which channel, to
// whom, what it answers and the text typed. A language switch makes a new
// panel; the draft carries over.
type RoleDraft struct {
	Persona, Channel, Team string
	Thread, ThreadTeam     string
	Text                   string
}

// Draft is what the composer holds now.
func (p *RolePanel) Draft() RoleDraft {
	return RoleDraft{Persona: selected(p.persona, p.personas), Channel: selected(p.channel, p.channels), Team: selected(p.team, p.teams),
		Thread: p.thread, ThreadTeam: p.threadTeam, Text: p.entry.Text}
}

// RestoreDraft puts a draft back in the composer (what it names that the
// exercise does not have is left as it is).
func (p *RolePanel) RestoreDraft(d RoleDraft) {
	p.pick(p.persona, p.personas, d.Persona)
	p.pick(p.channel, p.channels, d.Channel)
	p.pick(p.team, p.teams, d.Team)
	if d.Thread != "" {
		p.setThread(d.ThreadTeam, d.Thread)
		p.pick(p.team, p.teams, d.Team)
	}
	p.entry.SetText(d.Text)
}

// SetPending has the panel tell pending of each command on its way (done
// false) and of its settling, accepted or refused (done true).
func (p *RolePanel) SetPending(pending func(cmd engine.Command, done bool)) { p.pending = pending }

// do sends a role-player's command off the UI goroutine; the composer
// waits meanwhile, then empties (a message sent) or says why it was
// refused.
func (p *RolePanel) do(cmd engine.Command) {
	if p.sending {
		return
	}
	cmd.Seat, cmd.Ref = p.seat, p.newRef()
	p.sendAll([]engine.Command{cmd}, func(err error) {
		if err == nil && cmd.Kind == engine.CmdRoleSay {
			p.entry.SetText("")
			p.setThread("", "")
		}
	})
}

// Resend sends again, in order and with their ids (Ref), the commands a
// previous run of the app left on their way: the facilitator's laptop
// applies each once. The composer waits meanwhile.
func (p *RolePanel) Resend(cmds []engine.Command) {
	if len(cmds) > 0 {
		p.sendAll(cmds, nil)
	}
}

// sendAll sends commands one after another off the UI goroutine, telling
// pending before and after each; then says why the last refused one was
// refused, and runs done with its error (on the UI goroutine).
func (p *RolePanel) sendAll(cmds []engine.Command, done func(error)) {
	p.sending = true
	p.send.Disable()
	p.msg.Hide()
	p.wait.Show()
	p.activity.Start()
	if p.pending != nil {
		for _, cmd := range cmds {
			p.pending(cmd, false)
		}
	}
	p.background(func() {
		var last error
		for _, cmd := range cmds {
			err := p.conn.Send(cmd)
			// Accepted or refused, it is settled; a connection closed
			// for good (the laptop is closing) leaves it on its way.
			settled := err == nil || engine.RefusalCode(err) != "" || errors.Is(err, engine.ErrRejected)
			if err != nil {
				last = err
			}
			ui.Do(func() {
				if settled && p.pending != nil {
					p.pending(cmd, true)
				}
			})
		}
		ui.Do(func() {
			p.sending = false
			if !p.ended {
				p.send.Enable()
			}
			p.wait.Hide()
			p.activity.Stop()
			if last != nil {
				p.say(p.loc.T("roleplay.refused", "reason", ui.ErrorText(p.loc, last)))
			}
			if done != nil {
				done(last)
			}
			p.shownSeq = -1
			p.Refresh()
		})
	})
}

// disableButtons disables the buttons in o.
func disableButtons(o fyne.CanvasObject) {
	switch x := o.(type) {
	case *ui.KeyButton:
		x.Disable()
	case *fyne.Container:
		for _, c := range x.Objects {
			disableButtons(c)
		}
	}
}

func (p *RolePanel) say(s string) {
	p.msg.SetText(s)
	p.msg.Show()
}

// sentReply says what a reply answered: its channel and sender.
func (p *RolePanel) sentReply(in *scenario.Inject, lang string) string {
	channel := p.loc.T("channel." + in.Channel)
	if from := in.From.Get(lang); from != "" {
		return p.loc.T("roleplay.sent_reply_from", "channel", channel, "from", from)
	}
	return p.loc.T("roleplay.sent_reply", "channel", channel)
}

// oneLineText joins a text's lines.
func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }

// clip shortens s to n characters with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// layoutFormish lays out label, field pairs in rows: the labels as wide as
// the widest, the fields the rest.
type layoutFormish struct{}

func (layoutFormish) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var lw, fw, h float32
	for i := 0; i+1 < len(objs); i += 2 {
		l, f := objs[i].MinSize(), objs[i+1].MinSize()
		lw, fw = max(lw, l.Width), max(fw, f.Width)
		h += max(l.Height, f.Height) + theme.Padding()
	}
	return fyne.NewSize(lw+fw+theme.Padding(), h)
}

func (layoutFormish) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var lw float32
	for i := 0; i+1 < len(objs); i += 2 {
		lw = max(lw, objs[i].MinSize().Width)
	}
	var y float32
	for i := 0; i+1 < len(objs); i += 2 {
		h := max(objs[i].MinSize().Height, objs[i+1].MinSize().Height)
		objs[i].Move(fyne.NewPos(0, y))
		objs[i].Resize(fyne.NewSize(lw, h))
		objs[i+1].Move(fyne.NewPos(lw+theme.Padding(), y))
		objs[i+1].Resize(fyne.NewSize(size.Width-lw-theme.Padding(), h))
		y += h + theme.Padding()
	}
}
