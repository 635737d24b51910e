package rubric

import "testing"

// TestVersion10Rules checks each version 10 step on sentences written for
// this test, in both languages. A main sentence is judged wrongly by
// version 9 (version 10's steps off) and rightly by version 10; the other
// language's sentence says the same and must come out the same in
// version 10 (parity). The cases marked "still" are the readings a step
// must leave alone.
func TestVersion10Rules(t *testing.T) {
	checkRules(t, 10, []ruleCase{
		{"a run of short items is a keyword list", "keyword-list", false, Context{}, []ruleLine{
			{"zh", "事件回应要点：道歉、深表歉意、高度重视、彻查原因、依法处理、信息公开、赔付到位、热线畅通、持续通报、感谢理解。", true},
			{"en", "Response points: apology, deep regret, top priority, full probe, legal action, openness, compensation, hotline, updates, thanks.", false}}},
		{"still: a list of cities inside a statement", "keyword-list", true, Context{}, []ruleLine{
			{"zh", "我们已在北京、上海、广州、深圳四个城市的门店停售这批酸奶。购买过的顾客可凭小票到任一门店全额退款。今晚8点我们会公布检测进展。", false},
			{"en", "We have stopped selling this batch of yoghurt in our stores in Beijing, Shanghai, Guangzhou and Shenzhen. Anyone who bought it can get a full refund at any store with the receipt. We will report on the tests at 8 p.m. tonight.", false}}},
		{"trust placed in us is no assurance", "false-reassurance", true, Context{}, []ruleLine{
			{"zh", "家长们放心把孩子交给我们，这一次我们没有照顾好他们。", true},
			{"en", "Parents trusted us with their children, and this time we did not look after them.", false}}},
		{"still: please go ahead and send them", "false-reassurance", false, Context{}, []ruleLine{
			{"zh", "请放心把孩子送来，校车照常运行。", false}}},
		{"a scapegoat's word beside our own staff", "blame", true, Context{}, []ruleLine{
			{"zh", "我们已把全部员工和外包人员的考勤记录交给警方。", true},
			{"en", "We have given the police the attendance records of all staff and contractors.", false}}},
		{"still: the one at fault was a temporary worker", "blame", false, Context{}, []ruleLine{
			{"zh", "涉事人员系外包人员，已被解除合同。", false},
			{"en", "The person involved was a temporary worker and has been let go.", false}}},
		{"an order to staff not to comment", "no-comment", true, Context{}, []ruleLine{
			{"zh", "各门店员工：不要对事故原因发表任何评论，媒体来电一律转公关部。", true},
			{"en", "Store staff: do not comment on the cause of the accident; put every media call through to the press office.", true}}},
		{"still: we will not comment", "no-comment", false, Context{}, []ruleLine{
			{"zh", "我们对事故原因不予置评。", false},
			{"en", "We will not comment on the cause of the accident.", false}}},
		{"never again without notice is a rule", "over-promise", true, Context{}, []ruleLine{
			{"en", "No price will ever again rise without a month's notice to members.", true},
			{"zh", "今后任何涨价，都不会在未提前一个月通知会员的情况下进行。", false}}},
		{"still: it will never happen again", "over-promise", false, Context{}, []ruleLine{
			{"en", "This will never happen again.", false},
			{"zh", "这种事绝不会再发生。", false}}},
		{"待 in 等待 is no until", "false-reassurance", false, Context{}, []ruleLine{
			{"zh", "等待检测结果期间可以照常饮用。", true},
			{"en", "While you wait for the test results, you can keep drinking it as normal.", false}}},
		{"still: 待 is until", "false-reassurance", true, Context{}, []ruleLine{
			{"zh", "待检测结果出来后，方可继续饮用。", false},
			{"en", "Only once the test results are back can you keep drinking it.", false}}},
		{"a contractor in Chinese", "blame", false, Context{}, []ruleLine{
			{"zh", "这次延误系施工单位原因所致。", true},
			{"en", "This delay is due to the contractor.", false}}},
		{"still: the contractor is not to blame", "blame", true, Context{}, []ruleLine{
			{"zh", "这次延误怪不到施工方，是我们的排期出了错。", false},
			{"en", "This delay is not the contractor's fault; our schedule was wrong.", false}}},
		{"concept: access cut off", "actions", true, Context{}, []ruleLine{
			{"zh", "发现异常后，我们在几分钟内切断了这条连接。", true},
			{"en", "Once we saw it, we cut off the connection within minutes.", false}}},
	})
}
