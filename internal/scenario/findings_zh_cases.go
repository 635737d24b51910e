package scenario

// findingsZhCases are the Chinese words of the customer cases' findings
// (cases.go), added to findingsZh.
var findingsZhCases = map[string]string{
	"a scenario may have at most %d cases": "一个情景最多只能有 %d 个客户个案",
	"case":                                 "客户个案",
	"case %q":                              "客户个案 %q",
	"%s: a case's deadline must be from %s to %s, not %s": "%s：个案的处理时限必须在 %s 到 %s 之间，而不是 %s",
	"remedy":          "补救方案",
	"remedy %q of %s": "%[2]s 的补救方案 %[1]q",
	"%s: fit %q is not one of good, partial, poor%s":                                                                                                                  "%s：适配度 %q 不是 good、partial、poor 之一%s",
	"%s has %d remedies; a case needs from %d to %d, so the team has a real choice":                                                                                   "%s 有 %d 个补救方案；每个个案需要 %d 到 %d 个，小组才有真正的选择",
	"case %q reaches the team in phase %q, which does not exist%s":                                                                                                    "客户个案 %q 在阶段 %q 找上小组，但该阶段不存在%s",
	"case %q reaches the team in ending phase %q; a team stops playing when it reaches an ending":                                                                     "客户个案 %q 在结局阶段 %q 找上小组；小组一进入结局就停止演练",
	"case %q arrives %s after its phase begins, but the scenario lasts %s":                                                                                            "客户个案 %q 在所在阶段开始 %s 后才到达，但情景只持续 %s",
	"the reply to case %q requires fact %q, which is not declared under facts%s":                                                                                      "客户个案 %q 的回复要求事实 %q，但它未在 facts 下声明%s",
	"case %q has no remedy with fit good; give the customer at least one remedy that serves them":                                                                     "客户个案 %q 没有适配度为 good 的补救方案；请至少给这位客户一个真正对症的方案",
	"no-dilemma: every remedy of case %q fits well; make at least one partial or poor so the choice means something":                                                  "无两难（no-dilemma）：客户个案 %q 的每个补救方案都很合适；请至少让一个方案为 partial 或 poor，选择才有意义",
	"longest-best: remedy %q, a good fit for case %q, is also its longest label in %q; teams learn to pick the longest text, so make the labels comparable in length": "最长即最佳（longest-best）：补救方案 %[1]q 是客户个案 %[2]q 的合适方案，在 %[3]q 中又恰好是最长的；小组会学会挑最长的选项，请让各方案的文字长度相近",
}

func init() {
	for k, v := range findingsZhCases {
		findingsZh[k] = v
	}
}
