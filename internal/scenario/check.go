package scenario

import (
	"slices"
	"strings"
)

// check finds problems that need the whole scenario: references, loose ends,
// reachability and timing. Like an ink compiler, it refuses a story with a
// missing divert target or a branch that can never end.
func (l *loader) check(s *Scenario) {
	if s.Phase(StartPhase) == nil && len(s.Phases) > 0 {
		l.add(Pos{1, 1}, SevError, "no phase is called %q; every team starts there", StartPhase)
	}
	if len(s.Endings()) == 0 && len(s.Phases) > 0 {
		l.add(Pos{1, 1}, SevError, "no phase has an 'ending'; mark at least one phase as an ending so teams can finish")
	}
	injectIDs := map[string]Pos{}
	decisionIDs := map[string]Pos{}
	ref := func(p Pos, what Phrase, id string) {
		if id != "" && s.Phase(id) == nil {
			l.add(p, SevError, "%s goes to phase %q, which does not exist%s", what, id, suggest(id, s.phaseIDs()))
		}
	}
	for _, p := range s.Phases {
		for _, in := range p.Injects {
			if prev, dup := injectIDs[in.ID]; dup {
				l.add(in.Pos, SevError, "inject id %q is used twice (first at line %d)", in.ID, prev.Line)
			}
			injectIDs[in.ID] = in.Pos
			if in.Opens != "" && p.Decision(in.Opens) == nil {
				l.add(in.Pos, SevError, "inject opens decision %q, which is not a decision of phase %q%s", in.Opens, p.ID, suggest(in.Opens, p.decisionIDs()))
			}
			if s.Duration > 0 && in.At >= s.Duration {
				l.add(in.Pos, SevError, "inject at %s can never arrive: the scenario lasts %s", dur(in.At), dur(s.Duration))
			}
			if p.Ending != nil && in.At > 0 {
				l.add(in.Pos, SevWarning, "inject at %s in ending phase %q arrives only at 0s: a team's play stops when it reaches an ending", dur(in.At), p.ID)
			}
		}
		for _, d := range p.Decisions {
			if prev, dup := decisionIDs[d.ID]; dup {
				l.add(d.Pos, SevError, "decision id %q is used twice (first at line %d); decision ids must be unique in the scenario", d.ID, prev.Line)
			}
			decisionIDs[d.ID] = d.Pos
			openers := 0
			for _, in := range p.Injects {
				if in.Opens == d.ID {
					openers++
				}
			}
			switch {
			case openers > 1:
				l.add(d.Pos, SevError, "decision %q is opened by %d injects; let exactly one inject open it", d.ID, openers)
			case openers == 0 && d.At == nil && !s.Roleplay.MayOpen(d.ID):
				l.add(d.Pos, SevError, "decision %q never opens: give it 'at: …' or let an inject of phase %q say 'opens: %s'", d.ID, p.ID, d.ID)
			case openers == 1 && d.At != nil:
				l.add(d.Pos, SevError, "decision %q has 'at' and is also opened by an inject; keep one", d.ID)
			}
			if s.Duration > 0 && d.OpensAt() >= s.Duration {
				l.add(d.Pos, SevError, "decision %q opens at %s, but the scenario lasts %s", d.ID, dur(d.OpensAt()), dur(s.Duration))
			} else if s.Duration > 0 && d.OpensAt()+d.Deadline > s.Duration {
				l.add(d.Pos, SevWarning, "decision %q's deadline (%s after phase start) falls after the scenario ends (%s) even for a team that enters the phase at 0s", d.ID, dur(d.OpensAt()+d.Deadline), dur(s.Duration))
			}
			scored := false
			texts := map[string]string{}
			for _, o := range d.Options {
				ref(o.Pos, phrase("option %q", o.ID), o.Next)
				for _, r := range o.Routes {
					ref(r.Pos, phrase("a route of %s", phrase("option %q", o.ID)), r.Next)
				}
				scored = scored || len(o.Scores) > 0
				for lang, txt := range o.Text {
					key := lang + "\x00" + strings.TrimSpace(txt)
					if other, dup := texts[key]; dup {
						l.add(o.Pos, SevWarning, "options %q and %q of decision %q read the same; teams cannot tell them apart", other, o.ID, d.ID)
						break
					}
					texts[key] = o.ID
				}
			}
			if !scored && len(d.Options) > 0 {
				l.add(d.Pos, SevWarning, "no option of decision %q carries scores, so it gives no evidence for transparency or empathy; add scores: {transparency: …, empathy: …}", d.ID)
			}
			if d.OnTimeout != nil {
				ref(d.OnTimeout.Pos, fieldOf("on_timeout", phrase("decision %q", d.ID)), d.OnTimeout.Next)
				for _, r := range d.OnTimeout.Routes {
					ref(r.Pos, phrase("a route of %s", fieldOf("on_timeout", phrase("decision %q", d.ID))), r.Next)
				}
			} else {
				l.add(d.Pos, SevWarning, "decision %q has no on_timeout: a team that misses the deadline simply stays in phase %q", d.ID, p.ID)
			}
			if (d.OnTimeout == nil || d.OnTimeout.Next == "") && len(p.Decisions) == 1 && p.Continue == nil {
				l.add(d.Pos, SevWarning, "a team that misses decision %q's deadline is stuck in phase %q until time runs out; give on_timeout a next phase", d.ID, p.ID)
			}
		}
		if p.Continue != nil {
			ref(p.Continue.Pos, fieldOf("continue", phrase("phase %q", p.ID)), p.Continue.Next)
			for _, r := range p.Continue.Routes {
				ref(r.Pos, phrase("a route of %s", fieldOf("continue", phrase("phase %q", p.ID))), r.Next)
			}
			if s.Duration > 0 && p.Continue.After >= s.Duration {
				l.add(p.Continue.Pos, SevWarning, "continue of phase %q after %s never happens: the scenario lasts %s", p.ID, dur(p.Continue.After), dur(s.Duration))
			}
		}
		if p.Ending != nil {
			if len(p.Decisions) > 0 || p.Continue != nil {
				l.add(p.Pos, SevError, "ending phase %q has decisions or a continue; a team stops playing when it reaches an ending", p.ID)
			}
		} else if len(p.Decisions) == 0 && p.Continue == nil {
			l.add(p.Pos, SevError, "phase %q is a loose end: it is not an ending and has no decision or continue that leads on", p.ID)
		}
	}
	l.checkExtras(s, injectIDs)
	l.checkReactions(s)
	l.checkWorldUsed(s)
	l.checkDilemmas(s)
	if len(l.probs.Errors()) > 0 {
		return // the graph is unreliable while references are broken
	}
	l.checkGraph(s)
}

