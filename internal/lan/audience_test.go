package lan

import (
	"slices"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// A team sees its own deliveries and an extended deadline (its countdown
// moves), but not an inject skipped or delayed (the event names an inject it
// has not seen) nor the facilitator's refused commands.
func TestAudienceOfTheFacilitatorsControl(t *testing.T) {
	teams := []string{"Alpha", "Bravo"}
	cases := []struct {
		ev   engine.Event
		want []string
	}{
		{engine.Event{Kind: engine.KindInject, Team: "Alpha", Inject: "call", Reason: engine.ReasonSentNow}, []string{"Alpha"}},
		{engine.Event{Kind: engine.KindExtended, Team: "Bravo", Decision: "first", DelayMS: 60000}, []string{"Bravo"}},
		{engine.Event{Kind: engine.KindSkipped, Team: "Alpha", Inject: "email"}, nil},
		{engine.Event{Kind: engine.KindDelayed, Team: "Alpha", Inject: "call", DelayMS: 60000}, nil},
		{engine.Event{Kind: engine.KindRejected, Team: "Alpha", Command: "skip", Reason: "opens-decision"}, nil},
		{engine.Event{Kind: engine.KindRejected, Team: "Alpha", Decision: "first", Option: "x"}, []string{"Alpha"}},
		{engine.Event{Kind: engine.KindAdHoc, Channel: "news", Text: "hi", To: []string{"legal"}}, teams},
	}
	for _, c := range cases {
		if got := audience(c.ev, teams); !slices.Equal(got, c.want) {
			t.Errorf("%s %+v: audience %v, want %v", c.ev.Kind, c.ev, got, c.want)
		}
	}
}
