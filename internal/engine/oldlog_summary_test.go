package engine

import "encoding/json"

// storedEvent is an event as the store keeps it.
type storedEvent struct {
	Seq  int64           `json:"seq"`
	AtMS int64           `json:"at_ms"`
	Kind string          `json:"kind"`
	Data json.RawMessage `json:"data"`
}

// summarize is what of a state an old log must still fold to.
func summarize(st *State) map[string]any {
	out := map[string]any{"now_ms": st.Now.Milliseconds(), "seq": st.Seq, "ended": st.Ended, "reason": st.Reason, "notes": len(st.Notes)}
	var teams []map[string]any
	for _, t := range st.Teams {
		var inbox, answers, open, path []map[string]any
		for _, d := range t.Inbox {
			inbox = append(inbox, map[string]any{"inject": d.Inject.ID, "at_ms": d.At.Milliseconds(), "phase": d.Phase,
				"channel": d.Inject.Channel, "from_en": d.Inject.From.Get("en"), "from_zh": d.Inject.From.Get("zh"), "text": d.Inject.Text.Get("en")})
		}
		for _, a := range t.Answers {
			m := map[string]any{"decision": a.Decision.ID, "opened_ms": a.OpenedAt.Milliseconds(), "at_ms": a.At.Milliseconds(),
				"timed_out": a.TimedOut, "open": a.Open, "abandoned": a.Abandoned, "scores": a.Scores()}
			if a.Option != nil {
				m["option"] = a.Option.ID
			}
			answers = append(answers, m)
		}
		for _, od := range t.Open {
			open = append(open, map[string]any{"decision": od.Decision.ID, "deadline_ms": od.DeadlineAt().Milliseconds()})
		}
		for _, p := range t.Path {
			path = append(path, map[string]any{"phase": p.Phase, "at_ms": p.At.Milliseconds()})
		}
		teams = append(teams, map[string]any{"name": t.Name, "phase": t.Phase, "path": path, "inbox": inbox, "answers": answers,
			"open": open, "world": t.World, "ended": t.Ended, "end_reason": t.EndReason, "triggered": t.Triggered, "scores": t.Scores()})
	}
	out["teams"] = teams
	return out
}
