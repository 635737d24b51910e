package engine

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/scoring"
)

// playMini plays mini headless from a session at the first decision:
// option first (at 5m), then, if asked, apologise for the second; to the end.
func playMini(t *testing.T, s *Session, first string) {
	t.Helper()
	if err := s.Send(Command{Kind: CmdChoose, Team: "A", Decision: "first", Option: first}); err != nil {
		t.Fatal(err)
	}
	if err := s.AdvanceTo(7 * time.Minute); err != nil {
		t.Fatal(err)
	}
	_ = s.Send(Command{Kind: CmdChoose, Team: "A", Decision: "second", Option: "apologise"}) // only on the storm path
	if err := s.AdvanceTo(2 * time.Hour); err != nil {
		t.Fatal(err)
	}
}

func atFirst(t *testing.T) *Session {
	t.Helper()
	s, err := Start(Config{ScenarioID: "mini", Source: miniSource(t), Teams: []string{"A"}, Lang: "en", NoFeed: true, Seed: 7}, &MemoryLog{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AdvanceTo(5 * time.Minute); err != nil {
		t.Fatal(err)
	}
	return s
}

// summary is what a play leaves that the analysis reads.
func summary(s *Session) (out []any) {
	s.Read(func(st *State) {
		tm := st.Teams[0]
		out = []any{tm.Path, len(tm.Answers), tm.World, tm.Scores().Overall, tm.Ending, tm.EndReason, st.FutureKey("A")}
	})
	return out
}

// TestForkIsIndependent plays a session and its copies down different
// branches: each ends as a session played alone down its branch does, and
// equal states have equal future keys.
func TestForkIsIndependent(t *testing.T) {
	for _, nested := range []bool{false, true} {
		orig := atFirst(t)
		var c *Session
		var err error
		if nested {
			c, err = orig.ForkNested(&MemoryLog{})
		} else {
			c, err = orig.Fork(&MemoryLog{})
		}
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(summary(c), summary(orig)) {
			t.Fatalf("the copy differs from the session it was made from")
		}
		playMini(t, c, "good") // the copy first: a nested copy is played before its session
		playMini(t, orig, "bad")
		for _, p := range []struct {
			s      *Session
			option string
		}{{c, "good"}, {orig, "bad"}} {
			alone := atFirst(t)
			playMini(t, alone, p.option)
			if got, want := summary(p.s), summary(alone); !reflect.DeepEqual(got, want) {
				t.Errorf("nested %v, %s: forked play %v, played alone %v", nested, p.option, got, want)
			}
		}
	}
}

func TestForkNeedsManualTime(t *testing.T) {
	s, _, _ := startFake(t, "A")
	if _, err := s.Fork(&MemoryLog{}); err == nil {
		t.Fatal("a session on a wall clock forked")
	}
}

// Fork returns an independent copy of a manual-time session that logs to
// log: commands and clock moves on either leave the other as it was (the
// copy that ForkNested shares lists with, made whole, to test both).
func (s *Session) Fork(log Log) (*Session, error) { return s.fork(log, false) }

// TestNextDueIsWhatDueSays: after each step of a headless play, with the
// answer of the moment sent or not, NextDue (which reuses what AdvanceTo
// found) says what State.Due says, for the schedule scenario's two teams
// and for a fork.
func TestNextDueIsWhatDueSays(t *testing.T) {
	s, _ := startSched(t, "A", "B")
	check := func(s *Session, when string) {
		t.Helper()
		var want time.Duration
		var wantOK bool
		s.Read(func(st *State) {
			ev, ok := st.Due(1 << 62)
			want, wantOK = ev.At, ok
		})
		if got, ok := s.NextDue(); got != want || ok != wantOK {
			t.Fatalf("%s: NextDue %v %v, Due %v %v", when, got, ok, want, wantOK)
		}
	}
	check(s, "before the start")
	steps := 0
	for at := time.Duration(0); steps < 200; steps++ {
		if err := s.AdvanceTo(at); err != nil {
			t.Fatal(err)
		}
		check(s, "after AdvanceTo "+at.String())
		var open []OpenDecision
		var ended bool
		s.Read(func(st *State) { open, ended = st.Teams[0].Open, !st.Active() })
		if ended {
			break
		}
		if len(open) > 0 && steps%2 == 0 {
			d := open[0].Decision
			if err := s.Send(Command{Kind: CmdChoose, Team: "A", Decision: d.ID, Option: d.Options[0].ID}); err != nil {
				t.Fatal(err)
			}
			check(s, "after a choice at "+at.String())
			f, err := s.ForkNested(&MemoryLog{})
			if err != nil {
				t.Fatal(err)
			}
			check(f, "a fork at "+at.String())
		}
		next, ok := s.NextDue()
		if !ok {
			break
		}
		at = max(next, at+time.Second)
	}
	if steps < 5 {
		t.Fatalf("the play took %d steps; the test needs a longer one", steps)
	}
}

// TestFutureKeyReadsOnlyWhatIsStillAsked: a world variable counts in the
// future key while some expression still to be asked reads it — a rule's
// always, a trigger's until it fires, a route's while its phase can still
// be reached — and not after.
func TestFutureKeyReadsOnlyWhatIsStillAsked(t *testing.T) {
	src, err := os.ReadFile("testdata/world.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// A third variable that only a route out of the first phase reads.
	text := strings.Replace(string(src), "  trust: {start: 50, min: 0, max: 100}\n",
		"  trust: {start: 50, min: 0, max: 100}\n  reach: {start: 10, min: 0, max: 100}\n", 1)
	text = strings.Replace(text, "scores: {transparency: -2}, next: done}",
		"scores: {transparency: -2}, next: done, routes: [{when: \"reach >= 50\", next: done}]}", 1)
	sc, probs := scenario.Parse("world.yaml", []byte(text))
	if sc == nil {
		t.Fatal(probs)
	}
	w := exprReads(sc)
	team := &Team{Phase: "start", fired: make([]bool, len(sc.Triggers))}
	for _, c := range []struct {
		phase       string
		fired       bool
		name        string
		want        bool
		explanation string
	}{
		{"start", false, "trust", true, "the rule's effect reads trust"},
		{"done", true, "trust", true, "rules apply in every phase"},
		{"start", false, "attention", true, "the trigger has not fired"},
		{"start", true, "attention", false, "the trigger fired, and nothing else reads attention"},
		{"start", true, "reach", true, "a route out of this phase reads reach"},
		{"done", true, "reach", false, "no phase reachable from the ending reads reach"},
		{"", true, "reach", true, "a team not started yet can reach every phase"},
		{"start", false, "nothing", false, "no expression reads it"},
	} {
		team.Phase, team.fired[0] = c.phase, c.fired
		if got := w.still(team, c.name); got != c.want {
			t.Errorf("phase %q, trigger fired %v: still(%q) = %v, want %v (%s)", c.phase, c.fired, c.name, got, c.want, c.explanation)
		}
	}
}

// TestEnvHoldsWhatExpressionsRead: the environment an expression is
// evaluated in holds the names the scenario's expressions read, no others.
func TestEnvHoldsWhatExpressionsRead(t *testing.T) {
	src, err := os.ReadFile("testdata/world.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Start(Config{ScenarioID: "world", Source: src, Teams: []string{"A"}, Lang: "en", Seed: 7}, &MemoryLog{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	s.Read(func(st *State) {
		for k := range st.Env(st.Teams[0], 0) {
			names = append(names, k)
		}
	})
	slices.Sort(names)
	var want []string
	s.Read(func(st *State) {
		for _, n := range append(slices.Collect(maps.Keys(st.Teams[0].World)), scenario.BuiltinNames()...) {
			if st.Scenario.ReadByExpr(n) {
				want = append(want, n)
			}
		}
	})
	slices.Sort(want)
	// world.yaml reads attention (a trigger), trust (a rule's effect) and
	// silent (the rule's condition).
	if !slices.Equal(names, want) || !slices.Equal(want, []string{"attention", "silent", "trust"}) {
		t.Errorf("Env holds %v; the expressions read %v", names, want)
	}
}

// TestEnvFollowsEveryChange: Env keeps a team's values between calls
// until touch says one changed. Played through every built-in scenario
// and the engine's test scenarios (choices, timeouts, posts, the
// facilitator's injects with effects, two teams asked in turn, nested
// forks played and left), the kept map must always equal one filled
// afresh.
func TestEnvFollowsEveryChange(t *testing.T) {
	files, _ := filepath.Glob("../../scenarios/*.yaml")
	more, _ := filepath.Glob("testdata/*.yaml")
	files = append(files, more...)
	played, compared := 0, 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		id := strings.TrimSuffix(filepath.Base(f), ".yaml")
		s, err := Start(Config{ScenarioID: id, Source: src, Teams: []string{"A", "B"}, Lang: "en", Seed: 7}, &MemoryLog{}, nil)
		if err != nil {
			continue // a scenario the engine's tests expect to be refused
		}
		played++
		var world []string
		var hasFeed bool
		s.Read(func(st *State) {
			for _, v := range st.Scenario.World {
				world = append(world, v.ID)
			}
			hasFeed = st.Scenario.Feed != nil
		})
		compareIn := func(s *Session, when string) {
			t.Helper()
			s.Read(func(st *State) {
				for _, tm := range []*Team{st.Teams[0], st.Teams[1], st.Teams[0]} {
					got := maps.Clone(st.Env(tm, st.Now))
					want := scenario.Env{}
					st.fillEnv(want, tm, st.Now)
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("%s, team %s, %s: Env kept %v, afresh %v", id, tm.Name, when, got, want)
					}
					// And it holds what the expressions read, no more: the
					// world variables and the built-in names (the two
					// counts together, when either is read).
					sc := st.Scenario
					for _, n := range append(slices.Collect(maps.Keys(tm.World)), scenario.BuiltinNames()...) {
						_, has := got[n]
						read := sc.ReadByExpr(n)
						if n == "decisions" || n == "timeouts" {
							read = sc.ReadByExpr("decisions") || sc.ReadByExpr("timeouts")
						}
						if read != has {
							t.Fatalf("%s, team %s, %s: Env holds %q: %v; an expression reads it: %v", id, tm.Name, when, n, has, read)
						}
					}
					compared++
				}
			})
		}
		compare := func(when string) { t.Helper(); compareIn(s, when) }
		at := time.Duration(0)
		for step := 0; step < 400; step++ {
			if err := s.AdvanceTo(at); err != nil {
				t.Fatal(err)
			}
			compare("after AdvanceTo " + at.String())
			if step%3 == 1 {
				// A nested fork played a little while the session waits
				// (they share Env's map), then the session again.
				f, err := s.ForkNested(&MemoryLog{})
				if err != nil {
					t.Fatal(err)
				}
				if next, ok := f.NextDue(); ok {
					_ = f.AdvanceTo(next)
					compareIn(f, "in a fork at "+next.String())
				}
				compare("back from a fork at " + at.String())
			}
			var open [2][]OpenDecision
			var active bool
			s.Read(func(st *State) { open[0], open[1], active = st.Teams[0].Open, st.Teams[1].Open, st.Active() })
			if !active {
				break
			}
			for i, team := range []string{"A", "B"} {
				// A lets every third decision time out; B answers with the
				// options in turn.
				if len(open[i]) == 0 || (i == 0 && step%3 == 0) {
					continue
				}
				d := open[i][0].Decision
				o := d.Options[(step+i)%len(d.Options)]
				_ = s.Send(Command{Kind: CmdChoose, Team: team, Decision: d.ID, Option: o.ID, Text: "We are sorry. We are recalling batch 12 today and will report again at 6 p.m."})
				compare("after " + team + " chose " + d.ID + "=" + o.ID)
			}
			if hasFeed && step%4 == 1 {
				_ = s.Send(Command{Kind: CmdPost, Team: "B", Channel: scenario.PostSocial, Text: "We have stopped sales and are checking every batch."})
				compare("after a post")
			}
			if len(world) > 0 && step%5 == 2 {
				_ = s.Send(Command{Kind: CmdInject, Team: "A", Channel: "email", Text: "A late call", Effects: map[string]float64{world[step%len(world)]: 7}})
				compare("after an inject with effects")
			}
			next, ok := s.NextDue()
			if !ok {
				break
			}
			at = max(next, at+time.Second)
		}
	}
	if played < len(files) || len(files) < 20 || compared < 1500 {
		t.Errorf("played %d of %d scenarios, compared %d times: too little to tell", played, len(files), compared)
	}
	t.Logf("played %d of %d scenarios, compared %d times", played, len(files), compared)
}

