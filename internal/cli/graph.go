package cli

import (
	"fmt"
	"strings"

	"github.com/firebreak-drills/firebreak/internal/graph"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// graphCmd prints a scenario's phase graph as Graphviz DOT (default) or a
// Mermaid flowchart, for authors checking the branches and for handouts:
//
//	firebreak graph beverage-recall | dot -Tsvg > map.svg
func graphCmd(args []string, env Env) int {
	fs := newFlags("graph", env)
	mermaid := fs.Bool("mermaid", false, "print a Mermaid flowchart instead of Graphviz DOT")
	lang := fs.String("lang", "en", "language of titles and labels: en or zh")
	optionText := fs.Bool("option-text", false, "label option edges with the option's text instead of its id")
	path := fs.String("path", "", "comma-separated phase ids of a path to highlight, e.g. start,storm,bad-end")
	pos, err := parse(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(pos) != 1 {
		errorf(env, "graph needs exactly one SCENARIO (a file or a built-in id)")
		return ExitUsage
	}
	if *lang != "en" && *lang != "zh" {
		errorf(env, "--lang must be en or zh, not %q", *lang)
		return ExitUsage
	}
	e, err := library.Find(pos[0])
	if err != nil {
		errorf(env, "%v", err)
		return ExitUsage
	}
	g := graph.Build(e.Scenario, graph.Options{Lang: *lang, OptionText: *optionText})
	if *path != "" {
		phases := strings.Split(*path, ",")
		for i, p := range phases {
			phases[i] = strings.TrimSpace(p)
			if g.Node(phases[i]) == nil {
				errorf(env, "--path: %s has no phase %q", e.ID, phases[i])
				return ExitUsage
			}
		}
		g.Highlight(phases, nil)
	}
	out := g.DOT()
	if *mermaid {
		out = g.Mermaid()
	}
	if _, err := fmt.Fprint(env.Stdout, out); err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	return ExitOK
}
