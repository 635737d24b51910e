package debrief

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// TriageReport is a team's social-listening triage of one decision's feed
// (engine.TriageRun): each post with its true class, what it needed, the
// team's class and action, and the author's reason; and the triage's score.
type TriageReport struct {
	Decision      string  `json:"decision"`
	Prompt        string  `json:"prompt"`
	OpenedSeconds float64 `json:"opened_seconds"`
	AtSeconds     float64 `json:"at_seconds"` // made, or when the decision closed without it
	Missing       bool    `json:"missing,omitempty"`
	// Unscored: the decision was optional and left, or the exercise ended
	// before the team could decide; the triage counts in no score.
	Unscored bool    `json:"unscored,omitempty"`
	Score    float64 `json:"score"`
	// Scores are what the triage adds to the dimensions (one piece of
	// evidence each, as a decision): transparency and empathy.
	Scores map[string]float64 `json:"scores"`
	Right  int                `json:"right"` // posts with the class and the action right
	// Order is the score (0–100) of the order in which the team answered
	// the posts that need an answer, against the key's (engine
	// TriageRun.Priority); absent when it does not count (the key orders
	// no pair, the triage was logged before the order existed, or it is
	// missing or unscored).
	Order *float64 `json:"order,omitempty"`
	// Summary says the score in the report's language.
	Summary string             `json:"summary"`
	Posts   []TriagePostReport `json:"posts"`
}

// TriagePostReport is one post of a triage, in the order the team saw it.
type TriagePostReport struct {
	Post       string  `json:"post"`
	Author     string  `json:"author"`
	Text       string  `json:"text"`
	Reach      int     `json:"reach"`
	AgoSeconds float64 `json:"ago_seconds"`
	Class      string  `json:"class"`
	ClassName  string  `json:"class_name"`
	Needs      string  `json:"needs"`
	NeedsName  string  `json:"needs_name"`
	// TeamClass and TeamAction are the team's ("" when the triage is
	// missing), with their names in the report's language.
	TeamClass      string  `json:"team_class,omitempty"`
	TeamClassName  string  `json:"team_class_name"`
	TeamAction     string  `json:"team_action,omitempty"`
	TeamActionName string  `json:"team_action_name"`
	Right          bool    `json:"right"`
	Score          float64 `json:"score"` // the post's score, 0–100
	Reason         string  `json:"reason"`
	// Rank is the team's place for the post among its answers (1 first),
	// KeyRank the key's among the posts that need an answer; 0 for none.
	Rank    int `json:"rank,omitempty"`
	KeyRank int `json:"key_rank,omitempty"`
}

func init() {
	for lang, m := range triageLabels {
		for k, v := range m {
			labels[lang][k] = v
			if strings.HasPrefix(k, "refusal.") {
				controlLabels[lang][k] = v
			}
		}
	}
}

