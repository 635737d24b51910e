package rubric

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Patterns for concrete details, applied whatever the language (a Chinese
// statement may carry an English date, a batch code or a hotline number).
// They run on the normalised text: lower case, full-width digits and
// punctuation folded to ASCII.

const monthRe = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`

var (
	// How many: a number with what it counts.
	countRe = regexp.MustCompile(`(?:\b\d{1,3}(?:[ ,.]\d{3})+|\b\d[\d,.]*\d|\b\d)[\s-]?(?:k|thousand|million|m)?[\s-]?(?:bottles?|cans?|units?|packs?|packets?|boxes|cartons?|` +
		`people|persons?|customers?|users?|consumers?|children|kids|babies|parents|patients?|families|households|stores?|shops?|restaurants?|` +
		`outlets?|branches|cases?|complaints?|orders?|accounts?|records?|reports?|employees|staff|workers|batch(?:es)?|products?|items?|` +
		`tonnes?|tons?|kg|ml|litres?|liters?|yuan|rmb|dollars?|percent|cities|provinces|countries|hospitals?|crew|passengers|times|` +
		// Like Chinese measure words (个, 次, 台), any plural noun after
		// a number says how many: 46 flights, 4 times, 312 passengers.
		`[a-z]{2,}s)\b` +
		`|\d+(?:\.\d+)?\s?%` +
		`|\d[\d,.]*\s?(?:万|千|百|亿)?\s?(?:瓶|罐|件|箱|盒|袋|听|人|名|位|例|家|起|批|单|笔|户|吨|公斤|千克|毫升|元|份|所|座|辆|台|次|条|个)` +
		`|[一二三四五六七八九两]?[十百千万][一二三四五六七八九十百千万]*(?:名|位|家|例|瓶|人|件|批|起|户)` +
		`|[两三四五六七八九]家`)
	// How many, in words: "six batches".
	countWordsRe = regexp.MustCompile(`\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds? of|thousands? of|dozens? of) ` +
		`(?:people|children|staff|crew|[a-z]{2,}s)\b`)
	// Big numbers and measurements stand alone: 418,000; 4.8万; 14.2°C.
	amountRe = regexp.MustCompile(`\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s?(?:万|亿)|\d+(?:\.\d+)?\s?(?:°c|℃|°)`)
	// When: dates.
	dateRe = regexp.MustCompile(`\b` + monthRe + `\.?\s+\d{1,2}(?:st|nd|rd|th)?\b` +
		`|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthRe + `\b` +
		`|\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b` +
		`|(?:\d{2,4}年)?\d{1,2}月\d{1,2}[日号]|\d{4}年\d{1,2}月|[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}[日号]`)
	// When: clock times.
	clockRe = regexp.MustCompile(`\b\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b)|\b\d{1,2}:\d{2}\b` +
		`|(?:凌晨|早上|上午|中午|下午|傍晚|晚上|今晚|明早|明晚)?\d{1,2}(?::\d{2}|点(?:\d{1,2}分|半|钟)?|时(?:\d{1,2}分)?)` +
		`|(?:凌晨|早上|上午|中午|下午|傍晚|晚上|今晚|明早|明晚|明天)[一二三四五六七八九十]{1,3}点(?:半)?`)
	// Relative times for an update ("within 24 hours", "every 2 hours").
	spanTimeRe = regexp.MustCompile(`\b(?:within|in|every)\s+(?:\d+|one|two|three|four|five|six|seven|ten|twelve|a|an)\s+(?:hours?|days?|minutes?|weeks?|months?)\b` +
		`|每\d+(?:个)?小时|(?:\d+|[一二三四五六七八九十两])(?:个)?(?:小时|天|日|周|星期|工作日|月)内`)
	// What / which: batch, lot, report and product codes (case kept).
	codeRe = regexp.MustCompile(`\b[A-Z]{1,6}-?\d{2,}(?:[-/]\d+)*\b`)
	// Where: production lines, plants, named stores.
	placeRe = regexp.MustCompile(`\bline\s?\d+\b|\b(?:plant|factory|warehouse|production line|kitchens?)\b` +
		`|\d+号(?:生产)?线|生产线|工厂|车间|仓库|后厨|\p{Han}{2,4}(?:路|街|广场)(?:店|门店|分店)|分店`)
	// Where: named roads and squares (case kept).
	namedPlaceRe = regexp.MustCompile(`\b[A-Z][a-z]+ (?:Road|Street|Avenue|Plaza|Square|Lane)\b`)
	emailRe      = regexp.MustCompile(`[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}`)
	urlRe        = webRe("com|cn|net|org|gov|hk|tw|io", "+")
	// urlReV13 (version 13) knows more domains (.uk, .edu, .info, .au…):
	// severnvalewater.co.uk was no web address. The name before the
	// domain has two characters or more, so "the U.K." is none.
	urlReV13 = webRe("com|cn|net|org|gov|hk|tw|io|uk|edu|info|biz|au|nz|ca|ie|sg|eu|de|fr|jp|mo|app", "{2,}")
)

