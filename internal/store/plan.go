package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// The facilitator's improvement plan for an exercise is after-action work,
// edited after the debrief, so it is kept beside the event log, not in it,
// and a save replaces the whole plan. As with events, the store does not
// know its shape: a plan is one JSON document per exercise, which
// internal/exercise encodes and decodes (its type is debrief.Plan).

// planSchema is the schema version that brought the improvement_plan
// table (migrations/0002_improvement_plan.sql).
const planSchema = 2

// SavePlan stores the exercise's improvement plan, data (a JSON document),
// replacing any earlier one. When it returns nil the plan is on disk. A
// plan for an exercise that does not exist is refused (ErrNotFound).
func (s *Store) SavePlan(exerciseID string, data []byte) error {
	wrap := func(err error) error {
		return s.errf(err, "save improvement plan of exercise %s", exerciseID)
	}
	if s.readOnly {
		return wrap(ErrReadOnly)
	}
	if !json.Valid(data) {
		return wrap(errors.New("the plan is not valid JSON"))
	}
	// INSERT … SELECT FROM exercises inserts nothing for an unknown exercise,
	// which RowsAffected tells apart without parsing a foreign-key error.
	res, err := s.db.Exec(`INSERT INTO improvement_plan (exercise_id, data, updated_ms)
		SELECT id, ?, ? FROM exercises WHERE id = ?
		ON CONFLICT (exercise_id) DO UPDATE SET data = excluded.data, updated_ms = excluded.updated_ms`,
		string(data), time.Now().UnixMilli(), exerciseID)
	if err != nil {
		return wrap(err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return wrap(err)
	} else if n == 0 {
		return wrap(fmt.Errorf("exercise: %w", ErrNotFound))
	}
	return nil
}

// Plan returns the exercise's saved improvement plan as SavePlan was given
// it, and when it was saved (wall clock, millisecond precision); ok is
// false when none was saved yet. An exercise that does not exist gives
// ErrNotFound.
func (s *Store) Plan(exerciseID string) (data []byte, saved time.Time, ok bool, err error) {
	wrap := func(err error) error {
		return s.errf(err, "improvement plan of exercise %s", exerciseID)
	}
	if s.schema < planSchema {
		// Read-only, from before plans: none was saved.
		if _, err := s.exercise(exerciseID); err != nil {
			return nil, time.Time{}, false, wrap(err)
		}
		return nil, time.Time{}, false, nil
	}
	var text string
	var updated int64
	err = s.db.QueryRow(`SELECT data, updated_ms FROM improvement_plan WHERE exercise_id = ?`, exerciseID).Scan(&text, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		if _, err := s.exercise(exerciseID); err != nil {
			return nil, time.Time{}, false, wrap(err)
		}
		return nil, time.Time{}, false, nil
	}
	if err != nil {
		return nil, time.Time{}, false, wrap(err)
	}
	return []byte(text), time.UnixMilli(updated), true, nil
}

// DeletePlan removes the exercise's improvement plan, so the debrief and
// the exports go back to the rows drawn from the evidence. Deleting a plan
// that was never saved is harmless.
func (s *Store) DeletePlan(exerciseID string) error {
	if s.readOnly {
		return s.errf(ErrReadOnly, "delete improvement plan of exercise %s", exerciseID)
	}
	if _, err := s.db.Exec(`DELETE FROM improvement_plan WHERE exercise_id = ?`, exerciseID); err != nil {
		return s.errf(err, "delete improvement plan of exercise %s", exerciseID)
	}
	return nil
}
