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

// KindWeights weigh the dimensions for the audience of a statement's kind
// (Context.Kind): a customer's answer weighs empathy and the remedy (what
// will be done for them), a report to a regulator the facts and what is
// being done by when, a word to staff what to do and say. A holding
// statement and a press release, for the public at large, use Weights;
// so does an unknown or empty kind. The checks and the dimension scores
// do not depend on the kind, only the overall score does.
var KindWeights = map[string]map[string]float64{
	"customer-email":   {Transparency: 0.15, Empathy: 0.35, Action: 0.35, Accountability: 0.15},
	"social-reply":     {Transparency: 0.30, Empathy: 0.35, Action: 0.20, Accountability: 0.15},
	"internal":         {Transparency: 0.35, Empathy: 0.15, Action: 0.40, Accountability: 0.10},
	"regulator-report": {Transparency: 0.45, Empathy: 0.05, Action: 0.35, Accountability: 0.15},
}

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
	Version int     `json:"version"` // the judge's Version
	Lang    string  `json:"lang"`    // the language whose word lists were used
	Overall float64 `json:"overall"`
	// Capped is true when a harmful line or a flaw put Overall in the
	// harmful or flawed band instead of the weighted mean of the dimensions.
	Capped bool `json:"capped,omitempty"`
	// Clash is the check that contradicts the chosen option's stance
	// (denial, blame, false-reassurance, victim or apology), or "".
	Clash  string             `json:"clash,omitempty"`
	Scores map[string]float64 `json:"scores"`
	Checks []Check            `json:"checks"`
	Notes  []Note             `json:"notes,omitempty"`
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
	// Hint says in one line why a failed check matters (both languages).
	Hint map[string]string `json:"hint,omitempty"`
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
	// Severity of a penalty: Harmful lines put the statement's overall
	// score in the harmful band, flaws in the flawed band (see Band).
	Severity Severity
	// Hint says in one line, in both languages, why a failed check matters
	// and what to write instead.
	Hint map[string]string
}

// Fact checks: weight and dimensions of each required fact ("fact:<id>").
const FactWeight = 2

// FactDimensions are the dimensions a required fact informs.
var FactDimensions = []string{Transparency, Action}

func label(en, zh string) map[string]string { return map[string]string{"en": en, "zh": zh} }

// Severity ranks a penalty: a harmful line would make the crisis worse
// (the corpus's tier 1), a flaw makes a statement weak (tier 2).
type Severity int

const (
	Minor   Severity = iota // only costs its dimensions' points
	Flaw                    // puts the overall score in the flawed band
	Harmful                 // puts the overall score in the harmful band
)

// Bands of the overall score. Without a harmful line or a flaw, overall is
// the weighted mean of the dimensions (0–100). A flaw maps that mean into
// FlawFloor–FlawTop; a harmful line into 0–HarmfulTop. Version 7 lowered
// FlawTop from 60 to 40: a weak statement with a flaw ranks below a sound
// one, as trainers rank them (chosen by leave-one-batch-out evaluation on
// the corpus, see docs/rubric.md). So a statement with
// a harmful line always ranks below one with only flaws, as a trainer
// ranks them, however many good things it also says.
const (
	HarmfulTop = 15
	FlawFloor  = 15
	FlawTop    = 40
)

var all4 = []string{Transparency, Empathy, Action, Accountability}

