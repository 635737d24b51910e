-- 0004: participants' feedback at the hotwash.
--
-- Each form a participant fills in is one row, inserted in its own
-- committed transaction (WAL, synchronous=FULL), so a form saved survives
-- kill -9. Like the plan it is after-action work kept beside the log; the
-- store does not read data (JSON, see store.AddFeedback). Rows are only
-- added, and removed only with their exercise (Store.Erase).

CREATE TABLE participant_feedback (
    exercise_id TEXT    NOT NULL REFERENCES exercises (id),
    seq         INTEGER NOT NULL,
    data        TEXT    NOT NULL CHECK (json_valid(data)),
    saved_ms    INTEGER NOT NULL,
    PRIMARY KEY (exercise_id, seq)
) WITHOUT ROWID;
