package store

import (
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// interruptWrite leaves a hot journal beside the database at path, as a
// program killed in the middle of a transaction does: a child process
// switches the file to a rollback journal, writes enough that pages spill
// into the file, and exits without committing.
func interruptWrite(t *testing.T, path string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "FIREBREAK_HOT_JOURNAL_CHILD="+path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if fi, err := os.Stat(path + "-journal"); err != nil || fi.Size() == 0 {
		t.Fatalf("the child left no hot journal: %v", err)
	}
}

// TestMain runs the test binary as interruptWrite's child when asked to.
func TestMain(m *testing.M) {
	if path := os.Getenv("FIREBREAK_HOT_JOURNAL_CHILD"); path != "" {
		hotJournalChild(path)
	}
	os.Exit(m.Run())
}

// hotJournalChild is interruptWrite's child process: it never returns.
func hotJournalChild(path string) {
	fail := func(err error) {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(3)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(DELETE)&_pragma=cache_size(2)")
	if err != nil {
		fail(err)
	}
	db.SetMaxOpenConns(1)
	tx, err := db.Begin()
	if err != nil {
		fail(err)
	}
	if _, err := tx.Exec(`CREATE TABLE half_written (x BLOB)`); err != nil {
		fail(err)
	}
	for range 200 {
		if _, err := tx.Exec(`INSERT INTO half_written VALUES (randomblob(4000))`); err != nil {
			fail(err)
		}
	}
	os.Exit(0) // killed mid-transaction: no commit, no rollback, no close
}

func objects(t *testing.T, path string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	objs, err := schemaObjects(db)
	if err != nil {
		t.Fatal(err)
	}
	return objs
}

// A Firebreak database whose writer was killed mid-transaction (the crash
// harness found it: a kill while play created its database) opens again,
// rolled back to its last committed state; export's read-only open says
// what is wrong instead of "attempt to write a readonly database".
func TestADatabaseWithAnInterruptedWriteOpens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fb.db")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	interruptWrite(t, path)

	if ro, err := OpenReadOnly(path); !errors.Is(err, ErrUnfinishedWrite) || !strings.Contains(err.Error(), path) {
		if ro != nil {
			ro.Close()
		}
		t.Errorf("OpenReadOnly: %v, want ErrUnfinishedWrite naming the file", err)
	}
	st, err = Open(path)
	if err != nil {
		t.Fatalf("Open after an interrupted write: %v", err)
	}
	if _, err := st.Unfinished(); err != nil {
		t.Errorf("reading it: %v", err)
	}
	st.Close()
	if objs := objects(t, path); slices.Contains(objs, "table half_written") {
		t.Errorf("the interrupted write was not rolled back: %v", objs)
	}
	if ro, err := OpenReadOnly(path); err != nil {
		t.Errorf("OpenReadOnly once recovered: %v", err)
	} else {
		ro.Close()
	}
}

// Another program's database with an interrupted write is rolled back (as
// that program would on its next open) and refused, its committed content
// as it was.
func TestAForeignDatabaseWithAnInterruptedWriteIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "photos.sqlite")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE albums (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO albums (name) VALUES ('holiday')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	interruptWrite(t, path)

	if st, err := Open(path); !errors.Is(err, ErrNotFirebreak) {
		if st != nil {
			st.Close()
		}
		t.Fatalf("Open: %v, want ErrNotFirebreak", err)
	}
	if objs := objects(t, path); !slices.Equal(objs, []string{"table albums"}) {
		t.Errorf("the foreign database now has %v, want only its table albums", objs)
	}
}
