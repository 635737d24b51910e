package rubric

import (
	"regexp"
	"strings"
	"sync"
)

// compiled holds a word list's patterns per language.
type compiled map[string][]pattern

func (w words) compile() compiled {
	return compiled{"en": compile(w.en), "zh": compile(w.zh)}
}

var lists struct {
	once                                                                      sync.Once
	acknowledge, apology, concern, action, cause, guidance                    compiled
	contact, update, time                                                     compiled
	denial, blame, noComment, minimise                                        compiled
	legalThreat, legal, legalVerb, legalTarget, speculation, evidence, filler compiled
}

func loadLists() {
	lists.once.Do(func() {
		lists.acknowledge = acknowledgeWords.compile()
		lists.apology = apologyWords.compile()
		lists.concern = concernWords.compile()
		lists.action = actionWords.compile()
		lists.cause = causeWords.compile()
		lists.guidance = guidanceWords.compile()
		lists.contact = contactWords.compile()
		lists.update = updateWords.compile()
		lists.time = timeWords.compile()
		lists.denial = denialWords.compile()
		lists.blame = blameWords.compile()
		lists.noComment = noCommentWords.compile()
		lists.minimise = minimiseWords.compile()
		lists.legalThreat = legalThreatWords.compile()
		lists.legal = legalWords.compile()
		lists.legalTarget = legalTargets.compile()
		lists.legalVerb = legalVerbs.compile()
		lists.speculation = speculationWords.compile()
		lists.evidence = evidenceWords.compile()
		lists.filler = fillerWords.compile()
	})
}

type judge struct {
	t     *text
	langs []string
}

// find returns the matches of a word list in the judged languages.
func (j *judge) find(c compiled) []span {
	var ps []pattern
	for _, l := range j.langs {
		ps = append(ps, c[l]...)
	}
	return j.t.findAll(ps)
}

// findNot is find without the matches that the words before them negate.
func (j *judge) findNot(c compiled) []span {
	var out []span
	for _, s := range j.find(c) {
		if !j.t.negated(s) {
			out = append(out, s)
		}
	}
	return out
}

// clean drops pattern matches glued to a longer token: the "07批" of
// "CB-2611-07批次", the "24/7" of a 24/7 hotline.
func (j *judge) clean(ss []span) []span {
	t := j.t
	var out []span
	for _, s := range ss {
		if isDigit(t.lower[s.a]) && s.a > 0 {
			if p := t.lower[s.a-1]; isWordRune(p) || p == '-' || p == '.' || p == '/' || p == ',' {
				continue
			}
		}
		if q := t.quote(s); q == "24/7" {
			continue
		}
		out = append(out, s)
	}
	return out
}

func (j *judge) re(re *regexp.Regexp, cased bool) []span { return j.clean(j.t.findRe(re, cased)) }

// evidence quotes spans, in text order, without repeats.
func (j *judge) evidence(ss []span) []string {
	ss = disjoint(append([]span(nil), ss...))
	out := []string{}
	seen := map[string]bool{}
	for _, s := range ss {
		q := strings.TrimSpace(j.t.quote(s))
		if q == "" || seen[q] {
			continue
		}
		seen[q] = true
		out = append(out, q)
		if len(out) == MaxEvidence {
			break
		}
	}
	return out
}

// mergeAdjacent joins spans that touch or are one space apart: 今天 and
// 上午10点 are one time, "tomorrow" and "at 2 p.m." are not.
func mergeAdjacent(t *text, ss []span) []span {
	var out []span
	for _, s := range ss {
		if n := len(out); n > 0 && (s.a == out[n-1].b || s.a == out[n-1].b+1 && t.lower[out[n-1].b] == ' ') {
			out[n-1].b = s.b
			continue
		}
		out = append(out, s)
	}
	return out
}

func without(ss, remove []span) []span {
	var out []span
next:
	for _, s := range ss {
		for _, r := range remove {
			if s.overlaps(r) {
				continue next
			}
		}
		out = append(out, s)
	}
	return out
}

