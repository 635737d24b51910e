package rubric

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A concept is one meaning a credit check looks for, with its English and
// its Chinese forms side by side (version 9). The word lists of versions
// 1–8 grew one language at a time, so the same meaning was often known in
// one language only (a flaw: 漏洞 but not "flaw"; free of charge: 免费 but
// not "free of charge"); a translation then passed a check its original
// failed, by 10–20 points. Every concept here has forms in both languages,
// and TestConcepts keeps it so. Loading appends the forms to the check's
// word list (a form already there is kept once).
type concept struct {
	check string // acknowledge, apology, concern, actions, cause, guidance, contact, next-update
	what  string // the meaning, for the reader of this table
	en    []string
	zh    []string
	from  []string // the corpus batches whose pairs showed it missing (docs/rubric.md)
	since int      // the version that added it
}

var concepts = []concept{
	{"cause", "a flaw or weakness in a product or system",
		[]string{"flaw", "flaws", "vulnerabilit*", "loophole*", "defect*", "security hole"},
		[]string{"漏洞", "缺陷"},
		[]string{"v5d", "v7h"}, 9},
	{"cause", "the cause, named as such",
		[]string{"cause:", "the reason", "reason for", "reasons for", "reason was", "why it happened"},
		[]string{"原因", "起因", "为什么会发生"},
		[]string{"v5d", "v7g", "v7h"}, 9},
	{"cause", "an error made",
		[]string{"error", "errors", "mistake in"},
		[]string{"差错", "出错", "错误操作"},
		[]string{"v7g"}, 9},
	{"cause", "a laboratory or test result",
		[]string{"lab", "laboratory", "test result*", "testing"},
		[]string{"实验室", "检测结果", "检测"},
		[]string{"v7g"}, 9},
	{"cause", "one factor among others",
		[]string{"a factor", "contributing factor", "played a part", "played a role"},
		[]string{"原因之一", "因素", "起了作用"},
		[]string{"v7h"}, 9},
	{"actions", "reported to an authority",
		[]string{"reported to", "reported…to the", "have informed the", "notified the"},
		[]string{"向…报告", "向…报案", "向…通报", "向…报送", "报案"},
		[]string{"v7g"}, 9},
	{"actions", "a team set up to deal with it",
		[]string{"task force", "working group", "response team", "special team"},
		[]string{"专项组", "工作组", "专班", "应急小组"},
		[]string{"v5d"}, 9},
	{"actions", "checks on samples",
		[]string{"spot check*", "sample check*", "random check*"},
		[]string{"抽检", "抽查"},
		[]string{"v6e"}, 9},
	{"actions", "something given free",
		[]string{"free", "for free", "free of charge"},
		[]string{"免费"},
		[]string{"v6e", "v5d", "leak-outage"}, 9},
	{"concern", "the affected people, whoever they are",
		[]string{"every affected", "each affected", "all affected", "those affected", "everyone affected", "people affected"},
		[]string{"受影响的", "所有受影响", "每位受影响", "每一位受影响", "受影响者", "受影响用户", "受影响客户", "受影响顾客", "受影响群众", "受影响人员",
			"受影响居民", "受影响家庭", "受影响乘客", "受影响旅客", "受影响家长", "受影响学生", "受影响车主", "受影响会员", "受影响商户", "受影响玩家"},
		[]string{"v7g", "leak-outage", "v8i", "v8j"}, 9},
	{"concern", "the reader's own child or family",
		[]string{"your child", "your children", "your family", "your families", "your loved ones"},
		[]string{"您的孩子", "你的孩子", "孩子们", "您的家人", "你的家人", "的家人"},
		[]string{"v7g"}, 9},
	{"concern", "older people",
		[]string{"elderly", "older people", "older residents"},
		[]string{"老人", "老年人"},
		[]string{"v6e", "v3"}, 9},
	{"concern", "we understand how people feel",
		[]string{"we understand", "we hear you", "we hear that"},
		[]string{"我们理解", "我们明白", "我们能理解"},
		[]string{"v5d"}, 9},
	{"next-update", "publishing or reporting the next news",
		[]string{"publish*", "will post", "we'll post", "report"},
		[]string{"公布", "将…发布", "会…发布", "将…报告", "会…报告", "再…报告"},
		[]string{"v8i", "v3"}, 9},
	{"next-update", "the next notice",
		[]string{"next notice", "further notice will", "notice will be issued", "will be issued", "will issue"},
		[]string{"下次通告", "下一次通告", "下次公告", "下一次公告", "下一期公告", "下一份公告", "进一步公告", "新的公告"},
		[]string{"v3", "v8j", "v6f"}, 9},
	{"next-update", "telling the reader again",
		[]string{"write to you again", "will write to you", "tell you", "let you know", "set out", "will explain"},
		[]string{"写信", "告知", "告诉大家", "说明情况"},
		[]string{"v7h", "leak-outage"}, 9},
	{"guidance", "whoever is in a situation can or should do something",
		[]string{"anyone who", "anyone with", "whoever"},
		[]string{"凡是", "凡在", "凡于", "的,可", "的，可"},
		[]string{"v4b", "v7h"}, 9},
	{"contact", "an email channel",
		[]string{"email us", "e-mail us", "by email", "by e-mail", "email address"},
		[]string{"邮箱", "电子邮件", "发邮件至", "邮件联系"},
		[]string{"v7h", "v5d"}, 9},
	{"contact", "a telephone channel",
		[]string{"phone", "telephone", "call us", "by phone"},
		[]string{"电话", "致电"},
		[]string{"v7g", "v5c"}, 9},
	// Version 10.
	{check: "actions", what: "access or supply cut off",
		en:   []string{"cut off", "shut off", "cut it off", "shut it off", "switched off"},
		zh:   []string{"切断", "已关闭", "断开"},
		from: []string{"v9k"}, since: 10},
	// Version 11.
	{check: "acknowledge", what: "we failed, in plain words",
		en:   []string{"dropped the ball", "we let you down", "let you down"},
		zh:   []string{"掉链子", "掉了链子", "让大家失望了", "让你们失望了"},
		from: []string{"v10m"}, since: 11},
	{check: "apology", what: "we failed you, said as an apology",
		en:   []string{"dropped the ball", "we let you down", "let you down"},
		zh:   []string{"掉链子", "掉了链子", "让大家失望了", "让你们失望了"},
		from: []string{"v10m"}, since: 11},
	// Version 12.
	{check: "apology", what: "the fault named as ours, in plain words",
		en:   []string{"our failure", "our fault", "our mistake", "we got this wrong", "we got it wrong", "we were wrong"},
		zh:   []string{"我们的错", "我们的失职", "是我们错了", "我们做错了", "我们错了"},
		from: []string{"v10n", "v11o"}, since: 12},
	{check: "actions", what: "a place or service closed, people housed",
		en:   []string{"closed", "stopped", "suspended", "housed", "rehoused"},
		zh:   []string{"已封闭", "封闭", "已停运", "停运", "已暂停", "安置"},
		from: []string{"v11o"}, since: 12},
	{check: "guidance", what: "the reader may claim, apply or register: a permission to act",
		en: []string{"can claim", "may claim", "can apply", "may apply", "can register", "may register",
			"can join our", "can request", "may request", "can upload", "can rebook", "can collect"},
		zh:   []string{"可登记", "可以登记", "可领取", "可以领取", "可上传", "可改签", "可以申请"},
		from: []string{"v13t"}, since: 13},
	{check: "guidance", what: "an appointment the reader can book",
		en:   []string{"can book", "may book", "book a time", "book an appointment", "make an appointment", "by appointment"},
		zh:   []string{"可预约", "可以预约", "预约电话"},
		from: []string{"v13t", "v7h"}, since: 13},
	{check: "next-update", what: "writing to the reader again, publishing the latest",
		en:   []string{"write again", "will write again", "write to…again", "latest information", "latest news"},
		zh:   []string{"致信", "致函", "最新情况"},
		from: []string{"v11o", "v14u", "v8i", "v14v"}, since: 14},
	{check: "cause", what: "what happened, told as such (a heading, the account that follows)",
		en:   []string{"what happened"},
		zh:   []string{"发生了什么", "事情经过", "经过如下"},
		from: []string{"v10m"}, since: 20},
	// Version 24.
	{check: "actions", what: "the people affected told directly",
		en:   []string{"notified", "have informed", "has informed", "emailed", "have written to", "wrote to"},
		zh:   []string{"已通知", "通知了", "逐一通知", "已告知", "已致信", "已发邮件"},
		from: []string{"v26b"}, since: 24},
	{check: "actions", what: "a fault fixed or corrected",
		en:   []string{"has been fixed", "have been fixed", "was fixed", "we fixed", "have fixed", "has fixed", "repaired", "corrected", "put right"},
		zh:   []string{"已修复", "修复了", "已修正", "已更正", "已纠正", "已修好"},
		from: []string{"v26b"}, since: 24},
	{check: "actions", what: "what was exposed taken down",
		en:   []string{"deleted", "taken down", "took down", "taken offline", "took offline"},
		zh:   []string{"已删除", "删除了", "已下线", "已撤下"},
		from: []string{"v26b"}, since: 24},
}

// conceptWords adds the concepts of check to its word list.
func conceptWords(cfg *config, check string, w words) words {
	out := words{en: append([]string(nil), w.en...), zh: append([]string(nil), w.zh...)}
	for _, c := range concepts {
		if c.check != check || cfg.conceptOff(c) {
			continue
		}
		for _, f := range c.en {
			if !slices.Contains(out.en, f) {
				out.en = append(out.en, f)
			}
		}
		for _, f := range c.zh {
			if !slices.Contains(out.zh, f) {
				out.zh = append(out.zh, f)
			}
		}
	}
	return out
}

// senseOff are Chinese concept words in another sense, which no English
// form of the concept would match: 大家最关心的问题 is "the questions asked
// most", 几乎感受不到 "hardly notice" (version 9). A match followed by one of
// its endings does not count.
var senseOff = map[string][]string{
	"关心":   {"的问题", "的事", "的几个问题"},
	"感受":   {"不到", "得到", "到了"},
	"家庭":   {"财产", "住址", "地址", "宽带"},
	"free": {" of ", " to ", " from ", "-"},
}

// senseOffBefore: the same, for what comes before ("toll-free", "feel
// free").
var senseOffBefore = map[string][]string{
	"free": {"toll-", "feel ", "sugar-", "fat-", "gluten-", "smoke-", "hands-", "be "},
}

