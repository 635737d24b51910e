package graph

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func load(t *testing.T, path string) *scenario.Scenario {
	t.Helper()
	sc, probs, err := scenario.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if sc == nil {
		t.Fatalf("%s does not load:\n%v", path, probs)
	}
	return sc
}

func parse(t *testing.T, src string) *scenario.Scenario {
	t.Helper()
	sc, probs := scenario.Parse("test.yaml", []byte(src))
	if sc == nil {
		t.Fatalf("test scenario does not load:\n%v", probs)
	}
	return sc
}

var miniPath = filepath.Join("..", "engine", "testdata", "mini.yaml")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/graph -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (run with -update if the change is intended)\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestGoldenMini(t *testing.T) {
	sc := load(t, miniPath)
	en := Build(sc, Options{Lang: "en"})
	golden(t, "mini.dot", en.DOT())
	golden(t, "mini.mmd", en.Mermaid())

	zh := Build(sc, Options{Lang: "zh", OptionText: true})
	golden(t, "mini.zh.dot", zh.DOT())
	golden(t, "mini.zh.mmd", zh.Mermaid())

	// A team that let the first decision time out, then doubled down.
	en.Highlight([]string{"start", "storm", "bad-end"}, []string{TimeoutKey("first"), OptionKey("second", "double-down")})
	golden(t, "mini.path.dot", en.DOT())
	golden(t, "mini.path.mmd", en.Mermaid())

	// Rendering twice gives the same text (map iteration must not leak into it).
	dot1, mmd1 := en.DOT(), en.Mermaid()
	for range 5 {
		if dot2, mmd2 := en.DOT(), en.Mermaid(); dot2 != dot1 || mmd2 != mmd1 {
			t.Fatal("rendering is not deterministic")
		}
	}
}

func TestBuildMini(t *testing.T) {
	g := Build(load(t, miniPath), Options{Lang: "en"})
	var nodes []string
	for _, n := range g.Nodes {
		nodes = append(nodes, fmt.Sprintf("%s:%d:%s", n.ID, n.Depth, n.Tone))
	}
	if got, want := strings.Join(nodes, " "), "start:0: calm:1: storm:1: good-end:2:good bad-end:2:bad"; got != want {
		t.Errorf("nodes = %s, want %s", got, want)
	}
	var edges []string
	for _, e := range g.Edges {
		edges = append(edges, fmt.Sprintf("%s>%s:%s:%s", e.From, e.To, e.Kind, e.Label))
	}
	want := []string{
		"start>calm:option:good", "start>storm:option:bad", "start>storm:timeout:timeout",
		"calm>good-end:continue:after 10m",
		"storm>good-end:option:apologise", "storm>bad-end:option:double-down", "storm>bad-end:timeout:timeout",
	}
	if !slices.Equal(edges, want) {
		t.Errorf("edges:\n got %q\nwant %q", edges, want)
	}
	zh := Build(load(t, miniPath), Options{Lang: "zh", OptionText: true})
	if got := zh.Edges[0].Label + "|" + zh.Edges[2].Label + "|" + zh.Edges[3].Label; got != "道歉|超时|10分钟后" {
		t.Errorf("Chinese labels = %s", got)
	}
}

func TestHighlightPicksTheEdgeTaken(t *testing.T) {
	g := Build(load(t, miniPath), Options{})
	g.Highlight([]string{"start", "storm", "bad-end"}, []string{TimeoutKey("first"), OptionKey("second", "double-down")})
	var on []string
	for i, e := range g.Edges {
		if g.EdgeOnPath(i) {
			on = append(on, e.Key())
		}
	}
	if want := []string{"first!timeout", "second.double-down"}; !slices.Equal(on, want) {
		t.Errorf("edges on the path = %q, want %q", on, want)
	}
	if !g.NodeOnPath("storm") || g.NodeOnPath("calm") {
		t.Error("wrong phases on the path")
	}

	// Without choices, every edge between two path phases is marked (a
	// continue has no choice).
	g.Highlight([]string{"start", "calm", "good-end"}, nil)
	on = nil
	for i, e := range g.Edges {
		if g.EdgeOnPath(i) {
			on = append(on, e.Key())
		}
	}
	if want := []string{"first.good", "calm!continue"}; !slices.Equal(on, want) {
		t.Errorf("edges on the path = %q, want %q", on, want)
	}
	g.Highlight(nil, nil)
	if g.Highlighted() || g.EdgeOnPath(0) {
		t.Error("a nil path does not clear the highlight")
	}
}

