//go:build linux

package app

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// threadNice reads the calling thread's nice value from /proc (field 19 of
// its stat line; the command name before it is in parentheses and may hold
// spaces).
func threadNice(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/task/" + strconv.Itoa(syscall.Gettid()) + "/stat")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	n, err := strconv.Atoi(fields[16]) // field 19 of the line; the first field here is its third
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// niceIn runs f in a goroutine and returns the nice value of the thread it
// ends on; lock locks the goroutine to its thread first (the thread then
// ends with it).
func niceIn(t *testing.T, lock bool, f func()) int {
	out := make(chan int)
	go func() {
		if lock {
			runtime.LockOSThread()
		}
		f()
		out <- threadNice(t)
	}()
	return <-out
}

func TestLowerPriorityNicesOnlyItsOwnThread(t *testing.T) {
	before := niceIn(t, true, func() {})
	want := min(before+10, 19) // the highest nice value there is
	if got := niceIn(t, false, lowerPriority); got != want {
		t.Errorf("nice after lowerPriority: %d, want %d", got, want)
	}
	// The lowered thread ended with its goroutine: no later goroutine,
	// locked or not, runs on it.
	for i := range 40 {
		if got := niceIn(t, i%2 == 0, func() { runtime.Gosched() }); got != before {
			t.Fatalf("a later goroutine's thread has nice %d, want %d", got, before)
		}
	}
}
