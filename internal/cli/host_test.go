package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/discovery"
)

// lanScript has its choices well inside the decisions' windows, so a
// networked run at 600× makes the same choices as a headless one.
const lanScript = `teams: [Alpha, Bravo]
actions:
  - {at: 8m, team: Alpha, decide: first, choose: good}
  - {at: 11m, team: Bravo, decide: first, choose: bad}
  - {at: 13m, team: Alpha, decide: first, choose: bad}
  - {at: 16m, team: Bravo, decide: second, choose: apologise}
`

// TestLANHelperProcess is not a test: the LAN tests run the host and the
// team laptops as separate processes of the test binary through it.
func TestLANHelperProcess(t *testing.T) {
	if os.Getenv("FB_LAN_HELPER") != "1" {
		return // run as a test, it has nothing to do
	}
	var args []string
	if err := json.Unmarshal([]byte(os.Getenv("FB_LAN_ARGS")), &args); err != nil || len(args) == 0 {
		os.Exit(99)
	}
	env := Env{Stdout: os.Stdout, Stderr: os.Stderr}
	var code int
	switch args[0] {
	case "host":
		code = hostCmd(args[1:], env)
	case "join":
		code = joinCmd(args[1:], env)
	default:
		code = Run(args, env)
	}
	os.Exit(code)
}

// proc is a helper process.
type proc struct {
	name  string
	cmd   *exec.Cmd
	lines chan string
	mu    sync.Mutex
	out   []string
	errb  bytes.Buffer
	done  chan struct{}
	err   error
}

func startProc(t *testing.T, name string, args ...string) *proc {
	t.Helper()
	a, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^TestLANHelperProcess$")
	cmd.Env = append(os.Environ(), "FB_LAN_HELPER=1", "FB_LAN_ARGS="+string(a))
	p := &proc{name: name, cmd: cmd, lines: make(chan string, 1000), done: make(chan struct{})}
	cmd.Stderr = &lockedWriter{mu: &p.mu, w: &p.errb}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			p.mu.Lock()
			p.out = append(p.out, sc.Text())
			p.mu.Unlock()
			select {
			case p.lines <- sc.Text():
			default:
			}
		}
		p.err = cmd.Wait()
		close(p.lines)
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = cmd.Process.Kill()
			<-p.done
		}
		if t.Failed() {
			t.Logf("%s stdout:\n%s\n%s stderr:\n%s", name, strings.Join(p.stdout(), "\n"), name, p.stderr())
		}
	})
	return p
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

func (p *proc) stdout() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.out...)
}

func (p *proc) stderr() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.errb.String()
}

// next waits for a stdout line that contains want.
func (p *proc) next(t *testing.T, want string, d time.Duration) string {
	t.Helper()
	timeout := time.After(d)
	for {
		select {
		case l, ok := <-p.lines:
			if !ok {
				t.Fatalf("%s exited (%v) before printing %q; stderr:\n%s", p.name, p.err, want, p.stderr())
			}
			if strings.Contains(l, want) {
				return l
			}
		case <-timeout:
			t.Fatalf("%s printed no %q within %s; stderr:\n%s", p.name, want, d, p.stderr())
		}
	}
}

func (p *proc) wait(t *testing.T, d time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(d):
		t.Fatalf("%s did not finish within %s; stderr:\n%s", p.name, d, p.stderr())
	}
	if p.err == nil {
		return 0
	}
	if ee, ok := p.err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	t.Fatalf("%s: %v", p.name, p.err)
	return -1
}

func hostLine(t *testing.T, p *proc) HostLine {
	t.Helper()
	var hl HostLine
	l := p.next(t, `"address"`, 60*time.Second)
	if err := json.Unmarshal([]byte(l), &hl); err != nil || hl.Address == "" || hl.Code == "" || hl.Exercise == "" ||
		hl.JoinCode == "" || !strings.HasPrefix(hl.Code, hl.JoinCode+"-") {
		t.Fatalf("host line %q: %v", l, err)
	}
	return hl
}

