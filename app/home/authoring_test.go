package home

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

func TestAuthoringFollowsTheFile(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		t.Run(string(lang), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) { testAuthoringFollowsTheFile(t, lang) })
		})
	}
}

// The authoring view of a user file: it reads the file on the watcher's
// goroutine and shows its findings and branch map; a save that renames an
// option redraws the map; a save that breaks the file shows its error with
// line and column (the map keeps the last version that loaded); fixing it
// clears the error; leaving the view stops the watcher (the bubble ends
// only when its goroutine has).
func testAuthoringFollowsTheFile(t *testing.T, lang i18n.Lang) {
	_, _, good := uitest.UserFolder(t)
	hs := newHost(t, lang, Lists{Loaded: true})
	q := uitest.QueueUI(t)
	loc := hs.loc
	a := NewAuthoring(hs, good, hs.ShowHome)
	hs.Show(a)
	if !strings.Contains(tree.AllText(hs.win.Content()), loc.T("wizard.checking")) {
		t.Errorf("no reading line before the first read:\n%s", tree.AllText(hs.win.Content()))
	}
	q.Settle(0)
	text := func() string { return tree.AllText(hs.win.Content()) }
	findings := func() string { return tree.AllText(a.tabs.Items[0].Content) }
	drawnMap := func() string { return tree.DrawnText(a.tabs.Items[1].Content) }
	lastChecked := loc.T("wizard.last_checked", "time", time.Now().Format("15:04:05"), "errors", 0, "warnings", len(a.u.Problems))
	if !strings.Contains(text(), lastChecked) {
		t.Errorf("want %q in:\n%s", lastChecked, text())
	}
	if !a.u.OK() || a.panel != nil {
		t.Fatalf("the good file shows as broken:\n%s", text())
	}
	apologise := map[i18n.Lang]string{i18n.EN: "Apologise", i18n.ZH: "道歉"}[lang]
	if !tree.HasLine(drawnMap(), apologise) {
		t.Errorf("the map has no option %q:\n%s", apologise, drawnMap())
	}
	// The map in its tab has no back button of its own (the view has one).
	if button(t, a.tabs.Items[1].Content, loc.T("common.back")) != nil {
		t.Error("the map in the tab has a back button")
	}
	// A poll that finds nothing new moves the last-checked time only.
	q.Settle(3 * time.Second)
	if want := time.Now().Format("15:04:05"); !strings.Contains(text(), want) {
		t.Errorf("last checked not %s:\n%s", want, text())
	}

	src, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(good, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// Renaming an option: the map follows once the file has settled.
	renamed := strings.Replace(string(src), "text: {en: Apologise, zh: 道歉}", "text: {en: Say sorry at once, zh: 立即致歉}", 1)
	write(renamed)
	a.tabs.SelectIndex(1)
	q.Settle(2 * time.Second)
	newName := map[i18n.Lang]string{i18n.EN: "Say sorry at once", i18n.ZH: "立即致歉"}[lang]
	if !tree.HasLine(drawnMap(), newName) || tree.HasLine(drawnMap(), apologise) {
		t.Errorf("the map did not follow the file:\n%s", drawnMap())
	}
	if a.tabs.SelectedIndex() != 1 {
		t.Error("redrawing went back to the first tab")
	}

	// Breaking it: a dangling next. The error panel names the line.
	broken := strings.Replace(renamed, "next: calm", "next: nowhere", 1)
	// Lint places it at the option (its "- id: good").
	line := 1 + strings.Count(broken[:strings.Index(broken, "- id: good")], "\n")
	write(broken)
	q.Settle(2 * time.Second)
	if a.u.OK() {
		t.Fatal("the broken file loads")
	}
	errLine := a.u.Findings(loc)[0]
	if !strings.Contains(errLine, ":"+itoa(line)+":") {
		t.Errorf("the error %q is not at line %d", errLine, line)
	}
	// The panel names the file by its name (the path is above it).
	panelLine := strings.Replace(errLine, good, filepath.Base(good), 1)
	if panelLine == errLine || !strings.HasPrefix(panelLine, "my-drill.yaml:") {
		t.Errorf("the error line %q does not start with the file's path %s", errLine, good)
	}
	if a.panel == nil {
		t.Fatal("no error panel")
	}
	for _, want := range []string{loc.T("wizard.broken"), panelLine, loc.T("wizard.broken_map")} {
		if !strings.Contains(tree.AllText(a.panel), want) {
			t.Errorf("want %q in:\n%s", want, tree.AllText(a.panel))
		}
	}
	if !tree.Holds(t, hs.win.Content(), a.panel) {
		t.Error("the error panel is not drawn")
	}
	if lang == i18n.ZH && !strings.Contains(errLine, "：错误：") {
		t.Errorf("the error is not in Chinese: %q", errLine)
	}
	if !strings.Contains(findings(), errLine) {
		t.Errorf("the findings do not list %q:\n%s", errLine, findings())
	}
	if !tree.HasLine(drawnMap(), newName) {
		t.Errorf("the map lost the last version that loaded:\n%s", drawnMap())
	}

	// Fixing it clears the panel.
	write(renamed)
	q.Settle(2 * time.Second)
	if !a.u.OK() || a.panel != nil {
		t.Errorf("still broken after the fix:\n%s", text())
	}

	// Leaving stops the watcher: a later save changes nothing.
	hs.ShowHome()
	write(broken)
	q.Settle(5 * time.Second)
	if !a.u.OK() {
		t.Error("the view read the file after it was left")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
