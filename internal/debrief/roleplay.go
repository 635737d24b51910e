package debrief

import (
	"fmt"
	"maps"
	"slices"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// RoleplayReport is one thing a role-player did that reached the team: a
// persona's message, a follow-up decision opened, a nudge of the world.
type RoleplayReport struct {
	AtSeconds float64 `json:"at_seconds"`
	// Seat is who did it: "facilitator" (the tab on the facilitator's
	// laptop) or the name of a role-player's laptop; SeatName says it in
	// the report's language.
	Seat     string `json:"seat"`
	SeatName string `json:"seat_name"`
	Kind     string `json:"kind"` // the event kind as logged
	Persona  string `json:"persona,omitempty"`
	Decision string `json:"decision,omitempty"`
	// Text is what was done, in words.
	Text string `json:"text"`
}

var roleplayLabels = map[string]map[string]string{
	"en": {
		"roleplay":         "Role-player interventions",
		"roleplay.seat":    "role-player at %s",
		"seat.facilitator": "the facilitator's laptop",
		"roleplay.said":    "%s (%s): %s",
		"roleplay.thread":  " (in answer to \"%s\")",
		"roleplay.feed":    "feed post",
		"roleplay.opened":  "opened the follow-up decision \"%s\"",
		"roleplay.nudged":  "nudged the world: %s",
		"ev.roleplay":      "%s — %s",
		"method.roleplay":  "A role-player spoke as the scenario's personas, opened follow-up decisions and nudged the world within the limits the scenario sets; each entry says who did it.",
	},
	"zh": {
		"roleplay":         "角色扮演者的介入",
		"roleplay.seat":    "%s的角色扮演者",
		"seat.facilitator": "主持人电脑",
		"roleplay.said":    "%s（%s）：%s",
		"roleplay.thread":  "（回应“%s”）",
		"roleplay.feed":    "信息流帖子",
		"roleplay.opened":  "开启了后续决策“%s”",
		"roleplay.nudged":  "微调了局势：%s",
		"ev.roleplay":      "%s——%s",
		"method.roleplay":  "角色扮演者以情景中的人物身份发言、开启后续决策，并在情景允许的范围内微调局势；每一项都注明由谁操作。",
	},
}

func init() {
	for lang, m := range roleplayLabels {
		for k, v := range m {
			reportLabels[lang][k] = v
		}
	}
}

// SeatName says who a role-player's seat is, in lang.
func SeatName(seat, lang string) string {
	if seat == engine.SeatFacilitator {
		return fmt.Sprintf(T(lang, "roleplay.seat"), T(lang, "seat.facilitator"))
	}
	return fmt.Sprintf(T(lang, "roleplay.seat"), Quote(lang, oneLine(seat)))
}

// InterventionText says what a role-player did, in lang, without who:
// the persona, the channel and the message (and what it answers, read
// from team when given), the decision opened, or the nudge.
func InterventionText(sc *scenario.Scenario, team *engine.Team, iv engine.Intervention, lang string) string {
	switch iv.Kind {
	case engine.KindRoleSaid:
		who := iv.Persona
		if p := sc.Persona(iv.Persona); p != nil {
			who = p.Name.Get(lang)
		}
		channel := T(lang, "roleplay.feed")
		if iv.Channel != engine.RoleFeed {
			channel = Label(lang, "channel."+iv.Channel)
		}
		text := fmt.Sprintf(T(lang, "roleplay.said"), who, channel, oneLine(iv.Text))
		if iv.Thread != "" && team != nil {
			if said, ok := team.ThreadText(iv.Thread); ok {
				text += fmt.Sprintf(T(lang, "roleplay.thread"), brief(oneLine(said), false))
			}
		}
		return text
	case engine.KindOpened:
		prompt := iv.Decision
		if d := sc.Decision(iv.Decision); d != nil {
			prompt = brief(d.Prompt.Get(lang), true)
		}
		return fmt.Sprintf(T(lang, "roleplay.opened"), prompt)
	case engine.KindRoleNudged:
		return fmt.Sprintf(T(lang, "roleplay.nudged"), movedText(nudgeMoves(sc, iv.Effects, lang), lang))
	}
	return string(iv.Kind)
}

// nudgeMoves lists a nudge's changes in the scenario's world order.
func nudgeMoves(sc *scenario.Scenario, effects map[string]float64, lang string) []WorldMove {
	var out []WorldMove
	for _, v := range sc.World {
		if d, ok := effects[v.ID]; ok {
			out = append(out, WorldMove{Variable: v.ID, Label: varLabel(v, lang), Delta: d})
		}
	}
	for _, id := range slices.Sorted(maps.Keys(effects)) {
		if sc.Variable(id) == nil {
			out = append(out, WorldMove{Variable: id, Label: id, Delta: effects[id]})
		}
	}
	return out
}

// roleplayReports lists what role-players did that reached the team: to
// it, or to every team while it was still playing.
func roleplayReports(s *engine.State, t *engine.Team, lang string) []RoleplayReport {
	out := []RoleplayReport{}
	for _, iv := range s.Interventions {
		if iv.Team != t.Name && (iv.Team != "" || (t.Ended && t.EndedAt < iv.At)) {
			continue
		}
		out = append(out, RoleplayReport{AtSeconds: secs(iv.At), Seat: iv.Seat, SeatName: SeatName(iv.Seat, lang), Kind: string(iv.Kind),
			Persona: iv.Persona, Decision: iv.Decision, Text: InterventionText(s.Scenario, t, iv, lang)})
	}
	return out
}

// roleplayEvent puts a role-player's event, just applied to s, into words
// for the timeline.
func roleplayEvent(s *engine.State, e engine.Event, lang string) string {
	if len(s.Interventions) == 0 || s.Interventions[len(s.Interventions)-1].Seq != e.Seq {
		return ""
	}
	iv := s.Interventions[len(s.Interventions)-1]
	return fmt.Sprintf(T(lang, "ev.roleplay"), SeatName(iv.Seat, lang), InterventionText(s.Scenario, s.Team(e.Team), iv, lang))
}
