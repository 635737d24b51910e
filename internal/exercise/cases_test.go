package exercise

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// A customer case handled on the real store is there after the process
// stops without a word (the store closed under it, the clock saved a
// moment before) and the exercise is resumed: the same remedy, reply and
// judgement; a case still waiting waits on, and its deadline still comes.
func TestCasesSurviveAStopAndResume(t *testing.T) {
	src, err := os.ReadFile("../engine/testdata/cases.yaml")
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "fb.db")
	st := openStore(t, db)
	clock := engine.NewFakeClock()
	run, err := Start(st, engine.Config{ScenarioID: "cases", Source: src, Teams: []string{"Alpha"}, Lang: "en", Speed: 1},
		scenario.Text{"en": "Cases"}, "gui", clock, EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	s := run.Session
	if err := s.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	clock.Add(150 * time.Second) // the traveller at 1:00, the family at 2:00
	if err := s.Tick(); err != nil {
		t.Fatal(err)
	}
	reply := "Dear Mr Chen, we are sorry. You are on the first flight out; call 400-123 if anything changes."
	if err := s.Send(engine.Command{Kind: engine.CmdHandleCase, Team: "Alpha", Case: "traveller", Option: "seat", Text: reply}); err != nil {
		t.Fatal(err)
	}
	if err := run.SaveClock(); err != nil {
		t.Fatal(err)
	}
	var overall float64
	s.Read(func(x *engine.State) { overall = x.Team("Alpha").CaseState("traveller").Rubric.Overall })
	st.Close()

	st2 := openStore(t, db)
	defer st2.Close()
	r2, err := Resume(st2, run.ID, clock, EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	r2.Session.Read(func(x *engine.State) {
		a := x.Team("Alpha")
		c, f := a.CaseState("traveller"), a.CaseState("family")
		if c == nil || !c.Handled || c.Remedy.ID != "seat" || c.Text != reply || c.Rubric.Overall != overall || c.At != 150*time.Second {
			t.Errorf("the traveller after resume: %+v", c)
		}
		if f == nil || !f.Open() || f.Missed {
			t.Errorf("the family after resume: %+v", f)
		}
	})
	if err := r2.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	clock.Add(3 * time.Minute)
	if err := r2.Session.Tick(); err != nil {
		t.Fatal(err)
	}
	r2.Session.Read(func(x *engine.State) {
		if f := x.Team("Alpha").CaseState("family"); !f.Missed || f.MissedAt != 5*time.Minute {
			t.Errorf("the family's deadline after resume: %+v", f)
		}
	})
}
