package rubric

import "testing"

// TestVersion11Rules checks each version 11 step on sentences written for
// this test, in both languages, as TestVersion10Rules does for version 10:
// a main sentence is judged wrongly by version 10 and rightly by version
// 11; the other language's sentence must come out the same in version 11.
func TestVersion11Rules(t *testing.T) {
	checkRules(t, 11, []ruleCase{
		{"a hedge about the reader is advice", "speculation", true, Context{}, []ruleLine{
			{"zh", "如果您用过这款面霜，您可能接触过汞，请带上包装去医院，问清是否需要检测。", true},
			{"en", "If you used this cream, you may have been exposed to mercury; take the jar to your doctor and ask whether you need a test.", false}}},
		{"still: a hedge about the cause", "speculation", false, Context{}, []ruleLine{
			{"zh", "问题可能出在供应商的原料上。", false},
			{"en", "The fault may have been caused by our supplier's raw material.", false}}},
		{"so far nothing reported is a report", "false-reassurance", true, Context{}, []ruleLine{
			{"en", "We cannot yet say whether anyone fell ill; so far no harm has been reported to our helpline.", true},
			{"zh", "我们还不能确定是否有人因此生病；截至目前，热线没有接到任何伤害报告。", false}}},
		{"still: so far it is safe", "false-reassurance", false, Context{}, []ruleLine{
			{"en", "So far the tests are clean and the product is safe.", false},
			{"zh", "截至目前检测均合格，产品是安全的。", false}}},
		{"a verdict that describes a thing", "denial", true, Context{}, []ruleLine{
			{"zh", "全部餐具已改用另一台检测合格的消毒柜重新消毒。", true},
			{"en", "All the tableware has been sterilised again in our other cabinet, which passed its inspection.", false}}},
		{"still: the product meets the standard", "denial", false, Context{}, []ruleLine{
			{"zh", "经自检，该批次产品检测合格。", false}}},
		{"a party listed after 给 is harmed", "blame", true, Context{}, []ruleLine{
			{"zh", "对由此给各位同学和家长造成的焦虑，我们深感抱歉。", true},
			{"en", "We are deeply sorry for the anxiety this caused pupils and their parents.", false}}},
		{"still: the passengers caused it", "blame", false, Context{}, []ruleLine{
			{"zh", "延误系乘客违规携带物品所致。", false}}},
		{"records show cite evidence", "speculation", true, Context{}, []ruleLine{
			{"en", "The pump's logs show the fault may have started on 4 May.", true},
			{"zh", "水泵的运行日志显示，故障可能从5月4日就已开始。", true}}},
		{"safe to use again, in Chinese", "false-reassurance", false, Context{}, []ruleLine{
			{"zh", "故障原因还没查明，但3号扶梯已复位，可以安全使用。", true},
			{"en", "We do not know the cause yet, but escalator 3 has been reset and is safe to use.", false}}},
		{"still: use it safely is advice", "false-reassurance", true, Context{}, []ruleLine{
			{"zh", "请按说明书安全使用。", false}}},
		{"concept: we dropped the ball", "apology", true, Context{Hazard: HazardCleared}, []ruleLine{
			{"zh", "昨晚关键时刻，我们掉了链子。", true},
			{"en", "Last night, when it mattered most, we dropped the ball.", true}}},
	})
}
