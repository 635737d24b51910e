package graph

import (
	"strconv"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"

	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Readable labels are for the app's branch map, where a person reads the
// map in the UI language and no scenario id may show: an option edge
// carries a short form of the option's text, a phase with several deciding
// decisions numbers them (the node lists their questions), and a route's
// condition is written in words. The DOT and Mermaid exports keep the ids
// an author asks for (Options.OptionText aside).

// Short label budgets, in columns (a Chinese character takes two).
const (
	shortOption   = 36 // an option edge's label
	shortQuestion = 48 // a decision's question in its phase's box
	shortClaim    = 28 // what a claim says, inside a condition
	shortWhen     = 72 // a route's condition on its edge (in full in Edge.Full)
)

// Short shortens a scenario text to at most width columns (a Chinese
// character counts two) on one line: whole clauses when the first ones fit
// and say enough (at least 60% of width), else cut at a word boundary
// (English) or between characters (Chinese, never before closing
// punctuation), with an ellipsis. A text that fits is returned whole.
func Short(s string, width int) string {
	s = oneLine(s)
	if textWidth(s) <= width || width < 2 {
		return s
	}
	rs := []rune(s)
	// The widest run of whole clauses that fits, ending at a clause mark.
	bestClause := -1
	w := 0
	for i, r := range rs {
		w += runeWidth(r)
		if w > width-1 {
			break
		}
		if clauseEnd(rs, i) {
			bestClause = i
		}
	}
	if bestClause >= 0 && textWidth(string(rs[:bestClause])) >= width*6/10 {
		return trimEnd(string(rs[:bestClause])) + "…"
	}
	// Cut at the last break that fits, leaving a column for the ellipsis.
	cut, w := 0, 0
	for i, r := range rs {
		if w+runeWidth(r) > width-1 {
			break
		}
		w += runeWidth(r)
		switch {
		case r == ' ':
			cut = i
		case runeWidth(r) == 2 && (i+1 >= len(rs) || !noBreakBefore(rs[i+1])):
			cut = i + 1
		}
	}
	if cut == 0 { // one long word: cut inside it
		cut = 0
		w = 0
		for i, r := range rs {
			if w+runeWidth(r) > width-1 {
				cut = i
				break
			}
			w += runeWidth(r)
		}
	}
	return trimEnd(string(rs[:cut])) + "…"
}

// clauseEnd reports whether rs[i] ends a clause: Chinese ，。；：！？ or
// Latin , ; : . ! ? before a space.
func clauseEnd(rs []rune, i int) bool {
	if strings.ContainsRune("，。；：！？", rs[i]) {
		return true
	}
	return strings.ContainsRune(",;:.!?", rs[i]) && i+1 < len(rs) && rs[i+1] == ' '
}

func trimEnd(s string) string { return strings.TrimRight(s, " ,;:.，、；：。") }

func textWidth(s string) int {
	w := 0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

// question is a decision's prompt as its phase's box names it: its first
// question (the sentence ending in ? or ？), shortened.
func question(prompt string) string {
	s := oneLine(prompt)
	start := 0
	rs := []rune(s)
	for i, r := range rs {
		end := strings.ContainsRune("。？！?!", r) || (r == '.' && i+1 < len(rs) && rs[i+1] == ' ')
		if !end {
			continue
		}
		if r == '?' || r == '？' {
			return Short(strings.TrimSpace(string(rs[start:i+1])), shortQuestion)
		}
		start = i + 1
	}
	return Short(s, shortQuestion)
}

// numbered is the mark of a phase's n-th decision: "(1)", "（1）".
func numbered(loc *i18n.Localizer, n int) string {
	return loc.T("graph.mark", "n", n)
}

// deciding lists the decisions of p that move a team (an option or the
// timeout leads somewhere): only those label edges.
func deciding(p *scenario.Phase) []*scenario.Decision {
	var out []*scenario.Decision
	for _, d := range p.Decisions {
		moves := d.OnTimeout != nil && (d.OnTimeout.Next != "" || len(d.OnTimeout.Routes) > 0)
		for _, o := range d.Options {
			if o.Next != "" || len(o.Routes) > 0 {
				moves = true
			}
		}
		if moves {
			out = append(out, d)
		}
	}
	return out
}

// condition writes a route's condition in words in the localizer's
// language: world variables by their labels, comparisons in words ("at
// most", "不超过"; the bundled fonts have no ≤ ≥ ≠),
// and/or/not as words, a claim by what the option that makes it says, a
// phase by its title. What it cannot name becomes a phrase, never an id.
func condition(sc *scenario.Scenario, loc *i18n.Localizer, src string) string {
	tree, err := parser.Parse(src)
	if err != nil {
		return loc.T("graph.when.unknown")
	}
	w := worder{sc: sc, loc: loc, lang: loc.Lang().String()}
	return w.node(tree.Node, 0)
}

type worder struct {
	sc   *scenario.Scenario
	loc  *i18n.Localizer
	lang string
}

// Precedences, for parentheses: a child binds weaker than its parent.
func precedence(op string) int {
	switch op {
	case "or", "||":
		return 1
	case "and", "&&":
		return 2
	case "==", "!=", "<", "<=", ">", ">=", "in":
		return 4
	case "+", "-":
		return 5
	case "*", "/":
		return 6
	case "^":
		return 7
	}
	return 8
}

func (w worder) paren(s string, inner, outer int) string {
	if inner < outer {
		if w.lang == "zh" {
			return "（" + s + "）"
		}
		return "(" + s + ")"
	}
	return s
}

// symbols write arithmetic; comparisons are words (graph.when.lt …): the
// bundled fonts have no ≤ ≥ ≠.
var symbols = map[string]string{"+": "+", "-": "-", "*": "×", "/": "÷", "^": "^"}

var comparisons = map[string]string{"==": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge"}

// node writes n; outer is the precedence of the operator it stands in.
func (w worder) node(n ast.Node, outer int) string {
	switch n := n.(type) {
	case *ast.BoolNode:
		if n.Value {
			return w.loc.T("graph.when.true")
		}
		return w.loc.T("graph.when.false")
	case *ast.IntegerNode:
		return strconv.Itoa(n.Value)
	case *ast.FloatNode:
		return strconv.FormatFloat(n.Value, 'f', -1, 64)
	case *ast.IdentifierNode:
		return w.name(n.Value)
	case *ast.UnaryNode:
		switch n.Operator {
		case "not", "!":
			if id, ok := n.Node.(*ast.IdentifierNode); ok && id.Value == "silent" {
				return w.loc.T("graph.when.spoken")
			}
			if b, ok := n.Node.(*ast.BinaryNode); ok && b.Operator == "in" {
				if s, ok := w.in(b, true); ok {
					return s
				}
			}
			return w.loc.T("graph.when.not", "x", w.node(n.Node, 9))
		case "-":
			return "-" + w.node(n.Node, 9)
		}
		return w.node(n.Node, outer)
	case *ast.BinaryNode:
		p := precedence(n.Operator)
		switch n.Operator {
		case "and", "&&":
			return w.paren(w.loc.T("graph.when.and", "a", w.node(n.Left, p), "b", w.node(n.Right, p)), p, outer)
		case "or", "||":
			return w.paren(w.loc.T("graph.when.or", "a", w.node(n.Left, p), "b", w.node(n.Right, p)), p, outer)
		case "in":
			if s, ok := w.in(n, false); ok {
				return w.paren(s, p, outer)
			}
		case "not in":
			if s, ok := w.in(n, true); ok {
				return w.paren(s, p, outer)
			}
		}
		if n.Operator == "==" || n.Operator == "!=" {
			if s, ok := w.phaseIs(n); ok {
				return w.paren(s, p, outer)
			}
		}
		if cmp, ok := comparisons[n.Operator]; ok {
			return w.paren(w.loc.T("graph.when."+cmp, "a", w.node(n.Left, p+1), "b", w.node(n.Right, p+1)), p, outer)
		}
		if sym, ok := symbols[n.Operator]; ok {
			if w.lang != "zh" { // Chinese sets numbers and signs without spaces
				sym = " " + sym + " "
			}
			return w.paren(w.node(n.Left, p)+sym+w.node(n.Right, p+1), p, outer)
		}
	case *ast.BuiltinNode:
		args := make([]string, len(n.Arguments))
		for i, a := range n.Arguments {
			args[i] = w.node(a, 0)
		}
		sep := ", "
		if w.lang == "zh" {
			sep = "、"
		}
		key := "graph.when.fn." + n.Name
		if s := w.loc.T(key, "x", strings.Join(args, sep)); s != key {
			return s
		}
	case *ast.ConditionalNode:
		return w.paren(w.loc.T("graph.when.ternary", "cond", w.node(n.Cond, 1), "a", w.node(n.Exp1, 1), "b", w.node(n.Exp2, 1)), 0, outer)
	}
	return w.loc.T("graph.when.value")
}

// name is an identifier in words: a world variable's label or a built-in
// name's phrase.
func (w worder) name(id string) string {
	for _, v := range w.sc.World {
		if v.ID == id {
			if s := v.Label.Get(w.lang); s != "" {
				return plainLabel(s)
			}
			return w.loc.T("graph.when.value")
		}
	}
	switch id {
	case "minutes", "decisions", "timeouts", "silent", "posts", "phase", "claims", "said":
		return w.loc.T("graph.when." + id)
	}
	return w.loc.T("graph.when.value")
}

// plainLabel drops a label's trailing explanation in brackets ("Legal
// exposure (claims, lawsuits, fines)" reads "Legal exposure"), so a
// condition stays short.
func plainLabel(s string) string {
	for _, open := range []string{" (", "（", "("} {
		if i := strings.Index(s, open); i > 0 && (strings.HasSuffix(s, ")") || strings.HasSuffix(s, "）")) {
			return strings.TrimSpace(s[:i])
		}
	}
	return s
}

// in writes `"x" in claims`, `"x" in said` and `phase in [...]` (negated
// for not in).
func (w worder) in(n *ast.BinaryNode, not bool) (string, bool) {
	neg := ""
	if not {
		neg = "_not"
	}
	if right, ok := n.Right.(*ast.IdentifierNode); ok {
		lit, isLit := n.Left.(*ast.StringNode)
		switch right.Value {
		case "claims":
			what := w.loc.T("graph.when.some_claim")
			if isLit {
				what = w.claim(lit.Value)
			}
			return w.loc.T("graph.when.claimed"+neg, "what", what), true
		case "said":
			return w.loc.T("graph.when.found" + neg), true
		}
	}
	if left, ok := n.Left.(*ast.IdentifierNode); ok && left.Value == "phase" {
		if arr, ok := n.Right.(*ast.ArrayNode); ok {
			var titles []string
			for _, e := range arr.Nodes {
				titles = append(titles, w.phaseTitle(e))
			}
			sep := ", "
			if w.lang == "zh" {
				sep = "、"
			}
			return w.loc.T("graph.when.phase_in"+neg, "phases", strings.Join(titles, sep)), true
		}
	}
	return "", false
}

// phaseIs writes phase == "x" (or !=).
func (w worder) phaseIs(n *ast.BinaryNode) (string, bool) {
	l, r := n.Left, n.Right
	if id, ok := r.(*ast.IdentifierNode); ok && id.Value == "phase" {
		l, r = r, l
	}
	if id, ok := l.(*ast.IdentifierNode); !ok || id.Value != "phase" {
		return "", false
	}
	key := "graph.when.phase_is"
	if n.Operator == "!=" {
		key = "graph.when.phase_is_not"
	}
	return w.loc.T(key, "phase", w.phaseTitle(r)), true
}

// phaseTitle is a phase (a string literal) by its title.
func (w worder) phaseTitle(n ast.Node) string {
	if s, ok := n.(*ast.StringNode); ok {
		if p := w.sc.Phase(s.Value); p != nil {
			if t := p.Title.Get(w.lang); t != "" {
				return w.loc.T("graph.when.quoted", "x", Short(t, shortClaim))
			}
		}
	}
	return w.loc.T("graph.when.a_phase")
}

// claim names a claim by what the first option that makes it says.
func (w worder) claim(id string) string {
	for _, p := range w.sc.Phases {
		for _, d := range p.Decisions {
			for _, o := range d.Options {
				for _, c := range o.Claims {
					if c == id {
						if t := o.Text.Get(w.lang); t != "" {
							return w.loc.T("graph.when.quoted", "x", Short(t, shortClaim))
						}
					}
				}
			}
		}
	}
	return w.loc.T("graph.when.some_claim")
}

// sameShort reports whether another option of d shortens to the same label
// as o: those two get a longer one.
func sameShort(d *scenario.Decision, o *scenario.Option, lang string) bool {
	mine := Short(o.Text.Get(lang), shortOption)
	for _, x := range d.Options {
		if x != o && Short(x.Text.Get(lang), shortOption) == mine {
			return true
		}
	}
	return false
}

// Glyphs are the characters readable labels add to the scenario's and the
// translations' own text (the app's bundled font must have them).
const Glyphs = "×÷…（）、“”"
