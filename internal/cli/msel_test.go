package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

const (
	t3sfXLSX = "../msel/testdata/t3sf-MSEL.xlsx"
	t3sfJSON = "../msel/testdata/t3sf-MSEL_EXAMPLE.json"
	hseepCSV = "../msel/testdata/hseep-msel.csv"
)

func countInjects(t *testing.T, path string) (injects, decisions int) {
	t.Helper()
	s, probs, err := scenario.LoadFile(path)
	if err != nil || s == nil {
		t.Fatalf("%s does not load: %v %v", path, err, probs)
	}
	for _, p := range s.Phases {
		injects += len(p.Injects)
		decisions += len(p.Decisions)
	}
	return injects, decisions
}

func TestImportT3SFPassesLint(t *testing.T) {
	b, _ := os.ReadFile(t3sfJSON)
	var items []json.RawMessage
	if err := json.Unmarshal(b, &items); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, src := range []string{t3sfJSON, t3sfXLSX} {
		out := filepath.Join(dir, strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))+".yaml")
		code, stdout, stderr := runCLI(t, "import", src, "--out", out)
		if code != ExitOK {
			t.Fatalf("%s: exit %d\n%s%s", src, code, stdout, stderr)
		}
		for _, want := range []string{"12 injects in 1 phase, 2 decisions", "An MSEL is linear", "one phase per MSEL section",
			"decisions only where the MSEL asks for a response"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("%s: output lacks %q:\n%s", src, want, stdout)
			}
		}
		// Every problem names the file and the row and column.
		for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
			if !strings.HasPrefix(line, src+": ") || !strings.Contains(line, `"Photo"`) && !strings.Contains(line, `"Profile"`) {
				t.Errorf("%s: badly placed problem: %s", src, line)
			}
		}
		if n, _ := countInjects(t, out); n != len(items) {
			t.Errorf("%s: %d injects, the MSEL has %d rows", src, n, len(items))
		}
		if code, stdout, _ := runCLI(t, "lint", out); code != ExitOK || strings.Contains(stdout, "error") {
			t.Errorf("%s: lint exit %d:\n%s", src, code, stdout)
		}
	}
}

func TestImportExportImport(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first.yaml")
	if code, out, errs := runCLI(t, "import", t3sfXLSX, "--out", first); code != ExitOK {
		t.Fatalf("%d %s %s", code, out, errs)
	}
	for _, ext := range []string{".xlsx", ".csv"} {
		for _, lang := range []string{"en", "zh"} {
			sheet := filepath.Join(dir, "msel-"+lang+ext)
			code, out, errs := runCLI(t, "msel", first, "--out", sheet, "--lang", lang)
			if code != ExitOK || !strings.Contains(out, "12 rows (12 injects") {
				t.Fatalf("msel %s: %d %s %s", sheet, code, out, errs)
			}
			back := filepath.Join(dir, "back-"+lang+ext+".yaml")
			code, out, errs = runCLI(t, "import", sheet, "--out", back, "--lang", "en")
			if code != ExitOK {
				t.Fatalf("import %s: %d %s %s", sheet, code, out, errs)
			}
			if n, d := countInjects(t, back); n != 12 || d != 2 {
				t.Errorf("%s: %d injects, %d decisions after the round trip", sheet, n, d)
			}
		}
	}
}

func TestImportHSEEPReportsUnknownColumns(t *testing.T) {
	out := filepath.Join(t.TempDir(), "h.yaml")
	code, stdout, stderr := runCLI(t, "import", hseepCSV, "--out", out, "--format", "hseep")
	if code != ExitOK {
		t.Fatalf("%d %s %s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "5 injects in 2 phases, 0 decisions") {
		t.Errorf("%s", stdout)
	}
	if !strings.Contains(stderr, hseepCSV+`: row 3, column K "Location": warning: unknown column "Location"`) {
		t.Errorf("%s", stderr)
	}
}

func TestImportRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, "bad.csv", "Time,Message\n09:00,hello\nlater,again\n")
	out := filepath.Join(dir, "x.yaml")
	code, stdout, stderr := runCLI(t, "import", bad, "--out", out)
	if code != ExitFail || !strings.Contains(stderr, bad+`: row 3, column A "Time": error:`) || !strings.Contains(stderr, "was not imported: 1 error") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a scenario was written despite errors")
	}
	for _, args := range [][]string{
		{"import"}, {"import", bad}, {"import", bad, "--out", out, "--format", "excel"},
		{"import", bad, "--out", out, "--lang", "fr"}, {"msel", "beverage-recall"},
		{"msel", "beverage-recall", "--out", "x.pdf"}, {"msel", "no-such-scenario", "--out", "x.csv"},
	} {
		if code, _, stderr := runCLI(t, args...); code != ExitUsage || stderr == "" {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
	}
	if code, _, stderr := runCLI(t, "import", filepath.Join(dir, "missing.xlsx"), "--out", out); code != ExitFail || !strings.Contains(stderr, "no such file") {
		t.Errorf("missing file: %d %s", code, stderr)
	}
}

func TestMselBuiltinToStdout(t *testing.T) {
	code, stdout, stderr := runCLI(t, "msel", "beverage-recall", "--out", "-", "--lang", "zh")
	if code != ExitOK || !strings.HasPrefix(stdout, "\uFEFF编号,演练时间,阶段,阶段内时间,渠道,发送方,接收方,内容,决策,选项,预期行动,目标/能力,备注") {
		t.Errorf("%d %q %s", code, stdout[:min(len(stdout), 200)], stderr)
	}
}

func TestUsageListsImportAndMsel(t *testing.T) {
	_, stdout, _ := runCLI(t, "help")
	for _, want := range []string{"firebreak import FILE --out SCENARIO.yaml", "firebreak msel SCENARIO --out FILE.xlsx|.csv"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("usage lacks %q", want)
		}
	}
}
