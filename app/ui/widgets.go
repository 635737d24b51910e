package ui

import (
	"image/color"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Small building blocks shared by the screens.

// Heading is a section title.
func Heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// bold is a one-line bold label.
func Bold(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// Wrapped is a label that wraps: scenario text (injects, prompts, options)
// can be a paragraph and must never be cut off. It breaks lines by the rules
// for Chinese as well as English (see wrapLabel and linebreak.go): every
// Wrapped text on the screens is one of these, not a widget.Label with
// TextWrapWord.
func Wrapped(text string) *WrapLabel {
	return newWrapLabel(text)
}

// WrappedBold is a wrapped bold line (a header that can be long).
func WrappedBold(text string) *WrapLabel {
	l := Wrapped(text)
	l.TextStyle.Bold = true
	return l
}

// WrappedHeading is a section title that wraps (a long scenario title or
// objective must not widen the window).
func WrappedHeading(text string) *WrapLabel {
	l := WrappedBold(text)
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// Muted is secondary information (times, senders), wrapped. It uses the
// placeholder colour: a LowImportance label is drawn in the disabled colour,
// which is too faint to read on a projector.
func Muted(text string) *WrapLabel {
	l := Wrapped(text)
	l.colorName = theme.ColorNamePlaceHolder
	return l
}

// Faint is muted text on one line (for boxes, where wrapping text would
// shrink to nothing).
func Faint(text string, align fyne.TextAlign) *widget.RichText {
	return widget.NewRichText(&widget.TextSegment{Text: text, Style: widget.RichTextStyle{
		Alignment: align, ColorName: theme.ColorNamePlaceHolder, Inline: true, SizeName: theme.SizeNameText}})
}

// Panel draws its content on a rounded, slightly shaded background so that
// cards in a list stand apart without heavy borders.
//
// The background is a RoundedFill: panels are large, and a rounded
// Rectangle's shader over their area was most of the CPU of an exercise's
// every-second frame without a GPU.
func Panel(objs ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(NewRoundedFill(theme.ColorNameInputBackground), container.NewPadded(container.NewVBox(objs...)))
}

// Banner is a coloured strip with white bold text (the PAUSED indicator,
// an ending reached). Its text can be changed through the returned label.
type Banner struct {
	Box  *fyne.Container
	bg   *canvas.Rectangle
	Text *canvas.Text
}

func NewBanner(text string, bg color.Color) *Banner {
	b := &Banner{bg: canvas.NewRectangle(bg), Text: canvas.NewText(text, color.White)}
	b.bg.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	b.Text.TextStyle = fyne.TextStyle{Bold: true}
	b.Text.TextSize = theme.Size(theme.SizeNameSubHeadingText)
	b.Text.Alignment = fyne.TextAlignCenter
	b.Box = container.NewStack(b.bg, container.NewPadded(b.Text))
	return b
}

// SetVisible shows or hides the banner (hidden objects take no space in a
// box layout).
func (b *Banner) SetVisible(v bool) {
	if v {
		b.Box.Show()
	} else {
		b.Box.Hide()
	}
}

// ShowPause shows the banner while the clock is paused, with the text for a
// plain pause or a discussion pause.
func (b *Banner) ShowPause(paused, discussion bool, pausedText, discussionText string) {
	b.SetVisible(paused)
	text := pausedText
	if discussion {
		text = discussionText
	}
	if paused && b.Text.Text != text {
		b.Text.Text = text
		b.Text.Refresh()
	}
}

// IconLine is an icon before a bold line that wraps: a header that must
// not widen its column (an HBox would demand the whole text's width).
func IconLine(icon fyne.Resource, text string) fyne.CanvasObject {
	return container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(icon)), nil, WrappedBold(text))
}

// Spacer pushes what follows it to the end of a box.
func Spacer() fyne.CanvasObject { return layout.NewSpacer() }

// Coalescer turns a burst of requests from any goroutine into one call of
// fn on the UI goroutine. Engine subscribers fire once per event, and a
// single tick or choice can emit a dozen events; redrawing once is enough.
type Coalescer struct{ pending atomic.Bool }

func (c *Coalescer) Request(fn func()) {
	if c.pending.CompareAndSwap(false, true) {
		Do(func() {
			c.pending.Store(false)
			fn()
		})
	}
}

// Column centres obj and keeps it at most width wide: a form or report as
// wide as a 1280-pixel window is hard to read.
func Column(width float32, obj fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&columnLayout{width: width}, obj)
}

type columnLayout struct{ width float32 }

func (l *columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, max(l.width, 0))
	for _, o := range objs {
		o.Resize(fyne.NewSize(w, size.Height))
		o.Move(fyne.NewPos((size.Width-w)/2, 0))
	}
}

