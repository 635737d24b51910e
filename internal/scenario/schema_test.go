package scenario_test

// These tests keep docs/scenario.schema.json (the JSON Schema editors use)
// in step with the loader:
//
//   - every built-in and engine test scenario validates against the schema;
//   - the schema's object definitions have exactly the properties the loader
//     accepts: the accepted names are read from the loader's source (the
//     string literals of each l.fields(node, what, "a", "b", …) call), so a
//     field added to the loader or to the schema alone fails here;
//   - probes put an unknown field into every kind of object of a scenario
//     and check that both the loader and the schema refuse it there, and that
//     the loader knows every property the schema lists at that place;
//   - a few broken scenarios are refused by both, and spellings the loader
//     reads (at: 0, public: yes, quoted numbers …) are accepted by both;
//   - the schema's enums and limits are the loader's (channels, statement
//     kinds, score range, 500 phases, text and expression lengths), and the
//     complete examples in docs/scenario-format.md load and validate.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"go.yaml.in/yaml/v3"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

const schemaFile = "../../docs/scenario.schema.json"

// schemaDefForFields maps each l.fields call of the loader, named by its
// enclosing function and its `what` argument as written in the source, to the
// schema definition describing the same object ("" is the schema's root).
// A new l.fields call must be added here, with its definition in the schema.
var schemaDefForFields = map[string]string{
	`scenario: phrase("the scenario")`:      "",
	`variable: what`:                        "variable",
	`phase: what`:                           "phase",
	`phase: fieldOf("continue", what)`:      "continue",
	`phase: fieldOf("ending", what)`:        "ending",
	`inject: what`:                          "inject",
	`decision: what`:                        "decision",
	`decision: fieldOf("on_timeout", what)`: "onTimeout",
	`option: what`:                          "option",
	`extras: what`:                          "objective",
	`eeg: tw`:                               "capabilityTarget",
	`task: what`:                            "criticalTask",
	`observe: ow`:                           "observe",
	`fact: what`:                            "fact",
	`rule: what`:                            "rule",
	`trigger: what`:                         "trigger",
	`looseInject: fieldOf("inject", what)`:  "looseInject",
	`regDeadline: what`:                     "deadline",
	`regDeadline: fieldOf("on_miss", what)`: "onMiss",
	`statementSpec: what`:                   "statement",
	`promise: fieldOf("promise", what)`:     "promise",
	`feed: field("feed")`:                   "feed",
	`media: pw`:                             "media",
	`feed: what`:                            "feedPost",
	`reactions: what`:                       "reaction",
	`reactions: pw`:                         "reactionPost",
	`routes: phrase("a route of %s", what)`: "route",
	`scoring: field("scoring")`:             "scoring",
	`personas: what`:                        "persona",
	`pressConference: what`:                 "pressConference",
	`pressConference: qwhat`:                "pressQuestion",
	`customerCase: what`:                    "case",
	`remedies: rw`:                          "remedy",
	`roleplay: field("roleplay")`:           "roleplay",
	`triage: what`:                          "triage",
	`triagePost: what`:                      "triagePost",

	// Formats (formats.go).
	`formats: field("formats")`:                        "formats",
	`formats: fieldOf("difficulty", field("formats"))`: "difficulty",
	`cut: what`:   "cut",
	`level: what`: "level",
}

// schemaDefsNotFromFields are object definitions whose keys the loader
// checks some other way, with the names it accepts.
var schemaDefsNotFromFields = map[string][]string{
	"scores":  scenario.AuthoredDimensions, // l.scores: any other key is "not a scored dimension"
	"weights": scenario.ScoredDimensions,   // l.scoring: any other key is "not a scored quality"
}

// ---- loading the schema and converting YAML ----

func loadSchema(t *testing.T) (*jsonschema.Schema, map[string]any) {
	t.Helper()
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s is not JSON: %v", schemaFile, err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("scenario.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("scenario.schema.json")
	if err != nil {
		t.Fatalf("%s does not compile: %v", schemaFile, err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	return sch, raw
}

// yamlInstance turns a YAML node into the JSON value an editor's YAML
// language server validates: mappings become objects with string keys,
// scalars keep their YAML type (int, float, bool, null, string).
func yamlInstance(t *testing.T, n *yaml.Node) any {
	t.Helper()
	b, err := json.Marshal(toJSONValue(n))
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func toJSONValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return toJSONValue(n.Content[0])
	case yaml.AliasNode:
		return toJSONValue(n.Alias)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = toJSONValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			s = append(s, toJSONValue(c))
		}
		return s
	}
	switch n.ShortTag() {
	case "!!int", "!!float", "!!bool", "!!null":
		var v any
		if err := n.Decode(&v); err == nil {
			if f, ok := v.(float64); ok && (math.IsInf(f, 0) || math.IsNaN(f)) {
				return n.Value
			}
			return v
		}
	}
	return n.Value // strings, timestamps, binary: as written
}

