package lan

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/nats-io/nats-server/v2/server"

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

// RoleCode is the role-player code of a host: six characters of the join
// code's alphabet, derived from the host's secret, so it stays the same
// after a restart and tells nothing of the teams' code.
func RoleCode(secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("firebreak/lan/v1 role-player code"))
	sum := m.Sum(nil)
	out := make([]byte, CodeLen)
	for i := range out {
		out[i] = CodeAlphabet[int(sum[i])%len(CodeAlphabet)]
	}
	return string(out)
}

// RolePassword is the password of the role-player user, derived from the
// role-player code.
func RolePassword(code string) string {
	m := hmac.New(sha256.New, []byte(code))
	m.Write([]byte("firebreak/lan/v1 roleplayer\x00"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
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
	if cmd.Seat == "" || cmd.Seat == engine.SeatFacilitator {
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
func JoinRoleplayer(addr string, b Bundle, seat string, opts JoinOptions) (*Client, error) {
	if seat == "" || seat == engine.SeatFacilitator || len([]rune(seat)) > engine.MaxSeatLen {
		return nil, ErrSeat
	}
	return join(addr, b, RoleToken, RoleToken, RoleUser, RolePassword(b.Code), seat, opts)
}
