package lan

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Heartbeat tells the teams where the exercise clock stands every 100 ms
// until ctx ends. It is for a host whose clock someone else drives (the
// app's exercise screen ticks the session and saves the clock); Run beats
// by itself.
func (h *Host) Heartbeat(ctx context.Context) {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		h.beat()
		select {
		case <-ctx.Done():
			return
		case <-h.closing:
			return
		case <-t.C:
		}
	}
}

// Finish waits, after the exercise has ended, until every event is in the
// teams' streams and the teams that joined have confirmed the end (at most
// HostConfig.Linger), so that closing the host does not cut a team off
// before it saw the ending.
func (h *Host) Finish(ctx context.Context) error {
	h.beat()
	return h.finish(ctx)
}

// PresenceChanged returns a channel that is closed the next time a team
// joins (see Present) or confirms the end; take a new one after each.
func (h *Host) PresenceChanged() <-chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.changed
}

// Connected says whether the laptop is connected to the host right now;
// while it is not, it reconnects by itself and commands wait.
func (c *Client) Connected() bool { return c.nc.IsConnected() }

// HostedIn says whether dir holds a host's files (its code and
// certificate): the exercise was served to team laptops before, and a new
// host on dir takes up the same address, certificate and code.
func HostedIn(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, hostFileName))
	return err == nil
}

// Connected lists the teams that have a laptop connected right now, in the
// exercise's order (Present lists those that joined at some point).
func (h *Host) Connected() []string {
	n := h.Laptops()
	var out []string
	for _, t := range h.teams {
		if n[t] > 0 {
			out = append(out, t)
		}
	}
	return out
}

// Laptops counts the laptops connected right now per team. Anyone with the
// code can join as any team, so two laptops on one team is worth showing
// the facilitator.
func (h *Host) Laptops() map[string]int {
	out := map[string]int{}
	cz, err := h.ns.Connz(&server.ConnzOptions{Username: true, Limit: 1 << 16})
	if err != nil {
		return out
	}
	for _, ci := range cz.Conns {
		// The user and the name a team laptop gives: the host's own
		// connection and pairing connections are other users, even for
		// teams called "facilitator" or "pair".
		if _, team := h.tokens[ci.AuthorizedUser]; team && ci.Name == clientName(ci.AuthorizedUser) {
			out[ci.AuthorizedUser]++
		}
	}
	return out
}
