package rubric

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// text is a statement prepared for matching. Matching runs on a normalised
// copy (lower case, full-width forms folded to ASCII, traditional Chinese
// characters folded to simplified, whitespace runs collapsed, spaces between
// Chinese characters dropped), one normalised rune per kept input rune, so
// every match maps back to a span of the original string: evidence is always
// a substring of what the team wrote.
type text struct {
	orig     string
	lower    []rune // normalised, lower case
	cased    []rune // normalised, case kept (batch codes are upper case)
	start    []int  // byte offset in orig where lower[i] begins
	end      []int  // byte offset in orig where lower[i] ends
	lowerStr string
	casedStr string
	lowerAt  []int // byte offset in lowerStr -> rune index (-1 inside a rune)
	casedAt  []int
	sentence []int // sentence number of each rune
	clause   []int // clause number of each rune (sentences split further at commas)
	invalid  int   // bytes that were not UTF-8
	han      int   // Chinese characters
	latin    int   // Latin words of three letters or more
	l        *wordLists
	numWin   [][2]int              // windows that hold every match of the numericRes (findRe), once asked for
	runeByte []int                 // rune index -> byte offset in lowerStr, made with numWin
	trigrams *[1 << 16 / 64]uint64 // a bit for each hash of three bytes of lowerStr (mayContain), once asked for
}

// span is a half-open range of normalised rune indices.
type span struct{ a, b int }

// HanWidth is how many characters of other scripts say as much as one
// Chinese character: the English statements of the corpus's pairs have 3.0
// times the characters of their Chinese translations. A distance that
// means "close" (an update word and its time) is measured in Chinese
// characters, each other character counting 1/HanWidth, so that the same
// sentence is as close in either language (version 8).
const HanWidth = 3.0

// width is the distance from rune a to rune b in Chinese characters' worth.
func (t *text) width(a, b int) float64 {
	var w float64
	for i := max(a, 0); i < b && i < len(t.lower); i++ {
		if unicode.Is(unicode.Han, t.lower[i]) {
			w++
		} else {
			w += 1 / HanWidth
		}
	}
	return w
}

func (s span) overlaps(o span) bool { return s.a < o.b && o.a < s.b }

func newText(s string) *text {
	t := &text{orig: s}
	type raw struct {
		r          rune
		start, end int
	}
	var rs []raw
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w <= 1 {
			t.invalid++
			w = 1
		}
		rs = append(rs, raw{r, i, i + w})
		i += w
	}
	isHan := func(r rune) bool { return unicode.Is(unicode.Han, r) }
	push := func(c rune, start, end int) {
		t.cased = append(t.cased, c)
		t.lower = append(t.lower, unicode.ToLower(c))
		t.start = append(t.start, start)
		t.end = append(t.end, end)
	}
	for i := 0; i < len(rs); i++ {
		c := fold(rs[i].r)
		if c == drop {
			continue
		}
		if c != ' ' && c != '\n' {
			push(c, rs[i].start, rs[i].end)
			continue
		}
		// A run of whitespace (and dropped characters) becomes one space or,
		// when it holds a line break, one line break. Between two Chinese
		// characters a run without a line break disappears: "深 表 歉 意".
		j, nl := i, false
		for ; j < len(rs); j++ {
			cj := fold(rs[j].r)
			if cj == '\n' {
				nl = true
			} else if cj != ' ' && cj != drop {
				break
			}
		}
		prevHan := len(t.lower) > 0 && isHan(t.lower[len(t.lower)-1])
		nextHan := j < len(rs) && isHan(fold(rs[j].r))
		switch {
		case nl:
			push('\n', rs[i].start, rs[i].end)
		case prevHan && nextHan:
		default:
			push(' ', rs[i].start, rs[i].end)
		}
		i = j - 1
	}
	t.lowerStr, t.lowerAt = runeIndex(t.lower)
	t.casedStr, t.casedAt = runeIndex(t.cased)
	t.sentence = make([]int, len(t.lower))
	t.clause = make([]int, len(t.lower))
	sent, cl := 0, 0
	for i, r := range t.lower {
		t.sentence[i], t.clause[i] = sent, cl
		if t.endsSentence(i) {
			sent++
			cl++
		} else if t.endsClause(i, r) {
			cl++
		}
		if isHan(r) {
			t.han++
		}
	}
	for _, w := range strings.FieldsFunc(t.lowerStr, func(r rune) bool { return r < 'a' || r > 'z' }) {
		if len(w) >= 3 {
			t.latin++
		}
	}
	return t
}

