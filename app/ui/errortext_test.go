package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// Every refusal of the database is said in the UI's language, names the
// file, and shows none of the store's English.
func TestStoreRefusalsAreSaidInTheUILanguage(t *testing.T) {
	errs := uitest.StoreRefusals(t)
	want := map[i18n.Lang]map[string]string{
		i18n.EN: {"not_database": "is not an exercise database", "not_firebreak": "another program's database", "locked": "in use by another Firebreak"},
		i18n.ZH: {"not_database": "不是演练数据库", "not_firebreak": "是其他程序的数据库", "locked": "正被另一个 Firebreak"},
	}
	for lang, texts := range want {
		loc := i18n.New(lang)
		for name, err := range errs {
			var oe *exercise.OpenError
			if !errors.As(err, &oe) {
				t.Fatalf("%s: %T is not an exercise.OpenError", name, err)
			}
			got := ErrorText(loc, err)
			if !strings.Contains(got, texts[name]) || !strings.Contains(got, oe.Path) {
				t.Errorf("%s in %s: %q, want it to say %q and name %s", name, lang, got, texts[name], oe.Path)
			}
			if strings.Contains(got, "store:") || strings.Contains(got, err.(*exercise.OpenError).Err.Error()) {
				t.Errorf("%s in %s shows the store's own words: %q", name, lang, got)
			}
		}
	}
}

func TestLimitErrorsAreSaidInTheUILanguage(t *testing.T) {
	instant := &engine.LimitError{Err: engine.ErrInstantLimit, Scenario: "flood", Limit: 50000, At: 61 * time.Second}
	whole := &engine.LimitError{Err: engine.ErrExerciseLimit, Scenario: "flood", Limit: 500000, At: 2 * time.Hour}
	for _, c := range []struct {
		lang i18n.Lang
		err  error
		want []string
	}{
		{i18n.EN, instant, []string{"more than 50,000 things happen at one moment (00:01:01)", "End the exercise"}},
		{i18n.ZH, instant, []string{"同一时刻（00:01:01）产生了超过 50,000 个事件", "请结束演练"}},
		{i18n.EN, whole, []string{"more than 500,000 things happen in this exercise, so it stopped at 02:00:00"}},
		{i18n.ZH, whole, []string{"超过 500,000 个事件，演练已于 02:00:00 停止"}},
	} {
		got := ErrorText(i18n.New(c.lang), c.err)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s %v: %q, want it to say %q", c.lang, c.err, got, w)
			}
		}
	}
	if got := GroupDigits(1234567); got != "1,234,567" {
		t.Errorf("groupDigits(1234567) = %s", got)
	}
}
