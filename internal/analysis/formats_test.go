package analysis

import (
	"slices"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

type eventLog struct{ events []engine.Event }

func (l *eventLog) Append(e engine.Event) error {
	l.events = append(l.events, e)
	return nil
}

// playSilent plays one team that never answers (every decision times
// out), with the feed, to the exercise's end, and returns the team's end
// and the log.
func playSilent(t *testing.T, e library.Entry, v Version) (*engine.Team, []engine.Event) {
	t.Helper()
	log := &eventLog{}
	s, err := engine.Start(engine.Config{ScenarioID: e.ID, Source: e.Source, Teams: []string{"T"}, Lang: "en", Seed: 7,
		Cut: v.Cut, Difficulty: v.Difficulty}, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	var team engine.Team
	var dur time.Duration
	s.Read(func(st *engine.State) { dur = st.Scenario.Duration })
	for at := time.Duration(0); at <= dur; at += 30 * time.Second {
		if err := s.AdvanceTo(at); err != nil {
			t.Fatal(err)
		}
	}
	s.Read(func(st *engine.State) { team = *st.Teams[0] })
	return &team, log.events
}

// feedPosts counts the feed's posts delivered up to exercise time until.
func feedPosts(events []engine.Event, until time.Duration) int {
	n := 0
	for _, ev := range events {
		if ev.Kind == engine.KindFeed && ev.At <= until {
			n += len(ev.Posts)
		}
	}
	return n
}

// TestBuiltinFormats checks every built-in scenario's short formats and
// difficulty: each offers a 30-minute cut whose schedule ends within 30
// minutes of exercise time at every difficulty (the static bound, and a
// team that lets every decision time out reaches an ending by then;
// TestBuiltinDilemmas checks every way through each version ends before
// time runs out), and in every version hard is measurably harder than
// easy (shorter deadlines, more feed posts, hostile injects only at hard),
// while easy keeps every decision and option of standard with its lesson
// (scores, claims, where it leads).
func TestBuiltinFormats(t *testing.T) {
	list, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		t.Run(e.ID, func(t *testing.T) {
			t.Parallel()
			sc := e.Scenario
			var short *scenario.Cut
			for _, c := range sc.Cuts() {
				if c.Minutes == 30 {
					short = c
				}
			}
			if short == nil {
				t.Fatalf("no 30-minute cut among %v", sc.Cuts())
			}
			for _, d := range scenario.Difficulties {
				v, err := sc.Variant(short.ID, d)
				if err != nil {
					t.Fatal(err)
				}
				if v.Duration != 30*time.Minute {
					t.Errorf("%s at %s lasts %s", short.ID, d, v.Duration)
				}
				if l, via := v.LongestPlay(); l < 0 || l > 30*time.Minute {
					t.Errorf("%s at %s: a team that waits for every deadline plays %s (via %s)", short.ID, d, l, via)
				}
				team, _ := playSilent(t, e, Version{Cut: short.ID, Difficulty: d})
				if team.EndReason != engine.EndReached || team.EndedAt > 30*time.Minute {
					t.Errorf("%s at %s: a silent team ends %q at %s, want an ending within 30m", short.ID, d, team.EndReason, team.EndedAt)
				}
			}
			for _, cut := range []string{"", short.ID} {
				easy, _ := sc.Variant(cut, scenario.DifficultyEasy)
				std, _ := sc.Variant(cut, scenario.DifficultyStandard)
				hard, _ := sc.Variant(cut, scenario.DifficultyHard)
				name := scenario.NormalCut(cut)
				for _, p := range std.Phases {
					for _, d := range p.Decisions {
						de, dh := easy.Decision(d.ID), hard.Decision(d.ID)
						if de == nil || dh == nil {
							t.Errorf("%s: decision %s is missing at easy or hard", name, d.ID)
							continue
						}
						if !(dh.Deadline < d.Deadline && d.Deadline < de.Deadline) || dh.Target > de.Target {
							t.Errorf("%s: decision %s deadline easy %s, standard %s, hard %s (target easy %s, hard %s): hard must be shorter", name, d.ID, de.Deadline, d.Deadline, dh.Deadline, de.Target, dh.Target)
						}
						if len(de.Options) != len(d.Options) {
							t.Errorf("%s: easy has %d options of %s, standard %d", name, len(de.Options), d.ID, len(d.Options))
							continue
						}
						for i, o := range d.Options {
							oe := de.Options[i]
							if oe.ID != o.ID || oe.Next != o.Next || !mapsEqual(oe.Scores, o.Scores) || !slices.Equal(oe.Claims, o.Claims) || oe.Stance != o.Stance {
								t.Errorf("%s: easy changes option %s.%s", name, d.ID, o.ID)
							}
						}
					}
				}
				hostile := func(s *scenario.Scenario) int {
					n := 0
					for _, p := range s.Phases {
						for _, in := range p.Injects {
							if in.Hostile {
								n++
							}
						}
					}
					return n
				}
				if hostile(hard) == 0 || hostile(easy) != 0 || hostile(hard) != hostile(std) {
					t.Errorf("%s: hostile injects easy %d, standard %d, hard %d; want none at easy, some at standard and hard", name, hostile(easy), hostile(std), hostile(hard))
				}
				teamE, evE := playSilent(t, e, Version{Cut: cut, Difficulty: scenario.DifficultyEasy})
				teamH, evH := playSilent(t, e, Version{Cut: cut, Difficulty: scenario.DifficultyHard})
				until := min(teamE.EndedAt, teamH.EndedAt)
				pe, ph := feedPosts(evE, until), feedPosts(evH, until)
				t.Logf("%s: feed posts in the first %s: easy %d, hard %d", name, until, pe, ph)
				if ph <= pe {
					t.Errorf("%s: in the first %s the feed posts %d at hard, %d at easy; hard must post more", name, until, ph, pe)
				}
			}
		})
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