// Next returns the phases a team can move to from p.
func (p *Phase) Next() []string {
	var out []string
	add := func(id string) {
		if id != "" && !contains(out, id) {
			out = append(out, id)
		}
	}
	routes := func(rs []*Route) {
		for _, r := range rs {
			add(r.Next)
		}
	}
	for _, d := range p.Decisions {
		for _, o := range d.Options {
			add(o.Next)
			routes(o.Routes)
		}
		if d.OnTimeout != nil {
			add(d.OnTimeout.Next)
			routes(d.OnTimeout.Routes)
		}
	}
	if p.Continue != nil {
		add(p.Continue.Next)
		routes(p.Continue.Routes)
	}
	return out
}

func (l *loader) checkGraph(s *Scenario) {
	reached := map[string]bool{StartPhase: true}
	queue := []string{StartPhase}
	for len(queue) > 0 {
		p := s.Phase(queue[0])
		queue = queue[1:]
		for _, n := range p.Next() {
			if !reached[n] {
				reached[n] = true
				queue = append(queue, n)
			}
		}
	}
	// canEnd: phases from which some ending is reachable (fixed point).
	canEnd := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, p := range s.Phases {
			if canEnd[p.ID] {
				continue
			}
			ok := p.Ending != nil
			for _, n := range p.Next() {
				ok = ok || canEnd[n]
			}
			if ok {
				canEnd[p.ID], changed = true, true
			}
		}
	}
	l.checkZeroTimeCycles(s)
	for _, p := range s.Phases {
		if !reached[p.ID] {
			l.add(p.Pos, SevError, "phase %q is unreachable: no option, timeout or continue leads to it from %q", p.ID, StartPhase)
		}
		if reached[p.ID] && !canEnd[p.ID] {
			l.add(p.Pos, SevError, "no ending can be reached from phase %q; add a path to an ending phase", p.ID)
		}
	}
}

// instantNext returns the phases a team in p moves to without any time
// passing: the targets of a continue with 'after: 0s' (its next and its
// routes). Every other way on takes time or a team's choice: a timeout
// waits for a deadline longer than zero, and an option needs a command.
func (p *Phase) instantNext() []string {
	if p.Continue == nil || p.Continue.After > 0 {
		return nil
	}
	out := []string{p.Continue.Next}
	for _, r := range p.Continue.Routes {
		if !contains(out, r.Next) {
			out = append(out, r.Next)
		}
	}
	return out
}

