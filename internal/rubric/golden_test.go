package rubric

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// The golden files hold the whole result, as `firebreak statement` prints
// it, for one strong and one weak statement per language, judged against
// the beverage-recall scenario's batch and hotline facts.
func TestGolden(t *testing.T) {
	for _, name := range []string{"strong.en", "weak.en", "strong.zh", "weak.zh"} {
		t.Run(name, func(t *testing.T) {
			text := readTestdata(t, name+".txt")
			r := Judge(text, Context{Lang: name[len(name)-2:], Facts: []Fact{batch, hotline}})
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(r); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", name+".json")
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/rubric -run TestGolden -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from the golden file (run with -update if the change is intended)\n--- got\n%s", path, buf.Bytes())
			}
		})
	}
}
