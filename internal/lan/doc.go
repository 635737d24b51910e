// Package lan runs an exercise across several laptops on one network.
//
// The facilitator's laptop runs a Host: an embedded NATS server with
// JetStream, TLS with a per-exercise self-signed certificate, one account
// per exercise and one user per team (password derived from the join code
// and the team name, failed attempts rate-limited per address and
// host-wide). Message sizes are bounded per account by the server, commands
// per team by the host, and junk never reaches the exercise log (guard.go).
// The host
// applies teams' choices through the exercise's engine.Session — once per
// command id, replying after the event is stored — and fans the session's
// events out to a JetStream stream per team.
//
// A team laptop runs a Client (Join): it pins the host's certificate by the
// fingerprint in the join code bundle, reads its team's stream from the
// start into a local engine.State, follows the host's clock heartbeat, and
// sends choices that are retried with the same id until the host answers.
// Client implements engine.Conn.
//
// A laptop that has only the 6-character code pairs first (Pair, JoinCode):
// a PAKE keyed by the code, run over the same server as a rate-limited
// pairing user, gives it the certificate fingerprint authenticated by the
// host, one online guess per connection.
//
// docs/lan.md describes the subjects, streams, permissions and the
// reconnect and restart semantics.
package lan
