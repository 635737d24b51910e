package store

import (
	"errors"
	"fmt"
	"os"

	sqlite3 "modernc.org/sqlite/lib"
)

// The errors Open and OpenReadOnly return wrap one of these sentinels (test
// with errors.Is) inside an *OpenError that names the file, so a caller can
// put both into its own words.
var (
	// ErrNotDatabase: the file is not a SQLite database at all (a text
	// file, a folder, a damaged or encrypted file). It is left untouched.
	ErrNotDatabase = errors.New("not a SQLite database")

	// ErrNotFirebreak: a valid SQLite database that belongs to something
	// else (its tables or application id are not Firebreak's). It is left
	// untouched: we must not add our tables to someone else's file.
	ErrNotFirebreak = errors.New("not a Firebreak database")

	// ErrSchemaTooNew: a database written by a newer Firebreak. Running old
	// code against it could silently drop facts the newer schema records,
	// so we refuse rather than guess.
	ErrSchemaTooNew = errors.New("database schema is newer than this version of Firebreak supports")

	// ErrLocked: another Firebreak (or another Store in this process) has
	// the database open for writing. The error is a *LockedError, which
	// knows the holder's process id when it could be read.
	ErrLocked = errors.New("database is in use by another Firebreak")

	// ErrUnfinishedWrite: OpenReadOnly found a write to the file that was
	// interrupted (a hot journal beside it), which only a writer can roll
	// back. Opening it with Open once recovers it.
	ErrUnfinishedWrite = errors.New("a write to it was interrupted and must be rolled back first; open it once with Firebreak (firebreak play, host or the app) to recover it")

	// ErrReadOnly is returned by the writing methods of a Store opened
	// with OpenReadOnly.
	ErrReadOnly = errors.New("database is open read-only")
)

// OpenError is what Open and OpenReadOnly return: the file as the caller
// named it and what went wrong with it. Err wraps one of the sentinels
// above, or the underlying file-system or SQLite error.
type OpenError struct {
	Path string
	Err  error
}

func (e *OpenError) Error() string {
	if e.Path == "" {
		return "store: open: " + e.Err.Error()
	}
	return "store: open " + e.Path + ": " + e.Err.Error()
}

func (e *OpenError) Unwrap() error { return e.Err }

// LockedError says who holds the writer lock of a database. It matches
// ErrLocked under errors.Is.
type LockedError struct {
	// PID is the process id of the holder, 0 when it could not be read
	// (the holder was just starting or stopping, or the platform has no
	// readable lock file).
	PID int
}

func (e *LockedError) Error() string {
	switch {
	case e.PID == os.Getpid():
		return "database is already open in this process"
	case e.PID > 0:
		return fmt.Sprintf("%s (process %d); close it there first", ErrLocked, e.PID)
	}
	return ErrLocked.Error() + "; close it there first"
}

func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// hotJournal tells whether err is SQLite's refusal to read a file through a
// read-only connection because a hot journal must first be rolled back
// (SQLITE_READONLY_ROLLBACK).
func hotJournal(err error) bool {
	var se interface{ Code() int }
	return errors.As(err, &se) && se.Code() == sqlite3.SQLITE_READONLY_ROLLBACK
}
