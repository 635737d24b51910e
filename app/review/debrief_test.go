package review

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
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

// debriefTexts collects the texts shown under o: labels, rich text, canvas
// texts, entries, selections and buttons, every tab's content included.
func debriefTexts(t *testing.T, o fyne.CanvasObject) []string {
	t.Helper()
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case nil:
		case *widget.Label, *ui.WrapLabel, *widget.RichText, *canvas.Text:
			text, _ := tree.TextOf(x)
			out = append(out, text)
		case *widget.Entry:
			out = append(out, x.Text)
		case *widget.Select:
			out = append(out, x.Selected)
		case *ui.KeyButton:
			out = append(out, x.Text)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(x.Content)
		case *container.AppTabs:
			for _, it := range x.Items {
				out = append(out, it.Text)
				walk(it.Content)
			}
		case *widget.Form:
			for _, it := range x.Items {
				out = append(out, it.Text)
				walk(it.Widget)
			}
		case *ui.Drawing:
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func hasText(texts []string, sub string) bool {
	return slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, sub) })
}

// worldDebrief shows the debrief of the world exercise played by
// uitest.PlayedWorld.
func worldDebrief(t *testing.T) (*host, *Debrief, *exercise.DB, string) {
	t.Helper()
	st, _, id := uitest.PlayedWorld(t)
	h := newHost(t, st)
	return h, h.openDebrief(id), st, id
}

