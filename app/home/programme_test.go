package home

import (
	"testing"

	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// The reminder's words for a drill ahead, tomorrow, today and past, in
// both languages.
func TestReminderText(t *testing.T) {
	for _, c := range []struct {
		days   int
		en, zh string
	}{
		{5, "Next drill (North Water) in 5 days: 2026-12-12", "North Water下次演练还有5天：2026-12-12"},
		{1, "Next drill (North Water) tomorrow: 2026-12-12", "North Water下次演练就在明天：2026-12-12"},
		{0, "Next drill (North Water) today: 2026-12-12", "North Water下次演练就在今天：2026-12-12"},
		{-1, "Next drill (North Water) overdue by 1 day: 2026-12-12", "North Water下次演练已逾期1天：2026-12-12"},
		{-3, "Next drill (North Water) overdue by 3 days: 2026-12-12", "North Water下次演练已逾期3天：2026-12-12"},
	} {
		r := exercise.Reminder{Organisation: "North Water", Date: "2026-12-12", Days: c.days}
		if got := ReminderText(i18n.New(i18n.EN), r); got != c.en {
			t.Errorf("en %d: %q, want %q", c.days, got, c.en)
		}
		if got := ReminderText(i18n.New(i18n.ZH), r); got != c.zh {
			t.Errorf("zh %d: %q, want %q", c.days, got, c.zh)
		}
	}
}

// The home screen shows each reminder the window loaded, first in its
// right column, with a button that opens the programme; the programme's
// own button is there too, and disabled while there is no exercise.
func TestHomeRemindsOfTheNextDrill(t *testing.T) {
	h := newHost(t, i18n.ZH, Lists{Loaded: true, Exercises: 3, Reminders: []exercise.Reminder{
		{Organisation: "北区水务", Date: "2026-12-05", Days: -2},
		{Organisation: "South", Date: "2026-12-12", Days: 5},
	}})
	h.home()
	for _, want := range []string{"北区水务下次演练已逾期2天：2026-12-05", "South下次演练还有5天：2026-12-12", "演练项目"} {
		if !tree.Shown(t, h.win.Content(), want) {
			t.Errorf("%q is not shown:\n%s", want, tree.AllText(h.win.Content()))
		}
	}
	tree.FindButton(t, h.win.Content(), "打开演练项目").OnTapped()
	h.wantCalls(t, "showProgramme")

	h = newHost(t, i18n.EN, Lists{Loaded: true})
	h.home()
	if tree.Shown(t, h.win.Content(), "Next drill") {
		t.Error("a reminder with none loaded")
	}
	if b := tree.FindButton(t, h.win.Content(), "Open the programme"); !b.Disabled() {
		t.Error("the programme opens with no exercise")
	}
}
