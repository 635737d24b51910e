package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Participants' feedback forms (the hotwash) are kept beside the event log
// as the improvement plan is: one JSON document per form, which
// internal/exercise encodes and decodes. Unlike the plan a form is never
// replaced: each save adds a row in its own transaction, numbered from 1
// per exercise, so nothing saved is lost to a crash or to a later save.

// feedbackSchema is the schema version that brought the
// participant_feedback table (migrations/0004_participant_feedback.sql).
const feedbackSchema = 4

// FeedbackRecord is one saved form: its number within the exercise, the
// document AddFeedback was given and when it was saved (wall clock, ms).
type FeedbackRecord struct {
	Seq   int64
	Data  []byte
	Saved time.Time
}

// AddFeedback stores one participant's form, data (a JSON document), as
// the exercise's next one and returns its number. When it returns nil the
// form is on disk. A form for an exercise that does not exist is refused
// (ErrNotFound).
func (s *Store) AddFeedback(exerciseID string, data []byte) (int64, error) {
	wrap := func(err error) error {
		return s.errf(err, "save participant feedback of exercise %s", exerciseID)
	}
	if s.readOnly {
		return 0, wrap(ErrReadOnly)
	}
	if !json.Valid(data) {
		return 0, wrap(errors.New("the feedback is not valid JSON"))
	}
	// One statement: the number is taken and the row written atomically.
	res, err := s.db.Exec(`INSERT INTO participant_feedback (exercise_id, seq, data, saved_ms)
		SELECT id, COALESCE((SELECT MAX(seq) FROM participant_feedback WHERE exercise_id = ?), 0) + 1, ?, ?
		FROM exercises WHERE id = ?`,
		exerciseID, string(data), time.Now().UnixMilli(), exerciseID)
	if err != nil {
		return 0, wrap(err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return 0, wrap(err)
	} else if n == 0 {
		return 0, wrap(fmt.Errorf("exercise: %w", ErrNotFound))
	}
	var seq int64
	if err := s.db.QueryRow(`SELECT MAX(seq) FROM participant_feedback WHERE exercise_id = ?`, exerciseID).Scan(&seq); err != nil {
		return 0, wrap(err)
	}
	return seq, nil
}

// Feedback returns the exercise's saved forms in the order they were
// saved (none for a database from before forms). An exercise that does not
// exist gives ErrNotFound.
func (s *Store) Feedback(exerciseID string) ([]FeedbackRecord, error) {
	wrap := func(err error) error {
		return s.errf(err, "participant feedback of exercise %s", exerciseID)
	}
	if _, err := s.exercise(exerciseID); err != nil {
		return nil, wrap(err)
	}
	if s.schema < feedbackSchema {
		return nil, nil
	}
	rows, err := s.db.Query(`SELECT seq, data, saved_ms FROM participant_feedback WHERE exercise_id = ? ORDER BY seq`, exerciseID)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	var out []FeedbackRecord
	for rows.Next() {
		var r FeedbackRecord
		var text string
		var ms int64
		if err := rows.Scan(&r.Seq, &text, &ms); err != nil {
			return nil, wrap(err)
		}
		r.Data, r.Saved = []byte(text), time.UnixMilli(ms)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(err)
	}
	return out, nil
}