// triageLabels are the debrief's words for a social-listening triage.
var triageLabels = map[string]map[string]string{
	"en": {
		"triage":                    "Social-listening triage",
		"triage.title":              "Before \"%s\" (feed shown at %s)",
		"triage.summary":            "Score %s of 100: %d of %d posts classified and handled right (transparency %s, empathy %s)",
		"triage.summary.missing":    "Not triaged before the decision closed: score 0 of 100 (transparency 0, empathy 0); every post counts as ignored",
		"triage.summary.unscored":   "Not triaged; not scored (the team was not given the time, or the decision was optional)",
		"triage.made":               "Triaged at %s",
		"triage.col.post":           "Post",
		"triage.col.class":          "True class",
		"triage.col.team":           "Team's class",
		"triage.col.action":         "Team's action (needed)",
		"triage.col.reason":         "Why",
		"triage.col.order":          "Answer order (key)",
		"triage.order.cell":         "%s (%s)",
		"triage.summary.order":      "; order of the answers %s of 100",
		"triage.post":               "%s (reach %s, %s before)",
		"triage.none":               "—",
		"triage.right":              "right",
		"triage.class.rumour":       "rumour",
		"triage.class.complaint":    "genuine complaint",
		"triage.class.journalist":   "journalist",
		"triage.class.troll":        "troll",
		"triage.action.answer":      "answer now",
		"triage.action.monitor":     "monitor",
		"triage.action.ignore":      "ignore",
		"method.triage":             "A social-listening triage scores each post of the feed on its class and on what the team does with it (answer now, monitor, ignore); a journalist or a genuine complaint counts three times, a rumour twice, a troll once, and taking a journalist or a complaint for a troll, or answering a troll, costs most. The order in which the team answers counts as one more journalist: of the pairs of posts that need an answer and that the key orders (the more urgent first: a journalist on deadline or a genuine complaint before a rumour, a rumour before a troll, then the wider reach, then the older post), the share the team answered both of, in the key's order. The triage counts as one decision in transparency (rumours and journalists) and in empathy (complaints and trolls); a triage not made scores 0. A post needing an answer left unanswered, or a troll answered, also changes the simulated world as the scenario says.",
		"ev.triaged":                "Triaged the social-listening feed of \"%s\": score %s of 100",
		"refusal.no-triage":         "the decision was not open, or has no social-listening feed",
		"refusal.already-triaged":   "the team had already triaged this feed",
		"refusal.triage-incomplete": "every post needs a class and an action",
		"refusal.triage-order":      "every post marked \"answer now\" needs its own place in the order (1, 2, …)",
	},
	"zh": {
		"triage":                    "舆情研判",
		"triage.title":              "决策“%s”之前（信息流于 %s 出现）",
		"triage.summary":            "得分 %s（满分100）：%[3]d 条帖子中有 %[2]d 条分类与处理都正确（透明度 %[4]s，同理心 %[5]s）",
		"triage.summary.missing":    "决策结束前未完成研判：得分0（满分100；透明度0，同理心0），每条帖子都按“不予理会”计",
		"triage.summary.unscored":   "未完成研判；不计分（小组没有得到作答的时间，或该决策可以不答）",
		"triage.made":               "于 %s 完成研判",
		"triage.col.post":           "帖子",
		"triage.col.class":          "实际类别",
		"triage.col.team":           "小组判断",
		"triage.col.action":         "小组处理（应当）",
		"triage.col.reason":         "原因",
		"triage.col.order":          "回应顺序（应当）",
		"triage.order.cell":         "%s（%s）",
		"triage.summary.order":      "；回应顺序得分 %s（满分100）",
		"triage.post":               "%s（触达%s，%s前）",
		"triage.none":               "—",
		"triage.right":              "正确",
		"triage.class.rumour":       "谣言",
		"triage.class.complaint":    "真实投诉",
		"triage.class.journalist":   "记者",
		"triage.class.troll":        "恶意挑衅",
		"triage.action.answer":      "立即回应",
		"triage.action.monitor":     "持续关注",
		"triage.action.ignore":      "不予理会",
		"method.triage":             "舆情研判按信息流中每条帖子的类别和小组的处理方式（立即回应、持续关注、不予理会）计分；记者和真实投诉按三倍计，谣言按两倍计，恶意挑衅按一倍计；把记者或真实投诉当成恶意挑衅、或回应恶意挑衅，扣分最多。小组的回应顺序再按一名记者的权重计分：在需要回应、且答案给出了先后的每一对帖子中（越紧急越先：赶截稿的记者和真实投诉先于谣言，谣言先于恶意挑衅；同样紧急时触达更广的在前，再同样时发布更早的在前），计算小组两条都回应且顺序与答案一致的比例。一次研判在透明度（谣言与记者）和同理心（投诉与恶意挑衅）中各按一个决策计；未完成研判计0分。需要回应的帖子没有回应、或回应了恶意挑衅，还会按情景的设定改变模拟世界。",
		"ev.triaged":                "完成了决策“%s”的舆情研判：得分 %s（满分100）",
		"refusal.no-triage":         "该决策未开放，或没有需要研判的信息流",
		"refusal.already-triaged":   "该小组已经研判过这组信息流",
		"refusal.triage-incomplete": "每条帖子都需要选择类别和处理方式",
		"refusal.triage-order":      "每条选择“立即回应”的帖子都需要一个不重复的回应顺序（1、2……）",
	},
}

