package engine

import (
	"errors"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// startTriage starts testdata/triage.yaml: the decision "first" opens at
// 0:00 with a feed of five posts (a parent's complaint that needs an
// answer, a bot to ignore, a reporter to answer, a rumour at its widest to
// answer, a small rumour to monitor).
func startTriage(t *testing.T, teams ...string) (*Session, *MemoryLog, *FakeClock) {
	t.Helper()
	src, err := os.ReadFile("testdata/triage.yaml")
	if err != nil {
		t.Fatal(err)
	}
	log, clock := &MemoryLog{}, NewFakeClock()
	s, err := Start(Config{ScenarioID: "triage", Source: src, Teams: teams, Lang: "en", Speed: 1, Seed: 7}, log, clock)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdResume}); err != nil {
		t.Fatal(err)
	}
	return s, log, clock
}

// marks are a triage's marks (post, class, action, …); the posts marked
// answer take their places in the order written (1, 2, …).
func marks(pairs ...string) []TriageMark {
	var out []TriageMark
	n := 0
	for i := 0; i+2 < len(pairs)+1; i += 3 {
		m := TriageMark{Post: pairs[i], Class: pairs[i+1], Action: pairs[i+2]}
		if m.Action == scenario.ActionAnswer {
			n++
			m.Rank = n
		}
		out = append(out, m)
	}
	return out
}

// mixed is a triage with every kind of mistake: the parent taken for a
// troll and ignored, the bot answered, the small rumour answered instead
// of watched; the reporter and the wide rumour right.
var mixed = marks(
	"mum", "troll", "ignore",
	"bots", "troll", "answer",
	"reporter", "journalist", "answer",
	"video", "rumour", "answer",
	"gossip", "rumour", "answer")

// The triage's score follows the costs by hand: per post 1 − (class cost +
// action cost)/2, weighted journalist and complaint 3, rumour 2, troll 1;
// rumours and journalists count in transparency, complaints and trolls in
// empathy; the mistakes that matter move the world by the posts' on_miss.
func TestTriageScoresAndEffects(t *testing.T) {
	s, _, clock := startTriage(t, "Alpha")
	run(t, s, clock, time.Second)
	if err := s.Send(Command{Kind: CmdTriage, Team: "Alpha", Decision: "first", Triage: mixed}); err != nil {
		t.Fatal(err)
	}
	tm := team(s, "Alpha")
	if len(tm.Triages) != 1 || tm.Triages[0].Missing {
		t.Fatalf("triages: %+v", tm.Triages)
	}
	r := tm.Triages[0]
	// mum 0 (×3), bots 0.5 (×1), reporter 1 (×3), video 1 (×2), gossip
	// 1 − 0.25/2 = 0.875 (×2): 7.25 of 11. The order (×3): the key
	// answers the reporter (urgency 3, reach 50 000), then the parent
	// (urgency 3, reach 300), then the wide rumour (urgency 2); of its
	// three pairs only reporter (2nd) before video (3rd) is kept, the
	// parent is not answered: 1/3. (7.25 + 1) / 14 = 58.9.
	if pr, ok := r.Priority(); !ok || pr != 1.0/3 {
		t.Errorf("priority %v %v, want 1/3", pr, ok)
	}
	if got := r.Score(); got != 58.9 {
		t.Errorf("score %v, want 58.9 (8.25 of 14)", got)
	}
	// Transparency: reporter 3, video 2, gossip 1.75 and the order 1 of
	// 10; empathy: mum 0, bots 0.5 and the order 1 of 7.
	if sc := r.Scores(); sc["transparency"] != 77.5 || sc["empathy"] != 21.4 || len(sc) != 2 {
		t.Errorf("scores %v, want transparency 77.5, empathy 21.4", sc)
	}
	// The parent unanswered (trust −5) and the bot answered (attention
	// +4); the small rumour answered instead of watched is no miss.
	if tm.World["trust"] != 55 || tm.World["attention"] != 14 || tm.World["reach"] != 20 {
		t.Errorf("world %v, want trust 55, attention 14, reach 20", tm.World)
	}
	if !tm.Triaged("first") {
		t.Error("Triaged is false after the triage")
	}
	// The decision counts once with the option and once with the triage
	// in the dimensions: empathy (AuthorScore(2) = 83.33 + 21.4) / 2.
	if err := s.Send(Command{Kind: CmdChoose, Team: "Alpha", Decision: "first", Option: "speak"}); err != nil {
		t.Fatal(err)
	}
	tm = team(s, "Alpha")
	if sc := tm.Scores(); sc.Empathy != 52.4 || sc.Transparency != 88.8 {
		t.Errorf("team empathy %v, transparency %v; want (83.3 + 21.4) / 2 = 52.4 and (100 + 77.5) / 2 = 88.8", sc.Empathy, sc.Transparency)
	}
}

