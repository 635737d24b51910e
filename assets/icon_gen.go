//go:build ignore

// icon_gen draws assets/icon.png: a flame held inside a shield and cut by a
// clean diagonal gap — the firebreak that stops it spreading — on a dark red
// to orange rounded square. Run from this directory:
//
//	go run icon_gen.go            # writes icon.png (512×512)
//	go run icon_gen.go -size 64 -o /tmp/icon64.png
//
// Only the standard library is used; shapes are filled with 8×8 supersampling.
package main

import (
	"flag"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

type pt struct{ x, y float64 }

// path builds a closed polygon from cubic Bézier segments (coordinates in a
// 512-unit design space).
type path struct{ pts []pt }

func moveTo(x, y float64) *path { return &path{pts: []pt{{x, y}}} }

func (p *path) cubic(x1, y1, x2, y2, x, y float64) *path {
	p0 := p.pts[len(p.pts)-1]
	const steps = 48
	for i := 1; i <= steps; i++ {
		t := float64(i) / steps
		u := 1 - t
		a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
		p.pts = append(p.pts, pt{a*p0.x + b*x1 + c*x2 + d*x, a*p0.y + b*y1 + c*y2 + d*y})
	}
	return p
}

func (p *path) line(x, y float64) *path {
	p.pts = append(p.pts, pt{x, y})
	return p
}

// inside reports whether (x, y) is inside the polygon (even-odd rule).
func (p *path) inside(x, y float64) bool {
	in := false
	n := len(p.pts)
	for i, j := 0, n-1; i < n; j, i = i, i+1 {
		a, b := p.pts[i], p.pts[j]
		if (a.y > y) != (b.y > y) && x < (b.x-a.x)*(y-a.y)/(b.y-a.y)+a.x {
			in = !in
		}
	}
	return in
}

func roundedSquare(x, y, x0, y0, x1, y1, r float64) bool {
	if x < x0 || x > x1 || y < y0 || y > y1 {
		return false
	}
	cx := math.Max(x0+r, math.Min(x, x1-r))
	cy := math.Max(y0+r, math.Min(y, y1-r))
	return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r
}

// distance from (x, y) to the infinite line through a and b.
func lineDist(x, y float64, a, b pt) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	return math.Abs(dy*(x-a.x)-dx*(y-a.y)) / math.Hypot(dx, dy)
}

type rgba struct{ r, g, b, a float64 }

func lerp(c0, c1 rgba, t float64) rgba {
	return rgba{c0.r + (c1.r-c0.r)*t, c0.g + (c1.g-c0.g)*t, c0.b + (c1.b-c0.b)*t, c0.a + (c1.a-c0.a)*t}
}

func hex(v uint32) rgba {
	return rgba{float64(v>>16&0xff) / 255, float64(v>>8&0xff) / 255, float64(v&0xff) / 255, 1}
}

var (
	bgTop    = hex(0xF26A1B) // orange
	bgBottom = hex(0x8E1414) // dark red
	white    = hex(0xFFFFFF)
	flameHot = hex(0xFFB238)
	flameRed = hex(0xC21F12)
	flameTop = hex(0xF5601A)
)

var (
	shield = moveTo(256, 96).
		cubic(300, 122, 350, 132, 398, 132).
		line(398, 262).
		cubic(398, 352, 336, 408, 256, 446).
		cubic(176, 408, 114, 352, 114, 262).
		line(114, 132).
		cubic(162, 132, 212, 122, 256, 96)
	flame = moveTo(262, 150).
		cubic(304, 196, 338, 240, 338, 300).
		cubic(338, 352, 302, 392, 256, 392).
		cubic(210, 392, 174, 352, 174, 300).
		cubic(174, 258, 196, 230, 218, 206).
		cubic(220, 238, 232, 256, 248, 262).
		cubic(238, 222, 242, 186, 262, 150)
	core = moveTo(258, 286).
		cubic(280, 308, 294, 326, 294, 346).
		cubic(294, 368, 278, 382, 258, 382).
		cubic(238, 382, 222, 368, 222, 346).
		cubic(222, 322, 240, 304, 258, 286)
	// The firebreak: a straight gap through the flame.
	breakA, breakB = pt{120, 318}, pt{392, 246}
)

const breakHalfWidth = 11

// shade returns the colour at design-space point (x, y).
func shade(x, y float64) rgba {
	if !roundedSquare(x, y, 20, 20, 492, 492, 104) {
		return rgba{}
	}
	if shield.inside(x, y) {
		if lineDist(x, y, breakA, breakB) > breakHalfWidth {
			if core.inside(x, y) {
				return flameHot
			}
			if flame.inside(x, y) {
				return lerp(flameTop, flameRed, math.Max(0, math.Min(1, (y-150)/242)))
			}
		}
		return white
	}
	t := (x + y - 40) / (2 * 472)
	return lerp(bgTop, bgBottom, math.Max(0, math.Min(1, t)))
}

func main() {
	size := flag.Int("size", 512, "width and height in pixels")
	out := flag.String("o", "icon.png", "output file")
	flag.Parse()
	img := image.NewNRGBA(image.Rect(0, 0, *size, *size))
	scale := 512 / float64(*size)
	const ss = 8
	for py := 0; py < *size; py++ {
		for px := 0; px < *size; px++ {
			var acc rgba
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/ss) * scale
					y := (float64(py) + (float64(sy)+0.5)/ss) * scale
					c := shade(x, y)
					// accumulate premultiplied
					acc.r += c.r * c.a
					acc.g += c.g * c.a
					acc.b += c.b * c.a
					acc.a += c.a
				}
			}
			if acc.a == 0 {
				continue
			}
			n := float64(ss * ss)
			img.SetNRGBA(px, py, color.NRGBA{
				R: uint8(math.Round(acc.r / acc.a * 255)),
				G: uint8(math.Round(acc.g / acc.a * 255)),
				B: uint8(math.Round(acc.b / acc.a * 255)),
				A: uint8(math.Round(acc.a / n * 255)),
			})
		}
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
