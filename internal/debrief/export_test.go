package debrief

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/signintech/gopdf"

	"github.com/firebreak-drills/firebreak/internal/engine"
)

// started is the wall-clock start the golden reports show as their date.
var started = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

func worldReport(t testing.TB, lang, team string) *Report {
	_, events := playedWorld(t)
	// An evaluator's paper guide entered after the end, so the goldens
	// show it: Alpha's spokesperson seen at 8 minutes, a rating and a note.
	last := events[len(events)-1]
	at := (8 * time.Minute).Milliseconds()
	events = append(events, engine.Event{Seq: last.Seq + 1, At: last.At, Kind: engine.KindEvaluation, Team: "Alpha", Objective: "notify",
		Evaluation: &engine.Evaluation{Evaluator: "Lee Evaluator", Rating: "M", Note: "Slow to agree who speaks",
			Tasks: []engine.EvalTask{{Task: "one-voice", Done: true, AtMS: &at, Note: "Dana spoke for the team"}}}})
	// The facilitator's own rating and a live evaluator's (seat Wang)
	// tick, observation on Alpha's first message and rating: three raters
	// of Alpha's notify (S, M, P), two steps apart, so the goldens show
	// the combined rating (S, the median) and the disagreement.
	seen := (9 * time.Minute).Milliseconds()
	for _, e := range []engine.Event{
		{Kind: engine.KindRating, Team: "Alpha", Objective: "notify", Rating: "S", Text: "Reported, but late"},
		{Kind: engine.KindEvalTask, Team: "Alpha", Objective: "notify", Seat: "Wang", Task: "one-voice", Done: true, AtMS: &seen},
		{Kind: engine.KindEvalObserved, Team: "Alpha", Objective: "notify", Seat: "Wang", Entry: engine.EntryInbox(1), Text: "Calm first answer"},
		{Kind: engine.KindEvalRated, Team: "Alpha", Objective: "notify", Seat: "Wang", Rating: "P"},
	} {
		e.Seq, e.At = events[len(events)-1].Seq+1, last.At
		events = append(events, e)
	}
	st, err := engine.Fold(events)
	if err != nil {
		t.Fatal(err)
	}
	r := Build(st, events, lang, team)
	r.SetStarted(started)
	return r
}

// goldenExports checks a report's Markdown, HTML and JSON against the
// golden files base.lang.md, base.lang.html.golden and
// base.lang.json.golden.
func goldenExports(t *testing.T, base, lang string, r *Report) {
	t.Helper()
	golden(t, base+"."+lang+".md", []byte(Markdown(r)))
	golden(t, base+"."+lang+".html.golden", withoutFontData(HTML(r)))
	js, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, base+"."+lang+".json.golden", js)
}

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/debrief -update to create it, then review it)", err)
	}
	if !bytes.Equal(got, want) {
		g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		i := 0
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		line := func(l []string) string {
			if i < len(l) {
				return l[i]
			}
			return "(end of file)"
		}
		t.Errorf("%s differs from line %d; if the change is intended, run with -update and review the diff\n got: %s\nwant: %s",
			path, i+1, line(g), line(w))
	}
}

func TestHTMLAndJSONGolden(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		r := worldReport(t, lang, "")
		golden(t, "world."+lang+".html.golden", withoutFontData(HTML(r)))
		js, err := JSON(r)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "world."+lang+".json.golden", js)
	}
}

func TestHTMLIsSelfContained(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		h := string(withoutFontData(HTML(worldReport(t, lang, ""))))
		for _, bad := range []string{"http://", "https://", "<script", "<link", "src="} {
			// The SVG namespace is an identifier, not a fetch.
			if strings.Contains(strings.ReplaceAll(h, `xmlns="http://www.w3.org/2000/svg"`, ""), bad) {
				t.Errorf("%s HTML contains %q: it must not load anything", lang, bad)
			}
		}
		for _, want := range []string{"<meta charset=\"utf-8\">", "@media print", "<svg", "<polyline", "<rect",
			"font-weight:400;font-display:block;src:url(data:font/woff2;base64,FONT-DATA)", "font-weight:700;font-display:block;src:url(data:font/woff2;base64,FONT-DATA)",
			`font:15px/1.55 "Firebreak Noto Sans SC","Noto Sans SC",`} {
			if !strings.Contains(h, want) {
				t.Errorf("%s HTML lacks %q", lang, want)
			}
		}
	}
	zh := string(HTML(worldReport(t, "zh", "")))
	for _, want := range []string{`<html lang="zh-CN">`, "演练事后评估报告", "按时通报监管机构", "2026-03-14", "建议评级"} {
		if !strings.Contains(zh, want) {
			t.Errorf("Chinese HTML lacks %q", want)
		}
	}
}

