package ui

import (
	"bytes"
	"image"
	_ "image/jpeg" // pictures are PNG or JPEG (scenario.CheckPicture)
	_ "image/png"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	xdraw "golang.org/x/image/draw"

	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// Thumbnails are drawn at most this large on a card, in device-independent
// pixels; they are scaled down once, to twice that for sharp HiDPI screens.
const (
	ThumbWidth  = 320
	ThumbHeight = 180
)

// Picture is one of an inject's pictures on its card: scaled down to fit
// ThumbWidth×ThumbHeight with its description beneath, opened large in a
// dialog when tapped. The picture is decoded and scaled off the UI
// goroutine (a 2048-pixel JPEG takes tens of milliseconds); until then the
// box is empty. A picture the exercise does not have (left out as
// unreadable, or played without it) shows as its description only.
type Picture struct {
	widget.BaseWidget
	win     fyne.Window
	loc     *i18n.Localizer
	data    []byte
	alt     string
	image   *canvas.Image
	content *fyne.Container
	failed  bool // the picture did not decode
}

// NewPicture makes a card's picture; data may be nil.
func NewPicture(win fyne.Window, loc *i18n.Localizer, data []byte, alt string) *Picture {
	p := &Picture{win: win, loc: loc, data: data, alt: alt}
	p.ExtendBaseWidget(p)
	if len(data) == 0 {
		p.content = p.missing()
		return p
	}
	p.image = canvas.NewImageFromImage(nil)
	p.image.FillMode = canvas.ImageFillContain
	p.image.ScaleMode = canvas.ImageScaleSmooth
	p.image.SetMinSize(fyne.NewSize(ThumbWidth, ThumbHeight))
	p.content = container.NewVBox(container.NewHBox(p.image), Muted(alt))
	if img, ok := thumbs.get(data); ok {
		p.show(img)
		return p
	}
	go func() {
		img, err := thumbnail(data)
		if err == nil {
			thumbs.put(data, img)
		}
		Do(func() {
			if err != nil {
				p.failed = true
				p.content.Objects = p.missing().Objects
				p.content.Refresh()
				return
			}
			p.show(img)
			p.content.Refresh()
		})
	}()
	return p
}

// show puts the thumbnail in the box, sized to its shape.
func (p *Picture) show(img image.Image) {
	p.image.Image = img
	b := img.Bounds()
	w, h := fitIn(b.Dx(), b.Dy(), ThumbWidth, ThumbHeight)
	p.image.SetMinSize(fyne.NewSize(w, h))
}

// fitIn scales w×h down (never up) to fit maxW×maxH, keeping its shape.
func fitIn(w, h int, maxW, maxH float32) (float32, float32) {
	if w <= 0 || h <= 0 {
		return maxW, maxH
	}
	s := min(maxW/float32(w), maxH/float32(h), 1)
	return float32(w) * s, float32(h) * s
}

// Tapped opens the picture large.
func (p *Picture) Tapped(*fyne.PointEvent) {
	if p.image == nil || p.failed || p.win == nil {
		return
	}
	ShowPicture(p.win, p.loc, p.data, p.alt)
}

// ShowPicture opens a picture as large as the window allows, with its
// description, in a dialog. It decodes off the UI goroutine.
func ShowPicture(win fyne.Window, loc *i18n.Localizer, data []byte, alt string) {
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = canvas.ImageScaleSmooth
	size := win.Canvas().Size()
	maxW, maxH := max(size.Width-120, 200), max(size.Height-200, 150)
	img.SetMinSize(fyne.NewSize(maxW, maxH))
	d := dialog.NewCustom(loc.T("picture.title"), loc.T("common.close"), container.NewBorder(nil, Wrapped(alt), nil, nil, img), win)
	WithKeys(win, d, nil)
	d.Show()
	go func() {
		full, _, err := image.Decode(bytes.NewReader(data))
		Do(func() {
			if err != nil {
				return
			}
			b := full.Bounds()
			w, h := fitIn(b.Dx(), b.Dy(), maxW, maxH)
			img.Image = full
			img.SetMinSize(fyne.NewSize(w, h))
			img.Refresh()
			d.Refresh()
		})
	}()
}

// thumbnail decodes a picture and scales it to twice the thumbnail box.
func thumbnail(data []byte) (image.Image, error) {
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	b := src.Bounds()
	w, h := fitIn(b.Dx(), b.Dy(), 2*ThumbWidth, 2*ThumbHeight)
	if int(w) >= b.Dx() {
		return src, nil
	}
	dst := image.NewRGBA(image.Rect(0, 0, max(int(w), 1), max(int(h), 1)))
	xdraw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, b, xdraw.Src, nil)
	return dst, nil
}

// thumbs keeps the scaled pictures by the bytes they came from: an
// exercise's pictures are read once from its log and shared, and a card
// is drawn again at every change of the inbox.
var thumbs = thumbCache{m: map[*byte]image.Image{}}

const thumbCacheSize = 64 // a scenario has at most 64 pictures

type thumbCache struct {
	sync.Mutex
	m     map[*byte]image.Image
	order []*byte
}

func (c *thumbCache) get(data []byte) (image.Image, bool) {
	c.Lock()
	defer c.Unlock()
	img, ok := c.m[&data[0]]
	return img, ok
}

func (c *thumbCache) put(data []byte, img image.Image) {
	c.Lock()
	defer c.Unlock()
	k := &data[0]
	if _, ok := c.m[k]; ok {
		return
	}
	if len(c.order) >= thumbCacheSize {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
	c.m[k] = img
	c.order = append(c.order, k)
}

// missing is what shows for a picture the exercise does not have: an
// icon and the description.
func (p *Picture) missing() *fyne.Container {
	return container.NewBorder(nil, nil, widget.NewIcon(theme.FileImageIcon()), nil, Muted(p.loc.T("picture.missing", "alt", p.alt)))
}

// CreateRenderer draws the thumbnail above the description, or the
// description alone.
func (p *Picture) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

// Cursor shows that a picture opens when clicked.
func (p *Picture) Cursor() desktop.Cursor {
	if p.image == nil || p.failed {
		return desktop.DefaultCursor
	}
	return desktop.PointerCursor
}