func TestDebriefTabsShowTeamsAndObjectives(t *testing.T) {
	_, d, _, _ := worldDebrief(t)
	if n := len(d.tabs.Items); n != 7 {
		t.Fatalf("%d tabs", n)
	}
	var names []string
	for _, it := range d.tabs.Items {
		names = append(names, it.Text)
	}
	if strings.Join(names, ",") != "Overview,Teams,Objectives,Timeline,Replay,Improvement plan,Feedback" {
		t.Errorf("tabs %v", names)
	}

	// Overview: the chart's legend, endings and the general note.
	ov := debriefTexts(t, d.tabs.Items[tabOverview].Content)
	for _, want := range []string{"Scores by team (0–100)", "Alpha", "Bravo", "Good energy in the room", "The world over exercise time", "* set by the facilitator"} {
		if !hasText(ov, want) {
			t.Errorf("overview lacks %q", want)
		}
	}

	// Teams: one tab each, side by side in the chart; Bravo's statement
	// with its facts, Alpha's override, missed deadline and note.
	d.selectTab(tabTeams)
	if len(d.teamTabs.Items) != 2 {
		t.Fatalf("team tabs %d", len(d.teamTabs.Items))
	}
	bravoCard := teamCard(t, d, "Bravo")
	bravo := debriefTexts(t, bravoCard)
	for _, want := range []string{"We are sorry. Call 400-123-456 any time.", "Hotline number — included", "Date of the leak — missing",
		"Report and publish — answered in 2m00s", "Required facts included: 1 of 2"} {
		if !hasText(bravo, want) {
			t.Errorf("Bravo's card lacks %q:\n%s", want, strings.Join(bravo, "\n"))
		}
	}
	alpha := debriefTexts(t, teamCard(t, d, "Alpha"))
	for _, want := range []string{"* Speed set to 55 by the facilitator", "They were waiting for legal", "Alpha argued about who should speak",
		"missed", "no answer — deadline passed"} {
		if !hasText(alpha, want) {
			t.Errorf("Alpha's card lacks %q:\n%s", want, strings.Join(alpha, "\n"))
		}
	}
	if hasText(alpha, "Good energy in the room") {
		t.Error("the general note shows on Alpha's card")
	}
	found, missing := " — "+d.host.Loc().T("debrief.fact_found"), " — "+d.host.Loc().T("debrief.fact_missing")
	if got := factLines(t, d, bravoCard); len(got) != 2 || !strings.HasSuffix(got[0], found) || !strings.HasSuffix(got[1], missing) {
		t.Errorf("Bravo's facts %q", got)
	}
	// The statement rubric's feedback: the apology is found.
	if got := rubricHeads(t, d, bravoCard); got != 1 || !hasText(bravo, "Statement check: ") || !hasText(bravo, "Apologises") {
		t.Errorf("Bravo's rubric feedback: %d results in\n%s", got, strings.Join(bravo, "\n"))
	}

	// Objectives: the objective, each team's evidence, the suggested and
	// given ratings.
	d.selectTab(tabObjectives)
	obj := debriefTexts(t, d.tabs.Items[tabObjectives].Content)
	for _, want := range []string{"Notify the regulator in time", "given", "Clear and quick", "P — performed without challenges",
		"suggested by the evidence", "(to be rated)", "U — unable to be performed"} {
		if !hasText(obj, want) {
			t.Errorf("objectives lack %q:\n%s", want, strings.Join(obj, "\n"))
		}
	}
	// Badges: Bravo given P (suggested P), Alpha suggested U.
	var badges []string
	for _, s := range obj {
		if len(s) == 1 && strings.Contains("PSMU", s) {
			badges = append(badges, s)
		}
	}
	if strings.Join(badges, "") != "UPP" {
		t.Errorf("rating badges %v", badges)
	}

	// Timeline: per team, with the response time and the statement.
	d.selectTab(tabTimeline)
	timeline := tabContent(d, tabTimeline)
	picks := tree.Find[*widget.RadioGroup](t, timeline)[0]
	all := len(timelineEntries(d))
	picks.SetSelected("Bravo")
	if shown := timelineEntries(d); len(shown) >= all || !hasText(shown, "Chose \"Report and publish\"") {
		t.Errorf("Bravo's timeline (%d of %d): %v", len(shown), all, shown)
	}
	if hasText(timelineEntries(d), "Missed the regulatory deadline") {
		t.Error("Bravo's timeline shows Alpha's missed deadline")
	}
	picks.SetSelected("Alpha")
	for _, want := range []string{"Missed the regulatory deadline", "Facilitator note: Alpha argued", "Facilitator set Speed to 55"} {
		if shown := timelineEntries(d); !hasText(shown, want) {
			t.Errorf("Alpha's timeline lacks %q: %v", want, shown)
		}
	}
	quiet := len(timelineEntries(d))
	var everything *widget.Check
	for _, c := range tree.Find[*widget.Check](t, timeline) {
		if c.Text == d.host.Loc().T("debrief.timeline_everything") {
			everything = c
		}
	}
	if everything == nil {
		t.Fatal("the timeline has no tick for every event")
	}
	test.Tap(everything)
	if n := len(timelineEntries(d)); n <= quiet {
		t.Errorf("everything shows %d entries, the quiet view %d", n, quiet)
	}
	// That the debrief fits the window is the app's test, with the window's
	// header (TestTheDebriefFitsTheWindow).
}

// The replay folds the log to the slider's moment. It runs in a synctest
// bubble: the redraw once the slider rests comes when the test lets the
// bubble's clock move on.
func TestDebriefReplayAtAMoment(t *testing.T) {
	synctest.Test(t, testDebriefReplayAtAMoment)
}