// offSense drops the matches of ss that senseOff reads in another sense.
func (t *text) offSense(ss []span) []span {
	var out []span
next:
	for _, s := range ss {
		w := string(t.lower[s.a:s.b])
		rest := string(t.lower[s.b:min(len(t.lower), s.b+6)])
		for _, end := range senseOff[w] {
			if strings.HasPrefix(rest, end) {
				continue next
			}
		}
		before := string(t.lower[max(0, s.a-6):s.a])
		for _, b := range senseOffBefore[w] {
			if strings.HasSuffix(before, b) {
				continue next
			}
		}
		out = append(out, s)
	}
	return out
}

// The steps of versions 9 to 17, numbered as in docs/rubric.md. A config
// switches steps off for the leave-one-batch-out evaluation in the tests
// (each batch is judged without the steps its own statements motivated).
const (
	v9Concepts  = iota + 1 // aligned concept table for the credit checks
	v9Sense                // Chinese concept words in another sense
	v9When                 // a claim inside "when / where / if it is …"
	v9Qualified            // a claim taken back by "but … may"
	v9Refund               // "no need to return" beside a refund
	v9Someone              // "someone" is a party only with intent or "else"
	v9Effect               // a hedge before an effect verb is a possible effect
	v9Possible             // a victim's word raised as a possibility
	v9Duration             // a duration is not a count
	v9Industry             // blame across the industry, level with 全行业
	v9If                   // 如 alone opens a condition; 从未有意 is "never our intention"
	// Version 10's steps.
	v10List      // a run of short items between 、 is a keyword list
	v10Entrust   // 放心把…交给 is trust placed in us, not an assurance
	v10Listed    // a scapegoat's word listed beside our own staff blames no one
	v10Instruct  // "do not comment" told to staff is an instruction, not silence
	v10Condition // "never again … without notice" is a rule, not an over-promise
	v10Wait      // 待 inside 等待, 期待, 接待… is no "until"
	v10Parties   // contractors in Chinese as in English: 承包, 分包, 施工单位
	// Version 11's steps.
	v11Reader  // a hedge about the reader ("you may have been exposed") is advice, not a guess
	v11SoFar   // "so far no harm has been reported" reports what is known
	v11Attrib  // 检测合格的灭菌器: a verdict that describes a thing is no denial
	v11Dative  // 给考生和家长造成: a party listed after 给 is the one harmed
	v11Records // "records show", 记录显示 cite evidence as "data show" does
	v11Safe    // 可以安全使用, 可以正常使用: "is safe to use" in Chinese
	// Version 12's steps.
	v12Denial   // "this is completely false", "we meet every standard", "not a safety issue"
	v12Unsafe   // "not unsafe", "has never been unsafe" reassure
	v12Attack   // "an attack on our brand", a smear campaign: playing the victim
	v12Lawyers  // "we have instructed our lawyers", "expect to hear from them"
	v12Probably // "the heat probably caused": a guess at the cause
	v12Theirs   // "the failure was theirs", 问题出在他们身上, after a party is named
	// Version 13's steps.
	v13Hundred // 百分百 is 百分之百: "100% safe" and "100%" promises in the short form
	v13Victim  // 我们也是这起事件的受害者: the company as victim with words between
	v13Phone   // a number followed by "(8am to 8pm)" is still a number
	v13Web     // web addresses under more domains: .co.uk, .edu, .org.uk…
	// Version 14's steps.
	v14Before // a time before an update word is as near in either script (text.width)
	// Version 15's steps.
	v15Effect      // a hedge before what a product can do ("may overheat", 可能过热) states a hazard
	v15Keep        // "keep on" + a verb of use, in either language, from one grammar (keepUsing)
	v15Ought       // "should have been safe", 本应是安全的: what ought to be is no reassurance
	v15Past        // "was never scanned again": never … again in the past is a fact, not a promise
	v15Whoever     // "anyone who …" is guidance when it goes on to what they can or should do, as 凡是…可
	v15Heading     // "Update on the chairlift, Saturday 14 February" as a heading dates this statement
	v15Done        // "the report, issued on Thursday": an update already made is no next one
	v15Relative    // "monthly services that, we now know, never happened" describe a thing: no denial
	v15Represent   // "does not represent", 不代表 as a breach only of what the organisation stands for
	v15Preliminary // "our tests so far show", 目前的检测: the tests so far are evidence
	// Version 16's steps.
	v16Normal    // a bare "as normal", 可正常 reassures only of using something: not "classes go on as normal"
	v16Attacked  // 系统遭到勒索软件攻击 reports an attack, as "was hit by a ransomware attack" does: no victim-playing
	v16Unrelated // 与用户密码无关, "customers are not to blame" rule the party out, as "not the supplier" does
	v16Possessor // 宝宝的画面是安全的, "your baby's feed is secure": a person who owns the thing is not the subject
	v16Ensure    // "hosts must make sure their property is safe", 确保…安全: a goal, not a claim
	v16PileOn    // 网络围攻 as "online pile-on", "been the target of"
	v16Cases     // 全部23起个案: cases counted, not "an isolated case"
	v16Reply     // 关于网上流传的报道，回应如下：… — after the colon the team speaks, not the reports
	// Version 17's steps.
	v17Comma    // a number after a Chinese comma or full stop (发现，4月14日) is a detail, not the tail of a number
	v17Duration // a duration in words ("eight months", "forty years") is no count, as "24 hours" is none since version 9
	v17Feelings // "apologise … for any concern caused", "sorry that some fans feel": feelings, as 给…带来的困扰 in Chinese
	// Version 18's steps.
	v18NoNeed     // "residents and no need to change anything": telling people they need not act is said to them, never a report on them
	v18Complement // "diners can be confident the food is safe", 顾客尽可放心，食品绝对安全: what people may be sure of is the claim
	v18Told       // 是我们告诉大家这些轮胎是安全的 beside an apology: our own earlier words, owned, are quoted, not said again
	v18Risk       // "no fire risk to residents", 没有任何火灾风险: a risk denied with its kind named
	v18Caused     // 给居民带来了惊扰和不便，我们深表歉意 as "sorry for the disruption this caused": an apology for what was caused; only "any", 可能, 任何 or a report make it one for feelings
	v18Can        // 吸盘可能松脱, "photos that might help": 可能 and "might" before what may happen guess at no cause
	// Version 19's steps.
	v19State    // a person before a claim makes it a report on them only when it says how they are ("are safe"): not "drivers can continue … with complete confidence"
	v19Standard // "meets the required British Standard", as 符合…标准: a standard with words between
	v19Right    // "because parents deserve to hear it from us", 因为家长有权…: a party's right is no blame
	// Version 20's steps.
	v20Ticks    // 餐券码✔ 超市收银✔ …: ticks between items part a tag line, as | and # do, in both languages
	v20Caused   // "data from our provider caused a", "software supplied by our partner resulted in": a party before "caused", "resulted in", "led to", as before 导致, 造成, 引起
	v20Supplied // "caused by a fault in the software provided to us by an external supplier", as 系外部供应商提供的软件…所致: the party that supplied what failed
	v20Worry    // 对于…任何担忧，我们深感抱歉 as "sorry for any worry": worry, anxiety and disappointment, hedged, make an apology one for feelings
	v20OurError // "this was our error", "all 212 were errors", 这是我们的失误: an admission or a verdict names no cause
	// Version 21's steps.
	v21Others    // 其他颜色全部合格, "every other batch passed all its tests": a verdict on the others denies nothing about the one at fault
	v21Authority // 疾控部门判断，感染源很可能是…, "investigators think it probably started in…": a hedge that reports an authority's judgement is not the team's guess
	v21Own       // 软件来自供应商，但选它、测它、用它的都是我们, "we are not going to point at anyone else": owning the fault, in more words
	v21Orders    // "Contact the site office", "Reply with a time that suits you": an English clause that opens with a verb of action and its object is an order, as 请 and any verb is in Chinese
	v21Readers   // "Anyone affected can speak to…", 乘客可换乘…: the reader named, then what they can or should do, in either language
	v21Window    // 请全市每一个家庭放心: the words that make a request one for belief are looked for within 16 characters after it in either script, not 16 bytes (5 Chinese characters)
	// Version 22's steps.
	v22Later    // 玻璃杯体可能在运转过程中碎裂: what the product can do, a few words after 可能, as "can shatter while running"
	v22Forecast // 《公报》本周很可能会报道…: 很可能 before 会 and what will happen forecasts it, as "is likely to report" does; it guesses at no cause
	v22Clause   // 由于泰摩自身系统出了故障，顾客…: after 由于 or 因为 the party to blame is in the cause's clause; the next clause says whom it happened to
	v22Report   // 请向警方报案；我们可以提供报案所需的账号信息: the reader told to report a crime is helped, not threatened
	// Version 23's steps.
	v23Risk     // 不存在再次决堤的风险 as "there is no risk of another breach": a risk denied, without 任何
	v23Hence    // 有些人可能因此被拒批房贷: 可能因此 says what may have followed from it, not a guess at the cause
	v23Help     // 可能有助于调查 as "might help the investigation": what may happen, not a guess
	v23Checking // "The likely cause is a fault … at our Millbrook plant, which we are still examining": a provisional cause in our own operation, said to be still checked, is honest
	v23Rules    // "Our rules say a third party may be contacted only to…": a permission our rules give is no guess
	// Version 24's steps.
	v24Court // 封存收养法庭档案 ("sealed adoption court files"): a court's records are a thing, as "court records" is in English, not a threat
	v24Dial  // 让所有人保持5米距离，并拨打999报警: the reader told to call the police is helped, as in a 请…报案 sentence (version 22)
	nSteps   = iota
	firstV10 = v10List
	firstV11 = v11Reader
	firstV12 = v12Denial
	firstV13 = v13Hundred
	firstV14 = v14Before
	firstV15 = v15Effect
	firstV16 = v16Normal
	firstV17 = v17Comma
	firstV18 = v18NoNeed
	firstV19 = v19State
	firstV20 = v20Ticks
	firstV21 = v21Others
	firstV22 = v22Later
	firstV23 = v23Risk
	firstV24 = v24Court
)

// config says which steps and concepts (from version 9 on) the judge uses.
// The program judges with the zero config (all of them); the tests turn
// steps off to judge as an earlier version did, or without what one batch
// motivated.
type config struct {
	off     [nSteps + 1]bool
	batch   string // the batch whose concepts are off; "*" all of them
	version int    // judge as this version (0: the current one): later concepts are off
}