// Catalogue lists the built-in checks in report order; the scenario's fact
// checks ("fact:<id>") come after the credits and before the penalties.
var Catalogue = []Def{
	{"acknowledge", label("Acknowledges the problem", "承认问题"), false, 2, []string{Transparency, Accountability}, Minor,
		label("Say plainly that there is a problem and that it is yours to deal with.", "直接承认出了问题，并表明由我们负责处理。")},
	{"apology", label("Apologises", "道歉"), false, 3, []string{Empathy, Accountability}, Minor,
		label("Apologise without conditions for what happened, not for how people feel.", "为发生的事本身无条件道歉，而不是为别人的“感受”道歉。")},
	{"concern", label("Shows concern for those affected", "关心受影响者"), false, 3, []string{Empathy}, Minor,
		label("Speak to the people affected: their health, their worry, their families.", "对受影响的人说话：他们的健康、担忧和家人。")},
	{"facts", label("Concrete facts: what, when, where, how many", "具体事实：何事、何时、何地、多少"), false, 3, []string{Transparency}, Minor,
		label("Give at least two concrete facts: how many, which batch or place, since when.", "至少给出两项具体事实：多少、哪个批次或地点、从何时起。")},
	{"cause", label("Cause, or an honest \"under investigation\"", "原因，或如实说明正在调查"), false, 2, []string{Transparency, Accountability}, Minor,
		label("State the cause you know, or say honestly that it is still being investigated.", "说明已查明的原因，或如实说明仍在调查。")},
	{"actions", label("Actions taken", "已采取的行动"), false, 3, []string{Action, Accountability}, Minor,
		label("Say what you have already done: recall, suspend, refund, test, report.", "说明已经做了什么：召回、暂停、退款、送检、上报。")},
	{"guidance", label("Tells affected people what to do", "告诉受影响者怎么做"), false, 3, []string{Action, Empathy}, Minor,
		label("Tell affected people what to do now: stop using it, check the batch, see a doctor.", "告诉受影响的人现在该怎么做：停止使用、核对批次、及时就医。")},
	{"contact", label("A contact channel", "联系渠道"), false, 2, []string{Action, Transparency}, Minor,
		label("Give a channel people can use: a hotline number, an email, a web page.", "给出可用的联系渠道：热线号码、邮箱或网页。")},
	{"next-update", label("When the next update comes", "下次通报时间"), false, 3, []string{Transparency, Action}, Minor,
		label("Say when the next update comes, with a time (\"by 8 p.m. tonight\").", "写明下次通报的具体时间（如“今晚8点前”）。")},
	{"denial", label("Denial", "否认"), true, 30, []string{Transparency, Empathy, Accountability}, Harmful,
		label("Denying a real problem (\"rumours\", \"meets standards\") destroys trust once the facts come out.", "否认真实存在的问题（“谣言”“符合标准”），事实一旦公开就会失去信任。")},
	{"false-reassurance", label("False reassurance while the hazard is open", "危险未排除时的虚假安抚"), true, 40, []string{Transparency, Empathy, Action}, Harmful,
		label("Never tell people it is safe to keep using something while the hazard is not ruled out.", "危险尚未排除时，绝不能告诉公众可以放心继续使用。")},
	{"blame", label("Blames others", "推卸责任"), true, 30, []string{Accountability, Empathy}, Harmful,
		label("Do not push the fault onto partners, staff, customers or others; own what is yours.", "不要把责任推给合作方、员工、顾客或他人；自己的责任自己担。")},
	{"victim", label("Plays the victim", "把自己说成受害者"), true, 30, []string{Empathy, Accountability}, Harmful,
		label("The people affected are the victims; calling the company a victim reads as self-pity.", "真正的受害者是受影响的公众；说自己也是受害者只会显得推脱。")},
	{"no-comment", label("\"No comment\"", "无可奉告"), true, 30, []string{Transparency, Action}, Harmful,
		label("Silence is filled by others; say what you know and when you will say more.", "沉默会被别人的说法填满；说出已知情况和下次通报时间。")},
	{"legal-threat", label("Legal threats against the public", "以法律手段威胁公众"), true, 30, []string{Empathy, Accountability}, Harmful,
		label("Threatening the public who share or complain turns a crisis into a fight.", "威胁转发或投诉的公众，会把危机变成对抗。")},
	{"keyword-list", label("A list of keywords, not sentences", "只是关键词堆砌，不成句子"), true, 40, all4, Harmful,
		label("Write sentences addressed to people; a string of keywords says nothing.", "要写成对公众说话的完整句子；堆砌关键词等于什么也没说。")},
	{"minimising", label("Minimises the problem", "淡化问题"), true, 20, []string{Transparency, Empathy, Accountability}, Flaw,
		label("Calling it isolated or minor before you know the scope looks like hiding it.", "在不清楚影响范围前称其为“个别”“小问题”，看起来像在掩盖。")},
	{"non-apology", label("An apology that is not one", "名为道歉、实为推脱"), true, 15, []string{Empathy, Accountability}, Flaw,
		label("\"Sorry if anyone was upset\" apologises for feelings, not for what you did.", "“如果给大家带来困扰，表示歉意”是为感受道歉，而不是为自己的行为道歉。")},
	{"over-promise", label("Promises what no one can promise", "过度承诺"), true, 15, []string{Transparency, Accountability}, Flaw,
		label("\"100% safe\" or \"never again\" cannot be kept; promise what you can deliver.", "“百分之百安全”“绝不会再发生”无法兑现；只承诺做得到的事。")},
	{"speculation", label("Speculates about the cause", "无依据的猜测"), true, 15, []string{Transparency}, Flaw,
		label("Do not guess at the cause; say what is confirmed and what is still being checked.", "不要猜测原因；说明已证实的和仍在核查的。")},
	{"filler", label("Vague corporate filler", "空洞套话"), true, 15, []string{Transparency, Accountability}, Flaw,
		label("Replace \"we take this very seriously\" with what you have done and found.", "用已做的事和已查明的情况，代替“高度重视”之类的套话。")},
	{"choice-clash", label("Contradicts the option the team chose", "与所选方案相矛盾"), true, 0, nil, Minor,
		label("The statement says the opposite of the option you chose; the public hears both.", "声明内容与所选方案相反；公众会同时听到两种说法。")},
}

