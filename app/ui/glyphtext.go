package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// GlyphText is a short text that changes often, a clock, drawn as one
// canvas.Text per character.
//
// Fyne keeps a text's texture by its content: a canvas.Text whose text
// changes is shaped and rasterised anew, and a clock that ticks makes a
// new text every second. Drawn a character at a time, a new second uses
// the textures of characters already drawn ("0"–"9" and ":"), and only a
// character that changed is refreshed (docs/architecture.md, "Start-up,
// memory and idle CPU"). Each character takes its own advance, so a
// proportional font's digits (tabular in Noto Sans) line up as in one
// text, without kerning, which digits and colons do not use.
type GlyphText struct {
	widget.BaseWidget
	// Text is the text shown; set it with SetText.
	Text      string
	TextSize  float32
	TextStyle fyne.TextStyle
	Color     color.Color

	chars []*canvas.Text
}

// NewGlyphText shows text in the foreground colour at the theme's text
// size; set TextSize, TextStyle and Color before it is first drawn, or
// Refresh after.
func NewGlyphText(text string) *GlyphText {
	g := &GlyphText{Text: text, TextSize: theme.Size(theme.SizeNameText)}
	g.ExtendBaseWidget(g)
	return g
}

// SetText shows text, refreshing only the characters that changed (and
// the whole widget when its length did).
func (g *GlyphText) SetText(text string) {
	if text == g.Text {
		return
	}
	old := g.Text
	g.Text = text
	if len(g.chars) == 0 || len([]rune(old)) != len([]rune(text)) {
		g.Refresh()
		return
	}
	for i, r := range []rune(text) {
		if c := g.chars[i]; c.Text != string(r) {
			c.Text = string(r)
			c.Refresh()
		}
	}
	// A character of another width moves the ones after it.
	g.layoutChars()
}

func (g *GlyphText) color() color.Color {
	if g.Color != nil {
		return g.Color
	}
	return theme.Color(theme.ColorNameForeground)
}

// CreateRenderer implements fyne.Widget.
func (g *GlyphText) CreateRenderer() fyne.WidgetRenderer {
	r := &glyphRenderer{g: g}
	r.Refresh()
	return r
}

// layoutChars places the characters side by side from the left.
func (g *GlyphText) layoutChars() {
	x := float32(0)
	for _, c := range g.chars {
		s := c.MinSize()
		c.Move(fyne.NewPos(x, 0))
		c.Resize(s)
		x += s.Width
	}
}

type glyphRenderer struct {
	g       *GlyphText
	objects []fyne.CanvasObject
}

func (r *glyphRenderer) Destroy() {}

func (r *glyphRenderer) Layout(fyne.Size) { r.g.layoutChars() }

func (r *glyphRenderer) MinSize() fyne.Size {
	var size fyne.Size
	for _, c := range r.g.chars {
		s := c.MinSize()
		size.Width += s.Width
		size.Height = max(size.Height, s.Height)
	}
	if len(r.g.chars) == 0 { // keep a line's height
		size.Height = fyne.MeasureText("0", r.g.TextSize, r.g.TextStyle).Height
	}
	return size
}

func (r *glyphRenderer) Objects() []fyne.CanvasObject { return r.objects }

// Refresh makes a text per character, with the widget's size, style and
// colour (a theme change refreshes every widget).
func (r *glyphRenderer) Refresh() {
	g := r.g
	runes := []rune(g.Text)
	for len(g.chars) < len(runes) {
		g.chars = append(g.chars, canvas.NewText("", nil))
	}
	g.chars = g.chars[:len(runes)]
	col := g.color()
	r.objects = r.objects[:0]
	for i, c := range g.chars {
		c.Text, c.TextSize, c.TextStyle, c.Color = string(runes[i]), g.TextSize, g.TextStyle, col
		r.objects = append(r.objects, c)
		c.Refresh()
	}
	g.layoutChars()
}
