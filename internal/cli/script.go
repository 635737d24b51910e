package cli

import (
	"bytes"
	"fmt"
	"io"
	"math"
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
//	  - {at: 2m, team: Alpha, reply: complaint, text: "Please call our hotline"}  # an answer to an inject that asks for one
//	  - {at: 9m, team: Alpha, answer: briefing, question: 1, text: "Batch L2301 …"}  # the spokesperson answers question 1 of a press conference
//	  - {at: 4m, team: Alpha, post: social, text: "We are sorry …"}  # a post on the official account (social), a press release (news) or a pinned notice (notice)
//	  - {at: 9m, team: Alpha, triage: first-move, marks: {twins-bottles: complaint answer 1, …}}  # the team's triage of a decision's feed: every post's class and action, and the answers' order
//
// and the facilitator's control of the schedule, at a time (at:), for a
// team or, without team:, for every team still playing:
//
//   - {at: 2m, team: Alpha, send: reporter-call}          # a scheduled inject of the team's phase, now
//   - {at: 2m, skip: customer-email}                      # never delivered
//   - {at: 2m, team: Bravo, delay: reporter-call, by: 5m}  # delivered 5m later
//   - {at: 9m, team: Bravo, extend: first-response, by: 5m}  # the open decision's deadline, 5m later
//   - {at: 3m, inject: email, text: "Can we talk?", from: "Jane Doe, Reuters", to: [spokesperson], effects: {attention: 10}}
//   - {at: 4m, press: evening}                                  # start a press conference (for every team, or team:)
//   - {at: 5m, team: Alpha, press: evening, text: "Will you resign?", from: "TV 5"}  # start it with, or add to it, a question
//
// A facilitator's action the engine refuses (the inject was delivered
// already, the team is in another phase…) is skipped, with the reason; so
// is a reply or an answer the engine refuses (the inject has not reached
// the team; the question is not the one being asked).
type Script struct {
	Teams   []string
	Actions []Action // sorted by At; equal times keep file order
	// Cut and Difficulty are the version of the scenario the script
	// plays (cut: and difficulty: in the file; "" the full version at
	// standard); the actions are checked against that version.
	Cut, Difficulty string
}

// Action is one scripted choice, reply or facilitator's command.
type Action struct {
	// Kind is engine.CmdChoose (decide:), engine.CmdReply (reply:), or the
	// facilitator's CmdSendNow, CmdSkip, CmdDelay, CmdExtend or CmdInject.
	Kind  engine.CommandKind
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
	Text     string // the written statement, for a decision that asks for one; the reply; the text of an inject

	// The inject a reply answers (a scenario's inject with reply:, or
	// adhoc-N), and the facilitator's commands: the scheduled inject (send, skip, delay),
	// how much later (delay, extend: by), and an ad-hoc inject's channel,
	// sender, recipients and world effects. Decision is extend's decision.
	Inject  string
	By      time.Duration
	Channel string
	From    string
	To      []string
	Effects map[string]float64
	// A press conference (answer, press) and the question answered.
	Conference string
	Question   int
	// A customer case handled (case:, with remedy: in Option and text:).
	Case string
	// Triage is a triage's marks (triage: with marks:), in the feed's file order.
	Triage []engine.TriageMark

	ref string // Ref, made once: play looks actions up by it for every refusal
}

// Ref names the action in the exercise log.
func (a Action) Ref() string {
	if a.ref != "" {
		return a.ref
	}
	return "script:" + strconv.Itoa(a.Index)
}

// Command is the engine command that carries out the action.
func (a Action) Command() engine.Command {
	return engine.Command{Kind: a.Kind, Team: a.Team, Decision: a.Decision, Option: a.Option, Text: a.Text, Ref: a.Ref(),
		Inject: a.Inject, Delay: a.By, Channel: a.Channel, From: a.From, To: a.To, Effects: a.Effects,
		Conference: a.Conference, Question: a.Question, Case: a.Case, Triage: a.Triage}
}

// What says what the action does, for a warning: "first → good", "skip memo".
func (a Action) What() string {
	switch a.Kind {
	case engine.CmdChoose:
		return a.Decision + " → " + a.Option
	case engine.CmdReply:
		return "reply " + a.Inject
	case engine.CmdPost:
		return "post on " + a.Channel
	case engine.CmdTriage:
		return "triage " + a.Decision
	case engine.CmdAnswer:
		return "answer " + a.Conference + " question " + strconv.Itoa(a.Question)
	case engine.CmdPress:
		return "press " + a.Conference
	case engine.CmdHandleCase:
		return "case " + a.Case + " → " + a.Option
	case engine.CmdSendNow:
		return "send " + a.Inject
	case engine.CmdSkip:
		return "skip " + a.Inject
	case engine.CmdDelay:
		return "delay " + a.Inject + " by " + a.By.String()
	case engine.CmdExtend:
		return "extend " + a.Decision + " by " + a.By.String()
	}
	return "inject by " + a.Channel
}

// actionFields are the fields an action may have, and what each holds.
var (
	actionFields = []string{"at", "after", "team", "decide", "choose", "text", "reply", "send", "skip", "delay", "extend", "by", "inject", "from", "to", "effects", "answer", "question", "press", "post", "case", "remedy", "triage", "marks"}
	actionField  = map[string]string{"at": "at (a time such as 12m)", "after": "after (a time such as 1m)", "team": "team (a team name)",
		"decide": "decide (a decision id)", "choose": "choose (an option id)", "reply": "reply (an inject id)",
		"text": "text (the statement, the reply, or the inject's text)",
		"send": "send (an inject id)", "skip": "skip (an inject id)", "delay": "delay (an inject id)", "extend": "extend (a decision id)",
		"by": "by (a time such as 5m)", "inject": "inject (a channel)", "from": "from (the inject's sender)",
		"to": "to (role ids)", "effects": "effects (world variable: change)",
		"answer": "answer (a press conference id)", "question": "question (its number, from 1)", "press": "press (a press conference id)",
		"post": "post (a channel: social, news or notice)",
		"case": "case (a customer case id)", "remedy": "remedy (the case's remedy id)", "triage": "triage (a decision id)",
		"marks": "marks (post id: class and action, the answers with their place, e.g. \"complaint answer 1\")"}
	// actionVerbs are the fields that say what an action does: one each.
	actionVerbs = []string{"decide", "reply", "send", "skip", "delay", "extend", "inject", "answer", "press", "post", "case", "triage"}
	// verbFields are the fields each verb allows besides at, after, team.
	verbFields = map[string][]string{"decide": {"choose", "text"}, "reply": {"text"}, "send": nil, "skip": nil, "delay": {"by"}, "extend": {"by"},
		"inject": {"text", "from", "to", "effects"}, "answer": {"question", "text"}, "press": {"text", "from"}, "post": {"text"},
		"case": {"remedy", "text"}, "triage": {"marks"}}
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
	return ParseScriptVersion(file, data, sc, "", "")
}

// ParseScriptVersion is ParseScript with the version of the scenario
// chosen outside the script (play's --cut and --difficulty): a cut or
// difficulty given here wins over the script's.
func ParseScriptVersion(file string, data []byte, sc *scenario.Scenario, cut, difficulty string) (*Script, error) {
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
	version := map[string]string{"cut": cut, "difficulty": difficulty}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		switch k.Value {
		case "teams":
			teamsNode = v
		case "actions":
			actionNodes = v
		case "cut", "difficulty":
			val, err := scriptText(file, v, "a "+k.Value)
			if err != nil {
				return nil, err
			}
			if version[k.Value] == "" {
				version[k.Value] = val
			}
			if err := sc.CheckVariant(version["cut"], version["difficulty"]); err != nil {
				return nil, scriptError(file, v, "%v", versionError(sc, err))
			}
		default:
			return nil, scriptError(file, k, "unknown field %q in the script; it has 'teams', 'actions', 'cut' and 'difficulty'", k.Value)
		}
	}
	played, err := sc.Variant(version["cut"], version["difficulty"])
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, versionError(sc, err))
	}
	sc = played
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
	s := &Script{Teams: teams, Cut: version["cut"], Difficulty: version["difficulty"]}
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
			keys[k.Value] = v
			if k.Value == "to" || k.Value == "effects" || k.Value == "marks" {
				continue // read below: a list, a mapping
			}
			val, err := scriptText(file, v, actionField[k.Value])
			if err != nil {
				return nil, err
			}
			fields[k.Value] = val
		}
		at := func(key string) string {
			if v := keys[key]; v != nil {
				return fmt.Sprintf("%s:%d:%d", file, v.Line, v.Column)
			}
			return fmt.Sprintf("%s:%d:%d", file, n.Line, n.Column)
		}
		verb := ""
		for _, v := range actionVerbs {
			if _, ok := keys[v]; !ok {
				continue
			}
			if verb != "" {
				return nil, fmt.Errorf("%s: action %d has both %q and %q; an action does one thing", at(v), i+1, verb, v)
			}
			verb = v
		}
		if verb == "" {
			return nil, fmt.Errorf("%s:%d:%d: action %d needs one of %s", file, n.Line, n.Column, i+1, strings.Join(actionVerbs, ", "))
		}
		for j := 0; j+1 < len(n.Content); j += 2 {
			if k := n.Content[j].Value; k != "at" && k != "after" && k != "team" && k != verb && !contains(verbFields[verb], k) {
				return nil, fmt.Errorf("%s: action %d has %q, which goes with %s, not with %q", at(k), i+1, k, verbsOf(k), verb)
			}
		}
		key, when := "at", fields["at"]
		if fields["after"] != "" {
			key, when = "after", fields["after"]
		}
		d, err := time.ParseDuration(strings.TrimSpace(when))
		switch {
		case fields["at"] != "" && fields["after"] != "":
			return nil, fmt.Errorf("%s: action %d has both 'at' and 'after'; keep one", at("after"), i+1)
		case when == "" && verb == "decide":
			return nil, fmt.Errorf("%s: action %d needs 'at' (e.g. at: 12m) or 'after' (e.g. after: 1m, from when the decision opens)", at("at"), i+1)
		case when == "":
			return nil, fmt.Errorf("%s: action %d needs 'at' (e.g. at: 12m)", at("at"), i+1)
		case key == "after" && verb != "decide":
			return nil, fmt.Errorf("%s: action %d: 'after' counts from when a decision opens, so it goes with 'decide'; use 'at'", at("after"), i+1)
		case err != nil || d < 0:
			return nil, fmt.Errorf("%s: %q is not a time; write it like 90s, 12m or 1h5m", at(key), when)
		case d > sc.Duration:
			return nil, fmt.Errorf("%s: action %s %s comes after the scenario ends (%s)", at(key), key, d, sc.Duration)
		}
		team := fields["team"]
		_, hasTeam := keys["team"]
		if (verb == "decide" || verb == "reply" || verb == "answer" || verb == "post" || verb == "case" || verb == "triage" || hasTeam) && !contains(teams, team) {
			return nil, fmt.Errorf("%s: team %q is not one of the script's teams %v", at("team"), team, teams)
		}
		act := Action{Index: i + 1, Line: n.Line, At: d.Truncate(time.Millisecond), Team: team, Text: fields["text"]}
		if err := scriptVerb(&act, verb, fields, keys, at, file, i+1, sc); err != nil {
			return nil, err
		}
		act.ref = act.Ref()
		if fields["after"] != "" {
			act.At, act.Relative, act.After = 0, true, d.Truncate(time.Millisecond)
		}
		s.Actions = append(s.Actions, act)
	}
	sort.SliceStable(s.Actions, func(i, j int) bool { return s.Actions[i].At < s.Actions[j].At })
	return s, nil
}

