package msel

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"

	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

const (
	t3sfJSON = "testdata/t3sf-MSEL_EXAMPLE.json"
	t3sfXLSX = "testdata/t3sf-MSEL.xlsx"
	hseepCSV = "testdata/hseep-msel.csv"
)

// importFile reads and converts a file, failing the test on errors.
func importFile(t *testing.T, path string, f Format) (*MSEL, *Result, ErrorList) {
	t.Helper()
	m, errs := ReadFile(path, f)
	if m == nil {
		t.Fatalf("%s: not read:\n%v", path, errs)
	}
	res, more := Convert(m, ConvertOptions{})
	errs = append(errs, more...)
	if res == nil {
		t.Fatalf("%s: not converted:\n%v", path, errs)
	}
	return m, res, errs
}

// allInjects lists a scenario's timed injects in phase order, with each
// one's time from the start of the exercise (phases follow one another by
// their continue).
type timedInject struct {
	in    *scenario.Inject
	phase *scenario.Phase
	abs   time.Duration
}

func allInjects(s *scenario.Scenario) []timedInject {
	var out []timedInject
	start := time.Duration(0)
	for _, p := range s.Phases {
		for _, in := range p.Injects {
			out = append(out, timedInject{in, p, start + in.At})
		}
		if p.Continue != nil {
			start += p.Continue.After
		}
	}
	return out
}

// t3sfJSONItems decodes the T3SF JSON fixture on its own, without this
// package, to count and check its rows.
func t3sfJSONItems(t *testing.T) []map[string]any {
	t.Helper()
	b, err := os.ReadFile(t3sfJSON)
	if err != nil {
		t.Fatal(err)
	}
	var items []map[string]any
	if err := json.Unmarshal(b, &items); err != nil {
		t.Fatal(err)
	}
	return items
}

// xlsxDataRows counts the rows of the first worksheet that hold a value,
// by reading the sheet's XML directly (not through excelize), less the
// header row.
func xlsxDataRows(t *testing.T, path string) int {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "xl/worksheets/sheet1.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		var ws struct {
			Rows []struct {
				Cells []struct {
					V  *string `xml:"v"`
					IS *struct {
						T string `xml:"t"`
					} `xml:"is"`
				} `xml:"c"`
			} `xml:"sheetData>row"`
		}
		if err := xml.NewDecoder(rc).Decode(&ws); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, r := range ws.Rows {
			for _, c := range r.Cells {
				if (c.V != nil && *c.V != "") || c.IS != nil {
					n++
					break
				}
			}
		}
		return n - 1
	}
	t.Fatal("no sheet1.xml")
	return 0
}

