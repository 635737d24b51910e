package tree

import (
	"fmt"
	"image/color"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// FrameCost is what one frame of a window's content costs to draw, counted
// as Fyne's GL painter draws it (internal/driver.walkObjectTree and
// painter.Paint in Fyne 2.8): every visible object whose box meets its
// clip (a scroll's area) is one draw, and the pixels shaded are its box
// within that clip. Fyne repaints the whole window whenever anything in it
// changes, so a screen with a clock that ticks pays this once a second;
// without a GPU (Mesa's llvmpipe) every pixel is shaded on the CPU, and
// each draw is a dozen GL calls through cgo (docs/architecture.md,
// "Start-up, memory and idle CPU"). The counts do not depend on the
// machine's load, as CPU time does.
type FrameCost struct {
	Draws  int // objects drawn
	Pixels int // pixels shaded (at scale 1), all draws together
	// ByKind splits both by what draws them: "rounded rectangle",
	// "rectangle", "image", "raster", "text", "line", "other".
	ByKind map[string]KindCost
	// Walked counts every visible object the walk visits, drawn or not
	// (containers and widgets too): Fyne walks the tree two or three
	// times a frame.
	Walked int
}

// KindCost is the share of one kind of drawn object.
type KindCost struct{ Draws, Pixels int }

// String lists the kinds, largest share of pixels first.
func (f FrameCost) String() string {
	kinds := make([]string, 0, len(f.ByKind))
	for k := range f.ByKind {
		kinds = append(kinds, k)
	}
	slices.SortFunc(kinds, func(a, b string) int { return f.ByKind[b].Pixels - f.ByKind[a].Pixels })
	var b strings.Builder
	fmt.Fprintf(&b, "%d draws, %d pixels, %d objects walked", f.Draws, f.Pixels, f.Walked)
	for _, k := range kinds {
		fmt.Fprintf(&b, "; %s %d (%d px)", k, f.ByKind[k].Draws, f.ByKind[k].Pixels)
	}
	return b.String()
}

// Frame counts what drawing o, placed at the origin of a window of size
// win, costs (o is usually the window's content).
func Frame(t *testing.T, o fyne.CanvasObject, win fyne.Size) FrameCost {
	t.Helper()
	f := FrameCost{ByKind: map[string]KindCost{}}
	var step func(o fyne.CanvasObject, offset fyne.Position, clip rect)
	step = func(o fyne.CanvasObject, offset fyne.Position, clip rect) {
		if o == nil || !o.Visible() {
			return
		}
		f.Walked++
		pos := o.Position().Add(offset)
		box := rect{pos.X, pos.Y, pos.X + o.Size().Width, pos.Y + o.Size().Height}
		var children []fyne.CanvasObject
		switch x := o.(type) {
		case *fyne.Container:
			children = x.Objects
		case fyne.Widget:
			r := test.TempWidgetRenderer(t, x)
			children = r.Objects()
			if _, ok := r.(interface{ IsClip() }); ok {
				clip = clip.meet(box)
			}
		}
		if _, ok := o.(fyne.Scrollable); ok {
			clip = clip.meet(box)
		}
		if kind, size := drawn(o); kind != "" {
			// Painter.Paint skips what lies wholly outside its clip.
			if box.x0 <= clip.x1 && box.x1 >= clip.x0 && box.y0 <= clip.y1 && box.y1 >= clip.y0 {
				area := rect{pos.X, pos.Y, pos.X + size.Width, pos.Y + size.Height}.meet(clip)
				px := int(area.width()+0.5) * int(area.height()+0.5)
				f.Draws++
				f.Pixels += px
				k := f.ByKind[kind]
				k.Draws++
				k.Pixels += px
				f.ByKind[kind] = k
			}
		}
		for _, c := range children {
			step(c, pos, clip)
		}
	}
	step(o, fyne.Position{}, rect{0, 0, win.Width, win.Height})
	return f
}

// drawn is the kind of draw o is and the size it shades, or "" for what
// the painter draws nothing for (containers, widgets, a transparent
// rectangle without a border, an empty text).
func drawn(o fyne.CanvasObject) (string, fyne.Size) {
	switch x := o.(type) {
	case *canvas.Rectangle:
		if (x.FillColor == nil || x.FillColor == color.Transparent) &&
			(x.StrokeColor == nil || x.StrokeColor == color.Transparent || x.StrokeWidth == 0) {
			return "", fyne.Size{}
		}
		if x.CornerRadius != 0 || x.TopLeftCornerRadius != 0 || x.TopRightCornerRadius != 0 ||
			x.BottomLeftCornerRadius != 0 || x.BottomRightCornerRadius != 0 {
			return "rounded rectangle", x.Size()
		}
		return "rectangle", x.Size()
	case *canvas.Text:
		if x.Text == "" || x.Text == " " {
			return "", fyne.Size{}
		}
		return "text", x.MinSize() // the texture is the text's own size
	case *canvas.Image:
		return "image", x.Size()
	case *canvas.Raster:
		return "raster", x.Size()
	case *canvas.Line:
		if x.StrokeColor == nil || x.StrokeColor == color.Transparent || x.StrokeWidth == 0 {
			return "", fyne.Size{}
		}
		return "line", x.Size()
	case *fyne.Container, fyne.Widget:
		return "", fyne.Size{}
	}
	return "other", o.Size()
}

type rect struct{ x0, y0, x1, y1 float32 }

func (r rect) meet(s rect) rect {
	out := rect{max(r.x0, s.x0), max(r.y0, s.y0), min(r.x1, s.x1), min(r.y1, s.y1)}
	out.x1, out.y1 = max(out.x0, out.x1), max(out.y0, out.y1)
	return out
}

func (r rect) width() float32  { return r.x1 - r.x0 }
func (r rect) height() float32 { return r.y1 - r.y0 }
