package store

import (
	"database/sql"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// A database written before the improvement plan existed (schema 1) gains
// the plan table when opened, and keeps its exercises.
func TestMigrationAddsImprovementPlan(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	if err := applyMigration(db, migrations[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO exercises (id, scenario_id, title, lang, teams, source, status, clock_ms, paused, created_ms, updated_ms)
		VALUES ('old', 'sc', '{}', 'en', '["A"]', 'gui', 'finished', 0, 1, 0, 0)`); err != nil {
		t.Fatal(err)
	}
	if v, err := schemaVersion(db); err != nil || v != 1 {
		t.Fatalf("schema version before = %d, %v", v, err)
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := schemaVersion(s.db); err != nil || v != len(migrations) || len(migrations) < 2 {
		t.Fatalf("schema version after = %d, %v", v, err)
	}
	if _, err := s.Exercise("old"); err != nil {
		t.Fatalf("the old exercise is gone: %v", err)
	}
	if _, ok, err := s.Plan("old"); ok || err != nil {
		t.Fatalf("old exercise has a plan: %v, %v", ok, err)
	}
	p := Plan{Actions: []PlanAction{{What: "slow", Action: "drill", Owner: "Comms", Due: "2027-01-15"}}}
	if err := s.SavePlan("old", p); err != nil {
		t.Fatal(err)
	}
}

func TestPlanRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "firebreak.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, Exercise{ID: "ex1", Source: "gui"})
	mustCreate(t, s, Exercise{ID: "ex2", Source: "gui"})

	if _, ok, err := s.Plan("ex1"); ok || err != nil {
		t.Fatalf("a new exercise has a plan: %v, %v", ok, err)
	}
	want := Plan{
		Strengths:    []PlanItem{{Team: "Alpha", Code: "fast-first-response", Subject: "first", Text: "Fast first response"}},
		Improvements: []PlanItem{{Team: "Bravo", Text: "清楚的声明 \"quoted\""}, {Text: "Whole exercise"}},
		Actions: []PlanAction{
			{Team: "Bravo", What: "Slow statement", Action: "Pre-approved holding lines", Owner: "Head of comms", Due: "2027-02-28"},
			{What: "Roles", Action: "Name a spokesperson", Owner: "", Due: ""},
		},
	}
	before := time.Now().Add(-time.Second)
	if err := s.SavePlan("ex1", want); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Plan("ex1")
	if err != nil || !ok {
		t.Fatalf("Plan = %v, %v", ok, err)
	}
	if got.UpdatedAt.Before(before) || got.UpdatedAt.After(time.Now().Add(time.Second)) {
		t.Errorf("UpdatedAt = %v", got.UpdatedAt)
	}
	got.UpdatedAt = time.Time{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}

	// A save replaces the whole plan; other exercises keep theirs (none).
	want.Actions = want.Actions[:1]
	want.Strengths = nil
	if err := s.SavePlan("ex1", want); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// It survives closing the database.
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, ok, err = s.Plan("ex1")
	if err != nil || !ok {
		t.Fatalf("after reopen: %v, %v", ok, err)
	}
	if len(got.Actions) != 1 || len(got.Strengths) != 0 || got.Strengths == nil || got.Actions[0].Due != "2027-02-28" {
		t.Errorf("after replacing: %+v", got)
	}
	if _, ok, _ := s.Plan("ex2"); ok {
		t.Error("ex2 got ex1's plan")
	}

	// Deleting goes back to no plan.
	if err := s.DeletePlan("ex1"); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.Plan("ex1"); ok || err != nil {
		t.Errorf("after delete: %v, %v", ok, err)
	}
}

func TestSavePlanRefusesBadDates(t *testing.T) {
	s := openTemp(t)
	mustCreate(t, s, Exercise{ID: "ex1", Source: "gui"})
	good := Plan{Actions: []PlanAction{{What: "a", Due: "2027-03-01"}}}
	if err := s.SavePlan("ex1", good); err != nil {
		t.Fatal(err)
	}
	for _, due := range []string{"tomorrow", "2027-02-30", "2027-13-01", "27-03-01", "2027/03/01", "2027-3-1", " 2027-03-01", "2027-03-01T10:00"} {
		bad := Plan{Actions: []PlanAction{{What: "ok", Due: "2027-04-01"}, {What: "b", Due: due}}}
		err := s.SavePlan("ex1", bad)
		if !errors.Is(err, ErrBadDate) {
			t.Errorf("due %q: SavePlan = %v, want ErrBadDate", due, err)
		}
		if err != nil && !strings.Contains(err.Error(), "corrective action 2") {
			t.Errorf("due %q: error %q does not name the row", due, err)
		}
	}
	// The refused plans left the good one in place.
	got, _, err := s.Plan("ex1")
	if err != nil || len(got.Actions) != 1 || got.Actions[0].Due != "2027-03-01" {
		t.Errorf("after refusals: %+v, %v", got, err)
	}
	for _, due := range []string{"", "2028-02-29", "2027-12-31"} {
		if err := CheckDue(due); err != nil {
			t.Errorf("CheckDue(%q) = %v", due, err)
		}
	}
}

func TestPlanOfUnknownExercise(t *testing.T) {
	s := openTemp(t)
	if err := s.SavePlan("nope", Plan{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("SavePlan = %v, want ErrNotFound", err)
	}
	if _, _, err := s.Plan("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Plan = %v, want ErrNotFound", err)
	}
}
