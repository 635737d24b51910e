package scenario

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// formatArg is, for each function that makes a finding or a part of one,
// the index of its format argument.
var formatArg = map[string]int{
	"add":        2, // l.add(pos, severity, format, args...)
	"errf":       1, // l.errf(node, format, args...)
	"newProblem": 3, // newProblem(file, pos, severity, format, args...)
	"phrase":     0, // phrase(format, args...)
	"langErr":    1, // langErr(offset, format, args...)
	"refuse":     0, // refuse(format, args...) in checkNode
}

// findingFormats reads the package's source and returns every format a
// finding (or a phrase in one) is made from, with where it is used. A
// format that is not a string literal is an error, except a helper
// passing its own format parameter on.
func findingFormats(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	out := map[string]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var fn string
			switch x := call.Fun.(type) {
			case *ast.Ident:
				fn = x.Name
			case *ast.SelectorExpr:
				if id, ok := x.X.(*ast.Ident); ok && id.Name == "l" {
					fn = x.Sel.Name
				}
			}
			i, ok := formatArg[fn]
			if !ok || len(call.Args) <= i {
				return true
			}
			where := fset.Position(call.Pos()).String()
			switch a := call.Args[i].(type) {
			case *ast.BasicLit:
				if a.Kind == token.STRING {
					s, err := strconv.Unquote(a.Value)
					if err != nil {
						t.Fatalf("%s: %v", where, err)
					}
					out[s] = where
					return true
				}
			case *ast.Ident:
				if a.Name == "format" {
					return true // a helper handing its format on
				}
			}
			t.Errorf("%s: the format of %s is not a string literal, so its translation cannot be checked", where, fn)
			return true
		})
	}
	// Messages of the expression language taken literally.
	for op, msg := range refusedOperators {
		out[msg] = "refusedOperators[" + strconv.Quote(op) + "]"
	}
	return out
}

// TestEveryFindingFormatHasChinese fails when a finding, or a phrase in
// one, is made from an English format that has no Chinese in findingsZh:
// it would reach a Chinese reader in English.
func TestEveryFindingFormatHasChinese(t *testing.T) {
	formats := findingFormats(t)
	if len(formats) < 100 {
		t.Fatalf("found only %d formats; is the source reader broken?", len(formats))
	}
	var missing []string
	for f, where := range formats {
		if _, ok := findingsZh[f]; !ok {
			missing = append(missing, where+": "+strconv.Quote(f))
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("no Chinese for %s", m)
	}
	for f := range findingsZh {
		if _, ok := formats[f]; !ok && f != "%s" { // "%s" is field()
			t.Errorf("findingsZh has %q, which no finding uses any more", f)
		}
	}
	t.Logf("%d formats, all translated", len(formats))
}

// verbRe matches a formatting verb, with an optional explicit argument index.
var verbRe = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*(?:\d+)?(?:\.\d+)?([a-zA-Z%])`)

// verbs returns the verbs of a format by the argument they format (from
// 1), as "index:verb", sorted.
func verbs(format string) []string {
	var out []string
	next := 1
	for _, m := range verbRe.FindAllStringSubmatch(format, -1) {
		if m[2] == "%" {
			continue
		}
		i := next
		if m[1] != "" {
			i, _ = strconv.Atoi(m[1])
		}
		out = append(out, strconv.Itoa(i)+":"+m[2])
		next = i + 1
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// quotedRe matches what a Chinese message may keep in ASCII: quoted values,
// verbs, and `code`.
var quotedRe = regexp.MustCompile(`"[^"]*"|“[^”]*”|'[^']*'|%(?:\[\d+\])?[-+# 0]*[a-zA-Z]`)

var englishWordRe = regexp.MustCompile(`[A-Za-z]{2,}`)

var englishRunRe = regexp.MustCompile(`[A-Za-z]+(?:[ ,]+[A-Za-z]+){2,}`)

