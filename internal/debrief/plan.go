package debrief

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// Plan is the facilitator's improvement plan as saved after the debrief:
// the strengths and areas for improvement in the facilitator's words, and
// the corrective actions with an owner and a due date. Team "" is the whole
// exercise. It is the one type of the plan: the app edits it, the exports
// draw from it, and internal/exercise saves it beside the exercise's log
// (exercise.SavePlan, exercise.Plan).
type Plan struct {
	Strengths    []PlanItem
	Improvements []PlanItem
	Actions      []PlanRow
	// SavedAt is when the plan was saved; zero when unknown.
	SavedAt time.Time
}

// PlanItem is a strength or an area for improvement of the plan. Code and
// Subject are those of the finding it was drawn from; empty for the
// facilitator's own.
type PlanItem struct {
	Team    string
	Code    string
	Subject string
	Text    string
}

// CodeFacilitator is the code of a strength or an area for improvement the
// facilitator added (no finding of the evidence behind it).
const CodeFacilitator = "facilitator"

// DraftPlan is the plan the evidence suggests, the starting point of the
// facilitator's: the report's strengths and areas for improvement, and one
// corrective action row per area for improvement, with the action, owner
// and due date left blank.
func DraftPlan(r *Report) Plan {
	var p Plan
	for _, f := range r.Strengths {
		p.Strengths = append(p.Strengths, PlanItem{Team: f.Team, Code: f.Code, Subject: f.Subject, Text: f.Text})
	}
	for _, f := range r.Improvements {
		p.Improvements = append(p.Improvements, PlanItem{Team: f.Team, Code: f.Code, Subject: f.Subject, Text: f.Text})
	}
	p.Actions = append(p.Actions, r.Plan...)
	// Corrective actions by objective, in the scenario's order, those
	// under none last, as the reports group them.
	rank := map[string]int{}
	for i, o := range r.Objectives {
		rank[o.ID] = i + 1
	}
	order := func(a PlanRow) int {
		if i, ok := rank[a.Objective]; ok {
			return i
		}
		return len(rank) + 1
	}
	slices.SortStableFunc(p.Actions, func(a, b PlanRow) int { return order(a) - order(b) })
	return p
}

// BuildWithPlan is Build followed by ApplyPlan when plan is not nil: the
// report of an exercise whose facilitator saved an improvement plan.
func BuildWithPlan(st *engine.State, events []engine.Event, lang, team string, plan *Plan) *Report {
	r := Build(st, events, lang, team)
	if plan != nil {
		r.ApplyPlan(*plan)
	}
	return r
}

// ApplyPlan replaces the strengths, areas for improvement and improvement
// plan drawn from the evidence with the facilitator's saved plan. A
// handout keeps the handout team's items and those of the whole exercise.
// Items are grouped by team in the report's team order, the whole
// exercise's last; empty texts are left out. The general lessons stay as
// the evidence says.
func (r *Report) ApplyPlan(p Plan) {
	order := map[string]int{}
	for i, t := range r.Teams {
		order[t.Name] = i
	}
	rank := func(team string) int {
		if i, ok := order[team]; ok {
			return i
		}
		return len(order) // the whole exercise, or a team the report leaves out
	}
	keep := func(team string) bool {
		if r.HandoutTeam != "" {
			return team == "" || team == r.HandoutTeam
		}
		return true
	}
	// The objective each item bears on, as the evidence's findings say
	// (a saved item keeps its finding's code and subject).
	type key struct{ code, subject string }
	objective := map[key]string{}
	for _, f := range slices.Concat(r.Strengths, r.Improvements) {
		objective[key{f.Code, f.Subject}] = f.Objective
	}
	objectiveOf := func(code, subject string) string {
		if o, ok := objective[key{code, subject}]; ok {
			return o
		}
		for _, o := range r.Objectives {
			if subject != "" && slices.Contains(o.Decisions, subject) {
				return o.ID
			}
		}
		return ""
	}
	findings := func(items []PlanItem, kind string) []Finding {
		out := []Finding{}
		for _, it := range items {
			text := strings.TrimSpace(it.Text)
			if text == "" || !keep(it.Team) {
				continue
			}
			code := it.Code
			if code == "" {
				code = CodeFacilitator
			}
			out = append(out, Finding{Team: it.Team, Kind: kind, Code: code, Subject: it.Subject, Text: text, Objective: objectiveOf(it.Code, it.Subject)})
		}
		slices.SortStableFunc(out, func(a, b Finding) int { return rank(a.Team) - rank(b.Team) })
		return out
	}
	r.Strengths = findings(p.Strengths, KindStrength)
	r.Improvements = findings(p.Improvements, KindImprovement)
	r.Plan = []PlanRow{}
	for _, a := range p.Actions {
		a = PlanRow{Team: a.Team, What: strings.TrimSpace(a.What), Action: strings.TrimSpace(a.Action),
			Owner: strings.TrimSpace(a.Owner), Due: strings.TrimSpace(a.Due), Code: a.Code, Subject: a.Subject,
			Objective: a.Objective, Status: a.Status}
		if a.What == "" && a.Action == "" && a.Owner == "" && a.Due == "" || !keep(a.Team) {
			continue
		}
		if a.Objective == "" && a.Code != "" {
			a.Objective = objectiveOf(a.Code, a.Subject)
		}
		r.Plan = append(r.Plan, a)
	}
	slices.SortStableFunc(r.Plan, func(a, b PlanRow) int { return rank(a.Team) - rank(b.Team) })
	r.PlanSaved = true
	if !p.SavedAt.IsZero() {
		r.PlanSavedAt = p.SavedAt.Format(time.RFC3339)
	}
}

