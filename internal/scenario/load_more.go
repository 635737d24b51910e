package scenario

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// extras reads the parts of a scenario beyond phases: roles, facts and
// objectives (references checked later), rules, triggers and regulatory
// deadlines (their expressions compiled against the world here).
func (l *loader) extras(s *Scenario, top map[string]*yaml.Node) {
	if n := top["roles"]; n != nil {
		ks, vs := l.entries(n, field("roles"))
		for i := range ks {
			if id, ok := l.id(ks[i], phrase("role")); ok {
				s.Roles = append(s.Roles, &Role{Pos: pos(ks[i]), ID: id, Label: l.text(vs[i], phrase("label of role %q", id))})
			}
		}
	}
	if n := top["facts"]; n != nil {
		ks, vs := l.entries(n, field("facts"))
		for i := range ks {
			if f := l.fact(ks[i], vs[i]); f != nil {
				s.Facts = append(s.Facts, f)
			}
		}
	}
	if n := top["objectives"]; n != nil {
		ks, vs := l.entries(n, field("objectives"))
		for i := range ks {
			id, ok := l.id(ks[i], phrase("objective"))
			if !ok {
				continue
			}
			what := phrase("objective %q", id)
			f, _, ok := l.fields(vs[i], what, "text", "decisions", "capability", "targets")
			if !ok {
				continue
			}
			if f["text"] == nil || f["decisions"] == nil {
				l.errf(ks[i], "%s needs a text and the decisions that give evidence for it", what)
			}
			o := &Objective{Pos: pos(ks[i]), ID: id, Text: l.text(f["text"], sub(what, "text")), Decisions: l.idList(f["decisions"], field("decisions"))}
			l.eeg(o, what, f["capability"], f["targets"])
			s.Objectives = append(s.Objectives, o)
		}
	}
	if n := top["rules"]; n != nil {
		if n.Kind != yaml.SequenceNode {
			l.errf(n, "rules must be a list (lines starting with '- ')")
		} else {
			for i, c := range n.Content {
				if r := l.rule(c, i); r != nil {
					s.Rules = append(s.Rules, r)
				}
			}
		}
	}
	if n := top["triggers"]; n != nil {
		ks, vs := l.entries(n, field("triggers"))
		for i := range ks {
			if t := l.trigger(ks[i], vs[i]); t != nil {
				s.Triggers = append(s.Triggers, t)
			}
		}
	}
	if n := top["feed"]; n != nil {
		s.Feed = l.feed(n)
	}
	if n := top["contradictions"]; n != nil {
		if n.Kind != yaml.SequenceNode {
			l.errf(n, "contradictions must be a list of claim pairs, like [[no-contamination, contamination-confirmed]]")
		} else {
			for _, c := range n.Content {
				ids := l.idList(c, phrase("contradiction"))
				if len(ids) != 2 || ids[0] == ids[1] {
					l.errf(c, "a contradiction is a pair of two different claims, like [safe, contaminated]")
					continue
				}
				s.Contradictions = append(s.Contradictions, [2]string{ids[0], ids[1]})
				l.contradictionPos = append(l.contradictionPos, pos(c))
			}
		}
	}
	if n := top["false_claims"]; n != nil {
		ks, vs := l.entries(n, field("false_claims"))
		for i := range ks {
			if id, ok := l.id(ks[i], phrase("false claim")); ok {
				s.FalseClaims = append(s.FalseClaims, &FalseClaim{Pos: pos(ks[i]), Claim: id, Truth: l.text(vs[i], phrase("the truth behind false claim %q", id))})
			}
		}
	}
	if n := top["scoring"]; n != nil {
		s.Scoring = l.scoring(n)
	}
	if n := top["deadlines"]; n != nil {
		ks, vs := l.entries(n, field("deadlines"))
		for i := range ks {
			if d := l.regDeadline(ks[i], vs[i]); d != nil {
				s.Deadlines = append(s.Deadlines, d)
			}
		}
	}
}

