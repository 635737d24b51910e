package debrief

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// The facilitator's control of the schedule in words: injects sent now,
// skipped or delayed, deadlines extended, ad-hoc injects with a sender and
// recipients, and the facilitator's refused commands.

// controlLabels holds their wording; T finds it through reportLabels.
var controlLabels = map[string]map[string]string{
	"en": {
		"ev.control":                       "Facilitator %s",
		"ev.sentnow":                       " — sent now by the facilitator (due %s)",
		"ev.delayedarrival":                " — delayed %s by the facilitator",
		"ev.refused":                       "Facilitator's action refused — %s: %s",
		"ev.adhoc.from":                    "from %s",
		"ev.adhoc.to":                      "to %s",
		"change.sent":                      "sent the %s \"%s\" now (due %s)",
		"change.skipped":                   "skipped the %s \"%s\" (due %s)",
		"change.delayed":                   "delayed the %s \"%s\" by %s, to %s",
		"change.extended":                  "extended the deadline of \"%s\" by %s, to %s",
		"changes":                          "Schedule changes by the facilitator",
		"refusedcommands":                  "Facilitator's refused actions",
		"inbox.sentnow":                    "sent now by the facilitator, due %s",
		"inbox.delayed":                    "delayed %s by the facilitator",
		"inbox.to":                         "to %s",
		"cmd.send-now":                     "send %s now",
		"cmd.skip":                         "skip %s",
		"cmd.delay":                        "delay %s by %s",
		"cmd.extend":                       "extend the deadline of %s by %s",
		"cmd.inject":                       "ad-hoc inject (%s)",
		"cmd.team":                         "for %s",
		"inject.named":                     "the %s \"%s\"",
		"inject.unknown":                   "inject \"%s\"",
		"decision.unknown":                 "decision \"%s\"",
		"refusal.ended":                    "the exercise or the team had ended",
		"refusal.no-such-team":             "there is no such team",
		"refusal.no-such-inject":           "it is not a scheduled inject of the team's current phase",
		"refusal.already-delivered":        "it was already delivered",
		"refusal.already-skipped":          "it was skipped",
		"refusal.opens-decision":           "it opens a decision, so it cannot be skipped",
		"refusal.bad-delay":                "a delay is from 1 second to 24 hours",
		"refusal.too-late":                 "it would fall after the phase moves on or the exercise ends",
		"refusal.not-open":                 "the decision was not open",
		"refusal.bad-channel":              "unknown channel",
		"refusal.no-text":                  "the text was empty",
		"refusal.text-too-long":            "the text was too long",
		"refusal.bad-sender":               "the sender was too long or not plain text",
		"refusal.bad-recipient":            "a recipient is not one of the scenario's roles, or was named twice",
		"refusal.bad-effect":               "a world effect names no world variable or is larger than its range",
		"refusal.bad-dimension":            "not a scored dimension",
		"refusal.bad-score":                "a score is from 0 to 100",
		"refusal.no-such-objective":        "the scenario has no such objective",
		"refusal.bad-rating":               "a rating is P, S, M or U",
		"refusal.paused":                   "the clock was paused",
		"refusal.no-such-decision":         "the scenario has no such decision",
		"refusal.no-such-option":           "the decision has no such option",
		"refusal.no-reply":                 "the team has received no such message, or it asks for no answer",
		"refusal.no-channel":               "the scenario has no such channel to post on",
		"refusal.unknown-command":          "unknown action",
		"refusal.bad-speed":                "the clock's speed must be between the slowest and fastest the exercise allows",
		"refusal.media-too-large":          "the scenario's pictures are too large together; make them smaller or use fewer",
		"refusal.bad-seat":                 "the role-player's seat had no name, or not plain text",
		"refusal.no-such-persona":          "the scenario has no such persona",
		"refusal.bad-thread":               "the message answered nothing the team had sent",
		"refusal.not-roleplay":             "the scenario does not let role-players open that decision",
		"refusal.not-in-phase":             "the decision was not in the team's phase, or had already opened",
		"refusal.nudge-limit":              "the nudge went beyond what the scenario allows",
		"refusal.ended.team":               "%s has already finished",
		"refusal.no-such-team.named":       "there is no team called %s",
		"refusal.already-delivered.inject": "%[1]s already reached %[2]s at %[3]s",
		"refusal.already-skipped.inject":   "%[1]s was already skipped for %[2]s",
		"refusal.opens-decision.inject":    "%s opens the decision %s, so it cannot be skipped; delay it instead",
		"refusal.too-late.inject.end":      "%s would then arrive at %s, after the exercise ends at %s",
		"refusal.too-late.inject.phase":    "%[1]s would then arrive at %[2]s, after %[3]s's phase moves on at %[4]s",
		"refusal.too-late.decision":        "the deadline of %s would then be %s, after the exercise ends at %s",
		"refusal.text-too-long.limit":      "the text is longer than %s characters",
		"refusal.bad-sender.limit":         "the sender is longer than %s characters, or is not plain text",
		"refusal.media-too-large.size":     "the scenario's pictures take %s together, more than the %s allowed; make them smaller or use fewer",
		"cmd.roleplay-say":                 "a role-player's message",
		"cmd.roleplay-open":                "a role-player opening %s",
		"cmd.roleplay-nudge":               "a role-player's nudge",
	},
	"zh": {
		"ev.control":                       "主持人%s",
		"ev.sentnow":                       "——主持人提前发送（原定 %s）",
		"ev.delayedarrival":                "——主持人推迟了%s",
		"ev.refused":                       "主持人的操作被拒绝——%s：%s",
		"ev.adhoc.from":                    "发件人：%s",
		"ev.adhoc.to":                      "收件人：%s",
		"change.sent":                      "提前发送了%s“%s”（原定 %s）",
		"change.skipped":                   "取消了%s“%s”（原定 %s）",
		"change.delayed":                   "将%s“%s”推迟%s，改为 %s",
		"change.extended":                  "将“%s”的截止时间延长%s，改为 %s",
		"changes":                          "主持人对日程的调整",
		"refusedcommands":                  "主持人被拒绝的操作",
		"inbox.sentnow":                    "主持人提前发送，原定 %s",
		"inbox.delayed":                    "主持人推迟了%s",
		"inbox.to":                         "收件人：%s",
		"cmd.send-now":                     "立即发送%s",
		"cmd.skip":                         "取消%s",
		"cmd.delay":                        "将%s推迟%s",
		"cmd.extend":                       "将%s的截止时间延长%s",
		"cmd.inject":                       "临时注入（%s）",
		"cmd.team":                         "（%s）",
		"inject.named":                     "%s“%s”",
		"inject.unknown":                   "注入“%s”",
		"decision.unknown":                 "决策“%s”",
		"refusal.ended":                    "演练或该小组已结束",
		"refusal.no-such-team":             "没有这个小组",
		"refusal.no-such-inject":           "它不是该小组当前阶段的预定注入",
		"refusal.already-delivered":        "它已经送达",
		"refusal.already-skipped":          "它已被取消",
		"refusal.opens-decision":           "它会开启一项决策，不能取消",
		"refusal.bad-delay":                "推迟时间须在 1 秒到 24 小时之间",
		"refusal.too-late":                 "调整后将晚于阶段转换或演练结束",
		"refusal.not-open":                 "该决策当时并未开启",
		"refusal.bad-channel":              "未知的渠道",
		"refusal.no-text":                  "内容为空",
		"refusal.text-too-long":            "内容过长",
		"refusal.bad-sender":               "发件人过长或含有非文本字符",
		"refusal.bad-recipient":            "收件人不是情景中的角色，或重复出现",
		"refusal.bad-effect":               "对情势的影响不是情景中的变量，或超出其范围",
		"refusal.bad-dimension":            "不是计分维度",
		"refusal.bad-score":                "分数须在 0 到 100 之间",
		"refusal.no-such-objective":        "情景中没有这个目标",
		"refusal.bad-rating":               "评级须为 P、S、M 或 U",
		"refusal.paused":                   "时钟已暂停",
		"refusal.no-such-decision":         "情景中没有这项决策",
		"refusal.no-such-option":           "该决策没有这个选项",
		"refusal.no-reply":                 "该小组没有收到这条消息，或这条消息无需回复",
		"refusal.no-channel":               "情景中没有可以发布的这个渠道",
		"refusal.unknown-command":          "未知的操作",
		"refusal.bad-speed":                "时钟速度超出了演练允许的范围",
		"refusal.media-too-large":          "场景的图片合计过大，请缩小图片或减少数量",
		"refusal.bad-seat":                 "角色扮演者的席位没有名称，或含有非文本字符",
		"refusal.no-such-persona":          "情景中没有这个人物",
		"refusal.bad-thread":               "这条消息回应的内容并非该小组所发",
		"refusal.not-roleplay":             "情景不允许角色扮演者开启这项决策",
		"refusal.not-in-phase":             "该决策不在小组当前阶段，或已经开启",
		"refusal.nudge-limit":              "微调超出了情景允许的范围",
		"refusal.ended.team":               "小组 %s 已经结束",
		"refusal.no-such-team.named":       "没有名为%s的小组",
		"refusal.already-delivered.inject": "%[1]s已于 %[3]s 送达小组 %[2]s",
		"refusal.already-skipped.inject":   "已为小组 %[2]s 取消了%[1]s",
		"refusal.opens-decision.inject":    "%s会开启决策%s，不能取消；可以推迟",
		"refusal.too-late.inject.end":      "推迟后%s将于 %s 到达，晚于演练结束时间 %s",
		"refusal.too-late.inject.phase":    "推迟后%[1]s将于 %[2]s 到达，晚于小组 %[3]s 在 %[4]s 的阶段转换",
		"refusal.too-late.decision":        "延长后%s的截止时间将是 %s，晚于演练结束时间 %s",
		"refusal.text-too-long.limit":      "内容超过 %s 个字符",
		"refusal.bad-sender.limit":         "发件人超过 %s 个字符，或含有非文本字符",
		"refusal.media-too-large.size":     "场景的图片合计 %s，超过允许的 %s，请缩小图片或减少数量",
		"cmd.roleplay-say":                 "角色扮演者的消息",
		"cmd.roleplay-open":                "角色扮演者开启%s",
		"cmd.roleplay-nudge":               "角色扮演者的微调",
	},
}

