//go:build crash

package cli

// The crash harness: `play` and `host` are killed (SIGKILL: no defer, no
// flush) at random moments, the first second included, one to three times
// in a row, and then run to the end; every trial must end with the result of
// an uninterrupted run and one exercise in the database. Run it with
//
//	bash scripts/crash-harness.sh [PLAY_TRIALS] [HOST_TRIALS]
//
// (CI runs a short version; FIREBREAK_CRASH_SEED replays a run's choices.)

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/library"
)

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v >= 0 {
		return v
	}
	return def
}

// crashCase is a scenario with a play script, and its uninterrupted result.
type crashCase struct {
	scenario, script string
	want             Result
	debrief          []byte
	// wallAt1000 is how long the run takes at 1000× (the top speed), to spread kills over it.
	wallAt1000 time.Duration
}

func crashCases(t *testing.T) []crashCase {
	t.Helper()
	list, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	var cases []crashCase
	for _, e := range list {
		script := filepath.Join("..", "..", "scenarios", "testdata", e.ID+".play.yaml")
		if _, err := os.Stat(script); err == nil {
			cases = append(cases, crashCase{scenario: e.ID, script: script, wallAt1000: e.Scenario.Duration / 1000})
		}
	}
	cases = append(cases, crashCase{scenario: miniPath, script: writeFile(t, "mini.play.yaml", miniScript), wallAt1000: time.Hour / 1000})
	for i := range cases {
		c := &cases[i]
		dir := t.TempDir()
		if code, _, stderr := runCLI(t, "play", c.scenario, "--script", c.script, "--db", filepath.Join(dir, "x.db"), "--out", dir); code != 0 {
			t.Fatalf("reference play of %s: %s", c.scenario, stderr)
		}
		c.want = readResult(t, dir)
		c.want.Exercise, c.want.Resumed = "", false
		if c.debrief, err = os.ReadFile(filepath.Join(dir, "debrief.md")); err != nil {
			t.Fatal(err)
		}
	}
	return cases
}

// killAfter starts a child running args and kills it after d (or lets it
// finish first). It says whether the kill landed.
func killAfter(t *testing.T, args []string, d time.Duration) bool {
	t.Helper()
	a, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^TestLANHelperProcess$")
	cmd.Env = append(os.Environ(), "FB_LAN_HELPER=1", "FB_LAN_ARGS="+string(a))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		return false
	case <-time.After(d):
		_ = cmd.Process.Signal(syscall.SIGKILL)
		<-done
		return true
	}
}

// killDelay is a random moment: a third of the time in the first second of
// the process (opening the database, starting the exercise), else anywhere
// in the run.
func killDelay(r *rand.Rand, run time.Duration) time.Duration {
	if r.IntN(3) == 0 || run < time.Second {
		return time.Duration(r.Int64N(int64(time.Second)))
	}
	return time.Duration(r.Int64N(int64(run + run/4)))
}

func exercisesIn(t *testing.T, db string) int {
	t.Helper()
	h, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	var n int
	if err := h.QueryRow(`SELECT count(*) FROM exercises`).Scan(&n); err != nil {
		t.Fatalf("count exercises in %s: %v", db, err)
	}
	return n
}

func crashSeed(t *testing.T) uint64 {
	seed := uint64(time.Now().UnixNano())
	if s, err := strconv.ParseUint(os.Getenv("FIREBREAK_CRASH_SEED"), 10, 64); err == nil {
		seed = s
	}
	t.Logf("seed %d (FIREBREAK_CRASH_SEED=%d replays these choices)", seed, seed)
	return seed
}