func TestT3SFJSONEveryItemIsAnInject(t *testing.T) {
	items := t3sfJSONItems(t)
	if len(items) < 10 {
		t.Fatalf("fixture has %d items", len(items))
	}
	m, res, errs := importFile(t, t3sfJSON, Auto)
	if m.Format != T3SF {
		t.Fatalf("detected %s, want t3sf", m.Format)
	}
	got := allInjects(res.Scenario)
	if len(got) != len(items) || res.Injects != len(items) || m.Rows != len(items) {
		t.Fatalf("%d injects (result says %d, rows %d) from %d items", len(got), res.Injects, m.Rows, len(items))
	}
	roles := map[string]string{}
	for _, r := range res.Scenario.Roles {
		roles[r.ID] = r.Label.Get("en")
	}
	first, _ := time.Parse("03:04 PM", items[0]["Real Time"].(string))
	polls := 0
	for i, it := range items {
		in := got[i]
		s := func(k string) string { v, _ := it[k].(string); return strings.TrimSpace(v) }
		if in.in.From.Get("en") != s("From") {
			t.Errorf("item %d: from %q, want %q", i+1, in.in.From.Get("en"), s("From"))
		}
		if len(in.in.To) != 1 || roles[in.in.To[0]] != s("Player") {
			t.Errorf("item %d: to %v, want the role %q", i+1, in.in.To, s("Player"))
		}
		text := in.in.Text.Get("en")
		for _, k := range []string{"Subject", "Script", "Date"} {
			if !strings.Contains(text, s(k)) {
				t.Errorf("item %d: text %q lacks its %s %q", i+1, text, k, s(k))
			}
		}
		for _, k := range []string{"Photo", "Profile"} {
			if v := s(k); v != "" && !strings.Contains(text, v) {
				t.Errorf("item %d: text lacks its %s %q", i+1, k, v)
			}
		}
		rt, err := time.Parse("03:04 PM", s("Real Time"))
		if err != nil {
			t.Fatal(err)
		}
		if in.abs != rt.Sub(first) {
			t.Errorf("item %d: arrives at %s, want %s", i+1, in.abs, rt.Sub(first))
		}
		if in.in.Channel != "email" {
			t.Errorf("item %d: channel %q", i+1, in.in.Channel)
		}
		if poll := s("Poll"); poll != "" {
			polls++
			d := in.phase.Decision(in.in.Opens)
			if d == nil {
				t.Fatalf("item %d: poll %q opens no decision", i+1, poll)
			}
			want := strings.Split(poll, "|")
			if len(d.Options) != len(want) {
				t.Fatalf("item %d: %d options, want %q", i+1, len(d.Options), want)
			}
			for k, o := range d.Options {
				if o.Text.Get("en") != strings.TrimSpace(want[k]) {
					t.Errorf("item %d option %d: %q, want %q", i+1, k, o.Text.Get("en"), want[k])
				}
			}
		} else if in.in.Opens != "" {
			t.Errorf("item %d: no poll, yet it opens %q", i+1, in.in.Opens)
		}
	}
	if polls == 0 || res.Decisions != polls {
		t.Errorf("%d decisions for %d polls", res.Decisions, polls)
	}
	// Every URL picture is a warning that names the item and the key.
	urls := 0
	for _, it := range items {
		for _, k := range []string{"Photo", "Profile"} {
			if v, _ := it[k].(string); strings.HasPrefix(v, "http") {
				urls++
			}
		}
	}
	n := 0
	for _, e := range errs {
		if strings.Contains(e.Msg, "web address") {
			n++
			if e.Pos.Row == 0 || (e.Pos.Column != "Photo" && e.Pos.Column != "Profile") || e.Pos.File != t3sfJSON {
				t.Errorf("badly placed: %v", e)
			}
		}
	}
	if n != urls {
		t.Errorf("%d web-address warnings for %d URLs", n, urls)
	}
	if len(res.Lint.Errors()) > 0 {
		t.Fatalf("lint errors: %v", res.Lint)
	}
}

func TestT3SFXLSXEveryRowIsAnInject(t *testing.T) {
	rows := xlsxDataRows(t, t3sfXLSX)
	if rows < 10 {
		t.Fatalf("fixture has %d rows", rows)
	}
	m, res, errs := importFile(t, t3sfXLSX, Auto)
	if m.Format != T3SF || m.Sheet != "main" {
		t.Fatalf("read as %s, sheet %q", m.Format, m.Sheet)
	}
	got := allInjects(res.Scenario)
	if len(got) != rows || m.Rows != rows {
		t.Fatalf("%d injects from %d rows", len(got), rows)
	}
	// The same MSEL as the JSON example, written as a workbook: same
	// senders, recipients, times.
	items := t3sfJSONItems(t)
	first, _ := time.Parse("03:04 PM", items[0]["Real Time"].(string))
	for i := range min(len(items), len(got)) {
		rt, _ := time.Parse("03:04 PM", items[i]["Real Time"].(string))
		if got[i].abs != rt.Sub(first) {
			t.Errorf("row %d arrives at %s, want %s", i+2, got[i].abs, rt.Sub(first))
		}
		if got[i].in.From.Get("en") != items[i]["From"] {
			t.Errorf("row %d from %q", i+2, got[i].in.From.Get("en"))
		}
	}
	for _, e := range errs {
		if e.Pos.Sheet != "main" || e.Pos.Row < 2 || e.Pos.Letter == "" || e.Pos.Column == "" {
			t.Errorf("a problem without sheet, row and column: %v", e)
		}
	}
	if res.Decisions != 2 {
		t.Errorf("%d decisions, want the 2 polls", res.Decisions)
	}
}

