package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// Resizing the window with the home screen shown (every built-in
// scenario's summary, in Chinese): the cost of a frame while a person drags
// the window's edge.
func BenchmarkHomeResize(b *testing.B) {
	entries, err := library.Builtins()
	if err != nil {
		b.Fatal(err)
	}
	uitest.Window(b)
	w := test.NewTempWindow(b, nil)
	st, err := exercise.Open(b.TempDir() + "/f.db")
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	sh := newShell(w, i18n.ZH, deps{
		openStore:     func() (*exercise.DB, error) { return st, nil },
		loadScenarios: func() ([]library.Entry, error) { return entries, nil },
		clock:         engine.NewFakeClock(),
	})
	sh.load()
	defer sh.close()
	i := 0
	for b.Loop() {
		w.Resize(fyne.NewSize(float32(800+i%400), 600))
		w.Content().Refresh()
		i++
	}
}
