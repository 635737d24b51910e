package exercise

import (
	"bufio"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// storeImporters is every directory of the module whose Go files may
// import internal/store (docs/architecture.md, "Boundaries"): the store
// itself and this package, the only adapter between the engine and the
// database. Everyone else, the app and the command-line tools included,
// opens the database with exercise.Open or OpenReadOnly and goes through
// the *DB it returns. Keep this list short: a new entry is a new way
// around the boundary.
var storeImporters = []string{
	"internal/store",
	"internal/exercise",
}

// TestOnlyExerciseImportsStore reads the import list of every Go file in
// the module (tests, and files behind build tags, included) and fails for
// one outside storeImporters that imports internal/store. It also checks
// the direction of the dependency: the store imports no other package of
// the module (it knows neither the engine nor the debrief; they know
// nothing of it).
func TestOnlyExerciseImportsStore(t *testing.T) {
	root, module := moduleRoot(t)
	storePath := module + "/internal/store"
	fset := token.NewFileSet()
	scanned := 0
	var exerciseImportsStore bool
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(rel))
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		scanned++
		for _, imp := range f.Imports {
			p, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				return err
			}
			switch {
			case p == storePath && dir == "internal/exercise":
				exerciseImportsStore = true
			case p == storePath && !slices.Contains(storeImporters, dir):
				t.Errorf("%s imports %s: only %s may; use internal/exercise (Open, OpenReadOnly, *DB)",
					filepath.ToSlash(rel), storePath, strings.Join(storeImporters, " and "))
			case dir == "internal/store" && (p == module || strings.HasPrefix(p, module+"/")):
				t.Errorf("%s imports %s: the store must not depend on the rest of Firebreak", filepath.ToSlash(rel), p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The walk must have seen the module, or it proves nothing.
	if scanned < 100 || !exerciseImportsStore {
		t.Fatalf("scanned %d Go files under %s (internal/exercise importing the store: %v); the walk missed the module", scanned, root, exerciseImportsStore)
	}
}

// moduleRoot finds the directory of go.mod above this package, and the
// module's path.
func moduleRoot(t *testing.T) (dir, module string) {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		f, err := os.Open(filepath.Join(dir, "go.mod"))
		if err == nil {
			defer f.Close()
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				if m, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
					return dir, strings.Trim(strings.TrimSpace(m), `"`)
				}
			}
			t.Fatalf("%s/go.mod names no module", dir)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}