// sameInjects compares two scenarios inject by inject.
func sameInjects(t *testing.T, what string, a, b *scenario.Scenario) {
	t.Helper()
	x, y := allInjects(a), allInjects(b)
	if len(x) != len(y) {
		t.Fatalf("%s: %d injects became %d", what, len(x), len(y))
	}
	roleLabel := func(s *scenario.Scenario, ids []string) string {
		var out []string
		for _, id := range ids {
			for _, r := range s.Roles {
				if r.ID == id {
					out = append(out, r.Label.Get("en"))
				}
			}
		}
		return strings.Join(out, ";")
	}
	for i := range x {
		p, q := x[i], y[i]
		if p.in.ID != q.in.ID || p.abs != q.abs || p.in.Channel != q.in.Channel ||
			p.in.Text.Get("en") != q.in.Text.Get("en") || p.in.From.Get("en") != q.in.From.Get("en") ||
			roleLabel(a, p.in.To) != roleLabel(b, q.in.To) {
			t.Errorf("%s: inject %d changed:\n %s %s %s %q from %q to %q\n %s %s %s %q from %q to %q", what, i+1,
				p.in.ID, p.abs, p.in.Channel, p.in.Text.Get("en"), p.in.From.Get("en"), roleLabel(a, p.in.To),
				q.in.ID, q.abs, q.in.Channel, q.in.Text.Get("en"), q.in.From.Get("en"), roleLabel(b, q.in.To))
		}
		if (p.in.Opens == "") != (q.in.Opens == "") {
			t.Errorf("%s: inject %d opens %q, then %q", what, i+1, p.in.Opens, q.in.Opens)
			continue
		}
		if p.in.Opens != "" {
			d, e := p.phase.Decision(p.in.Opens), q.phase.Decision(q.in.Opens)
			if d.Prompt.Get("en") != e.Prompt.Get("en") || len(d.Options) != len(e.Options) {
				t.Errorf("%s: decision %s changed", what, d.ID)
			}
			for k := range min(len(d.Options), len(e.Options)) {
				if d.Options[k].Text.Get("en") != e.Options[k].Text.Get("en") {
					t.Errorf("%s: option %d of %s changed", what, k, d.ID)
				}
			}
		}
	}
}

// TestRoundTrip imports the T3SF files, exports them as MSELs (XLSX and
// CSV, English and Chinese column names) and imports those: every inject
// comes back, at the same time, with the same text, sender, recipients and
// decision.
func TestRoundTrip(t *testing.T) {
	for _, src := range []string{t3sfJSON, t3sfXLSX, hseepCSV} {
		_, res, _ := importFile(t, src, Auto)
		for _, lang := range []string{"en", "zh"} {
			sh := Export(res.Scenario, res.YAML, lang)
			if sh.Injects != res.Injects || len(sh.Rows) != res.Injects {
				t.Fatalf("%s: exported %d rows (%d injects) of %d injects", src, len(sh.Rows), sh.Injects, res.Injects)
			}
			x, err := sh.XLSX()
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []struct {
				name string
				data []byte
			}{{"back.xlsx", x}, {"back.csv", sh.CSV()}} {
				what := src + " → " + lang + " " + f.name
				m, errs := Parse(f.name, f.data, Auto, "")
				if m == nil {
					t.Fatalf("%s: %v", what, errs)
				}
				if m.Format != HSEEP {
					t.Errorf("%s: read as %s", what, m.Format)
				}
				back, more := Convert(m, ConvertOptions{ID: "back", Lang: "en"})
				if back == nil {
					t.Fatalf("%s: %v", what, more)
				}
				sameInjects(t, what, res.Scenario, back.Scenario)
				// The MSEL columns players do not see come back too.
				if src == hseepCSV && lang == "en" {
					sh2 := Export(back.Scenario, back.YAML, "en")
					for i := range sh.Rows {
						if strings.Join(sh.Rows[i], "|") != strings.Join(sh2.Rows[i], "|") {
							t.Errorf("%s: row %d\n %q\n %q", what, i+1, sh.Rows[i], sh2.Rows[i])
						}
					}
				}
			}
		}
	}
}

func TestHSEEPCSV(t *testing.T) {
	m, res, errs := importFile(t, hseepCSV, Auto)
	if m.Format != HSEEP || m.Title == "" {
		t.Fatalf("format %s, title %q", m.Format, m.Title)
	}
	b, _ := os.ReadFile(hseepCSV)
	rows := 0
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if line != "" && line[0] >= '0' && line[0] <= '9' {
			rows++
		}
	}
	if res.Injects != rows {
		t.Fatalf("%d injects from %d rows", res.Injects, rows)
	}
	if res.Phases != 2 || res.Scenario.Phases[1].ID != "module-2-escalation" {
		t.Fatalf("%d phases: %v", res.Phases, res.Scenario.Phases[1].ID)
	}
	if res.Decisions != 0 {
		t.Errorf("%d decisions: an HSEEP MSEL asks for no answers", res.Decisions)
	}
	all := allInjects(res.Scenario)
	wantAt := []time.Duration{0, 15 * time.Minute, 25 * time.Minute, 45 * time.Minute, time.Hour}
	wantCh := []string{"email", "phone", "memo", "regulator", "social"}
	for i, in := range all {
		if in.abs != wantAt[i] || in.in.Channel != wantCh[i] {
			t.Errorf("inject %d at %s on %s, want %s on %s", i+1, in.abs, in.in.Channel, wantAt[i], wantCh[i])
		}
	}
	if len(all[0].in.To) != 2 {
		t.Errorf("to %v: two recipients", all[0].in.To)
	}
	// The unknown column is reported by name, where it is.
	found := false
	for _, e := range errs {
		if strings.Contains(e.Msg, `unknown column "Location"`) {
			found = true
			if e.Pos.Row != 3 || e.Pos.Letter != "K" || e.Pos.File != hseepCSV {
				t.Errorf("misplaced: %v", e)
			}
		}
	}
	if !found {
		t.Errorf("Location not reported: %v", errs)
	}
	// Expected actions, objectives, notes and the unknown column are in
	// the file for the facilitator, not in what players read.
	y := string(res.YAML)
	for _, want := range []string{`# msel expected action: "Open an incident`, `# msel objective: "Operational Coordination"`,
		`# msel notes: "Deliver by email`, `# msel column "Location": "EOC"`} {
		if !strings.Contains(y, want) {
			t.Errorf("scenario lacks %s", want)
		}
	}
	if strings.Contains(all[0].in.Text.Get("en"), "Open an incident") {
		t.Error("the expected action is in the players' text")
	}
}

