package ui

import (
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
)

// The debouncers run in a synctest bubble: its clock moves only when every
// goroutine in it waits, so time.Sleep(d) is exactly d of the debouncer's
// time, and synctest.Wait lets a timer that fell due finish its call. The
// test's goroutine is the UI goroutine (uitest.QueueUI): a UI debouncer's
// calls wait in its queue until the test runs them (Pump, Settle).

// recorder collects the calls that ran; calls may run on a timer's
// goroutine.
type recorder struct {
	mu  sync.Mutex
	ran []string
}

func (r *recorder) call(v string) func() {
	return func() {
		r.mu.Lock()
		r.ran = append(r.ran, v)
		r.mu.Unlock()
	}
}

func (r *recorder) got() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.ran)
}

func TestDebouncer(t *testing.T) {
	type step struct {
		call   string        // a call with this value ("" for none)
		flush  bool          // then Flush
		cancel bool          // then Cancel
		wait   time.Duration // then time passes
	}
	const delay = 500 * time.Millisecond
	ms := time.Millisecond
	cases := []struct {
		name    string
		steps   []step
		ran     []string
		flushed bool // the last Flush reported a call
	}{
		{"one call runs after the delay", []step{{call: "a", wait: 499 * ms}, {wait: ms}}, []string{"a"}, false},
		{"not before", []step{{call: "a", wait: 499 * ms}}, nil, false},
		{"a burst runs its last call once, a delay after it",
			[]step{{call: "a", wait: 300 * ms}, {call: "ab", wait: 300 * ms}, {call: "abc", wait: 499 * ms}, {wait: ms}, {wait: 10 * delay}},
			[]string{"abc"}, false},
		{"two bursts run twice", []step{{call: "a", wait: 600 * ms}, {call: "b", wait: 600 * ms}}, []string{"a", "b"}, false},
		{"flush runs at once and the timer does nothing", []step{{call: "a", flush: true}, {wait: 10 * delay}}, []string{"a"}, true},
		{"flush with nothing waiting does nothing", []step{{flush: true}, {wait: 10 * delay}}, nil, false},
		{"flush after the call ran does nothing", []step{{call: "a", wait: delay}, {flush: true}}, []string{"a"}, false},
		{"cancel stops the call", []step{{call: "a", wait: 499 * ms}, {cancel: true}, {wait: 10 * delay}}, nil, false},
		{"a call after cancel runs", []step{{call: "a", cancel: true}, {call: "b", wait: delay}}, []string{"b"}, false},
	}
	variants := []struct {
		name string
		new  func(time.Duration) *Debouncer
	}{{"timer goroutine", NewDebouncer}, {"UI goroutine", NewUIDebouncer}}
	for _, v := range variants {
		for _, tc := range cases {
			t.Run(v.name+"/"+tc.name, func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					test.NewTempApp(t)
					ui := uitest.QueueUI(t) // the test's goroutine is the UI goroutine
					d := v.new(delay)
					var r recorder
					flushed := false
					for i, s := range tc.steps {
						if s.call != "" {
							d.Call(r.call(s.call))
						}
						if s.flush {
							flushed = d.Flush()
							if tc.flushed && !slices.Equal(r.got(), tc.ran) {
								t.Fatalf("step %d: Flush did not run the call at once: ran %q", i, r.got())
							}
						}
						if s.cancel {
							d.Cancel()
						}
						ui.Settle(s.wait)
					}
					if got := r.got(); !slices.Equal(got, tc.ran) {
						t.Errorf("ran %q, want %q", got, tc.ran)
					}
					if flushed != tc.flushed {
						t.Errorf("Flush reported %v, want %v", flushed, tc.flushed)
					}
				})
			})
		}
	}
}

// A UI debouncer runs its call on the UI goroutine; a Cancel there is final,
// even when the timer has fired and the call waits in the UI goroutine's
// queue.
func TestUIDebouncerRunsOnTheUIGoroutine(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		test.NewTempApp(t)
		ui := uitest.QueueUI(t)
		d := NewUIDebouncer(time.Second)
		var r recorder

		d.Call(r.call("a"))
		time.Sleep(time.Second)
		synctest.Wait()
		if ui.Len() != 1 || len(r.got()) != 0 {
			t.Fatalf("after the delay: %d queued for the UI goroutine, ran %q; want 1 queued and nothing run", ui.Len(), r.got())
		}
		ui.Pump()
		if got := r.got(); !slices.Equal(got, []string{"a"}) {
			t.Fatalf("ran %q on the UI goroutine, want a", got)
		}

		// Cancelled after the timer fired: the queued call does nothing.
		d.Call(r.call("b"))
		time.Sleep(time.Second)
		synctest.Wait()
		d.Cancel()
		ui.Pump()
		// Replaced after the timer fired: only the new call runs.
		d.Call(r.call("c"))
		time.Sleep(time.Second)
		synctest.Wait()
		d.Call(r.call("d"))
		ui.Pump() // c's timer's work: c is gone, and d waits for its own delay
		if got := r.got(); !slices.Equal(got, []string{"a"}) {
			t.Fatalf("ran %q before d's delay, want a only", got)
		}
		ui.Settle(time.Second)
		if got := r.got(); !slices.Equal(got, []string{"a", "d"}) {
			t.Errorf("ran %q, want a and d (b was cancelled, c replaced)", got)
		}
	})
}

// A debouncer without the UI goroutine runs its call on the timer's
// goroutine: Call and Cancel may come from any goroutine.
func TestDebouncerFromSeveralGoroutines(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := NewDebouncer(100 * time.Millisecond)
		var r recorder
		var wg sync.WaitGroup
		for i := range 10 {
			wg.Go(func() {
				time.Sleep(time.Duration(i) * 10 * time.Millisecond)
				d.Call(r.call("x"))
			})
		}
		wg.Wait()
		time.Sleep(99 * time.Millisecond)
		synctest.Wait()
		if len(r.got()) != 0 {
			t.Fatal("ran before the burst was quiet for the delay")
		}
		time.Sleep(time.Millisecond)
		synctest.Wait()
		if got := r.got(); len(got) != 1 {
			t.Errorf("a burst from ten goroutines ran %d times, want once", len(got))
		}
	})
}
