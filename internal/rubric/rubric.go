// Package rubric judges a written crisis statement (holding statement, press
// release, social reply, customer email) in Chinese or English.
//
// The judge is rule-based and deterministic: each check looks for words,
// phrases or patterns (numbers, dates, times, hotline numbers, batch codes)
// and quotes what it found. Credit checks reward what CERC and the project's
// domain digest ask of a statement (acknowledge, apologise, care, give facts,
// cause or "under investigation", actions, guidance, a contact channel, the
// time of the next update, the scenario's required facts); penalty checks
// catch the SCCT deny and diminish strategies and their cousins (denial,
// blame, "no comment", minimising, legal threats against the public,
// speculation, empty corporate filler).
//
// Scores (documented for facilitators in docs/rubric.md):
//
//   - Each check informs one or more dimensions: transparency, empathy,
//     action, accountability.
//   - A dimension's score is 100 × (weight of its passed credit checks) /
//     (weight of all its credit checks), minus the points of each penalty
//     check that fired and informs it, clamped to 0–100.
//   - Overall is the weighted mean of the dimensions: transparency 30 %,
//     empathy 30 %, action 20 %, accountability 20 %.
//
// Scores are rounded to one decimal.
package rubric

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Dimensions, in report order.
const (
	Transparency   = "transparency"
	Empathy        = "empathy"
	Action         = "action"
	Accountability = "accountability"
)

// Dimensions lists the dimensions in report order.
var Dimensions = []string{Transparency, Empathy, Action, Accountability}

// DimensionLabels are the human names of the dimensions.
var DimensionLabels = map[string]map[string]string{
	Transparency:   {"en": "Transparency", "zh": "透明度"},
	Empathy:        {"en": "Empathy", "zh": "同理心"},
	Action:         {"en": "Action guidance", "zh": "行动指引"},
	Accountability: {"en": "Accountability", "zh": "担当"},
}

// Weights of the overall score; they sum to 1.
var Weights = map[string]float64{Transparency: 0.30, Empathy: 0.30, Action: 0.20, Accountability: 0.20}

// MaxChars is the longest statement judged, in characters; the rest of a
// longer text is ignored (and a note says so).
const MaxChars = 20000

// MaxEvidence is the most quotes a check reports.
const MaxEvidence = 8

// Fact is something a statement must say (a batch number, a hotline), with
// the words or numbers that show it is there.
type Fact struct {
	ID    string
	Label map[string]string // "en", "zh"
	Match []string
}

// NewFact builds a Fact from a scenario fact's label and per-language match
// lists: words for all languages ("") and for lang come first, then the
// other languages' (a Chinese statement may quote an English date), so the
// rubric agrees with the engine, which accepts a fact in any language.
func NewFact(id string, label map[string]string, match map[string][]string, lang string) Fact {
	f := Fact{ID: id, Label: map[string]string{}}
	for _, l := range []string{"en", "zh"} {
		switch {
		case label[l] != "":
			f.Label[l] = label[l]
		case label[""] != "":
			f.Label[l] = label[""]
		case label["en"] != "":
			f.Label[l] = label["en"]
		default:
			f.Label[l] = id
		}
	}
	seen := map[string]bool{}
	add := func(ws []string) {
		for _, w := range ws {
			if strings.TrimSpace(w) != "" && !seen[w] {
				seen[w] = true
				f.Match = append(f.Match, w)
			}
		}
	}
	add(match[""])
	add(match[lang])
	var rest []string
	for l := range match {
		if l != "" && l != lang {
			rest = append(rest, l)
		}
	}
	slices.Sort(rest)
	for _, l := range rest {
		add(match[l])
	}
	return f
}

// Result is the judgement of one statement.
type Result struct {
	Lang    string             `json:"lang"` // the language whose word lists were used
	Overall float64            `json:"overall"`
	Scores  map[string]float64 `json:"scores"`
	Checks  []Check            `json:"checks"`
	Notes   []Note             `json:"notes,omitempty"`
}

// Check is one check's outcome. For a credit check Passed means the
// statement does it and Evidence quotes where; for a penalty check Passed
// false means it fired and Evidence quotes the offending words. Every quote
// is a substring of the statement.
type Check struct {
	ID         string            `json:"id"`
	Label      map[string]string `json:"label"`
	Passed     bool              `json:"passed"`
	Penalty    bool              `json:"penalty"`
	Weight     float64           `json:"weight"` // credit: share of its dimensions; penalty: points off each
	Dimensions []string          `json:"dimensions"`
	Evidence   []string          `json:"evidence"`
}

// Note tells the reader something about how the text was judged.
type Note struct {
	ID   string            `json:"id"` // empty, truncated, invalid-utf8, mixed, lang-detected
	Text map[string]string `json:"text"`
}

// Def describes a check for documentation and user interfaces.
type Def struct {
	ID         string
	Label      map[string]string
	Penalty    bool
	Weight     float64
	Dimensions []string
}

// Fact checks: weight and dimensions of each required fact ("fact:<id>").
const FactWeight = 2

// FactDimensions are the dimensions a required fact informs.
var FactDimensions = []string{Transparency, Action}

func label(en, zh string) map[string]string { return map[string]string{"en": en, "zh": zh} }

