package play

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// Press conferences in the team view: while one runs for the team, a
// panel at the top of the left column shows the reporter, the question,
// the time left to answer it, an answer box and the questions before it.
// The panel follows the exercise by itself (its own subscription, and a
// half-second tick for the countdown while a question is being asked), so
// the team view only places it.

// pressTick is how often the panel's countdown is redrawn.
const pressTick = 500 * time.Millisecond

// pressDraft names an answer being written: a language switch builds the
// team view again, and the draft must survive it.
type pressDraft struct {
	conn       engine.Conn
	team, conf string
	n          int
}

// pressDrafts are the answers being written, by question (UI goroutine
// only). A draft goes when its question changes.
var pressDrafts = map[pressDraft]string{}

// pressPanel is a team's press conference panel.
type pressPanel struct {
	tv       *TeamView
	root     *fyne.Container
	title    *ui.WrapLabel // wraps: a long title must not widen the window
	progress *ui.WrapLabel // question n of m · the reporter
	question *ui.WrapLabel
	left     *widget.Label // time left
	bar      *pressBar
	entry    *ui.SendEntry
	send     *ui.KeyButton
	msg      *ui.WrapLabel // why the last answer was refused, or that it is empty
	note     *ui.WrapLabel // the clock is paused
	earlier  *fyne.Container
	answer   *fyne.Container // the entry, the message and the button

	// What is shown: the conference and question (1-based), when it was
	// asked and when its clock runs out.
	conf              string
	n                 int
	askedAt, deadline time.Duration
	sending           bool
	seq               int64           // the state drawn last
	ticker            *ui.ClockTicker // redraws the countdown; nil while none runs
	cancel            func()
}

// pressPanel makes the team's press conference panel (hidden while none
// has started) and starts it following the exercise.
func (tv *TeamView) pressPanel() fyne.CanvasObject {
	loc := tv.loc
	p := &pressPanel{tv: tv, title: ui.WrappedHeading(""), progress: ui.Wrapped(""), question: ui.WrappedBold(""),
		left: widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true, Bold: true}),
		bar:  newPressBar(), entry: ui.NewSendEntry(), msg: ui.Wrapped(""), note: ui.Muted(""),
		earlier: container.NewVBox(), seq: -1}
	p.entry.SetMinRowsVisible(3)
	p.entry.SetPlaceHolder(loc.T("press.placeholder"))
	p.entry.OnSend = p.sendAnswer
	p.entry.OnChanged = func(text string) {
		if p.n == 0 {
			return
		}
		key := pressDraft{p.tv.conn, p.tv.team, p.conf, p.n}
		if text == "" {
			delete(pressDrafts, key)
		} else {
			pressDrafts[key] = text
		}
	}
	p.send = ui.NewIconButton(loc.T("press.send"), theme.MailSendIcon(), p.sendAnswer)
	p.send.Importance = widget.HighImportance
	p.msg.Importance = widget.DangerImportance
	p.msg.Hide()
	p.note.Hide()
	p.answer = container.NewVBox(p.entry, p.msg, p.note, container.NewHBox(p.send))
	card := ui.Panel(
		container.NewBorder(nil, nil, widget.NewIcon(theme.MediaRecordIcon()), p.left, p.title),
		p.bar.box, p.progress, p.question, p.answer, p.earlier)
	p.root = container.NewVBox(card, widget.NewSeparator())
	p.root.Hide()
	p.update()
	p.cancel = tv.conn.Subscribe(func(engine.Event) { ui.Do(p.update) })
	return p.root
}

// ticking starts or stops the ticker that redraws the countdown: it runs
// only while a question is being asked.
func (p *pressPanel) ticking(on bool) {
	switch {
	case on && p.ticker == nil:
		p.ticker = ui.StartClockTicker(pressTick, func() { ui.Do(p.tick) })
	case !on && p.ticker != nil:
		p.ticker.Stop()
		p.ticker = nil
	}
}

// closed stops the panel once its team view has closed.
func (p *pressPanel) closed() bool {
	if !p.tv.closed {
		return false
	}
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
	p.ticking(false)
	return true
}