// xlsxFile builds a workbook from rows of cells (a cell may be a string,
// a number, or a float64 time with a time format).
func xlsxFile(t testing.TB, sheets map[string][][]any, order ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	timeStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 20}) // h:mm
	for i, name := range order {
		if i == 0 {
			f.SetSheetName("Sheet1", name)
		} else {
			f.NewSheet(name)
		}
		for r, row := range sheets[name] {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if tv, ok := v.(clock); ok {
					f.SetCellFloat(name, cell, float64(tv)/float64(24*time.Hour), -1, 64)
					f.SetCellStyle(name, cell, cell, timeStyle)
					continue
				}
				f.SetCellValue(name, cell, v)
			}
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

type clock time.Duration

func TestHSEEPXLSXChineseHeadersAndTimeCells(t *testing.T) {
	data := xlsxFile(t, map[string][][]any{
		"说明": {{"本工作簿的第二页是演练事件清单。"}},
		"MSEL": {
			{"编号", "阶段", "时间", "发送方", "接收方", "渠道", "内容", "预期行动", "选项"},
			{1, "第一阶段", clock(14 * time.Hour), "市场监管局", "法务", "电话", "请说明产品抽检不合格的情况。", "如实说明并承诺整改", ""},
			{2, "第一阶段", clock(14*time.Hour + 20*time.Minute), "记者", "新闻发言人、法务", "微博", "网传贵公司产品有问题，是否属实？", "", "回应 | 不回应"},
			{3, "第二阶段", clock(15 * time.Hour), "客户", "客服", "客户来电", "我要退货。", "", ""},
		},
	}, "说明", "MSEL")
	m, errs := Parse("zh.xlsx", data, Auto, "")
	if m == nil {
		t.Fatal(errs)
	}
	res, more := Convert(m, ConvertOptions{})
	if res == nil {
		t.Fatal(more)
	}
	if res.Lang != "zh" || res.Injects != 3 || res.Phases != 2 || res.Decisions != 1 {
		t.Fatalf("lang %s, %d injects, %d phases, %d decisions", res.Lang, res.Injects, res.Phases, res.Decisions)
	}
	if res.Scenario.Languages[0] != "zh" {
		t.Errorf("languages %v", res.Scenario.Languages)
	}
	all := allInjects(res.Scenario)
	want := []time.Duration{0, 20 * time.Minute, time.Hour}
	ch := []string{"phone", "social", "customer"}
	for i := range all {
		if all[i].abs != want[i] || all[i].in.Channel != ch[i] {
			t.Errorf("inject %d at %s on %s", i+1, all[i].abs, all[i].in.Channel)
		}
	}
	if len(all[1].in.To) != 2 {
		t.Errorf("to %v", all[1].in.To)
	}
	// The first sheet, with no MSEL on it, is named in a warning.
	found := false
	for _, e := range errs {
		found = found || (e.Pos.Sheet == "说明" && strings.Contains(e.Msg, "not read"))
	}
	if !found {
		t.Errorf("the skipped sheet is not reported: %v", errs)
	}
}

func TestOpenAEVSheet(t *testing.T) {
	data := xlsxFile(t, map[string][][]any{
		"Injects": {
			{"Inject type", "Title", "Description", "Trigger time", "Subject", "Body", "Teams", "Expectation score"},
			{"mail", "Phishing wave", "First sign", "D+0 H+0 M+0", "Password reset required", "Click here to keep your account.", "IT, Comms", 50},
			{"sms", "CEO texts", "", "D+0 H+0 M+45", "", "Call me now about the outage.", "Executives", 0},
			{"Media pressure", "Article", "Press picks it up", "D+0 H+2 M+0", "", "Local paper: 'Bank systems down'", "Comms", 0},
		},
	}, "Injects")
	m, errs := Parse("openaev.xlsx", data, Auto, "")
	if m == nil {
		t.Fatal(errs)
	}
	if m.Format != OpenAEV {
		t.Fatalf("read as %s", m.Format)
	}
	res, more := Convert(m, ConvertOptions{})
	if res == nil {
		t.Fatal(more)
	}
	all := allInjects(res.Scenario)
	if len(all) != 3 {
		t.Fatalf("%d injects", len(all))
	}
	wantAt := []time.Duration{0, 45 * time.Minute, 2 * time.Hour}
	wantCh := []string{"email", "phone", "news"}
	for i := range all {
		if all[i].abs != wantAt[i] || all[i].in.Channel != wantCh[i] {
			t.Errorf("inject %d at %s on %s", i+1, all[i].abs, all[i].in.Channel)
		}
	}
	if txt := all[0].in.Text.Get("en"); !strings.Contains(txt, "Password reset required") || !strings.Contains(txt, "Click here") {
		t.Errorf("text %q", txt)
	}
	// The title (kept, since the subject is the text's head) and the
	// description (kept, since the body is the message) are comments.
	y := string(res.YAML)
	for _, want := range []string{`# msel column "Title": "Phishing wave"`, `# msel column "Description": "First sign"`,
		`# msel column "Expectation score": "50"`} {
		if !strings.Contains(y, want) {
			t.Errorf("lacks %s", want)
		}
	}
	if !strings.Contains(all[1].in.Text.Get("en"), "CEO texts") {
		t.Errorf("with no subject the title heads the text: %q", all[1].in.Text.Get("en"))
	}
	n := 0
	for _, e := range errs {
		if strings.Contains(e.Msg, `unknown column "Expectation score"`) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("unknown column reported %d times: %v", n, errs)
	}
}

func TestProblemsArePositioned(t *testing.T) {
	csv := "Time,From,To,Message,Channel\n09:00,A,B,hello,email\nnoon-ish,A,B,second,email\n09:30,A,B,,email\n"
	m, errs := Parse("bad.csv", []byte(csv), Auto, "")
	if m != nil {
		t.Fatal("read despite errors")
	}
	want := map[string]bool{
		`bad.csv: row 3, column A "Time": error: "noon-ish" is not a time`:  false,
		`bad.csv: row 4, column D "Message": error: the row has no message`: false,
	}
	for _, e := range errs {
		for w := range want {
			if strings.HasPrefix(e.Error(), w) {
				want[w] = true
			}
		}
	}
	for w, ok := range want {
		if !ok {
			t.Errorf("missing %s in\n%v", w, errs)
		}
	}

	// JSON names the item, its line and the key.
	j := `[{"Real Time": "07:00 PM", "Script": "a", "Player": "X"},
 {"Real Time": {"h": 7}, "Script": "b", "Player": "X"}]`
	_, errs = Parse("bad.json", []byte(j), Auto, "")
	if len(errs) == 0 || errs[0].Error() != `bad.json: item 2 (line 2), key "Real Time": error: the value is an object; T3SF values are text or numbers` {
		t.Errorf("got %v", errs)
	}

	// No time column: the header's columns are named.
	_, errs = Parse("notime.csv", []byte("Message,From\nhi,me\n"), Auto, "")
	if len(errs) == 0 || !strings.Contains(errs[0].Error(), `notime.csv: row 1: error: no time column; the header has "Message", "From"`) {
		t.Errorf("got %v", errs)
	}
	// JSON is T3SF only.
	_, errs = Parse("x.json", []byte(j), HSEEP, "")
	if len(errs) == 0 || !strings.Contains(errs[0].Msg, "only T3SF") {
		t.Errorf("got %v", errs)
	}
	// An old .xls.
	_, errs = Parse("old.xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0}, make([]byte, 100)...), Auto, "")
	if len(errs) == 0 || !strings.Contains(errs[0].Msg, ".xlsx") {
		t.Errorf("got %v", errs)
	}
}

func TestLocalPictureAndPolls(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "leak.png"), []byte("png"), 0o644); err != nil {
		t.Fatal(err)
	}
	j := `[{"#": 1, "Real Time": "10:00", "Subject": "Leak", "From": "Bob", "Player": "Legal", "Script": "See the file.", "Photo": "leak.png", "Picture Name": "Leak", "Poll": "Yes"},
{"#": 2, "Real Time": "10:05", "Subject": "Again", "From": "Bob", "Player": "Legal", "Script": "Where?", "Photo": "gone.png", "Poll": "A | B | a"}]`
	path := filepath.Join(dir, "msel.json")
	os.WriteFile(path, []byte(j), 0o644)
	m, res, errs := importFile(t, path, Auto)
	_ = m
	all := allInjects(res.Scenario)
	if txt := all[0].in.Text.Get("en"); !strings.Contains(txt, "leak.png (the facilitator hands out this file)") || !strings.Contains(txt, "Poll: Yes") {
		t.Errorf("text %q", txt)
	}
	if txt := all[1].in.Text.Get("en"); !strings.Contains(txt, "gone.png (not found beside the MSEL)") {
		t.Errorf("text %q", txt)
	}
	if res.Decisions != 1 || len(res.Scenario.Phases[0].Decisions[0].Options) != 2 {
		t.Errorf("a one-option poll is no decision; a repeated option is offered once: %d decisions", res.Decisions)
	}
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	s := strings.Join(msgs, "\n")
	for _, want := range []string{`item 1 (line 1), key "Photo": warning: Photo leak.png is a local file`,
		`item 2 (line 2), key "Photo": warning: Photo gone.png is not a web address and no such file`,
		`item 1 (line 1), key "Poll": warning: the poll has one option`, `item 2 (line 2), key "Poll": warning: the poll lists an option twice`} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q in\n%s", want, s)
		}
	}
}