// checkZeroTimeCycles refuses a loop of phases a team goes round without
// time passing (continue: {after: 0s} back to where it started): the engine
// would produce events without end at one instant. Nothing else can loop
// at one instant: a rule applies at most once per period (at least 1m), a
// trigger once per team, a regulatory deadline once per team, a promise
// once per choice, and a timeout only after a deadline longer than zero.
func (l *loader) checkZeroTimeCycles(s *Scenario) {
	const (
		unseen = iota
		onPath
		done
	)
	state := map[string]int{}
	var path []string
	var visit func(id string)
	visit = func(id string) {
		state[id] = onPath
		path = append(path, id)
		for _, n := range s.Phase(id).instantNext() {
			switch state[n] {
			case unseen:
				visit(n)
			case onPath:
				i := len(path) - 1
				for path[i] != n {
					i--
				}
				l.reportZeroTimeCycle(s, append(append([]string(nil), path[i:]...), n))
			}
		}
		path = path[:len(path)-1]
		state[id] = done
	}
	for _, p := range s.Phases {
		if state[p.ID] == unseen && s.Phase(p.ID) != nil {
			visit(p.ID)
		}
	}
}

// reportZeroTimeCycle reports a cycle (first and last phase the same) at
// the continue of its phase that comes first in the file.
func (l *loader) reportZeroTimeCycle(s *Scenario, cycle []string) {
	first := 0
	for i := range cycle[:len(cycle)-1] {
		if s.Phase(cycle[i]).Index < s.Phase(cycle[first]).Index {
			first = i
		}
	}
	loop := append(append([]string(nil), cycle[first:len(cycle)-1]...), cycle[:first+1]...)
	p := s.Phase(loop[0])
	l.add(p.Continue.Pos, SevError, "phases %s form a loop that takes no time: every continue on it has 'after: 0s', so a team would go round it forever at one instant; give one of these continues an 'after' longer than zero",
		strings.Join(loop, " → "))
}

func (s *Scenario) phaseIDs() []string {
	out := make([]string, len(s.Phases))
	for i, p := range s.Phases {
		out[i] = p.ID
	}
	return out
}

func (p *Phase) decisionIDs() []string {
	out := make([]string, len(p.Decisions))
	for i, d := range p.Decisions {
		out[i] = d.ID
	}
	return out
}

// checkExtras checks references from roles, facts, objectives, triggers and
// regulatory deadlines.
func (l *loader) checkExtras(s *Scenario, injectIDs map[string]Pos) {
	roles := map[string]bool{}
	for _, r := range s.Roles {
		roles[r.ID] = true
	}
	checkTo := func(in *Inject) {
		for _, r := range in.To {
			if !roles[r] {
				l.add(in.Pos, SevError, "inject %q is addressed to role %q, which is not declared under roles%s", in.ID, r, suggest(r, keys(roles)))
			}
		}
	}
	for _, p := range s.Phases {
		for _, in := range p.Injects {
			checkTo(in)
		}
	}
	facts := map[string]bool{}
	used := map[string]bool{}
	for _, f := range s.Facts {
		facts[f.ID] = true
		for lang := range f.Match {
			if lang != "" && !contains(s.Languages, lang) {
				l.add(f.Pos, SevError, "fact %q has match words for %q, which is not one of the scenario's languages %v", f.ID, lang, s.Languages)
			}
		}
		if len(f.Match[""]) == 0 {
			for _, lang := range s.Languages {
				if len(f.Match[lang]) == 0 {
					l.add(f.Pos, SevError, "fact %q has no match words for %q; a statement in that language could never show it", f.ID, lang)
				}
			}
		}
	}
	for _, p := range s.Phases {
		for _, d := range p.Decisions {
			if d.Statement == nil {
				continue
			}
			for _, f := range d.Statement.RequiredFacts {
				used[f] = true
				if !facts[f] {
					l.add(d.Statement.Pos, SevError, "statement of decision %q requires fact %q, which is not declared under facts%s", d.ID, f, suggest(f, keys(facts)))
				}
			}
		}
	}
	for _, in := range s.allInjects() {
		if in.Reply == nil {
			continue
		}
		for _, f := range in.Reply.RequiredFacts {
			used[f] = true
			if !facts[f] {
				l.add(in.Reply.Pos, SevError, "reply to inject %q requires fact %q, which is not declared under facts%s", in.ID, f, suggest(f, keys(facts)))
			}
		}
	}
	l.checkPress(s, facts, used)
	l.checkCases(s, facts, used)
	l.checkRoleplay(s)
	for _, f := range s.Facts {
		if !used[f.ID] {
			l.add(f.Pos, SevWarning, "fact %q is not required by any statement", f.ID)
		}
	}
	for _, o := range s.Objectives {
		if len(o.Decisions) == 0 {
			l.add(o.Pos, SevError, "objective %q lists no decisions; name the decisions that show whether it was met", o.ID)
		}
		for _, id := range o.Decisions {
			if s.Decision(id) == nil {
				l.add(o.Pos, SevError, "objective %q refers to decision %q, which does not exist", o.ID, id)
			}
		}
	}
	l.checkEEG(s)
	for _, t := range s.Triggers {
		if t.Inject == nil {
			continue
		}
		if prev, dup := injectIDs[t.Inject.ID]; dup {
			l.add(t.Pos, SevError, "trigger %q has the same id as the inject at line %d; trigger ids name their inject", t.ID, prev.Line)
		}
		checkTo(t.Inject)
	}
	for _, d := range s.Deadlines {
		if d.StartsWith != "" {
			if _, ok := injectIDs[d.StartsWith]; !ok {
				l.add(d.Pos, SevError, "deadline %q starts with inject %q, which is not an inject of any phase (give that inject an id)", d.ID, d.StartsWith)
			}
		}
		if d.Within == 0 && d.StartsWith != "" {
			l.add(d.Pos, SevError, "deadline %q needs a 'within' longer than zero", d.ID)
		}
		if d.OnMiss != nil && d.OnMiss.Inject != nil {
			checkTo(d.OnMiss.Inject)
		}
	}
	claims := map[string]bool{}
	for _, p := range s.Phases {
		for _, d := range p.Decisions {
			for _, o := range d.Options {
				for _, c := range o.Claims {
					claims[c] = true
				}
			}
		}
	}
	for _, f := range s.FalseClaims {
		if !claims[f.Claim] {
			l.add(f.Pos, SevWarning, "false claim %q is made by no option%s", f.Claim, suggest(f.Claim, keys(claims)))
		}
	}
	for i, c := range s.Contradictions {
		for _, id := range c {
			if !claims[id] {
				l.add(l.contradictionPos[i], SevError, "contradiction names claim %q, which no option makes%s", id, suggest(id, keys(claims)))
			}
		}
	}
	for _, r := range l.optionRefs {
		dec := s.Decision(r.ref.Decision)
		switch {
		case dec == nil:
			l.add(r.pos, SevError, "%s: there is no decision %q", r.ref, r.ref.Decision)
		case dec.Option(r.ref.Option) == nil:
			l.add(r.pos, SevError, "%s: decision %q has no option %q", r.ref, r.ref.Decision, r.ref.Option)
		}
	}
}

