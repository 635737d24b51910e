package rubric

import (
	"testing"

	"github.com/firebreak-drills/firebreak/internal/library"
)

// The built-in scenarios' options are written statements of a kind, with
// the author's transparency and empathy scores. Where a decision asks for a
// statement and its worst option denies or shifts blame (stance deny or
// blame), the rubric should mostly agree with the author that it is worse
// than the best option. Since the dilemmas rewrite (issue 10) the other
// options of a decision are deliberately alike in length and tone and differ
// in what they cost (legal exposure, cash, being right), which no word list
// judges (see "Limits" in docs/rubric.md), so they are not compared here.
func TestBuiltinOptionsAgreeWithAuthors(t *testing.T) {
	list, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	n, agree := 0, 0
	for _, e := range list {
		for _, p := range e.Scenario.Phases {
			for _, d := range p.Decisions {
				if d.Statement == nil || len(d.Options) < 2 {
					continue
				}
				for _, lang := range []string{"en", "zh"} {
					var facts []Fact
					for _, id := range d.Statement.RequiredFacts {
						for _, f := range e.Scenario.Facts {
							if f.ID == id {
								facts = append(facts, NewFact(f.ID, f.Label, f.Match, lang))
							}
						}
					}
					best, worst := -100, 100
					var bestScore, worstScore float64
					evasive := false
					for _, o := range d.Options {
						a := o.Scores["transparency"] + o.Scores["empathy"]
						r := Judge(o.Text.Get(lang), Context{Lang: lang, Facts: facts})
						if a > best {
							best, bestScore = a, r.Overall
						}
						if a < worst {
							worst, worstScore, evasive = a, r.Overall, o.Evasive()
						}
					}
					if best == worst || !evasive {
						continue
					}
					n++
					if bestScore > worstScore {
						agree++
					} else {
						t.Logf("%s/%s (%s): the author's best option scores %v, the worst %v", e.ID, d.ID, lang, bestScore, worstScore)
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no built-in decision asks for a statement")
	}
	t.Logf("the rubric agrees with the authors on %d of %d decisions", agree, n)
	if float64(agree) < 0.9*float64(n) {
		t.Errorf("the rubric agrees with the authors on only %d of %d decisions", agree, n)
	}
}
