package ui

import (
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// The clock ticker ticks once per interval until stopped; Stop waits for a
// tick in progress.
func TestClockTicker(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		var at []time.Duration
		start := time.Now()
		release := make(chan struct{})
		tk := StartClockTicker(time.Second, func() {
			mu.Lock()
			at = append(at, time.Since(start))
			n := len(at)
			mu.Unlock()
			if n == 3 {
				<-release // the third tick is slow
			}
		})
		time.Sleep(2500 * time.Millisecond)
		synctest.Wait()
		mu.Lock()
		got := slices.Clone(at)
		mu.Unlock()
		if !slices.Equal(got, []time.Duration{time.Second, 2 * time.Second}) {
			t.Fatalf("ticks at %v, want 1s and 2s", got)
		}
		time.Sleep(500 * time.Millisecond) // the third tick starts and waits
		synctest.Wait()
		stopped := make(chan struct{})
		go func() {
			tk.Stop()
			close(stopped)
		}()
		synctest.Wait()
		select {
		case <-stopped:
			t.Fatal("Stop returned while a tick was in progress")
		default:
		}
		close(release)
		synctest.Wait()
		select {
		case <-stopped:
		default:
			t.Fatal("Stop did not return after the tick ended")
		}
		time.Sleep(10 * time.Second)
		synctest.Wait()
		mu.Lock()
		defer mu.Unlock()
		if len(at) != 3 {
			t.Errorf("%d ticks, want 3 (none after Stop)", len(at))
		}
	})
}
