package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// secret is text only the erased exercises hold: a scenario title and a
// team's statement, in both scripts.
const (
	secretTitle     = "Zebra-recall-unique-title 斑马召回"
	secretStatement = "We-apologise-unique-statement 我们诚恳致歉独有文字"
)

// fill starts an exercise whose title and log hold the secrets many times
// over (so they fill several pages), and an improvement plan.
func fill(t *testing.T, s *Store, id string) {
	t.Helper()
	e := Exercise{ID: id, ScenarioID: "recall", Title: map[string]string{"en": secretTitle}, Teams: []string{"Alpha"}}
	var rs []Record
	for i := int64(1); i <= 200; i++ {
		rs = append(rs, Record{Seq: i, AtMS: i * 1000, Kind: "decision.chosen",
			Data: fmt.Appendf(nil, `{"text":%q,"n":%d}`, secretStatement, i)})
	}
	if err := s.StartExercise(e, rs); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePlan(id, fmt.Appendf(nil, `{"strengths":[{"text":%q}]}`, secretStatement)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddFeedback(id, fmt.Appendf(nil, `{"name":%q,"strengths":%q}`, secretTitle, secretStatement)); err != nil {
		t.Fatal(err)
	}
}

// onDisk is everything in the database's files: the main file and its
// write-ahead log, as `strings firebreak.db*` would read them.
func onDisk(t *testing.T, path string) []byte {
	t.Helper()
	var all []byte
	for _, p := range []string{path, path + "-wal", path + "-journal"} {
		b, err := os.ReadFile(p)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return all
}

func contains(disk []byte, s string) bool { return bytes.Contains(disk, []byte(s)) }

// TestEraseLeavesNothingOnDisk: after Erase the exercise's title, log and
// plan are gone from the database file and its log, not just unlisted,
// while the other exercises stay whole.
func TestEraseLeavesNothingOnDisk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "firebreak.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fill(t, s, "gone")
	mustStart(t, s, Exercise{ID: "kept", Title: map[string]string{"en": "Kept drill"}, Teams: []string{"Bravo"}})
	if !contains(onDisk(t, path), secretStatement) {
		t.Fatal("the statement is not on disk before erasing: the test proves nothing")
	}
	if err := s.Erase("gone"); err != nil {
		t.Fatal(err)
	}
	disk := onDisk(t, path)
	for _, secret := range []string{secretTitle, secretStatement, "斑马召回", "诚恳致歉独有"} {
		if contains(disk, secret) {
			t.Errorf("%q is still in the database files after Erase", secret)
		}
	}
	if _, err := s.Exercise("gone"); !errors.Is(err, ErrNotFound) {
		t.Errorf("the erased exercise is still listed: %v", err)
	}
	if rs, err := s.Events("gone"); !errors.Is(err, ErrNotFound) {
		t.Errorf("the erased exercise still has %d events (%v)", len(rs), err)
	}
	if _, _, ok, err := s.Plan("gone"); ok || !errors.Is(err, ErrNotFound) {
		t.Errorf("the erased exercise's plan is still there (%v, %v)", ok, err)
	}
	var left int
	if err := s.db.QueryRow(`SELECT (SELECT count(*) FROM events WHERE exercise_id = 'gone') + (SELECT count(*) FROM improvement_plan WHERE exercise_id = 'gone') + (SELECT count(*) FROM participant_feedback WHERE exercise_id = 'gone') + (SELECT count(*) FROM erasing)`).Scan(&left); err != nil || left != 0 {
		t.Errorf("%d rows of the erased exercise are left (%v)", left, err)
	}
	if rs, err := s.Events("kept"); err != nil || len(rs) != 1 {
		t.Errorf("the other exercise has %d events (%v), want 1", len(rs), err)
	}
	// The log stays append-only for what is not being erased.
	if _, err := s.db.Exec(`DELETE FROM events WHERE exercise_id = 'kept'`); err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Errorf("a stray DELETE of events: %v; want the append-only refusal", err)
	}
	if err := s.Erase("gone"); !errors.Is(err, ErrNotFound) {
		t.Errorf("erasing it again: %v; want ErrNotFound", err)
	}
}

// TestEraseAllLeavesACleanDatabase: nothing of any exercise stays in the
// files, the database still works and a reopen finds it empty.
func TestEraseAllLeavesACleanDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "firebreak.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, s, "one")
	fill(t, s, "two")
	n, err := s.EraseAll()
	if err != nil || n != 2 {
		t.Fatalf("EraseAll = %d, %v; want 2, nil", n, err)
	}
	if contains(onDisk(t, path), secretStatement) || contains(onDisk(t, path), secretTitle) {
		t.Error("exercise text is still in the database files after EraseAll")
	}
	mustStart(t, s, Exercise{ID: "after"})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	es, err := s.Exercises()
	if err != nil || len(es) != 1 || es[0].ID != "after" {
		t.Errorf("after erasing all and starting one: %v, %v", es, err)
	}
	if n, err := s.EraseAll(); err != nil || n != 1 {
		t.Errorf("EraseAll = %d, %v; want 1", n, err)
	}
	if n, err := s.EraseAll(); err != nil || n != 0 {
		t.Errorf("EraseAll on an empty database = %d, %v; want 0", n, err)
	}
}

// TestExercisesListsAllNewestFirst: the history has running and finished
// exercises, newest first.
func TestExercisesListsAllNewestFirst(t *testing.T) {
	s := openTemp(t)
	mustStart(t, s, Exercise{ID: "a"})
	mustStart(t, s, Exercise{ID: "b"})
	if err := s.Finish("a"); err != nil {
		t.Fatal(err)
	}
	es, err := s.Exercises()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		got = append(got, e.ID+":"+e.Status)
	}
	if strings.Join(got, " ") != "b:running a:finished" {
		t.Errorf("Exercises = %v; want b:running a:finished", got)
	}
}

func TestEraseOnAReadOnlyStoreIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "firebreak.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, s, "x")
	s.Close()
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.Erase("x"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Erase on a read-only store: %v; want ErrReadOnly", err)
	}
	if _, err := ro.EraseAll(); !errors.Is(err, ErrReadOnly) {
		t.Errorf("EraseAll on a read-only store: %v; want ErrReadOnly", err)
	}
}
