// Package debrief turns a finished (or stopped) exercise into an
// after-action report: Build makes the report model (Report) from the
// engine's state and log, and every export renders that model — HTML, PDF,
// CSV, JSON and the Markdown debrief.
package debrief

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/rubric"
	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/scoring"
)

// SchemaVersion is the version of the JSON export (docs/export-json.md).
// It changes only when a field is removed or changes meaning.
const SchemaVersion = 1

// Report is an exercise's after-action report, following the structure of
// an HSEEP after-action report: overview, results, analysis of objectives,
// strengths and areas for improvement, improvement plan, and a timeline.
// Every text in it is in the report's language; ids stay as in the
// scenario. Times are seconds of exercise time. The renderers (HTML, PDF,
// CSV, JSON, Markdown) read only this.
type Report struct {
	SchemaVersion int    `json:"schema_version"`
	Lang          string `json:"lang"`
	Title         string `json:"title"`
	// HandoutTeam is set for a one-team handout: the report then holds only
	// that team's results and findings, plus the general lessons.
	HandoutTeam  string            `json:"handout_team,omitempty"`
	Overview     Overview          `json:"overview"`
	Dimensions   []string          `json:"dimensions"` // score dimensions shown, "overall" last
	Teams        []TeamReport      `json:"teams"`
	Objectives   []ObjectiveReport `json:"objectives"`
	Strengths    []Finding         `json:"strengths"`
	Improvements []Finding         `json:"areas_for_improvement"`
	Lessons      []Lesson          `json:"general_lessons"`
	Plan         []PlanRow         `json:"improvement_plan"`
	Notes        []NoteReport      `json:"notes"` // the facilitator's notes about no team in particular
	// RefusedCommands are the facilitator's commands the engine refused
	// and logged (a play script's actions).
	RefusedCommands []RefusedCommand `json:"refused_commands"`
	Timeline        []TimelineEntry  `json:"timeline"`
	Method          string           `json:"scoring_method"`
	RatingRule      string           `json:"rating_rule"`

	// PlanSaved is set when Strengths, Improvements and Plan are the
	// facilitator's saved improvement plan (ApplyPlan), not the evidence's
	// findings; PlanSavedAt is when it was saved (RFC 3339).
	PlanSaved   bool   `json:"plan_saved,omitempty"`
	PlanSavedAt string `json:"plan_saved_at,omitempty"`

	// Feedback summarises the participants' hotwash forms (ApplyFeedback);
	// nil when none was collected.
	Feedback *FeedbackSummary `json:"participant_feedback,omitempty"`

	// CarriedOver are the corrective actions of earlier exercises of the
	// same organisation still not done when this one took place (the
	// training programme; carried.go); none when it belongs to none.
	CarriedOver []CarriedOverAction `json:"carried_over,omitempty"`

	// Pictures are the bytes of the pictures the timeline names, by path,
	// for the formats that show them (HTML, PDF); not part of the JSON.
	Pictures map[string][]byte `json:"-"`
}

// Overview is the exercise overview.
type Overview struct {
	// ExerciseID is the exercise's id in the database, when the caller knows it.
	ExerciseID string `json:"exercise_id,omitempty"`
	ScenarioID string `json:"scenario_id"`
	Scenario   string `json:"scenario"`
	Summary    string `json:"summary,omitempty"`
	Kind       string `json:"kind"`
	KindName   string `json:"kind_name"`
	// Cut and Difficulty are the version of the scenario played: "full"
	// or one of its cuts, and easy, standard or hard; Version says both
	// in the report's language ("30-minute version, hard difficulty").
	Cut        string `json:"cut"`
	Difficulty string `json:"difficulty"`
	Version    string `json:"version"`
	// Date (YYYY-MM-DD) and StartedAt (RFC 3339) come from the wall-clock
	// time of the first logged event; empty when unknown (see SetStarted).
	Date            string         `json:"date,omitempty"`
	StartedAt       string         `json:"started_at,omitempty"`
	DurationSeconds float64        `json:"duration_seconds"`
	EndSeconds      float64        `json:"end_seconds"` // when the exercise ended, or how far it ran
	Ended           bool           `json:"ended"`
	EndReason       string         `json:"end_reason,omitempty"`
	Status          string         `json:"status"`
	Teams           []string       `json:"teams"`
	Objectives      []ObjectiveRef `json:"objectives"`
	World           []Variable     `json:"world"`
}

// ObjectiveRef names an objective.
type ObjectiveRef struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Variable is a world variable of the scenario.
type Variable struct {
	ID    string  `json:"id"`
	Label string  `json:"label"`
	Start float64 `json:"start"`
	Min   float64 `json:"min"`
	Max   float64 `json:"max"`
}

// TeamReport is one team's results.
type TeamReport struct {
	Name           string                `json:"name"`
	Ending         Ending                `json:"ending"`
	Scores         map[string]float64    `json:"scores"` // dimensions with evidence, and "overall"
	Overrides      []OverrideReport      `json:"overrides"`
	Path           []PathStep            `json:"path"`
	Decisions      []DecisionReport      `json:"decisions"`
	Statements     []StatementReport     `json:"statements"`
	Replies        []ReplyReport         `json:"replies"`         // the team's answers to injects, in the order sent
	Press          []PressReport         `json:"press,omitempty"` // the team's press conferences, in the order started
	Cases          []CaseReport          `json:"cases,omitempty"` // the customer cases that reached the team, in the order they arrived
	Posts          []TeamPostReport      `json:"posts"`           // the team's posts on the simulated channels, in the order posted
	Roleplay       []RoleplayReport      `json:"roleplay"`        // what role-players did that reached the team, in order
	Deadlines      []DeadlineReport      `json:"deadlines"`
	Triggers       []TriggerReport       `json:"triggers"`
	Contradictions []ContradictionReport `json:"contradictions"`
	Promises       []PromiseReport       `json:"promises"`
	Injects        int                   `json:"injects_received"`
	Refused        int                   `json:"refused_actions"`
	Inbox          []DeliveryReport      `json:"inbox"`            // the injects received, in order
	Changes        []ChangeReport        `json:"schedule_changes"` // the facilitator's, in order
	Feed           []PostReport          `json:"feed"`             // the simulated public's posts, oldest first
	Rejected       []RejectedReport      `json:"rejected"`         // the team's refused actions
	World          []WorldValue          `json:"world"`            // at the end
	Curves         []Curve               `json:"world_curves"`     // over time, one per variable
	Notes          []NoteReport          `json:"notes"`

	// Triage are the team's social-listening triages, in the order made
	// or closed (triage.go).
	Triage []TriageReport `json:"triage,omitempty"`
}

// DeliveryReport is an inject as a team received it.
type DeliveryReport struct {
	Inject      string  `json:"inject"`
	AtSeconds   float64 `json:"at_seconds"`
	Channel     string  `json:"channel"`
	ChannelName string  `json:"channel_name"`
	From        string  `json:"from,omitempty"`
	// Note says how the facilitator moved the delivery (sent early,
	// delayed) and whom an ad-hoc inject was addressed to; "" when neither.
	Note string `json:"note,omitempty"`
	Text string `json:"text"` // on one line
}

// ChangeReport is a change the facilitator made to a team's schedule.
type ChangeReport struct {
	Kind      string  `json:"kind"` // the event kind, e.g. inject.delayed
	AtSeconds float64 `json:"at_seconds"`
	Text      string  `json:"text"`
}

