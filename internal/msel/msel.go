// Package msel reads and writes Master Scenario Events Lists (MSELs), the
// spreadsheets in which trainers keep their exercises, and turns them into
// Firebreak scenarios and back.
//
// It reads
//   - T3SF's MSEL, as JSON (a list of objects) or XLSX;
//   - the HSEEP MSEL columns (event number, time, from/to, method, message,
//     expected action, objective/capability, notes) from XLSX or CSV;
//   - an OpenAEV injects spreadsheet (the attributes its XLS import maps:
//     inject type, title, description, trigger time, subject, body, teams);
//
// and writes an HSEEP-style MSEL of any scenario as XLSX or CSV.
//
// Every problem names its file, sheet, row and column (Position), and
// problems are collected in an ErrorList, like go/scanner's: reading goes on
// after a problem so that one run reports all of them. Inputs are untrusted:
// the file size, the zip expansion of an XLSX, the rows, the columns and the
// length of a cell are limited (see limits.go), and a file over a limit is
// refused before it is parsed.
package msel

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Format is an MSEL layout.
type Format string

// The layouts Read understands. Auto picks one from the file: JSON is T3SF;
// a spreadsheet or CSV is T3SF, OpenAEV or HSEEP by its column headers. CSV
// reads the file as CSV whatever its name, with the columns detected as for
// Auto.
const (
	Auto    Format = "auto"
	T3SF    Format = "t3sf"
	HSEEP   Format = "hseep"
	OpenAEV Format = "openaev"
	CSV     Format = "csv"
)

// Formats lists the values of --format.
var Formats = []Format{Auto, T3SF, HSEEP, OpenAEV, CSV}

// Name is how messages name a layout.
func (f Format) Name() string {
	switch f {
	case T3SF:
		return "T3SF"
	case HSEEP:
		return "HSEEP"
	case OpenAEV:
		return "OpenAEV"
	}
	return string(f)
}

// ParseFormat reads a --format value.
func ParseFormat(s string) (Format, bool) {
	for _, f := range Formats {
		if string(f) == strings.ToLower(strings.TrimSpace(s)) {
			return f, true
		}
	}
	return "", false
}

// MSEL is a list of events read from one file.
type MSEL struct {
	File   string // the file as named on the command line
	Format Format // the layout it was read as (never Auto or CSV)
	Kind   string // "xlsx", "csv" or "json"
	Sheet  string // the sheet read, for XLSX
	Title  string // a title found above the header row, if any
	Rows   int    // data rows read (each is an Event)
	Events []*Event
}

// Event is one row of an MSEL: one inject.
type Event struct {
	Pos     Position // the row (Column empty)
	Number  string   // event / inject number as written
	Section string   // phase, module or section; "" when the MSEL has none

	// At is the time from the start of the exercise; nil when the row gives
	// none. PhaseAt is a time from the start of the row's section (the
	// "Phase Time" column Firebreak's own export writes); nil when absent.
	At, PhaseAt *time.Duration

	From     string
	To       []string
	Method   string // as written ("E-mail", "Phone call")
	Channel  string // the Firebreak channel Method maps to
	Subject  string
	GameTime string // T3SF "Date": the in-story time shown with the message
	Message  string

	// Options are the answers the MSEL asks for (T3SF "Poll", "Options"):
	// with two or more the inject opens a decision. Prompt is its question.
	Options []string
	Prompt  string

	Expected, Objective, Notes string
	Pictures                   []Picture // T3SF Photo / Profile
	Extra                      []Extra   // columns Firebreak has no place for, kept by name

	cols map[field]Position // where each field's cell is, for problems
}

// at returns the position of one of the row's cells: the column read as f,
// or (when the MSEL has none) the row.
func (ev *Event) at(fs ...field) Position {
	for _, f := range fs {
		if p, ok := ev.cols[f]; ok {
			return p
		}
	}
	return ev.Pos
}

// Picture is a picture an inject refers to (T3SF "Photo" or "Profile").
type Picture struct {
	Column  string // the column it came from ("Photo", "Profile")
	Profile bool   // the sender's picture (T3SF "Profile"), not the message's
	Name    string // "Picture Name", when given
	Ref     string // the URL or file path as written
	URL     bool   // a web address (not fetched: exercises run offline)
	Path    string // for a local file: its path, resolved beside the MSEL
	Found   bool   // for a local file: whether it exists
}

