package store

import (
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

// migrationFS holds the schema history. Files are named NNNN_description.sql;
// NNNN is the schema version the file brings the database to. Never edit a
// migration that has shipped: add a new file instead.
//
//go:embed migrations/*.sql
var migrationFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations is parsed once; a malformed embedded set is a programming error
// that the tests catch, so it is reported from Open rather than panicking.
var migrations, migrationsErr = loadMigrations(migrationFS)

// loadMigrations reads migrations/*.sql and checks the versions run 1, 2, 3…
// without gaps or duplicates, so the schema version always means the same
// set of applied files.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, path := range names {
		name := strings.TrimPrefix(path, "migrations/")
		prefix, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(prefix)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("store: migration %q: name must start with a positive version number and '_'", name)
		}
		body, err := fs.ReadFile(fsys, path)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, sql: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("store: migration %q: expected version %d, got %d", m.name, i+1, m.version)
		}
	}
	return ms, nil
}

// ErrSchemaTooNew is returned by Open for a database written by a newer
// Firebreak. Running old code against it could silently drop facts the newer
// schema records, so we refuse rather than guess.
var ErrSchemaTooNew = errors.New("database schema is newer than this version of Firebreak supports")

// ErrNotFirebreak is returned by Open for a valid SQLite file that holds
// someone else's tables: we must not add ours to it.
var ErrNotFirebreak = errors.New("not a Firebreak database")

// migrate brings db up to the newest embedded schema version.
func migrate(db *sql.DB) error {
	if migrationsErr != nil {
		return migrationsErr
	}
	latest := len(migrations)
	current, err := schemaVersion(db)
	if err != nil {
		return err
	}
	if current > latest {
		return fmt.Errorf("%w: database is at schema version %d, this build knows up to %d; upgrade Firebreak", ErrSchemaTooNew, current, latest)
	}
	for _, m := range migrations[current:] {
		if err := applyMigration(db, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

// schemaVersion reports the applied schema version, 0 for a fresh database.
func schemaVersion(db *sql.DB) (int, error) {
	var hasVersionTable, otherTables int
	err := db.QueryRow(`SELECT
		count(*) FILTER (WHERE name = 'schema_version'),
		count(*) FILTER (WHERE name <> 'schema_version' AND name NOT LIKE 'sqlite\_%' ESCAPE '\')
		FROM sqlite_schema WHERE type = 'table'`).Scan(&hasVersionTable, &otherTables)
	if err != nil {
		return 0, err
	}
	if hasVersionTable == 0 {
		if otherTables > 0 {
			return 0, fmt.Errorf("%w: it has tables but no schema_version", ErrNotFirebreak)
		}
		return 0, nil
	}
	var v int
	err = db.QueryRow(`SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v)
	return v, err
}

// applyMigration runs one migration and records it in the same transaction,
// so a crash mid-migration leaves the previous version intact. The version is
// re-checked inside the (immediate, hence exclusive-writer) transaction in
// case another process opening the same file migrated it first.
func applyMigration(db *sql.DB, m migration) (err error) {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if _, err = tx.Exec(`CREATE TABLE IF NOT EXISTS schema_version (
		version    INTEGER PRIMARY KEY,
		applied_ms INTEGER NOT NULL
	)`); err != nil {
		return err
	}
	var current int
	if err = tx.QueryRow(`SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&current); err != nil {
		return err
	}
	if current >= m.version {
		return tx.Rollback() // someone else got there first
	}
	if current != m.version-1 {
		return fmt.Errorf("database at schema version %d cannot take migration %d", current, m.version)
	}
	if _, err = tx.Exec(m.sql); err != nil {
		return err
	}
	if _, err = tx.Exec(`INSERT INTO schema_version (version, applied_ms) VALUES (?, ?)`, m.version, time.Now().UnixMilli()); err != nil {
		return err
	}
	return tx.Commit()
}
