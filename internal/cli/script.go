package cli

import (
	"bytes"
	"fmt"
	"sort"
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
}

// Ref names the action in the exercise log.
func (a Action) Ref() string { return fmt.Sprintf("script:%d", a.Index) }

type scriptFile struct {
	Teams   []string `yaml:"teams"`
	Actions []struct {
		At     string `yaml:"at"`
		After  string `yaml:"after"`
		Team   string `yaml:"team"`
		Decide string `yaml:"decide"`
		Choose string `yaml:"choose"`
		Text   string `yaml:"text"`
	} `yaml:"actions"`
}

// ParseScript reads a script and checks it against the scenario: every team,
// decision and option it names must exist. Errors say file:line:col.
func ParseScript(file string, data []byte, sc *scenario.Scenario) (*Script, error) {
	if len(data) > MaxScriptSize {
		return nil, fmt.Errorf("%s: the script is %d bytes; at most %d are read", file, len(data), MaxScriptSize)
	}
	var root yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&root); err != nil {
		return nil, fmt.Errorf("%s: %s", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, fmt.Errorf("%s: the script is empty; it needs 'teams:' and 'actions:'", file)
	}
	var sf scriptFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&sf); err != nil {
		return nil, fmt.Errorf("%s: %s", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	var second yaml.Node
	if err := dec.Decode(&second); err == nil && len(second.Content) > 0 {
		return nil, fmt.Errorf("%s:%d:%d: a second YAML document ('---') follows the script; a script is one document", file, second.Content[0].Line, second.Content[0].Column)
	}
	actionNodes := findKey(root.Content[0], "actions")
	at := func(i int, key string) string {
		if actionNodes != nil && i < len(actionNodes.Content) {
			n := actionNodes.Content[i]
			if v := findKey(n, key); v != nil {
				return fmt.Sprintf("%s:%d:%d", file, v.Line, v.Column)
			}
			return fmt.Sprintf("%s:%d:%d", file, n.Line, n.Column)
		}
		return file
	}
	if err := engine.ValidateTeams(sf.Teams); err != nil {
		pos := file
		if n := findKey(root.Content[0], "teams"); n != nil {
			pos = fmt.Sprintf("%s:%d:%d", file, n.Line, n.Column)
		}
		return nil, fmt.Errorf("%s: %v", pos, err)
	}
	s := &Script{Teams: sf.Teams}
	for i, a := range sf.Actions {
		key, when := "at", a.At
		if a.After != "" {
			key, when = "after", a.After
		}
		d, err := time.ParseDuration(strings.TrimSpace(when))
		switch {
		case a.At != "" && a.After != "":
			return nil, fmt.Errorf("%s: action %d has both 'at' and 'after'; keep one", at(i, "after"), i+1)
		case when == "":
			return nil, fmt.Errorf("%s: action %d needs 'at' (e.g. at: 12m) or 'after' (e.g. after: 1m, from when the decision opens)", at(i, "at"), i+1)
		case err != nil || d < 0:
			return nil, fmt.Errorf("%s: %q is not a time; write it like 90s, 12m or 1h5m", at(i, key), when)
		case d > sc.Duration:
			return nil, fmt.Errorf("%s: action %s %s comes after the scenario ends (%s)", at(i, key), key, d, sc.Duration)
		}
		if !contains(sf.Teams, a.Team) {
			return nil, fmt.Errorf("%s: team %q is not one of the script's teams %v", at(i, "team"), a.Team, sf.Teams)
		}
		dec := sc.Decision(a.Decide)
		if dec == nil {
			return nil, fmt.Errorf("%s: scenario %s has no decision %q", at(i, "decide"), sc.ID, a.Decide)
		}
		if dec.Option(a.Choose) == nil {
			ids := make([]string, len(dec.Options))
			for j, o := range dec.Options {
				ids[j] = o.ID
			}
			return nil, fmt.Errorf("%s: decision %q has no option %q (options: %s)", at(i, "choose"), a.Decide, a.Choose, strings.Join(ids, ", "))
		}
		line := 0
		if actionNodes != nil && i < len(actionNodes.Content) {
			line = actionNodes.Content[i].Line
		}
		act := Action{Index: i + 1, Line: line, At: d.Truncate(time.Millisecond), Team: a.Team, Decision: a.Decide, Option: a.Choose, Text: a.Text}
		if a.After != "" {
			act.At, act.Relative, act.After = 0, true, d.Truncate(time.Millisecond)
		}
		s.Actions = append(s.Actions, act)
	}
	sort.SliceStable(s.Actions, func(i, j int) bool { return s.Actions[i].At < s.Actions[j].At })
	return s, nil
}

func findKey(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