// checkWorldUsed warns about world variables that nothing ever changes: a
// meter that never moves teaches nothing.
func (l *loader) checkWorldUsed(s *Scenario) {
	changed := map[string]bool{}
	mark := func(e Effects) {
		for k := range e {
			changed[k] = true
		}
	}
	for _, p := range s.Phases {
		for _, d := range p.Decisions {
			for _, o := range d.Options {
				mark(o.Effects)
			}
			if d.OnTimeout != nil {
				mark(d.OnTimeout.Effects)
			}
		}
	}
	for _, r := range s.Rules {
		mark(r.Effects)
	}
	for _, e := range s.triageEffects() {
		mark(e)
	}
	for _, t := range s.Triggers {
		mark(t.Effects)
	}
	for _, d := range s.Deadlines {
		if d.OnMiss != nil {
			mark(d.OnMiss.Effects)
		}
	}
	if s.Feed != nil {
		for _, r := range s.Feed.Reactions {
			mark(r.Effects)
		}
	}
	if s.Roleplay != nil {
		for k := range s.Roleplay.Nudge {
			changed[k] = true // a role-player may nudge it
		}
	}
	for _, v := range s.World {
		if !changed[v.ID] {
			l.add(v.Pos, SevWarning, "world variable %q never changes: no option, timeout, rule, trigger or missed deadline has an effect on it", v.ID)
		}
	}
}

// checkReactions finds the loose ends of teams' posts: a reaction that an
// earlier one always takes first, and a condition on posts in a scenario
// where teams cannot post (no feed).
func (l *loader) checkReactions(s *Scenario) {
	if s.Feed == nil {
		for _, e := range l.postReaders {
			l.add(e.Pos, SevWarning, "%q reads what teams post, but teams post only on the channels of a scenario with a feed", clip(e.Src, 60))
		}
		return
	}
	rs := s.Feed.Reactions
	for i, r := range rs {
		for j := range i {
			if covers(rs[j].On, r.On) {
				l.add(r.Pos, SevWarning, "reaction %d never applies: reaction %d comes first and answers every post it would", i+1, j+1)
				break
			}
		}
	}
}

// covers tells whether every post with all the findings of b also has all
// of a's: a reaction on a, tried first, takes every post b would.
func covers(a, b []string) bool {
	for _, f := range b {
		if contains(HarmfulFindings, f) {
			b = append(slices.Clip(b), "harmful")
			break
		}
	}
	for _, f := range a {
		if !contains(b, f) {
			return false
		}
	}
	return true
}