func TestCrashHarnessPlay(t *testing.T) {
	trials := envInt("FIREBREAK_CRASH_PLAY", 40)
	r := rand.New(rand.NewPCG(crashSeed(t), 1))
	cases := crashCases(t)
	var kills, firstSecond, unrecoverable int
	start := time.Now()
	for trial := range trials {
		c := cases[r.IntN(len(cases))]
		dir := t.TempDir()
		db := filepath.Join(dir, "x.db")
		args := []string{"play", c.scenario, "--script", c.script, "--db", db, "--out", dir}
		var how []string
		for range 1 + r.IntN(3) {
			speed, run := "max", 400*time.Millisecond
			if r.IntN(2) == 0 {
				speed, run = "1000", c.wallAt1000
			}
			d := killDelay(r, run)
			if killAfter(t, append(args, "--speed", speed), d) {
				kills++
				if d < time.Second {
					firstSecond++
				}
				how = append(how, fmt.Sprintf("killed at %s (%s)", d.Round(time.Millisecond), speed))
			} else {
				how = append(how, fmt.Sprintf("finished before %s (%s)", d.Round(time.Millisecond), speed))
			}
		}
		code, _, stderr := runCLI(t, append(args, "--speed", "max")...)
		fail := func(format string, a ...any) {
			unrecoverable++
			t.Errorf("trial %d (%s; %s): %s", trial, c.scenario, strings.Join(how, ", "), fmt.Sprintf(format, a...))
		}
		if code != 0 {
			fail("the run after the kills exited %d: %s", code, stderr)
			continue
		}
		got := readResult(t, dir)
		got.Exercise, got.Resumed = "", false
		if !reflect.DeepEqual(got, c.want) {
			g, _ := json.Marshal(got)
			w, _ := json.Marshal(c.want)
			fail("result differs from an uninterrupted run:\n%s\nwant\n%s", g, w)
			continue
		}
		if md, _ := os.ReadFile(filepath.Join(dir, "debrief.md")); string(md) != string(c.debrief) {
			fail("debrief.md differs from an uninterrupted run's")
			continue
		}
		if n := exercisesIn(t, db); n != 1 {
			fail("%d exercises in the database, want 1", n)
		}
	}
	t.Logf("play: %d trials, %d kills (%d in the first second), %d unrecoverable, %s",
		trials, kills, firstSecond, unrecoverable, time.Since(start).Round(time.Second))
}

// hostCrashScript acts a minute after each decision opens (as a laptop sees
// it): the host's clock stands still while it is down, so absolute times
// would act on decisions the restarted host has not opened yet. Each choice
// then has five exercise minutes or more before its deadline.
const hostCrashScript = `teams: [Alpha, Bravo]
actions:
  - {after: 1m, team: Alpha, decide: first, choose: good}
  - {after: 1m, team: Bravo, decide: first, choose: bad}
  - {after: 1m, team: Bravo, decide: second, choose: apologise}
`

