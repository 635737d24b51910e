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
		"we got this wrong", "we got it wrong", "we were wrong", "our mistake", "our failure", "our fault", "we failed", "we made a mistake",
		"we made mistakes", "we let you down", "we take full responsibility", "we accept full responsibility", "full responsibility",
		"our responsibility", "we are responsible", "we accept responsibility", "should not have happened", "should never have happened",
		"unacceptable", "there was a problem", "there is a problem"},
	zh: []string{"已关注到", "关注到", "注意到", "获悉", "我们已看到", "已经看到", "我们看到", "收到…反映", "收到…投诉", "接到…投诉", "接到…反映",
		"经核实", "经初步核实", "已确认", "经确认", "我们确认", "证实", "承认", "是我们的错", "我们的错", "我们的失误", "我们的过错",
		"我们的责任", "责任在我们", "责任在于我们", "全部责任", "承担责任", "负有责任", "难辞其咎", "不可接受", "不应该发生", "不该发生",
		"存在问题", "确实存在", "是我们…的问题", "是我们…的责任", "是我们…失误", "是我们…过错", "是我们…错误", "出现了问题", "出了问题", "问题出在"},
}

// CERC express empathy; SCCT rebuild (apology).
var apologyWords = words{
	en: []string{"sorry", "apolog*", "forgive*", "forgiveness"},
	zh: []string{"道歉", "致歉", "歉意", "对不起", "抱歉", "愧疚", "谢罪", "请求原谅", "鞠躬"},
}

// CERC express empathy / show respect; 同理心, 情感关怀.
var concernWords = words{
	en: []string{"concern for", "concerned about", "concerned for", "our thoughts are with", "thinking of", "we understand how", "we understand why",
		"we understand that", "we understand your", "understand the worry", "understand your concern*", "understandably", "worried", "worry", "worries",
		"frightening", "frightened", "distressing", "upsetting", "anxious", "speedy recovery", "full recovery", "get well", "your health",
		"your safety", "health and safety", "safety of", "wellbeing", "well-being", "care about", "we care", "those affected", "everyone affected",
		"affected famil*", "affected customers", "families", "we are here for you", "sympath*", "heart goes out", "hearts go out", "feel unwell",
		"fell ill", "who are unwell", "people are unwell"},
	zh: []string{"关心", "关切", "牵挂", "慰问", "担心", "担忧", "焦虑", "不安", "心情", "感受", "早日康复", "身体健康", "健康和安全", "健康与安全",
		"安全放在", "放在第一位", "放在首位", "感同身受", "痛心", "揪心", "受影响的", "受害", "家属", "家庭", "同情", "我们理解", "理解…心情",
		"理解…担心", "理解…担忧", "照顾", "身体不适", "受到伤害", "受委屈", "心疼", "关怀"},
}

// SCCT rebuild (corrective action); CERC promote action; 执行: recall,
// hotline, compensation.
var actionWords = words{
	en: []string{"recall*", "suspend*", "stopped", "halted", "have stopped", "pulled", "withdrawn", "withdrew", "withdrawing", "removed from", "removing",
		"taken off", "taking off", "closed", "closing", "shut", "sealed", "quarantin*", "refund*", "compensat*", "replacement*", "replace", "replacing",
		"task force", "audit*", "inspect*", "for testing", "sent to", "independent test*", "we have asked", "commissioned", "working with the",
		"cooperating with", "co-operating with", "reported to", "notified", "informed the", "have opened", "opened a", "set up", "launched",
		"medical costs", "medical expenses", "scrapped", "stopped shipping", "stopped sales", "halted production", "contacting", "calling every",
		"phoning", "reimburs*", "cover the cost*", "pay for"},
	zh: []string{"召回", "暂停", "停止发货", "停止销售", "停止生产", "停售", "停产", "下架", "封存", "停业", "关闭", "整改", "退款", "赔偿", "补偿", "更换",
		"送检", "送…检测", "送…化验", "委托", "已请", "专项组", "工作组", "调查组", "成立", "排查", "彻查", "审核", "抽检", "配合", "上报", "向…报告", "向…报送", "向…通报", "已开通", "开通", "医疗费",
		"停职", "垫付", "逐一致电", "联系每一位", "报销", "承担…费用", "免费"},
}

