-- 0001: exercises and their append-only event log.
--
-- Times are INTEGER milliseconds: wall-clock ones (*_ms) are Unix ms,
-- at_ms/clock_ms are exercise-clock ms. JSON columns are TEXT so the
-- sqlite3 shell's json_* functions work when debugging a drill.

CREATE TABLE exercises (
    -- pk only gives a stable creation order for Latest/Unfinished tie-breaks
    -- (a bare rowid may be renumbered by VACUUM).
    pk          INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE CHECK (id <> ''),
    scenario_id TEXT    NOT NULL,
    title       TEXT    NOT NULL,                -- JSON object lang -> title
    lang        TEXT    NOT NULL,
    teams       TEXT    NOT NULL,                -- JSON array of team ids
    source      TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('running', 'finished')),
    clock_ms    INTEGER NOT NULL,
    paused      INTEGER NOT NULL CHECK (paused IN (0, 1)),
    created_ms  INTEGER NOT NULL,
    updated_ms  INTEGER NOT NULL
);

-- Resume screens ask for "running exercises, newest first", optionally by source.
CREATE INDEX exercises_status_updated ON exercises (status, updated_ms);

-- The event log. WITHOUT ROWID clusters each exercise's events by seq, so a
-- replay is one range scan of the primary key.
CREATE TABLE events (
    exercise_id TEXT    NOT NULL REFERENCES exercises (id),
    seq         INTEGER NOT NULL CHECK (seq > 0),
    at_ms       INTEGER NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind <> ''),
    data        TEXT    NOT NULL,                -- JSON, opaque to the store
    wall_ms     INTEGER NOT NULL,
    PRIMARY KEY (exercise_id, seq)
) WITHOUT ROWID;

-- The log is the source of truth: history is never rewritten. Enforce that in
-- the database too, so a stray UPDATE/DELETE (from code or a shell) fails loudly.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
