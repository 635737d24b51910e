package rubric

import "testing"

// TestVersion24Rules checks version 24's steps and concepts on sentences
// written for this test (not the corpus's): a main sentence is judged
// wrongly by version 23 and rightly by version 24; the cases marked
// "still" are readings the version must leave alone.
func TestVersion24Rules(t *testing.T) {
	checkRules(t, 24, []ruleCase{
		{"a court's records are a thing", "legal-threat", true, Context{}, []ruleLine{
			{"zh", "上周任何人都能在网上下载312份封存的离婚法庭档案，这是我们的错误。", true},
			{"en", "Last week anyone could download 312 sealed divorce court records online; that was our error.", false}}},
		{"still: see you in court", "legal-threat", false, Context{}, []ruleLine{
			{"zh", "对于散布谣言的任何人，我们将向法院起诉。", false}}},
		{"the reader told to call the police", "legal-threat", true, Context{}, []ruleLine{
			{"zh", "一旦发现该装置，请勿触碰，让所有人远离，并拨打110报警。", true},
			{"en", "If you find the device, do not touch it, keep everyone away and call 999 to report it to the police.", false}}},
		{"still: we report them", "legal-threat", false, Context{}, []ruleLine{
			{"zh", "对恶意造谣的网民，我们已向警方报案。", false}}},
		{"the people affected told directly", "actions", true, Context{}, []ruleLine{
			{"zh", "我们已通知全部受影响的用户。", true},
			{"en", "We have notified every affected user.", false}}},
		{"a fault fixed", "actions", true, Context{}, []ruleLine{
			{"zh", "漏洞已修复。", true},
			{"en", "The flaw has been fixed.", true}}},
		{"still: a fixed thing", "actions", false, Context{}, []ruleLine{
			{"en", "The fee is a fixed amount per month.", false}}},
		{"what was exposed taken down", "actions", true, Context{}, []ruleLine{
			{"zh", "相关页面已下线。", true},
			{"en", "The page has been taken down.", false}}},
	})
}