func parseYAML(t *testing.T, name string, data []byte) *yaml.Node {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &doc
}

// ---- (a) real scenarios validate ----

func TestSchemaAcceptsScenarios(t *testing.T) {
	sch, _ := loadSchema(t)
	var files []string
	for _, pattern := range []string{"../../scenarios/*.yaml", "../engine/testdata/*.yaml"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 3 {
		t.Fatalf("found only %v; expected the built-in scenarios and the engine's test scenarios", files)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if s, probs := scenario.Parse(f, data); s == nil {
				t.Errorf("the loader refuses %s:\n%v", f, probs)
			}
			if err := sch.Validate(yamlInstance(t, parseYAML(t, f, data))); err != nil {
				t.Errorf("the schema refuses %s, which the loader reads:\n%v", f, err)
			}
		})
	}
	t.Run("probe base", func(t *testing.T) {
		if s, probs := scenario.Parse("probe.yaml", []byte(probeBase)); s == nil {
			t.Fatalf("the loader refuses the probe scenario:\n%v", probs)
		}
		if err := sch.Validate(yamlInstance(t, parseYAML(t, "probe.yaml", []byte(probeBase)))); err != nil {
			t.Fatalf("the schema refuses the probe scenario:\n%v", err)
		}
	})
}

// ---- (b) field names agree ----

// loaderFields reads the loader's source and returns, for each l.fields call,
// the field names it allows, keyed as in schemaDefForFields.
func loaderFields(t *testing.T) map[string][]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	out := map[string][]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "fields" {
					return true
				}
				where := fset.Position(call.Pos())
				if len(call.Args) < 3 || call.Ellipsis.IsValid() {
					t.Errorf("%s: cannot read the field names of this fields call; list them as string literals", where)
					return true
				}
				key := fd.Name.Name + ": " + types.ExprString(call.Args[1])
				if _, dup := out[key]; dup {
					t.Errorf("%s: a second fields call keyed %q; give it a distinct 'what' so the schema test can tell them apart", where, key)
				}
				var names []string
				for _, a := range call.Args[2:] {
					lit, ok := a.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						t.Errorf("%s: field name %s is not a string literal; the schema test reads them from the source", where, types.ExprString(a))
						continue
					}
					s, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatal(err)
					}
					names = append(names, s)
				}
				out[key] = names
				return true
			})
		}
	}
	if len(out) == 0 {
		t.Fatal("found no l.fields calls in the loader's source")
	}
	return out
}

// schemaObjects returns every subschema of the schema that lists
// properties, by its JSON pointer ("" for the root).
func schemaObjects(node any, ptr string, out map[string]map[string]any) {
	switch v := node.(type) {
	case map[string]any:
		if _, ok := v["properties"].(map[string]any); ok {
			out[ptr] = v
		}
		for k, c := range v {
			schemaObjects(c, ptr+"/"+k, out)
		}
	case []any:
		for i, c := range v {
			schemaObjects(c, fmt.Sprintf("%s/%d", ptr, i), out)
		}
	}
}