// TriageClassName and TriageActionName name a class and an action in lang.
func TriageClassName(class, lang string) string {
	if class == "" {
		return Label(lang, "triage.none")
	}
	return Label(lang, "triage.class."+class)
}

// TriageActionName: see TriageClassName.
func TriageActionName(action, lang string) string {
	if action == "" {
		return Label(lang, "triage.none")
	}
	return Label(lang, "triage.action."+action)
}

// triageReports are the team's triages in the report's language.
func triageReports(t *engine.Team, lang string) []TriageReport {
	var out []TriageReport
	for _, r := range t.Triages {
		d := r.Feed.Decision
		key := map[string]int{}
		for i, p := range d.Triage.AnswerOrder() {
			key[p.ID] = i + 1
		}
		tr := TriageReport{Decision: d.ID, Prompt: d.Prompt.Get(lang), OpenedSeconds: secs(r.Feed.OpenedAt), AtSeconds: secs(r.At),
			Missing: r.Missing, Unscored: r.Unscored, Score: r.Score(), Scores: r.Scores(), Posts: []TriagePostReport{}}
		for _, p := range r.Feed.Posts {
			m, _ := r.Mark(p.ID)
			pr := TriagePostReport{Post: p.ID, Author: p.Author.Get(lang), Text: p.Text.Get(lang), Reach: p.Reach, AgoSeconds: secs(p.Ago),
				Class: p.Class, ClassName: TriageClassName(p.Class, lang), Needs: p.Needs, NeedsName: TriageActionName(p.Needs, lang),
				TeamClass: m.Class, TeamClassName: TriageClassName(m.Class, lang), TeamAction: m.Action,
				TeamActionName: TriageActionName(m.Action, lang), Right: m.Class == p.Class && m.Action == p.Needs,
				Reason: p.Reason.Get(lang), Rank: m.Rank, KeyRank: key[p.ID]}
			if !r.Missing {
				pr.Score = round1(100 * engine.TriagePostScore(p, m.Class, m.Action))
			}
			if pr.Right {
				tr.Right++
			}
			tr.Posts = append(tr.Posts, pr)
		}
		switch {
		case r.Unscored:
			tr.Summary = Label(lang, "triage.summary.unscored")
		case r.Missing:
			tr.Summary = Label(lang, "triage.summary.missing")
		default:
			tr.Summary = fmt.Sprintf(Label(lang, "triage.summary"), Number(tr.Score), tr.Right, len(tr.Posts),
				Number(tr.Scores["transparency"]), Number(tr.Scores["empathy"]))
			if pr, ok := r.Priority(); ok {
				o := round1(100 * pr)
				tr.Order = &o
				tr.Summary += fmt.Sprintf(Label(lang, "triage.summary.order"), Number(o))
			}
		}
		out = append(out, tr)
	}
	return out
}

func round1(f float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'f', 1, 64), 64)
	return v
}

// Title is the triage's heading: the decision's question and when the feed
// was shown.
func (tr TriageReport) Title(lang string) string {
	return fmt.Sprintf(Label(lang, "triage.title"), brief(tr.Prompt, true), Clock(dur(tr.OpenedSeconds)))
}

// Made says when the team sent its triage.
func (tr TriageReport) Made(lang string) string {
	return fmt.Sprintf(Label(lang, "triage.made"), Clock(dur(tr.AtSeconds)))
}

// triagePostCell is what a table's first column says of a post: who, the
// reach, how long before, and the text.
func triagePostCell(p TriagePostReport, lang string) string {
	return p.Line(lang) + T(lang, "sep") + p.Text
}

