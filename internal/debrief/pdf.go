package debrief

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/signintech/gopdf"

	"github.com/firebreak-drills/firebreak/assets"
)

// A4 in points, and the page layout.
const (
	pageW      = 595.28
	pageH      = 841.89
	marginL    = 50.0
	marginR    = 50.0
	marginTop  = 54.0
	contentBot = pageH - 62.0
	contentW   = pageW - marginL - marginR
)

const (
	fontRegular = "noto"
	fontBold    = "noto-bold"
)

// pdfFonts parses the embedded Noto Sans SC once; each document takes its
// own subset of the glyphs it uses.
var pdfFonts = sync.OnceValues(func() (*gopdf.FontContainer, error) {
	fc := &gopdf.FontContainer{}
	if err := fc.AddTTFFontData(fontRegular, assets.FontRegular()); err != nil {
		return nil, fmt.Errorf("pdf: regular font: %w", err)
	}
	if err := fc.AddTTFFontData(fontBold, assets.FontBold()); err != nil {
		return nil, fmt.Errorf("pdf: bold font: %w", err)
	}
	return fc, nil
})

// PDF renders the report as an A4 PDF with Noto Sans SC embedded (subset),
// so Chinese shows on any machine; pages are numbered "n / N".
func PDF(r *Report) ([]byte, error) {
	fc, err := pdfFonts()
	if err != nil {
		return nil, err
	}
	p := &gopdf.GoPdf{}
	p.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	p.SetInfo(gopdf.PdfInfo{Title: r.Title + " — " + r.Overview.Scenario, Author: "Firebreak", Creator: "Firebreak"})
	for _, f := range []string{fontRegular, fontBold} {
		if err := p.AddTTFFontFromFontContainer(f, fc); err != nil {
			return nil, fmt.Errorf("pdf: %w", err)
		}
	}
	w := &pdfWriter{p: p, lang: r.Lang, widths: map[string]map[rune]float64{}}
	w.newPage()
	w.report(r)
	w.numberPages(r)
	return w.bytes()
}

// bytes is the document written, or the first error met writing it.
func (w *pdfWriter) bytes() ([]byte, error) {
	if w.err != nil {
		return nil, fmt.Errorf("pdf: %w", w.err)
	}
	var b bytes.Buffer
	if _, err := w.p.WriteTo(&b); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return b.Bytes(), nil
}

type pdfWriter struct {
	p      *gopdf.GoPdf
	lang   string
	y      float64 // top of the next line
	family string
	size   float64
	widths map[string]map[rune]float64 // per font: advance at size 1
	err    error
}

func (w *pdfWriter) check(err error) {
	if err != nil && w.err == nil {
		w.err = err
	}
}

func (w *pdfWriter) font(family string, size float64) {
	if family == w.family && size == w.size {
		return
	}
	w.check(w.p.SetFont(family, "", size))
	w.family, w.size = family, size
}

func (w *pdfWriter) color(hex string) {
	r, g, b := rgb(hex)
	w.p.SetTextColor(r, g, b)
}

func rgb(hex string) (uint8, uint8, uint8) {
	v, _ := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	return uint8(v >> 16), uint8(v >> 8), uint8(v)
}

// pdfText replaces the few characters the embedded font lacks.
var pdfText = strings.NewReplacer("−", "-", "✓", "●", "✗", "×", "\t", " ", "\r", "")

// pdfTextEn also straightens quotes, which the CJK font draws full-width.
var pdfTextEn = strings.NewReplacer("−", "-", "✓", "●", "✗", "×", "\t", " ", "\r", "", "“", "\"", "”", "\"", "‘", "'", "’", "'", "…", "...")

func (w *pdfWriter) clean(s string) string {
	if w.lang == "zh" {
		return pdfText.Replace(s)
	}
	return pdfTextEn.Replace(s)
}

func (w *pdfWriter) runeWidth(r rune) float64 {
	m := w.widths[w.family]
	if m == nil {
		m = map[rune]float64{}
		w.widths[w.family] = m
	}
	if v, ok := m[r]; ok {
		return v * w.size
	}
	size := w.size
	w.check(w.p.SetFontSize(1000))
	v, err := w.p.MeasureTextWidth(string(r))
	w.check(err)
	w.check(w.p.SetFontSize(size))
	m[r] = v / 1000
	return m[r] * w.size
}

func (w *pdfWriter) width(s string) float64 {
	var t float64
	for _, r := range s {
		t += w.runeWidth(r)
	}
	return t
}

// textAt draws s with its baseline at y.
func (w *pdfWriter) textAt(x, y float64, s string) {
	if s == "" {
		return
	}
	w.p.SetXY(x, y)
	w.check(w.p.Text(s))
}

