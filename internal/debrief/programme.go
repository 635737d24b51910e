package debrief

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/firebreak-drills/firebreak/internal/scoring"
)

// A training programme is an organisation's (or cohort's) exercises over
// time: the same scenario and the same objectives compared from one
// exercise to the next, the corrective actions of every improvement plan
// followed until they are done, and the next drill's date. Like the
// after-action report it has one model, Programme, made by BuildProgramme
// from the exercises' reports and plan histories; the renderers
// (ProgrammeHTML, ProgrammePDF, ProgrammeCSV) and the app's programme view
// read only this. BuildProgramme reads no clock: today is given.

// ProgrammeSchemaVersion is the version of the programme model's shape.
const ProgrammeSchemaVersion = 1

// Action states in the tracker: a corrective action's status as saved,
// with overdue for one not done whose due date has passed.
const (
	ActionOpen       = StatusOpen
	ActionInProgress = StatusInProgress
	ActionDone       = StatusDone
	ActionOverdue    = "overdue"
)

// ActionState is the tracker's state of a corrective action on the day
// today (YYYY-MM-DD): done when it is done; overdue when it is not and its
// due date (YYYY-MM-DD) is before today; otherwise its status, in progress
// or open. An action without a due date is never overdue.
func ActionState(status, due, today string) string {
	s := PlanRow{Status: status}.StatusOf()
	if s == StatusDone {
		return ActionDone
	}
	if due != "" && today != "" && due < today {
		return ActionOverdue
	}
	return s
}

// DaysUntil is the number of calendar days from today to date (both
// YYYY-MM-DD): negative when date is past. ok is false when either is not
// a date.
func DaysUntil(date, today string) (days int, ok bool) {
	d, err1 := time.Parse(time.DateOnly, date)
	t, err2 := time.Parse(time.DateOnly, today)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return int(math.Round(d.Sub(t).Hours() / 24)), true
}

// DrillSoon is how many days ahead the home screen starts reminding of the
// next drill.
const DrillSoon = 14

// PlanVersion is one save of an exercise's improvement plan.
type PlanVersion struct {
	Saved time.Time
	Plan  Plan
}

// ProgrammeInput is one exercise of the organisation: its report (built in
// the programme's language, its saved plan applied), when it started and
// its plan's saves, oldest first.
type ProgrammeInput struct {
	Report  *Report
	Started time.Time
	History []PlanVersion
}

// Programme is the programme report's model.
type Programme struct {
	SchemaVersion int    `json:"schema_version"`
	Lang          string `json:"lang"`
	Title         string `json:"title"`
	Organisation  string `json:"organisation"`
	Today         string `json:"today"`                // YYYY-MM-DD, the day the model was made for
	NextDrill     string `json:"next_drill,omitempty"` // YYYY-MM-DD
	// NextDrillDays is the days from Today to NextDrill (negative: past).
	NextDrillDays int `json:"next_drill_days"`
	// Dimensions are the score dimensions the exercises have, "overall" last.
	Dimensions []string               `json:"dimensions"`
	Exercises  []ProgrammeExercise    `json:"exercises"` // oldest first
	Scenarios  []ScenarioComparison   `json:"scenarios"`
	Objectives []ObjectiveComparison  `json:"objectives"`
	Actions    []TrackedAction        `json:"corrective_actions"`
	Counts     map[string]int         `json:"action_counts"` // by state
	Carried    map[string][]CarriedIn `json:"carried_over"`  // by exercise id: the actions it took over
}

// ProgrammeExercise is one exercise of the programme.
type ProgrammeExercise struct {
	ID         string   `json:"id"`
	Label      string   `json:"label"` // its date, with #2, #3… for a second exercise the same day
	Date       string   `json:"date"`
	ScenarioID string   `json:"scenario_id"`
	Scenario   string   `json:"scenario"`
	Version    string   `json:"version,omitempty"`
	Status     string   `json:"status"`
	Teams      []string `json:"teams"`
	// Scores are the mean of the teams' scores per dimension.
	Scores map[string]float64 `json:"mean_scores"`
}

// ScenarioComparison lists the exercises that played one scenario, oldest
// first, for comparing their mean scores.
type ScenarioComparison struct {
	ScenarioID string   `json:"scenario_id"`
	Scenario   string   `json:"scenario"`
	Exercises  []string `json:"exercises"` // ids
}

// ObjectiveComparison follows one objective (by id) across the exercises
// whose scenario sets it.
type ObjectiveComparison struct {
	ID     string           `json:"id"`
	Text   string           `json:"text"`
	Points []ObjectivePoint `json:"exercises"`
}

// ObjectivePoint is an objective's result in one exercise: each team's
// rating (the facilitator's, else the suggested one) and the share of
// teams rated P or S, in per cent.
type ObjectivePoint struct {
	Exercise string       `json:"exercise"`
	Ratings  []TeamRating `json:"ratings"`
	Share    float64      `json:"share_ps"`
}