func (l *loader) fact(k, v *yaml.Node) *Fact {
	id, ok := l.id(k, phrase("fact"))
	if !ok {
		return nil
	}
	what := phrase("fact %q", id)
	f, _, ok := l.fields(v, what, "label", "match")
	if !ok {
		return nil
	}
	fa := &Fact{Pos: pos(k), ID: id, Label: l.text(f["label"], sub(what, "label")), Match: map[string][]string{}}
	m := f["match"]
	if m == nil {
		l.errf(k, "%s needs 'match': the words or numbers that show it is in a statement, per language (en: [...], zh: [...]) or for all languages ([...])", what)
		return fa
	}
	add := func(lang string, n *yaml.Node) {
		if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
			l.errf(n, "match of %s must be a non-empty list of words", what)
			return
		}
		for _, c := range n.Content {
			if w, ok := l.str(c, phrase("match word")); ok && strings.TrimSpace(w) != "" {
				fa.Match[lang] = append(fa.Match[lang], w)
			}
		}
	}
	switch m.Kind {
	case yaml.SequenceNode:
		add("", m)
	case yaml.MappingNode:
		ks, vs := l.entries(m, fieldOf("match", what))
		for i := range ks {
			add(ks[i].Value, vs[i])
		}
	default:
		l.errf(m, "match of %s must be a list of words or a mapping of languages to lists", what)
	}
	return fa
}

func (l *loader) rule(n *yaml.Node, i int) *Rule {
	what := phrase("rule %d", i+1)
	f, _, ok := l.fields(n, what, "id", "every", "while", "effects")
	if !ok {
		return nil
	}
	r := &Rule{Pos: pos(n), ID: fmt.Sprintf("rule-%d", i+1)}
	if f["id"] != nil {
		if id, ok := l.id(f["id"], phrase("rule id")); ok {
			r.ID = id
		}
	}
	if f["every"] == nil {
		l.errf(n, "%s needs 'every' (how often it applies, e.g. every: 10m)", what)
	} else if d, ok := l.duration(f["every"], field("every")); ok {
		if d < MinRuleEvery {
			l.errf(f["every"], "%s applies every %s; the shortest period is %s", what, dur(d), dur(MinRuleEvery))
		}
		r.Every = d
	}
	if f["while"] != nil {
		r.While = l.expr(f["while"], sub(what, "while"), true)
	}
	if f["effects"] == nil {
		l.errf(n, "%s needs effects", what)
	}
	r.Effects = l.effects(f["effects"])
	return r
}

func (l *loader) trigger(k, v *yaml.Node) *Trigger {
	id, ok := l.id(k, phrase("trigger"))
	if !ok {
		return nil
	}
	what := phrase("trigger %q", id)
	f, _, ok := l.fields(v, what, "when", "inject", "effects")
	if !ok {
		return nil
	}
	t := &Trigger{Pos: pos(k), ID: id}
	if f["when"] == nil {
		l.errf(k, "%s needs 'when', a condition such as \"attention >= 80\"", what)
	} else {
		t.When = l.expr(f["when"], sub(what, "when"), true)
	}
	if f["inject"] == nil && f["effects"] == nil {
		l.errf(k, "%s needs an inject or effects (or both)", what)
	}
	if n := f["inject"]; n != nil {
		t.Inject = l.looseInject(n, what, id)
	}
	t.Effects = l.effects(f["effects"])
	return t
}

// looseInject reads an inject that is not timed in a phase (a trigger's or
// a missed deadline's): it arrives when its owner fires.
func (l *loader) looseInject(n *yaml.Node, what Phrase, id string) *Inject {
	f, _, ok := l.fields(n, fieldOf("inject", what), "channel", "from", "text", "to", "reply", "media", "persona", "style")
	if !ok {
		return nil
	}
	in := &Inject{Pos: pos(n), ID: id}
	l.injectContent(n, f, fieldOf("inject", what), in)
	return in
}

func (l *loader) regDeadline(k, v *yaml.Node) *RegDeadline {
	id, ok := l.id(k, phrase("deadline"))
	if !ok {
		return nil
	}
	what := phrase("deadline %q", id)
	f, _, ok := l.fields(v, what, "label", "starts_with", "within", "represents", "met_by", "on_miss")
	if !ok {
		return nil
	}
	d := &RegDeadline{Pos: pos(k), ID: id, Label: l.text(f["label"], sub(what, "label"))}
	for _, req := range []string{"label", "starts_with", "within", "met_by"} {
		if f[req] == nil {
			l.errf(k, "%s needs %q", what, req)
		}
	}
	if f["starts_with"] != nil {
		d.StartsWith, _ = l.id(f["starts_with"], phrase("starts_with (an inject id)"))
	}
	if f["within"] != nil {
		d.Within, _ = l.duration(f["within"], field("within"))
	}
	if f["represents"] != nil {
		d.Represents, _ = l.longDuration(f["represents"], field("represents"))
	}
	if n := f["met_by"]; n != nil {
		if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
			l.errf(n, "met_by of %s must list options as decision.option", what)
		} else {
			for _, c := range n.Content {
				s, ok := l.str(c, field("met_by"))
				if !ok {
					continue
				}
				dec, opt, found := strings.Cut(s, ".")
				if !found || dec == "" || opt == "" {
					l.errf(c, "%q in met_by is not decision.option", clip(s, 40))
					continue
				}
				d.MetBy = append(d.MetBy, OptionRef{Decision: dec, Option: opt})
				l.optionRefs = append(l.optionRefs, optionRefAt{ref: OptionRef{dec, opt}, pos: pos(c)})
			}
		}
	}
	if n := f["on_miss"]; n != nil {
		mf, _, ok := l.fields(n, fieldOf("on_miss", what), "effects", "inject")
		if ok {
			d.OnMiss = &Miss{Effects: l.effects(mf["effects"])}
			if mf["inject"] != nil {
				d.OnMiss.Inject = l.looseInject(mf["inject"], what, id+"-missed")
			}
		}
	}
	return d
}

