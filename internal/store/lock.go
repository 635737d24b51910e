package store

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
)

// The writer lock: a Store opened with Open holds an exclusive OS lock on
// the sibling file <db>.lock for as long as it is open, so two programs (two
// `firebreak play` runs, `host` and the app…) never drive exercises in one
// database at once. The lock is the kernel's (flock on Unix, an exclusive
// share mode on Windows), so it goes away with the process however it ends,
// and it is per open file, so a second Open of the same database in the same
// process is refused too (with a message that says so) rather than shared:
// two writers in one process are just as much two drivers.
//
// While held, the lock file holds the holder's process id, which the refused
// opener puts in its error. The file is emptied on release but not removed:
// removing it would let a newcomer lock a fresh file while someone still
// holds the old, unlinked one.
//
// OpenReadOnly does not take the lock: reading beside a writer is safe.

// errHeld is what lockFile returns when another open file holds the lock.
var errHeld = errors.New("lock is held")

type dbLock struct {
	f    *os.File
	once sync.Once
}

// lockPath is the lock file of the database at abs.
func lockPath(abs string) string { return abs + ".lock" }

// lockDB takes the writer lock of the database at abs, or returns a
// *LockedError if someone has it.
func lockDB(abs string) (*dbLock, error) {
	lp := lockPath(abs)
	f, err := lockFile(lp)
	if errors.Is(err, errHeld) {
		return nil, &LockedError{PID: readPID(lp)}
	}
	if err != nil {
		return nil, fmt.Errorf("lock file: %w", err)
	}
	// The pid is only a hint for the refused, so failing to write it is
	// not worth failing the open.
	if f.Truncate(0) == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &dbLock{f: f}, nil
}

// release empties the lock file and lets go of the lock. Calling it again
// does nothing.
func (l *dbLock) release() error {
	var err error
	l.once.Do(func() {
		l.f.Truncate(0)
		err = l.f.Close()
	})
	return err
}

// readPID reads the holder's pid from a lock file, 0 if there is none.
func readPID(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}