func (c *config) on(step int) bool { return !c.off[step] }

// stepFrom names the corpus batches whose pairs motivated each step other
// than the concept table (whose concepts name their own): the
// leave-one-batch-out evaluation judges a batch without them.
var stepFrom = map[int][]string{
	v9Sense:        {"v5d", "v8j"},
	v9When:         {"v8i"},
	v9Qualified:    {"v8j"},
	v9Refund:       {"v8i"},
	v9Someone:      {"v5c"},
	v9Effect:       {"v5c"},
	v9Possible:     {"v8i"},
	v9Duration:     {"v8i"},
	v9Industry:     {"v6f"},
	v9If:           {"v5d", "v8j"},
	v10List:        {"v9k"},
	v10Entrust:     {"v9k"},
	v10Listed:      {"v9l"},
	v10Instruct:    {"v9k"},
	v10Condition:   {"v9l"},
	v10Wait:        {"v9l"},
	v10Parties:     {"v9k"},
	v11Reader:      {"v10m"},
	v11SoFar:       {"v10n"},
	v11Attrib:      {"v10n"},
	v11Dative:      {"v10m"},
	v11Records:     {"v10n"},
	v11Safe:        {"v10n"},
	v12Denial:      {"v11o"},
	v12Unsafe:      {"v11o"},
	v12Attack:      {"v11o"},
	v12Lawyers:     {"v11o"},
	v12Probably:    {"v11o"},
	v12Theirs:      {"v11p"},
	v13Hundred:     {"v13s"},
	v13Victim:      {"v13s"},
	v13Phone:       {"v13t"},
	v13Web:         {"v13s", "v13t"},
	v14Before:      {"v13s"},
	v15Effect:      {"v14u", "v14v"},
	v15Keep:        {"v12r", "v14v", "v15x"},
	v15Ought:       {"v14v"},
	v15Past:        {"v14v"},
	v15Whoever:     {"v12q", "v15w"},
	v15Heading:     {"v15w"},
	v15Done:        {"v15w", "v14v"},
	v15Relative:    {"v15w"},
	v15Represent:   {"v12q"},
	v15Preliminary: {"v15x"},
	v16Normal:      {"v16z"},
	v16Attacked:    {"v16z"},
	v16Unrelated:   {"v16y"},
	v16Possessor:   {"v16y"},
	v16Ensure:      {"v16z"},
	v16PileOn:      {"v16y"},
	v16Cases:       {"v16z"},
	v16Reply:       {"v16y"},
	v17Comma:       {"v12r"},
	v17Duration:    {"*"},
	v17Feelings:    {"*"},
	v18NoNeed:      {"v18a"},
	v18Complement:  {"v17a"},
	v18Told:        {"v19b"},
	v18Risk:        {"v18a"},
	v18Can:         {"v19a"},
	v18Caused:      {"*"},
	v19State:       {"v20b"},
	v19Standard:    {"v20b"},
	v19Right:       {"v20b"},
	v20Ticks:       {"v21a"},
	v20Caused:      {"v20b", "v21b"},
	v20Supplied:    {"v20a"},
	v20Worry:       {"v21b"},
	v20OurError:    {"v20a", "v21b"},
	v21Others:      {"v23a"},
	v21Authority:   {"v23a"},
	v21Own:         {"v23b"},
	v21Orders:      {"v11p", "v19b", "v12r"},
	v21Readers:     {"v12r", "v19b", "v18a", "v9l"},
	v21Window:      {"v11o"},
	v22Later:       {"v24b"},
	v22Forecast:    {"v24a"},
	v22Clause:      {"v24b"},
	v22Report:      {"v24b"},
	v23Risk:        {"v25b"},
	v23Hence:       {"v25b"},
	v23Help:        {"v25a"},
	v23Checking:    {"v25b"},
	v23Rules:       {"v25b"},
	v24Court:       {"v26b"},
	v24Dial:        {"v26b"},
}

func (c *config) conceptOff(k concept) bool {
	return c.batch == "*" || c.version != 0 && k.since > c.version || c.batch != "" && slices.Contains(k.from, c.batch)
}

// industryWords: blame put on the whole industry, in English as 全行业,
// 行业普遍 and 普遍存在 already were in Chinese (version 9).
var industryWords = []string{"across the whole industry", "across the industry", "industry-wide", "the whole industry", "common in the industry",
	"common in our industry", "widespread in the industry"}

// someoneWords replace the bare "someone" among the parties a causal word
// can blame (version 9): the Chinese list names 他人 and 有人恶意, 有人故意,
// not 有人 or 别人, so "because of a report someone forged" blamed in
// English what 因为一份别人伪造的报告 did not in Chinese.
var someoneWords = []string{"someone else", "somebody else", "someone deliberately", "someone maliciously", "someone intentionally",
	"someone set out", "someone with malicious"}

// withoutWords returns w with the English entry drop replaced by add.
func withoutWords(w words, drop string, add []string) words {
	out := words{zh: w.zh}
	for _, x := range w.en {
		if x != drop {
			out.en = append(out.en, x)
		}
	}
	out.en = append(out.en, add...)
	return out
}

// reassureWhen open a clause that makes a claim the condition of an order:
// "stop when it is safe to do so", "pull over where it is safe".
var reassureWhen = []string{" when it ", " where it ", " if it ", " when you are ", " where you are ", " when they are ", "when safe", "where safe"}

// qualifyContrast and qualifyHedge: a claim followed, in its sentence, by
// a contrast and then a hedge about a remaining risk ("…, but they may not
// protect as well", 但保护效果可能打折扣) is qualified.
var (
	qualifyContrast = []string{" but ", " however", " though ", "但", "不过", "只是"}
	qualifyHedge    = []string{" may ", " might ", " could ", "可能", "或许", "也许", "或会"}
)

// qualified reports whether the claim s is followed in its sentence (which
// ends at end) by a contrast and, after it, a hedge.
func (t *text) qualified(s span, end int) bool {
	after := " " + string(t.lower[s.b:end]) + " "
	for _, c := range qualifyContrast {
		i := strings.Index(after, c)
		if i < 0 {
			continue
		}
		if containsAny(after[i+len(c):], qualifyHedge) {
			return true
		}
	}
	return false
}

// refundWords and refundReturn: "no need to return" (无需退货) in a
// sentence that gives a refund says how the refund works, not that the
// product may be kept in use (version 9).
var refundWords = []string{"refund", "money back", "退款", "退还货款", "全额退"}

var returnClaims = []string{"no need to return", "no return", "无需退货", "不必退货", "不用退"}

func (t *text) refundReturn(s span) bool {
	if !t.l.cfg.on(v9Refund) || !hasPrefixAny(string(t.lower[s.a:s.b]), returnClaims) {
		return false
	}
	a, b := t.sentenceBounds(s.a)
	return containsAny(string(t.lower[a:b]), refundWords)
}

// hedgedEffect after a hedge make it a possible effect, not a guess at the
// cause: "one of them could let someone read call recordings", 其中一个
// 可能让持有旧账号的人读取通话录音 (version 9; "may cause redness" was never
// a guess, as "cause" alone is no cause word).
var hedgedEffect = []string{" let ", " allow", " enable", " lead to", " affect", " expose", "让", "使", "导致", "造成", "影响"}

// possibleCues before a victim's word in its clause raise it as one
// possibility among others, not as a claim: "we can't rule out a cyber
// attack", 不排除遭到网络攻击的可能 (version 9).
var possibleCues = []string{"rule out", "possibly", "possibility", "不排除", "也有可能", "可能是", "或许是"}

// durationUnits end an English count that is a length of time: "within 24
// hours", "ten times the cost". Chinese counts a number with a measure word
// (个, 次, 瓶), and 24小时, 十倍 are none, so "24 hours" was a concrete fact
// in English only (version 9).
var durationUnits = []string{"seconds", "minutes", "hours", "days", "weeks", "months", "years", "times"}

// duration reports whether the count s ends in a unit of time or a
// multiplier.
func (t *text) duration(s span) bool {
	w := string(t.lower[s.a:s.b])
	for _, u := range durationUnits {
		if strings.HasSuffix(w, u) {
			return true
		}
	}
	return false
}

// bareIf reports whether a clause opens with 如 alone as "if" (如广告画面让
// 部分消费者感到不适，我们深表歉意), as "if " opens one in English; not 如何,
// 如此, 如今, 如下… (version 9).
func bareIf(head string) bool {
	r := []rune(head)
	if len(r) < 2 || r[0] != '如' {
		return false
	}
	return !strings.ContainsRune("何此今下同实期约果有若", r[1])
}

// intentWords are the Chinese "it was never our intention", level with
// the English list's "never our intention", "never intended to", "did not
// intend to" (version 9).
var intentWords = []string{"从未有意", "并非有意", "无意冒犯", "不是故意", "并非故意"}

// scapegoats are the blame list's words that name a kind of worker.
var scapegoats = []string{"temporary worker", "temp worker", "temporary staff", "casual worker", "临时工", "外包人员"}

// ourStaffAnd: the organisation's own staff joined to the next word, or
// after the one before it.
var (
	ourStaffAnd = []string{"staff and ", "employees and ", "employee and ", "员工和", "员工及", "员工与", "员工以及", "职工和", "职工及", "工作人员和", "工作人员及"}
	andOurStaff = []string{" and staff", " and employees", " and our staff", " and our employees", "和员工", "及员工", "与员工", "和职工", "和工作人员"}
)

// besideOurStaff reports whether a scapegoat's word (temporary worker,
// 外包人员) stands in a list with the organisation's own staff: "the
// key-card logs of all staff and contractors", 全部员工和外包人员的房卡记录
// single no one out (version 10).
func (t *text) besideOurStaff(s span) bool {
	w := string(t.lower[s.a:s.b])
	if !hasPrefixAny(w, scapegoats) {
		return false
	}
	before := string(t.lower[max(0, s.a-16):s.a])
	after := string(t.lower[s.b:min(len(t.lower), s.b+16)])
	for _, c := range ourStaffAnd {
		if strings.HasSuffix(before, c) || strings.HasSuffix(before, c+"all ") || strings.HasSuffix(before, c+"全部") {
			return true
		}
	}
	return hasPrefixAny(after, andOurStaff)
}

