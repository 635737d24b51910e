package scoring

import (
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

func decision() *scenario.Decision {
	return &scenario.Decision{ID: "d", Target: 5 * time.Minute, Deadline: 15 * time.Minute}
}

func TestSpeedScore(t *testing.T) {
	d := decision()
	cases := []struct {
		took time.Duration
		want float64
	}{
		{0, 100},
		{5 * time.Minute, 100},            // at the target: full marks
		{10 * time.Minute, 70},            // half-way from target to deadline: 100 − 0.5 × 60
		{15 * time.Minute, 40},            // at the deadline: the slowest mark
		{15*time.Minute + time.Second, 0}, // past the deadline: nothing
	}
	for _, c := range cases {
		if got := SpeedScore(d, c.took); got != c.want {
			t.Errorf("SpeedScore(took %s) = %g, want %g", c.took, got, c.want)
		}
	}
}

func TestAuthorScore(t *testing.T) {
	for in, want := range map[int]float64{-3: 0, 0: 50, 3: 100} {
		if got := AuthorScore(in); got != want {
			t.Errorf("AuthorScore(%d) = %g, want %g", in, got, want)
		}
	}
}

func TestTeam(t *testing.T) {
	d := decision()
	honest := &scenario.Option{ID: "h", Public: true, Scores: map[string]int{"transparency": 3, "empathy": 0}}
	quiet := &scenario.Option{ID: "q"} // no author scores: neutral, not counted
	withTimeoutScores := decision()
	withTimeoutScores.OnTimeout = &scenario.Outcome{Scores: map[string]int{"transparency": 0}}

	// Evidence without a public word: follow-up is 0 whenever the team met a
	// decision, so each overall below averages it in with equal weight.
	cases := []struct {
		name                              string
		responses                         []Response
		speed, transparency, empathy, all float64
		hasTransparency                   bool
	}{
		{"no decisions", nil, 0, 0, 0, 0, false},
		{"one honest, fast", []Response{{Decision: d, Option: honest, Took: time.Minute}}, 100, 100, 50, (100 + 100 + 50 + 0) / 4.0, true},
		{"silence scores worst", []Response{{Decision: d, TimedOut: true}}, 0, 0, 0, 0, true},
		{"timeout scores from the scenario", []Response{{Decision: withTimeoutScores, TimedOut: true}}, 0, 50, 0, (0 + 50 + 0 + 0) / 4.0, true},
		{"unscored option counts for speed only", []Response{{Decision: d, Option: quiet, Took: 10 * time.Minute}}, 70, 0, 0, (70 + 0) / 2.0, false},
		{"missed counts like a timeout", []Response{{Decision: withTimeoutScores, Missed: true}}, 0, 50, 0, (0 + 50 + 0 + 0) / 4.0, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Team(c.responses)
			if s.Speed != c.speed || s.Transparency != c.transparency || s.Empathy != c.empathy || s.Overall != round1(c.all) {
				t.Errorf("got speed %g transparency %g empathy %g overall %g; want %g %g %g %g",
					s.Speed, s.Transparency, s.Empathy, s.Overall, c.speed, c.transparency, c.empathy, round1(c.all))
			}
			if s.Has[Transparency] != c.hasTransparency {
				t.Errorf("Has[transparency] = %v, want %v", s.Has[Transparency], c.hasTransparency)
			}
		})
	}
}

// TestSpeedIsEarnedByUsefulWords: a denial or blame earns no speed however
// fast, and the first public word weighs three times any other answer.
func TestSpeedIsEarnedByUsefulWords(t *testing.T) {
	d := decision()
	deny := &scenario.Option{ID: "deny", Public: true, Stance: scenario.StanceDeny}
	blame := &scenario.Option{ID: "blame", Public: true, Stance: scenario.StanceBlame}
	hold := &scenario.Option{ID: "hold", Public: true, Stance: scenario.StanceHold}
	for _, o := range []*scenario.Option{deny, blame} {
		if got := Decision(Response{Decision: d, Option: o, Took: 0})[Speed]; got != 0 {
			t.Errorf("%s at 0:00 earns speed %g, want 0", o.ID, got)
		}
	}
	if got := Decision(Response{Decision: d, Option: hold, Took: 0})[Speed]; got != 100 {
		t.Errorf("a holding statement at 0:00 earns speed %g, want 100", got)
	}
	// First word fast (100, weight 3), a later answer at the deadline (40).
	s := TeamEvidence(Evidence{Responses: []Response{
		{Decision: d, Option: hold, Took: 0, FirstWord: true},
		{Decision: d, Option: hold, Took: 15 * time.Minute},
	}, Spoke: true})
	if want := (3*100 + 40) / 4.0; s.Speed != want {
		t.Errorf("speed %g, want %g (the first word weighs 3)", s.Speed, want)
	}
	// The other way round: a slow first word costs more than a slow later one.
	s = TeamEvidence(Evidence{Responses: []Response{
		{Decision: d, Option: hold, Took: 15 * time.Minute, FirstWord: true},
		{Decision: d, Option: hold, Took: 0},
	}, Spoke: true})
	if want := (3*40 + 100) / 4.0; s.Speed != want {
		t.Errorf("speed %g, want %g", s.Speed, want)
	}
}

