package library

import (
	"bytes"
	"io/fs"
	"testing"

	"github.com/firebreak-drills/firebreak/scenarios"
)

// Builtin reads only ID.yaml until the list is loaded: that holds only
// while every built-in's file is named by its id.
func TestBuiltinFilesAreNamedByTheirID(t *testing.T) {
	names, err := fs.Glob(scenarios.FS, "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no built-in files: %v", err)
	}
	for _, name := range names {
		e, err := loadBuiltin(scenarios.FS, name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if e.ID+".yaml" != name {
			t.Errorf("%s holds scenario %q: a built-in's file must be named ID.yaml", name, e.ID)
		}
	}
}

func TestBuiltinFindsEachByIDAloneOrFromTheList(t *testing.T) {
	// Before the list is loaded (a fresh test binary runs this first
	// only by chance, so both ways are checked against the file itself).
	for _, id := range []string{"rumour-attack", "beverage-recall"} {
		e, ok := Builtin(id)
		if !ok || e.ID != id || e.File != "builtin:"+id+".yaml" {
			t.Fatalf("Builtin(%q) = %q %q %v", id, e.ID, e.File, ok)
		}
		src, _ := fs.ReadFile(scenarios.FS, id+".yaml")
		if !bytes.Equal(e.Source, src) || e.Scenario == nil {
			t.Errorf("Builtin(%q) did not load its file", id)
		}
	}
	for _, id := range []string{"no-such-scenario", "../scenarios/rumour-attack", "rumour-attack.yaml", ""} {
		if e, ok := Builtin(id); ok {
			t.Errorf("Builtin(%q) found %q", id, e.ID)
		}
	}
	list, err := Builtins()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range list {
		e, ok := Builtin(want.ID)
		if !ok || e.Scenario != want.Scenario {
			t.Errorf("after the list is loaded, Builtin(%q) should answer from it", want.ID)
		}
	}
}
