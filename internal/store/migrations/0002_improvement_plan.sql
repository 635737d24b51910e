-- 0002: the facilitator's improvement plan, one per exercise.
--
-- The plan is after-action work, not part of the exercise: it is edited
-- freely after the debrief, so it lives beside the append-only log, not in
-- it. data is JSON (see store.Plan); updated_ms is wall-clock Unix ms.

CREATE TABLE improvement_plan (
    exercise_id TEXT    NOT NULL PRIMARY KEY REFERENCES exercises (id),
    data        TEXT    NOT NULL CHECK (json_valid(data)),
    updated_ms  INTEGER NOT NULL
) WITHOUT ROWID;
