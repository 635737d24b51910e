package rubric

import "testing"

// TestVersion13Rules checks each version 13 step and concept on sentences
// written for this test, in both languages, as TestVersion12Rules does for
// version 12. The sentences are new, not the corpus's.
func TestVersion13Rules(t *testing.T) {
	type line struct {
		lang, text string
		main       bool // version 12 gets it wrong
	}
	cases := []struct {
		name   string
		id     string
		passes bool // a credit passes / a penalty does not fire, in version 13
		lines  []line
	}{
		{"百分百 promises as 百分之百 does", "over-promise", false, []line{
			{"zh", "我们保证，今后每一趟车都百分百准点。", true},
			{"en", "We promise that every train will now run 100% on time.", false}}},
		{"百分百安全 reassures", "false-reassurance", false, []line{
			{"zh", "检测还没有结果，但我们的奶粉百分百安全。", true},
			{"zh", "检测还没有结果，但我们的奶粉百分之百安全。", true},
			{"en", "The tests are not back yet, but our formula is 100% safe.", false}}},
		{"still: 百分百 of what was done", "over-promise", true, []line{
			{"zh", "涉事批次已百分百下架。", false}}},
		{"the company a victim, words between", "victim", false, []line{
			{"zh", "我们也是这场网络攻击的受害者。", true},
			{"zh", "本公司同样是此次事故的受害方。", true},
			{"en", "We too are victims of this attack.", false}}},
		{"a number before its opening hours", "contact", true, []line{
			{"en", "Questions are answered on 0161 496 0720 (9am to 5pm).", true},
			{"en", "Questions are answered on 0161 496 0720 (9am to 5pm) or at greenfield.co.uk.", true}}},
		{"still: a date in brackets is no number", "contact", false, []line{
			{"en", "The report (2024) found 12 faults (3 serious).", false}}},
		{"a web address under .co.uk or .edu", "contact", true, []line{
			{"en", "Updates will be posted at harbourwater.co.uk as they come in.", true},
			{"zh", "最新情况将发布在harbourwater.co.uk。", true},
			{"en", "Students will find the new timetable at admissions.northgate.edu.", true}}},
		{"still: an abbreviation is no web address", "contact", false, []line{
			{"en", "The part was made in the U.K. and shipped in May.", false}}},
		{"concept: the reader may claim or register", "guidance", true, []line{
			{"en", "Households that lost food can claim the cost back until 30 June.", true},
			{"zh", "食物受损的家庭可以申请赔付，截止到6月30日。", true},
			{"en", "Families who rely on oxygen at home can register for priority help.", true},
			{"zh", "家中使用制氧机的家庭可登记优先保障。", true}}},
		{"concept: an appointment to book", "guidance", true, []line{
			{"en", "Parents can see the footage by appointment on 020 7946 0321.", true},
			{"zh", "家长可预约查看录像，预约电话020-7946-0321。", true}}},
	}
	for _, c := range cases {
		for _, l := range c.lines {
			ctx := Context{Lang: l.lang}
			r13, r12 := Judge(l.text, ctx), judgeAs(12, l.text, ctx)
			got13, got12 := checkPassed(r13, c.id), checkPassed(r12, c.id)
			if got13 != c.passes {
				t.Errorf("%s (%s): %s passed = %v in version 13, want %v: %q (%+v)", c.name, l.lang, c.id, got13, c.passes, l.text, checkOf(r13, c.id))
			}
			if l.main && got12 == c.passes {
				t.Errorf("%s (%s): version 12 already reads %q so (%s passed = %v); not a version 13 change", c.name, l.lang, l.text, c.id, got12)
			}
			if !l.main && got12 != got13 {
				t.Logf("%s (%s): version 12 read %q otherwise", c.name, l.lang, l.text)
			}
			checkInvariants(t, l.text, r13)
		}
	}
}
