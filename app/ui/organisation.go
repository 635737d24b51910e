package ui

import (
	"errors"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// AskOrganisation asks which organisation or cohort an exercise is filed
// under (the training programme): names are the organisations so far,
// offered in the entry's menu; current is the exercise's. A name that
// exercise.CleanOrganisation refuses is refused beside the entry; save
// hears the cleaned name ("" for none).
func AskOrganisation(win fyne.Window, loc *i18n.Localizer, names []string, current string, save func(org string)) {
	entry := widget.NewSelectEntry(names)
	entry.SetText(current)
	entry.SetPlaceHolder(loc.T("programme.org_placeholder"))
	errLine := Wrapped("")
	errLine.Importance = widget.DangerImportance
	var d *dialog.CustomDialog
	ok := func() {
		org, err := exercise.CleanOrganisation(entry.Text)
		if err != nil {
			errLine.SetText(OrganisationError(loc, err))
			return
		}
		d.Hide()
		save(org)
	}
	entry.OnSubmitted = func(string) { ok() }
	width := canvas.NewRectangle(color.Transparent) // the dialog's width: a name is read whole
	width.SetMinSize(fyne.NewSize(440, 0))
	body := container.NewVBox(width, Wrapped(loc.T("programme.org_help")), entry, errLine)
	d = dialog.NewCustomWithoutButtons(loc.T("programme.org_title"), body, win)
	saveButton := NewButton(loc.T("programme.org_save"), ok)
	saveButton.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{NewButton(loc.T("common.cancel"), d.Hide), saveButton})
	d.Show()
	win.Canvas().Focus(entry)
}

// OrganisationError says why an organisation's name was refused, in the
// UI language.
func OrganisationError(loc *i18n.Localizer, err error) string {
	switch {
	case errors.Is(err, exercise.ErrOrganisationTooLong):
		return loc.T("programme.org_too_long", "n", exercise.MaxOrganisation)
	case errors.Is(err, exercise.ErrOrganisationControl):
		return loc.T("programme.org_control")
	}
	return ErrorText(loc, err)
}
