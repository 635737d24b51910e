package cli

import (
	"math"
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

func FuzzParseScript(f *testing.F) {
	sc, probs, err := scenario.LoadFile(miniPath)
	if sc == nil {
		f.Fatal(probs, err)
	}
	f.Add([]byte(miniScript))
	f.Add([]byte("teams: [A]\nactions: [{at: 1m, team: A, decide: first, choose: good}]\n"))
	f.Add([]byte("teams: &a [A]\nactions: *a\n"))
	f.Add([]byte("teams: [A, B]\nactions:\n  - {at: 1m, team: A, send: start#2}\n  - {at: 1m, skip: start#1}\n" +
		"  - {at: 2m, team: B, delay: start#2, by: 90s}\n  - {at: 6m, extend: first, by: 1m}\n" +
		"  - {at: 3m, inject: news, text: hi, from: Jane, effects: {attention: -5}}\n"))
	f.Add([]byte("teams: [A]\nactions:\n  - {at: 1m, team: A, reply: adhoc-1, text: thanks}\n  - {at: 2m, team: A, reply: start#1, text: hi}\n"))
	f.Add([]byte("teams: [A]\nactions:\n  - {at: 1m, team: A, answer: briefing, question: 1, text: hi}\n  - {at: 2m, press: briefing, text: why, from: TV}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseScript("f.yaml", data, sc)
		if err != nil {
			return
		}
		for _, a := range s.Actions {
			if a.At > sc.Duration {
				t.Fatalf("accepted an action after the scenario's end: %+v", a)
			}
			switch a.Kind {
			case engine.CmdChoose:
				if d := sc.Decision(a.Decision); d == nil || d.Option(a.Option) == nil {
					t.Fatalf("accepted a choice the scenario cannot take: %+v", a)
				}
			case engine.CmdSendNow, engine.CmdSkip, engine.CmdDelay:
				if sc.Inject(a.Inject) == nil || (a.Kind == engine.CmdDelay) != (a.By != 0) {
					t.Fatalf("accepted an action on an inject the scenario lacks: %+v", a)
				}
			case engine.CmdExtend:
				if sc.Decision(a.Decision) == nil || a.Relative {
					t.Fatalf("accepted an extension the scenario cannot take: %+v", a)
				}
			case engine.CmdReply:
				in := sc.Inject(a.Inject)
				if (in == nil && !adHocInjectID(a.Inject)) || (in != nil && in.Reply == nil) || strings.TrimSpace(a.Text) == "" ||
					a.Relative || !contains(s.Teams, a.Team) {
					t.Fatalf("accepted a reply the scenario cannot take: %+v", a)
				}
			case engine.CmdInject:
				if !contains(scenario.Channels, a.Channel) || strings.TrimSpace(a.Text) == "" || a.Relative {
					t.Fatalf("accepted an inject the engine refuses: %+v", a)
				}
				for id, d := range a.Effects {
					if v := sc.Variable(id); v == nil || math.IsNaN(d) || math.Abs(d) > v.Max-v.Min {
						t.Fatalf("accepted an effect the engine refuses: %+v", a)
					}
				}
			default:
				t.Fatalf("an action of unknown kind: %+v", a)
			}
			if a.Kind == engine.CmdDelay || a.Kind == engine.CmdExtend {
				if a.By < engine.MinDelay || a.By > engine.MaxDelay {
					t.Fatalf("accepted a delay the engine refuses: %+v", a)
				}
			}
		}
	})
}

// TestScriptTypeErrorsSayWhatWasExpected: a value of the wrong YAML type is
// reported at its line and column in the script's own words, never as Go's
// "cannot unmarshal !!seq into string" or a Go type name.
func TestScriptTypeErrorsSayWhatWasExpected(t *testing.T) {
	sc, probs, err := scenario.LoadFile(miniPath)
	if sc == nil {
		t.Fatal(probs, err)
	}
	cases := []struct{ name, script, want string }{
		{"teams not a list", "teams: Alpha\nactions: []\n", `s.yaml:1:8: teams must be a list of team names, like [Alpha, Bravo], not "Alpha"`},
		{"team name a list", "teams: [[Alpha]]\n", "s.yaml:1:9: a team name must be a single value, not a list"},
		{"at a list", "teams: [Alpha]\nactions:\n  - {at: [1m], team: Alpha, decide: first, choose: good}\n", "s.yaml:3:10: at (a time such as 12m) must be a single value, not a list"},
		{"choose a mapping", "teams: [Alpha]\nactions:\n  - {at: 1m, team: Alpha, decide: first, choose: {a: 1}}\n", "s.yaml:3:50: choose (an option id) must be a single value, not a mapping"},
		{"unknown action field", "teams: [Alpha]\nactions:\n  - {at: 1m, team: Alpha, decide: first, choose: good, bogus: 1}\n", `s.yaml:3:56: unknown field "bogus" in action 1; an action has at, after, team, decide, choose, text`},
		{"unknown top field", "teams: [Alpha]\nactoins: []\n", `s.yaml:2:1: unknown field "actoins" in the script; it has 'teams', 'actions', 'cut' and 'difficulty'`},
		{"actions a mapping", "teams: [Alpha]\nactions: {at: 1m}\n", "s.yaml:2:10: actions must be a list of actions (lines starting with '- '), not a mapping"},
		{"action a string", "teams: [Alpha]\nactions:\n  - at 1m\n", `s.yaml:3:5: action 1 must be a mapping like {at: 12m, team: Alpha, decide: …, choose: …}, not "at 1m"`},
		{"script a list", "- teams\n", "s.yaml:1:1: a script is a mapping with 'teams:' and 'actions:', not a list"},
		{"alias", "teams: &t [Alpha]\nactions: []\n", "s.yaml:1:8: YAML anchors, aliases and merge keys"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseScript("s.yaml", []byte(c.script), sc)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
			for _, internal := range []string{"unmarshal", "!!", "[]string", "struct", "cli."} {
				if strings.Contains(err.Error(), internal) {
					t.Errorf("message shows Go internals (%q): %v", internal, err)
				}
			}
		})
	}
	// Values YAML reads as numbers or null are still plain values.
	s, err := ParseScript("s.yaml", []byte("teams: [Alpha, 7]\nactions:\n  - {at: 0, team: Alpha, decide: first, choose: good, text: 12}\n  - {at: 1m, team: 7, decide: first, choose: bad, text: ~}\n"), sc)
	if err != nil || len(s.Actions) != 2 || s.Actions[0].Text != "12" || s.Actions[1].Team != "7" || s.Actions[1].Text != "" {
		t.Fatalf("plain values: %+v, %v", s, err)
	}
}

