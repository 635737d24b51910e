package store

import (
	"errors"
	"fmt"
	"time"
)

// The training programme (migrations/0005_programme.sql): each exercise may
// belong to an organisation (or cohort), named by the facilitator; each
// organisation may have a next drill date; and every save of an
// improvement plan is kept in its history, so a corrective action's status
// can be followed from one exercise to the next. The store checks the
// shapes (a name is not empty, a date is YYYY-MM-DD); internal/exercise
// checks the rest.

// programmeSchema is the schema version that brought the programme tables.
const programmeSchema = 5

// ErrBadDate is returned for a next drill date not written YYYY-MM-DD.
var ErrBadDate = errors.New("not a date written YYYY-MM-DD")

// SetOrganisation files the exercise under the organisation org, or under
// none when org is "". When it returns nil the change is on disk. An
// exercise that does not exist is refused (ErrNotFound).
func (s *Store) SetOrganisation(exerciseID, org string) error {
	wrap := func(err error) error {
		return s.errf(err, "set the organisation of exercise %s", exerciseID)
	}
	if s.readOnly {
		return wrap(ErrReadOnly)
	}
	if _, err := s.exercise(exerciseID); err != nil {
		return wrap(err)
	}
	var err error
	if org == "" {
		_, err = s.db.Exec(`DELETE FROM exercise_organisation WHERE exercise_id = ?`, exerciseID)
	} else {
		_, err = s.db.Exec(`INSERT INTO exercise_organisation (exercise_id, organisation, updated_ms)
			SELECT id, ?, ? FROM exercises WHERE id = ?
			ON CONFLICT (exercise_id) DO UPDATE SET organisation = excluded.organisation, updated_ms = excluded.updated_ms`,
			org, time.Now().UnixMilli(), exerciseID)
	}
	if err != nil {
		return wrap(err)
	}
	return nil
}

// Organisations returns the organisation of every exercise filed under
// one, by exercise id (none for a database from before programmes).
func (s *Store) Organisations() (map[string]string, error) {
	out := map[string]string{}
	if s.schema < programmeSchema {
		return out, nil
	}
	rows, err := s.db.Query(`SELECT exercise_id, organisation FROM exercise_organisation`)
	if err != nil {
		return nil, s.errf(err, "organisations")
	}
	defer rows.Close()
	for rows.Next() {
		var id, org string
		if err := rows.Scan(&id, &org); err != nil {
			return nil, s.errf(err, "organisations")
		}
		out[id] = org
	}
	if err := rows.Err(); err != nil {
		return nil, s.errf(err, "organisations")
	}
	return out, nil
}

// SetNextDrill sets the organisation's next drill date, written
// YYYY-MM-DD, or clears it when date is "". When it returns nil the date
// is on disk.
func (s *Store) SetNextDrill(org, date string) error {
	wrap := func(err error) error {
		return s.errf(err, "set the next drill of %q", org)
	}
	if s.readOnly {
		return wrap(ErrReadOnly)
	}
	if org == "" {
		return wrap(errors.New("no organisation"))
	}
	if date != "" {
		if t, err := time.Parse(time.DateOnly, date); err != nil || t.Format(time.DateOnly) != date {
			return wrap(fmt.Errorf("%q: %w", date, ErrBadDate))
		}
	}
	if _, err := s.db.Exec(`INSERT INTO programme (organisation, next_drill, updated_ms) VALUES (?, ?, ?)
		ON CONFLICT (organisation) DO UPDATE SET next_drill = excluded.next_drill, updated_ms = excluded.updated_ms`,
		org, date, time.Now().UnixMilli()); err != nil {
		return wrap(err)
	}
	return nil
}

// NextDrills returns every organisation's next drill date (YYYY-MM-DD) by
// organisation; organisations whose date was cleared are left out.
func (s *Store) NextDrills() (map[string]string, error) {
	out := map[string]string{}
	if s.schema < programmeSchema {
		return out, nil
	}
	rows, err := s.db.Query(`SELECT organisation, next_drill FROM programme WHERE next_drill != ''`)
	if err != nil {
		return nil, s.errf(err, "next drills")
	}
	defer rows.Close()
	for rows.Next() {
		var org, date string
		if err := rows.Scan(&org, &date); err != nil {
			return nil, s.errf(err, "next drills")
		}
		out[org] = date
	}
	if err := rows.Err(); err != nil {
		return nil, s.errf(err, "next drills")
	}
	return out, nil
}

// PlanVersion is one save of an exercise's improvement plan: the document
// SavePlan was given and when (wall clock, ms).
type PlanVersion struct {
	Seq   int64
	Data  []byte
	Saved time.Time
}

// PlanHistory returns every save of the exercise's improvement plan,
// oldest first (a plan saved before the programme tables existed is the
// first). An exercise that does not exist gives ErrNotFound.
func (s *Store) PlanHistory(exerciseID string) ([]PlanVersion, error) {
	wrap := func(err error) error {
		return s.errf(err, "improvement plan history of exercise %s", exerciseID)
	}
	if _, err := s.exercise(exerciseID); err != nil {
		return nil, wrap(err)
	}
	if s.schema < programmeSchema {
		data, saved, ok, err := s.Plan(exerciseID)
		if err != nil || !ok {
			return nil, err
		}
		return []PlanVersion{{Seq: 1, Data: data, Saved: saved}}, nil
	}
	rows, err := s.db.Query(`SELECT seq, data, saved_ms FROM improvement_plan_history WHERE exercise_id = ? ORDER BY seq`, exerciseID)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	var out []PlanVersion
	for rows.Next() {
		var v PlanVersion
		var text string
		var ms int64
		if err := rows.Scan(&v.Seq, &text, &ms); err != nil {
			return nil, wrap(err)
		}
		v.Data, v.Saved = []byte(text), time.UnixMilli(ms)
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(err)
	}
	return out, nil
}
