package app

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// manualSession runs a scenario in manual time (no wall clock).
func manualSession(t *testing.T, id string, src []byte, teams ...string) *engine.Session {
	t.Helper()
	s, err := engine.Start(engine.Config{ScenarioID: id, Source: src, Teams: teams, Lang: "en", Speed: 1}, &engine.MemoryLog{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// upcoming lists a team's coming injects as "at text" strings.
func upcoming(s *engine.Session, team string, limit int) string {
	var parts []string
	s.Read(func(st *engine.State) {
		for _, u := range upcomingInjects(st, st.Team(team), limit) {
			parts = append(parts, fmt.Sprintf("%s %s", debrief.Clock(u.At), u.Inject.Text.Get("en")))
		}
	})
	return strings.Join(parts, "; ")
}

func TestUpcomingInjectsFollowTheTeam(t *testing.T) {
	e := miniEntry(t)
	s := manualSession(t, e.ID, e.Source, "Alpha", "Bravo")

	if got, want := upcoming(s, "Alpha", 3), "00:05:00 A reporter calls"; got != want {
		t.Errorf("at start: %q, want %q", got, want)
	}
	if err := s.AdvanceTo(5 * time.Minute); err != nil {
		t.Fatal(err)
	}
	if got := upcoming(s, "Alpha", 3); got != "" {
		t.Errorf("everything in start delivered, yet upcoming = %q", got)
	}
	// Denial leads to the storm phase, whose inject comes 2 minutes in.
	if err := s.Send(engine.Command{Kind: engine.CmdChoose, Team: "Alpha", Decision: "first", Option: "bad"}); err != nil {
		t.Fatal(err)
	}
	if got, want := upcoming(s, "Alpha", 3), "00:07:00 Outrage"; got != want {
		t.Errorf("in storm: %q, want %q", got, want)
	}
	// The other team is unaffected.
	if got := upcoming(s, "Bravo", 3); got != "" {
		t.Errorf("Bravo: %q", got)
	}
}

const scheduleYAML = `format: firebreak/1
id: sched
kind: outage
title: {en: Schedule}
summary: {en: Schedule test}
languages: [en]
duration: 30m
phases:
  start:
    injects:
      - {at: 0m, channel: memo, text: {en: first}}
      - {at: 8m, channel: news, text: {en: eight-b}}
      - {at: 4m, channel: email, text: {en: four}}
      - {at: 8m, channel: phone, text: {en: eight-a}}
      - {at: 10m, channel: social, text: {en: ten}}
      - {at: 11m, channel: social, text: {en: after-continue}}
    continue: {after: 10m, next: late}
  late:
    injects:
      - {at: 15m, channel: regulator, text: {en: in-time}}
      - {at: 25m, channel: customer, text: {en: after-duration}}
    continue: {after: 25m, next: done}
  done:
    injects:
      - {at: 0m, channel: news, text: {en: ending-now}}
      - {at: 1m, channel: news, text: {en: never}}
    ending: {outcome: {en: Done}, tone: mixed}
`

func TestUpcomingInjectsMirrorTheSchedule(t *testing.T) {
	s := manualSession(t, "sched", []byte(scheduleYAML), "Alpha")
	// Sorted by time; equal times keep file order; nothing past the
	// automatic move at 10m (an inject due exactly then still arrives).
	if got, want := upcoming(s, "Alpha", 10), "00:04:00 four; 00:08:00 eight-b; 00:08:00 eight-a; 00:10:00 ten"; got != want {
		t.Errorf("start: %q\nwant      %q", got, want)
	}
	if got, want := upcoming(s, "Alpha", 2), "00:04:00 four; 00:08:00 eight-b"; got != want {
		t.Errorf("limit 2: %q, want %q", got, want)
	}
	// In "late" (entered at 10m), nothing after the scenario's 30 minutes.
	if err := s.AdvanceTo(10 * time.Minute); err != nil {
		t.Fatal(err)
	}
	if got, want := upcoming(s, "Alpha", 10), "00:25:00 in-time"; got != want {
		t.Errorf("late: %q, want %q", got, want)
	}
	if err := s.AdvanceTo(30 * time.Minute); err != nil {
		t.Fatal(err)
	}
	if got := upcoming(s, "Alpha", 10); got != "" {
		t.Errorf("after the end: %q", got)
	}
}
