package debrief

import (
	"encoding/json"
	"errors"
	"html"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

func ms(d time.Duration) *int64 { v := d.Milliseconds(); return &v }

// A paper guide entered after the end: the evaluator's tick turns the
// task left to an evaluator into one seen done at the time written, a tick
// on a task the engine saw not done overrides it, a task the evaluator
// did not see stays not done with their name; the rating and notes show
// in the report, every export and the timeline; a second entry of the
// same evaluator replaces the first. Refusals: no name, a time after the
// end, a task of no objective.
func TestPaperEvaluationEntered(t *testing.T) {
	src, err := os.ReadFile("../engine/testdata/world.yaml")
	if err != nil {
		t.Fatal(err)
	}
	log := &engine.MemoryLog{}
	s, err := engine.Start(engine.Config{ScenarioID: "world", Source: src, Teams: []string{"Alpha", "Bravo"}, Lang: "en", Seed: 42}, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	must := func(c engine.Command) {
		t.Helper()
		if err := s.Send(c); err != nil {
			t.Fatal(err)
		}
	}
	must(engine.Command{Kind: engine.CmdResume})
	if err := s.AdvanceTo(60 * time.Minute); err != nil {
		t.Fatal(err)
	}
	must(engine.Command{Kind: engine.CmdEnd})
	var end time.Duration
	s.Read(func(st *engine.State) { end = st.EndedAt })
	if !(end > 0) {
		t.Fatalf("the exercise did not end: %v", end)
	}
	eval := func(team, name string, tasks ...engine.EvalTask) engine.Command {
		return engine.Command{Kind: engine.CmdEvaluate, Team: team, Objective: "notify",
			Evaluation: &engine.Evaluation{Evaluator: name, Rating: "M", Note: "slow to start", Tasks: tasks}}
	}
	for _, c := range []struct {
		cmd  engine.Command
		want *engine.Refusal
	}{
		{eval("Alpha", "  "), engine.ErrNoEvaluator},
		{eval("Alpha", "Lee", engine.EvalTask{Task: "one-voice", Done: true, AtMS: ms(end + time.Second)}), engine.ErrBadTaskTime},
		{eval("Alpha", "Lee", engine.EvalTask{Task: "nope", Done: true}), engine.ErrNoSuchTask},
		{eval("Zulu", "Lee"), engine.ErrNoSuchTeam},
	} {
		if err := s.Send(c.cmd); !errors.Is(err, c.want) {
			t.Errorf("%+v: %v, want %v", c.cmd.Evaluation, err, c.want)
		}
	}
	for _, lang := range []string{"en", "zh"} {
		if RefusalText("bad-task-time", lang) == "bad-task-time" || RefusalText("no-evaluator", lang) == "no-evaluator" {
			t.Errorf("%s: a refusal without words", lang)
		}
	}
	must(eval("Alpha", "Lee", engine.EvalTask{Task: "one-voice", Done: true, AtMS: ms(12 * time.Minute), Note: "wrong note"}))
	must(eval("Alpha", "Lee", engine.EvalTask{Task: "one-voice", Done: true, AtMS: ms(12 * time.Minute), Note: "Dana spoke for all"},
		engine.EvalTask{Task: "report-in-time", Done: true}))
	must(eval("Bravo", "Wang", engine.EvalTask{Task: "one-voice", Done: false, Note: "two voices"}))
	var st *engine.State
	s.Read(func(x *engine.State) { st = x })
	if n := len(st.Team("Alpha").Evaluations["notify"]); n != 1 {
		t.Fatalf("Lee's entries: %d, want the corrected one only", n)
	}
	// The log folds again to the same evaluations (a reopened exercise).
	again, err := engine.Fold(log.Events)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "zh"} {
		r := Build(again, log.Events, lang, "")
		alpha, bravo := tasksOf(t, r, "Alpha"), tasksOf(t, r, "Bravo")
		if v := alpha["one-voice"]; v.Status != TaskObserved || at(v) != 720 || v.Evaluator != "Lee" || v.Note != "Dana spoke for all" {
			t.Errorf("%s: Alpha one-voice %+v, want seen by Lee at 12:00", lang, v)
		}
		if v := alpha["report-in-time"]; v.Status != TaskObserved || v.AtSeconds != nil {
			t.Errorf("%s: Alpha report-in-time %+v, want seen without a time", lang, v)
		}
		if v := bravo["one-voice"]; v.Status != TaskNotMet || v.Evaluator != "Wang" {
			t.Errorf("%s: Bravo one-voice %+v, want not done per Wang", lang, v)
		}
		want := map[string][]string{
			"en": {"seen done by Lee at 00:12:00", "Lee noted: Dana spoke for all", "Wang did not see it done", "Evaluators' guides",
				"Alpha — Lee: M — performed with major challenges: slow to start"},
			"zh": {"Lee 看到于 00:12:00 完成", "Lee记录：Dana spoke for all", "Wang 未看到完成", "评估员的评估表"},
		}[lang]
		md := Markdown(r)
		page := html.UnescapeString(string(HTML(r)))
		js, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(md, w) {
				t.Errorf("%s Markdown lacks %q", lang, w)
			}
			if !strings.Contains(page, w) {
				t.Errorf("%s HTML lacks %q", lang, w)
			}
		}
		if !strings.Contains(string(js), `"evaluator":"Lee"`) || !strings.Contains(string(js), `"status":"observed"`) {
			t.Errorf("%s JSON lacks the evaluation", lang)
		}
		if _, err := PDF(r); err != nil {
			t.Error(err)
		}
		found := false
		for _, en := range r.Timeline {
			found = found || strings.Contains(en.Text, "Lee")
		}
		if !found {
			t.Errorf("%s: the timeline does not show the entry", lang)
		}
	}
}

func TestParseClock(t *testing.T) {
	for in, want := range map[string]time.Duration{"0:05": 5 * time.Minute, "01:30": 90 * time.Minute, " 00:12:30 ": 12*time.Minute + 30*time.Second, "1：05": 65 * time.Minute} {
		if got, err := ParseClock(in); err != nil || got != want {
			t.Errorf("%q: %v %v, want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "12", "1:5", "1:60", "a:bc", "1:00:00:00", "-1:00", "123:00"} {
		if _, err := ParseClock(in); !errors.Is(err, ErrClockTime) {
			t.Errorf("%q: %v, want ErrClockTime", in, err)
		}
	}
}

func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"00:12", "1:05:09", "1：05", "", "99:59:59"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseClock(s)
		if err != nil {
			return
		}
		if d < 0 || d >= 100*time.Hour {
			t.Fatalf("%q: %v", s, d)
		}
		// What is read is written back as the clock shows it, and read again the same.
		if again, err := ParseClock(Clock(d)); err != nil || again != d {
			t.Fatalf("%q: %v, again %v %v", s, d, again, err)
		}
	})
}
