package scenario

import (
	"time"

	"go.yaml.in/yaml/v3"
)

// An objective may carry its Exercise Evaluation Guide (EEG, as in HSEEP):
// the capability it exercises, the capability targets that say what good
// looks like, and under each target the critical tasks an evaluator
// watches for. A critical task is either linked to something the engine
// observes (Observe: an option chosen, an inject answered, a regulatory
// deadline met, a post made, a press conference answered, optionally with
// what the statement judge must or must not find in the text) or left to
// an evaluator (Observe nil).

// Limits of an evaluation guide.
const (
	MaxTargets = 12 // per objective
	MaxTasks   = 20 // per capability target
)

// Kinds of observation a critical task is linked to.
const (
	ObserveDecision = "decision" // the team answered a decision (with one of Options, within Within)
	ObserveReply    = "reply"    // the team answered an inject (within Within of its arrival)
	ObserveDeadline = "deadline" // the team met a regulatory deadline
	ObservePost     = "post"     // the team posted (on Channel; after inject After; within Within)
	ObservePress    = "press"    // the team answered every question of a press conference
)

// ObserveKinds lists the kinds of observation, in the order the format
// documents them.
var ObserveKinds = []string{ObserveDecision, ObserveReply, ObserveDeadline, ObservePost, ObservePress}

// Target is a capability target: a measurable statement of what good
// looks like, with the critical tasks that achieve it.
type Target struct {
	Pos   Pos
	Text  Text
	Tasks []*Task
}

// Task is a critical task.
type Task struct {
	Pos  Pos
	ID   string // unique within the scenario
	Text Text
	// Observe links the task to what the engine records; nil when an
	// evaluator observes it.
	Observe *Observe
}

// ByEvaluator reports whether the task is left to an evaluator to observe.
func (t *Task) ByEvaluator() bool { return t.Observe == nil }

// Observe is what shows a critical task was done.
type Observe struct {
	Pos  Pos
	Kind string // one of ObserveKinds
	// Decision (kind decision): the decision answered; Options, when not
	// empty, the options of which one must be chosen.
	Decision string
	Options  []string
	// Inject: the inject answered (kind reply), or the inject after whose
	// arrival a post counts (kind post, "" for any time).
	Inject   string
	Deadline string // kind deadline
	// Channel (kind post): the channel posted on, "" for any.
	Channel string
	Press   string // kind press: the conference
	// Within, when not zero, is how soon it must be done: after the
	// decision opened, the inject arrived, or (a post) the inject named
	// by Inject arrived or the team started.
	Within time.Duration
	// Shows and Avoids are what the statement judge must find, and must
	// not find, in the team's text (scenario.Findings): the decision's
	// statement, the reply, the post, or each answer of the conference.
	Shows, Avoids []string
}

// Guided reports whether the objective has an evaluation guide.
func (o *Objective) Guided() bool { return len(o.Capability) > 0 || len(o.Targets) > 0 }

// Tasks lists the objective's critical tasks, target by target.
func (o *Objective) Tasks() []*Task {
	var out []*Task
	for _, t := range o.Targets {
		out = append(out, t.Tasks...)
	}
	return out
}

// Task returns the critical task with this id, and its objective, or nils.
func (s *Scenario) Task(id string) (*Task, *Objective) {
	for _, o := range s.Objectives {
		for _, t := range o.Tasks() {
			if t.ID == id {
				return t, o
			}
		}
	}
	return nil, nil
}

