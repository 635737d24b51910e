package scenario

import (
	"os"
	"strings"
	"testing"
)

// variedInject is base's inject text written as alternatives.
const variedInject = `        text:
          - {en: "Post one", zh: 帖子一}
          - {en: "Post two", zh: 帖子二}
          - en: "Post three"
            zh: 帖子三
          - when: "attention >= 50"
            en: "Everyone is watching"
            zh: 所有人都在看
`

func withVariedText(block string) string {
	return strings.Replace(base, "        text: {en: Post, zh: 帖子}\n", block, 1)
}

func TestVariedTextLoads(t *testing.T) {
	src := withVariedText(variedInject)
	if src == base {
		t.Fatal("the inject's text was not replaced")
	}
	s, probs := Parse("t.yaml", []byte(src))
	if s == nil || len(probs) != 0 {
		t.Fatalf("varied text refused: %v", probs)
	}
	in := s.Phase("start").Injects[0]
	if len(in.TextAlts) != 4 {
		t.Fatalf("want 4 alternatives, got %d", len(in.TextAlts))
	}
	// The default (what lint, the map and the analysis read) is the first
	// alternative without a condition.
	if in.Text.Get("en") != "Post one" || in.Text.Get("zh") != "帖子一" {
		t.Fatalf("default text is %v", in.Text)
	}
	if in.TextAlts[3].When == nil || in.TextAlts[3].When.Src != "attention >= 50" || in.TextAlts[2].When != nil {
		t.Fatalf("conditions decoded wrongly: %+v", in.TextAlts)
	}
	if in.TextAlts[2].Pos.Line != 17 {
		t.Fatalf("the third alternative is at line %d, want 17", in.TextAlts[2].Pos.Line)
	}
}

func TestVariedTextOneAlternativeIsPlain(t *testing.T) {
	s, probs := Parse("t.yaml", []byte(withVariedText("        text:\n          - {en: Only, zh: 唯一}\n")))
	if s == nil || len(probs) != 0 {
		t.Fatalf("refused: %v", probs)
	}
	if in := s.Phase("start").Injects[0]; in.TextAlts != nil || in.Text.Get("zh") != "唯一" {
		t.Fatalf("a list of one should read as that text: %+v", in)
	}
}

func TestChoose(t *testing.T) {
	s, probs := Parse("t.yaml", []byte(withVariedText(variedInject)))
	if s == nil {
		t.Fatal(probs)
	}
	in := s.Phase("start").Injects[0]
	calm, hot := Env{"attention": 10.0}, Env{"attention": 80.0}
	// The condition wins whatever the seed.
	for seed := uint64(1); seed < 50; seed++ {
		if got := Choose(in.Text, in.TextAlts, hot, seed, "k", 0).Get("en"); got != "Everyone is watching" {
			t.Fatalf("seed %d with attention 80 reads %q", seed, got)
		}
	}
	// Without it, the seed picks among the three plain alternatives, the
	// same each time, and every one of them for some seed.
	seen := map[string]bool{}
	for seed := uint64(1); seed < 200; seed++ {
		a := Choose(in.Text, in.TextAlts, calm, seed, "k", 0)
		if b := Choose(in.Text, in.TextAlts, calm, seed, "k", 0); a.Get("en") != b.Get("en") || a.Get("zh") != b.Get("zh") {
			t.Fatalf("seed %d chose %v then %v", seed, a, b)
		}
		if a.Get("en") == "Everyone is watching" {
			t.Fatalf("seed %d read the conditional variant with attention 10", seed)
		}
		seen[a.Get("en")] = true
	}
	if len(seen) != 3 {
		t.Fatalf("200 seeds read %v; want all three plain alternatives", seen)
	}
	// Another visit of the same text, or another key, may read another
	// alternative: over many visits all three come up.
	visits := map[int]bool{}
	for v := range 60 {
		visits[Pick(7, "k", v, 3)] = true
	}
	if len(visits) != 3 {
		t.Fatalf("60 visits picked %v", visits)
	}
	if Choose(in.Text, nil, calm, 1, "k", 0).Get("en") != "Post one" {
		t.Fatal("a text without alternatives is itself")
	}
}

