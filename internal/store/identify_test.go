package store

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// snap is what a file looks like from outside: its bytes, its mtime and the
// files beside it that share its name (-wal, -shm, -journal, .lock).
type snap struct {
	sum      [32]byte
	mtime    time.Time
	siblings []string
}

func snapshot(t *testing.T, path string) snap {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return snap{sum: sha256.Sum256(b), mtime: fi.ModTime(), siblings: siblings(t, path)}
}

// siblings lists the files beside path whose name starts with its name.
func siblings(t *testing.T, path string) []string {
	t.Helper()
	es, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		if n := e.Name(); n != filepath.Base(path) && strings.HasPrefix(n, filepath.Base(path)) {
			names = append(names, n)
		}
	}
	return names
}

func (a snap) check(t *testing.T, b snap, what string) {
	t.Helper()
	if a.sum != b.sum {
		t.Errorf("%s changed the file's bytes", what)
	}
	if !a.mtime.Equal(b.mtime) {
		t.Errorf("%s changed the file's mtime: %v -> %v", what, a.mtime, b.mtime)
	}
	if !slices.Equal(a.siblings, b.siblings) {
		t.Errorf("%s left files beside it: %v -> %v", what, a.siblings, b.siblings)
	}
}

// sqliteFile makes a SQLite database at path with stmts, as another
// application would (plain sql.Open: rollback journal unless stmts say).
func sqliteFile(t *testing.T, path string, stmts ...string) string {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return path
}

// legacyDB writes a database at schema version v the way Firebreak did
// before the application id: WAL switched on at connect, migrations applied
// with their schema_version rows, no stamp.
func legacyDB(t *testing.T, path string, v int) string {
	t.Helper()
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	db, err := sql.Open("sqlite", fileURI(path, q))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, m := range migrations[:v] {
		for _, s := range []string{
			`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_ms INTEGER NOT NULL)`,
			m.sql,
			`INSERT INTO schema_version VALUES (` + string(rune('0'+m.version)) + `, 0)`,
		} {
			if _, err := db.Exec(s); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := db.Exec(`INSERT INTO exercises (id, scenario_id, title, lang, teams, source, status, clock_ms, paused, created_ms, updated_ms)
		VALUES ('old', 'sc', '{}', 'en', '["A"]', 'gui', 'finished', 0, 1, 0, 0)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO events VALUES ('old', 1, 0, 'start', '{}', 0)`); err != nil {
		t.Fatal(err)
	}
	return path
}

func header(t *testing.T, db *sql.DB) (appID, userVersion int32) {
	t.Helper()
	if err := db.QueryRow(`PRAGMA application_id`).Scan(&appID); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&userVersion); err != nil {
		t.Fatal(err)
	}
	return appID, userVersion
}

// A new database is stamped as Firebreak's: application id and schema
// version in its header.
func TestNewDatabaseIsStamped(t *testing.T) {
	for name, make := range map[string]func(string){
		"missing": func(string) {},
		"empty":   func(p string) { os.WriteFile(p, nil, 0o600) },
		"sqlite without tables": func(p string) {
			sqliteFile(t, p, `CREATE TABLE t (a)`, `DROP TABLE t`)
		},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "fb.db")
			make(path)
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if id, v := header(t, s.db); id != AppID || int(v) != len(migrations) {
				t.Errorf("application_id %#x, user_version %d; want %#x, %d", id, v, AppID, len(migrations))
			}
		})
	}
}

