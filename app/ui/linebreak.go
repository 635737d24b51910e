package ui

import "unicode"

// Line breaking for wrapped text, in English and Chinese.
//
// Fyne's TextWrapWord breaks at the last space that fits and otherwise at
// any rune. Chinese has no spaces, so a wrapped Chinese paragraph can start a
// line with "。" or end one with "（". The rules here are those of
// /work/shared/design/CHINESE-TEXT.md (禁则, after W3C "Requirements for
// Chinese Text Layout" and Unicode line breaking, UAX #14):
//
//   - a line may break after a run of spaces (the spaces are not shown), or
//     between two characters either of which is Chinese (a Han character,
//     kana, hangul or a full-width form), so Chinese fills its lines instead
//     of waiting for a space;
//   - never before closing or middle punctuation (，。、；：？！）》」』”’ and
//     the halves of …… and ——), never after opening punctuation (（《「『“),
//     never before a combining mark;
//   - never inside a Latin word or a number (no break between two
//     characters neither of which is Chinese, as in Fyne);
//   - a unit that cannot be broken and is wider than the line (a long file
//     path) is cut where it stops fitting, as Fyne does, as a last resort.
//
// Where a break before a closing mark would be needed, the character before
// it moves down with it (the line ends a character early): the simplest
// rule that always fits.

// noLineStart holds the characters no line may start with.
const noLineStart = "，。、；：？！．）》」』】〕〗〙〛〉｝］｣”’…‥—·・〜～％‰℃°々〻" +
	",.;:?!)]}%"

// noLineEnd holds the characters no line may end with.
const noLineEnd = "（《「『【〔〖〘〚〈｛［｢“‘([{"

var noStartSet, noEndSet = runeSet(noLineStart), runeSet(noLineEnd)

func runeSet(s string) map[rune]bool {
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}

func isNoLineStart(r rune) bool { return noStartSet[r] }
func isNoLineEnd(r rune) bool   { return noEndSet[r] }

// isBreakSpace tells whether r is a space a line may break at (and which is
// not shown at the break), the zero-width space included. No-break spaces
// (U+00A0, U+2007, U+202F) are not, though unicode.IsSpace says they are
// spaces and Fyne breaks at them.
func isBreakSpace(r rune) bool {
	switch {
	case r == ' ', r == '\t', r == '\r', r == '\u3000', r == '\u1680', r == '\u205f', r == '\u200b':
		return true
	case r >= '\u2000' && r <= '\u200a':
		return r != '\u2007'
	}
	return false
}

// isWide tells whether r is Chinese, Japanese or Korean text or a full-width
// form: characters between which a line may break.
func isWide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r >= 0x2e80 && r <= 0x303f, // radicals, ideographic description, CJK symbols and punctuation
		r >= 0x3040 && r <= 0x33ff,                             // kana, bopomofo, hangul compatibility jamo, enclosed and compatibility
		r >= 0x3400 && r <= 0x4dbf,                             // extension A
		r >= 0x4e00 && r <= 0x9fff,                             // unified ideographs
		r >= 0xa960 && r <= 0xa97f, r >= 0xac00 && r <= 0xd7ff, // hangul
		r >= 0xf900 && r <= 0xfaff,                             // compatibility ideographs
		r >= 0xfe30 && r <= 0xfe4f,                             // compatibility forms
		r >= 0xff00 && r <= 0xff60, r >= 0xffe0 && r <= 0xffe6, // full-width forms
		r >= 0x20000 && r <= 0x3fffd: // supplementary ideographic planes
		return true
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r)
}

// isGlue tells whether r must stay with the character before it: combining
// marks, the zero-width joiner and variation selectors.
func isGlue(r rune) bool {
	if r < 0x300 {
		return false
	}
	return unicode.In(r, unicode.Mn, unicode.Me) || r == '\u200d' || (r >= 0xfe00 && r <= 0xfe0f)
}

// canBreakBetween tells whether a line may break between a and b, two
// characters that are not spaces, with nothing between them.
func canBreakBetween(a, b rune) bool {
	return (isWide(a) || isWide(b)) && !isNoLineStart(b) && !isNoLineEnd(a) && !isGlue(b)
}

// lineRange is one line of a broken text: its runes [begin, end). What lies
// between one line's end and the next one's begin is not shown: the spaces
// of a break, or the spaces ending a paragraph and its "\n".
type lineRange struct{ begin, end int }

// breakOpp is a place a line may end: the line's text ends at end and the
// next line starts at next (after the spaces of the break, if any).
type breakOpp struct{ end, next int }

// breakRunes is breakLines on runes, with measure giving the width of
// runes[from:to] (so that a caller can measure styled runs, and cache).
// Every paragraph gives at least one line; the first line begins at 0.
func breakRunes(runes []rune, width float32, measure func(from, to int) float32) []lineRange {
	return breakParagraphs(runes, paragraphs(runes), width, measure)
}

// paragraph is runes [begin, end) of a text, between two "\n", and where
// its lines may end.
type paragraph struct {
	begin, end int
	opps       []breakOpp
}