func init() {
	for lang, m := range controlLabels {
		for k, v := range m {
			reportLabels[lang][k] = v
		}
	}
}

// span writes a delay or extension: 5m00s, 5分00秒.
func span(d time.Duration, lang string) string { return Took(d, lang) }

// injectName names an inject by its channel and its text, briefly; the
// text alone goes in the language's quotes (the label puts them).
func injectName(in *scenario.Inject, lang string) (channel, text string) {
	return Label(lang, "channel."+in.Channel), brief(in.Text.Get(lang), false)
}

// injectNamed names an inject in a sentence: its channel and its text in
// the language's quotes ("the phone call "A reporter calls."").
func injectNamed(in *scenario.Inject, lang string) string {
	ch, text := injectName(in, lang)
	return fmt.Sprintf(T(lang, "inject.named"), ch, text)
}

// questionQuoted names a decision by its question, in the language's
// quotes.
func questionQuoted(d *scenario.Decision, lang string) string {
	return Quote(lang, brief(d.Prompt.Get(lang), true))
}

// ChangeText puts a change the facilitator made to a team's schedule into
// words in lang, e.g. "delayed the phone call “A reporter calls.” by
// 5m00s, to 00:10:00".
func ChangeText(c engine.ScheduleChange, lang string) string {
	L := func(k string) string { return T(lang, k) }
	switch c.Kind {
	case engine.KindInject, engine.KindSkipped, engine.KindDelayed:
		if c.Inject == nil {
			break
		}
		ch, text := injectName(c.Inject, lang)
		switch c.Kind {
		case engine.KindInject:
			return fmt.Sprintf(L("change.sent"), ch, text, Clock(c.Was))
		case engine.KindSkipped:
			return fmt.Sprintf(L("change.skipped"), ch, text, Clock(c.Was))
		default:
			return fmt.Sprintf(L("change.delayed"), ch, text, span(c.By, lang), Clock(c.Was+c.By))
		}
	case engine.KindExtended:
		if c.Decision != nil {
			return fmt.Sprintf(L("change.extended"), brief(c.Decision.Prompt.Get(lang), true), span(c.By, lang), Clock(c.Was+c.By))
		}
	}
	return string(c.Kind)
}