func runeIndex(rs []rune) (string, []int) {
	var b strings.Builder
	at := make([]int, 0, len(rs)+1)
	for i, r := range rs {
		n := utf8.RuneLen(r)
		if n < 0 {
			n = 3 // cannot happen: fold keeps runes valid
		}
		at = append(at, i)
		for k := 1; k < n; k++ {
			at = append(at, -1)
		}
		b.WriteRune(r)
	}
	at = append(at, len(rs))
	return b.String(), at
}

// drop marks a rune that disappears from the normalised text.
const drop = rune(-1)

// fold maps one input rune to its normalised form (before lower-casing).
func fold(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		r -= 0xFEE0
	case r == 0xFF61:
		r = '。'
	case r == '\u3000' || r == '\t' || r == '\u00A0':
		return ' '
	case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085':
		return '\n'
	case r == '\u2018' || r == '\u2019' || r == '\u02BC' || r == '\u2032':
		return '\''
	case r == '\u201C' || r == '\u201D':
		return '"'
	case r >= '\u2010' && r <= '\u2013' || r == '\u2212' || r == '\uFE63':
		return '-'
	case r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\uFEFF' || r == '\u00AD':
		return drop
	case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0):
		return ' '
	case unicode.IsSpace(r):
		return ' '
	}
	if s, ok := hant[r]; ok {
		return s
	}
	return r
}

func (t *text) endsSentence(i int) bool {
	switch t.lower[i] {
	case '。', '!', '?', ';', '\n', '…', utf8.RuneError:
		// Bytes that are not UTF-8 end a sentence, so no quote spans them.
		return true
	case '.':
		// A full stop ends a sentence when a space or the end follows: not
		// in 4.8, www.example.com or 11.26.
		return i+1 == len(t.lower) || t.lower[i+1] == ' ' || t.lower[i+1] == '\n'
	}
	return false
}

func (t *text) endsClause(i int, r rune) bool {
	switch r {
	case '、', '(', ')', '（', '）', '—', '"', '「', '」', '《', '》':
		return true
	case ',', ':':
		// Not inside 48,000 or 20:00.
		return !(i > 0 && i+1 < len(t.lower) && isDigit(t.lower[i-1]) && isDigit(t.lower[i+1]))
	}
	return false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isWordRune(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || isDigit(r))
}

// quote returns the original text of a span.
func (t *text) quote(s span) string { return t.orig[t.start[s.a]:t.end[s.b-1]] }

// --- literal and gap patterns ---------------------------------------------

// lit is one word or phrase. Latin entries match whole words ("sue" does not
// match "issue"); a trailing * makes the entry a prefix ("apolog*").
// Chinese entries match as substrings.
type lit struct {
	s                  string // normalised, lower case
	wordStart, wordEnd bool
	prefix             bool // quote the whole word a prefix entry starts
}

func newLit(w string) lit {
	prefix := strings.HasSuffix(w, "*")
	w = strings.TrimSuffix(w, "*")
	var b strings.Builder
	for _, r := range w {
		if r == utf8.RuneError {
			continue // not text
		}
		if c := fold(r); c != drop {
			b.WriteRune(unicode.ToLower(c))
		}
	}
	s := b.String()
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return lit{s: s, wordStart: isWordRune(first), wordEnd: isWordRune(last) && !prefix, prefix: prefix && isWordRune(last)}
}

func (l lit) find(t *text) []span {
	if l.s == "" {
		return nil
	}
	if !t.mayContain(l.s) {
		return nil
	}
	var out []span
	n := utf8.RuneCountInString(l.s)
	for off := 0; off < len(t.lowerStr); {
		k := strings.Index(t.lowerStr[off:], l.s)
		if k < 0 {
			break
		}
		bi := off + k
		a := t.lowerAt[bi]
		_, w := utf8.DecodeRuneInString(t.lowerStr[bi:])
		off = bi + w
		if a < 0 {
			continue
		}
		b := a + n
		if l.wordStart && a > 0 && isWordRune(t.lower[a-1]) {
			continue
		}
		if l.wordEnd && b < len(t.lower) && isWordRune(t.lower[b]) {
			continue
		}
		for l.prefix && b < len(t.lower) && isWordRune(t.lower[b]) {
			b++
		}
		out = append(out, span{a, b})
	}
	return out
}

