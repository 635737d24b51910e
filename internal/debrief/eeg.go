package debrief

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/rubric"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// The objectives' evaluation guides (scenario.Objective's Capability and
// Targets) in the report: each objective's capability and capability
// targets with their critical tasks, and per team which critical tasks the
// engine saw done and when. A task left to an evaluator is listed as such.

// TargetReport is a capability target with its critical tasks.
type TargetReport struct {
	Text  string    `json:"text"`
	Tasks []TaskRef `json:"critical_tasks"`
}

// TaskRef is a critical task of the guide.
type TaskRef struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	// Observed is how it is observed: one of scenario.ObserveKinds, or
	// "evaluator".
	Observed string `json:"observed"`
	// How says in words what shows it was done.
	How string `json:"how"`
}

// Status of a team's critical task.
const (
	TaskMet       = "met"       // the engine saw it done
	TaskNotMet    = "not-met"   // the engine did not see it done
	TaskEvaluator = "evaluator" // left for an evaluator to observe
)

// TaskResult is a team's result for a critical task.
type TaskResult struct {
	Task   string `json:"task"`
	Status string `json:"status"` // TaskMet, TaskNotMet, TaskEvaluator or TaskObserved
	// AtSeconds is when it was done (TaskMet; TaskObserved when the
	// evaluator wrote a time).
	AtSeconds *float64 `json:"at_seconds,omitempty"`
	// Evidence says what showed it, or what happened instead.
	Evidence string `json:"evidence,omitempty"`
	// Evaluator and Note are the evaluator who entered a paper guide for
	// the task, and what they noted (eegpaper.go).
	Evaluator string `json:"evaluator,omitempty"`
	Note      string `json:"note,omitempty"`
}

// Met reports whether the engine saw the task done.
func (t TaskResult) Met() bool { return t.Status == TaskMet }

func targetReports(sc *scenario.Scenario, o *scenario.Objective, lang string) []TargetReport {
	var out []TargetReport
	for _, t := range o.Targets {
		tr := TargetReport{Text: t.Text.Get(lang), Tasks: []TaskRef{}}
		for _, task := range t.Tasks {
			ref := TaskRef{ID: task.ID, Text: task.Text.Get(lang), Observed: TaskEvaluator, How: T(lang, "eeg.how.evaluator")}
			if ob := task.Observe; ob != nil {
				ref.Observed, ref.How = ob.Kind, howText(sc, ob, lang)
			}
			tr.Tasks = append(tr.Tasks, ref)
		}
		out = append(out, tr)
	}
	return out
}

// howText says in words what shows a task was done.
func howText(sc *scenario.Scenario, ob *scenario.Observe, lang string) string {
	L := func(k string) string { return T(lang, k) }
	var s string
	switch ob.Kind {
	case scenario.ObserveDecision:
		d := sc.Decision(ob.Decision)
		if d == nil {
			return ob.Decision
		}
		q := brief(d.Prompt.Get(lang), true)
		if len(ob.Options) == 0 {
			s = fmt.Sprintf(L("eeg.how.decision"), q)
		} else {
			var opts []string
			for _, id := range ob.Options {
				if o := d.Option(id); o != nil {
					opts = append(opts, Quote(lang, brief(o.Text.Get(lang), false)))
				}
			}
			s = fmt.Sprintf(L("eeg.how.options"), strings.Join(opts, L("eeg.or")), q)
		}
	case scenario.ObserveReply:
		s = fmt.Sprintf(L("eeg.how.reply"), injectQuote(sc, ob.Inject, lang))
	case scenario.ObserveDeadline:
		s = fmt.Sprintf(L("eeg.how.deadline"), deadlineLabel(sc, ob.Deadline, lang))
	case scenario.ObservePost:
		ch := L("eeg.anychannel")
		if ob.Channel != "" {
			ch = T(lang, "post."+ob.Channel)
		}
		s = fmt.Sprintf(L("eeg.how.post"), ch)
		if ob.Inject != "" {
			s += fmt.Sprintf(L("eeg.how.after"), injectQuote(sc, ob.Inject, lang))
		}
	case scenario.ObservePress:
		title := ob.Press
		if c := sc.PressConference(ob.Press); c != nil {
			title = c.Title.Get(lang)
		}
		s = fmt.Sprintf(L("eeg.how.press"), title)
	}
	if ob.Within > 0 {
		s += fmt.Sprintf(L("eeg.how.within"), Took(ob.Within, lang))
	}
	if len(ob.Shows) > 0 {
		s += fmt.Sprintf(L("eeg.how.shows"), findingNames(ob.Shows, lang))
	}
	if len(ob.Avoids) > 0 {
		s += fmt.Sprintf(L("eeg.how.avoids"), findingNames(ob.Avoids, lang))
	}
	return s
}

