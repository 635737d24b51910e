package scenario

import (
	"time"

	"go.yaml.in/yaml/v3"
)

// Limits of customer cases.
const (
	MaxCases        = 12
	MinCaseRemedies = 2
	MaxCaseRemedies = 6
	MinCaseDeadline = time.Minute
	MaxCaseDeadline = 60 * time.Minute
	// DefaultCaseDeadline is a case's time to handle when the file gives none.
	DefaultCaseDeadline = 10 * time.Minute
)

// How well a remedy fits the customer of a case.
const (
	FitGood    = "good"
	FitPartial = "partial"
	FitPoor    = "poor"
)

// Fits are the fits a remedy may have, best first.
var Fits = []string{FitGood, FitPartial, FitPoor}

// FitScore is a fit on the 0–100 scale the scores use: good 100, partial
// 50, poor 0.
func FitScore(fit string) float64 {
	switch fit {
	case FitGood:
		return 100
	case FitPartial:
		return 50
	}
	return 0
}

// Case is an individual affected customer who reaches a team (the
// scenario format's cases): the team picks a remedy for this customer and
// writes them a personal reply. The remedy's fit and the reply's empathy
// (the rubric) are scored (docs/scenario-format.md, "Cases").
type Case struct {
	Pos Pos
	ID  string
	// Phase and After schedule it: it reaches a team After it entered
	// Phase (once per exercise).
	Phase string
	After time.Duration
	// Deadline is the time the team has to handle it, from its arrival.
	Deadline time.Duration
	Name     Text // the customer
	Segment  Text // who they are: business traveller, elderly living alone…
	// Message is what the customer writes; MessageAlts its alternatives
	// when it varies between runs (see Inject.TextAlts).
	Message     Text
	MessageAlts []Alt
	Remedies    []*Remedy
	// Reply is how the personal reply is judged (kind customer-email
	// unless written otherwise).
	Reply *StatementSpec
	// Escalate are world effects applied when the case goes public: its
	// deadline passes unanswered, or it is handled with a poor remedy.
	Escalate Effects
}

// Remedy is one thing the team may do for a case's customer.
type Remedy struct {
	Pos    Pos
	ID     string
	Label  Text
	Fit    string // FitGood, FitPartial or FitPoor
	Reason Text   // why it fits or not, shown in the debrief
}

