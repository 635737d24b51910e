package store

import (
	"database/sql"
	"embed"
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

// migrate brings db, found by classify to be at schema version current,
// up to the newest embedded schema version, and stamps it as Firebreak's
// (application id and user_version) if it is not yet: a database made before
// the stamp existed is adopted here.
func migrate(db *sql.DB, current int) error {
	if migrationsErr != nil {
		return migrationsErr
	}
	latest := len(migrations)
	if current > latest {
		return fmt.Errorf("%w: database is at schema version %d, this build knows up to %d; upgrade Firebreak", ErrSchemaTooNew, current, latest)
	}
	for _, m := range migrations[current:] {
		if err := applyMigration(db, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	var appID, userVersion int32
	if err := db.QueryRow(`PRAGMA application_id`).Scan(&appID); err != nil {
		return err
	}
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&userVersion); err != nil {
		return err
	}
	if appID == AppID && int(userVersion) == latest {
		return nil
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if err := stamp(tx, latest); err != nil {
		tx.Rollback()
		return fmt.Errorf("marking it as Firebreak's: %w", err)
	}
	return tx.Commit()
}

// stamp marks the database as Firebreak's at schema version v. Header
// pragmas are transactional, so this commits or rolls back with tx.
func stamp(tx *sql.Tx, v int) error {
	if _, err := tx.Exec(fmt.Sprintf(`PRAGMA application_id = %d`, AppID)); err != nil {
		return err
	}
	_, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, v))
	return err
}

// schemaVersion reports the applied schema version: the highest row of
// schema_version, 0 for a database without that table.
func schemaVersion(db *sql.DB) (int, error) {
	var has int
	err := db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'`).Scan(&has)
	if err != nil || has == 0 {
		return 0, err
	}
	var v int
	err = db.QueryRow(`SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v)
	return v, err
}

// applyMigration runs one migration and records it, in the schema_version
// table and in the header (stamp), in the same transaction,
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
	if err = stamp(tx, m.version); err != nil {
		return err
	}
	return tx.Commit()
}
