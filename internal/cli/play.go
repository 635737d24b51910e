package cli

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/scoring"
)

// Result is what `play` writes to result.json.
type Result struct {
	Scenario string `json:"scenario"`
	// Cut and Difficulty are the version played (the full version at
	// standard difficulty when absent).
	Cut        string         `json:"cut,omitempty"`
	Difficulty string         `json:"difficulty,omitempty"`
	Exercise   string         `json:"exercise"`
	Resumed    bool           `json:"resumed"`
	Teams      []TeamResult   `json:"teams"`
	Skipped    []SkippedEntry `json:"skipped"`
}

// TeamResult is one team's outcome.
type TeamResult struct {
	Name      string             `json:"name"`
	Ending    string             `json:"ending"` // ending phase id, "time-up" or "facilitator"
	Path      []string           `json:"path"`
	Decisions []DecisionResult   `json:"decisions"`
	Scores    map[string]float64 `json:"scores"`
	World     map[string]float64 `json:"world"`
	Deadlines []DeadlineResult   `json:"deadlines"`
	Triggers  []string           `json:"triggers"` // triggers that fired, in scenario order
	// Replies are the team's answers to injects, in the order sent; absent
	// when it sent none.
	Replies []ReplyResult `json:"replies,omitempty"`
	// Press are the team's press conferences, in the order started;
	// absent when it had none.
	Press []PressResult `json:"press,omitempty"`
	// Posts are the team's posts on the channels, in the order published;
	// absent when it posted nothing.
	Posts []PostResult `json:"posts,omitempty"`
	// Cases are the customer cases that reached the team, in the order
	// they arrived; absent when none did.
	Cases []CaseResult `json:"cases,omitempty"`
}

// CaseResult is a customer case as the team handled it: the remedy
// chosen and its fit, the reply's empathy (the rubric), whether it was
// handled in time, missed, or went public.
type CaseResult struct {
	Case           string  `json:"case"`
	ArrivedSeconds float64 `json:"arrived_seconds"`
	Status         string  `json:"status"` // handled, late (handled after its deadline), missed or open
	Remedy         string  `json:"remedy,omitempty"`
	Fit            string  `json:"fit,omitempty"`
	Empathy        float64 `json:"empathy"`
	Public         bool    `json:"public,omitempty"`
}

// PostResult is a team's post: where, when, what the judge found in it
// (which the public reacted to) and how the reaction moved the world.
type PostResult struct {
	Channel   string             `json:"channel"`
	AtSeconds float64            `json:"at_seconds"`
	Findings  []string           `json:"findings"`
	Moved     map[string]float64 `json:"moved,omitempty"`
	Repeat    int                `json:"repeat,omitempty"` // earlier posts that drew the same reaction (engine.Post.Repeat)
}

// ReplyResult is a team's written answer to an inject.
type ReplyResult struct {
	Inject        string   `json:"inject"`
	AtSeconds     float64  `json:"at_seconds"`
	FactsRequired []string `json:"facts_required,omitempty"`
	FactsFound    []string `json:"facts_found,omitempty"`
}

// PressResult is a press conference as a team held it: how many questions
// were dealt with and answered, the refusals to answer (the clock running
// out included), speculation, contradictions with what the team said
// before, and the whole's score (engine.PressScore).
type PressResult struct {
	Conference     string  `json:"conference"`
	StartedSeconds float64 `json:"started_seconds"`
	Asked          int     `json:"asked"`
	Answered       int     `json:"answered"`
	NoComment      int     `json:"no_comment"`
	Speculation    int     `json:"speculation"`
	Contradictions int     `json:"contradictions"`
	Score          float64 `json:"score"`
}

// DeadlineResult is a regulatory deadline as it ran for a team.
type DeadlineResult struct {
	ID         string  `json:"id"`
	Status     string  `json:"status"` // met, missed or running
	DueSeconds float64 `json:"due_seconds"`
}

// DecisionResult is one decision as the team met it.
type DecisionResult struct {
	Decision        string   `json:"decision"`
	Option          string   `json:"option,omitempty"`
	TimedOut        bool     `json:"timed_out,omitempty"`
	AtSeconds       float64  `json:"at_seconds"`
	ResponseSeconds float64  `json:"response_seconds"`
	FactsRequired   []string `json:"facts_required,omitempty"`
	FactsFound      []string `json:"facts_found,omitempty"`
}

