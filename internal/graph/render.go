package graph

import (
	"fmt"
	"strings"
	"unicode"
)

// fontName is what the DOT rendering asks Graphviz for: Noto Sans SC has
// Chinese glyphs (the app bundles it), with a generic fallback.
const fontName = "Noto Sans SC,sans-serif"

// titleWidth is where DOT node labels wrap, in columns (a Chinese character
// takes two): Graphviz does not wrap labels itself.
const titleWidth = 28

// DOT renders the graph in Graphviz's language. Endings have a double border
// and a fill by tone, the start phase a thick border; timeouts are dashed,
// continues dotted; a highlighted path is drawn thick and blue.
func (g *Graph) DOT() string {
	var b strings.Builder
	fmt.Fprintf(&b, "// %s — firebreak graph\n", oneLine(g.ID))
	fmt.Fprintf(&b, "digraph %s {\n", dotQuote(g.ID))
	fmt.Fprintf(&b, "  graph [label=%s, labelloc=t, fontname=%s, rankdir=TB, nodesep=0.4, ranksep=0.6];\n",
		dotQuote(g.Title), dotQuote(fontName))
	fmt.Fprintf(&b, "  node [shape=box, style=\"rounded,filled\", fillcolor=%s, color=%s, fontname=%s];\n",
		dotQuote(plainFill), dotQuote(plainStroke), dotQuote(fontName))
	fmt.Fprintf(&b, "  edge [color=%s, fontname=%s, fontsize=10];\n\n", dotQuote(plainStroke), dotQuote(fontName))

	for _, n := range g.Nodes {
		attrs := []string{"label=" + dotQuote(strings.Join(Wrap(n.Title, titleWidth), "\n")), "tooltip=" + dotQuote(n.ID)}
		switch {
		case n.Ending():
			t := mustTone(n.Tone)
			attrs = append(attrs, "peripheries=2", "fillcolor="+dotQuote(toneFill[t]), "color="+dotQuote(toneStroke[t]))
		case n.Start:
			attrs = append(attrs, "fillcolor="+dotQuote(startFill), "penwidth=2")
		}
		if g.NodeOnPath(n.ID) {
			attrs = append(attrs, "color="+dotQuote(pathColour), "penwidth=3")
		}
		fmt.Fprintf(&b, "  %s [%s];\n", dotQuote(n.ID), strings.Join(attrs, ", "))
	}
	// Endings on the last rank, so every way through reads downwards.
	var endings []string
	for _, n := range g.Nodes {
		if n.Ending() {
			endings = append(endings, dotQuote(n.ID))
		}
	}
	if len(endings) > 0 {
		fmt.Fprintf(&b, "  { rank=sink; %s; }\n", strings.Join(endings, "; "))
	}
	b.WriteString("\n")
	for i, e := range g.Edges {
		attrs := []string{"label=" + dotQuote(e.Label)}
		switch e.Kind {
		case EdgeTimeout:
			attrs = append(attrs, "style=dashed")
		case EdgeContinue:
			attrs = append(attrs, "style=dotted")
		}
		if g.EdgeOnPath(i) {
			attrs = append(attrs, "color="+dotQuote(pathColour), "fontcolor="+dotQuote(pathColour), "penwidth=3")
		}
		fmt.Fprintf(&b, "  %s -> %s [%s];\n", dotQuote(e.From), dotQuote(e.To), strings.Join(attrs, ", "))
	}
	b.WriteString("}\n")
	return b.String()
}

// dotQuote makes s a DOT quoted string. Inside one only \" is an escape,
// but labels then treat backslash sequences (\n, \l, \N…) specially, so a
// backslash is doubled; a line break becomes \n. Quotes, <, >, braces and
// Chinese need nothing more in a quoted (non-HTML) string.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return `"` + r.Replace(s) + `"`
}