// The perfect triage scores 100 and changes nothing; the worst changes the
// world by every post's on_miss (the worst action for a post to watch is to
// ignore it: a miss too).
func TestTriagePerfectAndWorst(t *testing.T) {
	sc := scenarioOf(t, "testdata/triage.yaml")
	tr := sc.Decision("first").Triage
	for _, p := range tr.Posts {
		if got := TriagePostScore(p, p.Class, p.Needs); got != 1 {
			t.Errorf("%s right scores %v", p.ID, got)
		}
	}
	s, _, clock := startTriage(t, "Alpha", "Bravo")
	run(t, s, clock, time.Second)
	if err := s.Send(Command{Kind: CmdTriage, Team: "Alpha", Decision: "first", Triage: PerfectTriage(tr)}); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(Command{Kind: CmdTriage, Team: "Bravo", Decision: "first", Triage: WorstTriage(tr)}); err != nil {
		t.Fatal(err)
	}
	a, b := team(s, "Alpha"), team(s, "Bravo")
	if got := a.Triages[0].Score(); got != 100 {
		t.Errorf("perfect triage scores %v", got)
	}
	if a.World["trust"] != 60 || a.World["attention"] != 10 || a.World["reach"] != 20 {
		t.Errorf("a perfect triage moved the world: %v", a.World)
	}
	// Worst: the complaint and the reporter taken for trolls and ignored
	// (0), the bot taken for anything else (0.5) and answered (1): 0.25,
	// the rumours taken for trolls (0.75) and ignored (1 for the wide one:
	// 0.125; 0.5 for the small one: 0.375); no post that needs an answer
	// answered, so the order (×3 in each) scores 0.
	if got := b.Triages[0].Scores(); got["empathy"] != 3.6 || got["transparency"] != 10 {
		t.Errorf("worst triage scores %v, want empathy 0.25 / 7 = 3.6, transparency (3×0 + 2×0.125 + 2×0.375 + 0) / 10 = 10", got)
	}
	if pr, ok := b.Triages[0].Priority(); !ok || pr != 0 {
		t.Errorf("worst triage's order %v %v, want 0", pr, ok)
	}
	if b.World["trust"] != 55 || b.World["attention"] != 24 || b.World["reach"] != 33 {
		t.Errorf("worst triage world %v, want trust 55, attention 10+4+10 = 24, reach 20+10+3 = 33", b.World)
	}
}

// A decision that closes without a triage counts the triage as missing:
// score 0 in both dimensions, and every post that needed an answer or
// watching counts as ignored (its on_miss applies; the bot's does not).
func TestTriageMissing(t *testing.T) {
	s, _, clock := startTriage(t, "Alpha", "Bravo")
	run(t, s, clock, time.Second)
	if err := s.Send(Command{Kind: CmdChoose, Team: "Alpha", Decision: "first", Option: "wait"}); err != nil {
		t.Fatal(err)
	}
	run(t, s, clock, 10*time.Minute) // Bravo's decision times out
	for _, name := range []string{"Alpha", "Bravo"} {
		tm := team(s, name)
		if len(tm.Triages) != 1 || !tm.Triages[0].Missing || tm.Triages[0].Unscored {
			t.Fatalf("%s: triages %+v", name, tm.Triages)
		}
		if sc := tm.Triages[0].Scores(); sc["transparency"] != 0 || sc["empathy"] != 0 || tm.Triages[0].Score() != 0 {
			t.Errorf("%s: a missing triage scores %v", name, sc)
		}
	}
	// Alpha: on_miss trust −5, attention +10, reach +10 +3; then "wait":
	// trust −5, attention −5.
	if w := team(s, "Alpha").World; w["trust"] != 50 || w["attention"] != 15 || w["reach"] != 33 {
		t.Errorf("Alpha's world %v, want trust 50, attention 15, reach 33", w)
	}
	if w := team(s, "Bravo").World; w["trust"] != 55 || w["attention"] != 20 || w["reach"] != 33 {
		t.Errorf("Bravo's world %v, want trust 55, attention 20, reach 33", w)
	}
}

