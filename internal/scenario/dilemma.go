package scenario

import "unicode/utf8"

// A decision is a dilemma when every option costs something the team cares
// about. These checks compare options the way a team weighing them would:
// on the author scores, on whether the answer earns speed (a denial or blame
// does not), on the false claims it makes, and on every declared stake.

// axes are an option's values on the axes a dilemma is weighed on, each
// oriented so that more is better.
func (s *Scenario) axes(o *Option) []float64 {
	v := []float64{float64(o.Scores["transparency"]), float64(o.Scores["empathy"])}
	speed := 1.0
	if o.Evasive() {
		speed = 0
	}
	v = append(v, speed)
	falseClaims := 0.0
	for _, c := range o.Claims {
		if s.FalseClaim(c) != nil {
			falseClaims--
		}
	}
	v = append(v, falseClaims)
	for _, w := range s.World {
		if w.Stake == "" {
			continue
		}
		d := o.Effects[w.ID].Delta // an expression counts as 0 here
		if w.Stake == StakeLower {
			d = -d
		}
		v = append(v, d)
	}
	return v
}

// Dominant returns the option that is at least as good as every other option
// of the decision on every axis and better than each on at least one, or nil
// when the decision is a real dilemma.
func (s *Scenario) Dominant(d *Decision) *Option {
	if len(d.Options) < 2 {
		return nil
	}
	vals := make([][]float64, len(d.Options))
	for i, o := range d.Options {
		vals[i] = s.axes(o)
	}
outer:
	for i, o := range d.Options {
		for j := range d.Options {
			if i == j {
				continue
			}
			better := false
			for k := range vals[i] {
				if vals[i][k] < vals[j][k] {
					continue outer
				}
				if vals[i][k] > vals[j][k] {
					better = true
				}
			}
			if !better {
				continue outer
			}
		}
		return o
	}
	return nil
}

// OpenScore is an option's transparency plus empathy.
func OpenScore(o *Option) int { return o.Scores["transparency"] + o.Scores["empathy"] }

// TextLength is the length of an option's text in a language, in characters.
func TextLength(o *Option, lang string) int { return utf8.RuneCountInString(o.Text.Get(lang)) }

// checkDilemmas warns about decisions that are no dilemma, and about a
// scenario whose best-scoring options are also its longest: a cue teams learn.
func (l *loader) checkDilemmas(s *Scenario) {
	total := 0
	longestBest := map[string]int{}
	for _, p := range s.Phases {
		for _, d := range p.Decisions {
			if len(d.Options) < 2 {
				continue
			}
			total++
			scored := false
			for _, o := range d.Options {
				scored = scored || len(o.Scores) > 0
			}
			if o := s.Dominant(d); o != nil && scored {
				l.add(d.Pos, SevWarning, "no-dilemma: option %q of decision %q is at least as good as every other option on transparency, empathy, speed, false claims and every stake, and better on one; give it a real cost (a stake it hurts) or the others a real gain", o.ID, d.ID)
			}
			best := d.Options[0]
			for _, o := range d.Options[1:] {
				if OpenScore(o) > OpenScore(best) {
					best = o
				}
			}
			for _, lang := range s.Languages {
				longest := true
				for _, o := range d.Options {
					if o != best && TextLength(o, lang) >= TextLength(best, lang) {
						longest = false
					}
				}
				if longest {
					longestBest[lang]++
				}
			}
		}
	}
	for _, lang := range s.Languages {
		if n := longestBest[lang]; total >= 3 && 2*n > total {
			l.add(Pos{1, 1}, SevWarning, "longest-best: in %d of %d decisions the option with the best transparency + empathy is also the longest in %q; teams learn to pick the longest text, so make the options of a decision comparable in length", n, total, lang)
		}
	}
}