func testDebriefReplayAtAMoment(t *testing.T) {
	_, d, _, _ := worldDebrief(t)
	uiq := uitest.QueueUI(t) // the test's goroutine is the UI goroutine
	d.selectTab(tabReplay)
	v := d.replay
	// Alpha's notify times out at 34m, every team has finished, and the
	// exercise ends: the replay opens there.
	if s, _ := debrief.StateAt(d.data.events, v.at); v.at != 34*time.Minute || len(v.body.Objects) == 0 || !s.Ended {
		t.Fatalf("replay starts at %v", v.at)
	}

	// At the end Alpha has chosen nothing: its decisions are closed, and
	// none counts as decided.
	if alpha := replayColumn(t, v, "Alpha"); hasText(alpha, "Decided (") || !hasText(alpha, ": 0 decided, ") {
		t.Errorf("Alpha, who chose nothing, at the end: %v", alpha)
	}
	if bravo := replayColumn(t, v, "Bravo"); !hasText(bravo, "Decided (1)") && !hasText(bravo, ": 1 decided, ") {
		t.Errorf("Bravo, who chose once, at the end: %v", bravo)
	}

	v.moveTo(3 * time.Minute)
	bravo := replayColumn(t, v, "Bravo")
	if !hasText(bravo, "The breach is confirmed") || hasText(bravo, "A reporter asks") || !hasText(bravo, "Received (1)") {
		t.Errorf("Bravo at 3m: %v", bravo)
	}
	if hasText(bravo, "Decided") {
		t.Errorf("Bravo has decided at 3m: %v", bravo)
	}
	if got := v.clock.Text; got != "00:03:00 / 00:34:00" {
		t.Errorf("clock %q", got)
	}

	// The slider: letting go at 7m shows Bravo's answer and Alpha waiting.
	v.slider.SetValue(7 * 60)
	if v.at != 7*time.Minute {
		t.Fatalf("slider moved the replay to %v", v.at)
	}
	bravo, alpha := replayColumn(t, v, "Bravo"), replayColumn(t, v, "Alpha")
	if !hasText(bravo, "00:06:00 · Report and publish (in 2m00s)") {
		t.Errorf("Bravo at 7m: %v", bravo)
	}
	if !hasText(alpha, "Waiting for an answer (2)") || !hasText(alpha, "Notify and say what?") {
		t.Errorf("Alpha at 7m: %v", alpha)
	}

	// Dragging redraws once, after the slider rests: not while it moves
	// (a step every 100 ms, less than replayDelay apart), nor before it has
	// rested for replayDelay. The clock beside the slider follows it.
	shown := v.body.Objects[0] // the moment drawn
	for _, sec := range []float64{600, 700, 800, 1500} {
		v.slider.Value = sec
		v.slider.OnChanged(sec)
		uiq.Settle(100 * time.Millisecond)
		if v.body.Objects[0] != shown || v.at != 7*time.Minute {
			t.Fatalf("redrawn at %v while the slider moved", v.at)
		}
	}
	if got := v.clock.Text; got != "00:25:00 / 00:34:00" {
		t.Errorf("clock while dragging %q", got)
	}
	uiq.Settle(replayDelay - 100*time.Millisecond - time.Millisecond)
	if v.body.Objects[0] != shown {
		t.Fatalf("redrawn at %v before the slider had rested for replayDelay", v.at)
	}
	uiq.Settle(time.Millisecond)
	if v.body.Objects[0] == shown || v.at != 25*time.Minute {
		t.Errorf("after the drag: at %v (redrawn %v)", v.at, v.body.Objects[0] != shown)
	}
	if !hasText(replayColumn(t, v, "Alpha"), "You are late") {
		t.Errorf("Alpha at 25m lacks the regulator's reminder: %v", replayColumn(t, v, "Alpha"))
	}

	// Previous and next step through the events.
	v.moveTo(3 * time.Minute)
	test.Tap(v.next)
	if v.at != 4*time.Minute {
		t.Errorf("next from 3m: %v", v.at)
	}
	test.Tap(v.prev)
	if v.at != 2*time.Minute {
		t.Errorf("previous from 4m: %v", v.at)
	}
}

// Plan edits are saved in the store and come back when the debrief is
// opened again; a bad due date is refused beside its field.
// It runs in a synctest bubble: the save a moment after typing comes when
// the test lets the bubble's clock move on.
func TestDebriefPlanIsSavedAndReopened(t *testing.T) {
	synctest.Test(t, testDebriefPlanIsSavedAndReopened)
}

