package debrief

import (
	"fmt"
	"slices"
	"strings"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/scoring"
)

// CaseReport is a customer case as a team handled it: who the customer
// is, the remedy chosen and how well it fits them (with the author's
// reason), the remedies it could have chosen, the personal reply with the
// judge's evidence, and whether the case went public.
type CaseReport struct {
	Case            string  `json:"case"`
	Customer        string  `json:"customer"`
	Segment         string  `json:"segment"`
	Message         string  `json:"message"`
	ArrivedSeconds  float64 `json:"arrived_seconds"`
	DeadlineSeconds float64 `json:"deadline_seconds"`
	// Status is handled (by the deadline), late (after it), missed (never
	// answered) or open (still waiting, within its deadline, when the
	// team's play ended); StatusText says it in the report's language.
	Status     string  `json:"status"`
	StatusText string  `json:"status_text"`
	AtSeconds  float64 `json:"at_seconds,omitempty"` // handled
	Remedy     string  `json:"remedy,omitempty"`
	// RemedyLabel, Fit, FitText and Reason: the remedy chosen, its fit
	// (good, partial, poor) in words, and why.
	RemedyLabel string        `json:"remedy_label,omitempty"`
	Fit         string        `json:"fit,omitempty"`
	FitText     string        `json:"fit_text,omitempty"`
	Reason      string        `json:"reason,omitempty"`
	Remedies    []RemedyEntry `json:"remedies"` // every remedy, in the order the team saw them
	Text        string        `json:"text,omitempty"`
	Facts       []FactCheck   `json:"facts"`
	Judge       int           `json:"judge,omitempty"`
	JudgedLive  int           `json:"judged_live,omitempty"`
	Rubric      *RubricReport `json:"rubric,omitempty"`
	// Empathy is what the case gave the team's empathy score (the mean of
	// the fit and the reply's empathy; 0 when missed); absent while open.
	Empathy *float64 `json:"empathy,omitempty"`
	Public  bool     `json:"public,omitempty"` // missed, or a poor remedy: it went public
	// Heading says who the customer is and when they wrote, in the
	// report's language.
	Heading string `json:"heading"`
}

// RemedyEntry is one remedy a case offered.
type RemedyEntry struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	Fit     string `json:"fit"`
	FitText string `json:"fit_text"`
	Reason  string `json:"reason"`
	Chosen  bool   `json:"chosen,omitempty"`
}

func init() {
	for lang, m := range caseLabels {
		for k, v := range m {
			labels[lang][k] = v
			if strings.HasPrefix(k, "refusal.") || strings.HasPrefix(k, "cmd.") {
				controlLabels[lang][k] = v
			}
		}
	}
}

// caseLabels are the debrief's words for customer cases.
var caseLabels = map[string]map[string]string{
	"en": {
		"cases":                  "Customer cases",
		"case.heading":           "%s (%s), wrote at %s",
		"case.status.handled":    "Handled at %s, within the deadline (%s)",
		"case.status.late":       "Handled at %s, after the deadline (%s)",
		"case.status.missed":     "Not answered by the deadline (%s)",
		"case.status.open":       "Still waiting when play ended (deadline %s)",
		"case.remedy":            "Remedy chosen",
		"case.fit.good":          "good fit",
		"case.fit.partial":       "partial fit",
		"case.fit.poor":          "poor fit",
		"case.others":            "Remedies offered",
		"case.public":            "The case went public.",
		"case.empathy":           "Counted in empathy: %s",
		"case.because":           " — ",
		"method.cases":           "Each customer case counts once in speed (100 when handled by its deadline, else 0) and once in empathy (the mean of the remedy's fit, good 100, partial 50, poor 0, and the reply's empathy as the judge scores it; 0 for a case never answered). A case missed or handled with a poor remedy goes public.",
		"ev.case.arrived":        "A customer wrote: %s (%s)",
		"ev.case.handled":        "Handled the case of %s: %s (%s)",
		"ev.case.missed":         "Left the case of %s unanswered past its deadline",
		"cmd.handle-case":        "case \"%s\"",
		"refusal.no-such-case":   "the scenario has no such case",
		"refusal.case-not-open":  "the case was not waiting for the team",
		"refusal.no-such-remedy": "the case has no such remedy",
	},
	"zh": {
		"cases":                  "客户个案",
		"case.heading":           "%s（%s），%s 来信",
		"case.status.handled":    "于 %s 处理，在时限（%s）之内",
		"case.status.late":       "于 %s 处理，已超过时限（%s）",
		"case.status.missed":     "时限（%s）之前未作答",
		"case.status.open":       "演练结束时仍在等待处理（时限 %s）",
		"case.remedy":            "所选补救方案",
		"case.fit.good":          "对症",
		"case.fit.partial":       "部分对症",
		"case.fit.poor":          "不对症",
		"case.others":            "可选的补救方案",
		"case.public":            "此个案已经曝光，引发公众关注。",
		"case.empathy":           "计入同理心：%s",
		"case.because":           "——",
		"method.cases":           "每个客户个案计入一次及时性（在时限内处理得100分，否则0分）和一次同理心（补救方案的对症程度与裁判对回复同理心评分的平均值；对症100分、部分对症50分、不对症0分；始终未作答计0分）。错过时限或选择了不对症方案的个案会曝光，引发公众关注。",
		"ev.case.arrived":        "客户来信：%s（%s）",
		"ev.case.handled":        "处理了%s的个案：%s（%s）",
		"ev.case.missed":         "%s的个案超过时限仍未作答",
		"cmd.handle-case":        "个案“%s”",
		"refusal.no-such-case":   "情景中没有这个个案",
		"refusal.case-not-open":  "该个案当时并不在等待小组处理",
		"refusal.no-such-remedy": "该个案没有这个补救方案",
	},
}

