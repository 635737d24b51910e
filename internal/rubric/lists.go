package rubric

// Word lists. Latin entries match whole words, case-insensitively; a trailing
// * matches any word that starts with the entry. Chinese entries match as
// substrings (no word splitting), in simplified or traditional characters.
// "A…B" means A followed closely by B in the same sentence.
//
// Sources: the CDC's CERC principles (be first, be right, be credible,
// express empathy, promote action, show respect), Coombs' SCCT response
// strategies (deny / diminish / rebuild / bolster) and the project's domain
// digest (shared/domain/CRISIS-COMMUNICATION.md, with the Chinese source
// texts beside it): 及时性, 透明性 (cause, scope, remedy; no hiding, no vague
// wording, no blame), 同理心 (apologise, care for the affected), 一致性,
// 后续跟进 (keep updating).

type words struct{ en, zh []string }

// --- credits ---------------------------------------------------------------

// SCCT rebuild: admit the problem exists; CERC be right / be credible.
var acknowledgeWords = words{
	en: []string{"we are aware", "we're aware", "is aware of", "are aware of", "we have become aware", "we became aware", "we have seen the report*", "we have seen the post*",
		"we have seen the video*", "we have seen the complaint*", "we've seen", "we have received report*", "we have received complaint*",
		"we received report*", "we have learned", "we know that", "we have confirmed", "we can confirm", "we confirm", "confirmed that",
		"we got this wrong", "we got it wrong", "got…wrong", "on us", "was wrong", "were wrong", "our doing", "is ours", "was ours", "were ours", "down to us", "we were wrong", "our mistake", "our failure", "our fault", "we failed", "we made a mistake",
		"we made mistakes", "we let you down", "we take full responsibility", "we accept full responsibility", "full responsibility",
		"our responsibility", "we are responsible", "we accept responsibility", "should not have happened", "should never have happened",
		"unacceptable", "there was a problem", "there is a problem", "our…failed", "our…is failing", "our…went down",
		"our…crashed", "our…broke down", "you are right", "you're right", "you were right", "he is right", "she is right", "they are right",
		"they were right", "critics are right", "we should have", "we should never have", "we have noticed", "we noticed", "we have noted", "is genuine", "are genuine", "is true", "are true"},
	zh: []string{"已关注到", "关注到", "注意到", "获悉", "我们已看到", "已经看到", "我们看到", "收到…反映", "收到…投诉", "接到…投诉", "接到…反映",
		"经核实", "经初步核实", "已确认", "经确认", "我们确认", "证实", "承认", "是我们的错", "我们的错", "做错了", "我们错了", "是我们不对", "我们的失误", "我们的过错",
		"我们的责任", "责任在我们", "责任在于我们", "全部责任", "承担责任", "负有责任", "难辞其咎", "不可接受", "不应该发生", "不该发生",
		"存在问题", "确实存在", "说得对", "说得没错", "批评得对", "批评是对的", "是我们…的问题", "是我们…的责任", "是我们…失误", "是我们…过错", "是我们…错误", "出现了问题", "出了问题", "问题出在", "本该", "本应", "早该", "属实", "确有其事", "失职", "是错的", "是错误的", "说错了", "弄错了", "搞错了", "做得不对"},
}

// CERC express empathy; SCCT rebuild (apology).
var apologyWords = words{
	en: []string{"sorry", "apolog*", "forgive*", "forgiveness", "this is on us", "this one is on us", "it is on us", "it's on us", "that is on us",
		"that's on us", "this was on us", "we let you down", "we have let you down", "we've let you down", "let…down", "we failed you",
		"we have failed you", "we got this wrong", "we got it wrong", "there is no excuse", "there's no excuse", "no excuse for", "we were wrong",
		"we are ashamed", "we owe you"},
	zh: []string{"道歉", "致歉", "歉意", "对不起", "抱歉", "愧疚", "谢罪", "请求原谅", "请大家原谅", "鞠躬", "做错了", "我们错了", "我们的错",
		"添麻烦", "对不住", "辜负", "是我们不对", "没有做好", "没做好", "失职", "赔罪", "羞愧", "惭愧", "没有任何借口", "没有借口", "无可推卸"},
}

// CERC express empathy / show respect; 同理心, 情感关怀.
var concernWords = words{
	en: []string{"concern for", "concerned about", "concerned for", "our thoughts are with", "thinking of", "we understand how", "we understand why",
		"we understand that", "we understand your", "understand the worry", "understand your concern*", "understandably", "worried", "worry", "worries",
		"frightening", "frightened", "distressing", "upsetting", "anxious", "speedy recovery", "full recovery", "get well", "your health",
		"your safety", "health and safety", "safety of", "wellbeing", "well-being", "care about", "we care", "those affected", "everyone affected",
		"affected famil*", "affected customers", "families", "your family", "her family", "his family", "their families", "your father", "your mother", "your child", "your children", "your parents", "we are here for you", "sympath*", "heart goes out", "hearts go out", "feel unwell",
		"fell ill", "who are unwell", "people are unwell", "condolence*", "mourn*", "affected users", "affected residents", "affected passengers",
		"affected parents", "affected people", "people affected", "look after", "looking after", "take care of", "taking care of", "anxiety", "stress",
		"safety first", "feeling unwell", "are unwell", "is unwell"},
	zh: []string{"关心", "关切", "牵挂", "慰问", "担心", "担忧", "焦虑", "不安", "心情", "感受", "早日康复", "身体健康", "健康和安全", "健康与安全",
		"安全放在", "放在第一位", "放在首位", "感同身受", "痛心", "揪心", "受影响的", "受害的", "受害者家属", "受害家庭", "家属", "和家人", "及家人", "的家人", "家人朋友", "孩子们", "老人", "家庭", "同情", "我们理解", "理解…心情", "害怕", "着急",
		"理解…担心", "理解…担忧", "照顾", "身体不适", "受到伤害", "受委屈", "心疼", "关怀", "哀悼", "悼念", "节哀"},
}