// SkippedEntry is a script action that could not be carried out.
type SkippedEntry struct {
	Action    int     `json:"action"`
	AtSeconds float64 `json:"at_seconds"`
	Team      string  `json:"team"`
	Decision  string  `json:"decision"`
	Option    string  `json:"option"`
	Reason    string  `json:"reason"`
	// Command is, for a facilitator's action or a reply the engine
	// refused, what it asked (send-now, skip, delay, extend, inject,
	// reply) and Inject the inject it named; Code is the refusal's code
	// (engine.Refusal.Code) and Reason says it in English.
	Command string `json:"command,omitempty"`
	Inject  string `json:"inject,omitempty"`
	Code    string `json:"code,omitempty"`
}

// PlayOptions configures a headless run.
type PlayOptions struct {
	Scenario library.Entry
	Script   *Script
	ScriptID string // hash of the script's bytes, to find an unfinished run of it
	DB       string
	Lang     string
	Speed    float64 // 0 = as fast as possible; N = N× real time
	Fresh    bool    // start a new exercise even if this script already ran in DB
	Warn     io.Writer
}

func play(args []string, env Env) int {
	fs := newFlags("play", env)
	scriptPath := fs.String("script", "", "play script (YAML)")
	db := fs.String("db", "", "database file (created if missing)")
	out := fs.String("out", "", "directory for debrief.md and result.json")
	speed := fs.String("speed", "max", "max, or N for N× real time")
	lang := fs.String("lang", "en", "language of the debrief: en or zh")
	fresh := fs.Bool("new", false, "play again into a new exercise even if this scenario and script already ran in the database")
	cut := fs.String("cut", "", "the version to play: full, or one of the scenario's cuts (default: the script's cut:, else full)")
	difficulty := fs.String("difficulty", "", "easy, standard or hard (default: the script's difficulty:, else standard)")
	pos, err := parse(fs, args)
	if err != nil {
		return ExitUsage
	}
	switch {
	case len(pos) != 1:
		errorf(env, "play needs exactly one SCENARIO (a file or a built-in id)")
		return ExitUsage
	case *scriptPath == "" || *db == "" || *out == "":
		errorf(env, "play needs --script, --db and --out")
		return ExitUsage
	case *lang != "en" && *lang != "zh":
		errorf(env, "--lang must be en or zh, not %q", *lang)
		return ExitUsage
	}
	opts := PlayOptions{DB: *db, Lang: *lang, Fresh: *fresh, Warn: env.Stderr}
	if *speed != "max" {
		n, err := strconv.ParseFloat(*speed, 64)
		if err != nil || !(n >= engine.MinSpeed && n <= engine.MaxSpeed) { // NaN fails both comparisons
			errorf(env, "--speed must be max or a number from %g to %g, not %q", engine.MinSpeed, engine.MaxSpeed, *speed)
			return ExitUsage
		}
		opts.Speed = n
	}
	if opts.Scenario, err = library.Find(pos[0]); err != nil {
		errorf(env, "%v", err)
		return ExitUsage
	}
	data, err := scenario.ReadLimited(*scriptPath, MaxScriptSize)
	if err != nil {
		errorf(env, "%v", err)
		return ExitUsage
	}
	if opts.Script, err = ParseScriptVersion(*scriptPath, data, opts.Scenario.Scenario, *cut, *difficulty); err != nil {
		errorf(env, "%v", err)
		return ExitUsage
	}
	sum := sha256.Sum256(data)
	opts.ScriptID = hex.EncodeToString(sum[:8])

	res, st, err := Play(opts)
	var limit *engine.LimitError
	if err != nil && !errors.As(err, &limit) {
		errorf(env, "%v", err)
		return ExitFail
	}
	// The Markdown debrief shows no timeline or curves: the report needs no log.
	if err := writeOutputs(*out, res, debrief.Markdown(debrief.Build(st, nil, *lang, ""))); err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	if limit != nil {
		errorf(env, "%s", limitText(limit))
		fmt.Fprintf(env.Stderr, "firebreak: the exercise was ended there; %s and %s show what happened up to then\n",
			filepath.Join(*out, "debrief.md"), filepath.Join(*out, "result.json"))
		return ExitFail
	}
	fmt.Fprintf(env.Stdout, "exercise %s: %d teams, %d actions skipped; wrote %s and %s\n", res.Exercise, len(res.Teams), len(res.Skipped),
		filepath.Join(*out, "debrief.md"), filepath.Join(*out, "result.json"))
	return ExitOK
}