func propertyNames(obj map[string]any) []string {
	var names []string
	for k := range obj["properties"].(map[string]any) {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	sort.Strings(out)
	return out
}

func defPointer(def string) string {
	if def == "" {
		return ""
	}
	return "/$defs/" + def
}

func TestSchemaFieldsMatchLoader(t *testing.T) {
	_, raw := loadSchema(t)
	loader := loaderFields(t)

	objects := map[string]map[string]any{}
	schemaObjects(raw, "", objects)
	covered := map[string]bool{}

	for key, names := range loader {
		def, ok := schemaDefForFields[key]
		if !ok {
			t.Errorf("the loader reads a new kind of object, fields(%s) with %v: describe it in %s and map it in schemaDefForFields", key, names, schemaFile)
			continue
		}
		obj := objects[defPointer(def)]
		if obj == nil {
			t.Errorf("fields(%s): the schema has no object definition #%s", key, defPointer(def))
			continue
		}
		covered[defPointer(def)] = true
		if got, want := propertyNames(obj), sorted(names); !slices.Equal(got, want) {
			t.Errorf("schema #%s has properties %v, but the loader's fields(%s) accepts %v", defPointer(def), got, key, want)
		}
	}
	for key := range schemaDefForFields {
		if _, ok := loader[key]; !ok {
			t.Errorf("schemaDefForFields names fields(%s), which the loader no longer has; update the map", key)
		}
	}
	for def, names := range schemaDefsNotFromFields {
		obj := objects[defPointer(def)]
		if obj == nil {
			t.Errorf("the schema has no object definition #%s", defPointer(def))
			continue
		}
		covered[defPointer(def)] = true
		if got, want := propertyNames(obj), sorted(names); !slices.Equal(got, want) {
			t.Errorf("schema #%s has properties %v, but the loader accepts %v", defPointer(def), got, want)
		}
	}
	for ptr, obj := range objects {
		if !covered[ptr] {
			t.Errorf("schema object #%s (properties %v) corresponds to nothing the loader reads; put objects under $defs and map them in schemaDefForFields", ptr, propertyNames(obj))
		}
		if obj["additionalProperties"] != false {
			t.Errorf("schema object #%s must say additionalProperties: false, as the loader refuses unknown fields", ptr)
		}
		for name, p := range obj["properties"].(map[string]any) {
			if d, _ := p.(map[string]any)["description"].(string); strings.TrimSpace(d) == "" {
				t.Errorf("schema property #%s/properties/%s has no description", ptr, name)
			}
		}
	}
}

// TestSchemaEnumsMatchLoader checks the schema's value lists and limits
// against the loader's.
func TestSchemaEnumsMatchLoader(t *testing.T) {
	_, raw := loadSchema(t)
	at := func(ptr string) any {
		var v any = raw
		for _, k := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
			switch x := v.(type) {
			case map[string]any:
				v = x[k]
			case []any:
				i, err := strconv.Atoi(k)
				if err != nil || i >= len(x) {
					t.Fatalf("schema has nothing at %s", ptr)
				}
				v = x[i]
			default:
				t.Fatalf("schema has nothing at %s", ptr)
			}
		}
		if v == nil {
			t.Fatalf("schema has nothing at %s", ptr)
		}
		return v
	}
	strs := func(v any) []string {
		var out []string
		for _, x := range v.([]any) {
			out = append(out, x.(string))
		}
		return out
	}
	num := func(v any) int { return int(v.(float64)) }

	if got := at("/properties/format/const"); got != scenario.FormatVersion {
		t.Errorf("format const %v, loader reads %q", got, scenario.FormatVersion)
	}
	if got := strs(at("/$defs/channel/enum")); !slices.Equal(got, scenario.Channels) {
		t.Errorf("channel enum %v, loader knows %v", got, scenario.Channels)
	}
	if got := strs(at("/$defs/persona/properties/disposition/enum")); !slices.Equal(got, scenario.Dispositions) {
		t.Errorf("persona disposition enum %v, loader knows %v", got, scenario.Dispositions)
	}
	if got := strs(at("/$defs/persona/properties/influence/enum")); !slices.Equal(got, scenario.Influences) {
		t.Errorf("persona influence enum %v, loader knows %v", got, scenario.Influences)
	}
	for _, def := range []string{"inject", "looseInject"} {
		if got := strs(at("/$defs/" + def + "/properties/style/enum")); !slices.Equal(got, scenario.InjectStyles) {
			t.Errorf("%s style enum %v, loader knows %v", def, got, scenario.InjectStyles)
		}
	}
	if got := strs(at("/$defs/statement/properties/kind/enum")); !slices.Equal(got, scenario.StatementKinds) {
		t.Errorf("statement kind enum %v, loader knows %v", got, scenario.StatementKinds)
	}
	if got := strs(at("/$defs/statement/properties/hazard/enum")); !slices.Equal(got, scenario.Hazards) {
		t.Errorf("statement hazard enum %v, loader knows %v", got, scenario.Hazards)
	}
	score := at("/$defs/score/anyOf/0").(map[string]any)
	if num(score["minimum"]) != scenario.MinScore || num(score["maximum"]) != scenario.MaxScore {
		t.Errorf("score range [%v, %v], loader's [%d, %d]", score["minimum"], score["maximum"], scenario.MinScore, scenario.MaxScore)
	}
	if got := num(at("/properties/phases/maxProperties")); got != scenario.MaxPhases {
		t.Errorf("phases maxProperties %d, loader's limit %d", got, scenario.MaxPhases)
	}
	if got := num(at("/$defs/text/anyOf/0/maxLength")); got != scenario.MaxTextLength {
		t.Errorf("text maxLength %d, loader's limit %d", got, scenario.MaxTextLength)
	}
	for _, ptr := range []string{"/$defs/expression/maxLength", "/$defs/condition/anyOf/0/maxLength"} {
		if got := num(at(ptr)); got != scenario.MaxExprLength {
			t.Errorf("%s is %d, loader's limit %d", ptr, got, scenario.MaxExprLength)
		}
	}
	if got := strs(at("/$defs/finding/enum")); !slices.Equal(got, scenario.Findings) {
		t.Errorf("finding enum %v, loader knows %v", got, scenario.Findings)
	}
	desc := at("/$defs/condition/description").(string)
	for _, name := range scenario.BuiltinNames() {
		if !strings.Contains(desc, name) {
			t.Errorf("the condition description does not name %q, which expressions can use", name)
		}
	}
}

// ---- (c) probes and invalid documents ----

