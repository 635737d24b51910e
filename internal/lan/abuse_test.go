//go:build abuse

package lan

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// The LAN abuse test is a load test with a latency figure, so it is kept out
// of the normal suite by its build tag:
//
//	go test -tags ci,migrated_fynedo,abuse ./internal/lan/ -run Abuse -v
//
// FIREBREAK_ABUSE_SECONDS sets how long the flood lasts (default 10).
//
// An honest team (Alpha) makes one choice every 50 ms — each a real
// decision, answered after the event is fsynced — while, at the same time:
//   - four pairing connections (no code needed) send 4 MB messages, and
//     connect again with a new token whenever the server drops them;
//   - a joined team (Bravo) sends 4 MB messages on its command subject, and
//     junk commands as fast as it can: decisions the scenario does not have,
//     options a decision does not have, and choices for a decision already
//     answered, each with a new id, some with a 10,000-character text.
//
// It fails if any honest choice is refused or unanswered, or the p99 of
// their answers is above 100 ms.

// abuseScenario has n decisions open from the start, for the honest team
// to answer one after the other.
func abuseScenario(n int) []byte {
	var b strings.Builder
	b.WriteString(`format: firebreak/1
id: abuse
kind: recall
title: {en: "Abuse", zh: "压力"}
languages: [en, zh]
duration: 60m
world:
  cash: {start: 50, stake: higher, label: {en: Cash, zh: 现金}}
phases:
  start:
    decisions:
`)
	for i := range n {
		fmt.Fprintf(&b, `      d%04d:
        prompt: {en: "Q?", zh: "问？"}
        at: 0s
        target: 30m
        deadline: 50m
        options:
          - {id: a, text: {en: A, zh: 甲}, public: false, scores: {transparency: 1}}
          - {id: b, text: {en: B, zh: 乙}, public: false, scores: {transparency: -1}}
`, i)
	}
	b.WriteString(`    continue: {after: 55m, next: end}
  end:
    ending: {outcome: {en: Done, zh: 结束}, tone: good}
`)
	return []byte(b.String())
}