func (l *loader) statement(n *yaml.Node, what Phrase) *StatementSpec {
	return l.statementSpec(n, fieldOf("statement", what))
}

// statementSpec reads what a written text is judged by: a decision's
// statement, or an inject's reply.
func (l *loader) statementSpec(n *yaml.Node, what Phrase) *StatementSpec {
	f, _, ok := l.fields(n, what, "kind", "required_facts", "hazard")
	if !ok {
		return nil
	}
	st := &StatementSpec{Pos: pos(n), Kind: "holding", Hazard: "open"}
	if h := f["hazard"]; h != nil {
		st.Hazard, _ = l.str(h, field("hazard"))
		if !contains(Hazards, st.Hazard) {
			l.errf(h, "statement hazard %q is not known%s", clip(st.Hazard, 30), suggest(st.Hazard, Hazards))
		}
	}
	if k := f["kind"]; k != nil {
		st.Kind, _ = l.str(k, field("kind"))
		if !contains(StatementKinds, st.Kind) {
			l.errf(k, "statement kind %q is not known%s", clip(st.Kind, 30), suggest(st.Kind, StatementKinds))
		}
	}
	st.RequiredFacts = l.idList(f["required_facts"], field("required_facts"))
	return st
}

// expr compiles an expression, reporting a problem at its node.
func (l *loader) expr(n *yaml.Node, what Phrase, asBool bool) *Expr {
	src, ok := l.str(n, what)
	if !ok {
		return nil
	}
	prog, err := compileExpr(src, l.vars, asBool)
	var lang *LanguageError
	if errors.As(err, &lang) {
		l.add(exprPos(n, lang.Offset), SevError, "%s %q: %v", what, clip(src, 60), err)
		return nil
	}
	if err != nil {
		names := append(keys(l.vars), BuiltinNames()...)
		l.errf(n, "%s %q does not compile: %v (names you can use: %s)", what, clip(src, 60), err, strings.Join(names, ", "))
		return nil
	}
	e := &Expr{Src: src, Pos: pos(n), prog: prog, names: exprNames(src)}
	if l.exprReads == nil {
		l.exprReads = map[string]bool{}
	}
	for _, name := range e.names {
		l.exprReads[name] = true
	}
	for _, f := range saidLiterals(src) {
		if !contains(Findings, f) {
			l.errf(n, "%s %q: the judge finds no %q in a post%s", what, clip(src, 60), clip(f, 30), suggest(f, Findings))
		}
	}
	if slices.Contains(e.names, "said") || slices.Contains(e.names, "posts") {
		l.postReaders = append(l.postReaders, e)
	}
	return e
}

// exprPos is the position of the character at offset (in runes) of the
// expression in scalar n: exact on a one-line plain or quoted value with no
// escapes before it, else the start of the value.
func exprPos(n *yaml.Node, offset int) Pos {
	r := []rune(n.Value)
	if offset < 0 || offset > len(r) || strings.ContainsRune(n.Value, '\n') {
		return pos(n)
	}
	before := string(r[:offset])
	switch n.Style {
	case 0:
		return Pos{n.Line, n.Column + offset}
	case yaml.DoubleQuotedStyle:
		if !strings.ContainsRune(before, '\\') && !strings.ContainsRune(before, '"') {
			return Pos{n.Line, n.Column + 1 + offset}
		}
	case yaml.SingleQuotedStyle:
		if !strings.ContainsRune(before, '\'') {
			return Pos{n.Line, n.Column + 1 + offset}
		}
	}
	return pos(n)
}

func (l *loader) idList(n *yaml.Node, what Phrase) []string {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.errf(n, "%s must be a list of ids, like [a, b]", what)
		return nil
	}
	var out []string
	for _, c := range n.Content {
		if id, ok := l.id(c, what); ok {
			out = append(out, id)
		}
	}
	return out
}