func TestTimes(t *testing.T) {
	for _, c := range []struct {
		in   string
		f    Format
		kind timeKind
		d    time.Duration
	}{
		{"09:30", HSEEP, kindClock, 9*time.Hour + 30*time.Minute},
		{"7:29 PM", T3SF, kindClock, 19*time.Hour + 29*time.Minute},
		{"12:05 AM", T3SF, kindClock, 5 * time.Minute},
		{"0930", HSEEP, kindClock, 9*time.Hour + 30*time.Minute},
		{"0930 hrs", HSEEP, kindClock, 9*time.Hour + 30*time.Minute},
		{"T+0:15", HSEEP, kindOffset, 15 * time.Minute},
		{"H+1:00:30", HSEEP, kindOffset, time.Hour + 30*time.Second},
		{"+15m", HSEEP, kindOffset, 15 * time.Minute},
		{"T+30", HSEEP, kindOffset, 30 * time.Minute},
		{"1h30m", HSEEP, kindOffset, 90 * time.Minute},
		{"45", HSEEP, kindOffset, 45 * time.Minute},
		{"D+1 H+2 M+30", OpenAEV, kindOffset, 26*time.Hour + 30*time.Minute},
		{"J+0 T+3", OpenAEV, kindOffset, 3 * time.Hour},
		{"2025-03-12 09:30", HSEEP, kindClock, 0},
		{"9时30分", HSEEP, kindClock, 9*time.Hour + 30*time.Minute},
	} {
		p, err := parseTime(c.in, "", c.f)
		if err != nil || p.kind != c.kind || (c.d != 0 && p.d != c.d) {
			t.Errorf("%q: %+v %v", c.in, p, err)
		}
	}
	for _, bad := range []string{"soon", "25:00", "9:75", "13 PM", "2025-02-30 09:00"} {
		if _, err := parseTime(bad, "", HSEEP); err == nil {
			t.Errorf("%q read as a time", bad)
		}
	}
	// An XLSX time cell: the stored fraction of a day.
	if p, err := parseTime("7:29 PM", "0.811805555555556", T3SF); err != nil || p.d != 19*time.Hour+29*time.Minute {
		t.Errorf("raw fraction: %+v %v", p, err)
	}
	// Past midnight is the next day.
	csv := "Time,Message\n23:50,a\n00:10,b\n"
	m, errs := Parse("late.csv", []byte(csv), Auto, "")
	if m == nil {
		t.Fatal(errs)
	}
	if *m.Events[1].At != 20*time.Minute {
		t.Errorf("across midnight: %s", *m.Events[1].At)
	}
}

