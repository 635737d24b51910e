package scenario

import (
	"time"

	"go.yaml.in/yaml/v3"
)

// Limits of a press conference.
const (
	MaxPressConferences = 8
	MaxPressQuestions   = 20
	MinPressClock       = 20 * time.Second
	MaxPressClock       = 10 * time.Minute
	DefaultPressClock   = 90 * time.Second
)

// PressConference is a conference in which reporters' questions reach a
// team one after another, each under a short clock; the team's
// spokesperson answers each in writing (scenario format's
// press_conferences).
type PressConference struct {
	Pos   Pos
	ID    string
	Title Text
	// Phase and After schedule it: it starts for a team After it entered
	// Phase (once per exercise). Phase "" means only the facilitator
	// starts it.
	Phase string
	After time.Duration
	// Clock is each question's time to answer (exercise time).
	Clock     time.Duration
	Questions []*PressQuestion
}

// Scheduled reports whether the conference starts by itself.
func (c *PressConference) Scheduled() bool { return c.Phase != "" }

// PressQuestion is a reporter's question. Answer is how the answer is
// judged: as a holding statement to the public (a reporter's question is
// answered for the public who reads the story), with the question's
// required facts and hazard.
type PressQuestion struct {
	Pos  Pos
	From Text // the reporter: name and outlet, as text (the persona's when not written)
	// Persona is the id of the reporter's persona ("" when none).
	Persona string
	Text    Text
	// TextAlts are the question's alternatives when it varies between
	// runs (see Inject.TextAlts).
	TextAlts []Alt
	// Answer's Kind is always "holding"; RequiredFacts and Hazard are the
	// question's required_facts and hazard (default open).
	Answer *StatementSpec
}

// PressConference returns the conference with this id, or nil.
func (s *Scenario) PressConference(id string) *PressConference {
	for _, c := range s.PressConferences {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// pressConferences reads the top-level press_conferences section.
func (l *loader) pressConferences(s *Scenario, n *yaml.Node) {
	ks, vs := l.entries(n, field("press_conferences"))
	if len(ks) > MaxPressConferences {
		l.errf(n, "a scenario may have at most %d press conferences", MaxPressConferences)
		return
	}
	for i := range ks {
		if c := l.pressConference(ks[i], vs[i]); c != nil {
			s.PressConferences = append(s.PressConferences, c)
		}
	}
}

func (l *loader) pressConference(k, v *yaml.Node) *PressConference {
	id, ok := l.id(k, phrase("press conference"))
	if !ok {
		return nil
	}
	what := phrase("press conference %q", id)
	f, _, ok := l.fields(v, what, "title", "phase", "after", "clock", "questions")
	if !ok {
		return nil
	}
	c := &PressConference{Pos: pos(k), ID: id, Title: l.text(f["title"], sub(what, "title")), Clock: DefaultPressClock}
	if f["title"] == nil {
		l.errf(k, "%s needs %q", what, "title")
	}
	if n := f["phase"]; n != nil {
		c.Phase, _ = l.id(n, fieldOf("phase", what))
	}
	if n := f["after"]; n != nil {
		c.After, _ = l.duration(n, fieldOf("after", what))
		if c.Phase == "" {
			l.errf(n, "%s has 'after' but no 'phase'; name the phase it starts in, or leave both out so that only the facilitator starts it", what)
		}
	}
	if n := f["clock"]; n != nil {
		if d, ok := l.duration(n, fieldOf("clock", what)); ok {
			if d < MinPressClock || d > MaxPressClock {
				l.errf(n, "%s: a question's clock must be from %s to %s, not %s", what, MinPressClock, MaxPressClock, d)
			} else {
				c.Clock = d
			}
		}
	}
	q := f["questions"]
	if q == nil || q.Kind != yaml.SequenceNode || len(q.Content) == 0 {
		at := k
		if q != nil {
			at = q
		}
		l.errf(at, "%s needs 'questions': a list of at least one question ({from: …, text: …})", what)
		return c
	}
	if len(q.Content) > MaxPressQuestions {
		l.errf(q, "%s has %d questions; a press conference may have at most %d", what, len(q.Content), MaxPressQuestions)
		return c
	}
	for i, qn := range q.Content {
		qwhat := phrase("question %d of %s", i+1, what)
		qf, _, ok := l.fields(qn, qwhat, "from", "persona", "text", "required_facts", "hazard")
		if !ok {
			continue
		}
		pq := &PressQuestion{Pos: pos(qn), From: l.text(qf["from"], sub(qwhat, "from")),
			Answer: &StatementSpec{Pos: pos(qn), Kind: "holding", Hazard: "open"}}
		pq.Text, pq.TextAlts = l.variedText(qf["text"], sub(qwhat, "text"))
		pq.Persona = l.personaRef(qf["persona"], qwhat, &pq.From)
		for _, req := range []string{"from", "text"} {
			if qf[req] == nil && (req != "from" || qf["persona"] == nil) {
				l.errf(qn, "%s needs %q", qwhat, req)
			}
		}
		if h := qf["hazard"]; h != nil {
			pq.Answer.Hazard, _ = l.str(h, field("hazard"))
			if !contains(Hazards, pq.Answer.Hazard) {
				l.errf(h, "statement hazard %q is not known%s", clip(pq.Answer.Hazard, 30), suggest(pq.Answer.Hazard, Hazards))
			}
		}
		pq.Answer.RequiredFacts = l.idList(qf["required_facts"], field("required_facts"))
		c.Questions = append(c.Questions, pq)
	}
	return c
}

// checkPress checks the conferences against the rest of the scenario: the
// phase they start in, the time, the facts their questions require (each
// marked used).
func (l *loader) checkPress(s *Scenario, facts, used map[string]bool) {
	for _, c := range s.PressConferences {
		if c.Phase != "" {
			p := s.Phase(c.Phase)
			switch {
			case p == nil:
				l.add(c.Pos, SevError, "press conference %q starts in phase %q, which does not exist%s", c.ID, c.Phase, suggest(c.Phase, s.phaseIDs()))
			case p.Ending != nil:
				l.add(c.Pos, SevError, "press conference %q starts in ending phase %q; a team stops playing when it reaches an ending", c.ID, c.Phase)
			}
			if c.After >= s.Duration && s.Duration > 0 {
				l.add(c.Pos, SevError, "press conference %q starts %s after its phase begins, but the scenario lasts %s", c.ID, c.After, s.Duration)
			}
		}
		for i, q := range c.Questions {
			for _, f := range q.Answer.RequiredFacts {
				used[f] = true
				if !facts[f] {
					l.add(q.Pos, SevError, "question %d of press conference %q requires fact %q, which is not declared under facts%s", i+1, c.ID, f, suggest(f, keys(facts)))
				}
			}
		}
	}
}
