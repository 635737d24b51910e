package cli

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
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

// A T3SF file whose Photo and Profile are pictures beside it: the
// imported scenario carries them, copied into <id>-media beside it, and
// lint and the library load it with its pictures; a picture that is not a
// PNG or JPEG stays a line of the text with a warning naming the row.
func TestImportCarriesLocalPictures(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 64, 48))); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"shots/leak.png": b.Bytes(), "bob.png": b.Bytes(), "notes.png": []byte("not a picture")} {
		path := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	j := `[{"#": 1, "Real Time": "10:00", "Subject": "Leak", "From": "Bob", "Player": "Legal", "Script": "See the screenshot.", "Photo": "shots/leak.png", "Picture Name": "The leaked table", "Profile": "bob.png"},
{"#": 2, "Real Time": "10:05", "Subject": "Notes", "From": "Bob", "Player": "Legal", "Script": "And this.", "Photo": "notes.png"}]`
	src := filepath.Join(dir, "msel.json")
	if err := os.WriteFile(src, []byte(j), 0o644); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(dir, "out")
	os.MkdirAll(outDir, 0o755)
	out := filepath.Join(outDir, "drill.yaml")
	code, stdout, stderr := runCLI(t, "import", src, "--out", out)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "The injects carry 2 pictures, copied beside it into "+filepath.Join(outDir, "drill-media")) {
		t.Errorf("output:\n%s", stdout)
	}
	if !strings.Contains(stderr, src+`: item 2 (line 2), key "Photo": warning: Photo notes.png cannot be carried: it is not a PNG or JPEG picture`) {
		t.Errorf("no warning for the file that is no picture:\n%s", stderr)
	}
	sc, media, probs, err := scenario.LoadFileMedia(out)
	if sc == nil || err != nil {
		t.Fatalf("the imported scenario does not load with its pictures: %v %v", probs, err)
	}
	first := sc.Phases[0].Injects[0]
	if len(first.Media) != 2 || first.Media[0].File != "drill-media/leak.png" || first.Media[0].Alt.Get("en") != "The leaked table" ||
		first.Media[1].Alt.Get("en") != "The sender's picture: Bob" || !bytes.Equal(media["drill-media/bob.png"], b.Bytes()) {
		t.Errorf("first inject's pictures: %+v", first.Media)
	}
	if strings.Contains(first.Text.Get("en"), "leak.png") {
		t.Errorf("a carried picture is still named in the text: %q", first.Text.Get("en"))
	}
	if second := sc.Phases[0].Injects[1]; len(second.Media) != 0 || !strings.Contains(second.Text.Get("en"), "notes.png (the facilitator hands out this file)") {
		t.Errorf("second inject: %d pictures, text %q", len(second.Media), second.Text.Get("en"))
	}
	if code, stdout, _ := runCLI(t, "lint", out); code != ExitOK || strings.Contains(stdout, "error") {
		t.Errorf("lint exit %d:\n%s", code, stdout)
	}

	// To standard output there is nowhere to put them: the text names them.
	code, stdout, stderr = runCLI(t, "import", src, "--out", "-")
	if code != ExitOK || strings.Contains(stdout, "media:") || !strings.Contains(stderr, "a scenario written to standard output carries no pictures") {
		t.Errorf("to standard output: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

// A scenario's pictures survive an MSEL: exported (a Picture column and
// what it shows) beside the scenario, and imported again, the injects
// carry the same pictures.
func TestMSELKeepsPictures(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"pictures.yaml", "photos/glass.jpg", "photos/news.png"} {
		data, err := os.ReadFile(filepath.Join("../engine/testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, lang := range []string{"en", "zh"} {
		for _, ext := range []string{".csv", ".xlsx"} {
			sheet := filepath.Join(dir, "pictures-"+lang+ext)
			if code, stdout, stderr := runCLI(t, "msel", filepath.Join(dir, "pictures.yaml"), "--out", sheet, "--lang", lang); code != ExitOK {
				t.Fatalf("msel: exit %d\n%s%s", code, stdout, stderr)
			}
			back := filepath.Join(dir, "back-"+lang+ext[1:], "back.yaml")
			os.MkdirAll(filepath.Dir(back), 0o755)
			if code, stdout, stderr := runCLI(t, "import", sheet, "--out", back); code != ExitOK {
				t.Fatalf("import: exit %d\n%s%s", code, stdout, stderr)
			}
			sc, media, probs, err := scenario.LoadFileMedia(back)
			if sc == nil || err != nil {
				t.Fatalf("%s %s: %v %v", lang, ext, probs, err)
			}
			var alts []string
			for _, p := range sc.Phases {
				for _, in := range p.Injects {
					for _, m := range in.Media {
						alts = append(alts, m.Alt.Get(lang))
						if len(media[m.File]) == 0 {
							t.Errorf("%s %s: %s not beside the imported scenario", lang, ext, m.File)
						}
					}
				}
			}
			want := map[string][]string{
				"en": {"The parent's photo: a half-drunk glass of juice, batch L2406", "City News: juice recall widens"},
				"zh": {"家长拍的照片：喝了一半的果汁，批次 L2406", "城市新闻：果汁召回范围扩大"},
			}[lang]
			if !slices.Equal(alts, want) {
				t.Errorf("%s %s: pictures %q, want %q", lang, ext, alts, want)
			}
		}
	}
}
