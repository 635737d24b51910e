package review

import (
	"maps"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/feedbackform"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// Participant feedback (the hotwash): the debrief's Feedback tab
// summarises the forms saved (debrief.FeedbackSummary, as the exports do)
// and opens the form, which the facilitator's laptop passes from one
// participant to the next ("Save and next participant"). The facilitator
// sets once per exercise whether feedback is anonymous: then the form has
// no name or role fields and the database keeps none.

// feedbackTab is the debrief's Feedback tab.
func (d *Debrief) feedbackTab() fyne.CanvasObject {
	loc := d.host.Loc()
	collect := ui.NewIconButton(loc.T("feedback.collect"), theme.DocumentCreateIcon(), d.showFeedbackForm)
	collect.Importance = widget.HighImportance
	s := d.report.Feedback
	body := container.NewVBox()
	if s == nil {
		body.Add(ui.Muted(loc.T("feedback.none_yet")))
	} else {
		body.Add(ui.Wrapped(loc.T("feedback.count", "n", strconv.Itoa(s.Forms), "anonymous", strconv.Itoa(s.Anonymous))))
		body.Add(ui.WrappedHeading(loc.T("feedback.ratings")))
		body.Add(ui.Muted(loc.T("feedback.scale")))
		for _, r := range s.Ratings {
			body.Add(ratingSummaryRow(loc, r))
		}
		for _, q := range s.Questions {
			body.Add(ui.WrappedHeading(loc.T("feedback.question." + q.ID)))
			if len(q.Answers) == 0 {
				body.Add(ui.Muted(loc.T("feedback.no_answers")))
				continue
			}
			for _, a := range q.Answers {
				l := ui.Wrapped("")
				l.SetSpans([]ui.TextSpan{{Text: a.Who(d.lang()) + debrief.T(d.lang(), "sep"), Bold: true}, {Text: a.Text}})
				body.Add(l)
			}
		}
	}
	top := container.NewBorder(nil, nil, nil, collect, ui.Muted(loc.T("feedback.intro")))
	heads := container.NewVBox(container.NewPadded(top))
	live := d.hotwashLive()
	if live {
		d.followForms()
	}
	if line := d.lanFormsText(loc, live); line != "" {
		heads.Add(container.NewPadded(ui.Wrapped(line)))
	}
	heads.Add(widget.NewSeparator())
	return container.NewBorder(heads, nil, nil, nil,
		container.NewVScroll(ui.Column(1100, container.NewPadded(body))))
}

// HotwashHost is a host that may keep serving team laptops after the end
// (the hotwash): HotwashLive says whether the team laptops of exercise id
// can send participants' forms now.
type HotwashHost interface {
	HotwashLive(id string) bool
}

func (d *Debrief) hotwashLive() bool {
	h, ok := d.host.(HotwashHost)
	return ok && h.HotwashLive(d.data.id)
}

// lanFormsText says how many forms each team's laptop sent: every team,
// while team laptops can send forms; those that sent some otherwise.
func (d *Debrief) lanFormsText(loc *i18n.Localizer, live bool) string {
	var parts []string
	for _, t := range d.st.Teams {
		n := d.data.lanForms[t.Name]
		if n > 0 || live {
			parts = append(parts, loc.T("feedback.lan.received_team", "team", t.Name, "n", strconv.Itoa(n)))
		}
	}
	total := 0
	for _, n := range d.data.lanForms {
		total += n
	}
	switch {
	case total == 0 && live:
		return loc.T("feedback.lan.received_none")
	case len(parts) == 0:
		return ""
	}
	return loc.T("feedback.lan.received", "counts", ui.ListJoin(loc, parts))
}

// formsPoll is how often the debrief looks for forms sent from team
// laptops while they can send them.
const formsPoll = 2 * time.Second

// followForms reads the forms again every formsPoll, off the UI
// goroutine, while the team laptops can send them; when there are new
// ones the debrief is drawn again with them.
func (d *Debrief) followForms() {
	if d.formsStop != nil {
		return
	}
	stop := make(chan struct{})
	d.formsStop = stop
	db, id := d.data.store, d.data.id
	go func() {
		t := time.NewTicker(formsPoll)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			forms, err := db.Feedback(id)
			if err != nil {
				continue
			}
			lan, err := db.LANFeedback(id)
			if err != nil {
				continue
			}
			ui.Do(func() {
				select {
				case <-stop:
					return
				default:
				}
				if len(forms) == len(d.data.feedback) && maps.Equal(lan, d.data.lanForms) {
					return
				}
				d.data.feedback, d.data.lanForms = forms, lan
				if d.host.Current() == d {
					d.host.Show(d)
				}
			})
		}
	}()
}

