package debrief

import (
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// playedPress plays internal/engine/testdata/press.yaml headless: the
// briefing starts at 1:00 (three questions, 60 s each). Alpha answers
// question 1 with an apology and the hotline, question 2 with "no
// comment", lets question 3 run out, then answers the facilitator's extra
// question with a denial (a contradiction). Bravo answers nothing.
func playedPress(t testing.TB) (*engine.State, []engine.Event) {
	t.Helper()
	h := playTestdata(t, "press", "press", "Alpha", "Bravo")
	do := h.do
	answer := func(at time.Duration, q int, text string) {
		do(at, engine.Command{Kind: engine.CmdAnswer, Team: "Alpha", Conference: "briefing", Question: q, Text: text})
	}
	do(0, engine.Command{Kind: engine.CmdResume})
	answer(90*time.Second, 1, "We are sorry. Please stop drinking the juice and call our hotline 400-123.")
	answer(2*time.Minute, 2, "No comment.")
	do(2*time.Minute+5*time.Second, engine.Command{Kind: engine.CmdPress, Team: "Alpha", Conference: "briefing", From: "TV 5", Text: "Will anyone resign?"})
	answer(3*time.Minute+30*time.Second, 4, "There is no problem; these reports are rumours.")
	return h.end(30 * time.Minute)
}

func pressReport(t testing.TB, lang, team string) *Report {
	st, events := playedPress(t)
	r := Build(st, events, lang, team)
	r.SetStarted(started)
	return r
}

// The press golden files: every renderer shows each team's conference,
// question by question, with the answers, the judge's verdict and the
// whole's score.
func TestPressGolden(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		r := pressReport(t, lang, "")
		goldenExports(t, "press", lang, r)
	}
}

// The report model carries each conference: its questions in order, the
// answers, what was refused or left unanswered, the contradiction, and
// the whole's score; the method says conferences are not scored.
func TestReportCarriesPress(t *testing.T) {
	r := pressReport(t, "zh", "")
	alpha, bravo := r.Teams[0], r.Teams[1]
	if len(alpha.Press) != 1 || len(bravo.Press) != 1 {
		t.Fatalf("conferences: Alpha %d, Bravo %d", len(alpha.Press), len(bravo.Press))
	}
	p := alpha.Press[0]
	if p.Title != "媒体通气会" || p.StartedSeconds != 60 || p.ClockSeconds != 60 || p.Asked != 4 || p.Answered != 3 || p.NoComment != 2 ||
		p.Contradictions != 1 || len(p.Questions) != 4 {
		t.Fatalf("Alpha's briefing: %+v", p)
	}
	q := p.Questions
	if q[0].From != "城市晚报 李伟" || q[0].Question != "有多少孩子身体不适？" || !q[0].Answered || q[0].Rubric == nil ||
		len(q[0].Facts) != 1 || !q[0].Facts[0].Found || q[0].AtSeconds != 90 {
		t.Errorf("question 1: %+v", q[0])
	}
	if !q[1].NoComment || q[2].Answered || !q[2].NoComment || q[2].AtSeconds != 180 {
		t.Errorf("questions 2 and 3: %+v / %+v", q[1], q[2])
	}
	if !q[3].AdHoc || q[3].From != "TV 5" || q[3].Contradiction != "否认" || !strings.Contains(q[3].Heading, "（主持人追加）") {
		t.Errorf("question 4: %+v", q[3])
	}
	want := "得分 " + Number(p.Score) + "（满分100）：4 个问题中回答了 3 个；“无可奉告”或未作答 2 次；猜测 0 次；与此前表态矛盾 1 次"
	if p.Summary != want {
		t.Errorf("summary %q, want %q", p.Summary, want)
	}
	if b := bravo.Press[0]; b.Answered != 0 || b.Score != 0 || b.NoComment != 3 {
		t.Errorf("Bravo's briefing: %+v", b)
	}
	if !strings.HasSuffix(r.Method, "每有一个与此前表态矛盾的回答扣10分。") {
		t.Errorf("method: %q", r.Method)
	}
	if h := pressReport(t, "en", "Bravo"); len(h.Teams) != 1 || len(h.Teams[0].Press) != 1 || h.Teams[0].Press[0].Answered != 0 {
		t.Errorf("Bravo's handout: %+v", h.Teams)
	}
}

// The timeline and the CSV say each press event, with the answer's text;
// the PDF renders the conference in both languages; the JSON round trip
// keeps it.
func TestPressTimelineCSVPDF(t *testing.T) {
	r := pressReport(t, "en", "")
	var got []string
	for _, e := range r.Timeline {
		if strings.HasPrefix(e.Kind, "press.") && e.Team == "Alpha" {
			got = append(got, e.Text)
		}
	}
	want := []string{
		"Press conference began: Press briefing",
		"Answered question 1 at the press conference (Press briefing): \"How many children fell ill?\"",
		"Answered question 2 at the press conference (Press briefing): \"Is the juice safe to drink?\"",
		"A question was added to the press conference (Press briefing): \"Will anyone resign?\"",
		"Left question 3 at the press conference unanswered (Press briefing): \"What caused it?\"",
		"Answered question 4 at the press conference (Press briefing): \"Will anyone resign?\"",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("timeline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	rows := csvRows(t, r)
	found := false
	for _, row := range rows {
		found = found || (row[2] == string(engine.KindPressAnswered) && strings.HasSuffix(row[7], " — answer: No comment."))
	}
	if !found {
		t.Error("the CSV lacks the answer's text")
	}
	pdfsRender(t, func(lang string) *Report { return pressReport(t, lang, "") })
	if !sameMarkdownFromJSON(t, r) {
		t.Error("the JSON round trip loses something of the conferences")
	}
}
