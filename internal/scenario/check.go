package scenario

import "fmt"

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
	ref := func(p Pos, what, id string) {
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
				l.add(in.Pos, SevError, "inject at %s can never arrive: the scenario lasts %s", fmtDur(in.At), fmtDur(s.Duration))
			}
			if p.Ending != nil && in.At > 0 {
				l.add(in.Pos, SevWarning, "inject at %s in ending phase %q arrives only at 0s: a team's play stops when it reaches an ending", fmtDur(in.At), p.ID)
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
			case openers == 0 && d.At == nil:
				l.add(d.Pos, SevError, "decision %q never opens: give it 'at: …' or let an inject of phase %q say 'opens: %s'", d.ID, p.ID, d.ID)
			case openers == 1 && d.At != nil:
				l.add(d.Pos, SevError, "decision %q has 'at' and is also opened by an inject; keep one", d.ID)
			}
			if s.Duration > 0 && d.OpensAt() >= s.Duration {
				l.add(d.Pos, SevError, "decision %q opens at %s, but the scenario lasts %s", d.ID, fmtDur(d.OpensAt()), fmtDur(s.Duration))
			} else if s.Duration > 0 && d.OpensAt()+d.Deadline > s.Duration {
				l.add(d.Pos, SevWarning, "decision %q's deadline (%s after phase start) falls after the scenario ends (%s) even for a team that enters the phase at 0s", d.ID, fmtDur(d.OpensAt()+d.Deadline), fmtDur(s.Duration))
			}
			for _, o := range d.Options {
				ref(o.Pos, fmt.Sprintf("option %q", o.ID), o.Next)
			}
			if d.OnTimeout != nil {
				ref(d.OnTimeout.Pos, fmt.Sprintf("on_timeout of decision %q", d.ID), d.OnTimeout.Next)
			} else {
				l.add(d.Pos, SevWarning, "decision %q has no on_timeout: a team that misses the deadline simply stays in phase %q", d.ID, p.ID)
			}
			if (d.OnTimeout == nil || d.OnTimeout.Next == "") && len(p.Decisions) == 1 && p.Continue == nil {
				l.add(d.Pos, SevWarning, "a team that misses decision %q's deadline is stuck in phase %q until time runs out; give on_timeout a next phase", d.ID, p.ID)
			}
		}
		if p.Continue != nil {
			ref(p.Continue.Pos, fmt.Sprintf("continue of phase %q", p.ID), p.Continue.Next)
		}
		if p.Ending != nil {
			if len(p.Decisions) > 0 || p.Continue != nil {
				l.add(p.Pos, SevError, "ending phase %q has decisions or a continue; a team stops playing when it reaches an ending", p.ID)
			}
		} else if len(p.Decisions) == 0 && p.Continue == nil {
			l.add(p.Pos, SevError, "phase %q is a loose end: it is not an ending and has no decision or continue that leads on", p.ID)
		}
	}
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
	for _, d := range p.Decisions {
		for _, o := range d.Options {
			add(o.Next)
		}
		if d.OnTimeout != nil {
			add(d.OnTimeout.Next)
		}
	}
	if p.Continue != nil {
		add(p.Continue.Next)
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
	for _, p := range s.Phases {
		if !reached[p.ID] {
			l.add(p.Pos, SevError, "phase %q is unreachable: no option, timeout or continue leads to it from %q", p.ID, StartPhase)
		}
		if reached[p.ID] && !canEnd[p.ID] {
			l.add(p.Pos, SevError, "no ending can be reached from phase %q; add a path to an ending phase", p.ID)
		}
	}
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
