package engine

import (
	"math"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

func startWorld(t *testing.T) *Session {
	t.Helper()
	src, err := os.ReadFile("testdata/world.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Start(Config{ScenarioID: "world", Source: src, Teams: []string{"Alpha", "Bravo"}, Lang: "en"}, &MemoryLog{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func at(t *testing.T, s *Session, d time.Duration) {
	t.Helper()
	if err := s.AdvanceTo(d); err != nil {
		t.Fatal(err)
	}
}

func choose(t *testing.T, s *Session, team, decision, option, text string) {
	t.Helper()
	if err := s.Send(Command{Kind: CmdChoose, Team: team, Decision: decision, Option: option, Text: text}); err != nil {
		t.Fatal(err)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestRulesTriggersAndRegulatoryDeadlines(t *testing.T) {
	s := startWorld(t)
	at(t, s, time.Minute)
	choose(t, s, "Bravo", "internal", "brief", "") // internal: Bravo is still silent in public
	at(t, s, 6*time.Minute)
	bravo := team(s, "Bravo")
	if bravo.World["attention"] != 10 || !near(bravo.World["trust"], 45) {
		t.Fatalf("at 5m the silence rule applies to both teams (attention +10, trust −10 %%): Bravo %v", bravo.World)
	}
	choose(t, s, "Bravo", "notify", "report", "We apologise. Call our hotline 400-123-456. The leak happened on 5月3日.")
	bravo = team(s, "Bravo")
	if ds := bravo.RegDeadlines["regulator-72h"]; ds == nil || !ds.Met || ds.MetAt != 6*time.Minute || ds.DueAt() != 22*time.Minute {
		t.Fatalf("Bravo reported at 6m, inside the deadline that started with the 2m inject: %+v", ds)
	}
	if got := bravo.Answers[len(bravo.Answers)-1].FactsFound; !reflect.DeepEqual(got, []string{"hotline", "date"}) {
		t.Fatalf("the statement names the hotline and the date (in Chinese): found %v", got)
	}

	at(t, s, 15*time.Minute)
	alpha := team(s, "Alpha")
	if alpha.World["attention"] != 30 || !alpha.Triggered["trending"] {
		t.Fatalf("three silent periods raise attention to 30, which fires the trigger: %v, triggered %v", alpha.World, alpha.Triggered)
	}
	last := alpha.Inbox[len(alpha.Inbox)-1]
	if !strings.Contains(last.Inject.Text.Get("en"), "trending") || last.At != 15*time.Minute {
		t.Fatalf("the trigger's inject should arrive at 15m: %+v", last)
	}
	trustBefore := alpha.World["trust"]
	at(t, s, 22*time.Minute)
	alpha = team(s, "Alpha")
	if ds := alpha.RegDeadlines["regulator-72h"]; ds == nil || !ds.Missed {
		t.Fatalf("Alpha never reported: the deadline should be missed at 22m: %+v", ds)
	}
	// 20m tick: trust × 0.9; then the missed deadline: −20.
	if want := trustBefore*0.9 - 20; !near(alpha.World["trust"], want) {
		t.Fatalf("trust %g, want %g", alpha.World["trust"], want)
	}
	if alpha.Inbox[len(alpha.Inbox)-1].Inject.Channel != "regulator" {
		t.Fatal("a missed deadline delivers the regulator's letter")
	}
	at(t, s, 60*time.Minute)
	alpha = team(s, "Alpha")
	if n := countTriggers(alpha); n != 1 {
		t.Fatalf("a trigger fires once per team, fired %d times", n)
	}
}

func countTriggers(t Team) int {
	n := 0
	for _, d := range t.Inbox {
		if d.Inject.ID == "trending" {
			n++
		}
	}
	return n
}

func TestWorldReplayMatches(t *testing.T) {
	src, _ := os.ReadFile("testdata/world.yaml")
	log := &MemoryLog{}
	s, err := Start(Config{ScenarioID: "world", Source: src, Teams: []string{"Alpha", "Bravo"}, Lang: "en"}, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdResume}); err != nil {
		t.Fatal(err)
	}
	at(t, s, 7*time.Minute)
	choose(t, s, "Bravo", "notify", "wait", "")
	at(t, s, 60*time.Minute)
	replayed, err := Fold(log.Events)
	if err != nil {
		t.Fatal(err)
	}
	s.Read(func(live *State) {
		for i := range live.Teams {
			if !reflect.DeepEqual(live.Teams[i].World, replayed.Teams[i].World) || len(live.Teams[i].Inbox) != len(replayed.Teams[i].Inbox) {
				t.Fatalf("replay differs for %s", live.Teams[i].Name)
			}
		}
	})
}