// trigramHash hashes three bytes to 16 bits.
func trigramHash(a, b, c byte) uint32 {
	return (uint32(a)*0x9E3779B1 ^ uint32(b)*0x85EBCA77 ^ uint32(c)*0xC2B2AE3D) >> 16
}

// mayContain reports whether lowerStr may contain s: false when one of
// its first and last three bytes is not in lowerStr, which most of the
// word lists' entries are not (a statement holds a few hundred of their
// thousands). It spares strings.Index over the whole text for each entry;
// it never says false for a string that is there.
func (t *text) mayContain(s string) bool {
	if len(s) < 3 {
		return true
	}
	if t.trigrams == nil {
		t.trigrams = new([1 << 16 / 64]uint64)
		str := t.lowerStr
		for i := 0; i+2 < len(str); i++ {
			h := trigramHash(str[i], str[i+1], str[i+2])
			t.trigrams[h/64] |= 1 << (h % 64)
		}
	}
	for _, i := range [2]int{0, len(s) - 3} {
		h := trigramHash(s[i], s[i+1], s[i+2])
		if t.trigrams[h/64]&(1<<(h%64)) == 0 {
			return false
		}
	}
	return true
}

// pattern is a literal, or "A…B": A followed by B in the same sentence with
// at most a few characters between (24 for Latin B, 10 for Chinese B).
type pattern struct {
	a, b  lit
	gap   bool
	limit int
}

func newPattern(p string) pattern {
	if i := strings.Index(p, "…"); i >= 0 {
		b := newLit(p[i+len("…"):])
		limit := 10
		if b.wordStart {
			limit = 24
		}
		return pattern{a: newLit(p[:i]), b: b, gap: true, limit: limit}
	}
	return pattern{a: newLit(p)}
}

func (p pattern) find(t *text) []span {
	as := p.a.find(t)
	if !p.gap || len(as) == 0 {
		return as
	}
	bs := p.b.find(t)
	var out []span
	for _, a := range as {
		i := sort.Search(len(bs), func(i int) bool { return bs[i].a >= a.b })
		if i < len(bs) && bs[i].a-a.b <= p.limit && t.sentence[bs[i].a] == t.sentence[a.a] {
			out = append(out, span{a.a, bs[i].b})
		}
	}
	return out
}

func compile(words []string) []pattern {
	out := make([]pattern, len(words))
	for i, w := range words {
		out[i] = newPattern(w)
	}
	return out
}

// findAll returns the non-overlapping matches of any of the patterns, in text
// order, preferring the longest match at each place.
func (t *text) findAll(ps []pattern) []span {
	var all []span
	for _, p := range ps {
		all = append(all, p.find(t)...)
	}
	return disjoint(all)
}

