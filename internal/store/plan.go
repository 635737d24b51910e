package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Plan is the facilitator's improvement plan for an exercise: the
// strengths and areas for improvement as the facilitator words them, and
// the corrective actions with an owner and a due date. It is after-action
// work, edited after the debrief, so it is kept beside the event log, not in
// it, and a save replaces the whole plan.
type Plan struct {
	Strengths    []PlanItem   `json:"strengths"`
	Improvements []PlanItem   `json:"areas_for_improvement"`
	Actions      []PlanAction `json:"corrective_actions"`
	// UpdatedAt is when the plan was last saved (wall clock, millisecond
	// precision); set by Plan, ignored by SavePlan.
	UpdatedAt time.Time `json:"-"`
}

// PlanItem is a strength or an area for improvement. Code and Subject say
// which finding of the evidence it came from (empty for the facilitator's
// own); Team is empty for the whole exercise.
type PlanItem struct {
	Team    string `json:"team,omitempty"`
	Code    string `json:"code,omitempty"`
	Subject string `json:"subject,omitempty"`
	Text    string `json:"text"`
}

// PlanAction is a corrective action: what it addresses, what is to be
// done, who does it and by when. Due is a date, YYYY-MM-DD, or empty.
type PlanAction struct {
	Team   string `json:"team,omitempty"`
	What   string `json:"what"`
	Action string `json:"action"`
	Owner  string `json:"owner"`
	Due    string `json:"due"`
}

// planSchema is the schema version that brought the improvement_plan
// table (migrations/0002_improvement_plan.sql).
const planSchema = 2

// ErrBadDate is returned by SavePlan for a due date that is not a
// calendar date written YYYY-MM-DD.
var ErrBadDate = errors.New("due date is not a date (YYYY-MM-DD)")

var dueRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// CheckDue reports whether s is a valid due date: empty, or a real
// calendar date written YYYY-MM-DD (2027-02-30 is refused).
func CheckDue(s string) error {
	if s == "" {
		return nil
	}
	if !dueRE.MatchString(s) {
		return fmt.Errorf("%w: %q", ErrBadDate, s)
	}
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return fmt.Errorf("%w: %q", ErrBadDate, s)
	}
	return nil
}

// Validate checks the plan's due dates; the error names the first bad row.
func (p Plan) Validate() error {
	for i, a := range p.Actions {
		if err := CheckDue(a.Due); err != nil {
			return fmt.Errorf("corrective action %d: %w", i+1, err)
		}
	}
	return nil
}

// SavePlan stores the exercise's improvement plan, replacing any earlier
// one. When it returns nil the plan is on disk. A plan with a bad due date
// is refused whole (ErrBadDate), and so is one for an exercise that does
// not exist (ErrNotFound).
func (s *Store) SavePlan(exerciseID string, p Plan) error {
	wrap := func(err error) error {
		return s.errf(err, "save improvement plan of exercise %s", exerciseID)
	}
	if s.readOnly {
		return wrap(ErrReadOnly)
	}
	if err := p.Validate(); err != nil {
		return wrap(err)
	}
	// nil lists are stored as [] so a reader sees the same shape either way.
	if p.Strengths == nil {
		p.Strengths = []PlanItem{}
	}
	if p.Improvements == nil {
		p.Improvements = []PlanItem{}
	}
	if p.Actions == nil {
		p.Actions = []PlanAction{}
	}
	data, err := json.Marshal(p)
	if err != nil {
		return wrap(err)
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

// Plan returns the exercise's saved improvement plan; ok is false when none
// was saved yet. An exercise that does not exist gives ErrNotFound.
func (s *Store) Plan(exerciseID string) (p Plan, ok bool, err error) {
	wrap := func(err error) error {
		return s.errf(err, "improvement plan of exercise %s", exerciseID)
	}
	if s.schema < planSchema {
		// Read-only, from before plans: none was saved.
		if _, err := s.exercise(exerciseID); err != nil {
			return Plan{}, false, wrap(err)
		}
		return Plan{}, false, nil
	}
	var data string
	var updated int64
	err = s.db.QueryRow(`SELECT data, updated_ms FROM improvement_plan WHERE exercise_id = ?`, exerciseID).Scan(&data, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		if _, err := s.exercise(exerciseID); err != nil {
			return Plan{}, false, wrap(err)
		}
		return Plan{}, false, nil
	}
	if err != nil {
		return Plan{}, false, wrap(err)
	}
	dec := json.NewDecoder(strings.NewReader(data))
	if err := dec.Decode(&p); err != nil {
		return Plan{}, false, wrap(err)
	}
	p.UpdatedAt = time.UnixMilli(updated)
	return p, true, nil
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