// PostReport is a post of the simulated public in a team's feed.
type PostReport struct {
	AtSeconds float64 `json:"at_seconds"`
	Tone      string  `json:"tone"` // support, neutral, hostile or ridicule
	From      string  `json:"from,omitempty"`
	Text      string  `json:"text"`
	// Reaction marks the public's answer to one of the team's posts.
	Reaction bool `json:"reaction,omitempty"`
}

// TeamPostReport is a team's post on a simulated channel (its official
// account, a press release, a pinned notice): the text, the statement
// judge's verdict on it, and how the public reacted. A post does not change
// the scores; its reaction moves the world.
type TeamPostReport struct {
	Channel     string  `json:"channel"` // social, news or notice
	ChannelName string  `json:"channel_name"`
	AtSeconds   float64 `json:"at_seconds"`
	KindName    string  `json:"kind_name"` // the kind of statement it was judged as
	Text        string  `json:"text"`
	// Findings are what the judge found when the team posted, which the
	// public reacted to (docs/scenario-format.md, "Feed").
	Findings []string `json:"findings"`
	// Judge and JudgedLive are as a statement's (StatementReport).
	Judge      int           `json:"judge,omitempty"`
	JudgedLive int           `json:"judged_live,omitempty"`
	Rubric     *RubricReport `json:"rubric,omitempty"`
	Reaction   []PostReport  `json:"reaction"` // the public's answer, in the order shown
	Moved      []WorldMove   `json:"moved"`    // how the reaction moved the team's world
	// Repeat is how many earlier posts of the team drew the same
	// reaction: the public reacted 1/2^Repeat as strongly and posted no
	// new replies (engine.Post.Repeat).
	Repeat int `json:"repeat,omitempty"`
}

// WorldMove is a change of a world variable.
type WorldMove struct {
	Variable string  `json:"variable"`
	Label    string  `json:"label"`
	Delta    float64 `json:"delta"`
}

// RejectedReport is an action of the team the engine refused.
type RejectedReport struct {
	AtSeconds float64 `json:"at_seconds"`
	Decision  string  `json:"decision"`
	Option    string  `json:"option"`
	// Choice names the decision and the option in the report's language
	// (its question, then the option's first sentence); the ids when the
	// scenario has no such decision or option, which may be why it was
	// refused.
	Choice string `json:"choice"`
	Reason string `json:"reason"`
}

// RefusedCommand is a facilitator's command the engine refused.
type RefusedCommand struct {
	AtSeconds float64 `json:"at_seconds"`
	Command   string  `json:"command"`
	Team      string  `json:"team,omitempty"`
	Reason    string  `json:"reason"` // the refusal's code
	Text      string  `json:"text"`
}

// Ending is how a team's play ended.
type Ending struct {
	Status    string  `json:"status"` // ending, time-up, facilitator, complete or playing
	Phase     string  `json:"phase,omitempty"`
	Tone      string  `json:"tone,omitempty"` // good, mixed or bad
	AtSeconds float64 `json:"at_seconds"`
	Title     string  `json:"title"` // the ending phase's title, or how play ended
	Short     string  `json:"short"` // title, tone and time, for tables
	Text      string  `json:"text"`  // the full outcome
}

// PathStep is a phase on a team's path.
type PathStep struct {
	Phase     string  `json:"phase"`
	Title     string  `json:"title"`
	AtSeconds float64 `json:"at_seconds"`
}

// DecisionReport is one decision as a team met it.
type DecisionReport struct {
	ID              string             `json:"id"`
	Prompt          string             `json:"prompt"`
	Label           string             `json:"label"` // the prompt's question, shortened
	Phase           string             `json:"phase"`
	OpenedAtSeconds float64            `json:"opened_at_seconds"`
	TargetSeconds   float64            `json:"target_seconds"`   // after opening
	DeadlineSeconds float64            `json:"deadline_seconds"` // after opening
	Status          string             `json:"status"`           // chosen, timed-out, abandoned, open, optional or ended-early
	Option          string             `json:"option,omitempty"`
	OptionText      string             `json:"option_text,omitempty"`
	ResponseSeconds *float64           `json:"response_seconds,omitempty"` // chosen only
	ByTarget        bool               `json:"by_target"`
	AuthorScores    map[string]int     `json:"author_scores,omitempty"`
	Scores          map[string]float64 `json:"scores,omitempty"`
	Answer          string             `json:"answer"` // the option's text (shortened), or what happened instead
	// Shown are the option ids in the order the team saw them; ShownAs is
	// the chosen option's place there (from 1; 0 when none was chosen).
	Shown   []string `json:"shown"`
	ShownAs int      `json:"shown_as,omitempty"`
}

// StatementReport is a statement a team wrote with a choice.
type StatementReport struct {
	Decision string      `json:"decision"`
	Prompt   string      `json:"prompt"`
	Label    string      `json:"label"`
	Kind     string      `json:"kind"`
	KindName string      `json:"kind_name"` // Kind in the report's language
	Text     string      `json:"text"`
	Facts    []FactCheck `json:"facts"`
	// Judge is the version of the statement judge whose scores this
	// report shows; JudgedLive the version that gave the team its live
	// feedback when the statement was sent (0 when the log predates the
	// record). They differ when the exercise was played with an older
	// Firebreak.
	Judge      int `json:"judge,omitempty"`
	JudgedLive int `json:"judged_live,omitempty"`
	// Rubric is the statement judge's verdict on Text; nil when the team
	// wrote nothing.
	Rubric *RubricReport `json:"rubric,omitempty"`
}

// ReplyReport is a team's written answer to an inject that asked for one
// (the customer's message, the reporter's email): what it answers, the
// text, and the statement judge's verdict on it, as a statement has. A
// reply does not change the scores.
type ReplyReport struct {
	Inject string `json:"inject"` // the inject's id; adhoc-N for a facilitator's
	// InjectAtSeconds is when the inject reached the team (the latest
	// delivery before the reply).
	InjectAtSeconds float64     `json:"inject_at_seconds"`
	Channel         string      `json:"channel"`
	ChannelName     string      `json:"channel_name"`
	From            string      `json:"from,omitempty"`
	About           string      `json:"about"`      // the inject's text, shortened
	AtSeconds       float64     `json:"at_seconds"` // when the team replied
	Kind            string      `json:"kind"`       // what the answer is: customer-email, holding…
	KindName        string      `json:"kind_name"`  // Kind in the report's language
	Text            string      `json:"text"`
	Facts           []FactCheck `json:"facts"` // the reply's required facts
	// Judge and JudgedLive are as a statement's (StatementReport).
	Judge      int           `json:"judge,omitempty"`
	JudgedLive int           `json:"judged_live,omitempty"`
	Rubric     *RubricReport `json:"rubric,omitempty"`
}

// RubricReport is the rule-based judgement of a written statement.
type RubricReport struct {
	Overall float64       `json:"overall"`
	Scores  []RubricScore `json:"scores"` // in the judge's dimension order
	// Checks are the checks that counted: the credits the statement
	// earned and the penalties that fired, in the judge's order.
	Checks []RubricCheck `json:"checks"`
}

// RubricScore is a statement's score on one of the judge's dimensions.
type RubricScore struct {
	Dimension string  `json:"dimension"`
	Label     string  `json:"label"`
	Score     float64 `json:"score"`
}

// RubricCheck is a credit the statement earned or a penalty that fired,
// with the statement's words that show it.
type RubricCheck struct {
	ID       string   `json:"id"`
	Label    string   `json:"label"`
	Penalty  bool     `json:"penalty"`
	Evidence []string `json:"evidence"`
}

// FactCheck tells whether a required fact is in a statement.
type FactCheck struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Found bool   `json:"found"`
}

