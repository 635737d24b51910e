package fbtheme

import (
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/firebreak-drills/firebreak/assets"
)

// Fyne's bundled fonts have no CJK glyphs, and a training-venue laptop may
// have no Chinese system font either (and test builds never fall back to
// system fonts), so the theme ships Noto Sans SC, subset to GB2312 plus every
// character the translations and built-in scenarios use. It covers Latin too,
// so English and Chinese share one face and mix cleanly on a line.
var (
	fontRegular = sync.OnceValue(func() fyne.Resource {
		return fyne.NewStaticResource("NotoSansSC-Regular.ttf", assets.FontRegular())
	})
	fontBold = sync.OnceValue(func() fyne.Resource {
		return fyne.NewStaticResource("NotoSansSC-Bold.ttf", assets.FontBold())
	})
)

// firebreakTheme is Fyne's default theme (colours, sizes, icons, light/dark
// variants) with the bundled Noto Sans SC fonts for proportional text.
type firebreakTheme struct {
	base fyne.Theme
}

var _ fyne.Theme = (*firebreakTheme)(nil)

// New returns the Firebreak theme: theme.DefaultTheme() with Noto Sans SC
// Regular for regular and italic text and Noto Sans SC Bold for bold and bold
// italic text (the CJK font has no italic; Fyne draws it upright). Monospace
// and symbol text keep the default fonts.
func New() fyne.Theme {
	return &firebreakTheme{base: theme.DefaultTheme()}
}

// focusAlpha is how strongly the keyboard focus shows: the primary colour
// at 40% over the widget, where Fyne's default (16%) is hard to see on a
// projector or a dim laptop screen.
const focusAlpha = 0x66

func (t *firebreakTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameFocus {
		c := color.NRGBAModel.Convert(t.base.Color(theme.ColorNamePrimary, v)).(color.NRGBA)
		c.A = focusAlpha
		return c
	}
	return t.base.Color(n, v)
}

func (t *firebreakTheme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Monospace, s.Symbol:
		return t.base.Font(s)
	case s.Bold:
		return fontBold()
	default:
		return fontRegular()
	}
}

func (t *firebreakTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return t.base.Icon(n)
}

func (t *firebreakTheme) Size(n fyne.ThemeSizeName) float32 {
	return t.base.Size(n)
}