// Typed refusals: no feed open (no such decision, or after it closed), marks missing, unknown, repeated or of
// an unknown class or action, a second triage, an unknown team. A refused
// triage logs nothing.
func TestTriageRefusals(t *testing.T) {
	s, log, clock := startTriage(t, "Alpha")
	send := func(c Command) error { c.Kind, c.Team = CmdTriage, "Alpha"; return s.Send(c) }
	run(t, s, clock, time.Second)
	before := len(log.Events)
	for name, c := range map[string]struct {
		cmd  Command
		want error
	}{
		"no such decision":     {Command{Decision: "nope", Triage: mixed}, ErrNoTriage},
		"a mark missing":       {Command{Decision: "first", Triage: mixed[:4]}, ErrTriageIncomplete},
		"a post twice":         {Command{Decision: "first", Triage: append(slices.Clone(mixed[:4]), mixed[0])}, ErrTriageIncomplete},
		"an unknown post":      {Command{Decision: "first", Triage: append(slices.Clone(mixed[:4]), TriageMark{Post: "x", Class: "troll", Action: "ignore"})}, ErrTriageIncomplete},
		"an unknown class":     {Command{Decision: "first", Triage: append(slices.Clone(mixed[:4]), TriageMark{Post: "gossip", Class: "spam", Action: "ignore"})}, ErrTriageIncomplete},
		"an unknown action":    {Command{Decision: "first", Triage: append(slices.Clone(mixed[:4]), TriageMark{Post: "gossip", Class: "rumour", Action: "delete"})}, ErrTriageIncomplete},
		"no action":            {Command{Decision: "first", Triage: append(slices.Clone(mixed[:4]), TriageMark{Post: "gossip", Class: "rumour", Action: ""})}, ErrTriageIncomplete},
		"no order":             {Command{Decision: "first", Triage: unranked(mixed)}, ErrTriageOrder},
		"a place missing":      {Command{Decision: "first", Triage: reranked(mixed, "gossip", 0)}, ErrTriageOrder},
		"a place twice":        {Command{Decision: "first", Triage: reranked(mixed, "gossip", 2)}, ErrTriageOrder},
		"a place too far":      {Command{Decision: "first", Triage: reranked(mixed, "gossip", 5)}, ErrTriageOrder},
		"a place not answered": {Command{Decision: "first", Triage: reranked(mixed, "mum", 5)}, ErrTriageOrder},
	} {
		if err := send(c.cmd); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
	}
	if err := s.Send(Command{Kind: CmdTriage, Team: "Zulu", Decision: "first", Triage: mixed}); !errors.Is(err, ErrNoSuchTeam) {
		t.Errorf("an unknown team: %v", err)
	}
	if len(log.Events) != before {
		t.Errorf("refused triages logged %d events", len(log.Events)-before)
	}
	if err := send(Command{Decision: "first", Triage: mixed}); err != nil {
		t.Fatal(err)
	}
	if err := send(Command{Decision: "first", Triage: mixed}); !errors.Is(err, ErrAlreadyTriaged) {
		t.Errorf("a second triage: %v", err)
	}
	// "wait" keeps the team in the phase: the decision closed, the team plays on.
	if err := s.Send(Command{Kind: CmdChoose, Team: "Alpha", Decision: "first", Option: "wait"}); err != nil {
		t.Fatal(err)
	}
	if err := send(Command{Decision: "first", Triage: mixed}); !errors.Is(err, ErrNoTriage) {
		t.Errorf("after the decision closed: %v", err)
	}
	for _, r := range []*Refusal{ErrNoTriage, ErrAlreadyTriaged, ErrTriageIncomplete, ErrTriageOrder} {
		if RefusalFor(r.Code) != r {
			t.Errorf("refusal %q is not listed", r.Code)
		}
	}
}

// unranked is marks without places (as logged before the order existed).
func unranked(ms []TriageMark) []TriageMark {
	out := slices.Clone(ms)
	for i := range out {
		out[i].Rank = 0
	}
	return out
}

// reranked is marks with one post's place changed.
func reranked(ms []TriageMark, post string, rank int) []TriageMark {
	out := slices.Clone(ms)
	for i := range out {
		if out[i].Post == post {
			out[i].Rank = rank
		}
	}
	return out
}

