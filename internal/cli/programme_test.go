package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/exercise"
)

func runProgramme(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = programmeCmd(args, Env{Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

// programmeDB is two played exercises of "North Water" (the first with a
// plan whose action is still open) and one of "South", with a next drill.
func programmeDB(t *testing.T) string {
	t.Helper()
	// Three exercises: play finds a finished run of the same script again,
	// so each plays a script of its own.
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	var ids []string
	for i := range 3 {
		script := writeFile(t, "s"+string(rune('a'+i))+".yaml", miniScript+"\n# run "+string(rune('a'+i))+"\n")
		out := filepath.Join(dir, "out", string(rune('a'+i)))
		if code, _, stderr := runCLI(t, "play", miniPath, "--script", script, "--db", db, "--out", out); code != ExitOK {
			t.Fatalf("play: exit %d: %s", code, stderr)
		}
		ids = append(ids, readResult(t, out).Exercise)
	}
	st, err := exercise.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i, org := range []string{"North Water", "North Water", "South"} {
		if err := st.SetOrganisation(ids[i], org); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SavePlan(ids[0], debrief.Plan{Actions: []debrief.PlanRow{
		{Team: "Alpha", What: "Slow to speak", Action: "Holding statement templates", Owner: "Comms lead", Due: "2027-05-01"}}}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetNextDrill("North Water", "2027-05-06"); err != nil {
		t.Fatal(err)
	}
	return db
}

// Without --org the organisations are listed; with it, each format is
// written, for the --today given: the open action due before it is
// overdue and was carried over into the second exercise.
func TestProgrammeCommand(t *testing.T) {
	db := programmeDB(t)
	code, out, stderr := runProgramme(t, "--db", db, "--today", "2027-05-02")
	if code != ExitOK {
		t.Fatalf("list: exit %d: %s", code, stderr)
	}
	want := "North Water\t2 exercises\tnext drill: 2027-05-06 (in 4 days)\nSouth\t1 exercises\tnext drill: not set\n"
	if out != want {
		t.Errorf("list:\n%q\nwant\n%q", out, want)
	}
	dir := t.TempDir()
	for _, c := range []struct{ format, lang, prefix string }{
		{"pdf", "zh", "%PDF"}, {"html", "zh", "<!DOCTYPE html>"}, {"csv", "en", "\uFEFFrecord,"},
	} {
		path := filepath.Join(dir, "p."+c.format)
		if code, _, stderr := runProgramme(t, "--db", db, "--org", "North Water", "--format", c.format, "--out", path, "--lang", c.lang, "--today", "2027-05-02"); code != ExitOK {
			t.Fatalf("%s: exit %d: %s", c.format, code, stderr)
		}
		got, err := os.ReadFile(path)
		if err != nil || !strings.HasPrefix(string(got), c.prefix) {
			t.Fatalf("%s: %.20q, %v", c.format, got, err)
		}
		switch c.format {
		case "html":
			for _, s := range []string{"演练项目报告", "North Water", "已逾期", "Holding statement templates", "2027-05-06（还有4天）"} {
				if !strings.Contains(string(got), s) {
					t.Errorf("html lacks %q", s)
				}
			}
		case "csv":
			if !strings.Contains(string(got), ",Alpha,Slow to speak,Holding statement templates,overdue,2027-05-01,Comms lead,") {
				t.Errorf("csv lacks the overdue action:\n%s", got)
			}
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("%d files in the output folder, want the 3 reports (no temporary file left)", len(entries))
	}
}

func TestProgrammeCommandRefusesBadRequests(t *testing.T) {
	db := programmeDB(t)
	out := filepath.Join(t.TempDir(), "p.html")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{}, "needs --db"},
		{[]string{"--db", db, "--format", "html", "--out", out}, "needs --org"},
		{[]string{"--db", db, "--org", "North Water"}, "needs --format and --out"},
		{[]string{"--db", db, "--org", "North Water", "--format", "md", "--out", out}, "--format must be one of html, pdf, csv"},
		{[]string{"--db", db, "--org", "North Water", "--format", "html", "--out", out, "--lang", "fr"}, "--lang must be en or zh"},
		{[]string{"--db", db, "--today", "2027/5/2"}, "--today must be a date"},
		{[]string{"--db", db, "--org", "Nowhere", "--format", "html", "--out", out}, `has no exercise filed under "Nowhere"; its organisations: "North Water", "South"`},
		{[]string{"--db", filepath.Join(t.TempDir(), "none.db")}, "no database at"},
	} {
		code, _, stderr := runProgramme(t, c.args...)
		if code != ExitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, %q; want usage error with %q", c.args, code, stderr, c.want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a refused request wrote a file")
	}
}

// The second exercise's after-action report lists the first one's action,
// still open when it took place, as carried over.
func TestExportListsCarriedOverActions(t *testing.T) {
	db := programmeDB(t)
	st, err := exercise.OpenReadOnly(db)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := st.Exercises() // newest first
	st.Close()
	var second string
	for _, e := range list[1:2] {
		second = e.ID
	}
	out := filepath.Join(t.TempDir(), "r.md")
	if code, _, stderr := runExport(t, "--db", db, "--session", second, "--format", "md", "--out", out, "--lang", "en"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got, _ := os.ReadFile(out)
	if !strings.Contains(string(got), "## Carried over from earlier exercises of the organisation") ||
		!strings.Contains(string(got), "| Slow to speak | Holding statement templates | Comms lead | 2027-05-01 | open |") {
		t.Errorf("the report lacks the carried-over action:\n%s", got)
	}
}
