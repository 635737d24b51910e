package ui

import (
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
)

// drawnLines is the text drawn on each line of a widget: its canvas texts
// (those of its renderer's widgets too) grouped by height, left to right.
func drawnLines(t *testing.T, w fyne.Widget) []string {
	t.Helper()
	type piece struct {
		x, y float32
		text string
	}
	var pieces []piece
	var walk func(o fyne.CanvasObject, off fyne.Position)
	walk = func(o fyne.CanvasObject, off fyne.Position) {
		switch x := o.(type) {
		case *canvas.Text:
			p := off.Add(x.Position())
			pieces = append(pieces, piece{p.X, p.Y, x.Text})
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, x).Objects() {
				walk(c, off.Add(x.Position()))
			}
		}
	}
	for _, c := range test.TempWidgetRenderer(t, w).Objects() {
		walk(c, fyne.Position{})
	}
	sort.SliceStable(pieces, func(i, j int) bool {
		if pieces[i].y != pieces[j].y {
			return pieces[i].y < pieces[j].y
		}
		return pieces[i].x < pieces[j].x
	})
	var lines []string
	for i, p := range pieces {
		if i > 0 && p.y == pieces[i-1].y {
			lines[len(lines)-1] += p.text
		} else {
			lines = append(lines, p.text)
		}
	}
	return lines
}

// fyneLabel is Fyne's own wrapped label, for comparison.
func fyneLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

const zhParagraph = "本市自来水公司于今晨接到多起居民投诉，称自来水有异味。社交媒体上开始流传“水源被污染”的说法，" +
	"部分超市的瓶装水已被抢购一空。请在十五分钟内决定：是否发布初步声明，由谁发言，以及如何回应记者的提问（包括已知事实、" +
	"未知事项和下一步行动）。市民热线的来电数量正在迅速上升……"

// English wraps at spaces, on the same lines as Fyne's own wrapped label,
// with the same minimum size.
func TestWrapLabelWrapsEnglishAsFyneDoes(t *testing.T) {
	uitest.Window(t)
	texts := []string{
		"A reporter from the Evening Post calls the press office: she has heard that the water is unsafe and wants a comment within the hour.",
		"Decide what the first holding statement says, who signs it, and when it goes out.\nThen brief the call centre.",
		"Short.",
		"",
	}
	for _, text := range texts {
		for w := float32(60); w <= 700; w += 7 {
			ours, theirs := Wrapped(text), fyneLabel(text)
			ours.Resize(fyne.NewSize(w, 400))
			theirs.Resize(fyne.NewSize(w, 400))
			got, want := drawnLines(t, ours), drawnLines(t, theirs)
			want = slices.DeleteFunc(want, func(s string) bool { return s == "" })
			if !slices.Equal(got, want) {
				t.Fatalf("%q at width %v:\n ours %q\nFyne's %q", text, w, got, want)
			}
			if a, b := ours.MinSize(), theirs.MinSize(); a != b {
				t.Fatalf("%q at width %v: MinSize %v, Fyne's label %v", text, w, a, b)
			}
		}
	}
}

