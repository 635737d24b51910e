package rubric

import "testing"

// TestVersion23Rules checks version 23's steps on sentences written for
// this test (not the corpus's): a main sentence is judged wrongly by
// version 22 and rightly by version 23; the cases marked "still" are
// readings the version must leave alone.
func TestVersion23Rules(t *testing.T) {
	checkRules(t, 23, []ruleCase{
		{"a risk denied, without 任何", "false-reassurance", false, Context{}, []ruleLine{
			{"zh", "大坝其余部分状况良好，下游居民可照常生活，不存在再次溃坝的风险。", true},
			{"en", "The rest of the dam is in good condition and there is no risk of another collapse.", false}}},
		{"still: a risk being assessed", "false-reassurance", true, Context{}, []ruleLine{
			{"zh", "我们正在评估是否存在再次溃坝的风险，今晚8点前公布结果。", false}}},
		{"what may have followed from it", "speculation", true, Context{}, []ruleLine{
			{"zh", "这是我们的错误。有些租客可能因此多付了押金，我们会逐一退还。", true},
			{"en", "This was our error. Some tenants may have paid too much deposit as a result, and we will refund each of them.", false}}},
		{"still: a guess at the cause", "speculation", false, Context{}, []ruleLine{
			{"zh", "押金多收可能因为银行系统升级。", false}}},
		{"what may help", "speculation", true, Context{}, []ruleLine{
			{"zh", "如果您当晚在现场拍过照片，这些照片可能有助于调查，请发给我们。", true},
			{"en", "If you took photos that evening, they might help the investigation; please send them to us.", false}}},
		{"a provisional cause of our own, still checked", "speculation", true, Context{}, []ruleLine{
			{"en", "The likely cause is a fault in a pump at our Eastfield works, which we are still examining.", true}}},
		{"still: a guess about another party, still checked", "speculation", false, Context{}, []ruleLine{
			{"en", "The likely cause is a fault in a pump supplied by our contractor, which we are still examining.", false}}},
		{"what our rules allow", "speculation", true, Context{}, []ruleLine{
			{"en", "Our rules say a third party may be contacted only to trace a customer we cannot reach, and those rules were broken.", true}}},
		{"still: a guess", "speculation", false, Context{}, []ruleLine{
			{"en", "A third party may be behind the fault in the pump.", false}}},
	})
}