// eeg reads an objective's capability and targets.
func (l *loader) eeg(o *Objective, what Phrase, capability, targets *yaml.Node) {
	if capability != nil {
		o.Capability = l.text(capability, sub(what, "capability"))
	}
	if targets == nil {
		if capability != nil {
			l.errf(capability, "%s names a capability but no targets; list its capability targets, each with its critical tasks", what)
		}
		return
	}
	if capability == nil {
		l.errf(targets, "%s has targets but no capability; name the capability they are targets of", what)
	}
	if targets.Kind != yaml.SequenceNode || len(targets.Content) == 0 {
		l.errf(targets, "targets of %s must be a list of at least one capability target ({text: …, tasks: …})", what)
		return
	}
	if len(targets.Content) > MaxTargets {
		l.errf(targets, "%s has %d capability targets; an objective may have at most %d", what, len(targets.Content), MaxTargets)
		return
	}
	for i, n := range targets.Content {
		tw := phrase("capability target %d of %s", i+1, what)
		f, _, ok := l.fields(n, tw, "text", "tasks")
		if !ok {
			continue
		}
		t := &Target{Pos: pos(n), Text: l.text(f["text"], sub(tw, "text"))}
		if f["text"] == nil {
			l.errf(n, "%s needs a text: what good looks like, as something that can be measured", tw)
		}
		o.Targets = append(o.Targets, t)
		tn := f["tasks"]
		if tn == nil {
			l.errf(n, "%s lists no critical tasks; add tasks: with at least one", tw)
			continue
		}
		ks, vs := l.entries(tn, fieldOf("tasks", tw))
		if tn.Kind == yaml.MappingNode && len(ks) == 0 {
			l.errf(tn, "%s lists no critical tasks; add tasks: with at least one", tw)
		}
		if len(ks) > MaxTasks {
			l.errf(tn, "%s has %d critical tasks; a capability target may have at most %d", tw, len(ks), MaxTasks)
			continue
		}
		for j := range ks {
			if task := l.task(ks[j], vs[j]); task != nil {
				t.Tasks = append(t.Tasks, task)
			}
		}
	}
}

func (l *loader) task(k, v *yaml.Node) *Task {
	id, ok := l.id(k, phrase("critical task"))
	if !ok {
		return nil
	}
	what := phrase("critical task %q", id)
	f, _, ok := l.fields(v, what, "text", "observe")
	if !ok {
		return nil
	}
	t := &Task{Pos: pos(k), ID: id, Text: l.text(f["text"], sub(what, "text"))}
	if f["text"] == nil {
		l.errf(k, "%s needs a text: the action, as an evaluator would tick it", what)
	}
	n := f["observe"]
	if n == nil {
		l.errf(k, "%s needs 'observe': what the engine sees (decision, reply, deadline, post or press) or 'evaluator'", what)
		return t
	}
	if n.Kind == yaml.ScalarNode {
		if n.Value != "evaluator" {
			l.errf(n, "observe of %s must be 'evaluator' or a mapping such as {decision: …, options: […]}, not %q", what, clip(n.Value, 30))
		}
		return t
	}
	t.Observe = l.observe(n, what)
	return t
}

func (l *loader) observe(n *yaml.Node, what Phrase) *Observe {
	ow := fieldOf("observe", what)
	f, keys, ok := l.fields(n, ow, "decision", "options", "reply", "deadline", "post", "after", "press", "within", "shows", "avoids")
	if !ok {
		return nil
	}
	o := &Observe{Pos: pos(n)}
	var kinds []string
	for _, k := range ObserveKinds {
		if f[k] != nil {
			kinds = append(kinds, k)
		}
	}
	if len(kinds) != 1 {
		l.errf(n, "%s must name exactly one of decision, reply, deadline, post or press (it names %d)", ow, len(kinds))
		return nil
	}
	o.Kind = kinds[0]
	v := f[o.Kind]
	switch o.Kind {
	case ObserveDecision:
		o.Decision, _ = l.id(v, fieldOf("decision", ow))
		o.Options = l.idList(f["options"], fieldOf("options", ow))
	case ObserveReply:
		o.Inject, _ = l.id(v, fieldOf("reply", ow))
	case ObserveDeadline:
		o.Deadline, _ = l.id(v, fieldOf("deadline", ow))
	case ObservePost:
		if s, ok := l.str(v, fieldOf("post", ow)); ok && s != "any" {
			if !contains(PostChannels, s) {
				l.errf(v, "%s: a team posts on %v (or write any), not %q%s", ow, PostChannels, clip(s, 30), suggest(s, PostChannels))
			} else {
				o.Channel = s
			}
		}
		if a := f["after"]; a != nil {
			o.Inject, _ = l.id(a, fieldOf("after", ow))
		}
	case ObservePress:
		o.Press, _ = l.id(v, fieldOf("press", ow))
	}
	if f["options"] != nil && o.Kind != ObserveDecision {
		l.errf(keys["options"], "%s: options go with decision", ow)
	}
	if f["after"] != nil && o.Kind != ObservePost {
		l.errf(keys["after"], "%s: after goes with post", ow)
	}
	if w := f["within"]; w != nil {
		if o.Kind == ObserveDeadline || o.Kind == ObservePress {
			l.errf(keys["within"], "%s: within goes with decision, reply or post", ow)
		} else if d, ok := l.duration(w, fieldOf("within", ow)); ok {
			if d == 0 {
				l.errf(w, "%s: within must be longer than zero", ow)
			}
			o.Within = d
		}
	}
	for _, name := range []string{"shows", "avoids"} {
		fn := f[name]
		if fn == nil {
			continue
		}
		if o.Kind == ObserveDeadline {
			l.errf(keys[name], "%s: a deadline has no text for the judge to read; %s goes with decision, reply, post or press", ow, name)
			continue
		}
		ids := l.idList(fn, fieldOf(name, ow))
		for _, id := range ids {
			if !contains(Findings, id) {
				l.errf(fn, "%s: the judge finds no %q%s", ow, clip(id, 30), suggest(id, Findings))
			}
		}
		if name == "shows" {
			o.Shows = ids
		} else {
			o.Avoids = ids
		}
	}
	return o
}

