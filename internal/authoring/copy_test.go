package authoring

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

var newTitle = scenario.Text{"en": `Copy of "it" #1`, "zh": "数据泄露（副本）"}

// Every built-in copies: the copy loads with the new id and title, lints
// as cleanly as the template, and differs from it only on those lines.
func TestCreateCopiesEveryBuiltin(t *testing.T) {
	list, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "scenarios")
	for _, e := range list {
		id := "copy-of-" + e.ID
		file, err := Create(dir, e, id, newTitle, nil)
		if err != nil {
			t.Fatalf("%s: %v", e.ID, err)
		}
		if file != filepath.Join(dir, id+".yaml") {
			t.Errorf("%s: written to %s", e.ID, file)
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		sc, probs := scenario.Parse(file, src)
		if sc == nil {
			t.Fatalf("%s: the copy does not load: %v", e.ID, probs)
		}
		if sc.ID != id || sc.Title.Get("en") != newTitle["en"] || sc.Title.Get("zh") != newTitle["zh"] {
			t.Errorf("%s: copy has id %q title %v", e.ID, sc.ID, sc.Title)
		}
		_, tprobs := scenario.Parse(e.File, e.Source)
		if len(probs) != len(tprobs) {
			t.Errorf("%s: copy has %d findings, template %d: %v", e.ID, len(probs), len(tprobs), probs)
		}
		// Only the id and title lines changed: same number of lines, and
		// the comments are kept.
		a, b := strings.Split(string(e.Source), "\n"), strings.Split(string(src), "\n")
		if len(a) != len(b) {
			t.Fatalf("%s: %d lines became %d", e.ID, len(a), len(b))
		}
		changed := 0
		for i := range a {
			if a[i] != b[i] {
				changed++
			}
		}
		if changed != 3 {
			t.Errorf("%s: %d lines changed, want 3 (id, en, zh)", e.ID, changed)
		}
		fi, err := os.Stat(file)
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: file mode %v (%v), want 0600", e.ID, fi.Mode(), err)
		}
	}
	fi, err := os.Stat(dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v (%v), want 0700", fi.Mode(), err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".new-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestCreateNeverOverwrites(t *testing.T) {
	e := builtin(t, "data-leak")
	dir := t.TempDir()
	file := filepath.Join(dir, "mine.yaml")
	if err := os.WriteFile(file, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(dir, e, "mine", newTitle, nil); !errors.Is(err, ErrFileExists) {
		t.Fatalf("err = %v, want ErrFileExists", err)
	}
	if b, _ := os.ReadFile(file); string(b) != "mine" {
		t.Errorf("file overwritten: %q", b)
	}
	if err := writeNew(file, []byte("other")); !errors.Is(err, ErrFileExists) {
		t.Errorf("writeNew over a file: %v", err)
	}
}

func TestCreateRefuses(t *testing.T) {
	e := builtin(t, "data-leak")
	taken := func(id string) bool { return id == "data-leak" }
	for _, c := range []struct {
		id    string
		title scenario.Text
		want  error
	}{
		{"", newTitle, ErrIDEmpty},
		{"Data Leak", newTitle, ErrIDFormat},
		{"-x", newTitle, ErrIDFormat},
		{strings.Repeat("a", 65), newTitle, ErrIDFormat},
		{"data-leak", newTitle, ErrIDTaken},
		{"ok", scenario.Text{"en": "x", "zh": " "}, ErrTitleEmpty},
	} {
		if _, err := Create(t.TempDir(), e, c.id, c.title, taken); !errors.Is(err, c.want) {
			t.Errorf("Create(%q): %v, want %v", c.id, err, c.want)
		}
	}
	if _, err := Create("", e, "ok", newTitle, nil); !errors.Is(err, ErrNoFolder) {
		t.Errorf("no folder: %v", err)
	}
	if err := CheckID(strings.Repeat("a", 64), nil); err != nil {
		t.Errorf("64 characters refused: %v", err)
	}
}

func TestSuggestID(t *testing.T) {
	taken := func(id string) bool { return id == "copy-of-open-database" }
	for title, want := range map[string]string{
		"Copy of Open database": "copy-of-open-database-2",
		"  Flood, 2026!  ":      "flood-2026",
		"数据泄露（副本）":              "my-scenario",
		"Café":                  "caf",
		"Copy of Grounded before the holiday: an airline and its stranded passengers": "copy-of-grounded-before-the-holiday-an-airline",
		strings.Repeat("x", 70):   strings.Repeat("x", 48),
		strings.Repeat("ab ", 40): strings.TrimRight(strings.Repeat("ab-", 16), "-"),
	} {
		got := SuggestID(title, taken)
		if got != want {
			t.Errorf("SuggestID(%q) = %q, want %q", title, got, want)
		}
		if err := CheckID(got, taken); err != nil {
			t.Errorf("SuggestID(%q) = %q, refused: %v", title, got, err)
		}
	}
}

// Flow-style titles, comments after values and quoting are kept around
// the new values.
func TestRewriteKeepsLayout(t *testing.T) {
	src := "# head\nid: mini # the id\nformat: firebreak/1\ntitle: {en: \"Mini\", zh: '迷你'}  # t\n"
	got, err := Rewrite([]byte(src), "new-one", scenario.Text{"en": "New", "zh": "新的"})
	if err != nil {
		t.Fatal(err)
	}
	want := "# head\nid: \"new-one\" # the id\nformat: firebreak/1\ntitle: {en: \"New\", zh: \"新的\"}  # t\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := Rewrite([]byte("title: {en: a, zh: b}\n"), "x", newTitle); !errors.Is(err, ErrTemplate) {
		t.Errorf("no id: %v", err)
	}
	if _, err := Rewrite([]byte("id: a\ntitle: {en: a}\n"), "x", newTitle); !errors.Is(err, ErrTemplate) {
		t.Errorf("no zh title: %v", err)
	}
}

// A template's pictures are copied into <id>-media/ and the copy names
// them there.
func TestCreateCopiesPictures(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "engine", "testdata", "mini.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	png := pngBytes(t)
	text := string(src)
	dir := t.TempDir()
	tmplDir := filepath.Join(dir, "tmpl")
	if err := os.MkdirAll(filepath.Join(tmplDir, "photos"), 0o700); err != nil {
		t.Fatal(err)
	}
	text = addPicture(t, text)
	if err := os.WriteFile(filepath.Join(tmplDir, "photos", "a.png"), png, 0o600); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(tmplDir, "mini.yaml")
	sc, probs := scenario.Parse(file, []byte(text))
	if sc == nil {
		t.Fatalf("template: %v", probs)
	}
	media, mp := scenario.ReadMedia(os.DirFS(tmplDir), file, sc)
	if len(mp.Errors()) > 0 || len(media) != 1 {
		t.Fatalf("template media: %v %d", mp, len(media))
	}
	e := library.Entry{ID: sc.ID, File: file, Source: []byte(text), Scenario: sc, Media: media}
	out := filepath.Join(dir, "out")
	got, err := Create(out, e, "pics", newTitle, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(got)
	if !bytes.Contains(b, []byte("file: pics-media/a.png")) {
		t.Errorf("the copy does not name its picture:\n%s", b)
	}
	data, err := os.ReadFile(filepath.Join(out, "pics-media", "a.png"))
	if err != nil || !bytes.Equal(data, png) {
		t.Errorf("picture not copied: %v", err)
	}
	csc, _ := scenario.Parse(got, b)
	if csc == nil {
		t.Fatal("copy does not load")
	}
	if _, mp := scenario.ReadMedia(os.DirFS(out), got, csc); len(mp) > 0 {
		t.Errorf("copy's pictures: %v", mp)
	}
	// Copying again with another id whose media folder exists is refused.
	if err := os.Mkdir(filepath.Join(out, "again-media"), 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(out, e, "again", newTitle, nil); !errors.Is(err, ErrFileExists) {
		t.Errorf("media folder there: %v", err)
	}
}

func builtin(t *testing.T, id string) library.Entry {
	t.Helper()
	e, ok := library.Builtin(id)
	if !ok {
		t.Fatalf("no built-in %s", id)
	}
	return e
}

func FuzzRewrite(f *testing.F) {
	f.Add([]byte("id: a\ntitle: {en: \"A\", zh: 'B'}\n"), "new", "T", "题")
	f.Add([]byte("id: a # c\ntitle:\n  en: A # x\n  zh: \"B\\\"\"\n"), "n-2", "a\"b", "")
	f.Add([]byte("id: |\n  a\ntitle: {en: a, zh: b}\n"), "x", "y", "z")
	f.Fuzz(func(t *testing.T, src []byte, id, en, zh string) {
		title := scenario.Text{"en": en, "zh": zh}
		out, err := Rewrite(src, id, title)
		if err != nil {
			if !errors.Is(err, ErrTemplate) {
				t.Fatalf("error not ErrTemplate: %v", err)
			}
			return
		}
		// What was rewritten reads back with the new values.
		var doc struct {
			ID    string            `yaml:"id"`
			Title map[string]string `yaml:"title"`
		}
		if err := yamlUnmarshal(out, &doc); err != nil {
			t.Fatalf("rewritten text does not parse: %v\n%s", err, out)
		}
		if doc.ID != id || doc.Title["en"] != en || doc.Title["zh"] != zh {
			t.Fatalf("read back %q %q %q, want %q %q %q\n%s", doc.ID, doc.Title["en"], doc.Title["zh"], id, en, zh, out)
		}
	})
}

// addPicture gives mini's first inject a picture, photos/a.png.
func addPicture(t *testing.T, text string) string {
	t.Helper()
	from := `        text: {en: "A complaint", zh: "一条投诉"}` + "\n"
	if !strings.Contains(text, from) {
		t.Fatal("mini's first inject moved")
	}
	return strings.Replace(text, from, from+"        media: [{file: photos/a.png, alt: {en: A photo, zh: 一张照片}}]\n", 1)
}

func pngBytes(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func yamlUnmarshal(b []byte, v any) error { return yaml.Unmarshal(b, v) }
