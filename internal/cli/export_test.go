package cli

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/exercise"
)

func runExport(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = exportCmd(args, Env{Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

// playedDB plays the mini scenario into a new database n times (each run a
// new exercise, since the previous one finished) and returns the database
// and the exercise ids, oldest first.
func playedDB(t *testing.T, n int) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	script := writeFile(t, "s.yaml", miniScript)
	var ids []string
	for i := range n {
		out := filepath.Join(dir, "out", string(rune('a'+i)))
		if code, _, stderr := runCLI(t, "play", miniPath, "--script", script, "--db", db, "--out", out, "--lang", "zh"); code != ExitOK {
			t.Fatalf("play: exit %d: %s", code, stderr)
		}
		ids = append(ids, readResult(t, out).Exercise)
	}
	return db, ids
}

func TestExportEveryFormat(t *testing.T) {
	db, ids := playedDB(t, 1)
	dir := t.TempDir()
	for _, c := range []struct {
		format, lang, prefix, contains string
	}{
		{"html", "zh", "<!DOCTYPE html>", `<html lang="zh-CN">`},
		{"html", "en", "<!DOCTYPE html>", "After-action report"},
		{"pdf", "", "%PDF-", ""},
		{"md", "en", "# Debrief — Mini", "## Scores"},
		{"csv", "zh", "\uFEFFexercise_time,team,kind,phase,decision,option,response_seconds,detail\r\n", "decision.chosen"},
		{"json", "", "{\n  \"schema_version\": 1,", `"exercise_id": "` + ids[0] + `"`},
	} {
		out := filepath.Join(dir, "sub", "report."+c.format)
		args := []string{"--db", db, "--format", c.format, "--out", out}
		if c.lang != "" {
			args = append(args, "--lang", c.lang)
		}
		code, stdout, stderr := runExport(t, args...)
		if code != ExitOK {
			t.Fatalf("%s: exit %d: %s", c.format, code, stderr)
		}
		if !strings.Contains(stdout, out) || !strings.Contains(stdout, ids[0]) {
			t.Errorf("%s: stdout %q should name the file and the exercise", c.format, stdout)
		}
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(got), c.prefix) || !strings.Contains(string(got), c.contains) {
			t.Errorf("%s (%s) starts %.80q, want %q and %q in it", c.format, c.lang, got, c.prefix, c.contains)
		}
	}
	// Without --lang the report speaks the exercise's language (zh here).
	code, stdout, stderr := runExport(t, "--db", db, "--format", "json", "--out", "-")
	var rep struct {
		Lang     string `json:"lang"`
		Overview struct {
			Date string `json:"date"`
		} `json:"overview"`
	}
	if code != ExitOK || json.Unmarshal([]byte(stdout), &rep) != nil || rep.Lang != "zh" || len(rep.Overview.Date) != 10 {
		t.Fatalf("export to stdout: exit %d, lang %q, date %q, stderr %s", code, rep.Lang, rep.Overview.Date, stderr)
	}
}

func TestExportChoosesSession(t *testing.T) {
	db, ids := playedDB(t, 2)
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, ids[1]}, // the most recent
		{[]string{"--session", ids[0]}, ids[0]},
	} {
		code, stdout, stderr := runExport(t, append([]string{"--db", db, "--format", "json", "--out", "-"}, c.args...)...)
		if code != ExitOK || !strings.Contains(stdout, `"exercise_id": "`+c.want+`"`) {
			t.Errorf("%v: exit %d, want exercise %s; stderr %s", c.args, code, c.want, stderr)
		}
	}
}

func TestExportHandout(t *testing.T) {
	db, _ := playedDB(t, 1)
	for _, format := range []string{"html", "md", "csv", "json"} {
		code, stdout, stderr := runExport(t, "--db", db, "--format", format, "--out", "-", "--team", "Alpha")
		if code != ExitOK {
			t.Fatalf("%s: exit %d: %s", format, code, stderr)
		}
		if strings.Contains(stdout, "Bravo") || !strings.Contains(stdout, "Alpha") {
			t.Errorf("Alpha's %s handout must name Alpha and not Bravo", format)
		}
	}
}

var update = flag.Bool("update", false, "rewrite the golden files")

// `export --team NAME --format md` writes the team's handout in Markdown,
// in the language asked for.
func TestExportMarkdownHandoutGolden(t *testing.T) {
	db, _ := playedDB(t, 1)
	for _, lang := range []string{"en", "zh"} {
		out := filepath.Join(t.TempDir(), "alpha.md")
		code, stdout, stderr := runExport(t, "--db", db, "--format", "md", "--team", "Alpha", "--lang", lang, "--out", out)
		if code != ExitOK {
			t.Fatalf("%s: exit %d: %s", lang, code, stderr)
		}
		if !strings.Contains(stdout, "wrote the md handout for Alpha") {
			t.Errorf("%s: stdout %q", lang, stdout)
		}
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", "mini.handout.Alpha."+lang+".md")
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./internal/cli -run MarkdownHandout -update, then review it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s handout differs from %s (if intended, rerun with -update and review):\n%s", lang, path, got)
		}
	}
}

func TestExportRefusesBadRequests(t *testing.T) {
	db, ids := playedDB(t, 1)
	out := filepath.Join(t.TempDir(), "r.html")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--db", db, "--format", "html"}, "needs --db, --format and --out"},
		{[]string{"--db", db, "--format", "docx", "--out", out}, `not "docx"`},
		{[]string{"--db", db, "--format", "html", "--out", out, "--session", "nope"}, `no exercise "nope" (the most recent is ` + ids[0]},
		{[]string{"--db", db, "--format", "html", "--out", out, "--team", "Zulu"}, `no team "Zulu"; its teams are Alpha, Bravo`},
		{[]string{"--db", db, "--format", "html", "--out", out, "--lang", "fr"}, `--lang must be en or zh`},
		{[]string{"--db", filepath.Join(t.TempDir(), "missing.db"), "--format", "html", "--out", out}, "no database at"},
		{[]string{"--db", db, "--format", "html", "--out", out, "extra"}, "no positional arguments"},
	} {
		code, _, stderr := runExport(t, c.args...)
		if code != ExitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", c.args, code, stderr, ExitUsage, c.want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a refused export must not write its file")
	}
	empty := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runExport(t, "--db", empty, "--format", "html", "--out", out); code != ExitUsage || !strings.Contains(stderr, "no exercise yet") {
		t.Errorf("an empty database: exit %d, %q", code, stderr)
	}
}

