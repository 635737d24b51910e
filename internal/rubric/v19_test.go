package rubric

import "testing"

// TestVersion19Rules checks version 19's steps on sentences written for
// this test (not the corpus's), in both languages: a main sentence is
// judged wrongly by version 18 and rightly by version 19; the cases marked
// "still" are readings the version must leave alone.
func TestVersion19Rules(t *testing.T) {
	checkRules(t, 19, []ruleCase{
		{"said to people, not of them", "false-reassurance", false, Context{}, []ruleLine{
			{"en", "Drivers can continue to fill up with complete confidence.", true},
			{"zh", "家长可以继续放心喂食。", false}}},
		{"still: how people are", "false-reassurance", true, Context{}, []ruleLine{
			{"en", "All 46 pupils are safe and back at school.", false},
			{"zh", "46名学生都安然无恙。", false}}},
		{"a standard with words between", "denial", false, Context{}, []ruleLine{
			{"en", "Every bottle we sell meets the required British Standard.", true},
			{"zh", "我们销售的每一瓶都符合英国相关标准。", false}}},
		{"still: a standard not met", "denial", true, Context{}, []ruleLine{
			{"en", "The batch did not meet the required European safety standard, so we have withdrawn it.", false}}},
		{"a party's right is no blame", "blame", true, Context{}, []ruleLine{
			{"en", "We are telling you first, because customers deserve to hear it from us.", false},
			{"zh", "我们主动说明，因为顾客有权第一时间从我们这里知道。", true}}},
		{"still: a party's fault", "blame", false, Context{}, []ruleLine{
			{"zh", "这次延误是因为承运商没有按时发车。", false},
			{"en", "The delay was caused by our supplier, who did not deliver on time.", false}}},
	})
}
