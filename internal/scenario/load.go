package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// MinRuleEvery is the shortest period of a rule.
const MinRuleEvery = time.Minute

// Limits against accidental or hostile input.
const (
	MaxFileSize   = 2 << 20 // bytes
	MaxPhases     = 500
	MaxNodes      = 200_000 // YAML nodes in one file
	MaxTextLength = 20_000  // characters in one text
)

var (
	idPattern  = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	varPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// LoadFile reads and checks a scenario file, and the pictures its injects
// carry (see LoadFileMedia).
func LoadFile(path string) (*Scenario, Problems, error) {
	s, _, probs, err := LoadFileMedia(path)
	return s, probs, err
}

// LoadFileMedia reads and checks a scenario file and reads the pictures its
// injects carry from the file's folder (ReadMedia). A missing or unusable
// picture is an error of the file: the scenario is returned only when
// there are no errors.
func LoadFileMedia(path string) (*Scenario, map[string][]byte, Problems, error) {
	s, probs, err := loadFile(path)
	if s == nil || err != nil {
		return s, nil, probs, err
	}
	media, mp := ReadMedia(os.DirFS(filepath.Dir(path)), path, s)
	if len(mp) > 0 {
		probs = append(probs, mp...).sorted()
		if len(mp.Errors()) > 0 {
			return nil, nil, probs, nil
		}
	}
	return s, media, probs, nil
}

func loadFile(path string) (*Scenario, Problems, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if fi.Size() > MaxFileSize {
		return nil, Problems{newProblem(path, Pos{}, SevError,
			"file is %d bytes; a scenario may be at most %d bytes — split it or remove embedded data", fi.Size(), MaxFileSize)}, nil
	}
	data, err := ReadLimited(path, MaxFileSize)
	if errors.Is(err, ErrTooLarge) {
		return nil, Problems{newProblem(path, Pos{}, SevError,
			"file is larger than %d bytes; a scenario may be at most %d bytes", MaxFileSize, MaxFileSize)}, nil
	}
	if err != nil {
		return nil, nil, err
	}
	s, probs := Parse(path, data)
	return s, probs, nil
}

// ErrTooLarge is a file longer than a reader allows.
var ErrTooLarge = errors.New("file too large")

// ReadLimited reads a file of at most max bytes. It stops reading past max,
// so a device (/dev/zero, /dev/urandom) or a file still growing, whose size
// Stat does not tell, cannot make it read without end.
func ReadLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: %w: more than %d bytes", path, ErrTooLarge, max)
	}
	return data, nil
}

// Parse decodes and checks a scenario. It returns the scenario when there are
// no errors (warnings may still be present) and all findings sorted by position.
func Parse(file string, data []byte) (*Scenario, Problems) {
	l := &loader{file: file}
	if len(data) > MaxFileSize {
		l.add(Pos{}, SevError, "file is %d bytes; a scenario may be at most %d bytes", len(data), MaxFileSize)
		return nil, l.probs
	}
	if !isUTF8(data) {
		l.add(Pos{}, SevError, "file is not UTF-8 text; save it as UTF-8")
		return nil, l.probs
	}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	err := dec.Decode(&root)
	if err != nil && err != io.EOF {
		l.yamlError(err)
		return nil, l.probs
	}
	if err == nil {
		var extra yaml.Node
		if dec.Decode(&extra) != io.EOF {
			l.add(Pos{extra.Line, extra.Column}, SevError, "a scenario file holds one YAML document; remove the '---' and what follows, or move it to its own file")
			return nil, l.probs
		}
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		l.add(Pos{1, 1}, SevError, "file is empty; a scenario starts with 'format: %s'", FormatVersion)
		return nil, l.probs
	}
	if count := countNodes(&root, 0); count > MaxNodes {
		l.add(Pos{1, 1}, SevError, "file has more than %d YAML nodes; that is too large to be a scenario", MaxNodes)
		return nil, l.probs
	}
	s := l.scenario(root.Content[0])
	if s == nil {
		return nil, l.probs.sorted()
	}
	l.check(s)
	if len(l.probs.Errors()) == 0 {
		l.checkFormats(s)
	}
	probs := l.probs.sorted()
	if len(probs.Errors()) > 0 {
		return nil, probs
	}
	s.index()
	s.exprReads = l.exprReads
	if s.exprReads == nil {
		s.exprReads = map[string]bool{}
	}
	return s, probs
}

