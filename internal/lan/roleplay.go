package lan

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nuid"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// The role-player seat over the network. A role-player's laptop joins with
// the role-player code (RoleBundle: its own code, never a team's, with the
// host's certificate fingerprint; it does not pair) and a seat name. Its
// user, RoleUser, may publish only on fb.X.cmd._rp and fb.hello._rp and read
// only its own stream FB_X__rp — every event some team may see, so the
// seat sees what teams sent and received — never a team's command subject
// or stream. A team's user may not publish on the role-player's subjects.
// The host turns the seat's commands into the engine's role-player commands
// (engine.CmdRoleSay, CmdRoleOpen, CmdRoleNudge) with the seat the laptop
// named, once per command id (Ref lan:_rp:<id>), as it does a team's
// choice; a team's command subject carries no role-player command, and the
// seat's none of a team's.

// RoleToken is the role-player seat's subject token. A team's token is
// its name in letters, digits and dashes, or "_" and 24 hex digits: never
// this.
const RoleToken = "_rp"

// RoleUser is the role-player laptops' user. A team of that name keeps
// logging in with its own password (TeamPassword differs from
// RolePassword).
const RoleUser = "roleplayer"

// rolePub is the key of the role-player stream's publisher among the
// teams' (no team name has a control character).
const rolePub = "\x00roleplayer"

// The wire kinds of the role-player's commands.
const (
	wireRoleSay   = "role-say"
	wireRoleOpen  = "role-open"
	wireRoleNudge = "role-nudge"
)

// ErrSeat: the seat named is not one a role-player laptop may use (empty,
// or "facilitator", which is the facilitator's own tab).
var ErrSeat = errors.New("the seat name is empty or taken by the facilitator")

// ErrSeatTaken: another role-player laptop connected to the host holds the
// seat of that name; pick another name (or wait until that laptop has
// left: a seat is free again once its laptop is disconnected).
var ErrSeatTaken = errors.New("another role-player laptop holds this seat")

// The codes of a refused role-player hello or command (helloReply.Code,
// Outcome.Code).
const (
	codeSeatTaken = "seat-taken"
	codeBadSeat   = "bad-seat"
)

// Seat claims. Everyone with the role-player code logs in as the same
// user, so the code says "a role-player", not which: the seat's name does.
// A laptop claims its seat in its hello with a claim id (random, kept
// across the laptop's restarts, ClaimLen and more characters); the host
// gives the seat to the first claim and refuses it to any other while the
// holder's connection is up (its connection is named after the claim, so
// the server's own list of connections says whether it is). A holder that
// is gone frees the seat: its laptop reconnecting with the same claim
// takes it back; a new laptop may then take it. Commands carry the claim
// too, and the host takes a seat's command only from its holder, so the
// log's seat names who did it. A host forgets claims when it restarts;
// the laptops' reconnecting hellos claim their seats again.

// ClaimLen is the shortest claim id the host takes.
const ClaimLen = 8

// seatKey is the name a seat is claimed under: case, and spaces around
// and between words, make no other seat.
func seatKey(seat string) string { return strings.ToLower(strings.Join(strings.Fields(seat), " ")) }

// validSeat tells whether a role-player's or evaluator's laptop may use a
// seat's name (engine.CheckLaptopSeat).
func validSeat(seat string) bool { return engine.CheckLaptopSeat(seat) == nil }

