package engine

import (
	"strconv"
	"time"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Varied text (docs/scenario-format.md, "Text that varies between runs").
//
// Which alternative a team reads is a pure function of what the log
// records: the exercise's seed (exercise.started), what the text belongs
// to, how many times the team read it before, and the team's world when
// the text arrives (the fold's own state). So nothing is added to the
// events: the session, a resume after a kill, a replay, a team laptop and
// the debrief all fold the same log and read the same words, and an old
// log (whose recorded source has no alternatives) replays as it was played.
//
// An inject's and a press question's plain alternatives are chosen per
// exercise (every team of the room reads the same story, so the debrief
// compares like with like; conditional variants still follow each team's
// world); a feed or reaction post's per team (each team has its own public).

// readInject is the inject as team t reads it at: a copy with the chosen
// text when it varies, else in itself. key names it (its id, or the
// trigger's or deadline's).
func (s *State) readInject(t *Team, in *scenario.Inject, key string, at time.Duration) *scenario.Inject {
	if in == nil || len(in.TextAlts) == 0 {
		return in
	}
	visit := t.reads[key]
	t.own(sharedReads)
	t.reads[key]++
	c := *in
	c.Text = scenario.Choose(in.Text, in.TextAlts, s.altEnv(in.TextAlts, t, at), s.Seed, key, visit)
	return &c
}

// readPost is the feed post as team t reads it at (see readInject).
func (s *State) readPost(t *Team, p *scenario.FeedPost, at time.Duration) *scenario.FeedPost {
	if p == nil || len(p.TextAlts) == 0 {
		return p
	}
	key := "post:" + p.ID + "@" + t.Name
	visit := t.reads[key]
	t.own(sharedReads)
	t.reads[key]++
	c := *p
	c.Text = scenario.Choose(p.Text, p.TextAlts, s.altEnv(p.TextAlts, t, at), s.Seed, key, visit)
	return &c
}

// readQuestion is the text of question n (1-based) of press conference
// conf as team t reads it at.
func (s *State) readQuestion(t *Team, conf string, n int, q *scenario.PressQuestion, at time.Duration) scenario.Text {
	if len(q.TextAlts) == 0 {
		return q.Text
	}
	key := "press:" + conf + "#" + strconv.Itoa(n)
	visit := t.reads[key]
	t.own(sharedReads)
	t.reads[key]++
	return scenario.Choose(q.Text, q.TextAlts, s.altEnv(q.TextAlts, t, at), s.Seed, key, visit)
}

// altEnv is the environment scenario.Choose needs to pick among alts: none
// unless one of them has a condition (making one for every varied text a
// team reads was a tenth of the analysis's time).
func (s *State) altEnv(alts []scenario.Alt, t *Team, at time.Duration) scenario.Env {
	for _, a := range alts {
		if a.When != nil {
			return s.Env(t, at)
		}
	}
	return nil
}