// pressShown is what the panel draws of the team's conferences, copied
// under Read.
type pressShown struct {
	teamClock
	run *engine.PressRun // the running conference, or the latest held; nil: none
}

func (p *pressPanel) read() pressShown {
	var s pressShown
	p.tv.conn.Read(func(st *engine.State) {
		t := st.Team(p.tv.team)
		if t == nil {
			return
		}
		s.teamClock = clockOf(st, t)
		r := t.RunningPress()
		if r == nil && len(t.Press) > 0 {
			r = &t.Press[len(t.Press)-1]
		}
		if r != nil {
			c := *r // its lists only grow: the copy's stay as they are
			s.run = &c
		}
	})
	return s
}

// update draws the panel as the exercise stands.
func (p *pressPanel) update() {
	if p.closed() {
		return
	}
	s := p.read()
	if s.seq == p.seq {
		p.tick()
		return
	}
	p.seq = s.seq
	loc := p.tv.loc
	lang := p.tv.lang // the scenario's words in the exercise's language, as the inbox shows them
	if lang == "" {
		lang = loc.Lang().String()
	}
	if s.run == nil {
		p.ticking(false)
		p.root.Hide()
		return
	}
	r := s.run
	p.title.SetText(loc.T("press.title", "title", r.Conference.Title.Get(lang)))
	n, q, deadline, running := r.Current()
	if running && !s.ended {
		if r.Conference.ID != p.conf || n != p.n {
			// A new question: the box starts empty, or with the draft a
			// view before this one kept.
			if p.n != 0 {
				delete(pressDrafts, pressDraft{p.tv.conn, p.tv.team, p.conf, p.n})
			}
			p.conf, p.n = r.Conference.ID, n
			p.entry.SetText(pressDrafts[pressDraft{p.tv.conn, p.tv.team, p.conf, p.n}])
			p.msg.Hide()
			p.sending = false
		}
		p.askedAt, p.deadline = r.AskedAt, deadline
		p.progress.SetText(loc.T("press.question_of", "n", n, "total", len(r.Questions), "from", q.From.Get(lang)))
		p.question.SetText(q.Text.Get(lang))
		p.question.Show()
		p.left.Show()
		p.bar.box.Show()
		p.answer.Show()
		canAnswer := s.canAct() // not ended, here
		if canAnswer {
			p.note.Hide()
		} else {
			p.note.SetText(loc.T("press.paused"))
			p.note.Show()
		}
		p.drawSend(canAnswer)
		p.ticking(true)
	} else {
		p.ticking(false)
		if p.n != 0 {
			delete(pressDrafts, pressDraft{p.tv.conn, p.tv.team, p.conf, p.n})
		}
		p.conf, p.n = "", 0
		sc := r.Score()
		p.progress.SetText(loc.T("press.over", "answered", sc.Answered, "total", sc.Asked))
		p.question.Hide()
		p.left.Hide()
		p.bar.box.Hide()
		p.answer.Hide()
	}
	p.drawEarlier(r, lang)
	p.root.Show()
	p.tick()
}

// drawSend sets the send button for the state of the box.
func (p *pressPanel) drawSend(canAnswer bool) {
	loc := p.tv.loc
	drawSendButton(p.send, p.sending, canAnswer, loc.T("press.send"), loc.T("press.sending"))
}

// drawEarlier lists the questions dealt with, newest first (at most
// three: the panel must leave room for the decisions below it).
func (p *pressPanel) drawEarlier(r *engine.PressRun, lang string) {
	loc := p.tv.loc
	var objs []fyne.CanvasObject
	for i := len(r.Answers) - 1; i >= 0 && len(objs) < 3; i-- {
		a, q := r.Answers[i], r.Questions[i]
		line := loc.T("press.earlier", "n", i+1, "question", ui.ClipText(q.Text.Get(lang), 60))
		var said string
		switch {
		case a.Unanswered:
			said = loc.T("press.unanswered")
		default:
			said = loc.T("press.answered", "time", debrief.Clock(a.At), "text", ui.ClipText(a.Text, 90))
		}
		objs = append(objs, ui.Muted(line+"\n"+said))
	}
	if len(objs) > 0 {
		objs = append([]fyne.CanvasObject{widget.NewSeparator()}, objs...)
	}
	p.earlier.Objects = objs
	p.earlier.Refresh()
}

