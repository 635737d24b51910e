package feedbackform

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// What a participant enters is the form read back: the answers, the
// ratings chosen (none for a statement left unrated), the name and role
// unless the form is anonymous; Clear empties every field for the next.
func TestTheFormReadsWhatWasEntered(t *testing.T) {
	uitest.Window(t)
	f := New()
	f.Name.SetText("Li Wei")
	f.Role.SetText("Spokesperson")
	f.Answer("strengths").SetText("We spoke first.")
	f.Rating("realistic").SetSelected("4")
	f.Rating("plans").SetSelected("2")

	got := f.Form("Alpha", false, "en")
	if got.Team != "Alpha" || got.Name != "Li Wei" || got.Role != "Spokesperson" || got.Lang != "en" || got.Anonymous {
		t.Errorf("the form's head: %+v", got)
	}
	if got.Answers["strengths"] != "We spoke first." || got.Answers["change"] != "" || len(got.Answers) != len(debrief.FeedbackQuestions) {
		t.Errorf("answers: %v", got.Answers)
	}
	if len(got.Ratings) != 2 || got.Ratings["realistic"] != 4 || got.Ratings["plans"] != 2 {
		t.Errorf("ratings: %v, want realistic 4 and plans 2 only", got.Ratings)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("a filled-in form is refused: %v", err)
	}
	if anon := f.Form("Alpha", true, "zh"); anon.Name != "" || anon.Role != "" || !anon.Anonymous || anon.Validate() != nil {
		t.Errorf("an anonymous form keeps the name or is refused: %+v", anon)
	}

	f.Clear()
	empty := f.Form("", false, "en")
	if empty.Name != "" || empty.Answers["strengths"] != "" || len(empty.Ratings) != 0 {
		t.Errorf("after Clear: %+v", empty)
	}
	if !errors.Is(empty.Validate(), debrief.ErrFeedbackEmpty) {
		t.Errorf("an empty form: %v, want ErrFeedbackEmpty", empty.Validate())
	}
}

// Every refusal of a form is said in the UI's language, with the limits it
// names; any other error as the kit says it.
func TestRefusalsAreWords(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		loc := i18n.New(lang)
		seen := map[string]bool{}
		for _, err := range []error{debrief.ErrFeedbackEmpty, debrief.ErrFeedbackRating, debrief.ErrFeedbackTooLong,
			debrief.ErrFeedbackQuestion, debrief.ErrFeedbackNamed} {
			got := ErrorText(loc, fmt.Errorf("saving: %w", err))
			if got == "" || strings.Contains(got, err.Error()) || strings.Contains(got, "{") {
				t.Errorf("%s: %v is said %q", lang, err, got)
			}
			seen[got] = true
		}
		if len(seen) != 4 { // a rating out of range and an unknown question read alike
			t.Errorf("%s: %d different texts for five refusals, want 4", lang, len(seen))
		}
		if got := ErrorText(loc, debrief.ErrFeedbackTooLong); !strings.Contains(got, fmt.Sprint(debrief.MaxFeedbackAnswer)) {
			t.Errorf("%s: the length refusal %q does not name the limit %d", lang, got, debrief.MaxFeedbackAnswer)
		}
	}
}

// The ratings block: heading, scale, and each statement over its five
// choices, in both languages.
func TestGoldenRatings(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		w := uitest.Window(t)
		w.SetPadded(false)
		f := New()
		f.Rating("role").SetSelected("5")
		w.SetContent(container.NewVBox(f.Ratings(i18n.New(lang))...))
		w.Resize(fyne.NewSize(420, 520))
		test.AssertRendersToMarkup(t, "ratings."+lang.String()+".xml", w.Canvas())
	}
}
