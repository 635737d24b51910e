package engine

import (
	"github.com/firebreak-drills/firebreak/internal/rubric"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Clash tells whether a written statement contradicts the chosen option's
// stance: a denial or blame typed under an option that acknowledges the
// problem or holds for the facts, or an apology under one that denies or
// blames. It returns the rubric check that clashes ("denial", "blame" or
// "apology"), or "" when the two agree or the option has no stance.
func Clash(o *scenario.Option, r *rubric.Result) string {
	if o == nil || r == nil {
		return ""
	}
	fired := func(id string) bool {
		for _, c := range r.Checks {
			if c.ID == id {
				return c.Penalty != c.Passed // a penalty fires when it does not pass; a credit when it passes
			}
		}
		return false
	}
	switch o.Stance {
	case scenario.StanceAcknowledge, scenario.StanceHold:
		for _, id := range []string{"denial", "blame"} {
			if fired(id) {
				return id
			}
		}
	case scenario.StanceDeny, scenario.StanceBlame:
		if fired("apology") {
			return "apology"
		}
	}
	return ""
}