func TestVariedTextLint(t *testing.T) {
	cases := []struct{ name, block, want, wantZh string }{
		{"empty list", "        text: []\n", "t.yaml:14:15: error: text is an empty list", "text 是一个空列表"},
		{"missing language", "        text:\n          - {en: One, zh: 一}\n          - {en: Two}\n",
			`t.yaml:16:13: error: alternative 2 of text has no "zh" text`, `text 的第 2 个备选没有 "zh" 文字`},
		{"only conditions", "        text:\n          - {when: \"attention > 5\", en: One, zh: 一}\n",
			"t.yaml:15:11: error: text has no alternative without 'when'", "没有不带 'when' 的备选"},
		{"unknown name", "        text:\n          - {en: One, zh: 一}\n          - {when: \"atention > 5\", en: Two, zh: 二}\n",
			`t.yaml:16:20: error: alternative 2 of text when "atention > 5" does not compile`, "第 2 个备选"},
		{"not a condition", "        text:\n          - {en: One, zh: 一}\n          - {when: \"attention + 5\", en: Two, zh: 二}\n",
			"alternative 2 of text when", ""},
		{"no text", "        text:\n          - {en: One, zh: 一}\n          - {when: \"attention > 5\"}\n",
			"t.yaml:16:13: error: alternative 2 of text has no text", "没有文字"},
		{"nested list", "        text:\n          - {en: One, zh: 一}\n          - [a, b]\n",
			"t.yaml:16:13: error: alternative 2 of text must be a string or a mapping of languages, not a list", "而不是列表"},
		{"too many", "        text: [a, b, c, d, e, f, g, h, i]\n", "text has 9 alternatives; a text may have at most 8", "最多 8 个"},
		{"unknown said", "        text:\n          - {en: One, zh: 一}\n          - {when: '\"nonsense\" in said', en: Two, zh: 二}\n",
			`the judge finds no "nonsense" in a post`, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := withVariedText(c.block)
			s, probs := Parse("t.yaml", []byte(src))
			if s != nil {
				t.Fatalf("accepted; problems: %v", probs)
			}
			if !strings.Contains(probs.Error(), c.want) {
				t.Fatalf("want a message containing\n  %s\ngot\n  %s", c.want, probs.Error())
			}
			if c.wantZh == "" {
				return
			}
			var zh []string
			for _, p := range probs {
				zh = append(zh, p.Text("zh"))
			}
			if all := strings.Join(zh, "\n"); !strings.Contains(all, c.wantZh) {
				t.Fatalf("want a Chinese message containing\n  %s\ngot\n  %s", c.wantZh, all)
			}
		})
	}
}

// Feed posts, reaction posts and press questions take alternatives too.
func TestVariedFeedAndPressText(t *testing.T) {
	src := strings.Replace(withFeed, "    - {text: {en: Hi, zh: 你好}}\n",
		"    - text:\n        - {en: Hi, zh: 你好}\n        - {en: Hello, zh: 大家好}\n", 1)
	src = strings.Replace(src, "text: {en: Rumour they say, zh: 又说是谣言}",
		"text: [{en: Rumour they say, zh: 又说是谣言}, {when: \"attention > 50\", en: Sure it is, zh: 又来了}]", 1)
	press, err := os.ReadFile("../engine/testdata/press.yaml")
	if err != nil {
		t.Fatal(err)
	}
	psrc := strings.Replace(string(press), `        text: {en: "What caused it?", zh: "原因是什么？"}`,
		"        text:\n          - {en: \"What caused it?\", zh: \"原因是什么？\"}\n          - {en: \"Why did this happen?\", zh: \"怎么会出这种事？\"}", 1)
	for _, c := range []struct {
		name, src string
		alts      func(*Scenario) []Alt
	}{
		{"feed post", src, func(s *Scenario) []Alt { return s.Feed.Posts[0].TextAlts }},
		{"reaction post", src, func(s *Scenario) []Alt { return s.Feed.Reactions[0].Posts[0].TextAlts }},
		{"press question", psrc, func(s *Scenario) []Alt { return s.PressConferences[0].Questions[2].TextAlts }},
	} {
		s, probs := Parse("t.yaml", []byte(c.src))
		if s == nil || len(probs.Errors()) != 0 {
			t.Fatalf("%s: refused: %v", c.name, probs)
		}
		if got := c.alts(s); len(got) != 2 {
			t.Errorf("%s: %d alternatives, want 2", c.name, len(got))
		}
	}
}

func FuzzVariedText(f *testing.F) {
	f.Add(variedInject)
	f.Add("        text: []\n")
	f.Add("        text:\n          - {when: \"attention > 5\"}\n")
	f.Add("        text:\n          - {en: A, zh: 甲, when: \"silent\", when: \"silent\"}\n          - B\n")
	f.Add("        text: [a, [b], {c: d}]\n")
	f.Fuzz(func(t *testing.T, block string) {
		s, probs := Parse("f.yaml", []byte(withVariedText(block+"\n")))
		if s == nil {
			if len(probs.Errors()) == 0 {
				t.Fatal("refused without an error")
			}
			return
		}
		in := s.Phase("start").Injects[0]
		if len(in.Text) == 0 {
			t.Fatal("an accepted inject has no default text")
		}
		if len(in.TextAlts) > MaxAlts {
			t.Fatalf("accepted %d alternatives", len(in.TextAlts))
		}
		for _, env := range []Env{{"attention": 0.0}, {"attention": 100.0}, nil} {
			for seed := uint64(0); seed < 4; seed++ {
				got := Choose(in.Text, in.TextAlts, env, seed, "f", int(seed))
				for _, lang := range []string{"en", "zh"} {
					if strings.TrimSpace(got.Get(lang)) == "" {
						t.Fatalf("seed %d reads no %s text: %v", seed, lang, got)
					}
				}
			}
		}
	})
}
