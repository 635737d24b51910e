package scenario_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// casesBlock is the probe scenario's cases section (probeBase), which the
// tests below change.
func casesBlock(t testing.TB) (before, block, after string) {
	t.Helper()
	start := strings.Index(probeBase, "cases:\n")
	if start < 0 {
		t.Fatal("probeBase has no cases")
	}
	rest := probeBase[start:]
	// The block runs to the next top-level key or the end.
	stop := len(rest)
	for i, line := range strings.SplitAfter(rest, "\n") {
		if i > 0 && line != "" && line[0] != ' ' {
			stop = strings.Index(rest, line)
			break
		}
	}
	return probeBase[:start], rest[:stop], rest[stop:]
}

// A case loads with everything the format says: the schedule, the
// deadline, the bilingual texts, the remedies with their fit and reason,
// the reply's judging (customer-email by default) and the escalation.
func TestCaseLoads(t *testing.T) {
	s, probs := scenario.Parse("probe.yaml", []byte(probeBase))
	if len(probs.Errors()) > 0 {
		t.Fatal(probs)
	}
	c := s.Case("traveller")
	if c == nil {
		t.Fatal("no case traveller")
	}
	if c.Phase != "start" || c.After != time.Minute || c.Deadline != 5*time.Minute || c.Name.Get("zh") != "陈浩" ||
		c.Segment.Get("en") != "Business traveller" || c.Message.Get("en") != "I must arrive by nine." {
		t.Errorf("case %+v", c)
	}
	if len(c.Remedies) != 2 || c.Remedy("seat").Fit != scenario.FitGood || c.Remedy("room").Fit != scenario.FitPoor ||
		c.Remedy("room").Reason.Get("zh") != "用不上。" {
		t.Errorf("remedies %+v", c.Remedies)
	}
	if c.Reply.Kind != "customer-email" || len(c.Reply.RequiredFacts) != 1 || c.Reply.Hazard != "open" {
		t.Errorf("reply %+v", c.Reply)
	}
	if c.Escalate["attention"].Delta != 5 {
		t.Errorf("escalate %+v", c.Escalate)
	}
	if scenario.FitScore(scenario.FitGood) != 100 || scenario.FitScore(scenario.FitPartial) != 50 || scenario.FitScore(scenario.FitPoor) != 0 {
		t.Error("fit scores")
	}
}

// Lint finds what is wrong with a case: references that do not exist, a
// case without a good remedy, a missing language, a remedy of no known
// fit, too few remedies, a deadline out of bounds; and warns when every
// remedy fits or when the good one is the longest label (the dilemma
// policies of decisions, applied to remedies).
func TestCaseFindings(t *testing.T) {
	before, block, after := casesBlock(t)
	for _, c := range []struct {
		name, old, new, want string
		warning              bool
	}{
		{"unknown phase", "phase: start", "phase: nowhere", `case "traveller" reaches the team in phase "nowhere", which does not exist`, false},
		{"no good remedy", "fit: good", "fit: partial", `case "traveller" has no remedy with fit good`, false},
		{"unknown fit", "fit: poor", "fit: awful", `fit "awful" is not one of good, partial, poor`, false},
		{"one language", "name: {en: Chen Hao, zh: 陈浩}", "name: {en: Chen Hao}", `has no "zh" text`, false},
		{"missing message", `    message: {en: "I must arrive by nine.", zh: 我九点前必须到。}` + "\n", "", `case "traveller" needs "message"`, false},
		{"deadline too short", "deadline: 5m", "deadline: 10s", "a case's deadline must be from 1m0s to 1h0m0s", false},
		{"one remedy", "      room: {label: {en: A hotel room, zh: 一间酒店客房}, fit: poor, reason: {en: No need., zh: 用不上。}}\n", "",
			"has 1 remedies; a case needs from 2 to 6", false},
		{"unknown fact", "required_facts: [hotline]", "required_facts: [fax]", `the reply to case "traveller" requires fact "fax"`, false},
		{"unknown variable", "escalate: {attention: 5}", "escalate: {outrage: 5}", `effect on "outrage", which is not a world variable`, false},
		{"every remedy good", "fit: poor", "fit: good", `no-dilemma: every remedy of case "traveller" fits well`, true},
		{"the good one longest", "label: {en: First seat, zh: 最早座位}", "label: {en: The first seat out tomorrow morning, zh: 明天早上最早的那个座位}",
			`longest-best: remedy "seat", a good fit for case "traveller", is also its longest label in "en"`, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(block, c.old) {
				t.Fatalf("the probe's cases have no %q", c.old)
			}
			src := before + strings.Replace(block, c.old, c.new, 1) + after
			_, probs := scenario.Parse("probe.yaml", []byte(src))
			list := probs.Errors()
			if c.warning {
				if len(list) > 0 {
					t.Fatalf("errors: %v", list)
				}
				list = probs.Warnings()
			}
			found := false
			for _, p := range list {
				found = found || strings.Contains(p.Msg, c.want)
			}
			if !found {
				t.Errorf("want %q among %v", c.want, list)
			}
		})
	}
	// The probe's own cases give no finding at all.
	_, probs := scenario.Parse("probe.yaml", []byte(probeBase))
	for _, p := range probs {
		if strings.Contains(p.Msg, "case") || strings.Contains(p.Msg, "remed") {
			t.Errorf("the probe's cases: %v", p)
		}
	}
}

