package debrief

import (
	"fmt"
	"math"
	"unicode"
)

// The charts are drawn once, against canvas, so the HTML (SVG) and the PDF
// show the same picture. Coordinates are points from the chart's top left;
// y grows downwards.
type canvas interface {
	rect(x, y, w, h float64, fill string)
	line(x1, y1, x2, y2 float64, stroke string, width float64)
	polyline(pts [][2]float64, stroke string, width float64, dashed bool)
	// text draws s with its baseline at y; anchor is 0 (start), 1 (middle) or 2 (end).
	text(x, y float64, s string, size float64, color string, anchor int)
	measure(s string, size float64) float64
}

// Team colours (Okabe–Ito, readable by most colour-blind people and in
// grey print); teams past the eighth reuse them with dashed lines.
var palette = []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D31"}

func teamColor(i int) string { return palette[i%len(palette)] }
func teamDashed(i int) bool  { return i >= len(palette) }

const (
	inkColor  = "#222222"
	gridColor = "#d0d0d0"
	axisColor = "#707070"
)

// chartSize is the size both renderers give the charts (points).
const (
	chartW = 495.0
	scoreH = 190.0
	curveH = 170.0
)

// legend draws the team names with their colours along the top; it
// returns the height it used.
func legend(c canvas, x, y, w float64, teams []string) float64 {
	const size, sw, gap = 8.0, 10.0, 12.0
	cx, cy := x, y
	for i, name := range teams {
		tw := c.measure(name, size)
		if cx > x && cx+sw+4+tw > x+w {
			cx, cy = x, cy+12
		}
		c.rect(cx, cy+1, sw, 6, teamColor(i))
		c.text(cx+sw+4, cy+7.5, name, size, inkColor, 0)
		cx += sw + 4 + tw + gap
	}
	return cy - y + 14
}

// drawScores draws grouped bars: one group per dimension, one bar per team.
func drawScores(c canvas, r *Report, w, h float64) {
	names := make([]string, len(r.Teams))
	for i, t := range r.Teams {
		names[i] = t.Name
	}
	top := legend(c, 30, 0, w-30, names) + 6
	left, bottom := 30.0, 18.0
	pw, ph := w-left-4, h-top-bottom
	y := func(v float64) float64 { return top + ph - v/100*ph }
	for _, v := range ScoreTicks() {
		c.line(left, y(v), left+pw, y(v), gridColor, 0.5)
		c.text(left-4, y(v)+3, fmt.Sprintf("%.0f", v), 7, axisColor, 2)
	}
	dims := r.Dimensions
	if len(dims) == 0 || len(r.Teams) == 0 {
		return
	}
	gw := pw / float64(len(dims))
	bw := math.Min(gw*0.8/float64(len(r.Teams)), 28)
	for di, d := range dims {
		gx := left + gw*float64(di) + (gw-bw*float64(len(r.Teams)))/2
		for ti, t := range r.Teams {
			bx := gx + bw*float64(ti)
			v, ok := t.Scores[d]
			if !ok {
				c.text(bx+bw/2, y(0)-3, "—", 7, axisColor, 1)
				continue
			}
			c.rect(bx+0.5, y(v), bw-1, y(0)-y(v), teamColor(ti))
			if bw >= 12 {
				c.text(bx+bw/2, y(v)-2, fmt.Sprintf("%.0f", v), 6.5, inkColor, 1)
			}
		}
		c.text(left+gw*float64(di)+gw/2, top+ph+12, dimLabel(d, r.Lang), 8, inkColor, 1)
	}
	c.line(left, y(0), left+pw, y(0), axisColor, 0.8)
}