// Host trials: a facilitator's host with two team laptops (join --script) on
// loopback at 30× (the exercise ends at 16 minutes, after 32 s); the host is
// killed at random moments, while it starts, while teams join and while they
// play, and started again while the laptops keep retrying. The decisions and
// endings must be those of a headless play of the same script, in one
// exercise.
//
// Why not faster: a restart and the laptops' reconnection take a few
// seconds; at 30× that is a few exercise minutes, within each choice's
// slack; at 600× it would be most of an exercise.
func TestCrashHarnessHost(t *testing.T) {
	trials := envInt("FIREBREAK_CRASH_HOST", 2)
	r := rand.New(rand.NewPCG(crashSeed(t), 2))
	ref := t.TempDir()
	script := writeFile(t, "s.yaml", hostCrashScript)
	want := playReference(t, ref, script)
	var kills, firstSecond, failed int
	start := time.Now()
	for trial := range trials {
		t.Run(fmt.Sprintf("trial%d", trial), func(t *testing.T) {
			defer func() {
				if t.Failed() {
					failed++
				}
			}()
			dir := t.TempDir()
			db := filepath.Join(dir, "host.db")
			hostOut := filepath.Join(dir, "out")
			args := []string{"host", miniPath, "--teams", "Alpha,Bravo", "--listen", "127.0.0.1:0", "--db", db, "--out", hostOut, "--speed", "30"}
			var laptops []*proc
			var how []string
			var first HostLine
			// serve reads a host's line and has the laptops join it the
			// first time; false if the host found the exercise ended and
			// exited after writing its outputs.
			serve := func(host *proc) bool {
				hl, ok := hostLineOrEnd(t, host)
				switch {
				case !ok:
					return false
				case laptops == nil:
					first = hl
					laptops = append(laptops,
						startProc(t, "alpha", "join", hl.Address, "--code", hl.Code, "--team", "Alpha", "--script", script),
						startProc(t, "bravo", "join", hl.Address, "--code", hl.JoinCode, "--team", "Bravo", "--script", script))
					waitStderr(t, host, "every team has joined", 60*time.Second)
				case hl != first:
					t.Fatalf("the restarted host serves %+v, the laptops joined %+v", hl, first)
				}
				return true
			}
			var last *proc
			for k := range 1 + r.IntN(3) {
				host := startProc(t, fmt.Sprintf("host %d", k+1), args...)
				began := time.Now()
				d := killDelay(r, 28*time.Second)
				if d >= 300*time.Millisecond && !serve(host) { // else killed before it listens
					last = host
					break
				}
				select {
				case <-host.done: // the exercise ended before the kill
					how = append(how, fmt.Sprintf("ended before %s", d.Round(time.Millisecond)))
					last = host
				case <-time.After(max(0, d-time.Since(began))):
					_ = host.cmd.Process.Signal(syscall.SIGKILL)
					host.wait(t, 10*time.Second)
					kills++
					if d < time.Second {
						firstSecond++
					}
					how = append(how, fmt.Sprintf("killed at %s", d.Round(time.Millisecond)))
				}
				if last != nil {
					break
				}
			}
			if last == nil {
				last = startProc(t, "host (last)", args...)
				if !serve(last) && laptops == nil {
					t.Fatal("the exercise ended without any team laptop")
				}
			}
			for _, p := range append(laptops, last) {
				if code := p.wait(t, 120*time.Second); code != 0 {
					t.Fatalf("%s exited %d (%s); stderr:\n%s", p.name, code, strings.Join(how, ", "), p.stderr())
				}
			}
			got := readResult(t, hostOut)
			sameDecisions(t, want, got)
			if n := exercisesIn(t, db); n != 1 {
				t.Errorf("%d exercises in the database, want 1 (%s)", n, strings.Join(how, ", "))
			}
			if t.Failed() {
				t.Logf("kills: %s", strings.Join(how, ", "))
			}
		})
	}
	t.Logf("host: %d trials, %d kills (%d in the first second), %d failed, %s",
		trials, kills, firstSecond, failed, time.Since(start).Round(time.Second))
}

// hostLineOrEnd is hostLine, or false when the host exits 0 without one
// (it found the exercise already ended and wrote its outputs).
func hostLineOrEnd(t *testing.T, p *proc) (HostLine, bool) {
	t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case l, ok := <-p.lines:
			if !ok {
				if code := p.wait(t, 10*time.Second); code != 0 {
					t.Fatalf("%s exited %d before listening; stderr:\n%s", p.name, code, p.stderr())
				}
				return HostLine{}, false
			}
			var hl HostLine
			if strings.Contains(l, `"address"`) && json.Unmarshal([]byte(l), &hl) == nil && hl.Address != "" {
				return hl, true
			}
		case <-timeout:
			t.Fatalf("%s printed no host line within a minute; stderr:\n%s", p.name, p.stderr())
		}
	}
}

func waitStderr(t *testing.T, p *proc, want string, d time.Duration) {
	t.Helper()
	for deadline := time.Now().Add(d); !strings.Contains(p.stderr(), want); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s did not say %q within %s; stderr:\n%s", p.name, want, d, p.stderr())
		}
	}
}
