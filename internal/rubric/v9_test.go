package rubric

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

// testLists keeps the word lists made for each config the tests judge
// with.
var testLists sync.Map

// judgeWithSteps judges text with version 9's steps and concepts as cfg
// says (cfg.batch: "" all concepts on, "*" all off, a batch name only
// that batch's off).
func judgeWithSteps(cfg config, text string, ctx Context) Result {
	l, ok := testLists.Load(cfg)
	if !ok {
		l, _ = testLists.LoadOrStore(cfg, newLists(&cfg))
	}
	return judgeWith(l.(*wordLists), text, ctx)
}

// firstStep is the first step each version added.
var firstStep = map[int]int{9: v9Concepts, 10: firstV10, 11: firstV11, 12: firstV12, 13: firstV13, 14: firstV14, 15: firstV15, 16: firstV16, 17: firstV17, 18: firstV18, 19: firstV19, 20: firstV20, 21: firstV21, 22: firstV22, 23: firstV23, 24: firstV24}

// judgeAs judges text as version v (8 or later) did: the steps and
// concepts later versions added are off.
func judgeAs(v int, text string, ctx Context) Result {
	if v >= Version {
		return Judge(text, ctx)
	}
	cfg := config{version: v}
	for i := firstStep[v+1]; i <= nSteps; i++ {
		cfg.off[i] = true
	}
	return judgeWithSteps(cfg, text, ctx)
}

// TestConcepts keeps the concept table aligned: every concept has forms in
// both languages, a check that exists, and the batches that motivated it.
func TestConcepts(t *testing.T) {
	for _, c := range concepts {
		if len(c.en) == 0 || len(c.zh) == 0 {
			t.Errorf("%s %q: a concept needs English and Chinese forms", c.check, c.what)
		}
		if c.check != "next-update" && def(c.check) == nil {
			t.Errorf("%q: no check %s", c.what, c.check)
		}
		if len(c.from) == 0 {
			t.Errorf("%q: name the batches whose pairs showed it missing", c.what)
		}
	}
	for step := v9Concepts + 1; step <= nSteps; step++ {
		if len(stepFrom[step]) == 0 {
			t.Errorf("step %d: no motivating batch recorded", step)
		}
	}
}

