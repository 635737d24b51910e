// Package profiling writes CPU and heap profiles of a program when asked
// by environment variables; Firebreak and its start-up comparator
// (internal/bench/barewindow) both use it (docs/architecture.md,
// "Start-up, memory and idle CPU"). Nothing happens unless one is set:
//
//	FIREBREAK_CPUPROFILE=FILE  a CPU profile from start until the program ends
//	FIREBREAK_CPUPROFILE_DELAY=DURATION  (e.g. 15s) start it that much later,
//	                           to profile an idle app without its start-up
//	FIREBREAK_MEMPROFILE=FILE  a heap profile (after a GC) when it ends, and
//	                           the runtime's memory classes on stderr
//
// The program ends when its window closes or on SIGINT/SIGTERM (caught
// only while a profile is asked for), so `kill PID` after a measured run
// writes the profiles. Read them with `go tool pprof`.
package profiling

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Start starts the profiles the environment asks for; stop writes them
// (call it when the program ends normally; a signal calls it too).
func Start() (stop func()) {
	cpuPath, memPath := os.Getenv("FIREBREAK_CPUPROFILE"), os.Getenv("FIREBREAK_MEMPROFILE")
	if cpuPath == "" && memPath == "" {
		return func() {}
	}
	var mu sync.Mutex // cpu, once the profile started; stopped: no more starting
	var cpu *os.File
	var stopped bool
	startCPU := func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		f, err := os.Create(cpuPath)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "cpu profile:", err)
		} else {
			cpu = f
		}
	}
	if cpuPath != "" {
		delay, err := time.ParseDuration(os.Getenv("FIREBREAK_CPUPROFILE_DELAY"))
		if err == nil && delay > 0 {
			time.AfterFunc(delay, startCPU)
		} else {
			startCPU()
		}
	}
	stop = sync.OnceFunc(func() {
		mu.Lock()
		stopped = true
		mu.Unlock()
		if cpu != nil {
			pprof.StopCPUProfile()
			_ = cpu.Close()
		}
		if memPath != "" {
			printMemory(os.Stderr)
			runtime.GC()
			f, err := os.Create(memPath)
			if err == nil {
				err = pprof.Lookup("heap").WriteTo(f, 0)
				_ = f.Close()
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, "heap profile:", err)
			}
		}
	})
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		stop()
		os.Exit(1)
	}()
	return stop
}

// printMemory writes the Go runtime's memory classes (runtime/metrics,
// before the profile's GC), in kB: what of the resident memory is the Go
// heap, its free but unreturned pages, stacks and the runtime's own.
func printMemory(w io.Writer) {
	var samples []metrics.Sample
	for _, d := range metrics.All() {
		if strings.HasPrefix(d.Name, "/memory/classes/") || d.Name == "/gc/heap/goal:bytes" {
			samples = append(samples, metrics.Sample{Name: d.Name})
		}
	}
	metrics.Read(samples)
	for _, s := range samples {
		if s.Value.Kind() == metrics.KindUint64 {
			fmt.Fprintf(w, "%-50s %8d kB\n", s.Name, s.Value.Uint64()/1024)
		}
	}
}
