package cli

import (
	"path/filepath"
	"strings"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// eegCmd prints a scenario's evaluation guides for evaluators working on
// paper, one A4 form per objective (and per team with --teams):
//
//	firebreak eeg SCENARIO --out FILE.pdf [--lang en|zh] [--teams A,B]
func eegCmd(args []string, env Env) int {
	fs := newFlags("eeg", env)
	out := fs.String("out", "", "PDF `file` to write")
	lang := fs.String("lang", "en", "language of the forms: en or zh")
	teams := fs.String("teams", "", "comma-separated team `names`: one form per objective and team (default: one form with the team left blank)")
	pos, err := parse(fs, args)
	if err != nil {
		return ExitUsage
	}
	switch {
	case len(pos) != 1:
		errorf(env, "eeg needs exactly one SCENARIO (a file or a built-in id)")
		return ExitUsage
	case *out == "" || strings.ToLower(filepath.Ext(*out)) != ".pdf":
		errorf(env, "eeg needs --out, a .pdf file to write")
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
	var names []string
	for _, t := range strings.Split(*teams, ",") {
		if t = strings.TrimSpace(t); t != "" {
			names = append(names, t)
		}
	}
	data, err := debrief.EEGPDF(debrief.EEGForms(e.Scenario, *lang, names), *lang)
	if err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	if err := writeFileAtomic(*out, data, 0o644); err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	return ExitOK
}