func (d *Debrief) stopFollowingForms() {
	if d.formsStop != nil {
		close(d.formsStop)
		d.formsStop = nil
	}
}

// ratingSummaryRow is one statement's ratings: the statement, its mean and
// how many gave each of 1–5, as bars.
func ratingSummaryRow(loc *i18n.Localizer, r debrief.RatingSummary) fyne.CanvasObject {
	mean := loc.T("feedback.mean", "mean", r.MeanText(), "n", strconv.Itoa(r.Answers))
	most := 0
	for _, n := range r.Counts {
		most = max(most, n)
	}
	bars := container.NewHBox()
	for v, n := range r.Counts {
		bars.Add(ratingBar(v+1, n, most))
	}
	return container.NewBorder(nil, nil, nil, bars, container.NewVBox(ui.WrappedBold(loc.T("feedback.rating."+r.ID)), ui.Muted(mean)))
}

// ratingBar is a column for how many gave rating v, its height in
// proportion to the most given.
func ratingBar(v, n, most int) fyne.CanvasObject {
	const h float32 = 36
	height := float32(0)
	if most > 0 {
		height = h * float32(n) / float32(most)
	}
	return ui.NewDrawing(fyne.NewSize(34, h+36), func(size fyne.Size) []fyne.CanvasObject {
		bar := ui.NewRoundedFill(theme.ColorNamePrimary)
		bar.Resize(fyne.NewSize(20, max(height, 1)))
		bar.Move(fyne.NewPos((size.Width-20)/2, h-height))
		count := widget.NewLabel(strconv.Itoa(n))
		count.Alignment = fyne.TextAlignCenter
		count.Resize(fyne.NewSize(size.Width, 18))
		count.Move(fyne.NewPos(0, h-2))
		label := widget.NewLabelWithStyle(strconv.Itoa(v), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		label.Resize(fyne.NewSize(size.Width, 18))
		label.Move(fyne.NewPos(0, h+14))
		return []fyne.CanvasObject{bar, count, label}
	})
}

// showFeedbackForm opens the participant feedback form; Done comes back
// to this debrief, loaded again with the forms saved.
func (d *Debrief) showFeedbackForm() {
	d.host.Show(newFeedbackScreen(d.host, d.data, func() { d.host.ShowDebrief(d.data.id) }))
}

// feedbackScreen is the participant feedback form on the facilitator's
// laptop, one participant at a time.
type feedbackScreen struct {
	host Host
	data *DebriefData
	done func()

	team   string // "" for no team
	fields *feedbackform.Fields

	status *ui.WrapLabel
	save   *ui.KeyButton
	busy   bool
	// said is what the status says: the last save's result.
	said func(*i18n.Localizer) string
	// scroll is the page, which the text boxes pass the wheel to.
	scroll *container.Scroll
}

func newFeedbackScreen(host Host, data *DebriefData, done func()) *feedbackScreen {
	return &feedbackScreen{host: host, data: data, done: done, fields: feedbackform.New()}
}

// anonymous is the facilitator's switch for the exercise.
func (s *feedbackScreen) anonymous() bool {
	return fyne.CurrentApp().Preferences().Bool(prefs.FeedbackAnonymous(s.data.id))
}

func (s *feedbackScreen) setAnonymous(on bool) {
	fyne.CurrentApp().Preferences().SetBool(prefs.FeedbackAnonymous(s.data.id), on)
	if on {
		s.fields.Name.SetText("")
		s.fields.Role.SetText("")
	}
	s.host.Show(s) // the name and role fields come or go
}

func (s *feedbackScreen) lang() string { return s.host.Loc().Lang().String() }

func (s *feedbackScreen) Stop() {}

// DebriefOf is the exercise whose debrief the form belongs to.
func (s *feedbackScreen) DebriefOf() string { return s.data.id }

// DebriefOf is the exercise of the debrief.
func (d *Debrief) DebriefOf() string { return d.data.id }

func (s *feedbackScreen) Build() fyne.CanvasObject {
	loc, lang := s.host.Loc(), s.lang()
	st := s.data.state
	title := ui.Heading(loc.T("feedback.title", "scenario", st.Scenario.Title.Get(lang)))
	title.Truncation = fyne.TextTruncateEllipsis
	done := ui.NewIconButton(loc.T("feedback.done"), theme.NavigateBackIcon(), s.done)
	anon := widget.NewCheck(loc.T("feedback.anonymous"), nil)
	anon.Checked = s.anonymous()
	anon.OnChanged = s.setAnonymous
	head := container.NewBorder(nil, nil, nil, done, title)

	// Who: a team (or none), and unless anonymous a name and a role.
	none := loc.T("feedback.no_team")
	opts := []string{none}
	for _, t := range st.Teams {
		opts = append(opts, t.Name)
	}
	team := widget.NewSelect(opts, func(v string) {
		if v == none {
			v = ""
		}
		s.team = v
	})
	if s.team == "" {
		team.SetSelected(none)
	} else {
		team.SetSelected(s.team)
	}
	who := container.New(layout.NewFormLayout(), widget.NewLabel(loc.T("feedback.team")), team)
	if !anon.Checked {
		who.Objects = append(who.Objects, s.fields.NameRows(loc)...)
	}
	left := container.NewVBox(ui.WrappedHeading(loc.T("feedback.who")), container.NewPadded(anon), ui.Muted(loc.T(feedbackform.AnonHelp(anon.Checked))), who)
	left.Objects = append(left.Objects, s.fields.Ratings(loc)...)
	right := s.fields.Questions(loc, func() *container.Scroll { return s.scroll })

	s.save = ui.NewIconButton(loc.T("feedback.save_next"), theme.DocumentSaveIcon(), s.submit)
	s.save.Importance = widget.HighImportance
	ui.SetEnabled(s.save, !s.busy)
	s.status = ui.Muted("")
	if s.said != nil {
		s.status.SetText(s.said(loc))
	}
	foot := container.NewBorder(nil, nil, nil, s.save, s.status)
	s.scroll = container.NewVScroll(ui.Column(1100, container.NewPadded(container.NewGridWithColumns(2, left, right))))
	return container.NewBorder(container.NewVBox(container.NewPadded(head), ui.Muted(loc.T("feedback.form_intro")), widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), container.NewPadded(foot)), nil, nil, s.scroll)
}

