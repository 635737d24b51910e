package lan

import (
	"fmt"
	"strings"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nuid"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// The evaluator seat over the network, made as the role-player's
// (roleplay.go). An evaluator's laptop joins with the evaluator code
// (EvalBundle: a code of its own, never a team's nor the role-player's,
// with the host's certificate fingerprint) and a seat name, the
// evaluator's, claimed once (a claim id kept across the laptop's restarts)
// and apart from the role-players' seats. Its user, EvalUser, may publish
// only on fb.X.cmd._ev and fb.hello._ev and read only its own stream
// FB_X__ev: every event some team may see (the timeline the facilitator
// sees of the teams, never the facilitator's own notes, ratings or
// schedule changes) and the live evaluators' events (eeg.task, eeg.rated,
// eeg.observed), so a restarted laptop finds its ticks again. No team's
// stream carries an evaluator's event, and an evaluator's commands are
// the engine's evaluator commands only (engine.CmdEvalTask, CmdEvalRate,
// CmdEvalObserve), applied once per command id (Ref lan:_ev:<id>) under the
// seat: evaluators never change what teams see. A team's laptop or a
// role-player's cannot send them, nor an evaluator's laptop theirs.

// EvalToken is the evaluator seat's subject token (no team's token is it).
const EvalToken = "_ev"

// EvalUser is the evaluator laptops' user.
const EvalUser = "evaluator"

// evalPub is the key of the evaluator stream's publisher among the teams'.
const evalPub = "\x00evaluator"

// The wire kinds of the evaluator's commands.
const (
	wireEvalTask    = "eval-task"
	wireEvalRate    = "eval-rate"
	wireEvalObserve = "eval-observe"
)

// isEvalKind tells whether a wire kind is an evaluator's.
func isEvalKind(kind string) bool {
	return kind == wireEvalTask || kind == wireEvalRate || kind == wireEvalObserve
}

// seatToken tells whether a subject token is a seat's (role-player or
// evaluator) rather than a team's.
func seatToken(tok string) bool { return tok == RoleToken || tok == EvalToken }

// kindFor tells whether a laptop of token tok may send a wire kind: a
// team its own, the role-player seat the role-player's, the evaluator seat
// the evaluator's (and each a bye).
func kindFor(tok, kind string) bool {
	switch {
	case kind == wireBye:
		return true
	case tok == RoleToken:
		return isRoleKind(kind)
	case tok == EvalToken:
		return isEvalKind(kind)
	}
	return !isRoleKind(kind) && !isEvalKind(kind)
}

// evalClientName is the connection name of an evaluator laptop with this
// claim.
func evalClientName(claim string) string { return "firebreak evaluator " + claim }

// EvalSeats lists the evaluator seats whose laptops are connected now, as
// their laptops wrote them, sorted.
func (h *Host) EvalSeats() []string { return h.seatsConnected(EvalToken) }

// EvalCode is the evaluator code of a host: six characters of the join
// code's alphabet derived from the host's secret (another derivation than
// the role-player code's), the same after a restart.
func EvalCode(secret string) string { return derivedCode(secret, "firebreak/lan/v1 evaluator code") }

// EvalPassword is the password of the evaluator user, derived from the
// evaluator code.
func EvalPassword(code string) string { return derivedPassword(code, "firebreak/lan/v1 evaluator\x00") }

// EvalBundle is the evaluator code with the certificate fingerprint,
// which an evaluator's laptop types.
func (h *Host) EvalBundle() Bundle {
	return Bundle{Code: h.evalCode, Fingerprint: h.bundle.Fingerprint}
}

// evalPermissions is what the evaluator user may do: a team's rights on the
// evaluator token.
func evalPermissions(sub subjects) *server.Permissions { return teamPermissions(sub, EvalToken) }

// evalCommand turns an evaluator laptop's command into the engine's.
func evalCommand(cmd wireCommand, ref string) (engine.Command, error) {
	if !validSeat(cmd.Seat) {
		return engine.Command{}, ErrSeat
	}
	ec := engine.Command{Team: cmd.Target, Seat: cmd.Seat, Objective: cmd.Objective, Text: cmd.Text, AtMS: cmd.AtMS, Ref: ref}
	switch cmd.Kind {
	case wireEvalTask:
		ec.Kind, ec.Task, ec.Done = engine.CmdEvalTask, cmd.Task, cmd.Done
	case wireEvalRate:
		ec.Kind, ec.Rating = engine.CmdEvalRate, cmd.Rating
	case wireEvalObserve:
		ec.Kind, ec.Entry = engine.CmdEvalObserve, cmd.Entry
	default:
		return engine.Command{}, fmt.Errorf("an evaluator's laptop sends no %q", cmd.Kind)
	}
	return ec, nil
}

// JoinEvaluator joins the host at addr as an evaluator's laptop, with the
// evaluator code bundle and the seat's name (the evaluator's, logged with
// every tick, rating and observation). The Client reads every event a team
// may see and the evaluators' own, and sends evaluator commands only,
// each retried with the same id until the host answers. The seat is
// claimed as a role-player's is (JoinRoleplayer): ErrSeatTaken when
// another connected evaluator laptop holds it; opts.Claim, kept, takes it
// back after a restart.
func JoinEvaluator(addr string, b Bundle, seat string, opts JoinOptions) (*Client, error) {
	seat = strings.TrimSpace(seat)
	if !validSeat(seat) {
		return nil, ErrSeat
	}
	if opts.Claim == "" {
		opts.Claim = nuid.Next()
	}
	if !validClaim(opts.Claim) {
		return nil, fmt.Errorf("lan: a seat's claim is %d to 64 letters, digits, _ and -", ClaimLen)
	}
	return join(addr, b, EvalToken, EvalToken, EvalUser, EvalPassword(b.Code), seat, opts)
}

// sendEval sends an evaluator's command as the laptop's seat: Team is the
// team evaluated.
func (c *Client) sendEval(cmd engine.Command) (wireCommand, error) {
	w := wireCommand{Team: c.team, Target: cmd.Team, Seat: c.seat, Claim: c.opts.Claim, Objective: cmd.Objective,
		Text: cmd.Text, AtMS: cmd.AtMS}
	switch cmd.Kind {
	case engine.CmdEvalTask:
		w.Kind, w.Task, w.Done = wireEvalTask, cmd.Task, cmd.Done
	case engine.CmdEvalRate:
		w.Kind, w.Rating = wireEvalRate, cmd.Rating
	case engine.CmdEvalObserve:
		w.Kind, w.Entry = wireEvalObserve, cmd.Entry
	default:
		return w, fmt.Errorf("an evaluator's laptop can only tick tasks, rate and observe, not %q", cmd.Kind)
	}
	return w, nil
}
