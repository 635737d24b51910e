package engine

import (
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/scenario"
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