// Keys are strings written one after another: two different lists must
// never make the same key, whatever the strings hold (digits, the
// separator, nothing at all), or the search would merge different states.
func TestKeyStringsKeepListsApart(t *testing.T) {
	lists := [][]string{
		{"a", "bc"}, {"ab", "c"}, {"abc"}, {"", "abc"}, {"abc", ""}, {"", ""}, {""}, {},
		{"1:a"}, {"1", "a"}, {"1:", "a"}, {"3:abc"}, {"2:ab", "c"}, {":", ":"}, {"::"},
		{"晨露"}, {"晨", "露"}, {"a,b"}, {"a", ",b"},
	}
	seen := map[string][]string{}
	for _, l := range lists {
		var b []byte
		for _, v := range l {
			b = AppendKeyString(b, v)
		}
		if other, ok := seen[string(b)]; ok {
			t.Errorf("%q and %q make the same key %q", other, l, b)
		}
		seen[string(b)] = l
	}
}

// TestNestedForkLeavesItsSessionAlone: a nested copy shares its team's
// maps and per-trigger and per-rule lists with the session it was made from
// and copies each before it first changes it (Team.own). Whatever a copy
// is made to do must leave the session as it was. Through every built-in
// scenario and the engine's test scenarios, at every step of a play
// by two teams, a nested copy (and a copy of it) is played on with every
// kind of command the engine takes, and the session's teams are compared,
// field by field, with a full copy made before.
func TestNestedForkLeavesItsSessionAlone(t *testing.T) {
	files, _ := filepath.Glob("../../scenarios/*.yaml")
	more, _ := filepath.Glob("testdata/*.yaml")
	files = append(files, more...)
	sources := map[string][]byte{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources[strings.TrimSuffix(filepath.Base(f), ".yaml")] = src
	}
	// And conditions that read the clock, which no file has: a cached
	// answer is asked again as time passes, with no change to touch it.
	clock := strings.Replace(string(sources["press"]), "phases:\n", `rules:
  - {id: heat, every: 1m, while: "minutes >= 3 && minutes < 40", effects: {attention: 1}}
triggers:
  late: {when: "minutes >= 7", effects: {attention: 2}}
phases:
`, 1)
	clock = strings.Replace(clock, `text: {en: "Is the juice safe to drink?", zh: "果汁还能喝吗？"}`,
		`text: [{en: "Is the juice safe to drink?", zh: "果汁还能喝吗？"}, {en: "Can children drink it?", zh: "孩子还能喝吗？"}]`, 1)
	if clock == string(sources["press"]) {
		t.Fatal("testdata/press.yaml changed: the clock scenario is not made")
	}
	sources["press-clock"] = []byte(clock)
	// And a triage that opens while another's feed is open.
	twice := strings.Replace(string(sources["triage"]), "        opens: first\n", `        opens: first
      - at: 3m
        id: more
        channel: social
        text: {en: "Three more posts", zh: "又有三条帖子"}
        opens: second
`, 1)
	twice = strings.Replace(twice, "    continue: {after: 20m, next: end}", `      second:
        prompt: {en: "And now?", zh: "现在呢？"}
        target: 5m
        deadline: 10m
        triage:
          posts:
            - {id: aunt, author: {en: "@aunt", zh: "@阿姨"}, text: [{en: "Is it safe?", zh: "安全吗？"}, {en: "Safe or not?", zh: "到底安全吗？"}], reach: 300, ago: 5m, class: complaint, needs: answer, reason: {en: "Asking.", zh: "在问。"}, on_miss: {trust: -5}}
            - {id: bot2, author: {en: "@bot9", zh: "@机器人9"}, text: {en: "FAKE!!!", zh: "假的！！！"}, reach: 10, ago: 1m, class: troll, needs: ignore, reason: {en: "A bot.", zh: "机器人账号。"}, on_miss: {attention: 4}}
            - {id: closing, author: {en: "@tea", zh: "@茶"}, text: {en: "Closed for good?", zh: "要倒闭了？"}, reach: 2000, ago: 8m, class: rumour, needs: monitor, reason: {en: "Watch it.", zh: "先盯住。"}, on_miss: {reach: 3}}
            - {id: desk, author: {en: "Wu, Evening Post · verified", zh: "吴，晚报 · 已认证"}, text: {en: "Any comment?", zh: "有回应吗？"}, reach: 50000, ago: 10m, class: journalist, needs: answer, reason: {en: "A reporter.", zh: "记者。"}, on_miss: {attention: 10}}
            - {id: clip, author: {en: "@vlog", zh: "@视频"}, text: {en: "Bin it all!", zh: "全扔了！"}, reach: 400000, ago: 30m, class: rumour, needs: answer, reason: {en: "Wide and false.", zh: "传得广且不实。"}, on_miss: {reach: 10}}
        options:
          - {id: answer, text: {en: Answer, zh: 回应}, scores: {transparency: 3, empathy: 2}, effects: {trust: 5}}
          - {id: hold, text: {en: Hold, zh: 观望}, scores: {transparency: 0, empathy: -1}, effects: {trust: -5}}
    continue: {after: 20m, next: end}`, 1)
	if !strings.Contains(twice, "opens: second") || !strings.Contains(twice, "      second:") {
		t.Fatal("testdata/triage.yaml changed: the second triage is not made")
	}
	sources["triage-twice"] = []byte(twice)
	played, compared := 0, 0
	sent := map[CommandKind]int{}
	for _, id := range slices.Sorted(maps.Keys(sources)) {
		src := sources[id]
		s, err := Start(Config{ScenarioID: id, Source: src, Teams: []string{"A", "B"}, Lang: "en", Seed: 7}, &MemoryLog{}, nil)
		if err != nil {
			if id == "press-clock" || id == "triage-twice" { // made here: must load
				t.Fatalf("%s: %v", id, err)
			}
			continue // a scenario the engine's tests expect to be refused
		}
		played++
		if err := s.Send(Command{Kind: CmdResume}); err != nil { // posts wait for the clock
			t.Fatal(err)
		}
		at := time.Duration(0)
		for step := 0; step < 300; step++ {
			if err := s.AdvanceTo(at); err != nil {
				t.Fatal(err)
			}
			{
				var before []*Team
				var refs map[string]bool
				s.Read(func(st *State) { before, refs = st.Clone().Teams, maps.Clone(st.Refs) })
				c, err := s.ForkNested(&MemoryLog{})
				if err != nil {
					t.Fatal(err)
				}
				stir(c, step, 12, sent)
				if cc, err := c.ForkNested(&MemoryLog{}); err == nil {
					stir(cc, step+1, 6, sent)
				}
				stir(c, step+2, 6, sent) // the copy again, after its own copy
				s.Read(func(st *State) {
					for i, tm := range st.Teams {
						if field := differs(tm, before[i]); field != "" {
							t.Fatalf("%s, step %d: playing a nested copy changed team %s's %s", id, step, tm.Name, field)
						}
					}
					if !maps.Equal(st.Refs, refs) {
						t.Fatalf("%s, step %d: playing a nested copy changed the session's refs", id, step)
					}
				})
				compared++
			}
			var active bool
			s.Read(func(st *State) { active = st.Active() })
			if !active {
				break
			}
			// The session itself: A lets every third decision time out, B
			// answers with the options in turn; now and then the
			// facilitator skips or delays an inject and an evaluator rates,
			// so that the session has the parts made only then for a copy
			// to share.
			var open [2][]OpenDecision
			var upcoming [2][]Pending
			var objectives []*scenario.Objective
			s.Read(func(st *State) {
				open[0], open[1] = st.Teams[0].Open, st.Teams[1].Open
				upcoming[0], upcoming[1] = st.Upcoming("A"), st.Upcoming("B")
				objectives = st.Scenario.Objectives
			})
			for i, team := range []string{"A", "B"} {
				if up := upcoming[i]; len(up) > 0 {
					switch step % 5 {
					case 1:
						_ = s.Send(Command{Kind: CmdDelay, Team: team, Inject: up[0].Inject.ID, Delay: time.Minute})
					case 3:
						_ = s.Send(Command{Kind: CmdSkip, Team: team, Inject: up[len(up)-1].Inject.ID})
					}
				}
				if len(objectives) > 0 && step%4 == i {
					o := objectives[step%len(objectives)]
					_ = s.Send(Command{Kind: CmdEvaluate, Team: team, Objective: o.ID, Evaluation: &Evaluation{Evaluator: "Wang", Rating: "S"}})
					_ = s.Send(Command{Kind: CmdEvalRate, Seat: "Lee", Team: team, Objective: o.ID, Rating: "M"})
				}
				if len(open[i]) == 0 || (i == 0 && step%3 == 0) {
					continue
				}
				d := open[i][0].Decision
				_ = s.Send(Command{Kind: CmdChoose, Team: team, Decision: d.ID, Option: d.Options[(step+i)%len(d.Options)].ID,
					Text: "We are sorry. We are recalling batch 12 today and will report again at 6 p.m.", Ref: fmt.Sprintf("%s-%d", team, step)})
			}
			next, ok := s.NextDue()
			if !ok {
				break
			}
			at = max(next, at+time.Second)
		}
	}
	if played < len(sources) || len(sources) < 20 || compared < 300 {
		t.Errorf("played %d of %d scenarios, compared %d times: too little to tell", played, len(sources), compared)
	}
	// Each kind of change was made in some copy (and took: Send said yes).
	for _, k := range []CommandKind{CmdChoose, CmdPost, CmdInject, CmdSkip, CmdDelay, CmdExtend, CmdSendNow,
		CmdOverride, CmdRate, CmdEvalRate, CmdEvalTask, CmdEvaluate, CmdTriage, CmdHandleCase, CmdReply, CmdPress, CmdAnswer} {
		if sent[k] == 0 {
			t.Errorf("no copy took a %q command: the test does not reach what it changes", k)
		}
	}
	t.Logf("played %d of %d scenarios, compared %d times; commands taken by copies: %v", played, len(sources), compared, sent)
}

