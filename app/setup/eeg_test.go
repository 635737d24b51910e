package setup

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
)

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrPermission }
func (failWriter) Close() error              { return nil }

func said(t *testing.T, h *host) string {
	t.Helper()
	var texts []string
	for _, l := range tree.Find[*ui.WrapLabel](t, tree.Dialog(t, h.win)) {
		texts = append(texts, l.Text)
	}
	return strings.Join(texts, "\n")
}

// "Print evaluation guides…" on the setup form writes the chosen
// scenario's guides as an A4 PDF through the (here bypassed) save dialog:
// one form per guided objective and team named on the form, in the
// exercise's language; a failing write is said in the user's language. A
// scenario without guides offers no such button.
func TestSetupPrintsTheEvaluationGuides(t *testing.T) {
	for _, c := range []struct {
		ui, exercise i18n.Lang
	}{{i18n.EN, i18n.EN}, {i18n.ZH, i18n.ZH}} {
		h := newHost(t, c.ui, nil)
		world := uitest.EngineEntry(t, "world.yaml")
		s := New(h, []library.Entry{world, uitest.MiniEntry(t)}, world)
		h.Show(s)
		dir := t.TempDir()
		var path string
		s.saveFile = func(name string, done func(w io.WriteCloser, where string)) {
			path = filepath.Join(dir, name)
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			done(f, path)
		}
		s.teams = []string{"Red", "Blue", "Green"}
		test.Tap(tree.FindButton(t, h.win.Content(), h.loc.T("eegpaper.print")))
		if got, want := said(t, h), h.loc.T("eegpaper.printed", "path", path); got != want {
			t.Fatalf("%s: says %q, want %q", c.ui, got, want)
		}
		if want := filepath.Join(dir, "eeg-world-"+c.exercise.String()+".pdf"); path != want {
			t.Errorf("file %s, want %s", path, want)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		pages := bytes.Count(data, []byte("/Type /Page")) - bytes.Count(data, []byte("/Type /Pages"))
		if !bytes.HasPrefix(data, []byte("%PDF-")) || pages != 3 {
			t.Errorf("%s: %d pages, want one per team for world's one objective", c.ui, pages)
		}
		s.saveFile = func(name string, done func(w io.WriteCloser, where string)) { done(failWriter{}, "/nowhere/"+name) }
		test.Tap(tree.FindButton(t, h.win.Content(), h.loc.T("eegpaper.print")))
		if got, want := said(t, h), h.loc.T("eegpaper.print_failed", "error", ui.ErrorText(h.loc, os.ErrPermission)); got != want || s.printing {
			t.Errorf("%s: a failed write says %q, want %q", c.ui, got, want)
		}
	}
	// The mini scenario has no guide: no button.
	h := newHost(t, i18n.EN, nil)
	h.Show(New(h, []library.Entry{uitest.MiniEntry(t)}, uitest.MiniEntry(t)))
	for _, b := range tree.Find[*ui.KeyButton](t, h.win.Content()) {
		if b.Text == h.loc.T("eegpaper.print") {
			t.Error("a scenario without guides offers to print them")
		}
	}
}
