package engine

import (
	"errors"
	"fmt"
)

// What is wrong with a stored log, as values: Fold, Resume and a session
// whose own event would not apply return a *LogError wrapping one of these,
// and the edges (the app, the CLI) say it in the user's language.
var (
	// ErrLogGap: an event's number does not follow the one before.
	ErrLogGap = errors.New("the log has a gap")
	// ErrLogNoStart: the log is empty, or an event comes before the
	// exercise started.
	ErrLogNoStart = errors.New("the log does not begin with the exercise's start")
	// ErrLogBackInTime: an event is dated before the one it follows.
	ErrLogBackInTime = errors.New("an event goes back in time")
	// ErrLogUnknownTeam: an event names a team that is not in the exercise.
	ErrLogUnknownTeam = errors.New("an event names a team that is not in the exercise")
	// ErrLogScenario: the scenario stored at the start no longer loads.
	ErrLogScenario = errors.New("the stored scenario no longer loads")
	// ErrLogBadEvent: an event does not decode or does not fit the state
	// it applies to.
	ErrLogBadEvent = errors.New("an event does not fit the exercise")
)

// LogError is a problem with one event of a stored log (Seq 0: the log as
// a whole). Detail, in English, is for the developer's log and the CLI.
type LogError struct {
	Seq    int64
	Kind   Kind
	Err    error // one of the ErrLog… values
	Detail string
}

func (e *LogError) Error() string {
	var s string
	switch {
	case e.Seq == 0:
		s = e.Err.Error()
	case e.Kind == "":
		s = fmt.Sprintf("event %d: %v", e.Seq, e.Err)
	default:
		s = fmt.Sprintf("event %d (%s): %v", e.Seq, e.Kind, e.Err)
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

func (e *LogError) Unwrap() error { return e.Err }

func logError(seq int64, kind Kind, err error, format string, args ...any) *LogError {
	le := &LogError{Seq: seq, Kind: kind, Err: err}
	if format != "" {
		le.Detail = fmt.Sprintf(format, args...)
	}
	return le
}