// sameDecisions compares what the teams decided and how they ended.
func sameDecisions(t *testing.T, want, got Result) {
	t.Helper()
	type dec struct {
		Decision, Option string
		TimedOut         bool
	}
	if len(want.Teams) != len(got.Teams) {
		t.Fatalf("%d teams, want %d", len(got.Teams), len(want.Teams))
	}
	for i, w := range want.Teams {
		g := got.Teams[i]
		var wd, gd []dec
		for _, d := range w.Decisions {
			wd = append(wd, dec{d.Decision, d.Option, d.TimedOut})
		}
		for _, d := range g.Decisions {
			gd = append(gd, dec{d.Decision, d.Option, d.TimedOut})
		}
		if g.Name != w.Name || g.Ending != w.Ending || !reflect.DeepEqual(g.Path, w.Path) || !reflect.DeepEqual(gd, wd) {
			t.Errorf("team %s: got ending %q path %v decisions %+v;\nwant %s ending %q path %v decisions %+v",
				g.Name, g.Ending, g.Path, gd, w.Name, w.Ending, w.Path, wd)
		}
	}
	if len(got.Skipped) != len(want.Skipped) {
		t.Errorf("%d choices refused, want %d: %+v", len(got.Skipped), len(want.Skipped), got.Skipped)
	}
}

func playReference(t *testing.T, dir, script string) Result {
	t.Helper()
	out := filepath.Join(dir, "play")
	if code, _, stderr := runCLI(t, "play", miniPath, "--script", script, "--db", filepath.Join(dir, "play.db"), "--out", out); code != ExitOK {
		t.Fatalf("play: exit %d: %s", code, stderr)
	}
	return readResult(t, out)
}

func TestLANHostAndJoinMatchPlay(t *testing.T) {
	t.Parallel() // a real-time exercise at speed 600, beside the others
	dir := t.TempDir()
	script := writeFile(t, "s.yaml", lanScript)
	want := playReference(t, dir, script)
	if want.Teams[0].Ending != "good-end" || want.Teams[1].Ending != "good-end" || len(want.Skipped) != 1 {
		t.Fatalf("the reference play is not what the script means: %+v", want)
	}

	hostOut := filepath.Join(dir, "host")
	hostArgs := []string{"host", miniPath, "--teams", "Alpha,Bravo", "--listen", "127.0.0.1:0",
		"--db", filepath.Join(dir, "host.db"), "--out", hostOut, "--speed", "600"}
	host := startProc(t, "host", hostArgs...)
	hl := hostLine(t, host)
	if !strings.HasPrefix(hl.Address, "127.0.0.1:") {
		t.Errorf("address %q", hl.Address)
	}
	// Alpha types the full bundle, Bravo only the short code (it pairs).
	alpha := startProc(t, "alpha", "join", hl.Address, "--code", hl.Code, "--team", "Alpha", "--script", script)
	bravo := startProc(t, "bravo", "join", hl.Address, "--code", hl.JoinCode, "--team", "Bravo", "--script", script)
	for _, p := range []*proc{alpha, bravo, host} {
		if code := p.wait(t, 90*time.Second); code != 0 {
			t.Fatalf("%s exited %d; stderr:\n%s", p.name, code, p.stderr())
		}
	}
	if !strings.Contains(bravo.stderr(), "paired with the host") {
		t.Errorf("bravo should have paired with the short code; stderr:\n%s", bravo.stderr())
	}
	got := readResult(t, hostOut)
	sameDecisions(t, want, got)
	if _, err := os.Stat(filepath.Join(hostOut, "debrief.md")); err != nil {
		t.Error(err)
	}

	// The laptops printed their injects, their choices and the end.
	var injects, accepted, refused, ended int
	for _, l := range alpha.stdout() {
		var jl JoinLine
		if err := json.Unmarshal([]byte(l), &jl); err != nil {
			t.Fatalf("alpha printed %q", l)
		}
		switch {
		case jl.Type == "inject":
			injects++
		case jl.Type == "decision" && jl.Status == "accepted":
			accepted++
		case jl.Type == "decision":
			refused++
		case jl.Type == "ended" && jl.Ending == "good-end":
			ended++
		}
	}
	if injects != 3 || accepted != 1 || refused != 1 || ended != 1 {
		t.Errorf("alpha: %d injects, %d accepted, %d refused, %d ended:\n%s", injects, accepted, refused, ended, strings.Join(alpha.stdout(), "\n"))
	}

	// Run again after the end (as after a kill that came before the outputs
	// were written), the host gives that exercise's result again instead of
	// hosting a new one and waiting for teams.
	if err := os.Remove(filepath.Join(hostOut, "result.json")); err != nil {
		t.Fatal(err)
	}
	again := startProc(t, "host (again)", hostArgs...)
	if code := again.wait(t, 30*time.Second); code != 0 {
		t.Fatalf("host run again after the end exited %d; stderr:\n%s", code, again.stderr())
	}
	if g := readResult(t, hostOut); g.Exercise != got.Exercise || !g.Resumed {
		t.Fatalf("host run again after the end wrote exercise %s (resumed %v), want %s", g.Exercise, g.Resumed, got.Exercise)
	}
}

