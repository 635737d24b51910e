// Package scoring turns a team's responses into scores from 0 to 100.
//
// Scoring v2 (documented for facilitators, with its sources, in
// docs/scoring.md):
//
//   - Speed, per decision: 100 when decided by the decision's target; from the
//     target to the deadline it falls linearly from 100 to 40; a decision that
//     timed out or was missed scores 0, and so does an answer that denies or
//     shifts blame (a fast denial is not timeliness). The team's first public
//     answer weighs FirstWordWeight times as much as any other.
//   - Transparency and empathy, per decision: the chosen option's author score
//     on the scale -3..+3, mapped linearly to 0..100 (-3 → 0, 0 → 50,
//     +3 → 100). A timeout or a missed decision uses its on_timeout scores, or
//     -3 (silence is neither transparent nor caring) where the author gave
//     none. An option with no score in a dimension is neutral evidence and is
//     not counted in it.
//   - A decision that asks for a written statement: when the team wrote one,
//     the rubric's transparency and empathy (internal/rubric) are averaged
//     with the chosen option's; without text only the option counts. A
//     statement that contradicts the chosen option's stance loses ClashCost
//     points in each.
//   - Each dimension is the mean over the decisions that gave evidence for it.
//   - Consistency: 100 minus 25 for each pair of contradicting claims the
//     team made in public and for each public choice that made a claim the
//     story shows to be false (floored at 0); evidence once the team has made
//     a claim.
//   - Follow-up: after the team's first public word, the share of the
//     scenario's update windows with a public update, averaged with the share
//     of promises kept when the team made any; 0 for a team that never spoke
//     in public.
//   - A customer case (an individual affected customer the team handles
//     with a remedy and a personal reply) gives one piece of evidence for
//     speed and one for empathy, as a decision does: speed 100 when it was
//     handled by its deadline, else 0; empathy the mean of the remedy's fit
//     (good 100, partial 50, poor 0) and the reply's empathy as the rubric
//     judges it. A case whose deadline passed unanswered scores 0 in both
//     (answered late, its empathy counts). A case still waiting within its
//     deadline gives no evidence.
//   - Overall is the weighted mean of the dimensions that have evidence; the
//     five qualities weigh the same unless the scenario says otherwise.
//   - The facilitator may override any dimension (and the overall); an
//     override of a dimension also changes the overall unless the overall
//     itself is overridden.
package scoring