// TestActionRefIsMadeOnce: play looks actions up by Ref for every refused
// one, so a script of many actions that are refused must not format a
// string on each look-up (a 12,000-action script took 24 s, most of it
// in fmt.Sprintf).
func TestActionRefIsMadeOnce(t *testing.T) {
	sc, probs, err := scenario.LoadFile(miniPath)
	if sc == nil {
		t.Fatal(probs, err)
	}
	s, err := ParseScript("s.yaml", []byte(miniScript), sc)
	if err != nil {
		t.Fatal(err)
	}
	a := s.Actions[2]
	if a.Ref() != "script:3" {
		t.Fatalf("ref %q, want script:3", a.Ref())
	}
	if n := testing.AllocsPerRun(100, func() { _ = a.Ref() }); n != 0 {
		t.Errorf("Ref allocates %.0f times; want 0", n)
	}
}

// A syntax error in a script names its file and the line where the broken
// construct starts (the YAML library's parser counts from 0).
func TestScriptSyntaxErrorNamesItsLine(t *testing.T) {
	_, err := ParseScript("s.yaml", []byte("teams: [A]\nactions: [\n  {at: 1m\n"), nil)
	if err == nil || !strings.HasPrefix(err.Error(), "s.yaml:3:1: YAML syntax: did not find expected ',' or '}'") {
		t.Fatalf("got %v, want the error at s.yaml:3:1", err)
	}
}
