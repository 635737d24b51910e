package debrief

import (
	"fmt"
	"slices"
	"strings"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/rubric"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// PressReport is a press conference as a team held it: each question with
// the team's answer and the judge's verdict, and the whole's score
// (engine.PressScore). Conferences do not change the scores.
type PressReport struct {
	Conference     string  `json:"conference"`
	Title          string  `json:"title"`
	StartedSeconds float64 `json:"started_seconds"`
	ClockSeconds   float64 `json:"clock_seconds"` // each question's time to answer
	Asked          int     `json:"asked"`         // questions dealt with (answered or run out)
	Answered       int     `json:"answered"`
	NoComment      int     `json:"no_comment"` // refusals to answer, the clock running out included
	Speculation    int     `json:"speculation"`
	Contradictions int     `json:"contradictions"`
	Mean           float64 `json:"mean"`
	Score          float64 `json:"score"`
	// Summary says the score in the report's language.
	Summary   string          `json:"summary"`
	Questions []PressQAReport `json:"questions"`
}

// PressQAReport is one question of a conference and what became of it.
type PressQAReport struct {
	N             int           `json:"n"` // 1-based, in the order asked
	From          string        `json:"from"`
	Question      string        `json:"question"`
	AdHoc         bool          `json:"ad_hoc,omitempty"` // typed by the facilitator
	AskedSeconds  float64       `json:"asked_seconds"`
	AtSeconds     float64       `json:"at_seconds"` // answered, or when its clock ran out
	Answered      bool          `json:"answered"`
	Text          string        `json:"text,omitempty"`
	NoComment     bool          `json:"no_comment,omitempty"`
	Speculation   bool          `json:"speculation,omitempty"`
	Contradiction string        `json:"contradiction,omitempty"` // what contradicts the team's earlier words, in words
	Facts         []FactCheck   `json:"facts"`
	Judge         int           `json:"judge,omitempty"`
	JudgedLive    int           `json:"judged_live,omitempty"`
	Rubric        *RubricReport `json:"rubric,omitempty"`
	// Heading says who asked what and when, in the report's language.
	Heading string `json:"heading"`
}

func init() {
	for lang, m := range pressLabels {
		for k, v := range m {
			labels[lang][k] = v
			if strings.HasPrefix(k, "refusal.") || strings.HasPrefix(k, "cmd.") {
				controlLabels[lang][k] = v
			}
		}
	}
}

// pressLabels are the debrief's words for press conferences.
var pressLabels = map[string]map[string]string{
	"en": {
		"press":                      "Press conferences",
		"press.title":                "%s (started at %s; %s per question)",
		"press.summary":              "Score %s of 100: %d of %d questions answered; \"no comment\" or no answer %d; speculation %d; contradictions with earlier statements %d",
		"press.q":                    "Question %d, asked at %s by %s",
		"press.adhoc":                " (added by the facilitator)",
		"press.unanswered":           "Not answered before the clock ran out.",
		"press.answered":             "Answered at %s",
		"press.clash":                "Contradicts what the team said before: %s",
		"method.press":               "Press conference answers are judged as holding statements, for the debrief only: they do not change the scores. A conference's score is the mean of its answers (a question not answered in time scores 0), less 10 points for each answer that contradicts what the team said before.",
		"ev.press.started":           "Press conference began: %s",
		"ev.press.question":          "A question was added to the press conference (%s): \"%s\"",
		"ev.press.answered":          "Answered question %d at the press conference (%s): \"%s\"",
		"ev.press.unanswered":        "Left question %d at the press conference unanswered (%s): \"%s\"",
		"ev.answer":                  "answer: %s",
		"cmd.press":                  "press conference \"%s\"",
		"refusal.no-such-conference": "the scenario has no such press conference",
		"refusal.press-busy":         "another press conference was running for the team",
		"refusal.press-over":         "the press conference was already over for the team",
		"refusal.not-asked":          "that question was not the one being asked",
	},
	"zh": {
		"press":                      "新闻发布会",
		"press.title":                "%s（%s 开始；每个问题限时%s）",
		"press.summary":              "得分 %s（满分100）：%[3]d 个问题中回答了 %[2]d 个；“无可奉告”或未作答 %[4]d 次；猜测 %[5]d 次；与此前表态矛盾 %[6]d 次",
		"press.q":                    "第 %d 问，%s 由%s提出",
		"press.adhoc":                "（主持人追加）",
		"press.unanswered":           "时限已到，未作答。",
		"press.answered":             "于 %s 作答",
		"press.clash":                "与此前的表态矛盾：%s",
		"method.press":               "新闻发布会上的每个回答都按初步声明评判，仅供复盘参考，不计入得分。发布会得分为各回答得分的平均值（未在时限内作答的问题计0分），每有一个与此前表态矛盾的回答扣10分。",
		"ev.press.started":           "新闻发布会开始：%s",
		"ev.press.question":          "新闻发布会追加提问（%s）：“%s”",
		"ev.press.answered":          "在新闻发布会上回答了第 %d 问（%s）：“%s”",
		"ev.press.unanswered":        "新闻发布会第 %d 问未作答（%s）：“%s”",
		"ev.answer":                  "回答：%s",
		"cmd.press":                  "新闻发布会“%s”",
		"refusal.no-such-conference": "情景中没有这场新闻发布会",
		"refusal.press-busy":         "该小组当时正在进行另一场新闻发布会",
		"refusal.press-over":         "该小组的这场新闻发布会已经结束",
		"refusal.not-asked":          "当时提出的并不是这个问题",
	},
}

// pressReports are the team's conferences in the report's language.
func pressReports(sc *scenario.Scenario, t *engine.Team, lang string) []PressReport {
	var out []PressReport
	for _, r := range t.Press {
		p := r.Score()
		pr := PressReport{Conference: r.Conference.ID, Title: r.Conference.Title.Get(lang), StartedSeconds: secs(r.StartedAt),
			ClockSeconds: secs(r.Conference.Clock), Asked: p.Asked, Answered: p.Answered, NoComment: p.NoComment,
			Speculation: p.Speculation, Contradictions: p.Contradictions, Mean: p.Mean, Score: p.Score, Questions: []PressQAReport{}}
		pr.Summary = fmt.Sprintf(Label(lang, "press.summary"), Number(p.Score), p.Answered, p.Asked, p.NoComment, p.Speculation, p.Contradictions)
		for i, a := range r.Answers {
			q := r.Questions[i]
			qa := PressQAReport{N: i + 1, From: q.From.Get(lang), Question: q.Text.Get(lang), AdHoc: q.AdHoc, AskedSeconds: secs(a.AskedAt),
				AtSeconds: secs(a.At), Answered: !a.Unanswered, Text: strings.TrimSpace(a.Text), NoComment: a.NoComment(),
				Speculation: a.Speculated(), Facts: []FactCheck{}, JudgedLive: a.JudgedLive}
			qa.Heading = fmt.Sprintf(Label(lang, "press.q"), qa.N, Clock(a.AskedAt), qa.From)
			if q.AdHoc {
				qa.Heading += Label(lang, "press.adhoc")
			}
			if a.Clash != "" {
				qa.Contradiction = checkLabel(a.Clash, lang)
			}
			for _, id := range q.Spec.RequiredFacts {
				qa.Facts = append(qa.Facts, FactCheck{ID: id, Label: factLabel(sc, id, lang), Found: slices.Contains(a.FactsFound, id)})
			}
			if a.Rubric != nil {
				qa.Judge = a.Rubric.Version
				qa.Rubric = rubricReport(a.Rubric, lang)
			}
			pr.Questions = append(pr.Questions, qa)
		}
		out = append(out, pr)
	}
	return out
}

// checkLabel names a check of the judge in lang.
func checkLabel(id, lang string) string {
	for _, d := range rubric.Catalogue {
		if d.ID == id {
			if s := d.Label[lang]; s != "" {
				return s
			}
			return d.Label["en"]
		}
	}
	return id
}

// pressTitle is a conference's heading: its title, when it started, the
// clock per question.
func pressTitle(p PressReport, lang string) string {
	return fmt.Sprintf(Label(lang, "press.title"), p.Title, Clock(dur(p.StartedSeconds)), Took(dur(p.ClockSeconds), lang))
}

// pressEvent puts a press event, just applied to s, into words; answer is
// the team's answer's text.
func pressEvent(s *engine.State, e engine.Event, lang string) (text, answer string) {
	t := s.Team(e.Team)
	if t == nil {
		return "", ""
	}
	r := t.PressRun(e.Conference)
	if r == nil {
		return "", ""
	}
	title := r.Conference.Title.Get(lang)
	switch e.Kind {
	case engine.KindPressStarted:
		return fmt.Sprintf(Label(lang, "ev.press.started"), title), ""
	case engine.KindPressQuestion:
		q := r.Questions[len(r.Questions)-1]
		return fmt.Sprintf(Label(lang, "ev.press.question"), title, brief(q.Text.Get(lang), true)), ""
	}
	if e.Question < 1 || e.Question > len(r.Answers) {
		return "", ""
	}
	q, a := r.Questions[e.Question-1], r.Answers[e.Question-1]
	if a.Unanswered {
		return fmt.Sprintf(Label(lang, "ev.press.unanswered"), e.Question, title, brief(q.Text.Get(lang), true)), ""
	}
	return fmt.Sprintf(Label(lang, "ev.press.answered"), e.Question, title, brief(q.Text.Get(lang), true)), strings.TrimSpace(a.Text)
}

// writePress writes the team's press conferences in Markdown.
func writePress(b *strings.Builder, lang string, press []PressReport) {
	if len(press) == 0 {
		return
	}
	fmt.Fprintf(b, "### %s\n\n", Label(lang, "press"))
	for _, p := range press {
		fmt.Fprintf(b, "**%s**\n\n%s\n\n", md(pressTitle(p, lang)), md(p.Summary))
		for _, q := range p.Questions {
			fmt.Fprintf(b, "%s%s\n\n", field(q.Heading, lang), md(q.Question))
			if !q.Answered {
				fmt.Fprintf(b, "%s\n\n", Label(lang, "press.unanswered"))
				continue
			}
			fmt.Fprintf(b, "%s%s\n\n", fmt.Sprintf(Label(lang, "press.answered"), Clock(dur(q.AtSeconds))), colonOf(lang))
			writeJudged(b, lang, q.Text, q.Facts, q.Rubric, q.Judge, q.JudgedLive)
			if q.Contradiction != "" {
				fmt.Fprintf(b, "%s\n\n", md(fmt.Sprintf(Label(lang, "press.clash"), q.Contradiction)))
			}
		}
	}
}

func colonOf(lang string) string {
	if lang == "zh" {
		return "："
	}
	return ":"
}

// press writes the team's press conferences in HTML.
func (h *htmlWriter) press(lang string, press []PressReport) {
	if len(press) == 0 {
		return
	}
	h.f("<h4>%s</h4>\n", esc(Label(lang, "press")))
	for _, p := range press {
		h.f("<div class=\"statement press\">\n<p class=\"prompt\">%s</p>\n<p>%s</p>\n", esc(pressTitle(p, lang)), esc(p.Summary))
		for _, q := range p.Questions {
			h.f("<p><span class=\"prompt\">%s</span>%s%s</p>\n", esc(q.Heading), esc(T(lang, "sep")), esc(q.Question))
			if !q.Answered {
				h.f("<p class=\"muted\">%s</p>\n", esc(Label(lang, "press.unanswered")))
				continue
			}
			h.f("<p class=\"muted\">%s</p>\n<blockquote>%s</blockquote>\n", esc(fmt.Sprintf(Label(lang, "press.answered"), Clock(dur(q.AtSeconds)))), esc(q.Text))
			h.facts(lang, q.Facts)
			h.rubric(lang, q.Rubric)
			if q.Contradiction != "" {
				h.f("<p class=\"facts\"><span class=\"miss\">%s</span></p>\n", esc(fmt.Sprintf(Label(lang, "press.clash"), q.Contradiction)))
			}
		}
		h.f("</div>\n")
	}
}

// press writes the team's press conferences in the PDF.
func (w *pdfWriter) press(lang string, press []PressReport) {
	if len(press) == 0 {
		return
	}
	w.heading(3, Label(lang, "press"))
	for _, p := range press {
		w.need(40)
		w.para(pressTitle(p, lang), paraOpt{bold: true, size: 9})
		w.para(p.Summary, paraOpt{size: 8.5})
		for _, q := range p.Questions {
			w.need(60) // the question with the first lines of its answer
			w.para(q.Heading+T(lang, "sep")+q.Question, paraOpt{bold: true, size: 9})
			if !q.Answered {
				w.para(Label(lang, "press.unanswered"), paraOpt{size: 8.5, color: "#666666"})
				continue
			}
			w.para(fmt.Sprintf(Label(lang, "press.answered"), Clock(dur(q.AtSeconds))), paraOpt{size: 8.5, color: "#666666"})
			w.quote(lang, q.Text)
			w.facts(lang, q.Facts)
			w.rubric(lang, q.Rubric)
			if q.Contradiction != "" {
				w.para(fmt.Sprintf(Label(lang, "press.clash"), q.Contradiction), paraOpt{size: 8.5, color: "#b00020"})
			}
		}
	}
}