// DeadlineReport is a regulatory deadline as it ran for a team.
type DeadlineReport struct {
	ID               string   `json:"id"`
	Label            string   `json:"label"`
	Status           string   `json:"status"` // met, missed or running
	StartedAtSeconds float64  `json:"started_at_seconds"`
	DueAtSeconds     float64  `json:"due_at_seconds"`
	MetAtSeconds     *float64 `json:"met_at_seconds,omitempty"`
	Represents       string   `json:"represents,omitempty"` // the real-world time, e.g. 72h
	Text             string   `json:"text"`
}

// TriggerReport is a trigger that fired for a team.
type TriggerReport struct {
	ID      string `json:"id"`
	Channel string `json:"channel,omitempty"`
	Text    string `json:"text"`
}

// ContradictionReport is a pair of the team's public claims that cannot both be true.
type ContradictionReport struct {
	Earlier ClaimReport `json:"earlier"`
	Later   ClaimReport `json:"later"`
	Text    string      `json:"text"`
}

// ClaimReport is a public claim.
type ClaimReport struct {
	Claim     string  `json:"claim"`
	Decision  string  `json:"decision"`
	Label     string  `json:"label"` // the decision's question, shortened
	Option    string  `json:"option"`
	Said      string  `json:"said"` // the option's text, shortened
	AtSeconds float64 `json:"at_seconds"`
}

// PromiseReport is a team's promise to update the public.
type PromiseReport struct {
	Decision      string   `json:"decision"`
	Label         string   `json:"label"` // the decision's question, shortened
	Option        string   `json:"option"`
	Said          string   `json:"said"` // the option's text, shortened
	AtSeconds     float64  `json:"at_seconds"`
	DueSeconds    float64  `json:"due_seconds"`
	Status        string   `json:"status"` // kept, missed or running
	KeptAtSeconds *float64 `json:"kept_at_seconds,omitempty"`
	Text          string   `json:"text"`
}

// OverrideReport is a score the facilitator replaced.
type OverrideReport struct {
	Dimension string  `json:"dimension"`
	Value     float64 `json:"value"`
	Computed  float64 `json:"computed"`
	Reason    string  `json:"reason"`
	AtSeconds float64 `json:"at_seconds"`
}

// WorldValue is a world variable's value.
type WorldValue struct {
	ID    string  `json:"id"`
	Label string  `json:"label"`
	Value float64 `json:"value"`
}

// Curve is a world variable over exercise time for one team: a step
// function that holds each value until the next point.
type Curve struct {
	Variable string  `json:"variable"`
	Points   []Point `json:"points"`
}

// Point is a value from a moment on.
type Point struct {
	AtSeconds float64 `json:"at_seconds"`
	Value     float64 `json:"value"`
}

// NoteReport is an observer note of the facilitator.
type NoteReport struct {
	// Order is the note's place among all the exercise's notes, from 1, in
	// the order they were written.
	Order     int     `json:"order"`
	AtSeconds float64 `json:"at_seconds"`
	Team      string  `json:"team,omitempty"`
	Decision  string  `json:"decision,omitempty"`
	Inject    string  `json:"inject,omitempty"`
	About     string  `json:"about,omitempty"` // the decision's question or the inject's text, shortened
	Text      string  `json:"text"`
}

// ObjectiveReport is the analysis of one objective.
type ObjectiveReport struct {
	ID        string          `json:"id"`
	Text      string          `json:"text"`
	Decisions []string        `json:"decisions"`
	Teams     []ObjectiveTeam `json:"teams"`
	// Capability and Targets are the objective's evaluation guide (eeg.go);
	// empty when the scenario gives it none.
	Capability string         `json:"capability,omitempty"`
	Targets    []TargetReport `json:"targets,omitempty"`
}

// ObjectiveTeam is one team's evidence for an objective, the rating the
// evidence suggests and the facilitator's rating, if given.
type ObjectiveTeam struct {
	Team         string     `json:"team"`
	Evidence     []Evidence `json:"evidence"`
	Suggested    string     `json:"suggested_rating"` // P, S, M or U (see RatingRule)
	Rating       string     `json:"rating,omitempty"` // the facilitator's, when given
	RatingReason string     `json:"rating_reason,omitempty"`
	// RatedAgainst is what the evidence suggested when the facilitator
	// rated (Suggested is what it suggests at the end).
	RatedAgainst string `json:"rated_against,omitempty"`
	// Tasks are the team's results for the objective's critical tasks, in
	// the guide's order (eeg.go).
	Tasks []TaskResult `json:"critical_tasks,omitempty"`
	// Evaluations are evaluators' paper guides entered for the team:
	// their ratings and notes (eegpaper.go).
	Evaluations []EvaluationReport `json:"evaluations,omitempty"`
	// Combined is every rater's rating (the facilitator's, the live
	// evaluators', the paper guides'), combined, when an evaluator rated
	// (combined.go).
	Combined *CombinedRating `json:"combined,omitempty"`
}

// Evidence is a team's answer to one of an objective's decisions.
type Evidence struct {
	Decision        string   `json:"decision"`
	Label           string   `json:"label"`  // the decision's question, shortened
	Status          string   `json:"status"` // as DecisionReport.Status
	Option          string   `json:"option,omitempty"`
	ResponseSeconds *float64 `json:"response_seconds,omitempty"`
	ByTarget        bool     `json:"by_target"`
	Answer          string   `json:"answer"` // the option's text (shortened), or what happened instead
	Text            string   `json:"text"`
}

// Finding is a strength or an area for improvement of one team.
type Finding struct {
	Team    string `json:"team"`
	Kind    string `json:"kind"`              // strength or improvement
	Code    string `json:"code"`              // e.g. deadline-missed (docs/export-json.md)
	Subject string `json:"subject,omitempty"` // decision or deadline id it is about
	Text    string `json:"text"`
	// Objective is the id of the objective the finding bears on (the
	// first in the scenario's order whose decisions or critical tasks it
	// is about); "" when it bears on none.
	Objective string `json:"objective,omitempty"`
}

// Lesson is a finding shared by several teams.
type Lesson struct {
	Kind    string `json:"kind"`
	Code    string `json:"code"`
	Subject string `json:"subject,omitempty"`
	Teams   int    `json:"teams"`
	Of      int    `json:"of"`
	Text    string `json:"text"`
}

// PlanRow is a row of the improvement plan. Action, Owner and Due are left
// for the facilitator.
type PlanRow struct {
	Team   string `json:"team"`
	What   string `json:"what"`
	Action string `json:"action"`
	Owner  string `json:"owner"`
	Due    string `json:"due"`
	// Code and Subject are those of the area for improvement the row was
	// drawn from ("" for the facilitator's own); Objective is the id of
	// the objective it bears on ("" for none).
	Code      string `json:"code,omitempty"`
	Subject   string `json:"subject,omitempty"`
	Objective string `json:"objective,omitempty"`
	// Status is StatusOpen (also ""), StatusInProgress or StatusDone.
	Status string `json:"status,omitempty"`
}

// TimelineEntry is one logged event in words.
type TimelineEntry struct {
	Seq             int64    `json:"seq"`
	AtSeconds       float64  `json:"at_seconds"`
	Team            string   `json:"team,omitempty"`
	Kind            string   `json:"kind"` // the event kind as logged, e.g. decision.chosen
	Phase           string   `json:"phase,omitempty"`
	Decision        string   `json:"decision,omitempty"`
	Option          string   `json:"option,omitempty"`
	ResponseSeconds *float64 `json:"response_seconds,omitempty"`
	Text            string   `json:"text"`
	Statement       string   `json:"statement,omitempty"`
	Reply           string   `json:"reply,omitempty"`  // the text of an inject.replied
	Answer          string   `json:"answer,omitempty"` // the text of a press.answered
	Post            string   `json:"post,omitempty"`   // the text of a team.posted
	// Pictures are the pictures a delivered inject carried (their bytes
	// are in Report.Pictures).
	Pictures []TimelinePicture `json:"pictures,omitempty"`
}

