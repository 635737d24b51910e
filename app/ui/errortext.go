package ui

import (
	"errors"
	"io/fs"
	"syscall"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/lan"
)

// ErrorText says in the UI language what went wrong, for the errors a
// facilitator can act on: the exercise database cannot be used (not one,
// another program's, newer, in use, not permitted), a scenario that made
// the engine stop, a refused command, a saved log that no longer folds, and
// a host for team laptops that cannot start. Each names the file or the moment. Other errors keep
// their own words.
//
// The refusals are sentinel errors of internal/exercise (the store's,
// re-exported there) and internal/engine, turned into words here, at the
// edge (as joinErrorText does for internal/lan).
func ErrorText(loc *i18n.Localizer, err error) string {
	if err == nil {
		return ""
	}
	var le *engine.LimitError
	if errors.As(err, &le) {
		key := "error.limit.exercise"
		if errors.Is(err, engine.ErrInstantLimit) {
			key = "error.limit.instant"
		}
		return loc.T(key, "limit", debrief.GroupDigits(le.Limit), "at", debrief.Clock(le.At))
	}
	var lg *engine.LogError
	if errors.As(err, &lg) {
		// A stored log that no longer folds (resume, debrief): where it
		// breaks and what is wrong, not the engine's English.
		what := loc.T(logProblemKey(lg.Err))
		if lg.Seq == 0 {
			return loc.T("error.log.whole", "what", what)
		}
		return loc.T("error.log.event", "seq", lg.Seq, "what", what)
	}
	var he *lan.HostError
	if errors.As(err, &he) {
		// The exercise is stored before its host starts (and a resumed
		// one was stored long ago): only the team laptops are lost.
		switch {
		case errors.Is(err, lan.ErrHostFiles):
			return loc.T("error.host.files", "folder", he.Where)
		case errors.Is(err, syscall.EADDRINUSE):
			return loc.T("error.host.port_taken", "address", he.Where)
		}
		return loc.T("error.host.network", "address", he.Where)
	}
	if errors.Is(err, lan.ErrSeatTaken) {
		return loc.T("lan.join.error.seat_taken")
	}
	if errors.Is(err, ErrNoStore) {
		return loc.T("home.error.no_store")
	}
	if errors.Is(err, exercise.ErrInterruptedStart) {
		return loc.T("error.store.interrupted_start")
	}
	if code := engine.RefusalCode(err); code != "" {
		// The engine refused a facilitator's command (schedule control,
		// inject, note, override, rating): its reason in the UI language.
		return debrief.RefusalWords(err, loc.Lang().String())
	}
	var oe *exercise.OpenError
	if !errors.As(err, &oe) {
		switch {
		case errors.Is(err, exercise.ErrReadOnly):
			return loc.T("error.store.read_only_write")
		case errors.Is(err, exercise.ErrBusyCompacting):
			return loc.T("error.store.busy_compacting")
		case errors.Is(err, exercise.ErrNotFound):
			return loc.T("error.store.no_exercise")
		}
		if text, ok := osErrorText(loc, err); ok {
			return text
		}
		// An error nothing names keeps its own words; every caller shows
		// them under a title or after a lead in the UI's language
		// ("导出失败：…").
		return err.Error()
	}
	file := oe.Path
	var locked *exercise.LockedError
	switch {
	case errors.As(err, &locked) && locked.PID > 0:
		return loc.T("error.store.locked_pid", "file", file, "pid", locked.PID)
	case errors.Is(err, exercise.ErrLocked):
		return loc.T("error.store.locked", "file", file)
	case errors.Is(err, exercise.ErrNotDatabase):
		return loc.T("error.store.not_database", "file", file)
	case errors.Is(err, exercise.ErrNotFirebreak):
		return loc.T("error.store.not_firebreak", "file", file)
	case errors.Is(err, exercise.ErrSchemaTooNew):
		return loc.T("error.store.too_new", "file", file)
	case errors.Is(err, fs.ErrPermission):
		return loc.T("error.store.permission", "file", file)
	case errors.Is(err, fs.ErrNotExist):
		return loc.T("error.store.not_exist", "file", file)
	}
	return loc.T("error.store.other", "file", file, "error", oe.Err.Error())
}

// ErrNoStore is what a screen says when the exercise database is not open
// (it is still opening, or could not be opened and said why at the start):
// ErrorText words it in the language shown when it is shown.
var ErrNoStore = errors.New("no exercise database is open")

// logProblemKey is the translation key of what is wrong with a log.
func logProblemKey(err error) string {
	switch err {
	case engine.ErrLogGap:
		return "error.log.gap"
	case engine.ErrLogNoStart:
		return "error.log.no_start"
	case engine.ErrLogBackInTime:
		return "error.log.back_in_time"
	case engine.ErrLogUnknownTeam:
		return "error.log.unknown_team"
	case engine.ErrLogScenario:
		return "error.log.scenario"
	}
	return "error.log.bad_event"
}

// osErrorText says in the UI's language the operating system's commonest
// refusals of a file (no permission, no such file, a full disk, a
// read-only disk), naming the file when the error does; ok is false for
// any other error.
func osErrorText(loc *i18n.Localizer, err error) (string, bool) {
	key := ""
	switch {
	case errors.Is(err, fs.ErrPermission):
		key = "error.os.permission"
	case errors.Is(err, fs.ErrNotExist):
		key = "error.os.not_exist"
	case errors.Is(err, syscall.ENOSPC):
		key = "error.os.disk_full"
	case errors.Is(err, syscall.EROFS):
		key = "error.os.read_only"
	default:
		return "", false
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path != "" {
		return loc.T(key+"_file", "file", pe.Path), true
	}
	return loc.T(key), true
}