// A plan the facilitator saved in the app goes into every export.
func TestExportIncludesTheSavedPlan(t *testing.T) {
	db, ids := playedDB(t, 1)
	st, err := exercise.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	err = st.SavePlan(ids[0], debrief.Plan{
		Strengths:    []debrief.PlanItem{{Text: "Calm under pressure"}},
		Improvements: []debrief.PlanItem{{Team: "Alpha", Text: "Slow to speak"}},
		Actions:      []debrief.PlanRow{{Team: "Alpha", What: "Slow to speak", Action: "Holding statement templates", Owner: "Comms lead", Due: "2027-05-01"}},
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, format := range []string{"html", "md", "json"} {
		out := filepath.Join(dir, "r."+format)
		if code, _, stderr := runExport(t, "--db", db, "--format", format, "--out", out, "--lang", "en"); code != ExitOK {
			t.Fatalf("%s: exit %d: %s", format, code, stderr)
		}
		got, _ := os.ReadFile(out)
		for _, want := range []string{"Holding statement templates", "Comms lead", "2027-05-01", "Calm under pressure"} {
			if !strings.Contains(string(got), want) {
				t.Errorf("%s lacks %q", format, want)
			}
		}
	}
}

// The participants' feedback saved in the app is summarised in every
// format, an anonymous form without its name.
func TestExportIncludesParticipantFeedback(t *testing.T) {
	db, ids := playedDB(t, 1)
	st, err := exercise.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []debrief.FeedbackForm{
		{Name: "Li Wei", Answers: map[string]string{"strengths": "Calm chair"}, Ratings: map[string]int{"realistic": 5}},
		{Anonymous: true, Name: "Hidden Name", Answers: map[string]string{"change": "Longer hotwash"}, Ratings: map[string]int{"realistic": 2}},
	} {
		if _, err := st.SaveFeedback(ids[0], f); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	dir := t.TempDir()
	for _, format := range []string{"html", "md", "json", "csv"} {
		out := filepath.Join(dir, "r."+format)
		if code, _, stderr := runExport(t, "--db", db, "--format", format, "--out", out, "--lang", "en"); code != ExitOK {
			t.Fatalf("%s: exit %d: %s", format, code, stderr)
		}
		got, _ := os.ReadFile(out)
		mean := "3.50" // (5 + 2) / 2
		if format == "json" {
			mean = `"mean": 3.5`
		}
		for _, want := range []string{"Li Wei", "Calm chair", "Longer hotwash", mean} {
			if !strings.Contains(string(got), want) {
				t.Errorf("%s lacks %q", format, want)
			}
		}
		if strings.Contains(string(got), "Hidden Name") {
			t.Errorf("%s names the anonymous participant", format)
		}
	}
}

// dbLook is how a database file looks from outside: its bytes, its mtime
// and the files in its folder.
type dbLook struct {
	sum   [32]byte
	mtime time.Time
	files []string
}

func lookAt(t *testing.T, db string) dbLook {
	t.Helper()
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	es, err := os.ReadDir(filepath.Dir(db))
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range es {
		files = append(files, e.Name())
	}
	return dbLook{sha256.Sum256(b), fi.ModTime(), files}
}

// copiedDB is a played database copied alone into a folder of its own, as
// one handed over on a USB stick would be.
func copiedDB(t *testing.T) string {
	t.Helper()
	src, _ := playedDB(t, 1)
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "handed-over.db")
	if err := os.WriteFile(db, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return db
}

// An export only reads the database: the file keeps its bytes and mtime and
// nothing appears beside it (no -wal, -shm or lock file). (Tests run as
// root, whom permission bits do not stop, so this checks the effects;
// TestExportFromReadOnlyFolder checks a folder that really refuses writes.)
func TestExportWritesNothingToTheDatabase(t *testing.T) {
	db := copiedDB(t)
	before := lookAt(t, db)
	out := filepath.Join(t.TempDir(), "r.html")
	if code, _, stderr := runExport(t, "--db", db, "--format", "html", "--out", out); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	after := lookAt(t, db)
	if after.sum != before.sum || !after.mtime.Equal(before.mtime) {
		t.Error("export changed the database file")
	}
	if !slices.Equal(after.files, before.files) {
		t.Errorf("export left files beside the database: %v -> %v", before.files, after.files)
	}
}

// Exporting from a read-only mount works. Simulated with chattr +i on the
// file and its folder, which refuses writes even to root (as a non-root
// user, with permission bits); skipped where neither is possible.
func TestExportFromReadOnlyFolder(t *testing.T) {
	db := copiedDB(t)
	dir := filepath.Dir(db)
	switch {
	case runtime.GOOS == "windows":
		t.Skip("no read-only folders on Windows")
	case os.Geteuid() != 0:
		os.Chmod(db, 0o444)
		os.Chmod(dir, 0o555)
		t.Cleanup(func() { os.Chmod(dir, 0o755); os.Chmod(db, 0o644) })
	default:
		if _, err := exec.LookPath("chattr"); err != nil {
			t.Skip("root, and no chattr to make a folder read-only")
		}
		if out, err := exec.Command("chattr", "+i", db, dir).CombinedOutput(); err != nil {
			t.Skipf("chattr +i: %v: %s", err, out)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", db, dir).Run() })
	}
	if f, err := os.Create(filepath.Join(dir, "probe")); err == nil {
		f.Close()
		t.Skip("could not make the folder read-only")
	}
	out := filepath.Join(t.TempDir(), "r.md")
	if code, _, stderr := runExport(t, "--db", db, "--format", "md", "--out", out, "--lang", "en"); code != ExitOK {
		t.Fatalf("export from a read-only folder: exit %d: %s", code, stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.Contains(string(b), "# Debrief") {
		t.Errorf("report: %.60q, %v", b, err)
	}
}

// An export does not wait for, or get in the way of, a program that has
// the database open for writing (which holds its lock).
func TestExportBesideAWriter(t *testing.T) {
	db, ids := playedDB(t, 1)
	st, err := exercise.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	code, stdout, stderr := runExport(t, "--db", db, "--format", "json", "--out", "-")
	if code != ExitOK || !strings.Contains(stdout, ids[0]) {
		t.Fatalf("export while the database is open for writing: exit %d: %s", code, stderr)
	}
}

// Another application's database is refused, named, and left alone.
func TestExportRefusesForeignDatabase(t *testing.T) {
	foreign := filepath.Join(t.TempDir(), "notes.db")
	sdb, err := sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sdb.Exec(`CREATE TABLE notes (body TEXT)`); err != nil {
		t.Fatal(err)
	}
	sdb.Close()
	before := lookAt(t, foreign)
	code, _, stderr := runExport(t, "--db", foreign, "--format", "html", "--out", filepath.Join(t.TempDir(), "r.html"))
	if code != ExitUsage || !strings.Contains(stderr, foreign) || !strings.Contains(stderr, "not a Firebreak database") {
		t.Errorf("exit %d, %q; want a usage error naming the file", code, stderr)
	}
	if after := lookAt(t, foreign); after.sum != before.sum || !slices.Equal(after.files, before.files) {
		t.Error("export touched another application's database")
	}
}