func TestJSONSchemaVersionAndRoundTrip(t *testing.T) {
	js, err := JSON(worldReport(t, "en", ""))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(js, []byte("{\n  \"schema_version\": 1,")) {
		t.Fatalf("the JSON must start with schema_version 1:\n%.200s", js)
	}
	var back Report
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if back.SchemaVersion != SchemaVersion || len(back.Teams) != 2 || back.Overview.Date != "2026-03-14" {
		t.Fatalf("round trip lost data: %+v", back.Overview)
	}
}

func TestCSV(t *testing.T) {
	st, events := playedWorld(t)
	out := CSV(Build(st, events, "zh", ""))
	if !bytes.HasPrefix(out, []byte("\xEF\xBB\xBF")) {
		t.Fatal("the CSV must start with a UTF-8 byte-order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(out[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(events)+1 {
		t.Fatalf("%d rows, want a header and one row per event (%d)", len(rows), len(events)+1)
	}
	if strings.Join(rows[0], ",") != "exercise_time,team,kind,phase,decision,option,response_seconds,detail" {
		t.Fatalf("header %v", rows[0])
	}
	var chosen []string
	for _, r := range rows[1:] {
		if r[2] == string(engine.KindChosen) {
			chosen = r
		}
	}
	if chosen == nil || chosen[0] != "00:06:00" || chosen[1] != "Bravo" || chosen[4] != "notify" || chosen[5] != "report" ||
		chosen[6] != "120" || !strings.Contains(chosen[7], "通报并公开") || !strings.Contains(chosen[7], "400-123-456") {
		t.Fatalf("the choice row is %q", chosen)
	}
}

func TestCSVDefusesFormulas(t *testing.T) {
	r := &Report{Lang: "en", Timeline: []TimelineEntry{{Team: "=HYPERLINK(1)", Kind: "note.added", Text: "-12"}}}
	rows := csvRows(t, r)
	if rows[1][1] != "'=HYPERLINK(1)" || rows[1][7] != "-12" {
		t.Fatalf("row %q", rows[1])
	}
}

// pdfText extracts a PDF's text with poppler's pdftotext. CI installs it
// (scripts/install-deps.sh); without it the test fails rather than skips,
// since the check that Chinese survives into the PDF matters.
// csvRows parses the rows of r's CSV, past its byte-order mark.
func csvRows(t *testing.T, r *Report) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(CSV(r)[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// sameMarkdownFromJSON reports whether the Markdown of r read back from
// r's JSON is r's own: the Markdown reads nothing the JSON does not carry.
func sameMarkdownFromJSON(t *testing.T, r *Report) bool {
	t.Helper()
	js, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	return Markdown(&back) == Markdown(r)
}

// pdfsRender checks that the report build makes renders as a PDF in both
// languages.
func pdfsRender(t *testing.T, build func(lang string) *Report) {
	t.Helper()
	for _, lang := range []string{"en", "zh"} {
		pdf, err := PDF(build(lang))
		if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
			t.Errorf("%s PDF: %v", lang, err)
		}
	}
}

func pdfToText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext is not installed: install poppler-utils (apt-get install -y poppler-utils, or run scripts/install-deps.sh)")
	}
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestPDF(t *testing.T) {
	for _, c := range []struct {
		lang string
		want []string
	}{
		{"zh", []string{"演练事后评估报告", "一、演练概况", "按时通报监管机构", "数据泄露", "通报并公开", "热线号码", "附录：事件时间线", "2026-03-14", "Alpha", "Bravo"}},
		{"en", []string{"After-action report", "Notify the regulator in time", "Report and publish", "Appendix: timeline of events", "Bravo"}},
	} {
		pdf, err := PDF(worldReport(t, c.lang, ""))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF")) {
			t.Fatalf("%s: not a PDF: %.20q", c.lang, pdf)
		}
		text := pdfToText(t, pdf)
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s PDF text lacks %q", c.lang, w)
			}
		}
		n := strings.Count(text, "\f")
		for i := 1; i <= n; i++ {
			// pdftotext may drop the spaces around the slash.
			if !regexp.MustCompile(fmt.Sprintf(`(^|\s)%d ?/ ?%d(\s|$)`, i, n)).MatchString(text) {
				t.Errorf("%s PDF: page %d of %d has no page number", c.lang, i, n)
			}
		}
		if n < 2 {
			t.Errorf("%s PDF has %d pages", c.lang, n)
		}
	}
}

