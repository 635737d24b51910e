package ui

import (
	"image/color"
	"math"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// WrapLabel is the app's wrapped text: a widget.Label with TextWrapWord,
// except that lines break by the rules of linebreak.go (Chinese between
// any two characters but never before "。" or after "（"; English at
// spaces), not by Fyne's, which breaks Chinese anywhere.
//
// Why a widget of our own: Fyne's wrapping (RichText.updateRowBounds,
// wrapWordLines) is private, and it breaks only at unicode.IsSpace runes or,
// failing that, at any rune. The only way to steer it would be to put
// characters into the text, and every White_Space character has a width
// (the narrowest, the hair space U+200A, is 0.9 px at 14 px in the bundled
// Noto Sans SC; the zero-width space U+200B measures 0 but is not
// White_Space, so Fyne does not break at it): the text would show gaps
// between Chinese characters, and a selectable label would copy them, as
// it would copy a "\n" put in at each of our breaks.
// So wrapLabel lays out its own lines: one canvas.Text per line (per styled
// run on a line), measured with fyne.MeasureText for the label's text size
// and style, with Fyne's label geometry (inner padding around the text,
// lines one text height apart), and reports the same MinSize as a wrapped
// widget.Label: a width of the padding only, so a paragraph never widens its
// window, and a height for its lines at the width it was last given. When
// the width changes, the height does, and Fyne lays the parents out again
// (its canvas compares every object's MinSize with the last one); at the
// new height and the same width the lines are the same, so this settles.
//
// Measuring is the cost: the breaker measures the pieces between break
// opportunities (a few distinct strings, cached per label) and each line
// once or twice; where a text may break is worked out once per text. A
// 300-character paragraph breaks anew in about 15 µs when its pieces are
// known (BenchmarkBreakLinesMeasured), less than a Fyne label takes to
// re-wrap (BenchmarkResizeFyneLabel).
//
// It keeps the fields and methods the screens use on a label (Text,
// Alignment, TextStyle, Importance, SizeName, Selectable, SetText, Refresh):
// Importance colours the text as a Label's does, and a Selectable one lets a
// person select with the mouse (drag, double-click for a word, triple-click
// for a line) and copy (Ctrl+C, right-click) the text exactly as written,
// without the breaks. It has no Truncation (no wrapped label used one).
type WrapLabel struct {
	widget.BaseWidget

	Text       string
	Alignment  fyne.TextAlign
	TextStyle  fyne.TextStyle
	Importance widget.Importance
	SizeName   fyne.ThemeSizeName
	Selectable bool

	colorName fyne.ThemeColorName // when set, the text's colour whatever the Importance (muted text)
	spans     []TextSpan          // when set, styled runs shown instead of Text (which holds their text)

	lay textLayout
	sel *wrapSelection
}

// TextSpan is a run of text in its own colour and weight, in a wrapLabel
// that shows several (the feed's mood line).
type TextSpan struct {
	Text  string
	Color fyne.ThemeColorName
	Bold  bool
}

var (
	_ fyne.Widget     = (*WrapLabel)(nil)
	_ fyne.Accessible = (*WrapLabel)(nil)
)

// newWrapLabel is a wrapLabel showing text.
func newWrapLabel(text string) *WrapLabel {
	l := &WrapLabel{Text: text}
	l.ExtendBaseWidget(l)
	return l
}

// SetText sets the text shown (and forgets a selection in it).
func (l *WrapLabel) SetText(text string) {
	l.Text, l.spans = text, nil
	if l.sel != nil {
		l.sel.selecting = false
	}
	l.Refresh()
}

// SetSpans shows styled runs of text.
func (l *WrapLabel) SetSpans(spans []TextSpan) {
	text := ""
	for _, s := range spans {
		text += s.Text
	}
	l.Text, l.spans = text, spans
	if l.sel != nil {
		l.sel.selecting = false
	}
	l.Refresh()
}

// SelectedText is the text selected in a Selectable label, as written.
func (l *WrapLabel) SelectedText() string {
	if !l.Selectable || l.sel == nil {
		return ""
	}
	return l.sel.selectedText()
}

// MinSize is the width of the padding and the height of the lines at the
// current width.
func (l *WrapLabel) MinSize() fyne.Size {
	l.ExtendBaseWidget(l)
	return l.BaseWidget.MinSize()
}

func (l *WrapLabel) AccessibilityLabel() string             { return l.Text }
func (l *WrapLabel) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }

// CreateRenderer is a private method to Fyne which links this widget to its
// renderer.
func (l *WrapLabel) CreateRenderer() fyne.WidgetRenderer {
	l.ExtendBaseWidget(l)
	r := &wrapRenderer{l: l}
	l.sync()
	l.lay.breakAt(l.Size().Width - 2*l.lay.pad)
	r.place()
	return r
}

// sync takes the text, style and theme into the layout.
func (l *WrapLabel) sync() {
	size := l.SizeName
	if size == "" {
		size = theme.SizeNameText
	}
	t := &l.lay
	t.textSize = theme.SizeForWidget(size, l)
	t.pad = theme.SizeForWidget(theme.SizeNameInnerPadding, l)
	t.align = l.Alignment
	t.runs = t.runs[:0]
	t.runes = t.runes[:0]
	add := func(text string, name fyne.ThemeColorName, style fyne.TextStyle) {
		begin := len(t.runes)
		t.runes = append(t.runes, []rune(text)...)
		t.runs = append(t.runs, styledRun{begin: begin, end: len(t.runes), style: style,
			color: theme.ColorForWidget(name, l)})
	}
	if l.spans != nil {
		for _, s := range l.spans {
			style := l.TextStyle
			style.Bold = style.Bold || s.Bold
			name := s.Color
			if name == "" {
				name = theme.ColorNameForeground
			}
			add(s.Text, name, style)
		}
	} else {
		add(l.Text, l.textColorName(), l.TextStyle)
	}
	t.lineH = 0
	for _, r := range t.runs {
		t.lineH = max(t.lineH, fyne.MeasureText("M", t.textSize, r.style).Height)
	}
	if t.lineH == 0 {
		t.lineH = fyne.MeasureText("M", t.textSize, l.TextStyle).Height
	}
	t.paras = paragraphs(t.runes)
	clear(t.widths)
	t.width = math.MaxFloat32 // not broken yet
}

// textColorName is the colour of a label of the given importance, as
// widget.Label has it.
func (l *WrapLabel) textColorName() fyne.ThemeColorName {
	if l.colorName != "" {
		return l.colorName
	}
	switch l.Importance {
	case widget.LowImportance:
		return theme.ColorNameDisabled
	case widget.HighImportance:
		return theme.ColorNamePrimary
	case widget.DangerImportance:
		return theme.ColorNameError
	case widget.WarningImportance:
		return theme.ColorNameWarning
	case widget.SuccessImportance:
		return theme.ColorNameSuccess
	default:
		return theme.ColorNameForeground
	}
}

// styledRun is runes [begin, end) of a label's text in one style.
type styledRun struct {
	begin, end int
	style      fyne.TextStyle
	color      color.Color
}

// textLayout is a label's text broken into lines for a width.
type textLayout struct {
	runes                []rune
	runs                 []styledRun
	textSize, lineH, pad float32
	align                fyne.TextAlign

	paras  []paragraph // the text's paragraphs and where their lines may end
	width  float32     // the width the lines are for (that of the text, inside the padding)
	lines  []lineRange
	widths map[[2]int]float32 // measure's answers for this text and style
}

// breakAt breaks the text into lines for width, if it is not already; it
// tells whether the lines changed.
func (t *textLayout) breakAt(width float32) bool {
	if width == t.width && t.lines != nil {
		return false
	}
	t.width = width
	lines := breakParagraphs(t.runes, t.paras, width, t.measure)
	changed := len(lines) != len(t.lines)
	for i := 0; !changed && i < len(lines); i++ {
		changed = lines[i] != t.lines[i]
	}
	t.lines = lines
	return changed
}

