package debrief

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/rubric"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// labels holds the debrief's fixed wording per language: the Markdown
// debrief's headings, and the words Build puts into the report model.
var labels = map[string]map[string]string{
	"en": {
		"title":        "Debrief",
		"scenario":     "Scenario",
		"kind":         "Crisis kind",
		"duration":     "Scenario duration",
		"teams":        "Teams",
		"status":       "Status",
		"ended":        "ended at %s (%s)",
		"running":      "still running at %s",
		"scores":       "Scores",
		"team":         "Team",
		"speed":        "Speed",
		"transparency": "Transparency",
		"empathy":      "Empathy",
		"overall":      "Overall",
		"ending":       "Ending",
		"path":         "Path",
		"decisions":    "Decisions",
		"decision":     "Decision",
		"opened":       "Opened",
		"answer":       "Answer",
		"response":     "Response time",
		"timedout":     "no answer — deadline passed",
		"open":         "missed — still open when time ran out",
		"abandoned":    "missed — the team moved on without deciding",
		"optional":     "not answered — optional: ",
		"shown-as":     " (option %d of %d as shown)",
		"ended-early":  "not answered — the exercise was ended early",
		"none":         "No decision was opened for this team.",
		"injects":      "Injects received",
		"world":        "World at the end",
		"rejected":     "Refused actions",
		"method":       "How the scores are computed",
		"methodtext": "Speed: 100 when a decision is taken by its target time, falling linearly to 40 at the deadline; " +
			"a missed deadline, a decision left open when the team moved on, and any denial or blame score 0; the first public word counts three times. " +
			"Transparency and empathy: the chosen option's author score (−3 to +3) mapped to 0–100, averaged with the written statement's; " +
			"silence scores as the scenario's timeout says, or the worst; a statement contradicting the choice loses 40. " +
			"Consistency: 100 minus 25 per pair of contradicting claims and per public claim the facts contradict. " +
			"Follow-up: the share of update windows after the first public update that had an update, averaged with the share of promises kept. " +
			"Overall: weighted mean of the dimensions with evidence; weights in this scenario: %s.",
		"reason." + engine.EndReached:     "reached an ending",
		"reason." + engine.EndTimeUp:      "time up",
		"reason." + engine.EndFacilitator: "ended by the facilitator",
		"reason." + engine.EndComplete:    "every team finished",
		"reason." + engine.EndLimit:       "stopped: the scenario made too much happen at once",
		"playing":                         "still playing",
		"tone.good":                       "good",
		"tone.mixed":                      "mixed",
		"tone.bad":                        "bad",
		"consistency":                     "Consistency",
		"follow-up":                       "Follow-up",
		"contradictions":                  "Contradicting claims",
		"promises":                        "Promises to update the public",
		"promise.kept":                    "kept at %s",
		"promise.missed":                  "missed (due %s)",
		"promise.open":                    "open, due %s",
		"overrides":                       "Scores marked * were set by the facilitator:",
		"rating.suggested":                "suggested rating %s",
		"rating.given":                    "rated %s by the facilitator (evidence suggested %s)",
		"notes":                           "Observer notes",
		"rubric":                          "Rubric (rule-based; the facilitator may override)",
		"paren":                           " (",
		"parenend":                        ")",
		"skind.holding":                   "holding statement",
		"skind.press-release":             "press release",
		"skind.social-reply":              "social media reply",
		"skind.customer-email":            "customer email",
		"skind.regulator-report":          "report to the regulator",
		"skind.internal":                  "internal notice",
		"judgedlive":                      "(The team's live feedback came from version %d of the statement judge; this report judges the statement with version %d.)",
		"rubric.good":                     "did",
		"rubric.bad":                      "cost points",
		"feed":                            "The public's reaction",
		"feed.count":                      "%d posts; the last five below",
		"tone.support":                    "support",
		"tone.neutral":                    "neutral",
		"tone.hostile":                    "hostile",
		"tone.ridicule":                   "ridicule",
		"allteams":                        "all teams",
		"statements":                      "Written statements",
		"facts":                           "Required facts",
		"factsmissing":                    "missing",
		"nostatement":                     "(no text written)",
		"replies":                         "Replies to injects",
		"reply.at":                        "Replied at %s",
		"method.replies":                  "Replies to injects are judged as written statements are, for the debrief only: they do not change the scores.",
		"posts":                           "Posts on the channels",
		"post.social":                     "post on the official account",
		"post.news":                       "press release",
		"post.notice":                     "pinned notice",
		"post.at":                         "%[2]s, published at %[1]s",
		"post.reaction":                   "The public's reaction",
		"post.moved":                      "World",
		"post.repeat":                     " (the public had heard this %d× before: it reacted 1/%d as strongly, with no new replies)",
		"method.posts":                    "Teams' posts on the channels are judged as written statements are and do not change the scores; the public's reaction to what the judge found moves the team's world.",
		"deadlines":                       "Regulatory deadlines",
		"dl.met":                          "met at %s",
		"dl.missed":                       "missed (due %s)",
		"dl.running":                      "running, due %s",
		"dl.represents":                   "stands for %s",
		"objectives":                      "Objectives and their evidence",
		"triggers":                        "Events the team's handling set off",
		"channel.social":                  "social post",
		"channel.news":                    "news",
		"channel.phone":                   "phone call",
		"channel.email":                   "email",
		"channel.memo":                    "internal memo",
		"channel.regulator":               "regulator",
		"channel.customer":                "customer",
		"kind.recall":                     "product recall",
		"kind.data-leak":                  "data leak",
		"kind.outage":                     "outage",
		"kind.food-safety":                "food safety",
		"kind.service":                    "service complaint",
		"kind.rumour":                     "rumour attack",
		"kind.safety":                     "workplace accident",
		"kind.disaster":                   "natural disaster",
		"kind.scandal":                    "executive scandal",

		// The version played (formats): a cut and a difficulty.
		"version":             "Version",
		"version.of":          "%s, %s difficulty",
		"version.full":        "Full version",
		"difficulty.easy":     "easy",
		"difficulty.standard": "standard",
		"difficulty.hard":     "hard",
	},
	"zh": {
		"title":        "复盘报告",
		"scenario":     "情景",
		"kind":         "危机类型",
		"duration":     "情景时长",
		"teams":        "参演小组",
		"status":       "状态",
		"ended":        "于 %s 结束（%s）",
		"running":      "截至 %s 仍在进行",
		"scores":       "得分",
		"team":         "小组",
		"speed":        "及时性",
		"transparency": "透明度",
		"empathy":      "同理心",
		"overall":      "总分",
		"ending":       "结局",
		"path":         "路径",
		"decisions":    "决策",
		"decision":     "决策",
		"opened":       "开启时间",
		"answer":       "选择",
		"response":     "响应用时",
		"timedout":     "未作答——已过截止时间",
		"open":         "错过——时间用完时仍未决定",
		"abandoned":    "错过——小组未作决定就进入了下一阶段",
		"optional":     "未作答——可选决策：",
		"shown-as":     "（显示顺序第 %d 项，共 %d 项）",
		"ended-early":  "未作答——演练被提前结束",
		"none":         "该小组没有遇到任何决策。",
		"injects":      "收到的注入",
		"world":        "结束时的舆情指标",
		"rejected":     "被拒绝的操作",
		"method":       "评分方法",
		"methodtext": "及时性：在目标时间内作出决策得 100 分，此后线性下降，截止时刻为 40 分；错过截止时间、未决定就进入下一阶段，以及任何否认或推责的回应均得 0 分；首次公开发声按三倍计。" +
			"透明度与同理心：所选选项的作者评分（−3 至 +3）换算为 0–100 分，并与书面声明的得分平均；沉默按情景的超时设定计分，未设定则按最低分计；与选择相矛盾的声明扣 40 分。" +
			"一致性：每出现一对前后矛盾的说法、每一次与事实不符的公开说法，各扣 25 分。后续跟进：首次公开更新之后，各更新周期内有无更新的比例，与兑现承诺的比例取平均。" +
			"总分：有依据维度的加权平均；本情景的权重：%s。",
		"reason." + engine.EndReached:     "到达结局",
		"reason." + engine.EndTimeUp:      "时间用尽",
		"reason." + engine.EndFacilitator: "由主持人结束",
		"reason." + engine.EndComplete:    "所有小组均已完成",
		"reason." + engine.EndLimit:       "已停止：情景同时产生的事件过多",
		"playing":                         "仍在进行",
		"tone.good":                       "良好",
		"tone.mixed":                      "喜忧参半",
		"tone.bad":                        "糟糕",
		"consistency":                     "一致性",
		"follow-up":                       "后续跟进",
		"contradictions":                  "前后矛盾的说法",
		"promises":                        "对公众的更新承诺",
		"promise.kept":                    "于 %s 兑现",
		"promise.missed":                  "未兑现（截止 %s）",
		"promise.open":                    "进行中，截止 %s",
		"overrides":                       "标 * 的分数由主持人设定：",
		"rating.suggested":                "建议评级 %s",
		"rating.given":                    "主持人评级 %s（依据建议 %s）",
		"notes":                           "观察员记录",
		"rubric":                          "评分细则（基于规则，主持人可覆盖）",
		"paren":                           "（",
		"parenend":                        "）",
		"skind.holding":                   "初步声明",
		"skind.press-release":             "新闻稿",
		"skind.social-reply":              "社交媒体回复",
		"skind.customer-email":            "客户邮件",
		"skind.regulator-report":          "向监管部门的报告",
		"skind.internal":                  "内部通知",
		"judgedlive":                      "（小组发出声明时看到的即时反馈来自第%d版声明评判；本报告用第%d版重新评判。）",
		"rubric.good":                     "做到",
		"rubric.bad":                      "扣分",
		"feed":                            "公众反应",
		"feed.count":                      "共 %d 条，以下为最近五条",
		"tone.support":                    "支持",
		"tone.neutral":                    "中性",
		"tone.hostile":                    "敌意",
		"tone.ridicule":                   "嘲讽",
		"allteams":                        "全体小组",
		"statements":                      "书面声明",
		"facts":                           "必备要素",
		"factsmissing":                    "缺少",
		"nostatement":                     "（未撰写文字）",
		"replies":                         "对注入的回复",
		"reply.at":                        "于 %s 回复",
		"method.replies":                  "对注入的回复按书面声明的方式评判，仅供复盘参考，不计入得分。",
		"posts":                           "在各渠道的发布",
		"post.social":                     "官方微博帖子",
		"post.news":                       "新闻稿",
		"post.notice":                     "置顶公告",
		"post.at":                         "%[1]s 发布的%[2]s",
		"post.reaction":                   "公众反应",
		"post.moved":                      "局势变化",
		"post.repeat":                     "（公众此前已听过%d次同样的话：反应只有第一次的1/%d，也没有新的回应）",
		"method.posts":                    "小组在各渠道的发布按书面声明的方式评判，不计入得分；公众针对评判结果作出的反应会改变该小组的局势。",
		"deadlines":                       "监管时限",
		"dl.met":                          "于 %s 完成",
		"dl.missed":                       "已逾期（截止 %s）",
		"dl.running":                      "进行中，截止 %s",
		"dl.represents":                   "对应现实中的 %s",
		"objectives":                      "演练目标及依据",
		"triggers":                        "小组应对所引发的事件",
		"channel.social":                  "社交媒体",
		"channel.news":                    "新闻",
		"channel.phone":                   "电话",
		"channel.email":                   "邮件",
		"channel.memo":                    "内部备忘",
		"channel.regulator":               "监管机构",
		"channel.customer":                "客户",
		"kind.recall":                     "产品召回",
		"kind.data-leak":                  "数据泄露",
		"kind.outage":                     "系统故障",
		"kind.food-safety":                "食品安全",
		"kind.service":                    "服务投诉",
		"kind.rumour":                     "谣言攻击",
		"kind.safety":                     "安全生产事故",
		"kind.disaster":                   "自然灾害",
		"kind.scandal":                    "高管丑闻",

		"version":             "版本",
		"version.of":          "%s，%s难度",
		"version.full":        "完整版",
		"difficulty.easy":     "简单",
		"difficulty.standard": "标准",
		"difficulty.hard":     "困难",
	},
}

