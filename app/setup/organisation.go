package setup

import (
	"errors"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/exercise"
)

// organisationItem is the form's optional organisation or cohort, which
// files the exercise in the training programme.
func (s *Screen) organisationItem() *widget.FormItem {
	loc := s.host.Loc()
	entry := widget.NewEntry()
	entry.SetText(s.organisation)
	entry.SetPlaceHolder(loc.T("programme.org_placeholder"))
	entry.OnChanged = func(v string) { s.organisation = v }
	errLine := ui.Wrapped(s.orgErr)
	errLine.Importance = widget.DangerImportance
	if s.orgErr == "" {
		errLine.Hide()
	}
	hint := ui.Muted(loc.T("programme.setup_org_help"))
	hint.SizeName = theme.SizeNameCaptionText
	return widget.NewFormItem(loc.T("programme.setup_org"), container.NewVBox(entry, errLine, hint))
}

// checkOrganisation cleans the organisation as typed, or says why it is
// refused (orgErr).
func (s *Screen) checkOrganisation() {
	loc := s.host.Loc()
	org, err := exercise.CleanOrganisation(s.organisation)
	switch {
	case errors.Is(err, exercise.ErrOrganisationTooLong):
		s.orgErr = loc.T("programme.org_too_long", "n", exercise.MaxOrganisation)
	case err != nil:
		s.orgErr = loc.T("programme.org_control")
	default:
		s.organisation, s.orgErr = org, ""
	}
}
