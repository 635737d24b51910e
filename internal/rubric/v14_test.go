package rubric

import "testing"

// TestVersion14Rules checks version 14's step and concept on sentences
// written for this test (not the corpus's), in both languages: a main
// sentence is judged wrongly by version 13 and rightly by version 14; the
// cases marked "still" are readings the version must leave alone.
func TestVersion14Rules(t *testing.T) {
	checkRules(t, 14, []ruleCase{
		{"a time leading an English sentence, as near as in Chinese", "next-update", true, Context{}, []ruleLine{
			{"en", "On 3 March our engineers will send everyone on the estate a written update on the repairs.", true},
			{"zh", "3月3日，我们的工程师会向小区每户书面通报维修进展。", false}}},
		{"still: a day on which something happened", "next-update", false, Context{}, []ruleLine{
			{"en", "On 3 March the heating in every block on the estate stopped working after a routine software update.", false}}},
		{"concept: writing to the reader again", "next-update", true, Context{}, []ruleLine{
			{"en", "I will write to every parent again on Friday.", true},
			{"zh", "周五我会再次致信每一位家长。", true},
			{"en", "We will write again by noon on Friday.", true}}},
		{"concept: the latest published at a time", "next-update", true, Context{}, []ruleLine{
			{"zh", "10月8日晚上8点前，我们会在这里贴出最新情况。", true},
			{"en", "By 8 p.m. on 8 October we will put up the latest information here.", true}}},
	})
}
