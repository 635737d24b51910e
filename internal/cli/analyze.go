package cli

import (
	"encoding/json"
	"fmt"
	"runtime/debug"

	"github.com/firebreak-drills/firebreak/internal/analysis"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// analyze searches every way through a scenario (internal/analysis: plays
// that reach the same state merge) and reports the best and worst
// achievable scores and any path that runs out of time before an ending.
func analyze(args []string, env Env) int {
	fs := newFlags("analyze", env)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	cut := fs.String("cut", "", "analyse this version: full (default) or one of the scenario's cuts")
	difficulty := fs.String("difficulty", "", "analyse at this difficulty: easy, standard (default) or hard")
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
	v := analysis.Version{Cut: *cut, Difficulty: *difficulty}
	sc, err := e.Scenario.Variant(v.Cut, v.Difficulty)
	if err != nil {
		errorf(env, "%v", versionError(e.Scenario, err))
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
		// Bounded: the search did not follow every play's scores (a very
		// long scenario): best and worst are real runs, the true best may
		// be higher and the true worst lower (analysis.Report.Bounded).
		Bounded bool `json:"bounded,omitempty"`
		// Gaming (answering promptly only): teams that pick by position,
		// length or openness alone, beside the best.
		Gaming *analysis.Gaming `json:"gaming,omitempty"`
	}
	var out []timingReport
	code := ExitOK
	// The search makes many short-lived states: collecting garbage less
	// often saves a fifth of its time, for a few more megabytes, in a
	// command that exits when done.
	defer debug.SetGCPercent(debug.SetGCPercent(analysis.GCPercent))
	prompt, late, err := analysis.ExploreBothVersion(e.ID, e.Source, v)
	if err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	for _, t := range []struct {
		name   string
		timing analysis.Timing
		rep    *analysis.Report
	}{{"prompt", analysis.Prompt, prompt}, {"late", analysis.Late, late}} {
		rep := t.rep
		tr := timingReport{Timing: t.name, Runs: rep.Runs, Best: rep.Best, Worst: rep.Worst, Endings: rep.Endings,
			Unending: rep.UnendingRuns, Unreached: rep.Unreached(sc), Bounded: rep.Bounded}
		if tr.Unreached == nil {
			tr.Unreached = []string{}
		}
		if tr.Unending > 0 || len(tr.Unreached) > 0 {
			code = ExitFail
		}
		if t.timing == analysis.Prompt {
			if tr.Gaming, err = analysis.CheckGamingVersion(e.ID, e.Source, v, sc, rep); err != nil {
				errorf(env, "%v", err)
				return ExitFail
			}
		}
		out = append(out, tr)
		if !*asJSON {
			name := e.ID
			if c, d := sc.Played(); c != scenario.FullCut || d != scenario.DifficultyStandard {
				name = fmt.Sprintf("%s (%s, %s)", e.ID, c, d)
			}
			fmt.Fprintf(env.Stdout, "%s (answering %s): %d ways through; endings %v\n", name, t.name, rep.Runs, rep.Endings)
			fmt.Fprintf(env.Stdout, "  best  %s\n  worst %s\n", rep.Best, rep.Worst)
			if rep.Bounded {
				fmt.Fprintf(env.Stdout, "  (too many ways to follow every score: the best may be higher, the worst lower; counts, endings and dead ends are exact)\n")
			}
			if rep.UnendingRuns > 0 {
				fmt.Fprintf(env.Stdout, "  %d ways run out of time before an ending, e.g. %s\n", rep.UnendingRuns, rep.Unending[0])
			}
			if len(tr.Unreached) > 0 {
				fmt.Fprintf(env.Stdout, "  phases no play reaches: %v\n", tr.Unreached)
			}
			if g := tr.Gaming; g != nil {
				for _, p := range []struct {
					name string
					run  analysis.Run
				}{{"first listed", g.First}, {"longest en", g.LongestEN}, {"longest zh", g.LongestZH}, {"most open", g.MostOpen}} {
					fmt.Fprintf(env.Stdout, "  always %-12s %5.1f (best − it: %.1f)\n", p.name, p.run.Overall, g.Best.Overall-p.run.Overall)
				}
				fmt.Fprintf(env.Stdout, "  no dilemma: %d of %d decisions %v\n", len(g.NoDilemma), g.Decisions, g.NoDilemma)
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