// probeBase has every kind of object the loader reads at least once.
const probeBase = `format: firebreak/1
id: probe
kind: data-leak
title: {en: Probe, zh: 探针}
summary: Every kind of object once.
languages: [en, zh]
duration: 60m
formats:
  cuts:
    short:
      title: {en: Short, zh: 短版}
      minutes: 40
      time: 0.5
      drop: [calm]
      instead: {calm: done}
  difficulty:
    easy: {deadlines: 1.5, feed: 0.5}
    hard: {deadlines: 0.5, feed: 2}
world:
  attention: {start: 0, min: 0, max: 100, label: {en: Attention, zh: 关注度}}
  trust: {start: 50, stake: higher}
roles:
  legal: {en: Legal, zh: 法务}
personas:
  reporter:
    name: {en: Li Wei, zh: 李伟}
    outlet: {en: City Express, zh: 都市快报}
    disposition: sceptical
    influence: high
    language: zh
    brief: {en: Wants a date, zh: 想要一个日期}
facts:
  hotline:
    label: Hotline
    match: {en: ["400-123"], zh: ["400-123", 热线]}
objectives:
  notify:
    text: {en: Notify in time, zh: 按时通报}
    decisions: [notify]
    capability: {en: Public information and warning, zh: 公共信息与预警}
    targets:
      - text: {en: Report within 72 hours, zh: 72小时内通报}
        tasks:
          report-chosen:
            text: {en: Decide to report, zh: 决定通报}
            observe: {decision: notify, options: [report], within: 10m, shows: [contact], avoids: [denial]}
          regulator-met:
            text: {en: Meet the regulator's deadline, zh: 按时向监管部门通报}
            observe: {deadline: regulator-72h}
          posted:
            text: {en: Post guidance after the breach, zh: 泄露后发布指引}
            observe: {post: any, after: breach, within: 15m, shows: [guidance]}
          briefed:
            text: {en: Answer the briefing, zh: 回答通气会提问}
            observe: {press: briefing, avoids: [no-comment]}
          calm-room:
            text: {en: Keep the room calm, zh: 保持现场冷静}
            observe: evaluator
rules:
  - id: silence-costs
    every: 5m
    while: "silent && minutes > 1"
    effects: {attention: 10, trust: "-trust * 0.1"}
triggers:
  trending:
    when: "attention >= 30"
    inject: {channel: social, from: Someone, to: [legal], text: {en: Trending, zh: 热搜}}
    effects: {trust: -5}
contradictions:
  - [reported, nothing-happened]
false_claims:
  nothing-happened: {en: "Data was taken.", zh: "数据确实被窃取。"}
scoring:
  weights: {speed: 1, transparency: 1, empathy: 1, consistency: 1, follow-up: 1}
  updates_every: 15m
feed:
  every: 5m
  volume: "attention / 20"
  posts:
    - {id: worried, channel: social, when: "silent", weight: 2, max: 2, from: {en: A parent, zh: 家长}, text: {en: "Why so quiet?", zh: 为什么不说话？}, tone: hostile}
  reactions:
    - on: [apology, guidance]
      effects: {trust: 3}
      posts:
        - {channel: social, from: {en: A parent, zh: 家长}, text: {en: "Thank you.", zh: 谢谢。}, tone: support}
roleplay:
  decisions: [notify]
  nudge: {attention: 10}
deadlines:
  regulator-72h:
    label: {en: Notify within 72 hours, zh: 72小时内通报}
    starts_with: breach
    within: 20m
    represents: 72h
    met_by: [notify.report]
    on_miss:
      effects: {trust: -20}
      inject: {channel: regulator, from: Bureau, to: [legal], text: {en: Late, zh: 逾期}}
phases:
  start:
    title: {en: Start, zh: 开始}
    injects:
      - id: breach
        at: 2m
        channel: memo
        from: {en: IT, zh: 信息部}
        to: [legal]
        text: {en: Breach confirmed, zh: 泄露已确认}
        media:
          - file: screens/alert.png
            alt: {en: The intrusion alert on the console, zh: 控制台上的入侵警报}
        opens: notify
    decisions:
      brief:
        prompt: {en: "Brief staff?", zh: "内部通报？"}
        at: 1m
        target: 2m
        deadline: 40m
        optional: {en: "A courtesy", zh: "礼节性的"}
        options:
          - {id: brief, text: {en: Brief, zh: 通报}, public: false}
          - {id: skip, text: {en: Skip, zh: 不通报}, public: no}
        on_timeout: {scores: {transparency: -1, empathy: -1}}
      notify:
        prompt: {en: "Notify?", zh: "通报？"}
        target: 5m
        deadline: 30m
        statement: {kind: press-release, required_facts: [hotline]}
        options:
          - id: report
            text: {en: Report, zh: 通报}
            scores: {transparency: 3, empathy: 1}
            effects: {trust: 5, attention: "attention * -0.1"}
            claims: [reported]
            next: calm
            stance: acknowledge
            routes:
              - {when: "trust >= 90", next: done}
            public: true
            promise: {within: 10m, miss_effects: {attention: 5}}
          - {id: wait, text: {en: Wait, zh: 等待}, scores: {transparency: -2}, claims: [nothing-happened], next: calm}
        on_timeout: {scores: {transparency: -2, empathy: -2}, effects: {trust: -10}, next: calm, routes: [{when: "trust < 10", next: done}]}
        triage:
          posts:
            - {id: p1, author: {en: A, zh: 甲}, text: {en: One, zh: 一}, reach: 5, ago: 1m, class: rumour, needs: answer, reason: {en: R, zh: 因}, on_miss: {trust: -1}}
            - {id: p2, author: {en: B, zh: 乙}, text: {en: Two, zh: 二}, class: complaint, needs: answer, reason: {en: R, zh: 因}}
            - {id: p3, author: {en: C, zh: 丙}, text: {en: Three, zh: 三}, class: troll, needs: ignore, reason: {en: R, zh: 因}}
            - {id: p4, author: {en: D, zh: 丁}, text: {en: Four, zh: 四}, class: journalist, needs: answer, reason: {en: R, zh: 因}}
            - {id: p5, author: {en: E, zh: 戊}, text: {en: Five, zh: 五}, class: rumour, needs: monitor, reason: {en: R, zh: 因}}
  calm:
    continue: {after: 5m, next: done, routes: [{when: "trust < 5", next: done}]}
  done:
    ending: {outcome: {en: Done, zh: 结束}, tone: good}
press_conferences:
  briefing:
    title: {en: Briefing, zh: 通气会}
    phase: start
    after: 2m
    clock: 60s
    questions:
      - {from: {en: "A reporter", zh: 记者}, text: {en: "How many?", zh: 多少？}, required_facts: [hotline], hazard: open}
cases:
  traveller:
    phase: start
    after: 1m
    deadline: 5m
    name: {en: Chen Hao, zh: 陈浩}
    segment: {en: Business traveller, zh: 商务旅客}
    message: {en: "I must arrive by nine.", zh: 我九点前必须到。}
    remedies:
      seat: {label: {en: First seat, zh: 最早座位}, fit: good, reason: {en: He must arrive., zh: 他必须到。}}
      room: {label: {en: A hotel room, zh: 一间酒店客房}, fit: poor, reason: {en: No need., zh: 用不上。}}
    reply: {required_facts: [hotline]}
    escalate: {attention: 5}
`

