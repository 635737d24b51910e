package lan

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// benchClients is how many laptops the benchmarks connect. An exercise has
// at most engine.MaxTeams (12) teams, so several laptops share a team, as
// a team with two or three laptops would.
const benchClients = 30

func benchTeams() []string {
	teams := make([]string, engine.MaxTeams)
	for i := range teams {
		teams[i] = fmt.Sprintf("Team%02d", i+1)
	}
	return teams
}

func percentile(sorted []time.Duration, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p * float64(len(sorted)-1))
	return float64(sorted[i]) / float64(time.Millisecond)
}

func benchSetup(b *testing.B) (*testHost, []*Client) {
	th := newTestHost(b, true, 1, benchTeams()...)
	th.h.cfg.Logf = nil
	teams := benchTeams()
	clients := make([]*Client, benchClients)
	for i := range clients {
		c, err := Join(th.h.Address(), th.h.Bundle().String(), teams[i%len(teams)], JoinOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(c.Close)
		clients[i] = c
	}
	// Everyone has the start before timing begins.
	for _, c := range clients {
		select {
		case <-c.Started():
		case <-time.After(30 * time.Second):
			b.Fatal("a client did not start")
		}
	}
	return th, clients
}

// BenchmarkInjectFanOut measures how long a facilitator's inject to all
// teams takes to reach every laptop: from the facilitator's Send (which
// stores the event durably) to its arrival at each of the 30 clients over
// TLS on loopback. per-client-p50/p99 are over every (inject, laptop)
// pair; all-p50/p99 over the time until the last laptop has it.
func BenchmarkInjectFanOut(b *testing.B) {
	th, clients := benchSetup(b)
	var mu sync.Mutex
	sent := map[string]time.Time{}
	got := map[string]int{}
	var perClient, all []time.Duration
	done := make(chan string, 1)
	for _, c := range clients {
		c.Subscribe(func(ev engine.Event) {
			if ev.Kind != engine.KindAdHoc {
				return
			}
			now := time.Now()
			mu.Lock()
			defer mu.Unlock()
			t0, ok := sent[ev.Text]
			if !ok {
				return
			}
			perClient = append(perClient, now.Sub(t0))
			got[ev.Text]++
			if got[ev.Text] == len(clients) {
				all = append(all, now.Sub(t0))
				done <- ev.Text
			}
		})
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		text := fmt.Sprintf("inject %d", i)
		mu.Lock()
		sent[text] = time.Now()
		mu.Unlock()
		if err := th.run.Session.Send(engine.Command{Kind: engine.CmdInject, Channel: "email", Text: text}); err != nil {
			b.Fatal(err)
		}
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			b.Fatalf("inject %d did not reach every laptop", i)
		}
	}
	b.StopTimer()
	slices.Sort(perClient)
	slices.Sort(all)
	b.ReportMetric(percentile(perClient, 0.50), "per-client-p50-ms")
	b.ReportMetric(percentile(perClient, 0.99), "per-client-p99-ms")
	b.ReportMetric(percentile(all, 0.50), "all-p50-ms")
	b.ReportMetric(percentile(all, 0.99), "all-p99-ms")
}

// BenchmarkDecisionAck measures a choice's round trip from a laptop: send,
// schema check, duplicate check, the session, the durable append to SQLite,
// and the reply — with all 30 laptops sending at once. Most choices are
// refused (the decision is not open yet), which costs the same: the refusal
// is an event, stored before the reply.
func BenchmarkDecisionAck(b *testing.B) {
	_, clients := benchSetup(b)
	var mu sync.Mutex
	var lat []time.Duration
	b.ResetTimer()
	start := time.Now()
	n := b.N
	var wg sync.WaitGroup
	for i, c := range clients {
		count := n / len(clients)
		if i < n%len(clients) {
			count++
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := make([]time.Duration, 0, count)
			for range count {
				t0 := time.Now()
				o, err := c.SendContext(context.Background(), engine.Command{Kind: engine.CmdChoose, Decision: "first", Option: "good"})
				if err != nil || o.Status == StatusRetry {
					b.Error(o, err)
					return
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(percentile(lat, 0.50), "ack-p50-ms")
	b.ReportMetric(percentile(lat, 0.99), "ack-p99-ms")
	b.ReportMetric(float64(len(lat))/time.Since(start).Seconds(), "acks/s")
}