func writeOutputs(dir string, res Result, md string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	js, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(dir, "result.json"), append(js, '\n'), 0o644); err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, "debrief.md"), []byte(md), 0o644)
}

// Play runs a scripted exercise to its end. An earlier run of the same
// scenario, script and language in the database is carried on instead (unless
// o.Fresh): an unfinished one resumes, one that already ended (a kill after
// the end, before the outputs were written) gives its result again without
// being played a second time.
func Play(o PlayOptions) (Result, *engine.State, error) {
	st, err := exercise.Open(o.DB)
	if err != nil {
		return Result{}, nil, err
	}
	defer st.Close()
	// The version played is part of what makes a run the same run.
	version := scenario.NormalCut(o.Script.Cut) + "/" + scenario.NormalDifficulty(o.Script.Difficulty)
	sum := sha256.Sum256(append(append([]byte(o.Lang+"\x00"), o.Scenario.Source...), o.ScriptID...))
	if version != scenario.FullCut+"/"+scenario.DifficultyStandard {
		sum = sha256.Sum256(append(sum[:], version...))
	}
	source := "play:" + hex.EncodeToString(sum[:8])

	var run *exercise.Running
	prev, found, err := st.FindLatest(source)
	if err != nil {
		return Result{}, nil, err
	}
	found = found && !o.Fresh
	if found {
		if run, err = exercise.Resume(st, prev.ID, nil, exercise.OnFlush); err != nil {
			return Result{}, nil, err
		}
		if prev.Finished {
			fmt.Fprintf(o.Warn, "firebreak: exercise %s of this script already ended; its result is written again (--new plays it again)\n", prev.ID)
		}
	} else {
		// The simulated public's seed comes from the scenario and script, so
		// the same script always produces the same feed.
		cfg := engine.Config{ScenarioID: o.Scenario.ID, Source: o.Scenario.Source, Media: o.Scenario.Media, Teams: o.Script.Teams, Lang: o.Lang, Speed: 1,
			Seed: binary.BigEndian.Uint64(sum[:8]) | 1, Cut: o.Script.Cut, Difficulty: o.Script.Difficulty}
		if run, err = exercise.Start(st, cfg, o.Scenario.Scenario.Title, source, nil, exercise.OnFlush); err != nil {
			return Result{}, nil, err
		}
	}
	s := run.Session
	var done map[string]bool
	var now time.Duration
	s.Read(func(state *engine.State) {
		done = make(map[string]bool, len(state.Refs))
		for r := range state.Refs {
			done[r] = true
		}
		now = state.Now
	})
	var q actionQueue
	var neverOpened, stopped []Action
	var refusedReplies []SkippedEntry
	err = func() error {
		if err := s.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
			return err
		}
		if err := run.Flush(); err != nil {
			return err
		}
		for _, a := range o.Script.Actions {
			if !done[a.Ref()] { // else handled before the run was interrupted
				q.add(a)
			}
		}
		q.sort()
		steps := 0
		for q.len() > 0 {
			due, at, next, more := q.next(s)
			switch {
			case due != nil && (!more || at <= next):
				a := *due // take moves the queue's actions
				q.take(due)
				if err := pace(run, o.Speed, now, at); err != nil {
					return err
				}
				now = max(now, at)
				// A refused choice or facilitator's command is logged with
				// its ref (a skipped action); anything else is a failure.
				err := s.Send(a.Command())
				if err != nil && !errors.Is(err, engine.ErrRejected) && engine.RefusalCode(err) == "" {
					return err
				}
				if err != nil && (a.Kind == engine.CmdReply || a.Kind == engine.CmdAnswer || a.Kind == engine.CmdPost || a.Kind == engine.CmdHandleCase || a.Kind == engine.CmdTriage) {
					if sk, ok := refusedReply(s, a, now, err); ok {
						refusedReplies = append(refusedReplies, sk)
					}
				}
			case more:
				// Only actions waiting for a decision to open: let the
				// exercise run to its next event.
				if err := pace(run, o.Speed, now, next); err != nil {
					return err
				}
				now = max(now, next)
			default:
				// Nothing more happens: the decisions these wait for never open.
				neverOpened = q.rest()
			}
			// Saving is one fsync. At a speed the exercise waits between
			// steps, so save each; at full speed save every flushEvery steps:
			// what a kill loses in between is played again from the script
			// on resume, to the same events (the log is saved on flush only).
			if steps++; o.Speed > 0 || steps%flushEvery == 0 || q.len() == 0 {
				if err := run.Flush(); err != nil {
					return err
				}
			}
		}
		var end time.Duration
		s.Read(func(state *engine.State) { end = state.Scenario.Duration }) // the version's
		if err := pace(run, o.Speed, now, end); err != nil {
			return err
		}
		return nil
	}()
	var limit *engine.LimitError
	if errors.As(err, &limit) {
		// The scenario made more happen than the engine allows and the
		// exercise stopped: end it, so the outputs show what happened up
		// to then, and return the reason with them.
		stopped = q.rest()
		if err := s.Send(engine.Command{Kind: engine.CmdEnd}); err != nil {
			return Result{}, nil, err
		}
	} else if err != nil {
		return Result{}, nil, err
	}
	if err := run.Flush(); err != nil {
		return Result{}, nil, err
	}
	var res Result
	var final *engine.State
	s.Read(func(state *engine.State) { final = state; res = result(state, o.Script) })
	res.Skipped = append(res.Skipped, refusedReplies...)
	for _, a := range neverOpened {
		res.Skipped = append(res.Skipped, SkippedEntry{Action: a.Index, Team: a.Team, Decision: a.Decision, Option: a.Option,
			Reason: fmt.Sprintf("decision %q never opened for team %q", a.Decision, a.Team)})
	}
	for _, a := range stopped {
		sk := SkippedEntry{Action: a.Index, Team: a.Team, Decision: a.Decision, Option: a.Option,
			Reason: fmt.Sprintf("the exercise stopped at %s, before this action: %v", debrief.Clock(limit.At), limit.Err)}
		if a.Kind != engine.CmdChoose {
			sk.Command, sk.Inject = string(a.Kind), a.Inject
		}
		res.Skipped = append(res.Skipped, sk)
	}
	res.Exercise, res.Resumed = run.ID, found
	for _, sk := range res.Skipped {
		what := sk.Decision + " → " + sk.Option
		if sk.Command != "" {
			what = sk.Command + " " + sk.Inject + sk.Decision
		}
		team := sk.Team
		if team == "" {
			team = "every team"
		}
		fmt.Fprintf(o.Warn, "warning: script action %d (%s at %s: %s) skipped: %s\n",
			sk.Action, team, debrief.Clock(time.Duration(sk.AtSeconds*float64(time.Second))), what, sk.Reason)
	}
	if limit != nil {
		return res, final, limit
	}
	return res, final, nil
}

