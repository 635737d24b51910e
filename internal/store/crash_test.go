package store

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// crashDBEnv, when set, turns TestCrashChild into the appending child of
// TestCrashKeepsAcknowledgedEvents and names its database.
const crashDBEnv = "FIREBREAK_STORE_CRASH_DB"

// crashPayload is what the child writes for seq; the parent recomputes it to
// check the data came back intact, not just the seq.
func crashPayload(seq int64) []byte {
	b, _ := json.Marshal(map[string]any{"seq": seq, "pad": strings.Repeat(strconv.FormatInt(seq, 36), 20)})
	return b
}

// TestCrashKeepsAcknowledgedEvents kills a process mid-append with SIGKILL,
// several times over, and checks every event it acknowledged is still there,
// intact and gapless, and that each new child resumes the log where the
// survivors end. (SIGKILL leaves the OS page cache alive, so this proves the
// WAL and transaction handling, not the fsync; synchronous=FULL, checked in
// TestOpenNewDatabase, is what covers power loss.)
func TestCrashKeepsAcknowledgedEvents(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, Exercise{ID: "crash", Source: "test"})
	s.Close()

	var survived int64
	for round := range 3 {
		acked := crashChild(t, "TestCrashChild", crashDBEnv, path, survived, 200)

		s, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		evs, err := s.Events("crash")
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(evs)) < acked {
			t.Fatalf("round %d: %d events survived, but %d were acknowledged", round, len(evs), acked)
		}
		for i, r := range evs {
			seq := int64(i + 1)
			if r.Seq != seq {
				t.Fatalf("round %d: event %d has seq %d: gap or reorder", round, i, r.Seq)
			}
			if want := crashPayload(seq); string(r.Data) != string(want) || r.Kind != "tick" || r.AtMS != seq*10 {
				t.Fatalf("round %d: event %d damaged: %+v", round, seq, r)
			}
		}
		survived = int64(len(evs))
		t.Logf("round %d: acknowledged up to %d, survived %d", round, acked, survived)
	}
}

// crashChild runs the test child (TestCrashChild, or another child that
// prints "ack N" after each save it acknowledges) with env set to path,
// reads n acknowledgements (which must continue from after+1), SIGKILLs it
// and returns the last acknowledged number.
func crashChild(t *testing.T, child, env, path string, after int64, n int) int64 {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+child+"$")
	cmd.Env = append(os.Environ(), env+"="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Reap the child whatever happens below.
	defer func() { cmd.Process.Kill(); cmd.Wait() }()

	acked := after
	sc := bufio.NewScanner(out)
	for acked < after+int64(n) && sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "ack ")
		if !ok {
			continue // test-framework chatter
		}
		seq, err := strconv.ParseInt(rest, 10, 64)
		if err != nil {
			t.Fatalf("bad ack line %q", sc.Text())
		}
		if seq != acked+1 {
			t.Fatalf("child acked %d after %d", seq, acked)
		}
		acked = seq
	}
	if acked < after+int64(n) {
		t.Fatalf("child stopped after acking %d: %v", acked, sc.Err())
	}
	// Kill mid-stream: the child is still appending as fast as it can.
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	return acked
}

// childStore opens the database a crash test's child works on, named by
// env; nil when env is not set (a normal test run). A child that cannot
// open it says why and exits.
func childStore(env string) *Store {
	path := os.Getenv(env)
	if path == "" {
		return nil
	}
	s, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(2)
	}
	return s
}

// TestCrashChild is the child half of TestCrashKeepsAcknowledgedEvents; it
// does nothing in a normal test run.
func TestCrashChild(t *testing.T) {
	s := childStore(crashDBEnv)
	if s == nil {
		return // only does something as the child of TestCrashKeepsAcknowledgedEvents
	}
	// Resume exactly as the engine would: reload, continue after the last seq.
	evs, err := s.Events("crash")
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(2)
	}
	// Bounded so an orphaned child (parent died) cannot run forever.
	deadline := time.Now().Add(time.Minute)
	for seq := int64(len(evs)) + 1; time.Now().Before(deadline); seq++ {
		r := Record{Seq: seq, AtMS: seq * 10, Kind: "tick", Data: crashPayload(seq)}
		if err := s.Append("crash", r); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(2)
		}
		if seq%7 == 0 {
			// Mix in the GUI's clock writes, as in real use.
			if err := s.SetClock("crash", seq*10, false); err != nil {
				fmt.Fprintln(os.Stderr, "child:", err)
				os.Exit(2)
			}
		}
		// Only now is seq acknowledged. os.Stdout is unbuffered.
		fmt.Printf("ack %d\n", seq)
	}
	os.Exit(0)
}