// SCCT rebuild (corrective action); CERC promote action; 执行: recall,
// hotline, compensation.
var actionWords = words{
	en: []string{"recall*", "suspend*", "stopped", "halted", "have stopped", "pulled", "withdrawn", "withdrew", "withdrawing", "removed from", "removing",
		"taken off", "taking off", "closed", "closing", "shut", "sealed", "quarantin*", "refund*", "compensat*", "replacement*", "replace", "replacing",
		"task force", "audit*", "inspect*", "for testing", "sent to", "independent test*", "we have asked", "commissioned", "working with the",
		"cooperating with", "co-operating with", "reported to", "notified", "informed the", "have opened", "opened a", "set up", "launched",
		"medical costs", "medical expenses", "medical bill*", "checking every", "we are checking", "checking", "going through the", "examining", "taking back", "take back", "buying back", "buy back", "collecting",
		"paying for", "paying every", "we will pay", "we are paying", "we'll pay", "we will cover", "covering", "scrapped", "stopped shipping", "stopped sales", "halted production", "contacting", "calling every",
		"phoning", "reimburs*", "cover the cost*", "pay for", "paused", "pausing", "filed", "took…down", "taken down", "cancelled",
		"canceled", "look into", "looking into"},
	zh: []string{"召回", "暂停", "退回", "停止发货", "停止销售", "停止生产", "停售", "停产", "下架", "封存", "停业", "关闭", "整改", "退款", "赔偿", "补偿", "更换",
		"送检", "送…检测", "送…化验", "委托", "已请", "专项组", "工作组", "调查组", "成立", "排查", "彻查", "审核", "抽检", "配合", "上报", "向…报告", "向…报送", "向…通报", "已开通", "开通", "医疗费",
		"停职", "垫付", "逐一致电", "联系每一位", "报销", "承担…费用", "由我们承担", "全部收回", "收回", "回收", "免费", "叫停", "撤下", "取消", "检查"},
}

// CERC be right: 透明性 — cause, or an honest "not yet known, investigating".
var causeWords = words{
	en: []string{"cause of", "causes of", "the cause", "a cause", "caused by", "root cause", "what caused", "due to", "the result of", "resulted from", "fault", "faulty", "failure", "malfunction*", "error",
		"contaminat*", "investigat*", "under investigation", "testing", "lab", "laboratory", "not yet know", "don't yet know", "do not yet know",
		"don't know yet", "do not know yet", "don't know", "do not know", "still establishing", "still determining", "what we know", "finding out",
		"looking into", "look into", "what happened", "how this happened", "why this happened", "traced", "verifying", "being verified",
		"being checked"},
	zh: []string{"原因", "起因", "根源", "所致", "由于", "故障", "失误", "疏漏", "漏洞", "污染", "正在调查", "调查", "彻查", "排查",
		"查明", "核实", "送检", "检测", "化验", "尚不清楚", "尚未查明", "尚待查明", "还不清楚", "仍在确认", "正在确认", "已知情况", "溯源", "事件经过", "发生经过"},
}

// CERC promote action: tell people what to do.
var guidanceWords = words{
	en: []string{"do not drink", "do not eat", "do not use", "do not consume", "do not give", "don't drink", "don't eat", "don't use", "don't give",
		"stop using", "stop drinking", "stop eating", "stop giving", "see a doctor", "see your doctor", "seek medical", "medical attention",
		"medical advice", "return it", "return them", "return the", "return any", "return your", "bring it back", "bring them back",
		"send it back", "send them back", "check the batch", "check the code", "check the label", "check the date", "check whether", "check if",
		"check your", "keep the bottle*", "keep the receipt*", "keep the product*", "keep the packag*", "keep your receipt*", "if you have", "if you feel", "if you bought", "if you experience", "if you are", "if you notice",
		"if you were", "if you ate", "if you drank", "anyone who", "anyone with", "anyone worried", "those who were", "those who have", "those who bought", "customers who", "can call", "may call", "can contact", "may contact", "you can call", "you can return", "you can get",
		"you can contact", "please call", "please contact", "please return", "please check", "please stop", "please keep", "please do not",
		"call us", "contact us", "call our", "what to do", "you should", "should call", "should contact", "should stop", "should see",
		"should return", "if your", "to check", "you can check", "check the status", "are advised to", "should keep", "stay indoors", "keep…windows", "close…windows", "pour it away", "pour them away", "pour it out", "throw it away", "throw them away", "dispose of", "discard",
		"bin it", "do not open", "don't open", "hang up", "never share", "do not share", "don't share", "treat any", "as a scam", "change your password*", "reset your password*", "watch for", "look out for", "be alert", "beware of", "be on your guard", "be on guard", "stay alert", "be vigilant",
		"be careful"},
	zh: []string{"就医", "就诊", "去医院", "到医院", "前往医院", "停止饮用", "停止食用", "停止使用", "暂停饮用", "暂停食用", "暂停使用", "请勿", "切勿", "不要饮用",
		"不要食用", "不要使用", "勿饮用", "勿食用", "退货", "退换", "寄回", "如有", "如出现", "若出现", "出现症状", "拨打", "请拨打", "可拨打",
		"请联系", "可联系", "请核对", "请查看", "请检查", "核对批次", "查看批次", "识别", "请保留", "保留好", "保留购买", "保留产品", "可凭", "凭购买", "凭小票", "凭订单", "凭瓶", "如您", "如果您", "请您", "请家长",
		"请消费者", "请顾客", "请用户", "可以拨打", "可以联系", "可申请", "请于", "倒掉", "丢弃", "扔掉", "不要打开", "挂断", "均为诈骗", "都是诈骗", "关闭门窗", "不要转账", "不要共享", "谨防", "警惕", "修改密码", "更改密码", "提高警惕", "留意"},
}