func isUTF8(b []byte) bool {
	return bytes.Equal(bytes.ToValidUTF8(b, nil), b) && !bytes.ContainsRune(b, 0)
}

// countNodes counts nodes, stopping early once over the limit. Aliases are
// counted once, never expanded.
func countNodes(n *yaml.Node, acc int) int {
	acc++
	if acc > MaxNodes {
		return acc
	}
	for _, c := range n.Content {
		acc = countNodes(c, acc)
		if acc > MaxNodes {
			return acc
		}
	}
	return acc
}

var yamlLineRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlParserProblems are the problems the YAML library's parser (as
// against its scanner) reports. For these it gives the line of the
// construct the problem is in counting from 0, where scanner problems
// count from 1 (go.yaml.in/yaml/v3, parser.fail), so a parser problem
// would point one line early.
var yamlParserProblems = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected <stream-start>",
	"did not find expected key",
	"did not find expected node content",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

// YAMLSyntax reads a syntax error of the YAML library: the line (from 1)
// of the construct the problem is in, 0 when it gives none, and the
// problem without the library's prefix.
func YAMLSyntax(err error) (line int, problem string) {
	msg := err.Error()
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		if slices.Contains(yamlParserProblems, m[2]) {
			line++
		}
		return line, m[2]
	}
	return 0, strings.TrimPrefix(msg, "yaml: ")
}

func (l *loader) yamlError(err error) {
	var pos Pos
	line, problem := YAMLSyntax(err)
	if line > 0 {
		pos = Pos{line, 1}
	}
	l.add(pos, SevError, "YAML syntax: %s", problem)
}

type loader struct {
	file  string
	probs Problems
	// exprReads are the names the scenario's expressions read, all of
	// them (Scenario.ReadByExpr).
	exprReads map[string]bool
	langs     []string        // declared languages, known before any text is read
	vars      map[string]bool // world variables, known before any effect is read

	optionRefs       []optionRefAt // decision.option references, checked once all decisions are read
	contradictionPos []Pos
	mediaFiles       map[string]bool // distinct pictures so far
	postReaders      []*Expr         // expressions that read posts or said
	personaByID      map[string]*Persona
}

type optionRefAt struct {
	ref OptionRef
	pos Pos
}

func (l *loader) add(p Pos, sev Severity, format string, args ...any) {
	l.probs = append(l.probs, newProblem(l.file, p, sev, format, args...))
}

func pos(n *yaml.Node) Pos { return Pos{n.Line, n.Column} }

func (l *loader) errf(n *yaml.Node, format string, args ...any) {
	l.add(pos(n), SevError, format, args...)
}

// fields checks that n is a mapping with only the allowed keys (each at most
// once) and returns its values by key, and the key nodes for positions.
func (l *loader) fields(n *yaml.Node, what Phrase, allowed ...string) (vals, keys map[string]*yaml.Node, ok bool) {
	if !l.noAlias(n) {
		return nil, nil, false
	}
	if n.Kind != yaml.MappingNode {
		l.errf(n, "%s must be a mapping of 'key: value' lines, not %s", what, kindName(n))
		return nil, nil, false
	}
	vals = map[string]*yaml.Node{}
	keys = map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !l.noAlias(k) || !l.noAlias(v) {
			continue
		}
		name := k.Value
		if !contains(allowed, name) {
			l.errf(k, "unknown field %q in %s%s", name, what, suggest(name, allowed))
			continue
		}
		if prev, dup := keys[name]; dup {
			l.errf(k, "field %q appears twice in %s (first at line %d); keep one", name, what, prev.Line)
			continue
		}
		vals[name], keys[name] = v, k
	}
	return vals, keys, true
}

