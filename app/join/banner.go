package join

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/firebreak-drills/firebreak/app/ui"
)

// wrapBanner is a coloured bar across a laptop's screen whose sentence
// wraps: the connection's state is a long sentence, which on one line
// made the window wider than a 1024-pixel screen.
type wrapBanner struct {
	Box *fyne.Container
}

// newWrapBanner is a banner with text in fg (a theme colour drawn on bg),
// bold and at the subheading's size.
func newWrapBanner(text string, bg color.Color, fg fyne.ThemeColorName) *wrapBanner {
	rect := canvas.NewRectangle(bg)
	rect.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	l := ui.Wrapped(text)
	l.Alignment = fyne.TextAlignCenter
	l.SizeName = theme.SizeNameSubHeadingText
	l.SetSpans([]ui.TextSpan{{Text: text, Color: fg, Bold: true}})
	return &wrapBanner{Box: container.NewStack(rect, container.NewPadded(l))}
}

// lostBanner says the connection to the facilitator's laptop is lost (key:
// the sentence for a team's laptop or a role-player's).
func lostBanner(text string) *wrapBanner {
	return newWrapBanner(text, theme.Color(theme.ColorNameError), theme.ColorNameForegroundOnError)
}

// overBanner says the exercise is over.
func overBanner(text string) *wrapBanner {
	return newWrapBanner(text, theme.Color(theme.ColorNamePrimary), theme.ColorNameForegroundOnPrimary)
}

// SetVisible shows or hides the banner (hidden, it takes no room).
func (b *wrapBanner) SetVisible(v bool) {
	if v {
		b.Box.Show()
	} else {
		b.Box.Hide()
	}
}