// Every phase and every way between phases of the flagship scenario is in
// both renderings.
func TestBeverageRecallComplete(t *testing.T) {
	sc := load(t, filepath.Join("..", "..", "scenarios", "beverage-recall.yaml"))
	for _, lang := range []string{"en", "zh"} {
		g := Build(sc, Options{Lang: lang})
		dot, mmd := g.DOT(), g.Mermaid()
		dotLines, mmdLines := strings.Split(dot, "\n"), strings.Split(mmd, "\n")
		has := func(lines []string, prefix string) bool {
			return slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, prefix) })
		}
		count := func(lines []string, prefix string) int {
			n := 0
			for _, l := range lines {
				if strings.HasPrefix(l, prefix) {
					n++
				}
			}
			return n
		}
		wantEdges := 0
		for _, p := range sc.Phases {
			title := p.Title.Get(lang)
			if title == "" {
				title = p.ID
			}
			if !has(dotLines, fmt.Sprintf("  %q [label=", p.ID)) {
				t.Errorf("%s: DOT has no node %s", lang, p.ID)
			}
			if !strings.Contains(strings.ReplaceAll(dot, `\n`, " "), title) {
				t.Errorf("%s: DOT lacks the title of %s: %q", lang, p.ID, title)
			}
			if !has(mmdLines, fmt.Sprintf(`    %s["%s"]`, mermaidID(p.ID), mermaidText(title))) &&
				!has(mmdLines, fmt.Sprintf(`    %s(["%s"])`, mermaidID(p.ID), mermaidText(title))) {
				t.Errorf("%s: Mermaid has no node %s titled %q", lang, p.ID, title)
			}
			edge := func(to, label, dotStyle, arrow string) {
				wantEdges++
				d := fmt.Sprintf("  %q -> %q [label=%q%s", p.ID, to, label, dotStyle)
				if !has(dotLines, d) {
					t.Errorf("%s: DOT lacks the edge %s", lang, d)
				}
				m := fmt.Sprintf(`    %s %s|"%s"| %s`, mermaidID(p.ID), arrow, mermaidText(label), mermaidID(to))
				if !has(mmdLines, m) {
					t.Errorf("%s: Mermaid lacks the edge %s", lang, m)
				}
			}
			for _, d := range p.Decisions {
				prefix := ""
				if len(p.Decisions) > 1 {
					prefix = d.ID + ": "
				}
				// A conditional route reads "<label> if <condition>".
				route := func(label, when string) string {
					return map[string]string{"en": label + " if " + when, "zh": label + "（当 " + when + "）"}[lang]
				}
				for _, o := range d.Options {
					if o.Next != "" {
						edge(o.Next, prefix+o.ID, "]", "-->")
					}
					for _, r := range o.Routes {
						edge(r.Next, route(prefix+o.ID, r.When.Src), "]", "-->")
					}
				}
				if d.OnTimeout != nil {
					timeout := prefix + map[string]string{"en": "timeout", "zh": "超时"}[lang]
					if d.OnTimeout.Next != "" {
						edge(d.OnTimeout.Next, timeout, ", style=dashed]", "-.->")
					}
					for _, r := range d.OnTimeout.Routes {
						edge(r.Next, route(timeout, r.When.Src), ", style=dashed]", "-.->")
					}
				}
			}
			if p.Continue != nil {
				edge(p.Continue.Next, g.Edges[slices.IndexFunc(g.Edges, func(e Edge) bool {
					return e.From == p.ID && e.Kind == EdgeContinue
				})].Label, ", style=dotted]", "-.->")
			}
		}
		if n := count(dotLines, "  \""); n != len(sc.Phases)+wantEdges {
			t.Errorf("%s: DOT has %d node and edge lines, want %d", lang, n, len(sc.Phases)+wantEdges)
		}
		if n := count(mmdLines, "    p_") - len(sc.Phases); n != wantEdges {
			t.Errorf("%s: Mermaid has %d edges, want %d", lang, n, wantEdges)
		}
		if wantEdges < 20 {
			t.Errorf("%s: only %d edges checked; is the scenario loaded?", lang, wantEdges)
		}
		checkDOTWithGraphviz(t, dot, nil)
	}
}

