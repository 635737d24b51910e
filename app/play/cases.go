package play

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// Customer cases in the team view: each case that reached the team is a
// card at the top of the left column (under a running press conference):
// the customer, who they are, what they wrote, the remedies to choose
// from, a reply box with the judge's live feedback, and a button that
// sends the remedy and the reply as one command. A handled case shrinks to
// a line. The panel follows the exercise by itself (its own
// subscription), so the team view only places it; a team laptop gets the
// same panel, its commands travelling through the host (internal/lan).

// caseDraft names a case being answered: a language switch builds the
// team view again, and the remedy picked and the reply written must
// survive it.
type caseDraft struct {
	conn     engine.Conn
	team, id string
}

// caseWork is what a team has picked and written for a case so far.
type caseWork struct {
	remedy string
	text   string
}

// caseDrafts are the cases being answered (UI goroutine only). A draft
// goes when its case is handled.
var caseDrafts = map[caseDraft]caseWork{}

// casesPanel is a team's customer cases.
type casesPanel struct {
	tv      *TeamView
	root    *fyne.Container
	heading *widget.Label
	list    *fyne.Container
	cards   map[string]*caseCard
	seq     int64
	cancel  func()
}

// caseCard is one open case's card.
type caseCard struct {
	p        *casesPanel
	id       string
	box      *fyne.Container
	due      *ui.WrapLabel
	remedies *widget.RadioGroup
	ids      map[string]string // a remedy's label → its id
	entry    *ui.SendEntry
	rubric   *rubricView
	send     *ui.KeyButton
	msg      *ui.WrapLabel
	note     *ui.WrapLabel
	sending  bool
}

// casesPanel makes the team's cases panel (hidden while no case has
// reached the team) and starts it following the exercise.
func (tv *TeamView) casesPanel() fyne.CanvasObject {
	p := &casesPanel{tv: tv, heading: ui.Heading(""), list: container.NewVBox(), cards: map[string]*caseCard{}, seq: -1}
	p.root = container.NewVBox(p.heading, p.list, widget.NewSeparator())
	p.root.Hide()
	tv.cases = p
	p.update()
	p.cancel = tv.conn.Subscribe(func(engine.Event) { ui.Do(p.update) })
	return p.root
}

// teamClock is where a team's exercise stands for a panel the team acts
// in: the state's sequence number, a pause (a discussion pause lets teams
// act on), and whether the team's exercise has ended.
type teamClock struct {
	seq                       int64
	paused, discussion, ended bool
}

func clockOf(st *engine.State, t *engine.Team) teamClock {
	return teamClock{seq: st.Seq, paused: st.Paused, discussion: st.Discussion, ended: st.Ended || t.Ended}
}

// canAct reports whether the team may send: the clock runs, or is paused
// for discussion, and the exercise has not ended for it.
func (c teamClock) canAct() bool { return (!c.paused || c.discussion) && !c.ended }

// casesShown is what the panel draws, copied under Read.
type casesShown struct {
	teamClock
	cases []engine.CaseState
}

func (p *casesPanel) read() casesShown {
	var s casesShown
	p.tv.conn.Read(func(st *engine.State) {
		t := st.Team(p.tv.team)
		if t == nil {
			return
		}
		s.teamClock = clockOf(st, t)
		s.cases = append(s.cases, t.Cases...) // copied: the fold changes them copy-on-write
	})
	return s
}

// closed stops the panel once its team view has closed.
func (p *casesPanel) closed() bool {
	if !p.tv.closed {
		return false
	}
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
	for _, c := range p.cards {
		c.rubric.stop()
	}
	return true
}

// lang is the language of the scenario's words (the exercise's).
func (p *casesPanel) lang() string {
	if p.tv.lang != "" {
		return p.tv.lang
	}
	return p.tv.loc.Lang().String()
}