// TestVersion9Rules checks each version 9 step on sentences written for
// this test, in both languages. A main sentence is judged wrongly by
// version 8 (every step off) and rightly by version 9; the other
// language's sentence says the same and must come out the same in
// version 9 (parity), whether or not version 8 already read it so.
func TestVersion9Rules(t *testing.T) {
	checkRules(t, 9, []ruleCase{
		{"concept: a flaw is a cause", "cause", true, Context{}, []ruleLine{
			{"en", "The flaw was in the firmware of our S3 locks.", true},
			{"zh", "漏洞出在我们S3门锁的固件里。", false}}},
		{"concept: the next notice", "next-update", true, Context{}, []ruleLine{
			{"en", "Next notice: 18:00, 7 November.", true},
			{"zh", "下一次公告：11月7日18:00。", true}}},
		{"concept: the affected people", "concern", true, Context{}, []ruleLine{
			{"en", "Every affected guest gets a letter from us today.", true},
			{"zh", "受影响用户今天会收到我们的信。", true}}},
		{"concept: checks on samples", "actions", true, Context{}, []ruleLine{
			{"en", "We have carried out spot checks at every store.", true},
			{"zh", "我们已对每一家门店进行抽查。", true}}},
		{"concept: whoever can", "guidance", true, Context{}, []ruleLine{
			{"en", "Whoever has bought one can get a full refund at any store.", true},
			{"zh", "已经购买的，可到任意门店办理全额退款。", true}}},
		{"concept: published or told again", "next-update", true, Context{}, []ruleLine{
			{"en", "I will write to you again on Friday with what the police have told us.", true},
			{"zh", "周五我会再给大家写信，说明警方告诉我们的情况。", true}}},
		{"sense: the questions asked most", "concern", false, Context{}, []ruleLine{
			{"zh", "每周一我们会在本页面解答大家最关心的问题。", true},
			{"en", "Every Monday we will answer the questions asked most on this page.", false}}},
		{"sense: hardly noticed", "concern", false, Context{}, []ruleLine{
			{"zh", "大多数玩家几乎感受不到差别。", true},
			{"en", "Most players will hardly notice a difference.", false}}},
		{"when it is safe", "false-reassurance", true, Context{}, []ruleLine{
			{"en", "If the warning light comes on, stop when it is safe and call us.", true},
			{"zh", "警告灯亮起时，请在安全处停车并联系我们。", false}}},
		{"a claim qualified by a remaining risk", "false-reassurance", true, Context{}, []ruleLine{
			{"en", "Vaccines kept too warm are harmless, but they may not protect as well as they should.", true},
			{"zh", "存放温度过高的疫苗不会对身体造成危害，但保护效果可能打折扣。", true}}},
		{"no return beside a refund", "false-reassurance", true, Context{}, []ruleLine{
			{"en", "All 3,870 orders will be refunded in full, and there is no need to return the product.", true},
			{"zh", "全部3870笔订单将全额退款，无需退货。", true}}},
		{"no need to return, no refund", "false-reassurance", false, Context{}, []ruleLine{
			{"en", "There is no need to return the product; you can keep using it.", false},
			{"zh", "无需退货，可以继续使用。", false}}},
		{"someone is a party with intent", "blame", true, Context{}, []ruleLine{
			{"en", "Four bottles went in the bin because of a report someone forged.", true},
			{"zh", "因为一份别人伪造的报告，您扔掉了四个奶瓶。", false}}},
		{"someone with intent still blamed", "blame", false, Context{}, []ruleLine{
			{"en", "The contamination was caused by someone deliberately tampering with the bottles.", false},
			{"zh", "这次污染是有人恶意投毒所致。", false}}},
		{"a hedged effect", "speculation", true, Context{}, []ruleLine{
			{"zh", "其中一个漏洞可能让持有外包商旧账号的人读取通话录音。", true},
			{"en", "One of them could let someone with an old vendor login read call recordings.", false}}},
		{"a hedged cause is still a guess", "speculation", false, Context{}, []ruleLine{
			{"zh", "问题可能出在外包商的迁移作业上。", false},
			{"en", "The problem may have been caused by the vendor's migration work.", false}}},
		{"a victim's word raised as a possibility", "victim", true, Context{}, []ruleLine{
			{"zh", "初步判断可能与供电有关，现阶段不排除遭到网络攻击的可能。", true},
			{"en", "It could be linked to a power issue, and we can't rule out an online attack at this stage.", false}}},
		{"durations are not counts", "facts", false, Context{}, []ruleLine{
			{"en", "Every customer will be home within 24 hours and get ten times the fare back.", true},
			{"zh", "所有游客将在24小时内回国，并获得十倍赔偿。", false}}},
		{"如 alone opens a condition", "non-apology", false, Context{}, []ruleLine{
			{"zh", "如广告画面让部分消费者感到不适，我们深表歉意。", true},
			{"en", "If anyone felt hurt by the imagery, we sincerely apologise.", false}}},
		{"如何 is no condition", "non-apology", true, Context{}, []ruleLine{
			{"zh", "如何弥补是我们的责任，我们深表歉意。", false},
			{"en", "How to put this right is our job, and we sincerely apologise.", false}}},
		{"never our intention", "non-apology", false, Context{}, []ruleLine{
			{"zh", "我们从未有意冒犯任何人。", true},
			{"en", "It was never our intention to cause offence.", false}}},
		{"blame on the whole industry", "blame", false, Context{}, []ruleLine{
			{"en", "Scam calls are sadly a problem across the whole industry.", true},
			{"zh", "诈骗电话是全行业普遍面临的问题。", false}}},
	})
}

func checkPassed(r Result, id string) bool {
	for _, c := range r.Checks {
		if c.ID == id {
			return c.Passed
		}
	}
	return false
}

func checkOf(r Result, id string) Check {
	for _, c := range r.Checks {
		if c.ID == id {
			return c
		}
	}
	return Check{}
}

// ruleLine is a sentence of a version's rule test, in one language; main:
// the version before reads it wrongly.
type ruleLine struct {
	lang, text string
	main       bool
}

// ruleCase is one reading a version added: the check it concerns, whether
// that check passes on every line in the version (a credit passes, a
// penalty does not fire), and the context the lines are judged in.
type ruleCase struct {
	name   string
	id     string
	passes bool
	ctx    Context
	lines  []ruleLine
}

// checkRules judges every line with version v and the version before: v
// must read each line as its case says (the other language's line says
// the same, so this is parity too), and the version before must read each
// main line otherwise, or the reading is not v's.
func checkRules(t *testing.T, v int, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		for _, l := range c.lines {
			ctx := c.ctx
			ctx.Lang = l.lang
			now, before := judgeAs(v, l.text, ctx), judgeAs(v-1, l.text, ctx)
			got, gotBefore := checkPassed(now, c.id), checkPassed(before, c.id)
			if got != c.passes {
				t.Errorf("%s (%s): %s passed = %v in version %d, want %v: %q (%+v)", c.name, l.lang, c.id, got, v, c.passes, l.text, checkOf(now, c.id))
			}
			if l.main && gotBefore == c.passes {
				t.Errorf("%s (%s): version %d already reads %q so (%s passed = %v); not a version %d change", c.name, l.lang, v-1, l.text, c.id, gotBefore, v)
			}
			checkInvariants(t, l.text, now)
		}
	}
}

// batchShort is the name a batch goes by in stepFrom and concept.from.
func batchShort(b string) string { return strings.TrimPrefix(b, "heldout-") }