// Label returns the report wording for key in lang (English when missing).
func Label(lang, key string) string {
	if s, ok := labels[lang][key]; ok {
		return s
	}
	return labels["en"][key]
}

// KindName names a crisis kind in lang; an unknown kind is shown as written.
func KindName(kind, lang string) string {
	if s, ok := labels[lang]["kind."+kind]; ok {
		return s
	}
	if s, ok := labels["en"]["kind."+kind]; ok {
		return s
	}
	return kind
}

// Clock formats an exercise time as HH:MM:SS, on screen and in every export.
func Clock(d time.Duration) string {
	// Seconds are truncated, as on the exercise clock, so the screen and
	// every export show the same time and never a second not yet passed.
	if d < 0 {
		d = 0
	}
	s := int64(d / time.Second)
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}

// Took formats a response time in lang: 4m05s in English; in Chinese as
// a reader says it, 4分5秒, 2分钟, 45秒, 1小时5分钟.
func Took(d time.Duration, lang string) string {
	d = d.Round(time.Second)
	if lang == "zh" {
		return tookZh(d)
	}
	return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
}

func tookZh(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	var b strings.Builder
	if h > 0 {
		fmt.Fprintf(&b, "%d小时", h)
	}
	switch {
	case m > 0 && s == 0:
		fmt.Fprintf(&b, "%d分钟", m)
	case m > 0:
		fmt.Fprintf(&b, "%d分%d秒", m, s)
	case s > 0 || h == 0:
		fmt.Fprintf(&b, "%d秒", s)
	}
	return b.String()
}