func (l *loader) boolean(n *yaml.Node, what Phrase) bool {
	s, ok := l.str(n, what)
	if !ok {
		return false
	}
	switch s {
	case "true", "yes":
		return true
	case "false", "no":
		return false
	}
	l.errf(n, "%s must be true or false, not %q", what, clip(s, 20))
	return false
}

func (l *loader) promise(n *yaml.Node, what Phrase) *Promise {
	f, _, ok := l.fields(n, fieldOf("promise", what), "within", "miss_effects")
	if !ok {
		return nil
	}
	p := &Promise{Pos: pos(n)}
	if f["within"] == nil {
		l.errf(n, "promise of %s needs 'within', the time by which the team must update the public", what)
	} else if d, ok := l.duration(f["within"], field("within")); ok {
		if d == 0 {
			l.errf(f["within"], "promise of %s must give the team some time (within > 0)", what)
		}
		p.Within = d
	}
	p.MissEffects = l.effects(f["miss_effects"])
	return p
}

func (l *loader) feed(n *yaml.Node) *Feed {
	f, _, ok := l.fields(n, field("feed"), "every", "volume", "posts", "reactions")
	if !ok {
		return nil
	}
	fd := &Feed{Pos: pos(n), Every: 5 * time.Minute}
	if f["every"] != nil {
		if d, ok := l.duration(f["every"], field("every")); ok {
			if d < MinRuleEvery {
				l.errf(f["every"], "the feed posts every %s; the shortest period is %s", dur(d), dur(MinRuleEvery))
			}
			fd.Every = d
		}
	}
	if f["volume"] != nil {
		fd.Volume = l.expr(f["volume"], phrase("feed volume"), false)
	}
	if r := f["reactions"]; r != nil {
		fd.Reactions = l.reactions(r)
	}
	p := f["posts"]
	if p == nil || p.Kind != yaml.SequenceNode || len(p.Content) == 0 {
		l.errf(n, "the feed needs posts: a list of templates with channel, text and an optional when")
		return fd
	}
	seen := map[string]int{}
	for i, c := range p.Content {
		what := phrase("feed post %d", i+1)
		pf, _, ok := l.fields(c, what, "id", "channel", "when", "weight", "max", "from", "text", "tone", "persona", "media")
		if !ok {
			continue
		}
		post := &FeedPost{Pos: pos(c), ID: fmt.Sprintf("feed-%d", i+1), Channel: "social", Weight: 1, Max: 1, Tone: "neutral"}
		if pf["id"] != nil {
			if id, ok := l.id(pf["id"], phrase("feed post id")); ok {
				post.ID = id
			}
		}
		if line, dup := seen[post.ID]; dup {
			l.errf(c, "feed post id %q is used twice (first at line %d)", post.ID, line)
		}
		seen[post.ID] = c.Line
		l.postContent(c, pf, what, post)
		if pf["when"] != nil {
			post.When = l.expr(pf["when"], sub(what, "when"), true)
		}
		if w := pf["weight"]; w != nil {
			if v, ok := l.number(w, field("weight")); ok {
				if v <= 0 || v > 100 {
					l.errf(w, "weight must be above 0 and at most 100")
				}
				post.Weight = v
			}
		}
		if m := pf["max"]; m != nil {
			if v, ok := l.number(m, field("max")); ok {
				if v != float64(int(v)) || v < 1 || v > 20 {
					l.errf(m, "max must be a whole number from 1 to 20")
				}
				post.Max = int(v)
			}
		}
		fd.Posts = append(fd.Posts, post)
	}
	return fd
}

// postContent reads what every post of the simulated public has, a feed
// template's or a reaction's: its channel (social or news), tone, sender
// (from, or a persona), pictures and text.
func (l *loader) postContent(n *yaml.Node, pf map[string]*yaml.Node, what Phrase, post *FeedPost) {
	if ch := pf["channel"]; ch != nil {
		post.Channel, _ = l.str(ch, field("channel"))
		if post.Channel != "social" && post.Channel != "news" {
			l.errf(ch, "a feed post is social or news, not %q", clip(post.Channel, 20))
		}
	}
	if t := pf["tone"]; t != nil {
		post.Tone, _ = l.str(t, field("tone"))
		if !contains(FeedTones, post.Tone) {
			l.errf(t, "tone %q is not known%s", clip(post.Tone, 20), suggest(post.Tone, FeedTones))
		}
	}
	post.From = l.text(pf["from"], sub(what, "from"))
	post.Persona = l.personaRef(pf["persona"], what, &post.From)
	if pf["media"] != nil {
		post.Media = l.media(pf["media"], fieldOf("media", what))
	}
	if pf["text"] == nil {
		l.errf(n, "%s needs a text", what)
	}
	post.Text, post.TextAlts = l.variedText(pf["text"], sub(what, "text"))
}

