package authoring

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// The watcher reports the file at the start, then a change once it has
// held for a poll, a removal, and nothing when nothing changed; Stop ends
// its goroutine (the bubble would not end otherwise).
func TestWatchReportsSettledChanges(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		name := filepath.Join(t.TempDir(), "a.yaml")
		if err := os.WriteFile(name, []byte("one"), 0o600); err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		var got []Stamp
		checks := 0
		w := Watch(name, time.Second, func(s Stamp) {
			mu.Lock()
			got = append(got, s)
			mu.Unlock()
		}, func() {
			mu.Lock()
			checks++
			mu.Unlock()
		})
		count := func() (int, int) {
			synctest.Wait()
			mu.Lock()
			defer mu.Unlock()
			return len(got), checks
		}
		if n, _ := count(); n != 1 || got[0].Size != 3 {
			t.Fatalf("at the start: %v", got)
		}
		time.Sleep(3 * time.Second)
		if n, c := count(); n != 1 || c != 3 {
			t.Fatalf("unchanged file: %d reports, %d checks", n, c)
		}
		if err := os.WriteFile(name, []byte("two, longer"), 0o600); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Second) // seen changing
		if n, _ := count(); n != 1 {
			t.Fatalf("reported before it settled: %v", got)
		}
		time.Sleep(time.Second) // settled
		if n, _ := count(); n != 2 || got[1].Size != int64(len("two, longer")) {
			t.Fatalf("after the change: %v", got)
		}
		if err := os.Remove(name); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Second)
		if n, _ := count(); n != 3 || !got[2].Missing {
			t.Fatalf("after removal: %v", got)
		}
		w.Stop()
		w.Stop() // twice is fine
		time.Sleep(5 * time.Second)
		if n, _ := count(); n != 3 {
			t.Fatalf("reported after Stop: %v", got)
		}
	})
}
