package scenario

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

// base is a small valid scenario; cases below break one thing at a time.
const base = `format: firebreak/1
id: t
kind: recall
title: {en: T, zh: 题}
languages: [en, zh]
duration: 30m
world:
  attention: {start: 10, min: 0, max: 100}
phases:
  start:
    injects:
      - at: 1m
        channel: social
        text: {en: Post, zh: 帖子}
        opens: d1
    decisions:
      d1:
        prompt: {en: "Say what?", zh: 说什么？}
        target: 5m
        deadline: 10m
        options:
          - {id: a, text: {en: A, zh: 甲}, scores: {transparency: 2}, effects: {attention: -5}, next: end}
          - {id: b, text: {en: B, zh: 乙}, scores: {transparency: 2}, next: end}
        on_timeout: {next: end}
  end:
    ending: {outcome: {en: Done, zh: 完}, tone: good}
`

func TestParseValid(t *testing.T) {
	s, probs := Parse("t.yaml", []byte(base))
	if s == nil || len(probs) != 0 {
		t.Fatalf("valid scenario refused: %v", probs)
	}
	d := s.Decision("d1")
	if d == nil || d.OpensAt() != time.Minute || d.Target != 5*time.Minute || d.Option("a").Scores["transparency"] != 2 {
		t.Fatalf("decision decoded wrongly: %+v", d)
	}
	if s.Phase("end").Ending.Outcome.Get("zh") != "完" || s.Title.Get("fr") != "T" {
		t.Fatal("bilingual text decoded wrongly")
	}
}

func TestParseReportsPositions(t *testing.T) {
	cases := []struct {
		name, from, to, want string
	}{
		{"unknown field", "    injects:\n", "    injectz:\n", `t.yaml:11:5: error: unknown field "injectz" in phase "start"; did you mean "injects"?`},
		{"missing phase", "next: end}\n  end:", "next: ned}\n  end:", `goes to phase "ned", which does not exist; did you mean "end"?`},
		{"target after deadline", "target: 5m", "target: 15m", `t.yaml:19:17: error: target 15m of decision "d1" is after its deadline 10m`},
		{"unknown variable", "effects: {attention: -5}", "effects: {atention: -5}", `effect on "atention", which is not a world variable; did you mean "attention"?`},
		{"missing language", "text: {en: Post, zh: 帖子}", "text: {en: Post}", `t.yaml:14:15: error: text has no "zh" text`},
		{"inject after end", "at: 1m", "at: 45m", "can never arrive: the scenario lasts 30m"},
		{"bad duration", "duration: 30m", "duration: half an hour", `"half an hour" is not a duration`},
		{"unknown channel", "channel: social", "channel: telegram", `channel "telegram" is not known`},
		{"score out of range", "scores: {transparency: 2}", "scores: {transparency: 7}", "must be a whole number from -3 to 3"},
		{"speed is not authored", "scores: {transparency: 2}", "scores: {speed: 2}", "speed is measured"},
		{"opens nothing", "opens: d1", "opens: d2", `inject opens decision "d2", which is not a decision of phase "start"`},
		{"unknown format", "format: firebreak/1", "format: firebreak/9", `it reads "firebreak/1"`},
		{"duplicate option", "{id: b,", "{id: a,", `option id "a" appears twice`},
		{"yaml syntax", "  end:\n", "  end: [\n", "YAML syntax"},
		{"alias", "  end:\n    ending: {outcome: {en: Done, zh: 完}, tone: good}\n", "  end:\n    ending: &e {outcome: {en: Done, zh: 完}, tone: good}\n", "anchors and aliases"},
		{"unreachable", "  end:\n", "  lost:\n    continue: {after: 1m, next: end}\n  end:\n", `phase "lost" is unreachable`},
		{"hyphen in variable", "  attention: {start: 10", "  media-attention: {start: 10", `world variable "media-attention" is not a valid name`},
		{"loose end", "on_timeout: {next: end}", "on_timeout: {next: limbo}\n  limbo:\n    title: x", `phase "limbo" is a loose end`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(base, c.from, c.to, 1)
			if src == base {
				t.Fatalf("test case does not change the scenario (%q not found)", c.from)
			}
			s, probs := Parse("t.yaml", []byte(src))
			if s != nil {
				t.Fatalf("broken scenario accepted; problems: %v", probs)
			}
			if !strings.Contains(probs.Error(), c.want) {
				t.Fatalf("want a message containing\n  %s\ngot\n  %s", c.want, probs.Error())
			}
			for _, p := range probs {
				if p.File != "t.yaml" {
					t.Errorf("problem without file name: %v", p)
				}
			}
		})
	}
}