// CERC be first / be credible: a channel people can use.
var contactWords = words{
	en: []string{"hotline", "helpline", "help line", "call centre", "call center", "customer service", "customer care", "email us", "e-mail us",
		"website", "wechat", "weibo", "official account", "live chat", "phone", "telephone", "tel", "contact us", "message us", "dm us",
		"direct message", "send us a message"},
	zh: []string{"热线", "客服", "服务电话", "联系电话", "电话", "邮箱", "电子邮件", "官网", "网站", "公众号", "官方微博", "小程序", "在线客服", "私信", "致电"},
}

// Words that announce an update; next-update needs one of them next to a time.
var updateWords = words{
	en: []string{"update*", "further information", "more information", "further details", "more details", "report back", "press conference",
		"briefing", "next statement", "share more", "share what", "keep you informed", "keep the public informed", "keep you posted", "publish*",
		"progress report", "next report", "answer", "get back to you", "come back to you", "report", "findings", "results", "meet the press",
		"will post", "we'll post"},
	zh: []string{"通报", "更新", "公布", "告知", "发布会", "进展", "披露", "说明会", "答复"},
}

var timeWords = words{
	en: []string{"tomorrow", "tonight", "today", "this evening", "this afternoon", "this morning", "every hour", "hourly", "daily", "every day",
		"each day", "noon", "midnight", "end of the day", "end of day", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
		"sunday", "this week", "within the hour"},
	zh: []string{"今晚", "今天", "今日", "明天", "明日", "明早", "明晚", "后天", "每天", "每日", "每小时", "周一", "周二", "周三", "周四", "周五",
		"周六", "周日", "星期", "中午", "午夜", "当天", "当日", "次日", "本周", "小时内", "天内", "分钟内"},
}

// --- penalties -------------------------------------------------------------

// SCCT deny (denial, attack the accuser with "rumour").
var denialWords = words{
	en: []string{"has nothing to do with us", "nothing to do with our", "nothing to do with us", "we deny", "categorically deny", "firmly deny",
		"did not happen", "never happened"},
	zh: []string{"与我们无关", "与本公司无关", "与公司无关", "与我司无关", "与本店无关", "并非我们", "坚决否认", "予以否认"},
}

// … and these deny a hazard that is still open; when the scenario says the
// hazard is ruled out (a forged report disproved), they are the truth.
var denialHazardWords = words{
	en: []string{"there is no problem", "no problem with", "nothing wrong with", "no quality problem*", "no quality issue*",
		"not contaminated", "no contamination", "meets all national standards", "meet all national standards", "meets national standards",
		"meet national standards", "meets all standards", "fully compliant", "fake news", "baseless", "unfounded", "untrue", "false rumour*",
		"false rumor*", "malicious rumour*", "malicious rumor*", "rumours are false", "rumors are false", "claims are false", "reports are false",
		"strict quality checks", "strict quality control", "rigorous quality", "passed all", "passes all", "passed every", "passes every", "no evidence that", "taken out of context", "meets the standard",
		"meet the standard", "meets the required standard", "no basis in fact", "has no basis", "have no basis",
		"not based on fact*"},
	zh: []string{"纯属谣言", "是谣言", "系谣言", "属于谣言", "恶意造谣", "系造谣", "造谣生事", "网络谣言", "不实传言", "不实信息", "不实报道", "不实言论", "断章取义",
		"子虚乌有", "无中生有", "符合国家标准", "符合国家相关标准", "符合标准", "经过严格", "严格质检", "严格把关", "质量没有问题", "产品没有问题", "没有任何问题",
		"不存在质量问题", "不存在问题", "不存在任何问题", "均合格", "全部合格", "检测合格", "没有任何证据表明", "没有证据表明", "符合…标准"},
}

// False reassurance: telling people a suspect product or service is safe to
// keep using while the hazard is open (CERC be right; the domain digest's
// "no hiding"). Negated ("do not keep drinking") it is guidance instead.
var reassureWords = words{
	en: []string{"safe to drink", "safe to eat", "safe to use", "safe to consume", "safe to continue", "safe for", "still be drunk", "still be eaten",
		"still be used", "still be consumed", "still drink", "still eat", "still use", "continue to drink", "continue to eat", "continue to use",
		"continue to enjoy", "continue to dine", "continue dining", "keep dining", "continue to stay", "continue to feed", "keep feeding",
		"with complete confidence", "with full confidence", "with total confidence", "continue using", "continue drinking", "continue eating", "keep using", "keep drinking", "keep eating", "carry on using",
		"carry on drinking", "use as normal", "use it as normal", "as normal", "as usual", "no need to return", "no need to stop", "no need to throw",
		"no need to change", "no need to reset", "no health risk*", "no risk to", "no risk of", "poses no risk", "pose no risk", "poses no danger",
		"no danger", "no safety risk*", "no safety concern*", "harmless", "completely safe", "perfectly safe", "absolutely safe", "100% safe",
		"entirely safe", "totally safe", "our products are safe", "products are safe", "product is safe", "products remain safe",
		"product remains safe", "is safe", "are safe", "remain safe", "remains safe", "data is safe", "data is secure", "data remains secure",
		"information is safe", "accounts are safe", "systems are secure", "systems are now secure", "fully secure",
		"not affect your health", "no effect on health", "no impact on health", "no harm", "fine to drink", "fine to eat", "fine to use",
		"fine for drinking", "fine for cooking", "no need to pour", "will be fine", "perfectly fine", "okay to drink", "ok to drink", "okay to use", "ok to use"},
	zh: []string{"放心饮用", "放心食用", "放心使用", "放心购买", "继续饮用", "继续食用", "继续使用", "照常饮用", "照常食用", "照常使用", "正常饮用",
		"正常食用", "正常使用", "可正常", "无需退货", "不必退货", "无需停用", "不用退", "无需更换", "不影响健康", "不会影响健康", "不会对…健康", "不会对…身体",
		"对人体无害", "对健康无害", "无害", "不存在安全风险", "不存在安全隐患", "没有安全风险", "没有安全隐患", "无安全风险", "无安全隐患", "无健康风险",
		"没有健康风险", "绝对安全", "完全安全", "安全可靠", "产品是安全的", "是安全的", "安全无虞", "数据是安全的", "信息是安全的", "账户是安全的", "系统已恢复安全", "已经安全", "可以放心喝", "可以放心吃", "不会有问题", "不必倒掉", "无需倒掉", "不用倒掉", "不必扔掉", "不用扔掉", "不必丢弃", "放心喝", "放心吃", "没有问题，可以", "可以照常",
		// Version 7: the Chinese of "as usual" and "no need to change",
		// which the English list had ("lunch is served as usual").
		"照常供应", "照常供餐", "照常入住", "照常喂养", "照常喂食", "照常用餐", "照常就餐", "照常饮水", "照常用水", "照常淋浴", "照常洗浴", "正常供应", "正常供餐", "正常供水", "正常入住", "正常安排", "不必做任何调整", "无需做任何调整", "不需要做任何调整", "不用做任何调整",
		"不必调整", "无需调整", "不用调整", "不需要调整", "不必做任何改变", "无需做任何改变", "不必改变", "无需改变", "不需要改变"},
}

