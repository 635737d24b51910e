package msel

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Sheet is an exported MSEL: a header and rows of cells.
type Sheet struct {
	Lang   string
	Header []string
	Rows   [][]string
	// Injects counts the rows that are injects (timed, triggered or sent
	// for a missed deadline); the others are decisions opened by time.
	Injects int
}

// The columns of an exported MSEL, HSEEP style, in English and Chinese.
// `firebreak import` reads both.
var exportHeader = map[string][]string{
	"en": {"Event #", "Scenario Time", "Phase", "Phase Time", "Channel", "From", "To", "Message",
		"Decision", "Options", "Expected Action", "Objective/Capability", "Notes"},
	"zh": {"编号", "演练时间", "阶段", "阶段内时间", "渠道", "发送方", "接收方", "内容",
		"决策", "选项", "预期行动", "目标/能力", "备注"},
}

const (
	xNumber = iota
	xTime
	xPhase
	xPhaseTime
	xChannel
	xFrom
	xTo
	xMessage
	xDecision
	xOptions
	xExpected
	xObjective
	xNotes
	xColumns
)

var exportWords = map[string]map[string]string{
	"en": {
		"decision": "decision", "triggers": "Triggered", "deadlines": "Missed deadlines",
		"best": "Best scored: %s", "when": "When %s holds (once per team)",
		"missed": "When the deadline %q is missed (%s after %s arrives)",
		"social": "social", "news": "news", "phone": "phone", "email": "email", "memo": "memo",
		"regulator": "regulator", "customer": "customer",
		"picture": "Picture", "picturename": "Picture Description", "morepictures": "More pictures: %s",
	},
	"zh": {
		"decision": "决策", "triggers": "触发事件", "deadlines": "错过的时限",
		"best": "得分最高：%s", "when": "当 %s 成立时（每个小组一次）",
		"missed": "错过时限“%s”时（“%[3]s”送达后 %[2]s）",
		"social": "社交媒体", "news": "新闻", "phone": "电话", "email": "电子邮件", "memo": "内部备忘",
		"regulator": "监管机构", "customer": "客户",
		"picture": "图片", "picturename": "图片说明", "morepictures": "其他图片：%s",
	},
}

// Export makes an HSEEP-style MSEL of a scenario, one row per inject (in
// each phase, by time) and per decision that opens by time, with the phase,
// the time in the phase and, where a phase is always entered at the same
// moment (the start, and phases reached only by a timed continue), the time
// from the start of the exercise. src is the scenario file: the "# msel"
// comments `firebreak import` left in it give back the MSEL's own columns.
// lang is "en" or "zh": the language of the texts and the column names.
func Export(s *scenario.Scenario, src []byte, lang string) *Sheet {
	if lang != "zh" {
		lang = "en"
	}
	ex := &exporter{s: s, lang: lang, meta: readMeta(src), w: exportWords[lang]}
	return ex.sheet()
}

type exporter struct {
	s      *scenario.Scenario
	lang   string
	meta   map[string][]metaLine
	w      map[string]string
	extra  []string // extra column names, in order
	sheet_ *Sheet
}

type metaLine struct{ key, value string }

func (ex *exporter) sheet() *Sheet {
	sh := &Sheet{Lang: ex.lang, Header: append([]string(nil), exportHeader[ex.lang]...)}
	ex.sheet_ = sh
	entry := fixedEntries(ex.s)
	n := 0
	for _, p := range ex.s.Phases {
		type item struct {
			at  time.Duration
			in  *scenario.Inject
			dec *scenario.Decision
		}
		var items []item
		for _, in := range p.Arrival() {
			items = append(items, item{at: in.At, in: in})
		}
		for _, d := range p.Decisions {
			if d.At != nil {
				items = append(items, item{at: *d.At, dec: d})
			}
		}
		sort.SliceStable(items, func(i, j int) bool { return items[i].at < items[j].at })
		for _, it := range items {
			n++
			row := make([]string, xColumns)
			row[xPhase] = ex.text(p.Title, p.ID)
			row[xPhaseTime] = fmtClock(it.at)
			if e, ok := entry[p.ID]; ok {
				row[xTime] = fmtClock(e + it.at)
			}
			if it.in != nil {
				row = ex.injectRow(row, it.in, n)
				if it.in.Opens != "" {
					ex.decisionCells(row, p.Decision(it.in.Opens))
				}
				sh.Injects++
			} else {
				row[xNumber] = strconv.Itoa(n)
				row[xChannel] = ex.w["decision"]
				row[xMessage] = it.dec.Prompt.Get(ex.lang)
				ex.decisionCells(row, it.dec)
			}
			ex.add(row)
		}
	}
	for _, t := range ex.s.Triggers {
		if t.Inject == nil {
			continue
		}
		n++
		row := make([]string, xColumns)
		row[xPhase] = ex.w["triggers"]
		row = ex.injectRow(row, t.Inject, n)
		row[xNumber] = t.ID
		if t.When != nil {
			row[xNotes] = joinLines(fmt.Sprintf(ex.w["when"], t.When.Src), row[xNotes])
		}
		ex.add(row)
		sh.Injects++
	}
	for _, d := range ex.s.Deadlines {
		if d.OnMiss == nil || d.OnMiss.Inject == nil {
			continue
		}
		n++
		row := make([]string, xColumns)
		row[xPhase] = ex.w["deadlines"]
		row = ex.injectRow(row, d.OnMiss.Inject, n)
		row[xNumber] = d.ID + "-missed"
		row[xNotes] = joinLines(fmt.Sprintf(ex.w["missed"], d.Label.Get(ex.lang), fmtClock(d.Within), d.StartsWith), row[xNotes])
		ex.add(row)
		sh.Injects++
	}
	for i := range sh.Rows {
		for len(sh.Rows[i]) < len(sh.Header) {
			sh.Rows[i] = append(sh.Rows[i], "")
		}
	}
	return sh
}

func (ex *exporter) add(row []string) { ex.sheet_.Rows = append(ex.sheet_.Rows, row) }

func (ex *exporter) text(t scenario.Text, fallback string) string {
	if v := t.Get(ex.lang); v != "" {
		return v
	}
	return fallback
}

// injectRow fills an inject's cells, and the MSEL columns kept in its
// "# msel" comments.
func (ex *exporter) injectRow(row []string, in *scenario.Inject, n int) []string {
	row[xNumber] = strconv.Itoa(n)
	row[xChannel] = ex.w[in.Channel]
	row[xFrom] = in.From.Get(ex.lang)
	var to []string
	for _, r := range in.To {
		label := r
		for _, role := range ex.s.Roles {
			if role.ID == r {
				label = ex.text(role.Label, r)
			}
		}
		to = append(to, label)
	}
	row[xTo] = strings.Join(to, "; ")
	row[xMessage] = in.Text.Get(ex.lang)
	if len(in.Media) > 0 {
		// The first picture, as a path beside the scenario (an MSEL saved
		// in the scenario's folder finds it again); an MSEL row has one.
		pic, name := ex.pictureColumns()
		for len(row) <= max(pic, name) {
			row = append(row, "")
		}
		row[pic], row[name] = in.Media[0].File, in.Media[0].Alt.Get(ex.lang)
		if len(in.Media) > 1 {
			var more []string
			for _, m := range in.Media[1:] {
				more = append(more, m.File+" ("+m.Alt.Get(ex.lang)+")")
			}
			row[xNotes] = joinLines(fmt.Sprintf(ex.w["morepictures"], strings.Join(more, "; ")), row[xNotes])
		}
	}
	for _, m := range ex.meta[in.ID] {
		switch m.key {
		case "number":
			row[xNumber] = m.value
		case "method":
			row[xChannel] = m.value
		case "expected action":
			row[xExpected] = m.value
		case "objective":
			row[xObjective] = m.value
		case "notes":
			row[xNotes] = m.value
		default:
			if col, ok := strings.CutPrefix(m.key, "column "); ok {
				i := ex.column(col)
				for len(row) <= i {
					row = append(row, "")
				}
				row[i] = m.value
			}
		}
	}
	return row
}