// measure is the drawn width of runes [from, to): fyne.MeasureText of each
// styled run's part, cached for the text. The breaker asks for the pieces
// between break opportunities and for whole lines; Fyne caches the shaping
// of each string as well, so only new strings cost anything.
func (t *textLayout) measure(from, to int) float32 {
	if from >= to {
		return 0
	}
	key := [2]int{from, to}
	if w, ok := t.widths[key]; ok {
		return w
	}
	w := float32(0)
	for _, r := range t.runs {
		a, b := max(from, r.begin), min(to, r.end)
		if a < b {
			w += fyne.MeasureText(string(t.runes[a:b]), t.textSize, r.style).Width
		}
	}
	if t.widths == nil || len(t.widths) > 1<<14 {
		t.widths = make(map[[2]int]float32)
	}
	t.widths[key] = w
	return w
}

// lineX is where line i starts, for the alignment.
func (t *textLayout) lineX(i int) float32 {
	x := t.pad
	if t.width <= 0 || t.width == math.MaxFloat32 {
		return x
	}
	spare := t.width - t.measure(t.lines[i].begin, t.lines[i].end)
	switch t.align {
	case fyne.TextAlignCenter:
		x += spare / 2
	case fyne.TextAlignTrailing:
		x += spare
	}
	return x
}

// lineAt is the line at height y, and whether y is below the last line.
func (t *textLayout) lineAt(y float32) (int, bool) {
	row := int(math.Floor(float64((y - t.pad) / t.lineH)))
	switch {
	case row < 0:
		return 0, false
	case row >= len(t.lines):
		return len(t.lines) - 1, true
	}
	return row, false
}

// offsetAt is the place in the text (a rune offset) nearest p.
func (t *textLayout) offsetAt(p fyne.Position) int {
	if len(t.lines) == 0 {
		return 0
	}
	row, below := t.lineAt(p.Y)
	ln := t.lines[row]
	if below {
		return ln.end
	}
	x := p.X - t.lineX(row)
	for i := ln.begin; i < ln.end; i++ {
		if x < t.measure(ln.begin, i)+t.measure(i, i+1)/2 {
			return i
		}
	}
	return ln.end
}

// wrapRenderer draws a wrapLabel's lines.
type wrapRenderer struct {
	l       *WrapLabel
	texts   []*canvas.Text // one per styled run on a line, the first used ones shown
	objects []fyne.CanvasObject
}

func (r *wrapRenderer) Destroy() {}

func (r *wrapRenderer) Layout(size fyne.Size) {
	if r.l.sel != nil {
		r.l.sel.Resize(size)
	}
	if r.l.lay.breakAt(size.Width - 2*r.l.lay.pad) {
		r.place()
		canvas.Refresh(r.l)
		return
	}
	r.place()
}

func (r *wrapRenderer) MinSize() fyne.Size {
	t := &r.l.lay
	if t.lines == nil {
		t.breakAt(r.l.Size().Width - 2*t.pad)
	}
	return fyne.NewSize(2*t.pad, float32(len(t.lines))*t.lineH+2*t.pad)
}

func (r *wrapRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *wrapRenderer) Refresh() {
	r.l.sync()
	r.l.lay.breakAt(r.l.Size().Width - 2*r.l.lay.pad)
	r.place()
	if r.l.sel != nil {
		r.l.sel.Refresh()
	}
	canvas.Refresh(r.l)
}

// place puts a canvas.Text for each styled run of each line where it is
// drawn (reusing those it has), and lists the objects (the selection first, under the text).
func (r *wrapRenderer) place() {
	l, t := r.l, &r.l.lay
	n := 0
	for i, ln := range t.lines {
		x0, y := t.lineX(i), t.pad+float32(i)*t.lineH
		for _, run := range t.runs {
			a, b := max(ln.begin, run.begin), min(ln.end, run.end)
			if a >= b {
				continue // an empty line draws nothing
			}
			if n == len(r.texts) {
				r.texts = append(r.texts, canvas.NewText("", nil))
			}
			txt := r.texts[n]
			n++
			s := string(t.runes[a:b])
			if txt.Text != s || txt.Color != run.color || txt.TextStyle != run.style || txt.TextSize != t.textSize {
				txt.Text, txt.Color, txt.TextStyle, txt.TextSize = s, run.color, run.style, t.textSize
				txt.Refresh()
			}
			txt.Move(fyne.NewPos(x0+t.measure(ln.begin, a), y))
			txt.Resize(fyne.NewSize(t.measure(a, b), t.lineH))
		}
	}
	r.objects = r.objects[:0]
	if l.Selectable {
		if l.sel == nil {
			l.sel = newWrapSelection(l)
		}
		l.sel.Resize(l.Size())
		r.objects = append(r.objects, l.sel)
	}
	for _, txt := range r.texts[:n] {
		r.objects = append(r.objects, txt)
	}
}

