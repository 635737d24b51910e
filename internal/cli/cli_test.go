package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

const miniPath = "../engine/testdata/mini.yaml"

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(args, Env{Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const miniScript = `teams: [Alpha, Bravo]
actions:
  - {at: 7m, team: Alpha, decide: first, choose: good}
  - {at: 12m30s, team: Bravo, decide: first, choose: bad}
  - {at: 13m, team: Alpha, decide: first, choose: bad}
`

func readResult(t *testing.T, dir string) Result {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "result.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r Result
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// playScript writes script as name and plays scenarioPath with it into a
// fresh directory, failing unless the command succeeds; it returns the
// result, the directory and what the command printed on stderr.
func playScript(t *testing.T, scenarioPath, name, script string) (Result, string, string) {
	t.Helper()
	dir := t.TempDir()
	code, _, stderr := runCLI(t, "play", scenarioPath, "--script", writeFile(t, name, script), "--db", filepath.Join(dir, "x.db"), "--out", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	return readResult(t, dir), dir, stderr
}

// parseAction parses a script for team Alpha whose one action is action.
func parseAction(action string, sc *scenario.Scenario) error {
	_, err := ParseScript("s.yaml", []byte("teams: [Alpha]\nactions:\n  - "+action+"\n"), sc)
	return err
}

func TestPlayWritesResultAndDebrief(t *testing.T) {
	r, dir, stderr := playScript(t, miniPath, "s.yaml", miniScript)
	if r.Scenario != "mini" || len(r.Teams) != 2 {
		t.Fatalf("result: %+v", r)
	}
	alpha, bravo := r.Teams[0], r.Teams[1]
	if alpha.Ending != "good-end" || !reflect.DeepEqual(alpha.Path, []string{"start", "calm", "good-end"}) {
		t.Errorf("Alpha: ending %s path %v", alpha.Ending, alpha.Path)
	}
	if d := alpha.Decisions[0]; d.Option != "good" || d.AtSeconds != 420 || d.ResponseSeconds != 120 {
		t.Errorf("Alpha's decision: %+v (want good at 420 s after 120 s)", d)
	}
	if bravo.Ending != "bad-end" || len(bravo.Decisions) != 2 || !bravo.Decisions[1].TimedOut {
		t.Errorf("Bravo should deny, miss 'second' and reach bad-end: %+v", bravo)
	}
	if alpha.Scores["overall"] <= bravo.Scores["overall"] {
		t.Errorf("the apologising team must outscore the denying one: %v vs %v", alpha.Scores, bravo.Scores)
	}
	// Alpha's second choice comes after it already decided: skipped with a warning.
	if len(r.Skipped) != 1 || r.Skipped[0].Action != 3 || !strings.Contains(stderr, "action 3") {
		t.Errorf("action 3 should be skipped and warned about; skipped %+v, stderr %q", r.Skipped, stderr)
	}
	md, err := os.ReadFile(filepath.Join(dir, "debrief.md"))
	if err != nil || !strings.Contains(string(md), "# Debrief — Mini") {
		t.Errorf("debrief.md missing or wrong: %v", err)
	}
}

func TestPlayRefusesBadScripts(t *testing.T) {
	cases := []struct{ name, script, want string }{
		{"unknown team", "teams: [Alpha]\nactions:\n  - {at: 1m, team: Zulu, decide: first, choose: good}\n", `s.yaml:3:`},
		{"unknown decision", "teams: [Alpha]\nactions:\n  - {at: 1m, team: Alpha, decide: nope, choose: good}\n", `no decision "nope"`},
		{"unknown option", "teams: [Alpha]\nactions:\n  - {at: 1m, team: Alpha, decide: first, choose: nope}\n", `no option "nope" (options: good, bad)`},
		{"duplicate teams", "teams: [Alpha, Alpha]\nactions: []\n", "both called"},
		{"empty team", "teams: [Alpha, '']\nactions: []\n", "empty name"},
		{"bad time", "teams: [Alpha]\nactions:\n  - {at: soon, team: Alpha, decide: first, choose: good}\n", `"soon" is not a time`},
		{"after the end", "teams: [Alpha]\nactions:\n  - {at: 3h, team: Alpha, decide: first, choose: good}\n", "after the scenario ends"},
		{"unknown field", "teams: [Alpha]\nactionz: []\n", "actionz"},
		{"garbage", "\x00\x01\x02: [", "s.yaml"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			script := writeFile(t, "s.yaml", c.script)
			code, _, stderr := runCLI(t, "play", miniPath, "--script", script, "--db", filepath.Join(dir, "x.db"), "--out", dir)
			if code != ExitUsage || !strings.Contains(stderr, c.want) {
				t.Fatalf("exit %d, stderr %q; want exit 2 mentioning %q", code, stderr, c.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "x.db")); err == nil {
				t.Error("nothing may be started for a bad script")
			}
		})
	}
}

func TestLint(t *testing.T) {
	good := miniPath
	bad := writeFile(t, "bad.yaml", "format: firebreak/1\nid: bad\ntitle: x\nlanguages: [en]\nduration: 10m\nphases:\n  start:\n    continue: {after: 1m, next: nowhere}\n")
	if code, out, _ := runCLI(t, "lint", good); code != ExitOK || out != "" {
		t.Errorf("clean file: exit %d, output %q", code, out)
	}
	code, out, _ := runCLI(t, "lint", good, bad)
	if code != ExitFail {
		t.Errorf("a file with errors must exit 1, got %d", code)
	}
	if !strings.Contains(out, "bad.yaml:8:15: error: continue of phase \"start\" goes to phase \"nowhere\"") {
		t.Errorf("want a positioned message about the missing phase, got:\n%s", out)
	}
}

func TestInspectJSON(t *testing.T) {
	code, out, stderr := runCLI(t, "inspect", miniPath, "--json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got inspectJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.ID != "mini" || got.Counts.Decisions != 2 || got.Counts.Endings != 2 || !reflect.DeepEqual(got.LanguagesFull, []string{"en", "zh"}) {
		t.Fatalf("inspect: %+v", got)
	}
	if got.Phases[0].Decisions[0].Options[0].Scores["transparency"] != 3 {
		t.Fatalf("option scores missing: %+v", got.Phases[0].Decisions[0])
	}
	if code, _, stderr := runCLI(t, "inspect", "no-such-scenario"); code != ExitUsage || !strings.Contains(stderr, "built-in") {
		t.Fatalf("unknown scenario: exit %d, %q", code, stderr)
	}
}

// TestPlayResumesAfterKill kills a paced headless run mid-exercise and checks
// that running the same command again resumes it with the same result as an
// uninterrupted run.
func TestPlayResumesAfterKill(t *testing.T) {
	// 60 exercise minutes at 600× take 6 s; kill after about 2 s (past the
	// first choices at 7m and 12m30s, before the end).
	checkPlayResumesAfterKill(t, "FIREBREAK_PLAY_CHILD", miniPath, miniScript, "600", 2*time.Second)
}

// checkPlayResumesAfterKill plays script on the scenario at speed in a child
// process (this test again, with the child variable set), kills it after
// killAfter, plays it again to its end and checks the result is that of an
// uninterrupted run.
func checkPlayResumesAfterKill(t *testing.T, child, scenarioPath, scriptText, speed string, killAfter time.Duration) {
	t.Helper()
	if os.Getenv(child) != "" {
		args := strings.Split(os.Getenv(child), "\x1f")
		os.Exit(Run(args, Env{Stdout: os.Stdout, Stderr: os.Stderr}))
	}
	script := writeFile(t, "s.yaml", scriptText)
	ref := t.TempDir()
	if code, _, stderr := runCLI(t, "play", scenarioPath, "--script", script, "--db", filepath.Join(ref, "x.db"), "--out", ref); code != 0 {
		t.Fatal(stderr)
	}
	want := readResult(t, ref)

	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	args := []string{"play", scenarioPath, "--script", script, "--db", db, "--out", dir, "--speed", speed}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$")
	cmd.Env = append(os.Environ(), child+"="+strings.Join(args, "\x1f"))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(killAfter)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if _, err := os.Stat(filepath.Join(dir, "result.json")); err == nil {
		t.Fatal("the child finished before it was killed; the test proves nothing")
	}

	code, stdout, stderr := runCLI(t, "play", scenarioPath, "--script", script, "--db", db, "--out", dir)
	if code != 0 {
		t.Fatal(stderr)
	}
	got := readResult(t, dir)
	if !got.Resumed {
		t.Fatalf("the second run should resume the interrupted exercise: %s", stdout)
	}
	got.Exercise, got.Resumed, want.Exercise = "", false, ""
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", " ")
		w, _ := json.MarshalIndent(want, "", " ")
		t.Fatalf("resumed result differs from an uninterrupted run:\n%s\nwant\n%s", g, w)
	}
}

func TestBuiltinScenariosLintClean(t *testing.T) {
	list, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) == 0 {
		t.Fatal("no built-in scenarios embedded")
	}
	for _, e := range list {
		if _, probs := scenario.Parse(e.File, e.Source); len(probs) > 0 {
			t.Errorf("%s is not lint-clean:\n%v", e.ID, probs)
		}
	}
}

func TestAnalyze(t *testing.T) {
	code, out, stderr := runCLI(t, "analyze", miniPath)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "7 ways through") || !strings.Contains(out, "best  100.0 good-end") {
		t.Fatalf("analyze output:\n%s", out)
	}
	code, out, _ = runCLI(t, "analyze", miniPath, "--json")
	var reports []map[string]any
	if code != ExitOK || json.Unmarshal([]byte(out), &reports) != nil || len(reports) != 2 {
		t.Fatalf("analyze --json: exit %d\n%s", code, out)
	}
}