func TestSectionsThatOverlap(t *testing.T) {
	// Section B starts (09:10) before section A's last inject (09:20): A
	// keeps its injects, and B's 09:10 inject arrives when B starts.
	csv := "Phase,Time,Message\nA,09:00,a1\nA,09:20,a2\nB,09:10,b1\nB,09:40,b2\n"
	m, errs := Parse("overlap.csv", []byte(csv), Auto, "")
	if m == nil {
		t.Fatal(errs)
	}
	res, more := Convert(m, ConvertOptions{})
	if res == nil {
		t.Fatal(more)
	}
	all := allInjects(res.Scenario)
	want := []time.Duration{0, 20 * time.Minute, 20 * time.Minute, 40 * time.Minute}
	for i := range all {
		if all[i].abs != want[i] {
			t.Errorf("inject %d at %s, want %s", i+1, all[i].abs, want[i])
		}
	}
	if len(more.Warnings()) != 1 || more[0].Pos.Row != 4 || more[0].Pos.Column != "Time" {
		t.Errorf("the shifted row is not reported: %v", more)
	}
}

func TestTooLongForAScenario(t *testing.T) {
	csv := "Time,Message\n2025-03-12 09:00,a\n2025-03-13 10:00,b\n"
	m, _ := Parse("long.csv", []byte(csv), Auto, "")
	if m == nil {
		t.Fatal("not read")
	}
	res, errs := Convert(m, ConvertOptions{})
	if res != nil || !strings.Contains(errs.Error(), `long.csv: row 3, column A "Time": error: the MSEL runs for 25:01:00; a Firebreak exercise lasts at most 24h`) {
		t.Errorf("got %v", errs)
	}
}