// A probe is a place in probeBase holding an object of a schema definition.
type probe struct {
	def  string // schema definition ("" for the root)
	path []any  // keys (string) and list indices (int) from the top
}

var probes = []probe{
	{"", nil},
	{"variable", []any{"world", "attention"}},
	{"fact", []any{"facts", "hotline"}},
	{"objective", []any{"objectives", "notify"}},
	{"capabilityTarget", []any{"objectives", "notify", "targets", 0}},
	{"criticalTask", []any{"objectives", "notify", "targets", 0, "tasks", "report-chosen"}},
	{"observe", []any{"objectives", "notify", "targets", 0, "tasks", "report-chosen", "observe"}},
	{"rule", []any{"rules", 0}},
	{"trigger", []any{"triggers", "trending"}},
	{"looseInject", []any{"triggers", "trending", "inject"}},
	{"deadline", []any{"deadlines", "regulator-72h"}},
	{"onMiss", []any{"deadlines", "regulator-72h", "on_miss"}},
	{"looseInject", []any{"deadlines", "regulator-72h", "on_miss", "inject"}},
	{"phase", []any{"phases", "start"}},
	{"inject", []any{"phases", "start", "injects", 0}},
	{"media", []any{"phases", "start", "injects", 0, "media", 0}},
	{"decision", []any{"phases", "start", "decisions", "notify"}},
	{"option", []any{"phases", "start", "decisions", "notify", "options", 0}},
	{"scores", []any{"phases", "start", "decisions", "notify", "options", 0, "scores"}},
	{"onTimeout", []any{"phases", "start", "decisions", "notify", "on_timeout"}},
	{"scores", []any{"phases", "start", "decisions", "notify", "on_timeout", "scores"}},
	{"statement", []any{"phases", "start", "decisions", "notify", "statement"}},
	{"triage", []any{"phases", "start", "decisions", "notify", "triage"}},
	{"triagePost", []any{"phases", "start", "decisions", "notify", "triage", "posts", 0}},
	{"promise", []any{"phases", "start", "decisions", "notify", "options", 0, "promise"}},
	{"feed", []any{"feed"}},
	{"feedPost", []any{"feed", "posts", 0}},
	{"reaction", []any{"feed", "reactions", 0}},
	{"reactionPost", []any{"feed", "reactions", 0, "posts", 0}},
	{"continue", []any{"phases", "calm", "continue"}},
	{"ending", []any{"phases", "done", "ending"}},
	{"route", []any{"phases", "start", "decisions", "notify", "options", 0, "routes", 0}},
	{"scoring", []any{"scoring"}},
	{"weights", []any{"scoring", "weights"}},
	{"persona", []any{"personas", "reporter"}},
	{"pressConference", []any{"press_conferences", "briefing"}},
	{"pressQuestion", []any{"press_conferences", "briefing", "questions", 0}},
	{"case", []any{"cases", "traveller"}},
	{"remedy", []any{"cases", "traveller", "remedies", "seat"}},
	{"roleplay", []any{"roleplay"}},
	{"formats", []any{"formats"}},
	{"cut", []any{"formats", "cuts", "short"}},
	{"difficulty", []any{"formats", "difficulty"}},
	{"level", []any{"formats", "difficulty", "easy"}},
}

