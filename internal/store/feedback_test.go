package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Forms are added, numbered from 1 per exercise, and read back in order
// with their documents intact; another exercise's forms stay apart.
func TestFeedbackAddAndRead(t *testing.T) {
	s := openTemp(t)
	mustStart(t, s, Exercise{ID: "a", Teams: []string{"Alpha"}})
	mustStart(t, s, Exercise{ID: "b", Teams: []string{"Bravo"}})
	if fs, err := s.Feedback("a"); err != nil || len(fs) != 0 {
		t.Fatalf("before any form: %v, %v", fs, err)
	}
	docs := []string{`{"n":1}`, `{"n":2,"text":"清楚"}`, `{"n":3}`}
	for i, d := range docs {
		seq, err := s.AddFeedback("a", []byte(d))
		if err != nil || seq != int64(i+1) {
			t.Fatalf("form %d: seq %d, %v", i, seq, err)
		}
	}
	if seq, err := s.AddFeedback("b", []byte(`{"n":9}`)); err != nil || seq != 1 {
		t.Fatalf("b's first form: seq %d, %v", seq, err)
	}
	fs, err := s.Feedback("a")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, f := range fs {
		got = append(got, string(f.Data))
		if f.Seq != int64(i+1) || time.Since(f.Saved) > time.Minute {
			t.Errorf("form %d: seq %d saved %v", i, f.Seq, f.Saved)
		}
	}
	if !slices.Equal(got, docs) {
		t.Errorf("read back %q; want %q", got, docs)
	}
	if _, err := s.AddFeedback("nobody", []byte(`{}`)); !errors.Is(err, ErrNotFound) {
		t.Errorf("a form for no exercise: %v; want ErrNotFound", err)
	}
	if _, err := s.Feedback("nobody"); !errors.Is(err, ErrNotFound) {
		t.Errorf("reading no exercise's forms: %v; want ErrNotFound", err)
	}
	if _, err := s.AddFeedback("a", []byte(`{not json`)); err == nil {
		t.Error("a form that is not JSON was stored")
	}
}

func TestKnownSchemaFeedback(t *testing.T) {
	known, err := knownSchemas()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(known[feedbackSchema], "table participant_feedback") || slices.Contains(known[feedbackSchema-1], "table participant_feedback") {
		t.Errorf("feedbackSchema %d is not the version that brought participant_feedback", feedbackSchema)
	}
}

// feedbackCrashEnv, when set, turns TestFeedbackCrashChild into the child
// of TestFeedbackCrashKeepsAcknowledgedForms and names its database.
const feedbackCrashEnv = "FIREBREAK_STORE_FEEDBACK_CRASH_DB"

func feedbackDoc(n int64) string {
	return fmt.Sprintf(`{"n":%d,"pad":%q}`, n, strings.Repeat("反馈", int(n%50)))
}

// TestFeedbackCrashKeepsAcknowledgedForms kills a process saving forms
// with SIGKILL, three times, and checks that every form it acknowledged is
// there, intact and numbered without gaps (the pattern of
// TestCrashKeepsAcknowledgedEvents).
func TestFeedbackCrashKeepsAcknowledgedForms(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, Exercise{ID: "crash", Source: "test"})
	s.Close()
	var survived int64
	for round := range 3 {
		acked := crashChild(t, "TestFeedbackCrashChild", feedbackCrashEnv, path, survived, 60)
		s, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		fs, err := s.Feedback("crash")
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(fs)) < acked {
			t.Fatalf("round %d: %d forms survived, %d were acknowledged", round, len(fs), acked)
		}
		for i, f := range fs {
			if n := int64(i + 1); f.Seq != n || string(f.Data) != feedbackDoc(n) {
				t.Fatalf("round %d: form %d damaged or out of order: %d %s", round, n, f.Seq, f.Data)
			}
		}
		survived = int64(len(fs))
	}
}

// TestFeedbackCrashChild is the child half of
// TestFeedbackCrashKeepsAcknowledgedForms; it does nothing in a normal run.
func TestFeedbackCrashChild(t *testing.T) {
	s := childStore(feedbackCrashEnv)
	if s == nil {
		return
	}
	fs, err := s.Feedback("crash")
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(2)
	}
	deadline := time.Now().Add(time.Minute)
	for n := int64(len(fs)) + 1; time.Now().Before(deadline); n++ {
		seq, err := s.AddFeedback("crash", []byte(feedbackDoc(n)))
		if err != nil || seq != n {
			fmt.Fprintln(os.Stderr, "child:", seq, err)
			os.Exit(2)
		}
		fmt.Printf("ack %d\n", n)
	}
	os.Exit(0)
}