func TestParseRefusesHostileInput(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	cases := map[string][]byte{
		"empty":        nil,
		"garbage":      {0xff, 0xfe, 0x00, 0x01},
		"alias bomb":   []byte(bomb),
		"huge":         []byte(strings.Repeat("#", MaxFileSize+1)),
		"deep nesting": []byte(strings.Repeat("[", 5000) + strings.Repeat("]", 5000)),
		"a list":       []byte("- 1\n- 2\n"),
		"a number":     []byte("42\n"),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			s, probs := Parse("h.yaml", data)
			if s != nil || len(probs.Errors()) == 0 {
				t.Fatalf("hostile input accepted: %v", probs)
			}
		})
	}
}

func TestLoadFileTooLarge(t *testing.T) {
	p := t.TempDir() + "/big.yaml"
	if err := os.WriteFile(p, make([]byte, MaxFileSize+10), 0o644); err != nil {
		t.Fatal(err)
	}
	_, probs, err := LoadFile(p)
	if err != nil || !strings.Contains(probs.Error(), "at most") {
		t.Fatalf("want a size refusal, got %v %v", probs, err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(base))
	f.Add([]byte(withFeed))
	f.Add([]byte(withPersonas("        persona: li\n        style: breaking\n")))
	if press, err := os.ReadFile("../engine/testdata/press.yaml"); err == nil {
		f.Add(press)
	}
	f.Add([]byte("format: firebreak/1\n"))
	f.Add([]byte("a: &a [1]\nb: *a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, probs := Parse("f.yaml", data)
		if s == nil && len(probs.Errors()) == 0 {
			t.Fatal("refused without an error")
		}
		if s != nil {
			_ = s.Count()
			for _, p := range s.Phases {
				_ = p.Next()
			}
		}
	})
}

func TestParseReportsOneProblemPerMistake(t *testing.T) {
	cases := []struct{ name, from, to, want string }{
		{"world var without start", "attention: {start: 10, min: 0, max: 100}", "attention: {min: 10, max: 100}", `world variable "attention" needs a start value`},
		{"language not a string", "languages: [en, zh]", "languages: [en, [zh]]", "language must be a single value"},
		{"bad deadline", "deadline: 10m", "deadline: soon", `"soon" is not a duration`},
		{"second document", "", "---\nid: other\n", "one YAML document"},
		{"plus minus", "effects: {attention: -5}", "effects: {attention: +-5}", "must be a number"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(base, c.from, c.to, 1)
			if c.from == "" {
				src = base + c.to
			}
			s, probs := Parse("t.yaml", []byte(src))
			if s != nil {
				t.Fatal("accepted")
			}
			if errs := probs.Errors(); len(errs) != 1 || !strings.Contains(errs[0].Msg, c.want) {
				t.Fatalf("want exactly one error containing %q, got:\n%v", c.want, errs)
			}
		})
	}
	for _, empty := range []string{"", "# only a comment\n"} {
		_, probs := Parse("e.yaml", []byte(empty))
		if !strings.Contains(probs.Error(), "file is empty") {
			t.Errorf("%q: want 'file is empty', got %v", empty, probs)
		}
	}
}

func TestParseCachedSharesCleanScenarios(t *testing.T) {
	a, _ := ParseCached("t.yaml", []byte(base))
	b, _ := ParseCached("t.yaml", []byte(base))
	if a == nil || a != b {
		t.Fatal("the same clean source should give the same loaded scenario")
	}
	broken := []byte(strings.Replace(base, "target: 5m", "target: 15m", 1))
	for range 2 {
		if s, probs := ParseCached("t.yaml", broken); s != nil || len(probs.Errors()) == 0 {
			t.Fatal("a broken source must be refused every time, with its problems")
		}
	}
}

