package ui

import "testing"

func TestClipText(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"  spaces \n inside  ", 20, "spaces inside"},
		{"exactly ten", 11, "exactly ten"},
		{"a longer line of text", 10, "a longer …"},
		{"记者在等答复，帖子越来越多", 10, "记者在等…"}, // a Chinese character takes two columns
		{"记者ab", 6, "记者ab"},
		{"", 5, ""},
	} {
		if got := ClipText(tc.in, tc.n); got != tc.want {
			t.Errorf("clipText(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}