// CERC be right: 透明性 — cause, or an honest "not yet known, investigating".
var causeWords = words{
	en: []string{"cause*", "caused by", "root cause", "due to", "the result of", "resulted from", "fault", "faulty", "failure", "malfunction*", "error",
		"contaminat*", "investigat*", "under investigation", "testing", "lab", "laboratory", "not yet know", "don't yet know", "do not yet know",
		"don't know yet", "do not know yet", "don't know", "do not know", "still establishing", "still determining", "what we know", "finding out",
		"looking into", "what happened", "how this happened", "why this happened", "traced"},
	zh: []string{"原因", "起因", "根源", "所致", "导致", "造成", "由于", "故障", "失误", "疏漏", "漏洞", "污染", "正在调查", "调查", "彻查", "排查",
		"查明", "核实", "送检", "检测", "化验", "尚不清楚", "尚未查明", "尚待查明", "还不清楚", "仍在确认", "正在确认", "已知情况", "溯源"},
}

// CERC promote action: tell people what to do.
var guidanceWords = words{
	en: []string{"do not drink", "do not eat", "do not use", "do not consume", "do not give", "don't drink", "don't eat", "don't use", "don't give",
		"stop using", "stop drinking", "stop eating", "stop giving", "see a doctor", "see your doctor", "seek medical", "medical attention",
		"medical advice", "return it", "return them", "return the", "return any", "return your", "bring it back", "bring them back",
		"send it back", "send them back", "check the batch", "check the code", "check the label", "check the date", "check whether", "check if",
		"check your", "keep the bottle*", "keep the receipt*", "keep the product*", "keep the packag*", "keep your receipt*", "if you have", "if you feel", "if you bought", "if you experience", "if you are", "if you notice",
		"if you were", "if you ate", "if you drank", "anyone who has", "anyone who feels", "anyone who bought", "anyone who ate",
		"anyone who drank", "anyone with", "anyone worried", "anyone who is", "customers who", "you can call", "you can return", "you can get",
		"you can contact", "please call", "please contact", "please return", "please check", "please stop", "please keep", "please do not",
		"call us", "contact us", "call our", "what to do", "you should", "should call", "should contact", "should stop", "should see",
		"should return"},
	zh: []string{"就医", "就诊", "医院", "停止饮用", "停止食用", "停止使用", "暂停饮用", "暂停食用", "暂停使用", "请勿", "切勿", "不要饮用",
		"不要食用", "不要使用", "勿饮用", "勿食用", "退回", "退货", "退换", "寄回", "如有", "如出现", "若出现", "出现症状", "拨打", "请拨打", "可拨打",
		"请联系", "可联系", "请核对", "请查看", "请检查", "核对批次", "查看批次", "识别", "请保留", "保留好", "保留购买", "保留产品", "可凭", "凭购买", "凭小票", "凭订单", "凭瓶", "如您", "如果您", "请您", "请家长",
		"请消费者", "请顾客", "请用户", "可以拨打", "可以联系", "可申请", "请于"},
}

// CERC be first / be credible: a channel people can use.
var contactWords = words{
	en: []string{"hotline", "helpline", "help line", "call centre", "call center", "customer service", "customer care", "email us", "e-mail us",
		"website", "wechat", "weibo", "official account", "live chat", "phone", "telephone", "tel", "contact us"},
	zh: []string{"热线", "客服", "服务电话", "联系电话", "电话", "邮箱", "电子邮件", "官网", "网站", "公众号", "官方微博", "小程序", "在线客服", "私信", "致电"},
}