func TestLANHostKilledAndRestarted(t *testing.T) {
	dir := t.TempDir()
	script := writeFile(t, "s.yaml", lanScript)
	want := playReference(t, dir, script)

	hostOut := filepath.Join(dir, "host")
	hostArgs := []string{"host", miniPath, "--teams", "Alpha,Bravo", "--listen", "127.0.0.1:0",
		"--db", filepath.Join(dir, "host.db"), "--out", hostOut, "--speed", "600"}
	host := startProc(t, "host", hostArgs...)
	hl := hostLine(t, host)
	alpha := startProc(t, "alpha", "join", hl.Address, "--code", hl.Code, "--team", "Alpha", "--script", script)
	bravo := startProc(t, "bravo", "join", hl.Address, "--code", hl.Code, "--team", "Bravo", "--script", script)

	// Kill the host once Alpha's first choice is in.
	alpha.next(t, `"status":"accepted"`, 60*time.Second)
	if err := host.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	host.wait(t, 10*time.Second)
	time.Sleep(300 * time.Millisecond) // the laptops notice and keep retrying

	host2 := startProc(t, "host (restarted)", hostArgs...)
	hl2 := hostLine(t, host2)
	if hl2 != hl {
		t.Fatalf("the restarted host must serve the same exercise, address and code: %+v, was %+v", hl2, hl)
	}
	for _, p := range []*proc{alpha, bravo, host2} {
		if code := p.wait(t, 90*time.Second); code != 0 {
			t.Fatalf("%s exited %d; stderr:\n%s", p.name, code, p.stderr())
		}
	}
	got := readResult(t, hostOut)
	if !got.Resumed || got.Exercise != hl.Exercise {
		t.Errorf("result: resumed %v exercise %s", got.Resumed, got.Exercise)
	}
	sameDecisions(t, want, got)
	if testing.Verbose() {
		t.Logf("restarted host:\n%s\nalpha:\n%s\n%s\nbravo:\n%s\n%s", host2.stderr(), strings.Join(alpha.stdout(), "\n"), alpha.stderr(), strings.Join(bravo.stdout(), "\n"), bravo.stderr())
	}
	if !strings.Contains(host2.stderr(), "resuming exercise") {
		t.Errorf("host stderr: %s", host2.stderr())
	}
}

func TestLANJoinRefusals(t *testing.T) {
	dir := t.TempDir()
	host := startProc(t, "host", "host", miniPath, "--teams", "Alpha,Bravo", "--listen", "127.0.0.1:0",
		"--db", filepath.Join(dir, "host.db"), "--speed", "max")
	hl := hostLine(t, host)
	wrongCode := "ABCDEF" + hl.Code[6:]
	if strings.HasPrefix(hl.Code, "ABCDEF") {
		wrongCode = "ABCDEG" + hl.Code[6:]
	}
	cases := []struct {
		name string
		args []string
		exit int
		want string
	}{
		{"wrong code", []string{hl.Address, "--code", wrongCode, "--team", "Alpha"}, ExitFail, "refused"},
		{"wrong team", []string{hl.Address, "--code", hl.Code, "--team", "Zulu"}, ExitFail, "refused"},
		{"wrong short code", []string{hl.Address, "--code", wrongCode[:6], "--team", "Alpha"}, ExitFail, "not this exercise's"},
		{"malformed short code", []string{hl.Address, "--code", "K7P3Q", "--team", "Alpha"}, ExitUsage, "characters"},
		{"short fingerprint", []string{hl.Address, "--code", hl.Code[:20], "--team", "Alpha"}, ExitUsage, "fingerprint"},
		{"missing team", []string{hl.Address, "--code", hl.Code}, ExitUsage, "--team"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runCLIFn(joinCmd, c.args...)
			if code != c.exit || !strings.Contains(stderr, c.want) {
				t.Fatalf("exit %d, stderr %q; want exit %d mentioning %q", code, stderr, c.exit, c.want)
			}
		})
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{miniPath, "--listen", "127.0.0.1:0"}, "--teams"},
		{[]string{miniPath, "--teams", "Alpha,Alpha"}, "both called"},
		{[]string{miniPath, "--teams", "Alpha", "--speed", "fast"}, "--speed"},
		{[]string{"--teams", "Alpha"}, "SCENARIO"},
	} {
		if code, _, stderr := runCLIFn(hostCmd, c.args...); code != ExitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("host %v: exit %d, stderr %q", c.args, code, stderr)
		}
	}
}