// webRe matches a web address: one with a scheme or www., or a name under
// one of the top-level domains tlds (alternatives for a regexp), the
// first label repeated as name says ("+", "{2,}").
func webRe(tlds, name string) *regexp.Regexp {
	return regexp.MustCompile(`(?:https?://|www\.)[a-z0-9\-._~/?#=&%+]+|\b[a-z0-9-]` + name +
		`(?:\.[a-z0-9-]+)*\.(?:` + tlds + `)\b(?:/[a-z0-9\-._~/?#=&%+]*)?`)
}

// phoneCues make a shorter run of digits a phone number: "call 12345".
var phoneCues = []string{"hotline", "helpline", "call", "phone", "tel", "dial", "热线", "电话", "拨打", "致电", "客服", "专线"}

// phones finds phone-number-like digit runs: 400-000-2611, +86 10 1234 5678,
// 4000002611, (021) 5555 1234; five or more digits after a cue word. It
// leaves out dates (2024-11-26), thousands (1 930 000), batch codes
// (CB-2611-07) and plain numbers.
func (t *text) phones() []span {
	rs := t.lower
	var out []span
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if !(isDigit(r) || (r == '+' || r == '(') && i+1 < len(rs) && isDigit(rs[i+1])) {
			continue
		}
		if i > 0 {
			p := rs[i-1]
			if isWordRune(p) || p == '-' || p == '.' || p == ',' || p == '/' || p == '+' {
				// skip the rest of this token
				for i+1 < len(rs) && (isDigit(rs[i+1]) || rs[i+1] == '-') {
					i++
				}
				continue
			}
		}
		j := i
		if rs[j] == '+' || rs[j] == '(' {
			j++
		}
		var groups, ends, sepAt []int
		seps := ""
		n := 0
		for {
			k := j
			for k < len(rs) && isDigit(rs[k]) {
				k++
			}
			groups = append(groups, k-j)
			ends = append(ends, k)
			n += k - j
			j = k
			// separator: one or two of - space . ( ) followed by a digit
			s := j
			for s < len(rs) && s-j < 2 && strings.ContainsRune("- .()", rs[s]) {
				s++
			}
			if s > j && s < len(rs) && isDigit(rs[s]) {
				sepAt = append(sepAt, len(seps))
				seps += string(rs[j:s])
				j = s
				continue
			}
			break
		}
		end := j
		if end < len(rs) && (isWordRune(rs[end]) || rs[end] == '-') {
			// "0800 048 3321 (8am to 8pm)": the hours joined the number
			// as its last group; the number is what comes before them
			// (version 13).
			if last := len(groups) - 1; last >= 2 && t.l != nil && t.l.cfg.on(v13Phone) && strings.ContainsRune(seps[sepAt[last-1]:], '(') {
				n -= groups[last]
				groups, end, seps = groups[:last], ends[last-1], seps[:sepAt[last-1]]
			} else {
				i = end
				continue
			}
		}
		sp := span{i, end}
		isPhone := false
		switch {
		case len(groups) == 3 && groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2:
			// a date
		case len(groups) >= 2 && groups[0] <= 3 && allThree(groups[1:]) && !strings.ContainsAny(seps, "-()"):
			// thousands: 1 930 000
			isPhone = rs[i] == '+'
		case n >= 7 && n <= 15 && len(groups) >= 2:
			isPhone = true
		case n >= 10 && n <= 15:
			isPhone = true
		case rs[i] == '+' && n >= 8:
			isPhone = true
		}
		if !isPhone && n >= 5 && n <= 15 && t.cueBefore(i) {
			isPhone = true
		}
		if isPhone {
			out = append(out, sp)
		}
		i = end
	}
	return out
}

func allThree(gs []int) bool {
	for _, g := range gs {
		if g != 3 {
			return false
		}
	}
	return true
}

// cueBefore reports whether a phone cue word ends within 12 runes before i.
func (t *text) cueBefore(i int) bool {
	from := i - 12
	if from < 0 {
		from = 0
	}
	before := string(t.lower[from:i])
	for _, c := range phoneCues {
		if strings.Contains(before, c) {
			return true
		}
	}
	return false
}

