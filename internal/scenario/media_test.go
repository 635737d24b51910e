package scenario

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// withMedia is base with pictures on its inject.
func withMedia(media string) string {
	return strings.Replace(base, "        opens: d1\n", "        opens: d1\n        media:\n"+media, 1)
}

// pngOf encodes a w×h picture; noisy pictures do not compress.
func pngOf(t testing.TB, w, h int, noisy bool) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(uint64(w), uint64(h)))
	for y := range h {
		for x := range w {
			c := color.NRGBA{200, 80, 40, 255}
			if noisy {
				c = color.NRGBA{uint8(r.Uint32()), uint8(r.Uint32()), uint8(r.Uint32()), 255}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegOf(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const twoPictures = `          - file: photos/bottle.jpg
            alt: {en: A swollen bottle, zh: 一瓶胀气的饮料}
          - {file: shot.png, alt: {en: The viral post, zh: 那条热帖}}
`

func TestParseMedia(t *testing.T) {
	s, probs := Parse("t.yaml", []byte(withMedia(twoPictures)))
	if s == nil || len(probs) != 0 {
		t.Fatalf("scenario with pictures refused: %v", probs)
	}
	in := s.Phase("start").Injects[0]
	if len(in.Media) != 2 || in.Media[0].File != "photos/bottle.jpg" || in.Media[1].Alt.Get("zh") != "那条热帖" {
		t.Fatalf("pictures decoded wrongly: %+v", in.Media)
	}
	if got := s.MediaFiles(); len(got) != 2 || got[0] != "photos/bottle.jpg" || got[1] != "shot.png" {
		t.Fatalf("MediaFiles = %v", got)
	}
}

func TestParseMediaRefuses(t *testing.T) {
	five := strings.Repeat("          - {file: a.png, alt: {en: A, zh: 甲}}\n", 5)
	cases := []struct{ name, media, want string }{
		{"not a list", "          file: a.png\n", "must be a list of pictures"},
		{"no alt", "          - {file: a.png}\n", "needs 'alt'"},
		{"no file", "          - {alt: {en: A, zh: 甲}}\n", "needs 'file'"},
		{"alt in one language", "          - {file: a.png, alt: {en: A}}\n", `has no "zh" text`},
		{"absolute", "          - {file: /etc/a.png, alt: {en: A, zh: 甲}}\n", "must be relative to the scenario file's folder"},
		{"outside", "          - {file: ../a.png, alt: {en: A, zh: 甲}}\n", "must be relative to the scenario file's folder"},
		{"backslash", "          - {file: 'photos\\a.png', alt: {en: A, zh: 甲}}\n", "write paths with /"},
		{"not a picture", "          - {file: a.gif, alt: {en: A, zh: 甲}}\n", "must name a .png, .jpg or .jpeg file"},
		{"unknown field", "          - {file: a.png, alt: {en: A, zh: 甲}, size: 3}\n", `unknown field "size"`},
		{"too many", five, "an inject may carry at most 4"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, probs := Parse("t.yaml", []byte(withMedia(c.media)))
			if s != nil || !strings.Contains(probs.Error(), c.want) {
				t.Fatalf("want an error with %q, got %v", c.want, probs)
			}
			// Every finding is positioned in the file and has its Chinese.
			for _, p := range probs {
				if p.Pos.Line == 0 {
					t.Errorf("finding without a position: %v", p)
				}
				if zh := p.Text("zh"); zh == p.Msg {
					t.Errorf("finding not translated: %q", p.Msg)
				}
			}
		})
	}
}

func TestReadMedia(t *testing.T) {
	s, probs := Parse("t.yaml", []byte(withMedia(twoPictures)))
	if s == nil {
		t.Fatal(probs)
	}
	bottle, shot := jpegOf(t, 640, 480), pngOf(t, 300, 200, false)
	got, probs := ReadMedia(fstest.MapFS{
		"photos/bottle.jpg": {Data: bottle},
		"shot.png":          {Data: shot},
		"other.png":         {Data: shot},
	}, "t.yaml", s)
	if len(probs) != 0 || len(got) != 2 || !bytes.Equal(got["photos/bottle.jpg"], bottle) || !bytes.Equal(got["shot.png"], shot) {
		t.Fatalf("ReadMedia = %d pictures, %v", len(got), probs)
	}

	big := pngOf(t, 560, 560, true) // about 940 kB
	if len(big) > MaxMediaBytes || len(big) < MaxMediaTotal/4 {
		t.Fatalf("test picture is %d bytes; want just under %d", len(big), MaxMediaBytes)
	}
	cases := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"missing", fstest.MapFS{"shot.png": {Data: shot}}, `picture "photos/bottle.jpg" is not beside the scenario file`},
		{"garbage", fstest.MapFS{"photos/bottle.jpg": {Data: []byte("GIF89a not really")}, "shot.png": {Data: shot}}, `picture "photos/bottle.jpg" is not a PNG or JPEG picture`},
		{"png named jpg is fine", fstest.MapFS{"photos/bottle.jpg": {Data: shot}, "shot.png": {Data: shot}}, ""},
		{"too large a file", fstest.MapFS{"photos/bottle.jpg": {Data: append(bytes.Clone(bottle), make([]byte, MaxMediaBytes)...)}, "shot.png": {Data: shot}}, `picture "photos/bottle.jpg" is larger than 1048576 bytes`},
		{"too many pixels", fstest.MapFS{"photos/bottle.jpg": {Data: bottle}, "shot.png": {Data: pngOf(t, MaxMediaSide+1, 2, false)}}, `picture "shot.png" is 2049×2 pixels`},
		{"a folder", fstest.MapFS{"photos/bottle.jpg": {Data: bottle}, "shot.png/x": {Data: shot}}, `picture "shot.png" cannot be read`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, probs := ReadMedia(c.files, "t.yaml", s)
			if c.want == "" {
				if len(probs) != 0 || len(got) != 2 {
					t.Fatalf("want both pictures, got %d and %v", len(got), probs)
				}
				return
			}
			if len(probs.Errors()) != 1 || !strings.Contains(probs.Error(), c.want) {
				t.Fatalf("want one error with %q, got %v", c.want, probs)
			}
			if p := probs[0]; p.Pos.Line == 0 || p.File != "t.yaml" {
				t.Errorf("finding not placed at the inject: %v", p)
			}
			if len(got) != 1 {
				t.Errorf("want the good picture kept and the bad one left out, got %d", len(got))
			}
		})
	}

	t.Run("total", func(t *testing.T) {
		media := ""
		files := fstest.MapFS{}
		for _, n := range []string{"a", "b", "c", "d"} {
			media += "          - {file: " + n + ".png, alt: {en: A, zh: 甲}}\n"
			files[n+".png"] = &fstest.MapFile{Data: big}
		}
		s, probs := Parse("t.yaml", []byte(withMedia(media)))
		if s == nil {
			t.Fatal(probs)
		}
		got, probs := ReadMedia(files, "t.yaml", s)
		if len(got) != 3 || len(probs) != 1 || !strings.Contains(probs.Error(), `picture "d.png" takes the scenario's pictures over 3145728 bytes in all`) {
			t.Fatalf("want the fourth picture refused for the total, got %d and %v", len(got), probs)
		}
	})
}

