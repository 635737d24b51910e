package exercise

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// The training programme: each exercise may be filed under an organisation
// (or cohort), each organisation may have a next drill date, and the
// programme report (debrief.Programme) is built from its exercises'
// reports and the saves of their improvement plans. The store keeps the
// names and dates (migration 0005); this file checks them.

// MaxOrganisation is the longest organisation name, in characters.
const MaxOrganisation = 80

// Refusals of an organisation's name.
var (
	// ErrOrganisationTooLong: longer than MaxOrganisation characters.
	ErrOrganisationTooLong = errors.New("organisation name too long")
	// ErrOrganisationControl: the name holds a control character.
	ErrOrganisationControl = errors.New("organisation name holds a control character")
	// ErrNoOrganisation: a next drill for no organisation.
	ErrNoOrganisation = errors.New("no organisation")
)

// CleanOrganisation trims a name as typed and checks it: empty is no
// organisation; longer than MaxOrganisation characters or holding a
// control character (a line break) is refused.
func CleanOrganisation(s string) (string, error) {
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\u3000' || r == '\t' }), " ")
	if utf8.RuneCountInString(s) > MaxOrganisation {
		return "", ErrOrganisationTooLong
	}
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return "", ErrOrganisationControl
	}
	return s, nil
}

// SetOrganisation files the exercise under the organisation org (cleaned
// by CleanOrganisation), or under none when org is empty. When it returns
// nil the change is on disk.
func (db *DB) SetOrganisation(id, org string) error {
	org, err := CleanOrganisation(org)
	if err != nil {
		return fmt.Errorf("organisation of exercise %s: %w", id, err)
	}
	return db.st.SetOrganisation(id, org)
}

// Organisations returns each exercise's organisation, by exercise id
// (exercises filed under none are left out).
func (db *DB) Organisations() (map[string]string, error) { return db.st.Organisations() }

// OrganisationNames lists the organisations that have exercises, sorted.
func (db *DB) OrganisationNames() ([]string, error) {
	orgs, err := db.st.Organisations()
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, o := range orgs {
		if !seen[o] {
			seen[o] = true
			out = append(out, o)
		}
	}
	sort.Strings(out)
	return out, nil
}

// SetNextDrill sets the organisation's next drill date as typed (read by
// debrief.ParseDue: 2026-12-12, 2026/12/12, 2026年12月12日…; an error
// wraps debrief.ErrDueDate), or clears it when date is empty.
func (db *DB) SetNextDrill(org, date string) error {
	if org == "" {
		return ErrNoOrganisation
	}
	date, err := debrief.ParseDue(date)
	if err != nil {
		return fmt.Errorf("next drill of %s: %w", org, err)
	}
	return db.st.SetNextDrill(org, date)
}

// NextDrills returns each organisation's next drill date (YYYY-MM-DD), by
// organisation.
func (db *DB) NextDrills() (map[string]string, error) { return db.st.NextDrills() }

// Reminder is an organisation's next drill that is near or past: Days from
// today (negative: past).
type Reminder struct {
	Organisation string
	Date         string
	Days         int
}

// Reminders lists the next drills due within debrief.DrillSoon days of
// today (YYYY-MM-DD), or past, soonest first: what the home screen reminds
// of.
func (db *DB) Reminders(today string) ([]Reminder, error) {
	drills, err := db.st.NextDrills()
	if err != nil {
		return nil, err
	}
	var out []Reminder
	for org, date := range drills {
		if d, ok := debrief.DaysUntil(date, today); ok && d <= debrief.DrillSoon {
			out = append(out, Reminder{Organisation: org, Date: date, Days: d})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Days != out[j].Days {
			return out[i].Days < out[j].Days
		}
		return out[i].Organisation < out[j].Organisation
	})
	return out, nil
}

// PlanHistory returns every save of the exercise's improvement plan,
// oldest first.
func (db *DB) PlanHistory(id string) ([]debrief.PlanVersion, error) {
	vs, err := db.st.PlanHistory(id)
	if err != nil {
		return nil, err
	}
	out := make([]debrief.PlanVersion, 0, len(vs))
	for _, v := range vs {
		p, err := decodePlan(v.Data, v.Saved)
		if err != nil {
			return nil, fmt.Errorf("improvement plan of exercise %s (save %d) in %s: %w", id, v.Seq, db.Path(), err)
		}
		out = append(out, debrief.PlanVersion{Saved: v.Saved, Plan: *p})
	}
	return out, nil
}

// Programme reads and folds every exercise of the organisation org and
// builds its programme in lang for the day today (YYYY-MM-DD). It reads
// the whole of each log: call it off the UI goroutine.
func (db *DB) Programme(org, lang, today string) (*debrief.Programme, error) {
	orgs, err := db.st.Organisations()
	if err != nil {
		return nil, err
	}
	drills, err := db.st.NextDrills()
	if err != nil {
		return nil, err
	}
	var ids []string
	for id, o := range orgs {
		if o == org {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	var in []debrief.ProgrammeInput
	for _, id := range ids {
		x, err := db.programmeInput(id, lang)
		if err != nil {
			return nil, err
		}
		in = append(in, x)
	}
	return debrief.BuildProgramme(org, lang, today, drills[org], in), nil
}

// programmeInput is one exercise's report (its saved plan applied) and its
// plan's saves.
func (db *DB) programmeInput(id, lang string) (debrief.ProgrammeInput, error) {
	events, started, err := db.EventsStarted(id)
	if err != nil {
		return debrief.ProgrammeInput{}, err
	}
	st, err := engine.Fold(events)
	if err == nil && st.Scenario == nil {
		err = &engine.LogError{Err: engine.ErrLogNoStart}
	}
	if err != nil {
		return debrief.ProgrammeInput{}, fmt.Errorf("exercise %s: %w", id, err)
	}
	plan, err := db.Plan(id)
	if err != nil {
		return debrief.ProgrammeInput{}, err
	}
	hist, err := db.PlanHistory(id)
	if err != nil {
		return debrief.ProgrammeInput{}, err
	}
	r := debrief.BuildWithPlan(st, events, lang, "", plan)
	if !started.IsZero() {
		r.SetStarted(started)
	} else if s, err := db.Exercise(id); err == nil {
		started = s.CreatedAt
	}
	r.Overview.ExerciseID = id
	return debrief.ProgrammeInput{Report: r, Started: started, History: hist}, nil
}

// Today is the date of now in the local time zone, YYYY-MM-DD: the
// callers' clock, passed to Programme and Reminders.
func Today(now time.Time) string { return now.Format(time.DateOnly) }

// CarriedOver lists the corrective actions of the earlier exercises of the
// exercise's organisation that were not done when it took place, in lang,
// each in its state on its date (none when it belongs to no organisation).
// It reads only summaries and plans, no log.
func (db *DB) CarriedOver(id, lang string) ([]debrief.CarriedOverAction, error) {
	orgs, err := db.st.Organisations()
	if err != nil || orgs[id] == "" {
		return nil, err
	}
	var in []debrief.CarriedInput
	for other, o := range orgs {
		if o != orgs[id] {
			continue
		}
		s, err := db.Exercise(other)
		if err != nil {
			return nil, err
		}
		hist, err := db.PlanHistory(other)
		if err != nil {
			return nil, err
		}
		in = append(in, debrief.CarriedInput{ID: other, Started: s.CreatedAt, History: hist})
	}
	return debrief.CarriedOver(id, lang, in), nil
}