// wrapSelection lets a person select text in a Selectable wrapLabel and
// copy it, as a Selectable widget.Label does (Fyne's is private): drag to
// select, double-click for a word, triple-click for a line, Ctrl+C or the
// right-click menu to copy. The selection is between two rune offsets into
// the text, so what is copied is the text as written, spaces at breaks
// included.
type wrapSelection struct {
	widget.BaseWidget
	l                            *WrapLabel
	anchor, cursor               int
	selecting, focused, dragging bool
	doubleTappedAt               int64
}

var (
	_ fyne.Draggable         = (*wrapSelection)(nil)
	_ fyne.DoubleTappable    = (*wrapSelection)(nil)
	_ fyne.SecondaryTappable = (*wrapSelection)(nil)
	_ fyne.Tappable          = (*wrapSelection)(nil)
	_ fyne.Focusable         = (*wrapSelection)(nil)
	_ fyne.Shortcutable      = (*wrapSelection)(nil)
	_ desktop.Mouseable      = (*wrapSelection)(nil)
	_ desktop.Cursorable     = (*wrapSelection)(nil)
)

func newWrapSelection(l *WrapLabel) *wrapSelection {
	s := &wrapSelection{l: l}
	s.ExtendBaseWidget(s)
	return s
}

// span is the selection's start and end, in order.
func (s *wrapSelection) span() (int, int) {
	return min(s.anchor, s.cursor), max(s.anchor, s.cursor)
}

func (s *wrapSelection) selectedText() string {
	a, b := s.span()
	if !s.selecting || a == b || b > len(s.l.lay.runes) {
		return ""
	}
	return string(s.l.lay.runes[a:b])
}

func (s *wrapSelection) Cursor() desktop.Cursor { return desktop.TextCursor }

func (s *wrapSelection) grabFocus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(s); c != nil {
		c.Focus(s)
	}
}

func (s *wrapSelection) tripleTap() bool {
	return time.Now().UnixMilli()-s.doubleTappedAt <= fyne.CurrentApp().Driver().DoubleTapDelay().Milliseconds()
}

func (s *wrapSelection) MouseDown(m *desktop.MouseEvent) {
	if s.tripleTap() {
		s.selectLine()
		return
	}
	s.grabFocus()
	if s.selecting && m.Button == desktop.MouseButtonPrimary {
		s.selecting = false
		s.Refresh()
	}
}

func (s *wrapSelection) MouseUp(m *desktop.MouseEvent) {
	if m.Button == desktop.MouseButtonSecondary {
		return
	}
	if s.selecting && s.anchor == s.cursor {
		s.selecting = false
	}
	s.Refresh()
}

func (s *wrapSelection) Dragged(d *fyne.DragEvent) {
	if !s.dragging {
		s.dragging, s.selecting = true, true
		s.anchor = s.l.lay.offsetAt(d.Position.Subtract(d.Dragged))
		s.grabFocus()
	}
	s.cursor = s.l.lay.offsetAt(d.Position)
	s.Refresh()
}

func (s *wrapSelection) DragEnd() {
	s.dragging = false
	if s.anchor == s.cursor {
		s.selecting = false
	}
	s.Refresh()
}

// DoubleTapped selects the word (or run of Chinese, or of spaces) at p.
func (s *wrapSelection) DoubleTapped(p *fyne.PointEvent) {
	s.doubleTappedAt = time.Now().UnixMilli()
	s.anchor, s.cursor = wordAt(s.l.lay.runes, s.l.lay.offsetAt(p.Position))
	s.selecting = s.anchor < s.cursor
	s.grabFocus()
	s.Refresh()
}

// selectLine selects the line shown where the cursor is.
func (s *wrapSelection) selectLine() {
	for _, ln := range s.l.lay.lines {
		if s.cursor <= ln.end {
			s.anchor, s.cursor = ln.begin, ln.end
			break
		}
	}
	s.selecting = s.anchor < s.cursor
	s.grabFocus()
	s.Refresh()
}