func rubricLabel(dim, lang string) string {
	if l, ok := rubric.DimensionLabels[dim]; ok {
		if v := l[lang]; v != "" {
			return v
		}
	}
	return dim
}

// decisionName names a decision by its question, briefly; optionName an
// option by its text. Ids are the author's, not words for a reader.
func decisionName(sc *scenario.Scenario, id, lang string) string {
	if d := sc.Decision(id); d != nil {
		return brief(d.Prompt.Get(lang), true)
	}
	return id
}

func optionName(sc *scenario.Scenario, decision, option, lang string) string {
	if d := sc.Decision(decision); d != nil {
		if o := d.Option(option); o != nil {
			return brief(o.Text.Get(lang), false)
		}
	}
	return option
}

// endingShort writes an ending with its tone and time: "Done (mixed,
// 0:34:00)", "结束（喜忧参半，0:34:00）".
func endingShort(title, tone, at, lang string) string {
	if lang == "zh" {
		return title + "（" + tone + "，" + at + "）"
	}
	return title + " (" + tone + ", " + at + ")"
}

// Number writes a world value with at most one decimal: 6.7, 45.
func Number(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
}

// humanDuration writes a real-world duration: 72h, 3d, 90m.
func humanDuration(d time.Duration, lang string) string {
	n, unit := int64(d/time.Minute), "m"
	switch {
	case d%(24*time.Hour) == 0 && d > 72*time.Hour: // 72h reads better than 3d; a week as 7d
		n, unit = int64(d/(24*time.Hour)), "d"
	case d%time.Hour == 0:
		n, unit = int64(d/time.Hour), "h"
	}
	if lang == "zh" {
		return fmt.Sprintf("%d%s", n, map[string]string{"d": "天", "h": "小时", "m": "分钟"}[unit])
	}
	return fmt.Sprintf("%d%s", n, unit)
}

func endingText(st *engine.State, t *engine.Team, lang string) string {
	switch {
	case !t.Ended:
		return Label(lang, "playing")
	case t.EndReason == engine.EndReached:
		p := st.Scenario.Phase(t.Ending)
		return endingShort(p.Ending.Outcome.Get(lang), Label(lang, "tone."+p.Ending.Tone), Clock(t.EndedAt), lang)
	default:
		return fmt.Sprintf("%s (%s)", Label(lang, "reason."+t.EndReason), Clock(t.EndedAt))
	}
}

func phaseTitle(st *engine.State, id, lang string) string {
	if p := st.Scenario.Phase(id); p != nil {
		if s := p.Title.Get(lang); s != "" {
			return s
		}
	}
	return id
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// WeightsText lists the scenario's weights of the five qualities, in the
// report's language ("speed 1, transparency 1, …").
func WeightsText(sc *scenario.Scenario, lang string) string {
	parts := make([]string, 0, len(scenario.ScoredDimensions))
	for _, dim := range scenario.ScoredDimensions {
		parts = append(parts, Label(lang, dim)+" "+Number(sc.Weight(dim)))
	}
	if lang == "zh" {
		return strings.Join(parts, "、")
	}
	return strings.Join(parts, ", ")
}
