package scenario

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// formatsBase has three ways through: start → middle → end (or worse), a
// detour that a cut drops, a hostile inject and a feed.
const formatsBase = `format: firebreak/1
id: f
title: {en: F, zh: 格式}
languages: [en, zh]
duration: 60m
formats:
  cuts:
    short:
      title: {en: Short, zh: 短版}
      minutes: 20
      time: 0.5
      drop: [detour]
      instead: {detour: middle}
feed:
  every: 4m
  volume: "2"
  posts:
    - {id: p1, channel: social, from: A, text: {en: a, zh: 甲}, max: 20}
rules:
  - {id: drift, every: 10m, effects: {heat: 1}}
world:
  heat: {start: 0}
triggers:
  late:
    when: "minutes >= 20"
    inject: {channel: social, text: {en: late, zh: 晚}}
phases:
  start:
    injects:
      - id: opener
        at: 2m
        channel: news
        text: {en: News, zh: 新闻}
        opens: first
      - id: troll
        at: 3m
        channel: social
        hostile: true
        text: {en: Troll, zh: 喷子}
    decisions:
      first:
        prompt: {en: "Go?", zh: 走？}
        target: 4m
        deadline: 8m
        options:
          - {id: on, text: {en: On, zh: 前进}, scores: {transparency: 2}, next: middle, promise: {within: 10m}}
          - {id: off, text: {en: Off, zh: 绕路}, scores: {empathy: 1}, next: detour}
        on_timeout: {next: detour}
  detour:
    continue: {after: 10m, next: middle}
  middle:
    decisions:
      second:
        prompt: {en: "End?", zh: 结束？}
        at: 1m
        target: 2m
        deadline: 6m
        options:
          - {id: good, text: {en: Good, zh: 好}, scores: {transparency: 2}, next: end}
          - {id: bad, text: {en: Bad, zh: 坏}, scores: {transparency: -2}, next: end}
        on_timeout: {next: end}
  end:
    ending: {outcome: {en: Done, zh: 完}, tone: good}
`

func mustParse(t *testing.T, src string) *Scenario {
	t.Helper()
	s, probs := Parse("f.yaml", []byte(src))
	if s == nil {
		t.Fatalf("refused: %v", probs)
	}
	return s
}

func TestVariantFullStandardIsTheFile(t *testing.T) {
	s := mustParse(t, formatsBase)
	for _, c := range []string{"", FullCut} {
		for _, d := range []string{"", DifficultyStandard} {
			v, err := s.Variant(c, d)
			if err != nil || v != s {
				t.Fatalf("Variant(%q, %q) = %p, %v; want the scenario itself", c, d, v, err)
			}
		}
	}
	if c, d := s.Played(); c != FullCut || d != DifficultyStandard {
		t.Fatalf("the file plays as %s/%s", c, d)
	}
}

func TestVariantCut(t *testing.T) {
	s := mustParse(t, formatsBase)
	v, err := s.Variant("short", "")
	if err != nil {
		t.Fatal(err)
	}
	if c, d := v.Played(); c != "short" || d != DifficultyStandard {
		t.Fatalf("played as %s/%s", c, d)
	}
	if v.Duration != 20*time.Minute {
		t.Errorf("a cut lasts its minutes: %s", v.Duration)
	}
	if v.Phase("detour") != nil || len(v.Phases) != 3 {
		t.Errorf("the dropped phase is still there: %v", v.phaseIDs())
	}
	for i, p := range v.Phases {
		if p.Index != i || v.Phase(p.ID) != p {
			t.Errorf("phase %s is indexed %d at %d", p.ID, p.Index, i)
		}
	}
	first := v.Decision("first")
	if got := first.Option("off").Next; got != "middle" {
		t.Errorf("a move into the dropped phase goes %q, want middle (instead)", got)
	}
	if first.OnTimeout.Next != "middle" {
		t.Errorf("the timeout into the dropped phase goes %q", first.OnTimeout.Next)
	}
	// Every time × 0.5.
	if first.OpensAt() != time.Minute || first.Target != 2*time.Minute || first.Deadline != 4*time.Minute {
		t.Errorf("first opens %s, target %s, deadline %s; want 1m, 2m, 4m", first.OpensAt(), first.Target, first.Deadline)
	}
	if first.OpenedBy() == nil || first.OpenedBy().ID != "opener" {
		t.Errorf("first is not opened by its inject in the cut")
	}
	if w := first.Option("on").Promise.Within; w != 5*time.Minute {
		t.Errorf("promise within %s, want 5m", w)
	}
	if v.Rules[0].Every != 5*time.Minute || v.Feed.Every != 2*time.Minute {
		t.Errorf("rule every %s, feed every %s; want 5m, 2m", v.Rules[0].Every, v.Feed.Every)
	}
	// "minutes" reads the story's timeline: 10 minutes of the cut are 20 of the file.
	if m := v.StoryMinutes(10 * time.Minute); m != 20 {
		t.Errorf("story minutes %g, want 20", m)
	}
	// The file itself is unchanged.
	if s.Decision("first").Deadline != 8*time.Minute || s.Phase("detour") == nil || s.Decision("first").Option("off").Next != "detour" {
		t.Error("Variant changed the scenario it was made from")
	}
	if l, via := v.LongestPlay(); l != 8*time.Minute+30*time.Second || via != "start → middle → end" {
		t.Errorf("longest play %s via %s; want 8m30s (first opens at 1m, times out 4m later; second opens at 30s, times out 3m later) via start → middle → end", l, via)
	}
}

