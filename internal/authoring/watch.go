package authoring

import (
	"os"
	"sync"
	"time"
)

// Stamp is what the watcher compares: a file's modification time and
// size, or that it could not be read.
type Stamp struct {
	ModTime time.Time
	Size    int64
	Missing bool
}

func (s Stamp) same(o Stamp) bool {
	return s.Missing == o.Missing && s.Size == o.Size && s.ModTime.Equal(o.ModTime)
}

func stampOf(name string) Stamp {
	fi, err := os.Stat(name)
	if err != nil {
		return Stamp{Missing: true}
	}
	return Stamp{ModTime: fi.ModTime(), Size: fi.Size()}
}

// Watcher polls a file and calls its function, on the watcher's own
// goroutine, once at the start and then after each change, when the file
// has looked the same for one more poll (an editor still writing it is
// not read half-written: a debounce of one period). Each poll also calls
// tick, so that a screen can say when it last checked.
type Watcher struct {
	stop chan struct{}
	done chan struct{}
	once sync.Once
}

// Watch starts watching name every period; changed runs after each
// settled change (and once at the start), checked after every poll that
// changed nothing (may be nil). Both run on the watcher's goroutine, never
// at the same time.
func Watch(name string, every time.Duration, changed func(Stamp), checked func()) *Watcher {
	w := &Watcher{stop: make(chan struct{}), done: make(chan struct{})}
	go w.run(name, every, changed, checked)
	return w
}

func (w *Watcher) run(name string, every time.Duration, changed func(Stamp), checked func()) {
	defer close(w.done)
	reported := stampOf(name)
	changed(reported)
	last := reported
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
		}
		now := stampOf(name)
		switch {
		case !now.same(last):
			last = now // changing: look again next time
			if checked != nil {
				checked()
			}
		case !now.same(reported):
			reported = now
			changed(now)
		default:
			if checked != nil {
				checked()
			}
		}
	}
}

// Stop ends the watching and waits for the watcher's goroutine to end.
// It may be called more than once.
func (w *Watcher) Stop() {
	w.once.Do(func() { close(w.stop) })
	<-w.done
}
