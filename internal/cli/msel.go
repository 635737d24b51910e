package cli

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/msel"
)

// importCmd turns an MSEL into a scenario:
//
//	firebreak import FILE --out SCENARIO.yaml [--lang en|zh] [--format auto|t3sf|hseep|openaev|csv]
//
// Problems (each naming file, sheet, row and column) go to standard error;
// with errors nothing is written and the exit status is 1. --out - writes
// the scenario to standard output.
func importCmd(args []string, env Env) int {
	fs := newFlags("import", env)
	out := fs.String("out", "", "scenario `file` to write (.yaml), or - for standard output")
	lang := fs.String("lang", "", "the language the MSEL is written in: en or zh (default: detected from its text)")
	format := fs.String("format", "auto", "the MSEL's layout: auto, t3sf, hseep, openaev or csv (auto-detected columns, read as CSV)")
	pos, err := parse(fs, args)
	if err != nil {
		return ExitUsage
	}
	f, ok := msel.ParseFormat(*format)
	switch {
	case len(pos) != 1:
		errorf(env, "import needs exactly one MSEL FILE (.xlsx, .csv or T3SF .json)")
		return ExitUsage
	case *out == "":
		errorf(env, "import needs --out, the scenario file to write (for example --out my-exercise.yaml)")
		return ExitUsage
	case !ok:
		errorf(env, "--format must be auto, t3sf, hseep, openaev or csv, not %q", *format)
		return ExitUsage
	case *lang != "" && *lang != "en" && *lang != "zh":
		errorf(env, "--lang must be en or zh, not %q", *lang)
		return ExitUsage
	}
	m, probs := msel.ReadFile(pos[0], f)
	if m == nil {
		report(env, probs)
		fmt.Fprintf(env.Stderr, "firebreak: %s was not imported: %s\n", pos[0], counts(probs))
		return ExitFail
	}
	id := ""
	if *out != "-" {
		id = strings.TrimSuffix(filepath.Base(*out), filepath.Ext(*out))
		id = slugID(id)
	}
	res, more := msel.Convert(m, msel.ConvertOptions{ID: id, Lang: *lang, Pictures: *out != "-"})
	probs = append(probs, more...)
	probs.Sort()
	report(env, probs)
	if res == nil {
		fmt.Fprintf(env.Stderr, "firebreak: %s was not imported: %s\n", pos[0], counts(probs))
		return ExitFail
	}
	if *out == "-" {
		if _, err := env.Stdout.Write(res.YAML); err != nil {
			errorf(env, "%v", err)
			return ExitFail
		}
	} else {
		// The pictures first: a scenario file is never there without them.
		for _, name := range slices.Sorted(maps.Keys(res.Media)) {
			path := filepath.Join(filepath.Dir(*out), filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				errorf(env, "%v", err)
				return ExitFail
			}
			if err := writeAtomic(path, res.Media[name]); err != nil {
				errorf(env, "%v", err)
				return ExitFail
			}
		}
		if err := writeAtomic(*out, res.YAML); err != nil {
			errorf(env, "%v", err)
			return ExitFail
		}
	}
	w := env.Stdout
	if *out == "-" {
		w = env.Stderr
	}
	phases := plural(res.Phases, "phase", "phases")
	fmt.Fprintf(w, "imported %s (%s MSEL, %s) into %s: %s in %s, %s; %s\n",
		pos[0], m.Format.Name(), plural(m.Rows, "row", "rows"), outName(*out),
		plural(res.Injects, "inject", "injects"), phases, plural(res.Decisions, "decision", "decisions"), counts(probs))
	if len(res.Media) > 0 {
		fmt.Fprintf(w, "The injects carry %s, copied beside it into %s.\n", plural(len(res.Media), "picture", "pictures"),
			filepath.Join(filepath.Dir(*out), res.Scenario.ID+"-media"))
	}
	fmt.Fprintf(w, "An MSEL is linear: the scenario has one phase per MSEL section (or one phase), moving on by time, "+
		"and decisions only where the MSEL asks for a response (a poll with two or more options; each gets %s to answer). "+
		"MSEL text is kept as written (in %s) and shown in every language.\n", msel.FormatDuration(msel.PollDeadline), map[string]string{"en": "English", "zh": "Chinese"}[res.Lang])
	if lw := res.Lint.Warnings(); len(lw) > 0 {
		fmt.Fprintf(w, "firebreak lint passes it with %s (an MSEL does not score answers: add scores to make a poll count):\n", plural(len(lw), "warning", "warnings"))
		for _, p := range lw {
			fmt.Fprintf(w, "  %s\n", p.String())
		}
	}
	return ExitOK
}

// mselCmd exports a scenario as an HSEEP-style MSEL:
//
//	firebreak msel SCENARIO --out FILE.xlsx|.csv [--lang en|zh]
func mselCmd(args []string, env Env) int {
	fs := newFlags("msel", env)
	out := fs.String("out", "", "`file` to write: .xlsx or .csv (- writes CSV to standard output)")
	lang := fs.String("lang", "en", "language of the texts and the column names: en or zh")
	pos, err := parse(fs, args)
	if err != nil {
		return ExitUsage
	}
	ext := strings.ToLower(filepath.Ext(*out))
	switch {
	case len(pos) != 1:
		errorf(env, "msel needs exactly one SCENARIO (a file or a built-in id)")
		return ExitUsage
	case *out == "":
		errorf(env, "msel needs --out, an .xlsx or .csv file to write")
		return ExitUsage
	case *out != "-" && ext != ".xlsx" && ext != ".csv":
		errorf(env, "--out must end in .xlsx or .csv, not %q", filepath.Base(*out))
		return ExitUsage
	case *lang != "en" && *lang != "zh":
		errorf(env, "--lang must be en or zh, not %q", *lang)
		return ExitUsage
	}
	e, err := library.Find(pos[0])
	if err != nil {
		errorf(env, "%v", err)
		return ExitUsage
	}
	sh := msel.Export(e.Scenario, e.Source, *lang)
	var data []byte
	if ext == ".xlsx" {
		data, err = sh.XLSX()
		if err != nil {
			errorf(env, "%v", err)
			return ExitFail
		}
	} else {
		data = sh.CSV()
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
	fmt.Fprintf(env.Stdout, "wrote the MSEL of %s to %s: %s (%s, %s)\n", e.ID, *out,
		plural(len(sh.Rows), "row", "rows"), plural(sh.Injects, "inject", "injects"),
		plural(len(sh.Rows)-sh.Injects, "decision opened by time", "decisions opened by time"))
	return ExitOK
}

// report prints problems, one per line: FILE: sheet, row, column: severity: message.
func report(env Env, probs msel.ErrorList) {
	for _, p := range probs {
		fmt.Fprintln(env.Stderr, p.Error())
	}
}

func counts(probs msel.ErrorList) string {
	return fmt.Sprintf("%s, %s", plural(len(probs.Errors()), "error", "errors"), plural(len(probs.Warnings()), "warning", "warnings"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func outName(out string) string {
	if out == "-" {
		return "standard output"
	}
	return out
}

// slugID makes a scenario id from a file name: lower-case letters, digits
// and "-".
func slugID(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	id := b.String()
	if len(id) > 60 {
		id = strings.TrimRight(id[:60], "-")
	}
	return id
}
