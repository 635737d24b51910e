package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
)

// The UI kit: small helpers shared by the screens (the colours and layouts
// that are not one screen's own).

// WithAlpha is c with its alpha replaced by a.
func WithAlpha(c color.Color, a uint8) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

// FixedLayout gives its container a fixed minimum size; the objects in it
// are placed by hand (or, with fill, stretched over it).
type FixedLayout struct {
	Size fyne.Size
	Fill bool
}

func (l *FixedLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if !l.Fill {
		return
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *FixedLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.Size }
