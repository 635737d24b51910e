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

// fitToScreen resizes w to fit the primary screen's work area. It must run
// on the main goroutine once the app has started (GLFW is ready then).
func fitToScreen(w fyne.Window) {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return
	}
	_, _, workW, workH := m.GetWorkarea()
	w.Resize(fitWindow(preferredWindow, workW, workH, w.Canvas().Scale()))
	w.CenterOnScreen()
}
