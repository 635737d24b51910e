// Package assets holds the files embedded into the Firebreak binary: the
// application icon, the bundled CJK fonts (Noto Sans SC, subset; SIL Open Font
// License 1.1, licence text in fonts/NotoSansSC-LICENSE.txt) and the UI
// translation catalogs.
//
// It imports nothing from this module, so any package may depend on it.
//
// To rebuild the fonts after adding scenarios or translations, run
// fonts/regenerate.sh; to redraw the icon, run `go run icon_gen.go` here.
package assets

import (
	"embed"
	"sync"
)

// FS holds every embedded asset under its path relative to this directory,
// e.g. "icon.png", "fonts/NotoSansSC-Regular.ttf", "translations/en.json".
//
//go:embed fonts/*.ttf fonts/NotoSansSC-LICENSE.txt icon.png translations/*.json
var FS embed.FS

// Paths of the embedded files, for use with FS.
const (
	IconPath        = "icon.png"
	FontRegularPath = "fonts/NotoSansSC-Regular.ttf"
	FontBoldPath    = "fonts/NotoSansSC-Bold.ttf"
	FontLicensePath = "fonts/NotoSansSC-LICENSE.txt"
	TranslationsDir = "translations"
)

// mustRead reads an embedded file once. The files are fixed at compile time
// by the go:embed pattern above, so a failure is a build mistake.
func mustRead(name string) func() []byte {
	return sync.OnceValue(func() []byte {
		b, err := FS.ReadFile(name)
		if err != nil {
			panic("assets: " + err.Error())
		}
		return b
	})
}

var (
	icon        = mustRead(IconPath)
	fontRegular = mustRead(FontRegularPath)
	fontBold    = mustRead(FontBoldPath)
	fontLicense = mustRead(FontLicensePath)
)

// Icon returns the application icon (PNG, 512×512). Callers must not modify
// the returned slice; it is shared.
func Icon() []byte { return icon() }

// FontRegular returns Noto Sans SC Regular (TrueType, subset to GB2312 plus
// every character used by the translations and built-in scenarios). Shared;
// do not modify.
func FontRegular() []byte { return fontRegular() }

// FontBold returns Noto Sans SC Bold (TrueType, same subset). Shared; do not
// modify.
func FontBold() []byte { return fontBold() }

// FontLicense returns the licence text that must accompany the fonts.
func FontLicense() []byte { return fontLicense() }
