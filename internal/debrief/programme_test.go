package debrief

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t.Add(10 * time.Hour)
}

// The tracker's state: done wins; a due date before today makes an action
// not done overdue (in progress or open alike); the due day itself is not
// overdue; no due date is never overdue.
func TestActionState(t *testing.T) {
	for _, c := range []struct{ status, due, today, want string }{
		{"done", "2026-01-01", "2026-12-07", ActionDone},
		{"", "", "2026-12-07", ActionOpen},
		{"open", "2026-12-08", "2026-12-07", ActionOpen},
		{"open", "2026-12-07", "2026-12-07", ActionOpen},
		{"open", "2026-12-06", "2026-12-07", ActionOverdue},
		{"in-progress", "2026-12-31", "2026-12-07", ActionInProgress},
		{"in-progress", "2026-11-30", "2026-12-07", ActionOverdue},
		{"", "2025-01-01", "2026-12-07", ActionOverdue},
		{"in-progress", "", "2026-12-07", ActionInProgress},
	} {
		if got := ActionState(c.status, c.due, c.today); got != c.want {
			t.Errorf("ActionState(%q, %q, %q) = %q, want %q", c.status, c.due, c.today, got, c.want)
		}
	}
}

func TestDaysUntilAndNextDrillText(t *testing.T) {
	for _, c := range []struct {
		date, today string
		days        int
		en, zh      string
	}{
		{"2026-12-12", "2026-12-07", 5, "2026-12-12 (in 5 days)", "2026-12-12（还有5天）"},
		{"2026-12-08", "2026-12-07", 1, "2026-12-08 (tomorrow)", "2026-12-08（明天）"},
		{"2026-12-07", "2026-12-07", 0, "2026-12-07 (today)", "2026-12-07（就在今天）"},
		{"2026-12-01", "2026-12-07", -6, "2026-12-01 (6 days ago: overdue)", "2026-12-01（已过6天，逾期）"},
		// Across a change of daylight saving time and a year.
		{"2027-04-01", "2026-12-07", 115, "2027-04-01 (in 115 days)", "2027-04-01（还有115天）"},
	} {
		if d, ok := DaysUntil(c.date, c.today); !ok || d != c.days {
			t.Errorf("DaysUntil(%s, %s) = %d, %v; want %d", c.date, c.today, d, ok, c.days)
		}
		if got := NextDrillText("en", c.date, c.today); got != c.en {
			t.Errorf("en: %q, want %q", got, c.en)
		}
		if got := NextDrillText("zh", c.date, c.today); got != c.zh {
			t.Errorf("zh: %q, want %q", got, c.zh)
		}
	}
	if got := NextDrillText("zh", "", "2026-12-07"); got != "未定" {
		t.Errorf("no date: %q", got)
	}
	if _, ok := DaysUntil("soon", "2026-12-07"); ok {
		t.Error("DaysUntil read a word as a date")
	}
}

// progReport is a report with only what a programme reads.
func progReport(lang, id, scenarioID, scenarioTitle, date string, teams map[string]map[string]float64, dims []string, objs ...ObjectiveReport) *Report {
	r := &Report{Lang: lang, Dimensions: dims, Objectives: objs}
	r.Overview = Overview{ExerciseID: id, ScenarioID: scenarioID, Scenario: scenarioTitle, Date: date, Status: "ended"}
	for _, name := range []string{"Alpha", "Bravo"} {
		if s, ok := teams[name]; ok {
			r.Overview.Teams = append(r.Overview.Teams, name)
			r.Teams = append(r.Teams, TeamReport{Name: name, Scores: s})
		}
	}
	return r
}

func action(team, what, act, owner, due, status string) PlanRow {
	return PlanRow{Team: team, What: what, Action: act, Owner: owner, Due: due, Status: status}
}