// nodeAt follows a path from a document node.
func nodeAt(t *testing.T, doc *yaml.Node, path []any) *yaml.Node {
	t.Helper()
	n := doc.Content[0]
	for _, step := range path {
		switch s := step.(type) {
		case string:
			var next *yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == s {
					next = n.Content[i+1]
				}
			}
			if n.Kind != yaml.MappingNode || next == nil {
				t.Fatalf("probe path %v: no key %q", path, s)
			}
			n = next
		case int:
			if n.Kind != yaml.SequenceNode || s >= len(n.Content) {
				t.Fatalf("probe path %v: no item %d", path, s)
			}
			n = n.Content[s]
		}
	}
	return n
}

// yamlValue parses a YAML snippet into a node (quoted strings stay quoted).
func yamlValue(t *testing.T, src string) *yaml.Node {
	t.Helper()
	return parseYAML(t, "snippet", []byte(src)).Content[0]
}

func setKey(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
}

func deleteKey(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return
		}
	}
}

func hasKey(m *yaml.Node, key string) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return true
		}
	}
	return false
}

// check runs the loader and the schema on a document.
func check(t *testing.T, sch *jsonschema.Schema, doc *yaml.Node) (scenario.Problems, error) {
	t.Helper()
	data, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	_, probs := scenario.Parse("probe.yaml", data)
	return probs, sch.Validate(yamlInstance(t, doc))
}

func pathStrings(path []any) []string {
	out := make([]string, len(path))
	for i, p := range path {
		out[i] = fmt.Sprint(p)
	}
	return out
}

// knownFields reads the list of known names from the loader's message
// about an unknown one ("…; known: a, b, c" or "…; known: a, b (remark)").
func knownFields(msg string) ([]string, bool) {
	_, list, ok := strings.Cut(msg, "; known: ")
	if !ok {
		return nil, false
	}
	list, _, _ = strings.Cut(list, " (")
	var out []string
	for _, f := range strings.Split(list, ",") {
		out = append(out, strings.TrimSpace(f))
	}
	return out, true
}

// refusesAt reports whether the schema refused an additional property at
// the given instance location.
func refusesAt(err error, loc []string, prop string) bool {
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return false
	}
	var walk func(e *jsonschema.ValidationError) bool
	walk = func(e *jsonschema.ValidationError) bool {
		if k, ok := e.ErrorKind.(*kind.AdditionalProperties); ok && slices.Equal(e.InstanceLocation, loc) && slices.Contains(k.Properties, prop) {
			return true
		}
		return slices.ContainsFunc(e.Causes, walk)
	}
	return walk(ve)
}

func TestSchemaProbesEveryObject(t *testing.T) {
	sch, raw := loadSchema(t)
	objects := map[string]map[string]any{}
	schemaObjects(raw, "", objects)
	probed := map[string]bool{}
	const bogus = "zz-not-a-field"

	for _, p := range probes {
		name := fmt.Sprintf("%s at /%s", p.def, strings.Join(pathStrings(p.path), "/"))
		obj := objects[defPointer(p.def)]
		if obj == nil {
			t.Errorf("%s: the schema has no object definition #%s", name, defPointer(p.def))
			continue
		}
		probed[defPointer(p.def)] = true
		unknown := func(field string) string { return fmt.Sprintf("unknown field %q", field) }
		if p.def == "scores" {
			unknown = func(field string) string { return fmt.Sprintf("%q is not a scored dimension", field) }
		}
		if p.def == "weights" {
			unknown = func(field string) string { return fmt.Sprintf("%q is not a scored quality", field) }
		}

		t.Run(name+" refuses an unknown field", func(t *testing.T) {
			doc := parseYAML(t, "probe.yaml", []byte(probeBase))
			setKey(nodeAt(t, doc, p.path), bogus, yamlValue(t, "x"))
			probs, err := check(t, sch, doc)
			msg := ""
			for _, pr := range probs {
				if strings.Contains(pr.Msg, unknown(bogus)) {
					msg = pr.Msg
				}
			}
			if msg == "" {
				t.Fatalf("the loader does not refuse %q here; it says:\n%v", bogus, probs)
			}
			// The loader's message lists the fields it knows there: they
			// must be the schema's properties.
			known, ok := knownFields(msg)
			if !ok {
				t.Fatalf("the loader's message no longer lists the known fields (\"; known: a, b\"); update knownFields: %s", msg)
			}
			if got, want := propertyNames(obj), sorted(known); !slices.Equal(got, want) {
				t.Errorf("schema #%s has properties %v, but here the loader knows %v", defPointer(p.def), got, want)
			}
			if !refusesAt(err, pathStrings(p.path), bogus) {
				t.Errorf("the schema does not refuse %q at /%s; it says: %v", bogus, strings.Join(pathStrings(p.path), "/"), err)
			}
		})
		t.Run(name+" knows the schema's properties", func(t *testing.T) {
			for _, prop := range propertyNames(obj) {
				doc := parseYAML(t, "probe.yaml", []byte(probeBase))
				n := nodeAt(t, doc, p.path)
				if hasKey(n, prop) {
					continue
				}
				setKey(n, prop, yamlValue(t, "x"))
				if probs, _ := check(t, sch, doc); strings.Contains(probs.Error(), unknown(prop)) {
					t.Errorf("the schema allows %q here, but the loader says:\n%v", prop, probs)
				}
			}
		})
	}
	for ptr := range objects {
		if !probed[ptr] {
			t.Errorf("schema object #%s is not probed; add a place holding one to probes", ptr)
		}
	}
}

