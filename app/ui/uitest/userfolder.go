package uitest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// UserFolder makes a user scenario folder with a broken scenario (a typo
// and a dangling phase), a good one (a copy of the engine's mini scenario
// with its own id and title, "My drill") and a file that is no scenario.
func UserFolder(t *testing.T) (dir, broken, good string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot(t), "internal", "engine", "testdata", "mini.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	bad := strings.Replace(string(src), "next: calm", "next: nowhere", 1)
	bad = strings.Replace(bad, `prompt: {en: "What now?"`, `promt: {en: "What now?"`, 1)
	broken = filepath.Join(dir, "broken.yaml")
	good = filepath.Join(dir, "my-drill.yaml")
	mine := strings.Replace(string(src), "id: mini", "id: my-drill", 1)
	mine = strings.Replace(mine, `title: {en: "Mini", zh: "迷你"}`, `title: {en: "My drill", zh: "我的演练"}`, 1)
	for name, text := range map[string]string{broken: bad, good: mine, filepath.Join(dir, "notes.txt"): "not a scenario"} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, broken, good
}
