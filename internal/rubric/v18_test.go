package rubric

import "testing"

// TestVersion18Rules checks version 18's steps on sentences written for
// this test (not the corpus's), in both languages: a main sentence is
// judged wrongly by version 17 and rightly by version 18; the cases marked
// "still" are readings the version must leave alone.
func TestVersion18Rules(t *testing.T) {
	checkRules(t, 18, []ruleCase{
		{"no need to act, after people", "false-reassurance", false, Context{}, []ruleLine{
			{"en", "For now there is no fire hazard for residents and no need to change your routine.", true},
			{"zh", "阀门更换完成前，住户和商户无需做任何调整。", true}}},
		{"still: a report on people", "false-reassurance", true, Context{}, []ruleLine{
			{"en", "All 46 pupils and their teachers are safe and back at school.", false},
			{"zh", "46名学生和老师都是安全的，已经返校。", false}}},
		{"what people may be sure of", "false-reassurance", false, Context{}, []ruleLine{
			{"en", "Diners can be confident the chicken is safe.", true},
			{"zh", "在其他门店购物的顾客可以放心，鸡肉绝对安全。", false}}},
		{"a risk denied with its kind", "false-reassurance", false, Context{}, []ruleLine{
			{"en", "There is no infection risk to patients on the ward.", true},
			{"zh", "病房里的患者没有任何感染风险。", true}}},
		{"our own earlier words, owned", "false-reassurance", true, Context{}, []ruleLine{
			{"zh", "我们向每一位家长道歉，是我们告诉大家这批奶粉是安全的。", true}}},
		{"still: a bare 'tell' of what is to come", "false-reassurance", false, Context{}, []ruleLine{
			{"zh", "我们向家长道歉，并会告诉大家：这批奶粉是安全的。", false}}},
		{"still: 'as we said' beside an apology says it again", "false-reassurance", false, Context{}, []ruleLine{
			{"en", "We are sorry for the delay, and as we said yesterday, the milk is safe.", false}}},
		{"what may happen is no guess", "speculation", true, Context{}, []ruleLine{
			{"zh", "召回原因：支架上的螺丝在潮湿环境中可能锈蚀断开。", true},
			{"en", "If you have photos that might help the investigation, please send them to us.", false}}},
		{"still: a guess at the cause", "speculation", false, Context{}, []ruleLine{
			{"zh", "故障原因可能与供应商的零件有关。", false},
			{"en", "The fault might also be linked to a supplier's part.", false}}},
		{"an apology for the disruption caused", "non-apology", true, Context{}, []ruleLine{
			{"zh", "此次停电给各位住户造成了不便，我们深表歉意。", true},
			{"zh", "此次停电给各位住户造成了不便，我们深表歉意，最新消息将在业主群发布。", true},
			{"en", "We are sorry for the inconvenience the power cut caused residents.", true}}},
		{"still: an apology for any inconvenience", "non-apology", false, Context{}, []ruleLine{
			{"zh", "对此可能给各位带来的任何不便，我们深表歉意。", false},
			{"en", "We apologise for any inconvenience this may cause.", false}}},
		{"still: the trouble reports caused", "non-apology", false, Context{}, []ruleLine{
			{"zh", "对于近期网传消息给大家带来的困扰，我们深表歉意。", false}}},
	})
}
