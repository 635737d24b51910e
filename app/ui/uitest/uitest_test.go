package uitest

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
)

// Tests share one app, but each Window starts as a new app would: no
// preferences, no window of an earlier test.
func TestEachWindowStartsAfresh(t *testing.T) {
	var first, extra fyne.Window
	var open int // windows open in the first test, the extra one left out
	t.Run("first", func(t *testing.T) {
		first = Window(t)
		fyne.CurrentApp().Preferences().SetString("lang", "zh")
		open = len(fyne.CurrentApp().Driver().AllWindows())
		extra = fyne.CurrentApp().NewWindow("left open")
		extra.Show()
		if first.Canvas().Size() != fyne.NewSize(1280, 800) {
			t.Errorf("window size %v", first.Canvas().Size())
		}
	})
	t.Run("second", func(t *testing.T) {
		Window(t)
		if got := fyne.CurrentApp().Preferences().String("lang"); got != "" {
			t.Errorf("a preference of the earlier test is still set: %q", got)
		}
		all := fyne.CurrentApp().Driver().AllWindows()
		if slices.Contains(all, extra) || slices.Contains(all, first) {
			t.Error("a window of the earlier test is still open")
		}
		if len(all) != open {
			t.Errorf("%d windows open; the earlier test had %d with its own", len(all), open)
		}
	})
}

// Work that another goroutine hands over with fyne.Do does not run beside
// the test: it runs on the test's goroutine when that next hands work
// over, in order; what is left when the test ends does not reach the next.
func TestWorkFromOtherGoroutinesWaitsForTheTests(t *testing.T) {
	var ran []string
	var late func()
	t.Run("first", func(t *testing.T) {
		Window(t)
		me := goroutineID()
		done := make(chan struct{})
		go func() {
			defer close(done)
			fyne.Do(func() {
				if goroutineID() != me {
					t.Error("a worker's work ran on the worker")
				}
				ran = append(ran, "worker")
			})
		}()
		<-done
		if len(ran) != 0 {
			t.Fatalf("the worker's work ran before the test handed any over: %v", ran)
		}
		fyne.Do(func() { ran = append(ran, "test") })
		if !slices.Equal(ran, []string{"worker", "test"}) {
			t.Errorf("ran %v, want the worker's then the test's", ran)
		}
		late = func() { ran = append(ran, "late") }
	})
	t.Run("second", func(t *testing.T) {
		done := make(chan struct{})
		go func() { defer close(done); fyne.Do(late) }() // a worker of the first test, after it ended
		<-done
		Window(t)
		fyne.Do(func() { ran = append(ran, "second") })
		if !slices.Equal(ran, []string{"worker", "test", "second"}) {
			t.Errorf("ran %v: the first test's late work reached the second", ran)
		}
	})
}

// A subtest's Window holds the UI for the subtest; when it ends, the
// parent that called Window before holds it again.
func TestASubtestGivesTheUIBack(t *testing.T) {
	Window(t)
	t.Run("sub", func(t *testing.T) { Window(t) })
	ran := false
	fyne.Do(func() { ran = true })
	if !ran {
		t.Error("after a subtest's Window, the parent's own work no longer runs")
	}
}