func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x30FF) || (r >= 0xFF00 && r <= 0xFFEF)
}

// Characters that must not begin a line, and those that must not end one
// (kinsoku): the wrapper glues them to their neighbour.
const (
	noLineStart = "，。、；：！？）》」』】”’…%"
	noLineEnd   = "（《「『【“‘"
)

// wrap breaks s into lines no wider than max: between words, and between
// Chinese characters (keeping punctuation with its neighbour).
func (w *pdfWriter) wrap(s string, max float64) []string {
	s = w.clean(s)
	var out []string
	for _, para := range strings.Split(s, "\n") {
		var tokens []string
		var word []rune
		flush := func() {
			if len(word) > 0 {
				tokens = append(tokens, string(word))
				word = word[:0]
			}
		}
		openers := func() bool { // the word so far is only opening punctuation
			for _, r := range word {
				if !strings.ContainsRune(noLineEnd, r) {
					return false
				}
			}
			return len(word) > 0
		}
		for _, r := range para {
			switch {
			case r == ' ':
				flush()
				tokens = append(tokens, " ")
			case strings.ContainsRune(noLineStart, r):
				flush()
				if n := len(tokens); n > 0 && tokens[n-1] != " " {
					tokens[n-1] += string(r)
				} else {
					tokens = append(tokens, string(r))
				}
			case strings.ContainsRune(noLineEnd, r):
				if !openers() {
					flush()
				}
				word = append(word, r)
			case isWide(r):
				if !openers() {
					flush()
				}
				word = append(word, r)
				flush()
			case r == '-' && len(word) > 1: // a hyphenated word may break after the hyphen
				word = append(word, r)
				flush()
			default:
				word = append(word, r)
			}
		}
		flush()
		var line strings.Builder
		lw := 0.0
		emit := func() {
			out = append(out, strings.TrimRight(line.String(), " "))
			line.Reset()
			lw = 0
		}
		for _, tok := range tokens {
			tw := w.width(tok)
			if lw+tw > max && line.Len() > 0 {
				emit()
				if tok == " " {
					continue
				}
			}
			if tw > max { // a word longer than the line: split it anywhere
				for _, r := range tok {
					rw := w.runeWidth(r)
					if lw+rw > max && line.Len() > 0 {
						emit()
					}
					line.WriteRune(r)
					lw += rw
				}
				continue
			}
			if tok == " " && line.Len() == 0 {
				continue
			}
			line.WriteString(tok)
			lw += tw
		}
		emit()
	}
	return out
}

func (w *pdfWriter) newPage() {
	w.p.AddPage()
	w.y = marginTop
	w.family, w.size = "", 0 // a new page needs the font set again
}

// need starts a new page unless h points fit on this one.
func (w *pdfWriter) need(h float64) {
	if w.y+h > contentBot {
		w.newPage()
	}
}

func (w *pdfWriter) heading(level int, s string) {
	size := map[int]float64{1: 15, 2: 12.5, 3: 10.5}[level]
	before := map[int]float64{1: 14, 2: 10, 3: 6}[level]
	if w.y > marginTop+1 {
		w.y += before
	}
	w.font(fontBold, size)
	lines := w.wrap(s, contentW)
	w.need(float64(len(lines))*size*1.35 + 70) // keep a heading with what follows
	if level == 1 {
		w.color("#0b5394")
	} else {
		w.color(inkColor)
	}
	for _, l := range lines {
		w.textAt(marginL, w.y+size*0.9, l)
		w.y += size * 1.35
	}
	if level == 1 {
		w.p.SetStrokeColor(rgb("#0b5394"))
		w.p.SetLineWidth(0.8)
		w.p.Line(marginL, w.y+1, marginL+contentW, w.y+1)
		w.y += 6
	} else {
		w.y += 2
	}
	w.color(inkColor)
}

type paraOpt struct {
	size   float64
	bold   bool
	color  string
	indent float64
	bullet string
	// bulletColor colours the bullet alone.
	bulletColor string
}

func (w *pdfWriter) para(s string, o paraOpt) {
	if o.size == 0 {
		o.size = 9.5
	}
	if o.color == "" {
		o.color = inkColor
	}
	family := fontRegular
	if o.bold {
		family = fontBold
	}
	w.font(family, o.size)
	lh := o.size * 1.5
	x := marginL + o.indent
	if o.bullet != "" {
		x += 10
	}
	for i, l := range w.wrap(s, marginL+contentW-x) {
		w.need(lh)
		w.font(family, o.size)
		w.color(o.color)
		if i == 0 && o.bullet != "" {
			if o.bulletColor != "" {
				w.color(o.bulletColor)
			}
			w.textAt(x-10, w.y+o.size*0.95, o.bullet)
			w.color(o.color)
		}
		w.textAt(x, w.y+o.size*0.95, l)
		w.y += lh
	}
	w.y += o.size * 0.3
	w.color(inkColor)
}