// A Chinese paragraph never starts a line with closing punctuation or ends
// one with opening punctuation, at any width, where Fyne's own wrapping
// does; its lines fit and, put together, are the paragraph.
func TestWrapLabelKeepsChinesePunctuationInPlace(t *testing.T) {
	uitest.Window(t)
	fyneStarts := map[string]int{}
	for w := float32(80); w <= 800; w++ {
		fl := fyneLabel(zhParagraph)
		fl.Resize(fyne.NewSize(w, 400))
		for _, line := range drawnLines(t, fl)[1:] {
			if r, _ := utf8.DecodeRuneInString(line); isNoLineStart(r) {
				fyneStarts[string(r)]++
			}
		}

		l := Wrapped(zhParagraph)
		l.Resize(fyne.NewSize(w, 400))
		lines := drawnLines(t, l)
		if strings.Join(lines, "") != zhParagraph {
			t.Fatalf("at width %v the lines %q are not the paragraph", w, lines)
		}
		pad := theme.Size(theme.SizeNameInnerPadding)
		for i, line := range lines {
			first, _ := utf8.DecodeRuneInString(line)
			last, _ := utf8.DecodeLastRuneInString(line)
			if i > 0 && isNoLineStart(first) {
				t.Errorf("at width %v line %d starts with %q: %q", w, i+1, first, line)
			}
			if i < len(lines)-1 && isNoLineEnd(last) {
				t.Errorf("at width %v line %d ends with %q: %q", w, i+1, last, line)
			}
			if lw := fyne.MeasureText(line, theme.Size(theme.SizeNameText), fyne.TextStyle{}).Width; lw > w-2*pad {
				t.Errorf("at width %v line %q is %v wide", w, line, lw)
			}
		}
		if want := float32(len(lines))*l.lay.lineH + 2*pad; l.MinSize().Height != want {
			t.Errorf("at width %v: height %v for %d lines", w, l.MinSize().Height, len(lines))
		}
	}
	// Make sure the widths tried are ones where it matters.
	if fyneStarts["。"] == 0 || fyneStarts["，"] == 0 {
		t.Errorf("Fyne's wrapping never started a line with 。 or ， here (%v): the test proves nothing", fyneStarts)
	}
}

// A line of Chinese with times and a separator breaks between the Chinese
// characters, never inside the date or the time.
func TestWrapLabelMixedText(t *testing.T) {
	uitest.Window(t)
	text := "开始于 2026-12-06 02:35 · 已结束，共有 3 个小组参加演练"
	for w := float32(90); w <= 400; w += 3 {
		l := Wrapped(text)
		l.Resize(fyne.NewSize(w, 200))
		for _, line := range drawnLines(t, l) {
			for _, tok := range []string{"2026-12-06", "02:35"} {
				for i := 1; i < len(tok); i++ {
					if strings.HasSuffix(line, tok[:i]) || strings.HasPrefix(line, tok[i:]) && !strings.HasPrefix(line, tok) {
						t.Errorf("at width %v %q is broken: %q", w, tok, l.lines())
					}
				}
			}
			if strings.HasPrefix(line, "·") || strings.HasPrefix(line, "，") {
				t.Errorf("at width %v a line starts with punctuation: %q", w, l.lines())
			}
		}
	}
}

// The label keeps a Label's looks and API: Importance colours, bold, text
// size, alignment, SetText.
func TestWrapLabelStyle(t *testing.T) {
	uitest.Window(t)
	l := Wrapped("一二三")
	l.Importance = widget.DangerImportance
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameSubHeadingText
	l.Resize(fyne.NewSize(300, 100))
	l.Refresh()
	txt := test.TempWidgetRenderer(t, l).Objects()[0].(*canvas.Text)
	if txt.Color != theme.Color(theme.ColorNameError) || !txt.TextStyle.Bold || txt.TextSize != theme.Size(theme.SizeNameSubHeadingText) {
		t.Errorf("text drawn in %v, %+v, size %v", txt.Color, txt.TextStyle, txt.TextSize)
	}
	before := l.MinSize().Height
	l.SetText(strings.Repeat("一二三四五六七八九十", 5))
	if got := drawnLines(t, l); len(got) < 2 || l.MinSize().Height <= before {
		t.Errorf("after SetText: lines %q, height %v (was %v)", got, l.MinSize().Height, before)
	}

	m := Muted("secondary")
	m.Resize(fyne.NewSize(300, 100))
	if txt := test.TempWidgetRenderer(t, m).Objects()[0].(*canvas.Text); txt.Color != theme.Color(theme.ColorNamePlaceHolder) {
		t.Errorf("muted text is drawn in %v", txt.Color)
	}

	c := Wrapped("centred")
	c.Alignment = fyne.TextAlignCenter
	c.Resize(fyne.NewSize(300, 100))
	txt = test.TempWidgetRenderer(t, c).Objects()[0].(*canvas.Text)
	if mid := txt.Position().X + txt.Size().Width/2; mid < 149 || mid > 151 {
		t.Errorf("centred text is drawn from %v, %v wide", txt.Position().X, txt.Size().Width)
	}
}