// TeamLabel names a plan item's team: the team, or "all teams" for the
// whole exercise.
func TeamLabel(team, lang string) string {
	if team == "" {
		return Label(lang, "allteams")
	}
	return team
}

// ErrDueDate is returned by ParseDue for a text that is not a date, and
// by Plan.Validate for a due date not written YYYY-MM-DD.
var ErrDueDate = errors.New("not a date")

var dueDate = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)

// ParseDue reads a due date as a facilitator may type it — 2027-03-01,
// 2027/3/1, 2027.03.01, 2027年3月1日 — and returns it as YYYY-MM-DD, the
// form the store keeps. Blank is no date (""). A day that does not exist
// (2027-02-30) is refused.
func ParseDue(s string) (string, error) {
	s = strings.TrimSpace(strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' { // full-width digits from a Chinese input method
			return r - '０' + '0'
		}
		return r
	}, s))
	if s == "" {
		return "", nil
	}
	m := dueDate.FindStringSubmatch(s)
	if m == nil {
		return "", fmt.Errorf("%w: %q", ErrDueDate, s)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return "", fmt.Errorf("%w: %q", ErrDueDate, s)
	}
	return t.Format("2006-01-02"), nil
}

// Statuses of a corrective action.
const (
	StatusOpen       = "open" // also written ""
	StatusInProgress = "in-progress"
	StatusDone       = "done"
)

// Statuses lists a corrective action's statuses, in the order a menu
// offers them.
var Statuses = []string{StatusOpen, StatusInProgress, StatusDone}

// ErrStatus is returned by Plan.Validate for a corrective action whose
// status is not one of Statuses.
var ErrStatus = errors.New("not a status")

// StatusOf is a row's status, StatusOpen when none is written.
func (a PlanRow) StatusOf() string {
	if a.Status == "" {
		return StatusOpen
	}
	return a.Status
}

// StatusLabel names a corrective action's status in lang.
func StatusLabel(status, lang string) string {
	if status == "" {
		status = StatusOpen
	}
	return T(lang, "status."+status)
}

// Validate checks that every corrective action's due date is empty or a
// date written as ParseDue writes it, YYYY-MM-DD (2027-02-30 is refused,
// and so is 2027/3/1: ParseDue it first), and that its status is empty or
// one of Statuses. The error wraps ErrDueDate or ErrStatus and names the
// first bad row.
func (p Plan) Validate() error {
	for i, a := range p.Actions {
		if norm, err := ParseDue(a.Due); err != nil || norm != a.Due {
			return fmt.Errorf("corrective action %d: due date %w (YYYY-MM-DD): %q", i+1, ErrDueDate, a.Due)
		}
		if a.Status != "" && !slices.Contains(Statuses, a.Status) {
			return fmt.Errorf("corrective action %d: %w (%s): %q", i+1, ErrStatus, strings.Join(Statuses, ", "), a.Status)
		}
	}
	return nil
}

// planLabels is the wording of a saved improvement plan in the exports.
var planLabels = map[string]map[string]string{
	"en": {
		"plan.saved":     "The facilitator's improvement plan, as saved after the debrief.",
		"plan.savedat":   "The facilitator's improvement plan, as saved on %s.",
		"plan.actions":   "Corrective actions",
		"plan.noactions": "No corrective action was entered.",
	},
	"zh": {
		"plan.saved":     "以下为主持人在复盘后保存的改进计划。",
		"plan.savedat":   "以下为主持人于 %s 保存的改进计划。",
		"plan.actions":   "改进措施",
		"plan.noactions": "尚未填写改进措施。",
	},
}

func init() {
	for lang, m := range planLabels {
		for k, v := range m {
			reportLabels[lang][k] = v
		}
	}
}

// planNote is the line under the improvement plan's heading: how the
// rows came about.
func planNote(r *Report) string {
	if !r.PlanSaved {
		return T(r.Lang, "plan.note")
	}
	if t, err := time.Parse(time.RFC3339, r.PlanSavedAt); err == nil {
		return fmt.Sprintf(T(r.Lang, "plan.savedat"), t.Format("2006-01-02 15:04"))
	}
	return T(r.Lang, "plan.saved")
}
