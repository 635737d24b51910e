package cli

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

const postsPath = "../engine/testdata/posts.yaml"

// postScript: Alpha posts an apology with guidance at 2:00 and the same
// again at 3:00 (the public has heard it: half the effect); Bravo denies
// at 2:00 as a press release; Bravo's empty-channel post never parses, so
// it is not here.
const postScript = `teams: [Alpha, Bravo]
actions:
  - {at: 2m, team: Alpha, post: social, text: "We are sorry. Children fell ill after drinking batch CB-07. Please stop drinking it and return it to the shop; call our hotline 400-123."}
  - {at: 2m, team: Bravo, post: news, text: "This is a baseless rumour. Our products meet all national standards and are safe to drink."}
  - {at: 3m, team: Alpha, post: notice, text: "We are sorry. Children fell ill after drinking batch CB-07. Please stop drinking it and return it to the shop; call our hotline 400-123."}
`

func postsScenarioCLI(t testing.TB) *scenario.Scenario {
	t.Helper()
	sc, probs, err := scenario.LoadFile(postsPath)
	if sc == nil {
		t.Fatal(probs, err)
	}
	return sc
}

func TestScriptReadsPosts(t *testing.T) {
	s, err := ParseScript("s.yaml", []byte(postScript), postsScenarioCLI(t))
	if err != nil {
		t.Fatal(err)
	}
	want := engine.Command{Kind: engine.CmdPost, Team: "Bravo", Channel: "news",
		Text: "This is a baseless rumour. Our products meet all national standards and are safe to drink.", Ref: "script:2"}
	if got := s.Actions[1].Command(); !reflect.DeepEqual(got, want) {
		t.Errorf("action 2: %+v, want %+v", got, want)
	}
	if got := s.Actions[1].What(); got != "post on news" {
		t.Errorf("What() = %q", got)
	}
	for _, c := range []struct{ name, action, want string }{
		{"unknown channel", "{at: 1m, team: Alpha, post: tv, text: hi}", `"tv" is not a channel a team posts on (social, news, notice)`},
		{"no text", "{at: 1m, team: Alpha, post: social}", "action 1 needs 'text' (the post)"},
		{"no team", "{at: 1m, post: social, text: hi}", `team "" is not one of the script's teams`},
		{"with a question", "{at: 1m, team: Alpha, post: social, text: hi, question: 1}", `action 1 has "question", which goes with 'answer', not with "post"`},
	} {
		if err := parseAction(c.action, postsScenarioCLI(t)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	// A scenario without a feed has no channel to post on.
	if _, err := ParseScript("s.yaml", []byte("teams: [Alpha]\nactions:\n  - {at: 1m, team: Alpha, post: social, text: hi}\n"), pressScenarioCLI(t)); err == nil ||
		!strings.Contains(err.Error(), "has no feed, so a team has no channel to post on") {
		t.Errorf("a post in a scenario without a feed: %v", err)
	}
}

// Scripted posts land once each; the result lists each team's posts with
// what the judge found and how the public moved the world, the repeated
// apology at half the effect.
func TestPlayPosts(t *testing.T) {
	r, _, _ := playScript(t, postsPath, "posts.play.yaml", postScript)
	alpha, bravo := r.Teams[0], r.Teams[1]
	if len(alpha.Posts) != 2 || alpha.Posts[0].Channel != "social" || alpha.Posts[0].AtSeconds != 120 || alpha.Posts[1].Channel != "notice" {
		t.Fatalf("Alpha's posts: %+v", alpha.Posts)
	}
	first, again := alpha.Posts[0], alpha.Posts[1]
	if !slices.Contains(first.Findings, "apology") || !slices.Contains(first.Findings, "guidance") || first.Repeat != 0 || again.Repeat != 1 ||
		first.Moved["sentiment"] != 8 || again.Moved["sentiment"] != 4 {
		t.Errorf("Alpha's apology twice: %+v", alpha.Posts)
	}
	if len(bravo.Posts) != 1 || !slices.Contains(bravo.Posts[0].Findings, "denial") || bravo.Posts[0].Moved["sentiment"] != -15 {
		t.Errorf("Bravo's denial: %+v", bravo.Posts)
	}
	if len(r.Skipped) != 0 {
		t.Errorf("skipped: %+v", r.Skipped)
	}
}

// A team laptop's script posts through the host: the laptop prints the
// host's answer, and the host's result has the post.
func TestLANJoinScriptPosts(t *testing.T) {
	t.Parallel() // a real-time exercise at speed 600, beside the others
	script := writeFile(t, "s.yaml", `teams: [Alpha]
actions:
  - {at: 2m, team: Alpha, post: social, text: "This is a baseless rumour."}
  - {at: 3m, team: Alpha, post: notice, text: "Hotline 400-123 is open day and night."}
`)
	lines, _, r := hostWithAlphaScript(t, postsPath, script, "post")
	if len(lines) != 2 || lines[0].Action != 1 || lines[0].Channel != "social" || lines[0].Status != "accepted" || lines[1].Channel != "notice" {
		t.Errorf("alpha's posts: %+v", lines)
	}
	if got := r.Teams[0].Posts; len(got) != 2 || !slices.Contains(got[0].Findings, "denial") {
		t.Errorf("the host's result: posts %+v", got)
	}
}