// checkEEG checks the evaluation guides' references once the whole
// scenario is read: critical task ids unique, and each observation naming
// a decision (and its options), an inject that asks for a reply, a
// regulatory deadline or a press conference that exists.
func (l *loader) checkEEG(s *Scenario) {
	seen := map[string]Pos{}
	decisions := []string{}
	for _, p := range s.Phases {
		decisions = append(decisions, p.decisionIDs()...)
	}
	var replies, injects []string
	for _, in := range s.allInjects() {
		injects = append(injects, in.ID)
		if in.Reply != nil {
			replies = append(replies, in.ID)
		}
	}
	var deadlines, press []string
	for _, d := range s.Deadlines {
		deadlines = append(deadlines, d.ID)
	}
	for _, c := range s.PressConferences {
		press = append(press, c.ID)
	}
	for _, o := range s.Objectives {
		for _, t := range o.Tasks() {
			if prev, dup := seen[t.ID]; dup {
				l.add(t.Pos, SevError, "critical task id %q is used twice (first at line %d); critical task ids must be unique in the scenario", t.ID, prev.Line)
			}
			seen[t.ID] = t.Pos
			ob := t.Observe
			if ob == nil {
				continue
			}
			what := phrase("critical task %q", t.ID)
			switch ob.Kind {
			case ObserveDecision:
				d := s.Decision(ob.Decision)
				if d == nil {
					l.add(ob.Pos, SevError, "%s observes decision %q, which does not exist%s", what, ob.Decision, suggest(ob.Decision, decisions))
					continue
				}
				for _, id := range ob.Options {
					if d.Option(id) == nil {
						l.add(ob.Pos, SevError, "%s names option %q, which decision %q does not have", what, id, d.ID)
					}
				}
				if (len(ob.Shows) > 0 || len(ob.Avoids) > 0) && d.Statement == nil {
					l.add(ob.Pos, SevError, "%s asks what the judge finds, but decision %q asks for no written statement", what, d.ID)
				}
			case ObserveReply:
				if !contains(replies, ob.Inject) {
					l.add(ob.Pos, SevError, "%s observes the reply to inject %q, which is not an inject that asks for a reply%s", what, ob.Inject, suggest(ob.Inject, replies))
				}
			case ObserveDeadline:
				if !contains(deadlines, ob.Deadline) {
					l.add(ob.Pos, SevError, "%s observes deadline %q, which is not declared under deadlines%s", what, ob.Deadline, suggest(ob.Deadline, deadlines))
				}
			case ObservePost:
				if s.Feed == nil {
					l.add(ob.Pos, SevError, "%s observes a post, but the scenario has no feed for teams to post on", what)
				}
				if ob.Inject != "" && !contains(injects, ob.Inject) {
					l.add(ob.Pos, SevError, "%s counts posts after inject %q, which does not exist%s", what, ob.Inject, suggest(ob.Inject, injects))
				}
			case ObservePress:
				if !contains(press, ob.Press) {
					l.add(ob.Pos, SevError, "%s observes press conference %q, which does not exist%s", what, ob.Press, suggest(ob.Press, press))
				}
			}
		}
	}
}