// tick redraws the time left to answer.
func (p *pressPanel) tick() {
	if p.closed() || p.n == 0 {
		return
	}
	now := p.tv.conn.ExerciseTime()
	left := max(0, p.deadline-now)
	text := p.tv.loc.T("press.left", "time", ui.FormatCountdown(left))
	imp := widget.MediumImportance
	if left <= 20*time.Second {
		imp = widget.DangerImportance
	}
	if p.left.Text != text || p.left.Importance != imp {
		p.left.Text, p.left.Importance = text, imp
		p.left.Refresh()
	}
	if span := p.deadline - p.askedAt; span > 0 {
		p.bar.set(float32(min(1, max(0, float64(now-p.askedAt)/float64(span)))), imp == widget.DangerImportance)
	}
}

// pressBar is a thin bar of the question's time used, as a decision's
// countdown has: the room sees it from across a table.
type pressBar struct {
	box         *fyne.Container
	track, fill *canvas.Rectangle
	used        float32
	late        bool
}

func newPressBar() *pressBar {
	b := &pressBar{track: canvas.NewRectangle(theme.Color(theme.ColorNameInputBorder)),
		fill: canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))}
	b.track.CornerRadius, b.fill.CornerRadius = 3, 3
	b.box = container.New(b, b.track, b.fill)
	return b
}

// set redraws the bar with the share used (0–1), red when time is short.
func (b *pressBar) set(used float32, late bool) {
	if used == b.used && late == b.late {
		return
	}
	b.used, b.late = used, late
	b.fill.FillColor = theme.Color(theme.ColorNamePrimary)
	if late {
		b.fill.FillColor = theme.Color(theme.ColorNameError)
	}
	b.box.Refresh()
}

// Layout implements fyne.Layout: the track full width, the fill over the
// share used.
func (b *pressBar) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	b.track.Resize(size)
	b.fill.Resize(fyne.NewSize(size.Width*b.used, size.Height))
}

// MinSize implements fyne.Layout.
func (b *pressBar) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 6) }

// sendAnswer sends the box's text as the answer to the question shown,
// off the UI goroutine as replies are (an fsync here, the network on a
// team laptop, with an id so that a resend is applied once).
func (p *pressPanel) sendAnswer() {
	if p.sending || p.n == 0 {
		return
	}
	loc := p.tv.loc
	text := strings.TrimSpace(p.entry.Text)
	if text == "" {
		p.msg.SetText(loc.T("press.empty"))
		p.msg.Show()
		return
	}
	cmd := engine.Command{Kind: engine.CmdAnswer, Team: p.tv.team, Conference: p.conf, Question: p.n, Text: text, Ref: newChoiceRef()}
	p.sending = true
	p.msg.Hide()
	p.drawSend(false)
	p.tv.sendReplyCmd(cmd, func(err error) {
		p.sending = false
		if err != nil {
			p.msg.SetText(pressRefusedText(p.tv, err))
			p.msg.Show()
		} else if p.conf == cmd.Conference && p.n == cmd.Question {
			p.entry.SetText("")
		}
		p.seq = -1
		p.update()
	})
}

// pressRefusedText says why an answer was not stored, in the UI's language.
func pressRefusedText(tv *TeamView, err error) string {
	if engine.RefusalCode(err) != "" {
		return tv.loc.T("press.refused", "reason", debrief.RefusalWords(err, tv.loc.Lang().String()))
	}
	return ui.ErrorText(tv.loc, err)
}

// pressLine is a team's conference in a line for the console: the question
// being asked and its time left, or the score of one that is over.
func pressLine(c *console, r engine.PressRun, now time.Duration, lang string) string {
	loc := c.loc
	title := r.Conference.Title.Get(lang)
	if n, _, deadline, ok := r.Current(); ok {
		return loc.T("press.console_running", "title", title, "n", n, "total", len(r.Questions),
			"left", ui.FormatCountdown(max(0, deadline-now)))
	}
	sc := r.Score()
	return loc.T("press.console_over", "title", title, "answered", sc.Answered, "total", sc.Asked,
		"score", fmt.Sprintf("%.0f", sc.Score))
}
