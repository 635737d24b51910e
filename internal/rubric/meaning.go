package rubric

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Meaning beyond the word lists: who is speaking (the team, or someone the
// team quotes), whether a clause is a condition, whether the text is made of
// sentences at all, and which Chinese four-character idioms only look like
// facts. Each helper works on the normalised text's sentence and clause
// numbers, so its evidence still maps back to what the team wrote.

// reportCues introduce someone else's words: what follows, up to a contrast
// word or the end of the sentence, is quoted, not claimed.
var reportCues = []string{
	"some have called", "some have said", "some have claimed", "some have suggested", "some have described", "some people say",
	"some say", "some claim", "some are saying", "critics", "it has been said", "it has been claimed", "it has been suggested",
	"claims that", "claimed that", "claiming that", "alleged", "allegations that", "rumours that", "rumors that", "rumour that",
	"rumor that", "posts claiming", "posts saying", "posts that say", "reports claiming", "has been described as",
	"have been described as", "described it as", "called it", "called this", "calling it", "labelled", "labeled", "dismissed as",
	"the claim that", "the idea that", "the suggestion that",
	"told us", "tell us", "asked us to", "expect us to", "expected us to", "want us to", "wanted us to", "urged us to", "calls for us to",
	"要求我们", "希望我们",
	"some have blamed", "some blame", "others blame", "others have blamed", "some people blame", "many have blamed",
	"blamed by some", "some have accused", "accused us of",
	"有人指责", "有人怪", "有人归咎", "有人把责任",
	"人说", "人称", "人认为", "有人说", "有人称", "有人认为", "有人质疑", "有人指", "有人把", "有声音", "有说法", "有网友", "网友称", "网友说", "网传称", "网传说", "网上流传", "网上传言",
	"传言称", "传言说", "谣言称", "有传言", "所谓", "声称", "宣称", "称之为", "说成",
}

// selfReportCues introduce the team's own earlier words. They are quoted,
// not claimed, only when the statement takes them back (retractCues) in a
// later clause of the same sentence or in the next one: "At 00:30 we said the failures came from
// our payment partner. That was wrong." names no one; "As we said
// yesterday, the milk is safe" still says it. Version 7.
var selfReportCues = []string{
	"we said", "we stated", "we posted", "we wrote", "we claimed", "we suggested", "we implied", "we hinted", "we announced",
	"we told", "we blamed", "we named", "we threatened", "we have said", "we had said", "our earlier post", "our earlier statement",
	"our previous post", "our previous statement", "our first statement", "our first post", "our statement of", "our post at",
	"我们说", "我们称", "我们发帖", "我们发文", "我们发声明", "我们发布", "我们曾", "我们此前", "我们之前", "我们先前", "我们昨天", "我们前天", "此前发布",
	"此前的声明", "之前的声明", "上一份声明", "此前称", "此前说", "暗示",
}

// retractCues take the team's earlier words back.
var retractCues = []string{
	"wrong", "incorrect", "not true", "untrue", "mistaken", "inaccurate", "withdraw", "retract", "should not have", "shouldn't have",
	"was an error", "were errors", "a mistake", "not correct",
	"错了", "错的", "说错", "有误", "错误", "不对", "撤回", "收回", "更正", "不该", "不应该", "不实", "不准确",
}

// contrastCues end a quoted stretch: "Some have called this isolated, but
// it is not."
var contrastCues = []string{" but ", " however", " yet ", "但", "但是", "然而", "事实上", "实际上", "其实"}

// reported marks, per rune, what the team quotes rather than says: text in
// double quotes or corner brackets, and the rest of the sentence after a
// reporting cue up to a contrast word.
func (t *text) reported() []bool {
	n := len(t.lower)
	out := make([]bool, n)
	in := false
	for i, r := range t.lower {
		switch r {
		case '"':
			in = !in
			continue
		case '「', '『':
			in = true
			continue
		case '」', '』':
			in = false
			continue
		}
		if t.endsSentence(i) && r == '\n' {
			in = false // an unclosed quote ends with its paragraph
		}
		out[i] = in
	}
	var cues []span
	for _, p := range t.l.report {
		cues = append(cues, p.find(t)...)
	}
	for _, p := range t.l.selfReport {
		for _, s := range p.find(t) {
			if t.retracted(s) || t.l.cfg.on(v18Told) && t.owned(s) {
				cues = append(cues, s)
			}
		}
	}
	for _, s := range cues {
		end := s.b
		for end < n && t.sentence[end] == t.sentence[s.b-1] {
			end++
		}
		stop := end
		rest := string(t.lower[s.b:end])
		for _, k := range contrastCues {
			if i := strings.Index(rest, k); i >= 0 {
				if at := s.b + len([]rune(rest[:i])); at < stop {
					stop = at
				}
			}
		}
		// "Replying to the posts going round: …", 关于网上流传的报道，我们
		// 回应如下：…: what follows the colon is the team's reply (version
		// 16).
		if t.l.cfg.on(v16Reply) {
			for i := s.b; i < stop; i++ {
				if t.lower[i] == ':' && containsAny(string(t.lower[s.a:i]), replyCues) {
					stop = i
					break
				}
			}
		}
		for i := s.a; i < stop; i++ {
			out[i] = true
		}
	}
	return out
}

// replyCues before a colon after a reporting cue say that the team's own
// reply follows it.
var replyCues = []string{"回应", "如下", "说明", "澄清", "答复", "respond", "reply", "replying", "answer", "the facts", "our response", "we say"}

// retracted reports whether the team takes back the words its cue s
// introduces: a retraction in a later clause of its sentence, or in the
// next sentence ("We said X. That was wrong."; 我们说过X，这句话我们收回).
// One in the cue's own clause is part of what was said ("we said nothing
// was wrong with the milk").
func (t *text) retracted(s span) bool {
	sent := t.sentence[s.a]
	for _, p := range t.l.retract {
		for _, r := range p.find(t) {
			if r.a >= s.b && t.clause[r.a] != t.clause[s.a] && (t.sentence[r.a] == sent || t.sentence[r.a] == sent+1) {
				return true
			}
		}
	}
	return false
}

// sentenceBounds returns the first and one-past-last rune of rune i's
// sentence.
func (t *text) sentenceBounds(i int) (int, int) {
	a, b := i, i
	for a > 0 && t.sentence[a-1] == t.sentence[i] {
		a--
	}
	for b < len(t.lower) && t.sentence[b] == t.sentence[i] {
		b++
	}
	return a, b
}

// clauseBounds returns the first and one-past-last rune of rune i's
// clause.
func (t *text) clauseBounds(i int) (int, int) {
	a, b := i, i
	for a > 0 && t.clause[a-1] == t.clause[i] {
		a--
	}
	for b < len(t.lower) && t.clause[b] == t.clause[i] {
		b++
	}
	return a, b
}

// near reports whether one of the cues occurs in s's sentence within
// before runes before s or after runes after it.
func (t *text) near(s span, cues []string, before, after int) bool {
	a, b := t.sentenceBounds(s.a)
	from, to := max(a, s.a-before), min(b, s.b+after)
	win := " " + string(t.lower[from:to]) + " "
	for _, c := range cues {
		if strings.Contains(win, c) {
			return true
		}
	}
	return false
}

// sameSentence reports whether any of the spans shares s's sentence.
func (t *text) sameSentence(s span, ss []span) bool {
	for _, o := range ss {
		if t.sentence[o.a] == t.sentence[s.a] {
			return true
		}
	}
	return false
}

// functionWordsEn are the little words every English sentence has and a
// keyword list lacks.
var functionWordsEn = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the a an we our us you your i my me it its this that these those is are was were be been being am
		will would shall should can could may might must have has had do does did to of in on for and or but with by at from as
		into about after before until who which what when where how not no all any every each they them their there here
		if so than then also please he she his her one`) {
		functionWordsEn[w] = true
	}
}

// functionCharsZh are characters that glue Chinese sentences together.
const functionCharsZh = "的了是在我们将已对向和与为把被请您你会让给这也都就并从及而因此所以但其该于着过要还又再"

// prose measures how much of the text is written in sentences: the share
// of its letters in units that read as prose. Units are sentences (up to
// 。！？!?;； a line break, or a full stop before a space), cut further where
// the writer typed a space between two Chinese characters (no one does
// inside a Chinese sentence). A unit reads as prose when, in English, it has
// three or more words and at least one in six is a function word; in
// Chinese, when it has four or more characters and either a function
// character or clauses five characters long on average. Short units (fewer
// than three words and four Chinese characters, or Chinese between typed
// spaces shorter than eight characters) are headings or labels when they
// stand alone, and keywords when four or more follow one another. A
// Chinese unit whose clauses are nearly all six or more items of up to
// four characters is a keyword list, as an English one with too few
// function words is (version 10). It returns the share and the units that are not prose.
func (t *text) prose() (float64, []span) {
	type unit struct {
		s       span
		letters int
		kind    int // 0 prose, 1 not prose, 2 short
	}
	var units []unit
	rs := t.lower
	start := 0
	gapBefore := false
	flush := func(end int, gapAfter bool) {
		spaced := gapBefore || gapAfter
		gapBefore = gapAfter
		if end <= start {
			start = end + 1
			return
		}
		seg := rs[start:end]
		u := unit{s: span{start, end}}
		start = end + 1
		han, fn, clauses, clauseHan, short := 0, 0, 0, 0, 0
		var words []string
		var w strings.Builder
		endClause := func() {
			if clauseHan > 0 {
				clauses++
			}
			if clauseHan > 0 && clauseHan <= 4 {
				short++
			}
			clauseHan = 0
		}
		for i, r := range seg {
			switch {
			case unicode.Is(unicode.Han, r):
				u.letters++
				han++
				clauseHan++
				if strings.ContainsRune(functionCharsZh, r) {
					fn++
				}
			case r >= 'a' && r <= 'z' || r == '\'':
				u.letters++
				w.WriteRune(r)
				continue
			case isDigit(r):
				u.letters++
			case t.endsClause(u.s.a+i, r):
				endClause()
			}
			if w.Len() > 0 {
				words = append(words, w.String())
				w.Reset()
			}
		}
		endClause()
		if w.Len() > 0 {
			words = append(words, w.String())
		}
		if u.letters == 0 {
			return
		}
		fw := 0
		for _, x := range words {
			if functionWordsEn[x] || strings.Contains(x, "'") {
				fw++
			}
		}
		digits := false
		for _, r := range seg {
			digits = digits || isDigit(r)
		}
		// A line of its own, with no full stop and no figure: a heading
		// or a tag (安全第一, 正在调查), whatever characters it uses.
		bare := end == len(rs) || rs[end] == '\n'
		switch {
		case spaced && han < 8 && len(words) < 4:
			u.kind = 2 // a word between typed spaces: 道歉 召回 热线
		case bare && !digits && han < 8 && len(words) < 4:
			u.kind = 2
		case t.l.cfg.on(v10List) && short >= 6 && short*5 >= clauses*4:
			// 致歉、真诚道歉、高度重视、主体责任、公开透明、客户至上…: six or
			// more items of up to four characters, nearly all the unit,
			// are a list of keywords, whatever function characters one
			// of them holds (English reads one as too few function
			// words; version 10).
			u.kind = 1
		case len(words) >= 3 && fw > 0 && fw*6 >= len(words):
		case han >= 4 && (fn > 0 || han >= 5*clauses):
		case len(words) < 3 && han < 4:
			u.kind = 2
		default:
			u.kind = 1
		}
		units = append(units, u)
	}
	for i := range rs {
		switch {
		case t.endsSentence(i):
			flush(i, false)
		case i > 0 && t.typedGap(i):
			flush(i, true)
			start = i
		case strings.ContainsRune("|#·•", rs[i]):
			flush(i, true) // separators of a tag line: 召回｜安全第一｜#话题#
		case t.l.cfg.on(v20Ticks) && strings.ContainsRune(ticksV20, rs[i]):
			flush(i, true) // ticks between tags: 餐券码✔ 超市收银✔ (version 20)
		}
	}
	flush(len(rs), false)
	// Runs of four or more short units are keywords; lone ones are labels.
	for i := 0; i < len(units); {
		j := i
		for j < len(units) && units[j].kind == 2 {
			j++
		}
		if j-i >= 4 {
			for k := i; k < j; k++ {
				units[k].kind = 1
			}
		}
		if j == i {
			j++
		}
		i = j
	}
	var total, good int
	var bad []span
	for _, u := range units {
		switch u.kind {
		case 0:
			total += u.letters
			good += u.letters
		case 1:
			total += u.letters
			bad = append(bad, u.s)
		}
	}
	if total == 0 {
		return 1, nil
	}
	return float64(good) / float64(total), bad
}

// typedGap reports whether the writer typed whitespace between normalised
// runes i-1 and i, both Chinese characters (normalisation drops it).
func (t *text) typedGap(i int) bool {
	if !unicode.Is(unicode.Han, t.lower[i]) || !unicode.Is(unicode.Han, t.lower[i-1]) {
		return false
	}
	between := t.orig[t.end[i-1]:t.start[i]]
	return between != "" && strings.TrimSpace(between) == ""
}

// idioms are four-character idioms whose numerals are not quantities
// (千家万户 "every household" is neither a thousand nor ten thousand of
// anything).
var idioms = []string{"千家万户", "一五一十", "千方百计", "三番五次", "三番两次", "一心一意", "万无一失", "十全十美", "四面八方", "七上八下",
	"一清二楚", "千真万确", "三令五申", "一如既往", "千辛万苦", "万众一心", "九牛一毛", "千差万别", "成千上万", "千千万万", "一点一滴",
	"一丝一毫", "十万火急", "一模一样", "一目了然", "一视同仁", "百里挑一", "千载难逢", "万不得已", "一字一句", "三思而行", "四分五裂",
	"七嘴八舌", "五花八门", "六神无主", "百感交集", "千钧一发", "一干二净", "独一无二", "万家灯火", "一家一户", "家家户户", "百分之百"}

func (t *text) idiomSpans() []span {
	var out []span
	for _, p := range t.l.idiom {
		out = append(out, p.find(t)...)
	}
	return out
}

// keywords counts the words (English) and two-character units (Chinese)
// in chunks.
func (t *text) keywords(chunks []span) int {
	n := 0
	for _, c := range chunks {
		han := 0
		inWord := false
		for _, r := range t.lower[c.a:c.b] {
			switch {
			case unicode.Is(unicode.Han, r):
				han++
				inWord = false
			case isWordRune(r):
				if !inWord {
					n++
				}
				inWord = true
			default:
				inWord = false
			}
		}
		n += (han + 1) / 2
	}
	return n
}

// clauseStarts returns, for each clause, the index of its first letter,
// past spaces, list markers ("1.", "-", "一、", "（二）") and quotes.
func (t *text) clauseStarts() []int {
	var out []int
	rs := t.lower
	for i := 0; i < len(rs); i++ {
		if i > 0 && t.clause[i] == t.clause[i-1] {
			continue
		}
		k := i
		for k < len(rs) && t.clause[k] == t.clause[i] {
			r := rs[k]
			if unicode.IsLetter(r) && !strings.ContainsRune("一二三四五六七八九十", r) || k+1 < len(rs) && isDigit(r) && !strings.ContainsRune(".、)）", rs[k+1]) && !isDigit(rs[k+1]) {
				break
			}
			k++
		}
		if k < len(rs) && t.clause[k] == t.clause[i] {
			out = append(out, k)
		}
	}
	return out
}

// Imperatives: a clause that begins by telling the reader what to do
// ("Please don't press Pay again", "Do not open links", 请直接挂断, 不要
// 转账) is guidance, whatever the verb, unless it asks for belief, trust or
// patience rather than action ("please rest assured", 请相信, 请大家放心,
// "do not believe rumours").
var imperativeEn = []string{"please ", "do not ", "don't ", "never ", "always ", "make sure ", "remember ", "call ", "check ", "keep ", "stop ", "avoid "}
var imperativeZh = []string{"请", "不要", "切勿", "请勿", "千万不要", "务必", "记得"}
var imperativeNot = []string{"believe", "trust", "rest ", "be assured", "understand", "bear with", "accept", "note ", "be patient",
	"spread", "forward", "panic", "worry", "speculate", "share or", "share rumo", "share unverified", "share false",
	"相信", "信任", "放心", "理解", "谅解", "耐心", "关注", "以官方", "求", "示", "传播", "转发", "恐慌", "担心", "听信", "信谣", "传谣", "造谣", "猜测", "大家放心", "大家相信", "大家理解", "广大"}

// notImperativeEn are words that start a main clause that is not an order.
var notImperativeEn = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`we you i it they he she this that there the a an our your their my his her its these those
		will would can could may might should must is are was were be been has have had do does did then please not no`) {
		notImperativeEn[w] = true
	}
}

func (t *text) imperatives() []span {
	var out []span
	starts := t.clauseStarts()
	for i, a := range starts {
		// "If you receive such a call, hang up": the clause after an "if
		// you" clause that starts with neither a subject nor a modal is
		// an order.
		if i > 0 && t.sentence[starts[i-1]] == t.sentence[a] && isWordRune(t.lower[a]) && strings.HasPrefix(string(t.lower[starts[i-1]:a]), "if you") {
			w := a
			for w < len(t.lower) && isWordRune(t.lower[w]) {
				w++
			}
			if word := string(t.lower[a:w]); !notImperativeEn[word] {
				b := a
				for b < len(t.lower) && t.clause[b] == t.clause[a] && b-a < 40 {
					b++
				}
				for b > a && !isWordRune(t.lower[b-1]) {
					b--
				}
				out = append(out, span{starts[i-1], b})
				continue
			}
		}
		b := a
		for b < len(t.lower) && t.clause[b] == t.clause[a] && b-a < 40 {
			b++
		}
		head := string(t.lower[a:b]) + " "
		cues := imperativeEn
		if unicode.Is(unicode.Han, t.lower[a]) {
			cues = imperativeZh
		}
		c := ""
		for _, cue := range cues {
			if strings.HasPrefix(head, cue) {
				c = cue
				break
			}
		}
		if c == "" && t.l.cfg.on(v21Orders) {
			c = orderV21(head)
		}
		if c == "" {
			continue
		}
		rest := head[len(c):]
		ok := true
		for _, n := range imperativeNot {
			i := strings.Index(rest, n)
			if i >= 0 && t.l.cfg.on(v21Window) {
				i = utf8.RuneCountInString(rest[:i])
			}
			if i >= 0 && i < 16 {
				ok = false
			}
		}
		if ok {
			for b > a && !isWordRune(t.lower[b-1]) && !unicode.Is(unicode.Han, t.lower[b-1]) {
				b--
			}
			out = append(out, span{a, b})
		}
	}
	return out
}

// ordersV21 are verbs that open an order to the reader in English when
// their object, or the word their sense needs, comes next: "Contact the
// site office", "Reply with a time that suits you", "Log in to your
// account", as 请 opens one before any verb in Chinese. Without it the
// word is a noun or names something else ("Contact details", "Email
// addresses were exposed", "Return to normal service is expected"), and
// no order is read (version 21).
var ordersV21 = map[string][]string{
	"contact": nil, "ring": {"#"}, "phone": {"#"}, "email": nil, "e-mail": nil, "text": {"#"}, "message": nil,
	"reply": {"with", "by"}, "write": {"to"}, "visit": nil, "go": {"to", "straight", "directly", "online"},
	"come": {"to", "in", "into"}, "bring": {"in"}, "return": nil, "send": {"in"}, "take": nil, "book": {"online", "now"},
	"register": {"at", "online", "on", "with", "for", "now"}, "claim": {"online", "at", "now"}, "apply": {"online", "at", "for", "now"},
	"log": {"in", "into", "on", "onto"}, "sign": {"in", "into", "up", "on"}, "use": nil, "follow": nil, "look": {"for", "out", "at", "up"},
	"wash": nil, "boil": nil, "store": nil, "throw": {"away", "out"}, "pour": {"away", "out"}, "unplug": nil, "wear": nil,
	"switch": {"off", "on"}, "turn": {"off", "on"}, "leave": nil, "move": nil, "ask": {"for"}, "tell": nil,
	"seek": {"medical", "help", "advice"}, "report": nil, "change": nil, "reset": nil, "delete": nil, "cancel": nil, "show": nil,
	"speak": {"to", "with"}, "talk": {"to", "with"}, "find": {"out"}, "watch": {"for", "out"}, "get": {"in", "help", "tested"},
}

// objectsV21 begin the object of any of ordersV21; "#" in a verb's own
// list stands for a number ("Ring 0800 123 456").
var objectsV21 = []string{"the", "your", "a", "an", "any", "all", "it", "them", "this", "these", "those", "us", "our", "her", "him", "me",
	"each", "every", "one", "both", "back"}

// orderV21 returns the verb (with its space) that head opens an order
// with, or "" (version 21).
func orderV21(head string) string {
	f := strings.Fields(head)
	if len(f) < 2 {
		return ""
	}
	more, ok := ordersV21[f[0]]
	if !ok {
		return ""
	}
	next := strings.TrimRight(f[1], ",.;:")
	if slices.Contains(objectsV21, next) || slices.Contains(more, next) || slices.Contains(more, "#") && next != "" && isDigit([]rune(next)[0]) {
		return f[0] + " "
	}
	return ""
}

// readersV21 are the readers an English sentence may name before what
// they can or should do ("Anyone affected can speak in confidence to…",
// "Parents and teachers should not carry out experiment 14"), as 请家长…,
// 可拨打 tell them in Chinese (version 21); modalsV21 say they can or
// should. Up to four words may come between the reader and the modal
// ("customers who bought one", "anyone affected"); not "we" or "they",
// whose modal is someone else's. What follows the modal (after an adverb
// or "not") must be something to do: not being, feeling or being told
// (readersNotV21).
var (
	readersV21 = []string{"anyone", "everyone", "customer", "customers", "parent", "parents", "passenger", "passengers", "resident",
		"residents", "patient", "patients", "user", "users", "member", "members", "family", "families", "guest", "guests", "owner", "owners",
		"tenant", "tenants", "student", "students", "traveller", "travellers", "traveler", "travelers", "visitor", "visitors", "subscriber",
		"subscribers", "cardholder", "cardholders", "ticketholder", "ticketholders", "policyholder", "policyholders", "driver", "drivers",
		"rider", "riders", "fan", "fans", "those"}
	modalsV21    = []string{" can ", " should ", " may ", " must ", " need to ", " are asked to ", " are encouraged to ", " are welcome to "}
	modalAdverbs = []string{"also", "still", "now", "then", "simply", "always", "instead", "immediately", "directly", "not", "currently", "safely",
		"easily", "freely"}
	readersNotV21 = []string{"be", "been", "feel", "rest", "trust", "expect", "continue", "have", "receive", "see", "notice", "experience",
		"hear", "know", "understand", "rely", "count", "enjoy", "remain", "still", "wish", "want", "find", "think", "believe", "judge", "carry"}
	// readersNotWhom between the reader and the modal make the modal
	// someone else's, or take it back ("residents do not need to").
	readersNotWhom = []string{"we", "they", "i", "it", "not", "don't", "do", "never", "no"}
)

// readerEn finds, for the modal at byte m of s (modalsV21[k] there), the
// reader before it and the verb after it: the byte span from the reader
// to the end of the verb, or ok false.
func readerEn(s string, m, k int) (a, b int, ok bool) {
	before := strings.Fields(s[max(0, m-80) : m+1])
	if m-80 > 0 && len(before) > 0 {
		before = before[1:] // the first may be cut
	}
	reader := -1
	for i := len(before) - 1; i >= 0 && i >= len(before)-5; i-- {
		w := strings.Trim(before[i], ",;:.()\"'")
		if slices.Contains(readersV21, w) && before[i] == w {
			reader = i
			break
		}
		if slices.Contains(readersNotWhom, w) || w != before[i] {
			return 0, 0, false // another subject, or a clause's edge
		}
	}
	if reader < 0 {
		return 0, 0, false
	}
	after := s[m+len(modalsV21[k]):]
	end := m + len(modalsV21[k])
	for {
		j := 0
		for j < len(after) && after[j] >= 'a' && after[j] <= 'z' {
			j++
		}
		w := after[:j]
		if w == "" {
			return 0, 0, false
		}
		if slices.Contains(modalAdverbs, w) && j < len(after) && after[j] == ' ' {
			after, end = after[j+1:], end+j+1
			continue
		}
		if slices.Contains(readersNotV21, w) {
			return 0, 0, false
		}
		return strings.LastIndex(s[:m], before[reader]), end + j, true
	}
}

// readersZhV21 are readersV21 in Chinese: the reader, up to six
// characters of the same clause (no 的, no 不), then one of modalsZhV21,
// perhaps an adverb (随时, 直接…), and the verb: 家属可前往…, 乘客可以在…
// 查询. readersNotZhV21 after the modal are no action (可能, 可以放心,
// 可以继续使用, 需要的; version 21).
var (
	readersZhV21 = []string{"家长", "顾客", "乘客", "旅客", "居民", "用户", "会员", "家属", "患者", "病人", "市民", "消费者", "业主", "租户",
		"房客", "学生", "考生", "游客", "车主", "持卡人", "客户", "各位", "您"}
	modalsZhV21     = []string{"可以", "应当", "需要", "务必", "可", "应"}
	modalAdverbsZh  = []string{"随时", "直接", "立即", "先", "再", "也", "均", "都"}
	readersNotZhV21 = []string{"能", "是", "靠", "惜", "爱", "怕", "观", "见", "谓", "疑", "行", "口", "乐", "放心", "安心", "相信", "理解",
		"继续", "正常", "的", "该", "注意到", "了解", "感受", "期待", "享受", "获得", "有", "回收", "照常"}
	// modalNotAfterZh before 可 or 应 make a word of them, not a modal:
	// 反应, 响应, 供应, 相应, 适应, 认可, 许可; 本可以 is what could have been.
	modalNotAfterZh = "反响供相适对认许本"
)

// readerZh finds, for the modal at rune i of t.lower, the reader before
// it and the verb after it (version 21).
func (t *text) readerZh(i int, modal string) (span, bool) {
	rs := t.lower
	if i > 0 && strings.ContainsRune(modalNotAfterZh, rs[i-1]) {
		return span{}, false
	}
	a := -1
	for k := i - 1; k >= 0 && k >= i-8 && t.clause[k] == t.clause[i]; k-- {
		if rs[k] == '的' || rs[k] == '不' {
			return span{}, false
		}
		for _, r := range readersZhV21 {
			n := len([]rune(r))
			if k+1-n >= 0 && string(rs[k+1-n:k+1]) == r && i-(k+1) <= 6 {
				a = k + 1 - n
			}
		}
		if a >= 0 {
			break
		}
	}
	if a < 0 {
		return span{}, false
	}
	j := i + len([]rune(modal))
	for _, adv := range modalAdverbsZh {
		if strings.HasPrefix(string(rs[j:min(len(rs), j+2)]), adv) {
			j += len([]rune(adv))
			break
		}
	}
	if j+2 > len(rs) || !unicode.Is(unicode.Han, rs[j]) || !unicode.Is(unicode.Han, rs[j+1]) || t.clause[j+1] != t.clause[i] {
		return span{}, false
	}
	verb := string(rs[j : j+2])
	if slices.ContainsFunc(readersNotZhV21, func(n string) bool { return strings.HasPrefix(verb, n) }) {
		return span{}, false
	}
	return span{a, j + 2}, true
}

// readerOrders are the spans readersV21 (in English) and readersZhV21 (in
// Chinese) find. (Not across a comma, nor after 的 — 居民的沟通还可以做得更好
// is about something of theirs — nor after 不: 不需要 tells them they need
// do nothing.)
func (t *text) readerOrders() []span {
	var out []span
	str := t.lowerStr
	if strings.ContainsAny(str, "可应需务") {
		rs := t.lower
		for i := 0; i < len(rs); i++ {
			if !strings.ContainsRune("可应需务", rs[i]) {
				continue
			}
			for _, m := range modalsZhV21 {
				if !strings.HasPrefix(string(rs[i:min(len(rs), i+2)]), m) {
					continue
				}
				if s, ok := t.readerZh(i, m); ok {
					out = append(out, s)
				}
				break
			}
		}
	}
	for k, modal := range modalsV21 {
		for from := 0; ; {
			i := strings.Index(str[from:], modal)
			if i < 0 {
				break
			}
			m := from + i
			from = m + 1
			a, b, ok := readerEn(str, m, k)
			if !ok || t.lowerAt[a] < 0 || t.lowerAt[b] < 0 {
				continue
			}
			s := span{t.lowerAt[a], t.lowerAt[b]}
			if s.b > s.a && t.sentence[s.a] == t.sentence[s.b-1] {
				out = append(out, s)
			}
		}
	}
	return out
}

// pointsAtUs tells whether the team follows a causal word closely ("lies
// with us", "caused by our own", 怪我们, 出在我们自己), with no other party
// between; it returns the end of the team's word, or 0.
func (t *text) pointsAtUs(c span, agents []span) int {
	k := c.b
	for k < len(t.lower) && k-c.b < 6 && (t.lower[k] == ' ' || t.clause[k] == t.clause[c.a] && !isWordRune(t.lower[k]) && !unicode.Is(unicode.Han, t.lower[k])) {
		k++
	}
	if k >= len(t.lower) || t.clause[k] != t.clause[c.a] {
		return 0
	}
	for _, a := range agents {
		if a.a >= k && a.a-k <= 12 && t.clause[a.a] == t.clause[c.a] {
			return 0
		}
	}
	rest := string(t.lower[k:min(len(t.lower), k+16)]) + " "
	for _, prep := range []string{"with ", "on ", "to ", "by ", "from ", "at ", "in "} {
		if strings.HasPrefix(rest, prep) {
			rest, k = rest[len(prep):], k+len(prep)
			break
		}
	}
	for _, p := range t.l.us["en"] {
		if w := p.a.s; strings.HasPrefix(rest, w) && (len(rest) == len(w) || !isWordRune(rune(rest[len(w)]))) {
			return k + len([]rune(w))
		}
	}
	for _, p := range t.l.us["zh"] {
		if w := p.a.s; strings.HasPrefix(rest, w) {
			return k + len([]rune(w))
		}
	}
	return 0
}

// conditionCues open a condition.
var conditionCues = []string{"if ", "如果", "若", "假如", "倘若", "要是", "如有"}

// conditional reports whether s sits in the main clause of a sentence that
// opens with a condition ("If any of our wording caused misunderstanding
// or distress among parents, we apologise"; 如果…，我们表示歉意), however
// long the condition is. A lead-in ending in a colon ("Regarding
// yesterday's statement:") is skipped.
func (t *text) conditional(s span) bool {
	a, _ := t.sentenceBounds(s.a)
	for i := a; i < s.a; i++ {
		if t.lower[i] == ':' || t.lower[i] == '：' {
			a = i + 1
		}
	}
	for a < s.a && (t.lower[a] == ' ' || !isWordRune(t.lower[a]) && !unicode.Is(unicode.Han, t.lower[a])) {
		a++
	}
	head := string(t.lower[a:s.a])
	for _, c := range conditionCues {
		if strings.HasPrefix(head, c) {
			return t.clause[a] != t.clause[s.a]
		}
	}
	if t.l.cfg.on(v9If) && bareIf(head) {
		return t.clause[a] != t.clause[s.a]
	}
	// Version 8: or right after a condition clause later in the sentence
	// ("We know the wait was long, and if anyone felt their holiday was
	// spoiled, we are sorry"), as a Chinese sentence's 如果 is read within
	// its window: the clause before the apology's clause opens with a
	// condition, past "and", "but", 而, 但.
	k := s.a
	for k > a && t.clause[k-1] == t.clause[s.a] {
		k--
	}
	if k <= a {
		return false
	}
	p := k - 1
	for p > a && t.clause[p-1] == t.clause[k-1] {
		p--
	}
	for p < k && !isWordRune(t.lower[p]) && !unicode.Is(unicode.Han, t.lower[p]) {
		p++
	}
	prev := string(t.lower[p:k])
	for _, lead := range []string{"and ", "but ", "so ", "而且", "而", "但"} {
		prev = strings.TrimPrefix(prev, lead)
	}
	if t.l.cfg.on(v9If) && bareIf(prev) {
		return true
	}
	for _, c := range conditionCues {
		if strings.HasPrefix(prev, c) {
			return true
		}
	}
	return false
}

// harmedParty reports whether a party is the object of 给/对/向 (给广大顾客
// 造成的困扰): the one harmed, not the one at fault.
func (t *text) harmedParty(a span) bool {
	for i := a.a - 1; i >= 0 && i >= a.a-4 && t.clause[i] == t.clause[a.a]; i-- {
		if strings.ContainsRune("给对向让", t.lower[i]) {
			return true
		}
	}
	return false
}

// describedParty reports whether a Chinese causal clause that starts at c
// only describes the party a it ends on (…的 right before the party): the
// whole phrase is the object of 给/对/向/为 ("补发给因为恐慌扔掉奶瓶的
// 家长" gives to parents who threw bottles away), or it opens its clause
// and the party ends it, a topic with nothing said against it (因为恐慌
// 扔掉奶瓶的家长，我们来补). It does not blame them. "问题追溯到负责配送的
// 快递公司" and "由于负责配送的快递公司操作失误" still name the courier.
func (t *text) describedParty(c, a span) bool {
	if a.a < 1 || a.a <= c.b || t.lower[a.a-1] != '的' || isWordRune(t.lower[c.a]) {
		return false
	}
	for i := c.a - 1; i >= 0 && i >= c.a-3 && t.clause[i] == t.clause[c.a]; i-- {
		if strings.ContainsRune("给对向为让", t.lower[i]) {
			return true
		}
	}
	opens := true
	for i := c.a - 1; i >= 0 && t.clause[i] == t.clause[c.a]; i-- {
		if r := t.lower[i]; unicode.IsLetter(r) && !strings.ContainsRune("一二三四五六七八九十", r) {
			opens = false
			break
		}
	}
	end := a.b
	if end < len(t.lower) && t.lower[end] == '们' {
		end++
	}
	return opens && (end == len(t.lower) || strings.ContainsRune("，,。；;！!？?：:\n", t.lower[end]))
}

// subjectBefore reports whether one of subjects comes before s in its
// clause, at most within runes: who or what s is said of.
func (t *text) subjectBefore(s span, subjects []span, within int) bool {
	for _, p := range subjects {
		if p.b <= s.a && s.a-p.b <= within && t.clause[p.a] == t.clause[s.a] {
			return true
		}
	}
	return false
}

// clearedCues, just before a party, rule it out: "not the supplier",
// "rather than the courier", 不在外包商, 而不是骑手.
var clearedCues = []string{"not ", "nor ", "rather than ", "neither ", "instead of ", "不在", "不是", "并非", "而非", "而不是", "不怪"}

// cleared reports whether the party a is ruled out as the one at fault by
// the words just before it in its clause.
func (t *text) cleared(a span) bool {
	from := max(0, a.a-14)
	for from < a.a && t.clause[from] != t.clause[a.a] {
		from++
	}
	before := string(t.lower[from:a.a]) + " "
	for _, c := range clearedCues {
		// The cue, then at most a few characters ("not our courier",
		// 不在外包商): it governs the party.
		if k := strings.LastIndex(before, c); k >= 0 && utf8.RuneCountInString(before[k+len(c):]) <= 8 {
			return true
		}
	}
	// 怪不到施工方 "the contractor is not to blame" (version 10, with the
	// contractors in the Chinese list).
	if t.l.cfg.on(v10Parties) && strings.HasSuffix(strings.TrimSpace(before), "不到") {
		return true
	}
	// 与用户密码无关, "customers are not to blame": the words after the
	// party rule it out (version 16).
	return t.l.cfg.on(v16Unrelated) && t.clearedAfter(a)
}

// partOfWord lists, for a one-character Chinese match, the words it is
// only a part of there: 系 is "is due to" (系外包所为) but not in 系统,
// 联系 or 关系; 怪 is "blame" but not in 奇怪 or 难怪.
var partOfWord = map[rune][]string{
	'系': {"系统", "系列", "联系", "关系", "体系", "维系", "派系", "院系", "直系", "系数", "干系", "星系", "水系", "菜系"},
	'怪': {"奇怪", "难怪", "古怪", "怪异", "作怪", "鬼怪", "妖怪", "见怪", "怪不得"},
	'说': {"说谎", "说明", "说法", "说服", "据说", "小说", "说不定"},
}

// wholeWords drops the one-character Chinese matches that are only part of
// a longer word in the text.
func (t *text) wholeWords(ss []span) []span {
	var out []span
	for _, s := range ss {
		if s.b-s.a == 1 && t.inLongerWord(s.a) {
			continue
		}
		out = append(out, s)
	}
	return out
}

func (t *text) inLongerWord(i int) bool {
	for _, w := range partOfWord[t.lower[i]] {
		rs := []rune(w)
		for k, r := range rs {
			if r != t.lower[i] {
				continue
			}
			a := i - k
			if a >= 0 && a+len(rs) <= len(t.lower) && string(t.lower[a:a+len(rs)]) == w {
				return true
			}
		}
	}
	return false
}

// hedgedAction, right after a hedge, makes it about what the team may
// have to do next ("we may need to collect the bottle", 可能需要取回),
// not a guess at the cause.
var hedgedAction = []string{" need to", " ask you", " contact you", " call you", " be asked", "需要", "会联系", "要求", "请您"}

// followedBy reports whether one of cues starts right after s.
func (t *text) followedBy(s span, cues []string) bool {
	rest := string(t.lower[s.b:min(len(t.lower), s.b+14)])
	for _, c := range cues {
		if strings.HasPrefix(rest, c) {
			return true
		}
	}
	return false
}

// --- version 6: what a reassurance or a promise is about -----------------

// doubtContrast ends the reach of a doubt: "we have not finished testing,
// but the milk is safe to drink" still reassures.
var doubtContrast = []string{" but ", " however", " yet,", "但", "不过", "然而", "可是"}

// reachBefore returns where the words that can doubt s begin: at most
// reach runes before it (twice as far in English, which takes about twice
// the characters of Chinese), in its sentence, after the last contrast
// word.
func (t *text) reachBefore(s span, reach int) int {
	if isWordRune(t.lower[s.a]) {
		reach *= 2
	}
	a, _ := t.sentenceBounds(s.a)
	from := max(a, s.a-reach)
	for i := s.a - 1; i > from; i-- {
		if t.lower[i] == ':' || t.lower[i] == '：' {
			from = i + 1 // "we will not lie to you: it is safe"
			break
		}
	}
	before := string(t.lower[from:s.a])
	for _, c := range doubtContrast {
		if i := strings.LastIndex(before, c); i >= 0 {
			if at := from + utf8.RuneCountInString(before[:i+len(c)]); at > from {
				from = at
			}
		}
	}
	return min(from, s.a)
}

// doubted reports whether a safety claim is negated, doubted or made to
// wait on the facts rather than made: inside an "until", "before", "if" or
// "whether" clause ("until we are sure it is safe, do not drink it", 在确认
// 安全之前); after a doubt in its sentence ("we do not know yet whether it
// is safe", 目前还不能确定产品是否安全); after a verb of saying or knowing
// that is negated or hedged ("we are not able to confirm the milk is
// safe", 没有人能保证产品是安全的); before a condition on the facts ("safe
// only once the lab confirms it", 检测合格后方可继续饮用); or asked ("产品是
// 安全的吗？").
func (j *judge) doubted(s span) bool {
	t := j.t
	from := t.reachBefore(s, 30)
	// The subordinators count in the claim's own clause only: "until the
	// tests come back, you can keep drinking it" still reassures.
	cl := s.a
	for cl > from && t.clause[cl-1] == t.clause[s.a] {
		cl--
	}
	clause := string(t.lower[cl:s.a])
	if j.l.cfg.on(v10Wait) {
		clause = notUntil.Replace(clause)
	}
	if containsAny(" "+clause+" ", reassureUntil) {
		return true
	}
	// "Stop when it is safe", "park where it is safe": the claim is the
	// condition of an order, not said of the product (version 9).
	if j.l.cfg.on(v9When) && containsAny(" "+string(t.lower[cl:s.a])+" ", reassureWhen) {
		return true
	}
	if containsAny(" "+string(t.lower[from:s.a])+" ", reassureDoubt) {
		return true
	}
	_, end := t.sentenceBounds(s.a)
	after := string(t.lower[s.b:min(end, s.b+40)]) + " "
	if containsAny(" "+after, reassureAfter) {
		return true
	}
	// 两次检测均合格后，方解除本通告: a claim right before 后, 之后 or 以后
	// is the condition of what follows, not a claim (version 7).
	if hasPrefixAny(after, []string{"后", "之后", "以后"}) {
		return true
	}
	// "Vaccines kept too warm are not dangerous, but they may not protect
	// as well", 不会对身体造成危害，但保护效果可能打折扣: a claim that its
	// sentence goes on to qualify with a remaining risk tells the whole
	// truth; it does not reassure (version 9).
	if j.l.cfg.on(v9Qualified) && t.qualified(s, end) {
		return true
	}
	if end > 0 && (t.lower[end-1] == '?' || end < len(t.lower) && t.lower[end] == '?') {
		return true
	}
	if j.l.cfg.on(v11SoFar) && t.soFarReported(s) {
		return true
	}
	return j.saidInDoubt(s)
}

// notUntil takes out the words that hold 待 without meaning "until"
// (等待 "wait", 期待, 对待, 接待…): "while you wait for the new battery you
// can keep charging", 在等待新电池期间可以照常充电, still reassures
// (version 10).
var notUntil = strings.NewReplacer("等待", "等", "期待", "期", "对待", "对", "接待", "接", "招待", "招", "看待", "看", "款待", "款", "优待", "优")

// saidInDoubt reports whether s follows, in its sentence, a verb of saying,
// knowing or promising that is negated or hedged ("we cannot promise this
// will never happen again", "no one can guarantee zero risk", "we will not
// present ourselves as victims", 我们不会把自己说成受害者), or is itself
// doubted ("no one can guarantee…").
func (j *judge) saidInDoubt(s span) bool {
	t := j.t
	if t.clauseOf(s, sayDoubt, 20) {
		return true
	}
	from := t.reachBefore(s, 30)
	for _, v := range t.wholeWords(j.find(j.l.say)) {
		if v.a < from || v.b > s.a {
			continue
		}
		if t.negated(v) || t.clauseOf(v, sayDoubt, 30) || t.clauseOf(v, sayNot, 30) {
			return true
		}
	}
	return false
}

// sayNot are negations that reach a verb of saying from further away than
// negated looks ("we are not in a position to say").
var sayNot = []string{" not ", "n't ", "cannot ", "never ", "不会", "不能", "不敢", "没有", "并未", "尚未", "无法", "未能"}

// clauseOf reports whether one of cues ends within before runes before s in
// its clause.
func (t *text) clauseOf(s span, cues []string, before int) bool {
	from := max(0, s.a-before)
	for from < s.a && t.clause[from] != t.clause[s.a] {
		from++
	}
	return containsAny(" "+string(t.lower[from:s.a]), cues)
}

func containsAny(s string, cues []string) bool {
	for _, c := range cues {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// useVerbs start a reassurance that is about going on using something.
var useVerbs = []string{"keep", "continue", "carry on", "still", "继续", "照常", "正常", "可正常", "可以照常"}

// youWords name the reader: "we advise you to keep using it" is advice to
// them, not what the team does.
var youWords = []string{"you", "customers", "consumers", "parents", "users", "everyone", "大家", "您", "你", "消费者", "顾客", "家长", "用户", "公众",
	"市民", "居民"}

// ourOwnUse reports whether "keep using", 继续使用 and the like say what the
// team itself goes on doing ("we will keep using text messages to reach
// every family", 我们将继续使用短信联系): the team is the subject, within a
// few words before it in its clause, and no one else is named between.
func (t *text) ourOwnUse(s span, us []span) bool {
	if !hasPrefixAny(string(t.lower[s.a:s.b]), useVerbs) {
		return false
	}
	last := -1
	for _, u := range us {
		if u.b <= s.a && s.a-u.b <= 16 && t.clause[u.a] == t.clause[s.a] {
			last = u.b
		}
	}
	return last >= 0 && !containsAny(" "+string(t.lower[last:s.a])+" ", youWords)
}

// openWords say a place or channel is open: "our hotline is open as usual",
// 门店照常营业 speak of a service, not of a product's safety.
var openWords = []string{"open", "available", "operat", "running", "staffed", "answer", "营业", "开放", "开通", "运营", "接听", "办理", "服务"}

func (t *text) openAsUsual(s span) bool {
	w := string(t.lower[s.a:s.b])
	if w != "as usual" && w != "as normal" && !strings.HasPrefix(w, "照常") {
		return false
	}
	a, b := t.clauseBounds(s.a)
	return containsAny(string(t.lower[a:b]), openWords)
}

func hasPrefixAny(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// assuredClaim tells whether an assurance frame ("rest assured", 请放心)
// assures a safety claim: a reassurance already found, or a safety word
// (safe, harmless, 安全, 没问题), said of no person, not doubted, in its
// sentence ("厨房均无问题，明天起正常供餐，请家长放心") or, when the frame
// ends its sentence ("请大家放心。"), in the next one. 放心 followed by a
// verb (放心用餐, 放心送孩子入园) is itself the claim: "go ahead without
// worry". It returns the claim to quote beside the frame.
func (j *judge) assuredClaim(f span, reassure, people []span) (span, bool) {
	t := j.t
	if j.l.cfg.on(v10Entrust) && t.entrusted(f) {
		return span{}, false
	}
	if f.b < len(t.lower) && unicode.Is(unicode.Han, t.lower[f.b]) && !strings.ContainsRune(notVerbAfterAssure, t.lower[f.b]) {
		return f, true
	}
	from, end := t.sentenceBounds(f.a)
	if strings.TrimFunc(string(t.lower[f.b:end]), func(r rune) bool { return !isWordRune(r) && !unicode.Is(unicode.Han, r) }) == "" && end < len(t.lower) {
		_, end = t.sentenceBounds(end)
	}
	for _, r := range reassure {
		if r.a >= from && r.b <= end {
			return r, true
		}
	}
	for _, c := range j.findNot(j.l.safeClaim) {
		// "Safe" said of people reports on them; "unaffected", 不受影响
		// said of residents is still a claim about the hazard.
		ofPeople := containsAny(string(t.lower[c.a:c.b]), []string{"safe", "secure", "安全"}) && t.subjectBefore(c, people, 40)
		if c.a < from || c.b > end || c.overlaps(f) || ofPeople || j.doubted(c) || t.near(c, promiseCues, 20, 0) {
			continue
		}
		return c, true
	}
	return span{}, false
}

// entrusted reports whether 放心 at f tells of trust placed in the
// organisation, not an assurance: 放心把…交给 / 托付 ("you trust us with
// your children's lunch", 大家放心把孩子的午餐交给学校) with no request or
// permission before it (请放心把孩子送来 is still "go ahead"; version 10).
func (t *text) entrusted(f span) bool {
	if f.b >= len(t.lower) || (t.lower[f.b] != '把' && t.lower[f.b] != '将') {
		return false
	}
	_, end := t.sentenceBounds(f.a)
	if !containsAny(string(t.lower[f.b:min(end, f.b+30)]), []string{"交给", "交到", "托付", "交由"}) {
		return false
	}
	return !containsAny(string(t.lower[max(0, f.a-3):f.a]), []string{"请", "可以", "尽管", "可", "能"})
}

// notVerbAfterAssure: after 放心 these start a new subject or end the
// phrase (请放心我们会…, 让家长放心的), so 放心 is a frame, not "go ahead".
const notVerbAfterAssure = "我您你大他她它这那本公各每所家孩的了吧啊呀哦呢地得！"

// promiseCues before a safety word make it a goal, not a claim: "we will
// do everything to keep you safe", 我们会确保大家的安全.
var promiseCues = []string{"keep", "make sure", "ensure", "protect", "priority", "确保", "保障", "守护", "保护", "首位", "第一位"}

// doneShare reports whether "100%" counts what has been done ("100% of
// the affected bottles have been removed", 已100%下架), not a promise.
func (t *text) doneShare(s span) bool {
	w := string(t.lower[s.a:s.b])
	if w != "100%" && w != "百分之百" && w != "百分百" {
		return false
	}
	rest := string(t.lower[s.b:min(len(t.lower), s.b+4)])
	before := string(t.lower[max(0, s.a-3):s.a])
	return strings.HasPrefix(rest, " of ") || strings.Contains(before, "已")
}

// nearOwn is near without the words the team quotes (rep): "not 'if
// anyone was upset', but because we sold you a faulty product" apologises
// without a condition. The words before s are read from the last colon on
// ("Sorry if this sounds blunt: we got it wrong").
func (t *text) nearOwn(s span, cues []string, before, after int, rep []bool) bool {
	a, b := t.sentenceBounds(s.a)
	from, to := max(a, s.a-before), min(b, s.b+after)
	for i := s.a - 1; i >= from; i-- {
		if t.lower[i] == ':' || t.lower[i] == '：' {
			from = i + 1
			break
		}
	}
	var w strings.Builder
	w.WriteByte(' ')
	for i := from; i < to; i++ {
		if rep[i] && (i < s.a || i >= s.b) {
			w.WriteByte(' ')
			continue
		}
		w.WriteRune(t.lower[i])
	}
	w.WriteByte(' ')
	return containsAny(w.String(), cues)
}

// hypotheticalCues open a clause that supposes or asks rather than
// asserts.
var hypotheticalCues = []string{" if ", "whether", "even if", "in case", "如果", "假如", "倘若", "若是", "即使", "即便", "是否", "能否", "万一", "无论"}

// hypothetical reports whether s sits in a clause that supposes or asks
// rather than asserts, with the cue before it in the clause.
func (t *text) hypothetical(s span) bool {
	a, _ := t.clauseBounds(s.a)
	return containsAny(" "+string(t.lower[a:s.a])+" ", hypotheticalCues)
}

// noOne, before a legal word in its clause, spares everyone: "nobody who
// shared the video will face legal action".
var noOne = []string{"no one", "nobody", "none of", "没有人", "没有任何人", "谁也不会"}

// legalRefusedAfter, after a legal word, rule it out: "legal action against
// people who shared it is not something we will consider".
var legalRefusedAfter = []string{"not something we", "out of the question", "not on the table", "is not an option", "will not be taken",
	"will not be pursued", "won't be", "不在考虑", "不予考虑", "不会采取", "不会考虑"}
