package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/rubric"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// maxStatementBytes bounds what `statement` reads; the rubric judges at most
// rubric.MaxChars characters of it anyway.
const maxStatementBytes = 1 << 20

// statementCmd judges a written statement read from standard input with the
// statement rubric and prints the result as JSON:
//
//	firebreak statement --lang en|zh [--scenario SCENARIO --decision DECISION] [--stance STANCE] [--hazard open|cleared] [--kind KIND] < statement.txt
//
// With --scenario and --decision, the decision's required facts are checked
// too (as "fact:<id>") and its statement hazard and kind are used; --hazard
// and --kind override them (the kind weighs the overall score for its
// audience, rubric.KindWeights). With --stance the statement is checked against the chosen option's
// stance (choice-clash). Exit 0 when the statement was judged, 2 for bad
// arguments or an unknown scenario or decision, 1 when standard input cannot
// be read.
func statementCmd(args []string, env Env) int {
	fs := newFlags("statement", env)
	lang := fs.String("lang", "", "`language` of the statement: en or zh (default: detected from the text)")
	scen := fs.String("scenario", "", "`SCENARIO` (a file or a built-in id) whose decision asks for the statement")
	dec := fs.String("decision", "", "`DECISION` id in the scenario; its required facts are checked")
	stance := fs.String("stance", "", "`STANCE` of the option the team chose: acknowledge, hold, deny or blame")
	hazard := fs.String("hazard", "", "whether a product or safety `HAZARD` is still open: open (default) or cleared")
	kind := fs.String("kind", "", "the statement's `KIND`, whose audience the overall score weighs for: "+strings.Join(scenario.StatementKinds, ", ")+" (default: the decision's, or holding)")
	pos, err := parse(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(pos) > 0 {
		errorf(env, "statement reads the statement from standard input and takes no arguments (got %q)", pos[0])
		return ExitUsage
	}
	if *lang != "" && *lang != "en" && *lang != "zh" {
		errorf(env, "statement --lang must be en or zh, not %q", *lang)
		return ExitUsage
	}
	if (*scen == "") != (*dec == "") {
		errorf(env, "statement needs --scenario and --decision together")
		return ExitUsage
	}
	if *stance != "" && !slices.Contains(scenario.Stances, *stance) {
		errorf(env, "statement --stance must be acknowledge, hold, deny or blame, not %q", *stance)
		return ExitUsage
	}
	if *hazard != "" && !slices.Contains(scenario.Hazards, *hazard) {
		errorf(env, "statement --hazard must be open or cleared, not %q", *hazard)
		return ExitUsage
	}
	if *kind != "" && !slices.Contains(scenario.StatementKinds, *kind) {
		errorf(env, "statement --kind must be one of %s, not %q", strings.Join(scenario.StatementKinds, ", "), *kind)
		return ExitUsage
	}
	var facts []rubric.Fact
	decHazard, decKind := "", ""
	if *scen != "" {
		facts, decHazard, decKind, err = requiredFacts(*scen, *dec, *lang)
		if err != nil {
			errorf(env, "%v", err)
			return ExitUsage
		}
	}
	if *hazard == "" {
		*hazard = decHazard
	}
	if *kind == "" {
		*kind = decKind
	}
	in := env.Stdin
	if in == nil {
		in = strings.NewReader("")
	}
	data, err := io.ReadAll(io.LimitReader(in, maxStatementBytes))
	if err != nil {
		errorf(env, "reading the statement: %v", err)
		return ExitFail
	}
	res := rubric.Judge(string(data), rubric.Context{Lang: *lang, Facts: facts, Hazard: *hazard, Stance: *stance, Kind: *kind})
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(res); err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	return ExitOK
}

// requiredFacts looks up the facts a scenario's decision requires of its
// statement.
func requiredFacts(scen, dec, lang string) (facts []rubric.Fact, hazard, kind string, err error) {
	e, err := library.Find(scen)
	if err != nil {
		return nil, "", "", err
	}
	sc := e.Scenario
	var d *scenario.Decision
	var ids []string
	for _, p := range sc.Phases {
		for _, pd := range p.Decisions {
			ids = append(ids, pd.ID)
			if pd.ID == dec {
				d = pd
			}
		}
	}
	if d == nil {
		return nil, "", "", fmt.Errorf("scenario %s has no decision %q (decisions: %s)", sc.ID, dec, strings.Join(ids, ", "))
	}
	if d.Statement == nil {
		var with []string
		for _, p := range sc.Phases {
			for _, pd := range p.Decisions {
				if pd.Statement != nil {
					with = append(with, pd.ID)
				}
			}
		}
		return nil, "", "", fmt.Errorf("decision %q of scenario %s does not ask for a written statement (these do: %s)", dec, sc.ID, strings.Join(with, ", "))
	}
	if lang == "" {
		lang = "en"
	}
	for _, id := range d.Statement.RequiredFacts {
		var f *scenario.Fact
		for _, sf := range sc.Facts {
			if sf.ID == id {
				f = sf
			}
		}
		if f == nil {
			return nil, "", "", fmt.Errorf("decision %q requires fact %q, which scenario %s does not declare", dec, id, sc.ID)
		}
		facts = append(facts, rubric.NewFact(f.ID, f.Label, f.Match, lang))
	}
	return facts, d.Statement.Hazard, d.Statement.Kind, nil
}