// form is the form as filled in.
func (s *feedbackScreen) form() debrief.FeedbackForm {
	return s.fields.Form(s.team, s.anonymous(), s.lang())
}

// submit saves the form off the UI goroutine; once it is on disk the
// form is emptied for the next participant (the team stays: participants
// of one team often follow each other).
func (s *feedbackScreen) submit() {
	if s.busy {
		return
	}
	f := s.form()
	if err := f.Clean().Validate(); err != nil {
		s.say(func(loc *i18n.Localizer) string { return feedbackErrorText(loc, err) })
		return
	}
	s.busy = true
	ui.SetEnabled(s.save, false)
	s.say(func(loc *i18n.Localizer) string { return loc.T("feedback.saving") })
	db, id := s.data.store, s.data.id
	inBackground(s.host, func() {
		saved, err := db.SaveFeedback(id, f)
		ui.Do(func() {
			s.busy = false
			ui.SetEnabled(s.save, true)
			if err != nil {
				s.say(func(loc *i18n.Localizer) string { return feedbackErrorText(loc, err) })
				return
			}
			s.data.feedback = append(s.data.feedback, saved)
			n := len(s.data.feedback)
			s.clear()
			s.say(func(loc *i18n.Localizer) string { return loc.T("feedback.saved", "n", strconv.Itoa(n)) })
		})
	})
}

// clear empties the form for the next participant.
func (s *feedbackScreen) clear() {
	s.fields.Clear()
	if c := fyne.CurrentApp().Driver().CanvasForObject(s.fields.Name); c != nil && !s.anonymous() {
		c.Focus(s.fields.Name)
	}
}

func (s *feedbackScreen) say(text func(*i18n.Localizer) string) {
	s.said = text
	if s.status != nil {
		s.status.SetText(text(s.host.Loc()))
	}
}

// feedbackErrorText is a refused form in the UI's words.
func feedbackErrorText(loc *i18n.Localizer, err error) string {
	return feedbackform.ErrorText(loc, err)
}
