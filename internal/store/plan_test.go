package store

import (
	"database/sql"
	"errors"
	"path/filepath"
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
	if _, _, ok, err := s.Plan("old"); ok || err != nil {
		t.Fatalf("old exercise has a plan: %v, %v", ok, err)
	}
	if err := s.SavePlan("old", []byte(`{"corrective_actions":[{"what":"slow","action":"drill","owner":"Comms","due":"2027-01-15"}]}`)); err != nil {
		t.Fatal(err)
	}
}

// The store keeps a plan as the JSON document it was given: it does not
// read it (internal/exercise does; see exercise.SavePlan).
func TestPlanRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "firebreak.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, Exercise{ID: "ex1", Source: "gui"})
	mustCreate(t, s, Exercise{ID: "ex2", Source: "gui"})

	if _, _, ok, err := s.Plan("ex1"); ok || err != nil {
		t.Fatalf("a new exercise has a plan: %v, %v", ok, err)
	}
	want := `{"strengths":[{"team":"Alpha","text":"Fast first response"}],"areas_for_improvement":[{"text":"清楚的声明 \"quoted\""}],"corrective_actions":[]}`
	before := time.Now().Add(-time.Second)
	if err := s.SavePlan("ex1", []byte(want)); err != nil {
		t.Fatal(err)
	}
	got, saved, ok, err := s.Plan("ex1")
	if err != nil || !ok {
		t.Fatalf("Plan = %v, %v", ok, err)
	}
	if saved.Before(before) || saved.After(time.Now().Add(time.Second)) {
		t.Errorf("saved at %v", saved)
	}
	if string(got) != want {
		t.Errorf("round trip:\n got %s\nwant %s", got, want)
	}

	// A save replaces the whole plan; other exercises keep theirs (none).
	want = `{"corrective_actions":[{"what":"Slow statement","due":"2027-02-28"}]}`
	if err := s.SavePlan("ex1", []byte(want)); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// It survives closing the database.
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, _, ok, err = s.Plan("ex1")
	if err != nil || !ok || string(got) != want {
		t.Fatalf("after reopen: %s, %v, %v", got, ok, err)
	}
	if _, _, ok, _ := s.Plan("ex2"); ok {
		t.Error("ex2 got ex1's plan")
	}

	// Deleting goes back to no plan.
	if err := s.DeletePlan("ex1"); err != nil {
		t.Fatal(err)
	}
	if _, _, ok, err := s.Plan("ex1"); ok || err != nil {
		t.Errorf("after delete: %v, %v", ok, err)
	}
}

// A plan that is not JSON is refused, and leaves the saved one in place.
func TestSavePlanRefusesNonJSON(t *testing.T) {
	s := openTemp(t)
	mustCreate(t, s, Exercise{ID: "ex1", Source: "gui"})
	if err := s.SavePlan("ex1", []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", "{", "not json", `{"a":1}x`} {
		if err := s.SavePlan("ex1", []byte(bad)); err == nil || !strings.Contains(err.Error(), "JSON") {
			t.Errorf("SavePlan(%q) = %v, want a refusal", bad, err)
		}
	}
	if got, _, _, err := s.Plan("ex1"); err != nil || string(got) != `{}` {
		t.Errorf("after refusals: %s, %v", got, err)
	}
}

func TestPlanOfUnknownExercise(t *testing.T) {
	s := openTemp(t)
	if err := s.SavePlan("nope", []byte(`{}`)); !errors.Is(err, ErrNotFound) {
		t.Errorf("SavePlan = %v, want ErrNotFound", err)
	}
	if _, _, _, err := s.Plan("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Plan = %v, want ErrNotFound", err)
	}
}