// prohibitions open an order not to do something: a clause that starts
// with one ("4. Do not discuss the cause with customers", 不要对原因作任何
// 评论) is an instruction to staff in an internal notice, not the
// organisation's silence (version 10).
var prohibitions = []string{"do not ", "don't ", "never ", "不要", "请勿", "切勿", "不得", "严禁", "禁止", "请不要"}

func (t *text) toldToStaff(s span) bool {
	cl := s.a
	for cl > 0 && t.clause[cl-1] == t.clause[s.a] {
		cl--
	}
	head := strings.TrimLeft(string(t.lower[cl:s.b]), " \t-•*·0123456789.、)）(（一二三四五六七八九十")
	return hasPrefixAny(head, prohibitions)
}

// ruleAfter reports whether "never again" goes on, in its clause, to say
// under what condition: "no change to pay will ever again start without
// 30 days' notice" is a rule the organisation sets itself, not a promise
// that nothing will go wrong (version 10).
func (t *text) ruleAfter(s span) bool {
	_, end := t.sentenceBounds(s.a)
	after := " " + string(t.lower[s.b:min(end, s.b+30)]) + " "
	return containsAny(after, []string{" without ", " unless ", "除非", "未经", "之前不会", "前不会"})
}

// contractorWords are the Chinese for "contractor*", "subcontractor*", as
// the English list has them: 承包网点, 施工单位方面原因所致 (version 10).
var contractorWords = []string{"承包", "分包", "施工单位", "施工方"}