// TestChineseFindingsKeepArgumentsAndAreChinese checks each translation: it
// formats the same arguments with the same verbs as the English, it is
// Chinese (no run of three English words outside quotes), and it uses
// full-width punctuation between Chinese characters.
func TestChineseFindingsKeepArgumentsAndAreChinese(t *testing.T) {
	literal := map[string]bool{}
	for _, msg := range refusedOperators {
		literal[msg] = true
	}
	halfWidth := regexp.MustCompile(`\p{Han}[,;:?!()]|[,;:?!(]\p{Han}`)
	for en, zh := range findingsZh {
		if !literal[en] {
			if got, want := verbs(zh), verbs(en); !slices.Equal(got, want) {
				t.Errorf("%q: Chinese formats %v, English %v", en, got, want)
			}
		}
		rest := quotedRe.ReplaceAllString(zh, "")
		if m := englishRunRe.FindString(rest); m != "" {
			t.Errorf("%q: Chinese %q has English words %q", en, zh, m)
		}
		hasWords := englishWordRe.MatchString(verbRe.ReplaceAllString(en, ""))
		if hasWords && !strings.ContainsFunc(zh, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			t.Errorf("%q: Chinese %q has no Chinese", en, zh)
		}
		if m := halfWidth.FindString(zh); m != "" {
			t.Errorf("%q: Chinese %q has half-width punctuation at %q", en, zh, m)
		}
	}
}

// TestFindingsRenderInChinese renders real findings, phrases and all, in
// Chinese: every argument is filled in, the nested phrases (phase "x",
// "; did you mean …", durations) are Chinese too, and English stays the Msg.
func TestFindingsRenderInChinese(t *testing.T) {
	cases := []struct{ from, to, want string }{
		{"    injects:\n", "    injectz:\n", `阶段 "start" 中有未知字段 "injectz"；是否应为 "injects"？`},
		{"target: 5m", "target: 15m", `决策 "d1" 的目标时限 15分晚于其截止时间 10分；目标时限必须在前`},
		{"effects: {attention: -5}", "effects: {atention: -5}", `effects 中的 "atention" 不是局势变量；是否应为 "attention"？`},
		{"at: 1m", "at: 45m", "定于 45分的注入永远不会到达：情景只持续 30分"},
		{"duration: 30m", "duration: half an hour", `duration "half an hour" 不是时长`},
		{"next: end}\n  end:", "next: ned}\n  end:", `决策 "d1" 的 on_timeout 指向的阶段 "ned" 不存在；是否应为 "end"？`},
		{"on_timeout: {next: end}", "on_timeout: {next: end, routes: [{when: \"attention > 5\", next: nowhere}]}", `决策 "d1" 的 on_timeout 的一条路线指向的阶段 "nowhere" 不存在`},
		{"attention: {start: 10, min: 0, max: 100}", "attention: {min: 10, max: 100}", `局势变量 "attention" 需要起始值（start）`},
		{"effects: {attention: -5}", `effects: {attention: "attention.x"}`, `对 attention 的影响 "attention.x"：表达式语言中没有成员访问（a.b）（第 10 个字符处）`},
		{"languages: [en, zh]", "languages: [en, [zh]]", "语言必须是单个值，而不是列表"},
		{"  end:\n", "  end: [\n", "YAML 语法错误："},
		{"      - at: 1m\n", "      - at: 1m\n        promt: x\n", `阶段 "start" 的第 1 条注入中有未知字段 "promt"`},
	}
	for _, c := range cases {
		src := strings.Replace(base, c.from, c.to, 1)
		if src == base {
			t.Fatalf("%q not found", c.from)
		}
		_, probs := Parse("t.yaml", []byte(src))
		if len(probs) == 0 {
			t.Fatalf("%q: no findings", c.to)
		}
		var zh []string
		for _, p := range probs {
			if got := p.Text("en"); got != p.Msg {
				t.Errorf("English Text %q, Msg %q", got, p.Msg)
			}
			z := p.Text("zh")
			if strings.Contains(z, "%!") {
				t.Errorf("%q renders badly in Chinese: %q", p.Format, z)
			}
			if p.Format == "" || !strings.ContainsFunc(z, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
				t.Errorf("%q is not Chinese: %q", p.Msg, z)
			}
			zh = append(zh, z)
		}
		if joined := strings.Join(zh, "\n"); !strings.Contains(joined, c.want) {
			t.Errorf("%q: want a Chinese finding containing\n  %s\ngot\n  %s", c.to, c.want, joined)
		}
	}
}
