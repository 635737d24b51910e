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
	honest := &scenario.Option{ID: "h", Scores: map[string]int{"transparency": 3, "empathy": 0}}
	quiet := &scenario.Option{ID: "q"} // no author scores: neutral, not counted
	withTimeoutScores := decision()
	withTimeoutScores.OnTimeout = &scenario.Outcome{Scores: map[string]int{"transparency": 0}}

	cases := []struct {
		name                              string
		responses                         []Response
		speed, transparency, empathy, all float64
		hasTransparency                   bool
	}{
		{"no decisions", nil, 0, 0, 0, 0, false},
		{"one honest, fast", []Response{{Decision: d, Option: honest, Took: time.Minute}}, 100, 100, 50, 0.3*100 + 0.35*100 + 0.35*50, true},
		{"silence scores worst", []Response{{Decision: d, TimedOut: true}}, 0, 0, 0, 0, true},
		{"timeout scores from the scenario", []Response{{Decision: withTimeoutScores, TimedOut: true}}, 0, 50, 0, round1((0.35 * 50) / 1.0), true},
		{"unscored option counts for speed only", []Response{{Decision: d, Option: quiet, Took: 10 * time.Minute}}, 70, 0, 0, 70, false},
		{"open at the end", []Response{{Decision: d, Open: true}}, 0, 0, 0, 0, false},
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
