package cli

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

const schedPath = "../engine/testdata/sched.yaml"

// schedScript drives every kind of the facilitator's control. Actions 1
// and 9 are refused: the praise is not in the start phase (tried again
// later, it would be refused for another reason: Alpha has ended), and
// Bravo's 'first' is not open at 1m (tried again between 9m and 24m, it
// would be extended once more).
const schedScript = `teams: [Alpha, Bravo]
actions:
  - {at: 1m, team: Alpha, delay: praise, by: 1m}
  - {at: 1m, team: Bravo, skip: email}
  - {at: 1m, team: Bravo, delay: call, by: 4m}
  - {at: 2m, team: Alpha, send: call}
  - {at: 2m, inject: customer, text: "Refund, now!", from: Mrs Li, to: [spokesperson, legal], effects: {attention: 15, trust: -5}}
  - {at: 3m, team: Alpha, decide: first, choose: good}
  - {at: 10m, team: Bravo, extend: first, by: 5m}
  - {at: 11m, skip: memo}
  - {at: 1m, team: Bravo, extend: first, by: 5m}
`

func schedScenario(t testing.TB) *scenario.Scenario {
	t.Helper()
	sc, probs, err := scenario.LoadFile(schedPath)
	if sc == nil {
		t.Fatal(probs, err)
	}
	return sc
}

func TestScriptReadsTheFacilitatorsActions(t *testing.T) {
	s, err := ParseScript("s.yaml", []byte(schedScript), schedScenario(t))
	if err != nil {
		t.Fatal(err)
	}
	want := []engine.Command{
		{Kind: engine.CmdDelay, Team: "Alpha", Inject: "praise", Delay: time.Minute, Ref: "script:1"},
		{Kind: engine.CmdSkip, Team: "Bravo", Inject: "email", Ref: "script:2"},
		{Kind: engine.CmdDelay, Team: "Bravo", Inject: "call", Delay: 4 * time.Minute, Ref: "script:3"},
		{Kind: engine.CmdSendNow, Team: "Alpha", Inject: "call", Ref: "script:4"},
		{Kind: engine.CmdInject, Channel: "customer", Text: "Refund, now!", From: "Mrs Li", To: []string{"spokesperson", "legal"},
			Effects: map[string]float64{"attention": 15, "trust": -5}, Ref: "script:5"},
		{Kind: engine.CmdChoose, Team: "Alpha", Decision: "first", Option: "good", Ref: "script:6"},
		{Kind: engine.CmdExtend, Team: "Bravo", Decision: "first", Delay: 5 * time.Minute, Ref: "script:7"},
		{Kind: engine.CmdSkip, Inject: "memo", Ref: "script:8"},
		{Kind: engine.CmdExtend, Team: "Bravo", Decision: "first", Delay: 5 * time.Minute, Ref: "script:9"},
	}
	if len(s.Actions) != len(want) {
		t.Fatalf("%d actions", len(s.Actions))
	}
	for _, a := range s.Actions {
		if got := a.Command(); !reflect.DeepEqual(got, want[a.Index-1]) {
			t.Errorf("action %d: %+v, want %+v", a.Index, got, want[a.Index-1])
		}
	}
}

func TestScriptRefusesBadFacilitatorsActions(t *testing.T) {
	sc := schedScenario(t)
	cases := []struct{ name, action, want string }{
		{"two verbs", "{at: 1m, send: call, skip: email}", `s.yaml:3:32: action 1 has both "send" and "skip"; an action does one thing`},
		{"no verb", "{at: 1m, team: Alpha}", "s.yaml:3:5: action 1 needs one of decide, reply, send, skip, delay, extend, inject"},
		{"field of another verb", "{at: 1m, send: call, by: 5m}", `s.yaml:3:30: action 1 has "by", which goes with 'delay' or 'extend', not with "send"`},
		{"choose with skip", "{at: 1m, skip: call, choose: good}", `action 1 has "choose", which goes with 'decide', not with "skip"`},
		{"after with send", "{after: 1m, send: call}", "'after' counts from when a decision opens, so it goes with 'decide'; use 'at'"},
		{"no time", "{send: call}", "action 1 needs 'at' (e.g. at: 12m)"},
		{"unknown inject", "{at: 1m, send: nope}", `scenario sched has no scheduled inject "nope"`},
		{"delay without by", "{at: 1m, delay: call}", "action 1 needs 'by'"},
		{"by too small", "{at: 1m, delay: call, by: 10ms}", `by "10ms" is not a time from 1s to 24h0m0s`},
		{"by not a time", "{at: 1m, extend: first, by: soon}", `by "soon" is not a time`},
		{"unknown decision", "{at: 1m, extend: nope, by: 1m}", `scenario sched has no decision "nope"`},
		{"unknown team", "{at: 1m, team: Zulu, skip: email}", `team "Zulu" is not one of the script's teams`},
		{"bad channel", "{at: 1m, inject: pigeon, text: hi}", `inject "pigeon" is not a channel`},
		{"no text", "{at: 1m, inject: news}", "action 1 needs 'text'"},
		{"unknown role", "{at: 1m, inject: news, text: hi, to: [ceo]}", `"ceo" is not one of the scenario's roles`},
		{"role twice", "{at: 1m, inject: news, text: hi, to: [legal, legal]}", `"legal" is not one of the scenario's roles, or is named twice`},
		{"effects a list", "{at: 1m, inject: news, text: hi, effects: [1]}", "effects must be a mapping of world variables to changes"},
		{"unknown variable", "{at: 1m, inject: news, text: hi, effects: {mood: 1}}", `"mood" is not a world variable`},
		{"effect too big", "{at: 1m, inject: news, text: hi, effects: {trust: 101}}", "the change to trust must be a number from -100 to 100"},
		{"effect not a number", "{at: 1m, inject: news, text: hi, effects: {trust: .nan}}", "the change to trust must be a number"},
		{"from a list", "{at: 1m, inject: news, text: hi, from: [a]}", "from (the inject's sender) must be a single value, not a list"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := parseAction(c.action, sc)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
		})
	}
	// A single role may be written without a list.
	s, err := ParseScript("s.yaml", []byte("teams: [Alpha]\nactions:\n  - {at: 1m, inject: news, text: hi, to: legal}\n"), sc)
	if err != nil || !reflect.DeepEqual(s.Actions[0].To, []string{"legal"}) {
		t.Fatalf("%+v, %v", s, err)
	}
}