// ReportPicture is one picture the timeline names, with its bytes and
// when it first arrived.
type ReportPicture struct {
	TimelinePicture
	Data      []byte
	AtSeconds float64
}

// PictureList lists the pictures the timeline names that the report has,
// each once, in the order they first arrived.
func (r *Report) PictureList() []ReportPicture {
	var out []ReportPicture
	seen := map[string]bool{}
	for _, e := range r.Timeline {
		for _, p := range e.Pictures {
			if data := r.Pictures[p.File]; data != nil && !seen[p.File] {
				seen[p.File] = true
				out = append(out, ReportPicture{TimelinePicture: p, Data: data, AtSeconds: e.AtSeconds})
			}
		}
	}
	return out
}

// TimelinePicture is one picture of an inject: its path in the scenario
// and what it shows.
type TimelinePicture struct {
	File string `json:"file"`
	Alt  string `json:"alt"`
}

// Finding kinds.
const (
	KindStrength    = "strength"
	KindImprovement = "improvement"
)

// SetStarted records the wall-clock time the exercise started (the first
// logged event's), shown as the exercise date. The events of the engine do
// not carry it: the store does.
func (r *Report) SetStarted(t time.Time) {
	if t.IsZero() {
		r.Overview.Date, r.Overview.StartedAt = "", ""
		return
	}
	r.Overview.Date = t.Format("2006-01-02")
	r.Overview.StartedAt = t.Format(time.RFC3339)
}

// Build makes the after-action report of an exercise: st is its state and
// events its log (the log gives the timeline and the world curves; nil
// leaves both empty). team "" reports on every team; a team's name makes a
// one-team handout. An unknown team gives a report with no team in it.
func Build(st *engine.State, events []engine.Event, lang string, team string) *Report {
	sc := st.Scenario
	L := func(k string) string { return T(lang, k) }
	r := &Report{SchemaVersion: SchemaVersion, Lang: lang, Title: L("aar"), HandoutTeam: team,
		Method: fmt.Sprintf(L("methodtext"), WeightsText(sc, lang)), RatingRule: L("ratingrule")}
	if team != "" {
		r.Title = L("aar") + " — " + fmt.Sprintf(L("handout"), team)
	}
	var teams []*engine.Team
	for _, t := range st.Teams {
		if team == "" || t.Name == team {
			teams = append(teams, t)
		}
	}
	include := func(name string) bool { return team == "" || name == team }

	// Overview.
	ov := &r.Overview
	ov.ScenarioID, ov.Scenario, ov.Summary = sc.ID, sc.Title.Get(lang), sc.Summary.Get(lang)
	ov.Kind, ov.KindName = sc.Kind, KindName(sc.Kind, lang)
	ov.DurationSeconds = secs(sc.Duration)
	ov.Cut, ov.Difficulty = sc.Played()
	ov.Version = VersionText(sc, lang)
	ov.Ended, ov.EndReason = st.Ended, st.Reason
	if st.Ended {
		ov.EndSeconds = secs(st.EndedAt)
		ov.Status = fmt.Sprintf(Label(lang, "ended"), Clock(st.EndedAt), Label(lang, "reason."+st.Reason))
	} else {
		ov.EndSeconds = secs(st.Now)
		ov.Status = fmt.Sprintf(Label(lang, "running"), Clock(st.Now))
	}
	ov.Teams = []string{}
	for _, t := range teams {
		ov.Teams = append(ov.Teams, t.Name)
	}
	ov.Objectives = []ObjectiveRef{}
	for _, o := range sc.Objectives {
		ov.Objectives = append(ov.Objectives, ObjectiveRef{ID: o.ID, Text: o.Text.Get(lang)})
	}
	ov.World = []Variable{}
	for _, v := range sc.World {
		ov.World = append(ov.World, Variable{ID: v.ID, Label: varLabel(v, lang), Start: v.Start, Min: v.Min, Max: v.Max})
	}

	// Dimensions any team has evidence for, in report order, then overall.
	r.Dimensions = []string{}
	for _, d := range scoring.Dimensions {
		for _, t := range teams {
			if t.Scores().Has[d] {
				r.Dimensions = append(r.Dimensions, d)
				break
			}
		}
	}
	r.Dimensions = append(r.Dimensions, scoring.Overall)

	timeline, curves := replay(events, lang, team)
	r.Timeline = timeline
	for _, e := range timeline {
		for _, p := range e.Pictures {
			if data := st.Picture(p.File); data != nil {
				if r.Pictures == nil {
					r.Pictures = map[string][]byte{}
				}
				r.Pictures[p.File] = data
			}
		}
	}

	r.Teams = []TeamReport{}
	for _, t := range teams {
		tr := teamReport(st, t, lang)
		for _, v := range sc.World {
			if pts := curves[t.Name][v.ID]; len(pts) > 0 {
				tr.Curves = append(tr.Curves, Curve{Variable: v.ID, Points: pts})
			}
		}
		if tr.Curves == nil {
			tr.Curves = []Curve{}
		}
		r.Teams = append(r.Teams, tr)
	}
	// Replies are judged but not scored: where there are some, the method
	// says so.
	space := " " // between sentences; none in Chinese
	if lang == "zh" {
		space = ""
	}
	if slices.ContainsFunc(r.Teams, func(t TeamReport) bool { return len(t.Replies) > 0 }) {
		r.Method += space + L("method.replies")
	}
	if slices.ContainsFunc(r.Teams, func(t TeamReport) bool { return len(t.Posts) > 0 }) {
		r.Method += space + L("method.posts")
	}
	if slices.ContainsFunc(r.Teams, func(t TeamReport) bool { return len(t.Press) > 0 }) {
		r.Method += space + L("method.press")
	}
	if slices.ContainsFunc(r.Teams, func(t TeamReport) bool { return len(t.Cases) > 0 }) {
		r.Method += space + L("method.cases")
	}
	if slices.ContainsFunc(r.Teams, func(t TeamReport) bool { return len(t.Triage) > 0 }) {
		r.Method += space + L("method.triage")
	}
	if slices.ContainsFunc(r.Teams, func(t TeamReport) bool { return len(t.Roleplay) > 0 }) {
		r.Method += space + L("method.roleplay")
	}

	r.Objectives = []ObjectiveReport{}
	for _, o := range sc.Objectives {
		or := ObjectiveReport{ID: o.ID, Text: o.Text.Get(lang), Decisions: slices.Clone(o.Decisions), Teams: []ObjectiveTeam{}}
		if or.Decisions == nil {
			or.Decisions = []string{}
		}
		or.Capability, or.Targets = o.Capability.Get(lang), targetReports(sc, o, lang)
		for _, t := range teams {
			ot := objectiveTeam(t, o, lang)
			ot.Tasks = taskResults(st, t, o, lang)
			applyEvaluations(t, o, &ot, lang)
			for i, ev := range t.Evaluations[o.ID] {
				liveEvaluation(st, t, o, ev, &ot.Evaluations[i], lang)
			}
			combine(t, o, &ot, lang)
			or.Teams = append(or.Teams, ot)
		}
		r.Objectives = append(r.Objectives, or)
	}

	// Findings: every team's, so the general lessons cover the whole
	// exercise even in a handout; the report keeps the included teams'.
	r.Strengths, r.Improvements, r.Plan = []Finding{}, []Finding{}, []PlanRow{}
	all := map[string][]Finding{}
	for _, t := range st.Teams {
		fs := findings(st, t, lang)
		all[t.Name] = fs
		if !include(t.Name) {
			continue
		}
		for _, f := range fs {
			if f.Kind == KindStrength {
				r.Strengths = append(r.Strengths, f)
			} else {
				r.Improvements = append(r.Improvements, f)
				r.Plan = append(r.Plan, PlanRow{Team: f.Team, What: f.Text, Code: f.Code, Subject: f.Subject, Objective: f.Objective})
			}
		}
	}
	r.Lessons = lessons(st, all, lang)

	r.Notes = []NoteReport{}
	for i, n := range st.Notes {
		if n.Team == "" {
			r.Notes = append(r.Notes, noteReport(sc, n, i, lang))
		}
	}
	r.RefusedCommands = []RefusedCommand{}
	for _, e := range st.Refused {
		if e.Team == "" || include(e.Team) {
			r.RefusedCommands = append(r.RefusedCommands, RefusedCommand{AtSeconds: secs(e.At), Command: e.Command, Team: e.Team,
				Reason: e.Reason, Text: refusedText(sc, e, lang)})
		}
	}
	return r
}