// entries returns the key/value pairs of a mapping whose keys are ids.
func (l *loader) entries(n *yaml.Node, what Phrase) (ks, vs []*yaml.Node) {
	if !l.noAlias(n) {
		return nil, nil
	}
	if n.Kind != yaml.MappingNode {
		l.errf(n, "%s must be a mapping from ids to entries, not %s", what, kindName(n))
		return nil, nil
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !l.noAlias(k) || !l.noAlias(v) {
			continue
		}
		if line, dup := seen[k.Value]; dup {
			l.errf(k, "duplicate id %q in %s (first at line %d); ids must be unique", k.Value, what, line)
			continue
		}
		seen[k.Value] = k.Line
		ks, vs = append(ks, k), append(vs, v)
	}
	return ks, vs
}

func (l *loader) noAlias(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		l.errf(n, "YAML anchors and aliases (&name, *name) are not allowed in scenarios; write the content out")
		return false
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!merge" {
		l.errf(n, "YAML merge keys (<<) are not allowed in scenarios; write the content out")
		return false
	}
	return true
}

func kindName(n *yaml.Node) Phrase {
	switch n.Kind {
	case yaml.MappingNode:
		return phrase("a mapping")
	case yaml.SequenceNode:
		return phrase("a list")
	case yaml.ScalarNode:
		if n.Value == "" {
			return phrase("empty")
		}
		return phrase("the value %q", clip(n.Value, 40))
	}
	return phrase("something else")
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggest names the closest allowed word when the misspelling is small.
func suggest(got string, allowed []string) Phrase {
	best, bestD := "", 3
	for _, a := range allowed {
		if d := editDistance(got, a); d < bestD {
			best, bestD = a, d
		}
	}
	if best != "" {
		return phrase("; did you mean %q?", best)
	}
	if len(allowed) == 0 {
		return phrase("; none are declared")
	}
	return phrase("; known: %s", strings.Join(allowed, ", "))
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 99
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func (l *loader) str(n *yaml.Node, what Phrase) (string, bool) {
	if n == nil {
		return "", false
	}
	if !l.noAlias(n) {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		l.errf(n, "%s must be a single value, not %s", what, kindName(n))
		return "", false
	}
	return n.Value, true
}

func (l *loader) id(n *yaml.Node, what Phrase) (string, bool) {
	s, ok := l.str(n, what)
	if !ok {
		return "", false
	}
	if !idPattern.MatchString(s) || len(s) > 64 {
		l.errf(n, "%s %q is not a valid id: use lower-case letters, digits and '-', starting with a letter or digit (at most 64)", what, clip(s, 40))
		return "", false
	}
	return s, true
}

func (l *loader) duration(n *yaml.Node, what Phrase) (time.Duration, bool) {
	s, ok := l.str(n, what)
	if !ok {
		return 0, false
	}
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		l.errf(n, "%s %q is not a duration: write it like 90s, 15m or 1h30m", what, clip(s, 40))
		return 0, false
	}
	if d < 0 {
		l.errf(n, "%s %q is negative; times count forward from the phase start", what, s)
		return 0, false
	}
	if d > 24*time.Hour {
		l.errf(n, "%s %q is longer than 24h; an exercise is at most a day long", what, s)
		return 0, false
	}
	return d.Round(time.Second), true
}

// longDuration reads a real-world time such as 72h or 30d (days allowed).
func (l *loader) longDuration(n *yaml.Node, what Phrase) (time.Duration, bool) {
	s, ok := l.str(n, what)
	if !ok {
		return 0, false
	}
	t := strings.TrimSpace(s)
	if days, found := strings.CutSuffix(t, "d"); found {
		if n, err := strconv.Atoi(days); err == nil && n > 0 && n <= 3650 {
			return time.Duration(n) * 24 * time.Hour, true
		}
	}
	d, err := time.ParseDuration(t)
	if err != nil || d <= 0 || d > 3650*24*time.Hour {
		l.errf(n, "%s %q is not a duration: write it like 72h or 30d", what, clip(s, 40))
		return 0, false
	}
	return d, true
}

func (l *loader) number(n *yaml.Node, what Phrase) (float64, bool) {
	s, ok := l.str(n, what)
	if !ok {
		return 0, false
	}
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "+") {
		t = t[1:]
		if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "+") {
			t = "x" // "+-5" is a typo, not -5
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e9 {
		l.errf(n, "%s must be a number, not %q", what, clip(s, 40))
		return 0, false
	}
	return f, true
}

// text decodes a bilingual text: either a plain string or {en: …, zh: …}.
func (l *loader) text(n *yaml.Node, what Phrase) Text {
	if n == nil || !l.noAlias(n) {
		return nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if len([]rune(n.Value)) > MaxTextLength {
			l.errf(n, "%s is longer than %d characters", what, MaxTextLength)
		}
		if strings.TrimSpace(n.Value) == "" {
			l.errf(n, "%s is empty", what)
		}
		return Text{"": n.Value}
	case yaml.MappingNode:
		t := Text{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if !l.noAlias(k) || !l.noAlias(v) {
				continue
			}
			if !langPattern.MatchString(k.Value) {
				l.errf(k, "%q is not a language code in %s; use codes like en or zh", clip(k.Value, 20), what)
				continue
			}
			if _, dup := t[k.Value]; dup {
				l.errf(k, "language %q appears twice in %s", k.Value, what)
				continue
			}
			if v.Kind != yaml.ScalarNode {
				l.errf(v, "%s in %q must be a single string, not %s", what, k.Value, kindName(v))
				continue
			}
			if len([]rune(v.Value)) > MaxTextLength {
				l.errf(v, "%s is longer than %d characters", what, MaxTextLength)
			}
			t[k.Value] = v.Value
		}
		for _, lang := range l.langs {
			if !t.Has(lang) {
				l.errf(n, "%s has no %q text, but the scenario declares languages %v; add %s: \"…\"", what, lang, l.langs, lang)
			}
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; len(l.langs) > 0 && !contains(l.langs, k.Value) && langPattern.MatchString(k.Value) {
				l.add(pos(k), SevWarning, "%s has %q text, but %q is not in the scenario's languages %v; add it there or remove the text", what, k.Value, k.Value, l.langs)
			}
		}
		return t
	}
	l.errf(n, "%s must be a string or a mapping of languages (en: …, zh: …), not %s", what, kindName(n))
	return nil
}

var langPattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z]{2,4})?$`)

func (l *loader) scenario(n *yaml.Node) *Scenario {
	top, _, ok := l.fields(n, phrase("the scenario"), "format", "id", "kind", "title", "summary", "languages", "duration", "world", "phases",
		"roles", "facts", "objectives", "rules", "triggers", "deadlines", "contradictions", "feed", "false_claims", "scoring", "personas", "press_conferences", "roleplay", "formats", "cases")
	if !ok {
		return nil
	}
	s := &Scenario{File: l.file, phaseByID: map[string]*Phase{}}
	for _, req := range []string{"format", "id", "title", "languages", "duration", "phases"} {
		if top[req] == nil {
			l.add(Pos{1, 1}, SevError, "missing required field %q at the top of the scenario", req)
		}
	}
	if v := top["format"]; v != nil {
		s.Format, _ = l.str(v, field("format"))
		if s.Format != FormatVersion {
			l.errf(v, "format %q is not one this version of Firebreak reads; it reads %q", clip(s.Format, 40), FormatVersion)
			return nil
		}
	}
	if v := top["languages"]; v != nil {
		if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
			l.errf(v, "languages must be a list such as [en, zh]")
		} else {
			for _, c := range v.Content {
				code, ok := l.str(c, phrase("language"))
				if !ok {
					continue
				}
				if !langPattern.MatchString(code) {
					l.errf(c, "%q is not a language code; use codes like en or zh", clip(code, 20))
					continue
				}
				if contains(s.Languages, code) {
					l.errf(c, "language %q is listed twice", code)
					continue
				}
				s.Languages = append(s.Languages, code)
			}
		}
	}
	l.langs = s.Languages
	if v := top["id"]; v != nil {
		s.ID, _ = l.id(v, phrase("scenario id"))
	}
	if v := top["kind"]; v != nil {
		s.Kind, _ = l.id(v, field("kind"))
	}
	s.Title = l.text(top["title"], field("title"))
	s.Summary = l.text(top["summary"], field("summary"))
	if v := top["duration"]; v != nil {
		var ok bool
		s.Duration, ok = l.duration(v, field("duration"))
		if ok && s.Duration == 0 {
			l.errf(v, "duration must be longer than zero")
		}
	}
	if v := top["world"]; v != nil {
		ks, vs := l.entries(v, field("world"))
		for i := range ks {
			if w := l.variable(ks[i], vs[i]); w != nil {
				s.World = append(s.World, w)
			}
		}
	}
	l.vars = map[string]bool{}
	for _, w := range s.World {
		l.vars[w.ID] = true
	}
	if v := top["personas"]; v != nil {
		s.Personas = l.personas(v)
	}
	l.personaByID = map[string]*Persona{}
	for _, p := range s.Personas {
		l.personaByID[p.ID] = p
	}
	l.extras(s, top)
	if v := top["press_conferences"]; v != nil {
		l.pressConferences(s, v)
	}
	if v := top["cases"]; v != nil {
		l.cases(s, v)
	}
	if v := top["roleplay"]; v != nil {
		s.Roleplay = l.roleplay(v)
	}
	if v := top["formats"]; v != nil {
		s.Formats = l.formats(v)
	}
	if v := top["phases"]; v != nil {
		ks, vs := l.entries(v, field("phases"))
		if len(ks) > MaxPhases {
			l.errf(v, "%d phases is more than the %d a scenario may have", len(ks), MaxPhases)
			return nil
		}
		for i := range ks {
			if p := l.phase(ks[i], vs[i]); p != nil {
				p.Index = len(s.Phases)
				s.Phases = append(s.Phases, p)
				s.phaseByID[p.ID] = p
			}
		}
		if len(ks) == 0 {
			l.errf(v, "a scenario needs at least the %q phase", StartPhase)
		}
	}
	return s
}

func (l *loader) variable(k, v *yaml.Node) *Variable {
	id, ok := l.str(k, phrase("world variable"))
	if !ok {
		return nil
	}
	if !varPattern.MatchString(id) || len(id) > 64 {
		l.errf(k, "world variable %q is not a valid name: use lower-case letters, digits and '_', starting with a letter (a '-' would read as a minus in expressions)", clip(id, 40))
		return nil
	}
	what := phrase("world variable %q", id)
	f, _, ok := l.fields(v, what, "start", "min", "max", "label", "stake")
	if !ok {
		return nil
	}
	w := &Variable{Pos: pos(k), ID: id, Min: 0, Max: 100}
	if f["min"] != nil {
		w.Min, _ = l.number(f["min"], sub(what, "min"))
	}
	if f["max"] != nil {
		w.Max, _ = l.number(f["max"], sub(what, "max"))
	}
	hasStart := false
	if f["start"] == nil {
		l.errf(k, "%s needs a start value", what)
	} else {
		w.Start, hasStart = l.number(f["start"], sub(what, "start"))
	}
	w.Label = l.text(f["label"], sub(what, "label"))
	if n := f["stake"]; n != nil {
		w.Stake, _ = l.str(n, sub(what, "stake"))
		if w.Stake != StakeHigher && w.Stake != StakeLower {
			l.errf(n, "stake of %s must be higher or lower (which way is better for the company), not %q", what, clip(w.Stake, 20))
			w.Stake = ""
		}
	}
	if w.Min >= w.Max {
		l.errf(k, "%s has min %g not below max %g", what, w.Min, w.Max)
	} else if hasStart && (w.Start < w.Min || w.Start > w.Max) {
		l.errf(f["start"], "%s starts at %g, outside its bounds [%g, %g]", what, w.Start, w.Min, w.Max)
	}
	return w
}

func (l *loader) phase(k, v *yaml.Node) *Phase {
	id, ok := l.id(k, phrase("phase"))
	if !ok {
		return nil
	}
	what := phrase("phase %q", id)
	f, _, ok := l.fields(v, what, "title", "injects", "decisions", "continue", "ending")
	if !ok {
		return nil
	}
	p := &Phase{Pos: pos(k), ID: id}
	p.Title = l.text(f["title"], sub(what, "title"))
	if n := f["injects"]; n != nil {
		if n.Kind != yaml.SequenceNode {
			l.errf(n, "injects of %s must be a list (lines starting with '- ')", what)
		} else {
			for i, c := range n.Content {
				if in := l.inject(c, id, i); in != nil {
					p.Injects = append(p.Injects, in)
				}
			}
		}
	}
	if n := f["decisions"]; n != nil {
		ks, vs := l.entries(n, fieldOf("decisions", what))
		for i := range ks {
			if d := l.decision(ks[i], vs[i]); d != nil {
				d.Phase = p
				p.Decisions = append(p.Decisions, d)
			}
		}
	}
	if n := f["continue"]; n != nil {
		cf, _, ok := l.fields(n, fieldOf("continue", what), "after", "next", "routes")
		if ok {
			c := &Continue{Pos: pos(n)}
			if cf["after"] == nil || cf["next"] == nil {
				l.errf(n, "continue of %s needs both 'after' (a time in the phase) and 'next' (a phase id)", what)
			} else {
				c.After, _ = l.duration(cf["after"], phrase("continue after"))
				c.Next, _ = l.id(cf["next"], phrase("next phase"))
				c.Routes = l.routes(cf["routes"], fieldOf("continue", what))
				p.Continue = c
			}
		}
	}
	if n := f["ending"]; n != nil {
		ef, _, ok := l.fields(n, fieldOf("ending", what), "outcome", "tone")
		if ok {
			e := &Ending{Pos: pos(n), Tone: "mixed"}
			e.Outcome = l.text(ef["outcome"], phrase("ending outcome"))
			if ef["outcome"] == nil {
				l.errf(n, "ending of %s needs an outcome text", what)
			}
			if t := ef["tone"]; t != nil {
				e.Tone, _ = l.str(t, field("tone"))
				if !contains([]string{"good", "mixed", "bad"}, e.Tone) {
					l.errf(t, "tone %q must be good, mixed or bad", clip(e.Tone, 20))
				}
			}
			p.Ending = e
		}
	}
	return p
}

func (l *loader) inject(n *yaml.Node, phase string, i int) *Inject {
	what := phrase("inject %d of phase %q", i+1, phase)
	f, _, ok := l.fields(n, what, "id", "at", "channel", "from", "text", "opens", "to", "reply", "media", "persona", "style", "hostile")
	if !ok {
		return nil
	}
	in := &Inject{Pos: pos(n), ID: fmt.Sprintf("%s#%d", phase, i+1)}
	if f["id"] != nil {
		if id, ok := l.id(f["id"], phrase("inject id")); ok {
			in.ID = id
		}
	}
	if f["at"] == nil {
		l.errf(n, "%s needs 'at', its time after the phase starts (e.g. at: 5m)", what)
	} else {
		in.At, _ = l.duration(f["at"], field("at"))
	}
	l.injectContent(n, f, what, in)
	if f["opens"] != nil {
		in.Opens, _ = l.id(f["opens"], field("opens"))
	}
	if f["hostile"] != nil {
		in.Hostile = l.boolean(f["hostile"], field("hostile"))
	}
	return in
}

// injectContent reads what every inject has, timed or not: channel, sender,
// text and the roles it is addressed to.
func (l *loader) injectContent(n *yaml.Node, f map[string]*yaml.Node, what Phrase, in *Inject) {
	if f["channel"] == nil {
		l.errf(n, "%s needs a channel (%s)", what, strings.Join(Channels, ", "))
	} else if c, ok := l.str(f["channel"], field("channel")); ok {
		if !contains(Channels, c) {
			l.errf(f["channel"], "channel %q is not known%s", clip(c, 20), suggest(c, Channels))
		}
		in.Channel = c
	}
	in.From = l.text(f["from"], field("from"))
	in.Persona = l.personaRef(f["persona"], what, &in.From)
	if f["style"] != nil {
		in.Style = l.injectStyle(f["style"], what, in.Channel)
	}
	if f["text"] == nil {
		l.errf(n, "%s needs a text", what)
	}
	in.Text, in.TextAlts = l.variedText(f["text"], field("text"))
	in.To = l.idList(f["to"], field("to"))
	if f["reply"] != nil {
		in.Reply = l.statementSpec(f["reply"], fieldOf("reply", what))
	}
	if f["media"] != nil {
		in.Media = l.media(f["media"], fieldOf("media", what))
	}
}

func (l *loader) decision(k, v *yaml.Node) *Decision {
	id, ok := l.id(k, phrase("decision"))
	if !ok {
		return nil
	}
	what := phrase("decision %q", id)
	f, _, ok := l.fields(v, what, "prompt", "at", "target", "deadline", "options", "on_timeout", "statement", "optional", "triage")
	if !ok {
		return nil
	}
	d := &Decision{Pos: pos(k), ID: id}
	if f["prompt"] == nil {
		l.errf(k, "%s needs a prompt", what)
	}
	d.Prompt = l.text(f["prompt"], field("prompt"))
	if n := f["optional"]; n != nil {
		d.Optional = l.text(n, phrase("optional (the reason a team may leave %s open)", what))
	}
	if f["at"] != nil {
		at, ok := l.duration(f["at"], field("at"))
		if ok {
			d.At = &at
		}
	}
	for _, req := range []string{"target", "deadline"} {
		if f[req] == nil {
			l.errf(k, "%s needs a %s (a time after it opens, e.g. %s: 10m)", what, req, req)
		}
	}
	okTarget, okDeadline := false, false
	if f["target"] != nil {
		d.Target, okTarget = l.duration(f["target"], field("target"))
	}
	if f["deadline"] != nil {
		d.Deadline, okDeadline = l.duration(f["deadline"], field("deadline"))
		if okDeadline && d.Deadline == 0 {
			l.errf(f["deadline"], "deadline of %s must be longer than zero", what)
		}
	}
	if okTarget && okDeadline && d.Target > d.Deadline {
		l.errf(f["target"], "target %s of %s is after its deadline %s; the target must come first", dur(d.Target), what, dur(d.Deadline))
	}
	if n := f["options"]; n == nil {
		l.errf(k, "%s needs options", what)
	} else if n.Kind != yaml.SequenceNode || len(n.Content) < 2 {
		l.errf(n, "options of %s must be a list of at least two options", what)
	} else {
		seen := map[string]int{}
		for _, c := range n.Content {
			o := l.option(c, id)
			if o == nil {
				continue
			}
			if line, dup := seen[o.ID]; dup {
				l.add(o.Pos, SevError, "option id %q appears twice in %s (first at line %d)", o.ID, what, line)
				continue
			}
			seen[o.ID] = o.Pos.Line
			d.Options = append(d.Options, o)
		}
	}
	if n := f["on_timeout"]; n != nil {
		tf, _, ok := l.fields(n, fieldOf("on_timeout", what), "scores", "effects", "next", "routes")
		if ok {
			o := &Outcome{Pos: pos(n)}
			o.Scores = l.scores(tf["scores"])
			o.Effects = l.effects(tf["effects"])
			if tf["next"] != nil {
				o.Next, _ = l.id(tf["next"], phrase("next phase"))
			}
			o.Routes = l.routes(tf["routes"], fieldOf("on_timeout", what))
			d.OnTimeout = o
		}
	}
	if n := f["statement"]; n != nil {
		d.Statement = l.statement(n, what)
	}
	if n := f["triage"]; n != nil {
		d.Triage = l.triage(n, what)
	}
	return d
}

func (l *loader) option(n *yaml.Node, decision string) *Option {
	what := phrase("an option of decision %q", decision)
	f, _, ok := l.fields(n, what, "id", "text", "scores", "effects", "claims", "next", "public", "promise", "stance", "routes")
	if !ok {
		return nil
	}
	o := &Option{Pos: pos(n), Public: true}
	if p := f["public"]; p != nil {
		o.Public = l.boolean(p, field("public"))
	}
	if f["id"] == nil {
		l.errf(n, "%s needs an id", what)
		return nil
	}
	if o.ID, ok = l.id(f["id"], phrase("option id")); !ok {
		return nil
	}
	if f["text"] == nil {
		l.errf(n, "option %q needs a text", o.ID)
	}
	o.Text = l.text(f["text"], phrase("option text"))
	o.Scores = l.scores(f["scores"])
	o.Effects = l.effects(f["effects"])
	if c := f["claims"]; c != nil {
		if c.Kind != yaml.SequenceNode {
			l.errf(c, "claims must be a list of ids")
		} else {
			for _, x := range c.Content {
				if id, ok := l.id(x, phrase("claim")); ok {
					o.Claims = append(o.Claims, id)
				}
			}
		}
	}
	if f["next"] != nil {
		o.Next, _ = l.id(f["next"], phrase("next phase"))
	}
	if p := f["promise"]; p != nil {
		o.Promise = l.promise(p, phrase("option %q", o.ID))
	}
	if st := f["stance"]; st != nil {
		o.Stance, _ = l.str(st, field("stance"))
		if !contains(Stances, o.Stance) {
			l.errf(st, "stance %q of option %q must be one of %s%s", clip(o.Stance, 20), o.ID, strings.Join(Stances, ", "), suggest(o.Stance, Stances))
			o.Stance = ""
		}
	}
	o.Routes = l.routes(f["routes"], phrase("option %q", o.ID))
	return o
}

func (l *loader) scores(n *yaml.Node) map[string]int {
	if n == nil {
		return nil
	}
	out := map[string]int{}
	ks, vs := l.entries(n, field("scores"))
	for i := range ks {
		dim := ks[i].Value
		if !contains(AuthoredDimensions, dim) {
			l.errf(ks[i], "%q is not a scored dimension%s (speed is measured from response time, not authored)", clip(dim, 30), suggest(dim, AuthoredDimensions))
			continue
		}
		f, ok := l.number(vs[i], phrase("score"))
		if !ok {
			continue
		}
		if f != math.Trunc(f) || f < MinScore || f > MaxScore {
			l.errf(vs[i], "score %g for %s must be a whole number from %d to %d", f, dim, MinScore, MaxScore)
			continue
		}
		out[dim] = int(f)
	}
	return out
}

func (l *loader) effects(n *yaml.Node) Effects {
	if n == nil {
		return nil
	}
	out := Effects{}
	ks, vs := l.entries(n, field("effects"))
	for i := range ks {
		name := ks[i].Value
		if !l.vars[name] {
			l.errf(ks[i], "effect on %q, which is not a world variable%s", clip(name, 30), suggest(name, keys(l.vars)))
			continue
		}
		v := vs[i]
		// A quoted value is an expression ("attention * -0.2"); a plain one a number.
		if v.Kind == yaml.ScalarNode && v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			if e := l.expr(v, phrase("effect on %s", name), false); e != nil {
				out[name] = Effect{Expr: e}
			}
			continue
		}
		f, ok := l.number(v, phrase("effect"))
		if !ok {
			continue
		}
		out[name] = Effect{Delta: f}
	}
	return out
}

// fmtDur writes a duration the way authors write them: 1h30m, 15m, 90s.
func fmtDur(d time.Duration) string {
	d = d.Round(time.Second)
	if d == 0 {
		return "0s"
	}
	h, m, sec := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	var b strings.Builder
	if h > 0 {
		fmt.Fprintf(&b, "%dh", h)
	}
	if m > 0 {
		fmt.Fprintf(&b, "%dm", m)
	}
	if sec > 0 {
		fmt.Fprintf(&b, "%ds", sec)
	}
	return b.String()
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
