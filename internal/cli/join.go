package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/lan"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// JoinLine is one JSON line `join` prints: an inject the team received
// (type "inject"), the host's answer to a scripted choice ("decision") or
// reply ("reply"), or the end ("ended").
type JoinLine struct {
	Type      string  `json:"type"`
	AtSeconds float64 `json:"at_seconds"`
	Team      string  `json:"team"`

	// inject; reply: the inject answered
	Inject  string `json:"inject,omitempty"`
	Channel string `json:"channel,omitempty"`
	From    string `json:"from,omitempty"`
	Text    string `json:"text,omitempty"`
	Opens   string `json:"opens,omitempty"`

	// decision, reply
	Action    int    `json:"action,omitempty"`
	Decision  string `json:"decision,omitempty"`
	Option    string `json:"option,omitempty"`
	Status    string `json:"status,omitempty"`
	Reason    string `json:"reason,omitempty"`
	Code      string `json:"code,omitempty"` // a refusal's code (engine.Refusal.Code)
	Duplicate bool   `json:"duplicate,omitempty"`
	// answer: the press conference and the question answered
	Conference string `json:"conference,omitempty"`
	Question   int    `json:"question,omitempty"`
	// case: the customer case handled (its remedy is Option)
	Case string `json:"case,omitempty"`

	// ended
	Ending string `json:"ending,omitempty"`
}

// joinCmd is a team laptop without a screen:
//
//	firebreak join ADDRESS --code CODE --team NAME [--script SCRIPT]
//
// CODE is the 6-character join code (the laptop pairs with the host to learn
// its certificate) or the full bundle the host printed. It prints each
// inject the team receives as a JSON line (JoinLine), makes the script's
// choices and replies for its team at their exercise times, and exits 0 when the
// exercise ends. A wrong code or team exits non-zero.
func joinCmd(args []string, env Env) int {
	fs := newFlags("join", env)
	code := fs.String("code", "", "the host's 6-character join `code`, or the full bundle it printed (CODE-FINGERPRINT)")
	team := fs.String("team", "", "team `name` to join as")
	scriptPath := fs.String("script", "", "play `script` (YAML); its actions for this team are played")
	quiet := fs.Bool("quiet", false, "do not report reconnections on standard error")
	pos, err := parse(fs, args)
	if err != nil {
		return ExitUsage
	}
	switch {
	case len(pos) != 1:
		errorf(env, "join needs exactly one ADDRESS (host:port, as the host printed it)")
		return ExitUsage
	case *code == "" || *team == "":
		errorf(env, "join needs --code and --team")
		return ExitUsage
	}
	// A malformed code is a usage error, before any network traffic.
	if strings.Contains(*code, "-") {
		_, err = lan.ParseBundle(*code)
	} else {
		_, err = lan.NormalizeCode(*code)
	}
	if err != nil {
		errorf(env, "--code: %v", err)
		return ExitUsage
	}
	var scriptData []byte
	if *scriptPath != "" {
		if scriptData, err = scenario.ReadLimited(*scriptPath, MaxScriptSize); err != nil {
			errorf(env, "%v", err)
			return ExitUsage
		}
	}
	opts := lan.JoinOptions{}
	if !*quiet {
		opts.Logf = func(f string, a ...any) { fmt.Fprintf(env.Stderr, "firebreak: "+f+"\n", a...) }
	}
	c, err := lan.JoinCode(pos[0], *code, *team, opts)
	if err != nil {
		errorf(env, "%v", err)
		return ExitFail
	}
	defer c.Close()

	out := &lineWriter{w: env.Stdout}
	printed := 0
	c.Subscribe(func(ev engine.Event) {
		c.Read(func(s *engine.State) {
			t := s.Team(c.Team())
			if t == nil {
				return
			}
			for ; printed < len(t.Inbox); printed++ {
				d := t.Inbox[printed]
				out.write(JoinLine{Type: "inject", AtSeconds: d.At.Seconds(), Team: c.Team(), Inject: d.Inject.ID,
					Channel: d.Inject.Channel, From: d.Inject.From.Get(s.Lang), Text: d.Inject.Text.Get(s.Lang), Opens: d.Inject.Opens})
			}
		})
	})

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var actions sync.WaitGroup
	if scriptData != nil {
		select {
		case <-c.Started():
		case <-c.Gone():
			errorf(env, "lost the host: %v", c.Err())
			return ExitFail
		case <-ctx.Done():
			return ExitFail
		}
		var sc *scenario.Scenario
		c.Read(func(s *engine.State) { sc = s.Scenario })
		script, err := ParseScript(*scriptPath, scriptData, sc)
		if err != nil {
			errorf(env, "%v", err)
			return ExitUsage
		}
		if !contains(script.Teams, c.Team()) {
			fmt.Fprintf(env.Stderr, "firebreak: the script has no actions for team %s\n", c.Team())
		}
		actions.Add(1)
		go func() {
			defer actions.Done()
			playActions(ctx, c, script, out, env.Stderr)
		}()
	}
	select {
	case <-c.Ended():
	case <-c.Gone():
		errorf(env, "lost the host: %v", c.Err())
		return ExitFail
	case <-ctx.Done():
		errorf(env, "stopped before the exercise ended")
		return ExitFail
	}
	actions.Wait()
	end := JoinLine{Type: "ended", Team: c.Team()}
	c.Read(func(s *engine.State) {
		end.AtSeconds = s.EndedAt.Seconds()
		if t := s.Team(c.Team()); t != nil {
			end.Ending, end.Reason = t.Ending, t.EndReason
		}
	})
	out.write(end)
	return ExitOK
}

