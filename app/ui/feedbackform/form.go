// Package feedbackform is the participant feedback form's fields (the
// hotwash, HSEEP's participant feedback form): the name and role, the 1–5
// ratings and the open questions, with the form's reading and its
// refusals in the UI's words. The facilitator's laptop (app/review) and a
// team laptop joined over the network (app/join) lay them out on their
// own screens; the questions, ratings and validation are the same.
package feedbackform

import (
	"errors"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// Fields are one participant's entries, kept across rebuilds of the
// screen that shows them (a language switch keeps what was typed).
type Fields struct {
	Name, Role *widget.Entry
	answers    map[string]*widget.Entry
	ratings    map[string]*widget.RadioGroup
}

// New makes empty fields.
func New() *Fields {
	f := &Fields{Name: widget.NewEntry(), Role: widget.NewEntry(),
		answers: map[string]*widget.Entry{}, ratings: map[string]*widget.RadioGroup{}}
	for _, q := range debrief.FeedbackQuestions {
		e := widget.NewMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(3)
		f.answers[q] = e
	}
	for _, r := range debrief.FeedbackRatings {
		g := widget.NewRadioGroup([]string{"1", "2", "3", "4", "5"}, nil)
		g.Horizontal = true
		f.ratings[r] = g
	}
	return f
}

// Answer is the entry of an open question (debrief.FeedbackQuestions).
func (f *Fields) Answer(q string) *widget.Entry { return f.answers[q] }

// Rating is the 1–5 choice of a statement (debrief.FeedbackRatings).
func (f *Fields) Rating(r string) *widget.RadioGroup { return f.ratings[r] }

// NameRows are the name's and role's labels and entries, for a form
// layout.
func (f *Fields) NameRows(loc *i18n.Localizer) []fyne.CanvasObject {
	f.Name.SetPlaceHolder(loc.T("feedback.name_hint"))
	f.Role.SetPlaceHolder(loc.T("feedback.role_hint"))
	return []fyne.CanvasObject{widget.NewLabel(loc.T("feedback.name")), f.Name, widget.NewLabel(loc.T("feedback.role")), f.Role}
}

// Ratings are the ratings' heading, scale and statements with their
// choices.
func (f *Fields) Ratings(loc *i18n.Localizer) []fyne.CanvasObject {
	out := []fyne.CanvasObject{ui.WrappedHeading(loc.T("feedback.ratings")), ui.Muted(loc.T("feedback.scale"))}
	for _, r := range debrief.FeedbackRatings {
		out = append(out, ui.Wrapped(loc.T("feedback.rating."+r)), f.ratings[r])
	}
	return out
}

// Questions are the open questions' heading and each question with its
// text box; the boxes pass the mouse wheel to the page's scroll.
func (f *Fields) Questions(loc *i18n.Localizer, page func() *container.Scroll) *fyne.Container {
	c := container.NewVBox(ui.WrappedHeading(loc.T("feedback.questions")))
	for _, q := range debrief.FeedbackQuestions {
		c.Add(ui.WrappedBold(loc.T("feedback.question." + q)))
		c.Add(ui.OverPage(f.answers[q], page))
	}
	return c
}

// Form is the form as filled in, for a team ("" for none), in language
// lang; an anonymous form takes no name or role.
func (f *Fields) Form(team string, anonymous bool, lang string) debrief.FeedbackForm {
	out := debrief.FeedbackForm{Team: team, Anonymous: anonymous, Lang: lang, Answers: map[string]string{}, Ratings: map[string]int{}}
	if !anonymous {
		out.Name, out.Role = f.Name.Text, f.Role.Text
	}
	for q, e := range f.answers {
		out.Answers[q] = e.Text
	}
	for r, g := range f.ratings {
		if v, err := strconv.Atoi(g.Selected); err == nil {
			out.Ratings[r] = v
		}
	}
	return out
}

// Clear empties the fields for the next participant.
func (f *Fields) Clear() {
	f.Name.SetText("")
	f.Role.SetText("")
	for _, e := range f.answers {
		e.SetText("")
	}
	for _, g := range f.ratings {
		g.SetSelected("")
	}
}

// AnonHelp is the key of the line that says what anonymity means.
func AnonHelp(on bool) string {
	if on {
		return "feedback.anonymous_on"
	}
	return "feedback.anonymous_off"
}

// ErrorText is a refused form in the UI's words; other errors as
// ui.ErrorText says them.
func ErrorText(loc *i18n.Localizer, err error) string {
	for _, c := range []struct {
		err error
		key string
	}{
		{debrief.ErrFeedbackEmpty, "feedback.error_empty"},
		{debrief.ErrFeedbackRating, "feedback.error_rating"},
		{debrief.ErrFeedbackTooLong, "feedback.error_too_long"},
		{debrief.ErrFeedbackQuestion, "feedback.error_rating"},
		{debrief.ErrFeedbackNamed, "feedback.error_named"},
	} {
		if errors.Is(err, c.err) {
			return loc.T(c.key, "max", fmt.Sprint(debrief.MaxFeedbackAnswer), "name_max", fmt.Sprint(debrief.MaxFeedbackName))
		}
	}
	return ui.ErrorText(loc, err)
}
