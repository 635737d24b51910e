package review

import (
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// The debrief's team card shows the team's customer cases: the customer,
// what they wrote, when it was handled, the remedy chosen with its fit and
// why, the remedies offered, the reply with the judge's findings, and a
// case that went public (missed).
func TestDebriefShowsCases(t *testing.T) {
	st := uitest.OpenStore(t)
	clock := engine.NewFakeClock()
	run := uitest.StartEntry(t, st, clock, uitest.EngineEntry(t, "cases.yaml"), 3, "Alpha", "Bravo")
	s := run.Session
	if err := s.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	clock.Add(90 * time.Second)
	if err := s.Tick(); err != nil {
		t.Fatal(err)
	}
	reply := "Dear Mr Chen, we are sorry. You are on the first flight out; call 400-123 if anything changes."
	if err := s.Send(engine.Command{Kind: engine.CmdHandleCase, Team: "Alpha", Case: "traveller", Option: "seat", Text: reply}); err != nil {
		t.Fatal(err)
	}
	clock.Add(5 * time.Minute) // the family is missed at 5:00
	if err := s.Tick(); err != nil {
		t.Fatal(err)
	}
	if err := run.Flush(); err != nil {
		t.Fatal(err)
	}
	h := newHost(t, st)
	d := h.openDebrief(run.ID)
	alpha := tree.AllText(teamCard(t, d, "Alpha"))
	for _, want := range []string{
		"Customer cases",
		"Chen Hao (Business traveller), wrote at 00:01:00",
		"I must be in Shenzhen by nine.",
		"Handled at 00:01:30, within the deadline (00:06:00)",
		"Remedy chosen: First seat out (good fit) — He needs to arrive.",
		"First seat out (good fit)", "A hotel room tonight (poor fit)", "A refund and cash (partial fit)",
		reply,
		"Not answered by the deadline (00:05:00)",
		"The case went public.",
	} {
		if !strings.Contains(alpha, want) {
			t.Errorf("Alpha's card lacks %q:\n%s", want, alpha)
		}
	}
}