// The key's order and the order's score by hand: the key answers the
// reporter, the parent, the wide rumour; a team that answers all three in
// that order keeps 3 pairs of 3, the reverse none, one swap 2 of 3 (and
// the pair the swap breaks is lost in both dimensions' weights).
func TestTriagePriorityByHand(t *testing.T) {
	sc := scenarioOf(t, "testdata/triage.yaml")
	var key []string
	for _, p := range sc.Decision("first").Triage.AnswerOrder() {
		key = append(key, p.ID)
	}
	if !slices.Equal(key, []string{"reporter", "mum", "video"}) {
		t.Fatalf("key order %v, want reporter (journalist, reach 50 000), mum (complaint, 300), video (rumour)", key)
	}
	right := func(order ...string) []TriageMark {
		ms := marks("mum", "complaint", "answer", "bots", "troll", "ignore", "gossip", "rumour", "monitor",
			"reporter", "journalist", "answer", "video", "rumour", "answer")
		for i := range ms {
			ms[i].Rank = slices.Index(order, ms[i].Post) + 1
		}
		return ms
	}
	for _, c := range []struct {
		order []string
		prio  float64
		score float64
	}{
		{[]string{"reporter", "mum", "video"}, 1, 100},
		// one swap: (reporter, mum) reversed, 2 of 3: (11 + 2) / 14 = 92.9
		{[]string{"mum", "reporter", "video"}, 2.0 / 3, 92.9},
		// the reverse: 0 of 3: 11 / 14 = 78.6
		{[]string{"video", "mum", "reporter"}, 0, 78.6},
	} {
		s, _, clock := startTriage(t, "Alpha")
		run(t, s, clock, time.Second)
		if err := s.Send(Command{Kind: CmdTriage, Team: "Alpha", Decision: "first", Triage: right(c.order...)}); err != nil {
			t.Fatal(err)
		}
		r := team(s, "Alpha").Triages[0]
		if pr, ok := r.Priority(); !ok || pr != c.prio || r.Score() != c.score {
			t.Errorf("order %v: priority %v (%v), score %v; want %v, %v", c.order, pr, ok, r.Score(), c.prio, c.score)
		}
	}
}

// A triage logged before the order existed (no ranks, no "ordered") folds
// and scores as it did: 7.25 of 11 = 65.9, transparency 96.4, empathy
// 12.5 (the values the triage's first version gave mixed). An old event
// with places but not ordered is a bad event.
func TestTriageOldEventWithoutOrder(t *testing.T) {
	s, log, clock := startTriage(t, "Alpha")
	run(t, s, clock, time.Second)
	if err := s.Send(Command{Kind: CmdTriage, Team: "Alpha", Decision: "first", Triage: mixed}); err != nil {
		t.Fatal(err)
	}
	events := slices.Clone(log.Events)
	i := slices.IndexFunc(events, func(e Event) bool { return e.Kind == KindTriaged })
	if !events[i].Ordered {
		t.Fatal("a triage sent now is not logged as ordered")
	}
	old := events[i]
	old.Ordered, old.Triage = false, unranked(old.Triage)
	events[i] = old
	st, err := Fold(events)
	if err != nil {
		t.Fatal(err)
	}
	r := st.Team("Alpha").Triages[0]
	if _, ok := r.Priority(); ok || r.Score() != 65.9 {
		t.Errorf("old triage: priority counts %v, score %v; want 65.9 without the order", ok, r.Score())
	}
	if sc := r.Scores(); sc["transparency"] != 96.4 || sc["empathy"] != 12.5 {
		t.Errorf("old triage scores %v, want transparency 96.4, empathy 12.5", sc)
	}
	old.Triage = mixed
	events[i] = old
	if _, err := Fold(events); !errors.Is(err, ErrLogBadEvent) {
		t.Errorf("places in a triage not ordered: %v, want a bad event", err)
	}
}