// Mermaid renders the graph as a Mermaid flowchart (top-down). Node ids are
// the phase ids made safe for Mermaid ("p_" + id, '-' → '_'), so words such
// as "end" cannot clash with its keywords. Endings are stadium shapes with a
// class per tone; timeouts and continues are dotted links, told apart by
// their dash pattern; a highlighted path gets the class "path" and thick
// blue links.
func (g *Graph) Mermaid() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%%%% %s: %s — firebreak graph\n", oneLine(g.ID), oneLine(g.Title))
	b.WriteString("flowchart TD\n")
	classes := map[string][]string{}
	var classOrder []string
	addClass := func(class, id string) {
		if _, ok := classes[class]; !ok {
			classOrder = append(classOrder, class)
		}
		classes[class] = append(classes[class], id)
	}
	for _, n := range g.Nodes {
		id := mermaidID(n.ID)
		if n.Ending() {
			fmt.Fprintf(&b, "    %s([\"%s\"])\n", id, mermaidText(n.Title))
		} else {
			fmt.Fprintf(&b, "    %s[\"%s\"]\n", id, mermaidText(n.Title))
		}
	}
	for _, n := range g.Nodes {
		switch {
		case n.Ending():
			addClass(mustTone(n.Tone), mermaidID(n.ID))
		case n.Start:
			addClass("start", mermaidID(n.ID))
		}
	}
	for _, n := range g.Nodes {
		if g.NodeOnPath(n.ID) {
			addClass("path", mermaidID(n.ID))
		}
	}
	var timeouts, continues, onPath []string
	for i, e := range g.Edges {
		arrow := "-->"
		switch e.Kind {
		case EdgeTimeout:
			arrow = "-.->"
			timeouts = append(timeouts, fmt.Sprint(i))
		case EdgeContinue:
			arrow = "-.->"
			continues = append(continues, fmt.Sprint(i))
		}
		if g.EdgeOnPath(i) {
			onPath = append(onPath, fmt.Sprint(i))
		}
		fmt.Fprintf(&b, "    %s %s|\"%s\"| %s\n", mermaidID(e.From), arrow, mermaidText(e.Label), mermaidID(e.To))
	}
	classDef := map[string]string{
		"start": "fill:" + startFill + ",stroke:" + plainStroke + ",stroke-width:2px",
		"good":  "fill:" + toneFill["good"] + ",stroke:" + toneStroke["good"] + ",stroke-width:2px",
		"mixed": "fill:" + toneFill["mixed"] + ",stroke:" + toneStroke["mixed"] + ",stroke-width:2px",
		"bad":   "fill:" + toneFill["bad"] + ",stroke:" + toneStroke["bad"] + ",stroke-width:2px",
		"path":  "stroke:" + pathColour + ",stroke-width:4px",
	}
	// "path" last: where a node has two classes, the later one's stroke wins.
	for _, c := range []string{"start", "good", "mixed", "bad", "path"} {
		if len(classes[c]) > 0 {
			fmt.Fprintf(&b, "    classDef %s %s\n", c, classDef[c])
		}
	}
	for _, c := range classOrder {
		fmt.Fprintf(&b, "    class %s %s\n", strings.Join(classes[c], ","), c)
	}
	if len(timeouts) > 0 {
		fmt.Fprintf(&b, "    linkStyle %s stroke-dasharray:6 4\n", strings.Join(timeouts, ","))
	}
	if len(continues) > 0 {
		fmt.Fprintf(&b, "    linkStyle %s stroke-dasharray:2 3\n", strings.Join(continues, ","))
	}
	if len(onPath) > 0 {
		fmt.Fprintf(&b, "    linkStyle %s stroke:%s,stroke-width:3px\n", strings.Join(onPath, ","), pathColour)
	}
	return b.String()
}

// mermaidID turns a phase id ([a-z0-9-]) into a Mermaid node id.
func mermaidID(id string) string {
	var b strings.Builder
	b.WriteString("p_")
	for _, r := range id {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		} else if r == '-' || r == '_' {
			b.WriteByte('_')
		} else {
			fmt.Fprintf(&b, "_%x_", r) // not in a valid id; kept distinct anyway
		}
	}
	return b.String()
}

