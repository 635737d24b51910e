package msel

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// table is a sheet, a CSV file or a JSON list, as rows of cells.
type table struct {
	pos  Position // File, and Sheet for XLSX
	json bool
	// letters: whether columns have spreadsheet letters (XLSX, CSV).
	letters bool
	rows    []tableRow
	// raw reads the sheet's stored values (XLSX only).
	raw func(*ErrorList) ([]numberedRow, bool)
}

type tableRow struct {
	num   int      // the row number (1-based), or the JSON item index
	line  int      // JSON: the line the item starts on
	cells []string // as shown
	raw   []string // XLSX: the stored values (numbers for times); nil otherwise
}

// loadRaw fills the rows' stored values (XLSX), for the one sheet that is
// imported; nil for CSV and JSON.
func (t *table) loadRaw(errs *ErrorList) bool {
	if t.raw == nil {
		return true
	}
	raw, ok := t.raw(errs)
	if !ok {
		return false
	}
	for i, j := 0, 0; i < len(t.rows) && j < len(raw); {
		switch {
		case t.rows[i].num == raw[j].num:
			t.rows[i].raw = raw[j].cells
			i++
			j++
		case t.rows[i].num < raw[j].num:
			i++
		default:
			j++
		}
	}
	return true
}

// ReadFile reads an MSEL file. Local pictures a T3SF MSEL names are looked
// up beside it. The list holds every problem found, warnings included; the
// MSEL is nil when it holds errors.
func ReadFile(path string, format Format) (*MSEL, ErrorList) {
	var errs ErrorList
	data, err := readLimited(path)
	if err != nil {
		msg := err.Error()
		var pe *os.PathError
		if errors.As(err, &pe) {
			msg = pe.Err.Error()
		}
		errs.errorf(Position{File: path}, "%s", msg)
		return nil, errs
	}
	return Parse(path, data, format, filepath.Dir(path))
}

// Parse reads an MSEL from data. name is the file name used in messages
// and to tell XLSX from CSV; dir is the folder local pictures are looked up
// in ("" to look nowhere).
func Parse(name string, data []byte, format Format, dir string) (m *MSEL, errs ErrorList) {
	top := Position{File: name}
	if format == "" {
		format = Auto
	}
	if len(data) > MaxFileSize {
		errs.errorf(top, "the file is %s; an MSEL may be at most %s", size(int64(len(data))), size(MaxFileSize))
		return nil, errs
	}
	if len(bytes.TrimSpace(data)) == 0 {
		errs.errorf(top, "the file is empty")
		return nil, errs
	}
	var tables []*table
	kind := sniff(data)
	switch {
	case kind == "xls":
		errs.errorf(top, "this is an old Excel .xls file (or a password-protected workbook); save it as .xlsx (Excel Workbook) and import that")
		return nil, errs
	case format == CSV && kind != "csv":
		errs.errorf(top, "--format csv reads CSV text, but this is %s", map[string]string{"xlsx": "an XLSX workbook", "json": "JSON"}[kind])
		return nil, errs
	case kind == "json" && format != Auto && format != T3SF:
		errs.errorf(top, "this is JSON, which only T3SF writes; use --format t3sf or auto, or save the %s MSEL as XLSX or CSV", format.Name())
		return nil, errs
	case kind == "xlsx":
		var done func()
		tables, done = readXLSX(name, data, &errs)
		defer done()
	case kind == "json":
		tables = readJSON(name, data, &errs)
	default:
		tables = readCSV(name, data, &errs)
	}
	if errs.HasErrors() || len(tables) == 0 {
		if !errs.HasErrors() {
			errs.errorf(top, "the file holds no rows")
		}
		errs.Sort()
		return nil, errs
	}
	m = readTables(tables, format, dir, &errs)
	if m != nil {
		m.Kind = kind
	}
	errs.Sort()
	if errs.HasErrors() {
		return nil, errs
	}
	return m, errs
}

// sniff tells an XLSX (a zip), an old .xls (OLE), JSON and CSV apart by
// their first bytes.
func sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "xlsx"
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "xls"
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\uFEFF")), " \t\r\n")
	if len(t) > 0 && (t[0] == '[' || t[0] == '{') {
		return "json"
	}
	return "csv"
}