// column returns the index of an extra column, adding it. A name that
// `firebreak import` would read as one of its own columns gets a number,
// so that it comes back as the same extra column.
func (ex *exporter) column(name string) int {
	known := columnsFor(HSEEP)
	for base, n := name, 2; known(name) != fNone || ex.isStandard(name); n++ {
		name = fmt.Sprintf("%s (%d)", base, n)
	}
	for i, h := range ex.sheet_.Header {
		if h == name {
			return i
		}
	}
	ex.sheet_.Header = append(ex.sheet_.Header, name)
	ex.extra = append(ex.extra, name)
	return len(ex.sheet_.Header) - 1
}

// pictureColumns returns the columns of an inject's picture and of what it
// shows, adding them: names `firebreak import` reads as a picture and its
// name, and not as a T3SF MSEL.
func (ex *exporter) pictureColumns() (pic, name int) {
	for _, h := range []string{ex.w["picture"], ex.w["picturename"]} {
		if !slices.Contains(ex.sheet_.Header, h) {
			ex.sheet_.Header = append(ex.sheet_.Header, h)
		}
	}
	return slices.Index(ex.sheet_.Header, ex.w["picture"]), slices.Index(ex.sheet_.Header, ex.w["picturename"])
}

func (ex *exporter) isStandard(name string) bool {
	for _, h := range exportHeader[ex.lang] {
		if normHeader(h) == normHeader(name) {
			return true
		}
	}
	return false
}

// decisionCells fills the decision an inject opens (or a decision opened
// by time): its prompt, its options and, when no MSEL said, the expected
// action (the best-scored options) and the objectives it is evidence for.
func (ex *exporter) decisionCells(row []string, d *scenario.Decision) {
	if d == nil {
		return
	}
	row[xDecision] = d.Prompt.Get(ex.lang)
	var opts []string
	best, bestScore, scored := []string(nil), 0, false
	for _, o := range d.Options {
		t := o.Text.Get(ex.lang)
		opts = append(opts, t)
		if len(o.Scores) == 0 {
			continue
		}
		sc := o.Scores["transparency"] + o.Scores["empathy"]
		switch {
		case !scored || sc > bestScore:
			best, bestScore, scored = []string{t}, sc, true
		case sc == bestScore:
			best = append(best, t)
		}
	}
	row[xOptions] = strings.Join(opts, " | ")
	if row[xExpected] == "" && scored {
		row[xExpected] = fmt.Sprintf(ex.w["best"], strings.Join(best, " | "))
	}
	if row[xObjective] == "" {
		var objs []string
		for _, o := range ex.s.Objectives {
			for _, id := range o.Decisions {
				if id == d.ID {
					objs = append(objs, o.Text.Get(ex.lang))
				}
			}
		}
		row[xObjective] = strings.Join(objs, "; ")
	}
}

// fixedEntries returns, for each phase a team always enters at the same
// exercise time, that time: the start at 0, and a phase whose only way in
// is the timed continue of such a phase.
func fixedEntries(s *scenario.Scenario) map[string]time.Duration {
	type edge struct {
		from       string
		isContinue bool
	}
	in := map[string][]edge{}
	for _, p := range s.Phases {
		add := func(to string, cont bool) {
			if to != "" {
				in[to] = append(in[to], edge{p.ID, cont})
			}
		}
		for _, d := range p.Decisions {
			for _, o := range d.Options {
				add(o.Next, false)
				for _, r := range o.Routes {
					add(r.Next, false)
				}
			}
			if d.OnTimeout != nil {
				add(d.OnTimeout.Next, false)
				for _, r := range d.OnTimeout.Routes {
					add(r.Next, false)
				}
			}
		}
		if c := p.Continue; c != nil {
			add(c.Next, len(c.Routes) == 0)
			for _, r := range c.Routes {
				add(r.Next, false)
			}
		}
	}
	fixed := map[string]time.Duration{scenario.StartPhase: 0}
	for changed := true; changed; {
		changed = false
		for _, p := range s.Phases {
			at, ok := fixed[p.ID]
			if !ok || p.Continue == nil || len(p.Continue.Routes) > 0 {
				continue
			}
			next := p.Continue.Next
			if _, done := fixed[next]; done || next == scenario.StartPhase {
				continue
			}
			if e := in[next]; len(e) == 1 && e[0].isContinue && e[0].from == p.ID {
				fixed[next] = at + p.Continue.After
				changed = true
			}
		}
	}
	return fixed
}

