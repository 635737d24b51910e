package msel

import (
	"os"
	"testing"
	"time"
)

// checkImport holds for any input: no panic; every problem names its file;
// what is read converts into a scenario with one inject per row, or says
// why not; and what is exported from that scenario reads back with the
// same number of rows.
func checkImport(t *testing.T, name string, data []byte, f Format) {
	m, errs := Parse(name, data, f, "")
	for _, e := range errs {
		if e.Pos.File != name || e.Msg == "" {
			t.Fatalf("a problem without its file: %#v", e)
		}
	}
	if m == nil {
		if !errs.HasErrors() {
			t.Fatal("nothing read, and no error says why")
		}
		return
	}
	if m.Rows != len(m.Events) || m.Rows == 0 {
		t.Fatalf("%d rows, %d events", m.Rows, len(m.Events))
	}
	res, more := Convert(m, ConvertOptions{})
	if res == nil {
		if !more.HasErrors() {
			t.Fatal("not converted, and no error says why")
		}
		return
	}
	n := 0
	for _, p := range res.Scenario.Phases {
		n += len(p.Injects)
		if p.Continue != nil && p.Continue.After > 24*time.Hour {
			t.Fatalf("phase %s lasts %s", p.ID, p.Continue.After)
		}
	}
	if n != len(m.Events) || res.Injects != n {
		t.Fatalf("%d injects from %d rows", n, len(m.Events))
	}
	sh := Export(res.Scenario, res.YAML, "en")
	if sh.Injects != n {
		t.Fatalf("exported %d of %d injects", sh.Injects, n)
	}
	back, errs := Parse("back.csv", sh.CSV(), Auto, "")
	if back == nil || back.Rows != n {
		t.Fatalf("the export of %d injects reads back as %v: %v", n, back, errs)
	}
}

func seedFile(f *testing.F, path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
}

func FuzzParseJSON(f *testing.F) {
	seedFile(f, t3sfJSON)
	for _, s := range []string{
		`[]`, `{}`, `[1]`, `[{"Real Time":"07:00 PM","Script":"x","Player":"A","Poll":"a|b"}]`,
		`[{"#":1,"Real Time":"23:59","Subject":"s","Script":"","Photo":"p.png","Profile":"http://x"},{"#":1,"Real Time":"00:01","Script":"y"}]`,
		`[{"Real Time":"T+0:05","Script":"a","Real Time":"T+0:06"}]`, `[{"Real Time":null,"Script":true}] x`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkImport(t, "fuzz.json", data, Auto) })
}

func FuzzParseCSV(f *testing.F) {
	seedFile(f, hseepCSV)
	for _, s := range []string{
		"Time,Message\n09:00,a\n",
		"Phase;Time;From;To;Method;Message;Options\nA;T+0:00;x;y, z;phone;hello;yes | no\nB;T+0:10;x;y;fax;bye;\n",
		"title\n\nEvent #\tScenario Time\tPhase Time\tMessage\n1\t\t0:05:00\thi\n",
		"Time,Message\n\"09:00,a\n", "Time,Message,,\n1,,x,y\n", "\uFEFFTime,Subject\n2025-01-01 09:00,s\n2025-01-02 08:00,t\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkImport(t, "fuzz.csv", data, CSV) })
}

func FuzzParseXLSX(f *testing.F) {
	seedFile(f, t3sfXLSX)
	f.Add(xlsxFile(f, map[string][][]any{"S": {
		{"Event #", "Time", "To", "Inject", "Options", "Location"},
		{1, clock(9 * time.Hour), "A; B", "hello", "x | y", "room"},
		{"", clock(10 * time.Hour), "", "", "", ""},
	}}, "S"))
	sh := Export(mustImport(f, t3sfJSON).Scenario, nil, "zh")
	x, err := sh.XLSX()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(x)
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) { checkImport(t, "fuzz.xlsx", data, Auto) })
}

func mustImport(f *testing.F, path string) *Result {
	m, errs := ReadFile(path, Auto)
	if m == nil {
		f.Fatal(errs)
	}
	res, errs := Convert(m, ConvertOptions{})
	if res == nil {
		f.Fatal(errs)
	}
	return res
}
