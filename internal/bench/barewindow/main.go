// Command barewindow is the comparator for Firebreak's start-up time,
// memory and idle CPU (issue 13 point 5): a bare Fyne 2.8.1 window with the
// same bundled Noto Sans SC fonts, nothing else. The scripts
// scripts/startup-compare.sh and scripts/idle-cpu.sh start it and Firebreak
// side by side under Xvfb and print both and their ratio.
//
// It draws one piece of each kind of text Firebreak's first screen draws:
// regular text (a label) and bold text (a heading and a button; every Fyne
// button draws its label bold). Fyne parses a font for each text style it
// meets, so a window with regular text only would leave out the bold face
// that any Fyne window with a button loads, and the comparison would charge
// Fyne's cost of that face to Firebreak (docs/architecture.md, "Start-up,
// memory and idle CPU"). It draws none of Firebreak's content.
package main

import (
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/assets"
	"github.com/firebreak-drills/firebreak/internal/profiling"
)

// fontTheme is Fyne's default theme with the bundled fonts, read when
// first drawn, as Firebreak's theme (app/theme.go) does.
type fontTheme struct{ fyne.Theme }

var (
	regular = sync.OnceValue(func() fyne.Resource {
		return fyne.NewStaticResource("NotoSansSC-Regular.ttf", assets.FontRegular())
	})
	bold = sync.OnceValue(func() fyne.Resource {
		return fyne.NewStaticResource("NotoSansSC-Bold.ttf", assets.FontBold())
	})
)

func (t fontTheme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Monospace || s.Symbol:
		return t.Theme.Font(s)
	case s.Bold:
		return bold()
	default:
		return regular()
	}
}

func (t fontTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, v)
}

func main() {
	defer profiling.Start()() // FIREBREAK_CPUPROFILE, FIREBREAK_MEMPROFILE
	a := app.NewWithID("bench.barewindow")
	a.Settings().SetTheme(fontTheme{theme.DefaultTheme()})
	w := a.NewWindow("barewindow")
	w.SetContent(container.NewVBox(
		widget.NewLabelWithStyle("Firebreak", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel("危机沟通桌面推演 · Crisis-communication tabletop exercises"),
		container.NewHBox(widget.NewButton("OK", func() {}))))
	w.Resize(fyne.NewSize(1280, 720))
	w.ShowAndRun()
}