func runCLIFn(fn func([]string, Env) int, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := fn(args, Env{Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

// A host listening on every interface announces its exercise on the local
// network, where a team laptop's join screen finds it with its port; the
// join code is not in the announcement.
func TestLANHostAnnouncesItself(t *testing.T) {
	dir := t.TempDir()
	host := startProc(t, "host", "host", miniPath, "--teams", "Alpha,Bravo", "--listen", "0.0.0.0:0",
		"--db", filepath.Join(dir, "host.db"), "--out", filepath.Join(dir, "out"))
	hl := hostLine(t, host)
	_, port, _ := net.SplitHostPort(hl.Address)
	var found *discovery.Exercise
	deadline := time.Now().Add(20 * time.Second)
	for found == nil && time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		list, err := discovery.Browse(ctx, time.Second)
		cancel()
		if err != nil {
			t.Fatalf("browsing: %v", err)
		}
		for i := range list {
			if list[i].ID == hl.Exercise {
				found = &list[i]
			}
		}
	}
	if found == nil {
		t.Fatalf("the exercise %s was not found on the network; host stderr:\n%s", hl.Exercise, host.stderr())
	}
	if found.Title != "Mini" || !slices.Equal(found.Teams, []string{"Alpha", "Bravo"}) || len(found.Addrs) == 0 {
		t.Errorf("found %+v", *found)
	}
	for _, a := range found.Addrs {
		if _, p, _ := net.SplitHostPort(a); p != port {
			t.Errorf("announced address %s, the host listens on port %s", a, port)
		}
	}
	if strings.Contains(fmt.Sprintf("%+v", *found), hl.JoinCode) {
		t.Error("the announcement carries the join code")
	}
}

// hostWithAlphaScript runs `firebreak host` on scenarioPath for team Alpha
// at 600× speed and a laptop joining as Alpha that plays script, waits for
// both to exit 0, and returns the lines of type kind the laptop printed,
// the laptop's process and the host's result.
func hostWithAlphaScript(t *testing.T, scenarioPath, script, kind string) ([]JoinLine, *proc, Result) {
	t.Helper()
	dir := t.TempDir()
	hostOut := filepath.Join(dir, "host")
	host := startProc(t, "host", "host", scenarioPath, "--teams", "Alpha", "--listen", "127.0.0.1:0",
		"--db", filepath.Join(dir, "host.db"), "--out", hostOut, "--speed", "600")
	hl := hostLine(t, host)
	alpha := startProc(t, "alpha", "join", hl.Address, "--code", hl.Code, "--team", "Alpha", "--script", script)
	for _, p := range []*proc{alpha, host} {
		if code := p.wait(t, 90*time.Second); code != 0 {
			t.Fatalf("%s exited %d; stderr:\n%s", p.name, code, p.stderr())
		}
	}
	var lines []JoinLine
	for _, l := range alpha.stdout() {
		var jl JoinLine
		if err := json.Unmarshal([]byte(l), &jl); err != nil {
			t.Fatalf("alpha printed %q", l)
		}
		if jl.Type == kind {
			lines = append(lines, jl)
		}
	}
	return lines, alpha, readResult(t, hostOut)
}
