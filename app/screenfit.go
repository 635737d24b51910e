package app

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.4/glfw"
)

// preferredWindow is the window's size on a screen with room for it.
var preferredWindow = fyne.NewSize(1280, 800)

// fitWindow is the window size for a screen whose work area (the screen
// without its task bars) is workW×workH screen pixels at the given canvas
// scale: the preferred size where it fits, else the work area less a margin
// for the window's title bar and border, so that no part of the window,
// the language switch included, lies off the screen of a 1024×600 netbook
// or a 1366×768 laptop.
func fitWindow(preferred fyne.Size, workW, workH int, scale float32) fyne.Size {
	if workW <= 0 || workH <= 0 || scale <= 0 {
		return preferred
	}
	const border, titleBar = 16, 48 // screen pixels a window manager may add
	w := float32(workW-border) / scale
	h := float32(workH-titleBar) / scale
	return fyne.NewSize(min(preferred.Width, w), min(preferred.Height, h))
}

// fitToScreen resizes w to the size it had when the app last closed (or
// the preferred size), fitted to the primary screen's work area. It must
// run on the main goroutine once the app has started (GLFW is ready then).
func fitToScreen(w fyne.Window, p fyne.Preferences) {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return
	}
	_, _, workW, workH := m.GetWorkarea()
	w.Resize(fitWindow(savedWindow(p), workW, workH, w.Canvas().Scale()))
	w.CenterOnScreen()
}

// The window's size when the app last closed, remembered in the
// preferences (fyne units).
const (
	windowWidthPref  = "window.width"
	windowHeightPref = "window.height"
)

// smallestWindow is the least size remembered: a window dragged tiny by
// accident does not come back tiny.
var smallestWindow = fyne.NewSize(640, 400)

// savedWindow is the remembered window size, or the preferred one.
func savedWindow(p fyne.Preferences) fyne.Size {
	w, h := p.Float(windowWidthPref), p.Float(windowHeightPref)
	if w < float64(smallestWindow.Width) || h < float64(smallestWindow.Height) {
		return preferredWindow
	}
	return fyne.NewSize(float32(w), float32(h))
}

// saveWindow remembers the window's size for the next start.
func saveWindow(p fyne.Preferences, size fyne.Size) {
	if size.Width >= smallestWindow.Width && size.Height >= smallestWindow.Height {
		p.SetFloat(windowWidthPref, float64(size.Width))
		p.SetFloat(windowHeightPref, float64(size.Height))
	}
}
