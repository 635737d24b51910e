package scenario

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// triageBase is the engine's triage test scenario: a decision with a feed
// of five posts, one of each class and a second rumour.
func triageBase(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("../engine/testdata/triage.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The feed loads with its posts, classes, needs, reach, age, reasons, a
// varied text and on_miss effects.
func TestTriageLoads(t *testing.T) {
	s, probs := Parse("t.yaml", []byte(triageBase(t)))
	if s == nil || len(probs) > 0 {
		t.Fatalf("%v", probs)
	}
	tr := s.Decision("first").Triage
	if tr == nil || len(tr.Posts) != 5 {
		t.Fatalf("triage %+v", tr)
	}
	p := tr.Post("video")
	if p.Class != ClassRumour || p.Needs != ActionAnswer || p.Reach != 400000 || p.Ago.Minutes() != 30 ||
		len(p.TextAlts) != 2 || p.OnMiss["reach"].Delta != 10 || p.Reason.Get("zh") == "" || p.Author.Get("en") != "@blogger" {
		t.Errorf("post video: %+v", p)
	}
}

// The key's order of the posts that need an answer: by urgency (the
// class's by default: the reporter and the parent 3, the rumour 2), then
// reach (the reporter's 50 000 before the parent's 300), then age; an
// urgency in the file moves the wide rumour first (3, and the widest
// reach); equal posts are not ordered.
func TestTriageAnswerOrder(t *testing.T) {
	ids := func(src string) []string {
		s, probs := Parse("t.yaml", []byte(src))
		if s == nil || len(probs) > 0 {
			t.Fatalf("%v", probs)
		}
		var out []string
		for _, p := range s.Decision("first").Triage.AnswerOrder() {
			out = append(out, p.ID)
		}
		return out
	}
	base := triageBase(t)
	if got := ids(base); !slices.Equal(got, []string{"reporter", "mum", "video"}) {
		t.Errorf("key order %v, want reporter, mum, video", got)
	}
	urgent := strings.Replace(base, "reach: 400000\n", "reach: 400000\n              urgency: 3\n", 1)
	if got := ids(urgent); !slices.Equal(got, []string{"video", "reporter", "mum"}) {
		t.Errorf("with the rumour's urgency 3: %v, want video, reporter, mum", got)
	}
	a := &TriagePost{Class: ClassComplaint, Reach: 10, Ago: 5}
	b := &TriagePost{Class: ClassJournalist, Reach: 10, Ago: 5}
	c := &TriagePost{Class: ClassJournalist, Reach: 10, Ago: 9}
	if AnswerFirst(a, b) != 0 || AnswerFirst(b, c) <= 0 || AnswerFirst(c, b) >= 0 {
		t.Errorf("AnswerFirst: equal posts %d, newer before older %d, older before newer %d", AnswerFirst(a, b), AnswerFirst(b, c), AnswerFirst(c, b))
	}
}

// Lint: classes and needs known, every class present, enough posts and not
// too many, both languages, ids that do not give the answer away, an order
// that is not grouped by class, effects on world variables.
func TestTriageLint(t *testing.T) {
	base := triageBase(t)
	cases := []struct {
		name, from, to, want string
		warning              bool
	}{
		{"unknown class", "class: troll", "class: trol", `class "trol" is not known; did you mean "troll"?`, false},
		{"unknown need", "needs: monitor", "needs: watch", `needs "watch" is not known`, false},
		{"a class missing", "class: troll", "class: complaint", "has no troll post", false},
		{"a language missing", `text: {en: "POISON!!!", zh: "有毒！！！"}`, `text: {en: "POISON!!!"}`, `has no "zh" text`, false},
		{"no reason", `              reason: {en: "A bot.", zh: "机器人账号。"}` + "\n", "", `needs "reason"`, false},
		{"an id giving the answer", "id: bots", "id: troll-bots", `post id "troll-bots" gives the answer away (it contains "troll")`, false},
		{"a negative reach", "reach: 10\n", "reach: -3\n", "reach must be a whole number", false},
		{"an effect on no variable", "on_miss: {attention: 4}", "on_miss: {noise: 4}", `effect on "noise", which is not a world variable`, false},
		{"an unknown field", "ago: 1m", "age: 1m", `unknown field "age"`, false},
		{"grouped by class", "class: rumour\n              needs: monitor", "class: journalist\n              needs: monitor", "grouped by class", true},
		{"an urgency out of range", "needs: answer\n              reason: {en: \"A reporter", "needs: answer\n              urgency: 4\n              reason: {en: \"A reporter", "urgency must be a whole number from 1 to 3", false},
		{"an urgency not whole", "needs: answer\n              reason: {en: \"A reporter", "needs: answer\n              urgency: 2.5\n              reason: {en: \"A reporter", "urgency must be a whole number from 1 to 3", false},
		{"an urgency never used", "needs: ignore\n", "needs: ignore\n              urgency: 1\n", `this one needs "ignore", so its urgency is never used`, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(base, c.from) {
				t.Fatalf("the base has no %q", c.from)
			}
			_, probs := Parse("t.yaml", []byte(strings.Replace(base, c.from, c.to, 1)))
			list := probs.Errors()
			if c.warning {
				list = probs.Warnings()
			}
			if !slices.ContainsFunc([]Problem(list), func(p Problem) bool { return strings.Contains(p.Msg, c.want) }) {
				t.Errorf("want %q, got:\n%v", c.want, probs)
			}
		})
	}
	// Too few posts: four.
	i := strings.Index(base, "            - id: gossip")
	j := strings.Index(base, "            - id: reporter")
	_, probs := Parse("t.yaml", []byte(base[:i]+base[j:]))
	if !strings.Contains(probs.Error(), "has 4 posts; a triage feed needs 5 to 12") {
		t.Errorf("four posts: %v", probs)
	}
	// The classes in their own order at the start.
	_, probs = Parse("t.yaml", []byte(reorder(t, base, "video", "mum", "reporter", "bots", "gossip")))
	if !strings.Contains(probs.Warnings().Error(), "starts with the classes in their own order") {
		t.Errorf("classes in order: %v", probs)
	}
	// A mixed order is fine.
	_, probs = Parse("t.yaml", []byte(reorder(t, base, "gossip", "mum", "bots", "video", "reporter")))
	if len(probs) > 0 {
		t.Errorf("a mixed order: %v", probs)
	}
}

// reorder writes the feed's posts of src in the order of ids.
func reorder(t *testing.T, src string, ids ...string) string {
	t.Helper()
	const item = "            - id: "
	start := strings.Index(src, item)
	end := strings.Index(src, "        options:")
	posts := map[string]string{}
	for _, p := range strings.Split(src[start:end], item)[1:] {
		id, _, _ := strings.Cut(p, "\n")
		posts[id] = item + p
	}
	var b strings.Builder
	for _, id := range ids {
		if posts[id] == "" {
			t.Fatalf("no post %q", id)
		}
		b.WriteString(posts[id])
	}
	return src[:start] + b.String() + src[end:]
}

// Every finding of the triage has its Chinese words.
func TestTriageFindingsInChinese(t *testing.T) {
	for k := range findingsZhTriage {
		if findingsZh[k] == "" {
			t.Errorf("%q has no Chinese", k)
		}
	}
}

// FuzzTriage: whatever a post's fields say, the loader answers with a
// scenario or an error, never a panic; a loaded feed has only known
// classes and needs, and every class.
func FuzzTriage(f *testing.F) {
	f.Add("class: troll", "needs: ignore")
	f.Add("class: [troll]", "needs: {a: b}")
	f.Add("class: ''", "reach: 1e99")
	f.Add("ago: -5m", "on_miss: {attention: \"attention * 2\"}")
	f.Add("text: []", "id: 7")
	f.Fuzz(func(t *testing.T, a, b string) {
		if strings.ContainsAny(a+b, "\n\r") {
			return
		}
		base := triageBase(t)
		src := strings.Replace(base, "class: troll", a, 1)
		src = strings.Replace(src, "needs: ignore", b, 1)
		s, probs := Parse("f.yaml", []byte(src))
		if s == nil {
			if len(probs.Errors()) == 0 {
				t.Fatal("refused without an error")
			}
			return
		}
		tr := s.Decision("first").Triage
		if tr == nil {
			t.Fatal("the feed is gone from a scenario that loads")
		}
		have := map[string]bool{}
		for _, p := range tr.Posts {
			if !slices.Contains(TriageClasses, p.Class) || !slices.Contains(TriageActions, p.Needs) {
				t.Errorf("post %q loaded with class %q, needs %q", p.ID, p.Class, p.Needs)
			}
			have[p.Class] = true
		}
		if len(have) != len(TriageClasses) {
			t.Errorf("a feed loaded without every class: %v", have)
		}
	})
}
