package debrief

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestDraftPlanFollowsTheFindings(t *testing.T) {
	r := worldReport(t, "en", "")
	p := DraftPlan(r)
	if len(p.Strengths) != len(r.Strengths) || len(p.Improvements) != len(r.Improvements) || len(p.Actions) != len(r.Plan) {
		t.Fatalf("draft %+v from report %d/%d/%d", p, len(r.Strengths), len(r.Improvements), len(r.Plan))
	}
	if len(p.Improvements) == 0 || p.Improvements[0].Code == "" || p.Improvements[0].Text != r.Improvements[0].Text {
		t.Errorf("first improvement %+v", p.Improvements)
	}
	// Applying the draft unchanged keeps the findings.
	r2 := worldReport(t, "en", "")
	r2.ApplyPlan(p)
	if len(r2.Improvements) != len(r.Improvements) || r2.Improvements[0] != r.Improvements[0] {
		t.Errorf("draft applied: %+v\nwant %+v", r2.Improvements, r.Improvements)
	}
}

func savedPlan() Plan {
	return Plan{
		Strengths: []PlanItem{
			{Text: "Everyone kept calm"},
			{Team: "Bravo", Code: "deadline-met", Subject: "regulator-72h", Text: "Bravo met the deadline"},
		},
		Improvements: []PlanItem{
			{Team: "Alpha", Text: "Alpha stayed silent for too long"},
			{Team: "Bravo", Text: "  "}, // left out
		},
		Actions: []PlanRow{
			{What: "Roles", Action: "Name a spokesperson", Owner: "COO", Due: "2027-01-31"},
			{Team: "Alpha", What: "Silence", Action: "Pre-approved holding statement | template", Owner: "Head of comms", Due: "2027-02-15"},
			{Team: "Bravo"}, // empty: left out
		},
		SavedAt: time.Date(2027, 1, 10, 16, 45, 0, 0, time.UTC),
	}
}

func TestSavedPlanInTheExports(t *testing.T) {
	st, events := playedWorld(t)
	p := savedPlan()
	r := BuildWithPlan(st, events, "en", "", &p)
	if !r.PlanSaved || r.PlanSavedAt == "" {
		t.Fatalf("plan not marked saved: %v %q", r.PlanSaved, r.PlanSavedAt)
	}
	// Grouped by team, the whole exercise last.
	if len(r.Strengths) != 2 || r.Strengths[0].Team != "Bravo" || r.Strengths[1].Team != "" || r.Strengths[1].Code != CodeFacilitator {
		t.Errorf("strengths %+v", r.Strengths)
	}
	if len(r.Improvements) != 1 || r.Improvements[0].Kind != KindImprovement {
		t.Errorf("improvements %+v", r.Improvements)
	}
	if len(r.Plan) != 2 || r.Plan[0].Team != "Alpha" || r.Plan[1].Owner != "COO" {
		t.Errorf("plan rows %+v", r.Plan)
	}

	html := string(HTML(r))
	for _, want := range []string{"Name a spokesperson", "2027-02-15", "Head of comms", "Alpha stayed silent for too long", "saved on 2027-01-10 16:45", "all teams"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(html, `<tr class="blank">`) {
		t.Error("HTML adds blank rows under a saved plan")
	}
	data, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		PlanSaved bool      `json:"plan_saved"`
		Plan      []PlanRow `json:"improvement_plan"`
	}
	if err := json.Unmarshal(data, &back); err != nil || !back.PlanSaved || len(back.Plan) != 2 || back.Plan[0].Due != "2027-02-15" {
		t.Errorf("JSON plan: %+v, %v", back, err)
	}
	pdf, err := PDF(r)
	if err != nil || len(pdf) == 0 {
		t.Errorf("PDF: %v", err)
	}

	md := Markdown(BuildWithPlan(st, events, "zh", "", &p))
	for _, want := range []string{"## 改进计划", "Name a spokesperson", `Pre-approved holding statement \| template`, "全体小组", "2027-01-31"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md[max(0, len(md)-1200):])
		}
	}
	if Markdown(BuildWithPlan(st, events, "en", "", nil)) != Markdown(Build(st, nil, "en", "")) {
		t.Error("Markdown without a plan changed, or depends on the log")
	}

	// Without a plan, the reports are as before.
	plain := Build(st, events, "en", "")
	if plain.PlanSaved || !strings.Contains(string(HTML(plain)), `<tr class="blank">`) {
		t.Error("a report without a saved plan lost its blank rows")
	}
}

func TestSavedPlanInAHandout(t *testing.T) {
	st, events := playedWorld(t)
	p := savedPlan()
	r := BuildWithPlan(st, events, "en", "Alpha", &p)
	for _, f := range append(r.Strengths, r.Improvements...) {
		if f.Team == "Bravo" {
			t.Errorf("Alpha's handout shows Bravo's %+v", f)
		}
	}
	if len(r.Strengths) != 1 || len(r.Plan) != 2 {
		t.Errorf("handout: strengths %+v, plan %+v", r.Strengths, r.Plan)
	}
}

func TestParseDue(t *testing.T) {
	for in, want := range map[string]string{
		"":             "",
		"  ":           "",
		"2027-03-01":   "2027-03-01",
		"2027/3/1":     "2027-03-01",
		"2027.03.01":   "2027-03-01",
		"2027年3月1日":    "2027-03-01",
		"２０２７－３－１":     "",
		"２０２７年３月１日":    "2027-03-01",
		" 2028-02-29 ": "2028-02-29",
	} {
		got, err := ParseDue(in)
		if want == "" && in != "" && strings.TrimSpace(in) != "" {
			if err == nil {
				t.Errorf("ParseDue(%q) = %q, want an error", in, got)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("ParseDue(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"tomorrow", "2027-02-30", "2027-13-01", "3/1/2027", "2027-03-01T10:00", "2027-03"} {
		if got, err := ParseDue(in); !errors.Is(err, ErrDueDate) {
			t.Errorf("ParseDue(%q) = %q, %v; want ErrDueDate", in, got, err)
		}
	}
}

// A plan to be saved has its due dates written YYYY-MM-DD (or none):
// Validate is ParseDue's check, refusing any other way of writing a date.
func TestPlanValidate(t *testing.T) {
	good := Plan{Actions: []PlanRow{{What: "a", Due: "2027-03-01"}, {What: "b"}, {What: "c", Due: "2028-02-29"}, {What: "d", Due: "2027-12-31"}}}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, due := range []string{"tomorrow", "2027-02-30", "2027-13-01", "27-03-01", "2027/03/01", "2027-3-1", " 2027-03-01", "2027-03-01T10:00", "２０２７-03-01"} {
		bad := Plan{Actions: []PlanRow{{What: "ok", Due: "2027-04-01"}, {What: "b", Due: due}}}
		err := bad.Validate()
		if !errors.Is(err, ErrDueDate) {
			t.Errorf("due %q: Validate = %v, want ErrDueDate", due, err)
		}
		if err != nil && !strings.Contains(err.Error(), "corrective action 2") {
			t.Errorf("due %q: error %q does not name the row", due, err)
		}
	}
}
