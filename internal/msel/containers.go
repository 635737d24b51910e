package msel

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// readXLSX reads every sheet of a workbook, after checking its zip
// directory against the limits. Its stored values (for time cells) are read
// later, for the sheet that is imported; done closes the workbook.
func readXLSX(name string, data []byte, errs *ErrorList) (tables []*table, done func()) {
	top := Position{File: name}
	done = func() {}
	if err := checkZip(data); err != nil {
		errs.errorf(top, "%v", err)
		return nil, done
	}
	defer func() {
		// excelize is a large parser of untrusted input: a panic in it is
		// a file that cannot be read, not a crash.
		if r := recover(); r != nil {
			errs.errorf(top, "the workbook cannot be read (%v); open it in a spreadsheet program and save it again as .xlsx", r)
			tables = nil
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    MaxUnzipped,
		UnzipXMLSizeLimit: MaxSheetXML, // no part goes to a temporary file
	})
	if err != nil {
		errs.errorf(top, "not a workbook Firebreak can read: %v", err)
		return nil, done
	}
	done = func() { f.Close() }
	budget := MaxCells
	for _, sheet := range f.GetSheetList() {
		pos := top
		pos.Sheet = sheet
		shown, ok := sheetRows(f, sheet, false, pos, &budget, errs)
		if !ok {
			return nil, done
		}
		t := &table{pos: pos, letters: true}
		for _, r := range shown {
			t.rows = append(t.rows, tableRow{num: r.num, cells: r.cells})
		}
		t.raw = func(errs *ErrorList) (rows []numberedRow, ok bool) {
			defer func() {
				if r := recover(); r != nil {
					errs.errorf(pos, "the sheet cannot be read (%v); open it in a spreadsheet program and save it again as .xlsx", r)
					rows, ok = nil, false
				}
			}()
			more := MaxCells
			return sheetRows(f, sheet, true, pos, &more, errs)
		}
		tables = append(tables, t)
	}
	return tables, done
}

type numberedRow struct {
	num   int
	cells []string
}

// sheetRows streams a sheet's non-empty rows, within the limits; budget is
// the number of cells the workbook may still have.
func sheetRows(f *excelize.File, sheet string, raw bool, pos Position, budget *int, errs *ErrorList) ([]numberedRow, bool) {
	rows, err := f.Rows(sheet)
	if err != nil {
		errs.errorf(pos, "the sheet cannot be read: %v", err)
		return nil, false
	}
	defer rows.Close()
	var out []numberedRow
	n := 0
	for rows.Next() {
		n++
		cells, err := rows.Columns(excelize.Options{RawCellValue: raw})
		if err != nil {
			p := pos
			p.Row = n
			errs.errorf(p, "the row cannot be read: %v", err)
			return nil, false
		}
		if *budget -= len(cells); *budget < 0 {
			p := pos
			p.Row = n
			errs.errorf(p, "the workbook has more than %d cells; an MSEL may have at most %d", MaxCells, MaxCells)
			return nil, false
		}
		last := len(cells) - 1
		for last >= 0 && strings.TrimSpace(cells[last]) == "" {
			last--
		}
		if last < 0 {
			continue
		}
		if last >= MaxColumns {
			p := pos
			p.Row, p.Letter = n, colLetter(last)
			errs.errorf(p, "the row has a value in column %s; an MSEL may have at most %d columns", colLetter(last), MaxColumns)
			return nil, false
		}
		if len(out) >= MaxRows+MaxHeaderScan {
			p := pos
			p.Row = n
			errs.errorf(p, "the sheet has more than %d rows; an MSEL may have at most %d", MaxRows, MaxRows)
			return nil, false
		}
		for i, c := range cells[:last+1] {
			if len(c) > MaxCellChars && utf8.RuneCountInString(c) > MaxCellChars {
				p := pos
				p.Row, p.Letter = n, colLetter(i)
				errs.errorf(p, "the cell has %d characters; a cell may have at most %d (the longest text a scenario holds)", utf8.RuneCountInString(c), MaxCellChars)
				return nil, false
			}
		}
		out = append(out, numberedRow{n, append([]string(nil), cells[:last+1]...)})
	}
	if err := rows.Error(); err != nil {
		errs.errorf(pos, "the sheet cannot be read: %v", err)
		return nil, false
	}
	return out, true
}

