package play

import (
	"fyne.io/fyne/v2"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// pictureRow is an inject's pictures on its card, below its text: each a
// thumbnail that opens large, with what it shows beneath; a picture the
// exercise does not have shows as its description.
func pictureRow(win fyne.Window, loc *i18n.Localizer, in *scenario.Inject, pictures map[string][]byte, lang string) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, m := range in.Media {
		out = append(out, ui.NewPicture(win, loc, pictures[m.File], m.Alt.Get(lang)))
	}
	return out
}