// Line is who made the post, its reach and how long before the feed it
// was made, as the reports write it.
func (p TriagePostReport) Line(lang string) string {
	return fmt.Sprintf(Label(lang, "triage.post"), p.Author, ReachText(p.Reach, lang), agoText(dur(p.AgoSeconds), lang))
}

// ReachText writes a reach as a reader of lang would: 420,000 or 42万.
func ReachText(n int, lang string) string {
	if lang == "zh" {
		if n < 10000 {
			return strconv.Itoa(n)
		}
		return strings.TrimSuffix(strings.TrimSuffix(strconv.FormatFloat(float64(n)/10000, 'f', 1, 64), "0"), ".") + "万"
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// ActionText is the team's action with what the post needed, when they
// differ (the reports' "Team's action (needed)" column).
func (p TriagePostReport) ActionText(lang string) string {
	if p.TeamAction == p.Needs {
		return p.TeamActionName
	}
	return p.TeamActionName + T(lang, "paren") + p.NeedsName + T(lang, "parenend")
}

// OrderText is the post's place in the team's order of answers, with the
// key's when they differ: "2 (1)"; "—" for neither (the reports' "Answer
// order (key)" column).
func (p TriagePostReport) OrderText(lang string) string {
	place := func(n int) string {
		if n == 0 {
			return Label(lang, "triage.none")
		}
		return strconv.Itoa(n)
	}
	if p.Rank == p.KeyRank {
		return place(p.Rank)
	}
	return fmt.Sprintf(Label(lang, "triage.order.cell"), place(p.Rank), place(p.KeyRank))
}

// writeTriage writes the team's triages in Markdown.
func writeTriage(b *strings.Builder, lang string, triages []TriageReport) {
	if len(triages) == 0 {
		return
	}
	fmt.Fprintf(b, "### %s\n\n", Label(lang, "triage"))
	for _, tr := range triages {
		fmt.Fprintf(b, "**%s**\n\n%s\n\n", md(tr.Title(lang)), md(tr.Summary))
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|\n", Label(lang, "triage.col.post"), Label(lang, "triage.col.class"),
			Label(lang, "triage.col.team"), Label(lang, "triage.col.action"), Label(lang, "triage.col.order"), Label(lang, "triage.col.reason"))
		for _, p := range tr.Posts {
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", md(triagePostCell(p, lang)), md(p.ClassName), md(p.TeamClassName),
				md(p.ActionText(lang)), md(p.OrderText(lang)), md(p.Reason))
		}
		b.WriteString("\n")
	}
}

// triage writes the team's triages in HTML.
func (h *htmlWriter) triage(lang string, triages []TriageReport) {
	if len(triages) == 0 {
		return
	}
	h.f("<h4>%s</h4>\n", esc(Label(lang, "triage")))
	for _, tr := range triages {
		h.f("<div class=\"statement triage\">\n<p class=\"prompt\">%s</p>\n<p>%s</p>\n", esc(tr.Title(lang)), esc(tr.Summary))
		h.f("<table class=\"triage\">\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
			esc(Label(lang, "triage.col.post")), esc(Label(lang, "triage.col.class")), esc(Label(lang, "triage.col.team")),
			esc(Label(lang, "triage.col.action")), esc(Label(lang, "triage.col.order")), esc(Label(lang, "triage.col.reason")))
		for _, p := range tr.Posts {
			team, action := esc(p.TeamClassName), esc(p.ActionText(lang))
			if p.TeamClass != p.Class {
				team = "<span class=\"miss\">" + team + "</span>"
			}
			if p.TeamAction != p.Needs {
				action = "<span class=\"miss\">" + action + "</span>"
			}
			order := esc(p.OrderText(lang))
			if p.Rank != p.KeyRank {
				order = "<span class=\"miss\">" + order + "</span>"
			}
			h.f("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", esc(triagePostCell(p, lang)),
				esc(p.ClassName), team, action, order, esc(p.Reason))
		}
		h.f("</tbody>\n</table>\n</div>\n")
	}
}