// programmeFixture: three exercises of one organisation; the first two
// play the same scenario, all three share an objective. The first plan's
// actions: X done before the second exercise, Y in progress (due after
// today), Z open without a due date; the second's W is open past its due
// date.
func programmeFixture(lang string) []ProgrammeInput {
	o1 := func(a, b ObjectiveTeam) ObjectiveReport {
		return ObjectiveReport{ID: "timely", Text: map[string]string{"en": "Inform the public within the hour", "zh": "一小时内告知公众"}[lang], Teams: []ObjectiveTeam{a, b}}
	}
	title := map[string]string{"en": "Contaminated water", "zh": "自来水污染"}[lang]
	title2 := map[string]string{"en": "Customer data breach", "zh": "客户数据泄露"}[lang]
	x := action("Alpha", "Slow holding statement", "Template for the first hour", "Comms lead", "2026-10-01", "open")
	y := action("Bravo", "No spokesperson named", "Name and train two spokespeople", "HR", "2026-12-31", "open")
	z := action("", "Roles unclear", "Write a RACI", "Ops", "", "open")
	w := action("Alpha", "Regulator told late", "Checklist for the regulator", "Legal", "2026-11-30", "open")
	xDone, yProg := x, y
	xDone.Status, yProg.Status = StatusDone, StatusInProgress
	return []ProgrammeInput{
		{ // given out of order: BuildProgramme sorts by start
			Report: progReport(lang, "e3", "breach", title2, "2026-12-01",
				map[string]map[string]float64{"Alpha": {"speed": 90, "overall": 85}},
				[]string{"speed", "overall"},
				ObjectiveReport{ID: "timely", Text: map[string]string{"en": "Inform the public within the hour", "zh": "一小时内告知公众"}[lang],
					Teams: []ObjectiveTeam{{Team: "Alpha", Suggested: "S"}}},
				ObjectiveReport{ID: "privacy", Text: map[string]string{"en": "Protect customers' data", "zh": "保护客户数据"}[lang],
					Teams: []ObjectiveTeam{{Team: "Alpha", Suggested: "U", Rating: "M"}}}),
			Started: day("2026-12-01"),
		},
		{
			Report: progReport(lang, "e1", "water", title, "2026-09-01",
				map[string]map[string]float64{"Alpha": {"speed": 80, "empathy": 40, "overall": 70}, "Bravo": {"speed": 61, "overall": 50}},
				[]string{"speed", "empathy", "overall"},
				o1(ObjectiveTeam{Team: "Alpha", Suggested: "S", Rating: "P"}, ObjectiveTeam{Team: "Bravo", Suggested: "M"})),
			Started: day("2026-09-01"),
			History: []PlanVersion{
				{Saved: day("2026-09-02"), Plan: Plan{Actions: []PlanRow{x, y, z}}},
				{Saved: day("2026-09-20"), Plan: Plan{Actions: []PlanRow{xDone, y, z}}},
				{Saved: day("2026-11-05"), Plan: Plan{Actions: []PlanRow{xDone, yProg, z}}},
			},
		},
		{
			Report: progReport(lang, "e2", "water", title, "2026-10-15",
				map[string]map[string]float64{"Alpha": {"speed": 90, "overall": 80}, "Bravo": {"speed": 70, "overall": 75}},
				[]string{"speed", "overall"},
				o1(ObjectiveTeam{Team: "Alpha", Suggested: "P"}, ObjectiveTeam{Team: "Bravo", Suggested: "S", Rating: "S"})),
			Started: day("2026-10-15"),
			History: []PlanVersion{{Saved: day("2026-10-16"), Plan: Plan{Actions: []PlanRow{w}}}},
		},
	}
}