func TestSchemaAndLoaderRefuse(t *testing.T) {
	sch, _ := loadSchema(t)
	type edit struct {
		path []any
		key  string
		val  string // YAML; empty deletes the key
	}
	opt := []any{"phases", "start", "decisions", "notify", "options", 0}
	cases := []struct {
		name  string
		edits []edit
		want  string // part of a loader message
	}{
		{"wrong format", []edit{{nil, "format", "firebreak/2"}}, `format "firebreak/2" is not one`},
		{"missing title", []edit{{nil, "title", ""}}, `missing required field "title"`},
		{"no start phase", []edit{{[]any{"phases"}, "start", ""}}, `no phase is called "start"`},
		{"unknown channel", []edit{{[]any{"phases", "start", "injects", 0}, "channel", "telegram"}}, `channel "telegram" is not known`},
		{"score out of range", []edit{{append(opt, "scores"), "empathy", "4"}}, "must be a whole number from -3 to 3"},
		{"fractional score", []edit{{append(opt, "scores"), "empathy", "1.5"}}, "must be a whole number from -3 to 3"},
		{"speed is not authored", []edit{{append(opt, "scores"), "speed", "2"}}, `"speed" is not a scored dimension`},
		{"unknown tone", []edit{{[]any{"phases", "done", "ending"}, "tone", "fine"}}, `tone "fine" must be good, mixed or bad`},
		{"unknown statement kind", []edit{{[]any{"phases", "start", "decisions", "notify", "statement"}, "kind", "tweet"}}, `statement kind "tweet" is not known`},
		{"unknown statement hazard", []edit{{[]any{"phases", "start", "decisions", "notify", "statement"}, "hazard", "gone"}}, `statement hazard "gone" is not known`},
		{"duration without unit", []edit{{nil, "duration", "15"}}, "is not a duration"},
		{"zero deadline", []edit{{[]any{"phases", "start", "decisions", "notify"}, "deadline", "0m"}}, "must be longer than zero"},
		{"one option", []edit{{[]any{"phases", "start", "decisions", "brief"}, "options", "[{id: a, text: A}]"}}, "at least two options"},
		{"option without text", []edit{{opt, "text", ""}}, `option "report" needs a text`},
		{"bad id", []edit{{opt, "id", "Report"}}, "is not a valid id"},
		{"bad language code", []edit{{nil, "languages", "[english]"}}, "is not a language code"},
		{"blank text", []edit{{nil, "title", `"   "`}}, "title is empty"},
		{"public is not a boolean", []edit{{opt, "public", "maybe"}}, "public must be true or false"},
		{"variable without start", []edit{{[]any{"world", "trust"}, "start", ""}}, "needs a start value"},
		{"met_by without option", []edit{{[]any{"deadlines", "regulator-72h"}, "met_by", "[notify]"}}, "is not decision.option"},
		{"deadline without within", []edit{{[]any{"deadlines", "regulator-72h"}, "within", ""}}, `needs "within"`},
		{"represents zero", []edit{{[]any{"deadlines", "regulator-72h"}, "represents", "0h"}}, "write it like 72h or 30d"},
		{"trigger does nothing", []edit{{[]any{"triggers", "trending"}, "inject", ""}, {[]any{"triggers", "trending"}, "effects", ""}}, "needs an inject or effects"},
		{"trigger inject without channel", []edit{{[]any{"triggers", "trending", "inject"}, "channel", ""}}, "needs a channel"},
		{"objective without decisions", []edit{{[]any{"objectives", "notify"}, "decisions", "[]"}}, "lists no decisions"},
		{"fact without match words", []edit{{[]any{"facts", "hotline"}, "match", "[]"}}, "must be a non-empty list"},
		{"rule without effects", []edit{{[]any{"rules", 0}, "effects", ""}}, "needs effects"},
		{"text in a list", []edit{{opt, "text", "[a, b]"}}, "must be a string or a mapping of languages"},
		{"unknown disposition", []edit{{[]any{"personas", "reporter"}, "disposition", "angry"}}, `disposition "angry" must be one of`},
		{"unknown influence", []edit{{[]any{"personas", "reporter"}, "influence", "huge"}}, `influence "huge" must be one of`},
		{"persona without name", []edit{{[]any{"personas", "reporter"}, "name", ""}}, "needs a name"},
		{"avatar not a picture", []edit{{[]any{"personas", "reporter"}, "avatar", "face.gif"}}, "must name a .png, .jpg or .jpeg file"},
		{"unknown style", []edit{{[]any{"phases", "start", "injects", 0}, "style", "flash"}}, `style "flash" must be one of breaking`},
		{"press conference without questions", []edit{{[]any{"press_conferences", "briefing"}, "questions", "[]"}}, "needs 'questions'"},
		{"press question without text", []edit{{[]any{"press_conferences", "briefing", "questions", 0}, "text", ""}}, `needs "text"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := parseYAML(t, "probe.yaml", []byte(probeBase))
			for _, e := range c.edits {
				n := nodeAt(t, doc, e.path)
				if e.val == "" {
					deleteKey(n, e.key)
				} else {
					setKey(n, e.key, yamlValue(t, e.val))
				}
			}
			probs, err := check(t, sch, doc)
			if len(probs.Errors()) == 0 {
				t.Errorf("the loader accepts it")
			} else if !strings.Contains(probs.Error(), c.want) {
				t.Errorf("the loader refuses it, but not with %q:\n%v", c.want, probs)
			}
			if err == nil {
				t.Errorf("the schema accepts it")
			}
		})
	}
}

// TestSchemaAndLoaderAccept covers spellings the loader reads that a naive
// schema would refuse: the loader reads every scalar from its text.
func TestSchemaAndLoaderAccept(t *testing.T) {
	sch, _ := loadSchema(t)
	opt := []any{"phases", "start", "decisions", "notify", "options", 0}
	cases := []struct {
		name     string
		path     []any
		key, val string
	}{
		{"inject at a bare 0", []any{"phases", "start", "injects", 0}, "at", "0"},
		{"duration with hours and seconds", nil, "duration", "1h30m15s"},
		{"public: yes", opt, "public", "yes"},
		{"quoted public", opt, "public", `"false"`},
		{"numeric option id", []any{"phases", "start", "decisions", "notify", "options", 1}, "id", "1"},
		{"signed effect", opt, "effects", "{trust: +5}"},
		{"quoted start value", []any{"world", "trust"}, "start", `"50"`},
		{"quoted score", append(opt, "scores"), "empathy", `"-2"`},
		{"score written 2.0", append(opt, "scores"), "empathy", "2.0"},
		{"represents days", []any{"deadlines", "regulator-72h"}, "represents", "30d"},
		{"match words that are numbers", []any{"facts", "hotline"}, "match", "[400123, hotline]"},
		{"number as plain text", nil, "summary", "2024"},
		{"condition true", []any{"rules", 0}, "while", "true"},
		{"text in one language beyond the declared", nil, "title", "{en: T, zh: 题, fr: Titre}"},
		{"inject from a persona", []any{"phases", "start", "injects", 0}, "persona", "reporter"},
		{"reaction post from a persona", []any{"feed", "reactions", 0, "posts", 0}, "persona", "reporter"},
		{"persona with a plain name", []any{"personas", "reporter"}, "name", "Li Wei"},
		{"persona avatar", []any{"personas", "reporter"}, "avatar", "faces/li.png"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := parseYAML(t, "probe.yaml", []byte(probeBase))
			setKey(nodeAt(t, doc, c.path), c.key, yamlValue(t, c.val))
			probs, err := check(t, sch, doc)
			if len(probs.Errors()) > 0 {
				t.Errorf("the loader refuses it:\n%v", probs)
			}
			if err != nil {
				t.Errorf("the schema refuses it: %v", err)
			}
		})
	}
}

// TestSchemaAcceptsDocExamples checks that the complete scenarios shown in
// docs/scenario-format.md load cleanly and validate against the schema.
func TestSchemaAcceptsDocExamples(t *testing.T) {
	sch, _ := loadSchema(t)
	data, err := os.ReadFile("../../docs/scenario-format.md")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i, block := range strings.Split(string(data), "```yaml\n")[1:] {
		src, _, ok := strings.Cut(block, "```")
		if !ok || !strings.Contains(src, "format: firebreak/1") {
			continue
		}
		n++
		name := fmt.Sprintf("scenario-format.md example %d", i+1)
		if _, probs := scenario.Parse(name, []byte(src)); len(probs) > 0 {
			t.Errorf("%s is not lint-clean:\n%v", name, probs)
		}
		if err := sch.Validate(yamlInstance(t, parseYAML(t, name, []byte(src)))); err != nil {
			t.Errorf("the schema refuses %s: %v", name, err)
		}
	}
	if n < 2 {
		t.Errorf("found %d complete scenarios in docs/scenario-format.md; want the English and the Chinese example", n)
	}
}