// playActions makes the script's choices and replies for the client's team,
// in script order, when the exercise clock reaches them: an action's `at:`,
// or for `after:` that long after its decision opened for the team (as this
// laptop saw it open). Each action's ref is its id, so a restarted laptop
// replaying the script does not choose or reply twice. The facilitator's
// actions (send, skip, delay, extend, inject) are skipped with a warning.
func playActions(ctx context.Context, c *lan.Client, script *Script, out *lineWriter, warn io.Writer) {
	for _, a := range script.Actions {
		team := a.Kind == engine.CmdChoose || a.Kind == engine.CmdReply || a.Kind == engine.CmdAnswer || a.Kind == engine.CmdPost ||
			a.Kind == engine.CmdHandleCase || a.Kind == engine.CmdTriage // a team's own action
		if a.Team != c.Team() && (team || a.Team != "") {
			continue
		}
		if !team {
			// Only the host's console controls the schedule.
			fmt.Fprintf(warn, "firebreak: script action %d (%s) skipped: it is the facilitator's, and a team cannot take it\n", a.Index, a.What())
			continue
		}
		at := a.At
		if a.Relative {
			opened, ok, err := waitOpen(ctx, c, a.Decision)
			if err != nil {
				return // stopped
			}
			if !ok {
				fmt.Fprintf(warn, "firebreak: script action %d skipped: decision %q never opened for team %q\n", a.Index, a.Decision, a.Team)
				continue
			}
			at = opened + a.After
		}
		ok, err := c.WaitUntil(ctx, at)
		if err != nil || !ok {
			return // ended or stopped
		}
		cmd := engine.Command{Kind: a.Kind, Decision: a.Decision, Option: a.Option, Inject: a.Inject, Text: a.Text, Ref: a.Ref(),
			Conference: a.Conference, Question: a.Question, Channel: a.Channel, Case: a.Case, Triage: a.Triage}
		var o lan.Outcome
		for {
			o, err = c.SendContext(ctx, cmd)
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					fmt.Fprintf(warn, "firebreak: script action %d: %v\n", a.Index, err)
				}
				return
			}
			if !heldByPause(o) {
				break
			}
			// The host's clock stands still (say it restarted and waits
			// for the teams): the choice is not refused for good, and goes
			// again, with the same ref, once the clock runs.
			if ok, err := waitRunning(ctx, c); err != nil || !ok {
				return // stopped or ended
			}
		}
		at = time.Duration(o.AtMS) * time.Millisecond
		if o.AtMS == 0 {
			at = c.ExerciseTime()
		}
		line := JoinLine{Type: "decision", AtSeconds: at.Seconds(), Team: c.Team(), Action: a.Index,
			Decision: a.Decision, Option: a.Option, Status: o.Status, Reason: o.Reason, Code: o.Code, Duplicate: o.Duplicate}
		switch a.Kind {
		case engine.CmdReply:
			line.Type, line.Inject = "reply", a.Inject
		case engine.CmdAnswer:
			line.Type, line.Conference, line.Question = "answer", a.Conference, a.Question
		case engine.CmdPost:
			line.Type, line.Channel = "post", a.Channel
		case engine.CmdHandleCase:
			line.Type, line.Case, line.Option = "case", a.Case, a.Option
		case engine.CmdTriage:
			line.Type = "triage"
		}
		out.write(line)
		if o.Status != lan.StatusAccepted {
			fmt.Fprintf(warn, "firebreak: script action %d (%s) was refused: %s\n", a.Index, a.What(), refusalReason(o))
		}
	}
}

