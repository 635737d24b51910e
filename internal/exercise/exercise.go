// Package exercise ties the engine to the store: it starts an exercise whose
// every event is saved before it takes effect, and resumes one from its log.
// The GUI, the headless player and the LAN host all go through it.
//
// It is the only package that imports internal/store (boundary_test.go
// enforces this): the exercise database is opened here (Open,
// OpenReadOnly) and handed around as a *DB, through which callers list,
// read and erase exercises and keep the facilitator's improvement plan
// (debrief.Plan). The store's refusals are re-exported (errors.go), so a
// caller tells them apart without importing the store.
package exercise

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/store"
)

// Running is an exercise backed by the store.
type Running struct {
	ID      string
	Session *engine.Session
	db      *DB
	log     *storeLog
	// endUnsaved is set when the exercise ended while its end event waits
	// in the buffer (OnFlush): it is marked finished after the flush.
	endUnsaved atomic.Bool
}

// Durability says when events reach the disk.
type Durability int

const (
	// EachEvent writes every event durably before it takes effect: what the
	// GUI needs, since people see and act on every event.
	EachEvent Durability = iota
	// OnFlush buffers events until Flush. Only for headless play, whose
	// events are a deterministic function of the script: events lost in a
	// crash are produced again, identically, when the run resumes.
	OnFlush
)

// storeLog makes the store the engine's log.
type storeLog struct {
	st      *store.Store
	id      string
	mode    Durability
	pending []store.Record
	// starting holds events back until the exercise is created with them.
	starting bool
}

func (l *storeLog) Append(ev engine.Event) error {
	data, err := ev.Encode()
	if err != nil {
		return err
	}
	rec := store.Record{Seq: ev.Seq, AtMS: ev.At.Milliseconds(), Kind: string(ev.Kind), Data: data, Wall: time.Now()}
	if l.mode == OnFlush || l.starting {
		l.pending = append(l.pending, rec)
		return nil
	}
	return l.st.Append(l.id, rec)
}

func (l *storeLog) flush() error {
	if len(l.pending) == 0 {
		return nil
	}
	if err := l.st.AppendBatch(l.id, l.pending); err != nil {
		return err
	}
	l.pending = l.pending[:0]
	return nil
}

// Flush writes buffered events (OnFlush mode) in one transaction.
func (r *Running) Flush() error {
	var err error
	r.Session.Read(func(*engine.State) { err = r.log.flush() }) // under the session lock: no append races the flush
	if err == nil && r.endUnsaved.Swap(false) {
		_ = r.db.st.Finish(r.ID) // as in watchEnd: only the home list depends on it
	}
	return err
}

// NewID returns a random exercise id.
func NewID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Start creates an exercise in the store and starts it. source tells who
// runs it ("gui", or "play:HASH" for a scripted run).
func Start(db *DB, cfg engine.Config, title scenario.Text, source string, wall engine.WallClock, mode Durability) (*Running, error) {
	st := db.st
	id := NewID()
	// The exercise and the events of its start go to the store in one
	// transaction, after the engine has made them: a kill in between
	// leaves nothing half-started.
	log := &storeLog{st: st, id: id, mode: mode, starting: true}
	s, err := engine.Start(cfg, log, wall)
	if err != nil {
		return nil, err
	}
	err = st.StartExercise(store.Exercise{ID: id, ScenarioID: cfg.ScenarioID, Title: title, Lang: cfg.Lang,
		Teams: cfg.Teams, Source: source, Status: store.StatusRunning, Paused: true}, log.pending)
	if err != nil {
		return nil, err
	}
	log.pending, log.starting = log.pending[:0], false
	r := &Running{ID: id, Session: s, db: db, log: log}
	r.watchEnd()
	return r, nil
}

// ErrInterruptedStart is an exercise that an older version began to start
// but never wrote a first event for (a kill or a full disk in between):
// there is nothing to resume. Starts are atomic now; the store's lists
// leave such exercises out.
var ErrInterruptedStart = errors.New("its start was interrupted before anything was saved, so there is nothing to resume; start the exercise again")

