package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/firebreak-drills/firebreak/app/join"
	"github.com/firebreak-drills/firebreak/app/play"
	"github.com/firebreak-drills/firebreak/internal/discovery"
	"github.com/firebreak-drills/firebreak/internal/lan"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// advertiseExercise announces a hosted exercise on the local network by
// mDNS (its id, titles, teams and port; never the code).
func advertiseExercise(a play.Announcement) (io.Closer, error) {
	adv, err := discovery.Advertise(discovery.Announcement{ID: a.ID, Title: a.Title["en"], TitleZH: a.Title["zh"],
		Teams: a.Teams, Port: a.Port, Protocol: lan.Protocol, Logf: hostLogf})
	if errors.Is(err, discovery.ErrNoMulticast) {
		return nil, fmt.Errorf("%w (%v)", play.ErrNoAnnounceNetwork, err)
	}
	if err != nil {
		// Not adv: a nil *Advertiser in an io.Closer is not a nil Closer.
		return nil, err
	}
	return adv, nil
}

// browseExercises lists the exercises announced on the local network that
// this version can join.
func browseExercises(ctx context.Context, wait time.Duration) ([]join.Found, error) {
	found, err := discovery.Browse(ctx, wait)
	if errors.Is(err, discovery.ErrNoMulticast) {
		return nil, fmt.Errorf("%w (%v)", join.ErrNoNetwork, err)
	}
	if err != nil {
		return nil, err
	}
	var out []join.Found
	for _, f := range found {
		if f.Protocol != lan.Protocol {
			continue
		}
		title := scenario.Text{}
		if f.Title != "" {
			title["en"] = f.Title
		}
		if f.TitleZH != "" {
			title["zh"] = f.TitleZH
		}
		out = append(out, join.Found{ID: f.ID, Title: title, Teams: f.Teams, Addrs: f.Addrs})
	}
	return out, nil
}

// lanTeam is a lan.Client with the bundle it joined with.
type lanTeam struct {
	*lan.Client
	bundle string
}

func (t lanTeam) Bundle() string { return t.bundle }

// lanJoin connects a team laptop. With only the code typed, it first pairs
// with the host (a password-authenticated exchange that gives the host's
// certificate fingerprint without trusting the network); a rejoin uses the
// bundle kept from the first join.
func lanJoin(ctx context.Context, req join.Request) (join.Conn, error) {
	opts := lan.JoinOptions{Timeout: 10 * time.Second, Logf: hostLogf}
	var b lan.Bundle
	var err error
	if req.Bundle != "" {
		b, err = lan.ParseBundle(req.Bundle)
	} else {
		b, err = lan.Pair(ctx, req.Address, req.Code, opts)
	}
	if err != nil {
		return nil, err
	}
	var c *lan.Client
	if req.Roleplayer {
		opts.Claim = req.Claim
		c, err = lan.JoinRoleplayer(req.Address, b, req.Team, opts)
	} else if req.Evaluator {
		opts.Claim = req.Claim
		c, err = lan.JoinEvaluator(req.Address, b, req.Team, opts)
	} else {
		c, err = lan.JoinWith(req.Address, b, req.Team, opts)
	}
	if err != nil {
		return nil, err
	}
	// The team's view needs the scenario, which comes with the first
	// event of the team's stream.
	select {
	case <-c.Started():
	case <-ctx.Done():
		c.Close()
		return nil, ctx.Err()
	case <-c.Gone():
		return nil, c.Err()
	}
	return lanTeam{Client: c, bundle: b.String()}, nil
}

// hostLogf is where the network's messages go (joins, refusals,
// reconnects): standard error, for whoever started the app from a terminal.
func hostLogf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "firebreak: "+format+"\n", args...)
}
