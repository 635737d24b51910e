package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
)

// ExportFormats are the formats `export` writes.
var ExportFormats = []string{"html", "pdf", "md", "csv", "json"}

// exportCmd writes the after-action report of an exercise stored in a
// database:
//
//	firebreak export --db DB [--session ID] --format html|pdf|md|csv|json --out PATH [--lang en|zh] [--team NAME]
//
// Without --session it exports the most recent exercise. --team makes a
// one-team handout, in every format. --out - writes to standard output.
func exportCmd(args []string, env Env) int {
	fs := newFlags("export", env)
	db := fs.String("db", "", "database `file`")
	session := fs.String("session", "", "exercise `id` (default: the most recent exercise in the database)")
	format := fs.String("format", "", "report `format`: "+strings.Join(ExportFormats, ", "))
	out := fs.String("out", "", "`file` to write, or - for standard output")
	lang := fs.String("lang", "", "language of the report: en or zh (default: the exercise's)")
	team := fs.String("team", "", "make a one-team handout for the team `name`")
	pos, err := parse(fs, args)
	if err != nil {
		return ExitUsage
	}
	switch {
	case len(pos) > 0:
		errorf(env, "export takes no positional arguments, got %q", pos)
		return ExitUsage
	case *db == "" || *format == "" || *out == "":
		errorf(env, "export needs --db, --format and --out")
		return ExitUsage
	case !slices.Contains(ExportFormats, *format):
		errorf(env, "--format must be one of %s, not %q", strings.Join(ExportFormats, ", "), *format)
		return ExitUsage
	case *lang != "" && *lang != "en" && *lang != "zh":
		errorf(env, "--lang must be en or zh, not %q", *lang)
		return ExitUsage
	}
	st, ok := openReadOnly(env, *db)
	if !ok {
		return ExitUsage
	}
	defer st.Close()

	var ex exercise.Summary
	if *session == "" {
		ex, err = st.Latest()
		if errors.Is(err, exercise.ErrNotFound) {
			errorf(env, "%s holds no exercise yet", *db)
			return ExitUsage
		}
	} else {
		ex, err = st.Exercise(*session)
		if errors.Is(err, exercise.ErrNotFound) {
			hint := ""
			if latest, err := st.Latest(); err == nil {
				hint = fmt.Sprintf(" (the most recent is %s; leave out --session to export it)", latest.ID)
			}
			errorf(env, "%s has no exercise %q%s", *db, *session, hint)
			return ExitUsage
		}
	}
	if err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	events, started, err := st.EventsStarted(ex.ID)
	if err != nil {
		errorf(env, "%v", err) // names the exercise when an event does not decode
		return ExitFail
	}
	state, err := engine.Fold(events)
	if err == nil && state.Scenario == nil {
		err = errors.New("its log is empty")
	}
	if err != nil {
		errorf(env, "exercise %s cannot be read: %v", ex.ID, err)
		return ExitFail
	}
	if *team != "" && state.Team(*team) == nil {
		names := make([]string, len(state.Teams))
		for i, t := range state.Teams {
			names[i] = t.Name
		}
		errorf(env, "exercise %s has no team %q; its teams are %s", ex.ID, *team, strings.Join(names, ", "))
		return ExitUsage
	}
	l := *lang
	if l == "" {
		l = ex.Lang
	}
	if l != "zh" {
		l = "en"
	}

	// The facilitator's improvement plan, when one was saved after the
	// debrief, replaces the rows drawn from the evidence.
	plan, err := st.Plan(ex.ID) // nil when none was saved
	if err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}

	// The participants' hotwash forms, summarised in every format.
	feedback, err := st.Feedback(ex.ID)
	if err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}

	// Every format renders the one report.
	rep := debrief.BuildWithPlan(state, events, l, *team, plan)
	rep.ApplyFeedback(feedback)
	// The training programme: what earlier exercises of its organisation
	// left undone (a handout: the team's and everyone's).
	carried, err := st.CarriedOver(ex.ID, l)
	if err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	for _, c := range carried {
		if *team == "" || c.Team == "" || c.Team == *team {
			rep.CarriedOver = append(rep.CarriedOver, c)
		}
	}
	rep.Overview.ExerciseID = ex.ID
	if !started.IsZero() {
		rep.SetStarted(started)
	}
	var data []byte
	switch *format {
	case "html":
		data = debrief.HTML(rep)
	case "pdf":
		data, err = debrief.PDF(rep)
	case "md":
		data = []byte(debrief.Markdown(rep))
	case "csv":
		data = debrief.CSV(rep)
	case "json":
		data, err = debrief.JSON(rep)
	}
	if err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	if *out == "-" {
		if _, err := env.Stdout.Write(data); err != nil {
			errorf(env, "%v", err)
			return ExitFail
		}
		return ExitOK
	}
	if err := writeAtomic(*out, data); err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	what := "report"
	if *team != "" {
		what = "handout for " + *team
	}
	fmt.Fprintf(env.Stdout, "wrote the %s %s of exercise %s (%s) to %s\n", *format, what, ex.ID, ex.ScenarioID, *out)
	return ExitOK
}

// writeAtomic writes a file through a temporary file in the same folder,
// so a reader never sees half a report.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

// openReadOnly opens the database at path read-only, saying why not on
// stderr. Read-only: an export writes nothing to the database (no
// migration, no WAL files, no lock), so it works from a read-only mount, on
// a file the user may only read, and while the app or a play run has it
// open.
func openReadOnly(env Env, path string) (*exercise.DB, bool) {
	if _, err := os.Stat(path); err != nil {
		errorf(env, "no database at %s", path)
		return nil, false
	}
	st, err := exercise.OpenReadOnly(path)
	if err != nil {
		errorf(env, "%v", err)
		return nil, false
	}
	return st, true
}
