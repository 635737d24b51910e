package join

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"slices"
	"strconv"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/feedbackform"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/lan"
)

// Participant feedback at the hotwash from a team laptop: once the
// exercise has ended the team's laptop offers the participant feedback
// form (the facilitator's form's fields, app/ui/feedbackform), filled in
// by one participant after another and sent to the facilitator's laptop
// (lan.Client.SendFeedback), which stores it under the team. Whether the
// form asks for a name follows the facilitator's anonymity choice, as the
// host's heartbeat says it. A form on its way is kept in the saved join
// (Saved.Forms) and sent again with its id after a restart.

// FeedbackConn is a connection that carries participants' forms
// (lan.Client).
type FeedbackConn interface {
	FeedbackState() (open, anonymous bool)
	SendFeedback(ctx context.Context, ref string, f debrief.FeedbackForm) error
}

// PendingForm is a form on its way, as kept in Saved.
type PendingForm struct {
	Ref  string               `json:"ref"`
	Form debrief.FeedbackForm `json:"form"`
}

// teamFeedback is the form on a team's laptop; the remote screen shows it
// instead of the team's view while open.
type teamFeedback struct {
	r      *remoteScreen
	conn   FeedbackConn
	fields *feedbackform.Fields
	ctx    context.Context
	cancel context.CancelFunc

	busy bool
	sent int
	// anonymous is what the form was last drawn for.
	anonymous bool
	said      func(*i18n.Localizer) string
	status    *ui.WrapLabel
	closed    *ui.WrapLabel
	send      *ui.KeyButton
	scroll    *container.Scroll
}

func newTeamFeedback(r *remoteScreen, conn FeedbackConn) *teamFeedback {
	ctx, cancel := context.WithCancel(context.Background())
	return &teamFeedback{r: r, conn: conn, fields: feedbackform.New(), ctx: ctx, cancel: cancel}
}

// build draws the form under the laptop's top line.
func (f *teamFeedback) build(loc *i18n.Localizer, top fyne.CanvasObject) fyne.CanvasObject {
	team := f.r.conn.Team()
	open, anon := f.conn.FeedbackState()
	f.anonymous = anon
	title := ui.Heading(loc.T("feedback.lan.title", "team", team))
	title.Truncation = fyne.TextTruncateEllipsis
	back := ui.NewIconButton(loc.T("feedback.lan.back"), theme.NavigateBackIcon(), func() {
		f.r.formShown = false
		f.r.host.Show(f.r)
	})
	head := container.NewBorder(nil, nil, nil, back, title)
	who := container.New(layout.NewFormLayout(), widget.NewLabel(loc.T("feedback.team")), widget.NewLabel(team))
	help := "feedback.lan.named"
	if anon {
		help = "feedback.lan.anonymous"
	} else {
		who.Objects = append(who.Objects, f.fields.NameRows(loc)...)
	}
	anonLine := ui.Wrapped(loc.T(help))
	if anon {
		anonLine.Importance = widget.WarningImportance
	}
	left := container.NewVBox(ui.WrappedHeading(loc.T("feedback.who")), anonLine, who)
	left.Objects = append(left.Objects, f.fields.Ratings(loc)...)
	right := f.fields.Questions(loc, func() *container.Scroll { return f.scroll })

	f.send = ui.NewIconButton(loc.T("feedback.lan.send"), theme.MailSendIcon(), f.submit)
	f.send.Importance = widget.HighImportance
	ui.SetEnabled(f.send, !f.busy)
	f.status = ui.Muted("")
	if f.said != nil {
		f.status.SetText(f.said(loc))
	}
	f.closed = ui.Wrapped(loc.T("feedback.lan.closed"))
	f.closed.Importance = widget.WarningImportance
	if open {
		f.closed.Hide()
	}
	foot := container.NewBorder(nil, nil, nil, f.send, f.status)
	f.scroll = container.NewVScroll(ui.Column(1100, container.NewPadded(container.NewGridWithColumns(2, left, right))))
	return container.NewBorder(container.NewVBox(container.NewPadded(top), container.NewPadded(head), ui.Muted(loc.T("feedback.lan.intro")), f.closed, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), container.NewPadded(foot)), nil, nil, f.scroll)
}

// refresh follows the host's word on feedback: whether forms are taken
// now, and whether anonymously (the form is drawn again when that
// changes: the name fields go or come).
func (f *teamFeedback) refresh() {
	open, anon := f.conn.FeedbackState()
	if anon != f.anonymous {
		if anon {
			f.fields.Name.SetText("")
			f.fields.Role.SetText("")
		}
		f.r.host.Show(f.r)
		return
	}
	if f.closed != nil {
		if open {
			f.closed.Hide()
		} else {
			f.closed.Show()
		}
	}
}

