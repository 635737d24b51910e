package cli

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/exercise"
)

// ProgrammeFormats are the formats of `firebreak programme --format`.
var ProgrammeFormats = []string{"html", "pdf", "csv"}

// programmeCmd lists the organisations of a database, or writes one
// organisation's programme report:
//
//	firebreak programme --db DB                       list the organisations
//	firebreak programme --db DB --org NAME --format html|pdf|csv --out PATH [--lang en|zh] [--today YYYY-MM-DD]
//
// The database is opened read-only (the app may have it open); the file is
// written atomically (a kill leaves the old file or the new one). --today
// is the day the tracker's states and the next drill are computed for
// (default: today on this computer's clock).
func programmeCmd(args []string, env Env) int {
	fs := newFlags("programme", env)
	db := fs.String("db", "", "database `file`")
	org := fs.String("org", "", "the organisation or cohort `name`")
	format := fs.String("format", "", "report `format`: "+strings.Join(ProgrammeFormats, ", "))
	out := fs.String("out", "", "`file` to write, or - for standard output")
	lang := fs.String("lang", "en", "language of the report: en or zh")
	today := fs.String("today", "", "the report's `date`, YYYY-MM-DD (default: today)")
	pos, err := parse(fs, args)
	if err != nil {
		return ExitUsage
	}
	if *today == "" {
		*today = exercise.Today(time.Now())
	}
	switch {
	case len(pos) > 0:
		errorf(env, "programme takes no positional arguments, got %q", pos)
		return ExitUsage
	case *db == "":
		errorf(env, "programme needs --db")
		return ExitUsage
	case *org == "" && (*format != "" || *out != ""):
		errorf(env, "programme needs --org to write a report (run it with --db alone to list the organisations)")
		return ExitUsage
	case *org != "" && (*format == "" || *out == ""):
		errorf(env, "programme --org needs --format and --out")
		return ExitUsage
	case *format != "" && !slices.Contains(ProgrammeFormats, *format):
		errorf(env, "--format must be one of %s, not %q", strings.Join(ProgrammeFormats, ", "), *format)
		return ExitUsage
	case *lang != "en" && *lang != "zh":
		errorf(env, "--lang must be en or zh, not %q", *lang)
		return ExitUsage
	}
	if d, err := debrief.ParseDue(*today); err != nil || d != *today {
		errorf(env, "--today must be a date written YYYY-MM-DD, not %q", *today)
		return ExitUsage
	}
	st, ok := openReadOnly(env, *db)
	if !ok {
		return ExitUsage
	}
	defer st.Close()
	names, err := st.OrganisationNames()
	if err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	if *org == "" {
		return listProgrammes(st, names, *today, env)
	}
	if !slices.Contains(names, *org) {
		errorf(env, "%s has no exercise filed under %q; its organisations: %s", *db, *org, strings.Join(quoteAll(names), ", "))
		return ExitUsage
	}
	p, err := st.Programme(*org, *lang, *today)
	if err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	var data []byte
	switch *format {
	case "html":
		data = debrief.ProgrammeHTML(p)
	case "pdf":
		if data, err = debrief.ProgrammePDF(p); err != nil {
			errorf(env, "%v", err)
			return ExitFail
		}
	case "csv":
		data = debrief.ProgrammeCSV(p)
	}
	if *out == "-" {
		if _, err := env.Stdout.Write(data); err != nil {
			errorf(env, "%v", err)
			return ExitFail
		}
		return ExitOK
	}
	if err := writeFileAtomic(*out, data, 0o644); err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	return ExitOK
}

// listProgrammes prints each organisation, its number of exercises and
// its next drill, one a line, tab-separated.
func listProgrammes(st *exercise.DB, names []string, today string, env Env) int {
	orgs, err := st.Organisations()
	if err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	drills, err := st.NextDrills()
	if err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	count := map[string]int{}
	for _, o := range orgs {
		count[o]++
	}
	for _, n := range names {
		fmt.Fprintf(env.Stdout, "%s\t%d exercises\tnext drill: %s\n", n, count[n], debrief.NextDrillText("en", drills[n], today))
	}
	return ExitOK
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