// scriptVerb reads what an action does, checked against the scenario.
func scriptVerb(act *Action, verb string, fields map[string]string, keys map[string]*yaml.Node, at func(string) string,
	file string, num int, sc *scenario.Scenario) error {
	by := func() error {
		if keys["by"] == nil {
			return fmt.Errorf("%s: action %d needs 'by' (how much later, e.g. by: 5m)", at(verb), num)
		}
		d, err := time.ParseDuration(strings.TrimSpace(fields["by"]))
		if err != nil || d.Truncate(time.Millisecond) < engine.MinDelay || d > engine.MaxDelay {
			return fmt.Errorf("%s: by %q is not a time from %s to %s; write it like 90s or 5m", at("by"), fields["by"], engine.MinDelay, engine.MaxDelay)
		}
		act.By = d.Truncate(time.Millisecond)
		return nil
	}
	scheduled := func() error {
		id := fields[verb]
		for _, p := range sc.Phases {
			if p.Inject(id) != nil {
				act.Inject = id
				return nil
			}
		}
		return fmt.Errorf("%s: scenario %s has no scheduled inject %q (an inject of a phase, with an id)", at(verb), sc.ID, id)
	}
	switch verb {
	case "decide":
		act.Kind, act.Decision, act.Option = engine.CmdChoose, fields["decide"], fields["choose"]
		dec := sc.Decision(act.Decision)
		if dec == nil {
			return fmt.Errorf("%s: scenario %s has no decision %q", at("decide"), sc.ID, act.Decision)
		}
		if dec.Option(act.Option) == nil {
			ids := make([]string, len(dec.Options))
			for j, o := range dec.Options {
				ids[j] = o.ID
			}
			return fmt.Errorf("%s: decision %q has no option %q (options: %s)", at("choose"), act.Decision, act.Option, strings.Join(ids, ", "))
		}
	case "reply":
		act.Kind, act.Inject = engine.CmdReply, fields["reply"]
		if in := sc.Inject(act.Inject); in == nil && !adHocInjectID(act.Inject) {
			return fmt.Errorf("%s: scenario %s has no inject %q (an inject with an id, or adhoc-N for the Nth ad-hoc inject)", at("reply"), sc.ID, act.Inject)
		} else if in != nil && in.Reply == nil {
			return fmt.Errorf("%s: inject %q of scenario %s asks for no answer (it has no 'reply:')", at("reply"), act.Inject, sc.ID)
		}
		if strings.TrimSpace(act.Text) == "" {
			return fmt.Errorf("%s: action %d needs 'text' (the reply)", at("reply"), num)
		}
	case "triage":
		act.Kind, act.Decision = engine.CmdTriage, fields["triage"]
		dec := sc.Decision(act.Decision)
		switch {
		case dec == nil:
			return fmt.Errorf("%s: scenario %s has no decision %q", at("triage"), sc.ID, act.Decision)
		case dec.Triage == nil:
			return fmt.Errorf("%s: decision %q of scenario %s has no triage feed", at("triage"), act.Decision, sc.ID)
		}
		marks, err := scriptMarks(file, keys["marks"], dec.Triage)
		if err != nil {
			if keys["marks"] == nil {
				return fmt.Errorf("%s: action %d %v", at("triage"), num, err)
			}
			return err
		}
		act.Triage = marks
	case "post":
		act.Kind, act.Channel = engine.CmdPost, fields["post"]
		if sc.Feed == nil {
			return fmt.Errorf("%s: scenario %s has no feed, so a team has no channel to post on", at("post"), sc.ID)
		}
		if !contains(scenario.PostChannels, act.Channel) {
			return fmt.Errorf("%s: %q is not a channel a team posts on (%s)", at("post"), act.Channel, strings.Join(scenario.PostChannels, ", "))
		}
		if strings.TrimSpace(act.Text) == "" {
			return fmt.Errorf("%s: action %d needs 'text' (the post)", at("post"), num)
		}
	case "answer", "press":
		act.Conference = fields[verb]
		if sc.PressConference(act.Conference) == nil {
			return fmt.Errorf("%s: scenario %s has no press conference %q", at(verb), sc.ID, act.Conference)
		}
		if verb == "press" {
			act.Kind, act.From = engine.CmdPress, fields["from"]
			return nil
		}
		act.Kind = engine.CmdAnswer
		q, err := strconv.Atoi(strings.TrimSpace(fields["question"]))
		if err != nil || q < 1 {
			return fmt.Errorf("%s: action %d needs 'question', the number of the question it answers (from 1)", at(verb), num)
		}
		act.Question = q
		if strings.TrimSpace(act.Text) == "" {
			return fmt.Errorf("%s: action %d needs 'text' (the answer)", at(verb), num)
		}
	case "case":
		act.Kind, act.Case, act.Option = engine.CmdHandleCase, fields["case"], fields["remedy"]
		c := sc.Case(act.Case)
		if c == nil {
			return fmt.Errorf("%s: scenario %s has no case %q", at("case"), sc.ID, act.Case)
		}
		if c.Remedy(act.Option) == nil {
			ids := make([]string, len(c.Remedies))
			for j, r := range c.Remedies {
				ids[j] = r.ID
			}
			return fmt.Errorf("%s: case %q has no remedy %q (remedies: %s)", at("remedy"), act.Case, act.Option, strings.Join(ids, ", "))
		}
		if strings.TrimSpace(act.Text) == "" {
			return fmt.Errorf("%s: action %d needs 'text' (the personal reply)", at("case"), num)
		}
	case "send", "skip":
		act.Kind = map[string]engine.CommandKind{"send": engine.CmdSendNow, "skip": engine.CmdSkip}[verb]
		return scheduled()
	case "delay":
		act.Kind = engine.CmdDelay
		if err := scheduled(); err != nil {
			return err
		}
		return by()
	case "extend":
		act.Kind, act.Decision = engine.CmdExtend, fields["extend"]
		if sc.Decision(act.Decision) == nil {
			return fmt.Errorf("%s: scenario %s has no decision %q", at("extend"), sc.ID, act.Decision)
		}
		return by()
	case "inject":
		act.Kind, act.Channel, act.From = engine.CmdInject, fields["inject"], fields["from"]
		if !contains(scenario.Channels, act.Channel) {
			return fmt.Errorf("%s: inject %q is not a channel; it is one of %s", at("inject"), act.Channel, strings.Join(scenario.Channels, ", "))
		}
		if strings.TrimSpace(act.Text) == "" {
			return fmt.Errorf("%s: action %d needs 'text' (what the inject says)", at("inject"), num)
		}
		if n := keys["to"]; n != nil {
			list := []*yaml.Node{n}
			if n.Kind == yaml.SequenceNode {
				list = n.Content
			}
			for _, r := range list {
				id, err := scriptText(file, r, "a role id")
				if err != nil {
					return err
				}
				known := false
				for _, role := range sc.Roles {
					known = known || role.ID == id
				}
				if !known || contains(act.To, id) {
					return scriptError(file, r, "%q is not one of the scenario's roles, or is named twice", id)
				}
				act.To = append(act.To, id)
			}
		}
		if n := keys["effects"]; n != nil {
			if n.Kind != yaml.MappingNode {
				return scriptError(file, n, "effects must be a mapping of world variables to changes, like {attention: 10}, not %s", scriptValue(n))
			}
			act.Effects = map[string]float64{}
			for j := 0; j+1 < len(n.Content); j += 2 {
				k, v := n.Content[j], n.Content[j+1]
				wv := sc.Variable(k.Value)
				if wv == nil {
					return scriptError(file, k, "%q is not a world variable of scenario %s", k.Value, sc.ID)
				}
				if _, dup := act.Effects[k.Value]; dup {
					return scriptError(file, k, "the effect on %q appears twice", k.Value)
				}
				txt, err := scriptText(file, v, "a change to "+k.Value)
				if err != nil {
					return err
				}
				f, err := strconv.ParseFloat(strings.TrimSpace(txt), 64)
				if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > wv.Max-wv.Min {
					return scriptError(file, v, "the change to %s must be a number from %g to %g, not %s", k.Value, -(wv.Max - wv.Min), wv.Max-wv.Min, scriptValue(v))
				}
				act.Effects[k.Value] = f
			}
		}
	}
	return nil
}

