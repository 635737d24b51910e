package exercise

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// The lists the app and the tools draw from: a started exercise is listed
// with its title, teams and clock; once it ends it is finished and leaves
// the unfinished list; erasing removes it.
func TestSummaries(t *testing.T) {
	db := openStore(t, filepath.Join(t.TempDir(), "fb.db"))
	defer db.Close()
	clock := engine.NewFakeClock()
	run, err := Start(db, miniConfig(t, "Alpha", "Bravo"), scenario.Text{"en": "Mini", "zh": "迷你"}, "play:x", clock, EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	if err := run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	clock.Add(90 * time.Second)
	if err := run.SaveClock(); err != nil {
		t.Fatal(err)
	}
	want := Summary{ID: run.ID, ScenarioID: "mini", Title: scenario.Text{"en": "Mini", "zh": "迷你"}, Lang: "en",
		Teams: []string{"Alpha", "Bravo"}, Source: "play:x", Clock: 90 * time.Second}
	check := func(what string, got Summary, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if got.CreatedAt.IsZero() || got.UpdatedAt.Before(got.CreatedAt) {
			t.Errorf("%s: created %v, updated %v", what, got.CreatedAt, got.UpdatedAt)
		}
		got.CreatedAt, got.UpdatedAt = time.Time{}, time.Time{}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
		}
	}
	got, err := db.Exercise(run.ID)
	check("Exercise", got, err)
	got, err = db.Latest()
	check("Latest", got, err)
	got, ok, err := db.FindLatest("play:x")
	check("FindLatest", got, err)
	if !ok {
		t.Error("FindLatest found nothing")
	}
	list, err := db.Unfinished()
	if err != nil || len(list) != 1 {
		t.Fatalf("Unfinished = %+v, %v", list, err)
	}
	check("Unfinished", list[0], nil)

	if err := run.Session.Send(engine.Command{Kind: engine.CmdEnd}); err != nil {
		t.Fatal(err)
	}
	want.Finished = true
	list, err = db.Exercises()
	if err != nil || len(list) != 1 {
		t.Fatalf("Exercises = %+v, %v", list, err)
	}
	check("Exercises after the end", list[0], nil)
	if list, err := db.Unfinished(); err != nil || len(list) != 0 {
		t.Errorf("Unfinished after the end = %+v, %v", list, err)
	}
	if _, ok, err := db.FindLatest("gui"); ok || err != nil {
		t.Errorf("FindLatest of another source = %v, %v", ok, err)
	}

	if err := db.Erase(run.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exercise(run.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Exercise after Erase = %v, want ErrNotFound", err)
	}
	if err := db.Erase(run.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Erase again = %v, want ErrNotFound", err)
	}
	if _, err := db.Latest(); !errors.Is(err, ErrNotFound) {
		t.Errorf("Latest of an empty database = %v, want ErrNotFound", err)
	}
}

// Running.Events is the exercise's saved log, as DB.Events reads it (the
// LAN host replays it).
func TestRunningEvents(t *testing.T) {
	db := openStore(t, filepath.Join(t.TempDir(), "fb.db"))
	defer db.Close()
	run, err := Start(db, miniConfig(t, "Alpha"), scenario.Text{"en": "Mini"}, "gui", nil, EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	if err := run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	got, err := run.Events()
	if err != nil {
		t.Fatal(err)
	}
	want, err := db.Events(run.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 2 || got[0].Kind != engine.KindStarted || !reflect.DeepEqual(got, want) {
		t.Errorf("Running.Events = %d events, DB.Events = %d", len(got), len(want))
	}
}

// The plan is saved as debrief.Plan and read back the same, with when it
// was saved; lists left nil read back empty.
func TestPlanRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fb.db")
	db := openStore(t, path)
	run, err := Start(db, miniConfig(t, "Alpha", "Bravo"), scenario.Text{"en": "Mini"}, "gui", nil, EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	if p, err := db.Plan(run.ID); p != nil || err != nil {
		t.Fatalf("a new exercise has a plan: %+v, %v", p, err)
	}
	want := debrief.Plan{
		Strengths:    []debrief.PlanItem{{Team: "Alpha", Code: "fast-first-response", Subject: "first", Text: "Fast first response"}},
		Improvements: []debrief.PlanItem{{Team: "Bravo", Text: "清楚的声明 \"quoted\""}, {Text: "Whole exercise"}},
		Actions: []debrief.PlanRow{
			{Team: "Bravo", What: "Slow statement", Action: "Pre-approved holding lines", Owner: "Head of comms", Due: "2027-02-28"},
			{What: "Roles", Action: "Name a spokesperson"},
		},
	}
	before := time.Now().Add(-time.Second)
	if err := db.SavePlan(run.ID, want); err != nil {
		t.Fatal(err)
	}
	got, err := db.Plan(run.ID)
	if err != nil || got == nil {
		t.Fatalf("Plan = %+v, %v", got, err)
	}
	if got.SavedAt.Before(before) || got.SavedAt.After(time.Now().Add(time.Second)) {
		t.Errorf("SavedAt = %v", got.SavedAt)
	}
	got.SavedAt = time.Time{}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", *got, want)
	}

	// A save replaces the whole plan, and survives closing the database.
	if err := db.SavePlan(run.ID, debrief.Plan{Actions: want.Actions[:1]}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = openStore(t, path)
	defer db.Close()
	got, err = db.Plan(run.ID)
	if err != nil || got == nil {
		t.Fatalf("after reopen: %+v, %v", got, err)
	}
	if got.Strengths == nil || len(got.Strengths) != 0 || len(got.Improvements) != 0 || len(got.Actions) != 1 || got.Actions[0] != want.Actions[0] {
		t.Errorf("after replacing: %+v", got)
	}

	if err := db.DeletePlan(run.ID); err != nil {
		t.Fatal(err)
	}
	if p, err := db.Plan(run.ID); p != nil || err != nil {
		t.Errorf("after DeletePlan: %+v, %v", p, err)
	}
}

// What is on disk is the document earlier versions wrote and read, so a
// database keeps its plans across versions both ways.
func TestPlanOnDisk(t *testing.T) {
	db := openStore(t, filepath.Join(t.TempDir(), "fb.db"))
	defer db.Close()
	run, err := Start(db, miniConfig(t, "Alpha"), scenario.Text{"en": "Mini"}, "gui", nil, EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	p := debrief.Plan{
		Improvements: []debrief.PlanItem{{Team: "Alpha", Code: "slow", Text: "Slow"}},
		Actions:      []debrief.PlanRow{{What: "Slow", Action: "Drill", Owner: "Comms", Due: "2027-01-15"}},
	}
	if err := db.SavePlan(run.ID, p); err != nil {
		t.Fatal(err)
	}
	data, _, _, err := db.st.Plan(run.ID)
	if err != nil {
		t.Fatal(err)
	}
	const disk = `{"strengths":[],"areas_for_improvement":[{"team":"Alpha","code":"slow","text":"Slow"}],` +
		`"corrective_actions":[{"what":"Slow","action":"Drill","owner":"Comms","due":"2027-01-15"}]}`
	if string(data) != disk {
		t.Errorf("on disk:\n got %s\nwant %s", data, disk)
	}

	// As an earlier version wrote it (store.Plan's JSON).
	old := `{"strengths":[{"text":"Calm"}],"areas_for_improvement":[],"corrective_actions":[{"team":"Alpha","what":"w","action":"a","owner":"o","due":""}]}`
	if err := db.st.SavePlan(run.ID, []byte(old)); err != nil {
		t.Fatal(err)
	}
	got, err := db.Plan(run.ID)
	if err != nil || got == nil {
		t.Fatalf("Plan = %+v, %v", got, err)
	}
	got.SavedAt = time.Time{}
	want := debrief.Plan{Strengths: []debrief.PlanItem{{Text: "Calm"}}, Improvements: []debrief.PlanItem{},
		Actions: []debrief.PlanRow{{Team: "Alpha", What: "w", Action: "a", Owner: "o"}}}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("an earlier version's plan reads as\n %+v\nwant %+v", *got, want)
	}
}

// A plan with a due date not written YYYY-MM-DD is refused whole, naming
// the row, and the saved plan stays; so is one for no exercise.
func TestSavePlanRefuses(t *testing.T) {
	db := openStore(t, filepath.Join(t.TempDir(), "fb.db"))
	defer db.Close()
	run, err := Start(db, miniConfig(t, "Alpha"), scenario.Text{"en": "Mini"}, "gui", nil, EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	good := debrief.Plan{Actions: []debrief.PlanRow{{What: "a", Due: "2027-03-01"}}}
	if err := db.SavePlan(run.ID, good); err != nil {
		t.Fatal(err)
	}
	for _, due := range []string{"tomorrow", "2027-02-30", "2027/03/01", "2027-3-1", " 2027-03-01"} {
		bad := debrief.Plan{Actions: []debrief.PlanRow{{What: "ok", Due: "2027-04-01"}, {What: "b", Due: due}}}
		err := db.SavePlan(run.ID, bad)
		if !errors.Is(err, debrief.ErrDueDate) || !strings.Contains(err.Error(), "corrective action 2") {
			t.Errorf("due %q: SavePlan = %v, want ErrDueDate naming the row", due, err)
		}
	}
	if got, err := db.Plan(run.ID); err != nil || got == nil || len(got.Actions) != 1 || got.Actions[0].Due != "2027-03-01" {
		t.Errorf("after refusals: %+v, %v", got, err)
	}
	if err := db.SavePlan("nope", debrief.Plan{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("SavePlan of no exercise = %v, want ErrNotFound", err)
	}
	if _, err := db.Plan("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Plan of no exercise = %v, want ErrNotFound", err)
	}
}

// The store's refusals are matched by the errors this package
// re-exports, so callers need not import the store.
func TestErrorsReexported(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "fb.db")
	db := openStore(t, path)
	defer db.Close()
	_, err := Open(path)
	var oe *OpenError
	var le *LockedError
	if !errors.As(err, &oe) || oe.Path != path || !errors.Is(err, ErrLocked) || !errors.As(err, &le) || le.PID != os.Getpid() {
		t.Errorf("a second Open = %v, want an *OpenError naming the file, with a *LockedError", err)
	}

	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("not a database, but long enough to be read as a file header......"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenReadOnly(text); !errors.Is(err, ErrNotDatabase) || !errors.As(err, &oe) {
		t.Errorf("OpenReadOnly of a text file = %v, want ErrNotDatabase", err)
	}

	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.DeletePlan("x"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("writing through OpenReadOnly = %v, want ErrReadOnly", err)
	}
}
