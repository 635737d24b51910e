package cli

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// MaxScriptSize bounds a play script.
const MaxScriptSize = 1 << 20

// Script is a headless play script:
//
//	teams: [Alpha, Bravo]
//	actions:
//	  - {at: 12m, team: Alpha, decide: first-response, choose: recall-now, text: "optional statement"}
//	  - {after: 1m, team: Bravo, decide: first-response, choose: deny}   # 1m after it opened for Bravo
type Script struct {
	Teams   []string
	Actions []Action // sorted by At; equal times keep file order
}

// Action is one scripted choice.
type Action struct {
	Index int // position in the file, 1-based; identifies the action in the log
	Line  int
	At    time.Duration // exercise time; unless Relative
	// Relative actions (after: in the file) apply After once the decision
	// has opened for the team; one that never opens is skipped.
	Relative bool
	After    time.Duration
	Team     string
	Decision string
	Option   string
	Text     string // the written statement, for a decision that asks for one

	ref string // Ref, made once: play looks actions up by it for every refusal
}

// Ref names the action in the exercise log.
func (a Action) Ref() string {
	if a.ref != "" {
		return a.ref
	}
	return "script:" + strconv.Itoa(a.Index)
}

// actionFields are the fields an action may have, and what each holds.
var (
	actionFields = []string{"at", "after", "team", "decide", "choose", "text"}
	actionField  = map[string]string{"at": "at (a time such as 12m)", "after": "after (a time such as 1m)", "team": "team (a team name)",
		"decide": "decide (a decision id)", "choose": "choose (an option id)", "text": "text (the statement)"}
)

// scriptError is a message about a script at a node: file:line:col: msg.
func scriptError(file string, n *yaml.Node, format string, args ...any) error {
	return fmt.Errorf("%s:%d:%d: %s", file, n.Line, n.Column, fmt.Sprintf(format, args...))
}

// scriptValue describes what a node holds, in the words of a script's author.
func scriptValue(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Value == "" {
			return "empty"
		}
		v := []rune(n.Value)
		if len(v) > 40 {
			v = append(v[:40], '…')
		}
		return fmt.Sprintf("%q", string(v))
	}
	return "something else"
}

// scriptText reads a single value (a string, or a number or time written
// without quotes).
func scriptText(file string, n *yaml.Node, what string) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", scriptError(file, n, "%s must be a single value, not %s", what, scriptValue(n))
	}
	if n.Tag == "!!null" {
		return "", nil // written as ~ or left empty
	}
	return n.Value, nil
}

// noScriptAlias refuses YAML anchors, aliases and merge keys: a script is
// written out in full.
func noScriptAlias(file string, n *yaml.Node) error {
	if n.Kind == yaml.AliasNode || n.Anchor != "" || (n.Kind == yaml.ScalarNode && n.Tag == "!!merge") {
		return scriptError(file, n, "YAML anchors, aliases and merge keys (&name, *name, <<) are not allowed in a play script; write the content out")
	}
	for _, c := range n.Content {
		if err := noScriptAlias(file, c); err != nil {
			return err
		}
	}
	return nil
}