func TestExportBuiltinScenario(t *testing.T) {
	src, err := os.ReadFile("../../scenarios/beverage-recall.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, probs := scenario.Parse("beverage-recall.yaml", src)
	if s == nil {
		t.Fatal(probs)
	}
	injects := 0
	for _, p := range s.Phases {
		injects += len(p.Injects)
	}
	for _, tr := range s.Triggers {
		if tr.Inject != nil {
			injects++
		}
	}
	for _, d := range s.Deadlines {
		if d.OnMiss != nil && d.OnMiss.Inject != nil {
			injects++
		}
	}
	for _, lang := range []string{"en", "zh"} {
		sh := Export(s, src, lang)
		if sh.Injects != injects {
			t.Errorf("%s: %d inject rows of %d injects", lang, sh.Injects, injects)
		}
		decisions, expected := 0, 0
		for _, r := range sh.Rows {
			if r[xDecision] != "" {
				decisions++
			}
			if r[xExpected] != "" {
				expected++
			}
			untimed := r[xPhase] == exportWords[lang]["triggers"] || r[xPhase] == exportWords[lang]["deadlines"]
			if (r[xPhaseTime] == "") != untimed || r[xMessage] == "" {
				t.Errorf("%s: row without phase time or message: %q", lang, r)
			}
		}
		if decisions == 0 || expected == 0 {
			t.Errorf("%s: %d decision rows, %d with an expected action", lang, decisions, expected)
		}
		if sh.Rows[0][xTime] != "0:00:00" {
			t.Errorf("%s: the start's first inject at %q", lang, sh.Rows[0][xTime])
		}
		x, err := sh.XLSX()
		if err != nil {
			t.Fatal(err)
		}
		// What Firebreak writes, it reads.
		if m, errs := Parse("recall.xlsx", x, Auto, ""); m == nil || m.Rows != len(sh.Rows) {
			t.Errorf("%s: the export does not import: %v", lang, errs)
		}
	}
}

func TestCSVDefusesFormulas(t *testing.T) {
	sh := &Sheet{Header: []string{"Message"}, Rows: [][]string{{"=HYPERLINK(\"x\")"}, {"-5"}}}
	out := string(sh.CSV())
	if !strings.Contains(out, "'=HYPERLINK") || strings.Contains(out, "'-5") || !strings.HasPrefix(out, "\uFEFF") {
		t.Errorf("%q", out)
	}
}
