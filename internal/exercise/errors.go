package exercise

import "github.com/firebreak-drills/firebreak/internal/store"

// The store's refusals, re-exported so that callers (the app's error
// texts, the command-line tools) test for them with errors.Is and
// errors.As without importing internal/store. They are the same values
// and types: an error from the store matches them.
var (
	// ErrNotFound: no such exercise.
	ErrNotFound = store.ErrNotFound
	// ErrReadOnly: a write to a database opened with OpenReadOnly.
	ErrReadOnly = store.ErrReadOnly
	// ErrBusyCompacting: erased, but the file could not be compacted yet.
	ErrBusyCompacting = store.ErrBusyCompacting

	// Why Open or OpenReadOnly refused a file (inside an *OpenError).
	ErrNotDatabase     = store.ErrNotDatabase
	ErrNotFirebreak    = store.ErrNotFirebreak
	ErrSchemaTooNew    = store.ErrSchemaTooNew
	ErrLocked          = store.ErrLocked
	ErrUnfinishedWrite = store.ErrUnfinishedWrite
)

// OpenError is what Open and OpenReadOnly return: the file as the caller
// named it, and what went wrong with it (Err).
type OpenError = store.OpenError

// LockedError says which process holds the database's writer lock (PID,
// 0 when unknown); it matches ErrLocked.
type LockedError = store.LockedError