func testDebriefPlanIsSavedAndReopened(t *testing.T) {
	h, d, st, id := worldDebrief(t)
	uiq := uitest.QueueUI(t) // the test's goroutine is the UI goroutine
	d.selectTab(tabPlan)
	p := d.plan
	loc := h.loc
	actions := planActions(t, d)
	if areas := planItems(t, d, "debrief.plan_areas"); p.saved || len(actions) == 0 || len(areas) == 0 {
		t.Fatalf("draft: saved %v, %d actions, %d areas", p.saved, len(actions), len(areas))
	}
	if !strings.Contains(actions[0].what.Text, "Alpha") && p.model.Actions[0].Team != "Alpha" {
		t.Errorf("first action is not drawn from Alpha's findings: %+v", p.model.Actions[0])
	}
	if saved, _ := st.Plan(id); saved != nil {
		t.Fatal("a plan was saved before any edit")
	}

	a := actions[0]
	test.Type(a.action, "Pre-approved holding statements")
	test.Type(a.owner, "Head of comms")
	test.Type(a.due, "2027/3/1")
	if got := a.dueMessage.Text; got != "saved as 2027-03-01" {
		t.Errorf("due message %q", got)
	}
	test.Tap(tree.FindButton(t, tabContent(d, tabPlan), loc.T("debrief.plan_save")))
	uiq.Pump() // the save says it is done
	got, err := st.Plan(id)
	if err != nil || got == nil || len(got.Actions) == 0 {
		t.Fatalf("after Save: %+v, %v", got, err)
	}
	if x := got.Actions[0]; x.Action != "Pre-approved holding statements" || x.Owner != "Head of comms" || x.Due != "2027-03-01" || x.Team != "Alpha" {
		t.Errorf("saved action %+v", x)
	}
	if !strings.HasPrefix(p.status.Text, "Saved with the exercise at") {
		t.Errorf("status %q", p.status.Text)
	}

	// A new action with a date that does not exist.
	test.Tap(tree.FindButton(t, tabContent(d, tabPlan), loc.T("debrief.plan_add_action")))
	actions = planActions(t, d)
	b := actions[len(actions)-1]
	test.Type(b.what, "Nobody owned the regulator")
	test.Type(b.due, "2027-02-30")
	if b.dueMessage.Text != "Not a date: write it as 2027-03-31" || b.dueMessage.Importance != widget.DangerImportance {
		t.Errorf("bad date message %q", b.dueMessage.Text)
	}
	// A strength of the facilitator's own, saved a moment after typing.
	test.Tap(tree.FindButton(t, tabContent(d, tabPlan), loc.T("debrief.plan_add_strength")))
	strengths := planItems(t, d, "debrief.plan_strengths")
	test.Type(strengths[len(strengths)-1], "Calm hand-over between shifts")
	uiq.Settle(planSaveDelay - time.Millisecond)
	if got, _ = st.Plan(id); slices.ContainsFunc(got.Strengths, func(x debrief.PlanItem) bool { return x.Text == "Calm hand-over between shifts" }) {
		t.Error("saved before typing had paused for planSaveDelay")
	}
	uiq.Settle(time.Millisecond)
	got, _ = st.Plan(id)
	if !slices.ContainsFunc(got.Strengths, func(x debrief.PlanItem) bool { return x.Text == "Calm hand-over between shifts" }) {
		t.Errorf("the typed strength was not saved after the delay: %+v", got.Strengths)
	}
	last := got.Actions[len(got.Actions)-1]
	if last.What != "Nobody owned the regulator" || last.Due != "" {
		t.Errorf("action with a bad date saved as %+v", last)
	}
	if !strings.Contains(p.status.Text, "action "+strconv.Itoa(len(got.Actions))+" is not a date") {
		t.Errorf("status after a bad date: %q", p.status.Text)
	}

	// More typing, then leaving the screen at once: saved on the way out.
	test.Type(a.owner, " and legal")
	h.ShowHome()
	got, _ = st.Plan(id)
	if got.Actions[0].Owner != "Head of comms and legal" {
		t.Errorf("leaving the screen did not save: %+v", got.Actions[0])
	}

	// Reopened, the debrief shows the saved plan, and exports it.
	d2 := h.openDebrief(id)
	d2.selectTab(tabPlan)
	p2 := d2.plan
	if a2 := planActions(t, d2)[0]; !p2.saved || a2.action.Text != "Pre-approved holding statements" || a2.due.Text != "2027-03-01" ||
		a2.owner.Text != "Head of comms and legal" {
		t.Errorf("reopened plan: saved %v, first action %+v", p2.saved, p2.model.Actions[0])
	}
	var md strings.Builder
	if err := d2.writeDebrief(&md); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "Pre-approved holding statements") || !strings.Contains(md.String(), "Calm hand-over between shifts") {
		t.Errorf("the Markdown export lacks the plan:\n%s", md.String())
	}

	// Starting again from the evidence forgets the saved plan.
	p2.reset()
	uiq.Pump() // the plan is deleted off the UI goroutine, then the editor redraws
	if saved, _ := st.Plan(id); saved != nil || p2.saved {
		t.Error("reset kept the saved plan")
	}
}