import (
	"math"
	"slices"
	"time"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Dimension names as they appear in reports and result.json.
const (
	Speed        = "speed"
	Transparency = "transparency"
	Empathy      = "empathy"
	Consistency  = "consistency"
	FollowUp     = "follow-up"
	Overall      = "overall"
)

// Dimensions in report order.
var Dimensions = []string{Speed, Transparency, Empathy, Consistency, FollowUp}

// DefaultWeights of the overall score: the five qualities the source
// material names weigh the same (relative; normalised over the dimensions
// that have evidence). A scenario may declare its own.
var DefaultWeights = map[string]float64{Speed: 1, Transparency: 1, Empathy: 1, Consistency: 1, FollowUp: 1}

// ContradictionCost is what each contradicting pair, and each public choice
// making a false claim, costs consistency.
const ContradictionCost = 25.0

// FirstWordWeight is how much more the speed of the team's first public
// answer counts than any other answer's (the seeds' 24-hour expectation).
const FirstWordWeight = 3.0

// ClashCost is what a written statement that contradicts the chosen
// option's stance loses in transparency and in empathy.
const ClashCost = 40.0

// SlowestSpeedScore is the speed score of a decision taken at its deadline.
const SlowestSpeedScore = 40.0

// Response is one decision as the team met it.
type Response struct {
	Decision *scenario.Decision
	Option   *scenario.Option // nil when the decision timed out or was missed
	TimedOut bool
	// Missed is a decision the team left open when it moved on, or that was
	// still open when its time ran out: it counts like a timeout.
	Missed bool
	Took   time.Duration // from opening to the choice
	// FirstWord marks the team's first public answer.
	FirstWord bool
	// Statement holds the rubric's scores of the written statement sent with
	// the choice (by dimension), when the decision asked for one and the
	// team wrote something.
	Statement map[string]float64
	// Clash is set when the statement contradicts the option's stance.
	Clash bool
}

// Scores are a team's scores, each 0–100; Has tells which dimensions had evidence.
type Scores struct {
	Speed, Transparency, Empathy, Consistency, FollowUp, Overall float64
	Has                                                          map[string]bool
	weights                                                      map[string]float64 // of the overall; nil: DefaultWeights
}

// Get returns a dimension's score by name.
func (s Scores) Get(dim string) float64 {
	switch dim {
	case Speed:
		return s.Speed
	case Transparency:
		return s.Transparency
	case Empathy:
		return s.Empathy
	case Consistency:
		return s.Consistency
	case FollowUp:
		return s.FollowUp
	case Overall:
		return s.Overall
	}
	return 0
}

func (s *Scores) set(dim string, v float64) {
	switch dim {
	case Speed:
		s.Speed = v
	case Transparency:
		s.Transparency = v
	case Empathy:
		s.Empathy = v
	case Consistency:
		s.Consistency = v
	case FollowUp:
		s.FollowUp = v
	case Overall:
		s.Overall = v
	}
}

// Evidence is everything a team's score is computed from.
type Evidence struct {
	Responses      []Response
	Claims         int // public claims made
	Contradictions int // pairs of contradicting claims
	FalseClaims    int // public choices that made a claim the story shows false
	Kept, Missed   int // promises to update the public
	// Spoke is true once the team has given a public update (a public
	// answer that is not a denial or blame); Windows counts the scenario's
	// update windows since its first update and Covered those with another.
	Spoke            bool
	Windows, Covered int
	// Weights of the overall by dimension; nil means DefaultWeights.
	Weights map[string]float64
	// Cases are the customer cases that reached the team.
	Cases []Case
	// Extra are other scored items by dimension (a decision's
	// social-listening triage): each counts as one decision does in the
	// dimensions it has.
	Extra []map[string]float64
}

// Case is a customer case as the team met it.
type Case struct {
	Handled bool // a remedy was chosen and a reply sent
	Missed  bool // its deadline passed unanswered
	InTime  bool // handled by its deadline
	// Fit is the remedy's fit on 0–100 (scenario.FitScore), ReplyEmpathy
	// the rubric's empathy of the reply; both read when Handled.
	Fit, ReplyEmpathy float64
}

// CaseScores returns the per-dimension scores of one case; a missing key
// means the case gave no evidence for that dimension (yet).
func CaseScores(c Case) map[string]float64 {
	v, ok := caseScores(c)
	if !ok {
		return nil
	}
	return map[string]float64{Speed: v[0], Empathy: v[1]}
}

// caseScores is CaseScores as speed and empathy; false: no evidence yet.
func caseScores(c Case) ([2]float64, bool) {
	switch {
	case c.Handled:
		speed := 0.0
		if c.InTime {
			speed = 100
		}
		return [2]float64{speed, (c.Fit + c.ReplyEmpathy) / 2}, true
	case c.Missed:
		return [2]float64{0, 0}, true
	}
	return [2]float64{}, false
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
	v, has := decisionScores(r)
	out := make(map[string]float64, nAnswered)
	for i, dim := range Dimensions[:nAnswered] {
		if has[i] {
			out[dim] = v[i]
		}
	}
	return out
}

// The answers' dimensions by their index in Dimensions: decisionScores
// and TeamEvidence sum by index, not by name.
const (
	iSpeed = iota
	iTransparency
	iEmpathy
	nAnswered // how many dimensions an answer scores
)

// decisionScores is Decision by index (iSpeed, iTransparency, iEmpathy):
// TeamEvidence runs for every play the analysis searches, and a map per
// answer cost more than the scoring.
func decisionScores(r Response) (v [nAnswered]float64, has [nAnswered]bool) {
	switch {
	case r.Option != nil:
		v[iSpeed], has[iSpeed] = SpeedScore(r.Decision, r.Took), true
		if r.Option.Evasive() {
			v[iSpeed] = 0 // a fast denial is not timeliness
		}
		for j, dim := range scenario.AuthoredDimensions {
			author, hasAuthor := r.Option.Scores[dim]
			st, hasStatement := r.Statement[dim]
			if hasStatement && r.Clash {
				st = max(0, st-ClashCost)
			}
			i := authoredIndex[j]
			switch {
			case hasAuthor && hasStatement:
				// What the team chose and what it wrote weigh the same.
				v[i], has[i] = (AuthorScore(author)+st)/2, true
			case hasAuthor:
				v[i], has[i] = AuthorScore(author), true
			case hasStatement:
				v[i], has[i] = st, true
			}
		}
	case r.TimedOut || r.Missed:
		has[iSpeed] = true
		for j, dim := range scenario.AuthoredDimensions {
			s := scenario.MinScore
			if r.Decision.OnTimeout != nil {
				if o, ok := r.Decision.OnTimeout.Scores[dim]; ok {
					s = o
				}
			}
			i := authoredIndex[j]
			v[i], has[i] = AuthorScore(s), true
		}
	}
	return v, has
}

// authoredIndex is, for each of scenario.AuthoredDimensions, its index in
// Dimensions.
var authoredIndex = func() []int {
	if !slices.Equal(Dimensions[:nAnswered], []string{Speed, Transparency, Empathy}) {
		panic("scoring: Dimensions no longer start with speed, transparency, empathy (iSpeed…)")
	}
	out := make([]int, len(scenario.AuthoredDimensions))
	for j, dim := range scenario.AuthoredDimensions {
		i := slices.Index(Dimensions, dim)
		if i != iTransparency && i != iEmpathy {
			panic("scoring: an authored dimension that is not transparency or empathy: " + dim)
		}
		out[j] = i
	}
	return out
}()

// SpeedWeight is how much a response's speed counts in the team's speed.
func SpeedWeight(r Response) float64 {
	if r.FirstWord {
		return FirstWordWeight
	}
	return 1
}

// Team scores a team's responses alone.
func Team(responses []Response) Scores { return TeamEvidence(Evidence{Responses: responses}) }

// TeamEvidence scores a team.
func TeamEvidence(ev Evidence) Scores {
	responses := ev.Responses
	// By index in Dimensions; each adds in the order of the evidence, as
	// the sums always have (the result is reproducible to the bit).
	var sum, n [nAnswered]float64
	for _, r := range responses {
		v, has := decisionScores(r)
		for i := range v {
			if !has[i] {
				continue
			}
			w := 1.0
			if i == iSpeed {
				w = SpeedWeight(r)
			}
			sum[i] += w * v[i]
			n[i] += w
		}
	}
	for _, c := range ev.Cases {
		if v, ok := caseScores(c); ok { // speed, then empathy
			sum[iSpeed] += v[0]
			n[iSpeed]++
			sum[iEmpathy] += v[1]
			n[iEmpathy]++
		}
	}
	for _, x := range ev.Extra {
		for i, dim := range Dimensions[:nAnswered] {
			if v, ok := x[dim]; ok {
				sum[i] += v
				n[i]++
			}
		}
	}
	s := Scores{Has: make(map[string]bool, 6), weights: ev.Weights}
	mean := func(i int) float64 {
		if n[i] == 0 {
			return 0
		}
		s.Has[Dimensions[i]] = true
		return round1(sum[i] / n[i])
	}
	s.Speed, s.Transparency, s.Empathy = mean(iSpeed), mean(iTransparency), mean(iEmpathy)
	if ev.Claims > 0 {
		s.Consistency = max(0, 100-ContradictionCost*float64(ev.Contradictions+ev.FalseClaims))
		s.Has[Consistency] = true
	}
	switch {
	case ev.Spoke:
		var parts []float64
		if ev.Windows > 0 {
			parts = append(parts, 100*float64(ev.Covered)/float64(ev.Windows))
		}
		if ev.Kept+ev.Missed > 0 {
			parts = append(parts, 100*float64(ev.Kept)/float64(ev.Kept+ev.Missed))
		}
		s.FollowUp = 100 // nothing was due yet
		if len(parts) > 0 {
			total := 0.0
			for _, p := range parts {
				total += p
			}
			s.FollowUp = round1(total / float64(len(parts)))
		}
		s.Has[FollowUp] = true
	case len(responses) > 0:
		// A team that never spoke in public, or only denied or blamed,
		// delivered no update at all.
		s.FollowUp = 0
		s.Has[FollowUp] = true
	}
	s.overall()
	return s
}

// Weight is a dimension's relative weight in the overall under weights (nil:
// DefaultWeights).
func Weight(weights map[string]float64, dim string) float64 {
	if weights == nil {
		return DefaultWeights[dim]
	}
	return weights[dim]
}

func (s *Scores) overall() {
	var wsum, w float64
	// A fixed order keeps the floating-point sum, and so the result, reproducible.
	for _, dim := range Dimensions {
		if s.Has[dim] {
			wsum += Weight(s.weights, dim) * s.Get(dim)
			w += Weight(s.weights, dim)
		}
	}
	if w > 0 {
		s.Overall = round1(wsum / w)
		s.Has[Overall] = true
	}
}

// Override applies the facilitator's scores: overridden dimensions take the
// given value (and count as evidence); the overall is recomputed unless it
// is overridden too.
func Override(s Scores, by map[string]float64) Scores {
	out := s
	out.Has = make(map[string]bool, len(s.Has))
	for k, v := range s.Has {
		out.Has[k] = v
	}
	for _, dim := range Dimensions {
		if v, ok := by[dim]; ok {
			out.set(dim, min(100, max(0, v)))
			out.Has[dim] = true
		}
	}
	out.overall()
	if v, ok := by[Overall]; ok {
		out.Overall = min(100, max(0, v))
		out.Has[Overall] = true
	}
	return out
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }
