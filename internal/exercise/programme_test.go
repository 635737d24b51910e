package exercise

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

func TestCleanOrganisation(t *testing.T) {
	for _, c := range []struct {
		in, want string
		err      error
	}{
		{"  North   Water ", "North Water", nil},
		{"北区　水务", "北区 水务", nil}, // an ideographic space is a space
		{"", "", nil},
		{"   ", "", nil},
		{"a\nb", "", ErrOrganisationControl},
		{"a\u0007b", "", ErrOrganisationControl},
		{strings.Repeat("水", MaxOrganisation), strings.Repeat("水", MaxOrganisation), nil},
		{strings.Repeat("水", MaxOrganisation+1), "", ErrOrganisationTooLong},
	} {
		got, err := CleanOrganisation(c.in)
		if got != c.want || !errors.Is(err, c.err) {
			t.Errorf("CleanOrganisation(%q) = %q, %v; want %q, %v", c.in, got, err, c.want, c.err)
		}
	}
}

// FuzzCleanOrganisation: whatever is typed, a name accepted is trimmed,
// one line, not too long, and cleaning it again changes nothing.
func FuzzCleanOrganisation(f *testing.F) {
	for _, s := range []string{"North Water", " 北区　水务 ", "a\nb", "\t\t", strings.Repeat("x", 90), "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := CleanOrganisation(s)
		if err != nil {
			if got != "" {
				t.Fatalf("refused but returned %q", got)
			}
			return
		}
		if got != strings.TrimSpace(got) || strings.IndexFunc(got, unicode.IsControl) >= 0 || utf8.RuneCountInString(got) > MaxOrganisation {
			t.Fatalf("CleanOrganisation(%q) = %q", s, got)
		}
		if again, err := CleanOrganisation(got); err != nil || again != got {
			t.Fatalf("not idempotent: %q → %q → %q, %v", s, got, again, err)
		}
	})
}

// Organisations, next drills (read as a due date is) and reminders through
// the adapter, and the programme of two exercises built from the store:
// the first one's open action, due before today, is overdue and carried
// into the second.
func TestProgrammeThroughTheStore(t *testing.T) {
	db := openStore(t, filepath.Join(t.TempDir(), "p.db"))
	var ids []string
	for range 2 {
		run, err := Start(db, miniConfig(t, "Alpha"), scenario.Text{"en": "Mini"}, "gui", engine.NewFakeClock(), EachEvent)
		if err != nil {
			t.Fatal(err)
		}
		if err := run.Session.Send(engine.Command{Kind: engine.CmdEnd}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, run.ID)
		if len(ids) == 1 {
			if err := db.SavePlan(run.ID, debrief.Plan{Actions: []debrief.PlanRow{{Team: "Alpha", What: "Slow", Action: "Drill", Owner: "Comms", Due: "2026-12-01"}}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, id := range ids {
		if err := db.SetOrganisation(id, " North  Water "); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SetOrganisation(ids[0], "a\nb"); !errors.Is(err, ErrOrganisationControl) {
		t.Errorf("a name on two lines: %v", err)
	}
	if names, err := db.OrganisationNames(); err != nil || len(names) != 1 || names[0] != "North Water" {
		t.Fatalf("names = %q, %v", names, err)
	}
	if err := db.SetNextDrill("North Water", "2026年12月12日"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetNextDrill("North Water", "soon"); !errors.Is(err, debrief.ErrDueDate) {
		t.Errorf("a next drill that is no date: %v", err)
	}
	if err := db.SetNextDrill("", "2026-12-12"); !errors.Is(err, ErrNoOrganisation) {
		t.Errorf("a next drill of no organisation: %v", err)
	}
	for _, c := range []struct {
		today string
		days  []int
	}{
		{"2026-11-27", nil}, // 15 days ahead: not yet
		{"2026-11-28", []int{14}},
		{"2026-12-07", []int{5}},
		{"2026-12-14", []int{-2}},
	} {
		rs, err := db.Reminders(c.today)
		if err != nil {
			t.Fatal(err)
		}
		var days []int
		for _, r := range rs {
			if r.Organisation != "North Water" || r.Date != "2026-12-12" {
				t.Errorf("reminder %+v", r)
			}
			days = append(days, r.Days)
		}
		if len(days) != len(c.days) || (len(days) == 1 && days[0] != c.days[0]) {
			t.Errorf("%s: reminders in %v days, want %v", c.today, days, c.days)
		}
	}
	p, err := db.Programme("North Water", "zh", "2026-12-07")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Exercises) != 2 || p.Exercises[0].ID != ids[0] || p.NextDrill != "2026-12-12" || p.NextDrillDays != 5 {
		t.Fatalf("programme: %+v", p)
	}
	if len(p.Actions) != 1 || p.Actions[0].State != debrief.ActionOverdue || len(p.Actions[0].CarriedTo) != 1 || p.Actions[0].CarriedTo[0] != ids[1] {
		t.Errorf("actions: %+v", p.Actions)
	}
	if p.Title != "演练项目报告" {
		t.Errorf("title %q", p.Title)
	}
	// The second exercise's report lists the first one's open action as
	// carried over.
	carried, err := db.CarriedOver(ids[1], "en")
	if err != nil || len(carried) != 1 || carried[0].What != "Slow" || carried[0].Exercise != ids[0] {
		t.Fatalf("carried over = %+v, %v", carried, err)
	}
	if none, err := db.CarriedOver(ids[0], "en"); err != nil || len(none) != 0 {
		t.Errorf("carried into the first = %+v, %v", none, err)
	}
	// Erasing takes the exercise out of the programme.
	if err := db.Erase(ids[0]); err != nil {
		t.Fatal(err)
	}
	if p, err := db.Programme("North Water", "en", "2026-12-07"); err != nil || len(p.Exercises) != 1 || len(p.Actions) != 0 {
		t.Errorf("after erasing: %+v, %v", p, err)
	}
}
