//go:build linux

package app

import (
	"runtime"
	"syscall"
)

// lowerPriority gives the calling goroutine's thread a nice value of 10
// more for the rest of the goroutine, so that on a busy machine the window
// system and the UI thread run first. Start-up loads the built-in scenarios
// and opens the store while the window is being created; on two cores that
// work, the UI thread and the X server want three: at normal priority it
// delayed the window by some 40 ms, niced it delays it by about a third of
// that, and the home screen has its data as soon as before
// (docs/architecture.md, "Start-up, memory and idle CPU").
//
// The goroutine stays locked to its thread, so the thread ends with it and
// its priority never passes to other work. On Linux a nice value is a
// thread's own (setpriority(2), NOTES); raising it needs no privilege. A
// failure changes nothing but the timing, so it is not reported.
func lowerPriority() {
	runtime.LockOSThread()
	_ = syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), 10)
}
