// Package store is the durable, append-only event log behind Firebreak
// exercises.
//
// The engine is event-sourced: every fact is appended here before it takes
// effect, and the exercise state is a fold over the events. Resuming after a
// crash or power cut is therefore just Events + fold. The store knows nothing
// about engine types: an event is a kind string and opaque JSON.
//
// Durability: the database runs in WAL mode with synchronous=FULL, so when
// Append returns nil the event has been fsynced and survives a power cut.
//
// Identity: a Firebreak database carries Firebreak's application id (AppID)
// and its schema version (user_version) in its SQLite header. Open and
// OpenReadOnly identify a file, reading only, before anything is written to
// it, and refuse, untouched, a file that is not Firebreak's (identify.go).
//
// One writer: a Store opened with Open holds the database's writer lock
// (lock.go) until Close, so two programs never drive exercises in one
// database at once. OpenReadOnly writes nothing and takes no lock.
//
// A Store is safe for concurrent use. It holds a single connection, so calls
// are serialised; that is plenty for one exercise at human speed and rules
// out a whole class of SQLITE_BUSY surprises within the process.
package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// ErrNotFound is returned when an exercise does not exist.
var ErrNotFound = errors.New("not found")

// ErrExists is returned by CreateExercise for an ID already in use.
var ErrExists = errors.New("already exists")

// ErrSeq is returned by Append/AppendBatch for a record whose Seq is not the
// next one: a gap means the caller lost an event, a repeat means it is
// replaying one. Either way the log must not accept it.
var ErrSeq = errors.New("out-of-order seq")

// Exercise statuses.
const (
	StatusRunning  = "running"
	StatusFinished = "finished"
)

// Store is an open Firebreak database.
type Store struct {
	db   *sql.DB
	path string // absolute
	name string // as the caller gave it, for errors

	readOnly bool
	// schema is the schema version of a read-only store's database, which
	// may be older than the newest (it is not migrated) or 0 for an empty
	// file; a writing store is always at len(migrations).
	schema int
	lock   *dbLock // the writer lock; nil when read-only
}

// Exercise is the summary row of one exercise. Its state lives in the events;
// this row exists so resume/launch screens need not replay every log.
type Exercise struct {
	ID         string // caller-chosen (e.g. random hex)
	ScenarioID string
	Title      map[string]string // scenario title per language ("en", "zh")
	Lang       string
	Teams      []string
	Source     string // who runs it: "gui", or "play:<hash of scenario+script>"
	Status     string // StatusRunning or StatusFinished
	ClockMS    int64  // last known exercise-clock position (ms)
	Paused     bool

	// Wall-clock times, stored with millisecond precision.
	CreatedAt, UpdatedAt time.Time
}

// Record is one event in an exercise's log.
type Record struct {
	Seq  int64     // 1, 2, 3… per exercise, assigned by the caller
	AtMS int64     // exercise time of the event in ms
	Kind string    // non-empty
	Data []byte    // valid JSON
	Wall time.Time // wall-clock time of the append; zero means now. Millisecond precision.
}

// busyTimeoutMS is how long a connection waits for another one (say an
// export reading while the app writes) before giving up with SQLITE_BUSY.
const busyTimeoutMS = 5000

// Open opens or creates the database at path for writing, creating parent
// directories, and migrates it to the newest schema.
//
// Before anything is written the file is identified (see identify.go): a
// file that is not SQLite (ErrNotDatabase), another application's database
// (ErrNotFirebreak) or one written by a newer Firebreak (ErrSchemaTooNew)
// is refused and left exactly as it was. A Firebreak database from before
// the application id is adopted.
//
// The Store holds the database's writer lock until Close: while it is
// open, any other Open of the same database, in this process or another,
// fails with ErrLocked.
//
// Every error is an *OpenError naming the file.
func Open(path string) (*Store, error) {
	s, err := open(path)
	if err != nil {
		return nil, &OpenError{Path: path, Err: err}
	}
	return s, nil
}