// resizeWindow resizes w and lays it out again as the GLFW driver does
// when an object's MinSize changed: the test driver lays out only once, with
// the heights wrapped text had at the old width.
func resizeWindow(w fyne.Window, size fyne.Size) {
	w.Resize(size)
	for range 3 {
		w.Content().Refresh()
	}
}

// In a window, a wrapped paragraph takes the height of its lines at the
// width it is given, and gives it back when the window widens.
func TestWrapLabelRelayout(t *testing.T) {
	w := uitest.Window(t)
	l := Wrapped(zhParagraph)
	w.SetContent(container.NewVBox(l, widget.NewLabel("below")))
	resizeWindow(w, fyne.NewSize(300, 600))
	narrow := l.Size().Height
	if n := len(l.lines()); n < 4 || narrow != l.MinSize().Height {
		t.Fatalf("at 300 wide: %d lines, %v high, MinSize %v", n, narrow, l.MinSize())
	}
	resizeWindow(w, fyne.NewSize(900, 600))
	if wide := l.Size().Height; wide >= narrow || wide != l.MinSize().Height {
		t.Errorf("at 900 wide: %v high (MinSize %v), at 300: %v", wide, l.MinSize(), narrow)
	}
	if min := w.Content().MinSize(); min.Width > 100 {
		t.Errorf("the paragraph widens the window: MinSize %v", min)
	}
}

// Several styled runs wrap together (the feed's mood line).
func TestWrapLabelSpans(t *testing.T) {
	uitest.Window(t)
	l := newWrapLabel("")
	l.SetSpans([]TextSpan{{Text: "近 10 分钟舆情：", Bold: true}, {Text: "3 负面", Color: theme.ColorNameError, Bold: true},
		{Text: " · 0 嘲讽"}, {Text: " · 5 中立"}, {Text: " · 1 支持", Color: theme.ColorNameSuccess}})
	if l.Text != "近 10 分钟舆情：3 负面 · 0 嘲讽 · 5 中立 · 1 支持" {
		t.Errorf("Text is %q", l.Text)
	}
	for w := float32(60); w <= 400; w += 5 {
		l.Resize(fyne.NewSize(w, 200))
		lines := drawnLines(t, l)
		if got := strings.Join(lines, " "); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(l.Text, " ", "") {
			t.Fatalf("at %v the lines %q are not the text", w, lines)
		}
		for _, line := range lines[1:] {
			if r, _ := utf8.DecodeRuneInString(line); isNoLineStart(r) {
				t.Errorf("at %v a line starts with %q: %q", w, r, lines)
			}
		}
	}
}

