package scenario

import (
	"fmt"
	"sort"
	"strings"

	"github.com/expr-lang/expr"
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
	Src  string
	Pos  Pos
	prog *vm.Program
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
		return nil, fmt.Errorf("expression is longer than %d characters", MaxExprLength)
	}
	// A small language: arithmetic, comparisons, logic and a few numeric
	// functions. Collection builtins (map, filter, ranges …) are off, so a
	// condition cannot loop or build large values.
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
