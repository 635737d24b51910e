package scenario

import (
	"maps"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Personas are the scenario's recurring people: the reporter who keeps
// calling, the regulator, the angry customer, the KOL, the CEO. An inject
// or a feed post names one with persona: id; its card then shows the
// persona's name, outlet and avatar, and a role-player answers in its
// voice, by its brief and disposition.

// Dispositions of a persona towards the company, from worst to best.
var Dispositions = []string{"hostile", "sceptical", "neutral", "sympathetic"}

// Influences of a persona: how far what it says carries.
var Influences = []string{"low", "medium", "high"}

// Inject styles: how a card draws an inject beyond its channel.
const (
	// StyleBreaking draws a news inject as a television's breaking-news
	// strap.
	StyleBreaking = "breaking"
)

// InjectStyles are the values of an inject's style.
var InjectStyles = []string{StyleBreaking}

// Persona is one of the scenario's recurring people.
type Persona struct {
	Pos  Pos
	ID   string
	Name Text
	// Outlet is the persona's outlet or organisation, and role ("City
	// Express, consumer desk"); may be empty.
	Outlet Text
	// Avatar is the persona's picture beside the scenario (its alt is the
	// name); nil: the card draws the name's initial.
	Avatar      *Media
	Disposition string // one of Dispositions; "" when not said
	Influence   string // one of Influences; "" when not said
	// Language is the language the persona speaks and writes, for a
	// role-player ("zh", "en", "yue"…); "" when not said.
	Language string
	// Brief is what the person wants, for a role-player.
	Brief Text
}

// Persona returns the persona with the given id, or nil.
func (s *Scenario) Persona(id string) *Persona {
	if id == "" {
		return nil
	}
	for _, p := range s.Personas {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// SenderLine is how a persona is named where one line names a sender
// (a report, a ticker, the console): the name, and the outlet in
// brackets, in lang.
func (p *Persona) SenderLine(lang string) string {
	name, outlet := p.Name.Get(lang), p.Outlet.Get(lang)
	if outlet == "" {
		return name
	}
	if strings.HasPrefix(lang, "zh") {
		return name + "（" + outlet + "）"
	}
	return name + " (" + outlet + ")"
}

// senderText is the persona's sender line in each of langs, for an
// inject or post that names the persona and no from.
func (p *Persona) senderText(langs []string) Text {
	if len(langs) == 0 {
		return Text{"": p.SenderLine("")}
	}
	t := Text{}
	for _, lang := range langs {
		t[lang] = p.SenderLine(lang)
	}
	return t
}

// personas reads the top-level personas: a mapping from ids to {name,
// outlet, avatar, disposition, influence, language, brief}.
func (l *loader) personas(n *yaml.Node) []*Persona {
	ks, vs := l.entries(n, field("personas"))
	var out []*Persona
	for i := range ks {
		id, ok := l.id(ks[i], phrase("persona"))
		if !ok {
			continue
		}
		what := phrase("persona %q", id)
		f, _, ok := l.fields(vs[i], what, "name", "outlet", "avatar", "disposition", "influence", "language", "brief")
		if !ok {
			continue
		}
		p := &Persona{Pos: pos(ks[i]), ID: id}
		if f["name"] == nil {
			l.errf(ks[i], "%s needs a name, as the cards show it", what)
		}
		p.Name = l.text(f["name"], sub(what, "name"))
		p.Outlet = l.text(f["outlet"], sub(what, "outlet"))
		p.Brief = l.text(f["brief"], sub(what, "brief"))
		if a := f["avatar"]; a != nil {
			if name, ok := l.str(a, sub(what, "avatar")); ok && l.mediaPath(a, name) {
				p.Avatar = &Media{Pos: pos(a), File: name, Alt: p.Name}
				if l.mediaFiles == nil {
					l.mediaFiles = map[string]bool{}
				}
				l.mediaFiles[name] = true
				if len(l.mediaFiles) == MaxMediaFiles+1 {
					l.errf(a, "the scenario carries more than %d different pictures", MaxMediaFiles)
				}
			}
		}
		p.Disposition = l.oneOf(f["disposition"], sub(what, "disposition"), Dispositions)
		p.Influence = l.oneOf(f["influence"], sub(what, "influence"), Influences)
		if lang := f["language"]; lang != nil {
			if code, ok := l.str(lang, sub(what, "language")); ok {
				if !langPattern.MatchString(code) {
					l.errf(lang, "%q is not a language code; use codes like en or zh", clip(code, 20))
				} else {
					p.Language = code
				}
			}
		}
		out = append(out, p)
	}
	return out
}

// oneOf reads a value that must be one of a closed list; "" when absent or
// not in it (with an error).
func (l *loader) oneOf(n *yaml.Node, what Phrase, allowed []string) string {
	if n == nil {
		return ""
	}
	v, ok := l.str(n, what)
	if !ok {
		return ""
	}
	if !contains(allowed, v) {
		l.errf(n, "%s %q must be one of %s%s", what, clip(v, 20), strings.Join(allowed, ", "), suggest(v, allowed))
		return ""
	}
	return v
}

// personaRef reads persona: id on an inject or a post and checks that the
// persona is declared. With no from, the sender becomes the persona's
// sender line, so every place that names a sender names the persona.
func (l *loader) personaRef(n *yaml.Node, what Phrase, from *Text) string {
	if n == nil {
		return ""
	}
	id, ok := l.str(n, sub(what, "persona"))
	if !ok {
		return ""
	}
	p := l.personaByID[id]
	if p == nil {
		l.errf(n, "%s names persona %q, which is not declared under personas%s", what, clip(id, 40), suggest(id, slices.Sorted(maps.Keys(l.personaByID))))
		return ""
	}
	if *from == nil {
		*from = p.senderText(l.langs)
	}
	return id
}

// injectStyle reads an inject's style: breaking, for a news inject only.
func (l *loader) injectStyle(n *yaml.Node, what Phrase, channel string) string {
	st := l.oneOf(n, sub(what, "style"), InjectStyles)
	if st == StyleBreaking && channel != "news" && channel != "" {
		l.errf(n, "%s: style %q is for news injects (a television's breaking-news strap), not %s", what, st, channel)
		return ""
	}
	return st
}