func TestVariantDifficulty(t *testing.T) {
	s := mustParse(t, formatsBase)
	easy, err := s.Variant("", DifficultyEasy)
	if err != nil {
		t.Fatal(err)
	}
	hard, err := s.Variant("", DifficultyHard)
	if err != nil {
		t.Fatal(err)
	}
	if d := easy.Decision("first").Deadline; d != 10*time.Minute {
		t.Errorf("easy deadline %s, want 10m (8m × 1.25)", d)
	}
	if d := hard.Decision("first").Deadline; d != 6*time.Minute {
		t.Errorf("hard deadline %s, want 6m (8m × 0.75)", d)
	}
	if easy.Duration != 75*time.Minute || hard.Duration != 60*time.Minute {
		t.Errorf("the full version lasts %s at easy, %s at hard; want 75m (more time per decision), 60m", easy.Duration, hard.Duration)
	}
	// 90m × 1.25 = 112m30s, made a length to plan with: 115m.
	s90 := mustParse(t, strings.Replace(formatsBase, "duration: 60m", "duration: 90m", 1))
	if v, _ := s90.Variant("", DifficultyEasy); v.Duration != 115*time.Minute {
		t.Errorf("a 90-minute scenario lasts %s at easy, want 115m", v.Duration)
	}
	if easy.Phase("start").Inject("troll") != nil {
		t.Error("easy keeps the hostile inject")
	}
	if hard.Phase("start").Inject("troll") == nil || s.Phase("start").Inject("troll") == nil {
		t.Error("standard or hard lost the hostile inject")
	}
	if easy.FeedVolume(2) != 1 || s.FeedVolume(2) != 2 || hard.FeedVolume(2) != 3 || hard.FeedVolume(4) != MaxFeedVolume {
		t.Errorf("feed volume of 2: easy %d, standard %d, hard %d; want 1, 2, 3", easy.FeedVolume(2), s.FeedVolume(2), hard.FeedVolume(2))
	}
	// A cut at a difficulty: both apply.
	v, err := s.Variant("short", DifficultyHard)
	if err != nil {
		t.Fatal(err)
	}
	if d := v.Decision("first").Deadline; d != 3*time.Minute {
		t.Errorf("short at hard: deadline %s, want 3m (8m × 0.5 × 0.75)", d)
	}
	if v.Duration != 20*time.Minute {
		t.Errorf("a cut keeps its minutes at every difficulty: %s", v.Duration)
	}
}

func TestVariantRefusals(t *testing.T) {
	s := mustParse(t, formatsBase)
	if _, err := s.Variant("long", ""); !errors.Is(err, ErrNoSuchCut) {
		t.Errorf("unknown cut: %v", err)
	}
	if _, err := s.Variant("", "brutal"); !errors.Is(err, ErrNoSuchDifficulty) {
		t.Errorf("unknown difficulty: %v", err)
	}
}