// A file that is not Firebreak's is refused before anything is written to
// it: same bytes, same mtime, no -wal, -shm or lock file left beside it, and
// an error that names the file and says what is wrong. (Before, Open
// switched the file to WAL mode at connect, and took a database with only
// views, or with no schema_version, as its own.)
func TestOpenRefusesForeignFilesUntouched(t *testing.T) {
	dir := t.TempDir()
	p := func(name string) string { return filepath.Join(dir, name) }
	write := func(name string, b []byte) string {
		if err := os.WriteFile(p(name), b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p(name)
	}
	var fbObjects []string
	for _, m := range migrations {
		fbObjects = append(fbObjects, m.sql)
	}
	tests := []struct {
		name  string
		path  string
		want  error
		words []string // in the message besides the path
	}{
		{"another app's tables", sqliteFile(t, p("notes.db"), `CREATE TABLE notes (body TEXT)`, `INSERT INTO notes VALUES ('x')`),
			ErrNotFirebreak, []string{"tables: notes"}},
		{"another app's WAL database", sqliteFile(t, p("wal.db"), `PRAGMA journal_mode = WAL`, `CREATE TABLE todo (x)`, `CREATE TABLE done (x)`),
			ErrNotFirebreak, []string{"tables: done, todo"}},
		{"only views", sqliteFile(t, p("views.db"), `CREATE VIEW v AS SELECT 1 AS one`),
			ErrNotFirebreak, []string{"only views: v"}},
		{"another application id", sqliteFile(t, p("appid.db"), `PRAGMA application_id = 1234`),
			ErrNotFirebreak, []string{"application id 0x000004d2"}},
		{"another app's user_version", sqliteFile(t, p("uv.db"), `PRAGMA user_version = 7`),
			ErrNotFirebreak, []string{"version 7"}},
		{"Firebreak's tables and one more", sqliteFile(t, p("extra.db"), append(fbObjects,
			`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_ms INTEGER NOT NULL)`,
			`INSERT INTO schema_version VALUES (1, 0), (2, 0)`, `CREATE TABLE extra (x)`)...),
			ErrNotFirebreak, []string{"extra"}},
		{"Firebreak's tables, wrong version rows", sqliteFile(t, p("rows.db"), append(fbObjects,
			`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_ms INTEGER NOT NULL)`)...),
			ErrNotFirebreak, nil},
		{"text", write("notes.txt", []byte("hello\n")), ErrNotDatabase, nil},
		{"garbage", write("garbage.db", bytes.Repeat([]byte("this is not a database\x00\xff"), 400)), ErrNotDatabase, nil},
		{"damaged header", write("damaged.db", append([]byte(sqliteMagic), bytes.Repeat([]byte{0xA5}, 8192)...)), ErrNotDatabase, nil},
	}
	for _, tt := range tests {
		for _, mode := range []struct {
			name string
			open func(string) (*Store, error)
		}{{"Open", Open}, {"OpenReadOnly", OpenReadOnly}} {
			t.Run(tt.name+"/"+mode.name, func(t *testing.T) {
				before := snapshot(t, tt.path)
				s, err := mode.open(tt.path)
				if err == nil {
					s.Close()
					t.Fatal("opened, want refused")
				}
				t.Logf("error: %v", err)
				if !errors.Is(err, tt.want) {
					t.Errorf("error %v, want %v", err, tt.want)
				}
				var oe *OpenError
				if !errors.As(err, &oe) || oe.Path != tt.path {
					t.Errorf("error %#v is not an *OpenError for %s", err, tt.path)
				}
				if !strings.Contains(err.Error(), tt.path) {
					t.Errorf("error %q does not name the file", err)
				}
				for _, w := range tt.words {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not say %q", err, w)
					}
				}
				before.check(t, snapshot(t, tt.path), mode.name)
			})
		}
	}
}

func TestOpenRefusesFolder(t *testing.T) {
	dir := t.TempDir()
	for _, open := range []func(string) (*Store, error){Open, OpenReadOnly} {
		if s, err := open(dir); !errors.Is(err, ErrNotDatabase) || !strings.Contains(err.Error(), dir) {
			if s != nil {
				s.Close()
			}
			t.Errorf("a folder: %v; want ErrNotDatabase naming it", err)
		}
	}
	if names := siblings(t, dir); len(names) != 0 {
		t.Errorf("files left beside the folder: %v", names)
	}
}