// TestStatementClashCosts: a statement contradicting the option's stance
// loses ClashCost in each dimension it informs.
func TestStatementClashCosts(t *testing.T) {
	d := decision()
	o := &scenario.Option{ID: "o", Public: true, Stance: scenario.StanceAcknowledge, Scores: map[string]int{"transparency": 3, "empathy": 3}}
	st := map[string]float64{Transparency: 80, Empathy: 30}
	plain := Decision(Response{Decision: d, Option: o, Statement: st})
	clash := Decision(Response{Decision: d, Option: o, Statement: st, Clash: true})
	if plain[Transparency] != 90 || plain[Empathy] != 65 {
		t.Fatalf("without a clash: %v, want transparency (100+80)/2, empathy (100+30)/2", plain)
	}
	if clash[Transparency] != 70 || clash[Empathy] != 50 {
		t.Fatalf("with a clash: %v, want transparency (100+40)/2, empathy (100+0)/2 (floored)", clash)
	}
}

// TestConsistencyAndFollowUp: false claims cost like contradictions, every
// time; follow-up counts update windows and promises; a team that never
// spoke in public scores 0, not "no evidence".
func TestConsistencyAndFollowUp(t *testing.T) {
	d := decision()
	internal := &scenario.Option{ID: "brief", Public: false}
	cases := []struct {
		name                   string
		ev                     Evidence
		consistency, followUp  float64
		hasConsistency, hasFUp bool
	}{
		{"sustained denial of the truth", Evidence{Claims: 3, FalseClaims: 3, Spoke: true}, 25, 100, true, true},
		{"a contradiction and a false claim", Evidence{Claims: 2, Contradictions: 1, FalseClaims: 1, Spoke: true}, 50, 100, true, true},
		{"truthful", Evidence{Claims: 2, Spoke: true, Windows: 4, Covered: 4}, 100, 100, true, true},
		{"went quiet after the first word", Evidence{Claims: 1, Spoke: true, Windows: 4, Covered: 1}, 100, 25, true, true},
		{"windows and promises average", Evidence{Spoke: true, Windows: 4, Covered: 1, Kept: 1, Missed: 1}, 0, 37.5, false, true},
		{"never spoke in public", Evidence{Responses: []Response{{Decision: d, Option: internal}}}, 0, 0, false, true},
		{"nothing met yet", Evidence{}, 0, 0, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := TeamEvidence(c.ev)
			if s.Consistency != c.consistency || s.Has[Consistency] != c.hasConsistency {
				t.Errorf("consistency %g (evidence %v), want %g (%v)", s.Consistency, s.Has[Consistency], c.consistency, c.hasConsistency)
			}
			if s.FollowUp != c.followUp || s.Has[FollowUp] != c.hasFUp {
				t.Errorf("follow-up %g (evidence %v), want %g (%v)", s.FollowUp, s.Has[FollowUp], c.followUp, c.hasFUp)
			}
		})
	}
}

// TestWeights: the five qualities weigh the same by default; a scenario's
// weights replace them, and a quality it leaves out does not count.
func TestWeights(t *testing.T) {
	d := decision()
	o := &scenario.Option{ID: "o", Public: true, Scores: map[string]int{"transparency": 3, "empathy": -3}}
	ev := Evidence{Responses: []Response{{Decision: d, Option: o, Took: 0, FirstWord: true}}, Claims: 1, Contradictions: 2, Spoke: true}
	// speed 100, transparency 100, empathy 0, consistency 50, follow-up 100
	if s := TeamEvidence(ev); s.Overall != 70 {
		t.Errorf("equal weights: overall %g, want (100+100+0+50+100)/5 = 70", s.Overall)
	}
	ev.Weights = map[string]float64{Transparency: 2, Empathy: 2, Consistency: 1}
	if s := TeamEvidence(ev); s.Overall != 50 {
		t.Errorf("scenario weights: overall %g, want (2×100+2×0+1×50)/5 = 50", s.Overall)
	}
	over := Override(TeamEvidence(ev), map[string]float64{Empathy: 100})
	if over.Overall != 90 {
		t.Errorf("an override keeps the scenario's weights: overall %g, want (200+200+50)/5 = 90", over.Overall)
	}
}
