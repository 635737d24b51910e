package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/play"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
)

func TestWindowFitsTheScreen(t *testing.T) {
	for _, c := range []struct {
		name         string
		workW, workH int
		scale        float32
		want         fyne.Size
	}{
		{"a 1920×1080 screen has room", 1920, 1040, 1, fyne.NewSize(1280, 800)},
		{"a 1366×768 laptop with a task bar", 1366, 728, 1, fyne.NewSize(1280, 680)},
		{"a 1024×600 netbook", 1024, 600, 1, fyne.NewSize(1008, 552)},
		{"a 2732×1536 screen at scale 2", 2732, 1536, 2, fyne.NewSize(1280, 744)},
		{"no work area known", 0, 0, 1, fyne.NewSize(1280, 800)},
	} {
		if got := fitWindow(preferredWindow, c.workW, c.workH, c.scale); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// Every built-in scenario on the home screen fits the window of a 1024×600
// netbook in both languages: no title or button row widens it.
func TestHomeFitsANetbook(t *testing.T) {
	entries, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	sh := shellWith(t, uitest.OpenStore(t), engine.NewFakeClock(), "", entries...)
	limit := fitWindow(preferredWindow, 1024, 600, 1)
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		sh.setLang(lang)
		if min := sh.win.Content().MinSize(); min.Width > limit.Width || min.Height > limit.Height {
			t.Errorf("%s: the home screen needs %v, a 1024×600 screen gives %v", lang, min, limit)
		}
	}
}

// Setup, the console and every team's view of each built-in scenario fit
// the window of a 1024×600 netbook in both languages.
func TestExerciseScreensFitANetbook(t *testing.T) {
	entries, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	limit := fitWindow(preferredWindow, 1024, 600, 1)
	for _, e := range entries {
		st := uitest.OpenStore(t)
		clock := engine.NewFakeClock()
		sh := shellWith(t, st, clock, "", e)
		// The exercise clock ticks as in the app (the test does not hold
		// the exercise setup starts); its redraws come to the test's
		// goroutine.
		sh.deps.tickEvery = 20 * time.Millisecond
		uiq := uitest.QueueUI(t)
		for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
			sh.setLang(lang)
			sh.showSetup(e)
			if min := sh.win.Content().MinSize(); min.Width > limit.Width || min.Height > limit.Height {
				t.Errorf("%s, %s: setup needs %v, a 1024×600 screen gives %v", e.ID, lang, min, limit)
			}
		}
		test.Tap(shownSetup(t, sh).startButton)
		uiq.Pump() // the start finishes on the UI goroutine
		currentAs[*play.Screen](t, sh)
		test.Tap(tree.FindButton(t, sh.body, sh.loc.T("console.start_clock")))
		clock.Add(20 * time.Minute) // decisions open, injects arrive
		uiq.Eventually(t, "the clock ticks to 20 minutes", func() bool { return tree.HasLine(shownText(sh.body), "00:20:00") })
		for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
			sh.setLang(lang)
			tabs := exerciseTabs(t, sh.body)
			for i := range tabs.Items {
				tabs.SelectIndex(i)
				if min := sh.win.Content().MinSize(); min.Width > limit.Width || min.Height > limit.Height {
					t.Errorf("%s, %s, tab %d: the exercise needs %v, a 1024×600 screen gives %v", e.ID, lang, i, min, limit)
				}
			}
		}
		sh.close() // stops the ticker before the next scenario's
	}
}

// The window's size is remembered for the next start, within reason.
func TestWindowSizeIsRemembered(t *testing.T) {
	p := test.NewTempApp(t).Preferences()
	if got := savedWindow(p); got != preferredWindow {
		t.Fatalf("nothing saved yet: %v, want the preferred %v", got, preferredWindow)
	}
	saveWindow(p, fyne.NewSize(1100, 700))
	if got := savedWindow(p); got != fyne.NewSize(1100, 700) {
		t.Errorf("after closing at 1100×700 the next start opens at %v", got)
	}
	saveWindow(p, fyne.NewSize(200, 100)) // dragged tiny by accident
	if got := savedWindow(p); got != fyne.NewSize(1100, 700) {
		t.Errorf("a tiny window was remembered: %v", got)
	}
	// A remembered size still fits a smaller screen.
	if got := fitWindow(savedWindow(p), 1024, 600, 1); got.Width > 1008 || got.Height > 552 {
		t.Errorf("the remembered size on a 1024×600 screen: %v", got)
	}
}
