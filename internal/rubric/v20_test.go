package rubric

import "testing"

// TestVersion20Rules checks version 20's steps on sentences written for
// this test (not the corpus's), in both languages: a main sentence is
// judged wrongly by version 19 and rightly by version 20; the cases marked
// "still" are readings the version must leave alone.
func TestVersion20Rules(t *testing.T) {
	checkRules(t, 20, []ruleCase{
		{"ticks part a tag line", "keyword-list", false, Context{}, []ruleLine{
			{"zh", "停水通知\n\n水质✔ 管网✔ 抢修✔ 供水站✔ 居民优先✔ 全力以赴✔ 方案✔ 社区✔ 同心协力✔\n\n后续消息，敬请关注！\n", true},
			{"en", "WATER NOTICE\n\nWater quality ✔ Mains ✔ Repairs ✔ Supply points ✔ Residents first ✔ Working hard ✔ Plans ✔ Community ✔ Together ✔\n\nMore soon, stay tuned!\n", false}}},
		{"still: ticks in a sentence's list", "keyword-list", true, Context{}, []ruleLine{
			{"en", "Today we checked three things: the valves ✔, the pumps ✔ and the meters ✔. All three work, and the water is back on in every street of the estate.", false}}},
		{"a party before what it caused", "blame", false, Context{}, []ruleLine{
			{"en", "A delay in the readings from our metering contractor caused a billing error for 300 homes.", true},
			{"zh", "由于计量承包商的读数延迟，导致300户家庭的账单出错。", false}}},
		{"still: the party harmed", "blame", true, Context{}, []ruleLine{
			{"en", "The delays to passengers led to long queues at the gates, and we are sorry.", false},
			{"zh", "给乘客造成的延误导致登机口排起长队，我们深表歉意。", false}}},
		{"the party that supplied what failed", "blame", false, Context{}, []ruleLine{
			{"en", "The outage was caused by a fault in the ticketing software that was supplied to us by an outside vendor.", true},
			{"zh", "此次故障系外部供应商提供的票务软件出错所致。", false}}},
		{"still: the supplier's thing, the team's fault", "blame", true, Context{}, []ruleLine{
			{"en", "The outage was caused by a fault in the ticketing software supplied by an outside vendor, and testing it was our job.", false}}},
		{"worry, hedged, is a feeling", "non-apology", false, Context{}, []ruleLine{
			{"zh", "对于由此给各位家长带来的任何担忧，我们深感抱歉。", true},
			{"en", "We are sorry for any worry this has caused parents.", false}}},
		{"still: worry named plainly", "non-apology", true, Context{}, []ruleLine{
			{"zh", "我们让各位家长担心了，对不起。", false}}},
		{"an admission names no cause", "cause", false, Context{}, []ruleLine{
			{"en", "This was our error, and we are sorry.", true},
			{"zh", "这是我们的失误，我们向大家道歉。", true}}},
		{"still: an error that says what happened", "cause", true, Context{}, []ruleLine{
			{"en", "A data-entry error put the wrong date on 200 letters.", false},
			{"en", "Once we found your error, we checked every order.", false}}},
		{"concept: what happened", "cause", true, Context{}, []ruleLine{
			{"zh", "发生了什么\n周二下午，一次系统调整让部分订单被重复扣款。", true},
			{"en", "What happened\nOn Tuesday afternoon, a change to our system charged some orders twice.", false}}},
	})
}