// update draws the panel as the exercise stands.
func (p *casesPanel) update() {
	if p.closed() {
		return
	}
	s := p.read()
	if s.seq == p.seq {
		return
	}
	p.seq = s.seq
	if len(s.cases) == 0 {
		p.root.Hide()
		return
	}
	loc, lang := p.tv.loc, p.lang()
	open := 0
	var openObjs, doneObjs []fyne.CanvasObject
	for _, c := range s.cases {
		if !c.Open() {
			if card := p.cards[c.Case.ID]; card != nil {
				card.rubric.stop()
				delete(p.cards, c.Case.ID)
			}
			delete(caseDrafts, caseDraft{p.tv.conn, p.tv.team, c.Case.ID})
			line := loc.T("cases.handled", "name", c.Case.Name.Get(lang), "remedy", c.Remedy.Label.Get(lang), "time", debrief.Clock(c.At))
			doneObjs = append(doneObjs, ui.IconLine(theme.ConfirmIcon(), line))
			continue
		}
		open++
		card := p.cards[c.Case.ID]
		if card == nil {
			card = p.newCard(c)
			p.cards[c.Case.ID] = card
		}
		card.draw(c, s)
		openObjs = append(openObjs, card.box)
	}
	if open > 0 {
		p.heading.SetText(loc.T("cases.heading", "open", open))
	} else {
		p.heading.SetText(loc.T("cases.heading_done"))
	}
	p.list.Objects = append(openObjs, doneObjs...)
	p.list.Refresh()
	p.root.Show()
}

// newCard makes the card of an open case, with the draft a view before
// this one kept.
func (p *casesPanel) newCard(c engine.CaseState) *caseCard {
	loc, lang := p.tv.loc, p.lang()
	card := &caseCard{p: p, id: c.Case.ID, ids: map[string]string{}, due: ui.Muted(""), msg: ui.Wrapped(""), note: ui.Muted(""),
		entry: ui.NewSendEntry()}
	var labels []string
	for _, r := range c.Remedies() {
		l := r.Label.Get(lang)
		card.ids[l] = r.ID
		labels = append(labels, l)
	}
	card.remedies = widget.NewRadioGroup(labels, func(string) { card.saveDraft() })
	card.entry.SetMinRowsVisible(3)
	card.entry.SetPlaceHolder(loc.T("cases.placeholder", "name", c.Case.Name.Get(lang)))
	card.entry.OnSend = card.sendCase
	card.rubric = newRubricView(loc, p.tv.lang, rubricFacts(p.tv.scenario, c.Case.Reply.RequiredFacts, p.tv.lang), c.Case.Reply.Hazard, c.Case.Reply.Kind)
	card.entry.OnChanged = func(text string) {
		card.saveDraft()
		card.rubric.textChanged(text)
	}
	if d, ok := caseDrafts[caseDraft{p.tv.conn, p.tv.team, c.Case.ID}]; ok {
		for l, id := range card.ids {
			if id == d.remedy {
				card.remedies.Selected = l
			}
		}
		card.entry.SetText(d.text)
		card.rubric.judgeNow(d.text)
	}
	card.send = ui.NewIconButton(loc.T("cases.send"), theme.MailSendIcon(), card.sendCase)
	card.send.Importance = widget.HighImportance
	card.msg.Importance = widget.DangerImportance
	card.msg.Hide()
	card.note.Hide()
	who := ui.WrappedBold(loc.T("cases.customer", "name", c.Case.Name.Get(lang), "segment", c.Case.Segment.Get(lang)))
	card.box = container.NewVBox(ui.Panel(
		container.NewBorder(nil, nil, widget.NewIcon(theme.AccountIcon()), nil, who),
		card.due, ui.Wrapped(c.Message.Get(lang)),
		ui.Bold(loc.T("cases.remedy")), card.remedies,
		card.entry, card.rubric.box, card.msg, card.note, container.NewHBox(card.send)))
	return card
}

