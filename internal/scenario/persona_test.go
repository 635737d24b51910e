package scenario

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// withPersonas is base with two personas, its inject sent by one of them.
func withPersonas(injectExtra string) string {
	s := strings.Replace(base, "phases:\n", `personas:
  li:
    name: {en: Li Wei, zh: 李伟}
    outlet: {en: City Express, zh: 都市快报}
    disposition: sceptical
    influence: high
    language: zh
    brief: {en: Wants a recall date, zh: 想要召回日期}
  mum:
    name: {en: Mrs Zhang, zh: 张女士}
    avatar: faces/zhang.png
phases:
`, 1)
	return strings.Replace(s, "        opens: d1\n", "        opens: d1\n"+injectExtra, 1)
}

func TestParsePersonas(t *testing.T) {
	s, probs := Parse("t.yaml", []byte(withPersonas("        persona: li\n")))
	if s == nil || len(probs) != 0 {
		t.Fatalf("refused: %v", probs)
	}
	li := s.Persona("li")
	if li == nil || li.Name.Get("zh") != "李伟" || li.Outlet.Get("en") != "City Express" || li.Disposition != "sceptical" ||
		li.Influence != "high" || li.Language != "zh" || li.Brief.Get("en") != "Wants a recall date" || li.Avatar != nil {
		t.Fatalf("persona li decoded wrongly: %+v", li)
	}
	in := s.Phase("start").Injects[0]
	if in.Persona != "li" {
		t.Fatalf("inject persona %q", in.Persona)
	}
	// With no from, the sender line is the persona's, in each language:
	// every report that names a sender names the persona.
	if got := in.From.Get("en"); got != "Li Wei (City Express)" {
		t.Errorf("English sender %q", got)
	}
	if got := in.From.Get("zh"); got != "李伟（都市快报）" {
		t.Errorf("Chinese sender %q", got)
	}
	mum := s.Persona("mum")
	if mum.Avatar == nil || mum.Avatar.File != "faces/zhang.png" || mum.Avatar.Alt.Get("zh") != "张女士" {
		t.Fatalf("avatar %+v", mum.Avatar)
	}
	if mum.SenderLine("en") != "Mrs Zhang" {
		t.Errorf("a persona without outlet is named %q", mum.SenderLine("en"))
	}
	// The avatar is one of the scenario's pictures: checked, carried in
	// the log, drawn as any other.
	if !slices.Contains(s.MediaFiles(), "faces/zhang.png") {
		t.Errorf("MediaFiles %v lacks the avatar", s.MediaFiles())
	}
	_, mp := ReadMedia(fstest.MapFS{}, "t.yaml", s)
	if len(mp) != 1 || !strings.Contains(mp[0].Msg, `picture "faces/zhang.png" is not beside the scenario file`) {
		t.Errorf("a missing avatar: %v", mp)
	}
	got, mp := ReadMedia(fstest.MapFS{"faces/zhang.png": {Data: pngOf(t, 64, 64, false)}}, "t.yaml", s)
	if len(mp) != 0 || got["faces/zhang.png"] == nil {
		t.Errorf("an avatar beside the file: %v %v", got, mp)
	}
}

func TestPersonaFromWins(t *testing.T) {
	s, probs := Parse("t.yaml", []byte(withPersonas("        persona: li\n        from: {en: Li Wei's editor, zh: 李伟的编辑}\n")))
	if s == nil || len(probs) != 0 {
		t.Fatalf("refused: %v", probs)
	}
	if in := s.Phase("start").Injects[0]; in.Persona != "li" || in.From.Get("en") != "Li Wei's editor" {
		t.Errorf("persona %q from %q", in.Persona, in.From.Get("en"))
	}
}

func TestPersonaProblems(t *testing.T) {
	cases := []struct {
		src  string
		want string
	}{
		{withPersonas("        persona: lii\n"), `inject 1 of phase "start" names persona "lii", which is not declared under personas; did you mean "li"?`},
		{strings.Replace(withPersonas(""), "disposition: sceptical", "disposition: skeptical", 1), `persona "li" disposition "skeptical" must be one of hostile, sceptical, neutral, sympathetic; did you mean "sceptical"?`},
		{strings.Replace(withPersonas(""), "influence: high", "influence: huge", 1), `persona "li" influence "huge" must be one of low, medium, high`},
		{strings.Replace(withPersonas(""), "    name: {en: Mrs Zhang, zh: 张女士}\n", "", 1), `persona "mum" needs a name`},
		{strings.Replace(withPersonas(""), "name: {en: Mrs Zhang, zh: 张女士}", "name: {en: Mrs Zhang}", 1), `persona "mum" name has no "zh" text`},
		{strings.Replace(withPersonas(""), "faces/zhang.png", "../zhang.png", 1), `picture path "../zhang.png" must be relative`},
		{strings.Replace(withPersonas(""), "language: zh", "language: Chinese", 1), `"Chinese" is not a language code`},
		{withPersonas("        style: breaking\n"), `style "breaking" is for news injects`},
		{withPersonas("        style: flash\n"), `style "flash" must be one of breaking`},
	}
	for _, c := range cases {
		_, probs := Parse("t.yaml", []byte(c.src))
		if !strings.Contains(probs.Error(), c.want) {
			t.Errorf("want %q, got:\n%v", c.want, probs)
		}
		for _, p := range probs {
			if z := p.Text("zh"); strings.Contains(z, "%!") || z == p.Msg {
				t.Errorf("finding %q has no Chinese: %q", p.Msg, z)
			}
		}
	}
}

func TestBreakingNews(t *testing.T) {
	src := strings.Replace(withPersonas("        style: breaking\n"), "channel: social", "channel: news", 1)
	s, probs := Parse("t.yaml", []byte(src))
	if s == nil || len(probs) != 0 {
		t.Fatalf("refused: %v", probs)
	}
	if s.Phase("start").Injects[0].Style != StyleBreaking {
		t.Error("style not read")
	}
}

func TestFeedPostPersona(t *testing.T) {
	src := withPersonas("") + `feed:
  posts:
    - {persona: li, text: {en: "Any news?", zh: 有消息吗？}}
    - {persona: mum, from: {en: Anon, zh: 匿名}, text: {en: Hm, zh: 嗯}}
  reactions:
    - posts:
        - {persona: lii, text: {en: Ok, zh: 好}}
`
	_, probs := Parse("t.yaml", []byte(src))
	if !strings.Contains(probs.Error(), `post 1 of reaction 1 names persona "lii"`) || len(probs) != 1 {
		t.Fatalf("want one finding on the reaction's persona, got:\n%v", probs)
	}
	s, probs := Parse("t.yaml", []byte(strings.Replace(src, "persona: lii", "persona: li", 1)))
	if s == nil {
		t.Fatalf("refused: %v", probs)
	}
	p := s.Feed.Posts
	if p[0].Persona != "li" || p[0].From.Get("zh") != "李伟（都市快报）" || p[1].From.Get("en") != "Anon" || s.Feed.Reactions[0].Posts[0].Persona != "li" {
		t.Errorf("feed posts %+v %+v", p[0], p[1])
	}
}