// validClaim tells whether a claim id has the shape the schema asks.
func validClaim(c string) bool {
	if len(c) < ClaimLen || len(c) > 64 {
		return false
	}
	for _, r := range c {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// roleClientName is the connection name of a role-player laptop with
// this claim.
func roleClientName(claim string) string { return "firebreak role-player " + claim }

// claimSeat gives the role-player seat to claim (claimSeatOf).
func (h *Host) claimSeat(seat, claim string) bool { return h.claimSeatOf(RoleToken, seat, claim) }

// seatsOf is the map of claims of a seat token's seats (the role-player's
// or the evaluator's); h.mu held.
func (h *Host) seatsOf(tok string) map[string]seatClaim {
	if tok == EvalToken {
		return h.evalSeats
	}
	return h.seats
}

// claimSeatOf gives seat to claim unless another claim holds it with its
// laptop connected; a claim holds one seat (taking another frees the
// first). It says whether the claim holds the seat now. The role-player's
// and the evaluator's seats are claimed apart (tok).
func (h *Host) claimSeatOf(tok, seat, claim string) bool {
	key := seatKey(seat)
	h.mu.Lock()
	holder, held := h.seatsOf(tok)[key]
	h.mu.Unlock()
	if held && holder.claim != claim && h.seatConnected(tok, holder.claim) {
		return false
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	seats := h.seatsOf(tok)
	if cur, ok := seats[key]; ok && cur.claim != holder.claim {
		return cur.claim == claim // taken meanwhile
	}
	for k, c := range seats {
		if c.claim == claim && k != key {
			delete(seats, k)
		}
	}
	if !held || holder.claim != claim {
		if tok == EvalToken {
			h.logf("evaluator seat %q joined", seat)
		} else {
			h.logf("role-player seat %q joined", seat)
		}
	}
	seats[key] = seatClaim{claim: claim, seat: seat}
	return true
}

// seatClaim is who holds a seat: the claim and the seat's name as its
// laptop wrote it.
type seatClaim struct{ claim, seat string }

// roleConnected tells whether a role-player laptop with this claim is
// connected to the server now.
func (h *Host) roleConnected(claim string) bool { return h.seatConnected(RoleToken, claim) }

// seatConnected tells whether a laptop of the seat token's user (the
// role-player's or the evaluator's) with this claim is connected now.
func (h *Host) seatConnected(tok, claim string) bool {
	user, name := RoleUser, roleClientName(claim)
	if tok == EvalToken {
		user, name = EvalUser, evalClientName(claim)
	}
	cz, err := h.ns.Connz(&server.ConnzOptions{Username: true, Limit: 1 << 16})
	if err != nil {
		return true // cannot tell: keep the holder's seat
	}
	for _, ci := range cz.Conns {
		if ci.AuthorizedUser == user && ci.Name == name {
			return true
		}
	}
	return false
}

// Seats lists the role-player seats whose laptops are connected now, as
// their laptops wrote them, sorted.
func (h *Host) Seats() []string { return h.seatsConnected(RoleToken) }

func (h *Host) seatsConnected(tok string) []string {
	h.mu.Lock()
	claims := make([]seatClaim, 0, len(h.seatsOf(tok)))
	for _, c := range h.seatsOf(tok) {
		claims = append(claims, c)
	}
	h.mu.Unlock()
	var out []string
	for _, c := range claims {
		if h.seatConnected(tok, c.claim) {
			out = append(out, c.seat)
		}
	}
	slices.Sort(out)
	return out
}

// RoleCode is the role-player code of a host: six characters of the join
// code's alphabet, derived from the host's secret, so it stays the same
// after a restart and tells nothing of the teams' code.
func RoleCode(secret string) string { return derivedCode(secret, "firebreak/lan/v1 role-player code") }

// derivedCode is a code of CodeLen characters of the join code's alphabet,
// derived from the host's secret under label (one label per kind of seat).
func derivedCode(secret, label string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(label))
	sum := m.Sum(nil)
	out := make([]byte, CodeLen)
	for i := range out {
		out[i] = CodeAlphabet[int(sum[i])%len(CodeAlphabet)]
	}
	return string(out)
}

// derivedPassword is the password of a seat's user, derived from its code
// under label.
func derivedPassword(code, label string) string {
	m := hmac.New(sha256.New, []byte(code))
	m.Write([]byte(label))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// RolePassword is the password of the role-player user, derived from the
// role-player code.
func RolePassword(code string) string {
	return derivedPassword(code, "firebreak/lan/v1 roleplayer\x00")
}

// RoleBundle is the role-player code with the certificate fingerprint,
// which a role-player's laptop types (Bundle.String: code-fingerprint).
func (h *Host) RoleBundle() Bundle {
	return Bundle{Code: h.roleCode, Fingerprint: h.bundle.Fingerprint}
}

// rolePermissions is what the role-player user may do: a team's rights on
// the role-player token (its commands, its hello, its stream, the clock).
func rolePermissions(sub subjects) *server.Permissions { return teamPermissions(sub, RoleToken) }

// roleCommand turns a role-player laptop's command into the engine's.
func roleCommand(cmd wireCommand, ref string) (engine.Command, error) {
	if !validSeat(cmd.Seat) {
		return engine.Command{}, ErrSeat
	}
	ec := engine.Command{Team: cmd.Target, Seat: cmd.Seat, Ref: ref}
	switch cmd.Kind {
	case wireRoleSay:
		ec.Kind, ec.Persona, ec.Channel, ec.Thread, ec.Text = engine.CmdRoleSay, cmd.Persona, cmd.Channel, cmd.Thread, cmd.Text
	case wireRoleOpen:
		ec.Kind, ec.Decision = engine.CmdRoleOpen, cmd.Decision
	case wireRoleNudge:
		ec.Kind, ec.Effects = engine.CmdRoleNudge, cmd.Effects
	default:
		return engine.Command{}, fmt.Errorf("a role-player laptop sends no %q", cmd.Kind)
	}
	return ec, nil
}

// isRoleKind tells whether a wire kind is a role-player's.
func isRoleKind(kind string) bool {
	return kind == wireRoleSay || kind == wireRoleOpen || kind == wireRoleNudge
}

// JoinRoleplayer joins the host at addr as a role-player laptop, with the
// role-player code bundle and the seat's name (logged with everything the
// seat does). The Client it returns reads every event a team may see and
// sends role-player commands only (engine.CmdRoleSay, CmdRoleOpen,
// CmdRoleNudge), each retried with the same id until the host answers.
//
// The laptop claims its seat with opts.Claim (a new claim when empty; see
// Client.Claim): ErrSeatTaken when another connected role-player laptop
// holds a seat of that name. A laptop restarted with the claim it had gets
// its seat back.
func JoinRoleplayer(addr string, b Bundle, seat string, opts JoinOptions) (*Client, error) {
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
	return join(addr, b, RoleToken, RoleToken, RoleUser, RolePassword(b.Code), seat, opts)
}

// Claim is the id of a role-player laptop's claim to its seat ("" for a
// team's laptop): keep it to take the seat back after a restart.
func (c *Client) Claim() string { return c.opts.Claim }