func TestFormatsProblems(t *testing.T) {
	cases := []struct {
		name, from, to, want string
	}{
		{"unknown phase", "drop: [detour]", "drop: [detuor]", `f.yaml:12:14: error: cut "short" drops phase "detuor", which does not exist; did you mean "detour"?`},
		{"start dropped", "drop: [detour]\n      instead: {detour: middle}", "drop: [start]", `f.yaml:12:14: error: cut "short" drops phase "start", where every team starts`},
		{"a kept phase needs it", "drop: [detour]\n      instead: {detour: middle}", "drop: [detour]",
			`f.yaml:12:14: error: cut "short" drops phase "detour", which kept phase "start" (line 27) leads to; keep it, or say where such a move goes: instead: {detour: …}`},
		{"instead of a kept phase", "instead: {detour: middle}", "instead: {detour: middle, middle: end}", `f.yaml:13:33: error: cut "short" says where a move into phase "middle" goes instead, but it does not drop "middle"`},
		{"instead into a dropped phase", "drop: [detour]\n      instead: {detour: middle}", "drop: [detour, middle]\n      instead: {detour: middle, middle: end}",
			`f.yaml:13:17: error: cut "short" sends moves into phase "detour" to phase "middle", which it drops too`},
		{"dead end", "drop: [detour]\n      instead: {detour: middle}", "drop: [detour, end]\n      instead: {detour: middle, end: middle}",
			`f.yaml:8:5: error: cut "short" at easy difficulty: no ending can be reached from phase "middle"; add a path to an ending phase`},
		// easy: first opens at 1m, times out 5m later (8m × 0.5 × 1.25);
		// second opens 30s into middle and times out 3m45s later.
		{"does not fit", "minutes: 20", "minutes: 8", `f.yaml:8:5: error: cut "short" at easy difficulty cannot fit its 8 minutes: a team that waits for every deadline plays 10m15s (through start → middle → end); shorten its time or drop phases`},
		{"bad time", "time: 0.5", "time: 2", `f.yaml:11:13: error: time of cut "short" multiplies every time of the scenario; it must be from 0.1 to 1, not 2`},
		{"full is reserved", "    short:\n", "    full:\n", `f.yaml:8:5: error: cut id "full" is the whole scenario; give the cut another id`},
		{"no minutes", "      minutes: 20\n", "", `f.yaml:8:5: error: cut "short" needs 'minutes', how long it lasts`},
		{"easy harder", "      instead: {detour: middle}\n", "      instead: {detour: middle}\n  difficulty:\n    easy: {deadlines: 0.5}\n",
			`f.yaml:15:23: error: deadlines of difficulty "easy" is 0.5, which makes easy harder than standard (1): easy gives more time and fewer posts`},
		{"hostile opens", "        opens: first\n", "        opens: first\n        hostile: true\n",
			`f.yaml:30:9: error: inject "opener" is hostile, so easy difficulty leaves it out, but it opens decision "first"; a decision is never left out`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(formatsBase, c.from) {
				t.Fatalf("base has no %q", c.from)
			}
			src := strings.Replace(formatsBase, c.from, c.to, 1)
			s, probs := Parse("f.yaml", []byte(src))
			if s != nil {
				t.Fatalf("accepted; want %s", c.want)
			}
			found := false
			for _, p := range probs {
				found = found || p.String() == c.want
			}
			if !found {
				t.Errorf("want %s\ngot:\n%v", c.want, probs)
			}
			for _, p := range probs.Errors() {
				if zh := p.Text("zh"); strings.Contains(zh, "cut ") || strings.Contains(zh, "which") {
					t.Errorf("the Chinese of %q is not Chinese: %s", p.Msg, zh)
				}
			}
		})
	}
}

// TestLongestPlayStuck: a phase nothing moves on from cannot fit.
func TestLongestPlayStuck(t *testing.T) {
	src := strings.Replace(formatsBase, "        on_timeout: {next: end}\n  end:", "  end:", 1)
	src = strings.Replace(src, "{id: bad, text: {en: Bad, zh: 坏}, scores: {transparency: -2}, next: end}", "{id: bad, text: {en: Bad, zh: 坏}, scores: {transparency: -2}}", 1)
	s, probs := Parse("f.yaml", []byte(src))
	want := `cut "short" at easy difficulty cannot fit its 20 minutes: in phase "middle" nothing makes the team move on, so it may wait until time runs out`
	if s != nil || !strings.Contains(probs.Error(), want) {
		t.Fatalf("want %s, got %v", want, probs)
	}
}

// FuzzFormats feeds the formats block anything: the loader never panics,
// and every cut of a scenario it accepts can be played at every
// difficulty, ending within its minutes by the static bound.
func FuzzFormats(f *testing.F) {
	start := strings.Index(formatsBase, "formats:\n")
	end := strings.Index(formatsBase, "feed:\n")
	f.Add(formatsBase[start:end])
	f.Add("formats:\n  cuts:\n    a: {title: A, minutes: 30}\n")
	f.Add("formats:\n  difficulty:\n    hard: {deadlines: 0.5, feed: 3}\n")
	f.Add("formats:\n  cuts:\n    b: {title: B, minutes: 5, time: 0.1, drop: [detour, middle], instead: {detour: end, middle: end}}\n")
	f.Add("formats: [1, 2]\n")
	f.Fuzz(func(t *testing.T, block string) {
		src := formatsBase[:start] + block + "\n" + formatsBase[end:]
		s, _ := Parse("f.yaml", []byte(src))
		if s == nil {
			return
		}
		for _, c := range s.Cuts() {
			for _, d := range Difficulties {
				v, err := s.Variant(c.ID, d)
				if err != nil {
					t.Fatalf("cut %s at %s: %v", c.ID, d, err)
				}
				if l, _ := v.LongestPlay(); l < 0 || l > c.Duration() {
					t.Fatalf("accepted cut %s at %s plays %s, beyond its %d minutes", c.ID, d, l, c.Minutes)
				}
			}
		}
	})
}
