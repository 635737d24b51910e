package debrief

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
)

// CSVColumns are the columns of the CSV export, one row per logged event
// (of the handout's team and of the whole exercise, for a handout):
//
//	exercise_time     H:MM:SS on the exercise clock
//	team              the team the event concerns; empty for the whole exercise
//	kind              the event kind as logged (exercise.started, decision.chosen, …)
//	phase             the team's phase after the event
//	decision, option  ids, when the event is about a decision
//	response_seconds  for decision.chosen: seconds from the decision opening to the choice
//	detail            the event in words, in the report's language; a written
//	                  statement, or the text of a reply to an inject, follows it
//
// After the timeline, when evaluators rated, come the combined ratings
// (exercise_time and phase empty): kind rating.combined per team and
// objective (decision the objective's id, option the combined rating,
// detail the combination in words with any disagreement), each followed by
// one rating.rater row per rater (option the rater's rating, detail who
// and their notes). Then, when participants' feedback was collected, come its
// rows (exercise_time and phase empty): kind feedback.rating, decision the
// statement's id, option the mean, detail the statement and how many gave
// each rating; then kind feedback.answer, team the participant's team,
// decision the question's id, detail who answered (not for an anonymous
// form) and the answer.
//
// The file is UTF-8 with a byte-order mark (so spreadsheet programs read
// Chinese correctly) and CRLF line ends (RFC 4180). A cell that starts with
// =, +, - or @ and is not a number gets a leading apostrophe so that a
// spreadsheet does not run it as a formula.
var CSVColumns = []string{"exercise_time", "team", "kind", "phase", "decision", "option", "response_seconds", "detail"}

// CSV renders the report's timeline as CSV.
func CSV(r *Report) []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	_ = w.Write(CSVColumns) // a bytes.Buffer does not fail
	for _, e := range r.Timeline {
		resp := ""
		if e.ResponseSeconds != nil {
			resp = strconv.FormatFloat(*e.ResponseSeconds, 'f', -1, 64)
		}
		detail := e.Text
		if e.Statement != "" {
			detail += " — " + strings.TrimSuffix(T(r.Lang, "ev.statement"), "%s") + e.Statement
		}
		if e.Reply != "" {
			detail += " — " + strings.TrimSuffix(T(r.Lang, "ev.reply"), "%s") + e.Reply
		}
		for _, p := range e.Pictures {
			detail += " — " + fmt.Sprintf(T(r.Lang, "ev.picture"), p.Alt)
		}
		if e.Answer != "" {
			detail += " — " + fmt.Sprintf(T(r.Lang, "ev.answer"), e.Answer)
		}
		if e.Post != "" {
			detail += " — " + strings.TrimSuffix(T(r.Lang, "ev.post"), "%s") + e.Post
		}
		row := []string{Clock(dur(e.AtSeconds)), e.Team, e.Kind, e.Phase, e.Decision, e.Option, resp, detail}
		for i := range row {
			row[i] = defuse(row[i])
		}
		_ = w.Write(row)
	}
	for _, row := range combinedCSVRows(r) {
		for i := range row {
			row[i] = defuse(row[i])
		}
		_ = w.Write(row)
	}
	for _, row := range append(triageCSVRows(r), feedbackCSVRows(r)...) {
		for i := range row {
			row[i] = defuse(row[i])
		}
		_ = w.Write(row)
	}
	w.Flush()
	return b.Bytes()
}

// defuse keeps a spreadsheet from reading a cell as a formula.
func defuse(s string) string {
	if s == "" || !strings.ContainsRune("=+-@", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}
