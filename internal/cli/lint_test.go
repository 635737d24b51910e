package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// badScenario has one error: continue goes to a missing phase (8:15).
const badScenario = "format: firebreak/1\nid: bad\ntitle: x\nlanguages: [en]\nduration: 10m\nphases:\n  start:\n    continue: {after: 1m, next: nowhere}\n  end:\n    ending: {outcome: Done}\n"

// warnScenario loads, with one warning: decision "d" has no on_timeout.
const warnScenario = `format: firebreak/1
id: warn
title: x
languages: [en]
duration: 10m
phases:
  start:
    decisions:
      d:
        prompt: Go?
        at: 0s
        target: 1m
        deadline: 2m
        options:
          - {id: a, text: A, scores: {empathy: 1}, next: end}
          - {id: b, text: B, scores: {empathy: -1, transparency: 1}, next: end}
    continue: {after: 5m, next: end}
  end:
    ending: {outcome: Done}
`

func TestLintJSON(t *testing.T) {
	bad := writeFile(t, "bad.yaml", badScenario)
	warn := writeFile(t, "warn.yaml", warnScenario)
	quoted := writeFile(t, "quoted.yaml", strings.Replace(badScenario, "id: bad", `id: "<b&d>"`, 1))
	missing := filepath.Join(t.TempDir(), "missing.yaml")

	badFinding := Finding{File: bad, Line: 8, Col: 15, Severity: "error",
		Message: `continue of phase "start" goes to phase "nowhere", which does not exist; known: start, end`}
	warnFinding := Finding{File: warn, Line: 9, Col: 7, Severity: "warning",
		Message: `decision "d" has no on_timeout: a team that misses the deadline simply stays in phase "start"`}

	cases := []struct {
		name     string
		args     []string
		code     int
		want     []Finding // nil: check only wantSome
		wantSome []string  // substrings of the raw output
	}{
		{"clean file prints an empty array", []string{"lint", "--format", "json", miniPath}, ExitOK, []Finding{}, []string{"[]"}},
		{"warnings only exit 0", []string{"lint", "--format", "json", warn}, ExitOK, []Finding{warnFinding}, nil},
		{"errors exit 1", []string{"lint", "--format", "json", bad}, ExitFail, []Finding{badFinding}, nil},
		{"flag after the files", []string{"lint", bad, "--format=json"}, ExitFail, []Finding{badFinding}, nil},
		{"several files in one array", []string{"lint", "--format", "json", miniPath, warn, bad}, ExitFail, []Finding{warnFinding, badFinding}, nil},
		{"unreadable file is a finding", []string{"lint", "--format", "json", missing, miniPath}, ExitFail, nil,
			[]string{`"file": "` + missing + `"`, `"line": 0`, `"col": 0`, `"severity": "error"`, "no such file"}},
		{"no HTML escaping", []string{"lint", "--format", "json", quoted}, ExitFail, nil, []string{`\"<b&d>\" is not a valid id`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, stderr := runCLI(t, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, c.code, stderr)
			}
			if stderr != "" {
				t.Errorf("JSON mode wrote to stderr: %q", stderr)
			}
			// Exactly the five keys, in every finding.
			var raw []map[string]any
			if err := json.Unmarshal([]byte(out), &raw); err != nil {
				t.Fatalf("output is not a JSON array: %v\n%s", err, out)
			}
			for _, f := range raw {
				keys := make([]string, 0, len(f))
				for k := range f {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				if want := []string{"col", "file", "line", "message", "severity"}; !reflect.DeepEqual(keys, want) {
					t.Errorf("finding has keys %v, want %v", keys, want)
				}
			}
			dec := json.NewDecoder(strings.NewReader(out))
			dec.DisallowUnknownFields()
			var got []Finding
			if err := dec.Decode(&got); err != nil {
				t.Fatal(err)
			}
			if c.want != nil && !reflect.DeepEqual(got, c.want) {
				g, _ := json.MarshalIndent(got, "", "  ")
				w, _ := json.MarshalIndent(c.want, "", "  ")
				t.Errorf("findings:\n%s\nwant:\n%s", g, w)
			}
			for _, s := range c.wantSome {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q:\n%s", s, out)
				}
			}
		})
	}
}

// TestLintJSONMatchesText checks that both formats report the same findings.
func TestLintJSONMatchesText(t *testing.T) {
	bad := writeFile(t, "bad.yaml", badScenario)
	warn := writeFile(t, "warn.yaml", warnScenario)
	textCode, text, _ := runCLI(t, "lint", miniPath, warn, bad)
	jsonCode, out, _ := runCLI(t, "lint", "--format", "json", miniPath, warn, bad)
	if textCode != jsonCode {
		t.Errorf("text exits %d, json %d", textCode, jsonCode)
	}
	var got []Finding
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, f := range got {
		lines = append(lines, fmt.Sprintf("%s:%d:%d: %s: %s", f.File, f.Line, f.Col, f.Severity, f.Message))
	}
	if want := strings.TrimSuffix(text, "\n"); strings.Join(lines, "\n") != want {
		t.Errorf("json findings as text:\n%s\ntext output:\n%s", strings.Join(lines, "\n"), want)
	}
}

func TestLintUsage(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"unknown format", []string{"lint", "--format", "xml", miniPath}, `--format must be text or json, not "xml"`},
		{"no files", []string{"lint", "--format", "json"}, "lint needs at least one scenario file"},
		{"format without value", []string{"lint", miniPath, "--format"}, "flag needs an argument"},
		{"unknown flag", []string{"lint", "--max-warnings", "3", miniPath}, "flag provided but not defined"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, stderr := runCLI(t, c.args...)
			if code != ExitUsage {
				t.Errorf("exit %d, want %d", code, ExitUsage)
			}
			if out != "" {
				t.Errorf("usage errors print nothing on stdout, got %q", out)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("stderr lacks %q:\n%s", c.want, stderr)
			}
		})
	}
}