// The export buttons write every format, and team handouts, through the
// (here bypassed) save dialog.
func TestDebriefExportsWriteFiles(t *testing.T) {
	synctest.Test(t, testDebriefExportsWriteFiles) // an export starts the progress dialog's timer
}

func testDebriefExportsWriteFiles(t *testing.T) {
	h, d, _, _ := worldDebrief(t)
	dir := t.TempDir()
	var asked []string
	d.saveFile = func(name string, done func(w io.WriteCloser, where string)) {
		asked = append(asked, name)
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		done(f, path)
	}
	// An edit to the plan goes into the exports.
	d.selectTab(tabPlan)
	test.Type(planActions(t, d)[0].action, "Tabletop on notification duties")

	b := d.export
	loc := h.loc
	for _, f := range exportFormats {
		test.Tap(b.buttons[f.id])
		if got, want := message(t, h), loc.T("debrief.exported", "path", filepath.Join(dir, asked[len(asked)-1])); got != want {
			t.Fatalf("%s: the export says %q, want %q", f.id, got, want)
		}
	}
	if strings.Join(asked, ",") != "debrief-world.html,debrief-world.pdf,debrief-world.md,debrief-world.csv,debrief-world.json" {
		t.Errorf("file names %v", asked)
	}
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	if s := read("debrief-world.html"); !strings.HasPrefix(s, "<!DOCTYPE html>") || !strings.Contains(s, "Tabletop on notification duties") {
		t.Errorf("HTML: %.200s", s)
	}
	if s := read("debrief-world.pdf"); !strings.HasPrefix(s, "%PDF-") {
		t.Errorf("PDF: %.20q", s)
	}
	if s := read("debrief-world.md"); !strings.Contains(s, "Tabletop on notification duties") {
		t.Error("Markdown lacks the plan")
	}
	if s := read("debrief-world.csv"); !strings.HasPrefix(s, "\uFEFFexercise_time,team,kind") || !strings.Contains(s, "decision.chosen") {
		t.Errorf("CSV: %.100q", s)
	}
	var rep struct {
		Overview struct {
			ExerciseID string `json:"exercise_id"`
		} `json:"overview"`
		PlanSaved bool `json:"plan_saved"`
		Plan      []struct {
			Action string `json:"action"`
		} `json:"improvement_plan"`
	}
	if err := json.Unmarshal([]byte(read("debrief-world.json")), &rep); err != nil || !rep.PlanSaved ||
		rep.Overview.ExerciseID != d.data.id || rep.Plan[0].Action != "Tabletop on notification duties" {
		t.Errorf("JSON: %+v, %v", rep, err)
	}

	// Alpha's handout, in every format (Markdown too): a file named for the
	// team with only Alpha's results.
	var teamSelect *widget.Select
	for _, sel := range tree.Find[*widget.Select](t, h.win.Content()) {
		if len(sel.Options) > 0 && sel.Options[0] == loc.T("debrief.export_all_teams") {
			teamSelect = sel
		}
	}
	if teamSelect == nil {
		t.Fatal("the debrief offers no team handout")
	}
	teamSelect.SetSelectedIndex(1)
	if b.team != "Alpha" || b.buttons["md"].Disabled() || b.buttons["html"].Disabled() {
		t.Fatalf("handout selection: team %q, md disabled %v", b.team, b.buttons["md"].Disabled())
	}
	test.Tap(b.buttons["md"])
	if s := read("debrief-world-Alpha.md"); !strings.Contains(s, "Team handout: Alpha") || strings.Contains(s, "Bravo") {
		t.Errorf("Markdown handout: %.300s", s)
	}
	test.Tap(b.buttons["json"])
	var hand struct {
		HandoutTeam string `json:"handout_team"`
		Teams       []struct {
			Name string `json:"name"`
		} `json:"teams"`
	}
	if err := json.Unmarshal([]byte(read("debrief-world-Alpha.json")), &hand); err != nil || hand.HandoutTeam != "Alpha" || len(hand.Teams) != 1 {
		t.Errorf("handout: %+v, %v", hand, err)
	}

	// A failing write is reported, not swallowed.
	d.saveFile = func(name string, done func(w io.WriteCloser, where string)) { done(failWriter{}, "/nowhere/"+name) }
	test.Tap(b.buttons["csv"])
	// Said in the UI's language, as the system's refusal is.
	if got, want := message(t, h), loc.T("debrief.export_failed", "error", loc.T("error.os.permission")); got != want || b.busy {
		t.Errorf("failed export: says %q (want %q), busy %v", got, want, b.busy)
	}
}