// numericRes are the patterns every match of which holds a numeral (an
// ASCII digit or a Chinese numeral): counts, amounts, dates and clock
// times. They are the slowest to run over a whole statement (Go's regexp
// tries each of their alternatives at every position), so findRe runs
// them only over the windows around numerals (numericWindows), where all
// their matches lie; TestNumericWindowsFindEveryMatch and
// FuzzNumericWindows check that the matches are the same as over the
// whole text.
var numericRes = map[*regexp.Regexp]bool{countRe: true, amountRe: true, dateRe: true, clockRe: true}

// requiredWords are, for the patterns that need one, the words one of
// which every match contains: without any of them in the text, findRe
// does not run the pattern (TestNumericWindowsFindEveryMatch checks this
// too).
var requiredWords = map[*regexp.Regexp][]string{
	placeRe: {"line", "plant", "factory", "warehouse", "kitchen", "号", "生产线", "工厂", "车间", "仓库", "后厨", "路", "街", "广场", "分店"},
	countWordsRe: {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty",
		"fifty", "hundred", "thousand", "dozen"},
	spanTimeRe: {"hour", "day", "minute", "week", "month", "小时", "内"},
}

// isNumeral reports whether r is a digit or a Chinese numeral.
func isNumeral(r rune) bool {
	return isDigit(r) || strings.ContainsRune("一二三四五六七八九十百千万两亿", r)
}

// isREWord reports whether r is a word character for regexp's \b.
func isREWord(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || isDigit(r) || r == '_')
}

// numericWindows returns, in rune indices of rs, the disjoint windows
// that hold every match of the numericRes: around each run of numerals
// (digits joined by one of " ,.:/-"), what can come before a numeral in
// a match (a month's name, a full stop and spaces: "sept. 12"; two
// Chinese characters: 凌晨5点) and after it (up to four words and the
// spaces between: "12 thousand bottles", "3rd of september", "5 p.m.";
// three Chinese characters after commas, full stops and two spaces: 点半,
// 公斤, "40,位"; "%", "°c"), widened until the
// characters on either side are not word characters, so that \b reads
// the same inside a window as in the whole text.
func numericWindows(rs []rune) [][2]int {
	var out [][2]int
	isSpace := func(r rune) bool { return unicode.IsSpace(r) }
	isLetter := func(r rune) bool { return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }
	for i := 0; i < len(rs); {
		if !isNumeral(rs[i]) {
			i++
			continue
		}
		a, b := i, i+1
		for b < len(rs) {
			if isNumeral(rs[b]) {
				b++
			} else if b+1 < len(rs) && strings.ContainsRune(" ,.:/-", rs[b]) && isNumeral(rs[b+1]) {
				b += 2
			} else {
				break
			}
		}
		i = b
		// Before: spaces, a full stop, letters; or two Han characters.
		l := a
		for l > 0 && isSpace(rs[l-1]) {
			l--
		}
		if l > 0 && rs[l-1] == '.' {
			l--
		}
		for l > 0 && isLetter(rs[l-1]) {
			l--
		}
		if h := max(0, a-2); h < l {
			l = h
		}
		// After: up to four words, with spaces, hyphens, full stops, "%",
		// "°" and "℃" around them; or three Han characters after an
		// optional space.
		r := b
		for words := 0; r < len(rs); {
			c := rs[r]
			switch {
			case isSpace(c) || strings.ContainsRune(",.-%°℃", c):
				r++
				continue
			case isLetter(c) && words < 4:
				for r < len(rs) && isLetter(rs[r]) {
					r++
				}
				words++
				continue
			}
			break
		}
		h := b
		for h < len(rs) && (rs[h] == ',' || rs[h] == '.') {
			h++ // \d[\d,.]* takes them: "40,位" is a count
		}
		for k := 0; k < 2 && h < len(rs) && isSpace(rs[h]); k++ {
			h++ // \s?(?:万|千|百|亿)?\s?(?:瓶|…)
		}
		for k := 0; k < 3 && h < len(rs) && unicode.Is(unicode.Han, rs[h]); k++ {
			h++
		}
		r = max(r, h)
		if n := len(out); n > 0 && out[n-1][1] >= l {
			out[n-1][1] = max(out[n-1][1], r)
		} else {
			out = append(out, [2]int{l, r})
		}
	}
	// Widen each window until its edges fall between a word character and
	// anything else, merging windows that meet.
	var merged [][2]int
	for _, w := range out {
		for w[0] > 0 && isREWord(rs[w[0]-1]) {
			w[0]--
		}
		for w[1] < len(rs) && isREWord(rs[w[1]]) {
			w[1]++
		}
		if n := len(merged); n > 0 && merged[n-1][1] >= w[0] {
			merged[n-1][1] = max(merged[n-1][1], w[1])
		} else {
			merged = append(merged, w)
		}
	}
	return merged
}
