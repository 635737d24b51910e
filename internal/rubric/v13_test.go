package rubric

import "testing"

// TestVersion13Rules checks each version 13 step and concept on sentences
// written for this test (not the corpus's), in both languages, as
// TestVersion10Rules does for version 10: a main sentence is judged wrongly
// by version 12 and rightly by version 13; the cases marked "still" are
// readings a step must leave alone.
func TestVersion13Rules(t *testing.T) {
	checkRules(t, 13, []ruleCase{
		{"百分百 promises as 百分之百 does", "over-promise", false, Context{}, []ruleLine{
			{"zh", "我们保证，今后每一趟车都百分百准点。", true},
			{"en", "We promise that every train will now run 100% on time.", false}}},
		{"百分百安全 reassures", "false-reassurance", false, Context{}, []ruleLine{
			{"zh", "检测还没有结果，但我们的奶粉百分百安全。", true},
			{"zh", "检测还没有结果，但我们的奶粉百分之百安全。", true},
			{"en", "The tests are not back yet, but our formula is 100% safe.", false}}},
		{"still: 百分百 of what was done", "over-promise", true, Context{}, []ruleLine{
			{"zh", "涉事批次已百分百下架。", false}}},
		{"the company a victim, words between", "victim", false, Context{}, []ruleLine{
			{"zh", "我们也是这场网络攻击的受害者。", true},
			{"zh", "本公司同样是此次事故的受害方。", true},
			{"en", "We too are victims of this attack.", false}}},
		{"a number before its opening hours", "contact", true, Context{}, []ruleLine{
			{"en", "Questions are answered on 0161 496 0720 (9am to 5pm).", true},
			{"en", "Questions are answered on 0161 496 0720 (9am to 5pm) or at greenfield.co.uk.", true}}},
		{"still: a date in brackets is no number", "contact", false, Context{}, []ruleLine{
			{"en", "The report (2024) found 12 faults (3 serious).", false}}},
		{"a web address under .co.uk or .edu", "contact", true, Context{}, []ruleLine{
			{"en", "Updates will be posted at harbourwater.co.uk as they come in.", true},
			{"zh", "最新情况将发布在harbourwater.co.uk。", true},
			{"en", "Students will find the new timetable at admissions.northgate.edu.", true}}},
		{"still: an abbreviation is no web address", "contact", false, Context{}, []ruleLine{
			{"en", "The part was made in the U.K. and shipped in May.", false}}},
		{"concept: the reader may claim or register", "guidance", true, Context{}, []ruleLine{
			{"en", "Households that lost food can claim the cost back until 30 June.", true},
			{"zh", "食物受损的家庭可以申请赔付，截止到6月30日。", true},
			{"en", "Families who rely on oxygen at home can register for priority help.", true},
			{"zh", "家中使用制氧机的家庭可登记优先保障。", true}}},
		{"concept: an appointment to book", "guidance", true, Context{}, []ruleLine{
			{"en", "Parents can see the footage by appointment on 020 7946 0321.", true},
			{"zh", "家长可预约查看录像，预约电话020-7946-0321。", true}}},
	})
}
