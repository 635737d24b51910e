package msel

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// The parts every workbook has, besides its sheet.
var workbookParts = map[string]string{
	"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
	"_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
	"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<sheets><sheet name="MSEL" sheetId="1" r:id="rId1"/></sheets></workbook>`,
	"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
}

// bombXLSX writes a workbook whose sheet is `rows` copies of one row of
// inline strings: highly compressible, so a small file that unzips to a
// sheet of any size.
func bombXLSX(t testing.TB, w io.Writer, rows int, row string) {
	t.Helper()
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"} {
		f, _ := zw.Create(name)
		io.WriteString(f, workbookParts[name])
	}
	f, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(f, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	io.WriteString(f, `<row><c t="inlineStr"><is><t>Time</t></is></c><c t="inlineStr"><is><t>Message</t></is></c></row>`)
	chunk := []byte(strings.Repeat(row, 1000))
	for i := 0; i < rows/1000; i++ {
		f.Write(chunk)
	}
	io.WriteString(f, strings.Repeat(row, rows%1000))
	io.WriteString(f, `</sheetData></worksheet>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

const bombRow = `<row><c t="inlineStr"><is><t>09:00</t></is></c><c t="inlineStr"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>`

var (
	bombOnce  sync.Once
	bombDir   string
	bombPaths map[string]string
)

// TestMain removes the hostile files, made once for the tests that use them.
// Started by TestLimitsMemory with MSEL_LIMITS_CHILD set, the test binary
// is that test's child instead: it imports the one file and reports.
func TestMain(m *testing.M) {
	if path := os.Getenv("MSEL_LIMITS_CHILD"); path != "" {
		os.Exit(limitsChild(path))
	}
	code := m.Run()
	if bombDir != "" {
		os.RemoveAll(bombDir)
	}
	os.Exit(code)
}

// hostileFiles returns the hostile workbooks, written once.
func hostileFiles(t testing.TB) map[string]string {
	t.Helper()
	bombOnce.Do(func() {
		dir, err := os.MkdirTemp("", "msel-limits-")
		if err != nil {
			t.Fatal(err)
		}
		bombDir = dir
		bombPaths = bombFiles(t, dir)
		bombPaths["wide"] = filepath.Join(dir, "wide.xlsx")
		writeWide(t, bombPaths["wide"])
	})
	if bombPaths == nil {
		t.Fatal("the hostile files were not written")
	}
	return bombPaths
}

// bombFiles writes the hostile workbooks the limits must refuse.
func bombFiles(t testing.TB, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	// A genuine zip bomb: a sheet of over 100 MB in a file of a few hundred KB.
	var b bytes.Buffer
	bombXLSX(t, &b, 100<<20/len(bombRow)+1000, bombRow)
	files["bomb"] = filepath.Join(dir, "bomb.xlsx")
	os.WriteFile(files["bomb"], b.Bytes(), 0o644)

	// A workbook whose directory declares a 4 GiB sheet (a lie that Go's
	// zip reader would catch while inflating; it must not get that far).
	b.Reset()
	zw := zip.NewWriter(&b)
	for name, body := range workbookParts {
		f, _ := zw.Create(name)
		io.WriteString(f, body)
	}
	payload := []byte{0x03, 0x00} // an empty deflate stream
	h := &zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(nil),
		CompressedSize64: uint64(len(payload)), UncompressedSize64: 4 << 30}
	f, _ := zw.CreateRaw(h)
	f.Write(payload)
	zw.Close()
	files["liar"] = filepath.Join(dir, "liar.xlsx")
	os.WriteFile(files["liar"], b.Bytes(), 0o644)

	// A sheet just under the size limit, with more rows than an MSEL has.
	b.Reset()
	bombXLSX(t, &b, (MaxSheetXML-4096)/len(bombRow)/1000*1000, bombRow)
	files["rows"] = filepath.Join(dir, "rows.xlsx")
	os.WriteFile(files["rows"], b.Bytes(), 0o644)

	// A sheet just under the size limit of a few rows with huge cells.
	b.Reset()
	huge := `<row><c t="inlineStr"><is><t>09:00</t></is></c><c t="inlineStr"><is><t>` + strings.Repeat("x", 200_000) + `</t></is></c></row>`
	bombXLSX(t, &b, (MaxSheetXML-4096)/len(huge), huge)
	files["cells"] = filepath.Join(dir, "cells.xlsx")
	os.WriteFile(files["cells"], b.Bytes(), 0o644)

	// A shared-string table just under the size limit for a part, that
	// excelize reads whole.
	b.Reset()
	zw = zip.NewWriter(&b)
	for name, body := range workbookParts {
		f, _ := zw.Create(name)
		io.WriteString(f, body)
	}
	f, _ = zw.Create("xl/sharedStrings.xml")
	io.WriteString(f, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	var item strings.Builder
	for i := 0; item.Len() < MaxPartXML-100_000; i++ {
		fmt.Fprintf(&item, "<si><t>shared string %d</t></si>", i)
	}
	io.WriteString(f, item.String()+`</sst>`)
	f, _ = zw.Create("xl/worksheets/sheet1.xml")
	io.WriteString(f, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`+strings.Repeat(`<row><c t="s"><v>2</v></c><c t="s"><v>3</v></c></row>`, 6000)+`</sheetData></worksheet>`)
	zw.Close()
	files["strings"] = filepath.Join(dir, "strings.xlsx")
	os.WriteFile(files["strings"], b.Bytes(), 0o644)

	// A file of 100 MB (sparse: it takes no disk).
	files["big"] = filepath.Join(dir, "big.xlsx")
	fh, err := os.Create(files["big"])
	if err != nil {
		t.Fatal(err)
	}
	fh.Write([]byte("PK\x03\x04"))
	fh.Truncate(100 << 20)
	fh.Close()
	return files
}