// stir plays s on for up to n happenings, sending at each every kind of
// command that applies (most are refused in most states), and counts in
// sent those taken.
func stir(s *Session, seed, n int, sent map[CommandKind]int) {
	send := func(c Command) {
		if s.Send(c) == nil && sent != nil {
			sent[c.Kind]++
		}
	}
	for k := 0; k < n; k++ {
		if k == 0 && seed%3 == 0 {
			// First only on: what the clock alone changes (conditions
			// that read it are asked again).
			if next, ok := s.NextDue(); !ok || s.AdvanceTo(next) != nil {
				return
			}
		}
		type teamNow struct {
			name     string
			open     []OpenDecision
			upcoming []Pending
			inbox    []Delivery
			cases    []CaseState
			press    []PressRun
		}
		var teams []teamNow
		var sc *scenario.Scenario
		s.Read(func(st *State) {
			sc = st.Scenario
			for _, tm := range st.Teams {
				teams = append(teams, teamNow{tm.Name, slices.Clone(tm.Open), st.Upcoming(tm.Name), slices.Clone(tm.Inbox), slices.Clone(tm.Cases), slices.Clone(tm.Press)})
			}
		})
		for i, tm := range teams {
			r := seed + k + i
			for _, od := range tm.open {
				d := od.Decision
				if d.Triage != nil {
					marks := PerfectTriage(d.Triage)
					if r%2 == 1 {
						marks = WorstTriage(d.Triage)
					}
					send(Command{Kind: CmdTriage, Team: tm.name, Decision: d.ID, Triage: marks})
				}
				switch r % 3 {
				case 0:
					o := d.Options[r%len(d.Options)]
					send(Command{Kind: CmdChoose, Team: tm.name, Decision: d.ID, Option: o.ID,
						Text: "We are sorry. We are recalling batch 12 today and will report again at 6 p.m.", Ref: fmt.Sprintf("copy-%s-%d-%d", tm.name, seed, k)})
				case 1:
					send(Command{Kind: CmdExtend, Team: tm.name, Decision: d.ID, Delay: 2 * time.Minute})
				}
			}
			for j, p := range tm.upcoming {
				switch (r + j) % 4 {
				case 0:
					send(Command{Kind: CmdSkip, Team: tm.name, Inject: p.Inject.ID})
				case 1:
					send(Command{Kind: CmdDelay, Team: tm.name, Inject: p.Inject.ID, Delay: time.Minute})
				case 2:
					send(Command{Kind: CmdSendNow, Team: tm.name, Inject: p.Inject.ID})
				}
			}
			for _, c := range tm.cases {
				if rs := c.Remedies(); len(rs) > 0 {
					send(Command{Kind: CmdHandleCase, Team: tm.name, Case: c.Case.ID, Option: rs[r%len(rs)].ID,
						Text: "We are sorry; we have booked you on the next flight."})
				}
			}
			for _, c := range sc.PressConferences {
				send(Command{Kind: CmdPress, Team: tm.name, Conference: c.ID})
			}
			for _, run := range tm.press {
				if n, _, _, ok := run.Current(); ok && r%2 == 0 {
					send(Command{Kind: CmdAnswer, Team: tm.name, Conference: run.Conference.ID, Question: n, Text: "We are sorry, and we will tell you more at six."})
				}
			}
			// (Each text is judged: a post or a reply at every third only.)
			if len(tm.inbox) > 0 && r%3 == 1 {
				send(Command{Kind: CmdReply, Team: tm.name, Inject: tm.inbox[r%len(tm.inbox)].Inject.ID, Text: "Thank you; we are looking into it now."})
			}
			if r%3 == 2 {
				send(Command{Kind: CmdPost, Team: tm.name, Channel: scenario.PostSocial, Text: "We have stopped sales and are checking every batch."})
			}
			var effects map[string]float64
			if len(sc.World) > 0 {
				effects = map[string]float64{sc.World[r%len(sc.World)].ID: float64(r%7) - 3}
			}
			send(Command{Kind: CmdInject, Team: tm.name, Channel: "email", Text: "A late call", Effects: effects})
			send(Command{Kind: CmdOverride, Team: tm.name, Dimension: scoring.Dimensions[r%len(scoring.Dimensions)], Value: float64(r % 100), Text: "the room's view"})
			if len(sc.Objectives) > 0 {
				o := sc.Objectives[r%len(sc.Objectives)]
				send(Command{Kind: CmdRate, Team: tm.name, Objective: o.ID, Rating: Ratings[r%len(Ratings)]})
				live := Command{Kind: CmdEvalRate, Seat: "Lee", Team: tm.name, Objective: o.ID, Rating: Ratings[(r+1)%len(Ratings)]}
				paper := Command{Kind: CmdEvaluate, Team: tm.name, Objective: o.ID, Evaluation: &Evaluation{Evaluator: "Wang", Rating: Ratings[(r+2)%len(Ratings)]}}
				if r%2 == 0 { // either may be the first change to the evaluations
					live, paper = paper, live
				}
				send(live)
				send(paper)
				if tasks := o.Tasks(); len(tasks) > 0 {
					send(Command{Kind: CmdEvalTask, Seat: "Lee", Team: tm.name, Objective: o.ID, Task: tasks[r%len(tasks)].ID, Done: r%2 == 0})
				}
			}
		}
		next, ok := s.NextDue()
		if !ok || s.AdvanceTo(next) != nil {
			return
		}
	}
}

// differs names the first field in which two teams differ ("" when none
// does).
func differs(a, b *Team) string {
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	field := func(v reflect.Value, i int) any { // unexported fields too
		f := v.Field(i)
		return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface()
	}
	for i := range va.NumField() {
		if name := va.Type().Field(i).Name; name != "shared" && !reflect.DeepEqual(field(va, i), field(vb, i)) {
			return name
		}
	}
	return ""
}