// readTables finds the MSEL among the tables (the first with a header row)
// and reads its events.
func readTables(tables []*table, format Format, dir string, errs *ErrorList) *MSEL {
	for i, t := range tables {
		hdr, layout := findHeader(t, format)
		if hdr < 0 {
			continue
		}
		for _, other := range tables[i+1:] {
			if len(other.rows) > 0 {
				errs.warnf(other.pos, "sheet %q is not read: only the first sheet with an MSEL header (%q) is imported", other.pos.Sheet, t.pos.Sheet)
			}
		}
		for _, before := range tables[:i] {
			if len(before.rows) > 0 {
				errs.warnf(before.pos, "sheet %q is not read: it has no row of MSEL column headers", before.pos.Sheet)
			}
		}
		if !t.loadRaw(errs) {
			return nil
		}
		return readEvents(t, hdr, layout, dir, errs)
	}
	t := tables[0]
	var seen []string
	if len(t.rows) > 0 {
		for _, c := range t.rows[0].cells {
			if strings.TrimSpace(c) != "" {
				seen = append(seen, clipText(strings.TrimSpace(c), 30))
			}
		}
	}
	pos := t.pos
	if len(t.rows) > 0 {
		pos.Row = t.rows[0].num
	}
	errs.errorf(pos, "no row of MSEL column headers in the first %d rows (the first row has %q); an MSEL needs a message column "+
		"(Message, Inject, Script, Body, Description or Subject) and a time column (Time, Scenario Time, Real Time, Trigger Time)",
		MaxHeaderScan, seen)
	return nil
}

// findHeader returns the index of the header row in t.rows and the layout,
// or -1.
func findHeader(t *table, format Format) (int, Format) {
	for i, r := range t.rows {
		if i >= MaxHeaderScan {
			break
		}
		layout := format
		if layout == Auto || layout == CSV {
			layout = detect(r.cells)
		}
		if headerScore(r.cells, columnsFor(layout)) >= 2 {
			return i, layout
		}
	}
	return -1, ""
}

// column is one column of the header.
type column struct {
	name   string // the header as written
	letter string // spreadsheet letter ("" for JSON)
	field  field
	extra  bool // kept by name: unknown, or a second column for a field
}

