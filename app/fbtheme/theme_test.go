package fbtheme

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/assets"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

const sample = "问题批次：饮料召回"

// These tests must hold on machines with or without Chinese system fonts.
// Test builds with -tags ci or test never fall back to system fonts, so there
// a theme without a CJK font draws identical "tofu" boxes. Plain `go test`
// builds do fall back, so the tests also check that the glyphs come from the
// bundled faces (cmap coverage; bold drawn heavier than regular, which the
// system fallback, always looked up as regular, would not do).

func TestThemeFontsAreBundled(t *testing.T) {
	th := New()
	def := theme.DefaultTheme()
	for _, tc := range []struct {
		style fyne.TextStyle
		want  []byte
	}{
		{fyne.TextStyle{}, assets.FontRegular()},
		{fyne.TextStyle{Italic: true}, assets.FontRegular()},
		{fyne.TextStyle{Underline: true}, assets.FontRegular()},
		{fyne.TextStyle{Bold: true}, assets.FontBold()},
		{fyne.TextStyle{Bold: true, Italic: true}, assets.FontBold()},
		{fyne.TextStyle{Monospace: true}, def.Font(fyne.TextStyle{Monospace: true}).Content()},
		{fyne.TextStyle{Monospace: true, Bold: true}, def.Font(fyne.TextStyle{Monospace: true, Bold: true}).Content()},
		{fyne.TextStyle{Symbol: true}, def.Font(fyne.TextStyle{Symbol: true}).Content()},
	} {
		got := th.Font(tc.style)
		if got == nil || !bytes.Equal(got.Content(), tc.want) {
			name := "<nil>"
			if got != nil {
				name = got.Name()
			}
			t.Errorf("Font(%+v) = %s, not the expected font", tc.style, name)
		}
	}
	if bytes.Equal(assets.FontRegular(), assets.FontBold()) {
		t.Error("regular and bold fonts are the same file")
	}
	// Everything else is the default theme.
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		if th.Color(theme.ColorNameBackground, v) != def.Color(theme.ColorNameBackground, v) {
			t.Errorf("background colour differs from the default theme (variant %d)", v)
		}
	}
	if th.Size(theme.SizeNameText) != def.Size(theme.SizeNameText) {
		t.Error("text size differs from the default theme")
	}
	if th.Icon(theme.IconNameHome).Name() != def.Icon(theme.IconNameHome).Name() {
		t.Error("icons differ from the default theme")
	}
}

// TestBundledFontsCoverText checks that every character the UI and the
// built-in scenarios show has a glyph in both bundled faces, so nothing
// depends on the machine's fonts. When it fails after adding text, re-run
// assets/fonts/regenerate.sh.
func TestBundledFontsCoverText(t *testing.T) {
	texts := map[string]string{"sample": sample}
	for _, l := range i18n.Langs {
		loc := i18n.New(l)
		for _, k := range i18n.Keys(l) {
			texts[string(l)+".json "+k] = loc.T(k)
		}
	}
	scenarios, _ := filepath.Glob("../../scenarios/*.yaml")
	if len(scenarios) == 0 {
		t.Fatal("no built-in scenarios found: the check would cover nothing")
	}
	for _, f := range scenarios {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// Only CJK is required of our font; emoji etc. come from Fyne's fallbacks.
		var cjk []rune
		for _, r := range string(b) {
			if unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF {
				cjk = append(cjk, r)
			}
		}
		texts[f] = string(cjk)
	}
	th := New()
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		res := th.Font(style)
		has, err := cmap(res.Content())
		if err != nil {
			t.Fatalf("%s: %v", res.Name(), err)
		}
		missing := map[rune]string{}
		for where, s := range texts {
			for _, r := range s {
				if unicode.IsControl(r) || unicode.IsSpace(r) || has(r) {
					continue
				}
				missing[r] = where
			}
		}
		for r, where := range missing {
			t.Errorf("%s has no glyph for %q (U+%04X), used in %s; run assets/fonts/regenerate.sh", res.Name(), r, r, where)
		}
	}
}

func TestChineseTextRenders(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(New())

	// Sanity check of the layout: CJK characters are full width, so the nine
	// of them (the colon is a full-width "：") measure about nine ems.
	const size = 20
	if w := fyne.MeasureText(sample, size, fyne.TextStyle{}).Width; w < 9*size*0.95 || w > 9*size*1.05 {
		t.Errorf("%q measures %.1f wide at size %d, want about %d (9 full-width glyphs)", sample, w, size, 9*size)
	}

	regular := render(t, sample, fyne.TextStyle{})
	inkRegular := ink(regular)
	// A 9-character label at the default text size covers several hundred
	// pixels. (Tofu boxes cover about as many, so this alone proves little;
	// the two checks below tell glyphs from boxes.)
	if inkRegular < 9*25 {
		t.Errorf("label %q drew only %d ink pixels", sample, inkRegular)
	}

	// Each character must look different: missing glyphs all render as the
	// same tofu box (or as nothing).
	seen := map[string]rune{}
	for _, r := range "问题批次饮料召回" {
		img := render(t, string(r), fyne.TextStyle{})
		if n := ink(img); n < 25 {
			t.Errorf("%q drew only %d ink pixels", r, n)
		}
		key := string(img.(*image.NRGBA).Pix)
		if prev, dup := seen[key]; dup {
			t.Errorf("%q and %q render identically: glyphs are missing (tofu)", prev, r)
		}
		seen[key] = r
	}

	// Bold must come from the bundled bold face: Fyne's system-font fallback
	// looks faces up by rune without weight, so without our fonts bold and
	// regular Chinese would come out the same.
	inkBold := ink(render(t, sample, fyne.TextStyle{Bold: true}))
	if float64(inkBold) < 1.15*float64(inkRegular) {
		t.Errorf("bold Chinese drew %d ink pixels, regular %d: bold is not drawn with the bundled bold face", inkBold, inkRegular)
	}
	t.Logf("ink pixels: regular %d, bold %d", inkRegular, inkBold)
}

