package uitest

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/exercise"
)

// StoreRefusals makes the store refuse each kind of file for real: a text
// file, another program's SQLite database, and a database another
// Firebreak has open.
func StoreRefusals(t *testing.T) map[string]error {
	t.Helper()
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("shopping list: milk, eggs\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(dir, "photos.sqlite")
	db, err := sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE albums (id INTEGER PRIMARY KEY, name TEXT)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	held := filepath.Join(dir, "held.db")
	holder, err := exercise.Open(held)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { holder.Close() })

	errs := map[string]error{}
	for name, path := range map[string]string{"not_database": text, "not_firebreak": foreign, "locked": held} {
		st, err := exercise.Open(path)
		if err == nil {
			st.Close()
			t.Fatalf("exercise.Open(%s) succeeded, want a refusal", path)
		}
		errs[name] = err
	}
	return errs
}
