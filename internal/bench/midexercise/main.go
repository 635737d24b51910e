// Command midexercise creates, in an exercise database, a running exercise
// of a built-in scenario with four teams, played forward to a given
// exercise time so that injects have arrived and decisions are open, and
// prints its id. scripts/startup-compare.sh resumes it in Firebreak
// (FIREBREAK_RESUME) to measure the idle CPU of a running exercise
// (issue 13 point 5). With -clock it prints instead where an exercise's
// clock stands in the database and whether it is paused, read beside the
// running app, so the script can check that the clock ran.
//
//	midexercise -db DIR/firebreak.db [-scenario beverage-recall] [-at 10m] [-lang zh] [-press ID]
//
// With -press, the scenario's press conference ID starts for every team
// at that time, Alpha answers its first question, and the clock runs 20
// seconds more: the team view shows a conference under way.
//
//	midexercise -db DIR/firebreak.db -clock ID   → "612 running" (seconds)
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/library"
)

func main() {
	db := flag.String("db", "", "exercise database (created if missing)")
	id := flag.String("scenario", "beverage-recall", "built-in scenario, or a scenario file")
	at := flag.Duration("at", 10*time.Minute, "exercise time to play forward to")
	lang := flag.String("lang", "en", "the exercise's language (en or zh)")
	clockOf := flag.String("clock", "", "print the clock of this exercise instead")
	press := flag.String("press", "", "start this press conference for every team at the end")
	roleplay := flag.Bool("roleplay", false, "at the end, Alpha replies to its first message that asks for an answer, Bravo posts, and role-players answer both as personas")
	flag.Parse()
	var err error
	if *clockOf != "" {
		err = printClock(*db, *clockOf)
	} else {
		err = run(*db, *id, *lang, *at, *press, *roleplay)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "midexercise:", err)
		os.Exit(1)
	}
}

func run(path, scenarioID, lang string, at time.Duration, press string, roleplay bool) error {
	if path == "" {
		return fmt.Errorf("-db is required")
	}
	found, err := library.Find(scenarioID)
	if err != nil {
		return err
	}
	entry := &found
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	st, err := exercise.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	clock := engine.NewFakeClock()
	cfg := engine.Config{ScenarioID: entry.ID, Source: entry.Source, Media: entry.Media,
		Teams: []string{"Alpha", "Bravo", "Charlie", "Delta"}, Lang: lang, Speed: 1, Seed: 1}
	r, err := exercise.Start(st, cfg, entry.Scenario.Title, "bench", clock, exercise.EachEvent)
	if err != nil {
		return err
	}
	if err := r.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		return err
	}
	// A second at a time, as the app's ticker moves it.
	for t := time.Duration(0); t < at; t += time.Second {
		clock.Add(time.Second)
		if err := r.Session.Tick(); err != nil {
			return err
		}
	}
	if press != "" {
		if err := r.Session.Send(engine.Command{Kind: engine.CmdPress, Conference: press}); err != nil {
			return err
		}
		if err := r.Session.Send(engine.Command{Kind: engine.CmdAnswer, Team: "Alpha", Conference: press, Question: 1,
			Text: "We are deeply sorry. Stop drinking Orange Sparkle from batch CB-2611-07 and call 400-000-2611; we will update you by 8 p.m."}); err != nil {
			return err
		}
		for range 20 {
			clock.Add(time.Second)
			if err := r.Session.Tick(); err != nil {
				return err
			}
		}
	}
	if roleplay {
		if err := seedRoleplay(r.Session); err != nil {
			return err
		}
	}
	if err := r.SaveClock(); err != nil {
		return err
	}
	fmt.Println(r.ID)
	return nil
}

func printClock(path, id string) error {
	db, err := exercise.OpenReadOnly(path)
	if err != nil {
		return err
	}
	defer db.Close()
	ex, err := db.Exercise(id)
	if err != nil {
		return err
	}
	state := "running"
	if ex.Paused {
		state = "paused"
	}
	fmt.Println(int(ex.Clock.Seconds()), state)
	return nil
}

// seedRoleplay has Alpha reply to the first message it received that asks
// for an answer and Bravo post on its official account, then role-players
// answer: the facilitator's tab as the persona Alpha answered (or the
// first), a role-player laptop as the first persona in Bravo's feed.
func seedRoleplay(s *engine.Session) error {
	var inject, persona, first string
	s.Read(func(st *engine.State) {
		for _, d := range st.Team("Alpha").Inbox {
			if d.Inject.Reply != nil && inject == "" {
				inject, persona = d.Inject.ID, d.Inject.Persona
			}
		}
		if len(st.Scenario.Personas) > 0 {
			first = st.Scenario.Personas[0].ID
		}
	})
	if persona == "" {
		persona = first
	}
	cmds := []engine.Command{
		{Kind: engine.CmdPost, Team: "Bravo", Channel: "social", Text: "We are looking into reports about our drinks and will update you soon."},
		{Kind: engine.CmdRoleSay, Seat: "Press desk", Persona: first, Channel: engine.RoleFeed, Team: "Bravo", Thread: engine.ThreadPost(1),
			Text: "\"Looking into it\" is what they said last year too. Which batches, and since when?"},
	}
	if inject != "" {
		cmds = append([]engine.Command{
			{Kind: engine.CmdReply, Team: "Alpha", Inject: inject, Text: "We are sorry. Please stop drinking batch CB-2611-07 and call 400-000-2611."},
			{Kind: engine.CmdRoleSay, Seat: engine.SeatFacilitator, Persona: persona, Channel: "email", Team: "Alpha", Thread: engine.ThreadReply(1),
				Text: "Thank you. Will you refund the hospital costs? I need an answer today."},
		}, cmds...)
	}
	for _, c := range cmds {
		if err := s.Send(c); err != nil {
			return fmt.Errorf("%s: %w", c.Kind, err)
		}
	}
	return nil
}
