package rubric

import "testing"

// TestVersion21Rules checks version 21's steps on sentences written for
// this test (not the corpus's), in both languages: a main sentence is
// judged wrongly by version 20 and rightly by version 21; the cases marked
// "still" are readings the version must leave alone.
func TestVersion21Rules(t *testing.T) {
	checkRules(t, 21, []ruleCase{
		{"the others passed: no denial", "denial", true, Context{}, []ruleLine{
			{"zh", "三号批次的六件样品中有三件铅超标，其他批次全部合格。我们已停售三号批次。", true},
			{"en", "Three of the six samples from batch 3 failed; every other batch passed all the tests. We have stopped selling batch 3.", true}}},
		{"still: everything passed", "denial", false, Context{}, []ruleLine{
			{"zh", "我们的产品全部合格，请放心。", false},
			{"en", "Our products passed all the tests.", false}}},
		{"an authority's judgement is no guess of ours", "speculation", true, Context{}, []ruleLine{
			{"zh", "疾控部门判断，感染源很可能是农场的羊圈。", true},
			{"en", "Investigators think the fire was probably caused by the kitchen extractor.", false}}},
		{"still: our own guess", "speculation", false, Context{}, []ruleLine{
			{"zh", "我们判断，很可能是供应商的原料出了问题。", false},
			{"en", "We think the fault was probably caused by our supplier.", false}}},
		{"owning the fault in more words", "blame", true, Context{}, []ruleLine{
			{"zh", "这批软件确实来自供应商，但选它、测它、用它的都是我们。", true},
			{"en", "The outage was caused by our supplier's software, and we are not going to blame anyone else for it.", true}}},
		{"still: blame", "blame", false, Context{}, []ruleLine{
			{"zh", "这批软件来自供应商，问题出在他们身上。", false},
			{"en", "The outage was caused by our supplier's software.", false}}},
		{"an order that opens with its verb", "guidance", true, Context{}, []ruleLine{
			{"en", "Contact the site office on 01632 480 210 to arrange a repair.", true},
			{"en", "Reply with a time that suits you and a nurse will ring you back.", true},
			{"zh", "请联系工地办公室。", false}}},
		{"still: the verb as a noun", "guidance", false, Context{}, []ruleLine{
			{"en", "Contact details for 3,000 customers were exposed.", false},
			{"en", "Email addresses were copied on Monday.", false},
			{"en", "Return to normal service is expected on Monday.", false}}},
		{"the reader, then what they can do", "guidance", true, Context{}, []ruleLine{
			{"en", "Anyone affected can speak in confidence to our support line.", true},
			{"zh", "乘客可换乘15路公交前往公园路站。", true}}},
		{"still: what may happen to the reader", "guidance", false, Context{}, []ruleLine{
			{"en", "Customers may have received a second email.", false},
			{"zh", "部分用户可能受到影响。", false},
			{"zh", "居民的沟通还可以做得更好。", false},
			{"zh", "部分家长反应过度。", false},
			{"en", "Residents do not need to change anything.", false},
			{"en", "Customers should think twice before sharing rumours.", false}}},
		{"a request for belief, a long way after 请", "guidance", false, Context{}, []ruleLine{
			{"zh", "请全市每一个家庭放心。", true},
			{"zh", "请大家放心。", false}}},
	})
}