func (j *judge) run(facts []Fact) []Check {
	loadLists()
	t := j.t
	found := map[string][]span{}

	// Credits.
	found["acknowledge"] = j.findNot(lists.acknowledge)
	// An apology demanded of someone else is not the team's apology.
	var apology []span
	for _, s := range j.findNot(lists.apology) {
		if !j.t.after(s, demandCues) {
			apology = append(apology, s)
		}
	}
	found["apology"] = apology
	found["concern"] = j.findNot(lists.concern)
	found["cause"] = j.find(lists.cause)
	found["actions"] = j.findNot(lists.action)
	found["guidance"] = j.find(lists.guidance)

	phones := t.phones()
	contact := append(j.find(lists.contact), phones...)
	contact = append(contact, t.findRe(emailRe, false)...)
	contact = append(contact, t.findRe(urlRe, false)...)
	found["contact"] = disjoint(contact)

	// Next update: an update word and a time in the same sentence, close.
	times := append(j.find(lists.time), j.re(clockRe, false)...)
	times = append(times, j.re(dateRe, false)...)
	times = append(times, t.findRe(spanTimeRe, false)...)
	times = mergeAdjacent(t, disjoint(times))
	var updates []span
	for _, u := range j.find(lists.update) {
		best, dist := span{}, -1
		for _, tm := range times {
			if t.sentence[tm.a] != t.sentence[u.a] {
				continue
			}
			gap := tm.a - u.b
			if u.a > tm.a {
				gap = u.a - tm.b
			}
			if gap <= 40 && (dist < 0 || gap < dist) {
				best, dist = tm, gap
			}
		}
		if dist >= 0 {
			updates = append(updates, span{min(u.a, best.a), max(u.b, best.b)})
		}
	}
	found["next-update"] = updates

	// Facts: how many, when, which, where — not the hotline number, not the
	// promise of the next update.
	var details []span
	details = append(details, j.re(countRe, false)...)
	details = append(details, j.re(dateRe, false)...)
	details = append(details, j.re(clockRe, false)...)
	details = append(details, t.findRe(codeRe, true)...)
	details = append(details, j.re(placeRe, false)...)
	details = append(details, t.findRe(namedPlaceRe, true)...)
	details = without(disjoint(details), append(append([]span(nil), phones...), updates...))
	factEv := j.evidence(details)
	if len(factEv) < 2 {
		details = nil
	}
	found["facts"] = details

	// Penalties.
	found["denial"] = j.find(lists.denial)
	found["blame"] = j.findNot(lists.blame)
	found["no-comment"] = j.find(lists.noComment)
	found["minimising"] = j.findNot(lists.minimise)

	// Legal words are a threat when a word for the public shares their
	// sentence, unless that word sits in a clause that rules legal action
	// out ("parents who shared in good faith will never be pursued").
	legal := j.findNot(lists.legalThreat)
	spared := map[int]bool{}
	for _, s := range j.find(lists.legalVerb) {
		if t.negated(s) {
			spared[t.clause[s.a]] = true
		}
	}
	var targets []span
	for _, tg := range j.find(lists.legalTarget) {
		if !spared[t.clause[tg.a]] {
			targets = append(targets, tg)
		}
	}
	for _, s := range j.findNot(lists.legal) {
		best, dist := span{}, -1
		for _, tg := range targets {
			if t.sentence[tg.a] != t.sentence[s.a] {
				continue
			}
			d := tg.a - s.b
			if tg.a < s.a {
				d = s.a - tg.b
			}
			if d <= 60 && (dist < 0 || d < dist) {
				best, dist = tg, d
			}
		}
		if dist >= 0 {
			legal = append(legal, span{min(s.a, best.a), max(s.b, best.b)})
		}
	}
	found["legal-threat"] = disjoint(legal)

	evid := j.find(lists.evidence)
	var spec []span
	for _, s := range j.findNot(lists.speculation) {
		cited := false
		for _, e := range evid {
			if t.sentence[e.a] == t.sentence[s.a] {
				cited = true
				break
			}
		}
		if !cited {
			spec = append(spec, s)
		}
	}
	found["speculation"] = spec

	// A cause offered in the same clause as speculation or blame is not the
	// honest account the cause check rewards.
	bad := map[int]bool{}
	for _, s := range append(append([]span(nil), spec...), found["blame"]...) {
		bad[t.clause[s.a]] = true
	}
	var cause []span
	for _, s := range found["cause"] {
		if !bad[t.clause[s.a]] {
			cause = append(cause, s)
		}
	}
	found["cause"] = cause

	// Filler counts only when the statement has no concrete facts, or when
	// there is more filler than concrete detail and action.
	filler := j.find(lists.filler)
	concrete := len(factEv) + len(j.evidence(found["actions"]))
	if len(filler) > 0 && (len(found["facts"]) == 0 || len(filler) >= 3 && len(filler) > concrete) {
		found["filler"] = filler
	}

	var out []Check
	add := func(d Def, ss []span) {
		ev := j.evidence(ss)
		passed := len(ev) > 0
		if d.Penalty {
			passed = !passed
		} else if !passed {
			ev = []string{}
		}
		out = append(out, Check{ID: d.ID, Label: d.Label, Passed: passed, Penalty: d.Penalty, Weight: d.Weight,
			Dimensions: d.Dimensions, Evidence: ev})
	}
	for _, d := range Catalogue {
		if !d.Penalty {
			add(d, found[d.ID])
		}
	}
	seen := map[string]bool{}
	for _, f := range facts {
		id := strings.TrimSpace(f.ID)
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		lb := map[string]string{}
		for _, l := range []string{"en", "zh"} {
			name := f.Label[l]
			if name == "" {
				name = id
			}
			if l == "en" {
				lb[l] = "Required fact: " + name
			} else {
				lb[l] = "必含事实：" + name
			}
		}
		add(Def{ID: "fact:" + id, Label: lb, Weight: FactWeight, Dimensions: FactDimensions}, j.factSpans(f))
	}
	for _, d := range Catalogue {
		if d.Penalty {
			add(d, found[d.ID])
		}
	}
	return out
}

