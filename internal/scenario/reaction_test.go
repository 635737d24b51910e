package scenario

import (
	"slices"
	"strings"
	"testing"
)

// withFeed is base with a feed that reacts to posts, and a trigger on
// what a team said.
const withFeed = base + `triggers:
  caught-out:
    when: "'denial' in said && posts >= 1"
    inject: {channel: phone, text: {en: A reporter, zh: 记者}}
feed:
  posts:
    - {text: {en: Hi, zh: 你好}}
  reactions:
    - on: denial
      effects: {attention: 10}
      posts:
        - {from: {en: "@Meme", zh: "@段子手"}, text: {en: Rumour they say, zh: 又说是谣言}, tone: ridicule}
    - on: [apology, guidance]
      posts:
        - {channel: news, text: {en: Calm, zh: 平静}, tone: support}
    - posts:
        - {text: {en: Seen, zh: 看到了}}
`

// A feed's reactions load with their findings, effects and posts, and the
// first whose findings all hold answers a post.
func TestReactionsLoadAndMatch(t *testing.T) {
	s, probs := Parse("t.yaml", []byte(withFeed))
	if s == nil || len(probs) != 0 {
		t.Fatalf("refused: %v", probs)
	}
	rs := s.Feed.Reactions
	if len(rs) != 3 || rs[0].Effects["attention"].Delta != 10 || rs[0].Posts[0].Tone != "ridicule" || rs[1].Posts[0].Channel != "news" {
		t.Fatalf("reactions: %+v", rs)
	}
	for _, c := range []struct {
		found []string
		want  int
	}{
		{[]string{"harmful", "denial"}, 0},
		{[]string{"apology", "guidance", "contact"}, 1},
		{[]string{"apology"}, 2},
		{nil, 2},
	} {
		if got := s.React(c.found); got != rs[c.want] {
			t.Errorf("%v: reaction %+v, want %d", c.found, got, c.want+1)
		}
	}
	if !slices.Contains(s.Triggers[0].When.Reads(), "said") {
		t.Error("the trigger does not read said")
	}
}

// Without reactions a feed reacts as documented, on the variables the
// scenario has.
func TestDefaultReactionsUseTheScenariosVariables(t *testing.T) {
	s, probs := Parse("t.yaml", []byte(base+"feed:\n  posts:\n    - {text: {en: Hi, zh: 你好}}\n"))
	if s == nil || len(probs.Errors()) != 0 {
		t.Fatalf("refused: %v", probs)
	}
	r := s.React([]string{"harmful", "denial"})
	if r == nil || r.Effects["attention"].Delta != 10 || len(r.Effects) != 1 {
		t.Errorf("a harmful post with the defaults: %+v", r)
	}
	if r := s.React([]string{"apology", "guidance"}); r == nil || r.Effects["attention"].Delta != -5 || r.Posts[0].Tone != "support" {
		t.Errorf("an apology with guidance with the defaults: %+v", r)
	}
	for _, r := range s.PostReactions() {
		for _, p := range r.Posts {
			if p.Text.Get("en") == "" || p.Text.Get("zh") == "" || p.From.Get("zh") == "" {
				t.Errorf("a default reaction post lacks a language: %+v", p)
			}
		}
	}
}

// Lint catches the loose ends of reactions and conditions on posts.
func TestReactionLint(t *testing.T) {
	for _, c := range []struct {
		name, from, to, want string
		warning              bool
	}{
		{"unknown finding", "on: denial", "on: denyal", `the judge finds no "denyal"; did you mean "denial"?`, false},
		{"unknown said", "'denial' in said", "'lies' in said", `the judge finds no "lies" in a post`, false},
		{"no posts", "    - posts:\n        - {text: {en: Seen, zh: 看到了}}\n", "    - on: apology\n", "needs posts", false},
		{"bad tone", "tone: ridicule", "tone: mocking", `tone "mocking" is not known`, false},
		{"undeclared variable", "effects: {attention: 10}", "effects: {outrage: 10}", `effect on "outrage", which is not a world variable`, false},
		{"unknown field", "    - on: denial\n", "    - on: denial\n      after: 5m\n", `unknown field "after" in reaction 1`, false},
		{"unreachable", "    - on: denial\n", "    - on: harmful\n      posts: [{text: {en: Boo, zh: 嘘}}]\n    - on: denial\n", "reaction 2 never applies: reaction 1 comes first", true},
		{"after a catch-all", "    - on: denial\n", "    - posts: [{text: {en: Boo, zh: 嘘}}]\n    - on: denial\n", "reaction 2 never applies", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(withFeed, c.from, c.to, 1)
			if src == withFeed {
				t.Fatalf("%q not found", c.from)
			}
			_, probs := Parse("t.yaml", []byte(src))
			list := probs.Errors()
			if c.warning {
				list = probs.Warnings()
			}
			found := false
			for _, p := range list {
				found = found || strings.Contains(p.Msg, c.want)
			}
			if !found {
				t.Errorf("want a finding containing %q, got %v", c.want, probs)
			}
		})
	}
	// A condition on posts in a scenario without a feed can never hold.
	src := base + "triggers:\n  t1:\n    when: \"posts > 0\"\n    effects: {attention: 1}\n"
	_, probs := Parse("t.yaml", []byte(src))
	found := false
	for _, p := range probs.Warnings() {
		found = found || strings.Contains(p.Msg, "teams post only on the channels of a scenario with a feed")
	}
	if !found {
		t.Errorf("no warning for posts without a feed: %v", probs)
	}
}
