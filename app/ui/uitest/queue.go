package uitest

import (
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"fyne.io/fyne/v2"
)

// UIQueue is a test's UI goroutine. Fyne's test driver runs the work that
// fyne.Do hands over at once, on the goroutine that hands it over; when
// that is the network's or a timer's, the work would run beside the test's
// own. With a UIQueue, fyne.Do queues the work, as the real driver does
// for its main loop, and the test runs it on its own goroutine (Pump).
type UIQueue struct {
	mu  sync.Mutex
	fns []func()
}

// QueueUI makes fyne.Do queue its work for the rest of the test, in the
// current app (make the app first, with Window). The app is wrapped, not
// replaced: its windows, preferences and settings are the same. Work
// handed over from the test's goroutine is queued too, as the real driver
// queues it.
func QueueUI(t testing.TB) *UIQueue {
	t.Helper()
	a := fyne.CurrentApp()
	if a == nil {
		t.Fatal("uitest.QueueUI: no app yet")
	}
	q := &UIQueue{}
	fyne.SetCurrentApp(&queuedApp{App: a, drv: &queuedDriver{Driver: a.Driver(), q: q}})
	t.Cleanup(func() { fyne.SetCurrentApp(a) })
	return q
}

// Pump runs the queued work, including work that the work queues.
func (q *UIQueue) Pump() {
	for {
		q.mu.Lock()
		fns := q.fns
		q.fns = nil
		q.mu.Unlock()
		if len(fns) == 0 {
			return
		}
		for _, f := range fns {
			f()
		}
	}
}

// Settle is for a test in a synctest bubble: it moves the bubble's clock
// on by d (the timers that fall due fire), waits until every other
// goroutine of the bubble is blocked, and runs the UI work they queued,
// until none is left. So the work of timers runs on the test's goroutine,
// as it would run on the UI goroutine, not on the timers' goroutines
// (which, in a bubble, the race detector does not order after the test's
// own). Work queued while the clock moves on runs at the end of d, as on a
// UI goroutine busy until then: a test that expects a timer's work at a
// given time settles up to that time.
func (q *UIQueue) Settle(d time.Duration) {
	time.Sleep(d)
	for {
		synctest.Wait()
		if q.Len() == 0 {
			return
		}
		q.Pump()
	}
}

// Len is how much work is queued.
func (q *UIQueue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.fns)
}

// Eventually runs the queued work and polls cond until it holds (the
// network delivers on its own goroutines); it fails the test with what
// after 10 s.
func (q *UIQueue) Eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		q.Pump()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting: %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (q *UIQueue) add(f func()) {
	q.mu.Lock()
	q.fns = append(q.fns, f)
	q.mu.Unlock()
}

// queuedApp is the test app with a driver whose DoFromGoroutine queues.
type queuedApp struct {
	fyne.App
	drv *queuedDriver
}

func (a *queuedApp) Driver() fyne.Driver { return a.drv }

type queuedDriver struct {
	fyne.Driver
	q *UIQueue
}

// DoFromGoroutine queues f; with wait, it returns once a Pump has run it
// (so it must not be called from the goroutine that pumps).
func (d *queuedDriver) DoFromGoroutine(f func(), wait bool) {
	if !wait {
		d.q.add(f)
		return
	}
	done := make(chan struct{})
	d.q.add(func() {
		defer close(done)
		f()
	})
	<-done
}
