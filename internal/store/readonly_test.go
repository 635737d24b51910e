package store

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// writtenDB makes a database the normal way, with one exercise, two events
// and a plan, and closes it.
func writtenDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fb.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustStart(t, s, Exercise{ID: "ex1", Source: "gui", Title: map[string]string{"en": "Mini"}})
	if err := s.Append("ex1", rec(2, 10)); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePlan("ex1", []byte(`{"strengths":[{"text":"calm"}]}`)); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// readAll does what an export does with a store.
func readAll(t *testing.T, s *Store) {
	t.Helper()
	e, err := s.Latest()
	if err != nil || e.ID != "ex1" {
		t.Fatalf("Latest = %v, %v", e.ID, err)
	}
	if evs, err := s.Events("ex1"); err != nil || len(evs) != 2 {
		t.Fatalf("Events = %d, %v", len(evs), err)
	}
	if p, _, ok, err := s.Plan("ex1"); err != nil || !ok || string(p) != `{"strengths":[{"text":"calm"}]}` {
		t.Fatalf("Plan = %s, %v, %v", p, ok, err)
	}
}

// openFlags returns the access mode (O_RDONLY, O_WRONLY, O_RDWR) of every
// file descriptor of this process open on path or a file beside it with
// its name (-wal, -shm, .lock). Linux only.
func openFlags(t *testing.T, path string) map[string]int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("no /proc/self/fd: %v", err)
	}
	got := map[string]int{}
	for _, fd := range fds {
		target, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name()))
		if err != nil || !strings.HasPrefix(target, path) {
			continue
		}
		info, err := os.ReadFile(filepath.Join("/proc/self/fdinfo", fd.Name()))
		if err != nil {
			continue
		}
		for line := range strings.SplitSeq(string(info), "\n") {
			if v, ok := strings.CutPrefix(line, "flags:"); ok {
				flags, err := strconv.ParseInt(strings.TrimSpace(v), 8, 64)
				if err != nil {
					t.Fatal(err)
				}
				got[target] |= int(flags) & 3 // O_ACCMODE
			}
		}
	}
	return got
}

// OpenReadOnly writes nothing. Tests run as root here, and permission bits
// do not stop root, so this does not rely on them: it checks that the file's
// bytes and mtime are the same afterwards and no -wal, -shm or lock file
// was created, that (on Linux) every file descriptor the store has on the
// database is open read-only (O_RDONLY in /proc/self/fdinfo: the kernel
// would refuse a write), and that the writing methods refuse.
func TestOpenReadOnlyWritesNothing(t *testing.T) {
	path := writtenDB(t)
	abs, _ := filepath.Abs(path)
	before := snapshot(t, path)
	s, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	if !s.ReadOnly() {
		t.Error("ReadOnly() = false")
	}
	readAll(t, s)
	if runtime.GOOS == "linux" {
		flags := openFlags(t, abs)
		if len(flags) == 0 {
			t.Error("found no descriptor on the database")
		}
		for f, mode := range flags {
			if mode != os.O_RDONLY {
				t.Errorf("%s is open with access mode %d, want read-only", f, mode)
			}
		}
	}
	for name, err := range map[string]error{
		"StartExercise": s.StartExercise(Exercise{ID: "ex2"}, []Record{rec(1, 0)}),
		"Append":        s.Append("ex1", rec(3, 20)),
		"AppendBatch":   s.AppendBatch("ex1", []Record{rec(3, 20)}),
		"SetClock":      s.SetClock("ex1", 5, true),
		"Finish":        s.Finish("ex1"),
		"SavePlan":      s.SavePlan("ex1", []byte(`{}`)),
		"DeletePlan":    s.DeletePlan("ex1"),
	} {
		if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s on a read-only store: %v; want ErrReadOnly naming the file", name, err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	before.check(t, snapshot(t, path), "OpenReadOnly")
}

// A read-only mount, simulated with the immutable attribute (chattr +i),
// which stops root too: nothing in the folder can be written or created.
// OpenReadOnly reads the database; Open says it cannot, naming the file.
// Without chattr (or as another user) the same is done with permission
// bits, which do stop a non-root user.
func TestOpenReadOnlyOnReadOnlyFolder(t *testing.T) {
	path := writtenDB(t)
	before := snapshot(t, path)
	readOnlyFolder(t, path)
	s, err := OpenReadOnly(path)
	if err != nil {
		t.Fatalf("OpenReadOnly on a read-only folder: %v", err)
	}
	readAll(t, s)
	s.Close()
	if s, err := Open(path); err == nil {
		s.Close()
		t.Error("Open wrote to a read-only folder")
	} else if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
	before.check(t, snapshot(t, path), "opening in a read-only folder")
}

// readOnlyFolder makes path and its folder unwritable for this process
// until the test ends, or skips the test if it cannot.
func readOnlyFolder(t *testing.T, path string) {
	t.Helper()
	dir := filepath.Dir(path)
	if os.Geteuid() != 0 {
		if runtime.GOOS == "windows" {
			t.Skip("no read-only folders on Windows")
		}
		os.Chmod(path, 0o444)
		os.Chmod(dir, 0o555)
		t.Cleanup(func() { os.Chmod(dir, 0o755); os.Chmod(path, 0o644) })
		return
	}
	if _, err := exec.LookPath("chattr"); err != nil {
		t.Skip("root, and no chattr to make a folder read-only")
	}
	if out, err := exec.Command("chattr", "+i", path, dir).CombinedOutput(); err != nil {
		t.Skipf("chattr +i: %v: %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("chattr", "-i", path, dir).CombinedOutput(); err != nil {
			t.Errorf("chattr -i: %v: %s", err, out)
		}
	})
	if f, err := os.Create(filepath.Join(dir, "probe")); err == nil {
		f.Close()
		t.Skip("chattr +i did not make the folder read-only")
	}
}