// The short cut of a scenario keeps its cases, with times scaled.
func TestCaseVariant(t *testing.T) {
	s, probs := scenario.Parse("probe.yaml", []byte(probeBase))
	if len(probs.Errors()) > 0 {
		t.Fatal(probs)
	}
	for _, c := range s.Cuts() {
		v, err := s.Variant(c.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if vc := v.Case("traveller"); vc == nil || vc.Deadline < scenario.MinCaseDeadline || vc.After > time.Minute {
			t.Errorf("cut %s: %+v", c.ID, vc)
		}
	}
}

// FuzzCases feeds any cases section to the loader: it never panics, and a
// scenario that loads has cases the engine can play (a phase that exists,
// 2–6 remedies with at least one good and every fit known, a deadline in
// bounds, every text in both languages).
func FuzzCases(f *testing.F) {
	before, block, after := casesBlock(f)
	f.Add(block)
	f.Add("cases:\n  a: {phase: start, name: A, segment: B, message: C, remedies: {x: {label: X, fit: good, reason: R}, y: {label: Y, fit: poor, reason: R}}}\n")
	f.Add("cases:\n  a: {phase: start, message: [{en: a, zh: 甲}, {when: \"attention > 5\", en: b, zh: 乙}]}\n")
	f.Add("cases: [1, 2]\n")
	f.Add("cases:\n  a:\n    remedies: {x: {fit: good}}\n    deadline: 99h\n")
	f.Fuzz(func(t *testing.T, cases string) {
		if !strings.HasSuffix(cases, "\n") {
			cases += "\n"
		}
		s, probs := scenario.Parse("probe.yaml", []byte(before+cases+after))
		if s == nil || len(probs.Errors()) > 0 {
			return
		}
		for _, c := range s.Cases {
			good := 0
			for _, r := range c.Remedies {
				if r.Fit == scenario.FitGood {
					good++
				}
				if r.Fit != scenario.FitGood && r.Fit != scenario.FitPartial && r.Fit != scenario.FitPoor {
					t.Fatalf("case %q: remedy %q of fit %q", c.ID, r.ID, r.Fit)
				}
				for _, lang := range s.Languages {
					if !r.Label.Has(lang) || !utf8.ValidString(r.Label.Get(lang)) {
						t.Fatalf("case %q: remedy %q has no %s label", c.ID, r.ID, lang)
					}
				}
			}
			if good == 0 || len(c.Remedies) < scenario.MinCaseRemedies || len(c.Remedies) > scenario.MaxCaseRemedies {
				t.Fatalf("case %q loads with %d remedies, %d good", c.ID, len(c.Remedies), good)
			}
			if s.Phase(c.Phase) == nil || c.Deadline < scenario.MinCaseDeadline || c.Deadline > scenario.MaxCaseDeadline {
				t.Fatalf("case %q: phase %q, deadline %s", c.ID, c.Phase, c.Deadline)
			}
			for _, lang := range s.Languages {
				if !c.Name.Has(lang) || !c.Segment.Has(lang) || !c.Message.Has(lang) {
					t.Fatalf("case %q lacks %s text", c.ID, lang)
				}
			}
		}
	})
}
