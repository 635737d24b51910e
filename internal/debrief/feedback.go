package debrief

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Participant feedback at the hotwash (HSEEP's participant feedback form):
// after the exercise each participant answers three open questions (the
// exercise's strengths, areas for improvement, and what should change)
// and rates statements from 1 (strongly disagree) to 5 (strongly agree).
// The facilitator may collect the forms anonymously: then no name is kept.
// internal/exercise stores each form as it is saved; the report summarises
// them (Report.Feedback, ApplyFeedback): how many, each rating's mean and
// distribution, and the answers grouped by question.

// FeedbackQuestions are the open questions, in the form's order.
var FeedbackQuestions = []string{"strengths", "improvements", "change"}

// FeedbackRatings are the statements rated 1–5, in the form's order.
var FeedbackRatings = []string{"realistic", "objectives", "role", "plans"}

// Limits of a form's fields, in characters.
const (
	MaxFeedbackAnswer = 4000
	MaxFeedbackName   = 80
)

// Refusals of a form, compared with errors.Is and shown in the UI's words.
var (
	ErrFeedbackEmpty    = errors.New("the form has no answer and no rating")
	ErrFeedbackRating   = errors.New("a rating is not between 1 and 5, or rates no known statement")
	ErrFeedbackTooLong  = errors.New("an answer or a name is too long")
	ErrFeedbackQuestion = errors.New("an answer to no known question")
	ErrFeedbackNamed    = errors.New("an anonymous form carries a name or a role")
)

// FeedbackForm is one participant's form.
type FeedbackForm struct {
	// Seq numbers the exercise's forms from 1, in the order they were
	// saved; Saved is when (the database sets both).
	Seq   int64     `json:"seq,omitempty"`
	Saved time.Time `json:"-"`
	// Anonymous forms keep neither name nor role (only, if given, the team).
	Anonymous bool   `json:"anonymous,omitempty"`
	Team      string `json:"team,omitempty"`
	Name      string `json:"name,omitempty"`
	Role      string `json:"role,omitempty"`
	Lang      string `json:"lang,omitempty"` // the language the form was filled in
	// Answers by question (FeedbackQuestions), Ratings by statement
	// (FeedbackRatings), 1–5; a question or statement left out was not
	// answered.
	Answers map[string]string `json:"answers,omitempty"`
	Ratings map[string]int    `json:"ratings,omitempty"`
}

// Clean trims the form's texts, drops empty answers, and for an anonymous
// form clears the name and role.
func (f FeedbackForm) Clean() FeedbackForm {
	f.Team, f.Name, f.Role = strings.TrimSpace(f.Team), strings.TrimSpace(f.Name), strings.TrimSpace(f.Role)
	if f.Anonymous {
		f.Name, f.Role = "", ""
	}
	answers := map[string]string{}
	for q, a := range f.Answers {
		if a = strings.TrimSpace(a); a != "" {
			answers[q] = a
		}
	}
	f.Answers = answers
	ratings := map[string]int{}
	for s, v := range f.Ratings {
		if v != 0 {
			ratings[s] = v
		}
	}
	f.Ratings = ratings
	return f
}

// Validate refuses a form that cannot be stored: nothing answered, a
// rating out of 1–5 or of an unknown statement, an answer to an unknown
// question, a text too long or with control characters, or a name on an
// anonymous form.
func (f FeedbackForm) Validate() error {
	if f.Anonymous && (f.Name != "" || f.Role != "") {
		return ErrFeedbackNamed
	}
	for _, s := range []string{f.Team, f.Name, f.Role} {
		if utf8.RuneCountInString(s) > MaxFeedbackName || strings.ContainsFunc(s, unicode.IsControl) {
			return ErrFeedbackTooLong
		}
	}
	answered := false
	for q, a := range f.Answers {
		if !slices.Contains(FeedbackQuestions, q) {
			return fmt.Errorf("%w: %q", ErrFeedbackQuestion, q)
		}
		if utf8.RuneCountInString(a) > MaxFeedbackAnswer {
			return ErrFeedbackTooLong
		}
		if strings.TrimSpace(a) != "" {
			answered = true
		}
	}
	for s, v := range f.Ratings {
		if !slices.Contains(FeedbackRatings, s) || v < 1 || v > 5 {
			return fmt.Errorf("%w: %q %d", ErrFeedbackRating, s, v)
		}
		answered = true
	}
	if !answered {
		return ErrFeedbackEmpty
	}
	return nil
}

// FeedbackSummary is the report's summary of the participants' forms.
type FeedbackSummary struct {
	Forms     int `json:"forms"`
	Anonymous int `json:"anonymous"` // how many of them were anonymous
	// Ratings per statement in FeedbackRatings' order.
	Ratings []RatingSummary `json:"ratings"`
	// Questions per open question in FeedbackQuestions' order.
	Questions []QuestionAnswers `json:"questions"`
}

// RatingSummary is one statement's ratings: how many rated it, the mean
// (0 when nobody did) and how many gave each of 1–5 (Counts[0] is 1).
type RatingSummary struct {
	ID        string  `json:"id"`
	Statement string  `json:"statement"`
	Answers   int     `json:"answers"`
	Mean      float64 `json:"mean"`
	Counts    [5]int  `json:"counts"`
}

// QuestionAnswers is one open question's answers in the order the forms
// were saved.
type QuestionAnswers struct {
	ID       string           `json:"id"`
	Question string           `json:"question"`
	Answers  []FeedbackAnswer `json:"answers"`
}

// FeedbackAnswer is one participant's answer; Name and Role are empty for
// an anonymous form.
type FeedbackAnswer struct {
	Team string `json:"team,omitempty"`
	Name string `json:"name,omitempty"`
	Role string `json:"role,omitempty"`
	Text string `json:"text"`
}

// SummariseFeedback summarises forms in lang (the statements' and
// questions' wording). A form whose Validate fails is left out.
func SummariseFeedback(forms []FeedbackForm, lang string) *FeedbackSummary {
	s := &FeedbackSummary{Ratings: []RatingSummary{}, Questions: []QuestionAnswers{}}
	for _, id := range FeedbackRatings {
		s.Ratings = append(s.Ratings, RatingSummary{ID: id, Statement: FeedbackLabel(lang, "rating."+id)})
	}
	for _, id := range FeedbackQuestions {
		s.Questions = append(s.Questions, QuestionAnswers{ID: id, Question: FeedbackLabel(lang, "question."+id), Answers: []FeedbackAnswer{}})
	}
	for _, f := range forms {
		if f.Validate() != nil {
			continue
		}
		s.Forms++
		if f.Anonymous {
			s.Anonymous++
		}
		for i, id := range FeedbackRatings {
			if v, ok := f.Ratings[id]; ok {
				s.Ratings[i].Answers++
				s.Ratings[i].Counts[v-1]++
			}
		}
		for i, id := range FeedbackQuestions {
			if a := strings.TrimSpace(f.Answers[id]); a != "" {
				s.Questions[i].Answers = append(s.Questions[i].Answers, FeedbackAnswer{Team: f.Team, Name: f.Name, Role: f.Role, Text: a})
			}
		}
	}
	for i := range s.Ratings {
		r := &s.Ratings[i]
		if r.Answers == 0 {
			continue
		}
		sum := 0
		for v, n := range r.Counts {
			sum += (v + 1) * n
		}
		// Two decimals, so every export shows the same number.
		r.Mean = float64(int(float64(sum)/float64(r.Answers)*100+0.5)) / 100
	}
	return s
}

// ApplyFeedback adds the summary of the participants' forms to the report.
// A team handout keeps the forms of its team and those that name none.
// With no form the report has no feedback section.
func (r *Report) ApplyFeedback(forms []FeedbackForm) {
	var keep []FeedbackForm
	for _, f := range forms {
		if r.HandoutTeam == "" || f.Team == "" || f.Team == r.HandoutTeam {
			keep = append(keep, f)
		}
	}
	if len(keep) == 0 {
		r.Feedback = nil
		return
	}
	r.Feedback = SummariseFeedback(keep, r.Lang)
}

// Who says who gave an answer, in lang: "Name (role, team)", or the team
// alone, or "anonymous".
func (a FeedbackAnswer) Who(lang string) string {
	var parts []string
	for _, p := range []string{a.Role, a.Team} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	sep := FeedbackLabel(lang, "comma")
	switch {
	case a.Name != "" && len(parts) > 0:
		return a.Name + FeedbackLabel(lang, "open") + strings.Join(parts, sep) + FeedbackLabel(lang, "close")
	case a.Name != "":
		return a.Name
	case len(parts) > 0:
		return strings.Join(parts, sep)
	}
	return FeedbackLabel(lang, "anonymous")
}

// MeanText writes a mean as the exports do: "4.25", or "—" when nobody rated.
func (r RatingSummary) MeanText() string {
	if r.Answers == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f", r.Mean)
}

// feedbackLabels is the wording of the feedback section of the report.
var feedbackLabels = map[string]map[string]string{
	"en": {
		"section":               "7. Participant feedback",
		"count":                 "%d forms (%d anonymous).",
		"scale":                 "Ratings from 1 (strongly disagree) to 5 (strongly agree).",
		"ratings":               "Ratings",
		"statement":             "Statement",
		"answers":               "Answers",
		"mean":                  "Mean",
		"question.strengths":    "What were the strengths of the exercise?",
		"question.improvements": "What were the areas for improvement?",
		"question.change":       "What should change, in our plans or in the next exercise?",
		"rating.realistic":      "The scenario was realistic.",
		"rating.objectives":     "The exercise met its objectives.",
		"rating.role":           "I know what my role is in a real crisis.",
		"rating.plans":          "Our plans and procedures were adequate.",
		"noanswers":             "No answer.",
		"anonymous":             "anonymous",
		"gap":                   " ",
		"comma":                 ", ",
		"open":                  " (",
		"close":                 ")",
		"who":                   "Who",
		"answer":                "Answer",
	},
	"zh": {
		"section":               "七、参与者反馈",
		"count":                 "共收到 %d 份反馈表（其中匿名 %d 份）。",
		"scale":                 "评分从 1（非常不同意）到 5（非常同意）。",
		"ratings":               "评分",
		"statement":             "陈述",
		"answers":               "作答人数",
		"mean":                  "平均分",
		"question.strengths":    "这次演练有哪些优点？",
		"question.improvements": "有哪些需要改进的地方？",
		"question.change":       "我们的预案或下次演练应当做哪些改变？",
		"rating.realistic":      "情景真实可信。",
		"rating.objectives":     "演练达到了目标。",
		"rating.role":           "我清楚自己在真实危机中的职责。",
		"rating.plans":          "我们的预案和流程是充分的。",
		"noanswers":             "无人作答。",
		"anonymous":             "匿名",
		"gap":                   "",
		"comma":                 "，",
		"open":                  "（",
		"close":                 "）",
		"who":                   "作答人",
		"answer":                "回答",
	},
}

// FeedbackLabel is the feedback section's wording of key in lang (English
// for any language but zh).
func FeedbackLabel(lang, key string) string {
	if lang != "zh" {
		lang = "en"
	}
	if s, ok := feedbackLabels[lang][key]; ok {
		return s
	}
	return feedbackLabels["en"][key]
}

// distribution writes how many gave each rating: "1: 0 · 2: 1 · 3: 0 · 4: 2 · 5: 1".
func (r RatingSummary) distribution() string {
	parts := make([]string, 5)
	for i, n := range r.Counts {
		parts[i] = fmt.Sprintf("%d: %d", i+1, n)
	}
	return strings.Join(parts, " · ")
}

// writeFeedback writes the feedback section of the Markdown debrief.
func writeFeedback(b *strings.Builder, r *Report) {
	s := r.Feedback
	if s == nil {
		return
	}
	L := func(k string) string { return FeedbackLabel(r.Lang, k) }
	fmt.Fprintf(b, "## %s\n\n%s%s%s\n\n", strings.TrimLeft(L("section"), "0123456789. 一二三四五六七八九十、"), fmt.Sprintf(L("count"), s.Forms, s.Anonymous), L("gap"), L("scale"))
	fmt.Fprintf(b, "### %s\n\n| %s | %s | %s | 1 | 2 | 3 | 4 | 5 |\n|---|---:|---:|---:|---:|---:|---:|---:|\n", L("ratings"), L("statement"), L("answers"), L("mean"))
	for _, x := range s.Ratings {
		fmt.Fprintf(b, "| %s | %d | %s | %d | %d | %d | %d | %d |\n", md(x.Statement), x.Answers, x.MeanText(), x.Counts[0], x.Counts[1], x.Counts[2], x.Counts[3], x.Counts[4])
	}
	b.WriteString("\n")
	for _, q := range s.Questions {
		fmt.Fprintf(b, "### %s\n\n", md(q.Question))
		if len(q.Answers) == 0 {
			fmt.Fprintf(b, "%s\n\n", L("noanswers"))
			continue
		}
		for _, a := range q.Answers {
			fmt.Fprintf(b, "- %s%s%s\n", md(a.Who(r.Lang)), T(r.Lang, "sep"), md(a.Text))
		}
		b.WriteString("\n")
	}
}

// feedback writes the feedback section of the HTML report.
func (h *htmlWriter) feedback(r *Report) {
	s := r.Feedback
	if s == nil {
		return
	}
	L := func(k string) string { return FeedbackLabel(r.Lang, k) }
	h.f("<section id=\"feedback\">\n<h2>%s</h2>\n<p class=\"note\">%s%s%s</p>\n", esc(L("section")), esc(fmt.Sprintf(L("count"), s.Forms, s.Anonymous)), L("gap"), esc(L("scale")))
	h.f("<h3>%s</h3>\n<table class=\"feedback\">\n<thead><tr><th>%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th>", esc(L("ratings")), esc(L("statement")), esc(L("answers")), esc(L("mean")))
	for v := 1; v <= 5; v++ {
		h.f("<th class=\"num\">%d</th>", v)
	}
	h.f("</tr></thead>\n<tbody>\n")
	for _, x := range s.Ratings {
		h.f("<tr><td>%s</td><td class=\"num\">%d</td><td class=\"num\"><strong>%s</strong></td>", esc(x.Statement), x.Answers, esc(x.MeanText()))
		for _, n := range x.Counts {
			h.f("<td class=\"num\">%d</td>", n)
		}
		h.f("</tr>\n")
	}
	h.f("</tbody>\n</table>\n")
	for _, q := range s.Questions {
		h.f("<h3>%s</h3>\n", esc(q.Question))
		if len(q.Answers) == 0 {
			h.f("<p class=\"note\">%s</p>\n", esc(L("noanswers")))
			continue
		}
		h.f("<ul>\n")
		for _, a := range q.Answers {
			h.f("<li><strong>%s</strong>%s%s</li>\n", esc(a.Who(r.Lang)), esc(T(r.Lang, "sep")), esc(a.Text))
		}
		h.f("</ul>\n")
	}
	h.f("</section>\n")
}

// feedback writes the feedback section of the PDF report.
func (w *pdfWriter) feedback(r *Report) {
	s := r.Feedback
	if s == nil {
		return
	}
	L := func(k string) string { return FeedbackLabel(r.Lang, k) }
	w.heading(1, L("section"))
	w.para(fmt.Sprintf(L("count"), s.Forms, s.Anonymous)+L("gap")+L("scale"), paraOpt{size: 8.5, color: "#666666"})
	w.heading(3, L("ratings"))
	cols := []col{{title: L("statement"), frac: 0.46}, {title: L("answers"), frac: 0.12, right: true}, {title: L("mean"), frac: 0.12, right: true}}
	for v := 1; v <= 5; v++ {
		cols = append(cols, col{title: fmt.Sprint(v), frac: 0.06, right: true})
	}
	var rows [][]cell
	for _, x := range s.Ratings {
		row := []cell{{text: x.Statement}, {text: fmt.Sprint(x.Answers)}, {text: x.MeanText(), bold: true}}
		for _, n := range x.Counts {
			row = append(row, cell{text: fmt.Sprint(n)})
		}
		rows = append(rows, row)
	}
	w.table(cols, rows)
	for _, q := range s.Questions {
		w.heading(3, q.Question)
		if len(q.Answers) == 0 {
			w.para(L("noanswers"), paraOpt{size: 9, color: "#666666"})
			continue
		}
		for _, a := range q.Answers {
			w.para(a.Who(r.Lang)+T(r.Lang, "sep")+a.Text, paraOpt{bullet: "•"})
		}
	}
}

// feedbackCSVRows are the CSV export's rows of the feedback summary (see
// CSVColumns).
func feedbackCSVRows(r *Report) [][]string {
	s := r.Feedback
	if s == nil {
		return nil
	}
	var rows [][]string
	for _, x := range s.Ratings {
		rows = append(rows, []string{"", "", "feedback.rating", "", x.ID, x.MeanText(), "", x.Statement + " — " + x.distribution()})
	}
	for _, q := range s.Questions {
		for _, a := range q.Answers {
			who := a.Name
			if a.Role != "" {
				who = strings.TrimSpace(who + FeedbackLabel(r.Lang, "open") + a.Role + FeedbackLabel(r.Lang, "close"))
			}
			detail := a.Text
			if who != "" {
				detail = who + T(r.Lang, "sep") + a.Text
			}
			rows = append(rows, []string{"", a.Team, "feedback.answer", "", q.ID, "", "", detail})
		}
	}
	return rows
}
