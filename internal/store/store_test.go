package store

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "firebreak.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustCreate(t *testing.T, s *Store, e Exercise) {
	t.Helper()
	if err := s.CreateExercise(e); err != nil {
		t.Fatal(err)
	}
}

// mustStart starts an exercise with a first event, as exercise.Start does.
func mustStart(t *testing.T, s *Store, e Exercise) {
	t.Helper()
	if err := s.StartExercise(e, []Record{rec(1, 0)}); err != nil {
		t.Fatal(err)
	}
}

// TestStartIsAtomic: an exercise and its first events are written together
// or not at all, and an exercise left without events by an older version's
// interrupted start is ignored by the lists (it can never be resumed).
func TestStartIsAtomic(t *testing.T) {
	s := openTemp(t)
	bad := []Record{rec(1, 0), {Seq: 2, Kind: "inject", Data: []byte("{not json")}}
	if err := s.StartExercise(Exercise{ID: "half"}, bad); err == nil {
		t.Fatal("a start with a broken event was accepted")
	}
	if _, err := s.Exercise("half"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a failed start left its exercise behind: %v", err)
	}
	if err := s.StartExercise(Exercise{ID: "whole"}, []Record{rec(1, 0), rec(2, 0)}); err != nil {
		t.Fatal(err)
	}
	if rs, err := s.Events("whole"); err != nil || len(rs) != 2 {
		t.Errorf("the started exercise has %d events (%v), want 2", len(rs), err)
	}
	// An orphan as an older version could leave it: a row, no log.
	if err := s.CreateExercise(Exercise{ID: "orphan", CreatedAt: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if e, err := s.Latest(); err != nil || e.ID != "whole" {
		t.Errorf("Latest = %s, %v; want whole, not the orphan", e.ID, err)
	}
	if es, _ := s.Unfinished(); len(es) != 1 || es[0].ID != "whole" {
		t.Errorf("Unfinished lists %v; want only whole", es)
	}
}

func rec(seq, at int64) Record {
	return Record{Seq: seq, AtMS: at, Kind: "inject", Data: fmt.Appendf(nil, `{"n":%d}`, seq)}
}

func pragma(t *testing.T, s *Store, name string) string {
	t.Helper()
	var v string
	if err := s.db.QueryRow("PRAGMA " + name).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestOpenNewDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "dirs", "firebreak.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file not created: %v", err)
	}
	// The durability promise rests on these; check they really took.
	for name, want := range map[string]string{
		"journal_mode": "wal",
		"synchronous":  "2",
		"foreign_keys": "1",
		"busy_timeout": "5000",
	} {
		if got := pragma(t, s, name); got != want {
			t.Errorf("PRAGMA %s = %q, want %q", name, got, want)
		}
	}
	if v, err := schemaVersion(s.db); err != nil || v != len(migrations) {
		t.Errorf("schema version = %d, %v; want %d", v, err, len(migrations))
	}
}

func TestOpenPathNeedingEscapes(t *testing.T) {
	// '?', '#' and '%' mean something in a URI; they must still reach the file system.
	path := filepath.Join(t.TempDir(), "a?b#c%20d", "fire?break.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at the literal path: %v", err)
	}
}

func TestReopenIsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "firebreak.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, Exercise{ID: "ex1", Source: "gui"})
	if err := s.Append("ex1", rec(1, 10)); err != nil {
		t.Fatal(err)
	}
	s.Close()

	for i := range 3 {
		s, err := Open(path)
		if err != nil {
			t.Fatalf("reopen %d: %v", i, err)
		}
		var rows int
		if err := s.db.QueryRow(`SELECT count(*) FROM schema_version`).Scan(&rows); err != nil {
			t.Fatal(err)
		}
		if rows != len(migrations) {
			t.Errorf("reopen %d: %d schema_version rows, want %d", i, rows, len(migrations))
		}
		evs, err := s.Events("ex1")
		if err != nil || len(evs) != 1 {
			t.Errorf("reopen %d: events = %v, %v", i, evs, err)
		}
		s.Close()
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "firebreak.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	future := len(migrations) + 1
	if _, err := s.db.Exec(`INSERT INTO schema_version VALUES (?, 0)`, future); err != nil {
		t.Fatal(err)
	}
	s.Close()

	_, err = Open(path)
	if !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("Open = %v, want ErrSchemaTooNew", err)
	}
	if !strings.Contains(err.Error(), fmt.Sprint(future)) {
		t.Errorf("error %q does not name the database's version %d", err, future)
	}
}

func TestOpenRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	garbage := bytes.Repeat([]byte("this is not a database\x00\xff"), 400)
	header := append([]byte("SQLite format 3\x00"), bytes.Repeat([]byte{0xA5}, 8192)...)

	// Someone else's SQLite file: valid, but we must not add our tables to it.
	foreign := filepath.Join(dir, "foreign.db")
	db, err := sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE notes (body TEXT)`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	tests := []struct {
		name    string
		path    string
		wantErr error // nil: any error will do
		same    []byte
	}{
		{"garbage", write("garbage.db", garbage), nil, garbage},
		{"text", write("notes.txt", []byte("hello\n")), nil, []byte("hello\n")},
		{"damaged header", write("damaged.db", header), nil, header},
		{"directory", dir, nil, nil},
		{"foreign sqlite", foreign, ErrNotFirebreak, nil},
		{"empty path", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(tt.path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded, want an error")
			}
			t.Logf("error: %v", err)
			if !strings.HasPrefix(err.Error(), "store: open") {
				t.Errorf("error %q lacks context", err)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v, want %v", err, tt.wantErr)
			}
			if tt.same != nil {
				if got, _ := os.ReadFile(tt.path); !bytes.Equal(got, tt.same) {
					t.Error("Open modified a file it refused")
				}
			}
		})
	}
}

func TestLoadMigrations(t *testing.T) {
	sqlFile := &fstest.MapFile{Data: []byte("SELECT 1;")}
	tests := []struct {
		name    string
		files   []string
		wantErr bool
	}{
		{"embedded-like", []string{"0001_init.sql", "0002_more.sql"}, false},
		{"none", nil, false},
		{"gap", []string{"0001_a.sql", "0003_c.sql"}, true},
		{"duplicate", []string{"0001_a.sql", "1_b.sql"}, true},
		{"starts at 2", []string{"0002_a.sql"}, true},
		{"no version", []string{"init.sql"}, true},
		{"zero", []string{"0000_a.sql"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, f := range tt.files {
				fsys["migrations/"+f] = sqlFile
			}
			ms, err := loadMigrations(fsys)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err == nil && len(ms) != len(tt.files) {
				t.Errorf("got %d migrations, want %d", len(ms), len(tt.files))
			}
		})
	}
	if migrationsErr != nil {
		t.Fatalf("embedded migrations: %v", migrationsErr)
	}
}

func TestCreateAndReadExercise(t *testing.T) {
	s := openTemp(t)
	created := time.UnixMilli(1_700_000_000_123)
	want := Exercise{
		ID:         "ab12",
		ScenarioID: "ransomware-hospital",
		Title:      map[string]string{"en": "Ransomware at St. Mary's", "zh": "圣玛丽医院勒索软件"},
		Lang:       "zh",
		Teams:      []string{"comms", "legal", "exec"},
		Source:     "gui",
		Status:     StatusRunning,
		ClockMS:    0,
		CreatedAt:  created,
		UpdatedAt:  created,
	}
	mustCreate(t, s, want)
	got, err := s.Exercise("ab12")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Exercise =\n%+v\nwant\n%+v", got, want)
	}

	if err := s.CreateExercise(want); !errors.Is(err, ErrExists) {
		t.Errorf("duplicate create: %v, want ErrExists", err)
	}
	if err := s.CreateExercise(Exercise{}); err == nil {
		t.Error("empty ID accepted")
	}
	if err := s.CreateExercise(Exercise{ID: "x", Status: "paused"}); err == nil {
		t.Error("bad status accepted")
	}

	// Defaults: running, timestamps now.
	before := time.Now().Add(-time.Second)
	mustCreate(t, s, Exercise{ID: "defaults"})
	d, err := s.Exercise("defaults")
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != StatusRunning || d.CreatedAt.Before(before) || !d.UpdatedAt.Equal(d.CreatedAt) {
		t.Errorf("defaults not applied: %+v", d)
	}
}

func TestAppendRoundTrip(t *testing.T) {
	s := openTemp(t)
	mustCreate(t, s, Exercise{ID: "ex", ClockMS: 500, CreatedAt: time.UnixMilli(1000)})

	wall := time.UnixMilli(1_700_000_000_000)
	want := []Record{
		{Seq: 1, AtMS: 0, Kind: "started", Data: []byte(`{}`), Wall: wall},
		{Seq: 2, AtMS: 1500, Kind: "inject", Data: []byte(`{"id":"i1","text":"记者来电"}`), Wall: wall.Add(time.Second)},
	}
	for _, r := range want {
		if err := s.Append("ex", r); err != nil {
			t.Fatal(err)
		}
	}
	batch := []Record{
		{Seq: 3, AtMS: 900, Kind: "decision", Data: []byte(`[1,2,3]`), Wall: wall.Add(2 * time.Second)},
		{Seq: 4, AtMS: 2500, Kind: "note", Data: []byte(`"plain string"`), Wall: wall.Add(3 * time.Second)},
	}
	if err := s.AppendBatch("ex", batch); err != nil {
		t.Fatal(err)
	}
	if err := s.AppendBatch("ex", nil); err != nil {
		t.Errorf("empty batch: %v", err)
	}
	want = append(want, batch...)

	got, err := s.Events("ex")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("got %d events, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Seq != w.Seq || g.AtMS != w.AtMS || g.Kind != w.Kind || !bytes.Equal(g.Data, w.Data) || !g.Wall.Equal(w.Wall) {
			t.Errorf("event %d = %+v, want %+v", i, g, w)
		}
	}

	e, err := s.Exercise("ex")
	if err != nil {
		t.Fatal(err)
	}
	if e.ClockMS != 2500 {
		t.Errorf("ClockMS = %d, want max AtMS 2500", e.ClockMS)
	}
	if !e.UpdatedAt.After(e.CreatedAt) {
		t.Errorf("UpdatedAt %v not bumped past CreatedAt %v", e.UpdatedAt, e.CreatedAt)
	}

	// A zero Wall is stamped with the time of the append.
	before := time.Now().Add(-time.Second)
	if err := s.Append("ex", Record{Seq: 5, AtMS: 100, Kind: "k", Data: []byte(`null`)}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Events("ex")
	if w := got[4].Wall; w.Before(before) || w.After(time.Now()) {
		t.Errorf("zero Wall stamped as %v", w)
	}
	if e, _ := s.Exercise("ex"); e.ClockMS != 2500 {
		t.Errorf("ClockMS went back to %d on an earlier AtMS", e.ClockMS)
	}
}

func TestAppendRefusesBadSeq(t *testing.T) {
	tests := []struct {
		name  string
		prior int64   // events already in the log
		seqs  []int64 // one entry: Append; more: AppendBatch
		want  string  // "expected seq X, got Y"
	}{
		{"first must be 1", 0, []int64{2}, "expected seq 1, got 2"},
		{"zero", 0, []int64{0}, "expected seq 1, got 0"},
		{"gap", 3, []int64{5}, "expected seq 4, got 5"},
		{"repeat", 3, []int64{3}, "expected seq 4, got 3"},
		{"negative", 3, []int64{-1}, "expected seq 4, got -1"},
		{"batch starts with repeat", 3, []int64{3, 4}, "expected seq 4, got 3"},
		{"batch inner gap", 3, []int64{4, 5, 7}, "expected seq 6, got 7"},
		{"batch inner repeat", 3, []int64{4, 4}, "expected seq 5, got 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTemp(t)
			mustCreate(t, s, Exercise{ID: "ex"})
			for i := int64(1); i <= tt.prior; i++ {
				if err := s.Append("ex", rec(i, i)); err != nil {
					t.Fatal(err)
				}
			}
			var err error
			if len(tt.seqs) == 1 {
				err = s.Append("ex", rec(tt.seqs[0], 0))
			} else {
				var rs []Record
				for _, q := range tt.seqs {
					rs = append(rs, rec(q, 0))
				}
				err = s.AppendBatch("ex", rs)
			}
			if !errors.Is(err, ErrSeq) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want ErrSeq with %q", err, tt.want)
			}
			if !strings.Contains(err.Error(), "of exercise ex") {
				t.Errorf("error %q does not name the exercise", err)
			}
			// All or nothing: a refused batch leaves no partial writes.
			evs, err := s.Events("ex")
			if err != nil {
				t.Fatal(err)
			}
			if int64(len(evs)) != tt.prior {
				t.Errorf("log has %d events after refusal, want %d", len(evs), tt.prior)
			}
		})
	}
}

func TestAppendValidation(t *testing.T) {
	s := openTemp(t)
	mustCreate(t, s, Exercise{ID: "ex"})
	tests := []struct {
		name string
		id   string
		r    Record
		is   error
	}{
		{"unknown exercise", "nope", rec(1, 0), ErrNotFound},
		{"empty kind", "ex", Record{Seq: 1, Data: []byte(`{}`)}, nil},
		{"nil data", "ex", Record{Seq: 1, Kind: "k"}, nil},
		{"invalid JSON", "ex", Record{Seq: 1, Kind: "k", Data: []byte(`{"a":`)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Append(tt.id, tt.r)
			if err == nil {
				t.Fatal("accepted")
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("err = %v, want %v", err, tt.is)
			}
		})
	}
	if evs, _ := s.Events("ex"); len(evs) != 0 {
		t.Errorf("log has %d events, want 0", len(evs))
	}
}

func TestEventsAreAppendOnly(t *testing.T) {
	s := openTemp(t)
	mustCreate(t, s, Exercise{ID: "ex"})
	if err := s.Append("ex", rec(1, 0)); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE events SET kind = 'forged'`,
		`DELETE FROM events`,
		`DELETE FROM exercises`, // would orphan the events: foreign key
	} {
		if _, err := s.db.Exec(q); err == nil {
			t.Errorf("%s succeeded", q)
		}
	}
	if evs, _ := s.Events("ex"); len(evs) != 1 || evs[0].Kind != "inject" {
		t.Errorf("log changed: %+v", evs)
	}
}