// readEvents reads the rows under the header.
func readEvents(t *table, hdr int, layout Format, dir string, errs *ErrorList) *MSEL {
	m := &MSEL{File: t.pos.File, Format: layout, Sheet: t.pos.Sheet}
	hrow := t.rows[hdr]
	hpos := t.pos
	hpos.Row, hpos.Line, hpos.json = hrow.num, hrow.line, t.json
	if t.json {
		hpos.Row = 0
	}
	// Rows above the header: the first is taken as the title.
	for _, r := range t.rows[:hdr] {
		text := strings.TrimSpace(strings.Join(nonEmpty(r.cells), " "))
		if text == "" {
			continue
		}
		p := t.pos
		p.Row = r.num
		if m.Title == "" {
			m.Title = clipText(text, 200)
			continue
		}
		errs.warnf(p, "row above the column headers is not an event and is not imported: %q", clipText(text, 60))
	}

	cols := columnsFor(layout)
	var header []column
	used := map[field]int{}
	for i, h := range hrow.cells {
		c := column{name: strings.TrimSpace(h)}
		if t.letters {
			c.letter = colLetter(i)
		}
		c.field = cols(c.name)
		if c.field != fNone {
			if j, dup := used[c.field]; dup {
				errs.warnf(hpos.col(c.name, c.letter), "column %q is read as the %s too, but column %q already is; its values are kept by name (as a comment on each inject) and not used as the %s",
					c.name, c.field, header[j].name, c.field)
				c.extra = true
			} else {
				used[c.field] = i
			}
		} else if c.name != "" {
			c.extra = true
		}
		header = append(header, c)
	}
	if _, ok := used[fTime]; !ok {
		if _, ok := used[fPhaseTime]; !ok {
			errs.errorf(hpos, "no time column; the header has %s. Add a column named Time (or Scenario Time, Real Time, Trigger Time) with each inject's time",
				quoteList(headerNames(header)))
			return nil
		}
	}
	// Report the columns Firebreak has no place for, by name, once.
	for _, c := range header {
		if c.field == fNone && c.name != "" {
			errs.warnf(hpos.col(c.name, c.letter), "unknown column %q: Firebreak has no field for it, so its values are kept as a comment on each inject (players do not see them) and come back as this column in an export", c.name)
		}
	}

	var times []timedCell
	for _, r := range t.rows[hdr+1:] {
		if len(nonEmpty(r.cells)) == 0 {
			continue
		}
		rp := t.pos
		rp.Row, rp.Line, rp.json = r.num, r.line, t.json
		ev := &Event{Pos: rp, cols: map[field]Position{}}
		for _, c := range header {
			if c.field != fNone && !c.extra {
				ev.cols[c.field] = rp.col(c.name, c.letter)
			}
		}
		var timeCell, phaseCell, dateCell *cellRef
		var pictureName, pictureCol string
		var photo, profile *Picture
		var title, description string
		var titlePos, descPos Position
		for i, v := range r.cells {
			v = strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n"))
			if v == "" {
				continue
			}
			var c column
			if i < len(header) {
				c = header[i]
			} else {
				c = column{extra: true}
				if t.letters {
					c.letter = colLetter(i)
				}
			}
			cp := rp.col(c.name, c.letter)
			if n := utf8.RuneCountInString(v); n > MaxCellChars {
				errs.errorf(cp, "the cell has %d characters; a cell may have at most %d (the longest text a scenario holds)", n, MaxCellChars)
				continue
			}
			raw := ""
			if i < len(r.raw) {
				raw = r.raw[i]
			}
			if c.extra {
				name := c.name
				if name == "" {
					name = "column " + c.letter
					if c.letter == "" {
						name = "column " + colLetter(i)
					}
					errs.warnf(cp, "a value in a column without a header; it is kept (as a comment on the inject, named %q)", name)
				}
				ev.Extra = append(ev.Extra, Extra{Column: name, Value: v})
				continue
			}
			switch c.field {
			case fNumber:
				ev.Number = v
			case fTime:
				timeCell = &cellRef{v, raw, cp}
			case fPhaseTime:
				phaseCell = &cellRef{v, raw, cp}
			case fDate:
				dateCell = &cellRef{v, raw, cp}
			case fGameTime:
				ev.GameTime = v
			case fSection:
				ev.Section = v
			case fFrom:
				ev.From = v
			case fTo:
				ev.To = splitList(v)
			case fMethod:
				ev.Method = v
			case fSubject:
				ev.Subject = v
			case fTitle:
				title, titlePos = v, cp
			case fMessage:
				ev.Message = v
			case fDescription:
				description, descPos = v, cp
			case fExpected:
				ev.Expected = v
			case fObjective:
				ev.Objective = v
			case fNotes:
				ev.Notes = v
			case fOptions:
				ev.Options = splitOptions(v)
			case fPrompt:
				ev.Prompt = v
			case fPictureName:
				pictureName, pictureCol = v, c.name
			case fPhoto:
				p := picture(c.name, v, dir, cp, errs)
				photo = &p
			case fProfile:
				p := picture(c.name, v, dir, cp, errs)
				p.Profile = true
				profile = &p
			}
		}
		// OpenAEV's title is the inject's name: the subject, unless a
		// subject column says it; then it is kept by name.
		if title != "" {
			if ev.Subject == "" {
				ev.Subject = title
			} else if title != ev.Subject {
				ev.Extra = append(ev.Extra, Extra{Column: titlePos.Column, Value: title})
			}
		}
		// A description is the message unless a message column has one.
		if description != "" {
			if ev.Message == "" {
				ev.Message = description
			} else if description != ev.Message {
				ev.Extra = append(ev.Extra, Extra{Column: descPos.Column, Value: description})
			}
		}
		// T3SF's "Picture Name" is the file name its Photo is shown under.
		if photo != nil {
			photo.Name = pictureName
			ev.Pictures = append(ev.Pictures, *photo)
		} else if pictureName != "" {
			ev.Pictures = append(ev.Pictures, Picture{Column: pictureCol, Name: pictureName})
		}
		if profile != nil {
			ev.Pictures = append(ev.Pictures, *profile)
		}
		if ev.Method != "" {
			ev.Channel = channelOf(ev.Method)
			if ev.Channel == "" {
				ev.Channel = "memo"
				errs.warnf(rp.col(header[used[fMethod]].name, header[used[fMethod]].letter),
					"method %q is not one Firebreak knows (%s); the inject arrives as a memo", clipText(ev.Method, 30), channelWords)
			}
		} else if layout == T3SF {
			ev.Channel = "email" // T3SF posts a message with a subject and a sender
		} else {
			ev.Channel = "memo"
		}
		if ev.Message == "" && ev.Subject == "" && ev.GameTime == "" {
			p := rp
			if j, ok := used[fMessage]; ok {
				p = rp.col(header[j].name, header[j].letter)
			}
			if ev.Prompt == "" && len(ev.Options) == 0 {
				errs.errorf(p, "the row has no message (and no subject): there is nothing for the inject to say")
			}
		}
		if len(m.Events) >= MaxRows {
			errs.errorf(rp, "more than %d rows; an MSEL may have at most %d", MaxRows, MaxRows)
			return nil
		}
		m.Events = append(m.Events, ev)
		times = append(times, timedCell{ev, timeCell, phaseCell, dateCell})
	}
	m.Rows = len(m.Events)
	if m.Rows == 0 {
		errs.errorf(hpos, "no rows under the column headers")
		return nil
	}
	resolveTimes(times, layout, errs)
	return m
}