// TestCorpusLeaveOneBatchOut judges each batch without the steps and
// concepts (of versions 9 and later) its own pairs motivated, and reports
// τ-c per batch and language and parity per batch, against the version
// before this one (this version's steps off) and this version (all on):
// what the steps do on text they were not made for. It fails if, all on,
// this version is not nearer parity than the one before.
func TestCorpusLeaveOneBatchOut(t *testing.T) {
	es := loadCorpus(t)
	var batches []string
	for _, e := range es {
		if !slices.Contains(batches, e.Batch) {
			batches = append(batches, e.Batch)
		}
	}
	slices.Sort(batches)
	prev, cur, lobo := map[string]Result{}, map[string]Result{}, map[string]Result{}
	for _, e := range es {
		prev[e.ID] = judgeAs(Version-1, e.Text, e.context())
	}
	for _, e := range es {
		cur[e.ID] = judgeEntry(e)
	}
	for _, b := range batches {
		cfg := config{batch: batchShort(b)}
		for step, from := range stepFrom {
			cfg.off[step] = slices.Contains(from, cfg.batch)
		}
		for _, e := range es {
			if e.Batch == b {
				lobo[e.ID] = judgeWithSteps(cfg, e.Text, e.context())
			}
		}
	}
	type figures struct {
		tauEn, tauZh, gap float64
		wide, pairs       int
	}
	measure := func(rs map[string]Result, batch string) figures {
		var f figures
		for _, lang := range []string{"en", "zh"} {
			var pe []corpusEntry
			var pr []Result
			for _, e := range es {
				if e.Lang == lang && (batch == "" || e.Batch == batch) {
					pe, pr = append(pe, e), append(pr, rs[e.ID])
				}
			}
			if lang == "en" {
				f.tauEn = agree(pe, pr).tauC
			} else {
				f.tauZh = agree(pe, pr).tauC
			}
		}
		for _, p := range enZhPairs(es) {
			if batch != "" && p.en.Batch != batch {
				continue
			}
			g := math.Abs(rs[p.en.ID].Overall - rs[p.zh.ID].Overall)
			f.gap += g
			f.pairs++
			if g > MaxPairGap {
				f.wide++
			}
		}
		if f.pairs > 0 {
			f.gap /= float64(f.pairs)
		}
		return f
	}
	show := func(f figures) string {
		return fmt.Sprintf("en %.3f zh %.3f parity %.1f/%d of %d", f.tauEn, f.tauZh, f.gap, f.wide, f.pairs)
	}
	var sumEn, sumZh [3]float64
	for _, b := range batches {
		a, c, l := measure(prev, b), measure(cur, b), measure(lobo, b)
		sumEn[0], sumEn[1], sumEn[2] = sumEn[0]+a.tauEn, sumEn[1]+c.tauEn, sumEn[2]+l.tauEn
		sumZh[0], sumZh[1], sumZh[2] = sumZh[0]+a.tauZh, sumZh[1]+c.tauZh, sumZh[2]+l.tauZh
		t.Logf("%-16s v%d %s | v%d %s | left out %s", b, Version-1, show(a), Version, show(c), show(l))
	}
	n := float64(len(batches))
	a, c, l := measure(prev, ""), measure(cur, ""), measure(lobo, "")
	t.Logf("all: v%d %s | v%d %s | left out %s", Version-1, show(a), Version, show(c), show(l))
	t.Logf("mean τ-c over %d batches: v%d en %.3f zh %.3f | v%d en %.3f zh %.3f | left out en %.3f zh %.3f",
		len(batches), Version-1, sumEn[0]/n, sumZh[0]/n, Version, sumEn[1]/n, sumZh[1]/n, sumEn[2]/n, sumZh[2]/n)
	if os.Getenv("FIREBREAK_CORPUS_LOBO") != "" {
		for _, e := range es {
			if lobo[e.ID].Overall != cur[e.ID].Overall {
				t.Logf("left out moves %s: before %.1f now %.1f left out %.1f", e.ID, prev[e.ID].Overall, cur[e.ID].Overall, lobo[e.ID].Overall)
			}
		}
	}
	if os.Getenv("FIREBREAK_CORPUS_LOBO") != "" {
		for _, p := range enZhPairs(es) {
			k := p.name
			g9 := math.Abs(prev[p.en.ID].Overall - prev[p.zh.ID].Overall)
			gl := math.Abs(lobo[p.en.ID].Overall - lobo[p.zh.ID].Overall)
			if math.Abs(gl-g9) >= 3 {
				t.Logf("pair %s: gap before %.1f, left out %.1f (en %.1f zh %.1f): %s", k, g9, gl, lobo[p.en.ID].Overall, lobo[p.zh.ID].Overall, pairDiff(lobo[p.en.ID], lobo[p.zh.ID]))
			}
		}
	}
	// The steps must hold on the data they were made on: all on, this
	// version is nearer parity than the one before (left out, it need not
	// be; see docs/rubric.md).
	if c.gap >= a.gap || c.wide >= a.wide {
		t.Errorf("version %d is not nearer parity than version %d: %s against %s", Version, Version-1, show(c), show(a))
	}
}
