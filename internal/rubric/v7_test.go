package rubric

import (
	"testing"
)

// TestVersion7Rules checks each rule of version 7 on sentences written for
// this test (not taken from the corpus), in both languages: the rule and
// the reading it must leave alone.
func TestVersion7Rules(t *testing.T) {
	for _, c := range []struct {
		name, lang, text, id string
		fires                bool
	}{
		// Naming where the cause lies is attribution: "point to",
		// "traced … to", 指向, 追溯到 with another party after them, or a
		// party "involved" before.
		{"points to a supplier en", "en", "Our early checks point to a batch of flour from our supplier.", "blame", true},
		{"points to a supplier zh", "zh", "初步排查指向供应商提供的一批面粉。", "blame", true},
		{"traced to a courier en", "en", "We have traced the damage to the courier that handled the parcels.", "blame", true},
		{"traced to a courier zh", "zh", "问题已追溯到负责配送的快递公司。", "blame", true},
		{"partners involved en", "en", "In every case so far, third-party batteries were involved.", "blame", true},
		// … but not when it points at the team, is owned, or is asked.
		{"points to us en", "en", "Everything we have found points to our own cooling unit.", "blame", false},
		{"points to us zh", "zh", "目前的排查结果指向我们自己的冷库。", "blame", false},
		{"points, owned en", "en", "Our checks point to the supplier we chose, and choosing it was our job.", "blame", false},
		{"points, asked en", "en", "The inspectors will establish whether the evidence points to the supplier.", "blame", false},
		{"points to a place en", "en", "The readings point to a leak in the basement pipes.", "blame", false},
		// The team's own earlier words, taken back, are quoted, not said.
		{"retracted blame en", "en", "Yesterday we said the delays came from our logistics partner. That was wrong: the fault was in our own warehouse.", "blame", false},
		{"retracted blame zh", "zh", "昨天我们发帖说，延误出在物流合作方。这个说法是错的，问题出在我们自己的仓库。", "blame", false},
		{"retracted threat en", "en", "On Monday we threatened to sue everyone who shared the video. We withdraw that.", "legal-threat", false},
		{"retracted threat zh", "zh", "前天我们发声明说要起诉所有转发的网友，这句话我们收回。", "legal-threat", false},
		// … but words repeated, not taken back, still count.
		{"repeated blame en", "en", "As we said yesterday, the delays came from our logistics partner.", "blame", true},
		{"repeated blame zh", "zh", "正如我们昨天所说，延误出在物流合作方。", "blame", true},
		{"repeated threat en", "en", "We said we would sue everyone who shared the video, and we will.", "legal-threat", true},
		{"repeated denial en", "en", "Yesterday we said there was nothing wrong with the milk. It meets national standards.", "denial", true},
		{"said, not taken back en", "en", "Yesterday we said the delays were caused by our courier.", "blame", true},
		// "As usual" and "no need to change" while the hazard is open, in
		// Chinese as in English; not of wages, other medicines or a
		// channel.
		{"served as usual en", "en", "Lunch will be served as usual from tomorrow.", "false-reassurance", true},
		{"served as usual zh", "zh", "明天起午餐照常供应。", "false-reassurance", true},
		{"stay as usual zh", "zh", "在住宾客可照常入住。", "false-reassurance", true},
		{"no need to change en", "en", "There is no need to change how you feed your dog.", "false-reassurance", true},
		{"no need to change zh", "zh", "狗狗的日常喂养不必做任何调整。", "false-reassurance", true},
		{"wages as usual zh", "zh", "停业期间员工工资照常发放。", "false-reassurance", false},
		{"other medicines zh", "zh", "请停服这盒药，其他药物请照常服用。", "false-reassurance", false},
		{"hotline as usual zh", "zh", "客服热线照常接听。", "false-reassurance", false},
		// A scapegoat ruled out is not blamed; a causal clause that
		// describes the party it ends on does not blame it.
		{"not a temp en", "en", "The fault lies at head office, not with a temporary worker.", "blame", false},
		{"not a temp zh", "zh", "根子在总部，不在哪一个临时工身上。", "blame", false},
		{"a temp blamed zh", "zh", "这是一名临时工的个人行为。", "blame", true},
		{"parents described zh", "zh", "我们会给因为担心而扔掉奶瓶的家长免费补发。", "blame", false},
		{"parents as topic zh", "zh", "因为恐慌扔掉奶瓶的家长，我们来补发。", "blame", false},
		{"supplier blamed zh", "zh", "这次问题是由于供应商的原料不合格。", "blame", true},
		{"described courier blamed zh", "zh", "由于负责配送的快递公司操作失误，包裹延误了。", "blame", true},
		// Lawyers against accounts, and whoever, in Chinese as "lawyers"
		// and "every account" were in English; a lawyer on a panel is not
		// a threat.
		{"lawyers on accounts en", "en", "From today, every account that keeps spreading it will hear from our lawyers.", "legal-threat", true},
		{"lawyers on accounts zh", "zh", "今天之后，任何继续传播它的账号，我们已委托律师固定证据。", "legal-threat", true},
		{"whoever zh", "zh", "材料已交给律师，谁伸手，谁就得承担法律责任。", "legal-threat", true},
		{"lawyer on a panel en", "en", "Disputes will be settled by a panel of doctors, lawyers and consumer representatives.", "legal-threat", false},
		{"lawyer on a panel zh", "zh", "有异议的，由医生、律师和消费者代表组成的小组裁定。", "legal-threat", false},
		// Regret for how others feel or fared is not an apology, in
		// English as 表示遗憾 was in Chinese; regret for the error is thin,
		// not evasive.
		{"regret inconvenience en", "en", "We sincerely regret the inconvenience caused.", "non-apology", true},
		{"regret that they feel en", "en", "We regret that our partner feels its name was damaged.", "non-apology", true},
		{"regret zh", "zh", "对于合作方认为其声誉受到影响，我们表示遗憾。", "non-apology", true},
		{"regret the error en", "en", "We regret the error and have corrected every claim.", "non-apology", false},
		// The company as a victim too, by name.
		{"victim too en", "en", "Like our shoppers, the company was a victim too.", "victim", true},
		{"victim too zh", "zh", "和消费者一样，公司也是受害者。", "victim", true},
		// Dining and staying "with complete confidence" are keeping on
		// using, in English as 放心来店用餐 was in Chinese.
		{"dine with confidence en", "en", "Customers can continue to dine with us with complete confidence.", "false-reassurance", true},
		{"dine with confidence zh", "zh", "顾客可以放心来店用餐。", "false-reassurance", true},
		// A claim right before 后 is a condition: once it passes.
		{"once it passes zh", "zh", "连续两次检测均合格后，方解除本通告。", "denial", false},
		{"once it passes en", "en", "The notice will be lifted only after two tests in a row meet the standard.", "denial", false},
		{"it passed zh", "zh", "其他批次检测均合格。", "denial", true},
		// Over a hundred per cent in words, as 百分之百.
		{"a hundred per cent en", "en", "We are giving this a hundred and ten per cent.", "over-promise", true},
		{"a hundred per cent zh", "zh", "我们百分之百投入。", "over-promise", true},
		// Paying the bills (由我们承担) is not owning the fault: staff
		// blamed beside it are still scapegoats.
		{"staff blamed, bills paid en", "en", "A few employees did not follow company procedures. We will pay every medical bill.", "blame", true},
		{"staff blamed, bills paid zh", "zh", "经调查，个别员工未按公司规定操作。医疗费用由我们承担。", "blame", true},
		{"staff named, fault owned zh", "zh", "个别员工未按公司规定操作，但这是我们的责任。", "blame", false},
		// Counsel's polite silence about the facts at large is "no
		// comment", facts elsewhere or not; a hold until a stated time is
		// not.
		{"not appropriate en", "en", "As the matter is before the regulator, it would not be appropriate for the company to go into the facts. Batch 12 was recalled on 3 May.", "no-comment", true},
		{"nothing further en", "en", "Batch 12 was recalled on 3 May. The company will have nothing further to add until the inquiry ends.", "no-comment", true},
		{"not appropriate zh", "zh", "鉴于此事已进入调查程序，公司不宜对外发表任何评论。5月3日起已召回12个批次。", "no-comment", true},
		{"hold until a time en", "en", "We won't say more until the lab results are in, which we expect by 6 p.m. on 3 May. 120 bottles were tested.", "no-comment", false},
		{"hold until a time zh", "zh", "结果出来之前，我们不作进一步说明，预计5月3日18:00前公布，共送检120瓶。", "no-comment", false},
	} {
		r := Judge(c.text, Context{Lang: c.lang})
		got := check(r, c.id)
		if got.ID != c.id || !got.Passed != c.fires {
			t.Errorf("%s: %s fired = %v, want %v (%+v)", c.name, c.id, !got.Passed, c.fires, got)
		}
		checkInvariants(t, c.text, r)
	}
	if Version < 7 {
		t.Errorf("Version %d, want 7 or later", Version)
	}
}
