-- 0003: erasing an exercise for good.
--
-- The event log stays append-only: a stray DELETE still fails. Only an
-- exercise listed in `erasing` (Store.Erase lists it inside the same
-- transaction that deletes it, and unlists it before committing) may have
-- its events deleted, so the only way to remove a log is to remove the
-- whole exercise.

CREATE TABLE erasing (
    exercise_id TEXT NOT NULL PRIMARY KEY
) WITHOUT ROWID;

DROP TRIGGER events_no_delete;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
WHEN NOT EXISTS (SELECT 1 FROM erasing WHERE erasing.exercise_id = OLD.exercise_id)
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