// tricky is the mini scenario with titles that need escaping.
func tricky(t *testing.T) *scenario.Scenario {
	src, err := os.ReadFile(miniPath)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(src), "  start:\n", "  start:\n    title: {en: \"Say \\\"no\\\" <b>&</b> #1 | a\\\\b\", zh: \"说“不”：<危机> \\\"引号\\\"\"}\n", 1)
	s = strings.Replace(s, "  calm:\n", "  calm:\n    title: \"`code` %% end\\nsecond line\"\n", 1)
	return parse(t, s)
}

func TestEscaping(t *testing.T) {
	sc := tricky(t)
	if got := sc.Phase("start").Title.Get("en"); got != `Say "no" <b>&</b> #1 | a\b` {
		t.Fatalf("test title = %q", got)
	}
	g := Build(sc, Options{Lang: "en"})
	dot := g.DOT()
	if !strings.Contains(dot, `"start" [label="Say \"no\" <b>&</b> #1 | a\\b",`) {
		t.Errorf("DOT title not escaped as expected:\n%s", dot)
	}
	if !strings.Contains(dot, `"calm" [label="`+"`code` %% end second line"+`"`) {
		t.Errorf("DOT: a line break in a title is not folded:\n%s", dot)
	}
	mmd := g.Mermaid()
	if !strings.Contains(mmd, `p_start["Say #quot;no#quot; #lt;b#gt;#amp;#lt;/b#gt; #35;1 #124; a\b"]`) {
		t.Errorf("Mermaid title not escaped as expected:\n%s", mmd)
	}
	if !strings.Contains(mmd, "p_calm[\"#96;code#96; %% end second line\"]") {
		t.Errorf("Mermaid: backticks or line break not escaped:\n%s", mmd)
	}
	for _, l := range strings.Split(mmd, "\n")[1:] {
		if strings.Count(l, `"`)%2 != 0 {
			t.Errorf("Mermaid line with an odd number of quotes: %s", l)
		}
	}
	zh := Build(sc, Options{Lang: "zh"})
	zdot := zh.DOT()
	if !strings.Contains(zdot, `label="说“不”：<危机> \"引号\""`) {
		t.Errorf("Chinese DOT title:\n%s", zdot)
	}
	if !strings.Contains(zh.Mermaid(), `p_start["说“不”：#lt;危机#gt; #quot;引号#quot;"]`) {
		t.Errorf("Chinese Mermaid title:\n%s", zh.Mermaid())
	}
	checkDOTWithGraphviz(t, dot, []string{`Say &quot;no&quot; &lt;b&gt;&amp;&lt;/b&gt; #1 | a\b`})
	checkDOTWithGraphviz(t, zdot, []string{`说“不”：&lt;危机&gt; &quot;引号&quot;`})
}

// checkDOTWithGraphviz lays the graph out with Graphviz and looks for texts
// in the SVG it draws. Graphviz is a test dependency (scripts/install-deps.sh).
func checkDOTWithGraphviz(t *testing.T, dot string, want []string) {
	t.Helper()
	bin, err := exec.LookPath("dot")
	if err != nil {
		t.Fatal("Graphviz's dot is needed to check the DOT output: apt-get install graphviz (scripts/install-deps.sh does)")
	}
	cmd := exec.Command(bin, "-Tsvg")
	cmd.Stdin = strings.NewReader(dot)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || strings.Contains(stderr.String(), "rror") {
		t.Fatalf("dot refuses the graph: %v\n%s\n%s", err, stderr.String(), dot)
	}
	for _, w := range want {
		if !strings.Contains(string(out), w) {
			t.Errorf("the SVG lacks %q", w)
		}
	}
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		want  []string
	}{
		{"Day 1: the first posts", 28, []string{"Day 1: the first posts"}},
		{"Ending: the regulator acted when you did not", 28, []string{"Ending: the regulator", "acted when you did not"}},
		{"结局：企业不作为，监管来作为", 12, []string{"结局：", "企业不作为，", "监管来作为"}},
		{"第一天傍晚：化验结果出来了", 24, []string{"第一天傍晚：", "化验结果出来了"}},
		{"结局：企业不作为，监管来作为", 20, []string{"结局：企业不作为，", "监管来作为"}},
		{"Supercalifragilisticexpialidocious x", 10, []string{"Supercalifragilisticexpialidocious", "x"}},
		{"第一天：the first posts", 12, []string{"第一天：the", "first posts"}},
		{"  ", 10, []string{""}},
	} {
		if got := Wrap(tc.in, tc.width); !slices.Equal(got, tc.want) {
			t.Errorf("Wrap(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
	}
}