// Version identifies the judge: the exercise log records it with each
// statement (see docs/rubric.md, "Versions").
const Version = 24

// Hazard states of a Context.
const (
	HazardOpen    = "open"    // a product or safety hazard is not ruled out (the default)
	HazardCleared = "cleared" // the hazard is ruled out: reassurance is the truth
)

// Context is what the judge knows besides the text.
type Context struct {
	// Lang is "en" or "zh" ("zh-CN", "en-GB" work too); any other value, or
	// "", detects the language from the text.
	Lang string
	// Facts are the scenario's required facts, checked as "fact:<id>".
	Facts []Fact
	// Hazard is HazardOpen (or "") or HazardCleared.
	Hazard string
	// Stance is the stance of the option the team chose (acknowledge, hold,
	// deny, blame), or "": a statement that says the opposite fails
	// choice-clash.
	Stance string
	// Kind is the statement's kind (holding, press-release, customer-email,
	// social-reply, internal, regulator-report), or "": the overall score
	// weighs the dimensions for its audience (KindWeights).
	Kind string
}

// Judge judges a statement. ctx.Lang selects the word lists; a statement in
// one language with a good share of the other gets both languages' lists.
// Number, date, time, code, phone, email and web patterns apply in every
// language. Judge never panics; the same input always gives the same result.
func Judge(text string, ctx Context) Result {
	return judgeWith(programLists(), text, ctx)
}

// judgeWith judges with the word lists l (and the steps they were made
// with).
func judgeWith(l *wordLists, text string, ctx Context) Result {
	lang := ctx.Lang
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
	t.l = l
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
	j := &judge{t: t, langs: langs, ctx: ctx, l: l}
	checks := j.run(ctx.Facts)
	if ctx.Hazard == HazardCleared {
		// Once the hazard is ruled out (a forged report disproved), the
		// organisation has nothing of its own to apologise for, and no
		// problem of its own to admit: a cold but correct rebuttal is not
		// marked down for lacking an apology or an admission. One that is
		// there still counts.
		for i := range checks {
			if (checks[i].ID == "apology" || checks[i].ID == "acknowledge") && !checks[i].Passed {
				checks[i].Weight = 0
				checks[i].Hint = nil
			}
		}
	}
	r := Result{Version: Version, Lang: primary, Clash: j.clash, Checks: checks, Notes: notes, Scores: score(checks)}
	weights := Weights
	if w, ok := KindWeights[ctx.Kind]; ok {
		weights = w
	}
	for _, d := range Dimensions {
		r.Overall += weights[d] * r.Scores[d]
	}
	switch band(checks) {
	case Harmful:
		r.Overall, r.Capped = HarmfulTop*r.Overall/100, true
	case Flaw:
		r.Overall, r.Capped = FlawFloor+(FlawTop-FlawFloor)*r.Overall/100, true
	}
	r.Overall = round1(r.Overall)
	return r
}

// band is the most severe penalty that fired.
func band(checks []Check) Severity {
	worst := Minor
	apologised := false
	for _, c := range checks {
		apologised = apologised || c.ID == "apology" && c.Passed && len(c.Evidence) > 0
	}
	for _, c := range checks {
		if !c.Penalty || c.Passed {
			continue
		}
		d := def(c.ID)
		if d == nil {
			continue
		}
		sev := d.Severity
		if c.ID == "over-promise" && len(c.Evidence) >= WildPromises {
			// One absolute is a weak line; a string of them ("100% safe,
			// never again, tenfold within 24 hours") is a promise the
			// public will hold the company to and see broken.
			sev = Harmful
		}
		if c.ID == "blame" && apologised {
			// Blame beside a real apology is a partner named in passing
			// (a weak statement); blame as the message, with no apology,
			// is what makes a crisis worse.
			sev = Flaw
		}
		if sev > worst {
			worst = sev
		}
	}
	return worst
}

// WildPromises is how many distinct over-promises make over-promising
// harmful rather than a flaw.
const WildPromises = 2

// def returns the catalogue entry of a check id, or nil (fact checks).
func def(id string) *Def {
	for i := range Catalogue {
		if Catalogue[i].ID == id {
			return &Catalogue[i]
		}
	}
	return nil
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