func TestExerciseQueries(t *testing.T) {
	s := openTemp(t)

	// Empty database.
	if _, err := s.Latest(); !errors.Is(err, ErrNotFound) {
		t.Errorf("Latest on empty = %v, want ErrNotFound", err)
	}
	if es, err := s.Unfinished(); err != nil || len(es) != 0 {
		t.Errorf("Unfinished on empty = %v, %v", es, err)
	}

	now := time.Now()
	ago := func(d time.Duration) time.Time { return now.Add(-d) }
	// created order: a, b, c; activity order: b, a, c.
	mustStart(t, s, Exercise{ID: "a", Source: "gui", CreatedAt: ago(3 * time.Hour), UpdatedAt: ago(time.Hour)})
	mustStart(t, s, Exercise{ID: "b", Source: "play:h1", CreatedAt: ago(2 * time.Hour), UpdatedAt: ago(30 * time.Minute)})
	mustStart(t, s, Exercise{ID: "c", Source: "gui", CreatedAt: ago(time.Hour), UpdatedAt: ago(50 * time.Minute)})

	ids := func(es []Exercise) string {
		var out []string
		for _, e := range es {
			out = append(out, e.ID)
		}
		return strings.Join(out, ",")
	}
	unfinished := func() string {
		t.Helper()
		es, err := s.Unfinished()
		if err != nil {
			t.Fatal(err)
		}
		return ids(es)
	}
	find := func(source string) string {
		t.Helper()
		e, ok, err := s.FindUnfinished(source)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return "-"
		}
		return e.ID
	}

	if got := unfinished(); got != "b,c,a" {
		t.Errorf("Unfinished = %s, want b,c,a", got)
	}
	if got := find("gui"); got != "c" {
		t.Errorf("FindUnfinished(gui) = %s, want c", got)
	}
	if got := find("play:other"); got != "-" {
		t.Errorf("FindUnfinished(play:other) = %s, want none", got)
	}

	// SetClock is activity: a jumps to the front.
	if err := s.SetClock("a", 61_000, true); err != nil {
		t.Fatal(err)
	}
	if e, _ := s.Exercise("a"); e.ClockMS != 61_000 || !e.Paused {
		t.Errorf("after SetClock: ClockMS %d Paused %v", e.ClockMS, e.Paused)
	}
	if err := s.SetClock("a", 62_000, false); err != nil {
		t.Fatal(err)
	}
	if e, _ := s.Exercise("a"); e.ClockMS != 62_000 || e.Paused {
		t.Errorf("after unpause: ClockMS %d Paused %v", e.ClockMS, e.Paused)
	}
	if got := unfinished(); got != "a,b,c" {
		t.Errorf("Unfinished after SetClock = %s, want a,b,c", got)
	}
	if got := find("gui"); got != "a" {
		t.Errorf("FindUnfinished(gui) = %s, want a", got)
	}

	// Finishing removes from Unfinished but not from Latest.
	if err := s.Finish("c"); err != nil {
		t.Fatal(err)
	}
	if err := s.Finish("c"); err != nil {
		t.Errorf("second Finish: %v", err)
	}
	if e, _ := s.Exercise("c"); e.Status != StatusFinished {
		t.Errorf("status = %q", e.Status)
	}
	if got := unfinished(); got != "a,b" {
		t.Errorf("Unfinished after Finish = %s, want a,b", got)
	}
	if e, err := s.Latest(); err != nil || e.ID != "c" {
		t.Errorf("Latest = %s, %v; want c", e.ID, err)
	}

	// Ties in created_ms fall back to insertion order.
	mustStart(t, s, Exercise{ID: "d1", CreatedAt: now})
	mustStart(t, s, Exercise{ID: "d2", CreatedAt: now})
	if e, err := s.Latest(); err != nil || e.ID != "d2" {
		t.Errorf("Latest with tie = %s, %v; want d2", e.ID, err)
	}

	// Missing exercises.
	for name, err := range map[string]error{
		"Exercise": func() error { _, err := s.Exercise("zz"); return err }(),
		"Events":   func() error { _, err := s.Events("zz"); return err }(),
		"SetClock": s.SetClock("zz", 1, false),
		"Finish":   s.Finish("zz"),
	} {
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("%s(missing) = %v, want ErrNotFound", name, err)
		}
	}
	// An existing exercise with no events is not "not found".
	if err := s.CreateExercise(Exercise{ID: "e0"}); err != nil {
		t.Fatal(err)
	}
	if evs, err := s.Events("e0"); err != nil || len(evs) != 0 {
		t.Errorf("Events(empty log) = %v, %v", evs, err)
	}
}

// FindUnfinished returns the most recently active running exercise started
// by source, so e.g. a re-run of the same play script resumes instead of
// starting over. ok is false if there is none.
func (s *Store) FindUnfinished(source string) (e Exercise, ok bool, err error) {
	e, err = s.one(`SELECT `+exerciseCols+` FROM exercises WHERE status = ? AND source = ? AND `+hasLog+`
		ORDER BY updated_ms DESC, pk DESC LIMIT 1`, StatusRunning, source)
	if errors.Is(err, ErrNotFound) {
		return Exercise{}, false, nil
	}
	if err != nil {
		return Exercise{}, false, s.errf(err, "find unfinished exercise for %q", source)
	}
	return e, true, nil
}

// CreateExercise records a new exercise. Zero Status means running; zero
// CreatedAt/UpdatedAt mean now. An ID already in use gives ErrExists.
func (s *Store) CreateExercise(e Exercise) error { return s.StartExercise(e, nil) }