func TestPlayCarriesOutTheFacilitatorsActions(t *testing.T) {
	r, dir, stderr := playScript(t, schedPath, "s.yaml", schedScript)
	if len(r.Skipped) != 2 {
		t.Fatalf("skipped: %+v", r.Skipped)
	}
	if sk := r.Skipped[1]; sk.Action != 9 || sk.Command != "extend" || sk.Decision != "first" || sk.Code != engine.ErrNotOpen.Code {
		t.Fatalf("skipped: %+v", sk)
	}
	sk := r.Skipped[0]
	if sk.Action != 1 || sk.Command != "delay" || sk.Inject != "praise" || sk.Code != engine.ErrNoSuchInject.Code ||
		sk.Reason != engine.ErrNoSuchInject.Error() || sk.Team != "Alpha" || sk.AtSeconds != 60 {
		t.Fatalf("skipped: %+v", sk)
	}
	if !strings.Contains(stderr, "warning: script action 1 (Alpha at 00:01:00: delay praise) skipped: the inject is not scheduled") {
		t.Errorf("warning: %s", stderr)
	}
	alpha, bravo := r.Teams[0], r.Teams[1]
	if alpha.World["attention"] != 25 || bravo.World["attention"] != 25 || bravo.World["trust"] != 35 {
		t.Errorf("the ad-hoc inject's effects: Alpha %v, Bravo %v", alpha.World, bravo.World)
	}
	// Bravo's call came at 9m, so 'first' opened then; extended by 5m, it
	// timed out at 24m.
	var first *DecisionResult
	for i := range bravo.Decisions {
		if bravo.Decisions[i].Decision == "first" {
			first = &bravo.Decisions[i]
		}
	}
	if first == nil || !first.TimedOut || first.AtSeconds != 24*60 || first.ResponseSeconds != 15*60 {
		t.Errorf("Bravo's 'first': %+v", first)
	}
	md, err := os.ReadFile(filepath.Join(dir, "debrief.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"- 00:02:00 · Sent the phone call \"A reporter calls.\" now (due 00:05:00)",
		"- 00:01:00 · Skipped the email \"A customer writes\" (due 00:08:00)",
		"- 00:11:00 · Skipped the internal memo \"Legal memo\" (due 00:12:00)",
		"- 00:10:00 · Extended the deadline of \"What now?\" by 5m00s, to 00:24:00",
		"- 00:02:00 · customer — Mrs Li (to Spokesperson, Legal): Refund, now!",
		"- 00:01:00 · Facilitator's action refused — delay the news \"Praise\" by 1m00s for Alpha: it is not a scheduled inject of the team's current phase",
	} {
		if !strings.Contains(string(md), want) {
			t.Errorf("debrief.md lacks %q", want)
		}
	}
}

// A refused facilitator's action is logged, so an interrupted run does not
// try it again later, when it might be refused for another reason or not
// at all: the resumed run ends with the uninterrupted run's result.
func TestPlayResumesTheFacilitatorsActionsAfterKill(t *testing.T) {
	// The exercise ends at 40m: 6 s at 400×. Kill after about 3 s (some
	// 15m to 20m): past Alpha's end at 13m, before Bravo's 'first' times
	// out at 24m.
	checkPlayResumesAfterKill(t, "FIREBREAK_SCHED_CHILD", schedPath, schedScript, "400", 3*time.Second)
}
