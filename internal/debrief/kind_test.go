package debrief

import (
	"testing"
	"unicode"

	"github.com/firebreak-drills/firebreak/internal/library"
)

// Every built-in scenario's crisis kind has a name of its own in both report
// languages: the overview never shows a raw id such as "scandal", and the
// Chinese report names it in Chinese.
func TestEveryBuiltinKindIsNamed(t *testing.T) {
	list, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		kind := e.Scenario.Kind
		if kind == "" {
			t.Errorf("%s declares no kind", e.ID)
			continue
		}
		for _, lang := range []string{"en", "zh"} {
			if _, ok := labels[lang]["kind."+kind]; !ok {
				t.Errorf("%s: kind %q has no %s name in the report", e.ID, kind, lang)
			}
		}
		if zh := KindName(kind, "zh"); !containsHan(zh) {
			t.Errorf("%s: kind %q is named %q in the Chinese report", e.ID, kind, zh)
		}
	}
	if got := KindName("scandal", "zh"); got != "高管丑闻" {
		t.Errorf("scandal in Chinese: %q", got)
	}
}

func containsHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
