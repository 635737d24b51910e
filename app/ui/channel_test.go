package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// An avatar without a picture is the name's first letter in a circle of
// the primary colour, AvatarSize a side.
func TestGoldenAvatarInitial(t *testing.T) {
	w := goldenWindow(t, 120, 60)
	w.SetContent(container.NewHBox(NewAvatar(nil, "@LocalMum"), NewAvatar(nil, "李伟")))
	resizeWindow(w, fyne.NewSize(120, 60))
	test.AssertRendersToMarkup(t, "channel/avatar.xml", w.Canvas())
}

// The breaking-news strap: the label in the error colour on a light block,
// the headline in bold on the error colour, wrapped.
func TestGoldenBreakingStrap(t *testing.T) {
	w := goldenWindow(t, 360, 120)
	w.SetContent(container.NewVBox(BreakingStrap("BREAKING", "Clearbrook juice under investigation as parents report sick children")))
	resizeWindow(w, fyne.NewSize(360, 120))
	test.AssertRendersToMarkup(t, "channel/strap.xml", w.Canvas())
}

// An email's header: each label in bold and muted, its value beside it,
// a rule below.
func TestGoldenHeaderLines(t *testing.T) {
	w := goldenWindow(t, 360, 140)
	w.SetContent(container.NewVBox(HeaderLines(HeaderLine{"From:", "Zhou Yan, Tidewater Daily"}, HeaderLine{"Subject:", "Request for comment"})))
	resizeWindow(w, fyne.NewSize(360, 140))
	test.AssertRendersToMarkup(t, "channel/header.xml", w.Canvas())
}

func TestInitial(t *testing.T) {
	for name, want := range map[string]string{"@LocalMum": "L", "李伟": "李", "zhou": "Z", "": "?", "—": "?", "9to5": "9"} {
		if got := Initial(name); got != want {
			t.Errorf("Initial(%q) = %q, want %q", name, got, want)
		}
	}
}
