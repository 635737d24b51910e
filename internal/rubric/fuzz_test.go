package rubric

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzJudge: Judge never panics, scores stay within 0–100, and every quote
// is a substring of the (possibly cut) input.
func FuzzJudge(f *testing.F) {
	for _, s := range []string{
		"", " ", "\xff\xfe", strongRestaurantEn, strongRestaurantZh, denialEn, denialZh, noCommentZh, tempWorkZh, fillerEn, fillerZh,
		"热线：４００－０００－２６１１", "我們對此深表歉意", "Call +86 (021) 5555-1234 by 8 p.m. tomorrow", "可能是因为临时工",
		"This is not an isolated incident.", "深 表 歉 意\u200b", "CB-2611-07 2024-11-26 1 930 000 users 24/7",
		// Version 8's readings: a late condition, a source, a request for belief, a far time.
		"We know it was long, and if anyone felt upset, we are sorry.", "系统记录到来自境外地址的批量下载。", "恳请家长们理解。我们已到医院看望。",
		"We will post an update on this door and on our account at 12:00.",
		// Version 9's: 如 alone, a qualified claim, a duration, a sense, the edge of a text.
		"如", "如广告让人不适，我们深表歉意。", "疫苗不会对身体造成危害，但可能", "within 24 hours, ten times", "最关心的问题", "感受", "toll-free",
	} {
		f.Add(s, "en")
		f.Add(s, "zh")
	}
	f.Add("We are sorry.", "")
	f.Fuzz(func(t *testing.T, text, lang string) {
		facts := []Fact{batch, hotline, {ID: "odd", Match: []string{"", " ", "\xff", "8 p.m.", "歉"}}}
		r := Judge(text, Context{Lang: lang, Facts: facts})
		if r.Overall < 0 || r.Overall > 100 || math.IsNaN(r.Overall) {
			t.Fatalf("overall %v", r.Overall)
		}
		for _, d := range Dimensions {
			if s := r.Scores[d]; s < 0 || s > 100 || math.IsNaN(s) {
				t.Fatalf("%s = %v", d, s)
			}
		}
		if r.Lang != "en" && r.Lang != "zh" {
			t.Fatalf("lang %q", r.Lang)
		}
		for _, c := range r.Checks {
			for _, e := range c.Evidence {
				if e == "" || !strings.Contains(text, e) || !utf8.ValidString(e) {
					t.Fatalf("%s: evidence %q is not in the input %q", c.ID, e, text)
				}
			}
			if c.Evidence == nil {
				t.Fatalf("%s: nil evidence", c.ID)
			}
		}
	})
}
