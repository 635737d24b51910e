package rubric

import "testing"

// TestVersion22Rules checks version 22's steps on sentences written for
// this test (not the corpus's): a main sentence is judged wrongly by
// version 21 and rightly by version 22; the cases marked "still" are
// readings the version must leave alone. English is judged alongside, to
// show the two languages now read alike.
func TestVersion22Rules(t *testing.T) {
	checkRules(t, 22, []ruleCase{
		{"what the product can do, a few words on", "speculation", true, Context{}, []ruleLine{
			{"zh", "这款水壶的底座可能在连续使用后开裂，原因出在新换的塑料上。", true},
			{"en", "The kettle's base can crack after long use; the cause is the new plastic.", false}}},
		{"still: a guess at the cause", "speculation", false, Context{}, []ruleLine{
			{"zh", "底座开裂的原因可能是运输途中受潮。", false}}},
		{"a forecast is no guess", "speculation", true, Context{}, []ruleLine{
			{"zh", "当地报纸本周很可能会报道这起事故，我们希望大家先从我们这里了解情况。", true},
			{"en", "The local paper is likely to report the accident this week, and we would rather you heard it from us first.", false}}},
		{"still: most likely the cause", "speculation", false, Context{}, []ruleLine{
			{"zh", "事故很可能是司机操作失误造成的。", false},
			{"zh", "问题很可能会是供应商的原料。", false}}},
		{"the party after the cause's clause", "blame", true, Context{}, []ruleLine{
			{"zh", "由于系统出了故障，顾客在本店的部分订单被重复扣款。", true},
			{"en", "Because of a fault in our own system, some customers were charged twice.", false}}},
		{"still: the party in the cause's clause", "blame", false, Context{}, []ruleLine{
			{"zh", "由于快递公司延误，订单未能按时送达。", false}}},
		{"the reader told to report a crime", "legal-threat", true, Context{}, []ruleLine{
			{"zh", "如果您被骗转账，请立即向警方报案；我们会提供报案所需的账号资料。", true},
			{"en", "If you have sent money, report it to the police; we can give you the chat records they will need.", false}}},
		{"still: a threat", "legal-threat", false, Context{}, []ruleLine{
			{"zh", "对恶意造谣的网民，我们已向警方报案，请大家不要转发。", false},
			{"en", "Anyone spreading these lies will be reported to the police.", false}}},
	})
}
