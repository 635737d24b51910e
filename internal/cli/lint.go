package cli

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Finding is one lint finding as `lint --format json` prints it. Line and
// Col are 1-based; 0 means the finding is about the whole file (it is too
// large, not UTF-8, or could not be read).
type Finding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"` // error or warning
	Message  string `json:"message"`
}

// lint checks scenario files: exit 0 when clean (warnings allowed), 1 when
// any file has errors or cannot be read, 2 for bad arguments. It prints
// file:line:col: severity: message lines, or with --format json one JSON
// array of findings ([] when there are none).
func lint(args []string, env Env) int {
	fs := newFlags("lint", env)
	format := fs.String("format", "text", "output `format`: text (file:line:col: severity: message) or json (an array of findings)")
	files, err := parse(fs, args)
	if err != nil {
		return ExitUsage
	}
	if *format != "text" && *format != "json" {
		errorf(env, "lint --format must be text or json, not %q", *format)
		return ExitUsage
	}
	if len(files) == 0 {
		errorf(env, "lint needs at least one scenario file")
		return ExitUsage
	}
	asJSON := *format == "json"
	code := ExitOK
	findings := []Finding{}
	for _, f := range files {
		_, probs, err := scenario.LoadFile(f)
		if err != nil {
			code = ExitFail
			if asJSON {
				findings = append(findings, Finding{File: f, Severity: string(scenario.SevError), Message: err.Error()})
			} else {
				errorf(env, "%v", err)
			}
			continue
		}
		for _, p := range probs {
			if asJSON {
				findings = append(findings, Finding{File: p.File, Line: p.Pos.Line, Col: p.Pos.Col, Severity: string(p.Severity), Message: p.Msg})
			} else {
				fmt.Fprintln(env.Stdout, p.String())
			}
		}
		if len(probs.Errors()) > 0 {
			code = ExitFail
		}
	}
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(findings); err != nil {
			errorf(env, "%v", err)
			return ExitFail
		}
	}
	return code
}

// inspectJSON is the shape of `inspect --json`, for tools and tests.
type inspectJSON struct {
	ID              string          `json:"id"`
	Kind            string          `json:"kind"`
	Title           scenario.Text   `json:"title"`
	DurationSeconds int64           `json:"duration_seconds"`
	Languages       []string        `json:"languages"`
	LanguagesFull   []string        `json:"languages_complete"`
	World           []string        `json:"world"`
	Counts          scenario.Counts `json:"counts"`
	Phases          []phaseJSON     `json:"phases"`
}

type phaseJSON struct {
	ID        string         `json:"id"`
	Ending    string         `json:"ending,omitempty"` // tone of an ending phase
	Injects   []string       `json:"injects"`
	Decisions []decisionJSON `json:"decisions"`
	Next      []string       `json:"next"`
}

type decisionJSON struct {
	ID              string       `json:"id"`
	TargetSeconds   int64        `json:"target_seconds"`
	DeadlineSeconds int64        `json:"deadline_seconds"`
	TimeoutNext     string       `json:"timeout_next,omitempty"`
	Options         []optionJSON `json:"options"`
}

type optionJSON struct {
	ID     string         `json:"id"`
	Scores map[string]int `json:"scores"`
	Next   string         `json:"next,omitempty"`
}

func inspect(args []string, env Env) int {
	fs := newFlags("inspect", env)
	asJSON := fs.Bool("json", false, "print the scenario as JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(pos) != 1 {
		errorf(env, "inspect needs exactly one SCENARIO (a file or a built-in id)")
		return ExitUsage
	}
	e, err := library.Find(pos[0])
	if err != nil {
		errorf(env, "%v", err)
		return ExitUsage
	}
	out := describe(e.Scenario)
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			errorf(env, "%v", err)
			return ExitFail
		}
		return ExitOK
	}
	fmt.Fprintf(env.Stdout, "%s — %s (%s, %s)\n", out.ID, out.Title.Get("en"), out.Kind, e.Scenario.Duration)
	c := out.Counts
	fmt.Fprintf(env.Stdout, "%d phases, %d decisions, %d injects, %d endings, %d branching timeouts; languages %v\n",
		c.Phases, c.Decisions, c.Injects, c.Endings, c.Timeouts, out.Languages)
	for _, p := range out.Phases {
		fmt.Fprintf(env.Stdout, "  %s → %v\n", p.ID, p.Next)
		for _, d := range p.Decisions {
			ids := make([]string, len(d.Options))
			for i, o := range d.Options {
				ids[i] = o.ID
			}
			fmt.Fprintf(env.Stdout, "    decision %s: %v\n", d.ID, ids)
		}
	}
	return ExitOK
}

func describe(s *scenario.Scenario) inspectJSON {
	out := inspectJSON{ID: s.ID, Kind: s.Kind, Title: s.Title, DurationSeconds: int64(s.Duration.Seconds()),
		Languages: s.Languages, Counts: s.Count(), World: []string{}}
	for _, v := range s.World {
		out.World = append(out.World, v.ID)
	}
	for _, lang := range s.Languages {
		if complete(s, lang) {
			out.LanguagesFull = append(out.LanguagesFull, lang)
		}
	}
	for _, p := range s.Phases {
		pj := phaseJSON{ID: p.ID, Injects: []string{}, Decisions: []decisionJSON{}, Next: p.Next()}
		if pj.Next == nil {
			pj.Next = []string{}
		}
		sort.Strings(pj.Next)
		if p.Ending != nil {
			pj.Ending = p.Ending.Tone
		}
		for _, in := range p.Injects {
			pj.Injects = append(pj.Injects, in.ID)
		}
		for _, d := range p.Decisions {
			dj := decisionJSON{ID: d.ID, TargetSeconds: int64(d.Target.Seconds()), DeadlineSeconds: int64(d.Deadline.Seconds())}
			if d.OnTimeout != nil {
				dj.TimeoutNext = d.OnTimeout.Next
			}
			for _, o := range d.Options {
				sc := o.Scores
				if sc == nil {
					sc = map[string]int{}
				}
				dj.Options = append(dj.Options, optionJSON{ID: o.ID, Scores: sc, Next: o.Next})
			}
			pj.Decisions = append(pj.Decisions, dj)
		}
		out.Phases = append(out.Phases, pj)
	}
	return out
}

// complete reports whether every text of the scenario exists in lang.
func complete(s *scenario.Scenario, lang string) bool {
	ok := s.Title.Has(lang) && (s.Summary == nil || s.Summary.Has(lang))
	for _, p := range s.Phases {
		ok = ok && (p.Title == nil || p.Title.Has(lang))
		for _, in := range p.Injects {
			ok = ok && in.Text.Has(lang) && (in.From == nil || in.From.Has(lang))
		}
		for _, d := range p.Decisions {
			ok = ok && d.Prompt.Has(lang)
			for _, o := range d.Options {
				ok = ok && o.Text.Has(lang)
			}
		}
		if p.Ending != nil {
			ok = ok && p.Ending.Outcome.Has(lang)
		}
	}
	return ok
}
