package assets

import (
	"bytes"
	"encoding/json"
	"image/png"
	"io/fs"
	"testing"
)

func TestIcon(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon()))
	if err != nil {
		t.Fatalf("icon.png: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 512 {
		t.Errorf("icon.png is %dx%d, want 512x512", b.Dx(), b.Dy())
	}
}

func TestFonts(t *testing.T) {
	for name, b := range map[string][]byte{"regular": FontRegular(), "bold": FontBold()} {
		// A single-face TrueType file starts with sfnt version 0x00010000;
		// collections ("ttcf") and CFF fonts ("OTTO") are refused by Fyne or
		// by the PDF libraries.
		if len(b) < 1<<20 || !bytes.HasPrefix(b, []byte{0, 1, 0, 0}) {
			t.Errorf("%s font: %d bytes, header % x: want a TrueType font of at least 1 MB", name, len(b), b[:min(4, len(b))])
		}
	}
	if !bytes.Contains(FontLicense(), []byte("Open Font License")) {
		t.Error("font licence text does not mention the Open Font License")
	}
}

func TestTranslationsAreJSON(t *testing.T) {
	files, err := fs.Glob(FS, TranslationsDir+"/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no embedded translations (%v)", err)
	}
	for _, f := range files {
		b, _ := FS.ReadFile(f)
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
