package ui

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// RoundedFill is a filled rectangle with rounded corners, drawn as a
// canvas.Rectangle with CornerRadius is but for a fraction of its cost.
//
// Fyne repaints the whole window whenever anything in it changes, and a
// running exercise changes it every second (the clock). Without a GPU, as
// under Xvfb or on a laptop whose GL is Mesa's llvmpipe, that frame is
// shaded on the CPU pixel by pixel, and a rounded Rectangle runs Fyne's
// rounded-rectangle shader (a signed distance per pixel) over all of its
// area: measured under llvmpipe, 23 ns a pixel, against 6 ns for a
// stretched one-pixel image. The panels behind the console's team cards
// and the injects were most of the pixels of each frame
// (docs/architecture.md, "Start-up, memory and idle CPU").
//
// So the fill is a stretched one-pixel image for the middle and, above and
// below it, a raster one radius high with the two corners, drawn at the
// screen's pixel size: three draws. Only an opaque colour is drawn that
// way (the middle reaches a pixel under the rasters so that rounding
// leaves no seam); a translucent one falls back to a rounded Rectangle.
type RoundedFill struct {
	widget.BaseWidget
	colorName fyne.ThemeColorName
	// Radius is the corners' radius; zero takes the theme's input radius.
	Radius float32
}

// NewRoundedFill fills its area with a theme colour, corners rounded by
// the theme's input radius (as Fyne's inputs and buttons are).
func NewRoundedFill(colorName fyne.ThemeColorName) *RoundedFill {
	f := &RoundedFill{colorName: colorName}
	f.ExtendBaseWidget(f)
	return f
}

// CreateRenderer implements fyne.Widget.
func (f *RoundedFill) CreateRenderer() fyne.WidgetRenderer {
	r := &fillRenderer{f: f, fallback: canvas.NewRectangle(color.Transparent),
		mid: canvas.NewImageFromImage(image.NewNRGBA(image.Rect(0, 0, 1, 1)))}
	r.mid.ScaleMode = canvas.ImageScalePixels // a one-pixel texture, stretched
	r.top = canvas.NewRasterWithPixels(func(x, y, w, h int) color.Color { return r.edgePixel(x, y, w, h, true) })
	r.bottom = canvas.NewRasterWithPixels(func(x, y, w, h int) color.Color { return r.edgePixel(x, y, w, h, false) })
	r.Refresh()
	return r
}

type fillRenderer struct {
	f           *RoundedFill
	col         color.NRGBA
	radius      float32
	opaque      bool
	mid         *canvas.Image
	top, bottom *canvas.Raster // one radius high, with the corners
	fallback    *canvas.Rectangle
	objects     []fyne.CanvasObject
	size        fyne.Size
}

func (r *fillRenderer) Destroy() {}

func (r *fillRenderer) MinSize() fyne.Size { return fyne.Size{} }

func (r *fillRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *fillRenderer) Layout(size fyne.Size) {
	r.size = size
	if !r.opaque {
		r.fallback.Resize(size)
		return
	}
	rad := r.cornerRadius(size)
	under := min(1, rad) // the middle reaches under the rasters
	r.mid.Move(fyne.NewPos(0, rad-under))
	r.mid.Resize(fyne.NewSize(size.Width, max(0, size.Height-2*rad+2*under)))
	r.top.Move(fyne.NewPos(0, 0))
	r.top.Resize(fyne.NewSize(size.Width, rad))
	r.bottom.Move(fyne.NewPos(0, size.Height-rad))
	r.bottom.Resize(fyne.NewSize(size.Width, rad))
}

// cornerRadius is the radius, at most half the shorter side (as Fyne
// draws a radius too large for the rectangle).
func (r *fillRenderer) cornerRadius(size fyne.Size) float32 {
	return max(0, min(r.radius, size.Width/2, size.Height/2))
}

// edgePixel is one pixel of the top or bottom raster, w×h pixels (h is the
// radius): the colour, its alpha the share of the pixel inside the rounded
// corner (anti-aliased over one pixel, as Fyne's shader does).
func (r *fillRenderer) edgePixel(x, y, w, h int, top bool) color.Color {
	rad := float64(h)
	px, py := float64(x)+0.5, float64(y)+0.5
	// The corner's circle has its centre one radius in from both sides.
	cx := rad
	if px > float64(w)/2 {
		cx = float64(w) - rad
		if px < cx {
			return r.col
		}
	} else if px > cx {
		return r.col
	}
	cy := rad
	if !top {
		cy = 0
	}
	cover := min(1, max(0, rad-math.Hypot(px-cx, py-cy)+0.5))
	c := r.col
	c.A = uint8(math.Round(float64(c.A) * cover))
	return c
}

// Refresh implements fyne.WidgetRenderer: the colour and radius from the
// theme (a theme or variant change refreshes every widget).
func (r *fillRenderer) Refresh() {
	col := color.NRGBAModel.Convert(theme.Color(r.f.colorName)).(color.NRGBA)
	rad := r.f.Radius
	if rad == 0 {
		rad = theme.Size(theme.SizeNameInputRadius)
	}
	changed := r.objects == nil || col != r.col || rad != r.radius
	r.col, r.radius, r.opaque = col, rad, col.A == 0xff
	if r.opaque {
		r.objects = []fyne.CanvasObject{r.mid, r.top, r.bottom}
	} else {
		r.fallback.FillColor, r.fallback.CornerRadius = col, rad
		r.objects = []fyne.CanvasObject{r.fallback}
	}
	r.Layout(r.size)
	if !changed {
		return
	}
	r.mid.Image.(*image.NRGBA).SetNRGBA(0, 0, col)
	for _, o := range r.objects {
		o.Refresh()
	}
}