// RefusalText says in lang why the engine refused a facilitator's command,
// from the refusal's code (engine.Refusal.Code, or the Reason of a logged
// refusal).
func RefusalText(code, lang string) string {
	if s := T(lang, "refusal."+code); s != "" {
		return s
	}
	return code
}

// RefusalWords says in lang why the engine refused a command, as
// RefusalText does from its code, and with the refusal's particulars where
// the engine gave them (an *engine.Refused): the inject and the decision
// by their text, the team, the times by the exercise clock, the limit
// that was passed. "" when err is not a refusal.
func RefusalWords(err error, lang string) string {
	code := engine.RefusalCode(err)
	if code == "" {
		return ""
	}
	var r *engine.Refused
	if !errors.As(err, &r) {
		return RefusalText(code, lang)
	}
	L := func(k string) string { return T(lang, k) }
	inject := func() string { return injectNamed(r.Inject, lang) }
	decision := func() string { return questionQuoted(r.Decision, lang) }
	switch {
	case r.Refusal == engine.ErrEnded && r.Team != "":
		return fmt.Sprintf(L("refusal.ended.team"), r.Team)
	case r.Refusal == engine.ErrNoSuchTeam && r.Team != "":
		return fmt.Sprintf(L("refusal.no-such-team.named"), Quote(lang, r.Team))
	case r.Refusal == engine.ErrAlreadyDelivered && r.Inject != nil:
		return fmt.Sprintf(L("refusal.already-delivered.inject"), inject(), r.Team, Clock(r.At))
	case r.Refusal == engine.ErrAlreadySkipped && r.Inject != nil:
		return fmt.Sprintf(L("refusal.already-skipped.inject"), inject(), r.Team)
	case r.Refusal == engine.ErrOpensDecision && r.Inject != nil && r.Decision != nil:
		return fmt.Sprintf(L("refusal.opens-decision.inject"), inject(), decision())
	case r.Refusal == engine.ErrTooLate && r.Inject != nil && r.BoundIsEnd:
		return fmt.Sprintf(L("refusal.too-late.inject.end"), inject(), Clock(r.At), Clock(r.Bound))
	case r.Refusal == engine.ErrTooLate && r.Inject != nil:
		return fmt.Sprintf(L("refusal.too-late.inject.phase"), inject(), Clock(r.At), r.Team, Clock(r.Bound))
	case r.Refusal == engine.ErrTooLate && r.Decision != nil:
		return fmt.Sprintf(L("refusal.too-late.decision"), decision(), Clock(r.At), Clock(r.Bound))
	case r.Refusal == engine.ErrTextTooLong && r.Limit > 0:
		return fmt.Sprintf(L("refusal.text-too-long.limit"), GroupDigits(r.Limit))
	case r.Refusal == engine.ErrBadSender && r.Limit > 0:
		return fmt.Sprintf(L("refusal.bad-sender.limit"), GroupDigits(r.Limit))
	case r.Refusal == engine.ErrMediaTooLarge && r.Limit > 0:
		return fmt.Sprintf(L("refusal.media-too-large.size"), megabytes(r.Size), megabytes(r.Limit))
	}
	return RefusalText(code, lang)
}

