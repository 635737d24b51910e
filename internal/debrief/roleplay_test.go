package debrief

import (
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// playedRoleplay plays internal/engine/testdata/roleplay.yaml headless
// with two teams: at 1:00 Alpha answers the parent; at 2:00 the
// facilitator's tab answers that reply as the parent, at 3:00 the
// role-player laptop "desk 2" posts as the reporter to every team's feed
// and opens the interview for Bravo, at 4:00 the facilitator nudges
// Alpha's attention down by 10.
func playedRoleplay(t testing.TB) (*engine.State, []engine.Event) {
	t.Helper()
	h := playTestdata(t, "roleplay", "roleplay", "Alpha", "Bravo")
	do := h.do
	do(0, engine.Command{Kind: engine.CmdResume})
	do(time.Minute, engine.Command{Kind: engine.CmdReply, Team: "Alpha", Inject: "complaint", Text: "We are sorry. Please call 400-123."})
	do(2*time.Minute, engine.Command{Kind: engine.CmdRoleSay, Seat: engine.SeatFacilitator, Persona: "parent", Channel: "customer", Team: "Alpha",
		Thread: engine.ThreadReply(1), Text: "Who pays the hospital bill?"})
	do(3*time.Minute, engine.Command{Kind: engine.CmdRoleSay, Seat: "desk 2", Persona: "reporter", Channel: engine.RoleFeed, Text: "Recall expected today."})
	do(3*time.Minute, engine.Command{Kind: engine.CmdRoleOpen, Seat: "desk 2", Team: "Bravo", Decision: "interview"})
	do(4*time.Minute, engine.Command{Kind: engine.CmdRoleNudge, Seat: engine.SeatFacilitator, Team: "Alpha", Effects: map[string]float64{"attention": -10}})
	return h.end(6 * time.Minute)
}

// The role-play golden files: every renderer lists, per team, what the
// role-players did with who did it, and the timeline names the seat.
func TestRoleplayGolden(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		st, events := playedRoleplay(t)
		r := Build(st, events, lang, "")
		r.SetStarted(started)
		goldenExports(t, "roleplay", lang, r)
		csv := string(CSV(r))
		for _, want := range map[string][]string{
			"en": {"role-player at the facilitator's laptop — Ms Zhang (customer): Who pays the hospital bill? (in answer to \"We are sorry.\")",
				"role-player at \"desk 2\" — opened the follow-up decision \"Do you give one?\"",
				"role-player at the facilitator's laptop — nudged the world: Attention −10"},
			"zh": {"主持人电脑的角色扮演者——张女士（客户）：Who pays the hospital bill?（回应“We are sorry.”）",
				"“desk 2”的角色扮演者——开启了后续决策“接受吗？”",
				"“desk 2”的角色扮演者——李伟（信息流帖子）：Recall expected today."},
		}[lang] {
			if !strings.Contains(csv, strings.ReplaceAll(want, `"`, `""`)) { // a CSV field doubles its quotes
				t.Errorf("%s CSV lacks %q:\n%s", lang, want, csv)
			}
		}
	}
}

// In the report model, each team lists what reached it: Alpha the
// parent's answer, the reporter's post to everyone and its nudge; Bravo
// the reporter's post and its interview.
func TestReportCarriesRoleplay(t *testing.T) {
	st, events := playedRoleplay(t)
	r := Build(st, events, "en", "")
	kinds := func(tr TeamReport) string {
		var out []string
		for _, iv := range tr.Roleplay {
			out = append(out, iv.Kind+"@"+iv.Seat)
		}
		return strings.Join(out, " ")
	}
	if got, want := kinds(r.Teams[0]), "roleplay.said@facilitator roleplay.said@desk 2 roleplay.nudged@facilitator"; got != want {
		t.Errorf("Alpha: %s, want %s", got, want)
	}
	if got, want := kinds(r.Teams[1]), "roleplay.said@desk 2 decision.opened@desk 2"; got != want {
		t.Errorf("Bravo: %s, want %s", got, want)
	}
	if pdf, err := PDF(r); err != nil || len(pdf) == 0 {
		t.Errorf("PDF: %d bytes, %v", len(pdf), err)
	}
}
