package scenario

import (
	"hash/fnv"
	"math/rand/v2"

	"go.yaml.in/yaml/v3"
)

// Alt is one alternative of a varied text (an inject's, a feed post's or a
// press question's `text:` written as a list). With When, it is a
// conditional variant: the first whose condition holds for the team when
// the text is delivered is the one read. Without When, it is one of the
// plain alternatives, of which the exercise's seed picks one when no
// conditional variant holds.
type Alt struct {
	Pos  Pos
	When *Expr // nil: a plain alternative
	Text Text
}

// MaxAlts is how many alternatives one text may list.
const MaxAlts = 8

// variedText decodes a text that may vary between runs: a bilingual text
// (see text), or a list of alternatives, each a bilingual text or a
// mapping of languages with a `when:` condition. It returns the default
// text (the first alternative without `when`: what lint, the branch map
// and the analysis read) and the alternatives (nil for a single text).
func (l *loader) variedText(n *yaml.Node, what Phrase) (Text, []Alt) {
	if n == nil || n.Kind != yaml.SequenceNode || !l.noAlias(n) {
		return l.text(n, what), nil
	}
	if len(n.Content) == 0 {
		l.errf(n, "%s is an empty list; give at least one text, or write the text itself", what)
		return nil, nil
	}
	if len(n.Content) > MaxAlts {
		l.errf(n, "%s has %d alternatives; a text may have at most %d", what, len(n.Content), MaxAlts)
	}
	var def Text
	alts := make([]Alt, 0, len(n.Content))
	for i, c := range n.Content {
		aw := phrase("alternative %d of %s", i+1, what)
		a := Alt{Pos: pos(c)}
		if c.Kind == yaml.MappingNode && l.noAlias(c) {
			// Split off `when:`; the rest is the bilingual text.
			rest := &yaml.Node{Kind: yaml.MappingNode, Line: c.Line, Column: c.Column, Style: c.Style}
			for j := 0; j+1 < len(c.Content); j += 2 {
				if k := c.Content[j]; k.Kind == yaml.ScalarNode && k.Value == "when" {
					if a.When != nil {
						l.errf(k, "%s has 'when' twice", aw)
						continue
					}
					a.When = l.expr(c.Content[j+1], sub(aw, "when"), true)
					if a.When == nil {
						a.When = &Expr{} // keep it conditional: it is not a default
					}
					continue
				}
				rest.Content = append(rest.Content, c.Content[j], c.Content[j+1])
			}
			if len(rest.Content) == 0 {
				l.errf(c, "%s has no text; add en: \"…\" and zh: \"…\"", aw)
			} else {
				a.Text = l.text(rest, aw)
			}
		} else if c.Kind == yaml.SequenceNode {
			l.errf(c, "%s must be a string or a mapping of languages, not a list", aw)
			continue
		} else {
			a.Text = l.text(c, aw)
		}
		if a.When == nil && def == nil {
			def = a.Text
		}
		alts = append(alts, a)
	}
	if def == nil {
		l.errf(n, "%s has no alternative without 'when'; add one that is read when no condition holds", what)
		if len(alts) > 0 {
			def = alts[0].Text
		}
	}
	if len(alts) == 1 && alts[0].When == nil {
		return def, nil
	}
	return def, alts
}

// Choose returns the text a team reads of a varied text: the first
// conditional alternative whose `when` holds in env, else one of the plain
// alternatives picked by the exercise's seed, the key (what the text
// belongs to, with the team's name where each team's text is its own) and
// visit (how many times the team read it before). It is a pure function of
// what the log records, so every reader of the log reads the same text.
// Without alternatives it returns def.
func Choose(def Text, alts []Alt, env Env, seed uint64, key string, visit int) Text {
	if len(alts) == 0 {
		return def
	}
	var plain []Text
	for _, a := range alts {
		if a.When == nil {
			plain = append(plain, a.Text)
			continue
		}
		if a.When.prog == nil || env == nil {
			continue
		}
		if ok, err := a.When.Bool(env); err == nil && ok {
			return a.Text
		}
	}
	if len(plain) == 0 {
		return def
	}
	return plain[Pick(seed, key, visit, len(plain))]
}

// Pick is the seed's choice among n alternatives of the text named key at
// its visit-th reading: deterministic, and part of the format (changing it
// would change what an old exercise's replay reads).
func Pick(seed uint64, key string, visit, n int) int {
	if n <= 1 {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(key))
	r := rand.New(rand.NewPCG(seed^h.Sum64(), uint64(visit)*0x9E3779B97F4A7C15+1))
	return r.IntN(n)
}
