// Command barewindow is the comparator for Firebreak's start-up time and
// memory (issue 13 point 5): a bare Fyne 2.8.1 window with the same
// bundled Noto Sans SC fonts and a line of text, nothing else. The script
// scripts/startup-compare.sh starts it and Firebreak side by side under
// Xvfb and prints both and their ratio.
package main

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/assets"
)

// fontTheme is Fyne's default theme with the bundled fonts, as Firebreak's.
type fontTheme struct{ fyne.Theme }

func (t fontTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return t.Theme.Font(s)
	}
	if s.Bold {
		return fyne.NewStaticResource("NotoSansSC-Bold.ttf", assets.FontBold())
	}
	return fyne.NewStaticResource("NotoSansSC-Regular.ttf", assets.FontRegular())
}

func (t fontTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, v)
}

func main() {
	a := app.NewWithID("bench.barewindow")
	a.Settings().SetTheme(fontTheme{theme.DefaultTheme()})
	w := a.NewWindow("barewindow")
	w.SetContent(widget.NewLabel("危机沟通桌面推演 · Crisis-communication tabletop exercises"))
	w.Resize(fyne.NewSize(1280, 720))
	w.ShowAndRun()
}
