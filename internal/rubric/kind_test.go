package rubric

import "testing"

// The overall score weighs the dimensions for the statement's audience: an
// answer full of care and remedy but thin on facts does better as a
// customer's email than as a report to a regulator, and a report of facts,
// cause and deadlines without a word of care the other way round. A
// statement for the public at large (holding, press release) and one of no
// kind are weighed alike; the checks and dimension scores never change.
func TestTheOverallScoreWeighsForTheAudience(t *testing.T) {
	care := "We are so sorry your daughter was ill, and we understand how frightening this has been. " +
		"Please stop using the product and keep the bottle. We will refund you in full today, pay any doctor's bill, " +
		"and call you tomorrow to see how she is. You can reach me directly on 400-820-6060."
	report := "On 3 May at 14:20 a seal failure on filling line 7 let air into batch CB-2611-07 (48,000 bottles, produced 1–2 May). " +
		"Sales were stopped at 18:00 on 4 May and 41,200 bottles have been recalled so far. " +
		"Distribution data for all 212 outlets is attached. The line stays closed until the replacement seals are tested on 9 May; " +
		"we will report the recall totals to you daily at 17:00 until it is complete."
	judge := func(text, kind string) Result { return Judge(text, Context{Lang: "en", Kind: kind}) }
	for _, lang := range []string{"", "press-release", "holding", "no-such-kind"} {
		if a, b := judge(care, ""), judge(care, lang); a.Overall != b.Overall {
			t.Errorf("kind %q scores %v, no kind %v", lang, b.Overall, a.Overall)
		}
	}
	careCustomer, careRegulator := judge(care, "customer-email"), judge(care, "regulator-report")
	if careCustomer.Overall <= careRegulator.Overall {
		t.Errorf("a caring answer: as a customer's email %v, as a report to a regulator %v", careCustomer.Overall, careRegulator.Overall)
	}
	reportCustomer, reportRegulator := judge(report, "customer-email"), judge(report, "regulator-report")
	if reportRegulator.Overall <= reportCustomer.Overall {
		t.Errorf("a factual report: as a report to a regulator %v, as a customer's email %v", reportRegulator.Overall, reportCustomer.Overall)
	}
	for d, v := range careCustomer.Scores {
		if careRegulator.Scores[d] != v {
			t.Errorf("the kind changed the %s score: %v and %v", d, v, careRegulator.Scores[d])
		}
	}
	for kind, w := range KindWeights {
		sum := 0.0
		for _, d := range Dimensions {
			sum += w[d]
		}
		if sum < 0.999 || sum > 1.001 {
			t.Errorf("the weights of %s add up to %v", kind, sum)
		}
	}
}
