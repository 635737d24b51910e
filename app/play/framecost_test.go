package play

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// The console of a running exercise is repainted whole every second (its
// clock), shaded on the CPU where there is no GPU: a frame of it draws no
// large rounded Rectangle (Fyne's costliest shader per pixel, about three
// times a texture's under llvmpipe: the buttons' and the meters' bars are
// RoundedFills) and no more objects than it did before they were
// (docs/architecture.md, "Start-up, memory and idle CPU"). The exercise is
// internal/bench/midexercise's: beverage-recall, four teams, at 10:00.
func TestTheConsoleFrameIsCheapToShade(t *testing.T) {
	e, err := library.Find("beverage-recall")
	if err != nil {
		t.Fatal(err)
	}
	clock := engine.NewFakeClock()
	h := newHost(t)
	ex := showRun(h, Config{}, uitest.StartEntry(t, uitest.OpenStore(t), clock, e, 1, "Alpha", "Bravo", "Charlie", "Delta"))
	if err := ex.run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	for range 600 {
		advance(t, ex, clock, time.Second)
	}
	// The app's 1280×720 window less its header (the test's host has none).
	size := fyne.NewSize(1280, 630)
	h.win.Resize(size)
	f := tree.Frame(t, h.win.Content(), size)
	t.Log(f)
	// Before: 30 rounded Rectangles, 95,000 pixels (the buttons, the meters'
	// bars); what is left is Fyne's own (the speed choice, scroll bars).
	if got := f.ByKind["rounded rectangle"].Pixels; got > 20000 {
		t.Errorf("the console shades %d pixels of rounded Rectangles, want at most 20,000", got)
	}
	// Before: 157 draws; a fill is one raster where the rectangle was one
	// draw (a panel three).
	if f.Draws > 165 {
		t.Errorf("the console draws %d objects, want at most 165", f.Draws)
	}
}
