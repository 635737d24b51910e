package scenario

import (
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// A social-listening triage (issue 17 point 4): a decision may come with a
// feed of posts mixed from the four kinds the source material's social
// listening names (a rumour, a genuine complaint, a journalist, a troll).
// The team classifies each post and says what it does with it (answer now,
// monitor, ignore) before it decides; the engine scores the triage
// (internal/engine/triage.go) and applies a post's on_miss effects when the
// team leaves unanswered a post that needed an answer or answers a troll.

// Triage classes: what a post truly is.
const (
	ClassRumour     = "rumour"
	ClassComplaint  = "complaint"
	ClassJournalist = "journalist"
	ClassTroll      = "troll"
)

// TriageClasses are the classes a post may have, in the order the team's
// view lists them.
var TriageClasses = []string{ClassRumour, ClassComplaint, ClassJournalist, ClassTroll}

// Triage actions: what a post needs, and what the team says it does.
const (
	ActionAnswer  = "answer"  // answer now
	ActionMonitor = "monitor" // watch it, answer if it grows
	ActionIgnore  = "ignore"  // do not engage
)

// TriageActions are the actions, most urgent first.
var TriageActions = []string{ActionAnswer, ActionMonitor, ActionIgnore}

// Limits of a triage feed.
const (
	MinTriagePosts = 5
	MaxTriagePosts = 12
	MaxTriageReach = 1_000_000_000
	MaxTriageAgo   = 48 * time.Hour
	// MinUrgency and MaxUrgency bound a post's urgency (see
	// TriagePost.Urgency).
	MinUrgency = 1
	MaxUrgency = 3
)

// DefaultUrgency is a post's urgency when the file gives none, by class
// (docs/scenario-format.md, "Which post first"): a journalist on deadline
// and a genuine complaint first, then a rumour, a troll last.
var DefaultUrgency = map[string]int{ClassJournalist: 3, ClassComplaint: 3, ClassRumour: 2, ClassTroll: 1}

// Triage is a decision's social-listening feed.
type Triage struct {
	Pos   Pos
	Posts []*TriagePost
}

// TriagePost is one post of a triage feed: what the team reads (author,
// text, reach, how long ago), and the author's answer key (class, needs,
// reason) that the debrief shows beside the team's triage.
type TriagePost struct {
	Pos    Pos
	ID     string // unique within the triage
	Author Text   // the account: a handle and what kind of account it is
	Text   Text
	// TextAlts are the text's alternatives when it varies between runs
	// (see Inject.TextAlts).
	TextAlts []Alt
	Reach    int           // how many people saw it
	Ago      time.Duration // how long before the decision opened it was posted
	Class    string        // one of TriageClasses
	Needs    string        // one of TriageActions
	Reason   Text          // why, for the debrief
	// Urgency (MinUrgency to MaxUrgency, higher answered sooner) places
	// the post among the posts that need an answer; 0 when the file gives
	// none (DefaultUrgency of its class then; see UrgencyOf).
	Urgency int
	// OnMiss are changes to the world when the team gets the post's need
	// wrong where it matters: a post that needs an answer left unanswered
	// (or a triage not made), a post that needs monitoring ignored, a post
	// to ignore answered.
	OnMiss Effects
}

// Post returns the triage's post with this id, or nil.
func (t *Triage) Post(id string) *TriagePost {
	for _, p := range t.Posts {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// UrgencyOf is the post's urgency: the file's, or its class's default.
func (p *TriagePost) UrgencyOf() int {
	if p.Urgency > 0 {
		return p.Urgency
	}
	return DefaultUrgency[p.Class]
}

// AnswerFirst compares two posts that need an answer in the key's order:
// negative when a is to be answered before b, positive after, 0 when the
// key does not order them (the same urgency, reach and age). The more
// urgent first; at the same urgency the one more people saw; then the
// older (it has waited, and a reporter's deadline is nearer).
func AnswerFirst(a, b *TriagePost) int {
	if ua, ub := a.UrgencyOf(), b.UrgencyOf(); ua != ub {
		return ub - ua
	}
	switch {
	case a.Reach > b.Reach:
		return -1
	case a.Reach < b.Reach:
		return 1
	case a.Ago > b.Ago:
		return -1
	case a.Ago < b.Ago:
		return 1
	}
	return 0
}

// AnswerOrder is the key's order of the posts that need an answer (stable:
// posts the key does not order keep the file's order).
func (t *Triage) AnswerOrder() []*TriagePost {
	var out []*TriagePost
	for _, p := range t.Posts {
		if p.Needs == ActionAnswer {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, AnswerFirst)
	return out
}

// triage reads a decision's triage: field.
func (l *loader) triage(n *yaml.Node, decision Phrase) *Triage {
	what := fieldOf("triage", decision)
	f, _, ok := l.fields(n, what, "posts")
	if !ok {
		return nil
	}
	t := &Triage{Pos: pos(n)}
	ps := f["posts"]
	if ps == nil || ps.Kind != yaml.SequenceNode {
		l.errf(n, "%s needs 'posts': a list of %d to %d posts ({id: …, author: …, text: …, class: …, needs: …, reason: …})", what, MinTriagePosts, MaxTriagePosts)
		return t
	}
	if len(ps.Content) < MinTriagePosts || len(ps.Content) > MaxTriagePosts {
		l.errf(ps, "%s has %d posts; a triage feed needs %d to %d", what, len(ps.Content), MinTriagePosts, MaxTriagePosts)
	}
	seen := map[string]int{}
	for i, pn := range ps.Content {
		if i >= MaxTriagePosts {
			break
		}
		if p := l.triagePost(pn, what, i); p != nil {
			if line, dup := seen[p.ID]; dup {
				l.add(p.Pos, SevError, "post id %q appears twice in %s (first at line %d)", p.ID, what, line)
				continue
			}
			seen[p.ID] = p.Pos.Line
			t.Posts = append(t.Posts, p)
		}
	}
	l.checkTriage(t, what)
	return t
}

func (l *loader) triagePost(n *yaml.Node, triage Phrase, i int) *TriagePost {
	what := phrase("post %d of %s", i+1, triage)
	f, _, ok := l.fields(n, what, "id", "author", "text", "reach", "ago", "class", "needs", "urgency", "reason", "on_miss")
	if !ok {
		return nil
	}
	for _, req := range []string{"id", "author", "text", "class", "needs", "reason"} {
		if f[req] == nil {
			l.errf(n, "%s needs %q", what, req)
		}
	}
	p := &TriagePost{Pos: pos(n)}
	if f["id"] != nil {
		var ok bool
		if p.ID, ok = l.id(f["id"], field("id")); !ok {
			return nil
		}
	} else {
		return nil
	}
	p.Author = l.text(f["author"], sub(what, "author"))
	p.Text, p.TextAlts = l.variedText(f["text"], sub(what, "text"))
	p.Reason = l.text(f["reason"], sub(what, "reason"))
	if c := f["reach"]; c != nil {
		if v, ok := l.number(c, fieldOf("reach", what)); ok {
			if v < 0 || v > MaxTriageReach || v != float64(int(v)) {
				l.errf(c, "%s: reach must be a whole number from 0 to %d", what, MaxTriageReach)
			} else {
				p.Reach = int(v)
			}
		}
	}
	if c := f["ago"]; c != nil {
		if d, ok := l.duration(c, fieldOf("ago", what)); ok {
			if d > MaxTriageAgo {
				l.errf(c, "%s: ago must be at most %s", what, dur(MaxTriageAgo))
			} else {
				p.Ago = d
			}
		}
	}
	if c := f["class"]; c != nil {
		p.Class, _ = l.str(c, field("class"))
		if !contains(TriageClasses, p.Class) {
			l.errf(c, "%s: class %q is not known%s", what, clip(p.Class, 30), suggest(p.Class, TriageClasses))
		}
	}
	if c := f["needs"]; c != nil {
		p.Needs, _ = l.str(c, field("needs"))
		if !contains(TriageActions, p.Needs) {
			l.errf(c, "%s: needs %q is not known%s", what, clip(p.Needs, 30), suggest(p.Needs, TriageActions))
		}
	}
	if c := f["urgency"]; c != nil {
		if v, ok := l.number(c, fieldOf("urgency", what)); ok {
			if v < MinUrgency || v > MaxUrgency || v != float64(int(v)) {
				l.errf(c, "%s: urgency must be a whole number from %d to %d", what, MinUrgency, MaxUrgency)
			} else {
				p.Urgency = int(v)
				if p.Needs != "" && p.Needs != ActionAnswer {
					l.add(pos(c), SevWarning, "%s: urgency orders the posts that need an answer; this one needs %q, so its urgency is never used", what, p.Needs)
				}
			}
		}
	}
	if c := f["on_miss"]; c != nil {
		p.OnMiss = l.effects(c)
	}
	return p
}

// checkTriage checks a feed as a whole: every class present, and an order
// that does not give the answer away (the team sees the posts shuffled, but
// lint, the branch map and the file read them in this order).
func (l *loader) checkTriage(t *Triage, what Phrase) {
	have := map[string]bool{}
	var classes []string
	for _, p := range t.Posts {
		if contains(TriageClasses, p.Class) {
			have[p.Class] = true
			classes = append(classes, p.Class)
		}
		for _, c := range append(append([]string{}, TriageClasses...), TriageActions...) {
			if strings.Contains(strings.ToLower(p.ID), c) {
				l.add(p.Pos, SevError, "%s: post id %q gives the answer away (it contains %q); name the post by what it says", what, p.ID, c)
				break
			}
		}
	}
	if len(t.Posts) < MinTriagePosts {
		return
	}
	for _, c := range TriageClasses {
		if !have[c] {
			l.add(t.Pos, SevError, "%s has no %s post; a triage feed mixes all four classes (%v)", what, c, TriageClasses)
		}
	}
	if len(classes) != len(t.Posts) {
		return
	}
	// Grouped: each class's posts side by side (rumour, rumour, troll, …)
	// with some class written more than once; or in the classes' own order.
	grouped, repeated := true, false
	done := map[string]bool{}
	for i, c := range classes {
		if i > 0 && classes[i-1] == c {
			repeated = true
			continue
		}
		if done[c] {
			grouped = false
		}
		done[c] = true
	}
	if grouped && repeated {
		l.add(t.Pos, SevWarning, "%s lists the posts grouped by class; mix them so that the order in the file gives nothing away", what)
	}
	if len(classes) >= len(TriageClasses) {
		same := true
		for i, c := range TriageClasses {
			same = same && classes[i] == c
		}
		if same {
			l.add(t.Pos, SevWarning, "%s starts with the classes in their own order (%v); mix them so that the order in the file gives nothing away", what, TriageClasses)
		}
	}
}

// triageEffects lists the on_miss effects of a scenario's triage posts, for lint's
// "world variable never changes".
func (s *Scenario) triageEffects() []Effects {
	var out []Effects
	for _, p := range s.Phases {
		for _, d := range p.Decisions {
			if d.Triage == nil {
				continue
			}
			for _, tp := range d.Triage.Posts {
				out = append(out, tp.OnMiss)
			}
		}
	}
	return out
}

// findingsZhTriage are the Chinese words of the triage's findings, added
// to findingsZh.
var findingsZhTriage = map[string]string{
	"%s needs 'posts': a list of %d to %d posts ({id: …, author: …, text: …, class: …, needs: …, reason: …})":       "%s 需要 'posts'：%d 到 %d 条帖子的列表（{id: …, author: …, text: …, class: …, needs: …, reason: …}）",
	"%s has %d posts; a triage feed needs %d to %d":                                                                 "%s 有 %d 条帖子；舆情研判的信息流需要 %d 到 %d 条",
	"post id %q appears twice in %s (first at line %d)":                                                             "帖子 id %q 在%[2]s 中出现了两次（第一次在第 %[3]d 行）",
	"%s: reach must be a whole number from 0 to %d":                                                                 "%s：reach 必须是 0 到 %d 之间的整数",
	"%s: ago must be at most %s":                                                                                    "%s：ago 最多为 %s",
	"%s: urgency must be a whole number from %d to %d":                                                              "%s：urgency 必须是 %d 到 %d 之间的整数",
	"%s: urgency orders the posts that need an answer; this one needs %q, so its urgency is never used":             "%s：urgency 只用于给需要回应的帖子排序；这条帖子的处理方式是 %q，它的 urgency 不会被用到",
	"%s: class %q is not known%s":                                                                                   "%s：不认识的类别 %q%s",
	"%s: needs %q is not known%s":                                                                                   "%s：不认识的处理方式 needs %q%s",
	"%s: post id %q gives the answer away (it contains %q); name the post by what it says":                          "%s：帖子 id %q 泄露了答案（其中含有 %q）；请按帖子的内容命名",
	"%s has no %s post; a triage feed mixes all four classes (%v)":                                                  "%s 没有 %s 类帖子；舆情研判的信息流必须混有全部四类（%v）",
	"%s lists the posts grouped by class; mix them so that the order in the file gives nothing away":                "%s 中的帖子按类别排在一起；请打乱顺序，不要让文件中的顺序泄露答案",
	"%s starts with the classes in their own order (%v); mix them so that the order in the file gives nothing away": "%s 开头的帖子正好按类别顺序排列（%v）；请打乱顺序，不要让文件中的顺序泄露答案",
}

func init() {
	for k, v := range findingsZhTriage {
		findingsZh[k] = v
	}
}