// "Rest assured", 请放心: a frame that assures the reader of something.
// It is false reassurance only when what it assures is a safety claim
// ("rest assured, the product is safe"), not when it is about people or
// care ("rest assured that our staff will call every family", 请放心，我们会
// 一一联系每个家庭). Version 6.
var assureWords = words{
	en: []string{"rest assured", "be assured", "be reassured", "we assure you", "we can assure you", "can assure you", "let us assure you",
		"let me assure you", "i assure you"},
	zh: []string{"放心"},
}

// What a frame assures, when it is a safety claim in other words than the
// reassurance list's: "rest assured, it is harmless", 请放心，没问题.
var safeClaimWords = words{
	en: []string{"safe", "secure", "harmless", "fine", "no risk*", "no danger", "no threat", "nothing to fear", "nothing to worry about",
		"no cause for concern", "no problem*", "nothing wrong", "not affected", "unaffected", "clean", "okay", "ok", "normal"},
	zh: []string{"是安全的", "很安全", "都安全", "均安全", "安全无虞", "安全可靠", "十分安全", "非常安全", "完全安全", "绝对安全", "无害", "没事",
		"没问题", "没有问题", "无问题", "无碍", "不受影响", "没有影响", "无风险", "没有风险", "干净", "合格", "达标", "正常",
		"照常", "继续"},
}

// A reassurance that waits on the facts is not one: "until we know it is
// safe", "once tests confirm", 确认安全之前. Version 6 reads where the cue
// sits. Subordinators count in the reassurance's own clause ("until we are
// sure it is safe, do not drink it"), not in a clause before it ("until the
// tests come back, you can keep drinking it" is a reassurance) …
var reassureUntil = []string{"until", "unless", "before", "whether", "once we", "once tests", "once the test", "once the lab",
	"once results", "once the results", "once it is confirmed", "once confirmed", "only after", "only once", "only when", "直到", "是否", "能否", "是不是", "有没有", "待", "在确认", "在检测",
	"后方可", "后才", "后再", "方可", "才能"}

// … these, anywhere in its sentence before it, up to a contrast word
// ("we have not finished testing, but it is safe" is a reassurance) …
var reassureDoubt = []string{"cannot say", "can't say", "can not say", "not yet", "too early", "premature", "no evidence", "no proof",
	"not been shown", "not been confirmed", "not been proven", "whether", "know if", "sure if", "say if", "tell if", "confirm if", "certain if",
	"clear if", "unsure if", "尚未", "还不能", "尚不能", "无法确定", "不能确定", "还不确定", "尚不确定",
	"不确定", "是否", "能否", "为时过早", "言之过早", "没有证据", "尚无证据"}

// … and these right after it ("the product is safe only once the lab
// confirms it", 检测合格后方可继续饮用, 确认安全无虞之前).
var reassureAfter = []string{"until", "unless", "only when", "only once", "only after", "only if", "once tests", "once the lab", "once results",
	"once we", "when tests", "when the lab", "when results", "would be premature", "is premature", "too early", "之前", "以前", "后方可", "后才",
	"后再", "为时过早", "言之过早", "吗"}

// Verbs of saying, knowing and promising: negated or hedged ("we cannot
// say", "no one can guarantee", "we are not able to confirm", 不敢说,
// 无法保证), they make what follows in the sentence a doubt, not a claim or
// a promise (version 6).
var sayWords = words{
	en: []string{"say", "said", "tell", "claim*", "confirm*", "know", "known", "guarantee*", "promise*", "assure", "sure", "certain", "assume",
		"conclude", "declare", "state", "establish", "verify", "verified", "prove*", "vouch", "pretend", "present ourselves", "call ourselves",
		"describe ourselves", "portray", "see ourselves", "paint ourselves"},
	zh: []string{"确定", "确认", "保证", "证明", "断定", "说", "知道", "承诺", "判断", "认为", "以为", "肯定", "担保", "打包票", "下结论", "宣称",
		"声称", "自称", "当成", "标榜", "确保"},
}

// Words before a verb of saying that doubt it, besides negations: "no one
// can say", "we are not in a position to confirm", 没有人能保证, 无法保证.
var sayDoubt = []string{"no one", "nobody", "none of us", "no company", "unable to", "not able to", "not in a position to", "want to",
	"hope to", "would like to", "wish", "too early to", "premature to", "没有人", "谁也", "谁都", "无法", "不敢", "没法", "希望", "尚未", "还没", "没有谁"}