func secs(d time.Duration) float64 { return d.Seconds() }

// dur turns report seconds back into a duration, for Clock and Took.
func dur(s float64) time.Duration { return time.Duration(math.Round(s * float64(time.Second))) }

func ptr(f float64) *float64 { return &f }

func varLabel(v *scenario.Variable, lang string) string {
	if s := v.Label.Get(lang); s != "" {
		return s
	}
	return v.ID
}

// noteReport is the i-th (from 0) of the exercise's notes.
func noteReport(sc *scenario.Scenario, n engine.Note, i int, lang string) NoteReport {
	nr := NoteReport{Order: i + 1, AtSeconds: secs(n.At), Team: n.Team, Decision: n.Decision, Inject: n.Inject, Text: n.Text}
	if n.Decision != "" {
		nr.About = decisionName(sc, n.Decision, lang)
	} else if in := sc.Inject(n.Inject); in != nil {
		nr.About = brief(in.Text.Get(lang), false)
	}
	return nr
}

func teamReport(st *engine.State, t *engine.Team, lang string) TeamReport {
	sc := st.Scenario
	L := func(k string) string { return T(lang, k) }
	tr := TeamReport{Name: t.Name, Scores: map[string]float64{}, Injects: len(t.Inbox), Refused: len(t.Rejected)}

	// Ending.
	tr.Ending = Ending{Status: "playing", Text: endingText(st, t, lang), Title: Label(lang, "playing")}
	if t.Ended {
		tr.Ending.Status, tr.Ending.AtSeconds = t.EndReason, secs(t.EndedAt)
		tr.Ending.Title = Label(lang, "reason."+t.EndReason)
		tr.Ending.Short = fmt.Sprintf("%s (%s)", tr.Ending.Title, Clock(t.EndedAt))
		if t.EndReason == engine.EndReached {
			tr.Ending.Phase = t.Ending
			tr.Ending.Title = phaseTitle(st, t.Ending, lang)
			if p := sc.Phase(t.Ending); p != nil && p.Ending != nil {
				tr.Ending.Title = p.EndingTitle(lang) // shown after an "Ending" label
				tr.Ending.Tone = p.Ending.Tone
				tr.Ending.Short = endingShort(tr.Ending.Title, Label(lang, "tone."+p.Ending.Tone), Clock(t.EndedAt), lang)
			}
		}
	} else {
		tr.Ending.AtSeconds = secs(st.Now)
		tr.Ending.Short = tr.Ending.Title
	}

	s := t.Scores()
	for _, d := range append(slices.Clone(scoring.Dimensions), scoring.Overall) {
		if s.Has[d] {
			tr.Scores[d] = s.Get(d)
		}
	}
	tr.Overrides = []OverrideReport{}
	for _, d := range append(slices.Clone(scoring.Dimensions), scoring.Overall) {
		if o, ok := t.Overrides[d]; ok {
			tr.Overrides = append(tr.Overrides, OverrideReport{Dimension: d, Value: o.Value, Computed: o.Original, Reason: o.Reason, AtSeconds: secs(o.At)})
		}
	}

	tr.Path = []PathStep{}
	for _, p := range t.Path {
		tr.Path = append(tr.Path, PathStep{Phase: p.Phase, Title: phaseTitle(st, p.Phase, lang), AtSeconds: secs(p.At)})
	}

	tr.Decisions, tr.Statements = []DecisionReport{}, []StatementReport{}
	for _, a := range t.Answers {
		tr.Decisions = append(tr.Decisions, decisionReport(a, lang))
		if a.Decision.Statement != nil && a.Option != nil {
			sr := StatementReport{Decision: a.Decision.ID, Prompt: a.Decision.Prompt.Get(lang), Label: brief(a.Decision.Prompt.Get(lang), true),
				Kind: a.Decision.Statement.Kind, KindName: Label(lang, "skind."+a.Decision.Statement.Kind),
				Text: strings.TrimSpace(a.Statement), Facts: []FactCheck{}, JudgedLive: a.JudgedLive}
			if a.Rubric != nil {
				sr.Judge = a.Rubric.Version
				sr.Rubric = rubricReport(a.Rubric, lang)
			}
			for _, id := range a.Decision.Statement.RequiredFacts {
				sr.Facts = append(sr.Facts, FactCheck{ID: id, Label: factLabel(sc, id, lang), Found: slices.Contains(a.FactsFound, id)})
			}
			tr.Statements = append(tr.Statements, sr)
		}
	}
	tr.Press = pressReports(sc, t, lang)
	tr.Cases = caseReports(sc, t, lang)
	tr.Triage = triageReports(t, lang)
	tr.Replies = []ReplyReport{}
	for _, rp := range t.Replies {
		tr.Replies = append(tr.Replies, replyReport(sc, t, rp, lang))
	}
	tr.Posts = []TeamPostReport{}
	for _, p := range t.Posts {
		tr.Posts = append(tr.Posts, teamPostReport(sc, p, lang))
	}
	tr.Roleplay = roleplayReports(st, t, lang)

	tr.Deadlines = []DeadlineReport{}
	for _, id := range slices.Sorted(maps.Keys(t.RegDeadlines)) {
		ds := t.RegDeadlines[id]
		dr := DeadlineReport{ID: id, Label: ds.Deadline.Label.Get(lang), StartedAtSeconds: secs(ds.StartedAt), DueAtSeconds: secs(ds.DueAt())}
		switch {
		case ds.Met:
			dr.Status, dr.MetAtSeconds = "met", ptr(secs(ds.MetAt))
			dr.Text = fmt.Sprintf(Label(lang, "dl.met"), Clock(ds.MetAt))
		case ds.Missed:
			dr.Status = "missed"
			dr.Text = fmt.Sprintf(Label(lang, "dl.missed"), Clock(ds.DueAt()))
		default:
			dr.Status = "running"
			dr.Text = fmt.Sprintf(Label(lang, "dl.running"), Clock(ds.DueAt()))
		}
		if ds.Deadline.Represents > 0 {
			dr.Represents = humanDuration(ds.Deadline.Represents, lang)
			dr.Text += " — " + fmt.Sprintf(Label(lang, "dl.represents"), dr.Represents)
		}
		tr.Deadlines = append(tr.Deadlines, dr)
	}

	tr.Triggers = []TriggerReport{}
	for _, trg := range sc.Triggers {
		if !t.Triggered[trg.ID] {
			continue
		}
		x := TriggerReport{ID: trg.ID, Text: trg.ID}
		if trg.Inject != nil {
			x.Channel = trg.Inject.Channel
			x.Text = Label(lang, "channel."+trg.Inject.Channel) + T(lang, "sep") + oneLine(trg.Inject.Text.Get(lang))
		}
		tr.Triggers = append(tr.Triggers, x)
	}

	tr.Contradictions = []ContradictionReport{}
	for _, c := range t.Contradictions {
		cr := ContradictionReport{Earlier: claimReport(sc, c.Earlier, lang), Later: claimReport(sc, c.Later, lang)}
		cr.Text = fmt.Sprintf(L("contradiction"), claimText(sc, c.Earlier, lang), Clock(c.Earlier.At), claimText(sc, c.Later, lang), Clock(c.Later.At))
		tr.Contradictions = append(tr.Contradictions, cr)
	}
	tr.Promises = []PromiseReport{}
	for _, c := range t.Commitments {
		pr := PromiseReport{Decision: c.Decision, Label: decisionName(sc, c.Decision, lang), Option: c.Option,
			Said: optionName(sc, c.Decision, c.Option, lang), AtSeconds: secs(c.At), DueSeconds: secs(c.Due)}
		switch {
		case c.Kept:
			pr.Status, pr.KeptAtSeconds = "kept", ptr(secs(c.KeptAt))
			pr.Text = fmt.Sprintf(L("promise.kept"), Clock(c.At), Clock(c.Due), Clock(c.KeptAt))
		case c.Missed:
			pr.Status = "missed"
			pr.Text = fmt.Sprintf(L("promise.missed"), Clock(c.At), Clock(c.Due))
		default:
			pr.Status = "running"
			pr.Text = fmt.Sprintf(L("promise.running"), Clock(c.At), Clock(c.Due))
		}
		tr.Promises = append(tr.Promises, pr)
	}

	tr.World = []WorldValue{}
	for _, v := range sc.World {
		tr.World = append(tr.World, WorldValue{ID: v.ID, Label: varLabel(v, lang), Value: round2(t.World[v.ID])})
	}
	tr.Notes = []NoteReport{}
	for i, n := range st.Notes {
		if n.Team == t.Name {
			tr.Notes = append(tr.Notes, noteReport(sc, n, i, lang))
		}
	}

	tr.Inbox = []DeliveryReport{}
	for _, d := range t.Inbox {
		tr.Inbox = append(tr.Inbox, DeliveryReport{Inject: d.Inject.ID, AtSeconds: secs(d.At), Channel: d.Inject.Channel,
			ChannelName: Label(lang, "channel."+d.Inject.Channel), From: d.Inject.From.Get(lang), Note: deliveryNote(sc, d, lang),
			Text: oneLine(d.Inject.Text.Get(lang))})
	}
	tr.Changes = []ChangeReport{}
	for _, c := range t.Changes {
		tr.Changes = append(tr.Changes, ChangeReport{Kind: string(c.Kind), AtSeconds: secs(c.At), Text: upperFirst(ChangeText(c, lang))})
	}
	tr.Feed = []PostReport{}
	for _, f := range t.Feed {
		if f.Own != nil {
			continue // the team's own words: under Posts
		}
		tr.Feed = append(tr.Feed, PostReport{AtSeconds: secs(f.At), Tone: f.Post.Tone, From: f.Post.From.Get(lang), Text: f.Post.Text.Get(lang),
			Reaction: f.Reaction})
	}
	tr.Rejected = []RejectedReport{}
	for _, e := range t.Rejected {
		reason := e.Reason // a log from before refusals were coded keeps the engine's words
		if e.Code != "" {
			reason = RefusalText(e.Code, lang)
		}
		tr.Rejected = append(tr.Rejected, RejectedReport{AtSeconds: secs(e.At), Decision: e.Decision, Option: e.Option,
			Choice: choiceWords(sc, e.Decision, e.Option, lang), Reason: reason})
	}
	return tr
}

