package evaluate

import (
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

type testHost struct {
	win fyne.Window
	loc *i18n.Localizer
}

func (h *testHost) Loc() *i18n.Localizer { return h.loc }
func (h *testHost) Window() fyne.Window  { return h.win }

// world starts testdata/world.yaml for Alpha and Bravo and plays it to
// 4m30s: both teams have the breach memo (2m) and the reporter (4m);
// Alpha has briefed staff (decision internal).
func world(t *testing.T, lang ...string) (*engine.Session, *engine.MemoryLog) {
	t.Helper()
	src, err := os.ReadFile("../../internal/engine/testdata/world.yaml")
	if err != nil {
		t.Fatal(err)
	}
	log := &engine.MemoryLog{}
	exLang := "en"
	if len(lang) > 0 {
		exLang = lang[0]
	}
	s, err := engine.Start(engine.Config{ScenarioID: "world", Source: src, Teams: []string{"Alpha", "Bravo"}, Lang: exLang, Seed: 42}, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	if err := s.AdvanceTo(90 * time.Second); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "internal", Option: "brief"}); err != nil {
		t.Fatal(err)
	}
	if err := s.AdvanceTo(270 * time.Second); err != nil {
		t.Fatal(err)
	}
	return s, log
}

func newView(t *testing.T, s *engine.Session, lang i18n.Lang, seat string) (*View, *testHost) {
	t.Helper()
	h := &testHost{win: uitest.Window(t), loc: i18n.New(lang)}
	v := New(h, s, seat, uitest.Inline)
	t.Cleanup(v.Stop)
	h.win.SetContent(v.Root())
	h.win.Resize(fyne.NewSize(1024, 600))
	return v, h
}

// evalEvents are the evaluator's events in the log.
func evalEvents(log *engine.MemoryLog) []engine.Event {
	var out []engine.Event
	for _, e := range log.Events {
		if engine.IsEvalKind(e.Kind) {
			out = append(out, e)
		}
	}
	return out
}

// The evaluator ticks a critical task (its time is the exercise time then),
// rates the objective, attaches an observation to the newest timeline
// entry: each is logged once under the seat and shows again from the
// exercise; a time that is no time, and one the engine refuses (after
// now), are said in words and nothing is logged for them.
func TestEvaluatorViewRecordsUnderItsSeat(t *testing.T) {
	s, log := world(t)
	v, _ := newView(t, s, i18n.EN, "Lee")
	loc := i18n.New(i18n.EN)

	// The timeline: both teams' memo and reporter, Alpha's choice.
	text := tree.AllText(v.timeline)
	for _, want := range []string{"The breach is confirmed", "A reporter asks", `Decided "Brief staff?": Brief`} {
		if !strings.Contains(text, want) {
			t.Errorf("the timeline lacks %q:\n%s", want, text)
		}
	}
	checks := tree.Find[*widget.Check](t, v.guide)
	if len(checks) != 4 {
		t.Fatalf("%d task checks, want notify's 4", len(checks))
	}
	test.Tap(checks[3]) // one-voice, left to evaluators
	tree.Find[*widget.RadioGroup](t, v.guide)[0].SetSelected("S")
	s.Read(func(st *engine.State) {
		evs := st.Team("Alpha").Evaluations["notify"]
		if len(evs) != 1 || evs[0].Evaluator != "Lee" || !evs[0].Live || evs[0].Rating != "S" {
			t.Fatalf("Alpha's evaluations: %+v", evs)
		}
		task, ok := evs[0].Task("one-voice")
		if at, has := task.Time(); !ok || !task.Done || !has || at != 270*time.Second {
			t.Errorf("the tick: %+v", task)
		}
	})
	// The redrawn guide shows the tick and its time.
	checks = tree.Find[*widget.Check](t, v.guide)
	if !checks[3].Checked {
		t.Error("the tick is not shown after the redraw")
	}
	var times []string
	for _, e := range tree.Find[*widget.Entry](t, v.guide) {
		times = append(times, e.Text)
	}
	if times[3] != "00:04:30" {
		t.Errorf("task times %q, want the fourth 00:04:30", times)
	}

	// An observation attached to the newest entry (the reporter, at 4m).
	attach := tree.Find[*widget.Button](t, v.timeline)
	test.Tap(attach[0])
	if v.obsAt.Text != "00:04:00" || !strings.Contains(v.attached.Text, "A reporter asks") {
		t.Errorf("attached: at %q, %q", v.obsAt.Text, v.attached.Text)
	}
	v.obsText.SetText("Dana took the call at once")
	test.Tap(tree.FindButton(t, v.Root(), loc.T("evaluate.observe")))
	s.Read(func(st *engine.State) {
		obs := st.Team(v.d.Team).ObservationsBy("Lee")
		if len(obs) != 1 || obs[0].Text != "Dana took the call at once" || obs[0].About != 4*time.Minute || obs[0].Entry == "" {
			t.Fatalf("observations: %+v", obs)
		}
		if at, ok := st.Team(v.d.Team).EntryAt(obs[0].Entry); !ok || at != 4*time.Minute {
			t.Errorf("attached to %q (%v)", obs[0].Entry, at)
		}
	})
	if v.obsText.Text != "" || !strings.Contains(tree.AllText(v.obsList), "Dana took the call at once") {
		t.Error("the observation is not listed, or the form not emptied")
	}

	n := len(evalEvents(log))
	// No time: said, not sent.
	entries := tree.Find[*widget.Entry](t, v.guide)
	entries[0].SetText("99:99")
	entries[0].OnSubmitted("99:99")
	if !v.msg.Visible() || v.msg.Text != loc.T("evaluate.bad_time", "time", "99:99") {
		t.Errorf("a time that is none: %q", v.msg.Text)
	}
	// After now: the engine refuses it, in words.
	entries[0].SetText("00:30")
	entries[0].OnSubmitted("00:30")
	if want := debrief.RefusalText(engine.ErrBadTaskTime.Code, "en"); !v.msg.Visible() || !strings.Contains(v.msg.Text, want) {
		t.Errorf("a time after now: %q, want %q in it", v.msg.Text, want)
	}
	if got := len(evalEvents(log)); got != n {
		t.Errorf("%d evaluator events after two refusals, want %d", got, n)
	}
	for _, e := range evalEvents(log) {
		if e.Seat != "Lee" {
			t.Errorf("an evaluator event with seat %q", e.Seat)
		}
	}
}