// An export that takes a while shows a progress dialog after
// exportProgressDelay, until it is done; a quick one shows none. In a
// synctest bubble, with the export in a goroutine of its own, held by a
// writer that waits for the test.
func TestASlowExportShowsItsProgress(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h, d, _, _ := worldDebrief(t)
		uiq := uitest.QueueUI(t) // the test's goroutine is the UI goroutine
		h.background = func(f func()) { go f() }
		release := make(chan struct{})
		d.saveFile = func(name string, done func(w io.WriteCloser, where string)) {
			done(heldWriter{release}, "/slow/"+name)
		}
		b := d.export
		test.Tap(b.buttons["csv"])
		uiq.Settle(exportProgressDelay - time.Millisecond)
		if b.progress != nil {
			t.Fatal("the progress dialog shows before exportProgressDelay")
		}
		if !b.busy || !b.buttons["json"].Disabled() {
			t.Error("the export buttons can be pressed while an export runs")
		}
		uiq.Settle(time.Millisecond)
		if b.progress == nil {
			t.Fatal("no progress dialog after exportProgressDelay")
		}
		close(release)
		uiq.Settle(0)
		if said := message(t, h); b.progress != nil || b.busy || said != h.loc.T("debrief.exported", "path", "/slow/debrief-world.csv") {
			t.Fatalf("after the export: progress %v, busy %v, says %q", b.progress != nil, b.busy, said)
		}

		// A quick export: done before the delay, it shows no progress.
		test.Tap(b.buttons["json"])
		uiq.Settle(0)
		uiq.Settle(10 * exportProgressDelay)
		if said := message(t, h); b.progress != nil || b.busy || said != h.loc.T("debrief.exported", "path", "/slow/debrief-world.json") {
			t.Errorf("after a quick export: progress %v, busy %v, says %q", b.progress != nil, b.busy, said)
		}
	})
}

// heldWriter is a file whose writes wait until release is closed (at once
// when it is).
type heldWriter struct{ release chan struct{} }

func (w heldWriter) Write(p []byte) (int, error) {
	<-w.release
	return len(p), nil
}

func (heldWriter) Close() error { return nil }

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrPermission }
func (failWriter) Close() error              { return nil }

// Switching the language redraws the debrief in Chinese and keeps the tab
// and the plan's unsaved edits.
func TestDebriefLanguageSwitchKeepsTabAndPlan(t *testing.T) {
	synctest.Test(t, testDebriefLanguageSwitchKeepsTabAndPlan) // the plan saves a moment after typing
}

