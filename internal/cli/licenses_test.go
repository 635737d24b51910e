package cli

import (
	"bytes"
	"strings"
	"testing"
)

// The fonts' licence is printed whole; arguments are refused.
func TestLicensesPrintsTheFontLicence(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Run([]string{"licenses"}, Env{Stdout: &out, Stderr: &errb}); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"Noto Sans SC", "SIL OPEN FONT LICENSE Version 1.1", "Reserved Font Name"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the licence output lacks %q", want)
		}
	}
	errb.Reset()
	if code := Run([]string{"licenses", "extra"}, Env{Stdout: &out, Stderr: &errb}); code != ExitUsage || !strings.Contains(errb.String(), "no arguments") {
		t.Errorf("licenses extra: exit %d, %q", code, errb.String())
	}
}