// caseReports are the team's cases in the report's language.
func caseReports(sc *scenario.Scenario, t *engine.Team, lang string) []CaseReport {
	var out []CaseReport
	for _, c := range t.Cases {
		cr := CaseReport{Case: c.Case.ID, Customer: c.Case.Name.Get(lang), Segment: c.Case.Segment.Get(lang), Message: c.Message.Get(lang),
			ArrivedSeconds: secs(c.ArrivedAt), DeadlineSeconds: secs(c.DeadlineAt()), Status: "open", Facts: []FactCheck{},
			Remedies: []RemedyEntry{}, Public: c.Public()}
		cr.Heading = fmt.Sprintf(Label(lang, "case.heading"), cr.Customer, cr.Segment, Clock(c.ArrivedAt))
		deadline := Clock(c.DeadlineAt())
		switch {
		case c.InTime():
			cr.Status, cr.StatusText = "handled", fmt.Sprintf(Label(lang, "case.status.handled"), Clock(c.At), deadline)
		case c.Handled:
			cr.Status, cr.StatusText = "late", fmt.Sprintf(Label(lang, "case.status.late"), Clock(c.At), deadline)
		case c.Missed:
			cr.Status, cr.StatusText = "missed", fmt.Sprintf(Label(lang, "case.status.missed"), deadline)
		default:
			cr.StatusText = fmt.Sprintf(Label(lang, "case.status.open"), deadline)
		}
		for _, r := range c.Remedies() {
			cr.Remedies = append(cr.Remedies, RemedyEntry{ID: r.ID, Label: r.Label.Get(lang), Fit: r.Fit, FitText: Label(lang, "case.fit."+r.Fit),
				Reason: r.Reason.Get(lang), Chosen: c.Remedy == r})
		}
		if v, ok := scoring.CaseScores(c.Evidence())[scoring.Empathy]; ok {
			v = float64(int(v*10+0.5)) / 10
			cr.Empathy = &v
		}
		if c.Handled {
			cr.AtSeconds, cr.Remedy, cr.Text, cr.JudgedLive = secs(c.At), c.Remedy.ID, strings.TrimSpace(c.Text), c.JudgedLive
			cr.RemedyLabel, cr.Fit, cr.FitText, cr.Reason = c.Remedy.Label.Get(lang), c.Remedy.Fit, Label(lang, "case.fit."+c.Remedy.Fit), c.Remedy.Reason.Get(lang)
			for _, id := range c.Case.Reply.RequiredFacts {
				cr.Facts = append(cr.Facts, FactCheck{ID: id, Label: factLabel(sc, id, lang), Found: slices.Contains(c.FactsFound, id)})
			}
			if c.Rubric != nil {
				cr.Judge = c.Rubric.Version
				cr.Rubric = rubricReport(c.Rubric, lang)
			}
		}
		out = append(out, cr)
	}
	return out
}

// caseEvent puts a case event, just applied to s, into words; reply is
// the team's reply's text.
func caseEvent(s *engine.State, e engine.Event, lang string) (text, reply string) {
	t := s.Team(e.Team)
	if t == nil {
		return "", ""
	}
	c := t.CaseState(e.Case)
	if c == nil {
		return "", ""
	}
	who := c.Case.Name.Get(lang)
	switch e.Kind {
	case engine.KindCaseArrived:
		return fmt.Sprintf(Label(lang, "ev.case.arrived"), who, c.Case.Segment.Get(lang)), ""
	case engine.KindCaseMissed:
		return fmt.Sprintf(Label(lang, "ev.case.missed"), who), ""
	}
	if c.Remedy == nil {
		return "", ""
	}
	return fmt.Sprintf(Label(lang, "ev.case.handled"), who, c.Remedy.Label.Get(lang), Label(lang, "case.fit."+c.Remedy.Fit)),
		strings.TrimSpace(c.Text)
}

