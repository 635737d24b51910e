package ui

import (
	"image"
	"image/color"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The pieces of the cards that imitate a channel (a microblog post, a news
// article, a television strap, a call, an email, a memo): a persona's
// avatar, the breaking-news strap and the header lines of an email or a
// memo.

// AvatarSize is the side of an avatar on a card.
const AvatarSize = 40

// Avatar is a persona's picture, round-cornered, AvatarSize a side; or,
// without a picture (or one that does not decode), the first letter of the
// name in a circle. The picture is decoded off the UI goroutine with the
// cards' thumbnails (NewPicture), the letter shows until it is.
type Avatar struct {
	widget.BaseWidget
	name    string
	content *fyne.Container
	face    *fyne.Container // the letter or the picture
	image   *canvas.Image
}

// NewAvatar makes an avatar; data may be nil.
func NewAvatar(data []byte, name string) *Avatar {
	a := &Avatar{name: name}
	a.ExtendBaseWidget(a)
	a.face = container.NewStack(a.initial()...)
	// Centred at its size: a row taller than the avatar leaves it round.
	a.content = container.NewCenter(container.NewStack(spacer(AvatarSize), a.face))
	if len(data) == 0 {
		return a
	}
	if img, ok := thumbs.get(data); ok {
		a.show(img)
		return a
	}
	go func() {
		img, err := thumbnail(data)
		if err != nil {
			return // the letter stays
		}
		thumbs.put(data, img)
		Do(func() {
			a.show(img)
			a.face.Refresh()
		})
	}()
	return a
}

// initial is the circle with the name's first letter.
func (a *Avatar) initial() []fyne.CanvasObject {
	circle := canvas.NewCircle(theme.Color(theme.ColorNamePrimary))
	letter := canvas.NewText(Initial(a.name), theme.Color(theme.ColorNameForegroundOnPrimary))
	letter.TextStyle.Bold = true
	letter.TextSize = theme.Size(theme.SizeNameSubHeadingText)
	letter.Alignment = fyne.TextAlignCenter
	return []fyne.CanvasObject{circle, container.NewCenter(letter)}
}

func (a *Avatar) show(img image.Image) {
	a.image = canvas.NewImageFromImage(img)
	a.image.FillMode = canvas.ImageFillCover
	a.image.ScaleMode = canvas.ImageScaleSmooth
	a.image.CornerRadius = AvatarSize / 2
	a.face.Objects = []fyne.CanvasObject{a.image}
}

// spacer is an empty square side a side.
func spacer(side float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSquareSize(side))
	return r
}

// HasPicture reports whether the avatar shows a picture (not the letter).
func (a *Avatar) HasPicture() bool { return a.image != nil }

func (a *Avatar) MinSize() fyne.Size { return fyne.NewSquareSize(AvatarSize) }

func (a *Avatar) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(a.content)
}

// Initial is the letter an avatar shows for a name: its first letter or
// Han character, upper-cased ("@LocalMum" → "L", "李伟" → "李"); "?" for
// a name without one.
func Initial(name string) string {
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return strings.ToUpper(string(r))
		}
	}
	return "?"
}

// BreakingStrap is a television's breaking-news strap: a label block
// ("BREAKING") beside the headline, light on the error colour, across the
// card's width. The headline wraps and can be selected.
func BreakingStrap(label, headline string) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameError))
	tag := canvas.NewText(label, theme.Color(theme.ColorNameError))
	tag.TextStyle.Bold = true
	tag.TextSize = theme.Size(theme.SizeNameSubHeadingText)
	tagBg := canvas.NewRectangle(theme.Color(theme.ColorNameForegroundOnError))
	tagBox := container.NewStack(tagBg, container.NewPadded(tag))
	head := WrappedBold(headline)
	head.colorName = theme.ColorNameForegroundOnError
	head.SizeName = theme.SizeNameSubHeadingText
	return container.NewStack(bg, container.NewPadded(container.NewBorder(nil, nil, container.NewVBox(tagBox), nil, head)))
}

// HeaderLine is one line of an email's or a memo's header: a label in
// bold ("From") and its value.
type HeaderLine struct {
	Label, Value string
}

// HeaderLines draws an email's or a memo's header: each line its label
// in bold and its value, in one wrapped, selectable paragraph (the lines
// sit close, as in a mail program), with a rule below.
func HeaderLines(lines ...HeaderLine) fyne.CanvasObject {
	var spans []TextSpan
	for i, l := range lines {
		value := l.Value
		if i < len(lines)-1 {
			value += "\n"
		}
		spans = append(spans, TextSpan{Text: l.Label + "  ", Bold: true, Color: theme.ColorNamePlaceHolder}, TextSpan{Text: value})
	}
	w := Wrapped("")
	w.SetSpans(spans)
	return container.NewVBox(w, widget.NewSeparator())
}