// refusedReply is the skipped entry of a reply the engine refused, as
// result lists a refused facilitator's action; ok is false when the engine
// logged the refusal with the action's ref (result finds it in the log).
//
// The engine logs no refused reply, so a resumed run tries such an action
// again, at the time it resumes from: a reply refused because its ad-hoc
// inject had not arrived may then be taken, and one in a run that had
// already ended is refused again as "ended".
func refusedReply(s *engine.Session, a Action, at time.Duration, err error) (SkippedEntry, bool) {
	var logged bool
	s.Read(func(st *engine.State) { logged = st.Refs[a.Ref()] })
	if logged {
		return SkippedEntry{}, false
	}
	code := engine.RefusalCode(err)
	sk := SkippedEntry{Action: a.Index, AtSeconds: at.Seconds(), Team: a.Team, Command: string(a.Kind), Inject: a.Inject, Code: code, Reason: err.Error()}
	if r := engine.RefusalFor(code); r != nil {
		sk.Reason = r.Error()
	}
	return sk, true
}

// limitText says what a scenario that reached a limit on work did, and
// what to do about it.
func limitText(e *engine.LimitError) string {
	if errors.Is(e, engine.ErrInstantLimit) {
		return fmt.Sprintf("scenario %q made more than %d events happen at one moment (%s), so the exercise stopped; check the scenario with `firebreak lint`",
			e.Scenario, e.Limit, debrief.Clock(e.At))
	}
	return fmt.Sprintf("scenario %q made more than %d events happen in one exercise, so it stopped at %s; check the scenario with `firebreak lint`",
		e.Scenario, e.Limit, debrief.Clock(e.At))
}

// flushEvery is how many steps of a full-speed play are saved at once.
const flushEvery = 256