func open(path string) (*Store, error) {
	abs, fst, err := locate(path)
	if err != nil {
		return nil, err
	}
	// Identify an existing database through a read-only connection, so a
	// file that turns out not to be ours is never opened for writing, and
	// no lock file is left beside it.
	if fst.exists && !fst.empty {
		// A hot journal (a writer, most likely a Firebreak killed while
		// creating the file, stopped in the middle of a transaction) must
		// be rolled back before anyone can read the file, which a
		// read-only connection cannot do. Then init identifies it instead,
		// under the lock: SQLite's rollback on the first read restores the
		// file's last committed state, as the program that wrote it would
		// on its next open, and nothing of ours is written before that.
		if err := identifyFile(abs, fst); err != nil && !hotJournal(err) {
			return nil, err
		}
	}
	// 0700 (paths.DirMode, which the store may not import: it depends on
	// nothing of Firebreak): exercise logs can hold sensitive crisis
	// material.
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, err
	}
	lock, err := lockDB(abs)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn(abs))
	if err != nil {
		lock.release()
		return nil, err
	}
	// One connection: the DSN pragmas are per connection and the driver would
	// re-apply them anyway, but a single connection also means no two
	// goroutines of ours ever contend for the write lock.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: abs, name: path, schema: len(migrations), lock: lock}
	if err := s.init(); err != nil {
		db.Close()
		lock.release()
		return nil, err
	}
	return s, nil
}

// locate makes path absolute and looks at what is there (sniff).
func locate(path string) (abs string, fst fileState, err error) {
	if path == "" {
		return "", fileState{}, errors.New("empty path")
	}
	if abs, err = filepath.Abs(path); err != nil {
		return "", fileState{}, err
	}
	fst, err = sniff(abs)
	return abs, fst, err
}

// identifyFile checks, reading only, that the existing database at abs is
// Firebreak's or still empty.
func identifyFile(abs string, fst fileState) error {
	db, err := sql.Open("sqlite", roDSN(abs, fst))
	if err != nil {
		return err
	}
	defer db.Close()
	info, err := inspect(db)
	if err != nil {
		return err
	}
	_, _, err = classify(info)
	return err
}

// OpenReadOnly opens the existing database at path for reading only: no
// file is created or written (not the database, not a -wal or -shm file,
// not the lock file), no migration runs and no lock is taken, so it works on
// a read-only mount or a file the user may not write, and beside a Store
// that has the database open for writing.
//
// A database written by an older Firebreak is read as it is (a part its
// schema lacks reads as empty, e.g. no improvement plan); an empty file
// reads as a database with no exercises. It refuses what Open refuses
// (ErrNotDatabase, ErrNotFirebreak, ErrSchemaTooNew), and a missing file
// (fs.ErrNotExist). The writing methods of the Store return ErrReadOnly.
//
// Every error is an *OpenError naming the file.
func OpenReadOnly(path string) (*Store, error) {
	s, err := openReadOnly(path)
	if err != nil {
		return nil, &OpenError{Path: path, Err: err}
	}
	return s, nil
}

func openReadOnly(path string) (*Store, error) {
	abs, fst, err := locate(path)
	if err != nil {
		return nil, err
	}
	if !fst.exists {
		return nil, fmt.Errorf("no such file: %w", fs.ErrNotExist)
	}
	db, err := sql.Open("sqlite", roDSN(abs, fst))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	info, err := inspect(db)
	if hotJournal(err) {
		err = ErrUnfinishedWrite
	}
	if err == nil {
		var version int
		if _, version, err = classify(info); err == nil {
			return &Store{db: db, path: abs, name: path, readOnly: true, schema: version}, nil
		}
	}
	db.Close()
	return nil, err
}

// fileURI is the SQLite URI of the file abs with query q. Going through
// url.URL escapes '?', '#' and '%' in the path, which a hand-built
// "file:"+path would not.
func fileURI(abs string, q url.Values) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: C:/x -> /C:/x, as SQLite URIs expect
	}
	return (&url.URL{Scheme: "file", Path: p, RawQuery: q.Encode()}).String()
}

// dsn is the URI a writing Store opens abs with. It sets no journal mode:
// that is a write, done by init once the file is known to be ours.
func dsn(abs string) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS))
	// FULL: in WAL mode this fsyncs the WAL on every commit, which is what
	// makes an acknowledged Append survive a power cut (NORMAL would not).
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(1)")
	// Deleted content is overwritten with zeros (Erase).
	q.Add("_pragma", "secure_delete(1)")
	// Writers take the lock at BEGIN, so a read-then-write transaction never
	// fails half-way with SQLITE_BUSY on lock upgrade.
	q.Add("_txlock", "immediate")
	return fileURI(abs, q)
}