// readCSV reads CSV text: UTF-8 (a byte-order mark is dropped), separated
// by commas, semicolons or tabs, whichever the first line has most of.
func readCSV(name string, data []byte, errs *ErrorList) []*table {
	top := Position{File: name}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		errs.errorf(top, "the file is UTF-16 text; save it as CSV UTF-8")
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:invalidAt(data)], []byte("\n"))
		errs.errorf(Position{File: name, Line: line}, "the file is not UTF-8 text; save it as CSV UTF-8")
		return nil
	}
	if bytes.IndexByte(data, 0) >= 0 {
		errs.errorf(top, "the file holds NUL bytes; it is not CSV text")
		return nil
	}
	first := data
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	comma, best := ',', -1
	for _, c := range []rune{',', ';', '\t'} {
		if n := bytes.Count(first, []byte(string(c))); n > best {
			comma, best = c, n
		}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	t := &table{pos: top, letters: true}
	for n := 1; ; n++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			p := top
			p.Row = n
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				p.Line = pe.Line
				err = pe.Err
			}
			errs.errorf(p, "not valid CSV: %v", err)
			return nil
		}
		last := len(rec) - 1
		for last >= 0 && strings.TrimSpace(rec[last]) == "" {
			last--
		}
		if last < 0 {
			continue
		}
		if last >= MaxColumns {
			p := top
			p.Row, p.Letter = n, colLetter(last)
			errs.errorf(p, "the row has a value in column %s; an MSEL may have at most %d columns", colLetter(last), MaxColumns)
			return nil
		}
		if len(t.rows) >= MaxRows+MaxHeaderScan {
			p := top
			p.Row = n
			errs.errorf(p, "the file has more than %d rows; an MSEL may have at most %d", MaxRows, MaxRows)
			return nil
		}
		t.rows = append(t.rows, tableRow{num: n, cells: rec[:last+1]})
	}
	return []*table{t}
}

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// readJSON reads T3SF's JSON MSEL: a list of objects, one per inject, whose
// keys are the columns. Key order is kept (the first object's first).
func readJSON(name string, data []byte, errs *ErrorList) []*table {
	top := Position{File: name, json: true}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		errs.errorf(top, "the file is not UTF-8 text")
		return nil
	}
	lineAt := func(off int64) int {
		if off < 0 || off > int64(len(data)) {
			return 0
		}
		return 1 + bytes.Count(data[:off], []byte("\n"))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		errs.errorf(top, "not valid JSON: %v", err)
		return nil
	}
	if tok != json.Delim('[') {
		errs.errorf(top, "T3SF's MSEL is a JSON list of objects (one per inject), but this file holds %s", jsonWhat(tok))
		return nil
	}
	var keys []string
	index := map[string]int{}
	type item struct {
		num, line int
		vals      map[int]string
	}
	var items []item
	for n := 1; dec.More(); n++ {
		p := top
		p.Row = n
		p.Line = lineAt(dec.InputOffset()) // at the separator before the item
		if n > MaxRows {
			errs.errorf(p, "more than %d items; an MSEL may have at most %d", MaxRows, MaxRows)
			return nil
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			errs.errorf(p, "not valid JSON: %v", err)
			return nil
		}
		// The item starts after the separator and white space.
		off := dec.InputOffset() - int64(len(raw))
		p.Line = lineAt(off)
		it := item{num: n, line: p.Line, vals: map[int]string{}}
		od := json.NewDecoder(bytes.NewReader(raw))
		od.UseNumber()
		if t, _ := od.Token(); t != json.Delim('{') {
			errs.errorf(p, "item %d is %s; each item of a T3SF MSEL is an object of column: value", n, jsonWhat(t))
			continue
		}
		for od.More() {
			kt, err := od.Token()
			if err != nil {
				errs.errorf(p, "not valid JSON: %v", err)
				break
			}
			k, _ := kt.(string)
			var v any
			if err := od.Decode(&v); err != nil {
				errs.errorf(p.col(k, ""), "not valid JSON: %v", err)
				break
			}
			i, ok := index[k]
			if !ok {
				if len(keys) >= MaxColumns {
					errs.errorf(p.col(k, ""), "more than %d different keys; an MSEL may have at most %d columns", MaxColumns, MaxColumns)
					return nil
				}
				i = len(keys)
				index[k] = i
				keys = append(keys, k)
			}
			s, ok := jsonCell(v)
			if !ok {
				errs.errorf(p.col(k, ""), "the value is %s; T3SF values are text or numbers", jsonWhat(v))
				continue
			}
			if _, dup := it.vals[i]; dup {
				errs.warnf(p.col(k, ""), "key %q appears twice in the item; the second value is used", k)
			}
			it.vals[i] = s
		}
		items = append(items, it)
	}
	if _, err := dec.Token(); err != nil {
		errs.errorf(top, "not valid JSON: %v", err)
		return nil
	}
	if _, err := dec.Token(); err != io.EOF {
		errs.errorf(Position{File: name, Line: lineAt(dec.InputOffset())}, "more JSON after the list; a T3SF MSEL is one list")
		return nil
	}
	t := &table{pos: top, json: true}
	t.rows = append(t.rows, tableRow{num: 0, cells: keys})
	for _, it := range items {
		cells := make([]string, len(keys))
		for i, v := range it.vals {
			cells[i] = v
		}
		t.rows = append(t.rows, tableRow{num: it.num, line: it.line, cells: cells})
	}
	return []*table{t}
}

func jsonCell(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", true
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	case bool:
		return fmt.Sprint(x), true
	}
	return "", false
}

func jsonWhat(v any) string {
	switch x := v.(type) {
	case json.Delim:
		if x == '{' {
			return "an object"
		}
		if x == '[' {
			return "a list"
		}
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "true or false"
	case nil:
		return "null"
	}
	return "something else"
}