// pace moves manual time from `from` to `to`; at N× it waits the matching
// wall time, in steps of at most a second so injects arrive along the way,
// and saves what happened after each step. Once the exercise has ended there
// is nothing to wait for: the rest of the way is taken at once.
func pace(run *exercise.Running, speed float64, from, to time.Duration) error {
	s := run.Session
	if speed <= 0 || to <= from {
		return s.AdvanceTo(to)
	}
	step := time.Duration(speed * float64(time.Second))
	for t := from; t < to; {
		var ended bool
		s.Read(func(st *engine.State) { ended = st.Ended })
		if ended {
			return s.AdvanceTo(to)
		}
		next := min(t+step, to)
		time.Sleep(time.Duration(float64(next-t) / speed))
		if err := s.AdvanceTo(next); err != nil {
			return err
		}
		if err := run.Flush(); err != nil {
			return err
		}
		t = next
	}
	return nil
}

func result(st *engine.State, script *Script) Result {
	res := Result{Scenario: st.Scenario.ID, Teams: []TeamResult{}, Skipped: []SkippedEntry{}}
	if cut, difficulty := st.Scenario.Played(); cut != scenario.FullCut || difficulty != scenario.DifficultyStandard {
		res.Cut, res.Difficulty = cut, difficulty
	}
	var actionOf map[string]int // script action index by Ref, made once when needed
	for _, t := range st.Teams {
		tr := TeamResult{Name: t.Name, Path: []string{}, Decisions: []DecisionResult{}}
		switch {
		case t.EndReason == engine.EndReached:
			tr.Ending = t.Ending
		default:
			tr.Ending = t.EndReason
		}
		for _, p := range t.Path {
			tr.Path = append(tr.Path, p.Phase)
		}
		for _, a := range t.Answers {
			dr := DecisionResult{Decision: a.Decision.ID, AtSeconds: a.At.Seconds(), ResponseSeconds: a.Took().Seconds(), TimedOut: a.TimedOut}
			if a.Option != nil {
				dr.Option = a.Option.ID
			}
			if a.Decision.Statement != nil && a.Option != nil {
				dr.FactsRequired, dr.FactsFound = a.Decision.Statement.RequiredFacts, a.FactsFound
				if dr.FactsFound == nil {
					dr.FactsFound = []string{}
				}
			}
			if a.Open || a.Abandoned {
				continue // never answered: not a decision the team made
			}
			tr.Decisions = append(tr.Decisions, dr)
		}
		sc := t.Scores()
		tr.Scores = map[string]float64{"speed": sc.Speed, "transparency": sc.Transparency, "empathy": sc.Empathy, "overall": sc.Overall}
		for _, dim := range []string{scoring.Consistency, scoring.FollowUp} {
			if sc.Has[dim] {
				tr.Scores[dim] = sc.Get(dim)
			}
		}
		tr.World = map[string]float64{}
		for k, v := range t.World {
			tr.World[k] = math.Round(v*10) / 10
		}
		tr.Deadlines, tr.Triggers = []DeadlineResult{}, []string{}
		for _, d := range st.Scenario.Deadlines {
			ds := t.RegDeadlines[d.ID]
			if ds == nil {
				continue
			}
			status := "running"
			switch {
			case ds.Met:
				status = "met"
			case ds.Missed:
				status = "missed"
			}
			tr.Deadlines = append(tr.Deadlines, DeadlineResult{ID: d.ID, Status: status, DueSeconds: ds.DueAt().Seconds()})
		}
		for _, trg := range st.Scenario.Triggers {
			if t.Triggered[trg.ID] {
				tr.Triggers = append(tr.Triggers, trg.ID)
			}
		}
		for _, r := range t.Press {
			p := r.Score()
			tr.Press = append(tr.Press, PressResult{Conference: r.Conference.ID, StartedSeconds: r.StartedAt.Seconds(), Asked: p.Asked,
				Answered: p.Answered, NoComment: p.NoComment, Speculation: p.Speculation, Contradictions: p.Contradictions, Score: p.Score})
		}
		for _, c := range t.Cases {
			cr := CaseResult{Case: c.Case.ID, ArrivedSeconds: c.ArrivedAt.Seconds(), Status: "open", Empathy: c.ReplyEmpathy(), Public: c.Public()}
			switch {
			case c.InTime():
				cr.Status = "handled"
			case c.Handled:
				cr.Status = "late"
			case c.Missed:
				cr.Status = "missed"
			}
			if c.Remedy != nil {
				cr.Remedy, cr.Fit = c.Remedy.ID, c.Remedy.Fit
			}
			tr.Cases = append(tr.Cases, cr)
		}
		for _, p := range t.Posts {
			tr.Posts = append(tr.Posts, PostResult{Channel: p.Channel, AtSeconds: p.At.Seconds(), Findings: append([]string{}, p.Findings...),
				Moved: p.Moved, Repeat: p.Repeat})
		}
		for _, r := range t.Replies {
			rr := ReplyResult{Inject: r.Inject.ID, AtSeconds: r.At.Seconds()}
			if r.Inject.Reply != nil && len(r.Inject.Reply.RequiredFacts) > 0 {
				rr.FactsRequired, rr.FactsFound = r.Inject.Reply.RequiredFacts, r.FactsFound
			}
			tr.Replies = append(tr.Replies, rr)
		}
		res.Teams = append(res.Teams, tr)
		for _, r := range t.Rejected {
			if actionOf == nil {
				actionOf = actionIndex(script)
			}
			res.Skipped = append(res.Skipped, skipped(r, actionOf))
		}
	}
	for _, r := range st.Refused { // the facilitator's actions, in the order refused
		if actionOf == nil {
			actionOf = actionIndex(script)
		}
		sk := skipped(r, actionOf)
		sk.Command, sk.Inject, sk.Code = r.Command, r.Inject, r.Reason
		if ref := engine.RefusalFor(r.Reason); ref != nil {
			sk.Reason = ref.Error()
		}
		res.Skipped = append(res.Skipped, sk)
	}
	return res
}

