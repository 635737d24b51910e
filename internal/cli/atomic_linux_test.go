//go:build linux

package cli

import (
	"bytes"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A full disk while play writes its outputs leaves the previous outputs
// whole. The child process writes under a file-size limit (RLIMIT_FSIZE,
// which fails a write like a full disk does, with EFBIG); before the outputs
// were written atomically, result.json was truncated in place.
func TestWriteOutputsFullDiskKeepsThePreviousFiles(t *testing.T) {
	if dir := os.Getenv("FIREBREAK_FSIZE_CHILD"); dir != "" {
		signal.Ignore(syscall.SIGXFSZ)
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: 4096, Max: 4096}); err != nil {
			os.Exit(3)
		}
		big := Result{Scenario: strings.Repeat("x", 64<<10), Teams: []TeamResult{}, Skipped: []SkippedEntry{}}
		if err := writeOutputs(dir, big, strings.Repeat("# new\n", 4096)); err == nil {
			os.Exit(4) // the limit did not bite: the test would prove nothing
		}
		os.Exit(0)
	}
	dir := t.TempDir()
	old := Result{Scenario: "old", Teams: []TeamResult{}, Skipped: []SkippedEntry{}}
	if err := writeOutputs(dir, old, "# old debrief\n"); err != nil {
		t.Fatal(err)
	}
	oldJSON, _ := os.ReadFile(filepath.Join(dir, "result.json"))
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteOutputsFullDiskKeepsThePreviousFiles$")
	cmd.Env = append(os.Environ(), "FIREBREAK_FSIZE_CHILD="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "result.json")); !bytes.Equal(got, oldJSON) {
		t.Fatalf("result.json after a failed write is %d bytes, not the previous %d", len(got), len(oldJSON))
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "debrief.md")); string(got) != "# old debrief\n" {
		t.Fatalf("debrief.md after a failed write: %.40q", got)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*tmp"))
	if len(left) > 0 {
		t.Fatalf("temporary files left behind: %v", left)
	}
}
