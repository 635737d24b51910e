package rubric

import "testing"

// TestVersion17Rules checks version 17's steps on sentences written for
// this test (not the corpus's), in both languages: a main sentence is
// judged wrongly by version 16 and rightly by version 17; the cases marked
// "still" are readings the version must leave alone.
func TestVersion17Rules(t *testing.T) {
	checkRules(t, 17, []ruleCase{
		{"a detail after a Chinese comma", "facts", true, Context{}, []ruleLine{
			{"zh", "工程师发现，4月14日推送的更新有缺陷，38户受到影响。", true}}},
		{"still: the tail of a number is no detail", "facts", false, Context{}, []ruleLine{
			{"en", "We have received reports from customers, 1,250 so far.", false}}},
		{"a duration in words is no count", "facts", false, Context{}, []ruleLine{
			{"en", "For forty years we have served this town, and for eight months we have worked on the new hall.", true}}},
		{"still: a count in words", "facts", true, Context{}, []ruleLine{
			{"en", "Three families and twelve children were moved to the school hall.", false}}},
		{"an apology for any concern", "non-apology", false, Context{}, []ruleLine{
			{"en", "The Foundation apologises to its many supporters for any concern caused by recent reports.", true},
			{"zh", "对于近期报道给广大支持者带来的困扰，基金会深表歉意。", false}}},
		{"still: an apology for what was done", "apology", true, Context{}, []ruleLine{
			{"en", "We are truly sorry, especially to those of you who feel exposed now that classmates have seen your marks.", false}}},
	})
}
