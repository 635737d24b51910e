package ui

import (
	"image"
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// fillPair draws a RoundedFill and a rounded Rectangle of the same colour
// and radius side by side, each w×h at a gap from the window's edge, and
// returns the capture with both origins.
func fillPair(t *testing.T, w, h, radius float32) (img image.Image, fill, rect image.Point) {
	t.Helper()
	win := goldenWindow(t, 2*w+30, h+20)
	f := NewRoundedFill(theme.ColorNameInputBackground)
	f.Radius = radius
	r := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	r.CornerRadius = radius
	f.Move(fyne.NewPos(10, 10))
	f.Resize(fyne.NewSize(w, h))
	r.Move(fyne.NewPos(20+w, 10))
	r.Resize(fyne.NewSize(w, h))
	win.SetContent(container.NewWithoutLayout(f, r))
	return win.Canvas().Capture(), image.Pt(10, 10), image.Pt(20+int(w), 10)
}

// A RoundedFill looks like the rounded Rectangle it replaces: pixel by
// pixel, including the corners' anti-aliasing, within a small tolerance for
// the two ways of blending an edge pixel; and it covers the same pixels
// (the corner pixel outside the curve stays the background).
func TestRoundedFillLooksLikeARoundedRectangle(t *testing.T) {
	for _, tc := range []struct{ w, h, radius float32 }{
		{120, 60, 5}, {80, 40, 12}, {30, 16, 20}, // the last: radius clamped to half the height
	} {
		img, fo, ro := fillPair(t, tc.w, tc.h, tc.radius)
		scale := float32(img.Bounds().Dx()) / (2*tc.w + 30)
		pw, ph := int(tc.w*scale), int(tc.h*scale)
		fo, ro = fo.Mul(int(scale)), ro.Mul(int(scale))
		worst, at := 0, image.Point{}
		for y := -2; y < ph+2; y++ {
			for x := -2; x < pw+2; x++ {
				a := color.NRGBAModel.Convert(img.At(fo.X+x, fo.Y+y)).(color.NRGBA)
				b := color.NRGBAModel.Convert(img.At(ro.X+x, ro.Y+y)).(color.NRGBA)
				for _, d := range []int{int(a.R) - int(b.R), int(a.G) - int(b.G), int(a.B) - int(b.B)} {
					if d < 0 {
						d = -d
					}
					if d > worst {
						worst, at = d, image.Pt(x, y)
					}
				}
			}
		}
		// The fill and the page differ by 9 levels in the dark theme: a
		// corner pixel drawn half as strong differs by about 5.
		if worst > 5 {
			t.Errorf("%v×%v radius %v: the fill differs from a rounded Rectangle by %d levels at %v", tc.w, tc.h, tc.radius, worst, at)
		}
		bg := color.NRGBAModel.Convert(theme.Color(theme.ColorNameBackground)).(color.NRGBA)
		inside := color.NRGBAModel.Convert(theme.Color(theme.ColorNameInputBackground)).(color.NRGBA)
		if got := color.NRGBAModel.Convert(img.At(fo.X, fo.Y)).(color.NRGBA); got != bg {
			t.Errorf("%v×%v: the corner pixel is %v, want the background %v", tc.w, tc.h, got, bg)
		}
		if got := color.NRGBAModel.Convert(img.At(fo.X+pw/2, fo.Y+ph/2)).(color.NRGBA); got != inside {
			t.Errorf("%v×%v: the middle is %v, want the fill %v", tc.w, tc.h, got, inside)
		}
	}
}

// An opaque fill draws no rounded Rectangle (whose shader is what it
// saves) and three objects; a translucent colour, which the overlapping
// pieces would darken, is one rounded Rectangle.
func TestRoundedFillDrawsNoRoundedRectangle(t *testing.T) {
	goldenWindow(t, 100, 100)
	f := NewRoundedFill(theme.ColorNameInputBackground)
	f.Resize(fyne.NewSize(200, 100))
	objs := test.TempWidgetRenderer(t, f).Objects()
	if len(objs) != 3 {
		t.Fatalf("an opaque fill draws %d objects, want 3", len(objs))
	}
	for _, o := range objs {
		if r, ok := o.(*canvas.Rectangle); ok && r.CornerRadius > 0 {
			t.Errorf("an opaque fill draws a rounded Rectangle")
		}
	}
	tr := NewRoundedFill(theme.ColorNameShadow) // translucent in Fyne's themes
	objs = test.TempWidgetRenderer(t, tr).Objects()
	if r, ok := objs[0].(*canvas.Rectangle); len(objs) != 1 || !ok || r.CornerRadius == 0 {
		t.Errorf("a translucent fill draws %v, want one rounded Rectangle", objs)
	}
}

// Refreshing a fill whose colour and radius did not change makes no new
// texture: the meters refresh every second.
func TestRoundedFillRefreshKeepsItsPieces(t *testing.T) {
	goldenWindow(t, 100, 100)
	f := NewRoundedFill(theme.ColorNameInputBackground)
	f.Resize(fyne.NewSize(200, 100))
	r := test.TempWidgetRenderer(t, f).(*fillRenderer)
	img := r.mid.Image
	f.Refresh()
	if r.mid.Image != img || len(r.Objects()) != 3 {
		t.Errorf("a refresh replaced the pieces")
	}
	if got, want := r.top.Size(), fyne.NewSize(200, theme.Size(theme.SizeNameInputRadius)); got != want {
		t.Errorf("the top raster is %v, want %v", got, want)
	}
}

// Meters on a Panel draw no chart background (it has the panel's colour);
// elsewhere each chart has its rounded background.
func TestWorldMetersOnPanelDrawNoChartBackground(t *testing.T) {
	goldenWindow(t, 480, 160)
	vars := []*scenario.Variable{{ID: "trust", Min: 0, Max: 100, Start: 60}}
	backgrounds := func(wm *WorldMeters) int {
		n := 0
		r := test.TempWidgetRenderer(t, wm.Meters[0])
		for _, o := range r.Objects() {
			if o == fyne.CanvasObject(r.(*meterRenderer).sparkBg) {
				n++
			}
		}
		return n
	}
	plain := NewWorldMeters(vars, &WorldHistory{}, 1, "en")
	onPanel := NewWorldMeters(vars, &WorldHistory{}, 1, "en")
	onPanel.OnPanel()
	for _, wm := range []*WorldMeters{plain, onPanel} {
		wm.Update(map[string]float64{"trust": 50}, 0, time.Minute)
	}
	if got := backgrounds(plain); got != 1 {
		t.Errorf("a meter draws %d chart backgrounds, want 1", got)
	}
	if got := backgrounds(onPanel); got != 0 {
		t.Errorf("a meter on a panel draws %d chart backgrounds, want 0", got)
	}
}

// A KeyButton draws its rounded background as a RoundedFill, not a rounded
// Rectangle, and looks like the widget.Button it is in each state whose
// colour differs (idle, primary, danger, disabled, focused, hovered: the
// fill follows the colour Fyne's renderer gives its background): the same
// pixels away from the outline, and along it within the two ways of
// anti-aliasing an edge (a share of the contrast with the page). (Under
// OpenGL, screenshots of the console before and after differ by at most 2
// levels: docs/architecture.md.)
func TestKeyButtonLooksLikeAFyneButton(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(b *widget.Button)
	}{
		{"idle", func(*widget.Button) {}},
		{"primary", func(b *widget.Button) { b.Importance = widget.HighImportance; b.Refresh() }},
		{"danger", func(b *widget.Button) { b.Importance = widget.DangerImportance; b.Refresh() }},
		{"disabled", func(b *widget.Button) { b.Disable() }},
		{"focused", func(b *widget.Button) { b.FocusGained() }},
		{"hovered", func(b *widget.Button) { b.MouseIn(&desktop.MouseEvent{}) }},
	} {
		w := goldenWindow(t, 300, 60)
		kb := NewButton("Pause", nil)
		fb := widget.NewButton("Pause", nil)
		kb.Move(fyne.NewPos(10, 10))
		kb.Resize(fyne.NewSize(120, 36))
		fb.Move(fyne.NewPos(150, 10))
		fb.Resize(fyne.NewSize(120, 36))
		w.SetContent(container.NewWithoutLayout(kb, fb))
		tc.setup(&kb.Button)
		tc.setup(fb)
		for _, o := range test.TempWidgetRenderer(t, kb).Objects() {
			if r, ok := o.(*canvas.Rectangle); ok && r.CornerRadius > 0 && r.FillColor != color.Transparent {
				t.Errorf("%s: the KeyButton draws a rounded Rectangle", tc.name)
			}
		}
		img := w.Canvas().Capture()
		scale := img.Bounds().Dx() / 300
		inside := color.NRGBAModel.Convert(img.At(160*scale, 28*scale)).(color.NRGBA) // left of the label
		page := color.NRGBAModel.Convert(theme.Color(theme.ColorNameBackground)).(color.NRGBA)
		contrast := max(absDiff(inside.R, page.R), absDiff(inside.G, page.G), absDiff(inside.B, page.B))
		rad := int(theme.Size(theme.SizeNameInputRadius)+1) * scale
	compare:
		for y := 8 * scale; y < 48*scale; y++ {
			for x := 8 * scale; x < 132*scale; x++ {
				a := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
				b := color.NRGBAModel.Convert(img.At(x+140*scale, y)).(color.NRGBA)
				d := max(absDiff(a.R, b.R), absDiff(a.G, b.G), absDiff(a.B, b.B))
				// Within a pixel of the outline, and in the corners, the
				// fill draws the soft edge of Fyne's shader under OpenGL
				// (see RoundedFill), which the test driver's painter
				// does not.
				nearX := abs(x-10*scale) <= scale || abs(x-130*scale) <= scale
				nearY := abs(y-10*scale) <= scale || abs(y-46*scale) <= scale
				inX, inY := x > 10*scale && x < 130*scale, y > 10*scale && y < 46*scale
				edge := nearX && (inY || nearY) || nearY && (inX || nearX)
				corner := (x < 10*scale+rad || x >= 130*scale-rad) && (y < 10*scale+rad || y >= 46*scale-rad)
				if !edge && !corner && d > 0 || (edge || corner) && d > 5+contrast/6 {
					t.Errorf("%s: the KeyButton differs from a widget.Button by %d levels at (%d,%d) (the page's contrast %d)",
						tc.name, d, x/scale-10, y/scale-10, contrast)
					break compare
				}
			}
		}
		if got := color.NRGBAModel.Convert(img.At(20*scale, 28*scale)); got != inside {
			t.Errorf("%s: the background is %v, want %v", tc.name, got, inside)
		}
	}
}

func abs(a int) int { return max(a, -a) }

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}