// reactions reads the feed's reactions to a team's post: a list of {on,
// effects, posts}, where on is a finding or a list of findings (all must
// hold; absent: any post) and posts are what the public answers (channel,
// from, text, tone).
func (l *loader) reactions(n *yaml.Node) []*Reaction {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		l.errf(n, "reactions must be a list of {on, effects, posts}")
		return nil
	}
	var out []*Reaction
	for i, c := range n.Content {
		what := phrase("reaction %d", i+1)
		f, _, ok := l.fields(c, what, "on", "effects", "posts")
		if !ok {
			continue
		}
		r := &Reaction{Pos: pos(c)}
		if on := f["on"]; on != nil {
			if on.Kind == yaml.ScalarNode {
				if v, ok := l.str(on, sub(what, "on")); ok {
					r.On = []string{v}
				}
			} else {
				r.On = l.idList(on, sub(what, "on"))
			}
			for _, id := range r.On {
				if !contains(Findings, id) {
					l.errf(on, "%s: the judge finds no %q%s", what, clip(id, 30), suggest(id, Findings))
				}
			}
		}
		r.Effects = l.effects(f["effects"])
		p := f["posts"]
		if p == nil || p.Kind != yaml.SequenceNode || len(p.Content) == 0 {
			l.errf(c, "%s needs posts: what the public answers, a list of {from, text, tone}", what)
			out = append(out, r)
			continue
		}
		for j, pc := range p.Content {
			pw := phrase("post %d of %s", j+1, what)
			pf, _, ok := l.fields(pc, pw, "channel", "from", "text", "tone", "persona", "media")
			if !ok {
				continue
			}
			post := &FeedPost{Pos: pos(pc), ID: fmt.Sprintf("reaction-%d-%d", i+1, j+1), Channel: "social", Weight: 1, Max: 1, Tone: "neutral"}
			l.postContent(pc, pf, pw, post)
			r.Posts = append(r.Posts, post)
		}
		out = append(out, r)
	}
	return out
}

// routes reads a list of {when, next}: conditional moves by the world.
func (l *loader) routes(n *yaml.Node, what Phrase) []*Route {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.errf(n, "routes of %s must be a list of {when: \"…\", next: phase}", what)
		return nil
	}
	var out []*Route
	for _, c := range n.Content {
		f, _, ok := l.fields(c, phrase("a route of %s", what), "when", "next")
		if !ok {
			continue
		}
		if f["when"] == nil || f["next"] == nil {
			l.errf(c, "a route of %s needs both 'when' (a condition on the world) and 'next' (a phase id)", what)
			continue
		}
		r := &Route{Pos: pos(c)}
		r.When = l.expr(f["when"], phrase("route condition"), true)
		r.Next, _ = l.id(f["next"], phrase("next phase"))
		if r.When != nil && r.Next != "" {
			out = append(out, r)
		}
	}
	return out
}

// scoring reads the scenario's weights and update cadence.
func (l *loader) scoring(n *yaml.Node) Scoring {
	f, _, ok := l.fields(n, field("scoring"), "weights", "updates_every")
	sc := Scoring{Pos: pos(n)}
	if !ok {
		return sc
	}
	if w := f["weights"]; w != nil {
		ks, vs := l.entries(w, field("weights"))
		weights := map[string]float64{}
		total := 0.0
		for i := range ks {
			dim := ks[i].Value
			if !contains(ScoredDimensions, dim) {
				l.errf(ks[i], "%q is not a scored quality%s", clip(dim, 30), suggest(dim, ScoredDimensions))
				continue
			}
			v, ok := l.number(vs[i], phrase("weight of %s", dim))
			if !ok {
				continue
			}
			if v < 0 || v > 100 {
				l.errf(vs[i], "weight %g of %s must be from 0 to 100", v, dim)
				continue
			}
			weights[dim] = v
			total += v
		}
		if len(weights) > 0 {
			// A quality the scenario leaves out keeps weight 0: it says
			// what counts, so an omission is deliberate.
			if total == 0 {
				l.errf(w, "the weights add up to 0; at least one quality must count")
			} else {
				sc.Weights = weights
			}
		}
	}
	if u := f["updates_every"]; u != nil {
		if d, ok := l.duration(u, field("updates_every")); ok {
			if d < time.Minute {
				l.errf(u, "updates_every must be at least 1m, not %s", dur(d))
			} else {
				sc.UpdatesEvery = d
			}
		}
	}
	return sc
}