// paragraphs splits a text at "\n" and finds where its lines may end: what
// does not depend on the width (a label works it out once for its text).
func paragraphs(runes []rune) []paragraph {
	var out []paragraph
	start := 0
	for i := 0; i <= len(runes); i++ {
		if i == len(runes) || runes[i] == '\n' {
			out = append(out, paragraph{start, i, breakOpps(runes, start, i)})
			start = i + 1
		}
	}
	return out
}

// breakParagraphs breaks each paragraph into lines for width.
func breakParagraphs(runes []rune, paras []paragraph, width float32, measure func(from, to int) float32) []lineRange {
	var lines []lineRange
	for _, p := range paras {
		lines = breakParagraph(lines, runes, p, width, measure)
	}
	return lines
}

// paragraphEnd is where the text of runes[p0:p1] ends, spaces at its end
// left out (its leading spaces stay, as typed).
func paragraphEnd(runes []rune, p0, p1 int) int {
	for p1 > p0 && isBreakSpace(runes[p1-1]) {
		p1--
	}
	return p1
}

// breakOpps lists where a line may end inside runes[p0:p1], in order, the
// end of the paragraph last.
func breakOpps(runes []rune, p0, p1 int) []breakOpp {
	end := paragraphEnd(runes, p0, p1)
	var opps []breakOpp
	for i := p0 + 1; i < end; i++ {
		a, b := runes[i-1], runes[i]
		switch {
		case isBreakSpace(b):
			// A run of spaces: the line may end before it and the next start
			// after it, unless that would start a line with closing
			// punctuation or end one with opening punctuation.
			j := i
			for j < end && isBreakSpace(runes[j]) {
				j++
			}
			if !isBreakSpace(a) && !isNoLineEnd(a) && !isNoLineStart(runes[j]) && !isGlue(runes[j]) {
				opps = append(opps, breakOpp{i, j})
			}
			i = j // runes[j] is not a space; the loop looks at runes[j], runes[j+1] next
		case isBreakSpace(a): // leading spaces of the paragraph
		case canBreakBetween(a, b):
			opps = append(opps, breakOpp{i, i})
		}
	}
	return append(opps, breakOpp{end, p1})
}

// breakParagraph appends the lines of paragraph p to lines.
func breakParagraph(lines []lineRange, runes []rune, p paragraph, width float32, measure func(from, to int) float32) []lineRange {
	opps := p.opps
	last := opps[len(opps)-1]
	if width <= 0 {
		return append(lines, lineRange{p.begin, last.end})
	}
	start, next := p.begin, 0 // the line being filled starts at start; opps[next] is the first place it may end
	for {
		// Estimate with the widths of the pieces between break
		// opportunities (few distinct strings, so the caller's cache
		// answers), then check the line itself: kerning and shaping make a
		// line a little narrower than its pieces.
		k, est, from := next-1, float32(0), start
		for j := next; j < len(opps); j++ {
			est += measure(from, opps[j].end)
			if est > width {
				break
			}
			k, from = j, opps[j].end
		}
		for k >= next && measure(start, opps[k].end) > width {
			k--
		}
		for k+1 < len(opps) && measure(start, opps[k+1].end) <= width {
			k++
		}
		if k < next {
			// Not even the first unit fits: cut it where it stops fitting.
			end, after := cutUnit(runes, start, opps[next].end, width, measure)
			if end < opps[next].end {
				lines = append(lines, lineRange{start, end})
				start = after
				continue
			}
			k = next // the unit is one character (and its marks): a line of its own
		}
		lines = append(lines, lineRange{start, opps[k].end})
		if k == len(opps)-1 {
			return lines
		}
		start, next = opps[k].next, k+1
	}
}

// cutUnit is where to cut runes[from:to], a unit without a break
// opportunity that is wider than width: after as many runes as fit (at least
// one), but not before a combining mark, and not between Chinese
// punctuation and what it belongs to if a rune can move down with it. It
// returns where the line ends and where the next one starts: spaces at the
// cut are left out, as at a break.
func cutUnit(runes []rune, from, to int, width float32, measure func(from, to int) float32) (end, next int) {
	lo, hi := from+1, to // runes[from:lo] is the least a line holds; runes[from:hi] does not fit
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if measure(from, mid) <= width {
			lo = mid
		} else {
			hi = mid
		}
	}
	cut := lo
	for cut > from+1 && cut < to && isGlue(runes[cut]) {
		cut--
	}
	if cut > from+1 && cut < to && (runes[cut] >= 0x80 && isNoLineStart(runes[cut]) || runes[cut-1] >= 0x80 && isNoLineEnd(runes[cut-1])) {
		cut--
	}
	for cut < to && isGlue(runes[cut]) { // only glue fits after the first rune: keep it together
		cut++
	}
	end, next = cut, cut
	for end > from+1 && isBreakSpace(runes[end-1]) {
		end--
	}
	for next < to && isBreakSpace(runes[next]) {
		next++
	}
	return end, next
}