// refusalReason is why the host refused a command, in English: the
// refusal's own words and the host's detail (a host older than the detail
// alone sent them whole).
func refusalReason(o lan.Outcome) string {
	r := engine.RefusalFor(o.Code)
	if r == nil || o.Reason == "" || strings.HasPrefix(o.Reason, r.Error()) {
		return o.Reason
	}
	return r.Error() + ": " + o.Reason
}

// waitOpen waits until decision is open for the client's team and says when
// it opened; ok is false if the team's exercise ends first.
func waitOpen(ctx context.Context, c *lan.Client, decision string) (opened time.Duration, ok bool, err error) {
	changed, cancel := stateChanges(c)
	defer cancel()
	for {
		var ended bool
		c.Read(func(st *engine.State) {
			ended = st.Ended
			if t := st.Team(c.Team()); t != nil {
				ended = ended || t.Ended
				for _, od := range t.Open {
					if od.Decision.ID == decision {
						opened, ok = od.OpenedAt, true
					}
				}
			}
		})
		if ok || ended {
			return opened, ok, nil
		}
		select {
		case <-ctx.Done():
			return 0, false, ctx.Err()
		case <-c.Ended():
			return 0, false, nil
		case <-changed:
		}
	}
}

// stateChanges signals on changed after each event the client folds, so a
// wait can read the state again; several events between two reads signal
// once. cancel stops it.
func stateChanges(c *lan.Client) (changed <-chan struct{}, cancel func()) {
	ch := make(chan struct{}, 1)
	cancel = c.Subscribe(func(engine.Event) {
		select {
		case ch <- struct{}{}:
		default:
		}
	})
	return ch, cancel
}

// heldByPause tells whether the host refused a choice only because its
// clock is paused (not a discussion pause): nothing was logged, and the
// same choice may come again once the clock runs.
func heldByPause(o lan.Outcome) bool {
	return o.Status == lan.StatusRejected &&
		(o.Code == engine.ErrPaused.Code || strings.Contains(o.Reason, engine.ReasonPaused))
}

// pausedRetry is how long a choice held by the host's paused clock waits at
// least before it goes again: the laptop may not have heard of the pause
// (a host restarts paused without a new event).
const pausedRetry = 500 * time.Millisecond

// waitRunning waits until the exercise clock runs, as this laptop sees it,
// and at least pausedRetry; ok is false if the team's exercise ends first.
func waitRunning(ctx context.Context, c *lan.Client) (ok bool, err error) {
	changed, cancel := stateChanges(c)
	defer cancel()
	minWait := time.After(pausedRetry)
	for {
		var paused, ended bool
		c.Read(func(st *engine.State) {
			paused, ended = st.Paused && !st.Discussion, st.Ended
			if t := st.Team(c.Team()); t != nil {
				ended = ended || t.Ended
			}
		})
		if ended {
			return false, nil
		}
		if !paused && minWait == nil {
			return true, nil
		}
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-c.Ended():
			return false, nil
		case <-minWait:
			minWait = nil
		case <-changed:
		}
	}
}

// lineWriter writes JSON lines from several goroutines.
type lineWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lineWriter) write(v any) {
	data, _ := json.Marshal(v)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.w.Write(append(data, '\n'))
}
