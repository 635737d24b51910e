package review

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/firebreak-drills/firebreak/internal/cli"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// The debrief of every built-in scenario, played through by its test
// script, fits a 1024×600 screen (1008 pixels across inside the window's
// frame) on every tab in both languages. A heading of the replay that
// did not wrap ("Closed decisions (5): 0 decided, 5 without a choice",
// three team columns side by side) once made it 1118 pixels wide.
func TestEveryBuiltinDebriefFitsANetbook(t *testing.T) {
	entries, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 {
		t.Fatal("no built-in scenario")
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "testdata", e.ID+".play.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		script, err := cli.ParseScript(e.ID+".play.yaml", data, e.Scenario)
		if err != nil {
			t.Fatal(err)
		}
		db := filepath.Join(t.TempDir(), "firebreak.db")
		res, _, err := cli.Play(cli.PlayOptions{Scenario: e, Script: script, ScriptID: e.ID, DB: db, Lang: "en", Warn: os.Stderr})
		if err != nil {
			t.Fatalf("%s: %v", e.ID, err)
		}
		st, err := exercise.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		h := newHost(t, st)
		h.win.Resize(fyne.NewSize(1008, 552))
		d := h.openDebrief(res.Exercise)
		for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
			h.setLang(lang)
			// Tabs are as wide as their widest content, whichever is
			// shown (Fyne's AppTabs): one measure covers every tab, and
			// the tabs too wide are named when it fails. (Selecting each
			// tab in turn would refresh them all each time.)
			w := h.win.Content().MinSize().Width
			if w <= 1008 {
				continue
			}
			chrome := w
			for _, it := range d.tabs.Items {
				chrome = min(chrome, w-it.Content.MinSize().Width)
			}
			for _, it := range d.tabs.Items {
				if tw := it.Content.MinSize().Width + chrome; tw > 1008 {
					t.Errorf("%s, %s, tab %q: the debrief needs %.0f pixels across; a 1024×600 screen has 1008", e.ID, lang, it.Text, tw)
				}
			}
		}
		d.Stop()
		st.Close()
	}
}