// replyReport is one of the team's replies in the report's language.
func replyReport(sc *scenario.Scenario, t *engine.Team, rp engine.Reply, lang string) ReplyReport {
	in := rp.Inject
	rr := ReplyReport{Inject: in.ID, Channel: in.Channel, ChannelName: Label(lang, "channel."+in.Channel), From: in.From.Get(lang),
		About: brief(in.Text.Get(lang), false), AtSeconds: secs(rp.At), Text: strings.TrimSpace(rp.Text), Facts: []FactCheck{},
		JudgedLive: rp.JudgedLive}
	for _, d := range t.Inbox {
		if d.Inject.ID == in.ID && d.At <= rp.At {
			rr.InjectAtSeconds = secs(d.At)
		}
	}
	if spec := in.Reply; spec != nil {
		rr.Kind, rr.KindName = spec.Kind, Label(lang, "skind."+spec.Kind)
		for _, id := range spec.RequiredFacts {
			rr.Facts = append(rr.Facts, FactCheck{ID: id, Label: factLabel(sc, id, lang), Found: slices.Contains(rp.FactsFound, id)})
		}
	}
	if rp.Rubric != nil {
		rr.Judge = rp.Rubric.Version
		rr.Rubric = rubricReport(rp.Rubric, lang)
	}
	return rr
}

// postHeading says where and when a team posted, and what its post was
// judged as when the channel's name does not say it.
func postHeading(p TeamPostReport, lang string) string {
	s := upperFirst(fmt.Sprintf(Label(lang, "post.at"), Clock(dur(p.AtSeconds)), p.ChannelName))
	if p.KindName != p.ChannelName {
		s += Label(lang, "paren") + p.KindName + Label(lang, "parenend")
	}
	return s
}

// teamPostReport is one of the team's posts in the report's language.
func teamPostReport(sc *scenario.Scenario, p engine.Post, lang string) TeamPostReport {
	pr := TeamPostReport{Channel: p.Channel, ChannelName: Label(lang, "post."+p.Channel), AtSeconds: secs(p.At),
		KindName: Label(lang, "skind."+scenario.PostKind(p.Channel)), Text: strings.TrimSpace(p.Text),
		Findings: append([]string{}, p.Findings...), JudgedLive: p.JudgedLive, Reaction: []PostReport{}, Moved: []WorldMove{},
		Repeat: p.Repeat}
	if p.Rubric != nil {
		pr.Judge = p.Rubric.Version
		pr.Rubric = rubricReport(p.Rubric, lang)
	}
	if p.Reaction != nil && p.Repeat == 0 {
		for _, rp := range p.Reaction.Posts {
			pr.Reaction = append(pr.Reaction, PostReport{AtSeconds: secs(p.At), Tone: rp.Tone, From: rp.From.Get(lang), Text: rp.Text.Get(lang), Reaction: true})
		}
	}
	for _, v := range sc.World {
		if d, ok := p.Moved[v.ID]; ok {
			label := v.Label.Get(lang)
			if label == "" {
				label = v.ID
			}
			pr.Moved = append(pr.Moved, WorldMove{Variable: v.ID, Label: label, Delta: d})
		}
	}
	return pr
}