func TestHandoutOmitsOtherTeams(t *testing.T) {
	r := worldReport(t, "en", "Alpha")
	if len(r.Teams) != 1 || r.Teams[0].Name != "Alpha" || r.HandoutTeam != "Alpha" {
		t.Fatalf("teams %+v", r.Teams)
	}
	js, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := PDF(r)
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"html": string(HTML(r)), "json": string(js), "csv": string(CSV(r)), "pdf": pdfToText(t, pdf)} {
		if strings.Contains(out, "Bravo") {
			t.Errorf("Alpha's %s handout mentions Bravo", name)
		}
		if !strings.Contains(out, "Alpha") {
			t.Errorf("Alpha's %s handout does not name Alpha", name)
		}
	}
	if len(r.Improvements) == 0 || len(r.Plan) != len(r.Improvements) {
		t.Errorf("Alpha's areas for improvement %v, plan %v", r.Improvements, r.Plan)
	}
	if r := worldReport(t, "en", "Nobody"); len(r.Teams) != 0 {
		t.Errorf("an unknown team's handout has teams %v", r.Teams)
	}
}

func TestTimelineAndCurvesFollowTheLog(t *testing.T) {
	st, events := playedWorld(t)
	r := Build(st, events, "en", "")
	if len(r.Timeline) != len(events) {
		t.Fatalf("%d timeline entries for %d events", len(r.Timeline), len(events))
	}
	for i := 1; i < len(r.Timeline); i++ {
		if r.Timeline[i].AtSeconds < r.Timeline[i-1].AtSeconds || r.Timeline[i].Text == "" {
			t.Fatalf("entry %d out of order or empty: %+v", i, r.Timeline[i])
		}
	}
	for _, tr := range r.Teams {
		if len(tr.Curves) != len(st.Scenario.World) {
			t.Fatalf("%s has %d curves", tr.Name, len(tr.Curves))
		}
		for i, c := range tr.Curves {
			last := c.Points[len(c.Points)-1]
			if last.Value != tr.World[i].Value || last.AtSeconds != tr.Ending.AtSeconds {
				t.Errorf("%s %s curve ends at %+v, want %g at %g", tr.Name, c.Variable, last, tr.World[i].Value, tr.Ending.AtSeconds)
			}
		}
	}
	// Alpha stayed silent: attention rose by 10 every 5 minutes.
	if got := r.Teams[0].Curves[0].Points[2]; got.AtSeconds != 600 || got.Value != 20 {
		t.Errorf("Alpha's attention at 10m: %+v", got)
	}
	if Build(st, nil, "en", "").Timeline == nil {
		t.Error("no log: the timeline must be empty, not null")
	}
}

func TestFindingsAndRatings(t *testing.T) {
	r := worldReport(t, "en", "")
	codes := map[string]bool{}
	for _, f := range append(r.Strengths, r.Improvements...) {
		codes[f.Team+"/"+f.Code] = true
	}
	for _, want := range []string{"Bravo/fast-first-response", "Bravo/deadline-met", "Bravo/strong-option",
		"Bravo/statement-facts-missing", "Alpha/deadline-missed", "Alpha/decision-unanswered"} {
		if !codes[want] {
			t.Errorf("no finding %s in %v", want, codes)
		}
	}
	got := map[string]string{}
	for _, ot := range r.Objectives[0].Teams {
		got[ot.Team] = ot.Suggested
	}
	if got["Alpha"] != "U" || got["Bravo"] != "P" {
		t.Errorf("suggested ratings %v, want Alpha U (no answer) and Bravo P (on time, transparent)", got)
	}
}

