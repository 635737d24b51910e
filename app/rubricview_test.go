package app

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/rubric"
)

// fakeTimers is a clock for the debouncer: timers fire only when the test
// moves time on.
type fakeTimers struct {
	mu     sync.Mutex
	now    time.Duration
	timers []*fakeTimer
}

type fakeTimer struct {
	at      time.Duration
	f       func()
	stopped bool
	fired   bool
}

func (c *fakeTimers) after(d time.Duration, f func()) func() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	tm := &fakeTimer{at: c.now + d, f: f}
	c.timers = append(c.timers, tm)
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		was := !tm.stopped && !tm.fired
		tm.stopped = true
		return was
	}
}

// advance moves time on and fires the timers that fall due, in order.
func (c *fakeTimers) advance(d time.Duration) {
	c.mu.Lock()
	c.now += d
	var due []*fakeTimer
	for _, tm := range c.timers {
		if !tm.stopped && !tm.fired && tm.at <= c.now {
			tm.fired = true
			due = append(due, tm)
		}
	}
	c.mu.Unlock()
	for _, tm := range due {
		tm.f()
	}
}

// pending counts timers still waiting.
func (c *fakeTimers) pending() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, tm := range c.timers {
		if !tm.stopped && !tm.fired {
			n++
		}
	}
	return n
}

// useFakeTimers makes new debouncers use a fake clock for the test.
func useFakeTimers(t *testing.T) *fakeTimers {
	c := &fakeTimers{}
	old := afterFunc
	afterFunc = c.after
	t.Cleanup(func() { afterFunc = old })
	return c
}

func TestDebouncer(t *testing.T) {
	type step struct {
		call  string        // a call with this value ("" for none)
		wait  time.Duration // then time passes
		flush bool
		stop  bool
	}
	ms := time.Millisecond
	for _, tc := range []struct {
		name  string
		steps []step
		ran   []string
		timer int // timers still waiting at the end
	}{
		{"one call runs after the delay", []step{{call: "a", wait: 499 * ms}, {wait: ms}}, []string{"a"}, 0},
		{"not before", []step{{call: "a", wait: 499 * ms}}, nil, 1},
		{"typing resets the wait; only the last runs",
			[]step{{call: "a", wait: 300 * ms}, {call: "ab", wait: 300 * ms}, {call: "abc", wait: 499 * ms}, {wait: ms}},
			[]string{"abc"}, 0},
		{"two pauses run twice", []step{{call: "a", wait: 600 * ms}, {call: "b", wait: 600 * ms}}, []string{"a", "b"}, 0},
		{"flush runs at once and the timer does nothing", []step{{call: "a", flush: true}, {wait: time.Second}}, []string{"a"}, 0},
		{"flush with nothing waiting does nothing", []step{{flush: true}}, nil, 0},
		{"cancel drops the call", []step{{call: "a", stop: true}, {wait: time.Second}}, nil, 0},
		{"a call after cancel runs", []step{{call: "a", stop: true}, {call: "b", wait: 500 * ms}}, []string{"b"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := &fakeTimers{}
			d := &debouncer{delay: 500 * ms, after: clock.after}
			var ran []string
			for _, s := range tc.steps {
				if s.call != "" {
					v := s.call
					d.call(func() { ran = append(ran, v) })
				}
				if s.flush {
					d.flush()
				}
				if s.stop {
					d.cancel()
				}
				clock.advance(s.wait)
			}
			if !slices.Equal(ran, tc.ran) {
				t.Errorf("ran %q, want %q", ran, tc.ran)
			}
			if n := clock.pending(); n != tc.timer {
				t.Errorf("%d timers waiting, want %d", n, tc.timer)
			}
		})
	}
}

// A timer that fires after a newer call (its Stop came too late) does not
// run the older call.
func TestDebouncerIgnoresAStaleTimer(t *testing.T) {
	var fire []func()
	d := &debouncer{delay: time.Second, after: func(_ time.Duration, f func()) func() bool {
		fire = append(fire, f)
		return func() bool { return false } // too late to stop
	}}
	var ran []string
	d.call(func() { ran = append(ran, "old") })
	d.call(func() { ran = append(ran, "new") })
	fire[0]() // the first timer fires anyway
	if len(ran) != 0 {
		t.Fatalf("a stale timer ran %q", ran)
	}
	fire[1]()
	if !slices.Equal(ran, []string{"new"}) {
		t.Errorf("ran %q", ran)
	}
}

