package home

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// ReminderText says how far an organisation's next drill is: "Next drill
// (North Water) in 5 days: 2026-12-12", tomorrow, today, or overdue.
func ReminderText(loc *i18n.Localizer, r exercise.Reminder) string {
	switch {
	case r.Days > 1:
		return loc.T("programme.reminder_in", "org", r.Organisation, "n", r.Days, "date", r.Date)
	case r.Days == 1:
		return loc.T("programme.reminder_tomorrow", "org", r.Organisation, "date", r.Date)
	case r.Days == 0:
		return loc.T("programme.reminder_today", "org", r.Organisation, "date", r.Date)
	case r.Days == -1:
		return loc.T("programme.reminder_overdue_one", "org", r.Organisation, "date", r.Date)
	default:
		return loc.T("programme.reminder_overdue", "org", r.Organisation, "n", -r.Days, "date", r.Date)
	}
}

// reminder is the home screen's line about a next drill near or past,
// which opens the programme; one past its date is in the danger colour.
func reminder(loc *i18n.Localizer, r exercise.Reminder, open func()) fyne.CanvasObject {
	text := ui.Wrapped(ReminderText(loc, r))
	text.TextStyle.Bold = true
	var icon fyne.Resource
	if r.Days < 0 {
		text.Importance = widget.DangerImportance
		icon = theme.ErrorIcon()
	} else {
		text.Importance = widget.WarningImportance
		icon = theme.WarningIcon()
	}
	b := ui.NewIconButton(loc.T("programme.home_button"), theme.NavigateNextIcon(), open)
	return ui.Panel(container.NewBorder(nil, nil, widget.NewIcon(icon), b, text))
}

// addProgramme is the way to the training programme.
func (h *Screen) addProgramme(box *fyne.Container) {
	loc, host, ls := h.host.Loc(), h.host, h.lists
	open := ui.NewIconButton(loc.T("programme.home_button"), theme.GridIcon(), host.ShowProgramme)
	box.Add(ui.Heading(loc.T("programme.home_title")))
	box.Add(ui.Wrapped(loc.T("programme.home_help")))
	if ls.StoreErr != nil || ls.Exercises == 0 {
		open.Disable()
	}
	box.Add(container.NewHBox(open))
}
