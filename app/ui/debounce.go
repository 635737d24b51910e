package ui

import (
	"sync"
	"time"
)

// Debouncer runs the last of a burst of calls once the burst has been quiet
// for its delay: a statement judged when typing pauses, the replay redrawn
// when its slider rests, the plan saved a moment after the last edit. A
// single call is a delay that can be called off (a progress dialog shown
// only if the work takes a while, a rejoin tried again later).
//
// Nothing polls: one timer waits, and each call replaces it. The methods
// may be called from any goroutine. It is the app's only debouncer.
type Debouncer struct {
	delay time.Duration
	onUI  bool

	mu      sync.Mutex
	gen     uint64 // bumped by each Call, Flush and Cancel: a timer of an older generation does nothing
	pending func()
	timer   *time.Timer
}

// NewDebouncer makes a debouncer whose calls run on a goroutine of their
// own (the timer's): for work that must not hold the UI goroutine, which
// then hands its result over with Do. Cancel keeps a call from starting
// but does not wait for one that has started.
func NewDebouncer(delay time.Duration) *Debouncer {
	return &Debouncer{delay: delay}
}

// NewUIDebouncer makes a debouncer whose calls run on the UI goroutine
// (through fyne.Do). Called there, Cancel is final: the call waiting does
// not run, even when its timer fired and the call is already queued for the
// UI goroutine.
func NewUIDebouncer(delay time.Duration) *Debouncer {
	return &Debouncer{delay: delay, onUI: true}
}

// Call runs fn once the delay has passed with no other call, dropping the
// call waiting, if any.
func (d *Debouncer) Call(fn func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.dropLocked()
	gen := d.gen
	d.pending = fn
	d.timer = time.AfterFunc(d.delay, func() {
		if d.onUI {
			Do(func() { d.fire(gen) })
			return
		}
		d.fire(gen)
	})
}

// fire runs the call of generation gen unless a later Call, Flush or
// Cancel has replaced it.
func (d *Debouncer) fire(gen uint64) {
	d.mu.Lock()
	if gen != d.gen {
		d.mu.Unlock()
		return
	}
	fn := d.pending
	d.pending, d.timer = nil, nil
	d.mu.Unlock()
	if fn != nil {
		fn()
	}
}

// Flush runs the call waiting now, on the caller's goroutine, instead of
// after the delay; it reports whether there was one.
func (d *Debouncer) Flush() bool {
	d.mu.Lock()
	fn := d.dropLocked()
	d.mu.Unlock()
	if fn == nil {
		return false
	}
	fn()
	return true
}

// Cancel drops the call waiting, if any.
func (d *Debouncer) Cancel() {
	d.mu.Lock()
	d.dropLocked()
	d.mu.Unlock()
}

// dropLocked stops the timer, retires its generation and returns the call
// that was waiting.
func (d *Debouncer) dropLocked() func() {
	if d.timer != nil {
		d.timer.Stop()
	}
	d.gen++
	fn := d.pending
	d.pending, d.timer = nil, nil
	return fn
}
