package debrief

import (
	"fmt"
	"slices"
	"strings"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Several evaluators' ratings, combined. Per team and objective, every
// rating given is one rater's: the facilitator's own (objective.rated),
// each live evaluator seat's (eeg.rated) and each paper guide entered
// (eeg.entered). The combined rating is their median on the scale
// P < S < M < U; with an even number of ratings the two middle ones may
// differ, and the worse of the two is taken (a tie goes to the more
// cautious rating, as an after-action report should not claim more than
// half the raters saw). Raters disagree when two ratings are two or more
// steps apart (P and M, S and U, P and U): the report then says so, with
// each rater's observations beside their rating.

// Where a rating comes from (RaterRating.Source).
const (
	SourceFacilitator = "facilitator"
	SourceLive        = "live"
	SourcePaper       = "paper"
)

// DisagreeSteps is how many steps apart two ratings must be for the raters
// to disagree.
const DisagreeSteps = 2

// CombinedRating is the raters' ratings of a team for an objective, and
// their combination.
type CombinedRating struct {
	Ratings []RaterRating `json:"ratings"`
	// Rating is the combined rating (the median; an even count's worse
	// middle rating).
	Rating string `json:"rating"`
	// Spread is how many steps apart the highest and lowest ratings are;
	// Disagree is Spread >= DisagreeSteps.
	Spread   int  `json:"spread"`
	Disagree bool `json:"disagree"`
}

// RaterRating is one rater's rating, with what they observed of the team
// for the objective.
type RaterRating struct {
	Rater  string `json:"rater"` // the evaluator's name; "" for the facilitator
	Source string `json:"source"`
	Rating string `json:"rating"`
	// Notes are the rater's reasons and observations: the facilitator's
	// reason, a paper guide's note, a live evaluator's observations of the
	// team on this objective, with their times.
	Notes []string `json:"notes,omitempty"`
}

// ObservationReport is a live evaluator's observation of a team.
type ObservationReport struct {
	Evaluator string   `json:"evaluator"`
	AtSeconds *float64 `json:"at_seconds,omitempty"` // the moment it is about
	Entry     string   `json:"entry,omitempty"`      // the timeline entry it is attached to, in words
	Text      string   `json:"text"`
}

// EvaluatorTask is an evaluator's tick of a critical task.
type EvaluatorTask struct {
	Task      string   `json:"task"`
	Done      bool     `json:"done"`
	AtSeconds *float64 `json:"at_seconds,omitempty"`
	Note      string   `json:"note,omitempty"`
}

// ratingStep is a rating's place on the scale (P 0 … U 3), -1 for none.
func ratingStep(r string) int { return slices.Index(engine.Ratings, r) }

// Combine combines ratings (P, S, M or U; others are ignored): the
// median, an even count's worse middle one; the spread in steps. It
// returns "" when there is no rating.
func Combine(ratings []string) (rating string, spread int) {
	var steps []int
	for _, r := range ratings {
		if s := ratingStep(r); s >= 0 {
			steps = append(steps, s)
		}
	}
	if len(steps) == 0 {
		return "", 0
	}
	slices.Sort(steps)
	mid := steps[len(steps)/2] // an even count: the upper middle, the worse
	return engine.Ratings[mid], steps[len(steps)-1] - steps[0]
}

// combine fills the team's combined rating for o from the facilitator's
// rating, the evaluations and the observations, when an evaluator (live or
// on paper) has rated; the facilitator's rating alone stays as it was.
func combine(t *engine.Team, o *scenario.Objective, ot *ObjectiveTeam, lang string) {
	var raters []RaterRating
	if ot.Rating != "" {
		rr := RaterRating{Source: SourceFacilitator, Rating: ot.Rating}
		if ot.RatingReason != "" {
			rr.Notes = []string{oneLine(ot.RatingReason)}
		}
		raters = append(raters, rr)
	}
	evaluators := 0
	for _, e := range ot.Evaluations {
		if e.Rating == "" {
			continue
		}
		evaluators++
		rr := RaterRating{Rater: e.Evaluator, Source: SourcePaper, Rating: e.Rating}
		if e.Live {
			rr.Source = SourceLive
		}
		if e.Note != "" {
			rr.Notes = append(rr.Notes, oneLine(e.Note))
		}
		for _, ob := range e.Observations {
			rr.Notes = append(rr.Notes, observationText(ob, lang))
		}
		raters = append(raters, rr)
	}
	if evaluators == 0 {
		return
	}
	var rs []string
	for _, r := range raters {
		rs = append(rs, r.Rating)
	}
	c := &CombinedRating{Ratings: raters}
	c.Rating, c.Spread = Combine(rs)
	c.Disagree = c.Spread >= DisagreeSteps
	ot.Combined = c
}

// liveEvaluation adds what an evaluator did to its evaluation report: its
// ticks (done or not, with their times) and, for a live seat, its
// observations of the team on the objective or on the team as a whole.
func liveEvaluation(st *engine.State, t *engine.Team, o *scenario.Objective, ev engine.Evaluation, er *EvaluationReport, lang string) {
	er.Live = ev.Live
	for _, et := range ev.Tasks {
		tk := EvaluatorTask{Task: et.Task, Done: et.Done, Note: strings.TrimSpace(et.Note)}
		if at, ok := et.Time(); ok {
			tk.AtSeconds = ptr(secs(at))
		}
		er.Tasks = append(er.Tasks, tk)
	}
	for _, ob := range t.ObservationsBy(ev.Evaluator) {
		// On this objective, or on the team as a whole (beside every
		// objective's rating).
		if ob.Objective == o.ID || ob.Objective == "" {
			er.Observations = append(er.Observations, observationReport(st, t, ob, lang))
		}
	}
}

// observationReport is an observation in the report's words.
func observationReport(st *engine.State, t *engine.Team, ob engine.Observation, lang string) ObservationReport {
	r := ObservationReport{Evaluator: ob.Evaluator, Text: oneLine(ob.Text)}
	at, has := ob.About, ob.HasAbout
	if a, ok := t.EntryAt(ob.Entry); ok {
		r.Entry = entryText(st, t, ob.Entry, lang)
		if !has {
			at, has = a, true
		}
	}
	if has {
		r.AtSeconds = ptr(secs(at))
	}
	return r
}

// entryText says a timeline entry (engine.EntryInbox…) briefly.
func entryText(st *engine.State, t *engine.Team, entry string, lang string) string {
	kind, num, _ := strings.Cut(entry, ":")
	n := 0
	fmt.Sscanf(num, "%d", &n)
	switch {
	case kind == "inbox" && n >= 1 && n <= len(t.Inbox):
		in := t.Inbox[n-1].Inject
		return brief(deliveryText(in.Channel, in.From.Get(lang), in.Text.Get(lang), lang), false)
	case kind == "answer" && n >= 1 && n <= len(t.Answers):
		a := t.Answers[n-1]
		if a.Option != nil {
			return fmt.Sprintf(T(lang, "obs.entry.chosen"), brief(a.Decision.Prompt.Get(lang), true), brief(a.Option.Text.Get(lang), true))
		}
		return fmt.Sprintf(T(lang, "ev.timedout"), brief(a.Decision.Prompt.Get(lang), true))
	case kind == "reply" && n >= 1 && n <= len(t.Replies):
		return fmt.Sprintf(T(lang, "obs.entry.reply"), brief(oneLine(t.Replies[n-1].Text), true))
	case kind == "post" && n >= 1 && n <= len(t.Posts):
		return fmt.Sprintf(T(lang, "obs.entry.post"), brief(oneLine(t.Posts[n-1].Text), true))
	}
	return ""
}

// observationText says an observation: its time, what it is attached to,
// the text.
func observationText(ob ObservationReport, lang string) string {
	s := ""
	if ob.AtSeconds != nil {
		s = Clock(dur(*ob.AtSeconds)) + " "
	}
	if ob.Entry != "" {
		s += fmt.Sprintf(T(lang, "obs.on"), ob.Entry)
	}
	return s + ob.Text
}

// raterName is who rated, in lang.
func raterName(r RaterRating, lang string) string {
	switch r.Source {
	case SourceFacilitator:
		return T(lang, "combined.facilitator")
	case SourceLive:
		return fmt.Sprintf(T(lang, "combined.live"), r.Rater)
	}
	return fmt.Sprintf(T(lang, "combined.paper"), r.Rater)
}

// CombinedText says a team's combined rating: the combination, each
// rater's rating, and a disagreement.
func CombinedText(c *CombinedRating, lang string) string {
	var parts []string
	for _, r := range c.Ratings {
		parts = append(parts, raterName(r, lang)+" "+r.Rating)
	}
	s := fmt.Sprintf(T(lang, "combined.line"), T(lang, "rating."+c.Rating), len(c.Ratings), strings.Join(parts, T(lang, "combined.list_sep")))
	if c.Disagree {
		s += T(lang, "combined.sep") + fmt.Sprintf(T(lang, "combined.disagree"), c.Spread)
	}
	return s
}

// CombinedNotes are, when raters disagree, each rater's notes beside their
// rating ("Lee (live) U: 00:09:00 … text").
func CombinedNotes(c *CombinedRating, lang string) []string {
	if !c.Disagree {
		return nil
	}
	var out []string
	for _, r := range c.Ratings {
		notes := T(lang, "combined.no_notes")
		if len(r.Notes) > 0 {
			notes = strings.Join(r.Notes, T(lang, "combined.notes_sep"))
		}
		out = append(out, raterName(r, lang)+" "+r.Rating+T(lang, "sep")+notes)
	}
	return out
}

// combinedLines are an objective's combined ratings, team by team, with
// the notes of raters who disagree, as the exports list them.
func combinedLines(o ObjectiveReport, lang string) (lines []string, notes [][]string) {
	for _, ot := range o.Teams {
		if ot.Combined == nil {
			continue
		}
		lines = append(lines, ot.Team+" — "+CombinedText(ot.Combined, lang))
		notes = append(notes, CombinedNotes(ot.Combined, lang))
	}
	return lines, notes
}

// evaluatorTasksText says an evaluator's ticks: each task seen done with
// its time, or seen not done.
func evaluatorTasksText(o ObjectiveReport, e EvaluationReport, lang string) string {
	var parts []string
	for _, tk := range e.Tasks {
		name := tk.Task
		for _, tg := range o.Targets {
			for _, ref := range tg.Tasks {
				if ref.ID == tk.Task {
					name = ref.Text
				}
			}
		}
		var part string
		switch {
		case tk.Done && tk.AtSeconds != nil:
			part = fmt.Sprintf(T(lang, "evtask.done_at"), name, Clock(dur(*tk.AtSeconds)))
		case tk.Done:
			part = fmt.Sprintf(T(lang, "evtask.done"), name)
		default:
			part = fmt.Sprintf(T(lang, "evtask.notdone"), name)
		}
		if tk.Note != "" {
			part += fmt.Sprintf(T(lang, "evtask.note"), oneLine(tk.Note))
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, T(lang, "combined.list_sep"))
}

// evalEventText is a live evaluator's event in the timeline.
func evalEventText(sc *scenario.Scenario, e engine.Event, lang string) string {
	obj := e.Objective
	for _, o := range sc.Objectives {
		if o.ID == e.Objective {
			obj = o.Text.Get(lang)
		}
	}
	switch e.Kind {
	case engine.KindEvalRated:
		r := T(lang, "eeg.norating")
		if e.Rating != "" {
			r = e.Rating
		}
		return fmt.Sprintf(T(lang, "ev.evalrated"), e.Seat, brief(obj, true), r)
	case engine.KindEvalTask:
		task := e.Task
		if tk, _ := sc.Task(e.Task); tk != nil {
			task = tk.Text.Get(lang)
		}
		if !e.Done {
			return fmt.Sprintf(T(lang, "ev.evaltask.notdone"), e.Seat, brief(task, true))
		}
		if e.AtMS != nil {
			return fmt.Sprintf(T(lang, "ev.evaltask.at"), e.Seat, brief(task, true), Clock(dur(float64(*e.AtMS)/1000)))
		}
		return fmt.Sprintf(T(lang, "ev.evaltask"), e.Seat, brief(task, true))
	case engine.KindEvalObserved:
		return fmt.Sprintf(T(lang, "ev.evalobserved"), e.Seat, oneLine(e.Text))
	}
	return ""
}

func init() {
	for lang, m := range map[string]map[string]string{
		"en": {
			"combined.title":       "Combined ratings",
			"combined.rule":        "Each rater's rating (the facilitator's, each evaluator's live or on paper); combined: the median on the scale P < S < M < U, and with an even number of ratings the worse of the two middle ones; raters two or more steps apart disagree.",
			"combined.line":        "combined %s (of %d ratings: %s)",
			"combined.sep":         " — ",
			"combined.disagree":    "DISAGREEMENT: ratings %d steps apart",
			"combined.facilitator": "Facilitator",
			"combined.live":        "%s (live)",
			"combined.paper":       "%s (paper)",
			"combined.no_notes":    "no notes",
			"combined.notes_sep":   "; ",
			"combined.list_sep":    ", ",
			"obs.on":               "on \"%s\": ",
			"obs.entry.chosen":     "%s: %s",
			"obs.entry.reply":      "reply \"%s\"",
			"obs.entry.post":       "post \"%s\"",
			"obs.title":            "Evaluators' observations",
			"evtask.done_at":       "%s seen done at %s",
			"evtask.done":          "%s seen done",
			"evtask.notdone":       "%s not seen done",
			"evtask.note":          " (%s)",
			"ev.evalrated":         "Evaluator %s rated \"%s\": %s",
			"ev.evaltask":          "Evaluator %s saw \"%s\" done",
			"ev.evaltask.at":       "Evaluator %s saw \"%s\" done at %s",
			"ev.evaltask.notdone":  "Evaluator %s marked \"%s\" not done",
			"ev.evalobserved":      "Evaluator %s observed: %s",
			"refusal.bad-entry":    "the observation is attached to nothing on the team's timeline",
			"eeg.evaluation.live":  "%s (live): %s",
		},
		"zh": {
			"combined.title":       "综合评级",
			"combined.rule":        "列出每位评级人的评级（主持人的、各评估员现场或纸质的）；综合评级取 P < S < M < U 上的中位数，评级数为偶数时取中间两个中较差的一个；相差两级或以上即视为评级分歧。",
			"combined.line":        "综合评级%s（共%d个评级：%s）",
			"combined.sep":         "——",
			"combined.disagree":    "评级分歧：相差%d级",
			"combined.facilitator": "主持人",
			"combined.live":        "%s（现场）",
			"combined.paper":       "%s（纸质）",
			"combined.no_notes":    "无记录",
			"combined.notes_sep":   "；",
			"combined.list_sep":    "、",
			"obs.on":               "关于“%s”：",
			"obs.entry.chosen":     "%s：%s",
			"obs.entry.reply":      "回复“%s”",
			"obs.entry.post":       "发帖“%s”",
			"obs.title":            "评估员的观察记录",
			"evtask.done_at":       "%s于%s看到完成",
			"evtask.done":          "%s看到完成",
			"evtask.notdone":       "%s未看到完成",
			"evtask.note":          "（%s）",
			"ev.evalrated":         "评估员%s对“%s”评级：%s",
			"ev.evaltask":          "评估员%s看到“%s”已完成",
			"ev.evaltask.at":       "评估员%s看到“%s”于%s完成",
			"ev.evaltask.notdone":  "评估员%s标记“%s”未完成",
			"ev.evalobserved":      "评估员%s观察到：%s",
			"refusal.bad-entry":    "观察记录所附的条目不在该小组的时间线上",
			"eeg.evaluation.live":  "%s（现场）：%s",
		},
	} {
		for k, v := range m {
			if _, dup := reportLabels[lang][k]; dup {
				panic("debrief: label " + k + " defined twice")
			}
			reportLabels[lang][k] = v
			if strings.HasPrefix(k, "refusal.") {
				controlLabels[lang][k] = v
			}
		}
	}
}

// combinedCSVRows are the CSV rows of the combined ratings (CSVColumns).
func combinedCSVRows(r *Report) [][]string {
	var rows [][]string
	for _, o := range r.Objectives {
		for _, ot := range o.Teams {
			c := ot.Combined
			if c == nil {
				continue
			}
			rows = append(rows, []string{"", ot.Team, "rating.combined", "", o.ID, c.Rating, "", o.Text + T(r.Lang, "sep") + CombinedText(c, r.Lang)})
			for _, rr := range c.Ratings {
				detail := raterName(rr, r.Lang)
				if len(rr.Notes) > 0 {
					detail += T(r.Lang, "sep") + strings.Join(rr.Notes, T(r.Lang, "combined.notes_sep"))
				}
				rows = append(rows, []string{"", ot.Team, "rating.rater", "", o.ID, rr.Rating, "", detail})
			}
		}
	}
	return rows
}