// rubricReport is the statement judge's result in the report's language:
// the scores, and the checks that counted.
func rubricReport(res *rubric.Result, lang string) *RubricReport {
	rr := &RubricReport{Overall: res.Overall, Scores: []RubricScore{}, Checks: []RubricCheck{}}
	for _, d := range rubric.Dimensions {
		if v, ok := res.Scores[d]; ok {
			rr.Scores = append(rr.Scores, RubricScore{Dimension: d, Label: rubricLabel(d, lang), Score: v})
		}
	}
	for _, c := range res.Checks {
		if c.Passed == c.Penalty { // a credit not earned, or a penalty that did not fire
			continue
		}
		name := c.Label[lang]
		if name == "" {
			name = c.ID
		}
		rr.Checks = append(rr.Checks, RubricCheck{ID: c.ID, Label: name, Penalty: c.Penalty, Evidence: append([]string{}, c.Evidence...)})
	}
	return rr
}

// claimText is what the team said when it made a claim: the option's text,
// shortened (a claim itself is only an id).
func claimText(sc *scenario.Scenario, c engine.Claim, lang string) string {
	if d := sc.Decision(c.Decision); d != nil {
		if o := d.Option(c.Option); o != nil {
			return brief(o.Text.Get(lang), false)
		}
	}
	return c.Claim
}