// render draws a label in a test window and returns the window's image.
func render(t *testing.T, text string, style fyne.TextStyle) image.Image {
	t.Helper()
	l := widget.NewLabel(text)
	l.TextStyle = style
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(240, 48))
	img := w.Canvas().Capture()
	if _, ok := img.(*image.NRGBA); !ok {
		t.Fatalf("capture is %T, want *image.NRGBA", img)
	}
	return img
}

// ink counts the pixels that differ clearly from the background (taken from
// the top-left corner, which the label's padding leaves empty).
func ink(img image.Image) int {
	b := img.Bounds()
	br, bg, bb, _ := img.At(b.Min.X, b.Min.Y).RGBA()
	diff := func(x, y uint32) uint32 {
		if x > y {
			return x - y
		}
		return y - x
	}
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if max(diff(r, br), diff(g, bg), diff(bl, bb)) > 0x4000 {
				n++
			}
		}
	}
	return n
}

// cmap parses a TrueType/OpenType font's character map (formats 4 and 12,
// Unicode subtables) and returns a lookup reporting whether a rune has a glyph.
func cmap(font []byte) (func(rune) bool, error) {
	be := binary.BigEndian
	u16 := func(off int) (int, bool) {
		if off < 0 || off+2 > len(font) {
			return 0, false
		}
		return int(be.Uint16(font[off:])), true
	}
	u32 := func(off int) (int, bool) {
		if off < 0 || off+4 > len(font) {
			return 0, false
		}
		return int(be.Uint32(font[off:])), true
	}
	numTables, ok := u16(4)
	if !ok {
		return nil, fmt.Errorf("not a font")
	}
	table := -1
	for i := 0; i < numTables; i++ {
		rec := 12 + 16*i
		if rec+16 <= len(font) && string(font[rec:rec+4]) == "cmap" {
			table, _ = u32(rec + 8)
		}
	}
	if table < 0 {
		return nil, fmt.Errorf("no cmap table")
	}
	n, _ := u16(table + 2)
	best, bestFormat := -1, 0
	for i := 0; i < n; i++ {
		rec := table + 4 + 8*i
		platform, _ := u16(rec)
		encoding, _ := u16(rec + 2)
		off, _ := u32(rec + 4)
		if platform != 0 && !(platform == 3 && (encoding == 1 || encoding == 10)) {
			continue
		}
		format, ok := u16(table + off)
		if ok && (format == 12 || format == 4 && bestFormat != 12) {
			best, bestFormat = table+off, format
		}
	}
	switch bestFormat {
	case 12:
		groups, _ := u32(best + 12)
		return func(r rune) bool {
			for g := 0; g < groups; g++ {
				p := best + 16 + 12*g
				start, _ := u32(p)
				end, _ := u32(p + 4)
				if int(r) >= start && int(r) <= end {
					return true
				}
			}
			return false
		}, nil
	case 4:
		segX2, _ := u16(best + 6)
		ends, starts := best+14, best+16+segX2
		deltas, ranges := starts+segX2, starts+2*segX2
		return func(r rune) bool {
			c := int(r)
			for i := 0; i < segX2; i += 2 {
				end, _ := u16(ends + i)
				if c > end {
					continue
				}
				start, _ := u16(starts + i)
				if c < start {
					return false
				}
				delta, _ := u16(deltas + i)
				ro, _ := u16(ranges + i)
				if ro == 0 {
					return (c+delta)&0xFFFF != 0
				}
				g, ok := u16(ranges + i + ro + 2*(c-start))
				return ok && g != 0
			}
			return false
		}, nil
	}
	return nil, fmt.Errorf("no Unicode cmap subtable in format 4 or 12")
}

// The keyboard focus shows clearly in both variants: the primary colour,
// well above Fyne's faint default.
func TestFocusIsVisible(t *testing.T) {
	th := New()
	for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		f := color.NRGBAModel.Convert(th.Color(theme.ColorNameFocus, v)).(color.NRGBA)
		p := color.NRGBAModel.Convert(th.Color(theme.ColorNamePrimary, v)).(color.NRGBA)
		d := color.NRGBAModel.Convert(theme.DefaultTheme().Color(theme.ColorNameFocus, v)).(color.NRGBA)
		if f.R != p.R || f.G != p.G || f.B != p.B || f.A < 0x60 || f.A <= d.A {
			t.Errorf("variant %d: focus %v; want the primary %v at alpha ≥ 0x60, above the default %v", v, f, p, d)
		}
	}
}
