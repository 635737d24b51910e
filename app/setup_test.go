package app

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

func TestSetupRefusesBadTeamNamesBesideTheField(t *testing.T) {
	st := uitest.OpenStore(t)
	sh := testShell(t, st, engine.NewFakeClock())
	sh.showSetup(sh.scenarios[0])
	s := currentAs[*setupScreen](t, sh)

	if got := []string{s.teamEntries[0].Text, s.teamEntries[1].Text}; got[0] != "Alpha" || got[1] != "Bravo" {
		t.Fatalf("default teams = %q, want Alpha and Bravo", got)
	}

	nothingStarted := func() {
		t.Helper()
		if sh.current != s {
			t.Fatalf("the screen changed to %T", sh.current)
		}
		if list, err := st.Unfinished(); err != nil || len(list) != 0 {
			t.Fatalf("exercises in the store: %v, %v", list, err)
		}
		if _, err := st.Latest(); !errors.Is(err, exercise.ErrNotFound) {
			t.Fatalf("an exercise was created: %v", err)
		}
	}

	// A duplicate, differing only in case, as the engine sees it.
	s.teamEntries[1].SetText("alpha")
	test.Tap(s.startButton)
	nothingStarted()
	if got := s.teamErrors[1].Text; got != "Same name as team 1." {
		t.Errorf("message beside the duplicate = %q", got)
	}
	if got := s.teamErrors[0].Text; got != "" {
		t.Errorf("message beside the first team = %q, want none", got)
	}

	// Fixing the name takes its message away at once, before another try.
	s.teamEntries[1].SetText("Bravo")
	if got := s.teamErrors[1].Text; got != "" {
		t.Errorf("message beside the fixed name = %q, want none", got)
	}

	// An empty (blank) name.
	s.teamEntries[0].SetText("   ")
	if got := s.teamErrors[0].Text; got != "Enter a team name." {
		t.Errorf("message beside a name just emptied = %q", got)
	}
	test.Tap(s.startButton)
	nothingStarted()
	if got := s.teamErrors[0].Text; got != "Enter a team name." {
		t.Errorf("message beside the empty name = %q", got)
	}
	if got := s.teamErrors[1].Text; got != "" {
		t.Errorf("message beside the valid name = %q, want none", got)
	}

	// Fixed: the exercise starts with the typed names, spaces trimmed.
	s.teamEntries[0].SetText(" Red ")
	test.Tap(s.startButton)
	ex := currentAs[*exerciseScreen](t, sh)
	list, err := st.Unfinished()
	if err != nil || len(list) != 1 {
		t.Fatalf("unfinished = %v, %v; want the new exercise", list, err)
	}
	if got := strings.Join(list[0].Teams, ","); got != "Red,Bravo" {
		t.Errorf("teams stored = %s", got)
	}
	if len(ex.teams) != 2 || ex.tabs == nil || len(ex.tabs.Items) != 3 {
		t.Errorf("exercise screen: %d team views, want console + 2 tabs", len(ex.teams))
	}
}

func TestSetupAddAndRemoveTeams(t *testing.T) {
	sh := testShell(t, uitest.OpenStore(t), engine.NewFakeClock())
	sh.showSetup(sh.scenarios[0])
	s := currentAs[*setupScreen](t, sh)
	test.Tap(s.addButton)
	if len(s.teamEntries) != 3 || s.teamEntries[2].Text != "Charlie" {
		t.Fatalf("after add: %d teams, third %q", len(s.teamEntries), s.teamEntries[2].Text)
	}
	test.Tap(s.removeButtons[0])
	if len(s.teamEntries) != 2 || s.teamEntries[0].Text != "Bravo" {
		t.Fatalf("after removing the first: %d teams, first %q", len(s.teamEntries), s.teamEntries[0].Text)
	}
	test.Tap(s.removeButtons[0])
	if len(s.teamEntries) != 1 || !s.removeButtons[0].Disabled() {
		t.Fatal("the last team can be removed")
	}
	for len(s.teamEntries) < engine.MaxTeams {
		test.Tap(s.addButton)
	}
	if !s.addButton.Disabled() {
		t.Errorf("add stays enabled at %d teams", engine.MaxTeams)
	}
}

