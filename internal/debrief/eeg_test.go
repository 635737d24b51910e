package debrief

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// playWorld plays world.yaml with one team, Alpha, who reports at took
// after the decision opens (at 4m) with text, and returns the report.
func playWorld(t *testing.T, took time.Duration, option, text, lang string) *Report {
	t.Helper()
	s, log := startWorld(t, "Alpha")
	if err := s.AdvanceTo(4*time.Minute + took); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "notify", Option: option, Text: text}); err != nil {
		t.Fatal(err)
	}
	if err := s.AdvanceTo(60 * time.Minute); err != nil {
		t.Fatal(err)
	}
	var st *engine.State
	s.Read(func(x *engine.State) { st = x })
	return Build(st, log.Events, lang, "")
}

func tasksOf(t *testing.T, r *Report, team string) map[string]TaskResult {
	t.Helper()
	out := map[string]TaskResult{}
	for _, ot := range r.Objectives[0].Teams {
		if ot.Team == team {
			for _, tr := range ot.Tasks {
				out[tr.Task] = tr
			}
		}
	}
	return out
}

func at(tr TaskResult) float64 {
	if tr.AtSeconds == nil {
		return -1
	}
	return *tr.AtSeconds
}

// world.yaml's objective has a guide with four critical tasks; in the
// played world Bravo reports at 6m (2m after the decision opened, with an
// apology and the hotline) and Alpha stays silent.
func TestCriticalTasksPerTeam(t *testing.T) {
	st, events := playedWorld(t)
	r := Build(st, events, "en", "")
	o := r.Objectives[0]
	if o.Capability != "Public information and warning" || len(o.Targets) != 1 || len(o.Targets[0].Tasks) != 4 {
		t.Fatalf("guide %+v", o)
	}
	if how := o.Targets[0].Tasks[0].How; how != "choosing \"Report and publish\" for \"Notify and say what?\", within 5m00s" {
		t.Errorf("how the first task shows: %q", how)
	}
	if o.Targets[0].Tasks[3].Observed != TaskEvaluator {
		t.Errorf("the last task is an evaluator's: %+v", o.Targets[0].Tasks[3])
	}
	bravo := tasksOf(t, r, "Bravo")
	for _, id := range []string{"report-in-time", "hotline-said", "authority-notified"} {
		if !bravo[id].Met() || at(bravo[id]) != 360 {
			t.Errorf("Bravo %s: %+v, want met at 6m (360 s)", id, bravo[id])
		}
	}
	if bravo["one-voice"].Status != TaskEvaluator || bravo["one-voice"].AtSeconds != nil {
		t.Errorf("Bravo one-voice: %+v", bravo["one-voice"])
	}
	alpha := tasksOf(t, r, "Alpha")
	for _, id := range []string{"report-in-time", "hotline-said", "authority-notified"} {
		if alpha[id].Status != TaskNotMet || alpha[id].AtSeconds != nil {
			t.Errorf("Alpha %s: %+v, want not met", id, alpha[id])
		}
	}
	if ev := alpha["authority-notified"].Evidence; ev != "missed, due 00:22:00" {
		t.Errorf("Alpha's deadline evidence %q", ev)
	}
	// The JSON export carries them.
	data, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if got := back.Objectives[0].Teams[1].Tasks[0]; !got.Met() || at(got) != 360 {
		t.Errorf("after JSON: %+v", got)
	}
}

// Each condition of a link counts: the option, the time, what the judge
// finds in the statement.
func TestCriticalTaskConditions(t *testing.T) {
	// Too slow: reported after 7 minutes, past the task's 5.
	r := playWorld(t, 7*time.Minute, "report", "We are sorry. Call 400-123-456.", "en")
	tasks := tasksOf(t, r, "Alpha")
	if tr := tasks["report-in-time"]; tr.Met() || tr.Evidence != "chose \"Report and publish\" after 7m00s, too late" {
		t.Errorf("late: %+v", tr)
	}
	if tr := tasks["hotline-said"]; !tr.Met() || at(tr) != 11*60 {
		t.Errorf("the statement task has no time limit: %+v", tr)
	}
	// The other option, and a statement without an apology.
	r = playWorld(t, time.Minute, "wait", "Call 400-123-456.", "en")
	tasks = tasksOf(t, r, "Alpha")
	if tr := tasks["report-in-time"]; tr.Met() || tr.Evidence != "chose \"Wait\" instead" {
		t.Errorf("other option: %+v", tr)
	}
	if tr := tasks["hotline-said"]; tr.Met() || !strings.Contains(tr.Evidence, "the statement fell short") {
		t.Errorf("no apology: %+v", tr)
	}
	// In Chinese.
	r = playWorld(t, 2*time.Minute, "report", "We are sorry. Call 400-123-456.", "zh")
	tasks = tasksOf(t, r, "Alpha")
	if got := TaskCell(tasks["report-in-time"], "zh"); got != "于 00:06:00 完成（用时2分钟选择了“通报并公开”）" {
		t.Errorf("zh cell %q", got)
	}
	if how := r.Objectives[0].Targets[0].Tasks[0].How; how != "就“通报并说明什么？”选择“通报并公开”，5分钟内" {
		t.Errorf("zh how %q", how)
	}
}

