package library

import (
	"testing"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Each built-in scenario declares its recurring people as personas (the
// reporters, the regulator, the angry customer, the KOL, the CEO), each
// with its disposition, influence and language for a role-player, and
// its injects and feed name them.
func TestBuiltinsDeclareTheirPersonas(t *testing.T) {
	list, err := Builtins()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) < 6 {
		t.Fatalf("%d built-in scenarios, want at least 6", len(list))
	}
	breaking := 0
	for _, e := range list {
		sc := e.Scenario
		for _, p := range sc.Phases {
			for _, in := range p.Injects {
				if in.Style == scenario.StyleBreaking {
					breaking++
				}
			}
		}
		if len(sc.Personas) < 6 {
			t.Errorf("%s declares %d personas", e.ID, len(sc.Personas))
		}
		used := map[string]int{}
		for _, p := range sc.Phases {
			for _, in := range p.Injects {
				used[in.Persona]++
			}
		}
		for _, tr := range sc.Triggers {
			if tr.Inject != nil {
				used[tr.Inject.Persona]++
			}
		}
		if sc.Feed != nil {
			for _, p := range sc.Feed.Posts {
				used[p.Persona]++
			}
			for _, r := range sc.Feed.Reactions {
				for _, p := range r.Posts {
					used[p.Persona]++
				}
			}
		}
		named := 0
		for _, p := range sc.Personas {
			if p.Disposition == "" || p.Influence == "" || p.Language == "" {
				t.Errorf("%s: persona %s lacks disposition, influence or language", e.ID, p.ID)
			}
			if !p.Name.Has("zh") || !p.Name.Has("en") {
				t.Errorf("%s: persona %s is not named in both languages", e.ID, p.ID)
			}
			if used[p.ID] > 0 {
				named++
			}
		}
		if named < len(sc.Personas)*2/3 {
			t.Errorf("%s: only %d of its %d personas send anything", e.ID, named, len(sc.Personas))
		}
		if used[""] == 0 {
			continue
		}
		total := 0
		for id, n := range used {
			if id != "" {
				total += n
			}
		}
		if total < 10 {
			t.Errorf("%s: %d messages come from personas", e.ID, total)
		}
	}
	// A television's reports come as breaking-news straps somewhere.
	if breaking == 0 {
		t.Error("no built-in news inject is styled as breaking news")
	}
}