// TestLimitsRefuseHostileFiles checks that each hostile file is refused,
// with an error that says which limit. How fast is BenchmarkLimitsRefuse's
// to say (docs/msel.md gives the figures), not a timed assertion here.
func TestLimitsRefuseHostileFiles(t *testing.T) {
	files := hostileFiles(t)
	for name, want := range map[string]string{
		"wide":    "more than 60000 cells",
		"bomb":    "unzips to 100.",
		"liar":    "unzips to 4.0 GiB",
		"rows":    "more than 5000 rows",
		"big":     "the file is 100.0 MiB; an MSEL may be at most 16.0 MiB",
		"cells":   "characters; a cell may have at most 20000",
		"strings": "more than 5000 rows",
	} {
		fi, _ := os.Stat(files[name])
		m, errs := ReadFile(files[name], Auto)
		if m != nil || !strings.Contains(errs.Error(), want) {
			t.Errorf("%s: got %v, want an error saying %q", name, errs, want)
			continue
		}
		t.Logf("%s (%s on disk): refused: %v", name, size(fi.Size()), errs.Errors()[0])
	}
}

// BenchmarkLimitsRefuse times refusing each hostile file: a refusal must
// come well inside the 2 s a person waits for an import without worrying.
func BenchmarkLimitsRefuse(b *testing.B) {
	files := hostileFiles(b)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if m, errs := ReadFile(files[name], Auto); m != nil || errs == nil {
					b.Fatalf("%s was not refused", name)
				}
			}
		})
	}
}

func TestLimitsOfTextFiles(t *testing.T) {
	var b strings.Builder
	b.WriteString("Time,Message\n")
	for i := 0; i <= MaxRows; i++ {
		fmt.Fprintf(&b, "09:%02d,row %d\n", i%60, i)
	}
	if _, errs := Parse("rows.csv", []byte(b.String()), Auto, ""); !strings.Contains(errs.Error(), "rows.csv: row 5002: error: the file has more than 5000 rows") &&
		!strings.Contains(errs.Error(), "more than 5000 rows") {
		t.Errorf("rows: %v", errs)
	}
	long := "Time,Message\n09:00," + strings.Repeat("y", MaxCellChars+1) + "\n"
	if _, errs := Parse("cell.csv", []byte(long), Auto, ""); !strings.Contains(errs.Error(), `cell.csv: row 2, column B "Message": error: the cell has 20001 characters`) {
		t.Errorf("cell: %v", errs)
	}
	wide := "Time,Message" + strings.Repeat(",x", MaxColumns) + "\n"
	if _, errs := Parse("wide.csv", []byte(wide), Auto, ""); !strings.Contains(errs.Error(), "at most 100 columns") {
		t.Errorf("columns: %v", errs)
	}
	var j strings.Builder
	j.WriteString("[")
	for i := 0; i <= MaxRows; i++ {
		if i > 0 {
			j.WriteString(",")
		}
		j.WriteString(`{"Real Time":"09:00","Script":"x","Player":"A"}`)
	}
	j.WriteString("]")
	if _, errs := Parse("items.json", []byte(j.String()), Auto, ""); !strings.Contains(errs.Error(), "more than 5000 items") {
		t.Errorf("json: %v", errs)
	}
	if _, errs := Parse("huge.csv", make([]byte, MaxFileSize+1), Auto, ""); !strings.Contains(errs.Error(), "at most 16.0 MiB") {
		t.Errorf("size: %v", errs)
	}
	if _, errs := Parse("utf16.csv", []byte{0xFF, 0xFE, 'T', 0}, Auto, ""); !strings.Contains(errs.Error(), "UTF-16") {
		t.Errorf("utf16: %v", errs)
	}
	if _, errs := Parse("latin1.csv", []byte("Time,Message\n09:00,caf\xe9\n"), Auto, ""); !strings.Contains(errs.Error(), "latin1.csv: line 2: error: the file is not UTF-8") {
		t.Errorf("latin1: %v", errs)
	}
}

func TestLimitsManyParts(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i <= MaxZipEntries; i++ {
		zw.Create(fmt.Sprintf("xl/media/p%d.png", i))
	}
	zw.Close()
	if _, errs := Parse("parts.xlsx", b.Bytes(), Auto, ""); !strings.Contains(errs.Error(), "1001 parts") {
		t.Errorf("got %v", errs)
	}
}

// writeWide writes the largest sheet the limits let through to excelize:
// rows of 100 columns up to the sheet size limit (more rows than an MSEL
// may have, so it is refused after it is read).
func writeWide(t testing.TB, path string) {
	t.Helper()
	var row strings.Builder
	row.WriteString(`<row>`)
	row.WriteString(`<c t="inlineStr"><is><t>09:00</t></is></c>`)
	for i := 1; i < MaxColumns; i++ {
		row.WriteString(`<c t="inlineStr"><is><t>message text in a cell</t></is></c>`)
	}
	row.WriteString(`</row>`)
	var b bytes.Buffer
	bombXLSX(t, &b, (MaxSheetXML-4096)/row.Len(), row.String())
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// limitsChild imports one file as TestLimitsMemory's child process and
// prints how it was refused and the process's peak resident set (VmHWM).
func limitsChild(path string) int {
	start := time.Now()
	m, errs := ReadFile(path, Auto)
	took := time.Since(start)
	if m != nil {
		fmt.Printf("read %d rows\n", m.Rows)
		return 1
	}
	fmt.Printf("refused: in %s: %v\n", took, errs.Errors()[0])
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		fmt.Println(err)
		return 1
	}
	for _, line := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			fmt.Println(line)
		}
	}
	return 0
}
