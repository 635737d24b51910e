package scenario

import (
	"fmt"
	"sort"
	"strings"
)

// Severity of a finding.
type Severity string

const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
)

// Problem is one finding about a scenario file, positioned like a compiler
// message: file:line:col: severity: message.
type Problem struct {
	File     string
	Pos      Pos
	Severity Severity
	Msg      string // the message in English: fmt.Sprintf(Format, Args...)

	// Format and Args are what Msg was made from, for Text to render the
	// message in another language. An argument may be a Phrase.
	Format string
	Args   []any
}

func (p Problem) String() string {
	loc := p.File
	if p.Pos.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d", p.File, p.Pos.Line, p.Pos.Col)
	}
	return fmt.Sprintf("%s: %s: %s", loc, p.Severity, p.Msg)
}

// Problems is a list of findings; as an error it reports the errors among them.
type Problems []Problem

// Errors returns only the findings of error severity.
func (ps Problems) Errors() Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == SevError {
			out = append(out, p)
		}
	}
	return out
}

// Warnings returns only the findings of warning severity.
func (ps Problems) Warnings() Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == SevWarning {
			out = append(out, p)
		}
	}
	return out
}

func (ps Problems) Error() string {
	errs := ps.Errors()
	if len(errs) == 0 {
		errs = ps
	}
	lines := make([]string, 0, len(errs))
	for _, p := range errs {
		lines = append(lines, p.String())
	}
	return strings.Join(lines, "\n")
}

func (ps Problems) sorted() Problems {
	out := append(Problems(nil), ps...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return out
}