// column of a PDF table.
type col struct {
	title string
	frac  float64 // of the content width
	right bool
}

// cell is a table cell; color "" is the ink colour.
type cell struct {
	text  string
	color string
	bold  bool
	// box draws an empty tick box (a stroked square, not a glyph: the
	// bundled font has no ☐) before the text.
	box bool
}

// boxSide is a tick box's side in points.
const boxSide = 9.0

func (w *pdfWriter) table(cols []col, rows [][]cell) {
	const size, pad = 8.0, 3.0
	lh := size * 1.38
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = c.frac * contentW
	}
	// A heading word is never broken ("Empath|y"): each column is at least
	// as wide as its title's longest word, the room taken from columns
	// that have some to spare.
	w.font(fontBold, size)
	need := make([]float64, len(cols))
	for i, c := range cols {
		for _, word := range strings.Fields(c.title) {
			need[i] = max(need[i], w.width(word)+2*pad+0.5)
		}
	}
	widths = fitWidths(widths, need)
	measure := func(cells []cell, header bool) ([][]string, float64) {
		wrapped := make([][]string, len(cells))
		lines := 1
		for i, c := range cells {
			if header || c.bold {
				w.font(fontBold, size)
			} else {
				w.font(fontRegular, size)
			}
			room := widths[i] - 2*pad
			if c.box {
				room -= boxSide + pad
			}
			wrapped[i] = w.wrap(c.text, room)
			if n := int((contentBot - marginTop - 40) / lh); len(wrapped[i]) > n { // a row never outgrows a page
				wrapped[i] = append(wrapped[i][:n-1], "…")
			}
			lines = max(lines, len(wrapped[i]))
		}
		return wrapped, float64(lines)*lh + 2*pad
	}
	drawRow := func(cells []cell, header bool) {
		wrapped, h := measure(cells, header)
		if w.y+h > contentBot && !header {
			w.newPage()
			drawHeader(w, cols, widths, size, pad, lh)
		}
		x := marginL
		for i, c := range cells {
			if header {
				w.p.SetFillColor(rgb("#eef2f7"))
				w.p.RectFromUpperLeftWithStyle(x, w.y, widths[i], h, "F")
			}
			w.p.SetStrokeColor(rgb("#c8c8c8"))
			w.p.SetLineWidth(0.5)
			w.p.RectFromUpperLeftWithStyle(x, w.y, widths[i], h, "D")
			if header || c.bold {
				w.font(fontBold, size)
			} else {
				w.font(fontRegular, size)
			}
			clr := c.color
			if clr == "" {
				clr = inkColor
			}
			w.color(clr)
			indent := 0.0
			if c.box {
				w.p.SetStrokeColor(rgb(inkColor))
				w.p.SetLineWidth(0.8)
				w.p.RectFromUpperLeftWithStyle(x+pad+0.5, w.y+pad+1, boxSide, boxSide, "D")
				indent = boxSide + pad
			}
			for j, l := range wrapped[i] {
				tx := x + pad + indent
				if cols[i].right {
					tx = x + widths[i] - pad - w.width(l)
				}
				w.textAt(tx, w.y+pad+float64(j)*lh+size*0.95, l)
			}
			x += widths[i]
		}
		w.y += h
		w.color(inkColor)
	}
	headerCells := make([]cell, len(cols))
	hasHeader := false
	for i, c := range cols {
		headerCells[i] = cell{text: c.title}
		hasHeader = hasHeader || c.title != ""
	}
	if hasHeader {
		// The header stays with the first row: no header alone at the
		// foot of a page.
		_, hh := measure(headerCells, true)
		first := 2 * (lh + 2*pad)
		if len(rows) > 0 {
			_, first = measure(rows[0], false)
		}
		w.need(max(3*(lh+2*pad), hh+first))
		drawRow(headerCells, true)
	}
	for _, r := range rows {
		drawRow(r, false)
	}
	w.y += 8
}

// drawHeader repeats a table's header at the top of a new page.
// fitWidths widens each column to at least its need, taking the room
// from the columns wider than theirs in proportion to what they can give;
// the total stays the same when that is possible.
func fitWidths(widths, need []float64) []float64 {
	out := append([]float64(nil), widths...)
	short, spare := 0.0, 0.0
	for i := range out {
		if out[i] < need[i] {
			short += need[i] - out[i]
		} else {
			spare += out[i] - need[i]
		}
	}
	if short == 0 {
		return out
	}
	give := min(1, short/max(spare, 1e-9)) // the share of its spare each column gives
	for i := range out {
		if out[i] < need[i] {
			out[i] = need[i]
		} else {
			out[i] -= (out[i] - need[i]) * give
		}
	}
	return out
}

