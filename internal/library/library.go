// Package library lists the built-in scenarios and finds a scenario by
// built-in id or file path.
package library

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/scenarios"
)

// Entry is a loaded scenario with its source text.
type Entry struct {
	ID       string
	File     string // path or builtin:ID.yaml
	Source   []byte
	Scenario *scenario.Scenario
	// Media are the pictures the scenario's injects carry, by their path
	// as written (scenario.ReadMedia); nil when it carries none.
	Media map[string][]byte
}

// Builtin reports whether the scenario is one of the app's own (File is
// builtin:ID.yaml), not a file of the user's.
func (e Entry) Builtin() bool { return strings.HasPrefix(e.File, "builtin:") }

var (
	once     sync.Once
	builtins []Entry
	errBuilt error
	loaded   atomic.Bool // Builtins has loaded them: Builtin answers from the list
)

// Builtins returns the embedded scenarios, loaded once on first use (not at
// start-up, so the first window appears without waiting for them).
func Builtins() ([]Entry, error) {
	once.Do(func() {
		builtins, errBuilt = loadBuiltins(scenarios.FS)
		loaded.Store(true)
	})
	return builtins, errBuilt
}

func loadBuiltins(fsys fs.FS) ([]Entry, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []Entry
	var errs []error
	for _, name := range names {
		e, err := loadBuiltin(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, e)
	}
	return out, errors.Join(errs...)
}

// loadBuiltin loads one embedded scenario file with its pictures.
func loadBuiltin(fsys fs.FS, name string) (Entry, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return Entry{}, err
	}
	file := "builtin:" + name
	sc, probs := scenario.Parse(file, src)
	if sc == nil {
		return Entry{}, probs
	}
	media, mp := scenario.ReadMedia(fsys, file, sc)
	if len(mp.Errors()) > 0 {
		return Entry{}, mp
	}
	return Entry{ID: sc.ID, File: file, Source: src, Scenario: sc, Media: noneIfEmpty(media)}, nil
}

// Builtin returns the built-in scenario with the given id.
// A command that needs one scenario (`firebreak analyze ID`) reads only
// its file, ID.yaml, as every built-in's file is named by its id
// (TestBuiltinFilesAreNamedByTheirID), instead of loading all of them.
func Builtin(id string) (Entry, bool) {
	if !loaded.Load() && fs.ValidPath(id) && !strings.Contains(id, "/") {
		if e, err := loadBuiltin(scenarios.FS, id+".yaml"); err == nil && e.ID == id {
			return e, true
		}
	}
	list, _ := Builtins()
	for _, e := range list {
		if e.ID == id {
			return e, true
		}
	}
	return Entry{}, false
}

// Find loads a scenario named by built-in id or by file path.
func Find(nameOrPath string) (Entry, error) {
	if e, ok := Builtin(nameOrPath); ok {
		return e, nil
	}
	if _, err := os.Stat(nameOrPath); err != nil {
		list, _ := Builtins()
		ids := make([]string, len(list))
		for i, e := range list {
			ids[i] = e.ID
		}
		return Entry{}, fmt.Errorf("%q is neither a scenario file nor a built-in scenario (built-in: %s)", nameOrPath, strings.Join(ids, ", "))
	}
	sc, media, probs, err := scenario.LoadFileMedia(nameOrPath)
	if err != nil {
		return Entry{}, err
	}
	if sc == nil {
		return Entry{}, probs
	}
	src, err := scenario.ReadLimited(nameOrPath, scenario.MaxFileSize)
	if err != nil {
		return Entry{}, err
	}
	return Entry{ID: sc.ID, File: nameOrPath, Source: src, Scenario: sc, Media: noneIfEmpty(media)}, nil
}

func noneIfEmpty(m map[string][]byte) map[string][]byte {
	if len(m) == 0 {
		return nil
	}
	return m
}
