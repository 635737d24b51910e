package store

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// A writing Store holds the database's lock: a second Open in the same
// process is refused with ErrLocked, saying it is this process; a
// read-only open is not; after Close the database opens again.
func TestOpenTakesWriterLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fb.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(path)
	var le *LockedError
	if !errors.Is(err, ErrLocked) || !errors.As(err, &le) {
		t.Fatalf("second Open: %v; want ErrLocked", err)
	}
	if runtime.GOOS != "windows" && le.PID != os.Getpid() {
		t.Errorf("holder pid %d, want this process %d", le.PID, os.Getpid())
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
	t.Logf("error: %v", err)
	r, err := OpenReadOnly(path)
	if err != nil {
		t.Errorf("OpenReadOnly while a writer has it: %v", err)
	} else {
		r.Close()
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err == nil {
		t.Log("second Close is harmless")
	}
	// A reader does not hold the lock either.
	r, err = OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatalf("Open after Close, beside a reader: %v", err)
	}
	s.Close()
}

// lockChildEnv, when set, makes TestLockChild open that database and hold
// it until its stdin closes.
const lockChildEnv = "FIREBREAK_STORE_LOCK_DB"

// Two processes: while one has the database open for writing, the other's
// Open is refused with ErrLocked naming the file and the holder's pid; the
// lock goes with the holder, even when it is killed.
func TestLockAcrossProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fb.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockChild$")
	cmd.Env = append(os.Environ(), lockChildEnv+"="+path)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Process.Kill(); cmd.Wait() }()
	sc := bufio.NewScanner(out)
	for sc.Scan() && sc.Text() != "holding" {
	}
	if sc.Err() != nil || sc.Text() != "holding" {
		t.Fatalf("child did not open the database: %v", sc.Err())
	}

	_, err = Open(path)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("Open while another process has it: %v; want ErrLocked", err)
	}
	t.Logf("error: %v", err)
	var le *LockedError
	if errors.As(err, &le) && runtime.GOOS != "windows" && le.PID != cmd.Process.Pid {
		t.Errorf("holder pid %d, want the child's %d", le.PID, cmd.Process.Pid)
	}
	for _, w := range []string{path, fmt.Sprint(cmd.Process.Pid)} {
		if runtime.GOOS != "windows" && !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not say %q", err, w)
		}
	}
	if r, err := OpenReadOnly(path); err != nil {
		t.Errorf("OpenReadOnly while another process writes: %v", err)
	} else {
		r.Close()
	}

	// Killed, not closed: the kernel lets go of its lock.
	cmd.Process.Kill()
	cmd.Wait()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s, err := Open(path)
		if err == nil {
			s.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Open after the holder died: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestLockChild is the holding process of TestLockAcrossProcesses; it does
// nothing in a normal test run.
func TestLockChild(t *testing.T) {
	path := os.Getenv(lockChildEnv)
	if path == "" {
		return
	}
	s, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(2)
	}
	fmt.Println("holding")
	// Until the parent closes stdin (or kills us); bounded for orphans.
	done := make(chan struct{})
	go func() { bufio.NewReader(os.Stdin).ReadString('\n'); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Minute):
	}
	s.Close()
	os.Exit(0)
}
