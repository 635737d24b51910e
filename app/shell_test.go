package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// The language chosen is remembered on this computer for the next start.
func TestTheLanguageChosenIsRemembered(t *testing.T) {
	sh := testShell(t, uitest.OpenStore(t), engine.NewFakeClock())
	prefs := fyne.CurrentApp().Preferences()
	t.Setenv("LC_ALL", "en_US.UTF-8")
	if got := savedLang(prefs); got != i18n.EN {
		t.Fatalf("nothing chosen yet, English system: %s", got)
	}
	test.Tap(sh.langButtons[i18n.ZH])
	if got := savedLang(prefs); got != i18n.ZH {
		t.Errorf("after choosing 中文 the next start opens in %s", got)
	}
	test.Tap(sh.langButtons[i18n.EN])
	if got := savedLang(prefs); got != i18n.EN {
		t.Errorf("after choosing English the next start opens in %s", got)
	}
}
