package home

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// wizardLists are the home screen's lists with the built-in data-leak
// scenario and a user folder (my-drill.yaml, broken.yaml).
func wizardLists(t *testing.T) (Lists, library.Entry) {
	t.Helper()
	dir, _, _ := uitest.UserFolder(t)
	lists := userLists(t, dir)
	e, ok := library.Builtin("data-leak")
	if !ok {
		t.Fatal("no built-in data-leak")
	}
	lists.Scenarios = append(lists.Scenarios, e)
	return lists, e
}

// openWizard shows the home screen and taps the template's "New scenario
// from this…".
func openWizard(t *testing.T, lang i18n.Lang) (*host, *Wizard, library.Entry) {
	t.Helper()
	lists, e := wizardLists(t)
	hs := newHost(t, lang, lists)
	hs.home()
	test.Tap(tree.FindButton(t, scenarioCard(t, hs, e.File), hs.loc.T("wizard.from_template")))
	hs.wantCalls(t, "showNewScenario(builtin:data-leak.yaml)")
	w, ok := hs.current.(*Wizard)
	if !ok {
		t.Fatalf("the wizard is not shown: %T", hs.current)
	}
	return hs, w, e
}

// From a built-in's card: the titles are prefilled as copies, the id is
// suggested from the English title, Create writes the file into the user
// folder, and the file loads with the new id and titles, with no more
// findings than the template.
func TestWizardCreatesACopyThatLoads(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		hs, w, e := openWizard(t, lang)
		if w.enEntry.Text != "Copy of Open database: a customer data leak" || w.zhEntry.Text != "敞开的数据库：用户数据泄露（副本）" {
			t.Errorf("%s: prefilled titles %q, %q", lang, w.enEntry.Text, w.zhEntry.Text)
		}
		if w.idEntry.Text != "copy-of-open-database-a-customer-data-leak" {
			t.Errorf("%s: suggested id %q", lang, w.idEntry.Text)
		}
		// Typing a title suggests the id again, until the id is typed.
		w.enEntry.SetText(w.enEntry.Text + " 2")
		if w.idEntry.Text != "copy-of-open-database-a-customer-data-leak-2" {
			t.Errorf("%s: id after the title changed: %q", lang, w.idEntry.Text)
		}
		w.idEntry.SetText("harbour-leak")
		w.enEntry.SetText("Harbour leak")
		w.zhEntry.SetText("港口泄露")
		if w.idEntry.Text != "harbour-leak" {
			t.Errorf("%s: a typed id was replaced: %q", lang, w.idEntry.Text)
		}
		file := filepath.Join(hs.lists.UserDir, "harbour-leak.yaml")
		if !strings.Contains(tree.AllText(hs.win.Content()), file) {
			t.Errorf("%s: the file name is not shown:\n%s", lang, tree.AllText(hs.win.Content()))
		}
		if w.create.Disabled() {
			t.Fatalf("%s: Create disabled: %s", lang, w.message.Text)
		}
		test.Tap(w.create)
		hs.wantCalls(t, "showAuthoring(harbour-leak.yaml)")
		u := loadScenarioFile(file)
		if !u.OK() {
			t.Fatalf("%s: the copy does not load: %v", lang, u.Findings(hs.loc))
		}
		sc := u.Entry.Scenario
		if sc.ID != "harbour-leak" || sc.Title.Get("en") != "Harbour leak" || sc.Title.Get("zh") != "港口泄露" {
			t.Errorf("%s: copy is %s %v", lang, sc.ID, sc.Title)
		}
		_, tprobs := scenario.Parse(e.File, e.Source)
		if len(u.Problems.Errors()) != 0 || len(u.Problems) != len(tprobs) {
			t.Errorf("%s: copy has findings %v, template %v", lang, u.Problems, tprobs)
		}
		if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: file mode: %v %v", lang, fi, err)
		}
	}
}