// Beside a writer that has the database open (its last events still in the
// WAL, not checkpointed), a read-only store reads everything, and takes no
// lock.
func TestOpenReadOnlyBesideWriter(t *testing.T) {
	path := writtenDB(t)
	w, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Append("ex1", rec(3, 30)); err != nil {
		t.Fatal(err)
	}
	s, err := OpenReadOnly(path)
	if err != nil {
		t.Fatalf("OpenReadOnly beside a writer: %v", err)
	}
	defer s.Close()
	if evs, err := s.Events("ex1"); err != nil || len(evs) != 3 {
		t.Errorf("read %d events, %v; want 3, the last from the WAL", len(evs), err)
	}
	if err := w.Append("ex1", rec(4, 40)); err != nil {
		t.Errorf("the writer cannot write beside a reader: %v", err)
	}
	if evs, err := s.Events("ex1"); err != nil || len(evs) != 4 {
		t.Errorf("read %d events after another append, %v; want 4", len(evs), err)
	}
}

// An empty file reads as a database with no exercises, and stays empty.
func TestOpenReadOnlyEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fb.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, path)
	s, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Latest(); !errors.Is(err, ErrNotFound) {
		t.Errorf("Latest = %v, want ErrNotFound", err)
	}
	if _, err := s.Events("x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Events = %v, want ErrNotFound", err)
	}
	if _, _, _, err := s.Plan("x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Plan = %v, want ErrNotFound", err)
	}
	if es, err := s.Unfinished(); err != nil || len(es) != 0 {
		t.Errorf("Unfinished = %v, %v", es, err)
	}
	s.Close()
	before.check(t, snapshot(t, path), "OpenReadOnly")
}

// A database from a newer Firebreak is refused read-only too.
func TestOpenReadOnlyRefusesNewerSchema(t *testing.T) {
	path := writtenDB(t)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO schema_version VALUES (?, 0)`, len(migrations)+1); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := OpenReadOnly(path); !errors.Is(err, ErrSchemaTooNew) || !strings.Contains(err.Error(), path) {
		t.Errorf("error %v; want ErrSchemaTooNew naming the file", err)
	}
}

// ReadOnly reports whether the store was opened with OpenReadOnly.
func (s *Store) ReadOnly() bool { return s.readOnly }