// SCCT deny (scapegoat) / diminish (excuse): blaming others.
var blameWords = words{
	en: []string{"temporary worker*", "temp worker*", "temporary staff", "casual worker*", "rogue employee", "individual employee", "individual act", "individual behaviour", "individual behavior", "a single employee",
		"one rogue", "acted alone", "supplier's fault", "fault of…supplier", "caused by…supplier", "due to…supplier", "blame…supplier",
		"supplier is responsible", "supplier was responsible", "contractor's fault", "caused by…contractor", "distributor's fault",
		"caused by…distributor", "improper storage", "improperly stored", "stored improperly", "user error",
		"customer error", "not our fault", "not our responsibility", "we are not responsible", "we're not responsible", "beyond our control",
		"caused by…customers", "caused by…consumers", "caused by…residents", "caused by…partner", "fault at…partner", "partner's fault",
		"residents' own", "customers' own", "consumers' own", "poor storage", "common across the industry", "industry-wide problem", "singled out",
		"broke…rules", "violated…rules"},
	zh: []string{"临时工", "外包人员", "个人行为", "员工个人", "系供应商", "系该供应商", "系第三方供应商", "系合作供应商", "系上游供应商", "由于…供应商", "供应商的问题", "供应商的责任",
		"供应商原因", "供应商…所致", "供应商…导致", "经销商…所致", "经销商的问题", "经销商的责任", "消费者…不当", "顾客…不当", "用户…不当",
		"合作方…引起", "合作方…导致", "合作方…所致", "合作方的问题", "供应商…引起", "住户…造成", "住户…导致", "住户自行", "多因…所致", "自行…所致", "多是自家",
		"行业普遍", "行业里普遍", "普遍存在", "全行业", "行业共性", "共性问题", "杀鸡儆猴", "违反了公司", "违反公司", "使用不当", "储存不当", "保存不当", "食用方法不当", "不是我们的责任", "责任不在我们", "责任不在本公司", "不是我们的问题", "不可抗力"},
}

// Other parties a cause can be pinned on: partners, suppliers, carriers,
// retailers, customers, attackers.
var agentWords = words{
	en: []string{"supplier*", "vendor*", "contractor*", "subcontractor*", "partner*", "distributor*", "retailer*", "wholesaler*", "franchisee*",
		"courier*", "logistics", "transport company", "transport firm", "haulier*", "hauler*", "shipping company", "delivery company",
		"delivery partner", "carrier", "third party", "third-party", "provider*", "cloud provider", "payment provider", "payment processor", "hosting provider",
		"hacker*", "attacker*", "criminal*", "saboteur*", "sabotage", "competitor*", "rival*", "customers", "consumers", "users", "residents",
		"parents", "passengers", "guests", "the customer", "the user", "the resident", "someone", "outsider*", "foreign", "other channels",
		"other platforms"},
	zh: []string{"供应商", "供货商", "代工厂", "外包", "承包商", "合作方", "合作伙伴", "第三方", "经销商", "零售商", "超市", "加盟商", "物流", "运输",
		"快递", "承运", "黑客", "不法分子", "犯罪分子", "境外", "竞争对手", "同行", "消费者", "顾客", "用户", "住户", "家长", "乘客", "有人恶意",
		"有人故意", "别有用心", "投毒", "他人", "其他渠道", "其他平台"},
}

// Words that pin a cause or a fault on whatever follows or precedes.
// Words that pin a cause or a fault on the party that follows them …
var causalWords = words{
	en: []string{"caused by", "due to", "because of", "the fault of", "fault lies", "fault of", "blame", "blamed", "the result of", "resulted from",
		"result of", "stems from", "stemmed from", "comes down to", "came down to", "down to the", "came from", "originated", "traced to", "traced back to", "lies with", "rests with",
		"on the part of", "failure by", "failure of", "error by", "mistake by", "problem at", "problem with", "issue at", "fault at",
		"failure at", "outage at", "error at", "responsibility lies", "responsibility rests", "the cause is",
		// Version 7: naming where the cause lies is attribution too ("our
		// first checks point to the supplier's concentrate").
		"point to", "points to", "pointed to", "pointing to", "point at", "points at", "pointed at", "traced…to", "tracked…to", "linked to", "attributable to"},
	zh: []string{"由于", "因为", "出在", "源于", "源自", "来自", "问题出在", "责任在于", "责任在", "都怪", "怪", "归咎于", "系",
		"指向", "追溯到", "追查到", "锁定在", "归因于", "归结于", "归因"},
}

// … or on the party before them: "the supplier is to blame", 供应商所致.
var causalAfterWords = words{
	en: []string{"to blame", "at fault", "responsible for", "'s fault", "'s mistake", "'s error", "'s failure", "caused the", "caused this",
		"is the cause", "was the cause", "were the cause", "were involved", "was involved", "is involved", "are involved", "is linked", "was linked", "are linked", "were linked"},
	zh: []string{"所致", "导致", "造成", "引起", "所为", "的问题", "的责任", "的过错", "的失误", "惹的祸", "责任方"},
}

// A sentence that owns the fault is not blame: "the supplier we chose;
// checking it was our job".
var owningWords = words{
	en: []string{"our responsibility", "our fault", "our failure", "our job", "on us", "we are responsible", "we take responsibility",
		"we take full responsibility", "we accept", "we chose", "we should have", "we failed", "we did not check", "we didn't check",
		"no excuse", "that does not excuse", "that doesn't excuse", "not an excuse", "we are accountable", "we remain responsible",
		"we own", "our own", "not your fault", "no fault of yours", "did nothing wrong", "not to blame", "does not shift", "doesn't shift"},
	zh: []string{"我们的责任", "我们的错", "我们的失误", "我们的过错", "责任在我们", "责任在于我们", "我们负责", "我们没有",
		"我们没能", "没有任何过错", "没有过错", "不是您的错", "不是你们的错", "没有把好关", "没把好关", "本应", "本该", "没有做到", "是我们选", "我们选择的", "不能成为", "不是借口", "不推卸", "不会推卸", "绝不推卸", "全部责任"},
}

