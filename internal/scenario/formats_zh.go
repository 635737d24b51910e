package scenario

// formatsZh is the Chinese of the findings about cuts, difficulty and
// hostile injects (formats.go), added to findingsZh.
var formatsZh = map[string]string{
	"cut":    "版本",
	"cut %q": "版本 %q",
	"cut id %q is the whole scenario; give the cut another id":                                                                                       "版本 id %q 指完整情景；请给这个版本另取一个 id",
	"%s needs a title, the name the facilitator chooses it by":                                                                                       "%s 需要 title，主持人凭它选择这个版本",
	"%s needs 'minutes', how long it lasts":                                                                                                          "%s 需要 'minutes'，即它持续多少分钟",
	"minutes of %s must be a whole number of minutes from 1 to %d, not %q":                                                                           "%s 的 minutes 必须是 1 到 %d 之间的整数分钟，而不是 %q",
	"time of %s multiplies every time of the scenario; it must be from %g to %g, not %g":                                                             "%s 的 time 会乘以情景中的每个时间；它必须在 %g 到 %g 之间，而不是 %g",
	"%s drops phase %q twice":                                                                                                                        "%s 把阶段 %q 去掉了两次",
	"difficulty %q":                                                                                                                                  "难度 %q",
	"%s of %s multiplies the scenario's own; it must be from %g to %g, not %g":                                                                       "%[2]s 的 %[1]s 会乘以情景自身的数值；它必须在 %[3]g 到 %[4]g 之间，而不是 %[5]g",
	"%s of %s is %g, which makes easy harder than standard (1): easy gives more time and fewer posts":                                                "%[2]s 的 %[1]s 为 %[3]g，这会让简单比标准（1）更难：简单难度应给更多时间、更少帖子",
	"%s of %s is %g, which makes hard easier than standard (1): hard gives less time and more posts":                                                 "%[2]s 的 %[1]s 为 %[3]g，这会让困难比标准（1）更容易：困难难度应给更少时间、更多帖子",
	"inject %q is hostile, so easy difficulty leaves it out, but it opens decision %q; a decision is never left out":                                 "注入 %q 标为敌意注入，简单难度会去掉它，但它会打开决策 %q；决策永远不能被去掉",
	"inject %q is hostile, so easy difficulty leaves it out, but a regulatory deadline starts with it":                                               "注入 %q 标为敌意注入，简单难度会去掉它，但有一个监管时限从它开始计时",
	"cut %q at %s difficulty: %s":                                                                                                                    "版本 %q 在 %s 难度下：%s",
	"cut %q at %s difficulty cannot fit its %d minutes: in phase %q nothing makes the team move on, so it may wait until time runs out":              "版本 %q 在 %s 难度下无法在 %d 分钟内完成：阶段 %q 中没有任何事情迫使小组继续推进，小组可能一直等到时间用完",
	"cut %q at %s difficulty cannot fit its %d minutes: a team that waits for every deadline plays %s (through %s); shorten its time or drop phases": "版本 %q 在 %s 难度下无法在 %d 分钟内完成：每个决策都等到截止时间的小组要演练 %s（经过 %s）；请缩短它的 time 或去掉一些阶段",
	"cut %q drops phase %q, which does not exist%s":                                                                                                  "版本 %q 去掉的阶段 %q 不存在%s",
	"cut %q drops phase %q, where every team starts":                                                                                                 "版本 %q 去掉了阶段 %q，而每个小组都从这里开始",
	"cut %q says where a move into phase %q goes instead, but it does not drop %q":                                                                   "版本 %q 写明了进入阶段 %q 的转移改去哪里，但它并没有去掉 %q",
	"cut %q sends moves into phase %q to phase %q, which does not exist%s":                                                                           "版本 %q 把进入阶段 %q 的转移改到阶段 %q，但该阶段不存在%s",
	"cut %q sends moves into phase %q to phase %q, which it drops too":                                                                               "版本 %q 把进入阶段 %q 的转移改到阶段 %q，但它也去掉了该阶段",
	"cut %q drops phase %q, which kept phase %q (line %d) leads to; keep it, or say where such a move goes: instead: {%s: …}":                        "版本 %q 去掉了阶段 %q，但保留的阶段 %q（第 %d 行）会转到它；请保留它，或写明这种转移改去哪里：instead: {%s: …}",
}

func init() {
	for k, v := range formatsZh {
		findingsZh[k] = v
	}
}
