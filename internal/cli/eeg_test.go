package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// firebreak eeg prints a built-in's evaluation guides: one page per
// objective and team, in the language asked; bad arguments are refused.
func TestEEGPrintsTheGuides(t *testing.T) {
	out := filepath.Join(t.TempDir(), "eeg.pdf")
	code, _, stderr := runCLI(t, "eeg", "beverage-recall", "--lang", "zh", "--teams", "Alpha, Bravo", "--out", out)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %v", err)
	}
	// Five objectives, two teams: at least ten pages (a long guide takes two).
	if n := bytes.Count(data, []byte("/Type /Page")) - bytes.Count(data, []byte("/Type /Pages")); n < 10 {
		t.Errorf("%d pages, want at least 10", n)
	}
	for _, bad := range [][]string{
		{"eeg", "beverage-recall"},
		{"eeg", "beverage-recall", "--out", "x.txt"},
		{"eeg", "beverage-recall", "--out", out, "--lang", "fr"},
		{"eeg", "--out", out},
	} {
		if code, _, stderr := runCLI(t, bad...); code != ExitUsage || strings.TrimSpace(stderr) == "" {
			t.Errorf("%v: exit %d, %q", bad, code, stderr)
		}
	}
}