func FuzzExpr(f *testing.F) {
	vars := map[string]bool{"attention": true, "trust": true}
	for _, s := range []string{"attention >= 80", "silent && minutes > 10", "trust * -0.1", "phase == 'denial'", "(", "attention ** 99999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, asBool := range []bool{true, false} {
			prog, err := compileExpr(src, vars, asBool)
			if err != nil {
				continue
			}
			e := &Expr{Src: src, prog: prog}
			env := Env{"attention": 50.0, "trust": 10.0, "minutes": 3.0, "decisions": 1.0, "timeouts": 0.0, "silent": true, "phase": "start"}
			if asBool {
				_, _ = e.Bool(env)
			} else {
				_, _ = e.Float(env)
			}
		}
	})
}

func TestExpressionsAreSmall(t *testing.T) {
	vars := map[string]bool{"attention": true}
	for src, ok := range map[string]bool{
		"max(attention, 10) > 20":     true,
		"abs(attention - 50) < 10":    true,
		"len(map(1..1000000, #)) > 0": false,
		"attenshun > 3":               false,
		"attention":                   false, // a number is not a condition
	} {
		if _, err := compileExpr(src, vars, true); (err == nil) != ok {
			t.Errorf("%q: compile error %v, want ok=%v", src, err, ok)
		}
	}
}