type cellRef struct {
	v, raw string
	pos    Position
}

type timedCell struct {
	ev                *Event
	time, phase, date *cellRef
}

// resolveTimes reads each row's time and makes clock times into times from
// the start of the exercise: the earliest is 0. A clock time more than 12
// hours before the previous row's is taken to be on the next day.
func resolveTimes(cells []timedCell, layout Format, errs *ErrorList) {
	type got struct {
		i int
		p parsedTime
	}
	var parsed []got
	var first *parsedTime
	var firstPos Position
	for i, c := range cells {
		if c.phase != nil {
			p, err := parseTime(c.phase.v, c.phase.raw, layout)
			if err != nil {
				errs.errorf(c.phase.pos, "%v", err)
			} else if p.kind != kindOffset && !p.clockOK {
				errs.errorf(c.phase.pos, "%q is not a time from the start of the phase", c.phase.v)
			} else {
				d := p.d
				c.ev.PhaseAt = &d
			}
		}
		if c.time == nil {
			continue
		}
		p, err := parseTime(c.time.v, c.time.raw, layout)
		if err != nil {
			errs.errorf(c.time.pos, "%v", err)
			continue
		}
		if c.date != nil && p.kind == kindClock && !p.dated {
			days, rest, ok := dateOf(strings.TrimSpace(c.date.v))
			if c.date.raw != "" && strings.TrimSpace(c.date.raw) != strings.TrimSpace(c.date.v) {
				if dp, err := parseTime(c.date.v, c.date.raw, layout); err == nil && dp.dated {
					days, rest, ok = int(dp.d/(24*time.Hour)), "", true
				}
			}
			if !ok || rest != "" {
				errs.errorf(c.date.pos, "%q is not a date Firebreak reads (2024-05-01 or 5/1/2024)", clipText(c.date.v, 30))
				continue
			}
			p.d += time.Duration(days) * 24 * time.Hour
			p.dated = true
		}
		if first == nil {
			first, firstPos = &p, c.time.pos
		} else if p.kind != first.kind || (p.kind == kindClock && p.dated != first.dated) {
			errs.errorf(c.time.pos, "%q is %s, but the first time (%s) is %s; write every time the same way",
				c.time.v, timeWhat(p), firstPos, timeWhat(*first))
			continue
		}
		parsed = append(parsed, got{i, p})
	}
	if first == nil {
		return
	}
	if first.kind == kindClock && !first.dated {
		// Day wraps, then a clock that starts before 01:00 is read as
		// times from the start ("00:00", "00:15").
		var day time.Duration
		prev := time.Duration(-1)
		for k := range parsed {
			d := parsed[k].p.d
			if prev >= 0 && d+day < prev-12*time.Hour {
				day += 24 * time.Hour
			}
			parsed[k].p.d = d + day
			prev = parsed[k].p.d
		}
	}
	base := time.Duration(0)
	if first.kind == kindClock {
		base = parsed[0].p.d
		for _, g := range parsed {
			base = min(base, g.p.d)
		}
		if !first.dated && base < time.Hour {
			base = 0
		}
	}
	for _, g := range parsed {
		d := g.p.d - base
		cells[g.i].ev.At = &d
	}
}

