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
	col       color.Color // set by SetColor; nil: the theme's colorName
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

// NewRoundedFillColor fills its area with a colour (a button's or a
// meter's, which change with its state), corners rounded by Radius.
func NewRoundedFillColor(c color.Color, radius float32) *RoundedFill {
	f := &RoundedFill{col: c, Radius: radius}
	f.ExtendBaseWidget(f)
	return f
}

// SetColor fills with c from now on, redrawing only when it changed.
func (f *RoundedFill) SetColor(c color.Color) {
	if f.col == c {
		return
	}
	f.col = c
	f.Refresh()
}

// SetRadius rounds the corners by rad, redrawing only when it changed.
func (f *RoundedFill) SetRadius(rad float32) {
	if f.Radius == rad {
		return
	}
	f.Radius = rad
	f.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (f *RoundedFill) CreateRenderer() fyne.WidgetRenderer {
	r := &fillRenderer{f: f, fallback: canvas.NewRectangle(color.Transparent),
		mid: canvas.NewImageFromImage(image.NewNRGBA(image.Rect(0, 0, 1, 1)))}
	r.mid.ScaleMode = canvas.ImageScalePixels // a one-pixel texture, stretched
	r.top = canvas.NewRasterWithPixels(func(x, y, w, h int) color.Color { return r.edgePixel(x, y, w, h, true) })
	r.bottom = canvas.NewRasterWithPixels(func(x, y, w, h int) color.Color { return r.edgePixel(x, y, w, h, false) })
	r.whole = canvas.NewRasterWithPixels(r.wholePixel)
	r.whole.ScaleMode = canvas.ImageScalePixels // drawn at the size it was made
	r.Refresh()
	return r
}

// wholeMax is the height up to which a fill is one raster: a button, a
// meter's bar. Three pieces would each start and end in a part of llvmpipe's
// 4×4 blocks of pixels (a 6-pixel bar as three draws shaded about twice
// its pixels); a panel is better three draws than one texture as large as
// itself, made again each time it is resized.
const wholeMax = 48

type fillRenderer struct {
	f           *RoundedFill
	col         color.NRGBA
	radius      float32
	opaque      bool
	mid         *canvas.Image
	top, bottom *canvas.Raster // one radius high, with the corners
	whole       *canvas.Raster // all of a small fill, corners and all
	wholeSize   fyne.Size      // the fill's size in whole pixels, when whole is drawn
	fallback    *canvas.Rectangle
	objects     []fyne.CanvasObject
	size        fyne.Size
}

func (r *fillRenderer) Destroy() {}

func (r *fillRenderer) MinSize() fyne.Size { return fyne.Size{} }

func (r *fillRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *fillRenderer) Layout(size fyne.Size) {
	r.size = size
	switch {
	case !r.opaque:
		r.objects = append(r.objects[:0], r.fallback)
		r.fallback.Resize(size)
		return
	case size.Height <= wholeMax:
		// One pixel around: Fyne's shader softens an edge over a pixel
		// each side of it.
		// And whole pixels (as the shader's bounds are), so that the
		// raster's pixels are the screen's.
		scale := float32(1)
		if c := fyne.CurrentApp().Driver().CanvasForObject(r.f); c != nil {
			scale = c.Scale()
		}
		whole := func(v float32) float32 { return float32(math.Round(float64(v*scale))) / scale }
		r.wholeSize = fyne.NewSize(whole(size.Width), whole(size.Height))
		r.objects = append(r.objects[:0], r.whole)
		r.whole.Move(fyne.NewPos(-1, -1))
		r.whole.Resize(r.wholeSize.AddWidthHeight(2, 2))
		return
	}
	r.objects = append(r.objects[:0], r.mid, r.top, r.bottom)
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
// radius).
func (r *fillRenderer) edgePixel(x, y, w, h int, top bool) color.Color {
	cy := float64(h) // the corners' centres, one radius in from both sides
	if !top {
		cy = 0
	}
	return r.pixel(x, y, w, float64(h), cy)
}

// wholePixel is one pixel of the whole fill drawn as one raster, w×h
// pixels with a margin of one point around the fill: as Fyne's
// rounded-rectangle shader draws it under OpenGL, the colour, its alpha
// 1 − smoothstep(−e, e, d) for the pixel centre's distance d outside the
// rounded outline, e the shader's edge softness (half a point, rounded to
// whole pixels), so that an edge, straight or round, has the same
// half-lit pixels each side of it.
func (r *fillRenderer) wholePixel(x, y, w, h int) color.Color {
	size := r.wholeSize
	if size.Height <= 0 || h <= 0 {
		return color.Transparent
	}
	scale := float64(h) / float64(size.Height+2) // pixels a point
	rad := math.Round(float64(r.cornerRadius(size)) * scale)
	m := math.Round(scale)
	halfW, halfH := math.Round(float64(size.Width)*scale)/2, math.Round(float64(size.Height)*scale)/2
	qx := math.Abs(float64(x)+0.5-m-halfW) - halfW + rad
	qy := math.Abs(float64(y)+0.5-m-halfH) - halfH + rad
	d := math.Hypot(max(qx, 0), max(qy, 0)) + min(max(qx, qy), 0) - rad
	e := max(1, math.Round(0.5*scale))
	t := min(1, max(0, (d+e)/(2*e)))
	c := r.col
	c.A = uint8(math.Round(float64(c.A) * (1 - t*t*(3-2*t))))
	return c
}

// pixel is the pixel (x, y) of a fill w pixels wide whose corners have a
// radius of rad pixels, the nearest corner's centre at the height cy (a
// pixel between the corners' centres is inside): the colour, its alpha the
// share of the pixel inside the rounded corner (anti-aliased over one
// pixel, as Fyne's shader does).
func (r *fillRenderer) pixel(x, y, w int, rad, cy float64) color.Color {
	px, py := float64(x)+0.5, float64(y)+0.5
	cx := min(max(px, rad), float64(w)-rad)
	if px == cx || py == cy {
		return r.col
	}
	cover := min(1, max(0, rad-math.Hypot(px-cx, py-cy)+0.5))
	c := r.col
	c.A = uint8(math.Round(float64(c.A) * cover))
	return c
}

// Refresh implements fyne.WidgetRenderer: the colour (SetColor's, or the
// theme's) and radius (a theme or variant change refreshes every widget).
func (r *fillRenderer) Refresh() {
	c := r.f.col
	if c == nil {
		c = theme.Color(r.f.colorName)
	}
	col := color.NRGBAModel.Convert(c).(color.NRGBA)
	rad := r.f.Radius
	if rad == 0 {
		rad = theme.Size(theme.SizeNameInputRadius)
	}
	changed := r.objects == nil || col != r.col || rad != r.radius
	r.col, r.radius, r.opaque = col, rad, col.A == 0xff
	r.fallback.FillColor, r.fallback.CornerRadius = col, rad
	r.Layout(r.size)
	if !changed {
		return
	}
	r.mid.Image.(*image.NRGBA).SetNRGBA(0, 0, col)
	for _, o := range r.objects {
		o.Refresh()
	}
}