func dbBytes(db string) int64 {
	var n int64
	for _, p := range []string{db, db + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}

func TestAbuse(t *testing.T) {
	seconds := 10
	if s := os.Getenv("FIREBREAK_ABUSE_SECONDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("FIREBREAK_ABUSE_SECONDS=%q: a whole number of seconds, at least 1", s)
		}
		seconds = n
	}
	const honestEvery = 50 * time.Millisecond
	duration := time.Duration(seconds) * time.Second
	decisions := int(duration/honestEvery) + 20
	th := newTestHostConfig(t, true, engine.Config{ScenarioID: "abuse", Source: abuseScenario(decisions),
		Teams: []string{"Alpha", "Bravo"}, Lang: "en", Speed: 1, Seed: 7})
	var hostLines atomic.Int64
	th.h.cfg.Logf = func(string, ...any) { hostLines.Add(1) }
	if err := th.run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	th.advance(time.Second)
	sub := subjects{exercise: th.run.ID}
	eventsBefore, err := th.st.Events(th.run.ID)
	if err != nil {
		t.Fatal(err)
	}
	bytesBefore := dbBytes(th.db)

	honest := rawConn(t, th, "Alpha")
	junkConn := rawConn(t, th, "Bravo")

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var (
		pairSent, pairConns, pairRefused atomic.Int64
		bigSent, bigConns                atomic.Int64
		junkSent                         atomic.Int64
	)
	big := []byte(strings.Repeat("x", 4<<20))
	stopped := func() bool {
		select {
		case <-stop:
			return true
		default:
			return false
		}
	}
	// Pairing flood: anyone on the network, no code.
	for range 4 {
		wg.Go(func() {
			for !stopped() {
				tok := newPairToken()
				rn, err := dialRaw(th, pairUser, tok)
				if err != nil {
					pairRefused.Add(1)
					time.Sleep(50 * time.Millisecond)
					continue
				}
				pairConns.Add(1)
				for !stopped() {
					if rn.pub(pairSubject(tok), pairInbox(tok)+".x", big) != nil {
						break
					}
					pairSent.Add(1)
				}
				rn.close()
			}
		})
	}
	// A joined team's large messages.
	for range 2 {
		wg.Go(func() {
			for !stopped() {
				rn, err := dialRaw(th, "Bravo", TeamPassword(th.h.Code(), "Bravo"))
				if err != nil {
					time.Sleep(50 * time.Millisecond)
					continue
				}
				bigConns.Add(1)
				for !stopped() {
					if rn.pub(sub.cmd("Bravo"), inboxPrefix("Bravo")+".x", big) != nil {
						break
					}
					bigSent.Add(1)
				}
				rn.close()
			}
		})
	}
	// A joined team's junk commands.
	long := strings.Repeat("y", 10_000)
	wg.Go(func() {
		for i := 0; !stopped(); i++ {
			c := wireCommand{ID: fmt.Sprintf("junk-%d", i), Kind: wireChoose, Team: "Bravo"}
			switch i % 4 {
			case 0:
				c.Decision, c.Option = fmt.Sprintf("nope-%d", i), "x"
			case 1:
				c.Decision, c.Option = "d0000", fmt.Sprintf("nope-%d", i)
			case 2:
				c.Decision, c.Option = "d0000", "a" // answered by the first one
			case 3:
				c.Decision, c.Option, c.Text = "d0000", "b", long
			}
			body, _ := json.Marshal(c)
			if err := junkConn.PublishRequest(sub.cmd("Bravo"), inboxPrefix("Bravo")+".junk", body); err != nil {
				time.Sleep(10 * time.Millisecond)
				continue
			}
			junkSent.Add(1)
			if i%256 == 0 {
				_ = junkConn.FlushTimeout(time.Second)
			}
		}
	})

	// The honest team.
	time.Sleep(500 * time.Millisecond) // let the flood build up
	var lat []time.Duration
	var refused []string
	tick := time.NewTicker(honestEvery)
	deadline := time.Now().Add(duration)
	for i := 0; time.Now().Before(deadline); i++ {
		<-tick.C
		body, _ := json.Marshal(wireCommand{ID: fmt.Sprintf("honest-%d", i), Kind: wireChoose, Team: "Alpha",
			Decision: fmt.Sprintf("d%04d", i), Option: "a"})
		t0 := time.Now()
		m, err := honest.Request(sub.cmd("Alpha"), body, 5*time.Second)
		d := time.Since(t0)
		var o Outcome
		switch {
		case err != nil:
			refused = append(refused, fmt.Sprintf("#%d: %v", i, err))
		case json.Unmarshal(m.Data, &o) != nil || o.Status != StatusAccepted:
			refused = append(refused, fmt.Sprintf("#%d: %s", i, m.Data))
		default:
			lat = append(lat, d)
		}
	}
	tick.Stop()
	close(stop)
	wg.Wait()

	eventsAfter, err := th.st.Events(th.run.ID)
	if err != nil {
		t.Fatal(err)
	}
	honestN := len(lat) + len(refused)
	slices.Sort(lat)
	p50, p99 := percentile(lat, 0.50), percentile(lat, 0.99)
	growth := len(eventsAfter) - len(eventsBefore) - len(lat)
	t.Logf("flood for %s on %s", duration, filepath.Base(th.db))
	t.Logf("honest choices: %d sent, %d accepted, %d refused or unanswered; p50 %.1f ms, p99 %.1f ms, max %.1f ms",
		honestN, len(lat), len(refused), p50, p99, percentile(lat, 1))
	t.Logf("pairing flood: %d × 4 MB sent on %d connections, %d connections refused", pairSent.Load(), pairConns.Load(), pairRefused.Load())
	t.Logf("team flood: %d × 4 MB sent on %d connections, %d junk commands sent", bigSent.Load(), bigConns.Load(), junkSent.Load())
	t.Logf("log growth: %d events besides the honest choices, %.1f MiB on disk; host log lines: %d",
		growth, float64(dbBytes(th.db)-bytesBefore)/(1<<20), hostLines.Load())
	t.Logf("host: %s", abuseHostStats(th.h))
	if len(refused) > 0 {
		t.Errorf("%d honest choices refused or unanswered, the first: %s", len(refused), refused[0])
	}
	if honestN == 0 || p99 > 100 {
		t.Errorf("honest p99 %.1f ms over %d choices; want at most 100 ms", p99, honestN)
	}
}

// abuseHostStats is what the host counted of the flood.
func abuseHostStats(h *Host) string {
	v, _ := h.ns.Varz(nil)
	var rc uint64
	for _, nc := range h.conns {
		rc += nc.Stats().Reconnects
	}
	totals := h.quiet.totals()
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(totals)) {
		parts = append(parts, fmt.Sprintf("%d× %s", totals[k], k))
	}
	return fmt.Sprintf("host connection reconnects %d; server slow consumers %d; dropped by the host's subscriptions %d; turned away: %s",
		rc, v.SlowConsumers, h.droppedMessages(), strings.Join(parts, "; "))
}

// totals is a copy of every count since the start.
func (q *quietLog) totals() map[string]int64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	return maps.Clone(q.total)
}

// droppedMessages counts the messages the host's subscriptions dropped
// because a flood overran them.
func (h *Host) droppedMessages() int64 {
	var n int64
	for _, s := range h.subs {
		if d, err := s.Dropped(); err == nil {
			n += int64(d)
		}
	}
	return n
}
