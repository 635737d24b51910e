package uitest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// MiniEntry is the engine's small test scenario as a library entry.
func MiniEntry(t testing.TB) library.Entry { return EngineEntry(t, "mini.yaml") }

// EngineEntry is one of the engine's test scenarios as a library entry,
// with the pictures beside it.
func EngineEntry(t testing.TB, name string) library.Entry {
	t.Helper()
	path := filepath.Join(repoRoot(t), "internal", "engine", "testdata", name)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc, media, probs, err := scenario.LoadFileMedia(path)
	if sc == nil || err != nil {
		t.Fatalf("%s does not load: %v %v", name, probs, err)
	}
	if len(media) == 0 {
		media = nil
	}
	return library.Entry{ID: sc.ID, File: name, Source: src, Scenario: sc, Media: media}
}

// OpenStore opens a real database in the test's temporary directory.
func OpenStore(t testing.TB) *exercise.DB {
	t.Helper()
	st, err := exercise.Open(filepath.Join(t.TempDir(), "firebreak.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// StartMini starts the mini scenario for teams Alpha and Bravo on the
// store, with the clock paused at 0 as a new exercise is.
func StartMini(t *testing.T, st *exercise.DB, clock engine.WallClock) *exercise.Running {
	t.Helper()
	return StartEntry(t, st, clock, MiniEntry(t), 0, "Alpha", "Bravo")
}

// StartEntry starts e in English at speed 1 with seed for teams on the
// store, as the setup screen does, with the clock paused at 0.
func StartEntry(t *testing.T, st *exercise.DB, clock engine.WallClock, e library.Entry, seed uint64, teams ...string) *exercise.Running {
	t.Helper()
	run, err := exercise.Start(st, engine.Config{ScenarioID: e.ID, Source: e.Source, Media: e.Media, Teams: teams,
		Lang: "en", Speed: 1, Seed: seed}, e.Scenario.Title, "gui", clock, exercise.EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	return run
}

// repoRoot is the repository's top folder, found from this file's place in
// it, so that the tests of every screen package find the engine's test
// scenarios whatever their depth.
func repoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("uitest: cannot tell where the source is")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// StartEngine starts internal/engine/testdata/name.yaml headless in lang
// for teams, logging to log (a fresh MemoryLog when nil): a session a test
// connects a laptop's screen to.
func StartEngine(t testing.TB, name, lang string, log engine.Log, teams ...string) *engine.Session {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot(t), "internal", "engine", "testdata", name+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if log == nil {
		log = &engine.MemoryLog{}
	}
	s, err := engine.Start(engine.Config{ScenarioID: name, Source: src, Teams: teams, Lang: lang}, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
