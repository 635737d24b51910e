package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// units measures as a monospaced screen would: Chinese and full-width
// characters (and the general punctuation Chinese uses, …—“”‘’) are 2
// wide, other characters 1, combining marks 0.
func units(s string) float32 {
	w := float32(0)
	for _, r := range s {
		switch {
		case isGlue(r):
		case isWide(r), r >= 0x2000:
			w += 2
		default:
			w++
		}
	}
	return w
}

// kerned is units with a little kerning: two narrow characters side by side
// are a quarter narrower, so a line is narrower than its pieces.
func kerned(s string) float32 {
	w := units(s)
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 && units(string(prev)) == 1 && units(string(r)) == 1 {
			w -= 0.25
		}
		prev = r
	}
	return w
}

func TestBreakLines(t *testing.T) {
	for _, c := range []struct {
		name  string
		text  string
		width float32
		want  []string
	}{
		{"Chinese fills its lines", "一二三四五六七八九十", 10, []string{"一二三四五", "六七八九十"}},
		{"a full stop takes a character down with it", "一二三四五。六七", 10, []string{"一二三四", "五。六七"}},
		{"an ellipsis is neither split nor starts a line", "一二三四……五六", 10, []string{"一二三", "四……五六"}},
		{"a dash is neither split nor starts a line", "一二三四——五六", 10, []string{"一二三", "四——五六"}},
		{"an opening bracket goes down with what it opens", "一二三四（五六）七", 10, []string{"一二三四", "（五六）七"}},
		{"an opening quote goes down with what it opens", "一二三四“五六”七", 10, []string{"一二三四", "“五六”七"}},
		{"a closing quote after a full stop", "一二三四五。”六", 12, []string{"一二三四", "五。”六"}},
		{"numbers and dates stay whole", "开始于 2026-12-06 02:35 · 已结束", 12, []string{"开始于", "2026-12-06", "02:35 · 已结", "束"}},
		{"a separator dot does not start a line", "开始于 02:35 · 已结束", 8, []string{"开始于", "02:35 ·", "已结束"}},
		{"a separator dot starts a line only as a last resort", "开始于 02:35 · 已结束", 6, []string{"开始于", "02:35", "· 已结", "束"}},
		{"a Latin word inside Chinese stays whole", "使用GitHub仓库管理", 8, []string{"使用", "GitHub仓", "库管理"}},
		{"a Latin word inside Chinese, wider", "使用GitHub仓库管理", 10, []string{"使用GitHub", "仓库管理"}},
		{"a number before a measure word", "共有48000瓶水", 8, []string{"共有", "48000瓶", "水"}},
		{"English at spaces", "The quick brown fox jumps over the lazy dog", 15, []string{"The quick brown", "fox jumps over", "the lazy dog"}},
		{"English word by word", "one two three", 5, []string{"one", "two", "three"}},
		{"English in a wide line", "one two three", 100, []string{"one two three"}},
		{"several spaces at a break are left out", "alpha   beta", 6, []string{"alpha", "beta"}},
		{"a no-break space does not break", "10\u00a0km away", 6, []string{"10\u00a0km", "away"}},
		{"no break before closing punctuation after a space", "word ) more", 6, []string{"word )", "more"}},
		{"no break after an opening bracket and a space", "aa ( bb", 5, []string{"aa", "( bb"}},
		{"a long path is cut as a last resort", "see /home/user/very/long/path/file.yaml now", 10,
			[]string{"see", "/home/user", "/very/long", "/path/file", ".yaml now"}},
		{"Chinese punctuation inside a cut unit", "abcdefghi。”x", 10, []string{"abcdefgh", "i。”x"}},
		{"a character wider than the line", "一二", 1, []string{"一", "二"}},
		{"combining marks stay with their letter", "e\u0301e\u0301e\u0301", 1, []string{"e\u0301", "e\u0301", "e\u0301"}},
		{"explicit newlines", "一二\n\n三四五六", 4, []string{"一二", "", "三四", "五六"}},
		{"spaces ending a paragraph", "abc   \ndef  ", 10, []string{"abc", "def"}},
		{"leading spaces stay", "  indented text", 10, []string{"  indented", "text"}},
		{"empty text", "", 10, []string{""}},
		{"no width: newlines only", "一二三四五。六七\nabc def", 0, []string{"一二三四五。六七", "abc def"}},
		{"an ideographic space", "一二三\u3000四五六", 6, []string{"一二三", "四五六"}},
		{"Chinese after a Latin word and a space", "Firebreak 是一个演练工具。", 14, []string{"Firebreak 是一", "个演练工具。"}},
	} {
		if got := breakLines(c.text, c.width, units); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q at %v\n got %q\nwant %q", c.name, c.text, c.width, got, c.want)
		}
	}
}