// caseRemedyLine says the remedy chosen, its fit and why.
func caseRemedyLine(c CaseReport, lang string) string {
	return fmt.Sprintf("%s%s%s%s%s%s%s", Label(lang, "case.remedy"), T(lang, "sep"), c.RemedyLabel, Label(lang, "paren"), c.FitText, Label(lang, "parenend"),
		Label(lang, "case.because")+c.Reason)
}

// remedyItem is one remedy offered, with its fit.
func remedyItem(r RemedyEntry, lang string) string {
	return r.Label + Label(lang, "paren") + r.FitText + Label(lang, "parenend")
}

// writeCases writes the team's customer cases in Markdown.
func writeCases(b *strings.Builder, lang string, cases []CaseReport) {
	if len(cases) == 0 {
		return
	}
	fmt.Fprintf(b, "### %s\n\n", Label(lang, "cases"))
	for _, c := range cases {
		fmt.Fprintf(b, "**%s**\n\n> %s\n\n%s\n\n", md(c.Heading), md(c.Message), md(c.StatusText))
		if c.Remedy != "" {
			fmt.Fprintf(b, "%s\n\n", md(caseRemedyLine(c, lang)))
		}
		items := make([]string, len(c.Remedies))
		for i, r := range c.Remedies {
			items[i] = md(remedyItem(r, lang))
		}
		fmt.Fprintf(b, "%s%s\n\n", field(Label(lang, "case.others"), lang), strings.Join(items, T(lang, "semi")))
		if c.Remedy != "" {
			writeJudged(b, lang, c.Text, c.Facts, c.Rubric, c.Judge, c.JudgedLive)
		}
		if c.Empathy != nil {
			fmt.Fprintf(b, "%s\n\n", md(fmt.Sprintf(Label(lang, "case.empathy"), Number(*c.Empathy))))
		}
		if c.Public {
			fmt.Fprintf(b, "%s\n\n", Label(lang, "case.public"))
		}
	}
}

// cases writes the team's customer cases in HTML.
func (h *htmlWriter) cases(lang string, cases []CaseReport) {
	if len(cases) == 0 {
		return
	}
	h.f("<h4>%s</h4>\n", esc(Label(lang, "cases")))
	for _, c := range cases {
		h.f("<div class=\"statement case\">\n<p class=\"prompt\">%s</p>\n<blockquote>%s</blockquote>\n<p class=\"muted\">%s</p>\n",
			esc(c.Heading), esc(c.Message), esc(c.StatusText))
		if c.Remedy != "" {
			h.f("<p>%s</p>\n", esc(caseRemedyLine(c, lang)))
		}
		items := make([]string, len(c.Remedies))
		for i, r := range c.Remedies {
			items[i] = esc(remedyItem(r, lang))
		}
		h.f("<p class=\"facts\">%s%s%s</p>\n", esc(Label(lang, "case.others")), esc(T(lang, "sep")), strings.Join(items, esc(T(lang, "semi"))))
		if c.Remedy != "" {
			h.f("<blockquote>%s</blockquote>\n", esc(c.Text))
			h.facts(lang, c.Facts)
			h.rubric(lang, c.Rubric)
		}
		if c.Empathy != nil {
			h.f("<p class=\"muted\">%s</p>\n", esc(fmt.Sprintf(Label(lang, "case.empathy"), Number(*c.Empathy))))
		}
		if c.Public {
			h.f("<p class=\"facts\"><span class=\"miss\">%s</span></p>\n", esc(Label(lang, "case.public")))
		}
		h.f("</div>\n")
	}
}

// cases writes the team's customer cases in the PDF.
func (w *pdfWriter) cases(lang string, cases []CaseReport) {
	if len(cases) == 0 {
		return
	}
	w.heading(3, Label(lang, "cases"))
	for _, c := range cases {
		w.need(60) // the customer with the first lines of the reply
		w.para(c.Heading, paraOpt{bold: true, size: 9})
		w.quote(lang, c.Message)
		w.para(c.StatusText, paraOpt{size: 8.5, color: "#666666"})
		if c.Remedy != "" {
			w.para(caseRemedyLine(c, lang), paraOpt{size: 8.5})
		}
		items := make([]string, len(c.Remedies))
		for i, r := range c.Remedies {
			items[i] = remedyItem(r, lang)
		}
		w.para(Label(lang, "case.others")+T(lang, "sep")+strings.Join(items, T(lang, "semi")), paraOpt{size: 8.5, color: "#666666"})
		if c.Remedy != "" {
			w.quote(lang, c.Text)
			w.facts(lang, c.Facts)
			w.rubric(lang, c.Rubric)
		}
		if c.Empathy != nil {
			w.para(fmt.Sprintf(Label(lang, "case.empathy"), Number(*c.Empathy)), paraOpt{size: 8.5, color: "#666666"})
		}
		if c.Public {
			w.para(Label(lang, "case.public"), paraOpt{size: 8.5, color: "#b00020"})
		}
	}
}
