package cli

import (
	"encoding/json"
	"fmt"

	"github.com/firebreak-drills/firebreak/internal/analysis"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// analyze plays every way through a scenario and reports the best and worst
// achievable scores and any path that runs out of time before an ending.
func analyze(args []string, env Env) int {
	fs := newFlags("analyze", env)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(pos) != 1 {
		errorf(env, "analyze needs exactly one SCENARIO (a file or a built-in id)")
		return ExitUsage
	}
	e, err := library.Find(pos[0])
	if err != nil {
		errorf(env, "%v", err)
		return ExitUsage
	}
	type timingReport struct {
		Timing    string         `json:"timing"`
		Runs      int            `json:"runs"`
		Best      analysis.Run   `json:"best"`
		Worst     analysis.Run   `json:"worst"`
		Endings   map[string]int `json:"endings"`
		Unending  int            `json:"unending"`
		Unreached []string       `json:"unreached_phases"`
	}
	var out []timingReport
	code := ExitOK
	for _, t := range []struct {
		name   string
		timing analysis.Timing
	}{{"prompt", analysis.Prompt}, {"late", analysis.Late}} {
		rep, err := analysis.Explore(e.ID, e.Source, t.timing)
		if err != nil {
			errorf(env, "%v", err)
			return ExitFail
		}
		tr := timingReport{Timing: t.name, Runs: rep.Runs, Best: rep.Best, Worst: rep.Worst, Endings: rep.Endings,
			Unending: len(rep.Unending), Unreached: rep.Unreached(e.Scenario)}
		if tr.Unreached == nil {
			tr.Unreached = []string{}
		}
		if tr.Unending > 0 || len(tr.Unreached) > 0 {
			code = ExitFail
		}
		out = append(out, tr)
		if !*asJSON {
			fmt.Fprintf(env.Stdout, "%s (answering %s): %d ways through; endings %v\n", e.ID, t.name, rep.Runs, rep.Endings)
			fmt.Fprintf(env.Stdout, "  best  %s\n  worst %s\n", rep.Best, rep.Worst)
			if len(rep.Unending) > 0 {
				fmt.Fprintf(env.Stdout, "  %d ways run out of time before an ending, e.g. %s\n", len(rep.Unending), rep.Unending[0])
			}
			if len(tr.Unreached) > 0 {
				fmt.Fprintf(env.Stdout, "  phases no play reaches: %v\n", tr.Unreached)
			}
		}
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(out)
	}
	return code
}
