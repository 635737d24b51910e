package review

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// paperDialog opens the paper guide form from team's button on the
// Objectives tab (world.yaml: one objective, Alpha's button first).
func paperDialog(t *testing.T, h *host, d *Debrief, team string) *paperForm {
	t.Helper()
	d.selectTab(tabObjectives)
	n := 0
	for _, b := range tree.Find[*ui.KeyButton](t, tabContent(d, tabObjectives)) {
		if b.Text == h.loc.T("eegpaper.enter") {
			if (team == "Alpha" && n == 0) || (team == "Bravo" && n == 1) {
				test.Tap(b)
				return d.lastPaper
			}
			n++
		}
	}
	t.Fatalf("no %q button for %s", h.loc.T("eegpaper.enter"), team)
	return nil
}

func (f *paperForm) task(t *testing.T, id string) paperTask {
	t.Helper()
	for _, pt := range f.tasks {
		if pt.id == id {
			return pt
		}
	}
	t.Fatalf("the form has no task %s", id)
	return paperTask{}
}

// An evaluator's paper guide entered on the Objectives tab: refused, in
// the user's language, without a name, with a time that is not hh:mm or
// after the exercise ended; stored in the log once right; the rebuilt
// debrief (and one reopened from the store) shows the task seen done with
// the evaluator's time and note, and their rating, in both languages.
func TestPaperGuideEnteredOnTheObjectivesTab(t *testing.T) {
	h, d, st, id := worldDebrief(t)
	loc := h.loc
	f := paperDialog(t, h, d, "Alpha")
	test.Tap(f.ok)
	if want := loc.T("judge.refused", "reason", "the evaluator's name is missing"); f.failure.Text != want {
		t.Errorf("no name: %q, want %q", f.failure.Text, want)
	}
	test.Type(f.evaluator, "Lee")
	voice := f.task(t, "one-voice")
	voice.done.SetChecked(true)
	test.Type(voice.at, "8h")
	test.Tap(f.ok)
	if want := loc.T("eegpaper.bad_time", "time", "8h", "task", "Name one spokesperson"); f.failure.Text != want {
		t.Errorf("a bad time: %q, want %q", f.failure.Text, want)
	}
	voice.at.SetText("09:00") // the exercise ended at 00:34:00
	test.Tap(f.ok)
	if want := loc.T("judge.refused", "reason", "a task's time is after the exercise ended"); f.failure.Text != want {
		t.Errorf("a time after the end: %q, want %q", f.failure.Text, want)
	}
	voice.at.SetText("00:08")
	test.Type(voice.note, "Dana spoke for the team")
	f.rating.SetSelectedIndex(2) // S
	test.Type(f.note, "Clear roles")
	test.Tap(f.ok)
	if f.failure.Text != "" {
		t.Fatalf("refused: %s", f.failure.Text)
	}
	state, err := st.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	evs := state.Team("Alpha").Evaluations["notify"]
	if len(evs) != 1 || evs[0].Evaluator != "Lee" || evs[0].Rating != "S" || evs[0].Note != "Clear roles" || len(evs[0].Tasks) != 1 ||
		*evs[0].Tasks[0].AtMS != 8*60*1000 || !evs[0].Tasks[0].Done {
		t.Fatalf("stored: %+v", evs)
	}
	check := func(d *Debrief, lang string, want ...string) {
		t.Helper()
		d.selectTab(tabObjectives)
		obj := debriefTexts(t, tabContent(d, tabObjectives))
		for _, w := range want {
			if !hasText(obj, w) {
				t.Errorf("%s: the objectives tab lacks %q:\n%s", lang, w, strings.Join(obj, "\n"))
			}
		}
		if hasText(obj, "Alpha: for an evaluator") {
			t.Errorf("%s: Alpha's task still shows as left to an evaluator", lang)
		}
	}
	en := []string{"Alpha: seen done by Lee at 00:08:00 · Lee noted: Dana spoke for the team",
		"Paper guide: Lee: S — performed with some challenges: Clear roles", "Bravo: for an evaluator"}
	check(shown[*Debrief](t, h), "en", en...)
	// Reopened from the store.
	d2 := h.openDebrief(id)
	check(d2, "en", en...)
	h.setLang(i18n.ZH)
	check(shown[*Debrief](t, h), "zh", "Alpha：Lee 看到于 00:08:00 完成 · Lee记录：Dana spoke for the team",
		"纸质评估表：Lee："+debrief.T("zh", "rating.S")+"：Clear roles")
	// A refusal in Chinese.
	f = paperDialog(t, h, shown[*Debrief](t, h), "Bravo")
	test.Tap(f.ok)
	if want := h.loc.T("judge.refused", "reason", "缺少评估员姓名"); f.failure.Text != want || !strings.Contains(want, "缺少") {
		t.Errorf("zh: no name: %q, want %q", f.failure.Text, want)
	}
}

func TestPrintGuidesWritesAPDF(t *testing.T) {
	synctest.Test(t, testPrintGuidesWritesAPDF) // the export starts the progress dialog's timer
}

// "Print evaluation guides…" on the Objectives tab writes the exercise's
// guides as a PDF through the (here bypassed) save dialog: one A4 form per
// objective and team, in the UI language; a failing write is said.
func testPrintGuidesWritesAPDF(t *testing.T) {
	h, d, _, _ := worldDebrief(t)
	dir := t.TempDir()
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		h.setLang(lang)
		d = shown[*Debrief](t, h)
		var path string
		d.saveFile = func(name string, done func(w io.WriteCloser, where string)) {
			path = filepath.Join(dir, name)
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			done(f, path)
		}
		d.selectTab(tabObjectives)
		test.Tap(tree.FindButton(t, tabContent(d, tabObjectives), h.loc.T("eegpaper.print")))
		if got, want := message(t, h), h.loc.T("debrief.exported", "path", path); got != want {
			t.Fatalf("%s: says %q, want %q", lang, got, want)
		}
		if want := filepath.Join(dir, "eeg-world-"+lang.String()+".pdf"); path != want {
			t.Errorf("file %s, want %s", path, want)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		pages := bytes.Count(data, []byte("/Type /Page")) - bytes.Count(data, []byte("/Type /Pages"))
		if !bytes.HasPrefix(data, []byte("%PDF-")) || pages != 2 {
			t.Errorf("%s: %d pages, want one per team for world's one objective", lang, pages)
		}
	}
	d.saveFile = func(name string, done func(w io.WriteCloser, where string)) { done(failWriter{}, "/nowhere/"+name) }
	test.Tap(tree.FindButton(t, tabContent(d, tabObjectives), h.loc.T("eegpaper.print")))
	if got, want := message(t, h), h.loc.T("debrief.export_failed", "error", h.loc.T("error.os.permission")); got != want {
		t.Errorf("a failed write says %q, want %q", got, want)
	}
}
