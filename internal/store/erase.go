package store

import (
	"errors"
	"fmt"
)

// Erasing exercises for good. A laptop lent for a drill at a venue must be
// left clean: erased exercises must be gone from the database file, not
// merely unlisted. So erasing deletes the exercise's row, its whole event
// log and its improvement plan in one transaction (a kill leaves either
// all of it or none), then rebuilds the file with VACUUM, which writes
// every page anew and so leaves no deleted text in free pages, and then
// checkpoints and truncates the write-ahead log, which held the old pages
// and the vacuum's copy. secure_delete (see dsn) zeroes deleted content
// besides, in case the vacuum cannot run.

// Exercises returns every exercise in the database, running or finished,
// most recently started first.
func (s *Store) Exercises() ([]Exercise, error) {
	es, err := s.list(`SELECT ` + exerciseCols + ` FROM exercises WHERE ` + hasLog + `
		ORDER BY created_ms DESC, pk DESC`)
	if err != nil {
		return nil, s.errf(err, "exercises")
	}
	return es, nil
}

// Erase removes one exercise, with its event log and improvement plan, and
// compacts the database so that nothing of it stays in the file. Erasing
// an exercise that does not exist returns an error wrapping ErrNotFound.
func (s *Store) Erase(id string) error {
	if s.readOnly {
		return s.errf(ErrReadOnly, "erase exercise %s", id)
	}
	n, err := s.erase([]string{id})
	if err == nil && n == 0 {
		err = ErrNotFound
	}
	if err != nil {
		return s.errf(err, "erase exercise %s", id)
	}
	return nil
}

// EraseAll removes every exercise and compacts the database (see Erase).
// It returns how many exercises were erased.
func (s *Store) EraseAll() (int, error) {
	if s.readOnly {
		return 0, s.errf(ErrReadOnly, "erase all exercises")
	}
	var ids []string
	rows, err := s.db.Query(`SELECT id FROM exercises`)
	if err != nil {
		return 0, s.errf(err, "erase all exercises")
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, s.errf(err, "erase all exercises")
		}
		ids = append(ids, id)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return 0, s.errf(err, "erase all exercises")
	}
	n, err := s.erase(ids)
	if err != nil {
		return 0, s.errf(err, "erase all exercises")
	}
	return n, nil
}

// erase deletes the exercises ids in one transaction, then compacts the
// file. It returns how many exercises it deleted.
func (s *Store) erase(ids []string) (n int, err error) {
	tx, err := s.db.Begin()
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	for _, id := range ids {
		// Listed in erasing, the exercise's events may be deleted
		// (migration 0003's trigger); unlisted before the commit.
		if _, err = tx.Exec(`INSERT INTO erasing (exercise_id) VALUES (?)`, id); err != nil {
			return 0, err
		}
		for _, q := range []string{
			`DELETE FROM events WHERE exercise_id = ?`,
			`DELETE FROM improvement_plan WHERE exercise_id = ?`,
			`DELETE FROM participant_feedback WHERE exercise_id = ?`,
			`DELETE FROM improvement_plan_history WHERE exercise_id = ?`,
			`DELETE FROM exercise_organisation WHERE exercise_id = ?`,
		} {
			if _, err = tx.Exec(q, id); err != nil {
				return 0, err
			}
		}
		res, err := tx.Exec(`DELETE FROM exercises WHERE id = ?`, id)
		if err != nil {
			return 0, err
		}
		if k, err := res.RowsAffected(); err != nil {
			return 0, err
		} else {
			n += int(k)
		}
		if _, err = tx.Exec(`DELETE FROM erasing WHERE exercise_id = ?`, id); err != nil {
			return 0, err
		}
	}
	// An organisation none of whose exercises is left goes too, with its
	// next drill date: nothing of it stays on the laptop.
	if _, err = tx.Exec(`DELETE FROM programme WHERE organisation NOT IN (SELECT organisation FROM exercise_organisation)`); err != nil {
		return 0, err
	}
	if err = tx.Commit(); err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, nil
	}
	return n, s.compact()
}

// compact rebuilds the database file and empties its write-ahead log, so
// that deleted content is in neither.
func (s *Store) compact() error {
	if _, err := s.db.Exec(`VACUUM`); err != nil {
		return fmt.Errorf("compact the database: %w", err)
	}
	var busy, logPages, done int
	if err := s.db.QueryRow(`PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logPages, &done); err != nil {
		return fmt.Errorf("compact the database: %w", err)
	}
	if busy != 0 {
		// Another program (an export reading the file) kept the log from
		// being emptied; the data is deleted but may linger in it.
		return ErrBusyCompacting
	}
	return nil
}

// ErrBusyCompacting is returned by Erase and EraseAll when the exercises
// were deleted but another program reading the database kept its
// write-ahead log from being emptied, so deleted text may remain in the
// -wal file until the database is next erased or closed.
var ErrBusyCompacting = errors.New("erased, but another program is reading the database, so it could not be compacted yet")