// triage writes the team's triages in the PDF.
func (w *pdfWriter) triage(lang string, triages []TriageReport) {
	if len(triages) == 0 {
		return
	}
	w.heading(3, Label(lang, "triage"))
	for _, tr := range triages {
		w.need(60)
		w.para(tr.Title(lang), paraOpt{bold: true, size: 9})
		w.para(tr.Summary, paraOpt{size: 8.5})
		var rows [][]cell
		for _, p := range tr.Posts {
			classClr, actionClr, orderClr := "", "", ""
			if p.Rank != p.KeyRank {
				orderClr = "#b00020"
			}
			if p.TeamClass != p.Class {
				classClr = "#b00020"
			}
			if p.TeamAction != p.Needs {
				actionClr = "#b00020"
			}
			rows = append(rows, []cell{{text: triagePostCell(p, lang)}, {text: p.ClassName, bold: true}, {text: p.TeamClassName, color: classClr},
				{text: p.ActionText(lang), color: actionClr}, {text: p.OrderText(lang), color: orderClr}, {text: p.Reason}})
		}
		w.table([]col{{title: Label(lang, "triage.col.post"), frac: 0.31}, {title: Label(lang, "triage.col.class"), frac: 0.10},
			{title: Label(lang, "triage.col.team"), frac: 0.10}, {title: Label(lang, "triage.col.action"), frac: 0.14},
			{title: Label(lang, "triage.col.order"), frac: 0.09}, {title: Label(lang, "triage.col.reason"), frac: 0.26}}, rows)
	}
}

// triageCSVRows are a CSV's rows for the teams' triages: one per post.
func triageCSVRows(r *Report) [][]string {
	var rows [][]string
	for _, t := range r.Teams {
		for _, tr := range t.Triage {
			for _, p := range tr.Posts {
				detail := triagePostCell(p, r.Lang) + " — " + Label(r.Lang, "triage.col.class") + T(r.Lang, "sep") + p.ClassName +
					"; " + Label(r.Lang, "triage.col.team") + T(r.Lang, "sep") + p.TeamClassName +
					"; " + Label(r.Lang, "triage.col.action") + T(r.Lang, "sep") + p.ActionText(r.Lang) +
					"; " + Label(r.Lang, "triage.col.order") + T(r.Lang, "sep") + p.OrderText(r.Lang) +
					"; " + Label(r.Lang, "triage.col.reason") + T(r.Lang, "sep") + p.Reason
				rows = append(rows, []string{Clock(dur(tr.AtSeconds)), t.Name, "triage.post", "", tr.Decision, p.Post, "", detail})
			}
		}
	}
	return rows
}

// triageEvent puts a triage.submitted event, just applied to s, into words.
func triageEvent(s *engine.State, e engine.Event, lang string) string {
	t := s.Team(e.Team)
	if t == nil || len(t.Triages) == 0 {
		return ""
	}
	r := t.Triages[len(t.Triages)-1]
	return fmt.Sprintf(Label(lang, "ev.triaged"), brief(r.Feed.Decision.Prompt.Get(lang), true), Number(r.Score()))
}

// agoText is how long before a post was made, in lang: "12 min", "1 h 5 min";
// "12分钟", "1小时5分钟".
func agoText(d time.Duration, lang string) string {
	m := int(d.Round(time.Minute) / time.Minute)
	h, m := m/60, m%60
	if lang == "zh" {
		switch {
		case h > 0 && m > 0:
			return fmt.Sprintf("%d小时%d分钟", h, m)
		case h > 0:
			return fmt.Sprintf("%d小时", h)
		}
		return fmt.Sprintf("%d分钟", m)
	}
	switch {
	case h > 0 && m > 0:
		return fmt.Sprintf("%d h %d min", h, m)
	case h > 0:
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d min", m)
}
