package join

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// A command on its way is kept as it was sent and sent again the same: a
// choice, a reply, a post, a press answer; a choice saved before the kind
// was kept comes back as a choice.
func TestPendingKeepsEveryKindOfCommand(t *testing.T) {
	for _, cmd := range []engine.Command{
		{Kind: engine.CmdChoose, Team: "Alpha", Decision: "first", Option: "good", Text: "We are sorry.", Ref: "r1"},
		{Kind: engine.CmdReply, Team: "Alpha", Inject: "complaint", Text: "Call 400-123.", Ref: "r2"},
		{Kind: engine.CmdPost, Team: "Alpha", Channel: "social", Text: "Update at 8.", Ref: "r3"},
		{Kind: engine.CmdAnswer, Team: "Alpha", Conference: "briefing", Question: 2, Text: "Batch L1.", Ref: "r4"},
	} {
		data, err := json.Marshal(pendingOf(cmd))
		if err != nil {
			t.Fatal(err)
		}
		var back PendingChoice
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		if got := back.command("Alpha"); !reflect.DeepEqual(got, cmd) {
			t.Errorf("%s: sent again as %+v, want %+v", cmd.Kind, got, cmd)
		}
	}
	// A role-player's, sent again as the laptop's seat: a persona's
	// message to one team (answering its reply) or to all, a follow-up, a
	// nudge.
	for _, cmd := range []engine.Command{
		{Kind: engine.CmdRoleSay, Team: "Alpha", Seat: "Press desk", Persona: "parent", Channel: "customer", Thread: "reply:1", Text: "Who pays?", Ref: "r5"},
		{Kind: engine.CmdRoleSay, Seat: "Press desk", Persona: "reporter", Channel: "feed", Text: "Any news?", Ref: "r6"},
		{Kind: engine.CmdRoleOpen, Team: "Bravo", Seat: "Press desk", Decision: "interview", Ref: "r7"},
		{Kind: engine.CmdRoleNudge, Seat: "Press desk", Effects: map[string]float64{"attention": -5}, Ref: "r8"},
	} {
		data, err := json.Marshal(pendingOf(cmd))
		if err != nil {
			t.Fatal(err)
		}
		var back PendingChoice
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		if got := back.command("Press desk"); !reflect.DeepEqual(got, cmd) {
			t.Errorf("%s: sent again as %+v, want %+v", cmd.Kind, got, cmd)
		}
	}
	var old PendingChoice
	if err := json.Unmarshal([]byte(`{"ref":"r0","decision":"first","option":"good"}`), &old); err != nil {
		t.Fatal(err)
	}
	if got := old.command("Alpha"); got.Kind != engine.CmdChoose || got.Decision != "first" || got.Ref != "r0" {
		t.Errorf("an old pending choice: %+v", got)
	}
}