// Following: a team unticked leaves the timeline and the guide's choice;
// none followed says so. In Chinese the view shows no id of the scenario
// or the log.
func TestEvaluatorViewFollowsChosenTeamsInBothLanguages(t *testing.T) {
	s, _ := world(t, "zh") // the teams play in Chinese: the timeline is as they read it
	v, _ := newView(t, s, i18n.ZH, "王")
	follow := tree.Find[*widget.Check](t, v.follow)
	if len(follow) != 2 || !follow[0].Checked || !follow[1].Checked {
		t.Fatalf("follow boxes: %d", len(follow))
	}
	count := func(team string) int { return strings.Count(tree.AllText(v.timeline), "· "+team) }
	if count("Alpha") != 3 || count("Bravo") != 2 {
		t.Errorf("entries: Alpha %d (want 3), Bravo %d (want 2)", count("Alpha"), count("Bravo"))
	}
	test.Tap(follow[0]) // stop following Alpha
	if count("Alpha") != 0 || count("Bravo") != 2 || v.d.Team != "Bravo" || v.teamSel.Selected != "Bravo" {
		t.Errorf("after unfollowing Alpha: Alpha %d, Bravo %d, team %q", count("Alpha"), count("Bravo"), v.d.Team)
	}
	text := tree.AllText(v.Root()) + tree.AllText(v.timeline) + tree.AllText(v.guide) + tree.AllText(v.obsList) + v.attached.Text +
		strings.Join(v.obsObj.Options, " ") + strings.Join(v.teamSel.Options, " ")
	for _, raw := range []string{"one-voice", "notify", "report-in-time", "eeg.", "evaluate.", "memo", "inbox:"} {
		if strings.Contains(text, raw) {
			t.Errorf("the Chinese view shows %q", raw)
		}
	}
	for _, want := range []string{"按时通报监管机构", "指定一名发言人", "泄露已确认", "评估员“王”"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Chinese view lacks %q", want)
		}
	}
	test.Tap(tree.Find[*widget.Check](t, v.follow)[1])
	if !strings.Contains(tree.AllText(v.timeline), i18n.New(i18n.ZH).T("evaluate.follow_none")) {
		t.Error("no team followed, and the view does not say so")
	}
}
