package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/join"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// A role-player's laptop over real connections: joined with the long
// role-player code the Team laptops tab shows and a seat, it writes as a
// persona while the facilitator's app is closed, and is then killed too.
// Started again, it rejoins as the same seat by itself and, once the
// facilitator's app is back, sends the message again: it is stored once,
// under the seat's name; the Team laptops tab names the seat.
func TestRolePlayerLaptopSurvivesRestartsOfEitherSide(t *testing.T) {
	rig := startHostedWith(t, uitest.EngineEntry(t, "roleplay.yaml"))
	uiq, fac := rig.ui, rig.fac
	codes := rig.seatCodes()
	if len(codes) == 0 {
		t.Fatal("the Team laptops tab shows no role-player code")
	}
	roleCode := codes[0]

	rp := rig.joinSeat(0, roleCode, rig.fac.loc.T("lan.join.seat_placeholder"), "Press desk")
	seatLine := rp.loc.T("lan.role.connected", "seat", "Press desk", "address", "127.0.0.1:"+rig.port())
	uiq.Eventually(t, "the role-player laptop joins", func() bool { return strings.Contains(deepText(t, rp.body), seatLine) })
	uiq.Eventually(t, "the Team laptops tab names the seat", func() bool {
		return strings.Contains(deepText(t, fac.body), fac.loc.T("lan.host.seats", "seats", "Press desk"))
	})

	// The facilitator's app closes; the role-player writes as the first
	// persona (the reporter) to every team, which waits.
	fac.close()
	var entry *widget.Entry
	for _, e := range tree.Find[*widget.Entry](t, rp.body) {
		if e.PlaceHolder == rp.loc.T("roleplay.placeholder") {
			entry = e
		}
	}
	entry.SetText("Is batch L1 recalled?")
	test.Tap(tree.FindButton(t, rp.body, rp.loc.T("roleplay.send")))
	uiq.Eventually(t, "the message is kept on its way", func() bool { s, _ := loadSavedJoin(); return len(s.Pending) == 1 })
	saved, _ := loadSavedJoin()
	if !saved.Roleplayer || saved.Team != "Press desk" || saved.Claim == "" || saved.Pending[0].Kind != engine.CmdRoleSay {
		t.Fatalf("the role-player laptop keeps %+v", saved)
	}
	rp.close()
	uiq.Pump()

	// The role-player's laptop starts again first: it tries to rejoin by
	// itself; the facilitator resumes; it gets in and sends the message.
	rp2 := teamShell(t, nil)
	uiq.Pump()
	currentAs[*join.Screen](t, rp2)
	rig.resume()
	uiq.Eventually(t, "the role-player laptop rejoins as its seat and sends the message", func() bool {
		s, _ := loadSavedJoin()
		return strings.Contains(deepText(t, rp2.body), seatLine) && len(s.Pending) == 0 && s.Claim == saved.Claim
	})
	said := 0
	for _, iv := range rig.state().Interventions {
		if iv.Text == "Is batch L1 recalled?" && iv.Seat == "Press desk" && iv.Persona == "reporter" {
			said++
		}
	}
	if said != 1 {
		t.Errorf("the message is stored %d times", said)
	}
}