// Each closing mark of the design rules, where Chinese would otherwise break
// right before it, goes to the next line with the character before it.
func TestBreakLinesClosingPunctuation(t *testing.T) {
	for _, p := range []rune("，。、；：？！）》」』”’…—") {
		text := "一二三四五" + string(p) + "六七"
		got := breakLines(text, 10, units)
		want := []string{"一二三四", "五" + string(p) + "六七"}
		if !slices.Equal(got, want) {
			t.Errorf("%q: got %q, want %q", text, got, want)
		}
		for i, l := range got[1:] {
			if r, _ := utf8.DecodeRuneInString(l); isNoLineStart(r) {
				t.Errorf("%q: line %d starts with %q", text, i+2, r)
			}
		}
	}
	for _, p := range []rune("（《「『“") {
		text := "一二三四" + string(p) + "五六"
		got := breakLines(text, 10, units)
		want := []string{"一二三四", string(p) + "五六"}
		if !slices.Equal(got, want) {
			t.Errorf("%q: got %q, want %q", text, got, want)
		}
	}
}

// With kerning a line is narrower than the sum of its words: the breaker
// measures the line itself, so a word that fits only thanks to kerning
// stays on it (as Fyne's own wrapping would keep it).
func TestBreakLinesMeasuresWholeLines(t *testing.T) {
	// "ab cd" is 5 wide in pieces, 4 with kerning.
	if got := breakLines("ab cd ef", 4, kerned); !slices.Equal(got, []string{"ab cd", "ef"}) {
		t.Errorf("got %q", got)
	}
}

// checkBreaks checks the invariants of breakRunes for text at width.
func checkBreaks(t *testing.T, text string, width float32, measure func(string) float32) {
	t.Helper()
	runes := []rune(text)
	m := func(from, to int) float32 { return measure(string(runes[from:to])) }
	lines := breakRunes(runes, width, m)
	if len(lines) == 0 || lines[0].begin != 0 {
		t.Fatalf("%q at %v: lines %v do not start at 0", text, width, lines)
	}
	if want := strings.Count(text, "\n") + 1; len(lines) < want {
		t.Fatalf("%q: %d lines for %d paragraphs", text, len(lines), want)
	}
	if got := breakLines(text, width, measure); len(got) != len(lines) {
		t.Fatalf("%q: breakLines gives %d lines, breakRunes %d", text, len(got), len(lines))
	}
	newlines := 0
	paraStart := 0
	for i, l := range lines {
		if l.begin > l.end || l.end > len(runes) {
			t.Fatalf("%q: bad line %v", text, l)
		}
		line := string(runes[l.begin:l.end])
		if strings.ContainsRune(line, '\n') {
			t.Fatalf("%q: line %q holds a newline", text, line)
		}
		// What is left out after a line: break spaces, then at most one "\n".
		next := len(runes)
		if i+1 < len(lines) {
			next = lines[i+1].begin
		}
		if next < l.end {
			t.Fatalf("%q: lines %v overlap", text, lines)
		}
		gap := runes[l.end:next]
		nl := slices.Index(gap, '\n')
		if nl >= 0 {
			newlines++
			if nl != len(gap)-1 {
				t.Fatalf("%q: after line %q, %q is left out", text, line, string(gap))
			}
			gap = gap[:nl]
		}
		for _, r := range gap {
			if !isBreakSpace(r) {
				t.Fatalf("%q: after line %q, %q is left out", text, line, string(gap))
			}
		}
		if width <= 0 && i+1 < len(lines) && nl < 0 {
			t.Fatalf("%q: broken with no width", text)
		}
		if nl >= 0 || i+1 == len(lines) {
			paraStart = next
			continue
		}
		// A break inside a paragraph.
		opps := breakOpps(runes, paraStart, paraEndOf(runes, l.end))
		isOpp := slices.ContainsFunc(opps, func(o breakOpp) bool { return o.end == l.end && o.next == next })
		if !isOpp {
			// A cut: only where no break opportunity fits.
			for _, o := range opps {
				if o.end > l.begin && o.end <= l.end {
					t.Fatalf("%q at %v: line %q was cut though it could end at %d", text, width, line, o.end)
				}
			}
			continue
		}
		first, _ := utf8.DecodeRuneInString(string(runes[next:]))
		last, _ := utf8.DecodeLastRuneInString(line)
		if isNoLineStart(first) || isNoLineEnd(last) || isGlue(first) {
			t.Fatalf("%q at %v: the break after %q comes before %q", text, width, line, first)
		}
		// Greedy: the line could not have reached the next opportunity.
		for _, o := range opps {
			if o.end > l.end {
				if w := measure(string(runes[l.begin:o.end])); w <= width {
					t.Fatalf("%q at %v: line %q could have run on to %q (%v wide)", text, width, line, string(runes[l.begin:o.end]), w)
				}
				break
			}
		}
	}
	for _, l := range lines {
		line := string(runes[l.begin:l.end])
		// Every line fits, unless it is one character (and its marks).
		if w := measure(line); width > 0 && w > width && utf8.RuneCountInString(strings.TrimRightFunc(line, isGlue)) > 1 {
			t.Fatalf("%q at %v: line %q is %v wide", text, width, line, w)
		}
		// A line is empty only for an empty paragraph (or one of spaces).
		if l.begin == l.end {
			p0, p1 := l.begin, paraEndOf(runes, l.begin)
			for p0 > 0 && runes[p0-1] != '\n' {
				p0--
			}
			if strings.TrimFunc(string(runes[p0:p1]), isBreakSpace) != "" {
				t.Fatalf("%q at %v: an empty line in paragraph %q", text, width, string(runes[p0:p1]))
			}
		}
	}
	if newlines != strings.Count(text, "\n") {
		t.Fatalf("%q: %d newlines left out, text has %d", text, newlines, strings.Count(text, "\n"))
	}
}

