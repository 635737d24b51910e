// Command programme fills an exercise database with a small training
// programme, for looking at the programme screen and its reports: three
// played exercises of one organisation (two of the same scenario, with
// improvement plans whose corrective actions are done, in progress and
// overdue), one of another, and a next drill five days ahead of today. It
// prints the organisation's name.
//
//	programme -db DIR/firebreak.db [-lang en|zh]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/library"
)

func main() {
	db := flag.String("db", "", "exercise database (created if missing)")
	lang := flag.String("lang", "en", "the exercises' language and the names' (en or zh)")
	flag.Parse()
	if err := run(*db, *lang); err != nil {
		fmt.Fprintln(os.Stderr, "programme:", err)
		os.Exit(1)
	}
}

// play plays the scenario for the teams to its end: every minute, each
// team answers its open decisions with the option pick chooses.
func play(st *exercise.DB, scenarioID, lang string, teams []string, pick func(team, round int, n int) int) (string, error) {
	e, err := library.Find(scenarioID)
	if err != nil {
		return "", err
	}
	clock := engine.NewFakeClock()
	cfg := engine.Config{ScenarioID: e.ID, Source: e.Source, Media: e.Media, Teams: teams, Lang: lang, Speed: 1, Seed: 1}
	r, err := exercise.Start(st, cfg, e.Scenario.Title, "bench", clock, exercise.EachEvent)
	if err != nil {
		return "", err
	}
	s := r.Session
	if err := s.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		return "", err
	}
	for round := 0; round < 120; round++ {
		clock.Add(30 * time.Second)
		if err := s.Tick(); err != nil {
			return "", err
		}
		var ended bool
		var cmds []engine.Command
		s.Read(func(x *engine.State) {
			ended = x.Ended
			for ti, name := range teams {
				t := x.Team(name)
				if t == nil {
					continue
				}
				for _, od := range t.Open {
					opts := od.Decision.Options
					if len(opts) == 0 {
						continue
					}
					o := opts[pick(ti, round, len(opts))%len(opts)]
					cmds = append(cmds, engine.Command{Kind: engine.CmdChoose, Team: name, Decision: od.Decision.ID, Option: o.ID,
						Text: "We are sorry for the worry this causes. Stop using the product and call 400-000-2611; we will update you by 8 p.m."})
				}
			}
		})
		if ended {
			break
		}
		for _, c := range cmds {
			_ = s.Send(c) // a decision that needs no text, or closed meanwhile, refuses: fine
		}
	}
	if err := s.Send(engine.Command{Kind: engine.CmdEnd}); err != nil && engine.RefusalCode(err) == "" {
		return "", err
	}
	if err := r.Flush(); err != nil {
		return "", err
	}
	return r.ID, nil
}

func run(path, lang string) error {
	if path == "" {
		return fmt.Errorf("-db is required")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	st, err := exercise.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	org, other := "North Water Utility", "Retail cohort 2026"
	teams := []string{"Alpha", "Bravo"}
	w := func(en, zh string) string {
		if lang == "zh" {
			return zh
		}
		return en
	}
	if lang == "zh" {
		org, other = "北区水务集团", "零售业2026批次"
		teams = []string{"一组", "二组"}
	}
	today := time.Now()
	date := func(days int) string { return today.AddDate(0, 0, days).Format(time.DateOnly) }

	first, err := play(st, "beverage-recall", lang, teams, func(team, round, n int) int { return n - 1 - team })
	if err != nil {
		return err
	}
	a1 := debrief.PlanRow{Team: teams[0], What: w("Holding statement came late", "初步声明发布太晚"), Action: w("A holding statement template approved in advance", "预先审定初步声明模板"), Owner: w("Head of comms", "传讯主管"), Due: date(-10)}
	a2 := debrief.PlanRow{Team: teams[1], What: w("No named spokesperson", "没有指定发言人"), Action: w("Name and media-train two spokespeople", "指定两名发言人并进行媒体培训"), Owner: w("HR", "人力资源部"), Due: date(-3)}
	a3 := debrief.PlanRow{What: w("Roles in the room unclear", "现场分工不清"), Action: w("Write a RACI for the crisis team", "为危机小组制定职责分工表"), Owner: w("Operations", "运营部"), Due: date(30)}
	plan := debrief.Plan{Actions: []debrief.PlanRow{a1, a2, a3}}
	if err := st.SavePlan(first, plan); err != nil {
		return err
	}
	a1.Status = debrief.StatusDone
	plan.Actions[0] = a1
	if err := st.SavePlan(first, plan); err != nil {
		return err
	}
	second, err := play(st, "beverage-recall", lang, teams, func(team, round, n int) int { return team })
	if err != nil {
		return err
	}
	a2.Status = debrief.StatusInProgress
	plan.Actions[1] = a2
	if err := st.SavePlan(first, plan); err != nil {
		return err
	}
	b1 := debrief.PlanRow{Team: teams[0], What: w("Regulator told late", "未及时通报监管部门"), Action: w("A checklist for the regulator's notice", "制定监管通报核对清单"), Owner: w("Legal", "法务部"), Due: date(-1)}
	if err := st.SavePlan(second, debrief.Plan{Actions: []debrief.PlanRow{b1}}); err != nil {
		return err
	}
	third, err := play(st, "data-leak", lang, teams, func(team, round, n int) int { return 0 })
	if err != nil {
		return err
	}
	fourth, err := play(st, "promo-outage", lang, teams[:1], func(team, round, n int) int { return 0 })
	if err != nil {
		return err
	}
	for id, o := range map[string]string{first: org, second: org, third: org, fourth: other} {
		if err := st.SetOrganisation(id, o); err != nil {
			return err
		}
	}
	if err := st.SetNextDrill(org, date(5)); err != nil {
		return err
	}
	if err := st.SetNextDrill(other, date(-2)); err != nil {
		return err
	}
	fmt.Println(org)
	return nil
}
