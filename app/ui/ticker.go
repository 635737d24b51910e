package ui

import (
	"sync"
	"time"
)

// ClockTicker calls tick on its own goroutine at a fixed interval until
// stopped. There is one per running exercise: the engine needs a Tick to
// deliver injects and time decisions out, and the screens need a redraw for
// the clock and countdowns. (What waits for a pause uses a Debouncer.)
type ClockTicker struct {
	quit    chan struct{}
	stopped chan struct{}
	once    sync.Once
}

func StartClockTicker(every time.Duration, tick func()) *ClockTicker {
	t := &ClockTicker{quit: make(chan struct{}), stopped: make(chan struct{})}
	go func() {
		defer close(t.stopped)
		tk := time.NewTicker(every)
		defer tk.Stop()
		for {
			select {
			case <-t.quit:
				return
			case <-tk.C:
				tick()
			}
		}
	}()
	return t
}

// stop ends the ticker and waits for a tick in progress, so that no Tick
// or SaveClock reaches the store after the screen has let the exercise go.
// Waiting on the UI goroutine is safe: a tick never waits for that
// goroutine (it hands redraws over with fyne.Do, which does not block).
func (t *ClockTicker) Stop() {
	t.once.Do(func() { close(t.quit) })
	<-t.stopped
}
