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
// under 200 MB. The child is this test binary, run by TestMain as
// limitsChild.
func TestLimitsMemory(t *testing.T) {
	files := hostileFiles(t)
	for name, path := range files {
		cmd := exec.Command(os.Args[0])
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