// findingNames names judge findings in lang: the check's label, or
// harmful/flawed in words.
func findingNames(ids []string, lang string) string {
	var out []string
	for _, id := range ids {
		name := T(lang, "eeg.finding."+id)
		if name == "" {
			name = id
			for _, d := range rubric.Catalogue {
				if d.ID == id {
					if l := d.Label[lang]; l != "" {
						name = l
					} else if l := d.Label["en"]; l != "" {
						name = l
					}
				}
			}
		}
		out = append(out, Quote(lang, strings.Trim(name, "\"“”")))
	}
	return strings.Join(out, listSep(lang))
}

func injectQuote(sc *scenario.Scenario, id, lang string) string {
	if in := sc.Inject(id); in != nil {
		return Quote(lang, brief(in.Text.Get(lang), false))
	}
	return id
}

func deadlineLabel(sc *scenario.Scenario, id, lang string) string {
	for _, d := range sc.Deadlines {
		if d.ID == id {
			return d.Label.Get(lang)
		}
	}
	return id
}

// taskResults tells, for each critical task of the objective, whether the
// team did it and when.
func taskResults(st *engine.State, t *engine.Team, o *scenario.Objective, lang string) []TaskResult {
	var out []TaskResult
	for _, task := range o.Tasks() {
		out = append(out, taskResult(st, t, task, lang))
	}
	return out
}

// judged tells whether the judge's findings in res show every one of
// shows and none of avoids. A text not judged shows nothing.
func judged(res *rubric.Result, shows, avoids []string) bool {
	if len(shows) == 0 && len(avoids) == 0 {
		return true
	}
	if res == nil {
		return false
	}
	found := engine.PostFindings(*res)
	for _, f := range shows {
		if !slices.Contains(found, f) {
			return false
		}
	}
	for _, f := range avoids {
		if slices.Contains(found, f) {
			return false
		}
	}
	return true
}

// delivered is when the team first received the inject, and whether it did.
func delivered(t *engine.Team, inject string) (time.Duration, bool) {
	for _, d := range t.Inbox {
		if d.Inject != nil && d.Inject.ID == inject {
			return d.At, true
		}
	}
	return 0, false
}

