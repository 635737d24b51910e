package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// userFolder makes a user scenario folder with a broken scenario (a typo
// and a dangling phase) and a good one (a copy of mini with its own id).
func userFolder(t *testing.T) (dir, broken, good string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "internal", "engine", "testdata", "mini.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	bad := strings.Replace(string(src), "next: calm", "next: nowhere", 1)
	bad = strings.Replace(bad, `prompt: {en: "What now?"`, `promt: {en: "What now?"`, 1)
	broken = filepath.Join(dir, "broken.yaml")
	good = filepath.Join(dir, "my-drill.yaml")
	mine := strings.Replace(string(src), "id: mini", "id: my-drill", 1)
	mine = strings.Replace(mine, `title: {en: "Mini", zh: "迷你"}`, `title: {en: "My drill", zh: "我的演练"}`, 1)
	for name, text := range map[string]string{broken: bad, good: mine, filepath.Join(dir, "notes.txt"): "not a scenario"} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, broken, good
}

var findingLine = regexp.MustCompile(`^(.+):(\d+):(\d+): (error|warning): (.+)$`)

func TestBrokenUserScenarioShowsItsFindings(t *testing.T) {
	dir, broken, good := userFolder(t)
	st := uitest.OpenStore(t)
	sh := shellWith(t, st, engine.NewFakeClock(), dir, uitest.MiniEntry(t))
	h := currentAs[*homeScreen](t, sh)
	if got := h.userHeading.Text; got != "Your scenarios" {
		t.Errorf("user heading = %q", got)
	}
	if h.setupButtons[good] == nil || h.mapButtons[good] == nil {
		t.Fatalf("the good user scenario has no set-up or map button")
	}
	if h.setupButtons[broken] != nil {
		t.Fatal("the broken scenario can be set up")
	}
	show := h.problemButtons[broken]
	if show == nil {
		t.Fatal("the broken scenario has no Show problems button")
	}
	test.Tap(show)
	f := currentAs[*findingsScreen](t, sh)

	_, want, err := scenario.LoadFile(broken)
	if err != nil || len(want.Errors()) < 3 {
		t.Fatalf("test file: %v, %v", want, err)
	}
	if len(f.rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(f.rows), len(want))
	}
	for i, row := range f.rows {
		if row.Text != want[i].String() {
			t.Errorf("row %d = %q, want %q", i, row.Text, want[i].String())
		}
		m := findingLine.FindStringSubmatch(row.Text)
		if m == nil || m[1] != broken {
			t.Errorf("row %d is not file:line:col: severity: message: %q", i, row.Text)
		}
		if !row.Selectable {
			t.Errorf("row %d cannot be selected", i)
		}
	}
	joined := ""
	for _, r := range f.rows {
		joined += r.Text + "\n"
	}
	for _, frag := range []string{`:24:9: error: unknown field "promt"`, `goes to phase "nowhere", which does not exist`} {
		if !strings.Contains(joined, frag) {
			t.Errorf("findings lack %q", frag)
		}
	}
	test.Tap(f.copyButton)
	if got := fyne.CurrentApp().Clipboard().Content(); got != joined {
		t.Errorf("clipboard = %q, want the findings", got)
	}

	// Fixed on disk, it becomes playable when the home screen reads the
	// folder again.
	test.Tap(f.backButton)
	if err := os.Rename(good, broken); err != nil {
		t.Fatal(err)
	}
	sh.showHome()
	h = currentAs[*homeScreen](t, sh)
	if h.setupButtons[broken] == nil {
		t.Error("the fixed file is not offered for set-up")
	}

	// A good user scenario is set up like a built-in one.
	test.Tap(h.setupButtons[broken])
	s := currentAs[*setupScreen](t, sh)
	if e, ok := s.entry(); !ok || e.ID != "my-drill" {
		t.Fatalf("setup chose %v", e.ID)
	}
	if got := s.scenarioSelect.Selected; got != "My drill — broken.yaml" {
		t.Errorf("scenario shown as %q", got)
	}
	if n := len(s.scenarioSelect.Options); n != 2 {
		t.Errorf("setup offers %d scenarios, want the built-in and the user's", n)
	}
	test.Tap(s.startButton)
	ex := currentAs[*exerciseScreen](t, sh)
	ex.run.Session.Read(func(st *engine.State) {
		if st.Scenario.ID != "my-drill" {
			t.Errorf("the exercise plays %s", st.Scenario.ID)
		}
	})
}

