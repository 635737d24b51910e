package review

import (
	"strings"
	"testing"
	"testing/synctest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// openFeedbackForm opens the participant feedback form from the debrief's
// Feedback tab, as the facilitator does.
func openFeedbackForm(t *testing.T, h *host, d *Debrief) *feedbackScreen {
	t.Helper()
	d.selectTab(tabFeedback)
	test.Tap(tree.FindButton(t, tabContent(d, tabFeedback), h.loc.T("feedback.collect")))
	s, ok := h.current.(*feedbackScreen)
	if !ok {
		t.Fatalf("the button showed %T, not the form", h.current)
	}
	return s
}

// fill answers the form as a participant does: taps a rating, types.
func fill(t *testing.T, s *feedbackScreen, answers map[string]string, ratings map[string]string) {
	t.Helper()
	for q, a := range answers {
		test.Type(s.fields.Answer(q), a)
	}
	for r, v := range ratings {
		s.fields.Rating(r).SetSelected(v) // as a tap on that radio button
	}
}

// Two participants on the facilitator's laptop: each "Save and next
// participant" stores the form and empties it; Back shows the debrief
// again, whose Feedback tab and exports summarise both.
func TestFeedbackFormSavesOneParticipantAtATime(t *testing.T) {
	h, d, st, id := worldDebrief(t)
	fyne.CurrentApp().Preferences().RemoveValue(prefs.FeedbackAnonymous(id))
	if !hasText(debriefTexts(t, tabContent(d, tabFeedback)), h.loc.T("feedback.none_yet")) {
		t.Error("the Feedback tab of an exercise without forms does not say so")
	}
	s := openFeedbackForm(t, h, d)
	form := h.win.Content()
	texts := debriefTexts(t, form)
	for _, want := range []string{"What were the strengths of the exercise?", "The scenario was realistic.", "Name", "Role", "Save and next participant"} {
		if !hasText(texts, want) {
			t.Errorf("the form lacks %q", want)
		}
	}
	team := tree.Find[*widget.Select](t, form)[0]
	team.SetSelected("Alpha")
	test.Type(s.fields.Name, "Li Wei")
	test.Type(s.fields.Role, "Spokesperson")
	fill(t, s, map[string]string{"strengths": "Clear roles", "change": "Pre-approve holding lines"}, map[string]string{"realistic": "5", "role": "4"})
	test.Tap(tree.FindButton(t, h.win.Content(), "Save and next participant"))

	fs, err := st.Feedback(id)
	if err != nil || len(fs) != 1 {
		t.Fatalf("after the first save: %+v, %v", fs, err)
	}
	f := fs[0]
	if f.Team != "Alpha" || f.Name != "Li Wei" || f.Role != "Spokesperson" || f.Lang != "en" || f.Answers["strengths"] != "Clear roles" ||
		f.Answers["change"] != "Pre-approve holding lines" || len(f.Answers) != 2 || f.Ratings["realistic"] != 5 || f.Ratings["role"] != 4 || len(f.Ratings) != 2 {
		t.Errorf("stored %+v", f)
	}
	if s.fields.Name.Text != "" || s.fields.Role.Text != "" || s.fields.Answer("strengths").Text != "" || s.fields.Rating("realistic").Selected != "" {
		t.Error("the form was not emptied for the next participant")
	}
	if got := s.status.Text; !strings.Contains(got, "1 forms so far") {
		t.Errorf("status %q", got)
	}

	// An empty form is refused beside the button, and nothing is stored.
	test.Tap(tree.FindButton(t, h.win.Content(), "Save and next participant"))
	if got := s.status.Text; got != h.loc.T("feedback.error_empty") {
		t.Errorf("an empty form: status %q", got)
	}

	// The second participant, in Chinese.
	h.setLang(i18n.ZH)
	zh := debriefTexts(t, h.win.Content())
	for _, want := range []string{"这次演练有哪些优点？", "情景真实可信。", "姓名", "保存并交给下一位", "本次演练匿名收集反馈"} {
		if !hasText(zh, want) {
			t.Errorf("the Chinese form lacks %q", want)
		}
	}
	fill(t, s, map[string]string{"improvements": "审批太慢"}, map[string]string{"realistic": "3", "objectives": "2"})
	test.Tap(tree.FindButton(t, h.win.Content(), "保存并交给下一位"))
	if fs, _ := st.Feedback(id); len(fs) != 2 || fs[1].Lang != "zh" || fs[1].Answers["improvements"] != "审批太慢" || fs[1].Team != "Alpha" {
		t.Fatalf("second form %+v", fs)
	}

	// Back to the debrief: its summary, and the exports, have both forms.
	test.Tap(tree.FindButton(t, h.win.Content(), "返回复盘"))
	if len(h.debriefs) != 1 || h.debriefs[0] != id {
		t.Fatalf("Back opened %v", h.debriefs)
	}
	d2 := h.openDebrief(id)
	d2.selectTab(tabFeedback)
	sum := debriefTexts(t, tabContent(d2, tabFeedback))
	for _, want := range []string{"已保存 2 份反馈表（其中匿名 0 份）。", "平均 4.00 分 · 2 人作答", "Li Wei（Spokesperson，Alpha）：", "Clear roles", "审批太慢"} {
		if !hasText(sum, want) {
			t.Errorf("the summary lacks %q: %q", want, sum)
		}
	}
	md, err := renderExport(d2.data, nil, "md", "en", "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "| The scenario was realistic. | 2 | 4.00 | 0 | 0 | 1 | 0 | 1 |") {
		t.Errorf("the Markdown export's ratings:\n%s", md)
	}
}

// With the switch on, the form has no name or role field and the stored
// forms have none; the switch is kept for the exercise.
func TestAnonymousFeedbackKeepsNoName(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		t.Run(lang.String(), func(t *testing.T) {
			h, d, st, id := worldDebrief(t)
			h.setLang(lang)
			fyne.CurrentApp().Preferences().RemoveValue(prefs.FeedbackAnonymous(id))
			s := openFeedbackForm(t, h, d)
			test.Type(s.fields.Name, "Should vanish")
			anon := tree.Find[*widget.Check](t, h.win.Content())[0]
			test.Tap(anon)
			if !fyne.CurrentApp().Preferences().Bool(prefs.FeedbackAnonymous(id)) {
				t.Fatal("the switch was not kept for the exercise")
			}
			form := h.win.Content()
			if tree.Holds(t, form, s.fields.Name) || tree.Holds(t, form, s.fields.Role) {
				t.Error("the anonymous form still shows the name or role field")
			}
			if !hasText(debriefTexts(t, form), h.loc.T("feedback.anonymous_on")) {
				t.Error("the form does not say nothing is kept")
			}
			fill(t, s, map[string]string{"strengths": "Calm chair"}, map[string]string{"plans": "4"})
			test.Tap(tree.FindButton(t, form, h.loc.T("feedback.save_next")))
			fs, err := st.Feedback(id)
			if err != nil || len(fs) != 1 || !fs[0].Anonymous || fs[0].Name != "" || fs[0].Role != "" || fs[0].Ratings["plans"] != 4 {
				t.Fatalf("stored %+v, %v", fs, err)
			}
			// The form opened again for this exercise is still anonymous.
			s2 := newFeedbackScreen(h, s.data, func() {})
			h.Show(s2)
			if tree.Holds(t, h.win.Content(), s2.fields.Name) {
				t.Error("the switch was forgotten")
			}
		})
	}
}

