package rubric

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// compiled holds a word list's patterns per language.
type compiled map[string][]pattern

func (w words) compile() compiled {
	return compiled{"en": compile(w.en), "zh": compile(w.zh)}
}

// wordLists are the judge's word lists compiled for one configuration
// of its steps (cfg).
type wordLists struct {
	cfg                                                                       *config
	acknowledge, apology, concern, action, cause, guidance                    compiled
	contact, update, time                                                     compiled
	denial, blame, noComment, minimise                                        compiled
	legalThreat, legal, legalVerb, legalTarget, speculation, evidence, filler compiled
	nonApology, victim, denialHazard, reassure, overPromise, agent, causal    compiled
	theirs                                                                    compiled
	owning, hedge, causalAfter, breach, staff, anaphor, comment, us           compiled
	people, assure, safeClaim, say                                            compiled
	report, selfReport, retract, idiom                                        []pattern // language-neutral
}

// newLists compiles the word lists with the steps and concepts cfg has on.
func newLists(cfg *config) *wordLists {
	l := &wordLists{cfg: cfg}
	// with adds more to w when step is on.
	with := func(w words, step int, more words) words {
		if cfg.on(step) {
			return plus(w, more)
		}
		return w
	}
	credit := func(check string, w words) compiled {
		if cfg.on(v9Concepts) {
			w = conceptWords(cfg, check, w)
		}
		return w.compile()
	}
	l.acknowledge = credit("acknowledge", acknowledgeWords)
	l.apology = credit("apology", apologyWords)
	l.concern = credit("concern", concernWords)
	l.action = credit("actions", actionWords)
	l.cause = credit("cause", causeWords)
	l.guidance = credit("guidance", guidanceWords)
	l.contact = credit("contact", contactWords)
	l.update = credit("next-update", updateWords)
	l.time = timeWords.compile()
	l.denial = denialWords.compile()
	l.blame = with(blameWords, v9Industry, words{en: industryWords}).compile()
	l.noComment = noCommentWords.compile()
	l.minimise = minimiseWords.compile()
	l.legalThreat = legalThreatWords.compile()
	l.legal = with(legalWords, v12Lawyers, lawyersV12).compile()
	l.legalTarget = legalTargets.compile()
	l.legalVerb = legalVerbs.compile()
	l.speculation = with(speculationWords, v12Probably, guessV12).compile()
	l.evidence = with(with(evidenceWords, v11Records, recordWords), v15Preliminary, preliminaryWords).compile()
	l.filler = fillerWords.compile()
	l.nonApology = with(nonApologyWords, v9If, words{zh: intentWords}).compile()
	l.victim = with(with(with(victimWords, v12Attack, attackV12), v13Victim, victimV13), v16PileOn, pileOnV16).compile()
	l.denialHazard = with(with(denialHazardWords, v12Denial, denialV12), v19Standard, standardV19).compile()
	l.reassure = with(with(with(with(with(with(with(reassureWords, v11Safe, words{zh: safeToUse}), v12Unsafe, unsafeV12), v13Hundred, hundredReassureV13), v15Keep, keepUsing),
		v16Possessor, secureV16), v18Risk, riskV18), v23Risk, riskV23).compile()
	l.overPromise = with(overPromiseWords, v13Hundred, hundredPromiseV13).compile()
	agent := agentWords
	if cfg.on(v9Someone) {
		agent = withoutWords(agent, "someone", someoneWords)
	}
	l.agent = with(agent, v10Parties, words{zh: contractorWords}).compile()
	l.causal = causalWords.compile()
	l.theirs = with(words{}, v12Theirs, theirsWords).compile()
	l.causalAfter = with(causalAfterWords, v20Caused, causedV20).compile()
	l.owning = with(owningWords, v21Own, owningV21).compile()
	l.hedge = hedgeWords.compile()
	l.breach = breachWords.compile()
	l.staff = staffWords.compile()
	l.anaphor = anaphorWords.compile()
	l.comment = commentWords.compile()
	l.us = usWords.compile()
	l.people = peopleWords.compile()
	l.assure = assureWords.compile()
	l.safeClaim = safeClaimWords.compile()
	l.say = sayWords.compile()
	l.report = compile(reportCues)
	if cfg.on(v18Told) {
		l.selfReport = compile(append(slices.Clip(selfReportCues), toldV18...))
	} else {
		l.selfReport = compile(selfReportCues)
	}
	l.retract = compile(retractCues)
	l.idiom = compile(idioms)
	return l
}

