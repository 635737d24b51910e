// Package scoring turns a team's responses into scores from 0 to 100.
//
// Scoring v1 (documented for facilitators in docs/scoring.md):
//
//   - Speed, per decision: 100 when decided by the decision's target; from the
//     target to the deadline it falls linearly from 100 to 40; a decision that
//     timed out, or was still open when the team's exercise ended, scores 0.
//   - Transparency and empathy, per decision: the chosen option's author score
//     on the scale -3..+3, mapped linearly to 0..100 (-3 → 0, 0 → 50,
//     +3 → 100). A timeout uses its on_timeout scores, or -3 (silence is
//     neither transparent nor caring) where the author gave none. An option
//     with no score in a dimension is neutral evidence and is not counted in it.
//   - Each dimension is the mean over the decisions that gave evidence for it.
//   - Overall is the weighted mean of the dimensions that have evidence:
//     speed 30 %, transparency 35 %, empathy 35 %.
package scoring

import (
	"math"
	"time"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Dimension names as they appear in reports and result.json.
const (
	Speed        = "speed"
	Transparency = "transparency"
	Empathy      = "empathy"
	Overall      = "overall"
)

// Weights of the overall score.
var Weights = map[string]float64{Speed: 0.30, Transparency: 0.35, Empathy: 0.35}

// SlowestSpeedScore is the speed score of a decision taken at its deadline.
const SlowestSpeedScore = 40.0

// Response is one decision as the team met it.
type Response struct {
	Decision *scenario.Decision
	Option   *scenario.Option // nil when the decision timed out or stayed open
	TimedOut bool
	Open     bool          // still open when the team's play ended
	Took     time.Duration // from opening to the choice
}

// Scores are a team's scores, each 0–100; Has tells which dimensions had evidence.
type Scores struct {
	Speed, Transparency, Empathy, Overall float64
	Has                                   map[string]bool
}

// SpeedScore scores one response time against a decision's window.
func SpeedScore(d *scenario.Decision, took time.Duration) float64 {
	if took <= d.Target {
		return 100
	}
	if took >= d.Deadline || d.Deadline <= d.Target {
		if took == d.Deadline {
			return SlowestSpeedScore
		}
		return 0
	}
	frac := float64(took-d.Target) / float64(d.Deadline-d.Target)
	return 100 - frac*(100-SlowestSpeedScore)
}

// AuthorScore maps an author score in [-3, 3] to 0–100.
func AuthorScore(v int) float64 {
	return float64(v-scenario.MinScore) / float64(scenario.MaxScore-scenario.MinScore) * 100
}

// Decision returns the per-dimension scores of one response; a missing key
// means the response gave no evidence for that dimension.
func Decision(r Response) map[string]float64 {
	out := map[string]float64{}
	switch {
	case r.Option != nil:
		out[Speed] = SpeedScore(r.Decision, r.Took)
		for _, dim := range scenario.AuthoredDimensions {
			if v, ok := r.Option.Scores[dim]; ok {
				out[dim] = AuthorScore(v)
			}
		}
	case r.TimedOut:
		out[Speed] = 0
		for _, dim := range scenario.AuthoredDimensions {
			v := scenario.MinScore
			if r.Decision.OnTimeout != nil {
				if s, ok := r.Decision.OnTimeout.Scores[dim]; ok {
					v = s
				}
			}
			out[dim] = AuthorScore(v)
		}
	case r.Open:
		out[Speed] = 0
	}
	return out
}

// Team scores a team's responses.
func Team(responses []Response) Scores {
	sum := map[string]float64{}
	n := map[string]int{}
	for _, r := range responses {
		for dim, v := range Decision(r) {
			sum[dim] += v
			n[dim]++
		}
	}
	s := Scores{Has: map[string]bool{}}
	mean := func(dim string) float64 {
		if n[dim] == 0 {
			return 0
		}
		s.Has[dim] = true
		return round1(sum[dim] / float64(n[dim]))
	}
	s.Speed, s.Transparency, s.Empathy = mean(Speed), mean(Transparency), mean(Empathy)
	var wsum, w float64
	// A fixed order keeps the floating-point sum, and so the result, reproducible.
	for _, dim := range []string{Speed, Transparency, Empathy} {
		score := map[string]float64{Speed: s.Speed, Transparency: s.Transparency, Empathy: s.Empathy}[dim]
		if s.Has[dim] {
			wsum += Weights[dim] * score
			w += Weights[dim]
		}
	}
	if w > 0 {
		s.Overall = round1(wsum / w)
		s.Has[Overall] = true
	}
	return s
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }
