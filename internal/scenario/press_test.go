package scenario_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// pressScenario is the engine's press test scenario with its
// press_conferences section replaced by section.
func pressScenario(t *testing.T, section string) []byte {
	t.Helper()
	src, err := os.ReadFile("../engine/testdata/press.yaml")
	if err != nil {
		t.Fatal(err)
	}
	base, _, ok := strings.Cut(string(src), "press_conferences:")
	if !ok {
		t.Fatal("press.yaml has no press_conferences")
	}
	return []byte(base + section)
}

// The loader reads a conference: scheduled or the facilitator's, the
// default clock, each question judged as a holding statement with its
// facts and hazard.
func TestPressConferencesLoad(t *testing.T) {
	s, probs := scenario.Parse("press.yaml", pressScenario(t, `press_conferences:
  briefing:
    title: {en: Briefing, zh: 通气会}
    phase: start
    after: 1m
    questions:
      - {from: {en: "Li Wei, Evening News", zh: 晚报李伟}, text: {en: "How many?", zh: 多少人？}, required_facts: [hotline], hazard: cleared}
  evening:
    title: Evening
    clock: 45s
    questions:
      - {from: A reporter, text: {en: "Why?", zh: 为什么？}}
`))
	if s == nil || len(probs.Errors()) > 0 {
		t.Fatalf("does not load: %v", probs)
	}
	b, e := s.PressConference("briefing"), s.PressConference("evening")
	if b == nil || !b.Scheduled() || b.Phase != "start" || b.After != time.Minute || b.Clock != scenario.DefaultPressClock {
		t.Errorf("briefing: %+v", b)
	}
	if q := b.Questions[0]; q.From.Get("zh") != "晚报李伟" || q.Answer.Kind != "holding" || q.Answer.Hazard != "cleared" || len(q.Answer.RequiredFacts) != 1 {
		t.Errorf("briefing's question: %+v %+v", q, q.Answer)
	}
	if e == nil || e.Scheduled() || e.Clock != 45*time.Second || e.Questions[0].Answer.Hazard != "open" {
		t.Errorf("evening: %+v", e)
	}
	if s.PressConference("nothing") != nil {
		t.Error("a conference that is not there")
	}
}

// Lint finds what is wrong with a conference, in English and Chinese.
func TestPressConferencesLint(t *testing.T) {
	q := "\n    questions:\n      - {from: R, text: Q}\n"
	for _, c := range []struct {
		name, section, en, zh string
	}{
		{"no questions", "  x:\n    title: X\n    questions: []\n", `press conference "x" needs 'questions'`, `新闻发布会 "x" 需要 'questions'`},
		{"no such phase", "  x:\n    title: X\n    phase: strat" + q, `starts in phase "strat", which does not exist`, `开始于阶段 "strat"，但该阶段不存在`},
		{"ending phase", "  x:\n    title: X\n    phase: good-end" + q, `starts in ending phase "good-end"`, `开始于结局阶段 "good-end"`},
		{"too late", "  x:\n    title: X\n    phase: start\n    after: 2h" + q, `starts 2h0m0s after its phase begins, but the scenario lasts 1h0m0s`, `在所在阶段开始 2h0m0s 后才召开`},
		{"after without phase", "  x:\n    title: X\n    after: 2m" + q, `has 'after' but no 'phase'`, `有 'after' 却没有 'phase'`},
		{"clock too short", "  x:\n    title: X\n    clock: 5s" + q, `a question's clock must be from 20s to 10m0s, not 5s`, `每个问题的答题时限必须在 20s 到 10m0s 之间`},
		{"unknown fact", "  x:\n    title: X\n    questions:\n      - {from: R, text: Q, required_facts: [hotlin]}\n", `question 1 of press conference "x" requires fact "hotlin", which is not declared under facts`, `新闻发布会 "x" 的第 1 个问题要求事实 "hotlin"`},
		{"question without from", "  x:\n    title: X\n    questions:\n      - {text: Q}\n", `question 1 of press conference "x" needs "from"`, `新闻发布会 "x" 的第 1 个问题需要 "from"`},
		{"unknown field", "  x:\n    title: X\n    reporters: 3" + q, `reporters`, `reporters`},
	} {
		_, probs := scenario.Parse("press.yaml", pressScenario(t, "press_conferences:\n"+c.section))
		var en, zh []string
		for _, p := range probs.Errors() {
			en, zh = append(en, p.Text("en")), append(zh, p.Text("zh"))
		}
		if !strings.Contains(strings.Join(en, "\n"), c.en) {
			t.Errorf("%s: no error %q in\n%s", c.name, c.en, strings.Join(en, "\n"))
		}
		if !strings.Contains(strings.Join(zh, "\n"), c.zh) {
			t.Errorf("%s: no Chinese %q in\n%s", c.name, c.zh, strings.Join(zh, "\n"))
		}
	}
}

// A question may name its reporter as a persona: without from, it is
// shown as from the persona's name and outlet; an unknown persona is an
// error, and a question with neither from nor persona needs one.
func TestPressQuestionPersona(t *testing.T) {
	const file = "../../scenarios/workplace-accident.yaml"
	s, probs, err := scenario.LoadFile(file)
	if s == nil || err != nil {
		t.Fatal(probs, err)
	}
	var found *scenario.PressQuestion
	for _, c := range s.PressConferences {
		for _, q := range c.Questions {
			if q.Persona == "he-qing" {
				found = q
			}
		}
	}
	if found == nil || !strings.Contains(found.From.Get("zh"), "何晴") || !strings.Contains(found.From.Get("en"), "He Qing") {
		t.Fatalf("a persona's question: %+v", found)
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	press := strings.Index(string(src), "\npress_conferences:")
	for _, c := range []struct{ from, to, want string }{
		{"      - persona: he-qing\n", "      - persona: nobody\n", `names persona "nobody", which is not declared under personas`},
		{"      - persona: he-qing\n", "      -\n", `needs "from"`},
	} {
		i := press + strings.Index(string(src[press:]), c.from)
		bad := string(src[:i]) + c.to + string(src[i+len(c.from):])
		if s, probs := scenario.Parse("w.yaml", []byte(bad)); s != nil || !strings.Contains(probs.Error(), c.want) {
			t.Errorf("%q: want %q, got %v", c.to, c.want, probs)
		}
	}
}