// programLists are the lists the program judges with: every step on.
var programLists = sync.OnceValue(func() *wordLists { return newLists(&config{}) })

type judge struct {
	t     *text
	langs []string
	ctx   Context
	clash string // the check that contradicts ctx.Stance
	// res keeps what re found, by pattern: dates and clock times are read
	// for the next update and again for the facts, and the patterns are
	// the judge's most costly work.
	res map[reKey][]span
	l   *wordLists
}

type reKey struct {
	re    *regexp.Regexp
	cased bool
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
			if p := t.lower[s.a-1]; (isWordRune(p) || p == '-' || p == '.' || p == '/' || p == ',') && !(j.l.cfg.on(v17Comma) && t.wideBefore(s.a)) {
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

func (j *judge) re(re *regexp.Regexp, cased bool) []span {
	k := reKey{re, cased}
	ss, ok := j.res[k]
	if !ok {
		ss = j.clean(j.t.findRe(re, cased))
		if j.res == nil {
			j.res = map[reKey][]span{}
		}
		j.res[k] = ss
	}
	return slices.Clone(ss) // the callers append to what they get
}

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
	t := j.t
	found := map[string][]span{}
	rep := t.reported()
	// own drops the matches that sit in words the team quotes; it applies
	// to penalties only (quoting a critic is not saying what they said).
	own := func(ss []span) []span {
		var out []span
		for _, s := range ss {
			if !rep[s.a] {
				out = append(out, s)
			}
		}
		return out
	}

	// Credits.
	found["acknowledge"] = j.findNot(j.l.acknowledge)

	// Apologies: one demanded of someone else is not the team's; one made
	// on a condition ("sorry if anyone was upset") or for people's feelings
	// ("sorry to hear some customers feel…") is a non-apology.
	var apology, nonApology []span
	before, after, feelings := nonApologyBefore, nonApologyAfter, false
	caused := j.l.cfg.on(v18Caused)
	if caused {
		before, after = nonApologyBeforeV18, nonApologyAfterV18
	}
	for _, s := range j.findNot(j.l.apology) {
		if caused {
			cues := feelingsCues
			if j.l.cfg.on(v20Worry) {
				cues = feelingsCuesV20
			}
			feelings = (t.nearOwn(s, cues, 40, 0, rep) || t.nearOwn(s, cues, 0, 30, rep)) && t.nearOwn(s, feelingsHedges, 40, 30, rep)
		}
		switch {
		case j.t.after(s, demandCues):
		case t.nearOwn(s, before, 40, 0, rep) || t.nearOwn(s, after, 0, 30, rep) || feelings || t.conditional(s) ||
			j.l.cfg.on(v17Feelings) && isWordRune(t.lower[s.a]) && t.nearOwn(s, feelingsAfter, 0, 60, rep):
			nonApology = append(nonApology, s)
		default:
			apology = append(apology, s)
		}
	}
	found["apology"] = apology
	found["non-apology"] = append(nonApology, own(j.find(j.l.nonApology))...)
	if len(apology) > 0 && len(j.evidence(apology)) > len(j.evidence(found["non-apology"])) {
		// A real apology elsewhere outweighs one stock "any inconvenience".
		found["non-apology"] = nil
	}

	// Victim-playing: the company as the victim; it is not concern.
	// Not when the team refuses the role ("we will not present ourselves
	// as victims of this").
	var victim []span
	for _, s := range own(j.findNot(j.l.victim)) {
		if !j.saidInDoubt(s) && !(j.l.cfg.on(v9Possible) && t.clauseOf(s, possibleCues, 30)) && !(j.l.cfg.on(v16Attacked) && t.plainAttack(s)) {
			victim = append(victim, s)
		}
	}
	found["victim"] = victim
	concern := j.findNot(j.l.concern)
	if j.l.cfg.on(v9Sense) {
		concern = t.offSense(concern)
	}
	found["concern"] = without(concern, victim)

	// The cause, not "the distress this has caused": a cause word counts
	// unless it sits in a clause that speculates or blames (below).
	found["cause"] = j.find(j.l.cause)
	if j.l.cfg.on(v20OurError) {
		var cause []span
		for _, s := range found["cause"] {
			if !t.verdictError(s) {
				cause = append(cause, s)
			}
		}
		found["cause"] = cause
	}
	// One word, one credit (version 8): a word on both lists (排查, 彻查,
	// 送检, "looking into") says the cause is being investigated; it is
	// not also an action taken.
	// A longer action phrase round a cause word ("sent for testing") is
	// still an action.
	actions := j.findNot(j.l.action)
	if j.l.cfg.on(v9Sense) {
		actions = t.offSense(actions)
	}
	for _, a := range actions {
		if !slices.Contains(found["cause"], a) {
			found["actions"] = append(found["actions"], a)
		}
	}
	// Guidance: the stock phrases, or any clause that begins by telling
	// the reader what to do.
	guidance := j.readerGuidance(j.findNot(j.l.guidance))
	if j.l.cfg.on(v21Readers) {
		guidance = append(guidance, without(t.readerOrders(), guidance)...)
	}
	found["guidance"] = append(guidance, without(t.imperatives(), guidance)...)

	phones := t.phones()
	contact := append(j.find(j.l.contact), phones...)
	contact = append(contact, t.findRe(emailRe, false)...)
	web := urlRe
	if j.l.cfg.on(v13Web) {
		web = urlReV13
	}
	contact = append(contact, t.findRe(web, false)...)
	found["contact"] = disjoint(contact)

	// Next update: an update word and a time in the same sentence, close.
	times := append(j.find(j.l.time), j.re(clockRe, false)...)
	times = append(times, j.re(dateRe, false)...)
	times = append(times, t.findRe(spanTimeRe, false)...)
	times = mergeAdjacent(t, disjoint(times))
	var updates []span
	for _, u := range j.find(j.l.update) {
		best, dist := span{}, -1.0
		for _, tm := range times {
			if t.sentence[tm.a] != t.sentence[u.a] {
				continue
			}
			gap := t.width(u.b, tm.a)
			if u.a > tm.a {
				// A time before the update word ("12月11日，我们将通报")
				// keeps the old reach of 40 characters: in English the
				// time that leads a sentence is seldom the update's. From
				// version 14, when the words between say the update is to
				// come (futureCues), it is measured in the same unit as a
				// time after: "On 24 January we will write to every
				// affected passenger with an update" is then as near as
				// 1月24日，我们将致函每位受影响的旅客，通报赔付进展.
				gap = float64(u.a - tm.b)
				if j.l.cfg.on(v14Before) && tm.b <= u.a && containsAny(string(t.lower[tm.b:u.a]), futureCues) {
					gap = min(gap, t.width(tm.b, u.a))
				}
			}
			if j.l.cfg.on(v15Done) && t.updateDone(u, tm) {
				continue
			}
			if gap <= updateReach && (dist < 0 || gap < dist) {
				best, dist = tm, gap
			}
		}
		if dist >= 0 && !(j.l.cfg.on(v15Heading) && t.inHeading(u)) {
			updates = append(updates, span{min(u.a, best.a), max(u.b, best.b)})
		}
	}
	found["next-update"] = updates

	// Facts: how many, when, which, where — not the hotline number, not the
	// promise of the next update, not the numerals of an idiom.
	var details []span
	for _, c := range j.re(countRe, false) {
		if !(j.l.cfg.on(v9Duration) && t.duration(c)) {
			details = append(details, c)
		}
	}
	for _, c := range j.re(countWordsRe, false) {
		if !(j.l.cfg.on(v17Duration) && t.duration(c)) {
			details = append(details, c) // not "eight months", "forty years" (version 17), as not "24 hours"
		}
	}
	details = append(details, j.re(amountRe, false)...)
	details = append(details, j.re(dateRe, false)...)
	details = append(details, j.re(clockRe, false)...)
	details = append(details, t.findRe(codeRe, true)...)
	details = append(details, j.re(placeRe, false)...)
	details = append(details, t.findRe(namedPlaceRe, true)...)
	skip := append(append(append([]span(nil), phones...), updates...), t.idiomSpans()...)
	details = without(disjoint(details), skip)
	factEv := j.evidence(details)
	if len(factEv) < 2 {
		details = nil
	}
	found["facts"] = details

	// Penalties.
	hazardOpen := j.ctx.Hazard != HazardCleared
	for _, s := range own(j.findNot(j.l.denial)) {
		if !(j.l.cfg.on(v11Attrib) && t.attributive(s)) && !(j.l.cfg.on(v15Relative) && t.relativeBefore(s)) {
			found["denial"] = append(found["denial"], s)
		}
	}
	evid := j.find(j.l.evidence)
	if hazardOpen {
		// "meets national standards" is a denial unless the sentence cites
		// the measurement behind it.
		for _, s := range own(j.findNot(j.l.denialHazard)) {
			// Not when it waits on the facts: 检测合格后方可继续饮用,
			// "we cannot yet say it meets the standard".
			if !t.sameSentence(s, evid) && !j.doubted(s) && !(j.l.cfg.on(v11Attrib) && t.attributive(s)) && !(j.l.cfg.on(v21Others) && t.others(s)) {
				found["denial"] = append(found["denial"], s)
			}
		}
		var reassure []span
		people := j.find(j.l.people)
		us := j.find(j.l.us)
		claims := own(j.findNot(j.l.reassure))
		for _, s := range claims {
			// "until we know it is safe to drink" is not a reassurance;
			// "all 312 passengers are safe" reports on people, not on a
			// product; "we will keep using text messages" on what the
			// team does; "our hotline is open as usual" on a channel.
			// A risk denied to people ("residents are at no risk", 周边居民
			// 不存在任何风险) is said of the hazard, not a report on them
			// (version 15).
			subjects := people
			if j.l.cfg.on(v16Possessor) {
				subjects = t.notPossessors(people)
			}
			if j.l.cfg.on(v18Complement) {
				subjects = t.beforeComplement(subjects, s)
			}
			claim := string(t.lower[s.a:s.b])
			toThem := j.l.cfg.on(v18NoNeed) && hasPrefixAny(claim, noNeedCues) || j.l.cfg.on(v19State) && !containsAny(claim, stateWords)
			ofPeople := !toThem && t.subjectBefore(s, subjects, 40) && !(j.l.cfg.on(v15Keep) && containsAny(claim, riskWords))
			if !j.doubted(s) && !ofPeople && !t.ourOwnUse(s, us) && !t.openAsUsual(s) && !t.refundReturn(s) &&
				!(j.l.cfg.on(v15Ought) && t.clauseOf(s, oughtCues, 24)) && !(j.l.cfg.on(v16Normal) && t.bareOfNoUse(s)) && !(j.l.cfg.on(v16Ensure) && t.clauseOf(s, goalCues, 40)) {
				reassure = append(reassure, s)
			}
		}
		// "Rest assured", 请放心: false reassurance when what it assures
		// is a safety claim, not when it is about people or care ("rest
		// assured that our staff will call every family").
		for _, f := range without(own(j.findNot(j.l.assure)), claims) {
			if claim, ok := j.assuredClaim(f, reassure, people); ok {
				reassure = append(reassure, f, claim)
			}
		}
		found["false-reassurance"] = reassure
	}
	// "No comment", or any refusal to comment ("will not be commenting",
	// 不便置评) unless it refuses to guess ("we will not comment on
	// speculation"). A refusal scoped inside a statement that gives the
	// facts is not silence; it fires when the statement gives none.
	var noComment []span
	for _, s := range own(j.find(j.l.noComment)) {
		if !t.near(s, guessCues, 0, 30) {
			noComment = append(noComment, s)
		}
	}
	for _, s := range own(j.find(j.l.comment)) {
		if j.l.cfg.on(v10Instruct) && t.toldToStaff(s) {
			continue
		}
		if (t.negated(s) || t.after(s, refuseZh)) && !t.near(s, guessCues, 0, 30) {
			noComment = append(noComment, span{t.negationStart(s), s.b})
		}
	}
	if len(found["facts"]) == 0 {
		found["no-comment"] = noComment
	} else {
		for _, s := range noComment {
			if t.near(s, wholesaleRefusal, 80, 80) {
				found["no-comment"] = append(found["no-comment"], s)
			}
		}
	}
	found["minimising"] = own(j.findNot(j.l.minimise))
	if j.l.cfg.on(v16Cases) {
		found["minimising"] = t.notCounted(found["minimising"])
	}
	// Over-promising, unless the promise is refused or doubted ("no one
	// can guarantee zero risk", 我们不能保证…) or the "100%" counts what is
	// done ("100% of the bottles have been removed", 已100%下架).
	var overPromise []span
	for _, s := range own(j.findNot(j.l.overPromise)) {
		if !j.saidInDoubt(s) && !t.doneShare(s) && !(j.l.cfg.on(v10Condition) && t.ruleAfter(s)) && !(j.l.cfg.on(v15Past) && t.pastNever(s)) {
			overPromise = append(overPromise, s)
		}
	}
	found["over-promise"] = overPromise

	// Blame: a word that pins the fault on someone (blameWords), or a
	// causal word ("caused by", 由于, 出在) with another party (a supplier,
	// the courier, customers, hackers) in the same clause; not when the
	// sentence owns the fault ("the supplier we chose; that is on us").
	// A scapegoat ruled out is not blamed ("not any one temporary
	// worker", 根子在总部，不在哪一个临时工身上; version 7).
	var blame []span
	for _, s := range own(j.findNot(j.l.blame)) {
		if !t.cleared(s) && !(j.l.cfg.on(v10Listed) && t.besideOurStaff(s)) {
			blame = append(blame, s)
		}
	}
	agents := own(j.findNot(j.l.agent))
	for _, s := range own(j.findNot(j.l.theirs)) {
		if t.namedBefore(s, agents) && !t.cleared(s) {
			blame = append(blame, s)
		}
	}
	causal := t.wholeWords(own(j.findNot(j.l.causal)))
	causalAfter := own(j.findNot(j.l.causalAfter))
	pin := func(c span, before bool) {
		for _, a := range agents {
			if t.sentence[a.a] != t.sentence[c.a] || t.cleared(a) {
				continue
			}
			// "caused by the supplier", 由于供应商: the party follows;
			// "the supplier is at fault", 供应商所致: it comes first.
			// English takes about three times the characters of Chinese.
			limit := 12
			if isWordRune(t.lower[c.a]) {
				limit = 48
			}
			// 给顾客造成的困扰: the party after 给/对/向 is the one harmed.
			if before && (t.harmedParty(a) || j.l.cfg.on(v11Dative) && t.dativeList(a) || j.l.cfg.on(v20Caused) && t.harmedEn(a)) {
				continue
			}
			// 因为恐慌扔掉奶瓶的家长: the causal clause describes the
			// party it ends on, which is not blamed (version 7).
			if !before && t.describedParty(c, a) {
				continue
			}
			// 来自境外地址的批量下载 ("downloads from overseas
			// addresses"): 来自 that makes the party the source of a
			// thing named after it describes that thing (version 8).
			if !before && t.sourceOf(c, a) {
				continue
			}
			if !before && j.l.cfg.on(v19Right) && t.entitled(c, a) {
				continue // "because parents deserve to hear it from us" (version 19)
			}
			if !before && j.l.cfg.on(v22Clause) && t.clause[a.a] != t.clause[c.a] && slices.Contains(causeClauseV22, string(t.lower[c.a:c.b])) {
				continue // 由于…故障，顾客…: the customers are whom it happened to (version 22)
			}
			if !before && a.a >= c.b && (a.a-c.b <= limit || j.l.cfg.on(v20Supplied) && t.supplied(c, a)) || before && a.b <= c.a && c.a-a.b <= limit {
				blame = append(blame, span{min(a.a, c.a), max(a.b, c.b)})
				return
			}
		}
	}
	for _, c := range causal {
		pin(c, false)
		// A causal word that points at the team ("the fault lies with us",
		// 这件事怪我们, 问题出在我们自己) admits the problem.
		if end := t.pointsAtUs(c, agents); end > 0 {
			found["acknowledge"] = append(found["acknowledge"], span{c.a, end})
		}
	}
	for _, c := range causalAfter {
		pin(c, true)
	}
	// Scapegoating staff: a member of staff and a breach of rules in one
	// sentence ("a temporary worker in breach of company rules", 该员工
	// 未按规定流程…擅自关闭, 骑手…违反交通规则).
	// A statement that owns the failure anywhere ("our system should have
	// flagged it, and it didn't") reports what the staff member did; it
	// does not make them the message.
	breaches := own(j.findNot(j.l.breach))
	if j.l.cfg.on(v15Represent) {
		breaches = t.representsUs(breaches)
	}
	var staff []span
	if len(breaches) > 0 && len(j.find(j.l.owning)) == 0 {
		staff = j.find(j.l.staff)
	}
	for _, v := range breaches {
		for _, st := range staff {
			if s := (span{min(st.a, v.a), max(st.b, v.b)}); t.sentence[st.a] == t.sentence[v.a] && abs(st.a-v.a) <= 60 && len(without([]span{s}, blame)) > 0 {
				blame = append(blame, s)
				break
			}
		}
	}
	owning := j.find(j.l.owning)
	var blamed []span
	for _, s := range disjoint(blame) {
		// Not when the sentence owns the fault, nor when the party is
		// only a hypothesis ("if our supplier turns out to be at fault",
		// "whether the fault lies with the supplier", 即使问题出在供应商).
		if !t.sameSentence(s, owning) && !t.hypothetical(s) {
			blamed = append(blamed, s)
		}
	}
	found["blame"] = blamed

	// Legal words are a threat when a word for the public shares their
	// sentence, unless that word sits in a clause that rules legal action
	// out ("parents who shared in good faith will never be pursued").
	stock := own(j.findNot(j.l.legalThreat))
	var legal []span
	spared := map[int]bool{}
	for _, s := range j.find(j.l.legalVerb) {
		if t.negated(s) || t.clauseOf(s, noOne, 60) || t.near(s, legalRefusedAfter, 0, 60) {
			spared[t.clause[s.a]] = true
		}
	}
	var targets []span
	for _, tg := range j.find(j.l.legalTarget) {
		if !spared[t.clause[tg.a]] {
			targets = append(targets, tg)
		}
	}
	legalWords := own(j.findNot(j.l.legal))
	if j.l.cfg.on(v24Court) {
		var kept []span
		for _, s := range legalWords {
			if !t.courtThing(s) {
				kept = append(kept, s)
			}
		}
		legalWords = kept
	}
	for _, s := range legalWords {
		best, dist := span{}, -1
		for _, tg := range targets {
			if t.sentence[tg.a] != t.sentence[s.a] {
				continue
			}
			d := tg.a - s.b
			if tg.a < s.a {
				d = s.a - tg.b
			}
			// English takes about twice the characters of Chinese.
			reach := 60
			if isWordRune(t.lower[s.a]) {
				reach = 120
			}
			if d <= reach && (dist < 0 || d < dist) {
				best, dist = tg, d
			}
		}
		if dist >= 0 {
			legal = append(legal, span{min(s.a, best.a), max(s.b, best.b)})
		}
	}
	// "Every account that shared it has 24 hours to delete it. After that,
	// our lawyers will act against each of them.": a legal word whose
	// sentence points back ("them", 其, 上述) at the public named in the
	// sentence before.
	anaphora := j.find(j.l.anaphor)
	for _, s := range legalWords {
		if t.sameSentence(s, targets) || !t.sameSentence(s, anaphora) {
			continue
		}
		for _, tg := range targets {
			if t.sentence[tg.a] == t.sentence[s.a]-1 {
				legal = append(legal, tg, s)
				break
			}
		}
	}
	// A stock threat ("reserves the right to take legal action") quotes
	// the legal word and its target when they are there.
	for _, s := range without(stock, legal) {
		if !spared[t.clause[s.a]] {
			legal = append(legal, s)
		}
	}
	if j.l.cfg.on(v22Report) {
		var kept []span
		for _, s := range legal {
			if !t.reportHelp(s, found["guidance"]) && !(j.l.cfg.on(v24Dial) && t.readerReports(s)) {
				kept = append(kept, s)
			}
		}
		legal = kept
	}
	found["legal-threat"] = disjoint(legal)

	// Speculation: a guess ("we suspect", 估计是), or a hedge ("may have",
	// 很可能, 也不排除) close to a cause or another party ("from the
	// supplier", 跟运输有关) — unless the sentence cites evidence.
	var spec []span
	guesses := own(j.findNot(j.l.speculation))
	// (Not "may cause redness": a possible effect is honest risk advice.)
	causeish := append(append(append([]span(nil), causal...), agents...), j.find(j.l.cause)...)
	for _, h := range own(j.findNot(j.l.hedge)) {
		if t.followedBy(h, hedgedAction) {
			continue // "we may need to collect it", 可能需要取回: our own next step
		}
		if j.l.cfg.on(v9Effect) && t.followedBy(h, hedgedEffect) {
			continue // "could let someone read", 可能让…读取: a possible effect (version 9)
		}
		if j.l.cfg.on(v15Effect) && t.followedBy(h, hazardVerbs) {
			continue // "may overheat", 可能破裂: what the product can do (version 15)
		}
		if j.l.cfg.on(v18Can) && t.possibleEvent(h) {
			continue // 吸盘可能松脱, "might help": what may happen (version 18)
		}
		if j.l.cfg.on(v22Later) && t.hazardLater(h) {
			continue // 可能在运转过程中碎裂: what the product can do (version 22)
		}
		if j.l.cfg.on(v11Reader) && t.readerBefore(h) {
			continue // "you may have been exposed", 您可能接触过: advice (version 11)
		}
		// English takes about twice the characters of Chinese to say the
		// same ("appears to have started on our payment partner's side").
		reach := 30
		if isWordRune(t.lower[h.a]) {
			reach = 60
		}
		for _, c := range causeish {
			if t.sentence[c.a] == t.sentence[h.a] && abs(c.a-h.a) <= reach {
				s := h // quote the hedge, with the cause when they share a clause
				if t.clause[c.a] == t.clause[h.a] {
					s = span{min(h.a, c.a), max(h.b, c.b)}
				}
				guesses = append(guesses, s)
				break
			}
		}
	}
	for _, s := range disjoint(guesses) {
		if !t.sameSentence(s, evid) && !(j.l.cfg.on(v21Authority) && t.authorityJudges(s)) && !(j.l.cfg.on(v22Forecast) && t.forecastV22(s)) &&
			!(j.l.cfg.on(v23Hence) && t.hence(s)) && !(j.l.cfg.on(v23Checking) && t.ownProvisional(s)) && !(j.l.cfg.on(v23Rules) && t.byRule(s)) {
			spec = append(spec, s)
		}
	}
	found["speculation"] = spec

	// A cause offered in the same clause as speculation or blame is not the
	// honest account the cause check rewards.
	bad := map[int]bool{}
	for _, s := range append(append([]span(nil), spec...), found["blame"]...) {
		for i := s.a; i < s.b; i++ {
			bad[t.clause[i]] = true
		}
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
	filler := own(j.find(j.l.filler))
	concrete := len(factEv) + len(j.evidence(found["actions"]))
	if len(filler) > 0 && (len(found["facts"]) == 0 || len(filler) >= 3 && len(filler) > concrete) {
		found["filler"] = filler
	}

	// A list of keywords is not a statement: less than 40 % of its letters
	// in chunks that read as clauses (see prose), and at least eight
	// keywords outside them ("No comment." is short, not a list).
	if share, chunks := t.prose(); share < MinProse && t.keywords(chunks) >= 8 {
		found["keyword-list"] = chunks
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
		c := Check{ID: d.ID, Label: d.Label, Passed: passed, Penalty: d.Penalty, Weight: d.Weight,
			Dimensions: d.Dimensions, Evidence: ev}
		if c.Dimensions == nil {
			c.Dimensions = []string{}
		}
		if !passed {
			c.Hint = d.Hint
		}
		out = append(out, c)
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
		hint := map[string]string{}
		for _, l := range []string{"en", "zh"} {
			name := f.Label[l]
			if name == "" {
				name = id
			}
			if l == "en" {
				lb[l] = "Required fact: " + name
				hint[l] = "This decision's statement must give: " + name + "."
			} else {
				lb[l] = "必含事实：" + name
				hint[l] = "本决策的声明必须写明：" + name + "。"
			}
		}
		add(Def{ID: "fact:" + id, Label: lb, Weight: FactWeight, Dimensions: FactDimensions, Hint: hint}, j.factSpans(f))
	}
	for _, d := range Catalogue {
		if d.Penalty && d.ID != "choice-clash" {
			add(d, found[d.ID])
		}
	}
	// The statement against the option the team chose.
	if j.ctx.Stance != "" {
		id, ev := StanceClash(j.ctx.Stance, out)
		d := *def("choice-clash")
		c := Check{ID: d.ID, Label: d.Label, Passed: id == "", Penalty: true, Dimensions: []string{}, Evidence: []string{}}
		if id != "" {
			c.Evidence, c.Hint, j.clash = ev, d.Hint, id
		}
		out = append(out, c)
	}
	return out
}

// StanceClash tells whether judged checks contradict the stance of the
// option the team chose: a denial, false reassurance, blame or
// victim-playing under an option that acknowledges the problem or holds for
// the facts, or an apology under one that denies or blames. It returns the
// clashing check's id and evidence, or "" when they agree or the stance is
// unknown.
func StanceClash(stance string, checks []Check) (string, []string) {
	fired := func(id string) []string {
		for _, c := range checks {
			if c.ID == id && c.Penalty != c.Passed {
				return c.Evidence
			}
		}
		return nil
	}
	var ids []string
	switch stance {
	case "acknowledge", "hold":
		ids = []string{"denial", "false-reassurance", "blame", "victim"}
	case "deny", "blame":
		ids = []string{"apology"}
	}
	for _, id := range ids {
		if ev := fired(id); ev != nil {
			return id, ev
		}
	}
	return "", nil
}

// MinProse is the least share of a statement's letters that must read as
// prose; below it (with eight or more keywords outside prose) keyword-list
// fires.
const MinProse = 0.4

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
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

// futureCues between a time and the update word after it say the update
// is to come ("On 3 March we will send…", 3月3日，我们将…), not an event
// of that day ("On 3 June the app failed because of an update").
var futureCues = []string{" will ", "'ll ", " shall ", "going to", " plan to ", "将", "会", "计划", "拟"}

// updateReach is how far a time may follow an update word, in Chinese
// characters' worth (text.width): 40 characters in Chinese, about 120 in
// English; a time before the word may be 40 characters away in either.
// Before version 8 it was 40 characters in either script, so an English
// sentence ("We will post an update on this door and on our WeChat account
// at 12:00") missed what its translation passed.
const updateReach = 40

// readerGuidance keeps the guidance phrases that tell the reader what to do
// (version 8). Two readings made one language pass what its translation
// did not: a phrase the team does itself ("we have been to the hospital
// to visit them", 我们已到医院看望; "we will return the money") is its own
// action, not an instruction; and a request for belief or patience that
// begins like an order (恳请家长们理解, "please bear with us") asks for no
// action, as the imperatives already read it (imperativeNot).
func (j *judge) readerGuidance(ss []span) []span {
	t := j.t
	var out []span
	for _, s := range ss {
		if t.weDoIt(s) || t.asksBelief(s) {
			continue
		}
		if j.l.cfg.on(v15Whoever) && t.whoWithoutDirective(s) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// weSubject and readerWords: who a clause's guidance phrase is said of.
var (
	weSubject   = []string{"we ", "we'll ", "我们", "我司", "本公司", "本店", "园方", "我园", "我校"}
	readerWords = []string{"you", "anyone", "everyone", "customer", "parent", "famil", "passenger", "user", "resident", "patient", "ask",
		"您", "你", "大家", "各位", "请", "家长", "顾客", "用户", "乘客", "居民", "消费者", "患者", "市民"}
)

// weDoIt tells whether the clause of s has the team as the subject before
// s, with no reader named between: "we have been to the hospital", 我们已到
// 医院看望; not "we ask anyone who has symptoms to see a doctor".
func (t *text) weDoIt(s span) bool {
	a, _ := t.clauseBounds(s.a)
	head := string(t.lower[a:s.a])
	k := -1
	for _, w := range weSubject {
		if i := strings.LastIndex(head, w); i >= 0 && (i == 0 || !isWordRune([]rune(head[:i])[len([]rune(head[:i]))-1]) || w[0] >= 0x80) && i > k {
			k = i
		}
	}
	if k < 0 {
		return false
	}
	rest := head[k:]
	for _, w := range readerWords {
		if strings.Contains(rest, w) {
			return false
		}
	}
	return true
}

// asksBelief tells whether a request word (请, "please") at the start of s
// or just before it asks for belief, trust or patience rather than action:
// 恳请家长们理解, 请大家相信.
func (t *text) asksBelief(s span) bool {
	a := max(0, s.a-2)
	from := string(t.lower[a:min(len(t.lower), s.b)])
	if !strings.Contains(from, "请") && !strings.Contains(from, "please") {
		return false
	}
	b := s.b
	for b < len(t.lower) && t.clause[b] == t.clause[s.a] && b-s.b < 12 {
		b++
	}
	rest := string(t.lower[s.a:b])
	for _, n := range imperativeNot {
		if strings.Contains(rest, n) {
			return true
		}
	}
	return false
}

// sourceOf tells whether the causal word c is 来自 and the party a after it
// is followed closely by 的 and a noun: 来自境外地址的批量下载 names where a
// thing came from, as "downloads from overseas addresses" does in English,
// and pins no fault.
func (t *text) sourceOf(c, a span) bool {
	if string(t.lower[c.a:c.b]) != "来自" || a.a < c.b {
		return false
	}
	for k := a.b; k < len(t.lower) && k-a.b <= 6 && t.clause[k] == t.clause[c.a]; k++ {
		if t.lower[k] == '的' {
			return k+1 < len(t.lower) && unicode.Is(unicode.Han, t.lower[k+1]) && t.clause[k+1] == t.clause[c.a]
		}
	}
	return false
}