func disjoint(all []span) []span {
	sort.Slice(all, func(i, j int) bool {
		if all[i].a != all[j].a {
			return all[i].a < all[j].a
		}
		return all[i].b > all[j].b
	})
	var out []span
	for _, s := range all {
		if len(out) > 0 && out[len(out)-1].overlaps(s) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// findRe returns the matches of a regular expression on the lower-case (or,
// with cased, the case-kept) normalised text.
func (t *text) findRe(re *regexp.Regexp, cased bool) []span {
	str, at := t.lowerStr, t.lowerAt
	if cased {
		str, at = t.casedStr, t.casedAt
	}
	var out []span
	if req, ok := requiredWords[re]; ok && !cased && !containsAny(str, req) {
		return nil
	}
	if !cased && numericRes[re] {
		if t.runeByte == nil {
			t.numWin = numericWindows(t.lower)
			t.runeByte = make([]int, len(t.lower)+1)
			for b := len(str) - 1; b >= 0; b-- {
				if at[b] >= 0 {
					t.runeByte[at[b]] = b
				}
			}
			t.runeByte[len(t.lower)] = len(str)
		}
		for _, w := range t.numWin {
			from := t.runeByte[w[0]]
			for _, m := range re.FindAllStringIndex(str[from:t.runeByte[w[1]]], -1) {
				if m[0] != m[1] {
					out = append(out, span{at[from+m[0]], at[from+m[1]]})
				}
			}
		}
		return out
	}
	for _, m := range re.FindAllStringIndex(str, -1) {
		if m[0] == m[1] {
			continue
		}
		out = append(out, span{at[m[0]], at[m[1]]})
	}
	return out
}

// negated reports whether the words just before a match, in its clause, deny
// it: "we will not sue", "这不是个别现象", "绝不追究".
func (t *text) negated(s span) bool {
	from := s.a - 20
	if from < 0 {
		from = 0
	}
	for from < s.a && t.clause[from] != t.clause[s.a] {
		from++
	}
	if from == s.a {
		return false
	}
	before := t.quotedLead(from) + string(t.lower[from:s.a])
	for _, c := range negationZh {
		if strings.Contains(before, c) {
			return true
		}
	}
	if t.lower[s.a-1] == '不' || t.lower[s.a-1] == '没' || t.lower[s.a-1] == '未' {
		return true
	}
	for _, c := range negationEn {
		if strings.HasSuffix(c, "n't") {
			if strings.Contains(before, c) {
				return true
			}
			continue
		}
		for i := 0; ; {
			k := strings.Index(before[i:], c)
			if k < 0 {
				break
			}
			at := i + k
			okStart := at == 0 || !isWordRune(rune(before[at-1]))
			okEnd := at+len(c) == len(before) || !isWordRune(rune(before[at+len(c)]))
			if okStart && okEnd {
				return true
			}
			i = at + 1
		}
	}
	return false
}

// after reports whether one of the cues comes shortly before a match, in its
// clause.
func (t *text) after(s span, cues []string) bool {
	from := s.a - 20
	if from < 0 {
		from = 0
	}
	for from < s.a && t.clause[from] != t.clause[s.a] {
		from++
	}
	before := string(t.lower[from:s.a])
	for _, c := range cues {
		if strings.Contains(before, c) {
			return true
		}
	}
	return false
}

var demandCues = []string{"demand", "require them", "ask them to", "要求", "责令"}

var negationEn = []string{"not", "n't", "cannot", "never", "no need to", "refuse to", "refuses to", "nor", "no longer", "without", "rather than", "instead of",
	"no plans to", "no plan to", "no intention", "wrong to", "unfair to", "dishonest to"}

var negationZh = []string{"不作", "不做", "不会", "不必", "不用", "不需要", "不需", "不予", "不能", "不再", "不是", "不属于", "不存在", "不要", "不打算", "不想", "不愿", "不愿意", "无需", "无须", "没有", "拒绝", "并非", "绝不", "决不", "概不", "从不", "从未", "未曾", "并未", "尚未", "不妄加", "不去", "不会去", "而不是", "不能再", "不得", "请勿", "切勿", "禁止", "与其", "勿", "无意", "没有打算", "不考虑"}

// quotedLead returns, when the clause starting at or after from follows a
// short quotation inside its sentence (请不要想着“等退款到了再说”而继续使用,
// "don't take 'it looked fine' as a reason to keep using it"), the words
// of the clause before the quotation, so a negation there still reaches
// past it. The quoted words themselves are skipped.
func (t *text) quotedLead(from int) string {
	cs := from
	for cs > 0 && t.clause[cs-1] == t.clause[from] {
		cs--
	}
	if cs == 0 || t.lower[cs-1] != '"' || t.sentence[cs-1] != t.sentence[from] {
		return ""
	}
	open := -1
	for k := cs - 2; k >= 0 && t.sentence[k] == t.sentence[from] && cs-k <= 30; k-- {
		if t.lower[k] == '"' {
			open = k
			break
		}
	}
	if open <= 0 {
		return ""
	}
	a := open
	for a > 0 && open-a < 12 && t.clause[a-1] == t.clause[open-1] {
		a--
	}
	return string(t.lower[a:open]) + " "
}

// negationStart returns where the negation that denies s begins (the
// "will not be" of "will not be commenting", the 不便 of 不便置评), so
// evidence quotes it; s.a when none is found.
func (t *text) negationStart(s span) int {
	from := max(0, s.a-20)
	for from < s.a && t.clause[from] != t.clause[s.a] {
		from++
	}
	before := string(t.lower[from:s.a])
	best := -1
	for _, c := range append(append(append([]string(nil), negationEn...), negationZh...), refuseZh...) {
		if i := strings.LastIndex(before, c); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	if best < 0 {
		if s.a > 0 && strings.ContainsRune("不没未", t.lower[s.a-1]) {
			return s.a - 1
		}
		return s.a
	}
	return from + len([]rune(before[:best]))
}