// saveDraft keeps what the card holds, for a view built after this one.
func (c *caseCard) saveDraft() {
	key := caseDraft{c.p.tv.conn, c.p.tv.team, c.id}
	w := caseWork{remedy: c.ids[c.remedies.Selected], text: c.entry.Text}
	if w == (caseWork{}) {
		delete(caseDrafts, key)
		return
	}
	caseDrafts[key] = w
}

// draw sets the card's deadline line and button for the state.
func (c *caseCard) draw(cs engine.CaseState, s casesShown) {
	loc := c.p.tv.loc
	if cs.Missed {
		c.due.SetText(loc.T("cases.overdue", "arrived", debrief.Clock(cs.ArrivedAt), "due", debrief.Clock(cs.DeadlineAt())))
		c.due.Importance = widget.DangerImportance
	} else {
		c.due.SetText(loc.T("cases.due", "arrived", debrief.Clock(cs.ArrivedAt), "due", debrief.Clock(cs.DeadlineAt())))
		c.due.Importance = widget.MediumImportance
	}
	c.due.Refresh()
	canSend := s.canAct()
	if !canSend && !s.ended {
		c.note.SetText(loc.T("cases.paused"))
		c.note.Show()
	} else {
		c.note.Hide()
	}
	c.drawSend(canSend)
}

func (c *caseCard) drawSend(canSend bool) {
	loc := c.p.tv.loc
	drawSendButton(c.send, c.sending, canSend, loc.T("cases.send"), loc.T("cases.sending"))
}

// drawSendButton shows a send button sending (its busy label, disabled)
// or ready (its label, enabled when can).
func drawSendButton(b *ui.KeyButton, sending, can bool, label, busy string) {
	if sending {
		b.SetText(busy)
		b.Disable()
		return
	}
	b.SetText(label)
	if can {
		b.Enable()
	} else {
		b.Disable()
	}
}

// sendCase sends the remedy picked and the reply as one command, off the
// UI goroutine as replies are (an fsync here, the network on a team
// laptop, with an id so that a resend is applied once).
func (c *caseCard) sendCase() {
	if c.sending {
		return
	}
	loc := c.p.tv.loc
	remedy := c.ids[c.remedies.Selected]
	text := strings.TrimSpace(c.entry.Text)
	switch {
	case remedy == "":
		c.msg.SetText(loc.T("cases.no_remedy"))
		c.msg.Show()
		return
	case text == "":
		c.msg.SetText(loc.T("cases.empty"))
		c.msg.Show()
		return
	}
	cmd := engine.Command{Kind: engine.CmdHandleCase, Team: c.p.tv.team, Case: c.id, Option: remedy, Text: text, Ref: newChoiceRef()}
	c.sending = true
	c.msg.Hide()
	c.drawSend(false)
	c.p.tv.sendReplyCmd(cmd, func(err error) {
		c.sending = false
		if err != nil {
			c.msg.SetText(caseRefusedText(c.p.tv, err))
			c.msg.Show()
		}
		c.p.seq = -1
		c.p.update()
	})
}

// caseRefusedText says why a case was not sent, in the UI's language.
func caseRefusedText(tv *TeamView, err error) string {
	if engine.RefusalCode(err) != "" {
		return tv.loc.T("cases.refused", "reason", debrief.RefusalWords(err, tv.loc.Lang().String()))
	}
	return ui.ErrorText(tv.loc, err)
}

// casesLine is a team's cases in a line for the console: how many were
// handled, how many wait, how many are past their deadline; "" when none
// reached the team.
func casesLine(c *console, cases []engine.CaseState) string {
	if len(cases) == 0 {
		return ""
	}
	handled, open, late := 0, 0, 0
	for _, cs := range cases {
		switch {
		case !cs.Open():
			handled++
		default:
			open++
			if cs.Missed {
				late++
			}
		}
	}
	line := c.loc.T("cases.console", "handled", handled, "open", open)
	if late > 0 {
		line += c.loc.T("cases.console_missed", "missed", late)
	}
	return line
}
