package home

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

var findingLine = regexp.MustCompile(`^(.+):(\d+):(\d+): (error|warning): (.+)$`)

// userLists is what the shell lists with the user folder dir read and
// the mini scenario built in.
func userLists(t *testing.T, dir string) Lists {
	t.Helper()
	user, err := LoadUserScenarios(dir)
	if err != nil {
		t.Fatal(err)
	}
	return Lists{Loaded: true, Scenarios: []library.Entry{uitest.MiniEntry(t)}, UserDir: dir, User: user}
}

func TestBrokenUserScenarioShowsItsFindings(t *testing.T) {
	dir, broken, good := uitest.UserFolder(t)
	hs := newHost(t, i18n.EN, userLists(t, dir))
	hs.home()
	loc := hs.loc
	if !slices.ContainsFunc(tree.Find[*widget.Label](t, hs.win.Content()), func(l *widget.Label) bool {
		return l.Text == "Your scenarios" && l.SizeName == theme.SizeNameSubHeadingText
	}) {
		t.Errorf("no heading %q in:\n%s", "Your scenarios", tree.AllText(hs.win.Content()))
	}
	if c := scenarioCard(t, hs, good); button(t, c, loc.T("home.setup")) == nil || button(t, c, loc.T("home.branch_map")) == nil {
		t.Fatalf("the good user scenario has no set-up or map button")
	}
	brokenCard := card(t, hs, broken)
	if button(t, brokenCard, loc.T("home.setup")) != nil {
		t.Fatal("the broken scenario can be set up")
	}
	show := button(t, brokenCard, loc.T("home.show_problems"))
	if show == nil {
		t.Fatal("the broken scenario has no Show problems button")
	}
	test.Tap(show)
	hs.wantCalls(t, "showFindings("+broken+")")
	if _, ok := hs.current.(*Findings); !ok {
		t.Fatalf("the findings screen is not shown but %T", hs.current)
	}

	_, want, err := scenario.LoadFile(broken)
	if err != nil || len(want.Errors()) < 3 {
		t.Fatalf("test file: %v, %v", want, err)
	}
	rows := findingRows(t, hs)
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i, row := range rows {
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
	for _, r := range rows {
		joined += r.Text + "\n"
	}
	for _, frag := range []string{`:24:9: error: unknown field "promt"`, `goes to phase "nowhere", which does not exist`} {
		if !strings.Contains(joined, frag) {
			t.Errorf("findings lack %q", frag)
		}
	}
	test.Tap(tree.FindButton(t, hs.win.Content(), loc.T("findings.copy")))
	if got := fyne.CurrentApp().Clipboard().Content(); got != joined {
		t.Errorf("clipboard = %q, want the findings", got)
	}

	// Back is the home screen's.
	test.Tap(tree.FindButton(t, hs.win.Content(), loc.T("common.back")))
	hs.wantCalls(t, "showHome")

	// Fixed on disk, it becomes playable when the home screen reads the
	// folder again (the shell reads it when it goes home).
	if err := os.Rename(good, broken); err != nil {
		t.Fatal(err)
	}
	hs.lists = userLists(t, dir)
	hs.ShowHome()
	hs.calls = nil
	if _, ok := hs.current.(*Screen); !ok {
		t.Fatalf("the home screen is not shown but %T", hs.current)
	}
	setup := button(t, scenarioCard(t, hs, broken), loc.T("home.setup"))
	if setup == nil {
		t.Fatal("the fixed file is not offered for set-up")
	}

	// A good user scenario is set up like a built-in one.
	test.Tap(setup)
	hs.wantCalls(t, "showSetup("+broken+")")
	if len(hs.setup) != 1 || hs.setup[0].ID != "my-drill" || hs.setup[0].Scenario == nil {
		t.Fatalf("setup is given %v", hs.setup)
	}
}

func TestLoadUserScenarios(t *testing.T) {
	dir, broken, good := uitest.UserFolder(t)
	list, err := LoadUserScenarios(dir)
	if err != nil || len(list) != 2 {
		t.Fatalf("%d scenarios, %v; want broken.yaml and my-drill.yaml (not notes.txt)", len(list), err)
	}
	if list[0].Entry.File != broken || list[0].OK() || list[1].Entry.File != good || !list[1].OK() {
		t.Errorf("list = %+v", list)
	}
	if list, err := LoadUserScenarios(filepath.Join(dir, "none")); err != nil || list != nil {
		t.Errorf("a missing folder: %v, %v", list, err)
	}

	// An unreadable file says why.
	u := loadScenarioFile(filepath.Join(t.TempDir(), "missing.yaml"))
	if u.OK() || len(u.Findings(nil)) != 1 || !strings.Contains(u.Findings(nil)[0], "missing.yaml: error: ") {
		t.Errorf("missing file: %q", u.Findings(nil))
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
	dir, broken, _ := uitest.UserFolder(t)
	hs := newHost(t, i18n.ZH, userLists(t, dir))
	hs.home()
	test.Tap(tree.FindButton(t, card(t, hs, broken), hs.loc.T("home.show_problems")))
	if _, ok := hs.current.(*Findings); !ok {
		t.Fatalf("the findings screen is not shown but %T", hs.current)
	}

	_, want, err := scenario.LoadFile(broken)
	rows := findingRows(t, hs)
	if err != nil || len(rows) != len(want) {
		t.Fatalf("%d rows for %d findings (%v)", len(rows), len(want), err)
	}
	joined := ""
	for i, row := range rows {
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
	test.Tap(tree.FindButton(t, hs.win.Content(), hs.loc.T("findings.copy")))
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