// paraEndOf is the end of the paragraph holding rune i.
func paraEndOf(runes []rune, i int) int {
	for i < len(runes) && runes[i] != '\n' {
		i++
	}
	return i
}

func TestBreakLinesInvariants(t *testing.T) {
	texts := []string{
		"近期有关于本市自来水的传言。请在十五分钟内决定初步声明（包括已知事实、未知事项和下一步行动），并通知“市民热线”……",
		"开始于 2026-12-06 02:35 · 已结束",
		"A reporter calls: \"Is the water safe?\" You have 15 minutes — decide what to say (and who says it).",
		"see /home/user/.local/share/firebreak/scenarios/very-long-file-name.yaml for details",
		"一\n\n二三四五六七八九十。。。。。",
		"（（（（（（一二三）））））",
		"e\u0301\u0301a\u0300 一\u0301二",
		"   \n  x  \n",
	}
	for _, text := range texts {
		for w := float32(0); w <= 40; w++ {
			checkBreaks(t, text, w, units)
			checkBreaks(t, text, w, kerned)
		}
	}
}

func FuzzBreakLines(f *testing.F) {
	for _, s := range []string{"", "一二三四五。六七", "The quick brown fox", "（五六）“七”……——", "a\nb  c\u3000d", "/very/long/path.yaml"} {
		f.Add(s, uint8(10))
	}
	f.Fuzz(func(t *testing.T, text string, width uint8) {
		if !utf8.ValidString(text) || utf8.RuneCountInString(text) > 400 {
			return // the checks take time quadratic in the length
		}
		checkBreaks(t, text, float32(width), kerned)
	})
}

func BenchmarkBreakLines(b *testing.B) {
	para := strings.Repeat("近期有关于本市自来水的传言，请在十五分钟内决定初步声明（包括已知事实、未知事项和下一步行动）。", 7)[:0]
	for utf8.RuneCountInString(para) < 300 {
		para += "近期有关于本市自来水的传言，请在十五分钟内决定初步声明（包括已知事实、未知事项和下一步行动）。"
	}
	para = string([]rune(para)[:300])
	b.Run(fmt.Sprintf("%d runes, counting", utf8.RuneCountInString(para)), func(b *testing.B) {
		for b.Loop() {
			breakLines(para, 40, units)
		}
	})
}

// breakLines breaks text into lines no wider than width, as measure (the
// drawn width of a string) sees them, by the rules above: at every "\n",
// and where a paragraph is too wide for one line. The spaces where a line
// breaks are left out. A width of zero or less breaks at "\n" only.
func breakLines(text string, width float32, measure func(string) float32) []string {
	runes := []rune(text)
	var out []string
	for _, l := range breakRunes(runes, width, func(from, to int) float32 { return measure(string(runes[from:to])) }) {
		out = append(out, string(runes[l.begin:l.end]))
	}
	return out
}
