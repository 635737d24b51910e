package exercise

import (
	"time"

	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/store"
)

// DB is an open exercise database. It is the handle the app and the
// command-line tools keep: everything they do with stored exercises goes
// through it (or through Start and Resume, which take it), never through
// internal/store.
type DB struct {
	st *store.Store
}

// Open opens or creates the exercise database at path for writing (see
// store.Open: the file is identified before anything is written to it, and
// the DB holds the database's writer lock until Close). Its errors are
// *OpenError values wrapping one of ErrNotDatabase, ErrNotFirebreak,
// ErrSchemaTooNew, ErrLocked (a *LockedError), or the file system's error.
func Open(path string) (*DB, error) {
	st, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	return &DB{st: st}, nil
}

// OpenReadOnly opens the exercise database at path for reading only: it
// writes nothing to the file and takes no lock, so it works beside a
// writer and on a file the user may only read (see store.OpenReadOnly).
// Its writing methods return ErrReadOnly.
func OpenReadOnly(path string) (*DB, error) {
	st, err := store.OpenReadOnly(path)
	if err != nil {
		return nil, err
	}
	return &DB{st: st}, nil
}

// Close closes the database, letting go of its writer lock.
func (db *DB) Close() error { return db.st.Close() }

// Path is the database file's absolute path.
func (db *DB) Path() string { return db.st.Path() }

// Summary is what the database keeps about an exercise besides its log,
// so that lists need not fold every log: what it plays, who plays it and
// how far it got.
type Summary struct {
	ID         string
	ScenarioID string
	Title      scenario.Text // the scenario's title
	Lang       string
	Teams      []string
	Source     string        // who runs it: "gui", "play:<hash>" or "lan:<hash>"
	Finished   bool          // its end is in the log
	Clock      time.Duration // the exercise clock where it last stood
	Paused     bool

	// Wall-clock times, to the millisecond.
	CreatedAt, UpdatedAt time.Time
}

func summaryOf(e store.Exercise) Summary {
	return Summary{ID: e.ID, ScenarioID: e.ScenarioID, Title: e.Title, Lang: e.Lang, Teams: e.Teams, Source: e.Source,
		Finished: e.Status == store.StatusFinished, Clock: time.Duration(e.ClockMS) * time.Millisecond, Paused: e.Paused,
		CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}
}

func summaries(es []store.Exercise, err error) ([]Summary, error) {
	if err != nil {
		return nil, err
	}
	out := make([]Summary, len(es))
	for i, e := range es {
		out[i] = summaryOf(e)
	}
	return out, nil
}

// Exercise returns one exercise's summary, or an error wrapping
// ErrNotFound.
func (db *DB) Exercise(id string) (Summary, error) {
	e, err := db.st.Exercise(id)
	if err != nil {
		return Summary{}, err
	}
	return summaryOf(e), nil
}

// Exercises returns every exercise, running or finished, most recently
// started first (the history screen).
func (db *DB) Exercises() ([]Summary, error) { return summaries(db.st.Exercises()) }

// Unfinished returns the exercises that can be resumed, most recently
// active first.
func (db *DB) Unfinished() ([]Summary, error) { return summaries(db.st.Unfinished()) }

// Latest returns the most recently started exercise, finished or not, or
// an error wrapping ErrNotFound when there is none.
func (db *DB) Latest() (Summary, error) {
	e, err := db.st.Latest()
	if err != nil {
		return Summary{}, err
	}
	return summaryOf(e), nil
}

// FindLatest returns the most recently active exercise started by source,
// finished or not, so that a tool run again after a kill carries on with
// it rather than playing it twice. ok is false when there is none.
func (db *DB) FindLatest(source string) (s Summary, ok bool, err error) {
	e, ok, err := db.st.FindLatest(source)
	if err != nil || !ok {
		return Summary{}, ok, err
	}
	return summaryOf(e), true, nil
}

// Erase removes an exercise for good, with its log and improvement plan,
// and compacts the database file so that nothing of it stays there. An
// exercise that does not exist gives ErrNotFound; ErrBusyCompacting says
// it was erased but another reader kept the file from being compacted yet.
func (db *DB) Erase(id string) error { return db.st.Erase(id) }

// EraseAll erases every exercise (see Erase) and returns how many there
// were.
func (db *DB) EraseAll() (int, error) { return db.st.EraseAll() }