// roDSN is the URI that reads abs without writing anything. mode=ro opens
// the file read-only and query_only refuses writes besides. A WAL database
// read with mode=ro alone still gets -wal and -shm files created beside it
// (and left there), and cannot be read at all where they cannot be created
// (a read-only mount), so when no writer has the database open (no -wal
// or -journal file: a Store that closes cleanly leaves none) it is opened
// immutable: SQLite then reads the main file alone and takes no locks.
// When one has it open, its -wal and -shm are there and are used, so what
// it has written but not yet checkpointed is read too. (A writer that opens
// the database after an immutable reader starts writes to its new WAL, which
// that reader does not see; it only reads a file that writer does not
// change until a checkpoint, so a short read such as an export sees the
// database as it was when it was opened.)
func roDSN(abs string, fst fileState) string {
	q := url.Values{}
	q.Add("mode", "ro")
	if !fst.live {
		q.Add("immutable", "1")
	}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS))
	q.Add("_pragma", "query_only(1)")
	return fileURI(abs, q)
}

// init connects (sql.Open is lazy), identifies the database again now that
// we hold its lock, and only then writes: WAL mode, migrations, the stamp.
// Connecting is where a damaged file first fails ("file is not a
// database").
func (s *Store) init() error {
	if err := s.db.Ping(); err != nil {
		return notDB(err)
	}
	info, err := inspect(s.db)
	if err != nil {
		return err
	}
	_, version, err := classify(info)
	if err != nil {
		return err
	}
	// journal_mode can silently stay "delete" (e.g. a filesystem without
	// shared memory); that is still durable. synchronous is what we promise.
	var mode string
	if err := s.db.QueryRow(`PRAGMA journal_mode = WAL`).Scan(&mode); err != nil {
		return notDB(err)
	}
	var syncMode int
	if err := s.db.QueryRow(`PRAGMA synchronous`).Scan(&syncMode); err != nil {
		return notDB(err)
	}
	if syncMode < 2 {
		return fmt.Errorf("PRAGMA synchronous is %d, want FULL (2)", syncMode)
	}
	return migrate(s.db, version)
}

// notDB turns SQLite's terse "file is not a database" into ErrNotDatabase.
func notDB(err error) error {
	if strings.Contains(err.Error(), "not a database") {
		return fmt.Errorf("%w, or it is damaged or encrypted (%v)", ErrNotDatabase, err)
	}
	return err
}

// Path is the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// errf wraps err from the operation what, naming the database file:
// "store: append event 3 of exercise ab12 in /x/fb.db: …".
func (s *Store) errf(err error, what string, args ...any) error {
	return fmt.Errorf("store: %s in %s: %w", fmt.Sprintf(what, args...), s.name, err)
}

// Close closes the database. SQLite checkpoints the WAL into the main file
// when the last connection closes.
// The writer lock is let go after that, so the next writer finds the
// database complete.
func (s *Store) Close() error {
	err := s.db.Close()
	if s.lock != nil {
		if lerr := s.lock.release(); err == nil {
			err = lerr
		}
	}
	if err != nil {
		return fmt.Errorf("store: close %s: %w", s.name, err)
	}
	return nil
}