// readerBefore reports whether the hedge h has the reader as its subject,
// right before it in its clause: "tell your doctor you may have been
// exposed", 请告诉医生您可能接触过汞 advise the reader about their own case;
// they do not guess at the cause (version 11).
func (t *text) readerBefore(h span) bool {
	from := max(0, h.a-8)
	for from < h.a && t.clause[from] != t.clause[h.a] {
		from++
	}
	before := strings.TrimRight(string(t.lower[from:h.a]), " ")
	for _, w := range []string{"您", "你", "您们", "你们", "您也", "你也", "您的孩子"} {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return strings.HasSuffix(" "+before, " you") || strings.HasSuffix(" "+before, " you also") || strings.HasSuffix(" "+before, " your child") ||
		strings.HasSuffix(" "+before, " your children")
}

// soFarCues and reportedCues: "so far no harm has been reported to us", 截至
// 目前没有收到伤害报告 tell what has reached the organisation, not that
// there is nothing to fear (version 11).
var (
	soFarCues    = []string{"so far", "to date", "as yet", "as of now", "截至目前", "到目前为止", "迄今", "截至发稿", "目前为止"}
	reportedCues = []string{"reported", "been told", "received", "heard of", "aware of", "报告", "收到", "接到", "反映"}
)

func (t *text) soFarReported(s span) bool {
	a, b := t.sentenceBounds(s.a)
	return containsAny(string(t.lower[a:s.a]), soFarCues) && containsAny(string(t.lower[a:b]), reportedCues)
}

// attributive reports whether a verdict (检测合格, 符合标准; not a noun
// such as 不实信息) is followed by 的 and a noun: it describes a thing
// (在另一台检测合格的灭菌器中重新处理, "in the other steriliser, which passed
// its tests"), not the product in question (version 11).
func (t *text) attributive(s span) bool {
	verdict := false
	for _, v := range []string{"合格", "标准", "达标", "安全", "无害", "无毒", "正常"} {
		verdict = verdict || strings.HasSuffix(string(t.lower[s.a:s.b]), v)
	}
	return verdict && s.b+1 < len(t.lower) && t.lower[s.b] == '的' && unicode.Is(unicode.Han, t.lower[s.b+1])
}

// dativeList reports whether the party a closes a list that 给, 对 or 向
// opens ("给广大考生和家长造成的困扰": the candidates and parents are the
// ones harmed; version 11). harmedParty reads only 给 right before it.
func (t *text) dativeList(a span) bool {
	for i := a.a - 1; i >= 0 && i >= a.a-9 && t.clause[i] == t.clause[a.a]; i-- {
		if !strings.ContainsRune("给对向", t.lower[i]) {
			continue
		}
		between := string(t.lower[i+1 : a.a])
		return between != "" && strings.ContainsRune("和及与、", []rune(between)[len([]rune(between))-1]) && !strings.ContainsAny(between, "了过着是在把被")
	}
	return false
}

// recordWords cite the organisation's own records as evidence, level with
// "data show", 数据显示 (version 11): "its records show the fault may have
// started on 2 September" is not a guess.
var recordWords = words{
	en: []string{"records show*", "logs show*", "log shows", "records indicate", "logs indicate"},
	zh: []string{"记录显示", "日志显示", "记录表明", "日志表明"},
}

// safeToUse are the Chinese of "is safe to use" said of a thing that can be
// used again: the list had 正常使用 and 可正常 but not 可以安全使用 (version
// 11); 安全使用 alone is also advice ("请按说明安全使用").
var safeToUse = []string{"可以安全使用", "可安全使用", "可以正常使用", "可以正常安全使用", "可以安全乘坐", "可以正常乘坐", "可以放心使用", "可以放心乘坐"}

// Version 12's words, each list level in both languages with what the
// other already had: a rebuttal of a finding as false, a claim that every
// standard is met, "not a safety issue" (as 不存在安全问题); "not unsafe";
// an attack on the brand (as 恶意攻击, 抹黑); lawyers instructed (as 律师函,
// 委托律师); "probably caused" (as 很可能导致, which a hedge before a causal
// word already reads).
var (
	denialV12 = words{
		en: []string{"completely false", "entirely false", "totally false", "simply false", "wholly false",
			"not a safety issue", "no safety issue", "not a health issue", "meet every standard", "meets every standard", "meet all standards",
			"meet all applicable", "meets all applicable", "comply with all", "complies with all", "comply with every", "complies with every"},
		zh: []string{"不是安全问题", "不存在安全问题", "完全不实", "纯属捏造"},
	}
	unsafeV12 = words{en: []string{"not unsafe", "never been unsafe", "never unsafe"}, zh: []string{"并非不安全", "从未不安全"}}
	attackV12 = words{en: []string{"attack on a brand", "attack on our brand", "attack on our reputation", "smear campaign", "witch hunt", "witch-hunt"}, zh: []string{"恶意中伤", "蓄意抹黑"}}
	// hundredPromiseV13, hundredReassureV13: the short form of 百分之百
	// (version 13), where the lists had the long one and the English
	// "100% safe".
	hundredPromiseV13  = words{zh: []string{"百分百"}}
	hundredReassureV13 = words{zh: []string{"百分之百安全", "百分百安全"}}
	// victimV13: the company as a victim with words between (我们也是这起
	// 事件的受害者), as "victims of this" already was in English.
	victimV13  = words{zh: []string{"也是…受害者", "同样是…受害者", "也是…受害方", "同样是…受害方"}}
	lawyersV12 = words{en: []string{"instructed our lawyers", "instructed lawyers", "expect to hear from", "hear from our lawyers"}, zh: []string{"律师函", "委托律师"}}
	guessV12   = words{
		en: []string{"probably caused", "possibly caused", "probably due", "possibly due", "probably because", "probably the result"},
		zh: []string{"多半导致", "多半是因为"},
	}
)

// plus returns w with more's words added in each language.
func plus(w, more words) words {
	return words{en: append(slices.Clip(w.en), more.en...), zh: append(slices.Clip(w.zh), more.zh...)}
}

// theirsWords put the fault on "them": blame when a party (a contractor,
// a supplier, customers) is named in the same sentence or the one before
// ("The maintenance was done by our subcontractor. The failure was
// theirs."; 电梯维保由分包商负责，问题出在他们身上; version 12).
var theirsWords = words{
	en: []string{"was theirs", "is theirs", "their fault", "their failure", "their mistake", "lies with them", "lay with them", "rests with them"},
	zh: []string{"出在他们身上", "问题出在他们", "是他们的问题", "是他们的责任", "责任在他们", "他们的过错", "他们的失误"},
}

// namedBefore reports whether a party is named in the sentence of s or in
// the sentence before it.
func (t *text) namedBefore(s span, agents []span) bool {
	for _, a := range agents {
		if a.b <= s.a && (t.sentence[a.a] == t.sentence[s.a] || t.sentence[a.a] == t.sentence[s.a]-1) {
			return true
		}
	}
	return false
}

// --- version 15 -------------------------------------------------------

// hazardVerbs after a hedge say what a product or a part can do: "the
// airbag may rupture", 在展开时可能破裂, 充电时可能过热. English says it
// mostly with "can", which is no hedge, so 可能 before such a verb read as
// a guess in Chinese only (version 15). A guess at the cause ("may have
// come from the supplier", 可能出在运输环节) is not one of them.
var hazardVerbs = []string{" overheat", " rupture", " catch fire", " ignite", " explode", " burst", " leak", " snap", " break off", " detach",
	" come loose", " malfunction", " shatter", " collapse", " burn ", " burns ", " scald", " injure", " choke", " contain",
	"过热", "发热", "发烫", "破裂", "爆裂", "起火", "着火", "自燃", "爆炸", "泄漏", "渗漏", "漏电", "脱落", "断裂", "松动", "失灵", "失效",
	"烫伤", "灼伤", "割伤", "划伤", "夹伤", "伤及", "危及", "引起", "引发", "诱发", "含有", "窒息", "中毒", "过敏"}

// keepUsing is the false reassurance "go on using it" made from one
// grammar in both languages: a frame that keeps something going or says
// there is no need to stop ("carry on", 继续, 照常, 不必停用) and a verb of
// using a product, each verb with its counterparts in the other language.
// The lists had the pairs someone had written ("keep drinking", 继续饮用)
// and missed the same frame with another verb ("carry on enjoying", "keep
// wearing", 不必停用, 继续佩戴; version 15).
var keepUsing = func() words {
	type verb struct{ base, ing string }
	en := []verb{{"use", "using"}, {"drink", "drinking"}, {"eat", "eating"}, {"wear", "wearing"}, {"ride", "riding"}, {"drive", "driving"},
		{"feed", "feeding"}, {"enjoy", "enjoying"}, {"finish", "finishing"}, {"consume", "consuming"}, {"charge", "charging"},
		{"swim", "swimming"}, {"shower", "showering"}, {"bathe", "bathing"}}
	zh := []string{"使用", "饮用", "食用", "佩戴", "穿戴", "乘坐", "驾驶", "喂养", "充电", "喝", "吃", "戴", "穿", "用水"}
	var w words
	for _, v := range en {
		w.en = append(w.en, "keep "+v.ing, "keep on "+v.ing, "carry on "+v.ing, "go on "+v.ing, "continue "+v.ing, "continue to "+v.base,
			"fine to "+v.base, "safe to "+v.base, "okay to "+v.base, "ok to "+v.base, "no need to stop "+v.ing)
	}
	w.en = append(w.en, "no risk in", "no danger in", "no harm in", "no risk at all", "no danger at all", "at no risk")
	w.zh = append(w.zh, "不存在任何风险", "没有任何风险", "不存在任何危险", "没有任何危险", "毫无风险", "毫无危险")
	for _, v := range zh {
		w.zh = append(w.zh, "继续"+v, "照常"+v, "放心"+v)
	}
	for _, stop := range []string{"停用", "停止使用", "停止佩戴", "停止服用", "停止食用", "停止饮用", "停喝", "停吃", "停戴"} {
		for _, neg := range []string{"不必", "不用", "无需", "无须", "不需要", "没必要"} {
			w.zh = append(w.zh, neg+stop)
		}
	}
	return w
}()

// oughtCues before a reassurance in its clause (text.clauseOf) make it
// what should have been, not a claim that it is: "a guest should be safe
// in her room", 客人住在房间里本应是安全的 (version 15).
var oughtCues = []string{"should be", "should have been", "ought to be", "ought to have been", "本应", "本该", "理应", "本来应该", "原本应该"}

// pastNever reports whether "never … again" tells what did not happen: the
// word after "never" is a past form ("the bag was never scanned again",
// "it never rang again"), not a promise (version 15).
func (t *text) pastNever(s span) bool {
	w := string(t.lower[s.a:s.b])
	if !strings.HasPrefix(w, "never ") {
		return false
	}
	next, _, _ := strings.Cut(strings.TrimSpace(w[len("never "):]), " ")
	if strings.HasSuffix(next, "ed") && next != "need" {
		return true
	}
	return slices.Contains(pastForms, next)
}

// pastForms are irregular past forms that follow "never" in a report.
var pastForms = []string{"was", "were", "had", "did", "saw", "seen", "heard", "found", "made", "got", "gotten", "came", "went", "gone",
	"rang", "ran", "left", "sent", "told", "took", "taken", "gave", "given", "knew", "known", "showed", "shown", "arrived", "became", "reached"}

// whoAddress are the guidance words that only name whom a sentence is
// about ("anyone who has not replied", "customers who bought"). Chinese
// says the same with 凡是…可, …的，可: guidance once the sentence tells them
// what they can or should do. In English, "anyone who" alone was guidance,
// so "hotel rooms for anyone who needs one" or "anyone who has not replied
// will be given a seat" told the reader what to do in English only
// (version 15).
var whoAddress = []string{"anyone who", "anyone with", "whoever", "those who were", "those who have", "those who bought", "customers who"}

// directiveCues after a whoAddress say what the reader can or should do.
var directiveCues = []string{" can ", " could ", " may ", " should ", " must ", " please", " need to", " needs to", " is asked", " are asked",
	" is advised", " are advised", " is entitled", " are entitled", " is eligible", " are eligible", " is welcome", " are welcome",
	" call ", " contact ", " email ", " ring ", " text ", " visit ", " go to ", " come to ", " bring ", " return ", " see a ", " stop ",
	" keep ", " check ", " claim ", " apply ", " book ", " tell ", " let us know", " get in touch", " speak to ", " talk to ", " report "}

// whoWithoutDirective reports whether s is a whoAddress and its sentence
// does not go on to say what the reader can or should do.
func (t *text) whoWithoutDirective(s span) bool {
	if !slices.Contains(whoAddress, string(t.lower[s.a:s.b])) {
		return false
	}
	_, end := t.sentenceBounds(s.a)
	return !containsAny(" "+string(t.lower[s.b:end])+" ", directiveCues)
}

// inHeading reports whether s is in the statement's heading: its first
// line, at most 120 characters with no sentence's end in it, and more
// text after it; or a label of up to 40 characters before a colon that
// opens it. "Update on the Summit Express chairlift, Saturday 14
// February", 关于缆车停运的最新情况（2月14日） name and date this
// statement; they do not say when the next one comes (version 15).
func (t *text) inHeading(s span) bool {
	a := 0
	for a < len(t.lower) && unicode.IsSpace(t.lower[a]) {
		a++
	}
	b := a
	for b < len(t.lower) && t.lower[b] != '\n' {
		b++
	}
	// A label before a colon opens the text the same way: "Alder Road,
	// 06:30 update: …", 柳荫路最新情况（6:30）：….
	for i := a; i < b && i < a+40; i++ {
		if r := t.lower[i]; r == '：' || r == ':' && !(i > a && unicode.IsDigit(t.lower[i-1]) && i+1 < len(t.lower) && unicode.IsDigit(t.lower[i+1])) {
			// ("Next update: 6 p.m." is the next one.)
			if s.b <= i && !containsAny(string(t.lower[a:i]), []string{"next", "下次", "下一"}) {
				return true
			}
			break
		}
	}
	if s.a < a || s.b > b || b-a > 120 || strings.TrimSpace(string(t.lower[b:])) == "" {
		return false
	}
	return !strings.ContainsAny(strings.TrimRight(string(t.lower[a:b]), " \t\r"), ".!?。！？；;")
}

// riskWords name a hazard in a reassurance.
var riskWords = []string{"risk", "danger", "风险", "危险"}

// noNeedCues open a claim that people need not act ("no need to change
// anything", 无需做任何改变): it is said to them, so a person named before
// it ("no fire risk to residents and no need to change…") is not its
// subject, as "all 312 passengers are safe" has one (version 18).
var noNeedCues = []string{"no need", "无需", "无须", "不必", "不用", "不需要"}

// complementCues between a person and a claim make the claim what the
// person may be sure of ("diners can be confident the food is safe", 顾客
// 尽可放心，食品绝对安全): the person is not its subject (version 18).
var complementCues = []string{"confident", " sure", "assured", "certain", " know", "放心", "相信", "确信", "确定"}

// riskV18: a risk denied with its kind named between ("no fire risk to
// residents", 没有任何火灾风险), as "no risk to" and 不存在安全风险 were.
var riskV18 = words{en: []string{"no…risk to", "no…risk of", "no…risk for"}, zh: []string{"没有任何…风险", "不存在任何…风险", "无任何…风险"}}

// toldV18 are the team's own earlier words in Chinese, as "we told" and
// "we said" are in English; 告诉 with a mark of the past, as a bare 告诉
// also announces what the team will tell (version 18).
var toldV18 = []string{"是我们告诉", "曾告诉", "当时告诉", "此前告诉", "之前告诉", "我们回复", "我们答复", "我们曾表示", "我们当时表示"}

// faultV18 name the team's fault: said in the sentence of the team's
// earlier words or in the next, they own those words, as "that was wrong"
// takes them back (version 18). An apology owns them only when it comes
// before them in their sentence (我们向车主道歉——是我们告诉大家这些轮胎是安全的).
var (
	faultV18   = []string{"our fault", "on us", "should never have", "我们的错", "我们的责任", "是我们错了", "不该这样说"}
	apologyV18 = []string{"sorry", "apologi", "道歉", "致歉", "对不起", "歉意"}
)

// owned reports whether the team's earlier words at s, introduced by one
// of toldV18, are owned (version 18): the fault named in their sentence or
// the next, or an apology before them in their sentence. (The older cues,
// "we said", 我们说…, are quoted only when taken back: "we are sorry for
// the delay, and as we said, the milk is safe" still says it.)
func (t *text) owned(s span) bool {
	if !slices.Contains(toldV18, string(t.lower[s.a:s.b])) {
		return false
	}
	a, b := t.sentenceBounds(s.a)
	end := b
	if b < len(t.lower) {
		_, end = t.sentenceBounds(b)
	}
	return containsAny(string(t.lower[a:end]), faultV18) || containsAny(string(t.lower[a:s.a]), apologyV18)
}

// feelingsCues name an inconvenience or a feeling an apology may be for.
// Before version 18 any of them near an apology made it a non-apology in
// Chinese, and "the inconvenience", "the distress" in English, while
// "sorry for the disruption caused" apologised: across the tuning pairs
// Chinese alone found a non-apology in 16 pairs, 7 of them for a
// disruption the English apologised for. From version 18 they make one
// only when hedged (可能, 任何, 一切, "any") or said of reports (近期报道给
// 支持者带来的困扰), as English "any inconvenience" does.
var (
	feelingsCues   = []string{"不便", "困扰", "不愉快", "不适感受", "误会", "误解", "困惑", "the inconvenience", "the distress"}
	feelingsHedges = []string{"可能", "任何", "一切", "或许", "报道", "传言", "谣言", "网传", "言论", "any "}
)

// nonApologyBeforeV18 and nonApologyAfterV18 are the cues that make an
// apology a non-apology whatever is near them, from version 18 on: the
// lists without feelingsCues, made once.
var (
	nonApologyBeforeV18 = withoutCues(nonApologyBefore, feelingsCues)
	nonApologyAfterV18  = withoutCues(nonApologyAfter, feelingsCues)
)

// withoutCues returns list without the cues of drop.
func withoutCues(list, drop []string) []string {
	var out []string
	for _, c := range list {
		if !slices.Contains(drop, c) {
			out = append(out, c)
		}
	}
	return out
}

// stateWords say how a person is: a claim with one after a person is a
// report on them ("all 312 passengers are safe", 学生都安然无恙); one
// without ("drivers can continue to fill up with complete confidence",
// "residents … no need to change") is said to them (version 19).
var stateWords = []string{"safe", "secure", "fine", "unharmed", "unhurt", "unaffected", "not affected", "harm", "well", "安全", "无恙", "不受影响",
	"未受影响", "没有受伤", "无碍", "平安", "无事"}

// standardV19: a standard with words between ("meets the required British
// Standard"), as 符合…标准 has been in Chinese (version 19).
var standardV19 = words{en: []string{"meets…standard", "meet…standard", "complies with…standard", "comply with…standard"}}

// rightCues after a party a causal word names make the clause its right,
// not its fault: "because parents deserve to hear it from us", 因为家长有权
// 第一时间知道 (version 19).
var rightCues = []string{" deserve", " have the right", " has the right", " have a right", " has a right", " are entitled", " is entitled",
	"有权", "值得", "理应知道", "有知情权"}

// entitled reports whether the party a, named after the causal word c, is
// followed by its right (version 19).
func (t *text) entitled(c, a span) bool {
	if a.a < c.b {
		return false
	}
	return hasPrefixAny(string(t.lower[a.b:min(len(t.lower), a.b+20)]), rightCues)
}

// guessAfterZh and guessAfterEn: what 可能 and "might" go on to when they
// guess at a cause or a party (可能是供应商, 可能与运输有关, 可能出在, "might be
// the courier", "might have come from"). Before anything else they say
// what may happen (召回原因：吸盘可能松脱, "photos that might help the
// investigation"), which English says with "can" and "could", no hedges
// (version 18).
var (
	guessAfterZh = []string{"是", "由", "因", "与", "跟", "和", "同", "出", "源", "来", "涉", "存", "有", "系", "属", "在", "为", "归", "性", "的"}
	// Words between that change nothing: 可能也与…有关, "might also be".
	hedgeFillZh  = []string{"会", "也", "还", "都"}
	hedgeFillEn  = []string{" also", " well", " even", " in fact"}
	guessAfterEn = []string{" be", " have", " stem", " come from", " result", " lie", " involve", " relate", " trace", " originate", " due"}
)

// possibleEvent reports whether the hedge h is 可能 or "might" before what
// may happen rather than before a guess (version 18).
func (t *text) possibleEvent(h span) bool {
	rest := string(t.lower[h.b:min(len(t.lower), h.b+14)])
	trim := func(fill []string) {
		for _, f := range fill {
			rest = strings.TrimPrefix(rest, f)
		}
	}
	switch string(t.lower[h.a:h.b]) {
	case "可能":
		trim(hedgeFillZh)
		if t.l.cfg.on(v23Help) && hasPrefixAny(rest, helpAfterZh) {
			return true // 可能有助于调查 (version 23)
		}
		r, _ := utf8.DecodeRuneInString(rest)
		return unicode.Is(unicode.Han, r) && !hasPrefixAny(rest, guessAfterZh)
	case "might":
		trim(hedgeFillEn)
		return !hasPrefixAny(rest, guessAfterEn)
	}
	return false
}

// beforeComplement drops the people of ps after whom a complement cue
// comes before the claim s (version 18).
func (t *text) beforeComplement(ps []span, s span) []span {
	var out []span
	for _, p := range ps {
		if !(p.b <= s.a && containsAny(string(t.lower[p.b:s.a]), complementCues)) {
			out = append(out, p)
		}
	}
	return out
}

// doneCues between an update word and the time after it say the update
// was made then: "the inspectors' report, issued on Thursday", "since
// update 3.2 went live on 9 September" (version 15).
var doneCues = []string{" issued ", " published ", " posted ", " released ", " went live", " went out", " came out", " was ", " were ",
	" had ", " appeared "}

// updateDone reports whether the time tm after an update word u dates an
// update already made: "the inspectors' report, issued on Thursday",
// "since update 3.2 went live on 9 September" (version 15). (A Chinese
// time before the word, as 4月3日，一家消费者组织披露, cannot be told from
// 明天上午10点发布下一次通报 without a verb's tense, so it is left alone;
// a time in a clause that describes the word, 8月2日上线的系统更新, is.)
func (t *text) updateDone(u, tm span) bool {
	if tm.b <= u.a && isWordRune(t.lower[u.a]) {
		// English says an update to come in so many words ("On 24
		// January we will write…", "we'll call you on Friday to tell
		// you"); without them in the sentence, a time before the word
		// dates what happened ("between 7:12 and 7:58, a fault in an
		// update", "today the paper reported").
		a, _ := t.sentenceBounds(u.a)
		return !containsAny(" "+string(t.lower[a:u.a])+" ", futureCues)
	}
	if tm.b <= u.a {
		// 8月2日上线的系统更新, 3月8日发布的公告: the time dates the thing
		// the update word names (的 at most four characters before it),
		// as "released on 2 August" does, unless the words between say
		// it is to come (将于3月8日发布的公告).
		between := []rune(strings.TrimRight(string(t.lower[tm.b:u.a]), " "))
		de := -1
		for i := len(between) - 1; i >= 0 && i >= len(between)-5; i-- {
			if between[i] == '的' {
				de = i
				break
			}
		}
		return de >= 0 && !containsAny(string(between), futureCues) && !strings.ContainsAny(string(between[de:]), "，,；;：:")
	}
	if u.b > tm.a {
		return false
	}
	between := " " + string(t.lower[u.b:tm.a]) + " "
	return containsAny(between, doneCues) && !containsAny(between, futureCues) && !containsAny(between, []string{" be ", " been "})
}

// relativeRe ends the text before a denial word that opens a relative
// clause: "that", "which", or "who", with at most a short aside between
// commas ("services that, we now know, never happened").
var relativeRe = regexp.MustCompile(`\b(that|which|who)\s*(,[^,]{1,30},)?\s*$`)

// relativeBefore reports whether the denial word s ("never happened",
// "did not happen") is the verb of a relative clause: it says what a
// thing was ("records of visits that never happened"), as 检测合格的灭菌器
// does in Chinese (attributive), not that the incident did not happen.
// "The claim that it never happened" has a subject after "that" and is
// still read (version 15).
func (t *text) relativeBefore(s span) bool {
	a, _ := t.sentenceBounds(s.a)
	return relativeRe.MatchString(string(t.lower[max(a, s.a-48):s.a]))
}

// representWords are the breach words that say a member of staff "does
// not represent" the organisation; 不代表 also says "does not mean"
// (停职不代表已作出处理结论: a suspension is no finding), and so does the
// English ("this does not represent a finding"). They cast the staff out
// only when what follows is the organisation or what it stands for
// (version 15).
var representWords = []string{"does not represent", "do not represent", "not representative of", "不代表", "不能代表"}

// representObjects follow a representWord that casts staff out, after
// the spaces between.
var representObjects = []string{"our", "us", "the company", "the firm", "the brand", "the school", "the hospital", "the views", "the values",
	"who we are", "the standards", "the way", "the organisation", "the organization", "the airline", "the bank", "the group",
	"公司", "我们", "我司", "本司", "企业", "品牌", "集团", "学校", "我校", "医院", "本院", "本店", "门店", "价值观", "立场", "态度", "形象", "一贯"}

// representsUs drops from breaches the representWords that do not go on
// to the organisation.
func (t *text) representsUs(breaches []span) []span {
	var out []span
	for _, b := range breaches {
		w := string(t.lower[b.a:b.b])
		if slices.Contains(representWords, w) {
			next := strings.TrimLeft(string(t.lower[b.b:min(len(t.lower), b.b+16)]), " ")
			if !hasPrefixAny(next, representObjects) {
				continue
			}
		}
		out = append(out, b)
	}
	return out
}

// preliminaryWords cite the tests so far: "our tests so far show no
// problem with other flavours", 从目前的检测结果看. The lists had "tests
// show" and 检测结果, not these (version 15). (A guess said to be
// preliminary, "our first suspicion is", 初步判断, is still a guess: in
// the corpus writers use those words for speculation as often as for an
// honest account.)
var preliminaryWords = words{
	en: []string{"tests so far", "testing so far", "results so far", "checks so far", "test results so far"},
	zh: []string{"目前的检测", "目前检测", "迄今的检测", "截至目前的检测"},
}

// --- version 16 -------------------------------------------------------

// bareNormal are the reassurances that name no use: "as usual", "as
// normal", 可正常, 可以照常. 照常饮用 and "drink as normal" name one.
var bareNormal = []string{"as usual", "as normal", "可正常", "可以照常"}

// useVerbRe and useVerbsZh are verbs of using a product, a place or a
// line whose safety is in question: the same verbs keepUsing is made of,
// and serving, cooking, staying, calling.
var (
	useVerbRe = regexp.MustCompile(`\b(?:use[ds]?|using|drink(?:s|ing)?|drunk|eat(?:s|en|ing)?|wear(?:s|ing)?|worn|rid(?:e|es|ing)|driv(?:e|es|ing)|` +
		`feed(?:s|ing)?|consum(?:e|ed|es|ing)|charg(?:e|ed|es|ing)|swim(?:s|ming)?|shower(?:s|ing)?|bath(?:e|es|ing)|serv(?:e|ed|es|ing)|` +
		`cook(?:s|ed|ing)?|stay(?:s|ed|ing)?|din(?:e|es|ing)|dial(?:s|led|ling)?|call(?:s|ed|ing)?|phon(?:e|es|ed|ing))\b`)
	useVerbsZh = []string{"使用", "用水", "饮用", "食用", "饮水", "喝", "吃", "佩戴", "戴", "乘坐", "驾驶", "喂", "供餐", "供水", "入住", "就餐", "用餐", "淋浴", "洗浴", "充电", "骑", "坐", "开车", "拨打", "致电"}
)

// bareOfNoUse reports whether the reassurance s is a bare "as normal",
// 可正常 in a sentence with no verb of use (or of calling: "dial 999 as
// usual", 请照常拨打110): "roped climbing and bouldering carry on as
// normal", "please attend classes as normal", 凭借书证仍可正常借还图书 say an
// activity goes on, not that something unsafe is safe to use. English read
// any "as normal" as false reassurance, Chinese only the forms with a verb
// (照常饮用) and 可正常; now both read the verb (version 16).
func (t *text) bareOfNoUse(s span) bool {
	if !slices.Contains(bareNormal, string(t.lower[s.a:s.b])) {
		return false
	}
	a, b := t.sentenceBounds(s.a)
	sentence := string(t.lower[a:b])
	return !useVerbRe.MatchString(sentence) && !containsAny(sentence, useVerbsZh)
}

// attackIntensifiers between 遭到/遭受 and 攻击 make the attack the
// message: 遭到有组织的恶意攻击, 遭受这样的攻击 (as "organised attack",
// "unprecedented attack" in English).
var attackIntensifiers = []string{"有组织", "有预谋", "恶意", "蓄意", "大规模", "境外", "这样的", "前所未有", "精心", "猛烈", "疯狂"}

// plainAttack reports whether the victim word s is 遭到…攻击 or 遭受…攻击
// with nothing between to make it more than a fact: 我们的图书馆系统遭到
// 勒索软件攻击 tells what happened, as "our library system was hit by a
// ransomware attack" does, which English never read as playing the victim
// (version 16).
func (t *text) plainAttack(s span) bool {
	w := string(t.lower[s.a:s.b])
	if !(strings.HasPrefix(w, "遭到") || strings.HasPrefix(w, "遭受")) || !strings.HasSuffix(w, "攻击") {
		return false
	}
	return !containsAny(w, attackIntensifiers)
}

// clearedAfterCues, just after a party in its clause, rule it out: 与用户
// 密码无关 ("it has nothing to do with users' passwords"), "customers
// are not to blame" (version 16).
var clearedAfterCues = []string{"无关", "没有关系", "没关系", "无涉", "不相干", "没有责任", "没有过错", " is not to blame", " are not to blame",
	" was not to blame", " were not to blame", " is not at fault", " are not at fault", " was not at fault", " were not at fault",
	" did nothing wrong", " have done nothing wrong", " has done nothing wrong", " bear no responsibility", " bears no responsibility"}

// clearedAfter reports whether a clearedAfterCue follows the party a
// within a few words, in its clause.
func (t *text) clearedAfter(a span) bool {
	to := a.b
	for to < len(t.lower) && to < a.b+30 && t.clause[to] == t.clause[a.a] {
		to++
	}
	after := string(t.lower[a.b:to])
	for _, c := range clearedAfterCues {
		if k := strings.Index(after, c); k >= 0 && utf8.RuneCountInString(after[:k]) <= 6 {
			return true
		}
	}
	return false
}

// notPossessors drops the people named as owners of what follows them:
// 孩子的监控画面, 乘客的行李, "your children's feed". "The feed is safe" is said of
// the feed, which the rule that "all 312 passengers are safe" reports on
// people no longer spares (version 16).
func (t *text) notPossessors(people []span) []span {
	var out []span
	for _, p := range people {
		rest := string(t.lower[p.b:min(len(t.lower), p.b+2)])
		if strings.HasPrefix(rest, "的") || strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") || strings.HasPrefix(rest, "s'") {
			continue
		}
		out = append(out, p)
	}
	return out
}

