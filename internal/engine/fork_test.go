package engine

import (
	"reflect"
	"testing"
	"time"
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
