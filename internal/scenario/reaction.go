package scenario

// A team may post on the simulated channels of a scenario that has a feed:
// its official account on the microblog, a press release on the newsroom,
// a pinned notice. The statement judge reads the post, and the public
// reacts to what the judge found: the first of the feed's reactions whose
// findings all hold applies (its effects move the team's world, its posts
// appear in the team's feed after the team's own).

// Channels a team posts on, with the kind of statement each is judged as.
const (
	PostSocial = "social" // the official account on the microblog
	PostNews   = "news"   // a press release on the newsroom
	PostNotice = "notice" // a notice pinned to the top of the official account
)

// PostChannels lists the channels a team may post on, in menu order.
var PostChannels = []string{PostSocial, PostNews, PostNotice}

// PostKind is the statement kind a post on channel is judged as (the
// statement judge weighs the dimensions for its audience).
func PostKind(channel string) string {
	switch channel {
	case PostNews:
		return "press-release"
	case PostNotice:
		return "holding"
	}
	return "social-reply"
}

// Findings are what the statement judge can find in a post, for
// reactions' on: and the said expression name: a penalty check that fired
// (denial, blame …), a credit check that passed (apology, guidance …), and
// two summaries: harmful (a line that makes the crisis worse fired) and
// flawed (a flaw fired, and nothing harmful). The engine's tests hold the
// list to the judge's catalogue.
var Findings = []string{
	"harmful", "flawed",
	"acknowledge", "apology", "concern", "facts", "cause", "actions", "guidance", "contact", "next-update",
	"denial", "false-reassurance", "blame", "victim", "no-comment", "legal-threat", "keyword-list",
	"minimising", "non-apology", "over-promise", "speculation", "filler",
}

// HarmfulFindings are the findings that make a post harmful (the judge's
// harmful lines).
var HarmfulFindings = []string{"denial", "false-reassurance", "blame", "victim", "no-comment", "legal-threat", "keyword-list"}

// Reaction is the public's answer to a team's post in which the judge found
// every one of On (empty: any post).
type Reaction struct {
	Pos     Pos
	On      []string
	Effects Effects
	Posts   []*FeedPost // channel, from, text, tone; they appear as they are
}

// Matches tells whether the reaction answers a post with these findings.
func (r *Reaction) Matches(found []string) bool {
	for _, f := range r.On {
		if !contains(found, f) {
			return false
		}
	}
	return true
}

// PostReactions are the reactions to a team's post: the feed's, or
// DefaultReactions when it declares none.
func (s *Scenario) PostReactions() []*Reaction {
	if s.Feed != nil && len(s.Feed.Reactions) > 0 {
		return s.Feed.Reactions
	}
	return s.defaultReactions()
}

// React returns the reaction to a post with these findings, or nil.
func (s *Scenario) React(found []string) *Reaction {
	for _, r := range s.PostReactions() {
		if r.Matches(found) {
			return r
		}
	}
	return nil
}

// defaultReactions are the reactions of a feed that declares none
// (docs/scenario-format.md): a harmful line draws ridicule and anger
// (sentiment −10, attention +10, trust −5), a flaw draws doubt (sentiment
// −3), an apology with guidance calms (sentiment +5, attention −5, trust
// +3), anything else a neutral reply; each effect only where the scenario
// declares that world variable.
func (s *Scenario) defaultReactions() []*Reaction {
	eff := func(deltas map[string]float64) Effects {
		out := Effects{}
		for _, v := range s.World {
			if d, ok := deltas[v.ID]; ok {
				out[v.ID] = Effect{Delta: d}
			}
		}
		return out
	}
	post := func(id, tone string, from, text Text) *FeedPost {
		return &FeedPost{ID: id, Channel: "social", Weight: 1, Max: 1, Tone: tone, From: from, Text: text}
	}
	return []*Reaction{
		{On: []string{"harmful"}, Effects: eff(map[string]float64{"sentiment": -10, "attention": 10, "trust": -5}),
			Posts: []*FeedPost{
				post("reaction-harmful-1", "ridicule", Text{"en": "@JustAsking", "zh": "@吃瓜群众"},
					Text{"en": "Screenshotting this before they delete it. Nobody believes a word.", "zh": "先截图，等着看他们删帖。这话谁信啊。"}),
				post("reaction-harmful-2", "hostile", Text{"en": "@AngryParent", "zh": "@愤怒的家长"},
					Text{"en": "So that's the official line? People are hurt and you post this?", "zh": "这就是官方的说法？有人受了伤害，你们就发这个？"}),
			}},
		{On: []string{"flawed"}, Effects: eff(map[string]float64{"sentiment": -3}),
			Posts: []*FeedPost{
				post("reaction-flawed", "hostile", Text{"en": "@ReadTheSmallPrint", "zh": "@较真的网友"},
					Text{"en": "Lots of words, very little said. What exactly are you doing about it?", "zh": "说了一大堆，等于什么都没说。到底打算怎么处理？"}),
			}},
		{On: []string{"apology", "guidance"}, Effects: eff(map[string]float64{"sentiment": 5, "attention": -5, "trust": 3}),
			Posts: []*FeedPost{
				post("reaction-calm", "support", Text{"en": "@LocalMum", "zh": "@本地宝妈"},
					Text{"en": "At least they apologised and said what to do. Checking ours now.", "zh": "至少道歉了，也说清楚该怎么做。我这就去看看家里的。"}),
			}},
		{Posts: []*FeedPost{
			post("reaction-neutral", "neutral", Text{"en": "@Bystander", "zh": "@路人甲"},
				Text{"en": "Seen the statement. Let's see what they actually do next.", "zh": "声明看到了，就看接下来怎么做了。"}),
		}},
	}
}