func TestOpenScenarioFile(t *testing.T) {
	_, broken, good := userFolder(t)
	sh := testShell(t, uitest.OpenStore(t), engine.NewFakeClock()) // no user folder
	h := currentAs[*homeScreen](t, sh)
	if h.openButton == nil || h.openButton.Text != "Open scenario file…" {
		t.Fatal("no open button")
	}
	test.Tap(h.openButton)
	if sh.win.Canvas().Overlays().Top() == nil {
		t.Error("Open scenario file shows no dialog")
	}
	sh.win.Canvas().Overlays().Top().Hide()

	// What the dialog hands over: a broken file goes to its findings,
	// and nothing starts.
	sh.openScenario(loadScenarioFile(broken))
	f := currentAs[*findingsScreen](t, sh)
	if len(f.rows) != 3 || !strings.HasPrefix(f.rows[0].Text, broken+":23:7: error:") {
		t.Errorf("findings: %d rows, first %q", len(f.rows), f.rows[0].Text)
	}
	test.Tap(f.backButton)
	currentAs[*homeScreen](t, sh)

	// A good file goes to setup, chosen, and stays listed on the home
	// screen for the session.
	sh.openScenario(loadScenarioFile(good))
	s := currentAs[*setupScreen](t, sh)
	if e, ok := s.entry(); !ok || e.File != good {
		t.Fatalf("setup chose %s", e.File)
	}
	sh.showHome()
	if currentAs[*homeScreen](t, sh).setupButtons[good] == nil {
		t.Error("the opened file is not listed on the home screen")
	}

	// An unreadable file says why.
	u := loadScenarioFile(filepath.Join(t.TempDir(), "missing.yaml"))
	if u.OK() || len(u.Findings(nil)) != 1 || !strings.Contains(u.Findings(nil)[0], "missing.yaml: error: ") {
		t.Errorf("missing file: %q", u.Findings(nil))
	}
}

func TestLoadUserScenarios(t *testing.T) {
	dir, broken, good := userFolder(t)
	list, err := loadUserScenarios(dir)
	if err != nil || len(list) != 2 {
		t.Fatalf("%d scenarios, %v; want broken.yaml and my-drill.yaml (not notes.txt)", len(list), err)
	}
	if list[0].Entry.File != broken || list[0].OK() || list[1].Entry.File != good || !list[1].OK() {
		t.Errorf("list = %+v", list)
	}
	if list, err := loadUserScenarios(filepath.Join(dir, "none")); err != nil || list != nil {
		t.Errorf("a missing folder: %v, %v", list, err)
	}
}

var findingLineZh = regexp.MustCompile(`^(.+):(\d+):(\d+)：(错误|警告)：(.+)$`)

// englishWords is a run of three English words (not a list of ids, which
// has commas): a sentence a Chinese reader should not meet outside a
// quoted value.
var englishWords = regexp.MustCompile(`[A-Za-z]+(?: +[A-Za-z]+){2,}`)

// TestChineseFindingsScreenIsChinese: in Chinese the findings screen says
// each finding in Chinese, nested parts (the decision, "did you mean")
// too, keeping the file:line:col position; Copy all copies what it shows.
func TestChineseFindingsScreenIsChinese(t *testing.T) {
	dir, broken, _ := userFolder(t)
	sh := shellWith(t, uitest.OpenStore(t), engine.NewFakeClock(), dir, uitest.MiniEntry(t))
	sh.setLang(i18n.ZH)
	sh.showHome()
	h := currentAs[*homeScreen](t, sh)
	test.Tap(h.problemButtons[broken])
	f := currentAs[*findingsScreen](t, sh)

	_, want, err := scenario.LoadFile(broken)
	if err != nil || len(f.rows) != len(want) {
		t.Fatalf("%d rows for %d findings (%v)", len(f.rows), len(want), err)
	}
	joined := ""
	for i, row := range f.rows {
		m := findingLineZh.FindStringSubmatch(row.Text)
		if m == nil || m[1] != broken {
			t.Errorf("row %d is not file:line:col：severity：message: %q", i, row.Text)
			continue
		}
		if pos := fmt.Sprintf("%s:%d:%d", broken, want[i].Pos.Line, want[i].Pos.Col); !strings.HasPrefix(row.Text, pos+"：") {
			t.Errorf("row %d does not start with %s: %q", i, pos, row.Text)
		}
		unquoted := regexp.MustCompile(`"[^"]*"`).ReplaceAllString(m[5], "")
		if w := englishWords.FindString(unquoted); w != "" {
			t.Errorf("row %d has English %q: %q", i, w, row.Text)
		}
		joined += row.Text + "\n"
	}
	for _, frag := range []string{`:24:9：错误：`, `中有未知字段 "promt"；是否应为 "prompt"？`, `指向的阶段 "nowhere" 不存在`} {
		if !strings.Contains(joined, frag) {
			t.Errorf("Chinese findings lack %q:\n%s", frag, joined)
		}
	}
	test.Tap(f.copyButton)
	if got := fyne.CurrentApp().Clipboard().Content(); got != joined {
		t.Errorf("clipboard = %q, want the findings as shown", got)
	}
}

// TestProblemsTextIsInTheUILanguage: built-in scenarios that fail to load
// (joined Problems) are reported on the home screen in the UI language.
func TestProblemsTextIsInTheUILanguage(t *testing.T) {
	_, probs := scenario.Parse("builtin:x.yaml", []byte("format: firebreak/9\n"))
	err := errors.Join(probs, errors.New("disk on fire"))
	zh := problemsText(i18n.New(i18n.ZH), err)
	if !strings.Contains(zh, "builtin:x.yaml:1:9：错误：此版本的 Firebreak 不能读取格式") || !strings.Contains(zh, "disk on fire") {
		t.Errorf("Chinese: %q", zh)
	}
	if en := problemsText(i18n.New(i18n.EN), err); !strings.Contains(en, probs[0].String()) {
		t.Errorf("English: %q, want %q", en, probs[0].String())
	}
}