// Silence in words: CERC be first; 透明性 (no hiding).
var noCommentWords = words{
	en: []string{"no comment", "cannot comment", "can't comment", "can not comment", "will not comment", "won't comment", "would not comment",
		"decline to comment", "declined to comment", "declines to comment", "not in a position to comment", "nothing to say",
		"not going to comment", "refuse to comment", "not able to comment", "unable to comment", "no further comment",
		// Version 7: counsel's polite silence, level with 暂不作回应.
		"nothing further to add", "nothing more to add", "not be making any statement", "won't be making any statement",
		"not making any statement", "no further statement*", "not be appropriate for…to", "not appropriate for…to", "inappropriate for…to",
		"not be appropriate to", "not appropriate to"},
	zh: []string{"无可奉告", "不予置评", "不予评论", "不便透露", "不便评论", "不便回应", "不作回应", "不予回应", "暂不回应", "暂不评论", "不予回复",
		"不方便透露", "暂不方便", "不作评论", "不做回应", "不作任何回应",
		"不宜评论", "不宜回应", "不宜对外", "不便对外", "不再作任何", "不发表任何"},
}

// SCCT diminish (minimisation).
// Non-apologies said in one breath: an apology for inconvenience or for
// how people feel (SCCT: not a rebuild strategy).
var nonApologyWords = words{
	en: []string{"regret any", "regret that some", "regret that you", "sorry you feel", "sorry that you feel", "sorry to hear", "sorry if",
		"never our intention", "not our intention", "never intended to", "did not intend to", "didn't intend to",
		// Version 7, level with 表示遗憾: regret for how others feel or
		// fared, not for what the team did ("we regret the error" is
		// thin, not evasive).
		"regret that", "regrets that", "regret the inconvenience", "regret the disruption", "regret the distress", "regret the confusion",
		"regret the concern", "regret the upset", "regret the frustration"},
	zh: []string{"深表遗憾", "表示遗憾", "感到遗憾", "很遗憾", "不是我们的本意", "并非我们的本意", "并非本意", "绝非本意"},
}

// Words around an apology that make it a non-apology: a condition before
// it ("if anyone…, we apologise"; 如果…，我们表示歉意) …
var nonApologyBefore = []string{" if ", "if any", "to anyone who", "to those who", "如果", "若", "倘若", "假如", "如有", "万一", "要是",
	"不便", "困扰", "不愉快", "不适感受", "误会", "误解", "any confusion", "困惑", "可能造成", "可能带来"}

// … or after it ("sorry if anyone was upset", "apologise for any
// inconvenience", "sorry some customers feel…").
var nonApologyAfter = []string{" if ", "any inconvenience", "the inconvenience", "to hear", "to learn", "you feel", "you felt",
	"some customers", "some people", "some users", "some residents", "anyone was", "anyone is", "anyone feels", "anyone felt", "may have been",
	"might have been", "for how", "were upset", "was upset", "were offended", "was offended", "any offence", "any offense", "perceived",
	"misunderstanding", "the distress", "any distress", "any upset", "any confusion", "the confusion", "may have caused", "might have caused",
	"不便", "困扰", "误会", "误解", "困惑", "可能造成", "可能带来"}

// Playing the victim: the company is a victim too (SCCT: victim cluster is
// for crises with no responsibility; claiming it otherwise reads as excuse).
var victimWords = words{
	en: []string{"we too are victim*", "we are also victim*", "we are also a victim", "we are the victim*", "we are victims", "we are a victim",
		"we were also victim*", "we too were victim*", "we, too, are", "victim of this", "victims of this", "victim of an", "victims of an",
		"victim of a", "victims of a", "we have been targeted", "we were targeted", "we too have suffered", "we have also suffered",
		"we are suffering too", "we are also suffering", "organised attack", "organized attack", "highly sophisticated", "no company could have",
		"no system could have", "could have happened to any", "been the target of", "been targeted by", "smear campaign", "campaign of abuse", "campaign of online abuse", "online attack",
		// Version 7, level with 也是受害者 said of the company by name.
		"a victim too", "victims too", "also a victim", "also victims", "unprecedented attack"},
	zh: []string{"我们同样是受害者", "我们也是受害者", "同样是受害者", "也是受害者", "同为受害者", "也是受害方", "同样是受害方", "我们是受害者",
		"公司是受害者", "本公司也是", "有组织的攻击", "有预谋的攻击", "蓄意陷害", "被人陷害", "我们也很无辜", "我们也很委屈", "我们也很痛心",
		"任何企业都无法", "任何公司都无法", "防不胜防", "遭到…攻击", "蓄意攻击", "恶意攻击", "遭受…攻击", "恶意抹黑", "被抹黑", "抹黑", "被围攻", "泼…脏水", "网络暴力", "网暴"},
}

// Over-promising: absolutes no one can keep (CERC be credible: do not
// over-reassure).
var overPromiseWords = words{
	en: []string{"never happen again", "never happens again", "will never happen", "never again", "100%", "one hundred percent",
		"a hundred per cent", "a hundred percent", "one hundred per cent", "hundred and ten per cent", "hundred and ten percent", "110%", "110 per cent",
		// Version 8: a guarantee the team gives, as 保证…不会 in Chinese; not
		// the word for a product's feature ("the guaranteed skin at 90
		// pulls", "a guarantee that didn't exist").
		"we guarantee", "we can guarantee", "we will guarantee", "we'll guarantee", "we fully guarantee", "we personally guarantee",
		"i guarantee", "i can guarantee", "i personally guarantee", "guaranteed to", "guarantee you", "is guaranteed", "are guaranteed",
		"zero risk", "no risk whatsoever", "completely eliminat*", "eliminate all", "eliminate every",
		"fully resolved by", "will not happen again", "won't happen again", "cannot happen again", "can never happen",
		"absolutely no", "ever…again", "never…again", "not a single…again", "will never…again"},
	zh: []string{"绝不会再", "再也不会", "绝不再", "不会再发生", "永远不会再", "杜绝", "百分之百", "100%", "保证…不会", "保证…不再", "确保…不再", "确保…绝不",
		"零风险", "万无一失", "都不会再出现", "不会再出现任何", "任何…都不会再", "一劳永逸", "彻底消除", "彻底根除", "全部解决", "永远不会…再"},
}