// secureV16: "is secure" said of anything, as 是安全的 is; the list had only
// "data is secure", "systems are secure".
var secureV16 = words{en: []string{"is secure", "are secure", "remains secure", "remain secure", "is completely secure", "is fully secure"}}

// goalCues before a claim in its clause (text.clauseOf) make it what
// someone is to see to:
// "hosts are responsible for making sure their property is safe",
// 房东须确保房源是安全的 (version 16).
var goalCues = []string{"make sure", "making sure", "makes sure", "ensure", "ensuring", "ensures", "to keep", "确保", "保障", "以便", "为了"}

// pileOnV16: an online pile-on, 网络围攻, as 被围攻 and "been the target
// of" were. (这完全不是事实 as "completely untrue" was tried and left out:
// in the corpus 与事实不符, 不是事实 more often retract the organisation's
// own earlier words or agree with a critic; version 16.)
var pileOnV16 = words{en: []string{"pile-on", "piling on"}, zh: []string{"网络围攻", "遭到…围攻", "遭受…围攻"}}

// notCounted drops 个案 when cases are counted (全部23起个案, 每一起个案):
// "all 23 cases" is no "isolated case" (version 16).
func (t *text) notCounted(ss []span) []span {
	var out []span
	for _, s := range ss {
		if string(t.lower[s.a:s.b]) == "个案" {
			before := string(t.lower[max(0, s.a-4):s.a])
			if strings.ContainsAny(before, "0123456789起宗例每各") || containsAny(before, []string{"全部", "所有", "这些"}) {
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// --- version 17 -------------------------------------------------------

// wideBefore reports whether the character before rune i was, in the
// statement as written, full-width punctuation (，。、：), which the
// normalised text folds to ASCII. A number right after "," or "." is the
// tail of another number ("1,250", "4.8"), and its match is dropped; after
// 发现， or 。 it is a new detail: 6月3日，工程师发现，4月14日推送的更新
// lost its second date, and every count or date that opened a clause after
// a Chinese comma was no fact (version 17).
func (t *text) wideBefore(i int) bool {
	if i <= 0 || i > len(t.start) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.orig[t.start[i-1]:t.end[i-1]])
	return r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}

// feelingsAfter, within 60 characters after an English apology, make it an
// apology for whatever people may feel: "apologises for any concern
// caused by recent reports", "we apologise to the tenants concerned for
// any inconvenience", "for any worry this letter may cause". ("Sorry that
// some of you spent the weekend worrying", "sorry, especially to those of
// you who feel exposed" were tried too: they are the apologies of sound
// statements.) Chinese reads 给…带来的困扰, 如…带来不便 so before its 歉意
// (nonApologyBefore); English read only a few such words, within 30
// characters: across the tuning pairs English alone credited an apology
// in 21 pairs, Chinese in 4 (version 17).
var feelingsAfter = []string{"any concern", "any worry", "any anxiety", "any upset", "any trouble", "any inconvenience", "any distress",
	"any disappointment", "any frustration", "may cause", "might cause"}

// ticksV20 part a line of tags as |, # and · do: 餐券码✔ 超市收银✔ 技术问题✔
// was one long unit of Chinese characters, which reads as prose, while
// "Voucher codes ✔ Supermarket tills ✔" has too few function words for
// English prose (version 20).
const ticksV20 = "✔✓✅☑✗✘❌"

// causedV20: a party before these caused what follows ("a delay in
// pricing data from our third-party data provider caused a brief
// technical issue", "software supplied by our booking partner resulted in
// date conflicts"), as a party before 导致, 造成 and 引起 has in Chinese
// since version 2 (version 20).
var causedV20 = words{en: []string{"caused a", "caused an", "caused some", "caused several", "caused many", "resulted in", "led to"}}

// harmedEn reports whether the English party a is the one harmed, not
// the one at fault: the object of "to", "for", "affecting", "among", "of"
// or "with" ("delays to passengers led to", "a refund for customers
// caused"), as 给, 对, 向 and 让 mark it in Chinese (harmedParty; version
// 20). A determiner or a number between is skipped.
func (t *text) harmedEn(a span) bool {
	if a.a == 0 || !isWordRune(t.lower[a.a]) {
		return false
	}
	words := strings.Fields(string(t.lower[max(0, a.a-40):a.a]))
	for i := len(words) - 1; i >= 0 && i >= len(words)-3; i-- {
		w := strings.Trim(words[i], ",;:")
		switch {
		case slices.Contains([]string{"to", "for", "affecting", "among", "of", "with"}, w):
			return true
		case slices.Contains([]string{"the", "our", "its", "their", "some", "many", "all", "any", "those", "these", "a", "an", "his", "her", "other", "several"}, w),
			w != "" && isDigit([]rune(w)[0]):
		default:
			return false
		}
	}
	return false
}

// suppliedV20 name the party that supplied a thing ("software provided to
// us by an external supplier"): after a causal word, the party they
// introduce is the one the cause is pinned on however long the thing
// named before it (version 20), as 系外部供应商提供的排班软件…所致 names it
// in Chinese right after 系.
var suppliedV20 = []string{"supplied by", "provided by", "supplied to us by", "provided to us by", "made by", "manufactured by", "sold by",
	"installed by", "operated by", "run by", "built by", "developed by", "delivered by", "maintained by"}

// supplied reports whether the party a, after the causal word c in its
// sentence, is introduced by one of suppliedV20 within 120 characters of
// c, the cue ending at most 24 characters before a (version 20).
func (t *text) supplied(c, a span) bool {
	if a.a < c.b || a.a-c.b > 120 || !isWordRune(t.lower[c.a]) {
		return false
	}
	between := string(t.lower[c.b:a.a])
	for _, cue := range suppliedV20 {
		if i := strings.LastIndex(between, cue); i >= 0 && len([]rune(between[i+len(cue):])) <= 24 {
			return true
		}
	}
	return false
}

// worryV20: worry, anxiety and disappointment are feelings an apology may
// be for, as "any worry", "any anxiety" and "any disappointment" are in
// English (feelingsAfter): 对于由此给大家带来的任何担忧，我们深感抱歉 is the
// non-apology "we are so sorry for any worry this has caused" (version 20).
var (
	worryV20        = []string{"担忧", "担心", "焦虑", "不安", "失望"}
	feelingsCuesV20 = append(slices.Clip(feelingsCues), worryV20...)
)

// errorVerdicts before "error" make it an admission ("this was our
// error") or a verdict on something else ("all 212 flags were errors"),
// not the cause of what happened; 我们的 and 我方 before 失误 the same in
// Chinese (version 20).
var errorVerdicts = []string{"our ", "my ", "were ", "are ", "were all ", "are all ", "我们的", "我们", "我方的", "我方", "本公司的"}

// verdictError reports whether the cause match s is "error(s)", 失误, 错误
// or 差错 after one of errorVerdicts (version 20).
func (t *text) verdictError(s span) bool {
	w := string(t.lower[s.a:s.b])
	if !slices.Contains([]string{"error", "errors", "失误", "错误", "差错"}, w) {
		return false
	}
	before := t.lower[max(0, s.a-12):s.a]
	for _, v := range errorVerdicts {
		cue := []rune(v)
		n := len(before) - len(cue)
		if n < 0 || string(before[n:]) != v {
			continue
		}
		// A whole word in English: "your error" is no "our error".
		if !isWordRune(cue[0]) || n == 0 || !isWordRune(before[n-1]) {
			return true
		}
	}
	return false
}

// othersV21 before a verdict in its clause make it one on the other
// things ("Every other colour passed", 其他颜色全部合格, 其余批次均合格):
// beside a sentence that names the one at fault (failedV21: the same
// sentence or the one before), they deny
// nothing about it (version 21). Alone, "其他批次检测均合格" still denies
// (version 7): nothing says what failed.
var (
	othersV21 = []string{"other", "the rest", "remaining", "其他", "其它", "其余", "另外", "剩下", "剩余"}
	failedV21 = []string{"failed", "did not pass", "didn't pass", "exceeded", "above the limit", "over the limit", "contaminated",
		"超标", "超过", "不合格", "未通过", "没有通过", "没通过", "检出"}
)

// others reports whether the denial match s follows one of othersV21 in
// its clause, beside a failure named in its sentence or the one before
// (version 21).
func (t *text) others(s span) bool {
	a, b := t.sentenceBounds(s.a)
	if a > 0 {
		a, _ = t.sentenceBounds(a - 1) // and the sentence before
	}
	if !slices.ContainsFunc(failedV21, func(f string) bool { return strings.Contains(string(t.lower[a:b]), f) }) {
		return false
	}
	return t.othersBefore(s)
}

// othersBefore reports whether one of othersV21 comes before s in its
// clause.
func (t *text) othersBefore(s span) bool {
	a, _ := t.clauseBounds(s.a)
	head := string(t.lower[a:s.a])
	for _, o := range othersV21 {
		if i := strings.Index(head, o); i >= 0 && (o[0] >= 0x80 || i == 0 || !isWordRune(rune(head[i-1]))) {
			return true
		}
	}
	return false
}

// authoritiesV21 and judgesV21: a party with the standing to judge a
// cause, and the verbs that give its judgement ("the health protection
// team believes", 疾控部门判断). A hedge after them in the sentence reports
// their view ("感染源很可能是…"), as "the health team believes the
// infection came from…" does without a hedge, and is not the team's own
// guess at the cause (version 21).
var (
	authoritiesV21 = []string{"health protection", "health team", "health authorit", "health department", "public health", "investigator",
		"inspector", "police", "fire service", "fire brigade", "firefighters", "regulator", "coroner", "experts", "the lab", "laboratory",
		"accident investigation", "safety board", "officials",
		"疾控", "卫生部门", "卫健", "监管部门", "市场监管", "调查组", "调查人员", "专家", "警方", "公安", "消防", "检测机构", "实验室",
		"海事部门", "事故调查", "应急管理", "环保部门", "生态环境部门"}
	judgesV21 = []string{" believe", " think", " suspect", " say", " said", " found", " indicate", " consider",
		"判断", "认为", "怀疑", "表示", "指出", "称", "初步判定", "研判"}
)

// authorityJudges reports whether, before the hedge s in its sentence,
// an authority (authoritiesV21) is followed closely by a verb of
// judgement (judgesV21), with no "we" between (version 21).
func (t *text) authorityJudges(s span) bool {
	a, _ := t.sentenceBounds(s.a)
	head := string(t.lower[a:s.a])
	for _, au := range authoritiesV21 {
		i := strings.Index(head, au)
		if i < 0 {
			continue
		}
		rest := head[i+len(au):]
		reach := 12
		if au[0] < 0x80 {
			reach = 40
		}
		for _, v := range judgesV21 {
			k := strings.Index(rest, v)
			if k < 0 || utf8.RuneCountInString(rest[:k]) > reach {
				continue
			}
			between := rest[:k]
			if !strings.Contains(between, "我们") && !strings.Contains(" "+between+" ", " we ") {
				return true
			}
		}
	}
	return false
}

// owningV21 own the fault in more words than owningWords: a cleft (选它、
// 测它、用它的都是我们, "it was we who chose it") and a refusal to pass the
// blame ("we are not going to point at anyone else", 不会把责任推给任何人;
// version 21).
var owningV21 = words{
	en: []string{"not going to point at", "will not point at", "won't point at", "not going to blame", "will not blame anyone",
		"won't blame anyone", "it was we who", "it was us who"},
	zh: []string{"的都是我们", "的正是我们", "的是我们自己", "不会把责任推给", "不把责任推给", "不会甩锅", "绝不甩锅"},
}

// laterHazardsV22: what a product can do, a few words after 可能 in its
// clause ("玻璃杯体可能在运转过程中碎裂", "the jug can shatter while it is
// running"), is a possible effect, as a hazard verb right after the hedge
// has been since version 15 (version 22).
var laterHazardsV22 = append(slices.Clip(hazardVerbs), "碎裂", "开裂", "变形", "倾倒", "翻倒", "坍塌", "跌落", "短路")

// guessNowZh right after a hedge make it a guess whatever follows (是, 由,
// 因), as in guessAfterZh.
var guessNowZh = []string{"是", "由", "因"}

// hazardLater reports whether a Chinese hedge h is followed, within ten
// characters of its clause, by one of laterHazardsV22, with no guess
// (是, 由, 因) right after it (version 22).
func (t *text) hazardLater(h span) bool {
	if isWordRune(t.lower[h.a]) || hasPrefixAny(string(t.lower[h.b:min(len(t.lower), h.b+2)]), guessNowZh) {
		return false
	}
	end := h.b
	for end < len(t.lower) && end-h.b < 10 && t.clause[end] == t.clause[h.a] {
		end++
	}
	rest := string(t.lower[h.b:end])
	for _, v := range laterHazardsV22 {
		if v[0] >= 0x80 && strings.Contains(rest, v) {
			return true
		}
	}
	return false
}

// forecastV22 reports whether the speculation match s (很可能, 极有可能,
// 大概率) goes on to 会 or 将 and then something other than a guess (是,
// 由, 与…): 本周很可能会报道 forecasts what will happen, as "is likely to
// report" does (version 22).
func (t *text) forecastV22(s span) bool {
	w := string(t.lower[s.a:s.b])
	if w != "很可能" && w != "极有可能" && w != "大概率" {
		return false
	}
	rest := string(t.lower[s.b:min(len(t.lower), s.b+4)])
	for _, m := range []string{"会", "将"} {
		if after, ok := strings.CutPrefix(rest, m); ok && after != "" {
			r, _ := utf8.DecodeRuneInString(after)
			return unicode.Is(unicode.Han, r) && !hasPrefixAny(after, guessAfterZh)
		}
	}
	return false
}

// causeClauseV22 are the Chinese causal words that open a cause as a
// clause of its own (由于系统故障，顾客…): the party they blame is in that
// clause, and the party after its comma is the one it happened to
// (version 22).
var causeClauseV22 = []string{"由于", "因为", "因"}

// reportHelpV22 are legal words that, in an order to the reader, help the
// reader: 请向警方报案, "report it to the police" (version 22).
var reportHelpV22 = []string{"报案", "报警", "police"}

// reportHelp reports whether the legal match s holds one of reportHelpV22
// and its sentence, or the one before (a semicolon parts them), tells the
// reader to report, in a guidance span that holds one of them too
// (version 22).
func (t *text) reportHelp(s span, guidance []span) bool {
	if !containsAny(string(t.lower[s.a:s.b]), reportHelpV22) {
		return false
	}
	for _, g := range guidance {
		if (t.sentence[g.a] == t.sentence[s.a] || t.sentence[g.a] == t.sentence[s.a]-1) && containsAny(string(t.lower[g.a:g.b]), reportHelpV22) {
			return true
		}
	}
	return false
}

// riskV23: 不存在…风险 denies a risk as "there is no risk of" does in
// English, where riskV18 wanted 任何 (version 23).
var riskV23 = words{zh: []string{"不存在…风险"}}

// hence reports whether the speculation match s is 可能因 before 此: 有些人
// 可能因此被拒批房贷 says what may have followed from what the statement
// has told, as "some people may have been turned down" does (version 23).
func (t *text) hence(s span) bool {
	return string(t.lower[s.a:s.b]) == "可能因" && s.b < len(t.lower) && t.lower[s.b] == '此'
}

// helpAfterZh after 可能 say what may happen, as "might help" does in
// English (possibleEvent), although 有 begins a guess (可能有关) (version
// 23).
var helpAfterZh = []string{"有助", "帮助"}

// stillCheckingV23 say the cause is still being checked; ownPlaceV23 put
// it in the team's own operation. A hedged cause in a sentence with both
// ("The likely cause is a fault in a freeze-drying cabinet at our Millbrook
// plant, which we are still examining", 初步判断可能是我司…，仍在核查) is
// the honest "under investigation" the cause check asks for, not a guess
// to deflect (version 23).
var (
	stillCheckingV23 = []string{"still examining", "still investigating", "still checking", "still looking into", "still being examined",
		"still being investigated", "still being checked", "yet to be confirmed", "not yet confirmed",
		"仍在调查", "仍在核查", "仍在检查", "仍在排查", "还在调查", "还在核查", "还在检查", "尚待确认", "有待确认", "有待进一步"}
	ownPlaceV23 = []string{"at our ", "in our ", "our own", "of our ", "我司", "我们的", "本公司", "我方"}
)

// ownProvisional reports whether the sentence of s says the cause is
// still being checked and puts it in the team's own operation (version
// 23).
func (t *text) ownProvisional(s span) bool {
	a, b := t.sentenceBounds(s.a)
	sent := string(t.lower[a:b])
	return containsAny(sent, stillCheckingV23) && containsAny(sent, ownPlaceV23)
}

// rulesV23 before a hedge in its sentence make it what the rules allow
// ("Our rules say a third party may be contacted only to trace someone",
// 我们的规定是：只有在…时才可以联系第三方), not a guess (version 23).
var rulesV23 = []string{"rules say", "rule says", "rules state", "rules allow", "policy says", "policy states", "policy allows",
	"under our rules", "our rules", "our policy", "规定", "规则", "制度要求"}

// byRule reports whether one of rulesV23 comes before s in its sentence
// (version 23).
func (t *text) byRule(s span) bool {
	a, _ := t.sentenceBounds(s.a)
	return containsAny(string(t.lower[a:s.a]), rulesV23)
}

// courtThingsV24 after a bare 法庭 or 法院 make it whose the thing is
// (封存收养法庭档案, 法院判决): a court's records are no threat, as "court
// records" names none in English, where only "in court" is one (version
// 24).
var courtThingsV24 = []string{"档案", "记录", "文件", "判决", "裁定", "卷宗", "的"}

// courtThing reports whether the legal match s is 法庭 or 法院 before one
// of courtThingsV24 (version 24).
func (t *text) courtThing(s span) bool {
	w := string(t.lower[s.a:s.b])
	return (w == "法庭" || w == "法院") && hasPrefixAny(string(t.lower[s.b:min(len(t.lower), s.b+2)]), courtThingsV24)
}

// dialV24 before a report word in its clause make the reader the one who
// reports: 拨打999报警, "call 999 and report it to the police" (version 24).
var dialV24 = []string{"拨打", "致电", "请", "您", "call ", "dial ", "ring "}

// readerReports reports whether the legal match s holds one of
// reportHelpV22 with one of dialV24 before it in its clause (version 24).
func (t *text) readerReports(s span) bool {
	for _, w := range reportHelpV22 {
		i := strings.Index(string(t.lower[s.a:s.b]), w)
		if i < 0 {
			continue
		}
		k := s.a + utf8.RuneCountInString(string(t.lower[s.a:s.b])[:i])
		a, _ := t.clauseBounds(k)
		if containsAny(string(t.lower[a:k]), dialV24) {
			return true
		}
	}
	return false
}
