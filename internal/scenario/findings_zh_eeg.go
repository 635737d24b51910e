package scenario

// findingsZhEEG are the Chinese words of the evaluation guides' findings
// (eeg.go), added to findingsZh.
var findingsZhEEG = map[string]string{
	"%s names a capability but no targets; list its capability targets, each with its critical tasks": "%s 写了 capability，却没有 targets；请列出能力目标，每个目标附上关键任务",
	"%s has targets but no capability; name the capability they are targets of":                       "%s 有 targets，却没有 capability；请写明这些目标所属的能力",
	"targets of %s must be a list of at least one capability target ({text: …, tasks: …})":            "%s 的 targets 必须是至少包含一个能力目标的列表（{text: …, tasks: …}）",
	"%s has %d capability targets; an objective may have at most %d":                                  "%s 有 %d 个能力目标；一个演练目标最多只能有 %d 个",
	"capability target %d of %s": "%[2]s 的第 %[1]d 个能力目标",
	"%s needs a text: what good looks like, as something that can be measured": "%s 需要 text：以可衡量的方式写明做到什么程度才算好",
	"%s lists no critical tasks; add tasks: with at least one":                 "%s 没有列出关键任务；请在 tasks: 下至少写一项",
	"%s has %d critical tasks; a capability target may have at most %d":        "%s 有 %d 项关键任务；一个能力目标最多只能有 %d 项",
	"critical task":    "关键任务",
	"critical task %q": "关键任务 %q",
	"%s needs a text: the action, as an evaluator would tick it":                                             "%s 需要 text：写明评估员打勾时所看的那个行动",
	"%s needs 'observe': what the engine sees (decision, reply, deadline, post or press) or 'evaluator'":     "%s 需要 'observe'：写明系统能观察到的内容（decision、reply、deadline、post 或 press），或写 'evaluator'",
	"observe of %s must be 'evaluator' or a mapping such as {decision: …, options: […]}, not %q":             "%s 的 observe 必须是 'evaluator'，或 {decision: …, options: […]} 这样的映射，而不是 %q",
	"%s must name exactly one of decision, reply, deadline, post or press (it names %d)":                     "%s 必须在 decision、reply、deadline、post、press 中恰好写一项（现在写了 %d 项）",
	"%s: a team posts on %v (or write any), not %q%s":                                                        "%s：小组可以在 %v 上发布（或写 any），而不是 %q%s",
	"%s: options go with decision":                                                                           "%s：options 只能与 decision 一起用",
	"%s: after goes with post":                                                                               "%s：after 只能与 post 一起用",
	"%s: within goes with decision, reply or post":                                                           "%s：within 只能与 decision、reply 或 post 一起用",
	"%s: within must be longer than zero":                                                                    "%s：within 必须大于零",
	"%s: a deadline has no text for the judge to read; %s goes with decision, reply, post or press":          "%s：截止时间没有可供评判器阅读的文字；%s 只能与 decision、reply、post 或 press 一起用",
	"critical task id %q is used twice (first at line %d); critical task ids must be unique in the scenario": "关键任务 id %q 用了两次（第一次在第 %d 行）；关键任务 id 在情景中必须唯一",
	"%s observes decision %q, which does not exist%s":                                                        "%s 观察的决策 %q 不存在%s",
	"%s names option %q, which decision %q does not have":                                                    "%s 写的选项 %q 不是决策 %q 的选项",
	"%s asks what the judge finds, but decision %q asks for no written statement":                            "%s 要求评判器的结论，但决策 %q 并不要求书面声明",
	"%s observes the reply to inject %q, which is not an inject that asks for a reply%s":                     "%s 观察对注入 %q 的回复，但该注入并不要求回复%s",
	"%s observes deadline %q, which is not declared under deadlines%s":                                       "%s 观察的截止时间 %q 没有在 deadlines 下声明%s",
	"%s observes a post, but the scenario has no feed for teams to post on":                                  "%s 观察小组发布的内容，但情景没有舆情（feed），小组无处发布",
	"%s counts posts after inject %q, which does not exist%s":                                                "%s 只计算注入 %q 之后的发布，但该注入不存在%s",
	"%s observes press conference %q, which does not exist%s":                                                "%s 观察的新闻发布会 %q 不存在%s",
}

func init() {
	for k, v := range findingsZhEEG {
		findingsZh[k] = v
	}
}