// The triage is an event: a fold of the log (a resume after kill -9)
// gives the same feed in the same order with the same texts, the same
// marks, scores and world, and a resumed session refuses a second triage.
func TestTriageSurvivesResume(t *testing.T) {
	s, log, clock := startTriage(t, "Alpha", "Bravo")
	run(t, s, clock, time.Second)
	if err := s.Send(Command{Kind: CmdTriage, Team: "Alpha", Decision: "first", Triage: mixed, Ref: "r1"}); err != nil {
		t.Fatal(err)
	}
	live := team(s, "Alpha")
	liveBravo := team(s, "Bravo")
	st, err := Fold(log.Events)
	if err != nil {
		t.Fatal(err)
	}
	folded := st.Team("Alpha")
	if len(folded.Triages) != 1 || !slices.Equal(folded.Triages[0].Marks, live.Triages[0].Marks) ||
		folded.Triages[0].Score() != live.Triages[0].Score() || folded.World["trust"] != live.World["trust"] {
		t.Errorf("fold: %+v, live %+v", folded.Triages, live.Triages)
	}
	// Bravo's feed, not triaged yet: the same order and texts.
	lf, ff := liveBravo.TriageOf("first"), st.Team("Bravo").TriageOf("first")
	if lf == nil || ff == nil || len(lf.Posts) != len(ff.Posts) {
		t.Fatalf("Bravo's feed: live %v, folded %v", lf, ff)
	}
	for i := range lf.Posts {
		if lf.Posts[i].ID != ff.Posts[i].ID || lf.Posts[i].Text.Get("en") != ff.Posts[i].Text.Get("en") {
			t.Errorf("post %d: live %s %q, folded %s %q", i, lf.Posts[i].ID, lf.Posts[i].Text.Get("en"), ff.Posts[i].ID, ff.Posts[i].Text.Get("en"))
		}
	}
	r, err := Resume(log.Events, &MemoryLog{}, nil, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Send(Command{Kind: CmdTriage, Team: "Alpha", Decision: "first", Triage: mixed}); !errors.Is(err, ErrAlreadyTriaged) {
		t.Errorf("a resumed session takes a second triage: %v", err)
	}
}

// The feed is shown shuffled (by the seed, the team and the visit), the
// same for a team on every fold; the file's order is not what every team
// sees.
func TestTriageOrderShuffled(t *testing.T) {
	names := []string{"A", "B", "C", "D", "E", "F"}
	s, _, clock := startTriage(t, names...)
	run(t, s, clock, time.Second)
	file := []string{"mum", "bots", "gossip", "reporter", "video"}
	same := 0
	for _, n := range names {
		tm := team(s, n)
		f := tm.TriageOf("first")
		var ids []string
		for _, p := range f.Posts {
			ids = append(ids, p.ID)
		}
		if slices.Equal(ids, file) {
			same++
		}
		sorted := slices.Sorted(slices.Values(ids))
		if !slices.Equal(sorted, slices.Sorted(slices.Values(file))) {
			t.Errorf("%s sees %v", n, ids)
		}
	}
	if same == len(names) {
		t.Error("every team sees the posts in the file's order")
	}
}

func scenarioOf(t *testing.T, path string) *scenario.Scenario {
	t.Helper()
	sc, probs, err := scenario.LoadFile(path)
	if err != nil || len(probs.Errors()) > 0 {
		t.Fatal(err, probs)
	}
	return sc
}

// The perfect and the worst triage stay bounds with the order: thousands
// of random triages (random classes and actions, the answers in a random
// order) of the test feed and of rumour-attack's feed (with an urgency in
// the file) score between the worst's and the perfect's, overall and in
// each dimension, as the analysis assumes.
func TestTriageBoundsWithTheOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct{ file, decision string }{{"testdata/triage.yaml", "first"}, {"../../scenarios/rumour-attack.yaml", "first-move"}} {
		d := scenarioOf(t, c.file).Decision(c.decision)
		runOf := func(ms []TriageMark) TriageRun {
			if err := checkRanks(ms, true); err != nil {
				t.Fatalf("%s: %v", c.file, err)
			}
			return TriageRun{Feed: TriageFeed{Decision: d, Posts: d.Triage.Posts}, Marks: ms, Ordered: true}
		}
		best, worst := runOf(PerfectTriage(d.Triage)), runOf(WorstTriage(d.Triage))
		if best.Score() != 100 {
			t.Errorf("%s: the perfect triage scores %v", c.file, best.Score())
		}
		for range 3000 {
			var ms []TriageMark
			for _, p := range d.Triage.Posts {
				ms = append(ms, TriageMark{Post: p.ID, Class: scenario.TriageClasses[rng.IntN(4)], Action: scenario.TriageActions[rng.IntN(3)]})
			}
			places := rng.Perm(len(ms))
			n := 0
			for _, i := range places {
				if ms[i].Action == scenario.ActionAnswer {
					n++
					ms[i].Rank = n
				}
			}
			r := runOf(ms)
			if r.Score() < worst.Score() || r.Score() > best.Score() {
				t.Fatalf("%s: %+v scores %v, outside [%v, %v]", c.file, ms, r.Score(), worst.Score(), best.Score())
			}
			for dim, v := range r.Scores() {
				if v < worst.Scores()[dim] || v > best.Scores()[dim] {
					t.Fatalf("%s: %+v scores %v in %s, outside [%v, %v]", c.file, ms, v, dim, worst.Scores()[dim], best.Scores()[dim])
				}
			}
		}
	}
}
