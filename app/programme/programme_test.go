package programme

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// host is a window for the screen; work handed to Background is queued
// when queue is set (run it with runQueued), else run at once.
type host struct {
	win     fyne.Window
	loc     *i18n.Localizer
	st      *exercise.DB
	current ui.Screen
	today   string
	home    int

	queue  bool
	queued []func()
}

func (h *host) Window() fyne.Window          { return h.win }
func (h *host) Loc() *i18n.Localizer         { return h.loc }
func (h *host) Current() ui.Screen           { return h.current }
func (h *host) Store() (*exercise.DB, error) { return h.st, nil }
func (h *host) Today() string                { return h.today }
func (h *host) ShowHome()                    { h.home++ }

func (h *host) Show(s ui.Screen) {
	h.current = s
	h.win.SetContent(s.Build())
}

func (h *host) Background() func(func()) {
	return func(work func()) {
		if h.queue {
			h.queued = append(h.queued, work)
			return
		}
		work()
	}
}

// runQueued runs the work queued so far.
func (h *host) runQueued() {
	q := h.queued
	h.queued = nil
	for _, f := range q {
		f()
	}
}

func (h *host) shown(t *testing.T, s string) bool { return tree.Shown(t, h.win.Content(), s) }

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// fixture: two played mini exercises of "North Water", the first with an
// improvement plan of two actions (one overdue on the host's today, one
// done), and one exercise filed under none; the next drill 5 days ahead.
func fixture(t *testing.T, lang i18n.Lang) (*host, []string) {
	t.Helper()
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	a := uitest.PlayedMini(t, st, clock, "We are sorry. Call 400-123-456.", true)
	plan := debrief.Plan{Actions: []debrief.PlanRow{
		{Team: "Alpha", What: "Slow first statement", Action: "Template for the first hour", Owner: "Comms lead", Due: "2029-12-01", Status: debrief.StatusInProgress},
		{What: "Roles unclear", Action: "Write a RACI", Owner: "Ops", Due: "2030-06-01", Status: debrief.StatusDone},
	}}
	if err := st.SavePlan(a, plan); err != nil {
		t.Fatal(err)
	}
	b := uitest.PlayedMini(t, st, clock, "", true)
	c := uitest.PlayedMini(t, st, clock, "", false)
	for _, id := range []string{a, b} {
		if err := st.SetOrganisation(id, "North Water"); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetNextDrill("North Water", "2030-01-06"); err != nil {
		t.Fatal(err)
	}
	h := &host{win: uitest.Window(t), loc: i18n.New(lang), st: st, today: "2030-01-01"}
	return h, []string{a, b, c}
}

func open(h *host) *Screen {
	s := New(h)
	h.Show(s)
	s.Load()
	return s
}

// The organisation's programme: its exercises, the next drill with how far
// it is, the scenario's chart, and the tracker: the in-progress action
// past its due date is overdue and carried into the second exercise; the
// done one is not carried.
func TestProgrammeShowsAnOrganisation(t *testing.T) {
	h, _ := fixture(t, i18n.EN)
	s := open(h)
	if s.selected != "North Water" || s.prog == nil {
		t.Fatalf("selected %q, programme %v", s.selected, s.prog)
	}
	for _, want := range []string{
		"Training programme", "Organisations", "North Water (2)", "Not filed (1)",
		"Next drill", "2030-01-06 (in 5 days)",
		"The same scenario compared", "Corrective actions",
		"2 corrective actions: 1 done, 0 in progress, 1 overdue, 0 open.",
		"Alpha · Slow first statement", "overdue", "done",
	} {
		if !h.shown(t, want) {
			t.Errorf("%q is not shown:\n%s", want, tree.AllText(h.win.Content()))
		}
	}
	p := s.prog
	if len(p.Exercises) != 2 || len(p.Scenarios) != 1 || len(p.Scenarios[0].Exercises) != 2 {
		t.Fatalf("programme: %d exercises, scenarios %+v", len(p.Exercises), p.Scenarios)
	}
	if got := p.Actions[0]; got.State != debrief.ActionOverdue || len(got.CarriedTo) != 1 || got.CarriedTo[0] != p.Exercises[1].ID {
		t.Errorf("the overdue action: %+v", got)
	}
	if got := p.Actions[1]; got.State != debrief.ActionDone || len(got.CarriedTo) != 0 {
		t.Errorf("the done action: %+v (done before the second exercise: not carried)", got)
	}
	if !strings.Contains(tree.AllText(h.win.Content()), "1 corrective actions carried over into it: Slow first statement (in progress)") {
		t.Errorf("the second exercise does not show what it took over:\n%s", tree.AllText(h.win.Content()))
	}
	if len(tree.Find[*ui.Drawing](t, h.win.Content())) < 1 {
		t.Error("no chart drawn")
	}
	tree.FindButton(t, h.win.Content(), "Back to home").OnTapped()
	if h.home != 1 {
		t.Error("Back to home did not go home")
	}
}

// The same screen in Chinese, with nothing English left in what the
// programme itself writes.
func TestProgrammeInChinese(t *testing.T) {
	h, _ := fixture(t, i18n.ZH)
	open(h)
	for _, want := range []string{"演练项目", "组织", "North Water（2）", "未归入组织（1）", "下次演练", "2030-01-06（还有5天）",
		"同一情景的比较", "改进措施跟踪", "共2项改进措施：已完成1项，进行中0项，逾期1项，未开始0项。", "已逾期", "已完成"} {
		if !h.shown(t, want) {
			t.Errorf("%q is not shown:\n%s", want, tree.AllText(h.win.Content()))
		}
	}
	for _, en := range []string{"overdue", "Corrective", "Next drill", "in progress", "Carried"} {
		if strings.Contains(tree.AllText(h.win.Content()), en) {
			t.Errorf("English %q on the Chinese screen", en)
		}
	}
	// Switching back rebuilds the programme in English.
	h.loc = i18n.New(i18n.EN)
	h.Show(h.current)
	if !h.shown(t, "Corrective actions") || !h.shown(t, "overdue") {
		t.Errorf("after the switch:\n%s", tree.AllText(h.win.Content()))
	}
}

// The reading and the building happen in the background: until the work
// runs, the screen says it is loading.
func TestProgrammeLoadsInTheBackground(t *testing.T) {
	h, _ := fixture(t, i18n.EN)
	h.queue = true
	s := open(h)
	if !h.shown(t, "Loading…") || s.loaded {
		t.Fatal("the list was read on the UI goroutine")
	}
	h.runQueued() // the list; it queues the programme
	if s.prog != nil || !h.shown(t, "Loading…") {
		t.Fatal("the programme was built on the UI goroutine")
	}
	if len(h.queued) != 1 {
		t.Fatalf("%d jobs queued, want the programme's", len(h.queued))
	}
	h.runQueued()
	if s.prog == nil || !h.shown(t, "Corrective actions") {
		t.Fatalf("not shown after the work ran:\n%s", tree.AllText(h.win.Content()))
	}
}

// The next drill's date is edited on the screen: a date that is not one is
// refused in words; one typed as the Chinese write it is kept YYYY-MM-DD.
func TestProgrammeEditsTheNextDrill(t *testing.T) {
	h, _ := fixture(t, i18n.ZH)
	open(h)
	entry := entryWithText(t, h, "2030-01-06")
	test.Type(entry, "x")
	tree.FindButton(t, h.win.Content(), "保存日期").OnTapped()
	if !h.shown(t, "请按“年-月-日”填写日期，例如2026-12-12。") {
		t.Fatalf("a bad date is not refused in words:\n%s", tree.AllText(h.win.Content()))
	}
	entry = entryWithText(t, h, "x2030-01-06") // kept across the redraw
	entry.SetText("2030年1月20日")
	tree.FindButton(t, h.win.Content(), "保存日期").OnTapped()
	drills, err := h.st.NextDrills()
	if err != nil || drills["North Water"] != "2030-01-20" {
		t.Fatalf("next drills = %v, %v", drills, err)
	}
	if !h.shown(t, "2030-01-20（还有19天）") || !h.shown(t, "已保存下次演练日期。") {
		t.Errorf("the new date is not shown:\n%s", tree.AllText(h.win.Content()))
	}
}

func entryWithText(t *testing.T, h *host, text string) *widget.Entry {
	t.Helper()
	for _, e := range tree.Find[*widget.Entry](t, h.win.Content()) {
		if e.Text == text {
			return e
		}
	}
	t.Fatalf("no entry holds %q", text)
	return nil
}

// An exercise filed under none is filed from the screen: the dialog's name
// is checked, saved, and the organisation then lists it.
func TestProgrammeFilesAnExercise(t *testing.T) {
	h, ids := fixture(t, i18n.EN)
	s := open(h)
	s.Select(unfiled)
	if !h.shown(t, "These exercises belong to no organisation. File each under one to compare it with the organisation's other exercises.") {
		t.Fatalf("the unfiled list:\n%s", tree.AllText(h.win.Content()))
	}
	tree.FindButton(t, h.win.Content(), "Organisation…").OnTapped()
	d := tree.Dialog(t, h.win)
	var entry *widget.SelectEntry
	for _, e := range tree.Find[*widget.SelectEntry](t, d) {
		entry = e
	}
	if entry == nil {
		t.Fatal("no name entry in the dialog")
	}
	entry.SetText("Line one\nline two")
	tree.FindButton(t, d, "Save").OnTapped()
	if !tree.Shown(t, d, "The name must be on one line.") {
		t.Fatalf("a name on two lines was not refused:\n%s", tree.AllText(d))
	}
	entry.SetText("  South   Cohort 2030 ")
	tree.FindButton(t, d, "Save").OnTapped()
	orgs, err := h.st.Organisations()
	if err != nil || orgs[ids[2]] != "South Cohort 2030" {
		t.Fatalf("organisations = %v, %v", orgs, err)
	}
	if s.selected != "South Cohort 2030" || !h.shown(t, "Filed under South Cohort 2030.") || !h.shown(t, "South Cohort 2030 (1)") {
		t.Errorf("after filing:\n%s", tree.AllText(h.win.Content()))
	}
}

// The programme report is exported from the screen in each format.
func TestProgrammeExports(t *testing.T) {
	h, _ := fixture(t, i18n.EN)
	s := open(h)
	var got bytes.Buffer
	var name string
	s.saveFile = func(n string, done func(w io.WriteCloser, where string)) {
		name = n
		got.Reset()
		done(nopCloser{&got}, "/tmp/x/"+n)
	}
	for _, c := range []struct{ button, prefix string }{{"PDF", "%PDF"}, {"HTML", "<!DOCTYPE html>"}, {"CSV", "\uFEFFrecord,exercise"}} {
		tree.FindButton(t, h.win.Content(), c.button).OnTapped()
		if !strings.HasPrefix(got.String(), c.prefix) {
			t.Errorf("%s export starts %.30q", c.button, got.String())
		}
		if !strings.HasPrefix(name, "programme-North-Water-2030-01-01.") || !h.shown(t, "Saved to /tmp/x/"+name) {
			t.Errorf("%s: name %q; screen:\n%s", c.button, name, tree.AllText(h.win.Content()))
		}
	}
}
