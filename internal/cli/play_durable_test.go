package cli

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/firebreak-drills/firebreak/internal/library"
)

// A run of a script that already ended in the database (say the first run was
// killed after the end, before it wrote its outputs) gives that exercise's
// result again: it does not play the script a second time into a duplicate.
func TestPlayAfterTheEndGivesTheSameExercise(t *testing.T) {
	script := writeFile(t, "s.yaml", miniScript)
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	args := []string{"play", miniPath, "--script", script, "--db", db, "--out", dir}
	if code, _, stderr := runCLI(t, args...); code != 0 {
		t.Fatal(stderr)
	}
	first := readResult(t, dir)
	if err := os.Remove(filepath.Join(dir, "result.json")); err != nil {
		t.Fatal(err)
	}

	code, _, stderr := runCLI(t, args...)
	if code != 0 {
		t.Fatal(stderr)
	}
	again := readResult(t, dir)
	if again.Exercise != first.Exercise || !again.Resumed {
		t.Fatalf("second run: exercise %s (resumed %v), want the first run's %s, resumed", again.Exercise, again.Resumed, first.Exercise)
	}
	if !strings.Contains(stderr, "already ended") {
		t.Errorf("the second run does not say the exercise had ended: %q", stderr)
	}
	again.Resumed = false
	if !equalJSON(t, again, first) {
		t.Fatal("the result given again differs from the first run's")
	}

	if code, _, stderr := runCLI(t, append(args, "--new")...); code != 0 {
		t.Fatal(stderr)
	}
	if fresh := readResult(t, dir); fresh.Exercise == first.Exercise || fresh.Resumed {
		t.Fatalf("--new: exercise %s (resumed %v), want a new exercise", fresh.Exercise, fresh.Resumed)
	}
}

// At N× play waits the wall time of the exercise only while it runs: every
// team of the beverage-recall script ends at 1:00:00 of 1:30:00, so at 60×
// the run takes a minute, not the ninety seconds to the scheduled end.
func TestPlayDoesNotWaitAfterTheEnd(t *testing.T) {
	entry, err := library.Find("beverage-recall")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "..", "scenarios", "testdata", "beverage-recall.play.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	script, err := ParseScript(path, data, entry.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "x.db")
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		res, st, err := Play(PlayOptions{Scenario: entry, Script: script, ScriptID: "s", DB: db, Lang: "en", Speed: 60, Warn: io.Discard})
		if err != nil {
			t.Fatal(err)
		}
		took := time.Since(start)
		if !st.Ended || st.EndedAt != time.Hour {
			t.Fatalf("the exercise ended=%v at %v; the test expects every team to finish at 1:00:00", st.Ended, st.EndedAt)
		}
		if want := time.Hour / 60; took > want+time.Second {
			t.Fatalf("play at 60× took %v of (bubble) wall time for an exercise that ended at 1:00:00; want about %v", took, want)
		}
		if len(res.Teams) != 3 {
			t.Fatalf("%d teams in the result", len(res.Teams))
		}
	})
}

func equalJSON(t *testing.T, a, b any) bool {
	t.Helper()
	ja, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	jb, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return string(ja) == string(jb)
}