// The carry-over and the tracker, worked out by hand from the fixture.
func TestBuildProgramme(t *testing.T) {
	p := BuildProgramme("North Water", "en", "2026-12-07", "2026-12-12", programmeFixture("en"))
	var ids []string
	for _, e := range p.Exercises {
		ids = append(ids, e.ID+"@"+e.Label)
	}
	if got := strings.Join(ids, " "); got != "e1@2026-09-01 e2@2026-10-15 e3@2026-12-01" {
		t.Fatalf("exercises = %s, want oldest first", got)
	}
	if p.NextDrillDays != 5 {
		t.Errorf("next drill in %d days, want 5", p.NextDrillDays)
	}
	if got := fmt.Sprint(p.Dimensions); got != "[speed empathy overall]" {
		t.Errorf("dimensions = %s", got)
	}
	// e1: speed (80+61)/2 = 70.5; empathy only Alpha's 40; overall (70+50)/2 = 60.
	if s := p.Exercises[0].Scores; s["speed"] != 70.5 || s["empathy"] != 40 || s["overall"] != 60 {
		t.Errorf("e1 mean scores = %v", s)
	}
	if len(p.Scenarios) != 2 || p.Scenarios[0].ScenarioID != "water" || fmt.Sprint(p.Scenarios[0].Exercises) != "[e1 e2]" ||
		fmt.Sprint(p.Scenarios[1].Exercises) != "[e3]" {
		t.Errorf("scenarios = %+v", p.Scenarios)
	}
	// The shared objective across all three; e1: Alpha P (facilitator),
	// Bravo M (suggested) → 50 %; e2: P and S → 100 %; e3: S → 100 %.
	if len(p.Objectives) != 2 || p.Objectives[0].ID != "timely" || len(p.Objectives[0].Points) != 3 {
		t.Fatalf("objectives = %+v", p.Objectives)
	}
	var shares []string
	for _, pt := range p.Objectives[0].Points {
		shares = append(shares, fmt.Sprintf("%s:%v", pt.Exercise, pt.Share))
	}
	if got := strings.Join(shares, " "); got != "e1:50 e2:100 e3:100" {
		t.Errorf("shares = %s", got)
	}
	if r := p.Objectives[0].Points[0].Ratings; r[0] != (TeamRating{"Alpha", "P", false}) || r[1] != (TeamRating{"Bravo", "M", true}) {
		t.Errorf("e1 ratings = %+v", r)
	}
	if r := p.Objectives[1].Points[0].Ratings; p.Objectives[1].ID != "privacy" || r[0].Rating != "M" || r[0].Suggested {
		t.Errorf("privacy = %+v", p.Objectives[1])
	}

	type row struct {
		what, state, done, carried, history string
	}
	var got []row
	for _, a := range p.Actions {
		var h []string
		for _, c := range a.History {
			h = append(h, c.Date+" "+c.Status)
		}
		got = append(got, row{a.What, a.State, a.DoneOn, fmt.Sprint(a.CarriedTo), strings.Join(h, ", ")})
	}
	want := []row{
		{"Slow holding statement", "done", "2026-09-20", "[]", "2026-09-02 open, 2026-09-20 done"},
		{"No spokesperson named", "in-progress", "", "[e2 e3]", "2026-09-02 open, 2026-11-05 in-progress"},
		{"Roles unclear", "open", "", "[e2 e3]", "2026-09-02 open"},
		{"Regulator told late", "overdue", "", "[e3]", "2026-10-16 open"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("actions\n got %v\nwant %v", got, want)
	}
	if c := p.Counts; c[ActionDone] != 1 || c[ActionInProgress] != 1 || c[ActionOpen] != 1 || c[ActionOverdue] != 1 {
		t.Errorf("counts = %v", c)
	}
	// Each later exercise lists what it took over, with the status then:
	// Y was still open when e2 took place, in progress by e3.
	carried := func(id string) string {
		var s []string
		for _, c := range p.Carried[id] {
			s = append(s, p.Actions[c.Action].What+"="+c.Status)
		}
		return strings.Join(s, "; ")
	}
	if got := carried("e2"); got != "No spokesperson named=open; Roles unclear=open" {
		t.Errorf("carried into e2: %s", got)
	}
	if got := carried("e3"); got != "No spokesperson named=in-progress; Roles unclear=open; Regulator told late=open" {
		t.Errorf("carried into e3: %s", got)
	}
	if len(p.Carried["e1"]) != 0 {
		t.Errorf("carried into the first exercise: %v", p.Carried["e1"])
	}
}

// An action reopened after it was done is not done: it is carried again.
// Two exercises the same day get labels apart.
func TestBuildProgrammeReopenedAndSameDay(t *testing.T) {
	a := action("", "Phone tree out of date", "Update it", "Ops", "2027-01-10", StatusDone)
	open := a
	open.Status = StatusOpen
	in := []ProgrammeInput{
		{Report: progReport("en", "a", "s", "S", "2026-11-01", nil, nil), Started: day("2026-11-01"),
			History: []PlanVersion{
				{Saved: day("2026-11-02"), Plan: Plan{Actions: []PlanRow{a}}},
				{Saved: day("2026-11-03"), Plan: Plan{Actions: []PlanRow{open}}},
			}},
		{Report: progReport("en", "b", "s", "S", "2026-11-04", nil, nil), Started: day("2026-11-04")},
		{Report: progReport("en", "c", "s", "S", "2026-11-04", nil, nil), Started: day("2026-11-04").Add(time.Hour)},
	}
	p := BuildProgramme("X", "en", "2026-12-07", "", in)
	if got := p.Actions[0]; got.State != ActionOpen || got.DoneOn != "" || fmt.Sprint(got.CarriedTo) != "[b c]" {
		t.Errorf("reopened action = %+v", got)
	}
	if p.Exercises[1].Label != "2026-11-04" || p.Exercises[2].Label != "2026-11-04 #2" {
		t.Errorf("labels = %q, %q", p.Exercises[1].Label, p.Exercises[2].Label)
	}
	if p.NextDrill != "" || p.NextDrillText() != "not set" {
		t.Errorf("next drill = %q", p.NextDrillText())
	}
}

// The exports, golden in both languages: HTML (without the font data),
// the PDF's text (pdftotext) and the CSV; and the model through JSON.
func TestProgrammeExportsGolden(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		org := map[string]string{"en": "North Water", "zh": "北区水务"}[lang]
		p := BuildProgramme(org, lang, "2026-12-07", "2026-12-12", programmeFixture(lang))
		golden(t, "programme."+lang+".html.golden", withoutFontData(ProgrammeHTML(p)))
		golden(t, "programme."+lang+".csv.golden", ProgrammeCSV(p))
		pdf, err := ProgrammePDF(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF")) {
			t.Fatalf("%s: not a PDF", lang)
		}
		golden(t, "programme."+lang+".pdf.txt.golden", []byte(pdfToText(t, pdf)))
		js, err := json.MarshalIndent(p, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		var back Programme
		if err := json.Unmarshal(js, &back); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(ProgrammeCSV(&back), ProgrammeCSV(p)) || !bytes.Equal(ProgrammeHTML(&back), ProgrammeHTML(p)) {
			t.Errorf("%s: the exports read something the model does not carry through JSON", lang)
		}
	}
}

// Nothing raw reaches a Chinese reader: the labels exist in both
// languages, and the Chinese export has no English label in it.
func TestProgrammeLabelsBothLanguages(t *testing.T) {
	for k := range programmeLabels["en"] {
		if programmeLabels["zh"][k] == "" {
			t.Errorf("%s has no Chinese", k)
		}
	}
	for k := range programmeLabels["zh"] {
		if programmeLabels["en"][k] == "" {
			t.Errorf("%s has no English", k)
		}
	}
	p := BuildProgramme("北区水务", "zh", "2026-12-07", "2026-12-12", programmeFixture("zh"))
	page := string(withoutFontData(ProgrammeHTML(p)))
	for _, en := range []string{"overdue", "in progress", "Carried", "Corrective", "Next drill", "Speed", "Overall", "suggested"} {
		if strings.Contains(page, ">"+en) || strings.Contains(page, en+"<") {
			t.Errorf("the Chinese page shows %q", en)
		}
	}
}

// The CSV defuses a formula typed as an action.
func TestProgrammeCSVDefusesFormulas(t *testing.T) {
	in := []ProgrammeInput{{Report: progReport("en", "a", "s", "S", "2026-11-01", nil, nil), Started: day("2026-11-01"),
		History: []PlanVersion{{Saved: day("2026-11-02"), Plan: Plan{Actions: []PlanRow{action("", "=HYPERLINK(\"x\")", "+1+1", "@me", "", "")}}}}}}
	out := string(ProgrammeCSV(BuildProgramme("X", "en", "2026-12-07", "", in)))
	for _, want := range []string{`'=HYPERLINK`, `'+1+1`, `'@me`} {
		if !strings.Contains(out, want) {
			t.Errorf("CSV lacks %s:\n%s", want, out)
		}
	}
}

// CarriedOver, from plan histories alone, gives the after-action report of
// a later exercise the earlier ones' actions not done when it took place,
// in their state on its date; every format lists them.
func TestCarriedOverInTheReport(t *testing.T) {
	var in []CarriedInput
	for _, x := range programmeFixture("zh") {
		in = append(in, CarriedInput{ID: x.Report.Overview.ExerciseID, Started: x.Started, History: x.History})
	}
	got := CarriedOver("e3", "zh", in)
	var rows []string
	for _, c := range got {
		rows = append(rows, c.From+"/"+c.What+"/"+c.State)
	}
	// On e3's date (2026-12-01): Y in progress, due 2026-12-31; Z open;
	// W open, due 2026-11-30: overdue then.
	if want := "2026-09-01/No spokesperson named/in-progress 2026-09-01/Roles unclear/open 2026-10-15/Regulator told late/overdue"; strings.Join(rows, " ") != want {
		t.Fatalf("carried into e3:\n got %s\nwant %s", strings.Join(rows, " "), want)
	}
	r := worldReport(t, "zh", "")
	r.CarriedOver = got
	pdf, err := PDF(r)
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"html": string(HTML(r)), "md": Markdown(r), "pdf": pdfToText(t, pdf)} {
		if !strings.Contains(out, "本组织此前演练中尚未完成的改进措施") || !strings.Contains(out, "Regulator told late") || !strings.Contains(out, "已逾期") {
			t.Errorf("%s lacks the carried-over actions", name)
		}
	}
}