// Extra is the value of a column that Firebreak has no field for. It is
// kept (as a comment in the scenario, and as the same column in an export)
// and its column is reported by name.
type Extra struct {
	Column string
	Value  string
}

// Position is where a problem is: the file, the sheet (XLSX), the row and
// the column. Row is the spreadsheet's 1-based row number, or for JSON the
// 1-based index of the object in the list; Line is the JSON line. Column is
// the column's header (or JSON key); Letter its spreadsheet letter.
type Position struct {
	File   string
	Sheet  string
	Row    int
	Line   int
	Column string
	Letter string
	json   bool
}

// String renders the position as people read it, for example
// `t3sf-MSEL.xlsx: sheet "main", row 3, column B "Real Time"`.
func (p Position) String() string {
	var parts []string
	if p.Sheet != "" {
		parts = append(parts, fmt.Sprintf("sheet %q", p.Sheet))
	}
	if p.Row > 0 {
		if p.json {
			s := fmt.Sprintf("item %d", p.Row)
			if p.Line > 0 {
				s += fmt.Sprintf(" (line %d)", p.Line)
			}
			parts = append(parts, s)
		} else {
			parts = append(parts, fmt.Sprintf("row %d", p.Row))
		}
	} else if p.Line > 0 {
		parts = append(parts, fmt.Sprintf("line %d", p.Line))
	}
	if p.Column != "" || p.Letter != "" {
		what := "column"
		if p.json {
			what = "key"
		}
		switch {
		case p.Letter != "" && p.Column != "":
			parts = append(parts, fmt.Sprintf("%s %s %q", what, p.Letter, p.Column))
		case p.Letter != "":
			parts = append(parts, fmt.Sprintf("%s %s", what, p.Letter))
		default:
			parts = append(parts, fmt.Sprintf("%s %q", what, p.Column))
		}
	}
	if len(parts) == 0 {
		return p.File
	}
	return p.File + ": " + strings.Join(parts, ", ")
}

// col returns the position of a column in the same row.
func (p Position) col(name, letter string) Position {
	p.Column, p.Letter = name, letter
	return p
}

// Severity of a problem.
type Severity string

const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
)

// Error is one problem at a position.
type Error struct {
	Pos      Position
	Severity Severity
	Msg      string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s: %s", e.Pos, e.Severity, e.Msg)
}

// ErrorList is a list of problems, errors and warnings, like go/scanner's
// ErrorList. As an error it reports its errors (or, with none, everything).
type ErrorList []*Error

// Add appends a problem.
func (l *ErrorList) Add(pos Position, sev Severity, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Severity: sev, Msg: fmt.Sprintf(format, args...)})
}

func (l *ErrorList) errorf(pos Position, format string, args ...any) {
	l.Add(pos, SevError, format, args...)
}

func (l *ErrorList) warnf(pos Position, format string, args ...any) {
	l.Add(pos, SevWarning, format, args...)
}

// Errors returns the problems of error severity.
func (l ErrorList) Errors() ErrorList {
	var out ErrorList
	for _, e := range l {
		if e.Severity == SevError {
			out = append(out, e)
		}
	}
	return out
}

// Warnings returns the problems of warning severity.
func (l ErrorList) Warnings() ErrorList {
	var out ErrorList
	for _, e := range l {
		if e.Severity == SevWarning {
			out = append(out, e)
		}
	}
	return out
}

// HasErrors reports whether any problem is an error.
func (l ErrorList) HasErrors() bool { return len(l.Errors()) > 0 }

// Sort orders the list by file, sheet, row, then column letter position,
// keeping the order of problems at the same place.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		if len(a.Letter) != len(b.Letter) {
			return len(a.Letter) < len(b.Letter)
		}
		return a.Letter < b.Letter
	})
}

func (l ErrorList) Error() string {
	show := l.Errors()
	if len(show) == 0 {
		show = l
	}
	lines := make([]string, len(show))
	for i, e := range show {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns the list as an error when it holds errors, else nil.
func (l ErrorList) Err() error {
	if l.HasErrors() {
		return l
	}
	return nil
}