// submit sends the form in the background; the form empties once the
// facilitator's laptop has it.
func (f *teamFeedback) submit() {
	if f.busy {
		return
	}
	form := f.fields.Form(f.r.conn.Team(), f.anonymous, f.r.host.Loc().Lang().String())
	if err := form.Clean().Validate(); err != nil {
		f.say(func(loc *i18n.Localizer) string { return feedbackform.ErrorText(loc, err) })
		return
	}
	form = form.Clean()
	p := PendingForm{Ref: newFormRef(), Form: form}
	keepForm(f.r.savedJoin(), p, false)
	f.busy = true
	ui.SetEnabled(f.send, false)
	f.say(func(loc *i18n.Localizer) string { return loc.T("feedback.lan.sending") })
	go func() {
		err := f.conn.SendFeedback(f.ctx, p.Ref, p.Form)
		if errors.Is(err, context.Canceled) {
			return // the screen stopped: the form stays kept, for a rejoin
		}
		if err == nil || refusedForm(err) {
			keepForm(Saved{}, p, true)
		}
		ui.Do(func() { f.settled(err) })
	}()
}

// settled shows a sent form's outcome.
func (f *teamFeedback) settled(err error) {
	f.busy = false
	if f.send != nil {
		ui.SetEnabled(f.send, true)
	}
	if err != nil {
		if errors.Is(err, lan.ErrFeedbackAnonymous) {
			f.fields.Name.SetText("")
			f.fields.Role.SetText("")
		}
		f.say(func(loc *i18n.Localizer) string { return feedbackErrorText(loc, err) })
		return
	}
	f.sent++
	n := f.sent
	f.fields.Clear()
	f.say(func(loc *i18n.Localizer) string { return loc.T("feedback.lan.sent", "n", strconv.Itoa(n)) })
}

func (f *teamFeedback) say(text func(*i18n.Localizer) string) {
	f.said = text
	if f.status != nil {
		f.status.SetText(text(f.r.host.Loc()))
	}
}

func (f *teamFeedback) stop() { f.cancel() }

// refusedForm tells whether the facilitator's laptop answered a form with
// a refusal (as opposed to the form not arriving).
func refusedForm(err error) bool {
	return errors.Is(err, lan.ErrFeedbackNotEnded) || errors.Is(err, lan.ErrFeedbackClosed) ||
		errors.Is(err, lan.ErrFeedbackAnonymous) || errors.Is(err, lan.ErrFeedbackInvalid)
}

// feedbackErrorText says why a form was not taken, in the UI's words.
func feedbackErrorText(loc *i18n.Localizer, err error) string {
	switch {
	case errors.Is(err, lan.ErrFeedbackNotEnded):
		return loc.T("feedback.lan.error_not_ended")
	case errors.Is(err, lan.ErrFeedbackClosed):
		return loc.T("feedback.lan.error_closed")
	case errors.Is(err, lan.ErrFeedbackAnonymous):
		return loc.T("feedback.lan.error_anonymous")
	case errors.Is(err, lan.ErrFeedbackInvalid):
		return loc.T("feedback.lan.error_invalid")
	}
	if text, ok := lanErrorText(loc, err); ok {
		return text
	}
	return feedbackform.ErrorText(loc, err)
}

// keepForm keeps a form on its way in the saved join (done false), or
// drops it once the facilitator's laptop answered (done true). After the
// end the saved join is kept only while forms are on their way: a form
// kept after the end keeps base (the join of the laptop), marked ended.
func keepForm(base Saved, p PendingForm, done bool) {
	formsMu.Lock()
	defer formsMu.Unlock()
	s, ok := LoadSaved()
	if !ok {
		if done || base.Address == "" {
			return
		}
		s = base
		s.Ended, s.Pending = true, nil
	}
	s.Forms = slices.DeleteFunc(s.Forms, func(q PendingForm) bool { return q.Ref == p.Ref })
	if !done {
		s.Forms = append(s.Forms, p)
	}
	if s.Ended && len(s.Forms) == 0 {
		storeSaved(nil)
		return
	}
	storeSaved(&s)
}

// formsMu keeps keepForm's read and write of the saved join together: a
// form is settled off the UI goroutine while another is kept on it.
var formsMu sync.Mutex

// newFormRef is a new form's id.
func newFormRef() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return "form-" + hex.EncodeToString(b)
}

// resendForms sends again the forms a previous run of the app left on
// their way, with their ids: the facilitator's laptop stores each once.
func (f *teamFeedback) resendForms(forms []PendingForm) {
	for _, p := range forms {
		go func() {
			err := f.conn.SendFeedback(f.ctx, p.Ref, p.Form)
			if errors.Is(err, context.Canceled) {
				return
			}
			keepForm(Saved{}, p, true)
			ui.Do(func() {
				if err == nil {
					f.sent++
				}
			})
		}()
	}
}