// The save runs off the UI goroutine; the button waits meanwhile.
func TestFeedbackSavesInTheBackground(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h, d, st, id := worldDebrief(t)
		s := openFeedbackForm(t, h, d)
		var queued []func()
		h.background = func(f func()) { queued = append(queued, f) }
		fill(t, s, nil, map[string]string{"objectives": "5"})
		test.Tap(tree.FindButton(t, h.win.Content(), h.loc.T("feedback.save_next")))
		if fs, _ := st.Feedback(id); len(fs) != 0 {
			t.Fatal("the form was written on the UI goroutine")
		}
		if !s.save.Disabled() {
			t.Error("the button is enabled while the save runs")
		}
		for len(queued) > 0 {
			f := queued[0]
			queued = queued[1:]
			f()
		}
		if fs, _ := st.Feedback(id); len(fs) != 1 || fs[0].Ratings["objectives"] != 5 {
			t.Errorf("stored %+v", fs)
		}
	})
}

// The wording on screen (translations) is the wording of the report
// (internal/debrief), in both languages.
func TestFeedbackWordingMatchesTheReport(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		loc := i18n.New(lang)
		for _, q := range debrief.FeedbackQuestions {
			if a, b := loc.T("feedback.question."+q), debrief.FeedbackLabel(lang.String(), "question."+q); a != b {
				t.Errorf("%s %s: screen %q, report %q", lang, q, a, b)
			}
		}
		for _, r := range debrief.FeedbackRatings {
			if a, b := loc.T("feedback.rating."+r), debrief.FeedbackLabel(lang.String(), "rating."+r); a != b {
				t.Errorf("%s %s: screen %q, report %q", lang, r, a, b)
			}
		}
	}
}

// liveHost is a host whose team laptops can send forms now (the hotwash).
type liveHost struct{ *host }

func (liveHost) HotwashLive(string) bool { return true }

// Forms sent from team laptops are in the debrief's summary with the
// facilitator's, and the Feedback tab counts them per team laptop: the
// teams that sent some; every team while the hotwash is on.
func TestDebriefCountsFormsFromTeamLaptops(t *testing.T) {
	h, _, st, id := worldDebrief(t)
	for i, f := range []debrief.FeedbackForm{
		{Team: "Alpha", Anonymous: true, Ratings: map[string]int{"realistic": 4}, Answers: map[string]string{"strengths": "Clear roles"}},
		{Team: "Alpha", Anonymous: true, Ratings: map[string]int{"realistic": 2}},
	} {
		if _, _, err := st.SaveFeedbackOnce(id, "lan:alpha:f"+string(rune('1'+i)), f); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.SaveFeedback(id, debrief.FeedbackForm{Team: "Bravo", Name: "Li Wei", Ratings: map[string]int{"plans": 3}}); err != nil {
		t.Fatal(err)
	}
	d := h.openDebrief(id)
	d.selectTab(tabFeedback)
	texts := debriefTexts(t, tabContent(d, tabFeedback))
	alpha := h.loc.T("feedback.lan.received_team", "team", "Alpha", "n", "2")
	for _, want := range []string{h.loc.T("feedback.lan.received", "counts", alpha), "3 forms saved (2 anonymous).", "Mean 3.00 · 2 answers", "Clear roles"} {
		if !hasText(texts, want) {
			t.Errorf("the Feedback tab lacks %q: %q", want, texts)
		}
	}

	data, err := LoadDebrief(st, id)
	if err != nil {
		t.Fatal(err)
	}
	live := NewDebrief(liveHost{h}, data)
	h.Show(live)
	defer live.Stop()
	live.selectTab(tabFeedback)
	bravo := h.loc.T("feedback.lan.received_team", "team", "Bravo", "n", "0")
	want := h.loc.T("feedback.lan.received", "counts", ui.ListJoin(h.loc, []string{alpha, bravo}))
	if texts := debriefTexts(t, tabContent(live, tabFeedback)); !hasText(texts, want) {
		t.Errorf("during the hotwash the tab lacks %q: %q", want, texts)
	}
}