// ParseScript reads a script and checks it against the scenario: every team,
// decision and option it names must exist. Errors say file:line:col and what
// was expected, in the words of the script's format.
func ParseScript(file string, data []byte, sc *scenario.Scenario) (*Script, error) {
	if len(data) > MaxScriptSize {
		return nil, fmt.Errorf("%s: the script is %d bytes; at most %d are read", file, len(data), MaxScriptSize)
	}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil && err != io.EOF {
		if line, problem := scenario.YAMLSyntax(err); line > 0 {
			return nil, fmt.Errorf("%s:%d:1: YAML syntax: %s", file, line, problem)
		}
		return nil, fmt.Errorf("%s: %s", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, fmt.Errorf("%s: the script is empty; it needs 'teams:' and 'actions:'", file)
	}
	var second yaml.Node
	if err := dec.Decode(&second); err == nil && len(second.Content) > 0 {
		return nil, fmt.Errorf("%s:%d:%d: a second YAML document ('---') follows the script; a script is one document", file, second.Content[0].Line, second.Content[0].Column)
	}
	top := root.Content[0]
	if err := noScriptAlias(file, top); err != nil {
		return nil, err
	}
	if top.Kind != yaml.MappingNode {
		return nil, scriptError(file, top, "a script is a mapping with 'teams:' and 'actions:', not %s", scriptValue(top))
	}
	var teamsNode, actionNodes *yaml.Node
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		switch k.Value {
		case "teams":
			teamsNode = v
		case "actions":
			actionNodes = v
		default:
			return nil, scriptError(file, k, "unknown field %q in the script; it has 'teams' and 'actions'", k.Value)
		}
	}
	var teams []string
	pos := file
	if teamsNode != nil {
		pos = fmt.Sprintf("%s:%d:%d", file, teamsNode.Line, teamsNode.Column)
		if teamsNode.Kind != yaml.SequenceNode {
			return nil, scriptError(file, teamsNode, "teams must be a list of team names, like [Alpha, Bravo], not %s", scriptValue(teamsNode))
		}
		for _, n := range teamsNode.Content {
			name, err := scriptText(file, n, "a team name")
			if err != nil {
				return nil, err
			}
			teams = append(teams, name)
		}
	}
	if err := engine.ValidateTeams(teams); err != nil {
		return nil, fmt.Errorf("%s: %v", pos, err)
	}
	s := &Script{Teams: teams}
	var list []*yaml.Node
	if actionNodes != nil && !(actionNodes.Kind == yaml.ScalarNode && actionNodes.Tag == "!!null") {
		if actionNodes.Kind != yaml.SequenceNode {
			return nil, scriptError(file, actionNodes, "actions must be a list of actions (lines starting with '- '), not %s", scriptValue(actionNodes))
		}
		list = actionNodes.Content
	}
	for i, n := range list {
		if n.Kind != yaml.MappingNode {
			return nil, scriptError(file, n, "action %d must be a mapping like {at: 12m, team: Alpha, decide: …, choose: …}, not %s", i+1, scriptValue(n))
		}
		fields, keys := map[string]string{}, map[string]*yaml.Node{}
		for j := 0; j+1 < len(n.Content); j += 2 {
			k, v := n.Content[j], n.Content[j+1]
			if !contains(actionFields, k.Value) {
				return nil, scriptError(file, k, "unknown field %q in action %d; an action has %s", k.Value, i+1, strings.Join(actionFields, ", "))
			}
			if _, dup := keys[k.Value]; dup {
				return nil, scriptError(file, k, "field %q appears twice in action %d", k.Value, i+1)
			}
			val, err := scriptText(file, v, actionField[k.Value])
			if err != nil {
				return nil, err
			}
			fields[k.Value], keys[k.Value] = val, v
		}
		at := func(key string) string {
			if v := keys[key]; v != nil {
				return fmt.Sprintf("%s:%d:%d", file, v.Line, v.Column)
			}
			return fmt.Sprintf("%s:%d:%d", file, n.Line, n.Column)
		}
		key, when := "at", fields["at"]
		if fields["after"] != "" {
			key, when = "after", fields["after"]
		}
		d, err := time.ParseDuration(strings.TrimSpace(when))
		switch {
		case fields["at"] != "" && fields["after"] != "":
			return nil, fmt.Errorf("%s: action %d has both 'at' and 'after'; keep one", at("after"), i+1)
		case when == "":
			return nil, fmt.Errorf("%s: action %d needs 'at' (e.g. at: 12m) or 'after' (e.g. after: 1m, from when the decision opens)", at("at"), i+1)
		case err != nil || d < 0:
			return nil, fmt.Errorf("%s: %q is not a time; write it like 90s, 12m or 1h5m", at(key), when)
		case d > sc.Duration:
			return nil, fmt.Errorf("%s: action %s %s comes after the scenario ends (%s)", at(key), key, d, sc.Duration)
		}
		team := fields["team"]
		if !contains(teams, team) {
			return nil, fmt.Errorf("%s: team %q is not one of the script's teams %v", at("team"), team, teams)
		}
		dec := sc.Decision(fields["decide"])
		if dec == nil {
			return nil, fmt.Errorf("%s: scenario %s has no decision %q", at("decide"), sc.ID, fields["decide"])
		}
		if dec.Option(fields["choose"]) == nil {
			ids := make([]string, len(dec.Options))
			for j, o := range dec.Options {
				ids[j] = o.ID
			}
			return nil, fmt.Errorf("%s: decision %q has no option %q (options: %s)", at("choose"), fields["decide"], fields["choose"], strings.Join(ids, ", "))
		}
		act := Action{Index: i + 1, Line: n.Line, At: d.Truncate(time.Millisecond), Team: team, Decision: fields["decide"], Option: fields["choose"], Text: fields["text"]}
		act.ref = act.Ref()
		if fields["after"] != "" {
			act.At, act.Relative, act.After = 0, true, d.Truncate(time.Millisecond)
		}
		s.Actions = append(s.Actions, act)
	}
	sort.SliceStable(s.Actions, func(i, j int) bool { return s.Actions[i].At < s.Actions[j].At })
	return s, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
