package rubric

import "testing"

// TestVersion15Rules checks version 15's steps on sentences written for
// this test (not the corpus's), in both languages: a main sentence is
// judged wrongly by version 14 and rightly by version 15; the cases marked
// "still" are readings the version must leave alone.
func TestVersion15Rules(t *testing.T) {
	checkRules(t, 15, []ruleCase{
		{"a hedge before what the product can do", "speculation", true, Context{}, []ruleLine{
			{"zh", "部分电热毯的温控器由供应商提供，在长时间使用时可能过热。", true},
			{"zh", "问题出在一批密封圈上：它在高压下可能破裂。", true},
			{"en", "The thermostat, made by our supplier, might overheat after hours of use.", true}}},
		{"still: a hedge before where the fault came from", "speculation", false, Context{}, []ruleLine{
			{"zh", "问题可能出在供应商的运输环节。", false},
			{"en", "The fault might have come from our supplier's warehouse.", false}}},
		{"keep on using, any verb of use", "false-reassurance", false, Context{}, []ruleLine{
			{"en", "You can carry on enjoying the yoghurts you have at home.", true},
			{"en", "There is no need to stop wearing the helmets you already own.", false},
			{"zh", "家里已有的头盔不必停用。", true},
			{"zh", "已经买到的口罩可以继续佩戴。", true},
			{"en", "There is no risk in drinking it.", true}}},
		{"still: stop using it", "false-reassurance", true, Context{}, []ruleLine{
			{"en", "Please stop wearing the helmets until they are checked.", false},
			{"zh", "请不要继续佩戴这批头盔。", false}}},
		{"what ought to have been is no reassurance", "false-reassurance", true, Context{}, []ruleLine{
			{"zh", "这个房间本应是安全的。", true},
			{"en", "This room should have been safe.", false}}},
		{"still: a plain claim of safety", "false-reassurance", false, Context{}, []ruleLine{
			{"zh", "校车是安全的。", false},
			{"en", "The bus is safe.", false}}},
		{"a risk denied to people is said of the hazard", "false-reassurance", false, Context{}, []ruleLine{
			{"zh", "周边居民不存在任何风险，无需关窗。", true},
			{"en", "Residents are at no risk and do not need to close their windows.", true}}},
		{"still: people reported safe", "false-reassurance", true, Context{}, []ruleLine{
			{"en", "All 40 passengers are safe and back on shore.", false},
			{"zh", "40名乘客都是安全的，已全部上岸。", false}}},
		{"whoever, with nothing to do", "guidance", false, Context{}, []ruleLine{
			{"en", "Anyone who has not replied by Friday will be given a new seat.", true},
			{"en", "There are hotel rooms tonight for anyone who needs one.", true}}},
		{"still: whoever, told what to do", "guidance", true, Context{}, []ruleLine{
			{"en", "Anyone who has not replied by Friday can call us on 0800 123 4567.", false},
			{"en", "Anyone with symptoms should see a doctor.", false}}},
		{"a heading names this statement", "next-update", false, Context{}, []ruleLine{
			{"en", "Update on the chairlift, Saturday 14 February\n\nThe chairlift stopped at 11:20 and everyone is now off it.", true},
			{"zh", "关于缆车停运的最新情况（2月14日）\n\n缆车于11:20停运，所有乘客均已撤离。", true}}},
		{"a label before a colon names this statement", "next-update", false, Context{}, []ruleLine{
			{"en", "Alder Road, 06:30 update: the gas leak at no. 14 is now sealed and 38 homes are off supply.", true},
			{"zh", "柳荫路最新情况（6:30）：14号燃气泄漏已封堵，38户暂停供气。", true}}},
		{"an update already made", "next-update", false, Context{}, []ruleLine{
			{"en", "The inspectors' report, issued on Thursday, found no waste oil in any kitchen.", true},
			{"en", "Between 7:12 and 7:58 a fault in an update showed customers other people's balances.", true},
			{"zh", "8月2日上线的系统更新存在缺陷，导致座位被重复售出。", true}}},
		{"still: an update to come", "next-update", true, Context{}, []ruleLine{
			{"en", "Next update: 6 p.m. today, on this page.", false},
			{"en", "We'll call you on Friday to tell you the results.", false},
			{"zh", "3月8日前，我们将发布调查结果。", false}}},
		{"still: an update promised in the text", "next-update", true, Context{}, []ruleLine{
			{"en", "About the chairlift\n\nThe chairlift stopped at 11:20. We will post an update at 6 p.m. today.", false},
			{"zh", "关于缆车停运\n\n缆车于11:20停运。我们将于今天18:00发布最新情况。", false}}},
		{"a relative clause says what a thing was", "denial", true, Context{}, []ruleLine{
			{"en", "The logbook shows monthly inspections that, we now know, never happened.", true},
			{"en", "We paid for safety checks which never happened.", true}}},
		{"still: denying the incident", "denial", false, Context{}, []ruleLine{
			{"en", "The leak never happened.", false},
			{"en", "The truth is that it never happened.", false}}},
		{"a suspension that means nothing yet", "blame", true, Context{}, []ruleLine{
			{"zh", "接到报告的职工已停职接受调查，停职不代表已作出任何结论。", true},
			{"en", "The member of staff has been suspended during the inquiry; this does not represent a finding against them.", false}}},
		{"still: staff cast out", "blame", false, Context{}, []ruleLine{
			{"zh", "该员工的个人行为不代表公司立场。", false},
			{"en", "The driver acted alone and does not represent our company.", false}}},
		{"the tests so far are evidence", "denial", true, Context{}, []ruleLine{
			{"en", "Our tests so far show no problem with the other flavours, and we are still testing.", true},
			{"zh", "从目前的检测结果看，其他口味暂未发现问题，我们仍在继续检测。", false}}},
		{"never … again in the past is a fact", "over-promise", true, Context{}, []ruleLine{
			{"en", "The parcel left our depot on Monday and was never scanned again.", true},
			{"en", "The alarm went off once and never rang again.", true}}},
		{"still: never again as a promise", "over-promise", false, Context{}, []ruleLine{
			{"en", "This will never happen again.", false},
			{"en", "Parcels will never go missing again.", false}}},
	})
}
