// Package uitest holds the fixtures that the tests of the UI kit and of the
// screens share: a test window in the app's theme at a laptop's size.
package uitest

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/fbtheme"
)

// Window is a temporary test app in Firebreak's theme (its bundled fonts,
// so Chinese text measures as it does on screen) and a 1280×800 window,
// both torn down when the test ends.
func Window(t testing.TB) fyne.Window {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(fbtheme.New())
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 800))
	return w
}
