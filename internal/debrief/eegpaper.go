package debrief

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Paper evaluation guides entered afterwards (engine.Evaluation): an
// evaluator's ticks change a team's task results (a task the evaluator saw
// done is no longer "for an evaluator" or "not done"), and their rating
// and general note are listed with the objective.

// TaskObserved is a task an evaluator saw done (on a paper guide entered
// afterwards), which the engine did not see done.
const TaskObserved = "observed"

// EvaluationReport is an evaluator's rating and note for a team and
// objective.
type EvaluationReport struct {
	Evaluator string `json:"evaluator"`
	Rating    string `json:"rating,omitempty"` // P, S, M, U or "" (not rated)
	Note      string `json:"note,omitempty"`
	// Live says the evaluator rated from a live evaluator seat rather than
	// on a paper guide entered afterwards; Tasks are the evaluator's ticks
	// (each task seen done or not, when); Observations a live evaluator's
	// observations of the team on this objective (combined.go).
	Live         bool                `json:"live,omitempty"`
	Tasks        []EvaluatorTask     `json:"tasks,omitempty"`
	Observations []ObservationReport `json:"observations,omitempty"`
}

// applyEvaluations folds the team's evaluations of o into its task
// results, and lists them.
func applyEvaluations(t *engine.Team, o *scenario.Objective, ot *ObjectiveTeam, lang string) {
	for _, ev := range t.Evaluations[o.ID] {
		ot.Evaluations = append(ot.Evaluations, EvaluationReport{Evaluator: ev.Evaluator, Rating: ev.Rating, Note: ev.Note})
		for _, et := range ev.Tasks {
			i := -1
			for j, r := range ot.Tasks {
				if r.Task == et.Task {
					i = j
				}
			}
			if i < 0 {
				continue
			}
			res := &ot.Tasks[i]
			if !et.Done && strings.TrimSpace(et.Note) == "" {
				continue
			}
			if res.Status == TaskObserved {
				// An evaluator before saw it done: that stands (every
				// evaluator's ticks are listed with their guide).
				continue
			}
			res.Evaluator, res.Note = ev.Evaluator, strings.TrimSpace(et.Note)
			switch {
			case et.Done && res.Status != TaskMet:
				res.Status, res.AtSeconds, res.Evidence = TaskObserved, nil, ""
				if at, ok := et.Time(); ok {
					res.AtSeconds = ptr(secs(at))
				}
			case !et.Done && res.Status == TaskEvaluator:
				res.Status, res.Evidence = TaskNotMet, fmt.Sprintf(T(lang, "eeg.ev.notseen"), ev.Evaluator)
			}
		}
	}
}

// EvaluationText says an evaluator's rating and note in lang.
func EvaluationText(e EvaluationReport, lang string) string {
	rating := T(lang, "eeg.norating")
	if e.Rating != "" {
		rating = T(lang, "rating."+e.Rating)
	}
	key := "eeg.evaluation"
	if e.Live {
		key = "eeg.evaluation.live"
	}
	s := fmt.Sprintf(T(lang, key), e.Evaluator, rating)
	if e.Note != "" {
		s += T(lang, "sep") + oneLine(e.Note)
	}
	return s
}

// evaluationText is an eeg.entered event in the timeline.
func evaluationText(sc *scenario.Scenario, e engine.Event, lang string) string {
	obj := e.Objective
	for _, o := range sc.Objectives {
		if o.ID == e.Objective {
			obj = o.Text.Get(lang)
		}
	}
	done := 0
	for _, t := range e.Evaluation.Tasks {
		if t.Done {
			done++
		}
	}
	rating := T(lang, "eeg.norating")
	if e.Evaluation.Rating != "" {
		rating = e.Evaluation.Rating
	}
	return fmt.Sprintf(T(lang, "ev.evaluation"), e.Evaluation.Evaluator, obj, done, rating)
}

func init() {
	for lang, m := range map[string]map[string]string{
		"en": {
			"eeg.status.observed":        "seen done by %s at %s",
			"eeg.status.observed.notime": "seen done by %s",
			"eeg.ev.notseen":             "%s did not see it done",
			"eeg.note":                   "%s noted: %s",
			"eeg.evaluations":            "Evaluators' guides",
			"eeg.evaluation":             "%s: %s",
			"eeg.norating":               "not rated",
			"ev.evaluation":              "Paper evaluation guide of %s entered for \"%s\": critical tasks seen done: %d; rating: %s",
			"refusal.no-evaluator":       "the evaluator's name is missing",
			"refusal.no-such-task":       "a task is not one of the objective's critical tasks",
			"refusal.bad-task-time":      "a task's time is after the exercise ended",
		},
		"zh": {
			"eeg.status.observed":        "%s 看到于 %s 完成",
			"eeg.status.observed.notime": "%s 看到已完成",
			"eeg.ev.notseen":             "%s 未看到完成",
			"eeg.note":                   "%s记录：%s",
			"eeg.evaluations":            "评估员的评估表",
			"eeg.evaluation":             "%s：%s",
			"eeg.norating":               "未评级",
			"ev.evaluation":              "录入%s的纸质评估表（“%s”）：看到完成%d项关键任务，评级%s",
			"refusal.no-evaluator":       "缺少评估员姓名",
			"refusal.no-such-task":       "有任务不属于该目标的关键任务",
			"refusal.bad-task-time":      "有任务的时间晚于演练结束时间",
		},
	} {
		for k, v := range m {
			reportLabels[lang][k] = v
			if strings.HasPrefix(k, "refusal.") {
				controlLabels[lang][k] = v
			}
		}
	}
}

// evaluations are the objective's evaluators' ratings and notes, team by
// team, as a report lists them ("Team — Name: rating: note").
func evaluations(o ObjectiveReport, lang string) []string {
	var out []string
	for _, ot := range o.Teams {
		for _, e := range ot.Evaluations {
			line := ot.Team + " — " + EvaluationText(e, lang)
			if tasks := evaluatorTasksText(o, e, lang); tasks != "" {
				line += T(lang, "combined.sep") + tasks
			}
			for _, ob := range e.Observations {
				line += T(lang, "combined.sep") + observationText(ob, lang)
			}
			out = append(out, line)
		}
	}
	return out
}

// ErrClockTime: a time written on a paper guide that is not hh:mm (or
// hh:mm:ss) on the exercise clock.
var ErrClockTime = errors.New("not a time on the exercise clock (hh:mm)")

// ParseClock reads a time on the exercise clock as an evaluator writes it:
// hh:mm or hh:mm:ss (hours from 0, minutes and seconds below 60; a
// full-width colon is taken too). Surrounding spaces are ignored.
func ParseClock(s string) (time.Duration, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "：", ":"))
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, ErrClockTime
	}
	var n [3]int
	for i, p := range parts {
		if len(p) == 0 || len(p) > 2 || (i > 0 && len(p) != 2) {
			return 0, ErrClockTime
		}
		for _, c := range p {
			if c < '0' || c > '9' {
				return 0, ErrClockTime
			}
			n[i] = n[i]*10 + int(c-'0')
		}
		if i > 0 && n[i] >= 60 {
			return 0, ErrClockTime
		}
	}
	return time.Duration(n[0])*time.Hour + time.Duration(n[1])*time.Minute + time.Duration(n[2])*time.Second, nil
}