// A Selectable label selects across its lines and copies the text as
// written: the space at a break included, no line break added.
func TestWrapLabelSelectAndCopy(t *testing.T) {
	w := uitest.Window(t)
	text := "The first holding statement goes out at noon 请在十五分钟内决定是否发布初步声明"
	l := Wrapped(text)
	l.Selectable = true
	w.SetContent(container.NewVBox(l))
	resizeWindow(w, fyne.NewSize(260, 400))
	if len(l.lines()) < 3 {
		t.Fatalf("not wrapped: %q", l.lines())
	}
	objs := test.TempWidgetRenderer(t, l).Objects()
	sel, ok := objs[0].(*wrapSelection)
	if !ok {
		t.Fatalf("no selection under the text: %T", objs[0])
	}
	// Drag from the very start to below the last line.
	start := fyne.NewPos(1, 1)
	end := fyne.NewPos(250, l.Size().Height+10)
	sel.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: end}, Dragged: fyne.NewDelta(end.X-start.X, end.Y-start.Y)})
	sel.DragEnd()
	if got := l.SelectedText(); got != text {
		t.Errorf("selected %q, want the whole text (lines %q, %v high)", got, l.lines(), l.Size().Height)
	}
	sel.TypedShortcut(&fyne.ShortcutCopy{})
	if got := fyne.CurrentApp().Clipboard().Content(); got != text {
		t.Errorf("copied %q", got)
	}
	if objs := test.TempWidgetRenderer(t, sel).Objects(); len(objs) != len(l.lines()) {
		t.Errorf("%d selection boxes for %d lines", len(objs), len(l.lines()))
	}

	// A double click selects a word; a click clears it.
	x := l.lay.lineX(0) + l.lay.measure(0, 5)
	sel.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(x, l.lay.pad+l.lay.lineH/2)})
	if got := l.SelectedText(); got != "first" {
		t.Errorf("double click selected %q", got)
	}
	sel.doubleTappedAt = 0
	sel.MouseDown(&desktop.MouseEvent{Button: desktop.MouseButtonPrimary})
	sel.MouseUp(&desktop.MouseEvent{Button: desktop.MouseButtonPrimary})
	if got := l.SelectedText(); got != "" {
		t.Errorf("after a click %q is still selected", got)
	}

	// A label that is not selectable has no selection to catch the mouse.
	plain := Wrapped(text)
	plain.Resize(fyne.NewSize(260, 400))
	for _, o := range test.TempWidgetRenderer(t, plain).Objects() {
		if _, ok := o.(*wrapSelection); ok {
			t.Error("a plain label catches the mouse")
		}
	}
}

// zh300 is a 300-character Chinese paragraph.
func zh300() string {
	s := ""
	for utf8.RuneCountInString(s) < 300 {
		s += zhParagraph
	}
	return string([]rune(s)[:300])
}

func benchApp(b *testing.B) { uitest.Window(b) }

// Breaking a 300-character paragraph with the label's measure (Fyne's text
// measurement, cached), at a width that changes every time as in a window
// being resized.
func BenchmarkBreakLinesMeasured(b *testing.B) {
	benchApp(b)
	l := Wrapped(zh300())
	l.Resize(fyne.NewSize(500, 100))
	i := 0
	for b.Loop() {
		l.lay.breakAt(float32(300 + i%400))
		i++
	}
}

// The same for a paragraph never measured before (a new rotation of the
// text every time, so that neither our cache nor Fyne's knows its lines):
// the cost of showing a new paragraph.
func BenchmarkBreakLinesCold(b *testing.B) {
	benchApp(b)
	text := []rune(zh300())
	l := Wrapped(string(text))
	l.Resize(fyne.NewSize(500, 100))
	i := 0
	for b.Loop() {
		i++
		l.lay.runes = append(text[i%len(text):], text[:i%len(text)]...)
		l.lay.runs[0].end = len(l.lay.runes)
		l.lay.paras = paragraphs(l.lay.runes)
		clear(l.lay.widths)
		l.lay.breakAt(float32(300 + i%7))
	}
}

// Resizing a wrapped 300-character paragraph, ours and Fyne's label.
func BenchmarkResizeWrapLabel(b *testing.B) {
	benchApp(b)
	l := Wrapped(zh300())
	i := 0
	for b.Loop() {
		l.Resize(fyne.NewSize(float32(300+i%400), 100))
		i++
	}
}

func BenchmarkResizeFyneLabel(b *testing.B) {
	benchApp(b)
	l := fyneLabel(zh300())
	i := 0
	for b.Loop() {
		l.Resize(fyne.NewSize(float32(300+i%400), 100))
		i++
	}
}

// lines is the text of each line the label shows.
func (l *WrapLabel) lines() []string {
	var out []string
	for _, ln := range l.lay.lines {
		out = append(out, string(l.lay.runes[ln.begin:ln.end]))
	}
	return out
}
