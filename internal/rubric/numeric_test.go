package rubric

import (
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// fullMatches are the matches of re over the whole lower-case text, as
// findRe found them before it ran the numericRes over windows.
func fullMatches(t *text, re *regexp.Regexp) []span {
	var out []span
	for _, m := range re.FindAllStringIndex(t.lowerStr, -1) {
		if m[0] != m[1] {
			out = append(out, span{t.lowerAt[m[0]], t.lowerAt[m[1]]})
		}
	}
	return out
}

// sameNumericMatches fails on the first pattern whose matches (over the
// windows, or after the check for its requiredWords) differ from those
// over the whole text.
func sameNumericMatches(tb testing.TB, s string) {
	tb.Helper()
	res := []*regexp.Regexp{}
	for re := range numericRes {
		res = append(res, re)
	}
	for re := range requiredWords {
		res = append(res, re)
	}
	t := newText(s)
	for _, re := range res {
		got, want := t.findRe(re, false), fullMatches(t, re)
		if !slices.Equal(got, want) {
			tb.Fatalf("%q: over the windows %v, over the whole text %v (pattern %.40s…)", s, got, want, re.String())
		}
	}
}

// TestNumericWindowsFindEveryMatch checks on every statement of the
// corpus, tuning data and held-out set alike (only the matches are
// compared, not any judgement), on sentences written for the edges of a
// window and on strings made of the patterns' pieces, that the count,
// amount, date and clock patterns find the same matches over the windows
// around numerals as over the whole text, and that the patterns with
// requiredWords find nothing in a text without them.
func TestNumericWindowsFindEveryMatch(t *testing.T) {
	es := loadCorpus(t)
	es = append(es, readCorpusFiles(t, filepath.Join("testdata", "corpus", "heldout", "*.yaml"))...)
	for _, e := range es {
		sameNumericMatches(t, e.Text)
	}
	for _, s := range []string{
		"On Sept.   12 at 5 p.m. we recalled 12 thousand bottles and 3,400 cans; 2024-11-26, 12/3/2024.",
		"the 3rd of september, 45%, 14.2°c, 4.8 万瓶, 2024年3月5日凌晨5点半，明天十点，三月五日，两家门店，一百二十名员工。",
		"x12 bottles, 12x, abc3 pm, 7am.8pm, 1 2 3 4 5 6 thousand millions",
		"12", "", "一", "sept.\n\n\n12", "12\nbottles", "12 -  -  thousand", "下午3时20分", "第12号线",
	} {
		sameNumericMatches(t, s)
	}
	// Strings made of the pieces the patterns are made of, in any order
	// (a fixed seed: the same strings every run).
	pieces := []string{"1", "12", "2024", "3,400", "4.8", " ", "  ", "\n", ".", ",", "，", "-", "/", ":", "%", "°c", "℃", "_", "x", "a",
		"sept", "may", "september", "of", "th", "rd", "thousand", "k", "m", "bottles", "people", "hours", "a.m.", "p.m.", "pm",
		"万", "亿", "瓶", "名", "家", "两", "三", "十", "百", "点", "半", "分", "时", "凌晨", "明天", "年", "月", "日", "号", "生产线", "公斤", "的", "位",
		"line", "plant", "kitchens", "within", "in", "every", "hours", "days", "two", "dozens of", "小时", "内", "个", "路", "街", "店", "分店", "仓库", "线", "生产", "周", "工作日"}
	rng := rand.New(rand.NewPCG(15, 15))
	for range 4000 {
		var sb strings.Builder
		for range 1 + rng.IntN(12) {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		sameNumericMatches(t, sb.String())
	}
}

// FuzzNumericWindows checks the same on any text.
func FuzzNumericWindows(f *testing.F) {
	for _, s := range []string{"On Sept. 12 at 5 p.m. we recalled 12 thousand bottles", "2024年3月5日凌晨5点半，两家门店", "3rd of may 45 % 14.2°c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sameNumericMatches(t, s)
	})
}