// TeamRating is one team's rating of an objective.
type TeamRating struct {
	Team      string `json:"team"`
	Rating    string `json:"rating"`              // P, S, M or U
	Suggested bool   `json:"suggested,omitempty"` // the evidence's, not the facilitator's
}

// TrackedAction is a corrective action of one exercise's improvement plan,
// followed across the programme.
type TrackedAction struct {
	Exercise  string `json:"exercise"` // the id of the exercise whose plan it is in
	Team      string `json:"team,omitempty"`
	What      string `json:"what"`
	Action    string `json:"action"`
	Owner     string `json:"owner"`
	Due       string `json:"due"`
	Objective string `json:"objective,omitempty"`
	Status    string `json:"status"` // as saved: open, in-progress, done
	State     string `json:"state"`  // on Today: done, in-progress, overdue, open
	DoneOn    string `json:"done_on,omitempty"`
	// CarriedTo are the later exercises of the organisation (ids) that
	// took place while it was not done.
	CarriedTo []string `json:"carried_to"`
	// History is each save of the plan that changed its status.
	History []ActionChange `json:"history"`
}

// ActionChange is a status a corrective action was saved with, and when.
type ActionChange struct {
	Date   string `json:"date"` // YYYY-MM-DD
	Status string `json:"status"`
}

// CarriedIn is an action carried into an exercise: its index in
// Programme.Actions and its status when that exercise took place.
type CarriedIn struct {
	Action int    `json:"action"`
	Status string `json:"status"`
}

// actionKey names a corrective action across the saves of one plan: rows
// drawn from a finding by its team, code and subject; the facilitator's own
// by team and text.
func actionKey(a PlanRow) string {
	if a.Code != "" {
		return a.Team + "\x00" + a.Code + "\x00" + a.Subject
	}
	return a.Team + "\x00\x00" + a.What + "\x00" + a.Action
}

// keyed numbers equal keys by occurrence, so two rows with the same key
// stay apart.
func keyed(rows []PlanRow) []string {
	seen := map[string]int{}
	out := make([]string, len(rows))
	for i, a := range rows {
		k := actionKey(a)
		seen[k]++
		out[i] = fmt.Sprintf("%s\x00%d", k, seen[k])
	}
	return out
}

