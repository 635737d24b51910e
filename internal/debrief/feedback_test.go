package debrief

import (
	"errors"
	"strings"
	"testing"
)

// sampleForms are three participants' forms: one named, two anonymous.
func sampleForms() []FeedbackForm {
	return []FeedbackForm{
		{Seq: 1, Team: "Alpha", Name: "Li Wei", Role: "Spokesperson", Lang: "en",
			Answers: map[string]string{"strengths": "Clear roles from the start.", "improvements": "Sign-off of statements was slow.", "change": "Pre-approve holding statements."},
			Ratings: map[string]int{"realistic": 5, "objectives": 4, "role": 4, "plans": 3}},
		{Seq: 2, Team: "Bravo", Anonymous: true, Lang: "zh",
			Answers: map[string]string{"strengths": "团队配合很好。"},
			Ratings: map[string]int{"realistic": 4, "objectives": 2, "role": 5, "plans": 4}},
		{Seq: 3, Anonymous: true, Lang: "en",
			Answers: map[string]string{"change": "More time for the hotwash."},
			Ratings: map[string]int{"realistic": 3, "plans": 4}},
	}
}

// The summary's numbers, worked out by hand from sampleForms.
func TestSummariseFeedback(t *testing.T) {
	s := SummariseFeedback(sampleForms(), "en")
	if s.Forms != 3 || s.Anonymous != 2 {
		t.Fatalf("forms %d, anonymous %d; want 3, 2", s.Forms, s.Anonymous)
	}
	want := map[string]struct {
		n      int
		mean   string
		counts [5]int
	}{
		"realistic":  {3, "4.00", [5]int{0, 0, 1, 1, 1}}, // 5, 4, 3
		"objectives": {2, "3.00", [5]int{0, 1, 0, 1, 0}}, // 4, 2
		"role":       {2, "4.50", [5]int{0, 0, 0, 1, 1}}, // 4, 5
		"plans":      {3, "3.67", [5]int{0, 0, 1, 2, 0}}, // 3, 4, 4: 11/3
	}
	if len(s.Ratings) != len(FeedbackRatings) {
		t.Fatalf("%d ratings", len(s.Ratings))
	}
	for i, r := range s.Ratings {
		w := want[r.ID]
		if r.ID != FeedbackRatings[i] || r.Answers != w.n || r.MeanText() != w.mean || r.Counts != w.counts {
			t.Errorf("%s: %d answers, mean %s, counts %v; want %d, %s, %v", r.ID, r.Answers, r.MeanText(), r.Counts, w.n, w.mean, w.counts)
		}
		if r.Statement == "" || strings.Contains(r.Statement, "rating.") {
			t.Errorf("%s: statement %q", r.ID, r.Statement)
		}
	}
	var who [][]string
	for _, q := range s.Questions {
		var ws []string
		for _, a := range q.Answers {
			ws = append(ws, a.Who("en")+": "+a.Text)
		}
		who = append(who, ws)
	}
	wantWho := [][]string{
		{"Li Wei (Spokesperson, Alpha): Clear roles from the start.", "Bravo: 团队配合很好。"},
		{"Li Wei (Spokesperson, Alpha): Sign-off of statements was slow."},
		{"Li Wei (Spokesperson, Alpha): Pre-approve holding statements.", "anonymous: More time for the hotwash."},
	}
	if len(who) != 3 || strings.Join(who[0], "|") != strings.Join(wantWho[0], "|") || strings.Join(who[1], "|") != strings.Join(wantWho[1], "|") || strings.Join(who[2], "|") != strings.Join(wantWho[2], "|") {
		t.Errorf("answers by question:\n%q\nwant\n%q", who, wantWho)
	}
	if zh := (FeedbackAnswer{Name: "李伟", Role: "发言人", Team: "Alpha"}).Who("zh"); zh != "李伟（发言人，Alpha）" {
		t.Errorf("zh who %q", zh)
	}
	// Nobody rated: no mean.
	if e := SummariseFeedback(nil, "zh"); e.Forms != 0 || e.Ratings[0].MeanText() != "—" || len(e.Questions) != 3 {
		t.Errorf("empty summary %+v", e)
	}
}

