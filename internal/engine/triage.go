package engine

import (
	"hash/fnv"
	"math/rand/v2"
	"time"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// A social-listening triage (scenario.Triage; docs/scenario-format.md,
// "Social-listening triage"): while a decision with a triage is open, its
// team classifies each post of the feed (rumour, complaint, journalist,
// troll) and says what it does with it (answer now, monitor, ignore), once
// per opening, with CmdTriage; the event triage.submitted keeps the marks.
// When the decision closes (chosen, timed out, or missed) without a triage,
// the triage counts as not made. Either way the fold scores it and applies
// the on_miss effects of the posts the team got wrong where it matters.

// KindTriaged is a team's triage of a decision's feed (Team, Decision,
// Triage).
const KindTriaged Kind = "triage.submitted"

// CmdTriage submits a team's triage (Team, Decision, Triage).
const CmdTriage CommandKind = "triage"

// Refusals of a triage.
var (
	// ErrNoTriage: the decision is not open for the team, or has no triage.
	ErrNoTriage = &Refusal{"no-triage", "the decision is not open or has no social-listening feed"}
	// ErrAlreadyTriaged: the team already triaged this decision's feed.
	ErrAlreadyTriaged = &Refusal{"already-triaged", "the team has already triaged this feed"}
	// ErrTriageIncomplete: a post of the feed has no class or no action, or
	// a post is named twice or is not in the feed.
	ErrTriageIncomplete = &Refusal{"triage-incomplete", "every post needs a class and an action"}
	// ErrTriageOrder: the posts marked "answer" are not ordered 1, 2, … (a
	// place missing or given twice, or a place on a post not answered).
	ErrTriageOrder = &Refusal{"triage-order", "every post marked answer needs its own place in the order (1, 2, …)"}
)

func init() {
	Refusals = append(Refusals, ErrNoTriage, ErrAlreadyTriaged, ErrTriageIncomplete, ErrTriageOrder)
}

// TriageMark is the team's triage of one post.
type TriageMark struct {
	Post   string `json:"post"`
	Class  string `json:"class"`  // scenario.TriageClasses
	Action string `json:"action"` // scenario.TriageActions
	// Rank is the post's place among the posts marked answer (1 first);
	// 0 on a post not answered. A triage logged before the order existed
	// has no ranks at all: it folds and scores as it did (no priority
	// term); a command must order its answer posts.
	Rank int `json:"rank,omitempty"`
}

// TriageFeed is a decision's feed as the team sees it while the decision
// is open: the posts in the order shown, with the text chosen for this run.
type TriageFeed struct {
	Decision *scenario.Decision
	OpenedAt time.Duration
	Posts    []*scenario.TriagePost // copies with the text read
}

// TriageRun is a team's triage of one opening of a decision: made (Marks)
// or not made before the decision closed (Missing).
type TriageRun struct {
	Feed  TriageFeed
	At    time.Duration // when it was made, or when the decision closed
	Marks []TriageMark  // in the order of Feed.Posts; nil when Missing
	// Ordered: the marks order the answer posts (Event.Ordered); false
	// for a triage logged before the order existed.
	Ordered bool
	Missing bool
	// Unscored is a triage of a decision the team was allowed to leave
	// (optional) or not given the time to decide (the exercise ended).
	Unscored bool
	// scores are its Scores, worked out once when the engine makes the
	// run (a run never changes): a team's scores are asked at every end
	// of a play the analysis searches.
	scores map[string]float64
}

// Mark is the team's triage of the post, if it made one.
func (r TriageRun) Mark(post string) (TriageMark, bool) {
	for _, m := range r.Marks {
		if m.Post == post {
			return m, true
		}
	}
	return TriageMark{}, false
}

// Triage costs (docs/scoring.md): how much a wrong class or action costs a
// post, from 0 (right) to 1 (the worst mistake), by the true value and the
// team's. A missing triage costs each post as if the team classified
// nothing and did nothing (ignored it).
var (
	triageClassCost = map[string]map[string]float64{
		scenario.ClassJournalist: {scenario.ClassTroll: 1, scenario.ClassRumour: 0.5, scenario.ClassComplaint: 0.5},
		scenario.ClassComplaint:  {scenario.ClassTroll: 1, scenario.ClassRumour: 0.75, scenario.ClassJournalist: 0.5},
		scenario.ClassRumour:     {scenario.ClassTroll: 0.75, scenario.ClassComplaint: 0.5, scenario.ClassJournalist: 0.5},
		scenario.ClassTroll:      {scenario.ClassComplaint: 0.5, scenario.ClassRumour: 0.5, scenario.ClassJournalist: 0.5},
	}
	triageActionCost = map[string]map[string]float64{
		scenario.ActionAnswer:  {scenario.ActionMonitor: 0.5, scenario.ActionIgnore: 1},
		scenario.ActionMonitor: {scenario.ActionAnswer: 0.25, scenario.ActionIgnore: 0.5},
		scenario.ActionIgnore:  {scenario.ActionAnswer: 1, scenario.ActionMonitor: 0},
	}
	// TriageWeights are how much each class counts in a triage's score:
	// getting a journalist or a genuine complaint wrong costs most.
	TriageWeights = map[string]float64{scenario.ClassJournalist: 3, scenario.ClassComplaint: 3, scenario.ClassRumour: 2, scenario.ClassTroll: 1}
	// triageDimension is the score dimension each class's posts count in.
	triageDimension = map[string]string{scenario.ClassRumour: "transparency", scenario.ClassJournalist: "transparency",
		scenario.ClassComplaint: "empathy", scenario.ClassTroll: "empathy"}
)

// TriagePostScore is a post's score (0–1) for the class and action the team
// gave it (an action "" counts as ignore).
func TriagePostScore(p *scenario.TriagePost, class, action string) float64 {
	cc := 1.0
	if class == p.Class {
		cc = 0
	} else if c, ok := triageClassCost[p.Class][class]; ok {
		cc = c
	}
	if action == "" {
		action = scenario.ActionIgnore
	}
	ac := triageActionCost[p.Needs][action] // 0 when right
	return 1 - (cc+ac)/2
}

// Wrong reports whether the action the team gave the post is a mistake
// whose on_miss effects apply: a post that needs an answer not answered, a
// post to monitor ignored, a post to ignore answered.
func triageMissed(p *scenario.TriagePost, action string) bool {
	switch p.Needs {
	case scenario.ActionAnswer:
		return action != scenario.ActionAnswer
	case scenario.ActionMonitor:
		return action == scenario.ActionIgnore || action == ""
	case scenario.ActionIgnore:
		return action == scenario.ActionAnswer
	}
	return false
}

// PriorityWeight is how much the order of the answers counts in a
// triage's score and in each of its dimensions: as much as one journalist.
const PriorityWeight = 3

// Priority is the triage's order score (0–1) and whether it counts: over
// every pair of posts that need an answer and that the key orders
// (scenario.AnswerFirst), the share the team answered both of in the key's
// order (a Kendall-type agreement in which a pair not both answered counts
// as reversed: skipping never pays). It does not count when the key orders
// no pair, or the triage was logged without an order (it scores as before).
func (r TriageRun) Priority() (float64, bool) {
	if r.Missing {
		return 0, r.keyPairs() > 0
	}
	if !r.Ordered {
		return 0, false
	}
	key := r.Feed.Decision.Triage.AnswerOrder()
	pairs, agree := 0, 0
	for i, a := range key {
		for _, b := range key[i+1:] {
			if scenario.AnswerFirst(a, b) == 0 {
				continue
			}
			pairs++
			ma, _ := r.Mark(a.ID)
			mb, _ := r.Mark(b.ID)
			if ma.Action == scenario.ActionAnswer && mb.Action == scenario.ActionAnswer && ma.Rank > 0 && ma.Rank < mb.Rank {
				agree++
			}
		}
	}
	if pairs == 0 {
		return 0, false
	}
	return float64(agree) / float64(pairs), true
}

// keyPairs is how many pairs of answer posts the key orders.
func (r TriageRun) keyPairs() int {
	key := r.Feed.Decision.Triage.AnswerOrder()
	n := 0
	for i, a := range key {
		for _, b := range key[i+1:] {
			if scenario.AnswerFirst(a, b) != 0 {
				n++
			}
		}
	}
	return n
}

// Score is the triage's score (0–100): the class-weighted mean of its
// posts' scores, with the order of its answers (Priority) counting as one
// more post of weight PriorityWeight when it counts; 0 for a triage not
// made (skipping never pays).
func (r TriageRun) Score() float64 {
	if r.Missing {
		return 0
	}
	var sum, w float64
	for _, p := range r.Feed.Posts {
		m, _ := r.Mark(p.ID)
		sum += TriageWeights[p.Class] * TriagePostScore(p, m.Class, m.Action)
		w += TriageWeights[p.Class]
	}
	if pr, ok := r.Priority(); ok {
		sum += PriorityWeight * pr
		w += PriorityWeight
	}
	if w == 0 {
		return 0
	}
	return round1(100 * sum / w)
}

// Scores are the triage's evidence by dimension (scoring.Evidence.Extra):
// rumours and journalists in transparency, genuine complaints and trolls
// in empathy, each the class-weighted mean of its posts' scores; empty
// when the triage is not scored.
func (r TriageRun) Scores() map[string]float64 {
	out := map[string]float64{}
	if r.Unscored {
		return out
	}
	sum, w := map[string]float64{}, map[string]float64{}
	for _, p := range r.Feed.Posts {
		if r.Missing {
			out[triageDimension[p.Class]] = 0
			continue
		}
		m, _ := r.Mark(p.ID)
		dim := triageDimension[p.Class]
		sum[dim] += TriageWeights[p.Class] * TriagePostScore(p, m.Class, m.Action)
		w[dim] += TriageWeights[p.Class]
	}
	if pr, ok := r.Priority(); ok {
		// The order counts in both dimensions: who is answered first
		// matters for the facts and for the people.
		for dim := range w {
			sum[dim] += PriorityWeight * pr
			w[dim] += PriorityWeight
		}
	}
	for dim, x := range w {
		if x > 0 {
			out[dim] = round1(100 * sum[dim] / x)
		}
	}
	return out
}

func round1(f float64) float64 {
	if f < 0 {
		return -round1(-f)
	}
	return float64(int64(f*10+0.5)) / 10
}

// PerfectTriage and WorstTriage are the best and the worst marks for a
// feed (the analysis plays both: every other triage scores between them).
func PerfectTriage(t *scenario.Triage) []TriageMark {
	out := make([]TriageMark, 0, len(t.Posts))
	rank := map[string]int{}
	for i, p := range t.AnswerOrder() {
		rank[p.ID] = i + 1
	}
	for _, p := range t.Posts {
		out = append(out, TriageMark{Post: p.ID, Class: p.Class, Action: p.Needs, Rank: rank[p.ID]})
	}
	return out
}

// WorstTriage: see PerfectTriage. Each post gets the class and the action
// that cost it most (the first such in the lists' order).
func WorstTriage(t *scenario.Triage) []TriageMark {
	out := make([]TriageMark, 0, len(t.Posts))
	for _, p := range t.Posts {
		m := TriageMark{Post: p.ID}
		lo := 2.0
		for _, c := range scenario.TriageClasses {
			for _, a := range scenario.TriageActions {
				if s := TriagePostScore(p, c, a); s < lo || (s == lo && triageMissed(p, a) && !triageMissed(p, m.Action)) {
					lo, m.Class, m.Action = s, c, a
				}
			}
		}
		out = append(out, m)
	}
	// Whatever it answers (a troll fed) in the file's order: no post that
	// needs an answer is answered, so the order scores 0.
	n := 0
	for i := range out {
		if out[i].Action == scenario.ActionAnswer {
			n++
			out[i].Rank = n
		}
	}
	return out
}

// TriageOf is the triage feed of the team's open decision with this id, or
// nil (no such decision open, or it has no triage).
func (t *Team) TriageOf(decision string) *TriageFeed { return t.triageFeeds[decision] }

// Triaged reports whether the team has triaged the feed of its open
// decision with this id.
func (t *Team) Triaged(decision string) bool {
	f := t.triageFeeds[decision]
	if f == nil {
		return false
	}
	for i := len(t.Triages) - 1; i >= 0; i-- {
		r := t.Triages[i]
		if r.Feed.Decision.ID == decision && r.Feed.OpenedAt == f.OpenedAt {
			return true
		}
	}
	return false
}

// openTriage makes the feed the team sees when a decision with a triage
// opens: its posts in an order shuffled by the seed, the team and the
// visit (so the file's order gives nothing away), each text as the team
// reads it.
func (s *State) openTriage(t *Team, d *scenario.Decision, at time.Duration) {
	if d.Triage == nil {
		return
	}
	key := "triage:" + d.ID + "@" + t.Name
	visit := t.reads[key]
	t.own(sharedReads)
	t.reads[key]++
	posts := make([]*scenario.TriagePost, 0, len(d.Triage.Posts))
	for _, p := range d.Triage.Posts {
		c := *p
		if len(p.TextAlts) > 0 {
			c.Text = scenario.Choose(p.Text, p.TextAlts, s.altEnv(p.TextAlts, t, at), s.Seed, key+"/"+p.ID, visit)
		}
		posts = append(posts, &c)
	}
	h := fnv.New64a()
	h.Write([]byte(key))
	r := rand.New(rand.NewPCG(s.Seed^h.Sum64(), uint64(visit)+1))
	r.Shuffle(len(posts), func(i, j int) { posts[i], posts[j] = posts[j], posts[i] })
	t.own(sharedTriageFeeds)
	if t.triageFeeds == nil {
		t.triageFeeds = map[string]*TriageFeed{}
	}
	t.triageFeeds[d.ID] = &TriageFeed{Decision: d, OpenedAt: at, Posts: posts}
}

// checkTriage refuses a triage the state cannot take.
func (s *State) checkTriage(cmd Command) error {
	t, err := s.playingTeam(cmd.Team)
	if err != nil {
		return err
	}
	f := t.TriageOf(cmd.Decision)
	if f == nil || t.openIndex(cmd.Decision) < 0 {
		return refuse(ErrNoTriage, "decision %q of team %q", cmd.Decision, cmd.Team)
	}
	if t.Triaged(cmd.Decision) {
		return refuse(ErrAlreadyTriaged, "decision %q of team %q", cmd.Decision, cmd.Team)
	}
	if err := checkMarks(f, cmd.Triage); err != nil {
		return err
	}
	return checkRanks(cmd.Triage, true)
}

// checkRanks checks the order of the posts marked answer: ranks 1 to n,
// each once, on the answer posts only. Unordered (a triage logged before
// the order existed), no mark has a rank.
func checkRanks(marks []TriageMark, ordered bool) error {
	var ranks []int
	for _, m := range marks {
		if m.Action != scenario.ActionAnswer || !ordered {
			if m.Rank != 0 {
				return refuse(ErrTriageOrder, "post %q has place %d but is not answered in an ordered triage", m.Post, m.Rank)
			}
			continue
		}
		ranks = append(ranks, m.Rank)
	}
	seen := make([]bool, len(ranks)+1)
	for _, r := range ranks {
		if r < 1 || r > len(ranks) || seen[r] {
			return refuse(ErrTriageOrder, "places %v of %d answered posts", ranks, len(ranks))
		}
		seen[r] = true
	}
	return nil
}

func checkMarks(f *TriageFeed, marks []TriageMark) error {
	if len(marks) != len(f.Posts) {
		return refuse(ErrTriageIncomplete, "%d of %d posts", len(marks), len(f.Posts))
	}
	seen := map[string]bool{}
	for _, m := range marks {
		if f.Decision.Triage.Post(m.Post) == nil || seen[m.Post] {
			return refuse(ErrTriageIncomplete, "post %q", m.Post)
		}
		seen[m.Post] = true
		if !slicesContains(scenario.TriageClasses, m.Class) || !slicesContains(scenario.TriageActions, m.Action) {
			return refuse(ErrTriageIncomplete, "post %q: class %q, action %q", m.Post, m.Class, m.Action)
		}
	}
	return nil
}

// applyTriage folds a team's triage: kept in the order the posts were
// shown, and the on_miss effects of the posts it got wrong applied.
func (s *State) applyTriage(t *Team, e Event) error {
	f := t.TriageOf(e.Decision)
	if f == nil || t.openIndex(e.Decision) < 0 || t.Triaged(e.Decision) {
		return logError(e.Seq, e.Kind, ErrLogBadEvent, "team %q has no untriaged feed for decision %q", t.Name, e.Decision)
	}
	if err := checkMarks(f, e.Triage); err != nil {
		return logError(e.Seq, e.Kind, ErrLogBadEvent, "%v", err)
	}
	if err := checkRanks(e.Triage, e.Ordered); err != nil {
		return logError(e.Seq, e.Kind, ErrLogBadEvent, "%v", err)
	}
	run := TriageRun{Feed: *f, At: e.At, Ordered: e.Ordered}
	for _, p := range f.Posts {
		for _, m := range e.Triage {
			if m.Post == p.ID {
				run.Marks = append(run.Marks, m)
			}
		}
	}
	run.scores = run.Scores()
	t.Triages = append(t.Triages, run)
	s.triageEffects(t, run)
	return nil
}

// closeTriage takes in the triage of a decision that closes (a, just
// appended to the team's answers): a triage not made counts as missing,
// and its posts' on_miss effects apply as if all were ignored.
func (s *State) closeTriage(t *Team, a Answer) {
	f := t.triageFeeds[a.Decision.ID]
	if f == nil {
		return
	}
	made := t.Triaged(a.Decision.ID)
	t.own(sharedTriageFeeds)
	delete(t.triageFeeds, a.Decision.ID)
	if made {
		return
	}
	run := TriageRun{Feed: *f, At: a.At, Missing: true, Unscored: !a.Scored()}
	run.scores = run.Scores()
	t.Triages = append(t.Triages, run)
	if !run.Unscored {
		s.triageEffects(t, run)
	}
}

func (s *State) triageEffects(t *Team, run TriageRun) {
	total := scenario.Effects{}
	for _, p := range run.Feed.Posts {
		m, _ := run.Mark(p.ID)
		if !triageMissed(p, m.Action) {
			continue
		}
		for k, eff := range p.OnMiss {
			if eff.Expr != nil {
				s.applyEffects(t, scenario.Effects{k: eff})
				continue
			}
			e := total[k]
			e.Delta += eff.Delta
			total[k] = e
		}
	}
	s.applyEffects(t, total)
}

// triageEvidence is the scored triages' evidence by dimension.
func (t *Team) triageEvidence() []map[string]float64 {
	var out []map[string]float64
	for _, r := range t.Triages {
		sc := r.scores
		if sc == nil {
			sc = r.Scores()
		}
		if len(sc) > 0 {
			out = append(out, sc)
		}
	}
	return out
}
