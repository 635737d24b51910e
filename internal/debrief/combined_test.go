package debrief

import (
	"strings"
	"testing"
)

// The combined rating is the median on P < S < M < U, an even count's
// worse middle rating; raters two or more steps apart disagree.
func TestCombineRatings(t *testing.T) {
	for _, c := range []struct {
		in     []string
		want   string
		spread int
	}{
		{nil, "", 0},
		{[]string{"S"}, "S", 0},
		{[]string{"P", "S", "M"}, "S", 2},
		{[]string{"P", "S"}, "S", 1},           // even: the worse middle one
		{[]string{"U", "P", "P", "M"}, "M", 3}, // P P M U: the middle pair P, M: M
		{[]string{"P", "P", "S", "S"}, "S", 1},
		{[]string{"P", "", "x", "U"}, "U", 3}, // not ratings: ignored
	} {
		got, spread := Combine(c.in)
		if got != c.want || spread != c.spread {
			t.Errorf("Combine(%q) = %q, %d; want %q, %d", c.in, got, spread, c.want, c.spread)
		}
	}
}

// In the world report (export_test.go) Alpha's notify has three raters:
// the facilitator S, Lee's paper guide M and Wang's live seat P. The
// combination is S, the disagreement (P and M, two steps) is said, with
// each rater's notes beside their rating, Wang's observation among them;
// Bravo, whom nobody rated, has none. Both languages, no raw ids.
func TestCombinedRatingInReport(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		r := worldReport(t, lang, "")
		var alpha, bravo *ObjectiveTeam
		for i := range r.Objectives[0].Teams {
			switch ot := &r.Objectives[0].Teams[i]; ot.Team {
			case "Alpha":
				alpha = ot
			case "Bravo":
				bravo = ot
			}
		}
		if bravo.Combined != nil {
			t.Errorf("%s: Bravo has a combined rating: %+v", lang, bravo.Combined)
		}
		c := alpha.Combined
		if c == nil || c.Rating != "S" || c.Spread != 2 || !c.Disagree || len(c.Ratings) != 3 {
			t.Fatalf("%s: Alpha's combined rating %+v", lang, c)
		}
		src := map[string]string{}
		for _, rr := range c.Ratings {
			src[rr.Source] = rr.Rater + ":" + rr.Rating
		}
		if src[SourceFacilitator] != ":S" || src[SourcePaper] != "Lee Evaluator:M" || src[SourceLive] != "Wang:P" {
			t.Errorf("%s: raters %v", lang, src)
		}
		notes := CombinedNotes(c, lang)
		if len(notes) != 3 || !strings.Contains(notes[2], "Calm first answer") || !strings.Contains(notes[2], "00:02:00") {
			t.Errorf("%s: notes beside the ratings %q", lang, notes)
		}
		text := CombinedText(c, lang)
		for _, out := range [][]byte{[]byte(Markdown(r)), HTML(r), CSV(r)} {
			if !strings.Contains(string(out), text) {
				t.Errorf("%s: an export lacks %q", lang, text)
			}
		}
		if lang == "zh" && (!strings.Contains(text, "评级分歧") || strings.Contains(text, "live") || strings.Contains(text, "paper")) {
			t.Errorf("zh: %q", text)
		}
		for _, e := range r.Timeline {
			if strings.HasPrefix(e.Text, "eeg.") {
				t.Errorf("%s: a raw kind in the timeline: %q", lang, e.Text)
			}
		}
		// Wang's ticks are listed under Wang, with the time.
		var wang *EvaluationReport
		for i := range alpha.Evaluations {
			if alpha.Evaluations[i].Evaluator == "Wang" {
				wang = &alpha.Evaluations[i]
			}
		}
		if wang == nil || !wang.Live || len(wang.Tasks) != 1 || wang.Tasks[0].AtSeconds == nil || *wang.Tasks[0].AtSeconds != 540 {
			t.Errorf("%s: Wang's evaluation %+v", lang, wang)
		}
	}
}