// adHocInjectID tells whether id is an ad-hoc inject's: adhoc-N, N from 1
// (the Nth ad-hoc inject of the exercise, which any team it reached may
// answer). Whether it arrived is the engine's to say when the reply is sent.
func adHocInjectID(id string) bool {
	n, ok := strings.CutPrefix(id, "adhoc-")
	if !ok || n == "" || n[0] == '0' || len(n) > 9 {
		return false
	}
	for _, r := range n {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// verbsOf names the verbs a field goes with.
func verbsOf(field string) string {
	var out []string
	for _, v := range actionVerbs {
		if contains(verbFields[v], field) {
			out = append(out, "'"+v+"'")
		}
	}
	return strings.Join(out, " or ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// versionError says what a scenario offers when a cut or difficulty is not
// one of them.
func versionError(sc *scenario.Scenario, err error) error {
	cuts := []string{scenario.FullCut}
	for _, c := range sc.Cuts() {
		cuts = append(cuts, c.ID)
	}
	return fmt.Errorf("%w; scenario %s has cuts %s and difficulties %s", err, sc.ID, strings.Join(cuts, ", "), strings.Join(scenario.Difficulties, ", "))
}

// scriptMarks reads a triage action's marks: a mapping from each post of
// the feed to its class and action, written as "class action" (for
// example `twins-bottles: complaint answer`). Every post is marked once.
func scriptMarks(file string, n *yaml.Node, t *scenario.Triage) ([]engine.TriageMark, error) {
	if n == nil {
		return nil, fmt.Errorf("needs 'marks': each post of the feed with its class and action, e.g. {%s: %s %s}",
			t.Posts[0].ID, t.Posts[0].Class, t.Posts[0].Needs)
	}
	if n.Kind != yaml.MappingNode {
		return nil, scriptError(file, n, "marks must be a mapping of post ids to \"class action\", not %s", scriptValue(n))
	}
	byPost := map[string]engine.TriageMark{}
	for j := 0; j+1 < len(n.Content); j += 2 {
		k, v := n.Content[j], n.Content[j+1]
		if t.Post(k.Value) == nil {
			ids := make([]string, len(t.Posts))
			for i, p := range t.Posts {
				ids[i] = p.ID
			}
			return nil, scriptError(file, k, "the feed has no post %q (posts: %s)", k.Value, strings.Join(ids, ", "))
		}
		if _, dup := byPost[k.Value]; dup {
			return nil, scriptError(file, k, "post %q is marked twice", k.Value)
		}
		if v.Kind != yaml.ScalarNode {
			return nil, scriptError(file, v, "the mark of post %q must be \"class action\", not %s", k.Value, scriptValue(v))
		}
		class, action, rank, err := ParseMark(v.Value)
		if err != nil {
			return nil, scriptError(file, v, "post %q: %v", k.Value, err)
		}
		byPost[k.Value] = engine.TriageMark{Post: k.Value, Class: class, Action: action, Rank: rank}
	}
	out := make([]engine.TriageMark, 0, len(t.Posts))
	for _, p := range t.Posts {
		m, ok := byPost[p.ID]
		if !ok {
			return nil, scriptError(file, n, "post %q has no mark; mark every post of the feed", p.ID)
		}
		out = append(out, m)
	}
	return out, nil
}

// ParseMark reads a post's mark in a play script, "class action" (one
// space or more between): a class of scenario.TriageClasses and an action
// of scenario.TriageActions; a post to answer also gives its place in the
// order of the answers, "class answer N" (N from 1; rank), which no other
// action takes.
func ParseMark(s string) (class, action string, rank int, err error) {
	f := strings.Fields(s)
	if len(f) != 2 && len(f) != 3 {
		return "", "", 0, fmt.Errorf("write the mark as \"class action\" (a class of %s, an action of %s; \"class answer N\" for the N-th post to answer), not %q",
			strings.Join(scenario.TriageClasses, ", "), strings.Join(scenario.TriageActions, ", "), clipText(s, 40))
	}
	if !contains(scenario.TriageClasses, f[0]) {
		return "", "", 0, fmt.Errorf("%q is not a class (%s)", clipText(f[0], 40), strings.Join(scenario.TriageClasses, ", "))
	}
	if !contains(scenario.TriageActions, f[1]) {
		return "", "", 0, fmt.Errorf("%q is not an action (%s)", clipText(f[1], 40), strings.Join(scenario.TriageActions, ", "))
	}
	if f[1] != scenario.ActionAnswer {
		if len(f) == 3 {
			return "", "", 0, fmt.Errorf("only a post to answer has a place in the order, not %q", clipText(s, 40))
		}
		return f[0], f[1], 0, nil
	}
	if len(f) != 3 {
		return "", "", 0, fmt.Errorf("a post to answer needs its place in the order: \"%s answer N\" (N = 1 for the first to answer)", f[0])
	}
	n, aerr := strconv.Atoi(f[2])
	if aerr != nil || n < 1 || n > scenario.MaxTriagePosts {
		return "", "", 0, fmt.Errorf("the place %q is not a whole number from 1 to %d", clipText(f[2], 20), scenario.MaxTriagePosts)
	}
	return f[0], f[1], n, nil
}

func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