func claimReport(sc *scenario.Scenario, c engine.Claim, lang string) ClaimReport {
	return ClaimReport{Claim: c.Claim, Decision: c.Decision, Label: decisionName(sc, c.Decision, lang), Option: c.Option,
		Said: optionName(sc, c.Decision, c.Option, lang), AtSeconds: secs(c.At)}
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

func factLabel(sc *scenario.Scenario, id, lang string) string {
	for _, f := range sc.Facts {
		if f.ID == id && f.Label.Get(lang) != "" {
			return f.Label.Get(lang)
		}
	}
	return id
}

func status(a engine.Answer) string {
	switch {
	case a.Option != nil:
		return "chosen"
	case a.TimedOut:
		return "timed-out"
	case a.Skipped():
		return "optional"
	case a.Abandoned:
		return "abandoned"
	case a.EndedEarly:
		return "ended-early"
	default:
		return "open"
	}
}

// Unanswered says what happened to a decision the team did not answer: a
// missed deadline, moving on (missed), an optional decision left (with the
// author's reason), time running out, or the exercise ended early.
func Unanswered(a engine.Answer, lang string) string {
	switch st := status(a); st {
	case "optional":
		return Label(lang, "optional") + a.Decision.Optional.Get(lang)
	case "timed-out":
		return Label(lang, "timedout")
	default:
		return Label(lang, st)
	}
}

// answerText is the option's text, or what happened instead.
func answerText(a engine.Answer, lang string) string {
	switch {
	case a.Option != nil:
		return brief(a.Option.Text.Get(lang), false)
	default:
		return Unanswered(a, lang)
	}
}

func decisionReport(a engine.Answer, lang string) DecisionReport {
	d := a.Decision
	dr := DecisionReport{ID: d.ID, Prompt: d.Prompt.Get(lang), Label: brief(d.Prompt.Get(lang), true), OpenedAtSeconds: secs(a.OpenedAt),
		TargetSeconds: secs(d.Target), DeadlineSeconds: secs(d.Deadline), Status: status(a), Answer: answerText(a, lang)}
	if d.Phase != nil {
		dr.Phase = d.Phase.ID
	}
	for i, o := range a.Shown() {
		dr.Shown = append(dr.Shown, o.ID)
		if o == a.Option {
			dr.ShownAs = i + 1
		}
	}
	if a.Option != nil {
		dr.Option, dr.OptionText = a.Option.ID, a.Option.Text.Get(lang)
		dr.Answer += fmt.Sprintf(Label(lang, "shown-as"), dr.ShownAs, len(dr.Shown)) // no space before Chinese brackets
		dr.ResponseSeconds = ptr(secs(a.Took()))
		dr.ByTarget = a.Took() <= d.Target
		if len(a.Option.Scores) > 0 {
			dr.AuthorScores = maps.Clone(a.Option.Scores)
		}
	}
	if sc := a.Scores(); len(sc) > 0 {
		dr.Scores = sc
	}
	return dr
}

func objectiveTeam(t *engine.Team, o *scenario.Objective, lang string) ObjectiveTeam {
	ot := ObjectiveTeam{Team: t.Name, Evidence: []Evidence{}, Suggested: t.SuggestRating(o)}
	for _, a := range t.Answers {
		if !slices.Contains(o.Decisions, a.Decision.ID) {
			continue
		}
		ev := Evidence{Decision: a.Decision.ID, Label: brief(a.Decision.Prompt.Get(lang), true), Status: status(a)}
		ev.Answer = answerText(a, lang)
		ev.Text = ev.Answer
		if a.Option != nil {
			ev.Option = a.Option.ID
			ev.ResponseSeconds = ptr(secs(a.Took()))
			ev.ByTarget = a.Took() <= a.Decision.Target
			ev.Text = brief(a.Option.Text.Get(lang), false) + T(lang, "paren") + Took(a.Took(), lang) + T(lang, "semi") +
				fmt.Sprintf(T(lang, "window"), Took(a.Decision.Target, lang), Took(a.Decision.Deadline, lang)) + T(lang, "parenend")
		}
		ot.Evidence = append(ot.Evidence, ev)
	}
	if rt, ok := t.Ratings[o.ID]; ok {
		ot.Rating, ot.RatingReason, ot.RatedAgainst = rt.Rating, rt.Reason, rt.Suggested
	}
	return ot
}

// findings derives a team's strengths and areas for improvement from the
// evidence, strengths first.
func findings(st *engine.State, t *engine.Team, lang string) []Finding {
	sc := st.Scenario
	L := func(k string) string { return T(lang, k) }
	var good, bad []Finding
	add := func(list *[]Finding, kind, code, subject string, args ...any) {
		*list = append(*list, Finding{Team: t.Name, Kind: kind, Code: code, Subject: subject, Text: fmt.Sprintf(L("f."+code), args...)})
	}
	strength := func(code, subject string, args ...any) { add(&good, KindStrength, code, subject, args...) }
	improve := func(code, subject string, args ...any) { add(&bad, KindImprovement, code, subject, args...) }

	// The first response, then every later decision.
	var chosen []engine.Answer
	for _, a := range t.Answers {
		if a.Option != nil {
			chosen = append(chosen, a)
		}
	}
	sort.SliceStable(chosen, func(i, j int) bool { return chosen[i].At < chosen[j].At })
	for i, a := range chosen {
		d := a.Decision
		prompt, option := brief(d.Prompt.Get(lang), true), brief(a.Option.Text.Get(lang), false)
		switch {
		case i == 0 && a.Took() <= d.Target:
			strength("fast-first-response", d.ID, prompt, Took(a.Took(), lang), Took(d.Target, lang))
		case i == 0:
			improve("slow-first-response", d.ID, prompt, Took(a.Took(), lang), Took(d.Target, lang))
		case a.Took() > d.Target:
			improve("slow-response", d.ID, prompt, Took(a.Took(), lang), Took(d.Target, lang))
		}
		var strong, weak []string
		for _, dim := range scenario.AuthoredDimensions {
			v, ok := a.Option.Scores[dim]
			switch {
			case ok && v >= 2:
				strong = append(strong, fmt.Sprintf("%s %+d", Label(lang, dim), v))
			case ok && v <= -1:
				weak = append(weak, fmt.Sprintf("%s %+d", Label(lang, dim), v))
			}
		}
		if len(strong) > 0 {
			strength("strong-option", d.ID, option, prompt, strings.Join(strong, listSep(lang)))
		}
		// A poor option is one issue, however many dimensions it is
		// poor on: one area for improvement, one corrective action.
		if len(weak) > 0 {
			improve("weak-option", d.ID, option, prompt, strings.Join(weak, listSep(lang)))
		}
		// The false claims of one choice are one issue: one area for
		// improvement with every truth, one corrective action.
		if len(a.FalseClaims) > 0 {
			var truths []string
			for _, c := range a.FalseClaims {
				truth := c
				if fc := sc.FalseClaim(c); fc != nil {
					truth = strings.TrimSpace(fc.Truth.Get(lang))
				}
				truths = append(truths, truth)
			}
			sep := " "
			if lang == "zh" {
				sep = ""
			}
			improve("false-claim", d.ID+"/"+strings.Join(a.FalseClaims, ","), option, prompt, strings.Join(truths, sep))
		}
		if a.Clash != "" {
			improve("statement-clash", d.ID, prompt, Label(lang, "clash."+a.Clash), option)
		}
		if d.Statement != nil && len(d.Statement.RequiredFacts) > 0 {
			var missing []string
			for _, id := range d.Statement.RequiredFacts {
				if !slices.Contains(a.FactsFound, id) {
					missing = append(missing, factLabel(sc, id, lang))
				}
			}
			if len(missing) == 0 {
				strength("statement-complete", d.ID, prompt)
			} else {
				improve("statement-facts-missing", d.ID, prompt, strings.Join(missing, listSep(lang)))
			}
		}
	}
	for _, a := range t.Answers {
		switch {
		case a.TimedOut:
			improve("decision-unanswered", a.Decision.ID, brief(a.Decision.Prompt.Get(lang), true))
		case a.Open:
			improve("decision-open", a.Decision.ID, brief(a.Decision.Prompt.Get(lang), true))
		case a.Missed():
			improve("decision-skipped", a.Decision.ID, brief(a.Decision.Prompt.Get(lang), true))
		}
	}
	for _, id := range slices.Sorted(maps.Keys(t.RegDeadlines)) {
		ds := t.RegDeadlines[id]
		switch {
		case ds.Met:
			strength("deadline-met", id, ds.Deadline.Label.Get(lang), Clock(ds.MetAt), Clock(ds.DueAt()))
		case ds.Missed:
			improve("deadline-missed", id, ds.Deadline.Label.Get(lang), Clock(ds.DueAt()))
		}
	}
	for _, c := range t.Contradictions {
		improve("contradiction", c.Later.Claim, claimText(sc, c.Later, lang), claimText(sc, c.Earlier, lang))
	}
	for _, c := range t.Commitments {
		switch {
		case c.Kept:
			strength("promise-kept", c.Decision, Clock(c.At), Clock(c.Due))
		case c.Missed:
			improve("promise-missed", c.Decision, Clock(c.At), Clock(c.Due))
		}
	}
	if t.Ended && t.EndReason == engine.EndReached {
		if p := sc.Phase(t.Ending); p != nil && p.Ending != nil {
			switch p.Ending.Tone {
			case "good":
				strength("good-ending", t.Ending, p.EndingTitle(lang))
			case "bad":
				improve("bad-ending", t.Ending, p.EndingTitle(lang))
			}
		}
	}
	out := append(good, bad...)
	for i := range out {
		out[i].Objective = objectiveOf(sc, out[i].Code, out[i].Subject)
	}
	return out
}

func listSep(lang string) string {
	if lang == "zh" {
		return "、"
	}
	return ", "
}

// lessons are the findings that at least two teams share, most shared
// first, strengths before areas for improvement.
func lessons(st *engine.State, all map[string][]Finding, lang string) []Lesson {
	out := []Lesson{}
	if len(st.Teams) < 2 {
		return out
	}
	type key struct{ kind, code, subject string }
	count := map[key]int{}
	var order []key
	for _, t := range st.Teams {
		seen := map[key]bool{}
		for _, f := range all[t.Name] {
			k := key{f.Kind, f.Code, f.Subject}
			if seen[k] {
				continue
			}
			seen[k] = true
			if count[k] == 0 {
				order = append(order, k)
			}
			count[k]++
		}
	}
	for _, k := range order {
		if count[k] < 2 {
			continue
		}
		what := T(lang, "g."+k.code)
		if strings.Contains(what, "%s") {
			what = fmt.Sprintf(what, subjectLabel(st.Scenario, k.code, k.subject, lang))
		}
		out = append(out, Lesson{Kind: k.kind, Code: k.code, Subject: k.subject, Teams: count[k], Of: len(st.Teams),
			Text: fmt.Sprintf(T(lang, "lesson"), count[k], len(st.Teams), what)})
	}
	rank := func(kind string) int {
		if kind == KindStrength {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(out, func(a, b Lesson) int {
		return cmp.Or(cmp.Compare(rank(a.Kind), rank(b.Kind)), cmp.Compare(b.Teams, a.Teams))
	})
	return out
}

// subjectLabel names what a finding is about: a decision's prompt or a
// deadline's label.
func subjectLabel(sc *scenario.Scenario, code, subject, lang string) string {
	if strings.HasPrefix(code, "deadline-") {
		for _, d := range sc.Deadlines {
			if d.ID == subject {
				return d.Label.Get(lang)
			}
		}
	}
	if d := sc.Decision(subject); d != nil {
		return brief(d.Prompt.Get(lang), true)
	}
	return subject
}

// briefUnits is how long a shortened text may be: a Chinese character
// counts 2, any other character 1.
const briefUnits = 96

// Question is a decision's prompt shortened to its question, as the
// report's tables name a decision (for lists on screen too).
func Question(prompt string) string { return brief(prompt, true) }

// brief shortens a scenario text for tables and findings: for a prompt
// (question true) its first question, else its first sentence, cut to
// briefUnits with an ellipsis.
func brief(s string, question bool) string {
	s = oneLine(s)
	sentences := splitSentences(s)
	pick := s
	if len(sentences) > 0 {
		pick = sentences[0]
	}
	if question {
		for _, x := range sentences {
			if strings.HasSuffix(x, "?") || strings.HasSuffix(x, "？") {
				pick = x
				break
			}
		}
	}
	units := 0
	for i, r := range pick {
		if isWide(r) {
			units += 2
		} else {
			units++
		}
		if units > briefUnits {
			return strings.TrimRight(pick[:i], " ,，、") + "…"
		}
	}
	return pick
}

// splitSentences splits at 。？！；?! and at ". " (a period before a space).
func splitSentences(s string) []string {
	var out []string
	start := 0
	rs := []rune(s)
	for i, r := range rs {
		end := strings.ContainsRune("。？！?!", r) || (r == '.' && (i+1 == len(rs) || rs[i+1] == ' '))
		if end {
			if x := strings.TrimSpace(string(rs[start : i+1])); x != "" {
				out = append(out, x)
			}
			start = i + 1
		}
	}
	if x := strings.TrimSpace(string(rs[start:])); x != "" {
		out = append(out, x)
	}
	return out
}

// choiceWords names a choice in lang: the decision's question and the
// option's first sentence ("“Do you recall?” → Recall every bottle
// now."), or the ids of what the scenario does not have.
func choiceWords(sc *scenario.Scenario, decision, option, lang string) string {
	d := sc.Decision(decision)
	if d == nil {
		return decision + "/" + option
	}
	words := questionQuoted(d, lang)
	if o := d.Option(option); o != nil {
		return words + " → " + brief(o.Text.Get(lang), false)
	}
	return words + " → " + option
}

// Quote puts s in the quotation marks of lang: the full-width “” of
// Chinese, straight quotes in English (and any other language). The app's
// bundled font (Noto Sans SC) draws “ and ” full-width, which leaves wide
// gaps in English text on screen; the PDF turned them straight already.
func Quote(lang, s string) string {
	if lang == "zh" {
		return "“" + s + "”"
	}
	return `"` + s + `"`
}