// taskResult is the team's result for one critical task: the first answer,
// reply, post or press conference that meets every condition of its link.
func taskResult(st *engine.State, t *engine.Team, task *scenario.Task, lang string) TaskResult {
	L := func(k string) string { return T(lang, k) }
	res := TaskResult{Task: task.ID, Status: TaskNotMet}
	ob := task.Observe
	if ob == nil {
		res.Status = TaskEvaluator
		return res
	}
	met := func(at time.Duration, evidence string) TaskResult {
		res.Status, res.AtSeconds, res.Evidence = TaskMet, ptr(secs(at)), evidence
		return res
	}
	switch ob.Kind {
	case scenario.ObserveDecision:
		seen := false
		for _, a := range t.Answers {
			if a.Decision.ID != ob.Decision {
				continue
			}
			seen = true
			if a.Option == nil {
				res.Evidence = answerText(a, lang)
				continue
			}
			option := brief(a.Option.Text.Get(lang), false)
			switch {
			case len(ob.Options) > 0 && !slices.Contains(ob.Options, a.Option.ID):
				res.Evidence = fmt.Sprintf(L("eeg.ev.other"), option)
			case ob.Within > 0 && a.Took() > ob.Within:
				res.Evidence = fmt.Sprintf(L("eeg.ev.late"), option, Took(a.Took(), lang))
			case !judged(a.Rubric, ob.Shows, ob.Avoids):
				res.Evidence = fmt.Sprintf(L("eeg.ev.judge"), option)
			default:
				return met(a.At, fmt.Sprintf(L("eeg.ev.chose"), option, Took(a.Took(), lang)))
			}
		}
		if !seen {
			res.Evidence = L("eeg.ev.notopened")
		}
	case scenario.ObserveReply:
		from, ok := delivered(t, ob.Inject)
		if !ok {
			res.Evidence = L("eeg.ev.notreceived")
			break
		}
		res.Evidence = L("eeg.ev.noreply")
		for _, r := range engine.RepliesTo(t.Replies, ob.Inject) {
			switch {
			case ob.Within > 0 && r.At-from > ob.Within:
				res.Evidence = fmt.Sprintf(L("eeg.ev.replylate"), Took(r.At-from, lang))
			case !judged(r.Rubric, ob.Shows, ob.Avoids):
				res.Evidence = L("eeg.ev.replyjudge")
			default:
				return met(r.At, fmt.Sprintf(L("eeg.ev.replied"), Took(r.At-from, lang)))
			}
		}
	case scenario.ObserveDeadline:
		ds := t.RegDeadlines[ob.Deadline]
		switch {
		case ds == nil:
			res.Evidence = L("eeg.ev.notstarted")
		case ds.Met:
			return met(ds.MetAt, fmt.Sprintf(L("eeg.ev.deadlinemet"), Clock(ds.DueAt())))
		case ds.Missed:
			res.Evidence = fmt.Sprintf(L("eeg.ev.deadlinemissed"), Clock(ds.DueAt()))
		default:
			res.Evidence = fmt.Sprintf(L("eeg.ev.deadlineopen"), Clock(ds.DueAt()))
		}
	case scenario.ObservePost:
		var from time.Duration
		if ob.Inject != "" {
			at, ok := delivered(t, ob.Inject)
			if !ok {
				res.Evidence = L("eeg.ev.notreceived")
				break
			}
			from = at
		}
		res.Evidence = L("eeg.ev.nopost")
		for _, p := range t.Posts {
			if (ob.Channel != "" && p.Channel != ob.Channel) || p.At < from {
				continue
			}
			switch {
			case ob.Within > 0 && p.At-from > ob.Within:
				res.Evidence = fmt.Sprintf(L("eeg.ev.postlate"), Took(p.At-from, lang))
			case !judged(p.Rubric, ob.Shows, ob.Avoids):
				res.Evidence = L("eeg.ev.postjudge")
			default:
				return met(p.At, fmt.Sprintf(L("eeg.ev.posted"), T(lang, "post."+p.Channel)))
			}
		}
	case scenario.ObservePress:
		res.Evidence = L("eeg.ev.nopress")
		for _, run := range t.Press {
			if run.Conference == nil || run.Conference.ID != ob.Press {
				continue
			}
			if len(run.Answers) < len(run.Questions) {
				res.Evidence = fmt.Sprintf(L("eeg.ev.pressopen"), len(run.Answers), len(run.Questions))
				continue
			}
			ok := true
			for _, a := range run.Answers {
				if a.Unanswered {
					res.Evidence, ok = L("eeg.ev.pressunanswered"), false
					break
				}
				if !judged(a.Rubric, ob.Shows, ob.Avoids) {
					res.Evidence, ok = L("eeg.ev.pressjudge"), false
					break
				}
			}
			if ok && len(run.Answers) > 0 {
				return met(run.Answers[len(run.Answers)-1].At, fmt.Sprintf(L("eeg.ev.pressed"), len(run.Answers)))
			}
		}
	}
	return res
}

// objectiveOf is the id of the first objective (in the scenario's order)
// a finding bears on: one whose decisions include the decision it is
// about, or whose critical tasks observe the deadline it is about; "" for
// none. Subject is as findings write it: a decision id, decision/claim for
// a false claim, a claim id for a contradiction, a deadline id.
func objectiveOf(sc *scenario.Scenario, code, subject string) string {
	if subject == "" {
		return ""
	}
	decision := subject
	switch {
	case strings.HasPrefix(code, "deadline-"):
		for _, o := range sc.Objectives {
			for _, task := range o.Tasks() {
				if ob := task.Observe; ob != nil && ob.Kind == scenario.ObserveDeadline && ob.Deadline == subject {
					return o.ID
				}
			}
		}
		for _, d := range sc.Deadlines {
			if d.ID != subject {
				continue
			}
			for _, o := range sc.Objectives {
				for _, m := range d.MetBy {
					if slices.Contains(o.Decisions, m.Decision) {
						return o.ID
					}
				}
			}
		}
		return ""
	case code == "false-claim":
		decision, _, _ = strings.Cut(subject, "/")
	case code == "contradiction":
		decision = claimDecision(sc, subject)
	}
	for _, o := range sc.Objectives {
		if slices.Contains(o.Decisions, decision) {
			return o.ID
		}
	}
	return ""
}

// claimDecision is the decision of the first option that makes the claim.
func claimDecision(sc *scenario.Scenario, claim string) string {
	for _, p := range sc.Phases {
		for _, d := range p.Decisions {
			for _, o := range d.Options {
				if slices.Contains(o.Claims, claim) {
					return d.ID
				}
			}
		}
	}
	return ""
}