// readMeta reads the "# msel KEY: VALUE" comments above each inject of a
// scenario file, by inject id.
func readMeta(src []byte) map[string][]metaLine {
	out := map[string][]metaLine{}
	if len(src) == 0 {
		return out
	}
	var root yaml.Node
	if yaml.Unmarshal(src, &root) != nil || len(root.Content) == 0 {
		return out
	}
	phases := mapValue(root.Content[0], "phases")
	if phases == nil || phases.Kind != yaml.MappingNode {
		return out
	}
	for i := 0; i+1 < len(phases.Content); i += 2 {
		pid := phases.Content[i].Value
		injects := mapValue(phases.Content[i+1], "injects")
		if injects == nil || injects.Kind != yaml.SequenceNode {
			continue
		}
		for k, item := range injects.Content {
			if item.Kind != yaml.MappingNode || len(item.Content) == 0 {
				continue
			}
			id := fmt.Sprintf("%s#%d", pid, k+1)
			if v := mapValue(item, "id"); v != nil {
				id = v.Value
			}
			comment := item.HeadComment + "\n" + item.Content[0].HeadComment
			for _, line := range strings.Split(comment, "\n") {
				if m, ok := parseMeta(line); ok {
					out[id] = append(out[id], m)
				}
			}
		}
	}
	return out
}

// parseMeta reads `# msel KEY: "VALUE"` or `# msel column "NAME": "VALUE"`.
func parseMeta(line string) (metaLine, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(line), "# msel ")
	if !ok {
		return metaLine{}, false
	}
	if after, ok := strings.CutPrefix(rest, "column "); ok {
		name, tail, err := unquotePrefix(after)
		if err != nil {
			return metaLine{}, false
		}
		v, err := strconv.Unquote(strings.TrimSpace(strings.TrimPrefix(tail, ":")))
		if err != nil {
			return metaLine{}, false
		}
		return metaLine{"column " + name, v}, true
	}
	key, val, ok := strings.Cut(rest, ": ")
	if !ok {
		return metaLine{}, false
	}
	v, err := strconv.Unquote(strings.TrimSpace(val))
	if err != nil {
		return metaLine{}, false
	}
	return metaLine{key, v}, true
}

// unquotePrefix reads a Go-quoted string at the start of s.
func unquotePrefix(s string) (string, string, error) {
	q, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", "", err
	}
	v, err := strconv.Unquote(q)
	return v, s[len(q):], err
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func joinLines(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}

// CSV writes the sheet as CSV: UTF-8 with a byte-order mark (so that
// spreadsheet programs read Chinese correctly), CRLF line ends, and a
// leading apostrophe on a cell that a spreadsheet would run as a formula.
func (sh *Sheet) CSV() []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	_ = w.Write(sh.Header)
	for _, r := range sh.Rows {
		row := make([]string, len(r))
		for i, c := range r {
			row[i] = defuse(c)
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

// XLSX writes the sheet as a workbook with one sheet, "MSEL": a bold,
// frozen header row, wrapped text, and widths that suit each column.
func (sh *Sheet) XLSX() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const name = "MSEL"
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return nil, err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E2F3"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	// Every cell is text: a time stays "0:05:00", an event number "007".
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	for i, h := range sh.Header {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(name, cell, h); err != nil {
			return nil, err
		}
	}
	for r, row := range sh.Rows {
		for i, v := range row {
			if v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(i+1, r+2)
			if err := f.SetCellStr(name, cell, v); err != nil {
				return nil, err
			}
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(sh.Header), len(sh.Rows)+1)
	if err := f.SetCellStyle(name, "A2", last, text); err != nil && len(sh.Rows) > 0 {
		return nil, err
	}
	lastHead, _ := excelize.CoordinatesToCellName(len(sh.Header), 1)
	if err := f.SetCellStyle(name, "A1", lastHead, head); err != nil {
		return nil, err
	}
	widths := map[int]float64{xNumber: 9, xTime: 12, xPhase: 18, xPhaseTime: 11, xChannel: 12, xFrom: 22, xTo: 22,
		xMessage: 60, xDecision: 30, xOptions: 30, xExpected: 30, xObjective: 24, xNotes: 30}
	for i := range sh.Header {
		w, ok := widths[i]
		if !ok {
			w = 20
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, w); err != nil {
			return nil, err
		}
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
