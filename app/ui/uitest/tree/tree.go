// Package tree finds things in a drawn screen for the screens' tests: the
// text it shows, a button by its label, whether an object is drawn in it.
// (Apart from uitest, whose fixtures the UI kit's own tests use: this
// package knows the kit's widgets.)
package tree

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
)

// AllText collects the text of the labels and rich texts in a tree of
// containers, one per line.
func AllText(o fyne.CanvasObject) string { return collectText(o, false) }

// DrawnText is AllText with the canvas texts too (the branch map draws its
// phases' titles as canvas texts).
func DrawnText(o fyne.CanvasObject) string { return collectText(o, true) }

// TextOf is the text a label, wrapped label, rich text, glyph text (a
// clock, drawn a character at a time) or canvas text draws; ok is false for
// any other object.
func TextOf(o fyne.CanvasObject) (text string, ok bool) {
	switch v := o.(type) {
	case *widget.Label:
		return v.Text, true
	case *ui.WrapLabel:
		return v.Text, true
	case *widget.RichText:
		return v.String(), true
	case *ui.GlyphText:
		return v.Text, true
	case *canvas.Text:
		return v.Text, true
	}
	return "", false
}

func collectText(o fyne.CanvasObject, canvasTexts bool) string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(v.Content)
		case *canvas.Text:
			if canvasTexts {
				out = append(out, v.Text)
			}
		default:
			if text, ok := TextOf(o); ok {
				out = append(out, text)
			}
		}
	}
	walk(o)
	return strings.Join(out, "\n")
}

// Holds tells whether target is o or drawn inside it (containers, scrolls
// and widgets' renderers).
func Holds(t *testing.T, o, target fyne.CanvasObject) bool {
	if o == target {
		return true
	}
	switch x := o.(type) {
	case *fyne.Container:
		return slices.ContainsFunc(x.Objects, func(c fyne.CanvasObject) bool { return Holds(t, c, target) })
	case *container.Scroll:
		return Holds(t, x.Content, target)
	case fyne.Widget:
		return slices.ContainsFunc(test.TempWidgetRenderer(t, x).Objects(), func(c fyne.CanvasObject) bool { return Holds(t, c, target) })
	}
	return false
}

// FindButton is the first button drawn in o (containers, scrolls, the
// renderers of widgets such as dialogs) whose text is label; the test fails
// when there is none.
func FindButton(t *testing.T, o fyne.CanvasObject, label string) *widget.Button {
	t.Helper()
	for _, c := range Find[fyne.CanvasObject](t, o) {
		switch v := c.(type) {
		case *ui.KeyButton:
			if v.Text == label {
				return &v.Button
			}
		case *widget.Button:
			if v.Text == label {
				return v
			}
		}
	}
	t.Fatalf("no %q button in:\n%s", label, AllText(o))
	return nil
}

// Find lists the objects of type T drawn in o, in drawing order: it looks
// into containers, scrolls and the renderers of widgets (a dialog's form,
// a card's content), so a test of one screen package can fill in a dialog
// that another package opened.
func Find[T fyne.CanvasObject](t *testing.T, o fyne.CanvasObject) []T {
	t.Helper()
	var out []T
	walk(t, o, false, func(o fyne.CanvasObject) bool {
		if v, ok := o.(T); ok {
			out = append(out, v)
		}
		return true
	})
	return out
}

// Shown tells whether text is drawn in o by a label, rich text, glyph text
// or canvas text that is visible: neither hidden nor inside a hidden
// container or widget.
func Shown(t *testing.T, o fyne.CanvasObject, text string) bool {
	t.Helper()
	var found bool
	walk(t, o, true, func(o fyne.CanvasObject) bool {
		if s, ok := TextOf(o); ok && s == text {
			found = true
		}
		return !found
	})
	return found
}

// walk calls visit on o and everything drawn in it, in drawing order
// (containers, scrolls and the renderers of widgets), leaving out what is
// hidden when visibleOnly, until visit returns false.
func walk(t *testing.T, o fyne.CanvasObject, visibleOnly bool, visit func(fyne.CanvasObject) bool) {
	t.Helper()
	var stop bool
	var step func(fyne.CanvasObject)
	step = func(o fyne.CanvasObject) {
		if o == nil || stop || visibleOnly && !o.Visible() {
			return
		}
		if !visit(o) {
			stop = true
			return
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				step(c)
			}
		case *container.Scroll:
			step(x.Content)
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, x).Objects() {
				step(c)
			}
		}
	}
	step(o)
}

// Dialog is what the window shows over its content (the dialog last
// opened); the test fails when nothing is.
func Dialog(t *testing.T, w fyne.Window) fyne.CanvasObject {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	return top
}

// HasLine reports whether text (AllText, DrawnText) has a line that is
// line.
func HasLine(text, line string) bool { return slices.Contains(strings.Split(text, "\n"), line) }