// mermaidText makes s safe inside a quoted Mermaid label: characters with a
// meaning to Mermaid or to the HTML it produces become entity codes
// (Mermaid's #name; / #code; form), line breaks become spaces.
var mermaidReplacer = strings.NewReplacer(
	"#", "#35;", `"`, "#quot;", "<", "#lt;", ">", "#gt;", "&", "#amp;",
	"|", "#124;", "`", "#96;", "\r\n", " ", "\n", " ", "\r", " ")

func mermaidText(s string) string { return mermaidReplacer.Replace(s) }

// oneLine keeps a text on one line (for comments).
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Wrap breaks a title into lines of at most width columns (a Chinese
// character counts two), between words where it can, and between Chinese
// characters otherwise. A word longer than width stays whole. The lines are
// balanced: as few as at width, but as narrow as that allows, so that no
// last line holds a lone word or character.
func Wrap(s string, width int) []string {
	best := wrapGreedy(s, width)
	n, bestGood := len(best), goodBreaks(best)
	for w := width - 1; w > 0; w-- {
		l := wrapGreedy(s, w)
		if len(l) > n {
			break
		}
		// Narrower is better unless it breaks Chinese text inside a
		// phrase where a wider wrap broke after punctuation.
		if g := goodBreaks(l); g >= bestGood {
			best, bestGood = l, g
		}
	}
	return best
}

// goodBreaks counts the lines (but the last) that end at a word's end or
// after punctuation, not between two Chinese characters of a phrase.
func goodBreaks(lines []string) int {
	n := 0
	for _, l := range lines[:len(lines)-1] {
		r := []rune(l)
		if last := r[len(r)-1]; runeWidth(last) == 1 || noBreakBefore(last) {
			n++
		}
	}
	return n
}

func wrapGreedy(s string, width int) []string {
	var lines []string
	var cur []rune
	curW := 0
	lastBreak := -1 // index in cur after which a break may go (a space or a wide rune)
	lastPunct := -1 // index in cur of the last punctuation mark a line may end with
	flush := func(upto int) {
		line := strings.TrimSpace(string(cur[:upto]))
		if line != "" {
			lines = append(lines, line)
		}
		rest := []rune(strings.TrimLeft(string(cur[upto:]), " "))
		cur, curW, lastBreak, lastPunct = rest, 0, -1, -1
		for i, r := range cur {
			curW += runeWidth(r)
			if r == ' ' || runeWidth(r) == 2 {
				lastBreak = i
			}
			if noBreakBefore(r) {
				lastPunct = i
			}
		}
	}
	for _, r := range oneLine(s) {
		w := runeWidth(r)
		if curW+w > width && len(cur) > 0 {
			switch {
			case noBreakBefore(r):
				// "，" or "：" stays on its line, a little over width.
			case w == 2 && lastPunct >= 0 && 2*(lastPunct+1) >= len(cur):
				// Chinese reads best broken after a "：" or "，" that is
				// not far back, rather than inside a word.
				flush(lastPunct + 1)
			case w == 2 || r == ' ':
				flush(len(cur))
			case lastBreak >= 0:
				if cur[lastBreak] == ' ' {
					flush(lastBreak)
				} else {
					flush(lastBreak + 1)
				}
			}
		}
		if r == ' ' && len(cur) == 0 {
			continue
		}
		cur = append(cur, r)
		curW += w
		if r == ' ' || w == 2 {
			lastBreak = len(cur) - 1
		}
		if noBreakBefore(r) {
			lastPunct = len(cur) - 1
		}
	}
	flush(len(cur))
	if len(lines) == 0 {
		return []string{""}
	}
	return lines
}

// noBreakBefore is punctuation that must not start a line.
func noBreakBefore(r rune) bool {
	return strings.ContainsRune("，。、：；！？）」』》〉”’,.:;!?)]}", r)
}

// runeWidth is 2 for East Asian wide characters, 1 otherwise.
func runeWidth(r rune) int {
	switch {
	case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r),
		unicode.Is(unicode.Hangul, r),
		r >= 0x3000 && r <= 0x303f, // CJK punctuation
		r >= 0xff00 && r <= 0xff60, // full-width forms
		r >= 0xffe0 && r <= 0xffe6:
		return 2
	}
	return 1
}