func drawHeader(w *pdfWriter, cols []col, widths []float64, size, pad, lh float64) {
	hasHeader := false
	for _, c := range cols {
		hasHeader = hasHeader || c.title != ""
	}
	if !hasHeader {
		return
	}
	w.font(fontBold, size)
	h := 0.0
	wrapped := make([][]string, len(cols))
	for i, c := range cols {
		wrapped[i] = w.wrap(c.title, widths[i]-2*pad)
		h = max(h, float64(len(wrapped[i]))*lh+2*pad)
	}
	x := marginL
	for i := range cols {
		w.p.SetFillColor(rgb("#eef2f7"))
		w.p.RectFromUpperLeftWithStyle(x, w.y, widths[i], h, "F")
		w.p.SetStrokeColor(rgb("#c8c8c8"))
		w.p.SetLineWidth(0.5)
		w.p.RectFromUpperLeftWithStyle(x, w.y, widths[i], h, "D")
		w.color(inkColor)
		for j, l := range wrapped[i] {
			tx := x + pad
			if cols[i].right {
				tx = x + widths[i] - pad - w.width(l)
			}
			w.textAt(tx, w.y+pad+float64(j)*lh+size*0.95, l)
		}
		x += widths[i]
	}
	w.y += h
}

// chart draws a chart of height h at the current position, with a caption.
func (w *pdfWriter) chart(h float64, caption string, draw func(canvas)) {
	w.need(h + 22)
	draw(&pdfCanvas{w: w, ox: marginL, oy: w.y})
	w.y += h + 4
	w.font(fontRegular, 8.5)
	w.color("#666666")
	w.textAt(marginL+contentW/2-w.width(caption)/2, w.y+8, caption)
	w.color(inkColor)
	w.y += 20
}

// numberPages writes "n / N" and the scenario at the foot of every page.
func (w *pdfWriter) numberPages(r *Report) {
	n := w.p.GetNumberOfPages()
	for i := 1; i <= n; i++ {
		w.check(w.p.SetPage(i))
		w.family, w.size = "", 0
		w.font(fontRegular, 8)
		w.color("#777777")
		num := fmt.Sprintf("%d / %d", i, n)
		w.textAt(pageW/2-w.width(num)/2, pageH-30, num)
		foot := w.clean(r.Overview.Scenario)
		if r.HandoutTeam != "" {
			foot += " · " + r.HandoutTeam
		}
		if w.width(foot) < contentW/2-30 {
			w.textAt(marginL, pageH-30, foot)
		}
		if r.Overview.Date != "" {
			w.textAt(marginL+contentW-w.width(r.Overview.Date), pageH-30, r.Overview.Date)
		}
	}
}

// pdfCanvas draws charts with gopdf lines and rectangles.
type pdfCanvas struct {
	w      *pdfWriter
	ox, oy float64
}

func (c *pdfCanvas) rect(x, y, w, h float64, fill string) {
	if h <= 0 || w <= 0 {
		return
	}
	c.w.p.SetFillColor(rgb(fill))
	c.w.p.RectFromUpperLeftWithStyle(c.ox+x, c.oy+y, w, h, "F")
}

func (c *pdfCanvas) line(x1, y1, x2, y2 float64, stroke string, width float64) {
	c.w.p.SetStrokeColor(rgb(stroke))
	c.w.p.SetLineWidth(width)
	c.w.p.Line(c.ox+x1, c.oy+y1, c.ox+x2, c.oy+y2)
}

func (c *pdfCanvas) polyline(pts [][2]float64, stroke string, width float64, dashed bool) {
	c.w.p.SetStrokeColor(rgb(stroke))
	c.w.p.SetLineWidth(width)
	if dashed {
		c.w.p.SetLineType("dashed")
	}
	for i := 1; i < len(pts); i++ {
		c.w.p.Line(c.ox+pts[i-1][0], c.oy+pts[i-1][1], c.ox+pts[i][0], c.oy+pts[i][1])
	}
	if dashed {
		c.w.p.SetLineType("solid")
	}
}

func (c *pdfCanvas) text(x, y float64, s string, size float64, color string, anchor int) {
	s = c.w.clean(s)
	c.w.font(fontRegular, size)
	c.w.color(color)
	switch anchor {
	case 1:
		x -= c.w.width(s) / 2
	case 2:
		x -= c.w.width(s)
	}
	c.w.textAt(c.ox+x, c.oy+y, s)
	c.w.color(inkColor)
}

func (c *pdfCanvas) measure(s string, size float64) float64 {
	c.w.font(fontRegular, size)
	return c.w.width(c.w.clean(s))
}