// Catalogue lists the built-in checks in report order; the scenario's fact
// checks ("fact:<id>") come after the credits and before the penalties.
var Catalogue = []Def{
	{"acknowledge", label("Acknowledges the problem", "承认问题"), false, 2, []string{Transparency, Accountability}},
	{"apology", label("Apologises", "道歉"), false, 3, []string{Empathy, Accountability}},
	{"concern", label("Shows concern for those affected", "关心受影响者"), false, 3, []string{Empathy}},
	{"facts", label("Concrete facts: what, when, where, how many", "具体事实：何事、何时、何地、多少"), false, 3, []string{Transparency}},
	{"cause", label("Cause, or an honest \"under investigation\"", "原因，或如实说明正在调查"), false, 2, []string{Transparency, Accountability}},
	{"actions", label("Actions taken", "已采取的行动"), false, 3, []string{Action, Accountability}},
	{"guidance", label("Tells affected people what to do", "告诉受影响者怎么做"), false, 3, []string{Action, Empathy}},
	{"contact", label("A contact channel", "联系渠道"), false, 2, []string{Action, Transparency}},
	{"next-update", label("When the next update comes", "下次通报时间"), false, 2, []string{Transparency, Action}},
	{"denial", label("Denial", "否认"), true, 30, []string{Transparency, Empathy, Accountability}},
	{"blame", label("Blames others", "推卸责任"), true, 30, []string{Accountability, Empathy}},
	{"no-comment", label("\"No comment\"", "无可奉告"), true, 30, []string{Transparency, Action}},
	{"minimising", label("Minimises the problem", "淡化问题"), true, 20, []string{Transparency, Empathy, Accountability}},
	{"legal-threat", label("Legal threats against the public", "以法律手段威胁公众"), true, 30, []string{Empathy, Accountability}},
	{"speculation", label("Speculates about the cause", "无依据的猜测"), true, 15, []string{Transparency}},
	{"filler", label("Vague corporate filler", "空洞套话"), true, 15, []string{Transparency, Accountability}},
}

// Judge judges a statement. lang ("en" or "zh"; "zh-CN", "zh-Hant", "en-GB"
// work too) selects the word lists; any other value, or "", detects the
// language from the text. A statement in one language with a good share of
// the other gets both languages' lists. Number, date, time, code, phone,
// email and web patterns apply in every language. facts are the scenario's
// required facts, checked as "fact:<id>". Judge never panics; the same input
// always gives the same result.
func Judge(text string, lang string, facts []Fact) Result {
	var notes []Note
	if n := utf8.RuneCountInString(text); n > MaxChars {
		cut, k := 0, 0
		for cut < len(text) && k < MaxChars {
			_, w := utf8.DecodeRuneInString(text[cut:])
			cut += w
			k++
		}
		text = text[:cut]
		notes = append(notes, Note{"truncated", label(
			fmt.Sprintf("The statement has %d characters; only the first %d were judged.", n, MaxChars),
			fmt.Sprintf("声明共%d个字符，仅评判了前%d个字符。", n, MaxChars))})
	}
	t := newText(text)
	if t.invalid > 0 {
		notes = append(notes, Note{"invalid-utf8", label(
			fmt.Sprintf("The statement contains %d bytes that are not UTF-8 text; they were ignored.", t.invalid),
			fmt.Sprintf("声明中有%d个字节不是UTF-8文本，已忽略。", t.invalid))})
	}
	if strings.TrimSpace(string(t.lower)) == "" {
		notes = append(notes, Note{"empty", label("The statement is empty.", "声明为空。")})
	}
	primary := normLang(lang)
	if primary == "" {
		primary = "en"
		if t.han > t.latin {
			primary = "zh"
		}
		if strings.TrimSpace(lang) == "" {
			notes = append(notes, Note{"lang-detected", label(
				fmt.Sprintf("No language given; the text reads as %s.", primary),
				fmt.Sprintf("未指定语言，根据文本按%s评判。", primary))})
		} else {
			notes = append(notes, Note{"lang-detected", label(
				fmt.Sprintf("Language %.20q is not en or zh; the text reads as %s.", lang, primary),
				fmt.Sprintf("语言“%.20s”不是en或zh，根据文本按%s评判。", lang, primary))})
		}
	}
	langs := []string{primary}
	if primary == "en" && t.han >= 8 || primary == "zh" && t.latin >= 6 {
		other := "zh"
		if primary == "zh" {
			other = "en"
		}
		langs = append(langs, other)
		notes = append(notes, Note{"mixed", label(
			fmt.Sprintf("The statement mixes languages; both the %s and the %s word lists were used.", primary, other),
			fmt.Sprintf("声明混用了两种语言，同时使用了%s和%s词表。", primary, other))})
	}
	j := &judge{t: t, langs: langs}
	checks := j.run(facts)
	r := Result{Lang: primary, Checks: checks, Notes: notes, Scores: score(checks)}
	for _, d := range Dimensions {
		r.Overall += Weights[d] * r.Scores[d]
	}
	r.Overall = round1(r.Overall)
	return r
}

func normLang(l string) string {
	l = strings.ToLower(strings.TrimSpace(l))
	switch {
	case l == "en" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_"):
		return "en"
	case l == "zh" || strings.HasPrefix(l, "zh-") || strings.HasPrefix(l, "zh_"):
		return "zh"
	}
	return ""
}

// score computes the dimension scores from the checks.
func score(checks []Check) map[string]float64 {
	total := map[string]float64{}
	got := map[string]float64{}
	pen := map[string]float64{}
	for _, c := range checks {
		for _, d := range c.Dimensions {
			switch {
			case c.Penalty && !c.Passed:
				pen[d] += c.Weight
			case !c.Penalty:
				total[d] += c.Weight
				if c.Passed {
					got[d] += c.Weight
				}
			}
		}
	}
	out := map[string]float64{}
	for _, d := range Dimensions {
		s := 0.0
		if total[d] > 0 {
			s = 100 * got[d] / total[d]
		}
		out[d] = round1(math.Max(0, math.Min(100, s-pen[d])))
	}
	return out
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
