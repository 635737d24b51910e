-- 0005: the training programme: exercises grouped by organisation, the
-- next drill's date per organisation, and the history of each exercise's
-- improvement plan (so an action still open when a later exercise of the
-- same organisation is debriefed is carried over, with its status as it
-- changed).
--
-- Each save is one statement in its own committed transaction (WAL,
-- synchronous=FULL). The plan's history is written by triggers in the
-- same transaction as the plan itself, so a kill leaves both or neither.
-- All of it is removed with its exercise (Store.Erase).

CREATE TABLE exercise_organisation (
    exercise_id  TEXT    NOT NULL PRIMARY KEY REFERENCES exercises (id),
    organisation TEXT    NOT NULL CHECK (length(organisation) > 0),
    updated_ms   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX exercise_organisation_by_name ON exercise_organisation (organisation);

CREATE TABLE programme (
    organisation TEXT    NOT NULL PRIMARY KEY CHECK (length(organisation) > 0),
    next_drill   TEXT    NOT NULL CHECK (next_drill = '' OR date(next_drill) = next_drill),
    updated_ms   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE improvement_plan_history (
    exercise_id TEXT    NOT NULL REFERENCES exercises (id),
    seq         INTEGER NOT NULL,
    data        TEXT    NOT NULL CHECK (json_valid(data)),
    saved_ms    INTEGER NOT NULL,
    PRIMARY KEY (exercise_id, seq)
) WITHOUT ROWID;

-- A plan saved before this migration is the first entry of its history.
INSERT INTO improvement_plan_history (exercise_id, seq, data, saved_ms)
    SELECT exercise_id, 1, data, updated_ms FROM improvement_plan;

CREATE TRIGGER improvement_plan_history_insert AFTER INSERT ON improvement_plan
BEGIN
    INSERT INTO improvement_plan_history (exercise_id, seq, data, saved_ms)
    VALUES (NEW.exercise_id,
            COALESCE((SELECT MAX(seq) FROM improvement_plan_history WHERE exercise_id = NEW.exercise_id), 0) + 1,
            NEW.data, NEW.updated_ms);
END;

CREATE TRIGGER improvement_plan_history_update AFTER UPDATE ON improvement_plan
BEGIN
    INSERT INTO improvement_plan_history (exercise_id, seq, data, saved_ms)
    VALUES (NEW.exercise_id,
            COALESCE((SELECT MAX(seq) FROM improvement_plan_history WHERE exercise_id = NEW.exercise_id), 0) + 1,
            NEW.data, NEW.updated_ms);
END;
