package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/home"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// From a built-in's card through the wizard to the authoring view and
// back home: the copy is written into the user folder (made 0700), the
// view reads it on its watcher, and home lists it once the view is left
// (which stops the watcher: the bubble ends only when it has).
func TestNewScenarioFromABuiltin(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "scenarios")
		sh := shellWith(t, nil, engine.NewFakeClock(), dir, uitest.MiniEntry(t))
		q := uitest.QueueUI(t)
		loc := sh.loc
		cards := tree.Around(t, sh.win.Content(), "Mini")
		if len(cards) == 0 {
			t.Fatalf("no card for Mini:\n%s", tree.AllText(sh.win.Content()))
		}
		test.Tap(tree.FindButton(t, cards[0], loc.T("wizard.from_template")))
		currentAs[*home.Wizard](t, sh)
		test.Tap(tree.FindButton(t, sh.win.Content(), loc.T("wizard.create")))
		q.Settle(0)
		currentAs[*home.Authoring](t, sh)
		file := filepath.Join(dir, "copy-of-mini.yaml")
		if !strings.Contains(tree.AllText(sh.win.Content()), file) {
			t.Errorf("the view does not show %s:\n%s", file, tree.AllText(sh.win.Content()))
		}
		if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("user folder: %v %v", fi, err)
		}
		q.Settle(time.Second)
		if want := loc.T("wizard.last_checked", "time", time.Now().Format("15:04:05"), "errors", 0, "warnings", 0); !strings.Contains(tree.AllText(sh.win.Content()), want) {
			t.Errorf("want %q in:\n%s", want, tree.AllText(sh.win.Content()))
		}
		test.Tap(tree.FindButton(t, sh.win.Content(), loc.T("common.back")))
		q.Settle(0)
		currentAs[*home.Screen](t, sh)
		if len(tree.Around(t, sh.win.Content(), "Copy of Mini")) == 0 {
			t.Errorf("home does not list the copy:\n%s", tree.AllText(sh.win.Content()))
		}
	})
}