// Remedy returns the case's remedy with this id, or nil.
func (c *Case) Remedy(id string) *Remedy {
	for _, r := range c.Remedies {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Case returns the case with this id, or nil.
func (s *Scenario) Case(id string) *Case {
	for _, c := range s.Cases {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// cases reads the top-level cases section.
func (l *loader) cases(s *Scenario, n *yaml.Node) {
	ks, vs := l.entries(n, field("cases"))
	if len(ks) > MaxCases {
		l.errf(n, "a scenario may have at most %d cases", MaxCases)
		return
	}
	for i := range ks {
		if c := l.customerCase(ks[i], vs[i]); c != nil {
			s.Cases = append(s.Cases, c)
		}
	}
}

func (l *loader) customerCase(k, v *yaml.Node) *Case {
	id, ok := l.id(k, phrase("case"))
	if !ok {
		return nil
	}
	what := phrase("case %q", id)
	f, _, ok := l.fields(v, what, "phase", "after", "deadline", "name", "segment", "message", "remedies", "reply", "escalate")
	if !ok {
		return nil
	}
	c := &Case{Pos: pos(k), ID: id, Deadline: DefaultCaseDeadline,
		Name: l.text(f["name"], sub(what, "name")), Segment: l.text(f["segment"], sub(what, "segment"))}
	c.Message, c.MessageAlts = l.variedText(f["message"], sub(what, "message"))
	for _, req := range []string{"phase", "name", "segment", "message", "remedies"} {
		if f[req] == nil {
			l.errf(k, "%s needs %q", what, req)
		}
	}
	if n := f["phase"]; n != nil {
		c.Phase, _ = l.id(n, fieldOf("phase", what))
	}
	if n := f["after"]; n != nil {
		c.After, _ = l.duration(n, fieldOf("after", what))
	}
	if n := f["deadline"]; n != nil {
		if d, ok := l.duration(n, fieldOf("deadline", what)); ok {
			if d < MinCaseDeadline || d > MaxCaseDeadline {
				l.errf(n, "%s: a case's deadline must be from %s to %s, not %s", what, MinCaseDeadline, MaxCaseDeadline, d)
			} else {
				c.Deadline = d
			}
		}
	}
	c.Reply = &StatementSpec{Pos: pos(k), Kind: "customer-email", Hazard: "open"}
	if n := f["reply"]; n != nil {
		if st := l.statementSpec(n, fieldOf("reply", what)); st != nil {
			c.Reply = st
			if !hasKey(n, "kind") {
				c.Reply.Kind = "customer-email"
			}
		}
	}
	if n := f["escalate"]; n != nil {
		c.Escalate = l.effects(n)
	}
	if n := f["remedies"]; n != nil {
		c.Remedies = l.remedies(n, what)
	}
	return c
}

// hasKey reports whether a mapping node has the key.
func hasKey(n *yaml.Node, key string) bool {
	if n == nil || n.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

func (l *loader) remedies(n *yaml.Node, what Phrase) []*Remedy {
	ks, vs := l.entries(n, sub(what, "remedies"))
	if len(ks) < MinCaseRemedies || len(ks) > MaxCaseRemedies {
		l.errf(n, "%s has %d remedies; a case needs from %d to %d, so the team has a real choice", what, len(ks), MinCaseRemedies, MaxCaseRemedies)
	}
	var out []*Remedy
	for i := range ks {
		id, ok := l.id(ks[i], phrase("remedy"))
		if !ok {
			continue
		}
		rw := phrase("remedy %q of %s", id, what)
		f, _, ok := l.fields(vs[i], rw, "label", "fit", "reason")
		if !ok {
			continue
		}
		r := &Remedy{Pos: pos(ks[i]), ID: id, Label: l.text(f["label"], sub(rw, "label")), Reason: l.text(f["reason"], sub(rw, "reason"))}
		for _, req := range []string{"label", "fit", "reason"} {
			if f[req] == nil {
				l.errf(ks[i], "%s needs %q", rw, req)
			}
		}
		if fn := f["fit"]; fn != nil {
			r.Fit, _ = l.str(fn, sub(rw, "fit"))
			if !contains(Fits, r.Fit) {
				l.errf(fn, "%s: fit %q is not one of good, partial, poor%s", rw, clip(r.Fit, 30), suggest(r.Fit, Fits))
			}
		}
		out = append(out, r)
	}
	return out
}

// checkCases checks the cases against the rest of the scenario: the phase
// they reach a team in, the time, the facts their replies require (each
// marked used), and the remedies as a
// choice: at least one good, not all good, and the good ones not given
// away by their length.
func (l *loader) checkCases(s *Scenario, facts, used map[string]bool) {
	for _, c := range s.Cases {
		if c.Phase != "" {
			p := s.Phase(c.Phase)
			switch {
			case p == nil:
				l.add(c.Pos, SevError, "case %q reaches the team in phase %q, which does not exist%s", c.ID, c.Phase, suggest(c.Phase, s.phaseIDs()))
			case p.Ending != nil:
				l.add(c.Pos, SevError, "case %q reaches the team in ending phase %q; a team stops playing when it reaches an ending", c.ID, c.Phase)
			}
			if s.Duration > 0 && c.After >= s.Duration {
				l.add(c.Pos, SevError, "case %q arrives %s after its phase begins, but the scenario lasts %s", c.ID, c.After, s.Duration)
			}
		}
		for _, f := range c.Reply.RequiredFacts {
			used[f] = true
			if !facts[f] {
				l.add(c.Reply.Pos, SevError, "the reply to case %q requires fact %q, which is not declared under facts%s", c.ID, f, suggest(f, keys(facts)))
			}
		}
		if len(c.Remedies) == 0 {
			continue
		}
		good := 0
		for _, r := range c.Remedies {
			if r.Fit == FitGood {
				good++
			}
		}
		switch {
		case good == 0:
			l.add(c.Pos, SevError, "case %q has no remedy with fit good; give the customer at least one remedy that serves them", c.ID)
		case good == len(c.Remedies):
			l.add(c.Pos, SevWarning, "no-dilemma: every remedy of case %q fits well; make at least one partial or poor so the choice means something", c.ID)
		}
		for _, lang := range s.Languages {
			if id := longestGoodRemedy(c, lang); id != "" {
				l.add(c.Pos, SevWarning, "longest-best: remedy %q, a good fit for case %q, is also its longest label in %q; teams learn to pick the longest text, so make the labels comparable in length", id, c.ID, lang)
			}
		}
	}
}

// longestGoodRemedy is the id of the case's remedy that is a good fit and
// strictly the longest label in lang, or "".
func longestGoodRemedy(c *Case, lang string) string {
	var best *Remedy
	for _, r := range c.Remedies {
		if best == nil || len([]rune(r.Label.Get(lang))) > len([]rune(best.Label.Get(lang))) {
			best = r
		}
	}
	if best == nil || best.Fit != FitGood {
		return ""
	}
	n := len([]rune(best.Label.Get(lang)))
	for _, r := range c.Remedies {
		if r != best && len([]rune(r.Label.Get(lang))) == n {
			return ""
		}
	}
	return best.ID
}

// variantCases are the cases of a version of the scenario: those of its
// dropped phases go, the others arrive at scaled times, and their time to
// handle scales with the version's times and difficulty (never under
// MinCaseDeadline).
func variantCases(cases []*Case, dropped map[string]bool, scale func(time.Duration) time.Duration, deadlines float64) []*Case {
	var out []*Case
	for _, c := range cases {
		if dropped[c.Phase] {
			continue
		}
		c2 := *c
		c2.After = scale(c.After)
		c2.Deadline = max(MinCaseDeadline, scaleDur(c.Deadline, deadlines, 0))
		out = append(out, &c2)
	}
	return out
}