func actionIndex(script *Script) map[string]int {
	m := make(map[string]int, len(script.Actions))
	for _, a := range script.Actions {
		m[a.Ref()] = a.Index
	}
	return m
}

func skipped(r engine.Event, actionOf map[string]int) SkippedEntry {
	e := SkippedEntry{AtSeconds: r.At.Seconds(), Team: r.Team, Decision: r.Decision, Option: r.Option, Reason: r.Reason}
	if i, ok := actionOf[r.Ref]; ok {
		e.Action = i
	}
	return e
}

// actionQueue holds the script actions still to do: the absolute ones
// (at:) sorted by time, taken from the front; the relative ones (after:) in
// script order, few in practice, looked at each step. A 12,000-action
// script used to cost a scan and a copy of every pending action per action.
type actionQueue struct {
	abs  []Action
	head int
	rel  []Action
}

func (q *actionQueue) add(a Action) {
	if a.Relative {
		q.rel = append(q.rel, a)
	} else {
		q.abs = append(q.abs, a)
	}
}

// sort orders the absolute actions by time, ties in script order.
func (q *actionQueue) sort() {
	slices.SortStableFunc(q.abs, func(a, b Action) int { return cmp.Compare(a.At, b.At) })
}

func (q *actionQueue) len() int { return len(q.abs) - q.head + len(q.rel) }

// rest empties the queue and returns what was in it, in script order.
func (q *actionQueue) rest() []Action {
	left := append(slices.Clone(q.abs[q.head:]), q.rel...)
	slices.SortFunc(left, func(a, b Action) int { return cmp.Compare(a.Index, b.Index) })
	q.abs, q.head, q.rel = nil, 0, nil
	return left
}

// take removes a, which next returned.
func (q *actionQueue) take(a *Action) {
	if !a.Relative {
		q.head++
		return
	}
	q.rel = slices.DeleteFunc(q.rel, func(r Action) bool { return r.Index == a.Index })
}

// next finds the script action due first: an absolute one at its time, a
// relative one (after:) once its decision is open for its team, After past
// the opening; of two due at the same time, the one earlier in the script.
// It returns the action (nil when none is due yet) and its time, and the
// time of the exercise's next event (more is false when nothing more will
// happen).
func (q *actionQueue) next(s *engine.Session) (a *Action, at, next time.Duration, more bool) {
	if q.head < len(q.abs) {
		a, at = &q.abs[q.head], q.abs[q.head].At
	}
	s.Read(func(st *engine.State) {
		for j := range q.rel {
			r := &q.rel[j]
			t := st.Team(r.Team)
			if t == nil {
				continue
			}
			for _, od := range t.Open {
				if od.Decision.ID != r.Decision {
					continue
				}
				when := od.OpenedAt + r.After
				if a == nil || when < at || when == at && r.Index < a.Index {
					a, at = r, when
				}
			}
		}
		if ev, ok := st.Due(1 << 62); ok && !st.Ended {
			next, more = ev.At, true
		}
	})
	at = max(at, 0)
	return a, at, next, more
}
