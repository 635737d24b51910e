package app

import (
	"testing"

	"fyne.io/fyne/v2"

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
	sh := shellWith(t, openStore(t), engine.NewFakeClock(), "", entries...)
	limit := fitWindow(preferredWindow, 1024, 600, 1)
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		sh.setLang(lang)
		if min := sh.win.Content().MinSize(); min.Width > limit.Width || min.Height > limit.Height {
			t.Errorf("%s: the home screen needs %v, a 1024×600 screen gives %v", lang, min, limit)
		}
	}
}
