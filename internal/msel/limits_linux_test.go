package msel

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestLimitsMemory imports each hostile file in a child process and checks
// the most memory the process ever held (its peak resident set) stays
// under 200 MB, and that each is refused in under 2 s.
func TestLimitsMemory(t *testing.T) {
	if path := os.Getenv("MSEL_LIMITS_CHILD"); path != "" {
		return // the child's work is in TestLimitsChild
	}
	files := hostileFiles(t)
	for name, path := range files {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLimitsChild$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), "MSEL_LIMITS_CHILD="+path)
		start := time.Now()
		out, err := cmd.CombinedOutput()
		took := time.Since(start)
		if err != nil {
			t.Fatalf("%s: child failed: %v\n%s", name, err, out)
		}
		// The child reports its own VmHWM: getrusage's maxrss would
		// include this process's memory, which a fork carries over exec.
		m := regexp.MustCompile(`VmHWM:\s*(\d+) kB`).FindSubmatch(out)
		if m == nil {
			t.Fatalf("%s: no VmHWM in\n%s", name, out)
		}
		kb, _ := strconv.Atoi(string(m[1]))
		peak := int64(kb) * 1024
		t.Logf("%s: peak memory %.0f MB, %s (child process, start-up included)", name, float64(peak)/1e6, took.Round(time.Millisecond))
		if peak > 200e6 {
			t.Errorf("%s: the import held %.0f MB at its peak; the limit is 200 MB", name, float64(peak)/1e6)
		}
		if !strings.Contains(string(out), "refused: ") {
			t.Errorf("%s: not refused:\n%s", name, out)
		}
	}
}

// TestLimitsChild is the child of TestLimitsMemory: it imports one file.
func TestLimitsChild(t *testing.T) {
	path := os.Getenv("MSEL_LIMITS_CHILD")
	if path == "" {
		t.Skip("run by TestLimitsMemory")
	}
	start := time.Now()
	m, errs := ReadFile(path, Auto)
	took := time.Since(start)
	if m != nil {
		t.Fatalf("read %d rows", m.Rows)
	}
	t.Logf("refused: in %s: %v", took, errs.Errors()[0])
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			t.Log(line)
		}
	}
	if took > 2*time.Second {
		t.Errorf("took %s", took)
	}
}
