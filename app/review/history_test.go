package review

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// historyStatement is a statement only the test's exercises hold, to look
// for in the database file after erasing.
const historyStatement = "Unique-history-statement: we are sorry, 我们深表歉意独有"

// playedMini plays the mini scenario (uitest.PlayedMini), Alpha answering
// its first decision with historyStatement when say is set, and ends it
// when end is set.
func playedMini(t *testing.T, st *exercise.DB, clock *engine.FakeClock, say, end bool) string {
	t.Helper()
	statement := ""
	if say {
		statement = historyStatement
	}
	return uitest.PlayedMini(t, st, clock, statement, end)
}

// onDisk is the database's files as `strings firebreak.db*` reads them.
func onDisk(t *testing.T, st *exercise.DB) []byte {
	t.Helper()
	var all []byte
	for _, suffix := range []string{"", "-wal", "-journal"} {
		b, err := os.ReadFile(st.Path() + suffix)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return all
}

// TestHistoryErasesAnExerciseForGood: the history lists every exercise,
// finished or not; erasing one after its confirmation removes it from the
// list, from the database file and with the host's files, and keeps the
// others. (That the home screen counts them and leads here is the app's
// TestHomeLeadsToTheHistory.)
func TestHistoryErasesAnExerciseForGood(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	finished := playedMini(t, st, clock, true, true)
	running := playedMini(t, st, clock, false, false)
	lanRoot := filepath.Join(t.TempDir(), "firebreak.db.lan")
	for _, id := range []string{finished, running} {
		if err := os.MkdirAll(filepath.Join(lanRoot, id), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(lanRoot, id, "host.json"), []byte(historyStatement), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	w := newHost(t, st)
	w.lanDir = func(id string) string { return filepath.Join(lanRoot, id) }
	store := fyne.CurrentApp().Preferences()
	store.SetString(prefs.PIN(finished), prefs.HashPIN("2468"))
	store.SetString(prefs.PIN(running), prefs.HashPIN("1357"))

	h := w.openHistory()
	if len(h.openButtons) != 2 {
		t.Fatalf("the history lists %d exercises, want 2", len(h.openButtons))
	}
	if got := h.openButtons[finished].Text; got != "Open debrief" {
		t.Errorf("a finished exercise's button says %q", got)
	}
	if got := h.openButtons[running].Text; got != "Resume" {
		t.Errorf("an unfinished exercise's button says %q", got)
	}
	if !bytes.Contains(onDisk(t, st), []byte("Unique-history-statement")) {
		t.Fatal("the statement is not in the database before erasing: the test proves nothing")
	}

	test.Tap(h.eraseButtons[finished])
	if w.win.Canvas().Overlays().Top() == nil {
		t.Fatal("erasing asks no confirmation")
	}
	test.Tap(tree.FindButton(t, tree.Dialog(t, w.win), w.loc.T("common.cancel"))) // cancelled: nothing happens
	if _, err := st.Exercise(finished); err != nil {
		t.Fatalf("a cancelled erase erased: %v", err)
	}
	test.Tap(h.eraseButtons[finished])
	test.Tap(tree.FindButton(t, tree.Dialog(t, w.win), w.loc.T("history.erase_button")))

	h = shown[*History](t, w)
	if _, ok := h.openButtons[finished]; ok || len(h.openButtons) != 1 {
		t.Errorf("after erasing, the history lists %d exercises", len(h.openButtons))
	}
	if !strings.Contains(tree.AllText(w.win.Content()), "Nothing of it remains") {
		t.Errorf("the history does not say the exercise was erased:\n%s", tree.AllText(w.win.Content()))
	}
	if _, err := st.Exercise(finished); !errors.Is(err, exercise.ErrNotFound) {
		t.Errorf("the erased exercise is still in the database: %v", err)
	}
	if bytes.Contains(onDisk(t, st), []byte("Unique-history-statement")) || bytes.Contains(onDisk(t, st), []byte("我们深表歉意独有")) {
		t.Error("the erased statement is still in the database files")
	}
	if _, err := os.Stat(filepath.Join(lanRoot, finished)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the host's files of the erased exercise are still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(lanRoot, running, "host.json")); err != nil {
		t.Errorf("erasing one exercise removed another's host files: %v", err)
	}
	if store.String(prefs.PIN(finished)) != "" || store.String(prefs.PIN(running)) == "" {
		t.Error("erasing an exercise does not remove its console PIN alone")
	}
	if rs, err := st.Events(running); err != nil || len(rs) == 0 {
		t.Errorf("the other exercise lost its log: %d events, %v", len(rs), err)
	}
}

// TestHistoryErasesAll: "erase all" leaves a database with no exercise
// text in it and no host files, and the history says there is none. (That
// the home screen then says so too is the app's TestHomeLeadsToTheHistory.)
func TestHistoryErasesAll(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	playedMini(t, st, clock, true, true)
	playedMini(t, st, clock, true, false)
	lanRoot := filepath.Join(t.TempDir(), "firebreak.db.lan")
	if err := os.MkdirAll(filepath.Join(lanRoot, "old-one"), 0o700); err != nil {
		t.Fatal(err)
	}
	w := newHost(t, st)
	w.lanDir = func(id string) string { return filepath.Join(lanRoot, id) }
	h := w.openHistory()
	title := uitest.MiniEntry(t).Scenario.Title.Get("en")
	if !bytes.Contains(onDisk(t, st), []byte(title)) {
		t.Fatalf("the scenario title %q is not in the database before erasing", title)
	}
	test.Tap(h.eraseAllButton)
	if w.win.Canvas().Overlays().Top() == nil {
		t.Fatal("erasing all asks no confirmation")
	}
	test.Tap(tree.FindButton(t, tree.Dialog(t, w.win), w.loc.T("history.erase_button")))
	if es, err := st.Exercises(); err != nil || len(es) != 0 {
		t.Fatalf("after erasing all: %d exercises, %v", len(es), err)
	}
	disk := onDisk(t, st)
	for _, s := range []string{title, "Unique-history-statement", "Alpha"} {
		if bytes.Contains(disk, []byte(s)) {
			t.Errorf("%q is still in the database files after erasing all", s)
		}
	}
	if _, err := os.Stat(lanRoot); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the host files are still there after erasing all: %v", err)
	}
	h = shown[*History](t, w)
	if !h.eraseAllButton.Disabled() || !strings.Contains(tree.AllText(w.win.Content()), "No exercises on this laptop.") {
		t.Errorf("the emptied history:\n%s", tree.AllText(w.win.Content()))
	}
}

// TestHistoryComparesTwoExercises: ticking two enables compare, a third
// tick replaces the oldest, and the comparison puts every team of both
// side by side, A's first, with their scores and endings.
func TestHistoryComparesTwoExercises(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	first := playedMini(t, st, clock, true, true)
	second := playedMini(t, st, clock, false, true)
	third := playedMini(t, st, clock, false, true)
	w := newHost(t, st)
	h := w.openHistory()
	if !h.compareButton.Disabled() {
		t.Error("compare is enabled with nothing ticked")
	}
	test.Tap(h.checks[first])
	if !h.compareButton.Disabled() {
		t.Error("compare is enabled with one ticked")
	}
	test.Tap(h.checks[third])
	test.Tap(h.checks[second])
	if h.checks[first].Checked || h.compareButton.Disabled() {
		t.Errorf("after a third tick: first ticked %v, compare disabled %v; want the oldest unticked and compare enabled",
			h.checks[first].Checked, h.compareButton.Disabled())
	}
	test.Tap(h.compareButton)
	if len(w.compared) != 1 || w.compared[0] != [2]string{third, second} {
		t.Errorf("compare compares %v, want the two ticked last, oldest tick first", w.compared)
	}
	c := shown[*Compare](t, w)
	if c.err != nil {
		t.Fatal(c.err)
	}
	table := w.win.Content()
	head := compareRow(t, table, "")
	if len(head) != 5 {
		t.Fatalf("the table's heading row is %q, want a column per team of both exercises", head)
	}
	for col, want := range []string{"A · Alpha", "A · Bravo", "B · Alpha", "B · Bravo"} {
		if got := head[col+1]; got != want {
			t.Errorf("column %d is %q, want %q", col+1, got, want)
		}
	}
	// Only the first exercise's Alpha wrote a statement: its overall has a
	// value, and a team that decided nothing shows a dash for its choices.
	decisions := compareRow(t, table, w.loc.T("compare.decisions"))
	if !strings.Contains(decisions[1], "0 taken") || !strings.Contains(decisions[3], "0 taken") {
		t.Errorf("decisions: A·Alpha %q, B·Alpha %q; the third and second exercises took none", decisions[1], decisions[3])
	}
	if compareRow(t, table, w.loc.T("compare.ending"))[1] == "" {
		t.Error("no ending shown")
	}
	if strings.Contains(tree.AllText(w.win.Content()), "Different scenarios") {
		t.Error("two runs of the same scenario are said to differ")
	}
	test.Tap(tree.FindButton(t, w.win.Content(), w.loc.T("compare.back")))
	if h2 := shown[*History](t, w); !h2.checks[third].Checked || !h2.checks[second].Checked {
		t.Error("going back forgot which exercises were ticked")
	}
}

// TestHistoryInChinese: the history and the comparison speak Chinese,
// with the language's own punctuation between facts.
func TestHistoryInChinese(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	a := playedMini(t, st, clock, true, true)
	b := playedMini(t, st, clock, false, false)
	w := newHost(t, st)
	w.setLang(i18n.ZH)
	h := w.openHistory()
	text := tree.AllText(w.win.Content())
	for _, want := range []string{"演练记录", "已结束", "未完成，时钟停在"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Chinese history lacks %q:\n%s", want, text)
		}
	}
	if got := h.openButtons[a].Text + "/" + h.openButtons[b].Text + "/" + h.compareButton.Text; got != "打开复盘/继续演练/对比勾选的两场" {
		t.Errorf("the Chinese history's buttons: %s", got)
	}
	for _, bad := range []string{"Finished", "Unfinished", ", "} {
		if strings.Contains(text, bad) {
			t.Errorf("the Chinese history contains %q:\n%s", bad, text)
		}
	}
	w.ShowCompare(a, b, w.ShowHome)
	text = tree.AllText(w.win.Content())
	for _, want := range []string{"两场演练对比", "逐项对比", "结局", "超时"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Chinese comparison lacks %q:\n%s", want, text)
		}
	}
}

// An exercise's button leads to its debrief when it is finished, back into
// it when it is not.
func TestHistoryOpensOrResumes(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	finished := playedMini(t, st, clock, false, true)
	running := playedMini(t, st, clock, false, false)
	w := newHost(t, st)
	h := w.openHistory()
	test.Tap(h.openButtons[finished])
	if len(w.debriefs) != 1 || w.debriefs[0] != finished {
		t.Errorf("opening the finished exercise opened the debriefs %v", w.debriefs)
	}
	test.Tap(h.openButtons[running])
	if len(w.resumed) != 1 || w.resumed[0] != running {
		t.Errorf("resuming the unfinished exercise resumed %v", w.resumed)
	}
}

// Without a store the history says why, in words.
func TestHistoryWithoutAStore(t *testing.T) {
	w := newHost(t, nil)
	w.openHistory()
	if text := tree.AllText(w.win.Content()); !strings.Contains(text, w.loc.T("home.error.no_store")) {
		t.Errorf("the history without a store:\n%s", text)
	}
}