func TestLoadFileMedia(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "t.yaml")
	if err := os.WriteFile(file, []byte(withMedia(twoPictures)), 0o600); err != nil {
		t.Fatal(err)
	}
	if s, _, probs, err := LoadFileMedia(file); s != nil || err != nil || !strings.Contains(probs.Error(), "is not beside the scenario file") {
		t.Fatalf("a scenario whose pictures are missing loaded: %v %v", probs, err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "photos"), 0o700); err != nil {
		t.Fatal(err)
	}
	bottle := jpegOf(t, 64, 48)
	for name, data := range map[string][]byte{"photos/bottle.jpg": bottle, "shot.png": pngOf(t, 10, 10, false)} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s, media, probs, err := LoadFileMedia(file)
	if s == nil || err != nil || len(probs) != 0 || !bytes.Equal(media["photos/bottle.jpg"], bottle) || len(media) != 2 {
		t.Fatalf("LoadFileMedia = %v, %d pictures, %v, %v", s != nil, len(media), probs, err)
	}
	if s2, probs, err := LoadFile(file); s2 == nil || err != nil || len(probs) != 0 {
		t.Fatalf("LoadFile = %v, %v", probs, err)
	}
}

func TestCheckPicture(t *testing.T) {
	if f, err := CheckPicture(pngOf(t, 4, 4, false)); f != "png" || err != nil {
		t.Errorf("PNG: %q %v", f, err)
	}
	if f, err := CheckPicture(jpegOf(t, MaxMediaSide, 8)); f != "jpeg" || err != nil {
		t.Errorf("JPEG at the limit: %q %v", f, err)
	}
	for name, c := range map[string]struct {
		data []byte
		want error
	}{
		"empty":   {nil, ErrPictureFormat},
		"text":    {[]byte("hello"), ErrPictureFormat},
		"tall":    {jpegOf(t, 8, MaxMediaSide+1), ErrPictureSize},
		"large":   {make([]byte, MaxMediaBytes+1), ErrPictureTooLarge},
		"cut png": {pngOf(t, 4, 4, false)[:20], ErrPictureFormat},
	} {
		if _, err := CheckPicture(c.data); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", name, err, c.want)
		}
	}
	if PictureMIME(pngOf(t, 1, 1, false)) != "image/png" || PictureMIME(jpegOf(t, 1, 1)) != "image/jpeg" {
		t.Error("PictureMIME")
	}
}

// FuzzCheckPicture: any bytes give an answer, never a panic, and what is
// accepted decodes within the limits.
func FuzzCheckPicture(f *testing.F) {
	f.Add(pngOf(f, 3, 2, false))
	f.Add(jpegOf(f, 5, 5))
	f.Add([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xff\xff\xff\xff\xff\xff\xff\x08\x06\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		format, err := CheckPicture(data)
		if err != nil {
			return
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || (format != "png" && format != "jpeg") || cfg.Width > MaxMediaSide || cfg.Height > MaxMediaSide || len(data) > MaxMediaBytes {
			t.Fatalf("accepted %q %dx%d of %d bytes: %v", format, cfg.Width, cfg.Height, len(data), err)
		}
	})
}