// A bad id, a taken one (a built-in's, a user file's) and an empty title
// are refused under the fields, in the UI language, with Create off; a
// file that appeared meanwhile is not overwritten.
func TestWizardRefusesBadAndTakenIDs(t *testing.T) {
	want := map[i18n.Lang][]string{
		i18n.EN: {
			"The id may hold only lower-case letters (a–z), digits and hyphens, must start with a letter or digit and be at most 64 characters long.",
			`The id "data-leak" is already used by another scenario. Choose another.`,
			`The id "my-drill" is already used by another scenario. Choose another.`,
			"Give the scenario a title in English and in Chinese.",
			"Give the scenario an id.",
		},
		i18n.ZH: {
			"标识只能包含小写字母（a–z）、数字和连字符，须以字母或数字开头，最长64个字符。",
			"标识“data-leak”已被其他情景使用，请另选一个。",
			"标识“my-drill”已被其他情景使用，请另选一个。",
			"请填写英文标题和中文标题。",
			"请为情景填写标识。",
		},
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		hs, w, _ := openWizard(t, lang)
		check := func(i int) {
			t.Helper()
			if w.message.Text != want[lang][i] || !w.create.Disabled() {
				t.Errorf("%s: shown %q (Create disabled: %v), want %q", lang, w.message.Text, w.create.Disabled(), want[lang][i])
			}
			if !strings.Contains(tree.AllText(hs.win.Content()), want[lang][i]) {
				t.Errorf("%s: %q not on screen", lang, want[lang][i])
			}
		}
		w.idEntry.SetText("Data Leak")
		check(0)
		w.idEntry.SetText("data-leak")
		check(1)
		w.idEntry.SetText("my-drill")
		check(2)
		w.idEntry.SetText("fine")
		w.zhEntry.SetText("  ")
		check(3)
		w.zhEntry.SetText("好")
		w.idEntry.SetText("")
		check(4)
		// A file the lists do not know yet is not overwritten.
		w.idEntry.SetText("notes")
		file := filepath.Join(hs.lists.UserDir, "notes.yaml")
		if err := os.WriteFile(file, []byte("mine"), 0o600); err != nil {
			t.Fatal(err)
		}
		test.Tap(w.create)
		hs.wantCalls(t)
		wantExists := map[i18n.Lang]string{
			i18n.EN: file + " already exists; it was not overwritten. Choose another id.",
			i18n.ZH: file + " 已存在，未被覆盖。请另选一个标识。",
		}[lang]
		if w.message.Text != wantExists || !w.create.Disabled() {
			t.Errorf("%s: after Create over a file: %q", lang, w.message.Text)
		}
		if b, _ := os.ReadFile(file); string(b) != "mine" {
			t.Errorf("%s: the file was overwritten", lang)
		}
		// Switching language keeps what was typed.
		hs.Show(w)
		if w.idEntry.Text != "notes" || w.zhEntry.Text != "好" {
			t.Errorf("%s: redrawn with %q %q", lang, w.idEntry.Text, w.zhEntry.Text)
		}
	}
}

// A user file's card (usable or broken) leads to its authoring view; a
// user file can be a template too.
func TestUserCardsLeadToAuthoring(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		dir, broken, good := uitest.UserFolder(t)
		hs := newHost(t, lang, userLists(t, dir))
		hs.home()
		loc := hs.loc
		test.Tap(tree.FindButton(t, scenarioCard(t, hs, good), loc.T("wizard.edit")))
		test.Tap(tree.FindButton(t, card(t, hs, broken), loc.T("wizard.edit")))
		test.Tap(tree.FindButton(t, scenarioCard(t, hs, good), loc.T("wizard.from_template")))
		hs.wantCalls(t, "showAuthoring(my-drill.yaml)", "showAuthoring(broken.yaml)", "showNewScenario("+good+")")
		w := hs.current.(*Wizard)
		if w.enEntry.Text != "Copy of My drill" || w.zhEntry.Text != "我的演练（副本）" || w.idEntry.Text != "copy-of-my-drill" {
			t.Errorf("%s: from a user file: %q %q %q", lang, w.enEntry.Text, w.zhEntry.Text, w.idEntry.Text)
		}
	}
}
