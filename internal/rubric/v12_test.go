package rubric

import "testing"

// TestVersion12Rules checks each version 12 step and concept on sentences
// written for this test, in both languages, as TestVersion11Rules does for
// version 11.
func TestVersion12Rules(t *testing.T) {
	type line struct {
		lang, text string
		main       bool // version 11 gets it wrong
	}
	cases := []struct {
		name   string
		id     string
		passes bool // a credit passes / a penalty does not fire, in version 12
		lines  []line
	}{
		{"a finding called completely false", "denial", false, []line{
			{"en", "A newspaper says our milk powder contains too much lead. That is completely false.", true},
			{"zh", "有报纸称我们的奶粉铅含量超标，这完全不实。", true}}},
		{"every standard met", "denial", false, []line{
			{"en", "Each batch is checked, and we meet every standard that applies to baby food.", true}}},
		{"not a safety issue", "denial", false, []line{
			{"en", "This is not a safety issue.", true},
			{"zh", "这不是安全问题。", true}}},
		{"not unsafe", "false-reassurance", false, []line{
			{"en", "The lift is not unsafe and has never been unsafe.", true}}},
		{"an attack on our brand", "victim", false, []line{
			{"en", "This is an attack on our brand, which families have trusted for forty years.", true},
			{"zh", "这是对一家服务本市四十年企业的恶意中伤。", true}}},
		{"lawyers instructed, then a warning", "legal-threat", false, []line{
			{"en", "Anyone who keeps sharing the video should expect to hear from our legal team.", true},
			{"zh", "继续转发该视频的任何人，都将收到我们的律师函。", false}}},
		{"probably caused is a guess", "speculation", false, []line{
			{"en", "The heat probably caused the sensor to trip and stop the ride.", true},
			{"zh", "高温很可能导致传感器误触发，使设备停止运行。", false}}},
		{"the fault put on them", "blame", false, []line{
			{"en", "The cleaning was done by our contractor. The failure was theirs.", true},
			{"zh", "保洁由我们的承包商负责，问题出在他们身上。", true}}},
		{"still: not their fault", "blame", true, []line{
			{"en", "Our supplier made the parts to our design. It was not their fault.", false}}},
		{"concept: the fault named as ours", "apology", true, []line{
			{"en", "The labels were wrong, and that is our fault.", true},
			{"zh", "标签印错了，这是我们的错。", false}}},
		{"concept: a service stopped", "actions", true, []line{
			{"zh", "3号线自今晚起停运。", true},
			{"en", "Line 3 has stopped running from tonight.", false}}},
	}
	for _, c := range cases {
		for _, l := range c.lines {
			ctx := Context{Lang: l.lang}
			r12, r11 := Judge(l.text, ctx), judgeAs(11, l.text, ctx)
			got12, got11 := checkPassed(r12, c.id), checkPassed(r11, c.id)
			if got12 != c.passes {
				t.Errorf("%s (%s): %s passed = %v in version 12, want %v: %q (%+v)", c.name, l.lang, c.id, got12, c.passes, l.text, checkOf(r12, c.id))
			}
			if l.main && got11 == c.passes {
				t.Errorf("%s (%s): version 11 already reads %q so (%s passed = %v); not a version 12 change", c.name, l.lang, l.text, c.id, got11)
			}
			if !l.main && got11 != got12 {
				t.Logf("%s (%s): version 11 read %q otherwise", c.name, l.lang, l.text)
			}
			checkInvariants(t, l.text, r12)
		}
	}
}