// BuildProgramme makes the programme of the organisation org from its
// exercises (any order), in the language lang, for the day today
// (YYYY-MM-DD); nextDrill is the next drill date ("" for none).
//
// The carry-over rule: a corrective action of an exercise's plan (its
// latest save) is carried into each later exercise of the organisation
// (one that started after it) that started while the action was not done.
// When it was done is the first save of the plan from which the action
// stayed done; an action reopened later counts as not done.
func BuildProgramme(org, lang, today, nextDrill string, in []ProgrammeInput) *Programme {
	p := &Programme{
		SchemaVersion: ProgrammeSchemaVersion, Lang: lang, Title: T(lang, "prog.title"),
		Organisation: org, Today: today, NextDrill: nextDrill,
		Counts: map[string]int{}, Carried: map[string][]CarriedIn{},
		Exercises: []ProgrammeExercise{}, Scenarios: []ScenarioComparison{},
		Objectives: []ObjectiveComparison{}, Actions: []TrackedAction{}, Dimensions: []string{},
	}
	if d, ok := DaysUntil(nextDrill, today); ok {
		p.NextDrillDays = d
	}
	in = append([]ProgrammeInput(nil), in...)
	sort.SliceStable(in, func(i, j int) bool {
		if !in[i].Started.Equal(in[j].Started) {
			return in[i].Started.Before(in[j].Started)
		}
		return in[i].Report.Overview.ExerciseID < in[j].Report.Overview.ExerciseID
	})

	// Exercises, with a label each and the mean of their teams' scores.
	perDay := map[string]int{}
	hasDim := map[string]bool{}
	for _, x := range in {
		r := x.Report
		ov := r.Overview
		date := ov.Date
		if date == "" && !x.Started.IsZero() {
			date = x.Started.Format(time.DateOnly)
		}
		perDay[date]++
		label := date
		if perDay[date] > 1 {
			label = fmt.Sprintf("%s #%d", date, perDay[date])
		}
		e := ProgrammeExercise{
			ID: ov.ExerciseID, Label: label, Date: date, ScenarioID: ov.ScenarioID, Scenario: ov.Scenario,
			Version: ov.Version, Status: ov.Status, Teams: append([]string{}, ov.Teams...), Scores: map[string]float64{},
		}
		for _, d := range r.Dimensions {
			var sum float64
			n := 0
			for _, t := range r.Teams {
				if v, ok := t.Scores[d]; ok {
					sum += v
					n++
				}
			}
			if n > 0 {
				e.Scores[d] = math.Round(sum/float64(n)*10) / 10
				hasDim[d] = true
			}
		}
		p.Exercises = append(p.Exercises, e)
	}
	for _, d := range programmeDimensions {
		if hasDim[d] {
			p.Dimensions = append(p.Dimensions, d)
		}
	}

	// The same scenario across exercises.
	byScenario := map[string]int{}
	for _, e := range p.Exercises {
		i, ok := byScenario[e.ScenarioID]
		if !ok {
			i = len(p.Scenarios)
			byScenario[e.ScenarioID] = i
			p.Scenarios = append(p.Scenarios, ScenarioComparison{ScenarioID: e.ScenarioID})
		}
		p.Scenarios[i].Scenario = e.Scenario // the latest exercise's title
		p.Scenarios[i].Exercises = append(p.Scenarios[i].Exercises, e.ID)
	}

	// The same objective across exercises.
	byObjective := map[string]int{}
	for _, x := range in {
		for _, o := range x.Report.Objectives {
			i, ok := byObjective[o.ID]
			if !ok {
				i = len(p.Objectives)
				byObjective[o.ID] = i
				p.Objectives = append(p.Objectives, ObjectiveComparison{ID: o.ID})
			}
			p.Objectives[i].Text = o.Text
			pt := ObjectivePoint{Exercise: x.Report.Overview.ExerciseID, Ratings: []TeamRating{}}
			good := 0
			for _, t := range o.Teams {
				tr := TeamRating{Team: t.Team, Rating: t.Rating}
				if tr.Rating == "" {
					tr.Rating, tr.Suggested = t.Suggested, true
				}
				if tr.Rating == "P" || tr.Rating == "S" {
					good++
				}
				pt.Ratings = append(pt.Ratings, tr)
			}
			if len(pt.Ratings) > 0 {
				pt.Share = math.Round(float64(good)/float64(len(pt.Ratings))*1000) / 10
			}
			p.Objectives[i].Points = append(p.Objectives[i].Points, pt)
		}
	}

	// The corrective actions, each followed through its plan's saves and
	// carried into the later exercises that took place while it was open.
	for xi, x := range in {
		if len(x.History) == 0 {
			continue
		}
		latest := x.History[len(x.History)-1].Plan
		keys := keyed(latest.Actions)
		// Each key's status in each save, oldest first.
		steps := map[string][]step{}
		for _, v := range x.History {
			for i, k := range keyed(v.Plan.Actions) {
				steps[k] = append(steps[k], step{v.Saved, v.Plan.Actions[i].StatusOf()})
			}
		}
		for i, a := range latest.Actions {
			ta := TrackedAction{
				Exercise: x.Report.Overview.ExerciseID, Team: a.Team, What: a.What, Action: a.Action,
				Owner: a.Owner, Due: a.Due, Objective: a.Objective, Status: a.StatusOf(),
				CarriedTo: []string{}, History: []ActionChange{},
			}
			ta.State = ActionState(ta.Status, ta.Due, today)
			var doneAt time.Time
			for j, s := range steps[keys[i]] {
				if j == 0 || s.status != steps[keys[i]][j-1].status {
					ta.History = append(ta.History, ActionChange{Date: s.saved.Format(time.DateOnly), Status: s.status})
					if s.status == StatusDone {
						doneAt = s.saved
					}
				}
			}
			if ta.Status != StatusDone {
				doneAt = time.Time{}
			} else if doneAt.IsZero() {
				doneAt = x.History[len(x.History)-1].Saved
			}
			if !doneAt.IsZero() {
				ta.DoneOn = doneAt.Format(time.DateOnly)
			}
			idx := len(p.Actions)
			for _, y := range in[xi+1:] {
				if !y.Started.After(x.Started) || (!doneAt.IsZero() && !y.Started.Before(doneAt)) {
					continue
				}
				id := y.Report.Overview.ExerciseID
				ta.CarriedTo = append(ta.CarriedTo, id)
				p.Carried[id] = append(p.Carried[id], CarriedIn{Action: idx, Status: statusAt(steps[keys[i]], y.Started)})
			}
			p.Counts[ta.State]++
			p.Actions = append(p.Actions, ta)
		}
	}
	return p
}

// step is a corrective action's status in one save of its plan.
type step struct {
	saved  time.Time
	status string
}

// statusAt is the status of the latest save at or before t; open when the
// action had not been saved yet.
func statusAt(steps []step, t time.Time) string {
	status := StatusOpen
	for _, s := range steps {
		if s.saved.After(t) {
			break
		}
		status = s.status
	}
	return status
}

// programmeDimensions is the order of the score dimensions.
var programmeDimensions = append(slices.Clone(scoring.Dimensions), scoring.Overall)

// Exercise is the programme's exercise with the id, or nil.
func (p *Programme) Exercise(id string) *ProgrammeExercise {
	for i := range p.Exercises {
		if p.Exercises[i].ID == id {
			return &p.Exercises[i]
		}
	}
	return nil
}
