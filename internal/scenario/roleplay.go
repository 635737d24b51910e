package scenario

import (
	"math"
	"slices"

	"go.yaml.in/yaml/v3"
)

// Roleplay is what a role-player may do beyond speaking as the personas
// (which any role-player may): open the follow-up decisions listed, and
// nudge the world variables listed by at most their limit at a time.
//
//	roleplay:
//	  decisions: [follow-up]        # decisions a role-player may open
//	  nudge: {outrage: 10, trust: 5} # variable: the most one nudge changes it, either way
type Roleplay struct {
	Pos Pos
	// Decisions are the ids of the decisions a role-player may open for a
	// team in the decision's phase (one that has not opened for it yet).
	Decisions []string
	// Nudge is, per world variable, the largest change (either way) one
	// nudge may make.
	Nudge map[string]float64
}

// MayOpen tells whether a role-player may open the decision with this id.
func (r *Roleplay) MayOpen(id string) bool {
	return r != nil && slices.Contains(r.Decisions, id)
}

// NudgeLimit returns the largest change one nudge may make to the
// variable, and whether a role-player may nudge it at all.
func (r *Roleplay) NudgeLimit(id string) (float64, bool) {
	if r == nil {
		return 0, false
	}
	lim, ok := r.Nudge[id]
	return lim, ok
}

// roleplay reads the top-level roleplay: {decisions: [ids], nudge:
// {variable: limit}}. References are checked with the whole scenario
// (checkRoleplay).
func (l *loader) roleplay(n *yaml.Node) *Roleplay {
	f, _, ok := l.fields(n, field("roleplay"), "decisions", "nudge")
	if !ok {
		return nil
	}
	r := &Roleplay{Pos: pos(n)}
	if v := f["decisions"]; v != nil {
		r.Decisions = l.idList(v, sub(field("roleplay"), "decisions"))
	}
	if v := f["nudge"]; v != nil {
		ks, vs := l.entries(v, sub(field("roleplay"), "nudge"))
		for i := range ks {
			id, ok := l.str(ks[i], sub(field("roleplay"), "nudge"))
			if !ok {
				continue
			}
			if !l.vars[id] {
				l.errf(ks[i], "roleplay nudges world variable %q, which is not declared under world", clip(id, 40))
				continue
			}
			lim, ok := l.number(vs[i], phrase("the nudge limit of %q", id))
			if !ok {
				continue
			}
			if lim <= 0 || math.IsInf(lim, 0) {
				l.errf(vs[i], "the nudge limit of %q must be a number larger than zero, not %g", id, lim)
				continue
			}
			if r.Nudge == nil {
				r.Nudge = map[string]float64{}
			}
			r.Nudge[id] = lim
		}
	}
	return r
}

// checkRoleplay checks what needs the whole scenario: each decision a
// role-player may open exists, is listed once, and a nudge limit is not
// larger than its variable's range.
func (l *loader) checkRoleplay(s *Scenario) {
	r := s.Roleplay
	if r == nil {
		return
	}
	for i, id := range r.Decisions {
		switch {
		case s.Decision(id) == nil:
			l.add(r.Pos, SevError, "roleplay lets role-players open decision %q, which does not exist", id)
		case slices.Contains(r.Decisions[:i], id):
			l.add(r.Pos, SevWarning, "roleplay lists decision %q twice", id)
		}
	}
	for id, lim := range r.Nudge {
		if v := s.Variable(id); v != nil && lim > v.Max-v.Min {
			l.add(r.Pos, SevWarning, "roleplay's nudge limit of %q (%g) is larger than the variable's whole range (%g)", id, lim, v.Max-v.Min)
		}
	}
}