func testDebriefLanguageSwitchKeepsTabAndPlan(t *testing.T) {
	h, d, _, _ := worldDebrief(t)
	d.selectTab(tabPlan)
	test.Type(planActions(t, d)[0].owner, "法务部")
	h.setLang(i18n.ZH)
	if d.tabs.SelectedIndex() != tabPlan || d.tabs.Items[tabPlan].Text != "改进计划" {
		t.Errorf("after the switch: tab %d %q", d.tabs.SelectedIndex(), d.tabs.Items[tabPlan].Text)
	}
	if got := planActions(t, d)[0].owner.Text; got != "法务部" {
		t.Errorf("owner after the switch: %q", got)
	}
	ov := debriefTexts(t, d.tabs.Items[tabOverview].Content)
	if !hasText(ov, "各小组得分") {
		t.Errorf("overview not in Chinese: %v", ov[:min(len(ov), 10)])
	}
}

// The mouse wheel over the plan's text boxes scrolls the plan, as it does
// between them (a multi-line entry keeps the wheel for itself); a click
// still reaches the text box.
func TestTheWheelOverThePlansTextBoxesScrollsThePlan(t *testing.T) {
	h, d, _, _ := worldDebrief(t)
	h.win.Resize(fyne.NewSize(1024, 600))
	d.selectTab(tabPlan)
	p := d.plan
	actions := planActions(t, d)
	if len(actions) == 0 {
		t.Fatal("no corrective action drawn")
	}
	e := actions[0].action
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e).Add(fyne.NewPos(20, 10))
	if p.scroll.Content.MinSize().Height <= p.scroll.Size().Height {
		t.Fatal("the plan fits the window: nothing to scroll")
	}
	// The relay takes nothing but the wheel: the drivers route clicks,
	// drags, hovering and the mouse cursor by these interfaces, so they
	// reach the text box under it.
	var relay any = &ui.WheelRelay{}
	for name, ok := range map[string]bool{
		"Tappable": is[fyne.Tappable](relay), "DoubleTappable": is[fyne.DoubleTappable](relay),
		"SecondaryTappable": is[fyne.SecondaryTappable](relay), "Draggable": is[fyne.Draggable](relay),
		"Focusable": is[fyne.Focusable](relay), "Hoverable": is[desktop.Hoverable](relay),
		"Cursorable": is[desktop.Cursorable](relay), "Mouseable": is[desktop.Mouseable](relay),
	} {
		if ok {
			t.Errorf("the wheel relay is %s: it would keep that from the text box", name)
		}
	}
	before := p.scroll.Offset.Y
	test.Scroll(h.win.Canvas(), pos, 0, -120)
	if p.scroll.Offset.Y <= before {
		t.Errorf("the wheel over a text box left the plan at %v (was %v)", p.scroll.Offset.Y, before)
	}
}

func is[T any](v any) bool { _, ok := v.(T); return ok }

// The debrief shows each team's statement and which of the required facts
// it held: Alpha's, with the hotline and without the date; Bravo's, who
// wrote none. (The app's TestStatementReachesEngineAndDebrief types them
// on the team's tab and finds them in the debrief by their text.)
func TestDebriefShowsStatementsAndTheirFacts(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	world := uitest.EngineEntry(t, "world.yaml")
	run, err := exercise.Start(st, engine.Config{ScenarioID: world.ID, Source: world.Source, Teams: []string{"Alpha", "Bravo"},
		Lang: "en", Speed: 1}, world.Scenario.Title, "gui", clock, exercise.EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	s := run.Session
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	text := "We are sorry. Call our hotline 400-123 for help."
	must(s.Send(engine.Command{Kind: engine.CmdResume}))
	clock.Add(5 * time.Minute)
	must(s.Tick())
	must(s.Send(engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "notify", Option: "report", Text: text}))
	must(s.Send(engine.Command{Kind: engine.CmdChoose, Team: "Bravo", Decision: "notify", Option: "wait"}))
	must(run.Flush())

	d := newHost(t, st).openDebrief(run.ID)
	loc := d.host.Loc()
	alpha, bravo := teamCard(t, d, "Alpha"), teamCard(t, d, "Bravo")
	if got := statements(t, alpha); len(got) != 1 || got[0].Text != text {
		t.Errorf("debrief shows Alpha's statement as %v", got)
	}
	// The facts are those of the notify decision, on its card.
	sc := d.st.Scenario
	found, missing := " — "+loc.T("debrief.fact_found"), " — "+loc.T("debrief.fact_missing")
	notify := tree.Around(t, alpha, sc.Decision("notify").Prompt.Get("en"))
	want := []string{"Hotline number" + found, "Date of the leak" + missing}
	if len(notify) != 1 || !slices.Equal(factLines(t, d, notify[0]), want) {
		t.Errorf("Alpha's facts in the debrief = %q, want %q on the notify decision's card", factLines(t, d, alpha), want)
	}
	if got := statements(t, bravo); len(got) != 1 || got[0].Text != "No statement was written." {
		t.Errorf("Bravo's empty statement shown as %v", got)
	}
	if got := factLines(t, d, bravo); len(got) != 2 || !strings.HasSuffix(got[0], missing) || !strings.HasSuffix(got[1], missing) {
		t.Errorf("Bravo's facts = %q", got)
	}
}