func (l *columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// Do hands work from another goroutine (the clock ticker, the network,
// background loads, a debouncer's timer) to the UI goroutine: it is
// fyne.Do. (Fyne's test driver runs the work at once, on the caller's
// goroutine; uitest.QueueUI gives a test a UI goroutine of its own.)
func Do(fn func()) { fyne.Do(fn) }

// Then runs work through run, a background runner (off the UI goroutine:
// a write, a send), and hands its result to done on the UI goroutine
// (Do).
func Then[T any](run func(func()), work func() T, done func(T)) {
	run(func() {
		v := work()
		Do(func() { done(v) })
	})
}

// KeyButton is a button that Enter (or Return) presses as well as Space
// when it has the keyboard focus, as on every desktop: Tab to it, Enter.
// Every button of the app is one (newButton, newIconButton).
type KeyButton struct {
	widget.Button
}

// NewButton is widget.NewButton as a keyButton.
func NewButton(label string, tapped func()) *KeyButton {
	return NewIconButton(label, nil, tapped)
}

// NewIconButton is widget.NewButtonWithIcon as a keyButton.
func NewIconButton(label string, icon fyne.Resource, tapped func()) *KeyButton {
	b := &KeyButton{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// CreateRenderer implements fyne.Widget: Fyne's button, whose rounded
// background is drawn by a RoundedFill of the same colour and radius.
// Fyne repaints the whole window once a second while an exercise runs (its
// clock), and without a GPU a rounded Rectangle's shader costs about three
// times what the fill's stretched image does per pixel; buttons were most
// of the rounded Rectangles' pixels on the console (docs/architecture.md,
// "Start-up, memory and idle CPU").
func (b *KeyButton) CreateRenderer() fyne.WidgetRenderer {
	inner := b.Button.CreateRenderer()
	r := &keyButtonRenderer{WidgetRenderer: inner}
	if objs := inner.Objects(); len(objs) > 0 {
		r.bg, _ = objs[0].(*canvas.Rectangle) // widget.Button's background comes first
	}
	if r.bg != nil {
		r.fill = NewRoundedFillColor(r.bg.FillColor, r.bg.CornerRadius)
	}
	return r
}

// keyButtonRenderer is widget.Button's renderer with its background
// replaced by fill, which follows the background's colour (hover, focus,
// importance, disabled) and radius after each refresh.
type keyButtonRenderer struct {
	fyne.WidgetRenderer
	bg      *canvas.Rectangle // Fyne's, kept up to date by its renderer but not drawn
	fill    *RoundedFill
	objects []fyne.CanvasObject
}

func (r *keyButtonRenderer) drawsFill() bool { return r.bg != nil && r.bg.CornerRadius > 0 }

// Objects implements fyne.WidgetRenderer: the button's objects, the fill in
// place of the background.
func (r *keyButtonRenderer) Objects() []fyne.CanvasObject {
	objs := r.WidgetRenderer.Objects()
	if !r.drawsFill() {
		return objs
	}
	r.objects = append(r.objects[:0], objs...)
	for i, o := range r.objects {
		if o == fyne.CanvasObject(r.bg) {
			r.objects[i] = r.fill
		}
	}
	return r.objects
}

// Layout implements fyne.WidgetRenderer.
func (r *keyButtonRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	if r.fill != nil {
		r.fill.Move(r.bg.Position())
		r.fill.Resize(r.bg.Size())
	}
}

// Refresh implements fyne.WidgetRenderer.
func (r *keyButtonRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	if r.fill != nil {
		r.fill.SetRadius(r.bg.CornerRadius)
		r.fill.SetColor(r.bg.FillColor)
	}
}

// TypedKey presses the button on Enter or Space. The focus stays on it
// (widget.Button drops it when pressed, which sends a keyboard user back
// to the start of the Tab order), unless pressing it took it off screen.
func (b *KeyButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		if b.Disabled() {
			return
		}
		b.Tapped(nil)
		if c := fyne.CurrentApp().Driver().CanvasForObject(b); c != nil {
			c.Focus(b)
		}
	default:
		b.Button.TypedKey(ev)
	}
}

// WheelRelay lies over a multi-line entry inside a scrolling page and
// passes the mouse wheel to the page: a Fyne multi-line entry scrolls its
// own text and keeps the wheel even when its text fits, so a page of text
// boxes (the improvement plan) could not be scrolled with the wheel over
// them. Only the wheel is taken: clicks, typing, selection and the
// entry's scroll bar still reach the entry, which matches none of them.
type WheelRelay struct {
	widget.BaseWidget
	page func() *container.Scroll // the page's scroll, when built
}

// OverPage puts a wheelRelay over obj.
func OverPage(obj fyne.CanvasObject, page func() *container.Scroll) fyne.CanvasObject {
	r := &WheelRelay{page: page}
	r.ExtendBaseWidget(r)
	return container.NewStack(obj, r)
}

func (r *WheelRelay) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// MinSize is none: the entry under it sets the size.
func (r *WheelRelay) MinSize() fyne.Size { return fyne.Size{} }

// Scrolled scrolls the page.
func (r *WheelRelay) Scrolled(ev *fyne.ScrollEvent) {
	if s := r.page(); s != nil {
		s.Scrolled(ev)
	}
}