// A database made by Firebreak before the application id (exactly one of
// its schemas, no stamp) is recognised: Open adopts it (stamps it, migrates
// it) and keeps its exercises; OpenReadOnly reads it as it is.
func TestOpenAdoptsLegacyDatabase(t *testing.T) {
	// testdata/legacy-v2.sqlite was written by the store of commit 3299fda (schema
	// 2, before the application id): one finished exercise, "legacy1", with
	// two events and an improvement plan.
	fixture, err := os.ReadFile("testdata/legacy-v2.sqlite")
	if err != nil {
		t.Fatal(err)
	}
	real := filepath.Join(t.TempDir(), "legacy-v2.db")
	if err := os.WriteFile(real, fixture, 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, path, id string
		events         int
		plan           bool
	}{
		{"schema 2 written by the old store", real, "legacy1", 2, true},
		{"schema 1", legacyDB(t, filepath.Join(t.TempDir(), "v1.db"), 1), "old", 1, false},
		{"schema 2", legacyDB(t, filepath.Join(t.TempDir(), "v2.db"), 2), "old", 1, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Read-only first: read as it is, nothing written.
			before := snapshot(t, c.path)
			r, err := OpenReadOnly(c.path)
			if err != nil {
				t.Fatal(err)
			}
			if evs, err := r.Events(c.id); err != nil || len(evs) != c.events {
				t.Errorf("read-only: %d events, %v; want %d", len(evs), err, c.events)
			}
			if _, _, ok, err := r.Plan(c.id); err != nil || ok != c.plan {
				t.Errorf("read-only: plan %v, %v; want %v", ok, err, c.plan)
			}
			r.Close()
			before.check(t, snapshot(t, c.path), "OpenReadOnly")

			s, err := Open(c.path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if id, v := header(t, s.db); id != AppID || int(v) != len(migrations) {
				t.Errorf("application_id %#x, user_version %d; want %#x, %d", id, v, AppID, len(migrations))
			}
			if v, err := schemaVersion(s.db); err != nil || v != len(migrations) {
				t.Errorf("schema version %d, %v", v, err)
			}
			if evs, err := s.Events(c.id); err != nil || len(evs) != c.events {
				t.Errorf("%d events, %v; want %d", len(evs), err, c.events)
			}
			if _, _, ok, err := s.Plan(c.id); err != nil || ok != c.plan {
				t.Errorf("plan %v, %v; want %v", ok, err, c.plan)
			}
		})
	}
}

// The known schemas follow the migrations: one per version, each a
// superset of the one before.
func TestKnownSchemas(t *testing.T) {
	known, err := knownSchemas()
	if err != nil {
		t.Fatal(err)
	}
	if len(known) != len(migrations)+1 {
		t.Fatalf("%d known schemas for %d migrations", len(known)-1, len(migrations))
	}
	for v := 1; v < len(known); v++ {
		if !slices.Contains(known[v], "table schema_version") || !slices.Contains(known[v], "table events") {
			t.Errorf("schema %d: %v", v, known[v])
		}
	}
	if !slices.Contains(known[planSchema], "table improvement_plan") || slices.Contains(known[planSchema-1], "table improvement_plan") {
		t.Errorf("planSchema %d is not the version that brought improvement_plan", planSchema)
	}
}

// OpenReadOnly of a file that is not there says so and creates nothing.
func TestOpenReadOnlyMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none", "fb.db")
	_, err := OpenReadOnly(path)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), path) {
		t.Errorf("error %v; want ErrNotExist naming the file", err)
	}
	if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, fs.ErrNotExist) {
		t.Error("OpenReadOnly created the folder")
	}
}

// The errors of operations on an open store name its file too.
func TestOperationErrorsNameTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fb.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for name, err := range map[string]error{
		"Append":   s.Append("nope", rec(1, 0)),
		"Events":   func() error { _, err := s.Events("nope"); return err }(),
		"Exercise": func() error { _, err := s.Exercise("nope"); return err }(),
		"Latest":   func() error { _, err := s.Latest(); return err }(),
		"SavePlan": s.SavePlan("nope", []byte(`{}`)),
		"Finish":   s.Finish("nope"),
	} {
		if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: %v; want ErrNotFound naming %s", name, err, path)
		}
	}
}