// The debrief of an ended exercise shows every team and exports them in
// Markdown, to a file named for the scenario. (The app's
// TestConsoleRunsAndEndsIntoDebrief ends an exercise into its debrief.)
func TestDebriefOfAnEndedExerciseExportsEveryTeam(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	run := uitest.StartMini(t, st, clock)
	if err := run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	clock.Add(3 * time.Minute)
	if err := run.Session.Tick(); err != nil {
		t.Fatal(err)
	}
	if err := run.Session.Send(engine.Command{Kind: engine.CmdEnd}); err != nil {
		t.Fatal(err)
	}
	d := newHost(t, st).openDebrief(run.ID)
	if len(d.teamTabs.Items) != 2 {
		t.Fatalf("debrief shows %d teams", len(d.teamTabs.Items))
	}
	var md strings.Builder
	if err := d.writeDebrief(&md); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "Alpha") || !strings.Contains(md.String(), "Bravo") {
		t.Errorf("exported Markdown lacks the teams:\n%s", md.String())
	}
	if got := debriefFileName(d.st.Scenario.ID); got != "debrief-mini.md" {
		t.Errorf("export file name = %s", got)
	}
}

// TestThePlanSavesInTheBackground: Save writes the plan off the UI
// goroutine; an edit made while it is written stays to be saved, and an
// export meanwhile shows the plan as it stands on screen.
// It runs in a synctest bubble, where the save a moment after typing does
// not come while the test does not sleep.
func TestThePlanSavesInTheBackground(t *testing.T) {
	synctest.Test(t, testThePlanSavesInTheBackground)
}

func testThePlanSavesInTheBackground(t *testing.T) {
	h, d, st, id := worldDebrief(t)
	var queued []func()
	h.background = func(f func()) { queued = append(queued, f) }
	d.selectTab(tabPlan)
	p := d.plan
	a := planActions(t, d)[0]
	test.Type(a.owner, "Head of comms")
	test.Tap(tree.FindButton(t, tabContent(d, tabPlan), h.loc.T("debrief.plan_save")))
	if saved, _ := st.Plan(id); saved != nil {
		t.Fatal("the plan was written on the UI goroutine")
	}
	test.Type(a.owner, "!") // an edit while the save runs
	if got := p.reportPlan(); got == nil || got.Actions[0].Owner != "Head of comms!" {
		t.Errorf("the export's plan is %+v, want the plan on screen", got)
	}
	for len(queued) > 0 {
		f := queued[0]
		queued = queued[1:]
		f()
	}
	got, err := st.Plan(id)
	if err != nil || got == nil || got.Actions[0].Owner != "Head of comms" {
		t.Fatalf("saved plan %+v, %v", got, err)
	}
	if !p.dirty {
		t.Error("the edit made during the save is taken as saved")
	}
}
