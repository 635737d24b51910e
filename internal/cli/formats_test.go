package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPlayAVersion plays the airline scenario's 30-minute cut: chosen in
// the script, or on the command line (which wins), recorded in
// result.json and named in the debrief's header.
func TestPlayAVersion(t *testing.T) {
	cases := []struct {
		name, script string
		flags        []string
		difficulty   string
		header       string
	}{
		{"script", "teams: [Alpha]\ncut: short\ndifficulty: hard\nactions: []\n", nil, "hard",
			"- **Version:** 30-minute version, hard difficulty\n"},
		{"flag wins", "teams: [Alpha]\ncut: short\ndifficulty: hard\nactions: []\n", []string{"--difficulty", "easy", "--lang", "zh"}, "easy",
			"- **版本：**30分钟版，简单难度\n"},
		{"flags only", "teams: [Alpha]\nactions: []\n", []string{"--cut", "short"}, "standard",
			"- **Version:** 30-minute version, standard difficulty\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			script := writeFile(t, "s.yaml", c.script)
			args := append([]string{"play", "airline-disruption", "--script", script, "--db", filepath.Join(dir, "x.db"), "--out", dir}, c.flags...)
			code, _, stderr := runCLI(t, args...)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			r := readResult(t, dir)
			if r.Cut != "short" || r.Difficulty != c.difficulty {
				t.Errorf("result.json: cut %q, difficulty %q; want short, %s", r.Cut, r.Difficulty, c.difficulty)
			}
			// A team that never answers still reaches an ending within the cut's 30 minutes.
			if a := r.Teams[0]; a.Ending == "time-up" || len(a.Path) < 3 {
				t.Errorf("the silent team ends %q via %v", a.Ending, a.Path)
			}
			md, err := os.ReadFile(filepath.Join(dir, "debrief.md"))
			if err != nil || !strings.Contains(string(md), c.header) {
				t.Errorf("debrief.md has no %q:\n%.600s", c.header, md)
			}
		})
	}
}

func TestPlayRefusesAnUnknownVersion(t *testing.T) {
	cases := []struct {
		name, script string
		flags        []string
		want         string
	}{
		{"cut in the script", "teams: [Alpha]\ncut: long\n", nil, `s.yaml:2:6: the scenario has no such cut: "long"; scenario airline-disruption has cuts full, short and difficulties easy, standard, hard`},
		{"difficulty in the script", "teams: [Alpha]\ndifficulty: brutal\n", nil, `s.yaml:2:13: no such difficulty: "brutal"`},
		{"flag", "teams: [Alpha]\n", []string{"--cut", "long"}, `no such cut: "long"`},
		// Actions are still checked (against the version played).
		{"action", "teams: [Alpha]\ncut: short\nactions:\n  - {at: 1m, team: Alpha, decide: nope, choose: x}\n", nil, `no decision "nope"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			script := writeFile(t, "s.yaml", c.script)
			args := append([]string{"play", "airline-disruption", "--script", script, "--db", filepath.Join(dir, "x.db"), "--out", dir}, c.flags...)
			code, _, stderr := runCLI(t, args...)
			if code != ExitUsage || !strings.Contains(stderr, c.want) {
				t.Fatalf("exit %d, stderr %q; want exit 2 with %q", code, stderr, c.want)
			}
		})
	}
}

func TestAnalyzeAVersion(t *testing.T) {
	code, out, stderr := runCLI(t, "analyze", "airline-disruption", "--cut", "short", "--difficulty", "easy")
	if code != ExitOK {
		t.Fatalf("exit %d: %s\n%s", code, stderr, out)
	}
	if !strings.Contains(out, "airline-disruption (short, easy) (answering prompt)") || strings.Contains(out, "run out of time") {
		t.Errorf("analyze of the cut:\n%s", out)
	}
	for _, bad := range [][]string{{"--cut", "long"}, {"--difficulty", "brutal"}} {
		code, _, stderr := runCLI(t, append([]string{"analyze", "airline-disruption"}, bad...)...)
		if code != ExitUsage || !strings.Contains(stderr, "no such") {
			t.Errorf("analyze %v: exit %d, %q", bad, code, stderr)
		}
	}
}

// TestLANHostsAVersion: `host --cut --difficulty` plays that version, and
// the team laptop, which folds the host's log, follows it to the same
// ending within the cut's 30 minutes.
func TestLANHostsAVersion(t *testing.T) {
	t.Parallel() // a real-time exercise at speed 600, beside the others
	dir := t.TempDir()
	script := writeFile(t, "s.yaml", "teams: [Alpha]\nactions: []\n")
	hostOut := filepath.Join(dir, "host")
	host := startProc(t, "host", "host", "airline-disruption", "--teams", "Alpha", "--listen", "127.0.0.1:0",
		"--db", filepath.Join(dir, "host.db"), "--out", hostOut, "--speed", "600", "--cut", "short", "--difficulty", "hard")
	hl := hostLine(t, host)
	alpha := startProc(t, "alpha", "join", hl.Address, "--code", hl.Code, "--team", "Alpha", "--script", script)
	for _, p := range []*proc{alpha, host} {
		if code := p.wait(t, 90*time.Second); code != 0 {
			t.Fatalf("%s exited %d; stderr:\n%s", p.name, code, p.stderr())
		}
	}
	got := readResult(t, hostOut)
	if got.Cut != "short" || got.Difficulty != "hard" || got.Teams[0].Ending == "time-up" {
		t.Fatalf("host result: cut %q, difficulty %q, ending %q", got.Cut, got.Difficulty, got.Teams[0].Ending)
	}
	var ending string
	for _, l := range alpha.stdout() {
		var jl JoinLine
		if err := json.Unmarshal([]byte(l), &jl); err == nil && jl.Type == "ended" {
			ending = jl.Ending
		}
	}
	if ending != got.Teams[0].Ending {
		t.Errorf("the team laptop ended at %q, the host at %q", ending, got.Teams[0].Ending)
	}
}