// Resume rebuilds an exercise from the store. Its clock stands paused where
// it last stood.
func Resume(db *DB, id string, wall engine.WallClock, mode Durability) (*Running, error) {
	r, _, err := ResumeWithLog(db, id, wall, mode)
	return r, err
}

// ResumeWithLog is Resume that also returns the log the exercise was
// resumed from, for a view that draws history the session does not keep
// (the world's trend lines). Resume lets it go at once: a long log is
// not kept in memory for the whole of a run.
func ResumeWithLog(db *DB, id string, wall engine.WallClock, mode Durability) (*Running, []engine.Event, error) {
	st := db.st
	ex, err := st.Exercise(id)
	if err != nil {
		return nil, nil, err
	}
	events, err := db.Events(id)
	if err != nil {
		return nil, nil, err
	}
	if len(events) == 0 {
		return nil, nil, fmt.Errorf("exercise %s: %w", id, ErrInterruptedStart)
	}
	log := &storeLog{st: st, id: id, mode: mode}
	s, err := engine.Resume(events, log, wall, time.Duration(ex.ClockMS)*time.Millisecond)
	if err != nil {
		return nil, nil, fmt.Errorf("exercise %s: %w", id, err)
	}
	r := &Running{ID: id, Session: s, db: db, log: log}
	var ended bool
	s.Read(func(state *engine.State) { ended = state.Ended })
	if ended && ex.Status != store.StatusFinished {
		if err := st.Finish(id); err != nil {
			return nil, nil, err
		}
	}
	r.watchEnd()
	return r, events, nil
}

// Events reads and decodes an exercise's log.
func (db *DB) Events(id string) ([]engine.Event, error) {
	events, _, err := db.EventsStarted(id)
	return events, err
}

// Events reads and decodes the exercise's log as saved so far: with
// OnFlush, events still waiting for Flush are not among them. The LAN host
// replays it to the teams' streams after a restart.
func (r *Running) Events() ([]engine.Event, error) { return r.db.Events(r.ID) }

// EventsStarted is Events with the wall-clock time the first event was
// written (zero when the log is empty or the time unknown), for a report's
// date.
func (db *DB) EventsStarted(id string) ([]engine.Event, time.Time, error) {
	recs, err := db.st.Events(id)
	if err != nil {
		return nil, time.Time{}, err
	}
	events := make([]engine.Event, 0, len(recs))
	for _, r := range recs {
		ev, err := engine.Decode(r.Seq, time.Duration(r.AtMS)*time.Millisecond, r.Kind, r.Data)
		if err != nil {
			return nil, time.Time{}, fmt.Errorf("exercise %s: %w", id, err)
		}
		events = append(events, ev)
	}
	var started time.Time
	if len(recs) > 0 && recs[0].Wall.UnixMilli() > 0 {
		started = recs[0].Wall
	}
	return events, started, nil
}

// Load folds a stored exercise without resuming it (for the debrief).
func (db *DB) Load(id string) (*engine.State, error) {
	events, err := db.Events(id)
	if err != nil {
		return nil, err
	}
	return engine.Fold(events)
}

// watchEnd marks the exercise finished in the store once its end is saved,
// so the home screen stops offering to resume it. With OnFlush the end
// event is still in the buffer when it takes effect: marking the exercise
// finished then would leave, after a kill, a "finished" exercise whose log
// never ended; the mark waits for the flush.
func (r *Running) watchEnd() {
	r.Session.Subscribe(func(ev engine.Event) {
		if ev.Kind != engine.KindExerciseEnds {
			return
		}
		if r.log.mode == OnFlush {
			r.endUnsaved.Store(true)
			return
		}
		_ = r.db.st.Finish(r.ID) // the log already says it ended; a failure here only affects the home list
	})
}

// SaveClock records where the exercise clock stands, so a resume after a
// crash continues from there. The GUI calls it about once a second.
func (r *Running) SaveClock() error {
	var paused bool
	r.Session.Read(func(st *engine.State) { paused = st.Paused })
	return r.db.st.SetClock(r.ID, r.Session.ExerciseTime().Milliseconds(), paused)
}
