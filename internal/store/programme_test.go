package store

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A database at schema 4 (an exercise with its log, a saved plan and a
// participant's form) is upgraded to 5 keeping all of it, and its plan
// becomes the first save of its history.
func TestMigration0005KeepsA0004Database(t *testing.T) {
	path := legacyDB(t, filepath.Join(t.TempDir(), "v4.db"), 4)
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	const plan = `{"corrective_actions":[{"what":"slow","action":"drill","owner":"Comms","due":"2027-01-15","status":"in-progress"}]}`
	for _, q := range []string{
		`INSERT INTO improvement_plan VALUES ('old', '` + plan + `', 1700000000000)`,
		`INSERT INTO participant_feedback VALUES ('old', 1, '{"a":1}', 1700000001000)`,
		`PRAGMA application_id = ` + strconv.Itoa(AppID),
		`PRAGMA user_version = 4`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := schemaVersion(s.db); err != nil || v != programmeSchema || len(migrations) != programmeSchema {
		t.Fatalf("schema version after = %d, %v", v, err)
	}
	if e, err := s.Exercise("old"); err != nil || e.ScenarioID != "sc" || e.Status != StatusFinished {
		t.Fatalf("the exercise changed: %+v, %v", e, err)
	}
	if evs, err := s.Events("old"); err != nil || len(evs) != 1 || evs[0].Kind != "start" {
		t.Fatalf("the log changed: %+v, %v", evs, err)
	}
	data, saved, ok, err := s.Plan("old")
	if err != nil || !ok || string(data) != plan || saved.UnixMilli() != 1700000000000 {
		t.Fatalf("the plan changed: %s %v %v %v", data, saved, ok, err)
	}
	if fs, err := s.Feedback("old"); err != nil || len(fs) != 1 || string(fs[0].Data) != `{"a":1}` {
		t.Fatalf("the feedback changed: %+v, %v", fs, err)
	}
	hist, err := s.PlanHistory("old")
	if err != nil || len(hist) != 1 || string(hist[0].Data) != plan || hist[0].Saved.UnixMilli() != 1700000000000 || hist[0].Seq != 1 {
		t.Fatalf("history = %+v, %v; want the old plan as its first save", hist, err)
	}
	if orgs, err := s.Organisations(); err != nil || len(orgs) != 0 {
		t.Fatalf("organisations = %v, %v; want none", orgs, err)
	}
	// And the new tables take writes.
	if err := s.SetOrganisation("old", "North Water"); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePlan("old", []byte(`{"corrective_actions":[]}`)); err != nil {
		t.Fatal(err)
	}
	if hist, err := s.PlanHistory("old"); err != nil || len(hist) != 2 || hist[1].Seq != 2 {
		t.Fatalf("history after a save = %+v, %v", hist, err)
	}
}

func TestKnownSchemaProgramme(t *testing.T) {
	known, err := knownSchemas()
	if err != nil {
		t.Fatal(err)
	}
	for _, obj := range []string{"table exercise_organisation", "table programme", "table improvement_plan_history",
		"trigger improvement_plan_history_insert", "trigger improvement_plan_history_update"} {
		if !slices.Contains(known[programmeSchema], obj) || slices.Contains(known[programmeSchema-1], obj) {
			t.Errorf("programmeSchema %d is not the version that brought %s", programmeSchema, obj)
		}
	}
}

// Organisations are set, changed and cleared per exercise; next drill
// dates are kept per organisation, written YYYY-MM-DD only; every save of a
// plan is kept in its history, in order.
func TestProgrammeRoundTrip(t *testing.T) {
	s := openTemp(t)
	mustStart(t, s, Exercise{ID: "a", Source: "test"})
	mustStart(t, s, Exercise{ID: "b", Source: "test"})
	mustStart(t, s, Exercise{ID: "c", Source: "test"})
	for id, org := range map[string]string{"a": "North", "b": "North", "c": "South"} {
		if err := s.SetOrganisation(id, org); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetOrganisation("c", "北区水务"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetOrganisation("b", ""); err != nil {
		t.Fatal(err)
	}
	orgs, err := s.Organisations()
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"a": "North", "c": "北区水务"}; fmt.Sprint(orgs) != fmt.Sprint(want) {
		t.Fatalf("organisations = %v, want %v", orgs, want)
	}
	if err := s.SetOrganisation("nope", "North"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("organisation of an unknown exercise: %v, want ErrNotFound", err)
	}

	if err := s.SetNextDrill("North", "2026-12-12"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetNextDrill("South", "2027-03-01"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetNextDrill("South", ""); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"2026-13-01", "2026/12/12", "2026-02-30", "12 Dec"} {
		if err := s.SetNextDrill("North", bad); !errors.Is(err, ErrBadDate) {
			t.Errorf("SetNextDrill(%q) = %v, want ErrBadDate", bad, err)
		}
	}
	drills, err := s.NextDrills()
	if err != nil || len(drills) != 1 || drills["North"] != "2026-12-12" {
		t.Fatalf("next drills = %v, %v; want North's alone (South's cleared, bad dates refused)", drills, err)
	}

	for i := range 3 {
		if err := s.SavePlan("a", []byte(fmt.Sprintf(`{"n":%d}`, i))); err != nil {
			t.Fatal(err)
		}
	}
	hist, err := s.PlanHistory("a")
	if err != nil || len(hist) != 3 {
		t.Fatalf("history = %+v, %v", hist, err)
	}
	for i, v := range hist {
		if v.Seq != int64(i+1) || string(v.Data) != fmt.Sprintf(`{"n":%d}`, i) || v.Saved.IsZero() {
			t.Errorf("save %d = %+v", i, v)
		}
	}
	if hist, err := s.PlanHistory("b"); err != nil || len(hist) != 0 {
		t.Errorf("history of a plan never saved = %+v, %v", hist, err)
	}
	if _, err := s.PlanHistory("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("history of an unknown exercise: %v", err)
	}
}

// Erasing an exercise takes its organisation and plan history with it,
// and an organisation none of whose exercises is left goes with its next
// drill date, from the file itself.
func TestEraseTakesTheProgrammeWithIt(t *testing.T) {
	s := openTemp(t)
	mustStart(t, s, Exercise{ID: "a", Source: "test"})
	mustStart(t, s, Exercise{ID: "b", Source: "test"})
	if err := s.SetOrganisation("a", "Zebra Waterworks"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetOrganisation("b", "Keep Cohort"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetNextDrill("Zebra Waterworks", "2027-01-02"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetNextDrill("Keep Cohort", "2027-02-03"); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePlan("a", []byte(`{"secret":"Quokka plan text"}`)); err != nil {
		t.Fatal(err)
	}
	if err := s.Erase("a"); err != nil {
		t.Fatal(err)
	}
	orgs, _ := s.Organisations()
	drills, _ := s.NextDrills()
	if len(orgs) != 1 || orgs["b"] != "Keep Cohort" || len(drills) != 1 || drills["Keep Cohort"] != "2027-02-03" {
		t.Fatalf("after erase: organisations %v, drills %v", orgs, drills)
	}
	disk := onDisk(t, s.Path())
	for _, gone := range []string{"Zebra Waterworks", "Quokka plan text"} {
		if contains(disk, gone) {
			t.Errorf("%q is still in the file", gone)
		}
	}
}

// A database at schema 4 opened read-only has no organisations and a
// plan's history is its saved plan.
func TestProgrammeReadOnlyOldSchema(t *testing.T) {
	path := legacyDB(t, filepath.Join(t.TempDir(), "v4.db"), 4)
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO improvement_plan VALUES ('old', '{"x":1}', 1700000000000)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if orgs, err := s.Organisations(); err != nil || len(orgs) != 0 {
		t.Errorf("organisations = %v, %v", orgs, err)
	}
	if d, err := s.NextDrills(); err != nil || len(d) != 0 {
		t.Errorf("next drills = %v, %v", d, err)
	}
	if h, err := s.PlanHistory("old"); err != nil || len(h) != 1 || string(h[0].Data) != `{"x":1}` {
		t.Errorf("history = %+v, %v", h, err)
	}
	if err := s.SetOrganisation("old", "X"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("SetOrganisation on a read-only store: %v", err)
	}
}

// programmeCrashEnv, when set, turns TestProgrammeCrashChild into the
// child of TestProgrammeCrashKeepsAcknowledgedSaves and names its database.
const programmeCrashEnv = "FIREBREAK_STORE_PROGRAMME_CRASH_DB"

func programmePlanDoc(n int64) string {
	return fmt.Sprintf(`{"n":%d,"pad":"%s"}`, n, strings.Repeat("x", 200))
}

// TestProgrammeCrashKeepsAcknowledgedSaves kills a process saving plans,
// organisations and drill dates with SIGKILL, three times, and checks that
// every save it acknowledged is there: the plan's history gapless and
// intact, the plan equal to its last save (plan and history are written in
// one transaction), the organisation and the date those of the last plan
// saved or of the one after (the child may save past its last
// acknowledgement before the kill lands).
func TestProgrammeCrashKeepsAcknowledgedSaves(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustStart(t, s, Exercise{ID: "crash", Source: "test"})
	s.Close()
	var survived int64
	for round := range 3 {
		acked := crashChild(t, "TestProgrammeCrashChild", programmeCrashEnv, path, survived, 40)
		s, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		hist, err := s.PlanHistory("crash")
		if err != nil {
			t.Fatal(err)
		}
		data, _, ok, err := s.Plan("crash")
		if err != nil || !ok {
			t.Fatal(err)
		}
		orgs, _ := s.Organisations()
		drills, _ := s.NextDrills()
		s.Close()
		n := int64(len(hist))
		if n < acked {
			t.Fatalf("round %d: %d saves survived, %d were acknowledged", round, n, acked)
		}
		for i, v := range hist {
			if k := int64(i + 1); v.Seq != k || string(v.Data) != programmePlanDoc(k) {
				t.Fatalf("round %d: save %d damaged or out of order: %d %s", round, k, v.Seq, v.Data)
			}
		}
		if string(data) != programmePlanDoc(n) {
			t.Fatalf("round %d: the plan is not its last save", round)
		}
		// The child may save more between its last acknowledgement read
		// and the kill: the organisation goes with the plans that
		// survived (each save sets it just before the plan), so it is the
		// last surviving plan's or the one after.
		org := orgs["crash"]
		if org != fmt.Sprintf("org %d", n) && org != fmt.Sprintf("org %d", n+1) {
			t.Fatalf("round %d: organisation %q with %d plans saved (%d acknowledged)", round, org, n, acked)
		}
		if d := drills[org]; d == "" {
			t.Fatalf("round %d: %q has no drill date", round, org)
		}
		survived = n
	}
}

// TestProgrammeCrashChild is the child half of
// TestProgrammeCrashKeepsAcknowledgedSaves; it does nothing in a normal run.
func TestProgrammeCrashChild(t *testing.T) {
	s := childStore(programmeCrashEnv)
	if s == nil {
		return
	}
	hist, err := s.PlanHistory("crash")
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(2)
	}
	deadline := time.Now().Add(time.Minute)
	for n := int64(len(hist)) + 1; time.Now().Before(deadline); n++ {
		org := fmt.Sprintf("org %d", n)
		err := errors.Join(
			s.SetNextDrill(org, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n)).Format(time.DateOnly)),
			s.SetOrganisation("crash", org),
			s.SavePlan("crash", []byte(programmePlanDoc(n))))
		if err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(2)
		}
		fmt.Printf("ack %d\n", n)
	}
	os.Exit(0)
}
