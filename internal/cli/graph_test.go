package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/graph"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

func TestGraphPrintsDOTByDefault(t *testing.T) {
	code, out, stderr := runCLI(t, "graph", miniPath)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	sc, _, _ := scenario.LoadFile(miniPath)
	if want := graph.Build(sc, graph.Options{Lang: "en"}).DOT(); out != want {
		t.Errorf("output is not the scenario's DOT graph:\n%s", out)
	}
	// The golden file of internal/graph is the same text.
	golden, err := os.ReadFile(filepath.Join("..", "graph", "testdata", "mini.dot"))
	if err != nil {
		t.Fatal(err)
	}
	if out != string(golden) {
		t.Errorf("graph mini.yaml differs from internal/graph/testdata/mini.dot")
	}
}

func TestGraphMermaidChineseBuiltin(t *testing.T) {
	code, out, stderr := runCLI(t, "graph", "beverage-recall", "--mermaid", "--lang", "zh")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(out, "%% beverage-recall: ") || !strings.Contains(out, "\nflowchart TD\n") {
		t.Errorf("not a Mermaid flowchart:\n%.300s", out)
	}
	for _, want := range []string{`p_start["第一天：最初的帖子"]`, `p_trust_rebuilt(["结局：信任受损，但没有崩塌"])`, `"超时"`, "classDef good"} {
		if !strings.Contains(out, want) {
			t.Errorf("Mermaid output lacks %s", want)
		}
	}
}

func TestGraphFlagsAfterScenarioAndPath(t *testing.T) {
	code, out, stderr := runCLI(t, "graph", miniPath, "--option-text", "--path", "start,storm,bad-end")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{`"start" -> "calm" [label="Apologise"]`, `"storm" [label="storm", tooltip="storm", color="#1565c0", penwidth=3]`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
}

func TestGraphUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"graph"}, "exactly one SCENARIO"},
		{[]string{"graph", miniPath, miniPath}, "exactly one SCENARIO"},
		{[]string{"graph", miniPath, "--lang", "fr"}, "--lang must be en or zh"},
		{[]string{"graph", "no-such-scenario"}, "neither a scenario file nor a built-in"},
		{[]string{"graph", miniPath, "--path", "start,nowhere"}, `no phase "nowhere"`},
		{[]string{"graph", miniPath, "--bogus"}, "flag provided but not defined"},
	} {
		code, out, stderr := runCLI(t, tc.args...)
		if code != ExitUsage || out != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and %q", tc.args, code, out, stderr, tc.want)
		}
	}
	// A broken file exits 2 with its findings.
	bad := writeFile(t, "bad.yaml", "format: firebreak/1\nid: x\n")
	code, _, stderr := runCLI(t, "graph", bad)
	if code != ExitUsage || !strings.Contains(stderr, "bad.yaml:") {
		t.Errorf("broken file: exit %d, stderr %q", code, stderr)
	}
	if code, out, _ := runCLI(t, "help"); code != ExitOK || !strings.Contains(out, "firebreak graph SCENARIO") {
		t.Error("usage does not list graph")
	}
}