// Words that announce an update; next-update needs one of them next to a time.
var updateWords = words{
	en: []string{"update*", "further information", "more information", "further details", "more details", "report back", "press conference",
		"briefing", "next statement", "share more", "share what", "keep you informed", "keep the public informed", "keep you posted", "publish*",
		"progress report", "next report"},
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
	en: []string{"our products are safe", "products are safe", "product is safe", "is safe to drink", "is safe to eat", "is safe to use",
		"are safe to drink", "are safe to eat", "are safe to use", "safe to consume", "completely safe", "perfectly safe", "absolutely safe",
		"100% safe", "there is no problem", "no problem with", "nothing wrong with", "no quality problem*", "no quality issue*",
		"not contaminated", "no contamination", "meets all national standards", "meet all national standards", "meets national standards",
		"meet national standards", "fully compliant", "fake news", "baseless", "unfounded", "untrue", "false rumour*", "false rumor*",
		"malicious rumour*", "malicious rumor*", "rumours are false", "rumors are false", "did not happen", "never happened",
		"has nothing to do with us", "nothing to do with our", "we deny", "categorically deny", "firmly deny", "strict quality checks",
		"strict quality control", "rigorous quality"},
	zh: []string{"纯属谣言", "是谣言", "系谣言", "属于谣言", "恶意造谣", "系造谣", "造谣生事", "网络谣言", "不实传言", "不实信息", "不实报道", "不实言论", "断章取义",
		"子虚乌有", "无中生有", "符合国家标准", "经过严格", "严格质检", "放心饮用", "放心食用", "放心使用", "放心购买", "绝对安全", "完全安全",
		"安全可靠", "产品是安全的", "质量没有问题", "产品没有问题", "没有任何问题", "不存在质量问题", "不存在问题", "不存在任何问题", "与我们无关", "与本公司无关",
		"与公司无关", "与我司无关", "并非我们", "坚决否认", "予以否认"},
}

// SCCT deny (scapegoat) / diminish (excuse): blaming others.
var blameWords = words{
	en: []string{"temporary worker*", "temp worker*", "temporary staff", "casual worker*", "rogue employee", "individual employee", "individual act", "individual behaviour", "individual behavior", "a single employee",
		"one rogue", "acted alone", "supplier's fault", "fault of…supplier", "caused by…supplier", "due to…supplier", "blame…supplier",
		"supplier is responsible", "supplier was responsible", "contractor's fault", "caused by…contractor", "distributor's fault",
		"caused by…distributor", "misuse", "misused", "improper storage", "improperly stored", "stored improperly", "user error",
		"customer error", "not our fault", "not our responsibility", "we are not responsible", "we're not responsible", "beyond our control",
		"caused by…customers", "caused by…consumers", "caused by…residents", "caused by…partner", "fault at…partner", "partner's fault",
		"residents' own", "customers' own", "consumers' own", "poor storage", "common across the industry", "industry-wide problem", "singled out",
		"broke…rules", "violated…rules"},
	zh: []string{"临时工", "外包人员", "个人行为", "员工个人", "系供应商", "系该供应商", "系第三方供应商", "系合作供应商", "系上游供应商", "由于…供应商", "供应商的问题", "供应商的责任",
		"供应商原因", "供应商…所致", "供应商…导致", "经销商…所致", "经销商的问题", "经销商的责任", "消费者…不当", "顾客…不当", "用户…不当",
		"合作方…引起", "合作方…导致", "合作方…所致", "合作方的问题", "供应商…引起", "住户…造成", "住户…导致", "住户自行", "多是自家",
		"行业普遍", "行业里普遍", "普遍存在", "杀鸡儆猴", "违反了公司", "违反公司", "使用不当", "储存不当", "保存不当", "食用方法不当", "不是我们的责任", "责任不在我们", "责任不在本公司", "不是我们的问题", "不可抗力"},
}

// Silence in words: CERC be first; 透明性 (no hiding).
var noCommentWords = words{
	en: []string{"no comment", "cannot comment", "can't comment", "can not comment", "will not comment", "won't comment", "would not comment",
		"decline to comment", "declined to comment", "declines to comment", "not in a position to comment", "nothing to say",
		"not going to comment", "refuse to comment", "not able to comment", "unable to comment", "no further comment"},
	zh: []string{"无可奉告", "不予置评", "不予评论", "不便透露", "不便评论", "不便回应", "不作回应", "不予回应", "暂不回应", "暂不评论", "不予回复",
		"不方便透露", "暂不方便", "不作评论", "不做回应", "不作任何回应"},
}