func timeWhat(p parsedTime) string {
	switch {
	case p.kind == kindOffset:
		return "a time from the start"
	case p.dated:
		return "a date and time"
	}
	return "a time of day"
}

// picture reads a T3SF Photo or Profile cell: a web address is not fetched
// (exercises run offline); a file is looked up beside the MSEL.
func picture(column, ref, dir string, pos Position, errs *ErrorList) Picture {
	p := Picture{Column: column, Ref: ref}
	low := strings.ToLower(ref)
	if strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://") || strings.HasPrefix(low, "www.") || strings.HasPrefix(low, "data:") {
		p.URL = true
		errs.warnf(pos, "%s is a web address; exercises run offline, so it is not fetched: the inject's text names it instead", column)
		return p
	}
	path := ref
	if strings.HasPrefix(low, "file://") {
		path = ref[len("file://"):]
	}
	if dir != "" && !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	p.Path = path
	if dir != "" {
		if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
			p.Found = true
		}
	}
	// A local file becomes the inject's picture, or a line of its text
	// with a warning saying why (Convert).
	if !p.Found {
		errs.warnf(pos, "%s %s is not a web address and no such file is beside the MSEL; the inject's text names it", column, ref)
	}
	return p
}

// channelWords lists what methods map to, for messages.
const channelWords = "email, phone, social, news, memo, regulator, customer"

// channelOf maps a delivery method to a Firebreak channel, or "".
func channelOf(method string) string {
	m := strings.ToLower(method)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(m, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("regulat", "监管", "authority", "government", "政府"):
		return "regulator"
	case has("customer", "client", "consumer", "客户", "消费者", "顾客"):
		return "customer"
	case has("mail", "邮件", "e-mail", "letter", "fax", "信函"):
		return "email"
	case has("phone", "call", "sms", "text message", "voice", "radio", "voicemail", "电话", "短信", "来电"):
		return "phone"
	case has("social", "twitter", "tweet", "facebook", "weibo", "wechat", "instagram", "linkedin", "tiktok", "post", "x.com", "社交", "微博", "微信", "帖"):
		return "social"
	case has("news", "media", "press", "tv", "television", "article", "broadcast", "newspaper", "journalist", "reporter", "新闻", "媒体", "报道", "电视"):
		return "news"
	case has("memo", "internal", "brief", "in person", "in-person", "face", "verbal", "chat", "message", "slack", "teams", "discord", "manual", "controller", "decision", "备忘", "内部", "通知", "口头", "当面", "决策"):
		return "memo"
	}
	return ""
}

// splitList splits recipients on commas, semicolons and new lines ("PR/Comm"
// stays one).
func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' || r == '、' || r == '，' || r == '；' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// splitOptions splits a T3SF poll ("MIT | GPL") or an options cell (one per
// line, or separated by "|").
func splitOptions(s string) []string {
	sep := func(r rune) bool { return r == '|' || r == '\n' || r == '｜' }
	var out []string
	for _, p := range strings.FieldsFunc(s, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func nonEmpty(cells []string) []string {
	var out []string
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			out = append(out, strings.TrimSpace(c))
		}
	}
	return out
}

func headerNames(h []column) []string {
	var out []string
	for _, c := range h {
		if c.name != "" {
			out = append(out, c.name)
		}
	}
	return out
}

func quoteList(s []string) string {
	if len(s) == 0 {
		return "no names"
	}
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = `"` + clipText(v, 30) + `"`
	}
	return strings.Join(q, ", ")
}

// colLetter returns the spreadsheet letter of a 0-based column.
func colLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}
