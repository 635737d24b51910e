package library

import (
	"strings"
	"testing"
	"unicode"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Every built-in scenario gives every objective an evaluation guide: a
// capability, at least one capability target, and critical tasks of
// which most are linked to what the engine observes, in English and in
// natural Chinese (full-width punctuation), with more than one kind of
// observation in each scenario.
func TestBuiltinsHaveEvaluationGuides(t *testing.T) {
	list, err := Builtins()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 10 {
		t.Errorf("%d built-in scenarios, want the ten", len(list))
	}
	zh := func(where, s string) {
		t.Helper()
		if strings.TrimSpace(s) == "" {
			t.Errorf("%s has no Chinese", where)
			return
		}
		for _, bad := range []string{", ", ": ", "(", ")", "; ", "?", "!"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s: %q has %q; Chinese takes full-width punctuation", where, s, bad)
			}
		}
		han := false
		for _, r := range s {
			han = han || unicode.Is(unicode.Han, r)
		}
		if !han {
			t.Errorf("%s: %q is not Chinese", where, s)
		}
	}
	en := func(where, s string) {
		t.Helper()
		if strings.TrimSpace(s) == "" {
			t.Errorf("%s has no English", where)
		}
	}
	for _, e := range list {
		kinds := map[string]bool{}
		tasks := 0
		for _, o := range e.Scenario.Objectives {
			where := e.ID + "/" + o.ID
			if !o.Guided() || len(o.Targets) == 0 {
				t.Errorf("%s has no evaluation guide", where)
				continue
			}
			en(where+" capability", o.Capability.Get("en"))
			zh(where+" capability", o.Capability["zh"])
			observed := 0
			for i, tg := range o.Targets {
				en(where+" target", tg.Text["en"])
				zh(where+" target", tg.Text["zh"])
				if len(tg.Tasks) < 2 {
					t.Errorf("%s target %d has %d critical tasks, want at least 2", where, i+1, len(tg.Tasks))
				}
				for _, task := range tg.Tasks {
					tasks++
					en(where+"/"+task.ID, task.Text["en"])
					zh(where+"/"+task.ID, task.Text["zh"])
					if ob := task.Observe; ob != nil {
						observed++
						kinds[ob.Kind] = true
					}
				}
			}
			if observed < 2 {
				t.Errorf("%s has %d critical tasks the engine observes, want at least 2", where, observed)
			}
		}
		if len(kinds) < 3 {
			t.Errorf("%s observes only %v; link tasks to decisions, replies, deadlines, posts or press conferences", e.ID, kinds)
		}
		if !kinds[scenario.ObserveDecision] || !kinds[scenario.ObserveReply] {
			t.Errorf("%s observes no decision or no reply: %v", e.ID, kinds)
		}
		if tasks < 12 {
			t.Errorf("%s has %d critical tasks in all", e.ID, tasks)
		}
	}
}