// A poor option is one area for improvement and one corrective action,
// not one per score dimension it is poor on.
func TestOnePlanRowPerPoorOption(t *testing.T) {
	st := played(t) // Bravo|2 denies: transparency −3, empathy −2
	r := Build(st, nil, "en", "")
	var rows []PlanRow
	for _, p := range r.Plan {
		if p.Team == "Bravo|2" && p.Subject == "first" && p.Code == "weak-option" {
			rows = append(rows, p)
		}
	}
	if len(rows) != 1 || !strings.Contains(rows[0].What, "Transparency -3") || !strings.Contains(rows[0].What, "Empathy -2") {
		t.Fatalf("rows for the denial: %+v", rows)
	}
	seen := map[[3]string]bool{}
	for _, p := range r.Plan {
		k := [3]string{p.Team, p.Code, p.Subject}
		if seen[k] {
			t.Errorf("two corrective actions for one issue: %+v", k)
		}
		seen[k] = true
	}
}

// Findings and corrective actions carry the objective they bear on, and
// the plan groups them under it, those under no objective last.
func TestPlanByObjective(t *testing.T) {
	st, events := playedWorld(t)
	r := Build(st, events, "en", "")
	for _, f := range r.Improvements {
		want := ""
		if f.Subject == "notify" || f.Subject == "regulator-72h" {
			want = "notify"
		}
		if f.Objective != want {
			t.Errorf("%s/%s bears on %q, want %q", f.Code, f.Subject, f.Objective, want)
		}
	}
	groups := r.PlanByObjective()
	if len(groups) != 2 || groups[0].Objective != "notify" || groups[1].Objective != "" {
		t.Fatalf("groups %+v", groups)
	}
	if groups[0].Title != "Notify the regulator in time (Public information and warning)" || groups[1].Title != "Under no objective" {
		t.Errorf("titles %q, %q", groups[0].Title, groups[1].Title)
	}
	n := 0
	for _, g := range groups {
		n += len(g.Rows)
	}
	if n != len(r.Plan) {
		t.Errorf("%d rows grouped, %d in the plan", n, len(r.Plan))
	}
	// A saved plan keeps the objective and status of its rows, and finds
	// the objective of a row saved before rows carried one.
	p := DraftPlan(r)
	// The draft lists the actions by objective, those under none last.
	var objectives []string
	for _, a := range p.Actions {
		objectives = append(objectives, a.Objective)
	}
	if want := []string{"notify", "notify", "notify", "", ""}; !slices.Equal(objectives, want) {
		t.Errorf("draft's objectives %q, want %q", objectives, want)
	}
	p.Actions[0].Status = StatusInProgress
	p.Actions[1].Objective = "" // as a plan saved before rows had objectives
	r2 := Build(st, events, "en", "")
	r2.ApplyPlan(p)
	find := func(plan []PlanRow, a PlanRow) PlanRow {
		for _, x := range plan {
			if x.Team == a.Team && x.Code == a.Code && x.Subject == a.Subject {
				return x
			}
		}
		t.Fatalf("no row %+v in %+v", a, plan)
		return PlanRow{}
	}
	if got := find(r2.Plan, p.Actions[0]); got.Status != StatusInProgress {
		t.Errorf("status not kept: %+v", got)
	}
	if got := find(r2.Plan, p.Actions[1]); got.Objective != "notify" {
		t.Errorf("objective not found again: %+v", got)
	}
	if err := (Plan{Actions: []PlanRow{{What: "x", Status: "finished"}}}).Validate(); err == nil {
		t.Error("an unknown status is accepted")
	}
}

// The false claims of one choice are one issue: one area for improvement
// naming every truth, one corrective action.
func TestOneIssuePerChoiceWithFalseClaims(t *testing.T) {
	src, err := os.ReadFile("../engine/testdata/world.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(src), "phases:\n", "false_claims:\n  no-leak: {en: \"Data did leak.\", zh: 数据确实泄露了。}\n  all-safe: {en: \"Users were at risk.\", zh: 用户面临风险。}\nphases:\n", 1)
	s = strings.Replace(s, "{id: wait, text: {en: Wait, zh: 等待}, scores: {transparency: -2}, next: done}",
		"{id: wait, text: {en: Wait, zh: 等待}, scores: {transparency: -2}, claims: [no-leak, all-safe], public: true, next: done}", 1)
	log := &engine.MemoryLog{}
	sess, err := engine.Start(engine.Config{ScenarioID: "world", Source: []byte(s), Teams: []string{"Alpha"}, Lang: "en", Seed: 1}, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(sess.Send(engine.Command{Kind: engine.CmdResume}))
	must(sess.AdvanceTo(5 * time.Minute))
	must(sess.Send(engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "notify", Option: "wait", Text: "Nothing happened."}))
	must(sess.AdvanceTo(60 * time.Minute))
	var st *engine.State
	sess.Read(func(x *engine.State) { st = x })
	r := Build(st, log.Events, "en", "")
	var rows []PlanRow
	for _, p := range r.Plan {
		if p.Code == "false-claim" {
			rows = append(rows, p)
		}
	}
	if len(rows) != 1 || rows[0].Subject != "notify/no-leak,all-safe" || rows[0].Objective != "notify" ||
		!strings.Contains(rows[0].What, "The truth: Data did leak. Users were at risk.") {
		t.Errorf("false-claim rows %+v", rows)
	}
}