// drawCurve draws one world variable over exercise time, a step line per team.
func drawCurve(c canvas, r *Report, v Variable, w, h float64) {
	names := make([]string, len(r.Teams))
	for i, t := range r.Teams {
		names[i] = t.Name
	}
	top := legend(c, 36, 0, w-36, names) + 6
	left, bottom := 36.0, 26.0
	pw, ph := w-left-6, h-top-bottom
	end := r.Overview.EndSeconds
	for _, t := range r.Teams {
		for _, cv := range t.Curves {
			if n := len(cv.Points); cv.Variable == v.ID && n > 0 {
				end = math.Max(end, cv.Points[n-1].AtSeconds)
			}
		}
	}
	endMin := math.Max(end/60, 1)
	lo, hi := v.Min, v.Max
	if hi <= lo {
		hi = lo + 1
	}
	x := func(sec float64) float64 { return left + sec/60/endMin*pw }
	y := func(val float64) float64 { return top + ph - (val-lo)/(hi-lo)*ph }
	for _, tv := range ValueTicks(lo, hi) {
		c.line(left, y(tv), left+pw, y(tv), gridColor, 0.5)
		c.text(left-4, y(tv)+3, Number(tv), 7, axisColor, 2)
	}
	for _, m := range MinuteTicks(endMin) {
		c.line(x(m*60), top+ph, x(m*60), top+ph+3, axisColor, 0.5)
		c.text(x(m*60), top+ph+11, fmt.Sprintf("%.0f", m), 7, axisColor, 1)
	}
	c.text(left+pw/2, top+ph+22, T(r.Lang, "axis.minutes"), 7, axisColor, 1)
	c.line(left, top+ph, left+pw, top+ph, axisColor, 0.8)
	c.line(left, top, left, top+ph, axisColor, 0.8)
	for ti, t := range r.Teams {
		for _, cv := range t.Curves {
			if cv.Variable != v.ID || len(cv.Points) == 0 {
				continue
			}
			pts := [][2]float64{{x(cv.Points[0].AtSeconds), y(cv.Points[0].Value)}}
			for i := 1; i < len(cv.Points); i++ {
				p, q := cv.Points[i-1], cv.Points[i]
				pts = append(pts, [2]float64{x(q.AtSeconds), y(p.Value)})
				if q.Value != p.Value {
					pts = append(pts, [2]float64{x(q.AtSeconds), y(q.Value)})
				}
			}
			c.polyline(pts, teamColor(ti), 1.6, teamDashed(ti))
		}
	}
}

// The axes of the report's charts, on screen (the app) and in every export.

// ScoreTicks are the ticks of a score axis: 0 to 100 by 25.
func ScoreTicks() []float64 { return []float64{0, 25, 50, 75, 100} }

// ValueTicks are the ticks of a world variable's axis, from lo to hi.
func ValueTicks(lo, hi float64) []float64 { return Ticks(lo, hi, 5) }

// MinuteTicks are the ticks of an exercise-time axis of total minutes,
// from 0, in minutes.
func MinuteTicks(total float64) []float64 {
	step := minuteStep(total)
	var out []float64
	for m := 0.0; m <= total+1e-9; m += step {
		out = append(out, m)
	}
	return out
}

// Ticks returns about n round values from lo to hi.
func Ticks(lo, hi float64, n int) []float64 {
	span := hi - lo
	if span <= 0 || n <= 0 {
		return []float64{lo}
	}
	raw := span / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	var out []float64
	for v := math.Ceil(lo/step) * step; v <= hi+step*1e-9; v += step {
		out = append(out, math.Round(v/step)*step)
	}
	return out
}

// minuteStep picks a tick step for an axis of total minutes.
func minuteStep(total float64) float64 {
	for _, s := range []float64{1, 2, 5, 10, 15, 20, 30, 60} {
		if total/s <= 10 {
			return s
		}
	}
	return 120
}

// approxWidth estimates a text's width where no font metrics are at hand
// (SVG): wide characters 1 em, others about 0.55 em.
func approxWidth(s string, size float64) float64 {
	var w float64
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || r > 0x2E80 {
			w += size
		} else {
			w += size * 0.56
		}
	}
	return w
}
