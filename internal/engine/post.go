package engine

import (
	"maps"
	"math"
	"slices"
	"time"

	"github.com/firebreak-drills/firebreak/internal/rubric"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// MaxPostLen is the longest post a team may publish, in characters: a
// long microblog post, a short press release.
const MaxPostLen = 2000

// Post is what a team published on one of the simulated channels (the
// official account on the microblog, a press release on the newsroom, a
// pinned notice). The statement judge reads it as the channel's kind of
// statement, and the public reacts to what the live judge found.
type Post struct {
	Channel string // scenario.PostSocial, PostNews or PostNotice
	At      time.Duration
	Text    string
	// Findings are what the judge found when the team posted
	// (scenario.Findings): the public's reaction follows them, so a
	// replay under a newer judge reacts as the room saw.
	Findings []string
	Rubric   *rubric.Result // this program's judgement of Text
	// JudgedLive is the version of the judge that found Findings.
	JudgedLive int
	// Reaction is the reaction that applied (nil: none matched).
	Reaction *scenario.Reaction
	// Moved is how the reaction moved the team's world (variable id →
	// change after clamping), without the variables it left as they were.
	Moved map[string]float64
	// Repeat is how many of the team's earlier posts drew the same
	// reaction: its effects were divided by 2 to that power, and its posts
	// were not shown again (0: a reaction the public had not given yet).
	Repeat int
}

// ErrNoChannel: the scenario has no such channel to post on (a team posts
// only in a scenario with a feed, on scenario.PostChannels).
var ErrNoChannel = &Refusal{"no-channel", "the scenario has no such channel to post on"}

// PostFindings lists what the judge found in res, in scenario.Findings
// order: the penalty checks that fired, the credit checks that passed,
// and "harmful" or "flawed" when a line of that severity fired.
func PostFindings(res rubric.Result) []string {
	found := map[string]bool{}
	for _, c := range res.Checks {
		if c.Penalty != c.Passed {
			found[c.ID] = true
		}
	}
	for _, d := range rubric.Catalogue {
		if !d.Penalty || !found[d.ID] {
			continue
		}
		switch d.Severity {
		case rubric.Harmful:
			found["harmful"] = true
		case rubric.Flaw:
			found["flawed"] = true
		}
	}
	if found["harmful"] {
		delete(found, "flawed")
	}
	var out []string
	for _, f := range scenario.Findings {
		if found[f] {
			out = append(out, f)
		}
	}
	return out
}

// judgePost judges a post's text as its channel's kind of statement.
func (s *State) judgePost(channel, text string) rubric.Result {
	return rubric.Judge(text, rubric.Context{Lang: s.Lang, Hazard: rubric.HazardOpen, Kind: scenario.PostKind(channel)})
}

// checkPost refuses a post the state cannot take: no such team, a team
// that has finished, a scenario without a feed or a channel it does not
// have, the clock stopped (not in a discussion pause), no text or too much.
func (s *State) checkPost(cmd Command) error {
	if _, err := s.playingTeam(cmd.Team); err != nil {
		return err
	}
	switch {
	case s.Scenario.Feed == nil || !slices.Contains(scenario.PostChannels, cmd.Channel):
		return refuse(ErrNoChannel, "%q", cmd.Channel)
	case s.Paused && !s.Discussion:
		return refuse(ErrPaused, "a post waits for the clock")
	}
	return checkText(cmd.Text, "a post", MaxPostLen)
}

// postEvent is the event of a post the state took: the live judge's
// findings go with it.
func (s *State) postEvent(cmd Command, now time.Duration) Event {
	res := s.judgePost(cmd.Channel, cmd.Text)
	return Event{Kind: KindPosted, At: now, Team: cmd.Team, Channel: cmd.Channel, Text: cmd.Text, Ref: cmd.Ref,
		Judge: rubric.Version, Findings: PostFindings(res)}
}

// applyPost folds a team's post: kept with this program's judgement, shown
// in the team's feed, then the public's reaction to what the live judge
// found (its effects on the world, its posts after the team's).
func (s *State) applyPost(t *Team, e Event) error {
	if s.Scenario.Feed == nil || !slices.Contains(scenario.PostChannels, e.Channel) {
		return logError(e.Seq, e.Kind, ErrLogBadEvent, "the scenario has no channel %q to post on", e.Channel)
	}
	res := s.judgePost(e.Channel, e.Text)
	p := Post{Channel: e.Channel, At: e.At, Text: e.Text, Findings: e.Findings, Rubric: &res, JudgedLive: e.Judge}
	for _, f := range p.Findings {
		if !slices.Contains(scenario.Findings, f) {
			return logError(e.Seq, e.Kind, ErrLogBadEvent, "a post's finding %q is not one the judge makes", f)
		}
	}
	p.Reaction = s.Scenario.React(p.Findings)
	// The public reacts most to what is new: the same reaction again
	// moves the world half as much each time, and draws no new posts. A
	// team cannot farm calm by posting one apology over and over, and a
	// denial repeated is old news too.
	heard := 0
	if p.Reaction != nil {
		for _, q := range t.Posts {
			if q.Reaction != nil && slices.Equal(q.Reaction.On, p.Reaction.On) {
				heard++
			}
		}
	}
	p.Repeat = heard
	before := maps.Clone(t.World)
	if p.Reaction != nil {
		s.applyScaledEffects(t, p.Reaction.Effects, math.Ldexp(1, -heard))
	}
	for id, v := range t.World {
		if d := v - before[id]; d != 0 {
			if p.Moved == nil {
				p.Moved = map[string]float64{}
			}
			p.Moved[id] = d
		}
	}
	t.Posts = append(t.Posts, p)
	kept := new(Post)
	*kept = p
	own := &scenario.FeedPost{ID: "own", Channel: scenario.PostSocial, Tone: "neutral", From: scenario.Text{"": t.Name}, Text: scenario.Text{"": e.Text}}
	if e.Channel == scenario.PostNews {
		own.Channel = scenario.PostNews
	}
	t.Feed = append(t.Feed, FeedItem{Post: own, At: e.At, Own: kept})
	if p.Reaction != nil && heard == 0 {
		for _, rp := range p.Reaction.Posts {
			t.Feed = append(t.Feed, FeedItem{Post: s.readPost(t, rp, e.At), At: e.At, Reaction: true})
		}
	}
	s.touch(t, "posts")
	s.touch(t, "said")
	return nil
}

// said is what the judge found in the team's posts, each finding once, in
// the order first found.
func (t *Team) said() []string {
	var out []string
	for _, p := range t.Posts {
		for _, f := range p.Findings {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}