func TestLintWarnings(t *testing.T) {
	cases := []struct{ name, from, to, want string }{
		{"unscored decision", "scores: {transparency: 2}, ", "", `no option of decision "d1" carries scores`},
		{"look-alike options", "{id: b, text: {en: B, zh: 乙}", "{id: b, text: {en: A, zh: 乙}", `options "a" and "b" of decision "d1" read the same`},
		{"undeclared language", "title: {en: T, zh: 题}", "title: {en: T, zh: 题, fr: T}", `"fr" is not in the scenario's languages`},
		{"variable never changes", "effects: {attention: -5}, ", "", `world variable "attention" never changes`},
		{"no timeout", "        on_timeout: {next: end}\n", "", `decision "d1" has no on_timeout`},
		{"one option best on every axis", "zh: 乙}, scores: {transparency: 2}", "zh: 乙}, scores: {transparency: 1}", `no-dilemma: option "a" of decision "d1"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := strings.ReplaceAll(base, c.from, c.to)
			if src == base {
				t.Fatalf("%q not found", c.from)
			}
			s, probs := Parse("t.yaml", []byte(src))
			if s == nil {
				t.Fatalf("a warning must not refuse the scenario: %v", probs)
			}
			var found bool
			for _, p := range probs.Warnings() {
				found = found || strings.Contains(p.Msg, c.want)
			}
			if !found {
				t.Fatalf("want a warning containing %q, got %v", c.want, probs)
			}
		})
	}
}

// TestDominant checks what makes a decision a dilemma: an option that is as
// good on every axis and better on one is a quiz answer; a cost on a stake,
// a denial's lost speed or a false claim makes the others worth weighing.
func TestDominant(t *testing.T) {
	cases := []struct {
		name, b, extra string
		want           string // the dominant option, or ""
	}{
		{"higher score, nothing else differs", "scores: {transparency: 1}", "", "a"},
		{"equal on every axis", "scores: {transparency: 2}", "", ""},
		{"better score, but a denial earns no speed", "scores: {transparency: 3}, stance: deny", "", ""},
		{"better score, but it blames", "scores: {transparency: 3}, stance: blame", "", ""},
		{"better score and holding", "scores: {transparency: 3}, stance: hold", "", "b"},
		{"better score, but a false claim", "scores: {transparency: 3}, claims: [only-one-batch]", "false_claims: {only-one-batch: {en: Three batches, zh: 三个批次}}\n", ""},
		{"better score, but it costs a stake", "scores: {transparency: 3}", "stake", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(base, "scores: {transparency: 2}, next: end}", c.b+", next: end}", 1)
			src = strings.Replace(src, "  attention: {start: 10, min: 0, max: 100}\n", "  attention: {start: 10, min: 0, max: 100}\n"+c.extra, 1)
			if c.extra == "stake" {
				src = strings.Replace(src, "  attention: {start: 10, min: 0, max: 100}\nstake", "  attention: {start: 10, min: 0, max: 100, stake: lower}\n", 1)
			}
			s, probs := Parse("t.yaml", []byte(src))
			if s == nil {
				t.Fatalf("refused: %v", probs)
			}
			got := ""
			if o := s.Dominant(s.Decision("d1")); o != nil {
				got = o.ID
			}
			if got != c.want {
				t.Fatalf("dominant option %q, want %q (%v)", got, c.want, probs)
			}
		})
	}
}

func TestEndingTitleDropsARepeatedLabel(t *testing.T) {
	cases := map[string]string{"Ending: trust dented": "trust dented", "结局：信任受损": "信任受损", "Trust kept": "Trust kept", "Ending:": "Ending:"}
	for title, want := range cases {
		p := &Phase{ID: "end", Title: Text{"en": title}}
		if got := p.EndingTitle("en"); got != want {
			t.Errorf("EndingTitle(%q) = %q, want %q", title, got, want)
		}
	}
	if got := (&Phase{ID: "end"}).EndingTitle("en"); got != "end" {
		t.Errorf("an untitled ending reads %q, want its id", got)
	}
}

// TestZeroTimeLoopsAreRefused: a loop of continues with 'after: 0s' would
// have a team go round it forever at one instant; lint names the loop at
// the continue of its first phase in the file.
func TestZeroTimeLoopsAreRefused(t *testing.T) {
	const head = "format: firebreak/1\nid: t\ntitle: T\nlanguages: [en]\nduration: 30m\nphases:\n  start:\n    continue: {after: 1m, next: a}\n"
	const end = "  end:\n    ending: {outcome: Done}\n"
	cases := []struct{ name, phases, want string }{
		{"two phases", "  a:\n    continue: {after: 0s, next: b}\n  b:\n    continue: {after: 0s, next: a, routes: [{when: \"minutes > 20\", next: end}]}\n",
			`t.yaml:10:15: error: phases a → b → a form a loop that takes no time`},
		{"itself", "  a:\n    continue: {after: 0s, next: a, routes: [{when: \"minutes > 20\", next: end}]}\n",
			`t.yaml:10:15: error: phases a → a form a loop that takes no time`},
		{"through a route", "  a:\n    continue: {after: 0s, next: end, routes: [{when: \"minutes > 20\", next: b}]}\n  b:\n    continue: {after: 0ms, next: a}\n",
			`t.yaml:10:15: error: phases a → b → a form a loop that takes no time`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, probs := Parse("t.yaml", []byte(head+c.phases+end))
			if s != nil || !strings.Contains(probs.Error(), c.want) {
				t.Fatalf("got %v, want %q", probs, c.want)
			}
		})
	}
	// A loop that takes time, however little, is a story that moves on.
	ok := head + "  a:\n    continue: {after: 0s, next: b}\n  b:\n    continue: {after: 1s, next: a, routes: [{when: \"minutes > 20\", next: end}]}\n" + end
	if s, probs := Parse("t.yaml", []byte(ok)); s == nil {
		t.Fatalf("a loop taking 1s refused: %v", probs)
	}
}

// TestExpressionsAreTheDocumentedLanguage: expr-lang parses more than the
// scenario format documents; lint refuses the rest, at its position.
func TestExpressionsAreTheDocumentedLanguage(t *testing.T) {
	vars := map[string]bool{"attention": true}
	accepted := []string{
		"attention >= 80 and not silent", "silent && minutes > 10 || !silent", "-attention * 0.1 + 2 ^ 3 / 4 - 1 > 0",
		`phase == "denial"`, `phase in ["denial", "leak-fallout"]`, `phase not in ['a']`, `'recall-announced' in claims`,
		"abs(attention - 50) < 10", "min(attention, 10) + max(1, 2) + round(1.5) + floor(1.5) + ceil(1.5) > 0",
		"decisions + timeouts > 1 ? true : false", "attention != 3 and attention <= 4 or attention < 5",
	}
	for _, src := range accepted {
		if _, err := compileExpr(src, vars, true); err != nil {
			t.Errorf("%q is in the documented language, refused: %v", src, err)
		}
	}
	refused := map[string]string{
		"1..3 == [1, 2, 3]":          "ranges",
		"attention in 1..5":          "ranges",
		"attention | abs() > 1":      "pipes",
		"count([1, 2], # > 1) > 0":   "count() is not a function",
		"sum([1, 2]) > 0":            "sum() is not a function",
		"reduce([1], #acc + #) > 0":  "reduce() is not a function",
		"any([1], # > 0)":            "any() is not a function",
		"all([1], # > 0)":            "all() is not a function",
		"len(phase) > 0":             "len() is not a function",
		"attention % 2 > 0":          "remainder",
		"attention ** 2 > 0":         "write powers with ^",
		"claims[0] == 'x'":           "indexing",
		"minutes.foo > 1":            "member access",
		"phase matches 'a'":          "matches",
		"let x = 1; x > 0":           "let",
		"phase == nil":               "nil",
		"[1, 2] == [1, 2]":           "may only follow in",
		"attention > 1 // a comment": "comments",
		"{a: 1} == {a: 1}":           "braces",
		"phase[0:1] == 'a'":          "slices",
	}
	for src, want := range refused {
		_, err := compileExpr(src, vars, true)
		var lang *LanguageError
		if !errors.As(err, &lang) || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want a LanguageError containing %q", src, err, want)
		}
	}
	// In a scenario, the finding points at the construct itself.
	src := strings.Replace(base, "phases:\n", "rules:\n  - {every: 1m, while: \"count([1], # > 0) > 0\", effects: {attention: 1}}\nphases:\n", 1)
	_, probs := Parse("t.yaml", []byte(src))
	if want := `t.yaml:10:25: error: rule 1 while "count([1], # > 0) > 0": count() is not a function of the expression language`; !strings.Contains(probs.Error(), want) {
		t.Errorf("got %v, want %q", probs, want)
	}
}

// A YAML syntax error names the line where the broken construct starts,
// whether the YAML library's parser or its scanner found it (the parser
// counts its lines from 0, the scanner from 1).
func TestYAMLSyntaxErrorsPointAtTheirLine(t *testing.T) {
	head := "format: firebreak/1\nid: x\ntitle: {en: X}\nlanguages: [en]\nduration: 10m\n"
	for _, c := range []struct{ name, src, want string }{
		{"unclosed flow sequence (parser)", head + "world: [a\nphases: {}\n", "s.yaml:6:1: error: YAML syntax: did not find expected ',' or ']'"},
		{"unclosed flow mapping (parser)", head + "phases:\n  start: {title: x\n", "s.yaml:7:1: error: YAML syntax: did not find expected ',' or '}'"},
		{"unclosed quote (scanner)", head + "phases:\n  start:\n    title: \"open\n", "s.yaml:8:1: error: YAML syntax: found unexpected end of stream"},
		{"tab indentation (scanner)", head + "phases:\n\tstart: {}\n", "s.yaml:7:1: error: YAML syntax: found character that cannot start any token"},
	} {
		_, probs := Parse("s.yaml", []byte(c.src))
		got := probs.Error()
		if !strings.Contains(got, c.want) {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

// OptionRef.Is answers as comparing with String does, for look-alikes
// too: a dot elsewhere, a longer or shorter id, the parts swapped.
func TestOptionRefIsItsString(t *testing.T) {
	refs := []OptionRef{{"first", "good"}, {"first", "goo"}, {"firs", "tgood"}, {"first.good", ""}, {"", "first.good"}, {"a.b", "c"}, {"a", "b.c"}, {"good", "first"}}
	strs := []string{"first.good", "firstgood", "first.goo", "first.good.", ".first.good", "a.b.c", "good.first", ""}
	for _, r := range refs {
		for _, s := range strs {
			if got, want := r.Is(s), r.String() == s; got != want {
				t.Errorf("%#v.Is(%q) = %v, String gives %q", r, s, got, r.String())
			}
		}
	}
}