func TestFeedbackValidate(t *testing.T) {
	ok := FeedbackForm{Ratings: map[string]int{"role": 1}}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		f    FeedbackForm
		want error
	}{
		"empty":          {FeedbackForm{Answers: map[string]string{"change": "  "}}, ErrFeedbackEmpty},
		"rating 6":       {FeedbackForm{Ratings: map[string]int{"role": 6}}, ErrFeedbackRating},
		"rating 0":       {FeedbackForm{Ratings: map[string]int{"role": 0}}, ErrFeedbackRating},
		"unknown rating": {FeedbackForm{Ratings: map[string]int{"fun": 3}}, ErrFeedbackRating},
		"unknown answer": {FeedbackForm{Answers: map[string]string{"why": "x"}}, ErrFeedbackQuestion},
		"long answer":    {FeedbackForm{Answers: map[string]string{"change": strings.Repeat("长", MaxFeedbackAnswer+1)}}, ErrFeedbackTooLong},
		"long name":      {FeedbackForm{Name: strings.Repeat("n", MaxFeedbackName+1), Ratings: map[string]int{"role": 3}}, ErrFeedbackTooLong},
		"control":        {FeedbackForm{Name: "a\x1bb", Ratings: map[string]int{"role": 3}}, ErrFeedbackTooLong},
		"named anon":     {FeedbackForm{Anonymous: true, Name: "Li", Ratings: map[string]int{"role": 3}}, ErrFeedbackNamed},
	} {
		if err := c.f.Validate(); !errors.Is(err, c.want) {
			t.Errorf("%s: %v; want %v", name, err, c.want)
		}
	}
	// Clean drops the name and role of an anonymous form, and empty answers.
	c := FeedbackForm{Anonymous: true, Name: " Li ", Role: "PIO", Team: " Alpha ", Answers: map[string]string{"change": " ", "strengths": " ok "}, Ratings: map[string]int{"role": 0, "plans": 2}}.Clean()
	if c.Name != "" || c.Role != "" || c.Team != "Alpha" || len(c.Answers) != 1 || c.Answers["strengths"] != "ok" || len(c.Ratings) != 1 {
		t.Errorf("cleaned %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Error(err)
	}
}

// The feedback section in every export, from the same summary; the golden
// files were read after each -update.
func TestFeedbackExports(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		r := worldReport(t, lang, "")
		r.ApplyFeedback(sampleForms())
		goldenExports(t, "feedback", lang, r)
		if !sameMarkdownFromJSON(t, r) {
			t.Errorf("%s: the Markdown of the report read back from JSON differs", lang)
		}

		rows := csvRows(t, r)
		var fb []string
		for _, row := range rows {
			if strings.HasPrefix(row[2], "feedback.") {
				fb = append(fb, strings.Join(row, "|"))
			}
		}
		if len(fb) != 4+5 {
			t.Fatalf("%s: %d feedback rows in the CSV, want 4 ratings and 5 answers:\n%s", lang, len(fb), strings.Join(fb, "\n"))
		}
		if want := "||feedback.rating||plans|3.67||" + FeedbackLabel(lang, "rating.plans") + " — 1: 0 · 2: 0 · 3: 1 · 4: 2 · 5: 0"; fb[3] != want {
			t.Errorf("%s: plans row %q; want %q", lang, fb[3], want)
		}
		if want := "|Bravo|feedback.answer||strengths|||团队配合很好。"; fb[5] != want {
			t.Errorf("%s: anonymous answer row %q; want %q (no name)", lang, fb[5], want)
		}

		pdf, err := PDF(r)
		if err != nil {
			t.Fatal(err)
		}
		text := pdfToText(t, pdf)
		for _, w := range []string{FeedbackLabel(lang, "section"), "3.67", "4.50", "Li Wei", "团队配合很好。", "Pre-approve holding statements."} {
			if !strings.Contains(text, w) {
				t.Errorf("%s PDF lacks %q", lang, w)
			}
		}
	}
	// No forms, no section.
	r := worldReport(t, "en", "")
	r.ApplyFeedback(nil)
	if r.Feedback != nil || strings.Contains(Markdown(r), "Participant feedback") {
		t.Error("a report without forms has a feedback section")
	}
	// A handout keeps its team's forms and those of no team.
	h := worldReport(t, "en", "Alpha")
	h.ApplyFeedback(sampleForms())
	if h.Feedback == nil || h.Feedback.Forms != 2 {
		t.Errorf("Alpha's handout summarises %+v; want Alpha's form and the one of no team", h.Feedback)
	}
}

// FuzzFeedbackForm: any form either validates, and then its summary
// counts it once with means within 1–5, or is refused; Clean never makes
// an anonymous form keep a name.
func FuzzFeedbackForm(f *testing.F) {
	f.Add(true, "Alpha", "Li", "PIO", "strengths", "Good", "role", 4)
	f.Add(false, "", "", "", "why", "", "fun", 0)
	f.Add(false, " ", "名\x00", "", "change", "  ", "plans", 6)
	f.Fuzz(func(t *testing.T, anon bool, team, name, role, q, answer, r string, v int) {
		form := FeedbackForm{Anonymous: anon, Team: team, Name: name, Role: role,
			Answers: map[string]string{q: answer}, Ratings: map[string]int{r: v}}.Clean()
		if form.Anonymous && (form.Name != "" || form.Role != "") {
			t.Fatalf("an anonymous form kept %q %q", form.Name, form.Role)
		}
		s := SummariseFeedback([]FeedbackForm{form}, "zh")
		if err := form.Validate(); err != nil {
			if s.Forms != 0 {
				t.Fatalf("a refused form (%v) was summarised", err)
			}
			return
		}
		if s.Forms != 1 {
			t.Fatalf("a valid form counted %d times", s.Forms)
		}
		for _, x := range s.Ratings {
			if x.Answers > 0 && (x.Mean < 1 || x.Mean > 5) {
				t.Fatalf("mean %v", x.Mean)
			}
		}
	})
}