// factSpans finds a required fact: any of its match words, case-insensitive;
// a word that is a number (a hotline, a quantity) also matches the same
// digits written with other separators ("400 000 2611" for "400-000-2611").
func (j *judge) factSpans(f Fact) []span {
	t := j.t
	var ss []span
	for _, w := range f.Match {
		l := newLit(w)
		l.wordStart, l.wordEnd = false, false
		for _, s := range l.find(t) {
			if isDigit(t.lower[s.a]) && s.a > 0 && isDigit(t.lower[s.a-1]) {
				continue
			}
			if isDigit(t.lower[s.b-1]) && s.b < len(t.lower) && isDigit(t.lower[s.b]) {
				continue
			}
			ss = append(ss, s)
		}
		if d := digitsOf(w); len(d) >= 5 && onlyNumberish(w) {
			ss = append(ss, t.digitRuns(d)...)
		}
	}
	return disjoint(ss)
}

func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else if r >= '０' && r <= '９' {
			b.WriteRune(r - '０' + '0')
		}
	}
	return b.String()
}

func onlyNumberish(s string) bool {
	for _, r := range s {
		if !(isDigit(r) || r >= '０' && r <= '９' || strings.ContainsRune(" -.()+/－", r)) {
			return false
		}
	}
	return true
}

// digitRuns finds runs of digits, with single separators ( -.) between
// groups, whose digits are exactly want.
func (t *text) digitRuns(want string) []span {
	rs := t.lower
	var out []span
	for i := 0; i < len(rs); i++ {
		if !isDigit(rs[i]) || i > 0 && isDigit(rs[i-1]) {
			continue
		}
		var b strings.Builder
		k := i
		end := i
		for k < len(rs) {
			if isDigit(rs[k]) {
				b.WriteRune(rs[k])
				k++
				end = k
				continue
			}
			if strings.ContainsRune(" -.", rs[k]) && k+1 < len(rs) && isDigit(rs[k+1]) {
				k++
				continue
			}
			break
		}
		if b.String() == want {
			out = append(out, span{i, end})
		}
		i = end - 1
	}
	return out
}
