package rubric

import "testing"

// TestVersion16Rules checks version 16's steps on sentences written for
// this test (not the corpus's), in both languages: a main sentence is
// judged wrongly by version 15 and rightly by version 16; the cases marked
// "still" are readings the version must leave alone.
func TestVersion16Rules(t *testing.T) {
	checkRules(t, 16, []ruleCase{
		{"an activity going on as normal", "false-reassurance", true, Context{}, []ruleLine{
			{"en", "Guided walks and the café carry on as normal.", true},
			{"en", "Please attend your lectures as normal.", true},
			{"zh", "各分馆照常开放，读者仍可正常借还图书。", true}}},
		{"still: using it as normal", "false-reassurance", false, Context{}, []ruleLine{
			{"en", "You can drink the tap water as normal.", false},
			{"zh", "在等待新电池期间，车主可以照常充电。", false},
			{"en", "Just dial 999 from your phone as usual.", false}}},
		{"an attack reported", "victim", true, Context{}, []ruleLine{
			{"zh", "周日，我们的票务系统遭到勒索软件攻击，部分顾客信息被复制。", true},
			{"en", "On Sunday our ticketing system was hit by a ransomware attack and some customer details were copied.", false}}},
		{"still: an attack made the message", "victim", false, Context{}, []ruleLine{
			{"zh", "我们遭到了有组织的恶意攻击。", false}}},
		{"a party ruled out after it", "blame", true, Context{}, []ruleLine{
			{"zh", "这一漏洞出在我们的软件上，与用户密码无关。", true}}},
		{"still: a party blamed", "blame", false, Context{}, []ruleLine{
			{"zh", "这一漏洞出在用户密码上。", false}}},
		{"what a person owns is safe", "false-reassurance", false, Context{}, []ruleLine{
			{"zh", "孩子的监控画面是安全的，您无需采取任何措施。", true},
			{"en", "Your children's video feed is safe and there is nothing you need to do.", true}}},
		{"still: people reported safe", "false-reassurance", true, Context{}, []ruleLine{
			{"zh", "所有乘客都是安全的。", false}}},
		{"a goal is no claim", "false-reassurance", true, Context{}, []ruleLine{
			{"en", "Under our terms, hosts are responsible for making sure their property is safe.", true},
			{"zh", "根据平台条款，房东须确保房源是安全的。", true}}},
		{"an online pile-on as the message", "victim", false, Context{}, []ruleLine{
			{"zh", "过去两天，我们的门店和员工遭到了一场网络围攻。", true},
			{"en", "For two days our store and our staff have faced an online pile-on.", true}}},
		{"cases counted", "minimising", true, Context{}, []ruleLine{
			{"zh", "全部23起个案均已启动审查。", true}}},
		{"still: an isolated case", "minimising", false, Context{}, []ruleLine{
			{"zh", "这只是个案。", false}}},
		{"the team's reply after a colon", "false-reassurance", false, Context{}, []ruleLine{
			{"zh", "关于网上流传的相关报道，我们回应如下：摄像头并未被入侵，画面是安全的。", true}}},
		{"still: the reports quoted", "false-reassurance", true, Context{}, []ruleLine{
			{"zh", "网上流传的说法称画面是安全的，这并不准确。", false}}},
	})
}
