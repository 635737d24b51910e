package store

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
)

// Identity. A Firebreak database says what it is in its SQLite header:
// PRAGMA application_id is AppID, and PRAGMA user_version is its schema
// version (the schema_version table stays the record migrations go by).
// Both are set in the transaction of each migration, so a database is
// never half-stamped.
//
// Before anything is written to a file it is identified, read-only:
//
//   - missing, empty (0 bytes) or a SQLite database with nothing in it:
//     new, it becomes a Firebreak database;
//   - application id AppID: Firebreak's, opened and migrated;
//   - no application id but exactly the tables, indexes and triggers of one
//     of Firebreak's schema versions (databases made before the id existed):
//     Firebreak's, adopted (stamped) when opened for writing;
//   - anything else is refused and left byte-for-byte as it was:
//     ErrNotDatabase for a file that is not SQLite, ErrNotFirebreak for
//     another application's database (other tables, only views, another
//     application id…).

// AppID is Firebreak's SQLite application id, "FBrk" in ASCII.
const AppID = 0x4642726b

// sqliteMagic starts every SQLite 3 database file.
const sqliteMagic = "SQLite format 3\x00"

// fileState is what the file system says about a database path, before
// SQLite is let near it.
type fileState struct {
	exists bool
	empty  bool // exists with 0 bytes
	// live: a -wal or -journal file sits beside it, so a writer has it
	// open (or died with it open) and the main file alone is not the
	// whole database.
	live bool
}

// sniff looks at the file at abs without opening it with SQLite: a folder,
// a device or a file without SQLite's header is refused here.
func sniff(abs string) (fileState, error) {
	fi, err := os.Stat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return fileState{}, nil
	}
	if err != nil {
		return fileState{}, err
	}
	if fi.IsDir() {
		return fileState{}, fmt.Errorf("%w: it is a folder", ErrNotDatabase)
	}
	if !fi.Mode().IsRegular() {
		return fileState{}, fmt.Errorf("%w: it is not a regular file", ErrNotDatabase)
	}
	st := fileState{exists: true, empty: fi.Size() == 0}
	if !st.empty {
		f, err := os.Open(abs)
		if err != nil {
			return fileState{}, err
		}
		head := make([]byte, 100) // the SQLite header is 100 bytes
		_, err = io.ReadFull(f, head)
		f.Close()
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || (err == nil && !bytes.HasPrefix(head, []byte(sqliteMagic))) {
			return fileState{}, fmt.Errorf("%w, or it is damaged or encrypted", ErrNotDatabase)
		}
		if err != nil {
			return fileState{}, err
		}
	}
	for _, suffix := range []string{"-wal", "-journal"} {
		if _, err := os.Stat(abs + suffix); err == nil {
			st.live = true
		}
	}
	return st, nil
}

// dbInfo is what a database says about itself.
type dbInfo struct {
	appID       int32
	userVersion int32
	objects     []string // "table x", "view y"… sorted, SQLite's own left out
	version     int      // highest schema_version row; 0 without the table
}

// inspect reads db's identity. It only reads.
func inspect(db *sql.DB) (dbInfo, error) {
	var info dbInfo
	if err := db.QueryRow(`PRAGMA application_id`).Scan(&info.appID); err != nil {
		return dbInfo{}, notDB(err)
	}
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&info.userVersion); err != nil {
		return dbInfo{}, notDB(err)
	}
	objs, err := schemaObjects(db)
	if err != nil {
		return dbInfo{}, notDB(err)
	}
	info.objects = objs
	// Only a schema_version table shaped like ours is asked for a version;
	// someone else's table of that name is reported by classify.
	if slices.Contains(objs, "table schema_version") && (info.appID == AppID || info.appID == 0) {
		if info.version, err = schemaVersion(db); err != nil && info.appID == AppID {
			return dbInfo{}, err
		}
	}
	return info, nil
}

// schemaObjects lists db's tables, views, indexes and triggers as "type
// name", sorted, without SQLite's internal ones (sqlite_*).
func schemaObjects(db *sql.DB) ([]string, error) {
	rows, err := db.Query(`SELECT type, name FROM sqlite_schema
		WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY type, name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var objs []string
	for rows.Next() {
		var typ, name string
		if err := rows.Scan(&typ, &name); err != nil {
			return nil, err
		}
		objs = append(objs, typ+" "+name)
	}
	return objs, rows.Err()
}

// knownSchemas[v] lists the schema objects of a Firebreak database at
// schema version v (index 0 is unused), as schemaObjects reports them. It
// is worked out once by applying the embedded migrations to a database in
// memory, so it follows the migrations without being kept by hand.
var knownSchemas = sync.OnceValues(func() ([][]string, error) {
	if migrationsErr != nil {
		return nil, migrationsErr
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection: one in-memory database
	known := [][]string{nil}
	for _, m := range migrations {
		if err := applyMigration(db, m); err != nil {
			return nil, fmt.Errorf("migration %s: %w", m.name, err)
		}
		objs, err := schemaObjects(db)
		if err != nil {
			return nil, err
		}
		known = append(known, objs)
	}
	return known, nil
})

// kind is what classify makes of a database.
type kind int

const (
	kindNew       kind = iota // nothing in it yet
	kindFirebreak             // stamped with AppID
	kindLegacy                // Firebreak's, from before the application id
)

// classify decides whose database info describes. It returns the schema
// version for Firebreak's, and an error wrapping ErrNotFirebreak or
// ErrSchemaTooNew for what must not be opened.
func classify(info dbInfo) (kind, int, error) {
	latest := len(migrations)
	tooNew := func(v int) error {
		return fmt.Errorf("%w: database is at schema version %d, this build knows up to %d; upgrade Firebreak", ErrSchemaTooNew, v, latest)
	}
	switch {
	case info.appID == AppID:
		if info.version > latest {
			return 0, 0, tooNew(info.version)
		}
		return kindFirebreak, info.version, nil
	case info.appID != 0:
		return 0, 0, fmt.Errorf("%w (it belongs to another application: application id %#08x)", ErrNotFirebreak, uint32(info.appID))
	case len(info.objects) == 0 && info.userVersion == 0:
		return kindNew, 0, nil
	case len(info.objects) == 0:
		return 0, 0, fmt.Errorf("%w (it is empty but marked as version %d of another application's format)", ErrNotFirebreak, info.userVersion)
	}
	known, err := knownSchemas()
	if err != nil {
		return 0, 0, err
	}
	for v := 1; v < len(known); v++ {
		if slices.Equal(info.objects, known[v]) && info.version == v && info.userVersion == 0 {
			return kindLegacy, v, nil
		}
	}
	return 0, 0, fmt.Errorf("%w (it has %s)", ErrNotFirebreak, describe(info.objects))
}

// describe says what is in a foreign database, tables first: "tables:
// notes, todo", or "no tables, only views: v".
func describe(objs []string) string {
	byType := map[string][]string{}
	for _, o := range objs {
		typ, name, _ := strings.Cut(o, " ")
		byType[typ] = append(byType[typ], name)
	}
	list := func(names []string) string {
		const most = 8
		if len(names) > most {
			return strings.Join(names[:most], ", ") + fmt.Sprintf(" and %d more", len(names)-most)
		}
		return strings.Join(names, ", ")
	}
	if t := byType["table"]; len(t) > 0 {
		return "tables: " + list(t)
	}
	if v := byType["view"]; len(v) > 0 {
		return "no tables, only views: " + list(v)
	}
	return "no tables, only " + list(objs)
}
