package ui

import (
	"testing"
	"unicode"

	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
)

// The home screen and the setup screen name each built-in scenario's crisis
// kind through the localizer: every kind a built-in uses has a translation in
// both languages, so no card shows a raw id.
func TestKindNameCoversEveryBuiltin(t *testing.T) {
	list, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	en, zh := i18n.New(i18n.EN), i18n.New(i18n.ZH)
	for _, e := range list {
		kind := e.Scenario.Kind
		if got := KindName(en, kind); got == kind {
			t.Errorf("%s: kind %q has no English name on screen", e.ID, kind)
		}
		got := KindName(zh, kind)
		han := false
		for _, r := range got {
			han = han || unicode.Is(unicode.Han, r)
		}
		if !han {
			t.Errorf("%s: kind %q is shown as %q in Chinese", e.ID, kind, got)
		}
	}
	if got := KindName(en, "scandal"); got != "Executive scandal" {
		t.Errorf("scandal in English: %q", got)
	}
}