var minimiseWords = words{
	en: []string{"isolated case*", "isolated incident*", "isolated event*", "isolated problem*", "a small number of", "a very small number", "very few", "only a few",
		"a handful of", "minor issue", "minor incident", "minor problem", "tiny fraction", "extremely rare", "overblown", "exaggerated",
		"blown out of proportion", "no cause for alarm", "nothing to worry about", "no need to worry", "no need to panic", "not serious",
		"limited impact", "not a big deal", "one-off", "only…%", "only…percent", "fewer than…%", "less than…%", "fewer than 1 in", "less than 1 in",
		"fewer than one in", "less than one in", "vast majority", "most customers were not", "most passengers"},
	zh: []string{"个别现象", "个别情况", "个别案例", "个别事件", "个案", "极少数", "少量用户", "少数用户", "少量消费者", "少量顾客", "极个别", "偶发", "偶然事件", "小问题", "夸大", "被放大", "不必恐慌",
		"无需恐慌", "无需担心", "不必担心", "不用担心", "没什么大不了", "影响有限", "影响不大", "不必过度", "仅占", "只占", "不到…%", "不足…%", "个别小朋友", "个别消费者", "个别用户", "个别顾客", "个别家庭", "个别居民", "个别门店", "轻微不适", "轻微的", "不到…分之一", "不足…分之一", "绝大多数", "大部分…正常"},
}

// SCCT deny (attack the accuser). Always a threat when aimed at the public in
// so many words:
var legalThreatWords = words{
	en: []string{"sue anyone", "sue everyone", "sue those who", "sue people who", "sue all", "reserving the right", "reserve the right…legal", "reserves the right…legal", "reserved the right…legal",
		"reserves the right to sue", "reserved the right to sue", "reserves the right to pursue", "reserved the right to pursue",
		"reserves the right to take action", "reserved the right to take action",
		"legal action against anyone",
		"legal action against those", "legal action against people", "legal action against everyone", "legal action against users",
		"reserve the right to take legal action", "reserve the right to take action", "reserve the right to sue", "reserve the right to pursue", "hold…legally liable",
		"hold…legally responsible", "legal consequences"},
	zh: []string{"保留…法律责任的权利", "保留追究", "保留起诉", "追究…转发", "追究…传播", "追究…散布", "追究…造谣", "追究…网友", "追究…消费者",
		"追究…任何人", "追究…所有", "追究…网民", "追究…博主", "后果自负"},
}

// … and a threat when one of these legal words shares a clause with a word for
// the public (legalTargets).
var legalWords = words{
	en: []string{"legal action*", "legal step*", "legal proceeding*", "legal measures", "legal route*", "legal consequences", "sue", "sues", "sued",
		"suing", "lawsuit*", "litigat*", "legal liability", "legally liable", "legally responsible", "legally accountable", "defamation",
		"defamatory", "libel*", "slander*", "lawyer*", "solicitor*", "attorney*", "cease and desist", "prosecut*", "take action against",
		"taking action against", "action will be taken", "hold to account", "held to account", "in court", "pursue legal", "pursue…legally", "held accountable", "hold accountable", "report…to the police",
		"reported…to the police"},
	zh: []string{"追究法律责任", "法律责任", "法律手段", "法律途径", "法律行动", "法律措施", "法律程序", "法律武器", "起诉", "诉诸法律", "法庭", "法院", "律师函", "依法追究", "依法处理", "依法维权",
		"诽谤", "追责", "报警", "报案", "维权到底", "法律后果",
		"委托律师", "交由律师", "交给律师", "律师团队", "律师对", "律师向", "由律师", "律师事务所"},
}

// A clause where one of these is negated spares the people it names.
var legalVerbs = words{
	en: []string{"sue", "sued", "pursue*", "legal action", "prosecut*", "go after", "take action", "threaten*", "lawsuit*", "legal step*",
		"legal measures", "legal proceeding*"},
	zh: []string{"追究", "起诉", "追责", "法律行动", "法律手段", "法律措施", "法律途径"},
}

var legalTargets = words{
	en: []string{"anyone", "everyone", "those who", "people who", "users", "consumers", "customers", "netizens", "bloggers", "posters",
		"who spread*", "who share*", "who shared", "that shared", "that share*", "who post*", "who repost*", "repost*", "every account", "all accounts", "accounts that", "accounts which", "accounts spreading", "spreading", "sharing", "rumour*", "rumor*", "online"},
	zh: []string{"转发", "传播", "散布", "造谣", "网友", "博主", "消费者", "用户", "顾客", "任何人", "所有人", "一切", "谣言", "网民", "自媒体", "不实言论",
		// Version 7, level with "every account", "anyone who": 账号, 谁…谁就.
		"账号", "谁就"},
}

// Speculation about the cause: CERC be right (say what you know, and that
// you do not know the rest yet).
var speculationWords = words{
	en: []string{"we suspect", "we believe it was", "we think it was", "our early sense", "our sense is", "our hunch", "we think this", "we believe this", "likely caused", "likely due", "most likely", "presumably", "our guess",
		"our best guess", "we cannot rule out", "we can't rule out", "cannot be ruled out", "can't be ruled out", "we do not rule out",
		"we don't rule out", "not ruling out"},
	zh: []string{"可能是因为", "可能是由于", "可能由", "可能因", "估计是", "大概是", "或许是", "也许是", "推测", "猜测", "怀疑是", "恐怕是", "多半是",
		"不排除", "很可能", "极有可能", "大概率"},
}

// Hedges are speculation when a cause or another party is close by: "it may
// have been the transport", 也许跟运输有关. Without one they are honest
// uncertainty ("your data may have been exposed").
var hedgeWords = words{
	en: []string{"probably", "possibly", "perhaps", "maybe", "might", "may have", "may be", "could have", "could be", "it seems", "seems to",
		"it appears", "appears to", "it looks like", "looks like", "looks to have", "look to have", "likely", "suspected", "it is possible", "it's possible", "may well"},
	zh: []string{"可能", "也许", "或许", "大概", "估计", "应该是", "疑似", "似乎", "好像", "怀疑", "恐怕", "多半"},
}