func TestRubricLines(t *testing.T) {
	r := rubric.Judge("No comment. Call our hotline 400-123.", rubric.Context{Lang: "en", Facts: []rubric.Fact{rubric.NewFact("hotline", map[string]string{"en": "Hotline"}, map[string][]string{"": {"400-123"}}, "en")}})
	passed, missing, penalties := rubricLines(r)
	ids := func(cs []rubric.Check) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	if !slices.Contains(ids(penalties), "no-comment") {
		t.Errorf("penalties %v lack no-comment", ids(penalties))
	}
	if !slices.Contains(ids(passed), "contact") {
		t.Errorf("passed %v lack contact", ids(passed))
	}
	for _, c := range append(append(passed, missing...), penalties...) {
		if strings.HasPrefix(c.ID, "fact:") {
			t.Errorf("fact check %s listed (the checklist shows facts)", c.ID)
		}
	}
	if len(passed)+len(missing)+len(penalties) == 0 || len(missing) == 0 {
		t.Errorf("passed %v, missing %v", ids(passed), ids(missing))
	}
}

// startWorld starts world.yaml, whose decision "notify" (at 4 min) asks for
// a press release with the facts "hotline" (400-123) and "date" (May 3).
func startWorld(t *testing.T, lang string) (*shell, *exerciseScreen, *engine.FakeClock) {
	t.Helper()
	st := openStore(t)
	clock := engine.NewFakeClock()
	world := engineEntry(t, "world.yaml")
	sh := shellWith(t, st, clock, "", world)
	run, err := exercise.Start(st, engine.Config{ScenarioID: world.ID, Source: world.Source, Teams: []string{"Alpha", "Bravo"},
		Lang: lang, Speed: 1, Seed: 3}, world.Scenario.Title, "gui", clock, exercise.EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	sh.showExercise(run, nil)
	ex := currentAs[*exerciseScreen](t, sh)
	test.Tap(ex.console.pauseButton)
	advanceExercise(t, ex, clock, 4*time.Minute+time.Second)
	return sh, ex, clock
}

func labelTexts(ls []*ui.WrapLabel) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Text)
	}
	return out
}

func TestRubricFeedbackOnAStatement(t *testing.T) {
	timers := useFakeTimers(t)
	sh, ex, _ := startWorld(t, "en")
	sd := ex.teams[0].statements["notify"]
	if sd == nil || sd.rubric == nil {
		t.Fatal("decision notify shows no statement entry with feedback")
	}
	rv := sd.rubric
	if rv.result != nil || len(rv.list.Objects) != 1 {
		t.Fatal("feedback shown before anything was written")
	}
	honest := false
	test.Type(sd.entry, "No comment. Call our hotline 400-123.")
	if rv.result != nil {
		t.Fatal("judged while typing, before the pause")
	}
	if timers.pending() != 1 {
		t.Errorf("%d timers wait after typing, want 1", timers.pending())
	}
	timers.advance(judgeDelay)
	if rv.result == nil {
		t.Fatal("not judged after the pause")
	}
	// Each failure is explained in one line under it, in the UI language.
	if got := labelTexts(rv.penaltyLines); len(got) != 1 || !strings.HasPrefix(got[0], `"No comment" (-30): "No comment"`+"\nSilence is filled by others") {
		t.Errorf("penalties shown: %q", got)
	}
	if got := labelTexts(rv.passLines); !slices.ContainsFunc(got, func(s string) bool {
		return strings.HasPrefix(s, "A contact channel: ") && strings.Contains(s, "400-123")
	}) {
		t.Errorf("passes shown: %q", got)
	}
	if got := labelTexts(rv.missingLines); !slices.Contains(got, "Not yet: Apologises. Apologise without conditions for what happened, not for how people feel.") {
		t.Errorf("missing lines: %q", got)
	}
	if got := rv.dimBars[rubric.Transparency].value.Text; got == "" {
		t.Error("no transparency score shown")
	}
	if rv.overall.Text != fmt.Sprintf("Overall %.0f/100 (capped)", rv.result.Overall) {
		t.Errorf("overall = %q (result %g)", rv.overall.Text, rv.result.Overall)
	}
	// The honesty line.
	for _, o := range rv.box.Objects {
		honest = honest || strings.Contains(allText(o), "rule-based")
	}
	if !honest {
		t.Error("the panel does not say the judge is rule-based")
	}

	// A better statement clears the penalty.
	sd.entry.SetText("We are sorry. Call our hotline 400-123.")
	rv.flush()
	if len(rv.penaltyLines) != 0 {
		t.Errorf("penalties after rewriting: %q", labelTexts(rv.penaltyLines))
	}

	// Labels follow the UI language; the draft and its feedback survive the
	// switch.
	sh.setLang(i18n.ZH)
	sd = ex.teams[0].statements["notify"]
	if sd.rubric.result == nil {
		t.Fatal("the restored draft is not judged")
	}
	if got := labelTexts(sd.rubric.passLines); !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "道歉：") }) {
		t.Errorf("passes in Chinese: %q", got)
	}
	// Closing the view leaves no timer behind.
	test.Type(sd.entry, "!")
	sh.showHome()
	if n := timers.pending(); n != 0 {
		t.Errorf("%d timers still wait after the view closed", n)
	}
}