func TestCheckTeamNamesFollowsTheEngine(t *testing.T) {
	long := strings.Repeat("x", engine.MaxTeamNameLen+1)
	for _, tc := range []struct {
		names []string
		want  []string // problem key per name
	}{
		{[]string{"Alpha", "Bravo"}, []string{"", ""}},
		{[]string{"Alpha", "ALPHA"}, []string{"", "setup.error.name_duplicate"}},
		{[]string{"", "Bravo"}, []string{"setup.error.name_empty", ""}},
		{[]string{" Alpha", "Bravo"}, []string{"setup.error.name_spaces", ""}},
		{[]string{long}, []string{"setup.error.name_long"}},
		{[]string{"Al\x07pha", "Bravo"}, []string{"setup.error.name_control", ""}},
		{[]string{"Alpha", "\xff\xfe"}, []string{"", "setup.error.name_control"}},
		{[]string{"红队", "蓝队", "红队"}, []string{"", "", "setup.error.name_duplicate"}},
	} {
		got := checkTeamNames(tc.names)
		engineOK := engine.ValidateTeams(tc.names) == nil
		for i := range tc.want {
			if got[i].key != tc.want[i] {
				t.Errorf("%q: name %d: %q, want %q", tc.names, i, got[i].key, tc.want[i])
			}
		}
		if engineOK == hasProblem(got) {
			t.Errorf("%q: engine says ok=%v, setup says problems=%v", tc.names, engineOK, hasProblem(got))
		}
	}
}

// New teams are named in the exercise's language, and names nobody has
// changed follow a change of that language; a name someone typed stays.
func TestDefaultTeamNamesFollowTheLanguage(t *testing.T) {
	sh := testShell(t, uitest.OpenStore(t), engine.NewFakeClock())
	sh.setLang(i18n.ZH)
	sh.showSetup(sh.scenarios[0])
	s := currentAs[*setupScreen](t, sh)
	if got := strings.Join(s.teams, " "); got != "第一组 第二组" {
		t.Fatalf("teams of a new exercise in Chinese: %s", got)
	}
	test.Tap(s.addButton)
	s = currentAs[*setupScreen](t, sh)
	if got := strings.Join(s.teams, " "); got != "第一组 第二组 第三组" {
		t.Fatalf("after adding a team: %s", got)
	}
	s.langRadio.SetSelected(i18n.EN.Name())
	s = currentAs[*setupScreen](t, sh)
	if got := strings.Join(s.teams, " "); got != "Alpha Bravo Charlie" || s.teamEntries[2].Text != "Charlie" {
		t.Fatalf("untouched names after choosing English: %s (entry %q)", got, s.teamEntries[2].Text)
	}
	s.teamEntries[0].SetText("Press office")
	s.langRadio.SetSelected(i18n.ZH.Name())
	s = currentAs[*setupScreen](t, sh)
	if got := strings.Join(s.teams, "|"); got != "Press office|Bravo|Charlie" {
		t.Errorf("names after one was typed and the language changed: %s", got)
	}
}

// The language chosen is remembered on this computer for the next start.
func TestTheLanguageChosenIsRemembered(t *testing.T) {
	sh := testShell(t, uitest.OpenStore(t), engine.NewFakeClock())
	prefs := fyne.CurrentApp().Preferences()
	t.Setenv("LC_ALL", "en_US.UTF-8")
	if got := savedLang(prefs); got != i18n.EN {
		t.Fatalf("nothing chosen yet, English system: %s", got)
	}
	test.Tap(sh.langButtons[i18n.ZH])
	if got := savedLang(prefs); got != i18n.ZH {
		t.Errorf("after choosing 中文 the next start opens in %s", got)
	}
	test.Tap(sh.langButtons[i18n.EN])
	if got := savedLang(prefs); got != i18n.EN {
		t.Errorf("after choosing English the next start opens in %s", got)
	}
}