// SCCT diminish (minimisation).
var minimiseWords = words{
	en: []string{"isolated case*", "isolated incident*", "isolated event*", "isolated problem*", "a small number of", "a very small number", "very few", "only a few",
		"a handful of", "minor issue", "minor incident", "minor problem", "tiny fraction", "extremely rare", "overblown", "exaggerated",
		"blown out of proportion", "taken out of context", "no cause for alarm", "nothing to worry about", "no need to worry", "no need to panic", "not serious",
		"limited impact", "not a big deal", "one-off"},
	zh: []string{"个别现象", "个别情况", "个别案例", "个别事件", "个案", "极少数", "少量用户", "少数用户", "少量消费者", "少量顾客", "极个别", "偶发", "偶然事件", "小问题", "夸大", "被放大", "不必恐慌",
		"无需恐慌", "无需担心", "不必担心", "不用担心", "没什么大不了", "影响有限", "影响不大", "不必过度"},
}

// SCCT deny (attack the accuser). Always a threat when aimed at the public in
// so many words:
var legalThreatWords = words{
	en: []string{"sue anyone", "sue everyone", "sue those who", "sue people who", "sue all", "legal action against anyone",
		"legal action against those", "legal action against people", "legal action against everyone", "legal action against users",
		"reserve the right to take legal action", "reserve the right to take action", "reserve the right to sue", "reserve the right to pursue", "hold…legally liable",
		"hold…legally responsible", "legal consequences"},
	zh: []string{"保留…法律责任的权利", "保留追究", "保留起诉", "追究…转发", "追究…传播", "追究…散布", "追究…造谣", "追究…网友", "追究…消费者",
		"追究…任何人", "追究…所有", "追究…网民", "追究…博主", "后果自负"},
}

// … and a threat when one of these legal words shares a clause with a word for
// the public (legalTargets).
var legalWords = words{
	en: []string{"legal action", "sue", "lawsuit*", "legal liability", "legally liable", "legally responsible", "defamation", "libel",
		"lawyer's letter*", "lawyers' letter*", "cease and desist", "prosecut*", "take action against"},
	zh: []string{"追究法律责任", "法律责任", "法律手段", "起诉", "诉诸法律", "律师函", "依法追究", "诽谤", "追责"},
}

// A clause where one of these is negated spares the people it names.
var legalVerbs = words{
	en: []string{"sue", "sued", "pursue*", "legal action", "prosecut*", "go after", "take action"},
	zh: []string{"追究", "起诉", "追责"},
}

var legalTargets = words{
	en: []string{"anyone", "everyone", "those who", "people who", "users", "consumers", "customers", "netizens", "bloggers", "posters",
		"who spread*", "who share*", "who shared", "that shared", "that share*", "who post*", "who repost*", "repost*", "every account", "all accounts", "accounts that", "accounts which", "accounts spreading", "spreading", "sharing", "rumour*", "rumor*", "online"},
	zh: []string{"转发", "传播", "散布", "造谣", "网友", "博主", "消费者", "用户", "顾客", "任何人", "所有人", "一切", "谣言", "网民", "自媒体", "不实言论"},
}

// Speculation about the cause: CERC be right (say what you know, and that
// you do not know the rest yet).
var speculationWords = words{
	en: []string{"probably", "possibly", "perhaps", "might have", "may have been", "could have been", "we suspect", "we believe it was",
		"we think it was", "likely caused", "likely due", "most likely", "it seems", "it appears", "appears to have been", "presumably",
		"our guess"},
	zh: []string{"可能是因为", "可能是由于", "可能是", "可能由", "可能因", "估计是", "大概是", "应该是", "或许是", "也许是", "推测", "猜测", "怀疑是",
		"恐怕是", "多半是"},
}

// A hedge is not speculation when the same sentence cites evidence.
var evidenceWords = words{
	en: []string{"test result*", "tests show*", "testing show*", "lab result*", "laboratory", "confirmed", "found that", "analysis",
		"according to", "preliminary test*", "preliminary result*", "preliminary finding*", "initial findings", "evidence"},
	zh: []string{"检测结果", "化验结果", "检测显示", "化验显示", "初步调查", "初步判断", "初步检测", "调查显示", "调查发现", "经检测", "经化验", "证实", "根据",
		"证据", "监控显示"},
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
