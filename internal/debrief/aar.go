package debrief

import (
	"fmt"
	"slices"
)

// The after-action report and improvement plan organised by objective and
// capability: each objective's strengths and areas for improvement are
// the findings that bear on it (Finding.Objective), and the corrective
// actions are grouped under the objective they answer. The renderers
// draw these groups from the report; they compute nothing of their own.

// ObjectiveTitle names an objective of the report by its text, with its
// capability when it has one; "" names the findings under no objective.
func (r *Report) ObjectiveTitle(id string) string {
	if id == "" {
		return T(r.Lang, "aar.general")
	}
	for _, o := range r.Objectives {
		if o.ID != id {
			continue
		}
		if o.Capability == "" {
			return o.Text
		}
		return o.Text + T(r.Lang, "paren") + o.Capability + T(r.Lang, "parenend")
	}
	return id
}

// FindingsOf picks from fs those that bear on the objective ("" for none),
// in their order.
func FindingsOf(fs []Finding, objective string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Objective == objective {
			out = append(out, f)
		}
	}
	return out
}

// PlanGroup is the corrective actions answering one objective's areas for
// improvement ("" for those under no objective).
type PlanGroup struct {
	Objective string
	Title     string
	Rows      []PlanRow
}

// PlanByObjective groups the improvement plan's rows by objective, in the
// scenario's order of objectives, those under none last; rows keep their
// order within a group. Groups without rows are left out.
func (r *Report) PlanByObjective() []PlanGroup {
	var out []PlanGroup
	ids := []string{}
	for _, o := range r.Objectives {
		ids = append(ids, o.ID)
	}
	ids = append(ids, "")
	for _, id := range ids {
		g := PlanGroup{Objective: id, Title: r.ObjectiveTitle(id)}
		for _, p := range r.Plan {
			known := slices.ContainsFunc(r.Objectives, func(o ObjectiveReport) bool { return o.ID == p.Objective })
			if p.Objective == id || (id == "" && !known) {
				g.Rows = append(g.Rows, p)
			}
		}
		if len(g.Rows) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// TaskStatusText says a team's result for a critical task in the report's
// language: done at a time, not done, or for an evaluator.
func TaskStatusText(t TaskResult, lang string) string {
	switch t.Status {
	case TaskMet:
		at := 0.0
		if t.AtSeconds != nil {
			at = *t.AtSeconds
		}
		return fmt.Sprintf(T(lang, "eeg.status.met"), Clock(dur(at)))
	case TaskEvaluator:
		return T(lang, "eeg.status.evaluator")
	case TaskObserved:
		if t.AtSeconds != nil {
			return fmt.Sprintf(T(lang, "eeg.status.observed"), t.Evaluator, Clock(dur(*t.AtSeconds)))
		}
		return fmt.Sprintf(T(lang, "eeg.status.observed.notime"), t.Evaluator)
	}
	return T(lang, "eeg.status.not-met")
}

// TaskNote is the evaluator's note on a task in words ("" for none).
func TaskNote(t TaskResult, lang string) string {
	if t.Note == "" {
		return ""
	}
	return fmt.Sprintf(T(lang, "eeg.note"), t.Evaluator, oneLine(t.Note))
}

// TaskCell is a team's result for a critical task with its evidence, as a
// table cell shows it.
func TaskCell(t TaskResult, lang string) string {
	s := TaskStatusText(t, lang)
	if t.Evidence != "" {
		s += T(lang, "paren") + t.Evidence + T(lang, "parenend")
	}
	if n := TaskNote(t, lang); n != "" {
		s += " · " + n
	}
	return s
}

// TaskOf is the team's result for the task with this id in ot, and
// whether there is one.
func (ot ObjectiveTeam) TaskOf(id string) (TaskResult, bool) {
	for _, t := range ot.Tasks {
		if t.Task == id {
			return t, true
		}
	}
	return TaskResult{}, false
}