func (s *wrapSelection) Tapped(*fyne.PointEvent) {
	if fyne.CurrentDevice().IsMobile() {
		s.selecting = false
		s.Refresh()
	}
}

func (s *wrapSelection) TappedSecondary(ev *fyne.PointEvent) {
	app := fyne.CurrentApp()
	c := app.Driver().CanvasForObject(s)
	if c == nil {
		return
	}
	text := s.selectedText()
	m := fyne.NewMenu("", fyne.NewMenuItem(lang.L("Copy"), func() { app.Clipboard().SetContent(text) }))
	widget.ShowPopUpMenuAtPosition(m, c, ev.AbsolutePosition)
}

func (s *wrapSelection) TypedShortcut(sh fyne.Shortcut) {
	if _, ok := sh.(*fyne.ShortcutCopy); ok {
		if text := s.selectedText(); text != "" {
			fyne.CurrentApp().Clipboard().SetContent(text)
		}
	}
}

func (s *wrapSelection) FocusGained() {
	s.focused = true
	s.Refresh()
}

func (s *wrapSelection) FocusLost() {
	s.focused = false
	s.Refresh()
}

func (s *wrapSelection) TypedRune(rune)          {}
func (s *wrapSelection) TypedKey(*fyne.KeyEvent) {}

func (s *wrapSelection) CreateRenderer() fyne.WidgetRenderer {
	s.ExtendBaseWidget(s)
	return &selectionRenderer{s: s}
}

// wordAt is the word around offset i of runes: the run of characters of
// one kind (letters and digits, Chinese, spaces, or other marks) there.
func wordAt(runes []rune, i int) (int, int) {
	if len(runes) == 0 {
		return 0, 0
	}
	i = min(max(i, 0), len(runes)-1)
	kind := func(r rune) int {
		switch {
		case r == '\n':
			return -1
		case isBreakSpace(r):
			return 0
		case isWide(r) && (unicode.IsLetter(r) || unicode.IsNumber(r)):
			return 1
		case unicode.IsLetter(r) || unicode.IsNumber(r) || isGlue(r) || r == '_':
			return 2
		}
		return 3
	}
	k := kind(runes[i])
	if k < 0 {
		return i, i
	}
	a, b := i, i+1
	for a > 0 && kind(runes[a-1]) == k {
		a--
	}
	for b < len(runes) && kind(runes[b]) == k {
		b++
	}
	return a, b
}

// selectionRenderer draws the selection: a rectangle over the selected part
// of each line, under the text, while the label has the focus.
type selectionRenderer struct {
	s     *wrapSelection
	boxes []fyne.CanvasObject
}

func (r *selectionRenderer) Destroy()                     {}
func (r *selectionRenderer) Layout(fyne.Size)             {}
func (r *selectionRenderer) MinSize() fyne.Size           { return fyne.Size{} }
func (r *selectionRenderer) Objects() []fyne.CanvasObject { return r.boxes }

func (r *selectionRenderer) Refresh() {
	s, t := r.s, &r.s.l.lay
	n := 0
	if s.selecting && s.focused && s.anchor != s.cursor {
		a, b := s.span()
		fill := theme.ColorForWidget(theme.ColorNameSelection, s)
		for i, ln := range t.lines {
			next := len(t.runes)
			if i+1 < len(t.lines) {
				next = t.lines[i+1].begin
			}
			if a >= max(next, ln.end+1) || b <= ln.begin {
				continue // the selection does not reach this line (or what follows it)
			}
			from, to := min(max(a, ln.begin), ln.end), min(max(b, ln.begin), ln.end)
			x := t.lineX(i)
			x1, x2 := x+t.measure(ln.begin, from), x+t.measure(ln.begin, to)
			if n == len(r.boxes) {
				r.boxes = append(r.boxes, canvas.NewRectangle(fill))
			}
			box := r.boxes[n].(*canvas.Rectangle)
			n++
			box.FillColor = fill
			box.Move(fyne.NewPos(x1-1, t.pad+float32(i)*t.lineH))
			box.Resize(fyne.NewSize(x2-x1+1, t.lineH))
			box.Refresh()
		}
	}
	r.boxes = r.boxes[:n]
	canvas.Refresh(s)
}
