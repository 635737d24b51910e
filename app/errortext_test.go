package app

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// storeRefusals makes the store refuse each kind of file for real: a text
// file, another program's SQLite database, and a database another
// Firebreak has open.
func storeRefusals(t *testing.T) map[string]error {
	t.Helper()
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("shopping list: milk, eggs\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(dir, "photos.sqlite")
	db, err := sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE albums (id INTEGER PRIMARY KEY, name TEXT)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	held := filepath.Join(dir, "held.db")
	holder, err := exercise.Open(held)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { holder.Close() })

	errs := map[string]error{}
	for name, path := range map[string]string{"not_database": text, "not_firebreak": foreign, "locked": held} {
		st, err := exercise.Open(path)
		if err == nil {
			st.Close()
			t.Fatalf("exercise.Open(%s) succeeded, want a refusal", path)
		}
		errs[name] = err
	}
	return errs
}

// Every refusal of the database is said in the UI's language, names the
// file, and shows none of the store's English.
func TestStoreRefusalsAreSaidInTheUILanguage(t *testing.T) {
	errs := storeRefusals(t)
	want := map[i18n.Lang]map[string]string{
		i18n.EN: {"not_database": "is not an exercise database", "not_firebreak": "another program's database", "locked": "in use by another Firebreak"},
		i18n.ZH: {"not_database": "不是演练数据库", "not_firebreak": "是其他程序的数据库", "locked": "正被另一个 Firebreak"},
	}
	for lang, texts := range want {
		loc := i18n.New(lang)
		for name, err := range errs {
			var oe *exercise.OpenError
			if !errors.As(err, &oe) {
				t.Fatalf("%s: %T is not an exercise.OpenError", name, err)
			}
			got := errorText(loc, err)
			if !strings.Contains(got, texts[name]) || !strings.Contains(got, oe.Path) {
				t.Errorf("%s in %s: %q, want it to say %q and name %s", name, lang, got, texts[name], oe.Path)
			}
			if strings.Contains(got, "store:") || strings.Contains(got, err.(*exercise.OpenError).Err.Error()) {
				t.Errorf("%s in %s shows the store's own words: %q", name, lang, got)
			}
		}
	}
}

func TestLimitErrorsAreSaidInTheUILanguage(t *testing.T) {
	instant := &engine.LimitError{Err: engine.ErrInstantLimit, Scenario: "flood", Limit: 50000, At: 61 * time.Second}
	whole := &engine.LimitError{Err: engine.ErrExerciseLimit, Scenario: "flood", Limit: 500000, At: 2 * time.Hour}
	for _, c := range []struct {
		lang i18n.Lang
		err  error
		want []string
	}{
		{i18n.EN, instant, []string{"more than 50,000 things happen at one moment (00:01:01)", "End the exercise"}},
		{i18n.ZH, instant, []string{"同一时刻（00:01:01）产生了超过 50,000 个事件", "请结束演练"}},
		{i18n.EN, whole, []string{"more than 500,000 things happen in this exercise, so it stopped at 02:00:00"}},
		{i18n.ZH, whole, []string{"超过 500,000 个事件，演练已于 02:00:00 停止"}},
	} {
		got := errorText(i18n.New(c.lang), c.err)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s %v: %q, want it to say %q", c.lang, c.err, got, w)
			}
		}
	}
	if got := groupDigits(1234567); got != "1,234,567" {
		t.Errorf("groupDigits(1234567) = %s", got)
	}
}

// The home screen of a laptop whose database is in use elsewhere says so in
// Chinese, naming the file.
func TestHomeSaysTheDatabaseIsInUse(t *testing.T) {
	openErr := storeRefusals(t)["locked"]
	sh := newShell(uitest.Window(t), i18n.ZH, deps{
		openStore:     func() (*exercise.DB, error) { return nil, openErr },
		loadScenarios: func() ([]library.Entry, error) { return []library.Entry{miniEntry(t)}, nil },
		clock:         engine.NewFakeClock(),
	})
	sh.load()
	t.Cleanup(sh.close)
	text := allText(sh.win.Content())
	var oe *exercise.OpenError
	errors.As(openErr, &oe)
	if !strings.Contains(text, "无法打开演练数据库：“"+oe.Path+"”正被另一个 Firebreak") {
		t.Errorf("home does not say in Chinese that %s is in use:\n%s", oe.Path, text)
	}
}

// A scenario that makes more happen at one moment than the engine allows
// stops the exercise on the facilitator's laptop: the clock stops, the
// facilitator is told why in words, and ending the exercise still gives the
// debrief, which says why it stopped.
func TestAnExerciseStoppedAtTheLimitCanBeEnded(t *testing.T) {
	sh, ex, clock := miniExercise(t)
	test.Tap(ex.console.pauseButton)

	// At 5:00 the mini scenario delivers the reporter's call and opens a
	// decision for both teams: more than 2 events at one moment.
	t.Cleanup(engine.SetLimitsForTest(2, engine.MaxEventsPerExercise))
	clock.Add(6 * time.Minute)
	ex.tick()
	top := sh.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no message when the exercise stopped at the limit")
	}
	var msg strings.Builder
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*ui.WrapLabel); ok {
			msg.WriteString(l.Text + "\n")
		}
	}
	if !strings.Contains(msg.String(), "more than 2 things happen at one moment (00:05:00)") {
		t.Errorf("the message does not say why the exercise stopped:\n%s", msg.String())
	}
	top.Hide()

	test.Tap(ex.console.endButton)
	ex.console.endConfirm.Confirm()
	currentAs[*debriefScreen](t, sh)
	if text := allText(sh.win.Content()); !strings.Contains(text, "stopped because the scenario made too much happen at once") {
		t.Errorf("the debrief does not say why the exercise stopped:\n%.2000s", text)
	}
}