// GroupDigits writes n with a comma between groups of three digits
// (50,000), as both languages' texts do.
func GroupDigits(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}

// megabytes writes a size in bytes as megabytes with one decimal: 12.5 MB.
func megabytes(n int) string { return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB" }

// refusedText puts a logged refusal of a facilitator's command into words.
func refusedText(sc *scenario.Scenario, e engine.Event, lang string) string {
	L := func(k string) string { return T(lang, k) }
	inject := func() string {
		if in := sc.Inject(e.Inject); in != nil {
			return injectNamed(in, lang)
		}
		return fmt.Sprintf(L("inject.unknown"), e.Inject)
	}
	decision := func() string {
		if d := sc.Decision(e.Decision); d != nil {
			return questionQuoted(d, lang)
		}
		return fmt.Sprintf(L("decision.unknown"), e.Decision)
	}
	var what string
	switch engine.CommandKind(e.Command) {
	case engine.CmdSendNow:
		what = fmt.Sprintf(L("cmd.send-now"), inject())
	case engine.CmdSkip:
		what = fmt.Sprintf(L("cmd.skip"), inject())
	case engine.CmdDelay:
		what = fmt.Sprintf(L("cmd.delay"), inject(), span(e.Delay(), lang))
	case engine.CmdExtend:
		what = fmt.Sprintf(L("cmd.extend"), decision(), span(e.Delay(), lang))
	case engine.CmdPress:
		title := e.Conference
		if c := sc.PressConference(e.Conference); c != nil {
			title = c.Title.Get(lang)
		}
		what = fmt.Sprintf(L("cmd.press"), title)
	case engine.CmdRoleSay, engine.CmdRoleNudge:
		what = L("cmd." + e.Command)
	case engine.CmdRoleOpen:
		what = fmt.Sprintf(L("cmd.roleplay-open"), decision())
	case engine.CmdInject:
		ch := Label(lang, "channel."+e.Channel)
		if ch == "" {
			ch = e.Channel // not a channel: what the script said
		}
		what = fmt.Sprintf(L("cmd.inject"), ch)
	default:
		what = e.Command
	}
	if e.Team != "" {
		if lang == "zh" {
			what += fmt.Sprintf(L("cmd.team"), e.Team)
		} else {
			what += " " + fmt.Sprintf(L("cmd.team"), e.Team)
		}
	}
	return fmt.Sprintf(L("ev.refused"), what, RefusalText(e.Reason, lang))
}

// adHocText is a facilitator's ad-hoc inject in words: its channel, and
// its sender and recipients when it has them.
func adHocText(sc *scenario.Scenario, e engine.Event, lang string) string {
	about := Label(lang, "channel."+e.Channel)
	if e.From != "" {
		about += T(lang, "semi") + fmt.Sprintf(T(lang, "ev.adhoc.from"), oneLine(e.From))
	}
	if len(e.To) > 0 {
		about += T(lang, "semi") + fmt.Sprintf(T(lang, "ev.adhoc.to"), roleNames(sc, e.To, lang))
	}
	return fmt.Sprintf(T(lang, "ev.adhoc"), about, oneLine(e.Text))
}

// roleNames lists roles by their labels.
func roleNames(sc *scenario.Scenario, ids []string, lang string) string {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		name := id
		for _, r := range sc.Roles {
			if r.ID == id && r.Label.Get(lang) != "" {
				name = r.Label.Get(lang)
			}
		}
		names = append(names, name)
	}
	return strings.Join(names, listSep(lang))
}

// deliveryNote says, for the team's inject list, how the facilitator moved
// a delivery, and whom an ad-hoc inject was addressed to ("" for neither).
func deliveryNote(sc *scenario.Scenario, d engine.Delivery, lang string) string {
	var parts []string
	switch {
	case d.SentNow:
		parts = append(parts, fmt.Sprintf(T(lang, "inbox.sentnow"), Clock(d.Due)))
	case d.Delayed > 0:
		parts = append(parts, fmt.Sprintf(T(lang, "inbox.delayed"), span(d.Delayed, lang)))
	}
	if strings.HasPrefix(d.Inject.ID, "adhoc-") && len(d.Inject.To) > 0 {
		parts = append(parts, fmt.Sprintf(T(lang, "inbox.to"), roleNames(sc, d.Inject.To, lang)))
	}
	return strings.Join(parts, T(lang, "semi"))
}

// upperFirst capitalises a sentence that starts with a lowercase ASCII letter.
func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
