package branchmap

import (
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// idToken is a word as scenario ids are written: lower-case letters,
// digits and hyphens.
var idToken = regexp.MustCompile(`[a-z0-9]+(?:-[a-z0-9]+)*`)

func tokens(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range idToken.FindAllString(s, -1) {
		out[w] = true
	}
	return out
}

// scenarioIDs are the ids of a scenario's phases, decisions, options,
// world variables and claims.
func scenarioIDs(sc *scenario.Scenario) []string {
	var ids []string
	for _, v := range sc.World {
		ids = append(ids, v.ID)
	}
	for _, p := range sc.Phases {
		ids = append(ids, p.ID)
		for _, d := range p.Decisions {
			ids = append(ids, d.ID)
			for _, o := range d.Options {
				ids = append(ids, o.ID)
				ids = append(ids, o.Claims...)
			}
		}
	}
	return ids
}

// ownWords are the words of the scenario's own texts the map may quote
// (titles, prompts, option texts, variable labels) in lang: an id that is
// also one of those words ("start" in an option's text) is not a leak.
func ownWords(sc *scenario.Scenario, lang string) map[string]bool {
	var b strings.Builder
	b.WriteString(sc.Title.Get(lang) + "\n")
	for _, v := range sc.World {
		b.WriteString(v.Label.Get(lang) + "\n")
	}
	for _, p := range sc.Phases {
		b.WriteString(p.Title.Get(lang) + "\n")
		for _, d := range p.Decisions {
			b.WriteString(d.Prompt.Get(lang) + "\n")
			for _, o := range d.Options {
				b.WriteString(o.Text.Get(lang) + "\n")
			}
		}
	}
	return tokens(b.String())
}

// TestNoScenarioIDOnTheMap draws every built-in scenario's map in both
// languages and finds none of its phase, decision, option, variable or
// claim ids in what is drawn (titles, edge labels, the decisions' questions,
// the legend, the header) nor in the full text a tapped label shows.
func TestNoScenarioIDOnTheMap(t *testing.T) {
	entries, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 10 {
		t.Fatalf("%d built-in scenarios, want the 10 shipped", len(entries))
	}
	for _, e := range entries {
		sc := e.Scenario
		for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
			h := newHost(t)
			h.loc = i18n.New(lang)
			b := New(h, sc, nil, func() {})
			h.Show(b)
			allowed := ownWords(sc, lang.String())
			checked := 0
			check := func(where, text string) {
				t.Helper()
				for _, line := range strings.Split(text, "\n") {
					got := tokens(line)
					for _, id := range scenarioIDs(sc) {
						if allowed[id] {
							continue
						}
						checked++
						if got[id] {
							t.Errorf("%s %s: %s shows the id %q: %q", sc.ID, lang, where, id, line)
						}
					}
				}
			}
			drawn := tree.DrawnText(h.win.Content())
			check("the map", drawn)
			for _, tap := range b.labelTaps {
				test.Tap(tap)
				check("a tapped label", b.detail.Text)
			}
			if len(b.labelTaps) != len(b.graph.Edges) {
				t.Errorf("%s %s: %d labels can be tapped, want one per edge (%d)", sc.ID, lang, len(b.labelTaps), len(b.graph.Edges))
			}
			// The check is not empty: most ids are not words of the texts.
			if ids := len(scenarioIDs(sc)); checked < ids/2*len(b.labelTaps) {
				t.Errorf("%s %s: only %d of %d ids checked", sc.ID, lang, checked, ids)
			}
			// In Chinese nothing drawn on the map is an id-like Latin word
			// at all but what the scenario's own Chinese texts contain.
			if lang == i18n.ZH {
				for w := range tokens(drawn) {
					if strings.ContainsRune(w, '-') && !allowed[w] {
						t.Errorf("%s zh: %q is drawn, in no Chinese text of the scenario", sc.ID, w)
					}
				}
			}
		}
	}
}

// TestTappedLabelShowsTheOptionInFull taps an option's label: the line
// under the legend shows the option's whole text, which the edge shortens.
func TestTappedLabelShowsTheOptionInFull(t *testing.T) {
	e, ok := library.Builtin("airline-disruption")
	if !ok {
		t.Fatal("no built-in airline-disruption")
	}
	h := newHost(t)
	b := New(h, e.Scenario, nil, func() {})
	h.Show(b)
	if !strings.Contains(b.detail.Text, "Click a label") {
		t.Errorf("before a tap the line reads %q, want the hint", b.detail.Text)
	}
	o := e.Scenario.Decision("first-night").Option("members-and-accounts-first")
	full := o.Text.Get("en")
	for i, tap := range b.labelTaps {
		if tap.full != full {
			continue
		}
		label := b.edgeTexts[i].Text
		if !strings.HasSuffix(label, "…") || len(label) >= len(full) || !strings.HasPrefix(full, strings.TrimSuffix(label, "…")) {
			t.Errorf("the edge reads %q, want a shortened start of %q", label, full)
		}
		test.Tap(tap)
		if want := "Label in full: " + full; b.detail.Text != want {
			t.Errorf("after the tap the line reads %q, want %q", b.detail.Text, want)
		}
		return
	}
	t.Fatalf("no label taps to the text of members-and-accounts-first")
}