// StartExercise records a new exercise together with the first events of
// its log, in one transaction: a kill or a full disk leaves either both or
// neither, never an exercise whose log is empty.
func (s *Store) StartExercise(e Exercise, first []Record) (err error) {
	wrap := func(err error) error { return s.errf(err, "create exercise %s", e.ID) }
	if s.readOnly {
		return wrap(ErrReadOnly)
	}
	if e.ID == "" {
		return wrap(errors.New("empty ID"))
	}
	if e.Status == "" {
		e.Status = StatusRunning
	}
	if e.Status != StatusRunning && e.Status != StatusFinished {
		return wrap(fmt.Errorf("invalid status %q", e.Status))
	}
	now := time.Now()
	if e.CreatedAt.IsZero() {
		e.CreatedAt = now
	}
	if e.UpdatedAt.IsZero() {
		e.UpdatedAt = e.CreatedAt
	}
	title, err := json.Marshal(e.Title)
	if err != nil {
		return wrap(err)
	}
	teams, err := json.Marshal(e.Teams)
	if err != nil {
		return wrap(err)
	}
	tx, err := s.db.Begin()
	if err != nil {
		return wrap(err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	// ON CONFLICT DO NOTHING + RowsAffected detects the duplicate without
	// parsing driver error strings.
	res, err := tx.Exec(`INSERT INTO exercises
		(id, scenario_id, title, lang, teams, source, status, clock_ms, paused, created_ms, updated_ms)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO NOTHING`,
		e.ID, e.ScenarioID, string(title), e.Lang, string(teams), e.Source, e.Status,
		e.ClockMS, e.Paused, e.CreatedAt.UnixMilli(), e.UpdatedAt.UnixMilli())
	if err != nil {
		return wrap(err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return wrap(err)
	} else if n == 0 {
		return wrap(ErrExists)
	}
	if err = appendTx(tx, e.ID, 0, first, e.UpdatedAt); err != nil {
		return wrap(err)
	}
	if err = tx.Commit(); err != nil {
		return wrap(err)
	}
	return nil
}

// Append durably adds r to the exercise's log: when it returns nil the event
// is on disk. r.Seq must be exactly one more than the last seq (1 for the
// first event); anything else fails with ErrSeq. It also bumps UpdatedAt and
// advances ClockMS to r.AtMS if that is later.
func (s *Store) Append(exerciseID string, r Record) error {
	if err := s.append(exerciseID, []Record{r}); err != nil {
		return s.errf(err, "append event %d of exercise %s", r.Seq, exerciseID)
	}
	return nil
}

// AppendBatch appends rs in one transaction: all of them or none. Their seqs
// must continue the log without gaps. An empty batch is a no-op.
func (s *Store) AppendBatch(exerciseID string, rs []Record) error {
	if len(rs) == 0 {
		return nil
	}
	if err := s.append(exerciseID, rs); err != nil {
		return s.errf(err, "append events %d..%d of exercise %s", rs[0].Seq, rs[len(rs)-1].Seq, exerciseID)
	}
	return nil
}

func (s *Store) append(exerciseID string, rs []Record) (err error) {
	if s.readOnly {
		return ErrReadOnly
	}
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	// One lookup gives both "does the exercise exist" and the last seq; the
	// MAX is a single probe of the events primary key.
	var last int64
	err = tx.QueryRow(`SELECT (SELECT COALESCE(MAX(seq), 0) FROM events WHERE exercise_id = ?1)
		FROM exercises WHERE id = ?1`, exerciseID).Scan(&last)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("exercise: %w", ErrNotFound)
	}
	if err != nil {
		return err
	}
	if err = appendTx(tx, exerciseID, last, rs, time.Now()); err != nil {
		return err
	}
	return tx.Commit()
}

// appendTx inserts rs after event last, checking that their seqs follow on,
// and moves the exercise's clock and sets its update time to now.
func appendTx(tx *sql.Tx, exerciseID string, last int64, rs []Record, now time.Time) error {
	if len(rs) == 0 {
		return nil
	}
	for _, r := range rs {
		if r.Kind == "" {
			return fmt.Errorf("event %d: empty kind", r.Seq)
		}
		if !json.Valid(r.Data) {
			return fmt.Errorf("event %d: data is not valid JSON", r.Seq)
		}
	}
	ins, err := tx.Prepare(`INSERT INTO events (exercise_id, seq, at_ms, kind, data, wall_ms)
		VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	maxAt := rs[0].AtMS
	for _, r := range rs {
		if want := last + 1; r.Seq != want {
			return fmt.Errorf("%w: expected seq %d, got %d", ErrSeq, want, r.Seq)
		}
		wall := r.Wall
		if wall.IsZero() {
			wall = now
		}
		if _, err = ins.Exec(exerciseID, r.Seq, r.AtMS, r.Kind, string(r.Data), wall.UnixMilli()); err != nil {
			return fmt.Errorf("event %d: %w", r.Seq, err)
		}
		last = r.Seq
		maxAt = max(maxAt, r.AtMS)
	}
	_, err = tx.Exec(`UPDATE exercises SET updated_ms = ?, clock_ms = MAX(clock_ms, ?) WHERE id = ?`,
		now.UnixMilli(), maxAt, exerciseID)
	return err
}

// Events returns the exercise's whole log in seq order, ready to fold.
func (s *Store) Events(exerciseID string) ([]Record, error) {
	rs, err := s.events(exerciseID)
	if err != nil {
		return nil, s.errf(err, "events of exercise %s", exerciseID)
	}
	return rs, nil
}

func (s *Store) events(exerciseID string) ([]Record, error) {
	if s.schema == 0 {
		return nil, ErrNotFound // an empty file opened read-only
	}
	rows, err := s.db.Query(`SELECT seq, at_ms, kind, data, wall_ms FROM events
		WHERE exercise_id = ? ORDER BY seq`, exerciseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var rs []Record
	for rows.Next() {
		var r Record
		var wall int64
		if err := rows.Scan(&r.Seq, &r.AtMS, &r.Kind, &r.Data, &wall); err != nil {
			return nil, err
		}
		r.Wall = time.UnixMilli(wall)
		rs = append(rs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close() // release the single connection before the lookup below
	if len(rs) == 0 {
		// Only an empty log needs telling apart from a missing exercise.
		if _, err := s.exercise(exerciseID); err != nil {
			return nil, err
		}
	}
	return rs, nil
}

// SetClock records the exercise clock position and pause state. The GUI calls
// it about once a second so a resume restarts close to where it stopped; it
// is a single-row UPDATE.
func (s *Store) SetClock(exerciseID string, ms int64, paused bool) error {
	err := s.update(exerciseID, `UPDATE exercises SET clock_ms = ?, paused = ?, updated_ms = ? WHERE id = ?`,
		ms, paused, time.Now().UnixMilli(), exerciseID)
	if err != nil {
		return s.errf(err, "set clock of exercise %s", exerciseID)
	}
	return nil
}

// Finish marks the exercise finished. Finishing twice is harmless.
func (s *Store) Finish(exerciseID string) error {
	err := s.update(exerciseID, `UPDATE exercises SET status = ?, updated_ms = ? WHERE id = ?`,
		StatusFinished, time.Now().UnixMilli(), exerciseID)
	if err != nil {
		return s.errf(err, "finish exercise %s", exerciseID)
	}
	return nil
}

// update runs a single-row UPDATE and maps "no row" to ErrNotFound.
func (s *Store) update(exerciseID, query string, args ...any) error {
	if s.readOnly {
		return ErrReadOnly
	}
	res, err := s.db.Exec(query, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

const exerciseCols = `id, scenario_id, title, lang, teams, source, status, clock_ms, paused, created_ms, updated_ms`

// Exercise returns one exercise, or an error wrapping ErrNotFound.
func (s *Store) Exercise(id string) (Exercise, error) {
	e, err := s.exercise(id)
	if err != nil {
		return Exercise{}, s.errf(err, "exercise %s", id)
	}
	return e, nil
}

func (s *Store) exercise(id string) (Exercise, error) {
	return s.one(`SELECT `+exerciseCols+` FROM exercises WHERE id = ?`, id)
}

// hasLog keeps out exercises whose log is empty: an older version could be
// killed between writing an exercise and its first event, and such an
// exercise can never be resumed or reported. Starts are atomic now
// (StartExercise); the lists below ignore those orphans.
const hasLog = `EXISTS (SELECT 1 FROM events WHERE events.exercise_id = exercises.id)`

// Unfinished returns the running exercises, most recently active first.
func (s *Store) Unfinished() ([]Exercise, error) {
	es, err := s.list(`SELECT `+exerciseCols+` FROM exercises WHERE status = ? AND `+hasLog+`
		ORDER BY updated_ms DESC, pk DESC`, StatusRunning)
	if err != nil {
		return nil, s.errf(err, "unfinished exercises")
	}
	return es, nil
}

// Latest returns the most recently created exercise of any status, or an
// error wrapping ErrNotFound if there is none.
func (s *Store) Latest() (Exercise, error) {
	e, err := s.one(`SELECT ` + exerciseCols + ` FROM exercises WHERE ` + hasLog + ` ORDER BY created_ms DESC, pk DESC LIMIT 1`)
	if err != nil {
		return Exercise{}, s.errf(err, "latest exercise")
	}
	return e, nil
}

func (s *Store) one(query string, args ...any) (Exercise, error) {
	es, err := s.list(query, args...)
	if err != nil {
		return Exercise{}, err
	}
	if len(es) == 0 {
		return Exercise{}, ErrNotFound
	}
	return es[0], nil
}

func (s *Store) list(query string, args ...any) ([]Exercise, error) {
	if s.schema == 0 {
		return nil, nil // an empty file opened read-only has no tables
	}
	rows, err := s.db.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var es []Exercise
	for rows.Next() {
		var e Exercise
		var title, teams string
		var created, updated int64
		if err := rows.Scan(&e.ID, &e.ScenarioID, &title, &e.Lang, &teams, &e.Source, &e.Status,
			&e.ClockMS, &e.Paused, &created, &updated); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(title), &e.Title); err != nil {
			return nil, fmt.Errorf("exercise %s: title: %w", e.ID, err)
		}
		if err := json.Unmarshal([]byte(teams), &e.Teams); err != nil {
			return nil, fmt.Errorf("exercise %s: teams: %w", e.ID, err)
		}
		e.CreatedAt = time.UnixMilli(created)
		e.UpdatedAt = time.UnixMilli(updated)
		es = append(es, e)
	}
	return es, rows.Err()
}