// A hedge is not speculation when the same sentence cites evidence.
var evidenceWords = words{
	en: []string{"test result*", "tests show*", "testing show*", "lab result*", "laboratory", "confirmed", "found that", "analysis",
		"according to", "monitoring show*", "data show*", "not detected", "preliminary test*", "preliminary result*", "preliminary finding*", "initial findings", "evidence"},
	zh: []string{"检测结果", "化验结果", "检测显示", "化验显示", "初步调查", "初步检测", "调查显示", "调查发现", "经检测", "经化验", "证实", "根据",
		"证据", "查明", "查实", "监控显示", "监测显示", "监测数据", "数据显示", "未检出"},
}

// Vague corporate filler: words that sound responsible and say nothing.
var fillerWords = words{
	en: []string{"take this seriously", "take this very seriously", "takes this seriously", "takes this very seriously", "take…seriously", "takes…seriously", "taking…seriously",
		"highly value", "attach great importance", "attaches great importance", "attaching great importance", "top priority", "highest priority", "committed to", "utmost", "our customers are",
		"quality is our", "we value", "any inconvenience", "relevant departments", "appropriate measures", "appropriate action",
		"necessary measures", "in due course", "at the earliest opportunity", "stay tuned", "deal with it seriously",
		"handle it properly", "zero tolerance"},
	zh: []string{"高度重视", "非常重视", "十分重视", "极为重视", "第一时间", "始终坚持", "一贯", "一如既往", "带来的不便", "敬请谅解", "深表遗憾",
		"相关部门", "有关部门", "妥善处理", "严肃处理", "依法依规", "全力以赴", "积极配合", "始终把", "质量是生命", "质量是我们的", "质量是企业", "持续关注", "有进一步消息",
		"及时告知", "及时公布", "给大家一个交代", "给公众一个交代", "给社会一个交代", "零容忍", "请以官方", "敬请关注"},
}

// --- version 3: words the rules about meaning point at -------------------

// A member of staff, and a breach of the rules: together in one sentence
// they pin the fault on one person (SCCT scapegoat).
var staffWords = words{
	en: []string{"employee*", "worker*", "staff member*", "engineer*", "technician*", "operator*", "cashier*", "clerk*", "agent*", "rider*",
		"driver*", "courier*", "individual*", "a member of staff", "a new hire", "newly hired"},
	zh: []string{"员工", "职工", "工程师", "技术员", "工作人员", "店员", "营业员", "操作工", "维修工", "坐席", "客服人员", "骑手", "司机", "配送员", "临时工", "个人"},
}

var breachWords = words{
	en: []string{"in breach of", "breached", "breach of", "violated", "violating", "in violation of", "without authoris*", "without authoriz*",
		"unauthoris*", "unauthoriz*", "without permission", "failed to follow", "did not follow", "didn't follow", "against company",
		"against our rules", "against the rules", "on his own initiative", "on her own initiative", "on their own initiative", "negligen*",
		"careless*", "ran a red light", "broke the rules", "broke company", "does not represent", "do not represent",
		"not representative of", "has been dismissed", "have been dismissed", "was dismissed", "has been fired", "have been fired", "was fired",
		"has been sacked", "have been sacked", "contract terminated", "contracts terminated"},
	zh: []string{"违反", "违规", "未按规定", "未按…规定", "未按…流程", "未按…规程", "未按…操作", "未遵守", "解除劳动合同", "予以开除", "已被开除", "已开除", "已被辞退", "予以辞退", "不遵守", "擅自", "私自", "疏忽大意", "操作不当", "闯红灯", "逆行", "不代表", "不能代表"},
}

// Words that point back at people named in the sentence before.
var anaphorWords = words{
	en: []string{"them", "each of them", "these accounts", "those accounts", "such accounts", "these people", "those people", "they"},
	zh: []string{"其", "他们", "上述", "这些账号", "这些人", "相关账号", "此类"},
}

// Comment words: negated ("will not be commenting", 不便置评) they refuse to
// speak.
var commentWords = words{
	en: []string{"comment", "commenting", "comments", "respond", "responding"},
	zh: []string{"置评", "评论", "回应", "表态"},
}

// A refusal whose sentence refuses the facts or the reports at large is
// silence even in a statement that gives some facts (version 7): "it
// would not be appropriate to go into the facts", 对媒体报道不作任何回应.
var wholesaleRefusal = []string{"the facts", "the reports", "media reports", "these matters", "the matters", "any statement", "their contents",
	"nothing further", "nothing more", "nothing will be added", "事实", "媒体报道", "相关报道", "任何声明", "任何回应", "任何评论"}

// 不便, 不予, 暂不 before a comment word refuse it as plainly as a negation.
var refuseZh = []string{"不便", "不予", "暂不", "不作", "不做"}

// A refusal to guess is not a refusal to speak.
var guessCues = []string{"speculat", "guess", "rumour", "rumor", "hypothetical", "猜测", "推测", "传言", "谣言", "假设"}

// The team itself, after a causal word: "the fault lies with us", 怪我们.
var usWords = words{
	en: []string{"us", "ourselves", "our own", "we"},
	zh: []string{"我们", "我司", "本公司", "我公司", "自己", "自身"},
}

// People: when a "safe" is said of them ("all passengers and crew are
// safe", 旅客和船员均平安), it reports on people, not on a product.
var peopleWords = words{
	en: []string{"passenger*", "crew", "guest*", "staff", "employee*", "worker*", "everyone", "everybody", "resident*", "child*", "pupil*",
		"student*", "patient*", "people", "visitor*", "colleague*", "driver*", "rider*", "occupant*", "diner*"},
	zh: []string{"旅客", "乘客", "船员", "机组", "员工", "职工", "人员", "游客", "学生", "孩子", "儿童", "居民", "所有人", "住户", "病人", "患者", "顾客均", "同事", "司机", "骑手"},
}
