package scenario

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/parser/lexer"
	"github.com/expr-lang/expr/vm"
)

// MaxExprLength bounds an expression's source.
const MaxExprLength = 500

// Names every expression can use besides the world variables. Their values
// come from the team's state when the engine evaluates the expression.
var exprBuiltins = map[string]any{
	"minutes":   0.0,        // exercise minutes elapsed
	"decisions": 0.0,        // decisions the team has taken
	"timeouts":  0.0,        // deadlines the team has missed
	"silent":    true,       // the team has said nothing in public yet
	"phase":     "",         // the team's current phase id
	"claims":    []string{}, // the claims the team has made in public
	"posts":     0.0,        // posts the team has published on the channels
	"said":      []string{}, // what the judge found in the team's posts (Findings)
}

// allowedFuncs are the expr-lang builtins a scenario may call.
var allowedFuncs = []string{"abs", "min", "max", "round", "floor", "ceil"}

// BuiltinNames lists the names expressions may use besides world variables.
func BuiltinNames() []string {
	out := make([]string, 0, len(exprBuiltins))
	for k := range exprBuiltins {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Expr is a compiled condition or effect, checked against the scenario's
// world variables when the scenario loads: a misspelt name is a lint error,
// not a surprise in front of a room.
type Expr struct {
	Src   string
	Pos   Pos
	prog  *vm.Program
	names []string // the names it reads, sorted
}

// ReadByExpr reports whether some expression of the scenario reads name (a
// world variable or one of BuiltinNames): the engine leaves the others out
// of the environment it evaluates them in. A scenario not made by Parse
// answers true.
func (s *Scenario) ReadByExpr(name string) bool {
	return s.exprReads == nil || s.exprReads[name]
}

// Reads lists the names the expression reads (world variables and the
// names above), sorted. The engine re-evaluates a condition only when one
// of them has changed, or, for "minutes", as time passes.
func (e *Expr) Reads() []string { return e.names }

// ReadsClock reports whether the expression reads "minutes": only such a
// condition can change while nothing happens to the team.
func (e *Expr) ReadsClock() bool { return slices.Contains(e.names, "minutes") }

// exprNames returns the identifiers src reads, sorted and without repeats.
func exprNames(src string) []string {
	tree, err := parser.Parse(src)
	if err != nil {
		return nil
	}
	var out []string
	ast.Walk(&tree.Node, nameCollector{&out})
	sort.Strings(out)
	return slices.Compact(out)
}

type nameCollector struct{ out *[]string }

func (c nameCollector) Visit(n *ast.Node) {
	if id, ok := (*n).(*ast.IdentifierNode); ok {
		*c.out = append(*c.out, id.Value)
	}
}

// Env is what an expression sees.
type Env map[string]any

func checkEnv(vars map[string]bool) map[string]any {
	env := make(map[string]any, len(vars)+len(exprBuiltins))
	for k, v := range exprBuiltins {
		env[k] = v
	}
	for v := range vars {
		env[v] = 0.0
	}
	return env
}

// compileExpr compiles src as a boolean condition (asBool) or a number.
func compileExpr(src string, vars map[string]bool, asBool bool) (*vm.Program, error) {
	if len(src) > MaxExprLength {
		return nil, &phraseError{phrase("expression is longer than %d characters", MaxExprLength)}
	}
	// A small language: arithmetic, comparisons, logic and a few numeric
	// functions, exactly as docs/scenario-format.md describes it. expr-lang
	// parses more (ranges, pipes, predicates such as count or all, member
	// access …) whatever builtins are disabled, so the source is held to
	// the documented language first: a condition cannot loop or build large
	// values, and what lint accepts is what the docs promise.
	if err := checkLanguage(src); err != nil {
		return nil, err
	}
	opts := []expr.Option{expr.Env(checkEnv(vars)), expr.MaxNodes(200), expr.DisableAllBuiltins()}
	for _, name := range allowedFuncs {
		opts = append(opts, expr.EnableBuiltin(name))
	}
	if asBool {
		opts = append(opts, expr.AsBool())
	} else {
		opts = append(opts, expr.AsFloat64())
	}
	prog, err := expr.Compile(src, opts...)
	if err != nil {
		return nil, cleanExprError(err)
	}
	return prog, nil
}

// cleanExprError keeps the first line of expr's message: the rest is a
// source excerpt that would break the file:line:col: message format.
func cleanExprError(err error) error {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return fmt.Errorf("%s", msg)
}

// Bool evaluates a condition.
func (e *Expr) Bool(env Env) (bool, error) {
	out, err := expr.Run(e.prog, map[string]any(env))
	if err != nil {
		return false, fmt.Errorf("%s: %w", e.Src, err)
	}
	b, _ := out.(bool)
	return b, nil
}

// Float evaluates a number.
func (e *Expr) Float(env Env) (float64, error) {
	out, err := expr.Run(e.prog, map[string]any(env))
	if err != nil {
		return 0, fmt.Errorf("%s: %w", e.Src, err)
	}
	f, _ := out.(float64)
	return f, nil
}

// LanguageError is an expression that uses something outside the documented
// expression language. Offset is the 0-based character offset in the
// expression where it starts.
type LanguageError struct {
	Offset int
	Msg    string
	why    Phrase // Msg as a Phrase, for Text
}

// langErr is a LanguageError at offset whose message is format and args.
func langErr(offset int, format string, args ...any) *LanguageError {
	p := phrase(format, args...)
	return &LanguageError{Offset: offset, Msg: p.String(), why: p}
}

func (e *LanguageError) Error() string {
	return fmt.Sprintf("%s (at character %d)", e.Msg, e.Offset+1)
}

// Text is the error in lang (see Phrase.Text).
func (e *LanguageError) Text(lang string) string {
	why := e.why
	if why.Format == "" {
		why = Phrase{Format: e.Msg}
	}
	return phrase("%s (at character %d)", why, e.Offset+1).Text(lang)
}

// allowedOperators are the operator tokens of the documented language.
var allowedOperators = []string{"+", "-", "*", "/", "^", "==", "!=", "<", "<=", ">", ">=",
	"and", "or", "not", "&&", "||", "!", "in", "?", ":", ","}

// refusedOperators explains the operators expr-lang knows and the scenario
// language does not.
var refusedOperators = map[string]string{
	"..":         "ranges (a..b) are not part of the expression language",
	"|":          "pipes (|) are not part of the expression language; call the function directly, like abs(x)",
	"**":         "** is not an operator of the expression language; write powers with ^",
	"%":          "the remainder operator % is not part of the expression language",
	"??":         "the ?? operator is not part of the expression language",
	".":          "member access (a.b) is not part of the expression language",
	"?.":         "member access (a?.b) is not part of the expression language",
	";":          "sequences (;) are not part of the expression language",
	"#":          "# is not part of the expression language",
	"let":        "variables (let) are not part of the expression language",
	"if":         "if/else is not part of the expression language; write cond ? a : b",
	"else":       "if/else is not part of the expression language; write cond ? a : b",
	"matches":    "matches is not an operator of the expression language; compare with == or in",
	"contains":   "contains is not an operator of the expression language; compare with == or in",
	"startsWith": "startsWith is not an operator of the expression language; compare with == or in",
	"endsWith":   "endsWith is not an operator of the expression language; compare with == or in",
}

// checkLanguage refuses what expr-lang parses but the documented language
// does not have. Syntax errors are left to the compiler, which reports them.
func checkLanguage(src string) error {
	tokens, err := lexer.Lex(file.NewSource(src))
	if err != nil {
		return nil // a syntax error: expr.Compile says which
	}
	runes := []rune(src)
	prev := 0
	for i, t := range tokens {
		// Between tokens there may only be spaces: no comments.
		for i := prev; i < t.From && i < len(runes); i++ {
			if !unicode.IsSpace(runes[i]) {
				return langErr(i, "comments are not part of the expression language")
			}
		}
		if t.Kind != lexer.EOF {
			prev = t.To + 1
		}
		switch t.Kind {
		case lexer.Identifier:
			if i+1 < len(tokens) && tokens[i+1].Is(lexer.Bracket, "(") && !slices.Contains(allowedFuncs, t.Value) {
				return langErr(t.From, "%s() is not a function of the expression language; the functions are %s", t.Value, strings.Join(allowedFuncs, ", "))
			}
		case lexer.Operator:
			if msg, ok := refusedOperators[t.Value]; ok {
				return &LanguageError{Offset: t.From, Msg: msg, why: Phrase{Format: msg}}
			}
			if !slices.Contains(allowedOperators, t.Value) {
				return langErr(t.From, "%q is not an operator of the expression language", t.Value)
			}
		case lexer.Bracket:
			if t.Value == "{" || t.Value == "}" {
				return langErr(t.From, "braces ({ }) are not part of the expression language")
			}
		case lexer.Bytes:
			return langErr(t.From, "byte strings are not part of the expression language; write text in quotes")
		}
	}
	tree, err := parser.Parse(src)
	if err != nil {
		return nil // expr.Compile reports the syntax error
	}
	return checkNode(tree.Node, false)
}

// checkNode allows the node types of the documented language. inList is
// true for the right side of `in`, where a list [a, b] may stand.
func checkNode(n ast.Node, inList bool) error {
	refuse := func(format string, args ...any) error { return langErr(n.Location().From, format, args...) }
	refuseLiteral := func(msg string) error {
		return &LanguageError{Offset: n.Location().From, Msg: msg, why: Phrase{Format: msg}}
	}
	switch n := n.(type) {
	case *ast.IdentifierNode, *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.StringNode:
		return nil
	case *ast.UnaryNode:
		return checkNode(n.Node, false)
	case *ast.BinaryNode:
		if !slices.Contains(allowedOperators, n.Operator) {
			if msg, ok := refusedOperators[n.Operator]; ok {
				return refuseLiteral(msg)
			}
			return refuse("%q is not an operator of the expression language", n.Operator)
		}
		if err := checkNode(n.Left, false); err != nil {
			return err
		}
		return checkNode(n.Right, n.Operator == "in")
	case *ast.ConditionalNode:
		if !n.Ternary {
			return refuse("if/else is not part of the expression language; write cond ? a : b")
		}
		for _, c := range []ast.Node{n.Cond, n.Exp1, n.Exp2} {
			if err := checkNode(c, false); err != nil {
				return err
			}
		}
		return nil
	case *ast.ArrayNode:
		if !inList {
			return refuse("a list [ … ] may only follow in, as in phase in [\"a\", \"b\"]")
		}
		for _, c := range n.Nodes {
			if err := checkNode(c, false); err != nil {
				return err
			}
		}
		return nil
	case *ast.BuiltinNode:
		if !slices.Contains(allowedFuncs, n.Name) {
			return refuse("%s() is not a function of the expression language; the functions are %s", n.Name, strings.Join(allowedFuncs, ", "))
		}
		for _, c := range n.Arguments {
			if err := checkNode(c, false); err != nil {
				return err
			}
		}
		return nil
	case *ast.CallNode:
		name := "this"
		if id, ok := n.Callee.(*ast.IdentifierNode); ok {
			name = id.Value + "()"
		}
		return refuse("%s is not a function of the expression language; the functions are %s", name, strings.Join(allowedFuncs, ", "))
	case *ast.MemberNode, *ast.ChainNode:
		return refuse("member access and indexing (a.b, a[0]) are not part of the expression language")
	case *ast.SliceNode:
		return refuse("slices (a[1:2]) are not part of the expression language")
	case *ast.NilNode:
		return refuse("nil is not part of the expression language")
	case *ast.MapNode, *ast.PairNode:
		return refuse("maps ({a: 1}) are not part of the expression language")
	}
	return refuse("this is not part of the expression language")
}

// saidLiterals returns the strings src tests against said ("denial" in
// said), so lint can check them against the judge's findings.
func saidLiterals(src string) []string {
	tree, err := parser.Parse(src)
	if err != nil {
		return nil
	}
	var out []string
	ast.Walk(&tree.Node, saidCollector{&out})
	return out
}

type saidCollector struct{ out *[]string }

func (c saidCollector) Visit(n *ast.Node) {
	b, ok := (*n).(*ast.BinaryNode)
	if !ok || b.Operator != "in" {
		return
	}
	if id, ok := b.Right.(*ast.IdentifierNode); !ok || id.Value != "said" {
		return
	}
	if s, ok := b.Left.(*ast.StringNode); ok {
		*c.out = append(*c.out, s.Value)
	}
}