func TestFacilitatorJudgementInReport(t *testing.T) {
	src, err := os.ReadFile("../engine/testdata/world.yaml")
	if err != nil {
		t.Fatal(err)
	}
	log := &engine.MemoryLog{}
	s, err := engine.Start(engine.Config{ScenarioID: "world", Source: src, Teams: []string{"Alpha", "Bravo"}, Lang: "en", Seed: 42}, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AdvanceTo(60 * time.Minute); err != nil {
		t.Fatal(err)
	}
	for _, c := range []engine.Command{
		{Kind: engine.CmdNote, Team: "Alpha", Text: "Alpha argued about the wording for ten minutes"},
		{Kind: engine.CmdNote, Text: "The room lost power at 0:20"},
		{Kind: engine.CmdRate, Team: "Alpha", Objective: "notify", Rating: "M", Text: "they drafted, but too late"},
		{Kind: engine.CmdOverride, Team: "Alpha", Dimension: "empathy", Value: 40, Text: "kind words in the room"},
	} {
		if err := s.Send(c); err != nil {
			t.Fatal(err)
		}
	}
	var st *engine.State
	s.Read(func(x *engine.State) { st = x })
	r := Build(st, log.Events, "en", "")
	a := r.Teams[0]
	if len(a.Notes) != 1 || len(r.Notes) != 1 || r.Objectives[0].Teams[0].Rating != "M" || len(a.Overrides) != 1 || a.Scores["empathy"] != 40 {
		t.Fatalf("notes %v / %v, rating %+v, overrides %v, scores %v", a.Notes, r.Notes, r.Objectives[0].Teams[0], a.Overrides, a.Scores)
	}
	h := string(HTML(r))
	for _, want := range []string{"Alpha argued", "The room lost power", "they drafted, but too late", "kind words in the room"} {
		if !strings.Contains(h, want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
	if _, err := PDF(r); err != nil {
		t.Fatal(err)
	}
}

func TestPDFWrapKeepsPunctuation(t *testing.T) {
	fc, err := pdfFonts()
	if err != nil {
		t.Fatal(err)
	}
	p := &gopdf.GoPdf{}
	p.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	if err := p.AddTTFFontFromFontContainer(fontRegular, fc); err != nil {
		t.Fatal(err)
	}
	w := &pdfWriter{p: p, lang: "zh", widths: map[string]map[rune]float64{}}
	w.newPage()
	w.font(fontRegular, 9)
	text := "建议评级由演练依据自动得出，仅供评估人员参考，并非结论。记为“失败”；小组因进入下一阶段而放弃的决策不计入。Suggested ratings come from the evidence."
	for _, width := range []float64{40, 61, 97, 150, 230} {
		lines := w.wrap(text, width)
		if got, want := strings.ReplaceAll(strings.Join(lines, ""), " ", ""), strings.ReplaceAll(text, " ", ""); got != want {
			t.Fatalf("width %g: the lines %q do not hold the text", width, lines)
		}
		for i, l := range lines {
			if i > 0 && strings.ContainsAny(firstRune(l), noLineStart) {
				t.Errorf("width %g: line %d starts with closing punctuation: %q", width, i, l)
			}
			if strings.ContainsAny(lastRune(l), noLineEnd) {
				t.Errorf("width %g: line %d ends with opening punctuation: %q", width, i, l)
			}
			if w.width(l) > width+w.size*1.1 { // a glued punctuation mark may overhang
				t.Errorf("width %g: line %q is %g wide", width, l, w.width(l))
			}
		}
	}
}

func firstRune(s string) string {
	for _, r := range s {
		return string(r)
	}
	return ""
}

func lastRune(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return ""
	}
	return string(r[len(r)-1])
}

// The fonts are parsed once and shared: documents made at the same time
// must not disturb each other (run with -race).
func TestPDFConcurrent(t *testing.T) {
	st, events := playedWorld(t)
	want, err := PDF(Build(st, events, "zh", ""))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := PDF(Build(st, events, "zh", ""))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("a PDF made alongside others differs (err %v)", err)
			}
		}()
	}
	wg.Wait()
}
